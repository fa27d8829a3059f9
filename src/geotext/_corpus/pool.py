"""The worker pool: chunks of units out to ``spawn`` processes, outcomes back in order.

At most a few chunks per worker are in flight, so memory stays flat however large the
corpus. A worker that dies (a crash in native code, ``os._exit``, the out-of-memory
killer) loses every chunk in flight with the pool: those are redone one unit at a time
in a new pool, so that the unit that kills is found and reported as a
:class:`~geotext.WorkerDiedError` failure, and the run goes on.
"""

from __future__ import annotations

import collections
import contextlib
import os
import signal
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from .._pipeline import Failure
from .._settings import Settings
from ..exceptions import WorkerDiedError
from .units import Failed, Outcome, Unit, position_of_unit
from .worker import init_worker_process, run_chunk_in_worker_process

__all__ = ["CHUNKS_PER_WORKER", "WorkerPool"]

#: A chunk's outcomes and the input bytes finished with it.
Done = tuple[list[Outcome], int]

#: Chunks in flight per worker.
CHUNKS_PER_WORKER = 4


class WorkerPool:
    """Runs chunks of units in *jobs* worker processes and yields their outcomes in order.

    Args:
        settings: the run's settings; each worker makes its pipeline from them.
        done: article ids already written (resume).
        jobs: worker processes.
    """

    def __init__(self, settings: Settings, done: frozenset[str], jobs: int) -> None:
        self.settings = settings
        self.done = done
        self.jobs = jobs

    def _executor(self) -> ProcessPoolExecutor:
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(
            self.jobs,
            mp_context=context,
            initializer=init_worker_process,
            initargs=(self.settings, self.done, os.getpid()),
        )

    def run(self, chunks: Iterable[tuple[list[Unit], int]]) -> Generator[Done, None, None]:
        """Yield ``(outcomes, size)`` for each ``(chunk, size)`` of *chunks*, in order."""
        from concurrent.futures.process import BrokenProcessPool

        executor = self._executor()
        window = self.jobs * CHUNKS_PER_WORKER
        pending: collections.deque[tuple[Future[list[Outcome]], list[Unit], int]] = collections.deque()

        def take_one() -> Iterator[Done]:
            nonlocal executor
            future, chunk, size = pending.popleft()
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                reason = _death_reason(executor)
                executor.shutdown(wait=True, cancel_futures=True)
                lost = [(chunk, size)] + [(c, s) for _, c, s in pending]
                pending.clear()
                executor = self._executor()
                for lost_chunk, lost_size in lost:
                    redone: list[Outcome] = []
                    for unit in lost_chunk:
                        outcome, executor, reason = self._isolated(executor, unit, reason)
                        redone.extend(outcome)
                    yield redone, lost_size
                return
            yield outcomes, size

        try:
            for chunk, size in chunks:
                pending.append((executor.submit(run_chunk_in_worker_process, chunk), chunk, size))
                while len(pending) >= window:
                    yield from take_one()
            while pending:
                yield from take_one()
        finally:
            for future, _, _ in pending:
                future.cancel()
            executor.shutdown(wait=True, cancel_futures=True)

    def _isolated(
        self, executor: ProcessPoolExecutor, unit: Unit, reason: str
    ) -> tuple[list[Outcome], ProcessPoolExecutor, str]:
        """Run one unit alone; if its worker dies, it is the culprit: report it, new pool."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return executor.submit(run_chunk_in_worker_process, [unit]).result(), executor, reason
        except BrokenProcessPool:
            reason = _death_reason(executor) or reason
            executor.shutdown(wait=True, cancel_futures=True)
            position = position_of_unit(unit)
            name = getattr(unit, "source", "")
            error = WorkerDiedError(
                f"the worker process analysing it died ({reason or 'no exit status'}); "
                "the input was skipped, the run went on with a new worker"
            )
            failure = Failure.from_exception(
                error, source=position[0] if position else name, record=position[1] if position else None
            )
            return [Failed(failure)], self._executor(), reason


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
