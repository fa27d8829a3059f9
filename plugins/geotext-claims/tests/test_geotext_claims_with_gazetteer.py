"""End to end with the gazetteer tagger; skipped when geotext-gazetteer is not installed."""

from __future__ import annotations

import pytest

import geotext

pytest.importorskip("geotext_gazetteer")

TEXT = (
    "China Urges Mongolia to Join Regional Bloc\n\n"
    "Chinese Premier Li Qiang expressed China's intention to enhance cooperation with Mongolia. "
    "China urged Mongolia to join the Shanghai Cooperation Organization.\n\n"
    "Mongolia has maintained its observer status in the Shanghai Cooperation Organization (SCO) for years, "
    "while India, Pakistan, and Iran have become full-fledged members.\n\n"
    "At the consultations, China, Russia, and Mongolia pledged to enhance cooperation."
)


def test_claims_from_gazetteer_entities() -> None:
    analysis = geotext.analyze(geotext.Article(text=TEXT), plugins=["gazetteer", "claims"])
    claims = list(analysis.claims)
    urge = [c for c in claims if c.cue_lemma == "urge"]
    assert len(urge) == 1 and len(urge[0].evidence) == 2
    assert urge[0].sources == ("iso:CHN",) and "iso:MNG" in urge[0].targets and urge[0].modality == "requested"
    intent = next(c for c in claims if c.cue == "expressed")
    assert intent.speaker == "person:li-qiang" and intent.sources == ("iso:CHN",) and intent.cameo.startswith("03")
    pledge = next(c for c in claims if c.cue == "pledged")
    assert set(pledge.sources) == {"iso:CHN", "iso:RUS", "iso:MNG"}
    relations = {(c.predicate, c.sources, c.targets) for c in claims if c.predicate}
    assert ("observer_of", ("iso:MNG",), ("igo:SCO",)) in relations
    assert ("member_of", ("iso:IND", "iso:PAK", "iso:IRN"), ("igo:SCO",)) in relations


def test_two_claims_of_one_sentence_alike_but_for_their_cue_are_both_kept() -> None:
    # the plan and the attribution of it share actors (none), code and sentence
    text = "The mayor plans to visit Dorvan on Sunday, according to an aide of hers."
    analysis = geotext.analyze(geotext.Article(text=text), plugins=["gazetteer", "claims"])
    assert sorted(c.cue for c in analysis.claims) == ["according to", "plans"], analysis.claims
