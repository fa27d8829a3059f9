"""Registers the claim extractor with geotext (entry point ``claims``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import geotext
from geotext import Article, Claim, Entity
from geotext.cache import ProcessCache, freeze
from geotext.exceptions import ConfigError

from ._agents import SOURCE as AGENTS_SOURCE
from ._agents import tag_agents
from ._attribution_model import attribution_model_version
from ._extraction import ClaimExtractor

_extractors: ProcessCache[Any, ClaimExtractor] = ProcessCache("claims extractors")


def get_extractor(settings: Mapping[str, Any]) -> ClaimExtractor:
    """Return the extractor for these settings, made once per process.

    Raises:
        ConfigError: an unknown setting, or an ``extra_cues`` file that cannot be read.
    """
    unknown = set(settings) - {"extra_cues", "agents", "learned", "model"}
    if unknown:
        raise ConfigError(
            f"claims: unknown settings {sorted(unknown)}; known: ['agents', 'extra_cues', 'learned', 'model']"
        )
    extra = settings.get("extra_cues", ())
    if isinstance(extra, str) or hasattr(extra, "__fspath__"):
        extra = (extra,)
    learned = settings.get("learned", True)
    if not isinstance(learned, bool):
        raise ConfigError(f"claims: setting 'learned' must be true or false, not {learned!r}")
    model = settings.get("model")
    if model is not None and not (isinstance(model, str) or hasattr(model, "__fspath__")):
        raise ConfigError(f"claims: setting 'model' must be the path of a .crfsuite file, not {model!r}")
    paths = tuple(str(path) for path in extra)
    key = (paths, learned, freeze(model))
    return _extractors.get(key, lambda: ClaimExtractor(extra_cues=paths, learned=learned, model=model))


@geotext.hookimpl
def geotext_tag_entities(article: Article, config: Mapping[str, Any]) -> list[Entity]:
    """Generic agents that name no state ("police", "Yoruba leaders"), as group entities."""
    if not config.get("claims", {}).get("agents", True):
        return []
    return tag_agents(article)


@geotext.hookimpl
def geotext_extract_claims(article: Article, entities: Sequence[Entity], config: Mapping[str, Any]) -> list[Claim]:
    return get_extractor(config.get("claims", {})).extract(article, entities)


@geotext.hookimpl
def geotext_data_versions() -> dict[str, str]:
    extractor = get_extractor({})
    return {
        "geotext-claims-cues": extractor.lexicon.version,
        "geotext-claims-cameo-plover": extractor.cameo.version,
        "geotext-claims-agents": "petrarch2." + AGENTS_SOURCE.rsplit("@", 1)[1][:7],
        "geotext-claims-attribution": attribution_model_version(),
    }
