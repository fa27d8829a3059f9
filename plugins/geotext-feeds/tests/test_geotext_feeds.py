"""Tests of the RSS/Atom parser, used directly and through its entry point."""

from __future__ import annotations

import pytest

import geotext
from geotext import ParseError, Source
from geotext.testing import check_parser
from geotext_feeds import FeedParser, html_to_paragraphs

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example &amp; News</title><link>https://example.org/</link><language>en</language>
<item><title>China urges Mongolia to join regional bloc</title>
<link>https://example.org/news/1</link><guid>urn:example:1</guid>
<pubDate>Thu, 04 Jul 2024 10:00:00 GMT</pubDate><dc:creator>Jane Doe</dc:creator>
<description>A short summary.</description>
<content:encoded><![CDATA[<p>Li Qiang spoke in <b>Bishkek</b>.</p><script>alert("x")</script>
<style>p{}</style><p>Oyun-Erdene answered.<br/>He spoke of the corridor.</p>
<img src="https://images.example.org/a.jpg">]]></content:encoded></item>
<item><title>Second item</title><link>https://example.org/news/2</link>
<description>&lt;p&gt;Only the summary, as HTML.&lt;/p&gt;</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>Atom News</title><id>urn:feed</id><updated>2024-07-05T00:00:00Z</updated>
<entry><title>Atom entry</title><id>urn:e1</id><link href="https://example.org/atom/1"/>
<published>2024-07-05T08:30:00Z</published><updated>2024-07-05T09:00:00Z</updated>
<author><name>John Roe</name></author>
<summary>Summary text.</summary>
<content type="html">&lt;p&gt;Full content one.&lt;/p&gt;&lt;p&gt;Full content two.&lt;/p&gt;</content></entry>
<entry><title>Plain entry</title><id>urn:e2</id><link href="https://example.org/atom/2"/>
<updated>2024-07-06T00:00:00Z</updated><content type="text">Plain text content.</content></entry>
</feed>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>t</title><item><title>&lol9;</title><description>x</description></item>
</channel></rss>"""


def external_entity_feed(target) -> bytes:
    return f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file://{target}">]>
<rss version="2.0"><channel><title>t</title>
<item><title>Leak</title><description>&secret;</description></item></channel></rss>""".encode()


def parse(data, name="feed.rss"):
    return list(FeedParser().parse(Source.from_input(data, name=name)))


def test_rss_items_with_full_content(no_network):
    first, second = parse(RSS)
    assert first.title == "China urges Mongolia to join regional bloc"
    assert first.paragraph_texts() == [
        first.title,
        "Li Qiang spoke in Bishkek.",
        "Oyun-Erdene answered.",
        "He spoke of the corridor.",
    ]
    assert "alert" not in first.text and "p{}" not in first.text
    assert first.url == "https://example.org/news/1"
    assert first.published.isoformat() == "2024-07-04T10:00:00+00:00"
    assert first.authors == ("Jane Doe",)
    assert first.source == "Example & News" and first.language == "en"
    assert first.metadata["guid"] == "urn:example:1" and first.metadata["text_from"] == "content"
    assert first.provenance.record == 0 and first.provenance.parser == "feed"
    assert second.paragraph_texts() == ["Second item", "Only the summary, as HTML."]
    assert second.metadata["text_from"] == "summary" and second.provenance.record == 1


def test_atom_entries(no_network):
    first, second = parse(ATOM, "feed.atom")
    assert first.paragraph_texts() == ["Atom entry", "Full content one.", "Full content two."]
    assert first.published.isoformat() == "2024-07-05T08:30:00+00:00"
    assert first.authors == ("John Roe",) and first.url == "https://example.org/atom/1"
    assert second.text == "Plain entry\n\nPlain text content."
    assert second.published.isoformat() == "2024-07-06T00:00:00+00:00"


def test_billion_laughs_is_refused():
    with pytest.raises(ParseError, match="unsafe XML") as info:
        parse(BILLION_LAUGHS)
    assert info.value.source == "feed.rss"


def test_external_entity_to_a_local_file_is_refused(tmp_path, no_network):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    with pytest.raises(ParseError, match="unsafe XML") as info:
        parse(external_entity_feed(secret))
    assert info.value.source == "feed.rss" and "TOPSECRET" not in str(info.value)


def test_bytes_that_look_like_a_path_are_never_opened(tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_bytes(RSS)
    with pytest.raises(ParseError):
        parse(str(secret).encode())


@pytest.mark.parametrize(
    "data",
    [b"", b"  \n", bytes(range(256)) * 4, b"plain text, not a feed", b"\xff\xfe\xfd<rss>\xc3\x28"],
    ids=["empty", "blank", "binary", "text", "invalid-utf8"],
)
def test_bad_input_names_the_source(data):
    with pytest.raises(ParseError) as info:
        parse(data)
    assert info.value.source == "feed.rss"


def test_html_to_paragraphs():
    assert html_to_paragraphs("<div>One<p>Two &amp; three</p><ul><li>Four</li></ul></div>") == [
        "One",
        "Two & three",
        "Four",
    ]


def test_conformance():
    check_parser(FeedParser(), [RSS, ATOM, BILLION_LAUGHS])


def test_installed_through_the_entry_point_and_analyze_many(tmp_path, no_network):
    info = {plugin.name: plugin for plugin in geotext.list_plugins()}["feeds"]
    assert info.loaded and info.distribution == "geotext-feeds" and info.parsers == ("feed",)
    good = tmp_path / "news.rss"
    good.write_bytes(RSS)
    bad = tmp_path / "laughs.rss"
    bad.write_bytes(BILLION_LAUGHS)
    sniffed = tmp_path / "atom.data"
    sniffed.write_bytes(ATOM)
    batch = geotext.analyze_many([good, bad, sniffed], plugins=["feeds"])
    assert [(r.article.provenance.source, r.article.provenance.record) for r in batch] == [
        (str(good), 0),
        (str(good), 1),
        (str(sniffed), 0),
        (str(sniffed), 1),
    ]
    assert [(f.source, f.error_type) for f in batch.failures] == [(str(bad), "ParseError")]


@pytest.mark.parametrize(
    "encoding,codec",
    [
        ("UTF-32", "utf-32"),
        ("UTF-32BE", "utf-32-be"),
        ("UTF-32LE", "utf-32-le"),
        ("UTF-16", "utf-16"),
        ("cp037", "cp037"),
        ("cp500", "cp500"),
        ("cp1140", "cp1140"),
    ],
)
@pytest.mark.parametrize("attack", ["laughs", "external"])
def test_entity_checks_hold_in_any_encoding(encoding, codec, attack, tmp_path, no_network):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    document = (BILLION_LAUGHS if attack == "laughs" else external_entity_feed(secret)).decode()
    document = document.replace('<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{encoding}"?>')
    with pytest.raises(ParseError, match="unsafe XML") as info:
        parse(document.encode(codec))
    assert "TOPSECRET" not in str(info.value)


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_a_safe_feed_in_a_wide_encoding_is_not_refused(codec, no_network):
    document = RSS.decode().replace('encoding="utf-8"', f'encoding="{codec.upper()}"')
    try:
        items = parse(document.encode(codec))
    except ParseError as exc:
        assert "unsafe" not in str(exc)
    else:
        assert items
