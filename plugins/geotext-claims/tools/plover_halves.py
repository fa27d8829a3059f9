#!/usr/bin/env python3
"""Score the PLOVER gold records in two halves, side by side: the rules are studied on one
half and the other half is only scored.

The halves are the even- and odd-numbered records (0-based line numbers) of
``plover-gsr/gsr.jsonl``. Each half is written, with the CAMEO to PLOVER table beside it, to
a temporary folder outside the repository and scored by ``bench/evaluate.py``'s own metric
functions through the public API (dyad P/R/F1, the accuracy of each dyad field, actor ISO3).

Usage (from the repository root)::

    .venv/bin/python plugins/geotext-claims/tools/plover_halves.py
    .venv/bin/python plugins/geotext-claims/tools/plover_halves.py --data ../shared/eval --json halves.json
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "bench"))

import evaluate  # noqa: E402  (bench/ is no package)
from geotext import Pipeline  # noqa: E402


def split(gold: Path, folder: Path) -> dict[str, Path]:
    """Write the even and odd records of *gold* to *folder* (with the CAMEO table beside them)."""
    lines = [line for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    paths = {}
    for name, rest in (("even", 0), ("odd", 1)):
        path = folder / name / "gsr.jsonl"
        path.parent.mkdir(parents=True)
        path.write_text("".join(line + "\n" for number, line in enumerate(lines) if number % 2 == rest), "utf-8")
        table = gold.parent / "cameo2plover.jsonl"
        if table.exists():
            shutil.copy(table, path.parent / table.name)
        paths[name] = path
    paths["all"] = gold
    return paths


def score(paths: dict[str, Path]) -> dict[str, dict[str, Any]]:
    """Dyads and actor ISO3 of each half, with one pipeline."""
    run = evaluate.Runner(Pipeline())
    return {
        name: {
            "dyads": evaluate.score_plover_dyads(path, run),
            "actors": evaluate.score_plover_actors(path, run),
        }
        for name, path in paths.items()
    }


def table(results: dict[str, dict[str, Any]]) -> str:
    """The figures as a Markdown table, one column per half."""
    names = list(results)
    rows = [
        ("dyad F1", lambda r: r["dyads"]["dyads"]["f1"]),
        ("dyad precision", lambda r: r["dyads"]["dyads"]["precision"]),
        ("dyad recall", lambda r: r["dyads"]["dyads"]["recall"]),
        ("dyad source", lambda r: r["dyads"]["fields"]["source"]["accuracy"]),
        ("dyad target", lambda r: r["dyads"]["fields"]["target"]["accuracy"]),
        ("dyad category", lambda r: r["dyads"]["fields"]["category"]["accuracy"]),
        ("actor ISO3", lambda r: r["actors"]["actor_iso3"]["accuracy"]),
    ]
    out = ["| PLOVER | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    out += [f"| {label} | " + " | ".join(f"{get(results[n]):.3f}" for n in names) + " |" for label, get in rows]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--data", type=Path, default=evaluate.DEFAULT_DATA, help="the eval folder (../shared/eval)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    gold = args.data / "plover-gsr" / "gsr.jsonl"
    if not gold.exists():
        print(f"no PLOVER gold at {gold}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        results = score(split(gold, Path(folder)))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
