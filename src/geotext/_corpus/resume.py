"""Resume: what an interrupted JSON Lines output already holds, and where to go on.

A line-oriented output is written whole lines only (see :mod:`.writer`). After an
interruption (even ``kill -9``) :func:`resume_state` cuts off a truncated last line and
reads back where the articles already written were read; the rerun skips those and
appends the rest. :func:`read_worker_deaths` reads the inputs that killed a worker
process from the earlier run's errors report, so that they are not analysed again.
"""

from __future__ import annotations

import collections
import os
from pathlib import Path
from typing import Any

import attrs

from ..exceptions import ConfigError, WorkerDiedError
from .codec import loads
from .units import Position

__all__ = ["ResumeState", "article_id_of_line", "read_worker_deaths", "resume_state"]


def article_id_of_line(line: bytes) -> str | None:
    """The article id of one output line: ``article.id`` (the analysis layout) or ``id``."""
    data = _line_object(line)
    return None if data is None else _id_of(data)


def _line_object(line: bytes) -> dict[str, Any] | None:
    try:
        data = loads(line)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _id_of(data: dict[str, Any]) -> str | None:
    article = data.get("article")
    if isinstance(article, dict):
        found = article.get("id")
        if isinstance(found, str):
            return found
    value = data.get("id")
    return value if isinstance(value, str) else None


def _position_of(data: dict[str, Any]) -> Position | None:
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

    positions: collections.Counter[Position] = attrs.field(factory=collections.Counter)
    ids: collections.Counter[str] = attrs.field(factory=collections.Counter)

    def __len__(self) -> int:
        return sum(self.positions.values()) + sum(self.ids.values())

    def take(self, position: Position) -> bool:
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
        for number, line in enumerate(stream, 1):
            if not line.endswith(b"\n"):
                break
            if line.strip():
                data = _line_object(line)
                article_id = None if data is None else _id_of(data)
                if data is None or article_id is None:
                    raise ConfigError(
                        f"{path} line {number}: not an analysis with an article id; cannot resume into this file"
                    )
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


def read_worker_deaths(report: Path) -> dict[Position, dict[str, Any]]:
    """The inputs an earlier run's errors report lists as having killed a worker process.

    A resumed run reports them as failed again without analysing them: an input that
    crashes a worker (or exhausts memory) would crash it again.
    """
    found: dict[Position, dict[str, Any]] = {}
    try:
        with open(report, "rb") as stream:
            for line in stream:
                data = _line_object(line)
                died = data is not None and data.get("error_type") == WorkerDiedError.__name__
                if died and data is not None and isinstance(data.get("source"), str):
                    record = data.get("record")
                    found[(data["source"], record if isinstance(record, int) else None)] = data
    except OSError:
        pass
    return found
