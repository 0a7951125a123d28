"""Time the figures stage alone on parsed articles (the seed, and MEANTIME articles).

    .venv/bin/python scripts/bench_figures.py [--docs N] [--repeat R]

Parses each article once with the full pipeline, then times ``figures_of`` on it R times
and prints milliseconds per article next to the spaCy parse time. Reads ../shared at run
time; writes nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time

from newsgraph.evaluation import meantime_values
from newsgraph.evaluation.harness import shared_dir
from newsgraph.nlp.model import load_nlp
from newsgraph.pipeline import Article, Settings, Work, extract
from newsgraph.stages.figures import figures_of

REFERENCE_DATE = dt.date(2026, 11, 26)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    shared = shared_dir()
    texts = [p.read_text("utf-8") for p in sorted((shared / "corpus" / "seed").glob("*.txt"))]
    texts += [meantime_values.load(p).text for p in meantime_values.corpus_files(shared)[: args.docs]]
    nlp = load_nlp()
    stage_ms: list[float] = []
    parse_ms: list[float] = []
    words = 0
    for text in texts:
        record = extract(text, reference_date=REFERENCE_DATE)
        t0 = time.perf_counter()
        doc = nlp(record.text)
        parse_ms.append((time.perf_counter() - t0) * 1000)
        words += len(record.text.split())
        work = Work(article=Article(content=text), settings=Settings(reference_date=REFERENCE_DATE), record=record, doc=doc)
        try:  # in the pipeline the quotes stage leaves its analysis in work.notes
            from newsgraph.stages.quotes import analysis

            analysis(work)
        except ImportError:
            pass
        figures_of(work)  # warm
        t0 = time.perf_counter()
        for _ in range(args.repeat):
            figures_of(work)
        stage_ms.append((time.perf_counter() - t0) * 1000 / args.repeat)
    seed_parse, seed_stage = parse_ms[0], stage_ms[0]
    print(f"seed: parse {seed_parse:.1f} ms, figures {seed_stage:.2f} ms ({100 * seed_stage / seed_parse:.1f}% of the parse)")
    print(
        f"all {len(texts)} articles ({words} words): figures mean {statistics.mean(stage_ms):.2f} ms, "
        f"max {max(stage_ms):.2f} ms; parse mean {statistics.mean(parse_ms):.1f} ms"
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
