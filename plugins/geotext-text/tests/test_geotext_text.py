"""Tests of the plain-text parser, used directly and through its entry point."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import geotext
from geotext import Article, ParseError, Source
from geotext.testing import check_parser, check_parser_on_bytes
from geotext_text import TextParser

SHARED_SEEDS = Path(__file__).resolve().parents[4] / "shared" / "seeds"

ARTICLE = (
    "China Urges Mongolia to Join Regional Bloc\n"
    "\n"
    "Chinese Premier encourages Mongolia to consider joining a regional security group.\n"
    "\n"
    "Chinese Premier Li Qiang expressed China\u2019s intention to enhance cooperation with Mongolia.\n"
    "\n"
    "Photo Source: example.org\n"
    "\n"
    "In response, Oyun-Erdene expressed Mongolia\u2019s readiness to cooperate with China.\n"
    "\n"
    "Related Articles\n"
)


def parse(value, **options) -> Article:
    items = list(TextParser().parse(Source.from_input(value, name="a.txt", **options)))
    assert len(items) == 1
    return items[0]


def test_headline_paragraphs_and_boilerplate():
    article = parse(ARTICLE)
    assert article.title == "China Urges Mongolia to Join Regional Bloc"
    assert article.paragraph_texts() == [
        "China Urges Mongolia to Join Regional Bloc",
        "Chinese Premier encourages Mongolia to consider joining a regional security group.",
        "Chinese Premier Li Qiang expressed China\u2019s intention to enhance cooperation with Mongolia.",
        "In response, Oyun-Erdene expressed Mongolia\u2019s readiness to cooperate with China.",
    ]
    assert "Photo Source" not in article.text and "Related Articles" not in article.text
    assert article.metadata["photo_source"] == "example.org"
    assert article.metadata["boilerplate"] == ["Photo Source: example.org", "Related Articles"]
    assert article.metadata["standfirst"].startswith("Chinese Premier encourages")
    assert article.text == "\n\n".join(article.paragraph_texts())


def test_trailing_related_list_is_moved_but_a_long_paragraph_after_it_is_kept():
    text = "Title\n\nBody one.\n\nRelated Articles\n\nOther story A\n\nOther story B\n"
    article = parse(text)
    assert article.paragraph_texts() == ["Title", "Body one."]
    assert article.metadata["boilerplate"] == ["Related Articles", "Other story A", "Other story B"]
    long_paragraph = "A real paragraph " * 20
    article = parse(f"Title\n\nBody one.\n\nRead more\n\n{long_paragraph.strip()}\n")
    assert article.paragraph_texts()[-1] == long_paragraph.strip()
    assert article.metadata["boilerplate"] == ["Read more"]


def test_share_prompts_and_read_more_lines():
    article = parse("Title\n\nBody.\n\nRead more: Another story\n\nShare this article\n\nMore body.\n")
    assert article.paragraph_texts() == ["Title", "Body.", "More body."]
    assert article.metadata["boilerplate"] == ["Read more: Another story", "Share this article"]


def test_front_matter():
    text = (
        "---\nurl: https://example.org/a\ndate: 2024-07-04T10:00:00Z\nsource: Example News\n"
        "language: en\nauthors:\n  - Jane Doe\n  - John Roe\nsection: World\n---\n"
        "Headline\n\nBody.\n"
    )
    article = parse(text)
    assert article.url == "https://example.org/a"
    assert article.published.isoformat() == "2024-07-04T10:00:00+00:00"
    assert article.source == "Example News"
    assert article.language == "en"
    assert article.authors == ("Jane Doe", "John Roe")
    assert article.metadata["front_matter"] == {"section": "World"}
    assert article.text == "Headline\n\nBody."


def test_front_matter_title_becomes_the_headline():
    article = parse("---\ntitle: The Headline\npublished: Thu, 04 Jul 2024 10:00:00 GMT\n---\nFirst paragraph.\n")
    assert article.title == "The Headline"
    assert article.paragraph_texts() == ["The Headline", "First paragraph."]
    assert article.published.year == 2024


def test_a_leading_rule_that_is_not_front_matter_is_text():
    article = parse("---\nNot a key value line\n---\nBody.")
    assert "Not a key value line" in article.text


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8-sig"),
        (ARTICLE.encode("utf-16"), "utf-16"),
        (ARTICLE.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        (ARTICLE.replace("\n", "\r").encode("utf-8"), "utf-8"),
    ],
)
def test_encodings_and_line_endings_give_the_same_text(data, encoding):
    article = parse(data)
    assert article.text == parse(ARTICLE).text
    assert article.provenance.encoding == encoding


def test_legacy_8bit_fallback_is_recorded():
    text = (
        "Économie : la Chine et la Mongolie signent un accord\n\n"
        "Le Premier ministre chinois a déclaré que la coopération économique était essentielle. "
        "Les deux pays ont signé plusieurs accords à Oulan-Bator, selon un communiqué publié jeudi.\n"
    )
    article = parse(text.encode("cp1252"))
    assert article.text == text.strip()
    assert article.provenance.encoding not in (None, "utf-8")


def test_invalid_utf8_with_a_declared_charset_names_the_source_and_byte():
    with pytest.raises(ParseError) as info:
        parse(b"Headline\n\nBody \xff\xfe broken", media_type="text/plain; charset=utf-8")
    assert info.value.source == "a.txt"
    assert "byte 15" in str(info.value)


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\n \r\n", bytes(range(256)) * 8, b"\x00\x01\x02\x03binary\x00garbage\xff\xfe\x00" * 20],
    ids=["empty", "blank", "all-bytes", "binary"],
)
def test_bad_input_raises_parse_error_naming_the_source(data):
    with pytest.raises(ParseError) as info:
        parse(data)
    assert info.value.source == "a.txt"


def test_input_too_large(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"Headline\n\n" + b"word " * 1000)
    with pytest.raises(geotext.InputTooLargeError) as info:
        list(TextParser().parse(Source.from_input(path, max_bytes=100)))
    assert info.value.source == str(path)


def test_conformance():
    check_parser(TextParser(), [ARTICLE, ARTICLE.encode("utf-16"), b"One line only", "\n\nLeading blank lines\n\nx"])


def test_never_raises_anything_but_geotext_errors_on_arbitrary_bytes():
    check_parser_on_bytes(TextParser())


_line = st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=60).filter(
    lambda s: s.strip() != ""
)


@given(st.lists(_line, min_size=1, max_size=8), st.sampled_from(["\n", "\r\n", "\r"]))
def test_spans_and_headline_lie_inside_the_text(lines, newline):
    raw = (newline * 2).join(lines)
    try:
        article = parse(raw)
    except ParseError:
        return
    for span in article.paragraphs:
        assert 0 <= span.start <= span.end <= len(article.text)
        assert span.slice(article.text).strip()
    if article.title:
        assert article.text.startswith(article.title)
    assert "\r" not in article.text


def test_seeds_parse_when_present():
    seeds = sorted(SHARED_SEEDS.glob("*.txt")) if SHARED_SEEDS.is_dir() else []
    if not seeds:
        pytest.skip("../shared/seeds is not present")
    for path in seeds:
        article = parse(path)
        assert article.title and article.text.startswith(article.title)
        assert "Photo Source" not in article.text
        assert article.provenance.encoding == "utf-8"


def test_installed_through_the_entry_point(tmp_path):
    info = {plugin.name: plugin for plugin in geotext.list_plugins()}["text"]
    assert info.loaded and info.distribution == "geotext-text"
    assert "parser" in info.kinds and info.parsers == ("text",)
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    analysis = geotext.analyze(path, plugins=["text"])
    assert analysis.article.provenance.parser == "text"
    assert analysis.article.provenance.source == str(path)
    # chosen by sniffing when the suffix says nothing
    other = tmp_path / "story.unknown"
    other.write_text(ARTICLE, encoding="utf-8")
    assert geotext.analyze(other, plugins=["text"]).article.title == parse(ARTICLE).title
    assert geotext.analyze(ARTICLE, plugins=["text"]).article.text == parse(ARTICLE).text


def test_analyze_many_reports_bad_files_and_keeps_the_good(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    batch = geotext.analyze_many([good, empty], plugins=["text"])
    results = list(batch)
    assert [r.article.provenance.source for r in results] == [str(good)]
    assert [(f.source, f.error_type) for f in batch.failures] == [(str(empty), "ParseError")]


def test_utf8_with_a_few_bad_bytes_is_read_as_utf8_and_says_so():
    text = "\u201cChina\u201d urged Mongolia \u2014 \u201cwe are friends,\u201d said Li Qiang.\n\n" * 20
    data = bytearray(text.encode())
    for position in (100, 400, 700, 900):
        data[position] = 0xFF  # four bad bytes in an otherwise UTF-8 text
    analysis = geotext.analyze(bytes(data), plugins=["text"], parser="text")
    article = analysis.article
    assert article.provenance.encoding == "utf-8"
    assert article.provenance.replaced_bytes >= 4
    assert article.text.count("\u201c") >= 36  # the curly quotes are not garbled
    assert "\ufffd" in article.text
    assert article.to_dict()["provenance"]["replaced_bytes"] == article.provenance.replaced_bytes


def test_valid_utf8_records_no_replaced_bytes():
    article = geotext.analyze("\u201cChina\u201d\n\nBody.".encode(), plugins=["text"], parser="text").article
    assert article.provenance.replaced_bytes == 0
    assert "replaced_bytes" not in article.to_dict()["provenance"]


def test_a_legacy_8bit_text_is_not_taken_for_damaged_utf8():
    data = ("Caf\u00e9 society in Paris. The r\u00e9sum\u00e9 of a na\u00efve minister.\n\n" * 5).encode("latin-1")
    article = geotext.analyze(data, plugins=["text"], parser="text").article
    assert article.provenance.encoding != "utf-8" and "\ufffd" not in article.text
