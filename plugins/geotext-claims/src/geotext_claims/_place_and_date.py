"""Gives each claim the place and date of its event: the hook-in of the locating and dating passes.

An event is a claim with a cue (relations such as ``member_of`` are states of affairs,
with neither). The location comes from :class:`~geotext_claims._locating.Locator` (the
cue's clause, then the dateline), then the article's main place for the statements and
meetings left without one; the date from :func:`~geotext_claims._dating.date_event`.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from geotext import Article, Claim, Entity

from ._dating import FoundDate, date_event, find_dates
from ._locating import Locator, main_place, verbal_claim


def place_and_date(article: Article, entities: Sequence[Entity], claims: Sequence[Claim]) -> list[Claim]:
    """Return *claims* with ``location``, ``event_date`` (and ``reported_date`` for a day) filled."""
    if not claims:
        return list(claims)
    locator = Locator(article, entities)
    published = article.published.date() if article.published is not None else None
    dates: dict[tuple[int, int, bool], list[FoundDate]] = {}  # claims share sentences
    found: list[Claim] = []
    for claim in claims:
        cue = claim.cue_span
        if cue is None:
            found.append(claim)
            continue
        first = claim.evidence[0]
        sentence = (first.sentence_start, first.sentence_end)
        location = locator.locate(cue.start, cue.end, sentence) or locator.dateline(cue.start)
        future = claim.tense == "future"
        key = (*sentence, future)
        if key not in dates:
            dates[key] = list(find_dates(article.text, *sentence, published, future=future))
        when = date_event(article, cue, sentence=sentence, future=future, _found=dates[key])
        if location is None and when is None:
            found.append(claim)
            continue
        reported = claim.reported_date
        if reported is None and when is not None and when.precision == "day":
            reported = when.date
        found.append(attrs.evolve(claim, location=location, event_date=when, reported_date=reported))
    main = main_place(article, entities, found)
    if main is None:
        return found
    return [attrs.evolve(claim, location=main) if claim.location is None and claim.cue_span is not None
            and verbal_claim(claim) else claim for claim in found]
