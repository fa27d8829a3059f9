"""What goes to a worker (units) and what comes back (outcomes): small, picklable, named.

A unit is made in the main process, in input order, and analysed by a worker (or
in-process with ``jobs=1``); each unit gives zero or more outcomes, in order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .._components import Source
    from .._model import Analysis, Article
    from .._pipeline import Failure

__all__ = [
    "ArticleUnit",
    "Failed",
    "FailedUnit",
    "Outcome",
    "PathUnit",
    "Position",
    "Skipped",
    "SkippedUnit",
    "SourceUnit",
    "Unit",
    "Written",
    "position_of_unit",
]

#: Where an article was read: ``(source, record)``, as its provenance gives it.
Position = tuple[str, int | None]


class PathUnit(NamedTuple):
    """A file read by a single-record parser: the worker reads and parses it."""

    source: str
    path: str


class ArticleUnit(NamedTuple):
    """An article parsed in the main process (a record of a multi-record source)."""

    source: str
    article: Article


class SourceUnit(NamedTuple):
    """A text or a record given in memory (Dask): the worker parses it."""

    source: str
    input: str | Source


class SkippedUnit(NamedTuple):
    """An article already in the output (resume), known by its position or its id."""

    key: Position | str


class FailedUnit(NamedTuple):
    """An input that failed before it could be sent out (unreadable, no parser, died before)."""

    failure: Failure


Unit = PathUnit | ArticleUnit | SourceUnit | SkippedUnit | FailedUnit


class Written(NamedTuple):
    """An analysis, ready to write: the exporter's bytes (line formats), its JSON, or the
    :class:`~geotext.Analysis` itself (in-process runs of other formats)."""

    payload: bytes | Analysis


class Skipped(NamedTuple):
    """An article left out because the output already holds it (resume)."""

    key: Position | str


class Failed(NamedTuple):
    """A source, record or article that could not be analysed."""

    failure: Failure


Outcome = Written | Skipped | Failed


def position_of_unit(unit: Unit) -> Position | None:
    """``(source, record)`` of a unit that will be analysed, as its output's provenance gives it."""
    if isinstance(unit, PathUnit):
        return unit.source, None
    if isinstance(unit, ArticleUnit):
        provenance = unit.article.provenance
        if provenance is not None and provenance.source:
            return provenance.source, provenance.record
        return unit.source, None
    return None
