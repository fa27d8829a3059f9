"""Smoke tests of the bench scripts on tiny built-in samples (no ../shared, no network).

The evaluation is also run in-process with a small fake tagger and claim extractor, so
every scorer is checked against values worked out by hand.
"""

from __future__ import annotations

import csv
import importlib
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

import geotext
from geotext import Claim, Coordinates, Entity, Evidence, Mention, Span

BENCH = Path(__file__).resolve().parents[1] / "bench"
evaluate = importlib.import_module("evaluate")  # bench/ is on sys.path (pytest's pythonpath setting)


KNOWN = {
    "Mongolia": dict(id="iso:MNG", kind="state", name="Mongolia", coordinates=Coordinates(lat=46.0, lon=105.0)),
    "China": dict(id="iso:CHN", kind="state", name="China", coordinates=Coordinates(lat=35.0, lon=103.0)),
    "Beijing": dict(
        id="geonames:1816670",
        kind="place",
        name="Beijing",
        country="CHN",
        coordinates=Coordinates(lat=39.9075, lon=116.39723),
    ),
    "Li Qiang": dict(id="person:li-qiang", kind="person", name="Li Qiang", country="CHN"),
}


def _fake_plugin() -> types.ModuleType:
    """A tagger of a few names (and of the user entries CSV it is given) and a claim finder."""
    module = types.ModuleType("fake_eval_plugin")

    @geotext.hookimpl
    def geotext_tag_entities(article, config):
        known = {name: dict(fields) for name, fields in KNOWN.items()}
        extra = config.get("gazetteer", {}).get("extra_entries")
        if extra:
            with open(extra, encoding="utf-8") as handle:
                for row in csv.DictReader(handle):
                    known[row["name"]] = dict(id=row["id"], kind=row["kind"], name=row["name"])
        entities = {}
        for name, fields in known.items():
            start = article.text.find(name)
            if start < 0:
                continue
            mentions = [Mention(start=start, end=start + len(name), text=name, form="name")]
            entities[fields["id"]] = Entity(**fields, mentions=mentions)
        beijing = article.text.find("Beijing")
        if beijing >= 0 and "iso:CHN" in entities:  # the capital standing for its state
            china = entities["iso:CHN"]
            capital = Mention(start=beijing, end=beijing + 7, text="Beijing", form="capital")
            entities["iso:CHN"] = Entity(**KNOWN["China"], mentions=[*china.mentions, capital])
        return list(entities.values())

    @geotext.hookimpl
    def geotext_extract_claims(article, entities):
        text = article.text
        states = [e.id for e in sorted(entities, key=lambda e: e.first_offset) if e.kind == "state"]
        claims = []
        signed = text.find("signed")
        if signed >= 0 and len(states) >= 2:
            end = text.index(".", signed) + 1
            claims.append(
                Claim(
                    producer="fake",
                    evidence=[Evidence(start=0, end=end, sentence_start=0, sentence_end=end)],
                    sources=[states[0]],
                    targets=[states[1]],
                    cameo="057",
                )
            )
        said = text.find("said")
        if said >= 0 and any(e.id == "person:li-qiang" for e in entities):
            start = text.index("Li Qiang")
            claims.append(
                Claim(
                    producer="fake",
                    evidence=[Evidence(start=start, end=len(text), sentence_start=start, sentence_end=len(text))],
                    speaker="person:li-qiang",
                    cue="said",
                    cue_span=Span(start=said, end=said + 4),
                    content=Span(start=said + 5, end=len(text) - 1),
                )
            )
        return claims

    module.geotext_tag_entities = geotext_tag_entities
    module.geotext_extract_claims = geotext_extract_claims
    return module


def _make_pipeline(config):
    plugins = geotext.PluginSet(discover=False)
    plugins.register(_fake_plugin(), "fake")
    return geotext.Pipeline(plugins=plugins, config=config)


@pytest.fixture
def results(tmp_path):
    data, seeds = evaluate.write_sample(tmp_path)
    return evaluate.evaluate(data=data, seeds=seeds, make_pipeline=_make_pipeline)


def test_evaluate_scores_the_sample_with_known_values(results):
    assert results["conll"]["all"]["f1"] == 1.0  # Beijing as place and as capital is one LOC span
    recognition = results["geowebnews"]["recognition"]
    assert (recognition["precision"], recognition["recall"]) == (pytest.approx(2 / 3), 1.0)
    assert recognition["f1"] == pytest.approx(0.8)
    assert results["geowebnews"]["resolution_161km"]["accuracy"] == 1.0
    assert results["n3"]["linking"]["accuracy"] == 1.0
    assert results["plover-actors"]["actor_iso3"]["accuracy"] == 1.0
    assert results["plover-dyads"]["dyads"]["f1"] == 1.0
    assert results["plover-dyads"]["fields"]["category"]["accuracy"] == 1.0
    for role in ("source", "cue", "content"):
        assert results["polnear"][role]["f1"] == 1.0
    assert results["petrarch2"]["event_code"]["accuracy"] == 1.0
    assert results["petrarch2"]["actors_and_code"]["accuracy"] == 1.0
    assert results["seeds"]["entities"]["recall"] == 1.0
    assert results["seeds"]["entities"]["precision"] == 0.5
    assert results["seeds"]["claims"]["precision"] == 0.5
    assert results["seeds"]["documents"]["sample"]["claims_found"] == ["iso:MNG -> iso:CHN [05]"]
    assert results["seeds"]["claim_places"] == {"accuracy": 1.0, "correct": 1, "n": 1}  # no place, none found
    located = results["event-location"]
    assert located["records"] == 2 and located["location"]["accuracy"] == 1.0  # in Beijing; said: nowhere
    assert located["location_claim_cues"]["n"] == 1 and located["claim_location"]["accuracy"] == 1.0
    assert located["rules"] == {"none": 1, "preposition": 1}
    assert "event-location-tuning" not in results  # on request only
    for name, value in results.items():
        if not name.startswith("_"):
            assert value["failures"] == [], name


def test_evaluate_without_plugins_scores_zero(tmp_path):
    data, seeds = evaluate.write_sample(tmp_path)
    empty = evaluate.evaluate(
        data=data,
        seeds=seeds,
        make_pipeline=lambda config: geotext.Pipeline(plugins=geotext.PluginSet(discover=False), config=config),
    )
    assert empty["conll"]["all"]["f1"] == 0.0
    assert empty["plover-dyads"]["dyads"]["recall"] == 0.0
    assert empty["petrarch2"]["event_code"]["accuracy"] == 0.0
    assert empty["seeds"]["entities"]["recall"] == 0.0


def test_markdown_table_lists_every_data_set(results):
    table = evaluate.markdown_table(results)
    assert table.startswith("| metric |")
    for shown in (
        "CoNLL-2003 LOC",
        "GeoWebNews resolution",
        "N3 Reuters-128",
        "PLOVER dyad category",
        "PolNeAR content",
        "PETRARCH2 unit tests: event code",
        "Seeds: claims",
    ):
        assert shown in table


def test_missing_data_set_is_skipped_and_unknown_name_refused(tmp_path):
    results = evaluate.evaluate(data=tmp_path, seeds=tmp_path, only=["conll"], make_pipeline=_make_pipeline)
    assert "skipped" in results["conll"]
    with pytest.raises(geotext.ConfigError, match="unknown data set"):
        evaluate.evaluate(data=tmp_path, only=["nope"], make_pipeline=_make_pipeline)


def test_petrarch_dictionary_converter(tmp_path):
    path = tmp_path / "actors.txt"
    path.write_text(
        "<!-- header -->\nARNOR_  [ARN]\nGONDOR [GON]\n+MINAS_TIRITH\nISILDUR  [+++]\n"
        "IMF  [IMF]\nGOLLUM  # note\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n"
        "ITHILEN MILITARY  [ITHMIL]\n",
        encoding="utf-8",
    )
    actors = evaluate.read_petrarch_actors(path)
    assert actors == {
        "ARN": ["Arnor"],
        "GON": ["Gondor", "Minas Tirith"],
        "IMF": ["IMF"],
        "HOB": ["Gollum", "Smeagol"],
        "ITHMIL": ["Ithilen Military"],
    }
    rows = evaluate.petrarch_entries(actors)
    assert {"id": "iso:GON", "kind": "state", "name": "Gondor", "aliases": "Minas Tirith", "country": "GON"} in rows
    assert {"id": "group:ithmil", "kind": "group", "name": "Ithilen Military", "aliases": "", "country": "ITH"} in rows
    written = evaluate.write_user_entries(rows, tmp_path / "entries.csv")
    assert written.read_text(encoding="utf-8").splitlines()[0] == "id,kind,name,aliases,country"


def test_bad_record_is_reported_with_its_file(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "x", "entities": []}\nnot json\n', encoding="utf-8")
    with pytest.raises(geotext.ParseError) as caught:
        evaluate.evaluate(only=["conll"], files={"conll": bad}, make_pipeline=_make_pipeline)
    assert caught.value.source == str(bad) and caught.value.record == 1
    # the command, in this process (test_evaluate_command_on_the_builtin_sample starts it as
    # a program): an error line naming the file, status 2
    capsys.readouterr()
    assert evaluate.main(["--file", f"conll={bad}", "--only", "conll"]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and err.startswith("evaluate: error:") and "Traceback" not in err


def test_evaluate_command_on_the_builtin_sample(tmp_path, capsys):
    # the script starts as a program (it finds the bench modules beside it) ...
    run = subprocess.run(
        [sys.executable, str(BENCH / "evaluate.py"), "--help"], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0 and "--sample" in run.stdout, run.stderr
    # ... and scores the sample with every installed plugin, in this process: the pipeline's
    # taggers are then the ones this test process has loaded already (loading them again in
    # a program of its own took most of this test's time)
    out = tmp_path / "eval.json"
    assert evaluate.main(["--sample", "--json", str(out)]) == 0
    assert "| PLOVER dyad (source, target, category) |" in capsys.readouterr().out
    written = json.loads(out.read_text(encoding="utf-8"))
    for name in evaluate.DATASETS:
        if name in evaluate.ON_REQUEST:
            assert name not in written
            continue
        assert "skipped" not in written[name], name
        assert written[name]["records"] >= 1


# -- the throughput benchmark ---------------------------------------------------------------------


def test_corpus_is_deterministic(tmp_path):
    corpus = importlib.import_module("corpus")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "one.txt").write_text(
        "Mongolia and China signed a treaty in Beijing on Monday. "
        "Li Qiang said trade between the two countries would grow.",
        encoding="utf-8",
    )
    first = corpus.build_corpus(tmp_path / "a", 0.05, conll=tmp_path / "absent", seeds=seeds)
    second = corpus.build_corpus(tmp_path / "b", 0.05, conll=tmp_path / "absent", seeds=seeds)
    assert first["source"] == "seeds+generated"
    assert first["bytes"] >= 50_000
    assert first["sha256"] == second["sha256"]
    documents = corpus.Documents(Path(first["path"]), max_bytes=10_000)
    texts = list(documents)
    assert documents.docs == len(texts) and 10_000 <= documents.bytes < 10_000 + max(map(len, texts)) * 4


def _bench_throughput(tmp_path, *options: str) -> tuple[subprocess.CompletedProcess[str], dict]:
    """Run bench_throughput.py with *options* on a small corpus in *tmp_path*: the run and its JSON."""
    out = tmp_path / "bench.json"
    command = [sys.executable, str(BENCH / "bench_throughput.py"), *options, "--no-peers"]
    run = subprocess.run(
        [*command, "--work", str(tmp_path), "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    return run, json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_bench_throughput_runs_floor_and_aho_on_a_tiny_corpus(tmp_path):
    run, facts = _bench_throughput(tmp_path, "--tools", "floor,aho", "--corpus-mb", "0.2", "--rounds", "2")
    assert "| floor |" in run.stdout and "| aho |" in run.stdout
    summary = {row["tool"]: row for row in facts["summary"]}
    assert summary["floor"]["rounds"] == summary["aho"]["rounds"] == 2
    assert summary["aho"]["found"] > 0  # a news corpus names places
    assert summary["floor"]["mb"] >= 0.2 and summary["aho"]["peak_mb"] > 0


@pytest.mark.slow
def test_bench_throughput_runs_a_baseline_tool_with_the_given_python(tmp_path):
    run, facts = _bench_throughput(
        tmp_path,
        *("--tools", "floor,base-geotext-tagger", "--baseline", sys.executable),
        *("--corpus-mb", "0.05", "--rounds", "1", "--clock", "cpu"),
    )
    assert "| base-geotext-tagger |" in run.stdout and "unavailable" not in run.stdout
    summary = {row["tool"]: row for row in facts["summary"]}
    assert summary["base-geotext-tagger"]["found"] > 0  # the tagger of this environment found places
    assert all(r["cpu_s"] > 0 for r in facts["runs"]["base-geotext-tagger"])


def test_bench_throughput_baseline_tool_needs_a_baseline(tmp_path):
    bench = importlib.import_module("bench_throughput")
    assert bench.measure("base-geotext-full", tmp_path / "corpus.txt", None, None) == {
        "tool": "base-geotext-full",
        "error": "no --baseline Python given",
    }


def test_place_names_for_the_scan():
    bench = importlib.import_module("bench_throughput")
    names = bench.place_names(1000)
    assert len(names) == 1000 and len(set(names)) == 1000
    assert "China" in names


def test_dyad_actor_codes_organisations_as_igo_and_stateless_groups_as_img():
    from geotext import Entity

    assert evaluate.dyad_actor(Entity(id="igo:UN", kind="organisation", name="United Nations")) == "IGO"
    assert evaluate.dyad_actor(Entity(id="iso:CHN", kind="state", name="China")) == "CHN"
    assert evaluate.dyad_actor(Entity(id="geonames:2988507", kind="place", name="Paris", country="FRA")) == "FRA"
    assert evaluate.dyad_actor(Entity(id="org:acme", kind="organisation", name="Acme")) is None
    assert evaluate.dyad_actor(Entity(id="group:al-qaeda", kind="group", name="Al-Qaeda")) == "IMG"
    assert evaluate.dyad_actor(Entity(id="group:m23", kind="group", name="M23", country="COD")) == "COD"


def test_tagger_breakdown_times_each_stage_and_restores_the_tagger():
    bench = importlib.import_module("bench_tagger")
    gazetteer = pytest.importorskip("geotext_gazetteer")
    tagger = gazetteer.Gazetteer.load()
    docs = ["Beijing urged Mongolia to join the SCO.", "LONDON 1996-08-22 Britain and France met."]
    stages = bench.breakdown(tagger, docs, 0.0001, rounds=1)
    assert set(stages) == {"scan", "resolution", "values", "whole"} | {
        "recogniser_features",
        "recogniser_crf",
        "recogniser_decide",
    }
    assert stages["scan"] > 0 and stages["whole"] > 0 and stages["recogniser_crf"] > 0
    assert "iso:MNG" in {e.id for e in tagger.tag(docs[0])}  # the value building is back


def test_tagger_corpus_repeats_the_chosen_text_to_the_size(tmp_path, monkeypatch):
    bench = importlib.import_module("bench_tagger")
    news = tmp_path / "news.jsonl"
    news.write_text('{"text": "Mongolia and China met."}\n\n{"text": "Russia agreed."}\n', encoding="utf-8")
    monkeypatch.setitem(bench.SOURCES, "polnear", news)
    docs = bench.corpus(100, "polnear")
    assert docs[:3] == ["Mongolia and China met.", "Russia agreed.", "Mongolia and China met."]
    assert sum(len(d.encode()) for d in docs) >= 100


def test_tagger_baseline_is_timed_after_a_warm_up_pass(tmp_path):
    pytest.importorskip("geotext_gazetteer")
    bench = importlib.import_module("bench_tagger")
    docs = tmp_path / "docs.jsonl"
    docs.write_text('"Beijing urged Mongolia to join the SCO."\n"Paris and France."\n', encoding="utf-8")
    result = bench.baseline_seconds(Path(sys.executable), str(docs))
    assert result["warmed"] == 2  # every document tagged once before the timed pass
    assert result["found"] >= 3 and result["seconds"] > 0 and result["cpu_seconds"] > 0


def test_eval_text_in_project_finds_runs_of_shared_words(tmp_path: Path) -> None:
    check = importlib.import_module("eval_text_in_project")
    (tmp_path / "eval" / "set").mkdir(parents=True)
    (tmp_path / "train").mkdir()
    (tmp_path / "eval" / "set" / "gold.jsonl").write_text(
        json.dumps({"text": "The river rose above the old stone bridge at dawn on Sunday."}) + "\n", encoding="utf-8"
    )
    known = check.shared_shingles(tmp_path, 8)
    mine = tmp_path / "test_mine.py"
    mine.write_text('text = "Then the river rose above the old stone bridge at dawn, they said."\n', encoding="utf-8")
    assert check.runs_in(mine, known, 8) == ["the river rose above the old stone bridge at dawn"]
    mine.write_text('text = "The river rose above the old wooden bridge at noon."\n', encoding="utf-8")
    assert check.runs_in(mine, known, 8) == []
    assert check.main(["--shared", str(tmp_path / "missing")]) == 2
