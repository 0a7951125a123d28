"""The pages in a real browser: Debian's Chromium driven by Playwright against uvicorn on
loopback. The hostile fixture opens no dialog and shows its strings as text; an emoji
before a quote does not shift the highlight; the seed article (and our twin of it) shows
its speakers' quotes, its unsupported subtitle and its places on the map. A screenshot of
each main page is kept under artifacts/screenshots/.

With CI=true a browser that cannot start fails the tests; elsewhere they skip."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from _web_support import ATTACKS, HOSTILE_NAME, TOKEN, jsonl_title, poison_entity, post_fixtures
from conftest import IN_CI, REFERENCE_DATE, ROOT
from newsgraph.pipeline import Article, Settings
from newsgraph.record import ArticleRecord
from newsgraph.store import open_store
from newsgraph.web.app import create_app, serving

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "artifacts" / "screenshots"


def _unavailable(message: str) -> None:
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _unavailable(f"playwright is not installed: {exc}")
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM} (make test installs Debian's chromium)")
    with sync_playwright() as pw:
        try:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        except Exception as exc:
            _unavailable(f"cannot start Chromium: {exc}")
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, seed_record: ArticleRecord,
         seed_text: str) -> Iterator[tuple[str, dict[str, str]]]:
    """A server on a free loopback port over a store holding the seed and our fixtures
    (posted over HTTP with the token)."""
    db = str(tmp_path_factory.mktemp("webui") / "ui.db")
    with open_store(db) as store:
        store.put(seed_record, Article(content=seed_text), Settings(reference_date=REFERENCE_DATE))
    with serving(create_app(db, token=TOKEN)) as base, httpx.Client(base_url=base, timeout=120) as http:
        ids = post_fixtures(http.post)
        poison_entity(db, ids["hostile.txt"])
        ids["seed"] = seed_record.id
        yield base, ids


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(90_000)  # two cores shared with other jobs: be patient, not flaky
    pg = context.new_page()
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.errors = []  # type: ignore[attr-defined]

    def on_dialog(dialog: Any) -> None:
        pg.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    try:
        yield pg
    finally:
        context.close()


def _open(page: Any, url: str, shot: str | None = None) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    page.wait_for_selector("body[data-ready='1']")
    if shot:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{shot}.png"), full_page=True)


def _quote_on_screen(page: Any, speaker_part: str) -> list[str]:
    """The highlighted text of each quote the list attributes to ``speaker_part``."""
    found = []
    for item in page.locator(".quote-item").all():
        if speaker_part in item.locator(".speaker").inner_text():
            qid = item.get_attribute("data-quote")
            segs = page.locator(f'#text .seg[data-quote="{qid}"]')
            assert segs.count() >= 1, qid
            found.append("".join(segs.all_inner_texts()))
    return found


# -- security ------------------------------------------------------------------------------------

def test_hostile_fixture_opens_no_dialog_and_shows_text(page: Any, site: tuple[str, dict[str, str]]) -> None:
    base, ids = site
    for url in (f"{base}/articles/{ids['hostile.txt']}", f"{base}/articles/{ids['hostile.jsonl']}", f"{base}/",
                f"{base}/quotes", f"{base}/entities", f"{base}/search?q=alert",
                f"{base}/entity?name={httpx.QueryParams({'n': HOSTILE_NAME})['n']}"):
        _open(page, url)
        page.mouse.move(300, 400)
        page.wait_for_timeout(100)
        assert page.dialogs == [], url
        assert page.locator("img").count() == 0, url
        assert page.evaluate("document.querySelectorAll('script:not([src]):not([type=\"application/json\"])').length") == 0
    _open(page, f"{base}/articles/{ids['hostile.txt']}", "hostile-article")
    title = page.locator("#page-title").inner_text()
    assert ATTACKS[0] in title and ATTACKS[1] in title
    body = page.locator("#text").inner_text()
    assert ATTACKS[2] in body  # inside the quote, drawn as text by our script
    quote_items = page.locator(".quote-item").all_inner_texts()
    assert any(ATTACKS[2] in q for q in quote_items)
    assert any("<script" in q for q in page.locator(".quote-item .speaker").all_inner_texts())
    _open(page, f"{base}/articles/{ids['hostile.jsonl']}")
    assert page.locator("#page-title").inner_text() == jsonl_title()
    _open(page, f"{base}/entity?name={httpx.QueryParams({'n': HOSTILE_NAME})['n']}")
    assert page.locator("#page-title").inner_text() == HOSTILE_NAME
    assert page.dialogs == [] and page.errors == []


def test_hovering_shows_the_record_item_as_text(page: Any, site: tuple[str, dict[str, str]]) -> None:
    base, ids = site
    _open(page, f"{base}/articles/{ids['hostile.txt']}")
    page.locator("#text .seg.quote").first.hover()
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    assert '"quote"' in tip.inner_text() and page.locator("#tip *").count() == 0
    assert page.dialogs == []


# -- offsets ------------------------------------------------------------------------------------

def test_an_emoji_before_a_quote_keeps_the_highlight_exact(page: Any, site: tuple[str, dict[str, str]]) -> None:
    base, ids = site
    record = httpx.get(f"{base}/api/articles/{ids['emoji.txt']}").json()
    text = record["text"]
    assert any(ord(ch) > 0xFFFF for ch in text[: record["quotes"][0]["start"]])  # astral chars precede it
    _open(page, f"{base}/articles/{ids['emoji.txt']}", "emoji-article")
    for q in record["quotes"]:
        shown = "".join(page.locator(f'#text .seg[data-quote="{q["id"]}"]').all_inner_texts())
        assert shown == q["text"]
    for f in record["figures"]:
        starts = page.locator(f'#text .seg.fig[data-start="{f["start"]}"]')
        assert starts.count() == 1 and f["text"].startswith(starts.inner_text())
    assert page.locator("#text").inner_text() == text


# -- the seed and its twin ----------------------------------------------------------------------

def test_seed_article_page(page: Any, site: tuple[str, dict[str, str]]) -> None:
    base, ids = site
    _open(page, f"{base}/articles/{ids['seed']}", "article")
    kirby = _quote_on_screen(page, "Kirby")
    zelenskyy = _quote_on_screen(page, "Zelenskyy")
    assert len(kirby) >= 2 and len(zelenskyy) >= 2
    assert any(len(q) > 40 for q in kirby) and any(len(q) > 20 for q in zelenskyy)
    flagged = page.locator(".check.verdict-unsupported").all_inner_texts()
    assert any("1.4 Million" in f for f in flagged), flagged
    assert page.locator(".removed li").count() >= 1
    assert page.errors == []


def test_twin_article_page(page: Any, site: tuple[str, dict[str, str]]) -> None:
    base, ids = site
    _open(page, f"{base}/articles/{ids['twin.txt']}")
    ferreyra = _quote_on_screen(page, "Ferreyra")
    wielgorski = _quote_on_screen(page, "Wielgorski")
    assert any("two long winters" in q for q in ferreyra)
    assert any("the quota is fair" in q for q in wielgorski)
    flagged = page.locator(".check.verdict-unsupported").all_inner_texts()
    assert any("9 Billion Zlotys" in f for f in flagged), flagged


def _places_on_map(page: Any) -> set[str]:
    page.wait_for_function("(() => { const m = document.getElementById('map');"
                           " return m !== null && Number(m.dataset.countries || 0) > 100; })()", timeout=90_000)
    names = set()
    for mark in page.locator("#map .place-mark").all():
        assert mark.locator("circle").is_visible()
        names.add(mark.get_attribute("data-name"))
    return names


def test_seed_places_on_the_map(page: Any, site: tuple[str, dict[str, str]]) -> None:
    base, ids = site
    _open(page, f"{base}/map?article={ids['seed']}", "map")
    assert {"Vladivostok", "Brussels"} <= _places_on_map(page)
    # Brussels is drawn west of Vladivostok and north of it, as lon/lat say
    b = page.locator('#map .place-mark[data-name="Brussels"] circle').bounding_box()
    v = page.locator('#map .place-mark[data-name="Vladivostok"] circle').bounding_box()
    assert b["x"] < v["x"] and b["y"] < v["y"]


def test_twin_places_on_the_map(page: Any, site: tuple[str, dict[str, str]]) -> None:
    base, ids = site
    _open(page, f"{base}/map?article={ids['twin.txt']}")
    assert {"Valparaíso", "Gdańsk"} <= _places_on_map(page)
    s = page.locator('#map .place-mark[data-name="Valparaíso"] circle').bounding_box()
    n = page.locator('#map .place-mark[data-name="Gdańsk"] circle').bounding_box()
    assert s["y"] > n["y"] and s["x"] < n["x"]  # south and west


# -- every main page ------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "shot", "drawn"), [
    ("/", "home", None), ("/claims", "claims", ".claim-chart circle.mark"),
    ("/events", "timeline", "#timeline circle"), ("/graph", "graph", "#graph circle.node"),
    ("/entities", "entities", None), ("/quotes", "quotes", None), ("/stories", "stories", None),
])
def test_main_pages_render(page: Any, site: tuple[str, dict[str, str]], path: str, shot: str,
                           drawn: str | None) -> None:
    base, _ = site
    _open(page, base + path, shot)
    if drawn:
        assert page.locator(drawn).count() >= 1, drawn
    assert page.dialogs == [] and page.errors == [], page.errors


def test_api_docs_render_offline(page: Any, site: tuple[str, dict[str, str]]) -> None:
    base, _ = site
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    _open(page, f"{base}/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    assert page.locator(".swagger-ui .opblock").count() >= 10
    assert "Unable to render" not in page.locator("#swagger").inner_text()
    page.screenshot(path=str(SHOTS / "docs.png"), full_page=False)
    assert all(url.startswith(base) or url.startswith("data:") for url in requests), requests


def test_claims_chart_marks_the_contradiction(page: Any, site: tuple[str, dict[str, str]]) -> None:
    base, _ = site
    _open(page, f"{base}/claims?measure=people")
    chart = page.locator(".series").filter(has_text="11,000").locator("svg.claim-chart")
    assert chart.locator("circle.mark").count() >= 2
    assert chart.locator("circle.contra").count() == 2 and chart.locator("line.contra-line").count() == 1
    marks = chart.locator("circle.mark").all()
    keys = {m.get_attribute("data-key") for m in marks}
    assert len(keys) == len(marks)  # one mark per source and figure


def test_entity_page(page: Any, site: tuple[str, dict[str, str]]) -> None:
    base, _ = site
    _open(page, f"{base}/entity?name=John%20Kirby", "entity")
    assert page.locator(".quotes li").count() >= 2
    assert page.errors == []
