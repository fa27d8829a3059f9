"""Tools for testing geotext plugins: hypothesis strategies and conformance checks.

A plugin's own test suite uses these to show that it keeps geotext's contracts::

    from geotext.testing import check_parser, check_exporter, check_tagger

    def test_my_parser_conforms():
        check_parser(MyParser(), samples=[b"Headline\\n\\nBody."])

The strategies need ``hypothesis`` (``pip install geotext-core[testing]``).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from hypothesis import HealthCheck, given, settings
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
    "reset_plugins",
    "sample_analyses",
    "articles",
    "check_exporter",
    "check_parser",
    "check_parser_on_bytes",
    "check_tagger",
    "claims_for",
    "entities_for",
    "event_dates",
    "event_locations",
    "texts",
]

_json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20),
)


def texts(min_size: int = 1, max_size: int = 400) -> st.SearchStrategy[str]:
    """Any unicode text (surrogates excluded: they cannot be encoded as UTF-8)."""
    return st.text(st.characters(exclude_categories=("Cs",)), min_size=min_size, max_size=max_size)


@st.composite
def _spans_in(draw: Any, text: str, max_count: int = 5) -> list[Span]:
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=max_count * 2)))
    spans = [Span(start=cuts[i], end=cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    return spans


@st.composite
def articles(draw: Any, text: st.SearchStrategy[str] | None = None) -> Article:
    """Valid articles: paragraphs, metadata and provenance drawn at random."""
    body = draw(text if text is not None else texts())
    return Article(
        text=body,
        id=draw(st.one_of(st.none(), st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30))),
        title=draw(st.one_of(st.none(), st.just(body[: body.find("\n")] if "\n" in body else body))) or None,
        paragraphs=draw(_spans_in(body)),
        url=draw(st.one_of(st.none(), st.just("https://example.org/a"))),
        source=draw(st.one_of(st.none(), texts(max_size=20))),
        published=draw(st.one_of(st.none(), st.datetimes(timezones=st.one_of(st.none(), st.timezones())))),
        language=draw(st.sampled_from([None, "en", "fr"])),
        authors=draw(st.lists(texts(max_size=20), max_size=3)),
        metadata=draw(st.dictionaries(st.text(max_size=10), _json_scalars, max_size=3)),
        provenance=draw(st.one_of(st.none(), st.builds(
            Provenance, source=st.just("x.txt"), record=st.one_of(st.none(), st.integers(0, 100)),
            parser=st.just("text"), encoding=st.sampled_from([None, "utf-8"]),
        ))),
    )


_slug = st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12)


@st.composite
def entities_for(draw: Any, text: str, max_entities: int = 6) -> list[Entity]:
    """Valid entities whose mentions point into *text*."""
    found: dict[str, Entity] = {}
    for _ in range(draw(st.integers(0, max_entities))):
        mentions = []
        if text:
            for _ in range(draw(st.integers(0, 3))):
                start = draw(st.integers(0, len(text) - 1))
                end = draw(st.integers(start + 1, len(text)))
                mentions.append(Mention(start=start, end=end, text=text[start:end],
                                        form=draw(st.sampled_from(sorted(MENTION_FORMS)))))
        entity_id = draw(st.sampled_from(["iso", "geonames", "igo", "person", "x"])) + ":" + draw(_slug)
        found[entity_id] = Entity(
            id=entity_id,
            kind=draw(st.sampled_from(sorted(ENTITY_KINDS))),
            name=draw(texts(max_size=30)),
            ids=draw(st.dictionaries(st.sampled_from(["iso2", "iso3", "geonames", "wikidata"]),
                                     st.text(max_size=10), max_size=2)),
            coordinates=draw(st.one_of(st.none(), st.builds(
                Coordinates, lat=st.floats(-90, 90), lon=st.floats(-180, 180)))),
            country=draw(st.sampled_from([None, "CHN", "MNG", "RUS"])),
            office=draw(st.one_of(st.none(), texts(max_size=20))),
            attributes=draw(st.dictionaries(st.text(max_size=10), _json_scalars, max_size=2)),
            mentions=mentions,
        )
    return list(found.values())


@st.composite
def event_locations(draw: Any, text: str, entity_ids: Sequence[str]) -> EventLocation:
    """Valid claim locations: a span of *text* and an id among *entity_ids*, or None."""
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    entity = draw(st.one_of(st.none(), st.sampled_from(list(entity_ids)))) if entity_ids else None
    return EventLocation(entity=entity, span=Span(start=start, end=end), rule=draw(st.sampled_from(sorted(LOCATION_RULES))))


@st.composite
def event_dates(draw: Any, text: str) -> EventDate:
    """Valid claim dates: a span of *text*, any date, precision and rule."""
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return EventDate(date=draw(st.dates()), precision=draw(st.sampled_from(sorted(DATE_PRECISIONS))),
                     span=Span(start=start, end=end), rule=draw(st.sampled_from(sorted(DATE_RULES))))


@st.composite
def claims_for(draw: Any, text: str, entity_ids: Sequence[str], max_claims: int = 4) -> list[Claim]:
    """Valid claims with evidence inside *text* and actors among *entity_ids*."""
    if not text:
        return []
    found = []
    for _ in range(draw(st.integers(0, max_claims))):
        sentence_start = draw(st.integers(0, len(text) - 1))
        sentence_end = draw(st.integers(sentence_start + 1, len(text)))
        start = draw(st.integers(sentence_start, sentence_end - 1))
        end = draw(st.integers(start + 1, sentence_end))
        actors = st.lists(st.sampled_from(list(entity_ids)), unique=True, max_size=2) if entity_ids else st.just([])
        found.append(Claim(
            producer=draw(st.sampled_from(["claims", "other"])),
            evidence=[Evidence(start=start, end=end, sentence_start=sentence_start, sentence_end=sentence_end)],
            speaker=draw(st.one_of(st.none(), st.sampled_from(list(entity_ids)))) if entity_ids else None,
            cue=draw(st.one_of(st.none(), texts(max_size=12))),
            cue_span=draw(st.one_of(st.none(), st.just(Span(start=start, end=end)))),
            content=draw(st.one_of(st.none(), st.just(Span(start=start, end=end)))),
            sources=draw(actors),
            targets=draw(actors),
            predicate=draw(st.sampled_from([None, "member_of", "observer_of"])),
            cameo=draw(st.sampled_from([None, "02", "036", "0311", "174K"])),
            plover=draw(st.sampled_from([None, "DEMAND", "COOPERATE", "AGREE"])),
            quad_class=draw(st.sampled_from([None, 1, 2, 3, 4])),
            modality=draw(st.sampled_from(sorted(MODALITIES))),
            tense=draw(st.sampled_from([None, "past", "future"])),
            reported_date=draw(st.one_of(st.none(), st.dates())),
            confidence=draw(st.floats(0, 1)),
            location=draw(st.one_of(st.none(), event_locations(text, entity_ids))),
            event_date=draw(st.one_of(st.none(), event_dates(text))),
        ))
    unique = {claim.id: claim for claim in found}
    return list(unique.values())


@st.composite
def analyses(draw: Any, text: st.SearchStrategy[str] | None = None) -> Analysis:
    """Valid analyses: an article with entities and claims that fit its text."""
    article = draw(articles(text=text))
    entities = draw(entities_for(article.text))
    claims = draw(claims_for(article.text, [e.id for e in entities]))
    return Analysis(article=article, entities=entities, claims=claims,
                    versions=draw(st.dictionaries(st.sampled_from(["geotext-core", "x"]), st.just("1.0"))))


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


def check_parser(parser: Parser, samples: Iterable[bytes | str], **source_options: Any) -> list[Article]:
    """Check a parser on sample inputs: valid articles, stable results, errors of geotext's kind.

    Each sample is parsed twice; both runs must give equal articles. Returns the
    articles of every sample, for further checks.
    """
    assert isinstance(getattr(parser, "name", None), str) and parser.name, "a parser needs a name"
    found: list[Article] = []
    for index, sample in enumerate(samples):
        source = Source.from_input(sample, name=f"sample-{index}", **source_options)
        try:
            first = _parse_all(parser, source)
            second = _parse_all(parser, source)
        except GeotextError:
            continue
        except Exception as exc:  # pragma: no cover - reported as a failed check
            raise AssertionError(f"{parser.name}: sample {index} raised {type(exc).__name__}: {exc}") from exc
        assert [_comparable(a) for a in first] == [_comparable(a) for a in second], (
            f"{parser.name}: sample {index} parsed differently twice"
        )
        for item in first:
            if isinstance(item, Article):
                _check_article(item, f"{parser.name} sample {index}")
                found.append(item)
    return found


def _comparable(item: Article | ParseError) -> Any:
    return item if isinstance(item, Article) else (type(item), str(item))


def check_parser_on_bytes(parser: Parser, max_examples: int = 200, **source_options: Any) -> None:
    """Property: on any bytes the parser yields valid articles or raises only GeotextError."""

    @settings(max_examples=max_examples, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.binary(max_size=2048))
    def run(data: bytes) -> None:
        source = Source.from_input(data, name="<fuzz>", **source_options)
        try:
            for item in parser.parse(source):
                if isinstance(item, Article):
                    _check_article(item, parser.name)
                else:
                    assert isinstance(item, ParseError), f"{parser.name}: yielded {type(item).__name__}"
        except GeotextError:
            pass

    run()


def check_tagger(tag: Callable[..., Sequence[Entity] | None], articles: Iterable[Article],
                 config: dict[str, Any] | None = None) -> list[list[Entity]]:
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


def check_exporter(exporter: Exporter, results: Sequence[Analysis], *, text: bool = True) -> bytes:
    """Check an exporter: it writes, twice identically, and (for text formats) valid UTF-8.

    Returns the bytes written, for format-specific checks.
    """
    assert isinstance(getattr(exporter, "name", None), str) and exporter.name, "an exporter needs a name"
    first, second = io.BytesIO(), io.BytesIO()
    count = exporter.write(list(results), first)
    exporter.write(list(results), second)
    assert first.getvalue() == second.getvalue(), f"{exporter.name}: output differs between two runs"
    assert count == len(results), f"{exporter.name}: wrote {count} of {len(results)} results"
    if text:
        first.getvalue().decode("utf-8")
    return first.getvalue()


def exporter_survives_any_text(exporter: Exporter, max_examples: int = 100, *, text: bool = True) -> None:
    """Property: any valid analysis (any unicode) is written without error.

    Pass ``text=False`` for a binary format (such as an SQLite database): the output is
    then not checked to be UTF-8.

    .. versionchanged:: 0.1
       The *text* option.
    """

    @settings(max_examples=max_examples, deadline=None, suppress_health_check=list(HealthCheck))
    @given(analyses())
    def run(analysis: Analysis) -> None:
        check_exporter(exporter, [analysis], text=text)

    run()


__all__.append("exporter_survives_any_text")
