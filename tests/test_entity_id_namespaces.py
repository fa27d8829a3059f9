"""Every entity id the first-party plugins emit matches a namespace documented in the data model."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

import geotext
from geotext.testing import ENTITY_ID_PATTERNS, check_entity_ids

ROOT = Path(__file__).resolve().parent.parent
DATA_MODEL = ROOT / "docs" / "data-model.md"


def _generated_texts() -> list[str]:
    """Sentences naming every curated entity of the gazetteer and a sample of its places."""
    gazetteer = pytest.importorskip("geotext_gazetteer", reason="needs geotext-gazetteer installed")
    from importlib.resources import files

    data = json.loads(gzip.decompress(files(gazetteer).joinpath("data", "gazetteer.json.gz").read_bytes()))
    names: dict[int, str] = {}
    for name, index, form, _kind in data["names"]:
        if form == "name":
            names.setdefault(index, name)
    chosen = []
    for index, entity in enumerate(data["entities"]):
        if index not in names:
            continue
        if not entity["id"].startswith("geonames:") or index % 170 == 0:
            chosen.append(names[index])
    texts = []
    for start in range(0, len(chosen), 12):
        group = chosen[start : start + 12]
        texts.append(
            "Delegations met on Monday. "
            + " ".join(f"{name} said it would take part." for name in group)
            + " The Chinese Foreign Minister and the President of Mongolia urged Russia to act."
        )
    return texts


def _seed_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]


@pytest.fixture(scope="module")
def emitted_ids() -> set[str]:
    ids: set[str] = set()
    # the seeds through the whole pipeline, as users analyse articles
    for analysis in geotext.analyze_many(_seed_texts(), strict=True):
        check_entity_ids(analysis.entities)
        ids.update(entity.id for entity in analysis.entities)
    # the generated texts (over a megabyte) through every installed plugin's entity
    # tagging: entities come from geotext_tag_entities alone, and extracting the claims of
    # these texts, two thirds of the time of a full analysis, would add no id
    plugins = geotext.PluginSet(strict=True)
    for text in _generated_texts():
        for _plugin, entities in plugins.tag_entities(article=geotext.Article(text=text), config={}):
            check_entity_ids(entities)
            ids.update(entity.id for entity in entities)
    return ids


@pytest.mark.slow
def test_every_emitted_id_matches_a_documented_pattern(emitted_ids):
    namespaces = {entity_id.split(":", 1)[0] for entity_id in emitted_ids}
    # the generated texts reach every namespace the first-party gazetteer holds
    assert {"iso", "geonames", "igo", "person", "office", "place", "initiative", "group"} <= namespaces
    assert {"iso3166-2", "admin1", "fips"} <= namespaces


def test_every_namespace_is_documented_in_the_data_model():
    table = DATA_MODEL.read_text(encoding="utf-8").split("(entity-ids)=", 1)[1].split("\n## ", 2)[1]
    documented = set(re.findall(r"^\| `([a-z][a-z0-9-]*):", table, flags=re.M))
    assert documented == set(ENTITY_ID_PATTERNS)
