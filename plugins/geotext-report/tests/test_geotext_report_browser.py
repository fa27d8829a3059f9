"""The seeds' report opened in a real browser: Debian's chromium, headless, offline.

Playwright's Python package drives it through ``executable_path`` (no browser is
downloaded): it gives the DOM after scripts ran, real clicks, every request the page
makes (each is routed through the test, and all but the report's own file are refused)
and screenshots. The screenshot is kept in ``GEOTEXT_TEST_ARTIFACTS`` (default:
``test-artifacts/`` at the repository root).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import geotext
from geotext_report import country_shapes, render

ROOT = Path(__file__).resolve().parents[3]
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.slow

# [start, end, data-card] of every highlighted mention, offsets in the element's text
HIGHLIGHT_OFFSETS = """text => Array.from(text.querySelectorAll("a.m")).map(a => {
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(a, 0);
    const start = range.toString().length;
    return [start, start + a.textContent.length, a.getAttribute("data-card")];
})"""


def chromium_path() -> str:
    found = os.environ.get("GEOTEXT_CHROMIUM") or shutil.which("chromium")
    if not found:
        reason = "Debian's chromium is not installed (apt-get install chromium; .ci/run installs it)"
        if os.environ.get("CI"):  # .ci/run installs it: there the test must run
            pytest.fail(reason)
        pytest.skip(reason)
    return found


@pytest.fixture(scope="module")
def seeds_analyses():
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    if not paths:
        pytest.skip("no seeds/*.txt in this checkout")
    return [geotext.analyze(path) for path in paths]


@pytest.fixture
def browser_page(tmp_path):
    """A fresh headless chromium page that may load file: URLs only; yields (page, log)."""
    executable = chromium_path()
    sync_api = pytest.importorskip("playwright.sync_api", reason="the browser test needs playwright (dev extras)")
    log: dict[str, list[str]] = {"requests": [], "refused": [], "errors": []}
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_FLAGS,
            offline=True,
            viewport={"width": 1400, "height": 1000},
            service_workers="block",
        )

        def route(request_route):
            url = request_route.request.url
            log["requests"].append(url)
            if url.startswith("file://"):
                request_route.continue_()
            else:
                log["refused"].append(url)
                request_route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and log["errors"].append(message.text))
        page.on("pageerror", lambda error: log["errors"].append(str(error)))
        try:
            yield page, log
        finally:
            context.close()


def artifacts() -> Path:
    directory = Path(os.environ.get("GEOTEXT_TEST_ARTIFACTS", ROOT / "test-artifacts"))
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def test_seeds_report_in_chromium(seeds_analyses, browser_page, tmp_path):
    page, log = browser_page
    report = tmp_path / "seeds.html"
    report.write_text(render(seeds_analyses), encoding="utf-8")
    page.goto(report.as_uri())
    page.wait_for_selector("html[data-ready='1']", timeout=15000)  # the script ran under the CSP

    mentions = [(index, m, e) for index, a in enumerate(seeds_analyses) for m, e in a.mentions()]
    claims = [(index, c) for index, a in enumerate(seeds_analyses) for c in a.claims]
    assert mentions and claims, "the seeds give mentions and claims"
    # every mention is highlighted: each of its characters lies in a highlight that opens its card
    for index, analysis in enumerate(seeds_analyses):
        assert page.locator(f"#a{index} div.text").inner_text() == analysis.article.text
        highlights = page.eval_on_selector(f"#a{index} div.text", HIGHLIGHT_OFFSETS)
        covered: dict[int, set[str]] = {}
        for start, end, cards in highlights:
            for offset in range(start, end):
                covered.setdefault(offset, set()).update(cards.split())
        for i, entity in enumerate(analysis.entities):
            for mention in entity.mentions:
                assert all(f"a{index}-e{i}" in covered.get(o, ()) for o in range(mention.start, mention.end)), mention
    assert page.locator("div.text .ev").count() >= len({(i, c.evidence[0].start) for i, c in claims})
    assert page.locator("#claims-table tbody tr").count() == len(claims)

    # clicking a mention opens its entity's card
    index, mention, entity = next(item for item in mentions if item[2].kind == "state")
    anchor = page.locator(f"#a{index} div.text a.m", has_text=mention.text).first
    card_id = anchor.get_attribute("data-card")
    assert not page.locator(f"#{card_id}").is_visible()
    anchor.click()
    card = page.locator(f"#{card_id}")
    assert card.is_visible() and entity.name in card.inner_text() and entity.id in card.inner_text()

    # clicking claim evidence opens the claim's card, with its codes
    index, claim = next(item for item in claims if item[1].cameo)
    key = f"a{index}-c{seeds_analyses[index].claims.index(claim)}"
    page.locator(f"#claims-table .ev-ref[data-card='{key}']").click()
    assert page.locator(f"#{key}").is_visible() and f"CAMEO {claim.cameo}" in page.locator(f"#{key}").inner_text()

    # the claims filter by actor keeps the claims that actor takes part in
    actor = claim.sources[0] if claim.sources else claim.actors[0]
    name = seeds_analyses[index].entity(actor).name
    page.select_option("#filter-actor", label=f"{name} ({actor})")
    expected = sum(1 for _, c in claims if actor in c.actors)
    assert page.locator("#claims-table tbody tr:not([hidden])").count() == expected
    assert page.locator("#claims-count").inner_text() == f"{expected} of {len(claims)} claims"
    page.select_option("#filter-actor", value="")

    # a map shape for each state, and clicking it opens the state's card
    shapes = country_shapes()
    states = {e.ids.get("iso3") or e.id[4:] for a in seeds_analyses for e in a.entities if e.kind == "state"}
    assert states
    for iso3 in states & set(shapes):
        assert page.locator(f"#map path.hit[data-iso3='{iso3}']").count() == 1, iso3
    first = sorted(states & set(shapes))[0]
    page.locator(f"#map path[data-iso3='{first}']").dispatch_event("click")
    assert page.locator("#panel .card.open").count() == 1

    page.screenshot(path=str(artifacts() / "report-seeds.png"), full_page=False)
    assert log["refused"] == [], f"requests left the page: {log['refused']}"
    assert set(log["requests"]) == {report.as_uri()}
    assert log["errors"] == [], log["errors"]


def test_hostile_article_stays_text_in_chromium(browser_page, tmp_path):
    page, log = browser_page
    text = (
        '<script>window.__pwned = 1</script> <img src="https://example.org/x.png" onerror="window.__pwned = 2"> '
        "Mongolia"
    )
    mongolia = geotext.Entity(
        id="iso:MNG",
        kind="state",
        name="<img src=x onerror=alert(1)>",
        ids={"iso3": "MNG"},
        coordinates=geotext.Coordinates(lat=46, lon=105),
        mentions=[geotext.Mention(start=text.index("Mongolia"), end=len(text), text="Mongolia")],
    )
    article = geotext.Article(text=text, title="<script>window.__pwned = 3</script>")
    report = tmp_path / "hostile.html"
    report.write_text(render([geotext.Analysis(article=article, entities=[mongolia])]), encoding="utf-8")
    page.goto(report.as_uri())
    page.wait_for_selector("html[data-ready='1']", timeout=15000)
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("#a0 div.text").inner_text() == text
    assert page.locator("img").count() == 0
    page.locator("#a0 a.m").click()
    assert "<img src=x onerror=alert(1)>" in page.locator("#a0-e0").inner_text()
    assert log["refused"] == [] and set(log["requests"]) == {report.as_uri()}
