"""Clause structure around the cues of a sentence: the cue that closes it ("…, an official
said"), where coordinated verbs, participles and a main clause split it, and the content
that comes before its cue."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple

from .._lexicon import CameoDecisions, Cue, CueHit
from .readings import _DETERMINER_BEFORE, _PLURAL_BEFORE, _PREPOSITION_BEFORE, _head_option, _noun_reading
from .records import Pos, Slot
from .speakers import _name_after, _np_before
from .text import Text
from .words import (
    _CONJUNCTIONS,
    _NOT_SUBJECT,
    _PARENTHETICALS,
    _SUBORDINATOR_LEADS,
    _SUBORDINATORS,
    _WORD,
    _at_most_words,
    _clause_after,
    _gap_words,
    _last_words,
    _strip_end,
    backward,
)

# ", saying", ", even suggesting", ", also adding", read backward
_PARTICIPLE_LEAD = backward(r",\s*(?:(?:\w+ly|even|also|again|then|still|while)\s+)?")


# "(, )and (quickly) ", "but has (also) " before a verb, on the reversed text before it (see words.backward)
_COORD_VERB = backward(
    r"(?:,\s*|\s)(?:and|but|or|then|and then|and later)(?:\s+(?:has|have|had))?"
    r"(?:\s+(?:\w+ly|also))?\s+",
    re.I,
)


# what opens a clause after a verb: "that", a quotation, a pronoun subject
_CLAUSE_AFTER = re.compile(r"\s*(?:that\b|[,:]?\s*[“\"]|(?:it|they|he|she|we|i|there)\s)", re.I)


_AND_CLAUSE = re.compile(r"[,;]\s*(?:and|but|while|whereas)\s+")


def _coordinated_clause_end(text: str, start: int, end: int, following: Sequence[CueHit]) -> int:
    """Where a coordinated clause with a finite verb of its own begins in ``[start, end)``, else *end*.

    "Houthi forces attacked a tanker, and Egypt said ...": the words after ", and" are another
    clause with its own subject and verb, so its actors are not the first clause's targets.
    """
    for match in _AND_CLAUSE.finditer(text, start, end):
        for f_start, _, options in following:
            if f_start < match.end():
                continue
            if any(o.pos == "verb" and o.tense is not None for o in options) and _at_most_words(
                text, match.end(), f_start, 5
            ):
                return match.start()
            break
    return end


def _is_coordinated(text: str, s_start: int, c_start: int, c_end: int, head: Cue | None) -> bool:
    """True for a finite verb after a conjunction: "attacked and killed", ", and threatened";
    *head* is the cue's reading (see :func:`_head_option`)."""
    if head is None or head.pos != "verb" or head.tense is None:
        return False
    if text[c_start:c_end].lower() == head.lemma:
        return False  # a bare form after "and" is usually an infinitive: "to join and cooperate"
    return _COORD_VERB.match(text[max(s_start, c_start - 20) : c_start][::-1]) is not None


def _postposed(
    text: str,
    s_start: int,
    c_start: int,
    c_end: int,
    end: int,
    source: Pos | None,
    cues: Sequence[CueHit] = (),
    closes: bool = False,
) -> bool:
    """True when the content comes before the cue: "…, a senior official said on Saturday."; not
    when a verb among *cues* stands between ("…, aside from saying he wants"). With *closes*, the
    caller has already found that the cue can close its sentence (:func:`_closes_sentence`)."""
    if not closes and not _closes_sentence(text, s_start, c_start, c_end, end):
        return False
    anchor = source.start if source and source.start < c_start else c_start
    comma = text.rfind(",", s_start, anchor)
    quote = max(text.rfind("”", s_start, anchor), text.rfind('"', s_start, anchor))
    cut = max(comma, quote)
    # the speaker stands alone between the content and the cue: ", a senior official said";
    # not after a conjunction or a participle: ", though she acknowledged it was unlikely",
    # ", saying anybody who complains is wrong"
    # a speaker with its appositions ("“…,” Ruth Vance, the treasurer of Iowa,
    # one of the states objecting, said"): the words read are the speaker's own
    named_end = (
        source.end
        if source is not None and cut < source.start and _PARENTHETICALS.match(text, source.end, c_start)
        else c_start
    )
    if cut <= s_start + 10 or not _at_most_words(text, cut, named_end, 8):
        return False
    opening = _WORD.search(text, s_start, cut)  # the first word of the content
    if opening is not None:
        lead = opening.group().lower()
        if lead in _NOT_SUBJECT and _at_most_words(text, s_start, cut, 6):
            return False  # "In a statement, the ministry welcomed ...": a lead-in, not the content
        if text[s_start].isalpha() and text.find(",", s_start, cut) < 0:
            if lead in _SUBORDINATORS:
                return False  # "When Clinton noted ..., Trump boasted, “…”": only a subordinate clause before
            if lead in _SUBORDINATOR_LEADS:  # "even when ..."
                second = _WORD.search(text, opening.end(), cut)
                if second is not None and second.group().lower() in _SUBORDINATORS:
                    return False
    if any(
        cut < at < c_start and (h := _head_option(options)) is not None and h.pos == "verb" for at, _, options in cues
    ):
        return False
    if any(w.lower() in _NOT_IN_SPEAKER for w in _WORD.findall(text, cut, named_end)):
        return False  # ", they should fix the roads rather than blame him": a clause, not a speaker
    first = _WORD.search(text, cut, c_start)
    return first is None or (first.group().lower() not in _CONJUNCTIONS and not first.group().endswith("ing"))


# words that make the words before a closing cue a clause of their own, not its speaker
_NOT_IN_SPEAKER = frozenset("should would will can could must may might shall to than not".split())


def _opening_speech(text: str, s_start: int, c_start: int, head: Cue) -> bool:
    """True for a finite speech verb after a short subject that opens the sentence: "DuVernay said
    she felt …, she said" holds two attributions, not one closing the whole sentence."""
    return (
        head.role == "speech"
        and head.pos == "verb"
        and head.tense is not None
        and text.find(",", s_start, c_start) < 0
        and _at_most_words(text, s_start, c_start, 3)
        and text[s_start:c_start].strip()[:1].isupper()
    )


def _new_clause_speech(text: str, s_start: int, c_start: int, head: Cue, slots: list[Slot]) -> bool:
    """True for a finite speech verb right after its own named subject that opens a clause of
    its own inside what an earlier cue covers: "…, when Clinton blasted him", "… ― Trump boasted",
    "…, Republican nominee Donald Trump said"; not reported speech ("said that Trump argues")."""
    if head.role != "speech" or head.pos != "verb" or head.tense is None:
        return False
    i = bisect.bisect_left([slot.end for slot in slots], c_start + 1) - 1
    if i < 0 or slots[i].possessive or not _at_most_words(text, slots[i].end, c_start, 0):
        return False
    pos = slots[i].start
    for w_start, w_end, word in reversed(_last_words(text, s_start, pos, 4)):
        if any(mark in text[w_end:pos] for mark in ",―—–;"):
            return True
        lowered = word.lower()
        if lowered in _SUBORDINATORS:
            return True
        if lowered in ("that", "who", "which") or lowered in _NOT_SUBJECT:
            return False
        pos = w_start
    return False


def _closes_sentence(text: str, s_start: int, c_start: int, c_end: int, end: int) -> bool:
    """True for a cue that can close its sentence: at most five words after it, or right after a
    quotation ('"…," said David Wasserman, House editor for …'), or inverted after a comma with a
    name and its apposition after it ("…, said Mr. Barrett, the lawyer for the agency")."""
    if _after_quote(text, s_start, c_start):
        return True
    if _at_most_words(text, c_end, end, 5):
        # "The senator, who chairs the panel, said the threat was growing": a clause after the
        # cue (up to the next comma) is what is said, not who says it
        return not _clause_after(text, c_end, end)
    if text[max(s_start, c_start - 2) : c_start].strip() != ",":
        return False
    named = _name_after(text, c_end, end)
    return named is not None and text.startswith(",", named.end)


def _after_quote(text: str, s_start: int, c_start: int) -> bool:
    """True for a cue right after a closing quotation mark and its comma: '"…," said', "…,’’ said"."""
    before = text[max(s_start, c_start - 4) : c_start].rstrip()
    return len(before) > 1 and before[-1] in "”\"'" and before[-2] in ",!?'"


def _participle_split(
    text: Text, s_start: int, cues: list[CueHit], index: int, head: Cue | None, decisions: CameoDecisions
) -> int | None:
    """Where the clause before the speech participle ``cues[index]`` ends, when it is a claim
    of its own: the comma before one that trails a clause (", saying", ", even suggesting")
    after an act or with a clause after it (see :func:`_after_act`), or the preposition before
    one ("answered the charge by saying", "despite admitting"); else None."""
    c_start = cues[index][0]
    if head is None or head.role == "action" or head.pos != "verb" or head.tense is not None:
        return None
    before = text[max(s_start, c_start - 20) : c_start][::-1]
    m = _PARTICIPLE_LEAD.match(before)
    if m is not None:
        return c_start - m.end() if _after_act(text, s_start, cues, index, decisions) else None
    m = _PREPOSITION_BEFORE.match(before)
    return None if m is None else c_start - m.end()


def _after_act(text: Text, s_start: int, cues: list[CueHit], index: int, decisions: CameoDecisions) -> bool:
    """True when the participle ``cues[index]`` says something of its own: the cues before it that
    can head a claim are acts (or there are none), or what follows it is a clause ("adding that
    …", "saying it …", "saying, “…")."""
    if _CLAUSE_AFTER.match(text, cues[index][1]):
        return True
    for c_start, _, options in cues[:index]:
        head = _head_option(options)
        # a judging cue ("mocked", "praised") is an act too; a statement or a frame goes on (not
        # a noun: "the plan")
        if (
            head is not None
            and not (head.role == "action" or decisions.is_event(head.cameo))
            and not text.quoted(c_start, s_start)
            and not _DETERMINER_BEFORE.match(text[max(0, c_start - 40) : c_start][::-1])
        ):
            return False
    return True


def _frames_next_cue(text: str, s_start: int, c_start: int, c_end: int, next_start: int, head: Cue) -> bool:
    """True for a cue that only frames the clause of the next one: a participle opening the
    sentence ("Asked about the blast, Clinton said ...": its subject is the main clause's), or
    a speech phrase other than "according to" before another cue ("In a statement, Husted said")."""
    if head.pos == "phrase" and head.role == "speech":
        return head.lemma != "according to"
    if head.pos != "verb" or head.tense == "present" or text.find(",", c_end, next_start) < 0:
        return False
    lead = text[s_start:c_start].strip(" \"“‘'(\n\t")
    if not lead:
        return True
    # "In a Facebook message posted Friday, Cruz said": a participle in an opening phrase
    words = _WORD.findall(lead)
    if not words:
        return True  # only punctuation before it ("— Asked about ..."): it opens the sentence
    return len(words) <= 6 and words[0].lower() in _NOT_SUBJECT and "," not in lead


def _main_clause(text: Text, s_start: int, cues: list[CueHit]) -> tuple[int, int] | None:
    """``(comma, index)`` of the main clause's finite cue in a sentence that opens with a
    subordinate clause: "When Clinton noted ..., Trump boasted ...": the first cue's content
    ends at the comma and ``cues[index]`` has a subject of its own."""
    opening = _WORD.search(text, s_start, cues[0][0])
    if opening is None:
        return None
    first = opening.group().lower()
    if first not in _SUBORDINATORS:
        if first not in _SUBORDINATOR_LEADS:
            return None
        second = _WORD.search(text, opening.end(), cues[0][0])  # "even when ..."
        if second is None or second.group().lower() not in _SUBORDINATORS:
            return None
    for index in range(1, len(cues)):
        c_start = cues[index][0]
        head = _head_option(cues[index][2])
        if head is None or head.pos != "verb" or head.tense is None or text.quoted(c_start, s_start):
            continue
        comma = text.rfind(",", cues[index - 1][1], c_start)
        if comma >= 0 and 1 <= _gap_words(text[comma:c_start]) <= 6 and not text.quoted(comma, s_start):
            return comma, index
    return None


class ClosingScan(NamedTuple):
    """What a right-to-left scan of a sentence's cues finds: where its content ends, how far the
    closing cue's content reaches (*consumed*), the closing cue and where its clause ends, and
    the answers to two tests asked of each cue (quoted, read as a noun), kept for later."""

    end: int
    consumed: int
    closing: tuple[int, int] | None
    quoted: list[bool | None]
    nouns: dict[int, bool]


def find_closing_cue(text: Text, s_start: int, s_end: int, cues: list[CueHit], heads: list[Cue | None]) -> ClosingScan:
    """The speech cue that closes its sentence ("…, a senior official said."), read from the last cue back."""
    consumed = s_start
    end = _strip_end(text, s_start, s_end)
    closing: tuple[int, int] | None = None  # the closing cue and where its clause ends
    # tests asked of a cue by both passes below, answered once: whether it is quoted, and
    # (for its own reading) whether it reads as a noun
    quoted: list[bool | None] = [None] * len(cues)
    nouns: dict[int, bool] = {}
    for index in range(len(cues) - 1, -1, -1):
        head = heads[index]
        if head is None or head.pos != "verb" or (head.tense is not None and head.role != "speech"):
            continue  # neither a participle nor a speech verb: nothing below applies
        c_start, c_end, _ = cues[index]
        quoted[index] = is_quoted = text.quoted(c_start, s_start)
        if is_quoted:
            continue  # words quoted are the content, not who says it
        if head.tense is None:
            if _PARTICIPLE_LEAD.match(text[max(s_start, c_start - 20) : c_start][::-1]):
                # '"…," the mayor said, adding that …': the participle clause trails the closing cue
                comma = text.rfind(",", s_start, c_start)
                end = comma if comma > s_start else end
            continue
        # a speech verb with a tense: the last one not read as a noun may close the sentence
        nouns[index] = _noun_reading(
            text, s_start, c_start, c_end, head, text[max(s_start, c_start - 40) : c_start][::-1]
        )
        if nouns[index]:
            continue  # "… before details emerge": a noun ends the sentence, not a closing cue
        if (
            text[c_start:c_end].lower() == head.lemma
            and head.lemma not in ("say", "tell")
            and not _PLURAL_BEFORE.match(text[max(s_start, c_start - 20) : c_start][::-1])
        ):
            continue  # "…, critics argue", but not "a tireless, dedicated advocate for farmers"
        # the speaker stands before the cue, or after it when the cue follows a comma
        if _closes_sentence(text, s_start, c_start, c_end, end):
            speaker_before = (
                None if text[max(s_start, c_start - 2) : c_start].strip() == "," else _np_before(text, s_start, c_start)
            )
            if _postposed(text, s_start, c_start, c_end, end, speaker_before, cues, closes=True):
                consumed = c_start
                closing = (c_start, end)
        break
    return ClosingScan(end, consumed, closing, quoted, nouns)


def clause_splits(
    text: Text, s_start: int, cues: list[CueHit], heads: list[Cue | None], decisions: CameoDecisions
) -> tuple[list[int], dict[int, int], list[tuple[int, int]], tuple[int, int] | None]:
    """Where a sentence's clauses split between its cues: the indexes of coordinated finite verbs,
    the participles that say something of their own (index: where the clause before ends), and
    every split as ``(offset, index of the cue after it)``, in order, and the main clause of a
    sentence that opens with a subordinate clause (see :func:`_main_clause`)."""
    # "attacked and killed", "met Li and signed": a later finite verb after a conjunction
    # is an event of its own with the same subject
    coordinated: list[int] = []
    # ", saying ...", ", urging ...": a speech or frame participle after a comma that follows an
    # act ("attacked Clinton, saying ...") is said by the subject of the clause before it, and
    # ends that clause's content at its comma; after a speech or a frame it goes on with what
    # is said ("pledged to ..., reaffirming ..."); after a preposition it is one ("by saying")
    participles: dict[int, int] = {}
    for i in range(1, len(cues)):
        reading = heads[i]
        if reading is None or reading.pos != "verb":
            continue  # neither test holds for a noun, a phrase or no reading
        if reading.tense is not None:
            if _is_coordinated(text, s_start, cues[i][0], cues[i][1], reading):
                coordinated.append(i)
        elif reading.role != "action":
            at = _participle_split(text, s_start, cues, i, reading, decisions)
            if at is not None:
                participles[i] = at
    splits = [(cues[i][0], i) for i in coordinated] + [(comma, i) for i, comma in participles.items()]
    main = _main_clause(text, s_start, cues) if len(cues) > 1 else None
    if main is not None:
        splits.append(main)
    splits.sort()
    return coordinated, participles, splits, main
