"""The picture's rules on their own: value compatibility, the event merge rule, name keys,
entity merges with redirects, incremental updates independent of arrival order, rewrites
keeping store ids."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from _store_support import SETTINGS, hand_record, pg_database
from conftest import FIXTURES
from newsgraph.picture.claims import compatible, interval
from newsgraph.picture.entities import person_match
from newsgraph.picture.events import EventSig, cluster, same_event
from newsgraph.picture.keys import day_range, measure_class, overlaps, place_key
from newsgraph.picture.query import entity, list_claims
from newsgraph.record import KB, Entity, Mention
from newsgraph.sources import iter_articles
from newsgraph.store import SqlStore
from newsgraph.store import tables as t
from newsgraph.store.ingest import ingest


def _p(value: float | None, qualifier: str = "exact", low: float | None = None, high: float | None = None) -> dict[str, Any]:
    return {"value": value, "qualifier": qualifier, "low": low, "high": high}


def test_bounds_and_qualifiers() -> None:
    assert interval(_p(3000, "at_least", low=3000)) == (3000, math.inf)
    assert compatible(_p(3000, "at_least", low=3000), _p(10000))
    assert compatible(_p(10000, "at_most", high=10000), _p(3000))
    assert not compatible(_p(12000), _p(10000, "about"))
    assert compatible(_p(10500), _p(10000, "about"))
    assert not compatible(_p(None, "range", low=10, high=20), _p(25))
    assert compatible(_p(None), _p(5))  # a point with no value contradicts nothing


def test_keys() -> None:
    assert place_key("Calvandia") == place_key("Calvandian") == place_key("calvandians")
    assert place_key("Morvessa") == place_key("Morvessan")
    assert measure_class("North Korean soldiers") == measure_class("troops") == "troop"
    assert measure_class("army engineers") == "engineer"
    assert day_range("2031-02") == ("2031-02-01", "2031-02-28")
    assert day_range("2031-W10") == ("2031-03-03", "2031-03-09")
    assert day_range("PRESENT_REF") is None
    assert overlaps(("2031-03-01", "2031-03-31"), ("2031-03-18", "2031-03-18"))
    assert not overlaps(("2031-03-01", "2031-03-02"), ("2031-03-18", "2031-03-18"))


def test_person_spellings() -> None:
    assert person_match("volodymyr zelenskyy", "volodymyr zelenskiy")
    assert person_match("zelensky", "volodymyr zelenskyy")
    assert person_match("tarek olvanskyy", "tarek olvanskiy")
    assert not person_match("tarek olvanskyy", "mira olvanskyy")
    assert not person_match("tarek olvanskyy", "tarek brenner")


def test_event_merge_rule() -> None:
    a = EventSig(type="MOBILIZE", actors=frozenset({"E1"}), targets=frozenset({"E2"}), reported="2031-03-04")
    assert same_event(a, EventSig(type="MOBILIZE", actors=frozenset({"E1"}), reported="2031-03-20"))
    assert not same_event(a, EventSig(type="AID", actors=frozenset({"E1"}), reported="2031-03-04"))
    assert not same_event(a, EventSig(type="MOBILIZE", actors=frozenset({"E9"}), reported="2031-03-04"))
    assert not same_event(a, EventSig(type="MOBILIZE", actors=frozenset({"E1"}), reported="2031-09-04"))
    dated = EventSig(type="MOBILIZE", actors=frozenset({"E1"}), days=("2031-03-01", "2031-03-01"))
    assert not same_event(dated, EventSig(type="MOBILIZE", days=("2031-03-05", "2031-03-05")))
    # no type (ECB+): the trigger lemma decides
    assert same_event(EventSig(type=None, lemma="quake"), EventSig(type=None, lemma="quake"))
    assert not same_event(EventSig(type=None, lemma="quake"), EventSig(type=None, lemma="flood"))
    assert cluster([EventSig(None, "hit"), EventSig(None, "kill"), EventSig(None, "hit")]) == [0, 1, 0]


def _put(store: SqlStore, variant: int, rid: str, entities: list[Entity]) -> None:
    record, article = hand_record(variant)
    record = record.model_copy(update={"id": rid, "content_key": rid + "-body", "entities": entities,
                                       "quotes": [], "figures": [], "events": []})
    assert store.put(record, article.__class__(content=rid, uri=f"file:///{rid}.txt"), SETTINGS) == "stored"


def _person(name: str, kb: KB | None = None, type: str = "GPE") -> Entity:
    return Entity(id="entity:0", name=name, type=type, kb=kb, mentions=[Mention(start=0, end=3, text="Bre")])


def test_entity_minted_once_and_merged_with_redirect(tmp_path: Path) -> None:
    with SqlStore(tmp_path / "e.db") as store:
        _put(store, 0, "a1", [_person("Aldmere")])
        _put(store, 1, "a2", [_person("Aldmere Harbour", KB(geonames=990001))])
        with store.engine.connect() as conn:
            before = dict(conn.execute(sa.select(t.pic_entity_links.c.article_id, t.pic_entity_links.c.pic_entity)).all())
        assert before["a1"] != before["a2"]
        _put(store, 0, "a3", [_person("Aldmere", KB(geonames=990001))])
        with store.engine.connect() as conn:
            rows = {r.id: r for r in conn.execute(sa.select(t.pic_entities))}
            links = dict(conn.execute(sa.select(t.pic_entity_links.c.article_id, t.pic_entity_links.c.pic_entity)).all())
        keep, gone = sorted((before["a1"], before["a2"]), key=lambda x: int(x[1:]))
        assert rows[gone].redirect_to == keep and rows[keep].redirect_to is None
        assert set(links.values()) == {keep}
        got = entity(store, gone)
        assert got is not None and got["id"] == keep and set(got["names"]) == {"Aldmere", "Aldmere Harbour"}


def test_surname_alone_never_merges_two_people(tmp_path: Path) -> None:
    with SqlStore(tmp_path / "p.db") as store:
        _put(store, 0, "b1", [_person("Tarek Olvanskyy", type="PERSON")])
        _put(store, 1, "b2", [_person("Mira Olvanskiy", type="PERSON")])
        _put(store, 0, "b3", [_person("Olvansky", type="PERSON")])
        _put(store, 1, "b4", [_person("Tarek Olvanskiy", type="PERSON")])
        with store.engine.connect() as conn:
            redirects = conn.execute(sa.select(t.pic_entities.c.id).where(t.pic_entities.c.redirect_to.is_not(None))).all()
            links = dict(conn.execute(sa.select(t.pic_entity_links.c.article_id, t.pic_entity_links.c.pic_entity)).all())
        assert redirects == []
        assert links["b1"] == links["b4"] != links["b2"]


def _summary(db: Path) -> list[tuple[Any, ...]]:
    with SqlStore(db) as store:
        page = list_claims(store, limit=100)
    return sorted((s["key"], s["n_reports"], s["n_independent"], len(s["contradictions"]),
                   tuple(p["text"] for p in s["points"])) for s in page["items"])


def test_incremental_order_does_not_change_series(tmp_path: Path) -> None:
    files = sorted((FIXTURES / "picture" / "twin").glob("*.txt"))
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    with SqlStore(one) as store:
        ingest(store, iter_articles(files), SETTINGS)
    with SqlStore(two) as store:
        for f in reversed(files):  # one at a time, newest first
            ingest(store, iter_articles([f]), SETTINGS)
    assert _summary(one) == _summary(two)


def test_rewrite_keeps_store_ids(tmp_path: Path) -> None:
    files = sorted((FIXTURES / "picture" / "twin").glob("*.txt"))
    db = tmp_path / "r.db"
    with SqlStore(db) as store:
        ingest(store, iter_articles(files), SETTINGS)
        with store.engine.connect() as conn:
            before = sorted(conn.execute(sa.select(t.pic_entity_links)).all())
        summary = _summary(db)
        for aid in store.all_ids():
            record = store.get_record(aid)
            assert record is not None
            store.replace(record)
        with store.engine.connect() as conn:
            after = sorted(conn.execute(sa.select(t.pic_entity_links)).all())
    assert before == after
    assert _summary(db) == summary


@pytest.mark.postgres
def test_postgres_gives_the_same_picture(tmp_path: Path, pg_url: str) -> None:
    files = sorted((FIXTURES / "picture" / "twin").glob("*.txt"))
    lite = tmp_path / "lite.db"
    with SqlStore(lite) as store:
        ingest(store, iter_articles(files), SETTINGS)
        want = list_claims(store, limit=100)
    with pg_database(pg_url) as url, SqlStore(url) as store:
        ingest(store, iter_articles(files), SETTINGS)
        got = list_claims(store, limit=100)
    assert got == want and want["total"] >= 1


def test_a_failing_picture_never_loses_the_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from newsgraph.picture import claims

    def broken(*_args: Any, **_kw: Any) -> Any:
        raise ValueError("a bug in the picture")

    monkeypatch.setattr(claims, "points_of", broken)
    files = sorted((FIXTURES / "picture" / "twin").glob("*.txt"))[:2]
    with SqlStore(tmp_path / "f.db") as store:
        report = ingest(store, iter_articles(files), SETTINGS)
        assert report.stored == 2 and report.failed == 0
        with store.engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(t.pic_entity_links)).scalar() == 0
    assert "left out of the cross-article picture" in capsys.readouterr().err


def _plain_contradictions(points: list[dict[str, Any]], origin: list[int]) -> list[tuple[int, int, str, str]]:
    """The contradiction rule written plainly (every pair, every denial against every
    assertion): what the swept, searched version must give."""
    from newsgraph.picture.claims import FACTUAL

    found: dict[tuple[int, int], tuple[int, int, str, str]] = {}
    ranges = [day_range(p["refers_to"]) for p in points]
    factual = [i for i, p in enumerate(points) if p["stance"] == "asserts" and p["modality"] in FACTUAL]
    undated = [i for i in factual if ranges[i] is None]
    dated = sorted((i for i in factual if ranges[i] is not None), key=lambda i: ranges[i] or ("", ""))

    def check(i: int, j: int) -> None:
        a, b = points[min(i, j)], points[max(i, j)]
        if a["aspect"] != b["aspect"] or origin[i] == origin[j] or compatible(a, b):
            return
        pair = (min(origin[i], origin[j]), max(origin[i], origin[j]))
        found.setdefault(pair, (min(i, j), max(i, j), "values", f"{a['text']} and {b['text']} cannot both hold"))

    for n, i in enumerate(dated):
        for j in dated[n + 1:]:
            if (ranges[j] or ("", ""))[0] > (ranges[i] or ("", ""))[1]:
                break
            check(i, j)
    for i in undated:
        for j in factual:
            if j != i and (j not in undated or j > i):
                check(i, j)
    for j, d in enumerate(points):
        if d["stance"] != "denies":
            continue
        asserted = [i for i in factual if origin[i] != origin[j]]
        before = [i for i in asserted if (points[i]["claimed_on"] or "") <= (d["claimed_on"] or "")]
        pick = before[-1] if before else (asserted[0] if asserted else None)
        if pick is not None:
            found[(-1 - j, pick)] = (pick, j, "denial", f"{d['source_text'] or 'a source'} denies what "
                                     f"{points[pick]['source_text'] or 'a source'} asserts")
    return sorted(found.values())


@pytest.mark.parametrize("size", [5, 40, 300])
def test_contradictions_as_the_plain_rule(size: int) -> None:
    import random

    from newsgraph.picture.claims import contradictions

    rng = random.Random(size)
    days = [None, "2031-04", "2031-04-02", "2031-04-09", "2031-04-20", "2031-05", "2031-W15", "PRESENT_REF"]
    points = []
    for n in range(size):
        denies = n % 7 == 3
        q = rng.choice(["exact", "about", "at_least", "at_most", "range", None])
        v = None if denies or rng.random() < 0.05 else float(rng.choice([800, 1000, 1100, 2000, 5000]))
        points.append({
            "stance": "denies" if denies else "asserts", "value": v, "qualifier": q,
            "low": v if q == "at_least" else (v / 2 if q == "range" and v else None),
            "high": v if q == "at_most" else (v if q == "range" else None),
            "modality": "denied" if denies else rng.choice(["asserted", "reported", "estimated", "predicted"]),
            "aspect": rng.choice([None, "total", "increment"]), "refers_to": rng.choice(days),
            "claimed_on": rng.choice([None, "2031-04-01", "2031-04-05", "2031-04-12"]),
            "text": f"p{n}", "source_text": rng.choice([None, "a ministry", "an agency"]),
        })
    points.sort(key=lambda p: p["claimed_on"] or "")
    origin = [rng.randrange(max(2, size // 3)) for _ in points]
    got = contradictions(points, origin)
    assert got == _plain_contradictions(points, origin)
    if size >= 40:
        assert {k for _, _, k, _ in got} == {"values", "denial"}
