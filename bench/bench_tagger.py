"""Speed, memory and load time of the gazetteer tagger (geotext-gazetteer).

Builds a >= 50 MB news corpus deterministically: the CoNLL-2003 eng.testa documents from
../shared/eval when present, else the seed articles, repeated in order until the size is
reached. Then, in one process:

- load time of ``Gazetteer.load()`` (cold: compiles and writes the cache; warm: reads it),
  each in a fresh subprocess;
- resident memory after loading;
- throughput of ``Gazetteer.tag`` per document (entities with offsets and ids);
- throughput of a plain pyahocorasick scan with the same automaton (no checks, no ids).

Run: ``.venv/bin/python bench/bench_tagger.py [--mb 50]``. Prints one JSON object.
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

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def corpus(target_bytes: int) -> list[str]:
    conll = SHARED / "eval" / "conll2003" / "eng.testa.jsonl"
    if conll.exists():
        docs = [json.loads(line)["text"] for line in conll.open(encoding="utf-8")]
        source = str(conll)
    else:
        docs = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
        source = "seeds"
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
    code = ("import time; t = time.perf_counter(); from geotext_gazetteer import Gazetteer; "
            f"Gazetteer.load(cache_dir={cache_dir!r}); print(time.perf_counter() - t)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(result.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        cold = load_seconds(cache)
        warm = min(load_seconds(cache) for _ in range(3))

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    from geotext_gazetteer import Gazetteer

    tagger = Gazetteer.load()
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    docs = corpus(int(args.mb * 1e6))
    megabytes = sum(len(d.encode("utf-8")) for d in docs) / 1e6

    start = time.perf_counter()
    raw = 0
    for doc in docs:
        for _ in tagger._exact.iter(doc):
            raw += 1
    scan = time.perf_counter() - start

    start = time.perf_counter()
    entities = mentions = 0
    for doc in docs:
        found = tagger.tag(doc)
        entities += len(found)
        mentions += sum(len(e.mentions) for e in found)
    tag = time.perf_counter() - start

    print(json.dumps({
        "data_version": tagger.data_version,
        "corpus_mb": round(megabytes, 1),
        "documents": len(docs),
        "load_seconds_cold": round(cold, 3),
        "load_seconds_warm": round(warm, 3),
        "rss_mb_python_before_load": round(rss_before / 1024, 1),
        "rss_mb_after_load": round(rss_loaded / 1024, 1),
        "rss_mb_peak": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "tagger_mb_per_s": round(megabytes / tag, 2),
        "tagger_entities": entities,
        "tagger_mentions": mentions,
        "plain_pyahocorasick_mb_per_s": round(megabytes / scan, 2),
        "plain_pyahocorasick_hits": raw,
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
    }, indent=2))


if __name__ == "__main__":
    main()
