"""Exports: jsonl records validate and round-trip, csv and parquet carry every table (parquet
read as is by pandas and DuckDB), plover lines validate against the shipped PLOVER 0.7b1
JSON Schema."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import jsonschema
import pandas as pd
import pytest

from _store_support import EXAMPLES, SETTINGS, hand_record
from newsgraph import query
from newsgraph.export import EXPORT_TABLES, ExportError, export, plover_events, plover_schema
from newsgraph.schema import validate
from newsgraph.sources import iter_articles
from newsgraph.store import SqlStore
from newsgraph.store.ingest import ingest


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqlStore]:
    s = SqlStore(tmp_path_factory.mktemp("export") / "e.db")
    ingest(s, iter_articles(sorted(EXAMPLES.glob("*.txt"))[:3]), SETTINGS)
    for variant in (0, 1):
        s.put(*hand_record(variant)[:2], settings=SETTINGS)
    yield s
    s.close()


def test_jsonl_is_every_record_valid(store: SqlStore, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    assert export(store, "jsonl", out) == {"jsonl": 5}
    lines = out.read_text("utf-8").splitlines()
    ids = []
    for line in lines:
        record = json.loads(line)
        validate(record)
        stored = store.get_record(record["id"])
        assert stored is not None and stored.to_dict() == record
        ids.append(record["id"])
    assert ids == sorted(ids) == store.all_ids()


def test_csv_folder_has_every_table(store: SqlStore, tmp_path: Path) -> None:
    counts = export(store, "csv", tmp_path / "csv")
    stats = query.stats(store)
    assert set(counts) == set(EXPORT_TABLES)
    for name in ("articles", "entities", "quotes", "figures", "timexes", "events", "checks"):
        assert counts[name] == stats[name], name
        rows = list(csv.DictReader((tmp_path / "csv" / f"{name}.csv").open(encoding="utf-8", newline="")))
        assert len(rows) == stats[name]
    quotes = list(csv.DictReader((tmp_path / "csv" / "quotes.csv").open(encoding="utf-8", newline="")))
    assert {"article_id", "id", "text", "speaker_name", "start", "end"} <= set(quotes[0])
    buf = io.StringIO()
    assert export(store, "csv", buf, table="figures") == {"figures": stats["figures"]}
    assert buf.getvalue().splitlines()[0].startswith("article_id,id,text,value")


def test_parquet_loads_in_pandas_and_duckdb(store: SqlStore, tmp_path: Path) -> None:
    counts = export(store, "parquet", tmp_path / "pq")
    stats = query.stats(store)
    for name in EXPORT_TABLES:
        path = tmp_path / "pq" / f"{name}.parquet"
        frame = pd.read_parquet(path)
        assert len(frame) == counts[name]
        assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{path}')").fetchall() == [(counts[name],)]
    figures = pd.read_parquet(tmp_path / "pq" / "figures.parquet")
    assert len(figures) == stats["figures"]
    assert str(figures["value"].dtype) == "float64" and str(figures["in_quote"].dtype) == "bool"
    assert str(figures["start"].dtype) == "int64"
    berths = duckdb.sql(
        f"SELECT sum(value) FROM read_parquet('{tmp_path / 'pq' / 'figures.parquet'}') WHERE measure = 'empty berths'"
    ).fetchall()
    assert berths == [(90.0,)]
    named = tmp_path / "store.parquet"  # a file name without --table: the articles
    assert export(store, "parquet", named) == {"articles": stats["articles"]}
    assert list(pd.read_parquet(named)["id"]) == store.all_ids()
    single = tmp_path / "events.parquet"
    assert export(store, "parquet", single, table="events") == {"events": stats["events"]}
    assert len(pd.read_parquet(single)) == stats["events"]


def test_plover_lines_validate(store: SqlStore, tmp_path: Path) -> None:
    out = tmp_path / "events.plover.jsonl"
    counts = export(store, "plover", out)
    lines = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert counts == {"plover": len(lines)} and len(lines) == query.stats(store)["events"] >= 4
    validator = jsonschema.Draft202012Validator(plover_schema())
    for line in lines:
        validator.validate(line)
    assert len({line["id"] for line in lines}) == len(lines)


def test_plover_fields_of_a_known_event() -> None:
    record, _ = hand_record(0)
    accuse, consult = list(plover_events(record.to_dict()))
    assert accuse["event"] == ["ACCUSE"] and accuse["quad_code"] == 3
    assert accuse["source"] == [{"actor_text": "Tobiah Strunk", "identifier_text": "Tobiah Strunk"}]
    assert accuse["recipient"] == [{"actor_text": "the council"}]
    assert accuse["date"] == "2026-03-04"  # not dated by the text: the publication date
    assert consult["date"] == "2026-03-01" and consult["quad_code"] == 1
    assert consult["mode"] == ["meet"]
    assert consult["event_loc"]["name"] == "Brellholm" and consult["event_loc"]["latitude"] == 61.5
    start, end = consult["text_info"]["start"], consult["text_info"]["end"]
    assert consult["event_text"] == [record.text[start:end]]


def test_plover_schema_refuses_what_plover_does_not_define() -> None:
    record, _ = hand_record(1)
    good = next(plover_events(record.to_dict()))
    validator = jsonschema.Draft202012Validator(plover_schema())
    validator.validate(good)
    for bad in ({**good, "event": ["SPEAK"]}, {**good, "date": "March 1"}, {**good, "quad_code": 5},
                {k: v for k, v in good.items() if k != "source"}, {**good, "actors": []}):
        assert list(validator.iter_errors(bad)), bad


def test_bad_requests_are_clear(store: SqlStore, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="unknown format"):
        export(store, "xml", tmp_path / "x")
    with pytest.raises(ExportError, match="unknown table"):
        export(store, "csv", tmp_path / "x.csv", table="nope")
