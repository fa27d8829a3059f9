"""The gazetteer tagger: dictionary matching with context rules, at scanning speed."""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import hashlib
import operator
import os
import pickle
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import ahocorasick_rs

from geotext import Article, Coordinates, Entity, Mention
from geotext.exceptions import ConfigError

from . import _build, _places, _recogniser, _small_places, _toponyms
from ._extra import read_extra_entries
from .version import __version__

__all__ = ["RECOGNISERS", "Gazetteer", "RecogniserDecision", "Tagger", "default_cache_dir"]

# Bump when the compiled layout changes, so stale caches are ignored.
_COMPILED_FORMAT = 12
# The compiled data is pickled in parts, each with a memo of its own: pickle's memo holds an
# entry per object written, and one memo for all of it raised a first load's peak memory by
# about 100 MB. The parts share no objects, so nothing is written twice.
_PICKLED_PARTS = ("exact", "upper")
_KIND_RANK = {"state": 0, "organisation": 1, "initiative": 2, "group": 3, "person": 4, "place": 5}
_NAME_FORMS = ("name", "alias", "acronym")
# Two-letter acronyms that are also English words: in an ALL-CAPS line they are words.
_CAPS_WORDS = {
    "US",
    "IT",
    "AS",
    "OR",
    "IN",
    "ON",
    "AT",
    "NO",
    "AN",
    "ME",
    "OK",
    "HI",
    "SO",
    "TO",
    "UP",
    "WE",
    "BE",
    "DO",
    "GO",
    "IF",
    "IS",
    "MY",
    "OF",
    "AM",
    "AU",
    "UN",
    "EU",
    "UK",
    "ROK",
    "CIS",
    "GDI",
    "GSI",
    "NAM",
    "WHO",
    "OAS",
    "ADB",
    "ILO",
    "FAO",
    "CAN",
    "PRC",
}
# Characters that end a word: testing these first spares a call to str.isalnum per hit.
_SEPARATORS = frozenset(" \t\n\r.,;:!?'\"()[]{}<>/\\|-–—‘’“”«»*&%$#@+=~^`_")
_END_THEN_START = operator.itemgetter(1, 0)
_FIRST_THEN_ID = operator.itemgetter(0, 1)
# the agencies whose bracketed name follows a dateline ("WASHINGTON (AP) -")
_AGENCIES = "AP|AFP|Reuters|UPI|dpa|Xinhua|CNN"
# An ALL-CAPS lead before a dash, comma, date or agency ("GERMANY - Bunds ...", "LONDON, May 5",
# "TORONTO — ...", "WASHINGTON (AP) -"), or run into the first sentence's Title-case words
# ("LONDON The Latest on ...")
_CAPS_LEAD = re.compile(rf"[A-Z][A-Z .'&]{{2,}}(?=\s*(?:[-–—,:]|\d|\((?:{_AGENCIES})\))|\s[A-Z][a-z])")
# The same lead inside a line, where flattened text runs a dateline on from a byline or a
# caption ("By Nate Raymond. BOSTON (Reuters) - ...", "Photo by X. MANILA, Philippines – ..."):
# after a sentence end, the ALL-CAPS words, an optional ", Region", then a dash, a date, a
# colon or an agency; or anywhere before an agency in brackets ("Press WASHINGTON (AP) —").
_AGENCY = rf"\((?:{_AGENCIES}|APP|PTI|IANS|Thomson Reuters Foundation)\)"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d"
# after the first capital of the ALL-CAPS words
_DATELINE_CAPS_REST = r"[A-Z.'&]+(?:[ \t][A-Z][A-Z.'&]+){0,3}"
_DATELINE_REGION = r"(?:,[ \t]*[A-Z][A-Za-z.]+(?:[ \t][A-Z][A-Za-z.]+)?)?"
# what follows a dateline's place: ", Region" and a dash, an agency, a date or a colon
_DATELINE_FOLLOWS = rf"{_DATELINE_REGION}(?:[ \t]*[-–—]|[ \t]*{_AGENCY}|,[ \t]*{_MONTH}|:)"
# the pattern opens with a character class, so the scan skips lower-case text quickly
# (no match starts right after a capital: one that did would end where the match from that
# capital ends, and a match that follows a letter is not a lead; leaving them out spares
# retrying the pattern at every letter of an ALL-CAPS line)
_INLINE_LEAD = re.compile(rf"[A-Z](?<![A-Z].){_DATELINE_CAPS_REST}(?={_DATELINE_FOLLOWS})")
_DATELINE_FOLLOWS_RE = re.compile(_DATELINE_FOLLOWS)
_AGENCY_FOLLOWS = re.compile(rf"{_DATELINE_REGION}[ \t]*{_AGENCY}")
_TWO_CAPS = re.compile(r"[A-Z]{2}")
_DATELINE_AFTER = re.compile(r"^(?:\s*,\s*[A-Za-z .]+)?\s*(?:\d{4}-\d{2}-\d{2}|\([A-Za-z .]+\)|-{1,2}|–|—)")
_ACRONYM_DEF = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")
_WORD = re.compile(r"[\w&.'’\-]+")
_LINKERS = {"of", "and", "for", "the", "on", "in", "de", "du", "des", "la", "le", "to", "&"}
_CORRIDOR = re.compile(r"\b((?:[A-Z][A-Za-z]+[-–‑])+[A-Z][A-Za-z]+)\s+([Ee]conomic\s+)?[Cc]orridor\b")
_PERSON_AFTER = re.compile(r"\s+((?:[A-Z]\.\s?){0,2}[A-Z][a-zà-ÿ'’\-]+(?:[ -][A-Z][a-zà-ÿ'’\-]+){0,2})")
# Capitalised words after a title that make it a name of something else: "Premier League",
# "Ambassador Extraordinary and Plenipotentiary", "President Hotel"
_NOT_PERSON_WORDS = {
    # the first words of ranks ("Master Sgt.", "Rear Adm.")
    "Staff",
    "Master",
    "Rear",
    "Vice",
    "League",
    "Cup",
    "Club",
    "Council",
    "Committee",
    "Party",
    "Assembly",
    "Court",
    "Ministry",
    "Office",
    "Department",
    "Agency",
    "Bank",
    "Group",
    "Union",
    "Association",
    "Federation",
    "Division",
    "Series",
    "Championship",
    "Extraordinary",
    "Plenipotentiary",
    "Emeritus",
    "Elect",
    "Designate",
    "General",
    "Board",
    "Commission",
    "Foundation",
    "Institute",
    "University",
    "College",
    "School",
    "Hotel",
    "Hospital",
    "Airlines",
    "Airways",
    "House",
    "Palace",
    "Hall",
    "Street",
    "Road",
    "Avenue",
    "Award",
    "Prize",
    "Trophy",
    "Stadium",
    "Park",
    "Square",
    "Bridge",
    "Airport",
    "Station",
    "Building",
}
_POSSESSIVE = re.compile(r"['’][sS]?$")
# a lower-case noun of a settlement or a division and "of" before a name ("the outskirts
# of", "a gated suburb of"): the name is the place's. Not "state" or "capital",
# which are as often abstract ("the state of Jewish life", "the capital of Country music")
_SETTLEMENT_OF = re.compile(
    r"(?<![\w-])(?:towns?|villages?|city|suburbs?|outskirts|districts?|provinces?|regions?"
    r"|municipality|hamlets?|port|islands?|count(?:y|ies)) of (?:the )?$"
)
# a name ending in a possessive, or a sentence after a period
_POSSESSIVE_AFTER = re.compile(r"['’]s\b")
_SENTENCE_AFTER = re.compile(r"\s+[A-Z]")
# an office of a town, county, state or province written after its name ("New York
# Governor", "Chicago Mayor", "Marathon County Sheriff"): the name is the place
_LOCAL_TITLE = re.compile(
    r"[ \t]+(?:Lieutenant[ \t]+|Lt\.[ \t]*)?(?:Governor|Gov\.|Mayor|Sheriff|Attorney[ \t]+General|"
    r"Police[ \t]+(?:Chief|Commissioner|Department)|Premier|Chief[ \t]+Minister|County[ \t]+Executive|"
    r"Comptroller|Secretary[ \t]+of[ \t]+State|District[ \t]+Attorney|State[ \t]+Senator)\b"
)
# between a state and its title: "Kenya's", "Kenyan junior", "Russian former"
_STATE_TITLE_GAP = re.compile(
    r"(?:['’]s)?(?:\s+(?:junior|senior|former|acting|interim|outgoing|incoming|new|then|top|chief|"
    r"veteran|exiled|ousted|late|current|caretaker|powerful|influential|hardline|moderate))?\s+"
)
_NEXT_WORD = re.compile(r"[ \t]+(?:of[ \t]+)?([A-Z][a-z]+)\b")
_PREV_WORD = re.compile(r"\b([A-Z][a-z]+)(?:[ \t]+of)?[ \t]+$")
# words that continue a place name or sit before one without making it something else
_PLACE_WORDS = {
    "City",
    "County",
    "Province",
    "State",
    "Region",
    "District",
    "Island",
    "Islands",
    "Valley",
    "Bay",
    "Airport",
    "Port",
    "Street",
    "Square",
    "Park",
    "The",
    "A",
    "An",
    "On",
    "In",
    "At",
    "And",
    "But",
    "For",
    "To",
    "From",
    "With",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "This",
    "That",
    "There",
    "Police",
    "Reuters",
}
_TITLE_WORDS = _PLACE_WORDS | {
    "In",
    "At",
    "From",
    "Near",
    "Of",
    "To",
    "Central",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "North",
    "South",
    "East",
    "West",
    "New",
    "Greater",
    "Upper",
    "Lower",
    "Downtown",
    "Visit",
    "Says",
    "Said",
}
# one or two words, the first with its period: "Ont.", "Mo.", "New Mexico", "Illinois"
_QUALIFIER_WORDS = re.compile(r"([A-Z][\w]*\.?)(?: [A-Z][\w]*\.?)?")
# "Congo" alone: the Republic of the Congo until Zaire took the name
_CONGO_RENAMED = _dt.date(1997, 5, 17)
_LEADING_ARTICLE = re.compile(r"^(?:The|An|A)[ \t]+")
_STATE_AFTER = re.compile(r"[ \t]+states?\b")
# the endings of adjectives the recogniser calls MISC ("Himalayan region", "Jewish state",
# "Arab states", "Welsh region", "Sunni provinces"): no division of that name
_ADJECTIVE_END = re.compile(r"(?:an|ese|ish|ic|ch|ab|sh|i|ite|ek)$")
# what a person's name the recogniser finds never begins with: an article ("An Ebola
# outbreak" opening a sentence) or a title or honorific, which the CoNLL-2003 convention
# leaves out of the name ("Mayor Lee", "Sheriff Brown", "Lt. Gov. Smith"). Words that open
# names as well ("Lady", "Lord", "Father", "Mother", "Major") are not here.
_LEADING_NOT_NAME = re.compile(
    r"(?:(?:The|An|A|Sir|Staff|Master|Rear|Vice|Mayor|Governor|Senator|Representative|Congressman|Congresswoman|"
    r"Councilman|Councilwoman|Councillor|Councilor|Alderman|Assemblyman|Assemblywoman|Sheriff|"
    r"Judge|Justice|Officer|Detective|Sergeant|Lieutenant|Captain|Colonel|General|Admiral|"
    r"Commander|Commissioner|Chief|Deputy|Inspector|Constable|Trooper|Superintendent|Coach|"
    r"Pastor|Bishop|Archbishop|Cardinal|Rabbi|Imam|Professor|Doctor|President|Chairman|"
    r"Chairwoman|Premier|Chancellor|Minister|Ambassador|Secretary|Speaker|Attorney|"
    r"(?:Mr|Mrs|Ms|Dr|Prof|Rev|Gov|Sen|Rep|Sgt|Lt|Capt|Col|Gen|Adm|Cpl|Insp|Supt|Det)\.?)"
    r"[ \t]+)+(?=[A-Z])"
)
# a title only a person bears, then one or two names that end in no word of a body: the
# model, reading a title it rarely saw before a name, may call the pair an organisation
# ("Sheriff Dorvell"), never "Sheriff's Office" or "Judge Rotenberg Center"
_PERSON_BY_TITLE = re.compile(
    r"(?:Mayor|Governor|Senator|Congressman|Congresswoman|Councilman|Councilwoman|Councillor|"
    r"Councilor|Alderman|Assemblyman|Assemblywoman|Sheriff|Judge|Detective|Sergeant|Lieutenant|"
    r"Commissioner|Inspector|Constable|Trooper|Superintendent|Pastor|Rabbi|Imam|Professor|"
    r"Ambassador|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Sgt|Lt|Det|Supt)\.?)[ \t]+"
    r"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)?"
)
_BODY_HEADS = frozenset(
    """Office Department Council Court Committee Commission Center Centre Hall School College
University Institute Foundation Fund Association Society Party Bank Group Company Club Board Agency
Service Authority Police Station Hospital Church Mosque Shrine Temple Tomb Mausoleum Cathedral
Theatre Theater Museum Stadium Square Airport Street Road Avenue Park Bridge Award Prize Cup Trophy
Act Bill Law Report Building Hotel Academy Team Force Corps Brigade Battalion Regiment Division
Army Front Movement Comics City Town""".split()
)

# an abbreviated title, then one to three names: a person, whatever the model's class or
# score ("Rep. Colleen Hanabusa" read as MISC; "Heiden" after "Mr." below the threshold)
# one or more abbreviated titles, a rank's first word before them ("Master Sgt.", "Lt.
# Gov.", "Maj. Gen.")
_ABBREVIATED_TITLES = (
    r"(?:(?:" + "|".join(_recogniser.RANK_FIRST_WORDS) + r")[ \t]+)?"
    r"(?:(?:" + "|".join(_recogniser.TITLE_ABBREVIATIONS) + r")\.[ \t]+)+"
)
_NAMES = r"[A-Z][\w'’-]*(?:[ \t]+(?:[A-Z]\.|[A-Z][\w'’-]*)){0,2}"
_TITLED_NAMES = re.compile(_ABBREVIATED_TITLES + _NAMES)
_NAMES_AFTER_TITLE = re.compile(r"(?<=\.[ \t])" + _NAMES)
_TITLE_BEFORE = re.compile(r"(?:^|(?<=[\s(\"“]))" + _ABBREVIATED_TITLES + r"$")
_TITLES_ONLY = re.compile(_ABBREVIATED_TITLES)
#: below this score the model's span stays what it read, title or not ("Dr. Phillips High")
TITLED_PERSON_FLOOR = 0.2
#: from this score the model's reading of a name holds for the article's other uses of it
#: (selected on CoNLL-2003 dev from 0.5 to 0.9; 0.9 is the recogniser's confident score)
ONE_READING_FLOOR = 0.8
#: the end of the outcome of a span read as the model reads its name elsewhere in the article
AS_ELSEWHERE = ": as elsewhere"
#: from this score a name the model reads as a place, in a list of places, is one
#: (:meth:`_Resolver._in_list_of_places`; CoNLL-2003 dev and GeoWebNews gave the same
#: figures from 0.2 to 0.35)
LIST_PLACE_FLOOR = 0.3
#: the end of the outcome of a place taken for standing in a list of places
IN_A_LIST = ": in a list of places"
_ADVERB_ENDINGS = ("ly", "wide", "wise", "ward", "wards")


def abbreviated_title_person(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is abbreviated titles and one to three names ("Rep.
    Colleen Hanabusa"), or such names right after them ("Mr. |Heiden"), not a body or a
    place named after one ("Gen. Santos City", "Dr. Phillips School")."""
    if _TITLED_NAMES.fullmatch(text, start, end) is None and not (
        _NAMES_AFTER_TITLE.fullmatch(text, start, end) is not None
        and _TITLE_BEFORE.search(text, max(0, start - 25), start) is not None
    ):
        return False
    return _not_named_after(text[start:end])


# a natural feature named "X of Y" ("Gulf of Finland", "Isle of Wight"), which the model may
# read as two names: one place, its name of its own after "of" no place of its own
_OF_LEADS = tuple(lead + " " for lead in _toponyms.LEAD_WORDS if lead.endswith(" of"))
_OF_LEAD_NAME = re.compile(r"\b(?:" + "|".join(_OF_LEADS) + r")(?:the )?[A-Z][\w-]*(?: [A-Z][\w-]*)?")


def _join_of_leads(
    text: str, decisions: list[_recogniser.Decision], taken: set[tuple[int, int]]
) -> list[_recogniser.Decision]:
    """Replace the model's spans inside each "Gulf of Y" by one place span (not where the
    gazetteer holds the whole name: "Isle of Man", "Gulf of Aden")."""
    out = list(decisions)
    for match in _OF_LEAD_NAME.finditer(text):
        start, end = match.span()
        after_of = text.index(" of ", start) + 4
        if any(s == start and e > after_of for s, e in taken):
            continue  # the gazetteer holds the name ("Isle of Man", "Gulf of Aden")
        places = [d for d in out if start <= d.start and d.end <= end and d.label == "LOC"]
        if not places:
            continue
        # the name ends where the model's last place does: not a weekday or a demonym after it
        end = max(d.end for d in places)
        if end <= after_of:
            continue
        inside = [d for d in out if start <= d.start and d.end <= end]
        out = [d for d in out if d not in inside]
        out.append(_recogniser.Decision(start, end, "LOC", max(d.score for d in places)))
    out.sort(key=lambda d: (d.start, -d.end))
    return out


def titled_person(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a title only a person bears and one or two names
    ("Sheriff Dorvell", "Mayor Ana Ruiz"), not a body named after one ("Sheriff Office")."""
    if text.count(" ", start, end) > 2 or _PERSON_BY_TITLE.fullmatch(text, start, end) is None:
        return False
    return _not_named_after(text[start:end])


def _not_named_after(name: str) -> bool:
    """Whether *name* (a title and names) ends in no word of a body or a place."""
    last = name.rsplit(None, 1)[-1]
    return (
        last not in _BODY_HEADS
        and not (last[-1:] == "s" and last[:-1] in _BODY_HEADS)  # "Imam Hussein Brigades"
        and _toponyms.head_class(name) is None
    )


# (the capital first, then the look-behind at the character before it: a pattern that opens
# with a character class is scanned for it in C)
_CAPITALISED_WORD = re.compile(r"[A-Z](?<![\w'’-].)\w*(?![\w-])")
# a capitalised word with its inner apostrophes and hyphens ("O'Brien's", "Smith-Jones")
_NAME_WORD = re.compile(r"(?<![\w'’-])[^\W\d_a-z]\w*(?:['’-]\w+)*")
# what a surname must be for a name word to be it ("O'Brien", "Smith-Jones")
_SURNAME = re.compile(r"[^\W\d_a-z][\w'’-]*")
#: The values of ``config["gazetteer"]["recogniser"]``.
RECOGNISERS = ("model", "rules")
#: Kinds of dictionary entry that become entities whatever the recogniser says: it is not
#: asked about a capitalised region that is exactly one of them.
SETTLED_KINDS = frozenset({"state", "organisation", "group", "person", "initiative"})
# "Russian Ambassador Ivan Petrov", "Germany's Helmut Kohl", "French businessman Jean Dupont"
_COUNTRY_BEFORE = re.compile(r"(?:['’]s)?[ \t]+(?:[A-Za-z][\w.-]*[ \t]+){0,2}$")
_INITIATIVE_HEADS = {
    "Initiative",
    "Corridor",
    "Treaty",
    "Agreement",
    "Accord",
    "Accords",
    "Pact",
    "Programme",
    "Program",
    "Plan",
    "Partnership",
    "Strategy",
    "Project",
    "Convention",
    "Protocol",
}


class RecogniserDecision(NamedTuple):
    """What the learned recogniser decided about one span.

    ``label`` is ``LOC``, ``PER``, ``ORG`` or ``MISC``; ``score`` the model's probability
    (for a dictionary place: that its words are a place; for a new span: the lowest
    marginal probability of its tokens' labels); ``outcome`` what the tagger made of it:
    ``kept`` or ``dropped`` (a dictionary place or state), ``new <id>`` (an entity no data
    file knows), ``known`` (the span is already another entity's mention), ``skipped``
    (MISC, below the threshold, or a common word opening a sentence); ``kept`` and ``new
    <id>`` end in ``: as elsewhere`` where the span was taken only because the model reads
    the same name surely elsewhere in the article (:data:`ONE_READING_FLOOR`), and in
    ``: in a list of places`` where it was taken only for standing in one
    (:data:`LIST_PLACE_FLOOR`).
    """

    start: int
    end: int
    text: str
    label: str
    score: float
    outcome: str


def default_cache_dir() -> Path:
    """Return the directory for compiled automata: ``$XDG_CACHE_HOME/geotext-gazetteer``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "geotext-gazetteer"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _write_compiled(cache_file: Path, compiled: Mapping[str, Any]) -> None:
    """Write the compiled data to the cache, in parts (see :data:`_PICKLED_PARTS`).

    A function of its own so that the pickler, and the memo it keeps of every object it
    wrote, is freed before the tagger is built: a first load peaks tens of MB lower.
    """
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.dump({k: v for k, v in compiled.items() if k not in _PICKLED_PARTS})
            for part in _PICKLED_PARTS:
                pickler.clear_memo()
                pickler.dump(compiled[part])
        tmp.replace(cache_file)
    except OSError:
        pass  # a read-only home still tags, only slower to start


def _matches(automaton: ahocorasick_rs.AhoCorasick, text: str) -> list[tuple[int, int, int]]:
    """Every match, overlapping ones included: ``(key index, start, end)``, ordered by end
    and, at one end, longest first."""
    try:
        return automaton.find_matches_as_indexes(text, overlapping=True)
    except UnicodeEncodeError:
        # The automaton reads UTF-8, which has no lone surrogates (a str built in code may
        # hold one; parsed input never does). U+FFFD in their place keeps every offset.
        return automaton.find_matches_as_indexes(_SURROGATE.sub("\ufffd", text), overlapping=True)


def _opens_dateline(text: str, start: int, end: int) -> bool:
    """True when ALL-CAPS words at ``start:end`` that :data:`_DATELINE_FOLLOWS` follows
    open a line or a sentence, or come before an agency in brackets."""
    if _AGENCY_FOLLOWS.match(text, end) is not None:
        return True
    before = text[max(0, start - 3) : start].rstrip(" \t")
    return not before or before[-1] in '\n.!?:"”)'


def _caps_lines(text: str) -> list[tuple[int, int]]:
    """Return the spans of ALL-CAPS headlines and datelines, and of ALL-CAPS leads.

    A line is checked with two C-level string tests before any regular expression, so
    ordinary prose costs one slice and one ``isupper`` per line.
    """
    spans = []
    position = 0
    for line in text.split("\n"):
        if line[:3].isupper():  # "LONDON", "  GERMANY", "US ", not "The"
            if line.isupper():
                if _TWO_CAPS.search(line):
                    spans.append((position, position + len(line)))
            else:
                lead = _CAPS_LEAD.match(line)
                if lead:
                    spans.append((position, position + lead.end()))
        position += len(line) + 1
    inline = [
        match.span()
        for match in _INLINE_LEAD.finditer(text)
        if not (match.start() and text[match.start() - 1].isalnum()) and _opens_dateline(text, *match.span())
    ]
    if inline:
        spans = sorted({*spans, *(span for span in inline if not any(lo <= span[0] < hi for lo, hi in spans))})
    return spans


class Gazetteer:
    """Finds states, places, organisations, initiatives and officials in text.

    Build one with :meth:`load` (it reads the shipped data once and caches the compiled
    automaton on disk); then call :meth:`tag` on any number of articles. The object is
    read-only after loading and safe to share between threads.

    >>> tagger = Gazetteer.load()                                       # doctest: +SKIP
    >>> [e.id for e in tagger.tag("Beijing urged Mongolia to join the SCO.")]  # doctest: +SKIP
    ['geonames:1816670', 'iso:CHN', 'iso:MNG', 'igo:SCO']
    """

    def __init__(
        self,
        compiled: Mapping[str, Any],
        *,
        place_resolver: _places.RuleResolver | _places.LearnedResolver | None = None,
        recogniser: str = "model",
        model_path: str | os.PathLike[str] | None = None,
        small_places: str | os.PathLike[str] | None = None,
    ) -> None:
        if recogniser not in RECOGNISERS:
            raise ConfigError(f"gazetteer recogniser {recogniser!r}: use one of {', '.join(RECOGNISERS)}")
        self.recogniser = recogniser
        self._model = _recogniser.Recogniser.load(model_path) if recogniser == "model" else None
        self._entities: list[dict[str, Any]] = compiled["entities"]
        # The automata are built here rather than cached: ahocorasick_rs builds 66,000 keys
        # in about 0.1 s, and its automata cannot be pickled.
        self._exact_values: list[Any] = compiled["exact"][1]
        self._exact = ahocorasick_rs.AhoCorasick(compiled["exact"][0])
        self._upper_values: list[Any] = compiled["upper"][1]
        self._upper = ahocorasick_rs.AhoCorasick(compiled["upper"][0])
        self._compiled_keys = compiled["exact"]
        self._compiled_upper = compiled["upper"]
        self._id_index: dict[str, int] = compiled["id_index"]
        self._terms: list[tuple[int, dict[str, Any]]] = compiled["terms"]
        self.data_version: str = compiled["version"]
        self._corridors: dict[frozenset[str], int] = compiled["corridors"]
        # memos filled while tagging: per dictionary value, what it resolves to; per
        # record, its Entity without mentions
        self._surfaces: dict[int, tuple[Any, ...]] = {}
        self._templates: dict[int, dict[str, Any]] = {}
        self._hit_info: dict[int, tuple[str, ...]] = {}  # dictionary key -> recogniser features
        self._settled_keys: dict[int, bool] = {}  # dictionary key -> the data settles it alone
        # places: which resolver ranks candidates, what may follow a place after a comma
        self.place_resolver = place_resolver if place_resolver is not None else _places.load_resolver(None)
        self._qualifiers: dict[str, tuple[_places.QualifierEntry, ...]] = compiled["qualifiers"]
        self._user_entries: set[int] = compiled["user_entries"]  # users' own entries win a place name
        # names the rules alone never read as places ("Jackson", "Reading"); the model may
        self._recogniser_places: frozenset[str] = compiled["recogniser_places"]
        self._iso2_of: dict[str, str] = {
            e["country"]: e["ids"]["iso2"]
            for e in self._entities
            if e["kind"] == "state" and "iso2" in e.get("ids", {})
        }
        self._by_key: dict[str, Any] | None = None  # dictionary key -> value, made on first use
        self._place_names: dict[int, tuple[int, ...]] = {}  # see PlaceChooser.name_of
        # towns and alternate names the data leaves out, for the places the model finds (the
        # table that goes with the data file; the shipped one by default)
        self._small_places = _small_places.SmallPlaces(
            Path(small_places) if small_places is not None else _build.small_places_path(str(_build.BUILT))
        )
        self._held: dict[str, int] | None = None  # GeoNames id -> record index, made on first use
        self._held_country: dict[str, str | None] = {}  # GeoNames id -> ISO3, made with it

    @property
    def model_version(self) -> str | None:
        """The version of the learned recogniser in use, or ``None`` with ``recogniser="rules"``."""
        return self._model.version if self._model is not None else None

    # -- loading ------------------------------------------------------------------------

    @classmethod
    def load(
        cls,
        *,
        extra_entries: str | os.PathLike[str] | None = None,
        data_path: str | os.PathLike[str] | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        use_cache: bool = True,
        place_resolver: str | None = None,
        recogniser: str = "model",
        model_path: str | os.PathLike[str] | None = None,
    ) -> Gazetteer:
        """Load the gazetteer, from the on-disk cache when it is current.

        Args:
            extra_entries: a CSV or JSON file of users' own entries (see
                :func:`geotext_gazetteer.read_extra_entries`).
            data_path: built data to use instead of the shipped file.
            cache_dir: where compiled automata are kept (default
                :func:`default_cache_dir`).
            use_cache: read and write the cache; ``False`` always compiles.
            recogniser: ``"model"`` (default): the learned recogniser decides which
                capitalised spans are entities and of which broad class, drops dictionary
                places it reads as something else and adds people, organisations and places
                no data file knows; ``"rules"``: dictionary matching with context rules only.
            model_path: a recogniser model to use instead of the shipped one (its ``.json``
                metadata beside it).
            place_resolver: what ranks the candidates of an ambiguous place name:
                ``"learned"`` (default, the shipped model), ``"rules"``, or the path of a
                model file written by ``tools/train_resolver.py``.

        Raises:
            ConfigError: the data, the extra entries, the resolver model or the
                recogniser's model cannot be read, or *recogniser* is not one of
                ``"model"``, ``"rules"``.

        .. versionchanged:: 0.1.1
           ``place_resolver``, ``recogniser`` and ``model_path``.
        """
        if recogniser not in RECOGNISERS:
            raise ConfigError(f"gazetteer recogniser {recogniser!r}: use one of {', '.join(RECOGNISERS)}")
        resolver = _places.load_resolver(place_resolver)
        data_file = Path(data_path) if data_path is not None else Path(str(_build.BUILT))
        digest = hashlib.sha1(f"{_COMPILED_FORMAT}|{__version__}".encode())
        try:
            stat = data_file.stat()
        except OSError as exc:
            raise ConfigError(f"{data_file}: cannot read gazetteer data ({exc})") from None
        digest.update(f"{data_file.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
        extras: list[dict[str, Any]] = []
        if extra_entries is not None:
            extras = read_extra_entries(extra_entries)
            digest.update(repr(extras).encode("utf-8", "surrogatepass"))
        cache_file = Path(cache_dir or default_cache_dir()) / f"compiled-{digest.hexdigest()[:20]}.pickle"
        compiled: Mapping[str, Any] | None = None
        if use_cache:
            try:
                with cache_file.open("rb") as handle:
                    # an unpickler per part: one unpickler keeps its memo from part to part
                    cached = pickle.load(handle)
                    for part in _PICKLED_PARTS:
                        cached[part] = pickle.load(handle)
            except (OSError, pickle.UnpicklingError, EOFError, KeyError, AttributeError, ValueError, TypeError):
                pass  # missing or stale: compile below
            else:
                compiled = cached
        if compiled is None:
            compiled = compile_data(_build.read(data_file), extras)
            if use_cache:
                _write_compiled(cache_file, compiled)
        return cls(
            compiled,
            place_resolver=resolver,
            recogniser=recogniser,
            model_path=model_path,
            small_places=_build.small_places_path(data_file),
        )

    # -- tagging ------------------------------------------------------------------------

    def tag(self, article: Article | str, *, date: _dt.date | None = None) -> list[Entity]:
        """Return the entities of *article*, each with its mentions, in order of first mention.

        Args:
            article: an :class:`geotext.Article` or plain text.
            date: the date that picks office holders; default the article's published
                date, else today.
        """
        return self._resolve(article, date)[0]

    def explain(
        self, article: Article | str, *, date: _dt.date | None = None
    ) -> tuple[list[Entity], list[RecogniserDecision]]:
        """Tag *article* and say what the learned recogniser decided, span by span.

        Returns:
            The entities (as :meth:`tag` returns them) and one
            :class:`RecogniserDecision` per span the model judged, in text order; no
            decisions with ``recogniser="rules"``.

        .. versionadded:: 0.2.0
        """
        entities, resolver = self._resolve(article, date)
        text = resolver.text
        decisions = [
            RecogniserDecision(start, end, text[start:end], label, score, outcome)
            for start, end, label, score, outcome in sorted(resolver.outcomes)
        ]
        return entities, decisions

    def _resolve(self, article: Article | str, date: _dt.date | None) -> tuple[list[Entity], _Resolver]:
        """The entities of *article*, and the resolver that found them (its decisions)."""
        if isinstance(article, str):
            text, published = article, None
        else:
            text, published = article.text, article.published
        if date is None:
            date = published.date() if published is not None else _dt.date.today()
        resolver = _Resolver(self, text, date)
        return resolver.run(self._scan(text)), resolver

    def scan_count(self, text: str) -> int:
        """Count raw dictionary hits; the baseline the benchmark compares against."""
        return len(_matches(self._exact, text))

    def _scan(self, text: str) -> list[tuple[int, int, Any]]:
        """Return whole-word dictionary hits as ``(start, end, value)``, ordered by end
        (and, at one end, longest first), which is the order :meth:`_Resolver.run` needs."""
        hits: list[tuple[int, int, Any]] = []
        append = hits.append
        last = len(text) - 1
        separators = _SEPARATORS
        values = self._exact_values
        # every match, overlapping ones included, ordered by end and, at one end, longest first
        for pattern, start, end in _matches(self._exact, text):
            # most hits touch a space or punctuation: the set test settles them without a call
            if start:
                ch = text[start - 1]
                if ch not in separators and ch.isalnum():
                    continue
            if end <= last:
                ch = text[end]
                if ch not in separators and ch.isalnum():
                    continue
            append((start, end, values[pattern]))
        lines = _caps_lines(text)
        if lines:
            hits = self._scan_caps(text, hits, lines)
        return hits

    def _scan_caps(
        self, text: str, hits: list[tuple[int, int, Any]], lines: list[tuple[int, int]]
    ) -> list[tuple[int, int, Any]]:
        """Add the hits of ALL-CAPS lines ("LONDON 1996-08-22", headlines), where a
        two-letter word such as "US" or "IT" is a word, not an acronym."""
        starts = [lo for lo, _ in lines]

        def in_caps(position: int) -> bool:
            i = bisect.bisect_right(starts, position) - 1
            return i >= 0 and position < lines[i][1]

        hits = [h for h in hits if not (h[1] - h[0] <= 3 and text[h[0] : h[1]] in _CAPS_WORDS and in_caps(h[0]))]
        separators = _SEPARATORS
        values = self._upper_values
        for lo, hi in lines:
            for pattern, start, end in _matches(self._upper, text[lo:hi]):
                start += lo
                end += lo
                if start > lo:
                    ch = text[start - 1]
                    if ch not in separators and ch.isalnum():
                        continue
                if end < hi:
                    ch = text[end]
                    if ch not in separators and ch.isalnum():
                        continue
                if end - start <= 3 and text[start:end] in _CAPS_WORDS:
                    continue
                hits.append((start, end, values[pattern]))
        hits.sort(key=_END_THEN_START)
        return hits

    def _surface(self, value: tuple[int, tuple[tuple[int, str], ...]]) -> tuple[Any, ...]:
        """Return what every hit of one dictionary key resolves to, computed once per key.

        The tuple holds: the best candidate ``(index, form, kind)`` (a title first, then
        states, organisations, initiatives, groups, persons, places), the best one that is
        not a short name (or ``None``), the place candidates (:class:`_places.PlaceCandidate`),
        the person indexes named in full, the persons this key is a short name of, and
        whether the key names nothing but towns under 15,000 people.

        A name shared by a state and a first-order division ("Georgia") is routed as a
        place: its candidates hold the state too, and the place resolver picks one.
        """
        entities = self._entities
        ranked = []
        for index, form in value[1]:
            kind = entities[index]["kind"]
            ranked.append(((-1 if kind == "title" else _KIND_RANK.get(kind, 9)), index, form, kind))
        ranked.sort(key=lambda r: r[0])  # stable: among equals, the data's order
        best = ranked[0][1:]
        others = [r[1:] for r in ranked if r[2] != "short_name"]
        iso2_of = self._iso2_of
        places = [
            _places.make_candidate(index, entities[index], form, iso2_of)
            for _, index, form, kind in ranked
            if kind == "place"
        ]
        users = [c for c in places if c.index in self._user_entries]
        if users:
            places = users
        elif best[2] == "state" and best[1] in _NAME_FORMS and any(c.feature == "admin1" for c in places):
            state = _places.make_candidate(best[0], entities[best[0]], best[1], iso2_of)
            places = [state] + [c for c in places if c.feature == "admin1"]
            best = (best[0], best[1], "place")
        surface: tuple[Any, ...] = (
            best,
            others[0] if others else None,
            tuple(places),
            frozenset(index for _, index, form, kind in ranked if kind == "person" and form in ("name", "alias")),
            tuple(index for _, index, form, kind in ranked if form == "short_name"),
        )
        surface += (_places.only_tiny_towns(surface),)
        self._surfaces[id(value)] = surface
        return surface

    # -- places: the interface a recogniser calls ------------------------------------------

    def small_place(self, name: str, countries: Mapping[str, int]) -> int | dict[str, Any] | None:
        """The place the small-places table gives a name the model reads as a place and no
        data record names: the index of the data's record (an alternate name of a city it
        holds), a new record (a town it leaves out), or ``None``
        (:meth:`geotext_gazetteer._small_places.SmallPlaces.choose`).

        Args:
            name: the name as written; a final possessive is left out, and an ALL-CAPS
                name is also looked up in Title case.
            countries: ISO3 -> how often the article names the country.
        """
        if self._held is None:
            # a user's own record of a GeoNames id (compiled after the data's) wins
            self._held = {
                str(e["ids"]["geonames"]): index
                for index, e in enumerate(self._entities)
                if e["kind"] == "place" and "geonames" in e.get("ids", {})
            }
            self._held_country = {key: self._entities[index].get("country") for key, index in self._held.items()}
        held, held_country = self._held, self._held_country
        name = _POSSESSIVE.sub("", name.strip()) or name.strip()
        choice = self._small_places.choose(name, countries, held_country)
        if choice is None and name.isupper() and len(name) > 1:
            choice = self._small_places.choose(name.title(), countries, held_country)
        if choice is None:
            return None
        index = held.get(choice.geonames)
        if index is not None:
            return index
        if choice.coordinates is None:
            return None
        return {
            "id": f"geonames:{choice.geonames}",
            "kind": "place",
            "name": choice.name,
            "ids": {"geonames": choice.geonames},
            "coordinates": list(choice.coordinates),
            "country": choice.country,
            "attributes": {"population": choice.population, "feature": "city", "source": "small_places"},
        }

    def place_candidates(self, span: str) -> tuple[_places.PlaceCandidate, ...]:
        """Return the places (and a same-named state) that *span* may name, in any casing
        ("Paris", "PARIS", "paris"), with a final possessive left out; empty when the
        gazetteer knows none.

        .. versionadded:: 0.1.1
        """
        value = self._key_of(span)
        if value is None:
            return ()
        surface = self._surfaces.get(id(value)) or self._surface(value)
        return surface[2]

    def _key_of(self, span: str) -> Any:
        """The dictionary key *span* is, in any casing, a final possessive left out, or ``None``."""
        if self._by_key is None:
            self._by_key = dict(zip(*self._compiled_keys))
            self._by_upper = dict(zip(*self._compiled_upper))
        text = _POSSESSIVE.sub("", span.strip()) or span.strip()
        for variant in (text, text[:1].upper() + text[1:], text.title()):
            value = self._by_key.get(variant)
            if value is not None:
                return value
        return self._by_upper.get(text.upper())

    def place_decisions(self, article: Article | str) -> list[tuple[int, int, str | None, float]]:
        """Tag *article* and return each place name's decision: ``(start, end, entity id or
        None, score)``; the score is the resolver's (0.0 where one candidate was allowed,
        ``None`` as id where none was).

        .. versionadded:: 0.1.1
        """
        text = article if isinstance(article, str) else article.text
        resolver = _Resolver(self, text, _dt.date.today())
        resolver.run(self._scan(text))
        if resolver.chooser is None:
            return []
        return [
            (start, end, self._entities[choice]["id"] if choice is not None else None, score)
            for start, end, choice, score in resolver.chooser.decisions
        ]

    def place_chooser(
        self,
        text: str,
        countries: Mapping[str, int],
        names: Sequence[tuple[int, int, Sequence[_places.PlaceCandidate]]] = (),
    ) -> _places.PlaceChooser:
        """Return the :class:`~geotext_gazetteer._places.PlaceChooser` of one article.

        Args:
            text: the article's text.
            countries: ISO3 code -> how often the article names the country (through its
                states, demonyms and capitals).
            names: ``(start, end, candidates)`` of the place names found in the text; their
                divisions and qualifiers ("Paris, Mo.") are context for one another.

        .. versionadded:: 0.1.1
        """
        context = _places.ArticleContext(countries)
        chooser = _places.PlaceChooser(
            text, context, self.place_resolver, self._qualifiers, self.place_candidates, self._place_names
        )
        implied: list[str] = []
        for _, _, cands in names:
            for c in cands:
                if c.feature == "admin1" and c.region is not None:
                    context.regions.setdefault(c.region, set()).add(chooser.name_of(cands))
            # a division's name whose every reading lies in one country ("Louisiana": the
            # state, or a town in Missouri)
            if any(c.feature == "admin1" for c in cands) and len({c.country for c in cands}) == 1:
                implied.append(cands[0].country)  # type: ignore[arg-type]
        chooser.prepare(names)
        # a division named in the article ("Pernambuco", "Lake Charles, La.") names its
        # country too: local news rarely writes the country, and its towns are then as
        # eligible as if it had
        implied += [q.country for q in chooser.qualifying() if q.region is not None and q.country is not None]
        context.implied.update(implied)
        return chooser

    def _hit_features(self, value: tuple[int, tuple[tuple[int, str], ...]]) -> tuple[str, ...]:
        """What the data knows of one dictionary key, as the recogniser's features."""
        found = self._hit_info.get(id(value))
        if found is not None:
            return found
        surface = self._surfaces.get(id(value)) or self._surface(value)
        _index, form, kind = surface[0]
        kinds = {self._entities[i]["kind"] for i, _ in value[1]}
        features = ["g:k=" + kind, "g:f=" + form] + ["g:has=" + k for k in sorted(kinds)]
        places = surface[2]
        if places:
            features.append("g:pop=" + str(int(max(p.log_population for p in places))))
            features.append("g:np=" + str(min(len(places), 3)))
            if all(p.town_size for p in places):
                features.append("g:town" + str(min(p.town_size for p in places)))
            if any(p.capital for p in places):
                features.append("g:capital")
            if any(p.feature in ("continent", "region", "sea") for p in places):
                features.append("g:broad")
            if any(p.feature == "admin1" for p in places):
                features.append("g:admin1")
        if len(kinds) > 1:
            features.append("g:ambiguous")
        found = self._hit_info[id(value)] = tuple(features)
        return found

    def _settled(self, value: tuple[int, tuple[tuple[int, str], ...]]) -> bool:
        """True when the data settles a dictionary key alone, so the recogniser is not asked:
        a key naming no place, read as a state, an organisation, a group, an initiative or a
        person by full name (the model's call on them changes nothing, or next to nothing: it
        drops a state only below ``state_threshold``, and no key naming a place is settled)."""
        found = self._settled_keys.get(id(value))
        if found is None:
            surface = self._surfaces.get(id(value)) or self._surface(value)
            _, form, kind = surface[0]
            entities = self._entities
            found = self._settled_keys[id(value)] = (
                form != "short_name"
                and kind in SETTLED_KINDS
                and not surface[2]
                and not surface[4]
                and all(entities[i]["kind"] != "place" for i, _ in value[1])
            )
        return found

    def recogniser_regions(self, text: str) -> list[_recogniser.Region]:
        """The recogniser's candidate regions of *text* with their features, as the tagger
        makes them (the training tool uses this, so training and tagging see the same)."""
        return _recogniser.regions(text, _longest(self._scan(text)), self._hit_features)

    # -- helpers for the resolver ---------------------------------------------------------

    def _template(self, index: int) -> dict[str, Any]:
        """The fields of one record's :class:`~geotext.Entity` but its mentions, validated
        once; every article's entity is made of them and its own mentions."""
        entity = Entity(**_entity_fields(self._entities[index]))
        fields = {name: getattr(entity, name) for name in Entity._init_names if name != "mentions"}
        self._templates[index] = fields
        return fields

    def holder(self, country: str, office: str, role: str, date: _dt.date) -> int | None:
        """Return the entity index of who held *office* (else *role*) in *country* on *date*."""
        iso = date.isoformat()
        by_role = None
        for index, term in self._terms:
            if term.get("country") != country or term["start"] > iso or (term.get("end") and term["end"] <= iso):
                continue
            if term["office"].lower() == office.lower():
                return index
            if term["role"] == role and by_role is None:
                by_role = index
        return by_role


Tagger = Gazetteer


def compile_data(data: Mapping[str, Any], extras: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """Compile built data (plus extra entries) into the automata :class:`Gazetteer` uses.

    The records of *data* become part of the result (no copies: copying every record
    raised the peak memory of a first load by tens of MB), so pass data read for the purpose.
    """
    entities = list(data["entities"])
    names = list(data["names"])
    id_index = {e["id"]: i for i, e in enumerate(entities)}
    user_entries: set[int] = set()
    for extra in extras:
        index = id_index.get(extra["id"])
        if index is None:
            if not extra.get("kind"):
                raise ConfigError(f"gazetteer extra entry {extra['id']}: a new entity needs a kind")
            attributes = {"population": extra["population"]} if "population" in extra else {}
            ids = {k: extra[k] for k in ("wikidata", "geonames") if k in extra}
            entity = {
                "id": extra["id"],
                "kind": extra["kind"],
                "name": extra.get("name") or (extra["aliases"] + extra["acronyms"])[0],
                "ids": ids,
                "country": extra.get("country"),
                "office": extra.get("office"),
                "coordinates": extra.get("coordinates"),
                "attributes": attributes,
            }
            index = len(entities)
            entities.append({k: v for k, v in entity.items() if v not in (None, {}, [])})
            id_index[extra["id"]] = index
            if extra.get("name"):
                names.append([extra["name"], index, "name", "name"])
        elif extra.get("name") and extra["name"] != entities[index]["name"]:
            # a name given for an existing id is one more way to write it
            names.append([extra["name"], index, "alias", "name"])
        user_entries.add(index)
        for alias in extra["aliases"]:
            names.append([alias, index, "alias", "name"])
        for acronym in extra["acronyms"]:
            names.append([acronym, index, "acronym", "exact"])

    exact: dict[str, list[tuple[int, str]]] = {}
    upper: dict[str, list[tuple[int, str]]] = {}
    for surface, index, form, case in names:
        # one string object per form ("name", "alias"), not one per name read from JSON: the
        # cache then holds (and restores) it once, which saves tens of MB once loaded
        form = sys.intern(form)
        variants = {surface}
        if case == "name" and surface[0].islower():
            variants.add(surface[0].upper() + surface[1:])
        for variant in variants:
            exact.setdefault(variant, []).append((index, form))
        if case == "name" or len(surface) > 2:
            upper.setdefault(surface.upper(), []).append((index, form))

    def automaton(table: dict[str, list[tuple[int, str]]]) -> tuple[list[str], list[Any]]:
        # the keys and, at the same position, what each stands for; Gazetteer builds the automaton
        keys = sorted(table)
        return keys, [(len(key), tuple(dict.fromkeys(table[key]))) for key in keys]

    terms = []
    for index, entity in enumerate(entities):
        for term in entity.get("attributes", {}).get("terms", ()) if entity["kind"] == "person" else ():
            terms.append((index, term))
    corridors = {}
    for index, entity in enumerate(entities):
        parties = entity.get("attributes", {}).get("parties")
        if entity["kind"] == "initiative" and parties and "Corridor" in entity["name"]:
            corridors[frozenset(parties)] = index
    return {
        "version": data["version"],
        "entities": entities,
        "exact": automaton(exact),
        "upper": automaton(upper),
        "id_index": id_index,
        "terms": terms,
        "corridors": corridors,
        "qualifiers": _qualifiers(entities, names, data.get("admin1_abbreviations", {})),
        "user_entries": user_entries,
        "recogniser_places": frozenset(data.get("recogniser_places", ())),
    }


def _qualifiers(
    entities: Sequence[Mapping[str, Any]],
    names: Sequence[Sequence[Any]],
    abbreviations: Mapping[str, Mapping[str, Any]],
) -> dict[str, tuple[_places.QualifierEntry, ...]]:
    """Return what may follow a place name after a comma, as ``{text: ((region, country,
    entity index, form), ...)}``: the names of states and of the first-order divisions the
    data holds, and the divisions' abbreviations ("Mo.", "MO", "Ont."). A name several
    records share lists them all, the divisions first, the most populous first ("Punjab":
    Pakistan's, then India's; "Georgia": the US state, then the country); the place
    before the name chooses among them (:meth:`PlaceChooser.qualifier_after`)."""
    iso2_of = {e["country"]: e["ids"]["iso2"] for e in entities if e["kind"] == "state" and "iso2" in e.get("ids", {})}
    options: dict[str, dict[int, _places.QualifierEntry]] = defaultdict(dict)
    regions: dict[str, int] = {}
    for index, entity in enumerate(entities):
        attributes = entity.get("attributes", {})
        if (
            entity["kind"] == "place"
            and attributes.get("feature") == "admin1"
            and attributes.get("admin1")
            and entity.get("country") in iso2_of
        ):
            regions[f"{iso2_of[entity['country']]}.{attributes['admin1']}"] = index
    for surface, index, form, _case in names:
        entity = entities[index]
        if form not in ("name", "alias", "acronym"):
            continue
        if entity["kind"] == "state":
            options[surface].setdefault(index, (None, entity["country"], index, form))
        elif entity["kind"] == "place" and entity.get("attributes", {}).get("feature") == "admin1":
            region = f"{iso2_of.get(entity.get('country', ''), '')}.{entity['attributes'].get('admin1')}"
            if region in regions:
                options[surface].setdefault(index, (region, entity["country"], index, form))

    def rank(entry: _places.QualifierEntry) -> tuple[bool, int]:
        return entry[0] is None, -entities[entry[2]].get("attributes", {}).get("population", 0)

    table = {surface: tuple(sorted(found.values(), key=rank)) for surface, found in options.items()}
    # an abbreviation names its divisions alone, but every division it abbreviates ("WA":
    # Washington and Western Australia; "NT": Canada's and Australia's territories)
    abbreviated: dict[str, dict[int, _places.QualifierEntry]] = defaultdict(dict)
    for region, forms in abbreviations.items():
        region_index = regions.get(region)
        if region_index is None:
            continue
        for surface in [forms["postal"], *forms["written"]]:
            abbreviated[surface][region_index] = (region, entities[region_index]["country"], region_index, "alias")
    table.update((surface, tuple(sorted(found.values(), key=rank))) for surface, found in abbreviated.items())
    return table


def _longest(hits: list[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
    """Keep the longest of overlapping hits (among equals, the earlier one)."""
    # Longest match wins; among equals, the earlier one. Hits come ordered by end, so
    # one pass with a stack of kept hits does it: a new hit drops the kept hits it
    # contains, unless a kept hit it overlaps is at least as long.
    kept: list[tuple[int, int, Any]] = []
    for hit in hits:
        start, end = hit[0], hit[1]
        if not kept or kept[-1][1] <= start:
            kept.append(hit)  # the usual case: no overlap
            continue
        top = len(kept)
        while top and (kept[top - 1][0] > start or (kept[top - 1][0] == start and kept[top - 1][1] < end)):
            top -= 1
        if top and kept[top - 1][1] > start:
            before = kept[top - 1]
            if before[0] == start or before[1] >= end or end - start <= before[1] - before[0]:
                continue
            top -= 1
        if top < len(kept):
            del kept[top:]
        kept.append(hit)

    return kept


class _Resolver:
    """Turns raw dictionary hits of one text into entities; one instance per call."""

    def __init__(self, gazetteer: Gazetteer, text: str, date: _dt.date) -> None:
        self.g = gazetteer
        self.entities = gazetteer._entities
        self.text = text
        self.date = date
        # entity index (or a synthetic id) -> (start, end, form) of its mentions; the
        # Mention values are made once, at the end
        self.mentions: dict[Any, list[tuple[int, int, str]]] = {}
        self.synthetic: dict[str, dict[str, Any]] = {}
        # the learned recogniser's spans, and what became of each: (decision, outcome)
        self.decisions: list[_recogniser.Decision] = []
        self.outcomes: list[tuple[int, int, str, float, str]] = []
        self.context: dict[str, int] = {}  # ISO3 -> how often the article names the country
        self.named_places: dict[str, int] = {}  # an abbreviation after a place -> its division
        self.chooser: _places.PlaceChooser | None = None  # kept for place_decisions
        # the readings of list members kept to one region (_one_region), held for the article
        self._regional: dict[tuple[int, str], tuple[_places.PlaceCandidate, ...]] = {}
        self._list_regions: dict[tuple[str, str], str] = {}  # (name, division word) -> region
        self._region_of_list: dict[tuple[tuple[str, ...], str], str | None] = {}
        self._named_regions: set[str] = set()
        # whether the text may name a disease or a division after a name (set by run)
        self.disease_words = self.division_words = False

    def add(self, key: Any, start: int, end: int, form: str) -> None:
        found = self.mentions.get(key)
        if found is None:
            self.mentions[key] = [(start, end, form)]
        else:
            found.append((start, end, form))

    def run(self, hits: list[tuple[int, int, Any]]) -> list[Entity]:
        entities, text = self.entities, self.text
        kept = _longest(hits)
        lower = text.lower()
        self.disease_words = any(word in lower for word in _toponyms.DISEASE_WORDS)
        self.division_words = any(word in lower for word in _toponyms.DIVISION_WORDS)
        if self.disease_words:
            kept = self._without_diseases(kept)
        loc_scores: dict[tuple[int, int], float] = {}
        if self.g._model is not None:
            kept = self._recognise(kept, loc_scores)
        elif self.g._recogniser_places:
            asked = self.g._recogniser_places
            kept = [h for h in kept if (name := text[h[0] : h[1]]) not in asked and name.title() not in asked]

        # First pass: everything but places; the states found are the context for places.
        surfaces, surface_of = self.g._surfaces, self.g._surface
        resolved: list[tuple[int, int, int, str]] = []  # (start, end, entity index, form)
        places: list[tuple[int, int, Any]] = []
        short_names: list[tuple[int, int, Any]] = []
        context = self.context
        titles = False
        for start, end, value in kept:
            surface = surfaces.get(id(value)) or surface_of(value)
            index, form, kind = surface[0]
            if form == "short_name":
                short_names.append((start, end, surface))
            elif kind == "place":
                places.append((start, end, surface))
            else:
                if kind == "state":
                    country = entities[index]["country"]
                    context[country] = context.get(country, 0) + 1
                elif kind == "title":
                    titles = True
                resolved.append((start, end, index, form))
        if short_names:
            short_ok = self._short_name_rule(kept)
            for start, end, surface in short_names:
                index, form, kind = surface[0]
                if len(surface[4]) > 1:  # "Bush", "Li": the one in office on the article's date
                    index = self._in_office(surface[4])
                if not short_ok(index, start):
                    if surface[1] is None:
                        continue
                    index, form, kind = surface[1]
                if kind == "place":
                    places.append((start, end, surface))
                else:
                    resolved.append((start, end, index, form))
            resolved.sort()
        capitals = []
        if places:
            # words that are only hamlets' names ("Scott", "Energy") do not make a neighbour a place
            known = [hit for hit in kept if not surfaces[id(hit[2])][5]]
            starts = {hit[0] for hit in known}
            ends = {hit[1] for hit in known}
            # where the model judged a name, it read the words around it: "Bob Dole" is its call
            places = [
                p
                for p in places
                if (p[0], p[1]) in loc_scores or not self._inside_longer_name(p[0], p[1], starts, ends)
            ]
            if self.division_words:
                # the first-order divisions the article names ("counties in Iowa")
                self._named_regions = {
                    c.region for _, _, surface in places for c in surface[2] if c.feature == "admin1" and c.region
                }
                places = [(s, e, self._division_surface(s, e, surface)) for s, e, surface in places]
            chooser = self.chooser = self.g.place_chooser(text, context, [(p[0], p[1], p[2][2]) for p in places])
            hit_ends = {hit[0]: hit[1] for hit in kept}
            unchosen: list[tuple[int, int]] = []  # places the model kept that no rule resolved
            chosen: dict[str, int] = {}
            # abbreviations after a place that the data also names alone: start -> (end,
            # the division's index, form)
            qualifiers: dict[int, tuple[int, int, str]] = {}
            named = self.named_places
            for start, end, surface in places:
                pinned = qualifiers.get(start)
                if pinned is None and named:
                    # "PERTH, WA ... STAFF IN WA": the division an abbreviation named before,
                    # not the data's record of it alone (the Ghanaian town Wa)
                    alone = self._named_abbreviation(start, end)
                    if alone is not None:
                        pinned = (alone[0], alone[1], "alias")
                if pinned is not None:
                    # "Perth, WA": the division of the place before it, not a record of its own
                    # name ("WA", Washington), nor a second reading of it
                    resolved.append((start, pinned[0], pinned[1], pinned[2]))
                    continue
                choice, qualifier = chooser.choose(start, end, surface[2])
                if (
                    choice is None
                    and loc_scores
                    and self.g._model is not None
                    and loc_scores.get((start, end), 0.0) >= self.g._model.confident
                ):
                    # a town the context rules pass over, which the model is sure is a place
                    choice = chooser.best_of_all(surface[2])
                if choice is None and (start, end) in loc_scores:
                    unchosen.append((start, end))
                elif choice is not None:
                    chosen.setdefault(text[start:end], choice)
                if choice is None:
                    continue
                resolved.append((start, end, choice, "name"))
                if "capital_of" in entities[choice].get("attributes", ()):
                    capitals.append((start, end, choice))
                if qualifier is None:
                    continue
                # the data's hit on the qualifier, if any: "Pa" of "Erie, Pa."
                hit_end = hit_ends.get(qualifier.start)
                a_hit = hit_end is not None and hit_end <= qualifier.end
                if not a_hit:
                    resolved.append((qualifier.start, qualifier.end, qualifier.index, qualifier.form))
                written = text[qualifier.start : qualifier.end]
                if _abbreviation(written):
                    # an abbreviation ("WA", "Ont.") names the place's division here, whatever
                    # record the data gives it alone (Washington); and elsewhere in the article
                    # alone, where the division holds the place (the first such wins); a name
                    # need not ("Brooklyn, New York" is the city)
                    if a_hit:
                        qualifiers[qualifier.start] = (qualifier.end, qualifier.index, qualifier.form)
                    if entities[choice].get("country") == qualifier.country:
                        named.setdefault(written, qualifier.index)
            for start, end in unchosen:
                # one name, one place: another use the article resolved ("Cirencester will
                # get a bridge" before "traffic to Cirencester")
                choice = chosen.get(text[start:end])
                if choice is not None:
                    resolved.append((start, end, choice, "name"))
            resolved.sort()

        if "Congo" in text or "CONGO" in text:
            resolved = self._dated_congo(resolved)
        if titles:
            resolved = self._titles(resolved)
        add = self.add
        for start, end, index, form in resolved:
            add(index, start, end, form)
        for start, end, index in capitals:
            entity = entities[index]
            if self._metonymic(start, end, entity["name"]):
                add(self.g._id_index[f"iso:{entity['attributes']['capital_of']}"], start, end, "capital")
        if "(" in text:
            self._acronyms(resolved)
        if "orridor" in text:
            self._corridors(resolved)
        if self.decisions:
            self._model_entities(resolved)
        return self._entities_out()

    # -- the learned recogniser ---------------------------------------------------------

    def _dated_congo(self, resolved: list[tuple[int, int, int, str]]) -> list[tuple[int, int, int, str]]:
        """ "Congo" alone is the Republic of the Congo until Zaire took the name (17 May 1997)
        and the Democratic Republic since, as news agencies write it; unless the article's
        places lie in the other one only ("Brazzaville")."""
        index = self.g._id_index
        republic, democratic = index["iso:COG"], index["iso:COD"]
        countries = {self.entities[i].get("country") for _, _, i, _ in resolved if self.entities[i]["kind"] == "place"}
        if len(countries & {"COG", "COD"}) == 1:
            reading = republic if "COG" in countries else democratic
        else:
            reading = republic if self.date < _CONGO_RENAMED else democratic
        out = []
        for start, end, i, form in resolved:
            if i in (republic, democratic) and self.text[start:end] in ("Congo", "CONGO"):
                i = reading
            out.append((start, end, i, form))
        return out

    def _without_diseases(self, kept: list[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
        """Drop the names that name a disease here ("Lyme disease", "Rift Valley fever"); a
        country stays ("Congo fever" is also about the Congo)."""
        surfaces, surface_of, text = self.g._surfaces, self.g._surface, self.text
        return [
            (start, end, value)
            for start, end, value in kept
            if not _toponyms.names_a_disease(text, start, end)
            # a country stays, unless joined to a name before it ("Crimean-Congo fever")
            or ((surfaces.get(id(value)) or surface_of(value))[0][2] == "state" and text[start - 1 : start] != "-")
        ]

    def _recognise(
        self, kept: list[tuple[int, int, Any]], loc_scores: dict[tuple[int, int], float]
    ) -> list[tuple[int, int, Any]]:
        """Let the model judge the dictionary's places and states; keep its other spans for
        :meth:`_model_entities`. Fills *loc_scores* with each judged hit's place score."""
        model = self.g._model
        assert model is not None
        regions = _recogniser.regions(self.text, kept, self.g._hit_features, model.cache, self.g._settled)
        if not regions:
            return kept
        self.decisions, place_tokens = model.decide(regions)
        kept = self._longer_people(kept)
        if not place_tokens:
            return kept
        token_starts = [t[0] for t in place_tokens]
        surfaces, surface_of, user = self.g._surfaces, self.g._surface, self.g._user_entries
        out = []
        outcomes = self.outcomes
        text = self.text
        # the places and states kept so far, and which of them a locative preposition places
        # ("in Dallas and Monmouth": a list after "in" is a list of places)
        geo: list[tuple[int, int]] = []
        geo_places: list[tuple[int, int]] = []  # the places the model itself read as places
        located: dict[int, bool] = {}
        dropped: list[tuple[tuple[int, int, Any], float]] = []

        def in_located_list(start: int) -> bool:
            position = len(geo) - 1
            while position >= 0 and _places.LIST_GAP.fullmatch(text, geo[position][1], start):
                found = located.get(position)
                if found is None:
                    found = located[position] = _toponyms.locative_before(text, geo[position][0])
                if found:
                    return True
                start = geo[position][0]
                position -= 1
            return False

        for hit in kept:
            start, end, value = hit
            surface = surfaces.get(id(value)) or surface_of(value)
            _index, form, kind = surface[0]
            if kind not in ("state", "place") or form == "demonym":
                out.append(hit)
                continue
            i = bisect.bisect_left(token_starts, start)
            score = None
            while i < len(place_tokens) and place_tokens[i][1] <= end:
                score = place_tokens[i][2] if score is None else min(score, place_tokens[i][2])
                i += 1
            if score is None or self._qualified(end):
                # not a capitalised name, or a place qualified by its division or country
                # ("Kingston, Ont."): the model has no say
                out.append(hit)
                geo.append((start, end))
                continue
            # a country is dropped only when the model is sure: inside an organisation's name
            # ("Air Canada") it still names the country, which the geoparsing corpora count
            limit = model.threshold if kind == "place" else model.state_threshold
            if (
                score < limit
                and not any(i in user for i, _ in value[1])
                and not self._locative_place(start, end, kind, in_located_list)
                # "from Tunis to Sfax and Sousse": the last of a list of places the model kept
                and not (
                    kind == "place"
                    and geo_places
                    and geo_places[-1] == geo[-1]
                    and _places.LIST_GAP.fullmatch(text, geo[-1][1], start) is not None
                    and text.startswith(" and ", geo[-1][1])
                    and not _toponyms.name_continues(text, end)
                )
                and not self._dateline_place(start, end, kind)
                and not (kind == "place" and _LOCAL_TITLE.match(self.text, end))
            ):
                dropped.append((hit, score))
                continue
            loc_scores[(start, end)] = score
            outcomes.append((start, end, "LOC", score, "kept"))
            out.append(hit)
            geo.append((start, end))
            if kind == "place" and score >= model.threshold:
                geo_places.append((start, end))
        if dropped:
            out = self._keep_as_elsewhere(out, dropped, loc_scores)
        return out

    def _keep_as_elsewhere(
        self,
        out: list[tuple[int, int, Any]],
        dropped: list[tuple[tuple[int, int, Any], float]],
        loc_scores: dict[tuple[int, int], float],
    ) -> list[tuple[int, int, Any]]:
        """One name, one reading per article, for the places the data knows: a use of a name
        the model dropped is kept where it keeps another use from :data:`ONE_READING_FLOOR`,
        unless the model reads this use as another entity (from its new-entity threshold, or
        more surely than as a place) or reads the name as a person or an organisation anywhere
        in the article ("Jackson told the rally in Jackson"). Keeping them unless the model
        read them as another entity more surely than the kept use cost CoNLL-2003 dev LOC
        0.008 and ORG 0.010: a team or a county club beside its place."""
        text = self.text
        sure: dict[str, float] = {}
        for (start, end), score in loc_scores.items():
            if score >= ONE_READING_FLOOR:
                name = text[start:end]
                sure[name] = max(score, sure.get(name, 0.0))
        model = self.g._model
        assert model is not None
        # what the model reads as another entity: spans, and names ("Kent" the cricket club
        # beside the county, "Jackson" the union leader beside the town)
        other = [(d.start, d.end, d.score, d.label) for d in self.decisions if d.label != "LOC"]
        other_names = {
            text[start:end]
            for start, end, score, label in other
            if label in ("PER", "ORG") and score >= model.new_entity_threshold
        }
        restored = []
        for hit, score in dropped:
            start, end = hit[0], hit[1]
            name = text[start:end]
            if (
                name not in sure
                or name in other_names
                or any(o_start < end and start < o_end and o_score > score for o_start, o_end, o_score, _ in other)
            ):
                self.outcomes.append((start, end, "LOC", score, "dropped"))
                continue
            loc_scores[(start, end)] = score
            self.outcomes.append((start, end, "LOC", score, "kept" + AS_ELSEWHERE))
            restored.append(hit)
        return sorted(out + restored, key=lambda h: (h[0], h[1])) if restored else out

    def _longer_people(self, kept: list[tuple[int, int, Any]]) -> list[tuple[int, int, Any]]:
        """Drop a surname the data knows ("Yeltsin", "Johnson") where the model reads a longer
        name ending with it as a person ("Naina Yeltsin", "Michael Johnson"): that name is
        someone else, whom :meth:`_model_entities` makes. After a title ("President
        Yeltsin") the surname stays the data's person."""
        model = self.g._model
        assert model is not None
        people = {d.end: d for d in self.decisions if d.label == "PER" and d.score >= model.new_entity_threshold}
        if not people:
            return kept
        surfaces, surface_of, text = self.g._surfaces, self.g._surface, self.text
        out = []
        for position, hit in enumerate(kept):
            start, end, value = hit
            decision = people.get(end)
            if decision is not None and decision.start < start:
                surface = surfaces.get(id(value)) or surface_of(value)
                _index, form, kind = surface[0]
                # kept hits are ordered and do not overlap: only the one before this can
                # lie inside the model's name ("President" in "President Yeltsin")
                before = (position > 0 and kept[position - 1][0] >= decision.start) or (
                    _TITLES_ONLY.fullmatch(text, decision.start, start) is not None
                )
                if form == "short_name" and kind == "person" and not before:
                    self.outcomes.append((start, end, "PER", decision.score, "dropped"))
                    continue
            out.append(hit)
        return out

    def _locative_place(self, start: int, end: int, kind: str, in_located_list: Callable[[int], bool]) -> bool:
        """A dictionary place right after a locative preposition, or in a list one opens,
        its name ending there ("seekers in Samos", "the hills around Hinton", "in
        Dallas and Monmouth"): kept whatever the model says."""
        text = self.text
        return (
            kind == "place"
            and not _toponyms.name_continues(text, end)
            and (_toponyms.locative_before(text, start) or in_located_list(start))
        )

    def _dateline_place(self, start: int, end: int, kind: str) -> bool:
        """A dictionary place in ALL CAPS that opens a dateline ("BOSTON (Reuters) -",
        "MANILA, Philippines –", "WASHINGTON, April 5"): at the start of a line or after a
        sentence end and followed by a dash, a date or a colon, or anywhere before an
        agency in brackets; kept whatever the model says (the model knows an ALL-CAPS
        dateline only at the start of a line)."""
        text = self.text
        if kind != "place" or not text[start:end].isupper() or _DATELINE_FOLLOWS_RE.match(text, end) is None:
            return False
        return _opens_dateline(text, start, end)

    def _qualifier_at(self, start: int) -> str | None:
        """The division or country name ("Ont.", "Mo.", "Illinois") that starts at *start*."""
        match = _QUALIFIER_WORDS.match(self.text, start)
        if match is None:
            return None
        qualifiers = self.g._qualifiers
        for candidate in (match.group(0), match.group(1)):
            if candidate and candidate in qualifiers:
                return candidate
        return None

    def _qualified(self, end: int) -> bool:
        """True when a division or country follows the name at *end* after a comma."""
        text = self.text
        return text[end : end + 2] == ", " and self._qualifier_at(end + 2) is not None

    def _model_entities(self, resolved: list[tuple[int, int, int, str]]) -> None:
        """People, organisations and places the data files do not know, found by the model."""
        model = self.g._model
        assert model is not None
        text, entities = self.text, self.entities
        taken = sorted((m[0], m[1]) for mentions in self.mentions.values() for m in mentions)
        taken_starts = [t[0] for t in taken]
        longest = max((e - s for s, e in taken), default=0)

        def overlaps(start: int, end: int) -> bool:
            i = bisect.bisect_left(taken_starts, end) - 1
            while i >= 0 and taken_starts[i] > start - longest:
                if taken[i][1] > start:
                    return True
                i -= 1
            return False

        vocabulary = model.vocabulary
        judged = {(start, end) for start, end, *_ in self.outcomes}
        words: dict[str, int] | None = None

        def elsewhere(start: int, end: int) -> Mapping[str, int]:
            """The capitalised words of the article outside ``start:end``, counted once."""
            nonlocal words
            if words is None:
                words = Counter(_CAPITALISED_WORD.findall(text))
            name = text[start:end]
            return {name: 1} if words.get(name, 0) > 1 else {}

        states = [
            (end, entities[index]["country"]) for _, end, index, _ in resolved if entities[index]["kind"] == "state"
        ]
        state_ends = [end for end, _ in states]
        found = []
        titles: dict[int, str] = {}  # start of a person's name -> the title left out of it
        take_over: _TakeOver | None = None
        near: dict[tuple[int, int], int] = {}  # a place named by a longer name -> the place inside
        decisions = self.decisions
        unsure: list[tuple[int, int, str, float, str]] = []  # skipped for a low score, MISC or a sentence start
        ruled: set[int] = set()  # the starts of people a title, not the model, made people
        if " of " in text and any(lead in text for lead in _OF_LEADS):
            decisions = _join_of_leads(text, decisions, set(taken))
        for decision in decisions:
            label = decision.label
            start, end = decision.start, decision.end
            particle = _toponyms.ARABIC_ARTICLE_AFTER.match(text, end) if "-" in text[end + 3 : end + 5] else None
            if particle is not None:
                end = particle.end()  # "Ras| al-Ain", "Jisr| al-Shughur": one name
            by_rule = label == "ORG" and titled_person(text, start, end)
            if by_rule:
                label = "PER"
            # a person whatever the model's class or score, but a name the model is sure is
            # an organisation stays one ("Gen. Motors")
            sure = (
                decision.score >= TITLED_PERSON_FLOOR
                and not (label == "ORG" and decision.score >= model.confident)
                and abbreviated_title_person(text, start, end)
            )
            if sure:
                label, by_rule = "PER", True
                before = _TITLE_BEFORE.search(text, max(0, start - 25), start)
                if before is not None:
                    titles[start] = " ".join(before.group().split())
            leading = _LEADING_NOT_NAME.match(text, start, end) if label == "PER" else None
            if leading is not None:
                title = _LEADING_ARTICLE.sub("", text[start : leading.end()].strip())
                start = leading.end()
                if title:
                    titles[start] = title
                    by_rule = True  # "President| Mahala": a title inside the span
            name = text[start:end]
            # "the town of Vardelsk", "a suburb of Velm": a place, unless a title made it a
            # person, the model reads an adjective ("-ish", "-an" MISC) or is sure of another
            # class, or the name owns what follows; its score seeds the other uses of the
            # name (_one_reading) as the model's own would: the noun is as sure a sign
            placed = (
                not by_rule
                and not (label == "MISC" and _ADJECTIVE_END.search(name))  # "a region of Kurdish villages"
                and not (label != "LOC" and decision.score >= model.confident)
                and _SETTLEMENT_OF.search(text, max(0, start - 40), start) is not None
                and not _POSSESSIVE_AFTER.match(text, end)  # "the outskirts of Trump's golf resort"
            )
            if placed:
                label = "LOC"
            if _toponyms.names_a_disease(text, start, end, self.disease_words):
                self.outcomes.append((start, end, label, decision.score, "skipped: a disease"))
                continue
            # "Pike County", "Lake Manassas": a place by its head noun, whatever the model's
            # class; "Eastern Ghouta", "Baja California": a longer place name the model is
            # sure of. Either replaces the shorter places inside it ("Mississippi").
            head = _toponyms.head_class(name) if " " in name else None
            headed = head is not None
            if headed or (
                label == "LOC" and " " in name and decision.score >= model.confident and overlaps(start, end)
            ):
                if take_over is None:
                    take_over = _TakeOver(self, taken, taken_starts, longest)
                # only a head noun takes over a state ("Indian" in "Indian Ocean"): the
                # model's longer span leaves "Lebanon" in "South Lebanon" the state
                inner = take_over(start, end, states=headed)
                if inner is not None:
                    # a street or a building lies in the town it is named after; a county,
                    # a river or a region named after a place need not ("Ohio County")
                    if (
                        inner >= 0
                        and head in _toponyms.WITHIN_TOWN
                        and entities[inner].get("attributes", {}).get("feature") == "city"
                    ):
                        near[(start, end)] = inner
                    found.append((start, end, "LOC", decision.score, name))
                    continue
            if (
                self.division_words
                and _toponyms.division_after(text, end)
                and (label != "MISC" or not _ADJECTIVE_END.search(name))
                # "state" also follows parties and adjectives ("GOP state senators", "Arab
                # states"): a place there only by the model's reading or after "in"
                and (label == "LOC" or not _STATE_AFTER.match(text, end) or _toponyms.locative_before(text, start))
                and not overlaps(start, end)
            ):
                # "Hodeidah province", "Kano state": a name before the lower-case word of a
                # division names the division, whatever class the model gave it; but an
                # adjective ("Himalayan region", "Jewish state") does not
                found.append((start, end, "LOC", decision.score, name))
                continue
            # "Notable initiatives include ...": a word opening a sentence, written in lower
            # case in the language or (unless a club opening a results line) nowhere else in
            # the article; skipped unless the model reads the name surely elsewhere (below)
            low = (
                not sure
                and not placed
                and (
                    label == "MISC"
                    or decision.score < (model.new_place_threshold if label == "LOC" else model.new_entity_threshold)
                    or (
                        " " not in name
                        and _sentence_start(text, start)
                        and (name.lower() in vocabulary or (label != "ORG" and name not in elsewhere(start, end)))
                    )
                )
            )
            if label == "PER" and (
                all(word in _NOT_PERSON_WORDS for word in name.split()) or any(c.isdigit() for c in name)
            ):
                # "Plenipotentiary" after "Ambassador Extraordinary and": words of a title, no
                # name; "A40", "M25": a road, no name
                self.outcomes.append((start, end, label, decision.score, "skipped"))
                continue
            if text[start - 2 : start] == ", " and self._qualifier_at(start) is not None:
                self.outcomes.append((start, end, label, decision.score, "skipped"))
                continue  # "Kingston, Ont.": the division after a place, not a name of its own
            if overlaps(start, end):
                if (start, end) not in judged:
                    self.outcomes.append((start, end, label, decision.score, "known"))
                continue
            if low:
                unsure.append((start, end, label, decision.score, name))
                continue
            found.append((start, end, label, decision.score, name))
            if by_rule:
                ruled.add(start)
        as_elsewhere = self._one_reading(found, unsure, ruled, resolved)
        # full names before lone words, so "Fischler" joins "Franz Fischler"
        surnames: dict[str, Any] = {}
        titled: list[tuple[Any, int, str]] = []
        for start, end, label, score, name in sorted(found, key=lambda f: (f[2] != "PER", " " not in f[4], f[0])):
            if label == "PER":
                key = surnames.get(name) if " " not in name else None
                if key is None:
                    i = bisect.bisect_right(state_ends, start) - 1
                    country = None
                    if i >= 0 and start - state_ends[i] < 40 and _COUNTRY_BEFORE.fullmatch(text, state_ends[i], start):
                        country = states[i][1]
                    key = self._found_entity("person", name, score, country)
                    if start in titles and isinstance(key, str):
                        self.synthetic[key]["attributes"].setdefault("title", titles[start])
                    if " " in name:
                        surnames.setdefault(name.split()[-1], key)
                        titled.append((key, end, name))
                form = "name" if " " in name or key not in self.mentions else "short_name"
            elif label == "ORG":
                key, form = self._found_entity("organisation", name, score), "name"
            else:
                key, form = self._found_place(start, end, name, score), "name"
                inner = near.get((start, end))
                if inner is not None and isinstance(key, str) and "coordinates" not in self.synthetic[key]:
                    # "Colchester Hospital", "Pike County": no record of its own; it lies
                    # at (or around) the place it is named after
                    place = entities[inner]
                    if place.get("coordinates"):
                        self.synthetic[key]["coordinates"] = place["coordinates"]
                        self.synthetic[key]["attributes"]["near"] = place["id"]
            self.add(key, start, end, form)
            outcome = "new " + (key if isinstance(key, str) else entities[key]["id"])
            self.outcomes.append((start, end, label, score, outcome + as_elsewhere.get(start, "")))
        if titled:
            self._later_surnames(titled, [])

    def _one_reading(
        self,
        found: list[tuple[int, int, str, float, str]],
        unsure: list[tuple[int, int, str, float, str]],
        ruled: set[int],
        resolved: Sequence[tuple[int, int, int, str]],
    ) -> dict[int, str]:
        """One name, one reading per article: a use of a name the model skipped (a low score,
        MISC, a sentence start) is taken, and appended to *found*, where the model reads
        the name with :data:`ONE_READING_FLOOR` or more elsewhere in the article, as that
        reading, unless it read this use otherwise and more surely ("Rebels took Vardelsk"
        beside "the town of Vardelsk"). The spans taken stay as the model read them: a
        surer reading elsewhere does not turn a person into a place or back ("Peter Velm
        ... arrived in Velm"), and a person a title makes gives no reading. A place the
        model skipped in a list of places is taken too (:meth:`_in_list_of_places`).

        Args:
            found: ``(start, end, label, score, name)`` of the spans taken.
            unsure: the same of the spans skipped; those no reading takes are recorded
                as skipped.
            ruled: the starts of spans a title made people (their score may be the
                model's for another class).
            resolved: ``(start, end, entity index, form)`` of the names the data resolved.

        Returns:
            The starts of the spans taken so, each with the end of its outcome
            (:data:`AS_ELSEWHERE`, :data:`IN_A_LIST`).
        """
        sure: dict[str, tuple[str, float]] = {}
        for start, _end, label, score, name in found:
            if score >= ONE_READING_FLOOR and start not in ruled and score > sure.get(name, ("", 0.0))[1]:
                sure[name] = (label, score)
        taken: dict[int, str] = {}
        listed = self._in_list_of_places(found, unsure, resolved) if unsure else set()
        for start, end, label, score, name in unsure:
            reading = sure.get(name)
            if start in listed and (reading is None or reading[0] == "LOC"):
                # (a surer reading of the name elsewhere holds: "Dorvan, the club, … fans of
                # Dorvan, Lyon and Madrid")
                found.append((start, end, "LOC", score, name))
                taken[start] = IN_A_LIST
                continue
            if reading is None or (reading[0] != label and reading[1] <= score):
                self.outcomes.append((start, end, label, score, "skipped"))
                continue
            found.append((start, end, reading[0], score, name))
            taken[start] = AS_ELSEWHERE
        return taken

    def _in_list_of_places(
        self,
        found: Sequence[tuple[int, int, str, float, str]],
        unsure: Sequence[tuple[int, int, str, float, str]],
        resolved: Sequence[tuple[int, int, int, str]],
    ) -> set[int]:
        """The starts of the skipped spans the model reads as places, from
        :data:`LIST_PLACE_FLOOR`, that stand in a list of three places or more ending in "and"
        or "or" ("spread to Chikwawa, Blantyre and Zomba"): a list holds names of one kind.
        The other members are the places and states named (not demonyms) and the places the
        model took; words the training text writes in lower case are no members."""
        text, entities = self.text, self.entities
        ends = {e: s for s, e, i, form in resolved if form != "demonym" and entities[i]["kind"] in ("place", "state")}
        ends.update({e: s for s, e, label, _, _ in found if label == "LOC"})
        if not ends:
            return set()
        starts = {s: e for e, s in ends.items()}
        gap = _places.LIST_GAP.fullmatch
        out = set()
        vocabulary = self.g._model.vocabulary if self.g._model is not None else frozenset()
        for start, end, label, score, name in unsure:
            if (
                label != "LOC"
                or score < LIST_PLACE_FLOOR
                or name.lower() in vocabulary  # a word the language writes in lower case
                # an adverb opening the sentence: "Nationwide, Ohio and Michigan led"
                or (
                    name.endswith(_ADVERB_ENDINGS)
                    and len(name) > 5  # not "Ely"
                    and text.startswith(",", end)
                    and _sentence_start(text, start)
                )
            ):
                continue
            gaps = []
            left = start
            # the members before and after it, each a list gap away (", ", " and ", ", or ")
            while (
                before := next((g for g in range(left - 2, left - 8, -1) if g in ends and gap(text, g, left)), None)
            ) is not None:
                gaps.append(text[before:left])
                left = ends[before]
            right = end
            while (
                after := next((g for g in range(right + 2, right + 8) if g in starts and gap(text, right, g)), None)
            ) is not None:
                gaps.append(text[right:after])
                right = starts[after]
            # three names or more: a pair ("fans of Dorvan and Madrid") is as often a club
            # and a town, or a company and a city
            if any(" and " in g or " or " in g for g in gaps) and any("," in g for g in gaps):
                out.add(start)
        return out

    def _named_abbreviation(self, start: int, end: int) -> tuple[int, int] | None:
        """``(end, division index)`` of the abbreviation at *start* that named a place's
        division after it elsewhere in the article (:attr:`named_places`), with the period
        after *end* where the abbreviation has one ("across Ont. said"; not "his father Pa.
        He said", a period that ends a sentence), or ``None``."""
        named, text = self.named_places, self.text
        index = named.get(text[start:end])
        if index is not None:
            return end, index
        if text.startswith(".", end) and not _SENTENCE_AFTER.match(text, end + 1):
            index = named.get(text[start : end + 1])
            if index is not None:
                return end + 1, index
        return None

    def _found_place(self, start: int, end: int, name: str, score: float) -> Any:
        """A span the model reads as a place: the division an abbreviation after a place
        named earlier in the article ("Perth, WA ... staff in WA"), else the gazetteer's place
        of that name when it knows one in any casing ("BRUSSELS", "Brussels's"), else a place
        of its own."""
        named = self._named_abbreviation(start, end) if self.named_places else None
        if named is not None:
            return named[1]
        candidates: Sequence[_places.PlaceCandidate] = self.g.place_candidates(name)
        if self.division_words:
            candidates = self._division_candidates(start, end, candidates)
        if candidates:
            if self.chooser is None:
                self.chooser = self.g.place_chooser(self.text, self.context)
            choice, _ = self.chooser.choose(start, end, candidates)
            if choice is None:
                choice = self.chooser.best_of_all(candidates)
            if choice is not None:
                return choice
        model = self.g._model
        assert model is not None
        if f"place:{_model_slug(name) or 'unnamed'}" in self.g._id_index:
            return self._found_entity("place", name, score)  # a user's own record of the name
        if name.lower() not in model.vocabulary:  # "Grand", "Rehab": words, not towns
            small = self.g.small_place(name, self.context)
            if isinstance(small, dict):
                self.synthetic.setdefault(small["id"], small)
                return small["id"]
            if small is not None:
                return small
        return self._found_entity("place", name, score)

    def _division_candidates(
        self, start: int, end: int, candidates: Sequence[_places.PlaceCandidate]
    ) -> Sequence[_places.PlaceCandidate]:
        """The readings of the name at *start*:*end* where the lower-case word of a division
        follows it: the division of that name ("Holmes county", "Wayne and Holmes counties",
        "Kano state") where the data has one, not a town; else *candidates*. A state or a
        country keeps its readings: "a Texas county" lies in Texas."""
        noun = _toponyms.division_noun_after(self.text, start, end)
        if noun is None or any(c.kind == "state" or c.feature == "admin1" for c in candidates):
            return candidates
        name, noun = self.text[start:end], noun.title()
        division = self.g.place_candidates(f"{name} {noun}")
        if not division or (self.context and not any(c.country in self.context for c in division)):
            return candidates  # none, or none in a country the article names ("Durham county in England")
        members = _toponyms.division_list(self.text, start, end)
        if members:
            return self._one_region(division, members, noun)
        region = self._list_regions.get((name, noun))
        return self._in_region(division, region) if region is not None else division

    def _one_region(
        self, division: Sequence[_places.PlaceCandidate], members: Sequence[str], noun: str
    ) -> Sequence[_places.PlaceCandidate]:
        """The readings of *division* in the first-order division that holds the most of the
        list's *members* ("Tuscarawas and Holmes counties" lie in one state: Holmes County,
        Ohio, not Mississippi), the most populous such division on a tie; *division* when
        no two members share one."""
        key = (tuple(members), noun)
        if key not in self._region_of_list:  # once per list, not once per name of it
            self._region_of_list[key] = self._list_region(members, noun)
        region = self._region_of_list[key]
        return division if region is None else self._in_region(division, region)

    def _list_region(self, members: Sequence[str], noun: str) -> str | None:
        """The region of :meth:`_one_region` for the list *members*, or ``None``."""
        cover: Counter[str] = Counter()
        weight: dict[str, float] = {}
        for member in members:
            largest: dict[str, float] = {}
            for c in self.g.place_candidates(f"{member} {noun}"):
                if c.region is not None:
                    largest[c.region] = max(largest.get(c.region, 0.0), c.log_population)
            for region, size in largest.items():
                cover[region] += 1
                weight[region] = weight.get(region, 0.0) + size
        most = max(cover.values(), default=0)
        if most < 2:
            return None
        # the one the article names among those holding most members ("Marion and Polk
        # counties in Iowa"; not Mississippi, named once, beside "Tuscarawas and Holmes")
        named = [r for r, n in cover.items() if n == most and r in self._named_regions]
        region = max(named or (r for r, n in cover.items() if n == most), key=lambda r: (weight[r], r))
        # the name alone later takes the same reading ("… Holmes county officials said")
        for member in members:
            self._list_regions.setdefault((member, noun), region)
        return region

    def _in_region(self, division: Sequence[_places.PlaceCandidate], region: str) -> Sequence[_places.PlaceCandidate]:
        """The readings of *division* in *region*, as one object per article: the chooser
        knows a name by its candidates' identity, which a list made and dropped here could
        pass to another."""
        key = (id(division), region)
        kept = self._regional.get(key)
        if kept is None:
            kept = self._regional[key] = tuple(c for c in division if c.region == region) or tuple(division)
        return kept

    def _division_surface(self, start: int, end: int, surface: Any) -> Any:
        """*surface* with the readings :meth:`_division_candidates` gives its name here."""
        candidates = self._division_candidates(start, end, surface[2])
        return surface if candidates is surface[2] else (*surface[:2], candidates, *surface[3:])

    def _found_entity(self, kind: str, name: str, score: float, country: str | None = None) -> Any:
        """The key of an entity the model found: a known record of that id, else a new one."""
        namespace = {"person": "person", "organisation": "org", "place": "place"}[kind]
        key = f"{namespace}:{_model_slug(name) or 'unnamed'}"
        if key in self.g._id_index:
            return self.g._id_index[key]
        entity = self.synthetic.get(key)
        if entity is None:
            entity = self.synthetic[key] = {
                "id": key,
                "kind": kind,
                "name": name,
                "attributes": {"recogniser_score": round(score, 3)},
            }
            if country is not None:
                entity["country"] = country
        else:
            if country is not None and not entity.get("country"):
                entity["country"] = country
            attributes = entity.setdefault("attributes", {})
            if "recogniser_score" in attributes:
                attributes["recogniser_score"] = max(attributes["recogniser_score"], round(score, 3))
        return key

    def _in_office(self, people: tuple[int, ...]) -> int:
        """Return the first of *people* holding an office on the article's date, else the first."""
        day = self.date.isoformat()
        for index in people:
            for term in self.entities[index]["attributes"].get("terms", ()):
                if term.get("start", "") <= day and (not term.get("end") or day < term["end"]):
                    return index
        return people[0]

    def _short_name_rule(self, kept: list[tuple[int, int, Any]]) -> Any:
        """A short name ("Li", "Wang") counts after the full name, after a title
        ("President Xi"), when the article names the person's country, or alone when the
        data says the person is known by it ("Putin", "Mugabe")."""
        entities, text = self.entities, self.text
        named_people: set[int] = set()
        countries = set()
        titled_ends = set()
        surfaces = self.g._surfaces
        for _, end, value in kept:
            surface = surfaces[id(value)]
            named_people |= surface[3]
            index, _, kind = surface[0]
            if kind == "state":
                countries.add(entities[index]["country"])
            elif kind == "title":
                titled_ends.add(end)

        def short_ok(index: int, start: int) -> bool:
            entity = entities[index]
            if (
                index in named_people
                or entity.get("country") in countries
                or "known_by_short_name" in entity["attributes"]
            ):
                return True
            gap = text[max(0, start - 2) : start]
            return (gap.isspace() and (start - len(gap)) in titled_ends) or (start - 1) in titled_ends

        return short_ok

    # -- places -------------------------------------------------------------------------

    def _inside_longer_name(self, start: int, end: int, starts: set[int], ends: set[int]) -> bool:
        """True when capitalised words the gazetteer does not know touch the name:
        "Bob Dole", "David Campese", "Patriotic Union of Kurdistan" are not places."""
        text = self.text
        after = _NEXT_WORD.match(text, end)
        if after and after.start(1) not in starts and after.group(1) not in _PLACE_WORDS:
            return True
        # the word before must end in a lower-case letter ("Mayor Smith of" does not): most
        # places follow a digit, punctuation or a known word, and skip the search
        previous = text[max(0, start - 40) : start].rstrip(" \t")
        before = _PREV_WORD.search(text, max(0, start - 40), start) if previous and "a" <= previous[-1] <= "z" else None
        if before:
            word = before.group(1)
            line_start = text.rfind("\n", 0, before.start(1)) + 1
            sentence_start = (
                not text[line_start : before.start(1)].strip()
                or text[max(0, before.start(1) - 80) : before.start(1)].rstrip()[-1:] in ".!?:\"'“”‘’-–—("
            )
            if not sentence_start and word not in _TITLE_WORDS and before.end(1) not in ends:
                return True
        return False

    def _metonymic(self, start: int, end: int, name: str) -> bool:
        # the capital's name or the name written ("Victoria", an alternate name of Hong Kong)
        if name in _NO_METONYM_NAMES or self.text[start:end] in _NO_METONYM_NAMES:
            return False
        before = self.text[max(0, start - 12) : start].split()
        if before and before[-1] in _places.LOCATIVES:
            return False
        line_start = self.text.rfind("\n", 0, start) + 1
        # not at a dateline: "LONDON 1996-08-22", "BEIJING, May 5 --"
        return bool(self.text[line_start:start].strip()) or _DATELINE_AFTER.match(self.text[end : end + 40]) is None

    # -- officials ----------------------------------------------------------------------

    def _titles(self, resolved: list[tuple[int, int, int, str]]) -> list[tuple[int, int, int, str]]:
        entities, text = self.entities, self.text
        out: list[tuple[int, int, int, str]] = []
        skip: set[int] = set()
        people_named = {
            index for _, _, index, form in resolved if entities[index]["kind"] == "person" and form in ("name", "alias")
        }
        titled: list[tuple[Any, int, str]] = []  # persons named after a title: (key, end, name)
        for position, (start, end, index, form) in enumerate(resolved):
            if position in skip:
                continue
            if entities[index]["kind"] != "title":
                out.append((start, end, index, form))
                continue
            title = entities[index]["name"]
            role = entities[index]["attributes"]["role"]
            country, span_start = None, start
            if out:
                p_start, p_end, p_index, _p_form = out[-1]
                gap = text[p_end:start]
                if entities[p_index]["kind"] == "state" and _STATE_TITLE_GAP.fullmatch(gap):
                    country, span_start = entities[p_index]["country"], p_start
            person = None
            following = resolved[position + 1] if position + 1 < len(resolved) else None
            if following and entities[following[2]]["kind"] == "person" and not text[end : following[0]].strip():
                person = following[2]
            # the state before a title stays a mention of its own ("U.S." in "U.S. President
            # Bill Clinton"), inside the title's mention
            if person is not None:
                out.append((span_start, end, person, "title"))
                continue
            if country is None:
                # "President Abdelaziz Bouteflika" with no state before the title: a person
                # the data does not know, of the one country the article names, if any
                name = self._name_after(end, resolved)
                if name is not None:
                    key = self._person(name[0], self._sole_country(resolved), title, inferred=True)
                    self.add(key, start, end, "title")
                    self.add(key, name[1], name[2], "name")
                    titled.append((key, name[2], name[0]))
                continue  # a bare title ("the President") names no one here
            name = self._name_after(end, resolved)
            if name is not None:
                key = self._person(name[0], country, title)
                self.add(key, span_start, end, "title")
                self.add(key, name[1], name[2], "name")
                titled.append((key, name[2], name[0]))
                continue
            holder = self.g.holder(country, title, role, self.date)
            if holder is not None and holder in people_named:
                out.append((span_start, end, holder, "title"))
                continue
            key = self._office(country, title, holder)
            self.add(key, span_start, end, "title")
        if titled:
            self._later_surnames(titled, out)
        return out

    def _name_after(self, end: int, resolved: list[tuple[int, int, int, str]]) -> tuple[str, int, int] | None:
        """Return ``(name, start, end)`` of a person's name right after a title at *end*,
        unless the words are another entity or the name of something else."""
        named = _PERSON_AFTER.match(self.text, end)
        if named is None:
            return None
        name, start = named.group(1), named.start(1)
        trimmed = _POSSESSIVE.sub("", name)  # "Sergey Shoigu’s visit": the name without "’s"
        words = trimmed.split()
        if not words or words[0] in _TITLE_WORDS or any(w in _NOT_PERSON_WORDS for w in words):
            return None
        stop = start + len(trimmed)
        # *resolved* is ordered by start: only the hits starting before *stop*, and not so
        # far before that no name reaches it, can overlap
        i = bisect.bisect_left(resolved, (stop,)) - 1
        while i >= 0 and resolved[i][0] >= start - 200:
            if resolved[i][1] > start:
                return None
            i -= 1
        return trimmed, start, stop

    def _sole_country(self, resolved: list[tuple[int, int, int, str]]) -> str | None:
        """The one country the article names through its states and capitals, else None."""
        entities = self.entities
        countries = set()
        for _, _, index, _ in resolved:
            entity = entities[index]
            if entity["kind"] == "state":
                countries.add(entity["country"])
            elif entity["kind"] == "place" and "capital_of" in entity.get("attributes", ()):
                countries.add(entity["attributes"]["capital_of"])
            if len(countries) > 1:
                return None
        return next(iter(countries), None)

    def _later_surnames(self, titled: list[tuple[Any, int, str]], out: list[tuple[int, int, int, str]]) -> None:
        """A person the data does not know, named in full (after a title, or found by the
        recogniser), is the same person when the surname comes back alone later
        ("... Bouteflika said", "Bouteflika's aides")."""
        text = self.text
        claims: dict[str, list[tuple[int, Any]]] = {}  # surname -> (from where, whose), in order
        for key, after, name in titled:
            if not isinstance(key, str):
                continue  # a person the data knows has its own short names
            surname = name.split()[-1]
            if len(name.split()) < 2 or len(surname) < 3 or surname in _TITLE_WORDS:
                continue
            claims.setdefault(surname, []).append((after, key))
        if not claims:
            return
        taken: list[tuple[int, int]] | None = None  # the mentions before this pass, made at the first use
        taken_starts: list[int] = []
        longest = 0
        for start, end, entries in _surname_uses(text, min(after for e in claims.values() for after, _ in e), claims):
            key = next((key for after, key in entries if after <= start), None)
            if key is None:
                continue  # most often the surname inside the full name
            if taken is None:
                taken = sorted(
                    [(s, e) for s, e, *_ in out] + [(m[0], m[1]) for spans in self.mentions.values() for m in spans]
                )
                taken_starts = [t[0] for t in taken]
                longest = max((e - s for s, e in taken), default=0)
            i = bisect.bisect_left(taken_starts, end) - 1
            while i >= 0 and taken_starts[i] > start - longest:
                if taken[i][1] > start:
                    break
                i -= 1
            else:
                self.add(key, start, end, "short_name")
            # a later mention cannot overlap this one: matches do not overlap

    def _person(self, name: str, country: str | None, office: str, *, inferred: bool = False) -> Any:
        key = f"person:{_build.slugify(name)}"
        if key in self.g._id_index:
            return self.g._id_index[key]
        if key not in self.synthetic:
            self.synthetic[key] = {
                "id": key,
                "kind": "person",
                "name": name,
                "country": country,
                "office": _title_case(office),
            }
            if inferred and country is not None:
                # the title named no state: the country is the only one the article names
                self.synthetic[key]["attributes"] = {"country_from": "article"}
        return key

    def _office(self, country: str, title: str, holder: int | None) -> str:
        office = _title_case(title)
        key = f"office:{country}:{_build.slugify(office)}"
        if key not in self.synthetic:
            state = self.entities[self.g._id_index[f"iso:{country}"]]["name"]
            attributes = {}
            if holder is not None:
                attributes = {
                    "holder": self.entities[holder]["id"],
                    "holder_name": self.entities[holder]["name"],
                    "as_of": self.date.isoformat(),
                }
            self.synthetic[key] = {
                "id": key,
                "kind": "person",
                "name": f"{office} of {state}",
                "country": country,
                "office": office,
                "attributes": attributes,
            }
        return key

    # -- acronyms defined in the text --------------------------------------------------------

    def _acronyms(self, resolved: list[tuple[int, int, int, str]]) -> None:
        text = self.text
        if "(" not in text:
            return
        by_span: dict[tuple[int, int], int] | None = None  # made at the first definition
        by_end: dict[int, tuple[int, int]] = {}
        definitions: dict[str, list[tuple[int, Any]]] = {}  # acronym -> (position, what it stands for)
        for match in _ACRONYM_DEF.finditer(text):
            acronym = match.group(1)
            letters = "".join(ch for ch in acronym if ch.isupper())
            if len(letters) < 2:
                continue
            long_start = _long_form(text, match.start(), letters)
            if long_start is None:
                continue
            long_end = match.start()
            while long_end > long_start and text[long_end - 1].isspace():
                long_end -= 1
            if by_span is None:
                by_span = {(s, e): i for s, e, i, _ in resolved}
                by_end = {e: (s, i) for s, e, i, _ in resolved}
            target: Any = by_span.get((long_start, long_end))
            if target is None and long_end in by_end and by_end[long_end][0] >= long_start:
                # the long form ends with a known name ("the Foo Shanghai Cooperation Organization")
                target = by_end[long_end][1] if by_end[long_end][0] == long_start else None
            if target is None:
                long_form = text[long_start:long_end]
                head = long_form.split()[-1]
                namespace = "initiative" if head in _INITIATIVE_HEADS else "org"
                target = f"{namespace}:{_build.slugify(long_form)}"
                if target not in self.synthetic and target not in self.g._id_index:
                    self.synthetic[target] = {
                        "id": target,
                        "kind": "initiative" if namespace == "initiative" else "organisation",
                        "name": long_form,
                        "attributes": {"acronym": acronym, "defined_in_text": True},
                    }
                elif target in self.g._id_index:
                    target = self.g._id_index[target]
                self.add(target, long_start, long_end, "name")
            definitions.setdefault(acronym, []).append((match.start(1), target))
        if definitions:
            self._claim_acronyms(definitions)

    def _claim_acronyms(self, definitions: Mapping[str, list[tuple[int, Any]]]) -> None:
        """Make every use of an acronym after its definition a mention of what it was defined
        as (the latest definition before the use, when it is defined twice), replacing other
        readings of the same words.

        One pass over the text per distinct acronym and one index of the mentions keep the
        cost in proportion to the article's length, however often acronyms are defined.
        """
        text = self.text
        claims: list[tuple[int, int, Any]] = []
        firsts = {acronym: [first for first, _ in defined] for acronym, defined in definitions.items()}
        # one pass for every acronym; the longer first, as each is matched whole
        pattern = re.compile(
            r"(?<![\w])(?:" + "|".join(map(re.escape, sorted(definitions, key=len, reverse=True))) + r")(?![\w])"
        )
        for match in pattern.finditer(text, min(f[0] for f in firsts.values())):
            acronym, start = match.group(), match.start()
            position = bisect.bisect_right(firsts[acronym], start) - 1
            if position >= 0:
                claims.append((start, match.end(), definitions[acronym][position][1]))
        if not claims:
            return
        # every mention as (start, end, key), by start, to find those a use overlaps
        spans = sorted((m[0], m[1], key) for key, mentions in self.mentions.items() for m in mentions)
        starts = [span[0] for span in spans]
        longest = max((end - start for start, end, _ in spans), default=0)
        dropped: dict[Any, set[tuple[int, int]]] = {}
        for start, end, target in claims:
            i = bisect.bisect_left(starts, end) - 1
            while i >= 0 and starts[i] > start - longest:
                m_start, m_end, key = spans[i]
                if m_end > start and key != target:
                    dropped.setdefault(key, set()).add((m_start, m_end))
                i -= 1
        for key, gone in dropped.items():
            kept = [m for m in self.mentions[key] if (m[0], m[1]) not in gone]
            if kept:
                self.mentions[key] = kept
            else:
                del self.mentions[key]
        existing: dict[Any, set[tuple[int, int]]] = {}
        for start, end, target in claims:
            have = existing.get(target)
            if have is None:
                have = existing[target] = {(m[0], m[1]) for m in self.mentions.get(target, ())}
            if (start, end) not in have:
                have.add((start, end))
                self.add(target, start, end, "acronym")

    # -- corridors ---------------------------------------------------------------------------

    def _corridors(self, resolved: list[tuple[int, int, int, str]]) -> None:
        text = self.text
        if "orridor" not in text:
            return
        states = {s: self.entities[i]["country"] for s, e, i, _ in resolved if self.entities[i]["kind"] == "state"}
        for match in _CORRIDOR.finditer(text):
            parties, offset = [], match.start(1)
            for part in re.split(r"[-–‑]", match.group(1)):
                parties.append(states.get(offset))
                offset += len(part) + 1
            if len(parties) < 2 or None in parties:
                continue
            known = self.g._corridors.get(frozenset(parties))  # type: ignore[arg-type]
            if known is not None:
                self.add(known, match.start(), match.end(), "name")
                continue
            name = match.group(1) + (" Economic" if match.group(2) else "") + " Corridor"
            key = f"initiative:{_build.slugify(name)}"
            if key not in self.synthetic:
                self.synthetic[key] = {
                    "id": key,
                    "kind": "initiative",
                    "name": name,
                    "attributes": {"parties": parties},
                }
            self.add(key, match.start(), match.end(), "name")

    # -- output -----------------------------------------------------------------------------

    def _entities_out(self) -> list[Entity]:
        text = self.text
        templates, synthetic = self.g._templates, self.synthetic
        order = []
        for key, spans in self.mentions.items():
            if isinstance(key, str):
                fields = _entity_fields(synthetic[key])  # a record the tagger made
            else:
                fields = templates.get(key) or self.g._template(key)
            if len(spans) > 1:
                spans.sort()
            order.append((spans[0][0], fields["id"], fields, spans))
        # by first mention, then id
        order.sort(key=_FIRST_THEN_ID)
        out = []
        entity, mention = Entity._trusted, Mention._trusted
        for _, _, fields, spans in order:
            # trusted: offsets into this text, sorted by (start, end, form) above, each once
            if len(spans) == 1:  # most entities: one mention
                start, end, form = spans[0]
                mentions: tuple[Mention, ...] = (mention(start=start, end=end, text=text[start:end], form=form),)
            else:
                mentions = tuple(mention(start=s, end=e, text=text[s:e], form=f) for s, e, f in dict.fromkeys(spans))
            out.append(entity(**fields, mentions=mentions))
        return out


class _TakeOver:
    """Makes way for a longer place name at ``start:end`` ("Mississippi River"): drops the
    place and state names inside it ("Mississippi"). One per article, made on first use."""

    def __init__(
        self, resolver: _Resolver, taken: list[tuple[int, int]], taken_starts: list[int], longest: int
    ) -> None:
        self.resolver = resolver
        self.taken, self.taken_starts, self.longest = taken, taken_starts, longest
        self.owners: dict[tuple[int, int], list[Any]] = {}
        for key, spans in resolver.mentions.items():
            for span_start, span_end, _form in spans:
                self.owners.setdefault((span_start, span_end), []).append(key)

    def __call__(self, start: int, end: int, *, states: bool) -> int | None:
        """Drop the names inside ``start:end``; return the place named inside (a record
        index, -1 when none or several), or ``None`` (nothing dropped) when another kind of
        entity (a state too, unless *states*), a name reaching outside or a name of exactly
        that span overlaps it."""
        resolver, taken, owners = self.resolver, self.taken, self.owners
        inside: list[tuple[Any, int, int]] = []
        i = bisect.bisect_left(self.taken_starts, end) - 1
        while i >= 0 and self.taken_starts[i] > start - self.longest:
            span_start, span_end = taken[i]
            i -= 1
            keys = owners.get((span_start, span_end))
            if not keys or span_end <= start:
                continue
            if span_start < start or span_end > end or span_end - span_start == end - start:
                return None
            for key in keys:
                record = resolver.synthetic[key] if isinstance(key, str) else resolver.entities[key]
                if record["kind"] not in (("place", "state") if states else ("place",)):
                    return None
                inside.append((key, span_start, span_end))
        places = {key for key, _, _ in inside if not isinstance(key, str) and resolver.entities[key]["kind"] == "place"}
        for key, span_start, span_end in inside:
            owners.pop((span_start, span_end), None)
            spans = resolver.mentions.get(key)
            if spans is None:
                continue
            spans[:] = [span for span in spans if (span[0], span[1]) != (span_start, span_end)]
            if not spans:
                del resolver.mentions[key]
        return places.pop() if len(places) == 1 else -1


#: up to this many surnames, :func:`_surname_uses` searches for them; past it, it reads
#: every name word
_FEW_SURNAMES = 16


def _surname_uses(
    text: str, begin: int, claims: Mapping[str, list[tuple[int, Any]]]
) -> Iterator[tuple[int, int, list[tuple[int, Any]]]]:
    """The words from *begin* on that are one of the surnames *claims* holds, alone or with
    a possessive ("Bouteflika", "Bouteflika's", "O'Brien"; not "Bouteflikas" nor a
    hyphenated compound): ``(start, end without the possessive, the surname's claims)``.

    Only where a surname starts is a word read whole: a surname is made of letters,
    digits, apostrophes and hyphens, so no surname found hides the start of another word,
    and a surname made otherwise is never a whole word.
    """
    surnames = sorted((s for s in claims if _SURNAME.fullmatch(s)), key=len, reverse=True)
    if not surnames:
        return
    name_word = _NAME_WORD.match
    if len(surnames) > _FEW_SURNAMES:
        # many surnames (a long article): an alternation of them costs its length times
        # their number, a scan of the name words its length alone
        matches: Iterator[re.Match[str] | None] = _NAME_WORD.finditer(text, begin)
    else:
        pattern = re.compile("|".join(map(re.escape, surnames)))
        matches = (name_word(text, found.start()) for found in pattern.finditer(text, begin))
    for match in matches:
        if match is None:
            continue
        start, end, word = match.start(), match.end(), match.group()
        entries = claims.get(word)
        if entries is None and word[-2:] in ("'s", "’s"):
            end -= 2
            entries = claims.get(word[:-2])
        if entries is not None:
            yield start, end, entries


def _entity_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """Return the keyword arguments of :class:`geotext.Entity` for one data record."""
    coordinates = data.get("coordinates")
    return {
        "id": data["id"],
        "kind": data["kind"],
        "name": data["name"],
        "ids": data.get("ids", {}),
        "coordinates": Coordinates(lat=coordinates[0], lon=coordinates[1]) if coordinates else None,
        "country": data.get("country"),
        "office": data.get("office"),
        "attributes": data.get("attributes", {}),
    }


_NO_METONYM_NAMES = _build._NO_METONYM


#: The slugs of the names the model finds: the same names come back article after article.
_model_slug = functools.lru_cache(maxsize=1 << 16)(_build.slugify)


def _abbreviation(written: str) -> bool:
    """An abbreviation's shape: ALL-CAPS ("WA", "NSW") or ending in a period ("Ont.")."""
    return written.isupper() or written.endswith(".")


def _sentence_start(text: str, start: int) -> bool:
    """True when nothing but an opening quote or bracket stands between *start* and the
    end of the previous sentence or line."""
    before = text[max(0, start - 40) : start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:\n"


def _title_case(title: str) -> str:
    return " ".join(w if w in ("of", "and") else w[:1].upper() + w[1:] for w in title.split())


def _long_form(text: str, paren: int, letters: str) -> int | None:
    """Return the start of the words before *paren* whose initials spell *letters*."""
    window_start = max(0, paren - 160)
    words = list(_WORD.finditer(text, window_start, paren))
    if not words:
        return None
    needed = letters
    position = len(needed)
    for word in reversed(words):
        token = word.group(0)
        if token.lower() in _LINKERS:
            continue
        if not token[:1].isupper():
            return None
        # a hyphenated or multi-capital word may carry several letters ("Co-operation")
        initials = "".join(part[:1] for part in re.split(r"[-]", token) if part[:1].isupper())
        if needed[:position].endswith(initials):
            position -= len(initials)
        elif needed[:position].endswith(initials[:1]):
            position -= 1
        else:
            return None
        if position == 0:
            return word.start()
    return None
