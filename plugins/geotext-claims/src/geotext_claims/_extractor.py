"""The claim extractor: attribution, actors, event codes, modality and relations.

It works from the article text and the tagged entities alone, with no parser: cue
words, negations, hedges and future markers come from the lexicon (one Aho-Corasick
pass over the article), clause breaks, target stops and relation words from a second
automaton pass, actors from the entity mentions, and the rest of the grammar it needs
(subject, object) from positions and a few anchored regular expressions. Only sentences
holding a cue, a relation word, or a colon or dash after a name are examined, and the
attrs values of a claim are made only for the claims kept.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import os
import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import ahocorasick
import attrs

from geotext import Article, Claim, Entity, Evidence, Span

from ._actor_codes import ActorCoder, code_claims
from ._lexicon import CameoTable, Cue, Lexicon
from ._place_and_date import place_and_date
from ._sentences import split_sentences

PRODUCER = "claims"

# How many words after the content start (or after a frame word) an event word may stand.
_EVENT_WINDOW = 8
_OBJECT_REACH = 60  # characters after an action verb searched for its listed object nouns

# Prepositions after which an actor is a circumstance, not the subject of the next verb.
_NOT_SUBJECT = frozenset(
    "with among between in to for from against at on about like including within during toward towards "
    "into over after before than across by via under beyond".split()
)
_AUX_REACH = 24  # characters before an action searched for its future auxiliary ("will not")
_TARGET_PREP = frozenset("with to against on at toward towards into upon over between".split())
# CAMEO roots of material acts (aid, yielding, protest, force posture, reduced relations, coercion,
# assault, fighting) whose patient a place can name: "lifted a curfew in Darfur", "shelled Jericho"
_MATERIAL_ROOTS = frozenset(["07", "08"] + [str(root) for root in range(14, 21)])
_CLAUSE_BREAK = re.compile(
    r"[;:(\[]|\s[—–]\s|,\s*(?:which|who|whom|while|whereas|but|although|though|when|after|before|as|since|because|"
    r"where|if|unless)\b|\b(?:that|which|who)\b|\bbut\b"
)
_TARGET_STOP = re.compile(
    r"[;:(\[]|\s[—–]\s|,\s*(?:which|who|whom|while|whereas|but|although|though|when|as|since|because|where|without|"
    r"and\s+(?:the|a|an|its|their|his|her)\b)|\b(?:which|who)\b"
)
_PARENTHETICAL = re.compile(r",\s*(?:in|at|during|on|speaking|according|after|before|with|for|from|however|meanwhile|"
                            r"also|too|though|in turn|for (?:his|her|its|their) part)\b[^,]{0,80},")
_WORD = re.compile(r"[\w’'-]+")
_COORD = re.compile(r"^(?:\s*,)?\s*(?:and|or|&|as well as|plus|together with)?\s*(?:the\s+)?$", re.I)
_COMMA_ONLY = re.compile(r"^\s*,\s*(?:the\s+)?$")
_PAST_AUX = re.compile(r"\b(?:has|have|had|was|were|did)\b", re.I)
_PRESENT_AUX = re.compile(r"\b(?:is|are|am|does|do)\b", re.I)
_THAT = re.compile(r"\s*(?:that\s+|,\s*)?", re.I)
_HE_SHE = re.compile(r"^\s*(?:He|She)\b")
_THEY = re.compile(r"^\s*(?:They|The\s+(?:two|three|four|five|several)\s+(?:countries|nations|states|sides|leaders|ministers)"
                   r"|Both\s+(?:sides|countries|leaders)|The\s+(?:ministers|leaders|parties|sides))\b")
_IT = re.compile(r"^\s*(?:It|This\s+\w+|The\s+move|That\s+\w+|This|That)\b")
_GENERIC_ORG = re.compile(r"\b(?:bloc|organi[sz]ation|group(?:ing)?|alliance|union|body|forum|council|pact)\b", re.I)
_POSSESSIVE = re.compile(r"['’]s?\b")
_LEADING_POSSESSIVE = re.compile(r"^['’]s?\b")
_TRAIL_PUNCT = ".!?\"'”’ "


def _reversed_tail(words: str, adverb: bool = True, flags: re.RegexFlag = re.I) -> re.Pattern[str]:
    """A pattern for "one of *words*, then white space (and an -ly adverb), at the end of the
    text", matched at the start of the reversed text: an anchored match instead of a search."""
    alternatives = "|".join(word[::-1] for word in words.split())
    return re.compile(r"\s+" + (r"(?:yl\w+\s+)?" if adverb else "") + f"(?:{alternatives})\\b", flags)


# Read before a cue, on the reversed 40 characters before it (see _reversed_tail):
# "the remarks" (a noun), "expressing support", "without mentioning", "was attacked", "is
# urging", ", urging".
_DETERMINER_BEFORE = _reversed_tail("the a an his her their its our my your these those this such whose recent earlier "
                                    "latest further new strong full", adverb=False)
# before a past form these are adverbs ("Mook further asserted"), not the adjectives of a noun
_ADJECTIVE_BEFORE = _reversed_tail("recent earlier latest further new strong full", adverb=False)
_ING_BEFORE = re.compile(r"\s+gni[a-z]{3,}\b")
_WITHOUT = _reversed_tail("without")
# "a flurry of tweets", "in return": a present form after a preposition is a noun
_PREPOSITION_NOUN_BEFORE = _reversed_tail("of for with in on by from about over after before against among between "
                                          "into under until", adverb=False)
# "by saying", "aside from saying", "despite admitting": a participle after a preposition
_PREPOSITION_BEFORE = _reversed_tail("by from for after before despite upon while in", adverb=False)
_PASSIVE_AUX = _reversed_tail("was were been being is are be get gets got")
# "is (once again) questioning", "’s claiming", "isn’t saying", "keeps saying", on the reversed text
_AUX_PROGRESSIVE = re.compile(
    r"\s+(?:(?:yl\w+|osla|niaga(?:\s+ecno)?|won|llits|neve|ton|ydaerla)\s+){0,2}"
    r"(?:si|era|saw|erew|eb|neeb|ma|s['’]|er['’]|t['’]n(?:si|era|saw|erew)|speek|peek|tpek)\b", re.I)
# ", saying", ", even suggesting", ", also adding", on the reversed text
_PARTICIPLE_LEAD = re.compile(r"(?:\s+(?:yl\w+|neve|osla|niaga|neht|llits|elihw))?\s*,")
_WITH_GROUP = re.compile(r"\s+(?P<np>(?:seitrap|sedis|seirtnuoc|snoitan|sretsinim|sredael|srentrap)"
                         r"(?:\s+(?:owt|eerht|ruof|evif))?(?:\s+eht)?(?:\s+(?:lla|htob))?)\s+htiw\b", re.I)
_BY_AGENT = re.compile(r"[^,;.]{0,40}?\bby\s+", re.I)
# "(, )and (quickly) ", "but has (also) " before a verb, on the reversed text before it (see _reversed_tail)
_COORD_VERB = re.compile(r"\s+(?:(?:yl\w+|osla)\s+)?(?:(?:sah|evah|dah)\s+)?"
                         r"(?:dna|tub|ro|neht|neht dna|retal dna)(?:\s*,|\s)", re.I)
# Words that make an unlinked source read as a speaker ("a senior official", "analysts").
_SPEAKER_WORDS = frozenset(
    """he she they we i you official officials minister president source sources analyst analysts expert experts
    leader leaders aide aides adviser advisers advisor advisors diplomat diplomats ambassador envoy secretary director
    chief head governor senator senators lawmaker lawmakers campaign party police government ministry agency report
    statement newspaper lawyer lawyers attorney attorneys candidate candidates judge court commission committee
    residents witnesses officers critics supporters voters democrats republicans observers economist economists
    researcher researchers scientist scientists people group organisation organization company spokesperson
    representative representatives commander general mayor prosecutor prosecutors investigator investigators
    authorities survey poll study who""".split()
)
# Speech verbs whose subject is a source whatever it is: "one slide says", "the ruling said",
# "the study found"; not "The discussions underscored ..."
_STRONG_SPEECH = frozenset("""say tell write add state report claim argue contend insist assert allege declare announce
    note explain suggest show indicate conclude predict warn estimate find reveal confirm deny acknowledge admit
    recall describe quote proclaim retort reply respond""".split())
_SPEAKING_BODIES = frozenset(
    """bank network paper magazine website outlet station channel firm union administration department office board
    panel ad ads clip spot video letter memo email filing percent majority""".split())
# agent nouns name speakers by their ending; these words end alike and name no one
_AGENT_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ee", "ees", "man", "men", "ant", "ants")
_NOT_AGENTS = frozenset("""other others after under never ever over order orders number numbers matter matters water
    power powers center centre letters quarter border borders chapter together however whether either neither rather
    further later earlier error errors factor factors sector sectors manner corner summer winter weather paper
    meter minor major interior exterior superior behavior behaviour honor honour favor favour labor labour vigor
    terror horror mirror colour color floor door doors committee guarantee degree agree three free coffee
    percentage important relevant significant meant""".split())
_W = re.compile(r"\w+")
# A colon after these is a label, not a speaker: "Editor's note:", "UPDATE:".
_LABELS = frozenset("note update updated editor photo photos video watch read related text transcript warning "
                    "breaking correction clarification source sources credit disclaimer latest".split())
# what the way a subject was found adds to a claim's confidence
_HOW_CONFIDENCE = {"direct": 0.15, "pronoun": 0.08, "anaphor": 0.05}
_PUNCTUATION_CAMEO = "010"  # a colon or dash that introduces words is a statement
# "said that ...", "said it will ...": the content has a verb of its own, and with a pronoun the
# speaker is its subject; a time adverbial may come between ("said on Friday they would ...")
_REPORTED_SUBJECT = re.compile(
    r"\s*(?:(?:today|yesterday|tonight|on\s+\w+day|(?:this|last|next)\s+(?:week|month)|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\s*,?\s+)?"
    r"(?:that\b|(?:it|they|he|she|we)\s+(?:will|would|had|has|have|was|were|is|are|"
    r"could|can|might|may|must|should|did|does|do)\b)", re.I)
_REPORTED_REACH = 40  # characters after a speech cue searched for _REPORTED_SUBJECT
_GROUP_OBJECT = re.compile(r"\b(?:its|their)\s+(?:\w+\s+)?(?:neighbou?rs|partners|allies|counterparts)\b", re.I)
_ITS = re.compile(r"\bits\b", re.I)
_CONJUNCTIONS = frozenset("though although while whereas but and because as since when if unless so yet".split())
# words that end no speaker's name: auxiliaries and adverbs standing before a cue
_NP_TRAILERS = frozenset("has have had was were is are also will would did does do not then further again still now "
                         "later once first previously never even already just".split())
# ", a key ally in the region," after a subject: an apposition (it ends at its comma)
_APPOSITION = re.compile(r"(?:['’]s?)?\s*,\s*(?:a|an|the|one|its|his|her|their|who|which|whose)\s[^,;:()]{1,100},")
# "<noun phrase> in|from (the) <state>" read on the reversed text before the state
_LOCATED_IN = re.compile(r"\s+(?:eht\s+)?(?:ni|morf|tuohguorht|ssorca)\s+(?=\w)", re.I)
# what opens a clause after a verb: "that", a quotation, a pronoun subject
_CLAUSE_AFTER = re.compile(r"\s*(?:that\b|[,:]?\s*[“\"]|(?:it|they|he|she|we|i|there)\s)", re.I)
# a colon, or a comma and an opening quotation mark, right after a verb: "continued: “…"
_QUOTE_AFTER = re.compile(r"\s*(?::|,\s*[“\"])")
# ", who", ", which" ending at a clause start, on the reversed text
_RELATIVE_BEFORE = re.compile(r"\s*(ohw|hcihw)\s*,", re.I)
# "one tweet", "every call": a quantifier before a bare form makes it a noun (not "no one says")
# "critics argue", "they insist": the plural subject of a bare present form, on the reversed text
_PLURAL_BEFORE = re.compile(r"\s+(?:s\w+|yeht|ew|i|uoy|elpoep|nem|nemow|ecilop)\b", re.I)
# "a later press gaggle", "a new plan": a bare form after an indefinite article and one word is a noun
_INDEFINITE_BEFORE = re.compile(r"\s+[\w'’-]+\s+(?:a|na)\b", re.I)
_QUANTIFIER_BEFORE = _reversed_tail("one another each every any", adverb=False)
# "Trump’s plans", "the candidates' claims": a possessive before a present form makes it a noun
_POSSESSIVE_BEFORE = re.compile(r"\s+(?:s['’]|['’]s)\w")
_CLOSERS = frozenset(",”\"’'―—")
_OPENING_WORD = frozenset("the a an this that these those their its his her our my some many most".split())

# Relations stated as fact.
_REL_ADMIT = re.compile(
    r"\badmit(?:s|ted|ting)?\b(?P<x>[^.;]{1,80}?)\bas\s+(?:its|a|an|the)\s+(?:[\w-]+\s+){0,2}members?\b", re.I)
_REL_OBSERVER = re.compile(
    r"\bobserver(?:\s+(?:status|state|member|country|nation|seat))?\s+(?:in|at|of|to|with|within)\b", re.I)
_REL_BECOME_MEMBER = re.compile(
    r"\b(?:have|has|had|will)\s+(?:\w+ly\s+)?become\s+(?:(?:full-fledged|fully-fledged|full|permanent|new|official)\s+)?"
    r"members?\b(?:\s+of\b)?", re.I)
_REL_IS_MEMBER = re.compile(
    r"\b(?:is|are|was|were)\s+(?:already\s+)?(?:a|an)?\s*(?:(?:full|founding|permanent|non-permanent)\s+)?members?\s+"
    r"(?:state\s+|country\s+)?of\b", re.I)
_REL_INCLUDES = re.compile(r"\b(?:include[sd]?|comprise[sd]?)\s+(?:(?:the|both)\s+)?", re.I)
_REL_PARTNER = re.compile(
    r"\b(?:(?:strategic|comprehensive|close|special|global|key)\s+)*partnerships?\s+with\b", re.I)

# Clause breaks and target stops, found with one automaton pass over the article (see
# _grammar_marks) instead of a regular-expression search per cue; these are the matches of
# _CLAUSE_BREAK and _TARGET_STOP, which the tests check them against.
_BREAK_WORDS = ("that", "which", "who", "but")
_BREAK_AFTER_COMMA = ("which who whom while whereas but although though when after before as since because where "
                      "if unless").split()
_STOP_WORDS = ("which", "who")
_STOP_AFTER_COMMA = "which who whom while whereas but although though when as since because where without".split()
_AND_DETERMINER = re.compile(r"\s+(?:the|a|an|its|their|his|her)\b")
_RELATION_WORDS = ("admit", "observer", "member", "partnership")  # as _REL_ANY: prefixes, any case
_RELATION_FORMS = ("include", "includes", "included", "comprise", "comprises", "comprised")  # whole words


def _grammar_automaton() -> ahocorasick.Automaton:
    entries: dict[str, list[tuple[str, str]]] = {}

    def add(form: str, kind: str, rule: str) -> None:
        entries.setdefault(form, []).append((kind, rule))

    for char in ";:([":
        add(char, "break", "plain")
        add(char, "stop", "plain")
    for dash in "—–":
        for left in " \n\t":
            for right in " \n\t":
                add(left + dash + right, "break", "plain")
                add(left + dash + right, "stop", "plain")
    for word in _BREAK_WORDS:
        add(word, "break", "word")
    for word in _STOP_WORDS:
        add(word, "stop", "word")
    # ",\s*word": white space of up to two characters, which covers what news text holds
    spaces = [""] + [a + b for a in " \n\t" for b in ("", " ", "\n", "\t")]
    for space in spaces:
        for word in _BREAK_AFTER_COMMA:
            add(f",{space}{word}", "break", "end")
        for word in _STOP_AFTER_COMMA:
            add(f",{space}{word}", "stop", "plain")
        add(f",{space}and", "stop", "and")
    for word in _RELATION_WORDS:
        for form in (word, word.capitalize(), word.upper()):
            add(form, "relation", "start")
    for word in _RELATION_FORMS:
        for form in (word, word.capitalize(), word.upper()):
            add(form, "relation", "word")
    automaton = ahocorasick.Automaton()
    for form, rules in entries.items():
        # the kinds marked wherever the form stands, apart from those with a rule to check
        plain = tuple(kind for kind, rule in rules if rule == "plain")
        automaton.add_word(form, (len(form), plain, tuple((kind, rule) for kind, rule in rules if rule != "plain")))
    automaton.make_automaton()
    return automaton


_GRAMMAR = _grammar_automaton()
_LIST_LEAD = re.compile(r"\s*(?:(?:countries|nations|states|partners)\s+(?:like|such\s+as|including)\s+|such\s+as\s+"
                        r"|the\s+)?", re.I)


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


class _Pos(NamedTuple):
    """A span inside the extractor; it becomes a :class:`geotext.Span` on a claim that is kept."""

    start: int
    end: int


def _span(pos: _Pos | None) -> Span | None:
    return None if pos is None else Span(start=pos.start, end=pos.end)


class _Draft:
    """A claim found, as plain values: :class:`geotext.Claim` (and its validation) is made
    only for the drafts kept."""

    __slots__ = ("content", "cue", "evidence", "fields", "source", "speaker_span")

    def __init__(self, source: _Pos | None, cue: _Pos, content: _Pos | None, speaker_span: _Pos | None,
                 evidence: list[tuple[int, int, int, int]], fields: dict[str, Any]) -> None:
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

    def claim(self, coder: ActorCoder) -> Claim:
        fields = self.fields
        lo = min(e[2] for e in self.evidence)
        hi = max(e[3] for e in self.evidence)
        return Claim(
            producer=PRODUCER,
            evidence=[Evidence(start=a, end=b, sentence_start=c, sentence_end=d) for a, b, c, d in self.evidence],
            speaker_span=_span(self.speaker_span), cue_span=_span(self.cue), content=_span(self.content),
            source_codes=coder.codes(fields["sources"], lo, hi), target_codes=coder.codes(fields["targets"], lo, hi),
            **fields,
        )

    def attribution(self, coder: ActorCoder) -> Attribution:
        return Attribution(source=_span(self.source), cue=_span(self.cue), content=_span(self.content),
                           speaker=self.fields["speaker"], claim=self.claim(coder))


@attrs.define
class _Slot:
    """An actor mention: one or several entity mentions over the same words."""

    start: int
    end: int
    actors: tuple[str, ...]
    speaker: str
    person: bool
    organisation: bool
    possessive: bool = False


@attrs.define
class _Context:
    """What a paragraph remembers for pronouns and anaphora."""

    person: _Slot | None = None
    subject: tuple[_Slot, ...] = ()
    group: tuple[_Slot, ...] = ()  # the last compound subject, kept across paragraphs
    sources: tuple[str, ...] = ()
    speaker: str | None = None
    topic: str | None = None  # an initiative or organisation that opens the sentence
    places: list[tuple[int, int, str]] = attrs.Factory(list)  # place mentions (start, end, id) in text order
    place_starts: list[int] = attrs.Factory(list)


class ClaimExtractor:
    """Find claims in an article from its text and its tagged entities.

    Args:
        extra_cues: paths of JSON cue files that extend the shipped lexicon
            (see ``data/cues.json`` for the shape).

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

    def __init__(self, *, extra_cues: Iterable[str | os.PathLike[str]] = ()) -> None:
        self.lexicon = Lexicon(extra_cues)
        self.cameo = CameoTable()

    @property
    def version(self) -> str:
        """The versions of the cue lexicon and the CAMEO table, as one string."""
        return f"cues {self.lexicon.version}; cameo-plover {self.cameo.version}"

    # -- public API ------------------------------------------------------------------------

    def extract(self, article: Article, entities: Sequence[Entity]) -> list[Claim]:
        """Return the claims of *article*, in order of first evidence."""
        drafts, relations = self._run(article, entities)
        coder = ActorCoder(article, entities)
        # an attribution to no entity ("a source said") is kept when its speaker is written
        claims = [draft.claim(coder) for draft in drafts if draft.kept()] + code_claims(relations, coder)
        claims = place_and_date(article, entities, claims)
        claims.sort(key=lambda c: (c.evidence[0].start, c.evidence[0].end, c.id))
        return claims

    def attributions(self, article: Article, entities: Sequence[Entity]) -> list[Attribution]:
        """Return every attribution and event found, with the source span as written."""
        coder = ActorCoder(article, entities)
        return [draft.attribution(coder) for draft in self._run(article, entities)[0]]

    # -- the pass over the article ---------------------------------------------------------

    def _run(self, article: Article, entities: Sequence[Entity]) -> tuple[list[_Draft], list[Claim]]:
        cues, marks = self.lexicon.scan(article.text.lower())
        text = _Text(article.text, marks)
        slots = _slots(text, entities)
        starts = [slot.start for slot in slots]
        organisations = [slot for slot in slots if slot.organisation]
        # what a sentence can be about without acting: "The Belt and Road Initiative was highlighted"
        topics = sorted((m.start, m.end, e.id) for e in entities if e.kind in ("initiative", "organisation")
                        for m in e.mentions)
        topic_starts = [t[0] for t in topics]
        # places do not act, but name the patient of a material act done there
        places = sorted((m.start, m.end, e.id) for e in entities if e.kind == "place" and e.country
                        for m in e.mentions)
        place_starts = [p[0] for p in places]
        cue_starts = [c[0] for c in cues]
        headline = _headline(article)
        found: list[_Draft] = []
        relations: list[Claim] = []
        group: tuple[_Slot, ...] = ()
        for p_start, p_end in _paragraphs(article):
            context = _Context(group=group, places=places, place_starts=place_starts)
            for s_start, s_end in split_sentences(text, p_start, p_end):
                lo = bisect.bisect_left(cue_starts, s_start)
                hi = bisect.bisect_left(cue_starts, s_end)
                first_slot = bisect.bisect_left(starts, s_start)
                sentence_slots = slots[first_slot:bisect.bisect_left(starts, s_end)]
                if sentence_slots and sentence_slots[-1].end > s_end:
                    # slots do not overlap: their ends rise with their starts
                    sentence_slots = [s for s in sentence_slots if s.end <= s_end]
                # a cue word inside an entity name ("United States") is part of the name
                # "admitted Iran as its ninth member" is a relation, not an admission
                sentence_cues = [c for c in cues[lo:hi] if c[1] <= s_end and not _inside(slots, starts, c[0])
                                 and not (text[c[0]] in "aA" and _REL_ADMIT.match(text, c[0]))
                                 and not (text[c[0]].isupper() and _in_name(text, s_start, c[0]))]
                subject = self._sentence_subject(text, s_start, s_end, sentence_slots, context)
                at = bisect.bisect_left(topic_starts, s_start)
                context.topic = topics[at][2] if at < len(topics) and topics[at][1] <= s_end \
                    and _at_most_words(text, s_start, topics[at][0], 1) else None
                if sentence_cues:
                    found.extend(self._sentence(text, s_start, s_end, sentence_cues, sentence_slots, context,
                                                subject))
                # "Pence: Gennifer Flowers won't be at the debate", "… shame.” ― Sonya Herridge"
                colon = text.find(":", s_start, min(s_end, s_start + 80))
                if colon >= 0:
                    found.extend(self._colon(text, s_start, s_end, colon, sentence_slots))
                for dash_char in "―—":
                    dash = text.find(dash_char, s_start, s_end)
                    if dash >= 0:
                        found.extend(self._quote_dash(text, p_start, s_start, s_end, dash, sentence_slots))
                if sentence_slots and text.has("relation", s_start, s_end):
                    relations.extend(self._relations(text, s_start, s_end, sentence_slots, organisations,
                                                     subject, context))
                if subject and subject[0]:
                    context.subject = subject[0]
                    if len(subject[0]) > 1:
                        context.group = group = subject[0]
                    if subject[0][0].person:
                        context.person = subject[0][0]
        return _merge_headline(found, headline), _merge_relations(relations)

    # -- one sentence ------------------------------------------------------------------------

    def _sentence(self, text: str, s_start: int, s_end: int, cues: list[tuple[int, int, tuple[Cue, ...]]],
                  slots: list[_Slot], context: _Context,
                  sentence_subject: tuple[tuple[_Slot, ...], str] | None = None) -> list[_Draft]:
        found: list[_Draft] = []
        consumed = s_start
        previous_subject: tuple[tuple[_Slot, ...], _Pos | None, str] | None = None
        # "…, a senior official said." : the closing speech cue heads the sentence
        end = _strip_end(text, s_start, s_end)
        closing: tuple[int, int] | None = None  # the closing cue and where its clause ends
        # the reading of each cue, looked up once for the several passes below
        heads = []
        for _, c_end, options in cues:
            head, act = _head_readings(options)
            # "recalled its ambassador": a speech verb that is also an action verb with a listed
            # object right after it is that action ("recalled that ..." stays speech)
            if act is not None and _object_code(text, act, c_end, s_end) is not None:
                head = act
            elif head is not None and head.objects and head.role == "action":
                # "issued a statement", "unleashed a series of tweets": an act whose listed object
                # is a new message says what follows ("sent the letter" names one said before)
                message = _object_code(text, head, c_end, s_end)
                if message is not None and message[2].startswith("01"):
                    head = None if _DEFINITE.search(text, c_end, message[0]) else _speaking(head, message[2])
            heads.append(head)
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
                if _PARTICIPLE_LEAD.match(text[max(s_start, c_start - 20):c_start][::-1]):
                    # '"…," the mayor said, adding that …': the participle clause trails the closing cue
                    comma = text.rfind(",", s_start, c_start)
                    end = comma if comma > s_start else end
                continue
            # a speech verb with a tense: the last one not read as a noun may close the sentence
            nouns[index] = _noun_reading(text, s_start, c_start, c_end, head,
                                         text[max(s_start, c_start - 40):c_start][::-1])
            if nouns[index]:
                continue  # "… before details emerge": a noun ends the sentence, not a closing cue
            if text[c_start:c_end].lower() == head.lemma and head.lemma not in ("say", "tell") \
                    and not _PLURAL_BEFORE.match(text[max(s_start, c_start - 20):c_start][::-1]):
                continue  # "…, critics argue", but not "a longtime, dedicated advocate for children"
            # the speaker stands before the cue, or after it when the cue follows a comma
            if _closes_sentence(text, s_start, c_start, c_end, end):
                speaker_before = None if text[max(s_start, c_start - 2):c_start].strip() == "," else \
                    _np_before(text, s_start, c_start)
                if _postposed(text, s_start, c_start, c_end, end, speaker_before, cues, closes=True):
                    consumed = c_start
                    closing = (c_start, end)
            break
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
                at = _participle_split(text, s_start, cues, i, reading)
                if at is not None:
                    participles[i] = at
        splits = [(cues[i][0], i) for i in coordinated] + [(comma, i) for i, comma in participles.items()]
        main = _main_clause(text, s_start, cues) if len(cues) > 1 else None
        if main is not None:
            splits.append(main)
        splits.sort()
        framing = s_start  # the end of a participle phrase opening the sentence ("Asked about …,")
        for index, (c_start, c_end, options) in enumerate(cues):
            is_coordinated = index in coordinated and previous_subject is not None
            head = heads[index]
            consult = _consult_noun(text, s_start, c_start, c_end, s_end, options) \
                if text.startswith(" with", c_end) else None  # the cheap test first
            if consult is not None:
                # "Li conveyed this message during a meeting with Oyun-Erdene": the meeting is an
                # event of the clause's subject with the one met
                if previous_subject is not None and previous_subject[0] and previous_subject[2] != "none":
                    draft = self._claim(text, s_start, s_end, c_start, c_end, consult, cues, slots,
                                        previous_subject[0], None, previous_subject[2], context, False,
                                        inherited=True)
                    if draft is not None:
                        found.append(draft)
                continue
            if head is None:
                continue
            # "according to X" attributes the whole sentence, also after the content of another claim
            according = head.pos == "phrase" and head.role == "speech"
            # the cheap test first: a cue inside the content of an earlier claim (all three tests
            # only skip the cue, so their order does not change what is found)
            if c_start < consumed and not is_coordinated and not according and not (
                    index in participles and previous_subject is not None) and not (main and main[1] == index) \
                    and not (index == 0 and closing is not None and _opening_speech(text, s_start, c_start, head)) \
                    and not (closing is not None and c_start == closing[0]) \
                    and not _new_clause_speech(text, s_start, c_start, head, slots):
                continue
            is_quoted = quoted[index]
            if is_quoted is None:
                is_quoted = text.quoted(c_start, s_start)
            if is_quoted:
                continue  # quoted words are content, not who says them
            if c_start < framing:
                continue  # "Asked to describe the device, O'Neill said": inside the opening phrase
            if index + 1 < len(cues) and _frames_next_cue(text, s_start, c_start, c_end, cues[-1][0], head) \
                    and any(h is not None and not (h.light and h.role == "action") for h in heads[index + 1:]):
                if head.pos == "verb" and not text[s_start:c_start].strip(" \"“‘'(\n\t"):
                    framing = text.find(",", c_end, cues[-1][0])
                continue
            if head.light and _light_object(text, cues, c_end, s_end, head) is None:
                if not _QUOTE_AFTER.match(text, c_end, s_end):
                    continue  # "will continue to grow": a light verb with no event noun is no event
                # "Limbaugh continued: “…”": with a quotation after it, a light verb says it
                head = _speaking(head)
            limit = next((at for at, i in splits if i > index), s_end) if splits else s_end
            if closing is not None and c_start == closing[0]:
                limit = min(limit, closing[1])
            elif closing is not None and c_start < closing[0]:
                # "DuVernay said she felt …, she said": the opening cue's content ends where the closing one's speaker begins
                cut = max(text.rfind(",", c_end, closing[0]), text.rfind("”", c_end, closing[0]))
                limit = min(limit, cut) if cut > c_end else limit
            before = text[max(s_start, c_start - 40):c_start][::-1]  # reversed: see _reversed_tail
            noun = nouns.get(index) if head is heads[index] else None
            if noun is None:
                noun = _noun_reading(text, s_start, c_start, c_end, head, before)
            if noun:
                continue
            negated_by_without = bool(_WITHOUT.match(before))
            passive = head.pos == "verb" and head.tense == "past" and _PASSIVE_AUX.match(before) is not None \
                and (head.role != "frame" or head.frame in ("appeal", "demand"))
            absolute = opener = speaking_after_comma = reduced = None
            if head.pos == "verb" and head.tense is None:
                # ", saying", and "by saying", "despite admitting": the subject of the clause speaks
                participle = _PARTICIPLE_LEAD.match(before) is not None or (
                    _PREPOSITION_BEFORE.match(before) is not None and head.role != "action")
                # ", saying ..." after a clause whose subject opens the sentence: that subject speaks
                if participle and previous_subject is None and sentence_subject and sentence_subject[1] == "direct" \
                        and sentence_subject[0][-1].end <= c_start:
                    opener = sentence_subject[0]
                # "with all parties expressing support": the group last named
                absolute = _WITH_GROUP.match(before) if context.group else None
                if participle and not previous_subject and not opener and head.role != "action":
                    speaking_after_comma = _opening_name(text, s_start, c_start)
                    if speaking_after_comma is None and _PARTICIPLE_LEAD.match(before):
                        # "In 1986, the Supreme Court blocked …, citing …": the subject of the
                        # clause's finite verb, as written
                        verb = next((c for c, h in zip(cues[:index], heads[:index]) if h is not None
                                     and h.pos == "verb" and h.tense is not None and not text.quoted(c[0], s_start)),
                                    None)
                        speaking_after_comma = _np_before(text, s_start, verb[0]) if verb else None
                if not (participle or negated_by_without or opener or absolute or speaking_after_comma
                        or head.role == "action" or _AUX_PROGRESSIVE.match(before)):
                    # "a Donald Trump tweet attacking …", "footage of Clinton asking …": the
                    # participle says what the name or the message before it says
                    reduced = _reduced_relative(text, s_start, c_start, slots)
                if not (negated_by_without or _AUX_PROGRESSIVE.match(before) or (participle and previous_subject)
                        or opener or absolute or speaking_after_comma or reduced):
                    continue
                inherit = negated_by_without or participle or absolute is not None
            else:
                inherit = is_coordinated
            if absolute is not None:
                subject_slots, how = context.group, "anaphor"
                source_span = _Pos(c_start - absolute.end("np"), c_start - absolute.start("np"))
            elif inherit and previous_subject is not None:
                subject_slots, source_span, how = previous_subject
                if how != "none":
                    source_span = None  # a named subject speaks again; an unlinked one keeps its words
            elif opener:
                subject_slots, source_span, how = opener, _Pos(opener[0].start, opener[-1].end), "direct"
            elif reduced:
                subject_slots, source_span, how = reduced
            elif speaking_after_comma:
                # ", saying ..." after a subject that is no tagged entity: "Rival Hillary Clinton had
                # mocked the complaint, saying ..."; "He ..., saying" is the last person named
                named = speaking_after_comma
                if text[named.start:named.end] in ("He", "She") and context.person is not None:
                    subject_slots, source_span, how = (context.person,), named, "pronoun"
                else:
                    subject_slots, source_span, how = (), speaking_after_comma, "none"
            else:
                # an unlinked subject of an act is no claim, and a passive takes its source from
                # its agent: then the words before the cue are not read
                subject_slots, source_span, how = self._subject(text, s_start, c_start, c_end, s_end, head,
                                                                slots, context,
                                                                unlinked=not passive and head.role != "action")
            patients: tuple[_Slot, ...] = ()
            if passive:  # "Mongolia was attacked by Russia": the agent acts on the subject
                patients = subject_slots
                agent = _agent(text, slots, c_end, min(limit, _clause_end(text, c_end, s_end)))
                if agent:
                    subject_slots, source_span, how = agent, _Pos(agent[0].start, agent[-1].end), "direct"
                elif head.role == "speech":
                    # "was first reported by The Washington Post", "were echoed by a number of experts":
                    # an agent that is no tagged entity is the speaker as written
                    named = _unlinked_agent(text, c_end, min(limit, _clause_end(text, c_end, s_end)))
                    if named is None:
                        continue  # "is expected to", "was reported": no speaker, the subject is the topic
                    subject_slots, source_span, how = (), named, "none"
                else:
                    subject_slots, how = (), "none"
                    source_span = None
            if how == "none" and head.role == "action" and not patients:
                continue  # an event with no actor is no claim
            draft = self._claim(text, s_start, s_end, c_start, c_end, head, cues, slots,
                                subject_slots, source_span, how, context, negated_by_without, inherit,
                                patients=patients, limit=limit)
            if draft is None:
                continue
            found.append(draft)
            # the grammatical subject carries over: the patient of a passive, else the source
            previous_subject = (patients, None, "direct") if passive and patients else (subject_slots, source_span, how)
            if how == "direct" and len(subject_slots) == 1 and subject_slots[0].person:
                context.person = subject_slots[0]
            if draft.fields["sources"]:
                context.sources = draft.fields["sources"]
                context.speaker = draft.fields["speaker"]
            # what follows in the content belongs to this claim, up to the next clause break
            consumed = max(consumed, _clause_end(text, c_end, limit if closing and c_start == closing[0] else s_end))
        return found

    def _subject(self, text: str, s_start: int, c_start: int, c_end: int, s_end: int, head: Cue,
                 slots: list[_Slot], context: _Context, unlinked: bool = True
                 ) -> tuple[tuple[_Slot, ...], _Pos | None, str]:
        """Return the subject slots, the source span as written and how they were found.

        Without *unlinked*, a subject that is no tagged entity is not looked for in the words
        before or after the cue: ``((), None, "none")`` is returned instead.
        """
        if head.pos == "phrase" and head.role == "speech":  # "according to X"
            after = [s for s in slots if c_end <= s.start <= c_end + 40]
            if after and not text[c_end:after[0].start].strip(" ,the"):
                chain = _chain_forward(text, after, 0)
                return chain, _Pos(chain[0].start, chain[-1].end), "direct"
            span = _np_after(text, c_end, s_end)
            return (), span, "none"
        if "," in text[c_start - 2:c_start] and head.role == "speech" and head.pos == "verb" \
                and head.tense is not None and _inverted_after_comma(text, s_start, c_start, c_end, s_end, slots):
            # "Cuba freed 20 American prisoners, said Reuters": the speaker follows; the words
            # before the comma are the content, not its subject
            return self._inverted_speaker(text, c_end, s_end, slots, unlinked)
        clause_start = _clause_start(text, s_start, c_start)
        region = _mask_parentheticals(text, clause_start, c_start)  # None when there is none
        candidates = [s for s in slots if clause_start <= s.start and s.end <= c_start
                      and not (region and region.masked(s.start))]
        if candidates:
            nearest = candidates[-1]
            # "The Ivory Coast's Supreme Court decided to allow": four words after the possessive
            gap = region.strip(nearest.end, c_start) if region else text[nearest.end:c_start]
            if not nearest.possessive or _gap_words(_LEADING_POSSESSIVE.sub("", gap)) <= 4:
                words = _gap_words(gap)
                # "... Liberian refugees, Human Rights Watch said": no subject across a comma
                if words <= 6 and not ("," in gap and words > 1) \
                        and not _preceded_by_preposition(text, clause_start, nearest.start) \
                        and not text.has("break", nearest.end, c_start):
                    chain = _chain_backward(text, candidates, len(candidates) - 1, clause_start)
                    return chain, _Pos(chain[0].start, chain[-1].end), "direct"
        if candidates:
            # "Pakistan, a key ally in the region, has refused": an apposition between subject and verb
            if text.find(",", candidates[0].end, c_start) >= 0 and \
                    _at_most_words(text, clause_start, candidates[0].start, 1):
                chain = _chain_forward(text, candidates, 0)
                m = _APPOSITION.match(text, chain[-1].end, c_start)
                if m and _at_most_words(text, m.end(), c_start, 3):
                    return chain, _Pos(chain[0].start, chain[-1].end), "direct"
            # "Security forces in Guinea have tortured": a bare noun phrase located in a state
            nearest = candidates[-1]
            if _located_in(text, clause_start, nearest) and _at_most_words(text, nearest.end, c_start, 3) \
                    and not text.has("break", nearest.end, c_start):
                lead = _strip_span(text, clause_start, nearest.start)
                return (nearest,), _Pos(lead.start if lead else nearest.start, nearest.end), "direct"
        # a pronoun or anaphor opening the clause, when the paragraph has named what it stands for
        lead = text[clause_start:c_start] if context.person is not None or context.subject or context.group \
            or context.sources else ""
        if context.person is not None and (m := _HE_SHE.match(lead)):
            return (context.person,), _Pos(clause_start + m.start(0) + len(m.group(0)) - len(m.group(0).strip()),
                                          clause_start + m.end()), "pronoun"
        if (context.subject or context.group) and (m := _THEY.match(lead)):
            group = context.subject if len(context.subject) > 1 or not context.group else context.group
            return group, _strip_span(text, clause_start + m.start(), clause_start + m.end()), "anaphor"
        if (context.subject or context.sources) and (m := _IT.match(lead)):
            return context.subject, _strip_span(text, clause_start + m.start(), clause_start + m.end()), "anaphor"
        if head.role == "speech" and _inverted(text, s_start, c_start):
            # inverted, right after the content: "…,” said Li." / "…,” said Caddell."
            found = self._inverted_speaker(text, c_end, s_end, slots, unlinked)
            if found[2] != "none" or found[1] is not None:
                return found
        if not unlinked:
            return (), None, "none"
        source = _np_before(text, clause_start, c_start)
        if source is None and clause_start > s_start:
            # "Mr. Kamin, who emphasized that …", "the Saudi government, which has denied …": the
            # relative pronoun stands for the speaker
            pronoun = _RELATIVE_BEFORE.match(text[max(s_start, clause_start - 8):clause_start][::-1])
            if pronoun is not None:
                source = _Pos(clause_start - pronoun.end(1), clause_start - pronoun.start(1))
        return (), source, "none"

    @staticmethod
    def _inverted_speaker(text: str, c_end: int, s_end: int, slots: list[_Slot], unlinked: bool
                          ) -> tuple[tuple[_Slot, ...], _Pos | None, str]:
        """The speaker written after an inverted cue: an actor ("said Li"), else a name as
        written ("said Caddell") when *unlinked*."""
        after = [s for s in slots if c_end <= s.start <= c_end + 30]
        if after and not text[c_end:after[0].start].strip(" ,"):
            chain = _chain_forward(text, after, 0)
            return chain, _Pos(chain[0].start, chain[-1].end), "direct"
        named = _name_after(text, c_end, s_end) if unlinked else None
        if named is not None:
            return (), named, "none"
        return (), None, "none"

    def _claim(self, text: str, s_start: int, s_end: int, c_start: int, c_end: int, head: Cue,
               following: list[tuple[int, int, tuple[Cue, ...]]], slots: list[_Slot],
               subject: tuple[_Slot, ...], source_span: _Pos | None, how: str, context: _Context,
               negated_by_without: bool, inherited: bool = False, patients: tuple[_Slot, ...] = (),
               limit: int | None = None) -> _Draft | None:
        end = _strip_end(text, s_start, s_end)
        if limit is not None and limit < end:
            end = _strip_end(text, s_start, limit)
            end = end if end > c_end else limit
        clause_end = min(_clause_end(text, c_end, s_end), end)
        postposed = head.role == "speech" and not inherited and _postposed(
            text, s_start, c_start, c_end, end, source_span, following)
        if postposed:
            cut = text.rfind(",", s_start, source_span.start if source_span else c_start)
            content = _strip_span(text, s_start, cut if cut > s_start else c_start)
            inner_from, inner_to = content.start if content else s_start, content.end if content else c_start
        else:
            m = _THAT.match(text, c_end, end)
            begin = m.end() if m else c_end
            content = _strip_span(text, begin, end) if begin < end else None
            inner_from, inner_to = c_end, clause_end if head.role != "speech" else end
        # frame and action inside the content
        frame = head.frame if head.role == "frame" else None
        action = head if head.role == "action" else None
        event_end = c_end
        frame_at = c_start
        inner_subject: tuple[_Slot, ...] = ()
        modal_targets: tuple[_Slot, ...] = ()
        action_at = c_end
        window_from = inner_from
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
            chosen = _content_option(options, frame is None)
            if chosen is None:
                continue
            if chosen.role == "frame" and frame is None:
                frame = chosen.frame
                frame_at = f_start
                window_from = f_end
                event_end = f_end
                owner = [s for s in slots if inner_from <= s.start and s.end <= f_start]
                if owner and owner[-1].possessive and \
                        _at_most_words(text, _past_possessive(text, owner[-1]), f_start, 3):
                    inner_subject = (owner[-1],)
                elif owner and head.role == "speech" and _at_most_words(text, owner[-1].end, f_start, 3) \
                        and not owner[-1].possessive and not _preceded_by_preposition(text, inner_from, owner[-1].start):
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
                    owner = [s for s in slots if inner_from <= s.start and s.end <= f_start
                             and s.start >= frame_at - 200]
                    near = bool(owner) and _at_most_words(text, _past_possessive(text, owner[-1]), f_start, 4)
                    if chosen.pos == "verb" and chosen.tense == "past" and \
                            _PASSIVE_AUX.match(text[max(inner_from, f_start - 40):f_start][::-1]):
                        # "a camp for Congolese refugees was attacked by Burundian militia, the agency
                        # said": the agent acts on the subject; with no agent the event has no source
                        patients = _chain_backward(text, owner, len(owner) - 1, inner_from) if near else ()
                        inner_subject = _agent(text, slots, f_end, inner_to)
                        if not inner_subject:
                            action, event_end = None, c_end
                    elif near and (not _preceded_by_preposition(text, inner_from, owner[-1].start)
                                   or _located_in(text, inner_from, owner[-1])):
                        chain = _chain_backward(text, owner, len(owner) - 1, inner_from)
                        if frame in ("appeal", "demand") and frame_at > c_start:
                            modal_targets = chain  # "its demand that Israel ease ...": Israel is asked
                        else:
                            inner_subject = chain
                break
        reported = head.role == "speech" and action is not None and \
            _REPORTED_SUBJECT.match(text, c_end, c_end + _REPORTED_REACH) is not None
        own_act = head.performative and action is not None and action.pos == "noun" \
            and _at_most_words(text, c_end, action_at, 2)
        if head.role == "speech" and frame is None and action is not None and not (
                inner_subject or postposed or reported or own_act):
            action = None  # "discussed ways to facilitate trade": the event is the speech act
            event_end = c_end
        elif head.role == "speech" and _is_event(head.cameo) and action is not None \
                and not (postposed or reported):
            # "blamed Israel for the bombing", "praised China for its aid": the act judged is
            # not the event; the judgement is, and its object the target
            action, inner_subject, event_end = None, (), c_end
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
        code = self._code(head, frame, action)
        sources_slots = inner_subject or subject
        sources = _actors(sources_slots)
        # targets: the first actor after the cue (its object, or after a target preposition)
        # with its coordinated list, then the object of the action it frames
        if patients:
            found_targets = _actors(patients)
        else:
            target_from = c_end if head.role != "speech" or (action is None and frame is None) else event_end
            if modal_targets:
                target_from = modal_targets[-1].end
            target_to = inner_to if postposed else _target_end(text, target_from, end)
            target_to = _coordinated_clause_end(text, target_from, target_to, following)
            found_targets = _actors(modal_targets) + _targets(text, slots, target_from, target_to)
            if action is not None and event_end > target_from and action_at > c_end:
                found_targets += _targets(text, slots, event_end, _target_end(text, event_end, end), tight=True)
            if not found_targets and sources:
                found_targets = self._implicit_targets(text, target_from, target_to, sources, code, context)
            if not found_targets and len(sources) == 1 and _is_event(code):
                # an event has a patient: failing an object or a target preposition, the first
                # actor later in its clause ("arrested more than 100 Palestinians"); not for a
                # compound subject, whose members are each other's patients ("A and B agreed")
                found_targets = _targets(text, slots, target_from, target_to, loose=True)
                if not found_targets and code[:2] in _MATERIAL_ROOTS:
                    # failing an actor, the place a material act falls on or in ("lifted the state
                    # of emergency in Darfur", "shelled Jericho"), as event coders code a city
                    found_targets = _place_target(context, slots, target_from, target_to)
        targets = tuple(dict.fromkeys(a for a in found_targets if a not in sources)) if found_targets else ()
        if not targets and found_targets and len(sources) == 1 and _is_event(code):
            # a distinct mention of the source's own state as patient: a domestic event
            # ("Museveni threatened to ban Ugandan opposition candidates")
            targets = tuple(dict.fromkeys(found_targets))
        if not sources and not targets and head.role == "action":
            return None
        speaker = None
        if head.role in ("speech", "frame") and subject and how != "none":
            speaker = subject[0].speaker if len(subject) == 1 else None
        # modality and tense
        scope_from = subject[0].start if subject and how == "direct" and subject[0].start >= s_start else \
            _clause_start(text, s_start, c_start)
        if negated_by_without or scope_from > c_start:
            scope_from = max(s_start, c_start - 30)  # a participle clause: its own words only
        scope_to = max(event_end, c_end)
        modality = "asserted"
        if frame is not None:
            modality = self.lexicon.frames.get(frame, {}).get("modality", "asserted")
        if head.hedged or text.has("hedge", scope_from, scope_to):
            modality = "hedged"
        if negated_by_without or text.has("negation", scope_from, scope_to):
            modality = "negated"
        tense = head.tense
        if text.has("future", scope_from, c_start) or (action is not None and head.role == "action"
                                                       and text.has("future", c_end, event_end)):
            tense = "future"
        else:
            aux = " ".join(_last_word_texts(text, scope_from, c_start, 3))
            if _PAST_AUX.search(aux):
                tense = "past"
            elif tense is None and _PRESENT_AUX.search(aux):
                tense = "present"
        # confidence from the evidence
        confidence = 0.55
        confidence += _HOW_CONFIDENCE.get(how, 0.0)
        if inner_subject:
            confidence += 0.05
        if targets:
            confidence += 0.1
        if action is not None or frame is not None:
            confidence += 0.05
        if modality == "hedged":
            confidence -= 0.1
        confidence = round(max(0.05, min(0.95, confidence)), 2)
        ev_start = min(c_start, source_span.start if source_span and source_span.start >= s_start else c_start,
                       content.start if content else c_start)
        ev_end = max(c_end, content.end if content else c_end,
                     source_span.end if source_span and source_span.end <= s_end else c_end)
        predicate = None
        if how == "anaphor" and action is None and frame is None and head.role == "speech" and \
                (head.cameo or "").startswith("01"):
            # "The ministers emphasized the value of ...": a group anaphor with no event is no claim
            # of the group; it stays an attribution with its span as written
            sources, targets, speaker, source_span_kept = (), (), None, False
        else:
            # a finite speech verb makes any subject a source ("one slide says", "the ruling said"),
            # but "I think", "you want" (mostly inside a quotation) attribute nothing
            source_span_kept = how != "none" or (head.pos == "phrase" and head.role == "speech") or (
                not _first_or_second_person(text, source_span) and (
                    (head.lemma in _STRONG_SPEECH and head.pos == "verb" and head.tense is not None)
                    or _speaker_like(text, source_span)))
        if not sources and not targets:
            # who said it, even unlinked ("a senior official said"): a statement, no event of its own
            predicate = "says"
            code = code if code and code.startswith("01") else None
        facts = self.cameo.get(code) if code else None
        speaker_span = source_span if source_span is not None and s_start <= source_span.start \
            and source_span_kept and head.role != "action" else None  # an event told by the article
        # a draft: the attrs values (and their validation) are made only for the claims kept
        fields = {
            "speaker": speaker, "predicate": predicate, "cue": text[c_start:c_end], "cue_lemma": head.lemma,
            "sources": sources, "targets": targets, "cameo": code,
            "plover": facts.plover if facts else None, "plover_mode": facts.mode if facts else None,
            "plover_context": facts.context if facts else None, "quad_class": facts.quad_class if facts else None,
            "modality": modality, "tense": tense, "confidence": confidence,
        }
        return _Draft(source_span, _Pos(c_start, c_end), content, speaker_span,
                      [(ev_start, ev_end, s_start, s_end)], fields)

    def _implicit_targets(self, text: str, start: int, end: int, sources: tuple[str, ...], code: str | None,
                          context: _Context) -> tuple[str, ...]:
        """Targets named by a phrase, not a name: "with its northern neighbours" (the other members
        of the group last named), "support for expanding its reach" (what the sentence is about)."""
        if context.group and _GROUP_OBJECT.search(text, start, end):
            return tuple(a for a in _actors(context.group) if a not in sources)
        # an event (not a mere statement) on "its" something, in a sentence about an initiative
        if code and not code.startswith("01") and context.topic and context.topic not in sources \
                and _ITS.search(text, start, end):
            return (context.topic,)
        return ()

    # -- punctuation as the cue -------------------------------------------------------------

    def _colon(self, text: str, s_start: int, s_end: int, colon: int, slots: list[_Slot]) -> list[_Draft]:
        """A name and a colon opening a sentence or headline: "Pence: ...", "WALLACE: ...", "Poll: ..."."""
        begin = s_start
        while begin < colon and text[begin] in "\"“‘'( ":
            begin += 1
        words = _WORD.findall(text, begin, colon)
        content = _strip_span(text, colon + 1, _strip_end(text, s_start, s_end))
        if not words or len(words) > 6 or content is None or _gap_words(text[content.start:content.end]) < 2 \
                or not text[colon + 1:colon + 2].isspace() or text[colon - 1:colon].isspace():
            return []
        if any(not w[:1].isupper() for w in words) or words[-1].lower() in _LABELS or words[0].lower() in _LABELS:
            return []  # "Partial transcript as follows:", "Editor's note:", "UPDATE:"
        named = [slot for slot in slots if begin <= slot.start and slot.end <= colon]
        return [self._punctuation_draft(text, s_start, s_end, colon, colon + 1, _Pos(begin, colon), content, named)]

    def _quote_dash(self, text: str, p_start: int, s_start: int, s_end: int, dash: int,
                    slots: list[_Slot]) -> list[_Draft]:
        """A quotation signed after a dash: "… our greatest shame.” ― Sonya Herridge"."""
        close = dash - 1
        while close > s_start and text[close].isspace():
            close -= 1
        if close <= s_start or text[close] not in "”\"'":
            return []
        name = _name_after(text, dash + 1, s_end)
        if name is None or not text[name.start:name.start + 1].isupper():
            return []
        opening = "“" if text[close] == "”" else text[close]
        open_at = text.rfind(opening, p_start, close)
        content = _strip_span(text, open_at + 1 if open_at >= 0 else p_start, close)
        if content is None:
            return []
        named = [slot for slot in slots if name.start <= slot.start and slot.end <= name.end]
        return [self._punctuation_draft(text, min(s_start, content.start), s_end, dash, dash + 1, name, content,
                                        named)]

    def _punctuation_draft(self, text: str, s_start: int, s_end: int, c_start: int, c_end: int, source: _Pos,
                           content: _Pos, named: list[_Slot]) -> _Draft:
        # the name is the speaker when it is one tagged entity (or a list of them), else it is
        # kept as written, as for "a senior official said"
        chain = _chain_forward(text, named, 0) if named else ()
        whole = bool(chain) and chain[0].start == source.start and chain[-1].end == source.end
        sources = _actors(chain) if whole else ()
        speaker = chain[0].speaker if whole and len(chain) == 1 else None
        facts = self.cameo.get(_PUNCTUATION_CAMEO)
        fields = {
            "speaker": speaker, "predicate": None if sources else "says", "cue": text[c_start:c_end],
            "cue_lemma": "say", "sources": sources, "targets": (), "cameo": _PUNCTUATION_CAMEO,
            "plover": facts.plover if facts else None, "plover_mode": facts.mode if facts else None,
            "plover_context": facts.context if facts else None, "quad_class": facts.quad_class if facts else None,
            "modality": "asserted", "tense": None, "confidence": 0.7 if sources else 0.6,
        }
        ev_start, ev_end = min(source.start, content.start), max(source.end, content.end)
        return _Draft(source, _Pos(c_start, c_end), content, source,
                      [(ev_start, ev_end, min(s_start, ev_start), max(s_end, ev_end))], fields)

    def _code(self, head: Cue, frame: str | None, action: Cue | None) -> str | None:
        if action is not None:
            if frame is not None:
                facts = self.lexicon.frames.get(frame, {})
                # "decided to allow": a frame marked done frames the act itself
                return action.codes.get(frame) or (action.codes.get("do") if facts.get("done") else None) \
                    or facts.get("cameo")
            return action.codes.get("do")
        if frame is not None:
            return self.lexicon.frames.get(frame, {}).get("cameo")
        return head.cameo

    # -- relations stated as fact -------------------------------------------------------

    def _sentence_subject(self, text: str, s_start: int, s_end: int, slots: list[_Slot],
                          context: _Context) -> tuple[tuple[_Slot, ...], str] | None:
        """The actors a sentence is about: a subject at its start, or what "It"/"They" stands for."""
        if slots and _at_most_words(text, s_start, slots[0].start, 1):
            chain = _chain_forward(text, slots, 0)
            return chain, "direct"
        if context.subject:
            lead = text[s_start:min(s_end, s_start + 40)]
            if _IT.match(lead) or _THEY.match(lead):
                return context.subject, "anaphor"
        return None

    def _relations(self, text: str, s_start: int, s_end: int, slots: list[_Slot], organisations: list[_Slot],
                   subject: tuple[tuple[_Slot, ...], str] | None, context: _Context) -> list[Claim]:
        claims: list[Claim] = []

        def org_after(pos: int, limit: int) -> _Slot | None:
            for slot in slots:
                if pos <= slot.start <= limit and slot.organisation:
                    return slot
            return None

        def salient_org(pos: int) -> _Slot | None:
            before = [o for o in organisations if o.start < pos]
            if before:
                return before[-1]
            after = [o for o in organisations if o.start >= pos]
            return after[0] if after else None

        def subject_before(pos: int) -> tuple[tuple[_Slot, ...], str]:
            clause_start = _clause_start(text, s_start, pos)
            candidates = [s for s in slots if clause_start <= s.start and s.end <= pos and not s.organisation]
            if candidates and not _preceded_by_preposition(text, clause_start, candidates[-1].start):
                return _chain_backward(text, candidates, len(candidates) - 1, clause_start), "direct"
            if subject:
                return subject
            return (), "none"

        def add(predicate: str, members: Sequence[_Slot], org: _Slot | Sequence[_Slot] | None, how: str,
                m_start: int, m_end: int, org_how: str) -> None:
            # one claim per statement: a coordinated subject ("India, Pakistan, and Iran have become
            # members") or object ("partnerships with the United States, Japan, and South Korea")
            # gives several sources or targets, as a compound subject of an event does
            if org is None:
                return
            others = (org,) if isinstance(org, _Slot) else tuple(org)
            ev_start = min([m_start] + [s.start for s in members if s.start >= s_start])
            ev_end = max([m_end] + [s.end for s in (*members, *others) if s.end <= s_end])
            sources = _actors(members)
            targets = tuple(a for a in _actors(others) if a not in sources)
            if not sources or not targets:
                return
            confidence = 0.85 if how == "direct" and org_how == "direct" else 0.65
            claims.append(Claim(
                producer=PRODUCER, predicate=predicate,
                evidence=[Evidence(start=ev_start, end=max(ev_end, ev_start + 1),
                                   sentence_start=s_start, sentence_end=s_end)],
                sources=sources, targets=targets, modality="asserted", tense=None, confidence=confidence,
            ))

        for m in _REL_ADMIT.finditer(text, s_start, s_end):
            members = [s for s in slots if m.start("x") <= s.start and s.end <= m.end("x") and not s.organisation]
            org = None
            org_how = "direct"
            before = text[s_start:m.start()]
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
            before = text[s_start:m.start()]
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
            after = [i for i, s in enumerate(slots) if s.start >= m.end() and not s.organisation]
            if not after or not _at_most_words(text, lead.end(), slots[after[0]].start, 1):
                continue
            partners = _chain_forward(text, slots, after[0])
            members, how = subject_before(m.start())
            add("partner_of", members, partners, how, m.start(), m.end(), "direct")
        return claims


# -- helpers ---------------------------------------------------------------------------------


class _Text(str):
    """The article text with the markers found in it in two automaton passes: negations,
    hedges and future markers (the lexicon's), clause breaks, target stops and relation
    words (the grammar's), so that the helpers that take the text ask for them with a
    bisection instead of a regular-expression search."""

    straight: list[int]  # where the straight quotation marks stand

    def __new__(cls, text: str, marks: dict[str, list[tuple[int, int]]]) -> _Text:  # noqa: PYI034
        self = super().__new__(cls, text)
        marks = {**marks, **_grammar_marks(text)}
        self._marks = columns = {kind: _columns(spans) for kind, spans in marks.items()}
        self.quotes = _quotations(text)
        self.quote_starts = [a for a, _ in self.quotes]
        self.straight = [m.start() for m in _STRAIGHT_QUOTE.finditer(text)]  # '"' positions
        # clause breaks do not overlap (see _grammar_marks): in order of start, they are in order of end
        self.break_starts, self.break_ends = columns["break"]
        return self

    def quoted(self, pos: int, s_start: int) -> bool:
        """True when *pos* lies inside a quotation: “…” in its paragraph, or "…" and ''…'' opened
        earlier in its sentence (straight marks do not say which way they face, so one left
        unpaired must not turn the rest of the text into a quotation)."""
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        if i >= 0 and pos < self.quotes[i][1]:
            return True
        marks = self.straight
        if not marks:
            if self.find("''", s_start, pos) < 0:
                return False
            at = 0
        else:
            at = bisect.bisect_left(marks, pos)
            if at == bisect.bisect_left(marks, s_start) and self.find("''", s_start, pos) < 0:
                # a quotation opened in an earlier sentence that closes later in this one: '… Own
                # it, express it," Lynch said.'
                return at < len(marks) and self._closing(marks[at]) and self.find("\n", pos, marks[at]) < 0
        # a ” closes a quotation opened with a straight mark too: "Oz has a pulpit,” said Gorski
        floor = max(s_start, self.rfind("”", s_start, pos) + 1)
        if (at - bisect.bisect_left(marks, floor)) % 2 == 1:
            # an odd count ending on a closing mark closes what an earlier sentence opened
            return not self._closing(marks[at - 1])
        return self.count("''", floor, pos) % 2 == 1

    def _closing(self, mark: int) -> bool:
        """True for a straight quotation mark that closes: after ",.!?" and before white space."""
        return mark > 0 and self[mark - 1] in ",.!?" and (mark + 1 >= len(self) or self[mark + 1].isspace())

    def has(self, kind: str, start: int, end: int) -> bool:
        """True when a marker of *kind* lies wholly inside ``[start, end)``."""
        starts, ends = self._marks[kind]
        i = bisect.bisect_left(starts, start)
        while i < len(starts) and starts[i] < end:
            if ends[i] <= end:
                return True
            i += 1
        return False

    def first(self, kind: str, start: int, end: int) -> int:
        """The start of the first marker of *kind* wholly inside ``[start, end)``, else *end*."""
        starts, ends = self._marks[kind]
        i = bisect.bisect_left(starts, start)
        while i < len(starts) and starts[i] < end:
            if ends[i] <= end:
                return starts[i]
            i += 1
        return end


def _columns(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The starts and the ends of *spans*, as two lists."""
    if not spans:
        return [], []
    starts, ends = zip(*spans)
    return list(starts), list(ends)


_QUOTE_MARK = re.compile(r"[“”\n]")
_STRAIGHT_QUOTE = re.compile('"')


def _quotations(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every “…” quotation, each within its paragraph (one left open, as
    a quotation that goes on in the next paragraph, runs to the end of the line)."""
    if "“" not in text:
        return []  # (the cheap test first: only “ opens one)
    spans = []
    opened = -1
    for m in _QUOTE_MARK.finditer(text):
        mark = m.group()
        if mark == "“":
            if opened < 0:
                opened = m.end()
        elif opened >= 0:  # ” or the end of the line
            spans.append((opened, m.start()))
            opened = -1
    if opened >= 0:
        spans.append((opened, len(text)))
    return spans


def _grammar_marks(text: str) -> dict[str, list[tuple[int, int]]]:
    marks: dict[str, list[tuple[int, int]]] = {"break": [], "stop": [], "relation": []}
    size = len(text)
    for last, (length, plain, rules) in _GRAMMAR.iter(text):
        first = last - length + 1
        after = last + 1
        for kind in plain:
            marks[kind].append((first, after))
        if not rules:
            continue
        # a word character (as \w) on either side, written out: this runs for every match
        start_ok = first == 0 or not (text[first - 1].isalnum() or text[first - 1] == "_")
        end_ok = after >= size or not (text[after].isalnum() or text[after] == "_")
        for kind, rule in rules:
            if (rule == "word" and start_ok and end_ok) or (rule == "end" and end_ok) or (rule == "start" and start_ok):
                marks[kind].append((first, after))
            elif rule == "and":
                m = _AND_DETERMINER.match(text, after)
                if m is not None:
                    marks[kind].append((first, m.end()))
    for spans in marks.values():
        spans.sort()
    # clause breaks are read as a left-to-right scan reads them: no match inside the last one
    kept: list[tuple[int, int]] = []
    for span in marks["break"]:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    marks["break"] = kept
    return marks


def _slots(text: str, entities: Sequence[Entity]) -> list[_Slot]:
    """Group overlapping entity mentions into actor slots, in text order."""
    ids = {entity.id for entity in entities}
    size = len(text)
    spans = [(mention.start, mention.end, entity) for entity in entities for mention in entity.mentions
             if mention.end <= size]
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
    slots = []
    for group in groups:
        if len(group) == 1:
            # most slots hold one mention: its kind alone decides (the same choice as below)
            start, end, chosen = group[0]
            kind = chosen.kind
            if kind == "person":
                country = f"iso:{chosen.country}" if chosen.country else None
                slot = _Slot(start, end, (country,) if country in ids else (chosen.id,), chosen.id, True, False)
            elif kind == "state":
                slot = _Slot(start, end, (chosen.id,), chosen.id, False, False)
            elif kind in ("organisation", "group"):
                slot = _Slot(start, end, (chosen.id,), chosen.id, False, True)
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
            actors = (country,) if country in ids else (chosen.id,)
            slot = _Slot(start, end, actors, chosen.id, True, False)
        elif states:
            chosen = max(states, key=lambda item: item[1] - item[0])[2]
            actors = (chosen.id,)
            apart = [item for item in states if not any(o is not item and o[0] < item[1] and item[0] < o[1]
                                                        for o in states)]
            if len(apart) > 1:
                # "the Mongolia-China-Russia economic corridor": a name holding several states
                # stands for all of them
                actors = tuple(dict.fromkeys(item[2].id for item in apart))
            slot = _Slot(start, end, actors, chosen.id, False, False)
        elif orgs:
            chosen = max(orgs, key=lambda item: item[1] - item[0])[2]
            slot = _Slot(start, end, (chosen.id,), chosen.id, False, True)
        else:
            continue  # places and initiatives do not act
        slot.possessive = bool(_POSSESSIVE.match(text, end, end + 2))
        slots.append(slot)
    return slots


# a lower-case word, then capitalised words (with connectors) up to a capitalised cue: "for the
# Cook Political Report", "the U.S. Court of Appeals" (names); not "Donald Trump Says" (a headline)
_NAME_BEFORE = re.compile(r"(?:^|\s)[a-z][\w'’-]*\s+(?:[A-Z][\w.'’-]*\s+(?:(?:of|for|and|&|the|de)\s+)?)+$")


def _in_name(text: str, s_start: int, pos: int) -> bool:
    """True for a capitalised cue word that ends a name: "the Cook Political Report", in a
    sentence that is not in title case (one with a lower-case word of five letters or more)."""
    return _NAME_BEFORE.search(text, max(s_start, pos - 60), pos) is not None and \
        _LONG_LOWER.search(text, s_start, pos) is not None


_LONG_LOWER = re.compile(r"\b[a-z]{5,}\b")


# capitalised words that name no one singular: a bare verb form may follow them ("They plan")
_PLURAL_OPENERS = frozenset("i we they you both many some most all few several others people".split())


def _singular_name_before(text: str, s_start: int, pos: int) -> bool:
    """True when a singular name stands right before *pos*: "The McKinley plan", "a Donald Trump
    tweet" (a verb after it would end in -s); not "Democrats plan", "Obama and Clinton call"."""
    if pos - 2 < s_start or not text[pos - 2].isalpha() or not text[pos - 1].isspace():
        return False
    words = _last_words(text, s_start, pos, 5)
    if not words or text[words[-1][1]:pos].strip():
        return False
    word = words[-1][2]
    if not word[:1].isupper() or word.endswith("s") or word.lower() in _PLURAL_OPENERS | _OPENING_WORD:
        return False
    # "Mr. King and Mr. Schultz say", "would someone like Mr. Clarke want"
    return not any(w.lower() in _BARE_VERB_LEADS for _, _, w in words[:-1])


_BARE_VERB_LEADS = frozenset("and & or nor to would will can could should might may must did does do not".split())


def _inside(slots: list[_Slot], starts: list[int], pos: int) -> bool:
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


def _headline(article: Article) -> tuple[int, int] | None:
    text = article.text
    if article.title and text.startswith(article.title):
        return (0, len(article.title))
    first = text.split("\n", 1)[0]
    stripped = first.rstrip()
    if stripped and len(stripped) <= 160 and stripped[-1] not in ".!?:\"”" and "\n" in text:
        return (len(first) - len(first.lstrip()), len(stripped))
    return None


def _head_option(options: tuple[Cue, ...]) -> Cue | None:
    """The reading of a cue form that can head a claim: a verb, adjective or speech phrase."""
    # the option tuples are the lexicon automaton's own values, alive as long as it is: one
    # answer per tuple, kept with the tuple so that its id is never reused
    return _head_readings(options)[0]


def _head_readings(options: tuple[Cue, ...]) -> tuple[Cue | None, Cue | None]:
    """The head reading of a cue form (see :func:`_head_option`) and, when that is a speech
    verb, the action verb with listed object nouns among its other readings ("recall": a
    speech verb, and an action verb with "ambassador"), else None."""
    known = _HEADS.get(id(options))
    if known is None:
        head = _first_head(options)
        act = None
        if head is not None and head.role == "speech":
            act = next((cue for cue in options if cue.role == "action" and cue.pos == "verb" and cue.objects), None)
        known = _HEADS[id(options)] = (options, head, act)
    return known[1], known[2]


_HEADS: dict[int, tuple[tuple[Cue, ...], Cue | None, Cue | None]] = {}


def _first_head(options: tuple[Cue, ...]) -> Cue | None:
    for role in ("frame", "speech", "action"):
        for cue in options:
            if cue.role == role and (cue.pos in ("verb", "adj") or (cue.pos == "phrase" and cue.role == "speech")):
                return cue
    return None


def _content_option(options: tuple[Cue, ...], want_frame: bool) -> Cue | None:
    for role in (("frame", "action") if want_frame else ("action",)):
        for cue in options:
            if cue.role == role:
                return cue
    if want_frame:
        # with no frame, a judging verb is the event reported: "X is suing Y, his lawyer
        # said", "said Li praised China"
        for cue in options:
            if cue.role == "speech" and cue.pos == "verb" and _is_event(cue.cameo):
                return _judged_act(cue)
    return None


def _judged_act(cue: Cue) -> Cue:
    """A judging speech cue ("sued", "praised") read as the act it names, coded by its CAMEO code."""
    known = _ACTS.get(id(cue))
    if known is None:
        # the cues are the lexicon's own values, alive as long as it is (see _head_option)
        known = _ACTS[id(cue)] = (cue, attrs.evolve(cue, role="action", codes={"do": str(cue.cameo)}))
    return known[1]


_ACTS: dict[int, tuple[Cue, Cue]] = {}


def _actors(slots: Iterable[_Slot]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for slot in slots:
        for actor in slot.actors:
            seen.setdefault(actor, None)
    return tuple(seen)


@functools.lru_cache(maxsize=8192)
def _gap_words(gap: str) -> int:
    # the same short gaps (" ", " the ", ", ") come back for every cue
    return len(_WORD.findall(gap))


# "more than n words": n + 1 runs of word characters, each after what separates words; the
# quantifiers are possessive so that a backtrack never splits one word into two
_MORE_WORDS = tuple(re.compile(r"(?:[^\w’'-]*+[\w’'-]++)" + f"{{{n + 1}}}") for n in range(10))


def _past_possessive(text: str, slot: _Slot) -> int:
    """Where the words after *slot* begin, past its possessive ("Nicaragua's government": the
    "'s" is no word of the noun phrase)."""
    if slot.possessive:
        m = _POSSESSIVE.match(text, slot.end, slot.end + 2)
        if m is not None:
            return m.end()
    return slot.end


def _at_most_words(text: str, start: int, end: int, most: int) -> bool:
    """True when ``text[start:end]`` holds at most *most* words (as :func:`_gap_words` counts
    them). A short gap is counted from the cache (the same few come back); a long one, seldom
    seen twice, is read by one anchored match only as far as the word after *most*."""
    if end - start <= _SHORT_GAP:
        return _gap_words(text[start:end]) <= most
    return _MORE_WORDS[most].match(text, start, end) is None


_SHORT_GAP = 24


def _preceded_by_preposition(text: str, floor: int, pos: int) -> bool:
    words = _WORD.findall(text[max(floor, pos - 30):pos])
    for word in reversed(words[-3:]):
        lowered = word.lower()
        if lowered in _NOT_SUBJECT:
            return True
        if lowered not in ("the", "a", "an", "its", "their", "his", "her", "both", "fellow", "neighbouring",
                           "neighboring") and not word[:1].isupper():
            return False
    return False


def _clause_start(text: _Text, s_start: int, pos: int) -> int:
    """The end of the last clause break before *pos* (within 300 characters), else *s_start*."""
    window_start = max(s_start, pos - 300)
    ends, starts = text.break_ends, text.break_starts
    i = bisect.bisect_right(ends, pos) - 1
    if i >= 0 and starts[i] >= window_start:
        return ends[i]
    return s_start


def _clause_end(text: _Text, pos: int, s_end: int) -> int:
    """The start of the first target stop in ``[pos, s_end)``, else *s_end*."""
    return text.first("stop", pos, s_end)


def _target_end(text: _Text, pos: int, end: int) -> int:
    return text.first("stop", pos, end)


_AND_CLAUSE = re.compile(r"[,;]\s*(?:and|but|while|whereas)\s+")


def _coordinated_clause_end(text: str, start: int, end: int,
                            following: Sequence[tuple[int, int, tuple[Cue, ...]]]) -> int:
    """Where a coordinated clause with a finite verb of its own begins in ``[start, end)``, else *end*.

    "Houthi forces attacked a tanker, and Egypt said ...": the words after ", and" are another
    clause with its own subject and verb, so its actors are not the first clause's targets.
    """
    for match in _AND_CLAUSE.finditer(text, start, end):
        for f_start, _, options in following:
            if f_start < match.end():
                continue
            if any(o.pos == "verb" and o.tense is not None for o in options) \
                    and _at_most_words(text, match.end(), f_start, 5):
                return match.start()
            break
    return end


def _is_event(code: str | None) -> bool:
    """True for a CAMEO code of an event done to someone, not a mere statement (01x)."""
    return bool(code) and not code.startswith("01")


def _targets(text: str, slots: list[_Slot], start: int, end: int, tight: bool = False,
             loose: bool = False) -> tuple[str, ...]:
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


def _place_target(context: _Context, slots: list[_Slot], start: int, end: int) -> tuple[str, ...]:
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


def _agent(text: str, slots: list[_Slot], pos: int, end: int) -> tuple[_Slot, ...]:
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


def _unlinked_agent(text: str, pos: int, end: int) -> _Pos | None:
    """The agent of a passive speech verb as written, when it is no tagged entity: "by a number
    of tax experts", "by The Washington Post" (up to six words)."""
    m = _BY_AGENT.match(text, pos, end)
    if m is None or _gap_words(text[pos:m.start() + m.group().lower().rfind("by")]) > 2:
        return None
    words = list(itertools.islice(_WORD.finditer(text, m.end(), end), 6))
    run = []
    for word in words:
        if word.group().lower() in _NOT_SUBJECT or word.group().lower() in ("who", "which", "that", "and", "i", "we", "you"):
            break
        if run and text[run[-1].end():word.start()].strip():
            break
        run.append(word)
    return _Pos(run[0].start(), run[-1].end()) if run else None


def _is_coordinated(text: str, s_start: int, c_start: int, c_end: int, head: Cue | None) -> bool:
    """True for a finite verb after a conjunction: "attacked and killed", ", and threatened";
    *head* is the cue's reading (see :func:`_head_option`)."""
    if head is None or head.pos != "verb" or head.tense is None:
        return False
    if text[c_start:c_end].lower() == head.lemma:
        return False  # a bare form after "and" is usually an infinitive: "to join and cooperate"
    return _COORD_VERB.match(text[max(s_start, c_start - 20):c_start][::-1]) is not None


def _chain_backward(text: str, slots: Sequence[_Slot], index: int, floor: int) -> tuple[_Slot, ...]:
    """A coordinated subject ending at ``slots[index]``: "China, Russia, and Mongolia"."""
    chain = [slots[index]]
    seen_and = False
    i = index
    while i > 0:
        gap = text[slots[i - 1].end:slots[i].start]
        if slots[i - 1].start < floor:
            break
        has_and = _COORD.match(gap) is not None and _COMMA_ONLY.match(gap) is None
        if has_and and "," in gap and not (i >= 2 and slots[i - 2].start >= floor
                                           and _COMMA_ONLY.match(text[slots[i - 2].end:slots[i - 1].start])):
            break  # "attacked Ukraine and Georgia, and Moldova condemned": ", and" opens a clause
        if has_and and gap.strip(" ,"):
            seen_and = True
        elif not (seen_and and _COMMA_ONLY.match(gap)):
            break
        chain.insert(0, slots[i - 1])
        i -= 1
    return tuple(chain)


def _chain_forward(text: str, slots: Sequence[_Slot], index: int) -> tuple[_Slot, ...]:
    """A coordinated list starting at ``slots[index]``: "the United States, Japan, and South Korea"."""
    chain = [slots[index]]
    i = index
    while i + 1 < len(slots):
        gap = text[slots[i].end:slots[i + 1].start]
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


@attrs.define
class _Masked:
    text: str
    start: int
    ranges: list[tuple[int, int]]

    def masked(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.ranges)

    def strip(self, a: int, b: int) -> str:
        out = []
        pos = a
        for r_start, r_end in self.ranges:
            if r_end <= a or r_start >= b:
                continue
            out.append(self.text[pos:max(pos, r_start)])
            pos = max(pos, r_end)
        out.append(self.text[pos:b])
        return "".join(out)


def _mask_parentheticals(text: str, start: int, end: int) -> _Masked | None:
    """The parentheticals (", in a statement on Friday,") of ``text[start:end]``, or None when
    there is none."""
    if text.count(",", start, end) < 2:  # a parenthetical stands between two commas
        return None
    ranges = [(m.start(), m.end()) for m in _PARENTHETICAL.finditer(text, start, end)]
    return _Masked(text, start, ranges) if ranges else None


def _strip_span(text: str, start: int, end: int) -> _Pos | None:
    while start < end and text[start] in " ,":
        start += 1
    while end > start and text[end - 1] in _TRAIL_PUNCT + ",":
        end -= 1
    return _Pos(start, end) if start < end else None


def _strip_end(text: str, s_start: int, s_end: int) -> int:
    end = s_end
    while end > s_start and text[end - 1] in _TRAIL_PUNCT:
        end -= 1
    return end if end > s_start else s_end


def _np_before(text: str, floor: int, pos: int) -> _Pos | None:
    """The few words before a cue, as the source when no entity is there ("a senior official")."""
    cut = max(text.rfind(",", floor, pos), text.rfind("\"", floor, pos), text.rfind("”", floor, pos),
              text.rfind("“", floor, pos))
    begin = cut + 1 if cut >= 0 else floor
    words = _last_matches(text, begin, pos, 6)
    texts = [m.group() for m in words]
    if cut > floor and text[cut] == "," and not _content_words(texts):
        # "The state’s campaign chairman, Phil Lovas, said": the name between the commas
        previous = max(text.rfind(",", floor, cut), text.rfind("\"", floor, cut), text.rfind("”", floor, cut),
                       text.rfind("“", floor, cut))
        words = _last_matches(text, previous + 1 if previous >= 0 else floor, cut, 6)
        texts = [m.group() for m in words]
    first, last = 0, len(texts)
    while first < last and (texts[first].lower() in _NP_OPENERS or texts[first].lower() in _SUBORDINATORS):
        first += 1
    while first < last and (texts[last - 1].lower() in _NP_TRAILERS
                            or (texts[last - 1].endswith("ly") and texts[last - 1].islower())):
        last -= 1  # auxiliaries and adverbs: "Mook further asserted", "they have repeatedly said"
    if first == last:
        return None
    return _Pos(words[first].start(), words[last - 1].end())


# words that open no speaker's name ("and the minister said", "even when")
_NP_OPENERS = frozenset(("and", "but", "so", "or", "then", "back", "even", "just"))


def _content_words(words: list[str]) -> bool:
    """True when *words* hold more than auxiliaries and adverbs."""
    return any(w.lower() not in _NP_TRAILERS and not (w.endswith("ly") and w.islower()) for w in words)


def _last_words(text: str, floor: int, pos: int, count: int) -> list[tuple[int, int, str]]:
    """The last *count* words of ``text[floor:pos]`` as ``(start, end, word)``, in order.

    They are read in a short window first, then over the whole stretch when the window
    holds too few words to be sure that its first one is whole.
    """
    return [(m.start(), m.end(), m.group()) for m in _last_matches(text, floor, pos, count)]


def _last_matches(text: str, floor: int, pos: int, count: int) -> list[re.Match[str]]:
    """The words of :func:`_last_words`, as matches."""
    window = max(floor, pos - 12 * count)
    words = list(_WORD.finditer(text, window, pos))
    if len(words) <= count and window > floor:
        words = list(_WORD.finditer(text, floor, pos))
    return words[-count:]


def _last_word_texts(text: str, floor: int, pos: int, count: int) -> list[str]:
    """The words of :func:`_last_words`, without their offsets."""
    window = max(floor, pos - 12 * count)
    words = _WORD.findall(text, window, pos)
    if len(words) <= count and window > floor:
        words = _WORD.findall(text, floor, pos)
    return words[-count:]


def _np_after(text: str, pos: int, end: int) -> _Pos | None:
    m = re.compile(r"\s*([^,.;]{1,60})").match(text, pos, end)
    if not m or not m.group(1).strip():
        return None
    return _strip_span(text, m.start(1), m.end(1))


def _postposed(text: str, s_start: int, c_start: int, c_end: int, end: int, source: _Pos | None,
               cues: Sequence[tuple[int, int, tuple[Cue, ...]]] = (), closes: bool = False) -> bool:
    """True when the content comes before the cue: "…, a senior official said on Saturday."; not
    when a verb among *cues* stands between ("…, aside from saying he wants"). With *closes*, the
    caller has already found that the cue can close its sentence (:func:`_closes_sentence`)."""
    if not closes and not _closes_sentence(text, s_start, c_start, c_end, end):
        return False
    anchor = source.start if source and source.start < c_start else c_start
    comma = text.rfind(",", s_start, anchor)
    quote = max(text.rfind("”", s_start, anchor), text.rfind("\"", s_start, anchor))
    cut = max(comma, quote)
    # the speaker stands alone between the content and the cue: ", a senior official said";
    # not after a conjunction or a participle: ", though she acknowledged it was unlikely",
    # ", saying anybody who complains is wrong"
    if cut <= s_start + 10 or not _at_most_words(text, cut, c_start, 8):
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
    if any(cut < at < c_start and (h := _head_option(options)) is not None and h.pos == "verb"
           for at, _, options in cues):
        return False
    if any(w.lower() in _NOT_IN_SPEAKER for w in _WORD.findall(text, cut, c_start)):
        return False  # ", they should change the laws rather than criticize him": a clause, not a speaker
    first = _WORD.search(text, cut, c_start)
    return first is None or (first.group().lower() not in _CONJUNCTIONS and not first.group().endswith("ing"))


# words that make the words before a closing cue a clause of their own, not its speaker
_NOT_IN_SPEAKER = frozenset("should would will can could must may might shall to than not".split())


def _opening_speech(text: str, s_start: int, c_start: int, head: Cue) -> bool:
    """True for a finite speech verb after a short subject that opens the sentence: "DuVernay said
    she felt …, she said" holds two attributions, not one closing the whole sentence."""
    return head.role == "speech" and head.pos == "verb" and head.tense is not None \
        and text.find(",", s_start, c_start) < 0 and _at_most_words(text, s_start, c_start, 3) \
        and text[s_start:c_start].strip()[:1].isupper()


def _new_clause_speech(text: str, s_start: int, c_start: int, head: Cue, slots: list[_Slot]) -> bool:
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


# nouns naming a message, whose words a participle after them reports: "a statement announcing"
_MESSAGE_NOUNS = frozenset("""statement statements letter letters tweet tweets post posts message messages ad ads video
    videos spot report reports memo memos email emails paper papers filing filings release speech speeches conference
    interview footage clip clips editorial column resolution ruling order motion complaint lawsuit petition proposal
    bill law accord agreement treaty declaration communique communiqué article study survey poll""".split())
_NP_DETERMINERS = frozenset("the a an his her its their this that these those our my your another".split())


def _reduced_relative(text: str, s_start: int, c_start: int, slots: list[_Slot]
                      ) -> tuple[tuple[_Slot, ...], _Pos, str] | None:
    """The source of a participle right after a name or a message noun: "footage of Clinton
    asking …" (Clinton), "a Donald Trump tweet attacking …" (the tweet, Trump's), else None."""
    words = _last_words(text, s_start, c_start, 6)
    if not words or text[words[-1][1]:c_start].strip():
        return None
    i = bisect.bisect_left([slot.end for slot in slots], c_start + 1) - 1
    if i >= 0 and slots[i].end == words[-1][1] and not slots[i].possessive:
        return (slots[i],), _Pos(slots[i].start, slots[i].end), "direct"
    if words[-1][2] not in _MESSAGE_NOUNS:
        return None
    first = len(words) - 1
    while first > 0 and len(words) - first < 5 and not text[words[first - 1][1]:words[first][0]].strip():
        word = words[first - 1][2]
        if word.lower() in _NOT_SUBJECT or word.lower() in _NP_TRAILERS or word.lower() in _CONJUNCTIONS \
                or (word.islower() and word.endswith("ed")):
            break  # a preposition, an auxiliary, a conjunction or a verb ("filed papers opposing") ends it
        first -= 1
        if word.lower() in _NP_DETERMINERS:
            break
    span = _Pos(words[first][0], words[-1][1])
    owners = tuple(slot for slot in slots if span.start <= slot.start and slot.end <= span.end)
    return (owners[-1:], span, "direct") if owners else ((), span, "none")


def _closes_sentence(text: str, s_start: int, c_start: int, c_end: int, end: int) -> bool:
    """True for a cue that can close its sentence: at most five words after it, or right after a
    quotation ('"…," said David Wasserman, House editor for …'), or inverted after a comma with a
    name and its apposition after it ("…, said Mr. Barrett, the lawyer for the agency")."""
    if _at_most_words(text, c_end, end, 5) or _after_quote(text, s_start, c_start):
        return True
    if text[max(s_start, c_start - 2):c_start].strip() != ",":
        return False
    named = _name_after(text, c_end, end)
    return named is not None and text.startswith(",", named.end)


def _inverted_after_comma(text: str, s_start: int, c_start: int, c_end: int, s_end: int,
                          slots: list[_Slot]) -> bool:
    """True for a speech verb right after a comma with its speaker after it and nothing else:
    "…, said Reuters.", "…, reports aid agencies.", "…, said Mr. Barrett, the lawyer"; not
    "Li, the premier, said China would join"."""
    if text[max(s_start, c_start - 2):c_start].strip() != "," or text.startswith(" that", c_end):
        return False
    end = _strip_end(text, s_start, s_end)
    after = [s for s in slots if c_end <= s.start <= c_end + 30]
    if after and not text[c_end:after[0].start].strip(" ,"):
        named_end = _chain_forward(text, after, 0)[-1].end
    else:
        named = _name_after(text, c_end, end)
        if named is None:
            return False
        named_end = named.end
    rest = text[named_end:end].strip()
    return not rest or rest.startswith(",")


def _after_quote(text: str, s_start: int, c_start: int) -> bool:
    """True for a cue right after a closing quotation mark and its comma: '"…," said', "…,’’ said"."""
    before = text[max(s_start, c_start - 4):c_start].rstrip()
    return len(before) > 1 and before[-1] in "”\"'" and before[-2] in ",!?'"


def _opening_name(text: str, s_start: int, limit: int) -> _Pos | None:
    """The name that opens a sentence, as the subject of its main clause when it is no tagged
    entity: "Rival Hillary Clinton had mocked ...", "On Thursday, Trump spoke ..." (after the lead-in)."""
    words = list(itertools.islice(_WORD.finditer(text, s_start, limit), 12))
    if words and words[0].group().lower() in _NOT_SUBJECT | {"but", "and", "so", "yet", "still", "however"}:
        comma = text.find(",", s_start, limit)
        if comma < 0:
            return None
        words = list(itertools.islice(_WORD.finditer(text, comma + 1, limit), 8))
    if words and _HE_SHE.match(words[0].group()):
        return _Pos(words[0].start(), words[0].end())
    run = []
    for m in words:
        if not m.group()[:1].isupper() or (run and text[run[-1].end():m.start()].strip() not in ("", ".")):
            break
        run.append(m)
    if not run or len(run) == len(words) or run[-1].group().lower() in _OPENING_WORD:
        return None
    return _Pos(run[0].start(), run[-1].end())


def _located_in(text: str, floor: int, slot: _Slot) -> bool:
    """True for a state after a bare noun phrase and "in"/"from" that opens the clause: "Security
    forces in Guinea", "Rebels in the Ivory Coast" (they act for that state)."""
    if slot.person or slot.organisation:
        return False
    m = _LOCATED_IN.match(text[max(floor, slot.start - 60):slot.start][::-1])
    return m is not None and 1 <= _gap_words(text[floor:slot.start - m.end()]) <= 3


def _object_code(text: str, verb: Cue, pos: int, limit: int) -> tuple[int, int, str] | None:
    """The first of *verb*'s listed object nouns at most three words after *pos* (before *limit*),
    with the code it gives: "restore full diplomatic ties" → 064."""
    window = text[pos:min(limit, pos + _OBJECT_REACH)].lower()
    pattern, codes = _object_pattern(verb.objects)
    m = pattern.search(window)
    # the gap before a phrase only grows with its offset: the first phrase found is the only
    # candidate
    if m is None or _gap_words(window[:m.start()]) > 3:
        return None
    return pos + m.start(), pos + m.end(), codes[m.group()]


def _object_pattern(objects: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for a verb's object phrases, each a whole word (no letter or digit on either
    side), listed in their order so that the first listed wins where several start alike; and
    the code of each phrase. Kept per tuple, which the lexicon keeps alive (see _head_option)."""
    known = _OBJECT_PATTERNS.get(id(objects))
    if known is None:
        alternatives = "|".join(re.escape(phrase) for phrase, _ in objects)
        pattern = re.compile(f"(?<![^\\W_])(?:{alternatives})(?![^\\W_])")
        codes: dict[str, str] = {}
        for phrase, code in objects:
            codes.setdefault(phrase, code)
        known = _OBJECT_PATTERNS[id(objects)] = (objects, pattern, codes)
    return known[1], known[2]


_OBJECT_PATTERNS: dict[int, tuple[tuple[tuple[str, str], ...], re.Pattern[str], dict[str, str]]] = {}


def _with_object(text: str, verb: Cue, pos: int, limit: int) -> tuple[int, int, Cue] | None:
    """*verb* coded by its object noun, as an action of its own ("cut diplomatic ties": 161), or None."""
    found = _object_code(text, verb, pos, limit) if verb.objects else None
    if found is None:
        return None
    start, end, code = found
    return start, end, attrs.evolve(verb, codes={**verb.codes, "do": code}, light=False, objects=())


def _light_object(text: str, following: list[tuple[int, int, tuple[Cue, ...]]], pos: int,
                  limit: int, verb: Cue | None = None) -> tuple[int, int, Cue] | None:
    """The noun event a few words after a light verb: "held their first meeting", "staged mass
    demonstrations", "launched a mediation effort"; first one of the verb's own object nouns
    ("restored diplomatic ties")."""
    if verb is not None and verb.objects:
        found = _with_object(text, verb, pos, limit)
        if found is not None:
            return found
    for f_start, f_end, options in following:
        if f_start < pos:
            continue
        if f_end > limit or not _at_most_words(text, pos, f_start, 3):
            return None
        for cue in options:
            if cue.role == "action" and cue.pos in ("noun", "phrase") and not cue.light:
                # "launched an investigation into corruption": the noun's own object codes it
                coded = _with_object(text, cue, f_end, limit) if cue.objects else None
                return f_start, f_end, cue if coded is None else coded[2]
    return None


def _participle_split(text: _Text, s_start: int, cues: list[tuple[int, int, tuple[Cue, ...]]],
                      index: int, head: Cue | None) -> int | None:
    """Where the clause before the speech participle ``cues[index]`` ends, when it is a claim
    of its own: the comma before one that trails a clause (", saying", ", even suggesting")
    after an act or with a clause after it (see :func:`_after_act`), or the preposition before
    one ("answered the charge by saying", "despite admitting"); else None."""
    c_start = cues[index][0]
    if head is None or head.role == "action" or head.pos != "verb" or head.tense is not None:
        return None
    before = text[max(s_start, c_start - 20):c_start][::-1]
    m = _PARTICIPLE_LEAD.match(before)
    if m is not None:
        return c_start - m.end() if _after_act(text, s_start, cues, index) else None
    m = _PREPOSITION_BEFORE.match(before)
    return None if m is None else c_start - m.end()


def _after_act(text: _Text, s_start: int, cues: list[tuple[int, int, tuple[Cue, ...]]], index: int) -> bool:
    """True when the participle ``cues[index]`` says something of its own: the cues before it that
    can head a claim are acts (or there are none), or what follows it is a clause ("adding that
    …", "saying it …", "saying, “…")."""
    if _CLAUSE_AFTER.match(text, cues[index][1]):
        return True
    for c_start, _, options in cues[:index]:
        head = _head_option(options)
        # a judging cue ("mocked", "praised") is an act too; a statement or a frame goes on (not
        # a noun: "the plan")
        if head is not None and not (head.role == "action" or _is_event(head.cameo)) and not text.quoted(c_start, s_start) \
                and not _DETERMINER_BEFORE.match(text[max(0, c_start - 40):c_start][::-1]):
            return False
    return True


# "during a meeting", "at the bilateral talks", "after talks": read on the reversed text before a noun
_CONSULT_LEAD = re.compile(r"\s+(?:[\w-]+\s+)?(?:(?:a|na|eht|rieht|sih|reh|sti)\s+)?"
                           r"(?:gnirud|ta|retfa|gniwollof|erofeb|tsdima?)\b", re.I)
_WITH_AFTER = re.compile(r"\s+with\s", re.I)


def _consult_noun(text: str, s_start: int, c_start: int, c_end: int, s_end: int,
                  options: tuple[Cue, ...]) -> Cue | None:
    """The consultation noun of a circumstance with an actor, "during a meeting with X", "after
    talks with X" (CAMEO 04), or None."""
    for cue in options:
        if cue.role == "action" and cue.pos != "verb" and cue.codes.get("do", "").startswith("04"):
            if _WITH_AFTER.match(text, c_end, s_end) and \
                    _CONSULT_LEAD.match(text[max(s_start, c_start - 40):c_start][::-1]):
                return cue
            return None
    return None


def _speaking(head: Cue, cameo: str = _PUNCTUATION_CAMEO) -> Cue:
    """A verb read as a speech cue ("continued: …" is "said: …", "issued a statement" 010)."""
    return attrs.evolve(head, role="speech", cameo=cameo, codes={}, light=False, performative=False, objects=())


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
    return len(words) <= 6 and words[0].lower() in _NOT_SUBJECT and "," not in lead


_DEFINITE = re.compile(r"\b(?:the|this|that|these|those|his|her|its|their|our|my|your)\b", re.IGNORECASE)
_SUBORDINATORS = frozenset("when as after before while because if although though since once until unless whereas".split())
_SUBORDINATOR_LEADS = frozenset("back even just but and so".split())


def _main_clause(text: _Text, s_start: int, cues: list[tuple[int, int, tuple[Cue, ...]]]) -> tuple[int, int] | None:
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


def _inverted(text: str, s_start: int, c_start: int) -> bool:
    """True when a speech cue follows its content directly: "…,” said", "…, said"."""
    before = text[max(s_start, c_start - 4):c_start].rstrip()
    return not before or before[-1] in _CLOSERS


def _name_after(text: str, c_end: int, s_end: int) -> _Pos | None:
    """The speaker written after an inverted cue when it is no tagged entity: "said Caddell",
    "said Rep. G.K. Butterfield (D-N.C.)", "said a senior official"."""
    words: list[re.Match[str]] = []
    lowercase = False
    pos = c_end
    for m in _WORD.finditer(text, c_end, min(s_end, c_end + 80)):
        gap = text[pos:m.start()]
        word = m.group()
        if not words:
            if gap.strip():
                return None
            lowercase = word.lower() in ("a", "an", "the", "another", "one")
            if not (word[:1].isupper() or lowercase):
                return None
        elif gap.strip() not in ("", ".") or (not lowercase and not word[:1].isupper()) or len(words) >= 6 \
                or word.lower() in _NOT_SUBJECT or word.lower() in ("who", "which", "that"):
            break
        words.append(m)
        pos = m.end()
    if not words or (lowercase and len(words) < 2):
        return None
    return _Pos(words[0].start(), words[-1].end())


def _noun_reading(text: str, s_start: int, c_start: int, c_end: int, head: Cue, before: str) -> bool:
    """True when a verb cue reads as a noun: "his remarks", "expressing support", "Trump’s plans",
    "a flurry of tweets", "the McKinley plan", "before details emerge", "a federal appeals court".
    *before* is the reversed text before the cue (see _reversed_tail)."""
    return head.pos == "verb" and bool(_DETERMINER_BEFORE.match(before) or _ING_BEFORE.match(before) or (
        head.tense == "present" and _POSSESSIVE_BEFORE.match(before)) or (
        text[c_start:c_end].lower() == head.lemma
        and (_QUANTIFIER_BEFORE.match(before) or _INDEFINITE_BEFORE.match(before))) or (
        head.tense == "present" and (_PREPOSITION_NOUN_BEFORE.match(before) or (
            text[c_start:c_end].lower() == head.lemma and _singular_name_before(text, s_start, c_start))
        or _COURT_AFTER.match(text, c_end) is not None))
    ) and not (head.tense == "past" and _ADJECTIVE_BEFORE.match(before))


# "a federal appeals court", "the claims judge": a present form naming a court's business
_COURT_AFTER = re.compile(r"\s+(?:court|courts|judge|judges|panel)\b", re.IGNORECASE)


def _speaker_like(text: str, span: _Pos | None) -> bool:
    """True when an unlinked source reads as someone who speaks: a name, a pronoun, an office or a body."""
    if span is None:
        return False
    words = _WORD.findall(text[span.start:span.end])
    if any(w[:1].isupper() for w in words[1:]) or (words and words[0][:1].isupper()
                                                   and words[0].lower() not in _OPENING_WORD):
        return True
    runs = [run.lower() for run in _W.findall(text, span.start, span.end)]
    if any(run in _SPEAKER_WORDS or run.startswith("spokes") for run in runs):
        return True
    # the head noun names a body that speaks ("The bank"), or is an agent noun ("the announcer",
    # "environmentalists", "a historian", "the nominee", "the chairman")
    head = runs[-1] if runs else ""
    return head in _SPEAKING_BODIES or (len(head) > 4 and head not in _NOT_AGENTS and head.endswith(_AGENT_SUFFIXES))


def _first_or_second_person(text: str, span: _Pos | None) -> bool:
    """True when an unlinked source ends with "I", "you" or "we" ("I think", "You'd think")."""
    if span is None:
        return False
    words = _W.findall(text, span.start, span.end)
    return bool(words) and (words[-1].lower() in ("i", "you", "we") or (
        len(words) > 1 and words[-2].lower() in ("i", "you", "we") and words[-1].lower() in ("d", "ll", "ve", "m")))


def _merge_relations(claims: list[Claim]) -> list[Claim]:
    """One claim per relation, with every sentence that states it as evidence."""
    merged: dict[tuple[Any, ...], Claim] = {}
    for claim in claims:
        key = (claim.predicate, claim.sources, claim.targets)
        known = merged.get(key)
        if known is None:
            merged[key] = claim
        elif claim.evidence[0] not in known.evidence:
            merged[key] = attrs.evolve(known, id=None, evidence=known.evidence + claim.evidence,
                                       confidence=round(min(0.95, max(known.confidence, claim.confidence) + 0.05), 2))
    return list(merged.values())


def _merge_headline(drafts: list[_Draft], headline: tuple[int, int] | None) -> list[_Draft]:
    """Join a headline claim with the first body claim that says the same thing.

    The merged claim takes the headline's place, with both evidence spans; the body
    claim it absorbed is left out.
    """
    if headline is None:
        return drafts
    result: list[_Draft | None] = list(drafts)
    h_start, h_end = headline
    for i, draft in enumerate(drafts):
        if result[i] is None:
            continue
        first = draft.evidence[0]
        sources = draft.fields["sources"]
        if not (first[0] >= h_start and first[1] <= h_end) or not sources:
            continue
        key = (frozenset(sources), (draft.fields["cameo"] or "")[:2])
        for j in range(i + 1, len(result)):
            other = result[j]
            if other is None or other.evidence[0][0] < h_end:
                continue
            # a headline names fewer actors than the body sentence it sums up
            if (frozenset(other.fields["sources"]), (other.fields["cameo"] or "")[:2]) == key and \
                    set(draft.fields["targets"]) <= set(other.fields["targets"]):
                confidence = round(min(0.95, max(draft.fields["confidence"], other.fields["confidence"]) + 0.05), 2)
                result[i] = _Draft(draft.source, draft.cue, draft.content, draft.speaker_span,
                                   draft.evidence + other.evidence, {**draft.fields, "confidence": confidence})
                result[j] = None
                break
    return [draft for draft in result if draft is not None]
