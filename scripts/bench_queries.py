"""Latency of the main read queries (what the pages and the API call) on a large store:
``python scripts/bench_queries.py [--articles 100000] [--db PATH] [--runs 20] [--only NAME]``.

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
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from newsgraph import query
from newsgraph.pipeline import Article, Settings, extract_many
from newsgraph.sources import iter_articles
from newsgraph.store import SqlStore
from newsgraph.store import tables as t
from newsgraph.store.rows import article_row, facet_rows, search_rows
from newsgraph.web import queries

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
BATCH = 500
NAME_VARIANTS = 997  # person and organisation names get one of this many suffixes


def say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _templates() -> list[tuple[dict[str, Any], dict[str, list[dict[str, Any]]], list[dict[str, Any]]]]:
    settings = Settings(reference_date=dt.date(2026, 11, 26))
    articles = [a for a in iter_articles([EXAMPLES]) if isinstance(a, Article)]
    records = [r for r in extract_many(articles, settings) if not isinstance(r, Exception)]
    stamp = "2026-11-26T00:00:00+00:00"
    return [(article_row(r, stamp), facet_rows(r), search_rows(r)) for r in records]


def _vary(name: str | None, kind: str, i: int) -> str | None:
    if name is None or kind not in ("PERSON", "ORG"):
        return name
    return f"{name} {i % NAME_VARIANTS}"


def fill(store: SqlStore, n: int) -> None:
    """``n`` synthetic articles, inserted in batches of BATCH in one transaction each."""
    templates = _templates()
    say(f"templates: {len(templates)} example records")
    day0 = dt.date(2025, 1, 1)
    started = time.perf_counter()
    for lo in range(0, n, BATCH):
        arts: list[dict[str, Any]] = []
        facets: dict[str, list[dict[str, Any]]] = {tb.name: [] for tb in t.FACET_TABLES}
        docs: list[dict[str, Any]] = []
        for i in range(lo, min(n, lo + BATCH)):
            art, rows, search = templates[i % len(templates)]
            aid = f"{i:016x}"
            published = (day0 + dt.timedelta(days=(i * 7919) % 700)).isoformat()
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
    parser.add_argument("--only", help="Time only the queries whose name contains this text.")
    args = parser.parse_args()
    path = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "bench.db"
    store = SqlStore(path)
    with store.engine.connect() as conn:
        have = conn.execute(select(func.count()).select_from(t.articles)).scalar_one()
    if have == 0:
        t0 = time.perf_counter()
        fill(store, args.articles)
        say(f"filled {args.articles} articles in {time.perf_counter() - t0:.0f} s")
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
    results: dict[str, list[float]] = {}
    for name, fn in cases.items():
        fn(0)  # warm the page cache
        results[name] = [timed(lambda i=i, fn=fn: fn(i)) for i in r]
        say(f"  {name}: p95 {p95(results[name]):.1f} ms")
    print(f"store: {path} ({store.dialect}); {json.dumps(counts)}")
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
