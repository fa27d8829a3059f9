#!/usr/bin/env python3
"""Make a new geotext plugin from this template.

Usage::

    python3 plugins/_template/make_plugin.py NAME [DEST] [--kind parser|tagger|exporter ...]

writes ``DEST/geotext-NAME`` (DEST defaults to the current directory): a distribution
named ``geotext-NAME``, imported as ``geotext_NAME``, with the entry point ``NAME`` in
the group ``geotext.plugins``, and a parser, a tagger and an exporter (or the kinds
chosen with ``--kind``) with their tests. The layout follows CONTRIBUTING.md.

The template files end in ``.tmpl``, dropped in the plugin made from them, so that the
tools reading ``pyproject.toml`` and ``*.py`` files skip the template. They use
``{{placeholder}}`` fields, and ``# >>> kind:K`` / ``# <<< kind:K`` lines around the
parts that belong to one kind. Standard library only, so it
runs before anything is installed; :func:`make_plugin` is importable for a
``geotext new-plugin`` command.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent
KINDS = ("parser", "tagger", "exporter")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_SKIP = {"__pycache__"}
#: Every template file ends in this suffix, dropped when it is rendered, so that linters,
#: type checkers and build tools skip the unrendered ``{{placeholder}}`` files.
SUFFIX = ".tmpl"
_BLOCK = re.compile(r"^# (>>>|<<<) kind:(\w+)\n", re.M)
_CLASS_SUFFIX = {"parser": "Parser", "tagger": "Tagger", "exporter": "Exporter"}
_SUMMARY = {"parser": "a parser", "tagger": "a tagger", "exporter": "an exporter"}


class TemplateError(ValueError):
    """The plugin cannot be made: a bad name or kind, or the target exists."""


def _core_range() -> str:
    # Plugins depend on the core's current minor series: >=0.N,<0.N+1.
    version_file = TEMPLATE.parents[1] / "src" / "geotext" / "_version.py"
    try:
        match = re.search(r"(\d+)\.(\d+)", version_file.read_text(encoding="utf-8"))
    except OSError:
        match = None
    if match is None:
        try:
            from importlib.metadata import version

            match = re.match(r"(\d+)\.(\d+)", version("geotext-core"))
        except Exception:  # noqa: BLE001 - neither source nor installed core: use the first series
            match = None
    major, minor = (int(match.group(1)), int(match.group(2))) if match else (0, 1)
    if major == 0:
        return f">={major}.{minor},<{major}.{minor + 1}"
    return f">={major}.{minor},<{major + 1}"


def _keep_kinds(text: str, kinds: Iterable[str]) -> str:
    """Drop the blocks of the kinds not chosen, and every marker line."""
    chosen = set(kinds)
    out, skipping, position = [], None, 0
    for match in _BLOCK.finditer(text):
        if skipping is None:
            out.append(text[position : match.start()])
        edge, kind = match.groups()
        if edge == ">>>" and kind not in chosen:
            skipping = kind
        elif edge == "<<<" and kind == skipping:
            skipping = None
        position = match.end()
    out.append(text[position:])
    return "".join(out)


def fields(name: str, kinds: Iterable[str]) -> dict[str, str]:
    """The placeholder values for plugin *name* with *kinds*."""
    kinds = [kind for kind in KINDS if kind in set(kinds)]
    module = name.replace("-", "_")
    class_ = "".join(part.capitalize() for part in re.split(r"[-_]", name))
    classes = [f"{class_}{_CLASS_SUFFIX[kind]}" for kind in kinds]
    summary = ", ".join(_SUMMARY[kind] for kind in kinds)
    return {
        "name": name,
        "module": module,
        "dist": f"geotext-{name}",
        "class": class_,
        "summary": summary,
        "core_range": _core_range(),
        "all": ", ".join(f'"{c}"' for c in classes),
        "imports": ", ".join(classes),
        "classes": ", ".join(f"`{c}`" for c in classes),
        "kinds": repr(tuple(kinds)),
    }


def render(text: str, values: dict[str, str], kinds: Iterable[str]) -> str:
    text = _keep_kinds(text, kinds)
    rendered = re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], text)
    return re.sub(r"\n{4,}", "\n\n\n", rendered)


def unused_imports(source: str) -> list[str]:
    """Names imported at module level that the module never uses (``__all__`` counts as use)."""
    import ast

    tree = ast.parse(source)
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            used.update(c.value for c in ast.walk(node.value) if isinstance(c, ast.Constant))
    unused = []
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)) and getattr(node, "module", None) != "__future__":
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                if bound not in used:
                    unused.append(bound)
    return unused


def prune_imports(source: str) -> str:
    """Drop the module-level imports a kind-trimmed file no longer uses (one-line imports)."""
    import ast

    unused = set(unused_imports(source))
    if not unused:
        return source
    lines = source.splitlines(keepends=True)
    for node in sorted(ast.parse(source).body, key=lambda n: -n.lineno):
        if not isinstance(node, (ast.Import, ast.ImportFrom)) or node.lineno != node.end_lineno:
            continue
        kept = [a for a in node.names if (a.asname or a.name.split(".")[0]) not in unused]
        if len(kept) == len(node.names):
            continue
        if not kept:
            replacement = ""
        else:
            names = ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in kept)
            head = (
                f"from {'.' * node.level}{node.module or ''} import " if isinstance(node, ast.ImportFrom) else "import "
            )
            replacement = head + names + "\n"
        lines[node.lineno - 1] = replacement
    return re.sub(r"\n{4,}", "\n\n\n", "".join(lines))


def make_plugin(name: str, dest: str | Path = ".", kinds: Iterable[str] = KINDS) -> Path:
    """Write a new plugin ``geotext-<name>`` under *dest* and return its directory.

    Args:
        name: the plugin (entry point) name: lower-case letters and digits, words
            separated by ``-``, such as ``acme`` or ``acme-wire``.
        dest: the directory that receives ``geotext-<name>``.
        kinds: any of ``parser``, ``tagger``, ``exporter``.

    Raises:
        TemplateError: a bad name or kind, or the target directory exists.
    """
    kinds = list(kinds)
    if not _NAME.match(name or ""):
        raise TemplateError(f"{name!r}: a plugin name is lower-case letters and digits, words joined by '-'")
    if name.startswith("geotext"):
        raise TemplateError(f"{name!r}: give the name without the 'geotext-' prefix")
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown or not kinds:
        raise TemplateError(f"kinds {unknown or kinds}: choose among {', '.join(KINDS)}")
    values = fields(name, kinds)
    target = Path(dest) / values["dist"]
    if target.exists():
        raise TemplateError(f"{target} already exists")
    for source in sorted(TEMPLATE.rglob(f"*{SUFFIX}")):
        relative = source.relative_to(TEMPLATE)
        if source.is_dir() or _SKIP & set(relative.parts):
            continue
        path = target / render(str(relative)[: -len(SUFFIX)], values, kinds)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = render(source.read_text(encoding="utf-8"), values, kinds)
        if path.suffix == ".py":
            text = prune_imports(text)
        path.write_text(text, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Make a new geotext plugin from the template.")
    parser.add_argument("name", help="plugin name, such as acme or acme-wire")
    parser.add_argument("dest", nargs="?", default=".", help="directory to write geotext-NAME in")
    parser.add_argument(
        "--kind", action="append", choices=KINDS, help="a kind of component to include (repeatable; default: all)"
    )
    args = parser.parse_args(argv)
    try:
        target = make_plugin(args.name, args.dest, args.kind or KINDS)
    except TemplateError as exc:
        print(f"make_plugin: error: {exc}", file=sys.stderr)
        return 2
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
