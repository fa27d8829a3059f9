"""The learned recogniser: a CRF that decides which capitalised spans are entities.

The gazetteer finds names it knows; it cannot tell "Hassan" the town from Hassan the
surname, nor find a person or a firm no data file lists. This module reads the capitalised
regions of a text (runs of capitalised words, with connectors such as "of", "de", "and"
between them) and labels their tokens ``B-``/``I-`` LOC, PER, ORG, MISC or O with a linear-chain
CRF (python-crfsuite) trained on CoNLL-2003. Its features are the words and their shapes, the
words around the region, the position (headline, dateline, ALL-CAPS line, sentence start),
what the gazetteer knows of the words (kind, form, population, ambiguity) and what the rest
of the article says of the same words (written in lower case elsewhere, the last word of a
longer name elsewhere).

Datelines come in two forms. Wire copy such as CoNLL-2003 gives the dateline a line of its
own ("LONDON 1996-08-22"); web news runs it into the first sentence ("LOS ANGELES (AP) —",
"ALLENDALE, N.J. --", "LONDON The Latest on ..."). Both get the feature ``dateline`` (an
ALL-CAPS region opening a line, followed by a date alone, or on a line written in mixed case
by a bracket, a comma or a dash), so what the model learns from the first form serves the
second; and an ALL-CAPS stretch opening a line ends where Title-case words follow ("LONDON" |
"The Latest"), when it is two words or more or one word the gazetteer knows on its own.

Only candidate regions are featurised, and a word's own features are computed once per
process, so the cost stays a fraction of the dictionary scan's.

The model file and its metadata (version, training data, scores, the recorded scores of a
fixture) live in the package's ``data/``; ``tools/train_recogniser.py`` rebuilds them.
"""

from __future__ import annotations

import json
import math
import os
import re
import struct
from collections.abc import Callable, Iterable, Sequence
from importlib.resources import files
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from geotext.exceptions import ConfigError

__all__ = ["FEATURES_VERSION", "META_FILE", "MODEL_FILE", "FeatureCache", "Recogniser", "Region", "regions"]

#: Bump when the features change: a model trained with other features is refused.
FEATURES_VERSION = 7
MODEL_FILE = files(__package__) / "data" / "recogniser.crfsuite"
META_FILE = files(__package__) / "data" / "recogniser.json"
VOCABULARY_FILE = files(__package__) / "data" / "recogniser_vocabulary.txt"


def _read_vocabulary(path: Path | None = None) -> frozenset[str]:
    try:
        return frozenset((path or Path(str(VOCABULARY_FILE))).read_text(encoding="utf-8").split())
    except OSError:
        return frozenset()


#: Words the training text writes in lower case (built by the training tool): a capitalised
#: word among them is more likely a sentence opener than a name.
LOWER_VOCABULARY: frozenset[str] = _read_vocabulary()

# abbreviations kept whole ("U.S.", "Mr.", "St."), words with inner hyphens or ampersands,
# a possessive or a negation, any other character alone
_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"
    r"|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|St|Jr|Sr|Mt|Ft|Prof|Rev|Maj|Adm|Brig|Co|Corp|Inc|Ltd|No)\."
    r"|\w+(?:[-&]\w+|['’][A-Z]\w*)*"
    r"|['’]s\b|n['’]t\b"
    r"|\S"
)
# lower-case words that join capitalised ones into one name ("Bank of England", "van der Pas")
_CONNECTORS = frozenset(
    {
        "of",
        "de",
        "du",
        "des",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "di",
        "da",
        "del",
        "della",
        "dos",
        "das",
        "al",
        "el",
        "bin",
        "ben",
        "ibn",
        "y",
        "and",
        "&",
        "the",
        "for",
        "on",
        "upon",
        "-",
        "'s",
        "’s",
        "en",
        "zu",
    }
)
_SENTENCE_END = frozenset({".", "!", "?", ":", ";", '"', "“", "”", "(", ")", "-", "--", "–", "—"})
# a score ("2-1", "104-98"): "\b\d{1,3}-\d{1,3}\b", written to open with its digit (scanned for
# in C), then the look-behind at the character before it
_SCORE_LINE = re.compile(r"\d(?<!\w.)\d{0,2}-\d{1,3}\b")
_DIGIT = re.compile(r"\d")
_BLANK = re.compile(r"\s*")
_TWO_CAPS = re.compile(r"[A-Z]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")
# what follows an ALL-CAPS region that opens a line and makes it a dateline: a date alone
# (the wire form, "LONDON 1996-08-22"), or, on a line written in mixed case, a bracket, a
# comma or a dash ("LOS ANGELES (AP) —", "ALLENDALE, N.J. --", "CAIRO - On ...")
_DATELINE_DATE = re.compile(r"[ \t]+\d[\d/.-]*[ \t]*(?:\n|$)")
_DATELINE_MARK = re.compile(r"[ \t]*(?:[(,]|-{1,2}|[–—])")
_LOWER = re.compile(r"[a-z]")
LABELS = ("LOC", "PER", "ORG", "MISC")


class Region:
    """One sequence of candidate tokens: their ``(start, end)`` offsets and their features."""

    __slots__ = ("gazetteer", "items", "spans")

    def __init__(self, spans: list[tuple[int, int]], items: list[list[str]], gazetteer: list[int]) -> None:
        self.spans = spans
        self.items = items
        self.gazetteer = gazetteer  # the tokens inside a gazetteer hit


#: How many words each per-word cache holds; a full cache starts again empty, so a process
#: that tags a stream of articles keeps the words of recent ones in bounded memory (about
#: 15 MB per cache at most).
CACHE_WORDS = 20_000
_shape_cache: dict[str, str] = {}

_K = TypeVar("_K")
_V = TypeVar("_V")


def _remember(cache: dict[_K, _V], key: _K, value: _V) -> _V:
    """Store *value* under *key* in one of the per-word caches, emptying a full one first
    (see :data:`CACHE_WORDS`); return *value*."""
    if len(cache) >= CACHE_WORDS:
        cache.clear()
    cache[key] = value
    return value


# the shape's runs: digits became "d" first, which the run of lower-case letters around them
# then took in, so a run of digits and lower-case letters is one "x"; then capitals
_LOWER_OR_DIGIT_RUN = re.compile(r"[a-z\d]+")
_UPPER_RUN = re.compile(r"[A-Z]+")


def _shape(word: str) -> str:
    """The word's shape ("Xx", "X.X.", "x-x" for "12-34"), at most six characters, once per word."""
    shape = _shape_cache.get(word)
    if shape is None:
        shape = _UPPER_RUN.sub("X", _LOWER_OR_DIGIT_RUN.sub("x", word))[:6]
        _remember(_shape_cache, word, shape)
    return shape


def _word_features(word: str, vocabulary: frozenset[str] | None = None) -> list[str]:
    """Features of a word alone (:class:`FeatureCache` keeps them)."""
    lower = word.lower()
    out = ["w=" + word, "lw=" + lower, "sh=" + _shape(word), "s3=" + lower[-3:], "p3=" + lower[:3]]
    if lower in (LOWER_VOCABULARY if vocabulary is None else vocabulary):
        out.append("vocab_lower")
    if word.isupper() and len(word) > 1:
        out.append("caps")
    if word.istitle():
        out.append("title")
    if _DIGIT.search(word):
        out.append("digit")
    if "-" in word:
        out.append("hyphen")
    if "." in word:
        out.append("dot")
    return out


# an initial before a name ("P. Simmons", "George W. Bush"); not a letter that ends a
# sentence before a word that opens sentences far more often than it follows an initial
_OPENERS = (
    "The",
    "A",
    "An",
    "In",
    "It",
    "He",
    "She",
    "We",
    "They",
    "I",
    "But",
    "This",
    "That",
    "On",
    "At",
    "As",
    "If",
    "And",
)
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽΑ-ΩА-Я"
_ABBREVIATIONS = "Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|St|Jr|Sr|Mt|Ft|Prof|Rev|Maj|Adm|Brig|Co|Corp|Inc|Ltd|No"
# after the initial's capital: its period, then a capitalised word that opens no sentence
_INITIAL_REST = r"\.(?=[ \t]{1,2}[" + _UPPER + r"])(?![ \t]{1,2}(?:" + "|".join(_OPENERS) + r")\b)"
# a capitalised token, cut the way _TOKEN cuts it, not inside a word: two or more capital
# initials ("U.S."), an initial before a name ("P. Simmons"), an abbreviation ("Mr."), a
# word with its inner hyphens, ampersands or apostrophes. It opens with its capital letter,
# then looks behind at the character before it: a pattern that opens with a character class
# is scanned for it in C, one that opens with a look-behind is tried at every character.
# The alternatives go on after the capital, in the same order.
_CAPITALISED = re.compile(
    r"[" + _UPPER + r"](?<![\w'’&-].)(?:"
    r"(?<=[A-Z])\.(?:[A-Z]\.)+"
    r"|(?<=[A-Z])"
    + _INITIAL_REST
    + r"|(?:"
    + "|".join(f"(?<={a[0]}){a[1:]}" for a in _ABBREVIATIONS.split("|"))
    + r")\."
    r"|\w*(?:[-&]\w+|['’][A-Z]\w*)*)"
)
_CONNECTOR_WORDS = "|".join(sorted((re.escape(c) for c in _CONNECTORS), key=len, reverse=True))
# what may stand between two capitalised words of one name
_JOIN = re.compile(r"[ \t]{1,2}|[ \t]*(?:" + _CONNECTOR_WORDS + r")(?:[ \t]+(?:" + _CONNECTOR_WORDS + r"))?[ \t]*")
_GAP_TOKEN = re.compile(r"\S+")
# capitalised words that, alone, are never a name: sentence openers, days and months. A
# region of one of them is left out (the CRF would say O; skipping it saves a third of the work)
_NEVER_ALONE = frozenset(
    """
A An The He She It I We You They His Her Its Our Their This That These Those There Here But And Or So
Yet If When While As After Before Since Until Although Though Because In On At By For From With Without
Into Over Under About Against Between Among During Through To Of Up Out Not No Yes Some Many Most All
Both Each Every Other Another One Two Three Four Five Six Seven Eight Nine Ten First Second Third Last
Next New Such What Which Who Whom Whose Where Why How Than Then Now Also Only Even Still Just More Less
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July
August September October November December Mr Mrs Ms Dr Mr. Mrs. Ms. Dr. Sir Lord Lady Thank Please
Meanwhile However Moreover Furthermore Instead Therefore Thus Overall Earlier Later Today Tomorrow
Yesterday Tonight Despite Although Unlike Like Under Following According Asked Told Said Says
""".split()
)


#: A word's features, neighbour features, lower-case and Title-case forms (:meth:`FeatureCache.token`).
TokenInfo = tuple[list[str], tuple[tuple[str, ...], ...], str, str | None]


class FeatureCache:
    """Per-word features, computed once; with *known*, only the features the model has
    weights for (the others would cost time and change nothing).

    Besides a word's own features it keeps the features a word gives its neighbours
    (``w-1=``, ``w+2=``, ``p1sh=`` ...), so tagging builds no feature string twice and
    filters none per token.
    """

    def __init__(self, known: frozenset[str] | None = None, vocabulary: frozenset[str] | None = None) -> None:
        self.known = known
        self.vocabulary = vocabulary  # None: the module's LOWER_VOCABULARY
        self.words: dict[str, list[str]] = {}
        self.contexts: dict[str, tuple[tuple[str, ...], ...]] = {}
        self._flags: dict[str, tuple[str, ...]] = {}
        self._groups: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.tokens: dict[str, TokenInfo] = {}

    def word(self, word: str) -> list[str]:
        found = self.words.get(word)
        if found is None:
            found = _word_features(word, self.vocabulary)
            if self.known is not None:
                found = [f for f in found if f in self.known]
            _remember(self.words, word, found)
        return found

    def token(self, word: str) -> TokenInfo:
        """What :func:`regions` reads of a word inside a region, in one look-up: its own
        features, the features it gives its neighbours (:meth:`context`), its lower-case
        form, and its Title-case form when it is an ALL-CAPS word of two letters or more
        (else ``None``)."""
        found = self.tokens.get(word)
        if found is None:
            titled = word[:1] + word[1:].lower() if len(word) > 1 and word.isupper() else None
            found = (self.word(word), self.context(word), word.lower(), titled)
            _remember(self.tokens, word, found)
        return found

    def context(self, word: str) -> tuple[tuple[str, ...], ...]:
        """The features *word* gives the token after it (``w-1=``, ``w-2=``, ``p1sh=``) and
        the token before it (``w+1=``, ``w+2=``, ``n1sh=``), each a tuple (empty when the
        model has no weight for it)."""
        found = self.contexts.get(word)
        if found is None:
            lower, shape = word.lower(), _shape(word)
            after_1, after_2, after_shape = "w-1=" + lower, "w-2=" + lower, "p1sh=" + shape
            before_1, before_2, before_shape = "w+1=" + lower, "w+2=" + lower, "n1sh=" + shape
            known = self.known
            if known is None:
                found = ((after_1,), (after_2,), (after_shape,), (before_1,), (before_2,), (before_shape,))
            else:  # most words around names are rare: the model weighs few of these
                found = (
                    (after_1,) if after_1 in known else (),
                    (after_2,) if after_2 in known else (),
                    (after_shape,) if after_shape in known else (),
                    (before_1,) if before_1 in known else (),
                    (before_2,) if before_2 in known else (),
                    (before_shape,) if before_shape in known else (),
                )
            _remember(self.contexts, word, found)
        return found

    def flag(self, feature: str) -> tuple[str, ...]:
        """``(feature,)``, or ``()`` when the model has no weight for it."""
        found = self._flags.get(feature)
        if found is None:
            found = (feature,) if self.known is None or feature in self.known else ()
            _remember(self._flags, feature, found)
        return found

    def group(self, features: Sequence[str]) -> Sequence[str]:
        """*features* without those the model has no weight for."""
        if self.known is None:
            return features
        key = features if isinstance(features, tuple) else tuple(features)
        found = self._groups.get(key)
        if found is None:
            found = tuple(f for f in key if f in self.known)
            _remember(self._groups, key, found)
        return found


_TRAINING = FeatureCache()


# punctuation the web attaches to a word, which the training text stands apart
_LEADING = frozenset("\"“‘'([")
_TRAILING = frozenset(",;:!?)]\"”’'.")
# abbreviations whose period is part of the word (CoNLL-2003 keeps it): titles, company
# forms, months, US state forms of the AP style
_KEEPS_PERIOD = frozenset(_ABBREVIATIONS.split("|")) | frozenset(
    """Cmdr Pres Hon Ste Bros Plc Cos Nos Sens Reps Gens Det Supt Insp Cpl Pvt Fr Msgr Messrs Dept Univ
Bhd Pty vs vol Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Ala Ariz Ark Calif Colo Conn Del Fla
Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis
Wyo etc al Ave Blvd Rd approx est""".split()
)
_CONTRACTIONS = frozenset({"s", "re", "m", "ve", "ll", "d", "t"})
_training_words: dict[str, tuple[str, ...]] = {}


def _numbers_apart(
    before: Sequence[str], after: Sequence[str], before_words: list[str], window_at_line_start: bool
) -> tuple[list[str], list[str]]:
    """Cut the full stop off a number that ends a sentence ("in 2019. The Kremlin").

    The training text writes a number with its full stop only to open a line of a list or
    table ("1. Leicestershire 22 ..."), which :func:`training_words` keeps whole; anywhere
    else the full stop ends a sentence.
    """
    line_first = before_words[0] if window_at_line_start and before_words else None
    cut_before: list[str] = []
    for i, token in enumerate(before):
        if _is_number_end(token) and not (i == 0 and len(before_words) <= 2 and token == line_first):
            cut_before += [token[:-1], "."]
        else:
            cut_before.append(token)
    cut_after: list[str] = []
    for token in after:
        cut_after += [token[:-1], "."] if _is_number_end(token) else [token]
    return cut_before[-2:], cut_after[:2]


def _is_number_end(token: str) -> bool:
    return len(token) > 1 and token[-1] == "." and token[:-1].isdigit()


def training_words(word: str) -> tuple[str, ...]:
    """*word* (a run of text between spaces) cut into tokens as CoNLL-2003 writes them.

    The training text stands one token between spaces ("Essex , Derbyshire", "said ."); news
    on the web attaches punctuation to its words ("Essex, Derbyshire", "said."). The words
    around a region are cut this way so that their features are those the model learned.
    Abbreviations keep their period ("U.S.", "Calif.", "Mr."), as in the training text.
    """
    found = _training_words.get(word)
    if found is not None:
        return found
    head: list[str] = []
    tail: list[str] = []
    core = word
    while len(core) > 1 and core[0] in _LEADING and core[1:].lower() not in _CONTRACTIONS:
        head.append(core[0])
        core = core[1:]
    while len(core) > 1 and core[-1] in _TRAILING:
        if core[-1] == ".":
            stem = core[:-1]
            # a number keeps it too: the training text writes "1." only to open a line of a
            # list, which regions() tells from a sentence's end
            if (
                "." in stem
                or stem in _KEEPS_PERIOD
                or (stem.isupper() and stem.title() in _KEEPS_PERIOD)
                or len(stem) == 1
                or stem.isdigit()
            ):
                break
        tail.append(core[-1])
        core = core[:-1]
    if len(core) > 2 and core[-2:] in ("'s", "’s") and core[:-2].isalpha():
        tail.append("'s")
        core = core[:-2]
    found = (*head, core, *reversed(tail)) if head or tail else (word,)
    _remember(_training_words, word, found)
    return found


def tokenize(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


GazetteerInfo = Callable[[Any], Sequence[str]]


def regions(
    text: str,
    hits: Sequence[tuple[int, int, Any]] = (),
    gazetteer_info: GazetteerInfo | None = None,
    cache: FeatureCache | None = None,
    settled: Callable[[Any], bool] | None = None,
) -> list[Region]:
    """Return the candidate regions of *text* with the CRF features of their tokens.

    Args:
        text: the article.
        hits: gazetteer hits ``(start, end, value)`` kept after the longest-match rule,
            ordered by position.
        gazetteer_info: what the gazetteer knows of one hit's value, as feature strings.
        cache: the per-word features (default: unfiltered, as for training).
        settled: true for a hit's value that the data settles alone (the tagger would not
            act on the model's call): a region that is exactly such a hit is left out.
            Training passes none, so the model still learns from every region.
    """
    if not text.isascii() and _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)  # CRFsuite reads UTF-8; the offsets stay
    cache = cache or _TRAINING
    known = cache.known
    # runs of capitalised words, joined by short gaps or connectors on one line
    runs: list[list[tuple[int, int, str]]] = []
    run: list[tuple[int, int, str]] = []
    join = _JOIN.fullmatch
    for match in _CAPITALISED.finditer(text):
        start, end = match.span()
        if run:
            gap_start = run[-1][1]
            if start - gap_start < 12 and join(text, gap_start, start):
                if start - gap_start > 2:
                    for g in _GAP_TOKEN.finditer(text, gap_start, start):
                        run.append((g.start(), g.end(), g.group()))
                run.append((start, end, match.group()))
                continue
            runs.append(run)
        run = [(start, end, match.group())]
    if run:
        runs.append(run)
    if not runs:
        return []
    hit_ends = {start: end for start, end, _ in hits}
    runs, cut = _split_caps_openers(text, runs, hit_ends)
    runs = [r[2:] if len(r) > 2 and r[0][2] in _GROUP_NOUNS and r[1][2] in ("of", "from") else r for r in runs]
    if any(t[2] in _TITLES for r in runs for t in r[1:]):
        runs = _split_before_titles(runs)
    # lines: ALL-CAPS ones (headlines, datelines)
    caps_lines: list[tuple[int, int]] = []
    if "\n" in text or text[:3].isupper():
        position = 0
        for line in text.split("\n"):
            if line[:3].isupper() and line.isupper() and _TWO_CAPS.search(line):
                caps_lines.append((position, position + len(line)))
            position += len(line) + 1
    # document evidence: the words written as they are, anywhere; the first and last words
    # of longer names
    written = set(text.split())
    words_get = _training_words.get
    written.update(
        [
            t
            for w in written
            if not w.isalnum() and (w[-1] in _TRAILING or w[0] in _LEADING)
            for t in words_get(w) or training_words(w)
        ]
    )
    last_words = {r[-1][2] for r in runs if len(r) > 1}
    first_words = {r[0][2] for r in runs if len(r) > 1}
    sport = len(list(islice(_SCORE_LINE.finditer(text, 0, 20000), 3))) == 3
    skip: set[int] = set()  # start offsets of the runs that are exactly one settled hit
    if hits and settled is not None:
        ends = {start: end for start, end, value in hits if settled(value)}
        if ends:
            skip = {r[0][0] for r in runs if ends.get(r[0][0]) == r[-1][1]}
    # left out: a run that is exactly one settled hit, a lone word that is never a name
    runs = [r for r in runs if r[0][0] not in skip and not (len(r) == 1 and r[0][2] in _NEVER_ALONE)]
    hit_of: dict[int, tuple[bool, Sequence[str]]] = {}  # token start -> (first token of the hit, info)
    if hits and gazetteer_info is not None:
        h, nh = 0, len(hits)
        for r in runs:
            for t_start, t_end, _ in r:
                while h < nh and hits[h][1] <= t_start:
                    h += 1
                if h < nh and hits[h][0] <= t_start and t_end <= hits[h][1]:
                    hit_of[t_start] = (hits[h][0] == t_start, gazetteer_info(hits[h][2]))
    out = []
    c, ncaps = 0, len(caps_lines)
    token_info, context, flag, group = cache.token, cache.context, cache.flag, cache.group
    tokens_get, contexts_get = cache.tokens.get, cache.contexts.get
    pos_only, pos_first, pos_last, pos_mid = flag("pos=only"), flag("pos=first"), flag("pos=last"), flag("pos=mid")
    linestart, sstart, n1digit = flag("linestart"), flag("sstart"), flag("n1digit")
    doc_lower, doc_last, doc_first, doc_title = (
        flag("doc_lower"),
        flag("doc_last"),
        flag("doc_first"),
        flag("doc_title"),
    )
    g_first, g_inner = flag("g:B"), flag("g:I")
    # tagging, not training: the lower-case words of the model's training text
    vocabulary = (LOWER_VOCABULARY if cache.vocabulary is None else cache.vocabulary) if known is not None else ()
    rlen = [flag("rlen=" + str(n)) for n in range(6)]
    flags_of_line = [flag("line=" + str(n)) for n in range(3)]
    sport_flag = flag("sport") if sport else ()
    dateline, capsline = flag("dateline"), flag("capsline")
    # the region's features of most regions: no dateline, not in an ALL-CAPS line, not in
    # the first lines; by region length
    plain_shared = [(*sport_flag, *rlen[n]) for n in range(6)]
    linestart_sstart = (*linestart, *sstart)
    line_start, next_break, line_number = 0, text.find("\n"), 0
    # Every token's features, in this order (the model's weights are summed in it): its
    # position in the region; the words before it (w-1, w-2, p1sh, linestart, sstart) and
    # after it (w+1, w+2, n1sh, n1digit); what the document says of it; what the gazetteer
    # knows of it; the word's own features; the region's.
    for r in runs:
        first_pos = r[0][0]
        length = len(r)
        if length == 1:
            word = r[0][2]
            # a lone word the language writes in lower case, opening a sentence, that the
            # gazetteer does not know: "Officials said", "Shares fell" (the model says O)
            if vocabulary and first_pos not in hit_of:
                info = tokens_get(word) or token_info(word)
                if info[2] in vocabulary:
                    opening = text[max(0, first_pos - 3) : first_pos].rstrip(" \t\"'“‘(")
                    if not opening or opening[-1] in ".!?\n":
                        continue
        last_pos = r[-1][1]
        while c < ncaps and caps_lines[c][1] < first_pos:
            c += 1
        # the line's start, found walking forward (regions come in order): a search back
        # from every region made a long article without line breaks cost its length squared
        while 0 <= next_break < first_pos:
            line_start = next_break + 1
            next_break = text.find("\n", line_start)
            line_number += 1
        # the two tokens before and after, not across a line break: the words between
        # spaces, cut as the training text cuts them ("said." is "said" and "."); most
        # words are not cut, so the second word is looked up only where the first is not
        window_start = max(line_start, first_pos - 40)
        before_words = text[window_start:first_pos].split()
        before: Sequence[str] = ()
        if before_words:
            raw = before_words[-1]
            pieces = words_get(raw) or training_words(raw)
            if len(pieces) > 1 or len(before_words) == 1:
                before = pieces[-2:]
            else:
                raw = before_words[-2]
                before = ((words_get(raw) or training_words(raw))[-1], pieces[0])
        after_words = text[last_pos : last_pos + 40].split("\n", 1)[0].split()[:2]
        after: Sequence[str] = ()
        if after_words:
            raw = after_words[0]
            pieces = words_get(raw) or training_words(raw)
            if len(pieces) > 1 or len(after_words) == 1:
                after = pieces[:2]
            else:
                raw = after_words[1]
                after = (pieces[0], (words_get(raw) or training_words(raw))[0])
        # (a set test first: most regions have no full stop around them)
        if "." in {t[-1] for t in (*before, *after)} and any(
            t[-1] == "." and t[0].isdigit() for t in (*before, *after)
        ):
            before, after = _numbers_apart(before, after, before_words, window_start == line_start)
        prev = before[-1] if before else "<s>"
        prev2 = before[-2] if len(before) > 1 else "<s>"
        nxt = after[0] if after else "</s>"
        nxt2 = after[1] if len(after) > 1 else "</s>"
        at_line_start = first_pos == line_start or (
            text[line_start].isspace() and _BLANK.match(text, line_start).end() >= first_pos  # type: ignore[union-attr]
        )
        in_dateline = at_line_start and (first_pos in cut or _is_dateline(text, r, last_pos))
        in_caps = c < ncaps and caps_lines[c][0] <= first_pos
        if in_dateline or in_caps or (line_number < 3 and line_start < 400):
            shared: Sequence[str] = [
                *(dateline if in_dateline else ()),
                *(capsline if in_caps else ()),
                *(flags_of_line[line_number] if line_number < 3 and line_start < 400 else ()),
                *sport_flag,
                *rlen[min(length, 5)],
            ]
        else:
            shared = plain_shared[min(length, 5)]
        # the features the words around the region give its first and its last token
        before_1 = contexts_get(prev) or context(prev)
        before_2 = contexts_get(prev2) or context(prev2)
        after_1 = contexts_get(nxt) or context(nxt)
        after_2 = contexts_get(nxt2) or context(nxt2)
        opens = linestart_sstart if at_line_start else sstart if prev in _SENTENCE_END else ()
        digit = n1digit if nxt[:1].isdigit() else ()
        infos = [tokens_get(t[2]) or token_info(t[2]) for t in r]
        spans = []
        items = []
        matched = []
        last = length - 1
        for i, (t_start, t_end, token) in enumerate(r):
            own, _, lower, titled = infos[i]
            if last == 0:
                f = [
                    *pos_only,
                    *before_1[0],
                    *before_2[1],
                    *before_1[2],
                    *opens,
                    *after_1[3],
                    *after_2[4],
                    *after_1[5],
                    *digit,
                ]
            elif i == 0:
                f = [*pos_first, *before_1[0], *before_2[1], *before_1[2], *opens, *infos[1][1][3]]
            elif i == last:
                f = [*pos_last, *infos[i - 1][1][0], *after_1[3], *after_2[4], *after_1[5], *digit]
            else:
                f = [*pos_mid, *infos[i - 1][1][0], *infos[i + 1][1][3]]
            if lower in written:
                f += doc_lower
            if token in last_words:
                f += doc_last
            if token in first_words:
                f += doc_first
            if titled is not None and (titled in last_words or titled in first_words):
                f += doc_title
            gaz = hit_of.get(t_start)
            if gaz is not None:
                f += g_first if gaz[0] else g_inner
                f += group(gaz[1])
                if token not in _CONNECTORS:  # a place's probability is its names' ("Bosnia and Herzegovina")
                    matched.append(i)
            f += own
            f += shared
            spans.append((t_start, t_end))
            items.append(f)
        out.append(Region(spans, items, matched))
    return out


def _all_caps(token: str) -> bool:
    return len(token) > 1 and token.isupper() and token.replace(".", "").replace("-", "").isalpha()


# plural nouns of people that open a sentence before the place or body they belong to:
# "Residents of Aumsville", "Representatives of First Bank" (the name starts after "of")
_GROUP_NOUNS = frozenset(
    """Residents Citizens Officials Thousands Hundreds Dozens Millions Tens Members Leaders
Supporters People Workers Families Students Voters Soldiers Troops Refugees Protesters Fans
Villagers Farmers Parents Children Representatives Employees Delegates Natives Survivors Victims
Relatives Locals Shareholders Investors Exiles Migrants Pilgrims Tourists Visitors""".split()
)


#: A person's title, abbreviated: inside a run it opens a name of its own ("Oklahoma| Gov.
#: Mary Fallin", "US| Rep. Colleen Hanabusa"); the tagger reads a person after them.
TITLE_ABBREVIATIONS = tuple("Mr Mrs Ms Dr Gen Sen Rep Gov Lt Col Capt Sgt Prof Rev Maj Adm Brig".split())
#: The first word of a rank, before its title ("Master Sgt.", "Rear Adm."): no cut there.
RANK_FIRST_WORDS = tuple("Staff Master First Command Chief Rear Vice Sergeant Brigadier".split())
_TITLES = frozenset(title + "." for title in TITLE_ABBREVIATIONS)
_RANK_FIRST_WORDS = frozenset(RANK_FIRST_WORDS)


def _split_before_titles(runs: list[list[tuple[int, int, str]]]) -> list[list[tuple[int, int, str]]]:
    """Cut a run before each abbreviated title inside it (not after another title or a
    rank's first word: "Lt. Col. Ricky Thomas", "Master Sgt. Jane Roe" are one), leaving out
    the connectors before the cut ("Mr. Heiden and| Mr. Hodge")."""
    out: list[list[tuple[int, int, str]]] = []
    for r in runs:
        start = 0
        for i in range(1, len(r)):
            if r[i][2] in _TITLES and r[i - 1][2] not in _TITLES and r[i - 1][2] not in _RANK_FIRST_WORDS:
                left = r[start:i]
                while left and left[-1][2] in _CONNECTORS:
                    left.pop()
                if left:
                    out.append(left)
                start = i
        out.append(r[start:] if start else r)
    return out


def _split_caps_openers(
    text: str, runs: list[list[tuple[int, int, str]]], hit_ends: dict[int, int]
) -> tuple[list[list[tuple[int, int, str]]], set[int]]:
    """End a run where an ALL-CAPS stretch opening a line meets Title-case words.

    Web datelines run into the first sentence ("LONDON The Latest on ...", "SAN ANTONIO
    Turner Sports ...", "CAIRO - On a ..."): the dateline is the ALL-CAPS stretch alone. A stretch of one word
    is cut off only when it is a word of four letters or more (not "U.S.") that the
    gazetteer knows on its own, since a name may also begin with an acronym or an
    abbreviation ("CSKA Moscow", "UEFA Cup", "U.S. Treasury").

    Returns:
        The runs, and the start offsets of the stretches cut off.
    """
    out: list[list[tuple[int, int, str]]] = []
    cut: set[int] = set()
    for r in runs:
        opener = r[0][2]
        if len(r) == 1 or len(opener) < 2 or not opener.isupper():  # not an ALL-CAPS stretch and more
            out.append(r)
            continue
        k = 0
        while k < len(r) and _all_caps(r[k][2]):
            k += 1
        rest = k + 1 if k < len(r) - 1 and r[k][2] == "-" else k  # "PORT ALDER - Ferries stopped"
        if k > 0 and rest < len(r) and r[rest][2][:1].isupper() and _LOWER.search(r[rest][2]):
            first = before = r[0][0]
            while before and text[before - 1] in " \t":  # back over blanks only: no cost per line length
                before -= 1
            if (not before or text[before - 1] == "\n") and (
                k > 1 or (len(r[0][2]) >= 4 and r[0][2].isalpha() and hit_ends.get(first) == r[0][1])
            ):
                out.append(r[:k])
                out.append(r[rest:])
                cut.add(first)
                continue
        out.append(r)
    return out, cut


def _is_dateline(text: str, region: list[tuple[int, int, str]], end: int) -> bool:
    """Whether a region that opens a line is a dateline (see the module's docstring)."""
    if not all(_all_caps(token) for _, _, token in region):
        return False
    if _DATELINE_DATE.match(text, end):
        return True
    if not _DATELINE_MARK.match(text, end):
        return False
    line_end = text.find("\n", end)
    return _LOWER.search(text, end, line_end if line_end >= 0 else len(text)) is not None


def bio_labels(region: Region, entities: Iterable[tuple[int, int, str]]) -> list[str]:
    """Gold ``B-``/``I-``/``O`` labels of one region's tokens from gold character spans."""
    labels = ["O"] * len(region.spans)
    for start, end, label in entities:
        inside = [i for i, (s, e) in enumerate(region.spans) if s >= start and e <= end]
        if not inside:
            continue
        for number, i in enumerate(inside):
            labels[i] = ("B-" if number == 0 and region.spans[i][0] == start else "I-") + label
    return labels


def spans_from_labels(region: Region, labels: Sequence[str]) -> list[tuple[int, int, str, int, int]]:
    """Entity spans ``(start, end, label, first token, last token + 1)`` from BIO labels."""
    out = []
    current = None
    for i, tag in enumerate(labels):
        if tag == "O":
            if current:
                out.append(current)
            current = None
            continue
        kind = tag[2:]
        if tag.startswith("B-") or current is None or current[2] != kind:
            if current:
                out.append(current)
            current = (region.spans[i][0], region.spans[i][1], kind, i, i + 1)
        else:
            current = (current[0], region.spans[i][1], kind, current[3], i + 1)
    if current:
        out.append(current)
    return out


class Recogniser:
    """A loaded CRF model: ``decide`` labels the candidate regions of one text.

    The model is read once; a ``pycrfsuite.Tagger`` is not safe to share between threads,
    so each thread gets its own (they share the file's bytes on disk only).
    """

    def __init__(self, model_path: str | Path, meta: dict[str, Any]) -> None:
        import threading

        self.model_path = str(model_path)
        self.meta = meta
        self.version: str = meta["version"]
        # a dictionary place is dropped below *threshold* (a state below *state_threshold*);
        # a span no data file knows becomes an entity from *new_entity_threshold*; a small
        # town the context rules would skip is taken from *confident*
        self.threshold: float = float(meta.get("threshold", 0.5))
        self.state_threshold: float = float(meta.get("state_threshold", 0.1))
        self.new_entity_threshold: float = float(meta.get("new_entity_threshold", 0.5))
        self.new_place_threshold: float = float(meta.get("new_place_threshold", self.new_entity_threshold))
        self.confident: float = float(meta.get("confident", 0.9))
        self._local = threading.local()
        self._loc_labels = ("B-LOC", "I-LOC")
        self.cache = FeatureCache()
        self.vocabulary: frozenset[str] = LOWER_VOCABULARY  # the training text's lower-case words

    @classmethod
    def load(cls, model_path: str | os.PathLike[str] | None = None) -> Recogniser:
        """Load the shipped model (or the one at *model_path*, with its ``.json`` beside it).

        Raises:
            ConfigError: the model or its metadata is missing, unreadable or was trained
                with other features.
        """
        if model_path is None:
            path, meta_path = Path(str(MODEL_FILE)), Path(str(META_FILE))
        else:
            path = Path(model_path)
            meta_path = path.with_suffix(".json")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"{meta_path}: cannot read the recogniser's metadata ({exc})") from None
        if meta.get("features_version") != FEATURES_VERSION:
            raise ConfigError(
                f"{path}: the recogniser was trained with features version "
                f"{meta.get('features_version')}, this code needs {FEATURES_VERSION}"
            )
        if not path.is_file():
            raise ConfigError(f"{path}: the recogniser's model file is missing")
        recogniser = cls(path, meta)
        tagger = recogniser._tagger()  # fail here, not in the middle of tagging
        # only the attributes the model weighs are worth passing to it
        vocabulary = None if model_path is None else _read_vocabulary(path.with_name("recogniser_vocabulary.txt"))
        recogniser.vocabulary = vocabulary if vocabulary else LOWER_VOCABULARY
        try:
            known = weighted_attributes(path)
        except (OSError, ValueError, IndexError, struct.error):  # a format this reader does not know: ask CRFsuite
            known = frozenset(attribute for attribute, _ in tagger.info().state_features)
        recogniser.cache = FeatureCache(known, recogniser.vocabulary)
        return recogniser

    def _tagger(self) -> Any:
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            try:
                tagger.open(self.model_path)
            except (OSError, ValueError) as exc:  # pycrfsuite raises a bare ValueError/IOError
                raise ConfigError(f"{self.model_path}: cannot open the recogniser's model ({exc})") from None
            self._local.tagger = tagger
        return tagger

    def decide(self, found: Sequence[Region]) -> tuple[list[Decision], list[tuple[int, int, float]]]:
        """Label every region.

        Returns:
            The predicted entity spans as :class:`Decision` values (score: the lowest
            marginal probability of its tokens' labels), and for every token the gazetteer
            matched, ``(start, end, probability that it is part of a place)``, in order.
        """
        tagger = self._tagger()
        decisions: list[Decision] = []
        place_tokens: list[tuple[int, int, float]] = []
        loc_labels = self._loc_labels
        marginal, tag = tagger.marginal, tagger.tag
        for region in found:
            labels = tag(region.items)  # sets the sequence, then labels it; marginals read it
            if len(labels) == 1:  # half the regions: one word
                label = labels[0]
                if label != "O":  # a lone "I-" opens a span too, as spans_from_labels reads it
                    span = region.spans[0]
                    decisions.append(Decision(span[0], span[1], label[2:], marginal(label, 0)))
            elif labels.count("O") != len(labels):
                for start, end, label, first, last in spans_from_labels(region, labels):
                    score = min([marginal(labels[i], i) for i in range(first, last)])
                    decisions.append(Decision(start, end, label, score))
            if region.gazetteer:
                spans = region.spans
                for i in region.gazetteer:
                    place_tokens.append(
                        (spans[i][0], spans[i][1], marginal(loc_labels[0], i) + marginal(loc_labels[1], i))
                    )
        return decisions, place_tokens


_MODEL_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_MODEL_FEATURE = struct.Struct("<IIId")


def weighted_attributes(path: str | Path) -> frozenset[str]:
    """The attributes that carry a state weight in the CRFsuite model at *path*.

    Read from the file (CRFsuite's ``crf1dm`` format: a header, a chunk of features,
    the attribute strings in a CQDB database): ``pycrfsuite.Tagger.info()`` gives the same
    set, but parses a text dump of the whole model, ten times slower and with every
    weight in a dictionary.

    Raises:
        ValueError: the file is not a CRFsuite first-order CRF model.
    """
    data = Path(path).read_bytes()
    magic, _size, kind, _version, _features, _labels, n_attrs, off_features, _off_labels, off_attrs, _, _ = (
        _MODEL_HEADER.unpack_from(data)
    )
    if magic != b"lCRF" or kind != b"FOMC" or data[off_features : off_features + 4] != b"FEAT":
        raise ValueError(f"{path}: not a CRFsuite first-order CRF model")
    (count,) = struct.unpack_from("<I", data, off_features + 8)  # the header's count is not kept
    start = off_features + 12
    chunk = data[start : start + count * _MODEL_FEATURE.size]
    if len(chunk) != count * _MODEL_FEATURE.size or data[off_attrs : off_attrs + 4] != b"CQDB":
        raise ValueError(f"{path}: a truncated CRFsuite model")
    # type 0: a state feature (attribute id, label id, weight); type 1: a transition
    used = {source for kind_, source, _, weight in _MODEL_FEATURE.iter_unpack(chunk) if kind_ == 0 and weight}
    # CQDB: a 24-byte header whose last two fields locate the array of record offsets by id;
    # a record is its id, its size and the NUL-terminated string
    _bwd_size, bwd_offset = struct.unpack_from("<II", data, off_attrs + 16)
    offsets = struct.unpack_from(f"<{n_attrs}I", data, off_attrs + bwd_offset)
    out = []
    for attribute in used:
        record = off_attrs + offsets[attribute]
        (length,) = struct.unpack_from("<I", data, record + 4)
        out.append(data[record + 8 : record + 7 + length].decode("utf-8"))
    return frozenset(out)


class Decision:
    """One span the model labelled ``LOC``, ``PER``, ``ORG`` or ``MISC``, with its score."""

    __slots__ = ("end", "label", "score", "start")

    def __init__(self, start: int, end: int, label: str, score: float) -> None:
        self.start, self.end, self.label, self.score = start, end, label, score

    def __repr__(self) -> str:
        return f"Decision({self.start}, {self.end}, {self.label!r}, {self.score:.3f})"


def read_model_version() -> str:
    """The shipped model's version, read from its metadata (without loading the model)."""
    try:
        return str(json.loads(Path(str(META_FILE)).read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "missing"


def population_bucket(population: float) -> str:
    return str(int(math.log10(population + 1))) if population else "0"
