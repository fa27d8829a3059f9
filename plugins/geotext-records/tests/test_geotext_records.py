"""Tests of the JSON and JSON Lines parsers, used directly and through their entry point."""

from __future__ import annotations

import gzip
import json
import tracemalloc

import pytest

import geotext
from geotext import ConfigError, InputTooLargeError, ParseError, Source
from geotext.testing import check_parser
from geotext_records import FieldMap, JsonLinesParser, JsonParser

NEWSAPI = {
    "status": "ok",
    "articles": [
        {
            "source": {"id": None, "name": "Example News"},
            "author": "Jane Doe",
            "title": "China urges Mongolia to join regional bloc",
            "description": "Chinese Premier encourages Mongolia.",
            "url": "https://example.org/a",
            "publishedAt": "2024-07-04T10:00:00Z",
            "content": "Li Qiang spoke in Bishkek.\n\nOyun-Erdene answered.",
        },
        {"title": "Only a title", "url": "https://example.org/b"},
    ],
}
RECORDS = [
    {
        "id": "r1",
        "headline": "First",
        "body": "Para one.\n\nPara two.",
        "link": "https://e.org/1",
        "published": "Thu, 04 Jul 2024 10:00:00 GMT",
        "authors": ["A", "B"],
        "lang": "en",
        "section": "world",
    },
    {"id": "r2", "title": "Second", "text": "Body two.", "date": 1720087200},
]


def jsonl(records) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


def test_api_response_with_default_fields():
    items = list(JsonParser().parse(Source.from_input(json.dumps(NEWSAPI).encode(), name="api.json")))
    first, second = items
    assert first.title == "China urges Mongolia to join regional bloc"
    assert first.paragraph_texts() == [first.title, "Li Qiang spoke in Bishkek.", "Oyun-Erdene answered."]
    assert first.source == "Example News" and first.authors == ("Jane Doe",)
    assert first.url == "https://example.org/a"
    assert first.published.isoformat() == "2024-07-04T10:00:00+00:00"
    assert first.provenance.record == 0 and first.provenance.parser == "json"
    assert second.text == "Only a title" and second.provenance.record == 1


def test_single_object_document_has_no_record_index():
    (article,) = JsonParser().parse(Source.from_input(json.dumps(RECORDS[1]).encode(), name="one.json"))
    assert article.id == "r2" and article.provenance.record is None
    assert article.published.year == 2024


def test_jsonl_with_default_fields():
    first, second = JsonLinesParser().parse(Source.from_input(jsonl(RECORDS), name="d.jsonl"))
    assert first.id == "r1" and first.text == "First\n\nPara one.\n\nPara two."
    assert first.url == "https://e.org/1" and first.language == "en" and first.authors == ("A", "B")
    assert first.published.isoformat() == "2024-07-04T10:00:00+00:00"
    assert first.metadata["record"] == {"section": "world"}
    assert second.provenance.record == 1


def test_field_override():
    data = jsonl([{"heading": "Custom", "story": "Told here.", "body": "not this"}])
    source = Source.from_input(data, name="d.jsonl", options={"fields": {"title": "heading", "text": "story"}})
    (article,) = JsonLinesParser().parse(source)
    assert article.text == "Custom\n\nTold here."
    nested = jsonl([{"meta": {"headline": "Nested"}, "body": "x"}])
    (article,) = JsonLinesParser().parse(
        Source.from_input(nested, name="n.jsonl", options={"fields": {"title": "meta.headline"}})
    )
    assert article.title == "Nested"


def test_unknown_field_in_mapping_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown article field 'body'"):
        FieldMap({"body": "text"})


def test_one_broken_line_among_good_ones():
    data = jsonl(RECORDS[:1]) + b'{"title": "broken", "text": \n' + b"\n" + b"[1, 2]\n" + jsonl(RECORDS[1:])
    items = list(JsonLinesParser().parse(Source.from_input(data, name="d.jsonl")))
    kinds = [(type(i).__name__, i.record if isinstance(i, ParseError) else i.provenance.record) for i in items]
    assert kinds == [("Article", 0), ("ParseError", 1), ("ParseError", 2), ("Article", 3)]
    assert all(i.source == "d.jsonl" for i in items if isinstance(i, ParseError))


def test_invalid_utf8_line_is_a_bad_record():
    data = jsonl(RECORDS[:1]) + b'{"title": "caf\xe9", "text": "x"}\n' + jsonl(RECORDS[1:])
    items = list(JsonLinesParser().parse(Source.from_input(data, name="d.jsonl")))
    assert isinstance(items[1], ParseError) and items[1].record == 1
    assert [type(i).__name__ for i in items] == ["Article", "ParseError", "Article"]


@pytest.mark.parametrize("data", [b"", b"\n\n", bytes(range(256)) * 4], ids=["empty", "blank", "binary"])
def test_bad_input_names_the_source(data):
    with pytest.raises(ParseError) as info:
        list(JsonParser().parse(Source.from_input(data, name="x.json")))
    assert info.value.source == "x.json"
    try:
        items = list(JsonLinesParser().parse(Source.from_input(data, name="x.jsonl")))
    except ParseError as exc:
        assert exc.source == "x.jsonl"
    else:  # binary garbage: every "line" is a bad record
        assert items and all(isinstance(i, ParseError) and i.source == "x.jsonl" for i in items)


def test_max_records():
    with pytest.raises(InputTooLargeError):
        list(JsonLinesParser().parse(Source.from_input(jsonl(RECORDS * 3), name="d.jsonl", max_records=2)))


def test_gzipped_jsonl(tmp_path):
    path = tmp_path / "d.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl(RECORDS)))
    assert len(list(JsonLinesParser().parse(Source.from_input(path)))) == 2


def test_streaming_keeps_memory_flat(tmp_path):
    path = tmp_path / "big.jsonl"
    record = {"title": "T", "text": "word " * 200}
    with path.open("wb") as out:
        for _ in range(5000):
            out.write(json.dumps(record).encode() + b"\n")
    size = path.stat().st_size
    tracemalloc.start()
    count = sum(1 for _ in JsonLinesParser().parse(Source.from_input(path)))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 5000
    assert peak < size / 5, f"peak {peak} bytes for a {size}-byte file"


def test_conformance():
    check_parser(JsonParser(), [json.dumps(NEWSAPI).encode(), b"[]", b"{}"])
    check_parser(JsonLinesParser(), [jsonl(RECORDS), b"{}\n{\n"])


def test_installed_through_the_entry_point_and_analyze_many(tmp_path):
    info = {plugin.name: plugin for plugin in geotext.list_plugins()}["records"]
    assert info.loaded and info.distribution == "geotext-records"
    assert set(info.parsers) == {"json", "jsonl"}
    path = tmp_path / "dump.jsonl"
    path.write_bytes(jsonl(RECORDS[:1]) + b"{broken\n" + jsonl(RECORDS[1:]))
    batch = geotext.analyze_many([path], plugins=["records"])
    assert [r.article.id for r in batch] == ["r1", "r2"]
    assert [(f.source, f.record, f.error_type) for f in batch.failures] == [(str(path), 1, "ParseError")]
    api = tmp_path / "api.json"
    api.write_text(json.dumps({"status": "ok", "articles": NEWSAPI["articles"][:1]}))
    assert geotext.analyze(api, plugins=["records"]).article.source == "Example News"
    # field mapping through the API, as the CLI's --field passes it
    custom = tmp_path / "custom.jsonl"
    custom.write_bytes(jsonl([{"heading": "H", "story": "S."}]))
    result = geotext.analyze(
        custom, plugins=["records"], parser_options={"fields": {"title": "heading", "text": "story"}}
    )
    assert result.article.text == "H\n\nS."
    # sniffed without a suffix
    unnamed = tmp_path / "dump.data"
    unnamed.write_bytes(jsonl(RECORDS))
    assert len(list(geotext.analyze_many([unnamed], plugins=["records"]))) == 2


def test_cli_field_mapping(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from geotext.cli import cli

    if "jsonl" not in geotext.Pipeline(plugins=["json"]).exporter_names():
        pytest.skip("the jsonl exporter (geotext-json) is not installed")
    monkeypatch.setenv("GEOTEXT_LOAD_PLUGINS", "records,json")
    path = tmp_path / "dump.jsonl"
    path.write_bytes(jsonl([{"heading": "H", "story": "Told."}]) + b"{broken\n")
    result = CliRunner().invoke(
        cli,
        [
            "analyze",
            str(path),
            "--field",
            "title=heading",
            "--field",
            "text=story",
            "-f",
            "jsonl",
            "-o",
            str(tmp_path / "out.jsonl"),
        ],
    )
    lines = (tmp_path / "out.jsonl").read_text().splitlines()
    assert [json.loads(line)["article"]["text"] for line in lines] == ["H\n\nTold."]
    assert result.exit_code == 1, result.output  # one record failed and was reported
