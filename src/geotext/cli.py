"""The ``geotext`` command line.

Exit status of ``geotext analyze``: 0 when every input was analysed, 1 when some
inputs or records failed (the rest were written), 2 for a usage error (a bad
option, an unknown or ambiguous format or parser name, an invalid setting), 3 when
nothing could be analysed (or the run could not go on: an unwritable output, a worker
process that died), 130 when interrupted.

Errors are one line on stderr (``geotext: error: ...``), never a traceback. Failed
inputs and records go to a JSON Lines report (``--errors``, by default beside
``--output`` as ``NAME.errors.jsonl``; without ``--output``, lines on stderr), and a
summary line closes the run unless ``--quiet``. The run machinery (workers, resume)
is described in :mod:`geotext._corpus`.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .exceptions import AmbiguousComponentError, ConfigError, GeotextError, UnknownComponentError

if TYPE_CHECKING:
    from ._corpus import ResumeState, RunStats

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3


def _parse_settings(pairs: tuple[str, ...], config_file: str | None) -> dict[str, dict[str, Any]]:
    config: dict[str, dict[str, Any]] = {}
    if config_file:
        try:
            loaded = json.loads(Path(config_file).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise click.BadParameter(f"{config_file}: {exc}", param_hint="--config") from None
        if not isinstance(loaded, dict) or not all(isinstance(v, dict) for v in loaded.values()):
            raise click.BadParameter(
                f"{config_file}: expected an object of objects keyed by plugin", param_hint="--config"
            )
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
@click.option(
    "-f",
    "--format",
    "format_",
    default="jsonl",
    show_default=True,
    help="Output format: any exporter's name (see 'geotext plugins').",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=True, path_type=Path),
    help="File (or directory, for formats that write several files); default stdout.",
)
@click.option("--parser", help="Parser name, instead of choosing by suffix and content.")
@click.option("--media-type", help="Media type of the inputs, such as text/html.")
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="NAME=FIELD",
    help="JSON field mapping for record parsers, such as text=body.",
)
@click.option("--plugins", "plugin_names", help="Comma-separated plugins to load (default: all).")
@click.option(
    "--set",
    "settings",
    multiple=True,
    metavar="PLUGIN.OPTION=VALUE",
    help="A plugin setting; VALUE is read as JSON when it parses.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False),
    help="A JSON file of settings keyed by plugin name.",
)
@click.option(
    "--errors",
    "errors_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSON Lines report of failed inputs and records "
    "[default: OUTPUT's name with .errors.jsonl, or stderr lines without --output].",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Worker processes; 0 means one per CPU. The output is the same for any value.",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Continue an interrupted run into the same --output (JSON Lines): articles already written are skipped.",
)
@click.option("--max-bytes", type=click.IntRange(min=1), help="Largest input accepted, in bytes.")
@click.option("--max-records", type=click.IntRange(min=1), help="Most records read from one input.")
@click.option("--strict", is_flag=True, help="Fail when a plugin fails to load.")
@click.option("-q", "--quiet", is_flag=True, help="Show no progress bar and print no summary.")
@click.option(
    "--option",
    "exporter_options",
    multiple=True,
    metavar="KEY=VALUE",
    help="An exporter option, VALUE read as JSON when it parses.",
)
def analyze(
    paths: tuple[str, ...],
    format_: str,
    output: Path | None,
    parser: str | None,
    media_type: str | None,
    fields: tuple[str, ...],
    plugin_names: str | None,
    settings: tuple[str, ...],
    config_file: str | None,
    errors_path: Path | None,
    jobs: int,
    resume: bool,
    max_bytes: int | None,
    max_records: int | None,
    strict: bool,
    quiet: bool,
    exporter_options: tuple[str, ...],
) -> None:
    """Analyse articles in PATHS (files, directories, globs, or - for stdin).

    Results stream out in input order, one article at a time; a source or record that
    fails is reported and the run goes on. Exit status: 0 every input analysed, 1 some
    failed (the rest were written), 2 usage error, 3 nothing could be analysed.

    \b
    With --jobs N, N worker processes analyse in parallel; the output is identical,
    byte for byte, to --jobs 1. With --resume, a run into a JSON Lines --output that
    was interrupted (even by kill -9) continues where it stopped: a truncated last
    line is cut off, and the articles whose ids the file holds are not written again.
    """
    from ._components import DEFAULT_MAX_BYTES
    from ._corpus import CorpusRun, expand_inputs, is_line_oriented, resume_state
    from ._settings import Settings
    from .exceptions import ParseError

    config = _parse_settings(settings, config_file)
    field_map = dict(_pairs(fields, "--field"))
    options = {key: _json_or_str(value) for key, value in _pairs(exporter_options, "--option")}
    names = None if plugin_names is None else [n.strip() for n in plugin_names.split(",") if n.strip()]
    if resume and output is None:
        raise click.UsageError("--resume needs --output: the file to continue")
    try:
        inputs = expand_inputs(paths)
    except ParseError as exc:
        raise click.BadParameter(str(exc), param_hint="PATH") from None
    run_settings = Settings(
        plugins=names,
        config=config,
        strict=strict or None,
        max_bytes=max_bytes or DEFAULT_MAX_BYTES,
        max_records=max_records,
        parser=parser,
        media_type=media_type,
        parser_options={"fields": field_map} if field_map else None,
        format=format_,
        exporter_options=options,
    )
    run = report = bar = None
    written: Any = None
    try:
        try:
            exporter = run_settings.exporter()  # fail before reading anything
        except (UnknownComponentError, AmbiguousComponentError, ConfigError) as exc:
            _fail(str(exc), EXIT_USAGE)  # a format, option or setting the command line named
        line_oriented = is_line_oriented(exporter)
        if resume and not line_oriented:
            raise click.UsageError(f"--resume needs a line-oriented format such as jsonl, not {format_!r}")
        _check_output_paths(inputs, output, errors_path, line_oriented)
        done: ResumeState | set[str] = resume_state(output) if resume and output is not None else set()
        died = _earlier_worker_deaths(errors_path, output) if resume else {}
        report = _error_report(errors_path, output)
        run = CorpusRun(
            inputs, run_settings, jobs=jobs or os.cpu_count() or 1, done=done, died=died, stdin=_binary("stdin")
        )
        if not quiet and sys.stderr.isatty():
            bar = _ProgressBar(run.stats)
            run.on_progress = bar.update
        run.on_failure = _failure_printer(report, bar)
        written = _write(run, run_settings, output, line_oriented, append=resume)
    except click.ClickException:
        raise
    except KeyboardInterrupt:
        _close(bar, report)
        hint = "; rerun with --resume to continue" if output is not None and not resume else ""
        click.echo(f"geotext: interrupted{hint}", err=True)
        sys.exit(130)
    except GeotextError as exc:
        _close(bar, report)
        _fail(str(exc))
    _close(bar, report)
    assert run is not None
    stats = run.stats
    if not quiet:
        click.echo(f"geotext: {_summary(stats)}", err=True)
        if stats.failed and report is not None:
            click.echo(f"geotext: failures listed in {_shown(report.path)}", err=True)
    nothing = not (stats.analysed or stats.failed or stats.skipped)
    if nothing:
        # an empty wrapper, an empty directory: say so rather than exit 0 in silence
        click.echo("geotext: error: no article found in the inputs", err=True)
    if output is not None and written is False:
        click.echo(f"geotext: no article written; {_shown(output)} left as it was", err=True)
    if nothing or (stats.failed and not (stats.analysed or stats.skipped)):
        sys.exit(EXIT_FAILED)
    if stats.failed:
        sys.exit(EXIT_PARTIAL)


# -- progress ---------------------------------------------------------------------------------


def _summary(stats: RunStats) -> str:
    resumed = f", {stats.skipped} already done" if stats.skipped else ""
    return (
        f"{stats.analysed} analysed, {stats.failed} failed{resumed} "
        f"in {stats.seconds:.1f} s ({stats.rate:.1f} articles/s)"
    )


class _ProgressBar:
    """A rich progress bar on stderr: articles, articles/s, bytes, errors, estimate.

    The run calls :meth:`update` with its stats after each chunk (``on_progress``).
    """

    def __init__(self, stats: RunStats) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.stats = stats
        self.console = Console(stderr=True)
        self._progress = Progress(
            TextColumn("[bold]analyse"),
            BarColumn(),
            TextColumn("{task.fields[articles]} articles"),
            TextColumn("{task.fields[rate]:.1f}/s"),
            DownloadColumn(),
            TextColumn("[red]{task.fields[errors]} errors"),
            TimeElapsedColumn(),
            TextColumn("eta"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self._task = self._progress.add_task("analyse", total=stats.bytes_total or None, articles=0, rate=0.0, errors=0)
        self._progress.start()

    def update(self, stats: RunStats | None = None) -> None:
        stats = stats or self.stats
        self._progress.update(
            self._task,
            completed=stats.bytes_done,
            articles=stats.analysed + stats.skipped,
            rate=stats.rate,
            errors=stats.failed,
        )

    def print(self, message: str) -> None:
        self.console.print(message, markup=False, highlight=False)

    def close(self) -> None:
        self.update()
        self._progress.stop()


def _shown(path: Path) -> str:
    from ._components import display_path

    return display_path(path)


def _errors_beside(output: Path) -> Path:
    """The default errors report of *output*: ``NAME.errors.jsonl`` beside it, or inside
    it when the output is a directory (formats that write several files)."""
    if output.is_dir() or not output.name:
        return output / "errors.jsonl"
    return output.with_name(output.stem + ".errors.jsonl")


def _check_output_paths(inputs: Any, output: Path | None, errors_path: Path | None, line_oriented: bool) -> None:
    from ._corpus import check_outputs
    from .exceptions import ConfigError

    if output is not None and line_oriented and output.is_dir():
        raise click.BadParameter(f"{_shown(output)} is a directory; this format writes one file", param_hint="--output")
    report = errors_path if errors_path is not None else (_errors_beside(output) if output is not None else None)
    try:
        check_outputs(inputs, [("--output", output), ("--errors", report)])
    except ConfigError as exc:
        raise click.BadParameter(str(exc), param_hint="--output or --errors") from None
    if report is not None and report.is_dir():
        raise click.BadParameter(f"{_shown(report)} is a directory", param_hint="--errors")


def _earlier_worker_deaths(errors_path: Path | None, output: Path | None) -> dict[Any, Any]:
    from ._corpus import read_worker_deaths

    path = errors_path if errors_path is not None else (_errors_beside(output) if output is not None else None)
    return read_worker_deaths(path) if path is not None else {}


def _error_report(errors_path: Path | None, output: Path | None) -> Any:
    """The errors report: --errors, else beside --output (made only on a failure), else none."""
    from ._corpus import ErrorReport

    if errors_path is not None:
        return ErrorReport(errors_path, always=True)
    if output is None:
        return None
    beside = _errors_beside(output)
    beside.unlink(missing_ok=True)  # a stale report of an earlier run would mislead
    return ErrorReport(beside)


def _failure_printer(report: Any, bar: Any) -> Any:
    def on_failure(failure: dict[str, Any]) -> None:
        if report is not None:
            report.add(failure)
            return
        record = failure.get("record")
        where = failure["source"] if record is None else f"{failure['source']} record {record}"
        message = f"geotext: skipped {where}: {failure['error_type']}: {failure['message']}"
        if bar is not None:
            bar.print(message)
        else:
            click.echo(message, err=True)

    return on_failure


class _NothingToWrite(BaseException):  # a signal, not an error
    """Ends an export that received no analysis, so that its atomic write keeps the old file.

    A BaseException, as KeyboardInterrupt is: the plugin machinery, which wraps an
    exporter's errors, lets it through, and atomic_write removes its temporary file.
    """


def _write(run: Any, settings: Any, output: Path | None, line_oriented: bool, *, append: bool) -> bool | None:
    """Write the run's results; return whether *output* was written (``None`` for stdout).

    An existing output is replaced (or truncated) only once the first article is ready:
    a run in which every input fails leaves it as it was.
    """
    if line_oriented:
        from ._corpus import LineWriter

        existed = output is not None and output.exists()
        writer = LineWriter(output if output is not None else _binary("stdout"), append=append)
        batch: list[bytes] = []
        try:
            for payload in run:
                batch.append(payload)
                if len(batch) >= 64:
                    writer.write(batch)
                    batch = []
            writer.write(batch)
        finally:
            writer.close()
        if output is None or append:
            return None
        return bool(writer.lines) or not existed
    from ._model import Analysis

    count = 0
    keep_old = output is not None and output.exists()

    def analyses() -> Iterator[Any]:
        nonlocal count
        for payload in run:
            count += 1
            yield payload if isinstance(payload, Analysis) else Analysis.from_dict(_loads(payload))
        if not count and keep_old:
            raise _NothingToWrite

    to: Any = output if output is not None else _binary("stdout")
    try:
        settings.pipeline().export(analyses(), format=settings.format, to=to, **settings.exporter_options)
    except _NothingToWrite:
        return False
    return None if output is None else True


def _binary(name: str) -> Any:
    # the binary buffer of sys.stdin / sys.stdout (click's get_binary_stream is deprecated)
    stream = getattr(sys, name)
    return getattr(stream, "buffer", stream)


def _loads(data: bytes) -> Any:
    from ._corpus import loads

    return loads(data)


def _close(bar: Any, report: Any) -> None:
    if bar is not None:
        bar.close()
    if report is not None:
        report.close()


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
            [kind for kind in info.kinds if kind not in ("parser", "exporter")]  # named below
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
        default_plugins().register_commands(cli=cli)
    except GeotextError as exc:
        click.echo(f"geotext: warning: {exc}", err=True)
