"""The read side of the store, shared by the CLI, the HTTP API and the pages.

Every function takes a store (``newsgraph.store.open_store(...)``) and returns plain JSON
data; the shapes are documented in ``docs/json-shapes.md``. Lists return a *page*::

    {"total": 12, "limit": 50, "offset": 0, "items": [...]}

Every list has a total ORDER BY (ties broken by ids), so SQLite and PostgreSQL give the same
pages; search is ordered by rank, then ids (ranks differ between the databases, the set of
matches does not). Name filters are case-insensitive substrings (Python ``casefold``).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Select, and_, bindparam, column, func, literal_column, select, table, text
from sqlalchemy.engine import RowMapping

from newsgraph.store import search as fts
from newsgraph.store import tables as t
from newsgraph.store.base import Store

Page = dict[str, Any]
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000


def _bounds(limit: int | None, offset: int | None) -> tuple[int, int]:
    limit = DEFAULT_LIMIT if limit is None else max(0, min(int(limit), MAX_LIMIT))
    return limit, max(0, int(offset or 0))


def _like(value: str) -> str:
    escaped = value.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _page(store: Store, query: Select[Any], limit: int | None, offset: int | None,
          shape: Any) -> Page:
    limit, offset = _bounds(limit, offset)
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar_one()
        rows = conn.execute(query.limit(limit).offset(offset)).mappings().all()
    return {"total": int(total), "limit": limit, "offset": offset, "items": [shape(r) for r in rows]}


def _json(value: str | None) -> Any:
    return json.loads(value) if value else []


# -- counts ------------------------------------------------------------------------------

def stats(store: Store) -> dict[str, int]:
    """How many articles, sources, failures, entities, mentions, quotes, figures, timexes,
    events and checks the store holds."""
    counted = {
        "articles": t.articles, "sources": t.article_sources, "failures": t.failures,
        "entities": t.entities, "mentions": t.mentions, "quotes": t.quotes, "figures": t.figures,
        "timexes": t.timexes, "events": t.events, "checks": t.checks,
    }
    with store.engine.connect() as conn:
        return {name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
                for name, table in counted.items()}


# -- articles ----------------------------------------------------------------------------

def _article(r: RowMapping) -> dict[str, Any]:
    return {
        "id": r["id"], "title": r["title"], "published": r["published"],
        "published_basis": r["published_basis"], "language": r["language"], "outlet": r["outlet"],
        "uri": r["uri"], "entities": r["n_entities"], "quotes": r["n_quotes"],
        "figures": r["n_figures"], "events": r["n_events"],
    }


def list_articles(store: Store, *, language: str | None = None, since: str | None = None,
                  until: str | None = None, outlet: str | None = None,
                  limit: int | None = None, offset: int | None = None) -> Page:
    """Articles, newest publication date first (undated last), then by id."""
    a = t.articles
    q = select(a.c.id, a.c.title, a.c.published, a.c.published_basis, a.c.language, a.c.outlet,
               a.c.uri, a.c.n_entities, a.c.n_quotes, a.c.n_figures, a.c.n_events)
    if language:
        q = q.where(a.c.language == language)
    if since:
        q = q.where(a.c.published >= since)
    if until:
        q = q.where(a.c.published <= until)
    if outlet:
        q = q.where(a.c.outlet == outlet)
    q = q.order_by(a.c.published.desc().nulls_last(), a.c.id)
    return _page(store, q, limit, offset, _article)


def get_article(store: Store, article_id: str) -> dict[str, Any] | None:
    """The whole stored record, plus ``stored``: its sources, revision and times."""
    a, s = t.articles, t.article_sources
    with store.engine.connect() as conn:
        row = conn.execute(select(a.c.record, a.c.revision, a.c.ingested_at, a.c.processed_at)
                           .where(a.c.id == article_id)).mappings().first()
        if row is None:
            return None
        sources = conn.execute(select(s.c.uri, s.c.input_id, s.c.added_at).where(s.c.article_id == article_id)
                               .order_by(s.c.added_at, s.c.uri)).mappings().all()
    record: dict[str, Any] = json.loads(row["record"])
    record["stored"] = {
        "revision": row["revision"], "ingested_at": row["ingested_at"],
        "processed_at": row["processed_at"], "sources": [dict(x) for x in sources],
    }
    return record


# -- facets ------------------------------------------------------------------------------

def _entity(r: RowMapping) -> dict[str, Any]:
    kb = {k: r[k] for k in ("wikidata", "geonames", "iso") if r[k] is not None} or None
    geo = {"lat": r["lat"], "lon": r["lon"], "country": r["country"]} if r["lat"] is not None else None
    return {
        "article_id": r["article_id"], "id": r["id"], "name": r["name"], "type": r["type"],
        "aliases": _json(r["aliases"]), "kb": kb, "geo": geo, "roles": _json(r["roles"]),
        "mentions": r["n_mentions"],
    }


def list_entities(store: Store, *, name: str | None = None, type: str | None = None,
                  article: str | None = None, limit: int | None = None,
                  offset: int | None = None) -> Page:
    """Entities of every article, by name, type, article and id."""
    e = t.entities
    q = select(e)
    if name:
        q = q.where(e.c.name_key.like(_like(name), escape="\\"))
    if type:
        q = q.where(e.c.type == type.upper())
    if article:
        q = q.where(e.c.article_id == article)
    q = q.order_by(e.c.name_key, e.c.name, e.c.type, e.c.article_id, e.c.id)
    return _page(store, q, limit, offset, _entity)


def entity_names(store: Store, *, name: str | None = None, type: str | None = None,
                 limit: int | None = None, offset: int | None = None) -> Page:
    """Entities grouped by canonical name and type across articles: how many articles name
    each and how many mentions they have, most widely named first, then by name. (Names
    only: merging different names of one entity is the cross-article picture's work.)"""
    e = t.entities
    n_articles = func.count(func.distinct(e.c.article_id)).label("articles")
    q = select(e.c.name, e.c.type, n_articles, func.sum(e.c.n_mentions).label("mentions"))
    if name:
        q = q.where(e.c.name_key.like(_like(name), escape="\\"))
    if type:
        q = q.where(e.c.type == type.upper())
    q = q.group_by(e.c.name, e.c.type).order_by(n_articles.desc(), e.c.name, e.c.type)
    return _page(store, q, limit, offset, lambda r: {"name": r["name"], "type": r["type"],
                                                     "articles": int(r["articles"]), "mentions": int(r["mentions"])})


def _quote(r: RowMapping) -> dict[str, Any]:
    return {
        "article_id": r["article_id"], "id": r["id"], "text": r["text"], "kind": r["kind"],
        "speaker": r["speaker"], "speaker_name": r["speaker_name"], "speaker_text": r["speaker_text"],
        "cue": r["cue"], "start": r["start"], "end": r["end"], "article_title": r["article_title"],
        "published": r["published"],
    }


def _with_article(table: Any) -> Select[Any]:
    a = t.articles
    return (select(table, a.c.title.label("article_title"), a.c.published)
            .join(a, a.c.id == table.c.article_id))


def list_quotes(store: Store, *, speaker: str | None = None, kind: str | None = None,
                article: str | None = None, limit: int | None = None,
                offset: int | None = None) -> Page:
    """Quotes, newest article first, then in text order. ``speaker`` matches the speaker's
    canonical name or the words naming them in the text."""
    qt, a = t.quotes, t.articles
    q = _with_article(qt)
    if speaker:
        q = q.where(qt.c.speaker_key.like(_like(speaker), escape="\\"))
    if kind:
        q = q.where(qt.c.kind == kind)
    if article:
        q = q.where(qt.c.article_id == article)
    q = q.order_by(a.c.published.desc().nulls_last(), qt.c.article_id, qt.c.start, qt.c.id)
    return _page(store, q, limit, offset, _quote)


_FIGURE_FIELDS = ("id", "text", "value", "low", "high", "qualifier", "unit", "measure", "aspect",
                  "of", "at", "source", "source_text", "modality", "time", "in_quote", "start", "end")


def _figure(r: RowMapping) -> dict[str, Any]:
    out = {"article_id": r["article_id"], **{k: r[k] for k in _FIGURE_FIELDS}}
    out["in_quote"] = bool(out["in_quote"])
    out["article_title"], out["published"] = r["article_title"], r["published"]
    return out


def list_figures(store: Store, *, measure: str | None = None, unit: str | None = None,
                 modality: str | None = None, article: str | None = None,
                 limit: int | None = None, offset: int | None = None) -> Page:
    """Figures, newest article first, then in text order; ``measure`` is a substring."""
    f, a = t.figures, t.articles
    q = _with_article(f)
    if measure:
        q = q.where(f.c.measure_key.like(_like(measure), escape="\\"))
    if unit:
        q = q.where(f.c.unit == unit)
    if modality:
        q = q.where(f.c.modality == modality)
    if article:
        q = q.where(f.c.article_id == article)
    q = q.order_by(a.c.published.desc().nulls_last(), f.c.article_id, f.c.start, f.c.id)
    return _page(store, q, limit, offset, _figure)


def _timex(r: RowMapping) -> dict[str, Any]:
    rng = {"start": r["range_start"], "end": r["range_end"]} if r["range_start"] else None
    return {"article_id": r["article_id"], "id": r["id"], "text": r["text"], "type": r["type"],
            "value": r["value"], "range": rng, "start": r["start"], "end": r["end"]}


def list_timexes(store: Store, *, article: str | None = None, limit: int | None = None,
                 offset: int | None = None) -> Page:
    x = t.timexes
    q = select(x)
    if article:
        q = q.where(x.c.article_id == article)
    return _page(store, q.order_by(x.c.article_id, x.c.start, x.c.id), limit, offset, _timex)


def _event(r: RowMapping) -> dict[str, Any]:
    return {
        "article_id": r["article_id"], "id": r["id"], "type": r["type"], "mode": r["mode"],
        "actors": _json(r["actors"]), "targets": _json(r["targets"]), "when": r["when"],
        "date": r["date"], "date_basis": r["date_basis"], "where": r["where"],
        "status": r["status"], "reported_by": r["reported_by"], "trigger": r["trigger"],
        "start": r["start"], "end": r["end"], "article_title": r["article_title"],
    }


def list_events(store: Store, *, type: str | None = None, since: str | None = None,
                until: str | None = None, article: str | None = None,
                limit: int | None = None, offset: int | None = None) -> Page:
    """Events by date (the day the text dates the event, else the article's publication
    date: ``date_basis`` says which), newest first, undated last. ``since``/``until`` are
    ISO dates on that date."""
    q = filter_events(_with_article(t.events), type=type, since=since, until=until, article=article)
    return _page(store, q, limit, offset, _event)


def filter_events(q: Select[Any], *, type: str | None = None, since: str | None = None,
                  until: str | None = None, article: str | None = None) -> Select[Any]:
    """The event filters every events view shares, and their total order (newest first,
    undated last, ties by article, position and id)."""
    ev = t.events
    if type:
        q = q.where(ev.c.type == type.upper())
    if since:
        q = q.where(ev.c.date >= since)
    if until:
        q = q.where(ev.c.date <= until)
    if article:
        q = q.where(ev.c.article_id == article)
    return q.order_by(ev.c.date.desc().nulls_last(), ev.c.article_id, ev.c.start, ev.c.id)


def list_failures(store: Store, *, stage: str | None = None, limit: int | None = None,
                  offset: int | None = None) -> Page:
    """Inputs that failed (to read, extract, store or reprocess), in the order first seen."""
    f = t.failures
    q = select(f)
    if stage:
        q = q.where(f.c.stage == stage)
    return _page(store, q.order_by(f.c.id), limit, offset, lambda r: dict(r))


# -- search ------------------------------------------------------------------------------

def search(store: Store, query: str, *, kind: str | None = None, limit: int | None = None,
           offset: int | None = None) -> Page:
    """Full-text search over article text and quotes. Any string is a valid query (see
    ``newsgraph.store.search``); one that keeps no word finds nothing."""
    limit, offset = _bounds(limit, offset)
    parsed = fts.parse(query)
    if parsed.empty:
        return {"total": 0, "limit": limit, "offset": offset, "items": []}
    d, a, qt = t.search_docs, t.articles, t.quotes
    q: Any = bindparam("q")
    if store.dialect == "sqlite":
        fts_table = table("search_fts", column("rowid"))
        match: Any = literal_column("search_fts").op("MATCH")(q)
        rank: Any = func.bm25(literal_column("search_fts"))
        expr = fts.to_fts5(parsed)

        def source(sel: Select[Any]) -> Select[Any]:
            return sel.select_from(fts_table).join(d, d.c.id == fts_table.c.rowid)
    else:
        match = text("search_docs.tsv @@ to_tsquery('simple', :q)")
        rank = text("ts_rank(search_docs.tsv, to_tsquery('simple', :q)) DESC")
        expr = fts.to_tsquery(parsed)

        def source(sel: Select[Any]) -> Select[Any]:
            return sel.select_from(d)
    where: Any = and_(match, d.c.kind == kind) if kind else match
    base = source(select(d.c.id)).where(where)
    page = (source(select(d.c.article_id, d.c.kind, d.c.item_id, a.c.title, a.c.published, a.c.text,
                          qt.c.text.label("quote_text"), qt.c.speaker_name, qt.c.speaker_text))
            .join(a, a.c.id == d.c.article_id)
            .outerjoin(qt, and_(qt.c.article_id == d.c.article_id, qt.c.id == d.c.item_id))
            .where(where)
            .order_by(rank, d.c.article_id, d.c.kind, d.c.item_id)
            .limit(limit).offset(offset))
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(base.subquery()), {"q": expr}).scalar_one()
        rows = conn.execute(page, {"q": expr}).mappings().all()
    items = []
    for r in rows:
        body = r["quote_text"] if r["kind"] == "quote" else r["text"]
        items.append({
            "kind": r["kind"], "article_id": r["article_id"], "item_id": r["item_id"] or None,
            "title": r["title"], "published": r["published"],
            "speaker": (r["speaker_name"] or r["speaker_text"]) if r["kind"] == "quote" else None,
            "snippet": fts.snippet(body or "", parsed),
        })
    return {"total": int(total), "limit": limit, "offset": offset, "items": items}


__all__ = [
    "entity_names", "get_article", "list_articles", "list_entities", "list_events", "list_failures",
    "list_figures", "list_quotes", "list_timexes", "search", "stats",
]
