"""The example plugin of the documentation (docs/examples/geotext-watchlist), tested.

The docs include the code between the ``# -- start NAME --`` / ``# -- end NAME --``
markers of this file (see docs/writing-plugins.md), so every example shown there runs
here. The plugin is imported from its source tree and registered in-process; installing
a plugin for real is tested by tests/test_template.py.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
import tomllib

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "geotext-watchlist"
sys.path.insert(0, str(EXAMPLE / "src"))

import geotext  # noqa: E402
from geotext import Pipeline, PluginSet  # noqa: E402
from geotext.exceptions import ConfigError, ParseError  # noqa: E402

WIRE = (
    "HEADLINE: Mongolia and the Bank of Mongolia prepare a loan\n"
    "DATE: 2024-06-12\n"
    "SOURCE: Example Wire\n"
    "\n"
    "The Bank of Mongolia said on Tuesday that Mongolia would borrow.\n"
    "\n"
    "Ulaanbaatar expects the Asian Development Bank to lend.\n"
)

ENTRIES = {
    "iso:MNG": {"name": "Mongolia", "kind": "state", "aliases": ["Ulaanbaatar"]},
    "org:bank-of-mongolia": {"name": "Bank of Mongolia", "kind": "organisation"},
    "igo:ADB": {"name": "Asian Development Bank", "kind": "organisation", "aliases": ["ADB"]},
}


# -- start test_parser --
from geotext.testing import check_parser, check_parser_on_bytes  # noqa: E402
from geotext_watchlist import NewswireParser  # noqa: E402


def test_newswire_parser_conforms():
    articles = check_parser(NewswireParser(), samples=[WIRE, b"HEADLINE: Only a headline\n"])
    assert [a.title for a in articles] == [
        "Mongolia and the Bank of Mongolia prepare a loan",
        "Only a headline",
    ]
    assert articles[0].paragraph_texts()[1].startswith("The Bank of Mongolia said")


def test_newswire_parser_survives_any_bytes():
    check_parser_on_bytes(NewswireParser())


# -- end test_parser --


def test_newswire_parser_names_the_source_on_bad_input():
    source = geotext.Source.from_input(b"DATE: yesterday\n\nBody.", name="bad.wire")
    with pytest.raises(ParseError, match="bad.wire: no HEADLINE"):
        list(NewswireParser().parse(source))
    source = geotext.Source.from_input(b"HEADLINE: x\nDATE: soon\n\nBody.", name="late.wire")
    with pytest.raises(ParseError, match="late.wire: DATE 'soon'"):
        list(NewswireParser().parse(source))


# -- start test_tagger --
from geotext.testing import check_tagger  # noqa: E402
from geotext_watchlist import WatchlistTagger  # noqa: E402
from geotext_watchlist.hooks import geotext_tag_entities  # noqa: E402


def test_watchlist_tagger_conforms():
    article = next(NewswireParser().parse(geotext.Source.from_input(WIRE)))
    config = {"watchlist": {"entries": ENTRIES}}
    [entities] = check_tagger(geotext_tag_entities, [article], config=config)
    found = {e.id: [m.text for m in e.mentions] for e in entities}
    assert found == {
        "iso:MNG": ["Mongolia", "Mongolia", "Ulaanbaatar"],  # not the one inside "Bank of Mongolia"
        "org:bank-of-mongolia": ["Bank of Mongolia", "Bank of Mongolia"],
        "igo:ADB": ["Asian Development Bank"],
    }


def test_watchlist_tagger_rejects_an_entry_without_kind():
    with pytest.raises(ConfigError, match="'iso:MNG'"):
        WatchlistTagger({"iso:MNG": {"name": "Mongolia"}})


# -- end test_tagger --


# -- start test_exporter --
from geotext.testing import check_exporter, exporter_survives_any_text  # noqa: E402
from geotext_watchlist import MentionsTsvExporter  # noqa: E402


def test_mentions_tsv_exporter_conforms():
    article = geotext.Article(text="Mongolia\tand\nMongolia")
    entity = geotext.Entity(
        id="iso:MNG",
        kind="state",
        name="Mongolia",
        mentions=[
            geotext.Mention(start=0, end=8, text="Mongolia"),
            geotext.Mention(start=13, end=21, text="Mongolia"),
        ],
    )
    output = check_exporter(MentionsTsvExporter(), [geotext.Analysis(article=article, entities=[entity])])
    rows = output.decode("utf-8").splitlines()
    assert rows[0].split("\t")[1:] == ["entity_id", "kind", "start", "end", "form", "text"]
    assert [row.split("\t")[1:] for row in rows[1:]] == [
        ["iso:MNG", "state", "0", "8", "name", "Mongolia"],
        ["iso:MNG", "state", "13", "21", "name", "Mongolia"],
    ]


def test_mentions_tsv_exporter_survives_any_text():
    exporter_survives_any_text(MentionsTsvExporter())


# -- end test_exporter --


# -- start test_pipeline --
import geotext_watchlist.hooks  # noqa: E402


def test_watchlist_plugin_through_the_pipeline(tmp_path):
    plugins = PluginSet(discover=False)  # only what is registered below
    plugins.register(geotext_watchlist.hooks, name="watchlist", distribution="geotext-watchlist")
    pipeline = Pipeline(plugins=plugins, config={"watchlist": {"entries": ENTRIES}})

    [info] = plugins.plugins()
    assert (info.name, info.kinds, info.parsers, info.exporters) == (
        "watchlist",
        ("exporter", "parser", "tagger"),
        ("newswire",),
        ("mentions-tsv",),
    )

    path = tmp_path / "loan.wire"
    path.write_text(WIRE, encoding="utf-8")
    analysis = pipeline.analyze(path)  # the parser is chosen by the .wire suffix
    assert analysis.article.provenance.parser == "newswire"
    assert [e.id for e in analysis.entities] == ["iso:MNG", "org:bank-of-mongolia", "igo:ADB"]

    table = pipeline.export(analysis, format="mentions-tsv", header=False)
    assert table.count("\n") == 6  # one row per mention


# -- end test_pipeline --


def test_packaging_declares_the_hooks_module_as_entry_point():
    project = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["entry-points"]["geotext.plugins"] == {"watchlist": "geotext_watchlist.hooks"}
    for name in ("README.md", "CHANGELOG.md", "src/geotext_watchlist/py.typed"):
        assert (EXAMPLE / name).is_file(), name


def test_mentions_tsv_escapes_tabs_and_newlines():
    article = geotext.Article(text="A\tB\nC")
    entity = geotext.Entity(
        id="x:ab", kind="group", name="AB", mentions=[geotext.Mention(start=0, end=5, text="A\tB\nC")]
    )
    stream = io.BytesIO()
    MentionsTsvExporter(header=False).write([geotext.Analysis(article=article, entities=[entity])], stream)
    assert stream.getvalue().decode("utf-8").rstrip("\n").split("\t")[-1] == "A\\tB\\nC"
