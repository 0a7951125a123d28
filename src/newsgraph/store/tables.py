"""The store's current tables (SQLAlchemy Core), the shape every read goes through.

Migrations (``store/migrations/NNNN_*.py``) create and change these tables; they keep their
own frozen copy of each shape, so this module may grow with new migrations while old
migrations stay exactly as they ran. ``tests/test_store_migrations.py`` checks that the
migrated database and this module agree, column by column.

Conventions: ids are the record's own strings (article id, ``entity:0``, ``quote:12-80``);
dates are ISO strings (``YYYY-MM-DD``) so both databases compare them the same way; lists
and objects inside a row (roles, actors, evidence) are JSON text; ``*_key`` columns hold a
Python ``casefold()`` of a name, so case-insensitive filters give the same answers on SQLite
and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

ID = String(64)
DATE = String(10)
STAMP = String(32)
DOUBLE = Float(precision=53)


def _article_fk() -> Column[str]:
    return Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False)


schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("applied_at", STAMP, nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", ID, primary_key=True),
    Column("content_key", ID, nullable=False, index=True),
    Column("title", Text),
    Column("language", String(16)),
    Column("published", DATE),
    Column("published_basis", String(16)),
    Column("uri", Text),
    Column("outlet", Text),
    Column("agency", Text),
    Column("text", Text, nullable=False),
    Column("record", Text, nullable=False),
    Column("extractor", Text, nullable=False),
    Column("stages", Text, nullable=False),
    Column("reference_date", DATE, nullable=False),
    Column("n_entities", Integer, nullable=False),
    Column("n_quotes", Integer, nullable=False),
    Column("n_figures", Integer, nullable=False),
    Column("n_events", Integer, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("ingested_at", STAMP, nullable=False),
    Column("processed_at", STAMP, nullable=False),
    Index("ix_articles_published_id", "published", "id"),
)

inputs = Table(
    "inputs", metadata,
    Column("id", ID, primary_key=True),
    _article_fk(),
    Column("kind", String(16), nullable=False),
    Column("content", Text, nullable=False),
    Column("raw", LargeBinary),
    Column("title", Text),
    Column("published", Text),
    Column("outlet", Text),
    Column("reference_date", DATE, nullable=False),
    Column("published_setting", DATE),
    Column("added_at", STAMP, nullable=False),
    Index("ix_inputs_article", "article_id"),
)

article_sources = Table(
    "article_sources", metadata,
    _article_fk(),
    Column("uri", Text, nullable=False),
    Column("input_id", ID, nullable=False),
    Column("added_at", STAMP, nullable=False),
    PrimaryKeyConstraint("article_id", "uri"),
)

entities = Table(
    "entities", metadata,
    _article_fk(),
    Column("id", String(32), nullable=False),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("aliases", Text, nullable=False),
    Column("wikidata", String(32)),
    Column("geonames", Integer),
    Column("iso", String(16)),
    Column("lat", DOUBLE),
    Column("lon", DOUBLE),
    Column("country", String(16)),
    Column("roles", Text, nullable=False),
    Column("n_mentions", Integer, nullable=False),
    PrimaryKeyConstraint("article_id", "id"),
    Index("ix_entities_name_key", "name_key"),
)

mentions = Table(
    "mentions", metadata,
    _article_fk(),
    Column("entity_id", String(32), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("sense", String(16), nullable=False),
    PrimaryKeyConstraint("article_id", "entity_id", "start", "end"),
)

quotes = Table(
    "quotes", metadata,
    _article_fk(),
    Column("id", String(48), nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("speaker", String(32)),
    Column("speaker_name", Text),
    Column("speaker_text", Text),
    Column("speaker_key", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("cue", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    PrimaryKeyConstraint("article_id", "id"),
    Index("ix_quotes_speaker_key", "speaker_key"),
)

figures = Table(
    "figures", metadata,
    _article_fk(),
    Column("id", String(48), nullable=False),
    Column("text", Text, nullable=False),
    Column("value", DOUBLE),
    Column("low", DOUBLE),
    Column("high", DOUBLE),
    Column("qualifier", String(16), nullable=False),
    Column("unit", String(32)),
    Column("measure", Text),
    Column("measure_key", Text),
    Column("aspect", String(16), nullable=False),
    Column("of", String(32)),
    Column("at", String(32)),
    Column("source", String(32)),
    Column("source_text", Text),
    Column("modality", String(16), nullable=False),
    Column("time", String(64)),
    Column("in_quote", Boolean, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    PrimaryKeyConstraint("article_id", "id"),
)

timexes = Table(
    "timexes", metadata,
    _article_fk(),
    Column("id", String(48), nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("value", String(64)),
    Column("range_start", DATE),
    Column("range_end", DATE),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    PrimaryKeyConstraint("article_id", "id"),
)

events = Table(
    "events", metadata,
    _article_fk(),
    Column("id", String(48), nullable=False),
    Column("type", String(16), nullable=False),
    Column("mode", Text),
    Column("actors", Text, nullable=False),
    Column("targets", Text, nullable=False),
    Column("when", String(64)),
    Column("when_basis", String(16)),
    Column("date", DATE),
    Column("date_basis", String(16)),
    Column("where", String(32)),
    Column("status", String(16), nullable=False),
    Column("reported_by", String(32)),
    Column("trigger", Text, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    PrimaryKeyConstraint("article_id", "id"),
    Index("ix_events_type_date", "type", "date"),
    Index("ix_events_date", "date"),
)

checks = Table(
    "checks", metadata,
    _article_fk(),
    Column("id", String(48), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("claim", Text, nullable=False),
    Column("claim_start", Integer, nullable=False),
    Column("claim_end", Integer, nullable=False),
    Column("verdict", String(16), nullable=False),
    Column("evidence", Text, nullable=False),
    Column("note", Text, nullable=False),
    PrimaryKeyConstraint("article_id", "id"),
)

failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("input", Text, nullable=False),
    Column("stage", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("count", Integer, nullable=False),
    Column("first_seen", STAMP, nullable=False),
    Column("last_seen", STAMP, nullable=False),
    UniqueConstraint("input", "stage", "reason", name="uq_failures_input_stage_reason"),
)

search_docs = Table(
    "search_docs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("kind", String(16), nullable=False),
    Column("item_id", String(48), nullable=False),
    Column("body", Text, nullable=False),
    Index("ix_search_docs_article", "article_id"),
)

#: The per-article facet tables, in the order a record's rows are written.
FACET_TABLES = (entities, mentions, quotes, figures, timexes, events, checks)

# -- the cross-article picture (migration 0003; shapes in newsgraph.picture.tables) --------
from newsgraph.picture.tables import define as _define_picture  # noqa: E402

(pic_counters, pic_entities, pic_entity_links, pic_events, pic_event_reports, pic_stories,
 pic_articles, pic_points, pic_series, pic_contradictions) = _define_picture(metadata)
