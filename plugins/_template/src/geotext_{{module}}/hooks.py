"""Hook implementations of {{dist}}: they only register the plugin's classes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import geotext

from . import {{imports}}

# >>> kind:parser


@geotext.hookimpl
def geotext_register_parsers(register):
    register({{class}}Parser())
# <<< kind:parser
# >>> kind:exporter


@geotext.hookimpl
def geotext_register_exporters(register):
    register({{class}}Exporter)
# <<< kind:exporter
# >>> kind:tagger


@lru_cache(maxsize=8)
def _tagger(terms_json: str) -> {{class}}Tagger:
    # Built once per configuration and process.
    return {{class}}Tagger(json.loads(terms_json))


@geotext.hookimpl
def geotext_tag_entities(article: geotext.Article, config: Mapping[str, Any]):
    terms = config.get("{{name}}", {}).get("terms", {})
    if not terms:
        return None
    return _tagger(json.dumps(terms, sort_keys=True)).tag(article)
# <<< kind:tagger
