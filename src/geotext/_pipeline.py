"""The analysis pipeline: parse, tag, extract claims, export.

:class:`Pipeline` holds one loaded :class:`PluginSet` and a configuration; the
module-level functions of :mod:`geotext` use a process-wide default pipeline, so
plugins load once per process (and so once per worker in parallel runs).
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any, Literal, Union

import attrs

from ._components import DEFAULT_MAX_BYTES, Exporter, Parser, Source
from ._merge import merge_entities
from ._model import Analysis, Article, Claim, Entity, check_claims_in, check_entities_in
from ._plugins import PluginSet, default_plugins, plugin_set
from ._settings import Settings, check_config, check_limit, check_plugin_names, check_reading
from ._version import __version__
from .cache import ProcessCache
from .exceptions import (
    AmbiguousComponentError,
    ConfigError,
    ExportError,
    GeotextError,
    InputTooLargeError,
    NoParserError,
    ParseError,
    PluginError,
    UnknownOptionError,
    ValidationError,
    attribute_error,
)

log = logging.getLogger("geotext")

SourceLike = Union[str, bytes, "os.PathLike[str]", IO[Any], Source]
OnError = Literal["raise", "skip"] | Callable[["Failure"], None] | None


@attrs.frozen(kw_only=True)
class Failure:
    """A source or record that could not be analysed, as reported in a batch.

    Args:
        source: the path, URI or description of the input.
        record: the record index in a multi-record source, or ``None``.
        error_type: the exception class name, such as ``"ParseError"``.
        message: the error message.
        plugin: the plugin that failed, when one did.
    """

    source: str
    record: int | None
    error_type: str
    message: str
    plugin: str | None = None

    @classmethod
    def from_exception(cls, exc: BaseException, *, source: str, record: int | None = None) -> Failure:
        return cls(
            source=getattr(exc, "source", None) or source,
            record=getattr(exc, "record", None) if getattr(exc, "record", None) is not None else record,
            error_type=type(exc).__name__,
            message=str(exc),
            plugin=getattr(exc, "plugin", None),
        )

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


class Batch(Iterator[Analysis]):
    """The iterator :func:`geotext.analyze_many` returns.

    Iterate over it for the analyses; afterwards (or during) :attr:`failures` lists
    what could not be analysed, and :attr:`count` how many analyses came out.
    """

    def __init__(self, results: Iterator[Analysis | Failure], on_error: OnError) -> None:
        self._results = results
        self._on_error = on_error
        self.failures: list[Failure] = []
        self.count = 0

    def __iter__(self) -> Batch:
        return self

    def __next__(self) -> Analysis:
        while True:
            item = next(self._results)
            if isinstance(item, Analysis):
                self.count += 1
                return item
            self.failures.append(item)
            log.warning(
                "skipped %s%s: %s", item.source, "" if item.record is None else f" record {item.record}", item.message
            )
            if callable(self._on_error):
                self._on_error(item)


def _check_arguments(
    *,
    plugins: Any = None,
    config: Any = None,
    max_bytes: Any = None,
    max_records: Any = None,
    parser: Any = None,
    media_type: Any = None,
    parser_options: Any = None,
) -> None:
    """Refuse argument values of the wrong kind with an error that names the argument,
    before they fail deep inside (or, for a string of plugin names, silently)."""
    check_plugin_names(plugins)
    check_config(config)
    check_limit("max_bytes", max_bytes)
    check_limit("max_records", max_records)
    check_reading(parser=parser, media_type=media_type, parser_options=parser_options)


def _freeze_config(config: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(
        {
            key: MappingProxyType(dict(value)) if isinstance(value, Mapping) else value
            for key, value in (config or {}).items()
        }
    )


class Pipeline:
    """Parsers, taggers, claim extractors and exporters of one set of plugins.

    Args:
        plugins: plugin names to load (``None``: every installed plugin, see
            ``GEOTEXT_LOAD_PLUGINS``); or a :class:`PluginSet` already made.
        config: settings keyed by plugin name, passed to every hook, such as
            ``{"gazetteer": {"extra_entries": "mine.csv"}}``.
        strict: raise on a plugin that fails to load.
        max_bytes: the largest source a parser may read.
        max_records: the most records read from one multi-record source.

    >>> pipeline = Pipeline(plugins=[])
    >>> pipeline.parser_names()
    []
    """

    def __init__(
        self,
        *,
        plugins: Iterable[str] | PluginSet | None = None,
        config: Mapping[str, Any] | None = None,
        strict: bool | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_records: int | None = None,
    ) -> None:
        _check_arguments(plugins=plugins, config=config, max_bytes=max_bytes, max_records=max_records)
        if isinstance(plugins, PluginSet):
            self.plugins = plugins
        elif plugins is None and strict is None:
            self.plugins = default_plugins()
        else:
            self.plugins = PluginSet(names=plugins, strict=strict)
        self.config = _freeze_config(config)
        for plugin in self.config:  # fail at once on a bad priority, not on each article
            if isinstance(self.config[plugin], Mapping):
                self.priority(plugin)
        self.max_bytes = max_bytes
        self.max_records = max_records
        self._version_cache: dict[str, str] | None = None

    # -- components -----------------------------------------------------------------------

    def parser_names(self) -> list[str]:
        return self.plugins.load().parsers.names()

    def exporter_names(self) -> list[str]:
        return self.plugins.load().exporters.names()

    def get_parser(self, name: str) -> Parser:
        """Return the parser registered as *name* (or ``plugin:name``)."""
        _check_arguments(parser=name)
        return self.plugins.load().parsers.get(name)

    def get_exporter(self, name: str, **options: Any) -> Exporter:
        """Return an exporter for format *name*, with its settings layered.

        Options come, each layer over the one before, from the options of the
        registered instance (when the plugin registered one), from the ``config``
        section of the plugin that registered the format (keys the exporter takes),
        and from *options*.

        Raises:
            UnknownComponentError: no plugin registers the format.
            UnknownOptionError: *options* holds an option the exporter does not take;
                the message lists those it takes.
        """
        if not isinstance(name, str):
            raise ConfigError(f"format={name!r}: expected a format name such as 'jsonl'")
        plugin, exporter = self.plugins.load().exporters.lookup(name)
        cls = exporter if isinstance(exporter, type) else type(exporter)
        accepted = cls.option_names()
        section = self.settings(plugin)
        layered = {key: value for key, value in section.items() if accepted is None or key in accepted}
        layered.update(options)
        if isinstance(exporter, type):
            made = _make_exporter(plugin, name, lambda: cls.with_defaults(**layered), accepted, options)
        elif layered:
            made = _make_exporter(plugin, name, lambda: exporter.with_options(**layered), accepted, options)
        else:
            made = exporter
        return made

    def settings(self, plugin: str) -> dict[str, Any]:
        """The settings of *plugin*: its section of ``config`` (empty when none)."""
        section = self.config.get(plugin)
        if section is None:
            return {}
        if not isinstance(section, Mapping):
            raise ConfigError(f"config[{plugin!r}] must be a mapping of settings, not {type(section).__name__}")
        return dict(section)

    def priority(self, plugin: str) -> int:
        """The ``priority`` setting of *plugin* (default 0); higher wins ties between plugins."""
        value = self.settings(plugin).get("priority", 0)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"config[{plugin!r}]['priority']={value!r}: expected an integer")
        return value

    def choose_parser(self, source: Source, name: str | None = None) -> Parser:
        """Pick a parser: by *name*, then media type, then suffix, then by sniffing.

        Where several parsers match a media type or suffix, the one whose
        :meth:`~geotext.Parser.sniff` scores the content highest is taken, then the
        one whose plugin has the higher ``priority`` setting.

        Raises:
            AmbiguousComponentError: several parsers match equally; names them.
            NoParserError: no parser reads the source.
        """
        registry = self.plugins.load().parsers
        if name:
            return registry.get(name)
        candidates = self._parsers()
        if not candidates:
            raise NoParserError(source.name, [], left_out=self.plugins.left_out())
        if source.media_type:
            media = source.media_type.split(";")[0].strip().lower()
            chosen = self._pick(source, [c for c in candidates if media in c[2].media_types], f"media type {media!r}")
            if chosen is not None:
                return chosen
        if source.text is not None and source.suffix is None:
            chosen = self._pick(
                source, [c for c in candidates if "text/plain" in c[2].media_types], "media type 'text/plain'"
            )
            if chosen is not None:
                return chosen
        if source.suffix:
            chosen = self._pick(
                source, [c for c in candidates if source.suffix in c[2].suffixes], f"suffix {source.suffix!r}"
            )
            if chosen is not None:
                return chosen
        chosen = self._pick(source, candidates, "sniffing", need_score=True)
        if chosen is not None:
            return chosen
        raise NoParserError(source.name, [qualified for qualified, _, _ in candidates])

    def _pick(
        self, source: Source, matching: list[tuple[str, str, Parser]], why: str, *, need_score: bool = False
    ) -> Parser | None:
        if len(matching) == 1 and not need_score:
            return matching[0][2]
        if not matching:
            return None
        head = source.head()
        ranked = sorted(
            (
                (self._sniff(parser, head), self.priority(plugin), qualified, parser)
                for qualified, plugin, parser in matching
            ),
            key=lambda item: (-item[0], -item[1], item[2]),
        )
        best = ranked[0]
        if need_score and best[0] <= 0:
            return None
        tied = [item[2] for item in ranked if item[:2] == best[:2]]
        if len(tied) > 1:
            raise AmbiguousComponentError(
                "parser",
                why,
                tied,
                message=f"{source.name}: parsers {', '.join(tied)} all read it by {why}, with the same "
                f"sniff score and priority; pass parser=NAME (--parser), or set a plugin's "
                f"'priority' setting",
            )
        return best[3]

    def _parsers(self) -> list[tuple[str, str, Parser]]:
        """Every parser as ``(qualified name, plugin, parser)``; names are qualified when shared."""
        items = self.plugins.load().parsers.items()
        counts: dict[str, int] = {}
        for name, _, _ in items:
            counts[name] = counts.get(name, 0) + 1
        return [(name if counts[name] == 1 else f"{plugin}:{name}", plugin, parser) for name, plugin, parser in items]

    @staticmethod
    def _sniff(parser: Parser, head: bytes) -> float:
        try:
            return float(parser.sniff(head))
        except Exception:  # noqa: BLE001 - a sniffer that fails does not claim the input
            return 0.0

    # -- parsing --------------------------------------------------------------------------

    def source(
        self, source: SourceLike, *, media_type: str | None = None, options: Mapping[str, Any] | None = None
    ) -> Source:
        return Source.from_input(
            source,  # type: ignore[arg-type]
            media_type=media_type,
            max_bytes=self.max_bytes,
            max_records=self.max_records,
            options=dict(options or {}),
        )

    def parse(
        self,
        source: SourceLike,
        *,
        parser: str | None = None,
        media_type: str | None = None,
        parser_options: Mapping[str, Any] | None = None,
    ) -> Iterator[Article | ParseError]:
        """Yield the articles of *source*, and a :class:`ParseError` for each bad record."""
        yield from parse_with(self, source, _reading(parser, media_type, parser_options))

    def _parse_source(self, src: Source, chosen: Parser) -> Iterator[Article | ParseError]:
        plugin = self.plugins.parsers.owner(chosen) or chosen.name
        settings = self.settings(plugin)
        settings.pop("priority", None)
        if settings:
            # the plugin's settings, under the options given for this call
            src = attrs.evolve(src, options={**settings, **src.options})
        over_limit = False
        try:
            for count, item in enumerate(chosen.parse(src)):
                if src.max_records is not None and count >= src.max_records:
                    over_limit = True  # the core's limit, not the parser's error
                    raise InputTooLargeError(f"more than {src.max_records} records", source=src.name)
                if isinstance(item, Article):
                    item = self.plugins.article_parsed(article=item, config=self.config)
                elif isinstance(item, GeotextError):
                    attribute_error(item, plugin, "parse")
                else:
                    raise PluginError(
                        plugin,
                        "parse",
                        TypeError(f"must yield Article or ParseError values, not {type(item).__name__}"),
                    )
                yield item
        except GeotextError as exc:
            if not over_limit:
                attribute_error(exc, plugin, "parse")
            raise
        except Exception as exc:
            raise PluginError(plugin, "parse", exc) from exc

    # -- analysis -------------------------------------------------------------------------

    def analyze_article(self, article: Article) -> Analysis:
        """Tag entities and extract claims of one article."""
        # Each plugin's results are checked here, once, against the article, so that an
        # error names the plugin; the analysis made of them is then trusted.
        contributions = [
            (plugin, _checked_entities(article, plugin, result))
            for plugin, result in self.plugins.tag_entities(article=article, config=self.config)
        ]
        priorities = {plugin: self.priority(plugin) for plugin, _ in contributions}
        entities = merge_entities(contributions, priorities=priorities)
        by_id = {entity.id: entity for entity in entities}
        claims: dict[str, Claim] = {}
        for plugin, result in self.plugins.extract_claims(article=article, entities=entities, config=self.config):
            for claim in _checked_claims(article, by_id, plugin, result):
                claims.setdefault(claim.id, claim)
        ordered = tuple(sorted(claims.values(), key=lambda c: (c.evidence[0].start, c.evidence[0].end, c.id)))
        versions = {"geotext-core": __version__, **self._versions()}
        analysis = Analysis._trusted(article=article, entities=entities, claims=ordered, versions=versions)
        return self.plugins.analysis_ready(analysis=analysis, config=self.config)

    def _versions(self) -> dict[str, str]:
        # computed once: plugin versions do not change within a process
        if self._version_cache is None:
            self._version_cache = self.plugins.versions()
        return self._version_cache

    def analyze(
        self,
        source: SourceLike | Article,
        *,
        parser: str | None = None,
        media_type: str | None = None,
        parser_options: Mapping[str, Any] | None = None,
    ) -> Analysis:
        """Analyse one article given as text, bytes, a path, an open file or an :class:`Article`.

        Raises:
            NoParserError: no installed parser reads the input.
            ParseError: the input is not an article, or holds more than one.
        """
        return analyze_with(self, source, _reading(parser, media_type, parser_options))

    def analyze_many(
        self,
        sources: Iterable[SourceLike | Article],
        *,
        parser: str | None = None,
        media_type: str | None = None,
        parser_options: Mapping[str, Any] | None = None,
        on_error: OnError = None,
    ) -> Batch:
        """Analyse many sources lazily, one article at a time (memory stays flat).

        A source or record that fails is reported and the rest still come out: it is
        added to :attr:`Batch.failures`, logged, and passed to *on_error* when that is
        a callable. ``on_error="raise"`` raises the first error instead.

        Raises:
            ConfigError: *sources* is one text, bytes or no iterable at all (use
                :meth:`analyze` for one article), or *on_error* is not a known value.
        """
        return analyze_many_with(self, sources, _reading(parser, media_type, parser_options), on_error)

    # -- export ---------------------------------------------------------------------------

    def export(
        self,
        results: Analysis | Iterable[Analysis],
        *,
        format: str,  # noqa: A002 - the public name users know
        to: str | os.PathLike[str] | IO[Any] | None = None,
        **options: Any,
    ) -> str | bytes | int:
        """Write *results* in *format* to a path or stream; return the count written.

        Without *to*, return the output as text (or bytes for binary formats).
        """
        if not isinstance(format, str):
            raise ConfigError(f"format={format!r}: expected a format name such as 'jsonl'")
        if to is not None and not isinstance(to, (str, os.PathLike)) and not hasattr(to, "write"):
            raise ExportError(f"to={to!r}: expected a path or an open file (or None to return the output)")
        if isinstance(results, (str, bytes)) or not isinstance(results, (Analysis, Iterable)):
            raise ConfigError(f"results: expected an Analysis or an iterable of them, not {type(results).__name__}")
        exporter = self.get_exporter(format, **options)
        plugin = self.plugins.exporters.owner(exporter) or self.plugins.exporters.lookup(format)[0]
        items = [results] if isinstance(results, Analysis) else _analyses_only(results)
        try:
            return self._write(exporter, items, to)
        except GeotextError as exc:
            if isinstance(exc, ExportError) and exc.plugin is None and exc.__cause__ is None:
                raise  # the core's own (such as a missing directory)
            attribute_error(exc, plugin, "write")
            raise
        except OSError as exc:
            raise ExportError(f"{format}: cannot write: {exc}") from exc
        except Exception as exc:
            raise PluginError(plugin, "write", exc) from exc

    @staticmethod
    def _write(exporter: Exporter, items: Iterable[Analysis], to: Any) -> str | bytes | int:
        if to is None:
            buffer = io.BytesIO()
            exporter.write(items, buffer)
            data = buffer.getvalue()
            try:
                return data.decode("utf-8")
            except UnicodeDecodeError:
                return data
        if isinstance(to, (str, os.PathLike)):
            return exporter.write_path(items, Path(to))
        if isinstance(to, io.TextIOBase):
            # a text stream (sys.stdout, StringIO): write through its binary buffer
            # when it has one, else decode once at the end
            binary = getattr(to, "buffer", None)
            if binary is not None:
                to.flush()
                count = exporter.write(items, binary)
                binary.flush()
                return count
            buffer = io.BytesIO()
            count = exporter.write(items, buffer)
            to.write(buffer.getvalue().decode("utf-8"))
            return count
        return exporter.write(items, to)


# -- reading and analysing with one Settings value ---------------------------------------------


def _reading(parser: Any, media_type: Any, parser_options: Any) -> Settings:
    """The settings of :meth:`Pipeline.parse` and friends' keywords (checked: errors name them)."""
    if parser is None and media_type is None and parser_options is None:
        return _NO_READING_OPTIONS
    return Settings(parser=parser, media_type=media_type, parser_options=parser_options)


_NO_READING_OPTIONS = Settings()


def parse_with(pipeline: Pipeline, source: SourceLike, reading: Settings) -> Iterator[Article | ParseError]:
    """The articles of *source* (and a :class:`ParseError` per bad record), read with the
    parser, media type and parser options of *reading* and the limits of *pipeline*."""
    src = pipeline.source(source, media_type=reading.media_type, options=reading.parser_options)
    chosen = pipeline.choose_parser(src, reading.parser)
    yield from pipeline._parse_source(src, chosen)


def analyze_with(pipeline: Pipeline, source: SourceLike | Article, reading: Settings) -> Analysis:
    """:meth:`Pipeline.analyze` with the reading options of *reading*."""
    if isinstance(source, Article):
        return pipeline.analyze_article(source)
    articles = []
    for item in parse_with(pipeline, source, reading):
        if isinstance(item, ParseError):
            raise item
        articles.append(item)
        if len(articles) > 1:
            raise ParseError("holds more than one article; use analyze_many", source=_name_of(source))
    if not articles:
        raise ParseError("holds no article", source=_name_of(source))
    return pipeline.analyze_article(articles[0])


def analyze_many_with(
    pipeline: Pipeline, sources: Iterable[SourceLike | Article], reading: Settings, on_error: OnError = None
) -> Batch:
    """:meth:`Pipeline.analyze_many` with the reading options of *reading*."""
    if isinstance(sources, (str, bytes, bytearray, Article, Source)) or not isinstance(sources, Iterable):
        raise ConfigError(
            f"sources: expected an iterable of sources (texts, paths, files), not one "
            f"{type(sources).__name__}; use analyze() for a single article, or pass [source]"
        )
    if not (on_error in (None, "raise", "skip") or callable(on_error)):
        raise ConfigError(f"on_error={on_error!r}: expected 'raise', 'skip', None or a callable")

    def run() -> Iterator[Analysis | Failure]:
        for source in sources:
            name = _name_of(source)
            try:
                if isinstance(source, Article):
                    articles: Iterable[Article | ParseError] = [source]
                else:
                    articles = parse_with(pipeline, source, reading)
                for item in articles:
                    if isinstance(item, ParseError):
                        if on_error == "raise":
                            raise item
                        yield Failure.from_exception(item, source=name)
                        continue
                    try:
                        yield pipeline.analyze_article(item)
                    except (GeotextError, ValidationError) as exc:
                        if on_error == "raise":
                            raise
                        record = item.provenance.record if item.provenance else None
                        yield Failure.from_exception(exc, source=name, record=record)
            except GeotextError as exc:
                if on_error == "raise":
                    raise
                yield Failure.from_exception(exc, source=name)

    return Batch(run(), on_error)


def _make_exporter(
    plugin: str, name: str, make: Callable[[], Exporter], accepted: frozenset[str] | None, options: Mapping[str, Any]
) -> Exporter:
    if accepted is not None:
        unknown = set(options) - accepted
        if unknown:
            raise UnknownOptionError(f"exporter {name!r}", unknown, accepted)
    try:
        return make()
    except GeotextError as exc:
        attribute_error(exc, plugin, "__init__")
        raise
    except (TypeError, ValueError) as exc:
        raise attribute_error(ConfigError(f"exporter {name!r}: bad options: {exc}"), plugin, "__init__") from exc
    except Exception as exc:
        raise PluginError(plugin, f"{name} exporter __init__", exc) from exc


def _results(plugin: str, hook: str, result: Any, kind: type) -> list[Any]:
    """One plugin's results as a list of *kind* values, else a PluginError naming the plugin."""
    if result is None:
        return []
    if isinstance(result, (str, bytes, Mapping)) or not isinstance(result, Iterable):
        raise PluginError(plugin, hook, TypeError(f"must return a sequence of {kind.__name__} values"))
    items = list(result)
    for item in items:
        if not isinstance(item, kind):
            raise PluginError(plugin, hook, TypeError(f"must return {kind.__name__} values, not {type(item).__name__}"))
    return items


def _checked_entities(article: Article, plugin: str, result: Any) -> list[Entity]:
    """One tagger's entities, checked against the text (each entity's own fields were
    checked when it was made), so that an error names that tagger."""
    entities = _results(plugin, "geotext_tag_entities", result, Entity)
    try:
        # a tagger may give one id twice: the merge unites them
        check_entities_in(article.text, entities, unique_ids=False, where=f"{plugin} entities")
    except ValidationError as exc:
        raise attribute_error(exc, plugin, "geotext_tag_entities") from None
    return entities


def _checked_claims(article: Article, by_id: Mapping[str, Entity], plugin: str, result: Any) -> list[Claim]:
    """One extractor's claims, checked against the text and the merged entities."""
    claims = _results(plugin, "geotext_extract_claims", result, Claim)
    try:
        check_claims_in(article.text, by_id, claims, where=f"{plugin} claims")
    except ValidationError as exc:
        raise attribute_error(exc, plugin, "geotext_extract_claims") from None
    return claims


def _analyses_only(results: Iterable[Any]) -> Iterator[Analysis]:
    for index, item in enumerate(results):
        if not isinstance(item, Analysis):
            raise ValidationError(f"results[{index}]", item, "must be an Analysis (from analyze or from_dict)")
        yield item


def _name_of(source: Any) -> str:
    if isinstance(source, Article):
        return source.provenance.source if source.provenance and source.provenance.source else source.id
    if isinstance(source, Source):
        return source.name
    if isinstance(source, os.PathLike):
        return os.fsdecode(source)
    if isinstance(source, str):
        return "<text>"
    if isinstance(source, (bytes, bytearray)):
        return "<bytes>"
    return str(getattr(source, "name", "<stream>"))


_pipelines: ProcessCache[Any, Pipeline] = ProcessCache("geotext pipelines")


def pipeline_for(settings: Settings) -> Pipeline:
    """The pipeline of *settings* (plugins, config, limits), made once per process.

    Pipelines of the same plugin names and strictness share one :class:`PluginSet`, so
    that the plugins load once whatever the config; with neither given, that is the
    process-wide default set.
    """

    def make() -> Pipeline:
        if settings.plugins is None and settings.strict is None:
            plugins = default_plugins()  # loaded now, as Pipeline() loads it
        else:
            plugins = plugin_set(settings.plugins, settings.strict)
        return Pipeline(
            plugins=plugins, config=settings.config, max_bytes=settings.max_bytes, max_records=settings.max_records
        )

    return _pipelines.get(settings.pipeline_key(), make)


def get_pipeline(
    plugins: Iterable[str] | None = None,
    config: Mapping[str, Any] | None = None,
    strict: bool | None = None,
) -> Pipeline:
    """Return a pipeline for these plugins and settings, made once per process."""
    return pipeline_for(Settings(plugins=plugins, config=config, strict=strict))


def reset_pipelines() -> None:
    """Forget every cached pipeline and plugin set, the default one too (tests)."""
    from ._plugins import reset_default_plugins

    _pipelines.clear()
    reset_default_plugins()
