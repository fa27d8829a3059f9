"""Tests of the small-places table: the towns and alternate names the main data leaves out."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from geotext_gazetteer import _build, _divisions
from geotext_gazetteer._small_places import SmallPlace, SmallPlaces

SHIPPED = _build.small_places_path(str(_build.BUILT))


def table(tmp_path: Path, lines: list[str]) -> SmallPlaces:
    path = tmp_path / "small.tsv.gz"
    ordered = sorted(lines, key=lambda line: line.encode("utf-8"))
    path.write_bytes(gzip.compress("".join(line + "\n" for line in ordered).encode("utf-8")))
    return SmallPlaces(path)


LINES = [
    "Aldmoor\t101\t52.5\t-8.25\tIRL\t4200",
    "Aldmoor\t102\t40.1\t-90.5\tUSA\t1500",
    "Aldmoor Bridge\t103\t52.6\t-8.3\tIRL\t1100",
    "Bexford\t104\t51.0\t0.5\tGBR\t2500",
    "Dūmbrey\t105\t33.5\t36.4\tSYR\t9000",
    "Dumbrey\t105\t33.5\t36.4\tSYR\t9000",
    "Ostrel\t200\t\t\t\t",  # an alternate name of a city the main data holds
    "Zyton\t106\t10.0\t10.0\tNGA\t1000",
    # GeoNames' one town twice, 6 km apart
    "Moyle\t107\t53.0\t-7.0\tIRL\t1200",
    "Moyle\t108\t53.05\t-7.02\tIRL\t1300",
    # a village, and a city the main data holds by another name
    "Kessa\t109\t52.0\t21.0\tPOL\t1100",
    "Kessa\t300\t\t\t\t",
]


@pytest.mark.parametrize(
    ("name", "ids"),
    [
        ("Aldmoor", ["101", "102"]),  # not "Aldmoor Bridge", which sorts after the key
        ("Aldmoor Bridge", ["103"]),
        ("Bexford", ["104"]),
        ("Dūmbrey", ["105"]),
        ("Dumbrey", ["105"]),
        ("Zyton", ["106"]),  # the last line
        ("Aldmo", []),  # a prefix of a name is no name
        ("Aaa", []),  # before the first line
        ("Zz", []),  # after the last
    ],
)
def test_lookup_finds_every_line_of_a_name_and_no_other(tmp_path, name, ids):
    assert [place.geonames for place in table(tmp_path, LINES).lookup(name)] == ids


def test_a_line_of_the_main_datas_record_has_no_point(tmp_path):
    assert table(tmp_path, LINES).lookup("Ostrel") == [SmallPlace("Ostrel", "200", None, None, None)]


@pytest.mark.parametrize(
    ("name", "countries", "chosen"),
    [
        ("Aldmoor", {"IRL": 1}, "101"),
        ("Aldmoor", {"USA": 2, "IRL": 1}, "102"),  # the country the article names most
        ("Aldmoor", {}, None),  # two countries, neither named: no guess
        ("Aldmoor", {"FRA": 3}, None),
        ("Bexford", {}, "104"),  # one place of that name
        ("Bexford", {"USA": 1}, None),  # not in the country the article names
        ("Ostrel", {"TUR": 1}, "200"),  # the main data's record, in its country
        ("Moyle", {}, "108"),  # one place twice: the more populous line
        ("Kessa", {}, "300"),  # the record the main data holds
        ("Kessa", {"POL": 1}, "109"),
        ("Nowhere", {"IRL": 1}, None),
    ],
)
def test_choose_prefers_the_countries_the_article_names(tmp_path, name, countries, chosen):
    found = table(tmp_path, LINES).choose(name, countries, {"200": "TUR", "300": "SYR"})
    assert (found.geonames if found else None) == chosen


def test_a_missing_table_is_empty(tmp_path):
    assert SmallPlaces(tmp_path / "none.tsv.gz").lookup("Aldmoor") == []


def _broken_deflate(tmp_path):
    packed = bytearray(gzip.compress(b"Aldmoor\t1\t52.5\t-8.25\tIRL\t4200\n"))
    packed[10:16] = b"\xff" * 6  # the deflate stream after the gzip header: zlib.error
    path = tmp_path / "deflate.tsv.gz"
    path.write_bytes(bytes(packed))
    return path


def _not_utf8(tmp_path):
    path = tmp_path / "latin1.tsv.gz"
    path.write_bytes(gzip.compress("Dūmbrey\t1\t1.0\t1.0\tSYR\t9000\n".encode("utf-16")))
    return path


@pytest.mark.parametrize("broken", [_broken_deflate, _not_utf8], ids=["broken deflate", "not UTF-8"])
def test_an_unreadable_table_is_empty_and_read_once(tmp_path, broken):
    places = SmallPlaces(broken(tmp_path))
    assert places.lookup("Aldmoor") == [] and places.lookup("Dūmbrey") == []
    assert places._lines == b""  # kept: not read again at each look-up


def test_a_table_without_a_final_newline_is_read_whole(tmp_path):
    path = tmp_path / "small.tsv.gz"
    path.write_bytes(gzip.compress(b"Aldmoor\t1\t52.5\t-8.25\tIRL\t4200\nBexford\t2\t51.0\t0.5\tGBR\t100"))
    places = SmallPlaces(path)
    assert places.lookup("Bexford") == [SmallPlace("Bexford", "2", (51.0, 0.5), "GBR", 100)]
    assert [p.geonames for p in places.lookup("Aldmoor")] == ["1"]


@pytest.mark.parametrize("name", ["", "Aldmoor\t101", "Aldmoor\n"])
def test_a_name_with_a_separator_finds_nothing(tmp_path, name):
    assert table(tmp_path, LINES).lookup(name) == []


def test_the_table_goes_with_its_data_file(tmp_path, shipped_data):
    data = {**shipped_data, "small_places": ["Aldmoor\t101\t52.5\t-8.25\tIRL\t4200"]}
    target = _build.write(data, tmp_path / "mine.json.gz")
    table_path = tmp_path / "mine.small_places.tsv.gz"
    assert _build.small_places_path(target) == table_path
    assert [p.geonames for p in SmallPlaces(table_path).lookup("Aldmoor")] == ["101"]
    _build.write(shipped_data, target)  # data without a table: the old one would answer for it
    assert not table_path.exists()


def test_the_build_leaves_out_what_the_data_holds_and_points_alternates_at_its_records():
    def city(geonameid, name, country, population, *alternates):
        return {
            "geonameid": geonameid,
            "name": name,
            "countrycode": country,
            "latitude": 50.0 + geonameid,
            "longitude": -8.25,
            "population": population,
            "alternatenames": list(alternates),
        }

    cities = [
        city(1, "Aldmoor", "IE", 4200),
        city(2, "Held Town", "IE", 3000),  # a record the data holds, too small for alternates
        city(3, "Ostrelgrad", "TR", 50000, "Ostrel", "Ostrelgrad", "OSTRL", "Jackson", "Известно"),
        city(4, "Reading", "IE", 2000),  # a name the curated lists keep from places
        city(5, "Nowhere", "XX", 2000),  # no ISO3 for its country
    ]
    entities = [{"ids": {"geonames": "2"}}, {"ids": {"geonames": "3"}}]
    lines = _build.small_places(cities, entities, {"Jackson"}, {"Reading"}, {"IE": "IRL", "TR": "TUR"})
    assert lines == ["Aldmoor\t1\t51.0\t-8.25\tIRL\t4200", "Ostrel\t3\t\t\t\t"]


@pytest.fixture(scope="module")
def shipped_lines() -> list[str]:
    with gzip.open(SHIPPED, "rt", encoding="utf-8") as handle:
        return handle.read().splitlines()


def test_the_shipped_table_is_sorted_and_well_formed(shipped_lines):
    assert len(shipped_lines) > 100_000
    assert shipped_lines == sorted(shipped_lines, key=lambda line: line.encode("utf-8"))
    for line in shipped_lines:
        name, geonames, lat, lon, country, population = line.split("\t")
        assert name and geonames.isdigit()
        assert (lat == lon == country == population == "") or (len(country) == 3 and population.isdigit())


def test_every_shipped_line_names_its_geonames_record(shipped_lines, geonames_towns):
    fold = _divisions.ascii_fold
    names = {str(c["geonameid"]): {c["name"], fold(c["name"]), *c.get("alternatenames", [])} for c in geonames_towns}
    for line in shipped_lines:
        name, geonames = line.split("\t", 2)[:2]
        # the name, its ASCII spelling or an alternate name of that record
        assert name in names[geonames], line


def test_the_data_never_holds_a_name_of_the_table(shipped_lines, shipped_data):
    surfaces = {surface for surface, *_ in shipped_data["names"]}
    assert not surfaces & {line.split("\t", 1)[0] for line in shipped_lines}


def test_a_town_the_data_leaves_out_is_found_with_its_point(load_gazetteer):
    tagger = load_gazetteer()
    (place,) = [e for e in tagger.tag("The clinic in Kilmallock reopened on Monday.") if e.name == "Kilmallock"]
    assert place.id.startswith("geonames:")
    assert place.country == "IRL"
    assert place.coordinates is not None and abs(place.coordinates.lat - 52.4) < 0.1
    assert place.attributes["source"] == "small_places"


def test_a_table_named_in_the_constructor_is_the_one_read(tmp_path, shipped_data):
    from geotext_gazetteer import Gazetteer
    from geotext_gazetteer._tagger import compile_data

    own = table(tmp_path, ["Kilmallock\t999\t10.0\t10.0\tNGA\t5000"])
    tagger = Gazetteer(compile_data(shipped_data), small_places=own.path)
    assert tagger.small_place("Kilmallock", {})["id"] == "geonames:999"


@pytest.mark.parametrize("written", ["Kilmallock's", "KILMALLOCK'S", "KILMALLOCK"])
def test_a_possessive_or_all_caps_name_is_looked_up_as_the_name(load_gazetteer, written):
    assert load_gazetteer().small_place(written, {"IRL": 1})["name"] == "Kilmallock"


def test_a_users_own_record_of_the_name_wins(tmp_path):
    from geotext_gazetteer import Gazetteer

    entries = tmp_path / "entries.json"
    entries.write_text(json.dumps([{"id": "place:kilmallock", "kind": "place", "name": "Kilmallock Depot"}]))
    tagger = Gazetteer.load(extra_entries=entries, use_cache=False)
    (place,) = [e for e in tagger.tag("The clinic in Kilmallock reopened on Monday.") if "Kilmallock" in e.name]
    assert place.id == "place:kilmallock" and place.name == "Kilmallock Depot"


def test_without_the_table_the_town_has_no_point(tmp_path, load_gazetteer, monkeypatch):
    tagger = load_gazetteer()
    monkeypatch.setattr(tagger, "_small_places", SmallPlaces(tmp_path / "none.tsv.gz"))
    (place,) = [e for e in tagger.tag("The clinic in Kilmallock reopened on Monday.") if e.name == "Kilmallock"]
    assert place.id == "place:kilmallock" and place.coordinates is None  # the control
