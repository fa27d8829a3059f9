"""The stand-in tagger of the claims tests: one small gazetteer table, tagged as the
gazetteer plugin tags (the longest mention wins; a capital is read twice, as its state and
as a place), so that the extractor's tests need neither the gazetteer nor its data."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import attrs
import pytest

from geotext import Analysis, Article, Claim, Entity, Mention

#: state name → (id, demonyms, capital, the capital's GeoNames id)
STATES = {
    "China": ("iso:CHN", ["Chinese"], "Beijing", "1816670"),
    "Russia": ("iso:RUS", ["Russian"], "Moscow", "524901"),
    "Mongolia": ("iso:MNG", ["Mongolian"], "Ulaanbaatar", "2028462"),
    "Iran": ("iso:IRN", ["Iranian"], None, None),
    "India": ("iso:IND", [], None, None),
    "Pakistan": ("iso:PAK", [], None, None),
    "United States": ("iso:USA", [], None, None),
    "Japan": ("iso:JPN", [], None, None),
    "South Korea": ("iso:KOR", [], None, None),
    "Kyrgyzstan": ("iso:KGZ", [], None, None),
}
#: (id, name, country, office, surfaces): people and offices
PEOPLE = [
    ("person:li-qiang", "Li Qiang", "CHN", "Premier", ["Chinese Premier Li Qiang", "Li Qiang", "Li"]),
    (
        "person:oyun-erdene",
        "Luvsannamsrain Oyun-Erdene",
        "MNG",
        "Prime Minister",
        ["Mongolian Prime Minister L. Oyun-Erdene", "L. Oyun-Erdene", "Oyun-Erdene"],
    ),
    (
        "office:CHN:foreign-minister",
        "Foreign Minister of China",
        "CHN",
        "Foreign Minister",
        ["China’s Foreign Minister", "Chinese Foreign Minister"],
    ),
    ("person:khurelsukh", "Khurelsukh", "MNG", None, ["Khurelsukh"]),
    ("person:zhang-ming", "Zhang Ming", None, None, ["Zhang Ming"]),
]
#: (id, name, surfaces): organisations
ORGS = [
    ("igo:SCO", "Shanghai Cooperation Organization", ["Shanghai Cooperation Organization", "SCO"]),
    ("org:supreme-court", "Supreme Court", ["Supreme Court"]),
]
#: place name → (GeoNames id, country): towns that are no capital
PLACES = {
    "Bishkek": ("geonames:1528675", "KGZ"),
    "Darkhan": ("geonames:2031964", "MNG"),
    "Erdenet": ("geonames:2031405", "MNG"),
    "Harbin": ("geonames:2037013", "CHN"),
}


def _find(text: str, surface: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    found = []
    for m in re.finditer(r"(?<![\w-])" + re.escape(surface) + r"(?![\w-])", text):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            found.append((m.start(), m.end()))
    return found


def _take(text: str, name: str, surfaces: list[str], other_form: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """The mentions of *surfaces* in *text* not inside one taken before (which they then take):
    the full *name* is a ``name`` mention, any other surface an *other_form* one."""
    mentions = []
    for surface in surfaces:
        for a, b in _find(text, surface, taken):
            mentions.append(Mention(start=a, end=b, text=text[a:b], form="name" if surface == name else other_form))
            taken.append((a, b))
    return mentions


@attrs.frozen
class StandInTagger:
    """Tags a text from the tables above; ``tag(text)`` returns its entities."""

    def __call__(self, text: str) -> list[Entity]:
        entities: list[Entity] = []
        taken: list[tuple[int, int]] = []
        for entity_id, name, country, office, surfaces in PEOPLE:
            mentions = _take(text, name, surfaces, "title", taken)
            if mentions:
                entities.append(
                    Entity(id=entity_id, kind="person", name=name, country=country, office=office, mentions=mentions)
                )
        for entity_id, name, surfaces in ORGS:
            mentions = _take(text, name, surfaces, "acronym", taken)
            if mentions:
                entities.append(Entity(id=entity_id, kind="organisation", name=name, mentions=mentions))
        for name, (entity_id, demonyms, capital, geonameid) in STATES.items():
            mentions = []
            for surface, form in [(name, "name")] + [(d, "demonym") for d in demonyms]:
                for a, b in _find(text, surface, taken):
                    mentions.append(Mention(start=a, end=b, text=text[a:b], form=form))
            capital_mentions = []
            if capital:
                for a, b in _find(text, capital, taken):
                    capital_mentions.append(Mention(start=a, end=b, text=text[a:b], form="name"))
                    mentions.append(Mention(start=a, end=b, text=text[a:b], form="capital"))
            if mentions:
                entities.append(Entity(id=entity_id, kind="state", name=name, country=entity_id[4:], mentions=mentions))
            if capital_mentions:
                entities.append(
                    Entity(
                        id=f"geonames:{geonameid}",
                        kind="place",
                        name=capital,
                        country=entity_id[4:],
                        mentions=capital_mentions,
                    )
                )
        for name, (entity_id, country) in PLACES.items():
            mentions = [Mention(start=a, end=b, text=text[a:b], form="name") for a, b in _find(text, name, taken)]
            if mentions:
                entities.append(Entity(id=entity_id, kind="place", name=name, country=country, mentions=mentions))
        return entities

    def analysis(self, text: str, published: dt.date | None = None, claims: Sequence[Claim] = ()) -> Analysis:
        """An analysis of *text* with its entities (and *claims*), as the pipeline would make it."""
        return Analysis(article=Article(text=text, published=published), entities=self(text), claims=tuple(claims))


@pytest.fixture(scope="session")
def tag() -> StandInTagger:
    """The stand-in tagger (see the module's docstring)."""
    return StandInTagger()
