"""Smoke test of bench/bench_values.py on the seed articles (no ../shared)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


def test_bench_values_times_both_directions_of_the_seeds(tmp_path):
    clock = "cpu"  # the default wall clock takes the same path
    command = [sys.executable, str(BENCH / "bench_values.py"), "--mb", "0.005", "--rounds", "1", "--repeat", "1"]
    run = subprocess.run(
        [*command, "--clock", clock, "--shared", str(tmp_path / "no-shared")], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["clock"] == clock and report["corpus"]["mb"] > 0
    this = report["this"]
    for key in ("to_dict_ms_per_mb", "from_dict_ms_per_mb", "mention_us", "mention_trusted_us"):
        assert this[key] > 0
    assert this["from_dict_over_to_dict"] == pytest.approx(this["from_dict_ms_per_mb"] / this["to_dict_ms_per_mb"])
