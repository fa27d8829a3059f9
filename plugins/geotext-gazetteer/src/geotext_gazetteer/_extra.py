"""Users' own entries: a CSV or JSON file of extra entities and aliases.

Columns (CSV) or keys (JSON objects in a list):

``id``
    required; an existing id (``iso:MNG``, ``igo:SCO``) adds aliases to it, a new id
    (``org:acme-council``, ``place:my-village``) adds an entity.
``kind``
    required for a new entity: state, place, organisation, person, initiative or group.
``name``
    the canonical name (new entities; defaults to the first alias).
``aliases``, ``acronyms``
    more names; ``|``-separated in CSV, lists in JSON. Acronyms match only as written.
``country``, ``lat``, ``lon``, ``wikidata``, ``geonames``, ``population``, ``office``
    optional facts.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from typing import Any

from geotext.exceptions import ConfigError

_KINDS = {"state", "place", "organisation", "person", "initiative", "group"}
_ID = re.compile(r"^[a-z][a-z0-9_.-]*:[^\s:][^\s]*$")


def read_extra_entries(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Read and check a file of extra entries.

    Returns:
        One dict per entry with ``id``, ``kind``, ``name``, ``aliases``, ``acronyms`` and the
        optional facts.

    Raises:
        ConfigError: the file cannot be read, or an entry is malformed; the message names
            the file and the record (1-based row or item number).
    """
    source = Path(path)
    try:
        raw = source.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"gazetteer extra_entries {source}: cannot read: {exc}") from None
    if source.suffix.lower() == ".json":
        try:
            items = json.loads(raw)
        except ValueError as exc:
            raise ConfigError(f"gazetteer extra_entries {source}: not JSON: {exc}") from None
        if isinstance(items, dict) and isinstance(items.get("entries"), list):
            items = items["entries"]
        if not isinstance(items, list):
            raise ConfigError(f"gazetteer extra_entries {source}: expected a list of objects")
    elif source.suffix.lower() in (".csv", ".tsv"):
        dialect = "excel-tab" if source.suffix.lower() == ".tsv" else "excel"
        items = list(csv.DictReader(io.StringIO(raw), dialect=dialect))
    else:
        raise ConfigError(f"gazetteer extra_entries {source}: use a .csv, .tsv or .json file")
    return [_check(item, source, number) for number, item in enumerate(items, start=1)]


def _names(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split("|") if part.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    raise ValueError("must be a string or a list of strings")


def _check(item: Any, source: Path, number: int) -> dict[str, Any]:
    where = f"gazetteer extra_entries {source} record {number}"
    if not isinstance(item, dict):
        raise ConfigError(f"{where}: expected an object")
    entity_id = str(item.get("id") or "").strip()
    if not _ID.match(entity_id):
        raise ConfigError(f"{where}: id {entity_id!r} must be namespaced, like 'org:acme-council'")
    kind = str(item.get("kind") or "").strip() or None
    if kind is not None and kind not in _KINDS and ":" not in kind:
        raise ConfigError(f"{where}: kind {kind!r} must be one of {sorted(_KINDS)}")
    try:
        aliases = _names(item.get("aliases"))
        acronyms = _names(item.get("acronyms"))
    except ValueError as exc:
        raise ConfigError(f"{where}: aliases/acronyms {exc}") from None
    name = str(item.get("name") or "").strip() or None
    entry: dict[str, Any] = {"id": entity_id, "kind": kind, "name": name, "aliases": aliases, "acronyms": acronyms}
    for key in ("country", "wikidata", "geonames", "office"):
        value = item.get(key)
        if value not in (None, ""):
            entry[key] = str(value).strip()
    if entry.get("country") and not re.fullmatch(r"[A-Z]{3}", entry["country"]):
        raise ConfigError(f"{where}: country {entry['country']!r} must be an ISO 3166 alpha-3 code")
    try:
        if item.get("lat") not in (None, "") or item.get("lon") not in (None, ""):
            lat, lon = float(item["lat"]), float(item["lon"])
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError("out of range")
            entry["coordinates"] = [lat, lon]
        if item.get("population") not in (None, ""):
            entry["population"] = int(item["population"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: lat/lon/population: {exc}") from None
    if not name and not aliases and not acronyms:
        raise ConfigError(f"{where}: give a name, aliases or acronyms")
    return entry
