"""One run over a corpus: units made in input order, analysed here or in a pool, counted."""

from __future__ import annotations

import collections
import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

import attrs

from .._components import Source
from .._model import Analysis
from .._pipeline import Failure
from .._settings import Settings
from ..exceptions import GeotextError, ParseError
from .inputs import STDIN, InputFile, TrackedSource
from .pool import WorkerPool
from .resume import ResumeState
from .units import (
    ArticleUnit,
    Failed,
    FailedUnit,
    Outcome,
    PathUnit,
    Position,
    Skipped,
    SkippedUnit,
    Unit,
    Written,
    position_of_unit,
)
from .worker import Worker

__all__ = ["CHUNK_SIZE", "CorpusRun", "OnFailure", "OnProgress", "RunStats"]

#: Units sent to a worker at once.
CHUNK_SIZE = 8

#: Called with each failure's dict (source, record, error_type, message, plugin).
OnFailure = Callable[[dict[str, Any]], None]


@attrs.define
class RunStats:
    """Counts of a run, updated as it goes."""

    analysed: int = 0
    failed: int = 0
    skipped: int = 0
    bytes_done: int = 0
    bytes_total: int | None = None
    started: float = attrs.field(factory=time.monotonic)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        """Articles analysed per second so far."""
        seconds = self.seconds
        return self.analysed / seconds if seconds > 0 else 0.0


#: Called with the run's stats after each chunk (a progress display reads them).
OnProgress = Callable[[RunStats], None]


class CorpusRun:
    """One run over a corpus: yields results in input order, reports failures as they come.

    Args:
        inputs: the expanded inputs (:func:`~geotext._corpus.expand_inputs`).
        settings: the run's settings.
        jobs: worker processes; 1 runs everything in this process.
        done: what the output already holds (resume): a :class:`ResumeState`, or article ids.
        died: inputs that killed a worker in an earlier run
            (:func:`~geotext._corpus.read_worker_deaths`): reported as failed again, not analysed.
        on_failure: called with each failure's dict (source, record, error_type, message, plugin).
        on_progress: called with :attr:`stats` after each chunk.
        stdin: the binary stream read for the input ``-``.
    """

    def __init__(
        self,
        inputs: list[InputFile],
        settings: Settings,
        *,
        jobs: int = 1,
        done: ResumeState | Iterable[str] = (),
        on_failure: OnFailure | None = None,
        on_progress: OnProgress | None = None,
        died: Mapping[Position, Mapping[str, Any]] | None = None,
        stdin: BinaryIO | None = None,
        chunk_size: int = CHUNK_SIZE,
    ) -> None:
        self.inputs = inputs
        self.settings = settings
        self.jobs = max(1, jobs)
        if not isinstance(done, ResumeState):
            done = ResumeState(ids=collections.Counter(done))
        self.resume = done
        # ids of output lines without provenance: only a worker can learn a file's id
        self.done = frozenset(done.ids)
        self.died = dict(died or {})
        self.on_failure = on_failure
        self.on_progress = on_progress
        self.stdin = stdin
        self.chunk_size = chunk_size
        self.stats = RunStats(bytes_total=sum(i.size for i in inputs) or None)
        self.pipeline = settings.pipeline()
        self._reading: TrackedSource | None = None
        self._finished_bytes = 0
        self._spooled: list[str] = []

    # units, made in the main process, in input order
    def _units(self) -> Iterator[tuple[Unit | None, int]]:
        """Yield ``(unit, bytes)``: *bytes* is the input size finished with that unit.

        The unit is ``None`` where only bytes are reported (the end of a multi-record source).
        """
        settings = self.settings
        pipeline = self.pipeline
        for item in self.inputs:
            name = item.name
            if item.error:
                error = ParseError(item.error, source=name)
                yield FailedUnit(Failure.from_exception(error, source=name)), item.size
                continue
            try:
                if item.path == STDIN:
                    # spooled to a file: a streamed format (JSON Lines, WARC) is then read as
                    # a stream whatever its size, and only what is read whole is bounded
                    spool = self._spool_stdin()
                    source: Source = pipeline.source(
                        spool, media_type=settings.media_type, options=settings.parser_options
                    )
                    source = attrs.evolve(source, name=name, suffix=None)
                else:
                    source = pipeline.source(
                        Path(item.path), media_type=settings.media_type, options=settings.parser_options
                    )
                tracked = TrackedSource.of(source)
                parser = pipeline.choose_parser(tracked, settings.parser)
            except GeotextError as exc:
                yield FailedUnit(Failure.from_exception(exc, source=name)), item.size
                continue
            if not parser.multi_record and source.path is not None and item.path != STDIN:
                yield PathUnit(name, item.path), item.size
                continue
            # multi-record (or stdin): read here as a stream, send the articles out
            self._reading = tracked
            try:
                for record in pipeline.parse(tracked, parser=settings.parser):
                    if isinstance(record, ParseError):
                        yield FailedUnit(Failure.from_exception(record, source=name)), 0
                    else:
                        yield ArticleUnit(name, record), 0
            except Exception as exc:  # noqa: BLE001 - a parser's bug stops that source only
                yield FailedUnit(Failure.from_exception(exc, source=name)), 0
            finally:
                self._reading = None
                tracked.close()
            yield None, item.size

    def _spool_stdin(self) -> Path:
        import shutil
        import tempfile

        stream = self.stdin or sys.stdin.buffer
        spool = tempfile.NamedTemporaryFile(prefix="geotext-stdin-", delete=False)  # noqa: SIM115
        with spool:
            shutil.copyfileobj(stream, spool, 1 << 20)
        self._spooled.append(spool.name)
        return Path(spool.name)

    def close(self) -> None:
        """Remove the spooled copy of standard input, if one was made."""
        while self._spooled:
            with contextlib.suppress(OSError):
                os.unlink(self._spooled.pop())

    def _settled(self, unit: Unit) -> Unit:
        """The unit itself, or what it comes to without analysis: written already (resume),
        or an input that killed a worker in an earlier run."""
        position = position_of_unit(unit)
        if position is None:
            return unit
        earlier = self.died.get(position)
        if earlier is not None:
            return FailedUnit(
                Failure(**{key: earlier.get(key) for key in ("source", "record", "error_type", "message", "plugin")})
            )
        if self.resume.take(position):
            return SkippedUnit(position)
        if isinstance(unit, ArticleUnit) and unit.article.id in self.done:
            return SkippedUnit(unit.article.id)  # known here: no need to send the article
        return unit

    def _chunks(self) -> Iterator[tuple[list[Unit], int]]:
        chunk: list[Unit] = []
        size = 0
        for unit, done_bytes in self._units():
            if unit is not None:
                chunk.append(self._settled(unit))
            size += done_bytes
            if len(chunk) >= self.chunk_size:
                yield chunk, size
                chunk, size = [], 0
        if chunk or size:
            yield chunk, size

    def __iter__(self) -> Iterator[bytes | Analysis]:
        """Yield the payload of each analysis, in input order (bytes, or an Analysis in-process)."""
        try:
            if self.jobs == 1:
                worker = Worker(self.settings, self.done, in_process=True)
                for chunk, size in self._chunks():
                    yield from self._collect(worker.run_chunk(chunk), size)
                return
            pool = WorkerPool(self.settings, self.done, self.jobs)
            with contextlib.closing(pool.run(self._chunks())) as results:  # the pool ends with the run
                for outcomes, size in results:
                    yield from self._collect(outcomes, size)
        finally:
            self.close()

    def _collect(self, outcomes: list[Outcome], size: int) -> Iterator[bytes | Analysis]:
        stats = self.stats
        for outcome in outcomes:
            if isinstance(outcome, Written):
                stats.analysed += 1
                yield outcome.payload
            elif isinstance(outcome, Skipped):
                stats.skipped += 1
            else:
                assert isinstance(outcome, Failed)
                stats.failed += 1
                if self.on_failure is not None:
                    self.on_failure(outcome.failure.to_dict())
        self._finished_bytes += size
        # a multi-record source being read here counts as far as its parser has read
        reading = self._reading.position() if self._reading is not None else 0
        stats.bytes_done = self._finished_bytes + reading
        if self.on_progress is not None:
            self.on_progress(stats)
