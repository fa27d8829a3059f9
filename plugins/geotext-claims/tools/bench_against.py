"""Time the whole pipeline of this tree beside other checkouts of geotext, in one run.

Each checkout is a source tree with its own virtual environment (``TREE/.venv``); every
round runs ``bench/bench_throughput.py --worker geotext-full`` (parse, tag, claims, JSON
Lines out) once per tree in a fresh process, in an order rotated every round, and the
medians of the wall-clock run times and of the processes' CPU times (user + system, the
whole process: imports and model loading included) are reported as ratios to the first
tree; on a machine shared with other jobs the CPU times are the steadier figure. The same
corpus file is read by every tree. A measurement, not a test: nothing is asserted.

Usage (from the repository root)::

    python plugins/geotext-claims/tools/bench_against.py bench/_work/corpus-....txt \\
        --tree base=/work/wt/base --tree main=/work/main --tree this=. --rounds 3
    # also the rules alone (no learned attribution model) of a tree:
    python plugins/geotext-claims/tools/bench_against.py CORPUS --tree this=. --tree this-rules=.:rules
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
from pathlib import Path


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(tree: Path, tool: str, corpus: Path) -> tuple[float, float]:
    """The wall-clock run time the worker reports and the CPU time of its whole process."""
    python = tree / ".venv" / "bin" / "python"
    before = _children_cpu()
    done = subprocess.run(
        [str(python), str(tree / "bench" / "bench_throughput.py"), "--worker", tool, str(corpus)],
        capture_output=True,
        text=True,
    )
    cpu = _children_cpu() - before
    if done.returncode != 0:
        raise SystemExit(f"{tree} ({tool}) failed: {done.stderr.strip()[-500:]}")
    return float(json.loads(done.stdout.strip().splitlines()[-1])["run_s"]), cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a text file with one document per line")
    parser.add_argument(
        "--tree",
        action="append",
        required=True,
        metavar="NAME=PATH[:rules]",
        help="a checkout with its .venv; ':rules' runs it with the claims' rules alone",
    )
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    trees: dict[str, tuple[Path, str]] = {}
    for item in args.tree:
        name, _, where = item.partition("=")
        path, _, mode = where.partition(":")
        trees[name] = (Path(path).resolve(), "geotext-full-rules" if mode == "rules" else "geotext-full")
    names = list(trees)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    for round_number in range(args.rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(run_once(*trees[name], args.corpus.resolve()))
        print(
            f"round {round_number + 1}: "
            + ", ".join(f"{n} {t[-1][0]:.2f} s ({t[-1][1]:.2f} s CPU)" for n, t in times.items()),
            flush=True,
        )
    wall = {name: statistics.median(t[0] for t in values) for name, values in times.items()}
    cpu = {name: statistics.median(t[1] for t in values) for name, values in times.items()}
    first = names[0]
    print(f"| tree | median run s | run time ÷ {first} | median process CPU s | CPU time ÷ {first} |")
    print("|---|---:|---:|---:|---:|")
    for name in names:
        print(
            f"| {name} | {wall[name]:.2f} | {wall[name] / wall[first]:.3f} | {cpu[name]:.2f} "
            f"| {cpu[name] / cpu[first]:.3f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
