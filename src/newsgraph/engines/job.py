"""A batch job over input shards, the same code on every engine.

    plan(paths)            -> shards (groups of input files; a container file is a shard of its own)
    run_shard(shard, ...)  -> ShardResult (records as JSON, failures, the raw inputs if the store
                              needs them); runs wherever the engine puts it: this process, a
                              local worker process, or a Dask worker
    Sink                   -> writes each result on the driver: Parquet parts under ``out``
                              (``records/part-<key>.parquet``, ``failures/part-<key>.parquet``)
                              and/or the store (one writer: the driver)

A shard whose records part exists is done: the same command after a crash skips it (parts
are written to a temporary name and renamed, so a part is whole or absent). Records with an id
already written in this run are not written again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.pipeline import Article, InputError, Settings, extract_many
from newsgraph.record import ArticleRecord
from newsgraph.sources import iter_files, read_path

if TYPE_CHECKING:
    from newsgraph.store.base import Store

FILES_PER_SHARD = 32
RECORD_COLUMNS = ("id", "content_key", "uri", "title", "published", "language", "record")


@dataclass(frozen=True)
class Shard:
    key: str
    files: tuple[str, ...]


@dataclass
class ShardResult:
    key: str
    records: list[str] = field(default_factory=list)  # record JSON, in input order
    articles: list[Article] | None = None  # the raw inputs of the records (for the store)
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (input, reason, stage)
    pid: int = 0
    model_loads: int = 0
    nbytes: int = 0


@dataclass
class JobReport:
    shards: int = 0
    skipped: int = 0
    records: int = 0
    duplicates: int = 0
    failed: int = 0
    stored: dict[str, int] = field(default_factory=dict)
    model_loads: dict[int, int] = field(default_factory=dict)  # worker pid -> model loads

    def to_dict(self) -> dict[str, object]:
        return {"shards": self.shards, "skipped": self.skipped, "records": self.records,
                "duplicates": self.duplicates, "failed": self.failed, "stored": self.stored,
                "workers": len(self.model_loads)}


def _is_container(path: Path) -> bool:
    from newsgraph.containers import container_for

    return container_for(path) is not None


def plan(paths: Iterable[Path], files_per_shard: int = FILES_PER_SHARD) -> tuple[list[Shard], list[InputError]]:
    """Group the input files into shards; a missing path is an error."""
    shards: list[Shard] = []
    errors: list[InputError] = []
    group: list[str] = []

    def close(files: list[str]) -> None:
        digest = hashlib.sha256("\n".join(files).encode()).hexdigest()[:16]
        shards.append(Shard(key=f"{len(shards):06d}-{digest}", files=tuple(files)))

    for item in iter_files(paths):
        if isinstance(item, InputError):
            errors.append(item)
            continue
        name = str(item.resolve())
        if _is_container(item):
            close([name])
            continue
        group.append(name)
        if len(group) >= files_per_shard:
            close(group)
            group = []
    if group:
        close(group)
    return shards, errors


def run_shard(shard: Shard, settings: Settings, keep_inputs: bool = False, batch_size: int = 8) -> ShardResult:
    """Read and extract one shard in this process (the model is loaded once per process)."""
    from newsgraph.batch import single_thread_env
    from newsgraph.nlp.model import load_nlp
    from newsgraph.store.ingest import _error_input

    single_thread_env()
    result = ShardResult(key=shard.key, articles=[] if keep_inputs else None, pid=os.getpid())
    order: deque[Article] = deque()  # articles sent to extraction (results come in input order)

    def feed() -> Iterator[Article]:
        for name in shard.files:
            path = Path(name)
            with contextlib.suppress(OSError):
                result.nbytes += path.stat().st_size
            for item in read_path(path):
                if isinstance(item, InputError):
                    result.failures.append((_error_input(item), str(item), "read"))
                    continue
                order.append(item)
                yield item

    for out in extract_many(feed(), settings, batch_size=batch_size):
        article = order.popleft()
        if isinstance(out, InputError):
            given = getattr(out, "input", None) or article.uri or "(input)"
            result.failures.append((given, str(out), "extract"))
            continue
        result.records.append(out.to_json())
        if result.articles is not None:
            result.articles.append(article)
    result.model_loads = load_nlp.cache_info().misses
    return result


class Sink:
    """Writes shard results on the driver: Parquet parts and/or the store."""

    def __init__(self, out: Path | None, store: Store | None, settings: Settings) -> None:
        self.out, self.store, self.settings = out, store, settings
        self.seen: set[str] = set()
        if out is not None:
            (out / "records").mkdir(parents=True, exist_ok=True)
            (out / "failures").mkdir(parents=True, exist_ok=True)

    def done(self, shard: Shard) -> bool:
        return self.out is not None and self.store is None and (self.out / "records" / f"part-{shard.key}.parquet").exists()

    def write(self, result: ShardResult, report: JobReport) -> None:
        report.model_loads[result.pid] = max(report.model_loads.get(result.pid, 0), result.model_loads)
        report.failed += len(result.failures)
        fresh: list[str] = []
        articles = result.articles or []
        for n, text in enumerate(result.records):
            record_id = json.loads(text)["id"]
            if record_id in self.seen:
                report.duplicates += 1
                continue
            self.seen.add(record_id)
            fresh.append(text)
            if self.store is not None:
                self._put(text, articles[n] if n < len(articles) else None, report)
        report.records += len(fresh)
        if self.store is not None:
            for input, reason, stage in result.failures:
                self.store.add_failure(input, reason, stage)
        if self.out is not None:
            self._parquet(result.key, fresh, result.failures)

    def _put(self, text: str, article: Article | None, report: JobReport) -> None:
        assert self.store is not None
        record = ArticleRecord.from_dict(json.loads(text))
        try:
            outcome: str = self.store.put(record, article, self.settings)
        except Exception as exc:  # a refused write loses this article, never the job
            self.store.add_failure(article.uri if article and article.uri else record.id, str(exc), "store")
            outcome = "failed"
            report.failed += 1
        report.stored[outcome] = report.stored.get(outcome, 0) + 1

    def _parquet(self, key: str, records: list[str], failures: list[tuple[str, str, str]]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        assert self.out is not None
        fails = pa.table({
            "input": [f[0] for f in failures], "reason": [f[1] for f in failures], "stage": [f[2] for f in failures],
        }, schema=pa.schema([("input", pa.string()), ("reason", pa.string()), ("stage", pa.string())]))
        _atomic(self.out / "failures" / f"part-{key}.parquet", lambda p: pq.write_table(fails, p))
        rows: dict[str, list[Any]] = {c: [] for c in RECORD_COLUMNS}
        for text in records:
            data = json.loads(text)
            rows["id"].append(data["id"])
            rows["content_key"].append(data["content_key"])
            rows["uri"].append(data["source"]["uri"])
            rows["title"].append(data["title"])
            rows["published"].append(data["published"]["date"])
            rows["language"].append(data["language"])
            rows["record"].append(text)
        table = pa.table(rows, schema=pa.schema([(c, pa.string()) for c in RECORD_COLUMNS]))
        _atomic(self.out / "records" / f"part-{key}.parquet", lambda p: pq.write_table(table, p))


def _atomic(path: Path, write: Callable[[Path], None]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    write(tmp)
    os.replace(tmp, path)


def read_records(out: Path) -> list[dict[str, Any]]:
    """The records a job wrote under ``out`` (every part), as dicts."""
    import pyarrow.parquet as pq

    records: list[dict[str, Any]] = []
    for part in sorted((out / "records").glob("part-*.parquet")):
        records.extend(json.loads(text) for text in pq.read_table(part, columns=["record"]).column("record").to_pylist())
    return records


def run_local(shards: list[Shard], settings: Settings, sink: Sink, report: JobReport, *, workers: int,
              keep_inputs: bool, on_result: Callable[[ShardResult], None]) -> None:
    """Run the shards in this process (1 worker) or a pool of worker processes."""
    if workers <= 1:
        for shard in shards:
            result = run_shard(shard, settings, keep_inputs)
            sink.write(result, report)
            on_result(result)
        return
    from concurrent.futures import FIRST_COMPLETED, Future, wait

    from newsgraph.batch import new_pool

    pool = new_pool(workers)
    todo = iter(shards)
    running: dict[Future[ShardResult], Shard] = {}
    try:
        while True:
            while len(running) < 2 * workers:
                upcoming = next(todo, None)
                if upcoming is None:
                    break
                running[pool.submit(run_shard, upcoming, settings, keep_inputs)] = upcoming
            if not running:
                break
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                shard = running.pop(future)
                result = shard_outcome(future.result, shard)
                sink.write(result, report)
                on_result(result)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def shard_outcome(get: Callable[[], ShardResult], shard: Shard) -> ShardResult:
    """A shard's result, or a result listing every file of a shard whose task failed."""
    try:
        return get()
    except Exception as exc:
        reason = f"the shard's task failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        return ShardResult(key=shard.key, failures=[(Path(f).as_uri(), reason, "extract") for f in shard.files])

def run_job(
    paths: list[Path], settings: Settings, *, engine: str = "local", workers: int = 1,
    scheduler: str | None = None, out: Path | None = None, store: Store | None = None,
    files_per_shard: int = FILES_PER_SHARD, progress: bool | None = None, verbose: bool = False,
) -> JobReport:
    """Plan the shards of ``paths``, run them on ``engine`` ("local" or "dask"), write the
    results to Parquet under ``out`` and/or to ``store``."""
    from newsgraph.batch import BatchProgress, total_bytes

    if out is None and store is None:
        raise ValueError("a batch job needs --out DIR and/or --db")
    shards, errors = plan(paths, files_per_shard)
    sink = Sink(out, store, settings)
    report = JobReport(shards=len(shards))
    for error in errors:
        report.failed += 1
        if store is not None:
            from newsgraph.store.ingest import _error_input

            store.add_failure(_error_input(error), str(error), "read")
    todo = [s for s in shards if not sink.done(s)]
    report.skipped = len(shards) - len(todo)
    shown = sys.stderr.isatty() if progress is None else progress
    with BatchProgress(total_bytes(paths) if shown else None, shown) as bar:
        for error in errors:
            bar.message(f"failed: {error}")

        def on_result(result: ShardResult) -> None:
            bar.read(result.nbytes)
            for _ in result.records:
                bar.done("record")
            for _input, reason, _stage in result.failures:
                bar.done("failed")
                bar.message(f"failed: {reason}")
            if verbose and not bar.enabled:
                bar.message(f"shard {result.key}: {len(result.records)} record(s)")

        keep = store is not None
        if engine == "local":
            run_local(todo, settings, sink, report, workers=workers, keep_inputs=keep, on_result=on_result)
        elif engine == "dask":
            from newsgraph.engines.dask import run_dask

            run_dask(todo, settings, sink, report, scheduler=scheduler, workers=workers,
                     keep_inputs=keep, on_result=on_result)
        else:
            raise ValueError(f"unknown engine {engine!r} (local or dask)")
    return report
