"""Which reading of a cue form applies: the head reading of a form, a verb read as a noun
("his remarks", "Trump's plans"), an action coded by its object noun ("cut diplomatic
ties"), a light verb's event noun ("staged protests"), a consultation noun.

The tests before a cue read the reversed text before it with a pattern anchored at its
start (:func:`.words.backward` compiles them, written as they read): one anchored match instead of a search."""

from __future__ import annotations

import re

import attrs

from .._lexicon import CameoDecisions, Cue, CueHit
from .records import Tables
from .words import _DEFINITE, _OPENING_WORD, _at_most_words, _gap_words, _last_words, backward

_OBJECT_REACH = 60  # characters after an action verb searched for its listed object nouns


# Read backward from a cue, over the 40 characters before it (see words.backward):
# "the remarks" (a noun), "expressing support", "without mentioning", "was attacked", "is
# urging", ", urging".
_DETERMINER_BEFORE = backward(
    r"\b(?:the|a|an|his|her|their|its|our|my|your|these|those|this|such|whose|"
    r"recent|earlier|latest|further|new|strong|full)\s+",
    re.I,
)


# before a past form these are adverbs ("Mook further asserted"), not the adjectives of a noun
_ADJECTIVE_BEFORE = backward(r"\b(?:recent|earlier|latest|further|new|strong|full)\s+", re.I)


_ING_BEFORE = backward(r"\b[a-z]{3,}ing\s+")


# "a flurry of tweets", "in return": a present form after a preposition is a noun
_PREPOSITION_NOUN_BEFORE = backward(
    r"\b(?:of|for|with|in|on|by|from|about|over|after|before|against|among|"
    r"between|into|under|until)\s+",
    re.I,
)


# "by saying", "aside from saying", "despite admitting": a participle after a preposition
_PREPOSITION_BEFORE = backward(r"\b(?:by|from|for|after|before|despite|upon|while|in)\s+", re.I)


# a colon, or a comma and an opening quotation mark, right after a verb: "continued: “…"
_QUOTE_AFTER = re.compile(r"\s*(?::|,\s*[“\"])")


# "one tweet", "every call": a quantifier before a bare form makes it a noun (not "no one says")
# "critics argue", "they insist": the plural subject of a bare present form, read backward
_PLURAL_BEFORE = backward(r"\b(?:\w+s|they|we|i|you|people|men|women|police)\s+", re.I)


# "a later press gaggle", "a new plan": a bare form after an indefinite article and one word is a noun
_INDEFINITE_BEFORE = backward(r"\b(?:a|an)\s+[\w'’-]+\s+", re.I)


_QUANTIFIER_BEFORE = backward(r"\b(?:one|another|each|every|any)\s+", re.I)


# "Trump’s plans", "the candidates' claims": a possessive before a present form makes it a noun
_POSSESSIVE_BEFORE = backward(r"\w(?:['’]s|s['’])\s+")


# capitalised words that name no one singular: a bare verb form may follow them ("They plan")
_PLURAL_OPENERS = frozenset("i we they you both many some most all few several others people".split())


def _singular_name_before(text: str, s_start: int, pos: int) -> bool:
    """True when a singular name stands right before *pos*: "The McKinley plan", "a Donald Trump
    tweet" (a verb after it would end in -s); not "Democrats plan", "Obama and Clinton call"."""
    if pos - 2 < s_start or not text[pos - 2].isalpha() or not text[pos - 1].isspace():
        return False
    words = _last_words(text, s_start, pos, 5)
    if not words or text[words[-1][1] : pos].strip():
        return False
    word = words[-1][2]
    if not word[:1].isupper() or word.endswith("s") or word.lower() in _PLURAL_OPENERS | _OPENING_WORD:
        return False
    # "Mr. King and Mr. Schultz say", "would someone like Mr. Clarke want"
    return not any(w.lower() in _BARE_VERB_LEADS for _, _, w in words[:-1])


_BARE_VERB_LEADS = frozenset("and & or nor to would will can could should might may must did does do not".split())


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


def _content_option(options: tuple[Cue, ...], want_frame: bool, decisions: CameoDecisions) -> Cue | None:
    for role in ("frame", "action") if want_frame else ("action",):
        for cue in options:
            if cue.role == role:
                return cue
    if want_frame:
        # with no frame, a judging verb is the event reported: "X is suing Y, his lawyer
        # said", "said Li praised China"
        for cue in options:
            if cue.role == "speech" and cue.pos == "verb" and decisions.is_event(cue.cameo):
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


def _object_code(text: str, verb: Cue, pos: int, limit: int) -> tuple[int, int, str] | None:
    """The first of *verb*'s listed object nouns at most three words after *pos* (before *limit*),
    with the code it gives: "restore full diplomatic ties" → 064."""
    window = text[pos : min(limit, pos + _OBJECT_REACH)].lower()
    pattern, codes = _object_pattern(verb.objects)
    m = pattern.search(window)
    # the gap before a phrase only grows with its offset: the first phrase found is the only
    # candidate
    if m is None or _gap_words(window[: m.start()]) > 3:
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


def _light_object(
    text: str, following: list[CueHit], pos: int, limit: int, verb: Cue | None = None
) -> tuple[int, int, Cue] | None:
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


# "during a meeting", "at the bilateral talks", "after talks": read backward from a noun
_CONSULT_LEAD = backward(
    r"\b(?:during|at|after|following|before|a?midst)(?:\s+(?:a|an|the|their|his|her|"
    r"its))?(?:\s+[\w-]+)?\s+",
    re.I,
)


_WITH_AFTER = re.compile(r"\s+with\s", re.I)


def _consult_noun(
    text: str, s_start: int, c_start: int, c_end: int, s_end: int, options: tuple[Cue, ...], decisions: CameoDecisions
) -> Cue | None:
    """The consultation noun of a circumstance with an actor, "during a meeting with X", "after
    talks with X" (CAMEO 04), or None."""
    for cue in options:
        if (
            cue.role == "action"
            and cue.pos != "verb"
            and cue.codes.get("do", "").startswith(decisions.consultation_root)
        ):
            if _WITH_AFTER.match(text, c_end, s_end) and _CONSULT_LEAD.match(
                text[max(s_start, c_start - 40) : c_start][::-1]
            ):
                return cue
            return None
    return None


def _speaking(head: Cue, cameo: str) -> Cue:
    """A verb read as a speech cue ("continued: …" is "said: …", "issued a statement" 010)."""
    return attrs.evolve(head, role="speech", cameo=cameo, codes={}, light=False, performative=False, objects=())


def _noun_reading(text: str, s_start: int, c_start: int, c_end: int, head: Cue, before: str) -> bool:
    """True when a verb cue reads as a noun: "his remarks", "expressing support", "Trump’s plans",
    "a flurry of tweets", "the McKinley plan", "before details emerge", "a federal appeals court".
    *before* is the reversed text before the cue (see words.backward)."""
    return (
        head.pos == "verb"
        and bool(
            _DETERMINER_BEFORE.match(before)
            or _ING_BEFORE.match(before)
            or (head.tense == "present" and _POSSESSIVE_BEFORE.match(before))
            or (
                text[c_start:c_end].lower() == head.lemma
                and (_QUANTIFIER_BEFORE.match(before) or _INDEFINITE_BEFORE.match(before))
            )
            or (
                head.tense == "present"
                and (
                    _PREPOSITION_NOUN_BEFORE.match(before)
                    or (text[c_start:c_end].lower() == head.lemma and _singular_name_before(text, s_start, c_start))
                    or _COURT_AFTER.match(text, c_end) is not None
                )
            )
        )
        and not (head.tense == "past" and _ADJECTIVE_BEFORE.match(before))
    )


# "a federal appeals court", "the claims judge": a present form naming a court's business
_COURT_AFTER = re.compile(r"\s+(?:court|courts|judge|judges|panel)\b", re.IGNORECASE)


_PASSIVE_AUX = backward(r"\b(?:was|were|been|being|is|are|be|get|gets|got)(?:\s+\w+ly)?\s+", re.I)


def cue_heads(tables: Tables, text: str, s_end: int, cues: list[CueHit]) -> list[Cue | None]:
    """The reading of each cue of a sentence that can head a claim (see :func:`_head_readings`),
    with a listed object noun deciding between speech and act ("recalled its ambassador") and
    an act that issues a new message read as speech ("issued a statement")."""
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
            if message is not None and tables.lexicon.decisions.is_statement(message[2]):
                head = None if _DEFINITE.search(text, c_end, message[0]) else _speaking(head, message[2])
        heads.append(head)
    return heads
