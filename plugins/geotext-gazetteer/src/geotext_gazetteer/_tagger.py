"""The gazetteer tagger: dictionary matching with context rules, at scanning speed."""

from __future__ import annotations

import bisect
import datetime as _dt
import hashlib
import operator
import os
import pickle
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import ahocorasick_rs

from geotext import Article, Coordinates, Entity, Mention
from geotext.exceptions import ConfigError

from . import _build, _places
from ._extra import read_extra_entries
from .version import __version__

__all__ = ["Gazetteer", "Tagger", "default_cache_dir"]

# Bump when the compiled layout changes, so stale caches are ignored.
_COMPILED_FORMAT = 6
_KIND_RANK = {"state": 0, "organisation": 1, "initiative": 2, "group": 3, "person": 4, "place": 5}
_NAME_FORMS = ("name", "alias", "acronym")
# Two-letter acronyms that are also English words: in an ALL-CAPS line they are words.
_CAPS_WORDS = {"US", "IT", "AS", "OR", "IN", "ON", "AT", "NO", "AN", "ME", "OK", "HI", "SO", "TO", "UP",
               "WE", "BE", "DO", "GO", "IF", "IS", "MY", "OF", "AM", "AU", "UN", "EU", "UK", "ROK", "CIS",
               "GDI", "GSI", "NAM", "WHO", "OAS", "ADB", "ILO", "FAO", "CAN", "PRC"}
# Characters that end a word: testing these first spares a call to str.isalnum per hit.
_SEPARATORS = frozenset(" \t\n\r.,;:!?'\"()[]{}<>/\\|-–—‘’“”«»*&%$#@+=~^`_")
_END_THEN_START = operator.itemgetter(1, 0)
_FIRST_THEN_ID = operator.itemgetter(0, 1)
_LOCATIVES = {"in", "at", "near", "outside", "from", "to", "into", "across", "around", "via", "of",
              "In", "At", "Near", "Outside", "From", "To", "Into", "Across", "Around", "Via"}
# An ALL-CAPS lead before a dash, comma, date or agency ("GERMANY - Bunds ...", "LONDON, May 5",
# "TORONTO — ...", "WASHINGTON (AP) -")
_CAPS_LEAD = re.compile(r"[A-Z][A-Z .'&]{2,}(?=\s*(?:[-–—,]|\d|\((?:AP|AFP|Reuters|UPI|dpa|Xinhua|CNN)\)))")
_TWO_CAPS = re.compile(r"[A-Z]{2}")
_DATELINE_AFTER = re.compile(r"^(?:\s*,\s*[A-Za-z .]+)?\s*(?:\d{4}-\d{2}-\d{2}|\([A-Za-z .]+\)|-{1,2}|–|—)")
_ACRONYM_DEF = re.compile(r"\(\s*([A-Z][A-Za-z0-9&.\-]{1,11})\s*\)")
_WORD = re.compile(r"[\w&.'’\-]+")
_LINKERS = {"of", "and", "for", "the", "on", "in", "de", "du", "des", "la", "le", "to", "&"}
_CORRIDOR = re.compile(r"\b((?:[A-Z][A-Za-z]+[-–‑])+[A-Z][A-Za-z]+)\s+([Ee]conomic\s+)?[Cc]orridor\b")
_PERSON_AFTER = re.compile(r"\s+((?:[A-Z]\.\s?){0,2}[A-Z][a-zà-ÿ'’\-]+(?:[ -][A-Z][a-zà-ÿ'’\-]+){0,2})")
# Capitalised words after a title that make it a name of something else: "Premier League",
# "Ambassador Extraordinary and Plenipotentiary", "President Hotel"
_NOT_PERSON_WORDS = {"League", "Cup", "Club", "Council", "Committee", "Party", "Assembly", "Court",
                     "Ministry", "Office", "Department", "Agency", "Bank", "Group", "Union", "Association",
                     "Federation", "Division", "Series", "Championship", "Extraordinary", "Plenipotentiary",
                     "Emeritus", "Elect", "Designate", "General", "Board", "Commission", "Foundation",
                     "Institute", "University", "College", "School", "Hotel", "Hospital", "Airlines",
                     "Airways", "House", "Palace", "Hall", "Street", "Road", "Avenue", "Award", "Prize",
                     "Trophy", "Stadium", "Park", "Square", "Bridge", "Airport", "Station", "Building"}
_POSSESSIVE = re.compile(r"['’]s?$")
_NEXT_WORD = re.compile(r"[ \t]+(?:of[ \t]+)?([A-Z][a-z]+)\b")
_PREV_WORD = re.compile(r"\b([A-Z][a-z]+)(?:[ \t]+of)?[ \t]+$")
# words that continue a place name or sit before one without making it something else
_PLACE_WORDS = {"City", "County", "Province", "State", "Region", "District", "Island", "Islands", "Valley",
                "Bay", "Airport", "Port", "Street", "Square", "Park", "The", "A", "An", "On", "In", "At",
                "And", "But", "For", "To", "From", "With", "Monday", "Tuesday", "Wednesday", "Thursday",
                "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June",
                "July", "August", "September", "October", "November", "December", "He", "She", "It",
                "They", "We", "I", "This", "That", "There", "Police", "Reuters"}
_TITLE_WORDS = _PLACE_WORDS | {"In", "At", "From", "Near", "Of", "To", "Central", "Northern", "Southern",
                               "Eastern", "Western", "North", "South", "East", "West", "New", "Greater",
                               "Upper", "Lower", "Downtown", "Visit", "Says", "Said"}
_INITIATIVE_HEADS = {"Initiative", "Corridor", "Treaty", "Agreement", "Accord", "Accords", "Pact", "Programme",
                     "Program", "Plan", "Partnership", "Strategy", "Project", "Convention", "Protocol"}


def default_cache_dir() -> Path:
    """Return the directory for compiled automata: ``$XDG_CACHE_HOME/geotext-gazetteer``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "geotext-gazetteer"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _matches(automaton: ahocorasick_rs.AhoCorasick, text: str) -> list[tuple[int, int, int]]:
    """Every match, overlapping ones included: ``(key index, start, end)``, ordered by end
    and, at one end, longest first."""
    try:
        return automaton.find_matches_as_indexes(text, overlapping=True)
    except UnicodeEncodeError:
        # The automaton reads UTF-8, which has no lone surrogates (a str built in code may
        # hold one; parsed input never does). U+FFFD in their place keeps every offset.
        return automaton.find_matches_as_indexes(_SURROGATE.sub("\ufffd", text), overlapping=True)


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

    def __init__(self, compiled: Mapping[str, Any], *,
                 place_resolver: _places.RuleResolver | _places.LearnedResolver | None = None) -> None:
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
        self._templates: dict[int, Entity] = {}
        # places: which resolver ranks candidates, what may follow a place after a comma
        self.place_resolver = place_resolver if place_resolver is not None else _places.load_resolver(None)
        self._qualifiers: dict[str, tuple[str | None, str | None, int, str]] = compiled["qualifiers"]
        self._user_entries: set[int] = compiled["user_entries"]  # users' own entries win a place name
        self._iso2_of: dict[str, str] = {e["country"]: e["ids"]["iso2"] for e in self._entities
                                         if e["kind"] == "state" and "iso2" in e.get("ids", {})}
        self._by_key: dict[str, Any] | None = None  # dictionary key -> value, made on first use
        self._place_names: dict[int, tuple[int, ...]] = {}  # see PlaceChooser.name_of

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
    ) -> Gazetteer:
        """Load the gazetteer, from the on-disk cache when it is current.

        Args:
            extra_entries: a CSV or JSON file of users' own entries (see
                :func:`geotext_gazetteer.read_extra_entries`).
            data_path: built data to use instead of the shipped file.
            cache_dir: where compiled automata are kept (default
                :func:`default_cache_dir`).
            use_cache: read and write the cache; ``False`` always compiles.
            place_resolver: what ranks the candidates of an ambiguous place name:
                ``"learned"`` (default, the shipped model), ``"rules"``, or the path of a
                model file written by ``tools/train_resolver.py``.

        Raises:
            ConfigError: the data, the extra entries or the resolver model cannot be read.

        .. versionchanged:: 0.1.1
           ``place_resolver``.
        """
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
        if use_cache:
            try:
                with cache_file.open("rb") as handle:
                    return cls(pickle.load(handle), place_resolver=resolver)
            except (OSError, pickle.UnpicklingError, EOFError, KeyError, AttributeError, ValueError):
                pass  # missing or stale: compile below
        compiled = compile_data(_build.read(data_file), extras)
        if use_cache:
            try:
                cache_file.parent.mkdir(parents=True, exist_ok=True)
                tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
                with tmp.open("wb") as handle:
                    pickle.dump(compiled, handle, protocol=pickle.HIGHEST_PROTOCOL)
                tmp.replace(cache_file)
            except OSError:
                pass  # a read-only home still tags, only slower to start
        return cls(compiled, place_resolver=resolver)

    # -- tagging ------------------------------------------------------------------------

    def tag(self, article: Article | str, *, date: _dt.date | None = None) -> list[Entity]:
        """Return the entities of *article*, each with its mentions, in order of first mention.

        Args:
            article: an :class:`geotext.Article` or plain text.
            date: the date that picks office holders; default the article's published
                date, else today.
        """
        if isinstance(article, str):
            text, published = article, None
        else:
            text, published = article.text, article.published
        if date is None:
            date = published.date() if published is not None else _dt.date.today()
        spans = self._scan(text)
        return _Resolver(self, text, date).run(spans)

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

    def _scan_caps(self, text: str, hits: list[tuple[int, int, Any]],
                   lines: list[tuple[int, int]]) -> list[tuple[int, int, Any]]:
        """Add the hits of ALL-CAPS lines ("LONDON 1996-08-22", headlines), where a
        two-letter word such as "US" or "IT" is a word, not an acronym."""
        starts = [lo for lo, _ in lines]

        def in_caps(position: int) -> bool:
            i = bisect.bisect_right(starts, position) - 1
            return i >= 0 and position < lines[i][1]

        hits = [h for h in hits
                if not (h[1] - h[0] <= 3 and text[h[0]:h[1]] in _CAPS_WORDS and in_caps(h[0]))]
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
        places = [_places.make_candidate(index, entities[index], form, iso2_of)
                  for _, index, form, kind in ranked if kind == "place"]
        users = [c for c in places if c.index in self._user_entries]
        if users:
            places = users
        elif best[2] == "state" and best[1] in _NAME_FORMS and any(c.feature == "admin1" for c in places):
            state = _places.make_candidate(best[0], entities[best[0]], best[1], iso2_of)
            places = [state] + [c for c in places if c.feature == "admin1"]
            best = (best[0], best[1], "place")
        surface = (
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

    def place_candidates(self, span: str) -> tuple[_places.PlaceCandidate, ...]:
        """Return the places (and a same-named state) that *span* may name, in any casing
        ("Paris", "PARIS", "paris"), with a final possessive left out; empty when the
        gazetteer knows none.

        .. versionadded:: 0.1.1
        """
        if self._by_key is None:
            self._by_key = dict(zip(*self._compiled_keys))
            self._by_upper = dict(zip(*self._compiled_upper))
        text = _POSSESSIVE.sub("", span.strip()) or span.strip()
        value = None
        for variant in (text, text[:1].upper() + text[1:], text.title()):
            value = self._by_key.get(variant)
            if value is not None:
                break
        if value is None:
            value = self._by_upper.get(text.upper())
        if value is None:
            return ()
        surface = self._surfaces.get(id(value)) or self._surface(value)
        return surface[2]  # type: ignore[no-any-return]

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
        return [(start, end, self._entities[choice]["id"] if choice is not None else None, score)
                for start, end, choice, score in resolver.chooser.decisions]

    def place_chooser(self, text: str, countries: Mapping[str, int],
                      names: Sequence[tuple[int, int, Sequence[_places.PlaceCandidate]]] = ()) -> _places.PlaceChooser:
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
        chooser = _places.PlaceChooser(text, context, self.place_resolver, self._qualifiers, self.place_candidates,
                                       self._place_names)
        for _, _, cands in names:
            for c in cands:
                if c.feature == "admin1" and c.region is not None:
                    context.regions.setdefault(c.region, set()).add(chooser.name_of(cands))
        chooser.prepare(names)
        return chooser

    # -- helpers for the resolver ---------------------------------------------------------

    def _template(self, index: int) -> Entity:
        # validated once per record; every article's entity is a copy with its own mentions
        template = self._templates[index] = Entity(**_entity_fields(self._entities[index]))
        return template

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
    """Compile built data (plus extra entries) into the automata :class:`Gazetteer` uses."""
    entities = [dict(e) for e in data["entities"]]
    names = [list(n) for n in data["names"]]
    id_index = {e["id"]: i for i, e in enumerate(entities)}
    user_entries: set[int] = set()
    for extra in extras:
        index = id_index.get(extra["id"])
        if index is None:
            if not extra.get("kind"):
                raise ConfigError(f"gazetteer extra entry {extra['id']}: a new entity needs a kind")
            attributes = {"population": extra["population"]} if "population" in extra else {}
            ids = {k: extra[k] for k in ("wikidata", "geonames") if k in extra}
            entity = {"id": extra["id"], "kind": extra["kind"],
                      "name": extra.get("name") or (extra["aliases"] + extra["acronyms"])[0],
                      "ids": ids, "country": extra.get("country"), "office": extra.get("office"),
                      "coordinates": extra.get("coordinates"), "attributes": attributes}
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
    return {"version": data["version"], "entities": entities, "exact": automaton(exact),
            "upper": automaton(upper), "id_index": id_index, "terms": terms, "corridors": corridors,
            "qualifiers": _qualifiers(entities, names, data.get("admin1_abbreviations", {})),
            "user_entries": user_entries}


def _qualifiers(entities: Sequence[Mapping[str, Any]], names: Sequence[Sequence[Any]],
                abbreviations: Mapping[str, Mapping[str, Any]]) -> dict[str, tuple[str | None, str | None, int, str]]:
    """Return what may follow a place name after a comma, as ``{text: (region, country,
    entity index, form)}``: the names of states and of the first-order divisions the data
    holds, and the divisions' abbreviations ("Mo.", "MO", "Ont.")."""
    iso2_of = {e["country"]: e["ids"]["iso2"] for e in entities if e["kind"] == "state" and "iso2" in e.get("ids", {})}
    table: dict[str, tuple[str | None, str | None, int, str]] = {}
    regions: dict[str, int] = {}
    for index, entity in enumerate(entities):
        attributes = entity.get("attributes", {})
        if entity["kind"] == "place" and attributes.get("feature") == "admin1" and attributes.get("admin1") \
                and entity.get("country") in iso2_of:
            regions[f"{iso2_of[entity['country']]}.{attributes['admin1']}"] = index
    for surface, index, form, _case in names:
        entity = entities[index]
        if form not in ("name", "alias", "acronym"):
            continue
        if entity["kind"] == "state":
            table.setdefault(surface, (None, entity["country"], index, form))
        elif entity["kind"] == "place" and entity.get("attributes", {}).get("feature") == "admin1":
            region = f"{iso2_of.get(entity.get('country', ''), '')}.{entity['attributes'].get('admin1')}"
            if region in regions:
                table[surface] = (region, entity["country"], index, form)
    for region, forms in abbreviations.items():
        index = regions.get(region)
        if index is None:
            continue
        for surface in [forms["postal"], *forms["written"]]:
            table[surface] = (region, entities[index]["country"], index, "alias")
    return table


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
        self.chooser: _places.PlaceChooser | None = None  # kept for place_decisions

    def add(self, key: Any, start: int, end: int, form: str) -> None:
        found = self.mentions.get(key)
        if found is None:
            self.mentions[key] = [(start, end, form)]
        else:
            found.append((start, end, form))

    def run(self, hits: list[tuple[int, int, Any]]) -> list[Entity]:
        entities, text = self.entities, self.text
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

        # First pass: everything but places; the states found are the context for places.
        surfaces, surface_of = self.g._surfaces, self.g._surface
        resolved: list[tuple[int, int, int, str]] = []  # (start, end, entity index, form)
        places: list[tuple[int, int, Any]] = []
        short_names: list[tuple[int, int, Any]] = []
        context: dict[str, int] = {}
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
            places = [p for p in places if not self._inside_longer_name(p[0], p[1], starts, ends)]
            chooser = self.chooser = self.g.place_chooser(text, context, [(p[0], p[1], p[2][2]) for p in places])
            hit_spans = {(hit[0], hit[1]) for hit in kept}
            for start, end, surface in places:
                choice, qualifier = chooser.choose(start, end, surface[2])
                if choice is not None:
                    resolved.append((start, end, choice, "name"))
                    if "capital_of" in entities[choice].get("attributes", ()):
                        capitals.append((start, end, choice))
                    if qualifier is not None and (qualifier.start, qualifier.end) not in hit_spans:
                        resolved.append((qualifier.start, qualifier.end, qualifier.index, qualifier.form))
            resolved.sort()

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
        return self._entities_out()

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
            if index in named_people or entity.get("country") in countries \
                    or "known_by_short_name" in entity["attributes"]:
                return True
            gap = text[max(0, start - 2):start]
            return gap.isspace() and (start - len(gap)) in titled_ends or (start - 1) in titled_ends
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
        previous = text[max(0, start - 40):start].rstrip(" \t")
        before = _PREV_WORD.search(text, max(0, start - 40), start) \
            if previous and "a" <= previous[-1] <= "z" else None
        if before:
            word = before.group(1)
            line_start = text.rfind("\n", 0, before.start(1)) + 1
            sentence_start = not text[line_start:before.start(1)].strip() or \
                text[max(0, before.start(1) - 80):before.start(1)].rstrip()[-1:] in ".!?:\"'“”‘’-–—("
            if not sentence_start and word not in _TITLE_WORDS and before.end(1) not in ends:
                return True
        return False

    def _metonymic(self, start: int, end: int, name: str) -> bool:
        if name in _NO_METONYM_NAMES:
            return False
        before = self.text[max(0, start - 12):start].split()
        if before and before[-1] in _LOCATIVES:
            return False
        line_start = self.text.rfind("\n", 0, start) + 1
        if not self.text[line_start:start].strip() and _DATELINE_AFTER.match(self.text[end:end + 40]):
            return False  # a dateline: "LONDON 1996-08-22", "BEIJING, May 5 --"
        return True

    # -- officials ----------------------------------------------------------------------

    def _titles(self, resolved: list[tuple[int, int, int, str]]) -> list[tuple[int, int, int, str]]:
        entities, text = self.entities, self.text
        out: list[tuple[int, int, int, str]] = []
        skip: set[int] = set()
        people_named = {index for _, _, index, form in resolved
                        if entities[index]["kind"] == "person" and form in ("name", "alias")}
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
                p_start, p_end, p_index, p_form = out[-1]
                gap = text[p_end:start]
                if entities[p_index]["kind"] == "state" and re.fullmatch(r"(?:['’]s)?\s+", gap):
                    country, span_start = entities[p_index]["country"], p_start
            person = None
            following = resolved[position + 1] if position + 1 < len(resolved) else None
            if following and entities[following[2]]["kind"] == "person" and not text[end:following[0]].strip():
                person = following[2]
            if person is not None:
                if country is not None:
                    out.pop()
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
            out.pop()
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
        if any(start < r_end and r_start < stop for r_start, r_end, *_ in resolved):
            return None
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
        """A person the data does not know, named after a title, is the same person when
        the surname comes back alone later ("... Bouteflika said")."""
        text = self.text
        taken = [(start, end) for start, end, *_ in out]
        for spans in self.mentions.values():
            taken.extend((start, end) for start, end, _ in spans)
        for key, after, name in titled:
            if not isinstance(key, str):
                continue  # a person the data knows has its own short names
            surname = name.split()[-1]
            if len(name.split()) < 2 or len(surname) < 3 or surname in _TITLE_WORDS:
                continue
            # "Bouteflika said", "Bouteflika's aides"; not "Bouteflikas" nor a hyphenated compound
            alone = re.compile(r"(?<![\w'’-])" + re.escape(surname) + r"(?:(?=['’]s\b)|(?![\w'’-]))")
            for match in alone.finditer(text, after):
                start, end = match.start(), match.end()
                if not any(start < t_end and t_start < end for t_start, t_end in taken):
                    self.add(key, start, end, "short_name")
                    taken.append((start, end))

    def _person(self, name: str, country: str | None, office: str, *, inferred: bool = False) -> Any:
        key = f"person:{_build.slugify(name)}"
        if key in self.g._id_index:
            return self.g._id_index[key]
        if key not in self.synthetic:
            self.synthetic[key] = {"id": key, "kind": "person", "name": name, "country": country,
                                   "office": _title_case(office)}
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
                attributes = {"holder": self.entities[holder]["id"], "holder_name": self.entities[holder]["name"],
                              "as_of": self.date.isoformat()}
            self.synthetic[key] = {"id": key, "kind": "person", "name": f"{office} of {state}",
                                   "country": country, "office": office, "attributes": attributes}
        return key

    # -- acronyms defined in the text --------------------------------------------------------

    def _acronyms(self, resolved: list[tuple[int, int, int, str]]) -> None:
        text = self.text
        if "(" not in text:
            return
        by_span: dict[tuple[int, int], int] | None = None  # made at the first definition
        by_end: dict[int, tuple[int, int]] = {}
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
                        "id": target, "kind": "initiative" if namespace == "initiative" else "organisation",
                        "name": long_form, "attributes": {"acronym": acronym, "defined_in_text": True}}
                elif target in self.g._id_index:
                    target = self.g._id_index[target]
                self.add(target, long_start, long_end, "name")
            self._claim_acronym(acronym, target, match.start(1))

    def _claim_acronym(self, acronym: str, target: Any, first: int) -> None:
        """Make every later use of *acronym* a mention of *target*, replacing other readings."""
        text = self.text
        pattern = re.compile(r"(?<![\w])" + re.escape(acronym) + r"(?![\w])")
        for match in pattern.finditer(text, first):
            start, end = match.start(), match.end()
            for key, mentions in list(self.mentions.items()):
                if key == target:
                    continue
                kept = [m for m in mentions if not (m[0] < end and start < m[1])]
                if len(kept) != len(mentions):
                    if kept:
                        self.mentions[key] = kept
                    else:
                        del self.mentions[key]
            existing = self.mentions.get(target, [])
            if not any(m[0] == start and m[1] == end for m in existing):
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
                self.synthetic[key] = {"id": key, "kind": "initiative", "name": name,
                                       "attributes": {"parties": parties}}
            self.add(key, match.start(), match.end(), "name")

    # -- output -----------------------------------------------------------------------------

    def _entities_out(self) -> list[Entity]:
        text = self.text
        templates, synthetic = self.g._templates, self.synthetic
        order = []
        for key, spans in self.mentions.items():
            if isinstance(key, str):
                template = Entity(**_entity_fields(synthetic[key]))
            else:
                template = templates.get(key) or self.g._template(key)
            if len(spans) > 1:
                spans.sort()
            order.append((spans[0][0], template.id, template, spans))
        # by first mention, then id
        order.sort(key=_FIRST_THEN_ID)
        out = []
        for _, _, template, spans in order:
            if len(spans) == 1:  # most entities: one mention
                start, end, form = spans[0]
                mentions = [Mention(start=start, end=end, text=text[start:end], form=form)]
            else:
                mentions = [Mention(start=s, end=e, text=text[s:e], form=f) for s, e, f in spans]
            out.append(template.with_mentions(mentions))
        return out


def _entity_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """Return the keyword arguments of :class:`geotext.Entity` for one data record."""
    coordinates = data.get("coordinates")
    return {"id": data["id"], "kind": data["kind"], "name": data["name"], "ids": data.get("ids", {}),
            "coordinates": Coordinates(lat=coordinates[0], lon=coordinates[1]) if coordinates else None,
            "country": data.get("country"), "office": data.get("office"),
            "attributes": data.get("attributes", {})}


_NO_METONYM_NAMES = _build._NO_METONYM


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
