"""The ``geotext analyze`` command line: usage errors and failures are one line, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

import corpus_kit as helpers
from geotext.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, cli


@pytest.fixture
def corpus(install_plugin, monkeypatch, tmp_path):
    install_plugin("gt_corpus_test", helpers.CORPUS_PLUGIN, dist="geotext-corpus-test", entry_name="corpus-test")
    monkeypatch.setenv("GEOTEXT_LOAD_PLUGINS", "corpus-test")
    helpers.make_corpus(tmp_path / "corpus", files=3, records=4)
    return tmp_path / "corpus"


def _one_error_line(stderr: str) -> None:
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 or lines[-1].startswith("Error:"), stderr


CASES = [
    # (arguments after "analyze", expected status, text in the error)
    (["{corpus}", "-f", "no-such-format"], EXIT_USAGE, "unknown exporter 'no-such-format'"),
    (["{corpus}", "-f", "jsonl", "--option", "nope=1"], EXIT_USAGE, "has no option 'nope'; its options: none"),
    (["{corpus}", "--set", "corpus-test.priority=high"], EXIT_USAGE, "expected an integer"),
    (["{tmp}/missing-*.txt"], EXIT_USAGE, "no such file, directory or match"),
    (["{corpus}", "--resume"], EXIT_USAGE, "--resume needs --output"),
    (["{corpus}", "--resume", "-o", "{tmp}/out.json", "-f", "json-array"], EXIT_USAGE, "line-oriented"),
    (["{corpus}", "-o", "{tmp}/no/such/dir/out.jsonl"], EXIT_FAILED, "cannot write"),
    (["{corpus}", "--resume", "-o", "{tmp}/notes.jsonl"], EXIT_FAILED, "cannot resume"),
    (["{corpus}", "--jobs", "-1"], EXIT_USAGE, "--jobs"),
]


def _args(args, corpus, tmp_path):
    (tmp_path / "notes.jsonl").write_text("just a note\n")
    return [a.format(corpus=corpus, tmp=tmp_path) for a in args]


@pytest.mark.parametrize(("args", "status", "text"), CASES)
def test_errors_with_cli_runner(corpus, tmp_path, args, status, text):
    result = CliRunner().invoke(cli, ["analyze", *_args(args, corpus, tmp_path)])
    assert result.exit_code == status, result.stderr
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert text in result.stderr
    _one_error_line(result.stderr)


@pytest.mark.slow
@pytest.mark.parametrize(("args", "status", "text"), CASES)
def test_errors_in_a_real_process(corpus, tmp_path, args, status, text):
    result = subprocess.run(
        [sys.executable, "-m", "geotext", "analyze", *_args(args, corpus, tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == status, result.stderr
    assert text in result.stderr
    _one_error_line(result.stderr)


def test_complete_run_exits_0_with_a_summary(corpus, tmp_path):
    result = CliRunner().invoke(cli, ["analyze", str(corpus), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == EXIT_OK
    assert result.stderr.startswith("geotext: 7 analysed, 0 failed")
    assert "\x1b[" not in result.stderr  # no progress bar: stderr is not a terminal


def test_quiet_prints_nothing(corpus, tmp_path):
    result = CliRunner().invoke(cli, ["analyze", str(corpus), "-q", "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == EXIT_OK
    assert result.stderr == ""


def test_stdin_is_read(corpus):
    text = helpers.article_text(7)
    result = CliRunner().invoke(cli, ["analyze", "-", "--parser", "ct-text", "-q"], input=text)
    assert result.exit_code == EXIT_OK, result.stderr
    assert b'"iso:RUS"' in result.stdout_bytes and b"<stdin>" in result.stdout_bytes


def test_progress_bar_on_a_terminal(corpus, tmp_path):
    # a pseudo-terminal as stderr shows the bar with its counters
    pty = pytest.importorskip("pty")
    import os

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "geotext", "analyze", str(corpus), "-o", str(tmp_path / "out.jsonl")],
        stderr=follower,
        stdout=subprocess.DEVNULL,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    assert process.wait(timeout=60) == EXIT_OK
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert "7 articles" in shown and "0 errors" in shown
    assert "7 analysed, 0 failed" in shown
