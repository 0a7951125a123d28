"""Shared test fixtures: the seed (read at run time from ../shared), a validated extract,
and the throw-away PostgreSQL cluster."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.pipeline import extract
from newsgraph.record import ArticleRecord
from newsgraph.schema import validate

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
SEED_DIR = SHARED / "corpus" / "seed"
FIXTURES = Path(__file__).parent / "fixtures"
REFERENCE_DATE = dt.date(2026, 11, 26)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def span_items(record: dict[str, Any]) -> Iterator[tuple[str, int, int, str]]:
    """Every (what, start, end, text) the record claims is a span of ``text``."""
    for ent in record["entities"]:
        for m in ent["mentions"]:
            yield ("mention", m["start"], m["end"], m["text"])
    for facet in ("quotes", "figures", "timexes"):
        for item in record[facet]:
            yield (facet, item["start"], item["end"], item["text"])
    for ev in record["events"]:
        for p in ev["actors"] + ev["targets"]:
            yield ("participant", p["start"], p["end"], p["text"])
        yield ("trigger", ev["trigger_span"]["start"], ev["trigger_span"]["end"], ev["trigger"])
    for ch in record["checks"]:
        yield ("claim", ch["claim_span"]["start"], ch["claim_span"]["end"], ch["claim"])
    if record["dateline"]:
        d = record["dateline"]
        yield ("dateline", d["start"], d["end"], d["text"])


def check_record(record: ArticleRecord) -> ArticleRecord:
    """Validate against the shipped schema, and check every span is exact."""
    data = record.to_dict()
    validate(data)
    text = data["text"]
    for what, start, end, item_text in span_items(data):
        assert 0 <= start <= end <= len(text), (what, start, end)
        assert text[start:end] == item_text, (what, text[start:end], item_text)
    return record


@pytest.fixture(scope="session")
def seed_text() -> str:
    files = sorted(SEED_DIR.glob("*.txt"))
    if not files:
        pytest.fail(f"the seed article is missing under {SEED_DIR}")
    return files[0].read_text("utf-8")


@pytest.fixture(scope="session")
def seed_record(seed_text: str) -> ArticleRecord:
    return check_record(extract(seed_text, reference_date=REFERENCE_DATE))


@pytest.fixture
def run_extract():  # type: ignore[no-untyped-def]
    """extract(text, **options) with the reference date pinned; the record is validated."""

    def _run(text: str, **options: Any) -> ArticleRecord:
        options.setdefault("reference_date", REFERENCE_DATE)
        return check_record(extract(text, **options))

    return _run


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return found[-1].parent if found else None


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A throw-away PostgreSQL cluster on loopback (owned by the postgres user when run as root).

    NEWSGRAPH_TEST_PG may name an existing server instead. With CI=true a test that cannot
    reach PostgreSQL fails; it never skips.
    """
    given = os.environ.get("NEWSGRAPH_TEST_PG")
    if given:
        yield given
        return
    bindir = _pg_bin()
    if bindir is None:
        msg = "PostgreSQL is not installed (make test installs it)"
        if IN_CI:
            pytest.fail(msg)
        pytest.skip(msg)
    datadir = Path(tempfile.mkdtemp(prefix="newsgraph-pg-"))
    port = _free_port()
    as_root = os.geteuid() == 0

    def run(cmd: list[str]) -> None:
        if as_root:
            cmd = ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{c}'" for c in cmd)]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    if as_root:
        shutil.chown(datadir, "postgres", "postgres")
    pgdata = datadir / "data"
    try:
        run([str(bindir / "initdb"), "-D", str(pgdata), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"])
        run([str(bindir / "pg_ctl"), "-D", str(pgdata), "-l", str(datadir / "server.log"), "-w",
             "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {datadir}", "start"])
    except subprocess.CalledProcessError as exc:
        msg = f"cannot start PostgreSQL: {exc.stderr.decode(errors='replace')[:500]}"
        if IN_CI:
            pytest.fail(msg)
        pytest.skip(msg)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        run([str(bindir / "pg_ctl"), "-D", str(pgdata), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(datadir, ignore_errors=True)
