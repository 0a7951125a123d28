"""Benchmark (not a test): batch throughput on one set of articles, in one run.

Configurations, each in a fresh process so peak RSS figures are its own:

- ``bare``: a bare spaCy ``nlp.pipe`` (batch 8) over the article texts, one process;
- ``local1``: ``newsgraph batch --engine local --workers 1`` (read, extract, Parquet);
- ``local2``: the same with 2 worker processes;
- ``dask2``: the same job on a Dask LocalCluster of 2 worker processes (1 thread each).

Model and stage-data loading is not timed (the bare parse and local1 load first; dask2 warms
its workers first); local2's time includes starting its worker processes, so the jobs are also reported
at their steady rate (from the first shard result to the last). The machine is shared, so
the configurations run in ``--rounds`` interleaved rounds and each keeps its best. Reported: articles/s, the ratio to bare spaCy (overall and per
worker), articles per CPU-second as a ratio to bare spaCy's (a per-worker efficiency that
other people's load on a shared machine hardly moves; for local2 the workers' model loading
is taken out as the CPU one load costs in the parent), and peak RSS per worker process. The articles are the seed (read at run time from
../shared, never copied) and variants of it (scripts/bench_extract.py), written to a
temporary folder.

    .venv/bin/python scripts/bench_scale.py [--articles 40]

Goal (issue 10): >= 0.8x bare spaCy per worker, near-linear speed-up from 1 to 2 workers,
<= 700 MB per worker.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
REFERENCE = dt.date(2026, 11, 26)


def _rss_self() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_children() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _texts(folder: Path) -> list[str]:
    return [p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))]


def run_bare(folder: Path) -> dict[str, float]:
    from newsgraph.nlp.model import load_nlp

    nlp = load_nlp()
    texts = _texts(folder)
    list(nlp.pipe(texts[:2], batch_size=8))  # warm
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=8):
        pass
    secs = time.perf_counter() - start
    return {"articles": len(texts), "secs": secs, "cpu": time.process_time() - cpu,  # type: ignore[dict-item]
            "rss_mb": [_rss_self()]}


ARRIVALS: list[tuple[float, int]] = []  # (time, records) of each shard result the driver writes


def _time_arrivals() -> None:
    import newsgraph.engines.job as job

    write = job.Sink.write

    def timed(self: job.Sink, result: job.ShardResult, report: job.JobReport) -> None:
        ARRIVALS.append((time.perf_counter(), len(result.records)))
        write(self, result, report)

    job.Sink.write = timed  # type: ignore[method-assign]


def _steady() -> float | None:
    """Articles/s from the first shard result to the last (start-up excluded)."""
    if len(ARRIVALS) < 2:
        return None
    return sum(n for _, n in ARRIVALS[1:]) / (ARRIVALS[-1][0] - ARRIVALS[0][0])


WARM_TEXT = ("Ferrow Council Approves Budget\n\nFERROW, May 3, 2027 — The Ferrow council approved a budget of "
             "12 million crowns on Monday, mayor Ilka Demmer said. \"It is a fair plan,\" Demmer said.")


def warm() -> bool:
    """Load the model and every stage's data once in this process (not timed)."""
    from newsgraph.pipeline import extract

    extract(WARM_TEXT, reference_date=REFERENCE)
    return True


def run_local(folder: Path, workers: int) -> dict[str, object]:
    from newsgraph.engines.job import run_job
    from newsgraph.pipeline import Settings

    settings = Settings(reference_date=REFERENCE)
    load_cpu = time.process_time()
    warm()  # model and stage data; a local2 worker pays the same on its own, taken out below
    load_cpu = time.process_time() - load_cpu
    _time_arrivals()
    with tempfile.TemporaryDirectory() as out:
        start, cpu = time.perf_counter(), time.process_time()
        report = run_job([folder], settings, engine="local", workers=workers, out=Path(out), files_per_shard=4,
                         progress=False)
        secs = time.perf_counter() - start
        cpu = time.process_time() - cpu
    if workers > 1:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu += children.ru_utime + children.ru_stime - workers * load_cpu
    rss = [_rss_self()] if workers == 1 else [_rss_children()]
    return {"articles": report.records, "secs": secs, "cpu": cpu, "steady_rate": _steady(), "rss_mb": rss}


def run_dask(folder: Path, workers: int) -> dict[str, object]:
    from contextlib import ExitStack

    from newsgraph.engines.dask import client_for
    from newsgraph.engines.job import run_job
    from newsgraph.pipeline import Settings

    settings = Settings(reference_date=REFERENCE)
    with ExitStack() as stack:
        client = client_for(None, workers, stack)  # the engine's own LocalCluster (1 thread, no profiler)
        scheduler = client.scheduler.address
        client.run(warm)  # one model per worker, stage data loaded, before the clock starts
        _time_arrivals()
        before = client.run(time.process_time)
        with tempfile.TemporaryDirectory() as out:
            start, cpu = time.perf_counter(), time.process_time()
            report = run_job([folder], settings, engine="dask", scheduler=scheduler, out=Path(out),
                             files_per_shard=4, progress=False)
            secs = time.perf_counter() - start
            cpu = time.process_time() - cpu
        after = client.run(time.process_time)
        cpu += sum(after[w] - before[w] for w in after)
        rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return {"articles": report.records, "secs": secs, "cpu": cpu, "steady_rate": _steady(), "rss_mb": sorted(rss.values()),
            "model_loads": sorted(report.model_loads.values())}


def _write_articles(folder: Path, n: int) -> int:
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_extract import variants  # type: ignore[import-not-found]

    seeds = sorted((SHARED / "corpus" / "seed").glob("*.txt"))
    if not seeds:
        sys.exit(f"no seed article under {SHARED / 'corpus' / 'seed'}")
    texts = variants(seeds[0].read_text("utf-8"), n, random.Random(10))
    for i, text in enumerate(texts):
        (folder / f"a{i:04d}.txt").write_text(text, "utf-8")
    return sum(len(t.split()) for t in texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        folder = Path(args.folder)
        runs = {"bare": lambda: run_bare(folder), "local1": lambda: run_local(folder, 1),
                "local2": lambda: run_local(folder, 2), "dask2": lambda: run_dask(folder, 2)}
        print(json.dumps(runs[args.one]()))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        words = _write_articles(folder, args.articles)
        results: dict[str, dict[str, object]] = {}
        loads: list[float] = []
        for round_ in range(args.rounds):  # the machine is shared: keep each config's best round
            for name in ("bare", "local1", "local2", "dask2"):
                loads.append(os.getloadavg()[0])
                done = subprocess.run([sys.executable, __file__, "--one", name, "--folder", str(folder)],
                                      capture_output=True, text=True, check=False)
                if done.returncode != 0:
                    sys.exit(f"{name} failed:\n{done.stderr[-3000:]}")
                res = json.loads(done.stdout.strip().splitlines()[-1])
                best = results.get(name)
                if best is None or float(res["secs"]) < float(best["secs"]):  # type: ignore[arg-type]
                    results[name] = res
                print(f"round {round_ + 1} {name}: {res['articles'] / res['secs']:.2f} art/s "
                      f"(load average {loads[-1]:.1f})", file=sys.stderr)
    bare_rate = float(results["bare"]["articles"]) / float(results["bare"]["secs"])  # type: ignore[arg-type]
    workers = {"bare": 1, "local1": 1, "local2": 2, "dask2": 2}
    print(f"{args.articles} articles, {words} words ({words / args.articles:.0f} per article); "
          f"{os.cpu_count()} cores, load average {min(loads):.1f}-{max(loads):.1f}; best of {args.rounds} round(s)")
    bare_cpu = float(results["bare"]["articles"]) / float(results["bare"]["cpu"])  # type: ignore[arg-type]
    print(f"{'config':8} {'art/s':>7} {'x bare':>7} {'x bare/worker':>14} {'steady art/s':>13} "
          f"{'art/CPU-s x bare':>17} {'peak RSS/worker MB':>20}")
    summary: dict[str, object] = {"articles": args.articles, "words": words, "rounds": args.rounds,
                                  "load_average": [round(min(loads), 1), round(max(loads), 1)]}
    for name, res in results.items():
        rate = float(res["articles"]) / float(res["secs"])  # type: ignore[arg-type]
        steady = res.get("steady_rate")
        rss = res["rss_mb"]
        per_cpu = float(res["articles"]) / float(res["cpu"]) / bare_cpu  # type: ignore[arg-type]
        print(f"{name:8} {rate:7.2f} {rate / bare_rate:7.2f} {rate / bare_rate / workers[name]:14.2f} "
              f"{(f'{steady:.2f}' if isinstance(steady, float) else '-'):>13} {per_cpu:17.2f} "
              f"{', '.join(f'{r:.0f}' for r in rss):>20}")  # type: ignore[attr-defined]
        summary[name] = {"rate": round(rate, 3), "ratio": round(rate / bare_rate, 3),
                         "ratio_per_worker": round(rate / bare_rate / workers[name], 3),
                         "steady_rate": round(steady, 3) if isinstance(steady, float) else None,
                         "per_cpu_second_ratio": round(per_cpu, 3),
                         "rss_mb": [round(r) for r in rss]}  # type: ignore[attr-defined]
    local1 = summary["local1"]["rate"]  # type: ignore[index]
    summary["speedup_local_1_to_2"] = round(summary["local2"]["rate"] / local1, 3)  # type: ignore[index]
    summary["speedup_dask2_vs_local1"] = round(summary["dask2"]["rate"] / local1, 3)  # type: ignore[index]
    steady1 = summary["local1"]["steady_rate"]  # type: ignore[index]
    for name in ("local2", "dask2"):
        steady = summary[name]["steady_rate"]  # type: ignore[index]
        summary[f"steady_speedup_{name}_vs_local1"] = round(steady / steady1, 3) if steady and steady1 else None
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
