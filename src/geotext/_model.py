"""The values geotext produces: Article, Entity (with Mentions), Claim and Analysis.

Values are checked once, where they enter from outside:

- The public constructors (``Mention(...)``, ``Entity(...)``, ...), which users and
  third-party plugins call, and ``from_dict`` check every field; a violation raises
  :class:`geotext.ValidationError` naming the field and the value. Checks that need the
  article text (offsets inside the text, mention text equal to the slice, actors that
  are entities) run when the values are bundled into an :class:`Analysis`; the pipeline
  runs them on each plugin's results, so that an error names the plugin.
- ``Analysis.from_dict`` checks a whole document in one pass (``_read_analysis``, at the
  end of this module) and makes the values with ``_trusted``; a document it does not
  read as plainly valid is read again through the public constructors, whose error
  names the field.
- ``_trusted(**fields)``, a private constructor shared with the first-party plugins of
  this repository, sets the fields as given: no converter, no validator, no derived
  default. The caller guarantees what the public constructor would check (see
  CONTRIBUTING.md, "Values: checked once, at the boundary").

Mappings held by a value (``Entity.ids``, ``Entity.attributes``, ``Article.metadata``,
``Analysis.versions``) are read-only dicts, so that values can share them.

This module imports no other module of geotext but :mod:`geotext.exceptions` and
:mod:`geotext.dates` (and
:mod:`geotext._serialize` inside ``to_dict``/``from_dict``).
"""

import datetime as _dt
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NoReturn, TypeVar

import attrs

from .dates import iso_datetime
from .exceptions import UnknownEntityError, ValidationError

#: Entity kinds the core knows. Plugins may add kinds in a namespace, such as ``"acme:vessel"``.
ENTITY_KINDS = frozenset({"state", "place", "organisation", "person", "initiative", "group"})

#: How an entity is written at a mention. Plugins may add namespaced forms.
MENTION_FORMS = frozenset(
    {
        "name",  # "Mongolia", "Li Qiang", "Shanghai Cooperation Organization"
        "acronym",  # "SCO", "BRI", "U.S."
        "demonym",  # "Chinese", "Mongolian" standing for the state
        "capital",  # "Beijing" standing for China
        "title",  # "the Chinese Premier", "China's Foreign Minister"
        "short_name",  # "Li", "Oyun-Erdene" after the full name
        "alias",  # another accepted name: "Britain" for the United Kingdom
        "pronoun",  # "He" resolved to the last named speaker
        "agent",  # "police", "Yoruba leaders": a generic agent noun, no name
    }
)

#: A claim's modality, after PLOVER's event modes and the issue's wording.
MODALITIES = frozenset({"asserted", "intended", "requested", "hedged", "negated"})

TENSES = frozenset({"past", "present", "future"})

_NAMESPACED = re.compile(r"^[a-z][a-z0-9_.-]*:[^\s:][^\s]*$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_CAMEO = re.compile(r"^[0-9]{2,4}[A-Z]?$")
#: A CAMEO actor code: three-letter blocks, a country or IGO/NGO/IMG... and roles ("USAGOVLEG").
_CAMEO_ACTOR = re.compile(r"^(?:[A-Z]{3}){1,5}$")

if TYPE_CHECKING:
    _Field = attrs.Attribute[Any]  # what attrs passes to a validator
else:
    _Field = attrs.Attribute
_Check = Callable[[Any, Any, Any], None]


def _fail(cls: str, attribute: _Field, value: Any, reason: str) -> NoReturn:
    raise ValidationError(f"{cls}.{attribute.name}", value, reason)


# The checks of offsets run for every span and mention read: each is one flat test.
def _not_offset(value: Any) -> bool:
    return type(value) is bool or not isinstance(value, int) or value < 0


def _check_offset(instance: Any, attribute: _Field, value: int) -> None:
    if type(value) is bool or not isinstance(value, int) or value < 0:
        _fail(type(instance).__name__, attribute, value, "must be an integer >= 0")


def _check_end(instance: Any, attribute: _Field, value: int) -> None:
    if type(value) is bool or not isinstance(value, int) or value < instance.start or value < 0:
        reason = "must be an integer >= 0" if _not_offset(value) else f"must be >= start ({instance.start})"
        _fail(type(instance).__name__, attribute, value, reason)


def _check_nonempty_end(instance: Any, attribute: _Field, value: int) -> None:
    if type(value) is bool or not isinstance(value, int) or value <= instance.start or value < 0:
        reason = "must be an integer >= 0" if _not_offset(value) else f"must be > start ({instance.start})"
        _fail(type(instance).__name__, attribute, value, reason)


def _check_str(instance: Any, attribute: _Field, value: Any) -> None:
    if not isinstance(value, str) or not value:
        _fail(type(instance).__name__, attribute, value, "must be a non-empty string")


def _check_opt_str(instance: Any, attribute: _Field, value: Any) -> None:
    if value is not None and not isinstance(value, str):
        _fail(type(instance).__name__, attribute, value, "must be a string or None")


def _known_or_namespaced(known: frozenset[str]) -> _Check:
    def check(instance: Any, attribute: _Field, value: Any) -> None:
        if not isinstance(value, str) or (value not in known and not _NAMESPACED.match(value)):
            _fail(
                type(instance).__name__,
                attribute,
                value,
                f"must be one of {sorted(known)} or namespaced like 'plugin:{attribute.name}'",
            )

    return check


def _check_entity_id(instance: Any, attribute: _Field, value: Any) -> None:
    if not isinstance(value, str) or not _NAMESPACED.match(value):
        _fail(type(instance).__name__, attribute, value, "must be a namespaced id like 'iso:CHN'")


def _check_opt_iso3(instance: Any, attribute: _Field, value: Any) -> None:
    if value is not None and (not isinstance(value, str) or not _ISO3.match(value)):
        _fail(type(instance).__name__, attribute, value, "must be an ISO 3166 alpha-3 code")


def _check_mapping_of_str(instance: Any, attribute: _Field, value: Any) -> None:
    for key, item in value.items():
        if not isinstance(key, str) or not isinstance(item, str):
            _fail(type(instance).__name__, attribute, {key: item}, "keys and values must be strings")


_JSON_SCALARS = (str, int, bool, type(None))
_INFINITIES = (float("inf"), float("-inf"))


def _is_json(item: Any) -> bool:
    # called for every attribute of every entity: plain loops, exact types first
    kind = type(item)
    if kind in _JSON_SCALARS:
        return True
    if kind is float:
        return item == item and item not in _INFINITIES  # NaN and infinities are not JSON
    if kind is list:
        for element in item:  # noqa: SIM110 - a plain loop on this hot path (see above), no generator
            if not _is_json(element):
                return False
        return True
    if kind is dict:
        for key, element in item.items():  # noqa: SIM110 - as above
            if type(key) is not str or not _is_json(element):
                return False
        return True
    if isinstance(item, (str, int)):  # subclasses such as enums of str
        return True
    if isinstance(item, float):
        return _is_json(float(item))
    return False


def _check_json_mapping(instance: Any, attribute: _Field, value: Any) -> None:
    for key, item in value.items():
        try:
            plain = type(key) is str and _is_json(item)
        except RecursionError:
            _fail(type(instance).__name__, attribute, key, "nests values too deep")
        if not plain:
            _fail(type(instance).__name__, attribute, {key: item}, "must hold JSON values only")


def _as_tuple(field: str, value: Any, *, none_is_empty: bool = True) -> tuple[Any, ...]:
    """*value* as a tuple, naming *field* when it is no sequence.

    A single string (or mapping, or value) is refused rather than split into its
    characters (or keys): ``authors="John Smith"`` is not ten one-letter authors.
    """
    kind = type(value)
    if kind is tuple or kind is list:  # tuple() returns a tuple itself
        return tuple(value)
    if value is None and none_is_empty:
        return ()
    if isinstance(value, (str, bytes, bytearray, Mapping)) or not isinstance(value, Iterable):
        hint = f" (one string is not a list: pass [{value!r}])" if isinstance(value, str) else ""
        raise ValidationError(field, value, f"must be a list or tuple, not {type(value).__name__}{hint}")
    return tuple(value)


# The converters of the sequence fields: named functions, so that type checkers read the
# parameters of the constructors from them.
def _paragraphs(value: "Iterable[Span] | None") -> "tuple[Span, ...]":
    return _as_tuple("Article.paragraphs", value)


def _authors(value: Iterable[str] | None) -> tuple[str, ...]:
    return _as_tuple("Article.authors", value)


def _evidence(value: "Iterable[Evidence]") -> "tuple[Evidence, ...]":
    return _as_tuple("Claim.evidence", value, none_is_empty=False)


def _sources(value: Iterable[str] | None) -> tuple[str, ...]:
    return _as_tuple("Claim.sources", value)


def _targets(value: Iterable[str] | None) -> tuple[str, ...]:
    return _as_tuple("Claim.targets", value)


def _source_codes(value: Iterable[str | None] | None) -> tuple[str | None, ...]:
    return _as_tuple("Claim.source_codes", value)


def _target_codes(value: Iterable[str | None] | None) -> tuple[str | None, ...]:
    return _as_tuple("Claim.target_codes", value)


def _entities(value: "Iterable[Entity] | None") -> "tuple[Entity, ...]":
    return _as_tuple("Analysis.entities", value)


def _claims(value: "Iterable[Claim] | None") -> "tuple[Claim, ...]":
    return _as_tuple("Analysis.claims", value)


class _FrozenDict(dict[str, Any]):
    """A read-only dict: the mappings a frozen value holds, shared between values.

    A dict subclass rather than :class:`types.MappingProxyType`, so that it pickles (the
    corpus runner and Dask send analyses between processes), compares equal to a dict
    and is written by :mod:`json` as one. Only the top level is read-only: the JSON
    values inside are as given.
    """

    __slots__ = ()

    def _read_only(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("the mappings of geotext values are read-only; make a dict of it to change it")

    __setitem__ = __delitem__ = __ior__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self),))

    def __copy__(self) -> "_FrozenDict":
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> "_FrozenDict":
        import copy

        return type(self)(copy.deepcopy(dict(self), memo))

    def __repr__(self) -> str:
        return dict.__repr__(self)


_EMPTY: _FrozenDict = _FrozenDict()


def _mapping_field(name: str, check: _Check) -> Any:
    """A field holding a read-only mapping, checked by *check*; empty by default."""
    return attrs.field(
        default=_EMPTY, converter=_frozen_dict_of(name), validator=check, hash=False, metadata={"read_only": True}
    )


def read_only(field: str, value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """*value* as a read-only dict (``None`` is empty), naming *field* when it is no mapping."""
    if type(value) is _FrozenDict:
        return value
    if value is None:
        return _EMPTY
    if not isinstance(value, Mapping):
        raise ValidationError(field, value, f"must be a mapping (dict), not {type(value).__name__}")
    return _FrozenDict(value)


def _frozen_dict_of(field: str) -> Callable[[Mapping[str, Any] | None], Mapping[str, Any]]:
    """A converter to a read-only dict, naming *field*."""
    return lambda value: read_only(field, value)


def _instance_of(field: str, kind: type, *, optional: bool = True) -> _Check:
    def check(instance: Any, attribute: _Field, value: Any) -> None:
        if not (isinstance(value, kind) or (optional and value is None)):
            where = f"{kind.__name__} or None" if optional else kind.__name__
            raise ValidationError(field, value, f"must be a {where}, not {type(value).__name__}")

    return check


def _fixed_offset(value: _dt.datetime) -> _dt.datetime:
    # JSON carries an offset, not a zone name: keep the instant with a fixed offset so
    # that a value equals itself after a round trip (zoneinfo folds compare unequal).
    if value.tzinfo is None or isinstance(value.tzinfo, _dt.timezone):
        return value
    offset = value.utcoffset()
    return value.replace(tzinfo=_dt.timezone(offset), fold=0) if offset is not None else value


def _to_datetime(value: Any) -> _dt.datetime | None:
    if value is None:
        return value
    if isinstance(value, _dt.datetime):
        return _fixed_offset(value)
    if isinstance(value, _dt.date):
        return _dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return iso_datetime(value)
        except ValueError:
            raise ValidationError("Article.published", value, "must be an ISO 8601 date") from None
    raise ValidationError("Article.published", value, "must be a datetime, a date or an ISO string")


def _to_date(value: Any, name: str = "Claim.reported_date") -> _dt.date | None:
    if value is None or (isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)):
        return value
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            raise ValidationError(name, value, "must be an ISO date") from None
    raise ValidationError(name, value, "must be a date or an ISO string")


def _to_event_date(value: Any) -> _dt.date | None:
    return _to_date(value, "EventDate.date")


_V = TypeVar("_V", bound="_Value")


class _Value:
    """Base of the frozen values: the trusted constructor :meth:`_trusted`."""

    __slots__ = ()

    # the names of the fields ``__init__`` takes, set by :func:`_trusting` (read by :meth:`_replace`)
    _init_names: tuple[str, ...] = ()
    # :meth:`_trusted` of exactly this class with those fields positional, in that order (from :func:`_trusting`)
    _in_order: ClassVar[Callable[..., Any]]

    @classmethod
    def _trusted(cls: type[_V], **fields: Any) -> _V:
        """Make a value from fields that are known to be valid, without checking them.

        Private to geotext and its first-party plugins. Every field without a default
        is required; the values are stored as given, so the caller passes what the
        public constructor would have stored: tuples (not lists), mentions in canonical
        order. Mappings are made read-only and ids derived when not given, as by the
        public constructor. A field name that does not exist raises :class:`TypeError`.

        Each class gets its own, with the fields as keyword parameters, from :func:`_trusting`.
        """
        raise NotImplementedError(f"{cls.__name__} is not decorated with _trusting")

    def _replace(self: _V, **changes: Any) -> _V:
        """A copy with *changes*, made by :meth:`_trusted`: :func:`attrs.evolve` without the checks.

        Pass ``id=None`` to derive the id of the copy anew.
        """
        fields = {name: getattr(self, name) for name in self._init_names}
        return type(self)._trusted(**{**fields, **changes})

    def _derive(self) -> None:
        """Fill the fields derived from the others (the ids); run by both constructors."""


def _trusting(cls: type[_V]) -> type[_V]:
    """Give the attrs class *cls* its :meth:`_Value._trusted`.

    It is the code attrs writes for ``__init__`` of a slotted class, without the
    converters (but the one making a mapping read-only) and the validators: one keyword
    parameter per field, with its default, each stored as given, then the derived
    fields (:meth:`_Value._derive`). Also :attr:`_Value._in_order`, the same with the
    fields positional.
    """
    namespace: dict[str, Any] = {
        "_new": object.__new__,
        "_MISSING": _MISSING,
        "_FrozenDict": _FrozenDict,
    }
    parameters, body = [], []
    for index, field in enumerate(attrs.fields(cls)):  # type: ignore[arg-type]  # an attrs class
        default, value = field.default, field.name
        # the slot's own setter: a frozen class refuses setattr, and object.__setattr__ looks the slot up per call
        slot = next(vars(klass)[field.name] for klass in cls.__mro__ if field.name in vars(klass))
        namespace[f"_set{index}"] = slot.__set__
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # attrs.Factory is a class
            namespace[f"_factory{index}"] = default.factory
            made = f"_factory{index}(self)" if default.takes_self else f"_factory{index}()"
            if not field.init:
                body.append(f"    _set{index}(self, {made})")
                continue
            body.append(f"    if {field.name} is _MISSING: {field.name} = {made}")
            default = _MISSING
        if field.metadata.get("read_only"):
            namespace[f"_convert{index}"] = field.converter
            value = f"{field.name} if type({field.name}) is _FrozenDict else _convert{index}({field.name})"
        if default is attrs.NOTHING:
            parameters.append(field.name)
        else:
            namespace[f"_default{index}"] = default
            parameters.append(f"{field.name}=_default{index}")
        body.append(f"    _set{index}(self, {value})")
    if "_derive" in cls.__dict__:
        body.append("    self._derive()")
    names = [field.name for field in attrs.fields(cls) if field.init]  # type: ignore[arg-type]
    namespace["_cls"] = cls
    source = "\n".join(
        [
            f"def _trusted(cls, *, {', '.join(parameters)}):",
            "    self = _new(cls)",
            *body,
            "    return self",
            # the same for exactly *cls*, every field positional in order: the one-pass read's, per value
            f"def _in_order({', '.join(names)}):",
            "    self = _new(_cls)",
            *body,
            "    return self",
        ]
    )
    exec(compile(source, f"<geotext trusted constructor of {cls.__name__}>", "exec"), namespace)
    cls._trusted = classmethod(namespace["_trusted"])  # type: ignore[assignment,method-assign]
    cls._in_order = staticmethod(namespace["_in_order"])
    cls._init_names = tuple(names)
    return cls


_MISSING: Any = object()  # a default made by a factory, not given


class _Serializable(_Value):
    """Explicit ``to_dict``/``from_dict`` for the values, backed by cattrs."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-safe dict of this value."""
        from ._serialize import unstructure

        return unstructure(self)

    @classmethod
    def from_dict(cls: type[_V], data: Mapping[str, Any]) -> _V:
        """Build the value from :meth:`to_dict` output, checking every field.

        Raises:
            SchemaError: a field is missing or malformed.
            ValidationError: the values break the data model.
        """
        from ._serialize import structure

        return structure(data, cls)


@_trusting
@attrs.frozen(kw_only=True)
class Span(_Value):
    """A half-open character range ``[start, end)`` into :attr:`Article.text`."""

    start: int = attrs.field(validator=_check_offset)
    end: int = attrs.field(validator=_check_end)

    def slice(self, text: str) -> str:
        """Return the part of *text* this span covers."""
        return text[self.start : self.end]


@_trusting
@attrs.frozen(kw_only=True)
class Provenance(_Value):
    """Where an article came from.

    Args:
        source: the path, URI or description of the input.
        record: index of the record in a multi-record source (JSON Lines, feed, WARC).
        parser: name of the parser that read it.
        encoding: the text encoding that was detected or declared.
        media_type: the media type the parser read it as.
        replaced_bytes: how many bytes could not be decoded in that encoding and were
            replaced with U+FFFD (serialized only when not 0).

    .. versionchanged:: 0.2
       ``replaced_bytes``.
    """

    source: str | None = attrs.field(default=None, validator=_check_opt_str)
    record: int | None = attrs.field(default=None)
    parser: str | None = attrs.field(default=None, validator=_check_opt_str)
    encoding: str | None = attrs.field(default=None, validator=_check_opt_str)
    media_type: str | None = attrs.field(default=None, validator=_check_opt_str)
    # written only when bytes were replaced: most outputs stay as they were
    replaced_bytes: int = attrs.field(default=0, validator=_check_offset, metadata={"omit_if_default": True})

    @record.validator
    def _check_record(self, attribute: _Field, value: Any) -> None:
        if value is not None:
            _check_offset(self, attribute, value)


def _given_id(value: str | None) -> str:
    # The id of an Article or Claim is derived from the other fields when not given,
    # which __attrs_post_init__ does once they are set: until then it is None.
    return value  # type: ignore[return-value]


def _check_pending_str(instance: Any, attribute: _Field, value: Any) -> None:
    if value is not None:
        _check_str(instance, attribute, value)


def derive_article_id(text: str) -> str:
    """Return the stable id geotext gives an article without one: a digest of its text.

    >>> derive_article_id("China urges Mongolia to join the SCO")
    'sha1:e0cffb309ef5ed16'
    """
    import hashlib  # imported here: it is costly at ``import geotext`` time

    return "sha1:" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@_trusting
@attrs.frozen(kw_only=True)
class Article(_Serializable):
    """One news article: its full text and what is known about it.

    The headline, when there is one, is part of :attr:`text`, so every offset covers it.

    Args:
        text: the full text; every offset in geotext points into it.
        id: a stable identifier; derived from the text when not given.
        title: the headline as it appears in the text.
        paragraphs: spans of the paragraphs (the headline counts as one), in order.
        url: canonical address.
        source: the publisher or site name.
        published: publication date and time.
        language: BCP 47 language tag, such as ``"en"``.
        authors: the bylines.
        metadata: free JSON values, such as a photo credit a parser moved out of the body.
        provenance: where the article was read from.
    """

    id: str = attrs.field(default=None, converter=_given_id, validator=_check_pending_str)
    text: str = attrs.field()
    title: str | None = attrs.field(default=None, validator=_check_opt_str)
    paragraphs: tuple[Span, ...] = attrs.field(default=(), converter=_paragraphs)
    url: str | None = attrs.field(default=None, validator=_check_opt_str)
    source: str | None = attrs.field(default=None, validator=_check_opt_str)
    published: _dt.datetime | None = attrs.field(default=None, converter=_to_datetime)
    language: str | None = attrs.field(default=None, validator=_check_opt_str)
    authors: tuple[str, ...] = attrs.field(default=(), converter=_authors)
    metadata: Mapping[str, Any] = _mapping_field("Article.metadata", _check_json_mapping)
    provenance: Provenance | None = attrs.field(default=None, validator=_instance_of("Article.provenance", Provenance))

    @text.validator
    def _check_text(self, attribute: _Field, value: Any) -> None:
        if not isinstance(value, str):
            _fail("Article", attribute, value, "must be a string")

    @paragraphs.validator
    def _check_paragraphs(self, attribute: _Field, value: tuple[Span, ...]) -> None:
        previous_end = 0
        for span in value:
            if not isinstance(span, Span):
                _fail("Article", attribute, span, "must hold Span values")
            if span.end > len(self.text):
                _fail("Article", attribute, span, f"lies outside the text (length {len(self.text)})")
            if span.start < previous_end:
                _fail("Article", attribute, span, "paragraphs must be in order and not overlap")
            previous_end = span.end

    @authors.validator
    def _check_authors(self, attribute: _Field, value: tuple[Any, ...]) -> None:
        for author in value:
            if not isinstance(author, str):
                _fail("Article", attribute, author, "must hold strings")

    def __attrs_post_init__(self) -> None:
        self._derive()

    def _derive(self) -> None:
        if self.id is None:
            object.__setattr__(self, "id", derive_article_id(self.text))  # a derived default

    @classmethod
    def from_paragraphs(
        cls, paragraphs: Iterable[str], *, title: str | None = None, separator: str = "\n\n", **fields: Any
    ) -> "Article":
        r"""Build an article whose text is the paragraphs joined by *separator*.

        The headline, when given as *title*, becomes the first paragraph, so offsets
        cover it; empty paragraphs are dropped. Other keyword arguments are fields of
        :class:`Article`.

        >>> article = Article.from_paragraphs(["Body one.", "Body two."], title="Headline")
        >>> article.text
        'Headline\n\nBody one.\n\nBody two.'
        >>> [article.text[p.start:p.end] for p in article.paragraphs]
        ['Headline', 'Body one.', 'Body two.']
        """
        paragraphs = _as_tuple("Article.from_paragraphs(paragraphs)", paragraphs, none_is_empty=False)
        for part in paragraphs:
            if not isinstance(part, str):
                raise ValidationError("Article.from_paragraphs(paragraphs)", part, "must hold strings")
        if title is not None and not isinstance(title, str):
            raise ValidationError("Article.title", title, "must be a string or None")
        parts = ([title] if title else []) + [part for part in paragraphs if part]
        spans = []
        offset = 0
        for part in parts:
            spans.append(Span(start=offset, end=offset + len(part)))
            offset += len(part) + len(separator)
        return cls(text=separator.join(parts), title=title or None, paragraphs=spans, **fields)

    def paragraph_texts(self) -> list[str]:
        """Return the text of every paragraph, in order."""
        return [span.slice(self.text) for span in self.paragraphs]


def _as_degrees(field: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValidationError(field, value, "must be a number of decimal degrees")
    try:
        return float(value)
    except (ValueError, OverflowError):
        raise ValidationError(field, value, "must be a number of decimal degrees") from None


def _latitude(value: float | str) -> float:
    return _as_degrees("Coordinates.lat", value)


def _longitude(value: float | str) -> float:
    return _as_degrees("Coordinates.lon", value)


@_trusting
@attrs.frozen(kw_only=True)
class Coordinates(_Value):
    """A WGS 84 point in decimal degrees."""

    lat: float = attrs.field(converter=_latitude)
    lon: float = attrs.field(converter=_longitude)

    @lat.validator
    def _check_lat(self, attribute: _Field, value: float) -> None:
        if not -90.0 <= value <= 90.0:
            _fail("Coordinates", attribute, value, "latitude must lie in [-90, 90]")

    @lon.validator
    def _check_lon(self, attribute: _Field, value: float) -> None:
        if not -180.0 <= value <= 180.0:
            _fail("Coordinates", attribute, value, "longitude must lie in [-180, 180]")


@_trusting
@attrs.frozen(kw_only=True, order=False)
class Mention(_Serializable):
    """One place in the text where an entity is named.

    Args:
        start: offset of the first character in :attr:`Article.text`.
        end: offset one past the last character.
        text: the surface text, equal to ``article.text[start:end]``.
        form: how the entity is written here; one of :data:`MENTION_FORMS` or namespaced.
    """

    start: int = attrs.field(validator=_check_offset)
    end: int = attrs.field(validator=_check_nonempty_end)
    text: str = attrs.field()
    form: str = attrs.field(default="name", validator=_known_or_namespaced(MENTION_FORMS))

    @text.validator
    def _check_text(self, attribute: _Field, value: Any) -> None:
        if not isinstance(value, str) or len(value) != self.end - self.start:
            _check_str(self, attribute, value)
            _fail("Mention", attribute, value, f"length differs from end - start ({self.end - self.start})")

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.form)


def _sorted_mentions(value: Iterable[Mention] | None) -> tuple[Mention, ...]:
    """The mentions in canonical order, each once: serialisation and equality then do not
    depend on the order a tagger found them in."""
    mentions = _as_tuple("Entity.mentions", value)
    for mention in mentions:
        if not isinstance(mention, Mention):
            raise ValidationError("Entity.mentions", mention, "must hold Mention values")
    return tuple(sorted(set(mentions), key=_MENTION_ORDER))


_MENTION_ORDER = operator.attrgetter("start", "end", "form")  # Mention.sort_key


@_trusting
@attrs.frozen(kw_only=True)
class Entity(_Serializable):
    """A state, place, organisation, person, initiative or group found in an article.

    Args:
        id: canonical namespaced key, such as ``iso:CHN``, ``geonames:1528675``,
            ``igo:SCO`` or ``person:li-qiang``.
        kind: one of :data:`ENTITY_KINDS`, or namespaced by a plugin.
        name: the canonical name.
        ids: identifiers in other schemes: ``iso2``, ``iso3``, ``geonames``, ``wikidata``...
        coordinates: a representative point for states and places.
        country: ISO 3166 alpha-3 code of the country a place or person belongs to.
        office: the office a person holds, such as ``"Premier"``.
        attributes: further JSON facts (population, members...).
        mentions: every mention in the article, kept in text order.
    """

    id: str = attrs.field(validator=_check_entity_id)
    kind: str = attrs.field(validator=_known_or_namespaced(ENTITY_KINDS))
    name: str = attrs.field(validator=_check_str)
    ids: Mapping[str, str] = _mapping_field("Entity.ids", _check_mapping_of_str)
    coordinates: Coordinates | None = attrs.field(
        default=None, validator=_instance_of("Entity.coordinates", Coordinates)
    )
    country: str | None = attrs.field(default=None, validator=_check_opt_iso3)
    office: str | None = attrs.field(default=None, validator=_check_opt_str)
    attributes: Mapping[str, Any] = _mapping_field("Entity.attributes", _check_json_mapping)
    mentions: tuple[Mention, ...] = attrs.field(default=(), converter=_sorted_mentions)

    @property
    def first_offset(self) -> int:
        """Offset of the first mention, or -1 when the entity has none."""
        return self.mentions[0].start if self.mentions else -1

    def with_mentions(self, mentions: Iterable[Mention]) -> "Entity":
        """Return a copy of this entity whose mentions are *mentions*.

        Unlike :func:`attrs.evolve`, only the new mentions are checked: the other fields
        were checked when this entity was made, and the copy shares its read-only
        mappings. A tagger keeps one entity without mentions per record of its data
        and calls this once per article.

        >>> china = Entity(id="iso:CHN", kind="state", name="China")
        >>> china.with_mentions([Mention(start=0, end=5, text="China")]).mentions[0].text
        'China'
        """
        return Entity._trusted(
            id=self.id,
            kind=self.kind,
            name=self.name,
            ids=self.ids,
            coordinates=self.coordinates,
            country=self.country,
            office=self.office,
            attributes=self.attributes,
            mentions=_sorted_mentions(mentions),
        )


@_trusting
@attrs.frozen(kw_only=True)
class Evidence(_Value):
    """Where a claim is stated: the claim's own span and the sentence around it."""

    start: int = attrs.field(validator=_check_offset)
    end: int = attrs.field(validator=_check_nonempty_end)
    sentence_start: int = attrs.field(validator=_check_offset)
    sentence_end: int = attrs.field()

    @sentence_end.validator
    def _check_sentence(self, attribute: _Field, value: int) -> None:
        _check_offset(self, attribute, value)
        if not self.sentence_start <= self.start <= self.end <= value:
            _fail("Evidence", attribute, value, "the sentence must contain the claim span")


def _check_actor_ids(instance: Any, attribute: _Field, value: tuple[str, ...]) -> None:
    for item in value:
        _check_entity_id(instance, attribute, item)
    if len(set(value)) != len(value):
        _fail("Claim", attribute, value, "must not repeat an entity id")


def _check_actor_codes(attribute: _Field, value: tuple[Any, ...], actors: tuple[str, ...]) -> None:
    if value and len(value) != len(actors):
        _fail("Claim", attribute, value, f"must hold one code per actor ({len(actors)}) or be empty")
    for item in value:
        if item is not None and (not isinstance(item, str) or not _CAMEO_ACTOR.match(item)):
            _fail("Claim", attribute, item, "must be a CAMEO actor code such as 'CHNGOV' or 'IGO', or None")


def _check_opt_entity_id(instance: Any, attribute: _Field, value: Any) -> None:
    if value is not None:
        _check_entity_id(instance, attribute, value)


def _check_opt_span(instance: Any, attribute: _Field, value: Any) -> None:
    if value is not None and not isinstance(value, Span):
        _fail("Claim", attribute, value, "must be a Span or None")


# -- where and when a claim happened ------------------------------------------------------

#: How a claim's place was found; plugins may add namespaced rules.
LOCATION_RULES = frozenset(
    {
        "preposition",  # a locative frame in the event's clause: "met in Bishkek", "near the border town of X"
        "object",  # the place is what the act is done to: "shelled Aleppo", "captured the town of X"
        "clause",  # a place named in the event's clause without a frame: "the Bishkek talks"
        "dateline",  # the article's dateline: "BISHKEK, July 4 (Xinhua) --"
        "article",  # the article's main place: the one place where its reported events happened
    }
)

#: How a claim's date was found; plugins may add namespaced rules.
DATE_RULES = frozenset(
    {
        "absolute",  # the text gives the year: "on 4 July 2024", "in March 2023", "in 2019"
        "partial",  # no year: "on July 4", "in March"; the year from the publication date
        "weekday",  # a weekday, the latest one not after publication: "on Thursday"
        "relative",  # counted from publication: "yesterday", "last week", "two days ago"
    }
)

#: How precisely a claim's date is known: ``date`` is the first day of the period.
DATE_PRECISIONS = frozenset({"day", "week", "month", "year"})


def _check_nonempty_span(instance: Any, attribute: _Field, value: Any) -> None:
    if not isinstance(value, Span) or value.end <= value.start:
        _fail(type(instance).__name__, attribute, value, "must be a non-empty Span")


@_trusting
@attrs.frozen(kw_only=True)
class EventLocation(_Value):
    """Where the event of a claim happened, as the text says it.

    Args:
        entity: id of the place or state in the same analysis; ``None`` when the text
            names a place that no tagger knows (the span still says where).
        span: offsets of the words that name the place.
        rule: how it was found: one of :data:`LOCATION_RULES`, or namespaced.
    """

    entity: str | None = attrs.field(default=None, validator=_check_opt_entity_id)
    span: Span = attrs.field(validator=_check_nonempty_span)
    rule: str = attrs.field(validator=_known_or_namespaced(LOCATION_RULES))


@_trusting
@attrs.frozen(kw_only=True)
class EventDate(_Value):
    """When the event of a claim happened, as the text says it.

    Args:
        date: the day, or the first day of the week, month or year.
        precision: ``"day"``, ``"week"``, ``"month"`` or ``"year"`` (:data:`DATE_PRECISIONS`).
        span: offsets of the words that give the date ("on Thursday", "last week").
        rule: how it was resolved: one of :data:`DATE_RULES`, or namespaced. Every rule
            but ``"absolute"`` needs the article's publication date.
    """

    date: _dt.date = attrs.field(converter=_to_event_date)
    precision: str = attrs.field()
    span: Span = attrs.field(validator=_check_nonempty_span)
    rule: str = attrs.field(validator=_known_or_namespaced(DATE_RULES))

    @date.validator
    def _check_date(self, attribute: _Field, value: Any) -> None:
        if not isinstance(value, _dt.date):
            _fail("EventDate", attribute, value, "must be a date")

    @precision.validator
    def _check_precision(self, attribute: _Field, value: Any) -> None:
        if not isinstance(value, str) or value not in DATE_PRECISIONS:
            _fail("EventDate", attribute, value, f"must be one of {sorted(DATE_PRECISIONS)}")


def _check_opt_of(cls: type) -> _Check:
    def check(instance: Any, attribute: _Field, value: Any) -> None:
        if value is not None and not isinstance(value, cls):
            _fail("Claim", attribute, value, f"must be a {cls.__name__} or None")

    return check


def _derive_claim_id(claim: "Claim") -> str:
    first = claim.evidence[0] if claim.evidence else None
    key = "|".join(
        [
            claim.producer,
            claim.predicate or "",
            claim.cameo or "",
            ",".join(claim.sources),
            ",".join(claim.targets),
            f"{first.start}-{first.end}" if first else "",
            # two claims of one sentence may share all of the above ("X plans to go,
            # according to Y"): the cue tells them apart
            f"{claim.cue_span.start}-{claim.cue_span.end}" if claim.cue_span is not None else "",
        ]
    )
    import hashlib

    return "claim:" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@_trusting
@attrs.frozen(kw_only=True)
class Claim(_Serializable):
    """Who said, urged, pledged, rejected or did what, to whom.

    Args:
        producer: name of the plugin that produced the claim.
        evidence: the spans that state the claim (one per sentence saying it), in order.
        speaker: entity id of who states it; ``None`` for the article's own voice.
        speaker_span: offsets of the speaker as written ("a senior official"), also
            when the speaker is not an entity.
        cue: the cue as written, such as ``"urged"``.
        cue_lemma: the cue normalised, such as ``"urge"``.
        cue_span: offsets of the cue.
        content: offsets of what is claimed.
        sources: entity ids of the actors doing the action (a compound subject stays
            one claim with several sources).
        targets: entity ids of the actors acted upon.
        predicate: a relation stated as fact, such as ``member_of`` or ``observer_of``.
        cameo: CAMEO event code, such as ``"0311"``.
        plover: PLOVER event category, such as ``"COOPERATE"``.
        plover_mode: PLOVER mode, when the code carries one.
        plover_context: PLOVER context, when the code carries one.
        quad_class: CAMEO quad class, 1 (verbal cooperation) to 4 (material conflict).
        modality: one of :data:`MODALITIES`.
        tense: ``"past"``, ``"present"`` or ``"future"`` when it can be told.
        reported_date: the date the claim refers to, when stated; equal to
            ``event_date.date`` when the event date is known to the day.
        confidence: 0 to 1.
        location: where the event happened, when the text says it.
        event_date: when the event happened, when the text says it.
        source_codes: CAMEO actor codes of the sources, aligned with *sources* (one per
            source, ``None`` where no code can be told), such as ``"CHNGOV"``; empty when
            the producer codes no actors.
        target_codes: CAMEO actor codes of the targets, aligned with *targets* likewise.
        id: stable id; derived from the other fields when not given.

    *speaker* and *speaker_span* say who states the claim: both ``None`` for the article's
    own voice (a reported event, "Houthi forces attacked a tanker"); *speaker_span* set
    when someone else states it in the claim's sentence ("a senior official said"), and
    *speaker* set when that someone is one tagged entity (also when carried over from an
    earlier sentence, with no span). The actors of the event itself are *sources* and
    *targets*; :attr:`attributed` tells the two voices apart.
    """

    id: str = attrs.field(default=None, converter=_given_id, validator=_check_pending_str)
    producer: str = attrs.field(validator=_check_str)
    evidence: tuple[Evidence, ...] = attrs.field(converter=_evidence)
    speaker: str | None = attrs.field(default=None, validator=_check_opt_entity_id)
    speaker_span: Span | None = attrs.field(default=None, validator=_check_opt_span)
    cue: str | None = attrs.field(default=None, validator=_check_opt_str)
    cue_lemma: str | None = attrs.field(default=None, validator=_check_opt_str)
    cue_span: Span | None = attrs.field(default=None, validator=_check_opt_span)
    content: Span | None = attrs.field(default=None, validator=_check_opt_span)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_sources, validator=_check_actor_ids)
    targets: tuple[str, ...] = attrs.field(default=(), converter=_targets, validator=_check_actor_ids)
    predicate: str | None = attrs.field(default=None, validator=_check_opt_str)
    cameo: str | None = attrs.field(default=None)
    plover: str | None = attrs.field(default=None, validator=_check_opt_str)
    plover_mode: str | None = attrs.field(default=None, validator=_check_opt_str)
    plover_context: str | None = attrs.field(default=None, validator=_check_opt_str)
    quad_class: int | None = attrs.field(default=None)
    modality: str = attrs.field(default="asserted")
    tense: str | None = attrs.field(default=None)
    reported_date: _dt.date | None = attrs.field(default=None, converter=_to_date)
    confidence: float = attrs.field(default=0.5)
    # where and when (geotext/2)
    location: EventLocation | None = attrs.field(default=None, validator=_check_opt_of(EventLocation))
    event_date: EventDate | None = attrs.field(default=None, validator=_check_opt_of(EventDate))
    # -- CAMEO actor codes, aligned with sources and targets --------------------------------
    source_codes: tuple[str | None, ...] = attrs.field(default=(), converter=_source_codes)
    target_codes: tuple[str | None, ...] = attrs.field(default=(), converter=_target_codes)

    def __attrs_post_init__(self) -> None:
        self._derive()

    def _derive(self) -> None:
        if self.id is None:
            object.__setattr__(self, "id", _derive_claim_id(self))  # a derived default

    @source_codes.validator
    def _check_source_codes(self, attribute: _Field, value: tuple[Any, ...]) -> None:
        _check_actor_codes(attribute, value, self.sources)

    @target_codes.validator
    def _check_target_codes(self, attribute: _Field, value: tuple[Any, ...]) -> None:
        _check_actor_codes(attribute, value, self.targets)

    @property
    def attributed(self) -> bool:
        """True when someone other than the article's own voice states the claim."""
        return self.speaker is not None or self.speaker_span is not None

    @evidence.validator
    def _check_evidence(self, attribute: _Field, value: tuple[Any, ...]) -> None:
        if not value:
            _fail("Claim", attribute, value, "a claim needs at least one evidence span")
        for item in value:
            if not isinstance(item, Evidence):
                _fail("Claim", attribute, item, "must hold Evidence values")

    @cameo.validator
    def _check_cameo(self, attribute: _Field, value: Any) -> None:
        if value is not None and (not isinstance(value, str) or not _CAMEO.match(value)):
            _fail("Claim", attribute, value, "must be a CAMEO code such as '02' or '0311'")

    @quad_class.validator
    def _check_quad(self, attribute: _Field, value: Any) -> None:
        if value is not None and (isinstance(value, bool) or value not in (0, 1, 2, 3, 4)):
            _fail("Claim", attribute, value, "must be 0 (neutral) to 4")

    @modality.validator
    def _check_modality(self, attribute: _Field, value: Any) -> None:
        if not isinstance(value, str) or value not in MODALITIES:
            _fail("Claim", attribute, value, f"must be one of {sorted(MODALITIES)}")

    @tense.validator
    def _check_tense(self, attribute: _Field, value: Any) -> None:
        if value is not None and (not isinstance(value, str) or value not in TENSES):
            _fail("Claim", attribute, value, f"must be one of {sorted(TENSES)} or None")

    @confidence.validator
    def _check_confidence(self, attribute: _Field, value: Any) -> None:
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0.0 <= value <= 1.0:
            _fail("Claim", attribute, value, "must be a number in [0, 1]")

    @property
    def actors(self) -> tuple[str, ...]:
        """Speaker, sources and targets, each once, in that order."""
        seen: dict[str, None] = {}
        for item in (self.speaker, *self.sources, *self.targets):
            if item is not None:
                seen.setdefault(item, None)
        return tuple(seen)


Role = Literal["any", "speaker", "source", "target"]


def check_entities_in(
    text: str, entities: Iterable[Any], *, unique_ids: bool = True, where: str = "Analysis.entities"
) -> dict[str, Entity]:
    """Check *entities* against the article *text*: Entity values, every mention inside
    the text and equal to it, and (with *unique_ids*) ids unique. Return them by id.

    Raises:
        ValidationError: naming the entity and the mention.
    """
    by_id: dict[str, Entity] = {}
    for entity in entities:
        if not isinstance(entity, Entity):
            raise ValidationError(where, entity, "must hold Entity values")
        if unique_ids and entity.id in by_id:
            raise ValidationError(where, entity.id, "entity ids must be unique")
        by_id[entity.id] = entity
        for mention in entity.mentions:
            if mention.end > len(text):
                raise ValidationError(
                    f"Entity[{entity.id}].mentions", mention, f"lies outside the text (length {len(text)})"
                )
            if text[mention.start : mention.end] != mention.text:
                raise ValidationError(
                    f"Entity[{entity.id}].mentions",
                    mention,
                    f"text differs from the article at its offsets ({text[mention.start : mention.end]!r})",
                )
    return by_id


def check_claims_in(
    text: str, by_id: Mapping[str, Entity], claims: Iterable[Any], where: str = "Analysis.claims"
) -> None:
    """Check *claims* against the article *text* and its entities *by_id*: Claim values,
    every actor and location an entity, every span inside the text.

    Raises:
        ValidationError: naming the claim.
    """
    for claim in claims:
        if not isinstance(claim, Claim):
            raise ValidationError(where, claim, "must hold Claim values")
        for actor in claim.actors:
            if actor not in by_id:
                raise ValidationError(f"Claim[{claim.id}]", actor, "names an entity that is not in the analysis")
        spans: list[Any] = [*claim.evidence, claim.speaker_span, claim.cue_span, claim.content]
        if claim.location is not None:
            if claim.location.entity is not None and claim.location.entity not in by_id:
                raise ValidationError(
                    f"Claim[{claim.id}].location", claim.location.entity, "names an entity that is not in the analysis"
                )
            spans.append(claim.location.span)
        if claim.event_date is not None:
            spans.append(claim.event_date.span)
        for span in spans:
            if span is None:
                continue
            last = span.sentence_end if isinstance(span, Evidence) else span.end
            if last > len(text):
                raise ValidationError(f"Claim[{claim.id}]", span, f"lies outside the text (length {len(text)})")


def _index_entities(analysis: "Analysis") -> dict[str, Entity]:
    return {entity.id: entity for entity in analysis.entities}


@_trusting
@attrs.frozen(kw_only=True)
class Analysis(_Value):
    """One article with the entities and claims found in it.

    Construction checks everything that needs the article text: every mention,
    evidence and content span lies inside the text, mention text equals the text at
    its offsets, entity ids are unique and every actor of a claim is an entity.

    Args:
        article: the article.
        entities: the entities, in order of first mention.
        claims: the claims, in order of first evidence.
        versions: versions of geotext, its plugins and their data that produced this.
    """

    article: Article = attrs.field(validator=_instance_of("Analysis.article", Article, optional=False))
    entities: tuple[Entity, ...] = attrs.field(default=(), converter=_entities)
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_claims)
    versions: Mapping[str, str] = _mapping_field("Analysis.versions", _check_mapping_of_str)
    _by_id: dict[str, Entity] = attrs.field(
        init=False, default=attrs.Factory(_index_entities, takes_self=True), repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        text = self.article.text
        check_claims_in(text, check_entities_in(text, self.entities), self.claims)

    # -- helpers a user reaches for ------------------------------------------------

    def entity(self, entity_id: str) -> Entity:
        """Return the entity with *entity_id*.

        Raises:
            UnknownEntityError: no such entity in this analysis.
        """
        try:
            return self._by_id[entity_id]
        except KeyError:
            raise UnknownEntityError(f"no entity {entity_id!r} in article {self.article.id}") from None

    def entities_of_kind(self, *kinds: str) -> list[Entity]:
        """Return the entities of the given kinds, in order of first mention."""
        return [entity for entity in self.entities if entity.kind in kinds]

    def mentions(self) -> list[tuple[Mention, Entity]]:
        """Return every mention with its entity, in text order."""
        pairs = [(mention, entity) for entity in self.entities for mention in entity.mentions]
        pairs.sort(key=lambda pair: (pair[0].sort_key, pair[1].id))
        return pairs

    def claims_by(self, entity_id: str, role: Role = "any") -> list[Claim]:
        """Return the claims in which *entity_id* takes part.

        Args:
            entity_id: the actor.
            role: ``"speaker"``, ``"source"``, ``"target"`` or ``"any"``.
        """
        if role not in ("any", "speaker", "source", "target"):
            raise ValidationError("claims_by(role)", role, "must be 'any', 'speaker', 'source' or 'target'")
        found = []
        for claim in self.claims:
            roles = {
                "speaker": claim.speaker == entity_id,
                "source": entity_id in claim.sources,
                "target": entity_id in claim.targets,
            }
            if (role == "any" and any(roles.values())) or roles.get(role, False):
                found.append(claim)
        return found

    def evidence_text(self, claim: Claim) -> str:
        """Return the text of the claim's first evidence span."""
        first = claim.evidence[0]
        return self.article.text[first.start : first.end]

    def iter_states(self) -> Iterator[Entity]:
        """Iterate over the states, in order of first mention."""
        return iter(self.entities_of_kind("state"))

    # -- serialisation -----------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-safe dict in the documented schema (see :data:`SCHEMA`)."""
        from ._serialize import SCHEMA, unstructure

        return {
            "schema": SCHEMA,
            "article": unstructure(self.article),
            "entities": [unstructure(entity) for entity in self.entities],
            "claims": [unstructure(claim) for claim in self.claims],
            "versions": dict(self.versions),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Analysis":
        """Read an analysis back from :meth:`to_dict` output, checking every field.

        Raises:
            SchemaError: the schema version is missing or unknown, or a field is malformed.
            ValidationError: the values break the data model.
        """
        from ._serialize import check_envelope

        check_envelope(data, "analysis", keys=("schema", "article", "entities", "claims", "versions"))
        if cls is Analysis:  # the one-pass read makes an Analysis, not a subclass
            try:
                return _read_analysis(data)
            except Exception:  # noqa: BLE001 - anything unusual: the checking read says what, below
                pass  # (not raised from here: its error is not chained to this one)
        return _read_analysis_checked(data, cls)


# -- reading a serialised analysis in one pass --------------------------------------------
#
# Analysis.from_dict first reads the document with the functions below: one pass over the
# plain JSON values, each field tested with a flat check (exact JSON types, the same
# vocabularies, patterns and ranges as the validators above), every mention compared with
# the article text in the loop that reads it, and the values made with the trusted
# constructors. They raise _Unusual at the first thing they do not read as plainly valid,
# without saying what: from_dict then reads the document again through cattrs and the
# public constructors, whose converters and validators accept what is valid in another
# shape (a list for a tuple, a latitude as a string) and raise the error naming the field.
# Every check here must be at least as strict as its validator, so that the one-pass read
# never accepts what the checking read refuses (tests/test_from_dict.py compares the two).


class _Unusual(Exception):
    """A document the one-pass reader leaves to the checking read (see above)."""


def _json_default(default: Any) -> Any:
    """A field's default as JSON: an empty list for a tuple, an empty dict for a mapping."""
    if isinstance(default, tuple):
        return []
    if isinstance(default, Mapping):
        return {}
    return default


def _completer(cls: type) -> Callable[[Any], dict[str, Any]]:
    """A function making a JSON object of *cls* complete: every key, the defaults filled in.

    It raises :class:`_Unusual` for no ``dict``, an unknown key or a missing required key.
    An object with as many keys as *cls* has fields is returned as it is: the readers read
    every field with ``data[name]``, so that an unknown key in the place of a field is a
    :class:`KeyError`, which :func:`_read_analysis` turns into :class:`_Unusual`.
    """
    fields = [field for field in attrs.fields(cls) if field.init]
    keys = frozenset(field.name for field in fields)
    required = frozenset(field.name for field in fields if field.default is attrs.NOTHING)
    defaults = {field.name: _json_default(field.default) for field in fields if field.default is not attrs.NOTHING}
    size = len(keys)

    def complete(data: Any) -> dict[str, Any]:
        if type(data) is not dict:
            raise _Unusual
        if len(data) == size:  # to_dict writes every key but the omitted defaults
            return data
        found = data.keys()
        if not (found <= keys and required <= found):
            raise _Unusual
        return {**defaults, **data}

    return complete


_complete_span = _completer(Span)
_complete_provenance = _completer(Provenance)
_complete_article = _completer(Article)
_complete_coordinates = _completer(Coordinates)
_complete_mention = _completer(Mention)
_complete_entity = _completer(Entity)
_complete_evidence = _completer(Evidence)
_complete_location = _completer(EventLocation)
_complete_event_date = _completer(EventDate)
_complete_claim = _completer(Claim)
# how many keys a complete object has (to_dict writes every one but omitted defaults): an
# object with as many is read as it is, others go through their _complete_* first
_SPAN_KEYS, _MENTION_KEYS, _ENTITY_KEYS, _EVIDENCE_KEYS, _CLAIM_KEYS = (
    len(cls._init_names) for cls in (Span, Mention, Entity, Evidence, Claim)
)
_NUMBERS = (int, float)  # exact types: a bool is no number here
# the trusted constructors with the fields positional (see _trusting)
_make_span = Span._in_order
_make_mention = Mention._in_order
_make_entity = Entity._in_order
_make_evidence = Evidence._in_order
_make_claim = Claim._in_order


def _read_strings(value: Any) -> tuple[str, ...]:
    if type(value) is not list:
        raise _Unusual
    for item in value:
        if type(item) is not str:
            raise _Unusual
    return tuple(value)


def _read_strings_mapping(value: Any) -> _FrozenDict:
    if type(value) is not dict:
        raise _Unusual
    for key, item in value.items():
        if type(key) is not str or type(item) is not str:
            raise _Unusual
    return _FrozenDict(value) if value else _EMPTY


def _read_json_mapping(value: Any) -> _FrozenDict:
    if type(value) is not dict:
        raise _Unusual
    try:
        for key, item in value.items():
            kind = type(item)
            if type(key) is not str or (kind is not str and kind is not int and not _is_json(item)):
                raise _Unusual
    except RecursionError:
        raise _Unusual from None
    return _FrozenDict(value) if value else _EMPTY


def _read_opt_strings(data: dict[str, Any], names: tuple[str, ...]) -> None:
    for name in names:
        value = data[name]
        if value is not None and type(value) is not str:
            raise _Unusual


def _read_span(data: Any, size: int) -> Span:
    """A span inside a text of *size* characters."""
    if type(data) is not dict or len(data) != _SPAN_KEYS:
        data = _complete_span(data)
    start, end = data["start"], data["end"]
    if type(start) is not int or type(end) is not int or start < 0 or end < start or end > size:
        raise _Unusual
    span: Span = _make_span(start, end)
    return span


def _read_nonempty_span(data: Any, size: int) -> Span:
    span = _read_span(data, size)
    if span.end == span.start:
        raise _Unusual
    return span


def _read_provenance(data: Any) -> Provenance | None:
    if data is None:
        return None
    data = _complete_provenance(data)
    _read_opt_strings(data, ("source", "parser", "encoding", "media_type"))
    record, replaced = data["record"], data["replaced_bytes"]
    if (record is not None and (type(record) is not int or record < 0)) or type(replaced) is not int or replaced < 0:
        raise _Unusual
    return Provenance._trusted(
        source=data["source"],
        record=record,
        parser=data["parser"],
        encoding=data["encoding"],
        media_type=data["media_type"],
        replaced_bytes=replaced,
    )


def _read_article(data: Any) -> Article:
    data = _complete_article(data)
    text, given_id = data["text"], data["id"]
    if type(text) is not str or (given_id is not None and (type(given_id) is not str or not given_id)):
        raise _Unusual
    _read_opt_strings(data, ("title", "url", "source", "language"))
    size = len(text)
    paragraphs = data["paragraphs"]
    if type(paragraphs) is not list:
        raise _Unusual
    spans = []
    previous_end = 0
    for item in paragraphs:
        span = _read_span(item, size)
        if span.start < previous_end:
            raise _Unusual
        previous_end = span.end
        spans.append(span)
    try:
        published = _to_datetime(data["published"])
    except ValidationError:
        raise _Unusual from None
    return Article._trusted(
        id=given_id,
        text=text,
        title=data["title"],
        paragraphs=tuple(spans),
        url=data["url"],
        source=data["source"],
        published=published,
        language=data["language"],
        authors=_read_strings(data["authors"]),
        metadata=_read_json_mapping(data["metadata"]),
        provenance=_read_provenance(data["provenance"]),
    )


def _read_coordinates(data: Any) -> Coordinates | None:
    if data is None:
        return None
    data = _complete_coordinates(data)
    lat, lon = data["lat"], data["lon"]
    if type(lat) not in _NUMBERS or type(lon) not in _NUMBERS:
        raise _Unusual
    # the range first: an integer too large for a float compares exactly; NaN fails too
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise _Unusual
    return Coordinates._trusted(lat=float(lat), lon=float(lon))


def _read_mentions(value: Any, text: str) -> tuple[Mention, ...]:
    """The mentions of an entity, each equal to *text* at its offsets, in canonical order."""
    if type(value) is not list:
        raise _Unusual
    size, forms, namespaced, make = len(text), MENTION_FORMS, _NAMESPACED.match, _make_mention
    mentions = []
    last_start, last_end, last_form = -1, -1, ""
    for data in value:
        if type(data) is not dict or len(data) != _MENTION_KEYS:
            data = _complete_mention(data)
        start, end, surface, form = data["start"], data["end"], data["text"], data["form"]
        if (
            type(start) is not int
            or type(end) is not int
            or start < 0
            or end <= start
            or end > size
            or type(surface) is not str
            or text[start:end] != surface
            or type(form) is not str
            or (form not in forms and not namespaced(form))
        ):
            raise _Unusual
        # in canonical order and each once, as to_dict writes them; else the checking read sorts
        if start < last_start or (start == last_start and (end < last_end or (end == last_end and form <= last_form))):
            raise _Unusual
        last_start, last_end, last_form = start, end, form
        mentions.append(make(start, end, surface, form))
    return tuple(mentions)


def _read_entity(data: Any, text: str) -> Entity:
    if type(data) is not dict or len(data) != _ENTITY_KEYS:
        data = _complete_entity(data)
    entity_id, kind, name, country, office = data["id"], data["kind"], data["name"], data["country"], data["office"]
    if (
        type(entity_id) is not str
        or not _NAMESPACED.match(entity_id)
        or type(kind) is not str
        or (kind not in ENTITY_KINDS and not _NAMESPACED.match(kind))
        or type(name) is not str
        or not name
        or (country is not None and (type(country) is not str or not _ISO3.match(country)))
        or (office is not None and type(office) is not str)
    ):
        raise _Unusual
    entity: Entity = _make_entity(
        entity_id,
        kind,
        name,
        _read_strings_mapping(data["ids"]),
        _read_coordinates(data["coordinates"]),
        country,
        office,
        _read_json_mapping(data["attributes"]),
        _read_mentions(data["mentions"], text),
    )
    return entity


def _read_evidence(value: Any, size: int) -> tuple[Evidence, ...]:
    if type(value) is not list or not value:
        raise _Unusual
    evidence = []
    for data in value:
        if type(data) is not dict or len(data) != _EVIDENCE_KEYS:
            data = _complete_evidence(data)
        start, end, sentence_start, sentence_end = (
            data["start"],
            data["end"],
            data["sentence_start"],
            data["sentence_end"],
        )
        if (
            type(start) is not int
            or type(end) is not int
            or type(sentence_start) is not int
            or type(sentence_end) is not int
            or not 0 <= sentence_start <= start < end <= sentence_end <= size
        ):
            raise _Unusual
        evidence.append(_make_evidence(start, end, sentence_start, sentence_end))
    return tuple(evidence)


def _read_actors(value: list[Any], by_id: Mapping[str, Entity]) -> tuple[str, ...]:
    """Entity ids of the analysis (checked when the entities were read), each once."""
    for item in value:
        if type(item) is not str or item not in by_id:
            raise _Unusual
    if len(value) > 1 and len(set(value)) != len(value):
        raise _Unusual
    return tuple(value)


def _read_actor_codes(value: list[Any], actors: tuple[str, ...]) -> tuple[str | None, ...]:
    if len(value) != len(actors):
        raise _Unusual
    for item in value:
        if item is not None and (type(item) is not str or not _CAMEO_ACTOR.match(item)):
            raise _Unusual
    return tuple(value)


def _read_rule(value: Any, known: frozenset[str]) -> str:
    if type(value) is not str or (value not in known and not _NAMESPACED.match(value)):
        raise _Unusual
    return value


def _read_location(data: Any, size: int, by_id: Mapping[str, Entity]) -> EventLocation | None:
    if data is None:
        return None
    data = _complete_location(data)
    entity = data["entity"]
    if entity is not None and (type(entity) is not str or entity not in by_id):
        raise _Unusual
    return EventLocation._trusted(
        entity=entity, span=_read_nonempty_span(data["span"], size), rule=_read_rule(data["rule"], LOCATION_RULES)
    )


def _read_event_date(data: Any, size: int) -> EventDate | None:
    if data is None:
        return None
    data = _complete_event_date(data)
    date, precision = data["date"], data["precision"]
    if type(date) is not str or type(precision) is not str or precision not in DATE_PRECISIONS:
        raise _Unusual
    try:
        day = _dt.date.fromisoformat(date)
    except ValueError:
        raise _Unusual from None
    return EventDate._trusted(
        date=day,
        precision=precision,
        span=_read_nonempty_span(data["span"], size),
        rule=_read_rule(data["rule"], DATE_RULES),
    )


def _read_claim(data: Any, size: int, by_id: Mapping[str, Entity]) -> Claim:
    if type(data) is not dict or len(data) != _CLAIM_KEYS:
        data = _complete_claim(data)
    given_id, producer, speaker = data["id"], data["producer"], data["speaker"]
    speaker_span, cue, cue_lemma, cue_span = data["speaker_span"], data["cue"], data["cue_lemma"], data["cue_span"]
    content, sources, targets, predicate = data["content"], data["sources"], data["targets"], data["predicate"]
    cameo, plover, mode, context = data["cameo"], data["plover"], data["plover_mode"], data["plover_context"]
    quad, modality, tense, reported = data["quad_class"], data["modality"], data["tense"], data["reported_date"]
    confidence, source_codes, target_codes = data["confidence"], data["source_codes"], data["target_codes"]
    if (
        (given_id is not None and (type(given_id) is not str or not given_id))
        or type(producer) is not str
        or not producer
        or (speaker is not None and (type(speaker) is not str or speaker not in by_id))
        or (cue is not None and type(cue) is not str)
        or (cue_lemma is not None and type(cue_lemma) is not str)
        or type(sources) is not list
        or type(targets) is not list
        or (predicate is not None and type(predicate) is not str)
        or (cameo is not None and (type(cameo) is not str or not _CAMEO.match(cameo)))
        or (plover is not None and type(plover) is not str)
        or (mode is not None and type(mode) is not str)
        or (context is not None and type(context) is not str)
        or (quad is not None and (type(quad) is not int or not 0 <= quad <= 4))
        or type(modality) is not str
        or modality not in MODALITIES
        or (tense is not None and (type(tense) is not str or tense not in TENSES))
        or (reported is not None and type(reported) is not str)
        or type(confidence) not in _NUMBERS
        or not 0.0 <= confidence <= 1.0
        or type(source_codes) is not list
        or type(target_codes) is not list
    ):
        raise _Unusual
    if reported is not None:
        try:
            reported = _dt.date.fromisoformat(reported)
        except ValueError:
            raise _Unusual from None
    sources = _read_actors(sources, by_id) if sources else ()
    targets = _read_actors(targets, by_id) if targets else ()
    claim: Claim = _make_claim(
        given_id,
        producer,
        _read_evidence(data["evidence"], size),
        speaker,
        None if speaker_span is None else _read_span(speaker_span, size),
        cue,
        cue_lemma,
        None if cue_span is None else _read_span(cue_span, size),
        None if content is None else _read_span(content, size),
        sources,
        targets,
        predicate,
        cameo,
        plover,
        mode,
        context,
        quad,
        modality,
        tense,
        reported,
        confidence,
        _read_location(data["location"], size, by_id),
        _read_event_date(data["event_date"], size),
        _read_actor_codes(source_codes, sources) if source_codes else (),
        _read_actor_codes(target_codes, targets) if target_codes else (),
    )
    return claim


def _read_analysis(data: Mapping[str, Any]) -> Analysis:
    """Read the document of an analysis (its envelope checked) in one pass.

    Raises:
        _Unusual: at anything not plainly valid; the checking read then says what.
    """
    entities, claims, versions = data.get("entities", []), data.get("claims", []), data.get("versions") or {}
    if type(entities) is not list or type(claims) is not list:
        raise _Unusual
    try:
        article = _read_article(data["article"])
        text = article.text
        by_id: dict[str, Entity] = {}
        for item in entities:
            entity = _read_entity(item, text)
            if entity.id in by_id:
                raise _Unusual
            by_id[entity.id] = entity
        size = len(text)
        read_claims = tuple([_read_claim(item, size, by_id) for item in claims])
    except KeyError:  # an unknown key in the place of a field (see _completer)
        raise _Unusual from None
    return Analysis._trusted(
        article=article, entities=tuple(by_id.values()), claims=read_claims, versions=_read_strings_mapping(versions)
    )


def _read_analysis_checked(data: Mapping[str, Any], cls: type[Analysis] = Analysis) -> Analysis:
    """Read the document of an analysis (its envelope checked) as a *cls* through cattrs
    and the public constructors, which check every field and name the one that is wrong.

    Raises:
        SchemaError: a field is missing or malformed.
        ValidationError: the values break the data model.
    """
    from ._serialize import structure, structure_list

    versions = data.get("versions") or {}
    if not isinstance(versions, Mapping):
        from .exceptions import SchemaError

        raise SchemaError("analysis.versions: expected a JSON object")
    return cls(
        article=structure(data["article"], Article),
        entities=structure_list(data, "entities", Entity),
        claims=structure_list(data, "claims", Claim),
        versions=versions,
    )
