"""Cost of the events and checks stages on one article (default: the seed), against the
parse: ``python scripts/bench_events_checks.py [FILE] [RUNS]``. Prints medians and minima in
ms. Not a test: speed is measured here, never asserted."""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

from newsgraph.nlp.model import parse_many
from newsgraph.pipeline import Article, Settings, _new_work, _run_stage, _stages
from newsgraph.stages import checks, events


def main() -> None:
    root = Path(__file__).resolve().parents[1]
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else sorted((root.parent / "shared" / "corpus" / "seed").glob("*.txt"))[0]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    work = _new_work(Article(content=path.read_text("utf-8")), Settings(reference_date=dt.date(2026, 11, 26)))
    before, after = _stages()
    for stage in before:
        _run_stage(stage, work)
    parse: list[float] = []
    for _ in range(3):
        work.doc = None
        t0 = time.perf_counter()
        parse_many([work])
        parse.append((time.perf_counter() - t0) * 1000)
    for stage in after:
        _run_stage(stage, work)
    ev: list[float] = []
    ch: list[float] = []
    for _ in range(runs):
        work.notes.pop("events.sentences", None)
        t0 = time.perf_counter()
        events.STAGE.run(work)
        t1 = time.perf_counter()
        checks.STAGE.run(work)
        t2 = time.perf_counter()
        ev.append((t1 - t0) * 1000)
        ch.append((t2 - t1) * 1000)
    print(f"article {path.name}: {len(work.record.text.split())} words, load {os.getloadavg()[0]:.1f}")
    print(f"parse  median {statistics.median(parse):7.1f} ms")
    print(f"events median {statistics.median(ev):7.1f} ms  min {min(ev):6.1f} ms  ({len(work.record.events)} events)")
    print(f"checks median {statistics.median(ch):7.1f} ms  min {min(ch):6.1f} ms  ({len(work.record.checks)} claims)")


if __name__ == "__main__":
    main()
