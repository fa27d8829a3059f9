"""Stage 2, attribution: who says, frames or does what around each cue of a sentence.

:func:`_sentence` reads the cues of a sentence in order (which one closes it, where
coordinated verbs and participles split it, which cues only frame the next one), finds
each cue's subject (:mod:`.actors`, :mod:`.speakers`) and makes a draft claim of it with
:func:`_claim`, whose event reading, code, modality and tense come from :mod:`.coding`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from .._lexicon import Cue
from .actors import EventPlace, _actors, _agent, _subject, find_targets
from .clauses import (
    _PARTICIPLE_LEAD,
    _frames_next_cue,
    _new_clause_speech,
    _opening_speech,
    _postposed,
    clause_splits,
    find_closing_cue,
)
from .coding import _code, claim_confidence, modality_and_tense, read_event, settle_event
from .readings import (
    _PASSIVE_AUX,
    _PREPOSITION_BEFORE,
    _QUOTE_AFTER,
    _consult_noun,
    _light_object,
    _noun_reading,
    _speaking,
    cue_heads,
)
from .records import Context, CueHit, Draft, EvidenceSpan, Pos, Slot, Subject, Tables, cameo_fields
from .speakers import (
    _STRONG_SPEECH,
    _first_or_second_person,
    _np_before,
    _opening_name,
    _reduced_relative,
    _speaker_like,
    _unlinked_agent,
)
from .text import Text, _clause_end
from .words import _at_most_words, _strip_end, _strip_span, backward

if TYPE_CHECKING:
    from .sentences import ArticleState, Sentence


_THAT = re.compile(r"\s*(?:that\s+|,\s*)?", re.I)
# a short phrase between the cue and "that" ("wrote on Twitter that", "said in a statement
# that", "told reporters on Monday that"): what is said starts after "that"
_PHRASE_THAT = re.compile(
    r"\s+(?:on|in|to|at|during|after|before|with|via)\s+(?:(?:a|an|the|his|her|its|their)\s+)?[\w'’\-.]+"
    r"(?:\s+[\w'’\-.]+)?(?:\s+(?:on|in|at)\s+[\w'’\-.]+)?\s+that\s+"
)
# whom a verb of telling addresses, before "that" ("told analysts that", "warned Iran on
# Monday that"): what is said starts after "that"
_ADDRESSEE_THAT = re.compile(r"\s+(?:[\w'’\-.]+\s+){1,3}?that\s+")
_ADDRESSING = frozenset({"tell", "warn", "assure", "inform", "remind", "notify", "advise", "caution", "promise"})


_WITHOUT = backward(r"\b(?:without)(?:\s+\w+ly)?\s+", re.I)


# "is (once again) questioning", "’s claiming", "isn’t saying", "keeps saying", read backward
_AUX_PROGRESSIVE = backward(
    r"\b(?:is|are|was|were|be|been|am|['’]s|['’]re|(?:is|are|was|were)n['’]t|keeps|keep|"
    r"kept)(?:\s+(?:\w+ly|also|(?:once\s+)?again|now|still|even|not|already)){0,2}\s+",
    re.I,
)


_WITH_GROUP = backward(
    r"\bwith\s+(?P<np>(?:(?:all|both)\s+)?(?:the\s+)?(?:(?:two|three|four|five)\s+)?"
    r"(?:parties|sides|countries|nations|ministers|leaders|partners))\s+",
    re.I,
)


#: how far after the source of "according to X" its comma may be ("according to the ministry
#: of health in Nairobi, ...")
_SOURCE_TAIL = 60
# ... and what may stand between the source and that comma: a few short phrases
_SOURCE_TAIL_WORDS = re.compile(r"\s*(?:(?:in|of|at|for|from|on)\s+[\w'’\-.]+\s*){0,3}")


def _sentence(
    tables: Tables,
    text: Text,
    s_start: int,
    s_end: int,
    cues: list[CueHit],
    slots: list[Slot],
    context: Context,
    sentence_subject: tuple[tuple[Slot, ...], str] | None = None,
) -> list[Draft]:
    found: list[Draft] = []
    previous_subject: Subject | None = None
    # the reading of each cue, looked up once for the several passes below
    heads = cue_heads(tables, text, s_end, cues)
    # "…, a senior official said." : the closing speech cue heads the sentence
    _end, consumed, closing, quoted, nouns = find_closing_cue(text, s_start, s_end, cues, heads)
    coordinated, participles, splits, main = clause_splits(text, s_start, cues, heads, tables.lexicon.decisions)
    framing = s_start  # the end of a participle phrase opening the sentence ("Asked about …,")
    for index, (c_start, c_end, options) in enumerate(cues):
        is_coordinated = index in coordinated and previous_subject is not None
        head = heads[index]
        consult = (
            _consult_noun(text, s_start, c_start, c_end, s_end, options, tables.lexicon.decisions)
            if text.startswith(" with", c_end)
            else None
        )  # the cheap test first
        if consult is not None:
            # "Li conveyed this message during a meeting with Oyun-Erdene": the meeting is an
            # event of the clause's subject with the one met
            if previous_subject is not None and previous_subject[0] and previous_subject[2] != "none":
                draft = _claim(
                    tables,
                    text,
                    s_start,
                    s_end,
                    c_start,
                    c_end,
                    consult,
                    cues,
                    slots,
                    previous_subject[0],
                    None,
                    previous_subject[2],
                    context,
                    False,
                    inherited=True,
                )
                if draft is not None:
                    found.append(draft)
            continue
        if head is None:
            continue
        if (
            head.pos == "phrase"
            and found
            and found[-1].cue.end <= c_start
            and not text[found[-1].cue.end : c_start].strip()
        ):
            continue  # "said in a statement": the phrase goes on with the cue before it
        # "according to X" attributes the whole sentence, also after the content of another claim
        according = head.pos == "phrase" and head.role == "speech"
        # the cheap test first: a cue inside the content of an earlier claim (all three tests
        # only skip the cue, so their order does not change what is found)
        if (
            c_start < consumed
            and not is_coordinated
            and not according
            and not (index in participles and previous_subject is not None)
            and not (main and main[1] == index)
            and not (index == 0 and closing is not None and _opening_speech(text, s_start, c_start, head))
            and not (closing is not None and c_start == closing[0])
            and not _new_clause_speech(text, s_start, c_start, head, slots)
        ):
            continue
        is_quoted = quoted[index]
        if is_quoted is None:
            is_quoted = text.quoted(c_start, s_start)
        if is_quoted:
            continue  # quoted words are content, not who says them
        if c_start < framing:
            continue  # "Asked to describe the device, O'Neill said": inside the opening phrase
        if (
            index + 1 < len(cues)
            and _frames_next_cue(text, s_start, c_start, c_end, cues[-1][0], head)
            and any(h is not None and not (h.light and h.role == "action") for h in heads[index + 1 :])
        ):
            if head.pos == "verb" and not text[s_start:c_start].strip(" \"“‘'(\n\t"):
                framing = text.find(",", c_end, cues[-1][0])
            continue
        if head.light and _light_object(text, cues, c_end, s_end, head) is None:
            if not _QUOTE_AFTER.match(text, c_end, s_end):
                continue  # "will continue to grow": a light verb with no event noun is no event
            # "Limbaugh continued: “…”": with a quotation after it, a light verb says it
            head = _speaking(head, tables.lexicon.decisions.statement)
        limit = next((at for at, i in splits if i > index), s_end) if splits else s_end
        if closing is not None and c_start == closing[0]:
            limit = min(limit, closing[1])
        elif closing is not None and c_start < closing[0]:
            # "DuVernay said she felt …, she said": the opening cue's content ends where the
            # closing one's speaker begins
            cut = max(text.rfind(",", c_end, closing[0]), text.rfind("”", c_end, closing[0]))
            limit = min(limit, cut) if cut > c_end else limit
        before = text[max(s_start, c_start - 40) : c_start][::-1]  # reversed: see words.backward
        noun = nouns.get(index) if head is heads[index] else None
        if noun is None:
            noun = _noun_reading(text, s_start, c_start, c_end, head, before)
        if noun:
            continue
        negated_by_without = bool(_WITHOUT.match(before))
        passive = (
            head.pos == "verb"
            and head.tense == "past"
            and _PASSIVE_AUX.match(before) is not None
            and (head.role != "frame" or head.frame in ("appeal", "demand"))
        )
        found_subject = _cue_subject(
            tables,
            text,
            s_start,
            s_end,
            c_start,
            c_end,
            head,
            before,
            index,
            cues,
            heads,
            slots,
            context,
            previous_subject,
            sentence_subject,
            is_coordinated,
            negated_by_without,
            passive,
            limit,
        )
        if found_subject is None:
            continue
        subject_slots, source_span, how, patients, inherit = found_subject
        if how == "none" and head.role == "action" and not patients:
            continue  # an event with no actor is no claim
        draft = _claim(
            tables,
            text,
            s_start,
            s_end,
            c_start,
            c_end,
            head,
            cues,
            slots,
            subject_slots,
            source_span,
            how,
            context,
            negated_by_without,
            inherit,
            patients=patients,
            limit=limit,
        )
        if draft is None:
            continue
        found.append(draft)
        # the grammatical subject carries over: the patient of a passive, else the source
        previous_subject = (
            Subject(patients, None, "direct") if passive and patients else Subject(subject_slots, source_span, how)
        )
        if how == "direct" and len(subject_slots) == 1 and subject_slots[0].person:
            context.person = subject_slots[0]
        if draft.fields["sources"]:
            context.sources = draft.fields["sources"]
            context.speaker = draft.fields["speaker"]
        # what follows in the content belongs to this claim, up to the next clause break
        consumed = max(consumed, _clause_end(text, c_end, limit if closing and c_start == closing[0] else s_end))
    if len(found) > 1:
        _end_contents_at_contrasts(text, found)
    return found


# ", but", "; while", "; whereas": a clause of its own follows, set against the one before
_CONTRAST = re.compile(r"(?:,|;)\s+(?:but|while|whereas|although|though|yet)\s+|;\s+")


def _end_contents_at_contrasts(text: Text, found: list[Draft]) -> None:
    """End a claim's content where a later claim of the sentence opens a contrasting clause
    with its own source: "Residents said soldiers fired on the crowd, but the army denied it"
    (what residents said ends at ", but")."""
    for draft in found:
        content = draft.content
        if content is None or content.start < draft.cue.end:
            continue  # content before its cue ("…, the army said"): nothing of it follows
        for later in found:
            source = later.speaker_span or later.source
            if later is draft or source is None or not content.start < source.start < content.end:
                continue
            cut = None
            for match in _CONTRAST.finditer(text, content.start, source.start):
                cut = match
            if cut is not None and not text[cut.end() : source.start].strip():
                draft.content = _strip_span(text, content.start, cut.start()) or content
                break


class CueSubject(NamedTuple):
    """Who a cue's claim is of (see :class:`Subject`), whom a passive acts on, and whether the cue
    inherits the subject of the clause before it (a participle, "without", a coordinated verb)."""

    slots: tuple[Slot, ...]
    source: Pos | None
    how: str
    patients: tuple[Slot, ...]
    inherit: bool


def _cue_subject(
    tables: Tables,
    text: Text,
    s_start: int,
    s_end: int,
    c_start: int,
    c_end: int,
    head: Cue,
    before: str,
    index: int,
    cues: list[CueHit],
    heads: list[Cue | None],
    slots: list[Slot],
    context: Context,
    previous_subject: Subject | None,
    sentence_subject: tuple[tuple[Slot, ...], str] | None,
    is_coordinated: bool,
    negated_by_without: bool,
    passive: bool,
    limit: int,
) -> CueSubject | None:
    """The subject of the cue ``cues[index]`` read as *head* (*before*: the reversed text before
    it), or None when it has none to claim for: a participle with no subject in sight, a passive
    speech verb with no agent."""
    absolute = opener = speaking_after_comma = reduced = None
    if head.pos == "verb" and head.tense is None:
        # ", saying", and "by saying", "despite admitting": the subject of the clause speaks
        participle = _PARTICIPLE_LEAD.match(before) is not None or (
            _PREPOSITION_BEFORE.match(before) is not None and head.role != "action"
        )
        # ", saying ..." after a clause whose subject opens the sentence: that subject speaks
        if (
            participle
            and previous_subject is None
            and sentence_subject
            and sentence_subject[1] == "direct"
            and sentence_subject[0][-1].end <= c_start
        ):
            opener = sentence_subject[0]
        # "with all parties expressing support": the group last named
        absolute = _WITH_GROUP.match(before) if context.group else None
        if participle and not previous_subject and not opener and head.role != "action":
            speaking_after_comma = _opening_name(text, s_start, c_start)
            if speaking_after_comma is None and _PARTICIPLE_LEAD.match(before):
                # "In 1986, the Supreme Court blocked …, citing …": the subject of the
                # clause's finite verb, as written
                verb = next(
                    (
                        c
                        for c, h in zip(cues[:index], heads[:index])
                        if h is not None and h.pos == "verb" and h.tense is not None and not text.quoted(c[0], s_start)
                    ),
                    None,
                )
                speaking_after_comma = _np_before(text, s_start, verb[0]) if verb else None
        if not (
            participle
            or negated_by_without
            or opener
            or absolute
            or speaking_after_comma
            or head.role == "action"
            or _AUX_PROGRESSIVE.match(before)
        ):
            # "a Donald Trump tweet attacking …", "footage of Clinton asking …": the
            # participle says what the name or the message before it says
            reduced = _reduced_relative(text, s_start, c_start, slots)
        if not (
            negated_by_without
            or _AUX_PROGRESSIVE.match(before)
            or (participle and previous_subject)
            or opener
            or absolute
            or speaking_after_comma
            or reduced
        ):
            return None
        inherit = negated_by_without or participle or absolute is not None
    else:
        inherit = is_coordinated
    if absolute is not None:
        subject_slots, how = context.group, "anaphor"
        source_span: Pos | None = Pos(c_start - absolute.end("np"), c_start - absolute.start("np"))
    elif inherit and previous_subject is not None:
        subject_slots, source_span, how = previous_subject
        if how != "none":
            source_span = None  # a named subject speaks again; an unlinked one keeps its words
    elif opener:
        subject_slots, source_span, how = opener, Pos(opener[0].start, opener[-1].end), "direct"
    elif reduced:
        subject_slots, source_span, how = reduced
    elif speaking_after_comma:
        # ", saying ..." after a subject that is no tagged entity: "Rival Hillary Clinton had
        # mocked the complaint, saying ..."; "He ..., saying" is the last person named
        named = speaking_after_comma
        if text[named.start : named.end] in ("He", "She") and context.person is not None:
            subject_slots, source_span, how = (context.person,), named, "pronoun"
        else:
            subject_slots, source_span, how = (), speaking_after_comma, "none"
    else:
        # an unlinked subject of an act is no claim, and a passive takes its source from
        # its agent: then the words before the cue are not read
        subject_slots, source_span, how = _subject(
            tables,
            text,
            s_start,
            c_start,
            c_end,
            s_end,
            head,
            slots,
            context,
            unlinked=not passive and head.role != "action",
        )
    patients: tuple[Slot, ...] = ()
    if passive:  # "Mongolia was attacked by Russia": the agent acts on the subject
        patients = subject_slots
        agent = _agent(text, slots, c_end, min(limit, _clause_end(text, c_end, s_end)))
        if agent:
            subject_slots, source_span, how = agent, Pos(agent[0].start, agent[-1].end), "direct"
        elif head.role == "speech":
            # "was first reported by The Washington Post", "were echoed by a number of experts":
            # an agent that is no tagged entity is the speaker as written
            unlinked = _unlinked_agent(text, c_end, min(limit, _clause_end(text, c_end, s_end)))
            if unlinked is None:
                return None  # "is expected to", "was reported": no speaker, the subject is the topic
            subject_slots, source_span, how = (), unlinked, "none"
        else:
            subject_slots, how = (), "none"
            source_span = None
    return CueSubject(subject_slots, source_span, how, patients, inherit)


def _claim(
    tables: Tables,
    text: Text,
    s_start: int,
    s_end: int,
    c_start: int,
    c_end: int,
    head: Cue,
    following: list[CueHit],
    slots: list[Slot],
    subject: tuple[Slot, ...],
    source_span: Pos | None,
    how: str,
    context: Context,
    negated_by_without: bool,
    inherited: bool = False,
    patients: tuple[Slot, ...] = (),
    limit: int | None = None,
) -> Draft | None:
    end = _strip_end(text, s_start, s_end)
    if limit is not None and limit < end:
        end = _strip_end(text, s_start, limit)
        end = end if end > c_end else limit
    clause_end = min(_clause_end(text, c_end, s_end), end)
    postposed = (
        head.role == "speech"
        and not inherited
        and (
            # a speaker written after its cue and a comma: the words before are what is said
            # ("He lost, explained Paul Grady to reporters")
            (source_span is not None and source_span.start >= c_end and text[s_start:c_start].rstrip().endswith(","))
            or _postposed(text, s_start, c_start, c_end, end, source_span, following)
        )
    )
    if postposed:
        anchor = source_span.start if source_span else c_start
        cut = text.rfind(",", s_start, anchor)
        # "“…,” the governor, Ann Bell, said": the quotation closes the content, not the comma
        # after the speaker's title
        quote = max(text.rfind("”", s_start, anchor), text.rfind('"', s_start, anchor))
        # (a quotation that opens the sentence and closes with a comma or a full stop: not "The
        # “reform” failed, the …", nor "“Socialism” will fail, the senator warned")
        if (
            s_start < quote < cut
            and text[s_start:quote].lstrip()[:1] in ("“", '"')
            and (text[quote - 1] in ",.!?" or text.startswith(",", quote + 1))
            and _at_most_words(text, quote, anchor, 6)
        ):
            cut = quote + 1
        content = _strip_span(text, s_start, cut if cut > s_start else c_start)
        inner_from, inner_to = content.start if content else s_start, content.end if content else c_start
    else:
        m = (
            _PHRASE_THAT.match(text, c_end, end)
            or (_ADDRESSEE_THAT.match(text, c_end, end) if head.lemma in _ADDRESSING else None)
            or _THAT.match(text, c_end, end)
        )
        begin = m.end() if m else c_end
        inner_from = c_end
        if (
            head.lemma == "according to"
            and source_span is not None
            and c_end <= source_span.start
            and source_span.end < end
            and not text[s_start:c_start].strip(" \"“‘'(\n\t")
        ):
            # "According to the ministry, 40 people died": what is reported follows its source
            # and the comma closing it ("… the ministry in Nairobi, …"), not a comma of its own
            comma = text.find(",", source_span.end, min(end, source_span.end + _SOURCE_TAIL))
            closes = comma >= 0 and _SOURCE_TAIL_WORDS.fullmatch(text, source_span.end, comma) is not None
            begin = inner_from = comma + 1 if closes else source_span.end
        content = _strip_span(text, begin, end) if begin < end else None
        inner_to = clause_end if head.role != "speech" else end
    event = read_event(tables, text, head, c_start, c_end, inner_from, inner_to, clause_end, following, slots, patients)
    if event is None:
        return None
    settle_event(tables, text, head, event, c_end, inner_from, postposed)
    frame, action, event_end, inner_subject = event.frame, event.action, event.event_end, event.inner_subject
    code = _code(tables, head, frame, action)
    sources_slots = inner_subject or subject
    sources = _actors(sources_slots)
    found_targets = find_targets(
        tables,
        text,
        head,
        c_end,
        end,
        inner_to,
        postposed,
        following,
        slots,
        sources,
        code,
        EventPlace(event.action, event.frame, event.action_at, event.event_end, event.modal_targets, event.patients),
        context,
    )
    targets = tuple(dict.fromkeys(a for a in found_targets if a not in sources)) if found_targets else ()
    if not targets and found_targets and len(sources) == 1 and tables.lexicon.decisions.is_event(code):
        # a distinct mention of the source's own state as patient: a domestic event
        # ("Museveni threatened to ban Ugandan opposition candidates")
        targets = tuple(dict.fromkeys(found_targets))
    if not sources and not targets and head.role == "action":
        return None
    speaker = None
    if head.role in ("speech", "frame") and subject and how != "none":
        speaker = subject[0].speaker if len(subject) == 1 else None
    modality, tense = modality_and_tense(
        tables, text, head, s_start, c_start, c_end, subject, how, negated_by_without, frame, action, event_end
    )
    confidence = claim_confidence(
        how, bool(inner_subject), bool(targets), action is not None or frame is not None, modality
    )
    ev_start = min(
        c_start,
        source_span.start if source_span and source_span.start >= s_start else c_start,
        content.start if content else c_start,
    )
    ev_end = max(
        c_end, content.end if content else c_end, source_span.end if source_span and source_span.end <= s_end else c_end
    )
    predicate = None
    if (
        how == "anaphor"
        and action is None
        and frame is None
        and head.role == "speech"
        and tables.lexicon.decisions.is_statement(head.cameo)
    ):
        # "The ministers emphasized the value of ...": a group anaphor with no event is no claim
        # of the group; it stays an attribution with its span as written
        sources, targets, speaker, source_span_kept = (), (), None, False
    else:
        # a finite speech verb makes any subject a source ("one slide says", "the ruling said"),
        # but "I think", "you want" (mostly inside a quotation) attribute nothing
        source_span_kept = (
            how != "none"
            or (head.pos == "phrase" and head.role == "speech")
            or (
                not _first_or_second_person(text, source_span)
                and (
                    (head.lemma in _STRONG_SPEECH and head.pos == "verb" and head.tense is not None)
                    or _speaker_like(text, source_span)
                )
            )
        )
    if not sources and not targets:
        # who said it, even unlinked ("a senior official said"): a statement, no event of its own
        predicate = "says"
        code = code if tables.lexicon.decisions.is_statement(code) else None
    speaker_span = (
        source_span
        if source_span is not None and s_start <= source_span.start and source_span_kept and head.role != "action"
        else None
    )  # an event told by the article
    # a draft: the attrs values (and their validation) are made only for the claims kept
    fields = {
        "speaker": speaker,
        "predicate": predicate,
        "cue": text[c_start:c_end],
        "cue_lemma": head.lemma,
        "sources": sources,
        "targets": targets,
        **cameo_fields(tables.cameo, code),
        "modality": modality,
        "tense": tense,
        "confidence": confidence,
    }
    return Draft(
        source_span,
        Pos(c_start, c_end),
        content,
        speaker_span,
        [EvidenceSpan(ev_start, ev_end, s_start, s_end)],
        fields,
    )


def cue_claims(state: ArticleState, sentence: Sentence, context: Context) -> None:
    """The sentence pass of :func:`_sentence`, for a sentence with cues."""
    if sentence.cues:
        state.drafts.extend(
            _sentence(
                state.tables,
                state.text,
                sentence.start,
                sentence.end,
                sentence.cues,
                sentence.slots,
                context,
                sentence.subject,
            )
        )
