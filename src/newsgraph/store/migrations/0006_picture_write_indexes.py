"""0006: indexes that serve the picture's write hook (``newsgraph.picture.update``) from the
window of an article's day instead of the whole store (measured with
scripts/bench_picture.py):

- the articles a new article is compared with for its story: those published within the
  window (``pic_articles.published``);
- the reports an event may join: those of its type reported within the window
  (``pic_event_reports (type, reported)``);
- the series a denial may deny: those of a class its words name (``pic_series.klass``).
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

VERSION = 6
NAME = "picture_write_indexes"

STATEMENTS = [
    "CREATE INDEX ix_pic_articles_published ON pic_articles (published)",
    "CREATE INDEX ix_pic_event_reports_type_day ON pic_event_reports (type, reported)",
    "CREATE INDEX ix_pic_series_klass ON pic_series (klass)",
]


def upgrade(conn: Connection) -> None:
    for statement in STATEMENTS:
        conn.exec_driver_sql(statement)
