"""Tests of the learned recogniser: the shipped model, its settings and what it adds."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

import geotext
from geotext.exceptions import ConfigError, GeotextError
from geotext_gazetteer import Gazetteer, RecogniserDecision, _recogniser, read_extra_entries
from geotext_gazetteer._cli import gazetteer as gazetteer_cli
from geotext_gazetteer._tagger import AS_ELSEWHERE, IN_A_LIST, ONE_READING_FLOOR, _Resolver

FIXTURE = Path(__file__).parent / "fixtures" / "recogniser_fixture.txt"


@pytest.fixture(scope="module")
def model_tagger(load_gazetteer):
    return load_gazetteer()


@pytest.fixture(scope="module")
def rules_tagger(load_gazetteer):
    return load_gazetteer(recogniser="rules")


def by_id(entities):
    return {e.id: e for e in entities}


def test_shipped_model_gives_the_recorded_scores_on_the_fixture():
    recogniser = _recogniser.Recogniser.load()
    meta = json.loads(Path(str(_recogniser.META_FILE)).read_text(encoding="utf-8"))
    assert recogniser.version == meta["version"] == _recogniser.read_model_version()
    assert meta["features_version"] == _recogniser.FEATURES_VERSION
    text = FIXTURE.read_text(encoding="utf-8")
    decisions, _ = recogniser.decide(_recogniser.regions(text, cache=recogniser.cache))
    got = [[d.start, d.end, d.label, round(d.score, 6)] for d in decisions]
    assert [g[:3] for g in got] == [r[:3] for r in meta["fixture"]]
    assert [g[3] for g in got] == pytest.approx([r[3] for r in meta["fixture"]], abs=1e-5)
    # the hand-written fixture has people, places and an organisation in it
    labels = {label for _, _, label, _ in got}
    assert {"PER", "LOC"} <= labels


def test_model_version_is_recorded_in_every_result():
    versions = geotext.Pipeline(plugins=["gazetteer"]).plugins.versions()
    assert versions["geotext-gazetteer-model"] == _recogniser.read_model_version()
    assert versions["geotext-gazetteer-model"].startswith("crf")


def test_people_the_data_does_not_know_become_entities_with_their_short_mentions(model_tagger):
    text = (
        "Russian Ambassador Ivan Petrov met the harbour master on Tuesday. "
        "Petrov said the talks had gone well, and Petrov's aides agreed."
    )
    found = by_id(model_tagger.tag(text))
    petrov = found["person:ivan-petrov"]
    assert petrov.kind == "person"
    assert petrov.country == "RUS"
    assert petrov.ids == {}
    assert [m.text for m in petrov.mentions] == ["Russian Ambassador", "Ivan Petrov", "Petrov", "Petrov"]


def test_a_person_found_by_the_model_alone_takes_the_country_before_the_name(model_tagger):
    found = by_id(
        model_tagger.tag("Officials said German banker Klaus Hemmerich would resign. Hemmerich declined to comment.")
    )
    person = found["person:klaus-hemmerich"]
    assert person.country == "DEU"
    assert person.attributes["recogniser_score"] > 0.5
    assert [m.form for m in person.mentions] == ["name", "short_name"]


def test_organisations_the_data_does_not_know(model_tagger):
    found = by_id(
        model_tagger.tag("Shares in Norrland Timber Holdings rose 4 percent after the company reported higher profits.")
    )
    org = found["org:norrland-timber-holdings"]
    assert org.kind == "organisation"
    assert org.mentions[0].text == "Norrland Timber Holdings"


def test_a_surname_that_is_also_a_town_is_not_a_place(model_tagger, rules_tagger):
    text = "Hassan Nasser, a spokesman for the ministry, said talks would continue."
    with_rules = by_id(rules_tagger.tag(text))
    with_model = by_id(model_tagger.tag(text))
    assert not any(e.kind == "place" and e.name == "Hassan" for e in with_model.values())
    assert "person:hassan-nasser" in with_model
    assert not any(e.id.startswith("person:") for e in with_rules.values())


def test_known_places_states_and_organisations_stay_linked(model_tagger):
    found = by_id(model_tagger.tag("Beijing urged Mongolia to join the SCO, officials in Ulaanbaatar said."))
    assert {"geonames:1816670", "iso:MNG", "igo:SCO", "geonames:2028462"} <= set(found)


def test_users_entries_always_win(tmp_path, users_entries, users_gazetteer):
    entries = tmp_path / "mine.csv"
    entries.write_text("id,kind,name,aliases,country\nplace:hassan-village,place,Hassan,,IND\n", encoding="utf-8")
    # the users' entries (conftest.py) hold this file's entry, read from JSON
    (entry,) = read_extra_entries(entries)
    assert entry in read_extra_entries(users_entries)
    found = by_id(users_gazetteer.tag("Hassan Nasser, a spokesman for the ministry, said talks would continue."))
    assert "place:hassan-village" in found


def test_rules_setting_and_bad_setting(load_gazetteer, gazetteer_cache):
    tagger = load_gazetteer(recogniser="rules")
    assert tagger.model_version is None
    _entities, decisions = tagger.explain("Hassan Nasser met Klaus Hemmerich in Paris.")
    assert decisions == []
    with pytest.raises(ConfigError, match="recogniser"):
        Gazetteer.load(cache_dir=gazetteer_cache, recogniser="neural")
    with pytest.raises(GeotextError, match="recogniser 'neural'"):
        geotext.Pipeline(plugins=["gazetteer"], config={"gazetteer": {"recogniser": "neural"}}).analyze(
            geotext.Article(text="Paris.")
        )


def test_a_broken_model_file_is_a_config_error(tmp_path, gazetteer_cache):
    (tmp_path / "broken.crfsuite").write_bytes(b"not a model")
    meta = json.loads(Path(str(_recogniser.META_FILE)).read_text(encoding="utf-8"))
    (tmp_path / "broken.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ConfigError, match="model"):
        Gazetteer.load(cache_dir=gazetteer_cache, model_path=tmp_path / "broken.crfsuite")
    (tmp_path / "old.crfsuite").write_bytes(b"")
    (tmp_path / "old.json").write_text(json.dumps(dict(meta, features_version=0)), encoding="utf-8")
    with pytest.raises(ConfigError, match="features version"):
        Gazetteer.load(cache_dir=gazetteer_cache, model_path=tmp_path / "old.crfsuite")


def test_explain_gives_every_decision_a_score(model_tagger):
    _entities, decisions = model_tagger.explain("Hassan Nasser met Klaus Hemmerich in Paris on Monday.")
    assert decisions and all(isinstance(d, RecogniserDecision) for d in decisions)
    assert all(0.0 <= d.score <= 1.0 for d in decisions)
    outcomes = {d.text: d.outcome for d in decisions}
    assert outcomes["Paris"] == "kept"
    assert outcomes["Klaus Hemmerich"].startswith("new person:")


def test_tag_command_prints_the_decisions_and_their_scores(tag_command_shares_taggers):
    result = CliRunner().invoke(gazetteer_cli, ["tag", "Klaus Hemmerich flew to Paris."])
    assert result.exit_code == 0, result.output
    assert "# recogniser decisions" in result.output
    assert "'Paris'@24\tLOC\t" in result.output
    assert "'Klaus Hemmerich'@0\tPER\t" in result.output
    rules = CliRunner().invoke(gazetteer_cli, ["tag", "--recogniser", "rules", "Klaus Hemmerich flew to Paris."])
    assert "# recogniser decisions" not in rules.output


def test_regions_join_capitalised_words_and_connectors():
    text = "Talks at the Bank of England and in Bosnia and Herzegovina's capital."
    regions = _recogniser.regions(text)
    assert [[text[s:e] for s, e in region.spans] for region in regions] == [
        ["Talks"],
        ["Bank", "of", "England"],
        ["Bosnia", "and", "Herzegovina"],
    ]
    assert all(len(items) > 5 for region in regions for items in region.items)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an abbreviated title inside a run opens a name of its own
        ("Then Tasvar Gov. Ana Ruiz spoke.", [["Then", "Tasvar"], ["Gov.", "Ana", "Ruiz"]]),
        ("and Mr. Heiden and Mr. Hodge met", [["Mr.", "Heiden"], ["Mr.", "Hodge"]]),
        # but not one title after another
        ("and Lt. Col. Ricky Thomas spoke", [["Lt.", "Col.", "Ricky", "Thomas"]]),
    ],
)
def test_regions_are_cut_before_a_title_inside_them(text, expected):
    regions = _recogniser.regions(text)
    assert [[text[s:e] for s, e in region.spans] for region in regions] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("four wickets for P. Simmons today", [["P.", "Simmons"]]),
        ("and then George W. Bush spoke", [["George", "W.", "Bush"]]),
        ("the author J.K. Rowling said", [["J.K.", "Rowling"]]),
        # a letter ending a sentence before a common opener is no initial
        ("they play in Group C. The match is today.", [["Group", "C"]]),
    ],
)
def test_regions_keep_initials_with_the_name_after_them(text, expected):
    regions = _recogniser.regions(text)
    assert [[text[s:e] for s, e in region.spans] for region in regions] == expected


def test_a_name_with_initials_is_one_person(model_tagger):
    text = "Leicestershire beat Somerset as P. Simmons took four wickets and A. Dale made 60."
    people = {e.name for e in model_tagger.tag(text) if e.kind == "person"}
    assert {"P. Simmons", "A. Dale"} <= people
    assert not people & {"P", "A", "Simmons", "Dale"}


def test_a_known_surname_inside_a_longer_name_is_someone_else(model_tagger):
    text = "Naina Yeltsin had a kidney operation, Boris Yeltsin said. President Yeltsin spoke."
    found = {e.name: [m.text for m in e.mentions] for e in model_tagger.tag(text) if e.kind == "person"}
    assert found["Naina Yeltsin"] == ["Naina Yeltsin"]
    assert found["Boris Yeltsin"] == ["Boris Yeltsin", "President", "Yeltsin"]


def test_lone_surrogates_reach_the_model_safely(model_tagger):
    text = "Klaus Hemmerich \ud800 met officials in Paris."
    entities = model_tagger.tag(text)
    for entity in entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_an_acronym_defined_twice_follows_its_latest_definition(model_tagger):
    text = (
        "The Federal Bureau of Commerce (FBC) met. The FBC said no. "
        "Later the First Baltic Company (FBC) opened. The FBC grew."
    )
    found = by_id(model_tagger.tag(text))
    first = found["org:federal-bureau-of-commerce"]
    second = found["org:first-baltic-company"]
    assert [m.start for m in first.mentions if m.form == "acronym"] == [text.index("FBC"), text.index("FBC said")]
    assert [m.start for m in second.mentions if m.form == "acronym"] == [
        text.index("FBC) opened"),
        text.index("FBC grew"),
    ]


def test_training_tool_is_deterministic(tmp_path):
    import subprocess
    import sys

    tool = Path(__file__).resolve().parents[1] / "tools" / "train_recogniser.py"
    docs = []
    for i, (person, place, org) in enumerate(
        [
            ("Anna Berg", "Oslo", "Nordic Paper Mills"),
            ("Tomas Lind", "Bergen", "Fjord Shipping Lines"),
            ("Eva Holm", "Paris", "Baltic Freight Company"),
        ]
    ):
        text = f"{person} of {org} said in {place} on Monday that {person.split()[1]} would stay ."
        entities = [
            {"start": text.index(s), "end": text.index(s) + len(s), "label": label}
            for s, label in ((person, "PER"), (org, "ORG"), (place, "LOC"))
        ]
        docs.append(json.dumps({"id": f"doc-{i}", "text": text, "entities": entities}))
    train = tmp_path / "train.jsonl"
    train.write_text("\n".join(docs * 4) + "\n", encoding="utf-8")
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run
        subprocess.run(
            [
                sys.executable,
                str(tool),
                "--train",
                str(train),
                "--dev",
                str(train),
                "--cv",
                "2",
                "--iterations",
                "20",
                "--out",
                str(out),
            ],
            check=True,
            capture_output=True,
        )
        outputs.append(((out / "recogniser.crfsuite").read_bytes(), json.loads((out / "recogniser.json").read_text())))
    assert outputs[0][0] == outputs[1][0]
    meta = outputs[0][1]
    assert meta == outputs[1][1]
    assert meta["features_version"] == _recogniser.FEATURES_VERSION
    assert {"dev", "cv", "cv_folds"} <= set(meta["scores"])
    recogniser = _recogniser.Recogniser.load(tmp_path / "a" / "recogniser.crfsuite")
    assert recogniser.version == meta["version"]


# -- datelines: the wire form on a line of its own, the web form run into the first sentence ----


def _region_texts(text, regions):
    return [" ".join(text[s:e] for s, e in region.spans) for region in regions]


def _dateline_regions(text, regions):
    return [" ".join(text[s:e] for s, e in region.spans) for region in regions if "dateline" in region.items[0]]


@pytest.mark.parametrize(
    "text, dateline",
    [
        ("KESTREL FALLS (AP) — A bridge over the river closed on Monday.", "KESTREL FALLS"),
        ("MILLBROOK, Vt. -- Volunteers repaired the library roof.", "MILLBROOK"),
        ("Headline first\nPORT ALDER - Ferries stopped running after the storm.", "PORT ALDER"),
        ("HALDEN 1996-08-22\nThe council met on Thursday .", "HALDEN"),
        ("  GRANBY—Farmers said the harvest was late.", "GRANBY"),
    ],
)
def test_a_caps_region_opening_a_line_before_a_bracket_comma_dash_or_date_is_a_dateline(text, dateline):
    assert _dateline_regions(text, _recogniser.regions(text)) == [dateline]


@pytest.mark.parametrize(
    "text",
    [
        "RUGBY UNION - WALES BEAT SCOTLAND IN CARDIFF",  # an ALL-CAPS headline, not a dateline
        "The ACME Group (AP) said profits rose.",  # not at a line start
        "Officials in GRANBY, Vt. said the road was shut.",
        "NATO said on Monday the talks would resume.",  # an acronym opening a sentence
        "Kestrel Falls (AP) — A bridge closed.",  # Title case: the model's usual features
    ],
)
def test_other_regions_are_not_datelines(text):
    assert _dateline_regions(text, _recogniser.regions(text)) == []


def test_a_caps_stretch_opening_a_line_ends_where_title_case_words_follow():
    text = "NORTH HAVEN The Latest on the county budget vote.\nSeveral ideas came up."
    regions = _recogniser.regions(text)
    assert _region_texts(text, regions)[:2] == ["NORTH HAVEN", "The Latest"]
    assert _dateline_regions(text, regions) == ["NORTH HAVEN"]


def test_one_caps_word_is_cut_off_only_where_the_gazetteer_knows_it_alone(rules_tagger):
    # "CSKA Moscow", "UEFA Cup": a name may begin with an acronym
    text = "ZORVEX Holdings said profits rose.\nTORONTO Police said the road was shut."
    regions = rules_tagger.recogniser_regions(text)
    assert _region_texts(text, regions) == ["ZORVEX Holdings", "TORONTO", "Police"]
    assert _dateline_regions(text, regions) == ["TORONTO"]
    # an abbreviation opening a name stays with it
    text = "U.S. Agriculture Department officials said so."
    assert _region_texts(text, rules_tagger.recogniser_regions(text))[0] == "U.S. Agriculture Department"
    # not at a line start: one region, as before
    text = "He said TORONTO Police were called."
    assert _region_texts(text, rules_tagger.recogniser_regions(text)) == ["TORONTO Police"]


def _training_tool():
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "tools" / "train_recogniser.py"
    spec = importlib.util.spec_from_file_location("train_recogniser_tool", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_training_rewrites_wire_datelines_in_web_forms_with_their_gold_spans():
    tool = _training_tool()
    text = "TALKS RESUME .\nNORTH HAVEN 1996-08-22\nAnna Berg of Nordic Paper Mills said so .\nEnd ."
    spans = [("NORTH HAVEN", "LOC"), ("Anna Berg", "PER"), ("Nordic Paper Mills", "ORG")]
    entities = [{"start": text.index(s), "end": text.index(s) + len(s), "label": label} for s, label in spans]
    docs = [{"id": f"d{i}", "text": text, "entities": entities} for i in range(40)]
    out = tool.web_datelines(docs, 0.5, 13)
    assert out == tool.web_datelines(docs, 0.5, 13)  # seeded
    rewritten = [doc for doc, original in zip(out, docs) if doc is not original]
    assert 5 < len(rewritten) < 35
    for doc in rewritten:
        line = doc["text"].split("\n")[1]
        assert line.startswith("NORTH HAVEN") and line.endswith("said so .") and "1996" not in line
        assert [(doc["text"][e["start"] : e["end"]], e["label"]) for e in doc["entities"]] == spans
    assert tool.web_datelines(docs, 0.0, 13) == docs


@pytest.mark.parametrize(
    "text, place",
    [
        ("DENVER (AP) — Firefighters contained a wildfire near the foothills on Sunday.", "DENVER"),
        ("SPRINGFIELD, Ill. -- Lawmakers returned to the capitol on Monday.", "SPRINGFIELD"),
        ("HOUSTON The Latest on the flooding after the storm.", "HOUSTON"),
        ("SAN DIEGO — Navy officials said the ship would return next month.", "SAN DIEGO"),
    ],
)
def test_the_shipped_model_reads_web_datelines_as_places(model_tagger, text, place):
    found = [e for e in model_tagger.tag(text) if any(m.start == 0 and m.end == len(place) for m in e.mentions)]
    assert [e.kind for e in found] == ["place"]
    # the dateline is never read into the words that follow it
    assert all(m.end <= len(place) or m.start > len(place) for e in model_tagger.tag(text) for m in e.mentions)


@pytest.mark.parametrize(
    "text, place",
    [
        # flattened web text: the dateline runs on from a byline or a caption in one line
        ("By Jane Roe. DENVER (Reuters) - Snow closed the interstate on Monday.", "DENVER"),
        ("Photo by Sam Okello/Daily. NAIROBI, Kenya – Traders reopened their stalls.", "NAIROBI"),
        ("By Ann Lee, Associated Press HOUSTON (AP) — The port reopened on Friday.", "HOUSTON"),
        ("Posted by the desk. CHICAGO, March 3 (Reuters) - Trains ran late.", "CHICAGO"),
        ("DENVER: Firefighters contained a wildfire near the foothills.", "DENVER"),
    ],
)
def test_a_dateline_inside_a_line_is_read_as_its_place(model_tagger, text, place):
    start = text.index(place)
    found = [
        e for e in model_tagger.tag(text) if any(m.start == start and m.end == start + len(place) for m in e.mentions)
    ]
    assert "place" in [e.kind for e in found]  # a capital also names its state ("NAIROBI": Kenya)
    assert not [e for e in found if e.kind in ("organisation", "person")]


@pytest.mark.parametrize(
    "text",
    [
        "He flew to DENVER on Monday.",  # no sentence end before, no dash, date or agency after
        "Sales rose. DENVER officials said so.",  # no dash, date, colon or agency after
        "The ACME Group (AP) said profits rose.",  # no sentence end, and ACME is no place
    ],
)
def test_caps_words_that_open_no_dateline_are_not_dateline_leads(text):
    from geotext_gazetteer._tagger import _caps_lines

    inline = [(lo, hi) for lo, hi in _caps_lines(text) if lo > 0]
    assert inline == []


def test_a_dateline_inside_a_line_is_an_all_caps_stretch_of_its_own():
    from geotext_gazetteer._tagger import _caps_lines

    text = "Photo by Sam Okello. NAIROBI, Kenya – Traders met.\nST. CLOUD, Minn. -- Snow fell."
    assert [text[lo:hi] for lo, hi in _caps_lines(text)] == ["NAIROBI", "ST. CLOUD"]


def test_model_attributes_read_from_the_file_are_crfsuites_own():
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(_recogniser.MODEL_FILE))
    expected = frozenset(attribute for attribute, _ in tagger.info().state_features)
    assert _recogniser.weighted_attributes(Path(str(_recogniser.MODEL_FILE))) == expected
    assert _recogniser.Recogniser.load().cache.known == expected


def test_a_file_that_is_no_crfsuite_model_is_refused(tmp_path):
    bad = tmp_path / "model.crfsuite"
    bad.write_bytes(b"lCRF" + bytes(60))
    with pytest.raises(ValueError):
        _recogniser.weighted_attributes(bad)


def test_tagging_features_are_the_training_features_the_model_weighs(model_tagger):
    """The cached per-word and per-context features give each token exactly the features
    the uncached (training) path gives it, less those the model has no weight for."""
    recogniser = _recogniser.Recogniser.load()
    known = recogniser.cache.known
    assert known
    text = (
        FIXTURE.read_text(encoding="utf-8")
        + "\n\nLONDON 1996-08-22\nSOCCER - ENGLISH LEAGUE RESULTS .\nArsenal 2 Chelsea 1\n"
        + "ALLENDALE, N.J. -- The Bank of England and Mr. O'Brien met in St. Louis on Monday.\n"
        + "Officials said the U.S. Treasury would act. Shares fell in Sao Paulo."
    )
    hits = model_tagger._scan(text)
    from geotext_gazetteer._tagger import _longest

    kept = _longest(hits)
    tagging = _recogniser.regions(text, kept, model_tagger._hit_features, recogniser.cache)
    training = _recogniser.regions(text, kept, model_tagger._hit_features)
    by_start = {region.spans[0][0]: region for region in training}
    assert len(tagging) > 10
    for region in tagging:
        other = by_start[region.spans[0][0]]
        assert region.spans == other.spans and region.gazetteer == other.gazetteer
        for mine, theirs in zip(region.items, other.items):
            assert sorted(mine) == sorted(f for f in theirs if f in known)


def test_per_word_caches_stay_bounded(monkeypatch):
    monkeypatch.setattr(_recogniser, "CACHE_WORDS", 50)
    cache = _recogniser.FeatureCache(frozenset({"w=Word7", "w-1=word7"}))
    for number in range(120):
        word = f"Word{number}"
        assert cache.word(word) == (["w=Word7"] if number == 7 else [])
        assert cache.context(word)[0] == (("w-1=word7",) if number == 7 else ())
    assert 0 < len(cache.words) <= 50 and 0 < len(cache.contexts) <= 50
    assert cache.word("Word7") == ["w=Word7"]  # emptied, then computed again


@pytest.mark.parametrize(
    ("word", "tokens"),
    [
        ("said.", ("said", ".")),
        ("Essex,", ("Essex", ",")),
        ('"We', ('"', "We")),
        ("(AP)", ("(", "AP", ")")),
        ("officials'", ("officials", "'")),
        ("Britain's,", ("Britain", "'s", ",")),
        ('Paris."', ("Paris", ".", '"')),
        ("“Today", ("“", "Today")),
        ("no.", ("no", ".")),
        ("Sens.", ("Sens.",)),
        # the training text keeps these whole
        ("U.S.", ("U.S.",)),
        ("Calif.", ("Calif.",)),
        ("Mr.", ("Mr.",)),
        ("ST.", ("ST.",)),
        ("vs.", ("vs.",)),
        ("2.", ("2.",)),
        ("'s", ("'s",)),
        ("'re", ("'re",)),
        ("...", ("...",)),
        ("-", ("-",)),
    ],
)
def test_words_are_cut_as_the_training_text_cuts_them(word, tokens):
    assert _recogniser.training_words(word) == tokens


def test_web_punctuation_gives_the_features_of_the_training_texts_tokens():
    """A region's features in running web text are those of the same text written one
    token between spaces, as the CoNLL-2003 training text is."""
    web = 'Voters met in Essex, Derbyshire and "Surrey" today. The Georgia Department said, Reuters reported.'
    training = (
        'Voters met in Essex , Derbyshire and " Surrey " today . The Georgia Department said , Reuters reported .'
    )
    web_regions, training_regions = _recogniser.regions(web), _recogniser.regions(training)
    assert [[web[s:e] for s, e in r.spans] for r in web_regions] == [
        [training[s:e] for s, e in r.spans] for r in training_regions
    ]
    assert [r.items for r in web_regions] == [r.items for r in training_regions]


@pytest.mark.parametrize(
    ("web", "training"),
    [
        # a number ending a sentence is the number and a full stop ...
        ("Talks stalled in 2019. Dorvell said so.", "Talks stalled in 2019 . Dorvell said so ."),
        ("It rose by 42. Dorvell said so.", "It rose by 42 . Dorvell said so ."),
        ("They drove along Route 35. Dorvell said so.", "They drove along Route 35 . Dorvell said so ."),
    ],
)
def test_a_number_ending_a_sentence_gives_the_training_texts_features(web, training):
    web_regions, training_regions = _recogniser.regions(web), _recogniser.regions(training)
    assert [r.items for r in web_regions] == [r.items for r in training_regions]


def test_a_number_opening_a_line_of_a_list_stays_whole():
    # as the training text writes a table: "1. Leicestershire 22 points"
    region = _recogniser.regions("Standings:\n1. Leicestershire 22 points")[-1]
    assert "w-1=1." in region.items[0] and "sstart" not in region.items[0]


def test_a_name_the_model_is_sure_of_once_keeps_that_reading_in_the_article(model_tagger):
    text = (
        "Rebels said they took Vardelsk without losses. Vardelsk, 200 km east of the capital, "
        "fell on Monday. The town of Vardelsk is now quiet."
    )
    decisions = {(d.start, d.label): d.score for d in model_tagger.explain(text)[1]}
    # the control: the model is unsure of the first two and sure of the third
    assert decisions[(text.index("Vardelsk"), "LOC")] < 0.5
    assert decisions[(text.index("Vardelsk,"), "LOC")] < 0.5
    assert decisions[(text.rindex("Vardelsk"), "LOC")] >= ONE_READING_FLOOR
    (place,) = [e for e in model_tagger.tag(text) if e.name == "Vardelsk"]
    assert place.kind == "place"
    assert [m.start for m in place.mentions] == [
        text.index("Vardelsk"),
        text.index("Vardelsk,"),
        text.rindex("Vardelsk"),
    ]


def test_a_use_taken_as_elsewhere_says_so(model_tagger):
    text = (
        "Rebels said they took Vardelsk without losses. Vardelsk, 200 km east of the capital, "
        "fell on Monday. The town of Vardelsk is now quiet."
    )
    outcomes = {d.start: d.outcome for d in model_tagger.explain(text)[1]}
    assert outcomes[text.index("Vardelsk")] == "new place:vardelsk: as elsewhere"
    assert outcomes[text.rindex("Vardelsk")] == "new place:vardelsk"


def test_a_name_the_model_is_never_sure_of_stays_skipped(model_tagger):
    text = "Quenford said on Monday the plan was fine. Most shops in Quenford stayed open."
    decisions = {d.start: (d.label, d.score) for d in model_tagger.explain(text)[1]}
    assert decisions[0][1] < 0.5  # skipped at the sentence start
    assert decisions[text.rindex("Quenford")][1] < ONE_READING_FLOOR
    (place,) = [e for e in model_tagger.tag(text) if e.name == "Quenford"]
    assert [m.start for m in place.mentions] == [text.rindex("Quenford")]


def test_road_numbers_are_no_people(model_tagger):
    text = "Motorists should use the B436, B40 and B429 while the bridge is shut."
    labels = {d.start: d.label for d in model_tagger.explain(text)[1]}
    assert labels[text.index("B40")] == "PER"  # the model's reading, which the rule overrules
    assert [e.name for e in model_tagger.tag(text) if e.kind == "person"] == []


# (found, skipped, spans a title made people) -> (start, label) of what is taken, in order;
# each found or skipped span is (start, label, score) of the name "Velm"
ONE_READING_CASES = [
    pytest.param([(0, "LOC", 0.9)], [(10, "PER", 0.4)], set(), [(0, "LOC"), (10, "LOC")], id="a skipped use is taken"),
    pytest.param([(0, "LOC", 0.9), (10, "PER", 0.6)], [], set(), [(0, "LOC"), (10, "PER")], id="taken uses stay"),
    pytest.param([(0, "PER", 0.9)], [(10, "PER", 0.3)], {0}, [(0, "PER")], id="a titled person gives no reading"),
    pytest.param([(0, "LOC", 0.85)], [(10, "MISC", 0.95)], set(), [(0, "LOC")], id="a surer skip stays skipped"),
    pytest.param([(0, "LOC", 0.7)], [(10, "LOC", 0.4)], set(), [(0, "LOC")], id="no reading sure enough"),
]


@pytest.mark.parametrize(("found", "skipped", "ruled", "taken"), ONE_READING_CASES)
def test_one_reading_of_a_name_per_article(found, skipped, ruled, taken):
    resolver = SimpleNamespace(outcomes=[], _in_list_of_places=lambda *_: set())
    spans = [(start, start + 4, label, score, "Velm") for start, label, score in found]
    unsure = [(start, start + 4, label, score, "Velm") for start, label, score in skipped]
    as_elsewhere = _Resolver._one_reading(resolver, spans, unsure, ruled, [])  # type: ignore[arg-type]
    assert [(start, label) for start, _end, label, _score, _name in spans] == taken
    assert set(as_elsewhere) == {start for start, *_ in taken} - {start for start, *_ in found}
    assert set(as_elsewhere.values()) <= {AS_ELSEWHERE}
    skipped_starts = {start for start, *_ in skipped} - set(as_elsewhere)
    assert {start for start, *_ in resolver.outcomes} == skipped_starts


@pytest.mark.parametrize(
    ("found", "taken", "outcome"),
    [
        # a use in a list of places is a place ...
        ([], [(10, "LOC")], IN_A_LIST),
        ([(0, "LOC", 0.9)], [(0, "LOC"), (10, "LOC")], IN_A_LIST),
        # ... unless the model reads the name surely as another kind elsewhere
        ([(0, "PER", 0.9)], [(0, "PER"), (10, "PER")], AS_ELSEWHERE),
    ],
)
def test_a_use_in_a_list_of_places_yields_to_a_surer_reading_elsewhere(found, taken, outcome):
    resolver = SimpleNamespace(outcomes=[], _in_list_of_places=lambda *_: {10})
    spans = [(start, start + 4, label, score, "Velm") for start, label, score in found]
    as_elsewhere = _Resolver._one_reading(resolver, spans, [(10, 14, "LOC", 0.4, "Velm")], set(), [])  # type: ignore[arg-type]
    assert [(start, label) for start, _end, label, _score, _name in spans] == taken
    assert as_elsewhere == {10: outcome}


def test_a_surer_reading_elsewhere_leaves_a_person_and_a_place_of_one_name_apart(model_tagger):
    text = (
        "Peter Callan, the new manager, arrived in Callan on Tuesday. Fans in the town of Callan "
        "cheered. Callan told reporters he was delighted."
    )
    kinds = {m.start: e.kind for e in model_tagger.tag(text) for m in e.mentions}
    assert kinds[text.index("in Callan") + 3] == kinds[text.index("of Callan") + 3] == "place"


def test_a_known_place_the_model_dropped_stays_dropped_where_it_reads_the_name_as_someone(model_tagger):
    text = "Jackson told the rally in Jackson that the plant would stay open. Jackson, who leads the union, spoke."
    places = [m.start for e in model_tagger.tag(text) if e.kind == "place" for m in e.mentions]
    assert places == [text.index("in Jackson") + 3]


def test_a_known_place_the_model_keeps_once_is_kept_and_resolved_alike_in_the_article(model_tagger):
    text = "Cirencester will get a new bridge, officials said. Traffic to Cirencester from the west was slow."
    scores = {d.start: d.score for d in model_tagger.explain(text)[1] if d.label == "LOC"}
    assert scores[0] < 0.5 <= ONE_READING_FLOOR <= scores[text.rindex("Cirencester")]  # the control
    (place,) = [e for e in model_tagger.tag(text) if e.name == "Cirencester"]
    assert place.ids.get("geonames")
    assert [m.start for m in place.mentions] == [0, text.rindex("Cirencester")]


def test_a_known_place_the_model_reads_as_a_team_stays_the_team(model_tagger):
    text = "Seattle beat Boston 5-3 on Sunday. Fans in Seattle celebrated."
    found = {e.kind: [m.start for m in e.mentions] for e in model_tagger.tag(text) if e.name == "Seattle"}
    assert found == {"organisation": [0], "place": [text.rindex("Seattle")]}


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen shelled the outskirts of Talvik overnight.",
        "Fighting spread to the suburb of Mirovac overnight.",
    ],
)
def test_a_name_after_a_settlements_noun_and_of_is_a_place(model_tagger, monkeypatch, text):
    from geotext_gazetteer import _tagger

    name = text.split(" of ")[1].split()[0].rstrip(",")
    kinds = {e.name: e.kind for e in model_tagger.tag(text)}
    assert kinds.get(name) == "place"
    monkeypatch.setattr(_tagger, "_SETTLEMENT_OF", re.compile(r"(?!)"))  # the control: the model alone
    assert {e.name: e.kind for e in model_tagger.tag(text)}.get(name) != "place"


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Police sealed the outskirts of Trump's golf resort.", "Trump", "person"),  # owns what follows
        ("A region of Kurdish villages voted on Sunday.", "Kurdish", None),  # an adjective
        ("Fans of Manchester City of the Premier League cheered.", "Premier League", None),  # "City", a name's
    ],
)
def test_a_name_after_a_settlements_noun_that_is_no_place_stays_what_it_was(model_tagger, text, name, kind):
    assert {e.name: e.kind for e in model_tagger.tag(text)}.get(name) == kind
