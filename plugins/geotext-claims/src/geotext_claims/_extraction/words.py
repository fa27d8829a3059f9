"""Words: counting them in a gap, the last words before a position, spans stripped of
punctuation, and the word lists the stages share."""

from __future__ import annotations

import functools
import re
import sys
from typing import Any

# The regular-expression parser and its opcodes, for backward(): CPython's private modules
# (typeshed has no stubs for them), named sre_parse and sre_constants before Python 3.11.
if sys.version_info >= (3, 11):
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]
else:
    import sre_constants as C
    import sre_parse as P

from .records import Pos

# Possessive quantifiers ("a*+") exist from Python 3.11; before, no pattern has the opcode.
_POSSESSIVE_REPEAT: Any = getattr(C, "POSSESSIVE_REPEAT", object())


# Prepositions after which an actor is a circumstance, not the subject of the next verb.
_NOT_SUBJECT = frozenset(
    "with among between in to for from against at on about like including within during toward towards "
    "into over after before than across by via under beyond".split()
)


_WORD = re.compile(r"[\w’'-]+")


_POSSESSIVE = re.compile(r"['’]s?\b")


_LEADING_POSSESSIVE = re.compile(r"^['’]s?\b")


_TRAIL_PUNCT = ".!?\"'”’ "


_CATEGORIES = {
    C.CATEGORY_DIGIT: r"\d",
    C.CATEGORY_NOT_DIGIT: r"\D",
    C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S",
    C.CATEGORY_WORD: r"\w",
    C.CATEGORY_NOT_WORD: r"\W",
}
_AT = {
    C.AT_BOUNDARY: r"\b",
    C.AT_NON_BOUNDARY: r"\B",
    C.AT_BEGINNING: "^",
    C.AT_END: "$",
    C.AT_BEGINNING_STRING: r"\A",
    C.AT_END_STRING: r"\Z",
}
_AT_MIRROR = {
    C.AT_BEGINNING: C.AT_END,
    C.AT_END: C.AT_BEGINNING,
    C.AT_BEGINNING_STRING: C.AT_END_STRING,
    C.AT_END_STRING: C.AT_BEGINNING_STRING,
}


def backward(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile *pattern*, written as it reads, so that it matches the reversed text: ``backward(p).match(s[::-1])``
    finds what ``p`` finds ending at the end of ``s``, mirrored; an anchored match instead of a search."""
    parsed = P.parse(pattern, flags)
    names = {number: name for name, number in parsed.state.groupdict.items()}
    return re.compile(_emit(_reverse(list(parsed.data)), names), flags)


def _reverse(items):
    out = []
    for op, av in reversed(items):
        if op is C.BRANCH:
            av = (av[0], [_reverse(list(alternative)) for alternative in av[1]])
        elif op is C.SUBPATTERN:
            av = (*av[:3], _reverse(list(av[3])))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, _POSSESSIVE_REPEAT):
            av = (av[0], av[1], _reverse(list(av[2])))
        elif op in (C.ASSERT, C.ASSERT_NOT):
            av = (-av[0], _reverse(list(av[1])))
        elif op is C.AT:
            av = _AT_MIRROR.get(av, av)
        elif op not in (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY):
            raise ValueError(f"backward: {op} is not supported")
        out.append((op, av))
    return out


def _char(code: int, in_set: bool = False) -> str:
    char = chr(code)
    if in_set:
        return "\\" + char if char in "\\]^-[" else char
    return re.escape(char)


def _emit(items, names) -> str:
    parts = []
    for op, av in items:
        if op is C.LITERAL:
            parts.append(_char(av))
        elif op is C.NOT_LITERAL:
            parts.append(f"[^{_char(av, True)}]")
        elif op is C.ANY:
            parts.append(".")
        elif op is C.IN:
            inner, negate = [], ""
            for kind, value in av:
                if kind is C.NEGATE:
                    negate = "^"
                elif kind is C.LITERAL:
                    inner.append(_char(value, True))
                elif kind is C.RANGE:
                    inner.append(f"{_char(value[0], True)}-{_char(value[1], True)}")
                elif kind is C.CATEGORY:
                    inner.append(_CATEGORIES[value])
                else:
                    raise ValueError(f"backward: {kind} in a set is not supported")
            parts.append(f"[{negate}{''.join(inner)}]")
        elif op is C.AT:
            parts.append(_AT[av])
        elif op is C.BRANCH:
            parts.append("(?:" + "|".join(_emit(alternative, names) for alternative in av[1]) + ")")
        elif op is C.SUBPATTERN:
            group, add, delete, sub = av
            if add or delete:
                raise ValueError("backward: inline flags are not supported")
            opening = "(?:" if group is None else f"(?P<{names[group]}>" if group in names else "("
            parts.append(opening + _emit(sub, names) + ")")
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, _POSSESSIVE_REPEAT):
            low, high, sub = av
            body = _emit(sub, names)
            if not (len(sub) == 1 and sub[0][0] in (C.LITERAL, C.IN, C.ANY, C.NOT_LITERAL, C.SUBPATTERN, C.BRANCH)):
                body = f"(?:{body})"
            if (low, high) == (0, C.MAXREPEAT):
                count = "*"
            elif (low, high) == (1, C.MAXREPEAT):
                count = "+"
            elif (low, high) == (0, 1):
                count = "?"
            elif high == C.MAXREPEAT:
                count = f"{{{low},}}"
            elif low == high:
                count = f"{{{low}}}"
            else:
                count = f"{{{low},{high}}}"
            suffix = "?" if op is C.MIN_REPEAT else "+" if op is _POSSESSIVE_REPEAT else ""
            parts.append(body + count + suffix)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            direction, sub = av
            sign = "=" if op is C.ASSERT else "!"
            parts.append(("(?" if direction == 1 else "(?<") + sign + _emit(sub, names) + ")")
    return "".join(parts)


_W = re.compile(r"\w+")


_CONJUNCTIONS = frozenset("though although while whereas but and because as since when if unless so yet".split())


# words that end no speaker's name: auxiliaries and adverbs standing before a cue
_NP_TRAILERS = frozenset(
    "has have had was were is are also will would did does do not then further again still now "
    "later once first previously never even already just".split()
)


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
    words = _WORD.findall(text[max(floor, pos - 30) : pos])
    for word in reversed(words[-3:]):
        lowered = word.lower()
        if lowered in _NOT_SUBJECT:
            return True
        if (
            lowered
            not in ("the", "a", "an", "its", "their", "his", "her", "both", "fellow", "neighbouring", "neighboring")
            and not word[:1].isupper()
        ):
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


_SUBORDINATORS = frozenset(
    "when as after before while because if although though since once until unless whereas".split()
)


_SUBORDINATOR_LEADS = frozenset("back even just but and so".split())


# an auxiliary or a copula: the words after a cue are a clause ("said the threat was growing"),
# unless a relative pronoun opens it ("said Mr. Li, who was ...")
# what stands between a subject that opens its clause and its verb, each part between
# commas: an apposition ("the foreign minister of France"), a relative clause ("who chairs
# the panel"), a participle ("speaking after the mayor"), an age ("64"), a hometown ("of
# Elkton", "Md."); the subject then speaks, not a name inside them
_PARENTHETICAL_PART = (
    r"(?:(?:a|an|the|one|its|his|her|their|who|which|whose|of|from|in|at|like|unlike|as|also|[a-z]+ing|\d{1,3}|"
    # past participles that open an apposition ("elected in May", "based in Ohio"); a verb
    # in -ed may be the clause's own ("agreed to pay"), so only these
    r"elected|appointed|named|based|born|known|asked|pressed|reached|contacted|interviewed|quoted|"
    r"accused|charged|convicted|sentenced|arrested|detained|jailed|exiled|ousted|backed|funded|"
    r"owned|headquartered|founded|formed|tasked|chosen|nominated|speaking|seen|considered|widely)"
    r"\b[^,;:()“”\"]{0,120}"
    r"|[A-Z][a-z]{1,4}\.)"
)
# ... and after them the cue, or an auxiliary or adverb before it ("has also said")
_PARENTHETICALS = re.compile(
    rf"(?:['’]s?)?(?:\s*,\s*{_PARENTHETICAL_PART})+\s*,\s*"
    r"(?:(?:has|have|had|is|was|are|were|will|would|could|did|does|also|then|later|again)\s+){0,2}$"
)


_VERB_AFTER = re.compile(
    r"(?<!\bwho )(?<!\bwhich )(?<!\bthat )\b(?:is|are|was|were|has|have|had|will|would|can|could|"
    r"should|may|might|must|did|does|do)\b"
)


def _clause_after(text: str, c_end: int, s_end: int) -> bool:
    """True when the words after a cue, up to the next comma, hold an auxiliary or a copula:
    "The senator, a Republican, said the threat was growing" is no inverted "…, said X"."""
    comma = text.find(",", c_end, s_end)
    return _VERB_AFTER.search(text, c_end, comma if comma >= 0 else s_end) is not None
