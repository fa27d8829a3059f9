"""The tagger's fast paths give what the plain ways of writing them give.

Patterns rewritten to open with a character class (so the regular-expression engine scans
for it in C), the surname search that reads only the words where a surname starts, and the
per-word token cache of the recogniser are each checked against the straightforward form.
"""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from geotext_gazetteer import _recogniser, _tagger

# the straightforward forms: the look-behind first
_ABBREVIATIONS = "Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|St|Jr|Sr|Mt|Ft|Prof|Rev|Maj|Adm|Brig|Co|Corp|Inc|Ltd|No"
_UPPER = _recogniser._UPPER
PLAIN_CAPITALISED = re.compile(
    r"(?<![\w'’&-])(?:(?:[A-Z]\.){2,}"
    r"|[A-Z]\.(?=[ \t]{1,2}[" + _UPPER + r"])(?![ \t]{1,2}(?:" + "|".join(_recogniser._OPENERS) + r")\b)"
    r"|(?:" + _ABBREVIATIONS + r")\."
    r"|[" + _UPPER + r"]\w*(?:[-&]\w+|['’][A-Z]\w*)*)"
)
PLAIN_CAPITALISED_WORD = re.compile(r"(?<![\w'’-])[A-Z]\w*(?![\w-])")

# text made of what the patterns turn on: capitals, initials, abbreviations, joiners
_PIECES = st.sampled_from(
    [
        "A", "B", "U", "S", "M", "Mr", "Mrs", "Ms", "Dr", "Co", "Corp", "No", "St", "Brig", "Gen",
        "r", "s", "x", "ab", "1", "2", "_", ".", ". ", "-", "&", "'", "’", "'s", "’s", " ", "  ", "\n",
        "\t", "É", "Ω", "Я", "é", "Smith", "O'Brien", "Jones", "the", "of", "The", "This", "W. ", "P.  S",
    ]
)  # fmt: skip
TEXT = st.lists(_PIECES, max_size=40).map("".join)

# The profile's effort (conftest.py) sets how many examples each test tries. The equivalence
# checks of whole patterns try four times as many: an example costs well under a
# millisecond, and what they look for is one rare arrangement of pieces (an initial before
# an opener, an abbreviation before a joiner) among the many the pieces make.
PATTERN_EXAMPLES = 4 * settings.default.max_examples


@settings(max_examples=PATTERN_EXAMPLES)
@given(TEXT)
def test_capitalised_tokens_are_the_plain_patterns(text: str) -> None:
    assert [m.span() for m in _recogniser._CAPITALISED.finditer(text)] == [
        m.span() for m in PLAIN_CAPITALISED.finditer(text)
    ]


@settings(max_examples=PATTERN_EXAMPLES)
@given(TEXT)
def test_capitalised_words_are_the_plain_pattern(text: str) -> None:
    assert _tagger._CAPITALISED_WORD.findall(text) == PLAIN_CAPITALISED_WORD.findall(text)


def test_capitalised_tokens_of_sample_text() -> None:
    text = (
        "U.S. and U.K. Mr. Mrs. Ms.X Dr.. MrX Mrx O'Brien's A.B.C. a.B.C. Co. Corp.Inc. No.1 X-ray "
        "&Foo -Bar 'Tis ’Twas Élan Ωmega Ab&Cd St.Louis\nMr. X\nA. Brig.Gen."
    )
    spans = [m.span() for m in _recogniser._CAPITALISED.finditer(text)]
    assert spans == [m.span() for m in PLAIN_CAPITALISED.finditer(text)]
    assert [text[s:e] for s, e in spans][:6] == ["U.S.", "U.K.", "Mr.", "Mrs.", "Ms.", "X"]


def _plain_surname_uses(text: str, begin: int, claims: dict[str, Any]) -> list[tuple[int, int, Any]]:
    out = []
    for match in _tagger._NAME_WORD.finditer(text, begin):
        start, end, word = match.start(), match.end(), match.group()
        entries = claims.get(word)
        if entries is None and word[-2:] in ("'s", "’s"):
            end -= 2
            entries = claims.get(word[:-2])
        if entries is not None:
            out.append((start, end, entries))
    return out


@settings(max_examples=PATTERN_EXAMPLES)
@given(
    TEXT,
    st.lists(st.sampled_from(["Smith", "O'Brien", "Jones", "A.B.", "Smith's", "Ms", "ab", "É", "S-M"]), min_size=1),
    st.integers(0, 10),
)
def test_surname_uses_are_the_plain_scan(text: str, surnames: list[str], begin: int) -> None:
    claims = {surname: [(0, surname)] for surname in surnames}
    assert list(_tagger._surname_uses(text, begin, claims)) == _plain_surname_uses(text, begin, claims)


def test_surname_uses_find_the_possessive_and_not_compounds() -> None:
    text = "Bouteflika said. Bouteflika's aides, Bouteflikas, Bouteflika-Smith and O'Brien met."
    claims = {"Bouteflika": [(0, "a")], "O'Brien": [(0, "b")]}
    found = [(text[s:e], entries[0][1]) for s, e, entries in _tagger._surname_uses(text, 0, claims)]
    assert found == [("Bouteflika", "a"), ("Bouteflika", "a"), ("O'Brien", "b")]


def test_token_cache_is_the_word_and_context_caches() -> None:
    cache = _recogniser.FeatureCache()
    expected = {"NATO": "Nato", "Paris": None, "A": None, "U.S.": "U.s.", "McDonald's": None}
    for word, title_case in expected.items():
        own, context, lower, titled = cache.token(word)
        # the same features as a fresh cache's word and context look-ups
        fresh = _recogniser.FeatureCache()
        assert own == fresh.word(word) and context == fresh.context(word)
        assert (lower, titled) == (word.lower(), title_case)
        assert cache.token(word) is cache.token(word)  # kept, not made again


PLAIN_SCORE_LINE = re.compile(r"\b\d{1,3}-\d{1,3}\b")
PLAIN_INLINE_LEAD = re.compile(
    r"[A-Z][A-Z.'&]+(?:[ \t][A-Z][A-Z.'&]+){0,3}(?=" + _tagger._DATELINE_FOLLOWS + ")"
)  # fmt: skip
_DATELINE_PIECES = st.sampled_from(
    [
        "A", "B", "LONDON", "U.S.", "N.J.", "'", "&", ".", " ", "\t", "\n", ",", ", ", "-", " - ", "—", "(AP)",
        " (Reuters)", ", May 5", ":", "x", "The", "1", "12", "123", "1234", "2-1", "-", "_", "é",
    ]
)  # fmt: skip


@settings(max_examples=PATTERN_EXAMPLES)
@given(st.lists(_DATELINE_PIECES, max_size=30).map("".join))
def test_score_and_dateline_patterns_are_the_plain_patterns(text: str) -> None:
    assert [m.span() for m in _recogniser._SCORE_LINE.finditer(text)] == [
        m.span() for m in PLAIN_SCORE_LINE.finditer(text)
    ]

    def leads(pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        # as _caps_lines reads them: not right after a letter or digit
        return [m.span() for m in pattern.finditer(text) if not (m.start() and text[m.start() - 1].isalnum())]

    assert leads(_tagger._INLINE_LEAD) == leads(PLAIN_INLINE_LEAD)


def test_token_cache_stays_bounded(monkeypatch: Any) -> None:
    monkeypatch.setattr(_recogniser, "CACHE_WORDS", 50)
    cache = _recogniser.FeatureCache(frozenset({"w=Word7", "w-1=word7"}))
    for number in range(120):
        own, context, _, _ = cache.token(f"Word{number}")
        assert own == (["w=Word7"] if number == 7 else []) and context[0] == (("w-1=word7",) if number == 7 else ())
    assert 0 < len(cache.tokens) <= 50


@given(TEXT, st.integers(0, 10))
def test_many_surnames_are_read_word_by_word_with_the_same_result(text: str, begin: int) -> None:
    # past _FEW_SURNAMES the search reads every name word instead of an alternation
    surnames = ["Smith", "O'Brien", "Jones", "Smith's", "É", "S-M"] + [f"Name{i}" for i in range(_tagger._FEW_SURNAMES)]
    claims = {surname: [(0, surname)] for surname in surnames}
    text = text + " Name3 met Smith's aide and O'Brien; Name12's Jones."
    assert len(claims) > _tagger._FEW_SURNAMES
    assert list(_tagger._surname_uses(text, begin, claims)) == _plain_surname_uses(text, begin, claims)


def _plain_shape(word: str) -> str:
    # the recogniser's word shape as training defined it: digits, then lower case, then capitals
    return re.sub(r"[A-Z]+", "X", re.sub(r"[a-z]+", "x", re.sub(r"\d+", "d", word)))[:6]


_WORD_PIECES = st.sampled_from(
    ["A", "BC", "x", "yz", "1", "23", "٣", "-", ".", "'", "É", "é", "Ω", "_", "&", "ß", "Ǆ", "a1b", "D9"]
)


@settings(max_examples=PATTERN_EXAMPLES)
@given(st.lists(_WORD_PIECES, max_size=12).map("".join) | st.text(max_size=12))
def test_word_shape_is_the_plain_three_substitutions(word: str) -> None:
    _recogniser._shape_cache.pop(word, None)
    assert _recogniser._shape(word) == _plain_shape(word)


def test_word_shapes_of_sample_words() -> None:
    expected = {
        "Paris": "Xx",
        "U.S.": "X.X.",
        "12-34": "x-x",
        "A1": "Xx",
        "1996-08-22": "x-x-x",
        "McDonald's": "XxXx'x",
    }
    assert {word: _recogniser._shape(word) for word in expected} == expected


def _plain_context(word: str, known: frozenset[str] | None) -> tuple[tuple[str, ...], ...]:
    lower, shape = word.lower(), _plain_shape(word)
    features = ("w-1=" + lower, "w-2=" + lower, "p1sh=" + shape, "w+1=" + lower, "w+2=" + lower, "n1sh=" + shape)
    return tuple((feature,) if known is None or feature in known else () for feature in features)


# twice the profile's examples: each word is tried with and without a filter of known features
@settings(max_examples=2 * settings.default.max_examples)
@given(st.lists(_WORD_PIECES, min_size=1, max_size=8).map("".join), st.booleans())
def test_context_features_are_the_plain_ones(word: str, filtered: bool) -> None:
    known = frozenset({"w-1=" + word.lower(), "p1sh=Xx", "w+2=" + word.lower(), "n1sh=x"}) if filtered else None
    assert _recogniser.FeatureCache(known).context(word) == _plain_context(word, known)
