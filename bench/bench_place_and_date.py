"""Cost of the claims' place-and-date pass inside the claim extractor.

Tags the articles once (PolNeAR's dev articles from ../shared/eval when present, else the
seed articles), then runs ``ClaimExtractor.extract`` over them in ``--rounds`` rounds
(default 7), timing the place-and-date pass (``geotext_claims._place_and_date.places_and_dates``) apart from
the rest of the extraction in the same calls, and prints the medians and their ratio as JSON.
Both parts run on the same documents in the same process, so the ratio holds on a busy
machine.

Run: ``.venv/bin/python bench/bench_place_and_date.py [--docs 150] [--rounds 7] [--data ../shared/eval]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from geotext import Article, Pipeline
from geotext_claims import ClaimExtractor
from geotext_claims._extraction import pipeline as _extractor

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval"


def texts(data: Path, limit: int) -> tuple[str, list[str]]:
    polnear = data / "polnear" / "dev.jsonl"
    if polnear.exists():
        with polnear.open(encoding="utf-8") as handle:
            return "polnear-dev", [json.loads(line)["text"] for line in handle][:limit]
    return "seeds", [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--data", type=Path, default=DATA, help="folder laid out like ../shared/eval")
    args = parser.parse_args()
    name, documents = texts(args.data, args.docs)
    tagger = Pipeline(plugins=["gazetteer"])
    analyses = [tagger.analyze(Article(text=text)) for text in documents]
    extractor = ClaimExtractor()
    real = _extractor.places_and_dates
    spent = [0.0]

    def timed(article, entities, events):
        start = time.perf_counter()
        found = real(article, entities, events)
        spent[0] += time.perf_counter() - start
        return found

    _extractor.places_and_dates = timed
    rounds = []
    try:
        for _ in range(args.rounds):
            spent[0] = 0.0
            start = time.perf_counter()
            claims = sum(len(extractor.extract(a.article, a.entities)) for a in analyses)
            total = time.perf_counter() - start
            rounds.append((total - spent[0], spent[0]))
    finally:
        _extractor.places_and_dates = real
    rest = statistics.median(r[0] for r in rounds)
    extra = statistics.median(r[1] for r in rounds)
    print(
        json.dumps(
            {
                "text": name,
                "documents": len(analyses),
                "mb": round(sum(len(t.encode()) for t in documents) / 1e6, 3),
                "claims": claims,
                "rounds": args.rounds,
                "extract_without_pass_s": round(rest, 3),
                "place_and_date_pass_s": round(extra, 3),
                "extract_ratio": round((rest + extra) / rest, 3),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
