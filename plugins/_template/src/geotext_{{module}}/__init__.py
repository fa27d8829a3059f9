"""{{dist}}: {{summary}}.

The classes here are the plugin's public API as a library; :mod:`geotext_{{module}}.hooks`
only registers them with geotext.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, BinaryIO

from geotext import Analysis, Article, Entity, Exporter, Mention, Parser, Provenance, Source
from geotext.exceptions import ConfigError, ParseError

from .version import __version__

__all__ = [{{all}}, "__version__"]

# >>> kind:parser


class {{class}}Parser(Parser):
    """Read one article from UTF-8 text: the headline, a blank line, then paragraphs."""

    name = "{{name}}"
    media_types = ("text/x-{{name}}",)
    suffixes = (".{{name}}",)

    def parse(self, source: Source) -> Iterator[Article]:
        try:
            raw = source.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ParseError(f"not UTF-8 (byte {exc.start})", source=source.name) from None
        blocks = [block.strip() for block in re.split(r"\n\s*\n", raw.replace("\r\n", "\n"))]
        blocks = [" ".join(block.split()) for block in blocks if block.strip()]
        if not blocks:
            raise ParseError("holds no text", source=source.name)
        yield Article.from_paragraphs(
            blocks[1:],
            title=blocks[0],
            provenance=Provenance(source=source.name, parser=self.name, encoding="utf-8"),
        )
# <<< kind:parser
# >>> kind:tagger


class {{class}}Tagger:
    """Tag whole-word occurrences of fixed terms.

    Args:
        terms: surface text to ``{"id": ..., "kind": ..., "name": ...}``.

    Raises:
        ConfigError: a term lacks an id, kind or name.
    """

    def __init__(self, terms: Mapping[str, Mapping[str, Any]]) -> None:
        for term, entry in terms.items():
            if not isinstance(entry, Mapping) or not all(entry.get(key) for key in ("id", "kind", "name")):
                raise ConfigError(f"{{name}}: term {term!r} needs an id, a kind and a name")
        self._terms = dict(terms)
        # Longest terms first: of two terms starting at one place, the longer wins.
        ordered = sorted(self._terms, key=lambda term: (-len(term), term))
        self._pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, ordered)) + r")\b") if ordered else None

    def tag(self, article: Article) -> list[Entity]:
        """Return the entities of the terms found in *article*."""
        if self._pattern is None:
            return []
        mentions: dict[str, list[Mention]] = {}
        for match in self._pattern.finditer(article.text):
            entry = self._terms[match.group()]
            mentions.setdefault(entry["id"], []).append(
                Mention(start=match.start(), end=match.end(), text=match.group()))
        entities = []
        for entity_id, found in mentions.items():
            entry = next(e for e in self._terms.values() if e["id"] == entity_id)
            entities.append(Entity(id=entity_id, kind=entry["kind"], name=entry["name"], mentions=found))
        return entities
# <<< kind:tagger
# >>> kind:exporter


def _cell(value: str) -> str:
    # Tabs and line breaks from the article would break the line-per-analysis format.
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


class {{class}}Exporter(Exporter):
    """Write one line per analysis: article id, title and entity ids, tab-separated.

    Args:
        separator: the separator of the entity ids.
    """

    name = "{{name}}"
    suffix = ".tsv"
    media_type = "text/tab-separated-values"

    def __init__(self, *, separator: str = ",") -> None:
        self.separator = separator

    def write(self, results: Iterable[Analysis], stream: BinaryIO) -> int:
        count = 0
        for analysis in results:
            ids = self.separator.join(entity.id for entity in analysis.entities)
            row = (analysis.article.id, analysis.article.title or "", ids)
            stream.write(("\t".join(_cell(value) for value in row) + "\n").encode("utf-8"))
            count += 1
        return count
# <<< kind:exporter
