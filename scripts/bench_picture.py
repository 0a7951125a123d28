"""Cost of the picture's write hook: store N articles (copies of the picture fixtures and
the seed, each with its own id and a publication date spread over a year) with and without
the hook, and print the time per article for each, the difference, the time inside the
hook alone, and the machine's load average when the run ended (stderr: progress).

    .venv/bin/python scripts/bench_picture.py [N]
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from newsgraph.pipeline import Article, Settings, extract_many
from newsgraph.record import Published
from newsgraph.store import SqlStore
from newsgraph.store.sql import WRITE_HOOKS

ROOT = Path(__file__).resolve().parents[1]


def records(n: int) -> list[tuple[object, Article]]:
    files = sorted((ROOT / "tests" / "fixtures" / "picture").glob("*/*.txt"))
    seed = sorted((ROOT.parent / "shared" / "corpus" / "seed").glob("*.txt"))
    files += seed
    arts = [Article(content=f.read_text("utf-8"), uri=f.as_uri()) for f in files]
    base = [r for r in extract_many(arts, Settings(reference_date=dt.date(2026, 11, 26)))]
    out = []
    for i in range(n):
        r = base[i % len(base)]
        day = (dt.date(2030, 1, 1) + dt.timedelta(days=(i * 3) % 365)).isoformat()
        copy = r.model_copy(update={"id": f"bench{i:06d}", "content_key": f"bench{i:06d}-body",  # type: ignore[attr-defined]
                                    "published": Published(date=day, basis="given")})
        out.append((copy, Article(content=f"bench {i}", uri=f"bench://{i}")))
    return out


def run(items: list[tuple[object, Article]], hooked: bool) -> tuple[float, float]:
    """Seconds per article for the puts, and for the hooks alone (timed inside the put, so
    without the extra commit the hook's rows cost: the commit's disk wait varies with the
    machine's other work)."""
    saved = list(WRITE_HOOKS)
    inside = [0.0]

    def timed(hook: Any) -> Any:
        def call(*args: Any) -> None:
            start = time.perf_counter()
            try:
                hook(*args)
            finally:
                inside[0] += time.perf_counter() - start
        return call

    WRITE_HOOKS[:] = [timed(h) for h in saved] if hooked else []
    try:
        with tempfile.TemporaryDirectory() as tmp, SqlStore(Path(tmp) / "b.db") as store:
            settings = Settings(reference_date=dt.date(2026, 11, 26))
            start = time.perf_counter()
            for record, article in items:
                store.put(record, article, settings)  # type: ignore[arg-type]
            return (time.perf_counter() - start) / len(items), inside[0] / len(items)
    finally:
        WRITE_HOOKS[:] = saved


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    items = records(n)
    bare, _ = run(items, hooked=False)
    hooked, inside = run(items, hooked=True)
    print(f"articles={n} put_without_hook_ms={bare * 1000:.2f} put_with_hook_ms={hooked * 1000:.2f} "
          f"hook_ms={(hooked - bare) * 1000:.2f} inside_hook_ms={inside * 1000:.2f} load_1m={os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
