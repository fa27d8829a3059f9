"""News records as APIs and dumps give them: JSON documents and JSON Lines files."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import orjson

from geotext import (
    Article,
    ConfigError,
    InputTooLargeError,
    ParseError,
    Parser,
    Provenance,
    Source,
    ValidationError,
)
from geotext.dates import parse_datetime

__all__ = ["DEFAULT_FIELDS", "FieldMap", "JsonLinesParser", "JsonParser", "record_to_article"]

#: Article fields and the record keys tried for each, first match wins. A dotted key
#: (``source.name``) reaches into nested objects.
DEFAULT_FIELDS: Mapping[str, tuple[str, ...]] = {
    "id": ("id", "_id", "uuid", "guid", "article_id"),
    "title": ("title", "headline", "webTitle"),
    "text": (
        "text",
        "body",
        "content",
        "article",
        "articleBody",
        "maintext",
        "full_text",
        "fields.bodyText",
        "description",
        "summary",
    ),
    "url": ("url", "link", "href", "webUrl", "uri", "canonical_url"),
    "published": (
        "published",
        "date",
        "publishedAt",
        "published_at",
        "pubDate",
        "date_publish",
        "datePublished",
        "webPublicationDate",
        "timestamp",
        "created_at",
    ),
    "source": ("source", "publisher", "source_name", "site_name", "sitename", "source_domain", "domain"),
    "authors": ("authors", "author", "byline", "creator"),
    "language": ("language", "lang", "locale"),
}

# keys under which APIs wrap their list of articles (NewsAPI, Guardian, NYT, Elasticsearch...)
_WRAPPERS = (
    "articles",
    "results",
    "items",
    "data",
    "docs",
    "entries",
    "records",
    "news",
    "stories",
    "hits",
    "response",
    "value",
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


class FieldMap:
    """Which record keys give which article field.

    Args:
        overrides: ``{"text": "body"}`` or ``{"authors": ["byline", "writers"]}``;
            replaces the defaults of the fields it names.

    Raises:
        ConfigError: an override names an unknown article field.

    >>> FieldMap({"text": "body"}).keys["text"]
    ('body',)
    """

    def __init__(self, overrides: Mapping[str, Any] | None = None) -> None:
        keys = dict(DEFAULT_FIELDS)
        for field, value in (overrides or {}).items():
            if field not in DEFAULT_FIELDS:
                raise ConfigError(
                    f"unknown article field {field!r} in the field mapping; known: {', '.join(DEFAULT_FIELDS)}"
                )
            if isinstance(value, str):
                value = (value,)
            if not value or not all(isinstance(item, str) and item for item in value):
                raise ConfigError(f"field mapping {field}={value!r}: expected a key or a list of keys")
            keys[field] = tuple(value)
        self.keys = keys

    def get(self, record: Mapping[str, Any], field: str) -> Any:
        for key in self.keys[field]:
            value = _lookup(record, key)
            if value not in (None, "", [], {}):
                return value
        return None


def _lookup(record: Mapping[str, Any], key: str) -> Any:
    if key in record:
        return record[key]
    value: Any = record
    for part in key.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


#: How deep lists of text may nest in a field (``[["para", ...], ...]``); deeper is no article.
MAX_TEXT_DEPTH = 16


class _TooDeep(ValueError):
    pass


def _as_text(value: Any, depth: int = 0) -> str | None:
    if value is None:
        return None
    if isinstance(value, Mapping):  # {"name": ...} (NewsAPI source), {"rendered": ...} (WordPress)
        for key in ("name", "rendered", "value", "text", "title"):
            if isinstance(value.get(key), str):
                return value[key]
        return None
    if isinstance(value, list):
        if depth >= MAX_TEXT_DEPTH:
            raise _TooDeep(f"a field nests lists more than {MAX_TEXT_DEPTH} deep")
        parts = [_as_text(item, depth + 1) for item in value]
        return "\n\n".join(p for p in parts if p) or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) else None


def _as_authors(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = _as_text(item)
        if name and name.strip():
            names.append(" ".join(name.split()))
    return names


def record_to_article(
    record: Any,
    fields: FieldMap,
    *,
    source: str,
    record_index: int | None,
    parser: str,
    media_type: str = "application/json",
) -> Article:
    """Turn one decoded JSON record into an article.

    The title becomes the first paragraph; the text is split into paragraphs on
    blank lines (or on single line breaks when it has no blank line). Record keys
    that no field used are kept in ``metadata["record"]`` when they hold plain values.

    Raises:
        ParseError: the record is not an object, or has no text and no title.
    """
    try:
        return _record_to_article(
            record, fields, source=source, record_index=record_index, parser=parser, media_type=media_type
        )
    except (_TooDeep, RecursionError) as exc:
        # one record nested too deep is one bad record, never the end of the file
        reason = str(exc) if isinstance(exc, _TooDeep) else "nested too deep to read"
        raise ParseError(f"invalid record: {reason}", source=source, record=record_index) from None


def _record_to_article(
    record: Any,
    fields: FieldMap,
    *,
    source: str,
    record_index: int | None,
    parser: str,
    media_type: str,
) -> Article:
    if not isinstance(record, Mapping):
        raise ParseError(f"expected a JSON object, found {type(record).__name__}", source=source, record=record_index)
    title = _as_text(fields.get(record, "title"))
    title = " ".join(title.split()) if title else None
    body = _as_text(fields.get(record, "text")) or ""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    chunks = _PARAGRAPH_BREAK.split(body) if _PARAGRAPH_BREAK.search(body) else body.split("\n")
    paragraphs = [" ".join(chunk.split()) for chunk in chunks]
    paragraphs = [p for p in paragraphs if p]
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if not title and not paragraphs:
        tried = ", ".join(fields.keys["text"] + fields.keys["title"])
        raise ParseError(
            f"record has no text (looked for: {tried}; map one with --field text=KEY)",
            source=source,
            record=record_index,
        )
    used = {key.split(".")[0] for keys in fields.keys.values() for key in keys}
    extra = {
        k: v
        for k, v in record.items()
        if k not in used and isinstance(v, (str, int, float, bool)) and not (isinstance(v, float) and v != v)
    }
    identifier = _as_text(fields.get(record, "id"))
    published_raw = fields.get(record, "published")
    published = parse_datetime(published_raw, timestamps=True)
    metadata: dict[str, Any] = {"record": extra} if extra else {}
    if published_raw is not None and published is None:
        metadata["date"] = str(published_raw)
    try:
        return Article.from_paragraphs(
            paragraphs,
            title=title,
            id=identifier.strip() if identifier and identifier.strip() else None,
            url=_as_text(fields.get(record, "url")),
            source=_as_text(fields.get(record, "source")),
            published=published,
            language=_as_text(fields.get(record, "language")),
            authors=_as_authors(fields.get(record, "authors")),
            metadata=metadata,
            provenance=Provenance(source=source, record=record_index, parser=parser, media_type=media_type),
        )
    except ValidationError as exc:
        raise ParseError(f"invalid record: {exc}", source=source, record=record_index) from None


def _records_of(document: Any) -> tuple[list[Any], bool]:
    """Find the list of articles in a JSON document; ``(records, is_list)``."""
    if isinstance(document, list):
        return document, True
    if isinstance(document, Mapping):
        for key in _WRAPPERS:
            value = document.get(key)
            if isinstance(value, list) and (not value or isinstance(value[0], Mapping)):
                return value, True
            if isinstance(value, Mapping) and key in ("response", "hits", "data"):
                inner, found = _records_of(value)
                if found:
                    return inner, True
    return [document], False


class JsonParser(Parser):
    """Read a JSON document: one article object, an array of them, or an API response
    wrapping an array (``{"articles": [...]}``, ``{"response": {"results": [...]}}``...).

    Fields are found by the names in :data:`DEFAULT_FIELDS`; the option ``fields``
    overrides them, as ``--field text=body`` does on the command line.
    """

    name: ClassVar[str] = "json"
    media_types: ClassVar[tuple[str, ...]] = ("application/json",)
    suffixes: ClassVar[tuple[str, ...]] = (".json",)
    multi_record: ClassVar[bool] = True

    def sniff(self, head: bytes) -> float:
        stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if stripped[:1] == b"[" or (stripped[:1] == b"{" and b"\n{" not in stripped):
            return 0.6
        return 0.0

    def parse(self, source: Source) -> Iterator[Article | ParseError]:
        fields = FieldMap(source.options.get("fields"))
        data = source.read_bytes()
        if not data.strip():
            raise ParseError("empty input", source=source.name)
        try:
            document = orjson.loads(data.removeprefix(b"\xef\xbb\xbf"))
        except orjson.JSONDecodeError as exc:
            raise ParseError(f"not valid JSON: {exc}", source=source.name) from None
        try:
            records, many = _records_of(document)
        except RecursionError:
            raise ParseError("the document nests wrapper objects too deep to read", source=source.name) from None
        if many and not records:
            # an API answer without results ({"articles": []}): say so, never exit in silence
            raise ParseError("holds no articles (an empty list of records)", source=source.name)
        for index, record in enumerate(records):
            if source.max_records is not None and index >= source.max_records:
                raise InputTooLargeError(f"more than {source.max_records} records", source=source.name)
            try:
                yield record_to_article(
                    record, fields, source=source.name, record_index=index if many else None, parser=self.name
                )
            except ParseError as exc:
                if not many:
                    raise
                yield exc


class JsonLinesParser(Parser):
    """Read a JSON Lines file (one article object per line), streaming line by line.

    A line that is not valid JSON, or not an article, yields a
    :class:`~geotext.ParseError` with its record index (the line's 0-based index among
    non-blank lines) and reading goes on. The file is streamed whatever its size; one
    line longer than the source's ``max_bytes`` is a bad record
    (:class:`~geotext.InputTooLargeError`), skipped without being held in memory.
    Field mapping as for :class:`JsonParser`.
    """

    name: ClassVar[str] = "jsonl"
    media_types: ClassVar[tuple[str, ...]] = (
        "application/jsonl",
        "application/x-ndjson",
        "application/jsonlines",
        "application/x-jsonlines",
    )
    suffixes: ClassVar[tuple[str, ...]] = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
    multi_record: ClassVar[bool] = True

    def sniff(self, head: bytes) -> float:
        stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if stripped[:1] == b"{" and b"}\n{" in stripped.replace(b"\r\n", b"\n").replace(b"} \n", b"}\n"):
            return 0.7
        return 0.0

    def parse(self, source: Source) -> Iterator[Article | ParseError]:
        fields = FieldMap(source.options.get("fields"))
        stream = source.open()
        if (source.suffix or "").endswith(".gz"):
            import gzip

            stream = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
        seen_any = False
        index = -1
        try:
            while True:
                try:
                    # one line at most max_bytes: the file itself is streamed, whatever its size
                    line = stream.readline(source.max_bytes + 1)
                except (OSError, EOFError) as exc:  # a damaged .gz
                    raise ParseError(f"cannot read: {exc}", source=source.name, record=index + 1) from None
                if not line:
                    break
                if len(line) > source.max_bytes and not line.endswith(b"\n"):
                    index += 1
                    seen_any = True
                    skipped = len(line) + _skip_line(stream)
                    yield InputTooLargeError(
                        f"a record of {skipped} bytes exceeds the limit of {source.max_bytes} (max_bytes); skipped",
                        source=source.name,
                        record=index,
                    )
                    continue
                if not line.strip():
                    continue
                index += 1
                seen_any = True
                if source.max_records is not None and index >= source.max_records:
                    raise InputTooLargeError(f"more than {source.max_records} records", source=source.name)
                if index == 0:
                    line = line.removeprefix(b"\xef\xbb\xbf")
                try:
                    record = orjson.loads(line)
                except orjson.JSONDecodeError as exc:
                    yield ParseError(f"not valid JSON: {exc}", source=source.name, record=index)
                    continue
                try:
                    yield record_to_article(
                        record,
                        fields,
                        source=source.name,
                        record_index=index,
                        parser=self.name,
                        media_type="application/jsonl",
                    )
                except ParseError as exc:
                    yield exc
        finally:
            stream.close()
        if not seen_any:
            raise ParseError("empty input", source=source.name)


def _skip_line(stream: Any, chunk: int = 1 << 16) -> int:
    """Read to the end of the current line without keeping it; return the bytes skipped."""
    skipped = 0
    while True:
        part = stream.readline(chunk)
        skipped += len(part)
        if not part or part.endswith(b"\n"):
            return skipped


for _cls in (FieldMap, JsonParser, JsonLinesParser):
    _cls.__module__ = "geotext_records"
record_to_article.__module__ = "geotext_records"
