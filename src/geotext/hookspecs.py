"""Hook specifications: what a geotext plugin can implement.

A plugin is a module (or object) registered under the entry point group
``geotext.plugins``; it implements any of these hooks with :data:`geotext.hookimpl`.
Hooks are grouped by the phase of the pipeline in which they run:

1. registration (once per process, when plugins load): parsers, exporters, commands;
2. parsing: every parsed article can be adjusted;
3. tagging: every tagger contributes entities, which the core merges;
4. claim extraction: runs after tagging and sees the merged entities;
5. results: every finished analysis can be adjusted.

geotext calls hooks with keyword arguments only, through pluggy's hook callers (so
hook wrappers, ``tryfirst``/``trylast`` and tracing apply). An implementation may
accept any subset of a hook's arguments. A :class:`~geotext.GeotextError` it raises
keeps its class with ``plugin`` and ``hook`` set; any other exception becomes a
:class:`~geotext.PluginError`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

import pluggy

if TYPE_CHECKING:
    import click

    from ._components import Exporter, Parser
    from ._model import Analysis, Article, Claim, Entity

_F = TypeVar("_F", bound=Callable[..., Any])

_hookspec = pluggy.HookspecMarker("geotext")


def hookspec(function: _F | None = None, **options: Any) -> Any:
    """Mark a hook specification; a typed wrapper around pluggy's marker."""
    if function is None:
        return lambda f: cast(_F, _hookspec(f, **options))
    return _hookspec(function)


# ---------------------------------------------------------------------------------------
# Registration phase: called once when the plugins are loaded.
# ---------------------------------------------------------------------------------------


@hookspec
def geotext_register_parsers(register: Callable[[Parser], None]) -> None:
    """Register parsers, each under its :attr:`~geotext.Parser.name`.

    :param register: call it once per parser instance. Two plugins that register the
        same name make the name ambiguous: it then has to be qualified as
        ``plugin:name`` (see :class:`~geotext.AmbiguousComponentError`).
    """


@hookspec
def geotext_register_exporters(register: Callable[[Exporter | type[Exporter]], None]) -> None:
    """Register exporters, each under its format name (:attr:`~geotext.Exporter.name`).

    :param register: call it once per exporter class (or instance with default options:
        options given later, from the plugin's settings or the call, layer on them). The
        same ambiguity rule as for parsers applies to format names.
    """


@hookspec
def geotext_register_commands(cli: click.Group) -> None:
    """Add subcommands to the ``geotext`` command line.

    :param cli: the top-level :class:`click.Group`; add commands with ``@cli.command()``
        or groups with ``@cli.group()``.
    """


@hookspec
def geotext_data_versions() -> Mapping[str, str] | None:
    """Report the versions of the data a plugin ships (gazetteers, lexicons).

    They are recorded in :attr:`~geotext.Analysis.versions` of every result, beside the
    versions of geotext and of the plugins' distributions.

    :return: a mapping such as ``{"geotext-gazetteer-data": "2026.11.1"}``.
    """


# ---------------------------------------------------------------------------------------
# Parsing phase: once per article read from a source.
# ---------------------------------------------------------------------------------------


@hookspec
def geotext_article_parsed(article: Article, config: Mapping[str, Any]) -> Article | None:
    """Adjust an article after its parser read it and before tagging.

    Implementations run in plugin order; each sees the article returned by the
    previous one. Return a new :class:`~geotext.Article` (for example with a detected
    language) or ``None`` to leave it as it is.

    :param article: the article as the parser (and earlier implementations) made it.
    :param config: the settings of this run, keyed by plugin name.
    :return: the replacement article, or ``None``.
    """


# ---------------------------------------------------------------------------------------
# Tagging phase: every tagger contributes entities.
# ---------------------------------------------------------------------------------------


@hookspec
def geotext_tag_entities(article: Article, config: Mapping[str, Any]) -> Sequence[Entity] | None:
    """Find the entities of an article.

    Every implementation is called; the core merges their results (see
    :ref:`merging`): entities with the same id become one, and where mentions of
    different taggers overlap the longer one wins. A tagger resolves overlaps among
    its own mentions itself.

    :param article: the article to tag.
    :param config: the settings of this run, keyed by plugin name; a tagger reads its
        own section, such as ``config.get("gazetteer", {})``.
    :return: the entities found, each with its mentions; ``None`` or empty for none.
    """


# ---------------------------------------------------------------------------------------
# Claim phase: after tagging, sees the merged entities.
# ---------------------------------------------------------------------------------------


@hookspec
def geotext_extract_claims(
    article: Article, entities: Sequence[Entity], config: Mapping[str, Any]
) -> Sequence[Claim] | None:
    """Find the claims of an article: who said or did what, to whom.

    Every implementation is called and the claims are concatenated (a claim repeated
    with the same id is kept once). Actors must be ids of *entities*; an extractor that
    needs an entity the taggers did not find returns it from
    :func:`geotext_tag_entities` instead.

    :param article: the article.
    :param entities: the merged entities of every tagger, in order of first mention.
    :param config: the settings of this run, keyed by plugin name.
    :return: the claims found; ``None`` or empty for none.
    """


# ---------------------------------------------------------------------------------------
# Result phase: once per finished analysis.
# ---------------------------------------------------------------------------------------


@hookspec
def geotext_analysis_ready(analysis: Analysis, config: Mapping[str, Any]) -> Analysis | None:
    """Adjust or inspect a finished analysis before it is returned or exported.

    Implementations run in plugin order, each on the previous one's result.

    :param analysis: the finished analysis.
    :param config: the settings of this run, keyed by plugin name.
    :return: a replacement analysis, or ``None`` to keep it.
    """
