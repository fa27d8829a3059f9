"""The one plugin loader: entry points found by stevedore, hooks called by pluggy.

Plugins are modules published under the entry point group ``geotext.plugins``. They
are loaded lazily, once per :class:`PluginSet` (and so once per process for the
default set), never at ``import geotext``. A plugin that fails to import, or that
implements a hook that does not exist, is skipped and reported by
:func:`list_plugins`; in strict mode the failure is raised instead.

Environment variables:

``GEOTEXT_LOAD_PLUGINS``
    Comma-separated plugin (entry point) or distribution names to load; every other
    plugin is skipped. An empty value loads none.
``GEOTEXT_DISABLE_PLUGINS``
    Comma-separated names never to load.
``GEOTEXT_STRICT_PLUGINS``
    ``1`` raises :class:`~geotext.PluginLoadError` on a failing plugin.
``GEOTEXT_TRACE_PLUGINS``
    ``1`` logs every hook call at DEBUG level on the ``geotext.plugins`` logger.
"""

from __future__ import annotations

import contextvars
import difflib
import importlib.metadata
import logging
import os
import threading
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs
import pluggy

from . import hookspecs
from ._components import Exporter, Parser
from .cache import ProcessCache
from .exceptions import (
    AmbiguousComponentError,
    ConfigError,
    GeotextError,
    PluginError,
    PluginLoadError,
    UnknownComponentError,
    attribute_error,
)

if TYPE_CHECKING:
    from ._model import Analysis, Article, Claim, Entity

ENTRY_POINT_GROUP = "geotext.plugins"

log = logging.getLogger("geotext.plugins")

T = TypeVar("T")
V = TypeVar("V")  # the value a chained hook passes along


@attrs.frozen(kw_only=True)
class PluginInfo:
    """What :func:`geotext.list_plugins` reports about one plugin.

    Args:
        name: the entry point name (or the name given to ``register``).
        distribution: the installed distribution that provides it.
        version: the distribution's version.
        kinds: what it contributes: ``parser``, ``tagger``, ``claims``, ``exporter``...
        hooks: the hooks it implements.
        parsers: the parser names it registers.
        exporters: the format names it registers.
        error: why it failed to load, or ``None``.
    """

    name: str
    distribution: str | None = None
    version: str | None = None
    kinds: tuple[str, ...] = ()
    hooks: tuple[str, ...] = ()
    parsers: tuple[str, ...] = ()
    exporters: tuple[str, ...] = ()
    error: str | None = None

    @property
    def loaded(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


_KIND_OF_HOOK = {
    "geotext_tag_entities": "tagger",
    "geotext_extract_claims": "claims",
    "geotext_article_parsed": "article-hook",
    "geotext_analysis_ready": "analysis-hook",
    "geotext_register_commands": "commands",
}


def _env_names(variable: str) -> set[str] | None:
    value = os.environ.get(variable)
    if value is None:
        return None
    return {item.strip() for item in value.split(",") if item.strip()}


def _env_flag(variable: str) -> bool:
    value = os.environ.get(variable, "").strip().lower()
    if value in ("", "0", "false", "no", "off"):
        return False
    if value in ("1", "true", "yes", "on"):
        return True
    raise ConfigError(f"{variable}={value!r}: expected 1 or 0")


class Registry(Generic[T]):
    """Named components (parsers or exporters) registered by plugins.

    A name registered by two plugins becomes ambiguous; each registration stays
    reachable under its qualified name ``plugin:name``.
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._by_name: dict[str, dict[str, T]] = {}

    def add(self, name: str, plugin: str, component: T) -> None:
        if not isinstance(name, str) or not name:
            raise PluginLoadError(plugin, f"registered a {self.kind} without a name")
        self._by_name.setdefault(name, {})[plugin] = component

    def names(self) -> list[str]:
        return sorted(self._by_name)

    def items(self) -> list[tuple[str, str, T]]:
        """Every registration as ``(name, plugin, component)``, sorted."""
        return [
            (name, plugin, component)
            for name in sorted(self._by_name)
            for plugin, component in sorted(self._by_name[name].items())
        ]

    def conflicts(self) -> dict[str, list[str]]:
        return {name: sorted(owners) for name, owners in self._by_name.items() if len(owners) > 1}

    def get(self, name: str) -> T:
        return self.lookup(name)[1]

    def lookup(self, name: str) -> tuple[str, T]:
        """Return ``(plugin, component)`` for *name* or ``plugin:name``.

        Raises:
            UnknownComponentError: no plugin registers the name.
            AmbiguousComponentError: several do, and *name* is not qualified.
        """
        plugin, _, short = name.rpartition(":")
        if plugin:
            registered = self._by_name.get(short, {})
            if plugin in registered:
                return plugin, registered[plugin]
            raise UnknownComponentError(self.kind, name, self._qualified())
        owners = self._by_name.get(name)
        if not owners:
            raise UnknownComponentError(self.kind, name, self.names())
        if len(owners) > 1:
            raise AmbiguousComponentError(self.kind, name, [f"{p}:{name}" for p in owners])
        return next(iter(owners.items()))

    def owner(self, component: T) -> str | None:
        """The plugin that registered *component*, or ``None``."""
        for owners in self._by_name.values():
            for plugin, registered in owners.items():
                if registered is component:
                    return plugin
        return None

    def _qualified(self) -> list[str]:
        return [f"{plugin}:{name}" for name, plugin, _ in self.items()]


class PluginSet:
    """A pluggy manager with its plugins loaded, and the components they registered.

    Args:
        names: plugin or distribution names to load; ``None`` means every installed
            plugin (subject to ``GEOTEXT_LOAD_PLUGINS``).
        disabled: names never to load, on top of ``GEOTEXT_DISABLE_PLUGINS``.
        strict: raise on a failing plugin; ``None`` reads ``GEOTEXT_STRICT_PLUGINS``.
        discover: set to ``False`` to load no entry point at all, only what is added
            with :meth:`register`.
    """

    def __init__(
        self,
        *,
        names: Iterable[str] | None = None,
        disabled: Iterable[str] = (),
        strict: bool | None = None,
        discover: bool = True,
    ) -> None:
        self.manager = pluggy.PluginManager("geotext")
        self.manager.add_hookspecs(hookspecs)
        self._names = set(names) if names is not None else None
        self._disabled = set(disabled)
        self._strict = strict
        self._discover = discover
        self._lock = threading.RLock()
        self._loaded = False
        self._load_error: GeotextError | None = None
        self._infos: dict[str, PluginInfo] = {}
        self._dists: dict[str, tuple[str | None, str | None]] = {}
        self.parsers: Registry[Parser] = Registry("parser")
        self.exporters: Registry[Exporter | type[Exporter]] = Registry("exporter")
        if _env_flag("GEOTEXT_TRACE_PLUGINS"):
            self.manager.trace.root.setwriter(log.debug)
            self.manager.enable_tracing()

    @property
    def strict(self) -> bool:
        return self._strict if self._strict is not None else _env_flag("GEOTEXT_STRICT_PLUGINS")

    # -- loading ------------------------------------------------------------------------

    def load(self) -> PluginSet:
        """Load the plugins once; later calls return at once."""
        if self._loaded:
            return self
        with self._lock:
            if self._loaded:
                return self
            if self._load_error is not None:
                # a failed load leaves no half-built set behind: every use reports the cause
                raise self._load_error
            try:
                if self._discover:
                    entry_points = self._all_entry_points()
                    self._check_env_names(entry_points)
                    self._load_entry_points(self._select(entry_points))
                self._check_hooks()
                self._collect_components()
            except GeotextError as exc:
                self._load_error = exc
                raise
            self._loaded = True
        return self

    def register(self, plugin: object, name: str, *, distribution: str | None = None) -> None:
        """Register an in-process plugin object (a module or an instance with hooks).

        Call before the set is loaded, or call :meth:`reload` after.
        """
        try:
            self.manager.register(plugin, name=name)
        except (ValueError, pluggy.PluginValidationError) as exc:
            self._fail(name, exc)
            return
        self._instrument(name)
        self._dists[name] = (distribution, None)

    def reload(self) -> PluginSet:
        """Collect components again after :meth:`register` on a loaded set."""
        with self._lock:
            self._loaded = False
            self._check_hooks()
            self._collect_components()
            self._loaded = True
        return self

    def left_out(self) -> list[str]:
        """Names of the installed plugins this set does not load (by ``names``,
        ``GEOTEXT_LOAD_PLUGINS`` or ``GEOTEXT_DISABLE_PLUGINS``); nothing is imported."""
        entry_points = self._all_entry_points()
        chosen = {entry_point.name for entry_point in self._select(entry_points)}
        return sorted({entry_point.name for entry_point in entry_points} - chosen)

    def _all_entry_points(self) -> list[importlib.metadata.EntryPoint]:
        # importlib.metadata's listing carries the distribution (name, version) that
        # stevedore's cached listing drops; nothing is imported here.
        unique: dict[str, importlib.metadata.EntryPoint] = {}
        for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            # the same distribution seen twice on sys.path (editable installs) is one plugin
            unique.setdefault(entry_point.name, entry_point)
        return sorted(unique.values(), key=lambda ep: ep.name)

    def _select(self, entry_points: list[importlib.metadata.EntryPoint]) -> list[importlib.metadata.EntryPoint]:
        wanted = self._names
        env_wanted = _env_names("GEOTEXT_LOAD_PLUGINS")
        disabled = self._disabled | (_env_names("GEOTEXT_DISABLE_PLUGINS") or set())
        chosen = []
        for entry_point in entry_points:
            dist = _dist_name(entry_point)
            keys = {entry_point.name, dist} - {None}
            if wanted is not None and not keys & wanted:
                continue
            if env_wanted is not None and not keys & env_wanted:
                continue
            if keys & disabled:
                continue
            chosen.append(entry_point)
        return chosen

    def _check_env_names(self, entry_points: list[importlib.metadata.EntryPoint]) -> None:
        """Report a name in ``GEOTEXT_LOAD_PLUGINS`` or ``GEOTEXT_DISABLE_PLUGINS`` that no
        installed plugin has (a typo would otherwise load, or keep, the wrong plugins)."""
        known = sorted(
            {entry_point.name for entry_point in entry_points}
            | {dist for dist in map(_dist_name, entry_points) if dist}
        )
        for variable in ("GEOTEXT_LOAD_PLUGINS", "GEOTEXT_DISABLE_PLUGINS"):
            for name in sorted((_env_names(variable) or set()) - set(known)):
                close = difflib.get_close_matches(name, known, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"installed: {', '.join(known) or 'none'}"
                self._fail(name, LookupError(f"{variable} names {name!r}, which no installed plugin is; {hint}"))

    def _load_entry_points(self, entry_points: list[importlib.metadata.EntryPoint]) -> None:
        from stevedore import ExtensionManager, NamedExtensionManager

        for entry_point in entry_points:
            self._dists[entry_point.name] = (_dist_name(entry_point), _dist_version(entry_point))
        if not entry_points:
            return

        def on_failure(_manager: Any, entry_point: Any, exc: BaseException) -> None:
            self._fail(entry_point.name, exc)

        # stevedore keeps a class-level listing per namespace; drop it so plugins
        # installed since the last load in this process are seen.
        ExtensionManager.ENTRY_POINT_CACHE.pop(ENTRY_POINT_GROUP, None)
        extensions = NamedExtensionManager(
            ENTRY_POINT_GROUP,
            names=[entry_point.name for entry_point in entry_points],
            name_order=True,
            invoke_on_load=False,
            on_load_failure_callback=on_failure,
            propagate_map_exceptions=False,
        )
        for extension in extensions:
            try:
                self.manager.register(extension.plugin, name=extension.name)
            except (ValueError, pluggy.PluginValidationError) as exc:
                self._fail(extension.name, exc)
                continue
            self._instrument(extension.name)

    def _check_hooks(self) -> None:
        # pluggy's check_pending() names the hook but not the plugin; find the plugin
        # so a misspelt hook skips that plugin instead of breaking every call.
        known = [name for name in dir(hookspecs) if name.startswith("geotext_")]
        for hook_name in dir(self.manager.hook):
            caller = getattr(self.manager.hook, hook_name)
            if not isinstance(caller, pluggy.HookCaller) or caller.has_spec():
                continue
            for impl in caller.get_hookimpls():
                if impl.optionalhook:
                    continue
                close = difflib.get_close_matches(hook_name, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                self._fail(impl.plugin_name, ValueError(f"unknown hook {hook_name!r}{hint}"))
        self.manager.check_pending()

    def _collect_components(self) -> None:
        # Called through pluggy like every hook; a plugin whose registration hook fails
        # is reported (and unregistered) and the others register again without it.
        self._infos = {name: info for name, info in self._infos.items() if not info.loaded}
        while True:
            found: dict[str, dict[str, list[str]]] = {}
            self.parsers = Registry("parser")
            self.exporters = Registry("exporter")
            try:
                self._call("geotext_register_parsers", {"register": _registrar(self.parsers, "parsers", found)}, None)
                self._call(
                    "geotext_register_exporters", {"register": _registrar(self.exporters, "exporters", found)}, None
                )
            except GeotextError as exc:
                culprit = getattr(exc, "plugin", None)
                if culprit is None or self.manager.get_plugin(culprit) is None:
                    raise
                self._fail(culprit, exc)
                continue
            break
        for name, plugin in sorted(self.manager.list_name_plugin()):
            if plugin is None or name in self._infos:
                continue
            parsers = found.get(name, {}).get("parsers", [])
            exporters = found.get(name, {}).get("exporters", [])
            hooks = tuple(sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or ()))
            kinds = set()
            if parsers:
                kinds.add("parser")
            if exporters:
                kinds.add("exporter")
            kinds.update(_KIND_OF_HOOK[hook] for hook in hooks if hook in _KIND_OF_HOOK)
            dist, version = self._dists.get(name, (None, None))
            self._infos[name] = PluginInfo(
                name=name,
                distribution=dist,
                version=version,
                kinds=tuple(sorted(kinds)),
                hooks=hooks,
                parsers=tuple(parsers),
                exporters=tuple(exporters),
            )
        for registry in (self.parsers, self.exporters):
            for component, owners in registry.conflicts().items():
                message = f"{registry.kind} name {component!r} is registered by {', '.join(owners)}"
                log.warning("%s; use a qualified name such as %s:%s", message, owners[0], component)
                if self.strict:
                    raise AmbiguousComponentError(registry.kind, component, [f"{o}:{component}" for o in owners])

    def _fail(self, name: str, exc: BaseException) -> None:
        error = f"{type(exc).__name__}: {exc}"
        log.warning("plugin %s failed to load: %s", name, error)
        if self.manager.has_plugin(name) or self.manager.get_plugin(name) is not None:
            self.manager.unregister(name=name)
        dist, version = self._dists.get(name, (None, None))
        self._infos[name] = PluginInfo(name=name, distribution=dist, version=version, error=error)
        if self.strict:
            raise PluginLoadError(name, error) from exc

    # -- reporting ------------------------------------------------------------------------

    def plugins(self) -> list[PluginInfo]:
        """Every plugin that was tried, loaded or failed, sorted by name."""
        self.load()
        return [self._infos[name] for name in sorted(self._infos)]

    # -- typed hook calls -----------------------------------------------------------------
    #
    # Every call goes through pluggy's hook caller, so hook wrappers (``wrapper=True``),
    # ``tryfirst``/``trylast`` and tracing (``GEOTEXT_TRACE_PLUGINS``) apply. Each
    # implementation is instrumented once, when its plugin is registered (see
    # :meth:`_instrument`): its errors name the plugin and hook, its results are
    # attributed to its plugin, and chained hooks hand each one the previous result.

    def tag_entities(self, *, article: Article, config: ConfigMapping) -> list[tuple[str, Sequence[Entity]]]:
        """Call :func:`~geotext.hookspecs.geotext_tag_entities`: ``(plugin, entities)`` pairs."""
        return self.call_each("geotext_tag_entities", article=article, config=config)

    def extract_claims(
        self, *, article: Article, entities: Sequence[Entity], config: ConfigMapping
    ) -> list[tuple[str, Sequence[Claim]]]:
        """Call :func:`~geotext.hookspecs.geotext_extract_claims`: ``(plugin, claims)`` pairs."""
        return self.call_each("geotext_extract_claims", article=article, entities=entities, config=config)

    def article_parsed(self, *, article: Article, config: ConfigMapping) -> Article:
        """Call :func:`~geotext.hookspecs.geotext_article_parsed`, each on the previous result."""
        return self.chain("geotext_article_parsed", "article", article, config=config)

    def analysis_ready(self, *, analysis: Analysis, config: ConfigMapping) -> Analysis:
        """Call :func:`~geotext.hookspecs.geotext_analysis_ready`, each on the previous result."""
        return self.chain("geotext_analysis_ready", "analysis", analysis, config=config)

    def register_commands(self, *, cli: Any) -> None:
        """Call :func:`~geotext.hookspecs.geotext_register_commands`."""
        self.call_each("geotext_register_commands", cli=cli)

    def data_versions(self) -> dict[str, str]:
        """Call :func:`~geotext.hookspecs.geotext_data_versions` and unite the mappings."""
        found: dict[str, str] = {}
        for _plugin, reported in self.call_each("geotext_data_versions"):
            found.update({str(k): str(v) for k, v in (reported or {}).items()})
        return found

    def call_each(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call the hook *hook_name* through pluggy; return ``(plugin, result)`` pairs.

        Results are in pluggy's call order, ``None`` results left out. A result that a
        hook wrapper added or replaced is attributed to :data:`WRAPPER`.

        Raises:
            PluginError: an implementation raised an exception that is not a
                :class:`~geotext.GeotextError`; names the plugin and hook.
            GeotextError: an implementation raised one; its ``plugin`` and ``hook``
                attributes name where.
        """
        self.load()
        return self._call(hook_name, kwargs, None)

    def chain(self, hook_name: str, value_name: str, value: V, **kwargs: Any) -> V:
        """Pass *value* through every implementation; each may return a replacement.

        Each implementation receives the value the previous one returned (or the
        original, when all before it returned ``None``); the last replacement wins.
        """
        self.load()
        kwargs[value_name] = value
        last = value
        for plugin, result in self._call(hook_name, kwargs, value_name):
            # a replacement is of the same class, or the chain breaks
            if not isinstance(result, type(value)):
                raise PluginError(
                    plugin,
                    hook_name,
                    TypeError(f"must return {type(value).__name__} or None, not {type(result).__name__}"),
                )
            last = result
        return last

    def _call(self, hook_name: str, kwargs: dict[str, Any], chained: str | None) -> list[tuple[str, Any]]:
        caller: pluggy.HookCaller = getattr(self.manager.hook, hook_name)
        if not caller.get_hookimpls():
            return []  # what pluggy returns too; the per-article hooks most often have none
        state = _CallState(hook=hook_name, chained=chained, value=kwargs.get(chained) if chained else None)
        token = _CALL_STATE.set(state)
        try:
            results = caller(**kwargs)
        except GeotextError:
            raise
        except Exception as exc:  # a hook wrapper failed: pluggy cannot say which one
            raise PluginError(WRAPPER, hook_name, exc) from exc
        finally:
            _CALL_STATE.reset(token)
        if not isinstance(results, list):  # a wrapper returned something else
            results = [] if results is None else [results]
        records = list(state.records)
        attributed = []
        for result in results:
            plugin = WRAPPER  # unless an instrumented implementation recorded it
            for index, (owner, recorded) in enumerate(records):
                if recorded is result:
                    plugin = owner
                    del records[index]
                    break
            attributed.append((plugin, result))
        return attributed

    def _instrument(self, plugin_name: str) -> None:
        """Wrap the plain (non-wrapper) hook implementations of one registered plugin."""
        plugin = self.manager.get_plugin(plugin_name)
        for caller in self.manager.get_hookcallers(plugin) or ():
            for impl in caller.get_hookimpls():
                if impl.plugin_name != plugin_name or impl.wrapper or impl.hookwrapper:
                    continue
                if getattr(impl.function, "_geotext_instrumented", False):
                    continue
                # HookImpl.function is what pluggy calls; replacing it (rather than the
                # plugin object) keeps the plugin itself, its name and its options intact.
                impl.function = _instrumented(impl.function, plugin_name, caller.name, impl.argnames)  # type: ignore[misc]

    def has_impls(self, hook_name: str) -> bool:
        self.load()
        return bool(getattr(self.manager.hook, hook_name).get_hookimpls())

    def versions(self) -> dict[str, str]:
        """Versions of the loaded plugins' distributions, for :attr:`Analysis.versions`."""
        self.load()
        found = {}
        for info in self._infos.values():
            if info.loaded and info.distribution and info.version:
                found[info.distribution] = info.version
        found.update(self.data_versions())
        return dict(sorted(found.items()))


WRAPPER = "(hook wrapper)"


@attrs.define
class _CallState:
    """What one typed hook call collects while pluggy runs the implementations."""

    hook: str
    chained: str | None = None
    value: Any = None
    current: str | None = None
    records: list[tuple[str, Any]] = attrs.Factory(list)


_CALL_STATE: contextvars.ContextVar[_CallState | None] = contextvars.ContextVar("geotext_call", default=None)


def _instrumented(
    function: Callable[..., Any], plugin: str, hook: str, argnames: tuple[str, ...]
) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        current = _CALL_STATE.get()
        state = current if current is not None and current.hook == hook else None  # None: not this call's
        if state is not None and state.chained is not None:
            if state.chained in argnames:
                args = tuple(state.value if name == state.chained else arg for name, arg in zip(argnames, args))
            elif state.chained in kwargs:
                kwargs[state.chained] = state.value
        if state is not None:
            state.current = plugin
        try:
            result = function(*args, **kwargs)
        except GeotextError as exc:
            attribute_error(exc, plugin, hook)
            raise
        except Exception as exc:
            raise PluginError(plugin, hook, exc) from exc
        finally:
            if state is not None:
                state.current = None
        if state is not None and result is not None:
            state.records.append((plugin, result))
            if state.chained is not None:
                state.value = result
        return result

    call._geotext_instrumented = True  # type: ignore[attr-defined]
    call.__wrapped__ = function  # type: ignore[attr-defined]
    call.__name__ = getattr(function, "__name__", hook)
    return call


def _registrar(registry: Registry[Any], kind: str, found: dict[str, dict[str, list[str]]]) -> RegisterCallback:
    """The ``register`` callback of a registration hook: files each component under its plugin."""

    def register(component: Any) -> None:
        state = _CALL_STATE.get()
        plugin = state.current if state is not None and state.current else WRAPPER
        name = getattr(component, "name", None)
        registry.add(name, plugin, component)  # type: ignore[arg-type]
        found.setdefault(plugin, {}).setdefault(kind, []).append(name)  # type: ignore[arg-type]

    return register


def _dist_name(entry_point: importlib.metadata.EntryPoint) -> str | None:
    dist = getattr(entry_point, "dist", None)
    return dist.name if dist is not None else None


def _dist_version(entry_point: importlib.metadata.EntryPoint) -> str | None:
    dist = getattr(entry_point, "dist", None)
    return dist.version if dist is not None else None


_plugin_sets: ProcessCache[Hashable, PluginSet] = ProcessCache("geotext plugin sets")


def plugin_set(names: Iterable[str] | None = None, strict: bool | None = None) -> PluginSet:
    """The plugin set of these names and strictness, made once per process (loaded on use).

    ``plugin_set()`` is the process-wide default set: every installed plugin.
    """
    key = (None if names is None else tuple(sorted(set(names))), strict)
    return _plugin_sets.get(key, lambda: PluginSet(names=names, strict=strict))


def default_plugins() -> PluginSet:
    """The process-wide plugin set: every installed plugin, loaded on first use."""
    return plugin_set().load()


def reset_default_plugins() -> None:
    """Forget the process-wide plugin sets, so the next use loads plugins again (tests)."""
    _plugin_sets.clear()


def list_plugins(plugins: PluginSet | None = None) -> list[PluginInfo]:
    """Return what is known about every plugin: loaded ones and failed ones.

    >>> import geotext
    >>> all(isinstance(info.name, str) for info in geotext.list_plugins())
    True
    """
    return (plugins or default_plugins()).plugins()


RegisterCallback = Callable[[Any], None]
ConfigMapping = Mapping[str, Any]
