"""The store on SQLite (a real file) and PostgreSQL (the throw-away cluster): ingest is
idempotent, writes are whole or nothing, counts agree with what went in, reprocess rewrites
exactly what a bumped stage made, and both databases give the same answers."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from _store_support import EXAMPLES, SETTINGS, hand_record, pg_database
from conftest import check_record
from newsgraph import query
from newsgraph.pipeline import Article
from newsgraph.sources import iter_articles
from newsgraph.stages import registry
from newsgraph.store import SqlStore, StoreError, resolve_url
from newsgraph.store import tables as t
from newsgraph.store.ingest import current_signature, ingest, reprocess

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlStore]:
    if request.param == "sqlite":
        s = SqlStore(tmp_path / "store.db")
        yield s
        s.close()
        return
    pg_url = request.getfixturevalue("pg_url")
    with pg_database(pg_url) as url:
        s = SqlStore(url)
        yield s
        s.close()


def _corpus(tmp_path: Path, names: list[str] | None = None) -> Path:
    """A folder of our example articles, plus the same file twice, a copy with other line
    ends (same cleaned body, other id) and two inputs that cannot be articles."""
    folder = tmp_path / "in"
    folder.mkdir()
    files = sorted(EXAMPLES.glob("*.txt"))
    for f in files:
        if names is None or f.name in names:
            shutil.copy(f, folder / f.name)
    if names is None:
        (folder / "again").mkdir()
        shutil.copy(files[0], folder / "again" / files[0].name)
        crlf = files[1].read_text("utf-8").replace("\n", "\r\n").replace("\r\n\r\n", "\r\n\r\n\r\n")
        (folder / "again" / "crlf-copy.txt").write_bytes(crlf.encode("utf-8"))
        (folder / "empty.txt").write_bytes(b"  \n")
        (folder / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    return folder


def _facet_totals(store: SqlStore) -> dict[str, int]:
    totals = dict.fromkeys(("entities", "mentions", "quotes", "figures", "timexes", "events", "checks"), 0)
    for aid in store.all_ids():
        record = store.get_record(aid)
        assert record is not None
        totals["entities"] += len(record.entities)
        totals["mentions"] += len({(e.id, m.start, m.end) for e in record.entities for m in e.mentions})
        for facet in ("quotes", "figures", "timexes", "events", "checks"):
            totals[facet] += len(getattr(record, facet))
    return totals


def test_ingest_twice_stores_each_article_once(store: SqlStore, tmp_path: Path) -> None:
    folder = _corpus(tmp_path)
    n = len(list(EXAMPLES.glob("*.txt")))
    first = ingest(store, iter_articles([folder]), SETTINGS)
    assert (first.stored, first.linked, first.known, first.failed) == (n, 1, 1, 2)
    second = ingest(store, iter_articles([folder]), SETTINGS)
    assert (second.stored, second.linked, second.known, second.failed) == (0, 0, n + 2, 2)

    stats = query.stats(store)
    assert stats["articles"] == n
    assert stats["sources"] == n + 2  # the duplicate path and the CRLF copy are sources
    assert stats["failures"] == 2
    assert {k: stats[k] for k in _facet_totals(store)} == _facet_totals(store)
    failures = query.list_failures(store)["items"]
    assert sorted(Path(f["input"]).name for f in failures) == ["blob.txt", "empty.txt"]
    assert all(f["input"].startswith("file:///") for f in failures)
    assert all(f["count"] == 2 and f["stage"] == "read" for f in failures)
    assert "binary" in next(f["reason"] for f in failures if f["input"].endswith("blob.txt"))
    # the CRLF copy is linked to the article with the same cleaned body: one article, two inputs
    with store.engine.connect() as conn:
        owners = conn.execute(sa.select(t.inputs.c.article_id, sa.func.count()).group_by(t.inputs.c.article_id)
                              .having(sa.func.count() > 1)).all()
    assert len(owners) == 1


def test_records_round_trip_and_every_stored_record_is_valid(store: SqlStore) -> None:
    for variant in (0, 1):
        record, article = hand_record(variant)
        check_record(record)
        assert store.put(record, article, SETTINGS) == "stored"
        back = store.get_record(record.id)
        assert back is not None and back.to_dict() == record.to_dict()
        check_record(back)
    assert query.stats(store) | {"sources": 0, "failures": 0} == {
        "articles": 2, "sources": 0, "failures": 0, "entities": 6, "mentions": 8, "quotes": 2,
        "figures": 4, "timexes": 4, "events": 4, "checks": 2,
    }


def test_a_write_is_whole_or_nothing(store: SqlStore, monkeypatch: pytest.MonkeyPatch) -> None:
    record, article = hand_record(0)
    import newsgraph.store.sql as sql

    real = sql.search_rows

    def broken(rec: Any) -> list[dict[str, Any]]:  # the last insert of the article fails
        return [{**row, "article_id": None} for row in real(rec)]

    monkeypatch.setattr(sql, "search_rows", broken)
    with pytest.raises(StoreError):
        store.put(record, article, SETTINGS)
    assert query.stats(store)["articles"] == 0
    with store.engine.connect() as conn:
        for table in (t.inputs, t.article_sources, *t.FACET_TABLES, t.search_docs):
            assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0, table.name
    monkeypatch.setattr(sql, "search_rows", real)
    assert store.put(record, article, SETTINGS) == "stored"
    assert query.stats(store)["quotes"] == 1


def test_items_with_one_id_keep_the_first_row(store: SqlStore) -> None:
    record, article = hand_record(0)
    twice = record.model_copy(deep=True)
    twice.quotes = twice.quotes * 2
    assert store.put(twice, article, SETTINGS) == "stored"
    assert query.stats(store)["quotes"] == 1
    back = store.get_record(record.id)
    assert back is not None and len(back.quotes) == 2  # the record itself is kept as made


def test_put_of_a_known_id_only_adds_its_location(store: SqlStore) -> None:
    record, article = hand_record(1)
    assert store.put(record, article, SETTINGS) == "stored"
    elsewhere = dataclasses.replace(article, uri="file:///mirror/copy.txt")
    assert store.put(record, elsewhere, SETTINGS) == "known"
    got = query.get_article(store, record.id)
    assert got is not None
    assert [s["uri"] for s in got["stored"]["sources"]] == [article.uri, "file:///mirror/copy.txt"]
    assert query.stats(store)["articles"] == 1


def _bump(monkeypatch: pytest.MonkeyPatch, name: str, version: str, run: Any = None) -> None:
    for attr in ("BEFORE_PARSE", "AFTER_PARSE"):
        stages = list(getattr(registry, attr))
        for i, stage in enumerate(stages):
            if stage.name == name:
                changed = dataclasses.replace(stage, version=version)  # type: ignore[type-var]
                stages[i] = _Wrapped(changed, run) if run is not None else changed
                monkeypatch.setattr(registry, attr, stages)
                return
    raise AssertionError(f"no stage {name}")


@dataclasses.dataclass(frozen=True)
class _Wrapped:
    inner: Any
    after: Any

    @property
    def name(self) -> str:
        return str(self.inner.name)

    @property
    def version(self) -> str:
        return str(self.inner.version)

    @property
    def requires(self) -> tuple[str, ...]:
        return tuple(self.inner.requires)

    @property
    def assigns(self) -> tuple[str, ...]:
        return tuple(self.inner.assigns)

    def run(self, work: Any) -> None:
        self.inner.run(work)
        self.after(work)


def _revisions(store: SqlStore) -> dict[str, int]:
    with store.engine.connect() as conn:
        return dict(conn.execute(sa.select(t.articles.c.id, t.articles.c.revision)).all())  # type: ignore[arg-type]


def test_reprocess_rewrites_exactly_the_records_a_bumped_stage_made(
    store: SqlStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = sorted(p.name for p in EXAMPLES.glob("*.txt"))
    old_folder = _corpus(tmp_path, names[:3])
    ingest(store, iter_articles([old_folder]), SETTINGS)
    old_ids = set(store.all_ids())
    assert reprocess(store).rewritten == []  # nothing is stale yet

    _bump(monkeypatch, "quotes", "test-bump")
    new_folder = tmp_path / "new"
    new_folder.mkdir()
    for name in names[3:5]:
        shutil.copy(EXAMPLES / name, new_folder / name)
    ingest(store, iter_articles([new_folder]), SETTINGS)
    new_ids = set(store.all_ids()) - old_ids
    assert len(old_ids) == 3 and len(new_ids) == 2
    before = {aid: store.get_record(aid) for aid in store.all_ids()}

    report = reprocess(store)
    assert set(report.rewritten) == old_ids and report.failed == 0
    revisions = _revisions(store)
    assert {a for a, r in revisions.items() if r == 2} == old_ids
    assert {a for a, r in revisions.items() if r == 1} == new_ids
    for aid in store.all_ids():
        record = store.get_record(aid)
        assert record is not None
        assert {s.name: s.version for s in record.provenance.stages}["quotes"] == "test-bump"
        check_record(record)
        old = before[aid]
        assert old is not None
        if aid in new_ids:  # untouched, byte for byte
            assert record.to_json() == old.to_json()
    assert reprocess(store).rewritten == []  # and now nothing is stale


def test_reprocess_reruns_cleaning_on_the_stored_raw_input(
    store: SqlStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = sorted(p.name for p in EXAMPLES.glob("*.txt"))[0]
    ingest(store, iter_articles([_corpus(tmp_path, [name])]), SETTINGS)
    (aid,) = store.all_ids()

    def shout(work: Any) -> None:
        work.record.title = (work.record.title or "").upper()

    _bump(monkeypatch, "clean", "test-title-upper", shout)
    assert current_signature() != store.get_record(aid).provenance.stages  # type: ignore[union-attr]
    assert reprocess(store).rewritten == [aid]
    record = store.get_record(aid)
    assert record is not None and record.title and record.title == record.title.upper()
    assert query.list_articles(store)["items"][0]["title"] == record.title


def test_reprocess_everything_and_missing_input(store: SqlStore) -> None:
    record, article = hand_record(0)
    store.put(record, article, SETTINGS)
    report = reprocess(store, everything=True)
    assert report.rewritten == [record.id] and report.failed == 0
    assert _revisions(store)[record.id] == 2


QUERIES = ['levy', 'LEVY harbour', '"harbour levy"', 'harb*', 'winter -levy', 'winter OR berths',
           'NEAR(levy harbour, 2)', '"unbalanced', "it's", '*', 'AND OR NOT', '-levy', 'levy)',
           'col:levy', '^levy', 'levy AND', '(((', "'; DROP TABLE articles; --", 'ünïcödé',
           '1840', 'March 3', 'Brellholm OR Quenmoor', '']


@pytest.mark.parametrize("text", QUERIES)
def test_search_never_fails(store: SqlStore, text: str) -> None:
    record, article = hand_record(0)
    store.put(record, article, SETTINGS)
    page = query.search(store, text)
    assert page["total"] == len(page["items"])


def test_search_matches(store: SqlStore) -> None:
    for variant in (0, 1):
        store.put(*hand_record(variant)[:2], settings=SETTINGS)

    def hits(text: str, **kw: Any) -> set[tuple[str, str]]:
        return {(i["kind"], i["item_id"] or "") for i in query.search(store, text, **kw)["items"]}

    assert hits("winter") == {("article", ""), ("quote", hand_record(0)[0].quotes[0].id),
                              ("quote", hand_record(1)[0].quotes[0].id)}
    assert hits("winter", kind="quote") == hits("winter") - {("article", "")}
    assert len(query.search(store, "Brellholm")["items"]) == 1
    assert len(query.search(store, "brellholm OR quenmoor", kind="article")["items"]) == 2
    assert len(query.search(store, "harb*", kind="article")["items"]) == 2
    assert query.search(store, "levy -brellholm", kind="article")["total"] == 1
    assert query.search(store, '"levy harbour"')["total"] == 0  # a phrase keeps its order
    one = query.search(store, "winter")["items"]
    assert any("winter" in i["snippet"].lower() for i in one)


def test_filters_and_paging(store: SqlStore) -> None:
    for variant in (0, 1):
        store.put(*hand_record(variant)[:2], settings=SETTINGS)
    rec0 = hand_record(0)[0]
    assert [q["speaker_name"] for q in query.list_quotes(store, speaker="varnecke")["items"]] == ["Odile Varnecke"]
    assert query.list_quotes(store, speaker="VARNECKE")["total"] == 1
    assert query.list_quotes(store, speaker="%")["total"] == 0  # LIKE wildcards are literal
    figs = query.list_figures(store, measure="BERTHS")["items"]
    assert [f["value"] for f in figs] == [45.0, 45.0] and all(f["modality"] == "reported" for f in figs)
    assert query.list_figures(store, modality="predicted")["total"] == 2
    ev = query.list_events(store, type="consult")["items"]
    assert [e["date"] for e in ev] == ["2026-03-01", "2026-03-01"] and ev[0]["date_basis"] == "when"
    accuse = query.list_events(store, type="ACCUSE")["items"]
    assert [e["date"] for e in accuse] == ["2026-03-05", "2026-03-04"]  # publication date, newest first
    assert all(e["date_basis"] == "published" for e in accuse)
    assert query.list_events(store, since="2026-03-02")["total"] == 2
    assert query.list_events(store, since="2026-03-05")["total"] == 1
    assert query.list_entities(store, type="person", name="strunk")["items"][0]["name"] == rec0.entities[2].name
    page = query.list_entities(store, limit=2, offset=1)
    assert page["total"] == 6 and len(page["items"]) == 2
    everything = query.list_entities(store, limit=100)["items"]
    assert page["items"] == everything[1:3]
    assert [a["published"] for a in query.list_articles(store)["items"]] == ["2026-03-05", "2026-03-04"]
    assert query.list_articles(store, since="2026-03-05")["total"] == 1
    assert query.list_timexes(store, article=rec0.id)["total"] == 2
    names = query.entity_names(store)["items"]
    assert len(names) == 6 and all(n["articles"] == 1 for n in names)
    assert query.entity_names(store, name="varnecke")["items"] == [
        {"name": "Odile Varnecke", "type": "PERSON", "articles": 1, "mentions": 2}]
    assert query.get_article(store, "nope") is None


def test_default_location_and_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSGRAPH_DB", raising=False)
    assert resolve_url() == "sqlite:///" + str(tmp_path / "newsgraph.db")
    monkeypatch.setenv("NEWSGRAPH_DB", "other.db")
    assert resolve_url() == "sqlite:///" + str(tmp_path / "other.db")
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    store = SqlStore()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    store.close()
    assert (tmp_path / "other.db").exists()


def test_seed_round_trips_through_the_store(seed_record: Any, tmp_path: Path) -> None:
    """The seed (read at run time) stored and read back whole; counts agree."""
    with SqlStore(tmp_path / "seed.db") as store:
        article = Article(content="(seed)", uri="file:///seed.txt")
        # the input row needs the text whose hash is the id; the record came from seed_text
        store.put(seed_record, dataclasses.replace(article, content=seed_record.text), SETTINGS)
        back = store.get_record(seed_record.id)
        assert back is not None and back.to_dict() == seed_record.to_dict()
        stats = query.stats(store)
        assert stats["entities"] == len(seed_record.entities)
        assert stats["events"] == len(seed_record.events)
        assert stats["quotes"] == len(seed_record.quotes)
        assert stats["figures"] == len(seed_record.figures)


def test_json_shapes_doc_matches_the_queries(tmp_path: Path) -> None:
    import json
    import re

    doc = (Path(__file__).resolve().parents[1] / "docs" / "json-shapes.md").read_text("utf-8")
    shapes = {m.group(1): json.loads(m.group(2))
              for m in re.finditer(r"<!-- shape: (\w+) -->\n```json\n(.*?)```", doc, re.S)}
    with SqlStore(tmp_path / "doc.db") as store:
        store.put(*hand_record(0)[:2], settings=SETTINGS)
        store.add_failure("file:///in/empty.txt", "file:///in/empty.txt: empty input", "read")
        actual = {"stats": query.stats(store), "search": query.search(store, "winter", kind="quote")}
        for name in ("list_articles", "list_entities", "list_quotes", "list_figures", "list_events",
                     "list_timexes", "list_failures", "entity_names"):
            actual[name] = getattr(query, name)(store)
    assert set(shapes) == set(actual)
    for name, shape in shapes.items():
        got = actual[name]
        assert set(shape) == set(got), name
        if "items" in shape:
            assert list(shape["items"][0]) == list(got["items"][0]), name


def test_any_string_is_a_query(tmp_path: Path) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    with SqlStore(tmp_path / "h.db") as store:
        store.put(*hand_record(0)[:2], settings=SETTINGS)

        @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
        @given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
               | st.lists(st.sampled_from(['"', "NEAR(", "*", "-", "OR", "AND", "NOT", "(", ")", "levy",
                                           "harb*", ":", "^", "'", "winter"]), max_size=8).map(" ".join))
        def check(text: str) -> None:
            page = query.search(store, text)
            assert page["total"] == len(page["items"])

        check()


def test_concurrent_writers_store_each_article_once(store: SqlStore) -> None:
    """Writers racing on the same articles (as ingest workers do): no error, one copy each."""
    from concurrent.futures import ThreadPoolExecutor

    pairs = [hand_record(v)[:2] for v in (0, 1, 2)]

    def work(i: int) -> list[str]:
        return [store.put(rec, art, SETTINGS) for rec, art in (pairs[i % 3:] + pairs[: i % 3])]

    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = [o for result in pool.map(work, range(8)) for o in result]
    assert sorted(outcomes).count("stored") == 3
    assert outcomes.count("known") == len(outcomes) - 3
    stats = query.stats(store)
    assert stats["articles"] == 3 and stats["quotes"] == 3 and stats["sources"] == 3


def test_write_hooks_run_in_the_article_transaction(store: SqlStore, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsgraph.store.sql as sql

    seen: list[tuple[str, bool]] = []

    def hook(conn: Any, record: Any, replaced: bool) -> None:
        n = conn.execute(sa.select(sa.func.count()).select_from(t.quotes).where(t.quotes.c.article_id == record.id)).scalar()
        seen.append((record.id, replaced))
        assert n == len(record.quotes)  # the facet rows are already there
        if record.title.startswith("Quenmoor"):
            raise RuntimeError("refused by the hook")

    monkeypatch.setattr(sql, "WRITE_HOOKS", [hook])
    first, art = hand_record(0)
    assert store.put(first, art, SETTINGS) == "stored"
    store.replace(first)
    with pytest.raises(RuntimeError):
        store.put(*hand_record(1)[:2], settings=SETTINGS)
    assert seen[:2] == [(first.id, False), (first.id, True)]
    assert query.stats(store)["articles"] == 1  # the refused article left nothing behind


# -- reading big stores: capped totals, keyset paging, indexed name filters ----------------

def _three(store: SqlStore) -> None:
    """Three hand records; the third has no publication date (its events are undated too),
    so every ordering meets a NULL in its first, descending column."""
    from newsgraph.record import Published

    for variant in (0, 1):
        store.put(*hand_record(variant)[:2], settings=SETTINGS)
    record, article = hand_record(2)
    store.put(record.model_copy(update={"published": Published()}), article, SETTINGS)


KEYSET = [("list_articles", {}), ("list_entities", {}), ("list_entities", {"name": "o"}),
          ("list_quotes", {}), ("list_quotes", {"speaker": "e"}), ("list_events", {}),
          ("list_events", {"type": "accuse"})]


@pytest.mark.parametrize(("name", "options"), KEYSET, ids=[f"{n}-{i}" for i, (n, _) in enumerate(KEYSET)])
def test_keyset_pages_walk_the_list_in_order(store: SqlStore, name: str, options: dict[str, Any]) -> None:
    _three(store)
    fn = getattr(query, name)
    whole = fn(store, limit=1000, **options)
    assert whole["next"] is None and whole["more"] is False and whole["total_exact"] is True
    walked: list[Any] = []
    after = None
    while True:
        page = fn(store, limit=2, after=after, **options)
        assert page["more"] == (page["next"] is not None) and len(page["items"]) <= 2
        walked += page["items"]
        after = page["next"]
        if after is None:
            break
    assert walked == whole["items"] and len(walked) == whole["total"] >= 3
    assert fn(store, limit=2, offset=2, **options)["items"] == walked[2:4]


def test_a_cursor_we_did_not_give_is_refused(store: SqlStore) -> None:
    _three(store)
    for bad in ("x", "e30", query.encode_cursor(["2026-03-04"]), query.encode_cursor([True, "a"]),
                query.encode_cursor([["a"], "b"])):
        with pytest.raises(ValueError, match="cursor"):
            query.list_articles(store, after=bad)


def test_totals_count_up_to_the_cap(store: SqlStore, monkeypatch: pytest.MonkeyPatch) -> None:
    _three(store)
    entities = query.list_entities(store)["total"]
    monkeypatch.setattr(query, "COUNT_CAP", 2)
    page = query.list_entities(store, limit=1)
    assert (page["total"], page["total_exact"], page["more"]) == (2, False, True) and entities > 2
    rec0 = hand_record(0)[0]
    small = query.list_timexes(store, article=rec0.id, limit=1)
    assert (small["total"], small["total_exact"], small["more"]) == (2, True, True)
    assert query.search(store, "winter")["total_exact"] is False
    stats, exact = query.stats_capped(store)
    assert stats["articles"] == 3 and exact["articles"] and stats["mentions"] == 2 and not exact["mentions"]


def test_search_ranks_the_newest_candidates(store: SqlStore, monkeypatch: pytest.MonkeyPatch) -> None:
    _three(store)
    every = query.search(store, "winter", limit=100)
    assert every["ranked"] == every["total"] == len(every["items"]) >= 4
    monkeypatch.setattr(query, "SEARCH_CANDIDATES", 2)
    page = query.search(store, "winter", limit=100)
    assert page["total"] == every["total"] and page["ranked"] == len(page["items"]) == 2
    key = lambda i: (i["kind"], i["article_id"], i["item_id"])  # noqa: E731
    assert {key(i) for i in page["items"]} < {key(i) for i in every["items"]}
    assert query.search(store, "winter", limit=1, offset=2)["items"] == []


@pytest.mark.parametrize(("keys_cap", "common"), [(2_000, 2_000), (0, 2_000), (2_000, 0)],
                         ids=["dictionary", "plain", "common"])
def test_name_filters_are_case_insensitive_substrings(store: SqlStore, monkeypatch: pytest.MonkeyPatch,
                                                      keys_cap: int, common: int) -> None:
    """Whichever way a name filter is served (the key dictionary and its trigram index, the
    plain substring filter, or the plain filter read in the list's order), it finds exactly
    the rows whose key contains the text."""
    _three(store)
    monkeypatch.setattr(query, "NAME_KEYS_CAP", keys_cap)
    monkeypatch.setattr(query, "COMMON_NAME", common)
    entities = query.list_entities(store, limit=1000)["items"]
    quotes = query.list_quotes(store, limit=1000)["items"]
    with store.engine.connect() as conn:
        speaker = {(r.article_id, r.id): r.speaker_key or "" for r in conn.execute(
            sa.select(t.quotes.c.article_id, t.quotes.c.id, t.quotes.c.speaker_key))}
    for text in ("e", "AN", "arn", "Varnecke", "odile v", "erlacher", "kE ", "zzq", "%", "_", "Str"):
        want = [e for e in entities if text.casefold() in e["name"].casefold()]
        assert query.list_entities(store, name=text, limit=1000)["items"] == want, text
        want_q = [q for q in quotes if text.casefold() in speaker[(q["article_id"], q["id"])]]
        assert query.list_quotes(store, speaker=text, limit=1000)["items"] == want_q, text
    assert query.list_entities(store, name="arn", limit=1000)["items"], "a probe that finds nothing proves little"
