"""Reading inputs: paths (files and folder trees) into articles, or a clear InputError each.

Every bad input becomes an :class:`InputError` naming the input and the reason; the caller
records it and goes on with the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgraph.pipeline import Article, InputError

MAX_BYTES = 10 * 1024 * 1024  # an article larger than 10 MB is not an article
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def decode(data: bytes, name: str) -> str:
    """Bytes to text, refusing what is not a UTF-8 text article."""
    if not data.strip():
        raise InputError(f"{name}: empty input")
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: too large ({len(data) / 1e6:.1f} MB; the limit is {MAX_BYTES // 1_000_000} MB)")
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary file (NUL bytes), not a text article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 8192) + 2:
        raise InputError(f"{name}: binary content (control characters), not a text article")
    return text


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def read_file(path: Path) -> Article:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{name}: too large ({size / 1e6:.1f} MB; the limit is {MAX_BYTES // 1_000_000} MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    text = decode(data, name)
    kind = "html" if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text) else "text"
    return Article(content=text, kind=kind, uri=path.resolve().as_uri(), raw=data)


def _files(path: Path) -> Iterator[Path]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not child.name.startswith("."):
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
                yield read_file(path)
            except InputError as exc:
                yield exc
