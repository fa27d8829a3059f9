"""Where and when a claim's event happened: the locating and dating rules, one written example each."""

from __future__ import annotations

import datetime as dt

import pytest

from geotext import Analysis, Article, Claim, Entity, EventLocation, Evidence, Mention, Span
from geotext_claims import ClaimExtractor, date_event, find_dates, locate_event


def span_of(text: str, word: str) -> Span:
    start = text.index(word)
    return Span(start=start, end=start + len(word))


# (sentence, event word, expected place as written or None, rule): one example per rule and refusal
LOCATIONS = [
    # preposition frames after the event
    ("Li Qiang urged Mongolia to join the bloc at a summit in Bishkek.", "urged", "Bishkek", "preposition"),
    ("Protesters marched near Ulaanbaatar on Sunday.", "marched", "Ulaanbaatar", "preposition"),
    ("Troops gathered outside the northern town of Darkhan.", "gathered", "Darkhan", "preposition"),
    ("The ministers met in Mongolia last week.", "met", "Mongolia", "preposition"),  # only the country
    ("Herders rallied in the Zuunmod district.", "rallied", "Zuunmod", "preposition"),  # no tagger knows it
    ("Thousands marched to the Darkhan city hall.", "marched", "Darkhan", "preposition"),  # a march's goal
    # opening phrase: the first, finest place
    ("In Darkhan, near Erdenet, farmers protested against the tax.", "protested", "Darkhan", "preposition"),
    # the finer place of a chain
    ("Police clashed with miners in Mongolia's northern city of Erdenet.", "clashed", "Erdenet", "preposition"),
    ("Students demonstrated in the Mongolian capital Ulaanbaatar.", "demonstrated", "Ulaanbaatar", "preposition"),
    # object of an act done to a place
    ("Floods swept Darkhan overnight.", "swept", "Darkhan", "object"),
    ("Rebels shelled the border town of Altanbulag.", "shelled", "Altanbulag", "object"),
    # clause: the place owns the event's subject, or names the event
    ("Darkhan's streets were patrolled by soldiers.", "patrolled", "Darkhan", "clause"),
    ("Dozens were wounded since the start of the Erdenet offensive.", "wounded", "Erdenet", "clause"),
    # refusals: a target, an origin, a relative clause, an owner, a modifier, a later clause
    ("Li Qiang urged Mongolia to join the bloc.", "urged", None, None),
    ("A driver from Darkhan was arrested.", "arrested", None, None),
    ("Soldiers patrolled the zone, which has its bases in Harbin.", "patrolled", None, None),
    ("China signed a deal with the embassy in Bishkek.", "signed", None, None),
    ("Five were killed in a Chinese airstrike.", "killed", None, None),
    ("The minister resigned; talks resumed in Bishkek.", "resigned", None, None),
    ("Khurelsukh said the talks would go on, according to a source in Ulaanbaatar.", "said", None, None),
    ("Five were killed in the March offensive.", "killed", None, None),
]


@pytest.mark.parametrize(("sentence", "event", "place", "rule"), LOCATIONS)
def test_locate_event_follows_its_rules(sentence, event, place, rule, tag):
    found = locate_event(tag.analysis(sentence), span_of(sentence, event), fallback=False)
    if place is None:
        assert found is None, sentence[found.span.start : found.span.end]
        return
    assert found is not None
    assert sentence[found.span.start : found.span.end] == place
    assert found.rule == rule
    expected = next((e.id for e in tag(sentence) if e.name == place), None)
    assert found.entity == expected  # an entity of the analysis, or None for a place no tagger knows


def test_locate_event_takes_offsets_too(tag):
    text = "Khurelsukh spoke at a rally in Erdenet."
    assert locate_event(tag.analysis(text), (11, 16)).entity == "geonames:2031405"


def test_dateline_places_events_without_a_place_of_their_own():
    text = "Talks end\n\nULAANBAATAR, July 4 (Xinhua) -- Khurelsukh said the talks were over."
    article = Article.from_paragraphs(
        ["ULAANBAATAR, July 4 (Xinhua) -- Khurelsukh said the talks were over."], title="Talks end"
    )
    entities = [
        Entity(
            id="geonames:2028462",
            kind="place",
            name="Ulaanbaatar",
            country="MNG",
            mentions=[Mention(start=11, end=22, text="ULAANBAATAR")],
        )
    ]
    assert article.text == text
    found = locate_event(Analysis(article=article, entities=entities), span_of(text, "said"))
    assert (found.entity, found.rule) == ("geonames:2028462", "dateline")
    assert locate_event(Analysis(article=article, entities=entities), span_of(text, "said"), fallback=False) is None


def test_main_place_goes_to_statements_without_a_place(tag):
    text = "Li Qiang met Khurelsukh in Bishkek. Li Qiang also urged Mongolia to join."
    analysis = tag.analysis(text)
    extractor = ClaimExtractor()
    claims = extractor.extract(analysis.article, analysis.entities)
    places = {claim.cue: claim.location for claim in claims}
    assert places["met"].rule == "preposition" and places["met"].entity == "geonames:1528675"
    assert places["urged"].rule == "article" and places["urged"].entity == "geonames:1528675"


def test_no_main_place_when_the_places_disagree_or_are_states(tag):
    text = (
        "Li Qiang met Khurelsukh in Bishkek. Khurelsukh met Li Qiang in Harbin. Li Qiang also urged Mongolia to join."
    )
    analysis = tag.analysis(text)
    claims = ClaimExtractor().extract(analysis.article, analysis.entities)
    assert {claim.cue: claim.location for claim in claims}["urged"] is None
    text = "Li Qiang met Khurelsukh in Mongolia. Li Qiang also urged Mongolia to join."
    analysis = tag.analysis(text)
    claims = ClaimExtractor().extract(analysis.article, analysis.entities)
    assert {claim.cue: claim.location for claim in claims}["urged"] is None


def test_material_acts_do_not_take_the_main_place(tag):
    text = "Li Qiang met Khurelsukh in Bishkek. China sent aid to Mongolia."
    analysis = tag.analysis(text)
    claims = ClaimExtractor().extract(analysis.article, analysis.entities)
    sent = [claim for claim in claims if claim.cue.startswith("sent")]
    assert sent and sent[0].location is None


# -- dates ---------------------------------------------------------------------------------------

PUBLISHED = dt.date(2024, 7, 6)  # a Saturday

DATES = [
    ("They met on 4 July 2024.", "met", "on 4 July 2024", "2024-07-04", "day", "absolute"),
    ("They met on July 4, 2024.", "met", "on July 4, 2024", "2024-07-04", "day", "absolute"),
    ("They met in March 2023.", "met", "in March 2023", "2023-03-01", "month", "absolute"),
    ("They met in 2019.", "met", "in 2019", "2019-01-01", "year", "absolute"),
    ("They met on July 4.", "met", "on July 4", "2024-07-04", "day", "partial"),
    ("They met on Dec. 28.", "met", "on Dec. 28", "2023-12-28", "day", "partial"),  # the last December 28
    ("They met in March.", "met", "in March", "2024-03-01", "month", "partial"),
    ("They met on Thursday.", "met", "on Thursday", "2024-07-04", "day", "weekday"),
    ("The council Thursday expressed concern.", "expressed", "Thursday", "2024-07-04", "day", "weekday"),
    ("They met last Saturday.", "met", "last Saturday", "2024-06-29", "day", "weekday"),
    ("They met yesterday.", "met", "yesterday", "2024-07-05", "day", "relative"),
    ("They met last week.", "met", "last week", "2024-06-24", "week", "relative"),
    ("They met earlier this month.", "met", "earlier this month", "2024-07-01", "month", "relative"),
    ("They met two days ago.", "met", "two days ago", "2024-07-04", "day", "relative"),
    ("They met last year.", "met", "last year", "2023-01-01", "year", "relative"),
]


@pytest.mark.parametrize(("sentence", "event", "words", "date", "precision", "rule"), DATES)
def test_date_event_follows_its_rules(sentence, event, words, date, precision, rule):
    article = Article(text=sentence, published=PUBLISHED)
    found = date_event(article, span_of(sentence, event))
    assert found is not None
    assert sentence[found.span.start : found.span.end] == words
    assert (found.date.isoformat(), found.precision, found.rule) == (date, precision, rule)


def test_a_future_weekday_is_the_next_one():
    sentence = "They will meet on Thursday."
    found = date_event(Article(text=sentence, published=PUBLISHED), span_of(sentence, "meet"), future=True)
    assert found.date == dt.date(2024, 7, 11)


def test_relative_dates_need_a_publication_date_and_none_is_invented():
    for sentence in ["They met on Thursday.", "They met yesterday.", "They met on July 4."]:
        assert date_event(Article(text=sentence), span_of(sentence, "met")) is None
    assert date_event(Article(text="They met in 2019."), span_of("They met in 2019.", "met")).date.year == 2019
    # a sentence without a date gets none, publication date or not
    sentence = "They met in Bishkek."
    assert date_event(Article(text=sentence, published=PUBLISHED), span_of(sentence, "met")) is None


def test_a_date_in_another_clause_is_not_the_event_date():
    sentence = "They met in Bishkek, where the treaty had been signed in 2019."
    assert date_event(Article(text=sentence, published=PUBLISHED), span_of(sentence, "met")) is None


def test_find_dates_skips_numbers_and_impossible_days():
    text = "In 2019 troops left; 2,000 people came on February 30."
    found = [text[f.start : f.end] for f in find_dates(text, 0, len(text), PUBLISHED)]
    assert found == []


def test_extracted_claims_carry_date_and_reported_date(tag):
    text = "Li Qiang urged Mongolia on Thursday to join the bloc."
    analysis = tag.analysis(text, published=PUBLISHED)
    (claim,) = ClaimExtractor().extract(analysis.article, analysis.entities)
    assert claim.event_date.date == dt.date(2024, 7, 4) and claim.event_date.rule == "weekday"
    assert claim.reported_date == dt.date(2024, 7, 4)  # kept in step for readers of geotext/1
    text = "Li Qiang urged Mongolia last week to join the bloc."
    analysis = tag.analysis(text, published=PUBLISHED)
    (claim,) = ClaimExtractor().extract(analysis.article, analysis.entities)
    assert claim.event_date.precision == "week" and claim.reported_date is None


def test_relations_get_neither_place_nor_date(tag):
    text = "Mongolia is an observer of the Shanghai Cooperation Organization in Bishkek since 2004."
    analysis = tag.analysis(text, published=PUBLISHED)
    for claim in ClaimExtractor().extract(analysis.article, analysis.entities):
        if claim.cue_span is None:
            assert claim.location is None and claim.event_date is None


def test_an_unknown_location_entity_is_refused_by_the_analysis(tag):
    text = "Li Qiang spoke in Bishkek."
    claim = Claim(
        producer="test",
        evidence=[Evidence(start=0, end=26, sentence_start=0, sentence_end=26)],
        location=EventLocation(entity="geonames:1", span=Span(start=18, end=25), rule="preposition"),
    )
    with pytest.raises(Exception, match="not in the analysis"):
        tag.analysis(text, claims=(claim,))


def test_an_organisation_only_a_recogniser_guessed_is_framed_like_an_unknown_name():
    # A statistical recogniser may read "Marlowe Palace" as an organisation; with no data
    # file behind it, the place frames decide, as for a name no tagger knows.
    text = "Protesters gathered outside Marlowe Palace on Monday."
    start = text.index("Marlowe Palace")
    guessed = Entity(
        id="org:marlowe-palace",
        kind="organisation",
        name="Marlowe Palace",
        attributes={"recogniser_score": 0.8},
        mentions=[Mention(start=start, end=start + 14, text="Marlowe Palace")],
    )
    found = locate_event(
        Analysis(article=Article(text=text), entities=[guessed]), span_of(text, "gathered"), fallback=False
    )
    assert found is not None and text[found.span.start : found.span.end] == "Marlowe Palace"
    # an organisation a data file knows stays a name, never a place
    known = Entity(
        id="igo:MPO",
        kind="organisation",
        name="Marlowe Palace",
        mentions=[Mention(start=start, end=start + 14, text="Marlowe Palace")],
    )
    assert (
        locate_event(Analysis(article=Article(text=text), entities=[known]), span_of(text, "gathered"), fallback=False)
        is None
    )
