"""The ``sqlite`` exporter: one database with keys, indexes, full-text search and views.

Built on the standard library's :mod:`sqlite3`: the schema is explicit DDL (keys, FTS5
tables kept in step by triggers, views), every write is one transaction whose rollback
leaves the file as it was, and the output is the same bytes for the same input. A
helper library would add dependencies without taking any of that work away.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import attrs

import geotext
from geotext.exceptions import ExportError

#: Version of the database schema, stored as ``PRAGMA user_version``. A reader checks it;
#: a database of a newer schema is never appended to.
SCHEMA_VERSION = 1
#: ``PRAGMA application_id`` of geotext databases ("geot"), so ``file(1)`` and this
#: exporter tell them from other SQLite files.
APPLICATION_ID = 0x67656F74

_KNOWN_IDS = ("iso2", "iso3", "geonames", "wikidata")

_SCHEMA = """
CREATE TABLE articles (
    article_id TEXT PRIMARY KEY,
    title TEXT,
    source TEXT,
    url TEXT,
    published TEXT,
    language TEXT,
    authors TEXT,
    text TEXT NOT NULL,
    text_length INTEGER NOT NULL,
    entity_count INTEGER NOT NULL,
    mention_count INTEGER NOT NULL,
    claim_count INTEGER NOT NULL,
    provenance_source TEXT,
    provenance_record INTEGER,
    parser TEXT,
    metadata TEXT,
    versions TEXT
);
CREATE TABLE entities (
    entity_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    iso2 TEXT,
    iso3 TEXT,
    geonames TEXT,
    wikidata TEXT,
    other_ids TEXT,
    latitude REAL,
    longitude REAL,
    country TEXT,
    office TEXT,
    attributes TEXT
);
CREATE INDEX entities_kind ON entities (kind);
CREATE INDEX entities_country ON entities (country);
CREATE TABLE mentions (
    mention_id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (article_id),
    entity_id TEXT NOT NULL REFERENCES entities (entity_id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    form TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX mentions_entity ON mentions (entity_id);
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (article_id),
    claim_id TEXT NOT NULL,
    speaker_id TEXT REFERENCES entities (entity_id),
    speaker_text TEXT,
    cue TEXT,
    cue_lemma TEXT,
    predicate TEXT,
    cameo TEXT,
    plover TEXT,
    plover_mode TEXT,
    plover_context TEXT,
    quad_class INTEGER,
    modality TEXT NOT NULL,
    tense TEXT,
    reported_date TEXT,
    confidence REAL NOT NULL,
    producer TEXT NOT NULL,
    evidence TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    evidence_count INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    content TEXT,
    location_entity_id TEXT REFERENCES entities (entity_id),
    location_text TEXT,
    location_rule TEXT,
    event_date TEXT,
    event_date_precision TEXT,
    event_date_text TEXT,
    event_date_rule TEXT,
    UNIQUE (article_id, claim_id)
);
CREATE INDEX claims_speaker ON claims (speaker_id);
CREATE INDEX claims_cameo ON claims (cameo);
CREATE INDEX claims_location ON claims (location_entity_id);
CREATE TABLE claim_actors (
    claim INTEGER NOT NULL REFERENCES claims (id),
    role TEXT NOT NULL CHECK (role IN ('speaker', 'source', 'target')),
    position INTEGER NOT NULL,
    entity_id TEXT NOT NULL REFERENCES entities (entity_id),
    cameo_code TEXT,
    PRIMARY KEY (claim, role, position)
);
CREATE INDEX claim_actors_entity ON claim_actors (entity_id);

CREATE VIRTUAL TABLE articles_fts USING fts5 (title, text, content="articles");
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE VIRTUAL TABLE claims_fts USING fts5 (evidence, sentence, cue, content="claims", content_rowid="id");
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, evidence, sentence, cue)
        VALUES ('delete', old.id, old.evidence, old.sentence, old.cue);
END;
CREATE TRIGGER claims_fts_update AFTER UPDATE ON claims BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, evidence, sentence, cue)
        VALUES ('delete', old.id, old.evidence, old.sentence, old.cue);
    INSERT INTO claims_fts (rowid, evidence, sentence, cue) VALUES (new.id, new.evidence, new.sentence, new.cue);
END;

CREATE VIEW claims_with_actors AS
SELECT
    c.id,
    c.article_id,
    a.title AS article_title,
    speaker.name AS speaker,
    c.cue,
    (SELECT group_concat(name, '; ') FROM (
        SELECT e.name FROM claim_actors ca JOIN entities e ON e.entity_id = ca.entity_id
        WHERE ca.claim = c.id AND ca.role = 'source' ORDER BY ca.position)) AS sources,
    (SELECT group_concat(name, '; ') FROM (
        SELECT e.name FROM claim_actors ca JOIN entities e ON e.entity_id = ca.entity_id
        WHERE ca.claim = c.id AND ca.role = 'target' ORDER BY ca.position)) AS targets,
    c.cameo,
    c.plover,
    c.quad_class,
    c.modality,
    c.confidence,
    c.evidence,
    place.name AS location,
    place.latitude,
    place.longitude,
    c.event_date
FROM claims c
JOIN articles a ON a.article_id = c.article_id
LEFT JOIN entities speaker ON speaker.entity_id = c.speaker_id
LEFT JOIN entities place ON place.entity_id = c.location_entity_id;

CREATE VIEW entity_mentions_per_article AS
SELECT
    m.article_id,
    a.title AS article_title,
    m.entity_id,
    e.name,
    e.kind,
    e.country,
    count(*) AS mentions,
    min(m.start) AS first_offset
FROM mentions m
JOIN entities e ON e.entity_id = m.entity_id
JOIN articles a ON a.article_id = m.article_id
GROUP BY m.article_id, m.entity_id;

CREATE VIEW places AS
SELECT
    e.entity_id,
    e.name,
    e.kind,
    e.country,
    e.latitude,
    e.longitude,
    count(m.mention_id) AS mentions,
    count(DISTINCT m.article_id) AS articles
FROM entities e
LEFT JOIN mentions m ON m.entity_id = e.entity_id
WHERE e.latitude IS NOT NULL AND e.longitude IS NOT NULL
GROUP BY e.entity_id;
"""

# Rows inserted by other programs reach the full-text tables through these triggers; a run
# of the exporter drops them in its transaction, fills the tables in one statement each at
# the end (twice as fast as row by row) and creates them again before it commits.
_FTS_INSERT_TRIGGERS = """
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_fts (rowid, evidence, sentence, cue) VALUES (new.id, new.evidence, new.sentence, new.cue);
END;
"""
_FTS_FILL = (
    "INSERT INTO articles_fts (rowid, title, text) SELECT rowid, title, text FROM articles WHERE rowid > ?",
    "INSERT INTO claims_fts (rowid, evidence, sentence, cue)"
    " SELECT id, evidence, sentence, cue FROM claims WHERE id > ?",
)

# Claim fields the fixed columns above hold; any other field a newer geotext adds
# becomes columns of its own (see _ExtraColumns).
_CLAIM_COLUMNS_FOR_FIELDS = frozenset(
    {
        "id",
        "producer",
        "evidence",
        "speaker",
        "speaker_span",
        "cue",
        "cue_lemma",
        "cue_span",
        "content",
        "sources",
        "targets",
        "predicate",
        "cameo",
        "plover",
        "plover_mode",
        "plover_context",
        "quad_class",
        "modality",
        "tense",
        "reported_date",
        "confidence",
        "location",
        "event_date",
        "source_codes",
        "target_codes",
    }
)

_TABLE_DESCRIPTIONS = {
    "articles": "One row per article: metadata, counts and the full text (searchable).",
    "entities": "States, places, organisations, people and initiatives with their canonical ids; "
    "latitude and longitude for states and places.",
    "mentions": "Every place in an article's text where an entity is named (character offsets).",
    "claims": "Who said, urged, pledged, rejected or did what: cue, CAMEO and PLOVER codes, modality, "
    "confidence and the evidence (searchable).",
    "claim_actors": "The speaker, sources and targets of each claim, one row per actor.",
    "claims_with_actors": "Claims with the names of their speaker, sources and targets, and where and when "
    "the event happened (mapped).",
    "entity_mentions_per_article": "How often each entity is mentioned in each article.",
    "places": "States and places with coordinates, with their mention and article counts (mapped).",
}
_TABLE_FACETS = {
    "articles": ["source", "language"],
    "entities": ["kind", "country"],
    "mentions": ["form"],
    "claims": ["plover", "modality", "cameo"],
    "claim_actors": ["role", "cameo_code"],
    "claims_with_actors": ["plover", "modality", "speaker", "location"],
    "entity_mentions_per_article": ["kind"],
    "places": ["kind", "country"],
}
_LABEL_COLUMNS = {"articles": "title", "entities": "name"}


def datasette_metadata(database: str = "news", *, title: str = "geotext analyses") -> dict[str, Any]:
    """Return Datasette metadata for a database written by :class:`SqliteExporter`.

    Titles, descriptions, default facets and label columns of every table and view, and
    the latitude/longitude columns for ``datasette-cluster-map``. *database* is the
    name Datasette gives the file: its name without ``.db``.

    >>> datasette_metadata("news")["databases"]["news"]["tables"]["entities"]["facets"]
    ['kind', 'country']
    """
    tables: dict[str, Any] = {}
    for table, description in _TABLE_DESCRIPTIONS.items():
        entry: dict[str, Any] = {"description": description, "facets": _TABLE_FACETS[table]}
        if table in _LABEL_COLUMNS:
            entry["label_column"] = _LABEL_COLUMNS[table]
        tables[table] = entry
    return {
        "title": title,
        "description": "Entities and claims found in news articles by geotext.",
        "databases": {database: {"tables": tables}},
        "plugins": {"datasette-cluster-map": {"latitude_column": "latitude", "longitude_column": "longitude"}},
    }


def _json(value: Any) -> str | None:
    if value is None or value == {} or value == [] or value == ():
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def _span_text(text: str, span: Any) -> str | None:
    return None if span is None else text[span.start : span.end]


def _scalar(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float)):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


class _ExtraColumns:
    """Columns for Claim fields this schema version does not name.

    A field holding a mapping becomes one column per key (a field ``origin`` holding
    ``{"entity": ..., "rule": ...}`` gives ``origin_entity`` and ``origin_rule``), any
    other field one column; lists and nested values are JSON. A name that a column of the
    schema already has gets the suffix ``_extra``. Columns are added to ``claims`` the
    first time a value needs them, so a database keeps growing compatibly as geotext's
    claims gain fields.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.columns = {row[1] for row in connection.execute("PRAGMA table_info(claims)")}
        self.fields = [f.name for f in attrs.fields(geotext.Claim) if f.name not in _CLAIM_COLUMNS_FOR_FIELDS]

    def values(self, claim: geotext.Claim, reserved: Iterable[str] = ()) -> dict[str, Any]:
        if not self.fields:
            return {}
        data = claim.to_dict()
        taken = set(reserved)
        found: dict[str, Any] = {}
        for field in self.fields:
            value = data.get(field)
            items = (
                [(f"{field}_{key}", item) for key, item in value.items()]
                if isinstance(value, dict)
                else [(field, value)]
                if value not in (None, [], ())
                else []
            )
            for column, item in items:
                found[f"{column}_extra" if column in taken else column] = _scalar(item)
        for column in found:
            if column not in self.columns:
                self.connection.execute(f"ALTER TABLE claims ADD COLUMN {_quote(column)}")
                self.columns.add(column)
        return found


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class _Writer:
    """Inserts analyses into an open database, inside the caller's transaction."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.extra = _ExtraColumns(connection)
        self._claim_sql: dict[tuple[str, ...], str] = {}
        self.written = 0
        self.skipped = 0

    def add(self, analysis: geotext.Analysis) -> None:
        execute = self.connection.execute
        article = analysis.article
        text = article.text
        provenance = article.provenance
        inserted = execute(
            "INSERT OR IGNORE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                article.title,
                article.source,
                article.url,
                _iso(article.published),
                article.language,
                _json(list(article.authors)),
                text,
                len(text),
                len(analysis.entities),
                sum(len(entity.mentions) for entity in analysis.entities),
                len(analysis.claims),
                provenance.source if provenance else None,
                provenance.record if provenance else None,
                provenance.parser if provenance else None,
                _json(article.metadata),
                _json(analysis.versions),
            ),
        ).rowcount
        if not inserted:  # already in the database (an earlier run, or twice in this one)
            self.skipped += 1
            return
        for entity in analysis.entities:
            ids = entity.ids
            point = entity.coordinates
            execute(
                "INSERT OR IGNORE INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    entity.id,
                    entity.kind,
                    entity.name,
                    ids.get("iso2"),
                    ids.get("iso3"),
                    ids.get("geonames"),
                    ids.get("wikidata"),
                    _json({k: v for k, v in sorted(ids.items()) if k not in _KNOWN_IDS}),
                    point.lat if point else None,
                    point.lon if point else None,
                    entity.country,
                    entity.office,
                    _json(entity.attributes),
                ),
            )
        self.connection.executemany(
            'INSERT INTO mentions (article_id, entity_id, start, "end", text, form) VALUES (?, ?, ?, ?, ?, ?)',
            [(article.id, entity.id, m.start, m.end, m.text, m.form) for m, entity in analysis.mentions()],
        )
        for claim in analysis.claims:
            self._add_claim(article.id, text, claim)
        self.written += 1

    def _add_claim(self, article_id: str | None, text: str, claim: geotext.Claim) -> None:
        first = claim.evidence[0]
        row: dict[str, Any] = {
            "article_id": article_id,
            "claim_id": claim.id,
            "speaker_id": claim.speaker,
            "speaker_text": _span_text(text, claim.speaker_span),
            "cue": claim.cue,
            "cue_lemma": claim.cue_lemma,
            "predicate": claim.predicate,
            "cameo": claim.cameo,
            "plover": claim.plover,
            "plover_mode": claim.plover_mode,
            "plover_context": claim.plover_context,
            "quad_class": claim.quad_class,
            "modality": claim.modality,
            "tense": claim.tense,
            "reported_date": _iso(claim.reported_date),
            "confidence": claim.confidence,
            "producer": claim.producer,
            "evidence": text[first.start : first.end],
            "evidence_start": first.start,
            "evidence_end": first.end,
            "evidence_count": len(claim.evidence),
            "sentence": text[first.sentence_start : first.sentence_end],
            "content": _span_text(text, claim.content),
            **_where_columns(text, claim),
        }
        row.update(self.extra.values(claim, reserved=row))
        names = tuple(row)
        sql = self._claim_sql.get(names)
        if sql is None:
            sql = self._claim_sql[names] = (
                f"INSERT OR IGNORE INTO claims ({', '.join(map(_quote, names))}) VALUES ({', '.join('?' * len(names))})"
            )
        cursor = self.connection.execute(sql, tuple(row.values()))
        if not cursor.rowcount:  # the same claim twice in one analysis
            return
        key = cursor.lastrowid
        source_codes, target_codes = claim.source_codes, claim.target_codes
        actors: list[tuple[int | None, str, int, str, str | None]] = (
            [(key, "speaker", 0, claim.speaker, None)] if claim.speaker else []
        )
        actors += [
            (key, "source", i, entity_id, source_codes[i] if i < len(source_codes) else None)
            for i, entity_id in enumerate(claim.sources)
        ]
        actors += [
            (key, "target", i, entity_id, target_codes[i] if i < len(target_codes) else None)
            for i, entity_id in enumerate(claim.targets)
        ]
        self.connection.executemany("INSERT INTO claim_actors VALUES (?, ?, ?, ?, ?)", actors)


def _where_columns(text: str, claim: geotext.Claim) -> dict[str, Any]:
    location, when = claim.location, claim.event_date
    return {
        "location_entity_id": location.entity if location else None,
        "location_text": _span_text(text, location.span) if location else None,
        "location_rule": location.rule if location else None,
        "event_date": when.date.isoformat() if when else None,
        "event_date_precision": when.precision if when else None,
        "event_date_text": _span_text(text, when.span) if when else None,
        "event_date_rule": when.rule if when else None,
    }


def _connect(path: Path) -> sqlite3.Connection:
    # autocommit mode: the transactions are ours (BEGIN IMMEDIATE ... COMMIT)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    # a run is one transaction: a larger page cache keeps it from spilling to the file early
    connection.execute("PRAGMA cache_size = -65536")
    return connection


def _prepare(connection: sqlite3.Connection, where: Path) -> None:
    """Create the schema in an empty database, or check an existing one is ours."""
    try:
        tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise ExportError(f"{where}: not an SQLite database ({exc})") from None
    if tables == 0:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.executescript(f"BEGIN; {_SCHEMA} {_FTS_INSERT_TRIGGERS} COMMIT;")
        return
    application = connection.execute("PRAGMA application_id").fetchone()[0]
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if application != APPLICATION_ID:
        raise ExportError(f"{where}: an SQLite database geotext did not write; choose another --output")
    if version > SCHEMA_VERSION:
        raise ExportError(
            f"{where}: written with schema version {version}, newer than this exporter's "
            f"{SCHEMA_VERSION}; upgrade geotext-sqlite"
        )


def write_database(results: Iterable[geotext.Analysis], path: str | os.PathLike[str]) -> tuple[int, int]:
    """Add *results* to the database at *path* (created when missing) in one transaction.

    Articles whose id the database already holds are skipped. On any error the
    transaction is rolled back and the file keeps what it held before.

    Returns:
        how many analyses were added and how many were skipped.

    Raises:
        ExportError: *path* is not a geotext database, or a value cannot be stored.
    """
    path = Path(path)
    try:
        connection = _connect(path)
    except sqlite3.Error as exc:
        raise ExportError(f"{path}: cannot open the database: {exc}") from None
    try:
        _prepare(connection, path)
        connection.execute("BEGIN IMMEDIATE")
        try:
            last = [
                connection.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()[0]
                for table in ("articles", "claims")
            ]
            connection.execute("DROP TRIGGER IF EXISTS articles_fts_insert")
            connection.execute("DROP TRIGGER IF EXISTS claims_fts_insert")
            writer = _Writer(connection)
            for analysis in results:
                try:
                    writer.add(analysis)
                except UnicodeEncodeError as exc:
                    raise ExportError(
                        f"sqlite: article {analysis.article.id!r} holds text that is not valid Unicode ({exc.reason})"
                    ) from None
            for sql, after in zip(_FTS_FILL, last):
                connection.execute(sql, (after,))
            for statement in _FTS_INSERT_TRIGGERS.split("END;")[:-1]:
                connection.execute(statement + "END;")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        return writer.written, writer.skipped
    except sqlite3.Error as exc:
        raise ExportError(f"{path}: {exc}") from None
    finally:
        connection.close()


@contextlib.contextmanager
def _scratch_directory() -> Iterator[Path]:
    directory = tempfile.mkdtemp(prefix="geotext-sqlite-")
    try:
        yield Path(directory)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


class SqliteExporter(geotext.Exporter):
    """An SQLite database: articles, entities, mentions, claims and claim actors.

    Tables have primary and foreign keys and indexes on the join columns; article text
    and claim evidence have full-text search (FTS5); the views ``claims_with_actors``,
    ``entity_mentions_per_article`` and ``places`` answer the first questions. See the
    package README for the schema.

    :meth:`write_path` adds to an existing database (articles already in it are
    skipped), in one transaction: a failed run leaves the file as it was. A new file
    is written atomically. With ``metadata=True`` it also writes ``<name>.metadata.json``
    beside the database, the Datasette metadata of :func:`datasette_metadata`.
    :meth:`write` writes a whole new database to a binary stream.

    Args:
        append: add to an existing database at the path; ``False`` replaces it.
        metadata: write the Datasette metadata file beside the database.
        title: the title in that metadata.
    """

    name = "sqlite"
    suffix = ".db"
    media_type = "application/vnd.sqlite3"

    def __init__(self, *, append: bool = True, metadata: bool = True, title: str = "geotext analyses") -> None:
        self.append = append
        self.metadata = metadata
        self.title = title

    def write(self, results: Iterable[geotext.Analysis], stream: BinaryIO) -> int:
        with _scratch_directory() as directory:
            database = directory / "out.db"
            written, skipped = write_database(results, database)
            with open(database, "rb") as source:
                shutil.copyfileobj(source, stream)
        return written + skipped

    def write_path(self, results: Iterable[geotext.Analysis], path: Path) -> int:
        path = Path(path)
        if path.is_dir():
            raise ExportError(f"{path}: is a directory; give the database file, such as news.db")
        if self.append and path.exists() and path.stat().st_size:
            written, skipped = write_database(results, path)
            count = written + skipped
        else:
            count = super().write_path(results, path)
        if self.metadata:
            self.write_metadata(path)
        return count

    def write_metadata(self, path: str | os.PathLike[str]) -> Path:
        """Write the Datasette metadata of the database *path* beside it; return its path."""
        path = Path(path)
        target = path.with_name(path.stem + ".metadata.json")
        document = datasette_metadata(path.stem, title=self.title)
        with geotext.atomic_write(target) as stream:
            stream.write((json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        return target
