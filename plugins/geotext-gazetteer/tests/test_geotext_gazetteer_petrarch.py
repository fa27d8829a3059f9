"""Actors from the PETRARCH2 dictionaries: reading TABARI files, deriving the shipped file,
joining curated entities, and tagging the people and bodies it adds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geotext import Article
from geotext_gazetteer import _petrarch
from geotext_gazetteer._build import _Builder, slugify

COUNTRIES = """\
# a comment
RUSSIA_  [RUS]
+RUSSIAN_

BORIS_YELTSIN_  # CountryInfo.txt
BORIS_N._YELTSIN
YELTSIN
PRESIDENT_BORIS_YELTSIN
	[RUSELI 490101-910710]
	[RUSGOV 910710-991231]
LI_KEQIANG_  # CountryInfo.txt
	[CHNGOV >080401]
MINISTRY_OF_DEFENSE_
	[RUSGOVMIL]
PEOPLES_LIBERATION_ARMY
+PLA
	[CHNMIL]
U.S._FEDERAL_RESERVE
	[USAGOVBUS]
A.P.J._ABDUL_KALAM
	[INDGOV 020725-070725]
"""
INTERNATIONAL = """\
THE_UNITED_NATIONS_ [IGOUNO]
UN_ [IGOUNO]
ABAXIS	[MNCUSA]
KOFI_ANNAN_\t
+K._ANNAN_
	[IGOUNO 970101-061231]
"""
NONSTATE = """\
TALIBAN_ [AFGREB] #  kkl 21 Mar 13
+TALEBAN_

ANSAR_ALLAH_ [LBNREB]

ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_ [YEMREB]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in (
        ("Phoenix.Countries.actors.txt", COUNTRIES),
        ("Phoenix.International.actors.txt", INTERNATIONAL),
        ("Phoenix.MilNonState.actors.txt", NONSTATE),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_codes_and_blocks():
    assert _petrarch.parse_codes("[AFGGOV 790327-791227] [AFGELI]") == [
        ("AFGGOV", "1979-03-27", "1979-12-27"),
        ("AFGELI", None, None),
    ]
    assert _petrarch.parse_codes("[KORGOV <20061201] [---] [~COP]") == [("KORGOV", None, "2006-12-01")]
    blocks = list(_petrarch.parse_blocks(COUNTRIES.splitlines()))
    names, codes = blocks[1]
    assert names == ["BORIS_YELTSIN_", "BORIS_N._YELTSIN", "YELTSIN", "PRESIDENT_BORIS_YELTSIN"]
    assert codes[1] == ("RUSGOV", "1991-07-10", "1999-12-31")


def test_derive_filters_noise_and_keeps_people_bodies_and_groups(folder: Path, tmp_path: Path):
    lines = _petrarch.derive(folder)
    assert lines[0].startswith("# Derived from the PETRARCH2 actor dictionaries")
    target = tmp_path / "actors.tsv"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = {r["name"]: r for r in _petrarch.read_derived(target)}
    yeltsin = records["Boris Yeltsin"]
    assert yeltsin["kind"] == "person" and "Yeltsin" in yeltsin["names"]
    assert not any("President" in n for n in yeltsin["names"])  # titles are the tagger's business
    assert records["Li Keqiang"]["cameo"] == [{"code": "CHNGOV", "from": "2008-04-01", "until": None}]
    assert records["Peoples Liberation Army"]["kind"] == "organisation"
    assert records["Peoples Liberation Army"]["acronyms"] == ["PLA"]
    assert records["Aden Abyan Islamic Army"]["acronyms"] == ["AAIA"]
    assert records["Taliban"]["kind"] == "group" and records["Taliban"]["names"] == ["Taleban"]
    assert records["Kofi Annan"]["kind"] == "person"
    # a body named without a ministry or party word; abbreviations keep their capitals
    assert records["U.S. Federal Reserve"]["kind"] == "organisation"
    assert records["A.P.J. Abdul Kalam"]["kind"] == "person"
    assert "Russia" not in records  # a state: the gazetteer has it from pycountry
    assert "Ministry of Defense" not in records  # only generic words: no state in them
    assert "Abaxis" not in records  # one word of a company list


def test_add_actors_joins_curated_entities_by_name_and_country(folder: Path, tmp_path: Path):
    target = tmp_path / "actors.tsv"
    target.write_text("\n".join(_petrarch.derive(folder)) + "\n", encoding="utf-8")
    builder = _Builder()
    curated = builder.add({"id": "group:houthis", "kind": "group", "name": "Houthis", "country": "YEM"})
    builder.name("Ansar Allah", curated, "alias")
    taliban = builder.add({"id": "group:taliban", "kind": "group", "name": "Taliban", "country": "AFG"})
    li = builder.add(
        {
            "id": "person:li-keqiang",
            "kind": "person",
            "name": "Li Keqiang",
            "country": "CHN",
            "attributes": {"terms": []},
        }
    )
    added = _petrarch.add_actors(builder, slugify, frozenset({"RUS", "CHN", "AFG", "YEM", "LBN"}), target)
    assert builder.entities[li]["attributes"]["cameo"][0]["code"] == "CHNGOV"  # joined, not repeated
    assert builder.entities[taliban]["attributes"]["cameo"][0]["code"] == "AFGREB"
    assert "cameo" not in builder.entities[curated].get("attributes", {})  # Lebanon's Ansar Allah is another
    assert "group:ansar-allah" not in builder.index
    yeltsin = builder.entities[builder.index["person:boris-yeltsin"]]
    assert yeltsin["country"] == "RUS" and yeltsin["attributes"]["source"] == "petrarch2"
    assert added == len(builder.entities) - 3


@pytest.fixture(scope="module")
def tagger(load_gazetteer):
    return load_gazetteer()


@pytest.mark.parametrize(
    "text, entity_id, country",
    [
        ("President Boris Yeltsin signed the decree.", "person:boris-yeltsin", "RUS"),
        ("Mohammad Najibullah spoke in Kabul.", "person:mohammad-najibullah", "AFG"),
        ("The Communist Party of China met in Beijing.", "org:communist-party-of-china", "CHN"),
    ],
)
def test_shipped_data_tags_dictionary_actors(tagger, text, entity_id, country):
    found = {e.id: e for e in tagger.tag(Article(text=text), date=dt.date(1995, 1, 1))}
    assert entity_id in found and found[entity_id].country == country
    assert found[entity_id].attributes["cameo"]
