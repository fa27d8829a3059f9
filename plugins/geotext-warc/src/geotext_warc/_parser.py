"""WARC web archives (.warc, .warc.gz): every HTML response record becomes an article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, ClassVar

from geotext import Article, GeotextError, InputTooLargeError, ParseError, Parser, Source
from geotext.dates import parse_datetime
from geotext_html import DEFAULT_MAX_PAGE_BYTES, extract_article

__all__ = ["WarcParser"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")

#: The longest header line read (and the longest run of bytes between records), in bytes.
MAX_HEADER_LINE = 64 * 1024


class WarcParser(Parser):
    """Read a WARC file through warcio, streaming: one article per HTML response.

    Each ``response`` record with an HTTP 2xx status and an HTML content type is
    extracted by :func:`geotext_html.extract_article`; the article's url is the
    record's ``WARC-Target-URI`` and its date the page's own date, else the
    ``WARC-Date`` (always kept in ``metadata["warc_date"]``). The record index in
    provenance counts every WARC record of the file, so it locates the record; its
    byte offset is ``metadata["warc_offset"]``.

    Other records (requests, metadata, redirects, images) are skipped. A page without
    main text yields a :class:`~geotext.ParseError` for its record; a damaged or
    truncated archive yields the good records, then raises. The option
    ``max_page_bytes`` bounds one page (default 20,000,000 bytes): a larger page is
    reported as a bad record, without being read into memory. The option
    ``max_header_line`` (default 65,536 bytes) bounds every header line and any run of
    bytes between records: a longer one is reported as a bad record and reading goes on
    at the next record. An archive whose last gzip member lacks its trailer (cut short)
    is reported, after the records that could be read.
    """

    name: ClassVar[str] = "warc"
    media_types: ClassVar[tuple[str, ...]] = ("application/warc",)
    suffixes: ClassVar[tuple[str, ...]] = (".warc", ".warc.gz", ".arc", ".arc.gz")
    multi_record: ClassVar[bool] = True

    def sniff(self, head: bytes) -> float:
        if head.startswith(b"WARC/"):
            return 1.0
        if head.startswith(b"\x1f\x8b"):
            import zlib

            try:
                inflated = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
            except zlib.error:
                return 0.0
            return 1.0 if inflated.startswith(b"WARC/") else 0.0
        return 0.0

    def parse(self, source: Source) -> Iterator[Article | ParseError]:
        limit = int(source.options.get("max_page_bytes", DEFAULT_MAX_PAGE_BYTES))
        max_line = int(source.options.get("max_header_line", MAX_HEADER_LINE))
        stream = source.open()
        try:
            size = stream.seek(0, 2)
            stream.seek(0)
            if not size:
                raise ParseError("empty input", source=source.name)
            gzipped = stream.read(2) == b"\x1f\x8b"
            stream.seek(0)
            yield from self._records(stream, size, gzipped, source, limit, max_line)
        finally:
            stream.close()

    def _records(
        self, stream: Any, size: int, gzipped: bool, source: Source, limit: int, max_line: int
    ) -> Iterator[Article | ParseError]:
        from warcio.exceptions import ArchiveLoadFailed

        records = _iterator(stream, max_line)
        index = -1
        articles = 0
        last_start: int | None = None
        while True:
            try:
                record = next(records)
            except StopIteration:
                # warcio stops quietly at a gzip member cut short: bytes left over
                # after the last whole record mean the archive was truncated
                if records.offset < size:
                    raise ParseError(
                        f"truncated or damaged archive: {size - records.offset} bytes after "
                        f"record {index} could not be read",
                        source=source.name,
                        record=index + 1,
                    ) from None
                if gzipped and last_start is not None and not _member_complete(stream, last_start):
                    raise ParseError(
                        f"truncated archive: the gzip member of record {index} ends without its "
                        "8-byte trailer (the file was cut short)",
                        source=source.name,
                        record=index,
                    ) from None
                break
            except _LineTooLong:
                record = None  # a header line too long: this record is lost, the next is found
            except ArchiveLoadFailed as exc:
                where = "at the start" if index < 0 else f"after record {index}"
                raise ParseError(
                    f"not a readable WARC file {where}: {str(exc.msg)[:120]}",
                    source=source.name,
                    record=None if index < 0 else index + 1,
                ) from None
            except GeotextError:
                raise
            except Exception as exc:  # noqa: BLE001 - zlib/gzip damage, malformed headers
                raise ParseError(
                    f"damaged or truncated archive after record {index}: {type(exc).__name__}: {exc}",
                    source=source.name,
                    record=index + 1,
                ) from None
            index += 1
            item, overlong = None, record is None
            if record is not None:
                try:
                    item = self._record(record, records, index, source.name, limit)
                    # reads the blank lines after the record, where a run of junk would be
                    last_start = records.get_record_offset()
                except GeotextError:
                    raise
                except _LineTooLong:
                    overlong = True
                    index += 1  # what follows the record counts as a record of its own
                except Exception as exc:  # noqa: BLE001 - warcio failing inside a damaged record
                    raise ParseError(
                        f"damaged or truncated record: {type(exc).__name__}: {exc}", source=source.name, record=index
                    ) from None
            if item is not None:
                if source.max_records is not None and articles >= source.max_records:
                    raise InputTooLargeError(f"more than {source.max_records} records", source=source.name)
                articles += 1
                yield item
            if overlong:
                yield ParseError(
                    f"a header line, or a run of bytes between records, longer than {max_line} "
                    "bytes; skipped to the next record",
                    source=source.name,
                    record=index,
                )
                restart = _next_record_start(stream, records.offset + 1, gzipped)
                if restart is None:
                    break
                stream.seek(restart)
                records = _iterator(stream, max_line)
                last_start = None

    def _record(self, record: Any, records: Any, index: int, source: str, limit: int) -> Article | ParseError | None:
        if not record.rec_type:
            _drain(record, source, index)
            return ParseError("damaged record: no WARC-Type header", source=source, record=index)
        wanted = record.rec_type == "response" and record.http_headers is not None
        if wanted:
            status = record.http_headers.get_statuscode() or ""
            media = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
            wanted = status.startswith("2") and media in _HTML_TYPES
        if not wanted:
            _drain(record, source, index)
            return None
        headers = record.rec_headers
        uri = headers.get_header("WARC-Target-URI")
        warc_date = headers.get_header("WARC-Date")
        content = record.content_stream()
        page = content.read(limit + 1)
        _drain(record, source, index)
        if len(page) > limit:
            return InputTooLargeError(
                f"HTML page larger than {limit} bytes (option max_page_bytes)", source=source, record=index
            )
        # the record's start, known before warcio reads past it (get_record_offset would read on)
        metadata: dict[str, Any] = {"warc_offset": records.offset}
        if warc_date:
            metadata["warc_date"] = warc_date
        record_id = headers.get_header("WARC-Record-ID")
        if record_id:
            metadata["warc_record_id"] = record_id
        try:
            article = extract_article(
                page, source=source, url=uri, record=index, parser=self.name, max_page_bytes=limit, metadata=metadata
            )
        except ParseError as exc:
            return exc
        if article.published is None and warc_date:
            article = _with_date(article, parse_datetime(warc_date))
        return article


class _LineTooLong(Exception):
    pass


def _iterator(stream: Any, max_line: int) -> Any:
    """warcio's iterator over *stream* from its position, every line read bounded by *max_line*."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.bufferedreaders import DecompressingBufferedReader

    class BoundedReader(DecompressingBufferedReader):
        # warcio reads header lines, and the blank lines between records, without a
        # bound: a 4 GiB run of zeros would be one line in memory
        def readline(self, length: int | None = None) -> bytes:
            cap = max_line + 1 if length is None or length < 0 else min(length, max_line + 1)
            parts: list[bytes] = []
            total = 0
            # warcio's own readline may stop short of a bounded length: read on to the cap
            while total < cap:
                part = super().readline(cap - total)
                if not part:
                    break
                parts.append(part)
                total += len(part)
                if part.endswith(b"\n"):
                    break
            line = b"".join(parts)
            if len(line) > max_line and not line.endswith(b"\n"):
                raise _LineTooLong
            return line

    records = ArchiveIterator(stream, arc2warc=True)
    records.reader = BoundedReader(records.fh, block_size=records.reader.block_size)
    return records


def _next_record_start(stream: Any, start: int, gzipped: bool, chunk: int = 1 << 20) -> int | None:
    """The offset of the next record at or after *start*: a gzip member that inflates to
    ``WARC/``, or ``WARC/1.`` in an uncompressed archive; ``None`` at the end."""
    import zlib

    marker = b"\x1f\x8b\x08" if gzipped else b"WARC/1."
    position = start
    while True:
        stream.seek(position)
        data = stream.read(chunk + 16)
        if len(data) < len(marker):
            return None
        found = data.find(marker)
        while found != -1:
            if not gzipped:
                return position + found
            stream.seek(position + found)
            try:
                head = zlib.decompressobj(31).decompress(stream.read(4096), 16)
            except zlib.error:
                head = b""
            if head.startswith(b"WARC/"):
                return position + found
            found = data.find(marker, found + 1)
        if len(data) <= chunk:
            return None
        position += chunk


def _member_complete(stream: Any, start: int, chunk: int = 1 << 16) -> bool:
    """Whether the gzip member at *start* ends with its trailer (inflated in bounded steps)."""
    import zlib

    stream.seek(start)
    inflater = zlib.decompressobj(31)
    while not inflater.eof:
        data = inflater.unconsumed_tail or stream.read(chunk)
        if not data:
            return False
        try:
            inflater.decompress(data, chunk)
        except zlib.error:
            return False
    return True


def _drain(record: Any, source: str, index: int) -> None:
    """Read the rest of a record in chunks; raise when it ends before its Content-Length."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    if getattr(raw, "limit", 0) > 0:
        raise ParseError(f"truncated record: {raw.limit} bytes of its content are missing", source=source, record=index)


def _with_date(article: Article, date: dt.datetime | None) -> Article:
    import attrs

    return attrs.evolve(article, published=date) if date else article


WarcParser.__module__ = "geotext_warc"
