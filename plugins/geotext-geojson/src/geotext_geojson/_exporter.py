"""The ``geojson`` exporter."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, BinaryIO

import attrs
import orjson

import geotext


@attrs.define
class _Place:
    entity: geotext.Entity
    mentions: int = 0
    articles: dict[str, None] = attrs.Factory(dict)  # an ordered set


def feature_collection(results: Iterable[geotext.Analysis], *, kinds: Iterable[str] = ("state", "place"),
                       article_ids: bool = True) -> tuple[dict[str, Any], int]:
    """Return the FeatureCollection of *results* and how many analyses it covers.

    Each entity of one of *kinds* that has coordinates becomes one Point Feature (lon,
    lat order, RFC 7946), its mentions counted over every analysis and its distinct article ids listed; the entity's other
    fields come from the first analysis naming it. Features are ordered by entity id.
    """
    wanted = frozenset(kinds)
    places: dict[str, _Place] = {}
    count = 0
    for analysis in results:
        count += 1
        article_id = analysis.article.id
        for entity in analysis.entities:
            if entity.kind not in wanted or entity.coordinates is None:
                continue
            place = places.get(entity.id)
            if place is None:
                place = places[entity.id] = _Place(entity)
            place.mentions += len(entity.mentions)
            place.articles[article_id] = None
    features = [_feature(place, article_ids) for _, place in sorted(places.items())]
    return {"type": "FeatureCollection", "features": features}, count


def _feature(place: _Place, article_ids: bool) -> dict[str, Any]:
    entity = place.entity
    point = entity.coordinates
    assert point is not None
    properties: dict[str, Any] = {
        "id": entity.id,
        "name": entity.name,
        "kind": entity.kind,
        "country": entity.country,
        "iso2": entity.ids.get("iso2"),
        "iso3": entity.ids.get("iso3"),
        "geonames": entity.ids.get("geonames"),
        "wikidata": entity.ids.get("wikidata"),
        "mention_count": place.mentions,
        "article_count": len(place.articles),
    }
    if article_ids:
        properties["article_ids"] = list(place.articles)
    return {
        "type": "Feature",
        "id": entity.id,
        "geometry": {"type": "Point", "coordinates": [point.lon, point.lat]},
        "properties": properties,
    }


class GeoJsonExporter(geotext.Exporter):
    """A GeoJSON FeatureCollection of the states and places with coordinates.

    Features aggregate every analysis written: mention counts add up, and
    ``article_ids`` lists the articles naming each place. QGIS and kepler.gl read it
    as it is.

    Args:
        kinds: the entity kinds to map.
        article_ids: include the ``article_ids`` list in each Feature's properties.
        indent: indent by two spaces.
    """

    name = "geojson"
    suffix = ".geojson"
    media_type = "application/geo+json"

    def __init__(self, *, kinds: Iterable[str] = ("state", "place"), article_ids: bool = True,
                 indent: bool = False) -> None:
        self.kinds = tuple(kinds)
        self.article_ids = article_ids
        self.indent = indent

    def write(self, results: Iterable[geotext.Analysis], stream: BinaryIO) -> int:
        collection, count = feature_collection(results, kinds=self.kinds, article_ids=self.article_ids)
        try:
            data = orjson.dumps(collection, option=orjson.OPT_INDENT_2 if self.indent else 0)
        except TypeError:
            # orjson refuses a lone surrogate in a name; the standard library escapes it
            data = json.dumps(collection, indent=2 if self.indent else None).encode("ascii")
        stream.write(data + b"\n")
        return count
