"""Analysis.from_dict reads a document in one pass and, at anything unusual, reads it
again through the public constructors, which name the field that is wrong.

The one-pass read must never accept what the checking read refuses, nor read a value
differently: these tests compare the two on documents written by ``to_dict`` and on
the same documents broken in one place.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import geotext
from geotext import Analysis, GeotextError
from geotext._model import _read_analysis, _read_analysis_checked, _Unusual
from geotext.testing import analyses

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _document(analysis: Analysis) -> dict[str, Any]:
    return json.loads(json.dumps(analysis.to_dict()))


def _written(analysis: Analysis) -> str:
    return json.dumps(analysis.to_dict(), ensure_ascii=False)


@settings(deadline=None)
@given(analyses())
def test_the_one_pass_read_reads_what_to_dict_writes(analysis):
    document = _document(analysis)
    read = _read_analysis(document)  # no fallback: it raises _Unusual otherwise
    assert read == analysis
    assert _written(read) == _written(analysis)
    for entity in analysis.entities:
        assert read.entity(entity.id) == entity


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.gold.json")), ids=lambda p: p.name)
def test_the_one_pass_read_reads_the_gold_files(path):
    text = path.read_text(encoding="utf-8")
    document = json.loads(text)
    read, checked = _read_analysis(document), _read_analysis_checked(document)
    assert read == checked
    assert _written(read) == _written(checked)


def test_a_document_with_defaults_left_out_is_read_in_one_pass():
    # a geotext/1 claim: no location, event date or actor codes; the mention without its form
    mongolia = {
        "id": "iso:MNG",
        "kind": "state",
        "name": "Mongolia",
        "mentions": [{"start": 0, "end": 8, "text": "Mongolia"}],
    }
    evidence = {"start": 0, "end": 23, "sentence_start": 0, "sentence_end": 23}
    document = {
        "schema": "geotext/1",
        "article": {"text": "Mongolia and China met."},
        "entities": [mongolia],
        "claims": [{"producer": "p", "evidence": [evidence], "sources": ["iso:MNG"]}],
    }
    read = _read_analysis(document)
    assert read == _read_analysis_checked(document) == Analysis.from_dict(document)
    assert read.claims[0].location is None and read.entities[0].mentions[0].form == "name"


# -- one place broken: the one-pass read declines, or reads what the checking read reads --

_ODD_VALUES = [
    10**400,  # an integer no float holds
    None,
    True,
    False,
    0,
    -1,
    1,
    3,
    2.5,
    1.0,
    float("nan"),
    float("inf"),
    10**9,
    "",
    "x",
    "name",
    "state",
    "iso:CHN",
    "iso:MNG",
    "CHN",
    "USAGOV",
    "02",
    "2024-07-04",
    "2024-07-04T09:30:00Z",
    "2024-13-45",
    "asserted",
    "past",
    "day",
    [],
    ["iso:CHN"],
    ["iso:CHN", "iso:CHN"],
    [None],
    [1],
    {},
    {"a": 1},
    {"start": 0, "end": 1},
    {"lat": 1.0, "lon": 2.0},
]


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place inside a JSON document, as the keys and indexes leading to it."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _break(document: dict[str, Any], path: tuple[Any, ...], how: str, odd: Any) -> None:
    """Change *document* at *path*: replace, delete, rename or duplicate it, add a key, reverse a list."""
    parent: Any = document
    for key in path[:-1]:
        parent = parent[key]
    key = path[-1]
    target = parent[key]
    if how == "replace":
        parent[key] = copy.deepcopy(odd)
    elif how == "delete":
        del parent[key]
    elif how == "duplicate" and isinstance(parent, list):
        parent.insert(key, copy.deepcopy(target))
    elif how == "rename" and isinstance(parent, dict):
        parent["colour"] = parent.pop(key)
    elif how == "add key" and isinstance(target, dict):
        target["colour"] = odd
    elif how == "reverse" and isinstance(target, list):
        target.reverse()
    elif how == "nudge" and type(target) is int:
        parent[key] = target + (1 if isinstance(odd, str) else -1)
    else:
        parent[key] = copy.deepcopy(odd)


def _outcome(read: Any, document: dict[str, Any]) -> Analysis | BaseException:
    try:
        return read(copy.deepcopy(document))
    except Exception as error:  # noqa: BLE001 - the outcome is compared
        return error


# four times the profile's examples: one broken place per document leaves much to try
@settings(max_examples=4 * settings.default.max_examples, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(analyses(), st.data())
def test_a_broken_document_is_read_as_the_checking_read_reads_it(analysis, data):
    document = _document(analysis)
    paths = [path for path in _paths(document) if len(path) > 1]
    path = data.draw(st.sampled_from(paths), label="path")
    how = data.draw(
        st.sampled_from(["replace", "delete", "rename", "duplicate", "add key", "reverse", "nudge"]), label="how"
    )
    odd = data.draw(st.sampled_from(_ODD_VALUES), label="value")
    _break(document, path, how, odd)

    fast = _outcome(_read_analysis, document)
    checked = _outcome(_read_analysis_checked, document)
    # the checking read: a value, or an error of geotext naming what is wrong
    assert isinstance(checked, (Analysis, GeotextError)), repr(checked)
    if isinstance(fast, BaseException):
        assert isinstance(fast, _Unusual), repr(fast)
    else:
        assert isinstance(checked, Analysis), f"the one-pass read accepts what the checking read refuses: {checked}"
        assert fast == checked
        assert _written(fast) == _written(checked)
    public = _outcome(Analysis.from_dict, document)
    if isinstance(checked, Analysis):
        assert public == checked and _written(public) == _written(checked)  # type: ignore[arg-type]
    else:
        assert type(public) is type(checked) and str(public) == str(checked)
        assert not isinstance(public.__context__, _Unusual)  # nor chains the one-pass read's decline


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("entities", 0, "mentions", 0, "text"), "Chino", "Entity[iso:CHN].mentions"),
        (("entities", 0, "mentions", 0, "end"), 99, "Mention.text"),
        (("entities", 1, "id"), "iso:CHN", "Analysis.entities"),
        (("claims", 0, "sources"), ["iso:FRA"], "Claim["),
        (("claims", 0, "evidence", 0, "sentence_end"), 99, "Claim["),
        (("claims", 0, "confidence"), 1.5, "Claim.confidence"),
        (("claims", 0, "location", "rule"), "guess", "EventLocation.rule"),
        (("article", "paragraphs"), [{"start": 5, "end": 99}], "Article.paragraphs"),
        (("versions",), {"geotext": 1}, "Analysis.versions"),
    ],
)
def test_from_dict_names_the_field_that_is_wrong(path, value, field):
    text = "China urges Mongolia to join the SCO."
    china = geotext.Entity(
        id="iso:CHN", kind="state", name="China", mentions=[geotext.Mention(start=0, end=5, text="China")]
    )
    mongolia = geotext.Entity(
        id="iso:MNG", kind="state", name="Mongolia", mentions=[geotext.Mention(start=12, end=20, text="Mongolia")]
    )
    claim = geotext.Claim(
        producer="p",
        evidence=[geotext.Evidence(start=0, end=37, sentence_start=0, sentence_end=37)],
        sources=["iso:CHN"],
        targets=["iso:MNG"],
        location=geotext.EventLocation(entity="iso:MNG", span=geotext.Span(start=12, end=20), rule="object"),
    )
    document = Analysis(article=geotext.Article(text=text), entities=[china, mongolia], claims=[claim]).to_dict()
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(geotext.ValidationError) as caught:
        Analysis.from_dict(document)
    assert str(caught.value).startswith(field)


def test_a_subclass_reads_itself_through_the_checking_read():
    class Annotated(Analysis):
        pass

    document = _document(Analysis(article=geotext.Article(text="Mongolia")))
    read = Annotated.from_dict(document)
    assert type(read) is Annotated and read.article.text == "Mongolia"
