"""The store commands end to end on a real SQLite file: ingest (idempotent, failures
recorded, exit 1), the read commands in every format, hostile search strings, export, demo."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from _store_support import EXAMPLES
from newsgraph.cli import app

runner = CliRunner()
REF = ["--reference-date", "2026-11-26"]


def run(*args: str, code: int = 0) -> tuple[str, str]:
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, (args, result.stdout, result.stderr, result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout, result.stderr


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("in")
    for f in sorted(EXAMPLES.glob("*.txt"))[:4]:
        shutil.copy(f, folder / f.name)
    path = str(tmp_path_factory.mktemp("db") / "cli.db")
    out, _ = run("ingest", str(folder), "--db", path, *REF)
    assert json.loads(out) == {"stored": 4, "linked": 0, "known": 0, "failed": 0}
    out, _ = run("ingest", str(folder), "--db", path, *REF, "-q")
    assert json.loads(out) == {"stored": 0, "linked": 0, "known": 4, "failed": 0}
    return path


def test_ingest_records_failures_and_exits_1(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(sorted(EXAMPLES.glob("*.txt"))[-1], folder / "good.txt")
    (folder / "latin1.txt").write_bytes("Caf\xe9 au lait\n\nUn article.".encode("latin-1"))
    path = str(tmp_path / "f.db")
    out, err = run("ingest", str(folder), str(tmp_path / "missing"), "--db", path, *REF, code=1)
    assert json.loads(out)["stored"] == 1 and json.loads(out)["failed"] == 2
    assert "not UTF-8" in err
    out, _ = run("failures", "--db", path, "--format", "json")
    reasons = sorted(i["reason"] for i in json.loads(out)["items"])
    assert any("no such file" in r for r in reasons) and any("not UTF-8" in r for r in reasons)
    out, _ = run("stats", "--db", path, "--format", "json")
    assert json.loads(out)["articles"] == 1 and json.loads(out)["failures"] == 2


def test_stats_in_every_format(db: str) -> None:
    out, _ = run("stats", "--db", db, "--format", "json")
    stats = json.loads(out)
    assert stats["articles"] == 4 and stats["sources"] == 4
    assert {"articles", "failures", "entities", "quotes", "figures", "events"} <= set(stats)
    out, _ = run("stats", "--db", db, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["name", "count"] and dict(rows[1:])["articles"] == "4"
    out, _ = run("stats", "--db", db)
    assert "articles" in out and "4" in out


@pytest.mark.parametrize("command", ["articles", "entities", "quotes", "figures", "events", "failures"])
def test_read_commands_in_every_format(db: str, command: str) -> None:
    out, _ = run(command, "--db", db, "--format", "json", "--limit", "3")
    page = json.loads(out)
    assert {"total", "limit", "offset", "items", "total_exact", "more"} <= set(page) and page["limit"] == 3
    assert page["total_exact"] is True and page["more"] == (page["total"] > 3)
    assert len(page["items"]) == min(3, page["total"])
    out, _ = run(command, "--db", db, "--format", "csv", "--limit", "3")
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) == 1 + len(page["items"])
    if page["items"]:
        assert rows[0] == list(page["items"][0])
    out, err = run(command, "--db", db, "--limit", "3")
    assert out.strip() and f"of {page['total']}" in err


def test_read_filters(db: str) -> None:
    out, _ = run("articles", "--db", db, "--format", "json")
    assert json.loads(out)["total"] == 4
    out, _ = run("entities", "--db", db, "--format", "json", "--group")
    grouped = json.loads(out)["items"]
    assert grouped and set(grouped[0]) == {"name", "type", "articles", "mentions"}
    out, _ = run("events", "--db", db, "--format", "json", "--since", "2099-01-01")
    assert json.loads(out)["total"] == 0
    out, _ = run("quotes", "--db", db, "--format", "json", "--speaker", "zzzz-nobody")
    assert json.loads(out)["total"] == 0
    out, _ = run("figures", "--db", db, "--format", "json", "--measure", "zzzz-nothing")
    assert json.loads(out)["total"] == 0
    _, err = run("events", "--db", db, "--since", "last week", code=2)
    assert "not a date" in err
    _, err = run("stats", "--db", db, "--format", "xml", code=2)


@pytest.mark.parametrize("text", ['"', "NEAR(", "*", "ferry*", "a AND", "OR OR", "-", "'", "(x", "\\",
                                  "strike -ferry", '"ferry crews"', "%_", "😀"])
def test_search_never_errors(db: str, text: str) -> None:
    out, _ = run("search", text, "--db", db, "--format", "json")
    page = json.loads(out)
    assert page["total"] == len(page["items"])


def test_search_finds_words_of_the_articles(db: str) -> None:
    out, _ = run("search", "frost", "--db", db, "--format", "json")
    items = json.loads(out)["items"]
    assert items and all("frost" in i["snippet"].lower() for i in items)


def test_bad_database_is_a_clear_error(tmp_path: Path) -> None:
    _, err = run("stats", "--db", "postgresql://nobody@127.0.0.1:1/none", code=2)
    assert "cannot open the store" in err
    (tmp_path / "dir.db").mkdir()
    _, err = run("stats", "--db", str(tmp_path / "dir.db"), code=2)
    assert "cannot open the store" in err


def test_export_from_the_command_line(db: str, tmp_path: Path) -> None:
    out, _ = run("export", "--db", db, "--format", "jsonl", "--out", "-")
    assert len(out.splitlines()) == 4
    run("export", "--db", db, "--format", "parquet", "--out", str(tmp_path / "pq"))
    assert (tmp_path / "pq" / "articles.parquet").exists()
    _, err = run("export", "--db", db, "--format", "xlsx", "--out", str(tmp_path / "x"), code=2)
    assert "unknown format" in err


def test_reprocess_command_with_nothing_stale(db: str) -> None:
    out, _ = run("reprocess", "--db", db)
    assert json.loads(out) == {"stale": 0, "rewritten": 0, "failed": 0}


def test_demo_ingests_the_examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSGRAPH_DB", raising=False)
    out, err = run("demo", str(EXAMPLES), "--check", "--port", "0")
    assert (tmp_path / "newsgraph.db").exists()
    n = len(list(EXAMPLES.glob("*.txt")))
    assert f'"stored": {n}' in err
    assert out.strip()  # the stats table, or the address with status 200
    if out.startswith("http://"):
        assert out.split()[-1] == "200"
    else:
        assert "articles" in out and str(n) in out


def test_demo_serves_the_web_app_when_it_exists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The web part plugs in: ``newsgraph.web.app.create_app(db_url)`` is served and, with
    --check, its home page fetched once (a stand-in app here)."""
    import sys
    import types

    from fastapi import FastAPI
    from fastapi.responses import PlainTextResponse

    seen: list[str] = []

    def create_app(url: str) -> FastAPI:
        seen.append(url)
        web = FastAPI()

        @web.get("/")
        def home() -> PlainTextResponse:
            return PlainTextResponse("home")

        return web

    fake = types.ModuleType("newsgraph.web.app")
    fake.create_app = create_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "newsgraph.web.app", fake)
    monkeypatch.delenv("NEWSGRAPH_DB", raising=False)
    folder = tmp_path / "ex"
    folder.mkdir()
    shutil.copy(sorted(EXAMPLES.glob("*.txt"))[0], folder / "one.txt")
    db_path = tmp_path / "demo.db"
    out, _ = run("demo", str(folder), "--db", str(db_path), "--check", "--port", "0")
    address, status = out.split()
    assert address.startswith("http://127.0.0.1:") and status == "200"
    assert seen == ["sqlite:///" + str(db_path)]


def test_ingest_of_the_working_directory_skips_the_store_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSGRAPH_DB", raising=False)
    shutil.copy(sorted(EXAMPLES.glob("*.txt"))[2], tmp_path / "story.txt")
    run("ingest", ".", *REF, "-q")
    out, _ = run("ingest", ".", *REF, "-q")  # newsgraph.db and its WAL files are there now
    assert json.loads(out) == {"stored": 0, "linked": 0, "known": 1, "failed": 0}
