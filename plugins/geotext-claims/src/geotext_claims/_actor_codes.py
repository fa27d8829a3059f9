"""CAMEO actor codes for the sources and targets of claims.

A code is a country (ISO 3166 alpha-3, or ``IGO``/``NGO``/``IMG``/``MNC`` for actors of no
one state) followed by a role (``GOV``, ``MIL``, ``OPP``, ``REB``, ``COP``, ``JUD``...), as
PETRARCH and GDELT write them: ``CHNGOV`` for "Chinese Premier Li Keqiang", ``RUSMIL`` for
"Russian troops". Where it comes from, first match wins:

1. an agent noun right after the actor's mention in the claim's sentence gives the role to
   the actor's country ("Russian troops", "Israel's army");
2. the entity's dated codes (``attributes["cameo"]``, from the PETRARCH dictionaries), the
   one valid on the article's date, else one with no dates, else the latest;
3. its kind: a state is its country alone; a person holding an office on the date
   (``attributes["terms"]``, or a title in the text) ``GOV``, one whose terms have ended
   ``ELI``; an office ``GOV``; an international organisation ``IGO``; a place its country.

``None`` where none of these tells a code.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from geotext import Article, Claim, Entity

from ._agents import role_after


def _dated(cameo: Sequence[Mapping[str, Any]], day: str) -> str | None:
    undated = latest = None
    for item in cameo:
        start, until = item.get("from"), item.get("until")
        if start is None and until is None:
            undated = undated or item["code"]
            continue
        if (start is None or start <= day) and (until is None or day < until):
            return str(item["code"])
        if latest is None or (until or start or "") > latest[0]:
            latest = (until or start or "", item["code"])
    return undated or (latest[1] if latest else None)


def entity_code(entity: Entity, day: str) -> str | None:
    """The CAMEO actor code of *entity* on *day* (ISO date), without the text's help."""
    attributes = entity.attributes
    cameo = attributes.get("cameo")
    if cameo:
        return _dated(cameo, day)
    country = entity.country if entity.country and len(entity.country) == 3 else None
    if entity.id.startswith("iso:"):
        return entity.id[4:7]
    if entity.kind == "person":
        terms = attributes.get("terms") or ()
        if terms and country:
            active = any(t.get("start", "") <= day and (not t.get("end") or day < t["end"]) for t in terms)
            return country + ("GOV" if active else "ELI")
        if (entity.office or entity.id.startswith("office:")) and country:
            return country + "GOV"
        return country
    if entity.id.startswith("igo:"):
        return "IGO"
    return country


def code_claims(claims: Sequence[Claim], article: Article, entities: Sequence[Entity]) -> list[Claim]:
    """Return *claims* with ``source_codes`` and ``target_codes`` filled in."""
    if not claims:
        return list(claims)
    published = article.published
    day = (published.date() if published is not None else _dt.date.today()).isoformat()
    by_id = {entity.id: entity for entity in entities}
    text = article.text
    cache: dict[tuple[str, int, int], str | None] = {}

    def code(actor: str, lo: int, hi: int) -> str | None:
        key = (actor, lo, hi)
        if key in cache:
            return cache[key]
        entity = by_id.get(actor)
        result = None
        if entity is not None:
            result = entity_code(entity, day)
            if entity.kind in ("state", "place") or (entity.kind in ("organisation", "group") and result
                                                     and len(result) == 3):
                country = result[:3] if result else None
                for mention in entity.mentions:
                    if lo <= mention.start and mention.end <= hi:
                        role = role_after(text, mention.end)
                        if role and country:
                            result = country + role
                            break
        cache[key] = result
        return result

    out = []
    for claim in claims:
        lo = min(e.sentence_start for e in claim.evidence)
        hi = max(e.sentence_end for e in claim.evidence)
        out.append(attrs.evolve(claim, source_codes=tuple(code(a, lo, hi) for a in claim.sources),
                                target_codes=tuple(code(a, lo, hi) for a in claim.targets)))
    return out
