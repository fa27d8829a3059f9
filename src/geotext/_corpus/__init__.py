"""Corpus runs: many sources in, one stream of results out, in parallel, resumable.

This is the machinery behind ``geotext analyze`` and :mod:`geotext.dask`, one module
per concern:

* :mod:`.inputs` -- **inputs.** Paths, directories and globs are expanded into files
  (and ``-`` for stdin); what cannot be read is listed with its error.
* :mod:`.units` -- **units and outcomes.** A file read by a single-record parser is
  sent to a worker as its path (:class:`PathUnit`); a multi-record source (JSON Lines,
  feeds, WARC) is parsed in the main process, as a stream, and its articles are sent
  one by one (:class:`ArticleUnit`). Workers never receive large objects, and a huge
  multi-record file is spread over every worker. Each unit comes back as outcomes:
  :class:`Written`, :class:`Skipped` or :class:`Failed`.
* :mod:`.worker` -- **the worker** analyses units with the pipeline of the run's
  :class:`~geotext._settings.Settings`, made once per process; results come back
  serialized (the exporter's bytes for line-oriented formats).
* :mod:`.pool` -- **the pool.** ``jobs > 1`` starts worker processes (``spawn``). Units
  go out in chunks; at most a few chunks per worker are in flight, so memory stays flat
  however large the corpus. A worker that dies fails only the unit it was analysing.
* :mod:`.run` -- **the run** makes the units in input order, runs them in-process
  (``jobs=1``) or in the pool, and yields the results in input order, so that the
  output is identical, byte for byte, whatever ``jobs``. It counts what it did
  (:class:`RunStats`) and reports each failure and its progress through callbacks; the
  command line draws the progress bar.
* :mod:`.resume` -- **resume.** After an interruption (even ``kill -9``)
  :func:`resume_state` cuts off a truncated last line of a JSON Lines output and reads
  back where the articles already written were read; the rerun skips those (a
  single-record file is still parsed to learn its id, but not analysed again) and
  appends the rest. The final file holds every article exactly once, in the order of
  an uninterrupted run (a corpus that repeats an article id is the exception: that id
  is written once).
* :mod:`.writer` -- **the line writer** appends whole lines only: each chunk's lines
  leave in one ``write`` call, flushed, ``fsync``'d at least every second.
* :mod:`.report` -- **the errors report**, one JSON object per failure, as they come.
* :mod:`.codec` -- JSON for lines and results (orjson when installed).

A source or record that cannot be read or analysed becomes a
:class:`~geotext.Failure`; the run goes on.
"""

from __future__ import annotations

from .codec import dumps, loads
from .inputs import STDIN, InputFile, check_outputs, expand_inputs
from .report import ErrorReport
from .resume import ResumeState, article_id_of_line, read_worker_deaths, resume_state
from .run import CorpusRun, OnFailure, OnProgress, RunStats
from .units import (
    ArticleUnit,
    Failed,
    FailedUnit,
    Outcome,
    PathUnit,
    Position,
    Skipped,
    SkippedUnit,
    SourceUnit,
    Unit,
    Written,
)
from .worker import Worker, is_line_oriented
from .writer import LineWriter

__all__ = [
    "STDIN",
    "ArticleUnit",
    "CorpusRun",
    "ErrorReport",
    "Failed",
    "FailedUnit",
    "InputFile",
    "LineWriter",
    "OnFailure",
    "OnProgress",
    "Outcome",
    "PathUnit",
    "Position",
    "ResumeState",
    "RunStats",
    "Skipped",
    "SkippedUnit",
    "SourceUnit",
    "Unit",
    "Worker",
    "Written",
    "article_id_of_line",
    "check_outputs",
    "dumps",
    "expand_inputs",
    "is_line_oriented",
    "loads",
    "read_worker_deaths",
    "resume_state",
]
