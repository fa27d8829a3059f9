"""The JSON Schema of ``Analysis.to_dict()`` output, kept in step with the attrs types.

The schema is checked three ways: every serialized analysis validates against it
(hypothesis and hand-made examples), it rejects what ``from_dict`` rejects in a few
typical mistakes, and its properties name exactly the fields of the types, so a field
added to a type without the schema (or the reverse) fails here.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import geotext
from geotext import _model
from geotext.testing import analyses

jsonschema = pytest.importorskip("jsonschema")

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# $defs entry of each attrs type in the schema
TYPES = {
    "Span": geotext.Span,
    "Provenance": geotext.Provenance,
    "Article": geotext.Article,
    "Coordinates": geotext.Coordinates,
    "Mention": geotext.Mention,
    "Entity": geotext.Entity,
    "Evidence": geotext.Evidence,
    "Claim": geotext.Claim,
}


@pytest.fixture(scope="module")
def schema():
    with open(geotext.schema_path(), encoding="utf-8") as stream:
        return json.load(stream)


@pytest.fixture(scope="module")
def validator(schema):
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _errors(validator, document):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def _init_fields(cls):
    return [field for field in attrs.fields(cls) if field.init]


# -- the schema names exactly the fields of the types -----------------------------------


@pytest.mark.parametrize("name", sorted(TYPES))
def test_properties_are_the_attrs_fields(schema, name):
    definition = schema["$defs"][name]
    fields = {field.name for field in _init_fields(TYPES[name])}
    assert set(definition["properties"]) == fields, f"{name}: schema and type differ"
    assert definition["additionalProperties"] is False


@pytest.mark.parametrize("name", sorted(TYPES))
def test_required_are_the_fields_without_default(schema, name):
    required = {field.name for field in _init_fields(TYPES[name]) if field.default is attrs.NOTHING}
    assert set(schema["$defs"][name].get("required", [])) == required


def test_top_level_matches_analysis(schema):
    fields = {field.name for field in _init_fields(geotext.Analysis)}
    assert set(schema["properties"]) == fields | {"schema"}
    assert schema["properties"]["schema"]["const"] == geotext.SCHEMA
    assert set(schema["required"]) == {"schema", "article"}


def test_vocabularies_match_the_model(schema):
    defs = schema["$defs"]
    assert set(defs["Entity"]["properties"]["kind"]["anyOf"][0]["enum"]) == geotext.ENTITY_KINDS
    assert set(defs["Mention"]["properties"]["form"]["anyOf"][0]["enum"]) == geotext.MENTION_FORMS
    assert set(defs["Claim"]["properties"]["modality"]["enum"]) == geotext.MODALITIES
    assert set(defs["Claim"]["properties"]["tense"]["enum"]) - {None} == _model.TENSES
    assert defs["Namespaced"]["pattern"].replace("\\S", "[^\\s]") == _model._NAMESPACED.pattern
    assert defs["Claim"]["properties"]["cameo"]["pattern"] == _model._CAMEO.pattern
    assert defs["CameoActor"]["pattern"] == _model._CAMEO_ACTOR.pattern


# -- serialized analyses validate --------------------------------------------------------


@given(analyses())
def test_any_serialized_analysis_validates(validator, analysis):
    document = json.loads(json.dumps(analysis.to_dict()))
    assert _errors(validator, document) == []


def _seed_like() -> geotext.Analysis:
    text = (
        "China Urges Mongolia to Join Regional Bloc\n\n"
        "Chinese Premier Li Qiang expressed China’s intention to enhance cooperation with Mongolia "
        "within the framework of the Eurasian security bloc."
    )

    def mention(surface, form="name", nth=0):
        start = -1
        for _ in range(nth + 1):
            start = text.index(surface, start + 1)
        return geotext.Mention(start=start, end=start + len(surface), text=surface, form=form)

    china = geotext.Entity(
        id="iso:CHN",
        kind="state",
        name="China",
        ids={"iso2": "CN", "iso3": "CHN", "geonames": "1814991", "wikidata": "Q148"},
        coordinates=geotext.Coordinates(lat=35.0, lon=105.0),
        mentions=[mention("China"), mention("Chinese", "demonym"), mention("China", nth=1)],
    )
    mongolia = geotext.Entity(
        id="iso:MNG",
        kind="state",
        name="Mongolia",
        ids={"iso3": "MNG", "wikidata": "Q711"},
        coordinates=geotext.Coordinates(lat=46.0, lon=105.0),
        mentions=[mention("Mongolia"), mention("Mongolia", nth=1)],
    )
    li = geotext.Entity(
        id="person:li-qiang",
        kind="person",
        name="Li Qiang",
        office="Premier",
        country="CHN",
        ids={"wikidata": "Q1513256"},
        mentions=[mention("Chinese Premier Li Qiang", "title")],
    )
    cue = text.index("expressed")
    sentence = text.index("Chinese Premier")
    claim = geotext.Claim(
        producer="claims",
        speaker="person:li-qiang",
        cue="expressed",
        cue_lemma="express",
        cue_span=geotext.Span(start=cue, end=cue + len("expressed")),
        evidence=[geotext.Evidence(start=sentence, end=len(text), sentence_start=sentence, sentence_end=len(text))],
        sources=["iso:CHN"],
        targets=["iso:MNG"],
        cameo="036",
        plover="AGREE",
        quad_class=1,
        modality="intended",
        tense="present",
        reported_date=dt.date(2024, 7, 4),
        confidence=0.8,
    )
    article = geotext.Article(
        text=text,
        title=text.split("\n")[0],
        paragraphs=[geotext.Span(start=0, end=42)],
        source="example.org",
        published=dt.datetime(2024, 7, 4, 9, 30, tzinfo=dt.timezone.utc),
        language="en",
        authors=["A. Reporter"],
        metadata={"photo_credit": "adeex.in"},
        provenance=geotext.Provenance(source="seeds/002.txt", parser="text", encoding="utf-8"),
    )
    return geotext.Analysis(
        article=article, entities=[china, mongolia, li], claims=[claim], versions={"geotext-core": "0.1.0"}
    )


def test_seed_like_example_validates_and_reads_back(validator):
    analysis = _seed_like()
    document = json.loads(json.dumps(analysis.to_dict()))
    assert _errors(validator, document) == []
    assert geotext.Analysis.from_dict(document) == analysis


def test_minimal_document_validates_and_reads_back(validator):
    document = {
        "schema": geotext.SCHEMA,
        "article": {"text": "Beijing"},
        "entities": [
            {
                "id": "geonames:1816670",
                "kind": "place",
                "name": "Beijing",
                "mentions": [{"start": 0, "end": 7, "text": "Beijing"}],
            }
        ],
    }
    assert _errors(validator, document) == []
    analysis = geotext.Analysis.from_dict(document)
    assert analysis.entity("geonames:1816670").mentions[0].form == "name"


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("extra",), 1),
        (("schema",), "geotext/0"),
        (("article", "colour"), "red"),
        (("entities", 0, "id"), "CHN"),
        (("entities", 0, "kind"), "country"),
        (("entities", 0, "coordinates"), {"lat": 91.0, "lon": 0.0}),
        (("entities", 0, "mentions", 0, "form"), "nickname"),
        (("claims", 0, "cameo"), "2"),
        (("claims", 0, "modality"), "maybe"),
        (("claims", 0, "confidence"), 1.5),
        (("claims", 0, "evidence"), []),
        (("claims", 0, "reported_date"), "4 July 2024"),
    ],
)
def test_schema_rejects_what_from_dict_rejects(validator, path, value):
    document = json.loads(json.dumps(_seed_like().to_dict()))
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert _errors(validator, document), f"the schema accepts {path}={value!r}"
    with pytest.raises(geotext.GeotextError):
        geotext.Analysis.from_dict(copy.deepcopy(document))


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.gold.json")), ids=lambda p: p.name)
def test_seed_gold_files_validate(validator, path):
    document = json.loads(path.read_text(encoding="utf-8"))
    assert _errors(validator, document) == []
