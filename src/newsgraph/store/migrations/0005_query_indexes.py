"""0005: indexes that serve the read queries in their own order on large stores (measured
with scripts/bench_queries.py on 100,000 synthetic records, see docs/scale.md):

- articles newest first and events newest first (timeline, by type, and those with an
  actor and a target for the actor graph: a partial index) as the lists sort them, so a page, a deep offset or an ``after`` cursor reads the index in order and never
  sorts the table;
- the map's places from a partial covering index (entities with coordinates), and the
  names of an article's entities (the actor graph) from a covering index;
- the picture's lists by what they sort on (series by size, stories by size and recency,
  points by series and day, denials by stance, contradictions by their later article);
- name filters (entity names, quote speakers): on SQLite a dictionary of the distinct name
  keys (``name_keys``, filled by triggers; a key is never removed, a stale one only adds a
  candidate the real filter drops) with a trigram FTS5 index (``name_keys_fts``), so a
  substring finds its keys without reading every row; on PostgreSQL pg_trgm GIN indexes on
  the key columns (when the extension can be created; else the filters scan as before).
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

VERSION = 5
NAME = "query_indexes"

COMMON = [
    "CREATE INDEX ix_entities_names ON entities (article_id, id, name, type)",
    "CREATE INDEX ix_entities_places ON entities (name, type, lat, lon, country, article_id, n_mentions)"
    " WHERE lat IS NOT NULL AND lon IS NOT NULL",
    "CREATE INDEX ix_pic_series_size ON pic_series (n_points DESC, key)",
    "CREATE INDEX ix_pic_points_series_day ON pic_points (series, claimed_on)",
    "CREATE INDEX ix_pic_points_stance ON pic_points (stance)",
    "CREATE INDEX ix_pic_contradictions_b ON pic_contradictions (b_article)",
]

SQLITE = [
    "CREATE INDEX ix_articles_newest ON articles (published DESC, id)",
    "CREATE INDEX ix_events_newest ON events (date DESC, article_id, start, id)",
    "CREATE INDEX ix_events_type_newest ON events (type, date DESC, article_id, start, id)",
    "CREATE INDEX ix_events_acting ON events (date DESC, article_id, start, id)"
    " WHERE actors != '[]' AND targets != '[]'",
    "CREATE INDEX ix_pic_stories_size ON pic_stories (n_articles DESC, last_seen DESC, id)",
    "CREATE TABLE name_keys (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE)",
    "CREATE VIRTUAL TABLE name_keys_fts USING fts5(key, content='name_keys', content_rowid='id',"
    " tokenize='trigram')",
    "CREATE TRIGGER name_keys_ai AFTER INSERT ON name_keys BEGIN"
    " INSERT INTO name_keys_fts(rowid, key) VALUES (new.id, new.key); END",
    "CREATE TRIGGER entities_name_key_ai AFTER INSERT ON entities BEGIN"
    " INSERT INTO name_keys(key) SELECT new.name_key"
    " WHERE NOT EXISTS (SELECT 1 FROM name_keys WHERE key = new.name_key); END",
    "CREATE TRIGGER entities_name_key_au AFTER UPDATE OF name_key ON entities BEGIN"
    " INSERT INTO name_keys(key) SELECT new.name_key"
    " WHERE NOT EXISTS (SELECT 1 FROM name_keys WHERE key = new.name_key); END",
    "CREATE TRIGGER quotes_speaker_key_ai AFTER INSERT ON quotes WHEN new.speaker_key IS NOT NULL BEGIN"
    " INSERT INTO name_keys(key) SELECT new.speaker_key"
    " WHERE NOT EXISTS (SELECT 1 FROM name_keys WHERE key = new.speaker_key); END",
    "CREATE TRIGGER quotes_speaker_key_au AFTER UPDATE OF speaker_key ON quotes"
    " WHEN new.speaker_key IS NOT NULL BEGIN"
    " INSERT INTO name_keys(key) SELECT new.speaker_key"
    " WHERE NOT EXISTS (SELECT 1 FROM name_keys WHERE key = new.speaker_key); END",
    "INSERT INTO name_keys(key) SELECT name_key FROM entities"
    " UNION SELECT speaker_key FROM quotes WHERE speaker_key IS NOT NULL",
]

POSTGRESQL = [
    "CREATE INDEX ix_articles_newest ON articles (published DESC NULLS LAST, id)",
    "CREATE INDEX ix_events_newest ON events (date DESC NULLS LAST, article_id, start, id)",
    "CREATE INDEX ix_events_type_newest ON events (type, date DESC NULLS LAST, article_id, start, id)",
    "CREATE INDEX ix_events_acting ON events (date DESC NULLS LAST, article_id, start, id)"
    " WHERE actors != '[]' AND targets != '[]'",
    "CREATE INDEX ix_pic_stories_size ON pic_stories (n_articles DESC, last_seen DESC NULLS LAST, id)",
]

POSTGRESQL_TRIGRAMS = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_entities_name_key_trgm ON entities USING gin (name_key gin_trgm_ops)",
    "CREATE INDEX ix_quotes_speaker_key_trgm ON quotes USING gin (speaker_key gin_trgm_ops)",
]


def upgrade(conn: Connection) -> None:
    sqlite = conn.dialect.name == "sqlite"
    for statement in COMMON + (SQLITE if sqlite else POSTGRESQL):
        conn.exec_driver_sql(statement)
    if sqlite:
        return
    try:
        with conn.begin_nested():  # pg_trgm may be missing or not ours to create: the filters still work
            for statement in POSTGRESQL_TRIGRAMS:
                conn.exec_driver_sql(statement)
    except Exception as exc:
        import sys

        print(f"warning: migration 0005: no trigram indexes ({type(exc).__name__}); name filters scan",
              file=sys.stderr)
