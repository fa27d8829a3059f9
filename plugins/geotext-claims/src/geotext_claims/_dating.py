"""When an event happened: the date its sentence gives, resolved against the publication date.

The named rules, as in :data:`geotext.DATE_RULES`:

``absolute``
    the text gives the year: "on 4 July 2024", "July 4, 2024", "in March 2023", "in 2019".
``partial``
    a day and a month ("on July 4", "Dec. 28") or a month ("in March"): the year is the
    publication's, or the year before when the date would fall more than a week after
    publication (a future tense keeps the publication's year).
``weekday``
    "on Thursday", "Thursday night": the latest such day not after publication (news
    speaks of the past week; a future tense takes the next one).
``relative``
    "yesterday", "today", "last week", "this month", "two days ago", "next year".

Every rule but ``absolute`` needs the publication date; without one the expression is
not resolved and the claim gets no date. The publication date itself is never given
by default. Of several expressions in the sentence the one in the event's clause and
nearest to the event word wins.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import NamedTuple

from geotext import Analysis, Article, EventDate, Span

__all__ = ["date_event", "find_dates"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAYS = {
    name: number
    for number, name in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "several": None,
    "few": None,
}

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# one pattern per rule, tried in this order at each position (longest forms first)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("absolute", re.compile(rf"\b(?:[Oo]n\s+)?{_DAY}\s+{_MONTH}\s*,?\s+{_YEAR}\b")),
    ("absolute", re.compile(rf"\b(?:[Oo]n\s+)?{_MONTH}\s+{_DAY}\s*,?\s+{_YEAR}\b")),
    ("absolute", re.compile(rf"\b(?:[Ii]n\s+|[Ss]ince\s+)?(?:early\s+|mid-?|late\s+)?{_MONTH}\s*,?\s+{_YEAR}\b")),
    (
        "absolute",
        re.compile(
            rf"\b(?:[Ii]n|[Ss]ince|[Dd]uring)\s+{_YEAR}\b(?!\s*(?:people|km|kilometres|kilometers|miles|men|"
            rf"troops|soldiers|%|percent))"
        ),
    ),
    ("partial", re.compile(rf"\b(?:[Oo]n\s+)?{_DAY}\s+{_MONTH}(?![a-z])")),
    ("partial", re.compile(rf"\b(?:[Oo]n\s+)?{_MONTH}\s+{_DAY}\b(?!\s*(?:,\s*)?\d)")),
    (
        "partial",
        re.compile(
            r"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Uu]ntil|[Bb]y)\s+(?:early\s+|mid-?|late\s+)?(?P<month>January|February|"
            r"March|April|May|June|July|August|September|October|November|December)\b(?!\s*\d)"
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?P<which>[Ll]ast|[Tt]his|[Nn]ext)\s+|[Oo]n\s+|early\s+|late\s+)?{_WEEKDAY}"
            r"(?:\s+(?:morning|afternoon|evening|night))?\b"
        ),
    ),
    ("relative", re.compile(r"\b(?P<word>yesterday|today|tonight|tomorrow|overnight)\b", re.I)),
    (
        "relative",
        re.compile(r"\b(?:earlier\s+|later\s+)?(?P<which>last|this|next|past)\s+(?P<unit>week|month|year)\b", re.I),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<count>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
            r"(?P<unit>day|week|month|year)s?\s+ago\b",
            re.I,
        ),
    ),
]


# the words each kind of expression needs: a pattern runs only on a sentence with its word,
# and most sentences have none
_MONTH_HINTS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_RELATIVE_HINTS = ("yesterday", "today", "tonight", "tomorrow", "overnight", "week", "month", "year", " ago")
_YEAR_HINT = re.compile(r"(?:1[89]|20)\d\d")


# each set of hints as one alternation: one search in C instead of a substring test per word
_MONTH_HINT = re.compile("|".join(_MONTH_HINTS))
_RELATIVE_HINT = re.compile("|".join(_RELATIVE_HINTS))


def _hints(chunk: str, published: bool = True) -> dict[str, bool]:
    """Which kinds of expression *chunk* may hold; without a publication date only the
    absolute ones (a month or a year) can resolve, so the others are not looked for."""
    # searches for plain words run in C: far cheaper than a search with each pattern
    return {
        "month": _MONTH_HINT.search(chunk) is not None,
        "year": _YEAR_HINT.search(chunk) is not None,
        "weekday": published and "day" in chunk,
        "relative": published and _RELATIVE_HINT.search(chunk.lower()) is not None,
    }


# the hint each pattern of _PATTERNS needs, in order
_PATTERN_HINTS = (
    "month",
    "month",
    "month",
    "year",
    "month",
    "month",
    "month",
    "weekday",
    "relative",
    "relative",
    "relative",
)


class FoundDate(NamedTuple):
    """A date expression of the text, resolved: offsets, the date, its precision and rule."""

    start: int
    end: int
    date: dt.date
    precision: str
    rule: str


def find_dates(
    text: str, start: int, end: int, published: dt.date | None, *, future: bool = False
) -> Iterator[FoundDate]:
    """Yield the date expressions of ``text[start:end]`` that resolve, in text order.

    Args:
        text: the article's text.
        start: where to start looking.
        end: where to stop.
        published: the publication date; ``None`` leaves relative expressions unresolved.
        future: the event is in the future tense, so a bare weekday is the next one.

    >>> [f.date.isoformat() for f in find_dates("They met on Thursday.", 0, 21, dt.date(2024, 7, 6))]
    ['2024-07-04']
    """
    hinted = _hints(text[start:end], published is not None)
    if not any(hinted.values()):
        return
    taken: list[tuple[int, int]] = []
    for (rule, pattern), needs in zip(_PATTERNS, _PATTERN_HINTS):
        if not hinted[needs] or (published is None and rule != "absolute"):
            continue  # (every rule but "absolute" needs the publication date: see _resolve)
        for match in pattern.finditer(text, start, end):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            resolved = _resolve(rule, match, published, future)
            if resolved is None:
                continue
            taken.append((match.start(), match.end()))
            yield FoundDate(match.start(), match.end(), resolved[0], resolved[1], rule)


def _resolve(rule: str, match: re.Match[str], published: dt.date | None, future: bool) -> tuple[dt.date, str] | None:
    groups = {key: value for key, value in match.groupdict().items() if value is not None}
    try:
        if rule == "absolute":
            year = int(groups["year"])
            if "month" not in groups:
                return dt.date(year, 1, 1), "year"
            month = _MONTHS[groups["month"].lower().rstrip(".")]
            if "day" not in groups:
                return dt.date(year, month, 1), "month"
            return dt.date(year, month, int(groups["day"])), "day"
        if published is None:
            return None
        if rule == "partial":
            month = _MONTHS[groups["month"].lower().rstrip(".")]
            day = dt.date(published.year, month, int(groups.get("day", 1)))
            if day > published + dt.timedelta(days=7) and not future:
                day = day.replace(year=published.year - 1)
            return day, "day" if "day" in groups else "month"
        if rule == "weekday":
            return _weekday(
                _WEEKDAYS[groups["weekday"].lower()], groups.get("which", "").lower(), published, future
            ), "day"
        return _relative(groups, published)
    except (KeyError, ValueError):  # "on February 30", an unknown word
        return None


def _weekday(weekday: int, which: str, published: dt.date, future: bool) -> dt.date:
    back = (published.weekday() - weekday) % 7
    if which == "next" or (future and which != "last"):
        ahead = (weekday - published.weekday()) % 7 or 7
        return published + dt.timedelta(days=ahead)
    if which == "last" and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def _relative(groups: dict[str, str], published: dt.date) -> tuple[dt.date, str] | None:
    word = groups.get("word", "").lower()
    if word:
        offset = {"yesterday": -1, "today": 0, "tonight": 0, "overnight": 0, "tomorrow": 1}[word]
        return published + dt.timedelta(days=offset), "day"
    unit = groups["unit"].lower()
    if "count" in groups:
        count = _NUMBERS.get(groups["count"].lower()) if not groups["count"].isdigit() else int(groups["count"])
        if count is None:
            return None
        if unit == "day":
            return published - dt.timedelta(days=count), "day"
        if unit == "week":
            return _week_start(published - dt.timedelta(weeks=count)), "week"
        if unit == "month":
            return _month_shift(published, -count), "month"
        return dt.date(published.year - count, 1, 1), "year"
    shift = {"last": -1, "past": -1, "this": 0, "next": 1}[groups["which"].lower()]
    if unit == "week":
        return _week_start(published + dt.timedelta(weeks=shift)), "week"
    if unit == "month":
        return _month_shift(published, shift), "month"
    return dt.date(published.year + shift, 1, 1), "year"


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _month_shift(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


# -- the event ----------------------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(
    r";|\s[-—–]\s|—|,\s+(?:which|who|whom|whose|where|whereas|although|though|because|but)\b"
    r"|\s(?:which|who|whose|whereas|although|because|after|before|since|until)\s",
    re.I,
)


def date_event(
    analysis: Analysis | Article,
    event: Span | tuple[int, int],
    *,
    sentence: tuple[int, int] | None = None,
    future: bool = False,
    _found: list[FoundDate] | None = None,
) -> EventDate | None:
    """Return when the event at *event* happened, as its sentence says it, else ``None``.

    Args:
        analysis: the analysis (or only the article): its text and publication date.
        event: the span of the event word.
        sentence: the event's sentence; found by the sentence splitter when not given.
        future: the event is told in the future tense ("will meet on Friday").

    >>> import datetime as dt
    >>> from geotext import Article, Span
    >>> article = Article(text="Li met Oyun-Erdene on Thursday.", published=dt.date(2024, 7, 6))
    >>> found = date_event(article, Span(start=3, end=6))
    >>> found.date.isoformat(), found.precision, found.rule
    ('2024-07-04', 'day', 'weekday')
    """
    article = analysis.article if isinstance(analysis, Analysis) else analysis
    start, end = (event.start, event.end) if isinstance(event, Span) else event
    text = article.text
    if sentence is None:
        from ._locating import Locator

        sentence = Locator(article, ()).sentence(start)
    s_start, s_end = sentence
    published = article.published.date() if article.published is not None else None
    found = list(find_dates(text, s_start, s_end, published, future=future)) if _found is None else _found
    if not found:
        return None
    clause_start, clause_end = s_start, s_end
    for match in _CLAUSE_BREAK.finditer(text, s_start, s_end):
        if match.end() <= start:
            clause_start = match.end()
        elif match.start() >= end:
            clause_end = match.start()
            break
    inside = [f for f in found if clause_start <= f.start and f.end <= clause_end]
    if not inside:
        return None
    best = min(
        inside, key=lambda f: (f.start - end if f.start >= end else start - f.end) + (0 if f.start >= end else 5)
    )
    return EventDate._trusted(
        date=best.date, precision=best.precision, span=Span._trusted(start=best.start, end=best.end), rule=best.rule
    )
