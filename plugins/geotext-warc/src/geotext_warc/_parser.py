"""WARC web archives (.warc, .warc.gz): every HTML response record becomes an article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, ClassVar

from geotext import Article, GeotextError, InputTooLargeError, ParseError, Parser, Source
from geotext_html import DEFAULT_MAX_PAGE_BYTES, extract_article

__all__ = ["WarcParser"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _warc_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


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
    reported as a bad record, without being read into memory.
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
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed

        limit = int(source.options.get("max_page_bytes", DEFAULT_MAX_PAGE_BYTES))
        stream = source.open()
        try:
            size = stream.seek(0, 2)
            stream.seek(0)
            if not size:
                raise ParseError("empty input", source=source.name)
            records = ArchiveIterator(stream, arc2warc=True)
            index = -1
            articles = 0
            while True:
                try:
                    record = next(records)
                except StopIteration:
                    # warcio stops quietly at a gzip member cut short: bytes left over
                    # after the last whole record mean the archive was truncated
                    if records.offset < size:
                        raise ParseError(
                            f"truncated or damaged archive: {size - records.offset} bytes after "
                            f"record {index} could not be read", source=source.name, record=index + 1,
                        ) from None
                    break
                except ArchiveLoadFailed as exc:
                    where = "at the start" if index < 0 else f"after record {index}"
                    raise ParseError(f"not a readable WARC file {where}: {str(exc.msg)[:120]}", source=source.name,
                                     record=None if index < 0 else index + 1) from None
                except GeotextError:
                    raise
                except Exception as exc:  # noqa: BLE001 - zlib/gzip damage, malformed headers
                    raise ParseError(f"damaged or truncated archive after record {index}: "
                                     f"{type(exc).__name__}: {exc}", source=source.name, record=index + 1) from None
                index += 1
                try:
                    item = self._record(record, records, index, source.name, limit)
                except GeotextError:
                    raise
                except Exception as exc:  # noqa: BLE001 - warcio failing inside a damaged record
                    raise ParseError(f"damaged or truncated record: {type(exc).__name__}: {exc}",
                                     source=source.name, record=index) from None
                if item is None:
                    continue
                if source.max_records is not None and articles >= source.max_records:
                    raise InputTooLargeError(f"more than {source.max_records} records", source=source.name)
                articles += 1
                yield item
        finally:
            stream.close()

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
            return InputTooLargeError(f"HTML page larger than {limit} bytes (option max_page_bytes)",
                                      source=source, record=index)
        metadata: dict[str, Any] = {"warc_offset": records.get_record_offset()}
        if warc_date:
            metadata["warc_date"] = warc_date
        record_id = headers.get_header("WARC-Record-ID")
        if record_id:
            metadata["warc_record_id"] = record_id
        try:
            article = extract_article(page, source=source, url=uri, record=index, parser=self.name,
                                      max_page_bytes=limit, metadata=metadata)
        except ParseError as exc:
            return exc
        if article.published is None and warc_date:
            article = _with_date(article, _warc_date(warc_date))
        return article


def _drain(record: Any, source: str, index: int) -> None:
    """Read the rest of a record in chunks; raise when it ends before its Content-Length."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    if getattr(raw, "limit", 0) > 0:
        raise ParseError(f"truncated record: {raw.limit} bytes of its content are missing",
                         source=source, record=index)


def _with_date(article: Article, date: dt.datetime | None) -> Article:
    import attrs

    return attrs.evolve(article, published=date) if date else article


WarcParser.__module__ = "geotext_warc"
