"""Hook implementations of geotext-watchlist: they only register the plugin's classes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import geotext

from .exporter import MentionsTsvExporter
from .parser import NewswireParser
from .tagger import WatchlistTagger


@geotext.hookimpl
def geotext_register_parsers(register):
    register(NewswireParser())


@geotext.hookimpl
def geotext_register_exporters(register):
    register(MentionsTsvExporter)


@lru_cache(maxsize=8)
def _tagger(entries_json: str) -> WatchlistTagger:
    # Built once per distinct configuration and process: compiling the pattern is the costly part.
    return WatchlistTagger(json.loads(entries_json))


@geotext.hookimpl
def geotext_tag_entities(article: geotext.Article, config: Mapping[str, Any]):
    entries = config.get("watchlist", {}).get("entries", {})
    if not entries:
        return None
    return _tagger(json.dumps(entries, sort_keys=True)).tag(article)
