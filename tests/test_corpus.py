"""Corpus runs: parallel output equal to serial, poisoned inputs, errors report, kill -9 and resume.

The tests install their own small plugin (parser, tagger, exporters; see
``corpus_kit.py``) through a real entry point, so they do not depend on the first-party
plugins.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus_kit import CORPUS_PLUGIN, make_corpus
from geotext._corpus import CorpusRun, expand_inputs, resume_state
from geotext._settings import Settings
from geotext.cli import cli


@pytest.fixture
def corpus_plugin(install_plugin, monkeypatch):
    """The test plugin, installed through its entry point and the only plugin loaded."""
    install_plugin("gt_corpus_test", CORPUS_PLUGIN, dist="geotext-corpus-test", entry_name="corpus-test")
    monkeypatch.setenv("GEOTEXT_LOAD_PLUGINS", "corpus-test")


def run_cli(*args: str):
    return CliRunner().invoke(cli, ["analyze", *args], catch_exceptions=False)


def read_ids(path: Path) -> list[str]:
    return [json.loads(line)["article"]["id"] for line in path.read_text(encoding="utf-8").splitlines()]


# -- parallel equals serial -------------------------------------------------------------------


def test_jobs_2_output_equals_jobs_1_byte_for_byte(corpus_plugin, tmp_path):
    counts = make_corpus(tmp_path / "corpus", poisoned=True)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first = run_cli(str(tmp_path / "corpus"), "-o", str(one), "--jobs", "1")
    second = run_cli(str(tmp_path / "corpus"), "-o", str(two), "--jobs", "2")
    assert first.exit_code == second.exit_code == 1, first.stderr
    assert one.read_bytes() == two.read_bytes()
    assert len(read_ids(one)) == counts["good"]


def test_non_line_format_with_jobs_equals_serial(corpus_plugin, tmp_path):
    make_corpus(tmp_path / "corpus", files=5, records=9)
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    assert run_cli(str(tmp_path / "corpus"), "-f", "json-array", "-o", str(one)).exit_code == 0
    assert run_cli(str(tmp_path / "corpus"), "-f", "json-array", "-o", str(two), "-j", "2").exit_code == 0
    assert one.read_bytes() == two.read_bytes()
    assert len(json.loads(one.read_text())) == 14


def test_output_keeps_input_order(corpus_plugin, tmp_path):
    make_corpus(tmp_path / "corpus", files=6, records=30)
    out = tmp_path / "out.jsonl"
    assert run_cli(str(tmp_path / "corpus"), "-o", str(out), "-j", "2").exit_code == 0
    sources = [json.loads(line)["article"]["provenance"] for line in out.read_text().splitlines()]
    txt = [p["source"] for p in sources if p["source"].endswith(".txt")]
    assert txt == sorted(txt)  # directories are read in name order
    records = [p["record"] for p in sources if p["source"].endswith(".jsonl")]
    assert records == sorted(records) and len(records) == 30
    # sources come out in the order the inputs were expanded
    order = [str(f.path) for f in expand_inputs([str(tmp_path / "corpus")])]
    seen = list(dict.fromkeys(p["source"] for p in sources))
    assert seen == [s for s in order if s in seen]


# -- failures ---------------------------------------------------------------------------------


def test_poisoned_corpus_loses_no_good_article_and_lists_every_bad_one(corpus_plugin, tmp_path):
    counts = make_corpus(tmp_path / "corpus", poisoned=True)
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    result = run_cli(str(tmp_path / "corpus"), "-o", str(out), "--errors", str(errors), "-j", "2")
    assert result.exit_code == 1
    ids = read_ids(out)
    assert len(ids) == len(set(ids)) == counts["good"]
    assert {f"rec-{i}" for i in range(40)} | {f"tail-{i}" for i in range(3)} <= set(ids)
    report = [json.loads(line) for line in errors.read_text().splitlines()]
    assert len(report) == counts["bad"]
    for failure in report:
        assert set(failure) >= {"source", "record", "error_type", "message"}
    by_source = {(Path(f["source"]).name, f["record"]): f for f in report}
    assert by_source[("records.jsonl", 3)]["error_type"] == "ParseError"
    assert by_source[("records.jsonl", 10)]["error_type"] == "ParseError"
    assert by_source[("records.jsonl", 20)]["error_type"] == "PluginError"
    assert "poisoned" in by_source[("records.jsonl", 20)]["message"]
    assert by_source[("garbage.txt", None)]["error_type"] == "ParseError"
    assert by_source[("zeros.txt", None)]["error_type"] == "ParseError"
    assert by_source[("truncated.jsonl", 3)]["error_type"] == "ParseError"
    assert "analysed, 6 failed" in result.stderr


def test_errors_report_defaults_to_beside_the_output(corpus_plugin, tmp_path):
    make_corpus(tmp_path / "corpus", files=3, records=5, poisoned=True)
    out = tmp_path / "run.jsonl"
    result = run_cli(str(tmp_path / "corpus"), "-o", str(out))
    assert result.exit_code == 1
    beside = tmp_path / "run.errors.jsonl"
    assert len(beside.read_text().splitlines()) == 6
    assert str(beside) in result.stderr
    # a clean rerun removes the stale report
    clean = tmp_path / "clean"
    make_corpus(clean, files=2, records=2)
    assert run_cli(str(clean), "-o", str(out)).exit_code == 0
    assert not beside.exists()


def test_without_output_failures_are_stderr_lines(corpus_plugin, tmp_path):
    make_corpus(tmp_path / "corpus", files=2, records=4, poisoned=True)
    result = run_cli(str(tmp_path / "corpus"))
    assert result.exit_code == 1
    skipped = [line for line in result.stderr.splitlines() if line.startswith("geotext: skipped")]
    assert len(skipped) == 6
    assert len(result.stdout_bytes.splitlines()) == 2 + 4 + 3


def test_nothing_analysed_is_exit_3(corpus_plugin, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00garbage")
    result = run_cli(str(tmp_path / "bad.txt"), "-o", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 3
    assert (tmp_path / "out.jsonl").read_bytes() == b""


def test_corpus_run_api_reports_failures_in_order(corpus_plugin, tmp_path):
    make_corpus(tmp_path / "corpus", files=2, records=6, poisoned=True)
    failures = []
    run = CorpusRun(expand_inputs([str(tmp_path / "corpus")]), Settings(), on_failure=failures.append)
    lines = list(run)
    assert run.stats.analysed == len(lines) == 2 + 6 + 3
    assert run.stats.failed == len(failures) == 6
    assert run.stats.bytes_done == run.stats.bytes_total


def test_corpus_run_reports_progress_through_its_callback(corpus_plugin, tmp_path):
    make_corpus(tmp_path / "corpus", files=3, records=5)
    seen = []
    run = CorpusRun(
        expand_inputs([str(tmp_path / "corpus")]),
        Settings(),
        chunk_size=2,
        on_progress=lambda stats: seen.append((stats.analysed, stats.bytes_done)),
    )
    lines = list(run)
    assert len(seen) >= len(lines) // 2  # once per chunk at least
    assert seen == sorted(seen)  # counts only grow
    assert seen[-1] == (len(lines), run.stats.bytes_total)
    assert run.stats.rate > 0


# -- resume -----------------------------------------------------------------------------------


def test_resume_state_cuts_a_truncated_line_and_reads_ids(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(
        b'{"article": {"id": "a", "provenance": {"source": "x.jsonl", "record": 3}}}\n'
        b'{"id": "b"}\n{"article": {"id": "c"'
    )
    state = resume_state(out)
    assert dict(state.positions) == {("x.jsonl", 3): 1} and dict(state.ids) == {"b": 1}
    assert out.read_bytes().endswith(b'{"id": "b"}\n')


def test_resume_refuses_a_file_that_is_not_analyses(tmp_path):
    from geotext.exceptions import ConfigError

    out = tmp_path / "out.jsonl"
    out.write_text("hello\n")
    with pytest.raises(ConfigError, match="line 1"):
        resume_state(out)


def test_resume_after_a_partial_output_writes_the_rest_once(corpus_plugin, tmp_path):
    make_corpus(tmp_path / "corpus", files=5, records=20)
    full, part = tmp_path / "full.jsonl", tmp_path / "part.jsonl"
    assert run_cli(str(tmp_path / "corpus"), "-o", str(full)).exit_code == 0
    data = full.read_bytes()
    part.write_bytes(data[: len(data) // 2])  # half the lines, the last one cut mid-way
    result = run_cli(str(tmp_path / "corpus"), "-o", str(part), "--resume", "-j", "2")
    assert result.exit_code == 0, result.stderr
    assert part.read_bytes() == data
    assert "already done" in result.stderr
    again = run_cli(str(tmp_path / "corpus"), "-o", str(part), "--resume")
    assert again.exit_code == 0 and part.read_bytes() == data


@pytest.mark.slow
def test_killed_run_resumed_yields_every_article_exactly_once(corpus_plugin, tmp_path):
    counts = make_corpus(tmp_path / "corpus", files=30, records=400)
    out = tmp_path / "out.jsonl"
    command = [
        sys.executable,
        "-m",
        "geotext",
        "analyze",
        str(tmp_path / "corpus"),
        "-o",
        str(out),
        "--jobs",
        "2",
        "--set",
        # each article takes a few milliseconds, so the run is killed midway; asleep, not
        # burning CPU, so the other tests running beside it keep theirs
        "corpus-test.pause=0.004",
        "-q",
    ]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 50:
            break
        time.sleep(0.02)
    assert process.poll() is None, process.communicate()[1].decode()
    psutil = pytest.importorskip("psutil")
    workers = [child.pid for child in psutil.Process(process.pid).children(recursive=True)]
    process.send_signal(signal.SIGKILL)  # the main process only, as kill -9 <pid> does
    process.wait()
    # orphaned workers notice and leave
    _gone, alive = psutil.wait_procs([psutil.Process(pid) for pid in workers if psutil.pid_exists(pid)], timeout=10)
    assert not alive
    written = out.read_bytes().count(b"\n")
    assert 50 <= written < counts["good"]
    resumed = subprocess.run([*command, "--resume"], capture_output=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr.decode()
    ids = read_ids(out)
    assert len(ids) == len(set(ids)) == counts["good"]
    # and the file is the one an uninterrupted run writes
    fresh = tmp_path / "fresh.jsonl"
    assert run_cli(str(tmp_path / "corpus"), "-o", str(fresh), "--set", "corpus-test.pause=0.004").exit_code == 0
    assert out.read_bytes() == fresh.read_bytes()


def test_a_worker_whose_main_process_is_already_gone_leaves_at_once():
    # the main process may be killed before a worker's initializer runs: the worker is
    # then another process's child, and must not wait for that one to die
    code = (
        "import os, time\n"
        "from geotext._corpus.worker import _exit_with_parent\n"
        "_exit_with_parent(parent=os.getppid() + 1)\n"
        "time.sleep(3)\n"
        "print('still here')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "still here" not in done.stdout
