"""CPU cost of the entities stage (NER corrections, grouping, roles) against the spaCy parse.

    .venv/bin/python scripts/bench_entities.py [--repeat 7]

Reads the seed article and GeoWebNews texts from ../shared at run time (nothing is copied).
Prints CPU milliseconds (process time, so a busy machine inflates it less than wall time).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from newsgraph.evaluation.harness import shared_dir
from newsgraph.nlp.model import load_nlp
from newsgraph.pipeline import Article, Settings, Work
from newsgraph.record import ArticleRecord, Provenance, Run
from newsgraph.stages.entities import build


def _run(text: str, doc: object) -> int:
    record = ArticleRecord(id="bench", content_key="", text=text, language="en", provenance=Provenance(
        extractor="bench", reference_date="2026-11-26", run=Run(started_at="", host="")))
    work = Work(article=Article(content=text), settings=Settings(), record=record)
    work.doc = doc  # type: ignore[assignment]
    return len(build(work))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    shared = shared_dir()
    nlp = load_nlp()
    seed = sorted((shared / "corpus" / "seed").glob("*.txt"))
    sets: list[tuple[str, list[Path]]] = [
        ("seed", seed[:1]),
        ("geowebnews", sorted((shared / "benchmarks" / "geowebnews" / "brat").glob("*.txt"))[:100]),
    ]
    for name, files in sets:
        if not files:
            print(f"{name}: no files under {shared}", file=sys.stderr)
            continue
        texts = [f.read_text("utf-8") for f in files]
        docs = list(nlp.pipe(texts))
        for text, doc in zip(texts, docs, strict=True):
            _run(text, doc)  # warm the caches (KB, lexicons, phrase matcher)
        runs = []
        for _ in range(args.repeat):
            t0 = time.process_time()
            for text, doc in zip(texts, docs, strict=True):
                _run(text, doc)
            runs.append((time.process_time() - t0) / len(texts) * 1000)
        t0 = time.process_time()
        for text in texts[:5]:
            nlp(text)
        parse = (time.process_time() - t0) / min(5, len(texts)) * 1000
        words = sum(len(t.split()) for t in texts) / len(texts)
        print(f"{name}: {len(texts)} articles, {words:.0f} words each: entities stage "
              f"{statistics.median(runs):.2f} ms CPU per article (median of {args.repeat}); "
              f"spaCy parse {parse:.0f} ms CPU per article")


if __name__ == "__main__":
    main()
