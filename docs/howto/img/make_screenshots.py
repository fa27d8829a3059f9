#!/usr/bin/env python3
"""Take the how-to pages' screenshots of the real output of ``python3 dev.py seeds``.

    python3 dev.py seeds
    .venv/bin/python docs/howto/img/make_screenshots.py

Opens ``seeds-output/report.html`` and Datasette serving ``seeds-output/seeds.db`` in
Debian's chromium (headless, through Playwright) and writes report-seeds.png,
report-map.png and datasette-claims.png beside this script. Requests that would leave the
machine are refused, as in the tests.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
OUT = ROOT / "seeds-output"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def local_only(route):
    url = route.request.url
    if url.startswith(("file://", "http://127.0.0.1")):
        route.continue_()
    else:
        route.abort()


def main() -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("needs Debian's chromium (apt-get install chromium)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "datasette",
            "serve",
            str(OUT / "seeds.db"),
            "-m",
            str(OUT / "seeds.metadata.json"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=chromium, headless=True, args=FLAGS, viewport={"width": 1280, "height": 860}
            )
            context.route("**/*", local_only)
            page = context.new_page()
            page.goto((OUT / "report.html").as_uri())
            page.wait_for_selector("html[data-ready='1']")
            page.locator("#map path.hit[data-iso3='MNG']").dispatch_event("click")
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(HERE / "report-map.png"))
            page.locator("#a0 div.text a.m.k-state").first.click()
            page.locator("#a0 h2").scroll_into_view_if_needed()
            page.evaluate("document.querySelector('#a0').scrollIntoView()")
            page.screenshot(path=str(HERE / "report-seeds.png"))
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=5)
                    break
                except OSError:
                    time.sleep(0.3)
            page.goto(f"http://127.0.0.1:{port}/seeds/claims_with_actors")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(HERE / "datasette-claims.png"))
            context.close()
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
