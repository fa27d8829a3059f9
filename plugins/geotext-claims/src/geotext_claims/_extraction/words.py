"""Words: counting them in a gap, the last words before a position, spans stripped of
punctuation, and the word lists the stages share."""

from __future__ import annotations

import functools
import re
from .records import Pos


# Prepositions after which an actor is a circumstance, not the subject of the next verb.
_NOT_SUBJECT = frozenset(
    "with among between in to for from against at on about like including within during toward towards "
    "into over after before than across by via under beyond".split()
)


_WORD = re.compile(r"[\w’'-]+")


_POSSESSIVE = re.compile(r"['’]s?\b")


_LEADING_POSSESSIVE = re.compile(r"^['’]s?\b")


_TRAIL_PUNCT = ".!?\"'”’ "


def _reversed_tail(words: str, adverb: bool = True, flags: re.RegexFlag = re.I) -> re.Pattern[str]:
    """A pattern for "one of *words*, then white space (and an -ly adverb), at the end of the
    text", matched at the start of the reversed text: an anchored match instead of a search."""
    alternatives = "|".join(word[::-1] for word in words.split())
    return re.compile(r"\s+" + (r"(?:yl\w+\s+)?" if adverb else "") + f"(?:{alternatives})\\b", flags)


_W = re.compile(r"\w+")


_CONJUNCTIONS = frozenset("though although while whereas but and because as since when if unless so yet".split())


# words that end no speaker's name: auxiliaries and adverbs standing before a cue
_NP_TRAILERS = frozenset("has have had was were is are also will would did does do not then further again still now "
                         "later once first previously never even already just".split())


_OPENING_WORD = frozenset("the a an this that these those their its his her our my some many most".split())


@functools.lru_cache(maxsize=8192)
def _gap_words(gap: str) -> int:
    # the same short gaps (" ", " the ", ", ") come back for every cue
    return len(_WORD.findall(gap))


# "more than n words": n + 1 runs of word characters, each after what separates words; the
# quantifiers are possessive so that a backtrack never splits one word into two
_MORE_WORDS = tuple(re.compile(r"(?:[^\w’'-]*+[\w’'-]++)" + f"{{{n + 1}}}") for n in range(10))


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


def _strip_span(text: str, start: int, end: int) -> Pos | None:
    while start < end and text[start] in " ,":
        start += 1
    while end > start and text[end - 1] in _TRAIL_PUNCT + ",":
        end -= 1
    return Pos(start, end) if start < end else None


def _strip_end(text: str, s_start: int, s_end: int) -> int:
    end = s_end
    while end > s_start and text[end - 1] in _TRAIL_PUNCT:
        end -= 1
    return end if end > s_start else s_end


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


_DEFINITE = re.compile(r"\b(?:the|this|that|these|those|his|her|its|their|our|my|your)\b", re.IGNORECASE)


_SUBORDINATORS = frozenset("when as after before while because if although though since once until unless whereas".split())


_SUBORDINATOR_LEADS = frozenset("back even just but and so".split())
