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


def feature_collection(
    results: Iterable[geotext.Analysis],
    *,
    kinds: Iterable[str] = ("state", "place"),
    article_ids: bool = True,
    claims: bool = True,
) -> tuple[dict[str, Any], int]:
    """Return the FeatureCollection of *results* and how many analyses it covers.

    Each entity of one of *kinds* that has coordinates becomes one Point Feature (lon,
    lat order, RFC 7946), its mentions counted over every analysis and its distinct article
    ids listed; the entity's other fields come from the first analysis naming it. Features are ordered by entity id.

    With *claims*, each claim whose event happened at a place or state with coordinates
    follows as a Point Feature of its own (``"kind": "claim"``), at that place, with its
    actors, codes, modality and date as properties, in article and claim order.
    """
    wanted = frozenset(kinds)
    places: dict[str, _Place] = {}
    events: list[dict[str, Any]] = []
    count = 0
    for analysis in results:
        count += 1
        article_id = analysis.article.id
        if claims:
            events.extend(_claim_features(analysis))
        for entity in analysis.entities:
            if entity.kind not in wanted or entity.coordinates is None:
                continue
            place = places.get(entity.id)
            if place is None:
                place = places[entity.id] = _Place(entity)
            place.mentions += len(entity.mentions)
            place.articles[article_id] = None
    features = [_feature(place, article_ids) for _, place in sorted(places.items())]
    return {"type": "FeatureCollection", "features": features + events}, count


def _claim_features(analysis: geotext.Analysis) -> list[dict[str, Any]]:
    """The claims of *analysis* located at a place or state with coordinates, as Point Features."""
    text = analysis.article.text
    found = []
    for claim in analysis.claims:
        location = claim.location
        if location is None or location.entity is None:
            continue
        place = analysis.entity(location.entity)
        if place.coordinates is None:
            continue
        when = claim.event_date
        first = claim.evidence[0]
        found.append(
            {
                "type": "Feature",
                "id": claim.id,
                "geometry": {"type": "Point", "coordinates": [place.coordinates.lon, place.coordinates.lat]},
                "properties": {
                    "id": claim.id,
                    "kind": "claim",
                    "article_id": analysis.article.id,
                    "speaker": claim.speaker,
                    "sources": list(claim.sources),
                    "targets": list(claim.targets),
                    "cue": claim.cue,
                    "cue_lemma": claim.cue_lemma,
                    "cameo": claim.cameo,
                    "plover": claim.plover,
                    "quad_class": claim.quad_class,
                    "modality": claim.modality,
                    "location_id": place.id,
                    "location_name": place.name,
                    "location_text": text[location.span.start : location.span.end],
                    "location_rule": location.rule,
                    "event_date": when.date.isoformat() if when else None,
                    "event_date_precision": when.precision if when else None,
                    "event_date_rule": when.rule if when else None,
                    "evidence_text": text[first.start : first.end],
                },
            }
        )
    return found


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
    """A GeoJSON FeatureCollection of the states and places with coordinates, and the claims
    at them.

    Entity features aggregate every analysis written: mention counts add up, and
    ``article_ids`` lists the articles naming each place. Claim features (``"kind":
    "claim"``) follow, one per claim located at a place or state with coordinates. QGIS
    and kepler.gl read it as it is; filter on ``kind`` for one layer.

    Args:
        kinds: the entity kinds to map.
        article_ids: include the ``article_ids`` list in each entity Feature's properties.
        claims: add the located claims as features.
        indent: indent by two spaces.
    """

    name = "geojson"
    suffix = ".geojson"
    media_type = "application/geo+json"

    def __init__(
        self,
        *,
        kinds: Iterable[str] = ("state", "place"),
        article_ids: bool = True,
        claims: bool = True,
        indent: bool = False,
    ) -> None:
        self.kinds = tuple(kinds)
        self.article_ids = article_ids
        self.claims = claims
        self.indent = indent

    def write(self, results: Iterable[geotext.Analysis], stream: BinaryIO) -> int:
        collection, count = feature_collection(
            results, kinds=self.kinds, article_ids=self.article_ids, claims=self.claims
        )
        try:
            data = orjson.dumps(collection, option=orjson.OPT_INDENT_2 if self.indent else 0)
        except TypeError:
            # orjson refuses a lone surrogate in a name; the standard library escapes it
            data = json.dumps(collection, indent=2 if self.indent else None).encode("ascii")
        stream.write(data + b"\n")
        return count
