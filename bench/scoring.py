"""Metric functions of the evaluation harness (``bench/evaluate.py``).

Pure functions over plain tuples, so each metric can be checked on hand-made cases
(``tests/test_bench_scoring.py``). The definitions are written down in
``bench/README.md``; keep the two in step.

Conventions:

- A ratio with a zero denominator is 0.0 (nothing predicted scores precision 0.0,
  nothing to find scores recall 0.0).
- Items are compared as multisets: an item predicted twice and in the gold once is one
  true positive and one false positive.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

#: Radius of "correct" toponym resolution, after GeoWebNews and most geoparsing papers (100 miles).
RESOLUTION_KM = 161.0

#: Legacy or CAMEO-era country codes seen in the gold data, mapped to ISO 3166 alpha-3.
LEGACY_ISO3 = {
    "JAP": "JPN",
    "ITL": "ITA",
    "VTN": "VNM",
    "ROM": "ROU",
    "ZAR": "COD",
    "TMP": "TLS",
    "UK": "GBR",
    "GMW": "DEU",
    "GER": "DEU",
}


def ratio(numerator: float, denominator: float) -> float:
    """Return ``numerator / denominator``, or 0.0 when the denominator is 0."""
    return numerator / denominator if denominator else 0.0


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """Precision, recall and F1 from counts, with the counts kept for the report."""
    precision = ratio(tp, tp + fp)
    recall = ratio(tp, tp + fn)
    f1 = ratio(2 * precision * recall, precision + recall)
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def multiset_prf(gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> dict[str, float | int]:
    """Exact-match P/R/F1 of two collections of hashable items (multisets).

    Items carry their own document key, such as ``(doc_id, start, end, label)``.
    """
    gold_counts = Counter(gold)
    pred_counts = Counter(predicted)
    tp = sum((gold_counts & pred_counts).values())
    return prf(tp, sum(pred_counts.values()) - tp, sum(gold_counts.values()) - tp)


def accuracy(correct: int, total: int) -> dict[str, float | int]:
    """Accuracy with its counts."""
    return {"accuracy": ratio(correct, total), "correct": correct, "n": total}


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two half-open character ranges share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def location_correct(gold: Sequence[tuple[int, int]], predicted: tuple[int, int] | None) -> bool:
    """Event-location attachment as Halterman (2019) scores it: right when the predicted
    place overlaps a gold place, or when there is neither.

    >>> location_correct([(10, 17)], (10, 17)), location_correct([], None), location_correct([], (1, 2))
    (True, True, False)
    """
    if not gold:
        return predicted is None
    return predicted is not None and any(overlaps(span, predicted) for span in gold)


def overlap_prf(
    gold: Mapping[Hashable, Sequence[tuple[int, int]]],
    predicted: Mapping[Hashable, Sequence[tuple[int, int]]],
) -> dict[str, float | int]:
    """Span-overlap P/R/F1, per document key.

    A predicted span is correct when it shares a character with some gold span of the
    same document (precision); a gold span is found when some predicted span shares a
    character with it (recall). ``tp`` reports the found gold spans.
    """
    matched_pred = total_pred = found_gold = total_gold = 0
    for key in set(gold) | set(predicted):
        gold_spans = gold.get(key, ())
        pred_spans = predicted.get(key, ())
        total_gold += len(gold_spans)
        total_pred += len(pred_spans)
        matched_pred += sum(1 for p in pred_spans if any(overlaps(p, g) for g in gold_spans))
        found_gold += sum(1 for g in gold_spans if any(overlaps(p, g) for p in pred_spans))
    precision = ratio(matched_pred, total_pred)
    recall = ratio(found_gold, total_gold)
    return {
        "precision": precision,
        "recall": recall,
        "f1": ratio(2 * precision * recall, precision + recall),
        "tp": found_gold,
        "fp": total_pred - matched_pred,
        "fn": total_gold - found_gold,
    }


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres on a sphere of radius 6371 km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def resolution_accuracy(
    pairs: Iterable[tuple[tuple[float, float], tuple[float, float] | None]],
    km: float = RESOLUTION_KM,
) -> dict[str, float | int]:
    """Share of gold points whose predicted point lies within *km*.

    Args:
        pairs: ``((gold_lat, gold_lon), (pred_lat, pred_lon) or None)``; ``None``
            (no prediction at the gold span) counts as wrong.
        km: the radius.

    Returns:
        ``accuracy`` over every gold point, ``accuracy_resolved`` over those with a
        prediction, ``n``, ``resolved``, and ``median_km`` of the predicted ones.
    """
    distances: list[float] = []
    total = correct = 0
    for gold, pred in pairs:
        total += 1
        if pred is None:
            continue
        distance = haversine_km(gold[0], gold[1], pred[0], pred[1])
        distances.append(distance)
        correct += distance <= km
    distances.sort()
    median = distances[len(distances) // 2] if distances else None
    return {
        "accuracy": ratio(correct, total),
        "accuracy_resolved": ratio(correct, len(distances)),
        "correct": correct,
        "n": total,
        "resolved": len(distances),
        "median_km": None if median is None else round(median, 1),
    }


def normalise_iso3(code: str | None) -> str | None:
    """Upper-case a country code and map legacy codes (JAP→JPN...) to ISO 3166 alpha-3."""
    if not code:
        return None
    code = code.strip().upper()
    return LEGACY_ISO3.get(code, code)


def field_accuracy(
    gold: Sequence[tuple[Any, ...]],
    predicted: Sequence[tuple[Any, ...]],
    fields: Sequence[str],
) -> dict[str, dict[str, float | int]]:
    """Per-field accuracy of gold tuples against the predicted tuples of the same record.

    Field *i* of a gold tuple is correct when some predicted tuple has the same value at
    *i*. Call it once per record and add the counts with :func:`add_counts`.
    """
    result = {}
    for index, name in enumerate(fields):
        values = {item[index] for item in predicted}
        correct = sum(1 for item in gold if item[index] in values)
        result[name] = accuracy(correct, len(gold))
    return result


def add_counts(total: dict[str, dict[str, Any]], part: Mapping[str, Mapping[str, Any]]) -> None:
    """Add the ``correct``/``n`` counts of *part* into *total* (in place) and recompute accuracy."""
    for name, counts in part.items():
        entry = total.setdefault(name, {"accuracy": 0.0, "correct": 0, "n": 0})
        entry["correct"] += counts["correct"]
        entry["n"] += counts["n"]
        entry["accuracy"] = ratio(entry["correct"], entry["n"])


def gsr_category(plover: str | None, mode: str | None = None, cameo: str | None = None) -> str | None:
    """Map a current PLOVER category to the older names the PLOVER gold records use.

    The gold (2016 draft) says DEMAND where the 2021 table says REQUEST; splits ACCUSE
    into INVESTIGATE (mode ``investigate``) and DISAPPROVE; and calls CAMEO 19-20
    (military force) FIGHT where the table says ASSAULT.
    """
    if not plover:
        return None
    plover = plover.upper()
    if plover == "REQUEST":
        return "DEMAND"
    if plover == "ACCUSE":
        return "INVESTIGATE" if (mode or "").lower() == "investigate" else "DISAPPROVE"
    if plover == "ASSAULT" and cameo and cameo[:2] in ("19", "20"):
        return "FIGHT"
    return plover


class CameoToPlover:
    """CAMEO code → PLOVER category, by the longest matching code prefix.

    Args:
        rows: ``{"cameo": "0311", "plover_event": "AGREE", ...}`` rows, as in
            ``plover-gsr/cameo2plover.jsonl``.
    """

    def __init__(self, rows: Iterable[Mapping[str, Any]]) -> None:
        self.table = {str(row["cameo"]): str(row["plover_event"]) for row in rows if row.get("plover_event")}

    def __call__(self, cameo: str | None) -> str | None:
        if not cameo:
            return None
        for length in range(len(cameo), 1, -1):
            found = self.table.get(cameo[:length])
            if found:
                return found
        return None
