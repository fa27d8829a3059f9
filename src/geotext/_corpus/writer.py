"""The line writer: whole lines appended to the output, flushed per chunk, fsync'd each second."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any, BinaryIO

from .._components import display_path
from ..exceptions import ExportError

__all__ = ["LineWriter"]


class LineWriter:
    """Appends whole lines to a file or stream: one write per chunk, flushed, fsync'd each second.

    Args:
        target: a path (opened for appending when *append*, else truncated) or a binary stream.
        append: keep what the file holds (resume).
        sync_every: seconds between ``fsync`` calls on a file.
    """

    def __init__(self, target: Path | BinaryIO, *, append: bool = False, sync_every: float = 1.0) -> None:
        self._owned = isinstance(target, Path)
        self._path = target if isinstance(target, Path) else None
        self._append = append
        self._stream: Any = None if isinstance(target, Path) else target
        self._sync_every = sync_every
        self._last_sync = time.monotonic()
        self.name = display_path(target) if isinstance(target, Path) else "<stdout>"
        #: lines written by this writer
        self.lines = 0

    def _open(self) -> Any:
        # Opened (and so truncated) only when the first line is ready: a run that writes
        # nothing leaves an existing file as it was.
        if self._stream is None:
            assert self._path is not None
            try:
                # unbuffered: each write() is one system call of whole lines
                self._stream = open(self._path, "ab" if self._append else "wb", buffering=0)  # noqa: SIM115
            except OSError as exc:
                raise ExportError(f"{self.name}: cannot write: {exc.strerror}") from None
        return self._stream

    @property
    def touched(self) -> bool:
        """Whether the file was opened (and, unless appending, truncated)."""
        return self._stream is not None

    def write(self, lines: list[bytes]) -> None:
        if not lines:
            return
        self._open()
        self.lines += len(lines)
        data = memoryview(b"".join(lines))
        try:
            while data:
                written = self._stream.write(data)
                data = data[written if written is not None else len(data) :]
            self._stream.flush()
            if self._owned and time.monotonic() - self._last_sync >= self._sync_every:
                os.fsync(self._stream.fileno())
                self._last_sync = time.monotonic()
        except OSError as exc:
            raise ExportError(f"{self.name}: cannot write: {exc}") from None

    def close(self) -> None:
        if self._stream is None:
            if self._path is not None and not self._path.exists():
                self._open()  # an empty output where there was none
            else:
                return
        try:
            self._stream.flush()
            if self._owned:
                os.fsync(self._stream.fileno())
                self._stream.close()
        except OSError as exc:
            raise ExportError(f"{self.name}: cannot write: {exc}") from None
