"""Files that hold many articles: JSON lines, RSS/Atom feeds, WARC/ARC archives, URL lists.

Each reader takes a path and yields, item by item, an :class:`Article` or a
:class:`~newsgraph.sources.SourceError` (a bad line, entry or record never stops the rest of
the file; a damaged file after its good items is one error for the file). Every item's URI
can be read again with :func:`read_item` (``#line=N``, ``#entry=N``, ``#offset=N``), which is
how ``ingest --retry`` finds it.

- JSON lines (``.jsonl``, ``.ndjson``, gzipped or not): one object a line with ``text`` or ``html`` and optional ``url``, ``title``,
  ``published``, ``outlet``; the article's URI is ``url``, else ``<file>#line=N``.
- RSS/Atom (feedparser): each entry's content (else its summary) as text, the entry title as
  the title, its date as the published date, the feed title as the outlet.
- WARC/ARC (warcio): HTML responses with a 2xx status only; requests, metadata, images,
  scripts and error pages are skipped without a message.
- URL lists: one http(s) URL a line (``#`` starts a comment), fetched by :mod:`newsgraph.fetch`.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from newsgraph.pipeline import Article, InputError
from newsgraph.sources import MAX_BYTES, SourceError, check_bytes, decode, looks_like_html

Container = Callable[[Path], Iterator[Article | InputError]]
HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_URL = re.compile(r"https?://[^\s/?#]+[^\s]*\Z", re.I)
_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre")


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def _uri(path: Path) -> str:
    return path.resolve().as_uri()


# -- decoding web pages -----------------------------------------------------------------------

def charset_of(content_type: str | None, data: bytes) -> str | None:
    """The charset a Content-Type header or the page's own <meta> declares, if any."""
    found = _CHARSET.search(content_type or "")
    if found:
        return found.group(1).lower()
    meta = _META_CHARSET.search(data[:4096])
    return meta.group(1).decode("ascii", "replace").lower() if meta else None


def decode_page(data: bytes, content_type: str | None, name: str) -> str:
    """The text of a fetched or archived page: its declared charset, else UTF-8, else
    Windows-1252 (what browsers assume); empty or binary bodies are refused."""
    check_bytes(data, name)
    charset = charset_of(content_type, data)
    for encoding in (charset, "utf-8"):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("cp1252", errors="replace")


def html_to_text(html: str) -> str:
    """The paragraphs of an HTML fragment (a feed entry's content) as plain text, one blank
    line between blocks."""
    if "<" not in html:
        return html.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml's parser errors are many; a fragment it refuses is tag-stripped
        return re.sub(r"<[^>]+>", " ", html).strip()
    blocks = [" ".join(el.text_content().split()) for el in root.iter(*_BLOCKS)]
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) if blocks else " ".join(root.text_content().split())


# -- JSON lines -------------------------------------------------------------------------------

def _jsonl_item(line: bytes, n: int, path: Path) -> Article:
    where, input = f"{path}:{n}", f"{_uri(path)}#line={n}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise SourceError(f"{where}: bad JSON line ({exc.msg} at character {exc.pos + 1})", input) from None
    except UnicodeDecodeError:
        raise SourceError(f"{where}: bad JSON line (not UTF-8)", input) from None
    if not isinstance(obj, dict):
        raise SourceError(f"{where}: bad JSON line (a {type(obj).__name__}, not an object)", input)
    fields: dict[str, str | None] = {}
    for key in ("url", "title", "published", "outlet", "text", "html"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise SourceError(f"{where}: bad JSON line (`{key}` is a {type(value).__name__}, not a string)", input)
        fields[key] = value
    html, text = fields["html"], fields["text"]
    content, kind = (html, "html") if html and html.strip() else (text, "text")
    if content is None:
        raise SourceError(f"{where}: bad JSON line (no `text` or `html`)", input)
    if not content.strip():
        raise SourceError(f"{where}: empty article (`{kind}` has no text)", input)
    try:
        check_bytes(content.encode("utf-8", "surrogatepass"), where)
    except InputError as exc:
        raise SourceError(str(exc), input) from None
    return Article(content=content, kind=kind, uri=fields["url"] or input, title=fields["title"],
                   published=fields["published"], outlet=fields["outlet"], raw=line)


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """The non-blank lines of a file (gunzipped when its name ends in .gz), numbered from 1."""
    with (gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")) as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                yield n, line


def _whole_file_error(path: Path, binary: bool = False) -> SourceError | None:
    """A container that cannot be read at all, or is empty (or binary, unless ``binary``)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        return SourceError(f"{path}: cannot read ({exc.strerror or type(exc).__name__})", _uri(path))
    if binary:
        return None if head.strip() else SourceError(f"{path}: empty file (no archive records)", _uri(path))
    try:
        check_bytes(head, str(path))
    except InputError as exc:
        return SourceError(str(exc), _uri(path))
    return None


def read_jsonl(path: Path) -> Iterator[Article | InputError]:
    error = _whole_file_error(path, binary=path.name.lower().endswith(".gz"))
    if error is not None:
        yield error
        return
    n = 0
    try:
        for n, line in _lines(path):
            if len(line) > MAX_BYTES:
                yield SourceError(f"{path}:{n}: line too large ({_mb(len(line))})", f"{_uri(path)}#line={n}")
                continue
            try:
                yield _jsonl_item(line, n, path)
            except SourceError as exc:
                yield exc
    except (EOFError, OSError, zlib.error) as exc:
        detail = " ".join(str(exc).split())[:200] or type(exc).__name__
        yield SourceError(f"{path}: truncated or damaged file after line {n} ({detail})", _uri(path))


# -- RSS and Atom -----------------------------------------------------------------------------

def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return dt.date(parsed[0], parsed[1], parsed[2]).isoformat()
            except (TypeError, ValueError):
                continue
    return None


def _feed_entries(path: Path) -> tuple[Any, list[Any]]:
    import feedparser

    data = path.read_bytes()
    if len(data) > 10 * MAX_BYTES:
        raise SourceError(f"{path}: too large ({_mb(len(data))}) for a feed", _uri(path))
    check_bytes(data, str(path))
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({str(reason).splitlines()[0]})" if reason else ""
        raise SourceError(f"{path}: not an RSS/Atom feed, or a feed with no entries{detail}", _uri(path))
    return parsed, list(parsed.entries)


def _feed_item(parsed: Any, entry: Any, n: int, path: Path) -> Article:
    input = f"{_uri(path)}#entry={n}"
    contents = entry.get("content") or []
    body_html = contents[0].get("value", "") if contents else entry.get("summary", "")
    body = html_to_text(body_html or "")
    title = " ".join((entry.get("title") or "").split()) or None
    if not body.strip():
        raise SourceError(f"{path}#entry={n}: a feed entry with no text", input)
    content = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    outlet = " ".join((parsed.feed.get("title") or "").split()) or None
    return Article(content=content, kind="text", uri=entry.get("link") or input, title=title,
                   published=_entry_date(entry), outlet=outlet,
                   raw=json.dumps({"title": title, "content": body_html}, ensure_ascii=False).encode())


def read_feed(path: Path) -> Iterator[Article | InputError]:
    try:
        parsed, entries = _feed_entries(path)
    except InputError as exc:
        yield exc if isinstance(exc, SourceError) else SourceError(str(exc), _uri(path))
        return
    except OSError as exc:
        yield SourceError(f"{path}: cannot read ({exc.strerror or type(exc).__name__})", _uri(path))
        return
    for n, entry in enumerate(entries, 1):
        try:
            yield _feed_item(parsed, entry, n, path)
        except SourceError as exc:
            yield exc


def is_feed(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(4096).lower()
    except OSError:
        return False
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


# -- WARC and ARC -----------------------------------------------------------------------------

def _warc_article(record: Any, offset: int, path: Path) -> Article | None:
    """The article of one archive record, or None when it is not an HTML response."""
    if record.rec_type not in ("response", "resource"):
        return None
    target = record.rec_headers.get_header("WARC-Target-URI") or record.rec_headers.get_header("uri")
    where = f"{_uri(path)}#offset={offset}"
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if not content_type.lower().startswith(HTML_TYPES):
        return None
    stream, chunks, size = record.content_stream(), [], 0
    while size <= MAX_BYTES:
        chunk = stream.read(65536)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    data = b"".join(chunks)
    if size <= MAX_BYTES and getattr(record.raw_stream, "limit", 0) > 0:
        raise EOFError(f"the record at offset {offset} ends early")
    name = f"{target or path} (in {path.name} at offset {offset})"
    if len(data) > MAX_BYTES:
        raise SourceError(f"{name}: too large (over {_mb(MAX_BYTES)})", where)
    try:
        text = decode_page(data, content_type, name)
    except InputError as exc:
        raise SourceError(str(exc), where) from None
    return Article(content=text, kind="html", uri=target or where, raw=data)


def read_warc(path: Path, start: int | None = None) -> Iterator[Article | InputError]:
    """The HTML responses of a WARC or ARC file (gzipped or not); from ``start`` (an offset),
    only that record."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    error = _whole_file_error(path, binary=True) if start is None else None
    if error is not None:
        yield error
        return
    count = 0
    try:
        with path.open("rb") as fh:
            if start is not None:
                fh.seek(start)
            records = ArchiveIterator(fh, arc2warc=True)
            for record in records:
                offset = int(records.offset) + (start or 0)
                try:
                    article = _warc_article(record, offset, path)
                except SourceError as exc:
                    yield exc
                    article = None
                if article is not None:
                    count += 1
                    yield article
                if start is not None:
                    return
            size = path.stat().st_size
            if int(records.offset) < size:
                raise EOFError(f"{size - int(records.offset)} bytes at offset {records.offset} are not a whole record")
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
        what = f"after {count} HTML response(s)" if count else "before any HTML response"
        detail = " ".join(str(exc).split())[:200] or type(exc).__name__
        yield SourceError(f"{path}: truncated or damaged archive, {what} ({detail})", _uri(path))


# -- URL lists --------------------------------------------------------------------------------

def url_lines(path: Path) -> Iterator[tuple[int, str]]:
    with path.open("r", encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            url = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
            if url:
                yield n, url


def read_url_list(path: Path, only_line: int | None = None) -> Iterator[Article | InputError]:
    from newsgraph.fetch import fetch_urls

    error = _whole_file_error(path)
    if error is not None:
        yield error
        return
    good: list[str] = []
    for n, url in url_lines(path):
        if only_line is not None and n != only_line:
            continue
        if not _URL.match(url):
            yield SourceError(f"{path}:{n}: not an http(s) URL ({url[:80]!r})", f"{_uri(path)}#line={n}")
            continue
        good.append(url)
    yield from fetch_urls(good)


# -- dispatch ---------------------------------------------------------------------------------

CONTAINERS: dict[str, Container] = {
    ".jsonl": read_jsonl, ".ndjson": read_jsonl, ".jsonl.gz": read_jsonl, ".ndjson.gz": read_jsonl, ".rss": read_feed, ".atom": read_feed,
    ".warc": read_warc, ".warc.gz": read_warc, ".arc": read_warc, ".arc.gz": read_warc,
    ".urls": read_url_list,
}


def container_for(path: Path) -> Container | None:
    """The container reader of a file by its name (``.xml`` only when it holds a feed)."""
    name = path.name.lower()
    for suffix, reader in CONTAINERS.items():
        if name.endswith(suffix):
            return reader
    if name.endswith(".xml") and is_feed(path):
        return read_feed
    return None


def read_item(path: Path, fragment: str) -> Iterator[Article | InputError]:
    """One item of a container again, by its fragment (``line=N``, ``entry=N``, ``offset=N``)."""
    key, _, value = fragment.partition("=")
    container = container_for(path)
    if not value.isdigit() or container is None:
        yield SourceError(f"{path}#{fragment}: not an item this program can read again", f"{_uri(path)}#{fragment}")
        return
    if not path.exists():
        yield SourceError(f"{path}: no such file or folder", f"{_uri(path)}#{fragment}")
        return
    n = int(value)
    if key == "offset" and container is read_warc:
        yield from read_warc(path, start=n)
    elif key == "line" and container is read_jsonl:
        for line_no, line in _lines(path):
            if line_no == n:
                try:
                    yield _jsonl_item(line, n, path)
                except SourceError as exc:
                    yield exc
                return
        yield SourceError(f"{path}:{n}: no such line", f"{_uri(path)}#line={n}")
    elif key == "line" and container is read_url_list:
        yield from read_url_list(path, only_line=n)
    elif key == "entry" and container is read_feed:
        items = list(read_feed(path))
        yield items[n - 1] if 0 < n <= len(items) else SourceError(f"{path}#entry={n}: no such entry", f"{_uri(path)}#entry={n}")
    else:
        yield SourceError(f"{path}#{fragment}: not an item this program can read again", f"{_uri(path)}#{fragment}")


__all__ = ["CONTAINERS", "container_for", "decode", "decode_page", "looks_like_html", "read_item"]
