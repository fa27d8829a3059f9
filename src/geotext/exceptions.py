"""Every error geotext raises, under one base class.

Each error also subclasses the builtin that fits it, so ``except ValueError`` keeps
working for callers that do not know geotext.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = [
    "AmbiguousComponentError",
    "ConfigError",
    "ExportError",
    "GeotextError",
    "InputTooLargeError",
    "NoParserError",
    "ParseError",
    "PluginError",
    "PluginLoadError",
    "SchemaError",
    "UnknownComponentError",
    "UnknownEntityError",
    "ValidationError",
    "WorkerDiedError",
]


class GeotextError(Exception):
    """Base class of every error raised by geotext and its plugins."""


class ValidationError(GeotextError, ValueError):
    """A value does not satisfy the data model.

    Attributes:
        field: dotted name of the offending field, such as ``"Mention.end"``.
        value: the rejected value.
    """

    def __init__(self, field: str, value: Any, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}={value!r}: {reason}")


class SchemaError(GeotextError, ValueError):
    """Serialized data cannot be read back: wrong schema version or malformed fields.

    Attributes:
        problems: one line per problem, each naming the path of the field.
    """

    def __init__(self, message: str, problems: Iterable[str] = ()) -> None:
        self.problems = list(problems)
        detail = "".join(f"\n  {p}" for p in self.problems)
        super().__init__(message + detail)


class ParseError(GeotextError, ValueError):
    """A source, or one record of it, cannot be read as an article.

    Attributes:
        source: the path, URI or description of the input.
        record: index of the record inside a multi-record source, or ``None``.
    """

    def __init__(self, message: str, *, source: str, record: int | None = None) -> None:
        self.source = source
        self.record = record
        self.message = message
        where = source if record is None else f"{source} record {record}"
        super().__init__(f"{where}: {message}")


class InputTooLargeError(ParseError):
    """A source is larger, or has more records, than the configured limit."""


class NoParserError(GeotextError, LookupError):
    """No installed parser accepts the source.

    Attributes:
        source: the input that could not be matched.
        available: names of the installed parsers.
    """

    def __init__(self, source: str, available: Iterable[str]) -> None:
        self.source = source
        self.available = sorted(available)
        if self.available:
            hint = "installed parsers: " + ", ".join(self.available)
        else:
            hint = "no parser plugin is installed (try: pip install geotext-text)"
        super().__init__(f"{source}: no parser can read this input; {hint}")


class UnknownComponentError(GeotextError, LookupError):
    """A parser or exporter name is not registered.

    Attributes:
        kind: ``"parser"`` or ``"exporter"``.
        name: the requested name.
        available: the registered names.
    """

    def __init__(self, kind: str, name: str, available: Iterable[str]) -> None:
        self.kind = kind
        self.name = name
        self.available = sorted(available)
        names = ", ".join(self.available) or f"none (no {kind} plugin is installed)"
        super().__init__(f"unknown {kind} {name!r}; available: {names}")


class AmbiguousComponentError(GeotextError, LookupError):
    """Two or more plugins register the same parser or exporter name.

    Attributes:
        kind: ``"parser"`` or ``"exporter"``.
        name: the contested name.
        candidates: the qualified names (``plugin:name``) that can be used instead.
    """

    def __init__(self, kind: str, name: str, candidates: Iterable[str]) -> None:
        self.kind = kind
        self.name = name
        self.candidates = sorted(candidates)
        super().__init__(
            f"{kind} name {name!r} is registered by several plugins; "
            f"choose one of: {', '.join(self.candidates)}"
        )


class PluginLoadError(GeotextError, ImportError):
    """A plugin could not be loaded (raised only in strict mode).

    Attributes:
        plugin: the entry point name.
        error: the underlying exception text.
    """

    def __init__(self, plugin: str, error: str) -> None:
        self.plugin = plugin
        self.error = error
        super().__init__(f"plugin {plugin!r} failed to load: {error}")


class PluginError(GeotextError, RuntimeError):
    """A plugin raised an unexpected exception while it was called.

    Attributes:
        plugin: the plugin name.
        hook: the hook or method that was called.
    """

    def __init__(self, plugin: str, hook: str, error: BaseException) -> None:
        self.plugin = plugin
        self.hook = hook
        super().__init__(f"plugin {plugin!r} failed in {hook}: {type(error).__name__}: {error}")


class ExportError(GeotextError, OSError):
    """Results cannot be written in the requested format or place."""


class ConfigError(GeotextError, ValueError):
    """A configuration value or environment variable is invalid."""


class UnknownEntityError(GeotextError, KeyError):
    """No entity with that id exists in the analysis."""

    def __str__(self) -> str:  # KeyError would show the repr of the message
        return str(self.args[0]) if self.args else ""


class WorkerDiedError(GeotextError, RuntimeError):
    """A worker process of a parallel run died while analysing an input.

    It is not raised: it names the failure reported for the input that was being
    analysed when the worker ended (a crash in native code, ``os._exit``, the
    out-of-memory killer). The run goes on with a new worker, and ``--resume`` does
    not analyse that input again.

    .. versionadded:: 0.2
    """
