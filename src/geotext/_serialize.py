"""Serialisation of the values to JSON-safe dicts and back, through cattrs.

The layout is the documented schema (``schema/analysis.schema.json``); only the
envelope of an :class:`~geotext.Analysis` (``schema`` and ``versions``) is written here,
cattrs does the rest.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any, TypeVar

import cattrs
from cattrs.fns import identity
from cattrs.preconf.json import make_converter

from ._model import Analysis, Article, Claim, Entity
from .exceptions import SchemaError, ValidationError

#: Name and major version of the serialized layout; bumped on incompatible changes.
SCHEMA = "geotext/2"

#: Layouts :func:`analysis_from_dict` reads: geotext/1 is geotext/2 without the claims'
#: ``location``, ``event_date``, ``source_codes`` and ``target_codes``, which then read as
#: None and empty.
READABLE_SCHEMAS = frozenset({"geotext/1", SCHEMA})

T = TypeVar("T")

_converter = make_converter(forbid_extra_keys=True)
# preconf.json writes datetimes as ISO strings already; dates need the same treatment
_converter.register_unstructure_hook(_dt.date, lambda value: value.isoformat())
_converter.register_structure_hook(_dt.date, lambda value, _: _dt.date.fromisoformat(value))


def _copy_json(value: Any) -> Any:
    # The models check that these fields hold JSON values only, so a plain copy is their
    # unstructured form; cattrs would dispatch on the runtime type of every item.
    kind = type(value)
    if kind is dict:
        return {key: _copy_json(item) for key, item in value.items()}
    if kind is list:
        return [_copy_json(item) for item in value]
    if kind in _JSON_SCALARS:
        return value
    return _converter.unstructure(value)  # a subclass, such as an enum of str: cattrs knows it


_JSON_SCALARS = (str, int, float, bool, type(None))


# Unstructuring runs once per entity and claim written: the fields that are JSON already
# (optional scalars, string maps, JSON maps) skip cattrs' per-value dispatch.
_converter.register_unstructure_hook_func(
    lambda cls: cls in (str | None, int | None, float | None), identity
)
_converter.register_unstructure_hook_func(lambda cls: cls == dict[str, str], dict)
_converter.register_unstructure_hook_func(lambda cls: cls == dict[str, Any], _copy_json)


def unstructure(value: Any) -> dict[str, Any]:
    """Return *value* (an attrs value of geotext) as a JSON-safe dict."""
    return _converter.unstructure(value)


def structure(data: Mapping[str, Any], cls: type[T]) -> T:
    """Build a *cls* value from JSON-safe *data*, turning cattrs' errors into ours."""
    if not isinstance(data, Mapping):
        raise SchemaError(f"{cls.__name__}: expected a JSON object, got {type(data).__name__}")
    try:
        return _converter.structure(data, cls)
    except ValidationError:
        raise
    except cattrs.BaseValidationError as group:
        inner = _first_validation_error(group)
        if inner is not None:
            raise inner from None
        problems = cattrs.transform_error(group, path=cls.__name__)
        raise SchemaError(f"cannot read {cls.__name__}", problems) from None


def _first_validation_error(group: BaseException) -> ValidationError | None:
    # A model violation inside a nested value is more useful than cattrs' wrapper.
    for exc in getattr(group, "exceptions", ()):
        if isinstance(exc, ValidationError):
            return exc
        found = _first_validation_error(exc)
        if found is not None:
            return found
    return None


def analysis_to_dict(analysis: Analysis) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "article": unstructure(analysis.article),
        "entities": [unstructure(entity) for entity in analysis.entities],
        "claims": [unstructure(claim) for claim in analysis.claims],
        "versions": dict(analysis.versions),
    }


def analysis_from_dict(data: Mapping[str, Any]) -> Analysis:
    if not isinstance(data, Mapping):
        raise SchemaError(f"analysis: expected a JSON object, got {type(data).__name__}")
    schema = data.get("schema")
    if schema is None:
        raise SchemaError("analysis: the 'schema' key is missing")
    if schema not in READABLE_SCHEMAS:
        raise SchemaError(f"analysis: unsupported schema {schema!r}; this geotext reads {sorted(READABLE_SCHEMAS)}")
    unknown = set(data) - {"schema", "article", "entities", "claims", "versions"}
    if unknown:
        raise SchemaError("analysis: unknown keys", sorted(unknown))
    if "article" not in data:
        raise SchemaError("analysis: the 'article' key is missing")
    article = structure(data["article"], Article)
    entities = [structure(item, Entity) for item in _list(data, "entities")]
    claims = [structure(item, Claim) for item in _list(data, "claims")]
    versions = data.get("versions") or {}
    if not isinstance(versions, Mapping):
        raise SchemaError("analysis.versions: expected a JSON object")
    return Analysis(article=article, entities=entities, claims=claims, versions=versions)


def _list(data: Mapping[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise SchemaError(f"analysis.{key}: expected a JSON array, got {type(value).__name__}")
    return value
