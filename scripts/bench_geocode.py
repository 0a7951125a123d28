"""Benchmark the geocode stage: one-time load, and per-article cost after it.

``python scripts/bench_geocode.py [N]``: opens the gazetteer in a fresh process (timed),
extracts the seed and N GeoWebNews articles (not timed), then re-runs only the geocode stage
on each record (timed, caches cold for the first pass, warm for the second). Reads
../shared at run time; prints one JSON line.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    t0 = time.perf_counter()
    from newsgraph.kb import gazetteer as gz

    gz.lookup(gz.norm("Vladivostok"))
    load_s = time.perf_counter() - t0

    from newsgraph.evaluation.geo import load_gwn
    from newsgraph.evaluation.harness import shared_dir
    from newsgraph.pipeline import Article, Settings, Work, extract
    from newsgraph.stages import geocode

    shared = shared_dir()
    texts = [p.read_text("utf-8") for p in sorted((shared / "corpus" / "seed").glob("*.txt"))]
    for doc in load_gwn(shared):
        if len(texts) > n:
            break
        texts.append(doc.text)
    records = [extract(t, reference_date="2026-11-26") for t in texts]
    places = sum(1 for r in records for e in r.entities if e.type in geocode.PLACE_TYPES)

    def run_all() -> list[float]:
        out = []
        for r in records:
            work = Work(article=Article(content=r.text), settings=Settings(), record=r)
            t = time.perf_counter()
            geocode.STAGE.run(work)
            out.append((time.perf_counter() - t) * 1000)
        return out

    gz.lookup.cache_clear()
    cold = run_all()
    warm = run_all()
    print(json.dumps({
        "articles": len(records), "place_entities": places,
        "first_open_s": round(load_s, 3),
        "cold_ms_per_article": round(statistics.mean(cold), 2),
        "warm_ms_per_article": round(statistics.mean(warm), 2),
        "warm_ms_max": round(max(warm), 2),
    }))


if __name__ == "__main__":
    main()
