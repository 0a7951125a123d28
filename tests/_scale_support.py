"""Inputs for the scale tests, built by hand: articles we wrote (invented names, places,
numbers and dates), a WARC written with warcio, feeds, JSON lines, and a mixed folder of good
and bad inputs."""

from __future__ import annotations

import io
import json
import os
import subprocess
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures" / "scale"
ROOT = Path(__file__).resolve().parents[1]
NEWSGRAPH = [str(ROOT / ".venv" / "bin" / "newsgraph")]

TOWNS = ("Brasková", "Lintmoor", "Orvaska", "Quenby", "Talverne", "Ushford", "Merrowdale", "Kestrine")
PEOPLE = ("Ilse Varrow", "Tomas Quillen", "Anouk Bersel", "Desmond Okafore", "Reka Lindqvar", "Paulo Estreme")
THINGS = ("bridge", "water plant", "bus depot", "market hall", "school", "sports ground")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")


def article_text(i: int) -> str:
    """A short news article, different for every ``i`` (names, numbers and dates vary)."""
    town, person = TOWNS[i % len(TOWNS)], PEOPLE[i % len(PEOPLE)]
    thing, month = THINGS[i % len(THINGS)], MONTHS[i % len(MONTHS)]
    cost, workers = 120 + 7 * i, 30 + 3 * i
    return (
        f"{town} Opens New {thing.title()} After {2 + i % 5} Years of Work\n\n"
        f"{town.upper()}, {month} {1 + i % 27}, 2027 — The town of {town} opened its new {thing} on "
        f"Tuesday, mayor {person} said, after a project that cost about {cost} million crowns.\n\n"
        f"\"This {thing} will serve the town for fifty years,\" {person.split()[-1]} told the council. "
        f"About {workers} local firms took part in the work, the council said.\n\n"
        f"Opposition councillors said the project ran {i % 9 + 2} months late and asked for an audit."
    )


def html_page(i: int) -> str:
    text = article_text(i).split("\n\n")
    body = "".join(f"<p>{p}</p>" for p in text[1:])
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{text[0]}</title></head>"
            f"<body><article><h1>{text[0]}</h1>{body}</article></body></html>")


def write_warc(path: Path, pages: list[tuple[str, str, bytes]], gzip: bool = True) -> None:
    """A WARC of HTTP responses (url, content type, body), written with warcio."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for url, content_type, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))


def truncate(path: Path, drop: int) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - drop])


def rss(items: list[dict[str, str]], title: str = "Kestrine Evening Post") -> str:
    entries = "".join(
        f"<item><title>{it['title']}</title><link>{it['link']}</link><pubDate>{it['date']}</pubDate>"
        f"<description><![CDATA[{it['html']}]]></description></item>" for it in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://news.invalid/</link><description>x</description>{entries}</channel></rss>")


def jsonl(rows: list[dict[str, Any] | str]) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows)


def mixed_folder(root: Path) -> dict[str, Any]:
    """Good articles and one of each bad input; returns what each bad one is."""
    root.mkdir(parents=True, exist_ok=True)
    for f in sorted(FIXTURES.glob("0*")):
        (root / f.name).write_bytes(f.read_bytes())
    (root / "empty.txt").write_bytes(b"")
    (root / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (root / "broken.html").write_text("<!DOCTYPE html><html><head><title>x</title></head><body><div><script>var a=1;</script></div>", "utf-8")
    warc = root / "crawl.warc.gz"
    write_warc(warc, [(f"http://news.invalid/story/{i}", "text/html; charset=utf-8", html_page(i).encode()) for i in (10, 11, 12)])
    truncate(warc, 150)
    (root / "scraper.jsonl").write_text(jsonl([
        {"text": article_text(20), "url": "http://news.invalid/j/20", "published": "2027-05-02", "outlet": "Quenby Herald"},
        '{"text": "Lintmoor council meets", "url": ',
        {"html": html_page(21), "url": "http://news.invalid/j/21"},
    ]), "utf-8")
    return {
        "good_files": 3, "good_jsonl": 2, "good_warc": 2,
        "bad": {
            (root / "empty.txt").resolve().as_uri(): "empty file",
            (root / "photo.txt").resolve().as_uri(): "binary file",
            (root / "broken.html").resolve().as_uri(): "no article text",
            warc.resolve().as_uri(): "truncated",
            (root / "scraper.jsonl").resolve().as_uri() + "#line=2": "bad JSON line",
        },
    }


def run_cli(*args: str, timeout: float = 600, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([*NEWSGRAPH, *args], capture_output=True, text=True, timeout=timeout, env=full_env)


class WorkerKiller(str):
    """A string that ends the process that unpickles it: stands for an article whose
    extraction kills its worker (out of memory, a crash in native code)."""

    def __reduce__(self) -> tuple[Any, tuple[int]]:  # type: ignore[override]
        return (os._exit, (3,))
