"""Fixtures of geotext-gazetteer's tests: the compiled data and the taggers, made once per
test process rather than once per test module.

Compiling the data into automata, and loading a compiled file with the recogniser's and
the resolver's models, are the slowest steps of these tests; a loaded :class:`Gazetteer`
does not change as it tags (the pipeline shares one per process the same way), so tests
that read the shipped data share one tagger per setting. Tests of compiling, of the cache
or of users' entries still load their own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from geotext_gazetteer import Gazetteer


@pytest.fixture(scope="session")
def gazetteer_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache directory of compiled data shared by the process's tests: the first load
    compiles, the others read the compiled file. It is where the gazetteer looks by
    default when ``XDG_CACHE_HOME`` is its parent."""
    return tmp_path_factory.mktemp("xdg-cache") / "geotext-gazetteer"


@pytest.fixture(scope="session")
def load_gazetteer(gazetteer_cache: Path) -> Callable[..., Gazetteer]:
    """``load_gazetteer(**settings)``: the shipped gazetteer loaded with the keyword
    arguments of :meth:`Gazetteer.load` (but ``cache_dir``), once per process and settings."""
    loaded: dict[tuple[tuple[str, Any], ...], Gazetteer] = {}

    def load(**settings: Any) -> Gazetteer:
        key = tuple(sorted(settings.items()))
        if key not in loaded:
            loaded[key] = Gazetteer.load(cache_dir=gazetteer_cache, **settings)
        return loaded[key]

    return load
