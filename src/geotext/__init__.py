"""geotext: geopolitical news to structured, attributed, geolocated data.

The public API is what :data:`__all__` lists; every other module is private except
:mod:`geotext.hookspecs`, :mod:`geotext.cache` and :mod:`geotext.dates` (for plugin
authors), :mod:`geotext.testing` and :mod:`geotext.exceptions`. Importing geotext loads
no plugin: plugins load on first use, once per process.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._components import Exporter, Parser, Source, atomic_write, display_path
from ._model import (
    DATE_PRECISIONS,
    DATE_RULES,
    ENTITY_KINDS,
    LOCATION_RULES,
    MENTION_FORMS,
    MODALITIES,
    Analysis,
    Article,
    Claim,
    Coordinates,
    Entity,
    EventDate,
    EventLocation,
    Evidence,
    Mention,
    Provenance,
    Span,
)
from .exceptions import (
    AmbiguousComponentError,
    ConfigError,
    ExportError,
    GeotextError,
    InputTooLargeError,
    NoParserError,
    ParseError,
    PluginError,
    PluginLoadError,
    SchemaError,
    UnknownComponentError,
    UnknownEntityError,
    UnknownOptionError,
    ValidationError,
    WorkerDiedError,
)

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Mapping
    from typing import IO

    from ._pipeline import Batch, Failure, OnError, Pipeline, SourceLike
    from ._plugins import PluginInfo, PluginSet


__all__ = [
    "DATE_PRECISIONS",
    "DATE_RULES",
    "ENTITY_KINDS",
    "LOCATION_RULES",
    "MENTION_FORMS",
    "MODALITIES",
    "SCHEMA",
    "AmbiguousComponentError",
    "Analysis",
    "Article",
    "Batch",
    "Claim",
    "ConfigError",
    "Coordinates",
    "Entity",
    "EventDate",
    "EventLocation",
    "Evidence",
    "ExportError",
    "Exporter",
    "Failure",
    "GeotextError",
    "InputTooLargeError",
    "Mention",
    "NoParserError",
    "ParseError",
    "Parser",
    "Pipeline",
    "PluginError",
    "PluginInfo",
    "PluginLoadError",
    "PluginSet",
    "Provenance",
    "SchemaError",
    "Source",
    "Span",
    "UnknownComponentError",
    "UnknownEntityError",
    "UnknownOptionError",
    "ValidationError",
    "WorkerDiedError",
    "__version__",
    "analyze",
    "analyze_many",
    "atomic_write",
    "display_path",
    "export",
    "hookimpl",
    "list_plugins",
    "schema_path",
]

# Imported on first use: the pipeline pulls in the plugin machinery (stevedore),
# which ``import geotext`` should not pay for.
_LAZY = {
    "Batch": "._pipeline",
    "Failure": "._pipeline",
    "Pipeline": "._pipeline",
    "PluginInfo": "._plugins",
    "PluginSet": "._plugins",
    "SCHEMA": "._serialize",
    "__version__": "._version",
}


def __getattr__(name: str) -> Any:
    if name == "hookimpl":
        # Marks a plugin's hook implementations: ``@geotext.hookimpl``. Made on first
        # use so that ``import geotext`` does not import pluggy.
        import pluggy

        globals()["hookimpl"] = marker = pluggy.HookimplMarker("geotext")
        return marker
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'geotext' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def analyze(
    source: SourceLike | Article,
    *,
    parser: str | None = None,
    media_type: str | None = None,
    parser_options: Mapping[str, Any] | None = None,
    plugins: Iterable[str] | None = None,
    config: Mapping[str, Any] | None = None,
    strict: bool | None = None,
) -> Analysis:
    """Analyse one article: find its entities and claims.

    Args:
        source: text (a ``str``), bytes, a path (:class:`os.PathLike`), an open file,
            or an :class:`Article`.
        parser: a parser name, to skip automatic choice.
        media_type: a media type hint, such as ``"text/html"``.
        parser_options: options for the parser, such as a JSON field mapping.
        plugins: plugin names to use (default: every installed plugin).
        config: settings keyed by plugin name.
        strict: raise when a plugin fails to load.

    Raises:
        NoParserError: no installed parser reads the input.
        ParseError: the input cannot be read, or holds no or several articles.
    """
    from ._pipeline import analyze_with
    from ._settings import Settings

    settings = Settings(
        plugins=plugins,
        config=config,
        strict=strict,
        parser=parser,
        media_type=media_type,
        parser_options=parser_options,
    )
    return analyze_with(settings.pipeline(), source, settings)


def analyze_many(
    sources: Iterable[SourceLike | Article],
    *,
    parser: str | None = None,
    media_type: str | None = None,
    parser_options: Mapping[str, Any] | None = None,
    plugins: Iterable[str] | None = None,
    config: Mapping[str, Any] | None = None,
    strict: bool | None = None,
    on_error: OnError = None,
) -> Batch:
    """Analyse many sources lazily; a bad source or record is reported, the rest come out.

    Returns a :class:`Batch`: iterate over it for the analyses, and read
    :attr:`Batch.failures` for what failed. ``on_error`` may be ``"raise"`` or a
    callable that receives each :class:`Failure`.
    """
    from ._pipeline import analyze_many_with
    from ._settings import Settings

    settings = Settings(
        plugins=plugins,
        config=config,
        strict=strict,
        parser=parser,
        media_type=media_type,
        parser_options=parser_options,
    )
    return analyze_many_with(settings.pipeline(), sources, settings, on_error)


def export(
    results: Analysis | Iterable[Analysis],
    format: str,  # noqa: A002
    to: str | os.PathLike[str] | IO[Any] | None = None,
    *,
    plugins: Iterable[str] | None = None,
    **options: Any,
) -> str | bytes | int:
    """Write analyses in a format registered by an exporter plugin.

    Args:
        results: one analysis or an iterable of them (consumed lazily).
        format: the format name, such as ``"json"``, ``"jsonl"``, ``"csv"``, ``"markdown"``.
        to: a path (written atomically) or a stream; ``None`` returns the output.
        plugins: plugin names to use (default: every installed plugin).
        options: exporter options.

    Raises:
        UnknownComponentError: no exporter has that format name; lists those that do.
    """
    from ._settings import Settings

    return Settings(plugins=plugins).pipeline().export(results, format=format, to=to, **options)


def list_plugins() -> list[PluginInfo]:
    """Return name, distribution, version, kinds, hooks and load error of every plugin."""
    from ._plugins import list_plugins as _list

    return _list()


def schema_path() -> os.PathLike[str]:
    """Return the path of the JSON Schema of :meth:`Analysis.to_dict` output."""
    from importlib.resources import files

    return files(__name__) / "schema" / "analysis.schema.json"  # type: ignore[return-value]


for _name in (
    "Exporter",
    "Parser",
    "Source",
    "atomic_write",
    "display_path",
    "Analysis",
    "Article",
    "Claim",
    "Coordinates",
    "Entity",
    "EventDate",
    "EventLocation",
    "Evidence",
    "Mention",
    "Provenance",
    "Span",
):
    globals()[_name].__module__ = __name__
del _name
