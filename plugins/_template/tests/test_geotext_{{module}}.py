"""Tests of {{dist}}: conformance checks, the entry point, and use through geotext."""

from __future__ import annotations

import pytest

import geotext
from geotext import testing
from geotext_{{module}} import {{imports}}

KINDS = {{kinds}}
ARTICLE = geotext.Article(
    text="Mongolia and China sign a pact\n\nThe Bank of Mongolia said Mongolia would borrow.",
    title="Mongolia and China sign a pact",
)
TERMS = {
    "Mongolia": {"id": "iso:MNG", "kind": "state", "name": "Mongolia"},
    "Bank of Mongolia": {"id": "org:bank-of-mongolia", "kind": "organisation", "name": "Bank of Mongolia"},
}


def test_plugin_is_found_through_its_entry_point():
    infos = {info.name: info for info in geotext.list_plugins()}
    assert "{{name}}" in infos, "not installed: pip install -e ."
    info = infos["{{name}}"]
    assert info.loaded, info.error
    assert info.distribution == "{{dist}}"
    assert set(KINDS) <= set(info.kinds)
# >>> kind:parser


SAMPLE = "Mongolia and China sign a pact\n\nThe Bank of Mongolia said\nMongolia would borrow.\n"


def test_parser_conforms():
    [article] = testing.check_parser({{class}}Parser(), samples=[SAMPLE, b"\xff\xfe bad", b""])
    assert article.title == "Mongolia and China sign a pact"
    assert article.paragraph_texts()[1] == "The Bank of Mongolia said Mongolia would borrow."


def test_parser_survives_any_bytes():
    testing.check_parser_on_bytes({{class}}Parser(), max_examples=100)


def test_parser_names_the_source_on_bad_input():
    source = geotext.Source.from_input(b"\xff\xfe", name="bad.{{name}}")
    with pytest.raises(geotext.ParseError, match="bad.{{name}}"):
        list({{class}}Parser().parse(source))


def test_parser_through_geotext(tmp_path):
    path = tmp_path / "story.{{name}}"
    path.write_text(SAMPLE, encoding="utf-8")
    analysis = geotext.analyze(path, plugins=["{{name}}"])
    assert analysis.article.provenance.parser == "{{name}}"
# <<< kind:parser
# >>> kind:tagger

from geotext_{{module}}.hooks import geotext_tag_entities  # noqa: E402


def test_tagger_conforms():
    [entities] = testing.check_tagger(geotext_tag_entities, [ARTICLE], config={"{{name}}": {"terms": TERMS}})
    found = {entity.id: [m.start for m in entity.mentions] for entity in entities}
    assert found == {"iso:MNG": [0, 58], "org:bank-of-mongolia": [36]}


def test_tagger_rejects_an_incomplete_term():
    with pytest.raises(geotext.ConfigError, match="'Mongolia'"):
        {{class}}Tagger({"Mongolia": {"id": "iso:MNG"}})


def test_tagger_through_geotext():
    analysis = geotext.analyze(ARTICLE, plugins=["{{name}}"], config={"{{name}}": {"terms": TERMS}})
    assert [entity.id for entity in analysis.entities] == ["iso:MNG", "org:bank-of-mongolia"]
# <<< kind:tagger
# >>> kind:exporter


def test_exporter_conforms():
    entity = geotext.Entity(id="iso:MNG", kind="state", name="Mongolia",
                            mentions=[geotext.Mention(start=0, end=8, text="Mongolia")])
    output = testing.check_exporter({{class}}Exporter(), [geotext.Analysis(article=ARTICLE, entities=[entity])])
    assert output.decode("utf-8") == f"{ARTICLE.id}\tMongolia and China sign a pact\tiso:MNG\n"


def test_exporter_survives_any_text():
    testing.exporter_survives_any_text({{class}}Exporter(), max_examples=50)


def test_exporter_through_geotext():
    output = geotext.export(geotext.Analysis(article=ARTICLE), "{{name}}", plugins=["{{name}}"])
    assert output.count("\n") == 1
# <<< kind:exporter
