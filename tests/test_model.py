"""The values: validation, helpers and the to_dict/from_dict round trip."""

import datetime as dt
import json

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import geotext
from geotext import (
    Analysis,
    Article,
    Claim,
    Coordinates,
    Entity,
    Evidence,
    Mention,
    Span,
)
from geotext.testing import analyses, articles, texts

TEXT = "China urges Mongolia to join the SCO. Beijing said so."


def china(*spans, form="name"):
    return Entity(
        id="iso:CHN",
        kind="state",
        name="China",
        mentions=[Mention(start=s, end=e, text=TEXT[s:e], form=form) for s, e in spans],
    )


def claim(**changes):
    values = dict(
        producer="test",
        evidence=[Evidence(start=0, end=37, sentence_start=0, sentence_end=37)],
        sources=["iso:CHN"],
        cameo="02",
        plover="REQUEST",
        modality="requested",
        confidence=0.9,
    )
    values.update(changes)
    return Claim(**values)


@given(analyses())
def test_analysis_round_trip(analysis):
    data = analysis.to_dict()
    assert Analysis.from_dict(json.loads(json.dumps(data))) == analysis
    assert list(data) == ["schema", "article", "entities", "claims", "versions"]


@given(articles())
def test_article_round_trip(article):
    assert Article.from_dict(json.loads(json.dumps(article.to_dict()))) == article


@given(texts(), st.integers(-5, 500), st.integers(-5, 500))
def test_mentions_outside_the_text_are_rejected(text, start, end):
    try:
        mention = Mention(start=start, end=end, text="x" * max(end - start, 1))
    except geotext.ValidationError:
        assert start < 0 or end <= start or end - start != max(end - start, 1)
        return
    entity = Entity(id="x:y", kind="state", name="Y", mentions=[mention])
    if end > len(text) or text[start:end] != mention.text:
        with pytest.raises(geotext.ValidationError):
            Analysis(article=Article(text=text), entities=[entity])
    else:
        Analysis(article=Article(text=text), entities=[entity])


@pytest.mark.parametrize(
    "kwargs, field",
    [
        (dict(start=-1, end=2, text="ab"), "Mention.start"),
        (dict(start=3, end=3, text="x"), "Mention.end"),
        (dict(start=0, end=2, text="abc"), "Mention.text"),
        (dict(start=0, end=1, text="a", form="shout"), "Mention.form"),
    ],
)
def test_mention_errors_name_field_and_value(kwargs, field):
    with pytest.raises(geotext.ValidationError) as caught:
        Mention(**kwargs)
    assert caught.value.field == field
    assert field in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_kinds_must_be_known_or_namespaced():
    Entity(id="acme:1", kind="acme:vessel", name="Vessel")
    with pytest.raises(geotext.ValidationError, match="Entity.kind"):
        Entity(id="acme:1", kind="vessel", name="Vessel")
    with pytest.raises(geotext.ValidationError, match="Entity.id"):
        Entity(id="CHN", kind="state", name="China")


def test_claim_validation():
    with pytest.raises(geotext.ValidationError, match="Claim.confidence"):
        claim(confidence=1.5)
    with pytest.raises(geotext.ValidationError, match="Claim.modality"):
        claim(modality="maybe")
    with pytest.raises(geotext.ValidationError, match="Claim.cameo"):
        claim(cameo="urge")
    with pytest.raises(geotext.ValidationError, match="Claim.evidence"):
        claim(evidence=[])
    with pytest.raises(geotext.ValidationError, match="Evidence.sentence_end"):
        Evidence(start=5, end=10, sentence_start=0, sentence_end=8)


def test_coordinates_in_range():
    Coordinates(lat=47.9, lon=106.9)
    with pytest.raises(geotext.ValidationError, match="Coordinates.lat"):
        Coordinates(lat=91, lon=0)
    with pytest.raises(geotext.ValidationError, match="Coordinates.lon"):
        Coordinates(lat=0, lon=-181)


def test_analysis_checks_actors_and_offsets():
    article = Article(text=TEXT)
    with pytest.raises(geotext.ValidationError, match="names an entity"):
        Analysis(article=article, entities=[], claims=[claim()])
    wrong = Entity(id="iso:CHN", kind="state", name="China", mentions=[Mention(start=1, end=6, text="China")])
    with pytest.raises(geotext.ValidationError, match="differs from the article"):
        Analysis(article=article, entities=[wrong])
    with pytest.raises(geotext.ValidationError, match="unique"):
        Analysis(article=article, entities=[china((0, 5)), china((38, 45), form="capital")])
    with pytest.raises(geotext.ValidationError, match="outside the text"):
        Analysis(
            article=article,
            entities=[china((0, 5))],
            claims=[claim(evidence=[Evidence(start=0, end=5, sentence_start=0, sentence_end=999)])],
        )


def test_paragraphs_must_lie_in_the_text_in_order():
    with pytest.raises(geotext.ValidationError, match="Article.paragraphs"):
        Article(text="abc", paragraphs=[Span(start=0, end=4)])
    with pytest.raises(geotext.ValidationError, match="Article.paragraphs"):
        Article(text="abcdef", paragraphs=[Span(start=3, end=5), Span(start=0, end=2)])


def test_helpers():
    mongolia = Entity(
        id="iso:MNG", kind="state", name="Mongolia", mentions=[Mention(start=12, end=20, text="Mongolia")]
    )
    sco = Entity(
        id="igo:SCO",
        kind="organisation",
        name="Shanghai Cooperation Organization",
        mentions=[Mention(start=33, end=36, text="SCO", form="acronym")],
    )
    analysis = Analysis(
        article=Article(text=TEXT),
        entities=[china((0, 5), (38, 45)), mongolia, sco],
        claims=[claim(targets=["iso:MNG"])],
    )
    assert analysis.entity("iso:MNG") is mongolia
    with pytest.raises(geotext.UnknownEntityError, match="iso:XXX"):
        analysis.entity("iso:XXX")
    with pytest.raises(KeyError):
        analysis.entity("iso:XXX")
    assert [e.id for e in analysis.entities_of_kind("state")] == ["iso:CHN", "iso:MNG"]
    assert [m.text for m, _ in analysis.mentions()] == ["China", "Mongolia", "SCO", "Beijing"]
    assert len(analysis.claims_by("iso:MNG", role="target")) == 1
    assert analysis.claims_by("iso:MNG", role="source") == []
    assert analysis.evidence_text(analysis.claims[0]) == TEXT[:37]


def test_ids_are_stable_and_derived():
    assert Article(text=TEXT).id == Article(text=TEXT).id != Article(text=TEXT + " ").id
    assert claim().id == claim().id != claim(targets=["iso:CHN"], sources=[]).id
    # two claims of one sentence alike in all else ("X plans to go, according to Y") differ by their cue
    assert claim(cue_span=Span(start=2, end=7)).id != claim(cue_span=Span(start=20, end=32)).id
    assert Article(text=TEXT, id="given").id == "given"


def test_published_accepts_iso_strings_and_dates():
    assert Article(text="x", published="2024-07-04T10:00:00Z").published.tzinfo is not None
    assert Article(text="x", published=dt.date(2024, 7, 4)).published == dt.datetime(2024, 7, 4)
    with pytest.raises(geotext.ValidationError, match="Article.published"):
        Article(text="x", published="yesterday")


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d.pop("schema"), "'schema' key is missing"),
        (lambda d: d.update(schema="geotext/3"), "unsupported schema"),
        (lambda d: d.update(extra=1), "unknown keys"),
        (lambda d: d["entities"][0].update(kind=5), "Entity"),
        (lambda d: d["entities"][0]["mentions"][0].update(end=2), "Mention"),
        (lambda d: d.update(entities={}), "expected a JSON array"),
    ],
)
def test_from_dict_errors_are_schema_or_validation_errors(mutate, message):
    data = Analysis(article=Article(text=TEXT), entities=[china((0, 5))]).to_dict()
    mutate(data)
    with pytest.raises(geotext.GeotextError, match=message):
        Analysis.from_dict(data)


def test_values_are_frozen():
    article = Article(text=TEXT)
    with pytest.raises(AttributeError):
        article.text = "other"  # type: ignore[misc]


@given(analyses())
def test_with_mentions_equals_evolve(analysis):
    # with_mentions skips the checks of the fields it copies; it must still copy them all
    for entity in analysis.entities:
        reversed_mentions = list(reversed(entity.mentions))
        copy = entity.with_mentions(reversed_mentions)
        assert copy == attrs.evolve(entity, mentions=reversed_mentions)
        # the mappings are read-only: the copy shares them
        assert copy.ids is entity.ids and copy.attributes is entity.attributes
        for field in attrs.fields(Entity):
            assert getattr(copy, field.name) == getattr(entity, field.name)


def test_with_mentions_checks_the_mentions():
    bare = Entity(id="iso:CHN", kind="state", name="China")
    with pytest.raises(geotext.ValidationError):
        bare.with_mentions(["not a mention"])
    two = [Mention(start=6, end=11, text="China"), Mention(start=0, end=5, text="China")]
    assert [m.start for m in bare.with_mentions(two).mentions] == [0, 6]
