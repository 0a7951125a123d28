"""Shared helpers of the web tests: a store filled through the HTTP API (the hostile
fixture, an emoji article and a twin of the seed we wrote), and one hand-made hostile
record whose entity name, role, alias and speaker carry the attack strings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsgraph.record import ArticleRecord, Role
from newsgraph.store import open_store

FIXTURES = Path(__file__).parent / "fixtures" / "web"
TOKEN = "test-token-7f3a"
ATTACKS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(2)>', "</script><script>alert(3)</script>")
HOSTILE_NAME = "Harbour Board " + " ".join(ATTACKS)


def post_fixtures(post: Any) -> dict[str, str]:
    """POST every web fixture with the token (``post(path, content=..., headers=...)``);
    returns the article id of each fixture by name."""
    auth = {"Authorization": f"Bearer {TOKEN}"}
    ids: dict[str, str] = {}
    for name in ("hostile.txt", "twin.txt", "emoji.txt"):
        r = post("/api/articles", content=(FIXTURES / name).read_bytes(),
                 headers={**auth, "Content-Type": "text/plain; charset=utf-8"})
        assert r.status_code in (200, 201), r.text
        body = r.json()
        assert body["articles"][0]["outcome"] in ("stored", "known"), body
        ids[name] = body["articles"][0]["id"]
    for name in ("clash_a.txt", "clash_b.txt"):  # two sources, one day, incompatible counts
        r = post("/api/articles", json={"text": (FIXTURES / name).read_text("utf-8"), "published": "2026-05-12"},
                 headers=auth)
        assert r.status_code in (200, 201), r.text
        ids[name] = r.json()["articles"][0]["id"]
    r = post("/api/articles", content=(FIXTURES / "hostile.jsonl").read_bytes(),
             headers={**auth, "Content-Type": "application/x-ndjson"})
    assert r.status_code in (200, 201), r.text
    ids["hostile.jsonl"] = r.json()["articles"][0]["id"]
    return ids


def poison_entity(db: str, article_id: str) -> ArticleRecord:
    """Give the first entity of a stored article a hostile name, alias and role (names are
    free text in the record; spans stay exact), and rewrite it in the store."""
    with open_store(db) as store:
        record = store.get_record(article_id)
        assert record is not None
        ent = record.entities[0]
        ent.name = HOSTILE_NAME
        ent.aliases = [*ATTACKS]
        ent.roles = [Role(title="chair " + ATTACKS[1], org=ATTACKS[2], basis="text")]
        store.replace(record)
        return record


def jsonl_title() -> str:
    return str(json.loads((FIXTURES / "hostile.jsonl").read_text("utf-8").splitlines()[0])["title"])
