"""CPU seconds of the whole text pipeline (parse, tag, claims, JSON Lines out) through the
public API only, so that the same script runs in the virtual environment of any version of
geotext: run it with each environment's Python, alternating, and compare the ratios.

It prints one JSON line: MB of text, the best CPU seconds of ``--rounds`` runs, MB/s. A
measurement, not a test: nothing is asserted.

Usage::

    for round in 1 2 3; do
      for python in ../base/.venv/bin/python .venv/bin/python; do
        $python plugins/geotext-claims/tools/bench_pipeline.py ../shared/eval/polnear/dev.jsonl
      done
    done
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import geotext


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", type=Path, help="JSON Lines files with a 'text' field per record")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rules", action="store_true", help="the claims' rules alone (no learned attributions)")
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for path in args.inputs for line in path.open(encoding="utf-8") if line.strip()]
    size = sum(len(text.encode()) for text in texts)
    pipeline = geotext.Pipeline(config={"claims": {"learned": False}} if args.rules else {})
    with open(os.devnull, "wb") as sink:  # warm up: plugins, data files, models
        pipeline.export(pipeline.analyze_many(texts[:3]), format="jsonl", to=sink)
    best = float("inf")
    for _ in range(args.rounds):
        started = time.process_time()
        with tempfile.TemporaryDirectory(prefix="geotext-bench-") as folder:
            batch = pipeline.analyze_many(iter(texts), media_type="text/plain", on_error="raise")
            pipeline.export(batch, format="jsonl", to=Path(folder) / "out.jsonl")
        best = min(best, time.process_time() - started)
    print(json.dumps({"mb": round(size / 1e6, 3), "cpu_s": round(best, 3), "mb_per_s": round(size / 1e6 / best, 3)}))


if __name__ == "__main__":
    main()
