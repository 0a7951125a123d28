"""Reading inputs: paths (files and folder trees) into articles, or a clear InputError each.

Every bad input becomes an :class:`InputError` whose message names the input and the
reason in one line ("notes/a.pdf: binary file (PDF document), not a text article"); the
caller reports it and goes on with the rest.

Structure, for whoever adds a source (JSON lines, RSS, WARC, URLs ...):

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
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


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


def iter_articles(paths: Iterable[Path]) -> Iterator[Article | InputError]:
    """Every article the paths hold, in a stable order; an InputError for each bad one."""
    for top in paths:
        if not top.exists():
            yield InputError(f"{top}: no such file or folder")
            continue
        for path in _files(top):
            try:
                yield reader_for(path)(path)
            except InputError as exc:
                yield exc
