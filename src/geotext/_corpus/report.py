"""The errors report: one JSON object per failed source or record, written as failures happen."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from .._components import display_path
from ..exceptions import ExportError

__all__ = ["ErrorReport"]


class ErrorReport:
    """The JSON Lines errors report, written as failures happen (one object per line).

    The file is created on the first failure, or at once when *always* is set.
    """

    def __init__(self, path: Path, *, always: bool = False) -> None:
        self.path = path
        self._stream: IO[str] | None = None
        if always:
            self._open()

    def _open(self) -> IO[str]:
        if self._stream is None:
            try:
                # a lone surrogate in a message is written as its \\u escape, never a crash
                self._stream = open(self.path, "w", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
            except OSError as exc:
                raise ExportError(
                    f"{display_path(self.path)}: cannot write the errors report: {exc.strerror}"
                ) from None
        return self._stream

    def add(self, failure: Mapping[str, Any]) -> None:
        stream = self._open()
        stream.write(json.dumps(dict(failure), ensure_ascii=False) + "\n")
        stream.flush()

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
