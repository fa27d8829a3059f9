"""Measure the claim extractor beside the tagger, in one process and one run.

For each input it prints MB/s of text for: the tagger alone, tagger + claims, the whole
text pipeline (parse, tag, claims, JSON Lines out) and the extractor alone on entities
tagged once beforehand; the last two also with the rules alone (``learned: false``), and the
ratio of the speeds with and without the learned attribution model. Each figure is the best
of ``--rounds`` runs. A measurement, not a test: nothing is asserted.

An input is a JSON Lines file with a ``text`` field per record, or a text file with one
document per line (such as the benchmark corpus in ``bench/_work``).

Usage::

    python tools/bench_speed.py ../shared/eval/polnear/dev.jsonl bench/_work/corpus-conll2003-2MB-seed1.txt
    python tools/bench_speed.py ../shared/eval/polnear/dev.jsonl --cpu   # CPU time, on a busy machine
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import geotext
from geotext import Article
from geotext_claims.hooks import get_extractor


def documents(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        if path.suffix == ".jsonl":
            return [json.loads(line)["text"] for line in handle if line.strip()]
        return [line.rstrip("\n") for line in handle if line.strip()]


def best_rate(
    run: Callable[[], object], size: int, rounds: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = clock()
        run()
        best = min(best, clock() - started)
    return size / best / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="time the process's CPU (time.process_time) instead of the wall clock: steadier "
        "on a machine shared with other jobs",
    )
    args = parser.parse_args()
    clock = time.process_time if args.cpu else time.perf_counter
    warm = Article(text="Warm-up in Paris, France.")
    tagger = geotext.Pipeline(plugins=["gazetteer"])
    tagger_claims = geotext.Pipeline(plugins=["gazetteer", "claims"])
    full = geotext.Pipeline()
    # the same pipeline without the learned attribution model, for the ratio of its cost
    full_rules = geotext.Pipeline(config={"claims": {"learned": False}})
    for pipeline in (tagger, tagger_claims):
        pipeline.analyze(warm)
    for pipeline in (full, full_rules):
        with open(os.devnull, "wb") as sink:
            pipeline.export(pipeline.analyze_many([warm.text]), format="jsonl", to=sink)
    extractor = get_extractor({})
    rules = get_extractor({"learned": False})

    for path in args.inputs:
        texts = documents(path)
        size = sum(len(text.encode()) for text in texts)
        articles = [Article(text=text) for text in texts]
        tagged = [(article, tagger.analyze(article).entities) for article in articles]

        def whole_pipeline(texts: list[str] = texts, pipeline: geotext.Pipeline = full) -> None:
            with tempfile.TemporaryDirectory(prefix="geotext-claims-bench-") as folder:
                batch = pipeline.analyze_many(iter(texts), media_type="text/plain", on_error="raise")
                pipeline.export(batch, format="jsonl", to=Path(folder) / "out.jsonl")

        def rate(run: Callable[[], object], size: int = size) -> float:
            return best_rate(run, size, args.rounds, clock)

        rates = {
            "tagger alone": rate(lambda a=articles: [tagger.analyze(x) for x in a]),
            "tagger + claims": rate(lambda a=articles: [tagger_claims.analyze(x) for x in a]),
            "whole pipeline": rate(whole_pipeline),
            "whole pipeline, rules only": rate(lambda: whole_pipeline(pipeline=full_rules)),
            "claims alone": rate(lambda t=tagged: [extractor.extract(a, e) for a, e in t]),
            "claims alone, rules only": rate(lambda t=tagged: [rules.extract(a, e) for a, e in t]),
        }
        claims = sum(len(extractor.extract(a, e)) for a, e in tagged)
        shown = " | ".join(f"{name} {rate:.2f}" for name, rate in rates.items())
        print(f"{path.name} ({size / 1e6:.2f} MB, {len(texts)} docs, {claims} claims): {shown} MB/s")
        print(
            f"  with the learned model / rules alone: whole pipeline "
            f"{rates['whole pipeline'] / rates['whole pipeline, rules only']:.2f}×, claims alone "
            f"{rates['claims alone'] / rates['claims alone, rules only']:.2f}× the speed"
        )


if __name__ == "__main__":
    main()
