"""Read ``json`` and ``jsonl`` output back into :class:`geotext.Analysis` values."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import IO, Any

import orjson

import geotext
from geotext.exceptions import GeotextError, ParseError

PathOrStream = str | os.PathLike[str] | IO[Any]


def loads(data: bytes | str, *, source: str = "<json>") -> list[geotext.Analysis]:
    """Return the analyses of one ``json`` document: an object or an array of objects.

    Raises:
        ParseError: the data is not JSON, or an item is not a valid analysis (``record``
            is its index in the array).
    """
    document = _decode(data, source, None)
    if isinstance(document, dict):
        return [_analysis(document, source, None)]
    if isinstance(document, list):
        return [_analysis(item, source, index) for index, item in enumerate(document)]
    raise ParseError(f"expected a JSON object or array, got {type(document).__name__}", source=source)


def read_json(path_or_stream: PathOrStream) -> list[geotext.Analysis]:
    """Read a file (or open stream) written by the ``json`` exporter.

    Raises:
        ParseError: as :func:`loads`; also when the file cannot be read.
    """
    with _open(path_or_stream) as (stream, source):
        return loads(stream.read(), source=source)


def read_jsonl(path_or_stream: PathOrStream) -> Iterator[geotext.Analysis]:
    """Yield the analyses of a JSON Lines file (or open stream), one line at a time.

    Blank lines are skipped. Memory stays flat however long the file is.

    Raises:
        ParseError: a line is not JSON or not a valid analysis; ``record`` is the
            zero-based line number.
    """
    with _open(path_or_stream) as (stream, source):
        for number, line in enumerate(stream):
            if not line.strip():
                continue
            document = _decode(line, source, number)
            yield _analysis(document, source, number)


def _decode(data: bytes | str, source: str, record: int | None) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        error = exc
    # what orjson refuses but JSON allows (a lone surrogate escape, an integer beyond
    # 64 bits), the standard library reads: the writer's fallback produces exactly that
    try:
        return json.loads(data)
    except ValueError:
        raise ParseError(f"not JSON: {error}", source=source, record=record) from None


def _analysis(document: Any, source: str, record: int | None) -> geotext.Analysis:
    try:
        return geotext.Analysis.from_dict(document)
    except GeotextError as exc:
        raise ParseError(str(exc), source=source, record=record) from None


class _open:
    """Open a path in binary mode, or take a stream as it is (text streams too)."""

    def __init__(self, path_or_stream: PathOrStream) -> None:
        self.target = path_or_stream
        self.owned: IO[Any] | None = None

    def __enter__(self) -> tuple[IO[Any], str]:
        if isinstance(self.target, (str, os.PathLike)):
            source = os.fspath(self.target)
            try:
                self.owned = open(self.target, "rb")
            except OSError as exc:
                raise ParseError(f"cannot open: {exc.strerror}", source=source) from None
            return self.owned, source
        if not hasattr(self.target, "read"):
            raise ParseError(
                f"cannot read a {type(self.target).__name__}; pass a path or an open file",
                source=repr(self.target)[:60],
            )
        return self.target, str(getattr(self.target, "name", "<stream>"))

    def __exit__(self, *exc: object) -> None:
        if self.owned is not None:
            self.owned.close()
