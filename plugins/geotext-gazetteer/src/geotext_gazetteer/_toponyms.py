"""Toponym passes that need no gazetteer entry: the words of a name say it is a place.

A capitalised name ending in a geographic head noun ("Pike County", "Indian Ocean",
"Northumberland Avenue", "Heathrow Airport") or opening with one ("Lake Manassas",
"Mount Kenya", "Gulf of Aden") is a place whatever its first words are, and a name the
gazetteer knows as a place right after a locative preposition ("in Nenagh", "near
Cirencester") is read as that place. These are the places local news names most often and
a population cut-off never holds: streets, rivers, counties, neighbourhoods' landmarks.

The head nouns are a table (:data:`HEAD_NOUNS`, :data:`LEAD_WORDS`), each with the class
of place it names; the tests read the examples in ``tests/toponym_heads.csv``. Words that
end names of clubs, companies or people as often as places are left out on purpose:
"Forest" (Nottingham Forest), "Palace" (Crystal Palace), "Park" (Queens Park Rangers),
"Hill" and "Lane" (surnames), "Coast", "Court", "University", "College", "School",
"State" (Ohio State, Colorado State), "City" (Birmingham City).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = [
    "ARABIC_ARTICLE_AFTER",
    "DISEASE_NAMES",
    "HEAD_NOUNS",
    "LEAD_WORDS",
    "WITHIN_TOWN",
    "division_after",
    "head_class",
    "locative_before",
    "name_continues",
    "names_a_disease",
]

#: A word ending a capitalised name -> the class of place the name is.
HEAD_NOUNS: Mapping[str, str] = {
    **dict.fromkeys(
        (
            "County",
            "Counties",
            "Province",
            "District",
            "Prefecture",
            "Region",
            "Governorate",
            "Oblast",
            "Township",
            "Borough",
            "Parish",
            "Municipality",
            "Territory",
            "Territories",
        ),
        "division",
    ),
    **dict.fromkeys(
        (
            "River",
            "Lake",
            "Lakes",
            "Mountain",
            "Mountains",
            "Sea",
            "Ocean",
            "Bay",
            "Gulf",
            "Island",
            "Islands",
            "Isles",
            "Valley",
            "Desert",
            "Peninsula",
            "Creek",
            "Strait",
            "Straits",
            "Canyon",
            "Falls",
            "Glacier",
            "Peak",
            "Lagoon",
            "Reservoir",
            "Canal",
            "Basin",
            "Delta",
            "Plateau",
            "Archipelago",
            "Heights",
        ),
        "natural",
    ),
    **dict.fromkeys(
        (
            "Street",
            "St.",
            "Road",
            "Rd.",
            "Avenue",
            "Ave.",
            "Boulevard",
            "Blvd.",
            "Drive",
            "Highway",
            "Motorway",
            "Square",
            "Plaza",
            "Parkway",
            "Freeway",
            "Expressway",
            "Parade",
            "Terrace",
        ),
        "street",
    ),
    **dict.fromkeys(
        (
            "Airport",
            "Hospital",
            "Church",
            "Museum",
            "Centre",
            "Bridge",
            "Stadium",
            "Cathedral",
            "Basilica",
            "Chapel",
            "Mosque",
            "Castle",
            "Harbor",
            "Harbour",
            "Cemetery",
            "Dam",
            "Tunnel",
            "Tower",
        ),
        "facility",
    ),
}

#: A word opening a capitalised name ("Lake Manassas", "Gulf of Aden") -> its class; the
#: words after it must be a name.
LEAD_WORDS: Mapping[str, str] = {
    "Lake": "natural",
    "Mount": "natural",
    "Mt.": "natural",
    "Gulf of": "natural",
    "Bay of": "natural",
    "Sea of": "natural",
    "Isle of": "natural",
    "Strait of": "natural",
    "Straits of": "natural",
    "Cape": "natural",
    # Arabic words that open the names of places ("Ras al-Ain", "Bab al-Hawa", "Jisr
    # al-Shughur", "Tal Abyad", "Kafr Nabl", "Beit Lahia", "Wadi Halfa"): cape, gate, bridge,
    # hill, monastery, village, spring, valley, mountain, well, castle, meadow, house
    **dict.fromkeys(
        (
            "Ras",
            "Bab",
            "Jisr",
            "Tal",
            "Tell",
            "Deir",
            "Kafr",
            "Ain",
            "Wadi",
            "Jebel",
            "Jabal",
            "Bir",
            "Qasr",
            "Marj",
            "Beit",
        ),
        "settlement",
    ),
}

_LEAD_FIRST_WORDS = frozenset(lead.split()[0] for lead in LEAD_WORDS)

#: Classes of place that lie in the town they are named after ("Colchester Hospital").
WITHIN_TOWN = frozenset({"street", "facility"})

# words read as "this is a place" before a name; "to", "from", "at" and "of" also precede
# people ("a call from Hassan", "looked at Lara"), so they are not here
_LOCATIVE_WORDS = frozenset(
    word
    for lower in ("in", "near", "outside", "around", "across", "throughout", "into", "towards", "toward", "inside")
    for word in (lower, lower.capitalize())
)
_DETERMINERS = frozenset(
    {"The", "A", "An", "This", "That", "These", "Those", "Our", "Its", "His", "Her", "Their", "My", "Your", "Every"}
)
_NAME_WORD = re.compile(r"^[A-Z][\w'’.\-]*$")
# a name word after the Arabic article ("al-Ain", "ez-Zor", "ash-Sham")
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|ez|an|ed|es|er|en)-[A-Z][\w'’\-]*$")
#: the Arabic article and the name word after a name's first word ("Ras| al-Ain")
ARABIC_ARTICLE_AFTER = re.compile(r"(?:[ \t]+(?:al|el|ad|ar|as|ash|at|az|ez|an|ed|es|er|en)-[A-Z][\w'’]*)+")
_PREVIOUS_WORD = re.compile(r"([A-Za-z]+)[ \t]+$")
_NEXT_CAPITALISED = re.compile(r"(?:['’]s?|[ \t]+[A-Z0-9])")


def head_class(name: str) -> str | None:
    """The class of place a capitalised name is by its head noun, or ``None``.

    >>> head_class("Pike County"), head_class("Lake Manassas"), head_class("Gulf of Aden")
    ('division', 'natural', 'natural')
    >>> head_class("Montgomery County Democrats") is None, head_class("County") is None
    (True, True)
    """
    words = name.split()
    if len(words) < 2:
        return None
    found = HEAD_NOUNS.get(words[-1])
    rest = words[:-1]
    if found is None:
        if words[0] not in _LEAD_FIRST_WORDS:
            return None  # most names: settled by a set test on each end
        for lead, kind in LEAD_WORDS.items():
            size = lead.count(" ") + 1
            if " ".join(words[:size]) == lead and len(words) > size:
                found, rest = kind, words[size:]
                break
    if found is None or not all(
        _NAME_WORD.match(w) or _ARABIC_ARTICLE.match(w) or w in ("of", "the", "and", "de", "la") for w in rest
    ):
        return None
    # a name of its own beside the head: not only head nouns or determiners ("The River")
    if not any(
        (_NAME_WORD.match(w) or _ARABIC_ARTICLE.match(w)) and w not in HEAD_NOUNS and w not in _DETERMINERS
        for w in rest
    ):
        return None
    return found


#: Diseases known by a name that is also a place or looks like a name ("Ebola" is a river,
#: "Zika" a forest): outbreak news names the disease, almost never the place.
DISEASE_NAMES = frozenset(
    {
        "Ebola",
        "Zika",
        "Chikungunya",
        "Dengue",
        "Nipah",
        "Mpox",
        "Monkeypox",
        "Norovirus",
        "Hantavirus",
        "MERS",
        "SARS",
        "Covid",
        "COVID",
        "Covid-19",
        "COVID-19",
    }
)
# a name right before the word of a disease names the disease ("Lyme disease", "West Nile
# virus", "Rift Valley fever", "Crimean-Congo haemorrhagic fever", "Middle East respiratory
# syndrome", "Marburg virus disease"); "flu" is left out: "Hong Kong flu" is also read as
# where it began
#: the words of a disease after a name (:func:`names_a_disease`); also what a text holds,
#: lower-cased, when a name in it may be a disease's (tested once per article, in C)
DISEASE_WORDS = ("virus", "fever", "disease", "syndrome", "encephalitis")
_DISEASE_AFTER = re.compile(
    r"(?:-[A-Z]\w+)?[ \t]+(?:(?:h(?:ae|e)morrhagic|respiratory|spotted|virus)[ \t]+)?"
    rf"(?:viruses|{'|'.join(DISEASE_WORDS)})\b"
    # ... but not a place's own disease officials or counts ("Harris County disease
    # investigators", "Florida virus cases")
    r"(?![ \t]+(?:control|officials?|experts?|investigators?|specialists?|researchers?|surveillance|"
    r"cases?|deaths?|testing|tests?|clusters?|outbreaks?|patients?|rates?|task|toll|infections?|"
    r"hospitali[sz]ations?|vaccin\w*|restrictions?|response|numbers?|surge|spike)\b)",
    re.IGNORECASE,
)


def names_a_disease(text: str, start: int, end: int, words: bool = True) -> bool:
    """True when the name at ``start:end`` is a disease's, not a place's or a person's
    (*words*: whether the text holds one of :data:`DISEASE_WORDS`; without, only the
    names of :data:`DISEASE_NAMES` are read).

    >>> names_a_disease("Cases of Lyme disease rose", 9, 13), names_a_disease("An Ebola outbreak", 3, 8)
    (True, True)
    >>> names_a_disease("cases rose in Lyme and Essex", 14, 18)
    False
    >>> names_a_disease("Harris County disease investigators said", 0, 13)
    False
    """
    return text[start:end] in DISEASE_NAMES or (words and _DISEASE_AFTER.match(text, end) is not None)


# the kind of a division written after its name in lower case ("Helmand province",
# "Kano state", "Tigray region"); written with a capital it is a head noun (HEAD_NOUNS)
#: the kinds of a division written after its name, singular and plural
_DIVISION_NOUNS = {
    "province": "provinces", "governorate": "governorates", "district": "districts",
    "prefecture": "prefectures", "county": "counties", "region": "regions", "state": "states",
    "municipality": None, "oblast": None, "territory": None, "emirate": None, "canton": None,
}  # fmt: skip
#: what a text holds, lower-cased, when a name in it may be a division's
#: (:func:`division_after`): tested once per article, in C ("count" for "county", "counties")
DIVISION_WORDS = tuple(noun[:-1] if noun.endswith("y") else noun for noun in _DIVISION_NOUNS)
_PLURALS = [plural for plural in _DIVISION_NOUNS.values() if plural]
# capitalised words of one name; a period only after a saint's or a mount's abbreviation
# ("St. Lucie"), not at a sentence's end ("Columbus, Ohio. Franklin and Delaware counties")
_NAME_WORDS = r"(?:(?:St|Ste|Mt|Ft)\.[ \t]+)?[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*)*"


# the word of a division after the name ("Hodeidah province", "Holmes county"), or its
# plural after a list the name opens or continues ("Kenema and Kailahun districts",
# "Nakuru, Kericho and Bomet counties"), the word captured
_DIVISION_NOUN_AFTER = re.compile(rf"[ \t]+({'|'.join([*_DIVISION_NOUNS, *_PLURALS])})\b")
_DIVISIONS_NOUN_AFTER_LIST = re.compile(
    rf"(?:,[ \t]*{_NAME_WORDS})*,?[ \t]+(?:and|&)[ \t]+{_NAME_WORDS}[ \t]+({'|'.join(_PLURALS)})\b"
)


def division_after(text: str, end: int) -> bool:
    """True when the name ending at *end* is followed by the lower-case word of a division,
    or opens or continues a list of names followed by that word in the plural.

    >>> division_after("fighting in Hodeidah province", 20), division_after("Hodeidah Province", 8)
    (True, False)
    >>> division_after("cases in Kenema and Kailahun districts", 15)
    True
    >>> division_after("Kenema and Kailahun reported cases in two districts", 6)
    False
    """
    return _DIVISION_NOUN_AFTER.match(text, end) is not None or _DIVISIONS_NOUN_AFTER_LIST.match(text, end) is not None


_SINGULAR = {plural: noun for noun, plural in _DIVISION_NOUNS.items() if plural}
# the names of a list before its last name ("Wayne and " of "Wayne and Holmes counties"),
# and those before any of its names ("Tuscarawas, " of "Tuscarawas, Wayne and Holmes")
_LIST_BEFORE = re.compile(rf"{_NAME_WORDS},?[ \t]+(?:and|&)[ \t]+$")
_LIST_HEAD = re.compile(rf"(?:{_NAME_WORDS},[ \t]*)*(?:{_NAME_WORDS},?[ \t]+(?:and|&)[ \t]+)?$")
_LIST_SEPARATOR = re.compile(r",[ \t]*(?:(?:and|&)[ \t]+)?|[ \t]+(?:and|&)[ \t]+")


def division_noun_after(text: str, start: int, end: int) -> str | None:
    """The lower-case word of a division that makes the name at *start*:*end* a division
    of that kind, in the singular: the word right after the name, or its plural after a
    list of names the name opens, continues or ends; else ``None``.

    >>> division_noun_after("farms in Holmes county", 9, 15)
    'county'
    >>> text = "farms in Wayne and Holmes counties"
    >>> division_noun_after(text, 9, 14), division_noun_after(text, 19, 25)
    ('county', 'county')
    >>> division_noun_after("schools in Texas counties", 11, 16), division_noun_after("Holmes County", 0, 6)
    (None, None)
    """
    match = _DIVISION_NOUN_AFTER.match(text, end)
    if match is not None:
        noun = match.group(1)
        if noun not in _SINGULAR:
            return noun
        if _LIST_BEFORE.search(text, max(0, start - 80), start) is None:
            return None  # "Texas counties": the counties of one place
        return _SINGULAR[noun]
    match = _DIVISIONS_NOUN_AFTER_LIST.match(text, end)
    return _SINGULAR[match.group(1)] if match is not None else None


def division_list(text: str, start: int, end: int) -> list[str]:
    """The names of the list of divisions the name at *start*:*end* belongs to, itself
    included, when a plural division word ends the list ("Tuscarawas, Wayne and Holmes
    counties"); else ``[]``.

    >>> division_list("hit Tuscarawas, Wayne and Holmes counties", 16, 21)
    ['Tuscarawas', 'Wayne', 'Holmes']
    >>> division_list("fighting in Hodeidah province", 12, 20)
    []
    """
    after = _DIVISIONS_NOUN_AFTER_LIST.match(text, end)
    if after is not None:
        tail_end = after.start(1)
    else:
        plural = _DIVISION_NOUN_AFTER.match(text, end)
        if plural is None or plural.group(1) not in _SINGULAR:
            return []
        tail_end = end
    head = _LIST_HEAD.search(text, max(0, start - 160), start)
    head_start = head.start() if head is not None else start
    names = [n for n in _LIST_SEPARATOR.split(text[head_start:tail_end].strip()) if n]
    return names if len(names) > 1 else []


def locative_before(text: str, start: int) -> bool:
    """True when a locative preposition ("in", "near", "around") ends right before *start*.

    >>> locative_before("asylum seekers in Samos", 18), locative_before("a call from Lara", 12)
    (True, False)
    """
    match = _PREVIOUS_WORD.search(text, max(0, start - 16), start)
    return match is not None and match.group(1) in _LOCATIVE_WORDS


def name_continues(text: str, end: int) -> bool:
    """True when the name at ``...:end`` runs on: a possessive or another capitalised word
    ("in Cambridge Analytica's", "in Lara's view")."""
    return _NEXT_CAPITALISED.match(text, end) is not None
