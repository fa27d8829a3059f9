"""Fixtures of this plugin's tests."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import geotext
from geotext.testing import reset_plugins, sample_analyses


@pytest.fixture
def seed_analyses():
    return sample_analyses()


@pytest.fixture(autouse=True)
def _fresh_pipelines(monkeypatch):
    """Each test loads plugins afresh, with no plugin environment variables set."""
    for variable in ("GEOTEXT_LOAD_PLUGINS", "GEOTEXT_DISABLE_PLUGINS", "GEOTEXT_STRICT_PLUGINS"):
        monkeypatch.delenv(variable, raising=False)
    reset_plugins()
    yield
    reset_plugins()


@pytest.fixture
def golden():
    """Compare output with a file under tests/golden/; GEOTEXT_REGENERATE_GOLDEN=1 rewrites it."""
    directory = Path(__file__).parent / "golden"

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
    seeds = Path(__file__).resolve().parents[3] / "seeds"
    paths = sorted(seeds.glob("*.gold.json"))
    if not paths:
        pytest.skip("no seeds/*.gold.json in this checkout")
    return [geotext.Analysis.from_dict(json.loads(path.read_text(encoding="utf-8"))) for path in paths]
