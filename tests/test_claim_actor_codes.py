"""Claim.source_codes / target_codes: validation, serialised form, and reading geotext/1."""

import json
from pathlib import Path

import pytest

import geotext
from geotext import Analysis, Article, Claim, Entity, Evidence, Mention, Span

TEXT = "Russian troops shelled Kharkiv."


def claim(**changes):
    values = dict(
        producer="test",
        evidence=[Evidence(start=0, end=31, sentence_start=0, sentence_end=31)],
        sources=["iso:RUS"],
        targets=["place:kharkiv"],
        cameo="190",
    )
    values.update(changes)
    return Claim(**values)


def analysis(**changes):
    entities = [
        Entity(id="iso:RUS", kind="state", name="Russia", mentions=[Mention(start=0, end=7, text="Russian")]),
        Entity(id="place:kharkiv", kind="place", name="Kharkiv", mentions=[Mention(start=23, end=30, text="Kharkiv")]),
    ]
    return Analysis(article=Article(text=TEXT), entities=entities, claims=[claim(**changes)])


def test_codes_are_aligned_with_the_actors():
    coded = claim(source_codes=["RUSMIL"], target_codes=[None])
    assert coded.source_codes == ("RUSMIL",) and coded.target_codes == (None,)
    assert claim().source_codes == () and claim().target_codes == ()  # not coded
    with pytest.raises(geotext.ValidationError, match="Claim.source_codes"):
        claim(source_codes=["RUSMIL", "UKRMIL"])
    with pytest.raises(geotext.ValidationError, match="Claim.target_codes"):
        claim(target_codes=["Kharkiv"])
    with pytest.raises(geotext.ValidationError, match="Claim.source_codes"):
        claim(source_codes=["RUSM"])


def test_codes_do_not_change_the_claim_id():
    assert claim(source_codes=["RUSMIL"], target_codes=["UKR"]).id == claim().id


def test_codes_round_trip_and_validate_against_the_schema():
    data = analysis(source_codes=["RUSMIL"], target_codes=["UKR"]).to_dict()
    assert data["schema"] == geotext.SCHEMA == "geotext/2"
    assert data["claims"][0]["source_codes"] == ["RUSMIL"] and data["claims"][0]["target_codes"] == ["UKR"]
    assert Analysis.from_dict(data).claims[0].source_codes == ("RUSMIL",)
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(Path(geotext.schema_path()).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    data["claims"][0]["source_codes"] = ["rusmil"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(data)


def test_geotext_1_documents_are_still_read_without_codes():
    data = analysis().to_dict()
    data["schema"] = "geotext/1"
    for item in data["claims"]:
        del item["source_codes"], item["target_codes"]
    read = Analysis.from_dict(data)
    assert read.claims[0].source_codes == () and read.to_dict()["schema"] == "geotext/2"


def test_attributed_tells_the_article_voice_from_a_speaker():
    assert not claim().attributed  # "Russian troops shelled Kharkiv."
    assert claim(speaker_span=Span(start=0, end=7)).attributed  # "a senior official said"
    assert claim(speaker="iso:RUS").attributed
