"""geotext.cache: values made once per process, keyed by value, thread-safe, fork-aware."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from geotext.cache import ProcessCache, freeze


def test_a_value_is_made_once_however_many_threads_ask():
    cache: ProcessCache[str, object] = ProcessCache("test")
    calls = []
    start = threading.Barrier(8)

    def make() -> object:
        calls.append(1)
        time.sleep(0.05)  # every thread arrives while the first is still making it
        return object()

    results = []

    def ask() -> None:
        start.wait()
        results.append(cache.get("key", make))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len({id(result) for result in results}) == 1


def test_different_keys_are_made_in_parallel():
    cache: ProcessCache[str, str] = ProcessCache("test")
    inside = threading.Event()
    release = threading.Event()

    def slow() -> str:
        inside.set()
        release.wait(5)
        return "slow"

    thread = threading.Thread(target=cache.get, args=("slow", slow))
    thread.start()
    assert inside.wait(5)
    assert cache.get("fast", lambda: "fast") == "fast"  # not blocked by the slow key
    release.set()
    thread.join()
    assert cache.peek("slow") == "slow"


def test_an_error_is_not_cached():
    cache: ProcessCache[str, int] = ProcessCache("test")

    def broken() -> int:
        raise OSError("model missing")

    with pytest.raises(OSError, match="model missing"):
        cache.get("model", broken)
    assert "model" not in cache
    assert cache.get("model", lambda: 3) == 3


def test_clear_and_discard_forget_values():
    cache: ProcessCache[str, int] = ProcessCache("test")
    cache.get("a", lambda: 1)
    cache.get("b", lambda: 2)
    cache.discard("a")
    assert list(cache) == ["b"] and cache.peek("a") is None
    cache.clear()
    assert len(cache) == 0
    assert cache.get("b", lambda: 5) == 5
    assert "ProcessCache 'test'" in repr(cache)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX only")
def test_a_forked_child_keeps_the_values_and_is_not_blocked_by_a_lock_held_at_the_fork(tmp_path: Path):
    cache: ProcessCache[str, str] = ProcessCache("test")
    cache.get("made", lambda: "before the fork")
    holding = threading.Event()
    release = threading.Event()

    def hold() -> str:  # another thread is making a value while the process forks
        holding.set()
        release.wait(10)
        return "parent"

    thread = threading.Thread(target=cache.get, args=("busy", hold))
    thread.start()
    assert holding.wait(5)
    result = tmp_path / "child"
    pid = os.fork()
    if pid == 0:  # the child: the thread holding the lock does not exist here
        try:
            text = f"{cache.peek('made')}|{cache.get('busy', lambda: 'child')}"
            result.write_text(text)
        finally:
            os._exit(0)
    release.set()
    thread.join()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert result.read_text() == "before the fork|child"
    assert cache.peek("busy") == "parent"


@pytest.mark.parametrize(
    ("left", "right", "equal"),
    [
        ({"a": 1, "b": [1, 2]}, {"b": [1, 2], "a": 1}, True),
        ({"a": {"x": {1, 2}}}, {"a": {"x": {2, 1}}}, True),
        (Path("/data/model.crf"), Path("/data/model.crf"), True),
        ({"x": 1}, {"x": True}, False),
        ({"x": 1}, {"x": 1.0}, False),
        ({"x": None}, {}, False),
        ([1, 2], [2, 1], False),
        ("a", b"a", False),
    ],
)
def test_freeze_compares_as_the_values_do(left, right, equal):
    assert (freeze(left) == freeze(right)) is equal
    hash(freeze(left))


def test_freeze_refuses_what_cannot_be_a_key():
    class Unhashable:
        __hash__ = None  # type: ignore[assignment]

    with pytest.raises(TypeError):
        freeze({"x": Unhashable()})


def test_the_core_keeps_one_pipeline_per_settings():
    from geotext._pipeline import get_pipeline
    from geotext._settings import Settings

    first = get_pipeline([], {"json": {"indent": 2, "x": [1]}})
    assert get_pipeline([], {"json": {"x": [1], "indent": 2}}) is first
    assert Settings(plugins=[], config={"json": {"x": [1], "indent": 2}}).pipeline() is first
    assert get_pipeline([], {"json": {"indent": 3, "x": [1]}}) is not first
    assert get_pipeline([], {"json": {"indent": 3}}).plugins is first.plugins  # one plugin set
