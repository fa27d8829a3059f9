"""geotext hook implementations: the tagger, its data version and its commands."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import geotext
from geotext.cache import ProcessCache, freeze

from ._tagger import Gazetteer

_taggers: ProcessCache[Any, Gazetteer] = ProcessCache("gazetteer taggers")


def get_tagger(settings: Mapping[str, Any] | None = None) -> Gazetteer:
    """Return the per-process tagger for these settings (loaded once, then reused)."""
    settings = settings or {}
    key = freeze(
        [settings.get(name) for name in ("extra_entries", "data_path", "cache_dir", "place_resolver", "model_path")]
        + [settings.get("cache", True), settings.get("recogniser", "model")]
    )
    return _taggers.get(
        key,
        lambda: Gazetteer.load(
            extra_entries=settings.get("extra_entries"),
            data_path=settings.get("data_path"),
            cache_dir=settings.get("cache_dir"),
            use_cache=bool(settings.get("cache", True)),
            place_resolver=settings.get("place_resolver"),
            recogniser=settings.get("recogniser", "model"),
            model_path=settings.get("model_path"),
        ),
    )


@geotext.hookimpl
def geotext_tag_entities(article: geotext.Article, config: Mapping[str, Any]) -> list[geotext.Entity]:
    return get_tagger(config.get("gazetteer", {})).tag(article)


@geotext.hookimpl
def geotext_data_versions() -> dict[str, str]:
    from ._build import read_version
    from ._places import read_model_version as read_resolver_version
    from ._recogniser import read_model_version

    return {
        "geotext-gazetteer-data": read_version(),
        "geotext-gazetteer-place-resolver": read_resolver_version(),
        "geotext-gazetteer-model": read_model_version(),
    }


@geotext.hookimpl
def geotext_register_commands(cli: Any) -> None:
    from ._cli import gazetteer

    cli.add_command(gazetteer)
