from __future__ import annotations

import io
import json
import sqlite3

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import geotext
from geotext.exceptions import ExportError
from geotext.testing import analyses, check_exporter, exporter_survives_any_text, run_cli
from geotext_sqlite import SCHEMA_VERSION, SqliteExporter, datasette_metadata, write_database


def rows(path, sql, *args):
    with sqlite3.connect(path) as connection:
        return connection.execute(sql, args).fetchall()


def test_found_through_its_entry_point(seed_analyses, tmp_path):
    info = {plugin.name: plugin for plugin in geotext.list_plugins()}["sqlite"]
    assert info.error is None and info.distribution == "geotext-sqlite" and info.exporters == ("sqlite",)
    count = geotext.export(seed_analyses, format="sqlite", to=tmp_path / "news.db", plugins=["sqlite"])
    assert count == 2
    assert rows(tmp_path / "news.db", "SELECT count(*) FROM articles") == [(2,)]
    assert json.loads((tmp_path / "news.metadata.json").read_text()) == datasette_metadata("news")


def validate_database(output, results):
    """The output is an SQLite database holding each distinct article, its mentions and claims."""
    connection = sqlite3.connect(":memory:")
    connection.deserialize(output)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    distinct = {analysis.article.id: analysis for analysis in reversed(results)}
    assert dict(connection.execute("SELECT article_id, text FROM articles")) == {
        key: analysis.article.text for key, analysis in distinct.items()
    }
    assert connection.execute("SELECT count(*) FROM claims").fetchone() == (
        sum(len({c.id for c in a.claims}) for a in distinct.values()),
    )


def test_conformance(seed_analyses):
    data = check_exporter(SqliteExporter(), seed_analyses, text=False, validate=validate_database)
    assert data.startswith(b"SQLite format 3\x00")
    check_exporter(SqliteExporter(), [], text=False, validate=validate_database)
    exporter_survives_any_text(SqliteExporter(), text=False, validate=validate_database)


def test_tables_hold_every_value(seed_analyses, tmp_path):
    path = tmp_path / "news.db"
    SqliteExporter().write_path(seed_analyses, path)
    assert rows(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert rows(path, "PRAGMA foreign_key_check") == []
    for analysis in seed_analyses:
        article_id = analysis.article.id
        assert rows(path, "SELECT text, claim_count FROM articles WHERE article_id = ?", article_id) == [
            (analysis.article.text, len(analysis.claims))
        ]
        mentions = rows(
            path,
            'SELECT entity_id, start, "end", text, form FROM mentions WHERE article_id = ? ORDER BY mention_id',
            article_id,
        )
        assert mentions == [(e.id, m.start, m.end, m.text, m.form) for m, e in analysis.mentions()]
        for claim in analysis.claims:
            ((key, cameo, evidence, confidence),) = rows(
                path,
                "SELECT id, cameo, evidence, confidence FROM claims WHERE article_id = ? AND claim_id = ?",
                article_id,
                claim.id,
            )
            assert (cameo, evidence, confidence) == (claim.cameo, analysis.evidence_text(claim), claim.confidence)
            actors = rows(path, "SELECT role, entity_id FROM claim_actors WHERE claim = ? ORDER BY role, position", key)
            expected = (
                [("source", s) for s in claim.sources]
                + ([("speaker", claim.speaker)] if claim.speaker else [])
                + [("target", t) for t in claim.targets]
            )
            assert actors == sorted(expected, key=lambda pair: pair[0])
    china = rows(path, "SELECT name, kind, iso3, latitude, longitude FROM entities WHERE entity_id = 'iso:CHN'")
    assert china == [("China", "state", "CHN", 35.0, 105.0)]


def test_views_join_what_analysts_ask_first(seed_analyses, tmp_path):
    path = tmp_path / "news.db"
    SqliteExporter().write_path(seed_analyses, path)
    analysis = next(a for a in seed_analyses if any(c.sources and c.targets for c in a.claims))
    claim = next(c for c in analysis.claims if c.sources and c.targets)
    ((sources, targets, title),) = rows(
        path,
        "SELECT v.sources, v.targets, v.article_title FROM claims_with_actors v JOIN claims c ON c.id = v.id "
        "WHERE c.claim_id = ? AND c.article_id = ?",
        claim.id,
        analysis.article.id,
    )
    assert sources == "; ".join(analysis.entity(s).name for s in claim.sources)
    assert targets == "; ".join(analysis.entity(t).name for t in claim.targets)
    assert title == analysis.article.title
    counts = dict(
        rows(
            path,
            "SELECT entity_id, mentions FROM entity_mentions_per_article WHERE article_id = ?",
            analysis.article.id,
        )
    )
    assert counts == {e.id: len(e.mentions) for e in analysis.entities if e.mentions}
    places = dict(rows(path, "SELECT entity_id, mentions FROM places"))
    assert places["iso:CHN"] == 10 and "person:li-qiang" not in places


def test_full_text_search_over_articles_and_evidence(seed_analyses, tmp_path):
    path = tmp_path / "news.db"
    SqliteExporter().write_path(seed_analyses, path)
    found = rows(
        path,
        "SELECT a.article_id FROM articles_fts f JOIN articles a ON a.rowid = f.rowid "
        "WHERE articles_fts MATCH 'Mongolia'",
    )
    assert {a for (a,) in found} == {a.article.id for a in seed_analyses if "Mongolia" in a.article.text}
    claim = seed_analyses[0].claims[0]
    word = seed_analyses[0].evidence_text(claim).split()[-1].strip(".,\"'")
    found = rows(
        path,
        "SELECT c.claim_id FROM claims_fts f JOIN claims c ON c.id = f.rowid WHERE claims_fts MATCH ?",
        f'"{word}"',
    )
    assert claim.id in {c for (c,) in found}


def test_full_text_search_covers_appended_and_outside_rows(seed_analyses, tmp_path):
    path = tmp_path / "news.db"
    first, second = seed_analyses
    SqliteExporter().write_path([first], path)
    SqliteExporter().write_path([second], path)
    search = (
        "SELECT a.article_id FROM articles_fts f JOIN articles a ON a.rowid = f.rowid "
        "WHERE articles_fts MATCH ? ORDER BY a.article_id"
    )
    word = next(w for w in second.article.text.split() if w.isalpha() and w not in first.article.text)
    assert rows(path, search, word) == [(second.article.id,)]
    with sqlite3.connect(path) as connection:  # another program adds a row: the trigger indexes it
        connection.execute(
            "INSERT INTO articles (article_id, text, text_length, entity_count, mention_count, "
            "claim_count) VALUES ('x', 'zanzibarian lexeme', 18, 0, 0, 0)"
        )
    assert rows(path, search, "zanzibarian") == [("x",)]
    with sqlite3.connect(path) as connection:
        connection.execute("DELETE FROM articles WHERE article_id = 'x'")
    assert rows(path, search, "zanzibarian") == []
    assert rows(path, "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')") == []


def test_append_skips_articles_already_there(seed_analyses, tmp_path):
    path = tmp_path / "news.db"
    first, second = seed_analyses
    assert geotext.export([first], format="sqlite", to=path) == 1
    assert geotext.export([first, second], format="sqlite", to=path) == 2
    assert rows(path, "SELECT count(*) FROM articles") == [(2,)]
    assert rows(path, "SELECT count(*) FROM claims") == [(len(first.claims) + len(second.claims),)]
    assert rows(path, "SELECT count(*) FROM mentions") == [(len(first.mentions()) + len(second.mentions()),)]
    assert write_database([first, second], path) == (0, 2)
    # append=False replaces the database
    SqliteExporter(append=False).write_path([second], path)
    assert rows(path, "SELECT article_id FROM articles") == [(second.article.id,)]


def test_a_failed_run_leaves_the_file_as_it_was(seed_analyses, tmp_path):
    path = tmp_path / "news.db"
    SqliteExporter().write_path(seed_analyses[:1], path)
    before = path.read_bytes()

    def failing():
        yield seed_analyses[1]
        raise RuntimeError("the run stops here")

    with pytest.raises(RuntimeError):
        SqliteExporter().write_path(failing(), path)
    assert path.read_bytes() == before
    assert rows(path, "SELECT count(*) FROM articles") == [(1,)]
    # a new file is never left half written either
    with pytest.raises(RuntimeError):
        SqliteExporter().write_path(failing(), tmp_path / "new.db")
    assert not (tmp_path / "new.db").exists()


def test_refuses_files_it_did_not_write(tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
    with pytest.raises(ExportError, match="did not write"):
        SqliteExporter().write_path([], other)
    text = tmp_path / "notes.db"
    text.write_text("not a database at all, just some notes\n" * 40)
    with pytest.raises(ExportError, match="not an SQLite database|file is not a database"):
        SqliteExporter().write_path([], text)
    assert text.read_text().startswith("not a database")
    newer = tmp_path / "newer.db"
    SqliteExporter().write_path([], newer)
    with sqlite3.connect(newer) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(ExportError, match="newer"):
        SqliteExporter().write_path([], newer)
    with pytest.raises(ExportError, match="directory"):
        SqliteExporter().write_path([], tmp_path)


def test_claim_fields_of_newer_versions_get_columns(seed_analyses, tmp_path, monkeypatch):
    """A Claim field this schema does not name is written to columns of its own."""
    from geotext_sqlite import _exporter

    claim = seed_analyses[0].claims[0]
    extra = {"where_place": "iso:MNG", "where_date": "2025-01-02"}

    def values(self, item, reserved=()):
        found = extra if item.id == claim.id else {}
        for column in found:
            if column not in self.columns:
                self.connection.execute(f"ALTER TABLE claims ADD COLUMN {_exporter._quote(column)}")
                self.columns.add(column)
        return dict(found)

    monkeypatch.setattr(_exporter._ExtraColumns, "values", values)
    path = tmp_path / "news.db"
    SqliteExporter().write_path(seed_analyses, path)
    assert rows(path, "SELECT where_place, where_date FROM claims WHERE claim_id = ?", claim.id) == [
        ("iso:MNG", "2025-01-02")
    ]


def test_event_place_and_date_columns(seed_analyses, with_place_and_date, tmp_path):
    analysis = with_place_and_date(seed_analyses[0])
    path = tmp_path / "news.db"
    SqliteExporter().write_path([analysis], path)
    columns = (
        "location_entity_id, location_text, location_rule, event_date, event_date_precision, "
        "event_date_text, event_date_rule"
    )
    found = rows(path, f"SELECT claim_id, {columns} FROM claims WHERE article_id = ? ORDER BY id", analysis.article.id)
    text = analysis.article.text
    for claim, (claim_id, *values) in zip(analysis.claims, found):
        location, when = claim.location, claim.event_date
        assert claim_id == claim.id
        assert values == [
            location.entity if location else None,
            location.span.slice(text) if location else None,
            location.rule if location else None,
            when.date.isoformat() if when else None,
            when.precision if when else None,
            when.span.slice(text) if when else None,
            when.rule if when else None,
        ]
    first = analysis.claims[0]
    assert found[0][1:5] == (first.location.entity, "Bishkek", first.location.rule, "2024-07-04")
    place = analysis.entity(first.location.entity)
    ((name, lat, lon, date),) = rows(
        path,
        "SELECT v.location, v.latitude, v.longitude, v.event_date FROM claims_with_actors v "
        "JOIN claims c ON c.id = v.id WHERE c.claim_id = ?",
        first.id,
    )
    assert (name, lat, lon, date) == (place.name, place.coordinates.lat, place.coordinates.lon, "2024-07-04")
    assert rows(path, "PRAGMA foreign_key_check") == []
    # a place no tagger knows keeps its words, without an entity
    unknown = with_place_and_date(seed_analyses[0], unknown_place=True)
    SqliteExporter(append=False).write_path([unknown], path)
    assert rows(path, "SELECT location_entity_id, location_text FROM claims ORDER BY id LIMIT 1") == [
        (None, "Eurasian")
    ]


def test_cameo_actor_codes_fill_claim_actors(seed_analyses, tmp_path):
    """Claims carrying CAMEO actor codes (aligned with sources and targets) fill cameo_code."""
    from geotext_sqlite._exporter import _connect, _Writer

    analysis = seed_analyses[0]
    claim = next(c for c in analysis.claims if c.sources and c.targets)

    coded = attrs.evolve(
        claim,
        id="claim:coded",
        source_codes=("CHNGOV",) + (None,) * (len(claim.sources) - 1),
        target_codes=("MNG",) * len(claim.targets),
    )
    path = tmp_path / "news.db"
    SqliteExporter().write_path([analysis], path)
    connection = _connect(path)
    connection.execute("BEGIN")
    _Writer(connection)._add_claim(analysis.article.id, analysis.article.text, coded)
    connection.execute("COMMIT")
    connection.close()
    ((key,),) = rows(path, "SELECT id FROM claims WHERE claim_id = 'claim:coded'")
    codes = rows(
        path, "SELECT role, position, cameo_code FROM claim_actors WHERE claim = ? ORDER BY role, position", key
    )
    sources = [code for role, _, code in codes if role == "source"]
    targets = [code for role, _, code in codes if role == "target"]
    assert sources == ["CHNGOV"] + [None] * (len(claim.sources) - 1) and targets == ["MNG"] * len(claim.targets)


def test_extra_columns_flatten_mappings(seed_analyses):
    from geotext_sqlite._exporter import _ExtraColumns

    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE claims (id INTEGER PRIMARY KEY)")
    columns = _ExtraColumns(connection)
    columns.fields = ["where", "codes"]
    claim = seed_analyses[0].claims[0]

    class Claim:
        def to_dict(self):
            return {**claim.to_dict(), "where": {"place": "iso:MNG", "point": [1, 2]}, "codes": ["CHN", "GOV"]}

    assert columns.values(Claim()) == {"where_place": "iso:MNG", "where_point": "[1, 2]", "codes": '["CHN", "GOV"]'}
    assert columns.values(Claim(), reserved={"codes"})["codes_extra"] == '["CHN", "GOV"]'
    assert {"where_place", "where_point", "codes"} <= {
        row[1] for row in connection.execute("PRAGMA table_info(claims)")
    }


@given(st.lists(analyses(), max_size=4))
def test_any_analyses_round_trip_their_counts(results):
    buffer = io.BytesIO()
    assert SqliteExporter().write(results, buffer) == len(results)
    connection = sqlite3.connect(":memory:")
    connection.deserialize(buffer.getvalue())
    distinct: dict[str, geotext.Analysis] = {}
    for analysis in results:
        distinct.setdefault(analysis.article.id, analysis)
    assert connection.execute("SELECT count(*) FROM articles").fetchone() == (len(distinct),)
    assert connection.execute("SELECT count(*) FROM mentions").fetchone() == (
        sum(len(a.mentions()) for a in distinct.values()),
    )
    texts = dict(connection.execute("SELECT article_id, text FROM articles"))
    assert texts == {key: a.article.text for key, a in distinct.items()}
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_command_line(tmp_path):
    seeds = sorted(str(p) for p in (geotext_root() / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("no seeds/*.txt in this checkout")
    output = tmp_path / "news.db"
    # in this process, with the installed plugins (tests/test_cli.py runs the command as a program)
    done = run_cli(["analyze", *seeds, "--format", "sqlite", "-o", str(output), "--quiet"])
    assert done.exit_code == 0, done.output
    assert rows(output, "SELECT count(*) FROM articles") == [(len(seeds),)]
    assert rows(output, "SELECT count(*) FROM claims")[0][0] > 0
    assert (tmp_path / "news.metadata.json").exists()


def geotext_root():
    from pathlib import Path

    return Path(__file__).resolve().parents[3]


def test_datasette_metadata_names_real_tables(seed_analyses, tmp_path):
    path = tmp_path / "news.db"
    SqliteExporter().write_path(seed_analyses, path)
    names = {name for (name,) in rows(path, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    tables = datasette_metadata("news")["databases"]["news"]["tables"]
    assert set(tables) <= names
    for table, entry in tables.items():
        columns = {row[1] for row in rows(path, f"PRAGMA table_info({table})")}
        assert set(entry["facets"]) <= columns, table
        assert entry.get("label_column", "id") in columns | {"id"}
