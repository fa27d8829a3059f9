"""Stage 1, sentences: the article read once (cues, markers, actor slots), then sentence by
sentence, each with the cues, actors and subject the later stages read.

A cue word inside an entity name ("United States"), an "admitted ... as a member" (a
relation) and a capitalised cue that ends a name ("the Cook Political Report") are no
cues of the sentence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import attrs

from geotext import Article, Claim, Entity

from .._sentences import split_sentences
from .actors import _sentence_subject, _slots
from .records import Context, CueHit, Draft, Slot, Tables
from .relations import _REL_ADMIT
from .text import Text
from .words import _at_most_words


@attrs.define
class ArticleState:
    """What the passes over one article read and write."""

    tables: Tables
    article: Article
    text: Text
    cues: list[CueHit]
    slots: list[Slot]
    #: what a sentence can be about without acting, ``(start, end, id)``: "The Belt and Road Initiative was highlighted"
    topics: list[tuple[int, int, str]]
    #: places do not act, but name the patient of a material act done there, ``(start, end, id)``
    places: list[tuple[int, int, str]]
    #: the slots of organisations, in text order (what a relation's "the bloc" may stand for)
    organisations: list[Slot] = attrs.Factory(list)
    drafts: list[Draft] = attrs.Factory(list)
    relations: list[Claim] = attrs.Factory(list)
    #: ``(paragraph start, start, end)`` of each sentence read, for the learned attributions
    sentences: list[tuple[int, int, int]] = attrs.Factory(list)

    @classmethod
    def read(cls, tables: Tables, article: Article, entities: Sequence[Entity]) -> ArticleState:
        """Scan *article* once for cues and markers, and group its entity mentions into actor slots."""
        cues, marks = tables.lexicon.scan(article.text.lower())
        text = Text(article.text, marks)
        topics = sorted(
            (m.start, m.end, e.id) for e in entities if e.kind in ("initiative", "organisation") for m in e.mentions
        )
        places = sorted((m.start, m.end, e.id) for e in entities if e.kind == "place" and e.country for m in e.mentions)
        slots = _slots(text, entities)
        return cls(
            tables=tables,
            article=article,
            text=text,
            cues=cues,
            slots=slots,
            topics=topics,
            places=places,
            organisations=[slot for slot in slots if slot.organisation],
        )


class Sentence(NamedTuple):
    """One sentence, with what the later stages read of it."""

    paragraph: int  # where its paragraph starts
    start: int
    end: int
    cues: list[CueHit]  # the cues that can head a claim (see the module's docstring)
    slots: list[Slot]  # the actor slots inside it
    #: the actors it is about: a subject at its start, or what "It"/"They" stands for, and how found
    subject: tuple[tuple[Slot, ...], str] | None


def read_sentences(state: ArticleState) -> Iterator[tuple[Sentence, Context]]:
    """Each sentence of the article with the context of its paragraph (which the passes update)."""
    text, slots, cues, tables = state.text, state.slots, state.cues, state.tables
    starts = [slot.start for slot in slots]
    cue_starts = [c[0] for c in cues]
    topics = state.topics
    topic_starts = [t[0] for t in topics]
    places = state.places
    place_starts = [p[0] for p in places]
    context = Context(places=places, place_starts=place_starts)
    for p_start, p_end in _paragraphs(state.article):
        # the last compound subject is kept across paragraphs
        context = Context(group=context.group, places=places, place_starts=place_starts)
        for s_start, s_end in split_sentences(text, p_start, p_end):
            state.sentences.append((p_start, s_start, s_end))
            lo = bisect.bisect_left(cue_starts, s_start)
            hi = bisect.bisect_left(cue_starts, s_end)
            sentence_slots = slots[bisect.bisect_left(starts, s_start) : bisect.bisect_left(starts, s_end)]
            if sentence_slots and sentence_slots[-1].end > s_end:
                # slots do not overlap: their ends rise with their starts
                sentence_slots = [s for s in sentence_slots if s.end <= s_end]
            sentence_cues = [
                c
                for c in cues[lo:hi]
                if c[1] <= s_end
                and not _inside(slots, starts, c[0])
                and not (text[c[0]] in "aA" and _REL_ADMIT.match(text, c[0]))
                and not (text[c[0]].isupper() and _in_name(text, s_start, c[0]))
            ]
            subject = _sentence_subject(tables, text, s_start, s_end, sentence_slots, context)
            at = bisect.bisect_left(topic_starts, s_start)
            context.topic = (
                topics[at][2]
                if at < len(topics) and topics[at][1] <= s_end and _at_most_words(text, s_start, topics[at][0], 1)
                else None
            )
            yield Sentence(p_start, s_start, s_end, sentence_cues, sentence_slots, subject), context


def remember(state: ArticleState, sentence: Sentence, context: Context) -> None:
    """The last pass over a sentence: its subject is what "he", "they" and "it" stand for next."""
    subject = sentence.subject
    if subject and subject[0]:
        context.subject = subject[0]
        if len(subject[0]) > 1:
            context.group = subject[0]
        if subject[0][0].person:
            context.person = subject[0][0]


# a lower-case word, then capitalised words (with connectors) up to a capitalised cue: "for the
# Cook Political Report", "the U.S. Court of Appeals" (names); not "Donald Trump Says" (a headline)
_NAME_BEFORE = re.compile(r"(?:^|\s)[a-z][\w'’-]*\s+(?:[A-Z][\w.'’-]*\s+(?:(?:of|for|and|&|the|de)\s+)?)+$")


def _in_name(text: str, s_start: int, pos: int) -> bool:
    """True for a capitalised cue word that ends a name: "the Cook Political Report", in a
    sentence that is not in title case (one with a lower-case word of five letters or more)."""
    return (
        _NAME_BEFORE.search(text, max(s_start, pos - 60), pos) is not None
        and _LONG_LOWER.search(text, s_start, pos) is not None
    )


_LONG_LOWER = re.compile(r"\b[a-z]{5,}\b")


def _inside(slots: list[Slot], starts: list[int], pos: int) -> bool:
    """True when *pos* falls inside an actor slot (slots are sorted and do not overlap)."""
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and slots[i].end > pos


def _paragraphs(article: Article) -> list[tuple[int, int]]:
    if article.paragraphs:
        return [(span.start, span.end) for span in article.paragraphs]
    spans = []
    start = 0
    for m in re.finditer(r"\n\s*\n", article.text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(article.text)))
    return spans
