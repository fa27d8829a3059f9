"""HTML pages to articles through trafilatura, from the page's bytes only."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any, ClassVar

from geotext import Article, InputTooLargeError, ParseError, Parser, Provenance, Source
from geotext.dates import parse_datetime

__all__ = ["DEFAULT_MAX_PAGE_BYTES", "HtmlParser", "extract_article"]

#: The largest page handed to trafilatura (its own MAX_FILE_SIZE); larger pages are refused.
DEFAULT_MAX_PAGE_BYTES = 20_000_000

_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?(?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)", re.I)
_META_LANG = re.compile(
    rb"<meta\b[^>]*?(?:http-equiv\s*=\s*[\"']?content-language|property\s*=\s*[\"']?og:locale)[^>]*?"
    rb"content\s*=\s*[\"']?(?P<lang>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)",
    re.I,
)
_SNIFF = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<!doctype\s+html|<html[\s>]", re.I | re.S)


def _quiet_trafilatura() -> None:
    # trafilatura logs every discarded page at WARNING; geotext reports them as ParseErrors.
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.ERROR)


_quiet_trafilatura()


def _language(head: bytes) -> str | None:
    match = _LANG.search(head) or _META_LANG.search(head)
    if match is None:
        return None
    return match.group("lang").decode("ascii").replace("_", "-")


def _authors(value: str | None) -> list[str]:
    if not value:
        return []
    # trafilatura joins several bylines with "; "
    return [name.strip() for name in value.split(";") if name.strip()]


def extract_article(
    page: bytes | str,
    *,
    source: str,
    url: str | None = None,
    record: int | None = None,
    parser: str = "html",
    max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES,
    metadata: dict[str, Any] | None = None,
) -> Article:
    """Extract the main text and metadata of one HTML page.

    Only *page* is read: nothing is fetched, whatever the page links to. The
    headline is the first paragraph of :attr:`Article.text`; every other paragraph
    of trafilatura's output becomes a paragraph span.

    Args:
        page: the page's bytes (or decoded text).
        source: the name used in errors and provenance.
        url: the page's address, when known (a WARC record's target URI); the page's
            canonical link is used when this is not given.
        record: the record index, for pages inside a multi-record source.
        parser: the parser name recorded in provenance.
        max_page_bytes: the largest page accepted.
        metadata: extra metadata to record on the article.

    Raises:
        InputTooLargeError: the page is larger than *max_page_bytes*.
        ParseError: the page is empty or has no main text.
    """
    size = len(page)
    if size > max_page_bytes:
        raise InputTooLargeError(
            f"HTML page of {size} bytes exceeds the limit of {max_page_bytes} (option max_page_bytes)",
            source=source,
            record=record,
        )
    if not page or not page.strip():
        raise ParseError("empty HTML page", source=source, record=record)
    from trafilatura import bare_extraction
    from trafilatura.settings import Document

    try:
        document = bare_extraction(
            page,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            output_format="python",
        )
    except RecursionError:
        raise ParseError("HTML nested too deeply", source=source, record=record) from None
    except Exception as exc:  # noqa: BLE001 - trafilatura or lxml failing on a malformed page
        raise ParseError(f"cannot read the HTML: {type(exc).__name__}: {exc}", source=source, record=record) from None
    # a Document, or None when nothing was found (a dict only with as_dict=True)
    text = (document.text or "") if isinstance(document, Document) else ""
    if not isinstance(document, Document) or not text.strip():
        raise ParseError("no main text found in the HTML page", source=source, record=record)

    title = " ".join((document.title or "").split()) or None
    paragraphs = [" ".join(line.split()) for line in text.split("\n")]
    paragraphs = [line for line in paragraphs if line]
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    head = page[:65536] if isinstance(page, bytes) else page[:65536].encode("utf-8", "replace")
    extra = dict(metadata or {})
    for key in ("description", "hostname", "image", "pagetype", "license"):
        value = getattr(document, key, None)
        if value:
            extra.setdefault(key, value)
    for key in ("categories", "tags"):
        value = getattr(document, key, None)
        if value:
            extra.setdefault(key, list(value))
    return Article.from_paragraphs(
        paragraphs,
        title=title,
        url=url or document.url or None,
        source=document.sitename or None,
        published=parse_datetime(document.date),
        language=_language(head),
        authors=_authors(document.author),
        metadata=extra,
        provenance=Provenance(source=source, record=record, parser=parser, media_type="text/html"),
    )


class HtmlParser(Parser):
    """Read one HTML page: main text and metadata through trafilatura.

    Title, authors, date, site name, canonical url and language (from ``<html lang>``
    or a content-language meta tag) are read from the page itself; scripts, styles,
    navigation and comments never reach the text. The option ``max_page_bytes``
    (default :data:`DEFAULT_MAX_PAGE_BYTES`) bounds the page size, and ``url`` gives
    the page's address when the page does not.
    """

    name: ClassVar[str] = "html"
    media_types: ClassVar[tuple[str, ...]] = ("text/html", "application/xhtml+xml")
    suffixes: ClassVar[tuple[str, ...]] = (".html", ".htm", ".xhtml")

    def sniff(self, head: bytes) -> float:
        if _SNIFF.search(head[:2048]):
            return 0.9
        lowered = head[:4096].lower()
        if b"<body" in lowered or b"<head" in lowered:
            return 0.6
        if lowered.lstrip().startswith(b"<") and (b"<p>" in lowered or b"<div" in lowered):
            return 0.3
        return 0.0

    def parse(self, source: Source) -> Iterator[Article]:
        limit = int(source.options.get("max_page_bytes", DEFAULT_MAX_PAGE_BYTES))
        if source.path is not None and source.path.stat().st_size > limit:
            # refuse before reading a page trafilatura would not take anyway
            raise InputTooLargeError(
                f"HTML page of {source.path.stat().st_size} bytes exceeds the limit of {limit} (option max_page_bytes)",
                source=source.name,
            )
        page = source.read_bytes()
        if not page:
            raise ParseError("empty input", source=source.name)
        yield extract_article(
            page, source=source.name, url=source.options.get("url"), parser=self.name, max_page_bytes=limit
        )


HtmlParser.__module__ = "geotext_html"
extract_article.__module__ = "geotext_html"
