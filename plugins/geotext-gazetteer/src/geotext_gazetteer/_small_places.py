"""The small-places table: GeoNames names the main data leaves out, for the places the model finds.

The main data keeps a town of under 15,000 people only where it holds the town's
first-order division (a US state, a Canadian province), so that the hamlets that share a
surname's spelling stay out of the dictionary scan; and it keeps a city's alternate names
only from 200,000 people. A place the learned recogniser reads in an Irish, Syrian or
Nigerian story ("Nenagh", "Douma") was therefore a place without a point.

The build writes the rest of GeoNames' towns from 1,000 people, and the alternate names of
the cities of 15,000 to 200,000 people that the data holds, beside the data file
(``data/gazetteer.small_places.tsv.gz``; see :func:`geotext_gazetteer._build.small_places`).
The tagger looks a name up here only where the model reads a place that no data record
names. The table is read on the first look-up, kept as one ``bytes`` object (about 6 MB,
not a dictionary of tens of MB) and searched by bisection over its sorted lines.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from ._places import distance_km


class SmallPlace(NamedTuple):
    """One line of the table.

    Args:
        name: the name looked up.
        geonames: the GeoNames id.
        coordinates: ``(lat, lon)``, or ``None`` where the main data holds the place (an
            alternate name of a city it has).
        country: ISO 3166 alpha-3, or ``None`` with the main data's record.
        population: GeoNames' population, or ``None`` with the main data's record.
    """

    name: str
    geonames: str
    coordinates: tuple[float, float] | None
    country: str | None
    population: int | None


class SmallPlaces:
    """The table at *path* (a gzipped, sorted, tab-separated file), read on first use.

    A missing or unreadable file is an empty table: data built elsewhere may have none.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lines: bytes | None = None

    def _read(self) -> bytes:
        if self._lines is None:
            try:
                with gzip.open(self.path, "rb") as handle:
                    lines = handle.read()
                lines.decode("utf-8")  # checked once, so that a look-up cannot fail on it
            except (OSError, EOFError, zlib.error, UnicodeDecodeError):
                lines = b""
            if lines and not lines.endswith(b"\n"):
                lines += b"\n"
            self._lines = lines
        return self._lines

    def lookup(self, name: str) -> list[SmallPlace]:
        """Every line of *name*, in the table's order."""
        if not name or "\t" in name or "\n" in name:
            return []
        lines = self._read()
        key = name.encode("utf-8", "surrogatepass") + b"\t"
        # bisection over line starts: the first line not below the key
        lo, hi = 0, len(lines)
        while lo < hi:
            start = lines.rfind(b"\n", 0, (lo + hi) // 2) + 1
            end = lines.find(b"\n", start)
            if lines[start:end] < key:
                lo = end + 1
            else:
                hi = start
        found = []
        while lines.startswith(key, lo):
            end = lines.find(b"\n", lo)
            found.append(_parse(lines[lo:end].decode("utf-8")))
            lo = end + 1
        return found

    def choose(
        self, name: str, countries: Mapping[str, int], held_country: Mapping[str, str | None]
    ) -> SmallPlace | None:
        """The line a place the model found takes from the table, or ``None``.

        Args:
            name: the name as written.
            countries: ISO3 codes of the countries the article names, with how often.
            held_country: the country of each GeoNames id the main data holds (for the
                lines that name one of its records).

        Returns:
            The place in a country the article names: the most named country first, then
            the record the main data holds, then the most populous. Where the article names
            no country, the one place of that name (lines within
            :data:`SAME_PLACE_KM` km of each other in one country are one place, as GeoNames
            has some twice), or the one record the main data holds among them. Else
            ``None``: a name shared by places the article gives no country for, or one of a
            country the article does not name ("a suburb of Springfield, Illinois"), is
            left without a point rather than guessed.
        """
        found = self.lookup(name)
        if not found:
            return None
        country = {place.geonames: place.country or held_country.get(place.geonames) for place in found}
        if countries:
            local = [place for place in found if country[place.geonames] in countries]
            if not local:
                return None
            return max(
                local,
                key=lambda p: (countries[country[p.geonames] or ""], p.coordinates is None, p.population or 0),
            )
        held = [place for place in found if place.coordinates is None]
        if len(held) == 1:
            return held[0]
        first = found[0]
        if all(_same_place(first, place, country) for place in found[1:]):
            return max(found, key=lambda p: p.population or 0)
        return None


#: lines of one country this close (in km) name one place: GeoNames holds some towns twice
SAME_PLACE_KM = 25.0


def _same_place(a: SmallPlace, b: SmallPlace, country: Mapping[str, str | None]) -> bool:
    if a.geonames == b.geonames:
        return True
    if a.coordinates is None or b.coordinates is None or country[a.geonames] != country[b.geonames]:
        return False
    return distance_km(*a.coordinates, *b.coordinates) <= SAME_PLACE_KM


def _parse(line: str) -> SmallPlace:
    name, geonames, lat, lon, country, population = line.split("\t")
    if not lat:
        return SmallPlace(name, geonames, None, None, None)
    return SmallPlace(name, geonames, (float(lat), float(lon)), country, int(population))
