"""The ``geotext`` command line.

Exit status of ``geotext analyze``: 0 when every input was analysed, 1 when some
inputs or records failed (the rest were written), 2 for a usage error, 3 when
nothing could be analysed.
"""

from __future__ import annotations

import glob
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from .exceptions import GeotextError

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3


def _expand(paths: tuple[str, ...]) -> Iterator[Path | Any]:
    """Files, directories (recursively, in name order), globs, and ``-`` for stdin."""
    for item in paths:
        if item == "-":
            yield click.get_binary_stream("stdin")
            continue
        path = Path(item)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                yield found
        elif path.exists():
            yield path
        else:
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                raise click.BadParameter(f"{item}: no such file, directory or match", param_hint="PATH")
            for match in matches:
                if Path(match).is_file():
                    yield Path(match)


def _parse_settings(pairs: tuple[str, ...], config_file: str | None) -> dict[str, dict[str, Any]]:
    config: dict[str, dict[str, Any]] = {}
    if config_file:
        try:
            loaded = json.loads(Path(config_file).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise click.BadParameter(f"{config_file}: {exc}", param_hint="--config") from None
        if not isinstance(loaded, dict) or not all(isinstance(v, dict) for v in loaded.values()):
            raise click.BadParameter(f"{config_file}: expected an object of objects keyed by plugin",
                                     param_hint="--config")
        config.update(loaded)
    for pair in pairs:
        key, sep, value = pair.partition("=")
        plugin, dot, option = key.partition(".")
        if not sep or not dot or not plugin or not option:
            raise click.BadParameter(f"{pair!r}: expected PLUGIN.OPTION=VALUE", param_hint="--set")
        try:
            parsed: Any = json.loads(value)
        except ValueError:
            parsed = value
        config.setdefault(plugin, {})[option] = parsed
    return config


def _fail(message: str, status: int = EXIT_FAILED) -> None:
    click.echo(f"geotext: error: {message}", err=True)
    sys.exit(status)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="geotext-core", prog_name="geotext")
def cli() -> None:
    """Turn geopolitical news into entities, claims and event codes."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "format_", default="jsonl", show_default=True,
              help="Output format: any exporter's name (see 'geotext plugins').")
@click.option("-o", "--output", type=click.Path(dir_okay=True, path_type=Path),
              help="File (or directory, for formats that write several files); default stdout.")
@click.option("--parser", help="Parser name, instead of choosing by suffix and content.")
@click.option("--media-type", help="Media type of the inputs, such as text/html.")
@click.option("--field", "fields", multiple=True, metavar="NAME=FIELD",
              help="JSON field mapping for record parsers, such as text=body.")
@click.option("--plugins", "plugin_names", help="Comma-separated plugins to load (default: all).")
@click.option("--set", "settings", multiple=True, metavar="PLUGIN.OPTION=VALUE",
              help="A plugin setting; VALUE is read as JSON when it parses.")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False),
              help="A JSON file of settings keyed by plugin name.")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a JSON Lines report of failed inputs here.")
@click.option("--max-bytes", type=click.IntRange(min=1), help="Largest input accepted, in bytes.")
@click.option("--max-records", type=click.IntRange(min=1), help="Most records read from one input.")
@click.option("--strict", is_flag=True, help="Fail when a plugin fails to load.")
@click.option("-q", "--quiet", is_flag=True, help="Print no summary.")
@click.option("--option", "exporter_options", multiple=True, metavar="KEY=VALUE",
              help="An exporter option, VALUE read as JSON when it parses.")
def analyze(paths: tuple[str, ...], format_: str, output: Path | None, parser: str | None,
            media_type: str | None, fields: tuple[str, ...], plugin_names: str | None,
            settings: tuple[str, ...], config_file: str | None, errors_path: Path | None,
            max_bytes: int | None, max_records: int | None, strict: bool, quiet: bool,
            exporter_options: tuple[str, ...]) -> None:
    """Analyse articles in PATHS (files, directories, globs, or - for stdin)."""
    from ._components import DEFAULT_MAX_BYTES
    from ._pipeline import Pipeline

    config = _parse_settings(settings, config_file)
    field_map = dict(_pairs(fields, "--field"))
    options = {key: _json_or_str(value) for key, value in _pairs(exporter_options, "--option")}
    names = None if plugin_names is None else [n.strip() for n in plugin_names.split(",") if n.strip()]
    try:
        pipeline = Pipeline(plugins=names, config=config, strict=strict or None,
                            max_bytes=max_bytes or DEFAULT_MAX_BYTES, max_records=max_records)
        pipeline.get_exporter(format_, **options)  # fail before reading anything
        batch = pipeline.analyze_many(
            _expand(paths), parser=parser, media_type=media_type,
            parser_options={"fields": field_map} if field_map else None,
        )
        if output is None:
            pipeline.export(batch, format=format_, to=click.get_binary_stream("stdout"), **options)
        else:
            pipeline.export(batch, format=format_, to=output, **options)
    except click.BadParameter:
        raise
    except GeotextError as exc:
        _fail(str(exc))
    _report(batch, errors_path, quiet)
    if batch.failures and not batch.count:
        sys.exit(EXIT_FAILED)
    if batch.failures:
        sys.exit(EXIT_PARTIAL)


def _report(batch: Any, errors_path: Path | None, quiet: bool) -> None:
    if errors_path is not None:
        from ._components import atomic_write

        with atomic_write(errors_path, "w") as stream:
            for failure in batch.failures:
                stream.write(json.dumps(failure.to_dict(), ensure_ascii=False) + "\n")
    else:
        for failure in batch.failures:
            where = failure.source if failure.record is None else f"{failure.source} record {failure.record}"
            click.echo(f"geotext: skipped {where}: {failure.error_type}: {failure.message}", err=True)
    if not quiet:
        click.echo(f"geotext: {batch.count} analysed, {len(batch.failures)} failed", err=True)


def _pairs(items: tuple[str, ...], option: str) -> Iterator[tuple[str, str]]:
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r}: expected KEY=VALUE", param_hint=option)
        yield key, value


def _json_or_str(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--all", "show_all", is_flag=True, help="Also show the hooks each plugin implements.")
def plugins(as_json: bool, show_all: bool) -> None:
    """List installed plugins, what they provide, and any that failed to load."""
    from ._plugins import list_plugins

    infos = list_plugins()
    if as_json:
        click.echo(json.dumps([info.to_dict() for info in infos], indent=2))
        return
    if not infos:
        click.echo("No plugins installed.")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("plugin", "distribution", "version", "provides", "status")
    for info in infos:
        provides = ", ".join(
            [*info.kinds]
            + [f"parser {n}" for n in info.parsers]
            + [f"format {n}" for n in info.exporters]
            + ([f"hooks: {', '.join(info.hooks)}"] if show_all else [])
        )
        status = "ok" if info.loaded else f"[red]failed: {info.error}[/red]"
        table.add_row(info.name, info.distribution or "", info.version or "", provides, status)
    Console(soft_wrap=True).print(table)


def main(argv: list[str] | None = None, prog_name: str | None = None) -> None:
    """Run the command line (the ``geotext`` script and ``python -m geotext``)."""
    if os.environ.get("GEOTEXT_NO_PLUGIN_COMMANDS") != "1":
        _add_plugin_commands()
    try:
        cli.main(args=argv, prog_name=prog_name or "geotext", standalone_mode=True)
    except GeotextError as exc:  # defensive: no traceback for our own errors
        _fail(str(exc))


def _add_plugin_commands() -> None:
    from ._plugins import default_plugins

    try:
        plugins = default_plugins()
        for _plugin, _ in plugins.call_each("geotext_register_commands", cli=cli):
            pass
    except GeotextError as exc:
        click.echo(f"geotext: warning: {exc}", err=True)
