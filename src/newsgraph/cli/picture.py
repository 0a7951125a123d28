"""Picture commands: ``stories`` and ``claims`` (the cross-article picture, issue 9).

``--db`` and ``--format table|json|csv`` as the store's read commands; JSON gives the nested
shapes of :mod:`newsgraph.picture.query`, table and CSV one row per article or point.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from newsgraph.cli import app
from newsgraph.cli.store import (
    DbOption,
    FormatOption,
    LimitOption,
    OffsetOption,
    _check_format,
    _store,
    emit,
)


@app.command()
def stories(db: DbOption = None, format: FormatOption = "table", limit: LimitOption = 50,
            offset: OffsetOption = 0) -> None:
    """Stories: articles clustered by shared events, entities, claim series and text."""
    from newsgraph.picture.query import list_stories

    _check_format(format)
    with _store(db) as store:
        page = list_stories(store, limit=limit, offset=offset)
    if format == "json":
        emit(page, format)
        return
    rows = [{"story": s["id"], "label": s["label"], "articles": s["n_articles"], "first_seen": s["first_seen"],
             "last_seen": s["last_seen"], "article_id": a["id"], "published": a["published"], "title": a["title"],
             "duplicate_of": a["duplicate_of"]} for s in page["items"] for a in s["articles"]]
    emit({**page, "items": rows}, format, ["story", "articles", "published", "article_id", "title", "duplicate_of"])


@app.command()
def claims(
    db: DbOption = None, format: FormatOption = "table", limit: LimitOption = 50, offset: OffsetOption = 0,
    measure: Annotated[str | None, typer.Option("--measure", help="What is counted (any case; 'soldiers' finds troops)")] = None,
) -> None:
    """Claim series: figures of one measure across articles, in order, with contradictions."""
    from newsgraph.picture.query import list_claims

    _check_format(format)
    with _store(db) as store:
        page = list_claims(store, measure=measure, limit=limit, offset=offset)
    if format == "json":
        emit(page, format)
        return
    rows: list[dict[str, Any]] = []
    for s in page["items"]:
        flagged = {(p["article_id"], p["item_id"]) for c in s["contradictions"] for p in (c["a"], c["b"])}
        for p in s["points"]:
            rows.append({"series": s["key"], "measure": s["measure"], "reports": s["n_reports"],
                         "independent": s["n_independent"], "claimed_on": p["claimed_on"],
                         "refers_to": p["refers_to"], "text": p["text"], "value": p["value"],
                         "qualifier": p["qualifier"], "modality": p["modality"], "stance": p["stance"],
                         "source": p["source_text"], "origin": p["origin"], "article_id": p["article_id"],
                         "contradicted": (p["article_id"], p["item_id"]) in flagged})
    emit({**page, "items": rows}, format, ["measure", "claimed_on", "text", "qualifier", "modality", "stance",
                                           "source", "origin", "contradicted", "reports", "independent"])


@app.command("picture-rebuild")
def picture_rebuild(db: DbOption = None) -> None:
    """Recompute the cross-article picture from every stored record (oldest first)."""
    import json
    import sys

    from newsgraph.picture.update import rebuild

    with _store(db) as store, store.engine.connect() as conn:
        conn.execution_options(newsgraph_write=True)
        with conn.begin():
            n = rebuild(conn)
    sys.stdout.write(json.dumps({"articles": n}) + "\n")
