"""Stage 3, speakers as written: a source that is no tagged entity ("a senior official",
"said Caddell", "by The Washington Post"), and whether such words name someone who speaks."""

from __future__ import annotations

import bisect
import itertools
import re

from .records import Pos, Slot, Subject
from .words import (
    _CONJUNCTIONS,
    _NOT_SUBJECT,
    _NP_OPENERS,
    _NP_TRAILERS,
    _OPENING_WORD,
    _SUBORDINATORS,
    _W,
    _WORD,
    _content_words,
    _gap_words,
    _last_matches,
    _last_words,
    _strip_span,
    backward,
)

_HE_SHE = re.compile(r"^\s*(?:He|She)\b")


_BY_AGENT = re.compile(r"[^,;.]{0,40}?\bby\s+", re.I)


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
_STRONG_SPEECH = frozenset(
    """say tell write add state report claim argue contend insist assert allege declare announce
    note explain suggest show indicate conclude predict warn estimate find reveal confirm deny acknowledge admit
    recall describe quote proclaim retort reply respond""".split()
)


_SPEAKING_BODIES = frozenset(
    """bank network paper magazine website outlet station channel firm union administration department office board
    panel ad ads clip spot video letter memo email filing percent majority""".split()
)


# agent nouns name speakers by their ending; these words end alike and name no one
_AGENT_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ee", "ees", "man", "men", "ant", "ants")


_NOT_AGENTS = frozenset(
    """other others after under never ever over order orders number numbers matter matters water
    power powers center centre letters quarter border borders chapter together however whether either neither rather
    further later earlier error errors factor factors sector sectors manner corner summer winter weather paper
    meter minor major interior exterior superior behavior behaviour honor honour favor favour labor labour vigor
    terror horror mirror colour color floor door doors committee guarantee degree agree three free coffee
    percentage important relevant significant meant""".split()
)


# ", who", ", which" ending at a clause start, read backward
_RELATIVE_BEFORE = backward(r",\s*(who|which)\s*", re.I)


def _unlinked_agent(text: str, pos: int, end: int) -> Pos | None:
    """The agent of a passive speech verb as written, when it is no tagged entity: "by a number
    of tax experts", "by The Washington Post" (up to six words)."""
    m = _BY_AGENT.match(text, pos, end)
    if m is None or _gap_words(text[pos : m.start() + m.group().lower().rfind("by")]) > 2:
        return None
    words = list(itertools.islice(_WORD.finditer(text, m.end(), end), 6))
    run: list[re.Match[str]] = []
    for word in words:
        if word.group().lower() in _NOT_SUBJECT or word.group().lower() in (
            "who",
            "which",
            "that",
            "and",
            "i",
            "we",
            "you",
        ):
            break
        if run and text[run[-1].end() : word.start()].strip():
            break
        run.append(word)
    return Pos(run[0].start(), run[-1].end()) if run else None


def _last_break(text: str, floor: int, pos: int) -> int:
    """The last comma or quotation mark in ``text[floor:pos]``, else -1."""
    return max(
        text.rfind(",", floor, pos),
        text.rfind('"', floor, pos),
        text.rfind("”", floor, pos),
        text.rfind("“", floor, pos),
    )


def _np_before(text: str, floor: int, pos: int) -> Pos | None:
    """The few words before a cue, as the source when no entity is there ("a senior official")."""
    cut = _last_break(text, floor, pos)
    words = _last_matches(text, cut + 1 if cut >= 0 else floor, pos, 6)
    texts = [m.group() for m in words]
    if cut > floor and text[cut] == "," and not _content_words(texts):
        # "The party’s county chairman, Tom Reyes, said": the name between the commas
        previous = _last_break(text, floor, cut)
        words = _last_matches(text, previous + 1 if previous >= 0 else floor, cut, 6)
        texts = [m.group() for m in words]
        if texts and texts[0].lower() in ("a", "an") and previous > floor:
            # "The senator, a Republican, said": the apposition describes the speaker named before it
            opening = _last_break(text, floor, previous)
            head = _last_matches(text, opening + 1 if opening >= 0 else floor, previous, 6)
            if head:
                words, texts = head, [m.group() for m in head]
    first, last = 0, len(texts)
    while first < last and (texts[first].lower() in _NP_OPENERS or texts[first].lower() in _SUBORDINATORS):
        first += 1
    while first < last and (
        texts[last - 1].lower() in _NP_TRAILERS or (texts[last - 1].endswith("ly") and texts[last - 1].islower())
    ):
        last -= 1  # auxiliaries and adverbs: "Mook further asserted", "they have repeatedly said"
    if first == last:
        return None
    return Pos(words[first].start(), words[last - 1].end())


def _np_after(text: str, pos: int, end: int) -> Pos | None:
    m = re.compile(r"\s*([^,.;]{1,60})").match(text, pos, end)
    if not m or not m.group(1).strip():
        return None
    return _strip_span(text, m.start(1), m.end(1))


# nouns naming a message, whose words a participle after them reports: "a statement announcing"
_MESSAGE_NOUNS = frozenset(
    """statement statements letter letters tweet tweets post posts message messages ad ads video
    videos spot report reports memo memos email emails paper papers filing filings release speech speeches conference
    interview footage clip clips editorial column resolution ruling order motion complaint lawsuit petition proposal
    bill law accord agreement treaty declaration communique communiqué article study survey poll""".split()
)


_NP_DETERMINERS = frozenset("the a an his her its their this that these those our my your another".split())


def _reduced_relative(text: str, s_start: int, c_start: int, slots: list[Slot]) -> Subject | None:
    """The source of a participle right after a name or a message noun: "footage of Clinton
    asking …" (Clinton), "a Donald Trump tweet attacking …" (the tweet, Trump's), else None."""
    words = _last_words(text, s_start, c_start, 6)
    if not words or text[words[-1][1] : c_start].strip():
        return None
    i = bisect.bisect_left([slot.end for slot in slots], c_start + 1) - 1
    if i >= 0 and slots[i].end == words[-1][1] and not slots[i].possessive:
        return Subject((slots[i],), Pos(slots[i].start, slots[i].end), "direct")
    if words[-1][2] not in _MESSAGE_NOUNS:
        return None
    first = len(words) - 1
    while first > 0 and len(words) - first < 5 and not text[words[first - 1][1] : words[first][0]].strip():
        word = words[first - 1][2]
        if (
            word.lower() in _NOT_SUBJECT
            or word.lower() in _NP_TRAILERS
            or word.lower() in _CONJUNCTIONS
            or (word.islower() and word.endswith("ed"))
        ):
            break  # a preposition, an auxiliary, a conjunction or a verb ("filed papers opposing") ends it
        first -= 1
        if word.lower() in _NP_DETERMINERS:
            break
    span = Pos(words[first][0], words[-1][1])
    owners = tuple(slot for slot in slots if span.start <= slot.start and slot.end <= span.end)
    if owners:
        return Subject(owners[-1:], span, "direct")
    issuer = _issuer(text, span.start, slots)
    return Subject((issuer,), Pos(issuer.start, issuer.end), "direct") if issuer else Subject((), span, "none")


# a verb making the message its object: "the party issued a declaration demanding ..."
_ISSUED = re.compile(
    r"\s+(?:(?:has|have|had|also|then|later|again|on\s+\w+day)\s+)*(?:issued|released|published|sent|adopted|"
    r"delivered|put\s+out|posted|made|signed|wrote|filed|gave|presented|submitted)\s+$"
)


def _issuer(text: str, start: int, slots: list[Slot]) -> Slot | None:
    """The actor issuing the message that opens at *start*: the last actor before it, when
    only such a verb stands between them ("Hamas issued a statement demanding")."""
    i = bisect.bisect_left([slot.end for slot in slots], start) - 1
    if i < 0 or slots[i].possessive or start - slots[i].end > 40:
        return None
    return slots[i] if _ISSUED.fullmatch(text[slots[i].end : start]) else None


def _opening_name(text: str, s_start: int, limit: int) -> Pos | None:
    """The name that opens a sentence, as the subject of its main clause when it is no tagged
    entity: "Rival Hillary Clinton had mocked ...", "On Thursday, Trump spoke ..." (after the lead-in)."""
    words = list(itertools.islice(_WORD.finditer(text, s_start, limit), 12))
    if words and words[0].group().lower() in _NOT_SUBJECT | {"but", "and", "so", "yet", "still", "however"}:
        comma = text.find(",", s_start, limit)
        if comma < 0:
            return None
        words = list(itertools.islice(_WORD.finditer(text, comma + 1, limit), 8))
    if words and _HE_SHE.match(words[0].group()):
        return Pos(words[0].start(), words[0].end())
    run: list[re.Match[str]] = []
    for m in words:
        if not m.group()[:1].isupper() or (run and text[run[-1].end() : m.start()].strip() not in ("", ".")):
            break
        run.append(m)
    if not run or len(run) == len(words) or run[-1].group().lower() in _OPENING_WORD:
        return None
    return Pos(run[0].start(), run[-1].end())


def _name_after(text: str, c_end: int, s_end: int) -> Pos | None:
    """The speaker written after an inverted cue when it is no tagged entity: "said Caddell",
    "said Rep. J.T. Marlow (D-Ohio)", "said a senior official"."""
    words: list[re.Match[str]] = []
    lowercase = False
    pos = c_end
    for m in _WORD.finditer(text, c_end, min(s_end, c_end + 80)):
        gap = text[pos : m.start()]
        word = m.group()
        if not words:
            if gap.strip():
                return None
            lowercase = word.lower() in ("a", "an", "the", "another", "one")
            if not (word[:1].isupper() or lowercase):
                return None
        elif (
            gap.strip() not in ("", ".")
            or (not lowercase and not word[:1].isupper())
            or len(words) >= 6
            or word.lower() in _NOT_SUBJECT
            or word.lower() in ("who", "which", "that")
        ):
            break
        words.append(m)
        pos = m.end()
    if not words or (lowercase and len(words) < 2):
        return None
    return Pos(words[0].start(), words[-1].end())


def _speaker_like(text: str, span: Pos | None) -> bool:
    """True when an unlinked source reads as someone who speaks: a name, a pronoun, an office or a body."""
    if span is None:
        return False
    words = _WORD.findall(text[span.start : span.end])
    if any(w[:1].isupper() for w in words[1:]) or (
        words and words[0][:1].isupper() and words[0].lower() not in _OPENING_WORD
    ):
        return True
    runs = [run.lower() for run in _W.findall(text, span.start, span.end)]
    if any(run in _SPEAKER_WORDS or run.startswith("spokes") for run in runs):
        return True
    # the head noun names a body that speaks ("The bank"), or is an agent noun ("the announcer",
    # "environmentalists", "a historian", "the nominee", "the chairman")
    head = runs[-1] if runs else ""
    return head in _SPEAKING_BODIES or (len(head) > 4 and head not in _NOT_AGENTS and head.endswith(_AGENT_SUFFIXES))


def _first_or_second_person(text: str, span: Pos | None) -> bool:
    """True when an unlinked source ends with "I", "you" or "we" ("I think", "You'd think")."""
    if span is None:
        return False
    words = _W.findall(text, span.start, span.end)
    return bool(words) and (
        words[-1].lower() in ("i", "you", "we")
        or (len(words) > 1 and words[-2].lower() in ("i", "you", "we") and words[-1].lower() in ("d", "ll", "ve", "m"))
    )
