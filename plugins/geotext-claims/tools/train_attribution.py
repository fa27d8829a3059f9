"""Train the attribution model of geotext-claims on PolNeAR's training split.

Usage (from the repository root)::

    python plugins/geotext-claims/tools/train_attribution.py            # CV, then the shipped model
    python plugins/geotext-claims/tools/train_attribution.py --union    # CV also through the pipeline
    python plugins/geotext-claims/tools/train_attribution.py --folds 0  # no cross-validation
    python plugins/geotext-claims/tools/train_attribution.py --out /tmp/model  # write elsewhere
    python plugins/geotext-claims/tools/train_attribution.py --union --evaluate-only  # CV only

``--evaluate-only`` cross-validates the settings of the shipped model and replaces only the
``cross_validation`` rows of its ``data/attribution.json``; the model file, and every other
entry of the metadata, stay as they are. It refuses to run when the metadata's settings
(version, parameters, cue words, features, source side) are not those this command would
train with, or when the model file is not the one the metadata names (``model_sha256``), so
that the rows recorded are those of the shipped model's settings. The cue lexicon is the
current one (the one the shipped model reads at run time), recorded with the rows.

It reads ``../shared/train/polnear/train.jsonl`` (840 articles), cross-validates with
folds by article (article *i* of the id-sorted list is in fold ``i % folds``), scores the
held-out folds and the dev split (``../shared/eval/polnear/dev.jsonl``) by source, cue and
content span overlap and by whole attributions (triple), then trains on every training
article and writes ``data/attribution.crfsuite`` and ``data/attribution.json`` (version,
data, settings and the scores). Training is deterministic: the same data and settings give
the same model file.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pycrfsuite

from geotext_claims._attribution_model import (
    TOKEN,
    AttributionModel,
    Featuriser,
    lexicon_roles,
    paragraphs,
    sentences,
)
from geotext_claims._lexicon import Lexicon

HERE = Path(__file__).resolve().parent
PLUGIN = HERE.parent
REPO = PLUGIN.parent.parent
SHARED = REPO.parent / "shared"
if not SHARED.exists():  # a worktree one level further down
    SHARED = REPO.parent.parent / "shared"
sys.path.insert(0, str(REPO / "bench"))

import scoring  # noqa: E402

#: The model's version: bump it with any change to features, labels, data or settings.
VERSION = "polnear-crf-3"
PARAMS = {"c1": 0.5, "c2": 0.1, "max_iterations": 120, "feature.minfreq": 2, "feature.possible_transitions": True}
MIN_CUE_COUNT = 2  # a word begins a gold cue this often before it makes a sentence a training candidate
MIN_CUE_RATE = 0.1  # ... and this share of its occurrences before it makes a sentence one the model tags
PRIORITY = {"CUE": 3, "SRC": 2, "CON": 1}
FEATURES = {"bigrams": True}  # the featuriser's options (recorded in the metadata)
MIN_AFTER_COUNT = 5  # a cue word has a source this often before its side is learned ...
MIN_AFTER_RATE = 0.5  # ... and the source follows it in more than this share of them


def read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    return sorted(records, key=lambda r: r["id"])


def _pieces(span: dict[str, Any]) -> list[tuple[int, int]]:
    if span.get("fragments"):
        return [(f[0], f[1]) if isinstance(f, list) else (f["start"], f["end"]) for f in span["fragments"]]
    return [(span["start"], span["end"])]


def gold_parts(record: dict[str, Any]) -> list[dict[str, list[tuple[int, int]]]]:
    """Each gold attribution as role → character pieces."""
    return [
        {
            role: [p for span in attribution.get(role, ()) for p in _pieces(span)]
            for role in ("source", "cue", "content")
        }
        for attribution in record["attributions"]
    ]


def cue_words(records: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The words that begin a gold cue at least MIN_CUE_COUNT times (training candidates),
    and those of them that do so in at least MIN_CUE_RATE of their occurrences (tagged)."""
    counts: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for record in records:
        text = record["text"]
        seen.update(match.group().lower() for match in TOKEN.finditer(text))
        for attribution in record["attributions"]:
            for span in attribution.get("cue", ())[:1]:
                first = TOKEN.search(text, span["start"], span["end"])
                if first:
                    counts[first.group().lower()] += 1
    trained = sorted(word for word, count in counts.items() if count >= MIN_CUE_COUNT)
    tagged = [word for word in trained if counts[word] >= MIN_CUE_RATE * seen[word]]
    return trained, tagged


def source_after_cue(records: list[dict[str, Any]]) -> list[str]:
    """The words beginning a gold cue whose source mostly follows it ("according to X")."""
    after: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for record in records:
        text = record["text"]
        for attribution in record["attributions"]:
            if not attribution.get("cue") or not attribution.get("source"):
                continue
            cue, source = attribution["cue"][0], attribution["source"][0]
            first = TOKEN.search(text, cue["start"], cue["end"])
            if first:
                word = first.group().lower()
                total[word] += 1
                after[word] += source["start"] >= cue["end"]
    return sorted(w for w, n in total.items() if n >= MIN_AFTER_COUNT and after[w] > MIN_AFTER_RATE * n)


def gate_coverage(records: list[dict[str, Any]], lexicon: Lexicon, featuriser: Featuriser) -> dict[str, Any]:
    """How much the sentence gate of *featuriser* lets through: the share of sentences and of
    words it tags, and the share of gold cues in the sentences it tags."""
    sentences_seen = sentences_tagged = words_seen = words_tagged = cues_seen = cues_tagged = 0
    for record in records:
        text = record["text"]
        cues = lexicon.scan(text.lower())[0]
        starts = sorted(a["cue"][0]["start"] for a in record["attributions"] if a.get("cue"))
        for _p_start, s_start, s_end in sentences(text, paragraphs(text)):
            tokens = [m.span() for m in TOKEN.finditer(text, s_start, s_end)]
            if not tokens:
                continue
            words = [text[a:b] for a, b in tokens]
            tagged = featuriser.candidate(words, lexicon_roles(tokens, cues), text[s_start:s_end])
            gold = bisect.bisect_left(starts, s_end) - bisect.bisect_left(starts, s_start)
            sentences_seen += 1
            words_seen += len(tokens)
            cues_seen += gold
            if tagged:
                sentences_tagged += 1
                words_tagged += len(tokens)
                cues_tagged += gold
    return {
        "sentences": round(sentences_tagged / max(sentences_seen, 1), 4),
        "words": round(words_tagged / max(words_seen, 1), 4),
        "gold_cues": round(cues_tagged / max(cues_seen, 1), 4),
    }


def sequences(
    record: dict[str, Any], lexicon: Lexicon, featuriser: Featuriser
) -> list[tuple[list[list[str]], list[str]]]:
    """The candidate sentences of one article as (features, gold BIO labels)."""
    text = record["text"]
    cues = lexicon.scan(text.lower())[0]
    blocks = paragraphs(text)
    # character → (priority, role, attribution, piece start) of the gold part covering it
    owner: dict[int, tuple[int, str, int, int]] = {}
    names = {"source": "SRC", "cue": "CUE", "content": "CON"}
    for number, parts in enumerate(gold_parts(record)):
        for role, pieces in parts.items():
            label = names[role]
            for start, end in pieces:
                for char in range(start, end):
                    here = owner.get(char)
                    if here is None or here[0] < PRIORITY[label]:
                        owner[char] = (PRIORITY[label], label, number, start)
    out = []
    for p_start, s_start, s_end in sentences(text, blocks):
        read = featuriser.sentence(text, cues, p_start, s_start, s_end)
        if read is None:
            continue
        tokens, rows = read
        labels = []
        previous = None
        for start, _end in tokens:
            here = owner.get(start)
            if here is None:
                labels.append("O")
                previous = None
                continue
            key = (here[1], here[2], here[3])
            labels.append(("I-" if key == previous else "B-") + here[1])
            previous = key
        out.append((rows, labels))
    return out


def train(seqs: list[tuple[list[list[str]], list[str]]], path: Path, params: dict[str, Any]) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in seqs:
        trainer.append(xseq, yseq)
    trainer.set_params(params)
    trainer.train(str(path))


def predict(records: list[dict[str, Any]], model: AttributionModel, lexicon: Lexicon) -> list[list[Any]]:
    return [model.attributions(r["text"], lexicon.scan(r["text"].lower())[0]) for r in records]


def score(records: list[dict[str, Any]], predictions: list[list[Any]]) -> dict[str, Any]:
    """Overlap P/R/F1 of source, cue and content, and the triple P/R/F1, of the model alone."""
    gold: dict[str, dict[Any, list[tuple[int, int]]]] = {r: {} for r in ("source", "cue", "content")}
    pred: dict[str, dict[Any, list[tuple[int, int]]]] = {r: {} for r in ("source", "cue", "content")}
    gold_triples: dict[Any, list[scoring.Triple]] = {}
    pred_triples: dict[Any, list[scoring.Triple]] = {}
    for number, (record, found) in enumerate(zip(records, predictions)):
        for attribution in record["attributions"]:
            parts = {}
            for role in gold:
                spans = [(s["start"], s["end"]) for s in attribution.get(role, ())]
                gold[role].setdefault(number, []).extend(spans)
                parts[role] = spans[0] if spans else None
            gold_triples.setdefault(number, []).append((parts["source"], parts["cue"], parts["content"]))
        for item in found:
            for role, span in (("source", item.source), ("cue", item.cue), ("content", item.content)):
                if span is not None:
                    pred[role].setdefault(number, []).append(span)
            pred_triples.setdefault(number, []).append((item.source, item.cue, item.content))
    result: dict[str, Any] = {role: _short(scoring.overlap_prf(gold[role], pred[role])) for role in gold}
    result["triple"] = _short(scoring.triple_prf(gold_triples, pred_triples))
    return result


def _short(metric: dict[str, Any]) -> dict[str, Any]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in metric.items()}


VARIANTS = ("rules", "union_free", "union")


def _union(model: Path, meta: dict[str, Any], held: list[dict[str, Any]], work: Path, variant: str) -> dict[str, Any]:
    """The held-out articles through the whole pipeline, scored as ``bench/evaluate.py`` scores
    PolNeAR: the rules alone (``rules``); with this model's attributions only in the sentences
    where no rule claim is, the rules' claims as they are (``union_free``); or, the shipped
    setting, with its attributions in every sentence and the rules' claims refined by it
    (``union``)."""
    import evaluate  # bench/evaluate.py: the same scoring as the published figures
    from geotext_claims.hooks import get_extractor

    (model.with_suffix(".json")).write_text(json.dumps(meta), encoding="utf-8")
    data = work / "held.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in held), encoding="utf-8")
    settings: dict[str, Any] = {"learned": False} if variant == "rules" else {"model": str(model)}
    if variant != "rules":
        extractor = get_extractor(settings)
        assert extractor.learned is not None
        extractor.learned.in_rule_sentences = extractor.learned.refine_rules = variant == "union"
    results = evaluate.evaluate(only=["polnear"], files={"polnear": data}, config={"claims": settings})
    return {
        role: _short({k: v for k, v in results["polnear"][role].items()})
        for role in ("source", "cue", "content", "triple")
    }


#: the metadata entries that fix what a cross-validation run trains and evaluates
SETTINGS = ("name", "version", "training_data", "params", "min_cue_rate", "cue_words", "features")


def shipped_metadata(out: Path, meta: dict[str, Any]) -> dict[str, Any]:
    """The metadata of the model in *out*, checked against the settings *meta* of this run.

    Raises:
        SystemExit: the model is missing, is not the file its metadata names, or was
            trained with other settings than this command's.
    """
    model_path, meta_path = out / "attribution.crfsuite", out / "attribution.json"
    if not model_path.exists() or not meta_path.exists():
        raise SystemExit(f"--evaluate-only: no model in {out}")
    shipped: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
    if hashlib.sha256(model_path.read_bytes()).hexdigest() != shipped.get("model_sha256"):
        raise SystemExit(f"--evaluate-only: {model_path} is not the model {meta_path} describes (model_sha256)")
    differ = [key for key in (*SETTINGS, "source_after_cue") if shipped.get(key) != meta.get(key)]
    if differ:
        raise SystemExit(f"--evaluate-only: the shipped model was trained with other settings: {', '.join(differ)}")
    if shipped.get("cues_lexicon") != meta["cues_lexicon"]:
        # the shipped model reads the current lexicon's cues at run time: so does the CV
        print(
            f"note: the model was trained with cue lexicon {shipped.get('cues_lexicon')}; "
            f"the cross-validation uses the current one, {meta['cues_lexicon']}",
            flush=True,
        )
    return shipped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=SHARED / "train" / "polnear" / "train.jsonl")
    parser.add_argument("--dev", type=Path, default=SHARED / "eval" / "polnear" / "dev.jsonl")
    parser.add_argument("--folds", type=int, default=3, help="cross-validation folds (0: none)")
    parser.add_argument("--out", type=Path, default=PLUGIN / "src" / "geotext_claims" / "data")
    parser.add_argument(
        "--union",
        action="store_true",
        help="also score each fold's model merged with the rules, through the whole pipeline",
    )
    parser.add_argument(
        "--variants",
        nargs="+",
        choices=VARIANTS,
        default=list(VARIANTS),
        help="with --union: the merges scored (default: all)",
    )
    parser.add_argument(
        "--evaluate-only",
        action="store_true",
        help="cross-validate only: record the CV rows in the shipped model's metadata, write no model",
    )
    parser.add_argument("--c1", type=float, default=PARAMS["c1"])
    parser.add_argument("--c2", type=float, default=PARAMS["c2"])
    args = parser.parse_args(argv)
    params = {**PARAMS, "c1": args.c1, "c2": args.c2}
    records = read(args.train)
    lexicon = Lexicon()
    words, tagged_words = cue_words(records)
    meta: dict[str, Any] = {
        "name": "geotext-claims-attribution",
        "version": VERSION,
        "about": "CRF (CRFsuite) tagging source, cue and content words; trained on PolNeAR train "
        "(Newell, Margolin & Ruths 2018, CC BY-SA 4.0) by tools/train_attribution.py",
        "training_data": {
            "file": "polnear/train.jsonl",
            "articles": len(records),
            "attributions": sum(len(r["attributions"]) for r in records),
            "sha256": hashlib.sha256(args.train.read_bytes()).hexdigest(),
        },
        "params": params,
        "cues_lexicon": lexicon.version,
        "min_cue_rate": MIN_CUE_RATE,
        "cue_words": tagged_words,
        "features": FEATURES,
        "source_after_cue": source_after_cue(records),
    }
    if args.evaluate_only:
        if args.folds < 2:
            parser.error("--evaluate-only needs --folds 2 or more")
        shipped = shipped_metadata(args.out, meta)
    featuriser = Featuriser(words, **FEATURES)
    started = time.perf_counter()
    per_article = [sequences(record, lexicon, featuriser) for record in records]
    print(f"features: {sum(map(len, per_article))} sentences in {time.perf_counter() - started:.1f} s", flush=True)
    with tempfile.TemporaryDirectory(prefix="geotext-attribution-") as work:
        if args.folds > 1:
            held_out: list[list[Any]] = [[] for _ in records]
            union: dict[str, list[dict[str, Any]]] = {}
            for fold in range(args.folds):
                held = [i for i in range(len(records)) if i % args.folds == fold]
                seqs = [s for i, article in enumerate(per_article) if i % args.folds != fold for s in article]
                path = Path(work) / f"fold{fold}.crfsuite"
                train(seqs, path, params)
                # what is learned outside the CRF is learned from the training folds too
                fold_meta = {
                    **meta,
                    "source_after_cue": source_after_cue([r for i, r in enumerate(records) if i % args.folds != fold]),
                }
                model = AttributionModel(str(path), meta=fold_meta)
                for i, found in zip(held, predict([records[i] for i in held], model, lexicon)):
                    held_out[i] = found
                print(
                    f"fold {fold}: " + _line(score([records[i] for i in held], [held_out[i] for i in held])), flush=True
                )
                if args.union:
                    for variant in args.variants:
                        union.setdefault(variant, []).append(
                            _union(path, fold_meta, [records[i] for i in held], Path(work), variant)
                        )
                        print(f"fold {fold} {variant}: " + _line(union[variant][-1]), flush=True)
            meta["cross_validation"] = {
                "folds": args.folds,
                "by": "article",
                "cues_lexicon": lexicon.version,
                "scores": score(records, held_out),
            }
            for variant, folds in union.items():
                # through the whole pipeline: the mean of the folds' P/R/F1
                meta["cross_validation"][f"pipeline_{variant}"] = {
                    role: {
                        k: round(sum(f[role][k] for f in folds) / len(folds), 4) for k in ("precision", "recall", "f1")
                    }
                    for role in folds[0]
                }
                print(f"CV {variant} (mean of folds): " + _line(meta["cross_validation"][f"pipeline_{variant}"]))
            print("CV pooled: " + _line(meta["cross_validation"]["scores"]), flush=True)
        if args.evaluate_only:
            shipped["cross_validation"] = meta["cross_validation"]
            (args.out / "attribution.json").write_text(json.dumps(shipped, indent=1) + "\n", encoding="utf-8")
            print(f"recorded the cross-validation in {args.out / 'attribution.json'} (model unchanged)")
            return 0
        args.out.mkdir(parents=True, exist_ok=True)
        model_path = args.out / "attribution.crfsuite"
        train([s for article in per_article for s in article], model_path, params)
        model = AttributionModel(str(model_path), meta=meta)
        # what the gate (the tagged cue words, quotation marks, lexicon cues) lets through
        meta["gate"] = {"train": gate_coverage(records, lexicon, model.featuriser)}
        if args.dev.exists():
            dev = read(args.dev)
            meta["gate"]["dev"] = gate_coverage(dev, lexicon, model.featuriser)
            meta["dev"] = score(dev, predict(dev, model, lexicon))
            print("dev: " + _line(meta["dev"]), flush=True)
        print(f"gate: {meta['gate']}", flush=True)
    meta["model_sha256"] = hashlib.sha256(model_path.read_bytes()).hexdigest()
    (args.out / "attribution.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {model_path} ({model_path.stat().st_size // 1024} KiB) in {time.perf_counter() - started:.0f} s")
    return 0


def _line(result: dict[str, Any]) -> str:
    return "  ".join(
        f"{role} P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}" for role, m in result.items()
    )


if __name__ == "__main__":
    raise SystemExit(main())
