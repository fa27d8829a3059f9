"""Tests of the HTML parser, used directly and through its entry point."""

from __future__ import annotations

import pytest

import geotext
from geotext import InputTooLargeError, ParseError, Source
from geotext.testing import check_parser, check_parser_on_bytes
from geotext_html import HtmlParser, extract_article

BODY = [
    "Chinese Premier Li Qiang expressed China's intention to enhance cooperation with Mongolia within "
    "the framework of the Eurasian security bloc, which recently admitted Iran as its ninth member.",
    "Mongolia has maintained its observer status in the Shanghai Cooperation Organization for nearly two "
    "decades, while countries like India, Pakistan and Iran have become full-fledged members.",
    "Li conveyed this message during a meeting with Mongolian Prime Minister Oyun-Erdene at an SCO "
    "gathering in Bishkek, according to a statement published by the Chinese foreign ministry.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>China urges Mongolia to join regional bloc | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-07-04T10:00:00Z">
<link rel="canonical" href="https://example.org/news/china-mongolia">
<link rel="stylesheet" href="https://cdn.example.org/site.css">
<script src="https://cdn.example.org/app.js"></script>
<script>var SCRIPTMARKER = "must not reach the text";</script>
<style>body {{ color: red }} .STYLEMARKER {{ }}</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>China urges Mongolia to join regional bloc</h1>
<p>{BODY[0]}</p><script>document.write("SCRIPTMARKER2")</script>
<img src="https://images.example.org/photo.jpg">
<p>{BODY[1]}</p>
<p>{BODY[2]}</p></article>
<footer>Copyright Example News</footer></body></html>""".encode()


def parse(data, **options):
    items = list(HtmlParser().parse(Source.from_input(data, name="page.html", **options)))
    assert len(items) == 1
    return items[0]


def test_main_text_metadata_and_paragraphs(no_network):
    article = parse(PAGE)
    assert article.title == "China urges Mongolia to join regional bloc"
    assert article.paragraph_texts() == [article.title, *BODY]
    assert article.text.startswith(article.title)
    assert "MARKER" not in article.text and "Home" not in article.text
    assert article.url == "https://example.org/news/china-mongolia"
    assert article.source == "Example News"
    assert article.authors == ("Jane Doe",)
    assert article.published is not None and article.published.date().isoformat() == "2024-07-04"
    assert article.language == "en-GB"
    assert article.provenance.parser == "html" and article.provenance.source == "page.html"


def test_extract_article_takes_a_url_and_record():
    article = extract_article(PAGE, source="x.warc", url="https://example.org/other", record=7)
    assert article.url == "https://example.org/other"
    assert article.provenance.record == 7


@pytest.mark.parametrize(
    "data",
    [b"", b"   ", bytes(range(256)) * 16, b"<html><body></body></html>", b"\xff\xfe\xfd not utf-8 \xc3\x28"],
    ids=["empty", "blank", "binary", "no-text", "invalid-utf8"],
)
def test_bad_pages_raise_parse_error_naming_the_source(data):
    with pytest.raises(ParseError) as info:
        parse(data)
    assert info.value.source == "page.html"


def test_twenty_megabyte_single_line_page_is_refused(tmp_path, no_network):
    path = tmp_path / "huge.html"
    paragraph = b"<p>" + b"word " * 100 + b"</p>"
    path.write_bytes(b"<html><body>" + paragraph * (20 * 1024 * 1024 // len(paragraph) + 1) + b"</body></html>")
    assert path.stat().st_size > 20 * 1024 * 1024 and path.read_bytes().count(b"\n") == 0
    with pytest.raises(InputTooLargeError) as info:
        list(HtmlParser().parse(Source.from_input(path)))
    assert info.value.source == str(path)
    batch = geotext.analyze_many([path], plugins=["html"])
    assert list(batch) == []
    assert [(f.source, f.error_type) for f in batch.failures] == [(str(path), "InputTooLargeError")]


def test_page_limit_is_an_option():
    with pytest.raises(InputTooLargeError):
        parse(PAGE, options={"max_page_bytes": 100})


def test_conformance():
    check_parser(HtmlParser(), [PAGE, b"<p>short</p>", PAGE.decode()])


def test_never_raises_anything_but_geotext_errors_on_arbitrary_bytes(no_network):
    check_parser_on_bytes(HtmlParser())


def test_installed_through_the_entry_point(tmp_path, no_network):
    info = {plugin.name: plugin for plugin in geotext.list_plugins()}["html"]
    assert info.loaded and info.distribution == "geotext-html" and info.parsers == ("html",)
    path = tmp_path / "page.html"
    path.write_bytes(PAGE)
    assert geotext.analyze(path, plugins=["html"]).article.url == "https://example.org/news/china-mongolia"
    # by media type, and by sniffing a file without a telling suffix
    assert geotext.analyze(PAGE, plugins=["html"], media_type="text/html").article.title
    other = tmp_path / "page.bin"
    other.write_bytes(PAGE)
    assert geotext.analyze(other, plugins=["html"]).article.provenance.parser == "html"
