"""The settings of a run, as one value: which plugins, how to read, what to write.

:class:`Settings` is what the public functions (:func:`geotext.analyze`,
:func:`geotext.analyze_many`, :func:`geotext.export`), the corpus runner, its worker
processes and :mod:`geotext.dask` pass along instead of a row of keywords. It is
checked once, where it is made (a bad value raises :class:`~geotext.ConfigError`
naming the argument), and it is small, hashable and picklable, so that a worker
process rebuilds the same pipeline from it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ._components import DEFAULT_MAX_BYTES
from .cache import freeze
from .exceptions import ConfigError

if TYPE_CHECKING:
    from ._components import Exporter
    from ._pipeline import Pipeline

__all__ = ["Settings", "check_config", "check_plugin_names"]


def check_plugin_names(value: Any) -> None:
    """Refuse *plugins* values that are not a list of names (a string would be read letter by letter)."""
    from ._plugins import PluginSet

    if (
        value is not None
        and not isinstance(value, PluginSet)
        and (isinstance(value, (str, bytes)) or not isinstance(value, Iterable))
    ):
        example = f", such as [{value!r}]" if isinstance(value, str) else ""
        raise ConfigError(f"plugins={value!r}: expected a list of plugin names{example}")


def check_config(value: Any) -> None:
    if value is not None and (
        not isinstance(value, Mapping) or not all(isinstance(section, Mapping) for section in value.values())
    ):
        raise ConfigError(
            f"config={value!r}: expected settings keyed by plugin name, such as "
            "{'gazetteer': {'extra_entries': 'mine.csv'}}"
        )


def check_limit(name: str, value: Any) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise ConfigError(f"{name}={value!r}: expected a whole number >= 1")


def check_reading(*, parser: Any = None, media_type: Any = None, parser_options: Any = None) -> None:
    for name, value in (("parser", parser), ("media_type", media_type)):
        if value is not None and not isinstance(value, str):
            raise ConfigError(f"{name}={value!r}: expected a string")
    if parser_options is not None and not isinstance(parser_options, Mapping):
        raise ConfigError(f"parser_options={parser_options!r}: expected a mapping of options")


def _to_plugin_names(value: Iterable[str] | None) -> tuple[str, ...] | None:
    check_plugin_names(value)
    return None if value is None else tuple(value)


def _to_config(value: Mapping[str, Mapping[str, Any]] | None) -> dict[str, dict[str, Any]]:
    check_config(value)
    return {key: dict(section) for key, section in (value or {}).items()}


def _to_options(value: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if value is not None and not isinstance(value, Mapping):
        raise ConfigError(f"parser_options={value!r}: expected a mapping of options")
    return None if value is None else dict(value)


def _check_limit(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    check_limit(attribute.name, value)


def _check_name(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, str):
        raise ConfigError(f"{attribute.name}={value!r}: expected a string")


@attrs.frozen(kw_only=True)
class Settings:
    """Everything that decides what a run reads, how it analyses and what it writes.

    Args:
        plugins: plugin names to load, or ``None`` for every installed plugin.
        config: settings keyed by plugin name.
        strict: raise when a plugin fails to load (``None``: ``GEOTEXT_STRICT_PLUGINS``).
        max_bytes: the largest source a parser may read.
        max_records: the most records read from one multi-record source.
        parser: a parser name, instead of choosing one per source.
        media_type: a media type hint for every source.
        parser_options: options for the parser, such as a JSON field mapping.
        format: the exporter's format name.
        exporter_options: options of the exporter.

    Raises:
        ConfigError: a value of the wrong kind; the message names the argument.
    """

    plugins: tuple[str, ...] | None = attrs.field(default=None, converter=_to_plugin_names)
    config: dict[str, dict[str, Any]] = attrs.field(factory=dict, converter=_to_config, hash=False)
    strict: bool | None = None
    max_bytes: int = attrs.field(default=DEFAULT_MAX_BYTES, validator=_check_limit)
    max_records: int | None = attrs.field(default=None, validator=_check_limit)
    parser: str | None = attrs.field(default=None, validator=_check_name)
    media_type: str | None = attrs.field(default=None, validator=_check_name)
    parser_options: dict[str, Any] | None = attrs.field(default=None, converter=_to_options, hash=False)
    format: str = attrs.field(default="jsonl", validator=_check_name)
    exporter_options: dict[str, Any] = attrs.field(factory=dict, converter=dict, hash=False)

    def pipeline_key(self) -> Hashable:
        """What makes two settings share a pipeline: the plugins, their config, the limits."""
        names = None if self.plugins is None else tuple(sorted(set(self.plugins)))
        return names, freeze(self.config), self.strict, self.max_bytes, self.max_records

    def pipeline(self) -> Pipeline:
        """The pipeline of these settings, made once per process (plugins load once)."""
        from ._pipeline import pipeline_for

        return pipeline_for(self)

    def exporter(self) -> Exporter:
        """The exporter of :attr:`format` with :attr:`exporter_options`."""
        return self.pipeline().get_exporter(self.format, **self.exporter_options)
