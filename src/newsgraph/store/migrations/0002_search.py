"""0002: full-text search over ``search_docs`` (article text and quotes).

SQLite: an FTS5 table with external content (``search_docs``) kept in step by triggers.
PostgreSQL: a stored ``tsvector`` column with a GIN index. Both index the same
pre-tokenized body (lower-case runs of letters and digits joined by spaces, see
``newsgraph.store.search``) with a tokenizer that neither stems nor drops stop words, so
the two databases match the same documents.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

VERSION = 2
NAME = "search"

SQLITE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(body, content='search_docs', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN"
    " INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN"
    " INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN"
    " INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body);"
    " INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END",
]

POSTGRESQL = [
    "ALTER TABLE search_docs ADD COLUMN tsv tsvector"
    " GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED",
    "CREATE INDEX ix_search_docs_tsv ON search_docs USING gin (tsv)",
]


def upgrade(conn: Connection) -> None:
    statements = SQLITE if conn.dialect.name == "sqlite" else POSTGRESQL
    for statement in statements:
        conn.exec_driver_sql(statement)
