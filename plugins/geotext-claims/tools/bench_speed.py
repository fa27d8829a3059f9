"""Measure the claim extractor beside the tagger, in one process and one run.

For each input it prints MB/s of text for: the tagger alone, tagger + claims, the whole
text pipeline (parse, tag, claims, JSON Lines out) and the extractor alone on entities
tagged once beforehand. Each figure is the best of ``--rounds`` runs. A measurement, not a
test: nothing is asserted.

An input is a JSON Lines file with a ``text`` field per record, or a text file with one
document per line (such as the benchmark corpus in ``bench/_work``).

Usage::

    python tools/bench_speed.py ../shared/eval/polnear/dev.jsonl bench/_work/corpus-conll2003-2MB-seed1.txt
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from geotext_claims.hooks import get_extractor

import geotext
from geotext import Article


def documents(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        if path.suffix == ".jsonl":
            return [json.loads(line)["text"] for line in handle if line.strip()]
        return [line.rstrip("\n") for line in handle if line.strip()]


def best_rate(run: Callable[[], object], size: int, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return size / best / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
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

        rates = {
            "tagger alone": best_rate(lambda a=articles: [tagger.analyze(x) for x in a], size, args.rounds),
            "tagger + claims": best_rate(lambda a=articles: [tagger_claims.analyze(x) for x in a], size, args.rounds),
            "whole pipeline": best_rate(whole_pipeline, size, args.rounds),
            "whole pipeline, rules only": best_rate(lambda: whole_pipeline(pipeline=full_rules), size, args.rounds),
            "claims alone": best_rate(lambda t=tagged: [extractor.extract(a, e) for a, e in t], size, args.rounds),
            "claims alone, rules only": best_rate(lambda t=tagged: [rules.extract(a, e) for a, e in t], size,
                                                  args.rounds),
        }
        claims = sum(len(extractor.extract(a, e)) for a, e in tagged)
        shown = " | ".join(f"{name} {rate:.2f}" for name, rate in rates.items())
        print(f"{path.name} ({size / 1e6:.2f} MB, {len(texts)} docs, {claims} claims): {shown} MB/s")


if __name__ == "__main__":
    main()
