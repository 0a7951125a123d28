"""The store: articles and their facets in SQLite (default) or PostgreSQL.

    from newsgraph.store import open_store
    with open_store("newsgraph.db") as store:          # or "postgresql://user@host/db"
        ingest(store, paths, settings)                  # newsgraph.store.ingest
        query.list_quotes(store, speaker="Tansen")       # newsgraph.query

Layout: ``base`` (Store protocol), ``tables`` (current SQLAlchemy tables), ``migrations``
(numbered ``NNNN_name.py``), ``sql`` (the SQLAlchemy store), ``rows`` (record -> rows),
``search`` (the one tokenizer and the safe query language), ``ingest`` (ingest, reprocess).

Growing the store: add a migration ``migrations/NNNN_name.py`` (next number) and the new
table to ``tables``; read it through ``newsgraph.query``; to keep a cross-article table in
step with article writes, append a hook to ``newsgraph.store.sql.WRITE_HOOKS`` (it runs in
the article's transaction, after its facet rows, on ingest and on reprocess).
"""

from __future__ import annotations

import os

import newsgraph.picture.update  # noqa: F401  (registers the cross-article write hook)
from newsgraph.store.base import Store, StoreError
from newsgraph.store.sql import DEFAULT_DB, ENV_VAR, SqlStore, resolve_url


def open_store(db: str | os.PathLike[str] | None = None) -> SqlStore:
    """Open (and migrate) the store named by ``db`` / ``$NEWSGRAPH_DB`` / ``./newsgraph.db``."""
    return SqlStore(db)


__all__ = ["DEFAULT_DB", "ENV_VAR", "SqlStore", "Store", "StoreError", "open_store", "resolve_url"]
