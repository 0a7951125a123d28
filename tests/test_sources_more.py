"""More sources: JSON lines, RSS/Atom, WARC/ARC, URL lists fetched politely from a local
server (127.0.0.1 only). Every input here was written for these tests."""

from __future__ import annotations

import contextlib
import itertools
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from _scale_support import article_text, html_page, jsonl, rss, truncate, write_warc
from conftest import REFERENCE_DATE, check_record
from newsgraph import fetch
from newsgraph.fetch import FetchPolicy, fetch_urls
from newsgraph.pipeline import Article, InputError, Settings, extract_many
from newsgraph.sources import SourceError, iter_articles, read_input


def _split(items: list[Article | InputError]) -> tuple[list[Article], list[InputError]]:
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


# -- JSON lines ---------------------------------------------------------------------------------

def test_jsonl_articles_fields_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "scrape.jsonl"
    path.write_text(jsonl([
        {"text": article_text(1), "url": "http://press.invalid/1", "title": "Quenby bridge", "published": "2027-03-09", "outlet": "Quenby Herald"},
        "",
        "{not json",
        ["a", "list"],
        {"url": "http://press.invalid/3"},
        {"text": "   "},
        {"text": article_text(2), "title": 7},
        {"html": html_page(4)},
    ]), "utf-8")
    arts, errs = _split(list(iter_articles([path])))
    assert [a.kind for a in arts] == ["text", "html"]
    first = arts[0]
    assert (first.uri, first.title, first.published, first.outlet) == (
        "http://press.invalid/1", "Quenby bridge", "2027-03-09", "Quenby Herald")
    assert arts[1].uri == path.resolve().as_uri() + "#line=8"
    reasons = {e.input: str(e) for e in errs if isinstance(e, SourceError)}
    base = path.resolve().as_uri()
    assert set(reasons) == {f"{base}#line={n}" for n in (3, 4, 5, 6, 7)}
    assert "bad JSON line" in reasons[f"{base}#line=3"]
    assert "not an object" in reasons[f"{base}#line=4"]
    assert "no `text` or `html`" in reasons[f"{base}#line=5"]
    assert "empty article" in reasons[f"{base}#line=6"]
    assert "`title` is a int" in reasons[f"{base}#line=7"]
    # an item is read again by its URI (what ingest --retry does)
    again = list(read_input(f"{base}#line=8"))
    assert len(again) == 1 and isinstance(again[0], Article) and again[0].content == arts[1].content
    assert isinstance(next(read_input(f"{base}#line=3")), SourceError)


def test_jsonl_metadata_reaches_the_record(tmp_path: Path) -> None:
    path = tmp_path / "a.ndjson"
    path.write_text(jsonl([{"text": article_text(3), "url": "http://press.invalid/9", "published": "2027-04-02",
                            "outlet": "Orvaska Daily"}]), "utf-8")
    (article,) = _split(list(iter_articles([path])))[0]
    (record,) = list(extract_many([article], Settings(reference_date=REFERENCE_DATE)))
    assert not isinstance(record, InputError)
    check_record(record)
    assert record.source.uri == "http://press.invalid/9" and record.source.outlet == "Orvaska Daily"
    assert record.published.date == "2027-04-02" and record.published.basis == "metadata"


def test_empty_and_binary_jsonl_files(tmp_path: Path) -> None:
    (tmp_path / "e.jsonl").write_bytes(b"")
    (tmp_path / "z.jsonl").write_bytes(b"\x1f\x8b\x08\x00rest")
    errs = list(iter_articles([tmp_path / "e.jsonl", tmp_path / "z.jsonl"]))
    assert [("empty file" in str(e), "binary file" in str(e)) for e in errs] == [(True, False), (False, True)]


# -- RSS and Atom -------------------------------------------------------------------------------

def test_rss_entries(tmp_path: Path) -> None:
    body = "".join(f"<p>{p}</p>" for p in article_text(4).split("\n\n")[1:])
    path = tmp_path / "evening.rss"
    path.write_text(rss([
        {"title": "Talverne school opens", "link": "http://post.invalid/a", "date": "Tue, 06 Apr 2027 08:15:00 GMT", "html": body},
        {"title": "Empty entry", "link": "http://post.invalid/b", "date": "Tue, 06 Apr 2027 09:00:00 GMT", "html": " "},
    ]), "utf-8")
    arts, errs = _split(list(iter_articles([path])))
    (art,) = arts
    assert (art.uri, art.title, art.published, art.outlet) == (
        "http://post.invalid/a", "Talverne school opens", "2027-04-06", "Kestrine Evening Post")
    assert art.content.startswith("Talverne school opens\n\nTALVERNE") and "<p>" not in art.content
    (err,) = errs
    assert isinstance(err, SourceError) and err.input == path.resolve().as_uri() + "#entry=2"
    assert "no text" in str(err)
    (record,) = list(extract_many([art], Settings(reference_date=REFERENCE_DATE)))
    assert not isinstance(record, InputError)
    check_record(record)
    assert record.title == "Talverne school opens" and record.published.date == "2027-04-06"
    again = list(read_input(path.resolve().as_uri() + "#entry=1"))
    assert isinstance(again[0], Article) and again[0].content == art.content


def test_atom_feed_in_an_xml_file(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Ushford Wire</title>'
        '<id>urn:x</id><updated>2027-02-01T10:00:00Z</updated><entry><title>Ushford depot</title>'
        '<link href="http://wire.invalid/d"/><id>urn:y</id><updated>2027-02-01T10:00:00Z</updated>'
        f'<content type="html">&lt;p&gt;{article_text(6).split(chr(10) * 2)[1]}&lt;/p&gt;</content></entry></feed>',
        "utf-8")
    (art,) = list(iter_articles([path]))
    assert isinstance(art, Article)
    assert (art.uri, art.outlet, art.published) == ("http://wire.invalid/d", "Ushford Wire", "2027-02-01")


def test_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>cut off", "utf-8")
    (err,) = list(iter_articles([path]))
    assert isinstance(err, SourceError) and "not an RSS/Atom feed" in str(err)
    assert err.input == path.resolve().as_uri()


# -- WARC and ARC -------------------------------------------------------------------------------

@pytest.mark.parametrize("gzip", [True, False])
def test_warc_html_responses_only(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("c.warc.gz" if gzip else "c.warc")
    write_warc(path, [
        ("http://site.invalid/1", "text/html; charset=utf-8", html_page(1).encode()),
        ("http://site.invalid/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(40)),
        ("http://site.invalid/app.js", "application/javascript", b"var x = 1;"),
        ("http://site.invalid/2", "text/html; charset=windows-1252", html_page(2).replace("—", "-").encode("cp1252")),
    ], gzip=gzip)
    items = list(iter_articles([path]))
    arts, errs = _split(items)
    assert errs == []
    assert [a.uri for a in arts] == ["http://site.invalid/1", "http://site.invalid/2"]
    assert all(a.kind == "html" and a.raw for a in arts)
    # each record is read again from its offset
    offsets = [0]
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as fh:
        it = ArchiveIterator(fh)
        offsets = [int(it.offset) for r in it if r.rec_headers.get_header("WARC-Target-URI").endswith("/2")]
    again = list(read_input(f"{path.resolve().as_uri()}#offset={offsets[0]}"))
    assert len(again) == 1 and isinstance(again[0], Article) and again[0].uri == "http://site.invalid/2"


@pytest.mark.parametrize("gzip", [True, False])
def test_truncated_warc_keeps_the_good_records(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("t.warc.gz" if gzip else "t.warc")
    write_warc(path, [(f"http://site.invalid/{i}", "text/html", html_page(i).encode()) for i in (3, 4, 5)], gzip=gzip)
    truncate(path, 120)
    arts, errs = _split(list(iter_articles([path])))
    assert [a.uri for a in arts] == ["http://site.invalid/3", "http://site.invalid/4"]
    (err,) = errs
    assert isinstance(err, SourceError) and err.input == path.resolve().as_uri()
    assert "truncated or damaged archive, after 2 HTML response(s)" in str(err)


def test_empty_warc(tmp_path: Path) -> None:
    path = tmp_path / "e.warc"
    path.write_bytes(b"")
    (err,) = list(iter_articles([path]))
    assert "empty file" in str(err)


# -- URL lists, fetched from a local server -----------------------------------------------------

class _Site(BaseHTTPRequestHandler):
    hits: list[tuple[str, float]] = []  # noqa: RUF012  (one server per test module)

    def log_message(self, *_args: object) -> None:
        return

    def do_GET(self) -> None:
        _Site.hits.append((self.path, time.monotonic()))
        routes = {
            "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
            "/news/1.html": (200, "text/html; charset=utf-8", html_page(7).encode()),
            "/news/2.html": (200, "text/html; charset=utf-8", html_page(8).encode()),
            "/news/big.html": (200, "text/html", b"<html><body>" + b"<p>word </p>" * 20_000 + b"</body></html>"),
            "/private/secret.html": (200, "text/html", html_page(9).encode()),
            "/news/logo.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(30)),
        }
        if self.path == "/news/moved":
            self.send_response(301)
            self.send_header("Location", "/private/secret.html")
            self.end_headers()
            return
        if self.path == "/news/slow.html":
            time.sleep(1.5)
        status, ctype, body = routes.get(self.path, (404, "text/html", b"<html><body>not found</body></html>"))
        if self.path == "/news/slow.html":
            status, ctype, body = 200, "text/html", html_page(1).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if self.path != "/news/big.html":  # the big page streams without a length
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


@pytest.fixture
def site() -> Iterator[str]:
    _Site.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


POLICY = FetchPolicy(delay=0.2, timeout=0.5, max_bytes=100_000)


def test_fetch_politely(site: str) -> None:
    urls = [f"{site}/news/1.html", f"{site}/private/secret.html", f"{site}/news/big.html", f"{site}/news/gone.html",
            f"{site}/news/logo.png", f"{site}/news/moved", f"{site}/news/2.html", f"{site}/news/slow.html"]
    items = list(fetch_urls(urls, POLICY))
    arts, errs = _split(items)
    assert [a.uri for a in arts] == [f"{site}/news/1.html", f"{site}/news/2.html"]
    assert all(a.kind == "html" and a.raw for a in arts)
    reasons = {e.input: str(e) for e in errs if isinstance(e, SourceError)}
    assert "disallowed by robots.txt" in reasons[f"{site}/private/secret.html"]
    assert "too large" in reasons[f"{site}/news/big.html"]
    assert "HTTP 404" in reasons[f"{site}/news/gone.html"]
    assert "not an HTML page (content type image/png)" in reasons[f"{site}/news/logo.png"]
    assert "disallowed by robots.txt" in reasons[f"{site}/news/moved"]  # the redirect's target is checked
    assert "timed out" in reasons[f"{site}/news/slow.html"]
    paths = [p for p, _ in _Site.hits]
    assert paths.count("/robots.txt") == 1  # read once per host
    assert "/private/secret.html" not in paths  # never requested
    times = [t for _, t in _Site.hits]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= POLICY.delay * 0.9  # one host: requests spaced by the delay


def test_url_list_file(site: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "DEFAULT_POLICY", POLICY)
    path = tmp_path / "todo.urls"
    path.write_text(f"# today's links\n{site}/news/1.html\n\nnot a url\n{site}/private/secret.html\n", "utf-8")
    arts, errs = _split(list(iter_articles([path])))
    assert [a.uri for a in arts] == [f"{site}/news/1.html"]
    reasons = sorted(str(e) for e in errs)
    assert any("todo.urls:4: not an http(s) URL" in r for r in reasons)
    assert any("disallowed by robots.txt" in r for r in reasons)
    assert [e.input for e in errs if isinstance(e, SourceError) and "URL" in str(e)] == [path.resolve().as_uri() + "#line=4"]
    # a URL failure is retried by fetching it again
    again = list(read_input(f"{site}/news/2.html"))
    assert isinstance(again[0], Article) and again[0].uri == f"{site}/news/2.html"


def test_robots_unreachable_means_disallowed(site: str) -> None:
    # nothing listens on port 9 of loopback (discard): robots.txt cannot be fetched
    (err,) = list(fetch_urls(["http://127.0.0.1:9/news/1.html"], FetchPolicy(delay=0, timeout=0.5)))
    assert isinstance(err, SourceError) and "disallowed by robots.txt" in str(err)


def test_gzipped_jsonl_and_a_truncated_one(tmp_path: Path) -> None:
    import gzip

    rows = jsonl([{"text": article_text(40 + i), "url": f"http://press.invalid/g{i}"} for i in range(3)]).encode()
    good, cut = tmp_path / "a.jsonl.gz", tmp_path / "b.jsonl.gz"
    good.write_bytes(gzip.compress(rows))
    cut.write_bytes(gzip.compress(rows)[:-30])
    arts, errs = _split(list(iter_articles([good])))
    assert [a.uri for a in arts] == [f"http://press.invalid/g{i}" for i in range(3)] and errs == []
    again = list(read_input(good.resolve().as_uri() + "#line=2"))
    assert isinstance(again[0], Article) and again[0].uri == "http://press.invalid/g1"
    items = list(iter_articles([cut]))
    assert isinstance(items[-1], SourceError) and "truncated or damaged file" in str(items[-1])
    assert items[-1].input == cut.resolve().as_uri()
