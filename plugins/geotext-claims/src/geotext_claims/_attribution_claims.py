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
cue's lexicon entry when the lexicon knows the cue (a speech cue's code, or a frame's
default code), else none: a stance ("mocked", "likes") is
no CAMEO statement, and a generic code would invent events.

The model also reads the sentences the rules found claims in where one of them lacks a
source or a content, or where a speech cue of the lexicon is read by no rule claim and lies
in no rule claim's content ("X said ..., adding that ..."), and refines the rules' claims where it reads the same cue
(:meth:`LearnedAttributions.refine`): a claim with no source as written takes the model's
source, and one whose source the model reads elsewhere in the sentence takes the model's
(with the entity of that mention as speaker); a claim with no content takes the model's
content. The rules' actors, targets and codes stay.
"""

from __future__ import annotations

import bisect
import itertools
import os
import re
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from geotext.exceptions import ConfigError

from ._attribution_model import AttributionModel, LearnedAttribution, attribution_model_version
from ._extraction.records import Pos
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
    """A rule claim as :class:`._extraction.records.Draft` holds it (refined in place)."""

    source: Pos | None
    cue: Pos
    content: Pos | None
    speaker_span: Pos | None
    fields: dict[str, Any]

    def kept(self) -> bool: ...


#: (source, cue, content, speaker_span, evidence, fields), the arguments of the extractor's draft
DraftParts = tuple[
    tuple[int, int] | None,
    tuple[int, int],
    tuple[int, int] | None,
    tuple[int, int] | None,
    list[tuple[int, int, int, int]],
    dict[str, Any],
]


#: How the model refines the rules' claims (see :meth:`LearnedAttributions.refine`); the
#: choices were selected by cross-validation on PolNeAR's training split.
REFINE: dict[str, bool] = {
    # a claim with no source as written takes the model's source ...
    "fill": True,
    # ... also one the rules drop for want of any actor or source
    "fill_dropped": True,
    # ... also an event the article tells ("X attacked Y"), which would then be attributed
    # (cross-validated source and triple F1 +0.002 and +0.003, but the article's own voice
    # would be lost)
    "fill_actions": False,
    # a claim whose source the model reads elsewhere in the sentence takes the model's,
    # except the agent of a passive ("China was criticized by Iran"), an apposition ("Li
    # Qiang, the premier"), and a source the model reads as part of its cue
    "replace": True,
    # ... only where the rules' source precedes the cue (not "..., said X", "according to X")
    "replace_before_only": True,
    # ... and not where the rules' source is a tagged actor and the model's is none (-0.002)
    "keep_linked": False,
    # the speaker follows the new source: the entity of its mention, or none
    "speaker": True,
    # a claim with no actor at all ("predicate": "says") takes the new source's actors (no
    # change in PolNeAR's spans; actors stay the rules' judgment)
    "actors": False,
    # a claim with no content takes the model's content
    "content_fill": True,
    # a claim whose content the model reads elsewhere takes the model's (not a word next to it)
    "content_replace": True,
    # ... only where the rules' content follows the cue (not a quotation before "..., he said")
    "content_replace_after_only": True,
    # learned attributions in a sentence of rule claims: every one, or only those whose cue
    # the lexicon does not know (the rules read every lexicon cue of the sentence; cue -0.010)
    "rule_sentences_unread_only": False,
    # the model reads only the sentences of rule claims with no source or no content (and
    # those without rule claims): 1.03-1.06x the pipeline's time instead of 1.34x, for
    # 0.007 to 0.015 less in cross-validation
    "incomplete_only": True,
    # ... and also those of a lexicon speech cue that no rule claim reads and that lies
    # in no rule claim's content (a second statement: "X said ..., adding that ..."): source
    # / cue / content / triple F1 +0.002 / +0.002 / +0.006 / +0.004 in cross-validation, for
    # 8% more words tagged. Every such speech cue, also one inside a content: +0.005 /
    # +0.006 / +0.008 / +0.008, for 47% more words (the claims stage 1.12-1.17x); any
    # lexicon cue: +0.007 / +0.007 / +0.012 / +0.011, for 84% more words.
    "unread_speech_cues": True,
}


class LearnedAttributions:
    """Turns the model's attributions into claim drafts the rules do not already hold, and
    refines the rules' claims with what the model reads of the same cue.

    Args:
        lexicon: the extractor's cue lexicon (for cue lemmas and CAMEO codes).
        cameo: the CAMEO to PLOVER table.
        model: the path of an attribution model (default: the shipped one); it is loaded
            on first use.

    Raises:
        ConfigError: the model or its metadata cannot be read.
    """

    def __init__(self, lexicon: Lexicon, cameo: CameoTable, model: str | os.PathLike[str] | None = None) -> None:
        #: keep learned attributions in the sentences where the rules found a claim too
        #: (whose cues no rule claim reads); else only in the other sentences
        self.in_rule_sentences = True
        #: refine the rules' claims (:meth:`refine`); the model then reads every sentence
        self.refine_rules = True
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
        rules: Sequence[_DraftLike] = (),
    ) -> list[DraftParts]:
        """The drafts of the learned attributions whose cue no rule claim covers; the rules'
        claims *rules* are refined in place (:meth:`refine`).

        Args:
            text: the article text.
            cues: the lexicon's cues in the text.
            sentences: ``(paragraph start, sentence start, sentence end)`` of each sentence.
            slots: the actor mentions (entity mentions over the same words), in text order.
            rule_cues: the cue spans of the rules' claims and the evidence spans of their
                relations ("admitted Iran as a member" is a relation, not an attribution).
            rules: the rules' claim drafts.
        """
        taken = sorted(rule_cues)
        taken_starts = [c[0] for c in taken]
        cue_starts = [c[0] for c in cues]
        slot_starts = [s.start for s in slots]
        out: list[DraftParts] = []
        refining = bool(rules) and self.refine_rules
        skip_rule_sentences = not self.in_rule_sentences
        # the sentences of rule claims are tagged when anything is read there
        skip: Sequence[int] = taken_starts if skip_rule_sentences and not refining else ()
        if not skip and REFINE["incomplete_only"]:
            # only the sentences of rule claims with no source or no content
            open_starts = sorted(d.cue[0] for d in rules if d.speaker_span is None or d.content is None)
            if REFINE["unread_speech_cues"]:
                # ... and those of a speech cue that no rule claim reads and that lies in
                # no rule claim's content ("X said ..., adding that ...")
                contents = sorted((d.content[0], d.content[1]) for d in rules if d.content is not None)
                content_starts = [c[0] for c in contents]
                # the farthest end of the contents opening up to each one: a long article's
                # cues are checked in logarithmic time, not against every content before them
                content_reach = list(itertools.accumulate((c[1] for c in contents), max))
                open_starts = sorted(
                    open_starts
                    + [
                        c_start
                        for c_start, c_end, options in cues
                        if options
                        and options[0].role == "speech"
                        and not _taken(taken, taken_starts, c_start, c_end)
                        and not _within(content_starts, content_reach, c_start, c_end)
                    ]
                )
            skip = [
                s_start
                for _p, s_start, s_end in sentences
                if _holds((s_start, s_end), taken_starts) and not _holds((s_start, s_end), open_starts)
            ]
        paragraph_of = {s_start: p_start for p_start, s_start, _ in sentences}
        paragraph_starts = sorted(set(paragraph_of.values()))

        def window_of(sentence_start: int) -> int:
            # pronouns are resolved back to the start of the previous paragraph at most
            p_start = paragraph_of.get(sentence_start, 0)
            p_at = bisect.bisect_left(paragraph_starts, p_start)
            return paragraph_starts[p_at - 1] if p_at > 0 else p_start

        found = self.model.attributions(text, cues, sentences, skip)
        if refining:
            self.refine(text, cues, slots, rules, found, window_of)
        for item in found:
            c_start, c_end = item.cue
            if _taken(taken, taken_starts, c_start, c_end):
                continue  # a rule claim reads these words
            if item.source is None:
                continue  # the article's own voice is not an attribution to keep
            in_rule_sentence = _holds(item.sentence, taken_starts)
            if skip_rule_sentences and in_rule_sentence:
                continue
            lexical = _lexicon_cue(cues, cue_starts, c_start, c_end)
            if in_rule_sentence and lexical is not None and REFINE["rule_sentences_unread_only"]:
                continue
            window = window_of(item.sentence[0])
            # in a sentence the rules coded, their claims code its events: a learned
            # attribution there is a statement of its own, with no code to count them twice
            coded = None if in_rule_sentence else lexical
            fields = self._fields(text, item.source, item.cue, lexical, slots, slot_starts, window, coded)
            spans = [s for s in (item.source, item.cue, item.content) if s is not None]
            first, last = min(s[0] for s in spans), max(s[1] for s in spans)
            s_start, s_end = item.sentence
            evidence = [(first, last, min(s_start, first), max(s_end, last))]
            out.append((item.source, item.cue, item.content, item.source, evidence, fields))
        return out

    def refine(
        self,
        text: str,
        cues: Sequence[tuple[int, int, tuple[Cue, ...]]],
        slots: Sequence[_SlotLike],
        rules: Sequence[_DraftLike],
        found: Sequence[LearnedAttribution],
        window_of: Callable[[int], int],
    ) -> None:
        """Refine the rules' claims in place with the model's reading of the same cue.

        A claim with no source as written takes the model's source, and one whose source
        the model reads elsewhere takes the model's, with the entity of that mention (or a
        pronoun's antecedent) as speaker, or none; a claim with no content takes the
        model's content. Actors, targets and codes stay the rules'.

        Args:
            text: the article text.
            cues: the lexicon's cues in the text.
            slots: the actor mentions, in text order.
            rules: the rules' claim drafts (changed in place).
            found: the model's attributions, in text order.
            window_of: how far back a pronoun in the sentence starting at an offset looks.
        """
        options = REFINE
        read = sorted((item.cue, item) for item in found)
        starts = [cue[0] for cue, _ in read]
        cue_starts = [c[0] for c in cues]
        slot_starts = [s.start for s in slots]
        for draft in rules:
            c_start, c_end = draft.cue
            at = bisect.bisect_left(starts, c_end)
            match = next((item for cue, item in read[max(0, at - 3) : at] if cue[1] > c_start), None)
            if match is None:
                continue
            source, current = match.source, draft.speaker_span
            fields = draft.fields
            if (
                source is not None
                and (
                    (current is None and options["fill"])
                    or (
                        current is not None
                        and options["replace"]
                        and not _overlaps(current, source)
                        and not _passive_agent(text, draft.cue, current)
                        and not _adjacent(text, current, source)
                        and not _overlaps(current, match.cue)
                        and (current[1] <= c_start or not options["replace_before_only"])
                    )
                )
                and (current is not None or options["fill_dropped"] or draft.kept())
            ):
                lexical = _lexicon_cue(cues, cue_starts, c_start, c_end)
                if current is not None or options["fill_actions"] or (lexical is None or lexical.role != "action"):
                    slot, _confidence = _source_slot(text, source, slots, slot_starts, window_of(match.sentence[0]))
                    if not (options["keep_linked"] and current is not None and slot is None and fields["speaker"]):
                        draft.source = draft.speaker_span = Pos(*source)
                        if options["speaker"] and (current is not None or fields["speaker"] is None):
                            fields["speaker"] = slot.speaker if slot is not None else None
                        if options["actors"] and slot is not None and not fields["sources"] and not fields["targets"]:
                            fields["sources"] = slot.actors
                            fields["predicate"] = None
            content = match.content
            if content is not None and (
                (draft.content is None and options["content_fill"])
                or (
                    draft.content is not None
                    and options["content_replace"]
                    and not _overlaps(draft.content, content)
                    and not _adjacent(text, draft.content, content)
                    and (draft.content[0] >= c_end or not options["content_replace_after_only"])
                )
            ):
                draft.content = Pos(*content)

    def _fields(
        self,
        text: str,
        source: tuple[int, int],
        cue: tuple[int, int],
        lexical: Cue | None,
        slots: Sequence[_SlotLike],
        slot_starts: list[int],
        window: int = 0,
        coded: Cue | None = None,
    ) -> dict[str, Any]:
        """The claim fields of a learned attribution; its code is that of *coded* (the
        lexicon's reading of its cue, or none)."""
        slot, confidence = _source_slot(text, source, slots, slot_starts, window)
        code = None
        if coded is not None:
            if coded.role == "speech":
                code = coded.cameo
            elif coded.role == "frame" and coded.frame in self.lexicon.frames:
                code = self.lexicon.frames[coded.frame].get("cameo")
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


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_BY = re.compile(r"\bby\s*$", re.I)


def _passive_agent(text: str, cue: tuple[int, int], source: tuple[int, int]) -> bool:
    """Whether *source* follows *cue* after "by" ("criticized by Iran", "criticized on Monday by Iran")."""
    return cue[1] <= source[0] <= cue[1] + 60 and _BY.search(text, cue[1], source[0]) is not None


def _adjacent(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether two spans are parts of one phrase, only spaces and commas between them: a
    source and its apposition ("Li Qiang, the premier"), a content and the word the model
    cut it at ("that | Li argues ...")."""
    a, b = sorted((first, second))
    return not text[a[1] : b[0]].strip(" ,")


def _taken(taken: Sequence[tuple[int, int]], taken_starts: list[int], start: int, end: int) -> bool:
    """Whether one of the sorted spans *taken* (starting at *taken_starts*) overlaps ``[start, end)``."""
    at = bisect.bisect_left(taken_starts, end)
    return any(t[1] > start for t in taken[max(0, at - 4) : at])


def _within(starts: list[int], reach: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside one of the spans sorted by their *starts*, whose
    running maximum of ends is *reach*."""
    at = bisect.bisect_right(starts, start)
    return at > 0 and reach[at - 1] >= end


def _holds(sentence: tuple[int, int], starts: list[int]) -> bool:
    """Whether one of the sorted offsets *starts* lies in *sentence*."""
    at = bisect.bisect_left(starts, sentence[0])
    return at < len(starts) and starts[at] < sentence[1]


def _source_slot(
    text: str, source: tuple[int, int], slots: Sequence[_SlotLike], slot_starts: list[int], window: int
) -> tuple[_SlotLike | None, float]:
    """The actor a source stands for (the tagged mention covering its last word, its head,
    or a pronoun's antecedent), and the confidence of a claim of it."""
    at = bisect.bisect_right(slot_starts, source[1] - 1) - 1
    slot = slots[at] if at >= 0 and slots[at].end >= source[1] - 1 and slots[at].start >= source[0] else None
    confidence = CONFIDENCE
    if slot is None:
        pronoun = text[source[0] : source[1]].lower()
        slot = resolve_pronoun(text, pronoun, source[0], slots, slot_starts, window)
        if slot is None and pronoun in _PRONOUNS:
            confidence = UNRESOLVED_CONFIDENCE
    return slot, confidence


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
