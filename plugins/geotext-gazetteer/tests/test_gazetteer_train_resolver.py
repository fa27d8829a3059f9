"""The training command of the place resolver, on a small hand-written sample."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from geotext_gazetteer import _places

TOOL = Path(__file__).resolve().parents[1] / "tools" / "train_resolver.py"

ARTICLES = [
    ("ATLANTA, Ga. -- Georgia lawmakers met in Atlanta.", "Georgia", (33.0, -83.5)),
    ("NEW YORK -- Riders in New York faced delays in Brooklyn.", "New York", (40.71, -74.01)),
    ("TBILISI -- Georgia's president met envoys in Tbilisi.", "Georgia", (42.0, 43.5)),
    ("Crews in Albany and Buffalo said New York would pay.", "New York", (43.0, -75.5)),
    ("PARIS, Texas -- Paris schools in Texas reopened.", "Paris", (33.66, -95.56)),
    ("The mayor of Paris met French ministers in Lyon.", "Paris", (48.85, 2.35)),
]


def _tool():
    spec = importlib.util.spec_from_file_location("train_resolver", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def sample(tmp_path):
    path = tmp_path / "gwn.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for number, (text, name, (lat, lon)) in enumerate(ARTICLES * 2):
            toponyms = []
            start = text.find(name, 15)
            toponyms.append({"start": start, "end": start + len(name), "lat": lat, "lon": lon, "type": "Literal"})
            handle.write(json.dumps({"id": f"a{number:02d}", "text": text, "toponyms": toponyms}) + "\n")
    return path


@pytest.mark.slow
def test_training_is_deterministic_and_writes_a_loadable_model(sample, tmp_path, capsys):
    pytest.importorskip("sklearn")
    tool = _tool()
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    assert tool.main(["--data", str(sample), "--folds", "2", "--output", str(first)]) == 0
    assert tool.main(["--data", str(sample), "--folds", "2", "--output", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    model = json.loads(first.read_text(encoding="utf-8"))
    assert model["meta"]["articles"] == 12 and model["meta"]["folds"] == 2
    assert set(model["meta"]["cross_validation"]) >= {"rules_recognised", "model_recognised"}
    resolver = _places.LearnedResolver.from_file(first)
    assert resolver.version == model["version"]


def test_data_with_nothing_to_learn_is_an_error(tmp_path, capsys):
    pytest.importorskip("sklearn")
    path = tmp_path / "plain.jsonl"
    text = "Crews in Tbilisi said the roads were open."
    start = text.index("Tbilisi")
    toponym = {"start": start, "end": start + 7, "lat": 41.69, "lon": 44.83, "type": "Literal"}
    path.write_text(json.dumps({"id": "a", "text": text, "toponyms": [toponym]}) + "\n", encoding="utf-8")
    assert _tool().main(["--data", str(path), "--folds", "2", "--output", str(tmp_path / "m.json")]) == 2
    assert "no toponym with a right and a wrong reading" in capsys.readouterr().err
    assert not (tmp_path / "m.json").exists()


def test_missing_data_is_an_error(tmp_path, capsys):
    assert _tool().main(["--data", str(tmp_path / "none.jsonl"), "--check"]) == 2
    assert "not found" in capsys.readouterr().err
