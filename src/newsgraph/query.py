"""The read side of the store, shared by the CLI, the HTTP API and the pages.

Every function takes a store (``newsgraph.store.open_store(...)``) and returns plain JSON
data; the shapes are documented in ``docs/json-shapes.md``. Lists return a *page*::

    {"total": 12, "total_exact": true, "more": false, "next": null,
     "limit": 50, "offset": 0, "items": [...]}

``total`` is counted up to COUNT_CAP matches, never further (a count over a big filtered
list would read all of it): past the cap it is COUNT_CAP and ``total_exact`` is false.
``more`` says whether items follow this page. The long lists (articles, entities, quotes,
events) also page by key: ``next`` is an opaque cursor for the page after this one, to be
passed back as ``after`` (it reads the index from where this page ended, where a deep
``offset`` still steps over every row before it).

Every list has a total ORDER BY (ties broken by ids), so SQLite and PostgreSQL give the same
pages; search is ordered by rank, then ids (ranks differ between the databases, the set of
matches does not). Name filters are case-insensitive substrings (Python ``casefold``).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import (
    Select,
    and_,
    bindparam,
    column,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.engine import Connection, RowMapping

from newsgraph.store import search as fts
from newsgraph.store import tables as t
from newsgraph.store.base import Store

Page = dict[str, Any]
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
#: totals are counted up to this many matches (``total_exact`` false beyond)
COUNT_CAP = 10_000
#: search ranks the newest this many matches (by document id, i.e. the latest stored)
SEARCH_CANDIDATES = 2_000
#: a name filter goes through the name-key dictionary when it matches at most this many keys
NAME_KEYS_CAP = 2_000
#: past this many matches a name-filtered list reads its page in order (see ``name_filter``)
COMMON_NAME = 2_000

#: a sort column of a keyset-paged list: (column, descending with nulls last?, row key)
Order = Sequence[tuple[Any, bool, str]]


def _bounds(limit: int | None, offset: int | None) -> tuple[int, int]:
    limit = DEFAULT_LIMIT if limit is None else max(0, min(int(limit), MAX_LIMIT))
    return limit, max(0, int(offset or 0))


def _like(value: str) -> str:
    escaped = value.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def count_capped(conn: Connection, query: Select[Any], params: dict[str, Any] | None = None) -> tuple[int, bool]:
    """How many rows ``query`` gives, counting at most COUNT_CAP: (total, exact)."""
    capped = query.with_only_columns(literal_column("1"), maintain_column_froms=True).order_by(None) \
        .limit(COUNT_CAP + 1).subquery()  # no columns to read: an index can answer
    n = int(conn.execute(select(func.count()).select_from(capped), params or {}).scalar_one())
    return min(n, COUNT_CAP), n <= COUNT_CAP


def encode_cursor(values: Sequence[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(values)).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, n: int) -> list[Any]:
    """The sort key an ``after`` cursor carries; ValueError when it is not one of ours."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error) as exc:
        raise ValueError("after: not a cursor this API gave") from exc
    if not isinstance(values, list) or len(values) != n or \
            not all(v is None or (isinstance(v, str | int | float) and not isinstance(v, bool)) for v in values):
        raise ValueError("after: not a cursor this API gave")
    return values


def after_key(order: Order, values: Sequence[Any]) -> Any:
    """Rows that sort after ``values`` in ``order`` (descending columns put NULL last;
    ascending ones are never NULL)."""
    conds: list[Any] = []
    same: list[Any] = []
    for (col, desc, _key), v in zip(order, values, strict=True):
        if desc:
            later = or_(col < v, col.is_(None)) if v is not None else false()
            equal = col == v if v is not None else col.is_(None)
        else:
            later, equal = col > v, col == v
        conds.append(and_(*same, later))
        same.append(equal)
    return or_(*conds)


def order_by(order: Order) -> list[Any]:
    return [col.desc().nulls_last() if desc else col for col, desc, _key in order]


def _page(store: Store, query: Select[Any], limit: int | None, offset: int | None,
          shape: Callable[[RowMapping], Any], order: Order | None = None, after: str | None = None,
          common: Select[Any] | None = None, count: Select[Any] | None = None) -> Page:
    """A page of ``query``. ``common``: the same rows selected without the name keys'
    index, read instead when the filter matches more than COMMON_NAME rows. ``count``: a
    query with as many rows, cheaper to count (without the join to ``articles``, which a
    facet row always has)."""
    limit, offset = _bounds(limit, offset)
    with store.engine.connect() as conn:
        total, exact = count_capped(conn, query if count is None else count)
        if common is not None and total > COMMON_NAME:
            query = common
        if order is not None:
            query = query.order_by(None).order_by(*order_by(order))
        if order is not None and after:
            query = query.where(after_key(order, decode_cursor(after, len(order))))
        rows = conn.execute(query.limit(limit + 1).offset(offset)).mappings().all()
    more = len(rows) > limit
    rows = rows[:limit]
    page: Page = {"total": total, "total_exact": exact, "more": more, "limit": limit, "offset": offset,
                  "items": [shape(r) for r in rows]}
    if order is not None:
        page["next"] = encode_cursor([rows[-1][key] for _c, _d, key in order]) if more and rows else None
    return page


def empty_page(limit: int, offset: int) -> Page:
    return {"total": 0, "total_exact": True, "more": False, "limit": limit, "offset": offset, "items": []}


_WILD = re.compile(r"[%_\\]")


def name_filter(store: Store, col: Any, value: str) -> tuple[Any, Any]:
    """``col`` (a ``*_key`` column) contains ``value``, case-insensitively: (the condition,
    the same condition for reading many rows in another index's order). On SQLite the
    dictionary of distinct name keys (migration 0005; a trigram index serves values of
    three characters or more) first picks the keys that can match, so the filter reads only
    their rows through the key's index; when more than NAME_KEYS_CAP keys match, the plain
    substring filter stays. PostgreSQL serves the plain filter from a pg_trgm index."""
    like = col.like(_like(value), escape="\\")
    key = value.casefold()
    if store.dialect != "sqlite" or _WILD.search(key):
        return like, like
    pick = ("SELECT key FROM name_keys WHERE id IN (SELECT rowid FROM name_keys_fts WHERE key LIKE :pat)"
            if len(key) >= 3 else "SELECT key FROM name_keys WHERE key LIKE :pat")
    try:
        with store.engine.connect() as conn:
            keys = conn.execute(text(pick + " LIMIT :cap"), {"pat": f"%{key}%", "cap": NAME_KEYS_CAP + 1}).scalars().all()
    except Exception:  # a store from before migration 0005
        return like, like
    if len(keys) > NAME_KEYS_CAP:
        return like, like
    return (and_(col.in_(sorted(keys)), like) if keys else false()), like


def _json(value: str | None) -> Any:
    return json.loads(value) if value else []


# -- counts ------------------------------------------------------------------------------

_COUNTED = {
    "articles": t.articles, "sources": t.article_sources, "failures": t.failures,
    "entities": t.entities, "mentions": t.mentions, "quotes": t.quotes, "figures": t.figures,
    "timexes": t.timexes, "events": t.events, "checks": t.checks,
}


def stats(store: Store) -> dict[str, int]:
    """How many articles, sources, failures, entities, mentions, quotes, figures, timexes,
    events and checks the store holds (exact: each a count of a whole table)."""
    with store.engine.connect() as conn:
        return {name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
                for name, table in _COUNTED.items()}


def stats_capped(store: Store) -> tuple[dict[str, int], dict[str, bool]]:
    """:func:`stats` for a page: the articles counted exactly, every other table up to
    COUNT_CAP rows (and whether that count is exact)."""
    counts, exact = {}, {}
    with store.engine.connect() as conn:
        for name, table in _COUNTED.items():
            if name == "articles":
                counts[name], exact[name] = int(conn.execute(select(func.count()).select_from(table))
                                                .scalar_one()), True
            else:
                counts[name], exact[name] = count_capped(conn, select(table))
    return counts, exact


def newest_articles(n: int) -> Select[Any]:
    """The ids of the ``n`` newest articles (the order of :func:`list_articles`): what the
    views that have no index of their own look at on a big store."""
    return select(t.articles.c.id).order_by(*order_by(ARTICLE_ORDER)).limit(n)


# -- articles ----------------------------------------------------------------------------

def _article(r: RowMapping) -> dict[str, Any]:
    return {
        "id": r["id"], "title": r["title"], "published": r["published"],
        "published_basis": r["published_basis"], "language": r["language"], "outlet": r["outlet"],
        "uri": r["uri"], "entities": r["n_entities"], "quotes": r["n_quotes"],
        "figures": r["n_figures"], "events": r["n_events"],
    }


ARTICLE_ORDER: Order = ((t.articles.c.published, True, "published"), (t.articles.c.id, False, "id"))


def list_articles(store: Store, *, language: str | None = None, since: str | None = None,
                  until: str | None = None, outlet: str | None = None,
                  limit: int | None = None, offset: int | None = None, after: str | None = None) -> Page:
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
    return _page(store, q, limit, offset, _article, ARTICLE_ORDER, after)


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


ENTITY_ORDER: Order = tuple((getattr(t.entities.c, k), False, k) for k in ("name_key", "name", "type", "article_id", "id"))


def list_entities(store: Store, *, name: str | None = None, type: str | None = None,
                  article: str | None = None, limit: int | None = None,
                  offset: int | None = None, after: str | None = None) -> Page:
    """Entities of every article, by name, type, article and id."""
    e = t.entities
    q = common = select(e)
    if type:
        q = common = q.where(e.c.type == type.upper())
    if article:
        q = common = q.where(e.c.article_id == article)
    if name:
        by_key, by_scan = name_filter(store, e.c.name_key, name)
        q, common = q.where(by_key), common.where(by_scan)
    return _page(store, q, limit, offset, _entity, ENTITY_ORDER, after, common if name else None)


def entity_names(store: Store, *, name: str | None = None, type: str | None = None,
                 limit: int | None = None, offset: int | None = None, newest: int | None = None) -> Page:
    """Entities grouped by canonical name and type across articles: how many articles name
    each and how many mentions they have, most widely named first, then by name. (Names
    only: merging different names of one entity is the cross-article picture's work.)
    ``newest``: only the entities of the newest this many articles."""
    e = t.entities
    n_articles = func.count(func.distinct(e.c.article_id)).label("articles")
    q = select(e.c.name, e.c.type, n_articles, func.sum(e.c.n_mentions).label("mentions"))
    if name:
        q = q.where(name_filter(store, e.c.name_key, name)[0])
    if type:
        q = q.where(e.c.type == type.upper())
    if newest is not None:
        q = q.where(e.c.article_id.in_(newest_articles(newest)))
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


QUOTE_ORDER: Order = ((t.articles.c.published, True, "published"), (t.quotes.c.article_id, False, "article_id"),
                      (t.quotes.c.start, False, "start"), (t.quotes.c.id, False, "id"))


def list_quotes(store: Store, *, speaker: str | None = None, kind: str | None = None,
                article: str | None = None, limit: int | None = None,
                offset: int | None = None, after: str | None = None) -> Page:
    """Quotes, newest article first, then in text order. ``speaker`` matches the speaker's
    canonical name or the words naming them in the text."""
    qt = t.quotes
    conds: list[Any] = []
    if kind:
        conds.append(qt.c.kind == kind)
    if article:
        conds.append(qt.c.article_id == article)
    by_key: Any = None
    by_scan: Any = None
    if speaker:
        by_key, by_scan = name_filter(store, qt.c.speaker_key, speaker)
    keyed = conds + ([by_key] if speaker else [])
    q = _with_article(qt).where(*keyed)
    common = _with_article(qt).where(*conds, by_scan) if speaker else None
    return _page(store, q, limit, offset, _quote, QUOTE_ORDER, after, common, select(qt).where(*keyed))


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


EVENT_ORDER: Order = ((t.events.c.date, True, "date"), (t.events.c.article_id, False, "article_id"),
                      (t.events.c.start, False, "start"), (t.events.c.id, False, "id"))


def list_events(store: Store, *, type: str | None = None, since: str | None = None,
                until: str | None = None, article: str | None = None,
                limit: int | None = None, offset: int | None = None, after: str | None = None) -> Page:
    """Events by date (the day the text dates the event, else the article's publication
    date: ``date_basis`` says which), newest first, undated last. ``since``/``until`` are
    ISO dates on that date."""
    q = filter_events(_with_article(t.events), type=type, since=since, until=until, article=article)
    count = filter_events(select(t.events), type=type, since=since, until=until, article=article)
    return _page(store, q, limit, offset, _event, EVENT_ORDER, after, count=count)


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
    return q.order_by(*order_by(EVENT_ORDER))


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
    ``newsgraph.store.search``); one that keeps no word finds nothing. The newest
    SEARCH_CANDIDATES matches (by document id: the latest stored) are ranked, so a common
    word costs no more than a rare one; ``total`` counts up to COUNT_CAP matches."""
    limit, offset = _bounds(limit, offset)
    parsed = fts.parse(query)
    if parsed.empty:
        return {**empty_page(limit, offset), "ranked": 0}
    d, a, qt = t.search_docs, t.articles, t.quotes
    q: Any = bindparam("q")
    if store.dialect == "sqlite":
        fts_table = table("search_fts", column("rowid"))
        match: Any = literal_column("search_fts").op("MATCH")(q)
        rank: Any = func.bm25(literal_column("search_fts"))
        doc_id: Any = fts_table.c.rowid
        expr = fts.to_fts5(parsed)
        source: Any = fts_table.join(d, d.c.id == doc_id) if kind else fts_table
        matches = select(doc_id.label("doc"), rank.label("rank")).select_from(source).where(match)
        if kind:
            matches = matches.where(d.c.kind == kind)
    else:
        tsquery = func.to_tsquery(literal_column("'simple'"), q)
        tsv: Any = literal_column("search_docs.tsv")
        doc_id = d.c.id
        expr = fts.to_tsquery(parsed)
        matches = select(doc_id.label("doc"), (-func.ts_rank(tsv, tsquery)).label("rank")).where(tsv.op("@@")(tsquery))
        if kind:
            matches = matches.where(d.c.kind == kind)
    found = matches.order_by(doc_id.desc()).limit(SEARCH_CANDIDATES).subquery()
    # rank the candidates on their own small columns, then read texts for the page only
    ranked = (select(found.c.rank, d.c.article_id, d.c.kind, d.c.item_id)
              .select_from(found).join(d, d.c.id == found.c.doc)
              .order_by(found.c.rank, d.c.article_id, d.c.kind, d.c.item_id)
              .limit(limit + 1).offset(offset).subquery())
    page = (select(ranked.c.article_id, ranked.c.kind, ranked.c.item_id, a.c.title, a.c.published, a.c.text,
                   qt.c.text.label("quote_text"), qt.c.speaker_name, qt.c.speaker_text)
            .select_from(ranked).join(a, a.c.id == ranked.c.article_id)
            .outerjoin(qt, and_(qt.c.article_id == ranked.c.article_id, qt.c.id == ranked.c.item_id))
            .order_by(ranked.c.rank, ranked.c.article_id, ranked.c.kind, ranked.c.item_id))
    with store.engine.connect() as conn:
        total, exact = count_capped(conn, matches.with_only_columns(doc_id), {"q": expr})
        rows = conn.execute(page, {"q": expr}).mappings().all()
    items = []
    for r in rows[:limit]:
        body = r["quote_text"] if r["kind"] == "quote" else r["text"]
        items.append({
            "kind": r["kind"], "article_id": r["article_id"], "item_id": r["item_id"] or None,
            "title": r["title"], "published": r["published"],
            "speaker": (r["speaker_name"] or r["speaker_text"]) if r["kind"] == "quote" else None,
            "snippet": fts.snippet(body or "", parsed),
        })
    return {"total": total, "total_exact": exact, "more": len(rows) > limit,
            "ranked": min(total, SEARCH_CANDIDATES), "limit": limit, "offset": offset, "items": items}


__all__ = [
    "entity_names", "get_article", "list_articles", "list_entities", "list_events", "list_failures",
    "list_figures", "list_quotes", "list_timexes", "search", "stats",
]
