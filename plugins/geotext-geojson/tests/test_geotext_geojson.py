from __future__ import annotations

import datetime as dt
import io
import json
import math

from hypothesis import example, given
from hypothesis import strategies as st

import geotext
from geotext.testing import analyses, check_exporter, exporter_survives_any_text
from geotext_geojson import GeoJsonExporter


def render(results, **options):
    buffer = io.BytesIO()
    GeoJsonExporter(**options).write(results, buffer)
    return json.loads(buffer.getvalue())


def assert_valid_geojson(document):
    """The RFC 7946 rules a FeatureCollection of Points must keep."""
    assert set(document) == {"type", "features"} and document["type"] == "FeatureCollection"
    assert isinstance(document["features"], list)
    for feature in document["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["id"], (str, int))
        assert isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        assert geometry["type"] == "Point" and len(geometry["coordinates"]) == 2
        lon, lat = geometry["coordinates"]
        for value in (lon, lat):
            assert isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert "crs" not in feature and "crs" not in document  # removed by RFC 7946


def test_found_through_its_entry_point(seed_analyses):
    info = {plugin.name: plugin for plugin in geotext.list_plugins()}["geojson"]
    assert info.error is None and info.distribution == "geotext-geojson" and info.exporters == ("geojson",)
    document = json.loads(geotext.export(seed_analyses, format="geojson", plugins=["geojson"]))
    assert_valid_geojson(document)


def test_conformance(seed_analyses):
    check_exporter(GeoJsonExporter(), seed_analyses)
    check_exporter(GeoJsonExporter(), [])
    exporter_survives_any_text(GeoJsonExporter())


def _one_id_two_kinds():
    # one id, an organisation without coordinates in one article and a place in another
    place = geotext.Entity(id="geonames:1", kind="place", name="P", coordinates=geotext.Coordinates(lat=1, lon=2))
    other = geotext.Entity(id="geonames:1", kind="organisation", name="P")
    return [
        geotext.Analysis(article=geotext.Article(text="A"), entities=[other]),
        geotext.Analysis(article=geotext.Article(text="B"), entities=[place]),
    ]


@given(st.lists(analyses(), max_size=4))
@example(_one_id_two_kinds())
def test_valid_for_any_analyses(results):
    document = render(results)
    assert_valid_geojson(document)
    expected = {e.id for a in results for e in a.entities if e.kind in ("state", "place") and e.coordinates}
    entities = [f for f in document["features"] if f["properties"]["kind"] != "claim"]
    assert [f["id"] for f in entities] == sorted(expected)
    located = [
        c.id
        for a in results
        for c in a.claims
        if c.location and c.location.entity and a.entity(c.location.entity).coordinates
    ]
    assert [f["id"] for f in document["features"] if f["properties"]["kind"] == "claim"] == located
    for feature in entities:
        # an analysis names the place where its entity of that id is a place or state with
        # coordinates (drawn analyses may give one id another kind elsewhere)
        def located_as(analysis, feature_id=feature["id"]):
            return [
                e
                for e in analysis.entities
                if e.id == feature_id and e.kind in ("state", "place") and e.coordinates is not None
            ]

        naming = [a for a in results if located_as(a)]
        assert feature["properties"]["mention_count"] == sum(len(e.mentions) for a in naming for e in located_as(a))
        distinct = list(dict.fromkeys(a.article.id for a in naming))
        assert feature["properties"]["article_ids"] == distinct
        assert feature["properties"]["article_count"] == len(distinct)


@given(st.floats(-90, 90), st.floats(-180, 180))
def test_any_coordinates_in_range_keep_lon_lat_order(lat, lon):
    entity = geotext.Entity(id="geonames:1", kind="place", name="P", coordinates=geotext.Coordinates(lat=lat, lon=lon))
    document = render([geotext.Analysis(article=geotext.Article(text="P"), entities=[entity])])
    assert_valid_geojson(document)
    assert document["features"][0]["geometry"]["coordinates"] == [lon, lat]


def test_aggregates_across_articles(seed_analyses):
    document = render(seed_analyses)
    china = next(f for f in document["features"] if f["id"] == "iso:CHN")
    assert china["geometry"]["coordinates"] == [105.0, 35.0]
    assert china["properties"]["mention_count"] == 10
    assert china["properties"]["article_ids"] == [a.article.id for a in seed_analyses]
    beijing = next(f for f in document["features"] if f["id"] == "geonames:1816670")
    assert beijing["geometry"]["coordinates"] == [116.39723, 39.9075]
    assert "person:li-qiang" not in {f["id"] for f in document["features"]}
    assert "article_ids" not in render(seed_analyses, article_ids=False)["features"][0]["properties"]


def test_lone_surrogate_falls_back_to_escaped_json():
    entity = geotext.Entity(
        id="geonames:1", kind="place", name="bad \ud800", coordinates=geotext.Coordinates(lat=1, lon=2)
    )
    buffer = io.BytesIO()
    GeoJsonExporter().write([geotext.Analysis(article=geotext.Article(text="x"), entities=[entity])], buffer)
    assert json.loads(buffer.getvalue())["features"][0]["properties"]["name"] == "bad \ud800"


def test_golden_seeds(seed_analyses, golden):
    buffer = io.BytesIO()
    GeoJsonExporter(indent=True).write(seed_analyses, buffer)
    golden("seeds.geojson", buffer.getvalue())


def test_seed_gold_is_valid(seed_gold_analyses):
    document = render(seed_gold_analyses)
    assert_valid_geojson(document)


# -- claims at their places -----------------------------------------------------------------------


def test_claims_are_points_at_their_place_and_read_back(seed_analyses, with_place_and_date):
    analysis = with_place_and_date(seed_analyses[0])
    document = render([analysis, *seed_analyses[1:]])
    assert_valid_geojson(document)
    features = [f for f in document["features"] if f["properties"]["kind"] == "claim"]
    assert [f["id"] for f in features] == [c.id for c in analysis.claims if c.location is not None]
    for feature in features:
        claim = next(c for c in analysis.claims if c.id == feature["id"])
        place = analysis.entity(claim.location.entity)
        properties = feature["properties"]
        assert feature["geometry"]["coordinates"] == [place.coordinates.lon, place.coordinates.lat]
        assert (properties["speaker"], tuple(properties["sources"]), tuple(properties["targets"])) == (
            claim.speaker,
            claim.sources,
            claim.targets,
        )
        assert (properties["cameo"], properties["plover"], properties["modality"]) == (
            claim.cameo,
            claim.plover,
            claim.modality,
        )
        assert properties["location_id"] == claim.location.entity and properties["location_name"] == "Bishkek"
        date = properties["event_date"]
        assert (dt.date.fromisoformat(date) if date else None) == (claim.event_date.date if claim.event_date else None)
    assert features[0]["properties"]["event_date_precision"] == "day"
    assert not any(f["properties"]["kind"] == "claim" for f in render(seed_analyses, claims=False)["features"])


def test_claims_at_places_no_tagger_knows_are_not_mapped(seed_analyses, with_place_and_date):
    analysis = with_place_and_date(seed_analyses[0], unknown_place=True)
    ids = [f["id"] for f in render([analysis])["features"]]
    assert analysis.claims[0].id not in ids and analysis.claims[1].id in ids
