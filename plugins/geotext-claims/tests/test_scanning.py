"""The fast paths of the extractor give the answers of the regular expressions they replace.

The hot path finds markers, clause breaks and target stops in automaton passes and reads
the words before a cue on the reversed text; these tests hold each to the plain pattern
it stands for, on hand-picked and generated text.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from geotext_claims import ClaimExtractor
from geotext_claims._extraction import attribution as attribution_stage
from geotext_claims._extraction import clauses, readings
from geotext_claims._extraction import text as text_stage
from geotext_claims._extraction import words as word_stage
from geotext_claims._sentences import _BREAK

# Pieces that make the patterns fire, glued together with spaces and punctuation.
PIECES = [
    "that",
    "That",
    "which",
    "who",
    "whom",
    "whoever",
    "but",
    "But",
    "as",
    "assuming",
    "when",
    "and",
    "the",
    "their",
    "a",
    "an",
    "without",
    "while",
    ";",
    ":",
    "(",
    "[",
    "—",
    "–",
    ",",
    ".",
    "not",
    "n't",
    "never",
    "will",
    "'ll",
    "would",
    "may",
    "likely",
    "it seems",
    "is expected to",
    "admitted",
    "Member",
    "observer",
    "partnership",
    "the",
    "his",
    "recent",
    "was",
    "been",
    "is",
    "quickly",
    "expressing",
    "Said",
    "said",
    "China",
    "x",
    "-",
    "'",
    "’",
    "_",
    "1",
]
GLUE = ["", " ", "  ", ", ", ",  ", ",\t", "\n", "-"]

texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GLUE)), max_size=14).map(
    lambda parts: "".join(p + g for p, g in parts)
)

FIXED = [
    "China, which met Russia (and Iran); but the talks — that failed — ended, and the envoy left, as planned.",
    "Li said: it will not happen, while Wang, who left, wouldn't say; the move, assuming it passes, is likely.",
    "The bloc admitted Iran as a Member; Mongolia has observer status and a partnership with Japan.",
]


def check_breaks_and_stops(text: str, pos: int) -> None:
    marks = text_stage._grammar_marks(text)
    assert {b for _, b in marks["break"]} == {m.end() for m in text_stage._CLAUSE_BREAK.finditer(text)}
    fast = text_stage.Text(text, {"negation": [], "hedge": [], "future": []})
    m = text_stage._TARGET_STOP.search(text, pos, len(text))
    assert text_stage._clause_end(fast, pos, len(text)) == (m.start() if m else len(text))


@given(texts, st.integers(min_value=0, max_value=60))
def test_clause_breaks_and_target_stops_are_the_pattern_matches(text: str, pos: int) -> None:
    check_breaks_and_stops(text, min(pos, len(text)))


def test_fixed_texts_agree_with_the_patterns() -> None:
    for text in FIXED:
        for pos in range(len(text)):
            check_breaks_and_stops(text, pos)


@given(texts)
def test_relation_words_are_found_as_the_pattern_finds_them(text: str) -> None:
    relation = re.compile(r"\b(?:admit|observer|member|partnership)|\b(?:include[sd]?|comprise[sd]?)\b", re.I)
    fast = text_stage.Text(text, {"negation": [], "hedge": [], "future": []})
    assert fast.has("relation", 0, len(text)) == (relation.search(text) is not None)


LEXICON = ClaimExtractor().lexicon


@given(texts)
def test_markers_are_found_where_the_word_patterns_find_them(text: str) -> None:
    _, marks = LEXICON.scan(text.lower())
    fast = text_stage.Text(text, marks)
    # ranges that start after and end before white space, where a slice sees the same word edges
    starts = [0] + [i for i in range(1, len(text)) if text[i - 1].isspace()]
    ends = [i for i in range(len(text)) if text[i].isspace()] + [len(text)]
    for kind, words, both in (
        ("negation", LEXICON.negations, False),
        ("hedge", LEXICON.hedges, True),
        ("future", LEXICON.future_markers, False),
    ):
        pattern = re.compile(
            "|".join((r"\b" if both or w[0].isalnum() else "") + re.escape(w) + r"\b" for w in words), re.I
        )
        for a in starts:
            for b in ends:
                if a <= b:
                    assert fast.has(kind, a, b) == (pattern.search(text[a:b]) is not None), (kind, text[a:b])


REVERSED_IN = {name: module for module in (readings, attribution_stage, clauses) for name in dir(module)}
FORWARD = {
    "_DETERMINER_BEFORE": re.compile(
        r"\b(?:the|a|an|his|her|their|its|our|my|your|these|those|this|such|whose|"
        r"recent|earlier|latest|further|new|strong|full)\s+$",
        re.I,
    ),
    "_ING_BEFORE": re.compile(r"\b[a-z]{3,}ing\s+$"),
    "_WITHOUT": re.compile(r"\bwithout\s+(?:\w+ly\s+)?$", re.I),
    "_PASSIVE_AUX": re.compile(r"\b(?:was|were|been|being|is|are|be|get|gets|got)\s+(?:\w+ly\s+)?$", re.I),
    "_AUX_PROGRESSIVE": re.compile(
        r"\b(?:is|are|was|were|be|been|am|['’]s|['’]re|(?:is|are|was|were)n['’]t|keeps|keep|kept)"
        r"\s+(?:(?:\w+ly|also|(?:once\s+)?again|now|still|even|not|already)\s+){0,2}$",
        re.I,
    ),
    "_PARTICIPLE_LEAD": re.compile(r",\s*(?:(?:\w+ly|even|also|again|then|still|while)\s+)?$"),
    "_COORD_VERB": re.compile(
        r"(?:,\s*|\s)(?:and|but|or|then|and then|and later)\s+(?:(?:has|have|had)\s+)?"
        r"(?:(?:\w+ly|also)\s+)?$",
        re.I,
    ),
}


@given(texts)
def test_reversed_patterns_read_the_end_of_the_text(text: str) -> None:
    for name, forward in FORWARD.items():
        assert (getattr(REVERSED_IN[name], name).match(text[::-1]) is not None) == (forward.search(text) is not None), (
            name
        )


@given(texts)
def test_sentence_breaks_match_the_plain_pattern(text: str) -> None:
    plain = re.compile(r"""[.!?]+['"’”)\]]*(?=\s+['"‘“(\[]?[A-Z0-9])|\n""")
    assert [m.span() for m in _BREAK.finditer(text)] == [m.span() for m in plain.finditer(text)]


@given(texts, st.integers(min_value=1, max_value=8))
def test_last_words_are_the_last_words(text: str, count: int) -> None:
    words = [(m.start(), m.end(), m.group()) for m in word_stage._WORD.finditer(text)][-count:]
    assert word_stage._last_words(text, 0, len(text), count) == words


@given(
    texts,
    st.integers(min_value=0, max_value=80),
    st.integers(min_value=0, max_value=80),
    st.integers(min_value=0, max_value=9),
)
def test_at_most_words_counts_as_the_word_pattern_does(text: str, start: int, end: int, most: int) -> None:
    # long stretches go through the possessive pattern, short ones through the cached count
    text = text * 3
    assert word_stage._at_most_words(text, start, end, most) == (len(word_stage._WORD.findall(text[start:end])) <= most)


@given(
    texts,
    st.integers(min_value=0, max_value=80),
    st.integers(min_value=0, max_value=80),
    st.integers(min_value=1, max_value=8),
)
def test_last_word_texts_are_the_words_of_last_words(text: str, floor: int, pos: int, count: int) -> None:
    text = text * 3
    floor, pos = min(floor, pos, len(text)), min(max(floor, pos), len(text))
    assert word_stage._last_word_texts(text, floor, pos, count) == [
        w for _, _, w in word_stage._last_words(text, floor, pos, count)
    ]


@given(texts)
def test_clause_breaks_are_in_order_of_end_too(text: str) -> None:
    # _clause_start bisects the ends of the breaks kept in order of start
    fast = text_stage.Text(text, {"negation": [], "hedge": [], "future": []})
    spans = list(zip(fast.break_starts, fast.break_ends))
    assert spans == sorted(text_stage._grammar_marks(text)["break"], key=lambda span: (span[1], span[0]))


def plain_object_code(text: str, verb, pos: int, limit: int) -> tuple[int, int, str] | None:
    """The first whole-word occurrence of each object phrase, the earliest (first listed on a tie)
    within three words."""
    window = text[pos : min(limit, pos + readings._OBJECT_REACH)].lower()
    best = None
    for phrase, code in verb.objects:
        at = window.find(phrase)
        while at >= 0:
            after = at + len(phrase)
            if (at == 0 or not window[at - 1].isalnum()) and (after == len(window) or not window[after].isalnum()):
                break
            at = window.find(phrase, at + 1)
        if at >= 0 and (best is None or pos + at < best[0]) and len(word_stage._WORD.findall(window[:at])) <= 3:
            best = (pos + at, pos + at + len(phrase), code)
    return best


OBJECT_VERBS = list(
    {cue.objects: cue for _, cues, _ in LEXICON._automaton.values() for cue in cues if cue.objects}.values()
)
OBJECT_PIECES = [
    *sorted({phrase for cue in OBJECT_VERBS for phrase, _ in cue.objects}),
    "the",
    "a",
    "new",
    "x",
    "Ties",
    "aid",
    "'s",
    "1",
    "_",
    "-",
]
object_texts = st.lists(st.tuples(st.sampled_from(OBJECT_PIECES), st.sampled_from(GLUE)), max_size=8).map(
    lambda parts: "".join(p + g for p, g in parts)
)


@given(object_texts, st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=100))
def test_object_phrases_are_found_as_a_search_per_phrase_finds_them(text: str, pos: int, limit: int) -> None:
    pos = min(pos, len(text))
    limit = max(pos, min(limit, len(text)))
    assert OBJECT_VERBS
    for verb in OBJECT_VERBS:
        assert readings._object_code(text, verb, pos, limit) == plain_object_code(text, verb, pos, limit), verb.lemma


BACKWARD = [
    r"\b(?:the|a|an)\s+",
    r",\s*(who|which)\s*",
    r"(?:,\s*|\s)(?:and|and then)(?:\s+(?:has|had))?\s+",
    r"\bwith\s+(?P<np>(?:the\s+)?(?:sides|parties))\s+",
    r"\w(?:['’]s|s['’])\s+",
    r"(?<=\w)\s+(?:in|from)\s+",
    r"\b[a-z]{3,}ing\s+",
    r"[^\W\d]{2,4}?\s*[.;]",
]


@given(texts)
def test_backward_patterns_find_what_the_pattern_finds_at_the_end(text: str) -> None:
    for forward in BACKWARD:
        reading = word_stage.backward(forward, re.I).match(text[::-1])
        ending = re.search(f"(?:{forward})\\Z", text, re.I)
        assert (reading is not None) == (ending is not None), forward
        if reading is not None and reading.re.groupindex:
            # a named group covers the same words, read backward
            for name in reading.re.groupindex:
                assert reading.group(name)[::-1] in text, (forward, name)
