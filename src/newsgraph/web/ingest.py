"""``POST /api/articles``: a request body into articles, each ingested like the CLI does.

Accepted bodies: a JSON object ``{"text" | "html" | "content", "title", "uri", "outlet",
"published", "reference_date"}``, a JSON list of them, JSON lines (``application/x-ndjson``
or ``application/jsonl``), or a plain-text / HTML article.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from newsgraph.pipeline import Article, Settings
from newsgraph.sources import looks_like_html
from newsgraph.store.base import Store
from newsgraph.store.ingest import ingest, input_id

MAX_ITEMS = 500


class IngestRefused(ValueError):
    """The body is not an article or a list of articles."""


def _day(value: Any, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise IngestRefused(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def _article(obj: Any, n: int) -> tuple[Article, Settings]:
    if not isinstance(obj, dict):
        raise IngestRefused(f"item {n}: expected an object with a text")
    content = obj.get("text") or obj.get("html") or obj.get("content")
    if not isinstance(content, str) or not content.strip():
        raise IngestRefused(f"item {n}: no text (give 'text', 'html' or 'content')")
    kind = "html" if "html" in obj and obj.get("html") else ("html" if looks_like_html(content) else "text")
    if obj.get("title") and kind == "text" and not content.lstrip().startswith(str(obj["title"]).strip()):
        content = f"{obj['title']}\n\n{content}"  # the title heads the text, as scraped articles do
    published = _day(obj.get("published"), "published")
    reference = _day(obj.get("reference_date"), "reference_date") or published or dt.date.today()
    uri = obj.get("uri") if isinstance(obj.get("uri"), str) else None
    outlet = obj.get("outlet") if isinstance(obj.get("outlet"), str) else None
    article = Article(content=content, kind=kind, uri=uri, outlet=outlet,
                      published=published.isoformat() if published else None,
                      raw=content.encode("utf-8"))
    return article, Settings(reference_date=reference, published=published)


def parse_body(body: bytes, content_type: str) -> list[tuple[Article, Settings]]:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise IngestRefused("the body is not UTF-8 text") from None
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in ("application/x-ndjson", "application/jsonl", "application/json-lines"):
        items: list[Any] = []
        for i, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    items.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise IngestRefused(f"line {i}: not JSON ({exc.msg})") from None
    elif ctype == "application/json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise IngestRefused(f"not JSON ({exc.msg})") from None
        items = data if isinstance(data, list) else [data]
    elif ctype in ("text/plain", "text/html", ""):
        if not text.strip():
            raise IngestRefused("empty body")
        items = [{"html" if ctype == "text/html" else "text": text}]
    else:
        raise IngestRefused(f"unsupported content type {ctype!r}")
    if not items:
        raise IngestRefused("no article in the body")
    if len(items) > MAX_ITEMS:
        raise IngestRefused(f"at most {MAX_ITEMS} articles per request")
    return [_article(obj, n) for n, obj in enumerate(items, 1)]


def ingest_body(store: Store, body: bytes, content_type: str) -> dict[str, Any]:
    """Ingest every article of the body; returns the counts and, per article, its id and
    what happened (stored, linked, known or failed with the reason)."""
    parsed = parse_body(body, content_type)
    totals = {"stored": 0, "linked": 0, "known": 0, "failed": 0}
    results = []
    for article, settings in parsed:
        seen: list[str] = []

        def progress(what: str, _name: str, seen: list[str] = seen) -> None:
            seen.append(what)

        report = ingest(store, [article], settings, progress=progress)
        for key, value in report.to_dict().items():
            totals[key] += int(value)  # type: ignore[call-overload]
        outcome = next((w for w in seen if w in ("stored", "linked", "known", "failed")), "failed")
        item: dict[str, Any] = {"id": input_id(article), "outcome": outcome}
        if report.failures:
            item["reason"] = report.failures[0][1]
        results.append(item)
    return {**totals, "articles": results}
