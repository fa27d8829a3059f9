from __future__ import annotations

import datetime as dt
import io
import json
import os

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import geotext
from geotext.testing import analyses, check_exporter
from geotext_json import JsonExporter, JsonLinesExporter, dumps, loads, read_json, read_jsonl

jsonschema = pytest.importorskip("jsonschema")


def fixed_offset(results):
    """The values with ``published`` in a fixed UTC offset instead of a named zone.

    Python never finds two aware datetimes in different zones equal when one falls in
    a fold of its zone (PEP 495), so a ``ZoneInfo`` time read back with its offset
    only compares unequal although it is the same instant and the same text.
    """
    out = []
    for analysis in results:
        published = analysis.article.published
        if published is not None and published.tzinfo is not None:
            fixed = published.replace(tzinfo=dt.timezone(published.utcoffset()))
            analysis = attrs.evolve(analysis, article=attrs.evolve(analysis.article, published=fixed))
        out.append(analysis)
    return out


@pytest.fixture(scope="module")
def validator():
    with open(geotext.schema_path(), encoding="utf-8") as stream:
        schema = json.load(stream)
    return jsonschema.validators.validator_for(schema)(schema)


# -- discovery and conformance -----------------------------------------------------------


def test_found_through_its_entry_point(seed_analyses):
    info = {plugin.name: plugin for plugin in geotext.list_plugins()}["json"]
    assert info.error is None
    assert info.distribution == "geotext-json"
    assert "exporter" in info.kinds
    assert set(info.exporters) == {"json", "jsonl"}
    text = geotext.export(seed_analyses, format="jsonl", plugins=["json"])
    assert [json.loads(line)["article"]["id"] for line in text.splitlines()] == [a.article.id for a in seed_analyses]
    assert json.loads(geotext.export(seed_analyses[0], format="json"))["schema"] == geotext.SCHEMA


EXPORTERS = [JsonExporter(), JsonExporter(indent=True), JsonLinesExporter()]


@pytest.mark.parametrize("exporter", EXPORTERS)
def test_conformance(exporter, seed_analyses):
    check_exporter(exporter, seed_analyses)
    check_exporter(exporter, [])


@given(analyses())
def test_every_exporter_survives_any_text(analysis):
    # exporter_survives_any_text for each exporter, with the exporters sharing each drawn
    # analysis: drawing an analysis costs far more than writing it three times
    for exporter in EXPORTERS:
        check_exporter(exporter, [analysis])


# -- round trips ---------------------------------------------------------------------------


@given(st.lists(analyses(), max_size=3), st.booleans())
def test_jsonl_round_trip(results, through_file):
    buffer = io.BytesIO()
    assert JsonLinesExporter().write(results, buffer) == len(results)
    assert buffer.getvalue().count(b"\n") == len(results)  # one line per result, newlines escaped
    buffer.seek(0)
    assert fixed_offset(read_jsonl(buffer)) == fixed_offset(results)


@given(st.lists(analyses(), max_size=3), st.booleans(), st.booleans())
def test_json_round_trip(results, indent, array):
    buffer = io.BytesIO()
    JsonExporter(indent=indent, array=array).write(results, buffer)
    document = json.loads(buffer.getvalue())
    assert isinstance(document, dict if len(results) == 1 and not array else list)
    buffer.seek(0)
    assert fixed_offset(read_json(buffer)) == fixed_offset(results)


@given(analyses())
def test_output_is_valid_against_the_schema(validator, analysis):
    assert list(validator.iter_errors(json.loads(dumps(analysis)))) == []


def test_values_orjson_refuses_fall_back_to_escaped_json():
    article = geotext.Article(text="lone \ud800 surrogate", metadata={"big": 2**70})
    analysis = geotext.Analysis(article=article)
    data = dumps(analysis)
    data.decode("ascii")
    assert loads(data) == [analysis]


# -- files -----------------------------------------------------------------------------------


def test_path_written_atomically_and_read_back(tmp_path, seed_analyses):
    target = tmp_path / "out.jsonl"
    assert geotext.export(seed_analyses, format="jsonl", to=target) == 2
    assert list(read_jsonl(target)) == seed_analyses
    assert list(read_jsonl(str(target))) == seed_analyses
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_interrupted_write_leaves_the_old_file(tmp_path, seed_analyses):
    target = tmp_path / "out.json"
    target.write_bytes(b"old")

    def failing():
        yield seed_analyses[0]
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        JsonExporter().write_path(failing(), target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_append_adds_whole_lines(tmp_path, seed_analyses):
    target = tmp_path / "out.jsonl"
    exporter = JsonLinesExporter(append=True)
    assert exporter.write_path(seed_analyses[:1], target) == 1
    assert exporter.write_path(seed_analyses[1:], target) == 1
    assert list(read_jsonl(target)) == seed_analyses
    with open(target, "ab") as stream:
        stream.write(b'{"schema": "geo')
    with pytest.raises(geotext.ExportError, match="ends inside a line"):
        exporter.write_path(seed_analyses, target)


def test_jsonl_is_line_oriented():
    assert JsonLinesExporter.line_oriented and not JsonExporter.line_oriented


def test_streams_lazily():
    produced = []

    def results():
        for index in range(3):
            analysis = geotext.Analysis(article=geotext.Article(text=f"article {index}"))
            produced.append(index)
            yield analysis

    class Probe(io.BytesIO):
        def write(self, data):
            lines.append(len(produced))
            return super().write(data)

    lines: list[int] = []
    JsonLinesExporter().write(results(), Probe())
    assert lines == [1, 2, 3]  # each line written before the next result is made


# -- errors ------------------------------------------------------------------------------------


def test_bad_input_raises_parse_error_naming_the_line(tmp_path, seed_analyses):
    target = tmp_path / "bad.jsonl"
    target.write_bytes(dumps(seed_analyses[0]) + b"\n\n{not json\n")
    reader = read_jsonl(target)
    assert next(reader) == seed_analyses[0]
    with pytest.raises(geotext.ParseError) as info:
        next(reader)
    assert info.value.record == 2 and info.value.source == os.fspath(target)

    target.write_bytes(b'{"schema": "geotext/1", "article": {"text": "x"}, "claims": 3}\n')
    with pytest.raises(geotext.ParseError, match="record 0"):
        list(read_jsonl(target))
    with pytest.raises(geotext.ParseError, match="no such file|cannot open"):
        list(read_jsonl(tmp_path / "missing.jsonl"))
    with pytest.raises(geotext.ParseError, match="expected a JSON object or array"):
        loads(b"3")


# -- golden files ------------------------------------------------------------------------------


def test_golden_seeds(seed_analyses, golden):
    jsonl = io.BytesIO()
    JsonLinesExporter().write(seed_analyses, jsonl)
    golden("seeds.jsonl", jsonl.getvalue())
    pretty = io.BytesIO()
    JsonExporter(indent=True).write(seed_analyses[:1], pretty)
    golden("seed-urges.json", pretty.getvalue())


def test_seed_gold_round_trips(seed_gold_analyses):
    buffer = io.BytesIO()
    JsonLinesExporter().write(seed_gold_analyses, buffer)
    buffer.seek(0)
    assert list(read_jsonl(buffer)) == seed_gold_analyses


# -- where and when -------------------------------------------------------------------------------


def test_claim_place_and_date_round_trip(seed_analyses, with_place_and_date):
    analysis = with_place_and_date(seed_analyses[0])
    text = analysis.article.text
    start = text.index("recently")
    line = dumps(analysis)
    data = json.loads(line)
    assert data["schema"] == "geotext/2"
    assert data["claims"][0]["location"] == {
        "entity": "geonames:1528675",
        "span": {"start": text.index("Bishkek"), "end": text.index("Bishkek") + 7},
        "rule": "article",
    }
    assert data["claims"][0]["event_date"] == {
        "date": "2024-07-04",
        "precision": "day",
        "span": {"start": start, "end": start + 8},
        "rule": "relative",
    }
    assert data["claims"][2]["location"] is None and data["claims"][2]["event_date"] is None
    assert loads(line) == [analysis]


def test_geotext_1_documents_still_read():
    import geotext.testing

    data = json.loads(dumps(geotext.testing.sample_analyses()[1]))
    data["schema"] = "geotext/1"
    for claim in data["claims"]:
        del claim["location"], claim["event_date"]
    analysis = geotext.Analysis.from_dict(data)
    assert all(claim.location is None and claim.event_date is None for claim in analysis.claims)
