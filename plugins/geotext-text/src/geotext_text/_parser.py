"""Plain-text articles: headline, standfirst, paragraphs, front matter, boilerplate."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import Any, ClassVar

from geotext import Article, ParseError, Parser, Provenance, Source, Span
from geotext.dates import parse_datetime

__all__ = ["TextParser", "compose", "decode_text", "split_article"]

# A headline longer than this is taken for a paragraph: the text has no headline line.
MAX_HEADLINE_CHARS = 300
# A boilerplate line is short; a longer paragraph that merely starts like one is kept.
MAX_BOILERPLATE_CHARS = 200

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_PHOTO = re.compile(
    r"^(?:photo|image|picture|pic|photograph|illustration|video)s?"
    r"(?:\s+(?:source|credit|credits|courtesy|by))?\s*[:\-\u2013\u2014|]\s*(?P<credit>\S.*)$",
    re.IGNORECASE,
)
# Headings after which a page lists other stories: they and what follows are not the article.
_TAIL_HEADING = re.compile(
    r"^(?:related(?:\s+(?:articles?|stories|posts|news|content|coverage|reading))?|read\s+(?:more|also|next)"
    r"|also\s+read|more\s+(?:news|stories|from\s+.+)|recommended(?:\s+for\s+you)?|you\s+may\s+also\s+like"
    r"|you\s+might\s+also\s+like|most\s+read|popular\s+stories|trending(?:\s+now)?)\s*[:.]?$",
    re.IGNORECASE,
)
# Single lines that are page furniture wherever they appear.
_FURNITURE = re.compile(
    r"^(?:read\s+(?:more|also|next)\s*[:\-\u2013\u2014]\s*\S.*|also\s+read\s*[:\-\u2013\u2014]\s*\S.*"
    r"|share(?:\s+(?:this|the|on|via|to)\b.*)?[:.!]?|click\s+(?:here\s+)?to\s+share\b.*|(?:follow|like)\s+us\s+on\b.*"
    r"|subscribe\s+(?:to|for|now)\b.*|sign\s+up\s+(?:for|to)\b.*|advertisement|sponsored(?:\s+content)?"
    r"|(?:tags?|filed\s+under|topics?)\s*:\s*\S.*|copyright\s+\S.*|\u00a9\s*\S.*)$",
    re.IGNORECASE,
)
_FRONT_MATTER_KEY = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_-]*)\s*:\s*(?P<value>.*)$")
_LIST_ITEM = re.compile(r"^\s+-\s+(?P<value>.*)$|^-\s+(?P<top>.*)$")
_CHARSET = re.compile(r"charset\s*=\s*\"?(?P<charset>[A-Za-z0-9._:-]+)", re.IGNORECASE)


def decode_text(data: bytes, *, source: str, declared: str | None = None) -> tuple[str, str]:
    """Decode *data* and return ``(text, encoding)``.

    A byte order mark wins; then a *declared* encoding (decoded strictly); then
    UTF-8; then UTF-8 with the bad bytes replaced by U+FFFD when they are few (at most
    1 % of the bytes, and fewer than the valid multi-byte characters); then the best
    guess of charset-normalizer for legacy 8-bit encodings.

    Raises:
        ParseError: the declared encoding does not fit, or the bytes are not text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise ParseError(f"invalid {encoding} at byte {exc.start}", source=source) from None
    if declared:
        try:
            codecs.lookup(declared)
        except LookupError:
            raise ParseError(f"unknown encoding {declared!r}", source=source) from None
        try:
            return data.decode(declared), codecs.lookup(declared).name
        except UnicodeDecodeError as exc:
            raise ParseError(
                f"not valid {declared} at byte {exc.start} (the declared encoding)", source=source
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly[0], "utf-8"
    if b"\x00" in data[:4096] and not _looks_utf16(data):
        raise ParseError("binary data, not text", source=source)
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ParseError("cannot detect the text encoding (binary data?)", source=source)
    return str(best), best.encoding


#: Text that is valid UTF-8 but for at most this share of its bytes is read as UTF-8 with
#: the bad bytes replaced, rather than guessed as a legacy encoding that garbles the rest.
MAX_REPLACED_SHARE = 0.01

_ESCAPED = re.compile("[\udc80-\udcff]+")


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """``(text, replaced bytes)`` when *data* is UTF-8 but for a few bad bytes, else ``None``.

    Valid multi-byte sequences must outnumber the bad bytes: a legacy 8-bit text (cp1252,
    latin-1) has no valid multi-byte sequence, only "bad" bytes, and is left to the guess.
    """
    text = data.decode("utf-8", "surrogateescape")
    bad = sum(len(run) for run in _ESCAPED.findall(text))
    wide = sum(1 for char in text if char > "\x7f") - bad
    if not bad or wide < bad or bad > max(1, len(data) * MAX_REPLACED_SHARE):
        return None
    return _ESCAPED.sub(lambda run: "\ufffd" * len(run.group()), text), bad


def utf8_replaced_bytes(data: bytes) -> int:
    """How many bytes of *data* are not valid UTF-8 (0 for valid UTF-8)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", "surrogateescape")
        return sum(len(run) for run in _ESCAPED.findall(text))
    return 0


def _looks_utf16(data: bytes) -> bool:
    # Text in UTF-16 without a BOM has a NUL in every other byte of ASCII runs.
    sample = data[:512]
    return len(sample) >= 4 and (sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4)


# control characters other than the whitespace ones (\t \n \v \f \r), and U+FFFD
_BINARY_CHARS = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")


def _check_not_binary(text: str, source: str) -> None:
    sample = text[:65536]
    if not sample:
        return
    controls = len(_BINARY_CHARS.findall(sample))
    if "\x00" in sample or controls > max(2, len(sample) // 20):
        raise ParseError("binary data, not text", source=source)


def _normalise_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    return [line.rstrip() for line in text.split("\n")]


def _read_front_matter(lines: list[str]) -> tuple[dict[str, Any], list[str]]:
    """Split a leading ``---`` block of ``key: value`` lines from the body."""
    if not lines or lines[0].strip() != "---":
        return {}, lines
    values: dict[str, Any] = {}
    key: str | None = None
    for index, line in enumerate(lines[1:101], start=1):
        if line.strip() in ("---", "..."):
            return values, lines[index + 1 :]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _LIST_ITEM.match(line)
        if item and key is not None:
            value = _unquote(item.group("value") if item.group("value") is not None else item.group("top"))
            current = values.get(key)
            values[key] = ([*current] if isinstance(current, list) else ([current] if current else [])) + [value]
            continue
        match = _FRONT_MATTER_KEY.match(line)
        if match is None:
            return {}, lines  # not front matter: the text merely starts with a rule
        key = match.group("key").lower()
        raw = match.group("value").strip()
        if raw.startswith("[") and raw.endswith("]"):
            values[key] = [_unquote(part) for part in raw[1:-1].split(",") if part.strip()]
        else:
            values[key] = _unquote(raw)
    return {}, lines


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _blocks(lines: list[str]) -> list[str]:
    blocks: list[str] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return blocks


def compose(title: str | None, paragraphs: list[str]) -> tuple[str, str | None, list[Span]]:
    """Join a headline and paragraphs into ``(text, title, spans)``, one blank line apart.

    The headline, when given, is the first paragraph; the spans cover every paragraph.
    """
    article = Article.from_paragraphs(paragraphs, title=title)
    return article.text, article.title, list(article.paragraphs)


def split_article(text: str) -> tuple[str | None, list[str], dict[str, Any]]:
    """Split plain text into ``(headline, paragraphs, metadata)``.

    The first line is the headline; paragraphs are separated by blank lines;
    photo credits, share prompts and trailing "Related Articles" lists are moved
    into ``metadata["boilerplate"]`` (and the credit into ``metadata["photo_source"]``).
    """
    lines = _normalise_lines(text)
    while lines and not lines[0].strip():
        lines.pop(0)
    metadata: dict[str, Any] = {}
    if not lines:
        return None, [], metadata
    headline: str | None = lines[0].strip()
    rest = lines[1:]
    if headline is not None and len(headline) > MAX_HEADLINE_CHARS:
        headline, rest = None, lines
    blocks = _blocks(rest)

    kept: list[str] = []
    boilerplate: list[str] = []
    for index, block in enumerate(blocks):
        single = "\n" not in block and len(block) <= MAX_BOILERPLATE_CHARS
        stripped = block.strip()
        if (
            single
            and _TAIL_HEADING.match(stripped)
            and all(len(after) <= MAX_BOILERPLATE_CHARS for after in blocks[index + 1 :])
        ):
            boilerplate.extend(b.strip() for b in blocks[index:])
            break
        photo = _PHOTO.match(stripped) if single else None
        if photo:
            metadata.setdefault("photo_source", photo.group("credit").strip())
            boilerplate.append(stripped)
        elif single and (_FURNITURE.match(stripped) or _TAIL_HEADING.match(stripped)):
            boilerplate.append(stripped)
        else:
            kept.append(block)
    if boilerplate:
        metadata["boilerplate"] = boilerplate
    if len(kept) >= 2 and "\n" not in kept[0] and len(kept[0]) <= MAX_HEADLINE_CHARS * 2:
        metadata["standfirst"] = kept[0].strip()
    return headline, kept, metadata


class TextParser(Parser):
    """Read a plain-text article (the format of the seed corpus).

    The first line is the headline, an optional standfirst follows, paragraphs are
    separated by blank lines. An optional front matter block (``---`` lines around
    ``key: value`` pairs) gives ``url``, ``date``/``published``, ``source``,
    ``language``, ``title`` and ``authors``; other keys go to
    ``metadata["front_matter"]``.

    The encoding is found from a byte order mark, a declared charset (the media type
    ``text/plain; charset=...`` or the option ``encoding``), UTF-8, or else
    charset-normalizer's guess, and recorded in :attr:`Provenance.encoding`.

    >>> import geotext
    >>> article = next(TextParser().parse(geotext.Source.from_input("Title\\n\\nBody.")))
    >>> article.title, article.paragraph_texts()
    ('Title', ['Title', 'Body.'])
    """

    name: ClassVar[str] = "text"
    media_types: ClassVar[tuple[str, ...]] = ("text/plain",)
    suffixes: ClassVar[tuple[str, ...]] = (".txt", ".text")

    def sniff(self, head: bytes) -> float:
        if not head:
            return 0.0
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
            return 0.3
        stripped = head.lstrip()
        if stripped[:1] in (b"<", b"{", b"["):
            return 0.0
        try:
            sample = head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not just a character cut at the end of the head
                return 0.05
            sample = head[: exc.start].decode("utf-8")
        printable = sum(1 for ch in sample if ch.isprintable() or ch in "\n\r\t")
        return 0.2 if sample and printable / len(sample) > 0.95 else 0.0

    def parse(self, source: Source) -> Iterator[Article]:
        if source.text is not None:
            raw, encoding = source.text, None
        else:
            data = source.read_bytes()
            if not data:
                raise ParseError("empty input", source=source.name)
            raw, encoding = decode_text(data, source=source.name, declared=_declared_charset(source))
        _check_not_binary(raw, source.name)
        article = self.article_from_text(
            raw,
            source=source.name,
            encoding=encoding,
            media_type=(source.media_type or "text/plain").split(";")[0].strip(),
        )
        if encoding == "utf-8" and source.text is None:
            replaced = utf8_replaced_bytes(data)
            if replaced and article.provenance is not None:  # article_from_text always sets it
                import attrs

                article = attrs.evolve(article, provenance=attrs.evolve(article.provenance, replaced_bytes=replaced))
        yield article

    def article_from_text(
        self, raw: str, *, source: str, encoding: str | None = None, media_type: str = "text/plain"
    ) -> Article:
        """Build the article from decoded text (a public helper for other parsers)."""
        front, body_lines = _read_front_matter(_normalise_lines(raw.lstrip("\ufeff")))
        headline, paragraphs, metadata = split_article("\n".join(body_lines))
        title = front.pop("title", None)
        if isinstance(title, str) and title.strip():
            if headline is not None and headline != title.strip():
                paragraphs = [headline, *paragraphs]
            headline = title.strip()
        if headline is None and not paragraphs:
            raise ParseError("holds no text", source=source)
        published = None
        date_value = front.pop("published", None) or front.pop("date", None)
        if isinstance(date_value, str) and date_value:
            published = parse_datetime(date_value)
            if published is None:
                metadata["date"] = date_value
        authors = front.pop("authors", None) or front.pop("author", None) or []
        if isinstance(authors, str):
            authors = [a.strip() for a in re.split(r"\s*;\s*|\s*,\s*", authors) if a.strip()]
        known = {
            "url": front.pop("url", None),
            "source": front.pop("source", None),
            "language": front.pop("language", None) or front.pop("lang", None),
        }
        if front:
            metadata["front_matter"] = {k: v for k, v in front.items()}
        # one article, built from the paragraphs (compose() would build one more)
        return Article.from_paragraphs(
            paragraphs,
            title=headline,
            url=_text_or_none(known["url"]),
            source=_text_or_none(known["source"]),
            language=_text_or_none(known["language"]),
            published=published,
            authors=[str(a) for a in authors],
            metadata=metadata,
            provenance=Provenance(source=source, parser=self.name, encoding=encoding, media_type=media_type),
        )


def _text_or_none(value: Any) -> str | None:
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return value or None


def _declared_charset(source: Source) -> str | None:
    declared = source.options.get("encoding")
    if declared:
        return str(declared)
    if source.media_type:
        match = _CHARSET.search(source.media_type)
        if match:
            return match.group("charset")
    return None


# geotext's own name for the module when shown in docs and reprs
TextParser.__module__ = "geotext_text"
