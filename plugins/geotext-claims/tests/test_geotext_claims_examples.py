"""The extractor's example sentences (``examples.toml``): each sentence with the claims expected of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tomllib

from geotext import Analysis, Article, Claim, Span
from geotext_claims import ClaimExtractor

EXAMPLES: list[dict[str, Any]] = tomllib.loads((Path(__file__).parent / "examples.toml").read_text(encoding="utf-8"))[
    "example"
]
STAGES = {
    "sentences",
    "attribution",
    "actors",
    "speakers",
    "coding",
    "relations",
    "merging",
    "punctuation",
    "clauses",
    "readings",
}


@pytest.fixture(scope="module")
def extractors() -> dict[bool, ClaimExtractor]:
    """The extractor with the learned attributions (False) and the rules alone (True)."""
    return {False: ClaimExtractor(), True: ClaimExtractor(learned=False)}


def _as_written(text: str, span: Span | None) -> str | None:
    return None if span is None else text[span.start : span.end]


def _field(text: str, claim: Claim, name: str) -> Any:
    if name in ("speaker_span", "content"):
        return _as_written(text, getattr(claim, name))
    value = getattr(claim, name)
    return list(value) if isinstance(value, tuple) else value


def test_every_example_names_its_stage_and_claims() -> None:
    for example in EXAMPLES:
        assert example["stage"] in STAGES, example
        assert example.get("claims") or "cues" in example, example


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e['stage']}: {e['text'][:60]}" for e in EXAMPLES])
def test_example(example: dict[str, Any], extractors: dict[bool, ClaimExtractor], tag) -> None:
    text = example["text"]
    article = Article(text=text)
    entities = tag(text)
    claims = extractors[example.get("rules", False)].extract(article, entities)
    Analysis(article=article, entities=entities, claims=claims)  # every offset and actor checked
    if "cues" in example:
        assert [claim.cue for claim in claims] == example["cues"]
    if example.get("only"):
        assert len(claims) == 1, claims
    for expected in example.get("claims", []):
        key = "cue" if "cue" in expected else "cameo" if "cameo" in expected else None
        matching = [claim for claim in claims if key is None or getattr(claim, key) == expected[key]]
        assert len(matching) == 1, (expected, claims)
        found = {name: _field(text, matching[0], name) for name in expected}
        assert found == expected
