"""Stage 5, relations stated as fact: membership ("admitted Iran as a member", "NATO includes
Turkey"), observer status and partnership."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from geotext import Claim, Evidence

from .actors import _actors, _chain_backward, _chain_forward
from .records import Context, Slot, Tables, new_claim
from .text import Text, _clause_start
from .words import _at_most_words, _preceded_by_preposition

if TYPE_CHECKING:
    from .sentences import ArticleState, Sentence


_GENERIC_ORG = re.compile(r"\b(?:bloc|organi[sz]ation|group(?:ing)?|alliance|union|body|forum|council|pact)\b", re.I)


# Relations stated as fact.
_REL_ADMIT = re.compile(
    r"\badmit(?:s|ted|ting)?\b(?P<x>[^.;]{1,80}?)\bas\s+(?:its|a|an|the)\s+(?:[\w-]+\s+){0,2}members?\b", re.I
)


_REL_OBSERVER = re.compile(
    r"\bobserver(?:\s+(?:status|state|member|country|nation|seat))?\s+(?:in|at|of|to|with|within)\b", re.I
)


_REL_BECOME_MEMBER = re.compile(
    r"\b(?:have|has|had|will)\s+(?:\w+ly\s+)?become\s+(?:(?:full-fledged|fully-fledged|full|permanent|new|official)\s+)?"
    r"members?\b(?:\s+of\b)?",
    re.I,
)


_REL_IS_MEMBER = re.compile(
    r"\b(?:is|are|was|were)\s+(?:already\s+)?(?:a|an)?\s*(?:(?:full|founding|permanent|non-permanent)\s+)?members?\s+"
    r"(?:state\s+|country\s+)?of\b",
    re.I,
)


_REL_INCLUDES = re.compile(r"\b(?:include[sd]?|comprise[sd]?)\s+(?:(?:the|both)\s+)?", re.I)


_REL_PARTNER = re.compile(r"\b(?:(?:strategic|comprehensive|close|special|global|key)\s+)*partnerships?\s+with\b", re.I)


_LIST_LEAD = re.compile(
    r"\s*(?:(?:countries|nations|states|partners)\s+(?:like|such\s+as|including)\s+|such\s+as\s+"
    r"|the\s+)?",
    re.I,
)


def _relations(
    tables: Tables,
    text: Text,
    s_start: int,
    s_end: int,
    slots: list[Slot],
    organisations: list[Slot],
    subject: tuple[tuple[Slot, ...], str] | None,
    context: Context,
) -> list[Claim]:
    claims: list[Claim] = []

    def org_after(pos: int, limit: int) -> Slot | None:
        for slot in slots:
            if pos <= slot.start <= limit and slot.organisation:
                return slot
        return None

    def salient_org(pos: int) -> Slot | None:
        before = [o for o in organisations if o.start < pos]
        if before:
            return before[-1]
        after = [o for o in organisations if o.start >= pos]
        return after[0] if after else None

    def subject_before(pos: int) -> tuple[tuple[Slot, ...], str]:
        clause_start = _clause_start(text, s_start, pos)
        candidates = [s for s in slots if clause_start <= s.start and s.end <= pos and not s.organisation]
        if candidates and not _preceded_by_preposition(text, clause_start, candidates[-1].start):
            return _chain_backward(text, candidates, len(candidates) - 1, clause_start), "direct"
        if subject:
            return subject
        return (), "none"

    def add(
        predicate: str,
        members: Sequence[Slot],
        org: Slot | Sequence[Slot] | None,
        how: str,
        m_start: int,
        m_end: int,
        org_how: str,
    ) -> None:
        # one claim per statement: a coordinated subject ("India, Pakistan, and Iran have become
        # members") or object ("partnerships with the United States, Japan, and South Korea")
        # gives several sources or targets, as a compound subject of an event does
        if org is None:
            return
        others = (org,) if isinstance(org, Slot) else tuple(org)
        ev_start = min([m_start] + [s.start for s in members if s.start >= s_start])
        ev_end = max([m_end] + [s.end for s in (*members, *others) if s.end <= s_end])
        sources = _actors(members)
        targets = tuple(a for a in _actors(others) if a not in sources)
        if not sources or not targets:
            return
        confidence = 0.85 if how == "direct" and org_how == "direct" else 0.65
        claims.append(
            new_claim(
                predicate=predicate,
                evidence=(
                    Evidence._trusted(
                        start=ev_start, end=max(ev_end, ev_start + 1), sentence_start=s_start, sentence_end=s_end
                    ),
                ),
                sources=sources,
                targets=targets,
                modality="asserted",
                tense=None,
                confidence=confidence,
            )
        )

    for m in _REL_ADMIT.finditer(text, s_start, s_end):
        members: Sequence[Slot] = [
            s for s in slots if m.start("x") <= s.start and s.end <= m.end("x") and not s.organisation
        ]
        org = None
        org_how = "direct"
        before = text[s_start : m.start()]
        rel = re.search(r",\s*which\s+(?:\w+ly\s+)?$", before)
        host_end = s_start + rel.start() if rel else m.start()
        host = [s for s in slots if s.organisation and s.end <= host_end and host_end - s.end <= 30]
        if host:
            org = host[-1]
        elif _GENERIC_ORG.search(text, max(s_start, host_end - 40), host_end):
            org, org_how = salient_org(m.start()), "salient"
        add("member_of", members, org, "direct", m.start(), m.end(), org_how)
    for m in _REL_INCLUDES.finditer(text, s_start, s_end):
        # "the bloc, which also includes Russia", "NATO includes Turkey": the states listed
        # right after the verb are members of the organisation it is said of
        after = [i for i, s in enumerate(slots) if s.start >= m.end() and not s.organisation]
        if not after or slots[after[0]].start != m.end():
            continue
        members = [s for s in _chain_forward(text, slots, after[0]) if not s.organisation and not s.person]
        before = text[s_start : m.start()]
        rel = re.search(r",\s*which\s+(?:\w+\s+)?$", before)
        host_end = s_start + rel.start() if rel else m.start()
        host = [s for s in slots if s.organisation and s.end <= host_end and _at_most_words(text, s.end, host_end, 2)]
        org, org_how = (host[-1], "direct") if host else (None, "direct")
        if org is None and rel and _GENERIC_ORG.search(text, max(s_start, host_end - 40), host_end):
            org, org_how = salient_org(m.start()), "salient"
        add("member_of", members, org, "direct", m.start(), m.end(), org_how)
    for m in _REL_OBSERVER.finditer(text, s_start, s_end):
        members, how = subject_before(m.start())
        org = org_after(m.end(), m.end() + 20)
        org_how = "direct"
        if org is None and _GENERIC_ORG.search(text, m.end(), min(s_end, m.end() + 40)):
            org, org_how = salient_org(m.start()), "salient"
        add("observer_of", members, org, how, m.start(), m.end(), org_how)
    for pattern in (_REL_BECOME_MEMBER, _REL_IS_MEMBER):
        for m in pattern.finditer(text, s_start, s_end):
            members, how = subject_before(m.start())
            org = org_after(m.end(), m.end() + 20) if m.group(0).lower().rstrip().endswith("of") else None
            org_how = "direct"
            if org is None:
                in_sentence = [s for s in slots if s.organisation]
                org = in_sentence[0] if in_sentence else salient_org(m.start())
                org_how = "sentence" if in_sentence else "salient"
            add("member_of", members, org, how, m.start(), m.end(), org_how)
    for m in _REL_PARTNER.finditer(text, s_start, s_end):
        lead = _LIST_LEAD.match(text, m.end(), s_end)
        assert lead is not None  # every part of the pattern is optional
        after = [i for i, s in enumerate(slots) if s.start >= m.end() and not s.organisation]
        if not after or not _at_most_words(text, lead.end(), slots[after[0]].start, 1):
            continue
        partners = _chain_forward(text, slots, after[0])
        members, how = subject_before(m.start())
        add("partner_of", members, partners, how, m.start(), m.end(), "direct")
    return claims


def relation_claims(state: ArticleState, sentence: Sentence, context: Context) -> None:
    """The sentence pass of :func:`_relations`, for a sentence with actors and a relation word."""
    if sentence.slots and state.text.has("relation", sentence.start, sentence.end):
        state.relations.extend(
            _relations(
                state.tables,
                state.text,
                sentence.start,
                sentence.end,
                sentence.slots,
                state.organisations,
                sentence.subject,
                context,
            )
        )
