"""Hook implementations of geotext-watchlist: they only register the plugin's classes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import geotext
from geotext.cache import ProcessCache, freeze

from .exporter import MentionsTsvExporter
from .parser import NewswireParser
from .tagger import WatchlistTagger


@geotext.hookimpl
def geotext_register_parsers(register):
    register(NewswireParser())


@geotext.hookimpl
def geotext_register_exporters(register):
    register(MentionsTsvExporter)


# One tagger per configuration and process: compiling the pattern is the costly part.
_taggers: ProcessCache[Any, WatchlistTagger] = ProcessCache("watchlist taggers")


@geotext.hookimpl
def geotext_tag_entities(article: geotext.Article, config: Mapping[str, Any]):
    entries = config.get("watchlist", {}).get("entries", {})
    if not entries:
        return None
    tagger = _taggers.get(freeze(entries), lambda: WatchlistTagger(entries))
    return tagger.tag(article)
