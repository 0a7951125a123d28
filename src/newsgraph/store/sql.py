"""The SQLAlchemy store: SQLite (default; WAL, FTS5) or PostgreSQL (tsvector/GIN)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, delete, event, func, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from newsgraph.pipeline import Article, Settings
from newsgraph.record import ArticleRecord
from newsgraph.store import tables as t
from newsgraph.store.base import PutOutcome, StoredInput, StoreError
from newsgraph.store.migrations import migrate
from newsgraph.store.rows import article_row, facet_rows, search_rows

DEFAULT_DB = "newsgraph.db"
ENV_VAR = "NEWSGRAPH_DB"

#: ``hook(conn, record, replaced)`` runs inside the transaction that writes an article's rows
#: (a new article, or a rewrite by reprocess with ``replaced=True``), after its facet rows.
#: Cross-article tables (issue 9: merged entities, stories) register here to stay in step;
#: a hook that raises rolls the whole article back.
WriteHook = Callable[[Connection, ArticleRecord, bool], None]
WRITE_HOOKS: list[WriteHook] = []


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """``--db`` value, else ``$NEWSGRAPH_DB``, else ``newsgraph.db`` in the working directory.

    A value with ``://`` is a database URL (``postgresql://`` gets the psycopg driver); any
    other value is the path of a SQLite file.
    """
    value = str(db) if db is not None else os.environ.get(ENV_VAR) or DEFAULT_DB
    if "://" in value:
        for plain in ("postgresql://", "postgres://"):
            if value.startswith(plain):
                return "postgresql+psycopg://" + value[len(plain):]
        return value
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # writers take the lock at BEGIN, so two writers queue instead of failing on upgrade
        write = conn.get_execution_options().get("newsgraph_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


class SqlStore:
    """One store on one database. Thread-safe as SQLAlchemy engines are; one per process."""

    def __init__(self, db: str | os.PathLike[str] | None = None, *, migrate_now: bool = True) -> None:
        self.url = resolve_url(db)
        if self.url.startswith("sqlite"):
            path = self.url.removeprefix("sqlite:///")
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.engine = _sqlite_engine(self.url)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)
        if migrate_now:
            migrate(self.engine)

    @property
    def dialect(self) -> str:
        return str(self.engine.dialect.name)

    def __repr__(self) -> str:
        return f"SqlStore({self.engine.url.render_as_string(hide_password=True)!r})"

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    # -- writing ---------------------------------------------------------------------------

    def _write(self) -> Any:
        conn = self.engine.connect()
        conn.execution_options(newsgraph_write=True)
        return conn

    def put(self, record: ArticleRecord, article: Article | None, settings: Settings) -> PutOutcome:
        try:
            return self._put(record, article, settings)
        except StoreError as exc:
            # another writer stored the same input or body between our read and our insert:
            # once it has committed, a second try sees it and links instead
            if isinstance(exc.__cause__, IntegrityError):
                return self._put(record, article, settings)
            raise

    def _put(self, record: ArticleRecord, article: Article | None, settings: Settings) -> PutOutcome:
        uri = (article.uri if article else None) or record.source.uri or ""
        stamp = now()
        try:
            with self._write() as conn, conn.begin():
                owner = conn.execute(select(t.inputs.c.article_id).where(t.inputs.c.id == record.id)).scalar()
                if owner is not None:
                    self._link(conn, owner, record.id, uri, stamp)
                    outcome: PutOutcome = "known"
                else:
                    same = None
                    if record.content_key:
                        same = conn.execute(
                            select(t.articles.c.id).where(t.articles.c.content_key == record.content_key)
                            .order_by(t.articles.c.ingested_at, t.articles.c.id).limit(1)
                        ).scalar()
                    if same is None:
                        row = article_row(record, stamp)
                        conn.execute(insert(t.articles).values(**row, revision=1, ingested_at=stamp))
                        self._insert_facets(conn, record)
                        for hook in WRITE_HOOKS:
                            hook(conn, record, False)
                        owner, outcome = record.id, "stored"
                    else:
                        owner, outcome = same, "linked"
                    conn.execute(insert(t.inputs).values(**self._input_row(record, article, settings, owner, stamp)))
                    self._link(conn, owner, record.id, uri, stamp)
                if uri:
                    conn.execute(delete(t.failures).where(t.failures.c.input == uri))
                return outcome
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store {record.id}: {type(exc).__name__}: {str(exc).splitlines()[0]}") from exc

    @staticmethod
    def _input_row(record: ArticleRecord, article: Article | None, settings: Settings, owner: str, stamp: str) -> dict[str, Any]:
        if article is None:
            raise StoreError(f"{record.id}: a new input needs its article (the raw input) to be stored")
        return {
            "id": record.id, "article_id": owner, "kind": article.kind, "content": article.content,
            "raw": article.raw, "title": article.title, "published": article.published,
            "outlet": article.outlet, "reference_date": settings.reference_date.isoformat(),
            "published_setting": settings.published.isoformat() if settings.published else None,
            "added_at": stamp,
        }

    @staticmethod
    def _link(conn: Connection, article_id: str, input_id: str, uri: str, stamp: str) -> None:
        exists = conn.execute(
            select(func.count()).select_from(t.article_sources)
            .where(t.article_sources.c.article_id == article_id, t.article_sources.c.uri == uri)
        ).scalar()
        if not exists:
            conn.execute(insert(t.article_sources).values(article_id=article_id, uri=uri, input_id=input_id, added_at=stamp))

    @staticmethod
    def _insert_facets(conn: Connection, record: ArticleRecord) -> None:
        rows = facet_rows(record)
        for table in t.FACET_TABLES:
            # two items with one id (a stage's slip) keep the first row; the record JSON keeps both
            key = [c.name for c in table.primary_key.columns]
            unique = list({tuple(r[k] for k in key): r for r in reversed(rows[table.name])}.values())[::-1]
            if unique:
                conn.execute(insert(table), unique)
        conn.execute(insert(t.search_docs), search_rows(record))

    @staticmethod
    def _delete_facets(conn: Connection, article_id: str) -> None:
        for table in (*t.FACET_TABLES, t.search_docs):
            conn.execute(delete(table).where(table.c.article_id == article_id))

    def replace(self, record: ArticleRecord) -> None:
        try:
            with self._write() as conn, conn.begin():
                found = conn.execute(select(t.articles.c.revision).where(t.articles.c.id == record.id)).scalar()
                if found is None:
                    raise StoreError(f"no stored article {record.id} to replace")
                self._delete_facets(conn, record.id)
                conn.execute(
                    update(t.articles).where(t.articles.c.id == record.id)
                    .values(**article_row(record, now()), revision=found + 1)
                )
                self._insert_facets(conn, record)
                for hook in WRITE_HOOKS:
                    hook(conn, record, True)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot rewrite {record.id}: {type(exc).__name__}: {str(exc).splitlines()[0]}") from exc

    def has_input(self, input_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(t.inputs.c.id).where(t.inputs.c.id == input_id)).first() is not None

    def add_source(self, input_id: str, uri: str | None) -> None:
        with self._write() as conn, conn.begin():
            owner = conn.execute(select(t.inputs.c.article_id).where(t.inputs.c.id == input_id)).scalar()
            if owner is not None and uri:
                self._link(conn, owner, input_id, uri, now())
                conn.execute(delete(t.failures).where(t.failures.c.input == uri))

    def add_failure(self, input: str, reason: str, stage: str) -> None:
        stamp = now()
        f = t.failures
        with self._write() as conn, conn.begin():
            done = conn.execute(
                update(f).where(f.c.input == input, f.c.stage == stage, f.c.reason == reason)
                .values(count=f.c.count + 1, last_seen=stamp)
            ).rowcount
            if not done:
                conn.execute(insert(f).values(input=input, stage=stage, reason=reason, count=1, first_seen=stamp, last_seen=stamp))

    def clear_failures(self, input: str) -> None:
        with self._write() as conn, conn.begin():
            conn.execute(delete(t.failures).where(t.failures.c.input == input))

    # -- reading ---------------------------------------------------------------------------

    def get_record(self, article_id: str) -> ArticleRecord | None:
        import json

        with self.engine.connect() as conn:
            text = conn.execute(select(t.articles.c.record).where(t.articles.c.id == article_id)).scalar()
        return None if text is None else ArticleRecord.from_dict(json.loads(text))

    def stale(self, extractor: str, signature: str) -> list[str]:
        a = t.articles
        with self.engine.connect() as conn:
            return list(conn.execute(
                select(a.c.id).where((a.c.stages != signature) | (a.c.extractor != extractor)).order_by(a.c.id)
            ).scalars())

    def all_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(t.articles.c.id).order_by(t.articles.c.id)).scalars())

    def inputs(self, article_ids: list[str]) -> Iterator[StoredInput]:
        """The input each article was made from (the one whose id is the article's)."""
        i = t.inputs
        with self.engine.connect() as conn:
            for start in range(0, len(article_ids), 200):
                chunk = article_ids[start:start + 200]
                rows = conn.execute(
                    select(i, t.articles.c.uri.label("article_uri"))
                    .join(t.articles, t.articles.c.id == i.c.article_id)
                    .where(i.c.id.in_(chunk), i.c.id == i.c.article_id).order_by(i.c.id)
                ).mappings()
                for row in rows:
                    article = Article(
                        content=row["content"], kind=row["kind"], uri=row["article_uri"],
                        title=row["title"], published=row["published"], outlet=row["outlet"], raw=row["raw"],
                    )
                    settings = Settings(
                        reference_date=dt.date.fromisoformat(row["reference_date"]),
                        published=dt.date.fromisoformat(row["published_setting"]) if row["published_setting"] else None,
                    )
                    yield StoredInput(row["article_id"], article, settings)
