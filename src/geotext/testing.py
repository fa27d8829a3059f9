"""Tools for testing geotext plugins: hypothesis strategies and conformance checks.

A plugin's own test suite uses these to show that it keeps geotext's contracts::

    from geotext.testing import check_parser, check_exporter, check_tagger

    def test_my_parser_conforms():
        check_parser(MyParser(), samples=[b"Headline\\n\\nBody."])

The strategies need ``hypothesis`` (``pip install geotext-core[testing]``).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ._components import Exporter, Parser, Source
from ._model import (
    DATE_PRECISIONS,
    DATE_RULES,
    ENTITY_KINDS,
    LOCATION_RULES,
    MENTION_FORMS,
    MODALITIES,
    Analysis,
    Article,
    Claim,
    Coordinates,
    Entity,
    EventDate,
    EventLocation,
    Evidence,
    Mention,
    Provenance,
    Span,
)
from .exceptions import GeotextError, ParseError

__all__ = [
    "analyses",
    "articles",
    "check_exporter",
    "check_parser",
    "check_parser_on_bytes",
    "check_tagger",
    "claims_for",
    "entities_for",
    "event_dates",
    "event_locations",
    "reset_plugins",
    "sample_analyses",
    "texts",
]

_json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
)


@functools.cache
def texts(min_size: int = 1, max_size: int = 400) -> st.SearchStrategy[str]:
    """Any unicode text (surrogates excluded: they cannot be encoded as UTF-8)."""
    return st.text(st.characters(codec="utf-8"), min_size=min_size, max_size=max_size)


# The strategies below are built once, at import, not in every draw: building and
# validating a strategy (a timezone list, a nested one_of) costs far more than drawing
# from it, and a composite strategy draws hundreds of times per test. Strategies are
# immutable, so sharing them is safe. Those bounded by a text's length come from
# _integers, which keeps the ones already built.


@functools.lru_cache(maxsize=4096)
def _integers(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(low, high)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


_ARTICLE_IDS = _maybe(st.text(st.characters(codec="utf-8"), min_size=1, max_size=30))
_URLS = _maybe(st.just("https://example.org/a"))
_SOURCES = _maybe(texts(max_size=20))
_PUBLISHED = _maybe(st.datetimes(timezones=_maybe(st.timezones())))
_LANGUAGES = st.sampled_from([None, "en", "fr"])
_AUTHORS = st.lists(texts(max_size=20), max_size=3)
_METADATA = st.dictionaries(st.text(max_size=10), _json_scalars, max_size=3)
_PROVENANCES = _maybe(
    st.builds(
        Provenance,
        source=st.just("x.txt"),
        record=_maybe(st.integers(0, 100)),
        parser=st.just("text"),
        encoding=st.sampled_from([None, "utf-8"]),
    )
)


@st.composite
def _spans_in(draw: Any, text: str, max_count: int = 5) -> list[Span]:
    cuts = sorted(draw(st.lists(_integers(0, len(text)), max_size=max_count * 2)))
    spans = [Span(start=cuts[i], end=cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    return spans


@st.composite
def articles(draw: Any, text: st.SearchStrategy[str] | None = None) -> Article:
    """Valid articles: paragraphs, metadata and provenance drawn at random."""
    body = draw(text if text is not None else texts())
    return Article(
        text=body,
        id=draw(_ARTICLE_IDS),
        title=(body[: body.find("\n")] if "\n" in body else body) if draw(st.booleans()) else None,
        paragraphs=draw(_spans_in(body)),
        url=draw(_URLS),
        source=draw(_SOURCES),
        published=draw(_PUBLISHED),
        language=draw(_LANGUAGES),
        authors=draw(_AUTHORS),
        metadata=draw(_METADATA),
        provenance=draw(_PROVENANCES),
    )


_slug = st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12)
_MENTION_FORMS = st.sampled_from(sorted(MENTION_FORMS))
_ID_NAMESPACES = st.sampled_from(["iso", "geonames", "igo", "person", "x"])
_ENTITY_KINDS = st.sampled_from(sorted(ENTITY_KINDS))
_NAMES = texts(max_size=30)
_IDS = st.dictionaries(st.sampled_from(["iso2", "iso3", "geonames", "wikidata"]), st.text(max_size=10), max_size=2)
_COORDINATES = _maybe(st.builds(Coordinates, lat=st.floats(-90, 90), lon=st.floats(-180, 180)))
_COUNTRIES = st.sampled_from([None, "CHN", "MNG", "RUS"])
_OFFICES = _maybe(texts(max_size=20))
_ATTRIBUTES = st.dictionaries(st.text(max_size=10), _json_scalars, max_size=2)


@st.composite
def entities_for(draw: Any, text: str, max_entities: int = 6) -> list[Entity]:
    """Valid entities whose mentions point into *text*."""
    found: dict[str, Entity] = {}
    for _ in range(draw(_integers(0, max_entities))):
        mentions = []
        if text:
            for _ in range(draw(_integers(0, 3))):
                start = draw(_integers(0, len(text) - 1))
                end = draw(_integers(start + 1, len(text)))
                mentions.append(Mention(start=start, end=end, text=text[start:end], form=draw(_MENTION_FORMS)))
        entity_id = draw(_ID_NAMESPACES) + ":" + draw(_slug)
        found[entity_id] = Entity(
            id=entity_id,
            kind=draw(_ENTITY_KINDS),
            name=draw(_NAMES),
            ids=draw(_IDS),
            coordinates=draw(_COORDINATES),
            country=draw(_COUNTRIES),
            office=draw(_OFFICES),
            attributes=draw(_ATTRIBUTES),
            mentions=mentions,
        )
    return list(found.values())


_CODES = [
    (None, None, None),
    ("010", None, 1),
    ("02", "REQUEST", 1),
    ("036", "AGREE", 1),
    ("0311", "AGREE", 1),
    ("112", "ACCUSE", 3),
    ("174", "COERCE", 4),
]
_LOCATION_RULES = st.sampled_from(sorted(LOCATION_RULES))
_DATE_PRECISIONS = st.sampled_from(sorted(DATE_PRECISIONS))
_DATE_RULES = st.sampled_from(sorted(DATE_RULES))
_ACTOR_CODES = st.sampled_from([None, "CHN", "CHNGOV", "RUSMIL", "IGO"])
_PRODUCERS = st.sampled_from(["claims", "other"])
_CUES = _maybe(texts(max_size=12))
_PREDICATES = st.sampled_from([None, "member_of", "observer_of"])
_CODE_ROWS = st.sampled_from(_CODES)
_MODALITIES = st.sampled_from(sorted(MODALITIES))
_TENSES = st.sampled_from([None, "past", "future"])
_REPORTED_DATES = _maybe(st.dates())
_CONFIDENCES = st.floats(0, 1)
_VERSIONS = st.dictionaries(st.sampled_from(["geotext-core", "x"]), st.just("1.0"))


@st.composite
def event_locations(draw: Any, text: str, entity_ids: Sequence[str]) -> EventLocation:
    """Valid claim locations: a span of *text* and an id among *entity_ids*, or None."""
    start = draw(_integers(0, len(text) - 1))
    end = draw(_integers(start + 1, len(text)))
    entity = draw(st.sampled_from(list(entity_ids))) if entity_ids and draw(st.booleans()) else None
    return EventLocation(entity=entity, span=Span(start=start, end=end), rule=draw(_LOCATION_RULES))


@st.composite
def event_dates(draw: Any, text: str) -> EventDate:
    """Valid claim dates: a span of *text*, any date, precision and rule."""
    start = draw(_integers(0, len(text) - 1))
    end = draw(_integers(start + 1, len(text)))
    return EventDate(
        date=draw(st.dates()), precision=draw(_DATE_PRECISIONS), span=Span(start=start, end=end), rule=draw(_DATE_RULES)
    )


@st.composite
def claims_for(draw: Any, text: str, entity_ids: Sequence[str], max_claims: int = 4) -> list[Claim]:
    """Valid claims with evidence inside *text* and actors among *entity_ids*."""
    if not text:
        return []
    found = []
    actors = st.lists(st.sampled_from(list(entity_ids)), unique=True, max_size=2) if entity_ids else st.just([])
    speakers = _maybe(st.sampled_from(list(entity_ids))) if entity_ids else st.none()
    for _ in range(draw(_integers(0, max_claims))):
        sentence_start = draw(_integers(0, len(text) - 1))
        sentence_end = draw(_integers(sentence_start + 1, len(text)))
        start = draw(_integers(sentence_start, sentence_end - 1))
        end = draw(_integers(start + 1, sentence_end))
        sources, targets = draw(actors), draw(actors)
        coded = draw(st.booleans())
        found.append(
            Claim(
                source_codes=[draw(_ACTOR_CODES) for _ in sources] if coded else [],
                target_codes=[draw(_ACTOR_CODES) for _ in targets] if coded else [],
                producer=draw(_PRODUCERS),
                evidence=[Evidence(start=start, end=end, sentence_start=sentence_start, sentence_end=sentence_end)],
                speaker=draw(speakers),
                cue=draw(_CUES),
                cue_span=Span(start=start, end=end) if draw(st.booleans()) else None,
                content=Span(start=start, end=end) if draw(st.booleans()) else None,
                sources=sources,
                targets=targets,
                predicate=draw(_PREDICATES),
                # codes as the claims plugin's CAMEO-to-PLOVER table maps them
                **dict(zip(("cameo", "plover", "quad_class"), draw(_CODE_ROWS))),
                modality=draw(_MODALITIES),
                tense=draw(_TENSES),
                reported_date=draw(_REPORTED_DATES),
                confidence=draw(_CONFIDENCES),
                location=draw(event_locations(text, entity_ids)) if draw(st.booleans()) else None,
                event_date=draw(event_dates(text)) if draw(st.booleans()) else None,
            )
        )
    unique = {claim.id: claim for claim in found}
    return list(unique.values())


@st.composite
def analyses(draw: Any, text: st.SearchStrategy[str] | None = None) -> Analysis:
    """Valid analyses: an article with entities and claims that fit its text."""
    article = draw(articles(text=text))
    entities = draw(entities_for(article.text))
    claims = draw(claims_for(article.text, [e.id for e in entities]))
    return Analysis(article=article, entities=entities, claims=claims, versions=draw(_VERSIONS))


def sample_analyses() -> list[Analysis]:
    """Two realistic analyses of excerpts of the seed articles, annotated by hand.

    States with ISO and GeoNames ids, capitals standing for their states, a person with
    an office, an unnamed official, an organisation with its acronym, and claims with
    evidence, cues, codes and modality: a fixture for exporter and scorer tests.
    """
    from ._samples import sample_analyses as build

    return build()


# -- isolation ------------------------------------------------------------------------------


def reset_plugins() -> None:
    """Forget the process-wide plugins and pipelines, so the next use loads plugins again.

    Call it in a fixture when a test installs or uninstalls a plugin, or changes
    ``GEOTEXT_LOAD_PLUGINS`` and friends::

        @pytest.fixture(autouse=True)
        def _fresh_plugins():
            geotext.testing.reset_plugins()
            yield
            geotext.testing.reset_plugins()
    """
    from ._pipeline import reset_pipelines

    reset_pipelines()


# -- conformance checks -------------------------------------------------------------------


def _check_article(article: Article, where: str) -> None:
    assert isinstance(article, Article), f"{where}: yielded {type(article).__name__}, not Article"
    for span in article.paragraphs:
        assert 0 <= span.start <= span.end <= len(article.text), f"{where}: paragraph {span} outside the text"
    if article.title:
        assert article.title in article.text, f"{where}: the title is not part of the text"


def _parse_all(parser: Parser, source: Source) -> list[Article | ParseError]:
    items = []
    for item in parser.parse(source):
        assert isinstance(item, (Article, ParseError)), (
            f"{parser.name}: yielded {type(item).__name__}; parsers yield Article or ParseError"
        )
        items.append(item)
    return items


def _check_items(parser: Parser, source: Source, items: list[Article | ParseError], where: str) -> None:
    """Provenance and record numbers of what one source gave."""
    records = []
    for item in items:
        if isinstance(item, ParseError):
            assert item.source == source.name, f"{where}: ParseError names source {item.source!r}, not {source.name!r}"
            records.append(item.record)
            continue
        _check_article(item, where)
        provenance = item.provenance
        assert provenance is not None, f"{where}: an article without provenance"
        assert provenance.source == source.name, (
            f"{where}: provenance.source is {provenance.source!r}, not the source's name {source.name!r}"
        )
        assert provenance.parser == parser.name, (
            f"{where}: provenance.parser is {provenance.parser!r}, not {parser.name!r}"
        )
        records.append(provenance.record)
    if parser.multi_record:
        numbered = [r for r in records if r is not None]
        assert len(numbered) == len(records), (
            f"{where}: a multi-record parser numbers every article and ParseError (record=None found)"
        )
        assert all(isinstance(r, int) and r >= 0 for r in numbered), f"{where}: record numbers {numbered}"
        assert numbered == sorted(set(numbered)), (
            f"{where}: record numbers must increase without repeats, got {numbered}"
        )
    else:
        assert len([i for i in items if isinstance(i, Article)]) <= 1, (
            f"{where}: a parser with multi_record = False yielded several articles"
        )


def _parse_checked(parser: Parser, source: Source, where: str) -> list[Article | ParseError] | ParseError:
    """Parse *source* twice; return the items, or the ParseError it raised. Fails on bugs."""
    try:
        first = _parse_all(parser, source)
    except ParseError as exc:
        assert exc.source == source.name, f"{where}: ParseError names source {exc.source!r}, not {source.name!r}"
        return exc
    except GeotextError as exc:
        # a ValidationError (or another geotext error) from a parser is a bug in the parser:
        # bad input raises or yields ParseError
        raise AssertionError(f"{where}: raised {type(exc).__name__} ({exc}); bad input is a ParseError") from exc
    except Exception as exc:
        raise AssertionError(f"{where}: raised {type(exc).__name__}: {exc}") from exc
    second = _parse_all(parser, source)
    assert [_comparable(a) for a in first] == [_comparable(a) for a in second], f"{where}: parsed differently twice"
    _check_items(parser, source, first, where)
    return first


def check_parser(
    parser: Parser, samples: Iterable[bytes | str], *, bad_samples: Iterable[bytes | str] = (), **source_options: Any
) -> list[Article]:
    """Check a parser on sample inputs; fails on the mistakes parsers make.

    Each sample is parsed twice and both runs must agree. Every article must have
    valid offsets and a :class:`~geotext.Provenance` naming the source and the parser;
    a multi-record parser numbers every article and yielded ``ParseError`` with
    increasing ``record`` values; a single-record parser yields at most one article.
    Input a parser cannot read may raise (or yield) :class:`~geotext.ParseError` naming
    the source, never another error: a ``ValidationError`` is a parser bug. At least one
    of *samples* must give an article, and each of *bad_samples* must give none.

    Returns the articles of every sample, for further checks.

    .. versionchanged:: 0.2
       Fails on errors other than ``ParseError``, on missing provenance and on bad
       record numbers; *bad_samples* added.
    """
    assert isinstance(getattr(parser, "name", None), str) and parser.name, "a parser needs a name"
    found: list[Article] = []
    for index, sample in enumerate(samples):
        source = Source.from_input(sample, name=f"sample-{index}", **source_options)
        items = _parse_checked(parser, source, f"{parser.name} sample {index}")
        if not isinstance(items, ParseError):
            found.extend(item for item in items if isinstance(item, Article))
    assert found, f"{parser.name}: no sample gave an article; check_parser needs at least one readable sample"
    for index, sample in enumerate(bad_samples):
        source = Source.from_input(sample, name=f"bad-sample-{index}", **source_options)
        items = _parse_checked(parser, source, f"{parser.name} bad sample {index}")
        if not isinstance(items, ParseError):
            articles = [item for item in items if isinstance(item, Article)]
            assert not articles, f"{parser.name}: bad sample {index} gave {len(articles)} article(s)"
    return found


def _comparable(item: Article | ParseError) -> Any:
    return item if isinstance(item, Article) else (type(item), str(item))


#: The first bytes of common input formats, by suffix, for :func:`check_parser_on_bytes`.
HEADERS: dict[str, tuple[bytes, ...]] = {
    ".html": (b"<!DOCTYPE html>\n<html><head><title>", b"<html><body><article><h1>"),
    ".htm": (b'<html><head><meta charset="utf-8"><title>',),
    ".json": (b'{"title": "', b'[{"title": "A", "text": "', b'{"articles": [{"content": "'),
    ".jsonl": (b'{"title": "A", "text": "', b'{"text": "x"}\n{"text": "'),
    ".xml": (
        b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><item><title>',
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>',
    ),
    ".rss": (b'<?xml version="1.0"?><rss version="2.0"><channel><item><description>',),
    ".atom": (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">',),
    ".warc": (
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ",
    ),
    ".warc.gz": (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03",),
    ".gz": (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03",),
    ".txt": (b"Headline\n\n", b"\xef\xbb\xbfHeadline\r\n\r\n", b"\xff\xfeH\x00"),
}


@st.composite
def parser_inputs(
    draw: Any, headers: Sequence[bytes] = (), samples: Sequence[bytes] = (), max_size: int = 2048
) -> bytes:
    """Bytes that get past a format's header: random bytes, a header plus noise, or a sample
    cut short, with bytes changed or spliced in."""
    choices = [st.binary(max_size=max_size)]
    if headers:
        choices.append(
            st.builds(lambda head, noise: head + noise, st.sampled_from(list(headers)), st.binary(max_size=max_size))
        )
    if samples:
        choices.append(st.builds(_mutate, st.sampled_from(list(samples)), st.randoms(use_true_random=False)))
    drawn: bytes = draw(st.one_of(*choices))
    return drawn


def _mutate(sample: bytes, rng: Any) -> bytes:
    data = bytearray(sample)
    for _ in range(rng.randint(1, 4)):
        action = rng.choice(("cut", "flip", "splice", "dup"))
        if not data:
            break
        at = rng.randrange(len(data))
        if action == "cut":
            del data[at:]
        elif action == "flip":
            data[at] = rng.randrange(256)
        elif action == "splice":
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        else:
            data[at:at] = data[at : at + rng.randint(1, 64)]
    return bytes(data)


def _profile_settings(max_examples: int | None) -> settings:
    """The loaded Hypothesis profile's settings, with *max_examples* when given."""
    return settings() if max_examples is None else settings(max_examples=max_examples)


def check_parser_on_bytes(
    parser: Parser,
    max_examples: int | None = None,
    *,
    samples: Iterable[bytes | str] = (),
    headers: Iterable[bytes] | None = None,
    **source_options: Any,
) -> None:
    """Property: on hostile bytes the parser yields valid articles or raises only ParseError.

    Inputs are random bytes, a header of one of the parser's formats followed by noise
    (from :data:`HEADERS` by the parser's suffixes, or *headers*), and the *samples* cut
    short, with bytes changed or spliced in, so the fuzzing gets past the header into
    the parser's own code. Every article must pass the checks of :func:`check_parser`.
    *max_examples* defaults to the loaded Hypothesis profile's.

    .. versionchanged:: 0.2
       Header-plus-noise and mutated-sample inputs; only ``ParseError`` is accepted;
       *max_examples* defaults to the loaded Hypothesis profile's (it was 200).
    """
    if headers is None:
        headers = [head for suffix in parser.suffixes for head in HEADERS.get(suffix, ())]
    encoded = [s.encode("utf-8") if isinstance(s, str) else bytes(s) for s in samples]

    @_profile_settings(max_examples)
    @given(parser_inputs(headers=tuple(headers), samples=tuple(encoded)))
    def run(data: bytes) -> None:
        suffix = parser.suffixes[0] if parser.suffixes else ""
        source = Source.from_input(data, name=f"fuzz{suffix}", **source_options)
        try:
            items = _parse_all(parser, source)
        except ParseError:
            return
        except GeotextError as exc:
            raise AssertionError(
                f"{parser.name}: raised {type(exc).__name__} ({exc}); bad input is a ParseError"
            ) from exc
        _check_items(parser, source, items, parser.name)

    run()


def check_tagger(
    tag: Callable[..., Sequence[Entity] | None], articles: Iterable[Article], config: dict[str, Any] | None = None
) -> list[list[Entity]]:
    """Check a ``geotext_tag_entities`` implementation on *articles*.

    Every mention must lie inside the text and equal the text at its offsets, ids
    must be unique, and tagging twice must give equal entities.
    """
    results = []
    for article in articles:
        first = list(tag(article=article, config=config or {}) or ())
        second = list(tag(article=article, config=config or {}) or ())
        assert first == second, f"tagging {article.id} twice gave different entities"
        ids = [entity.id for entity in first]
        assert len(ids) == len(set(ids)), f"{article.id}: duplicate entity ids {ids}"
        Analysis(article=article, entities=first)  # validates every offset against the text
        results.append(first)
    return results


# -- exporters: outputs parsed back ----------------------------------------------------------

Validator = Callable[[bytes, Sequence[Analysis]], None]


def validate_json(data: bytes, results: Sequence[Analysis]) -> None:
    """The output is one JSON document (or empty, for no results)."""
    if not results and not data.strip():
        return
    try:
        json.loads(data.decode("utf-8-sig"))
    except ValueError as exc:
        raise AssertionError(f"not valid JSON: {exc}") from None


def validate_geojson(data: bytes, results: Sequence[Analysis]) -> None:
    """The output is a GeoJSON object with a ``type``, features with geometries."""
    validate_json(data, results)
    if not data.strip():
        return
    document = json.loads(data.decode("utf-8-sig"))
    assert isinstance(document, dict) and "type" in document, "GeoJSON needs an object with a 'type'"
    for feature in document.get("features", []):
        assert feature.get("type") == "Feature", f"not a Feature: {str(feature)[:80]}"
        assert "geometry" in feature and "properties" in feature, "a Feature needs geometry and properties"


def validate_jsonl(data: bytes, results: Sequence[Analysis]) -> None:
    """Every line is one JSON value; nothing but newlines separates them."""
    text = data.decode("utf-8")
    assert not text or text.endswith("\n"), "JSON Lines output ends with a newline"
    # only "\n" ends a line: U+2028, U+0085 and friends are valid inside JSON strings
    for number, line in enumerate(text.split("\n")[:-1] if text else [], 1):
        try:
            json.loads(line)
        except ValueError as exc:
            raise AssertionError(f"line {number} is not JSON: {exc}") from None


def _validate_delimited(data: bytes, delimiter: str) -> None:
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    if not rows:
        return
    width = len(rows[0])
    for number, row in enumerate(rows[1:], 2):
        assert len(row) == width, f"row {number} has {len(row)} fields, the header {width}"


def validate_csv(data: bytes, results: Sequence[Analysis]) -> None:
    """The output reads back as CSV with the same number of fields on every row."""
    try:
        _validate_delimited(data, ",")
    except csv.Error as exc:
        raise AssertionError(f"not valid CSV: {exc}") from None


def validate_tsv(data: bytes, results: Sequence[Analysis]) -> None:
    """Tab-separated values: the same number of fields on every line, no stray line breaks."""
    lines = data.decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        return
    width = lines[0].count("\t")
    for number, line in enumerate(lines[1:], 2):
        assert line.count("\t") == width, f"line {number} has {line.count(chr(9)) + 1} fields, the header {width + 1}"


def validate_xml(data: bytes, results: Sequence[Analysis]) -> None:
    """The output is well-formed XML (parsed back with the standard library)."""
    from xml.etree import ElementTree

    try:
        ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise AssertionError(f"not well-formed XML: {exc}") from None


def validate_markdown(data: bytes, results: Sequence[Analysis]) -> None:
    """Every Markdown table keeps its shape: each row has as many cells as its header."""
    import re

    rows: list[str] = []
    # CommonMark ends lines at \n, \r and \r\n only
    for line in [*re.split(r"\r\n|\r|\n", data.decode("utf-8")), ""]:
        if line.startswith("|"):
            rows.append(line)
            continue
        if rows:
            width = _cells(rows[0])
            for row in rows[1:]:
                assert _cells(row) == width, f"table row has {_cells(row)} cells, its header {width}: {row[:80]!r}"
            rows = []


def _cells(row: str) -> int:
    count, escaped, in_code = 0, False, False
    for char in row.strip():
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "`":
            in_code = not in_code
        elif char == "|":
            count += 1
    return count - 1


def validate_sqlite(output: bytes, results: Sequence[Analysis]) -> None:
    """An SQLite database file: it opens, passes its integrity and foreign key checks."""
    import sqlite3

    assert output.startswith(b"SQLite format 3\x00"), f"not an SQLite database: {output[:16]!r}"
    copy = None
    if sys.version_info >= (3, 11):
        connection = sqlite3.connect(":memory:")
        connection.deserialize(output)
    else:  # no Connection.deserialize before Python 3.11: open a copy on disk
        import tempfile

        with tempfile.NamedTemporaryFile(suffix=".db", delete=False) as file:
            file.write(output)
        copy = file.name
        connection = sqlite3.connect(copy)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",), "integrity check failed"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == [], "foreign keys point nowhere"
    finally:
        connection.close()
        if copy is not None:
            os.unlink(copy)


def validate_html(output: bytes, results: Sequence[Analysis]) -> None:
    """An HTML document: a doctype and one ``html`` element, no tag left open at its end."""
    from html.parser import HTMLParser

    text = output.decode("utf-8")
    assert text.lstrip().lower().startswith("<!doctype html"), "no HTML doctype"
    void = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "path",
        "rect",
        "circle",
    }
    stack: list[str] = []
    roots: list[str] = []

    class Checker(HTMLParser):
        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if not stack:
                roots.append(tag)
            if tag not in void:
                stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            if tag in stack:
                while stack.pop() != tag:
                    pass

    checker = Checker()
    checker.feed(text)
    checker.close()
    assert roots == ["html"], f"the document's top-level elements are {roots}"
    assert not stack, f"elements left open: {stack}"


#: Validators by media type, used by :func:`check_exporter` when none is given.
VALIDATORS: dict[str, Validator] = {
    "application/json": validate_json,
    "application/geo+json": validate_geojson,
    "application/jsonl": validate_jsonl,
    "application/x-ndjson": validate_jsonl,
    "application/jsonlines": validate_jsonl,
    "text/csv": validate_csv,
    "text/tab-separated-values": validate_tsv,
    "application/xml": validate_xml,
    "text/xml": validate_xml,
    "text/markdown": validate_markdown,
    "application/vnd.sqlite3": validate_sqlite,
    "text/html": validate_html,
}


def validator_for(media_type: str | None) -> Validator | None:
    """The validator of a media type (``+xml`` and ``+json`` suffixes included), or ``None``."""
    if not media_type:
        return None
    media = media_type.split(";")[0].strip().lower()
    if media in VALIDATORS:
        return VALIDATORS[media]
    if media.endswith("+xml"):
        return validate_xml
    if media.endswith("+json"):
        return validate_json
    return None


def check_exporter(
    exporter: Exporter, results: Sequence[Analysis], *, text: bool = True, validate: Validator | bool | None = None
) -> bytes:
    """Check an exporter: it writes, twice identically, and its output parses back.

    *validate* is a callable ``(output, results)`` that raises ``AssertionError`` on
    output that does not parse back; by default the one of the exporter's
    :attr:`~geotext.Exporter.media_type` (:data:`VALIDATORS`: JSON, GeoJSON, JSON Lines,
    CSV, TSV, XML and ``+xml`` types, Markdown tables). ``False`` skips it. Text formats
    must be valid UTF-8. Returns the bytes written, for format-specific checks.

    .. versionchanged:: 0.2
       The output is parsed back by a validator.
    """
    assert isinstance(getattr(exporter, "name", None), str) and exporter.name, "an exporter needs a name"
    first, second = io.BytesIO(), io.BytesIO()
    count = exporter.write(list(results), first)
    exporter.write(list(results), second)
    assert first.getvalue() == second.getvalue(), f"{exporter.name}: output differs between two runs"
    assert count == len(results), f"{exporter.name}: wrote {count} of {len(results)} results"
    if text:
        first.getvalue().decode("utf-8")
    validator = validator_for(exporter.media_type) if validate is None or validate is True else validate
    if validate is True and validator is None:
        raise AssertionError(f"{exporter.name}: no validator for media type {exporter.media_type!r}")
    if validator:
        try:
            validator(first.getvalue(), list(results))
        except AssertionError as exc:
            raise AssertionError(f"{exporter.name}: output does not parse back: {exc}") from None
    return first.getvalue()


def exporter_survives_any_text(
    exporter: Exporter, max_examples: int | None = None, *, text: bool = True, validate: Validator | bool | None = None
) -> None:
    """Property: any valid analysis (any Unicode) is written, and the output parses back.

    *text* and *validate* as for :func:`check_exporter`: pass ``text=False`` for a binary
    format (such as an SQLite database), whose output is then not checked to be UTF-8.
    *max_examples* defaults to the loaded Hypothesis profile's.

    .. versionchanged:: 0.2
       *max_examples* defaults to the loaded Hypothesis profile's (it was 100).
    """

    @_profile_settings(max_examples)
    @given(analyses())
    def run(analysis: Analysis) -> None:
        check_exporter(exporter, [analysis], text=text, validate=validate)

    run()


# -- taggers beside the first-party gazetteer ----------------------------------------------------

#: The entity id namespaces of the data model (docs: "Entity ids"), as regular expressions.
ENTITY_ID_PATTERNS: dict[str, str] = {
    "iso": r"iso:[A-Z]{3}",
    "geonames": r"geonames:[0-9]+",
    "igo": r"igo:[A-Z0-9][A-Za-z0-9&.-]*",
    "org": r"org:[a-z0-9]+(-[a-z0-9]+)*",
    "person": r"person:[a-z0-9]+(-[a-z0-9]+)*",
    "office": r"office:[A-Z]{3}:[a-z0-9]+(-[a-z0-9]+)*",
    "place": r"place:[a-z0-9]+(-[a-z0-9]+)*",
    "iso3166-2": r"iso3166-2:[A-Z]{2}-[A-Z0-9]{1,3}",
    "admin1": r"admin1:[A-Z]{2}\.[A-Z0-9]+",
    "fips": r"fips:[0-9]{5}",
    "initiative": r"initiative:[a-z0-9]+(-[a-z0-9]+)*",
    "group": r"group:[a-z0-9]+(-[a-z0-9]+)*",
    "agent": r"agent:[a-z0-9]+(-[a-z0-9]+)*",
}


def check_entity_ids(entities: Iterable[Entity], *, extra: Iterable[str] = ()) -> None:
    """Every entity id matches a documented namespace (:data:`ENTITY_ID_PATTERNS`) or one
    of the regular expressions *extra* (a plugin's own namespace, such as ``acme:[0-9]+``).
    """
    import re

    patterns = [re.compile(p) for p in [*ENTITY_ID_PATTERNS.values(), *extra]]
    for entity in entities:
        assert any(p.fullmatch(entity.id) for p in patterns), (
            f"entity id {entity.id!r} matches no documented namespace "
            f"({', '.join(sorted(ENTITY_ID_PATTERNS))}) nor the plugin's own"
        )


def analyze_with_gazetteer(
    plugin: object, texts: Iterable[str | Article], *, name: str = "plugin", config: dict[str, Any] | None = None
) -> list[Analysis]:
    """Analyse *texts* with *plugin* (a hooks module or object) beside the first-party gazetteer.

    Shows what users get when both are installed: the entities merged by the rules of
    the data model (same id → one entity, overlapping mentions → the longer wins). Only
    the gazetteer and *plugin* are loaded, registered in process, so the result does not
    depend on what else is installed. Skips the test when ``geotext-gazetteer`` is not
    installed. The plugin's contributions are checked like :func:`check_tagger`'s.
    """
    import pytest

    hooks = pytest.importorskip("geotext_gazetteer.hooks", reason="needs geotext-gazetteer installed")
    from ._pipeline import Pipeline
    from ._plugins import PluginSet

    plugin_set = PluginSet(discover=False, strict=True)
    plugin_set.register(hooks, "gazetteer", distribution="geotext-gazetteer")
    plugin_set.register(plugin, name)
    pipeline = Pipeline(plugins=plugin_set, config=config)
    results = []
    for item in texts:
        article = item if isinstance(item, Article) else Article(text=item)
        results.append(pipeline.analyze_article(article))
    return results


# -- the command line, in process ------------------------------------------------------------------


def run_cli(
    args: Sequence[str],
    *,
    input: str | bytes | None = None,  # noqa: A002 - click's name
    env: dict[str, str] | None = None,
) -> Any:
    """Run ``geotext ARGS`` in this process, like click's ``CliRunner``; return its result.

    The result has ``exit_code``, ``stdout``, ``stderr``, ``output`` and ``exception``.
    Plugin subcommands (:func:`~geotext.hookspecs.geotext_register_commands`) are
    added first. With *env* (``GEOTEXT_LOAD_PLUGINS`` and friends) the plugins are
    loaded afresh for the run, and forgotten after it.

    >>> from geotext.testing import run_cli
    >>> run_cli(["--version"]).exit_code
    0
    """
    from click.testing import CliRunner

    from .cli import _add_plugin_commands, cli

    runner = CliRunner()
    if env:
        reset_plugins()
    try:
        with runner.isolation(env=env):
            _add_plugin_commands()
        return runner.invoke(cli, list(args), input=input, env=env, prog_name="geotext")
    finally:
        if env:
            reset_plugins()


__all__ += [
    "ENTITY_ID_PATTERNS",
    "HEADERS",
    "VALIDATORS",
    "analyze_with_gazetteer",
    "check_entity_ids",
    "exporter_survives_any_text",
    "parser_inputs",
    "run_cli",
    "validate_csv",
    "validate_geojson",
    "validate_html",
    "validate_json",
    "validate_jsonl",
    "validate_markdown",
    "validate_sqlite",
    "validate_tsv",
    "validate_xml",
    "validator_for",
]
