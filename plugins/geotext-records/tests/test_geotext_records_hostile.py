"""Hostile records: nesting deep enough to exhaust recursion, empty API answers."""

from __future__ import annotations

import json

import pytest

import geotext
from geotext import ParseError, Source
from geotext_records import JsonLinesParser, JsonParser

DEPTH = 1015  # under orjson's own limit (1024), over Python's recursion limit (1000)


def deep_list(depth: int = DEPTH) -> str:
    return "[" * depth + '"x"' + "]" * depth


@pytest.mark.parametrize("field", ["text", "title", "authors", "source"])
def test_a_deeply_nested_record_is_one_bad_record(field, tmp_path):
    deep = f'{{"id": "b", "text": "y", "{field}": {deep_list()}}}'
    lines = ['{"id": "a", "text": "China and Mongolia."}', deep, '{"id": "c", "text": "Russia spoke."}']
    data = ("\n".join(lines) + "\n").encode()
    items = list(JsonLinesParser().parse(Source.from_input(data, name="d.jsonl")))
    assert [type(i).__name__ for i in items] == ["Article", "ParseError", "Article"]
    assert items[1].record == 1 and "deep" in items[1].message
    # the same through analyze_many, with the first-party plugins installed
    path = tmp_path / "d.jsonl"
    path.write_bytes(data)
    batch = geotext.analyze_many([path], plugins=["records"])
    assert [a.article.id for a in batch] == ["a", "c"]
    assert [(f.record, f.error_type) for f in batch.failures] == [(1, "ParseError")]


def test_a_deeply_nested_record_through_dask(tmp_path):
    pytest.importorskip("dask.bag")
    import dask.bag as db

    from geotext.dask import analyses, analyze_bag, failures

    lines = [
        '{"id": "a", "text": "China and Mongolia."}',
        f'{{"id": "b", "text": {deep_list()}}}',
        '{"id": "c", "text": "Russia spoke."}',
    ]
    rows = analyze_bag(db.from_sequence(lines, npartitions=1), input="record", plugins=["records"], parser="json")
    assert [analysis.article.id for analysis in analyses(rows).compute()] == ["a", "c"]
    assert [row["error_type"] for row in failures(rows).compute()] == ["ParseError"]


def test_a_document_of_deeply_nested_wrappers_is_a_parse_error():
    data = ('{"response": ' * 990 + '{"title": "x"}' + "}" * 990).encode()
    with pytest.raises(ParseError):
        list(JsonParser().parse(Source.from_input(data, name="x.json")))


@pytest.mark.parametrize("document", [{"articles": [], "status": "ok"}, [], {"response": {"results": []}}])
def test_an_empty_list_of_records_is_said(document):
    data = json.dumps(document).encode()
    with pytest.raises(ParseError, match="holds no articles"):
        list(JsonParser().parse(Source.from_input(data, name="x.json")))
