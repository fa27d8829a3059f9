"""Tests of the toponym passes that need no gazetteer entry (head nouns, locatives)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

import geotext
from geotext_gazetteer import Gazetteer, _toponyms
from geotext_gazetteer._tagger import abbreviated_title_person, titled_person

EXAMPLES = Path(__file__).parent / "toponym_heads.csv"


def _examples() -> list[tuple[str, str | None]]:
    with EXAMPLES.open(encoding="utf-8", newline="") as handle:
        return [(row["name"], row["class"] or None) for row in csv.DictReader(handle)]


@pytest.mark.parametrize(("name", "expected"), _examples())
def test_head_class_reads_the_table_of_examples(name: str, expected: str | None) -> None:
    assert _toponyms.head_class(name) == expected


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("asylum seekers in Samos", 18, True),
        ("In Nenagh, the council", 3, True),
        ("the hills around Hinton", 17, True),
        ("a call from Lara", 12, False),
        ("he looked at Lara", 13, False),
        ("Samos", 0, False),
    ],
)
def test_locative_before(text: str, start: int, expected: bool) -> None:
    assert _toponyms.locative_before(text, start) is expected


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [("in Cambridge Analytica", 12, True), ("in Lara's view", 7, True), ("in Samos, Greece", 8, False)],
)
def test_name_continues(text: str, end: int, expected: bool) -> None:
    assert _toponyms.name_continues(text, end) is expected


@pytest.fixture(scope="module")
def tagger(load_gazetteer: Callable[..., Gazetteer]) -> Gazetteer:
    return load_gazetteer()


def _geo(tagger: Gazetteer, text: str) -> dict[str, str]:
    return {
        m.text: e.id
        for e in tagger.tag(geotext.Article(text=text))
        if e.kind in ("place", "state")
        for m in e.mentions
        if m.form != "demonym"
    }


def test_a_head_noun_name_is_one_place_not_the_place_inside_it(tagger: Gazetteer) -> None:
    found = _geo(tagger, "Flood water rose along the Mississippi River on Tuesday, officials said.")
    assert "Mississippi River" in found
    assert "Mississippi" not in found


def test_a_head_noun_name_the_data_does_not_know_becomes_a_place(tagger: Gazetteer) -> None:
    found = _geo(tagger, "The man was arrested on Northumberland Avenue after a chase, police said.")
    assert found.get("Northumberland Avenue", "").startswith("place:")


def test_a_sea_is_a_place_not_a_person(tagger: Gazetteer) -> None:
    found = _geo(tagger, "The search vessel arrived in the southern Indian Ocean on Monday.")
    assert "Indian Ocean" in found


def test_an_organisation_ending_in_a_head_noun_word_is_left_alone(tagger: Gazetteer) -> None:
    found = _geo(tagger, "The Montgomery County Democrats will meet voters on Friday night.")
    assert "Montgomery County Democrats" not in found


def test_a_place_named_after_a_town_lies_at_that_town(tagger: Gazetteer) -> None:
    entities = tagger.tag(geotext.Article(text="The patient was taken to Colchester Hospital on Friday, police said."))
    hospital = next(e for e in entities if any(m.text == "Colchester Hospital" for m in e.mentions))
    assert hospital.kind == "place"
    assert hospital.id.startswith("place:")
    town = tagger._entities[tagger._id_index[hospital.attributes["near"]]]
    assert town["name"] == "Colchester"
    assert hospital.coordinates is not None
    assert (hospital.coordinates.lat, hospital.coordinates.lon) == tuple(town["coordinates"])


def test_a_dictionary_place_after_a_locative_is_kept(tagger: Gazetteer) -> None:
    found = _geo(tagger, "As in much of Alberta, the hills around Hinton hold old coal mines.")
    assert "Hinton" in found


@pytest.mark.parametrize(
    ("text", "name", "disease"),
    [
        ("Two farmers caught Rift Valley fever last month.", "Rift Valley", True),
        ("A nurse in Mainz was treated for Marburg virus disease.", "Marburg", True),
        ("Cases of Lyme disease doubled in Vermont.", "Lyme", True),
        ("Crimean-Congo haemorrhagic fever was reported in Iraq.", "Crimean", True),
        ("Zika reached three more towns.", "Zika", True),
        ("An Ebola outbreak was declared over.", "Ebola", True),
        ("Harris County disease investigators met on Monday.", "Harris County", False),
        ("Ferries from Lyme reached the island.", "Lyme", False),
    ],
)
def test_names_a_disease(text: str, name: str, disease: bool) -> None:
    start = text.index(name)
    assert _toponyms.names_a_disease(text, start, start + len(name)) is disease


@pytest.mark.parametrize(
    ("text", "kept", "not_entities"),
    [
        ("A nurse in Mainz was treated for Marburg virus disease.", {"Mainz"}, {"Marburg"}),
        ("An Ebola outbreak in Kikwit was declared over.", {"Kikwit"}, {"Ebola", "An Ebola"}),
        ("Cases of Lyme disease doubled in Connecticut.", {"Connecticut"}, {"Lyme"}),
        ("Rift Valley fever spread to Kenya's Rift Valley.", {"Kenya"}, set()),
        # a country before a disease's word still names the country
        ("Congo fever cases rose in Uganda.", {"Congo", "Uganda"}, set()),
    ],
)
def test_a_disease_named_after_a_place_is_no_entity(
    tagger: Gazetteer, text: str, kept: set[str], not_entities: set[str]
) -> None:
    found = {mention.text: entity for entity in tagger.tag(geotext.Article(text=text)) for mention in entity.mentions}
    assert kept <= set(found)
    assert not not_entities & set(found)
    # the place of that name later in the text is still read
    if text.startswith("Rift Valley"):
        spans = [m.start for e in tagger.tag(geotext.Article(text=text)) for m in e.mentions if m.text == "Rift Valley"]
        assert spans == [text.rindex("Rift Valley")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Cholera spread to Qandor province last week.", "Qandor"),
        ("Gunmen raided two villages in Marabo state on Sunday.", "Marabo"),
        ("Aid reached the Tasvar region by truck.", "Tasvar"),
        # the plural after a list: each name of the list
        ("Cholera spread to the Qandor and Velmira districts last week.", "Velmira"),
        ("Floods hit Tasvar, Qandor and Velmira counties.", "Tasvar"),
    ],
)
def test_a_name_before_the_lower_case_word_of_a_division_is_a_place(tagger: Gazetteer, text: str, name: str) -> None:
    assert _toponyms.division_after(text, text.index(name) + len(name))
    found = {m.text: e for e in tagger.tag(geotext.Article(text=text)) for m in e.mentions}
    assert found[name].kind == "place", found


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Barns burned in Holmes county overnight.", "Holmes", "county"),
        ("Gunmen raided a village in Marabo state.", "Marabo", "state"),
        # the plural after a list, for each name of it
        ("Barns burned in Wayne and Holmes counties.", "Wayne", "county"),
        ("Barns burned in Wayne and Holmes counties.", "Holmes", "county"),
        ("Floods hit Tasvar, Qandor and Velmira districts.", "Qandor", "district"),
        # the plural after one name: divisions of that place
        ("Schools closed in Texas counties.", "Texas", None),
        ("Schools closed in Ohio's counties.", "Ohio", None),
        # written with a capital, the word is part of the name
        ("Barns burned in Holmes County.", "Holmes", None),
        # a list does not run across a sentence's end
        ("He lives in Columbus, Ohio. Franklin and Delaware counties grew.", "Columbus", None),
        ("He lives in Columbus, Ohio. Franklin and Delaware counties grew.", "Franklin", "county"),
    ],
)
def test_division_noun_after(text: str, name: str, expected: str | None) -> None:
    start = text.index(name)
    assert _toponyms.division_noun_after(text, start, start + len(name)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # not the towns of New Jersey and Michigan named Wayne, nor a place of no record
        (
            "Deputies searched barns in Wayne and Holmes counties, Ohio, on Monday.",
            {"Wayne": "fips:39169", "Holmes": "fips:39075", "Ohio": "geonames:5165418"},
        ),
        ("Voters in Stark county, Ohio, turned down the school levy.", {"Stark": "fips:39151"}),
        ("Gunmen raided villages in Nakuru and Kericho counties.", {"Nakuru": "iso3166-2:KE-31"}),
        # a list of divisions lies in one state: Ohio's Holmes County beside Tuscarawas, the
        # Texan Houston County beside Dallas County
        ("Tornadoes hit Tuscarawas and Holmes counties.", {"Holmes": "fips:39075"}),
        ("Dallas and Houston counties reported more cases.", {"Dallas": "fips:48113", "Houston": "fips:48225"}),
        # the state the article names first, among those holding the whole list
        ("Storms hit Marion and Polk counties in Iowa.", {"Marion": "fips:19125", "Polk": "fips:19153"}),
        ("Tornadoes hit Tuscarawas and Holmes counties. A pastor in Mississippi prayed.", {"Holmes": "fips:39075"}),
        # the town before a sentence's end is no member of the list after it
        ("He lives in Columbus, Ohio. Franklin and Delaware counties grew.", {"Columbus": "geonames:4509177"}),
        # a state keeps its reading: a county in Ohio, the counties of Texas
        ("Schools in a rural Ohio county closed early.", {"Ohio": "geonames:5165418"}),
        ("Deputies in several Texas counties were called out.", {"Texas": "geonames:4736286"}),
    ],
)
def test_a_name_before_the_word_of_a_division_names_that_division(
    tagger: Gazetteer, text: str, expected: dict[str, str]
) -> None:
    found = {m.text: e.id for e in tagger.tag(geotext.Article(text=text)) for m in e.mentions}
    assert {name: found.get(name) for name in expected} == expected, found


def test_a_division_named_in_a_list_keeps_its_reading_alone_later(tagger: Gazetteer) -> None:
    text = "Tornadoes hit Tuscarawas and Holmes counties on Monday. Holmes county officials said barns burned."
    ids = [e.id for e in tagger.tag(geotext.Article(text=text)) for m in e.mentions if m.text == "Holmes"]
    assert ids == ["fips:39075", "fips:39075"], ids


def test_a_persons_title_is_no_part_of_the_name(tagger: Gazetteer) -> None:
    text = "Mayor Quillan said the bridge would reopen. Sheriff Dorvell agreed. Quillan left."
    people = {e.name: e for e in tagger.tag(geotext.Article(text=text)) if e.kind == "person"}
    assert set(people) == {"Quillan", "Dorvell"}, people
    assert people["Quillan"].attributes["title"] == "Mayor"
    assert people["Dorvell"].attributes["title"] == "Sheriff"
    assert len(people["Quillan"].mentions) == 2


@pytest.mark.parametrize(
    ("text", "not_places"),
    [
        # "state" after a party or an adjective, and an adjective the model calls MISC
        ("Two GOP state senators in Ohio voted against the bill.", {"GOP"}),
        ("Gulf Arab states met in Doha on Monday.", {"Arab"}),
        ("The Welsh region of Gwynedd flooded.", {"Welsh"}),
    ],
)
def test_a_party_or_an_adjective_before_a_division_word_is_no_place(
    tagger: Gazetteer, text: str, not_places: set[str]
) -> None:
    found = {m.text for e in tagger.tag(geotext.Article(text=text)) if e.kind == "place" for m in e.mentions}
    assert not not_places & found, found


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # a place counting its cases is no disease's name
        ("Hospitals said Florida virus cases climbed again in July.", "Florida", "geonames:4155751"),
        ("A Boston-area disease cluster worried doctors.", "Boston", "geonames:4930956"),
    ],
)
def test_a_place_before_its_case_counts_stays(tagger: Gazetteer, text: str, name: str, expected: str) -> None:
    found = {m.text: e.id for e in tagger.tag(geotext.Article(text=text)) for m in e.mentions}
    assert found.get(name) == expected, found


def test_a_country_joined_to_the_name_of_a_disease_is_no_country(tagger: Gazetteer) -> None:
    ids = {e.id for e in tagger.tag(geotext.Article(text="Crimean-Congo haemorrhagic fever was reported in Iraq."))}
    assert "iso:IRQ" in ids and "iso:COD" not in ids and "iso:COG" not in ids


def test_arabic_names_run_on_across_the_article(tagger: Gazetteer) -> None:
    text = "Shelling hit Ras al-Ain and Jisr al-Shughur, Bashar al-Hamdi said."
    found = {m.text: e for e in tagger.tag(geotext.Article(text=text)) for m in e.mentions}
    assert found["Ras al-Ain"].kind == "place" and found["Jisr al-Shughur"].kind == "place", found
    # a person's name runs on the same way and is no place (no Arabic place word opens it)
    assert not any(e.kind == "place" for name, e in found.items() if name.startswith("Bashar")), found


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Sheriff Dorvell", True),
        ("Mayor Ana Ruiz", True),
        ("Sen. Quillan", True),
        ("Judge Halvorsen Center", False),
        ("Sheriff Office", False),
        ("Sheriff's Office", False),
        ("Mayor Ana Ruiz Lopez", False),
        ("General Motors", False),
        ("Chief Executive", False),
        # a place or a body named after a title-bearer
        ("Imam Hussein Shrine", False),
        ("Imam Reza Mosque", False),
        ("Imam Hussein Brigades", False),
        ("Ambassador Theatre", False),
    ],
)
def test_a_title_only_a_person_bears_before_a_name_is_a_person(name: str, person: bool) -> None:
    text = f"On Monday {name} spoke."
    start = text.index(name)
    assert titled_person(text, start, start + len(name)) is person


@pytest.mark.parametrize(
    ("text", "name", "person"),
    [
        ("Then Rep. Ana Ruiz spoke.", "Rep. Ana Ruiz", True),
        ("Then Mr. Heiden spoke.", "Heiden", True),
        ("Then Gov. Ana B. Ruiz spoke.", "Ana B. Ruiz", True),
        ("Then Dorvell spoke.", "Dorvell", False),
        ("Then Mr. Heiden of Tasvar Bank spoke.", "Heiden of Tasvar Bank", False),
        ("Then St. Louis spoke.", "Louis", False),
        # a place or body named after a title-bearer
        ("Flights to Gen. Santos City resumed.", "Santos City", False),
        ("Then Dr. Halvorsen School closed.", "Halvorsen School", False),
        # a rank of more than one word
        ("Then Master Sgt. Ana Ruiz spoke.", "Ana Ruiz", True),
    ],
)
def test_an_abbreviated_title_before_names_makes_a_person(text: str, name: str, person: bool) -> None:
    start = text.index(name)
    assert abbreviated_title_person(text, start, start + len(name)) is person


def test_a_person_after_an_abbreviated_title_is_found_whatever_the_models_score(tagger: Gazetteer) -> None:
    text = "Officials met Mr. Heiden and Mr. Hodge. Later Rep. Colleen Hanabusa spoke."
    people = {e.name: e for e in tagger.tag(geotext.Article(text=text)) if e.kind == "person"}
    assert {"Heiden", "Hodge", "Colleen Hanabusa"} <= set(people), people
    assert people["Heiden"].attributes["title"] == "Mr."


def test_ranks_of_more_than_one_word_are_titles(tagger: Gazetteer) -> None:
    text = "Officials said Rear Adm. Ana Ruiz was injured. Texas Lt. Gov. Dorvell Quillan spoke."
    people = {e.name: e for e in tagger.tag(geotext.Article(text=text)) if e.kind == "person"}
    assert set(people) == {"Ana Ruiz", "Dorvell Quillan"}, people
    assert people["Dorvell Quillan"].attributes["title"] == "Lt. Gov."
