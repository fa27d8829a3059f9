"""Cost of the values: ``to_dict`` and ``from_dict`` per MB of article text, and the
construction of one :class:`~geotext.Mention`.

The analyses are made once, by the installed plugins, from political news (PolNeAR's dev
articles in ``../shared/eval``, else the seed articles), and written as JSON Lines to a
temporary file. Each measurement then runs in a worker process that reads that file:

- ``to_dict``: milliseconds per MB of article text to turn every analysis into its dict;
- ``from_dict``: milliseconds per MB to read every dict back (complete validation);
- ``mention``: microseconds per ``Mention(start=..., end=..., text=..., form=...)``, and per
  ``Mention._trusted(...)`` where the core has it.

``--against DIR`` also runs the workers with another checkout's ``src`` (DIR/src, or DIR
itself when it holds the ``geotext`` package) first on the path (such as ``git worktree add
/tmp/before main``), alternating the two for ``--rounds`` rounds; the best round of each is
kept and the ratios printed, so the machine's other load hurts both alike. The first-party
plugins are the installed ones in both.

On a machine shared with other jobs the wall clock of a measure varies with the load;
``--clock cpu`` times the CPU seconds of the worker process instead (its garbage
collections included), which the other jobs disturb far less.

Run: ``.venv/bin/python bench/bench_values.py [--mb 1] [--rounds 3] [--against DIR] [--clock cpu]``.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_parsers import best_of

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _documents(target_bytes: int, shared: Path) -> list[str]:
    path = shared / "eval" / "polnear" / "dev.jsonl"
    if path.exists():
        docs = [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    else:
        docs = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    out, size, index = [], 0, 0
    while size < target_bytes and docs:
        out.append(docs[index % len(docs)])
        size += len(docs[index % len(docs)].encode("utf-8"))
        index += 1
    return out


def make_corpus(target_bytes: int, shared: Path, path: Path) -> dict[str, Any]:
    """Analyse the documents with the installed plugins and write them as JSON Lines."""
    import geotext

    pipeline = geotext.Pipeline()
    mentions = claims = size = 0
    with path.open("w", encoding="utf-8") as stream:
        for index, text in enumerate(_documents(target_bytes, shared)):
            # an id of its own per copy: a document repeats to fill the size
            analysis = pipeline.analyze(geotext.Article(id=f"bench-{index}", text=text))
            stream.write(json.dumps(analysis.to_dict(), ensure_ascii=False) + "\n")
            size += len(text.encode("utf-8"))
            mentions += sum(len(entity.mentions) for entity in analysis.entities)
            claims += len(analysis.claims)
    return {"mb": round(size / 1e6, 3), "mentions": mentions, "claims": claims}


CLOCKS: dict[str, Callable[[], float]] = {"wall": time.perf_counter, "cpu": time.process_time}


def worker(path: Path, repeat: int, clock: str = "wall") -> dict[str, float]:
    """Time the values with whatever ``geotext`` is first on the path, by *clock*."""
    now = CLOCKS[clock]

    def timed(run: Callable[[], object]) -> float:
        return best_of(repeat, run, now)

    import geotext
    from geotext import Analysis, Mention

    lines = path.read_text(encoding="utf-8").splitlines()
    dicts = [json.loads(line) for line in lines]
    analyses = [Analysis.from_dict(data) for data in dicts]
    megabytes = sum(len(a.article.text.encode("utf-8")) for a in analyses) / 1e6
    # byte-identical output is the contract: check it while we are here
    assert [json.dumps(a.to_dict(), ensure_ascii=False) for a in analyses] == lines, "to_dict output differs"

    to_dict = timed(lambda: [a.to_dict() for a in analyses])
    from_dict = timed(lambda: [Analysis.from_dict(d) for d in dicts])
    count = 20000
    spans = [(i, i + 5, "China") for i in range(count)]

    def public() -> None:
        for start, end, text in spans:
            Mention(start=start, end=end, text=text, form="name")

    result = {
        "geotext": os.path.dirname(geotext.__file__),
        "to_dict_ms_per_mb": 1000 * to_dict / megabytes,
        "from_dict_ms_per_mb": 1000 * from_dict / megabytes,
        "mention_us": 1e6 * timed(public) / count,
    }
    trusted = getattr(Mention, "_trusted", None)
    if trusted is not None:

        def private() -> None:
            for start, end, text in spans:
                trusted(start=start, end=end, text=text, form="name")

        result["mention_trusted_us"] = 1e6 * timed(private) / count
    result["from_dict_over_to_dict"] = result["from_dict_ms_per_mb"] / result["to_dict_ms_per_mb"]
    return result


def _source_dir(checkout: Path) -> Path:
    """The directory holding the ``geotext`` package of *checkout* (a checkout or its ``src``)."""
    for candidate in (checkout / "src", checkout):
        if (candidate / "geotext" / "__init__.py").is_file():
            return candidate.resolve()
    raise SystemExit(f"--against {checkout}: no geotext package in {checkout}/src or {checkout}")


def _run_worker(path: Path, repeat: int, src: Path | None, clock: str = "wall") -> dict[str, float]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH", "")]))
    command = [sys.executable, __file__, "--worker", str(path), "--repeat", str(repeat), "--clock", clock]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode:
        # such as a checkout whose geotext cannot read this schema (c89a345 reads geotext/1 only)
        last = done.stderr.strip().splitlines()[-1:] or ["no message"]
        raise SystemExit(f"the worker with {src or 'this geotext'} failed: {last[0]}")
    result: dict[str, Any] = json.loads(done.stdout)
    # the installed geotext would shadow a wrong --against silently: check which one ran
    if src is not None and Path(result["geotext"]).resolve() != src / "geotext":
        raise SystemExit(f"the worker imported {result['geotext']}, not {src / 'geotext'}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="MB of article text (default 1)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating worker rounds (default 3)")
    parser.add_argument("--repeat", type=int, default=3, help="timed repeats inside a worker (default 3)")
    parser.add_argument("--against", type=Path, help="another checkout whose src/ to compare with")
    parser.add_argument(
        "--clock",
        choices=sorted(CLOCKS),
        default="wall",
        help="time by wall-clock seconds (default) or by the CPU seconds of the worker process",
    )
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.repeat, args.clock)))
        return

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "analyses.jsonl"
        corpus = make_corpus(int(args.mb * 1e6), args.shared, path)
        print(f"corpus: {corpus}", file=sys.stderr)
        contenders: dict[str, Path | None] = {"this": None}
        if args.against:
            contenders = {"against": _source_dir(args.against), "this": None}
        best: dict[str, dict[str, float]] = {}
        for _ in range(args.rounds):
            for name, src in contenders.items():
                measured = _run_worker(path, args.repeat, src, args.clock)
                kept = best.setdefault(name, measured)
                for key, value in measured.items():
                    if isinstance(value, float):
                        kept[key] = min(kept[key], value)
    for kept in best.values():  # the ratio of the best rounds, not the best of the ratios
        kept["from_dict_over_to_dict"] = kept["from_dict_ms_per_mb"] / kept["to_dict_ms_per_mb"]
    report: dict[str, Any] = {"corpus": corpus, "clock": args.clock, **best}
    if "against" in best:
        this, against = best["this"], best["against"]
        report["this_over_against"] = {
            key: this[key] / against[key] for key in this if isinstance(this[key], float) and key in against
        }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
