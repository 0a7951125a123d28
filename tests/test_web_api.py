"""The HTTP API and the server-made pages, through the in-process client: every page has
its JSON twin, lists page and filter, writes need the token, everything from articles is
escaped, and the headers keep scripts to our own files."""

from __future__ import annotations

import html
import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from _web_support import ATTACKS, HOSTILE_NAME, TOKEN, jsonl_title, poison_entity, post_fixtures
from newsgraph.web import queries, worldmap
from newsgraph.web.app import CSP, create_app

with warnings.catch_warnings():
    # starlette asks for httpx2 on import; the client works the same with httpx
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PAGES = ["/", "/articles", "/entities", "/quotes", "/events", "/stories", "/claims", "/graph",
         "/map", "/search?q=pier", "/failures"]
TWINS = ["/api/home", "/api/articles", "/api/entities", "/api/quotes", "/api/events", "/api/stories",
         "/api/claims", "/api/graph", "/api/map", "/api/search?q=pier", "/api/failures"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict[str, str], str]]:
    db = str(tmp_path_factory.mktemp("web") / "web.db")
    with TestClient(create_app(db, token=TOKEN)) as client:
        ids = post_fixtures(client.post)
        poison_entity(db, ids["hostile.txt"])
        yield client, ids, db


@pytest.fixture(scope="module")
def client(site: tuple[TestClient, dict[str, str], str]) -> TestClient:
    return site[0]


@pytest.fixture(scope="module")
def ids(site: tuple[TestClient, dict[str, str], str]) -> dict[str, str]:
    return site[1]


# -- writes -----------------------------------------------------------------------------------

def test_write_refused_without_a_configured_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSGRAPH_TOKEN", raising=False)
    with TestClient(create_app(str(tmp_path / "ro.db"))) as ro:
        r = ro.post("/api/articles", content=b"Some title\n\nSome text.", headers={"Content-Type": "text/plain"})
        assert r.status_code == 403
        r = ro.post("/api/articles", content=b"x", headers={"Authorization": "Bearer anything", "Content-Type": "text/plain"})
        assert r.status_code == 403
        assert ro.get("/api/articles").json()["total"] == 0


def test_write_needs_the_right_bearer_token(client: TestClient) -> None:
    body = {"text": "Nothing to see here.", "title": "A Quiet Day"}
    assert client.post("/api/articles", json=body).status_code == 401
    assert client.post("/api/articles", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.post("/api/articles", json=body, headers={"Authorization": TOKEN}).status_code == 401


def test_token_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_TOKEN", "env-token-9")
    with TestClient(create_app(str(tmp_path / "env.db"))) as c:
        assert c.get("/api/home").json()["stats"]["articles"] == 0  # now cached
        bad = c.post("/api/articles", json={"text": "x"})
        assert bad.status_code == 401
        r = c.post("/api/articles", json={"title": "Ferry Fares Rise in Lorvik",
                                          "text": "LORVIK (Tidewire) - Ferry fares in Lorvik rose by 12 percent on Monday.",
                                          "published": "2026-02-02"},
                   headers={"Authorization": "Bearer env-token-9"})
        assert r.status_code == 201, r.text
        new_id = r.json()["articles"][0]["id"]
        record = c.get(f"/api/articles/{new_id}").json()
        assert record["title"] == "Ferry Fares Rise in Lorvik"
        assert record["published"]["date"] == "2026-02-02"
        home = c.get("/api/home").json()  # a write clears the cached views
        assert [a["id"] for a in home["articles"]["items"]] == [new_id]


def test_serve_listens_on_loopback_by_default() -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0
    assert "127.0.0.1" in result.output and "--db" in result.output and "--port" in result.output


def test_bad_bodies_get_clear_errors(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = client.post("/api/articles", content=b"{not json", headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 400 and "not JSON" in r.json()["detail"]
    r = client.post("/api/articles", json={"title": "no text"}, headers=auth)
    assert r.status_code == 400 and "no text" in r.json()["detail"]
    r = client.post("/api/articles", json={"text": "x", "published": "yesterday"}, headers=auth)
    assert r.status_code == 400 and "published" in r.json()["detail"]
    r = client.post("/api/articles", content=b"a,b", headers={**auth, "Content-Type": "text/csv"})
    assert r.status_code == 400


def test_posting_the_same_article_again_is_known(client: TestClient, ids: dict[str, str]) -> None:
    from _web_support import FIXTURES

    r = client.post("/api/articles", content=(FIXTURES / "emoji.txt").read_bytes(),
                    headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/plain"})
    assert r.status_code == 200
    assert r.json()["articles"] == [{"id": ids["emoji.txt"], "outcome": "known"}]


# -- pages and their twins -----------------------------------------------------------------------

@pytest.mark.parametrize("path", PAGES)
def test_pages_are_strict_about_scripts(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert csp == CSP and "script-src 'self'" in csp and "unsafe-inline" not in csp
    # every script is a file of ours or an inert JSON block
    for tag in re.findall(r"<script\b[^>]*>", r.text):
        assert 'src="/static/' in tag or 'type="application/json"' in tag, tag
    tags = re.findall(r"<[a-z]+\b[^>]*>", r.text)
    assert not [tag for tag in tags if re.search(r"\son[a-z]+\s*=", tag)]  # no inline handlers
    assert not [tag for tag in tags if re.search(r"\sstyle\s*=", tag)]  # no inline styles


@pytest.mark.parametrize("path", TWINS)
def test_every_page_has_a_json_twin(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    data = r.json()
    if path not in ("/api/home", "/api/graph"):
        assert {"total", "limit", "offset", "items"} <= set(data)
    assert r.headers["content-type"].startswith("application/json")


def test_hostile_strings_are_escaped_on_every_page(client: TestClient, ids: dict[str, str]) -> None:
    paths = [*PAGES, f"/articles/{ids['hostile.txt']}", f"/articles/{ids['hostile.jsonl']}",
             "/entity?name=" + HOSTILE_NAME, "/search?q=alert", "/quotes?speaker=Vantongeren"]
    for path in paths:
        r = client.get(path, params=None)
        assert r.status_code == 200, (path, r.status_code)
        page = r.text
        for attack in ATTACKS:
            assert attack not in page, (path, attack)
        assert "<img" not in page  # the page has no image tag: any would be injected
        assert re.findall(r"<script\b[^>]*>", page) == [
            '<script type="application/json" id="page-data">', '<script src="/static/newsgraph.js">']
    article = client.get(f"/articles/{ids['hostile.jsonl']}").text
    assert html.escape(jsonl_title(), quote=False) in article.replace("&#34;", '"').replace("&quot;", '"') \
        or html.escape(jsonl_title()) in article


def test_the_hostile_entity_round_trips_as_data(client: TestClient) -> None:
    data = client.get("/api/entity", params={"name": HOSTILE_NAME}).json()
    assert data["name"] == HOSTILE_NAME
    assert set(ATTACKS) <= set(data["aliases"])
    assert data["roles"][0]["org"] == ATTACKS[2]
    page = client.get("/entity", params={"name": HOSTILE_NAME}).text
    assert html.escape(ATTACKS[0]) in page


def test_embedded_json_cannot_close_its_script_block(client: TestClient, ids: dict[str, str]) -> None:
    page = client.get(f"/articles/{ids['hostile.txt']}").text
    block = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', page, re.S)
    assert block is not None
    assert "<" not in block.group(1)  # '<' is \u003c inside the block
    record = json.loads(block.group(1))
    assert any(a in record["text"] for a in ATTACKS)


def test_article_record_and_404(client: TestClient, ids: dict[str, str]) -> None:
    record = client.get(f"/api/articles/{ids['twin.txt']}").json()
    assert record["schema"] == "newsgraph/article@1" and record["id"] == ids["twin.txt"]
    assert record["stored"]["revision"] >= 1
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/articles/nope").status_code == 404


def test_paging_and_filters(client: TestClient, ids: dict[str, str]) -> None:
    first = client.get("/api/articles", params={"limit": 2}).json()
    second = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] >= 4
    assert len(first["items"]) == 2
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}
    assert client.get("/api/articles", params={"limit": -1}).status_code == 422
    found = client.get("/api/articles", params={"q": "trawler"}).json()
    assert [a["article_id"] for a in found["items"]] == [ids["twin.txt"]]
    quotes = client.get("/api/quotes", params={"speaker": "wielgorski"}).json()
    assert quotes["total"] >= 1 and all("Wielgorski" in (q["speaker_name"] or "") for q in quotes["items"])
    ents = client.get("/api/entities", params={"type": "person", "name": "ferreyra"}).json()
    assert [e["name"] for e in ents["items"]] == ["Lucía Ferreyra"]
    per_article = client.get("/api/entities", params={"article": ids["twin.txt"], "group": "false"}).json()
    assert per_article["total"] >= 4 and {e["article_id"] for e in per_article["items"]} == {ids["twin.txt"]}
    places = client.get("/api/map", params={"article": ids["twin.txt"]}).json()
    assert {"Valparaíso", "Gdańsk"} <= {p["name"] for p in places["items"]}
    assert client.get("/api/events", params={"since": "not a date"}).status_code == 422
    events = client.get("/api/events", params={"article": ids["twin.txt"]}).json()
    assert all(e["article_id"] == ids["twin.txt"] for e in events["items"])


def test_the_entity_page_has_roles_quotes_and_events(client: TestClient) -> None:
    data = client.get("/api/entity", params={"name": "Tomasz Wielgorski"}).json()
    assert data["type"] == "PERSON" and data["total"] == 1
    assert any("hake" in q["text"] for q in data["quotes"]["items"])
    page = client.get("/entity", params={"name": "Tomasz Wielgorski"}).text
    assert "Events as actor" in page and "hake" in page
    assert client.get("/api/entity", params={"name": "Nobody Atall"}).status_code == 404


def test_home_lists_latest_and_stories(client: TestClient, ids: dict[str, str]) -> None:
    home = client.get("/api/home").json()
    assert home["stats"]["articles"] >= 4
    assert ids["twin.txt"] in {a["id"] for a in home["articles"]["items"]}
    assert home["stories"]["items"], "no story"


def test_docs_and_openapi_work_offline(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/quotes", "/api/events", "/api/claims",
                 "/api/stories", "/api/entities", "/api/failures", "/api/search", "/api/map", "/api/graph"):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/api/articles"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    for src in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', docs.text):
        assert src.startswith("/"), src  # nothing from another host
        assert client.get(src).status_code == 200, src


def test_countries_come_from_the_packaged_atlas(client: TestClient) -> None:
    if worldmap.atlas_path() is None:
        pytest.fail("world-atlas is not installed (make setup runs npm ci in src/newsgraph/web)")
    world = client.get("/api/countries").json()
    assert len(world["features"]) > 150
    belgium = next(f for f in world["features"] if f["name"] == "Belgium")
    lons = [p[0] for poly in belgium["polygons"] for ring in poly for p in ring]
    lats = [p[1] for poly in belgium["polygons"] for ring in poly for p in ring]
    assert min(lons) < 4.35 < max(lons) and min(lats) < 50.85 < max(lats)  # Brussels lies inside


# -- claims: series and contradictions -----------------------------------------------------------

def _point(key: str, value: float, qualifier: str = "exact", who: str = "a", day: str = "2026-05-01",
           modality: str = "reported", low: float | None = None, high: float | None = None) -> dict[str, Any]:
    return {"key": key, "article_id": key, "text": str(value), "value": value, "low": low, "high": high,
            "qualifier": qualifier, "modality": modality, "day": day, "source_text": who, "source": None,
            "outlet": None}


def test_contradictions_need_the_same_day_different_sources_and_disjoint_values() -> None:
    clash = queries.contradictions([_point("p1", 400, who="the ministry"), _point("p2", 950, who="the union")])
    assert [(c["a"], c["b"]) for c in clash] == [("p1", "p2")]
    assert not queries.contradictions([_point("p1", 400, "at_least", "x"), _point("p2", 950, who="y")])
    assert not queries.contradictions([_point("p1", 400, who="x"), _point("p2", 950, who="x")])
    assert not queries.contradictions([_point("p1", 400, who="x"), _point("p2", 950, who="y", day="2026-05-02")])
    assert not queries.contradictions([_point("p1", 1000, "about", "x"), _point("p2", 1080, who="y")])
    assert not queries.contradictions([_point("p1", 400, who="x"), _point("p2", 950, who="y", modality="predicted")])
    assert queries.contradictions([_point("p1", 0, "range", "x", low=10, high=20), _point("p2", 30, "at_least", "y")])


def test_intervals_follow_the_qualifier() -> None:
    assert queries.interval(_point("a", 50, "over")) == (50, float("inf"))
    assert queries.interval(_point("a", 50, "under")) == (float("-inf"), 50)
    assert queries.interval(_point("a", 0, "range", low=8, high=3)) == (3, 8)
    assert queries.interval({"qualifier": "exact", "value": None, "low": None, "high": None}) is None


def test_claims_api_gives_series_with_points(client: TestClient) -> None:
    data = client.get("/api/claims", params={"limit": 50}).json()
    assert data["items"], "no series"
    for series in data["items"]:
        assert series["figures"] >= len(series["points"]) >= 1
        assert isinstance(series["contradictions"], list)
    page = client.get("/claims").text
    assert 'class="chart claim-chart"' in page


def test_two_sources_clashing_on_one_day_show_as_a_contradiction(client: TestClient, ids: dict[str, str]) -> None:
    pair = {ids["clash_a.txt"], ids["clash_b.txt"]}
    data = client.get("/api/claims", params={"measure": "people"}).json()
    found = [c for s in data["items"] for c in s["contradictions"] if {c["a_article"], c["b_article"]} == pair]
    assert found and {found[0]["a_text"], found[0]["b_text"]} == {"4,000", "11,000"}
    home = client.get("/api/home").json()
    assert any({c["a_article"], c["b_article"]} == pair for c in home["contradictions"])
    assert "11,000" in client.get("/").text


def test_the_simple_views_without_the_picture(site: tuple[TestClient, dict[str, str], str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Before the cross-article picture fills its tables, claims and stories come from the
    facet tables; the page shapes stay the same."""
    from newsgraph.store import open_store

    _, ids, db = site
    monkeypatch.setattr(queries, "_picture", lambda store, table: None)
    pair = {ids["clash_a.txt"], ids["clash_b.txt"]}
    with open_store(db) as store:
        series = queries.claims(store, measure="people")["items"]
        found = [c for s in series for c in s["contradictions"] if {c["a_article"], c["b_article"]} == pair]
        assert found and {found[0]["a_text"], found[0]["b_text"]} == {"4,000", "11,000"}
        stories = queries.stories(store, limit=5)
        assert stories["items"] and all(s["latest"] for s in stories["items"])
        assert {s["type"] for s in stories["items"]} <= {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "OTHER"}


def test_keyset_paging_through_the_api(client: TestClient) -> None:
    for path, params in (("/api/articles", {}), ("/api/quotes", {}), ("/api/events", {}),
                         ("/api/entities", {"group": "false"})):
        whole = client.get(path, params={**params, "limit": 1000}).json()
        walked, after = [], None
        while True:
            page = client.get(path, params={**params, "limit": 2, **({"after": after} if after else {})}).json()
            walked += page["items"]
            after = page["next"]
            if after is None:
                break
        assert walked == whole["items"] and len(walked) >= 3, path
        assert client.get(path, params={**params, "after": "not-ours"}).status_code == 422, path


def test_capped_totals_show_a_plus(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph import query

    monkeypatch.setattr(query, "COUNT_CAP", 2)
    data = client.get("/api/quotes", params={"limit": 1}).json()
    assert (data["total"], data["total_exact"], data["more"]) == (2, False, True)
    assert "of 2+" in client.get("/quotes", params={"limit": 1}).text
    home = queries.home(client.app.state.holder.get())  # type: ignore[attr-defined]
    assert home["stats_exact"]["articles"] is True and home["stats"]["articles"] >= 4
    assert (home["stats"]["mentions"], home["stats_exact"]["mentions"]) == (2, False)
