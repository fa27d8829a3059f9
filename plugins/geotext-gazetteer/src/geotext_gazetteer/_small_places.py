"""The small-places table: GeoNames names the main data leaves out, for the places the model finds.

The main data keeps a town of under 15,000 people only where it holds the town's
first-order division (a US state, a Canadian province), so that the hamlets that share a
surname's spelling stay out of the dictionary scan; and it keeps a city's alternate names
only from 200,000 people. A place the learned recogniser reads in an Irish, Syrian or
Nigerian story ("Nenagh", "Douma") was therefore a place without a point.

The build writes the rest of GeoNames' towns from 1,000 people, and the alternate names of
the cities from 15,000 people that the data holds, to ``data/small_places.tsv.gz`` (see
:func:`geotext_gazetteer._build.small_places`). The tagger looks a name up here only where
the model reads a place that no data record names. The table is read on the first look-up,
kept as one ``bytes`` object (a few MB, not a dictionary of tens of MB) and searched by
bisection over its sorted lines.
"""

from __future__ import annotations

import gzip
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple


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
                    self._lines = handle.read()
            except (OSError, EOFError):
                self._lines = b""
        return self._lines

    def lookup(self, name: str) -> list[SmallPlace]:
        """Every line of *name*, in the table's order."""
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
            countries: ISO3 codes of the countries the article names (the most named
                first wins among several of them).
            held_country: the country of each GeoNames id the main data holds (for the
                lines that name one of its records).

        Returns:
            The place in a country the article names, the most populous first; else the
            one place of that name; else ``None`` (a name shared by places in countries the
            article does not name is left without a point rather than guessed).
        """
        found = self.lookup(name)
        if not found:
            return None
        ids = {place.geonames for place in found}
        country = {place.geonames: place.country or held_country.get(place.geonames) for place in found}
        local = [place for place in found if country[place.geonames] in countries]
        if local:
            best = max(local, key=lambda p: (countries[country[p.geonames] or ""], p.population or 0))
            return best
        if len(ids) == 1:
            return found[0]
        return None


def _parse(line: str) -> SmallPlace:
    name, geonames, lat, lon, country, population = line.split("\t")
    if not lat:
        return SmallPlace(name, geonames, None, None, None)
    return SmallPlace(name, geonames, (float(lat), float(lon)), country, int(population))
