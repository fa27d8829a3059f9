"""Stage 6, merging: one claim per relation stated several times, and a headline joined with
the body sentence that says the same thing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from geotext import Article, Claim

from .punctuation import QUOTE_DASHES
from .records import Draft

if TYPE_CHECKING:
    from .sentences import ArticleState


def _merge_relations(claims: list[Claim]) -> list[Claim]:
    """One claim per relation, with every sentence that states it as evidence."""
    merged: dict[tuple[Any, ...], Claim] = {}
    for claim in claims:
        key = (claim.predicate, claim.sources, claim.targets)
        known = merged.get(key)
        if known is None:
            merged[key] = claim
        elif claim.evidence[0] not in known.evidence:
            merged[key] = known._replace(
                id=None,
                evidence=known.evidence + claim.evidence,
                confidence=round(min(0.95, max(known.confidence, claim.confidence) + 0.05), 2),
            )
    return list(merged.values())


# the cues of "X: …" and "… ― X"
_PUNCTUATION_CUES = frozenset({":", *QUOTE_DASHES})


def _merge_headline(
    drafts: list[Draft], headline: tuple[int, int] | None, statement_root: str, text: str
) -> list[Draft]:
    """Join a headline claim with the first body claim that says the same thing.

    The merged claim takes the headline's place, with both evidence spans; the body
    claim it absorbed is left out. A headline quoting its speaker after a colon or a dash
    (a statement: a code in *statement_root*, or none) is not joined: it says something
    other than the body's quotations of the same speaker ("Vance: voters are worried" beside
    "“…,” said Vance"); "Merkel says …" is joined with the body's "Merkel said …".
    """
    if headline is None:
        return drafts
    result: list[Draft | None] = list(drafts)
    h_start, h_end = headline
    for i, draft in enumerate(drafts):
        if result[i] is None:
            continue
        first = draft.evidence[0]
        sources = draft.fields["sources"]
        if not (first[0] >= h_start and first[1] <= h_end) or not sources:
            continue
        key = (frozenset(sources), (draft.fields["cameo"] or "")[:2])
        if key[1] in ("", statement_root) and text[draft.cue.start : draft.cue.end] in _PUNCTUATION_CUES:
            continue
        for j in range(i + 1, len(result)):
            other = result[j]
            if other is None or other.evidence[0][0] < h_end:
                continue
            # a headline names fewer actors than the body sentence it sums up
            if (frozenset(other.fields["sources"]), (other.fields["cameo"] or "")[:2]) == key and set(
                draft.fields["targets"]
            ) <= set(other.fields["targets"]):
                confidence = round(min(0.95, max(draft.fields["confidence"], other.fields["confidence"]) + 0.05), 2)
                result[i] = Draft(
                    draft.source,
                    draft.cue,
                    draft.content,
                    draft.speaker_span,
                    draft.evidence + other.evidence,
                    {**draft.fields, "confidence": confidence},
                )
                result[j] = None
                break
    return [draft for draft in result if draft is not None]


def merge_relations(state: ArticleState) -> None:
    """The article pass of :func:`_merge_relations`."""
    state.relations = _merge_relations(state.relations)


def merge_headline(state: ArticleState) -> None:
    """The article pass of :func:`_merge_headline`."""
    statement_root = state.tables.lexicon.decisions.statement_root
    state.drafts = _merge_headline(state.drafts, _headline(state.article), statement_root, state.article.text)


def _headline(article: Article) -> tuple[int, int] | None:
    text = article.text
    if article.title and text.startswith(article.title):
        return (0, len(article.title))
    first = text.split("\n", 1)[0]
    stripped = first.rstrip()
    if stripped and len(stripped) <= 160 and stripped[-1] not in '.!?:"”' and "\n" in text:
        return (len(first) - len(first.lstrip()), len(stripped))
    return None
