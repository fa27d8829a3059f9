"""Corpus runs: many sources in, one stream of results out, in parallel, resumable.

This is the machinery behind ``geotext analyze`` and :mod:`geotext.dask`:

* **Units.** The inputs are expanded into files (and ``-`` for stdin). A file read by a
  single-record parser is sent to a worker as its path; a multi-record source (JSON
  Lines, feeds, WARC) is parsed here, in the main process, as a stream, and its
  articles are sent one by one. Workers never receive large objects, and a huge
  multi-record file is spread over every worker.
* **Workers.** ``jobs > 1`` starts worker processes (``spawn``: each loads the plugins
  once, through its own default pipeline). Units go out in chunks; at most a few
  chunks per worker are in flight, so memory stays flat however large the corpus.
  Results come back serialized (the exporter's bytes for line-oriented formats) and
  are written in input order, so the output is identical, byte for byte, to
  ``jobs=1``, which runs the very same code in-process.
* **Failures.** A source or record that cannot be read or analysed becomes a
  :class:`~geotext.Failure`; the run goes on.
* **Resume.** A line-oriented output (JSON Lines) is written in place, whole lines
  only: each chunk's lines leave in one ``write`` call, the file is flushed after every
  chunk and ``fsync``'d at least every second. After an interruption (even ``kill -9``)
  :func:`resume_state` cuts off a truncated last line and reads back the ids of the
  articles already written; the rerun skips those ids (a single-record file is still
  parsed to learn its id, but not analysed again) and appends the rest. The final file
  holds every article exactly once, in the order of an uninterrupted run (a corpus that
  repeats an article id is the exception: that id is written once).
"""

from __future__ import annotations

import collections
import contextlib
import glob
import io
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, BinaryIO

import attrs

from ._components import DEFAULT_MAX_BYTES, Exporter, Source
from ._model import Analysis, Article
from .exceptions import ConfigError, ExportError, GeotextError, ParseError

try:  # orjson is much faster; json gives the same values
    import orjson

    def _loads(data: bytes | str) -> Any:
        return orjson.loads(data)

    def _dumps(value: Any) -> bytes:
        return orjson.dumps(value)

except ImportError:  # pragma: no cover - orjson is optional

    def _loads(data: bytes | str) -> Any:
        return json.loads(data)

    def _dumps(value: Any) -> bytes:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


#: Units sent to a worker at once, and chunks in flight per worker.
CHUNK_SIZE = 8
CHUNKS_PER_WORKER = 4

STDIN = "-"


def is_line_oriented(exporter: Exporter) -> bool:
    """Whether *exporter* writes each analysis as whole lines, independent of the others.

    Only then can results be serialized one by one (in workers), appended to a file
    and resumed; an exporter says so with :attr:`Exporter.line_oriented`.
    """
    return bool(exporter.line_oriented)


# -- settings and the per-process pipeline ---------------------------------------------------


def _frozen_mapping(value: Mapping[str, Any] | None) -> dict[str, Any]:
    return {key: dict(item) if isinstance(item, Mapping) else item for key, item in (value or {}).items()}


def _opt_tuple(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


@attrs.frozen(kw_only=True)
class RunSettings:
    """Everything a worker needs to analyse like the main process (small and picklable).

    Args:
        plugins: plugin names to load, or ``None`` for every installed plugin.
        config: settings keyed by plugin name.
        strict: raise when a plugin fails to load.
        max_bytes: the largest source a parser may read.
        max_records: the most records read from one multi-record source.
        parser: a parser name, instead of choosing one per source.
        media_type: a media type hint for every source.
        parser_options: options for the parser, such as a JSON field mapping.
        format: the exporter's format name.
        exporter_options: options of the exporter.
    """

    plugins: tuple[str, ...] | None = attrs.field(default=None, converter=_opt_tuple)
    config: dict[str, Any] = attrs.field(factory=dict, converter=_frozen_mapping, hash=False)
    strict: bool | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_records: int | None = None
    parser: str | None = None
    media_type: str | None = None
    parser_options: dict[str, Any] | None = attrs.field(default=None, hash=False)
    format: str = "jsonl"
    exporter_options: dict[str, Any] = attrs.field(factory=dict, hash=False)

    def pipeline(self) -> Any:
        """The pipeline of these settings, made once per process (plugins load once).

        It shares the plugin set of :func:`geotext._pipeline.get_pipeline`, the
        process-wide default when *plugins* and *strict* are ``None``.
        """
        from ._pipeline import Pipeline, get_pipeline

        base = get_pipeline(self.plugins, self.config, self.strict)
        key = repr((self.plugins, sorted(self.config.items()), self.strict, self.max_bytes, self.max_records))
        cached = _PIPELINES.get(key)
        if cached is None or cached[0] is not base:
            pipeline = Pipeline(plugins=base.plugins, config=self.config, max_bytes=self.max_bytes,
                                max_records=self.max_records)
            cached = _PIPELINES[key] = (base, pipeline)
        return cached[1]

    def exporter(self) -> Exporter:
        return self.pipeline().get_exporter(self.format, **self.exporter_options)


_PIPELINES: dict[str, tuple[Any, Any]] = {}


# -- inputs ----------------------------------------------------------------------------------


@attrs.frozen
class InputFile:
    """One input of a run: a file path (or ``-``) and its size in bytes (0 when unknown)."""

    path: str
    size: int = 0


def expand_inputs(items: Iterable[str]) -> list[InputFile]:
    """Files, directories (recursively, in name order, hidden files skipped), globs, ``-``.

    Raises:
        ParseError: an item is no file, directory or matching glob.
    """
    found: list[InputFile] = []
    for item in items:
        if item == STDIN:
            found.append(InputFile(STDIN))
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                    found.append(InputFile(str(child), child.stat().st_size))
        elif path.exists():
            found.append(InputFile(str(path), path.stat().st_size))
        else:
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise ParseError("no such file, directory or match", source=item)
            found.extend(InputFile(m, os.path.getsize(m)) for m in matches if os.path.isfile(m))
    return found


@attrs.frozen(kw_only=True)
class _TrackedSource(Source):
    """A source that remembers the streams parsers open, to report how far they read."""

    opened: list[IO[bytes]] = attrs.field(factory=list, eq=False, repr=False)

    def open(self) -> BinaryIO:
        stream = Source.open(self)
        self.opened.append(stream)
        return stream

    def position(self) -> int:
        best = 0
        for stream in self.opened:
            with contextlib.suppress(ValueError, OSError):
                best = max(best, stream.tell())
        return best


# -- units, outcomes and the worker ----------------------------------------------------------

# A unit is a small tuple: ("path", source_name, path) | ("article", source_name, Article)
# | ("skipped", article_id) | ("failure", Failure-dict). An outcome is ("ok", article_id, payload) |
# ("skip", article_id) | ("fail", Failure-dict).
Unit = tuple[Any, ...]
Outcome = tuple[Any, ...]


@attrs.frozen
class Skipped:
    """An article left out because its id is already in the output (resume)."""

    article_id: str


def _failure(exc: BaseException, source: str, record: int | None = None) -> Any:
    from ._pipeline import Failure

    return Failure.from_exception(exc, source=source, record=record)


class Worker:
    """Analyses units with one pipeline; lives once per process (or in-process for ``jobs=1``).

    Args:
        settings: the run's settings.
        done: article ids already written; those are skipped, not analysed.
        in_process: keep analyses as objects for non-line formats instead of serializing.
    """

    def __init__(self, settings: RunSettings, done: frozenset[str] = frozenset(), *,
                 in_process: bool = False) -> None:
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

    def iter_unit(self, unit: Unit) -> Iterator[Analysis | Skipped | Any]:
        """Yield an :class:`Analysis`, :class:`Skipped` or :class:`~geotext.Failure` per article."""
        kind = unit[0]
        if kind == "skipped":
            yield Skipped(unit[1])
            return
        if kind == "failure":
            from ._pipeline import Failure

            yield Failure(**unit[1])
            return
        name = unit[1]
        if kind == "article":
            yield self._analyze(unit[2], name)
            return
        settings = self.settings
        try:
            source = Path(unit[2]) if kind == "path" else unit[2]
            for item in self.pipeline.parse(source, parser=settings.parser, media_type=settings.media_type,
                                            parser_options=settings.parser_options):
                if isinstance(item, ParseError):
                    yield _failure(item, name)
                else:
                    yield self._analyze(item, name)
        except GeotextError as exc:
            yield _failure(exc, name)
        except Exception as exc:  # noqa: BLE001 - one bad source never stops the run
            yield _failure(exc, name)

    def _analyze(self, article: Article, name: str) -> Analysis | Skipped | Any:
        if article.id in self.done:
            return Skipped(article.id)
        try:
            return self.pipeline.analyze_article(article)
        except Exception as exc:  # noqa: BLE001 - a plugin's bug fails this article only
            record = article.provenance.record if article.provenance else None
            return _failure(exc, name, record)

    def run_chunk(self, chunk: list[Unit]) -> list[Outcome]:
        """Analyse a chunk of units and return their outcomes, serialized, in order."""
        outcomes: list[Outcome] = []
        for unit in chunk:
            for item in self.iter_unit(unit):
                if isinstance(item, Analysis):
                    try:
                        outcomes.append(("ok", item.article.id, self._serialize(item)))
                    except Exception as exc:  # noqa: BLE001 - an exporter failing on one article
                        record = item.article.provenance.record if item.article.provenance else None
                        outcomes.append(("fail", _failure(exc, unit[1], record).to_dict()))
                elif isinstance(item, Skipped):
                    outcomes.append(("skip", item.article_id))
                else:
                    outcomes.append(("fail", item.to_dict()))
        return outcomes

    def _serialize(self, analysis: Analysis) -> Any:
        if self._line:
            assert self._exporter is not None
            buffer = io.BytesIO()
            self._exporter.write([analysis], buffer)
            return buffer.getvalue()
        if self.in_process:
            return analysis
        return _dumps(analysis.to_dict())


_worker: Worker | None = None


def _init_worker(settings: RunSettings, done: frozenset[str]) -> None:
    # Ctrl-C goes to the whole process group; the main process alone handles it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    global _worker
    _worker = Worker(settings, done)


def _exit_with_parent(interval: float = 0.5) -> None:
    # A worker waits on its task queue, whose pipe it holds both ends of: when the main
    # process is killed (kill -9) nothing would wake it. Leave once the parent is gone.
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="geotext-parent-watch", daemon=True).start()


def _run_chunk(chunk: list[Unit]) -> list[Outcome]:
    assert _worker is not None, "worker not initialised"
    return _worker.run_chunk(chunk)


# -- resume -----------------------------------------------------------------------------------


def article_id_of_line(line: bytes) -> str | None:
    """The article id of one output line: ``article.id`` (the analysis layout) or ``id``."""
    try:
        data = _loads(line)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    article = data.get("article")
    if isinstance(article, dict) and isinstance(article.get("id"), str):
        return article["id"]
    value = data.get("id")
    return value if isinstance(value, str) else None


def resume_state(path: Path) -> set[str]:
    """Prepare *path* (a JSON Lines output) for appending and return the ids it holds.

    A last line without its newline (the run was killed while writing it) is cut off;
    every complete line must carry an article id.

    Raises:
        ConfigError: a complete line is not JSON with an article id.
    """
    done: set[str] = set()
    if not path.exists():
        return done
    with open(path, "r+b") as stream:
        good_end = 0
        number = 0
        for line in stream:
            number += 1
            if not line.endswith(b"\n"):
                break
            if line.strip():
                article_id = article_id_of_line(line)
                if article_id is None:
                    raise ConfigError(f"{path} line {number}: not an analysis with an article id; "
                                      "cannot resume into this file")
                done.add(article_id)
            good_end += len(line)
        if good_end != stream.seek(0, os.SEEK_END):
            stream.truncate(good_end)
            stream.flush()
            os.fsync(stream.fileno())
    return done


# -- output -----------------------------------------------------------------------------------


class LineWriter:
    """Appends whole lines to a file or stream: one write per chunk, flushed, fsync'd each second.

    Args:
        target: a path (opened for appending when *append*, else truncated) or a binary stream.
        append: keep what the file holds (resume).
        sync_every: seconds between ``fsync`` calls on a file.
    """

    def __init__(self, target: Path | BinaryIO, *, append: bool = False, sync_every: float = 1.0) -> None:
        self._owned = isinstance(target, Path)
        if isinstance(target, Path):
            try:
                # unbuffered: each write() is one system call of whole lines
                self._stream: Any = open(target, "ab" if append else "wb", buffering=0)  # noqa: SIM115
            except OSError as exc:
                raise ExportError(f"{target}: cannot write: {exc.strerror}") from None
        else:
            self._stream = target
        self._sync_every = sync_every
        self._last_sync = time.monotonic()
        self.name = str(target) if self._owned else "<stdout>"

    def write(self, lines: list[bytes]) -> None:
        if not lines:
            return
        data = memoryview(b"".join(lines))
        try:
            while data:
                written = self._stream.write(data)
                data = data[written if written is not None else len(data):]
            self._stream.flush()
            if self._owned and time.monotonic() - self._last_sync >= self._sync_every:
                os.fsync(self._stream.fileno())
                self._last_sync = time.monotonic()
        except OSError as exc:
            raise ExportError(f"{self.name}: cannot write: {exc}") from None

    def close(self) -> None:
        try:
            self._stream.flush()
            if self._owned:
                os.fsync(self._stream.fileno())
                self._stream.close()
        except OSError as exc:
            raise ExportError(f"{self.name}: cannot write: {exc}") from None


class ErrorReport:
    """The JSON Lines errors report, written as failures happen (one object per line).

    The file is created on the first failure, or at once when *always* is set.
    """

    def __init__(self, path: Path, *, always: bool = False) -> None:
        self.path = path
        self._stream: IO[str] | None = None
        if always:
            self._open()

    def _open(self) -> IO[str]:
        if self._stream is None:
            try:
                self._stream = open(self.path, "w", encoding="utf-8")  # noqa: SIM115
            except OSError as exc:
                raise ExportError(f"{self.path}: cannot write the errors report: {exc.strerror}") from None
        return self._stream

    def add(self, failure: Mapping[str, Any]) -> None:
        stream = self._open()
        stream.write(json.dumps(dict(failure), ensure_ascii=False) + "\n")
        stream.flush()

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()


# -- progress ---------------------------------------------------------------------------------


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

    def summary(self) -> str:
        rate = self.analysed / self.seconds if self.seconds > 0 else 0.0
        resumed = f", {self.skipped} already done" if self.skipped else ""
        return (f"{self.analysed} analysed, {self.failed} failed{resumed} "
                f"in {self.seconds:.1f} s ({rate:.1f} articles/s)")


class ProgressBar:
    """A rich progress bar on stderr: articles, articles/s, bytes, errors, estimate."""

    def __init__(self, stats: RunStats) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.stats = stats
        self.console = Console(stderr=True)
        self._progress = Progress(
            TextColumn("[bold]analyse"),
            BarColumn(),
            TextColumn("{task.fields[articles]} articles"),
            TextColumn("{task.fields[rate]:.1f}/s"),
            DownloadColumn(),
            TextColumn("[red]{task.fields[errors]} errors"),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self._task = self._progress.add_task("analyse", total=stats.bytes_total or None,
                                             articles=0, rate=0.0, errors=0)
        self._progress.start()

    def update(self) -> None:
        stats = self.stats
        seconds = stats.seconds
        self._progress.update(self._task, completed=stats.bytes_done, articles=stats.analysed + stats.skipped,
                              rate=stats.analysed / seconds if seconds > 0 else 0.0, errors=stats.failed)

    def print(self, message: str) -> None:
        self.console.print(message, markup=False, highlight=False)

    def close(self) -> None:
        self.update()
        self._progress.stop()


# -- the run ----------------------------------------------------------------------------------

OnFailure = Callable[[Mapping[str, Any]], None]


class CorpusRun:
    """One run over a corpus: yields results in input order, reports failures as they come.

    Args:
        inputs: the expanded inputs (:func:`expand_inputs`).
        settings: the run's settings.
        jobs: worker processes; 1 runs everything in this process.
        done: article ids already written (resume); skipped.
        on_failure: called with each failure's dict (source, record, error_type, message, plugin).
        stdin: the binary stream read for the input ``-``.
    """

    def __init__(self, inputs: list[InputFile], settings: RunSettings, *, jobs: int = 1,
                 done: Iterable[str] = (), on_failure: OnFailure | None = None,
                 stdin: BinaryIO | None = None, chunk_size: int = CHUNK_SIZE) -> None:
        self.inputs = inputs
        self.settings = settings
        self.jobs = max(1, jobs)
        self.done = frozenset(done)
        self.on_failure = on_failure
        self.stdin = stdin
        self.chunk_size = chunk_size
        self.stats = RunStats(bytes_total=sum(i.size for i in inputs) or None)
        self.on_progress: Callable[[], None] | None = None
        self.pipeline = settings.pipeline()
        self._reading: _TrackedSource | None = None
        self._finished_bytes = 0

    # units, made in the main process, in input order
    def _units(self) -> Iterator[tuple[Unit | None, int]]:
        """Yield ``(unit, bytes)``: *bytes* is the input size finished with that unit.

        The unit is ``None`` where only bytes are reported (the end of a multi-record source).
        """
        settings = self.settings
        pipeline = self.pipeline
        for item in self.inputs:
            name = "<stdin>" if item.path == STDIN else item.path
            try:
                if item.path == STDIN:
                    source: Source = pipeline.source(self.stdin or sys.stdin.buffer, media_type=settings.media_type,
                                                     options=settings.parser_options)
                    source = attrs.evolve(source, name=name)
                else:
                    source = pipeline.source(Path(item.path), media_type=settings.media_type,
                                             options=settings.parser_options)
                tracked = _TrackedSource(**{a.name: getattr(source, a.name) for a in attrs.fields(Source)})
                parser = pipeline.choose_parser(tracked, settings.parser)
            except GeotextError as exc:
                yield ("failure", _failure(exc, name).to_dict()), item.size
                continue
            if not parser.multi_record and source.path is not None:
                yield ("path", name, item.path), item.size
                continue
            # multi-record (or stdin): read here as a stream, send the articles out
            self._reading = tracked
            try:
                for record in pipeline.parse(tracked, parser=settings.parser):
                    if isinstance(record, ParseError):
                        yield ("failure", _failure(record, name).to_dict()), 0
                    else:
                        yield ("article", name, record), 0
            except GeotextError as exc:
                yield ("failure", _failure(exc, name).to_dict()), 0
            except Exception as exc:  # noqa: BLE001 - a parser's bug stops that source only
                yield ("failure", _failure(exc, name).to_dict()), 0
            finally:
                self._reading = None
                for stream in tracked.opened:
                    with contextlib.suppress(OSError):
                        stream.close()
            yield None, item.size

    def _chunks(self) -> Iterator[tuple[list[Unit], int]]:
        chunk: list[Unit] = []
        size = 0
        for unit, done_bytes in self._units():
            if unit is not None:
                if unit[0] == "article" and unit[2].id in self.done:
                    unit = ("skipped", unit[2].id)  # known here: no need to send the article
                chunk.append(unit)
            size += done_bytes
            if len(chunk) >= self.chunk_size:
                yield chunk, size
                chunk, size = [], 0
        if chunk or size:
            yield chunk, size

    def __iter__(self) -> Iterator[Any]:
        """Yield the payload of each analysis, in input order (bytes, or an Analysis in-process)."""
        if self.jobs == 1:
            worker = Worker(self.settings, self.done, in_process=True)
            for chunk, size in self._chunks():
                yield from self._collect(worker.run_chunk(chunk), size)
            return
        yield from self._parallel()

    def _parallel(self) -> Iterator[Any]:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        context = multiprocessing.get_context("spawn")
        executor = ProcessPoolExecutor(self.jobs, mp_context=context, initializer=_init_worker,
                                       initargs=(self.settings, self.done))
        window = self.jobs * CHUNKS_PER_WORKER
        pending: collections.deque[tuple[Any, int]] = collections.deque()
        try:
            for chunk, size in self._chunks():
                pending.append((executor.submit(_run_chunk, chunk), size))
                while len(pending) >= window:
                    future, done_size = pending.popleft()
                    yield from self._collect(future.result(), done_size)
            while pending:
                future, done_size = pending.popleft()
                yield from self._collect(future.result(), done_size)
        except BrokenProcessPool as exc:
            raise GeotextError(f"a worker process died ({exc}); rerun with --resume to continue") from None
        finally:
            for future, _ in pending:
                future.cancel()
            executor.shutdown(wait=True, cancel_futures=True)

    def _collect(self, outcomes: list[Outcome], size: int) -> Iterator[Any]:
        stats = self.stats
        for outcome in outcomes:
            kind = outcome[0]
            if kind == "ok":
                stats.analysed += 1
                yield outcome[2]
            elif kind == "skip":
                stats.skipped += 1
            else:
                stats.failed += 1
                if self.on_failure is not None:
                    self.on_failure(outcome[1])
        self._finished_bytes += size
        # a multi-record source being read here counts as far as its parser has read
        reading = self._reading.position() if self._reading is not None else 0
        stats.bytes_done = self._finished_bytes + reading
        if self.on_progress is not None:
            self.on_progress()
