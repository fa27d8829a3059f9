"""Where an event happened: the place a sentence gives for an event span.

The place of an event is not any toponym in its sentence. In "Chinese Premier Li Qiang
urged Mongolia to join the bloc at a summit in Bishkek", Mongolia is the target and
Bishkek the place. A candidate is a place or state mention of the analysis (a demonym
is not a place), or a capitalised name the text frames as a place that no tagger knows
("in the Kurdish-majority Aziziyah district"). The named passes, tried in order:

``object``
    the event verb acts on the place: "shelled Aleppo", "captured the town of Kobani".
``preposition``
    a locative frame ("in", "at", "near", "outside", "across", "the city of") in the
    event's clause, after the verb first, then before it ("In Vienna, 200,000 marched").
``clause``
    a place right before the event word as its modifier or subject: "Grozny's streets
    are patrolled", "the Bishkek talks".
``dateline``
    the article's dateline ("BISHKEK, July 4 (Xinhua) --"), for events without a place
    of their own.
``article``
    the article's main place: the one place where the article's located statements and
    meetings happened, given to its other statements and meetings (see
    :func:`main_place`).

A frame is refused when it belongs to something else than the event: a relative clause
("troops which have their bases in Turkey"), an origin ("a driver from Abidjan") or a
noun that is no event ("the embassy in Paris"). The word lists are the tables below;
the tests read the examples in ``tests/test_geotext_claims_where_when.py``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Literal, NamedTuple, Protocol

from geotext import Analysis, Article, Entity, EventLocation, Span

from ._sentences import split_sentences

__all__ = ["locate_event", "main_place"]

# -- the tables ---------------------------------------------------------------------------------

#: Prepositions that put an event at a place.
LOCATIVE = frozenset(
    "in at near outside inside across around through throughout within into onto on over off along".split()
)
#: Nouns whose "of" names a place: "the city of Nablus", "the outskirts of Grozny".
PLACE_NOUNS = frozenset(
    """city cities town towns village villages province provinces district districts region regions
    area areas neighbourhood neighborhood neighbourhoods neighborhoods suburb suburbs outskirts
    edge edges capital state county municipality governorate prefecture island islands port
    streets street road roads highway avenue square township camp airport countryside coast border
    centre center heart north south east west northeast northwest southeast southwest
    north-east north-west south-east south-west part parts vicinity
    """.split()
)
#: Words between a preposition and a name: "in the restive northern province of X".
FILLERS = frozenset(
    """the a an its their his her nearby northern southern eastern western central north south east
    west northeast northwest southeast southwest north-eastern north-western south-eastern
    south-western northeastern northwestern southeastern southwestern north-east north-west south-east
    south-west restive besieged rebel-held regime-held government-held opposition-held coastal border
    capital city town village province district region area port of rural eastern-most downtown
    kurdish-majority occupied disputed remote mountainous volatile troubled western-held
    """.split()
)
#: Verbs whose object is the place acted on, also a name no tagger knows: "shelled Pooneryn".
PLACE_OBJECT_VERBS = frozenset(
    """bomb bombed bombs bombing bombard bombarded bombarding shell shelled shells shelling
    overrun overran storm stormed storms occupy occupied occupies occupying invade invaded invades
    invading besiege besieged besieging besieges liberate liberated liberates liberating enter entered
    enters entering patrol patrolled patrols patrolling visit visited visits visiting tour toured tours
    touring rock rocked rocks surround surrounded encircle encircled encircling flood flooded sweep swept
    blockade blockaded
    """.split()
)
#: Verbs whose object is a place only when it is one ("captured Kobani") or framed as one
#: ("captured the town of Birao"); else the object is a person or a thing ("captured a man").
PERSON_OR_PLACE_VERBS = frozenset(
    """attack attacked attacks attacking capture captured captures capturing seize seized seizes seizing
    take took taken retake retook retaken recapture recaptured raid raided raids raiding hit hits strike
    struck strikes striking target targeted targets targeting control controlled controls controlling
    destroy destroyed destroys evacuate evacuated evacuating reach reached reaches secure secured
    """.split()
)
#: Verbs of marching: "to" gives where the march went ("marched to the Sydney offices").
MOTION_VERBS = frozenset(
    "march marched marches marching walk walked walking rally rallied rallying parade paraded parading".split()
)
#: Words that open a clause of its own: a frame after one belongs to that clause.
CLAUSE_OPENERS = frozenset(
    "which who whom whose where while whereas although though because since "
    "after before when until unless if whether that".split()
)
#: Capitalised words that are no places, after a preposition: "in March", "on Thursday".
NOT_PLACES = frozenset(
    """january february march april may june july august september october november december jan feb
    mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
    i he she it they we you his her their its this that these those the a an there here what which
    who whom one two three four five six seven eight nine ten christmas easter ramadan eid
    parliament congress government president prime minister ministry police army court
    """.split()
)
#: Nouns that are no events: a frame after them says where they are, not where it happened.
NOT_EVENTS = frozenset(
    """embassy embassies consulate base bases headquarters office offices resident
    residents native natives citizen citizens born based correspondent reporter officials official
    bureau branch mission counterpart counterparts ambassador envoy
    """.split()
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.:]*|[,;:()\"“”—–]")
_NAME = re.compile(
    r"(?:[A-Z][\w'’\-]*|al-[A-Z][\w\-]*|el-[A-Z][\w\-]*)(?:\s+(?:(?:of|de|al|el|du|la|le|bin|ibn|the)\s+)?"
    r"(?:[A-Z][\w'’\-]*|al-[A-Z][\w\-]*))*"
)
_DATELINE = re.compile(r"\s*(?:[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+)*)(?=\s*(?:,|\(|—|–|--|\s-\s))")
_PLACE_KINDS = ("place", "state")
# prepositions that frame a place only with a place noun or a known place: "on the outskirts of X"
_WEAK_LOCATIVE = frozenset("onto into over off along".split())


#: Last words of capitalised names that are no places: "the Cold War", "Team Columbia" is not
#: caught, "Vanderbilt University Medical Center" is.
NOT_PLACE_HEADS = frozenset(
    """war wars university center centre party council ministry army forces force team front brigade
    brigades group committee company bank agency organization organisation union court police
    corporation institute school college hospital news times post agency forum summit conference
    games cup olympics championship tournament league association movement alliance
    """.split()
)
#: Words after a name that leave it a name of its own: "in Gaza which", "in Baghdad on Friday".
_FOLLOWERS = frozenset(
    """on in at near outside inside of to from for by with and or but which who where while when as after
    before during since until than that this last next early late earlier later yesterday today
    tonight the a an said says say told reported according is are was were has have had will would
    could should may might be been being not also just about around some more most""".split()
)


#: Nouns of events: "the siege of Homs" frames a place, "the Mosul offensive" names one.
EVENT_NOUNS = frozenset(
    """bombardment bombardments siege shelling attack attacks invasion capture occupation liberation
    bombing bombings fall battle battles offensive operation operations campaign clashes clash fighting
    talks summit meeting meetings protest protests rally rallies demonstration demonstrations violence
    massacre raid raids assault uprising riots riot blast explosion earthquake visit conflict war
    """.split()
)


class _Candidate(NamedTuple):
    start: int
    end: int
    entity: str | None
    state: bool  # a state, not a place inside one: a finer place wins over it
    names_event: bool = False  # "the Mosul offensive": a place naming an event noun


# -- public API -----------------------------------------------------------------------------------


def locate_event(analysis: Analysis, event: Span | tuple[int, int], *, fallback: bool = True) -> EventLocation | None:
    """Return where the event at *event* happened, as its text says it, else ``None``.

    Args:
        analysis: the article with its entities; the entities' places and states are
            the candidates, with capitalised names framed as places that none knows.
        event: the span of the event word ("shelled", "urged", "meeting"), any offsets
            into the article's text.
        fallback: also try the dateline and the article's main place when the event's
            sentence names none (the main place comes from ``analysis.claims``).

    Returns:
        an :class:`geotext.EventLocation` whose ``entity`` is the id of a place or state of
        the analysis, or ``None`` with the span of a place no tagger knows.

    >>> from geotext import Analysis, Article, Entity, Mention, Span
    >>> text = "Li Qiang urged Mongolia to join the bloc at a summit in Bishkek."
    >>> entities = [
    ...     Entity(id="iso:MNG", kind="state", name="Mongolia",
    ...            mentions=[Mention(start=15, end=23, text="Mongolia")]),
    ...     Entity(id="geonames:1528675", kind="place", name="Bishkek", country="KGZ",
    ...            mentions=[Mention(start=56, end=63, text="Bishkek")])]
    >>> found = locate_event(Analysis(article=Article(text=text), entities=entities), Span(start=9, end=14))
    >>> found.entity, found.rule, text[found.span.start:found.span.end]
    ('geonames:1528675', 'preposition', 'Bishkek')
    """
    start, end = (event.start, event.end) if isinstance(event, Span) else event
    locator = Locator(analysis.article, analysis.entities)
    found = locator.locate(start, end)
    if found is None and fallback:
        found = locator.dateline(start) or main_place(analysis.article, analysis.entities, analysis.claims)
    return found


class _Locatable(Protocol):
    """What :func:`main_place` and :func:`verbal_claim` read of a claim: a :class:`~geotext.Claim`,
    or an event whose claim is not built yet."""

    @property
    def location(self) -> EventLocation | None: ...
    @property
    def predicate(self) -> str | None: ...
    @property
    def cameo(self) -> str | None: ...


def main_place(article: Article, entities: Sequence[Entity], claims: Sequence[_Locatable]) -> EventLocation | None:
    """Return the article's main place: the one place (not a state) where its located
    statements and meetings happened, as an ``"article"`` location, else ``None``.

    Only claims coded as statements, appeals, intents or consultations (CAMEO roots 01 to
    04) count, and they must agree: an article whose talks happened in two cities has
    no main place, nor one that names no place for them.
    """
    kinds = {entity.id: entity.kind for entity in entities}
    places = {
        claim.location.entity
        for claim in claims
        if claim.location is not None
        and claim.location.rule in ("preposition", "object", "clause")
        and verbal_claim(claim)
    }
    if len(places) != 1:
        return None
    (place,) = places
    if place is None or kinds.get(place) != "place":
        return None
    first = next(claim.location for claim in claims if claim.location is not None and claim.location.entity == place)
    return EventLocation._trusted(entity=place, span=first.span, rule="article")


def verbal_claim(claim: _Locatable) -> bool:
    """True for a statement, appeal, intent or consultation (CAMEO 01 to 04): the claims that
    share the article's main place."""
    return claim.predicate is None and claim.cameo is not None and claim.cameo[:2] in ("01", "02", "03", "04")


# -- the passes ----------------------------------------------------------------------------------


class Locator:
    """The location passes over one article: candidates are found once, events located many times.

    Args:
        article: the article.
        entities: its entities (places and states are the candidates).
    """

    def __init__(self, article: Article, entities: Sequence[Entity]) -> None:
        self.text = article.text
        self.article = article
        known: dict[tuple[int, int], _Candidate] = {}
        blocked: list[tuple[int, int]] = []  # words of people and organisations
        for entity in entities:
            for mention in entity.mentions:
                key = (mention.start, mention.end)
                if entity.kind in _PLACE_KINDS and mention.form not in ("demonym", "title", "pronoun"):
                    state = entity.kind == "state"
                    if key not in known or (known[key].state and not state):
                        known[key] = _Candidate(mention.start, mention.end, entity.id, state)
                elif entity.kind == "organisation" and not entity.ids and "recogniser_score" in entity.attributes:
                    # an organisation only a statistical recogniser guessed, known to no data
                    # file ("Ciragan Palace", "Jaffna Peninsula"), is a capitalised name like any
                    # other here: the place frames below decide
                    continue
                else:
                    blocked.append(key)
        self.blocked = sorted(blocked)
        blocked_starts = [b[0] for b in self.blocked]
        longest = max((b1 - b0 for b0, b1 in self.blocked), default=0)

        def inside_name(c: _Candidate) -> bool:
            # a place inside an organisation's or a person's name is part of the name
            lo = bisect.bisect_left(blocked_starts, c.start - longest)
            hi = bisect.bisect_right(blocked_starts, c.start)
            return any(
                b0 <= c.start and c.end <= b1 and (b1 - b0) > (c.end - c.start) for b0, b1 in self.blocked[lo:hi]
            )

        self.known = sorted(c for c in known.values() if not inside_name(c))
        self.known_starts = [c.start for c in self.known]
        self._blocked_starts = blocked_starts
        self._sentences: list[tuple[int, int]] | None = None
        self._sentence_starts: list[int] = []
        self._candidates: dict[tuple[int, int], list[_Candidate]] = {}
        self._dateline: EventLocation | Literal[False] | None = False  # False: not looked for yet
        self._event = (0, 0)

    # -- sentences ---------------------------------------------------------------------

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence around *pos*."""
        if self._sentences is None:
            spans: list[tuple[int, int]] = []
            paragraphs = [(p.start, p.end) for p in self.article.paragraphs] or [(0, len(self.text))]
            for p_start, p_end in paragraphs:
                spans.extend(split_sentences(self.text, p_start, p_end))
            self._sentences = spans
            self._sentence_starts = [s for s, _ in spans]
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and self._sentences[i][0] <= pos < max(self._sentences[i][1], pos + 1):
            return self._sentences[i]
        return (max(0, self.text.rfind("\n", 0, pos) + 1), len(self.text))

    # -- candidates ----------------------------------------------------------------------

    def candidates(self, s_start: int, s_end: int) -> list[_Candidate]:
        """Places and states of the sentence, and capitalised names framed as places."""
        key = (s_start, s_end)
        if key not in self._candidates:
            self._candidates[key] = self._find_candidates(s_start, s_end)
        return self._candidates[key]

    def _find_candidates(self, s_start: int, s_end: int) -> list[_Candidate]:
        text = self.text
        lo = bisect.bisect_left(self.known_starts, s_start)
        hi = bisect.bisect_left(self.known_starts, s_end, lo)  # the known places that start in the sentence
        found = [c for c in self.known[lo:hi] if c.end <= s_end]
        taken = [(c.start, c.end) for c in found] + self.blocked[
            bisect.bisect_left(self._blocked_starts, s_start) : bisect.bisect_left(self._blocked_starts, s_end)
        ]
        for match in _NAME.finditer(text, s_start, s_end):
            start, end = match.span()
            # "In Bapunagar", "The Hague" keep nothing of the lead but the name: a leading
            # function word is not part of a place's name (written out: this runs for every
            # capitalised name of the sentence)
            lead = _LEADING.match(text, start, end)
            if lead is not None:
                start = lead.end()
            while end > start and text[end - 1] in "'’-":
                end -= 1
            if text.startswith(("’s", "'s"), end - 2):
                end -= 2
            if start >= end or start == s_start or (taken and any(a < end and start < b for a, b in taken)):
                continue
            name = text[start:end]
            words = name.split()
            if (
                name.lower() in NOT_PLACES
                or words[-1].lower() in NOT_PLACE_HEADS
                or (len(words) == 1 and name.replace(".", "").isupper() and len(name) <= 5)
            ):
                continue  # "in March", "at the Cold War", "the SDF"
            words = _words_before(text, s_start, start, 7)  # read once for both tests
            if self._framed(words, known=False) is not None or _after_place_verb(words):
                found.append(_Candidate(start, end, None, False))
        found.sort()
        kept = []
        for candidate in found:
            following = _NEXT.match(text, candidate.end, s_end)
            names_event = (
                following is not None
                and following.group(1) in EVENT_NOUNS
                and not candidate.state
                and _modifier(text, candidate, s_end)
            )
            # a known place stays one before a noun: "at a Nashville hospital"
            if (
                (candidate.entity is None or candidate.state)
                and _modifier(text, candidate, s_end)
                and (not names_event or (candidate.entity is None and candidate.end - candidate.start <= 5))
            ):
                continue
            kept.append(candidate._replace(names_event=names_event))
        return kept

    def _framed(self, words: list[str], motion: bool = False, known: bool = True) -> str | None:
        """The frame that *words* (the last words before a name) end with: ``"locative"``
        ("in the town of"), ``"of"`` (a place noun's "of") or None, looking back over filler
        words only."""
        place_noun = False
        for i in range(len(words) - 1, -1, -1):
            word = _without_possessive(words[i].lower())
            if word == "s":  # a possessive whose apostrophe was lost: "Syria   s northern Aleppo"
                continue
            if (
                words[i][:1].isupper()
                and i + 1 < len(words)
                and _without_possessive(words[i + 1].lower()) in PLACE_NOUNS
            ):
                continue  # "near the Syrian capital Damascus"
            if word in LOCATIVE or (motion and word == "to"):
                if (
                    word in _WEAK_LOCATIVE
                    and not place_noun
                    and not known
                    and i + 1 < len(words)
                    and words[i + 1].lower() not in PLACE_NOUNS
                ):
                    return None  # "a specialist on Team Columbia"
                return "locative"
            if (
                word == "to"
                and i > 0
                and words[i - 1].lower() in ("entrance", "entrances", "gate", "gates", "approach")
            ):
                return "locative"  # "near the entrance to Heathrow"
            if word == "of" and i > 0 and words[i - 1].lower() in PLACE_NOUNS:
                place_noun = True
                continue
            if word == "of" and i > 0 and words[i - 1].lower() in EVENT_NOUNS:
                return "locative"  # "the siege of the central city of Homs"
            if word == ",":
                # "the regional capital, Grozny": an apposition of a place noun
                if i > 0 and words[i - 1].lower() in PLACE_NOUNS:
                    place_noun = True
                    continue
                return "of" if place_noun else None
            if word in FILLERS or word in PLACE_NOUNS or word.endswith("-held") or word.endswith("-controlled"):
                continue
            if word[:1].isupper() and i == len(words) - 1:
                continue
            return "of" if place_noun else None
        return "of" if place_noun else None

    # -- the event -------------------------------------------------------------------------

    def locate(self, start: int, end: int, sentence: tuple[int, int] | None = None) -> EventLocation | None:
        """The object, preposition and clause passes for the event at ``[start, end)`` (in
        *sentence*, found by the sentence splitter when not given)."""
        text = self.text
        self._event = (start, end)
        s_start, s_end = sentence or self.sentence(start)
        candidates = self.candidates(s_start, s_end)
        if not candidates:
            return None
        after = [c for c in candidates if c.start >= end]
        before = [c for c in candidates if c.end <= start]
        # object: "captured the strategic town of Kobani", "patrolled Manger Square"
        if _acts_on_places(text[start:end]) and after:
            first = after[0]
            gap = _words_before(text, end, first.start, 8)
            if (
                all(
                    w.lower() in FILLERS
                    or w.lower() in PLACE_NOUNS
                    or w.lower() in ("of", "half", "much", "most")
                    or w[:1].isupper()
                    for w in gap
                )
                and len(gap) <= 6
                and not _crosses(gap)
            ):
                return self._location(first, "object", candidates)
        # preposition after the event, inside its clause
        stop = self._clause_end(end, s_end)
        for candidate in after:
            if candidate.start >= stop:
                break
            if self._frame(s_start, candidate, end):
                return self._location(candidate, "preposition", candidates)
        # preposition before the event: "In Vienna, 200,000 people marched"; in an opening
        # phrase the first place is the finest ("In the village of X near Y, ...")
        floor = self._clause_start(s_start, start)
        opening = [c for c in before if _opens_sentence(text, s_start, c.start) and self._frame(s_start, c, s_start)]
        if opening:
            return self._location(opening[0], "preposition", candidates)
        for candidate in before[::-1]:
            if candidate.start >= floor and self._frame(s_start, candidate, floor):
                return self._location(candidate, "preposition", candidates)
        # clause: "Grozny's streets are still heavily patrolled", "since the launch of the Mosul operation"
        for candidate in candidates:
            if candidate.names_event and floor <= candidate.start < stop:
                return self._location(candidate, "clause", candidates)
        for candidate in before[::-1]:
            if candidate.start >= floor and _subject_place(text, candidate, s_start, start):
                return self._location(candidate, "clause", candidates)
        return None

    def _frame(self, s_start: int, candidate: _Candidate, floor: int) -> bool:
        """True when a locative frame introduces *candidate* and belongs to no other noun."""
        motion = self.text[self._event[0] : self._event[1]].lower() in MOTION_VERBS
        words = _words_before(self.text, max(s_start, floor), candidate.start, 9)
        frame = self._framed(words[-7:], motion, candidate.entity is not None)
        if frame is None:
            return False
        lowered = [w.lower() for w in words]
        # the noun the frame hangs on: "bases in Turkey", "a driver from Abidjan"
        for i in range(len(lowered) - 1, -1, -1):
            if lowered[i] in LOCATIVE:
                head = lowered[i - 1] if i > 0 else ""
                if head in NOT_EVENTS:
                    return False
                break
        return True

    def _clause_end(self, pos: int, s_end: int) -> int:
        for match in _CLAUSE_BREAK.finditer(self.text, pos, s_end):
            return match.start()
        return s_end

    def _clause_start(self, s_start: int, pos: int) -> int:
        last = s_start
        for match in _CLAUSE_BREAK.finditer(self.text, s_start, pos):
            last = match.end()
        return last

    def _location(self, candidate: _Candidate, rule: str, pool: Sequence[_Candidate]) -> EventLocation:
        # the finer place of a chain: "in Baghdad's southern district of Saiydiah", "the Belarus capital Minsk"
        for following in pool:
            if following.start < candidate.end:
                continue
            gap = self.text[candidate.end : following.start]
            if not (_CHAIN.match(gap) or (_CHAIN_AFTER_THE.match(gap) and _after_the(self.text, candidate.start))):
                break
            candidate = following
        return EventLocation._trusted(
            entity=candidate.entity, span=Span._trusted(start=candidate.start, end=candidate.end), rule=rule
        )

    def dateline(self, pos: int) -> EventLocation | None:
        """The dateline's place, for an event after it."""
        if self._dateline is False:
            self._dateline = self._find_dateline()
        found = self._dateline
        return found if found is not None and pos >= found.span.end else None

    def _find_dateline(self) -> EventLocation | None:
        text = self.text
        paragraphs = self.article.paragraphs
        first = (
            paragraphs[1]
            if len(paragraphs) > 1 and self.article.title
            else (paragraphs[0] if paragraphs else Span._trusted(start=0, end=len(text)))
        )
        match = _DATELINE.match(text, first.start, first.end)
        if match is None:
            return None
        for candidate in self.known:
            if match.start() <= candidate.start and candidate.end <= match.end():
                return EventLocation._trusted(
                    entity=candidate.entity,
                    span=Span._trusted(start=candidate.start, end=candidate.end),
                    rule="dateline",
                )
        return None


# -- helpers ---------------------------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(
    r";|\s[-—–]\s|—|,\s+(?:which|who|whom|whose|where|whereas|although|though|"
    r"because|as|but|and\s+(?=[a-z]+\s+(?:was|were|is|are|has|have|had)\b))\b"
    r"|\s(?:which|who|whose|whereas|although|because|according\s+to)\s"
    r"|,\s+(?:[a-z]+\s+){0,4}(?:said|says|reported|told)\b",
    re.I,
)


_NEXT = re.compile(r"\s*([a-z][a-z\-]*)")
_PLACE_NOUN_RE = (
    r"(?:capital|city|town|village|district|province|region|neighbourhood|neighborhood|suburb|port|"
    r"state|county|governorate|area)"
)
# "Baghdad's southern district of Saiydiah", "Syria's Raqqa"
_CHAIN = re.compile(
    r"(?:['’]s|\s+s)\s+(?:the\s+)?(?:[a-z\-]+\s+){0,3}(?:" + _PLACE_NOUN_RE + r"(?:\s+of)?,?\s+)?(?:the\s+)?$"
)
# after "the": "the Belarus capital Minsk", "the south Baghdad neighbourhood of Al-Bayaa"
_CHAIN_AFTER_THE = re.compile(r"\s+(?:[a-z\-]+\s+){0,2}" + _PLACE_NOUN_RE + r"(?:\s+of)?,?\s+(?:the\s+)?$")


def _after_the(text: str, pos: int) -> bool:
    words = [w.lower() for w in _words_before(text, 0, pos, 3)]
    return "the" in words and all(w in FILLERS for w in words[words.index("the") :])


def _after_place_verb(words: Sequence[str]) -> bool:
    """True when the name after *words* (the last seven words before it in its sentence) is
    the object of a verb acting on places: "shelled Pooneryn"."""
    for i in range(len(words) - 1, -1, -1):
        word = words[i].lower()
        if word in PLACE_OBJECT_VERBS or word in PERSON_OR_PLACE_VERBS:
            return True
        if not (word in FILLERS or word in PLACE_NOUNS or word in ("half", "much", "most", "all", "control")):
            return False
    return False


def _modifier(text: str, candidate: _Candidate, s_end: int) -> bool:
    """True for a name used as a modifier: "in a U.S. airstrike", "the SDF shelling".

    A name after an article and before a noun that is no place noun modifies the noun;
    "the Kirkuk province", "the Sadr city" stay places.
    """
    following = _NEXT.match(text, candidate.end, s_end)
    if following is None:
        return False
    word = following.group(1)
    if word == "s" or text.startswith(("'s", "’s"), candidate.end):
        # "Jaysh Al-Fateh's defenses" names no place; "Syria's Raqqa" does
        after = _NEXT.match(text, following.end(), s_end)
        return (
            after is not None
            and after.group(1) not in PLACE_NOUNS
            and after.group(1) not in FILLERS
            and after.group(1) not in EVENT_NOUNS
            and not text[following.end() :].lstrip()[:1].isupper()
        )
    if word in PLACE_NOUNS or word in _FOLLOWERS or word in ("s", "province", "county", "camp", "crossing"):
        return False
    before = _words_before(text, 0, candidate.start, 2)
    return (bool(before) and before[-1].lower() in ("a", "an", "the")) or (
        len(before) > 1 and before[-2].lower() in ("a", "an", "the") and before[-1].islower()
    )


def _without_possessive(word: str) -> str:
    """*word* without a final "'s" (as ``re.sub(r"['’]s$", "", word)``: a word holds no line break)."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


_LEADING = re.compile(
    r"(?:(?:The|In|On|At|Near|Outside|Inside|Across|Around|Through|Meanwhile|Also|But|And|After|"
    r"Before|During|Since|While|When|Elsewhere|Earlier|Later|Last|This|That|Yesterday|Today|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|A|An|His|Her|Its|Their|the|of)\s+)+"
)


def _words_before(text: str, floor: int, pos: int, count: int) -> list[str]:
    words = _WORD.findall(text, max(floor, pos - 80), pos)
    return words[-count:]


def _crosses(words: Sequence[str]) -> bool:
    return any(
        w in (",", ";", ":", "—", "–", "(", ")") or w.lower() in CLAUSE_OPENERS or w.lower() in LOCATIVE for w in words
    )


def _acts_on_places(word: str) -> bool:
    word = word.lower()
    return word in PLACE_OBJECT_VERBS or word in PERSON_OR_PLACE_VERBS


def _opens_sentence(text: str, s_start: int, pos: int) -> bool:
    """True when the frame of *pos* opens the sentence: "In Vienna, ...", "Meanwhile in Aleppo, ..."."""
    words = _words_before(text, s_start, pos, 12)
    return (
        bool(words)
        and len(words) <= 9
        and "," not in words[:-1]
        and (words[0].lower() in LOCATIVE or words[0].lower() in ("meanwhile", "elsewhere", "also", "and", "but"))
    )


def _subject_place(text: str, candidate: _Candidate, s_start: int, start: int) -> bool:
    """A place as the subject's owner or the event's modifier: "Grozny's streets are patrolled"."""
    match = re.match(
        r"^(?:['’]s|\s+s)\s+(\w+)\s+(?:(?:is|are|was|were|has|have|had|been|being|still|heavily|"
        r"also|now)\s+)*$",
        text[candidate.end : start],
    )
    return match is not None and match.group(1).lower() in PLACE_NOUNS
