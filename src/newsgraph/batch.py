"""One-machine batch work: worker processes, a progress bar, and crash safety.

- :func:`extract_parallel` is :func:`newsgraph.pipeline.extract_many` over ``workers``
  processes (spawned, each with ``OMP_NUM_THREADS=1`` and the model loaded once, in its
  initializer). Results come back in input order, with at most ``2 * workers`` chunks in
  flight, so memory stays flat on any input size. A worker that dies (killed, out of memory)
  costs only the article that killed it: the chunks in flight are run again one article at a
  time on a fresh pool, and the article that kills a worker then is reported as failed.
  Workers exit when the parent dies.
- :class:`BatchProgress` draws a Rich progress bar on stderr (bytes of input read, articles
  per second, time left) when stderr is a terminal, and nothing otherwise.
- :func:`ingest_paths` is ``newsgraph ingest``: the sources, the store and both of the above.
  Crash safety comes from the store: each article is written in one transaction, and an
  input already stored is skipped, so the same command after a kill -9 stores what is
  missing and nothing twice. ``retry=True`` reads again the inputs ``failures`` lists.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.pipeline import Article, InputError, Settings, extract_many
from newsgraph.record import ArticleRecord
from newsgraph.sources import SourceError, display_name, iter_files, read_input, read_path

if TYPE_CHECKING:
    from newsgraph.store.base import Store
    from newsgraph.store.ingest import IngestReport

THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
CHUNK = 8  # articles per task: one nlp.pipe batch (batch 8 is the fastest, dependencies.md)

Outcome = tuple[str, Any, str | None]  # ("record", ArticleRecord, None) | ("error", message, input)


def single_thread_env() -> None:
    """One BLAS/OpenMP thread per process: N processes on N cores, no oversubscription."""
    for name in THREAD_VARS:
        os.environ[name] = "1"


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def init_worker(parent: int) -> None:
    """Runs once in each worker process: one thread, the model loaded, exit with the parent."""
    single_thread_env()
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="parent-watch").start()
    from newsgraph.nlp.model import load_nlp

    load_nlp()


def extract_tagged(articles: Iterable[Article], settings: Settings, batch_size: int = CHUNK,
                   ) -> Iterator[ArticleRecord | InputError]:
    """``extract_many`` with each InputError tagged with its article's URI (``input``): the
    results come one per article, in input order."""
    order: deque[Article] = deque()

    def feed() -> Iterator[Article]:
        for article in articles:
            order.append(article)
            yield article

    for result in extract_many(feed(), settings, batch_size=batch_size):
        article = order.popleft()
        if isinstance(result, InputError) and not getattr(result, "input", None):
            yield SourceError(str(result), article.uri)
        else:
            yield result


def extract_chunk(articles: list[Article], settings: Settings, batch_size: int) -> list[Outcome]:
    """Extract a chunk in this process; each InputError is tagged with its article's URI."""
    out: list[Outcome] = []
    for result in extract_tagged(articles, settings, batch_size):
        if isinstance(result, InputError):
            out.append(("error", str(result), getattr(result, "input", None)))
        else:
            out.append(("record", result, None))
    return out


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _as_results(outcomes: list[Outcome]) -> Iterator[ArticleRecord | InputError]:
    for kind, value, input in outcomes:
        yield value if kind == "record" else SourceError(value, input)


def new_pool(workers: int) -> ProcessPoolExecutor:
    single_thread_env()  # spawned children inherit it before numpy/thinc load
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
        initializer=init_worker, initargs=(os.getpid(),),
    )


def extract_parallel(
    articles: Iterable[Article], settings: Settings, batch_size: int = CHUNK, *, workers: int = 2,
    chunk: int = CHUNK,
) -> Iterator[ArticleRecord | InputError]:
    """``extract_many`` over ``workers`` processes; results in input order."""
    if workers <= 1:
        yield from extract_tagged(articles, settings, batch_size)
        return
    pool = new_pool(workers)
    window: deque[tuple[list[Article], Future[list[Outcome]]]] = deque()
    try:
        for part in _chunks(articles, chunk):
            window.append((part, pool.submit(extract_chunk, part, settings, batch_size)))
            while len(window) >= 2 * workers:
                pool = yield from _collect(window, pool, workers, settings, batch_size)
        while window:
            pool = yield from _collect(window, pool, workers, settings, batch_size)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _collect(window: deque[tuple[list[Article], Future[list[Outcome]]]], pool: ProcessPoolExecutor,
             workers: int, settings: Settings, batch_size: int,
             ) -> Generator[ArticleRecord | InputError, None, ProcessPoolExecutor]:
    """Yield the oldest chunk's results. When a worker died, every chunk in flight is
    suspect: those that finished are kept, the others are run again one article at a time
    on a fresh pool, so the article that kills a worker is the one reported. Returns the pool
    to go on with."""
    part, future = window.popleft()
    try:
        outcomes = future.result()
    except BrokenProcessPool:
        suspects = [(part, future), *window]
        window.clear()
        pool.shutdown(wait=False, cancel_futures=True)
        pool = new_pool(workers)
        for chunk, done in suspects:
            if done.done() and not done.cancelled() and done.exception() is None:
                yield from _as_results(done.result())
                continue
            for article in chunk:
                pool = yield from _isolated(article, pool, workers, settings, batch_size)
        return pool
    except Exception as exc:  # an internal error in the chunk: its articles fail, the batch goes on
        for article in part:
            yield SourceError(f"{display_name(article.uri)}: internal error: {type(exc).__name__}: {exc}",
                              article.uri)
        return pool
    yield from _as_results(outcomes)
    return pool


def _isolated(article: Article, pool: ProcessPoolExecutor, workers: int, settings: Settings,
              batch_size: int) -> Generator[ArticleRecord | InputError, None, ProcessPoolExecutor]:
    """One article alone on the pool: if a worker dies now, this article killed it."""
    try:
        outcomes = pool.submit(extract_chunk, [article], settings, batch_size).result()
    except BrokenProcessPool:
        pool.shutdown(wait=False, cancel_futures=True)
        yield SourceError(f"{display_name(article.uri)}: a worker process died while extracting it", article.uri)
        return new_pool(workers)
    except Exception as exc:
        yield SourceError(f"{display_name(article.uri)}: internal error: {type(exc).__name__}: {exc}", article.uri)
        return pool
    yield from _as_results(outcomes)
    return pool


# -- progress ------------------------------------------------------------------------------------

class BatchProgress:
    """A progress bar on stderr (bytes read, articles/s, time left) when stderr is a terminal."""

    def __init__(self, total_bytes: int | None, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.total = total_bytes
        self.counts: dict[str, int] = {}
        self.started = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> BatchProgress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                DownloadColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(
                TextColumn("[bold]{task.description}"), BarColumn(), DownloadColumn(),
                TextColumn("{task.fields[articles]} articles, {task.fields[rate]}/s"),
                TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                console=Console(file=sys.stderr), transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task("ingest", total=self.total, articles=0, rate="0.0")
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    @property
    def articles(self) -> int:
        return sum(self.counts.values())

    def rate(self) -> float:
        return self.articles / max(time.monotonic() - self.started, 1e-6)

    def read(self, nbytes: int) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, nbytes)

    def done(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1
        if self._bar is not None:
            self._bar.update(self._task, articles=self.articles, rate=f"{self.rate():.1f}")

    def message(self, text: str) -> None:
        if self._bar is not None:
            self._bar.console.print(text, markup=False, highlight=False)
        else:
            print(text, file=sys.stderr)

    def reporter(self, verbose: bool) -> Callable[[str, str], None]:
        """The ``progress`` callback of :func:`newsgraph.store.ingest.ingest`: counts, and a
        line per failure (per article too when ``verbose`` and there is no bar)."""

        def report(what: str, name: str) -> None:
            self.done(what)
            if what == "failed" or (verbose and self._bar is None):
                self.message(f"{what}: {name}")

        return report


def total_bytes(paths: Iterable[Path]) -> int:
    total = 0
    for item in iter_files(paths):
        if isinstance(item, Path):
            try:
                total += item.stat().st_size
            except OSError:
                continue
    return total


# -- ingest ---------------------------------------------------------------------------------------

@dataclass
class _Reread:
    """Failure rows of the inputs read again in this run, to drop those not reported again."""

    store: Any
    rows: dict[int, tuple[str, str]]
    active: bool

    @classmethod
    def of(cls, store: Store) -> _Reread:
        from sqlalchemy import func, select

        from newsgraph.store import tables as t

        with store.engine.connect() as conn:
            active = bool(conn.execute(select(func.count()).select_from(t.failures)).scalar())
        return cls(store, {}, active)

    def note(self, uri: str, exact: bool = False) -> None:
        """Remember the failure rows of ``uri`` (and of the items inside it)."""
        if not self.active:
            return
        from sqlalchemy import and_, or_, select

        from newsgraph.store import tables as t

        f = t.failures
        # the items inside a file are "<uri>#...": a range on the indexed column, not a LIKE
        inside = and_(f.c.input >= uri + "#", f.c.input < uri + "$")
        cond = f.c.input == uri if exact else or_(f.c.input == uri, inside)
        with self.store.engine.connect() as conn:
            for row in conn.execute(select(f.c.id, f.c.input, f.c.reason).where(cond)):
                self.rows[int(row.id)] = (row.input, row.reason)

    def drop_stale(self, report: IngestReport) -> int:
        """Delete the remembered rows whose input did not fail again with the same reason."""
        if not self.rows:
            return 0
        from sqlalchemy import delete

        from newsgraph.store import tables as t

        again = set(report.failures)
        stale = [i for i, pair in self.rows.items() if pair not in again]
        with self.store.engine.connect() as conn, conn.begin():
            for start in range(0, len(stale), 500):
                conn.execute(delete(t.failures).where(t.failures.c.id.in_(stale[start:start + 500])))
        return len(stale)


def _read_paths(paths: list[Path], bar: BatchProgress, reread: _Reread) -> Iterator[Article | InputError]:
    for item in iter_files(paths):
        if isinstance(item, InputError):
            yield item
            continue
        reread.note(item.resolve().as_uri())
        yield from read_path(item)
        try:
            bar.read(item.stat().st_size)
        except OSError:
            continue


def retry_inputs(store: Store) -> list[str]:
    """The inputs the failures table lists (read, extract and store failures), oldest first."""
    from sqlalchemy import func, select

    from newsgraph.store import tables as t

    f = t.failures
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(f.c.input, func.min(f.c.id).label("first")).where(f.c.stage != "reprocess")
            .group_by(f.c.input).order_by("first")
        )
        return [str(r.input) for r in rows]


def _read_again(inputs: list[str], bar: BatchProgress, reread: _Reread) -> Iterator[Article | InputError]:
    for uri in inputs:
        reread.note(uri, exact=True)
        yield from read_input(uri)


def ingest_paths(
    store: Store, paths: list[Path], settings: Settings, *, workers: int = 1, retry: bool = False,
    verbose: bool = True, progress: bool | None = None,
) -> IngestReport:
    """``newsgraph ingest``: read the paths (or, with ``retry``, the inputs that failed), extract
    with ``workers`` processes, store each article once, record each failure."""
    from newsgraph.store.ingest import ingest

    reread = _Reread.of(store)
    extract = partial(extract_parallel, workers=workers)
    if retry:
        inputs = retry_inputs(store)
        with BatchProgress(None, progress) as bar:
            items = _read_again(inputs, bar, reread)
            report = ingest(store, items, settings, progress=bar.reporter(verbose), extract=extract)
    else:
        shown = sys.stderr.isatty() if progress is None else progress
        with BatchProgress(total_bytes(paths) if shown else None, shown) as bar:
            items = _read_paths(paths, bar, reread)
            report = ingest(store, items, settings, progress=bar.reporter(verbose), extract=extract)
    reread.drop_stale(report)
    return report
