"""The analysis API with small in-test plugins: analyze, analyze_many, export."""

import io
import re

import pytest

import geotext
from geotext import Article, Entity, Exporter, Mention, Parser, Pipeline, PluginSet, hookimpl


class LinesParser(Parser):
    """One article per non-empty line; a line starting with '!' is a bad record."""

    name = "lines"
    suffixes = (".lines",)
    multi_record = True

    def sniff(self, head):
        return 0.1

    def parse(self, source):
        text = source.read_bytes().decode("utf-8")
        for index, line in enumerate(text.splitlines()):
            if line.startswith("!"):
                yield geotext.ParseError("bad record", source=source.name, record=index)
            elif line:
                yield Article(text=line, provenance=geotext.Provenance(source=source.name, record=index))


class CountExporter(Exporter):
    name = "count"

    def write(self, results, stream):
        count = 0
        for result in results:
            stream.write(f"{result.article.text}\t{len(result.entities)}\n".encode())
            count += 1
        return count


class Plugin:
    @hookimpl
    def geotext_register_parsers(self, register):
        register(LinesParser())

    @hookimpl
    def geotext_register_exporters(self, register):
        register(CountExporter)

    @hookimpl
    def geotext_tag_entities(self, article):
        if "explode" in article.text:
            raise RuntimeError("tagger bug")
        return [
            Entity(
                id="iso:CHN",
                kind="state",
                name="China",
                mentions=[
                    Mention(start=m.start(), end=m.end(), text="China") for m in re.finditer("China", article.text)
                ],
            )
        ]

    @hookimpl
    def geotext_data_versions(self):
        return {"test-data": "7"}


@pytest.fixture
def pipeline():
    plugins = PluginSet(discover=False)
    plugins.register(Plugin(), "test")
    return Pipeline(plugins=plugins)


def test_no_plugin_loaded_names_the_installed_ones_left_out(monkeypatch):
    # the real core-alone message ("no parser plugin is installed") is tested in a
    # virtual environment of its own (test_core_alone.py)
    monkeypatch.setenv("GEOTEXT_LOAD_PLUGINS", "")
    with pytest.raises(
        geotext.NoParserError, match="loads no parser plugin; installed plugins it leaves out: .*text"
    ) as caught:
        geotext.analyze("China urges Mongolia to join the SCO")
    assert "text" in caught.value.left_out
    assert geotext.list_plugins() == []


def test_a_pipeline_without_a_parser_names_the_installed_ones_left_out():
    with pytest.raises(geotext.NoParserError, match="installed plugins it leaves out: .*text") as caught:
        Pipeline(plugins=["json"]).analyze("China urges Mongolia to join the SCO")
    assert "json" not in caught.value.left_out and "text" in caught.value.left_out


def test_an_article_needs_no_parser(pipeline):
    result = pipeline.analyze(Article(text="China and China"))
    assert [m.start for m in result.entities[0].mentions] == [0, 10]
    assert result.versions["test-data"] == "7"
    assert result.versions["geotext-core"] == geotext.__version__


def test_parser_is_chosen_by_suffix_and_by_sniffing(pipeline, tmp_path):
    path = tmp_path / "a.lines"
    path.write_text("China\n", encoding="utf-8")
    assert pipeline.analyze(path).article.text == "China"
    assert pipeline.analyze(b"China").article.text == "China"  # sniffed
    with pytest.raises(geotext.UnknownComponentError, match="available: lines"):
        pipeline.analyze(b"China", parser="html")


def test_analyze_rejects_several_articles(pipeline):
    with pytest.raises(geotext.ParseError, match="more than one article"):
        pipeline.analyze(b"one\ntwo")


def test_analyze_many_reports_bad_records_and_goes_on(pipeline, tmp_path):
    (tmp_path / "a.lines").write_text("China one\n!broken\nChina three\n", encoding="utf-8")
    (tmp_path / "b.lines").write_text("explode China\nfine\n", encoding="utf-8")
    seen = []
    batch = pipeline.analyze_many(
        [tmp_path / "a.lines", tmp_path / "missing.lines", tmp_path / "b.lines"], on_error=seen.append
    )
    texts = [result.article.text for result in batch]
    assert texts == ["China one", "China three", "fine"]
    assert [(f.source.rsplit("/", 1)[-1], f.record, f.error_type) for f in batch.failures] == [
        ("a.lines", 1, "ParseError"),
        ("missing.lines", None, "ParseError"),
        ("b.lines", 0, "PluginError"),
    ]
    assert seen == batch.failures
    assert "tagger bug" in batch.failures[2].message and batch.failures[2].plugin == "test"


def test_analyze_many_can_raise(pipeline):
    with pytest.raises(geotext.ParseError, match="record 0"):
        list(pipeline.analyze_many([b"!x"], on_error="raise"))


def test_analyze_many_is_lazy(pipeline):
    def endless():
        while True:
            yield Article(text="China")

    batch = pipeline.analyze_many(endless())
    assert [next(batch).article.text for _ in range(3)] == ["China"] * 3


def test_export_to_path_stream_and_string(pipeline, tmp_path):
    results = [pipeline.analyze(Article(text="China"))]
    assert pipeline.export(results, format="count") == "China\t1\n"
    buffer = io.BytesIO()
    assert pipeline.export(results, format="count", to=buffer) == 1
    assert buffer.getvalue() == b"China\t1\n"
    text = io.StringIO()
    pipeline.export(results, format="count", to=text)
    assert text.getvalue() == "China\t1\n"
    target = tmp_path / "out.tsv"
    pipeline.export(results[0], format="count", to=target)
    assert target.read_text() == "China\t1\n"
    with pytest.raises(geotext.UnknownComponentError, match="unknown exporter 'csv'; available: count"):
        pipeline.export(results, format="csv")
    with pytest.raises(geotext.ExportError, match="does not exist"):
        pipeline.export(results, format="count", to=tmp_path / "no" / "such" / "dir.tsv")


def test_atomic_write_leaves_no_half_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), geotext.atomic_write(target) as stream:
        stream.write(b"half")
        raise RuntimeError("interrupted")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_source_limits():
    with pytest.raises(geotext.InputTooLargeError):
        geotext.Source.from_input(b"x" * 11, max_bytes=10)
    with pytest.raises(geotext.ParseError, match="cannot read a int"):
        geotext.Source.from_input(5)


def test_max_records(pipeline):
    pipeline.max_records = 2
    batch = pipeline.analyze_many([b"a\nb\nc\n"])
    assert [r.article.text for r in batch] == ["a", "b"]
    assert batch.failures[0].error_type == "InputTooLargeError"


def test_public_surface():
    assert set(geotext.__all__) <= set(dir(geotext))
    for name in geotext.__all__:
        assert getattr(geotext, name) is not None
    assert geotext.Article.__module__ == "geotext"
    assert str(geotext.schema_path()).endswith("analysis.schema.json")
