"""Read-side views the pages need beyond :mod:`newsgraph.query`: claim series with their
contradictions, stories, the actor graph, places, one entity's profile and the home page.

Every function takes a store and returns plain JSON data (pages are
``{"total", "limit", "offset", "items"}`` like :mod:`newsgraph.query`). They read the store's
tables through SQLAlchemy only, so SQLite and PostgreSQL give the same answers.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import and_, func, literal, literal_column, or_, select
from sqlalchemy.engine import RowMapping

from newsgraph import query
from newsgraph.store import tables as t
from newsgraph.store.base import Store

Page = dict[str, Any]

#: modalities that state a value as fact (a prediction or a denial contradicts nothing)
FACTUAL = ("asserted", "reported", "estimated")
#: how far "about N" reaches either side of N
ABOUT = 0.1
SERIES_POINTS = 200
#: without the picture, claims and stories are computed over the newest this many articles
FALLBACK_ARTICLES = 1_000
#: the actor graph reads its names with about this many parameters per statement
NAMES_BATCH = 800


def _bounds(limit: int | None, offset: int | None, default: int = 50) -> tuple[int, int]:
    limit = default if limit is None else max(0, min(int(limit), query.MAX_LIMIT))
    return limit, max(0, int(offset or 0))


def _page(items: list[Any], total: int, limit: int, offset: int) -> Page:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


# -- the cross-article picture, when the store keeps it -------------------------------------

def _picture(store: Store, table: str) -> Any | None:
    """``newsgraph.picture.query`` when it is installed and its ``table`` holds rows (the
    picture's write hook fills it on ingest), else None: the views below then compute a
    simpler picture from the facet tables."""
    try:
        from newsgraph.picture import query as picture_query
        pic_table = getattr(t, table)
    except (ImportError, AttributeError):
        return None
    try:
        with store.engine.connect() as conn:
            if conn.execute(select(literal(1)).select_from(pic_table).limit(1)).first() is None:
                return None
    except Exception:  # the table is not migrated in this store
        return None
    return picture_query


def _warn(what: str, exc: Exception) -> None:
    import sys

    print(f"warning: the picture's {what} failed ({type(exc).__name__}: {exc}); showing the simple view",
          file=sys.stderr)


def _picture_point(p: dict[str, Any]) -> dict[str, Any]:
    """The page's fields added to a picture point, in place (the page owns its dicts: a
    contradiction's ``a``/``b`` are the same points)."""
    refers = p.get("refers_to")
    p["key"] = f"{p['article_id']}/{p['item_id']}"
    p["id"] = p.get("item_id")
    p["day"] = p.get("claimed_on") or ((refers or "")[:10] if _is_day(refers) else None)
    p["outlet"] = p.get("agency")
    p["published"] = p.get("claimed_on")
    return p


def _picture_claims(page: Page) -> Page:
    items = []
    for s in page["items"]:
        points = [_picture_point(p) for p in s["points"]]
        found = [{"day": c["a"].get("claimed_on"), "a": c["a"]["key"], "b": c["b"]["key"], "a_text": c["a"]["text"],
                  "b_text": c["b"]["text"], "a_article": c["a"]["article_id"], "b_article": c["b"]["article_id"],
                  "kind": c.get("kind"), "note": c.get("note")} for c in s["contradictions"]]
        items.append({**s, "aspect": (points[0].get("aspect") if points else None) or "total",
                      "figures": len(points), "articles": len({p["article_id"] for p in points}),
                      "points": points, "contradictions": found})
    return {**page, "items": items}


# -- claims: figures as series over time ---------------------------------------------------

def interval(point: dict[str, Any]) -> tuple[float, float] | None:
    """The values a figure allows, from its value, bounds and qualifier."""
    q, v, lo, hi = point.get("qualifier"), point.get("value"), point.get("low"), point.get("high")
    if q == "range" or (v is None and lo is not None and hi is not None):
        if lo is None or hi is None:
            return None
        return (min(lo, hi), max(lo, hi))
    if v is None:
        return None
    if q in ("at_least", "over"):
        return (v, math.inf)
    if q in ("at_most", "under"):
        return (-math.inf, v)
    if q == "about":
        d = abs(v) * ABOUT
        return (v - d, v + d)
    return (v, v)


def _who(p: dict[str, Any]) -> str:
    return str(p.get("source_text") or p.get("source") or p.get("outlet") or p["article_id"]).casefold()


def contradictions(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pairs of points of one series, dated the same day, stated as fact by different
    sources, whose allowed values do not overlap."""
    by_day: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in points:
        if p["modality"] in FACTUAL and p["day"]:
            by_day[p["day"]].append(p)
    found = []
    for day, group in sorted(by_day.items()):
        known = [(p, interval(p), _who(p)) for p in group]  # once per point, not per pair
        for i, (a, ia, who_a) in enumerate(known):
            if ia is None:
                continue
            for b, ib, who_b in known[i + 1:]:
                if ib is None or who_a == who_b:
                    continue
                if ia[1] < ib[0] or ib[1] < ia[0]:
                    found.append({"day": day, "a": a["key"], "b": b["key"],
                                  "a_text": a["text"], "b_text": b["text"],
                                  "a_article": a["article_id"], "b_article": b["article_id"]})
    return found


def _series_key(measure: str | None, unit: str | None, aspect: str | None) -> str:
    return json.dumps([measure or "", unit or "", aspect or ""], ensure_ascii=False)


def claims(store: Store, *, measure: str | None = None, unit: str | None = None,
           article: str | None = None, limit: int | None = None, offset: int | None = None,
           points: int = SERIES_POINTS) -> Page:
    """Figure series, most reported first; each with its points (one per figure: ``key``,
    value, bounds, ``day``, source) and the contradictions between them (``a``/``b`` are
    point keys). The cross-article picture's series (measure classes, independence of
    sources) when the store keeps them; else series of the same measure, unit and aspect."""
    limit, offset = _bounds(limit, offset, 20)
    picture = None if (unit or article) else _picture(store, "pic_series")
    if picture is not None:
        try:
            return _picture_claims(picture.list_claims(store, measure=measure, limit=limit, offset=offset,
                                                        points=points))
        except Exception as exc:  # the picture is another module's: never lose the page to it
            _warn("claims", exc)
    f, a = t.figures, t.articles
    # the facet tables have no index for series: read the figures of the newest articles
    # once (FALLBACK_ARTICLES of them) and group them here
    q = (select(f, a.c.published, a.c.title.label("article_title"), a.c.outlet).join(a, a.c.id == f.c.article_id)
         .where(f.c.article_id.in_(query.newest_articles(FALLBACK_ARTICLES)), f.c.measure_key.is_not(None)))
    if measure:
        q = q.where(f.c.measure_key.like(query._like(measure), escape="\\"))
    if unit:
        q = q.where(f.c.unit == unit)
    with store.engine.connect() as conn:
        if article:
            q = q.where(f.c.measure_key.in_(
                sorted(set(conn.execute(select(f.c.measure_key).where(f.c.article_id == article)).scalars()) - {None})))
        rows = conn.execute(q).mappings().all()
    series: dict[tuple[str, str | None, str], list[RowMapping]] = defaultdict(list)
    for r in rows:
        series[(r["measure_key"], r["unit"], r["aspect"])].append(r)

    def nulls_first(v: str | None) -> tuple[int, str]:
        return (0, "") if v is None else (1, v)

    order = sorted(series, key=lambda k: (-len(series[k]), k[0], nulls_first(k[1]), k[2]))
    items = []
    for k in order[offset:offset + limit]:
        chosen = _newest_first(series[k])[:points]
        pts = []
        for r in chosen:
            day = (r["time"] or "")[:10] if _is_day(r["time"]) else r["published"]
            pts.append({
                "key": f"{r['article_id']}/{r['id']}", "article_id": r["article_id"], "id": r["id"],
                "text": r["text"], "value": r["value"], "low": r["low"], "high": r["high"],
                "qualifier": r["qualifier"], "modality": r["modality"], "time": r["time"],
                "day": str(day) if day else None, "source": r["source"], "source_text": r["source_text"],
                "outlet": r["outlet"], "article_title": r["article_title"],
                "published": str(r["published"]) if r["published"] else None,
            })
        pts.reverse()  # oldest first, for drawing
        items.append({
            "key": _series_key(*k), "measure": min(r["measure"] for r in series[k]), "unit": k[1], "aspect": k[2],
            "figures": len(series[k]), "articles": len({r["article_id"] for r in series[k]}),
            "points": pts, "contradictions": contradictions(pts),
        })
    return _page(items, len(order), limit, offset)


def _newest_first(rows: list[RowMapping]) -> list[RowMapping]:
    """Figure rows newest article first (undated last), then by article and position."""
    dated = sorted((r for r in rows if r["published"] is not None), key=lambda r: (r["article_id"], r["start"]))
    dated.sort(key=lambda r: r["published"], reverse=True)
    undated = sorted((r for r in rows if r["published"] is None), key=lambda r: (r["article_id"], r["start"]))
    return dated + undated


def _is_day(value: str | None) -> bool:
    return bool(value) and len(value or "") >= 10 and (value or "")[4] == "-" and (value or "")[7] == "-"


# -- stories --------------------------------------------------------------------------------

STORY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "EVENT", "FAC", "NORP")


def stories(store: Store, *, name: str | None = None, type: str | None = None,
            limit: int | None = None, offset: int | None = None, articles: int = 5) -> Page:
    """Stories: the cross-article picture's clusters when the store keeps them (``id``,
    ``name`` = its label, ``first_seen``, ``last_seen``); else the names most articles share
    (a person, a body, a place). Each with ``articles`` (how many) and ``latest``."""
    limit, offset = _bounds(limit, offset, 20)
    picture = None if (name or type) else _picture(store, "pic_stories")
    if picture is not None:
        try:
            page = picture.list_stories(store, limit=limit, offset=offset, articles=articles)
            return {**page, "items": [{
                **s, "name": s.get("label"), "type": None, "articles": s.get("n_articles"),
                "latest": [{"id": x["id"], "title": x.get("title"), "published": x.get("published")}
                           for x in reversed(s.get("articles") or [])][:articles],
            } for s in page["items"]]}
        except Exception as exc:
            _warn("stories", exc)
    names = query.entity_names(store, name=name, type=type, limit=limit, offset=offset, newest=FALLBACK_ARTICLES)
    e, a = t.entities, t.articles
    wanted = {(g["name"], g["type"]) for g in names["items"]}
    latest: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    if wanted:
        with store.engine.connect() as conn:
            # the newest articles in order, then which of the page's names each one has
            recent = conn.execute(select(a.c.id, a.c.title, a.c.published).order_by(
                *query.order_by(query.ARTICLE_ORDER)).limit(FALLBACK_ARTICLES)).all()
            named = conn.execute(select(e.c.article_id, e.c.name, e.c.type).where(
                e.c.article_id.in_(query.newest_articles(FALLBACK_ARTICLES)),
                e.c.name.in_(sorted({n for n, _ in wanted})))).all()
        has: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for r in named:
            has[r.article_id].add((r.name, r.type))
        for r in recent:
            for key in has.get(r.id, set()) & wanted:
                if len(latest[key]) < articles:
                    latest[key].append({"id": r.id, "title": r.title,
                                        "published": str(r.published) if r.published else None})
    items = [{**g, "latest": latest[(g["name"], g["type"])]} for g in names["items"]]
    return _page(items, names["total"], limit, offset)


# -- actor graph ------------------------------------------------------------------------------

def _names(conn: Any, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
    """Names of (article, entity) pairs: for each entity id, the articles that name it
    (``id = ? AND article_id IN (...)``, ORed: each term is a range of the primary key, so
    only the wanted rows are read, not every entity of the articles)."""
    e = t.entities
    by_id: dict[str, list[str]] = defaultdict(list)
    for article_id, entity_id in sorted(pairs):
        by_id[entity_id].append(article_id)
    out: dict[tuple[str, str], tuple[str, str]] = {}
    terms, size = [], 0
    for n, (entity_id, articles) in enumerate(sorted(by_id.items())):
        terms.append(and_(e.c.id == entity_id, e.c.article_id.in_(articles)))
        size += len(articles) + 1
        if size >= NAMES_BATCH or n == len(by_id) - 1:
            for r in conn.execute(select(e.c.article_id, e.c.id, e.c.name, e.c.type).where(or_(*terms))).all():
                out[(r[0], r[1])] = (r[2], r[3])
            terms, size = [], 0
    return out


def graph(store: Store, *, type: str | None = None, since: str | None = None,
          until: str | None = None, article: str | None = None, limit: int | None = None,
          offset: int | None = None) -> dict[str, Any]:
    """Who acts on whom: nodes (named actors and targets) and edges (actor -> target, counted
    by event type) over the newest ``limit`` events that have both."""
    limit, offset = _bounds(limit, offset, 500)
    ev = t.events
    q = query.filter_events(
        # literals, as in the partial index ix_events_acting (0005), so the planner can use it
        select(ev.c.article_id, ev.c.id, ev.c.type, ev.c.actors, ev.c.targets).where(
            ev.c.actors != literal_column("'[]'"), ev.c.targets != literal_column("'[]'")),
        type=type, since=since, until=until, article=article)
    with store.engine.connect() as conn:
        total, exact = query.count_capped(conn, q)
        rows = conn.execute(q.limit(limit).offset(offset)).all()
        # one decode for the page's participants, not two per event
        decoded = json.loads("[" + ",".join(f"[{r.actors},{r.targets}]" for r in rows) + "]")
        parsed = [(r, acts, tgts) for r, (acts, tgts) in zip(rows, decoded, strict=True)]
        wanted = {(r.article_id, p["entity"]) for r, acts, tgts in parsed for p in acts + tgts if p.get("entity")}
        names = _names(conn, wanted)

    def node(article_id: str, p: dict[str, Any]) -> tuple[str, str]:
        found = names.get((article_id, p["entity"])) if p.get("entity") else None
        return found if found is not None else (p["text"], "OTHER")

    nodes: Counter[tuple[str, str]] = Counter()
    edges: Counter[tuple[tuple[str, str], tuple[str, str], str]] = Counter()
    for r, acts, tgts in parsed:
        ys = [node(r.article_id, tgt) for tgt in tgts]
        for act in acts:
            x = node(r.article_id, act)
            for y in ys:
                if x == y:
                    continue
                nodes[x] += 1
                nodes[y] += 1
                edges[(x, y, r.type)] += 1
    ids = {n: f"n{i}" for i, (n, _) in enumerate(nodes.most_common())}
    return {
        "total": total, "total_exact": exact, "limit": limit, "offset": offset,
        "nodes": [{"id": ids[n], "name": n[0], "type": n[1], "events": c} for n, c in nodes.most_common()],
        "edges": [{"source": ids[x], "target": ids[y], "source_name": x[0], "target_name": y[0],
                   "type": ty, "events": c}
                  for (x, y, ty), c in sorted(edges.items(), key=lambda kv: (-kv[1], ids[kv[0][0]], ids[kv[0][1]], kv[0][2]))],
    }


# -- places -----------------------------------------------------------------------------------

def places(store: Store, *, name: str | None = None, article: str | None = None,
           country: str | None = None, limit: int | None = None, offset: int | None = None) -> Page:
    """Places with coordinates, grouped by name and position, most widely named first."""
    limit, offset = _bounds(limit, offset, 500)
    e = t.entities
    n_articles = func.count(func.distinct(e.c.article_id)).label("articles")
    q = (select(e.c.name, e.c.type, e.c.lat, e.c.lon, e.c.country, n_articles,
                func.sum(e.c.n_mentions).label("mentions"))
         .where(e.c.lat.is_not(None), e.c.lon.is_not(None)))
    if article:
        q = q.where(e.c.article_id == article)
    if country:
        q = q.where(e.c.country == country.upper())
    if name:
        q = q.where(query.name_filter(store, e.c.name_key, name)[0])
    q = q.group_by(e.c.name, e.c.type, e.c.lat, e.c.lon, e.c.country)
    with store.engine.connect() as conn:
        # the number of groups comes with the page (a window over the groups): one pass
        rows = conn.execute(q.add_columns(func.count().over().label("groups"))
                            .order_by(n_articles.desc(), e.c.name, e.c.lat, e.c.lon)
                            .limit(limit).offset(offset)).mappings().all()
        total = rows[0]["groups"] if rows else \
            conn.execute(select(func.count()).select_from(q.subquery())).scalar_one()
    items = [{"name": r["name"], "type": r["type"], "lat": r["lat"], "lon": r["lon"],
              "country": r["country"], "articles": int(r["articles"]), "mentions": int(r["mentions"] or 0)}
             for r in rows]
    return _page(items, int(total), limit, offset)


# -- one entity -------------------------------------------------------------------------------

def entity(store: Store, name: str, *, type: str | None = None, limit: int | None = None,
           offset: int | None = None) -> dict[str, Any] | None:
    """One name across articles: its roles (dated by the article), its quotes, and the
    events it takes part in as actor or target. Paging applies to the articles."""
    limit, offset = _bounds(limit, offset, 50)
    e, a, ev = t.entities, t.articles, t.events
    q = (select(e.c.article_id, e.c.id, e.c.name, e.c.type, e.c.roles, e.c.aliases, e.c.n_mentions,
                e.c.lat, e.c.lon, e.c.country, a.c.title, a.c.published)
         .join(a, a.c.id == e.c.article_id).where(e.c.name_key == name.casefold()))
    if type:
        q = q.where(e.c.type == type.upper())
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(q.subquery())).scalar_one()
        if not total:
            return None
        rows = conn.execute(q.order_by(a.c.published.desc().nulls_last(), e.c.article_id, e.c.id)
                            .limit(limit).offset(offset)).mappings().all()
        ids = {(r["article_id"], r["id"]) for r in rows}
        evrows = conn.execute(
            select(ev, a.c.title.label("article_title"))
            .join(a, a.c.id == ev.c.article_id)
            .where(ev.c.article_id.in_(sorted({r["article_id"] for r in rows})))
            .order_by(ev.c.date.desc().nulls_last(), ev.c.article_id, ev.c.start)).mappings().all()
    roles, articles, aliases = [], [], set()
    types: Counter[str] = Counter()
    for r in rows:
        types[r["type"]] += 1
        aliases.update(json.loads(r["aliases"] or "[]"))
        published = str(r["published"]) if r["published"] else None
        articles.append({"id": r["article_id"], "title": r["title"], "published": published,
                         "mentions": r["n_mentions"]})
        for role in json.loads(r["roles"] or "[]"):
            roles.append({**role, "article_id": r["article_id"], "published": published})
    as_actor, as_target = [], []
    for r in evrows:
        ev_item = query._event(r)
        if any((r["article_id"], p.get("entity")) in ids for p in ev_item["actors"]):
            as_actor.append(ev_item)
        if any((r["article_id"], p.get("entity")) in ids for p in ev_item["targets"]):
            as_target.append(ev_item)
    first = rows[0]
    quotes = _quotes_of(store, first["name"])
    geo = {"lat": first["lat"], "lon": first["lon"], "country": first["country"]} if first["lat"] is not None else None
    return {
        "name": first["name"], "type": types.most_common(1)[0][0], "aliases": sorted(aliases),
        "geo": geo, "total": int(total), "limit": limit, "offset": offset, "articles": articles,
        "roles": roles, "quotes": quotes, "as_actor": as_actor, "as_target": as_target,
    }


def _quotes_of(store: Store, name: str, limit: int = 50) -> Page:
    """Quotes whose speaker's canonical name is ``name`` (any case): a range on the indexed
    speaker key, where a substring filter would read every quote."""
    qt, a = t.quotes, t.articles
    key = name.casefold()  # speaker keys are "<canonical name> | <words in the text>", folded
    q = (select(qt, a.c.title.label("article_title"), a.c.published).join(a, a.c.id == qt.c.article_id)
         .where(qt.c.speaker_key >= key, qt.c.speaker_key < key + "\uffff",  # the index's range
                or_(qt.c.speaker_key == key, qt.c.speaker_key.like(query._like(key + " | ")[1:], escape="\\")))
         .order_by(a.c.published.desc().nulls_last(), qt.c.article_id, qt.c.start, qt.c.id))
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(q.order_by(None).subquery())).scalar_one()
        rows = conn.execute(q.limit(limit)).mappings().all()
    return _page([query._quote(r) for r in rows], int(total), limit, 0)


# -- home -------------------------------------------------------------------------------------

def _newest_contradictions(store: Store, limit: int) -> list[dict[str, Any]] | None:
    """The picture's contradictions whose later point's article is newest (read from the
    newest articles down, so only as many rows as the page shows), or None without a picture."""
    if _picture(store, "pic_contradictions") is None:
        return None
    c, s, a = t.pic_contradictions, t.pic_series, t.articles
    pa, pb = t.pic_points.alias("pa"), t.pic_points.alias("pb")
    newest = (select(a.c.id).where(select(c.c.b_article).where(c.c.b_article == a.c.id).exists())
              .order_by(*query.order_by(query.ARTICLE_ORDER)).limit(limit))
    with store.engine.connect() as conn:
        ids = list(conn.execute(newest).scalars())
        rows = conn.execute(
            select(c.c.series, c.c.kind, c.c.note, c.c.a_article, c.c.a_item, c.c.b_article, c.c.b_item,
                   pa.c.text.label("a_text"), pb.c.text.label("b_text"), pb.c.claimed_on, s.c.measure, s.c.unit)
            .select_from(c)
            .join(pa, and_(pa.c.article_id == c.c.a_article, pa.c.item_id == c.c.a_item))
            .join(pb, and_(pb.c.article_id == c.c.b_article, pb.c.item_id == c.c.b_item))
            .join(s, s.c.key == c.c.series)
            .where(c.c.b_article.in_(ids))).mappings().all()
    rank = {aid: i for i, aid in enumerate(ids)}
    rows = sorted(rows, key=lambda r: (rank[r["b_article"]], r["series"], r["a_article"], r["a_item"], r["b_item"]))
    return [{"day": r["claimed_on"], "a": f"{r['a_article']}/{r['a_item']}", "b": f"{r['b_article']}/{r['b_item']}",
             "a_text": r["a_text"], "b_text": r["b_text"], "a_article": r["a_article"], "b_article": r["b_article"],
             "kind": r["kind"], "note": r["note"], "measure": r["measure"], "unit": r["unit"], "series": r["series"]}
            for r in rows]


def home(store: Store, *, limit: int = 10) -> dict[str, Any]:
    """The front page: latest articles, biggest stories, newest contradictions, counts (the
    articles exact, other tables up to ``query.COUNT_CAP``: ``stats_exact`` says which)."""
    try:
        found = _newest_contradictions(store, limit)
    except Exception as exc:  # the picture is another module's: never lose the page to it
        _warn("contradictions", exc)
        found = None
    if found is None:
        found = []
        for s in claims(store, limit=30, points=60)["items"]:
            for c in s["contradictions"]:
                found.append({**c, "measure": s["measure"], "unit": s["unit"], "series": s["key"]})
        found.sort(key=lambda c: (c["day"] or "", c["a"], c["b"]), reverse=True)
    counts, exact = query.stats_capped(store)
    return {
        "stats": counts,
        "stats_exact": exact,
        "articles": query.list_articles(store, limit=limit),
        "stories": stories(store, limit=limit, articles=3),
        "contradictions": found[:limit],
    }
