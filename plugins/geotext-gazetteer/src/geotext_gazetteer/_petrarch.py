"""Actors from the PETRARCH2 dictionaries: people, bodies and armed groups with CAMEO codes.

Two steps, so that the package ships a compact, reviewable file and not the dictionaries:

1. :func:`derive` reads ``Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt``
   and ``Phoenix.MilNonState.actors.txt`` (TABARI format, MIT licence) and writes
   ``data/petrarch/actors.tsv``: one actor a line, noise filtered out. Rebuild it (and
   the gazetteer) with::

       geotext gazetteer derive-petrarch /path/to/petrarch2/dictionaries

2. :func:`add_actors`, called from :func:`geotext_gazetteer._build.build`, turns that file into
   gazetteer entities: a person or body already in the curated data (same normalised name
   and country) gets the CAMEO codes as an attribute; any other becomes a new entity.

Every entity made or joined here carries ``attributes["cameo"]``: a list of
``{"code": "RUSGOV", "from": "1991-07-10", "until": "1999-12-31"}`` (``None`` where the
dictionary gives no bound), in the dictionary's order.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

DERIVED = files(__package__) / "data" / "petrarch" / "actors.tsv"

#: The dictionaries' source, recorded in the derived file and the data version.
SOURCE = "openeventdata/petrarch2@676801cd9cb2924bbbad09f86d15c9323e7097bf"
FILES = {
    "Phoenix.Countries.actors.txt": "country",
    "Phoenix.International.actors.txt": "international",
    "Phoenix.MilNonState.actors.txt": "nonstate",
}

_CODE = re.compile(r"\[([^\]]*)\]")
_TITLE_WORDS = frozenset(
    """PRESIDENT PRIME MINISTER MINISTERS CHANCELLOR KING QUEEN PREMIER SECRETARY
GENERAL SPOKESMAN SPOKESWOMAN CHIEF LEADER FORMER ACTING DEPUTY VICE AMBASSADOR ENVOY SENATOR GOVERNOR
MAYOR DR DR. MR MR. MRS MRS. MS MS. GEN GEN. COL COL. LT LT. SHEIKH SHEIK EMIR PRINCE SULTAN CHAIRMAN
COMMANDER HEAD DIRECTOR JUDGE JUSTICE COUNCILLOR PARTY_CHIEF SIR LORD""".split()
)
# Words that make a body's name specific; a name made only of generic words ("Ministry of
# Defense", "Armed Forces") says nothing about which country it belongs to.
_GENERIC = frozenset(
    """THE OF AND FOR IN ON TO A AN DE LA LE DES DU AL EL NATIONAL FEDERAL STATE CENTRAL
SUPREME HIGH GENERAL MINISTRY MINISTER MINISTRIES COUNCIL COMMITTEE COMMISSION ASSEMBLY PARLIAMENT CONGRESS
SENATE HOUSE COURT GOVERNMENT CABINET ARMY NAVY AIR FORCE FORCES ARMED MILITARY POLICE GUARD GUARDS
SECURITY DEFENSE DEFENCE INTERIOR FOREIGN AFFAIRS JUSTICE FINANCE ECONOMY TRADE PARTY PEOPLE PEOPLES
PEOPLE'S REPUBLIC DEMOCRATIC SOCIALIST LIBERAL CONSERVATIVE LABOUR LABOR GREEN GREENS UNION FRONT MOVEMENT
ALLIANCE ORGANIZATION ORGANISATION ASSOCIATION FEDERATION BANK AGENCY OFFICE DEPARTMENT BUREAU SERVICE
SERVICES INTELLIGENCE INFORMATION NEWS RADIO TELEVISION TV PRESS UNIVERSITY CHURCH ISLAMIC CHRISTIAN
LIBERATION REVOLUTIONARY UNITED NEW INDEPENDENT REFORM COMMUNIST POPULAR REGIONAL PROVINCIAL LOCAL
PUBLIC SPECIAL UNIT UNITS BRIGADE BRIGADES COMMAND STAFF POLICE, OPPOSITION RULING ELECTORAL""".split()
)
# Words that make a name a body's rather than a person's.
_BODY_WORDS = frozenset(
    """MINISTRY COUNCIL COMMITTEE COMMISSION ASSEMBLY PARLIAMENT CONGRESS SENATE COURT
GOVERNMENT CABINET ARMY NAVY FORCE FORCES MILITARY POLICE GUARD GUARDS PARTY UNION FRONT MOVEMENT ALLIANCE
ORGANIZATION ORGANISATION ASSOCIATION FEDERATION BANK AGENCY OFFICE DEPARTMENT BUREAU SERVICE SERVICES NEWS
RADIO TELEVISION PRESS UNIVERSITY CHURCH BRIGADE BRIGADES COMMAND REPUBLIC INSTITUTE CORPORATION COMPANY
COMMUNITY FUND PROGRAMME PROGRAM RESERVE AUTHORITY COALITION ADMINISTRATION SOVIET TANK YARD
COLLECTIVE""".split()
)
_ABBREVIATION = re.compile(r"(?:[A-Z]\.){2,}")
_CONNECTIVES = frozenset("of and the for on in to at".split())
_PARTICLES = frozenset("al el bin ibn ben de da di du van von der la le dos das del y".split())
_FORBIDDEN = re.compile(r"[0-9!{}<>=/\\*]")


def _date(text: str) -> str | None:
    """``"080401"`` (YYMMDD: years before 30 are 20xx) or ``"20080401"`` -> ISO date."""
    text = text.strip()
    if not text.isdigit():
        return None
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year < 30 else 1900 + year}{text[2:]}"
    if len(text) != 8:
        return None
    try:
        return _dt.date(int(text[:4]), int(text[4:6]), int(text[6:8])).isoformat()
    except ValueError:
        return None


def parse_codes(text: str) -> list[tuple[str, str | None, str | None]]:
    """Every ``[CODE dates]`` group of a line: ``(code, from, until)``.

    >>> parse_codes("[RUSGOV 910710-991231] [RUSELI]")
    [('RUSGOV', '1991-07-10', '1999-12-31'), ('RUSELI', None, None)]
    >>> parse_codes("[CHNGOV >080401]")
    [('CHNGOV', '2008-04-01', None)]
    """
    out = []
    for group in _CODE.findall(text):
        parts = group.split()
        if not parts or not re.fullmatch(r"[A-Z]{3,15}", parts[0]):
            continue  # "[---]", "[~COP]" (an agent), a typo
        start = until = None
        if len(parts) > 1:
            span = parts[1]
            if span.startswith(">"):
                start = _date(span[1:])
            elif span.startswith("<"):
                until = _date(span[1:])
            elif "-" in span:
                lo, _, hi = span.partition("-")
                start, until = _date(lo), _date(hi)
        out.append((parts[0], start, until))
    return out


def parse_blocks(lines: Iterable[str]) -> Iterator[tuple[list[str], list[tuple[str, str | None, str | None]]]]:
    """Yield ``(names, codes)`` per block of a TABARI actor file.

    A block is a run of name lines (the first one, ``+`` synonyms, and further names written
    without ``+``) followed by its code lines; codes written on a name line belong to it too.
    A name after ``+`` synonyms that had no codes starts a new block: the synonyms' block
    (a country's cities listed after its codes) is left out.
    """
    names: list[str] = []
    codes: list[tuple[str, str | None, str | None]] = []
    synonyms = False  # the block has "+" lines
    for raw in lines:
        line = raw.split("#", 1)[0].replace("\t", " ").replace("|", " ").rstrip()
        if not line.strip():
            if names and codes:
                yield names, codes
            names, codes, synonyms = [], [], False
            continue
        stripped = line.strip()
        if stripped.startswith("["):
            if names:  # codes with no name before them are dropped
                codes.extend(parse_codes(stripped))
            continue
        plus = stripped.startswith("+")
        if codes and not plus:  # a new name after codes starts a new block
            yield names, codes
            names, codes, synonyms = [], [], False
        elif names and not plus and synonyms:
            names = []  # a block of synonyms with no codes ("SHENZHEN_" +...) is left out
        synonyms = plus or (synonyms and bool(names))
        name, _, rest = stripped.partition("[")
        name = name.strip().lstrip("+").strip()
        if name:
            names.append(name)
        if rest:
            codes.extend(parse_codes("[" + rest))
    if names and codes:
        yield names, codes


def _words(raw: str) -> list[str]:
    return [w for w in re.split(r"[_ ]+", raw.strip("_ ")) if w]


def _display(word: str) -> str:
    """``"YELTSIN"`` -> ``"Yeltsin"``; ``"MCCAIN"`` -> ``"McCain"``; ``"O'NEILL"`` -> ``"O'Neill"``."""
    if _ABBREVIATION.fullmatch(word):
        return word  # "U.S.", "J.P.": letters with their dots stay capitals
    parts = re.split(r"([-'’])", word)
    out = []
    for i, part in enumerate(parts):
        if part in ("-", "'", "’") or not part:
            out.append(part)
            continue
        if i >= 2 and parts[i - 1] in "'’" and len(parts[i - 2]) > 1:
            out.append(part.lower())  # "PEOPLE'S" -> "People's"
            continue
        text = part[:1] + part[1:].lower()
        if text.startswith("Mc") and len(text) > 3:
            text = "Mc" + text[2].upper() + text[3:]
        out.append(text)
    return "".join(out)


def _is_acronym(word: str) -> bool:
    return 2 <= len(word.replace(".", "")) <= 6 and word.replace(".", "").isalpha()


def _clean(raw: str) -> tuple[list[str], str | None]:
    """Split a raw dictionary name into words and an acronym written in parentheses."""
    acronym = None
    found = re.search(r"\(([A-Z.]{2,8})\)", raw)
    if found:
        acronym = found.group(1)
        raw = raw[: found.start()] + raw[found.end() :]
    return _words(raw.replace("(", " ").replace(")", " ")), acronym


def display_names(words: list[str]) -> list[str]:
    """The ways a dictionary name is written in text, best first.

    >>> display_names(["BAN", "KI-MOON"])
    ['Ban Ki-Moon', 'Ban Ki-moon']
    >>> display_names(["BASHAR", "AL-ASSAD"])
    ['Bashar Al-Assad', 'Bashar al-Assad']
    """
    plain = [_display(w) if i == 0 or w.lower() not in _CONNECTIVES else w.lower() for i, w in enumerate(words)]
    forms = [" ".join(plain)]
    # "al-Assad", "bin Laden", "Ki-moon": particles in lower case, the second part of a
    # hyphenated given name too
    variant = []
    for i, word in enumerate(plain):
        head, sep, tail = word.partition("-")
        if i > 0 and word.lower() in _PARTICLES:
            word = word.lower()
        elif sep and head.lower() in _PARTICLES:
            word = head.lower() + "-" + tail
        elif sep and i > 0 and len(head) <= 4 and tail and "-" not in tail:
            word = head + "-" + tail.lower()
        variant.append(word)
    joined = " ".join(variant)
    if joined not in forms:
        forms.append(joined)
    return forms


def _kind(names: list[str], codes: list[tuple[str, str | None, str | None]], source: str) -> str | None:
    """person, organisation or group; ``None`` for a state or place (the gazetteer has those)."""
    if all(len(code) == 3 for code, _, _ in codes) and source == "country":
        return None  # "AFGHANISTAN_ [AFG]", its cities and provinces
    first = _words(names[0].upper())
    if source == "nonstate":
        return "group"
    if any(w in _BODY_WORDS for w in first):
        return "organisation"
    dated = any(start or until for _, start, until in codes)
    if source == "country" and (dated or 2 <= len(first) <= 4):
        return "person"
    if source == "international" and dated and 2 <= len(first) <= 4:
        return "person"
    return "organisation"


def derive(folder: str | Path) -> list[str]:
    """Read the three actor dictionaries in *folder*; return the lines of ``actors.tsv``.

    Columns: kind, dictionary (country, international, nonstate), name as written in text,
    other names (``|``-separated; one-word ones are a person's short names), acronyms,
    CAMEO codes (``CODE:from:until`` with empty bounds, ``|``-separated).
    """
    folder = Path(folder)
    rows: dict[tuple[str, str], list[Any]] = {}
    for file_name, source in FILES.items():
        path = folder / file_name
        with path.open(encoding="utf-8", errors="replace") as handle:
            for names, codes in parse_blocks(handle):
                kind = _kind(names, codes, source)
                if kind is None:
                    continue
                displayed: list[str] = []
                acronyms: list[str] = []
                # a name of generic words is kept when the block gives it an acronym ("PLA")
                named = any(
                    (len(_words(n)) == 1 and _is_acronym(_words(n)[0]) and len(_words(n)[0]) >= 3) or "(" in n
                    for n in names
                )
                for raw in names:
                    if _FORBIDDEN.search(raw):
                        continue
                    words, acronym = _clean(raw.upper())
                    if acronym:
                        acronyms.append(acronym)
                    if not words:
                        continue
                    if kind == "person" and any(p in _TITLE_WORDS for w in words for p in re.split("[-.]", w)):
                        continue  # "PRESIDENT_YELTSIN": the tagger reads titles itself
                    if (
                        len(words) == 1
                        and _is_acronym(words[0])
                        and kind != "person"
                        and words[0].isupper()
                        and len(words[0]) <= 5
                    ):
                        acronyms.append(words[0])
                        continue
                    if kind != "person" and all(w in _GENERIC for w in words) and not named:
                        continue  # "MINISTRY_OF_DEFENSE": no country in the words
                    if kind == "organisation" and source == "international" and len(words) == 1:
                        continue  # "Abaxis", "Target": one word of a company list is too often a word
                    displayed.extend(display_names(words))
                displayed = list(dict.fromkeys(displayed))
                full = [n for n in displayed if " " in n] if kind == "person" else displayed
                if not full:
                    continue
                code_text = "|".join(f"{c}:{s or ''}:{u or ''}" for c, s, u in dict.fromkeys(codes))
                key = (kind, full[0])
                if key in rows:  # the same name twice: one actor, codes joined
                    rows[key][5] += "|" + code_text
                    continue
                rows[key] = [
                    kind,
                    source,
                    full[0],
                    "|".join(n for n in displayed if n != full[0]),
                    "|".join(a for a in dict.fromkeys(acronyms) if len(a.replace(".", "")) > 2),
                    code_text,
                ]
    header = [
        f"# Derived from the PETRARCH2 actor dictionaries ({SOURCE}, petrarch2/data/dictionaries/),",
        "# MIT licence: Copyright (c) 2014 Open Event Data Alliance (see LICENSE beside this file).",
        "# Rebuild: geotext gazetteer derive-petrarch PATH/TO/dictionaries",
        "# kind\tdictionary\tname\tother names\tacronyms\tcameo codes (CODE:from:until)",
    ]
    return header + ["\t".join(row) for row in sorted(rows.values(), key=lambda r: (r[1], r[0], r[2]))]


def read_derived(path: str | Path | None = None) -> list[dict[str, Any]]:
    """Read ``actors.tsv`` into records (kind, source, name, names, acronyms, cameo)."""
    source = Path(path) if path is not None else Path(str(DERIVED))
    records = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        kind, dictionary, name, others, acronyms, codes = line.split("\t")
        cameo = []
        for item in codes.split("|"):
            code, start, until = item.split(":")
            cameo.append({"code": code, "from": start or None, "until": until or None})
        records.append(
            {
                "kind": kind,
                "source": dictionary,
                "name": name,
                "names": [n for n in others.split("|") if n],
                "acronyms": [a for a in acronyms.split("|") if a],
                "cameo": cameo,
            }
        )
    return records


def version() -> str:
    """The derived file's version: the source commit, short."""
    return "petrarch2." + SOURCE.rsplit("@", 1)[1][:7]


def _country(cameo: list[dict[str, Any]], countries: frozenset[str]) -> str | None:
    """The state an actor belongs to: that of its open-ended code, else its latest, else any."""
    best = None
    for item in cameo:
        prefix = item["code"][:3]
        if prefix not in countries:
            continue
        rank = (item["until"] is None and item["from"] is not None, item["until"] or item["from"] or "")
        if best is None or rank > best[0]:
            best = (rank, prefix)
    return best[1] if best else None


def add_actors(builder: Any, slugify: Any, countries: frozenset[str], path: str | Path | None = None) -> int:
    """Add the derived actors to a gazetteer builder; return how many entities were added.

    A record whose normalised name (and country, for people) matches an entity already
    built (the curated officials, organisations and groups) adds its CAMEO codes to that
    entity instead of a second entity.
    """
    by_name: dict[tuple[str, str | None], int] = {}
    for index, entity in enumerate(builder.entities):
        if entity["kind"] in ("person", "organisation", "group"):
            by_name.setdefault(
                (slugify(entity["name"]), entity.get("country") if entity["kind"] == "person" else None), index
            )
    for surface, index, form, _ in builder.names:
        if form in ("name", "alias", "acronym") and builder.entities[index]["kind"] in ("organisation", "group"):
            by_name.setdefault((slugify(surface), None), index)
    places = {
        surface for surface, index, _, _ in builder.names if builder.entities[index]["kind"] in ("state", "place")
    }
    # names of states and of places larger than a town ("Puerto Rico", "Indian Ocean", "Isle
    # of Man"): the dictionaries code some territories as persons; the place record stands
    territories = {
        surface
        for surface, index, _, _ in builder.names
        if builder.entities[index]["kind"] == "state"
        or builder.entities[index].get("attributes", {}).get("feature", "city") != "city"
    }
    added = 0
    for record in read_derived(path):
        country = _country(record["cameo"], countries)
        kind = record["kind"]
        if kind == "person" and record["name"] in territories:
            continue
        key = (slugify(record["name"]), country if kind == "person" else None)
        existing = by_name.get(key)
        if existing is None and kind != "person":
            for acronym in record["acronyms"]:
                existing = by_name.get((slugify(acronym), None))
                if existing is not None:
                    break
        if existing is not None:
            known = builder.entities[existing].get("country")
            if known is None or country is None or known == country:
                attributes = builder.entities[existing].setdefault("attributes", {})
                attributes.setdefault("cameo", record["cameo"])
            continue  # the curated entity stands; a namesake of another country is left out
        namespace = {"person": "person", "group": "group"}.get(kind, "org")
        entity_id = f"{namespace}:{slugify(record['name'])}"
        if entity_id in builder.index:
            entity_id = f"{entity_id}-{(country or record['cameo'][0]['code'][:3]).lower()}"
            if entity_id in builder.index:
                continue
        index = builder.add(
            {
                "id": entity_id,
                "kind": kind,
                "name": record["name"],
                "country": country,
                "attributes": {"cameo": record["cameo"], "source": "petrarch2"},
            }
        )
        by_name[key] = index
        added += 1
        builder.name(record["name"], index, "name", "name")
        full_words = set(record["name"].split())
        for other in record["names"]:
            if other in places:
                continue  # "Sarajevo", "American" among a person's names: the place stands
            if kind == "person" and " " not in other:
                # a surname of the full name, not a short given name or a stray word
                if len(other) >= 5 and other in full_words:
                    builder.name(other, index, "short_name", "name")
            else:
                builder.name(other, index, "alias", "name")
        for acronym in record["acronyms"]:
            builder.name(acronym, index, "acronym", "exact")
    return added


def write_derived(folder: str | Path, path: str | Path | None = None) -> int:
    """Derive the actors from the dictionaries in *folder* and write them (to the package's
    ``data/petrarch/actors.tsv`` by default); return how many actors were written."""
    target = Path(path) if path is not None else Path(str(DERIVED))
    target.parent.mkdir(parents=True, exist_ok=True)
    lines = derive(folder)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sum(not line.startswith("#") for line in lines)
