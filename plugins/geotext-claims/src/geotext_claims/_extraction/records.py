"""The records the extraction stages pass to each other, and the one place a claim is made.

Hot records (spans, cue hits, evidence) are named tuples: they are made per cue and per
word run, and a tuple is the cheapest record Python has; the learned attributions
(:mod:`.._attribution_claims`) read and write them as plain tuples too.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import attrs

from geotext import Claim, Evidence, Span

from .._actor_codes import ActorCoder
from .._lexicon import CameoTable, CueHit, Lexicon
from .._place_and_date import Event

__all__ = [
    "PRODUCER",
    "Attribution",
    "Context",
    "CueHit",
    "Draft",
    "EvidenceSpan",
    "Pos",
    "Slot",
    "Subject",
    "Tables",
    "cameo_fields",
    "new_claim",
]

PRODUCER = "claims"


@attrs.frozen
class Attribution:
    """Who says what, as found in the text, before it becomes a :class:`geotext.Claim`.

    Args:
        source: the span of the source as written ("Li", "a senior official", "He"),
            also when it is no tagged entity.
        cue: the span of the cue.
        content: the span of what is said, when there is one.
        speaker: the entity id of the source, when it is known.
        claim: the claim built from it.
    """

    source: Span | None
    cue: Span
    content: Span | None
    speaker: str | None
    claim: Claim


class Pos(NamedTuple):
    """A span inside the extractor; it becomes a :class:`geotext.Span` on a claim that is kept."""

    start: int
    end: int


class Subject(NamedTuple):
    """Who a cue's claim is of: the actor slots, the source as written, and how they were found
    (``direct``, ``pronoun``, ``anaphor``, or ``none`` for a source that is no tagged entity)."""

    slots: tuple[Slot, ...]
    source: Pos | None
    how: str


class EvidenceSpan(NamedTuple):
    """The words of a claim and the sentence they stand in, as offsets."""

    start: int
    end: int
    sentence_start: int
    sentence_end: int


@attrs.frozen
class Tables:
    """The data the rules read: the cue lexicon (with its CAMEO decisions) and the CAMEO to PLOVER table."""

    lexicon: Lexicon
    cameo: CameoTable


def new_claim(**fields: Any) -> Claim:
    """Make a :class:`geotext.Claim` of the extractor: every claim it returns is made here.

    Through the trusted constructor: *fields* are what the public one would store (every
    sequence a tuple); the pipeline checks the claims once, at the boundary."""
    return Claim._trusted(producer=PRODUCER, **fields)


def cameo_fields(cameo: CameoTable, code: str | None) -> dict[str, Any]:
    """The CAMEO code of a claim and the PLOVER facts the table gives it."""
    facts = cameo.get(code) if code else None
    return {
        "cameo": code,
        "plover": facts.plover if facts else None,
        "plover_mode": facts.mode if facts else None,
        "plover_context": facts.context if facts else None,
        "quad_class": facts.quad_class if facts else None,
    }


def _span(pos: Pos | None) -> Span | None:
    return None if pos is None else Span._trusted(start=pos.start, end=pos.end)


class Draft:
    """A claim found, as plain values: :class:`geotext.Claim` (and its validation) is made
    only for the drafts kept."""

    __slots__ = ("content", "cue", "evidence", "fields", "source", "speaker_span")

    def __init__(
        self,
        source: Pos | None,
        cue: Pos,
        content: Pos | None,
        speaker_span: Pos | None,
        evidence: list[EvidenceSpan],
        fields: dict[str, Any],
    ) -> None:
        self.source = source
        self.cue = cue
        self.content = content
        self.speaker_span = speaker_span
        self.evidence = evidence
        self.fields = fields

    def kept(self) -> bool:
        """True when the claim names an actor, a speaker, or at least the speaker as written."""
        fields = self.fields
        return bool(fields["speaker"] or fields["sources"] or fields["targets"] or self.speaker_span is not None)

    def event(self) -> Event:
        """What locating and dating read of the claim (see :func:`.._place_and_date.places_and_dates`)."""
        fields = self.fields
        first = self.evidence[0]
        return Event(self.cue, (first[2], first[3]), fields["tense"], None, fields["predicate"], fields["cameo"])

    def claim(self, coder: ActorCoder, **where_when: Any) -> Claim:
        """The claim, with its actor codes and *where_when* (its ``location``, ``event_date`` and
        ``reported_date``, when found)."""
        fields = self.fields
        lo = min(e[2] for e in self.evidence)
        hi = max(e[3] for e in self.evidence)
        return new_claim(
            evidence=tuple(
                Evidence._trusted(start=a, end=b, sentence_start=c, sentence_end=d) for a, b, c, d in self.evidence
            ),
            speaker_span=_span(self.speaker_span),
            cue_span=_span(self.cue),
            content=_span(self.content),
            source_codes=coder.codes(fields["sources"], lo, hi),
            target_codes=coder.codes(fields["targets"], lo, hi),
            **fields,
            **where_when,
        )

    def attribution(self, coder: ActorCoder) -> Attribution:
        return Attribution(
            source=_span(self.source),
            cue=Span._trusted(start=self.cue.start, end=self.cue.end),
            content=_span(self.content),
            speaker=self.fields["speaker"],
            claim=self.claim(coder),
        )


@attrs.define
class Slot:
    """An actor mention: one or several entity mentions over the same words."""

    start: int
    end: int
    actors: tuple[str, ...]
    speaker: str
    person: bool
    organisation: bool
    possessive: bool = False


@attrs.define
class Context:
    """What a paragraph remembers for pronouns and anaphora."""

    person: Slot | None = None
    subject: tuple[Slot, ...] = ()
    group: tuple[Slot, ...] = ()  # the last compound subject, kept across paragraphs
    sources: tuple[str, ...] = ()
    speaker: str | None = None
    topic: str | None = None  # an initiative or organisation that opens the sentence
    places: list[tuple[int, int, str]] = attrs.Factory(list)  # place mentions (start, end, id) in text order
    place_starts: list[int] = attrs.Factory(list)
