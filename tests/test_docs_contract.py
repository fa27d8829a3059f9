"""The docs state the plugin contract once, and what they state about files is true."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import geotext

ROOT = Path(__file__).resolve().parent.parent
WRITING = (ROOT / "docs" / "writing-plugins.md").read_text(encoding="utf-8")


def test_writing_plugins_states_each_rule_in_one_section():
    rules = WRITING.split("(plugin-rules)=", 1)[1].split("\n## ", 2)[1]
    for heading in ("### Settings: one way in", "### Errors", "### Priorities and ambiguity", "### Entity ids"):
        assert rules.count(heading) == 1, heading
        assert WRITING.count(heading) == 1, f"{heading} stated twice"
    for fact in (
        "Source.options",
        "with_options",
        "UnknownOptionError",
        "priority",
        "AmbiguousComponentError",
        "PluginError",
        "keeps its class",
        "check_entity_ids",
    ):
        assert fact in rules, fact


def test_installing_a_checkout_into_ones_own_environment_is_documented():
    assert re.search(r"pip install -c constraints\.txt -e '\.\[dev\]' -e plugins/", WRITING)


def test_seeds_readme_gives_the_article_id_the_parser_makes():
    pytest.importorskip("geotext_text", reason="needs geotext-text installed")
    readme = (ROOT / "seeds" / "README.md").read_text(encoding="utf-8")
    article = geotext.analyze(ROOT / "seeds" / "002_6d7e0bee2b7aea2c.txt", plugins=["text"]).article
    assert f"`{article.id}`" in readme
    assert "**id**: the file stem" not in readme
