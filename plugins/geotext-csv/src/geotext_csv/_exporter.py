"""The ``csv`` exporter: four tidy tables, one row per observation."""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import geotext
from geotext.exceptions import ConfigError

Cell = str | int | float | None

#: The tables and their columns, in order.
TABLES: dict[str, tuple[str, ...]] = {
    "articles": (
        "article_id",
        "title",
        "source",
        "url",
        "published",
        "language",
        "authors",
        "text_length",
        "paragraphs",
        "entities",
        "mentions",
        "claims",
        "provenance_source",
        "provenance_record",
        "parser",
    ),
    "entities": (
        "article_id",
        "entity_id",
        "kind",
        "name",
        "iso2",
        "iso3",
        "geonames",
        "wikidata",
        "other_ids",
        "lat",
        "lon",
        "country",
        "office",
        "mentions",
        "first_offset",
    ),
    "mentions": ("article_id", "entity_id", "kind", "start", "end", "text", "form"),
    "claims": (
        "article_id",
        "claim_id",
        "speaker_id",
        "source_ids",
        "target_ids",
        "source_codes",
        "target_codes",
        "cue",
        "cue_lemma",
        "predicate",
        "cameo",
        "plover",
        "quad_class",
        "modality",
        "tense",
        "reported_date",
        "confidence",
        "producer",
        "evidence_start",
        "evidence_end",
        "evidence_count",
        "evidence_text",
        # where and when the event happened
        "location_id",
        "location_name",
        "location_lat",
        "location_lon",
        "location_text",
        "location_rule",
        "event_date",
        "event_date_precision",
        "event_date_text",
        "event_date_rule",
    ),
}

_KNOWN_IDS = ("iso2", "iso3", "geonames", "wikidata")
# A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV injection"),
# also after leading spaces, which spreadsheets skip.
_FORMULA_START = frozenset("=+-@\t\r")
_SPACED_FORMULA = re.compile(r"\s+[=+\-@]")


def is_formula(cell: str) -> bool:
    """Whether a spreadsheet could read *cell* as a formula (it is then prefixed with ``'``).

    >>> is_formula("=1+1"), is_formula("  =1+1"), is_formula("1 = 1")
    (True, True, False)
    """
    return bool(cell) and (cell[0] in _FORMULA_START or (cell[0].isspace() and _SPACED_FORMULA.match(cell) is not None))


def _replace_surrogates(error: UnicodeError) -> tuple[bytes, int]:
    # a lone surrogate (text decoded with surrogateescape, or cut from a pair) has no
    # UTF-8 form: it becomes U+FFFD, one character for one, so text lengths still hold
    # (bytes: the UTF-8 encoder takes only ASCII text from a handler)
    if isinstance(error, UnicodeEncodeError):
        return "\ufffd".encode() * (error.end - error.start), error.end
    raise error


#: The codec error handler the exporter writes with.
SURROGATES = "geotext_csv.surrogates"
codecs.register_error(SURROGATES, _replace_surrogates)


def join_cell(items: Iterable[str]) -> str:
    """Join list items into one cell with ``;``; a ``;`` or ``\\`` inside an item gets a backslash.

    >>> join_cell(["iso:CHN", "iso:RUS"])
    'iso:CHN;iso:RUS'
    """
    return ";".join(item.replace("\\", "\\\\").replace(";", "\\;") for item in items)


def split_cell(cell: str) -> list[str]:
    """Undo :func:`join_cell`: ``split_cell("iso:CHN;iso:RUS") == ["iso:CHN", "iso:RUS"]``."""
    if cell == "":
        return []
    items, current, chars = [], [], iter(cell)
    for char in chars:
        if char == "\\":
            current.append(next(chars, ""))
        elif char == ";":
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return items


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()


def _article_rows(analysis: geotext.Analysis, article_text: bool) -> Iterator[tuple[Cell, ...]]:
    article = analysis.article
    provenance = article.provenance
    row: tuple[Cell, ...] = (
        article.id,
        article.title,
        article.source,
        article.url,
        _iso(article.published),
        article.language,
        join_cell(article.authors),
        len(article.text),
        len(article.paragraphs),
        len(analysis.entities),
        sum(len(entity.mentions) for entity in analysis.entities),
        len(analysis.claims),
        provenance.source if provenance else None,
        provenance.record if provenance else None,
        provenance.parser if provenance else None,
    )
    yield (*row, article.text) if article_text else row


def _entity_rows(analysis: geotext.Analysis, article_text: bool) -> Iterator[tuple[Cell, ...]]:
    article_id = analysis.article.id
    for entity in analysis.entities:
        ids = entity.ids
        other = join_cell(f"{key}={value}" for key, value in sorted(ids.items()) if key not in _KNOWN_IDS)
        point = entity.coordinates
        yield (
            article_id,
            entity.id,
            entity.kind,
            entity.name,
            ids.get("iso2"),
            ids.get("iso3"),
            ids.get("geonames"),
            ids.get("wikidata"),
            other,
            point.lat if point else None,
            point.lon if point else None,
            entity.country,
            entity.office,
            len(entity.mentions),
            entity.first_offset if entity.mentions else None,
        )


def _mention_rows(analysis: geotext.Analysis, article_text: bool) -> Iterator[tuple[Cell, ...]]:
    article_id = analysis.article.id
    for mention, entity in analysis.mentions():
        yield article_id, entity.id, entity.kind, mention.start, mention.end, mention.text, mention.form


def _claim_rows(analysis: geotext.Analysis, article_text: bool) -> Iterator[tuple[Cell, ...]]:
    article = analysis.article
    for claim in analysis.claims:
        first = claim.evidence[0]
        yield (
            article.id,
            claim.id,
            claim.speaker,
            join_cell(claim.sources),
            join_cell(claim.targets),
            join_cell(code or "" for code in claim.source_codes),
            join_cell(code or "" for code in claim.target_codes),
            claim.cue,
            claim.cue_lemma,
            claim.predicate,
            claim.cameo,
            claim.plover,
            claim.quad_class,
            claim.modality,
            claim.tense,
            _iso(claim.reported_date),
            claim.confidence,
            claim.producer,
            first.start,
            first.end,
            len(claim.evidence),
            article.text[first.start : first.end],
            *_place_and_date_cells(analysis, claim),
        )


def _place_and_date_cells(analysis: geotext.Analysis, claim: geotext.Claim) -> tuple[Cell, ...]:
    text = analysis.article.text
    location, when = claim.location, claim.event_date
    if location is None:
        place: tuple[Cell, ...] = (None,) * 6
    else:
        written = text[location.span.start : location.span.end]
        entity = analysis.entity(location.entity) if location.entity is not None else None
        point = entity.coordinates if entity is not None else None
        place = (
            location.entity,
            entity.name if entity is not None else written,
            point.lat if point else None,
            point.lon if point else None,
            written,
            location.rule,
        )
    if when is None:
        return (*place, None, None, None, None)
    return (*place, when.date.isoformat(), when.precision, text[when.span.start : when.span.end], when.rule)


_ROWS: dict[str, Callable[[geotext.Analysis, bool], Iterator[tuple[Cell, ...]]]] = {
    "articles": _article_rows,
    "entities": _entity_rows,
    "mentions": _mention_rows,
    "claims": _claim_rows,
}


def table_rows(analysis: geotext.Analysis, table: str, *, article_text: bool = False) -> list[tuple[Cell, ...]]:
    """Return the rows *analysis* gives in *table*, as Python values (``None`` for empty).

    Lists are already joined with :func:`join_cell`. This is what the exporter writes,
    before formula neutralisation and quoting.
    """
    return list(_ROWS[_check_table(table)](analysis, article_text))


def _check_table(table: str) -> str:
    if table not in TABLES:
        raise ConfigError(f"csv: unknown table {table!r}; tables: {', '.join(TABLES)}")
    return table


class CsvExporter(geotext.Exporter):
    """Tidy CSV tables: ``articles``, ``entities``, ``mentions`` and ``claims``.

    :meth:`write` writes one table to a stream; :meth:`write_path` writes the four
    tables as ``<table>.csv`` files into a directory when the path is one or has no
    suffix (each file atomically), or the chosen table to a ``.csv`` path.

    Args:
        table: the table :meth:`write` (and a ``.csv`` path) gets.
        bom: start each file with a UTF-8 byte order mark, for Excel.
        escape_formulas: prefix text cells starting with ``= + - @`` (also after leading
            spaces), a tab or a carriage return with an apostrophe, so spreadsheets never
            run them (see :func:`is_formula`).

    A lone surrogate in a text (which has no UTF-8 form) is written as U+FFFD.
        article_text: add the article's full text as a last column of ``articles``.
    """

    name = "csv"
    suffix = ".csv"
    media_type = "text/csv"

    def __init__(
        self, *, table: str = "claims", bom: bool = False, escape_formulas: bool = True, article_text: bool = False
    ) -> None:
        self.table = _check_table(table)
        self.bom = bom
        self.escape_formulas = escape_formulas
        self.article_text = article_text

    def columns(self, table: str) -> tuple[str, ...]:
        """Return the header of *table* with the current options."""
        columns = TABLES[_check_table(table)]
        return (*columns, "text") if table == "articles" and self.article_text else columns

    def write(self, results: Iterable[geotext.Analysis], stream: BinaryIO) -> int:
        with self._writers({self.table: stream}) as write:
            count = 0
            for analysis in results:
                write(analysis)
                count += 1
            return count

    def write_path(self, results: Iterable[geotext.Analysis], path: Path) -> int:
        path = Path(path)
        if not (path.is_dir() or path.suffix == ""):
            return super().write_path(results, path)
        path.mkdir(parents=True, exist_ok=True)
        with contextlib.ExitStack() as stack:
            streams: dict[str, BinaryIO] = {
                table: stack.enter_context(geotext.atomic_write(path / f"{table}.csv"))  # type: ignore[misc]
                for table in TABLES
            }
            with self._writers(streams) as write:
                count = 0
                for analysis in results:
                    write(analysis)
                    count += 1
        return count

    @contextlib.contextmanager
    def _writers(self, streams: dict[str, BinaryIO]) -> Iterator[Callable[[geotext.Analysis], None]]:
        wrappers: list[io.TextIOWrapper] = []
        plans = []
        for table, stream in streams.items():
            text = io.TextIOWrapper(
                stream,
                encoding="utf-8",
                errors=SURROGATES,
                newline="",
                write_through=True,
            )
            wrappers.append(text)
            if self.bom:
                text.write("\ufeff")
            # RFC 4180: comma, double quotes doubled, CRLF line ends
            writer = csv.writer(text, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
            writer.writerow(self.columns(table))
            plans.append((_ROWS[table], writer.writerows))
        cells = self._cells
        article_text = self.article_text

        def write(analysis: geotext.Analysis) -> None:
            for rows, writerows in plans:
                writerows(map(cells, rows(analysis, article_text)))

        try:
            yield write
        finally:
            for wrapper in wrappers:
                wrapper.flush()
                wrapper.detach()  # the caller owns the binary stream

    def _cells(self, row: Sequence[Cell]) -> list[Cell]:
        if not self.escape_formulas:
            return list(row)
        return [f"'{cell}" if type(cell) is str and is_formula(cell) else cell for cell in row]
