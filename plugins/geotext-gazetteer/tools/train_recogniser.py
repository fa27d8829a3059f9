"""Train the gazetteer's learned recogniser (a python-crfsuite CRF) and write it into the package.

Run from the repository root:

    .venv/bin/python plugins/geotext-gazetteer/tools/train_recogniser.py \\
        --train ../shared/train/conll2003/eng.train.jsonl \\
        --dev ../shared/eval/conll2003/eng.testa.jsonl --cv 5

It reads CoNLL-2003 in the project's JSON Lines form ({text, entities: [{start, end, label}]}),
turns every document into the recogniser's candidate regions with the features the tagger
uses (the shipped gazetteer's knowledge included, so retrain after the data changes), trains
with L-BFGS (deterministic: same data, same model), scores the spans it predicts on the dev
file and by k-fold cross-validation over the training documents (folds by document, drawn
with --seed), and writes ``data/recogniser.crfsuite`` and ``data/recogniser.json`` (version,
training file and its SHA-256, parameters, scores, and the scores of a hand-written fixture
that the tests check). Figures are printed as JSON. A few minutes on two cores; ``--cv 0``
skips the cross-validation.

CoNLL-2003 writes every dateline on a line of its own ("LONDON 1996-08-22"); web news runs it
into the first sentence ("LONDON (AP) — The ...", "LONDON, Ky. -- ...", "LONDON The ...").
``--web-datelines`` (default 0.25) rewrites that share of the training documents, drawn with
--seed, into the web forms (the gold spans move with the text), so the model learns both.
The cross-validation trains on the rewritten documents and scores the held-out fold as
written; the dev file is scored as written.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PACKAGE_DATA = HERE.parent / "src" / "geotext_gazetteer" / "data"
FIXTURE = HERE.parent / "tests" / "fixtures" / "recogniser_fixture.txt"
DEFAULT_PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True}


# what follows the place in a web dateline (a state or country between them, "PORTLAND,
# Ore. (AP) —", made the model find places where GeoWebNews has none: left out)
WEB_DATELINE_MARKS = (" (Reuters) - ", " (AP) — ", " (AP) - ", " (AP) ", " -- ", " - ", " — ", " – ", "—", " ")
_WIRE_DATELINE = re.compile(r"^([A-Z][A-Z.'&-]*(?: [A-Z][A-Z.'&-]*)*) \d{4}-\d\d-\d\d$", re.MULTILINE)


def web_datelines(docs: list[dict[str, Any]], share: float, seed: int) -> list[dict[str, Any]]:
    """Rewrite *share* of the documents' wire datelines into web forms (see the docstring).

    A dateline line "PLACE 1996-08-22" and the line after it become one line "PLACE (AP) —
    first sentence", with the gold spans after the place moved; the others are returned as
    they are (the same objects).
    """
    rng = random.Random(seed)
    out = []
    for doc in docs:
        text = doc["text"]
        match = _WIRE_DATELINE.search(text)
        if rng.random() >= share or match is None or match.end() >= len(text) - 1:
            out.append(doc)
            continue
        head = text[: match.end(1)] + rng.choice(WEB_DATELINE_MARKS)
        shift = len(head) - (match.end() + 1)
        entities = []
        for entity in doc.get("entities", []):
            if entity["end"] <= match.end(1):
                entities.append(entity)
            elif entity["start"] > match.end():
                entities.append(dict(entity, start=entity["start"] + shift, end=entity["end"] + shift))
        out.append(dict(doc, text=head + text[match.end() + 1 :], entities=entities))
    return out


def read_docs(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def featurise(docs: list[dict[str, Any]], tagger: Any) -> list[list[tuple[Any, list[str]]]]:
    """Per document: its regions with gold BIO labels."""
    from geotext_gazetteer import _recogniser

    out = []
    for doc in docs:
        gold = [(e["start"], e["end"], e["label"]) for e in doc.get("entities", [])]
        regions = tagger.recogniser_regions(doc["text"])
        out.append([(region, _recogniser.bio_labels(region, gold)) for region in regions])
    return out


def coverage(docs: list[dict[str, Any]], featurised: list[list[tuple[Any, list[str]]]]) -> dict[str, float]:
    """Share of gold entities whose tokens all lie in one candidate region."""
    total = covered = 0
    for doc, regions in zip(docs, featurised):
        spans = {(s, e) for region, _ in regions for s, e in region.spans}
        starts = {s for s, _ in spans}
        ends = {e for _, e in spans}
        for entity in doc.get("entities", []):
            if entity["label"] == "MISC":
                continue
            total += 1
            covered += entity["start"] in starts and entity["end"] in ends
    return {"gold_entities": total, "in_candidate_regions": round(covered / max(total, 1), 4)}


def train(featurised: list[list[tuple[Any, list[str]]]], model_file: str, params: dict[str, Any]) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for regions in featurised:
        for region, labels in regions:
            trainer.append(region.items, labels)
    trainer.set_params(params)
    trainer.train(model_file)


def score(
    docs: list[dict[str, Any]], featurised: list[list[tuple[Any, list[str]]]], model_file: str
) -> dict[str, dict[str, float]]:
    """Exact-span P/R/F1 per label (LOC, PER, ORG, MISC) and overall for LOC+PER+ORG."""
    import pycrfsuite

    from geotext_gazetteer import _recogniser

    tagger = pycrfsuite.Tagger()
    tagger.open(model_file)
    counts: dict[str, Counter[str]] = {label: Counter() for label in (*_recogniser.LABELS, "LOC+PER+ORG")}
    for doc, regions in zip(docs, featurised):
        predicted = set()
        for region, _ in regions:
            for start, end, label, _, _ in _recogniser.spans_from_labels(region, tagger.tag(region.items)):
                predicted.add((start, end, label))
        gold = {(e["start"], e["end"], e["label"]) for e in doc.get("entities", [])}
        for label in _recogniser.LABELS:
            p = {x for x in predicted if x[2] == label}
            g = {x for x in gold if x[2] == label}
            counts[label].update(tp=len(p & g), pred=len(p), gold=len(g))
            if label != "MISC":
                counts["LOC+PER+ORG"].update(tp=len(p & g), pred=len(p), gold=len(g))
    return figures(counts)


def figures(counts: dict[str, Counter[str]]) -> dict[str, dict[str, float]]:
    """P/R/F1 per label from counts of true positives, predictions and gold spans."""
    out = {}
    for label, c in counts.items():
        precision = c["tp"] / c["pred"] if c["pred"] else 0.0
        recall = c["tp"] / c["gold"] if c["gold"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[label] = {
            "p": round(precision, 4),
            "r": round(recall, 4),
            "f1": round(f1, 4),
            "n": c["gold"],
            "tp": c["tp"],
            "pred": c["pred"],
        }
    return out


def cross_validate(
    docs: list[dict[str, Any]],
    featurised: list[list[tuple[Any, list[str]]]],
    k: int,
    seed: int,
    params: dict[str, Any],
    work: Path,
    training: list[list[tuple[Any, list[str]]]] | None = None,
) -> dict[str, dict[str, float]]:
    """k-fold cross-validation, folds by document; the figures pool every fold's predictions.

    *training*, if given, is what the folds train on (the rewritten documents, in the same
    order); the held-out fold is always scored on *featurised*.
    """
    training = featurised if training is None else training
    order = list(range(len(docs)))
    random.Random(seed).shuffle(order)
    fold_of = {doc: position % k for position, doc in enumerate(order)}
    pooled: dict[str, Counter[str]] = {}
    for fold in range(k):
        train_part = [training[i] for i in range(len(docs)) if fold_of[i] != fold]
        test_idx = [i for i in range(len(docs)) if fold_of[i] == fold]
        model_file = str(work / f"fold{fold}.crfsuite")
        train(train_part, model_file, params)
        result = score([docs[i] for i in test_idx], [featurised[i] for i in test_idx], model_file)
        for label, counted in result.items():
            pooled.setdefault(label, Counter()).update(tp=counted["tp"], pred=counted["pred"], gold=counted["n"])
        print(
            f"fold {fold + 1}/{k}: LOC F1 {result['LOC']['f1']:.3f}, PER F1 {result['PER']['f1']:.3f}", file=sys.stderr
        )
    return figures(pooled)


def fixture_scores(model_file: str) -> list[list[Any]]:
    """The model's decisions on the hand-written fixture, without gazetteer features (so
    the record does not change when only the gazetteer's data does)."""
    from geotext_gazetteer import _recogniser

    recogniser = _recogniser.Recogniser(model_file, {"version": "fixture"})
    text = FIXTURE.read_text(encoding="utf-8")
    decisions, _ = recogniser.decide(_recogniser.regions(text))
    return [[d.start, d.end, d.label, round(d.score, 6)] for d in decisions]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, required=True, help="CoNLL-2003 train in JSON Lines")
    parser.add_argument("--dev", type=Path, help="a dev file in the same form (scored, never trained on)")
    parser.add_argument("--cv", type=int, default=5, help="folds of cross-validation over --train (0: none)")
    parser.add_argument("--seed", type=int, default=13, help="seed of the cross-validation folds")
    parser.add_argument("--c1", type=float, default=DEFAULT_PARAMS["c1"], help="L1 penalty")
    parser.add_argument("--c2", type=float, default=DEFAULT_PARAMS["c2"], help="L2 penalty")
    parser.add_argument("--iterations", type=int, default=DEFAULT_PARAMS["max_iterations"])
    parser.add_argument(
        "--web-datelines",
        type=float,
        default=0.25,
        help="share of the training documents whose dateline is rewritten in a web form",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=PACKAGE_DATA,
        help="folder for recogniser.crfsuite and recogniser.json (default: the package)",
    )
    args = parser.parse_args()

    from geotext_gazetteer import Gazetteer, _recogniser

    params = dict(DEFAULT_PARAMS, c1=args.c1, c2=args.c2, max_iterations=args.iterations)
    began = time.perf_counter()
    tagger = Gazetteer.load(recogniser="rules")
    docs = read_docs(args.train)
    # the words the training text writes in lower case at least twice: a feature of every word
    counts = Counter(word for doc in docs for word in doc["text"].split() if word[:1].islower() and word.isalpha())
    vocabulary = sorted(word for word, n in counts.items() if n >= 2)
    _recogniser.LOWER_VOCABULARY = frozenset(vocabulary)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "recogniser_vocabulary.txt").write_text("\n".join(vocabulary) + "\n", encoding="utf-8")
    featurised = featurise(docs, tagger)
    rewritten = web_datelines(docs, args.web_datelines, args.seed)
    training = [
        featurised[i] if rewritten[i] is docs[i] else featurise([rewritten[i]], tagger)[0] for i in range(len(docs))
    ]
    report: dict[str, Any] = {
        "train_coverage": coverage(docs, featurised),
        "web_datelines": sum(r is not d for r, d in zip(rewritten, docs)),
    }
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        model_tmp = str(work / "recogniser.crfsuite")
        train(training, model_tmp, params)
        report["train_seconds"] = round(time.perf_counter() - began, 1)
        if args.dev:
            dev_docs = read_docs(args.dev)
            report["dev"] = score(dev_docs, featurise(dev_docs, tagger), model_tmp)
            report["dev_file"] = args.dev.name
        if args.cv > 1:
            report["cv"] = cross_validate(docs, featurised, args.cv, args.seed, params, work, training)
            report["cv_folds"] = args.cv
        model_bytes = Path(model_tmp).read_bytes()
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "recogniser.crfsuite").write_bytes(model_bytes)
    digest = hashlib.sha256(model_bytes).hexdigest()
    meta = {
        "version": f"crf{_recogniser.FEATURES_VERSION}.{digest[:10]}",
        "features_version": _recogniser.FEATURES_VERSION,
        "library": "python-crfsuite (CRFsuite, L-BFGS)",
        "params": params,
        "labels": ["O", *(f"{p}-{label}" for label in _recogniser.LABELS for p in "BI")],
        "training_file": args.train.name,
        "training_sha256": hashlib.sha256(args.train.read_bytes()).hexdigest(),
        "training_documents": len(docs),
        "web_datelines": report["web_datelines"],
        "gazetteer_data": tagger.data_version,
        "threshold": 0.5,
        "state_threshold": 0.05,
        "new_entity_threshold": 0.5,
        "new_place_threshold": 0.5,
        "confident": 0.9,
        "scores": {k: v for k, v in report.items() if k in ("dev", "dev_file", "cv", "cv_folds", "train_coverage")},
        "command": "python plugins/geotext-gazetteer/tools/train_recogniser.py --train "
        f"../shared/train/conll2003/{args.train.name}"
        + (f" --dev ../shared/eval/conll2003/{args.dev.name}" if args.dev else "")
        + f" --cv {args.cv} --seed {args.seed} --c1 {args.c1} --c2 {args.c2} --iterations {args.iterations}"
        f" --web-datelines {args.web_datelines}",
        "fixture": fixture_scores(str(args.out / "recogniser.crfsuite")),
    }
    (args.out / "recogniser.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    report["seconds"] = round(time.perf_counter() - began, 1)
    report["version"] = meta["version"]
    report["model_kb"] = round(len(model_bytes) / 1024)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
