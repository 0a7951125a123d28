"""Crash safety: a real `newsgraph ingest` killed with SIGKILL in the middle of a run, then the
same command again: nothing lost, nothing stored twice (the store equals a clean run's)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import psutil
import pytest

from _scale_support import NEWSGRAPH, article_text, run_cli
from conftest import REFERENCE_DATE

pytestmark = pytest.mark.slow
N = 24
TABLES = ("articles", "inputs", "article_sources", "entities", "mentions", "quotes", "figures", "timexes",
          "events", "checks", "failures", "search_docs")


def _count(db: Path, table: str = "articles") -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:  # not migrated yet
        return 0


def _counts(db: Path) -> dict[str, int]:
    return {t: _count(db, t) for t in TABLES}


def _ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return sorted(r[0] for r in conn.execute("SELECT id FROM articles"))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kill") / "in"
    root.mkdir()
    for i in range(N):
        (root / f"story-{i:03d}.txt").write_text(article_text(100 + i), "utf-8")
    return root


@pytest.fixture(scope="module")
def clean(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    done = run_cli("ingest", str(folder), "--db", str(db), "-q", "--reference-date", REFERENCE_DATE.isoformat())
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["stored"] == N
    return _counts(db)


@pytest.mark.parametrize("workers", [1, 2])
def test_kill_then_rerun(folder: Path, clean: dict[str, int], tmp_path: Path, workers: int) -> None:
    db = tmp_path / "s.db"
    command = [*NEWSGRAPH, "ingest", str(folder), "--db", str(db), "-q", "--workers", str(workers),
               "--reference-date", REFERENCE_DATE.isoformat()]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    children: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 300
        while _count(db) < 3 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        children = psutil.Process(proc.pid).children(recursive=True)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()
    at_kill = _count(db)
    assert proc.returncode == -signal.SIGKILL
    assert 3 <= at_kill < N, f"the run was not killed in the middle ({at_kill} of {N} stored)"
    # the worker processes notice their parent died and exit
    _gone, alive = psutil.wait_procs(children, timeout=15)
    assert not alive, [p.pid for p in alive]

    again = run_cli(*command[1:])
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert report["known"] == at_kill and report["stored"] == N - at_kill and report["failed"] == 0
    assert _counts(db) == clean  # every table: nothing lost, nothing twice, no half-written article
    assert len(_ids(db)) == len(set(_ids(db))) == N
