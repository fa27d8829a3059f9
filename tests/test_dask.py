"""geotext.dask on a LocalCluster of two worker processes: results equal the single-process run."""

from __future__ import annotations

import importlib.util
import json
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

import corpus_kit as helpers
import geotext
from geotext._corpus import expand_inputs
from geotext.cli import cli

# dask, distributed and pandas are imported by the tests' fixture, not at collection: every
# pytest-xdist worker collects this module, and only the one running its tests needs them
# (importing them takes about two seconds)
pytestmark = pytest.mark.skipif(
    any(importlib.util.find_spec(name) is None for name in ("dask", "distributed", "pandas")),
    reason="needs dask[bag,dataframe], distributed and pandas",
)


@pytest.fixture(scope="module")
def dask_libraries() -> types.SimpleNamespace:
    """``db`` (dask.bag), ``dd`` (dask.dataframe), ``distributed``, ``pd`` and ``gd`` (geotext.dask)."""
    return types.SimpleNamespace(
        db=pytest.importorskip("dask.bag"),
        dd=pytest.importorskip("dask.dataframe"),
        distributed=pytest.importorskip("distributed"),
        pd=pytest.importorskip("pandas"),
        gd=pytest.importorskip("geotext.dask"),
    )


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory, plugin_site) -> Path:
    """The test plugin's distribution, written once for the module: the cluster's workers
    start with it on their path."""
    root = tmp_path_factory.mktemp("site")
    plugin_site.write(
        root, "gt_corpus_test", helpers.CORPUS_PLUGIN, dist="geotext-corpus-test", entry_name="corpus-test"
    )
    return root


@pytest.fixture
def corpus(corpus_site, plugin_site, monkeypatch, tmp_path):
    plugin_site.use(corpus_site, monkeypatch)
    monkeypatch.delitem(sys.modules, "gt_corpus_test", raising=False)  # another test's copy
    monkeypatch.setenv("GEOTEXT_LOAD_PLUGINS", "corpus-test")
    helpers.make_corpus(tmp_path / "corpus", files=8, records=25, poisoned=True)
    return tmp_path / "corpus"


@pytest.fixture(scope="module")
def cluster(corpus_site, plugin_site, dask_libraries):
    """One cluster of two worker processes for the module's tests (starting one takes
    seconds). Its workers inherit sys.path and the environment as they are when it starts:
    the plugin on the path, and the only one loaded."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        plugin_site.use(corpus_site, monkeypatch)
        monkeypatch.setenv("GEOTEXT_LOAD_PLUGINS", "corpus-test")
        cluster = dask_libraries.distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=40
        )
    yield cluster
    cluster.close()


@pytest.fixture
def client(corpus, cluster, dask_libraries):
    with dask_libraries.distributed.Client(cluster) as client:
        yield client


@pytest.mark.slow
def test_bag_of_paths_equals_the_local_run(corpus, client, tmp_path, dask_libraries):
    db, pd, gd = dask_libraries.db, dask_libraries.pd, dask_libraries.gd
    paths = [item.path for item in expand_inputs([str(corpus)])]
    rows = gd.analyze_bag(db.from_sequence(paths, npartitions=4), input="path")
    parts = gd.to_jsonl(rows, tmp_path / "parts")
    assert len(parts) == 4
    local = tmp_path / "local.jsonl"
    result = CliRunner().invoke(cli, ["analyze", str(corpus), "-o", str(local), "-q"])
    assert result.exit_code == 1
    assert b"".join(Path(p).read_bytes() for p in parts) == local.read_bytes()

    # the failures are rows too, the same ones the CLI reports
    failed = sorted(
        (Path(f["source"]).name, f["record"] if f["record"] is not None else -1) for f in gd.failures(rows).compute()
    )
    assert len(failed) == 6
    # the analyses carry the same values as geotext.analyze in this process
    pipeline = geotext.Pipeline()
    by_id = {a.article.id: a for a in gd.analyses(rows).compute()}
    single = pipeline.analyze(Path(paths[0]))
    assert by_id[single.article.id] == single

    gd.to_parquet(rows, tmp_path / "parquet")
    table = pd.read_parquet(tmp_path / "parquet")
    assert list(table.columns) == list(gd.COLUMNS)
    ok = table[table["analysis"].notna()]
    assert len(ok) == len(by_id)
    assert json.loads(ok.iloc[0]["analysis"])["schema"] == geotext.SCHEMA
    assert table["error_type"].notna().sum() == 6


@pytest.mark.slow
def test_texts_records_and_dataframes(corpus, client, dask_libraries):
    db, dd, pd, gd = dask_libraries.db, dask_libraries.dd, dask_libraries.pd, dask_libraries.gd
    texts = [helpers.article_text(i) for i in range(10)]
    local = [geotext.analyze(text).to_dict() for text in texts]

    rows = gd.analyze_bag(db.from_sequence(texts, npartitions=3), input="text").compute()
    assert [json.loads(row["analysis"]) for row in rows] == local

    records = [{"id": f"r{i}", "text": text} for i, text in enumerate(texts)] + [{"id": "broken"}]
    rows = gd.analyze_bag(db.from_sequence(records, npartitions=2), input="record", parser="ct-lines").compute()
    assert [row["article_id"] for row in rows[:-1]] == [f"r{i}" for i in range(10)]
    assert rows[-1]["error_type"] == "ParseError"

    frame = dd.from_pandas(pd.DataFrame({"body": texts, "doc": [f"d{i}" for i in range(10)]}), npartitions=3)
    result = gd.analyze_dataframe(frame, fields={"text": "body", "id": "doc"}).compute()
    assert list(result["article_id"]) == [f"d{i}" for i in range(10)]
    for row, expected in zip(result["analysis"], local):
        got = json.loads(row)
        assert got["entities"] == expected["entities"]
    assert list(result["record"]) == list(range(10))


def test_rows_without_a_cluster(corpus, dask_libraries):
    db, gd = dask_libraries.db, dask_libraries.gd
    # the same functions work on dask's local scheduler
    rows = gd.analyze_bag(db.from_sequence([helpers.article_text(1)]), input="text").compute(scheduler="sync")
    assert rows[0]["entities"] == 2 and rows[0]["error_type"] is None


def test_bad_arguments_are_geotext_errors(corpus, dask_libraries):
    db, dd, pd, gd = dask_libraries.db, dask_libraries.dd, dask_libraries.pd, dask_libraries.gd
    with pytest.raises(geotext.ConfigError):
        gd.analyze_bag(db.from_sequence(["x"]), input="nope")
    with pytest.raises(geotext.ConfigError):
        gd.analyze_dataframe(dd.from_pandas(pd.DataFrame({"body": ["x"]}), npartitions=1))
    with pytest.raises(geotext.ConfigError, match="line-oriented"):
        gd.to_jsonl(db.from_sequence([]), "out", format="json-array")
