"""Serialisation of attrs values to JSON-safe dicts and back, through cattrs.

The layout is the documented schema (``schema/analysis.schema.json``): cattrs writes
each attrs class field by field, dates as ISO strings, and leaves out a field whose
metadata says ``omit_if_default`` while it holds its default. The envelope of an
:class:`~geotext.Analysis` (``schema`` and ``versions``) is written by the class itself.

Reading back, cattrs only shapes: it checks the keys, builds the nested attrs values
and passes every other JSON value as it is to the class's public constructor, whose
converters and validators check it (once) and name the field when it is wrong.

This module knows no geotext class: :mod:`geotext._model` imports it (inside
``to_dict``/``from_dict``), never the other way round.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
from cattrs.gen import make_dict_unstructure_fn, override
from cattrs.preconf.json import make_converter

from .exceptions import SchemaError

#: Name and major version of the serialized layout; bumped on incompatible changes.
SCHEMA = "geotext/2"

#: Layouts :meth:`geotext.Analysis.from_dict` reads: geotext/1 is geotext/2 without the
#: claims' ``location``, ``event_date``, ``source_codes`` and ``target_codes``, which then
#: read as None and empty.
READABLE_SCHEMAS = frozenset({"geotext/1", SCHEMA})

T = TypeVar("T")

_converter = make_converter(forbid_extra_keys=True)
# preconf.json writes datetimes as ISO strings already; dates need the same treatment
_converter.register_unstructure_hook(_dt.date, lambda value: value.isoformat())


def _attrs_unstructure(cls: type) -> Callable[[Any], dict[str, Any]]:
    omitted = {
        field.name: override(omit_if_default=True)
        for field in attrs.fields(cls)
        if field.metadata.get("omit_if_default")
    }
    return make_dict_unstructure_fn(cls, _converter, **omitted)  # type: ignore[arg-type]


_converter.register_unstructure_hook_factory(attrs.has, _attrs_unstructure)

_Build = Callable[[Any], Any]


def _nested(kind: Any) -> _Build | None:
    """How to build a field of type *kind* from JSON: only attrs values need building."""
    if attrs.has(kind):
        hook = _converter.get_structure_hook(kind)
        return lambda value: hook(value, kind)
    args = get_args(kind)
    if get_origin(kind) in (Union, UnionType) and len(args) == 2 and attrs.has(args[0]) and args[1] is type(None):
        inner, optional = args[0], _converter.get_structure_hook(args[0])
        return lambda value: None if value is None else optional(value, inner)
    if get_origin(kind) is tuple and len(args) == 2 and attrs.has(args[0]) and args[1] is Ellipsis:
        item, each = args[0], _converter.get_structure_hook(args[0])
        # not a JSON array: the class's converter says what is wrong
        return lambda value: [each(element, item) for element in value] if type(value) is list else value
    return None


def _attrs_structure(cls: type) -> Callable[[Any, Any], Any]:
    fields = [field for field in attrs.fields(cls) if field.init]
    known = frozenset(field.name for field in fields)
    required = frozenset(field.name for field in fields if field.default is attrs.NOTHING)
    builds = [(field.name, build) for field in fields if (build := _nested(field.type)) is not None]

    def structure_value(data: Any, _: Any) -> Any:
        if type(data) is not dict:
            if not isinstance(data, Mapping):
                raise SchemaError(f"{cls.__name__}: expected a JSON object, got {type(data).__name__}")
            data = dict(data)
        if builds:
            data = data.copy()
            for name, build in builds:
                if name in data:
                    data[name] = build(data[name])
        try:
            return cls(**data)
        except TypeError:  # keys the constructor does not take, or lacks
            keys = set(data)
            if not keys <= known:
                raise SchemaError(f"{cls.__name__}: unknown keys", sorted(map(str, keys - known))) from None
            if not required <= keys:
                raise SchemaError(f"{cls.__name__}: missing keys", sorted(required - keys)) from None
            raise

    return structure_value


_converter.register_structure_hook_factory(attrs.has, _attrs_structure)


def unstructure(value: Any) -> dict[str, Any]:
    """Return *value* (an attrs value of geotext) as a JSON-safe dict."""
    result: dict[str, Any] = _converter.unstructure(value)
    return result


def structure(data: Any, cls: type[T]) -> T:
    """Build a *cls* value from JSON-safe *data*, turning cattrs' errors into ours.

    Raises:
        SchemaError: *data* is no JSON object, or a field is missing or malformed.
        ValidationError: a value breaks the data model (from the class's constructor).
    """
    value: T = _converter.get_structure_hook(cls)(data, cls)
    return value


def check_envelope(data: Any, name: str, *, keys: Iterable[str]) -> None:
    """Check the envelope of a serialized document: a JSON object of a readable schema,
    with no key but *keys*, holding the ``article``.

    Raises:
        SchemaError: naming *name* and what is wrong.
    """
    if not isinstance(data, Mapping):
        raise SchemaError(f"{name}: expected a JSON object, got {type(data).__name__}")
    schema = data.get("schema")
    if schema is None:
        raise SchemaError(f"{name}: the 'schema' key is missing")
    if schema not in READABLE_SCHEMAS:
        raise SchemaError(f"{name}: unsupported schema {schema!r}; this geotext reads {sorted(READABLE_SCHEMAS)}")
    unknown = set(data) - set(keys)
    if unknown:
        raise SchemaError(f"{name}: unknown keys", sorted(unknown))
    if "article" not in data:
        raise SchemaError(f"{name}: the 'article' key is missing")


def structure_list(data: Mapping[str, Any], key: str, cls: type[T]) -> list[T]:
    """Build the *cls* values of the JSON array ``data[key]`` (absent: none)."""
    value = data.get(key, [])
    if not isinstance(value, list):
        raise SchemaError(f"analysis.{key}: expected a JSON array, got {type(value).__name__}")
    hook = _converter.get_structure_hook(cls)
    return [hook(item, cls) for item in value]
