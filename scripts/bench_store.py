"""Store write and read cost: ``python scripts/bench_store.py [DB_URL] [--repeat N]``.

Extracts the example articles once, then stores them ``repeat`` times under fresh ids into a
new SQLite file (or the given database, which should be empty), and times each ``put`` and a
few reads. Figures go to stdout; nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path

from newsgraph import query
from newsgraph.pipeline import Article, Settings, extract_many
from newsgraph.sources import iter_articles
from newsgraph.store import SqlStore

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", nargs="?")
    parser.add_argument("--repeat", type=int, default=12)
    args = parser.parse_args()
    settings = Settings(reference_date=dt.date(2026, 11, 26))
    articles = [a for a in iter_articles([EXAMPLES]) if isinstance(a, Article)]
    list(extract_many(articles[:1], settings))  # load the model
    start = time.perf_counter()
    records = [r for r in extract_many(articles, settings) if not isinstance(r, Exception)]
    extract_ms = (time.perf_counter() - start) / len(records) * 1000
    store = SqlStore(args.db or Path(tempfile.mkdtemp()) / "bench.db")
    puts = []
    for rep in range(args.repeat):
        for record, article in zip(records, articles, strict=True):
            copy = record.model_copy(update={"id": f"{rep:04x}{record.id[4:]}",
                                             "content_key": f"{rep:04x}{record.content_key[4:]}"})
            t = time.perf_counter()
            store.put(copy, article, settings)
            puts.append(time.perf_counter() - t)
    reads = []
    for text in ("strike", '"ferry crews"', "frost OR flood", "minist*"):
        t = time.perf_counter()
        query.search(store, text)
        reads.append(time.perf_counter() - t)
    for fn in (query.list_quotes, query.list_events, query.list_figures, query.list_articles):
        t = time.perf_counter()
        fn(store)
        reads.append(time.perf_counter() - t)
    words = statistics.mean(len(r.text.split()) for r in records)
    print(f"backend {store.dialect}; {len(records)} example articles, {words:.0f} words on average")
    print(f"extract (all stages, warm): {extract_ms:.1f} ms/article")
    print(f"store put: median {statistics.median(puts) * 1000:.1f} ms, mean {statistics.mean(puts) * 1000:.1f} ms "
          f"over {len(puts)} puts")
    print(f"reads (4 searches, 4 lists) on {query.stats(store)['articles']} articles: "
          f"median {statistics.median(reads) * 1000:.1f} ms")
    store.close()


if __name__ == "__main__":
    main()
