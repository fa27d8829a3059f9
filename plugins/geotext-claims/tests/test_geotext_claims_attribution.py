"""The learned attribution model: the shipped model, its merge with the rules, its training."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geotext import Article, Entity, Mention
from geotext.exceptions import ConfigError
from geotext_claims import CameoTable, ClaimExtractor, hooks
from geotext_claims._attribution_claims import (
    CONFIDENCE,
    REFINE,
    UNRESOLVED_CONFIDENCE,
    LearnedAttributions,
    resolve_pronoun,
)
from geotext_claims._attribution_model import (
    TOKEN,
    AttributionModel,
    Featuriser,
    LearnedAttribution,
    attribution_model_version,
    pair,
    quote_state,
    spans_of,
    token_spans,
)
from geotext_claims._extraction.records import Draft, EvidenceSpan, Pos
from geotext_claims._lexicon import Lexicon

TOOLS = Path(__file__).resolve().parent.parent / "tools"

# hand-written sentences (no evaluation data) and the attributions the shipped model reads in them
FIXTURE = (
    "Republicans mocked the plan on Tuesday.\n\n"
    "“We will win this state,” the senator told reporters.\n\n"
    "Many voters don’t like either candidate, according to a new poll.\n\n"
    "The weather was fine and the markets rose."
)


@pytest.fixture(scope="module")
def model() -> AttributionModel:
    return AttributionModel()


def _read(text: str, found: list) -> list[tuple[str | None, str, str | None]]:
    def show(span: tuple[int, int] | None) -> str | None:
        return None if span is None else text[span[0] : span[1]]

    return [(show(a.source), show(a.cue), show(a.content)) for a in found]


def test_the_shipped_model_loads_with_its_metadata(model: AttributionModel) -> None:
    assert model.version == attribution_model_version() == model.meta["version"]
    assert model.meta["training_data"]["articles"] == 840
    assert {"source", "cue", "content", "triple"} <= set(model.meta["cross_validation"]["scores"])
    shipped = Path(__file__).resolve().parent.parent / "src" / "geotext_claims" / "data" / "attribution.crfsuite"
    assert hashlib.sha256(shipped.read_bytes()).hexdigest() == model.meta["model_sha256"]


def test_the_shipped_model_records_its_features_gate_and_source_sides(model: AttributionModel) -> None:
    assert model.meta["features"] == {"bigrams": True} and model.featuriser.bigrams
    # the gate tags most sentences of political news but keeps nearly every gold cue
    gate = model.meta["gate"]["train"]
    assert gate["gold_cues"] >= 0.95 and gate["sentences"] <= 0.9
    assert set(model.meta["gate"]["dev"]) == {"sentences", "words", "gold_cues"}
    assert "according" in model.source_after and "said" not in model.source_after
    assert model.meta["version"] == "polnear-crf-3"


def test_the_shipped_model_reads_the_fixture_as_recorded(model: AttributionModel) -> None:
    found = model.attributions(FIXTURE, Lexicon().scan(FIXTURE.lower())[0])
    assert _read(FIXTURE, found) == RECORDED


RECORDED = [
    ("Republicans", "mocked", "the plan on Tuesday"),
    ("the senator", "told", "“We will win this state,”"),
    # "according" takes its source after it (learned from training); this model reads the
    # sentence as one attribution to the poll and leaves its first half untagged
    ("a new poll", "according to", None),
]


def test_labels_become_spans_and_cues_pair_with_the_nearest_parts() -> None:
    tokens = [(0, 2), (3, 7), (8, 12), (13, 15), (16, 20)]
    found = spans_of(["B-SRC", "B-CUE", "B-CON", "I-CON", "O"], tokens)
    assert found == {"SRC": [(0, 2)], "CUE": [(3, 7)], "CON": [(8, 15)]}
    assert pair(found) == [((0, 2), (3, 7), (8, 15))]
    # an I- label after another role opens a span of its own
    assert spans_of(["I-CUE", "I-CON"], tokens[:2]) == {"SRC": [], "CUE": [(0, 2)], "CON": [(3, 7)]}


def test_quote_state_follows_marks_opened_earlier_in_the_paragraph() -> None:
    text = "“We won. We"
    tokens = [(8, 10)]
    assert quote_state(text, 0, tokens) == [True]
    assert quote_state("No marks here", 0, [(0, 2)]) == [False]


def test_features_are_the_same_for_the_same_words() -> None:
    featuriser = Featuriser(["said"])
    rows = featuriser.features(["Li", "said", "so"], ["", "speech", None], [False] * 3)
    assert "w=said" in rows[1] and "lx=speech" in rows[1] and "w-1=li" in rows[1] and "dl=1" in rows[2]
    assert rows == featuriser.features(["Li", "said", "so"], ["", "speech", None], [False] * 3)


def _reference_features(words: list[str], roles: list[str | None], quoted: list[bool]) -> list[set[str]]:
    """The features word by word, written plainly: what the column-wise featuriser must give."""

    def bucket(gap: int) -> str:
        return str(gap) if gap <= 3 else "4-6" if gap <= 6 else "7-12" if gap <= 12 else "far"

    def shape(word: str) -> str:
        out: list[str] = []
        for char in word[:6]:
            kind = "X" if char.isupper() else "x" if char.isalpha() else "d" if char.isdigit() else char
            if not out or out[-1] != kind:
                out.append(kind)
        return "".join(out)

    heads = [i for i, role in enumerate(roles) if role and role != "in"]
    rows = []
    for i, word in enumerate(words):
        low = word.lower()
        row = {"b", "w=" + low, "s3=" + low[-3:], "sh=" + shape(word)}
        row.add("w-1=" + words[i - 1].lower() if i else "BOS")
        row.add("w+1=" + words[i + 1].lower() if i + 1 < len(words) else "EOS")
        if roles[i]:
            row.add("lx=" + roles[i])
        if i and roles[i - 1]:
            row.add("lx-1=" + roles[i - 1])
        if i + 1 < len(words) and roles[i + 1]:
            row.add("lx+1=" + roles[i + 1])
        if quoted[i]:
            row.add("q")
        left = [h for h in heads if h < i]
        right = [h for h in heads if h > i]
        if left:
            row.add("dl=" + bucket(i - left[-1]))
        if right and i not in heads:
            row.add("dr=" + bucket(right[0] - i))
        rows.append(row)
    return rows


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Li", "said", "the", "“", "Plan", "2024", "—", "x"]),
            st.sampled_from([None, None, None, "speech", "frame", "action", "in"]),
            st.booleans(),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_the_column_wise_features_are_those_of_each_word(sentence: list[tuple[str, str | None, bool]]) -> None:
    words = [w for w, _, _ in sentence]
    roles = [r for _, r, _ in sentence]
    quoted = [q for _, _, q in sentence]
    rows = Featuriser(["said"]).features(words, roles, quoted)
    got = [set(row) for row in rows]
    assert got == _reference_features(words, roles, quoted)
    assert all(len(row) == len(set(row)) for row in rows)  # no feature twice
    # with bigrams: the same, and each word's pairs with its neighbours
    rows = Featuriser(["said"], bigrams=True).features(words, roles, quoted)
    low = [w.lower() for w in words]
    for i, row in enumerate(rows):
        pairs = {f"b-1={low[i - 1]}|{low[i]}"} if i else set()
        if i + 1 < len(words):
            pairs.add(f"b+1={low[i]}|{low[i + 1]}")
        assert set(row) == got[i] | pairs
    # the features in the order the model sums their weights (so that its scores, and its
    # ties, stay the same), and the tagger's bytes the same features encoded
    assert all(_in_model_order(row) for row in rows)
    encoded = Featuriser(["said"], bigrams=True, encoded=True).features(words, roles, quoted)
    assert encoded == [tuple(feature.encode() for feature in row) for row in rows]


_ORDER = ("b", "w=", "s3=", "sh=", "w-1=", "w+1=", "b-1=", "b+1=", "lx=", "lx-1=", "lx+1=", "q", "dl=", "dr=")


def _in_model_order(row: tuple[str, ...]) -> bool:
    def rank(feature: str) -> int:
        if feature in ("b", "q", "BOS", "EOS"):
            return {"b": 0, "q": 11, "BOS": 4, "EOS": 5}[feature]
        return _ORDER.index(feature[: feature.index("=") + 1])

    ranks = [rank(feature) for feature in row]
    return ranks == sorted(ranks)


def _reference_quote_state(text: str, paragraph_start: int, tokens: list[tuple[int, int]]) -> list[bool]:
    """Whether each word is inside quotation marks, read word by word."""
    before = text[paragraph_start : tokens[0][0]] if tokens else ""
    inside = before.count('"') % 2 == 1 or before.count("“") > before.count("”")
    state = []
    for start, end in tokens:
        state.append(inside)
        char = text[start] if end - start == 1 else ""
        if char == "“":
            inside = True
        elif char == "”":
            inside = False
        elif char == '"':
            inside = not inside
    return state


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='ab “”".', max_size=30), st.data())
def test_quote_state_is_that_of_each_word_read_in_turn(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    paragraph_start = data.draw(st.integers(0, start))
    tokens = [m.span() for m in TOKEN.finditer(text, start)]
    assert quote_state(text, paragraph_start, tokens) == _reference_quote_state(text, paragraph_start, tokens)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab’'\u0307İ1_-. \t\n\u00a0“”", max_size=40), st.data())
def test_token_spans_are_those_of_the_token_matches(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    words = TOKEN.findall(text, start, end)
    assert token_spans(text, start, words) == [m.span() for m in TOKEN.finditer(text, start, end)]


def test_spans_of_reads_nothing_in_a_sentence_of_outside_labels() -> None:
    assert spans_of(["O", "O"], [(0, 2), (3, 5)]) == {"SRC": [], "CUE": [], "CON": []}
    assert spans_of(["O", "B-CUE", "I-CUE", "O", "B-CON"], [(0, 1), (2, 3), (4, 5), (6, 7), (8, 9)]) == {
        "SRC": [],
        "CUE": [(2, 5)],
        "CON": [(8, 9)],
    }


def test_the_shipped_model_reads_bytes() -> None:
    model = AttributionModel()
    assert model.featuriser.encoded
    text = "Li said the plan would work."
    tokens, rows = model.featuriser.sentence(text, [], 0, 0, len(text)) or ([], [])
    plain = Featuriser(model.meta["cue_words"], **model.meta["features"]).sentence(text, [], 0, 0, len(text))
    assert plain is not None and tokens == plain[0]
    assert rows == [tuple(feature.encode() for feature in row) for row in plain[1]]
    assert model.tagger.tag(rows) == model.tagger.tag(plain[1])


def test_a_sentence_with_no_cue_word_no_lexicon_cue_and_no_quotation_mark_is_not_tagged() -> None:
    featuriser = Featuriser(["said"])
    text = "The weather was fine. Li said so. “Fine.”"
    assert featuriser.sentence(text, [], 0, 0, 21) is None
    assert featuriser.sentence(text, [], 0, 22, 33) is not None  # a learned cue word
    assert featuriser.sentence(text, [], 0, 34, len(text)) is not None  # a quotation mark


def test_the_source_of_a_cue_learned_to_come_first_is_taken_after_it() -> None:
    text = "Li and Wu agree, according to Zhou."
    found = {"SRC": [(0, 9), (30, 34)], "CUE": [(17, 29)], "CON": [(0, 15)]}
    assert pair(found) == [((0, 9), (17, 29), (0, 15))]  # nearest before, when nothing is learned
    assert pair(found, text, frozenset({"according"})) == [((30, 34), (17, 29), (0, 15))]


# -- merged with the rules ----------------------------------------------------------------------


def _entities(text: str, names: dict[str, str]) -> list[Entity]:
    out = []
    for name, entity_id in names.items():
        start = text.index(name)
        out.append(
            Entity(
                id=entity_id,
                kind="person" if entity_id.startswith("person:") else "state",
                name=name,
                mentions=[Mention(start=start, end=start + len(name), text=name)],
            )
        )
    return out


def test_a_learned_attribution_is_a_claim_where_no_rule_reads_the_words() -> None:
    text = "Many voters don’t like the plan. Li Qiang said the talks were over."
    entities = _entities(text, {"Li Qiang": "person:li-qiang"})
    learned = ClaimExtractor().extract(Article(text=text), entities)
    rules = ClaimExtractor(learned=False).extract(Article(text=text), entities)
    # the rule claim stays as the rules made it, and is not found a second time
    assert [c for c in learned if c.cue == "said"] == [c for c in rules if c.cue == "said"]
    cues = [(c.cue_span.start, c.cue_span.end) for c in learned if c.cue_span is not None]
    assert len(cues) == len(set(cues))
    assert not [c for c in rules if c.cue and "like" in c.cue]
    (claim,) = (c for c in learned if c.cue == "don’t like")
    assert text[claim.speaker_span.start : claim.speaker_span.end] == "Many voters"
    assert text[claim.content.start : claim.content.end] == "the plan"
    assert claim.speaker is None and claim.sources == () and claim.predicate == "says"  # no tagged entity
    assert claim.cue_lemma == "don’t like" and claim.cameo is None  # a stance the lexicon does not code
    assert claim.confidence == 0.5 and claim.modality == "asserted"


class _Slot(NamedTuple):
    start: int
    end: int
    actors: tuple[str, ...]
    speaker: str
    person: bool = True


def test_a_learned_claim_takes_the_entity_of_its_source_and_the_lexicon_code_of_its_cue() -> None:
    text = "Li Qiang said the talks were over."
    lexicon = Lexicon()
    learned = LearnedAttributions(lexicon, CameoTable())
    slot = _Slot(0, 8, ("iso:CHN",), "person:li-qiang")
    cues = lexicon.scan(text.lower())[0]
    ((source, cue, content, speaker_span, evidence, fields),) = learned.drafts(
        text, cues, [(0, 0, len(text))], [slot], []
    )
    assert (source, cue, content, speaker_span) == ((0, 8), (9, 13), (14, 33), (0, 8))
    assert evidence == [(0, 33, 0, len(text))]
    assert fields["speaker"] == "person:li-qiang" and fields["sources"] == ("iso:CHN",)
    assert (fields["cue_lemma"], fields["cameo"]) == ("say", "010")
    assert (fields["plover"], fields["quad_class"]) == (
        CameoTable().get("010").plover,
        CameoTable().get("010").quad_class,
    )
    # a rule claim over the cue keeps the learned one out
    assert learned.drafts(text, cues, [(0, 0, len(text))], [slot], [(9, 13)]) == []


def test_a_pronoun_source_is_resolved_to_the_actor_it_stands_for() -> None:
    text = "Li Qiang met Chinese diplomats. Later he said China, which backs the deal, was ready."
    li = _Slot(0, 8, ("iso:CHN",), "person:li-qiang")
    china = _Slot(text.index("China,"), text.index("China,") + 5, ("iso:CHN",), "iso:CHN", person=False)
    slots = [li, china]
    starts = [s.start for s in slots]
    he = text.index("he said")
    assert resolve_pronoun(text, "he", he, slots, starts, 0) == li
    assert resolve_pronoun(text, "he", he, slots, starts, he - 5) is None  # before the window
    assert resolve_pronoun(text, "which", text.index("which"), slots, starts, 0) == china
    # "they" takes the last actor of any kind; a relative pronoun only the one right before it
    assert resolve_pronoun(text, "they", len(text), slots, starts, 0) == china
    assert resolve_pronoun(text, "who", text.index("Later"), slots, starts, 0) is None
    assert resolve_pronoun(text, "these", he, slots, starts, 0) is None


def test_a_learned_claim_with_a_pronoun_source_takes_its_actor_or_is_marked_unresolved() -> None:
    lexicon = Lexicon()
    learned = LearnedAttributions(lexicon, CameoTable())
    text = "Li Qiang arrived on Monday.\n\nHe said the talks were over."
    li = _Slot(0, 8, ("iso:CHN",), "person:li-qiang")
    sentences = [(0, 0, 27), (29, 29, len(text))]
    cues = lexicon.scan(text.lower())[0]
    ((source, _cue, _content, speaker_span, _evidence, fields),) = learned.drafts(text, cues, sentences, [li], [])
    assert text[source[0] : source[1]] == "He" and speaker_span == source  # the source as written
    assert fields["speaker"] == "person:li-qiang" and fields["sources"] == ("iso:CHN",)
    assert fields["confidence"] == CONFIDENCE
    # no person named before it: kept as written, with a lower confidence
    ((*_, fields),) = learned.drafts(text, cues, sentences, [], [])
    assert fields["speaker"] is None and fields["sources"] == () and fields["confidence"] == UNRESOLVED_CONFIDENCE


def test_learned_is_a_setting_and_its_version_is_recorded() -> None:
    assert "geotext-claims-attribution" in hooks.geotext_data_versions()
    assert hooks.geotext_data_versions()["geotext-claims-attribution"] == attribution_model_version()
    assert hooks.get_extractor({"learned": False}).learned is None
    assert hooks.get_extractor({}).learned is not None
    with pytest.raises(ConfigError, match="learned"):
        hooks.get_extractor({"learned": "yes"})
    assert "attribution" in ClaimExtractor().version
    assert "attribution" not in ClaimExtractor(learned=False).version


# -- training ---------------------------------------------------------------------------------


def _article(number: int) -> dict:
    text = f"Senator Number{number} said the bill would pass. Voters mocked the plan{number}. The markets rose."

    def span(part: str) -> dict:
        start = text.index(part)
        return {"start": start, "end": start + len(part), "text": part}

    return {
        "id": f"a{number:02d}",
        "text": text,
        "attributions": [
            {
                "source": [span(f"Senator Number{number}")],
                "cue": [span("said")],
                "content": [span("the bill would pass")],
            },
            {"source": [span("Voters")], "cue": [span("mocked")], "content": [span(f"the plan{number}")]},
        ],
    }


def _load_tool():
    spec = importlib.util.spec_from_file_location("train_attribution", TOOLS / "train_attribution.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_attribution"] = module
    spec.loader.exec_module(module)
    return module


def test_training_is_deterministic_and_the_model_reads_what_it_learned(tmp_path: Path) -> None:
    tool = _load_tool()
    train = tmp_path / "train.jsonl"
    train.write_text("".join(json.dumps(_article(n)) + "\n" for n in range(8)), encoding="utf-8")
    dev = tmp_path / "dev.jsonl"
    dev.write_text(json.dumps(_article(99)) + "\n", encoding="utf-8")
    digests = []
    for run in ("one", "two"):
        out = tmp_path / run
        assert tool.main(["--train", str(train), "--dev", str(dev), "--folds", "2", "--out", str(out)]) == 0
        digests.append(hashlib.sha256((out / "attribution.crfsuite").read_bytes()).hexdigest())
    assert digests[0] == digests[1]
    meta = json.loads((tmp_path / "one" / "attribution.json").read_text(encoding="utf-8"))
    assert meta["model_sha256"] == digests[0] and meta["cross_validation"]["folds"] == 2
    assert meta["dev"]["triple"]["f1"] == 1.0
    trained = AttributionModel(str(tmp_path / "one" / "attribution.crfsuite"))
    text = _article(99)["text"]
    found = trained.attributions(text, Lexicon().scan(text.lower())[0])
    assert ("Voters", "mocked", "the plan99") in _read(text, found)


def test_evaluate_only_records_the_cross_validation_and_leaves_the_model_as_it_is(tmp_path: Path) -> None:
    tool = _load_tool()
    train = tmp_path / "train.jsonl"
    train.write_text("".join(json.dumps(_article(n)) + "\n" for n in range(8)), encoding="utf-8")
    out = tmp_path / "model"
    base = ["--train", str(train), "--dev", str(tmp_path / "none.jsonl"), "--out", str(out)]
    assert tool.main([*base, "--folds", "0"]) == 0
    model = (out / "attribution.crfsuite").read_bytes()
    meta = json.loads((out / "attribution.json").read_text(encoding="utf-8"))
    assert "cross_validation" not in meta
    assert tool.main([*base, "--folds", "2", "--evaluate-only"]) == 0
    assert (out / "attribution.crfsuite").read_bytes() == model
    recorded = json.loads((out / "attribution.json").read_text(encoding="utf-8"))
    cross_validation = recorded.pop("cross_validation")
    assert recorded == meta
    assert cross_validation["folds"] == 2 and cross_validation["cues_lexicon"] == Lexicon().version
    assert set(cross_validation["scores"]) == {"source", "cue", "content", "triple"}
    # another model's settings, or a model file its metadata does not name: refused
    (out / "attribution.json").write_text(
        json.dumps({**meta, "params": {**meta["params"], "c1": 9.0}}), encoding="utf-8"
    )
    with pytest.raises(SystemExit, match="other settings: params"):
        tool.main([*base, "--folds", "2", "--evaluate-only"])
    (out / "attribution.json").write_text(json.dumps({**meta, "model_sha256": "0" * 64}), encoding="utf-8")
    with pytest.raises(SystemExit, match="model_sha256"):
        tool.main([*base, "--folds", "2", "--evaluate-only"])
    assert (out / "attribution.crfsuite").read_bytes() == model


# -- the rules' claims refined by the model ---------------------------------------------------


def _draft(text: str, cue: str, source: str | None, content: str | None, **fields: object) -> Draft:
    def pos(part: str | None) -> Pos | None:
        if part is None:
            return None
        start = text.index(part)
        return Pos(start, start + len(part))

    values = {"speaker": None, "sources": (), "targets": (), "predicate": None, **fields}
    cue_pos = pos(cue)
    assert cue_pos is not None
    return Draft(pos(source), cue_pos, pos(content), pos(source), [EvidenceSpan(0, len(text), 0, len(text))], values)


def _reading(text: str, source: str | None, cue: str, content: str | None) -> LearnedAttribution:
    def span(part: str | None) -> tuple[int, int] | None:
        if part is None:
            return None
        start = text.index(part)
        return (start, start + len(part))

    cue_span = span(cue)
    assert cue_span is not None
    return LearnedAttribution(source=span(source), cue=cue_span, content=span(content), sentence=(0, len(text)))


def _refine(text: str, drafts: list[Draft], readings: list[LearnedAttribution], slots: list[_Slot]) -> None:
    lexicon = Lexicon()
    learned = LearnedAttributions(lexicon, CameoTable())
    learned.refine(text, lexicon.scan(text.lower())[0], slots, drafts, readings, lambda start: 0)


def test_a_rule_claim_with_no_source_takes_the_models_source_and_its_entity() -> None:
    text = "The talks were over, Li Qiang said on Monday, and Mongolia agreed."
    li = _Slot(text.index("Li"), text.index("Li") + 8, ("iso:CHN",), "person:li-qiang")
    said = _draft(text, "said", None, None, sources=("iso:CHN",))
    _refine(text, [said], [_reading(text, "Li Qiang", "said", "The talks were over")], [li])
    assert _show(text, said.speaker_span) == _show(text, said.source) == "Li Qiang"
    assert said.fields["speaker"] == "person:li-qiang" and _show(text, said.content) == "The talks were over"
    # an event the article tells keeps the article's voice
    text = "Russia attacked Mongolia on Monday."
    attacked = _draft(text, "attacked", None, None, sources=("iso:RUS",))
    _refine(text, [attacked], [_reading(text, "Russia", "attacked", "Mongolia")], [])
    assert attacked.speaker_span is None and attacked.fields["speaker"] is None


def test_a_rule_source_the_model_reads_elsewhere_is_replaced_but_not_an_agent_or_apposition() -> None:
    text = "Officials in the city of Ulaanbaatar, where the mayor works, said the port was open."
    said = _draft(text, "said", "the mayor", "the port was open", speaker="person:mayor")
    _refine(text, [said], [_reading(text, "Officials", "said", "the port was open")], [])
    assert _show(text, said.speaker_span) == "Officials" and said.fields["speaker"] is None
    # the agent of a passive, a source after its cue, and an apposition stay the rules'
    for text, rule, model in (
        ("China was criticized by Iran.", "Iran", "China"),
        ("The port is open, said Mr. Barrow, the lawyer for the port.", "Mr. Barrow", "The port"),
        ("Li Qiang, the premier, said Mongolia was a friend.", "Li Qiang", "the premier"),
    ):
        cue = "criticized" if "criticized" in text else "said"
        draft = _draft(text, cue, rule, None)
        _refine(text, [draft], [_reading(text, model, cue, None)], [])
        assert _show(text, draft.speaker_span) == rule


def test_a_rule_content_the_model_reads_elsewhere_after_the_cue_is_replaced() -> None:
    text = "Li said on Monday that the port was open."
    said = _draft(text, "said", "Li", "on Monday")
    _refine(text, [said], [_reading(text, "Li", "said", "the port was open")], [])
    assert _show(text, said.content) == "the port was open"
    # a quotation before its cue stays the rules' content
    text = "“The road is closed,” the mayor said, adding that repairs would take days."
    said = _draft(text, "said", "the mayor", "“The road is closed")
    _refine(text, [said], [_reading(text, "the mayor", "said", "that repairs would take days")], [])
    assert _show(text, said.content) == "“The road is closed"


def test_a_learned_claim_beside_rule_claims_in_a_sentence_carries_no_code() -> None:
    text = "Li Qiang said the talks were over and stressed that the deal stood."
    lexicon = Lexicon()
    learned = LearnedAttributions(lexicon, CameoTable())
    slot = _Slot(0, 8, ("iso:CHN",), "person:li-qiang")
    cues = lexicon.scan(text.lower())[0]
    sentences = [(0, 0, len(text))]
    alone = learned.drafts(text, cues, sentences, [slot], [])
    assert ("stressed", "010") in [(d[5]["cue"], d[5]["cameo"]) for d in alone]
    # the model reads a sentence of rule claims where one has no source or no content
    said = _draft(text, "said", None, "the talks were over", speaker="person:li-qiang")
    beside = learned.drafts(text, cues, sentences, [slot], [(9, 13)], [said])
    assert [(d[5]["cue"], d[5]["cameo"]) for d in beside] == [("stressed", None)]
    assert _show(text, said.speaker_span) == "Li Qiang"
    # and one whose rule claims are complete where it holds a speech cue no rule claim reads
    said = _draft(text, "said", "Li Qiang", "the talks were over", speaker="person:li-qiang")
    beside = learned.drafts(text, cues, sentences, [slot], [(9, 13)], [said])
    assert [(d[5]["cue"], d[5]["cameo"]) for d in beside] == [("stressed", None)]
    # but not one whose rule claims are complete and read every speech cue
    stressed = _draft(text, "stressed", "Li Qiang", "the deal stood", speaker="person:li-qiang")
    read = [(9, 13), (text.index("stressed"), text.index("stressed") + 8)]
    assert learned.drafts(text, cues, sentences, [slot], read, [said, stressed]) == []
    # nor one whose unread speech cue lies in a rule claim's content (a nested statement)
    text = "Li Qiang said Mongolia stressed that the deal stood."
    cues = lexicon.scan(text.lower())[0]
    assert "stressed" in [d[5]["cue"] for d in learned.drafts(text, cues, [(0, 0, len(text))], [slot], [])]
    said = _draft(text, "said", "Li Qiang", "Mongolia stressed that the deal stood", speaker="person:li-qiang")
    assert learned.drafts(text, cues, [(0, 0, len(text))], [slot], [(9, 13)], [said]) == []
    # nor one whose unread cue is no speech cue (a frame: "promised")
    text = "Li Qiang said the talks were over and promised that the deal stood."
    cues = lexicon.scan(text.lower())[0]
    said = _draft(text, "said", "Li Qiang", "the talks were over", speaker="person:li-qiang")
    assert "promised" in [d[5]["cue"] for d in learned.drafts(text, cues, [(0, 0, len(text))], [slot], [])]
    assert learned.drafts(text, cues, [(0, 0, len(text))], [slot], [(9, 13)], [said]) == []
    # nor, without the speech cue gate, one whose rule claims are complete
    text = "Li Qiang said the talks were over and stressed that the deal stood."
    cues = lexicon.scan(text.lower())[0]
    said = _draft(text, "said", "Li Qiang", "the talks were over", speaker="person:li-qiang")
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(REFINE, "unread_speech_cues", False)
        assert learned.drafts(text, cues, sentences, [slot], [(9, 13)], [said]) == []


def _show(text: str, span: tuple[int, int] | None) -> str | None:
    return None if span is None else text[span[0] : span[1]]
