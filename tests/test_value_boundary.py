"""Values are checked once, where they enter: public constructors, from_dict, and the
pipeline on each plugin's results; the core's trusted constructor builds the rest."""

import copy
import json
import pickle

import attrs
import pytest
from hypothesis import given

import geotext
from geotext import (
    Analysis,
    Article,
    Claim,
    Entity,
    EventLocation,
    Evidence,
    Mention,
    Pipeline,
    PluginError,
    PluginSet,
    Span,
    ValidationError,
    hookimpl,
)
from geotext.testing import analyses

TEXT = "China urges Mongolia to join the SCO."
EVIDENCE = Evidence(start=0, end=37, sentence_start=0, sentence_end=37)


def _fields(value):
    return {field.name: getattr(value, field.name) for field in attrs.fields(type(value)) if field.init}


@given(analyses())
def test_trusted_equals_public(analysis):
    for value in (analysis.article, *analysis.entities, *analysis.claims):
        assert type(value)._trusted(**_fields(value)) == value
        for mention in getattr(value, "mentions", ()):
            assert Mention._trusted(**_fields(mention)) == mention
    rebuilt = Analysis._trusted(
        article=analysis.article, entities=analysis.entities, claims=analysis.claims, versions=analysis.versions
    )
    assert rebuilt == analysis
    for entity in analysis.entities:
        assert rebuilt.entity(entity.id) is entity


def test_trusted_skips_the_checks_and_derives_ids():
    # the caller vouches for the fields: nothing is checked
    assert Mention._trusted(start=5, end=1, text="", form="name").end == 1
    article = Article._trusted(text=TEXT)
    assert article.id == Article(text=TEXT).id
    claim = Claim._trusted(producer="p", evidence=(EVIDENCE,), sources=("iso:CHN",))
    assert claim == Claim(producer="p", evidence=[EVIDENCE], sources=["iso:CHN"])
    with pytest.raises(TypeError):
        Mention._trusted(start=0, end=5, text="China", colour="red")


def test_replace_is_evolve_without_checks():
    claim = Claim(producer="p", evidence=[EVIDENCE], sources=["iso:CHN"], cameo="02")
    assert claim._replace(confidence=0.9) == attrs.evolve(claim, confidence=0.9)
    assert claim._replace(cameo="0311", id=None) == attrs.evolve(claim, cameo="0311", id=None)
    assert claim._replace(cameo="0311", id=None).id != claim.id


def test_mappings_are_read_only_and_behave_as_dicts():
    entity = Entity(id="iso:CHN", kind="state", name="China", ids={"iso2": "CN"}, attributes={"m": [1]})
    for mapping in (entity.ids, entity.attributes, Article(text="x", metadata={"a": 1}).metadata):
        with pytest.raises(TypeError, match="read-only"):
            mapping["new"] = "value"
        for change in ("clear", "popitem"):
            with pytest.raises(TypeError):
                getattr(mapping, change)()
        with pytest.raises(TypeError):
            mapping.update(new=1)
        assert isinstance(mapping, dict)
    assert entity.ids == {"iso2": "CN"} and json.dumps(entity.attributes) == '{"m": [1]}'
    assert repr(entity.ids) == "{'iso2': 'CN'}"
    for copied in (pickle.loads(pickle.dumps(entity)), copy.deepcopy(entity), copy.copy(entity)):
        assert copied == entity
        with pytest.raises(TypeError):
            copied.ids["x"] = "y"
    # a dict passed in is copied: changing it later does not change the value
    given_ids = {"iso2": "CN"}
    made = Entity(id="iso:CHN", kind="state", name="China", ids=given_ids)
    given_ids["iso2"] = "XX"
    assert made.ids == {"iso2": "CN"}
    assert Entity._trusted(id="iso:CHN", kind="state", name="China", ids=given_ids).ids is not given_ids


def test_ids_are_always_strings():
    assert isinstance(Article(text=TEXT).id, str)
    assert isinstance(Claim(producer="p", evidence=[EVIDENCE]).id, str)
    with pytest.raises(ValidationError, match="Article.id"):
        Article(id="", text=TEXT)


@pytest.mark.parametrize(
    "path, value, error",
    [
        (("article", "title"), 5, "Article.title"),
        (("article", "authors"), "John Smith", "Article.authors"),
        (("entities", 0, "mentions", 0, "start"), "0", "Mention.start"),
        (("entities", 0, "name"), 3, "Entity.name"),
        (("entities", 0, "ids"), [], "Entity.ids"),
        (("claims", 0, "confidence"), "0.9", "Claim.confidence"),
        (("claims", 0, "evidence", 0, "end"), 1.5, "Evidence.end"),
    ],
)
def test_from_dict_checks_types_instead_of_coercing(path, value, error):
    data = _analysis().to_dict()
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ValidationError, match=error.replace(".", r"\.")):
        Analysis.from_dict(data)


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d["entities"][0].pop("name"), "Entity: missing keys"),
        (lambda d: d["claims"][0]["evidence"][0].update(colour=1), "Evidence: unknown keys"),
        (lambda d: d["claims"][0].update(location=[1, 2]), "EventLocation: expected a JSON object"),
    ],
)
def test_from_dict_names_the_class_of_a_malformed_object(mutate, message):
    data = _analysis().to_dict()
    mutate(data)
    with pytest.raises(geotext.SchemaError, match=message):
        Analysis.from_dict(data)


def test_serialised_form_is_unchanged_by_a_round_trip():
    data = _analysis().to_dict()
    text = json.dumps(data, ensure_ascii=False)
    assert json.dumps(Analysis.from_dict(json.loads(text)).to_dict(), ensure_ascii=False) == text


def _analysis():
    china = Entity(id="iso:CHN", kind="state", name="China", mentions=[Mention(start=0, end=5, text="China")])
    mongolia = Entity(
        id="iso:MNG", kind="state", name="Mongolia", mentions=[Mention(start=12, end=20, text="Mongolia")]
    )
    claim = Claim(
        producer="p",
        evidence=[EVIDENCE],
        sources=["iso:CHN"],
        targets=["iso:MNG"],
        cameo="02",
        location=EventLocation(entity="iso:MNG", span=Span(start=12, end=20), rule="object"),
    )
    return Analysis(article=Article(text=TEXT), entities=[china, mongolia], claims=[claim])


# -- the pipeline checks each plugin's results once, naming the plugin --------------------


class _Tagger:
    @hookimpl
    def geotext_tag_entities(self, article, config):
        return [Entity(id="iso:CHN", kind="state", name="China", mentions=[Mention(start=0, end=5, text="China")])]


class _Claims:
    def __init__(self, claims):
        self.claims = claims

    @hookimpl
    def geotext_extract_claims(self, article, entities, config):
        return self.claims


def _pipeline(*plugins):
    found = PluginSet(discover=False)
    for name, plugin in plugins:
        found.register(plugin, name)
    return Pipeline(plugins=found)


def test_a_claim_naming_no_entity_is_an_error_naming_its_plugin():
    bad = Claim(producer="rogue", evidence=[EVIDENCE], sources=["iso:FRA"])
    pipeline = _pipeline(("tagger", _Tagger()), ("rogue", _Claims([bad])))
    with pytest.raises(ValidationError, match="not in the analysis") as caught:
        pipeline.analyze(Article(text=TEXT))
    assert caught.value.plugin == "rogue" and caught.value.hook == "geotext_extract_claims"


def test_a_claim_outside_the_text_is_an_error_naming_its_plugin():
    far = Evidence(start=0, end=5, sentence_start=0, sentence_end=500)
    pipeline = _pipeline(("tagger", _Tagger()), ("rogue", _Claims([Claim(producer="x", evidence=[far])])))
    with pytest.raises(ValidationError, match="outside the text") as caught:
        pipeline.analyze(Article(text=TEXT))
    assert caught.value.plugin == "rogue"


@pytest.mark.parametrize("returned", [["not a claim"], "claims", {"a": 1}, 5])
def test_a_hook_returning_no_values_is_a_plugin_error(returned):
    pipeline = _pipeline(("tagger", _Tagger()), ("rogue", _Claims(returned)))
    with pytest.raises(PluginError, match="rogue") as caught:
        pipeline.analyze(Article(text=TEXT))
    assert caught.value.hook == "geotext_extract_claims"


def test_a_chained_hook_must_return_the_same_class():
    class Replacer:
        @hookimpl
        def geotext_analysis_ready(self, analysis, config):
            return analysis.to_dict()

    pipeline = _pipeline(("tagger", _Tagger()), ("replacer", Replacer()))
    with pytest.raises(PluginError, match="must return Analysis") as caught:
        pipeline.analyze(Article(text=TEXT))
    assert caught.value.plugin == "replacer"


def test_the_pipeline_analysis_equals_the_checked_one():
    pipeline = _pipeline(("tagger", _Tagger()))
    result = pipeline.analyze(Article(text=TEXT))
    assert result == Analysis(
        article=result.article, entities=result.entities, claims=result.claims, versions=result.versions
    )
    assert Analysis.from_dict(result.to_dict()) == result
