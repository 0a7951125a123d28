"""The batch job on Dask distributed (LocalCluster of 2 processes) gives the same records as
the local job on the same input, loads the model once per worker, and writes Parquet and the
store; a rerun skips the shards already written."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from _scale_support import article_text, html_page, jsonl, mixed_folder
from conftest import REFERENCE_DATE, check_record
from newsgraph.engines.job import read_records, run_job
from newsgraph.pipeline import Settings
from newsgraph.record import ArticleRecord
from newsgraph.store import open_store

pytestmark = pytest.mark.slow
distributed = pytest.importorskip("distributed")
SETTINGS = Settings(reference_date=REFERENCE_DATE)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address="127.0.0.1:0") as c:
        yield c


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dask") / "in"
    made = mixed_folder(root)
    assert made["bad"]
    for i in range(8):
        (root / f"more-{i}.txt").write_text(article_text(200 + i), "utf-8")
    (root / "feed.jsonl").write_text(jsonl([{"html": html_page(210 + i), "url": f"http://d.invalid/{i}"} for i in range(3)]), "utf-8")
    return root


def _without_run(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out = {}
    for record in records:
        record["provenance"].pop("run")
        out[record["id"]] = record
    return out


def test_dask_records_equal_local_records(cluster: Any, inputs: Path, tmp_path: Path) -> None:
    local_out, dask_out = tmp_path / "local", tmp_path / "dask"
    local = run_job([inputs], SETTINGS, engine="local", workers=1, out=local_out, files_per_shard=3, progress=False)
    remote = run_job([inputs], SETTINGS, engine="dask", scheduler=cluster.scheduler_address, out=dask_out,
                     files_per_shard=3, progress=False)
    assert remote.shards == local.shards >= 6
    assert remote.records == local.records == 3 + 2 + 2 + 8 + 3
    assert remote.failed == local.failed == 5
    a, b = _without_run(read_records(local_out)), _without_run(read_records(dask_out))
    assert a == b
    for data in b.values():
        data["provenance"]["run"] = {"started_at": "2026-11-26T00:00:00+00:00", "host": "x"}
        check_record(ArticleRecord.from_dict(data))
    # one model per worker process, loaded once, and both workers used
    assert len(remote.model_loads) == 2 and set(remote.model_loads.values()) == {1}
    with distributed.Client(cluster, set_as_default=False) as client:
        pids = set(client.run(os.getpid).values())
    assert set(remote.model_loads) == pids

    # failures go to Parquet with their reasons
    import pyarrow.parquet as pq

    reasons = [r for part in (dask_out / "failures").glob("*.parquet") for r in pq.read_table(part).column("reason").to_pylist()]
    assert len(reasons) == 5 and any("bad JSON line" in r for r in reasons)

    # the same job again: every shard is already written
    rerun = run_job([inputs], SETTINGS, engine="dask", scheduler=cluster.scheduler_address, out=dask_out,
                    files_per_shard=3, progress=False)
    assert rerun.skipped == rerun.shards and rerun.records == 0


def test_dask_job_into_the_store(cluster: Any, inputs: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_store(db) as store:
        report = run_job([inputs], SETTINGS, engine="dask", scheduler=cluster.scheduler_address, store=store,
                         files_per_shard=4, progress=False)
        assert report.stored == {"stored": 18}
        failures = {f["input"] for f in json.loads(json.dumps(_failures(store)))}
        assert len(failures) == 5
        # again: nothing stored twice
        again = run_job([inputs], SETTINGS, engine="dask", scheduler=cluster.scheduler_address, store=store,
                        files_per_shard=4, progress=False)
        assert again.stored == {"known": 18}
        assert len(store.all_ids()) == 18


def _failures(store: Any) -> list[dict[str, Any]]:
    from newsgraph import query

    return list(query.list_failures(store, limit=100)["items"])


def test_batch_command_on_the_cluster(cluster: Any, inputs: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["batch", str(inputs), "--engine", "dask", "--scheduler", cluster.scheduler_address,
                                      "--out", str(out), "--reference-date", REFERENCE_DATE.isoformat(), "-q"])
    assert result.exit_code == 1  # the bad inputs
    report = json.loads(result.stdout)
    assert report["records"] == 18 and report["failed"] == 5
    assert len(read_records(out)) == 18
    bad = CliRunner().invoke(app, ["batch", str(inputs), "--scheduler", "tcp://127.0.0.1:1", "--out", str(out)])
    assert bad.exit_code == 2  # --scheduler without --engine dask
