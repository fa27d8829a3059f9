"""Attribution learned from data: a CRF tags the source, cue and content words of a sentence.

The model is a linear-chain conditional random field (CRFsuite, through
``python-crfsuite``) trained on PolNeAR's training split by
``tools/train_attribution.py``; it ships as ``data/attribution.crfsuite`` with its
metadata (``data/attribution.json``: version, training data, settings, cross-validated
and dev scores). Words are labelled ``B-``/``I-`` of ``SRC`` (source), ``CUE`` and
``CON`` (content), or ``O``; a sentence's labels become attributions by pairing each cue
with the nearest source and content (the side of the source learned per cue word), and
content that runs on into the next sentence of the paragraph (a long quotation) is joined to it.

The features are the word, its suffix and shape, its neighbours and its pairs with them,
the cue lexicon's reading of it and of its neighbours (speech, frame or action cue), whether
it sits inside quotation marks, and its distance to the nearest lexicon cue on either side:
no tagger or parser is needed. They are few (about twelve a word) because tagging costs in
proportion, and built as whole columns of a sentence because a loop over words costs more
than the tagging. Only sentences that can hold an attribution are tagged: those with a word
seen as a cue in training, a lexicon cue, or a quotation mark.
"""

from __future__ import annotations

import bisect
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib.resources import as_file, files
from typing import Any, NamedTuple

import attrs

from ._lexicon import ROLES as _CUE_ROLES
from ._lexicon import Cue
from ._sentences import split_sentences

#: Words: runs of word characters with inner apostrophes ("don't"), or one other character.
TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
ROLES = ("SRC", "CUE", "CON")
_QUOTES = '“”"'
_MODEL_FILE = "attribution.crfsuite"
_META_FILE = "attribution.json"


@attrs.frozen
class LearnedAttribution:
    """An attribution as the model reads it: character spans of source, cue and content.

    Args:
        source: ``(start, end)`` of the source as written, or ``None``.
        cue: ``(start, end)`` of the cue.
        content: ``(start, end)`` of what is attributed, or ``None``.
        sentence: ``(start, end)`` of the sentence holding the cue.
    """

    source: tuple[int, int] | None
    cue: tuple[int, int]
    content: tuple[int, int] | None
    sentence: tuple[int, int]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraphs as blank-line separated blocks (as the rule extractor reads them)."""
    spans = []
    start = 0
    for match in re.finditer(r"\n\s*\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def sentences(text: str, blocks: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int, int]]:
    """``(paragraph start, start, end)`` of each sentence."""
    for p_start, p_end in blocks:
        for s_start, s_end in split_sentences(text, p_start, p_end):
            yield p_start, s_start, s_end


def _shape(word: str) -> str:
    shape: list[str] = []
    for char in word[:6]:
        kind = "X" if char.isupper() else "x" if char.isalpha() else "d" if char.isdigit() else char
        if not shape or shape[-1] != kind:
            shape.append(kind)
    return "".join(shape)


class Featuriser:
    """Turns a sentence's words into CRF features; the per-word part is cached.

    Args:
        cue_words: lower-case words seen beginning a gold cue in training; a sentence
            with none of them, no lexicon cue and no quotation mark is not tagged.
        bigrams: also give each word its pairs with its neighbours (``b-1=``, ``b+1=``);
            a model's metadata says whether it was trained with them.
        encoded: give the features as UTF-8 ``bytes``, the form CRFsuite reads them in, so
            that the tagger need not encode each (the same features: a model reads ``str``
            features by encoding them so).
    """

    def __init__(self, cue_words: Iterable[str], *, bigrams: bool = False, encoded: bool = False) -> None:
        self.cue_words = frozenset(cue_words)
        self.bigrams = bigrams
        self.encoded = encoded
        self._forms = _ENCODED if encoded else _PLAIN
        self._cache: dict[str, tuple[Any, ...]] = {}

    def word(self, word: str) -> tuple[Any, ...]:
        """The features of one word, cached: its lower case, ``w=``, ``s3=`` (suffix), ``sh=``
        (shape), the forms its neighbours use (``w-1=``, ``w+1=``), the bias and its own
        three as one tuple, then its lower case as the second of a pair, and the heads of its
        pairs with the word before and after it (``b-1=word|``, ``b+1=word|``); the features
        in the featuriser's form, ``str`` or ``bytes``."""
        found = self._cache.get(word)
        if found is None:
            lower = word.lower()
            forms: tuple[Any, ...] = (
                "w=" + lower,
                "s3=" + lower[-3:],
                "sh=" + _shape(word),
                "w-1=" + lower,
                "w+1=" + lower,
                lower,
                "b-1=" + lower + "|",
                "b+1=" + lower + "|",
            )
            if self.encoded:
                forms = tuple(form.encode() for form in forms)
            own, suffix, shape, before, after, second, left_head, right_head = forms
            # a pair is the first word's head and the second word's lower case: "b+1=told|" + "reporters"
            found = (lower, own, suffix, shape, before, after, (self._forms.bias, own, suffix, shape))
            found += (second, left_head, right_head)
            if len(self._cache) < 200_000:
                self._cache[word] = found
        return found

    def candidate(self, words: Sequence[str], lexicon_roles: Sequence[str | None], text: str) -> bool:
        """Whether a sentence can hold an attribution: it has a quotation mark, a word of
        :attr:`cue_words` (learned in training) or a lexicon cue."""
        if any(q in text for q in _QUOTES):
            return True
        if any(lexicon_roles):
            return True
        cue_words, word, cache = self.cue_words, self.word, self._cache
        return any((cache.get(w) or word(w))[0] in cue_words for w in words)

    def sentence(
        self,
        text: str,
        cues: Sequence[tuple[int, int, tuple[Cue, ...]]],
        p_start: int,
        s_start: int,
        s_end: int,
        cue_starts: Sequence[int] | None = None,
    ) -> tuple[list[tuple[int, int]], list[Any]] | None:
        """The words (``(start, end)``) and features of one sentence, or ``None`` when it
        cannot hold an attribution; the same for training and tagging.

        Args:
            text: the article text.
            cues: the lexicon's cues in the text.
            p_start: the start of the sentence's paragraph (quotation marks are followed from there).
            s_start: the start of the sentence.
            s_end: its end.
            cue_starts: the starts of *cues* (computed from them when not given).
        """
        if cue_starts is None:
            cue_starts = [c[0] for c in cues]
        chunk = text[s_start:s_end]
        quotes = '"' in chunk or "“" in chunk or "”" in chunk
        if (
            not quotes
            and bisect.bisect_left(cue_starts, s_start) == bisect.bisect_left(cue_starts, s_end)
            and self.cue_words.isdisjoint(TOKEN.findall(chunk.lower()))
        ):
            return None  # the gate, before the sentence is split into words
        words = TOKEN.findall(text, s_start, s_end)
        if not words:
            return None
        tokens = token_spans(text, s_start, words)
        roles = lexicon_roles(tokens, cues, cue_starts)
        if not quotes and not any(roles):
            # :meth:`candidate`, its quotation marks and lexicon cues known: a learned cue word
            cue_words, word, cache = self.cue_words, self.word, self._cache
            if not any((cache.get(w) or word(w))[0] in cue_words for w in words):
                return None
        return tokens, self.features(words, roles, quote_state(text, p_start, tokens))

    def features(self, words: Sequence[str], lexicon_roles: Sequence[str | None], quoted: Sequence[bool]) -> list[Any]:
        """The features of each word of one sentence (a tuple or list of strings per word).

        Args:
            words: the sentence's words as written.
            lexicon_roles: per word, the role of the lexicon cue starting there
                (``speech``, ``frame``, ``action``), ``"in"`` inside a longer cue, or ``None``.
            quoted: per word, whether it is inside quotation marks.
        """
        word, cache, forms = self.word, self._cache, self._forms
        # a cached word is a dictionary look-up, not a call (its features are never empty)
        cached = [cache.get(w) or word(w) for w in words]
        n = len(cached)
        # the features every word has: bias, word, suffix, shape (one tuple per word), and
        # its neighbours' words; each word's tuple is built in one go below, from columns
        own_words = [c[6] for c in cached]
        before = [forms.bos, *[c[4] for c in cached[:-1]]]
        after = [*[c[5] for c in cached[1:]], forms.eos]
        if self.bigrams:
            # the word with each neighbour ("according|to", "told|reporters")
            left_pair: list[tuple[Any, ...]] = [(), *[(a[8] + b[7],) for a, b in itertools.pairwise(cached)]]
            right_pair: list[tuple[Any, ...]] = [*[(a[9] + b[7],) for a, b in itertools.pairwise(cached)], ()]
        else:
            left_pair = right_pair = [()] * n
        quotes = [forms.quoted if inside else () for inside in quoted] if True in quoted else None
        if not any(lexicon_roles):
            if quotes is None:
                return [(*c, p, f, *x, *y) for c, p, f, x, y in zip(own_words, before, after, left_pair, right_pair)]
            return [
                (*c, p, f, *x, *y, *q)
                for c, p, f, x, y, q in zip(own_words, before, after, left_pair, right_pair, quotes)
            ]
        # the lexicon's reading of each word and its neighbours, and the distance to the
        # nearest lexicon cue strictly before and at or after each word (built as whole
        # columns: a loop over words costs more than the tagging)
        lx, lx_left, lx_right = forms.lx, forms.lx_left, forms.lx_right
        own = [lx[role] for role in lexicon_roles]
        left_role = [(), *[lx_left[role] for role in lexicon_roles[:-1]]]
        right_role = [*[lx_right[role] for role in lexicon_roles[1:]], ()]
        heads = [i for i, role in enumerate(lexicon_roles) if role and role != "in"]
        if heads:
            left: list[tuple[Any, ...]] = [()] * (heads[0] + 1)
            right: list[tuple[Any, ...]] = []
            previous = -1
            for k, head in enumerate(heads):
                following = heads[k + 1] if k + 1 < len(heads) else n - 1
                left.extend(_run(forms.left, following - head))
                right.extend(_run(forms.right, head - previous - 1)[::-1])
                right.append(())
                previous = head
            right.extend([()] * (n - 1 - previous))
        else:
            left = right = [()] * n
        if quotes is None:
            quotes = [()] * n
        return [
            (*c, p, f, *x, *y, *o, *lo, *ro, *q, *d, *e)
            for c, p, f, x, y, o, lo, ro, q, d, e in zip(
                own_words, before, after, left_pair, right_pair, own, left_role, right_role, quotes, left, right
            )
        ]


def token_spans(text: str, start: int, words: Sequence[str]) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each of *words*, the matches of :data:`TOKEN` in *text* from
    *start* on: :data:`TOKEN` matches every character but white space, so each word is the
    next occurrence of its text."""
    spans = []
    find = text.find
    for word in words:
        start = find(word, start)
        end = start + len(word)
        spans.append((start, end))
        start = end
    return spans


def _bucket(gap: int) -> str:
    return str(gap) if gap <= 3 else "4-6" if gap <= 6 else "7-12" if gap <= 12 else "far"


_FAR = 13
_ROLE_NAMES = (*sorted(_CUE_ROLES), "in")


class _Forms(NamedTuple):
    """The features that are the same for every sentence, in one form (``str`` or ``bytes``)."""

    bias: Any
    bos: Any
    eos: Any
    quoted: tuple[Any, ...]
    #: the lexicon's reading of a word (a role, ``"in"``, or none) and of its neighbours
    lx: dict[str | None, tuple[Any, ...]]
    lx_left: dict[str | None, tuple[Any, ...]]
    lx_right: dict[str | None, tuple[Any, ...]]
    #: the distances to the nearest lexicon cue, by gap (0 to the far bucket)
    left: list[tuple[Any, ...]]
    right: list[tuple[Any, ...]]


def _forms(encode: Callable[[str], Any]) -> _Forms:
    def roles(prefix: str) -> dict[str | None, tuple[Any, ...]]:
        return {None: (), "": (), **{r: (encode(prefix + r),) for r in _ROLE_NAMES}}

    return _Forms(
        bias=encode("b"),
        bos=encode("BOS"),
        eos=encode("EOS"),
        quoted=(encode("q"),),
        lx=roles("lx="),
        lx_left=roles("lx-1="),
        lx_right=roles("lx+1="),
        left=[(encode("dl=" + _bucket(gap)),) for gap in range(_FAR + 1)],
        right=[(encode("dr=" + _bucket(gap)),) for gap in range(_FAR + 1)],
    )


_PLAIN = _forms(str)
_ENCODED = _forms(str.encode)


def _run(column: list[tuple[Any, ...]], length: int) -> list[tuple[Any, ...]]:
    """The distance features of gaps 1 to *length*, the far bucket repeated past the last."""
    if length < _FAR:
        return column[1 : length + 1]
    return column[1:] + [column[_FAR]] * (length - _FAR)


def lexicon_roles(
    tokens: Sequence[tuple[int, int]],
    cues: Sequence[tuple[int, int, tuple[Cue, ...]]],
    cue_starts: Sequence[int] | None = None,
) -> list[str | None]:
    """Per word, the role of the lexicon cue that starts there, ``"in"`` inside one, else ``None``
    (*cue_starts*: the starts of *cues*, computed when not given)."""
    roles: list[str | None] = [None] * len(tokens)
    if not cues or not tokens:
        return roles
    starts = [t[0] for t in tokens]
    if cue_starts is None:
        cue_starts = [c[0] for c in cues]
    lo = bisect.bisect_left(cue_starts, tokens[0][0])
    hi = bisect.bisect_left(cue_starts, tokens[-1][1])
    for c_start, c_end, options in cues[lo:hi]:
        at = bisect.bisect_left(starts, c_start)
        if at < len(tokens) and starts[at] == c_start:
            roles[at] = options[0].role if options else "in"
            at += 1
            while at < len(tokens) and starts[at] < c_end:
                roles[at] = "in"
                at += 1
    return roles


def quote_state(text: str, paragraph_start: int, tokens: Sequence[tuple[int, int]]) -> list[bool]:
    """Per word, whether it lies inside quotation marks opened in its paragraph.

    A quotation mark is itself read as inside what it follows: an opening one is not inside
    the quotation it opens, a closing one is; a straight one opens or closes as it falls."""
    if not tokens:
        return []
    if not any(q in text[paragraph_start : tokens[-1][1]] for q in _QUOTES):
        return [False] * len(tokens)
    before = text[paragraph_start : tokens[0][0]]
    straight = before.count('"') % 2 == 1
    curly = before.count("“") > before.count("”")
    inside = straight or curly
    # the words between two quotation marks keep the state the first one left
    marks = [i for i, (start, end) in enumerate(tokens) if end - start == 1 and text[start] in _QUOTES]
    state: list[bool] = []
    done = 0
    for at in marks:
        state.extend([inside] * (at + 1 - done))
        char = text[tokens[at][0]]
        inside = True if char == "“" else False if char == "”" else not inside
        done = at + 1
    state.extend([inside] * (len(tokens) - done))
    return state


def spans_of(labels: Sequence[str], tokens: Sequence[tuple[int, int]]) -> dict[str, list[tuple[int, int]]]:
    """Character spans of each role from BIO labels (an ``I-`` after another role opens a span)."""
    found: dict[str, list[tuple[int, int]]] = {role: [] for role in ROLES}
    if labels.count("O") == len(labels):
        return found  # most tagged sentences: nothing attributed
    open_role = None
    for label, (start, end) in zip(labels, tokens):
        if label == "O":
            open_role = None
            continue
        prefix, role = label[0], label[2:]
        if prefix == "B" or role != open_role:
            found[role].append((start, end))
            open_role = role
        else:
            found[role][-1] = (found[role][-1][0], end)
    return found


def pair(
    found: dict[str, list[tuple[int, int]]], text: str = "", source_after: frozenset[str] = frozenset()
) -> list[tuple[tuple[int, int] | None, tuple[int, int], tuple[int, int] | None]]:
    """Pair each cue of a sentence with its nearest source and content.

    The source is looked for before the cue first, after it first when the cue's first word
    is one of *source_after* (learned in training: "according to X", "by X"); the content
    after the cue first, before it when the source was taken after it ("..., said X").
    """
    out = []
    sources, contents = found["SRC"], found["CON"]
    for cue in found["CUE"]:
        before = [s for s in sources if s[1] <= cue[0]]
        after = [s for s in sources if s[0] >= cue[1]]
        if after and source_after and _first_word(text, cue) in source_after:
            source: tuple[int, int] | None = after[0]
        else:
            source = before[-1] if before else (after[0] if after else None)
        c_after = [c for c in contents if c[0] >= cue[1]]
        c_before = [c for c in contents if c[1] <= cue[0]]
        if c_after and c_before and source_after and source is not None and source[0] >= cue[1]:
            content: tuple[int, int] | None = c_before[-1]
        else:
            content = c_after[0] if c_after else (c_before[-1] if c_before else None)
        out.append((source, cue, content))
    return out


def _first_word(text: str, span: tuple[int, int]) -> str:
    match = TOKEN.search(text, span[0], span[1])
    return match.group().lower() if match else ""


def attribution_model_version() -> str:
    """The version of the shipped attribution model, read from its metadata."""
    meta = json.loads(files("geotext_claims").joinpath("data").joinpath(_META_FILE).read_text(encoding="utf-8"))
    return str(meta["version"])


class AttributionModel:
    """The shipped attribution model (or one at *path*), ready to tag.

    Args:
        path: a ``.crfsuite`` model file; its metadata is the ``.json`` beside it.
            Default: the model shipped in ``geotext_claims/data``.
    """

    def __init__(self, path: str | None = None, *, meta: dict[str, Any] | None = None) -> None:
        import pycrfsuite  # a dependency of this plugin; imported here so that importing the package stays cheap

        self.tagger = pycrfsuite.Tagger()
        if path is None:
            resource = files("geotext_claims").joinpath("data").joinpath(_MODEL_FILE)
            with as_file(resource) as real:
                self.tagger.open(str(real))
            meta_text = files("geotext_claims").joinpath("data").joinpath(_META_FILE).read_text(encoding="utf-8")
        else:
            self.tagger.open(path)
            if meta is None:
                with open(re.sub(r"\.crfsuite$", ".json", path), encoding="utf-8") as handle:
                    meta_text = handle.read()
        self.meta: dict[str, Any] = meta if meta is not None else json.loads(meta_text)
        self.version: str = self.meta["version"]
        # the features as bytes: the tagger reads them so, and need not encode each
        self.featuriser = Featuriser(self.meta["cue_words"], **self.meta.get("features", {}), encoded=True)
        self.source_after = frozenset(self.meta.get("source_after_cue", ()))

    def attributions(
        self,
        text: str,
        cues: Sequence[tuple[int, int, tuple[Cue, ...]]],
        spans: Iterable[tuple[int, int, int]] | None = None,
        skip: Sequence[int] = (),
    ) -> list[LearnedAttribution]:
        """Return the attributions the model finds in *text*.

        Args:
            text: the article text.
            cues: the lexicon's cues in the text (:meth:`Lexicon.scan` on the lower-cased text).
            spans: ``(paragraph start, sentence start, sentence end)`` of each sentence, as
                :func:`sentences` gives them (default: the sentences of blank-line separated
                paragraphs).
            skip: sorted character offsets; a sentence holding one is not tagged (the
                extractor passes its own claims' cues, to tag only the sentences it found nothing in).
        """
        spans = sentences(text, paragraphs(text)) if spans is None else spans
        cue_starts = [c[0] for c in cues]
        featuriser = self.featuriser
        tag = self.tagger.tag
        found: list[LearnedAttribution] = []
        # (paragraph start, sentence start, sentence end, spans by role, attributions) per tagged sentence
        tagged: list[tuple[int, int, int, dict[str, list[tuple[int, int]]], list[int]]] = []
        for p_start, s_start, s_end in spans:
            if skip:
                at = bisect.bisect_left(skip, s_start)
                if at < len(skip) and skip[at] < s_end:
                    continue
            read = featuriser.sentence(text, cues, p_start, s_start, s_end, cue_starts)
            if read is None:
                continue
            tokens, rows = read
            labels = tag(rows)
            by_role = spans_of(labels, tokens)
            made = []
            for source, cue, content in pair(by_role, text, self.source_after):
                made.append(len(found))
                found.append(LearnedAttribution(source=source, cue=cue, content=content, sentence=(s_start, s_end)))
            tagged.append((p_start, s_start, s_end, by_role, made))
        return _join_runs(found, tagged)


def _join_runs(
    found: list[LearnedAttribution], tagged: list[tuple[int, int, int, dict[str, list[tuple[int, int]]], list[int]]]
) -> list[LearnedAttribution]:
    """Content in a sentence with no cue continues a quotation: join it to the attribution
    of the next sentence when that one's content opens it, else to the previous sentence's."""
    result = list(found)
    for index, (p_start, _s_start, _s_end, spans, made) in enumerate(tagged):
        if made or not spans["CON"]:
            continue
        run = (spans["CON"][0][0], spans["CON"][-1][1])
        following = tagged[index + 1] if index + 1 < len(tagged) else None
        if following and following[0] == p_start and following[4]:
            target = following[4][0]
            item = result[target]
            if item.content is not None and item.content[0] <= following[1] + 3:
                result[target] = attrs.evolve(item, content=(run[0], item.content[1]))
                continue
        previous = tagged[index - 1] if index > 0 else None
        if previous and previous[0] == p_start and previous[4]:
            target = previous[4][-1]
            item = result[target]
            start = item.content[0] if item.content is not None else run[0]
            result[target] = attrs.evolve(item, content=(start, run[1]))
    return result
