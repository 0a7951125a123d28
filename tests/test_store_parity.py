"""SQLite and PostgreSQL give the same answers: every read compared in full (wall-clock
fields aside), full-text search by the set of matches, and the one tokenizer checked
against both databases' own tokenizers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _store_support import EXAMPLES, SETTINGS, comparable, hand_record, pg_database
from newsgraph import query
from newsgraph.sources import iter_articles
from newsgraph.store import SqlStore
from newsgraph.store.ingest import ingest
from newsgraph.store.search import search_body, tokens

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pair(pg_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SqlStore, SqlStore]]:
    """The same inputs ingested into a SQLite file and a PostgreSQL database."""
    lite = SqlStore(tmp_path_factory.mktemp("parity") / "store.db")
    with pg_database(pg_url) as url:
        pg = SqlStore(url)
        folder = tmp_path_factory.mktemp("bad")
        (folder / "empty.txt").write_bytes(b"")
        for store in (lite, pg):
            ingest(store, iter_articles([EXAMPLES, folder]), SETTINGS)
            for variant in (0, 1, 2):
                record, article = hand_record(variant)
                store.put(record, article, SETTINGS)
        yield lite, pg
        pg.close()
    lite.close()


def _words() -> list[str]:
    words: set[str] = set()
    for path in sorted(EXAMPLES.glob("*.txt")):
        words.update(w for w in tokens(path.read_text("utf-8")) if len(w) > 3)
    return sorted(words)[::7]


READS: list[tuple[str, dict[str, Any]]] = [
    ("stats", {}),
    ("list_articles", {"limit": 100}),
    ("list_articles", {"since": "2026-05-01", "limit": 3, "offset": 1}),
    ("list_entities", {"limit": 1000}),
    ("list_entities", {"type": "PERSON", "limit": 1000}),
    ("list_entities", {"name": "an", "limit": 5, "offset": 3}),
    ("entity_names", {"limit": 1000}),
    ("entity_names", {"type": "GPE", "limit": 4, "offset": 2}),
    ("list_quotes", {"limit": 1000}),
    ("list_quotes", {"speaker": "e"}),
    ("list_figures", {"limit": 1000}),
    ("list_figures", {"measure": "berth"}),
    ("list_timexes", {"limit": 1000}),
    ("list_events", {"limit": 1000}),
    ("list_events", {"since": "2026-03-01", "limit": 1000}),
    ("list_events", {"type": "ACCUSE"}),
    ("list_failures", {}),
]


@pytest.mark.parametrize(("name", "options"), READS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(READS)])
def test_reads_agree(pair: tuple[SqlStore, SqlStore], name: str, options: dict[str, Any]) -> None:
    lite, pg = pair
    fn = getattr(query, name)
    assert comparable(fn(lite, **options)) == comparable(fn(pg, **options))


def test_article_pages_agree(pair: tuple[SqlStore, SqlStore]) -> None:
    lite, pg = pair
    ids = lite.all_ids()
    assert ids == pg.all_ids() and len(ids) >= 10
    for aid in ids:
        assert comparable(query.get_article(lite, aid)) == comparable(query.get_article(pg, aid))


HOSTILE = ['"', "NEAR(", "*", "a*", "-", "--", "AND", "OR", "NOT", "(", ")", "'", ":", "^", "&", "|", "!",
           "<->", "\\", "%", "_", "NEAR(strike ferry, 5)", '"ferry crews', "strike -ferry", "strike OR frost",
           "x:*", "'strike'", "1,500", "U.S.", "café", "ünïcödé", "😀", "\x00", "SELECT * FROM articles"]


def test_search_agrees_by_set_of_matches(pair: tuple[SqlStore, SqlStore]) -> None:
    lite, pg = pair
    queries = _words() + HOSTILE + ["ferry", "strike", "mine OR frost", '"harbour levy"', "harb*", "levy -brellholm"]
    nonempty = 0
    for text in queries:
        a = query.search(lite, text, limit=1000)
        b = query.search(pg, text, limit=1000)
        key = lambda page: {(i["kind"], i["article_id"], i["item_id"]) for i in page["items"]}  # noqa: E731
        assert key(a) == key(b), text
        assert a["total"] == b["total"] == len(a["items"]), text
        nonempty += bool(a["total"])
    assert nonempty >= len(_words())  # every word taken from the texts is found


# News text: Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, CJK, digits and punctuation.
# (Outside these, SQLite's Unicode 6.1 tables and PostgreSQL's locale may split differently.)
_SCRIPTS = st.one_of(st.characters(max_codepoint=0x6FF, exclude_categories=("Cs",)),
                     st.characters(min_codepoint=0x2000, max_codepoint=0x206F),
                     st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF))
TEXT = st.text(_SCRIPTS, max_size=60)


def test_both_tokenizers_see_our_tokens(pair: tuple[SqlStore, SqlStore]) -> None:
    """What PostgreSQL's 'simple' parser and SQLite's unicode61 make of a search body is
    exactly the list of our tokens."""
    lite, pg = pair

    @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
    @given(TEXT)
    def check(text: str) -> None:
        body = search_body(text)
        with pg.engine.connect() as conn:
            lexemes = conn.execute(sa.text("SELECT array_agg(lexeme) FROM unnest(to_tsvector('simple', :b))"),
                                   {"b": body}).scalar() or []
        assert set(lexemes) == set(tokens(text)), (text, body)
        with lite.engine.connect() as conn:
            conn.exec_driver_sql("CREATE VIRTUAL TABLE IF NOT EXISTS temp.tok USING fts5(b, tokenize='unicode61 remove_diacritics 0')")
            conn.exec_driver_sql("DELETE FROM temp.tok")
            conn.execute(sa.text("INSERT INTO temp.tok(b) VALUES (:b)"), {"b": body})
            conn.exec_driver_sql("CREATE VIRTUAL TABLE IF NOT EXISTS temp.tokv USING fts5vocab(temp, tok, 'row')")
            terms = [r[0] for r in conn.exec_driver_sql("SELECT term FROM temp.tokv")]
            conn.commit()
        assert set(terms) == set(tokens(text)), (text, body)

    check()


def test_path_of_a_sqlite_file_and_the_parity_fixture_are_real(pair: tuple[SqlStore, SqlStore], tmp_path: Path) -> None:
    lite, pg = pair
    assert lite.dialect == "sqlite" and pg.dialect == "postgresql"
    assert query.stats(lite)["failures"] == query.stats(pg)["failures"] == 1


def test_keyset_pages_and_capped_totals_agree(pair: tuple[SqlStore, SqlStore], monkeypatch: pytest.MonkeyPatch) -> None:
    lite, pg = pair
    monkeypatch.setattr(query, "COUNT_CAP", 5)
    for name, options in (("list_articles", {}), ("list_entities", {}), ("list_entities", {"name": "ar"}),
                          ("list_quotes", {}), ("list_quotes", {"speaker": "mayor"}), ("list_events", {})):
        fn = getattr(query, name)
        after, pages = None, 0
        while True:
            a, b = fn(lite, limit=7, after=after, **options), fn(pg, limit=7, after=after, **options)
            assert comparable(a) == comparable(b), (name, options, pages)
            assert a["total"] <= 5
            after, pages = a["next"], pages + 1
            if after is None:
                break
        assert pages >= 2 or name == "list_quotes", name


def test_page_views_agree(pair: tuple[SqlStore, SqlStore]) -> None:
    from newsgraph.web import queries

    lite, pg = pair
    for view, options in (("home", {}), ("claims", {}), ("stories", {}), ("stories", {"name": "a"}),
                          ("places", {}), ("graph", {})):
        fn = getattr(queries, view)
        assert comparable(fn(lite, **options)) == comparable(fn(pg, **options)), view


def test_views_without_the_picture_agree_and_read_the_newest_articles(pair: tuple[SqlStore, SqlStore],
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.web import queries

    lite, pg = pair
    monkeypatch.setattr(queries, "_picture", lambda store, table: None)
    for view in ("home", "claims", "stories"):
        fn = getattr(queries, view)
        assert comparable(fn(lite)) == comparable(fn(pg)), view
    assert queries.claims(lite)["items"] and queries.stories(lite)["items"]
    monkeypatch.setattr(queries, "FALLBACK_ARTICLES", 1)
    newest = query.list_articles(lite, limit=1)["items"][0]["id"]
    for store in pair:
        series = queries.claims(store)["items"]
        assert series and {p["article_id"] for s in series for p in s["points"]} == {newest}
        stories = queries.stories(store)["items"]
        assert stories and all(s["articles"] == 1 and [x["id"] for x in s["latest"]] == [newest] for s in stories)


def test_the_graph_names_participants_by_their_entities_in_any_batch(pair: tuple[SqlStore, SqlStore],
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Each edge of the actor graph joins the stored names of an event's actor and target
    (their text when they name no entity), in both databases, however the names are batched."""
    from collections import Counter

    from newsgraph.store import tables as t
    from newsgraph.web import queries

    lite = pair[0]
    whole = queries.graph(lite)
    monkeypatch.setattr(queries, "NAMES_BATCH", 1)  # one statement per entity id
    for store in pair:
        assert comparable(queries.graph(store)) == comparable(whole)
    with lite.engine.connect() as conn:
        named = {(r.article_id, r.id): (r.name, r.type) for r in conn.execute(sa.select(t.entities))}
    want: Counter[tuple[str, str, str, str, str]] = Counter()
    for ev in query.list_events(lite, limit=1000)["items"]:
        for act in ev["actors"]:
            for tgt in ev["targets"]:
                x, y = [named.get((ev["article_id"], p.get("entity")), (p["text"], "OTHER")) for p in (act, tgt)]
                if x != y:
                    want[(x[0], x[1], y[0], y[1], ev["type"])] += 1
    types = {n["id"]: n["type"] for n in whole["nodes"]}
    got = Counter({(e["source_name"], types[e["source"]], e["target_name"], types[e["target"]], e["type"]): e["events"]
                   for e in whole["edges"]})
    assert got == want and sum(k[1] != "OTHER" and k[3] != "OTHER" for k in want) >= 2


def test_claims_with_fewer_points_show_the_newest_of_each_series(pair: tuple[SqlStore, SqlStore]) -> None:
    """A page that shows at most N points per series reads only the newest N of a longer
    series, the same ones the whole series ends with, in both databases."""
    from newsgraph.picture import query as picture

    def shown(points: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in p.items() if k != "origin"} for p in points]

    for store in pair:
        whole, cut = picture.list_claims(store, limit=100), picture.list_claims(store, limit=100, points=2)
        assert [s["key"] for s in cut["items"]] == [s["key"] for s in whole["items"]]
        for a, b in zip(whole["items"], cut["items"], strict=True):
            assert shown(b["points"]) == shown(a["points"][-2:]), a["key"]
            assert b["n_points"] == a["n_points"]
        assert sum(s["n_points"] > 2 for s in whole["items"]) >= 2
    lite, pg = pair
    assert comparable(picture.list_claims(lite, limit=100, points=2)) == \
        comparable(picture.list_claims(pg, limit=100, points=2))
