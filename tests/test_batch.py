"""One-machine batch: a folder of good and bad inputs through `newsgraph ingest`, ingest
twice, --workers, --retry, and a quiet stderr when it is not a terminal."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from _scale_support import FIXTURES, WorkerKiller, article_text, mixed_folder, run_cli
from conftest import REFERENCE_DATE, check_record
from newsgraph.batch import BatchProgress, extract_parallel
from newsgraph.cli import app
from newsgraph.pipeline import Article, InputError, Settings, extract_many
from newsgraph.store import open_store

runner = CliRunner()
REF = ["--reference-date", REFERENCE_DATE.isoformat()]


def _failures(db: Path) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["failures", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout)["items"])


def _stats(db: Path) -> dict[str, int]:
    result = runner.invoke(app, ["stats", "--db", str(db), "--format", "json"])
    return dict(json.loads(result.stdout))


def _uris(db: Path) -> list[str]:
    with open_store(db) as store, store.engine.connect() as conn:
        return sorted(r[0] for r in conn.exec_driver_sql("SELECT uri FROM article_sources"))


def test_mixed_folder_good_stored_bad_listed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    made = mixed_folder(folder)
    db = tmp_path / "s.db"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "-q", *REF])
    assert result.exit_code == 1
    report = json.loads(result.stdout)  # stdout: only the one-line report
    good = made["good_files"] + made["good_jsonl"] + made["good_warc"]
    assert report == {"stored": good, "linked": 0, "known": 0, "failed": len(made["bad"])}
    failures = _failures(db)
    assert {f["input"] for f in failures} == set(made["bad"])
    for f in failures:
        assert made["bad"][f["input"]] in f["reason"], f
    uris = _uris(db)
    assert len(uris) == good
    assert {"http://news.invalid/story/10", "http://news.invalid/story/11",
            "http://news.invalid/j/20", "http://news.invalid/j/21"} <= set(uris)
    assert all(Path(f).name in {u.rsplit("/", 1)[-1] for u in uris} for f in ("01-quarry.txt", "02-ferry.txt", "03-library.html"))
    with open_store(db) as store:
        for article_id in store.all_ids():
            record = store.get_record(article_id)
            assert record is not None
            check_record(record)

    # the same command again: nothing stored twice, the same failures (seen twice)
    again = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "-q", *REF])
    assert again.exit_code == 1
    assert json.loads(again.stdout) == {"stored": 0, "linked": 0, "known": good, "failed": len(made["bad"])}
    assert _stats(db)["articles"] == good and _stats(db)["sources"] == good
    assert sorted(f["count"] for f in _failures(db)) == [2] * len(made["bad"])


def test_ingest_twice_stores_once_and_a_copy_is_another_source(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for f in FIXTURES.glob("0*"):
        (folder / f.name).write_bytes(f.read_bytes())
    db = tmp_path / "s.db"
    first = runner.invoke(app, ["ingest", str(folder), "--db", str(db), *REF])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["stored"] == 3
    (folder / "copy.txt").write_bytes((folder / "01-quarry.txt").read_bytes())
    second = runner.invoke(app, ["ingest", str(folder), "--db", str(db), *REF])
    assert json.loads(second.stdout) == {"stored": 0, "linked": 0, "known": 4, "failed": 0}
    assert _stats(db)["articles"] == 3 and _stats(db)["sources"] == 4


def test_workers_give_the_same_records(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(10):
        (folder / f"a{i:02d}.txt").write_text(article_text(30 + i), "utf-8")
    (folder / "empty.txt").write_bytes(b"")
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    r1 = runner.invoke(app, ["ingest", str(folder), "--db", str(one), "-q", *REF])
    r2 = run_cli("ingest", str(folder), "--db", str(two), "-q", "--workers", "2", *REF)
    assert r1.exit_code == 1 and r2.returncode == 1, r2.stderr
    assert json.loads(r1.stdout) == json.loads(r2.stdout) == {"stored": 10, "linked": 0, "known": 0, "failed": 1}
    assert "\x1b[" not in r2.stderr  # no progress bar when stderr is not a terminal

    def records(db: Path) -> dict[str, Any]:
        with open_store(db) as store:
            out = {}
            for i in store.all_ids():
                rec = store.get_record(i)
                assert rec is not None
                data = rec.to_dict()
                data["provenance"].pop("run")
                out[i] = data
            return out

    assert records(one) == records(two)


def test_extract_parallel_keeps_order_and_tags_errors() -> None:
    articles = [Article(content=article_text(50 + i), uri=f"mem:{i}") for i in range(5)]
    articles.insert(2, Article(content="   \n", uri="mem:blank"))
    settings = Settings(reference_date=REFERENCE_DATE)
    serial = list(extract_many(articles, settings, batch_size=8))
    parallel = list(extract_parallel(articles, settings, workers=2, chunk=2))
    assert len(parallel) == len(serial) == 6
    errors = [r for r in parallel if isinstance(r, InputError)]
    assert len(errors) == 1 and getattr(errors[0], "input", None) == "mem:blank"
    ids = [r.id for r in parallel if not isinstance(r, InputError)]
    assert ids == [r.id for r in serial if not isinstance(r, InputError)]


def test_retry_reads_the_failed_inputs_again(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    made = mixed_folder(folder)
    db = tmp_path / "s.db"
    assert runner.invoke(app, ["ingest", str(folder), "--db", str(db), "-q", *REF]).exit_code == 1
    # the user fixes two inputs; the others stay bad
    (folder / "empty.txt").write_text(article_text(60), "utf-8")
    lines = (folder / "scraper.jsonl").read_text("utf-8").splitlines()
    lines[1] = json.dumps({"text": article_text(61), "url": "http://news.invalid/j/61"})
    (folder / "scraper.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    result = runner.invoke(app, ["ingest", "--retry", "--db", str(db), "-q", *REF])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["stored"] == 2 and report["failed"] == len(made["bad"]) - 2
    left = {f["input"] for f in _failures(db)}
    fixed = {(folder / "empty.txt").resolve().as_uri(), (folder / "scraper.jsonl").resolve().as_uri() + "#line=2"}
    assert left == set(made["bad"]) - fixed
    # the truncated WARC was read again: its good records are known, not stored twice
    assert _stats(db)["articles"] == 7 + 2


def test_ingest_needs_paths_or_retry(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    quiet = io.StringIO()
    monkeypatch.setattr("sys.stderr", quiet)
    with BatchProgress(1000) as bar:
        bar.read(500)
        bar.done("stored")
    assert quiet.getvalue() == ""
    tty = Tty()
    monkeypatch.setattr("sys.stderr", tty)
    with BatchProgress(1000) as bar:
        bar.read(1000)
        bar.done("stored")
        bar.done("stored")
    shown = tty.getvalue()
    assert "2 articles" in shown and "/s" in shown and "ETA" in shown


def test_a_worker_that_dies_costs_only_its_article() -> None:
    settings = Settings(reference_date=REFERENCE_DATE)
    articles = [Article(content=article_text(70 + i), uri=f"mem:{i}") for i in range(5)]
    articles.insert(3, Article(content=WorkerKiller("x"), uri="mem:killer"))
    results = list(extract_parallel(articles, settings, workers=2, chunk=2))
    errors = [r for r in results if isinstance(r, InputError)]
    assert [getattr(e, "input", None) for e in errors] == ["mem:killer"]
    assert "a worker process died" in str(errors[0])
    assert len([r for r in results if not isinstance(r, InputError)]) == 5
