"""A tagger for the names on a watch list: fixed entries given as data, no model."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from geotext import Article, Entity, Mention
from geotext.exceptions import ConfigError


class WatchlistTagger:
    """Find every whole-word occurrence of the names and aliases of *entries*.

    Args:
        entries: entity id to ``{"name": ..., "kind": ..., "aliases": [...]}``; the
            name and aliases are matched case-sensitively, the longest first.

    Raises:
        ConfigError: an entry lacks a name or kind.
    """

    def __init__(self, entries: Mapping[str, Mapping[str, Any]]) -> None:
        self._entries: dict[str, tuple[str, str]] = {}
        forms: dict[str, tuple[str, str]] = {}
        for entity_id, entry in entries.items():
            if not isinstance(entry, Mapping) or not entry.get("name") or not entry.get("kind"):
                raise ConfigError(f"watchlist entry {entity_id!r}: needs a name and a kind")
            self._entries[entity_id] = (entry["kind"], entry["name"])
            forms[entry["name"]] = (entity_id, "name")
            for alias in entry.get("aliases", ()):
                forms.setdefault(alias, (entity_id, "alias"))
        self._forms = forms
        # Longest names first, so "Bank of Mongolia" wins over "Mongolia" at the same place.
        names = sorted(forms, key=lambda name: (-len(name), name))
        self._pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None

    def tag(self, article: Article) -> list[Entity]:
        """Return the watched entities named in *article*, each with its mentions."""
        if self._pattern is None:
            return []
        found: dict[str, list[Mention]] = {}
        # finditer never returns overlapping matches: the tagger resolves its own overlaps.
        for match in self._pattern.finditer(article.text):
            entity_id, form = self._forms[match.group()]
            found.setdefault(entity_id, []).append(
                Mention(start=match.start(), end=match.end(), text=match.group(), form=form)
            )
        return [
            Entity(id=entity_id, kind=self._entries[entity_id][0], name=self._entries[entity_id][1], mentions=mentions)
            for entity_id, mentions in found.items()
        ]
