"""The ``json`` and ``jsonl`` exporters."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson

import geotext
from geotext.exceptions import ExportError


def dumps(analysis: geotext.Analysis, *, indent: bool = False) -> bytes:
    """Return *analysis* as one JSON document in UTF-8, without a trailing newline.

    orjson does the encoding; the rare value it refuses (an integer beyond 64 bits, a
    lone surrogate in a text) falls back to the standard library, which escapes it.

    Raises:
        ExportError: the analysis holds a value JSON cannot represent.
    """
    data = analysis.to_dict()
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2 if indent else 0)
    except TypeError:
        pass
    try:
        return json.dumps(
            data, indent=2 if indent else None, allow_nan=False, separators=None if indent else (",", ":")
        ).encode("ascii")
    except ValueError as exc:
        raise ExportError(f"article {analysis.article.id}: {exc}") from None


def _peek_two(results: Iterable[geotext.Analysis]) -> tuple[list[geotext.Analysis], Iterator[geotext.Analysis]]:
    rest = iter(results)
    head = []
    for item in rest:
        head.append(item)
        if len(head) == 2:
            break
    return head, rest


class JsonExporter(geotext.Exporter):
    """One analysis as one JSON object; several as a JSON array, streamed item by item.

    Args:
        indent: indent by two spaces, for reading by eye.
        array: always write an array, even for one analysis.
    """

    name = "json"
    suffix = ".json"
    media_type = "application/json"

    def __init__(self, *, indent: bool = False, array: bool = False) -> None:
        self.indent = indent
        self.array = array

    def write(self, results: Iterable[geotext.Analysis], stream: BinaryIO) -> int:
        head, rest = _peek_two(results)
        if len(head) == 1 and not self.array:
            stream.write(dumps(head[0], indent=self.indent) + b"\n")
            return 1
        separator = b",\n" if self.indent else b","
        count = 0
        stream.write(b"[\n" if self.indent else b"[")
        for analysis in _chain(head, rest):
            if count:
                stream.write(separator)
            stream.write(dumps(analysis, indent=self.indent))
            count += 1
        stream.write(b"\n]\n" if self.indent and count else b"]\n")
        return count


def _chain(head: list[geotext.Analysis], rest: Iterator[geotext.Analysis]) -> Iterator[geotext.Analysis]:
    yield from head
    yield from rest


class JsonLinesExporter(geotext.Exporter):
    """JSON Lines: one analysis per line, streamed, so memory stays flat however many.

    Args:
        append: with :meth:`write_path`, add lines to an existing file instead of
            replacing it atomically. Each line goes out in a single write on a file
            opened for appending, so an interrupted run leaves whole lines only.
    """

    name = "jsonl"
    suffix = ".jsonl"
    media_type = "application/jsonl"
    line_oriented = True

    def __init__(self, *, append: bool = False) -> None:
        self.append = append

    def write(self, results: Iterable[geotext.Analysis], stream: BinaryIO) -> int:
        count = 0
        for analysis in results:
            stream.write(dumps(analysis) + b"\n")
            count += 1
        return count

    def write_path(self, results: Iterable[geotext.Analysis], path: Path) -> int:
        if not self.append:
            return super().write_path(results, path)
        try:
            fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o666)
        except OSError as exc:
            raise ExportError(f"{path}: cannot open for appending: {exc.strerror}") from None
        try:
            _check_ends_with_newline(fd, path)
            count = 0
            for analysis in results:
                _write_all(fd, dumps(analysis) + b"\n")
                count += 1
            os.fsync(fd)
            return count
        finally:
            os.close(fd)


def _check_ends_with_newline(fd: int, path: Path) -> None:
    size = os.fstat(fd).st_size
    if size and os.pread(fd, 1, size - 1) != b"\n":
        raise ExportError(f"{path}: the file ends inside a line; refusing to append after it")


def _write_all(fd: int, data: Any) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
