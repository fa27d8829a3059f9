"""The documentation keeps up with the code: every hook, public name and example is in it."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

import geotext
import geotext.hookspecs

DOCS = Path(__file__).resolve().parents[1] / "docs"
ROOT = DOCS.parent


def _hookspecs() -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(function)
        for name, function in vars(geotext.hookspecs).items()
        if name.startswith("geotext_") and hasattr(function, "geotext_spec")
    }


def _documented_hooks() -> dict[str, tuple[list[str], str]]:
    """Hook name -> (argument names in the heading, text of its section)."""
    text = (DOCS / "plugin-hooks.md").read_text(encoding="utf-8")
    pattern = re.compile(
        r"^\((plugin_hook_\w+)\)=\n#+ `?(\w+)\(([^)]*)\)`?\n(.*?)(?=^\([\w-]+\)=$|^#+ |\Z)", re.M | re.S
    )
    found = {}
    for label, name, arguments, body in pattern.findall(text):
        assert label == f"plugin_hook_{name}", f"label {label} does not match the heading {name}"
        found[name] = ([a.strip() for a in arguments.split(",") if a.strip()], body)
    return found


def test_there_are_hooks_to_document():
    assert {"geotext_tag_entities", "geotext_extract_claims", "geotext_register_parsers"} <= set(_hookspecs())


@pytest.mark.parametrize("hook", sorted(_hookspecs()))
def test_plugin_hook_is_documented(hook):
    documented = _documented_hooks()
    assert hook in documented, f"{hook} has no section (plugin_hook_{hook})= in docs/plugin-hooks.md"
    arguments, body = documented[hook]
    assert arguments == list(_hookspecs()[hook].parameters), (
        f"docs/plugin-hooks.md shows {hook}({', '.join(arguments)}), the specification is {hook}{_hookspecs()[hook]}"
    )
    for argument in arguments:
        assert re.search(rf"^- `{argument}` \(", body, re.M), f"{hook}: argument {argument} is not described"


def test_no_documented_hook_is_missing_from_the_specifications():
    assert set(_documented_hooks()) <= set(_hookspecs())


def test_every_public_name_is_in_the_api_reference():
    api = (DOCS / "api.md").read_text(encoding="utf-8")
    missing = [name for name in geotext.__all__ if not re.search(rf"\bgeotext\.{re.escape(name)}\b", api)]
    assert not missing, f"docs/api.md lacks {missing}"


def test_merging_label_exists_for_the_hookspecs_reference():
    # hookspecs.py refers to :ref:`merging`
    assert "(merging)=" in (DOCS / "data-model.md").read_text(encoding="utf-8")


def _includes():
    for page in sorted(DOCS.rglob("*.md")):
        if "_build" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        for match in re.finditer(r"```\{literalinclude\} (\S+)\n((?::[\w-]+:.*\n)*)", text):
            options = {key: value.strip().strip('"') for key, value in re.findall(r":([\w-]+): ?(.*)", match.group(2))}
            yield page, match.group(1), options


@pytest.mark.parametrize(
    ("page", "target", "options"), [pytest.param(*item, id=f"{item[0].name}:{item[1]}") for item in _includes()]
)
def test_literalinclude_targets_and_markers_exist(page, target, options):
    path = (page.parent / target).resolve()
    assert path.is_file(), f"{page.name} includes {target}, which does not exist"
    text = path.read_text(encoding="utf-8")
    for key in ("start-after", "end-before"):
        if key in options:
            assert options[key] in text, f"{page.name}: marker {options[key]!r} not in {target}"


def test_included_doc_examples_are_collected_as_tests():
    # The markers in tests/test_docs_examples.py wrap tests, so included code is run code.
    source = (ROOT / "tests" / "test_docs_examples.py").read_text(encoding="utf-8")
    for start in re.findall(r"^# -- start (\w+) --$", source, re.M):
        block = source.split(f"# -- start {start} --")[1].split(f"# -- end {start} --")[0]
        assert "\ndef test_" in block, f"example {start} contains no test"
