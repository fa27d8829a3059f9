"""Actors of claims: generic agents, CAMEO actor codes, who speaks, coordinated clauses."""

from __future__ import annotations

import datetime as dt

import pytest

import geotext
from geotext import Article, Claim, Entity, Evidence, Mention
from geotext_claims import ClaimExtractor
from geotext_claims._actor_codes import ActorCoder, code_claims, entity_code
from geotext_claims._agents import agent_role, role_after, state_code, tag_agents


def entity(text: str, entity_id: str, kind: str, name: str, surface: str, **fields) -> Entity:
    start = text.index(surface)
    return Entity(
        id=entity_id,
        kind=kind,
        name=name,
        mentions=[Mention(start=start, end=start + len(surface), text=surface)],
        **fields,
    )


# -- the agents table ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, role",
    [
        ("police", "COP"),
        ("riot police", "COP"),
        ("rebels", "REB"),
        ("troops", "MIL"),
        ("opposition leader", "OPP"),
        ("journalists", "MED"),
    ],
)
def test_agent_roles_come_from_the_dictionary(phrase, role):
    assert agent_role(phrase) == role


@pytest.mark.parametrize("name, code", [("Russian", "RUS"), ("Egypt", "EGY"), ("Rwandan", "RWA"), ("Yoruba", None)])
def test_state_names_and_adjectives(name, code):
    assert state_code(name) == code


@pytest.mark.parametrize(
    "text, end, role",
    [
        ("Russian troops shelled the town", 7, "MIL"),
        ("Israel's army withdrew", 6, "MIL"),
        ("Chinese riot police dispersed them", 7, "COP"),
        ("Chinese officials met", 7, "GOV"),
        ("Russia said", 6, None),
    ],
)
def test_role_after_a_state(text, end, role):
    assert role_after(text, end) == role


@pytest.mark.parametrize(
    "text, expected",
    [
        # a group the dictionaries do not know, with the one state the article names
        ("Yoruba leaders said Nigeria must change course.", [("agent:yoruba-leaders", "Yoruba leaders", "NGA")]),
        ("Yoruba leaders in Lagos rejected the plan.", [("agent:yoruba-leaders-nga", "Yoruba leaders", "NGA")]),
        # an agent with the state written after it
        ("Rebels in the Ivory Coast seized a town.", [("agent:rebels-civ", "Rebels", "CIV")]),
        (
            "Police fired tear gas at protesters in Kenya.",
            [("agent:police", "Police", "KEN"), ("agent:protesters-ken", "protesters", "KEN")],
        ),
        # a state's agent is the state's: the role is coded on the claim, no entity of its own
        ("Russian troops shelled the town.", []),
        # an armed group the dictionaries know keeps its own entity ("Hezbollah")
        ("Hezbollah guerrillas attacked a post in Lebanon.", []),
        # no state to tell whose troops: no actor to code
        ("Troops from both countries met near Israel and Syria.", []),
        ("The Egyptian government sent its troops to the border.", []),
    ],
)
def test_tag_agents(text, expected):
    found = [(e.id, e.name, e.country) for e in tag_agents(Article(text=text))]
    assert found == expected


# -- CAMEO actor codes ------------------------------------------------------------------------------


YELTSIN = Entity(
    id="person:boris-yeltsin",
    kind="person",
    name="Boris Yeltsin",
    country="RUS",
    attributes={
        "cameo": [
            {"code": "RUSELI", "from": "1949-01-01", "until": "1991-07-10"},
            {"code": "RUSGOV", "from": "1991-07-10", "until": "1999-12-31"},
            {"code": "RUSELI", "from": "1999-12-31", "until": "2007-04-23"},
        ]
    },
)


@pytest.mark.parametrize(
    "item, day, code",
    [
        (YELTSIN, "1995-06-01", "RUSGOV"),
        (YELTSIN, "2003-06-01", "RUSELI"),
        (YELTSIN, "2020-01-01", "RUSELI"),  # after the last bound: the latest code
        (Entity(id="iso:CHN", kind="state", name="China"), "2024-01-01", "CHN"),
        (Entity(id="igo:UN", kind="organisation", name="United Nations"), "2024-01-01", "IGO"),
        (
            Entity(
                id="person:li-qiang",
                kind="person",
                name="Li Qiang",
                country="CHN",
                attributes={"terms": [{"role": "head_of_government", "start": "2023-03-11"}]},
            ),
            "2024-01-01",
            "CHNGOV",
        ),
        (
            Entity(
                id="person:li-qiang",
                kind="person",
                name="Li Qiang",
                country="CHN",
                attributes={"terms": [{"role": "head_of_government", "start": "2023-03-11"}]},
            ),
            "2000-01-01",
            "CHNELI",
        ),
        (
            Entity(id="office:CHN:premier", kind="person", name="Premier of China", country="CHN", office="Premier"),
            "2024-01-01",
            "CHNGOV",
        ),
        (Entity(id="group:x", kind="group", name="X"), "2024-01-01", None),
    ],
)
def test_entity_code(item, day, code):
    assert entity_code(item, day) == code


def test_claims_carry_codes_from_the_dictionaries_the_date_and_agent_nouns():
    text = "Russian troops shelled Kharkiv after Boris Yeltsin met Chinese officials."
    entities = [
        entity(text, "iso:RUS", "state", "Russia", "Russian"),
        entity(text, "geonames:706483", "place", "Kharkiv", "Kharkiv", country="UKR"),
        YELTSIN.with_mentions([Mention(start=37, end=50, text="Boris Yeltsin")]),
        entity(text, "iso:CHN", "state", "China", "Chinese"),
    ]
    article = Article(text=text, published=dt.datetime(1995, 6, 1))
    evidence = [Evidence(start=0, end=len(text), sentence_start=0, sentence_end=len(text))]
    claims = [
        Claim(producer="t", evidence=evidence, sources=["iso:RUS"], targets=["geonames:706483"], cameo="195"),
        Claim(producer="t", evidence=evidence, sources=["person:boris-yeltsin"], targets=["iso:CHN"], cameo="040"),
    ]
    shelled, met = code_claims(claims, ActorCoder(article, entities))
    assert shelled.source_codes == ("RUSMIL",) and shelled.target_codes == ("UKR",)
    assert met.source_codes == ("RUSGOV",) and met.target_codes == ("CHNGOV",)


def test_every_extracted_claim_is_coded():
    text = "China urged Mongolia to join the bloc."
    entities = [
        entity(text, "iso:CHN", "state", "China", "China"),
        entity(text, "iso:MNG", "state", "Mongolia", "Mongolia"),
    ]
    (claim,) = ClaimExtractor().extract(Article(text=text), entities)
    assert claim.source_codes == ("CHN",) and claim.target_codes == ("MNG",)


# -- who speaks; coordinated clauses -------------------------------------------------------------------


def _claims(text: str, entities: list[Entity]) -> dict[str, Claim]:
    return {c.cue: c for c in ClaimExtractor().extract(Article(text=text), entities)}


def test_coordinated_clauses_keep_their_own_actors():
    text = "Houthi forces attacked a tanker near Bab el-Mandeb, and Egypt said the attack was illegal."
    entities = [
        entity(text, "group:houthis", "group", "Houthis", "Houthi", country="YEM"),
        entity(text, "iso:EGY", "state", "Egypt", "Egypt"),
    ]
    claims = _claims(text, entities)
    assert claims["attacked"].sources == ("group:houthis",) and "iso:EGY" not in claims["attacked"].targets
    assert claims["said"].sources == ("iso:EGY",) and claims["said"].speaker == "iso:EGY"


@pytest.mark.parametrize(
    "text",
    [
        "Russia attacked Ukraine and Georgia, and Moldova condemned the attack.",
        "Russia attacked Ukraine, and Moldova condemned the attack.",
    ],
)
def test_a_coordinated_clause_has_its_own_subject(text):
    entities = [
        entity(text, f"iso:{code}", "state", name, name)
        for code, name in (("RUS", "Russia"), ("UKR", "Ukraine"), ("GEO", "Georgia"), ("MDA", "Moldova"))
        if name in text
    ]
    claims = _claims(text, entities)
    assert claims["condemned"].sources == ("iso:MDA",)
    assert "iso:MDA" not in claims["attacked"].targets and claims["attacked"].sources == ("iso:RUS",)


def test_an_oxford_comma_list_stays_one_subject():
    text = "At the talks, China, Russia, and Mongolia pledged to cooperate."
    entities = [
        entity(text, f"iso:{code}", "state", name, name)
        for code, name in (("CHN", "China"), ("RUS", "Russia"), ("MNG", "Mongolia"))
    ]
    assert _claims(text, entities)["pledged"].sources == ("iso:CHN", "iso:RUS", "iso:MNG")


def test_a_list_of_targets_is_no_coordinated_clause():
    text = "Russia sanctioned Ukraine, Georgia, and Moldova on Monday."
    entities = [
        entity(text, f"iso:{code}", "state", name, name)
        for code, name in (("RUS", "Russia"), ("UKR", "Ukraine"), ("GEO", "Georgia"), ("MDA", "Moldova"))
    ]
    claim = _claims(text, entities)["sanctioned"]
    assert claim.targets == ("iso:UKR", "iso:GEO", "iso:MDA")


@pytest.mark.parametrize(
    "text, cue, speaker, span",
    [
        # an event the article reports in its own voice: no speaker at all
        ("Houthi forces attacked a tanker near Aden.", "attacked", None, None),
        # a speaker that is an entity: both
        ("Egypt said the attack was illegal.", "said", "iso:EGY", "Egypt"),
        # a speaker that is no entity: only as written
        ("A senior official said Egypt would respond.", "said", None, "A senior official"),
    ],
)
def test_speaker_and_speaker_span_agree(text, cue, speaker, span):
    entities = []
    if "Houthi" in text:
        entities.append(entity(text, "group:houthis", "group", "Houthis", "Houthi", country="YEM"))
    if "Egypt" in text:
        entities.append(entity(text, "iso:EGY", "state", "Egypt", "Egypt"))
    claim = _claims(text, entities)[cue]
    assert claim.speaker == speaker
    assert (text[claim.speaker_span.start : claim.speaker_span.end] if claim.speaker_span else None) == span
    assert claim.attributed == (span is not None)


# -- end to end, with the gazetteer's PETRARCH actors ----------------------------------------------------


def test_dictionary_people_and_agents_end_to_end():
    pytest.importorskip("geotext_gazetteer")
    text = (
        "President Boris Yeltsin urged Chechen rebels to lay down their arms. "
        "Rebels in Chechnya rejected the demand, and Yeltsin said talks would go on."
    )
    analysis = geotext.analyze(Article(text=text, published="1995-03-01T00:00:00"), plugins=["gazetteer", "claims"])
    yeltsin = analysis.entity("person:boris-yeltsin")
    assert yeltsin.country == "RUS" and any(c["code"] == "RUSGOV" for c in yeltsin.attributes["cameo"])
    urged = next(c for c in analysis.claims if c.cue == "urged")
    assert urged.sources == ("person:boris-yeltsin",) and urged.source_codes == ("RUSGOV",)
    for claim in analysis.claims:
        assert len(claim.source_codes) == len(claim.sources) and len(claim.target_codes) == len(claim.targets)
