"""CAMEO to PLOVER has one source: the claims plugin's data file; docs and samples follow it."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from geotext.testing import sample_analyses

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "plugins" / "geotext-claims" / "src" / "geotext_claims" / "data" / "cameo_plover.json"
TABLE = json.loads(DATA.read_text(encoding="utf-8"))["codes"]


def _generator():
    spec = importlib.util.spec_from_file_location("cameo_table", ROOT / "docs" / "_ext" / "cameo_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_analyses_follow_the_table():
    claims = [claim for analysis in sample_analyses() for claim in analysis.claims if claim.cameo]
    assert claims
    for claim in claims:
        facts = TABLE[claim.cameo]
        assert (claim.plover, claim.quad_class) == (facts["plover"], facts["quad_class"]), claim.cameo


def test_the_docs_table_is_generated_from_the_data():
    page = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    assert "```{include} _generated/cameo_roots.md" in page
    assert "| CAMEO root |" not in page  # no hand-written copy to drift
    rows = {
        line.split("|")[1].strip(): [cell.strip() for cell in line.split("|")[1:-1]]
        for line in _generator().roots_markdown({"codes": TABLE}).splitlines()[2:]
    }
    assert set(rows) == {f"{n:02d}" for n in range(1, 21)}
    for root, cells in rows.items():
        assert cells[2] == (TABLE[root]["plover"] or "(none)")
        assert cells[4].startswith(str(TABLE[root]["quad_class"]))
    assert rows["02"][2] == "REQUEST" and rows["03"][2] == "AGREE" and rows["01"][2] == "(none)"


def test_the_generator_writes_the_included_file(tmp_path):
    out = _generator().write(tmp_path / "cameo_roots.md")
    assert "| 02 | appeal | REQUEST |" in out.read_text(encoding="utf-8")


def test_the_claims_plugin_codes_with_the_same_table():
    claims = pytest.importorskip("geotext_claims", reason="needs geotext-claims installed")
    table = claims.CameoTable()
    for code, facts in TABLE.items():
        assert table.get(code).plover == facts["plover"]
