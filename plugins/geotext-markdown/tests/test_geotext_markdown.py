from __future__ import annotations

import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import geotext
from geotext.testing import analyses, check_exporter, exporter_survives_any_text, texts
from geotext_markdown import MarkdownExporter, escape


def render(results, **options) -> str:
    buffer = io.BytesIO()
    MarkdownExporter(**options).write(results, buffer)
    return buffer.getvalue().decode("utf-8")


def split_row(line: str) -> list[str]:
    """Split a GitHub table row on unescaped pipes (a backslash escapes the next character)."""
    cells, current, index = [], [], 1
    while index < len(line) - 1:
        char = line[index]
        if char == "\\":
            current.append(line[index : index + 2])
            index += 2
            continue
        if char == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    cells.append("".join(current))
    return cells


def tables(markdown: str) -> list[list[str]]:
    blocks, block = [], []
    for line in markdown.split("\n"):
        if line.startswith("|"):
            block.append(line)
        elif block:
            blocks.append(block)
            block = []
    return blocks


def assert_tables_keep_their_columns(markdown: str) -> int:
    found = tables(markdown)
    for block in found:
        widths = {len(split_row(line)) for line in block}
        assert len(widths) == 1, block
        assert set(split_row(block[1])) == {" --- "}
    # a real parser agrees: every row of every rendered table has the header's cell count
    markdown_it = pytest.importorskip("markdown_it")
    tokens = markdown_it.MarkdownIt("commonmark").enable("table").parse(markdown)
    rendered, cells, width = 0, None, None
    for token in tokens:
        if token.type == "table_open":
            rendered += 1
            width = None
        elif token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            width = cells if width is None else width
            assert cells == width
        for part in [token, *(token.children or [])]:
            if part.type in ("html_inline", "html_block"):
                raise AssertionError(f"article text injected HTML: {part.content!r}")
    assert rendered == len(found)
    return len(found)


# -- discovery and conformance -----------------------------------------------------------


def test_found_through_its_entry_point(seed_analyses):
    info = {plugin.name: plugin for plugin in geotext.list_plugins()}["markdown"]
    assert info.error is None and info.distribution == "geotext-markdown"
    assert info.exporters == ("markdown",)
    text = geotext.export(seed_analyses, format="markdown", plugins=["markdown"])
    assert text.startswith("# geotext report\n\n## Corpus summary")


def test_conformance(seed_analyses):
    exporter = MarkdownExporter()
    check_exporter(exporter, seed_analyses)
    check_exporter(exporter, [])
    exporter_survives_any_text(exporter)


# -- properties -------------------------------------------------------------------------------


@given(st.lists(analyses(), min_size=1, max_size=3))
def test_every_table_keeps_its_column_count(results):
    assert_tables_keep_their_columns(render(results))


_hostile = st.lists(
    st.sampled_from(
        [
            "|",
            "\\",
            "`",
            "``",
            "*",
            "_",
            "<b>",
            "</td>",
            "<script>",
            "&amp;",
            "[x](y)",
            "\n",
            "\r",
            "\r\n",
            "\u2028",
            "#",
            "- ",
            "1. ",
            "~~",
            "!",
            "\x00",
            "&#124;",
        ]
    ),
    min_size=1,
    max_size=8,
).map("".join)


@given(st.lists(analyses(text=st.one_of(_hostile, texts())), min_size=1, max_size=2))
def test_hostile_text_never_breaks_a_table_or_injects_markup(results):
    assert_tables_keep_their_columns(render(results))


@given(st.one_of(_hostile, texts(max_size=60)))
def test_escaped_text_renders_as_itself(text):
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render("x " + escape(text))
    assert "<" not in html.replace("<p>", "").replace("</p>", "")  # no tag from the text
    plain = re.sub(r"\s+", " ", text.replace("\x00", "\ufffd")).strip()
    import html as html_module

    shown = re.sub(r"\s+", " ", html_module.unescape(html[3:-5])).strip()[2:].strip()
    assert shown == plain


# -- content ---------------------------------------------------------------------------------------


def test_report_content(seed_analyses):
    text = render(seed_analyses)
    assert "[Q148](https://www.wikidata.org/wiki/Q148)" in text
    assert "[1528675](https://www.geonames.org/1528675)" in text
    assert "**Li Qiang** (for **China**) → **Mongolia**: *expressed*" in text
    assert "“Li Qiang expressed China’s intention to enhance cooperation with Mongolia”" in text
    assert "CAMEO 030 · PLOVER AGREE · intended · confidence 0.85" in text
    assert "| China | Mongolia | 3 | 030 ×2, 02 | AGREE ×2, REQUEST | express ×2, urge |" in text
    assert "Example \\| Asia desk" in text  # the pipe in a source name is escaped
    single = render(seed_analyses[:1])
    assert "Corpus summary" not in single and single.count("\n## ") == 1


def test_links_only_for_well_formed_ids():
    entity = geotext.Entity(id="iso:XXX", kind="state", name="X", ids={"wikidata": "Q1)[evil](x", "geonames": "12a"})
    analysis = geotext.Analysis(article=geotext.Article(text="X"), entities=[entity])
    text = render([analysis])
    assert "wikidata.org" not in text and "geonames.org" not in text
    assert "Q1)\\[evil\\](x" in text


# -- golden files ------------------------------------------------------------------------------------


def test_golden_seeds(seed_analyses, golden):
    golden("seeds.md", render(seed_analyses).encode("utf-8"))
    golden("seed-urges.md", render(seed_analyses[:1]).encode("utf-8"))


def test_seed_gold_report(seed_gold_analyses):
    assert assert_tables_keep_their_columns(render(seed_gold_analyses)) >= 3


def test_claims_show_their_actor_codes(seed_analyses):
    import attrs

    analysis = seed_analyses[0]
    first = analysis.claims[0]
    coded = attrs.evolve(first, source_codes=["CHNGOV"] * len(first.sources), target_codes=[None] * len(first.targets))
    report = render([attrs.evolve(analysis, claims=[coded, *analysis.claims[1:]])])
    assert "· actors " + ", ".join(["CHNGOV"] * len(first.sources)) in report
    assert "· actors " not in render([analysis])  # no codes, no mention of them


# -- where and when -------------------------------------------------------------------------------


def test_claims_say_where_and_when(seed_analyses, with_place_and_date):
    text = render([with_place_and_date(seed_analyses[0])])
    assert "**China** → **Mongolia**: *Urges* in **Bishkek** on 2024-07-04 — “China Urges" in text
    assert "*expressed* in **Bishkek** — “" in text
    assert "*observer\\_of* — “Mongolia" in text  # a relation has neither
    assert "*Urges* in **Bishkek** in the week of 2024-07-04 —" in render(
        [with_place_and_date(seed_analyses[0], precision="week")]
    )
    assert "*Urges* in **Bishkek** in 2024-07 —" in render([with_place_and_date(seed_analyses[0], precision="month")])
    assert "*Urges* in **Bishkek** in 2024 —" in render([with_place_and_date(seed_analyses[0], precision="year")])
    assert "*Urges* in *Eurasian* on 2024-07-04 —" in render(
        [with_place_and_date(seed_analyses[0], unknown_place=True)]
    )


def test_lone_surrogates_are_shown_escaped_not_a_crash():
    text = "Bad \udcff byte in China"
    entity = geotext.Entity(
        id="iso:CHN",
        kind="state",
        name="China\ud800",
        mentions=[geotext.Mention(start=len(text) - 5, end=len(text), text="China")],
    )
    analysis = geotext.Analysis(article=geotext.Article(text=text, title="Title \udcfe"), entities=[entity])
    report = geotext.export([analysis, analysis], "markdown")
    assert "\\udcfe" in report and "\\ud800" in report
