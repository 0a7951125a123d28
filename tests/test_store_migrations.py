"""Numbered migrations: applied once, in order, recorded in schema_version; the migrated
database has exactly the columns of ``newsgraph.store.tables``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from _store_support import pg_database
from newsgraph.store import SqlStore
from newsgraph.store import tables as t
from newsgraph.store.migrations import latest, migrate, migrations


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "m.db")
        return
    with pg_database(request.getfixturevalue("pg_url")) as pg:
        yield pg


def test_migration_files_are_numbered_without_gaps() -> None:
    found = migrations()
    assert [m.version for m in found] == list(range(1, len(found) + 1))
    assert found[0].name == "initial" and latest() == len(found) >= 2
    for m in found:
        assert Path(m.module.__file__ or "").name.startswith(f"{m.version:04d}_")


def test_migrate_once_and_in_order(url: str) -> None:
    store = SqlStore(url)
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(t.schema_version.c.version, t.schema_version.c.name)
                            .order_by(t.schema_version.c.version)).all()
    assert [tuple(r) for r in rows] == [(m.version, m.name) for m in migrations()]
    assert migrate(store.engine) == []  # a second run applies nothing
    store.close()
    again = SqlStore(url)  # opening again migrates nothing either
    with again.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(t.schema_version)).scalar() == latest()
    again.close()


def test_migrated_columns_match_the_tables_module(url: str) -> None:
    store = SqlStore(url)
    inspector = sa.inspect(store.engine)
    names = set(inspector.get_table_names())
    for table in t.metadata.sorted_tables:
        assert table.name in names, table.name
        got = {c["name"] for c in inspector.get_columns(table.name)}
        want = {c.name for c in table.columns}
        if table.name == "search_docs" and store.dialect == "postgresql":
            want.add("tsv")  # the generated tsvector column of 0002
        assert got == want, table.name
        pk = inspector.get_pk_constraint(table.name)["constrained_columns"]
        assert set(pk) == {c.name for c in table.primary_key.columns}, table.name
    store.close()


def test_a_newer_database_is_refused(url: str) -> None:
    store = SqlStore(url)
    with store.engine.begin() as conn:
        conn.execute(t.schema_version.insert().values(version=latest() + 1, name="future", applied_at="x"))
    with pytest.raises(RuntimeError, match="newer"):
        migrate(store.engine)
    store.close()
