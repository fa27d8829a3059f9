"""Misuse of the public API: each wrong call raises a GeotextError subclass that names the
argument, or is accepted because it means what it says. The table is the specification."""

from __future__ import annotations

import pytest

import geotext
from geotext import (
    Analysis,
    Article,
    Claim,
    ConfigError,
    Coordinates,
    Entity,
    Evidence,
    ExportError,
    GeotextError,
    Mention,
    Pipeline,
    Span,
    ValidationError,
)

EVIDENCE = Evidence(start=0, end=5, sentence_start=0, sentence_end=5)


def article(**fields):
    return Article(text="China and Mongolia", **fields)


def china(**fields):
    return Entity(id="iso:CHN", kind="state", name="China", **fields)


def deep(depth=1200):
    value: object = 1
    for _ in range(depth):
        value = {"a": value}
    return value


# (call, error, words the message must hold)
REFUSED = {
    "analyze_many of one text": (lambda: list(geotext.analyze_many("China", plugins=[])), ConfigError, "sources"),
    "analyze_many of bytes": (lambda: list(geotext.analyze_many(b"China", plugins=[])), ConfigError, "sources"),
    "analyze_many of None": (lambda: geotext.analyze_many(None, plugins=[]), ConfigError, "sources"),
    "analyze_many on_error unknown": (
        lambda: geotext.analyze_many([], on_error="bogus", plugins=[]),
        ConfigError,
        "on_error",
    ),
    "Article authors as one string": (lambda: article(authors="John Smith"), ValidationError, "Article.authors"),
    "Article paragraphs not a list": (lambda: article(paragraphs=5), ValidationError, "Article.paragraphs"),
    "Article metadata not a mapping": (lambda: article(metadata=[1]), ValidationError, "Article.metadata"),
    "Article metadata nested too deep": (lambda: article(metadata={"x": deep()}), ValidationError, "Article.metadata"),
    "Article provenance as a dict": (
        lambda: article(provenance={"source": "x"}),
        ValidationError,
        "Article.provenance",
    ),
    "Article.from_paragraphs of one string": (
        lambda: Article.from_paragraphs("China is big"),
        ValidationError,
        "paragraphs",
    ),
    "Article.from_paragraphs of numbers": (lambda: Article.from_paragraphs([1]), ValidationError, "paragraphs"),
    "Entity coordinates as a tuple": (lambda: china(coordinates=(1, 2)), ValidationError, "Entity.coordinates"),
    "Entity ids not a mapping": (lambda: china(ids="x"), ValidationError, "Entity.ids"),
    "Entity attributes not a mapping": (lambda: china(attributes=[1]), ValidationError, "Entity.attributes"),
    "Entity mentions as one Mention": (
        lambda: china(mentions=Mention(start=0, end=5, text="China")),
        ValidationError,
        "Entity.mentions",
    ),
    "Coordinates latitude not a number": (lambda: Coordinates(lat="abc", lon=0), ValidationError, "Coordinates.lat"),
    "Coordinates longitude None": (lambda: Coordinates(lat=0, lon=None), ValidationError, "Coordinates.lon"),
    "Coordinates latitude a bool": (lambda: Coordinates(lat=True, lon=0), ValidationError, "Coordinates.lat"),
    "Claim evidence as one Evidence": (
        lambda: Claim(producer="x", evidence=EVIDENCE),
        ValidationError,
        "Claim.evidence",
    ),
    "Claim evidence None": (lambda: Claim(producer="x", evidence=None), ValidationError, "Claim.evidence"),
    "Claim quad_class a bool": (
        lambda: Claim(producer="x", evidence=[EVIDENCE], quad_class=True),
        ValidationError,
        "quad_class",
    ),
    "Analysis of a string": (lambda: Analysis(article="China"), ValidationError, "Analysis.article"),
    "Analysis entities as one Entity": (
        lambda: Analysis(article=article(), entities=china()),
        ValidationError,
        "Analysis.entities",
    ),
    "claims_by with an unknown role": (
        lambda: Analysis(article=article()).claims_by("iso:CHN", role="boss"),
        ValidationError,
        "role",
    ),
    "export of a string": (lambda: geotext.export("China", "json", plugins=[]), ConfigError, "results"),
    "export of non-analyses": (lambda: geotext.export([1], "json"), ValidationError, "results[0]"),
    "export format None": (lambda: geotext.export([], None, plugins=[]), ConfigError, "format"),
    "export to a number": (lambda: geotext.export([], "json", to=123, plugins=[]), ExportError, "to="),
    "analyze parser not a string": (lambda: geotext.analyze("China", parser=5), ConfigError, "parser"),
    "analyze media_type not a string": (lambda: geotext.analyze("China", media_type=5), ConfigError, "media_type"),
    "analyze parser_options not a mapping": (
        lambda: geotext.analyze("China", parser_options=5),
        ConfigError,
        "parser_options",
    ),
    "analyze config not settings": (lambda: geotext.analyze("China", config=5), ConfigError, "config"),
    "analyze plugins as one string": (lambda: geotext.analyze("China", plugins="text"), ConfigError, "plugins"),
    "Pipeline max_bytes not a number": (lambda: Pipeline(plugins=[], max_bytes="x"), ConfigError, "max_bytes"),
    "Pipeline max_bytes negative": (lambda: Pipeline(plugins=[], max_bytes=-1), ConfigError, "max_bytes"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_misuse_is_refused_with_an_error_naming_the_argument(case):
    call, error, words = REFUSED[case]
    with pytest.raises(error) as info:
        call()
    assert isinstance(info.value, GeotextError)
    assert words in str(info.value)


# accepted because they mean what they say: None for "none", a numeric string for a number
ACCEPTED = {
    "Article authors None": (lambda: article(authors=None).authors, ()),
    "Entity ids None": (lambda: china(ids=None).ids, {}),
    "Entity mentions None": (lambda: china(mentions=None).mentions, ()),
    "Analysis entities None": (lambda: Analysis(article=article(), entities=None).entities, ()),
    "Coordinates from numeric strings": (lambda: Coordinates(lat="45.5", lon="-3").lat, 45.5),
    "Span from a generator of paragraphs": (
        lambda: article(paragraphs=(Span(start=0, end=5) for _ in [1])).paragraphs,
        (Span(start=0, end=5),),
    ),
}


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_calls_that_mean_what_they_say_are_accepted(case):
    call, expected = ACCEPTED[case]
    assert call() == expected
