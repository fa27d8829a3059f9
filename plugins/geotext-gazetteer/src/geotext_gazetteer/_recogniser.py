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

Only candidate regions are featurised, and a word's own features are computed once per
process, so the cost stays a fraction of the dictionary scan's.

The model file and its metadata (version, training data, scores, the recorded scores of a
fixture) live in the package's ``data/``; ``tools/train_recogniser.py`` rebuilds them.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

from geotext.exceptions import ConfigError

__all__ = ["FEATURES_VERSION", "MODEL_FILE", "META_FILE", "Recogniser", "Region", "regions", "features"]

#: Bump when the features change: a model trained with other features is refused.
FEATURES_VERSION = 1
MODEL_FILE = files(__package__) / "data" / "recogniser.crfsuite"
META_FILE = files(__package__) / "data" / "recogniser.json"

# abbreviations kept whole ("U.S.", "Mr.", "St."), words with inner hyphens or ampersands,
# a possessive or a negation, any other character alone
_TOKEN = re.compile(
    r"(?:[^\W\d_]\.){2,}"
    r"|(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|St|Jr|Sr|Mt|Ft|Prof|Rev|Maj|Adm|Brig|Co|Corp|Inc|Ltd|No)\."
    r"|\w+(?:[-&]\w+|['’][A-Z]\w*)*"
    r"|['’]s\b|n['’]t\b"
    r"|\S")
# lower-case words that join capitalised ones into one name ("Bank of England", "van der Pas")
_CONNECTORS = frozenset({"of", "de", "du", "des", "la", "le", "van", "von", "der", "den", "di", "da", "del",
                         "della", "dos", "das", "al", "el", "bin", "ben", "ibn", "y", "and", "&", "the", "for",
                         "on", "upon", "-", "'s", "’s", "en", "zu"})
_SENTENCE_END = frozenset({".", "!", "?", ":", ";", "\"", "“", "”", "(", ")", "-", "--", "–", "—"})
_SCORE_LINE = re.compile(r"\b\d{1,3}-\d{1,3}\b")
_DIGIT = re.compile(r"\d")
LABELS = ("LOC", "PER", "ORG", "MISC")


class Region:
    """One sequence of candidate tokens: their ``(start, end)`` offsets and their features."""

    __slots__ = ("spans", "items", "gazetteer")

    def __init__(self, spans: list[tuple[int, int]], items: list[list[str]], gazetteer: list[int]) -> None:
        self.spans = spans
        self.items = items
        self.gazetteer = gazetteer  # the tokens inside a gazetteer hit


def _shape(word: str) -> str:
    shape = re.sub(r"[A-Z]+", "X", re.sub(r"[a-z]+", "x", re.sub(r"\d+", "d", word)))
    return shape[:6]


_word_cache: dict[str, list[str]] = {}


def _word_features(word: str) -> list[str]:
    """Features of a word alone, computed once per process."""
    found = _word_cache.get(word)
    if found is not None:
        return found
    lower = word.lower()
    out = ["b", "w=" + word, "lw=" + lower, "sh=" + _shape(word), "s3=" + lower[-3:], "s2=" + lower[-2:],
           "p3=" + lower[:3], "len=" + str(min(len(word), 8))]
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
    if len(_word_cache) < 200_000:  # a bound for very long-running processes
        _word_cache[word] = out
    return out


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper()


def tokenize(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


GazetteerInfo = Callable[[Any], Sequence[str]]


def regions(text: str, hits: Sequence[tuple[int, int, Any]] = (),
            gazetteer_info: GazetteerInfo | None = None) -> list[Region]:
    """Return the candidate regions of *text* with the CRF features of their tokens.

    Args:
        text: the article.
        hits: gazetteer hits ``(start, end, value)`` kept after the longest-match rule,
            ordered by position.
        gazetteer_info: what the gazetteer knows of one hit's value, as feature strings.
    """
    tokens = tokenize(text)
    n = len(tokens)
    if not n:
        return []
    # lines: which are ALL-CAPS, and the index of each line (headline, byline, dateline)
    caps_lines: list[tuple[int, int, int]] = []  # (start, end, line number)
    position = 0
    for number, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if stripped and sum(ch.isalpha() for ch in stripped[:60]) > 2 and stripped.upper() == stripped \
                and any(ch.isalpha() for ch in stripped):
            caps_lines.append((position, position + len(line), number))
        position += len(line) + 1
    # document evidence: words written in lower case, or as the last/first word of a
    # longer capitalised name, anywhere in the article
    lower_words = set()
    capitalised = []
    for i, (_, _, token) in enumerate(tokens):
        if _is_capitalised(token):
            capitalised.append(i)
        elif token[:1].islower():
            lower_words.add(token)
    if not capitalised:
        return []
    sport = len(_SCORE_LINE.findall(text, 0, 20000)) >= 3
    # runs of candidate tokens
    runs: list[tuple[int, int]] = []
    i = 0
    ncap = len(capitalised)
    k = 0
    while k < ncap:
        start = capitalised[k]
        end = start + 1
        k += 1
        while end < n:
            if _is_capitalised(tokens[end][2]) and tokens[end][0] - tokens[end - 1][1] <= 2 \
                    and "\n" not in text[tokens[end - 1][1]:tokens[end][0]]:
                end += 1
                continue
            # up to two connectors followed by a capitalised word on the same line
            j = end
            while j < n and j - end < 2 and tokens[j][2] in _CONNECTORS:
                j += 1
            if j > end and j < n and _is_capitalised(tokens[j][2]) and "\n" not in text[tokens[end - 1][1]:tokens[j][0]]:
                end = j + 1
                continue
            break
        while k < ncap and capitalised[k] < end:
            k += 1
        runs.append((start, end))
    last_words = set()
    first_words = set()
    for start, end in runs:
        if end - start > 1:
            last_words.add(tokens[end - 1][2])
            first_words.add(tokens[start][2])
    # gazetteer hits by token: a two-pointer walk, both are ordered by position
    hit_of: dict[int, tuple[bool, Sequence[str]]] = {}
    if hits and gazetteer_info is not None:
        h = 0
        nh = len(hits)
        for start, end in runs:
            for t in range(start, end):
                t_start, t_end = tokens[t][0], tokens[t][1]
                while h < nh and hits[h][1] <= t_start:
                    h += 1
                if h < nh and hits[h][0] <= t_start and t_end <= hits[h][1]:
                    hit_of[t] = (hits[h][0] == t_start, gazetteer_info(hits[h][2]))
    out = []
    c = 0
    ncaps = len(caps_lines)
    for start, end in runs:
        spans = []
        items = []
        matched = []
        first_pos = tokens[start][0]
        while c < ncaps and caps_lines[c][1] < first_pos:
            c += 1
        in_caps = c < ncaps and caps_lines[c][0] <= first_pos
        line_start = text.rfind("\n", 0, first_pos) + 1
        line_number = text.count("\n", 0, line_start) if line_start < 400 else 9
        prev = tokens[start - 1][2] if start else "<s>"
        prev2 = tokens[start - 2][2] if start > 1 else "<s>"
        nxt = tokens[end][2] if end < n else "</s>"
        nxt2 = tokens[end + 1][2] if end + 1 < n else "</s>"
        sentence_start = start == 0 or prev in _SENTENCE_END or line_start >= tokens[start - 1][1]
        shared = ["p1=" + prev.lower(), "p2=" + prev2.lower(), "n1=" + nxt.lower(), "n2=" + nxt2.lower(),
                  "p1sh=" + _shape(prev), "n1sh=" + _shape(nxt), "rlen=" + str(min(end - start, 5))]
        if in_caps:
            shared.append("capsline")
        if line_number < 3:
            shared.append("line=" + str(line_number))
        if nxt[:1].isdigit():
            shared.append("n1digit")
        if sport:
            shared.append("sport")
        length = end - start
        for t in range(start, end):
            t_start, t_end, token = tokens[t]
            f = list(_word_features(token))
            f.extend(shared)
            rel = t - start
            f.append("pos=" + ("only" if length == 1 else "first" if rel == 0 else
                               "last" if t == end - 1 else "mid"))
            if t == start and sentence_start:
                f.append("sstart")
            if t == start and line_start >= (tokens[t - 1][1] if t else 0):
                f.append("linestart")
            if t > start:
                f.append("w-1=" + tokens[t - 1][2].lower())
            if t + 1 < end:
                f.append("w+1=" + tokens[t + 1][2].lower())
            lower = token.lower()
            if lower in lower_words:
                f.append("doc_lower")
            if token.isupper() and len(token) > 1 and (token[:1] + lower[1:]) in first_words | last_words:
                f.append("doc_title")
            if token in last_words:
                f.append("doc_last")
            if token in first_words:
                f.append("doc_first")
            gaz = hit_of.get(t)
            if gaz is not None:
                begin, info = gaz
                f.append("g:B" if begin else "g:I")
                f.extend(info)
                matched.append(t - start)
            spans.append((t_start, t_end))
            items.append(f)
        out.append(Region(spans, items, matched))
    return out


def features(text: str, hits: Sequence[tuple[int, int, Any]] = (),
             gazetteer_info: GazetteerInfo | None = None) -> list[Region]:
    """Alias of :func:`regions`: the training tool's name for it."""
    return regions(text, hits, gazetteer_info)


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
        # a dictionary place is dropped below *threshold*; a span no data file knows becomes
        # an entity from *new_entity_threshold*; a small town the context rules would skip
        # is taken from *confident*
        self.threshold: float = float(meta.get("threshold", 0.5))
        self.new_entity_threshold: float = float(meta.get("new_entity_threshold", 0.5))
        self.confident: float = float(meta.get("confident", 0.9))
        self._local = threading.local()

    @classmethod
    def load(cls, model_path: str | Path | None = None) -> Recogniser:
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
            raise ConfigError(f"{path}: the recogniser was trained with features version "
                              f"{meta.get('features_version')}, this code needs {FEATURES_VERSION}")
        if not path.is_file():
            raise ConfigError(f"{path}: the recogniser's model file is missing")
        recogniser = cls(path, meta)
        recogniser._tagger()  # fail here, not in the middle of tagging
        return recogniser

    def _tagger(self) -> Any:
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            try:
                tagger.open(self.model_path)
            except Exception as exc:  # pycrfsuite raises a bare ValueError/IOError
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
        loc_labels: list[str] | None = None
        for region in found:
            tagger.set(region.items)
            labels = tagger.tag()
            for start, end, label, first, last in spans_from_labels(region, labels):
                score = 1.0
                for i in range(first, last):
                    score = min(score, tagger.marginal(labels[i], i))
                decisions.append(Decision(start, end, label, score))
            if region.gazetteer:
                if loc_labels is None:
                    loc_labels = [label for label in tagger.labels() if label.endswith("-LOC")]
                for i in region.gazetteer:
                    s, e = region.spans[i]
                    place_tokens.append((s, e, sum(tagger.marginal(label, i) for label in loc_labels)))
        return decisions, place_tokens


class Decision:
    """One span the model labelled ``LOC``, ``PER``, ``ORG`` or ``MISC``, with its score."""

    __slots__ = ("start", "end", "label", "score")

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
