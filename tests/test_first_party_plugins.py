"""Every first-party plugin under plugins/ is installed as declared and loads cleanly beside the others."""

import importlib.metadata
from pathlib import Path

import pytest

import geotext

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).resolve().parents[1]
PLUGIN_DIRS = sorted(
    p for p in (ROOT / "plugins").iterdir() if (p / "pyproject.toml").is_file() and not p.name.startswith("_")
)


def declared(directory: Path) -> tuple[str, dict[str, str]]:
    project = tomllib.loads((directory / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return project["name"], project.get("entry-points", {}).get("geotext.plugins", {})


@pytest.mark.parametrize("directory", PLUGIN_DIRS, ids=lambda p: p.name)
def test_installed_metadata_matches_pyproject(directory):
    # an entry point edited in pyproject.toml only takes effect after a reinstall
    name, entry_points = declared(directory)
    assert name == directory.name, "the distribution is named after its folder"
    assert entry_points, f"{name} declares no geotext.plugins entry point"
    installed = {
        ep.name: ep.value
        for ep in importlib.metadata.entry_points(group="geotext.plugins")
        if ep.dist is not None and ep.dist.name == name
    }
    assert installed == entry_points, f"{name} is not installed as declared; reinstall it (python3 dev.py test)"


def test_all_first_party_plugins_load_together_without_conflicts():
    expected = {entry for directory in PLUGIN_DIRS for entry in declared(directory)[1]}
    infos = {info.name: info for info in geotext.PluginSet(names=expected, strict=True).plugins()}
    assert set(infos) == expected
    assert all(info.loaded for info in infos.values()), {n: i.error for n, i in infos.items() if i.error}
    pipeline = geotext.Pipeline(plugins=expected, strict=True)
    assert {"text", "html", "json", "jsonl", "feed", "warc"} <= set(pipeline.parser_names())
    assert {"json", "jsonl", "csv", "markdown", "geojson"} <= set(pipeline.exporter_names())


def test_seed_runs_end_to_end_through_every_plugin(tmp_path):
    seed = ROOT / "seeds" / "002_6d7e0bee2b7aea2c.txt"
    result = geotext.analyze(seed, strict=True)
    assert result.article.title == "China Urges Mongolia to Join Regional Bloc"
    assert {"iso:CHN", "iso:MNG", "igo:SCO"} <= {e.id for e in result.entities}
    assert any(c.sources == ("iso:CHN",) and "iso:MNG" in c.targets for c in result.claims)
    for fmt in ("json", "jsonl", "csv", "markdown", "geojson"):
        out = tmp_path / f"out.{fmt}"
        geotext.export([result], format=fmt, to=out)
        assert out.exists() and out.stat().st_size > 0
