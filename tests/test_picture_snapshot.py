"""The whole picture (every pic_* row) for the picture fixtures and the seed, stored in
several orders (all at once, one at a time newest first with rewrites, and many dated
copies as ``scripts/bench_picture.py`` makes them), against a committed digest of the rows.

The digest is only as good as the records it was taken on: it is keyed by a digest of the
records themselves, so a change of the extraction (not of the picture) fails the test (it
never skips) with a message saying how to write the snapshot again once the new picture is checked
(``NEWSGRAPH_PICTURE_SNAPSHOT=write .venv/bin/pytest tests/test_picture_snapshot.py``).
The same rows on PostgreSQL as on SQLite are checked without the snapshot."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from _store_support import SETTINGS, pg_database
from conftest import FIXTURES, SEED_DIR
from newsgraph.pipeline import Article, extract_many
from newsgraph.record import ArticleRecord, Published
from newsgraph.store import SqlStore
from newsgraph.store import tables as t

SNAPSHOT = FIXTURES / "picture_snapshot.json"
TABLES = ("pic_counters", "pic_entities", "pic_entity_links", "pic_events", "pic_event_reports", "pic_stories",
          "pic_articles", "pic_points", "pic_series", "pic_contradictions")
Item = tuple[ArticleRecord, Article]


@pytest.fixture(scope="module")
def items() -> list[Item]:
    files = sorted((FIXTURES / "picture").glob("*/*.txt")) + sorted(SEED_DIR.glob("*.txt"))
    assert any(f.parent == SEED_DIR for f in files), "the seed is read from ../shared at run time"
    # uris without the checkout's location, so the records (and their digest) are the same anywhere
    arts = [Article(content=f.read_text("utf-8"), uri=f"fixture:{f.parent.name}/{f.name}") for f in files]
    return list(zip(extract_many(arts, SETTINGS), arts, strict=True))


def _records_digest(items: list[Item]) -> str:
    h = hashlib.sha256()
    for record, _ in items:
        h.update(json.dumps(record.model_dump(mode="json", exclude={"provenance"}), sort_keys=True).encode())
    return h.hexdigest()


def _copies(items: list[Item], n: int) -> list[Item]:
    """``n`` copies with their own ids and publication days spread over a year (as the bench)."""
    out = []
    for i in range(n):
        record = items[i % len(items)][0]
        day = (dt.date(2030, 1, 1) + dt.timedelta(days=(i * 7) % 120)).isoformat()
        copy = record.model_copy(update={"id": f"copy{i:04d}", "content_key": f"copy{i:04d}-body",
                                         "published": Published(date=day, basis="given")})
        out.append((copy, Article(content=f"copy {i}", uri=f"copy://{i}")))
    return out


def _dump(store: SqlStore) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    with store.engine.connect() as conn:
        for name in TABLES:
            table = t.metadata.tables[name]
            rows = conn.execute(sa.select(table)).mappings().all()
            out[name] = sorted(json.dumps({k: (v.hex() if isinstance(v, bytes) else v) for k, v in r.items()},
                                          sort_keys=True) for r in rows)
    return out


def _digest(dump: dict[str, list[str]]) -> str:
    return hashlib.sha256(json.dumps(dump, sort_keys=True).encode()).hexdigest()


def _all_at_once(store: SqlStore, items: list[Item]) -> None:
    for record, article in items:
        assert store.put(record, article, SETTINGS) == "stored"


def _newest_first_with_rewrites(store: SqlStore, items: list[Item]) -> None:
    for record, article in reversed(items):
        assert store.put(record, article, SETTINGS) == "stored"
    for record, _ in items[::3]:  # a reprocess rewrites an article's picture rows
        store.replace(record)


def _copies_in_order(store: SqlStore, items: list[Item]) -> None:
    _all_at_once(store, _copies(items, 60))


def _copies_reversed(store: SqlStore, items: list[Item]) -> None:
    _all_at_once(store, list(reversed(_copies(items, 60))))


ORDERS: dict[str, Callable[[SqlStore, list[Item]], None]] = {
    "all_at_once": _all_at_once, "newest_first_with_rewrites": _newest_first_with_rewrites,
    "copies_in_order": _copies_in_order, "copies_reversed": _copies_reversed,
}


def _build(url: str | Path, order: str, items: list[Item]) -> dict[str, list[str]]:
    with SqlStore(url) as store:
        ORDERS[order](store, items)
        return _dump(store)


def test_the_picture_matches_its_snapshot(items: list[Item], tmp_path: Path) -> None:
    got: dict[str, Any] = {"records": _records_digest(items)}
    dumps = {order: _build(tmp_path / f"{order}.db", order, items) for order in ORDERS}
    for order, dump in dumps.items():
        assert dump["pic_points"] and dump["pic_series"] and dump["pic_stories"], order
        got[order] = _digest(dump)
    assert dumps["all_at_once"]["pic_contradictions"] and dumps["copies_in_order"]["pic_contradictions"]
    if os.environ.get("NEWSGRAPH_PICTURE_SNAPSHOT") == "write":
        SNAPSHOT.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n", "utf-8")
    want = json.loads(SNAPSHOT.read_text("utf-8"))
    if want["records"] != got["records"]:
        pytest.fail("the records changed since the picture snapshot was written: check the picture by hand, "
                    "then NEWSGRAPH_PICTURE_SNAPSHOT=write .venv/bin/pytest tests/test_picture_snapshot.py")
    assert got == want


@pytest.mark.postgres
def test_postgres_gives_the_same_rows(items: list[Item], tmp_path: Path, pg_url: str) -> None:
    for order in ("newest_first_with_rewrites", "copies_reversed"):
        want = _build(tmp_path / f"{order}.db", order, items)
        with pg_database(pg_url) as url:
            got = _build(url, order, items)
        assert got == want, order
