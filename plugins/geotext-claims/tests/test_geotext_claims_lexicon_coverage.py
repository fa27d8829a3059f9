"""tools/lexicon_coverage.py: which cue lexicon entries produce each CAMEO code."""

from __future__ import annotations

import importlib.util
import json
from importlib.resources import files
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parent.parent / "tools" / "lexicon_coverage.py"


@pytest.fixture(scope="module")
def tool():
    spec = importlib.util.spec_from_file_location("lexicon_coverage", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FRAMES = {"appeal": {"cameo": "020", "modality": "requested"}}
CUES = [
    {"lemma": "say", "role": "speech", "pos": "verb", "cameo": "010"},
    {"lemma": "urge", "role": "frame", "frame": "appeal", "pos": "verb"},
    {"lemma": "aid", "role": "action", "pos": "noun", "codes": {"do": "070", "appeal": "023"}},
    {"lemma": "suspend", "role": "action", "pos": "verb", "codes": {"do": "160"}, "objects": {"aid": "162"}},
]


def test_every_way_an_entry_gives_a_code_is_listed(tool) -> None:
    found = tool.coverage(CUES, FRAMES, ["01", "010", "020", "023", "070", "160", "162", "174"])
    assert found == {
        "010": ["say (speech verb)"],
        "020": ["urge (frame verb, appeal default)"],
        "023": ["aid (action noun, appeal)"],
        "070": ["aid (action noun, do)"],
        "160": ["suspend (action verb, do)"],
        "162": ["suspend (action verb, object 'aid')"],
        "174": [],  # uncovered; the two-digit root "01" is left out
    }


def test_extra_entries_replace_those_of_the_same_lemma_role_and_pos(tool) -> None:
    extra = {
        "cues": [
            {"lemma": "suspend", "role": "action", "pos": "verb", "codes": {"do": "164"}},
            {"lemma": "deport", "role": "action", "pos": "verb", "codes": {"do": "174"}},
        ]
    }
    found = tool.coverage(tool.merged_cues({"cues": CUES}, [extra]), FRAMES, ["160", "162", "164", "174"])
    assert found == {"160": [], "162": [], "164": ["suspend (action verb, do)"], "174": ["deport (action verb, do)"]}


def test_the_shipped_lexicon_codes_are_all_in_the_table_and_the_cli_runs(tool, capsys) -> None:
    data = files("geotext_claims").joinpath("data")
    lexicon = json.loads(data.joinpath("cues.json").read_text(encoding="utf-8"))
    table = json.loads(data.joinpath("cameo_plover.json").read_text(encoding="utf-8"))["codes"]
    produced = tool.producers(lexicon["cues"], lexicon["frames"])
    assert set(produced) <= set(table)
    assert tool.main(["--roots", "16-17", "--missing"]) == 0
    out = capsys.readouterr().out
    assert "codes with no entry:" in out and "1663" not in out  # "expel aid workers" covers 1663
