"""The Store protocol: what ingest, reprocess, the query module and exports need from a store.

One implementation today (:class:`newsgraph.store.sql.SqlStore`, SQLite or PostgreSQL via
SQLAlchemy); anything else (a remote store, a test double) implements the same methods.
Reads go through :mod:`newsgraph.query`, which uses :attr:`Store.engine` and the tables of
:mod:`newsgraph.store.tables`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from newsgraph.pipeline import Article, Settings
    from newsgraph.record import ArticleRecord

PutOutcome = Literal["stored", "linked", "known"]


class StoreError(Exception):
    """A write the store refused (the article is then recorded as a failure)."""


@dataclass(frozen=True)
class StoredInput:
    """The raw input an article was made from, with the options it was extracted with."""

    article_id: str
    article: Article
    settings: Settings


class Store(Protocol):
    url: str
    engine: Engine

    @property
    def dialect(self) -> str: ...

    def put(self, record: ArticleRecord, article: Article | None, settings: Settings) -> PutOutcome:
        """Store a record whole or not at all: ``stored`` (new), ``linked`` (same cleaned
        body as a stored article: recorded as another source of it) or ``known`` (same id)."""
        ...

    def replace(self, record: ArticleRecord) -> None:
        """Rewrite the stored article ``record.id`` with a new record of the same input."""
        ...

    def has_input(self, input_id: str) -> bool: ...

    def add_source(self, input_id: str, uri: str | None) -> None: ...

    def add_failure(self, input: str, reason: str, stage: str) -> None: ...

    def clear_failures(self, input: str) -> None: ...

    def get_record(self, article_id: str) -> ArticleRecord | None: ...

    def stale(self, extractor: str, signature: str) -> list[str]:
        """Ids of articles made by another extractor or other stage versions."""
        ...

    def all_ids(self) -> list[str]: ...

    def inputs(self, article_ids: list[str]) -> Iterator[StoredInput]: ...

    def close(self) -> None: ...
