"""The contracts of the named components plugins register: parsers and exporters.

A parser turns a :class:`Source` into articles; an exporter writes analyses in one
format. Both are plain classes a program can also import and use directly, without
the plugin machinery.
"""

from __future__ import annotations

import abc
import contextlib
import io
import os
import stat
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, BinaryIO, ClassVar, cast

import attrs

from ._model import Analysis, Article, read_only
from .exceptions import ExportError, InputTooLargeError, ParseError

#: Default maximum size, in bytes, of what is read whole: a single-article file, a text,
#: a JSON document or feed, one JSON Lines record (4 MiB). The parsers hold a few times
#: this, the analysis some tens of times the text: well under 1 GB for the default
#: pipeline (bench/bench_memory.py). A streamed source (JSON Lines, WARC) may be of any size.
DEFAULT_MAX_BYTES = 4 * 1024 * 1024


def display_path(path: str | bytes | os.PathLike[Any]) -> str:
    r"""Return *path* as it appears in outputs, reports and provenance: valid UTF-8 text.

    A file name is a string of bytes; Python carries the bytes that are not UTF-8 as
    surrogate escapes (``bad\udcff.txt``), which no UTF-8 output can hold. Each such
    byte is written as ``\xNN`` instead, as Python's ``backslashreplace`` does; every
    other character is kept. The same name always gives the same display form, so a
    resumed run finds what an earlier run wrote.

    >>> display_path(b"bad\xff.txt")
    'bad\\xff.txt'
    >>> display_path("café.txt")
    'café.txt'

    .. versionadded:: 0.2
    """
    if isinstance(path, str):
        try:
            raw = path.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a lone surrogate that is no escaped byte
            return path.encode("utf-8", "backslashreplace").decode("utf-8")
    else:
        raw = os.fsencode(path)
    return raw.decode("utf-8", "backslashreplace")


def _suffix_of(name: str | None) -> str | None:
    if not name:
        return None
    base = os.path.basename(name).lower()
    # keep compound suffixes such as ".warc.gz" and ".jsonl.gz"
    parts = base.split(".")
    if len(parts) < 2:
        return None
    if parts[-1] in {"gz", "bz2", "xz", "zst"} and len(parts) > 2:
        return "." + ".".join(parts[-2:])
    return "." + parts[-1]


def _options(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return read_only("Source.options", value)  # as the mappings of every value


@attrs.frozen(kw_only=True)
class Source:
    """One input: a path, bytes or text, with hints for choosing a parser.

    Make one with :meth:`from_input`; parsers read it with :meth:`read_bytes`,
    :meth:`open` (for streaming) or :attr:`text`.

    Args:
        name: the path, URI or a description such as ``"<text>"``, used in errors.
        path: the file, when the input is one.
        data: the bytes, when the input was given as bytes or an open binary file.
        text: the text, when the input was given as a ``str``.
        media_type: a media type hint such as ``"text/html"``.
        suffix: the file suffix in lower case, such as ``".html"`` or ``".warc.gz"``.
        max_bytes: the largest input a parser may read.
        max_records: the most records a multi-record parser may yield, or ``None``.
        options: parser options, such as a JSON field mapping.
    """

    name: str
    path: Path | None = None
    data: bytes | None = None
    text: str | None = None
    media_type: str | None = None
    suffix: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_records: int | None = None
    options: Mapping[str, Any] = attrs.field(factory=dict, converter=_options, hash=False)

    @classmethod
    def from_input(
        cls,
        source: str | bytes | os.PathLike[str] | IO[Any],
        *,
        media_type: str | None = None,
        name: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_records: int | None = None,
        options: dict[str, Any] | None = None,
    ) -> Source:
        """Wrap what a user passed to :func:`geotext.analyze`.

        A ``str`` is text, a ``bytes`` value is content, an :class:`os.PathLike`
        is a file, and an open file is read (up to *max_bytes*).
        """
        common: dict[str, Any] = {
            "media_type": media_type,
            "max_bytes": max_bytes,
            "max_records": max_records,
            "options": dict(options or {}),
        }
        if isinstance(source, Source):
            return source
        if isinstance(source, str):
            if len(source) > max_bytes:
                raise InputTooLargeError(
                    f"text of {len(source)} characters exceeds the limit of {max_bytes}", source=name or "<text>"
                )
            return cls(name=name or "<text>", text=source, suffix=_suffix_of(name), **common)
        if isinstance(source, (bytes, bytearray, memoryview)):
            data = bytes(source)
            if len(data) > max_bytes:
                raise InputTooLargeError(f"{len(data)} bytes exceed the limit of {max_bytes}", source=name or "<bytes>")
            return cls(name=name or "<bytes>", data=data, suffix=_suffix_of(name), **common)
        if isinstance(source, os.PathLike):
            path = Path(source)
            shown = name or display_path(path)
            try:
                mode = path.stat().st_mode
            except FileNotFoundError:
                raise ParseError("no such file", source=shown) from None
            except OSError as exc:
                raise ParseError(f"cannot read: {exc.strerror}", source=shown) from None
            if stat.S_ISDIR(mode):
                raise ParseError("is a directory (pass the files, or use analyze_many)", source=shown)
            if not stat.S_ISREG(mode):
                # a device (/dev/zero) or a FIFO would be read forever or block
                raise ParseError(
                    "not a regular file (a device, FIFO or socket); pass a file, or open the stream and pass it",
                    source=shown,
                )
            return cls(name=shown, path=path, suffix=_suffix_of(path.name), **common)
        if hasattr(source, "read"):
            shown = name or str(getattr(source, "name", "<stream>"))
            chunk = source.read(max_bytes + 1)
            if isinstance(chunk, str):
                chunk = chunk.encode("utf-8", "surrogatepass")
            if len(chunk) > max_bytes:
                raise InputTooLargeError(f"stream exceeds the limit of {max_bytes} bytes", source=shown)
            return cls(name=shown, data=chunk, suffix=_suffix_of(shown), **common)
        raise ParseError(
            f"cannot read a {type(source).__name__}; pass text, bytes, a path or an open file",
            source=name or repr(source)[:60],
        )

    def open(self) -> BinaryIO:
        """Open the input as a binary stream (the file itself for paths: nothing is copied)."""
        if self.path is not None:
            try:
                return open(self.path, "rb")
            except OSError as exc:
                raise ParseError(f"cannot open: {exc.strerror}", source=self.name) from None
        if self.data is not None:
            return io.BytesIO(self.data)
        return io.BytesIO((self.text or "").encode("utf-8", "surrogatepass"))

    def read_bytes(self) -> bytes:
        """Return the whole input as bytes.

        Raises:
            InputTooLargeError: the input is larger than :attr:`max_bytes`.
        """
        if self.data is not None:
            return self.data
        if self.text is not None:
            return self.text.encode("utf-8", "surrogatepass")
        assert self.path is not None
        size = self.path.stat().st_size
        if size > self.max_bytes:
            raise InputTooLargeError(
                f"{size} bytes exceed the limit of {self.max_bytes} (raise max_bytes to read it)",
                source=self.name,
            )
        with self.open() as stream:
            return stream.read()

    def head(self, size: int = 4096) -> bytes:
        """Return the first *size* bytes, for sniffing the content."""
        if self.data is not None:
            return self.data[:size]
        if self.text is not None:
            return self.text[:size].encode("utf-8", "surrogatepass")
        with self.open() as stream:
            return stream.read(size)


class Parser(abc.ABC):
    """Base class of parsers: turn a :class:`Source` into articles.

    Subclasses set :attr:`name` (the public parser name) and the hints that let
    geotext choose them: :attr:`media_types`, :attr:`suffixes` and :meth:`sniff`.
    Register an instance from :func:`~geotext.hookspecs.geotext_register_parsers`.
    """

    #: Public name, used with ``parser=`` and ``--parser``.
    name: ClassVar[str]
    #: Media types this parser reads, such as ``("text/html",)``.
    media_types: ClassVar[tuple[str, ...]] = ()
    #: Suffixes this parser reads, such as ``(".html", ".htm")``.
    suffixes: ClassVar[tuple[str, ...]] = ()
    #: Whether the parser can yield more than one article from one source.
    multi_record: ClassVar[bool] = False

    def sniff(self, head: bytes) -> float:
        """Return how sure the parser is (0 to 1) that it reads content starting with *head*."""
        return 0.0

    @abc.abstractmethod
    def parse(self, source: Source) -> Iterator[Article | ParseError]:
        """Yield the articles of *source*.

        A multi-record parser yields a :class:`~geotext.ParseError` (with its
        ``record`` index) for a bad record and goes on with the next; an error that
        makes the rest of the source unreadable is raised.

        Raises:
            ParseError: the source cannot be read at all.
        """


class Exporter(abc.ABC):
    """Base class of exporters: write analyses in one format.

    Subclasses set :attr:`name` (the public format name) and implement :meth:`write`.
    Options are keyword arguments of the constructor. geotext layers them (see
    :meth:`geotext.Pipeline.get_exporter`): the options of an instance a plugin
    registered, then the plugin's settings, then the options of the call.
    """

    _options: dict[str, Any]

    def __new__(cls, *args: Any, **options: Any) -> Exporter:
        # Remembered so that options given later layer on these instead of replacing them.
        instance = super().__new__(cls)
        instance._options = dict(options)
        return instance

    def get_options(self) -> dict[str, Any]:
        """The keyword options this exporter was made with.

        .. versionadded:: 0.2
        """
        return dict(getattr(self, "_options", {}))

    @classmethod
    def option_names(cls) -> frozenset[str] | None:
        """The keyword options the constructor takes; ``None`` when it takes any.

        .. versionadded:: 0.2
        """
        import inspect

        if cls.__init__ is object.__init__:
            return frozenset()
        parameters = inspect.signature(cls.__init__).parameters.values()
        if any(p.kind is p.VAR_KEYWORD for p in parameters):
            return None
        return frozenset(
            p.name for p in parameters if p.name != "self" and p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)
        )

    @classmethod
    def with_defaults(cls, **options: Any) -> Exporter:
        """Make an exporter with *options*, checked against :meth:`option_names`.

        Raises:
            UnknownOptionError: an option the constructor does not take.
        """
        _check_options(cls, options)
        return cls(**options)

    def with_options(self, **options: Any) -> Exporter:
        """A new exporter of the same class with *options* layered on this one's.

        Raises:
            UnknownOptionError: an option the constructor does not take.
        """
        _check_options(type(self), options)
        return type(self)(**{**self.get_options(), **options})

    #: Public format name, used with ``format=`` and ``--format``.
    name: ClassVar[str]
    #: Default file suffix, such as ``".jsonl"``.
    suffix: ClassVar[str] = ""
    #: Media type of the output.
    media_type: ClassVar[str] = "application/octet-stream"
    #: Whether each result is written as whole lines that do not depend on the other
    #: results (JSON Lines): such output can be appended to and resumed.
    line_oriented: ClassVar[bool] = False

    @abc.abstractmethod
    def write(self, results: Iterable[Analysis], stream: BinaryIO) -> int:
        """Write *results* to the binary *stream* and return how many were written."""

    def write_path(self, results: Iterable[Analysis], path: Path) -> int:
        """Write *results* to the file *path*, atomically: a reader never sees half a file."""
        with atomic_write(path) as stream:
            return self.write(results, cast(BinaryIO, stream))


def _check_options(cls: type[Exporter], options: dict[str, Any]) -> None:
    accepted = cls.option_names()
    if accepted is not None and set(options) - accepted:
        from .exceptions import UnknownOptionError

        raise UnknownOptionError(f"exporter {getattr(cls, 'name', cls.__name__)!r}", set(options) - accepted, accepted)


_umask_lock = threading.Lock()


def _creation_mode(target: Path) -> int:
    """The mode a new file gets from ``open()``: 0o666 less the umask; an existing file keeps its own."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        pass
    # os.umask can only be read by setting it; the lock keeps threads of this module in step
    with _umask_lock:
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "wb") -> Iterator[IO[Any]]:
    """Open a temporary file beside *path*, and rename it over *path* on success.

    On an exception the temporary file is removed and *path* is left as it was. The
    file gets the permissions ``open()`` would give it (0o666 less the umask), or keeps
    those of the file it replaces. When *path* is a symbolic link, the file it points to
    is replaced and the link is kept.

    .. versionchanged:: 0.2
       Files are no longer created 0o600 whatever the umask.
    """
    import tempfile  # only writers pay for it, not ``import geotext``

    target = Path(path)
    if target.is_symlink():
        # write through the link, as opening the path would: the link stays a link
        target = Path(os.path.realpath(target))
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise ExportError(f"{target}: the directory {directory} does not exist")
    mode_bits = _creation_mode(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        if hasattr(os, "fchmod"):  # mkstemp makes 0o600
            os.fchmod(fd, mode_bits)
        with os.fdopen(fd, mode) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
