"""Stage 3, actors and targets: entity mentions grouped into actor slots, the subject of a cue
(a name before it, a pronoun or anaphor, the speaker after an inverted cue), coordinated
lists ("China, Russia and Mongolia"), and the targets of a claim."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from geotext import Entity

from .._lexicon import Cue
from .clauses import _coordinated_clause_end
from .records import Context, CueHit, Pos, Slot, Subject, Tables
from .speakers import _BY_AGENT, _HE_SHE, _RELATIVE_BEFORE, _STRONG_SPEECH, _name_after, _np_after, _np_before
from .text import Text, _clause_start, _mask_parentheticals, _target_end
from .words import (
    _LEADING_POSSESSIVE,
    _NOT_SUBJECT,
    _PARENTHETICALS,
    _POSSESSIVE,
    _WORD,
    _at_most_words,
    _clause_after,
    _gap_words,
    _preceded_by_preposition,
    _strip_end,
    _strip_span,
    backward,
)

_TARGET_PREP = frozenset("with to against on at toward towards into upon over between".split())


_COORD = re.compile(r"^(?:\s*,)?\s*(?:and|or|&|as well as|plus|together with)?\s*(?:the\s+)?$", re.I)


_COMMA_ONLY = re.compile(r"^\s*,\s*(?:the\s+)?$")


_THEY = re.compile(
    r"^\s*(?:They|The\s+(?:two|three|four|five|several)\s+(?:countries|nations|states|sides|leaders|ministers)"
    r"|Both\s+(?:sides|countries|leaders)|The\s+(?:ministers|leaders|parties|sides))\b"
)


_IT = re.compile(r"^\s*(?:It|This\s+\w+|The\s+move|That\s+\w+|This|That)\b")


_GROUP_OBJECT = re.compile(r"\b(?:its|their)\s+(?:\w+\s+)?(?:neighbou?rs|partners|allies|counterparts)\b", re.I)


_ITS = re.compile(r"\bits\b", re.I)


# ", a key ally in the region," after a subject: an apposition (it ends at its comma)
_APPOSITION = re.compile(r"(?:['’]s?)?\s*,\s*(?:a|an|the|one|its|his|her|their|who|which|whose)\s[^,;:()]{1,100},")


# one to three words that describe a person before the name, after an inverted cue: lower
# case or with digits ("9/11 widow", "longtime pollster"), no article, pronoun or preposition
_DESCRIBED = re.compile(
    r"(?:\s+(?!(?:a|an|the|of|for|to|by|at|in|on|with|from|who|which|that|his|her|its|their|and|or|but|both|"
    r"near|under|after|before|like|outside|inside|including|against|behind|around|among|over)\b)"
    r"(?:[a-z][\w'’-]*|[\w/'’-]*\d[\w/'’-]*)){1,3}\s+"
)
# words that open a sentence before its subject and are no part of it ("But", "Today"):
# skipped; after a comma ("However,", "Yesterday,") they open a leading phrase
_OPENING_WORDS = frozenset(
    """But And Or So Yet Then Now Today Tonight Yesterday Tomorrow Meanwhile However Still Instead Also
    Later Earlier Separately Elsewhere Here There Again Thus Indeed Finally Overall Nationwide Moreover
    Furthermore Similarly Likewise Nevertheless Nonetheless Otherwise Recently Previously Currently Initially
    Ultimately Eventually Apparently Reportedly Additionally Frankly Clearly Notably Importantly Interestingly
    Unfortunately Fortunately Surprisingly Publicly Privately Personally Originally Officially Subsequently
    Consequently Accordingly Specifically Ironically Historically Obviously Understandably Predictably
    Presumably Evidently Seemingly Certainly Hopefully Allegedly Honestly Supposedly Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday""".split()
)
# reporting verbs that take no person as their object: a name right after them, after a
# comma, is their speaker ("…, said Paul Grady on Monday"; "…, complained Paul Grady")
_INVERTING_VERBS = frozenset(
    """say add stress insist note explain complain lament emphasize emphasise observe counter tweet write
    report argue contend declare state reply respond recall conclude acknowledge admit claim assert allege
    continue announce suggest predict quip retort concede""".split()
)
# words in -ing that open a title ("Acting Secretary Tom Reyes")
_TITLE_INGS = frozenset(
    "Acting Managing Presiding Ranking Outgoing Incoming Leading Visiting Reigning Founding".split()
)
# words before a name that make it no subject: prepositions, and participles ("Citing X")
_NOT_BEFORE_SUBJECT = frozenset(
    """in on at after before with during since despite under over for from near like unlike as across inside
    outside against without within beyond through throughout among amid along around behind below beside
    besides between by following toward towards upon via of to about than""".split()
)
# a phrase opening a sentence before its subject ("With a week to go, Morel, an aide, said"),
# or an opening word and its comma ("However, ")
_LEADING_PHRASE = re.compile(
    r"[\"“‘']?(?:(?:In|On|At|After|Before|With|During|Since|Despite|Under|Over|For|From|Last|Earlier|Later|This)"
    r"\b[^,;:()]{1,80}|[A-Z][a-z]+ly|" + "|".join(sorted(_OPENING_WORDS)) + r"),\s*"
)
# a capitalised name as written, of two words or more or a title and a name ("Ana Lind",
# "Mr. Reyes"); its first word is checked against _OPENING_WORDS and _NOT_BEFORE_SUBJECT
_OPENING_NAME = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen)\.\s+[A-Z][\w'’-]*|[A-Z][\w'’-]*(?:\s+[A-Z][\w.'’-]*){1,4})"
)

# "<noun phrase> in|from (the) <state>" read backward from the state
_LOCATED_IN = backward(r"(?<=\w)\s+(?:in|from|throughout|across)(?:\s+the)?\s+", re.I)


_CLOSERS = frozenset(",”\"’'―—")


# a subordinate clause with a subject of its own, with no comma before it ("struck Gaza after
# Hamas fired rockets", "sent aid while Russia warned"): its actors are not the claim's targets
_SUBORDINATE = re.compile(r"\s(?:after|while|whereas|although|though|because|unless|until|if)\s+(?:the\s+)?[A-Z]")
_SUBORDINATE_TIME = re.compile(r"\s(?:after|while|whereas|although|though|because|until)\s+(?:the\s+)?[A-Z]")


def _subject(
    tables: Tables,
    text: Text,
    s_start: int,
    c_start: int,
    c_end: int,
    s_end: int,
    head: Cue,
    slots: list[Slot],
    context: Context,
    unlinked: bool = True,
) -> Subject:
    """Return the subject slots, the source span as written and how they were found.

    Without *unlinked*, a subject that is no tagged entity is not looked for in the words
    before or after the cue: ``((), None, "none")`` is returned instead.
    """
    if head.pos == "phrase" and head.role == "speech":  # "according to X"
        after = [s for s in slots if c_end <= s.start <= c_end + 40]
        if after and not text[c_end : after[0].start].strip(" ,the"):
            chain = _chain_forward(text, after, 0)
            return Subject(chain, Pos(chain[0].start, chain[-1].end), "direct")
        span = _np_after(text, c_end, s_end)
        return Subject((), span, "none")
    clause_start = _clause_start(text, s_start, c_start)
    if (
        "," in text[max(s_start, c_start - 16) : c_start]
        and (found := _parenthesised_subject(text, s_start, clause_start, c_start, slots, unlinked)) is not None
    ):
        # "Maria Kovacs, the foreign minister, a member of the Security Council, said": the
        # name that opens the clause speaks; no "…, said X" inversion
        return found
    if (
        "," in text[c_start - 2 : c_start]
        and head.role == "speech"
        and head.pos == "verb"
        and head.tense is not None
        and _inverted_after_comma(text, s_start, c_start, c_end, s_end, slots)
    ):
        # "Cuba freed 20 American prisoners, said Reuters": the speaker follows; the words
        # before the comma are the content, not its subject
        return _inverted_speaker(text, c_end, s_end, slots, unlinked)
    region = _mask_parentheticals(text, clause_start, c_start)  # None when there is none
    candidates = [
        s for s in slots if clause_start <= s.start and s.end <= c_start and not (region and region.masked(s.start))
    ]
    if candidates:
        nearest = candidates[-1]
        # "The Ivory Coast's Supreme Court voted to let": four words after the possessive
        gap = region.strip(nearest.end, c_start) if region else text[nearest.end : c_start]
        if not nearest.possessive or _gap_words(_LEADING_POSSESSIVE.sub("", gap)) <= 4:
            words = _gap_words(gap)
            # "... Liberian refugees, Human Rights Watch said": no subject across a comma
            if (
                words <= 6
                and not ("," in gap and words > 1)
                and not _preceded_by_preposition(text, clause_start, nearest.start)
                and not text.has("break", nearest.end, c_start)
            ):
                chain = _chain_backward(text, candidates, len(candidates) - 1, clause_start)
                return Subject(chain, Pos(chain[0].start, chain[-1].end), "direct")
    if candidates:
        # "Pakistan, a key ally in the region, has refused": an apposition between subject and verb
        if text.find(",", candidates[0].end, c_start) >= 0 and _at_most_words(
            text, clause_start, candidates[0].start, 1
        ):
            chain = _chain_forward(text, candidates, 0)
            m = _APPOSITION.match(text, chain[-1].end, c_start)
            if m and _at_most_words(text, m.end(), c_start, 3):
                return Subject(chain, Pos(chain[0].start, chain[-1].end), "direct")
        # "Security forces in Guinea have tortured": a bare noun phrase located in a state
        nearest = candidates[-1]
        if (
            (_located_in(text, clause_start, nearest) or _speaks_for(text, clause_start, nearest))
            and _at_most_words(text, nearest.end, c_start, 3)
            and not text.has("break", nearest.end, c_start)
        ):
            stripped = _strip_span(text, clause_start, nearest.start)
            return Subject((nearest,), Pos(stripped.start if stripped else nearest.start, nearest.end), "direct")
        if (modified := _modified_opener(text, clause_start, c_start, candidates)) is not None:
            return modified
    # inverted, right after the content: "…,” said Li." / "…,” said Vance."; after a
    # quotation the words opening the clause are the content's, not an anaphor ("This is
    # “…,” said Li"), which is read first otherwise ("He rejected the offer, accused Ukraine")
    inverted = head.role == "speech" and _inverted(text, s_start, c_start) and not _clause_after(text, c_end, s_end)
    after_quote = (
        inverted
        and (
            # a verb that takes no person as its object: "She was wrong, said Paul Grady on Monday"
            head.lemma in _INVERTING_VERBS
            # another reporting verb right after a quotation ("“…,” warned Li"); not "He called the
            # sanctions “theft,” blamed Washington", nor "He rejected the offer, accused Ukraine"
            or (head.lemma in _STRONG_SPEECH and any(q in text[max(s_start, c_start - 4) : c_start] for q in '”"'))
        )
    )
    if after_quote:
        found = _inverted_speaker(text, c_end, s_end, slots, unlinked)
        if found[2] != "none" or found[1] is not None:
            return found
    # a pronoun or anaphor opening the clause, when the paragraph has named what it stands for
    lead = (
        text[clause_start:c_start]
        if context.person is not None or context.subject or context.group or context.sources
        else ""
    )
    if context.person is not None and (m := _HE_SHE.match(lead)):
        return Subject(
            (context.person,),
            Pos(clause_start + m.start(0) + len(m.group(0)) - len(m.group(0).strip()), clause_start + m.end()),
            "pronoun",
        )
    if (context.subject or context.group) and (m := _THEY.match(lead)):
        group = context.subject if len(context.subject) > 1 or not context.group else context.group
        return Subject(group, _strip_span(text, clause_start + m.start(), clause_start + m.end()), "anaphor")
    if (context.subject or context.sources) and (m := _IT.match(lead)):
        return Subject(context.subject, _strip_span(text, clause_start + m.start(), clause_start + m.end()), "anaphor")
    if inverted and not after_quote:
        found = _inverted_speaker(text, c_end, s_end, slots, unlinked)
        if found[2] != "none" or found[1] is not None:
            return found
    if not unlinked:
        return Subject((), None, "none")
    if clause_start > s_start and text[clause_start:c_start].rstrip().endswith(","):
        relative = _RELATIVE_BEFORE.match(text[max(s_start, clause_start - 8) : clause_start][::-1])
        if relative is not None:
            # "Smith, who chairs the panel, said": the speaker is named before the relative clause
            source = _np_before(text, s_start, clause_start - relative.end())
            if source is not None:
                return Subject((), source, "none")
    source = _np_before(text, clause_start, c_start)
    if source is None and clause_start > s_start:
        # "Mr. Kamin, who emphasized that …", "the Saudi government, which has denied …": the
        # relative pronoun stands for the speaker
        pronoun = _RELATIVE_BEFORE.match(text[max(s_start, clause_start - 8) : clause_start][::-1])
        if pronoun is not None:
            source = Pos(clause_start - pronoun.end(1), clause_start - pronoun.start(1))
    return Subject((), source, "none")


def _parenthesised_subject(
    text: Text, s_start: int, clause_start: int, c_start: int, slots: list[Slot], unlinked: bool
) -> Subject | None:
    """The subject that opens the clause (or the sentence: a relative clause may open a
    clause of its own) before a cue when only parentheticals stand between them
    (:data:`_PARENTHETICALS`): "Li, the premier, a Chinese, said", "Ana Lind, 64, of Elkton,
    Md., who saw the parade, said", "Tom Reyes, speaking after the mayor, cited"; else None.
    *clause_start* is where the clause of the cue opens (:func:`.text._clause_start`)."""
    starts = [clause_start, s_start] if clause_start > s_start else [s_start]
    if (leading := _LEADING_PHRASE.match(text, s_start, c_start)) is not None:
        starts.append(leading.end())
    # after a quotation the speaker closes: "“…,” Zhang Ming, the governor, said"
    quote = max(text.rfind("”", s_start, c_start), text.rfind('"', s_start, c_start))
    if quote > s_start:
        starts.append(quote + 1)
    for start in starts:
        while start < c_start and text[start] in " \t\n\"“”‘’'(,":
            start += 1
        # "But Tom Reyes, a former aide, said": the opening word is no part of the subject
        while (word := _WORD.match(text, start, c_start)) is not None and word.group() in _OPENING_WORDS:
            start = word.end()
            while start < c_start and text[start] in " \t":
                start += 1
        first = next((s for s in slots if start <= s.start < c_start), None)
        if first is not None and _subject_prefix(text, start, first.start):
            # the actor, with a title or words of its own before it ("Governor Ray Cole", "The
            # EU", "Democratic candidate Hillary Clinton")
            chain = _chain_forward(text, [s for s in slots if s.start >= first.start], 0)
            if chain[-1].end <= c_start and _PARENTHETICALS.match(text, chain[-1].end, c_start):
                return Subject(chain, Pos(start, chain[-1].end), "direct")
            continue
        if not unlinked:
            continue
        name = _OPENING_NAME.match(text, start, c_start)
        if (
            name is not None
            and _subject_prefix(text, start, start)
            and not name.group().split(None, 1)[0].endswith("ing")  # "Citing Tom Reyes, the agency, said"
            and _PARENTHETICALS.match(text, name.end(), c_start)
        ):
            return Subject((), Pos(name.start(), name.end()), "none")
    return None


def _subject_prefix(text: str, start: int, name_start: int) -> bool:
    """True when the words from *start* to a name that follows may open its subject: at most
    three, no comma, no preposition or participle ("Near Kabul", "Citing Tom Reyes"), and a
    first word that opens no phrase ("Yesterday")."""
    words = _WORD.findall(text, start, name_start)
    first = _WORD.match(text, start)
    return (
        len(words) <= 3
        and "," not in text[start:name_start]
        and not (
            first is not None and (first.group() in _OPENING_WORDS or first.group().lower() in _NOT_BEFORE_SUBJECT)
        )
        # a participle fronting a name cites it ("Citing Tom Reyes"); a title does not ("Acting
        # Secretary", "Retired General")
        and not any(w.lower() in _NOT_BEFORE_SUBJECT or (w.endswith("ing") and w not in _TITLE_INGS) for w in words)
    )


def _describes_one(words: str) -> bool:
    """True for words that describe one person: no participle ("representing", "backing")
    and no plural noun last ("lawyers", "residents")."""
    found = words.split()
    return not any(w.endswith("ing") and w.capitalize() not in _TITLE_INGS for w in found) and not (
        found[-1].endswith("s") and not found[-1].endswith("ss")
    )


def _inverted_speaker(text: str, c_end: int, s_end: int, slots: list[Slot], unlinked: bool) -> Subject:
    """The speaker written after an inverted cue: an actor ("said Li"), else a name as
    written ("said Vance") when *unlinked*."""
    after = [s for s in slots if c_end <= s.start <= c_end + 30]
    if after and not text[c_end : after[0].start].strip(" ,"):
        chain = _chain_forward(text, after, 0)
        if not text.startswith(("'s", "’s"), chain[-1].end):  # not "said Paul Grady's lawyer"
            return Subject(chain, Pos(chain[0].start, chain[-1].end), "direct")
        return Subject((), None, "none")
    if (
        after
        and after[0].person
        and _DESCRIBED.fullmatch(text, c_end, after[0].start)
        and _describes_one(text[c_end : after[0].start])
        and not text.startswith(("'s", "’s"), after[0].end)  # not "protesters outside Reyes's home"
    ):
        # "said flood survivor Ina Pryce", "said longtime pollster Ruth Vance": words that
        # describe the person, written before the name (not "lawyers representing Tom Reyes")
        return Subject(
            (after[0],),
            Pos(c_end + len(text[c_end : after[0].start]) - len(text[c_end : after[0].start].lstrip()), after[0].end),
            "direct",
        )
    named = _name_after(text, c_end, s_end) if unlinked else None
    if named is not None:
        return Subject((), named, "none")
    return Subject((), None, "none")


def _implicit_targets(
    tables: Tables, text: str, start: int, end: int, sources: tuple[str, ...], code: str | None, context: Context
) -> tuple[str, ...]:
    """Targets named by a phrase, not a name: "with its northern neighbours" (the other members
    of the group last named), "support for expanding its reach" (what the sentence is about)."""
    if context.group and _GROUP_OBJECT.search(text, start, end):
        return tuple(a for a in _actors(context.group) if a not in sources)
    # an event (not a mere statement) on "its" something, in a sentence about an initiative
    if (
        tables.lexicon.decisions.is_event(code)
        and context.topic
        and context.topic not in sources
        and _ITS.search(text, start, end)
    ):
        return (context.topic,)
    return ()


def _sentence_subject(
    tables: Tables, text: str, s_start: int, s_end: int, slots: list[Slot], context: Context
) -> tuple[tuple[Slot, ...], str] | None:
    """The actors a sentence is about: a subject at its start, or what "It"/"They" stands for."""
    if slots and _at_most_words(text, s_start, slots[0].start, 1):
        chain = _chain_forward(text, slots, 0)
        return chain, "direct"
    if context.subject:
        lead = text[s_start : min(s_end, s_start + 40)]
        if _IT.match(lead) or _THEY.match(lead):
            return context.subject, "anaphor"
    return None


def _slots(text: str, entities: Sequence[Entity]) -> list[Slot]:
    """Group overlapping entity mentions into actor slots, in text order."""
    ids = {entity.id for entity in entities}
    size = len(text)
    spans = [
        (mention.start, mention.end, entity)
        for entity in entities
        for mention in entity.mentions
        if mention.end <= size
    ]
    # by start, longest first, else in the order given
    order = sorted([(item[0], -item[1], i) for i, item in enumerate(spans)])
    spans = [spans[i] for _, _, i in order]
    groups: list[list[tuple[int, int, Entity]]] = []
    group_end = -1
    for item in spans:
        if groups and item[0] < group_end:
            groups[-1].append(item)
            group_end = max(group_end, item[1])
        else:
            groups.append([item])
            group_end = item[1]
    slots: list[Slot] = []
    unaffiliated: list[int] = []  # indexes of the slots of a person or body of no known country
    for group in groups:
        if len(group) == 1:
            # most slots hold one mention: its kind alone decides (the same choice as below)
            start, end, chosen = group[0]
            kind = chosen.kind
            if kind == "person":
                country = f"iso:{chosen.country}" if chosen.country else None
                slot = Slot(start, end, (country,) if country in ids else (chosen.id,), chosen.id, True, False)
                if country is None:
                    unaffiliated.append(len(slots))
            elif kind == "state":
                slot = Slot(start, end, (chosen.id,), chosen.id, False, False)
            elif kind in ("organisation", "group"):
                slot = Slot(start, end, (chosen.id,), chosen.id, False, True)
                if chosen.country is None and not chosen.id.startswith("igo:"):
                    unaffiliated.append(len(slots))
            else:
                continue  # places and initiatives do not act
            # (the pattern starts with a quotation mark: the cheap test first)
            slot.possessive = end < size and text[end] in "'’" and _POSSESSIVE.match(text, end, end + 2) is not None
            slots.append(slot)
            continue
        start = min(item[0] for item in group)
        end = max(item[1] for item in group)
        persons = [item for item in group if item[2].kind == "person"]
        states = [item for item in group if item[2].kind == "state"]
        orgs = [item for item in group if item[2].kind in ("organisation", "group")]
        if persons:
            chosen = max(persons, key=lambda item: item[1] - item[0])[2]
            country = f"iso:{chosen.country}" if chosen.country else None
            actors: tuple[str, ...] = (country,) if country in ids else (chosen.id,)
            slot = Slot(start, end, actors, chosen.id, True, False)
        elif states:
            chosen = max(states, key=lambda item: item[1] - item[0])[2]
            actors = (chosen.id,)
            apart = [
                item for item in states if not any(o is not item and o[0] < item[1] and item[0] < o[1] for o in states)
            ]
            if len(apart) > 1:
                # "the Mongolia-China-Russia economic corridor": a name holding several states
                # stands for all of them
                actors = tuple(dict.fromkeys(item[2].id for item in apart))
            slot = Slot(start, end, actors, chosen.id, False, False)
        elif orgs:
            chosen = max(orgs, key=lambda item: item[1] - item[0])[2]
            slot = Slot(start, end, (chosen.id,), chosen.id, False, True)
        else:
            continue  # places and initiatives do not act
        slot.possessive = bool(_POSSESSIVE.match(text, end, end + 2))
        slots.append(slot)
    for i in unaffiliated:
        _affiliate(text, slots, i)
    return slots


# between a state or international organisation and the person or body it heads: a possessive
# and title words ("Ivory Coast's Supreme Court", "Arab League Secretary-General Chedli Klibi",
# "Nicaragua's Sandinista government")
_AFFILIATION_GAP = re.compile(r"(?:['’]s?)?\s+(?:[A-Z][\w.’'-]*\s+(?:(?:of|for|on|the)\s+)*){0,4}")


def _affiliate(text: str, slots: list[Slot], index: int) -> None:
    """Let the person or body of no known country at ``slots[index]`` act for the state or
    international organisation whose title or possessive it follows, as event coders code
    "Arab League Secretary-General Chedli Klibi" IGO and "Ivory Coast's Supreme Court" CIV."""
    if index == 0:
        return
    slot, owner = slots[index], slots[index - 1]
    if owner.person or (owner.organisation and not owner.actors[0].startswith("igo:")):
        return
    gap = _AFFILIATION_GAP.fullmatch(text, owner.end, slot.start)
    if gap is None or not (owner.possessive or text[owner.end : slot.start].strip()):
        return  # a title word or a possessive, not two names side by side
    slot.actors = owner.actors


def _actors(slots: Iterable[Slot]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for slot in slots:
        for actor in slot.actors:
            seen.setdefault(actor, None)
    return tuple(seen)


def _past_possessive(text: str, slot: Slot) -> int:
    """Where the words after *slot* begin, past its possessive ("Nicaragua's government": the
    "'s" is no word of the noun phrase)."""
    if slot.possessive:
        m = _POSSESSIVE.match(text, slot.end, slot.end + 2)
        if m is not None:
            return m.end()
    return slot.end


def _targets(
    text: str, slots: list[Slot], start: int, end: int, tight: bool = False, loose: bool = False
) -> tuple[str, ...]:
    """The first actor in ``[start, end)`` that is an object or follows a target preposition, with
    the list it heads ("with Moscow and Ulaanbaatar"); later actors are circumstances.

    With *tight*, the actor must follow within two words ("join the SCO", "cooperate with China");
    with *loose*, any first actor will do.
    """
    for i, slot in enumerate(slots):
        if slot.start < start:
            continue
        if slot.end > end:
            break
        near = _at_most_words(text, start, slot.start, 2)
        if tight and not near:
            break
        words = _WORD.findall(text, max(start, slot.start - 40), slot.start)
        lead = [w.lower() for w in words[-3:]]
        direct = near and not any(w in _NOT_SUBJECT for w in lead)
        prep = any(w in _TARGET_PREP for w in lead) and not (lead and lead[-1] in ("a", "an") and "at" in lead)
        if direct or prep or loose:
            return _actors(s for s in _chain_forward(text, slots, i) if s.end <= end)
    return ()


def _place_target(context: Context, slots: list[Slot], start: int, end: int) -> tuple[str, ...]:
    """The first place mentioned in ``[start, end)`` that is no actor's words (a capital standing
    for its state is a slot of its own), as a one-item target; else ()."""
    places = context.places
    for i in range(bisect.bisect_left(context.place_starts, start), len(places)):
        p_start, p_end, place = places[i]
        if p_end > end:
            break
        if not any(slot.start <= p_start < slot.end for slot in slots):
            return (place,)
    return ()


def _agent(text: str, slots: list[Slot], pos: int, end: int) -> tuple[Slot, ...]:
    """The agent of a passive: the actor after "by" within a few words of the verb."""
    m = _BY_AGENT.match(text, pos, end)
    if m is None:
        return ()
    for i, slot in enumerate(slots):
        if slot.start >= m.end() and slot.end <= end:
            if _at_most_words(text, m.end(), slot.start, 3):
                return _chain_forward(text, slots, i)
            return ()
    return ()


def _chain_backward(text: str, slots: Sequence[Slot], index: int, floor: int) -> tuple[Slot, ...]:
    """A coordinated subject ending at ``slots[index]``: "China, Russia, and Mongolia"."""
    chain = [slots[index]]
    seen_and = False
    i = index
    while i > 0:
        gap = text[slots[i - 1].end : slots[i].start]
        if slots[i - 1].start < floor:
            break
        has_and = _COORD.match(gap) is not None and _COMMA_ONLY.match(gap) is None
        if (
            has_and
            and "," in gap
            and not (
                i >= 2
                and slots[i - 2].start >= floor
                and _COMMA_ONLY.match(text[slots[i - 2].end : slots[i - 1].start])
            )
        ):
            break  # "attacked Ukraine and Georgia, and Moldova condemned": ", and" opens a clause
        if has_and and gap.strip(" ,"):
            seen_and = True
        elif not (seen_and and _COMMA_ONLY.match(gap)):
            break
        chain.insert(0, slots[i - 1])
        i -= 1
    return tuple(chain)


def _chain_forward(text: str, slots: Sequence[Slot], index: int) -> tuple[Slot, ...]:
    """A coordinated list starting at ``slots[index]``: "the United States, Japan, and South Korea"."""
    chain = [slots[index]]
    i = index
    while i + 1 < len(slots):
        gap = text[slots[i].end : slots[i + 1].start]
        if gap in ("-", "–", "/"):  # "the China-Russia border": a hyphenated pair names both
            chain.append(slots[i + 1])
            i += 1
            continue
        if _COORD.match(gap) is None or not gap.strip():
            break
        chain.append(slots[i + 1])
        i += 1
        if gap.strip(" ,").lower() in ("and", "or", "&", "as well as", "plus", "and the", "or the"):
            break  # "A, B and C": the list ends after its conjunction
    return tuple(chain)


def _inverted_after_comma(text: str, s_start: int, c_start: int, c_end: int, s_end: int, slots: list[Slot]) -> bool:
    """True for a speech verb right after a comma with its speaker after it and nothing else:
    "…, said Reuters.", "…, reports aid agencies.", "…, said Mr. Barrett, the lawyer"; not
    "Li, the premier, said China would join"."""
    if (
        text[max(s_start, c_start - 2) : c_start].strip() != ","
        or text.startswith(" that", c_end)
        or _clause_after(text, c_end, s_end)
    ):
        return False
    end = _strip_end(text, s_start, s_end)
    after = [s for s in slots if c_end <= s.start <= c_end + 30]
    if after and not text[c_end : after[0].start].strip(" ,"):
        named_end = _chain_forward(text, after, 0)[-1].end
    else:
        named = _name_after(text, c_end, end)
        if named is None:
            return False
        named_end = named.end
    rest = text[named_end:end].strip()
    return not rest or rest.startswith(",")


def _located_in(text: str, floor: int, slot: Slot) -> bool:
    """True for a state after a bare noun phrase and "in"/"from" that opens the clause: "Security
    forces in Guinea", "Rebels in the Ivory Coast" (they act for that state)."""
    if slot.person or slot.organisation:
        return False
    m = _LOCATED_IN.match(text[max(floor, slot.start - 60) : slot.start][::-1])
    return m is not None and 1 <= _gap_words(text[floor : slot.start - m.end()]) <= 3


# "A spokesman for the Iranian foreign ministry", "the head of Egypt's intelligence service":
# a person who speaks or acts for the actor after "for" or "of" (read backward from the actor)
_SPEAKS_FOR = backward(
    r"\b(?:spokes(?:man|woman|person|men|women|people)|officials?|envoys?|ambassadors?|representatives?|"
    r"delegations?|delegates?|heads?|chiefs?|leaders?|members?|ministers?|diplomats?)"
    r"\s+(?:for|of)(?:\s+the)?\s+",
    re.I,
)


def _speaks_for(text: str, floor: int, slot: Slot) -> bool:
    """True for a state or body after a person noun and "for"/"of" that opens the clause: "A
    spokesman for the Iranian foreign ministry said", "Officials of the European Union said"."""
    if slot.person:
        return False
    m = _SPEAKS_FOR.match(text[max(floor, slot.start - 60) : slot.start][::-1])
    return m is not None and _gap_words(text[floor : slot.start - m.end()]) <= 2


def _modified_opener(text: Text, clause_start: int, c_start: int, candidates: list[Slot]) -> Subject | None:
    """The actor that opens the clause when every later actor before the cue sits in a
    phrase modifying it: "Oxfam working in Yemen said", "The UN envoy to Syria
    said" (Oxfam, the UN), else None."""
    first = candidates[0]
    if (
        len(candidates) < 2
        or first.possessive
        or not _at_most_words(text, clause_start, first.start, 1)
        or _preceded_by_preposition(text, clause_start, first.start)
    ):
        return None
    gap = text[first.end : c_start]
    if "," in gap or _gap_words(gap) > 6 or text.has("break", first.end, c_start):
        return None
    # a later actor joined to the first ("Iraq and Syria said") is a compound subject,
    # not a modifier; each must follow a preposition
    if not all(_preceded_by_preposition(text, first.end, slot.start) for slot in candidates[1:]):
        return None
    return Subject((first,), Pos(first.start, first.end), "direct")


def _inverted(text: str, s_start: int, c_start: int) -> bool:
    """True when a speech cue follows its content directly: "…,” said", "…, said"."""
    before = text[max(s_start, c_start - 4) : c_start].rstrip()
    return not before or before[-1] in _CLOSERS


class EventPlace(NamedTuple):
    """Where a claim's event stands, for its targets: the action and frame read, where the
    action stands and ends, and the actors the content already names as asked or acted on."""

    action: Cue | None
    frame: str | None
    action_at: int
    event_end: int
    modal_targets: tuple[Slot, ...]
    patients: tuple[Slot, ...]


def _attribution_start(start: int, end: int, following: Sequence[CueHit]) -> int:
    """Where an attribution "according to" opens in ``[start, end)``, else *end*: what follows
    it is who reports the event ("… killed eight leaders, according to Pentagon sources"),
    never whom the event is about."""
    for f_start, _, options in following:
        if start <= f_start < end and any(o.role == "speech" and o.lemma == "according to" for o in options):
            return f_start
    return end


def find_targets(
    tables: Tables,
    text: Text,
    head: Cue,
    c_end: int,
    end: int,
    inner_to: int,
    postposed: bool,
    following: list[CueHit],
    slots: list[Slot],
    sources: tuple[str, ...],
    code: str | None,
    event: EventPlace,
    context: Context,
) -> tuple[str, ...]:
    """The actors a claim is about, before its own sources are taken out."""
    # targets: the first actor after the cue (its object, or after a target preposition)
    # with its coordinated list, then the object of the action it frames
    if event.patients:
        found_targets = _actors(event.patients)
    else:
        target_from = (
            c_end if head.role != "speech" or (event.action is None and event.frame is None) else event.event_end
        )
        if event.modal_targets:
            target_from = event.modal_targets[-1].end
        target_to = inner_to if postposed else _target_end(text, target_from, end)
        target_to = _coordinated_clause_end(text, target_from, target_to, following)
        target_to = _attribution_start(target_from, target_to, following)
        # a threat's condition names whom it threatens ("threatened to stop talks if the
        # United States goes ahead"): only a threat's target may follow "if" or "unless"
        threat = event.frame == "threaten" or (code is not None and code.startswith("13"))
        subordinate = (_SUBORDINATE_TIME if threat else _SUBORDINATE).search(text, target_from, target_to)
        if subordinate is not None:
            target_to = subordinate.start()
        found_targets = _actors(event.modal_targets) + _targets(text, slots, target_from, target_to)
        if event.action is not None and event.event_end > target_from and event.action_at > c_end:
            found_targets += _targets(text, slots, event.event_end, _target_end(text, event.event_end, end), tight=True)
        if not found_targets and sources:
            found_targets = _implicit_targets(tables, text, target_from, target_to, sources, code, context)
        if not found_targets and len(sources) == 1 and tables.lexicon.decisions.is_event(code):
            # an event has a patient: failing an object or a target preposition, the first
            # actor later in its clause ("arrested more than 100 Palestinians"); not for a
            # compound subject, whose members are each other's patients ("A and B agreed")
            found_targets = _targets(text, slots, target_from, target_to, loose=True)
            material = tables.lexicon.decisions.material_roots
            done = event.action.codes.get("do") if event.action is not None else None
            if not found_targets and (code[:2] in material or (done is not None and done[:2] in material)):
                # failing an actor, the place a material act (done, threatened or promised) falls
                # on or in ("lifted the state of emergency in Darfur", "shelled Jericho",
                # "threatened to impose a curfew in Algiers"), as event coders code a city
                found_targets = _place_target(context, slots, target_from, target_to)
    return found_targets
