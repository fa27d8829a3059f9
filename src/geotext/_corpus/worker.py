"""The worker: analyses units with one pipeline, once per process (or in-process)."""

from __future__ import annotations

import io
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from .._components import Exporter, Source
from .._model import Analysis, Article
from .._pipeline import Failure, parse_with
from .._settings import Settings
from ..exceptions import GeotextError, ParseError
from .codec import dumps
from .units import (
    ArticleUnit,
    Failed,
    FailedUnit,
    Outcome,
    PathUnit,
    Skipped,
    SkippedUnit,
    SourceUnit,
    Unit,
    Written,
)

__all__ = ["Worker", "init_worker_process", "is_line_oriented", "run_chunk_in_worker_process"]


def is_line_oriented(exporter: Exporter) -> bool:
    """Whether *exporter* writes each analysis as whole lines, independent of the others.

    Only then can results be serialized one by one (in workers), appended to a file
    and resumed; an exporter says so with :attr:`Exporter.line_oriented`.
    """
    return bool(exporter.line_oriented)


class Worker:
    """Analyses units with one pipeline; lives once per process (or in-process for ``jobs=1``).

    Args:
        settings: the run's settings.
        done: article ids already written; those are skipped, not analysed.
        in_process: keep analyses as objects for non-line formats instead of serializing.
    """

    def __init__(self, settings: Settings, done: frozenset[str] = frozenset(), *, in_process: bool = False) -> None:
        self.settings = settings
        self.done = done
        self.in_process = in_process
        self.pipeline = settings.pipeline()
        self._exporter: Exporter | None = None
        self._line = False
        try:
            self._exporter = settings.exporter()
            self._line = is_line_oriented(self._exporter)
        except GeotextError:
            self._exporter = None  # rows for geotext.dask need no exporter

    def iter_unit(self, unit: Unit) -> Iterator[Analysis | Skipped | Failure]:
        """Yield an :class:`Analysis`, :class:`Skipped` or :class:`~geotext.Failure` per article."""
        if isinstance(unit, SkippedUnit):
            yield Skipped(unit.key)
            return
        if isinstance(unit, FailedUnit):
            yield unit.failure
            return
        if isinstance(unit, ArticleUnit):
            yield self._analyze(unit.article, unit.source)
            return
        name = unit.source
        try:
            source: str | Source | Path = Path(unit.path) if isinstance(unit, PathUnit) else unit.input
            for item in parse_with(self.pipeline, source, self.settings):
                if isinstance(item, ParseError):
                    yield Failure.from_exception(item, source=name)
                else:
                    yield self._analyze(item, name)
        except Exception as exc:  # noqa: BLE001 - one bad source never stops the run
            yield Failure.from_exception(exc, source=name)

    def _analyze(self, article: Article, name: str) -> Analysis | Skipped | Failure:
        if article.id in self.done:
            return Skipped(article.id)
        try:
            return self.pipeline.analyze_article(article)
        except Exception as exc:  # noqa: BLE001 - a plugin's bug fails this article only
            record = article.provenance.record if article.provenance else None
            return Failure.from_exception(exc, source=name, record=record)

    def run_chunk(self, chunk: list[Unit]) -> list[Outcome]:
        """Analyse a chunk of units and return their outcomes, serialized, in order."""
        outcomes: list[Outcome] = []
        for unit in chunk:
            for item in self.iter_unit(unit):
                if isinstance(item, Analysis):
                    try:
                        outcomes.append(Written(self._serialize(item)))
                    except Exception as exc:  # noqa: BLE001 - an exporter failing on one article
                        record = item.article.provenance.record if item.article.provenance else None
                        source = unit.source if isinstance(unit, (PathUnit, ArticleUnit, SourceUnit)) else ""
                        outcomes.append(Failed(Failure.from_exception(exc, source=source, record=record)))
                elif isinstance(item, Skipped):
                    outcomes.append(item)
                else:
                    outcomes.append(Failed(item))
        return outcomes

    def _serialize(self, analysis: Analysis) -> bytes | Analysis:
        if self._line:
            assert self._exporter is not None
            buffer = io.BytesIO()
            self._exporter.write([analysis], buffer)
            return buffer.getvalue()
        if self.in_process:
            return analysis
        return dumps(analysis.to_dict())


# -- in a worker process ----------------------------------------------------------------------

_process_worker: Worker | None = None


def init_worker_process(settings: Settings, done: frozenset[str], parent: int) -> None:
    """The pool's initializer: one :class:`Worker` per process, for every chunk it runs;
    *parent* is the main process's id."""
    # Ctrl-C goes to the whole process group; the main process alone handles it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent(parent)
    global _process_worker
    _process_worker = Worker(settings, done)


def _exit_with_parent(parent: int, interval: float = 0.5) -> None:
    # A worker waits on its task queue, whose pipe it holds both ends of: when the main
    # process is killed (kill -9) nothing would wake it. Leave once the parent is gone.
    # The main process's id comes from the main process: one killed before this worker
    # started has already left it to another parent, whose id getppid() would give.
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="geotext-parent-watch", daemon=True).start()


def run_chunk_in_worker_process(chunk: list[Unit]) -> list[Outcome]:
    """The pool's task: run *chunk* with this process's worker."""
    assert _process_worker is not None, "worker not initialised"
    return _process_worker.run_chunk(chunk)
