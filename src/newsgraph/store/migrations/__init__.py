"""Numbered migrations: ``NNNN_name.py`` modules, applied in order, each recorded in
``schema_version``.

A migration module defines ``VERSION`` (its number, equal to the file's prefix), ``NAME``
and ``upgrade(conn)``; ``conn`` is inside the one transaction that applies every pending
migration (PostgreSQL and SQLite both run DDL in transactions), so a failed migration
leaves the database as it was. To change the schema, add the next file (say
``0003_entity_links.py``) and update ``newsgraph.store.tables`` to the new shape; never edit
a migration that has shipped.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from newsgraph.store import tables

_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.py$")
#: An arbitrary constant: the PostgreSQL advisory lock held while migrating.
_PG_LOCK = 0x6E657773


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    module: ModuleType


@lru_cache(maxsize=1)
def migrations() -> tuple[Migration, ...]:
    """Every migration shipped in this folder, by number; the numbers run 1, 2, 3 ... with no gap."""
    found = []
    for path in sorted(Path(__file__).parent.glob("*.py")):
        match = _FILE.match(path.name)
        if not match:
            continue
        module = importlib.import_module(f"{__name__}.{path.stem}")
        version = int(match.group(1))
        if getattr(module, "VERSION", None) != version:
            raise RuntimeError(f"migration {path.name}: VERSION must be {version}")
        found.append(Migration(version, str(module.NAME), module))
    numbers = [m.version for m in found]
    if numbers != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migration numbers must run 1, 2, 3 ... without gaps: {numbers}")
    return tuple(found)


def latest() -> int:
    return migrations()[-1].version


def applied(conn: Connection) -> list[int]:
    if not conn.dialect.has_table(conn, "schema_version"):
        return []
    return [int(v) for v in conn.execute(text("SELECT version FROM schema_version ORDER BY version")).scalars()]


def migrate(engine: Engine) -> list[int]:
    """Apply every pending migration in one transaction; returns the versions applied."""
    with engine.connect() as conn:
        conn.execution_options(newsgraph_write=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
            tables.schema_version.create(conn, checkfirst=True)
            done = set(applied(conn))
            newer = [v for v in done if v > latest()]
            if newer:
                raise RuntimeError(
                    f"the store is at schema version {max(newer)}, newer than this program knows "
                    f"({latest()}): upgrade newsgraph"
                )
            ran = []
            for migration in migrations():
                if migration.version in done:
                    continue
                migration.module.upgrade(conn)
                conn.execute(
                    tables.schema_version.insert().values(
                        version=migration.version,
                        name=migration.name,
                        applied_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    )
                )
                ran.append(migration.version)
            return ran
