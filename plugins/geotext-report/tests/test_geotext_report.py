from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import attrs
from hypothesis import given
from hypothesis import strategies as st

import geotext
from geotext.testing import analyses, check_exporter, exporter_survives_any_text, texts
from geotext_report import HtmlReportExporter, country_shapes, render


class Page(HTMLParser):
    """What a browser's parser would build, reduced to what the tests check."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts = 0
        self.handlers: list[tuple[str, str]] = []
        self.texts: list[str] = []
        self.ids: list[str] = []
        self.cards: list[str] = []
        self._depth = 0  # depth inside the current div.text, 0 when outside

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self.scripts += 1
        self.handlers += [(tag, name) for name, _ in attrs if name.lower().startswith("on")]
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if "data-card" in attributes:
            self.cards.extend(attributes["data-card"].split())
        if self._depth:
            self._depth += 1
        elif tag == "div" and attributes.get("class") == "text":
            self._depth = 1
            self.texts.append("")

    def handle_endtag(self, tag):
        if self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.texts[-1] += data


def parse(document: str) -> Page:
    page = Page()
    page.feed(document)
    page.close()
    return page


def test_found_through_its_entry_point(seed_analyses):
    info = {plugin.name: plugin for plugin in geotext.list_plugins()}["report"]
    assert info.error is None and info.distribution == "geotext-report" and info.exporters == ("html",)
    document = geotext.export(seed_analyses, format="html", plugins=["report"])
    assert document.startswith("<!DOCTYPE html>") and document == render(seed_analyses)


def validate_report(output, results):
    """The page parses back: one script, no handler attributes, each article's text as written."""
    page = parse(output.decode("utf-8"))
    assert page.scripts == 1 and page.handlers == []
    assert page.texts == [analysis.article.text for analysis in results]
    assert set(page.cards) <= set(page.ids)


def test_conformance(seed_analyses):
    check_exporter(HtmlReportExporter(), seed_analyses, validate=validate_report)
    check_exporter(HtmlReportExporter(), [], validate=validate_report)
    exporter_survives_any_text(HtmlReportExporter(map=False), validate=validate_report)


@given(st.lists(analyses(), max_size=3))
def test_article_text_is_shown_as_written(results):
    page = parse(render(results, show_map=False))
    assert page.scripts == 1 and page.handlers == []
    assert page.texts == [a.article.text for a in results]
    assert len(page.ids) == len(set(page.ids))
    assert set(page.cards) <= set(page.ids)


@given(texts(min_size=1, max_size=60))
def test_hostile_text_stays_text(hostile):
    text = f"<script>window.__pwned = 1</script> {hostile} <img src=x onerror=alert(1)>"
    china = geotext.Entity(
        id="iso:CHN",
        kind="state",
        name='"><script>alert(2)</script>',
        ids={"wikidata": 'javascript:alert(3)"', "iso3": "CHN"},
        mentions=[geotext.Mention(start=0, end=8, text="<script>")],
    )
    article = geotext.Article(text=text, title="<b onmouseover=alert(4)>t</b>", url="javascript:alert(5)")
    document = render([geotext.Analysis(article=article, entities=[china])])
    page = parse(document)
    assert page.scripts == 1 and page.handlers == []
    assert page.texts == [text]
    assert not [
        href
        for href in re.findall(r'href="([^"]*)"', document)
        if not href.startswith(("#", "https://")) and href != "data:,"
    ]


def test_content_security_policy_allows_only_the_inline_script(seed_analyses):
    import base64
    import hashlib

    document = render(seed_analyses)
    script = re.search(r"<script>(.*)</script>", document, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', document).group(1)
    assert f"script-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy
    # nothing to fetch: no src attribute, no stylesheet link, no url() in the stylesheet
    assert not re.search(r"\ssrc=", document) and not re.search(r"url\(", document)
    assert re.findall(r"<link [^>]*>", document) == ['<link rel="icon" href="data:,">']


def test_highlights_and_cards(seed_analyses):
    document = render(seed_analyses)
    page = parse(document)
    for index, analysis in enumerate(seed_analyses):
        for i, entity in enumerate(analysis.entities):
            if entity.mentions:
                assert f"a{index}-e{i}" in page.cards
            assert f'id="a{index}-e{i}"' in document
        for j, _claim in enumerate(analysis.claims):
            assert f"a{index}-c{j}" in page.cards and f'id="a{index}-c{j}"' in document
    assert document.count("<tr data-actors=") == sum(len(a.claims) for a in seed_analyses)
    assert 'href="https://www.wikidata.org/wiki/Q148"' in document


def test_map_has_a_shape_for_each_state(seed_analyses):
    document = render(seed_analyses)
    shapes = country_shapes()
    states = {e.ids.get("iso3") for a in seed_analyses for e in a.entities if e.kind == "state"}
    assert states and states <= set(shapes)
    for iso3 in states:
        assert re.search(rf'<path class="country hit l\d" data-iso3="{iso3}"', document), iso3
    places = {e.name for a in seed_analyses for e in a.entities if e.kind == "place" and e.coordinates}
    for name in places:
        assert re.search(rf"<circle [^>]*><title>{re.escape(name)}: \d+ mentions?</title>", document), name


def test_shapes_are_compact_svg_paths():
    shapes = country_shapes()
    assert len(shapes) > 170 and {"CHN", "MNG", "RUS", "USA", "FRA", "XKX"} <= set(shapes) and "ATA" not in shapes
    for iso3, data in shapes.items():
        assert re.fullmatch(r"(M-?\d+ -?\d+l[-\d ]+z)+", data), iso3


def test_write_path_and_command_line(seed_analyses, tmp_path):
    path = tmp_path / "report.html"
    assert geotext.export(seed_analyses, format="html", to=path) == 2
    assert path.read_text(encoding="utf-8") == render(seed_analyses)
    assert HtmlReportExporter(title="Week 12", map=False).write(seed_analyses, io.BytesIO()) == 2


def test_golden_seeds(seed_analyses, golden):
    buffer = io.BytesIO()
    HtmlReportExporter(map=False).write(seed_analyses, buffer)
    golden("seeds.html", buffer.getvalue())


def test_claim_cards_show_the_events_place_and_date(seed_analyses, with_place_and_date):
    analysis = with_place_and_date(seed_analyses[0])
    document = render([analysis], show_map=False)
    card = re.search(r'<div class="card claim" id="a0-c0">.*?</div>', document).group(0)
    place = analysis.entity(analysis.claims[0].location.entity)
    assert "<dt>where</dt><dd>" + place.name + "</dd>" in card
    assert "<dt>when</dt><dd>2024-07-04 (day), “recently”</dd>" in card
    unknown = render([with_place_and_date(seed_analyses[0], unknown_place=True)], show_map=False)
    assert "<dt>where</dt><dd>Eurasian</dd>" in unknown


def test_claim_cards_show_cameo_actor_codes(seed_analyses):
    from geotext_report._exporter import _claim_card

    analysis = seed_analyses[0]
    claim = next(c for c in analysis.claims if c.sources and c.targets)

    coded = attrs.evolve(claim, source_codes=("CHNGOV",) + (None,) * (len(claim.sources) - 1), target_codes=())
    assert "<dt>CAMEO actors</dt><dd>CHNGOV" in _claim_card(analysis, "a0-c0", coded)
    assert "CAMEO actors" not in _claim_card(analysis, "a0-c0", attrs.evolve(claim, source_codes=(), target_codes=()))
