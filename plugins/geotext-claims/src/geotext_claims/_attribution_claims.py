"""The learned attributions as claim drafts, merged with the rules' own.

The rules find attributions and events with their actors and codes; the learned model
(:mod:`._attribution_model`) finds attributions the rules miss: beliefs and stances
("mocked", "don't like", "backs") and speech the rules cannot anchor. A learned
attribution becomes a claim only where no rule claim has a cue over the same words, so
that the rules' readings (actors, targets, CAMEO code, modality) are never replaced.

Its fields: the speaker is the tagged entity whose mention is the source, or the actor a
pronoun source stands for (:func:`resolve_pronoun`); else the source stays as written in
``speaker_span`` (with a lower confidence when it is a pronoun that stands for no actor
found); cue, cue lemma and cue span from the cue's words; content; the CAMEO code of the
cue's lexicon entry when the lexicon knows the cue (a
speech cue's code, or a frame's default code), else none: a stance ("mocked", "likes") is
no CAMEO statement, and a generic code would invent events.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Sequence
from typing import Any, Protocol

from geotext.exceptions import ConfigError

from ._attribution_model import AttributionModel, attribution_model_version
from ._lexicon import CameoTable, Cue, Lexicon

#: confidence of a learned attribution, below the rules' usual 0.6-0.9
CONFIDENCE = 0.5
#: confidence of one whose source is a pronoun that names no actor found before it
#: ("These included ...", "It said ..."): the claim keeps the source as written
UNRESOLVED_CONFIDENCE = 0.4

#: pronouns a learned source may be, by what they stand for: a person named before ("he"),
#: any actor named before ("they"), the actor right before a relative pronoun ("China,
#: which said"); demonstratives ("these", "this") and "it" are kept as written, unresolved
_PERSON_PRONOUNS = frozenset({"he", "she"})
_ACTOR_PRONOUNS = frozenset({"they"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
_UNRESOLVED_PRONOUNS = frozenset({"it", "this", "these", "that", "those", "we", "i", "you"})
_PRONOUNS = _PERSON_PRONOUNS | _ACTOR_PRONOUNS | _RELATIVE_PRONOUNS | _UNRESOLVED_PRONOUNS


class _SlotLike(Protocol):
    start: int
    end: int
    actors: tuple[str, ...]
    speaker: str
    person: bool


class _DraftLike(Protocol):
    cue: Any


#: (source, cue, content, speaker_span, evidence, fields), the arguments of the extractor's draft
DraftParts = tuple[
    tuple[int, int] | None,
    tuple[int, int],
    tuple[int, int] | None,
    tuple[int, int] | None,
    list[tuple[int, int, int, int]],
    dict[str, Any],
]


class LearnedAttributions:
    """Turns the model's attributions into claim drafts the rules do not already hold.

    Args:
        lexicon: the extractor's cue lexicon (for cue lemmas and CAMEO codes).
        cameo: the CAMEO to PLOVER table.
        model: the path of an attribution model (default: the shipped one); it is loaded
            on first use.

    Raises:
        ConfigError: the model or its metadata cannot be read.
    """

    def __init__(self, lexicon: Lexicon, cameo: CameoTable, model: str | os.PathLike[str] | None = None) -> None:
        self.skip_rule_sentences = True
        self.lexicon = lexicon
        self.cameo = cameo
        self._path = None if model is None else os.fspath(model)
        self._model: AttributionModel | None = None
        if self._path is not None:
            self._model = _load(self._path)

    @property
    def model(self) -> AttributionModel:
        if self._model is None:
            self._model = _load(self._path)
        return self._model

    @property
    def version(self) -> str:
        """The model's version (read from its metadata without loading the model)."""
        if self._model is not None:
            return self._model.version
        return attribution_model_version()

    def drafts(
        self,
        text: str,
        cues: Sequence[tuple[int, int, tuple[Cue, ...]]],
        sentences: Sequence[tuple[int, int, int]],
        slots: Sequence[_SlotLike],
        rule_cues: Sequence[tuple[int, int]],
    ) -> list[DraftParts]:
        """The drafts of the learned attributions whose cue no rule claim covers.

        Args:
            text: the article text.
            cues: the lexicon's cues in the text.
            sentences: ``(paragraph start, sentence start, sentence end)`` of each sentence.
            slots: the actor mentions (entity mentions over the same words), in text order.
            rule_cues: the cue spans of the rules' claims and the evidence spans of their
                relations ("admitted Iran as a member" is a relation, not an attribution).
        """
        taken = sorted(rule_cues)
        taken_starts = [c[0] for c in taken]
        cue_starts = [c[0] for c in cues]
        slot_starts = [s.start for s in slots]
        out: list[DraftParts] = []
        skip = taken_starts if self.skip_rule_sentences else ()
        paragraph_of = {s_start: p_start for p_start, s_start, _ in sentences}
        paragraph_starts = sorted(set(paragraph_of.values()))
        for item in self.model.attributions(text, cues, sentences, skip):
            c_start, c_end = item.cue
            at = bisect.bisect_left(taken_starts, c_end)
            if any(t[1] > c_start for t in taken[max(0, at - 4) : at]):
                continue  # a rule claim reads these words
            if item.source is None:
                continue  # the article's own voice is not an attribution to keep
            lexical = _lexicon_cue(cues, cue_starts, c_start, c_end)
            # pronouns are resolved back to the start of the previous paragraph at most
            p_start = paragraph_of.get(item.sentence[0], 0)
            p_at = bisect.bisect_left(paragraph_starts, p_start)
            window = paragraph_starts[p_at - 1] if p_at > 0 else p_start
            fields = self._fields(text, item.source, item.cue, lexical, slots, slot_starts, window)
            spans = [s for s in (item.source, item.cue, item.content) if s is not None]
            first, last = min(s[0] for s in spans), max(s[1] for s in spans)
            s_start, s_end = item.sentence
            evidence = [(first, last, min(s_start, first), max(s_end, last))]
            out.append((item.source, item.cue, item.content, item.source, evidence, fields))
        return out

    def _fields(
        self,
        text: str,
        source: tuple[int, int],
        cue: tuple[int, int],
        lexical: Cue | None,
        slots: Sequence[_SlotLike],
        slot_starts: list[int],
        window: int = 0,
    ) -> dict[str, Any]:
        # the source is an entity when one tagged mention covers its last word (its head)
        at = bisect.bisect_right(slot_starts, source[1] - 1) - 1
        slot = slots[at] if at >= 0 and slots[at].end >= source[1] - 1 and slots[at].start >= source[0] else None
        confidence = CONFIDENCE
        if slot is None:
            pronoun = text[source[0] : source[1]].lower()
            slot = resolve_pronoun(text, pronoun, source[0], slots, slot_starts, window)
            if slot is None and pronoun in _PRONOUNS:
                confidence = UNRESOLVED_CONFIDENCE
        code = None
        if lexical is not None:
            if lexical.role == "speech":
                code = lexical.cameo
            elif lexical.role == "frame" and lexical.frame in self.lexicon.frames:
                code = self.lexicon.frames[lexical.frame].get("cameo")
        facts = self.cameo.get(code) if code else None
        words = text[cue[0] : cue[1]]
        return {
            "speaker": slot.speaker if slot is not None else None,
            "predicate": None if slot is not None else "says",
            "cue": words,
            "cue_lemma": lexical.lemma if lexical is not None else " ".join(words.lower().split()),
            "sources": slot.actors if slot is not None else (),
            "targets": (),
            "cameo": code,
            "plover": facts.plover if facts else None,
            "plover_mode": facts.mode if facts else None,
            "plover_context": facts.context if facts else None,
            "quad_class": facts.quad_class if facts else None,
            "modality": "asserted",
            "tense": lexical.tense if lexical is not None else None,
            "confidence": confidence,
        }


def resolve_pronoun(
    text: str, pronoun: str, start: int, slots: Sequence[_SlotLike], slot_starts: list[int], window: int
) -> _SlotLike | None:
    """The actor mention a pronoun source stands for, or ``None``.

    Args:
        text: the article text.
        pronoun: the source as written, lower-cased.
        start: where the source starts.
        slots: the actor mentions, in text order.
        slot_starts: their starts.
        window: how far back (a character offset) a personal pronoun looks.
    """
    at = bisect.bisect_left(slot_starts, start) - 1
    if pronoun in _RELATIVE_PRONOUNS:
        # "China, which said ...": only the mention right before the pronoun
        if at >= 0 and slots[at].end <= start and not text[slots[at].end : start].strip(" ,"):
            return slots[at]
        return None
    if pronoun not in _PERSON_PRONOUNS and pronoun not in _ACTOR_PRONOUNS:
        return None
    while at >= 0 and slots[at].start >= window:
        slot = slots[at]
        if slot.end <= start and (slot.person or pronoun in _ACTOR_PRONOUNS):
            return slot
        at -= 1
    return None


def _load(path: str | None) -> AttributionModel:
    try:
        return AttributionModel(path)
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"claims: cannot load the attribution model {path or '(shipped)'}: {exc}") from exc


def _lexicon_cue(
    cues: Sequence[tuple[int, int, tuple[Cue, ...]]], starts: list[int], start: int, end: int
) -> Cue | None:
    """The lexicon's reading of the first lexicon cue inside ``[start, end)``."""
    at = bisect.bisect_left(starts, start)
    if at < len(cues) and cues[at][0] < end and cues[at][2]:
        return cues[at][2][0]
    return None
