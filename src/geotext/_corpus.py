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
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, BinaryIO

import attrs

from ._components import DEFAULT_MAX_BYTES, Exporter, Source, display_path
from ._model import Analysis, Article
from .exceptions import ConfigError, ExportError, GeotextError, ParseError, WorkerDiedError

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
    """One input of a run: a file path (or ``-``), its size in bytes (0 when unknown), and
    why it cannot be read, when that is known before reading (it is then reported as failed).

    The path is kept as the operating system gave it (a name that is not UTF-8 holds
    surrogate escapes); :attr:`name` is its display form (see :func:`geotext.display_path`).
    """

    path: str
    size: int = 0
    error: str | None = None

    @property
    def name(self) -> str:
        return "<stdin>" if self.path == STDIN else display_path(self.path)


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"))


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode is no input: only regular files are read (they end)."""
    if stat.S_ISREG(mode):
        return None
    for test, kind in _KINDS:
        if test(mode):
            return f"not a regular file but {kind}; only regular files (or - for stdin) are read"
    return "not a regular file; only regular files (or - for stdin) are read"


def _input_file(path: str) -> InputFile:
    try:
        info = os.stat(path)
    except OSError as exc:
        return InputFile(path, 0, f"cannot read: {exc.strerror}")
    reason = _not_regular(info.st_mode)
    return InputFile(path, 0 if reason else info.st_size, reason)


def _walk(top: str) -> Iterator[InputFile]:
    """Every file under *top*, in name order, hidden names skipped; an unreadable directory
    (or a file that is not a regular one) is yielded with its error, never skipped silently."""
    try:
        entries = sorted(os.scandir(top), key=lambda entry: entry.name)
    except OSError as exc:
        yield InputFile(top, 0, f"cannot read the directory: {exc.strerror}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()  # follows a symlink, as Path.rglob's is_file did for files
        except OSError:
            is_dir = False
        if is_dir and not entry.is_symlink():
            yield from _walk(entry.path)
        elif not is_dir:
            yield _input_file(entry.path)


def expand_inputs(items: Iterable[str]) -> list[InputFile]:
    """Files, directories (recursively, in name order, hidden files skipped), globs, ``-``.

    What cannot be read (an unreadable directory, a device, a FIFO) is listed with its
    :attr:`InputFile.error`, so that the run reports it instead of losing it silently.

    Raises:
        ParseError: an item is no file, directory or matching glob.
    """
    found: list[InputFile] = []
    for item in items:
        if item == STDIN:
            found.append(InputFile(STDIN))
            continue
        if os.path.isdir(item):
            found.extend(_walk(item))
        elif os.path.lexists(item):
            found.append(_input_file(item))
        else:
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise ParseError("no such file, directory or match", source=display_path(item))
            found.extend(_input_file(m) for m in matches if not os.path.isdir(m))
    return found


def _file_key(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def check_outputs(inputs: Iterable[InputFile], outputs: Iterable[tuple[str, Path | None]]) -> None:
    """Refuse a run whose output would overwrite one of its inputs (the same file, whatever
    the name or link that reaches it): the input would be truncated before it is read.

    Args:
        inputs: the run's inputs.
        outputs: ``(option, path)`` pairs, such as ``("--output", path)``.

    Raises:
        ConfigError: an output is one of the inputs.
    """
    targets = {key: (option, path) for option, path in outputs
               if path is not None and (key := _file_key(path)) is not None}
    if not targets:
        return
    for item in inputs:
        if item.path == STDIN or item.error:
            continue
        hit = targets.get(_file_key(item.path))  # type: ignore[arg-type]
        if hit is not None:
            option, path = hit
            raise ConfigError(f"{option} {display_path(path)} is the input {item.name}: "
                              "writing it would destroy the input; choose another file")


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
    data = _line_object(line)
    return None if data is None else _id_of(data)


def _line_object(line: bytes) -> dict[str, Any] | None:
    try:
        data = _loads(line)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _id_of(data: dict[str, Any]) -> str | None:
    article = data.get("article")
    if isinstance(article, dict) and isinstance(article.get("id"), str):
        return article["id"]
    value = data.get("id")
    return value if isinstance(value, str) else None


def _position_of(data: dict[str, Any]) -> tuple[str, int | None] | None:
    """Where the article of an output line was read: ``(source, record)`` from its provenance."""
    article = data.get("article")
    holder = article if isinstance(article, dict) else data
    provenance = holder.get("provenance")
    if not isinstance(provenance, dict) or not isinstance(provenance.get("source"), str):
        return None
    record = provenance.get("record")
    return provenance["source"], record if isinstance(record, int) else None


@attrs.define
class ResumeState:
    """What an output being resumed already holds.

    An article is known by where it was read, ``(source, record)`` from its provenance,
    so that records sharing an article id are each written once, never merged; a line
    without provenance is known by its article id. Both are counted: a source named
    twice among the inputs is written twice.

    Attributes:
        positions: ``(source, record)`` of the articles written, with their counts.
        ids: article ids of written lines that carry no provenance source.
    """

    positions: collections.Counter[tuple[str, int | None]] = attrs.field(factory=collections.Counter)
    ids: collections.Counter[str] = attrs.field(factory=collections.Counter)

    def __len__(self) -> int:
        return sum(self.positions.values()) + sum(self.ids.values())

    def take(self, position: tuple[str, int | None]) -> bool:
        """Whether the article read at *position* was written already (counted once)."""
        if self.positions.get(position, 0) > 0:
            self.positions[position] -= 1
            return True
        return False


def resume_state(path: Path) -> ResumeState:
    """Prepare *path* (a JSON Lines output) for appending and return what it holds.

    A last line without its newline (the run was killed while writing it) is cut off;
    every complete line must carry an article id.

    Raises:
        ConfigError: a complete line is not JSON with an article id.
    """
    state = ResumeState()
    if not path.exists():
        return state
    with open(path, "r+b") as stream:
        good_end = 0
        number = 0
        for line in stream:
            number += 1
            if not line.endswith(b"\n"):
                break
            if line.strip():
                data = _line_object(line)
                article_id = None if data is None else _id_of(data)
                if data is None or article_id is None:
                    raise ConfigError(f"{path} line {number}: not an analysis with an article id; "
                                      "cannot resume into this file")
                position = _position_of(data)
                if position is None:
                    state.ids[article_id] += 1
                else:
                    state.positions[position] += 1
            good_end += len(line)
        if good_end != stream.seek(0, os.SEEK_END):
            stream.truncate(good_end)
            stream.flush()
            os.fsync(stream.fileno())
    return state


def read_worker_deaths(report: Path) -> dict[tuple[str, int | None], dict[str, Any]]:
    """The inputs an earlier run's errors report lists as having killed a worker process.

    A resumed run reports them as failed again without analysing them: an input that
    crashes a worker (or exhausts memory) would crash it again.
    """
    found: dict[tuple[str, int | None], dict[str, Any]] = {}
    try:
        with open(report, "rb") as stream:
            for line in stream:
                data = _line_object(line)
                if data and data.get("error_type") == WorkerDiedError.__name__ and isinstance(data.get("source"), str):
                    record = data.get("record")
                    found[(data["source"], record if isinstance(record, int) else None)] = data
    except OSError:
        pass
    return found


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
        self._path = target if isinstance(target, Path) else None
        self._append = append
        self._stream: Any = None if isinstance(target, Path) else target
        self._sync_every = sync_every
        self._last_sync = time.monotonic()
        self.name = display_path(target) if isinstance(target, Path) else "<stdout>"
        #: lines written by this writer
        self.lines = 0

    def _open(self) -> Any:
        # Opened (and so truncated) only when the first line is ready: a run that writes
        # nothing leaves an existing file as it was.
        if self._stream is None:
            assert self._path is not None
            try:
                # unbuffered: each write() is one system call of whole lines
                self._stream = open(self._path, "ab" if self._append else "wb", buffering=0)  # noqa: SIM115
            except OSError as exc:
                raise ExportError(f"{self.name}: cannot write: {exc.strerror}") from None
        return self._stream

    @property
    def touched(self) -> bool:
        """Whether the file was opened (and, unless appending, truncated)."""
        return self._stream is not None

    def write(self, lines: list[bytes]) -> None:
        if not lines:
            return
        self._open()
        self.lines += len(lines)
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
        if self._stream is None:
            if self._path is not None and not self._path.exists():
                self._open()  # an empty output where there was none
            else:
                return
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
                # a lone surrogate in a message is written as its \\u escape, never a crash
                self._stream = open(self.path, "w", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
            except OSError as exc:
                raise ExportError(f"{display_path(self.path)}: cannot write the errors report: "
                                  f"{exc.strerror}") from None
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


def _position_of_unit(unit: Unit) -> tuple[str, int | None] | None:
    """``(source, record)`` of a unit that will be analysed, as its output's provenance gives it."""
    if unit[0] == "path":
        return unit[1], None
    if unit[0] == "article":
        provenance = unit[2].provenance
        if provenance is not None and provenance.source:
            return provenance.source, provenance.record
        return unit[1], None
    return None


def _death_reason(executor: Any) -> str:
    """How the pool's dead worker ended: its exit code or signal (from the pool's processes).

    The pool ends its other workers with SIGTERM once one has died: a code other than
    that names the worker that died.
    """
    processes = list((getattr(executor, "_processes", None) or {}).values())
    codes = []
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(2)  # the pool is broken: its processes are ending
        code = getattr(process, "exitcode", None)
        if code:
            codes.append(code)
    codes.sort(key=lambda code: code == -signal.SIGTERM)
    if not codes:
        return ""
    code = codes[0]
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = " (the out-of-memory killer sends it)" if -code == signal.SIGKILL else ""
        return f"killed by {name}{hint}"
    return f"exit code {code}"


class CorpusRun:
    """One run over a corpus: yields results in input order, reports failures as they come.

    Args:
        inputs: the expanded inputs (:func:`expand_inputs`).
        settings: the run's settings.
        jobs: worker processes; 1 runs everything in this process.
        done: what the output already holds (resume): a :class:`ResumeState`, or article ids.
        died: inputs that killed a worker in an earlier run (:func:`read_worker_deaths`):
            reported as failed again, not analysed.
        on_failure: called with each failure's dict (source, record, error_type, message, plugin).
        stdin: the binary stream read for the input ``-``.
    """

    def __init__(self, inputs: list[InputFile], settings: RunSettings, *, jobs: int = 1,
                 done: ResumeState | Iterable[str] = (), on_failure: OnFailure | None = None,
                 died: Mapping[tuple[str, int | None], Mapping[str, Any]] | None = None,
                 stdin: BinaryIO | None = None, chunk_size: int = CHUNK_SIZE) -> None:
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
        self.stdin = stdin
        self.chunk_size = chunk_size
        self.stats = RunStats(bytes_total=sum(i.size for i in inputs) or None)
        self.on_progress: Callable[[], None] | None = None
        self.pipeline = settings.pipeline()
        self._reading: _TrackedSource | None = None
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
                yield ("failure", _failure(ParseError(item.error, source=name), name).to_dict()), item.size
                continue
            try:
                if item.path == STDIN:
                    # spooled to a file: a streamed format (JSON Lines, WARC) is then read as
                    # a stream whatever its size, and only what is read whole is bounded
                    spool = self._spool_stdin()
                    source: Source = pipeline.source(spool, media_type=settings.media_type,
                                                     options=settings.parser_options)
                    source = attrs.evolve(source, name=name, suffix=None)
                else:
                    source = pipeline.source(Path(item.path), media_type=settings.media_type,
                                             options=settings.parser_options)
                tracked = _TrackedSource(**{a.name: getattr(source, a.name) for a in attrs.fields(Source)})
                parser = pipeline.choose_parser(tracked, settings.parser)
            except GeotextError as exc:
                yield ("failure", _failure(exc, name).to_dict()), item.size
                continue
            if not parser.multi_record and source.path is not None and item.path != STDIN:
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
        position = _position_of_unit(unit)
        if position is None:
            return unit
        earlier = self.died.get(position)
        if earlier is not None:
            failure = {key: earlier.get(key) for key in ("source", "record", "error_type", "message", "plugin")}
            return ("failure", failure)
        if self.resume.take(position):
            return ("skipped", position)
        if unit[0] == "article" and unit[2].id in self.done:
            return ("skipped", unit[2].id)  # known here: no need to send the article
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

    def __iter__(self) -> Iterator[Any]:
        """Yield the payload of each analysis, in input order (bytes, or an Analysis in-process)."""
        try:
            if self.jobs == 1:
                worker = Worker(self.settings, self.done, in_process=True)
                for chunk, size in self._chunks():
                    yield from self._collect(worker.run_chunk(chunk), size)
                return
            yield from self._parallel()
        finally:
            self.close()

    def _executor(self) -> Any:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.jobs, mp_context=context, initializer=_init_worker,
                                   initargs=(self.settings, self.done))

    def _parallel(self) -> Iterator[Any]:
        from concurrent.futures.process import BrokenProcessPool

        executor = self._executor()
        window = self.jobs * CHUNKS_PER_WORKER
        pending: collections.deque[tuple[Any, list[Unit], int]] = collections.deque()

        def take_one() -> Iterator[Any]:
            nonlocal executor
            future, chunk, size = pending.popleft()
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                # A worker died (a crash in native code, os._exit, the out-of-memory killer):
                # every chunk in flight is lost with the pool. Redo them one unit at a time
                # in a new pool, so that the unit that kills is found and reported.
                reason = _death_reason(executor)
                executor.shutdown(wait=True, cancel_futures=True)
                lost = [(chunk, size)] + [(c, s) for _, c, s in pending]
                pending.clear()
                executor = self._executor()
                for lost_chunk, lost_size in lost:
                    outcomes = []
                    for unit in lost_chunk:
                        outcome, executor, reason = self._isolated(executor, unit, reason)
                        outcomes.extend(outcome)
                    yield from self._collect(outcomes, lost_size)
                return
            yield from self._collect(outcomes, size)

        try:
            for chunk, size in self._chunks():
                pending.append((executor.submit(_run_chunk, chunk), chunk, size))
                while len(pending) >= window:
                    yield from take_one()
            while pending:
                yield from take_one()
        finally:
            for future, _, _ in pending:
                future.cancel()
            executor.shutdown(wait=True, cancel_futures=True)

    def _isolated(self, executor: Any, unit: Unit, reason: str) -> tuple[list[Outcome], Any, str]:
        """Run one unit alone; if its worker dies, it is the culprit: report it, new pool."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return executor.submit(_run_chunk, [unit]).result(), executor, reason
        except BrokenProcessPool:
            reason = _death_reason(executor) or reason
            executor.shutdown(wait=True, cancel_futures=True)
            name = unit[1]
            position = _position_of_unit(unit)
            error = WorkerDiedError(f"the worker process analysing it died ({reason or 'no exit status'}); "
                                    "the input was skipped, the run went on with a new worker")
            failure = _failure(error, position[0] if position else name, position[1] if position else None)
            return [("fail", failure.to_dict())], self._executor(), reason

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
