"""The store write hook: keeps the picture in step, one article at a time (incremental).

``on_write(conn, record, replaced)`` runs in the article's transaction after its facet rows
(``newsgraph.store.sql.WRITE_HOOKS``): it links the record's entities to store entities,
merges its events into store events, places the article in a story, stores its claim
points and recomputes only the series those points touch. A rewrite (reprocess) first
removes the article's picture rows; ids of store entities, events and stories stay.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, union_all, update
from sqlalchemy.engine import Connection

from newsgraph.picture import claims, entities, stories
from newsgraph.picture.events import WINDOW_DAYS, EventSig, same_event
from newsgraph.picture.keys import actor_key, day_range, shift_day
from newsgraph.record import ArticleRecord, Event
from newsgraph.store import tables as t


def article_day(record: ArticleRecord) -> str | None:
    return record.published.date or (record.provenance.reference_date if record.provenance else None)


def _sig(ev: Event, keys: dict[str, str], day: str | None) -> EventSig:
    return EventSig(
        type=ev.type, mode=ev.mode,
        actors=frozenset(keys[a.entity] for a in ev.actors if a.entity in keys),
        targets=frozenset(keys[a.entity] for a in ev.targets if a.entity in keys),
        place=keys.get(ev.where or ""), days=day_range(ev.when), reported=day)


@lru_cache(maxsize=8192)
def _keyset(stored: str) -> frozenset[str]:
    """A stored JSON list of keys as a set (the same few lists recur in many reports)."""
    return frozenset(json.loads(stored))


#: the columns of a report the merge rule compares, and its store event
_CANDIDATE = ("type", "mode", "actors", "targets", "place", "day_start", "day_end", "reported", "pic_event")


@lru_cache(maxsize=2)
def _candidates(dated: bool) -> Any:
    """The reports of other articles an event may join (a fixed statement, compiled once):
    those of the given types reported within the window of the article's day (and those
    without a day), in the order they are tried. The two parts are read apart so that each
    is served by the (type, reported) index (migration 0006)."""
    r, e = t.pic_event_reports, t.pic_events
    cols = [*[r.c[k] for k in _CANDIDATE], e.c.redirect_to, r.c.article_id, r.c.start]

    def part(*where: Any) -> Any:
        return select(*cols).select_from(r.outerjoin(e, e.c.id == r.c.pic_event)).where(
            r.c.type.in_(bindparam("types", expanding=True)), r.c.article_id != bindparam("me"), *where)

    if not dated:
        return part().order_by(r.c.reported, r.c.article_id, r.c.start)
    # reports far apart in time are other events (see events.WINDOW_DAYS)
    both = union_all(part(r.c.reported.between(bindparam("lo"), bindparam("hi"))),
                     part(r.c.reported.is_(None))).subquery()
    return select(both).order_by(both.c.reported, both.c.article_id, both.c.start)


def _row_sig(r: Any) -> EventSig:
    return EventSig(type=r.type, mode=r.mode, actors=_keyset(r.actors), targets=_keyset(r.targets), place=r.place,
                    days=(r.day_start, r.day_end) if r.day_start else None, reported=r.reported)


def link_events(conn: Connection, record: ArticleRecord, links: dict[str, str], day: str | None) -> set[str]:
    """Each event joins the store event of the first earlier report it matches, else a new one."""
    r, e = t.pic_event_reports, t.pic_events
    touched: set[str] = set()
    mine: list[tuple[EventSig, str]] = []
    keys = {x.id: actor_key(x, links[x.id]) for x in record.entities if x.id in links}
    pool: dict[str, list[tuple[EventSig, str, str | None]]] = {}
    types = sorted({ev.type for ev in record.events})
    if types:
        params: dict[str, Any] = {"types": types, "me": record.id}
        if day:
            params.update(lo=shift_day(day, -WINDOW_DAYS), hi=shift_day(day, WINDOW_DAYS))
        for row in conn.execute(_candidates(bool(day)), params).all():
            pool.setdefault(row.type, []).append((_row_sig(row), row.pic_event, row.redirect_to))
    reports: list[dict[str, Any]] = []
    for ev in record.events:
        sig = _sig(ev, keys, day)
        found = None
        for cand_sig, cand in mine:
            if same_event(sig, cand_sig):
                found = cand
                break
        if found is None:
            for cand_sig, cand, redirect in pool.get(ev.type, []):
                if same_event(sig, cand_sig):
                    found = entities_resolve_event(conn, redirect) if redirect else cand
                    break
        if found is None:
            found = entities.mint(conn, "event", "V")
            conn.execute(insert(e).values(id=found, type=ev.type, mode=ev.mode, first_seen=day, last_seen=day,
                                          n_reports=0, n_articles=0))
        mine.append((sig, found))
        reports.append(dict(
            article_id=record.id, event_id=ev.id, pic_event=found, type=ev.type, mode=ev.mode,
            actors=json.dumps(sorted(sig.actors)), targets=json.dumps(sorted(sig.targets)), place=sig.place,
            day_start=sig.days[0] if sig.days else None, day_end=sig.days[1] if sig.days else None,
            reported=day, status=ev.status, trigger=ev.trigger, start=ev.start, end=ev.end))
        touched.add(found)
    if reports:  # the candidates were read before: one batch of the article's reports
        conn.execute(insert(r), reports)
    for eid in touched:
        _refresh_event(conn, eid)
    return touched


def entities_resolve_event(conn: Connection, eid: str) -> str:
    e = t.pic_events
    for _ in range(50):
        nxt = conn.execute(select(e.c.redirect_to).where(e.c.id == eid)).scalar()
        if not nxt:
            break
        eid = nxt
    return eid


@lru_cache(maxsize=1)
def _refresh_statement() -> Any:
    """One fixed statement: an event's counts and days from its reports."""
    r, e = t.pic_event_reports, t.pic_events

    def of(expr: Any) -> Any:
        return select(expr).where(r.c.pic_event == bindparam("eid")).scalar_subquery()

    return update(e).where(e.c.id == bindparam("eid")).values(
        n_reports=of(func.count()), n_articles=of(func.count(func.distinct(r.c.article_id))),
        first_seen=of(func.min(r.c.reported)), last_seen=of(func.max(r.c.reported)))


def _refresh_event(conn: Connection, eid: str) -> None:
    conn.execute(_refresh_statement(), {"eid": eid})


def _forget(conn: Connection, record: ArticleRecord) -> tuple[set[str], set[str], set[str]]:
    """Remove an article's picture rows; returns the events, stories and series it touched."""
    r, a, p = t.pic_event_reports, t.pic_articles, t.pic_points
    events = set(conn.execute(select(r.c.pic_event).where(r.c.article_id == record.id)).scalars())
    story = set(s for s in conn.execute(select(a.c.story).where(a.c.article_id == record.id)).scalars() if s)
    series = set(s for s in conn.execute(select(p.c.series).where(p.c.article_id == record.id)).scalars() if s)
    for table in (t.pic_entity_links, r, a, p):
        conn.execute(delete(table).where(table.c.article_id == record.id))
    conn.execute(update(a).where(a.c.duplicate_of == record.id).values(duplicate_of=None))
    return events, story, series


def on_write(conn: Connection, record: ArticleRecord, replaced: bool) -> None:
    """The write hook. The picture is updated inside a savepoint: should it fail, the article
    is stored all the same, the picture without it, and stderr says so (``rebuild`` puts
    it back once the cause is fixed)."""
    try:
        with conn.begin_nested():
            update_picture(conn, record, replaced)
    except Exception as exc:  # the picture never costs an article
        from newsgraph.pipeline import eprint

        eprint(f"warning: picture: {record.id} left out of the cross-article picture: {type(exc).__name__}: {exc}")


def update_picture(conn: Connection, record: ArticleRecord, replaced: bool) -> None:
    """Link one article into the picture (see the module docstring)."""
    old_events: set[str] = set()
    old_stories: set[str] = set()
    old_series: set[str] = set()
    if replaced:
        old_events, old_stories, old_series = _forget(conn, record)
    day = article_day(record)
    links = entities.link_entities(conn, record, day)
    events = link_events(conn, record, links, day)
    points = claims.points_of(record, day, links)
    about = claims.store_points(conn, points) | claims.denied_series(conn, points)
    touched = about | old_series
    stories.assign(conn, record, day, links, events, about)
    for eid in old_events - events:
        _refresh_event(conn, eid)
    for sid in old_stories:
        stories.refresh(conn, sid)
    for key in sorted(touched):
        claims.recompute(conn, key)


def rebuild(conn: Connection) -> int:
    """Recompute the picture from the stored records, oldest publication first."""
    import json as _json

    for table in (t.pic_contradictions, t.pic_series, t.pic_points, t.pic_articles, t.pic_stories,
                  t.pic_event_reports, t.pic_events, t.pic_entity_links):
        conn.execute(delete(table))
    a = t.articles
    n = 0
    for row in conn.execute(select(a.c.record).order_by(a.c.published.nulls_last(), a.c.ingested_at, a.c.id)).all():
        update_picture(conn, ArticleRecord.from_dict(_json.loads(row.record)), False)
        n += 1
    return n


def _register() -> None:
    from newsgraph.store.sql import WRITE_HOOKS

    if on_write not in WRITE_HOOKS:
        WRITE_HOOKS.append(on_write)


_register()
