"""The picture's read side: stories, claim series (with contradictions and independence)
and events merged across reports. Plain JSON data; lists are pages like ``newsgraph.query``.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, or_, select

from newsgraph.picture import claims
from newsgraph.picture.keys import fold, word_class, words
from newsgraph.query import _bounds, _like, count_capped
from newsgraph.store import tables as t
from newsgraph.store.base import Store

Page = dict[str, Any]

_POINT = ("article_id", "item_id", "text", "value", "low", "high", "qualifier", "aspect", "modality", "stance",
          "source", "source_text", "claimed_on", "refers_to", "start", "end")


def list_stories(store: Store, *, limit: int | None = None, offset: int | None = None,
                 articles: int = 20) -> Page:
    """Stories, most articles first, then newest; each with its articles (oldest first)."""
    limit, offset = _bounds(limit, offset)
    s, pa, a = t.pic_stories, t.pic_articles, t.articles
    q = select(s).where(s.c.redirect_to.is_(None), s.c.n_articles > 0)
    with store.engine.connect() as conn:
        total, exact = count_capped(conn, q)
        rows = conn.execute(q.order_by(s.c.n_articles.desc(), s.c.last_seen.desc().nulls_last(), s.c.id)
                            .limit(limit).offset(offset)).mappings().all()
        items = []
        for r in rows:
            arts = conn.execute(
                select(a.c.id, a.c.title, pa.c.published, pa.c.agency, pa.c.duplicate_of, pa.c.similarity)
                .join(pa, pa.c.article_id == a.c.id).where(pa.c.story == r["id"])
                .order_by(pa.c.published.nulls_last(), a.c.id).limit(articles)).mappings().all()
            items.append({"id": r["id"], "label": r["label"], "first_seen": r["first_seen"],
                          "last_seen": r["last_seen"], "n_articles": r["n_articles"],
                          "articles": [dict(x) for x in arts]})
    return {"total": total, "total_exact": exact, "limit": limit, "offset": offset, "items": items}


def _measure_filter(measure: str) -> Any:
    s = t.pic_series
    classes = {word_class(w) for w in words(measure)}
    conds = [s.c.measure.ilike(_like(measure), escape="\\"), s.c.klass.in_(sorted(classes))]
    return or_(*conds)


#: the point columns the claims page reads (``origins`` needs stance, value, qualifier and
#: asserter; the page shows ``_POINT``, first, so a point read here becomes the page's point
#: without a copy)
_READ = (*_POINT, "series", "asserter")
#: what :func:`_series_points` adds to a point beyond ``_POINT`` (dropped from the page's point)
_EXTRA = ("series", "asserter", "_agency", "_duplicate_of", "_title", "_outlet_agency")


def _articles_of(conn: Any, ids: set[str]) -> dict[str, tuple[Any, ...]]:
    """(title, agency, picture agency, duplicate_of) of each article, read once per article
    (a series names an article in several points)."""
    a, pa = t.articles, t.pic_articles
    wanted = sorted(ids)
    out: dict[str, tuple[Any, ...]] = {}
    for i in range(0, len(wanted), 900):
        for x in conn.execute(select(a.c.id, a.c.title, a.c.agency, pa.c.agency, pa.c.duplicate_of)
                              .select_from(a).outerjoin(pa, pa.c.article_id == a.c.id)
                              .where(a.c.id.in_(wanted[i:i + 900]))).all():
            out[x[0]] = tuple(x[1:])
    return out


def _series_points(conn: Any, series: list[Any], points: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """``claims.series_points`` of each series row, by key, each point with its article's
    ``_title`` and ``_outlet_agency`` (None when the article is gone). A denial names both
    the ``of`` and the ``at`` of the series it denies (``claims._denies``), so the points of
    a series without both come from the series index alone, all such series in one query
    that reads only the columns the page shows (as tuples); the articles' fields are read
    once per article, not joined per point. With ``points``, such a series of more points
    than that reads only its newest ``points`` (from the series/day index), one query each."""
    out: dict[str, list[dict[str, Any]]] = {}
    simple = [r["key"] for r in series if r["of_key"] is None or r["at_key"] is None]
    for r in series:
        if r["key"] not in simple:
            out[r["key"]] = claims.series_points(conn, r["key"])
    found: dict[str, list[dict[str, Any]]] = {key: [] for key in simple}
    pt = t.pic_points
    read = select(*[pt.c[k] for k in _READ])
    big = {r["key"] for r in series if r["key"] in found and points is not None and r["n_points"] > points}
    if found.keys() - big:
        for row in conn.execute(read.where(pt.c.series.in_(sorted(found.keys() - big)))).all():
            found[row.series].append(dict(zip(_READ, row, strict=True)))
    for key in sorted(big):  # the newest first, in the reverse of the page's order
        for row in conn.execute(read.where(pt.c.series == key).order_by(
                pt.c.claimed_on.desc().nulls_last(), pt.c.article_id.desc(), pt.c.start.desc()).limit(points)).all():
            found[key].append(dict(zip(_READ, row, strict=True)))
    meta = _articles_of(conn, {p["article_id"] for rows in (*out.values(), *found.values()) for p in rows})
    for rows in out.values():
        for p in rows:
            p["_title"], p["_outlet_agency"] = meta.get(p["article_id"], (None, None))[:2]
    for key, rows in found.items():
        for p in rows:
            p["_title"], p["_outlet_agency"], p["_agency"], p["_duplicate_of"] = \
                meta.get(p["article_id"], (None, None, None, None))
        rows.sort(key=lambda r: (r["claimed_on"] or "", r["article_id"], r["start"]))
        out[key] = rows
    return out


def list_claims(store: Store, *, measure: str | None = None, limit: int | None = None,
                offset: int | None = None, points: int | None = None) -> Page:
    """Claim series (most points first), each with its points in order of ``claimed_on``
    (only the newest ``points`` when given: ``n_points`` says how many there are; a point's
    ``origin`` numbers the origins among the points shown), its contradictions (both
    points) and ``n_reports`` / ``n_independent``. ``measure``
    matches the measure's words or the class they count ("soldiers" finds troops)."""
    limit, offset = _bounds(limit, offset)
    s, c = t.pic_series, t.pic_contradictions
    q = select(s).where(s.c.n_points > 0)
    if measure:
        q = q.where(_measure_filter(measure))
    with store.engine.connect() as conn:
        total, exact = count_capped(conn, q)
        rows = conn.execute(q.order_by(s.c.n_points.desc(), s.c.key).limit(limit).offset(offset)).mappings().all()
        every = _series_points(conn, list(rows), points)
        origins = {key: claims.origins(conn, pts) for key, pts in every.items()}
        pairs: dict[str, list[Any]] = {r["key"]: [] for r in rows}
        for x in conn.execute(select(c.c.series, c.c.kind, c.c.note, c.c.a_article, c.c.a_item, c.c.b_article,
                                     c.c.b_item).where(c.c.series.in_(list(pairs)))
                              .order_by(c.c.series, c.c.a_article, c.c.a_item, c.c.b_article, c.c.b_item)).all():
            pairs[x.series].append(x)
    items = []
    for r in rows:
        pts, origin = every[r["key"]], origins[r["key"]]
        keep = len(pts) - points if points is not None and len(pts) > points else 0
        number: dict[int, int] = {}
        out = []
        ours = r["of_key"] is None or r["at_key"] is None  # points read by _series_points itself
        for p, o in zip(pts[keep:], origin[keep:], strict=True):
            title, agency, duplicate = p["_title"], p["_outlet_agency"], p.get("_duplicate_of")
            if ours:  # _POINT, then _EXTRA: the page's point without a copy
                for k in _EXTRA:
                    del p[k]
                point = p
            else:
                point = {k: p[k] for k in _POINT}
            point["origin"] = number.setdefault(o, len(number))
            point["article_title"], point["agency"], point["duplicate_of"] = title, agency, duplicate
            out.append(point)
        where = {(p["article_id"], p["item_id"]): i for i, p in enumerate(out)}
        found = []
        for x in pairs[r["key"]]:
            pa_, pb_ = where.get((x.a_article, x.a_item)), where.get((x.b_article, x.b_item))
            if pa_ is not None and pb_ is not None:
                found.append({"kind": x.kind, "note": x.note, "a": out[pa_], "b": out[pb_]})
        items.append({
            "key": r["key"], "measure": r["measure"], "class": r["klass"], "unit": r["unit"],
            "of": r["of_name"], "at": r["at_name"], "n_reports": r["n_reports"],
            "n_independent": r["n_independent"], "first_claimed": r["first_claimed"],
            "last_claimed": r["last_claimed"], "n_points": r["n_points"], "points": out,
            "contradictions": found,
        })
    return {"total": total, "total_exact": exact, "limit": limit, "offset": offset, "items": items}


def list_merged_events(store: Store, *, type: str | None = None, limit: int | None = None,
                       offset: int | None = None, reports: int = 20) -> Page:
    """Events merged across reports, most reports first, each with its first-seen date and
    its reports (article, span, status, trigger)."""
    limit, offset = _bounds(limit, offset)
    e, r = t.pic_events, t.pic_event_reports
    q = select(e).where(e.c.redirect_to.is_(None), e.c.n_reports > 0)
    if type:
        q = q.where(e.c.type == type.upper())
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(q.subquery())).scalar_one()
        rows = conn.execute(q.order_by(e.c.n_articles.desc(), e.c.n_reports.desc(), e.c.first_seen, e.c.id)
                            .limit(limit).offset(offset)).mappings().all()
        items = []
        for row in rows:
            reps = conn.execute(select(r.c.article_id, r.c.event_id, r.c.status, r.c.trigger, r.c.reported,
                                       r.c.actors, r.c.targets, r.c.start, r.c.end)
                                .where(r.c.pic_event == row["id"])
                                .order_by(r.c.reported, r.c.article_id, r.c.start).limit(reports)).mappings().all()
            names = _entity_names(conn, {k for x in reps for k in json.loads(x["actors"]) + json.loads(x["targets"])})
            first = reps[0] if reps else None
            items.append({
                "id": row["id"], "type": row["type"], "mode": row["mode"], "first_seen": row["first_seen"],
                "last_seen": row["last_seen"], "report_count": row["n_reports"], "n_articles": row["n_articles"],
                "actors": [names.get(k, k) for k in json.loads(first["actors"])] if first else [],
                "targets": [names.get(k, k) for k in json.loads(first["targets"])] if first else [],
                "reports": [{k: x[k] for k in ("article_id", "event_id", "status", "trigger", "reported", "start", "end")}
                            for x in reps],
            })
    return {"total": int(total), "limit": limit, "offset": offset, "items": items}


def _entity_names(conn: Any, ids: set[str]) -> dict[str, str]:
    """Names of participant keys: store entity ids, or ``iso:XX`` for a country."""
    from newsgraph.kb.lookup import country

    out = {}
    for key in ids:
        entry = country(key[4:]) if key.startswith("iso:") else None
        if entry is not None:
            out[key] = entry.name
    rest = sorted(k for k in ids if not k.startswith("iso:"))
    if rest:
        e = t.pic_entities
        out.update({x.id: x.name for x in conn.execute(select(e.c.id, e.c.name).where(e.c.id.in_(rest)))})
    return out


def entity(store: Store, entity_id: str) -> dict[str, Any] | None:
    """One store entity (following redirects) with its names and articles."""
    from newsgraph.picture.entities import resolve

    e, link = t.pic_entities, t.pic_entity_links
    with store.engine.connect() as conn:
        eid = resolve(conn, entity_id)
        row = conn.execute(select(e).where(e.c.id == eid)).mappings().first()
        if row is None:
            return None
        links = conn.execute(select(link.c.article_id, link.c.entity_id, link.c.name).where(link.c.pic_entity == eid)
                             .order_by(link.c.article_id, link.c.entity_id)).mappings().all()
    return {"id": eid, "asked": entity_id, "name": row["name"], "type": row["type"], "kb_key": row["kb_key"],
            "first_seen": row["first_seen"], "names": sorted({x["name"] for x in links}, key=fold),
            "mentions": [dict(x) for x in links]}
