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
    "UnknownOptionError",
    "ValidationError",
    "WorkerDiedError",
]


class GeotextError(Exception):
    """Base class of every error raised by geotext and its plugins.

    When a plugin raises a geotext error from a hook or component, the error keeps
    its class (``except ConfigError`` still catches it) and geotext records where it
    came from, which the message then ends with.

    Attributes:
        plugin: the plugin that raised it, or ``None`` when it did not come from one.
        hook: the hook or component method that was called (``geotext_tag_entities``,
            ``parse``, ``write``), or ``None``.

    .. versionchanged:: 0.2
       ``plugin`` and ``hook`` are set on every error a plugin raises.
    """

    plugin: str | None = None
    hook: str | None = None
    _attributed: bool = False
    #: whether the message ends with the plugin and hook once they are recorded
    _names_plugin: bool = True

    def __str__(self) -> str:
        text = super().__str__()
        if self._attributed and self._names_plugin:
            return f"{text} [plugin {self.plugin!r}, {self.hook}]"
        return text


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

    # bad input is the input's fault: the message names the source, not the parser
    _names_plugin = False

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
        available: names of the parsers the pipeline has.
        left_out: names of installed plugins the pipeline does not load (its
            ``plugins`` argument or ``GEOTEXT_LOAD_PLUGINS`` left them out).
    """

    def __init__(self, source: str, available: Iterable[str], *, left_out: Iterable[str] = ()) -> None:
        self.source = source
        self.available = sorted(available)
        self.left_out = sorted(left_out)
        if self.available:
            hint = "installed parsers: " + ", ".join(self.available)
        elif self.left_out:
            hint = "this pipeline loads no parser plugin; installed plugins it leaves out: " + ", ".join(self.left_out)
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
    """Two or more plugins register the same parser or exporter name, or several
    parsers read an input equally well (same suffix or media type, same sniff score
    and priority).

    Attributes:
        kind: ``"parser"`` or ``"exporter"``.
        name: the contested name.
        candidates: the qualified names (``plugin:name``) that can be used instead.
    """

    def __init__(self, kind: str, name: str, candidates: Iterable[str], *, message: str | None = None) -> None:
        self.kind = kind
        self.name = name
        self.candidates = sorted(candidates)
        super().__init__(
            message
            or f"{kind} name {name!r} is registered by several plugins; choose one of: {', '.join(self.candidates)}"
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
    """A plugin raised an exception that is not a :class:`GeotextError` while it was called.

    Every hook implementation and every component method (``Parser.parse``,
    ``Exporter.write``, the exporter's constructor) is wrapped alike: an unexpected
    exception becomes a ``PluginError`` chained to it (``__cause__``), while a
    ``GeotextError`` keeps its class and gets :attr:`GeotextError.plugin` set.

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
        text = str(self.args[0]) if self.args else ""
        return f"{text} [plugin {self.plugin!r}, {self.hook}]" if self._attributed else text


class UnknownOptionError(ConfigError, TypeError):
    """A parser or exporter was given an option it does not take.

    Attributes:
        component: what was given the option, such as ``"exporter 'jsonl'"``.
        unknown: the options it does not take.
        available: the options it takes.

    .. versionadded:: 0.2
    """

    def __init__(self, component: str, unknown: Iterable[str], available: Iterable[str]) -> None:
        self.component = component
        self.unknown = sorted(unknown)
        self.available = sorted(available)
        names = ", ".join(self.available) or "none"
        plural = "s" if len(self.unknown) > 1 else ""
        super().__init__(
            f"{component} has no option{plural} {', '.join(map(repr, self.unknown))}; its options: {names}"
        )


def attribute_error(error: GeotextError, plugin: str, hook: str) -> GeotextError:
    """Record on *error* the plugin and hook it came from, unless it already names one.

    geotext calls this for every :class:`GeotextError` a plugin raises; errors of other
    classes are wrapped in :class:`PluginError` instead.
    """
    if error.plugin is None:
        error.plugin = plugin
        error.hook = hook
        error._attributed = True
    return error


class WorkerDiedError(GeotextError, RuntimeError):
    """A worker process of a parallel run died while analysing an input.

    It is not raised: it names the failure reported for the input that was being
    analysed when the worker ended (a crash in native code, ``os._exit``, the
    out-of-memory killer). The run goes on with a new worker, and ``--resume`` does
    not analyse that input again.

    .. versionadded:: 0.2
    """
