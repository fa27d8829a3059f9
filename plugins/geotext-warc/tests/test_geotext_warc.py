"""Tests of the WARC parser, used directly and through its entry point.

The archives are written here with warcio's own writer.
"""

from __future__ import annotations

import gzip
import io
import tracemalloc

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import geotext
from geotext import ParseError, Source
from geotext.testing import check_parser
from geotext_warc import WarcParser

PARAGRAPH = (
    "Chinese Premier Li Qiang expressed China's intention to enhance cooperation with Mongolia "
    "within the framework of the Eurasian security bloc, story number {n}."
)


def page(n: int, *, dated: bool = True) -> bytes:
    date = '<meta property="article:published_time" content="2024-07-04">' if dated else ""
    return (
        f'<html lang="en"><head><title>Story {n}</title>{date}'
        f'<script src="https://cdn.example.org/x.js"></script></head><body><article><h1>Story {n}</h1>'
        + "".join(f"<p>{PARAGRAPH.format(n=n)} Paragraph {i}.</p>" for i in range(3))
        + "</article></body></html>"
    ).encode()


def write_warc(records, *, gzip: bool = True) -> bytes:
    """*records*: (uri, status, content type, payload, record type) tuples."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "geotext tests"}))
    for uri, status, media, payload, rec_type in records:
        if rec_type == "request":
            headers = StatusAndHeaders(f"GET {uri} HTTP/1.1", [("Host", "example.org")], is_http_request=True)
        else:
            headers = StatusAndHeaders(status, [("Content-Type", media)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                uri,
                rec_type,
                payload=io.BytesIO(payload),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-07-05T12:00:00Z"},
            )
        )
    return buffer.getvalue()


MIXED = [
    ("https://example.org/1", "200 OK", "text/html; charset=utf-8", b"", "request"),
    ("https://example.org/1", "200 OK", "text/html; charset=utf-8", page(1), "response"),
    ("https://example.org/old", "301 Moved Permanently", "text/html", b"<html>moved</html>", "response"),
    ("https://example.org/a.jpg", "200 OK", "image/jpeg", b"\xff\xd8\xff" + b"\x00" * 500, "response"),
    ("https://example.org/empty", "200 OK", "text/html", b"<html><body></body></html>", "response"),
    ("https://example.org/2", "200 OK", "application/xhtml+xml", page(2, dated=False), "response"),
]


def parse(data, name="crawl.warc.gz", **options):
    return list(WarcParser().parse(Source.from_input(data, name=name, **options)))


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_html_responses_become_articles(gzip, no_network):
    items = parse(write_warc(MIXED, gzip=gzip))
    first, bad, second = items
    assert first.url == "https://example.org/1" and first.title == "Story 1"
    assert first.paragraph_texts()[0] == "Story 1" and len(first.paragraphs) == 4
    assert first.published.date().isoformat() == "2024-07-04"  # the page's own date
    assert first.metadata["warc_date"] == "2024-07-05T12:00:00Z"
    assert first.provenance.record == 2 and first.provenance.parser == "warc"
    assert isinstance(bad, ParseError) and bad.record == 5 and bad.source == "crawl.warc.gz"
    assert second.url == "https://example.org/2"
    assert second.published.isoformat() == "2024-07-05T12:00:00+00:00"  # no page date: the WARC-Date
    offsets = [first.metadata["warc_offset"], second.metadata["warc_offset"]]
    assert offsets[0] < offsets[1]


def test_truncated_warc_gz_yields_the_good_records_then_an_error():
    data = write_warc([(f"https://example.org/{n}", "200 OK", "text/html", page(n), "response") for n in range(4)])
    seen = []
    with pytest.raises(ParseError) as info:
        for item in WarcParser().parse(Source.from_input(data[: len(data) - 150], name="cut.warc.gz")):
            seen.append(item)
    assert [a.url for a in seen] == [f"https://example.org/{n}" for n in range(3)]
    assert info.value.source == "cut.warc.gz" and info.value.record == 4


def test_truncated_archive_through_analyze_many(tmp_path):
    data = write_warc([(f"https://example.org/{n}", "200 OK", "text/html", page(n), "response") for n in range(3)])
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 150])
    batch = geotext.analyze_many([path], plugins=["warc", "html"])
    assert [r.article.url for r in batch] == ["https://example.org/0", "https://example.org/1"]
    assert [(f.source, f.record, f.error_type) for f in batch.failures] == [(str(path), 3, "ParseError")]


@pytest.mark.parametrize(
    "data",
    [b"", bytes(range(256)) * 4, b"\x1f\x8b\x08\x00garbage", b"WARC/1.0\r\n\r\n"],
    ids=["empty", "binary", "bad-gzip", "headers-only"],
)
def test_bad_input_names_the_source(data):
    try:
        items = parse(data, name="bad.warc")
    except ParseError as exc:
        assert exc.source == "bad.warc"
    else:  # a damaged record is reported as a bad record
        assert items and all(isinstance(i, ParseError) and i.source == "bad.warc" for i in items)


def test_oversized_page_is_a_bad_record_not_a_crash():
    data = write_warc(
        [
            ("https://example.org/big", "200 OK", "text/html", page(1) * 50, "response"),
            ("https://example.org/2", "200 OK", "text/html", page(2), "response"),
        ]
    )
    big, good = parse(data, options={"max_page_bytes": 10_000})
    assert isinstance(big, geotext.InputTooLargeError) and big.record == 1
    assert good.url == "https://example.org/2"


def test_streams_without_holding_the_archive(tmp_path):
    blob = bytes(range(256)) * 1024  # 256 KiB of binary payload per record
    records = [
        (f"https://example.org/{n}.bin", "200 OK", "application/octet-stream", blob, "response") for n in range(40)
    ]
    records.append(("https://example.org/1", "200 OK", "text/html", page(1), "response"))
    path = tmp_path / "large.warc"
    path.write_bytes(write_warc(records, gzip=False))
    size = path.stat().st_size
    tracemalloc.start()
    items = list(WarcParser().parse(Source.from_input(path)))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [a.url for a in items] == ["https://example.org/1"]
    assert peak < size / 4, f"peak {peak} bytes for a {size}-byte archive"


def test_max_records():
    data = write_warc([(f"https://example.org/{n}", "200 OK", "text/html", page(n), "response") for n in range(3)])
    with pytest.raises(geotext.InputTooLargeError):
        parse(data, max_records=2)


def test_conformance():
    check_parser(WarcParser(), [write_warc(MIXED), write_warc(MIXED, gzip=False)])


def test_installed_through_the_entry_point(tmp_path, no_network):
    info = {plugin.name: plugin for plugin in geotext.list_plugins()}["warc"]
    assert info.loaded and info.distribution == "geotext-warc" and info.parsers == ("warc",)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(write_warc(MIXED))
    sniffed = tmp_path / "crawl.data"
    sniffed.write_bytes(write_warc(MIXED))
    batch = geotext.analyze_many([path, sniffed], plugins=["warc", "html"])
    assert [r.article.url for r in batch] == ["https://example.org/1", "https://example.org/2"] * 2
    assert [(f.source, f.record) for f in batch.failures] == [(str(path), 5), (str(sniffed), 5)]


# -- hostile archives: members cut in their trailer, unbounded lines ----------------------------

RESPONSES = [(f"https://example.org/{n}", "200 OK", "text/html", page(n), "response") for n in range(5)]


def records(gz: bool) -> list[bytes]:
    """The archive of RESPONSES as one block of bytes per record (a gzip member each when *gz*)."""
    raw = write_warc(RESPONSES, gzip=False)
    blocks = [b"WARC/1." + part for part in raw.split(b"WARC/1.")[1:]]
    return [gzip.compress(block) for block in blocks] if gz else blocks


def kinds(items):
    return [type(item).__name__ for item in items]


@pytest.mark.parametrize("cut", [1, 4, 7, 8])
def test_a_last_member_cut_inside_its_trailer_is_reported(cut):
    data = write_warc(RESPONSES)
    with pytest.raises(ParseError, match="trailer") as info:
        items = []
        for item in parse(data[:-cut]):
            items.append(item)
    assert info.value.record == 5


def test_a_whole_archive_is_not_reported():
    assert kinds(parse(write_warc(RESPONSES))) == ["Article"] * 5


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
@pytest.mark.parametrize("where", ["header", "between"])
def test_an_overlong_line_is_one_bad_record_and_the_next_is_read(gz, where):
    blocks = records(gz=False)
    junk = b"\x00" * 300_000
    if where == "header":  # in the WARC headers of the third response
        blocks[3] = blocks[3].replace(b"WARC-Date: ", b"X-Junk: " + junk + b"\r\nWARC-Date: ", 1)
        expected = ["Article", "Article", "ParseError", "Article", "Article"]
    else:  # a run of zeros where the blank lines between two records belong
        blocks[3] = blocks[3] + junk
        expected = ["Article", "Article", "Article", "ParseError", "Article", "Article"]  # no record lost
    data = b"".join(gzip.compress(block) for block in blocks) if gz else b"".join(blocks)
    items = parse(data, name="crawl.warc.gz" if gz else "crawl.warc", options={"max_header_line": 65536})
    assert kinds(items) == expected
    bad = items[expected.index("ParseError")]
    assert "longer than 65536 bytes" in bad.message
    urls = [item.url for item in items if not isinstance(item, ParseError)]
    assert urls[-1] == "https://example.org/4"


def test_zeros_between_gzip_members_are_skipped_with_bounded_memory():
    import tracemalloc

    blocks = records(gz=True)
    data = b"".join(blocks[:3]) + b"\x00" * 8_000_000 + b"".join(blocks[3:])
    tracemalloc.start()
    try:
        items = parse(data, max_bytes=len(data))  # bytes given whole: allow them, the parser streams
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert kinds(items).count("Article") == 5 and kinds(items).count("ParseError") == 1  # nothing lost
    assert peak < len(data) + 4_000_000  # the zeros are never one line in memory
