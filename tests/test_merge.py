"""Merging the entities of several taggers: deterministic and independent of plugin order."""

import random

from hypothesis import given
from hypothesis import strategies as st

from geotext import Entity, Mention
from geotext._merge import _merge, merge_entities
from geotext.testing import entities_for

TEXT = "The Shanghai Cooperation Organization met in Bishkek; Beijing spoke for China."


def mention(text, form="name"):
    start = TEXT.index(text)
    return Mention(start=start, end=start + len(text), text=text, form=form)


def test_same_id_is_merged_and_fields_filled():
    a = Entity(id="iso:CHN", kind="state", name="China", ids={"iso3": "CHN"}, mentions=[mention("China")])
    b = Entity(
        id="iso:CHN",
        kind="state",
        name="People's Republic of China",
        ids={"iso3": "XXX", "wikidata": "Q148"},
        country="CHN",
        mentions=[mention("Beijing", "capital")],
    )
    (merged,) = merge_entities([("zeta", [b]), ("alpha", [a])])
    assert merged.name == "China"  # "alpha" sorts first
    assert merged.ids == {"iso3": "CHN", "wikidata": "Q148"}
    assert merged.country == "CHN"
    assert [m.text for m in merged.mentions] == ["Beijing", "China"]


def test_longer_mention_wins_across_plugins_but_same_span_is_kept():
    sco = Entity(id="igo:SCO", kind="organisation", name="SCO", mentions=[mention("Shanghai Cooperation Organization")])
    shanghai = Entity(id="geonames:1796236", kind="place", name="Shanghai", mentions=[mention("Shanghai")])
    beijing_place = Entity(id="geonames:1816670", kind="place", name="Beijing", mentions=[mention("Beijing")])
    beijing_state = Entity(id="iso:CHN", kind="state", name="China", mentions=[mention("Beijing", "capital")])
    merged = merge_entities([("orgs", [sco]), ("places", [shanghai, beijing_place]), ("states", [beijing_state])])
    assert [e.id for e in merged] == ["igo:SCO", "geonames:1816670", "iso:CHN"]


def test_one_taggers_own_overlaps_are_left_alone():
    corridor = Entity(id="initiative:x", kind="initiative", name="x", mentions=[mention("Shanghai Cooperation")])
    shanghai = Entity(id="geonames:1796236", kind="place", name="Shanghai", mentions=[mention("Shanghai")])
    assert len(merge_entities([("one", [corridor, shanghai])])) == 2


@given(st.data())
def test_merge_is_independent_of_plugin_order(data):
    plugins = [(f"p{i}", data.draw(entities_for(TEXT))) for i in range(3)]
    expected = merge_entities(plugins)
    shuffled = list(plugins)
    random.Random(data.draw(st.integers())).shuffle(shuffled)
    shuffled = [(name, list(reversed(entities))) for name, entities in shuffled]
    assert merge_entities(shuffled) == expected
    assert len({e.id for e in expected}) == len(expected)


@given(st.data())
def test_one_taggers_shortcut_follows_the_rule(data):
    # a single contribution skips the general merge; the result must be the same
    entities = data.draw(entities_for(TEXT))
    shuffled = list(entities)
    random.Random(data.draw(st.integers())).shuffle(shuffled)
    assert merge_entities([("one", shuffled)]) == _merge([("one", shuffled)])
    assert merge_entities([("one", shuffled), ("two", [])]) == _merge([("one", shuffled)])
