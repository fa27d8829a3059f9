"""Values made once per process: loaded plugins, pipelines, a plugin's models and automata.

A :class:`ProcessCache` maps a key to a value that is expensive to make (a trained
model read from disk, an Aho-Corasick automaton, a loaded plugin set) and makes each
value once per process, however many threads ask for it at the same time::

    from geotext.cache import ProcessCache, freeze

    _automata: ProcessCache[object, Automaton] = ProcessCache("my-plugin automata")

    def automaton(settings):
        key = freeze({"extra": settings.get("extra_entries"), "lang": settings.get("language")})
        return _automata.get(key, lambda: build_automaton(settings))

* **Once.** Two threads asking for the same missing key make it once: the second
  waits for the first. Different keys are made in parallel (a lock per key), and a
  value already made is returned without taking any lock.
* **Errors are not cached.** When *make* raises, the error goes to the caller and the
  next call tries again.
* **Processes.** Each process has its own values: a worker started with ``spawn`` (the
  corpus runner, Dask) makes its own on first use. A child made by ``fork`` keeps the
  values made before the fork (shared copy-on-write), and its locks are renewed, so
  that a lock held by another thread at the moment of the fork cannot block it.
* **Keys** must be hashable and compare by value. :func:`freeze` turns settings
  (mappings, lists, sets, paths) into such a key, so that equal settings find the
  same value; a ``repr()`` string is not a good key (two equal mappings in another
  order give two strings).

.. versionadded:: 0.2
"""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Callable, Hashable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from typing import Any, Generic, TypeVar

__all__ = ["ProcessCache", "freeze"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_MISSING: Any = object()


class ProcessCache(Generic[K, V]):
    """A thread-safe mapping of keys to values made once per process.

    Args:
        name: what the cache holds, shown in its ``repr`` (such as ``"gazetteer taggers"``).

    >>> made = []
    >>> squares: ProcessCache[int, int] = ProcessCache("squares")
    >>> squares.get(4, lambda: made.append(4) or 16)
    16
    >>> squares.get(4, lambda: made.append(4) or 16), made
    (16, [4])
    >>> 4 in squares, len(squares)
    (True, 1)
    >>> squares.clear(); len(squares)
    0
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._values: dict[K, V] = {}
        self._lock = threading.Lock()
        self._making: dict[K, threading.Lock] = {}
        _CACHES.add(self)

    def __repr__(self) -> str:
        return f"<ProcessCache {self.name!r}: {len(self._values)} values>"

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value of *key*, made by calling *make* the first time (once per process).

        Raises:
            TypeError: *key* is not hashable (see :func:`freeze`).
            Exception: whatever *make* raises; nothing is cached then.
        """
        value = self._values.get(key, _MISSING)
        if value is not _MISSING:
            return value  # type: ignore[no-any-return]
        with self._lock:
            making = self._making.get(key)
            if making is None:
                making = self._making[key] = threading.Lock()
        with making:
            value = self._values.get(key, _MISSING)
            if value is _MISSING:
                value = make()
                self._values[key] = value
        with self._lock:
            if self._making.get(key) is making:
                del self._making[key]
        return value  # type: ignore[no-any-return]

    def peek(self, key: K) -> V | None:
        """The value of *key* if it was made, else ``None`` (nothing is made)."""
        return self._values.get(key)

    def discard(self, key: K) -> None:
        """Forget the value of *key*, if any: the next :meth:`get` makes it again."""
        with self._lock:
            self._values.pop(key, None)

    def clear(self) -> None:
        """Forget every value (tests; a plugin reloading its data)."""
        with self._lock:
            self._values.clear()

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[K]:
        return iter(list(self._values))

    def _after_fork(self) -> None:
        # The child has one thread: a lock another thread held at the fork stays held
        # forever in the child. The values made before the fork stay valid.
        self._lock = threading.Lock()
        self._making = {}


_CACHES: weakref.WeakSet[ProcessCache[Any, Any]] = weakref.WeakSet()


def _renew_locks() -> None:
    for cache in list(_CACHES):
        cache._after_fork()


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=_renew_locks)


_SCALARS = frozenset({str, int, float, bool, bytes, type(None)})


def freeze(value: Any) -> Hashable:
    """A hashable key that compares equal exactly when the values do.

    Mappings become sorted tuples of their items (so key order does not matter),
    lists and tuples tuples, sets frozensets, :class:`os.PathLike` values their path;
    every scalar keeps its type (``1``, ``1.0`` and ``True`` are three keys).

    >>> freeze({"b": [1, 2], "a": None}) == freeze({"a": None, "b": [1, 2]})
    True
    >>> freeze({"x": 1}) == freeze({"x": True})
    False

    Raises:
        TypeError: a value that is neither hashable nor one of the containers above.
    """
    if type(value) in _SCALARS:
        return (type(value).__name__, value)
    if isinstance(value, Mapping):
        items = sorted(((freeze(k), freeze(v)) for k, v in value.items()), key=lambda item: repr(item[0]))
        return ("mapping", tuple(items))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(freeze(item) for item in value))
    if isinstance(value, AbstractSet):
        return ("set", frozenset(freeze(item) for item in value))
    if isinstance(value, os.PathLike):
        return ("path", os.fspath(value))
    hash(value)  # TypeError for anything else that cannot be a key
    return (type(value).__name__, value)
