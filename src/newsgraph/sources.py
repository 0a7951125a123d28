"""Reading inputs: paths (files and folder trees) into articles, or a clear InputError each.

Every bad input becomes an :class:`InputError` whose message names the input and the
reason in one line ("notes/a.pdf: binary file (PDF document), not a text article"); the
caller reports it and goes on with the rest.

Sources: ``.txt``/``.html`` files (one article each); containers of many articles, each
item an Article or an InputError of its own: JSON lines (``.jsonl``/``.ndjson``), RSS/Atom
feeds (``.rss``/``.atom``, or ``.xml`` holding a feed), WARC/ARC archives (``.warc[.gz]``,
``.arc[.gz]``; HTML responses only) and URL lists (``.urls``: one URL a line, fetched politely
by :mod:`newsgraph.fetch`). Container readers live in :mod:`newsgraph.containers`.

Every item has a URI that :func:`read_input` reads again (``ingest --retry``): a file URI, a
file URI with ``#line=N`` / ``#entry=N`` / ``#offset=N`` for an item inside a container, or
an http(s) URL. A :class:`SourceError` carries that URI in ``input`` for the failures table.

Structure, for whoever adds a source:

- :func:`check_bytes` / :func:`decode` turn raw bytes into text or refuse them; every
  source uses them on what it reads.
- one ``read_<kind>`` function per source kind returns an :class:`Article` (``read_file``
  for .txt/.html files); :data:`READERS` maps a file suffix to its reader.
- :func:`iter_articles` walks the paths and yields an Article or an InputError for each.
- :func:`display_name` turns an article's ``uri`` back into the name the user typed, for
  messages.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

from newsgraph.pipeline import Article, InputError


class SourceError(InputError):
    """An InputError that knows the URI of the input it is about (``input``), so the
    failures table names exactly what ``ingest --retry`` reads again."""

    def __init__(self, message: str, input: str | None = None) -> None:
        super().__init__(message)
        self.input = input

    def __reduce__(self) -> tuple[type[SourceError], tuple[str, str | None]]:
        return (SourceError, (str(self), self.input))

MAX_BYTES = 10_000_000  # an article larger than 10 MB is not an article
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}

# Leading bytes of common binary formats, for a precise message.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0", "old Office document"),
    (b"SQLite format 3", "SQLite database"),
    (b"OggS", "Ogg media"),
)


def display_name(uri: str | None) -> str:
    """The input's name for messages: a file URI as a path (relative to the working folder
    when it is under it), anything else as given."""
    if not uri:
        return "<input>"
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return uri
    path = unquote(parsed.path)
    item = f"#{parsed.fragment}" if parsed.fragment else ""  # an item inside a container
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path + item
    return (path if rel.startswith("..") else rel) + item


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def check_bytes(data: bytes, name: str) -> None:
    """Refuse bytes that are not a text article: empty, too large, binary."""
    if not data.strip():
        raise InputError(f"{name}: empty file (no text)")
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: too large ({_mb(len(data))}; the limit is {_mb(MAX_BYTES)})")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: not UTF-8 (UTF-16 text); convert it to UTF-8")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: binary file ({what}), not a text article")
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary file (NUL bytes), not a text article")


def decode(data: bytes, name: str) -> str:
    """Bytes to text, refusing what is not a UTF-8 text article."""
    check_bytes(data, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not UTF-8 (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-encode the file as UTF-8"
        ) from None
    sample = text[:8192]
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or 0x7F <= ord(ch) < 0xA0)
    if controls > 0.01 * len(sample) + 2:
        raise InputError(f"{name}: binary content (control characters), not a text article")
    return text


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return True
    return head.startswith("<?xml") and "<html" in text[:4096].lower()


def read_file(path: Path) -> Article:
    """A .txt or .html file as an Article (HTML by suffix or by content)."""
    name = str(path)
    try:
        if path.is_dir():
            raise InputError(f"{name}: is a folder")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{name}: too large ({_mb(size)}; the limit is {_mb(MAX_BYTES)})")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or type(exc).__name__})") from None
    text = decode(data, name)
    kind = "html" if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text) else "text"
    return Article(content=text, kind=kind, uri=path.resolve().as_uri(), raw=data)


Reader = Callable[[Path], Article]
READERS: dict[str, Reader] = {suffix: read_file for suffix in TEXT_SUFFIXES | HTML_SUFFIXES}


def reader_for(path: Path) -> Reader:
    """The reader of a file: by suffix, plain text/HTML for anything unknown."""
    return READERS.get(path.suffix.lower(), read_file)


def _files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                yield child
    else:
        yield path


def iter_files(paths: Iterable[Path]) -> Iterator[Path | InputError]:
    """Every input file under the paths, in a stable order (an InputError for a missing one)."""
    for top in paths:
        if not top.exists():
            yield InputError(f"{top}: no such file or folder")
            continue
        yield from _files(top)


def read_path(path: Path) -> Iterator[Article | InputError]:
    """The articles of one file: one for a .txt/.html file, many for a container."""
    from newsgraph.containers import container_for

    container = container_for(path)
    if container is not None:
        yield from container(path)
        return
    try:
        yield reader_for(path)(path)
    except InputError as exc:
        yield exc


def iter_articles(paths: Iterable[Path]) -> Iterator[Article | InputError]:
    """Every article the paths hold, in a stable order; an InputError for each bad one."""
    for item in iter_files(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_path(item)


def read_input(uri: str) -> Iterator[Article | InputError]:
    """Read one input again from the URI an article or a failure carries (``ingest --retry``):
    a file, an item inside a container (``#line=N``, ``#entry=N``, ``#offset=N``) or a URL."""
    from newsgraph.containers import read_item

    parsed = urlparse(uri)
    if parsed.scheme in ("http", "https"):
        from newsgraph.fetch import fetch_urls

        yield from fetch_urls([uri])
        return
    if parsed.scheme != "file":
        yield SourceError(f"{uri}: cannot read it again (not a file or a URL)", input=uri)
        return
    path = Path(unquote(parsed.path))
    if parsed.fragment:
        yield from read_item(path, parsed.fragment)
        return
    if not path.exists():
        yield SourceError(f"{path}: no such file or folder", input=uri)
        return
    yield from read_path(path)
