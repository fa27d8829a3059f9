"""Train the learned place resolver on GeoWebNews and write ``data/place_resolver.json``.

Usage (from the repository root, with the project's virtualenv and the ``train`` extra of
geotext-gazetteer installed, i.e. scikit-learn)::

    .venv/bin/python plugins/geotext-gazetteer/tools/train_resolver.py
    .venv/bin/python plugins/geotext-gazetteer/tools/train_resolver.py --folds 5 --check

What it does, deterministically (no randomness: folds are articles in id order, i mod k;
the solver is L-BFGS):

1. tags every GeoWebNews article (``../shared/eval/geowebnews/geowebnews.jsonl``) with the
   rule resolver, recording for every distinct place name the eligible candidates and their
   features (``_places.FEATURES``), the same the tagger computes at run time;
2. labels a candidate right when it lies within 161 km of the gold point of that name, and
   fits a pairwise ranking model (logistic regression on the feature differences of a right
   and a wrong candidate of one name);
3. selects the regularisation C by k-fold cross-validation with folds by article, reporting
   the cross-validated accuracy on the gold toponyms the tagger recognised beside the rules'
   accuracy on the same toponyms (never a figure on rows the model was trained on);
4. fits the selected model on every article and writes weights, features and metadata.

GeoWebNews is the only gold with coordinates on this machine, so it is both training and
selection data: the cross-validated figure is the one to quote.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geotext_gazetteer import Gazetteer, _places

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "geowebnews" / "geowebnews.jsonl"
GRID = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0)


class Recorder:
    """Scores as the rules do (the tagger chooses as with ``place_resolver="rules"``) and
    records, per name, the eligible candidates and their features. It is not a
    ``RuleResolver``, so the chooser prepares the anchors the features measure from."""

    name = version = "recorder"

    def __init__(self) -> None:
        self.rules = _places.RuleResolver()
        self.groups: dict[Any, list[Any]] = {}

    def score(self, cands, context, own, qualifier, dateline):  # type: ignore[no-untyped-def]
        scores = self.rules.score(cands, context, own, qualifier, dateline)
        rows = _places.features(cands, context, own, qualifier, dateline)
        self.groups.setdefault(own, []).append((list(cands), rows, scores))
        return scores


def collect(path: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Return one group per gold toponym with coordinates that the tagger read as a place
    name with candidates, and the counts for the report."""
    recorder = Recorder()
    tagger = Gazetteer.load(place_resolver="rules")
    tagger.place_resolver = recorder
    groups: list[dict[str, Any]] = []
    counts = {"articles": 0, "gold_points": 0}
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    records.sort(key=lambda r: r["id"])
    for number, record in enumerate(records):
        counts["articles"] += 1
        recorder.groups = {}
        text = record["text"]
        entities = tagger.tag(text)
        by_span: dict[tuple[int, int], list[Any]] = defaultdict(list)
        for entity in entities:
            if entity.kind in ("place", "state") and entity.coordinates is not None:
                for mention in entity.mentions:
                    by_span[(mention.start, mention.end)].append(entity)
        for toponym in record["toponyms"]:
            if toponym.get("lat") is None or not toponym.get("span_ok", True):
                continue
            counts["gold_points"] += 1
            span = (toponym["start"], toponym["end"])
            found = sorted(by_span.get(span, []), key=lambda e: e.kind != "place")
            gold = (float(toponym["lat"]), float(toponym["lon"]))
            group: dict[str, Any] = {"article": record["id"], "fold_key": number, "gold": gold, "predicted": None}
            if found:
                group["predicted"] = (found[0].coordinates.lat, found[0].coordinates.lon)
            cands = tagger.place_candidates(text[span[0] : span[1]])
            recorded = recorder.groups.get(tuple(c.index for c in cands)) if cands else None
            if recorded and found:
                allowed, rows, scores = recorded[0]
                group["rows"] = rows
                group["rule_scores"] = scores
                group["points"] = [(c.lat, c.lon) for c in allowed]
                group["labels"] = [
                    int(c.lat is not None and _places.distance_km(c.lat, c.lon, *gold) <= _places.CORRECT_KM)
                    for c in allowed
                ]
            groups.append(group)
    return groups, counts


def _correct(point: Sequence[float] | None, gold: Sequence[float]) -> bool:
    return point is not None and point[0] is not None and _places.distance_km(*point, *gold) <= _places.CORRECT_KM


def _fit(groups: Sequence[dict[str, Any]], c: float) -> tuple[list[float], float]:
    """Fit a pairwise ranking model: for every name, each right candidate against each wrong
    one (the difference of their features, both ways round), a logistic regression without
    intercept. Its weights score candidates; only their order within a name matters."""
    from sklearn.linear_model import LogisticRegression

    xs, ys = [], []
    for group in groups:
        if "rows" not in group or len(group["rows"]) < 2:
            continue
        right = [row for row, label in zip(group["rows"], group["labels"]) if label]
        wrong = [row for row, label in zip(group["rows"], group["labels"]) if not label]
        for a in right:
            for b in wrong:
                diff = [x - y for x, y in zip(a, b)]
                xs.append(diff)
                ys.append(1)
                xs.append([-x for x in diff])
                ys.append(0)
    if not xs:  # no name with a right and a wrong reading here: nothing to learn
        return [0.0] * len(_places.FEATURES), 0.0
    model = LogisticRegression(C=c, max_iter=5000, solver="lbfgs", fit_intercept=False)
    model.fit(xs, ys)
    return [float(w) for w in model.coef_[0]], 0.0


def _choose(group: dict[str, Any], weights: Sequence[float], intercept: float) -> Sequence[float]:
    scores = [intercept + sum(w * x for w, x in zip(weights, row)) for row in group["rows"]]
    return group["points"][max(range(len(scores)), key=scores.__getitem__)]


def cross_validate(groups: Sequence[dict[str, Any]], folds: int, c: float) -> dict[str, Any]:
    """Accuracy ≤161 km over the recognised gold toponyms: the rules (as tagged) and the
    model of each fold on its held-out articles."""
    rules_ok = model_ok = recognised = 0
    for fold in range(folds):
        train = [g for g in groups if g["fold_key"] % folds != fold]
        test = [g for g in groups if g["fold_key"] % folds == fold]
        weights, intercept = _fit(train, c)
        for group in test:
            if group["predicted"] is None:
                continue
            recognised += 1
            rules_ok += _correct(group["predicted"], group["gold"])
            point = _choose(group, weights, intercept) if "rows" in group else group["predicted"]
            model_ok += _correct(point, group["gold"])
    total = len(groups)
    return {
        "C": c,
        "recognised": recognised,
        "gold_points": total,
        "rules_recognised": round(rules_ok / recognised, 4),
        "model_recognised": round(model_ok / recognised, 4),
        "rules_end_to_end": round(rules_ok / total, 4),
        "model_end_to_end": round(model_ok / total, 4),
    }


def _selection_key(results: Sequence[dict[str, Any]], result: dict[str, Any]) -> tuple[float, ...]:
    """Rank one C: its cross-validated accuracy on the recognised toponyms, then end to end;
    among equals, the one whose neighbours on the grid score best (a plateau is a safer
    choice than a lone peak), then the one closest to 1."""
    position = results.index(result)
    neighbours = [results[i]["model_recognised"] for i in (position - 1, position + 1) if 0 <= i < len(results)]
    return (
        result["model_recognised"],
        result["model_end_to_end"],
        sum(neighbours) / len(neighbours) if neighbours else 0.0,
        -abs(result["C"] - 1.0),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="GeoWebNews JSON Lines file")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds, by article (default 5)")
    parser.add_argument(
        "--output",
        type=Path,
        default=Path(str(_places.MODEL_FILE)),
        help="model file to write (default: the package's data/place_resolver.json)",
    )
    parser.add_argument("--check", action="store_true", help="cross-validate only; write nothing")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"error: {args.data} not found (GeoWebNews from ../shared/eval)", file=sys.stderr)
        return 2
    groups, counts = collect(args.data)
    ambiguous = sum(1 for g in groups if "rows" in g and len(g["rows"]) > 1)
    print(
        f"{counts['articles']} articles, {counts['gold_points']} gold points, "
        f"{ambiguous} place names with a choice among candidates",
        file=sys.stderr,
    )
    results = [cross_validate(groups, args.folds, c) for c in GRID]
    for result in results:
        print(json.dumps(result), file=sys.stderr)
    best = max(results, key=lambda r: _selection_key(results, r))
    weights, intercept = _fit(groups, best["C"])
    if not any(weights):
        print(f"error: {args.data}: no toponym with a right and a wrong reading to learn from", file=sys.stderr)
        return 2
    import sklearn

    from geotext_gazetteer._build import read_version

    digest = hashlib.sha1(json.dumps([weights, intercept]).encode()).hexdigest()[:8]
    model = {
        "version": f"1.0+gwn.{digest}",
        "kind": "pairwise logistic ranking of place candidates (right: within 161 km of the gold point)",
        "features": list(_places.FEATURES),
        "weights": [round(w, 6) for w in weights],
        "intercept": round(intercept, 6),
        "meta": {
            "training_data": "GeoWebNews (Gritta et al. 2019), ../shared/eval/geowebnews/geowebnews.jsonl",
            "articles": counts["articles"],
            "gold_points": counts["gold_points"],
            "names_with_a_choice": ambiguous,
            "folds": args.folds,
            "fold_rule": "articles sorted by id, fold = position mod folds",
            "selected_C": best["C"],
            "cross_validation": best,
            "grid": results,
            "library": f"scikit-learn {sklearn.__version__}",
            "gazetteer_data": read_version(),
            "command": "python plugins/geotext-gazetteer/tools/train_resolver.py",
        },
    }
    print(json.dumps({k: model["meta"][k] for k in ("selected_C", "cross_validation")}, indent=1))
    if not args.check:
        args.output.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.output} ({model['version']})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
