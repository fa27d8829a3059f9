"""Merging the entities of several taggers into one deterministic list.

The rule (documented in the data model page, "Merging"):

1. Contributions are put in a canonical order first: by the plugin's ``priority``
   setting (higher first, default 0), then by plugin name, then by entity id. Nothing
   below depends on the order in which plugins were installed or registered.
2. Entities with the same id become one. Mentions are united, one per span: where
   contributions give the same span different forms (``name`` and ``alias``), the
   first in canonical order wins. ``ids`` and ``attributes`` are united key by key;
   on a clash, and for ``name``, ``kind``, ``coordinates``, ``country`` and
   ``office``, the first contribution in canonical order that has a value wins.
3. A tagger resolves overlaps among its own mentions. Where mentions of *different*
   taggers overlap without covering the same characters, the longer mention wins; on
   equal length the earlier start, then the smaller entity id. Mentions of the same
   span are all kept (a capital can be a place and stand for its state).
4. An entity left without mentions by rule 3 is dropped, unless it had none to begin
   with (an actor a tagger knows of without a mention in the text).
5. The result is ordered by first mention, then id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any

from ._model import Entity, Mention, _sorted_mentions

_MERGED_FIELDS = ("kind", "name", "coordinates", "country", "office")


def merge_entities(
    contributions: Iterable[tuple[str, Sequence[Entity]]], priorities: Mapping[str, int] | None = None
) -> tuple[Entity, ...]:
    """Merge ``(plugin, entities)`` pairs by the rule in this module's docstring.

    *priorities* maps plugin names to their ``priority`` setting (default 0).
    """
    contributions = [(plugin, entities) for plugin, entities in contributions if entities]
    if len(contributions) == 1:
        # One tagger (the usual case), ids distinct: the rule only orders its entities.
        entities = contributions[0][1]
        if len({entity.id for entity in entities}) == len(entities):
            keys = [_order_key(entity) for entity in entities]
            if all(a < b for a, b in pairwise(keys)):
                return tuple(entities)
            return tuple(sorted(entities, key=_order_key))
    return _merge(contributions, priorities or {})


def _merge(
    contributions: Iterable[tuple[str, Sequence[Entity]]], priorities: Mapping[str, int] | None = None
) -> tuple[Entity, ...]:
    priorities = priorities or {}
    ordered = sorted(
        ((plugin, entity) for plugin, entities in contributions for entity in entities or ()),
        key=lambda pair: (-priorities.get(pair[0], 0), pair[0], pair[1].id),
    )
    plugins = {plugin for plugin, _ in ordered}
    if len(plugins) > 1:
        ordered = _resolve_cross_plugin_overlaps(ordered)

    merged: dict[str, Entity] = {}
    for _plugin, entity in ordered:
        current = merged.get(entity.id)
        merged[entity.id] = entity if current is None else _combine(current, entity)
    return tuple(sorted(merged.values(), key=_order_key))


def _order_key(entity: Entity) -> tuple[int, int, str]:
    if entity.mentions:
        return (0, entity.mentions[0].start, entity.id)
    return (1, 0, entity.id)


def _combine(first: Entity, second: Entity) -> Entity:
    # both were checked (by their constructors and against the text): their union is valid
    fields: dict[str, Any] = {}
    for field in _MERGED_FIELDS:
        value = getattr(first, field)
        fields[field] = getattr(second, field) if value is None else value
    spans = {(m.start, m.end) for m in first.mentions}
    mentions = [*first.mentions, *(m for m in second.mentions if (m.start, m.end) not in spans)]
    return Entity._trusted(
        id=first.id,
        ids={**second.ids, **first.ids},
        attributes={**second.attributes, **first.attributes},
        mentions=_sorted_mentions(mentions),
        **fields,
    )


def _resolve_cross_plugin_overlaps(ordered: list[tuple[str, Entity]]) -> list[tuple[str, Entity]]:
    # Every mention with its plugin and entity, so overlaps between plugins can be judged.
    items: list[tuple[Mention, str, str]] = [
        (mention, plugin, entity.id) for plugin, entity in ordered for mention in entity.mentions
    ]
    items.sort(key=lambda item: (-(item[0].end - item[0].start), item[0].start, item[2], item[1]))
    kept: list[tuple[Mention, str, str]] = []
    dropped: set[tuple[str, str, Mention]] = set()
    for mention, plugin, entity_id in items:
        loser = False
        for other, other_plugin, _ in kept:
            if other_plugin == plugin:
                continue
            same_span = other.start == mention.start and other.end == mention.end
            overlaps = other.start < mention.end and mention.start < other.end
            if overlaps and not same_span:
                loser = True
                break
        if loser:
            dropped.add((plugin, entity_id, mention))
        else:
            kept.append((mention, plugin, entity_id))
    if not dropped:
        return ordered
    result = []
    for plugin, entity in ordered:
        remaining = [m for m in entity.mentions if (plugin, entity.id, m) not in dropped]
        if entity.mentions and not remaining:
            continue
        if len(remaining) != len(entity.mentions):
            entity = entity.with_mentions(remaining)
        result.append((plugin, entity))
    return result
