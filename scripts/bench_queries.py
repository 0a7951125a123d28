"""Latency of the main read queries (what the pages and the API call) on a large store:
``python scripts/bench_queries.py [--articles 100000] [--db PATH] [--runs 20] [--only NAME] [--warm]
[--freeze-gc]``.

Builds a SQLite store of synthetic records (the example articles extracted once, then
copied under fresh ids with spread publication dates and varied person/organisation names,
bulk-inserted through the store's own row builders), then times each query ``runs`` times
with varied parameters and prints p50/p95 per query and over all. Goal: p95 < 100 ms.
Nothing is asserted; figures go to stdout, progress to stderr. ``--db`` reuses a store
built before (it is filled only when empty).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update

from newsgraph import query
from newsgraph.pipeline import Article, Settings, extract_many
from newsgraph.record import ArticleRecord
from newsgraph.sources import iter_articles
from newsgraph.store import SqlStore
from newsgraph.store import tables as t
from newsgraph.store.rows import article_row, facet_rows, search_rows
from newsgraph.web import queries

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
BATCH = 500
NAME_VARIANTS = 997  # person and organisation names get one of this many suffixes
DAY0 = dt.date(2025, 1, 1)
PICTURE = (t.pic_stories, t.pic_articles, t.pic_series, t.pic_points, t.pic_contradictions)


def say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _records() -> tuple[list[Article], list[ArticleRecord], Settings]:
    settings = Settings(reference_date=dt.date(2026, 11, 26))
    articles = [a for a in iter_articles([EXAMPLES]) if isinstance(a, Article)]
    pairs = [(a, r) for a, r in zip(articles, extract_many(articles, settings), strict=True)
             if not isinstance(r, Exception)]
    return [a for a, _ in pairs], [r for _, r in pairs], settings


def _templates() -> list[tuple[dict[str, Any], dict[str, list[dict[str, Any]]], list[dict[str, Any]]]]:
    records = _records()[1]
    stamp = "2026-11-26T00:00:00+00:00"
    return [(article_row(r, stamp), facet_rows(r), search_rows(r)) for r in records]


def _published(i: int) -> str:
    return (DAY0 + dt.timedelta(days=(i * 7919) % 700)).isoformat()


def _vary(name: str | None, kind: str, i: int) -> str | None:
    if name is None or kind not in ("PERSON", "ORG"):
        return name
    return f"{name} {i % NAME_VARIANTS}"


def fill(store: SqlStore, n: int) -> None:
    """``n`` synthetic articles, inserted in batches of BATCH in one transaction each."""
    templates = _templates()
    say(f"templates: {len(templates)} example records")
    started = time.perf_counter()
    for lo in range(0, n, BATCH):
        arts: list[dict[str, Any]] = []
        facets: dict[str, list[dict[str, Any]]] = {tb.name: [] for tb in t.FACET_TABLES}
        docs: list[dict[str, Any]] = []
        for i in range(lo, min(n, lo + BATCH)):
            art, rows, search = templates[i % len(templates)]
            aid = f"{i:016x}"
            published = _published(i)
            arts.append({**art, "id": aid, "content_key": f"c{i:015x}", "published": published,
                         "record": art["record"].replace(art["id"], aid, 1), "revision": 1,
                         "ingested_at": art["processed_at"]})
            kinds = {e["id"]: e["type"] for e in rows["entities"]}
            for table, items in rows.items():
                out = facets[table]
                for r in items:
                    row = {**r, "article_id": aid}
                    if table == "entities":
                        row["name"] = _vary(r["name"], r["type"], i)
                        row["name_key"] = row["name"].casefold()
                    elif table == "quotes" and r.get("speaker"):
                        row["speaker_name"] = _vary(r["speaker_name"], kinds.get(r["speaker"], ""), i)
                        row["speaker_key"] = (row["speaker_name"] or "").casefold()
                    elif table == "events" and r.get("date"):
                        row["date"] = published
                    out.append(row)
            docs.extend({**d, "article_id": aid} for d in search)
        with store.engine.begin() as conn:
            conn.execute(insert(t.articles), arts)
            for table in t.FACET_TABLES:
                if facets[table.name]:
                    conn.execute(insert(table), facets[table.name])
            conn.execute(insert(t.search_docs), docs)
        if (lo // BATCH) % 20 == 0:
            say(f"  {min(n, lo + BATCH)} articles, {time.perf_counter() - started:.0f} s")
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")


def _template_picture() -> dict[str, list[dict[str, Any]]]:
    """The picture's rows for the example records, built by the picture's own write hook
    (newsgraph.picture.update) in a scratch store."""
    import newsgraph.picture.update  # noqa: F401  (registers the write hook)

    articles, records, settings = _records()
    scratch = SqlStore(Path(tempfile.mkdtemp()) / "picture.db")
    for article, record in zip(articles, records, strict=True):
        scratch.put(record, article, settings)
    with scratch.engine.connect() as conn:
        rows = {tb.name: [dict(r) for r in conn.execute(select(tb)).mappings()] for tb in PICTURE}
    scratch.close()
    order = {r.id: k for k, r in enumerate(records)}
    rows["order"] = [{"id": r.id} for r in records]
    for r in rows["pic_articles"] + rows["pic_points"]:
        r["template"] = order[r["article_id"]]
    for r in rows["pic_contradictions"]:
        r["template"] = order[r["a_article"]] if r["a_article"] == r["b_article"] else -1
    return rows


def fill_picture(store: SqlStore, n: int) -> None:
    """The cross-article picture of the ``n`` synthetic articles, as the write hook would
    keep it: article ``i`` copies its template's picture rows into group ``i % NAME_VARIANTS``
    (the articles that share its varied names), so a template story or claim series becomes
    one story or series per group, each with the articles of that group; series and story
    counts are then recomputed from the copied rows."""
    tpl = _template_picture()
    say(f"picture templates: {len(tpl['pic_stories'])} stories, {len(tpl['pic_series'])} series, "
        f"{len(tpl['pic_points'])} points")
    n_tpl = len(tpl["order"])
    arts = {k: [r for r in tpl["pic_articles"] if r["template"] == k] for k in range(n_tpl)}
    points = {k: [r for r in tpl["pic_points"] if r["template"] == k] for k in range(n_tpl)}
    contra = {k: [r for r in tpl["pic_contradictions"] if r["template"] == k] for k in range(n_tpl)}
    stories = {r["id"]: r for r in tpl["pic_stories"]}
    series = {r["key"]: r for r in tpl["pic_series"]}
    started = time.perf_counter()
    with store.engine.begin() as conn:
        conn.execute(insert(t.pic_stories), [{**r, "id": f"{r['id']}.{g}", "label": f"{r['label']} ({g})"}
                                             for r in stories.values() for g in range(NAME_VARIANTS)])
        conn.execute(insert(t.pic_series), [{**r, "key": f"{r['key']}#{g}"}
                                            for r in series.values() for g in range(NAME_VARIANTS)])
    for lo in range(0, n, BATCH * 4):
        rows: dict[str, list[dict[str, Any]]] = {tb.name: [] for tb in PICTURE}
        for i in range(lo, min(n, lo + BATCH * 4)):
            k, g, aid, day = i % n_tpl, i % NAME_VARIANTS, f"{i:016x}", _published(i)
            for r in arts[k]:
                rows["pic_articles"].append({**{c: v for c, v in r.items() if c != "template"}, "article_id": aid,
                                             "published": day, "story": f"{r['story']}.{g}" if r["story"] else None,
                                             "duplicate_of": None})
            for r in points[k]:
                refers = r["refers_to"]
                if refers and r["claimed_on"] and refers.startswith(r["claimed_on"]):
                    refers = day + refers[10:]
                rows["pic_points"].append({**{c: v for c, v in r.items() if c != "template"}, "article_id": aid,
                                           "series": f"{r['series']}#{g}" if r["series"] else None,
                                           "claimed_on": day if r["claimed_on"] else None, "refers_to": refers})
            for r in contra[k]:
                rows["pic_contradictions"].append({**{c: v for c, v in r.items() if c != "template"},
                                                   "series": f"{r['series']}#{g}", "a_article": aid,
                                                   "b_article": aid})
        with store.engine.begin() as conn:
            for tb in PICTURE:
                if rows[tb.name]:
                    conn.execute(insert(tb), rows[tb.name])
        if (lo // (BATCH * 4)) % 10 == 0:
            say(f"  picture: {min(n, lo + BATCH * 4)} articles, {time.perf_counter() - started:.0f} s")
    pa, pt, ps, pc, st = t.pic_articles, t.pic_points, t.pic_series, t.pic_contradictions, t.pic_stories
    with store.engine.begin() as conn:
        agg = conn.execute(select(pt.c.series, func.count(), func.count(func.distinct(pt.c.article_id)),
                                  func.count(func.distinct(func.coalesce(pt.c.asserter, pt.c.article_id))),
                                  func.min(pt.c.claimed_on), func.max(pt.c.claimed_on))
                           .where(pt.c.series.is_not(None)).group_by(pt.c.series)).all()
        found = dict(conn.execute(select(pc.c.series, func.count()).group_by(pc.c.series)).all())
        conn.execute(update(ps).where(ps.c.key == bindparam("k")), [
            {"k": key, "n_points": a, "n_reports": b, "n_independent": c, "n_contradictions": found.get(key, 0),
             "first_claimed": lo_, "last_claimed": hi} for key, a, b, c, lo_, hi in agg])
        conn.execute(delete(ps).where(ps.c.key.not_in(select(pt.c.series).where(pt.c.series.is_not(None)))))
        agg = conn.execute(select(pa.c.story, func.count(), func.min(pa.c.published), func.max(pa.c.published))
                           .where(pa.c.story.is_not(None)).group_by(pa.c.story)).all()
        conn.execute(update(st).where(st.c.id == bindparam("k")), [
            {"k": sid, "n_articles": c, "first_seen": lo_, "last_seen": hi} for sid, c, lo_, hi in agg])
        conn.execute(delete(st).where(st.c.id.not_in(select(pa.c.story).where(pa.c.story.is_not(None)))))
        conn.exec_driver_sql("ANALYZE")


def timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-picture", action="store_true",
                        help="Leave the cross-article picture empty (claims, stories and home then use their fallback).")
    parser.add_argument("--only", help="Time only the queries whose name contains this text.")
    parser.add_argument("--warm", action="store_true",
                        help="Read the store file once before timing (the kernel may have dropped its pages).")
    parser.add_argument("--freeze-gc", action="store_true",
                        help="gc.freeze() before timing, as a server could after start-up: a full collection "
                             "then skips the start-up objects (without it, one costs about 40 ms here).")
    args = parser.parse_args()
    path = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "bench.db"
    store = SqlStore(path)
    with store.engine.connect() as conn:
        have = conn.execute(select(func.count()).select_from(t.articles)).scalar_one()
    if have == 0:
        t0 = time.perf_counter()
        fill(store, args.articles)
        say(f"filled {args.articles} articles in {time.perf_counter() - t0:.0f} s")
    with store.engine.connect() as conn:
        have = conn.execute(select(func.count()).select_from(t.articles)).scalar_one()
        pictured = conn.execute(select(func.count()).select_from(t.pic_articles)).scalar_one()
    if pictured == 0 and not args.no_picture:
        t0 = time.perf_counter()
        fill_picture(store, have)
        say(f"filled the picture of {have} articles in {time.perf_counter() - t0:.0f} s")
    counts = query.stats(store)
    ids = [f"{(i * 104729) % counts['articles']:016x}" for i in range(args.runs)]
    words = ["ferry", "strike", "frost OR flood", '"the union"', "minist*", "bridge -collapse", "talks", "vineyard"]
    persons = [r["name"] for r in query.entity_names(store, type="PERSON", limit=args.runs)["items"]]
    types = ["ASSAULT", "AGREE", "PROTEST", "DEMAND", "AID", "CONSULT"]
    r = range(args.runs)
    cases: dict[str, Callable[[int], Any]] = {
        "articles (page 1)": lambda i: query.list_articles(store, limit=50),
        "articles (deep page)": lambda i: query.list_articles(store, limit=50, offset=1000 * i),
        "article record": lambda i: query.get_article(store, ids[i]),
        "search": lambda i: query.search(store, words[i % len(words)], limit=50),
        "quotes by speaker": lambda i: query.list_quotes(store, speaker=persons[i % len(persons)].split()[-1], limit=50),
        "entities by name": lambda i: query.list_entities(store, name=persons[i % len(persons)], limit=50),
        "events by type+dates": lambda i: query.list_events(store, type=types[i % len(types)], since="2025-06-01",
                                                            until="2025-12-31", limit=50),
        "events (timeline)": lambda i: query.list_events(store, limit=50, offset=50 * i),
        "entity page": lambda i: queries.entity(store, persons[i % len(persons)]),
        "map (places)": lambda i: queries.places(store, limit=500),
        "map of one article": lambda i: queries.places(store, article=ids[i]),
        "graph (500 newest events)": lambda i: queries.graph(store, limit=500),
        "claims (20 series)": lambda i: queries.claims(store, limit=20),
        "stories": lambda i: queries.stories(store, limit=20),
        "home": lambda i: queries.home(store),
    }
    if args.only:
        cases = {k: v for k, v in cases.items() if args.only in k}
    if args.warm:
        t0 = time.perf_counter()
        with path.open("rb") as fh:
            while fh.read(1 << 24):
                pass
        say(f"read {path.stat().st_size / 1e9:.1f} GB of the store in {time.perf_counter() - t0:.0f} s")
    if args.freeze_gc:
        gc.collect()
        gc.freeze()
    load_before = os.getloadavg()
    results: dict[str, list[float]] = {}
    for name, fn in cases.items():
        fn(0)  # warm the page cache
        results[name] = [timed(lambda i=i, fn=fn: fn(i)) for i in r]
        say(f"  {name}: p95 {p95(results[name]):.1f} ms")
    print(f"store: {path} ({store.dialect}); {json.dumps(counts)}")
    print(f"load average (1 min) {load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after; "
          f"store file {'read once before timing' if args.warm else 'as the page cache had it'}; "
          f"start-up objects {'frozen' if args.freeze_gc else 'not frozen'} for the garbage collector")
    print(f"{'query':30} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
    for name, xs in results.items():
        print(f"{name:30} {statistics.median(xs):9.1f} {p95(xs):9.1f} {max(xs):9.1f}")
    flat = [x for xs in results.values() for x in xs] or [0.0]
    main_names = [n for n in results if n not in ("claims (20 series)", "stories", "home")]
    main_flat = [x for n in main_names for x in results[n]] or [0.0]
    print(f"p95 over the main queries ({len(main_names)} kinds x {args.runs} runs): {p95(main_flat):.1f} ms")
    print(f"p95 over every query above: {p95(flat):.1f} ms (goal < 100 ms)")
    store.close()


if __name__ == "__main__":
    main()
