"""Refresh the officials file from a Wikidata export (a SPARQL JSON result saved to a file).

The export needs one row per position held, with these variables (the query in the README
produces them): ``person`` (entity URI or QID), ``personLabel``, ``iso3`` (the country's
ISO 3166 alpha-3 code), ``positionLabel`` (such as "Premier of the People's Republic of
China"), ``start`` and optionally ``end`` (ISO dates or datetimes). A plain JSON list of
objects with the same keys is read too.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from pathlib import Path
from typing import Any

from geotext.exceptions import ConfigError

from ._build import CURATED, slugify

# (pattern over the position label, office title as written in news, role); first match wins
_POSITIONS = [
    (r"secretary of state for foreign|foreign secretary", "Foreign Secretary", "foreign_minister"),
    (r"secretary of state", "Secretary of State", "foreign_minister"),
    (r"external affairs", "External Affairs Minister", "foreign_minister"),
    (r"foreign (?:affairs|minister)|minister for foreign", "Foreign Minister", "foreign_minister"),
    (r"\bpremier\b", "Premier", "head_of_government"),
    (r"prime minister", "Prime Minister", "head_of_government"),
    (r"chancellor", "Chancellor", "head_of_government"),
    (r"supreme leader", "Supreme Leader", "head_of_state"),
    (r"\bpresident\b", "President", "head_of_state"),
    (r"\bking\b|monarch", "King", "head_of_state"),
]


def _value(row: dict[str, Any], key: str) -> str | None:
    item = row.get(key)
    if isinstance(item, dict):
        item = item.get("value")
    return str(item).strip() if item not in (None, "") else None


def _date(value: str | None, where: str) -> str | None:
    if value is None:
        return None
    try:
        return _dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        raise ConfigError(f"{where}: not a date: {value!r}") from None


def read_export(path: str | Path) -> list[dict[str, Any]]:
    """Read a Wikidata export into official records (name, country, role, office, dates, QID).

    Raises:
        ConfigError: the file is not a readable export; the message names the file and row.
    """
    source = Path(path)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{source}: cannot read the Wikidata export: {exc}") from None
    rows = data.get("results", {}).get("bindings") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise ConfigError(f"{source}: expected SPARQL JSON results or a list of rows")
    records = []
    for number, row in enumerate(rows, start=1):
        where = f"{source} row {number}"
        if not isinstance(row, dict):
            raise ConfigError(f"{where}: expected an object")
        person, name = _value(row, "person"), _value(row, "personLabel") or _value(row, "name")
        iso3, position = _value(row, "iso3"), _value(row, "positionLabel") or _value(row, "office")
        if not (person and name and iso3 and position):
            raise ConfigError(f"{where}: needs person, personLabel, iso3 and positionLabel")
        if not re.fullmatch(r"[A-Z]{3}", iso3):
            raise ConfigError(f"{where}: iso3 {iso3!r} is not an ISO 3166 alpha-3 code")
        qid = person.rsplit("/", 1)[-1]
        if not re.fullmatch(r"Q\d+", qid):
            raise ConfigError(f"{where}: person {person!r} is not a Wikidata entity")
        tracked = next(
            ((office, role) for pattern, office, role in _POSITIONS if re.search(pattern, position, re.I)), None
        )
        if tracked is None:
            continue  # a position this gazetteer does not track
        office, role = tracked
        start = _date(_value(row, "start"), where)
        if start is None:
            raise ConfigError(f"{where}: needs a start date")
        record = {"name": name, "country": iso3, "role": role, "office": office, "start": start, "wikidata": qid}
        end = _date(_value(row, "end"), where)
        if end:
            record["end"] = end
        records.append(record)
    return records


def refresh_officials(
    export: str | Path, officials_path: str | Path | None = None, version: str | None = None
) -> dict[str, int]:
    """Merge a Wikidata export into the officials file; return counts of updated and added terms.

    A term is the same when person (QID, else name), country and role match and the start
    dates are within 31 days; its QID and end date are then taken from the export.
    """
    records = read_export(export)
    target = Path(officials_path) if officials_path is not None else Path(str(CURATED / "officials.json"))
    try:
        document = json.loads(target.read_text(encoding="utf-8"))
        officials: list[dict[str, Any]] = document["officials"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{target}: cannot read the officials file: {exc}") from None
    updated = added = 0
    for record in records:
        match = None
        for official in officials:
            same_person = official.get("wikidata") == record["wikidata"] or slugify(official["name"]) == slugify(
                record["name"]
            )
            if (
                same_person
                and official.get("country") == record["country"]
                and official["role"] == record["role"]
                and abs((_dt.date.fromisoformat(official["start"]) - _dt.date.fromisoformat(record["start"])).days)
                <= 31
            ):
                match = official
                break
        if match is None:
            officials.append(record)
            added += 1
            continue
        changed = False
        for key in ("wikidata", "end"):
            if record.get(key) and match.get(key) != record[key]:
                match[key] = record[key]
                changed = True
        updated += changed
    officials.sort(key=lambda o: (o.get("country") or o.get("organisation", ""), o["role"], o["start"]))
    document["version"] = version or _dt.date.today().strftime("%Y.%m.%d")
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(target)
    return {"updated": updated, "added": added, "total": len(officials)}
