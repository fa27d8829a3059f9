"""Analyse a corpus on Dask: one machine's cores, or a cluster.

Map the analysis over a :class:`dask.bag.Bag` of paths, texts or records, or over the
partitions of a :class:`dask.dataframe.DataFrame`; write the results as partitioned
JSON Lines (through any line-oriented exporter) or Parquet. Each worker process loads
the plugins once (its per-process pipeline) and keeps them for every partition it runs.

On one machine::

    import dask.bag as db
    from distributed import Client, LocalCluster
    import geotext.dask as gd

    client = Client(LocalCluster(n_workers=2, processes=True, threads_per_worker=1))
    paths = db.from_sequence(sorted(map(str, Path("corpus").rglob("*.html"))), npartitions=16)
    rows = gd.analyze_bag(paths, input="path")
    gd.to_jsonl(rows, "out/")          # out/part-00000.jsonl, out/part-00001.jsonl, ...
    gd.to_parquet(rows, "out-parquet/")
    gd.failures(rows).compute()        # what could not be analysed

On a cluster the code is the same; only the client changes, and every worker needs
geotext and the same plugins installed (and the paths readable, such as on a shared
file system or object store mount)::

    client = Client("scheduler:8786")

Every result is a **row**, a flat dict with these columns (also the Parquet layout):

==============  ========  ==============================================================
column          type      meaning
==============  ========  ==============================================================
``source``      string    the path, or ``<text>`` / ``<record>`` / the dataframe name
``record``      int64     the record index in a multi-record source, or null
``article_id``  string    the article id, or null when the source could not be read
``title``       string    the headline, or null
``url``         string    the canonical address, or null
``published``   string    ISO 8601 publication time, or null
``language``    string    BCP 47 language tag, or null
``entities``    int64     number of entities found
``claims``      int64     number of claims found
``analysis``    string    the whole analysis as JSON (:meth:`geotext.Analysis.to_dict`),
                          or null for a failure
``error_type``  string    the exception class of a failure, or null
``message``     string    the error message of a failure, or null
==============  ========  ==============================================================

Read an analysis back with ``geotext.Analysis.from_dict(json.loads(row["analysis"]))``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal, cast

from ._corpus import (
    ArticleUnit,
    FailedUnit,
    PathUnit,
    Skipped,
    SourceUnit,
    Unit,
    Worker,
    dumps,
    is_line_oriented,
)
from ._settings import Settings
from .cache import ProcessCache

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas  # type: ignore[import-untyped]

    from ._pipeline import Pipeline

__all__ = [
    "COLUMNS",
    "analyses",
    "analyze_bag",
    "analyze_dataframe",
    "failures",
    "to_jsonl",
    "to_parquet",
]

#: The columns of a result row, in order, with their pandas dtypes.
COLUMNS: dict[str, str] = {
    "source": "string",
    "record": "Int64",
    "article_id": "string",
    "title": "string",
    "url": "string",
    "published": "string",
    "language": "string",
    "entities": "Int64",
    "claims": "Int64",
    "analysis": "string",
    "error_type": "string",
    "message": "string",
}

Input = Literal["path", "text", "record"]

# keyed by the pipeline too: a worker outlives no reset of the pipelines (tests)
_workers: ProcessCache[tuple[Settings, Pipeline], Worker] = ProcessCache("geotext.dask workers")


def _worker(settings: Settings) -> Worker:
    # once per worker process: the pipeline (and so the plugins) is made on first use
    return _workers.get((settings, settings.pipeline()), lambda: Worker(settings))


def _row(item: Any, source: str) -> dict[str, Any]:
    from ._model import Analysis

    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    row["source"] = source
    if isinstance(item, Analysis):
        article = item.article
        row.update(
            record=article.provenance.record if article.provenance else None,
            article_id=article.id,
            title=article.title,
            url=article.url,
            published=article.published.isoformat() if article.published else None,
            language=article.language,
            entities=len(item.entities),
            claims=len(item.claims),
            analysis=dumps(item.to_dict()).decode("utf-8"),
        )
    else:
        row.update(record=item.record, error_type=item.error_type, message=item.message, source=item.source or source)
    return row


def _unit(element: Any, input: Input, worker: Worker) -> tuple[Unit, str]:  # noqa: A002
    import attrs

    from .exceptions import ParseError

    if input == "path":
        from ._components import display_path

        name = display_path(element)  # as the corpus runner shows it: no lone surrogate
        return PathUnit(name, os.fspath(element)), name
    if input == "text":
        return SourceUnit("<text>", element), "<text>"
    try:
        if isinstance(element, str):  # a line of JSON, as dask.bag.read_text gives
            data = element.encode("utf-8")
        elif isinstance(element, bytes):
            data = element
        else:
            data = json.dumps(element, ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError) as exc:
        failure = ParseError(f"not a JSON record: {exc}", source="<record>")
        return FailedUnit(_record_failure(failure)), "<record>"
    settings = worker.settings
    try:
        source = worker.pipeline.source(data, media_type=settings.media_type, options=settings.parser_options)
    except ParseError as exc:  # larger than max_bytes
        return FailedUnit(_record_failure(exc)), "<record>"
    return SourceUnit("<record>", attrs.evolve(source, name="<record>")), "<record>"


def _record_failure(exc: BaseException) -> Any:
    from ._pipeline import Failure

    return Failure.from_exception(exc, source="<record>")


def _rows_of_partition(elements: Iterable[Any], input: Input, settings: Settings) -> list[dict[str, Any]]:  # noqa: A002
    worker = _worker(settings)
    rows = []
    for element in elements:
        unit, name = _unit(element, input, worker)
        for item in worker.iter_unit(unit):
            if not isinstance(item, Skipped):
                rows.append(_row(item, name))
    return rows


def analyze_bag(
    bag: dask.bag.Bag,
    *,
    input: Input = "path",  # noqa: A002
    parser: str | None = None,
    media_type: str | None = None,
    parser_options: Mapping[str, Any] | None = None,
    plugins: Iterable[str] | None = None,
    config: Mapping[str, Any] | None = None,
    strict: bool | None = None,
) -> dask.bag.Bag:
    """Analyse every element of *bag*; return a bag of result rows (see the module docs).

    A source may hold several articles (a JSON Lines file, a WARC): each gives a row.
    A source or record that fails gives a row with ``error_type`` and ``message``.

    Args:
        bag: paths (``str`` or :class:`os.PathLike`), texts, or records.
        input: ``"path"``, ``"text"`` (each element is an article's text) or
            ``"record"`` (each element is a JSON object, or its text or bytes such as the
            lines of ``dask.bag.read_text``, read by the parser
            chosen by *parser* or *media_type*, with *parser_options* such as a field map).
        parser: a parser name, instead of choosing one per source.
        media_type: a media type hint, such as ``"text/html"``.
        parser_options: options for the parser.
        plugins: plugin names to load in the workers (default: every installed plugin).
        config: settings keyed by plugin name.
        strict: raise when a plugin fails to load.

    >>> import dask.bag as db
    >>> rows = analyze_bag(db.from_sequence(["a.html", "b.html"]), input="path")  # lazy
    """
    if input not in ("path", "text", "record"):
        from .exceptions import ConfigError

        raise ConfigError(f"input={input!r}: expected 'path', 'text' or 'record'")
    settings = Settings(
        plugins=plugins,
        config=config,
        strict=strict,
        parser=parser,
        media_type=media_type,
        parser_options=parser_options,
    )
    rows: dask.bag.Bag = cast(Any, bag).map_partitions(_rows_of_partition, input, settings)  # dask is untyped
    return rows


def _rows_of_frame(frame: pandas.DataFrame, fields: dict[str, str], name: str, settings: Settings) -> pandas.DataFrame:
    import pandas as pd

    from ._model import Article, Provenance
    from ._pipeline import Failure

    worker = _worker(settings)
    rows = []
    for index, values in zip(frame.index, frame.to_dict("records")):
        record = int(index) if isinstance(index, int) or hasattr(index, "__index__") else None
        try:
            known = {
                key: values[column]
                for key, column in fields.items()
                if column in values and not _missing(values[column])
            }
            article = Article(**known, provenance=Provenance(source=name, record=record))
        except Exception as exc:  # noqa: BLE001 - a bad row fails alone
            rows.append(_row(Failure.from_exception(exc, source=name, record=record), name))
            continue
        for item in worker.iter_unit(ArticleUnit(name, article)):
            rows.append(_row(item, name))
    return _frame(rows, pd)


def _missing(value: Any) -> bool:
    try:
        import pandas as pd

        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _frame(rows: list[dict[str, Any]], pd: Any) -> pandas.DataFrame:
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return frame.astype(COLUMNS)


def analyze_dataframe(
    frame: dask.dataframe.DataFrame,
    *,
    fields: Mapping[str, str] | None = None,
    name: str = "<dataframe>",
    plugins: Iterable[str] | None = None,
    config: Mapping[str, Any] | None = None,
    strict: bool | None = None,
) -> dask.dataframe.DataFrame:
    """Analyse one article per row of *frame*; return a dataframe of result rows.

    Args:
        frame: a dask dataframe with a text column.
        fields: :class:`~geotext.Article` field to column, such as
            ``{"text": "body", "id": "doc_id", "title": "headline"}``; by default the
            columns named ``text``, ``id``, ``title``, ``url``, ``published``,
            ``language`` and ``source`` are used when present.
        name: the source name written in the rows and the articles' provenance; the
            row's index becomes the record number.
        plugins: plugin names to load in the workers (default: every installed plugin).
        config: settings keyed by plugin name.
        strict: raise when a plugin fails to load.
    """
    import pandas as pd

    default = ("text", "id", "title", "url", "published", "language", "source")
    mapping = dict(fields) if fields else {key: key for key in default if key in frame.columns}
    if "text" not in mapping:
        from .exceptions import ConfigError

        raise ConfigError("analyze_dataframe: no text column; pass fields={'text': COLUMN}")
    settings = Settings(plugins=plugins, config=config, strict=strict)
    meta = _frame([], pd)
    rows: dask.dataframe.DataFrame = cast(Any, frame).map_partitions(_rows_of_frame, mapping, name, settings, meta=meta)
    return rows


def analyses(rows: dask.bag.Bag) -> dask.bag.Bag:
    """The analyses of a bag of rows, as :class:`~geotext.Analysis` values (failures left out)."""
    from ._model import Analysis

    found: dask.bag.Bag = (
        cast(Any, rows)
        .filter(lambda row: row["analysis"] is not None)
        .map(lambda row: Analysis.from_dict(json.loads(row["analysis"])))
    )
    return found


def failures(rows: dask.bag.Bag) -> dask.bag.Bag:
    """The failed rows of a bag of rows: source, record, error_type and message."""
    keys = ("source", "record", "error_type", "message")
    failed: dask.bag.Bag = (
        cast(Any, rows).filter(lambda row: row["error_type"] is not None).map(lambda row: {k: row[k] for k in keys})
    )
    return failed


def _write_part(
    rows: Any,
    path: str,
    format: str,  # noqa: A002 - as Settings.format, the public name users know
    options: Mapping[str, Any],
    plugins: tuple[str, ...] | None,
) -> int:
    from ._components import atomic_write
    from ._model import Analysis

    exporter = Settings(plugins=plugins, format=format, exporter_options=options).exporter()
    if hasattr(rows, "to_dict"):  # a pandas partition
        rows = rows.to_dict("records")
    items = (Analysis.from_dict(json.loads(row["analysis"])) for row in rows if isinstance(row["analysis"], str))
    with atomic_write(path) as stream:
        return exporter.write(items, cast(BinaryIO, stream))


def to_jsonl(
    rows: dask.bag.Bag | dask.dataframe.DataFrame,
    directory: str | os.PathLike[str],
    *,
    format: str = "jsonl",  # noqa: A002 - as Settings.format, the public name users know
    plugins: Iterable[str] | None = None,
    **options: Any,
) -> list[str]:
    """Write the analyses of *rows*, one file per partition, and return the paths.

    Files are named ``part-00000.jsonl`` and so on, in partition order: read in that
    order, they hold the lines ``geotext analyze`` writes for the same inputs. Each
    file is written atomically by the worker that computed the partition.

    Args:
        rows: the result of :func:`analyze_bag` or :func:`analyze_dataframe`.
        directory: where to write (made if missing; a shared file system on a cluster).
        format: a line-oriented exporter's format name.
        plugins: plugin names to find the exporter among.
        options: exporter options.

    Raises:
        ConfigError: the format is not line-oriented.
    """
    import dask
    from dask.delayed import delayed

    from .exceptions import ConfigError

    names = None if plugins is None else tuple(plugins)
    exporter = Settings(plugins=names, format=format, exporter_options=options).exporter()
    if not is_line_oriented(exporter):
        raise ConfigError(f"to_jsonl: format {format!r} is not line-oriented")
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    parts = cast(Any, rows).to_delayed()
    paths = [str(target / f"part-{i:05d}{exporter.suffix or '.jsonl'}") for i in range(len(parts))]
    writes = [delayed(_write_part)(part, path, format, options, names) for part, path in zip(parts, paths)]
    cast(Any, dask).compute(*writes)
    return paths


def to_parquet(rows: dask.bag.Bag | dask.dataframe.DataFrame, directory: str | os.PathLike[str]) -> None:
    """Write *rows* as a Parquet dataset (pyarrow), one file per partition, in the row layout."""
    import dask.dataframe as dd
    import pandas as pd
    from dask.delayed import delayed

    if not isinstance(rows, dd.DataFrame):
        rows = dd.from_delayed(
            [delayed(_frame_of_rows)(part) for part in cast(Any, rows).to_delayed()],
            meta=_frame([], pd),
            verify_meta=False,
        )
    cast(Any, rows).to_parquet(os.fspath(directory), engine="pyarrow", write_index=False)


def _frame_of_rows(rows: Iterable[dict[str, Any]]) -> pandas.DataFrame:
    import pandas as pd

    return _frame(list(rows), pd)
