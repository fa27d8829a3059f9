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
   (``attributes["terms"]``) ``GOV``, one whose terms have ended ``ELI``; a person with an
   office and no terms (a title in the text) ``GOV``; an international organisation ``IGO``;
   a place or other entity its country.

``None`` where none of these tells a code.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from geotext import Article, Claim, Entity

from ._agents import role_after

_ACTOR_CODE = re.compile(r"^(?:[A-Z]{3}){1,5}$")


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


class ActorCoder:
    """Codes the actors of one article's claims; made once per article.

    Args:
        article: the article (its published date picks dated codes; default today).
        entities: the article's entities, whose ids the claims' actors are.
    """

    def __init__(self, article: Article, entities: Sequence[Entity]) -> None:
        published = article.published
        self.day = (published.date() if published is not None else _dt.date.today()).isoformat()
        self.text = article.text
        self.by_id = {entity.id: entity for entity in entities}
        self._codes: dict[str, str | None] = {}
        self._starts: dict[str, list[int]] = {}
        self._cache: dict[tuple[str, int, int], str | None] = {}
        self._roles: dict[int, str | None] = {}  # mention end -> role of the agent noun after it

    def code(self, actor: str, lo: int, hi: int) -> str | None:
        """The code of *actor* in a claim whose sentences span ``[lo, hi)``."""
        key = (actor, lo, hi)
        found = self._cache.get(key, key)
        if found is not key:
            return found  # type: ignore[return-value]
        entity = self.by_id.get(actor)
        result = None
        if entity is not None:
            if actor not in self._codes:
                code = entity_code(entity, self.day)
                # ids and countries from other taggers need not be ISO codes ("iso:0"): no code
                self._codes[actor] = code if code and _ACTOR_CODE.match(code) else None
            result = self._codes[actor]
            if entity.kind in ("state", "place") or (
                entity.kind in ("organisation", "group") and result and len(result) == 3
            ):
                result = self._with_role(entity, result, lo, hi)
        self._cache[key] = result
        return result

    def _with_role(self, entity: Entity, code: str | None, lo: int, hi: int) -> str | None:
        """*code*'s country with the role of an agent noun after a mention in ``[lo, hi)``."""
        if not code:
            return code
        starts = self._starts.get(entity.id)
        if starts is None:
            starts = self._starts[entity.id] = [m.start for m in entity.mentions]
        mentions = entity.mentions
        for i in range(bisect.bisect_left(starts, lo), len(starts)):
            mention = mentions[i]
            if mention.end > hi:
                break
            end = mention.end
            role = self._roles[end] if end in self._roles else self._roles.setdefault(end, role_after(self.text, end))
            if role:
                return code[:3] + role
        return code

    def codes(self, actors: Sequence[str], lo: int, hi: int) -> tuple[str | None, ...]:
        """The codes of *actors*, aligned with them."""
        return tuple(self.code(actor, lo, hi) for actor in actors)


def code_claims(claims: Sequence[Claim], coder: ActorCoder) -> list[Claim]:
    """Return *claims* with ``source_codes`` and ``target_codes`` filled in by *coder*."""
    out = []
    for claim in claims:
        lo = min(e.sentence_start for e in claim.evidence)
        hi = max(e.sentence_end for e in claim.evidence)
        out.append(
            claim._replace(
                source_codes=coder.codes(claim.sources, lo, hi), target_codes=coder.codes(claim.targets, lo, hi)
            )
        )
    return out
