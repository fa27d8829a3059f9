"""The article text with the markers found in it in two automaton passes (negations, hedges
and future markers from the lexicon; clause breaks, target stops and relation words from
the grammar's own automaton), its quotations, and the clause edges read from them."""

from __future__ import annotations

import bisect
import re

import ahocorasick
import attrs

_CLAUSE_BREAK = re.compile(
    r"[;:(\[]|\s[—–]\s|,\s*(?:which|who|whom|while|whereas|but|although|though|when|after|before|as|since|because|"
    r"where|if|unless)\b|\b(?:that|which|who)\b|\bbut\b"
)


_TARGET_STOP = re.compile(
    r"[;:(\[]|\s[—–]\s|,\s*(?:which|who|whom|while|whereas|but|although|though|when|as|since|because|where|without|"
    r"and\s+(?:the|a|an|its|their|his|her)\b)|\b(?:which|who)\b"
)


_PARENTHETICAL = re.compile(
    r",\s*(?:in|at|during|on|speaking|according|after|before|with|for|from|however|meanwhile|"
    r"also|too|though|in turn|for (?:his|her|its|their) part)\b[^,]{0,80},"
)


# Clause breaks and target stops, found with one automaton pass over the article (see
# _grammar_marks) instead of a regular-expression search per cue; these are the matches of
# _CLAUSE_BREAK and _TARGET_STOP, which the tests check them against.
_BREAK_WORDS = ("that", "which", "who", "but")


_BREAK_AFTER_COMMA = (
    "which who whom while whereas but although though when after before as since because where if unless"
).split()


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


class Text(str):
    """The article text with the markers found in it in two automaton passes: negations,
    hedges and future markers (the lexicon's), clause breaks, target stops and relation
    words (the grammar's), so that the helpers that take the text ask for them with a
    bisection instead of a regular-expression search."""

    straight: list[int]  # where the straight quotation marks stand
    quotes: list[tuple[int, int]]  # the “…” quotations, (start, end) in order
    quote_starts: list[int]
    break_starts: list[int]  # the clause breaks, as two columns
    break_ends: list[int]
    _marks: dict[str, tuple[list[int], list[int]]]  # kind -> (starts, ends)

    def __new__(cls, text: str, marks: dict[str, list[tuple[int, int]]]) -> Text:
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


def _clause_start(text: Text, s_start: int, pos: int) -> int:
    """The end of the last clause break before *pos* (within 300 characters), else *s_start*."""
    window_start = max(s_start, pos - 300)
    ends, starts = text.break_ends, text.break_starts
    i = bisect.bisect_right(ends, pos) - 1
    if i >= 0 and starts[i] >= window_start:
        return ends[i]
    return s_start


def _clause_end(text: Text, pos: int, s_end: int) -> int:
    """The start of the first target stop in ``[pos, s_end)``, else *s_end*."""
    return text.first("stop", pos, s_end)


def _target_end(text: Text, pos: int, end: int) -> int:
    return text.first("stop", pos, end)


@attrs.define
class Masked:
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
            out.append(self.text[pos : max(pos, r_start)])
            pos = max(pos, r_end)
        out.append(self.text[pos:b])
        return "".join(out)


def _mask_parentheticals(text: str, start: int, end: int) -> Masked | None:
    """The parentheticals (", in a statement on Friday,") of ``text[start:end]``, or None when
    there is none."""
    if text.count(",", start, end) < 2:  # a parenthetical stands between two commas
        return None
    ranges = [(m.start(), m.end()) for m in _PARENTHETICAL.finditer(text, start, end)]
    return Masked(text, start, ranges) if ranges else None
