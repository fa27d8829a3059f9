"""The values geotext produces: Article, Entity (with Mentions), Claim and Analysis.

Every value is frozen and validated on construction; a violation raises
:class:`geotext.ValidationError` naming the field and the value. Checks that need the
article text (offsets inside the text, mention text equal to the slice) run when the
values are bundled into an :class:`Analysis`.
"""

import datetime as _dt
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal

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


def _fail(cls: str, attribute: attrs.Attribute, value: Any, reason: str) -> None:
    raise ValidationError(f"{cls}.{attribute.name}", value, reason)


def _check_offset(instance: Any, attribute: attrs.Attribute, value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        _fail(type(instance).__name__, attribute, value, "must be an integer >= 0")


def _check_end(instance: Any, attribute: attrs.Attribute, value: int) -> None:
    _check_offset(instance, attribute, value)
    if value < instance.start:
        _fail(type(instance).__name__, attribute, value, f"must be >= start ({instance.start})")


def _check_nonempty_end(instance: Any, attribute: attrs.Attribute, value: int) -> None:
    _check_offset(instance, attribute, value)
    if value <= instance.start:
        _fail(type(instance).__name__, attribute, value, f"must be > start ({instance.start})")


def _check_str(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    if not isinstance(value, str) or not value:
        _fail(type(instance).__name__, attribute, value, "must be a non-empty string")


def _check_opt_str(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    if value is not None and not isinstance(value, str):
        _fail(type(instance).__name__, attribute, value, "must be a string or None")


def _known_or_namespaced(known: frozenset[str]) -> Any:
    def check(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
        if not isinstance(value, str) or (value not in known and not _NAMESPACED.match(value)):
            _fail(
                type(instance).__name__,
                attribute,
                value,
                f"must be one of {sorted(known)} or namespaced like 'plugin:{attribute.name}'",
            )

    return check


def _check_entity_id(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    if not isinstance(value, str) or not _NAMESPACED.match(value):
        _fail(type(instance).__name__, attribute, value, "must be a namespaced id like 'iso:CHN'")


def _check_opt_iso3(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    if value is not None and (not isinstance(value, str) or not _ISO3.match(value)):
        _fail(type(instance).__name__, attribute, value, "must be an ISO 3166 alpha-3 code")


def _check_mapping_of_str(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
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
        for element in item:
            if not _is_json(element):
                return False
        return True
    if kind is dict:
        for key, element in item.items():
            if type(key) is not str or not _is_json(element):
                return False
        return True
    if isinstance(item, (str, int)):  # subclasses such as enums of str
        return True
    if isinstance(item, float):
        return _is_json(float(item))
    return False


def _check_json_mapping(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    for key, item in value.items():
        try:
            plain = type(key) is str and _is_json(item)
        except RecursionError:
            _fail(type(instance).__name__, attribute, key, "nests values too deep")
        if not plain:
            _fail(type(instance).__name__, attribute, {key: item}, "must hold JSON values only")


def _tuple_of(field: str, *, none_is_empty: bool = False) -> Any:
    """A converter to a tuple that names *field* when the value is no sequence.

    A single string (or mapping, or value) is refused rather than split into its
    characters (or keys): ``authors="John Smith"`` is not ten one-letter authors.
    """

    def convert(value: Any) -> tuple[Any, ...]:
        if type(value) is tuple:
            return value
        if value is None and none_is_empty:
            return ()
        if isinstance(value, (str, bytes, bytearray, Mapping)) or not isinstance(value, Iterable):
            hint = f" (one string is not a list: pass [{value!r}])" if isinstance(value, str) else ""
            raise ValidationError(field, value, f"must be a list or tuple, not {type(value).__name__}{hint}")
        return tuple(value)

    return convert


def _dict_of(field: str) -> Any:
    """A converter to a dict (``None`` is empty) that names *field* when the value is no mapping."""

    def convert(value: Any) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise ValidationError(field, value, f"must be a mapping (dict), not {type(value).__name__}")
        return dict(value)

    return convert


def _instance_of(field: str, kind: type, *, optional: bool = True) -> Any:
    def check(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
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


class _Serializable:
    """Explicit ``to_dict``/``from_dict`` for the values, backed by cattrs."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-safe dict of this value."""
        from ._serialize import unstructure

        return unstructure(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Any:
        """Build the value from :meth:`to_dict` output.

        Raises:
            SchemaError: a field is missing or malformed.
            ValidationError: the values break the data model.
        """
        from ._serialize import structure

        return structure(data, cls)


@attrs.frozen(kw_only=True)
class Span:
    """A half-open character range ``[start, end)`` into :attr:`Article.text`."""

    start: int = attrs.field(validator=_check_offset)
    end: int = attrs.field(validator=_check_end)

    def slice(self, text: str) -> str:
        """Return the part of *text* this span covers."""
        return text[self.start : self.end]


@attrs.frozen(kw_only=True)
class Provenance:
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
    replaced_bytes: int = attrs.field(default=0, validator=_check_offset)

    @record.validator
    def _check_record(self, attribute: attrs.Attribute, value: Any) -> None:
        if value is not None:
            _check_offset(self, attribute, value)


def derive_article_id(text: str) -> str:
    """Return the stable id geotext gives an article without one: a digest of its text.

    >>> derive_article_id("China urges Mongolia to join the SCO")
    'sha1:e0cffb309ef5ed16'
    """
    import hashlib  # imported here: it is costly at ``import geotext`` time

    return "sha1:" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


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

    id: str | None = attrs.field(default=None, validator=attrs.validators.optional(_check_str))
    text: str = attrs.field()
    title: str | None = attrs.field(default=None, validator=_check_opt_str)
    paragraphs: tuple[Span, ...] = attrs.field(default=(), converter=_tuple_of("Article.paragraphs", none_is_empty=True))
    url: str | None = attrs.field(default=None, validator=_check_opt_str)
    source: str | None = attrs.field(default=None, validator=_check_opt_str)
    published: _dt.datetime | None = attrs.field(default=None, converter=_to_datetime)
    language: str | None = attrs.field(default=None, validator=_check_opt_str)
    authors: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of("Article.authors", none_is_empty=True))
    metadata: dict[str, Any] = attrs.field(
        factory=dict, converter=_dict_of("Article.metadata"), validator=_check_json_mapping, hash=False
    )
    provenance: Provenance | None = attrs.field(default=None, validator=_instance_of("Article.provenance", Provenance))

    @text.validator
    def _check_text(self, attribute: attrs.Attribute, value: Any) -> None:
        if not isinstance(value, str):
            _fail("Article", attribute, value, "must be a string")

    @paragraphs.validator
    def _check_paragraphs(self, attribute: attrs.Attribute, value: tuple[Span, ...]) -> None:
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
    def _check_authors(self, attribute: attrs.Attribute, value: tuple[Any, ...]) -> None:
        for author in value:
            if not isinstance(author, str):
                _fail("Article", attribute, author, "must hold strings")

    def __attrs_post_init__(self) -> None:
        if self.id is None:
            object.__setattr__(self, "id", derive_article_id(self.text))

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
        paragraphs = _tuple_of("Article.from_paragraphs(paragraphs)")(paragraphs)
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


def _degrees(field: str) -> Any:
    def convert(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ValidationError(field, value, "must be a number of decimal degrees")
        try:
            return float(value)
        except (ValueError, OverflowError):
            raise ValidationError(field, value, "must be a number of decimal degrees") from None

    return convert


@attrs.frozen(kw_only=True)
class Coordinates:
    """A WGS 84 point in decimal degrees."""

    lat: float = attrs.field(converter=_degrees("Coordinates.lat"))
    lon: float = attrs.field(converter=_degrees("Coordinates.lon"))

    @lat.validator
    def _check_lat(self, attribute: attrs.Attribute, value: float) -> None:
        if not -90.0 <= value <= 90.0:
            _fail("Coordinates", attribute, value, "latitude must lie in [-90, 90]")

    @lon.validator
    def _check_lon(self, attribute: attrs.Attribute, value: float) -> None:
        if not -180.0 <= value <= 180.0:
            _fail("Coordinates", attribute, value, "longitude must lie in [-180, 180]")


@attrs.frozen(kw_only=True, order=False)
class Mention(_Serializable):
    """One place in the text where an entity is named.

    Args:
        start: offset of the first character in :attr:`Article.text`.
        end: offset one past the last character.
        text: the surface text, equal to ``article.text[start:end]``.
        form: how the entity is written here; one of :data:`MENTION_FORMS` or namespaced.
    """

    start: int
    end: int
    text: str
    form: str = "name"

    def __attrs_post_init__(self) -> None:
        # Taggers make thousands of mentions per MB: one combined test on the fast path,
        # and the field-by-field checks only to name what is wrong.
        start, end, text, form = self.start, self.end, self.text, self.form
        if not (
            type(start) is int
            and type(end) is int
            and 0 <= start < end
            and type(text) is str
            and len(text) == end - start
            and (form in MENTION_FORMS or (type(form) is str and _NAMESPACED.match(form)))
        ):
            self._explain()

    def _explain(self) -> None:
        fields = attrs.fields(Mention)
        _check_offset(self, fields.start, self.start)
        _check_nonempty_end(self, fields.end, self.end)
        _check_str(self, fields.text, self.text)
        _known_or_namespaced(MENTION_FORMS)(self, fields.form, self.form)
        raise ValidationError(
            "Mention.text", self.text, f"length differs from end - start ({self.end - self.start})"
        )

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.form)


_mention_tuple = _tuple_of("Entity.mentions", none_is_empty=True)


def _sorted_mentions(value: Iterable[Mention]) -> tuple[Mention, ...]:
    mentions = _mention_tuple(value)
    if len(mentions) == 1 and type(mentions[0]) is Mention:  # most entities: one mention
        return mentions
    for mention in mentions:
        if not isinstance(mention, Mention):
            raise ValidationError("Entity.mentions", mention, "must hold Mention values")
    # Canonical order keeps serialisation and equality independent of tagger order.
    keys = [(m.start, m.end, m.form) for m in mentions]
    if all(a < b for a, b in zip(keys, keys[1:])):  # already sorted and distinct: the usual case
        return mentions
    return tuple(sorted(set(mentions), key=lambda m: m.sort_key))


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
    ids: dict[str, str] = attrs.field(
        factory=dict, converter=_dict_of("Entity.ids"), validator=_check_mapping_of_str, hash=False
    )
    coordinates: Coordinates | None = attrs.field(default=None,
                                                  validator=_instance_of("Entity.coordinates", Coordinates))
    country: str | None = attrs.field(default=None, validator=_check_opt_iso3)
    office: str | None = attrs.field(default=None, validator=_check_opt_str)
    attributes: dict[str, Any] = attrs.field(
        factory=dict, converter=_dict_of("Entity.attributes"), validator=_check_json_mapping, hash=False
    )
    mentions: tuple[Mention, ...] = attrs.field(default=(), converter=_sorted_mentions)

    @property
    def first_offset(self) -> int:
        """Offset of the first mention, or -1 when the entity has none."""
        return self.mentions[0].start if self.mentions else -1

    def with_mentions(self, mentions: Iterable[Mention]) -> "Entity":
        """Return a copy of this entity whose mentions are *mentions*.

        Unlike :func:`attrs.evolve`, only the new mentions are checked: the other fields
        were validated when this entity was made. A tagger keeps one entity without
        mentions per record of its data and calls this once per article, which costs a
        third to a half of building the entity anew.

        >>> china = Entity(id="iso:CHN", kind="state", name="China")
        >>> china.with_mentions([Mention(start=0, end=5, text="China")]).mentions[0].text
        'China'
        """
        copy = object.__new__(Entity)
        set_field = object.__setattr__
        set_field(copy, "id", self.id)
        set_field(copy, "kind", self.kind)
        set_field(copy, "name", self.name)
        set_field(copy, "coordinates", self.coordinates)
        set_field(copy, "country", self.country)
        set_field(copy, "office", self.office)
        # own dicts, as the constructor's converter gives every entity
        set_field(copy, "ids", dict(self.ids))
        set_field(copy, "attributes", dict(self.attributes))
        set_field(copy, "mentions", _sorted_mentions(mentions))
        return copy


@attrs.frozen(kw_only=True)
class Evidence:
    """Where a claim is stated: the claim's own span and the sentence around it."""

    start: int = attrs.field(validator=_check_offset)
    end: int = attrs.field(validator=_check_nonempty_end)
    sentence_start: int = attrs.field(validator=_check_offset)
    sentence_end: int = attrs.field()

    @sentence_end.validator
    def _check_sentence(self, attribute: attrs.Attribute, value: int) -> None:
        _check_offset(self, attribute, value)
        if not self.sentence_start <= self.start <= self.end <= value:
            _fail("Evidence", attribute, value, "the sentence must contain the claim span")


def _check_actor_ids(instance: Any, attribute: attrs.Attribute, value: tuple[str, ...]) -> None:
    for item in value:
        _check_entity_id(instance, attribute, item)
    if len(set(value)) != len(value):
        _fail("Claim", attribute, value, "must not repeat an entity id")


def _check_actor_codes(attribute: attrs.Attribute, value: tuple[Any, ...], actors: tuple[str, ...]) -> None:
    if value and len(value) != len(actors):
        _fail("Claim", attribute, value, f"must hold one code per actor ({len(actors)}) or be empty")
    for item in value:
        if item is not None and (not isinstance(item, str) or not _CAMEO_ACTOR.match(item)):
            _fail("Claim", attribute, item, "must be a CAMEO actor code such as 'CHNGOV' or 'IGO', or None")


def _check_opt_entity_id(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    if value is not None:
        _check_entity_id(instance, attribute, value)


def _check_opt_span(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
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


def _check_nonempty_span(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
    if not isinstance(value, Span) or value.end <= value.start:
        _fail(type(instance).__name__, attribute, value, "must be a non-empty Span")


@attrs.frozen(kw_only=True)
class EventLocation:
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



@attrs.frozen(kw_only=True)
class EventDate:
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
    def _check_date(self, attribute: attrs.Attribute, value: Any) -> None:
        if not isinstance(value, _dt.date):
            _fail("EventDate", attribute, value, "must be a date")

    @precision.validator
    def _check_precision(self, attribute: attrs.Attribute, value: Any) -> None:
        if value not in DATE_PRECISIONS:
            _fail("EventDate", attribute, value, f"must be one of {sorted(DATE_PRECISIONS)}")



def _check_opt_of(cls: type) -> Any:
    def check(instance: Any, attribute: attrs.Attribute, value: Any) -> None:
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
        ]
    )
    import hashlib

    return "claim:" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


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

    id: str | None = attrs.field(default=None, validator=attrs.validators.optional(_check_str))
    producer: str = attrs.field(validator=_check_str)
    evidence: tuple[Evidence, ...] = attrs.field(converter=_tuple_of("Claim.evidence"))
    speaker: str | None = attrs.field(default=None, validator=_check_opt_entity_id)
    speaker_span: Span | None = attrs.field(default=None, validator=_check_opt_span)
    cue: str | None = attrs.field(default=None, validator=_check_opt_str)
    cue_lemma: str | None = attrs.field(default=None, validator=_check_opt_str)
    cue_span: Span | None = attrs.field(default=None, validator=_check_opt_span)
    content: Span | None = attrs.field(default=None, validator=_check_opt_span)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of("Claim.sources", none_is_empty=True),
                                           validator=_check_actor_ids)
    targets: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of("Claim.targets", none_is_empty=True),
                                           validator=_check_actor_ids)
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
    source_codes: tuple[str | None, ...] = attrs.field(
        default=(), converter=_tuple_of("Claim.source_codes", none_is_empty=True))
    target_codes: tuple[str | None, ...] = attrs.field(
        default=(), converter=_tuple_of("Claim.target_codes", none_is_empty=True))

    def __attrs_post_init__(self) -> None:
        if self.id is None:
            object.__setattr__(self, "id", _derive_claim_id(self))

    @source_codes.validator
    def _check_source_codes(self, attribute: attrs.Attribute, value: tuple[Any, ...]) -> None:
        _check_actor_codes(attribute, value, self.sources)

    @target_codes.validator
    def _check_target_codes(self, attribute: attrs.Attribute, value: tuple[Any, ...]) -> None:
        _check_actor_codes(attribute, value, self.targets)

    @property
    def attributed(self) -> bool:
        """True when someone other than the article's own voice states the claim."""
        return self.speaker is not None or self.speaker_span is not None

    @evidence.validator
    def _check_evidence(self, attribute: attrs.Attribute, value: tuple[Any, ...]) -> None:
        if not value:
            _fail("Claim", attribute, value, "a claim needs at least one evidence span")
        for item in value:
            if not isinstance(item, Evidence):
                _fail("Claim", attribute, item, "must hold Evidence values")

    @cameo.validator
    def _check_cameo(self, attribute: attrs.Attribute, value: Any) -> None:
        if value is not None and (not isinstance(value, str) or not _CAMEO.match(value)):
            _fail("Claim", attribute, value, "must be a CAMEO code such as '02' or '0311'")

    @quad_class.validator
    def _check_quad(self, attribute: attrs.Attribute, value: Any) -> None:
        if value is not None and (isinstance(value, bool) or value not in (0, 1, 2, 3, 4)):
            _fail("Claim", attribute, value, "must be 0 (neutral) to 4")

    @modality.validator
    def _check_modality(self, attribute: attrs.Attribute, value: Any) -> None:
        if value not in MODALITIES:
            _fail("Claim", attribute, value, f"must be one of {sorted(MODALITIES)}")

    @tense.validator
    def _check_tense(self, attribute: attrs.Attribute, value: Any) -> None:
        if value is not None and value not in TENSES:
            _fail("Claim", attribute, value, f"must be one of {sorted(TENSES)} or None")

    @confidence.validator
    def _check_confidence(self, attribute: attrs.Attribute, value: Any) -> None:
        if (
            not isinstance(value, (int, float))
            or isinstance(value, bool)
            or not 0.0 <= value <= 1.0
        ):
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


@attrs.frozen(kw_only=True)
class Analysis:
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
    entities: tuple[Entity, ...] = attrs.field(default=(), converter=_tuple_of("Analysis.entities", none_is_empty=True))
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_tuple_of("Analysis.claims", none_is_empty=True))
    versions: dict[str, str] = attrs.field(
        factory=dict, converter=_dict_of("Analysis.versions"), validator=_check_mapping_of_str, hash=False
    )
    _by_id: dict[str, Entity] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        text = self.article.text
        by_id: dict[str, Entity] = {}
        for entity in self.entities:
            if not isinstance(entity, Entity):
                raise ValidationError("Analysis.entities", entity, "must hold Entity values")
            if entity.id in by_id:
                raise ValidationError("Analysis.entities", entity.id, "entity ids must be unique")
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
                        f"text differs from the article at its offsets ({text[mention.start:mention.end]!r})",
                    )
        for claim in self.claims:
            if not isinstance(claim, Claim):
                raise ValidationError("Analysis.claims", claim, "must hold Claim values")
            for actor in claim.actors:
                if actor not in by_id:
                    raise ValidationError(f"Claim[{claim.id}]", actor, "names an entity that is not in the analysis")
            spans: list[Any] = [*claim.evidence, claim.speaker_span, claim.cue_span, claim.content]
            if claim.location is not None:
                if claim.location.entity is not None and claim.location.entity not in by_id:
                    raise ValidationError(f"Claim[{claim.id}].location", claim.location.entity,
                                          "names an entity that is not in the analysis")
                spans.append(claim.location.span)
            if claim.event_date is not None:
                spans.append(claim.event_date.span)
            for span in spans:
                if span is None:
                    continue
                last = span.sentence_end if isinstance(span, Evidence) else span.end
                if last > len(text):
                    raise ValidationError(f"Claim[{claim.id}]", span, f"lies outside the text (length {len(text)})")
        object.__setattr__(self, "_by_id", by_id)

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
        from ._serialize import analysis_to_dict

        return analysis_to_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Analysis":
        """Read an analysis back from :meth:`to_dict` output.

        Raises:
            SchemaError: the schema version is missing or unknown, or a field is malformed.
            ValidationError: the values break the data model.
        """
        from ._serialize import analysis_from_dict

        return analysis_from_dict(data)
