"""Gives each claim the place and date of its event: the hook-in of the locating and dating passes.

An event is a claim with a cue (relations such as ``member_of`` are states of affairs,
with neither). The location comes from :class:`~geotext_claims._locating.Locator` (the
cue's clause, then the dateline), then the article's main place for the statements and
meetings left without one; the date from :func:`~geotext_claims._dating.date_event`.

The extractor asks for them before it makes its claims (:func:`places_and_dates`), so that
each claim is made once, with its place and date; :func:`place_and_date` does the same
for claims already made.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from geotext import Article, Claim, Entity, EventLocation

from ._dating import FoundDate, date_event, find_dates
from ._locating import Locator, main_place, verbal_claim


class Event(NamedTuple):
    """What locating and dating read of a claim: its cue and sentence, tense, the reported date
    it has, and (for the main place) its predicate and CAMEO code."""

    cue: tuple[int, int] | None
    sentence: tuple[int, int]
    tense: str | None
    reported_date: Any
    predicate: str | None
    cameo: str | None


class _Located(NamedTuple):
    """An event with the location found for it (what :func:`main_place` reads)."""

    location: EventLocation | None
    predicate: str | None
    cameo: str | None


def places_and_dates(article: Article, entities: Sequence[Entity], events: Sequence[Event]) -> list[dict[str, Any]]:
    """The ``location``, ``event_date`` and ``reported_date`` of each of *events*, as claim
    fields (empty for an event with neither, or with no cue)."""
    if not events:
        return []
    locator = Locator(article, entities)
    published = article.published.date() if article.published is not None else None
    dates: dict[tuple[int, int, bool], list[FoundDate]] = {}  # claims share sentences
    found: list[dict[str, Any]] = []
    for event in events:
        cue = event.cue
        if cue is None:
            found.append({})
            continue
        sentence = event.sentence
        location = locator.locate(cue[0], cue[1], sentence) or locator.dateline(cue[0])
        future = event.tense == "future"
        key = (*sentence, future)
        if key not in dates:
            dates[key] = list(find_dates(article.text, *sentence, published, future=future))
        when = date_event(article, cue, sentence=sentence, future=future, _found=dates[key])
        if location is None and when is None:
            found.append({})
            continue
        reported = event.reported_date
        if reported is None and when is not None and when.precision == "day":
            reported = when.date
        found.append({"location": location, "event_date": when, "reported_date": reported})
    main = main_place(
        article,
        entities,
        [_Located(fields.get("location"), event.predicate, event.cameo) for event, fields in zip(events, found)],
    )
    if main is not None:
        for event, fields in zip(events, found):
            if (
                fields.get("location") is None
                and event.cue is not None
                and verbal_claim(_Located(None, event.predicate, event.cameo))
            ):
                fields["location"] = main
    return found


def place_and_date(article: Article, entities: Sequence[Entity], claims: Sequence[Claim]) -> list[Claim]:
    """Return *claims* with ``location``, ``event_date`` (and ``reported_date`` for a day) filled."""
    events = [
        Event(
            None if claim.cue_span is None else (claim.cue_span.start, claim.cue_span.end),
            (claim.evidence[0].sentence_start, claim.evidence[0].sentence_end),
            claim.tense,
            claim.reported_date,
            claim.predicate,
            claim.cameo,
        )
        for claim in claims
    ]
    return [
        claim._replace(**fields) if fields else claim
        for claim, fields in zip(claims, places_and_dates(article, entities, events))
    ]
