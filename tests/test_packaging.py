"""Packaging promises: Python 3.10 installs from constraints.txt; plugins' dependencies are direct."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PY310 = {"python_version": "3.10", "python_full_version": "3.10.16"}
# needed only by a release pinned for 3.11 and later (importlib_metadata 10; 9.0.1 is pinned for 3.10)
NOT_NEEDED_ON_310 = {"lazy-importer"}


def _requires_python() -> SpecifierSet:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return SpecifierSet(re.search(r'^requires-python = "([^"]+)"', text, flags=re.M).group(1))


def _constraints() -> list[Requirement]:
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    return [Requirement(line) for line in lines if line.strip() and not line.startswith("#")]


def test_the_oldest_promised_python_is_310():
    assert _requires_python().contains("3.10.16")


def test_every_pin_that_needs_311_has_a_310_alternative():
    constraints = _constraints()
    by_name: dict[str, list[Requirement]] = {}
    for requirement in constraints:
        by_name.setdefault(canonicalize_name(requirement.name), []).append(requirement)
    checked = 0
    for requirement in constraints:
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue  # a line for another Python than this one
        try:
            dist = importlib.metadata.distribution(requirement.name)
        except importlib.metadata.PackageNotFoundError:
            continue
        if not requirement.specifier.contains(dist.version, prereleases=True):
            continue  # installed at another version: its metadata says nothing of the pin
        requires = dist.metadata.get("Requires-Python")
        checked += 1
        if not requires or SpecifierSet(requires).contains("3.10.16"):
            continue
        assert requirement.marker is not None and not requirement.marker.evaluate(PY310), (
            f'{requirement} needs Python {requires}: mark it python_version >= "3.11"'
        )
        alternatives = [
            r for r in by_name[canonicalize_name(requirement.name)] if r.marker is not None and r.marker.evaluate(PY310)
        ]
        assert alternatives or canonicalize_name(requirement.name) in NOT_NEEDED_ON_310, (
            f"{requirement.name}: no pin for Python 3.10"
        )
    assert checked > 20


def test_each_python_gets_exactly_one_pin_per_package():
    for environment in (
        PY310,
        {"python_version": "3.11", "python_full_version": "3.11.7"},
        {"python_version": "3.13", "python_full_version": "3.13.1"},
    ):
        seen: dict[str, str] = {}
        for requirement in _constraints():
            if requirement.marker is None or requirement.marker.evaluate(environment):
                name = canonicalize_name(requirement.name)
                assert name not in seen, f"{name} pinned twice for Python {environment['python_version']}"
                seen[name] = str(requirement.specifier)


def test_html_plugin_depends_on_lxml_html_clean_directly():
    text = (ROOT / "plugins" / "geotext-html" / "pyproject.toml").read_text(encoding="utf-8")
    assert "lxml[html_clean]" not in text and "lxml[html-clean]" not in text
    try:
        requires = importlib.metadata.requires("geotext-html") or []
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("geotext-html is not installed")
    names = {canonicalize_name(Requirement(r).name) for r in requires}
    assert "lxml-html-clean" in names
    assert not any("html_clean" in r or "html-clean" in r for r in requires if r.startswith("lxml["))
