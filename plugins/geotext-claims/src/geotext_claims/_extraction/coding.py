"""Stage 4, event coding: what a cue's clause says happened (frame and action), its CAMEO code,
and the claim's modality, tense and confidence.

The codes come from the lexicon's data: each cue's own codes, the frames' defaults, and the
choices listed under ``cameo_decisions`` in ``data/cues.json``.
"""

from __future__ import annotations

import re

import attrs

from .._lexicon import Cue, CueHit
from .actors import _agent, _chain_backward, _located_in, _past_possessive
from .readings import _PASSIVE_AUX, _content_option, _light_object, _with_object
from .records import Slot, Tables
from .text import Text, _clause_start
from .words import _at_most_words, _last_word_texts, _preceded_by_preposition

# How many words after the content start (or after a frame word) an event word may stand.
_EVENT_WINDOW = 8


_AUX_REACH = 24  # characters before an action searched for its future auxiliary ("will not")


_PAST_AUX = re.compile(r"\b(?:has|have|had|was|were|did)\b", re.I)


_PRESENT_AUX = re.compile(r"\b(?:is|are|am|does|do)\b", re.I)


# what the way a subject was found adds to a claim's confidence
_HOW_CONFIDENCE = {"direct": 0.15, "pronoun": 0.08, "anaphor": 0.05}


# a time adverbial between a speech verb and its reported words ("said on Friday that")
_WHEN_SAID = (
    r"(?:(?:today|yesterday|tonight|on\s+\w+day|(?:this|last|next)\s+(?:week|month|year)|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s*,?\s+)?"
)


# "said that ...", "said it will ...": the content has a verb of its own, and with a pronoun the
# speaker is its subject; a time adverbial may come between ("said on Friday they would ...")
_REPORTED_SUBJECT = re.compile(
    r"\s*" + _WHEN_SAID + r"(?:that\b|(?:it|they|he|she|we)\s+(?:will|would|had|has|have|was|were|is|are|"
    r"could|can|might|may|must|should|did|does|do)\b)",
    re.I,
)


_REPORTED_REACH = 40  # characters after a speech cue searched for _REPORTED_SUBJECT


# a pronoun that opens reported words, right before their verb: "said (that) they attacked"
_REPORTED_PRONOUN = re.compile(r"\s*(?:that\s+)?(?:it|they|he|she|we)\s+", re.I)


# "to" and a verb after a frame verb (not "to" and a noun phrase: "sought refuge to Germany" is rare)
_TO_VERB = re.compile(r"\s+(?:\w+ly\s+)?to\s+(?!the\b|a\b|an\b)", re.I)


# what opens reported words before their clause: a time adverbial and "that" ("said on Friday
# that ..."); the event window is counted after it
_REPORT_OPENING = re.compile(r"\s*,?\s*" + _WHEN_SAID + r"that\b", re.I)


def _code(tables: Tables, head: Cue, frame: str | None, action: Cue | None) -> str | None:
    if action is not None:
        if frame is not None:
            facts = tables.lexicon.frames.get(frame, {})
            # "decided to allow": a frame marked done frames the act itself
            return (
                action.codes.get(frame) or (action.codes.get("do") if facts.get("done") else None) or facts.get("cameo")
            )
        return action.codes.get("do")
    if frame is not None:
        return tables.lexicon.frames.get(frame, {}).get("cameo")
    return head.cameo


@attrs.define
class EventReading:
    """What a cue's clause says happened: the frame ("urged", "pledged"), the action with where it
    stands, and the actors inside the content that act or are asked to act."""

    frame: str | None
    action: Cue | None
    action_at: int
    event_end: int
    inner_subject: tuple[Slot, ...]
    modal_targets: tuple[Slot, ...]
    patients: tuple[Slot, ...]


def read_event(
    tables: Tables,
    text: str,
    head: Cue,
    c_start: int,
    c_end: int,
    inner_from: int,
    inner_to: int,
    clause_end: int,
    following: list[CueHit],
    slots: list[Slot],
    patients: tuple[Slot, ...],
) -> EventReading | None:
    """The frame and the action of the cue ``text[c_start:c_end]`` read as *head*, looked for in its
    content ``[inner_from, inner_to)``; None when it is a light verb with no event noun."""
    # frame and action inside the content
    frame = head.frame if head.role == "frame" else None
    if frame is not None and head.object_frame is not None and _TO_VERB.match(text, c_end) is None:
        frame = head.object_frame  # "sought aid": asked for, not intended
    action = head if head.role == "action" else None
    event_end = c_end
    frame_at = c_start
    inner_subject: tuple[Slot, ...] = ()
    modal_targets: tuple[Slot, ...] = ()
    action_at = c_end
    window_from = inner_from
    if head.role == "speech" and inner_from == c_end:
        opening = _REPORT_OPENING.match(text, c_end, inner_to)
        if opening is not None:
            window_from = opening.end()
    if action is not None and action.light:  # "staged mass protests": the noun is the event
        noun = _light_object(text, following, c_end, clause_end, action)
        if noun is None:
            return None
        action_at, event_end, action = noun
    elif action is not None and action.objects:  # "cut diplomatic ties": the object gives the code
        coded = _with_object(text, action, c_end, clause_end)
        if coded is not None:
            action = coded[2]
    for f_start, f_end, options in following:
        if f_start < inner_from or f_end > inner_to or f_start == c_start:
            continue
        if action is not None or not _at_most_words(text, window_from, f_start, _EVENT_WINDOW):
            break
        chosen = _content_option(options, frame is None, tables.lexicon.decisions)
        if chosen is None:
            continue
        if chosen.role == "frame" and frame is None:
            frame = chosen.frame
            if chosen.object_frame is not None and _TO_VERB.match(text, f_end) is None:
                frame = chosen.object_frame
            frame_at = f_start
            window_from = f_end
            event_end = f_end
            owner = [s for s in slots if inner_from <= s.start and s.end <= f_start]
            if owner and owner[-1].possessive and _at_most_words(text, _past_possessive(text, owner[-1]), f_start, 3):
                inner_subject = (owner[-1],)
            elif (
                owner
                and head.role == "speech"
                and _at_most_words(text, owner[-1].end, f_start, 3)
                and not owner[-1].possessive
                and not _preceded_by_preposition(text, inner_from, owner[-1].start)
            ):
                chain = _chain_backward(text, owner, len(owner) - 1, inner_from)
                if chosen.pos == "phrase":  # "said Sudan must return ...": a demand on Sudan
                    modal_targets = chain
                else:
                    inner_subject = chain
        elif chosen.role == "action":
            noun = _light_object(text, following, f_end, inner_to, chosen) if chosen.light else None
            if chosen.light and noun is None and frame not in chosen.codes:
                continue  # "said … closed eyes": a light verb with no event noun and no code is no event
            action = chosen
            action_at = f_start
            event_end = f_end
            if noun is not None:  # "threatened to launch an offensive"
                action_at, event_end, action = noun
            elif not chosen.light and chosen.objects:  # "said it would sever diplomatic ties"
                coded = _with_object(text, chosen, f_end, inner_to)
                if coded is not None:
                    action = coded[2]
            if head.role == "speech" and not inner_subject and not modal_targets:
                owner = [s for s in slots if inner_from <= s.start and s.end <= f_start and s.start >= frame_at - 200]
                near = bool(owner) and _at_most_words(text, _past_possessive(text, owner[-1]), f_start, 4)
                if (
                    chosen.pos == "verb"
                    and chosen.tense == "past"
                    and _PASSIVE_AUX.match(text[max(inner_from, f_start - 40) : f_start][::-1])
                ):
                    # "a camp for Sudanese refugees was shelled by Chadian militia, the agency
                    # said": the agent acts on the subject; with no agent the event has no source
                    patients = _chain_backward(text, owner, len(owner) - 1, inner_from) if near else ()
                    inner_subject = _agent(text, slots, f_end, inner_to)
                    if not inner_subject:
                        action, event_end = None, c_end
                elif near and (
                    not _preceded_by_preposition(text, inner_from, owner[-1].start)
                    or _located_in(text, inner_from, owner[-1])
                ):
                    chain = _chain_backward(text, owner, len(owner) - 1, inner_from)
                    if frame in ("appeal", "demand") and frame_at > c_start:
                        modal_targets = chain  # "its demand that Israel ease ...": Israel is asked
                    else:
                        inner_subject = chain
            break
    return EventReading(frame, action, action_at, event_end, inner_subject, modal_targets, patients)


def settle_event(
    tables: Tables, text: Text, head: Cue, event: EventReading, c_end: int, inner_from: int, postposed: bool
) -> None:
    """Decide between the speech act and the act it reports, and what a future act is: a promise,
    a threat or a refusal (*event* is updated)."""
    frame, action, action_at, event_end, inner_subject = (
        event.frame,
        event.action,
        event.action_at,
        event.event_end,
        event.inner_subject,
    )
    reported = (
        head.role == "speech"
        and action is not None
        and (
            _REPORTED_SUBJECT.match(text, c_end, c_end + _REPORTED_REACH) is not None
            # "said it killed", "said they attacked": the pronoun's own verb
            or ((m := _REPORTED_PRONOUN.match(text, c_end, action_at)) is not None and m.end() == action_at)
        )
    )
    own_act = (
        head.performative and action is not None and action.pos == "noun" and _at_most_words(text, c_end, action_at, 2)
    )
    if (
        head.role == "speech"
        and frame is None
        and action is not None
        and not (inner_subject or postposed or reported or own_act)
    ):
        action = None  # "discussed ways to facilitate trade": the event is the speech act
        event_end = c_end
    elif (
        head.role == "speech"
        and tables.lexicon.decisions.is_event(head.cameo)
        and (action is not None or (frame is not None and inner_subject))
        and not (postposed or reported)
    ):
        # "blamed Israel for the bombing", "praised China for its aid", "praised Pakistan for
        # its support": the act, or an actor's intent, judged is not the event; the judgement
        # is, and its object the target ("discussed plans to ..." keeps the plan)
        action, frame, inner_subject, event_end = None, None, (), c_end
        event.modal_targets = ()
    if action is not None and frame is None and head.role != "action" and not postposed:
        # "said it will give", "said they would boycott": an action promised, not done; "will
        # not accept": refused. In the reporter's voice ("X will meet Y", "X will give Y aid,
        # an official said") it stays the event, as scheduled.
        aux_from = max(inner_from, action_at - _AUX_REACH)
        if text.has("future", aux_from, action_at):
            if text.has("negation", aux_from, action_at):
                frame = "reject"
            else:  # a hostile act promised is a threat ("would blockade Paris")
                hostile = "intent" not in action.codes and "threaten" in action.codes
                frame = "threaten" if hostile else "intent"
    event.frame, event.action, event.event_end, event.inner_subject = frame, action, event_end, inner_subject


def modality_and_tense(
    tables: Tables,
    text: Text,
    head: Cue,
    s_start: int,
    c_start: int,
    c_end: int,
    subject: tuple[Slot, ...],
    how: str,
    negated_by_without: bool,
    frame: str | None,
    action: Cue | None,
    event_end: int,
) -> tuple[str, str | None]:
    """The modality (asserted, hedged, negated, or the frame's) and the tense of a claim, read in
    the words from its subject (or its clause) to its event."""
    scope_from = (
        subject[0].start
        if subject and how == "direct" and subject[0].start >= s_start
        else _clause_start(text, s_start, c_start)
    )
    if negated_by_without or scope_from > c_start:
        scope_from = max(s_start, c_start - 30)  # a participle clause: its own words only
    scope_to = max(event_end, c_end)
    modality = "asserted"
    if frame is not None:
        modality = tables.lexicon.frames.get(frame, {}).get("modality", "asserted")
    if head.hedged or text.has("hedge", scope_from, scope_to):
        modality = "hedged"
    if negated_by_without or text.has("negation", scope_from, scope_to):
        modality = "negated"
    tense = head.tense
    if text.has("future", scope_from, c_start) or (
        action is not None and head.role == "action" and text.has("future", c_end, event_end)
    ):
        tense = "future"
    else:
        aux = " ".join(_last_word_texts(text, scope_from, c_start, 3))
        if _PAST_AUX.search(aux):
            tense = "past"
        elif tense is None and _PRESENT_AUX.search(aux):
            tense = "present"
    return modality, tense


def claim_confidence(how: str, inner_subject: bool, targets: bool, event: bool, modality: str) -> float:
    """The confidence of a claim, from how its subject was found and what else it names."""
    confidence = 0.55
    confidence += _HOW_CONFIDENCE.get(how, 0.0)
    if inner_subject:
        confidence += 0.05
    if targets:
        confidence += 0.1
    if event:
        confidence += 0.05
    if modality == "hedged":
        confidence -= 0.1
    confidence = round(max(0.05, min(0.95, confidence)), 2)
    return confidence
