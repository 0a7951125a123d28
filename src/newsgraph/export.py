"""Exports of the store: ``jsonl`` (whole records), ``csv`` and ``parquet`` (one table per
facet) and ``plover`` (PLOVER 0.7b1 event records, one JSON object per line).

    export(store, "parquet", Path("out/"))                  # out/articles.parquet, out/quotes.parquet ...
    export(store, "csv", Path("quotes.csv"), table="quotes")  # one table into one file
    export(store, "parquet", Path("articles.parquet"))         # a file name: the articles table

Parquet files carry an explicit schema (strings, 64-bit integers, doubles, booleans), so
pandas and DuckDB read them as they are, empty columns included. CSV uses the same columns;
a nested value (roles, actors) is a JSON string.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Boolean, Float, Integer, LargeBinary, Table, select

from newsgraph.store import tables as t
from newsgraph.store.base import Store
from newsgraph.store.rows import timex_start_date

FORMATS = ("jsonl", "csv", "parquet", "plover")
#: The tables ``csv``/``parquet`` write, and the columns left out (bulky or internal).
EXPORT_TABLES: dict[str, tuple[Table, tuple[str, ...]]] = {
    "articles": (t.articles, ("record",)),
    "sources": (t.article_sources, ()),
    "entities": (t.entities, ("name_key",)),
    "mentions": (t.mentions, ()),
    "quotes": (t.quotes, ("speaker_key",)),
    "figures": (t.figures, ("measure_key",)),
    "timexes": (t.timexes, ()),
    "events": (t.events, ()),
    "checks": (t.checks, ()),
    "failures": (t.failures, ()),
}
PLOVER_CODEBOOK = "plover-0.7b1"
QUAD = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
    **dict.fromkeys(("DEMAND", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}


class ExportError(Exception):
    """A bad export request (unknown format or table, unwritable path)."""


def export(store: Store, format: str, out: Path | IO[str], *, table: str | None = None) -> dict[str, int]:
    """Write the export; returns how many rows/records went into each file."""
    if format not in FORMATS:
        raise ExportError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}")
    if table is not None and table not in EXPORT_TABLES:
        raise ExportError(f"unknown table {table!r}: use one of {', '.join(EXPORT_TABLES)}")
    if format in ("jsonl", "plover"):
        lines = iter_records(store) if format == "jsonl" else iter_plover(store)
        return {format: _write_lines(lines, out)}
    if not isinstance(out, Path):
        if table is None or format != "csv":
            raise ExportError("csv to a stream needs --table; parquet needs a path")
        return {table: _write_csv(store, table, out)}
    if table is None and out.suffix.lower() == f".{format}":
        table = "articles"  # a file name asks for one table: the articles, unless --table says
    names = [table] if table else list(EXPORT_TABLES)
    if table is None:
        out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name in names:
        path = out if table else out / f"{name}.{format}"
        if format == "csv":
            with path.open("w", encoding="utf-8", newline="") as fh:
                counts[name] = _write_csv(store, name, fh)
        else:
            counts[name] = _write_parquet(store, name, path)
    return counts


def _write_lines(lines: Iterator[dict[str, Any]], out: Path | IO[str]) -> int:
    n = 0
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8") as fh:
            for obj in lines:
                fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
                n += 1
        return n
    for obj in lines:
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        n += 1
    return n


def iter_records(store: Store) -> Iterator[dict[str, Any]]:
    """Every stored record, by article id."""
    a = t.articles
    with store.engine.connect() as conn:
        for text in conn.execution_options(yield_per=100).execute(select(a.c.record).order_by(a.c.id)).scalars():
            yield json.loads(text)


def _columns(name: str) -> list[Any]:
    table, skip = EXPORT_TABLES[name]
    return [c for c in table.columns if c.name not in skip and not isinstance(c.type, LargeBinary)]


def _rows(store: Store, name: str) -> Iterator[dict[str, Any]]:
    table, _ = EXPORT_TABLES[name]
    cols = _columns(name)
    order = list(table.primary_key.columns) or cols
    with store.engine.connect() as conn:
        result = conn.execution_options(yield_per=500).execute(select(*cols).order_by(*order))
        for row in result.mappings():
            yield dict(row)


def _write_csv(store: Store, name: str, fh: IO[str]) -> int:
    cols = [c.name for c in _columns(name)]
    writer = csv.DictWriter(fh, fieldnames=cols)
    writer.writeheader()
    n = 0
    for row in _rows(store, name):
        writer.writerow(row)
        n += 1
    return n


def _arrow_type(column: Any) -> Any:
    import pyarrow as pa

    if isinstance(column.type, Boolean):
        return pa.bool_()
    if isinstance(column.type, Integer):
        return pa.int64()
    if isinstance(column.type, Float):
        return pa.float64()
    return pa.string()


def _write_parquet(store: Store, name: str, path: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ModuleNotFoundError:  # pragma: no cover - the parquet extra is not installed
        raise ExportError("parquet needs pyarrow: pip install 'newsgraph[parquet]'") from None
    cols = _columns(name)
    schema = pa.schema([pa.field(c.name, _arrow_type(c)) for c in cols])
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in _rows(store, name):
            if "in_quote" in row:
                row["in_quote"] = bool(row["in_quote"])
            batch.append(row)
            if len(batch) >= 2000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


# -- PLOVER ------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def plover_schema() -> dict[str, Any]:
    """The PLOVER 0.7b1 field set as a JSON Schema (shipped in ``newsgraph/data``)."""
    text = resources.files("newsgraph").joinpath("data/plover-0.7b1.schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _alpha3(code: str | None) -> str | None:
    if not code:
        return None
    if len(code) == 3 and code.isalpha():
        return code.upper()
    if len(code) == 2:
        import pycountry

        country = pycountry.countries.get(alpha_2=code.upper())
        return str(country.alpha_3) if country else None
    return None


def _location(entity: dict[str, Any] | None) -> dict[str, Any] | None:
    if not entity:
        return None
    loc: dict[str, Any] = {"name": entity["name"]}
    geo, kb = entity.get("geo"), entity.get("kb") or {}
    if geo:
        loc["latitude"], loc["longitude"] = geo["lat"], geo["lon"]
        if geo.get("country") and len(geo["country"]) == 2:
            loc["country code"] = geo["country"].upper()
        if geo.get("geonames"):
            loc["geonameid"] = int(geo["geonames"])
    if kb.get("geonames") and "geonameid" not in loc:
        loc["geonameid"] = int(kb["geonames"])
    return loc


def _actor(part: dict[str, Any], entities: dict[str, dict[str, Any]]) -> dict[str, Any]:
    actor: dict[str, Any] = {"actor_text": part["text"]}
    entity = entities.get(part.get("entity") or "")
    if entity:
        actor["identifier_text"] = entity["name"]
        kb = entity.get("kb") or {}
        if kb.get("wikidata"):
            actor["identifier_id"] = kb["wikidata"]
        code = _alpha3(kb.get("iso")) if entity["type"] in ("GPE", "NORP") else None
        if code:
            actor["code"] = code
        roles = entity.get("roles") or []
        if roles:
            actor["office"] = roles[0]["title"]
    return actor


def plover_events(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The PLOVER records of one article record's events."""
    entities = {e["id"]: e for e in record.get("entities", [])}
    published = (record.get("published") or {}).get("date")
    prov = record.get("provenance") or {}
    events_stage = next((s["version"] for s in prov.get("stages", []) if s["name"] == "events"), "?")
    source = record.get("source") or {}
    for ev in record.get("events", []):
        when = timex_start_date(ev.get("when"))
        date = when or published or prov.get("reference_date")
        out: dict[str, Any] = {
            "id": f"{record['id']}/{ev['id']}",
            "has_event": True,
            "date": date,
            "source": [_actor(p, entities) for p in ev.get("actors", [])],
            "recipient": [_actor(p, entities) for p in ev.get("targets", [])],
            "event": [ev["type"]],
            "event_text": [record["text"][ev["start"]:ev["end"]]],
            "quad_code": QUAD[ev["type"]],
        }
        if ev.get("mode"):
            out["mode"] = [ev["mode"]]
        loc = _location(entities.get(ev.get("where") or ""))
        if loc:
            out["event_loc"] = loc
        out["text_info"] = {"start": ev["start"], "end": ev["end"]}
        cite: dict[str, Any] = {"citation": record["id"], "codebook": PLOVER_CODEBOOK,
                                "coder": f"{prov.get('extractor', 'newsgraph')} events/{events_stage}"}
        if source.get("uri"):
            cite["url"] = source["uri"]
        if record.get("title"):
            cite["title"] = record["title"]
        if record.get("language") and len(record["language"]) == 2:
            cite["language"] = record["language"]
        if source.get("outlet"):
            cite["publication"] = source["outlet"]
        out["cite_info"] = cite
        out["coder"] = cite["coder"]
        started = (prov.get("run") or {}).get("started_at")
        if started:
            out["coded_date"] = started[:10]
        notes = [f"status: {ev['status']}"]
        if not when:
            notes.append("date: " + ("publication date" if published else "reference date") + " (the text does not date the event)")
        out["comment"] = "; ".join(notes)
        yield out


def iter_plover(store: Store) -> Iterator[dict[str, Any]]:
    """PLOVER records of every stored event, by article id and event order."""
    for record in iter_records(store):
        yield from plover_events(record)
