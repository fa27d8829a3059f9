"""RSS and Atom feeds: one article per item, XML attacks refused before feedparser runs."""

from __future__ import annotations

import calendar
import datetime as dt
import html
import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any, ClassVar

from geotext import Article, InputTooLargeError, ParseError, Parser, Provenance, Source, ValidationError

__all__ = ["FeedParser", "check_xml_safe", "html_to_paragraphs"]

_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "table",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "figure",
        "figcaption",
        "hr",
        "dd",
        "dt",
        "aside",
    }
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg", "head"})
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
# The declaration as it is written in the other encodings an XML reader may accept (the
# byte order marks and first bytes of XML 1.0 Appendix F, and EBCDIC code pages): the
# check holds whatever the document says its encoding is.
_WIDE_ENCODINGS = (
    "utf-16-le",
    "utf-16-be",
    "utf-32-le",
    "utf-32-be",
    "cp037",
    "cp273",
    "cp424",
    "cp500",
    "cp875",
    "cp1026",
    "cp1140",
)
_ENTITY_NEEDLES = tuple(
    sorted({"<!ENTITY".encode(encoding) for encoding in _WIDE_ENCODINGS} | {b"+ADw-!ENTITY", b"+ADwAIQ-ENTITY"})
)  # UTF-7
_SNIFF = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._current: list[str] = []
        self._skipping = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.paragraphs.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: Any) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._current.append(data)


def html_to_paragraphs(fragment: str) -> list[str]:
    """Turn an HTML fragment (a feed item's content) into paragraphs of plain text.

    Block elements (``p``, ``div``, ``br``, ``li``, headings...) end a paragraph;
    scripts and styles are dropped; entities are decoded.

    >>> html_to_paragraphs("<p>One &amp; two</p><script>x()</script><p>Three<br>Four</p>")
    ['One & two', 'Three', 'Four']
    """
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    collector._flush()
    return collector.paragraphs


def check_xml_safe(data: bytes, *, source: str) -> None:
    """Refuse XML that declares entities or reaches outside itself.

    Entity declarations are how billion-laughs expansion and external entities
    (``SYSTEM "file:///etc/passwd"``) work; feeds have no use for them. defusedxml
    parses the document with every such feature forbidden, and the bytes are searched for
    an entity declaration in every encoding an XML reader may accept (UTF-8, UTF-16,
    UTF-32, UTF-7 and EBCDIC code pages), since the parser cannot read some of them.

    Raises:
        ParseError: the document declares an entity or an external reference.
    """
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError as XmlSyntaxError
    from defusedxml.ElementTree import fromstring

    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ParseError(f"refused unsafe XML: {type(exc).__name__}: {exc}", source=source) from None
    except XmlSyntaxError:
        pass  # malformed XML: feedparser's lenient reader may still make sense of it
    except Exception:  # noqa: BLE001 - expat errors on arbitrary bytes; the check below still runs
        pass
    if _ENTITY_DECL.search(data) or any(needle in data for needle in _ENTITY_NEEDLES):
        # the lenient reader would otherwise see declarations defusedxml could not parse
        # (expat reads neither UTF-32 nor EBCDIC, so defusedxml's own check passes them)
        raise ParseError("refused unsafe XML: the feed declares entities", source=source)


def _struct_to_datetime(value: Any) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(value), tz=dt.timezone.utc)
    except (OverflowError, ValueError, OSError, TypeError):
        return None


def _detail_text(value: str | None, detail: Any) -> list[str]:
    if not value:
        return []
    media = (detail or {}).get("type", "text/html") if isinstance(detail, dict) else "text/html"
    if media in ("text/plain",):
        return [" ".join(chunk.split()) for chunk in re.split(r"\n\s*\n", value) if chunk.strip()]
    return html_to_paragraphs(value)


class FeedParser(Parser):
    """Read an RSS or Atom feed through feedparser: one article per item.

    The item's full content (``content:encoded``, Atom ``content``) is used when
    present, else its summary; HTML is turned into paragraphs. The item's link, date
    and authors are kept, and the feed's title and language fill the article's source
    and language. The document is checked with :func:`check_xml_safe` first, and
    feedparser only ever receives the bytes: nothing is fetched.
    """

    name: ClassVar[str] = "feed"
    media_types: ClassVar[tuple[str, ...]] = (
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    )
    suffixes: ClassVar[tuple[str, ...]] = (".rss", ".atom", ".xml")
    multi_record: ClassVar[bool] = True

    def sniff(self, head: bytes) -> float:
        return 0.9 if _SNIFF.search(head[:4096]) else 0.0

    def parse(self, source: Source) -> Iterator[Article | ParseError]:
        data = source.read_bytes()
        if not data.strip():
            raise ParseError("empty input", source=source.name)
        check_xml_safe(data, source=source.name)
        import feedparser

        # A file object, never bytes or str: feedparser opens a str as a URL and tries
        # bytes as a local file name.
        try:
            parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
        except Exception as exc:  # noqa: BLE001 - feedparser failing on malformed input
            raise ParseError(f"cannot read the feed: {type(exc).__name__}: {exc}", source=source.name) from None
        if not parsed.get("version") and not parsed.entries:
            reason = parsed.get("bozo_exception")
            raise ParseError(f"not an RSS or Atom feed{f' ({reason})' if reason else ''}", source=source.name)
        feed = parsed.feed
        feed_title = " ".join(html_to_paragraphs(feed.get("title", ""))) or None
        language = feed.get("language") or None
        for index, entry in enumerate(parsed.entries):
            if source.max_records is not None and index >= source.max_records:
                raise InputTooLargeError(f"more than {source.max_records} records", source=source.name)
            try:
                yield self._article(entry, index, source.name, feed_title, language, parsed.get("version"))
            except ParseError as exc:
                yield exc
            except ValidationError as exc:
                yield ParseError(f"invalid item: {exc}", source=source.name, record=index)

    def _article(
        self, entry: Any, index: int, source: str, feed_title: str | None, language: str | None, version: str | None
    ) -> Article:
        title = " ".join(" ".join(html_to_paragraphs(entry.get("title", ""))).split()) or None
        paragraphs: list[str] = []
        used = None
        for content in entry.get("content") or []:
            paragraphs += _detail_text(content.get("value"), content)
            used = "content"
        if not paragraphs:
            paragraphs = _detail_text(entry.get("summary"), entry.get("summary_detail"))
            used = "summary" if paragraphs else None
        if title and paragraphs and paragraphs[0] == title:
            paragraphs = paragraphs[1:]
        if not title and not paragraphs:
            raise ParseError("item has neither title nor text", source=source, record=index)
        authors = [a.get("name") for a in entry.get("authors") or [] if a.get("name")]
        if not authors and entry.get("author"):
            authors = [entry["author"]]
        metadata: dict[str, Any] = {"feed_format": version or "unknown"}
        if used:
            metadata["text_from"] = used
        if entry.get("id"):
            metadata["guid"] = str(entry["id"])
        tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
        if tags:
            metadata["tags"] = tags
        return Article.from_paragraphs(
            paragraphs,
            title=title,
            url=entry.get("link") or None,
            source=feed_title,
            published=_struct_to_datetime(entry.get("published_parsed") or entry.get("updated_parsed")),
            language=entry.get("language") or language,
            authors=[html.unescape(" ".join(a.split())) for a in authors],
            metadata=metadata,
            provenance=Provenance(
                source=source,
                record=index,
                parser=self.name,
                media_type="application/atom+xml" if (version or "").startswith("atom") else "application/rss+xml",
            ),
        )


for _obj in (FeedParser, check_xml_safe, html_to_paragraphs):
    _obj.__module__ = "geotext_feeds"
