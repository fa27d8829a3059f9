"""Punctuation as the cue: a name and a colon ("Pence: ..."), a quotation signed after a dash."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .actors import _actors, _chain_forward
from .records import Context, Draft, EvidenceSpan, Pos, Slot, Tables
from .speakers import _name_after
from .words import _WORD, _gap_words, _strip_end, _strip_span

if TYPE_CHECKING:
    from .sentences import ArticleState, Sentence


# A colon after these is a label, not a speaker: "Editor's note:", "UPDATE:".
_LABELS = frozenset(
    "note update updated editor photo photos video watch read related text transcript warning "
    "breaking correction clarification source sources credit disclaimer latest".split()
)


def _colon(tables: Tables, text: str, s_start: int, s_end: int, colon: int, slots: list[Slot]) -> list[Draft]:
    """A name and a colon opening a sentence or headline: "Pence: ...", "WALLACE: ...", "Poll: ..."."""
    begin = s_start
    while begin < colon and text[begin] in "\"“‘'( ":
        begin += 1
    words = _WORD.findall(text, begin, colon)
    content = _strip_span(text, colon + 1, _strip_end(text, s_start, s_end))
    if (
        not words
        or len(words) > 6
        or content is None
        or _gap_words(text[content.start : content.end]) < 2
        or not text[colon + 1 : colon + 2].isspace()
        or text[colon - 1 : colon].isspace()
    ):
        return []
    if any(not w[:1].isupper() for w in words) or words[-1].lower() in _LABELS or words[0].lower() in _LABELS:
        return []  # "Partial transcript as follows:", "Editor's note:", "UPDATE:"
    named = [slot for slot in slots if begin <= slot.start and slot.end <= colon]
    return [_punctuation_draft(tables, text, s_start, s_end, colon, colon + 1, Pos(begin, colon), content, named)]


def _quote_dash(
    tables: Tables, text: str, p_start: int, s_start: int, s_end: int, dash: int, slots: list[Slot]
) -> list[Draft]:
    """A quotation signed after a dash: "… our greatest shame.” ― Sonya Herridge"."""
    close = dash - 1
    while close > s_start and text[close].isspace():
        close -= 1
    if close <= s_start or text[close] not in "”\"'":
        return []
    name = _name_after(text, dash + 1, s_end)
    if name is None or not text[name.start : name.start + 1].isupper():
        return []
    opening = "“" if text[close] == "”" else text[close]
    open_at = text.rfind(opening, p_start, close)
    content = _strip_span(text, open_at + 1 if open_at >= 0 else p_start, close)
    if content is None:
        return []
    named = [slot for slot in slots if name.start <= slot.start and slot.end <= name.end]
    return [_punctuation_draft(tables, text, min(s_start, content.start), s_end, dash, dash + 1, name, content, named)]


def _punctuation_draft(
    tables: Tables,
    text: str,
    s_start: int,
    s_end: int,
    c_start: int,
    c_end: int,
    source: Pos,
    content: Pos,
    named: list[Slot],
) -> Draft:
    # the name is the speaker when it is one tagged entity (or a list of them), else it is
    # kept as written, as for "a senior official said"
    chain = _chain_forward(text, named, 0) if named else ()
    whole = bool(chain) and chain[0].start == source.start and chain[-1].end == source.end
    sources = _actors(chain) if whole else ()
    speaker = chain[0].speaker if whole and len(chain) == 1 else None
    facts = tables.cameo.get(tables.lexicon.decisions.statement)
    fields = {
        "speaker": speaker,
        "predicate": None if sources else "says",
        "cue": text[c_start:c_end],
        "cue_lemma": "say",
        "sources": sources,
        "targets": (),
        "cameo": tables.lexicon.decisions.statement,
        "plover": facts.plover if facts else None,
        "plover_mode": facts.mode if facts else None,
        "plover_context": facts.context if facts else None,
        "quad_class": facts.quad_class if facts else None,
        "modality": "asserted",
        "tense": None,
        "confidence": 0.7 if sources else 0.6,
    }
    ev_start, ev_end = min(source.start, content.start), max(source.end, content.end)
    return Draft(
        source,
        Pos(c_start, c_end),
        content,
        source,
        [EvidenceSpan(ev_start, ev_end, min(s_start, ev_start), max(s_end, ev_end))],
        fields,
    )


def colon_claims(state: ArticleState, sentence: Sentence, context: Context) -> None:
    """The sentence pass of :func:`_colon`: a colon within the first 80 characters."""
    text, s_start, s_end = state.text, sentence.start, sentence.end
    colon = text.find(":", s_start, min(s_end, s_start + 80))
    if colon >= 0:
        state.drafts.extend(_colon(state.tables, text, s_start, s_end, colon, sentence.slots))


#: the dashes that sign a quotation ("… ― Sonya Herridge"): a cue of their own
QUOTE_DASHES = "―—"


def quote_dash_claims(state: ArticleState, sentence: Sentence, context: Context) -> None:
    """The sentence pass of :func:`_quote_dash`: the first of each kind of dash."""
    text, s_start, s_end = state.text, sentence.start, sentence.end
    for dash_char in QUOTE_DASHES:
        dash = text.find(dash_char, s_start, s_end)
        if dash >= 0:
            state.drafts.extend(
                _quote_dash(state.tables, text, sentence.paragraph, s_start, s_end, dash, sentence.slots)
            )
