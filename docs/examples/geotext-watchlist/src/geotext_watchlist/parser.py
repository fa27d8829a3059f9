"""A parser for a plain newswire format: header lines, a blank line, then paragraphs.

::

    HEADLINE: China, Russia and Mongolia pledge unity
    DATE: 2024-06-12
    SOURCE: Example Wire

    First paragraph.

    Second paragraph.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from geotext import Article, Parser, Provenance, Source
from geotext.exceptions import ParseError

_HEADER = re.compile(r"^([A-Z][A-Z-]*): ?(.*)$")


class NewswireParser(Parser):
    """Read one article from a newswire file (suffix ``.wire``)."""

    name = "newswire"
    media_types = ("text/x-newswire",)
    suffixes = (".wire",)

    def sniff(self, head: bytes) -> float:
        # Confident only when the file starts with a header this format knows.
        return 0.9 if re.match(rb"(HEADLINE|DATE|SOURCE|URL): ", head) else 0.0

    def parse(self, source: Source) -> Iterator[Article]:
        try:
            raw = source.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ParseError(f"not UTF-8 (byte {exc.start})", source=source.name) from None
        header_block, _, body = raw.replace("\r\n", "\n").partition("\n\n")
        headers = {}
        for number, line in enumerate(header_block.splitlines(), start=1):
            match = _HEADER.match(line)
            if match is None:
                raise ParseError(f"line {number}: expected 'NAME: value'", source=source.name)
            headers[match.group(1)] = match.group(2).strip()
        headline = headers.get("HEADLINE")
        if not headline:
            raise ParseError("no HEADLINE header", source=source.name)
        published = None
        if "DATE" in headers:
            try:
                published = dt.datetime.fromisoformat(headers["DATE"])
            except ValueError:
                raise ParseError(f"DATE {headers['DATE']!r} is not an ISO date", source=source.name) from None

        # The headline is part of the text, so that every offset covers it.
        yield Article.from_paragraphs(
            [p.strip() for p in body.split("\n\n") if p.strip()],
            title=headline,
            published=published,
            source=headers.get("SOURCE"),
            url=headers.get("URL"),
            provenance=Provenance(
                source=source.name, parser=self.name, encoding="utf-8", media_type=self.media_types[0]
            ),
        )
