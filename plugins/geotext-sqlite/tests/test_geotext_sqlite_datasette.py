"""The seeds' database served by Datasette: facets, full-text search and a join view.

Datasette runs as a separate process on a free loopback port (127.0.0.1), with the
metadata file the exporter writes; the test reads its JSON API and stops it.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import geotext
from geotext_sqlite import SqliteExporter

ROOT = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(base: str, path: str) -> object:
    with urllib.request.urlopen(base + path, timeout=30) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def seeds_database(tmp_path_factory):
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    if not paths:
        pytest.skip("no seeds/*.txt in this checkout")
    analyses = [geotext.analyze(path) for path in paths]
    path = tmp_path_factory.mktemp("datasette") / "seeds.db"
    SqliteExporter().write_path(analyses, path)
    return path, analyses


@pytest.fixture(scope="module")
def datasette(seeds_database):
    pytest.importorskip("datasette", reason="the Datasette test needs datasette (dev extras)")
    path, analyses = seeds_database
    port = free_port()
    log = path.with_name("datasette.log")
    with open(log, "wb") as output:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "datasette",
                "serve",
                str(path),
                "-m",
                str(path.with_name("seeds.metadata.json")),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get(base, "/-/versions.json")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"Datasette did not start: {log.read_text(errors='replace')[-2000:]}")
                time.sleep(0.3)
        yield base, path, analyses
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_opens_with_its_metadata_and_the_map_plugin(datasette):
    base, _, _ = datasette
    assert get(base, "/-/metadata.json")["title"] == "geotext analyses"
    assert "datasette-cluster-map" in {plugin["name"] for plugin in get(base, "/-/plugins.json")}
    tables = {table["name"]: table for table in get(base, "/seeds.json")["tables"]}
    assert tables["articles"]["fts_table"] == "articles_fts" and tables["claims"]["fts_table"] == "claims_fts"
    assert {"claims_with_actors", "entity_mentions_per_article", "places"} <= {
        view["name"] for view in get(base, "/seeds.json")["views"]
    }


def test_facet_counts_entities_by_kind(datasette):
    base, path, _ = datasette
    document = get(base, "/seeds/entities.json?_size=0")  # the metadata's default facets
    facets = document["facet_results"]
    facets = facets if isinstance(facets, dict) else {facet["name"]: facet for facet in facets}
    counts = {row["value"]: row["count"] for row in facets["kind"]["results"]}
    with sqlite3.connect(path) as connection:
        assert counts == dict(connection.execute("SELECT kind, count(*) FROM entities GROUP BY kind"))
    assert counts["state"] >= 3


def test_full_text_search(datasette):
    base, _, analyses = datasette
    rows = get(base, "/seeds/articles.json?_search=Mongolia&_shape=array&_col=title")
    expected = {a.article.id for a in analyses if "mongolia" in a.article.text.lower()}
    assert expected and {row["article_id"] for row in rows} == expected
    claims = get(base, "/seeds/claims.json?_search=unity&_shape=array&_size=max")
    assert claims and all("unity" in (row["evidence"] + row["sentence"] + (row["cue"] or "")).lower() for row in claims)


def test_join_view_names_the_actors(datasette):
    base, _, analyses = datasette
    rows = get(base, "/seeds/claims_with_actors.json?_shape=array&_size=max")
    claims = [(a, c) for a in analyses for c in a.claims]
    assert len(rows) == len(claims)
    expected = sorted(
        ("; ".join(a.entity(s).name for s in c.sources), "; ".join(a.entity(t).name for t in c.targets), c.cameo or "")
        for a, c in claims
    )
    assert sorted((row["sources"] or "", row["targets"] or "", row["cameo"] or "") for row in rows) == expected


def test_foreign_keys_show_labels(datasette):
    base, _, analyses = datasette
    rows = get(base, "/seeds/mentions.json?_shape=array&_labels=on&_size=5")
    names = {e.id: e.name for a in analyses for e in a.entities}
    for row in rows:
        assert row["entity_id"]["label"] == names[row["entity_id"]["value"]]
