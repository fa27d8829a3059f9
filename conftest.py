"""Fixtures for every test in the repository: the core's (tests/) and each plugin's."""

import json
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import settings

import geotext
from geotext.testing import reset_plugins, sample_analyses

# -- Hypothesis profiles ----------------------------------------------------------------------
# One place sets how hard every property test of the repository (core and plugins) tries;
# tests carry no max_examples of their own. GEOTEXT_HYPOTHESIS_PROFILE picks the profile;
# without it, CI=true picks "ci" and anything else "dev".
#   dev       quick feedback while working
#   ci        what CI runs: Hypothesis' default effort, failures printed with a replay blob
#   thorough  many more examples, for a run before a release or after a change to a strategy
# No deadline in any profile: the machines running the suite are shared and noisy, so a
# timing limit would fail at random; speed is measured in bench/, never asserted in tests.
settings.register_profile("dev", max_examples=40, deadline=None)
settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True)
settings.register_profile("thorough", max_examples=1000, deadline=None, print_blob=True)
HYPOTHESIS_PROFILE = os.environ.get("GEOTEXT_HYPOTHESIS_PROFILE") or (
    "ci" if os.environ.get("CI", "").lower() in {"1", "true", "yes"} else "dev"
)
settings.load_profile(HYPOTHESIS_PROFILE)  # pytest's header names it: "hypothesis profile 'ci'"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests marked ``slow`` first, each set in collection order.

    pytest-xdist's ``worksteal`` gives each worker a contiguous share of the tests and
    lets an idle worker take the end of another's queue; a long test near the end of a
    queue would keep one worker busy after the other has finished. Marked tests are
    never skipped: the marker only orders them.
    """
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)  # a stable sort


@pytest.fixture(autouse=True)
def _fresh_pipelines(monkeypatch):
    """Each test starts without cached plugin sets, and with no plugin env vars set."""
    for variable in (
        "GEOTEXT_LOAD_PLUGINS",
        "GEOTEXT_DISABLE_PLUGINS",
        "GEOTEXT_STRICT_PLUGINS",
        "GEOTEXT_TRACE_PLUGINS",
    ):
        monkeypatch.delenv(variable, raising=False)
    reset_plugins()
    yield
    reset_plugins()


def _write_plugin(
    root: Path,
    module: str,
    source: str,
    *,
    dist: str | None = None,
    entry_name: str | None = None,
    target: str | None = None,
    version: str = "0.1.0",
) -> Path:
    """Write module *module* with *source* into *root*, and a ``.dist-info`` whose entry
    point ``geotext.plugins`` names it (see :func:`install_plugin`)."""
    import importlib
    import sys
    import textwrap

    dist = dist or f"geotext-{module.replace('_', '-')}"
    (root / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = root / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        f"[geotext.plugins]\n{entry_name or module} = {target or module}\n", encoding="utf-8"
    )
    sys.modules.pop(module, None)
    importlib.invalidate_caches()
    return root


def _use_site(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Put *root* first on ``sys.path`` and on ``PYTHONPATH`` (for subprocesses)."""
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]))


@pytest.fixture
def install_plugin(tmp_path, monkeypatch):
    """Install a throwaway plugin distribution on sys.path, found through its entry point.

    ``install_plugin("acme", source, dist="geotext-acme")`` writes module ``acme`` with
    *source* and a ``.dist-info`` whose entry point ``geotext.plugins`` names it, then
    prepends the directory to ``sys.path`` (and to ``PYTHONPATH`` for subprocesses).
    """
    root = tmp_path / "site"
    root.mkdir(exist_ok=True)
    _use_site(root, monkeypatch)

    def install(module: str, source: str, **options: Any) -> Path:
        return _write_plugin(root, module, source, **options)

    return install


@pytest.fixture(scope="session")
def plugin_site() -> SimpleNamespace:
    """What :func:`install_plugin` does, in two steps, for a plugin written once by a
    module- or session-scoped fixture (one that worker processes start with):
    ``plugin_site.write(root, module, source, ...)`` writes it into *root*, and
    ``plugin_site.use(root, monkeypatch)`` puts *root* on ``sys.path`` and ``PYTHONPATH``."""
    return SimpleNamespace(write=_write_plugin, use=_use_site)


@pytest.fixture
def no_network(monkeypatch):
    """Make any attempt to open a network connection fail the test."""
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def seed_analyses():
    """Two hand-annotated analyses of seed excerpts (see geotext.testing.sample_analyses)."""
    return sample_analyses()


@pytest.fixture
def with_place_and_date():
    """A function giving the first claim of a seed-excerpt analysis a date and a place.

    ``with_place_and_date(analysis, precision="day", unknown_place=False)``: the claim keeps
    its place (Bishkek) or, with *unknown_place*, gets one no tagger knows ("Eurasian"),
    and gets the date 2024-07-04 at the given precision, said by "recently"; exporters'
    tests read these back.
    """
    import datetime as dt

    import attrs

    import geotext

    def evolve(analysis, *, precision="day", unknown_place=False):
        text = analysis.article.text
        start = text.index("recently")
        when = geotext.EventDate(
            date=dt.date(2024, 7, 4),
            precision=precision,
            span=geotext.Span(start=start, end=start + len("recently")),
            rule="relative",
        )
        first = analysis.claims[0]
        location = first.location
        if unknown_place:
            start = text.index("Eurasian")
            location = geotext.EventLocation(
                span=geotext.Span(start=start, end=start + len("Eurasian")), rule="preposition"
            )
        claims = (attrs.evolve(first, location=location, event_date=when), *analysis.claims[1:])
        return attrs.evolve(analysis, claims=claims)

    return evolve


@pytest.fixture
def golden(request):
    """Compare output with a file under tests/golden/; GEOTEXT_REGENERATE_GOLDEN=1 rewrites it."""
    directory = request.path.parent / "golden"

    def check(name: str, data: bytes) -> None:
        path = directory / name
        if os.environ.get("GEOTEXT_REGENERATE_GOLDEN") == "1" or not path.exists():
            directory.mkdir(exist_ok=True)
            path.write_bytes(data)
            if os.environ.get("GEOTEXT_REGENERATE_GOLDEN") != "1":
                pytest.fail(f"{path} did not exist and was written; check it and run again")
        assert data == path.read_bytes(), f"output differs from {path} (GEOTEXT_REGENERATE_GOLDEN=1 rewrites it)"

    return check


@pytest.fixture
def seed_gold_analyses():
    """The hand-made gold analyses in seeds/*.gold.json, when the checkout has them."""
    seeds = Path(__file__).resolve().parent / "seeds"
    paths = sorted(seeds.glob("*.gold.json"))
    if not paths:
        pytest.skip("no seeds/*.gold.json in this checkout")
    return [geotext.Analysis.from_dict(json.loads(path.read_text(encoding="utf-8"))) for path in paths]
