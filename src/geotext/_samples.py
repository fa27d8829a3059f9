"""Two hand-annotated analyses built from excerpts of the seed articles.

Used by :func:`geotext.testing.sample_analyses`. Offsets are found in the text, never
typed in, so the samples cannot drift from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import geotext

SEED_URGES = (
    "China Urges Mongolia to Join Regional Bloc\n\n"
    "Chinese Premier encourages Mongolia to consider joining regional security group with Russia, Iran.\n\n"
    "Chinese Premier Li Qiang expressed China’s intention to enhance cooperation with Mongolia within the "
    "framework of the Eurasian security bloc, which recently admitted Iran as its ninth member. This move "
    "subtly encouraged Mongolia to consider joining this regional group, which also includes Russia.\n\n"
    "Mongolia has maintained its observer status in the Shanghai Cooperation Organization (SCO) for nearly "
    "two decades, while countries like India, Pakistan, and Iran have become full-fledged members. Li "
    "conveyed this message during a meeting with Mongolian Prime Minister L. Oyun-Erdene at an SCO "
    "gathering in Bishkek."
)

SEED_TRILATERAL = (
    "China, Russia, and Mongolia commit to strengthened unity and collaboration\n\n"
    "At the latest trilateral consultations, China, Russia, and Mongolia pledged to enhance cooperation "
    "and unity, reaffirming their commitment to mutual goals while resisting external interference and "
    "navigating their partnership in the right direction.\n\n"
    "During the latest trilateral foreign ministers’ consultations among China, Russia, and Mongolia, "
    "Beijing expressed a strong commitment to working closely with Moscow and Ulaanbaatar to deepen their "
    "cooperation and maintain unity.\n\n"
    "China’s Foreign Minister emphasized Beijing’s dedication to upholding the original goals of "
    "cooperation with Russia and Mongolia."
)


def _finder(text: str) -> tuple[Callable[..., geotext.Mention], Callable[..., geotext.Span]]:
    def mention(surface: str, form: str = "name", nth: int = 0) -> geotext.Mention:
        start = -1
        for _ in range(nth + 1):
            start = text.index(surface, start + 1)
        return geotext.Mention(start=start, end=start + len(surface), text=surface, form=form)

    def span(surface: str, nth: int = 0) -> geotext.Span:
        found = mention(surface, nth=nth)
        return geotext.Span(start=found.start, end=found.end)

    return mention, span


def _paragraphs(text: str) -> list[geotext.Span]:
    spans, start = [], 0
    for block in text.split("\n\n"):
        spans.append(geotext.Span(start=start, end=start + len(block)))
        start += len(block) + 2
    return spans


def _evidence(text: str, claim_surface: str, sentence_surface: str) -> geotext.Evidence:
    sentence = text.index(sentence_surface)
    start = text.index(claim_surface, sentence)
    return geotext.Evidence(
        start=start,
        end=start + len(claim_surface),
        sentence_start=sentence,
        sentence_end=sentence + len(sentence_surface),
    )


STATES = {
    "CHN": ("China", "CN", "1814991", "Q148", 35.0, 105.0),
    "MNG": ("Mongolia", "MN", "2029969", "Q711", 46.0, 105.0),
    "RUS": ("Russia", "RU", "2017370", "Q159", 60.0, 100.0),
    "IRN": ("Iran", "IR", "130758", "Q794", 32.0, 53.0),
    "IND": ("India", "IN", "1269750", "Q668", 22.0, 79.0),
    "PAK": ("Pakistan", "PK", "1168579", "Q843", 30.0, 70.0),
}


def _state(iso3: str, mentions: list[geotext.Mention]) -> geotext.Entity:
    name, iso2, geonames, wikidata, lat, lon = STATES[iso3]
    return geotext.Entity(
        id=f"iso:{iso3}",
        kind="state",
        name=name,
        ids={"iso2": iso2, "iso3": iso3, "geonames": geonames, "wikidata": wikidata},
        coordinates=geotext.Coordinates(lat=lat, lon=lon),
        mentions=mentions,
    )


def _place(
    geonameid: str, name: str, country: str, wikidata: str, lat: float, lon: float, mentions: list[geotext.Mention]
) -> geotext.Entity:
    return geotext.Entity(
        id=f"geonames:{geonameid}",
        kind="place",
        name=name,
        country=country,
        ids={"geonames": geonameid, "wikidata": wikidata},
        coordinates=geotext.Coordinates(lat=lat, lon=lon),
        mentions=mentions,
    )


def build_urges() -> geotext.Analysis:
    text = SEED_URGES
    m, span = _finder(text)
    entities = [
        _state("CHN", [m("China"), m("Chinese", "demonym"), m("Chinese", "demonym", 1), m("China", nth=1)]),
        _state("MNG", [m("Mongolia", nth=i) for i in range(5)]),
        geotext.Entity(
            id="person:li-qiang",
            kind="person",
            name="Li Qiang",
            office="Premier",
            country="CHN",
            mentions=[
                m("Chinese Premier", "title"),
                m("Chinese Premier Li Qiang", "title", 0),
                m("Li", "short_name", 1),
            ],
        ),
        _state("RUS", [m("Russia"), m("Russia", nth=1)]),
        _state("IRN", [m("Iran"), m("Iran", nth=1), m("Iran", nth=2)]),
        geotext.Entity(
            id="igo:SCO",
            kind="organisation",
            name="Shanghai Cooperation Organization",
            ids={"acronym": "SCO"},
            mentions=[m("Shanghai Cooperation Organization"), m("SCO", "acronym"), m("SCO", "acronym", 1)],
        ),
        _state("IND", [m("India")]),
        _state("PAK", [m("Pakistan")]),
        geotext.Entity(
            id="person:oyun-erdene",
            kind="person",
            name="Oyun-Erdene Luvsannamsrai",
            office="Prime Minister",
            country="MNG",
            mentions=[m("Mongolian Prime Minister L. Oyun-Erdene", "title")],
        ),
        _place("1528675", "Bishkek", "KGZ", "Q9361", 42.87, 74.59, [m("Bishkek")]),
    ]
    # "Chinese Premier" at the headline's second line and "Chinese Premier Li Qiang" overlap other
    # mentions of China on purpose: a title mention spans the demonym.
    cue = text.index("Urges")
    urge = geotext.Claim(
        producer="claims",
        speaker="iso:CHN",
        cue="Urges",
        cue_lemma="urge",
        cue_span=geotext.Span(start=cue, end=cue + len("Urges")),
        evidence=[
            _evidence(text, "China Urges Mongolia to Join Regional Bloc", "China Urges Mongolia to Join Regional Bloc")
        ],
        sources=["iso:CHN"],
        targets=["iso:MNG"],
        cameo="02",
        plover="REQUEST",
        quad_class=1,
        modality="requested",
        tense="present",
        confidence=0.9,
        # the message was conveyed "at an SCO gathering in Bishkek", the article's main place
        location=geotext.EventLocation(entity="geonames:1528675", span=span("Bishkek"), rule="article"),
    )
    sentence = (
        "Chinese Premier Li Qiang expressed China’s intention to enhance cooperation with Mongolia "
        "within the framework of the Eurasian security bloc, which recently admitted Iran as its "
        "ninth member."
    )
    cue = text.index("expressed")
    intent = geotext.Claim(
        producer="claims",
        speaker="person:li-qiang",
        cue="expressed",
        cue_lemma="express",
        cue_span=geotext.Span(start=cue, end=cue + len("expressed")),
        content=span("China’s intention to enhance cooperation with Mongolia"),
        evidence=[
            _evidence(text, "Li Qiang expressed China’s intention to enhance cooperation with Mongolia", sentence)
        ],
        sources=["iso:CHN"],
        targets=["iso:MNG"],
        cameo="030",
        plover="AGREE",
        quad_class=1,
        modality="intended",
        tense="past",
        confidence=0.85,
        location=geotext.EventLocation(entity="geonames:1528675", span=span("Bishkek"), rule="article"),
    )
    observer = geotext.Claim(
        producer="claims",
        predicate="observer_of",
        evidence=[
            _evidence(
                text,
                "Mongolia has maintained its observer status in the Shanghai Cooperation Organization (SCO)",
                "Mongolia has maintained its observer status in the Shanghai Cooperation "
                "Organization (SCO) for nearly two decades, while countries like India, Pakistan, "
                "and Iran have become full-fledged members.",
            )
        ],
        sources=["iso:MNG"],
        targets=["igo:SCO"],
        modality="asserted",
        tense="past",
        confidence=0.7,
    )
    article = geotext.Article(
        text=text,
        title="China Urges Mongolia to Join Regional Bloc",
        paragraphs=_paragraphs(text),
        source="Mongolia Weekly",
        url="https://example.org/news/china-urges-mongolia",
        published=dt.datetime(2024, 7, 5, 8, 0, tzinfo=dt.timezone.utc),
        language="en",
        authors=["Staff writer"],
        metadata={"photo_credit": "adeex.in"},
        provenance=geotext.Provenance(source="seeds/002_6d7e0bee2b7aea2c.txt", parser="text", encoding="utf-8"),
    )
    return geotext.Analysis(
        article=article, entities=entities, claims=[urge, intent, observer], versions={"geotext-core": "0.1.0"}
    )


def build_trilateral() -> geotext.Analysis:
    text = SEED_TRILATERAL
    m, _span = _finder(text)
    entities = [
        _state(
            "CHN",
            [
                m("China"),
                m("China", nth=1),
                m("China", nth=2),
                m("China", nth=3),
                m("Beijing", "capital"),
                m("Beijing", "capital", 1),
            ],
        ),
        _state("RUS", [m("Russia", nth=i) for i in range(4)] + [m("Moscow", "capital")]),
        _state("MNG", [m("Mongolia", nth=i) for i in range(4)] + [m("Ulaanbaatar", "capital")]),
        _place("1816670", "Beijing", "CHN", "Q956", 39.9075, 116.39723, [m("Beijing"), m("Beijing", nth=1)]),
        _place("524901", "Moscow", "RUS", "Q649", 55.75222, 37.61556, [m("Moscow")]),
        _place("2028462", "Ulaanbaatar", "MNG", "Q23430", 47.90771, 106.88324, [m("Ulaanbaatar")]),
        geotext.Entity(
            id="office:CHN:foreign-minister",
            kind="person",
            name="Foreign Minister of China",
            office="Foreign Minister",
            country="CHN",
            mentions=[m("China’s Foreign Minister", "title")],
        ),
    ]
    pledge_sentence = (
        "At the latest trilateral consultations, China, Russia, and Mongolia pledged to enhance "
        "cooperation and unity, reaffirming their commitment to mutual goals while resisting "
        "external interference and navigating their partnership in the right direction."
    )
    cue = text.index("pledged")
    pledge = geotext.Claim(
        producer="claims",
        cue="pledged",
        cue_lemma="pledge",
        cue_span=geotext.Span(start=cue, end=cue + len("pledged")),
        evidence=[
            _evidence(text, "China, Russia, and Mongolia pledged to enhance cooperation and unity", pledge_sentence)
        ],
        sources=["iso:CHN", "iso:RUS", "iso:MNG"],
        cameo="030",
        plover="AGREE",
        quad_class=1,
        modality="intended",
        tense="past",
        confidence=0.8,
    )
    commit_sentence = (
        "During the latest trilateral foreign ministers’ consultations among China, Russia, and "
        "Mongolia, Beijing expressed a strong commitment to working closely with Moscow and "
        "Ulaanbaatar to deepen their cooperation and maintain unity."
    )
    cue = text.index("expressed")
    commit = geotext.Claim(
        producer="claims",
        speaker="iso:CHN",
        cue="expressed",
        cue_lemma="express",
        cue_span=geotext.Span(start=cue, end=cue + len("expressed")),
        evidence=[
            _evidence(
                text,
                "Beijing expressed a strong commitment to working closely with Moscow and Ulaanbaatar",
                commit_sentence,
            )
        ],
        sources=["iso:CHN"],
        targets=["iso:RUS", "iso:MNG"],
        cameo="030",
        plover="AGREE",
        quad_class=1,
        modality="intended",
        tense="past",
        confidence=0.75,
    )
    article = geotext.Article(
        text=text,
        title="China, Russia, and Mongolia commit to strengthened unity and collaboration",
        paragraphs=_paragraphs(text),
        source="Example | Asia desk",
        language="en",
        provenance=geotext.Provenance(source="seeds/000_4b955e8c8ca90717.txt", parser="text", encoding="utf-8"),
    )
    return geotext.Analysis(
        article=article, entities=entities, claims=[pledge, commit], versions={"geotext-core": "0.1.0"}
    )


def sample_analyses() -> list[geotext.Analysis]:
    return [build_urges(), build_trilateral()]
