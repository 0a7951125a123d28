"""The batch job on Dask distributed (optional extra: ``pip install newsgraph[dask]``).

Each shard is one task, :func:`newsgraph.engines.job.run_shard`, the same code the local
engine runs. A worker process loads the model the first time it runs a shard and keeps it
(``load_nlp`` is cached per process); Dask's nanny starts worker processes with
``OMP_NUM_THREADS=1`` (``distributed.nanny.pre-spawn-environ``, set here too). The driver
(this process) keeps at most ``2 x workers`` shards in flight and writes each result as it
arrives (Parquet parts and/or the store), so nothing the cluster made waits in memory.

Without ``scheduler`` a LocalCluster of ``workers`` processes (one thread each, no
dashboard) is started and closed; with it, the job connects to a running scheduler
(``tcp://host:8786``; see docs/scale.md for SLURM and Kubernetes) and uses its workers, which
must have newsgraph installed and see the input files under the same paths.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

from newsgraph.batch import THREAD_VARS
from newsgraph.engines.job import JobReport, Shard, ShardResult, Sink, run_shard, shard_outcome

if TYPE_CHECKING:
    from newsgraph.pipeline import Settings


def _import_distributed() -> Any:
    try:
        import distributed
    except ModuleNotFoundError:
        raise RuntimeError(
            "the dask engine needs the optional extra: pip install 'newsgraph[dask]'"
        ) from None
    return distributed


def client_for(scheduler: str | None, workers: int, stack: ExitStack) -> Any:
    """A client of the given scheduler, or of a LocalCluster of ``workers`` processes."""
    import dask

    distributed = _import_distributed()
    settings: dict[str, object] = {f"distributed.nanny.pre-spawn-environ.{v}": 1 for v in THREAD_VARS}
    settings["distributed.worker.profile.enabled"] = False  # its 10 ms sampler costs CPU on every worker
    stack.enter_context(dask.config.set(settings))
    if scheduler:
        return stack.enter_context(distributed.Client(scheduler, set_as_default=False))
    cluster = stack.enter_context(distributed.LocalCluster(
        n_workers=max(workers, 1), threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address="127.0.0.1:0",  # a free port: two clusters on one machine never clash
        silence_logs=logging.ERROR,
    ))
    return stack.enter_context(distributed.Client(cluster, set_as_default=False))


def run_dask(shards: list[Shard], settings: Settings, sink: Sink, report: JobReport, *,
             scheduler: str | None, workers: int, keep_inputs: bool,
             on_result: Callable[[ShardResult], None]) -> None:
    distributed = _import_distributed()
    with ExitStack() as stack:
        client = client_for(scheduler, workers, stack)
        slots = max(sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()), 1)
        todo = iter(shards)
        of: dict[Any, Shard] = {}
        run = uuid.uuid4().hex[:8]

        def submit() -> Any | None:
            shard = next(todo, None)
            if shard is None:
                return None
            future = client.submit(run_shard, shard, settings, keep_inputs, pure=False, key=f"newsgraph-shard-{shard.key}-{run}")
            of[future] = shard
            return future

        first = [f for f in (submit() for _ in range(2 * slots)) if f is not None]
        queue = distributed.as_completed(first, loop=client.loop)
        for future in queue:
            shard = of.pop(future)
            result = shard_outcome(future.result, shard)
            future.release()
            sink.write(result, report)
            on_result(result)
            following = submit()
            if following is not None:
                queue.add(following)
