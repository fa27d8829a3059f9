"""The evaluation metrics (bench/scoring.py) on tiny hand-made cases."""

from __future__ import annotations

import importlib

import pytest

scoring = importlib.import_module("scoring")  # bench/ is on sys.path (pytest's pythonpath setting)

GOLD = [("d1", 0, 5, "LOC"), ("d1", 10, 15, "PER"), ("d2", 3, 8, "ORG"), ("d2", 20, 24, "LOC")]


def test_prf_perfect_prediction_scores_one():
    result = scoring.multiset_prf(GOLD, list(GOLD))
    assert (result["precision"], result["recall"], result["f1"]) == (1.0, 1.0, 1.0)


def test_prf_empty_prediction_scores_zero():
    result = scoring.multiset_prf(GOLD, [])
    assert (result["precision"], result["recall"], result["f1"]) == (0.0, 0.0, 0.0)
    assert result["fn"] == 4


def test_prf_half_right():
    # two of four gold found, plus two wrong predictions: P = R = F1 = 0.5
    predicted = [GOLD[0], GOLD[2], ("d1", 0, 4, "LOC"), ("d2", 3, 8, "PER")]
    result = scoring.multiset_prf(GOLD, predicted)
    assert result["precision"] == pytest.approx(0.5)
    assert result["recall"] == pytest.approx(0.5)
    assert result["f1"] == pytest.approx(0.5)


def test_prf_precision_and_recall_differ():
    # one of four found with one prediction: P 1.0, R 0.25, F1 0.4
    result = scoring.multiset_prf(GOLD, [GOLD[1]])
    assert result["f1"] == pytest.approx(2 * 1.0 * 0.25 / 1.25)


def test_prf_counts_duplicates_as_multiset():
    result = scoring.multiset_prf([("d", 1)], [("d", 1), ("d", 1)])
    assert (result["tp"], result["fp"], result["fn"]) == (1, 1, 0)


def test_overlap_prf_perfect_empty_and_half():
    gold = {"a": [(0, 10), (20, 30)], "b": [(5, 9)]}
    assert scoring.overlap_prf(gold, gold)["f1"] == 1.0
    assert scoring.overlap_prf(gold, {})["f1"] == 0.0
    # one predicted span touches one gold span, one touches nothing; "b" unseen
    half = scoring.overlap_prf(gold, {"a": [(8, 12), (12, 18)]})
    assert half["precision"] == pytest.approx(0.5)
    assert half["recall"] == pytest.approx(1 / 3)
    assert half["f1"] == pytest.approx(0.4)


def test_overlap_needs_a_shared_character():
    assert not scoring.overlaps((0, 5), (5, 9))
    assert scoring.overlaps((0, 6), (5, 9))
    # a span in another document does not count
    assert scoring.overlap_prf({"a": [(0, 5)]}, {"b": [(0, 5)]})["f1"] == 0.0


# "Li said he would go": source, cue and content of one gold attribution per document
TRIPLE = ((0, 2), (3, 7), (8, 20))


def test_triple_counts_an_attribution_whose_three_parts_overlap():
    result = scoring.triple_prf({"a": [TRIPLE]}, {"a": [((0, 1), (3, 5), (10, 12))]})
    assert (result["tp"], result["fp"], result["fn"]) == (1, 0, 0)
    assert result["f1"] == 1.0


@pytest.mark.parametrize(
    "wrong",
    [
        ((30, 32), (3, 7), (8, 20)),  # the source is elsewhere
        ((0, 2), (8, 9), (8, 20)),  # the cue is inside the content
        ((0, 2), (3, 7), None),  # no content where the gold has one
    ],
)
def test_triple_needs_every_part(wrong):
    result = scoring.triple_prf({"a": [TRIPLE]}, {"a": [wrong]})
    assert (result["tp"], result["fp"], result["fn"]) == (0, 1, 1)


def test_triple_matches_one_gold_attribution_at_most_once():
    # two predictions fit the one gold attribution: one true positive, one false
    result = scoring.triple_prf({"a": [TRIPLE]}, {"a": [TRIPLE, TRIPLE]})
    assert (result["tp"], result["fp"], result["fn"]) == (1, 1, 0)
    # parts must overlap the same gold attribution, not one part each
    other = ((40, 42), (43, 47), (48, 60))
    mixed = scoring.triple_prf({"a": [TRIPLE, other]}, {"a": [((0, 2), (43, 47), (8, 20))]})
    assert mixed["tp"] == 0


def test_triple_absent_source_agrees_with_absent_source_and_documents_stay_apart():
    sourceless = (None, (3, 7), (8, 20))
    assert scoring.triple_prf({"a": [sourceless]}, {"a": [sourceless]})["f1"] == 1.0
    assert scoring.triple_prf({"a": [TRIPLE]}, {"b": [TRIPLE]})["f1"] == 0.0


def test_haversine_known_distance():
    # Beijing to Ulaanbaatar is about 1,160 km
    assert scoring.haversine_km(39.9075, 116.39723, 47.90771, 106.88324) == pytest.approx(1164, abs=15)
    assert scoring.haversine_km(10, 20, 10, 20) == 0.0


def test_resolution_accuracy():
    beijing = (39.9075, 116.39723)
    near = (40.5, 116.39723)  # about 66 km north
    ulaanbaatar = (47.90771, 106.88324)
    assert scoring.resolution_accuracy([(beijing, beijing), (ulaanbaatar, ulaanbaatar)])["accuracy"] == 1.0
    assert scoring.resolution_accuracy([(beijing, None)])["accuracy"] == 0.0
    result = scoring.resolution_accuracy(
        [(beijing, near), (beijing, ulaanbaatar), (ulaanbaatar, None), (beijing, beijing)]
    )
    assert result["accuracy"] == pytest.approx(0.5)
    assert result["accuracy_resolved"] == pytest.approx(2 / 3)
    assert result["resolved"] == 3


def test_accuracy_and_field_accuracy():
    assert scoring.accuracy(0, 0)["accuracy"] == 0.0
    gold = [("HUN", "ROU", "AGREE"), ("ROU", "HUN", "AGREE")]
    pred = [("HUN", "SRB", "AGREE")]
    fields = scoring.field_accuracy(gold, pred, ("source", "target", "category"))
    assert fields["source"]["accuracy"] == 0.5
    assert fields["target"]["accuracy"] == 0.0
    assert fields["category"]["accuracy"] == 1.0
    total: dict = {}
    scoring.add_counts(total, fields)
    scoring.add_counts(total, scoring.field_accuracy([("USA", None, "FIGHT")], [], ("source", "target", "category")))
    assert total["source"] == {"accuracy": pytest.approx(1 / 3), "correct": 1, "n": 3}


def test_normalise_iso3():
    assert scoring.normalise_iso3("JAP") == "JPN"
    assert scoring.normalise_iso3(" vtn ") == "VNM"
    assert scoring.normalise_iso3("CHN") == "CHN"
    assert scoring.normalise_iso3("") is None


def test_cameo_to_plover_longest_prefix():
    table = scoring.CameoToPlover(
        [
            {"cameo": "03", "plover_event": "AGREE"},
            {"cameo": "190", "plover_event": "FIGHT"},
            {"cameo": "19", "plover_event": "ASSAULT"},
            {"cameo": "99", "plover_event": ""},
        ]
    )
    assert table("0311") == "AGREE"
    assert table("190") == "FIGHT"
    assert table("195") == "ASSAULT"
    assert table("99") is None
    assert table(None) is None


def test_gsr_category_maps_current_plover_names_to_the_gold_ones():
    assert scoring.gsr_category("REQUEST") == "DEMAND"
    assert scoring.gsr_category("ACCUSE", "investigate") == "INVESTIGATE"
    assert scoring.gsr_category("accuse", "allege") == "DISAPPROVE"
    assert scoring.gsr_category("ASSAULT", None, "190") == "FIGHT"
    assert scoring.gsr_category("ASSAULT", None, "181") == "ASSAULT"
    assert scoring.gsr_category("AGREE") == "AGREE"
    assert scoring.gsr_category(None) is None


@pytest.mark.parametrize(
    ("gold", "predicted", "right"),
    [
        ([(10, 17)], (10, 17), True),  # the same place
        ([(10, 17)], (12, 30), True),  # overlapping spans count, as in Halterman (2019)
        ([(10, 17), (20, 25)], (20, 22), True),  # any of several gold places
        ([(10, 17)], (17, 20), False),  # touching is not overlapping
        ([(10, 17)], None, False),  # a place missed
        ([], None, True),  # no place, none given
        ([], (1, 5), False),  # a place invented
    ],
)
def test_location_correct(gold, predicted, right):
    assert scoring.location_correct(gold, predicted) is right
