"""The analysis pipeline: parse, tag, extract claims, export.

:class:`Pipeline` holds one loaded :class:`PluginSet` and a configuration; the
module-level functions of :mod:`geotext` use a process-wide default pipeline, so
plugins load once per process (and so once per worker in parallel runs).
"""

from __future__ import annotations

import io
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any, Literal, Union

import attrs

from ._components import DEFAULT_MAX_BYTES, Exporter, Parser, Source
from ._merge import merge_entities
from ._model import Analysis, Article, Claim, Entity
from ._plugins import PluginSet, default_plugins
from ._version import __version__
from .exceptions import (
    ConfigError,
    ExportError,
    GeotextError,
    NoParserError,
    ParseError,
    PluginError,
    ValidationError,
)

log = logging.getLogger("geotext")

SourceLike = Union[str, bytes, "os.PathLike[str]", IO[Any], Source]
OnError = Union[Literal["raise", "skip"], Callable[["Failure"], None], None]


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
            log.warning("skipped %s%s: %s", item.source, "" if item.record is None else f" record {item.record}", item.message)
            if callable(self._on_error):
                self._on_error(item)


def _check_arguments(*, plugins: Any = None, config: Any = None, max_bytes: Any = None, max_records: Any = None,
                     parser: Any = None, media_type: Any = None, parser_options: Any = None) -> None:
    """Refuse argument values of the wrong kind with an error that names the argument,
    before they fail deep inside (or, for a string of plugin names, silently)."""
    from ._plugins import PluginSet

    if plugins is not None and not isinstance(plugins, PluginSet) and (
            isinstance(plugins, (str, bytes)) or not isinstance(plugins, Iterable)):
        raise ConfigError(f"plugins={plugins!r}: expected a list of plugin names, such as [{plugins!r}]"
                          if isinstance(plugins, str) else f"plugins={plugins!r}: expected a list of plugin names")
    if config is not None and (not isinstance(config, Mapping)
                               or not all(isinstance(value, Mapping) for value in config.values())):
        raise ConfigError(f"config={config!r}: expected settings keyed by plugin name, such as "
                          "{'gazetteer': {'extra_entries': 'mine.csv'}}")
    for name, value in (("max_bytes", max_bytes), ("max_records", max_records)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise ConfigError(f"{name}={value!r}: expected a whole number >= 1")
    for name, value in (("parser", parser), ("media_type", media_type)):
        if value is not None and not isinstance(value, str):
            raise ConfigError(f"{name}={value!r}: expected a string")
    if parser_options is not None and not isinstance(parser_options, Mapping):
        raise ConfigError(f"parser_options={parser_options!r}: expected a mapping of options")


def _freeze_config(config: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType({key: MappingProxyType(dict(value)) if isinstance(value, Mapping) else value
                             for key, value in (config or {}).items()})


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
        """Return an exporter for format *name*, made with *options*."""
        if not isinstance(name, str):
            raise ConfigError(f"format={name!r}: expected a format name such as 'jsonl'")
        exporter = self.plugins.load().exporters.get(name)
        if isinstance(exporter, type):
            return exporter(**options)
        if options:
            return type(exporter)(**options)
        return exporter

    def choose_parser(self, source: Source, name: str | None = None) -> Parser:
        """Pick a parser: by *name*, then media type, then suffix, then by sniffing."""
        registry = self.plugins.load().parsers
        if name:
            return registry.get(name)
        candidates = [(qualified, parser) for qualified, parser in self._parsers()]
        if not candidates:
            raise NoParserError(source.name, [])
        if source.media_type:
            media = source.media_type.split(";")[0].strip().lower()
            for _, parser in candidates:
                if media in parser.media_types:
                    return parser
        if source.text is not None and source.suffix is None:
            for _, parser in candidates:
                if "text/plain" in parser.media_types:
                    return parser
        if source.suffix:
            for _, parser in candidates:
                if source.suffix in parser.suffixes:
                    return parser
        head = source.head()
        scored = sorted(
            ((self._sniff(parser, head), qualified, parser) for qualified, parser in candidates),
            key=lambda item: (-item[0], item[1]),
        )
        if scored and scored[0][0] > 0:
            return scored[0][2]
        raise NoParserError(source.name, [qualified for qualified, _ in candidates])

    def _parsers(self) -> list[tuple[str, Parser]]:
        items = self.plugins.load().parsers.items()
        return [(name if len([1 for n, _, _ in items if n == name]) == 1 else f"{plugin}:{name}", parser)
                for name, plugin, parser in items]

    @staticmethod
    def _sniff(parser: Parser, head: bytes) -> float:
        try:
            return float(parser.sniff(head))
        except Exception:  # noqa: BLE001 - a sniffer that fails does not claim the input
            return 0.0

    # -- parsing --------------------------------------------------------------------------

    def source(self, source: SourceLike, *, media_type: str | None = None,
               options: Mapping[str, Any] | None = None) -> Source:
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
        _check_arguments(parser=parser, media_type=media_type, parser_options=parser_options)
        src = self.source(source, media_type=media_type, options=parser_options)
        chosen = self.choose_parser(src, parser)
        try:
            for count, item in enumerate(chosen.parse(src)):
                if src.max_records is not None and count >= src.max_records:
                    from .exceptions import InputTooLargeError

                    raise InputTooLargeError(f"more than {src.max_records} records", source=src.name)
                if isinstance(item, Article):
                    item = self.plugins.chain("geotext_article_parsed", "article", item, config=self.config)
                yield item
        except GeotextError:
            raise
        except Exception as exc:
            raise PluginError(chosen.name, "parse", exc) from exc

    # -- analysis -------------------------------------------------------------------------

    def analyze_article(self, article: Article) -> Analysis:
        """Tag entities and extract claims of one article."""
        contributions = self.plugins.call_each("geotext_tag_entities", article=article, config=self.config)
        for plugin, entities in contributions:
            if entities is not None and not all(isinstance(e, Entity) for e in entities):
                raise PluginError(plugin, "geotext_tag_entities", TypeError("must return Entity values"))
        entities = merge_entities((plugin, list(result or ())) for plugin, result in contributions)
        claims: dict[str, Claim] = {}
        for plugin, result in self.plugins.call_each(
            "geotext_extract_claims", article=article, entities=entities, config=self.config
        ):
            for claim in result or ():
                if not isinstance(claim, Claim):
                    raise PluginError(plugin, "geotext_extract_claims", TypeError("must return Claim values"))
                claims.setdefault(claim.id, claim)
        ordered = sorted(claims.values(), key=lambda c: (c.evidence[0].start, c.evidence[0].end, c.id))
        versions = {"geotext-core": __version__, **self._versions()}
        analysis = Analysis(article=article, entities=entities, claims=ordered, versions=versions)
        return self.plugins.chain("geotext_analysis_ready", "analysis", analysis, config=self.config)

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
        if isinstance(source, Article):
            return self.analyze_article(source)
        articles = []
        for item in self.parse(source, parser=parser, media_type=media_type, parser_options=parser_options):
            if isinstance(item, ParseError):
                raise item
            articles.append(item)
            if len(articles) > 1:
                raise ParseError("holds more than one article; use analyze_many", source=_name_of(source))
        if not articles:
            raise ParseError("holds no article", source=_name_of(source))
        return self.analyze_article(articles[0])

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
        if isinstance(sources, (str, bytes, bytearray, Article, Source)) or not isinstance(sources, Iterable):
            raise ConfigError(f"sources: expected an iterable of sources (texts, paths, files), not one "
                              f"{type(sources).__name__}; use analyze() for a single article, or pass [source]")
        if not (on_error in (None, "raise", "skip") or callable(on_error)):
            raise ConfigError(f"on_error={on_error!r}: expected 'raise', 'skip', None or a callable")
        _check_arguments(parser=parser, media_type=media_type, parser_options=parser_options)

        def run() -> Iterator[Analysis | Failure]:
            for source in sources:
                name = _name_of(source)
                try:
                    if isinstance(source, Article):
                        articles: Iterable[Article | ParseError] = [source]
                    else:
                        articles = self.parse(source, parser=parser, media_type=media_type,
                                              parser_options=parser_options)
                    for item in articles:
                        if isinstance(item, ParseError):
                            if on_error == "raise":
                                raise item
                            yield Failure.from_exception(item, source=name)
                            continue
                        try:
                            yield self.analyze_article(item)
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
        items = [results] if isinstance(results, Analysis) else _analyses_only(results)
        try:
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
            return exporter.write(items, to)  # type: ignore[arg-type]
        except GeotextError:
            raise
        except OSError as exc:
            raise ExportError(f"{format}: cannot write: {exc}") from exc


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
        return os.fspath(source)
    if isinstance(source, str):
        return "<text>"
    if isinstance(source, (bytes, bytearray)):
        return "<bytes>"
    return str(getattr(source, "name", "<stream>"))


_pipelines: dict[tuple[Any, ...], Pipeline] = {}
_pipelines_lock = threading.Lock()


def get_pipeline(
    plugins: Iterable[str] | None = None,
    config: Mapping[str, Any] | None = None,
    strict: bool | None = None,
) -> Pipeline:
    """Return a pipeline for these plugins and settings, made once per process."""
    _check_arguments(plugins=plugins, config=config)
    key = (
        None if plugins is None else tuple(sorted(plugins)),
        repr(sorted((config or {}).items())),
        strict,
    )
    pipeline = _pipelines.get(key)
    if pipeline is None:
        with _pipelines_lock:
            pipeline = _pipelines.get(key)
            if pipeline is None:
                pipeline = Pipeline(plugins=plugins, config=config, strict=strict)
                _pipelines[key] = pipeline
    return pipeline


def reset_pipelines() -> None:
    """Forget every cached pipeline and the default plugin set (tests)."""
    from ._plugins import reset_default_plugins

    with _pipelines_lock:
        _pipelines.clear()
    reset_default_plugins()
