"""Classify the gazetteer's toponym errors on GeoWebNews: what it misses, what it finds
with the wrong boundaries, and what it resolves to the wrong place.

Usage (from the repository root, with the project's virtualenv)::

    .venv/bin/python plugins/geotext-gazetteer/tools/place_errors.py
    .venv/bin/python plugins/geotext-gazetteer/tools/place_errors.py --show missed:admin_unit --limit 40

Scored as ``bench/evaluate.py`` scores GeoWebNews (exact spans of the toponym types of
Gritta et al. 2019; Demonym, Language, *_Expression, Non_Toponym and Homonym are not
toponyms there), through the public API with every installed plugin. Each gold toponym
falls in one outcome: ``found`` (a place or state at exactly its span), ``boundary`` (a
place or state overlapping it, not exactly), ``missed`` (nothing geographic on it); each
found toponym with gold coordinates is ``resolved`` or ``misresolved`` (161 km). A missed
span is given a class from its words (see :func:`span_class`). Nothing is written: the
evaluation texts stay in ``../shared``.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import geotext

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "geowebnews" / "geowebnews.jsonl"
# the scorer's own definitions, so the classes add up to bench/evaluate.py's figures
sys.path.insert(0, str(ROOT / "bench"))
from evaluate import CONLL_SKIPPED_FORMS as SKIPPED_FORMS  # noqa: E402
from evaluate import GEO_KINDS  # noqa: E402
from evaluate import GWN_TOPONYM_TYPES as TOPONYM_TYPES  # noqa: E402

_HEADS = {
    "admin_unit": r"County|Counties|Province|District|Parish|Prefecture|Region|State|Territory|Borough|Township"
    r"|Municipality|Governorate|Oblast|Department|Canton|Shire|Emirate|Republic",
    "street": r"Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Boulevard|Blvd\.?|Lane|Drive|Highway|Way|Square|Place"
    r"|Plaza|Court|Parkway|Freeway|Interstate|Route|Pike|Trail|Terrace|Crescent|Row|Alley",
    "facility": r"Airport|Hospital|Station|Bridge|Stadium|Park|Center|Centre|Hall|Church|Cathedral|Mosque|Temple"
    r"|University|College|School|Port|Harbou?r|Base|Prison|Palace|Museum|Building|Tower|Market|Mall|Hotel"
    r"|Arena|Field|Garden|Gardens|Zoo|Library|Dam|Tunnel|Pier|Terminal|Camp|Cemetery",
    "natural": r"River|Lake|Lakes|Mountains?|Mount|Mt\.?|Sea|Ocean|Bay|Gulf|Island|Islands|Valley|Desert|Peninsula"
    r"|Coast|Creek|Strait|Channel|Canyon|Falls|Forest|Hills?|Beach|Range|Basin|Delta|Glacier|Volcano|Peak",
}
_HEAD_RES = {name: re.compile(rf"(?:^|\s)(?:{pattern})(?:\s|$)") for name, pattern in _HEADS.items()}
_LEAD_RES = {
    "natural": re.compile(r"^(?:Mount|Mt\.?|Lake|Gulf of|Sea of|Bay of|Isle of|Cape)\s"),
    "admin_unit": re.compile(r"^(?:County|Province|State|Republic|Region|Prefecture) of\s"),
    "facility": re.compile(r"^(?:Port|Fort|Camp|University of)\s"),
}
_COMPASS = re.compile(r"^(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|Upper|Lower)(?:ern)?\s")


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def span_class(name: str) -> str:
    """A missed span's class, from its words: a place head noun before or after the name
    (admin unit, street, facility, natural feature), a compass-qualified region, an
    abbreviation, a lower-case word, else a plain name (a town, region or a name the
    gazetteer holds under another spelling)."""
    for kind, pattern in _LEAD_RES.items():
        if pattern.search(name):
            return kind
    for kind, pattern in _HEAD_RES.items():
        if pattern.search(name):
            return kind
    if _COMPASS.search(name):
        return "compass_region"
    if name.isupper() and len(name) <= 5:
        return "abbreviation"
    if name[:1].islower():
        return "lower_case"
    return "multi_word_name" if " " in name else "single_word_name"


def _km(a: Sequence[float], b: Sequence[float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def analyse(path: Path, config: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every gold toponym's outcome, with the class of each miss."""
    pipeline = geotext.Pipeline(config=config or {})
    outcomes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    spurious: list[dict[str, Any]] = []
    for record in read_jsonl(path):
        text = record["text"]
        analysis = pipeline.analyze(geotext.Article(text=text))
        geo = [
            (m.start, m.end, e) for m, e in analysis.mentions() if e.kind in GEO_KINDS and m.form not in SKIPPED_FORMS
        ]
        gold = [t for t in record["toponyms"] if t.get("span_ok", True)]
        gold_spans = {(t["start"], t["end"]) for t in gold if t["type"] in TOPONYM_TYPES}
        for start, end, entity in geo:
            if (start, end) not in gold_spans:
                spurious.append({"doc": record["id"], "span": text[start:end], "id": entity.id})
        for toponym in gold:
            if toponym["type"] not in TOPONYM_TYPES:
                continue
            start, end = toponym["start"], toponym["end"]
            name = text[start:end]
            exact = [e for s, t, e in geo if s == start and t == end]
            overlapping = [(s, t, e) for s, t, e in geo if s < end and start < t]
            row = {"doc": record["id"], "span": name, "type": toponym["type"]}
            if exact:
                outcome = "found"
                if "lat" in toponym:
                    points = sorted((e for e in exact if e.coordinates), key=lambda e: e.kind != "place")
                    if points:
                        point = (points[0].coordinates.lat, points[0].coordinates.lon)
                        distance = _km(point, (toponym["lat"], toponym["lon"]))
                        row.update(id=points[0].id, km=round(distance))
                        outcomes["resolved" if distance <= 161 else "misresolved"].append(row)
                    else:
                        row["id"] = exact[0].id
                        outcomes["no_coordinates"].append(row)
            elif overlapping:
                outcome = "boundary"
                row["found"] = [text[s:t] for s, t, _ in overlapping]
            else:
                outcome = "missed"
                row["class"] = span_class(name)
            outcomes[outcome].append(row)
    return {"outcomes": outcomes, "spurious": spurious}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="geowebnews.jsonl")
    parser.add_argument("--config", type=Path, help="JSON file of plugin settings keyed by plugin name")
    parser.add_argument(
        "--show", action="append", default=[], help="list rows: an outcome, or missed:<class> (repeatable)"
    )
    parser.add_argument("--limit", type=int, default=30, help="rows listed per --show (default 30)")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"place_errors: error: no such file {args.data}", file=sys.stderr)
        return 2
    config = json.loads(args.config.read_text(encoding="utf-8")) if args.config else None
    result = analyse(args.data, config)
    outcomes = result["outcomes"]
    total = sum(len(outcomes[k]) for k in ("found", "boundary", "missed"))
    print(f"gold toponyms {total}; spurious predictions {len(result['spurious'])}")
    for key in ("found", "boundary", "missed", "resolved", "misresolved", "no_coordinates"):
        print(f"  {key:15} {len(outcomes[key]):5}")
    print("missed, by class (distinct spans in brackets):")
    by_class = Counter(row["class"] for row in outcomes["missed"])
    for name, count in by_class.most_common():
        distinct = len({row["span"] for row in outcomes["missed"] if row["class"] == name})
        print(f"  {name:18} {count:5} ({distinct})")
    for show in args.show:
        outcome, _, cls = show.partition(":")
        rows = [r for r in outcomes.get(outcome, []) if not cls or r.get("class") == cls]
        if outcome == "spurious":
            rows = result["spurious"]
        print(f"\n{show}: {len(rows)}")
        for row, count in Counter(
            json.dumps({k: v for k, v in r.items() if k not in ("doc", "type")}, ensure_ascii=False, sort_keys=True)
            for r in rows
        ).most_common(args.limit):
            print(f"  {count:3} {row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
