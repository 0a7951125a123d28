"""The picture's tables (current shapes), added to ``newsgraph.store.tables.metadata``.

Migration 0003 keeps its own frozen copy; change these only with a new migration.
"""

from __future__ import annotations

from sqlalchemy import (
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
)

ID = String(64)
DATE = String(10)
DOUBLE = Float(precision=53)


def _article_fk() -> Column[str]:
    return Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False)


def define(md: MetaData) -> list[Table]:
    """The picture tables on ``md`` (0003 shapes)."""
    # ``articles`` is only referenced; a stub makes the foreign keys resolvable
    if "articles" not in md.tables:
        Table("articles", md, Column("id", ID, primary_key=True))
    return [
        Table("pic_counters", md, Column("name", String(16), primary_key=True),
              Column("next", Integer, nullable=False)),
        Table("pic_entities", md,
              Column("id", String(32), primary_key=True),
              Column("name", Text, nullable=False), Column("type", String(16), nullable=False),
              Column("kb_key", String(64)), Column("name_key", Text, nullable=False),
              Column("redirect_to", String(32)), Column("first_seen", DATE),
              Index("ix_pic_entities_kb", "kb_key"), Index("ix_pic_entities_name", "type", "name_key")),
        Table("pic_entity_links", md, _article_fk(),
              Column("entity_id", String(32), nullable=False), Column("pic_entity", String(32), nullable=False),
              Column("name", Text, nullable=False),
              PrimaryKeyConstraint("article_id", "entity_id"), Index("ix_pic_entity_links_e", "pic_entity")),
        Table("pic_events", md,
              Column("id", String(32), primary_key=True), Column("type", String(16), nullable=False),
              Column("mode", Text), Column("first_seen", DATE), Column("last_seen", DATE),
              Column("n_reports", Integer, nullable=False), Column("n_articles", Integer, nullable=False),
              Column("redirect_to", String(32)), Index("ix_pic_events_type", "type")),
        Table("pic_event_reports", md, _article_fk(),
              Column("event_id", String(48), nullable=False), Column("pic_event", String(32), nullable=False),
              Column("type", String(16), nullable=False), Column("mode", Text),
              Column("actors", Text, nullable=False), Column("targets", Text, nullable=False),
              Column("place", Text), Column("day_start", DATE), Column("day_end", DATE),
              Column("reported", DATE), Column("status", String(16), nullable=False),
              Column("trigger", Text, nullable=False), Column("start", Integer, nullable=False),
              Column("end", Integer, nullable=False),
              PrimaryKeyConstraint("article_id", "event_id"), Index("ix_pic_event_reports_e", "pic_event"),
              Index("ix_pic_event_reports_type", "type")),
        Table("pic_stories", md,
              Column("id", String(32), primary_key=True), Column("label", Text, nullable=False),
              Column("first_seen", DATE), Column("last_seen", DATE), Column("n_articles", Integer, nullable=False),
              Column("redirect_to", String(32))),
        Table("pic_articles", md, _article_fk(),
              Column("published", DATE), Column("agency", Text), Column("minhash", LargeBinary),
              Column("entity_keys", Text, nullable=False), Column("story", String(32)),
              Column("duplicate_of", ID), Column("similarity", DOUBLE),
              PrimaryKeyConstraint("article_id"), Index("ix_pic_articles_story", "story")),
        Table("pic_points", md, _article_fk(),
              Column("item_id", String(48), nullable=False), Column("series", Text),
              Column("klass", Text), Column("unit", String(32)), Column("of_key", Text), Column("at_key", Text),
              Column("places", Text, nullable=False), Column("words", Text, nullable=False),
              Column("value", DOUBLE), Column("low", DOUBLE), Column("high", DOUBLE),
              Column("qualifier", String(16)), Column("aspect", String(16)), Column("modality", String(16)),
              Column("stance", String(16), nullable=False), Column("source", String(32)),
              Column("source_text", Text), Column("asserter", Text), Column("claimed_on", DATE),
              Column("refers_to", String(64)), Column("text", Text, nullable=False),
              Column("start", Integer, nullable=False), Column("end", Integer, nullable=False),
              PrimaryKeyConstraint("article_id", "item_id"), Index("ix_pic_points_series", "series"),
              Index("ix_pic_points_klass", "klass")),
        Table("pic_series", md,
              Column("key", Text, primary_key=True), Column("measure", Text, nullable=False),
              Column("klass", Text, nullable=False), Column("unit", String(32)),
              Column("of_key", Text), Column("at_key", Text), Column("of_name", Text), Column("at_name", Text),
              Column("n_points", Integer, nullable=False), Column("n_reports", Integer, nullable=False),
              Column("n_independent", Integer, nullable=False), Column("n_contradictions", Integer, nullable=False),
              Column("first_claimed", DATE), Column("last_claimed", DATE)),
        Table("pic_contradictions", md,
              Column("series", Text, nullable=False), Column("kind", String(16), nullable=False),
              Column("a_article", ID, nullable=False), Column("a_item", String(48), nullable=False),
              Column("b_article", ID, nullable=False), Column("b_item", String(48), nullable=False),
              Column("note", Text, nullable=False),
              PrimaryKeyConstraint("series", "a_article", "a_item", "b_article", "b_item")),
    ]
