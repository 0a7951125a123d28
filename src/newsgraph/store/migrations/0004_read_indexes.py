"""0004: indexes for the main read paths on large stores: articles newest first (home page,
``articles``) and events by date (timeline). Measured on 100,000 synthetic records
(scripts/bench_queries.py): articles page 1 p95 576 -> 38 ms, timeline 1512 -> 770 ms."""

from __future__ import annotations

from sqlalchemy.engine import Connection

VERSION = 4
NAME = "read_indexes"

STATEMENTS = [
    "CREATE INDEX ix_articles_published_id ON articles (published, id)",
    "CREATE INDEX ix_events_date ON events (date)",
]


def upgrade(conn: Connection) -> None:
    for statement in STATEMENTS:
        conn.exec_driver_sql(statement)
