"""Tests of the gazetteer tagger: behaviour, data, commands and plugin wiring."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import geotext
from geotext.exceptions import ConfigError
from geotext.testing import check_tagger, texts
from geotext_gazetteer import Gazetteer, Tagger, _build, read_extra_entries, refresh_officials
from geotext_gazetteer.hooks import get_tagger

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"

SEED_1 = (
    "During the latest trilateral foreign ministers' consultations among China, Russia, and Mongolia, "
    "Beijing expressed a strong commitment to working closely with Moscow and Ulaanbaatar.\n\n"
    "China's Foreign Minister emphasized Beijing's dedication to cooperation with Russia and Mongolia. "
    "The Belt and Road Initiative (BRI) was highlighted. The BRI will grow.\n\n"
    "Throughout the meeting, the Chinese Foreign Minister emphasized unity."
)
SEED_2 = (
    "Chinese Premier encourages Mongolia to consider joining regional security group with Russia, Iran.\n\n"
    "Chinese Premier Li Qiang expressed China's intention to enhance cooperation with Mongolia. "
    "Mongolia has maintained its observer status in the Shanghai Cooperation Organization (SCO). "
    "Li conveyed this message during a meeting with Mongolian Prime Minister L. Oyun-Erdene at an SCO "
    "gathering in Bishkek. Oyun-Erdene discussed the Mongolia-China-Russia economic corridor and ties "
    "with the United States, Japan, and South Korea, and Western blocs like the North Atlantic Treaty "
    "Organization (NATO)."
)


@pytest.fixture(scope="module")
def tagger(load_gazetteer):
    return load_gazetteer()


def by_id(entities):
    return {e.id: e for e in entities}


def mentions(entity, form=None):
    return [m.text for m in entity.mentions if form is None or m.form == form]


def tag(tagger, text, **kw):
    return by_id(tagger.tag(geotext.Article(text=text, **kw)))


# -- states ----------------------------------------------------------------------------------


def test_states_with_names_abbreviations_and_ids(tagger):
    found = tag(
        tagger,
        "The U.S. and the UK met Britain, the USA, the United States, Russia, "
        "the Russian Federation, South Korea and the Republic of Korea. US talks.",
    )
    assert mentions(found["iso:USA"]) == ["U.S.", "USA", "United States", "US"]
    assert mentions(found["iso:GBR"]) == ["UK", "Britain"]
    assert mentions(found["iso:RUS"]) == ["Russia", "Russian Federation"]
    assert mentions(found["iso:KOR"]) == ["South Korea", "Republic of Korea"]
    usa = found["iso:USA"]
    assert usa.kind == "state" and usa.ids["iso2"] == "US" and usa.ids["iso3"] == "USA"
    assert usa.coordinates is not None and usa.country == "USA"


def test_every_iso_country_is_a_state(tagger):
    import pycountry

    for country in pycountry.countries:
        assert f"iso:{country.alpha_3}" in tagger._id_index, country.alpha_3


def test_demonyms_possessives_and_compounds(tagger):
    text = "Chinese and Mongolian officials spoke. China's plan. Mongolia-China-Russia ties."
    found = tag(tagger, text)
    lo = text.index("Mongolia-")
    assert mentions(found["iso:CHN"], "demonym") == ["Chinese"]
    assert mentions(found["iso:MNG"], "demonym") == ["Mongolian"]
    assert "China" in mentions(found["iso:CHN"], "name")  # "China's" gives "China"
    compound = [m for e in found.values() for m in e.mentions if lo <= m.start < lo + 21]
    assert sorted(m.text for m in compound) == ["China", "Mongolia", "Russia"]


def test_capital_gives_place_and_state(tagger):
    found = tag(tagger, "Beijing expressed support, and Moscow agreed.")
    beijing = found["geonames:1816670"]
    assert mentions(beijing) == ["Beijing"] and beijing.kind == "place"
    assert mentions(found["iso:CHN"], "capital") == ["Beijing"]
    assert found["geonames:524901"].country == "RUS"  # Moscow, Russia, not Idaho
    assert mentions(found["iso:RUS"], "capital") == ["Moscow"]


def test_capital_as_location_is_only_a_place(tagger):
    found = tag(tagger, "The ministers met in Bishkek on Monday.")
    assert "geonames:1528675" in found and "iso:KGZ" not in found


def test_common_words_and_names_are_not_places(tagger):
    found = tag(tagger, "Clinton met Chelsea Police in March and May. Nice weather, said Reading.")
    assert not [e for e in found.values() if e.kind == "place"], list(found)


def test_caps_headlines_and_datelines(tagger):
    found = tag(tagger, "SOCCER - GERMANY BEAT FRANCE IN PARIS .\nLONDON 1996-08-22\nThe match ended.")
    assert "iso:DEU" in found and "iso:FRA" in found
    assert found["geonames:2643743"].mentions[0].text == "LONDON"
    assert "iso:GBR" not in found  # a dateline is not the state acting


def test_caps_lines_anywhere_in_a_story_keep_their_offsets(tagger):
    # each ALL-CAPS line is scanned on its own: every hit must map back to its place in the story
    text = (
        "TENNIS - RESULTS FROM PARIS .\nThe match in Rome ended late.\nSOCCER - JAPAN BEAT CHINA .\n"
        "Fans cheered.\nMOSCOW 1996-08-22\nMore later from Kenya.\nROUNDUP - IN KENYA , SPAIN WON"
    )
    found = tag(tagger, text)
    spans = {(m.start, m.text) for e in found.values() for m in e.mentions}
    for word in ("PARIS", "Rome", "JAPAN", "CHINA", "MOSCOW", "Kenya", "SPAIN"):
        assert (text.index(word), word) in spans, word
    assert (text.rindex("KENYA"), "KENYA") in spans


def test_lowercase_words_do_not_match_names(tagger):
    found = tag(tagger, "we turkey china nice march us")
    assert found == {}


def test_ambiguous_place_resolved_by_context(tagger):
    found = tag(tagger, "Officials in Canada said London, Ontario is growing.")
    london = [e for e in found.values() if e.name == "London"]
    assert london and london[0].country == "CAN"
    found = tag(tagger, "Officials said London is growing.")
    assert [e.country for e in found.values() if e.name == "London"] == ["GBR"]


# -- organisations and initiatives ---------------------------------------------------------------


def test_organisations_with_members(tagger):
    found = tag(tagger, SEED_2)
    sco = found["igo:SCO"]
    assert sco.kind == "organisation" and sco.mentions[0].text == "Shanghai Cooperation Organization"
    assert "SCO" in mentions(sco, "acronym")
    assert sco.attributes["members"]["IRN"] == 2023 and "MNG" in sco.attributes["observers"]
    assert len([c for c, year in sco.attributes["members"].items() if year <= 2023]) == 9
    assert "igo:NATO" in found
    for acronym in ("UN", "EU", "ASEAN", "BRICS", "G20", "OPEC", "CSTO", "IMF", "WTO", "GCC", "AUKUS"):
        assert any(e.kind == "organisation" for e in tagger.tag(f"The {acronym} said so.")), acronym
    assert "igo:WB" in tag(tagger, "The World Bank and the Arab League met.")
    # the EU's predecessor, as news before 1993 names it
    assert "igo:EEC" in tag(tagger, "Ministers of the European Community met in Brussels.")
    # the ILO's secretariat, defined in the text, is the ILO rather than a new organisation
    ilo = tag(tagger, "The International Labor Office (ILO) said the ILO would act.")
    assert [e.id for e in ilo.values()] == ["igo:ILO"] and len(ilo["igo:ILO"].mentions) == 3


def test_initiatives_and_corridors(tagger):
    found = tag(tagger, SEED_1)
    bri = found["initiative:belt-and-road-initiative"]
    assert mentions(bri) == ["Belt and Road Initiative", "BRI", "BRI"]
    found = tag(tagger, SEED_2)
    corridor = found["initiative:china-mongolia-russia-economic-corridor"]
    assert mentions(corridor) == ["Mongolia-China-Russia economic corridor"]
    # one id whatever the order of the parties in the text
    for text in ("the China-Mongolia-Russia Economic Corridor", "the Russia-Mongolia-China economic corridor"):
        assert "initiative:china-mongolia-russia-economic-corridor" in tag(tagger, text), text
    found = tag(tagger, "They backed the Russia-Iran-India economic corridor.")
    made = found["initiative:russia-iran-india-economic-corridor"]
    assert made.attributes["parties"] == ["RUS", "IRN", "IND"] and "iso:IRN" in found


def test_acronym_defined_in_text_for_unknown_organisation(tagger):
    found = tag(tagger, "The Foo Bar Council (FBC) met. Later the FBC said no.")
    org = found["org:foo-bar-council"]
    assert org.kind == "organisation"
    assert [(m.text, m.form) for m in org.mentions] == [
        ("Foo Bar Council", "name"),
        ("FBC", "acronym"),
        ("FBC", "acronym"),
    ]


# -- officials ----------------------------------------------------------------------------------


def test_title_and_name_link_to_the_person(tagger):
    found = tag(tagger, SEED_2, published="2024-07-05")
    li = found["person:li-qiang"]
    assert li.office == "Premier" and li.country == "CHN"
    assert [(m.text, m.form) for m in li.mentions] == [
        ("Chinese Premier", "title"),
        ("Chinese Premier", "title"),
        ("Li Qiang", "name"),
        ("Li", "short_name"),
    ]
    oyun = found["person:oyun-erdene"]
    assert ("Mongolian Prime Minister", "title") in [(m.text, m.form) for m in oyun.mentions]
    assert "L. Oyun-Erdene" in mentions(oyun) and "Oyun-Erdene" in mentions(oyun, "short_name")


def test_the_state_before_a_title_stays_a_mention_of_its_own(tagger):
    text = "U.S. President Bill Clinton met Russian President Boris Yeltsin in Moscow."
    found = tag(tagger, text)
    assert [(m.text, m.form) for m in found["iso:USA"].mentions] == [("U.S.", "acronym")]
    assert [(m.text, m.form) for m in found["iso:RUS"].mentions] == [("Russian", "demonym")]
    clinton = found["person:bill-clinton"]
    assert [(m.text, m.form) for m in clinton.mentions] == [("U.S. President", "title"), ("Bill Clinton", "name")]
    assert found["person:boris-yeltsin"].mentions[0].text == "Russian President"


def test_a_modifier_between_state_and_title_keeps_the_country(tagger):
    # with two states in the article, the country can only come from the words before the title
    text = "Kenyan junior foreign minister Otieno Mwangale met Uganda's ambassador Kato Lubwama."
    found = tag(tagger, text)
    mwangale = found["person:otieno-mwangale"]
    assert mwangale.country == "KEN"
    assert (mwangale.mentions[0].text, mwangale.mentions[0].form) == ("Kenyan junior foreign minister", "title")
    assert found["person:kato-lubwama"].country == "UGA"


def test_a_place_before_its_own_office_is_the_place(tagger):
    # opening a sentence, a city name is most often a team in the training data; before the
    # title of its own office it is the place, whatever the model reads there
    found = tag(tagger, "New York Governor Andrew Cuomo said the state would sue.")
    places = [e for e in found.values() if e.kind == "place"]
    assert [m.text for e in places for m in e.mentions] == ["New York"]
    assert not [e for e in found.values() if e.kind == "organisation"]


def test_unnamed_official_is_an_office(tagger):
    found = tag(tagger, SEED_1, published="2024-06-01")
    office = found["office:CHN:foreign-minister"]
    assert office.kind == "person" and office.office == "Foreign Minister" and office.country == "CHN"
    assert mentions(office) == ["China's Foreign Minister", "Chinese Foreign Minister"]
    assert office.attributes["holder"] == "person:wang-yi"


def test_article_date_picks_the_office_holder(tagger):
    text = "Chinese Premier visited. Li said hello. The Premier Li Keqiang, not Li Qiang."
    assert (
        tagger.holder("CHN", "Premier", "head_of_government", dt.date(2020, 1, 1))
        == tagger._id_index["person:li-keqiang"]
    )
    assert (
        tagger.holder("CHN", "Premier", "head_of_government", dt.date(2024, 1, 1))
        == tagger._id_index["person:li-qiang"]
    )
    found = tag(tagger, text, published="2020-05-01")
    assert "person:li-keqiang" in found


def test_short_name_needs_the_full_name(tagger):
    assert "person:li-qiang" not in tag(tagger, "Li said hello.")


def test_unknown_person_after_a_title(tagger):
    found = tag(tagger, "Mongolian Foreign Minister Batmunkh Battsetseg met Russian Ambassador Ivan Petrov.")
    petrov = found["person:ivan-petrov"]
    assert petrov.country == "RUS" and petrov.office == "Ambassador"


def test_past_office_holders_and_names_known_alone(tagger):
    found = tag(tagger, "President Bush spoke.", published="1990-05-01")
    assert [(m.text, m.form) for m in found["person:george-h-w-bush"].mentions] == [
        ("President", "title"),
        ("Bush", "short_name"),
    ]
    assert "person:george-w-bush" in tag(tagger, "President Bush spoke.", published="2003-05-01")
    # a name the data marks as known alone needs no full name, title or country first
    putin = tag(tagger, "On September 29, Putin offered to talk.", published="2001-01-01")["person:vladimir-putin"]
    assert putin.country == "RUS" and mentions(putin, "short_name") == ["Putin"]
    # the title with a country adjective links an official of that country
    jawara = tag(tagger, "Gambian President Dawda Jawara will visit.", published="1990-01-01")["person:dawda-jawara"]
    assert jawara.country == "GMB" and ("Gambian President", "title") in [(m.text, m.form) for m in jawara.mentions]


def test_groups_carry_their_country(tagger):
    found = tag(tagger, "The Taliban and Hamas met. The rebel Kurdistan Workers' Party (PKK) said the PKK would talk.")
    assert found["group:taliban"].kind == "group" and found["group:taliban"].country == "AFG"
    assert found["group:hamas"].country == "PSE"
    pkk = found["group:kurdistan-workers-party"]
    assert pkk.country == "TUR" and mentions(pkk) == ["Kurdistan Workers' Party", "PKK", "PKK"]
    assert tag(tagger, "Al-Qaeda claimed it.")["group:al-qaeda"].country is None


def test_demonym_led_actors_name_the_state(tagger):
    found = tag(tagger, "Fijian rebels and Burundian militiamen clashed; Israeli troops and Palestinian police.")
    for iso, word in (("FJI", "Fijian"), ("BDI", "Burundian"), ("ISR", "Israeli"), ("PSE", "Palestinian")):
        assert mentions(found[f"iso:{iso}"], "demonym") == [word]


def test_longest_overlapping_name_wins(tagger):
    found = tag(tagger, "They flew from New York City to Papua New Guinea and South Korea.")
    names = sorted(m.text for e in found.values() for m in e.mentions)
    assert names == ["New York City", "Papua New Guinea", "South Korea"]


def test_repeated_tagging_gives_equal_results(tagger):
    # the per-key and per-entity memos must not change what a second call returns
    first = tagger.tag(geotext.Article(text=SEED_2, published="2024-07-05"))
    assert tagger.tag(geotext.Article(text=SEED_2, published="2024-07-05")) == first


# -- users' entries, data and commands -----------------------------------------------------------


@pytest.mark.slow
def test_extra_entries_from_csv_are_compiled_and_cached(tmp_path):
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text(
        "id,kind,name,aliases,acronyms,country,lat,lon\n"
        "org:acme-council,organisation,Acme Council,Acme Board,ACB,MNG,,\n"
        "iso:MNG,,,Land of Blue Sky,,,,\n"
        "place:my-village,place,Myvillage,,,MNG,47.1,106.2\n",
        encoding="utf-8",
    )
    tagger = Gazetteer.load(extra_entries=csv_file, cache_dir=tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("compiled-*.pickle"))) == 1
    found = by_id(tagger.tag("The ACB and the Acme Board met in Myvillage, Land of Blue Sky."))
    assert mentions(found["org:acme-council"]) == ["ACB", "Acme Board"]
    assert found["place:my-village"].coordinates.lat == 47.1
    assert mentions(found["iso:MNG"]) == ["Land of Blue Sky"]


def test_extra_entries_rename_a_state(tmp_path, users_entries, users_gazetteer):
    renamed = tmp_path / "renamed.csv"
    renamed.write_text("id,kind,name\niso:MNG,state,Blue Sky Republic\n", encoding="utf-8")
    # the users' entries (conftest.py, one load for these tests) hold this file's entry
    (entry,) = read_extra_entries(renamed)
    assert entry in read_extra_entries(users_entries)
    found = by_id(users_gazetteer.tag("Blue Sky Republic and Mongolia."))
    assert mentions(found["iso:MNG"]) == ["Blue Sky Republic", "Mongolia"]


def test_extra_entries_from_json(users_entries, users_gazetteer):
    assert users_entries.suffix == ".json"
    assert {"id": "group:blue-wolves", "kind": "group", "name": "Blue Wolves"} in json.loads(
        users_entries.read_text(encoding="utf-8")
    )
    assert "group:blue-wolves" in by_id(users_gazetteer.tag("The Blue Wolves marched."))


@pytest.mark.parametrize(
    "content, suffix, message",
    [
        ("id,kind,name\nnot-an-id,organisation,X\n", ".csv", "record 1"),
        ("id,kind,name\norg:x,spaceship,X\n", ".csv", "kind"),
        ("id,kind,name,lat,lon\nplace:x,place,X,100,0\n", ".csv", "lat/lon"),
        ("{not json", ".json", "not JSON"),
        ("id,kind\norg:x,organisation\n", ".csv", "name"),
        ("", ".txt", ".csv"),
    ],
)
def test_bad_extra_entries_raise_config_error(tmp_path, content, suffix, message):
    path = tmp_path / f"bad{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        read_extra_entries(path)
    assert str(path) in str(info.value)


def test_new_extra_entity_needs_a_kind(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("id,name\norg:new-thing,New Thing\n", encoding="utf-8")
    # data of one state: an id the data does not hold is new, whatever the data's size
    # (reading the shipped data first took most of this test's time)
    data = _build.write(
        {"version": "test", "entities": [{"id": "iso:MNG", "kind": "state", "name": "Mongolia"}], "names": []},
        tmp_path / "data.json.gz",
    )
    with pytest.raises(ConfigError, match="needs a kind"):
        Gazetteer.load(extra_entries=path, data_path=data, use_cache=False)


@pytest.mark.slow
def test_cache_is_written_and_reused(tmp_path):
    first = Gazetteer.load(cache_dir=tmp_path)
    assert len(list(tmp_path.glob("compiled-*.pickle"))) == 1
    second = Gazetteer.load(cache_dir=tmp_path)
    assert first.tag(SEED_2) == second.tag(SEED_2)
    # the cache is written in parts: every part reads back as it was compiled
    assert second._compiled_keys == first._compiled_keys
    assert second._compiled_upper == first._compiled_upper
    assert second._entities == first._entities
    assert Tagger is Gazetteer


def test_build_matches_the_shipped_data_version(shipped_data):
    data = shipped_data
    assert data["version"] == _build.read_version()
    assert data["version"].startswith(_build.BUILD_VERSION)
    kinds = {e["kind"] for e in data["entities"]}
    assert {"state", "place", "organisation", "initiative", "person"} <= kinds


def test_refresh_officials_from_a_wikidata_export(tmp_path):
    officials = tmp_path / "officials.json"
    shutil.copy(Path(str(_build.CURATED / "officials.json")), officials)
    counts = refresh_officials(FIXTURES / "wikidata_officials.json", officials, version="2099.01.01")
    assert counts == {"updated": 1, "added": 1, "total": counts["total"]}
    document = json.loads(officials.read_text(encoding="utf-8"))
    assert document["version"] == "2099.01.01"
    li = [o for o in document["officials"] if o["name"] == "Li Qiang"]
    assert li[0]["wikidata"] == "Q1000001"
    added = [o for o in document["officials"] if o["name"] == "Example Person"]
    assert added == [
        {
            "name": "Example Person",
            "country": "MNG",
            "role": "foreign_minister",
            "office": "Foreign Minister",
            "start": "2024-07-10",
            "wikidata": "Q1000002",
        }
    ]


def test_refresh_officials_rejects_a_bad_export(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            [{"person": "Q1", "personLabel": "X", "iso3": "china", "positionLabel": "President", "start": "2020-01-01"}]
        )
    )
    with pytest.raises(ConfigError, match="row 1"):
        refresh_officials(bad, tmp_path / "unused.json")


def test_cli_commands(tmp_path, monkeypatch, gazetteer_cache):
    # `gazetteer build` (with and without -o): test_geotext_gazetteer_build_cli.py
    monkeypatch.setenv("XDG_CACHE_HOME", str(gazetteer_cache.parent))  # tag reads the shared compiled data
    cli = click_group()
    runner = CliRunner()
    officials = tmp_path / "officials.json"
    shutil.copy(Path(str(_build.CURATED / "officials.json")), officials)
    result = runner.invoke(
        cli,
        ["gazetteer", "refresh-officials", str(FIXTURES / "wikidata_officials.json"), "--officials", str(officials)],
    )
    assert result.exit_code == 0 and "1 added" in result.output, result.output
    result = runner.invoke(cli, ["gazetteer", "tag", "Beijing urged Mongolia to join the SCO."])
    assert "iso:CHN" in result.output and "igo:SCO" in result.output


def click_group():
    import click

    from geotext_gazetteer import hooks

    @click.group()
    def cli():
        pass

    hooks.geotext_register_commands(cli=cli)
    return cli


# -- plugin wiring and conformance -------------------------------------------------------------


def test_found_through_its_entry_point():
    info = [p for p in geotext.list_plugins() if p.name == "gazetteer"]
    assert info, [p.name for p in geotext.list_plugins()]
    assert info[0].error is None if hasattr(info[0], "error") else True


def test_analyze_uses_the_tagger_and_records_the_data_version():
    analysis = geotext.analyze(geotext.Article(text=SEED_2, published="2024-07-05"), plugins=["gazetteer"])
    assert analysis.entity("igo:SCO").kind == "organisation"
    assert analysis.entity("person:li-qiang").office == "Premier"
    assert analysis.versions["geotext-gazetteer-data"] == _build.read_version()


def test_config_section_selects_extra_entries(users_entries, users_settings, users_gazetteer):
    # org:steppe-forum of the users' entries (conftest.py): the pipeline takes the
    # process's tagger for these settings, the one the fixture loaded
    assert users_settings["extra_entries"] == str(users_entries)
    analysis = geotext.analyze(
        geotext.Article(text="The Steppe Forum met."),
        plugins=["gazetteer"],
        config={"gazetteer": dict(users_settings)},
    )
    assert analysis.entity("org:steppe-forum")
    assert get_tagger(dict(users_settings)) is get_tagger(dict(users_settings)) is users_gazetteer


def test_check_tagger_conformance():
    from geotext_gazetteer import hooks

    articles = [geotext.Article(text=t) for t in (SEED_1, SEED_2, "", "LONDON 1996-08-22\nNothing.")]
    check_tagger(hooks.geotext_tag_entities, articles)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")
def test_seed_articles(tagger):
    texts_ = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    ids = set()
    for text in texts_.values():
        ids |= set(by_id(tagger.tag(geotext.Article(text=text, published="2024-07-05"))))
    for expected in (
        "iso:CHN",
        "iso:RUS",
        "iso:MNG",
        "iso:IRN",
        "igo:SCO",
        "igo:NATO",
        "person:li-qiang",
        "person:oyun-erdene",
        "office:CHN:foreign-minister",
        "initiative:belt-and-road-initiative",
        "geonames:1816670",
    ):
        assert expected in ids, expected


@given(texts(max_size=300))
def test_offsets_always_inside_the_text(text):
    tagger = get_tagger({})
    for words in (text, f"China {text} SCO (SCO) Beijing", text.upper()):
        article = geotext.Article(text=words)
        entities = tagger.tag(article)
        geotext.Analysis(article=article, entities=entities)  # validates every offset


@given(st.text(st.characters(categories=("Cs", "Lu", "Ll", "Zs")), max_size=40))
def test_lone_surrogates_keep_offsets(noise):
    # a str made in code may hold lone surrogates, which UTF-8 cannot carry
    text = f"Paris {noise} \ud800CHINA\udfff and China urged Mongolia."
    entities = get_tagger({}).tag(text)
    mentions = {(m.start, m.text) for e in entities for m in e.mentions}
    assert (text.index("China urged"), "China") in mentions
    assert (text.index("Mongolia"), "Mongolia") in mentions


def test_titled_person_the_data_does_not_know(tagger):
    found = tag(
        tagger,
        "President Abdelaziz Bouteflicka threatened a curfew in Algiers. Later Bouteflicka spoke"
        " and Bouteflicka’s aides left Bouteflickas' gardens.",
    )
    person = found["person:abdelaziz-bouteflicka"]
    assert (person.country, person.office, person.attributes) == ("DZA", "President", {"country_from": "article"})
    assert [(m.text, m.form) for m in person.mentions] == [
        ("President", "title"),
        ("Abdelaziz Bouteflicka", "name"),
        ("Bouteflicka", "short_name"),
        ("Bouteflicka", "short_name"),
    ]
    # two countries named: the country stays unknown
    assert tag(tagger, "President Jane Roe visited Peru and Chile.")["person:jane-roe"].country is None
    # any other minister, and a possessive left out of the name
    gia = tag(tagger, "Planning Minister Tran Xuan Gia’s plan for Vietnam.")["person:tran-xuan-gia"]
    assert (gia.office, gia.country, mentions(gia, "name")) == ("Minister", "VNM", ["Tran Xuan Gia"])


@pytest.mark.parametrize(
    "text",
    [
        "The President Tuesday said talks in Paris failed.",
        "He watched the Premier League in London.",
        "Russian Ambassador Extraordinary and Plenipotentiary spoke.",
    ],
)
def test_words_after_a_title_that_are_not_a_name(tagger, text):
    assert not [e for e in tagger.tag(text) if e.id.startswith("person:")]
