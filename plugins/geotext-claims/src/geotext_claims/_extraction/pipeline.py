"""The claim extractor: the stages of :mod:`._extraction` run as named passes, in order.

It works from the article text and the tagged entities alone, with no parser: cue
words, negations, hedges and future markers come from the lexicon (one Aho-Corasick
pass over the article), clause breaks, target stops and relation words from a second
automaton pass, actors from the entity mentions, and the rest of the grammar it needs
(subject, object) from positions and a few anchored regular expressions. The attrs
values of a claim are made only for the claims kept.

The order of the passes is the order below: each sentence goes through
:data:`SENTENCE_PASSES`; then the learned attributions are added where no rule claim
reads the same words, and :data:`ARTICLE_PASSES` merge what was found.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from geotext import Article, Claim, Entity

from .._actor_codes import ActorCoder, code_claims
from .._attribution_claims import LearnedAttributions
from .._lexicon import CameoTable, Lexicon
from .._place_and_date import places_and_dates
from .attribution import cue_claims
from .merging import merge_headline, merge_relations
from .punctuation import colon_claims, quote_dash_claims
from .records import Attribution, Context, Draft, EvidenceSpan, Pos, Tables
from .relations import relation_claims
from .sentences import ArticleState, Sentence, read_sentences, remember


class SentencePass(NamedTuple):
    """A pass over each sentence: it adds drafts or relations to the state, or updates the context."""

    name: str
    run: Callable[[ArticleState, Sentence, Context], None]


class ArticlePass(NamedTuple):
    """A pass over what the sentence passes found in the whole article."""

    name: str
    run: Callable[[ArticleState], None]


#: What each sentence goes through, in this order.
SENTENCE_PASSES: tuple[SentencePass, ...] = (
    # speech, frames and acts around the lexicon's cues (attribution, actors, event coding)
    SentencePass("cues", cue_claims),
    # "Pence: Gennifer Flowers won't be at the debate"
    SentencePass("colon", colon_claims),
    # "… our greatest shame.” ― Sonya Herridge"
    SentencePass("quote-dash", quote_dash_claims),
    # membership, observer status and partnership stated as fact
    SentencePass("relations", relation_claims),
    # the sentence's subject, for "he", "they" and "it" in the next ones
    SentencePass("remember", remember),
)

#: What runs once the sentences are read (after the learned attributions are added).
ARTICLE_PASSES: tuple[ArticlePass, ...] = (
    ArticlePass("merge-headline", merge_headline),
    ArticlePass("merge-relations", merge_relations),
)


def learned_drafts(state: ArticleState, learned: LearnedAttributions) -> None:
    """Add the learned model's attributions where no rule claim reads the same words, and
    refine the rules' claims with its reading of theirs."""
    taken = [d.cue for d in state.drafts] + [(e.start, e.end) for claim in state.relations for e in claim.evidence]
    for source, cue, content, speaker, evidence, fields in learned.drafts(
        state.text, state.cues, state.sentences, state.slots, taken, state.drafts
    ):
        state.drafts.append(
            Draft(
                source and Pos(*source),
                Pos(*cue),
                content and Pos(*content),
                speaker and Pos(*speaker),
                [EvidenceSpan(*e) for e in evidence],
                fields,
            )
        )


class ClaimExtractor:
    """Find claims in an article from its text and its tagged entities.

    Args:
        extra_cues: paths of JSON cue files that extend the shipped lexicon
            (see ``data/cues.json`` for the shape).
        learned: also keep the attributions of the learned model (``data/attribution.crfsuite``)
            that no rule finds.
        model: the path of another attribution model (a ``.crfsuite`` file with its ``.json``
            beside it, as ``tools/train_attribution.py`` writes them).

    Raises:
        ConfigError: an extra cue file cannot be read or is malformed.

    >>> from geotext import Article, Entity, Mention
    >>> text = "China urged Mongolia to join the bloc."
    >>> entities = [Entity(id="iso:CHN", kind="state", name="China",
    ...                    mentions=[Mention(start=0, end=5, text="China")]),
    ...             Entity(id="iso:MNG", kind="state", name="Mongolia",
    ...                    mentions=[Mention(start=12, end=20, text="Mongolia")])]
    >>> claim, = ClaimExtractor().extract(Article(text=text), entities)
    >>> claim.sources, claim.targets, claim.cameo, claim.plover, claim.modality
    (('iso:CHN',), ('iso:MNG',), '022', 'REQUEST', 'requested')
    """

    def __init__(
        self,
        *,
        extra_cues: Iterable[str | os.PathLike[str]] = (),
        learned: bool = True,
        model: str | os.PathLike[str] | None = None,
    ) -> None:
        self.lexicon = Lexicon(extra_cues)
        self.cameo = CameoTable()
        self.tables = Tables(self.lexicon, self.cameo)
        self.learned = LearnedAttributions(self.lexicon, self.cameo, model) if learned else None

    @property
    def version(self) -> str:
        """The versions of the cue lexicon, the CAMEO table and the attribution model, as one string."""
        learned = f"; attribution {self.learned.version}" if self.learned is not None else ""
        return f"cues {self.lexicon.version}; cameo-plover {self.cameo.version}{learned}"

    def extract(self, article: Article, entities: Sequence[Entity]) -> list[Claim]:
        """Return the claims of *article*, in order of first evidence."""
        drafts, relations = self._run(article, entities)
        coder = ActorCoder(article, entities)
        # an attribution to no entity ("a source said") is kept when its speaker is written
        kept = [draft for draft in drafts if draft.kept()]
        # the place and date of each event, found before its claim is made: each claim is made once
        where_when = places_and_dates(article, entities, [draft.event() for draft in kept])
        claims = [draft.claim(coder, **fields) for draft, fields in zip(kept, where_when)]
        claims += code_claims(relations, coder)
        claims.sort(key=lambda c: (c.evidence[0].start, c.evidence[0].end, c.id))
        return claims

    def attributions(self, article: Article, entities: Sequence[Entity]) -> list[Attribution]:
        """Return every attribution and event found, with the source span as written."""
        coder = ActorCoder(article, entities)
        return [draft.attribution(coder) for draft in self._run(article, entities)[0]]

    def _run(self, article: Article, entities: Sequence[Entity]) -> tuple[list[Draft], list[Claim]]:
        state = ArticleState.read(self.tables, article, entities)
        for sentence, context in read_sentences(state):
            for sentence_pass in SENTENCE_PASSES:
                sentence_pass.run(state, sentence, context)
        if self.learned is not None:
            learned_drafts(state, self.learned)
        for article_pass in ARTICLE_PASSES:
            article_pass.run(state)
        return state.drafts, state.relations
