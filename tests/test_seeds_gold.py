"""The seed corpus and its hand-made gold annotations (seeds/README.md states the rules)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import geotext

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
CAMEO2PLOVER = ROOT.parent / "shared" / "eval" / "plover-gsr" / "cameo2plover.jsonl"
CAMEO_TABLE = json.loads(
    (ROOT / "plugins" / "geotext-claims" / "src" / "geotext_claims" / "data" / "cameo_plover.json").read_text(
        encoding="utf-8"
    )
)["codes"]

SEED_NAMES = sorted(path.stem for path in SEEDS.glob("*.txt"))
_BLOCK = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")  # a maximal run of non-blank lines
_BOILERPLATE = re.compile(r"^(?:Photo Source: (?P<credit>\S.*)|Related Articles)$")


def presented(raw: str) -> tuple[str, dict]:
    """Return the text and metadata the text parser presents for a seed file."""
    blocks = [match.span() for match in _BLOCK.finditer(raw)]
    cuts, removed, credit = [], [], None
    previous_end = None
    for index, (start, end) in enumerate(blocks):
        lines = [line.strip() for line in raw[start:end].split("\n")]
        matches = [_BOILERPLATE.match(line) for line in lines]
        if not all(matches):
            previous_end = end
            continue
        removed.extend(lines)
        credit = next((m["credit"] for m in matches if m["credit"]), credit)
        if previous_end is None:  # a first block takes the blank lines after it
            cuts.append((start, blocks[index + 1][0] if index + 1 < len(blocks) else len(raw)))
        else:
            cuts.append((previous_end, end))
    text = raw
    for start, end in reversed(cuts):
        text = text[:start] + text[end:]
    metadata: dict = {}
    if removed:
        metadata["boilerplate"] = removed
    if credit:
        metadata["photo_source"] = credit
    return text, metadata


def load(name: str) -> tuple[dict, geotext.Analysis]:
    data = json.loads((SEEDS / f"{name}.gold.json").read_text(encoding="utf-8"))
    return data, geotext.Analysis.from_dict(data)


@pytest.fixture(params=SEED_NAMES)
def gold(request):
    name = request.param
    data, analysis = load(name)
    return name, data, analysis


def test_the_corpus_has_both_seeds_each_with_gold():
    assert SEED_NAMES == ["000_4b955e8c8ca90717", "002_6d7e0bee2b7aea2c"]
    for name in SEED_NAMES:
        assert (SEEDS / f"{name}.gold.json").is_file()
    assert sorted(p.name.removesuffix(".gold.json") for p in SEEDS.glob("*.gold.json")) == SEED_NAMES


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared/seeds is not present")
def test_seed_copies_equal_the_originals():
    originals = sorted(SHARED_SEEDS.glob("*.txt"))
    assert [p.stem for p in originals] == SEED_NAMES
    for original in originals:
        assert (SEEDS / original.name).read_bytes() == original.read_bytes(), original.name


def test_gold_is_canonical_serialized_output(gold):
    _name, data, analysis = gold
    assert data["schema"] == geotext.SCHEMA
    assert analysis.to_dict() == data  # written through to_dict, so it reads back unchanged


def test_gold_validates_against_the_published_json_schema(gold):
    jsonschema = pytest.importorskip("jsonschema")
    _name, data, _analysis = gold
    schema = json.loads(Path(geotext.schema_path()).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)


def test_article_is_the_seed_as_the_text_parser_presents_it(gold):
    name, _data, analysis = gold
    article = analysis.article
    raw = (SEEDS / f"{name}.txt").read_bytes().decode("utf-8")
    text, metadata = presented(raw)
    assert article.text == text
    assert article.metadata == metadata
    assert article.id == name
    assert article.title == text.split("\n", 1)[0]
    assert [(p.start, p.end) for p in article.paragraphs] == [m.span() for m in _BLOCK.finditer(text)]
    assert article.provenance == geotext.Provenance(source=f"seeds/{name}.txt", parser="text", encoding="utf-8")
    for line in metadata.get("boilerplate", []):
        assert line not in article.text


def test_boilerplate_rule_on_002():
    raw = (SEEDS / "002_6d7e0bee2b7aea2c.txt").read_text(encoding="utf-8")
    text, metadata = presented(raw)
    assert metadata == {"boilerplate": ["Photo Source: adeex.in", "Related Articles"], "photo_source": "adeex.in"}
    assert "in Bishkek.\n\nIn response," in text
    assert text.endswith("(NATO).")
    assert text == raw.replace("\n\nPhoto Source: adeex.in", "").replace("\n\nRelated Articles", "")


def test_every_mention_matches_the_text(gold):
    _name, data, analysis = gold
    text = analysis.article.text
    count = 0
    for entity in data["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"], (entity["id"], mention)
            assert mention["form"] in geotext.MENTION_FORMS
            count += 1
    assert count >= 30


def test_mentions_of_one_entity_do_not_overlap(gold):
    _name, _data, analysis = gold
    for entity in analysis.entities:
        for before, after in zip(entity.mentions, entity.mentions[1:]):
            assert before.end <= after.start, (entity.id, before, after)


def test_entity_ids_follow_the_conventions(gold):
    _name, _data, analysis = gold
    for entity in analysis.entities:
        namespace, _, key = entity.id.partition(":")
        if namespace == "iso":
            assert entity.kind == "state" and entity.ids["iso3"] == key and entity.coordinates
            assert {"iso2", "iso3", "geonames", "wikidata"} <= set(entity.ids)
        elif namespace == "geonames":
            assert entity.kind == "place" and entity.ids["geonames"] == key
            assert entity.coordinates and entity.country
        elif namespace == "igo":
            assert entity.kind == "organisation" and key.isupper()
        elif namespace in ("person", "office"):
            assert entity.kind == "person" and entity.country and entity.office
            if namespace == "office":
                assert key.startswith(f"{entity.country}:")
        elif namespace == "initiative":
            assert entity.kind == "initiative"
        else:
            pytest.fail(f"unexpected namespace in {entity.id}")


def test_capital_metonyms_carry_both_readings(gold):
    _name, _data, analysis = gold
    places = {
        (mention.start, mention.end): entity
        for entity in analysis.entities_of_kind("place")
        for mention in entity.mentions
        if mention.form == "name"
    }
    capitals = [
        (mention, entity)
        for entity in analysis.entities_of_kind("state")
        for mention in entity.mentions
        if mention.form == "capital"
    ]
    for mention, state in capitals:
        place = places.get((mention.start, mention.end))
        assert place is not None, f"{mention.text} at {mention.start} has no place reading"
        assert place.country == state.ids["iso3"]


def test_capital_metonyms_of_000():
    _, analysis = load("000_4b955e8c8ca90717")
    text = analysis.article.text
    for word, context, place_id, state_id in [
        ("Beijing", "Beijing expressed", "geonames:1816670", "iso:CHN"),
        ("Beijing", "emphasized Beijing’s", "geonames:1816670", "iso:CHN"),
        ("Moscow", "with Moscow and", "geonames:524901", "iso:RUS"),
        ("Ulaanbaatar", "and Ulaanbaatar to", "geonames:2028462", "iso:MNG"),
    ]:
        start = text.index(context) + context.index(word)
        span = (start, start + len(word))
        assert span in [(m.start, m.end) for m in analysis.entity(place_id).mentions if m.form == "name"]
        assert span in [(m.start, m.end) for m in analysis.entity(state_id).mentions if m.form == "capital"]


def test_claim_spans_lie_in_the_text(gold):
    _name, _data, analysis = gold
    text = analysis.article.text
    paragraphs = analysis.article.paragraphs
    assert analysis.claims
    for claim in analysis.claims:
        assert claim.producer == "gold" and claim.confidence == 1.0
        for evidence in claim.evidence:
            assert 0 <= evidence.sentence_start <= evidence.start < evidence.end <= evidence.sentence_end <= len(text)
            inside = [p for p in paragraphs if p.start <= evidence.sentence_start and evidence.sentence_end <= p.end]
            assert inside, f"{claim.id}: sentence crosses a paragraph boundary"
            sentence = text[evidence.sentence_start : evidence.sentence_end]
            assert sentence == sentence.strip() and "\n" not in sentence
        first = claim.evidence[0]
        assert claim.cue_span is not None and claim.content is not None
        assert text[claim.cue_span.start : claim.cue_span.end] == claim.cue
        assert first.start <= claim.cue_span.start and claim.cue_span.end <= first.end
        assert any(
            e.sentence_start <= claim.content.start and claim.content.end <= e.sentence_end for e in claim.evidence
        )
        assert [e.start for e in claim.evidence] == sorted(e.start for e in claim.evidence)


def test_claim_codes_are_consistent(gold):
    _name, _data, analysis = gold
    for claim in analysis.claims:
        if claim.cameo is None:
            assert claim.predicate and claim.plover is None and claim.quad_class is None
            continue
        root = int(claim.cameo[:2])
        assert claim.quad_class == (1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4)
        # the one CAMEO-to-PLOVER table (the claims plugin's data): 01 has no category, 02 is REQUEST
        facts = CAMEO_TABLE[claim.cameo]
        assert claim.plover == facts["plover"], claim.cameo
        if root == 1:
            assert claim.plover is None and claim.plover_mode is None and claim.plover_context is None
        if root == 2:
            assert claim.modality == "requested"


@pytest.mark.skipif(not CAMEO2PLOVER.is_file(), reason="the CAMEO-to-PLOVER table is not present")
def test_plover_fields_follow_the_public_table(gold):
    table: dict[str, dict] = {}
    for line in CAMEO2PLOVER.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        table.setdefault(row["cameo"], row)
    _name, _data, analysis = gold
    for claim in analysis.claims:
        if claim.cameo is None or claim.cameo not in table:
            continue
        row = table[claim.cameo]
        assert (claim.plover, claim.plover_mode, claim.plover_context) == (
            row["plover_event"],
            row["mode"] or None,
            row["context"] or None,
        ), claim.cameo


def _find(analysis, *, sources, targets, cameo_prefix=None, predicate=None, modality=None):
    found = [
        claim
        for claim in analysis.claims
        if set(claim.sources) == set(sources)
        and set(claim.targets) == set(targets)
        and (cameo_prefix is None or (claim.cameo or "").startswith(cameo_prefix))
        and (predicate is None or claim.predicate == predicate)
        and (modality is None or claim.modality == modality)
    ]
    assert found, (sources, targets, cameo_prefix, predicate)
    return found


def test_002_holds_the_claims_the_issue_names():
    _, analysis = load("002_6d7e0bee2b7aea2c")
    text = analysis.article.text
    (appeal,) = _find(analysis, sources=["iso:CHN"], targets=["iso:MNG"], cameo_prefix="02", modality="requested")
    assert appeal.evidence[0].start == 0 and len(appeal.evidence) >= 2  # headline and body: one claim
    assert appeal.speaker == "person:li-qiang"
    _find(analysis, sources=["iso:CHN"], targets=["iso:MNG"], cameo_prefix="03", modality="intended")
    (ready,) = _find(analysis, sources=["iso:MNG"], targets=["iso:CHN"], cameo_prefix="03", modality="intended")
    assert ready.speaker == "person:oyun-erdene"
    (admitted,) = _find(analysis, sources=["iso:IRN"], targets=["igo:SCO"], predicate="member_of")
    assert "ninth member" in analysis.evidence_text(admitted)
    _find(analysis, sources=["iso:MNG"], targets=["igo:SCO"], predicate="observer_of")
    _find(analysis, sources=["iso:IND", "iso:PAK", "iso:IRN"], targets=["igo:SCO"], predicate="member_of")
    _find(analysis, sources=["iso:MNG"], targets=["iso:USA", "iso:JPN", "iso:KOR"], predicate="partner_of")
    _find(analysis, sources=["iso:MNG"], targets=["igo:SCO"], modality="negated")
    assert "Bishkek" in text and analysis.entity("geonames:1528675").country == "KGZ"


def test_000_holds_the_compound_pledge():
    _, analysis = load("000_4b955e8c8ca90717")
    pledges = _find(
        analysis, sources=["iso:CHN", "iso:RUS", "iso:MNG"], targets=[], cameo_prefix="03", modality="intended"
    )
    headline = [claim for claim in pledges if claim.evidence[0].start == 0]
    assert len(headline) == 1 and len(headline[0].evidence) == 2
    beijing = _find(analysis, sources=["iso:CHN"], targets=["iso:RUS", "iso:MNG"], cameo_prefix="03")
    assert any(claim.speaker == "iso:CHN" for claim in beijing)
    minister = analysis.claims_by("office:CHN:foreign-minister", role="speaker")
    assert {claim.cue for claim in minister} == {"emphasized", "reaffirmed", "stressed"}
    assert analysis.claims_by("initiative:belt-and-road-initiative", role="target")


def test_gold_mentions_are_in_text_order_and_unique_across_entities(gold):
    _name, _data, analysis = gold
    pairs = analysis.mentions()
    keys = [(m.start, m.end, m.form, e.id) for m, e in pairs]
    assert len(keys) == len(set(keys))
    # a span is shared only by a capital and its place, or by a state nested in a longer mention
    by_span: dict[tuple[int, int], list[str]] = {}
    for mention, _entity in pairs:
        by_span.setdefault((mention.start, mention.end), []).append(mention.form)
    for span, forms in by_span.items():
        assert len(forms) == 1 or sorted(forms) == ["capital", "name"], (span, forms)


def test_claim_places_and_dates_are_the_ones_the_text_gives():
    # 000 names no place and no date for its consultations; 002 puts the meeting, and the
    # statements made at it, in Bishkek, and gives no date either
    _, quiet = load("000_4b955e8c8ca90717")
    assert all(claim.location is None and claim.event_date is None for claim in quiet.claims)
    _, analysis = load("002_6d7e0bee2b7aea2c")
    text = analysis.article.text
    located = {claim.cue: claim.location for claim in analysis.claims if claim.location is not None}
    assert set(located) == {"Urges", "expressed", "meeting", "discussed", "mentioning", "emphasized"}
    for location in located.values():
        assert location.entity == "geonames:1528675"
        assert text[location.span.start : location.span.end] == "Bishkek"
    assert located["meeting"].rule == "preposition"
    for claim in analysis.claims:
        assert claim.event_date is None
        if claim.predicate is not None or claim.cue in ("engaged", "establishing"):
            assert claim.location is None, claim.cue  # relations and background have no place
