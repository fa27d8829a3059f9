"""Dump the whole pipeline's output (``Analysis.to_dict()`` as JSON Lines, claims included)
for a set of texts, so that two versions of the code can be compared byte for byte.

A check, not a test: a change meant to keep the output (a speed-up) is run before and after
and the two files compared with ``cmp``. It runs the full pipeline (learned attributions on)
and, with ``--rules``, the rules alone.

Inputs: a ``.jsonl`` file (a ``text`` field per record), a ``.txt`` file of one article per
line when ``--lines`` is given (the benchmark corpus), else a ``.txt`` file as one article.

Usage::

    python plugins/geotext-claims/tools/dump_analyses.py --out before.jsonl \\
        --lines bench/_work/corpus-conll2003-1MB-seed1.txt ../shared/eval/polnear/dev.jsonl seeds/*.txt
    # change the code, then the same with --out after.jsonl, and: cmp before.jsonl after.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

import geotext


def texts(paths: list[Path], lines: list[Path], max_bytes: int) -> Iterator[str]:
    """Every article of the inputs, in order (at most *max_bytes* of each ``--lines`` file)."""
    for path in lines:
        read = 0
        with path.open("rb") as handle:
            for line in handle:
                read += len(line)
                yield line.decode("utf-8")
                if read >= max_bytes:
                    break
    for path in paths:
        if path.suffix == ".jsonl":
            with path.open(encoding="utf-8") as handle:
                yield from (json.loads(line)["text"] for line in handle if line.strip())
        else:
            yield path.read_text(encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", type=Path, help=".jsonl files (a 'text' per record) or .txt articles")
    parser.add_argument("--lines", action="append", type=Path, default=[], help="a file of one article per line")
    parser.add_argument("--max-bytes", type=int, default=1_000_000, help="read at most this much of each --lines file")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--rules", action="store_true", help="also dump the rules alone (learned attributions off)")
    args = parser.parse_args()
    documents = list(texts(args.inputs, args.lines, args.max_bytes))
    configs: list[tuple[str, dict[str, dict[str, bool]]]] = [("full", {})]
    if args.rules:
        configs.append(("rules", {"claims": {"learned": False}}))
    with args.out.open("w", encoding="utf-8") as out:
        for name, config in configs:
            pipeline = geotext.Pipeline(config=config)
            batch = pipeline.analyze_many(iter(documents), media_type="text/plain", on_error="raise")
            for index, analysis in enumerate(batch):
                record = {"config": name, "index": index, "analysis": analysis.to_dict()}
                out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
