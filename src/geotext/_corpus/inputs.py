"""The inputs of a run: paths, directories, globs and ``-`` expanded into files."""

from __future__ import annotations

import contextlib
import glob
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, BinaryIO

import attrs

from .._components import Source, display_path
from ..exceptions import ConfigError, ParseError

__all__ = ["STDIN", "InputFile", "TrackedSource", "check_outputs", "expand_inputs"]

STDIN = "-"


@attrs.frozen
class InputFile:
    """One input of a run: a file path (or ``-``), its size in bytes (0 when unknown), and
    why it cannot be read, when that is known before reading (it is then reported as failed).

    The path is kept as the operating system gave it (a name that is not UTF-8 holds
    surrogate escapes); :attr:`name` is its display form (see :func:`geotext.display_path`).
    """

    path: str
    size: int = 0
    error: str | None = None

    @property
    def name(self) -> str:
        return "<stdin>" if self.path == STDIN else display_path(self.path)


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode is no input: only regular files are read (they end)."""
    if stat.S_ISREG(mode):
        return None
    for test, kind in _KINDS:
        if test(mode):
            return f"not a regular file but {kind}; only regular files (or - for stdin) are read"
    return "not a regular file; only regular files (or - for stdin) are read"


def _input_file(path: str) -> InputFile:
    try:
        info = os.stat(path)
    except OSError as exc:
        return InputFile(path, 0, f"cannot read: {exc.strerror}")
    reason = _not_regular(info.st_mode)
    return InputFile(path, 0 if reason else info.st_size, reason)


def _walk(top: str) -> Iterator[InputFile]:
    """Every file under *top*, in name order, hidden names skipped; an unreadable directory
    (or a file that is not a regular one) is yielded with its error, never skipped silently."""
    try:
        entries = sorted(os.scandir(top), key=lambda entry: entry.name)
    except OSError as exc:
        yield InputFile(top, 0, f"cannot read the directory: {exc.strerror}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()  # follows a symlink, as Path.rglob's is_file did for files
        except OSError:
            is_dir = False
        if is_dir and not entry.is_symlink():
            yield from _walk(entry.path)
        elif not is_dir:
            yield _input_file(entry.path)


def expand_inputs(items: Iterable[str]) -> list[InputFile]:
    """Files, directories (recursively, in name order, hidden files skipped), globs, ``-``.

    What cannot be read (an unreadable directory, a device, a FIFO) is listed with its
    :attr:`InputFile.error`, so that the run reports it instead of losing it silently.

    Raises:
        ParseError: an item is no file, directory or matching glob.
    """
    found: list[InputFile] = []
    for item in items:
        if item == STDIN:
            found.append(InputFile(STDIN))
            continue
        if os.path.isdir(item):
            found.extend(_walk(item))
        elif os.path.lexists(item):
            found.append(_input_file(item))
        else:
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise ParseError("no such file, directory or match", source=display_path(item))
            found.extend(_input_file(m) for m in matches if not os.path.isdir(m))
    return found


def _file_key(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def check_outputs(inputs: Iterable[InputFile], outputs: Iterable[tuple[str, Path | None]]) -> None:
    """Refuse a run whose output would overwrite one of its inputs (the same file, whatever
    the name or link that reaches it): the input would be truncated before it is read.

    Args:
        inputs: the run's inputs.
        outputs: ``(option, path)`` pairs, such as ``("--output", path)``.

    Raises:
        ConfigError: an output is one of the inputs.
    """
    targets = {
        key: (option, path) for option, path in outputs if path is not None and (key := _file_key(path)) is not None
    }
    if not targets:
        return
    for item in inputs:
        if item.path == STDIN or item.error:
            continue
        key = _file_key(item.path)
        hit = targets.get(key) if key is not None else None
        if hit is not None:
            option, path = hit
            raise ConfigError(
                f"{option} {display_path(path)} is the input {item.name}: "
                "writing it would destroy the input; choose another file"
            )


@attrs.frozen(kw_only=True)
class TrackedSource(Source):
    """A source that remembers the streams parsers open, to report how far they read."""

    opened: list[IO[bytes]] = attrs.field(factory=list, eq=False, repr=False)

    @classmethod
    def of(cls, source: Source) -> TrackedSource:
        return cls(**{field.name: getattr(source, field.name) for field in attrs.fields(Source)})

    def open(self) -> BinaryIO:
        stream = Source.open(self)
        self.opened.append(stream)
        return stream

    def position(self) -> int:
        """How far the furthest stream opened has read, in bytes."""
        best = 0
        for stream in self.opened:
            with contextlib.suppress(ValueError, OSError):
                best = max(best, stream.tell())
        return best

    def close(self) -> None:
        for stream in self.opened:
            with contextlib.suppress(OSError):
                stream.close()
