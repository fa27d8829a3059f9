"""A hostile or unlucky corpus: nothing lost, nothing hangs.

These runs use the first-party parsers and exporters (text, records, json, csv), as a
user's corpus run does; worker deaths add a small plugin that kills its process on a
marker text.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from geotext._corpus import CorpusRun, expand_inputs
from geotext._settings import Settings
from geotext.cli import cli

REAL = "text,records,json,csv"

KILLER_PLUGIN = r"""
import os

import geotext


@geotext.hookimpl
def geotext_tag_entities(article, config):
    if "SUDDEN-DEATH" in article.text:
        log = os.environ.get("GEOTEXT_TEST_DEATHS")
        if log:
            with open(log, "a") as stream:
                stream.write("died\n")
        os._exit(7)
    return []
"""


@pytest.fixture
def real_plugins(monkeypatch):
    monkeypatch.setenv("GEOTEXT_LOAD_PLUGINS", REAL)


@pytest.fixture
def killer(install_plugin, monkeypatch, tmp_path):
    install_plugin("gt_killer", KILLER_PLUGIN, dist="geotext-killer-test", entry_name="killer")
    monkeypatch.setenv("GEOTEXT_LOAD_PLUGINS", REAL + ",killer")
    deaths = tmp_path / "deaths.log"
    monkeypatch.setenv("GEOTEXT_TEST_DEATHS", str(deaths))
    return deaths


def run_cli(*args: str):
    return CliRunner().invoke(cli, ["analyze", *args], catch_exceptions=False)


def article(i: int) -> str:
    return f"Report {i}\n\nChina and Mongolia held talks on day {i}, officials said."


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def errors(path: Path) -> list[dict]:
    return lines(path) if path.exists() else []


# -- outputs that would destroy data -------------------------------------------------------------


def test_an_output_that_is_an_input_is_refused(real_plugins, tmp_path):
    data = tmp_path / "b.jsonl"
    data.write_text(json.dumps({"id": "a", "text": article(1)}) + "\n")
    before = data.read_bytes()
    result = run_cli(str(data), "-o", str(data))
    assert result.exit_code == 2 and "is the input" in result.stderr
    # the same file under another name: a hard link and a symbolic link
    os.link(data, tmp_path / "hard.jsonl")
    (tmp_path / "soft.jsonl").symlink_to(data)
    for other in ("hard.jsonl", "soft.jsonl"):
        assert run_cli(str(data), "-o", str(tmp_path / other)).exit_code == 2
    assert run_cli(str(data), "-o", str(tmp_path / "out.jsonl"), "--errors", str(data)).exit_code == 2
    assert (
        run_cli(
            str(tmp_path), "-o", str(tmp_path / "x.csv"), "-f", "csv", "--errors", str(tmp_path / "soft.jsonl")
        ).exit_code
        == 2
    )
    assert data.read_bytes() == before


@pytest.mark.parametrize("format_", ["jsonl", "json", "csv"])
def test_a_run_in_which_everything_fails_keeps_the_old_output(real_plugins, tmp_path, format_):
    old = tmp_path / f"k.{format_}"
    old.write_text("precious\n")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run_cli(str(empty), "-o", str(old), "-f", format_)
    assert result.exit_code == 3
    assert old.read_text() == "precious\n"
    assert "left as it was" in result.stderr
    assert errors(tmp_path / "k.errors.jsonl")[0]["source"] == str(empty)


def test_a_run_that_writes_articles_replaces_the_old_output(real_plugins, tmp_path):
    old = tmp_path / "k.jsonl"
    old.write_text("stale\n")
    good = tmp_path / "good.txt"
    good.write_text(article(1))
    assert run_cli(str(good), "-o", str(old)).exit_code == 0
    assert [line["article"]["title"] for line in lines(old)] == ["Report 1"]


@pytest.mark.parametrize("target", [".", "/"])
def test_a_directory_as_the_output_of_a_one_file_format_is_a_usage_error(real_plugins, tmp_path, target, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(article(1))
    result = run_cli(str(tmp_path / "a.txt"), "-o", target)
    assert result.exit_code == 2 and "is a directory" in result.stderr
    assert "Traceback" not in result.stderr


def test_csv_into_the_current_directory_writes_its_tables_and_report_there(real_plugins, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(article(1))
    (tmp_path / "in" / "bad.txt").write_bytes(b"")
    result = run_cli("in", "-o", ".", "-f", "csv")
    assert result.exit_code == 1, result.stderr
    assert (tmp_path / "articles.csv").exists() and (tmp_path / "errors.jsonl").exists()


@pytest.mark.parametrize("format_", ["jsonl", "json"])
def test_an_output_symlink_is_written_through(real_plugins, tmp_path, format_):
    (tmp_path / "a.txt").write_text(article(1))
    target = tmp_path / "real" / f"out.{format_}"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / f"link.{format_}"
    link.symlink_to(target)
    assert run_cli(str(tmp_path / "a.txt"), "-o", str(link), "-f", format_).exit_code == 0
    assert link.is_symlink() and "Report 1" in target.read_text()


# -- inputs that would be lost or would hang ----------------------------------------------------


def test_an_unreadable_subdirectory_is_reported(real_plugins, tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    (corpus / "open").mkdir(parents=True)
    (corpus / "locked").mkdir()
    (corpus / "open" / "a.txt").write_text(article(1))
    (corpus / "locked" / "b.txt").write_text(article(2))
    real_scandir = os.scandir

    def scandir(path):  # as for chmod 000 (root reads everything, so simulate it)
        if os.fspath(path) == str(corpus / "locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    out = tmp_path / "out.jsonl"
    result = run_cli(str(corpus), "-o", str(out))
    assert result.exit_code == 1
    assert len(lines(out)) == 1
    [failure] = errors(tmp_path / "out.errors.jsonl")
    assert failure["source"] == str(corpus / "locked") and "Permission denied" in failure["message"]


@pytest.mark.timeout(60) if hasattr(pytest.mark, "timeout") else (lambda f: f)
def test_devices_and_fifos_are_refused_not_read(real_plugins, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "a.txt").write_text(article(1))
    out = tmp_path / "out.jsonl"
    result = run_cli("/dev/zero", str(fifo), str(tmp_path / "a.txt"), "-o", str(out))
    assert result.exit_code == 1
    reported = {f["source"]: f["message"] for f in errors(tmp_path / "out.errors.jsonl")}
    assert "character device" in reported["/dev/zero"] and "FIFO" in reported[str(fifo)]
    assert len(lines(out)) == 1
    # a FIFO inside a directory too
    import geotext

    with pytest.raises(geotext.ParseError, match="not a regular file"):
        geotext.analyze(Path("/dev/zero"))


def test_an_empty_list_of_records_is_said(real_plugins, tmp_path):
    wrapper = tmp_path / "answer.json"
    wrapper.write_text(json.dumps({"status": "ok", "articles": []}))
    result = run_cli(str(wrapper), "-o", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 3 and "1 failed" in result.stderr
    assert "holds no articles" in errors(tmp_path / "out.errors.jsonl")[0]["message"]
    (tmp_path / "nothing").mkdir()
    result = run_cli(str(tmp_path / "nothing"))
    assert result.exit_code == 3 and "no article found" in result.stderr


# -- resume ---------------------------------------------------------------------------------------


def test_resume_keeps_records_that_share_an_id(real_plugins, tmp_path):
    records = tmp_path / "dup.jsonl"
    records.write_text("".join(json.dumps({"id": "same", "text": article(i)}) + "\n" for i in range(6)))
    full = tmp_path / "full.jsonl"
    assert run_cli(str(records), "-o", str(full)).exit_code == 0
    assert len(lines(full)) == 6
    part = tmp_path / "part.jsonl"
    data = full.read_bytes()
    part.write_bytes(b"".join(data.splitlines(keepends=True)[:2]) + data.splitlines()[2][:40])
    result = run_cli(str(records), "-o", str(part), "--resume")
    assert result.exit_code == 0 and "2 already done" in result.stderr
    assert part.read_bytes() == data


# -- worker deaths ------------------------------------------------------------------------------


def make_mixed_corpus(root: Path, marker_at: int = 5) -> None:
    root.mkdir()
    for i in range(12):
        text = article(i) + (" SUDDEN-DEATH" if i == marker_at else "")
        (root / f"a{i:02d}.txt").write_text(text)
    (root / "records.jsonl").write_text(
        "".join(
            json.dumps({"id": f"r{i}", "text": article(100 + i) + (" SUDDEN-DEATH" if i == 3 else "")}) + "\n"
            for i in range(10)
        )
    )


@pytest.mark.slow
def test_a_worker_that_dies_fails_its_input_only_and_resume_skips_it(killer, tmp_path):
    make_mixed_corpus(tmp_path / "corpus")
    out = tmp_path / "out.jsonl"
    result = run_cli(str(tmp_path / "corpus"), "-o", str(out), "--jobs", "2")
    assert result.exit_code == 1, result.stderr
    report = errors(tmp_path / "out.errors.jsonl")
    assert [(Path(f["source"]).name, f["record"], f["error_type"]) for f in report] == [
        ("a05.txt", None, "WorkerDiedError"),
        ("records.jsonl", 3, "WorkerDiedError"),
    ]
    assert "exit code 7" in report[0]["message"]
    written = lines(out)
    assert len(written) == 12 - 1 + 10 - 1
    # in input order, as a run without the two fatal inputs writes them
    order = [(Path(a["article"]["provenance"]["source"]).name, a["article"]["provenance"]["record"]) for a in written]
    assert order == sorted(order, key=lambda item: (item[0], item[1] or 0))
    deaths = killer.read_text().count("died")
    # resume: what was written is skipped, the fatal inputs are reported again without a new death
    data = out.read_bytes()
    out.write_bytes(data[: len(data) // 3])
    resumed = run_cli(str(tmp_path / "corpus"), "-o", str(out), "--jobs", "2", "--resume")
    assert resumed.exit_code == 1, resumed.stderr
    assert out.read_bytes() == data
    assert killer.read_text().count("died") == deaths
    assert [f["error_type"] for f in errors(tmp_path / "out.errors.jsonl")] == ["WorkerDiedError"] * 2


# -- file names that are not UTF-8 ---------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_file_names_that_are_not_utf8_are_carried_everywhere(real_plugins, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good = os.fsdecode(os.fsencode(str(corpus)) + b"/good\xff.txt")
    bad = os.fsdecode(os.fsencode(str(corpus)) + b"/bad\xfe.txt")
    Path(good).write_text(article(1))
    Path(bad).write_bytes(b"")
    shown_good, shown_bad = str(corpus) + "/good\\xff.txt", str(corpus) + "/bad\\xfe.txt"
    out = tmp_path / "out.jsonl"
    result = run_cli(str(corpus), "-o", str(out))
    assert result.exit_code == 1, result.stderr
    assert [a["article"]["provenance"]["source"] for a in lines(out)] == [shown_good]
    assert [f["source"] for f in errors(tmp_path / "out.errors.jsonl")] == [shown_bad]
    # resume finds what it wrote
    resumed = run_cli(str(corpus), "-o", str(out), "--resume")
    assert resumed.exit_code == 1 and "1 already done" in resumed.stderr
    # csv, and json with two workers equal to one
    assert run_cli(str(corpus), "-o", str(tmp_path / "tables"), "-f", "csv").exit_code == 1
    assert shown_good in (tmp_path / "tables" / "articles.csv").read_text(encoding="utf-8")
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    assert run_cli(str(corpus), "-o", str(one), "-f", "json").exit_code == 1
    assert run_cli(str(corpus), "-o", str(two), "-f", "json", "--jobs", "2").exit_code == 1
    assert one.read_bytes() == two.read_bytes()
    # the API and Dask give the same names
    run = CorpusRun(expand_inputs([str(corpus)]), Settings(plugins=REAL.split(",")), on_failure=lambda f: None)
    assert [json.loads(line)["article"]["provenance"]["source"] for line in run] == [shown_good]
    dask_bag = pytest.importorskip("dask.bag")
    from geotext.dask import analyze_bag

    rows = analyze_bag(dask_bag.from_sequence([good, bad]), plugins=REAL.split(",")).compute()
    assert [row["source"] for row in rows] == [shown_good, shown_bad]
