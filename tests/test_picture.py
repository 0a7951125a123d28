"""The cross-article picture on a real store: the seed (read at run time) with follow-ups we
wrote about the same deployment, and a twin story with invented names, places, numbers and
dates. Claims, contradictions, independence, merged events and stories through the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from _store_support import SETTINGS
from conftest import FIXTURES, SEED_DIR, check_record
from newsgraph.cli import app
from newsgraph.sources import iter_articles
from newsgraph.store import SqlStore
from newsgraph.store.ingest import ingest

PICTURE = FIXTURES / "picture"


def _ingest(db: Path, folders: list[Path]) -> None:
    with SqlStore(db) as store:
        report = ingest(store, iter_articles(folders), SETTINGS)
        assert report.failed == 0, report.failures
        for aid in store.all_ids():
            record = store.get_record(aid)
            assert record is not None
            check_record(record)


def _cli(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def deployment_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("deployment")
    seed = sorted(SEED_DIR.glob("*.txt"))
    assert seed, "the seed article is read from ../shared at run time"
    shutil.copy(seed[0], folder / seed[0].name)
    for f in sorted((PICTURE / "deployment").glob("*.txt")):
        shutil.copy(f, folder / f.name)
    db = folder / "store.db"
    _ingest(db, [folder])
    return db


@pytest.fixture(scope="module")
def twin_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("twin") / "store.db"
    _ingest(db, [PICTURE / "twin"])
    return db


def _series(db: Path, measure: str, of: str, at: str) -> dict[str, Any]:
    page = _cli("claims", "--db", str(db), "--format", "json", "--measure", measure)
    found = [s for s in page["items"] if s["of"] and of in s["of"] and s["at"] and at in s["at"]]
    assert len(found) == 1, [(s["key"], s["of"], s["at"]) for s in page["items"]]
    return found[0]


def _check_series(s: dict[str, Any]) -> None:
    days = [p["claimed_on"] for p in s["points"]]
    assert days == sorted(days) and all(days)
    for p in s["points"]:
        assert p["modality"] in ("asserted", "reported", "estimated", "predicted", "hypothetical", "denied")
        assert p["source_text"], p
        assert p["article_id"] and p["item_id"]
    assert s["n_independent"] < s["n_reports"] == len(s["points"])
    kinds = {c["kind"] for c in s["contradictions"]}
    assert kinds == {"values", "denial"}
    for c in s["contradictions"]:
        assert c["a"]["article_id"] and c["b"]["article_id"] and c["a"]["origin"] != c["b"]["origin"]
        if c["kind"] == "denial":
            assert "denies" in (c["a"]["stance"], c["b"]["stance"])


def test_seed_claims_one_series_in_order_with_contradiction(deployment_db: Path) -> None:
    s = _series(deployment_db, "soldiers", "North Korea", "Russia")
    _check_series(s)
    texts = [p["text"] for p in s["points"]]
    # the seed's points come first, the follow-ups after, in the order they were said
    assert texts.index("at least 3,000") < texts.index("12,000") < texts.index("about 11,000")
    assert any(p["stance"] == "denies" and p["claimed_on"] == "2024-11-08" for p in s["points"])
    inc = next(p for p in s["points"] if p["text"] == "an additional 1,500")
    assert inc["aspect"] == "increment"
    predicted = next(p for p in s["points"] if p["text"] == "as many as 10,000")
    assert predicted["modality"] == "predicted" and predicted["refers_to"] == "2024-12"
    values = [c for c in s["contradictions"] if c["kind"] == "values"]
    assert {frozenset((c["a"]["text"], c["b"]["text"])) for c in values} == {frozenset(("12,000", "About 10,000"))}
    # "at least 3,000" and "3,000" / "as many as 10,000" are compatible: never a pair
    flagged = {p["text"] for c in values for p in (c["a"], c["b"])}
    assert not flagged & {"at least 3,000", "3,000", "as many as 10,000"}
    # the wire copy repeats the Pentagon's figure: one origin for the two reports
    pentagon = [p for p in s["points"] if p["text"] == "About 10,000"]
    assert len(pentagon) == 2 and len({p["origin"] for p in pentagon}) == 1


def test_seed_events_merged_across_reports(deployment_db: Path) -> None:
    page = _cli("events", "--merged", "--db", str(deployment_db), "--format", "json")
    aid = [e for e in page["items"] if e["type"] == "AID" and e["mode"] == "military"
           and "North Korea" in e["actors"] and "Russia" in e["targets"]]
    assert len(aid) == 1
    event = aid[0]
    assert event["report_count"] > 1 and event["n_articles"] > 1
    assert event["first_seen"] == "2024-10-23"
    assert {r["status"] for r in event["reports"]} >= {"occurred", "denied"}


def test_seed_story_holds_the_follow_ups(deployment_db: Path) -> None:
    page = _cli("stories", "--db", str(deployment_db), "--format", "json")
    biggest = page["items"][0]
    assert biggest["n_articles"] == 6
    dups = [a for a in biggest["articles"] if a["duplicate_of"]]
    assert len(dups) == 1 and dups[0]["agency"] == "Reuters"


def test_twin_claims(twin_db: Path) -> None:
    s = _series(twin_db, "engineers", "Calvandia", "Morvessa")
    _check_series(s)
    values = [c for c in s["contradictions"] if c["kind"] == "values"]
    assert {frozenset((c["a"]["text"], c["b"]["text"])) for c in values} == {frozenset(("5,000", "About 2,000"))}
    flagged = {p["text"] for c in values for p in (c["a"], c["b"])}
    assert "at least 800" not in flagged and "as many as 3,000" not in flagged
    denial = [p for p in s["points"] if p["stance"] == "denies"]
    assert denial and all(p["claimed_on"] == "2031-03-20" and p["value"] is None for p in denial)
    afp = [p for p in s["points"] if p["text"] == "About 2,000"]
    assert len(afp) == 2 and afp[0]["origin"] == afp[1]["origin"]


def test_twin_story_and_csv(twin_db: Path) -> None:
    page = _cli("stories", "--db", str(twin_db), "--format", "json")
    assert page["total"] == 1 and page["items"][0]["n_articles"] == 5
    result = CliRunner().invoke(app, ["claims", "--db", str(twin_db), "--format", "csv", "--measure", "engineer"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    s = _series(twin_db, "engineers", "Calvandia", "Morvessa")
    assert lines[0].startswith("series,") and len(lines) == 1 + len(s["points"])
    table = CliRunner().invoke(app, ["claims", "--db", str(twin_db), "--format", "table"])
    assert table.exit_code == 0 and "5,000" in table.stdout


def test_bad_format_is_refused(twin_db: Path) -> None:
    result = CliRunner().invoke(app, ["claims", "--db", str(twin_db), "--format", "xml"])
    assert result.exit_code != 0


def test_rebuild_gives_the_same_picture(twin_db: Path) -> None:
    before = _cli("claims", "--db", str(twin_db), "--format", "json")
    assert _cli("picture-rebuild", "--db", str(twin_db)) == {"articles": 5}
    assert _cli("claims", "--db", str(twin_db), "--format", "json") == before
