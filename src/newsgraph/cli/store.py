"""Store commands: ingest, reprocess, the read commands, export and demo.

Every command takes ``--db URL|PATH`` (else ``$NEWSGRAPH_DB``, else ``./newsgraph.db``); the
read commands take ``--format table|json|csv`` (JSON shapes: docs/json-shapes.md) and
``--limit/--offset``. Output goes to stdout; progress and errors to stderr.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from newsgraph.cli import app, options
from newsgraph.pipeline import Settings, eprint

DbOption = Annotated[str | None, typer.Option("--db", help="Database URL or SQLite file (default: $NEWSGRAPH_DB, else ./newsgraph.db).")]
FormatOption = Annotated[str, typer.Option("--format", help="table, json or csv")]
LimitOption = Annotated[int, typer.Option("--limit", min=0, max=1000, help="At most this many rows.")]
OffsetOption = Annotated[int, typer.Option("--offset", min=0, help="Skip this many rows first.")]
READ_FORMATS = ("table", "json", "csv")


@contextmanager
def _store(db: str | None) -> Iterator[Any]:
    from sqlalchemy.exc import SQLAlchemyError

    from newsgraph.store import open_store

    try:
        store = open_store(db)
    except (SQLAlchemyError, OSError, RuntimeError) as exc:
        eprint(f"error: cannot open the store {db or os.environ.get('NEWSGRAPH_DB') or 'newsgraph.db'}: "
               f"{str(exc).splitlines()[0]}")
        raise typer.Exit(2) from None
    try:
        yield store
    except SQLAlchemyError as exc:
        eprint(f"error: the store failed: {str(exc).splitlines()[0]}")
        raise typer.Exit(2) from None
    finally:
        store.close()


def _check_format(format: str) -> None:
    if format not in READ_FORMATS:
        raise typer.BadParameter("use table, json or csv", param_hint="--format")


def _date(value: str | None, option: str) -> str | None:
    day = options.parse_date(value, option)
    return day.isoformat() if day else None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _console() -> Any:
    from rich.console import Console

    width = shutil.get_terminal_size((160, 40)).columns if sys.stdout.isatty() else 160
    return Console(file=sys.stdout, width=width, highlight=False, soft_wrap=False)


def emit(data: dict[str, Any], format: str, columns: list[str] | None = None, title: str = "") -> None:
    """Print a page (``items``) or a flat object in the chosen format."""
    if format == "json":
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    items = data["items"] if "items" in data else [{"name": k, "count": v} for k, v in data.items()]
    if format == "csv":
        keys = list(items[0]) if items else (columns or ["name", "count"])
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(keys)
        for item in items:
            writer.writerow([_cell(item.get(k)) for k in keys])
        return
    from rich.table import Table

    keys = columns or (list(items[0]) if items else ["name", "count"])
    table = Table(title=title or None, show_lines=False)
    for key in keys:
        table.add_column(key, overflow="fold", max_width=60)
    for item in items:
        table.add_row(*[_cell(item.get(k))[:300] for k in keys])
    _console().print(table)
    if "items" in data:
        shown = len(items)
        first = data["offset"] + 1 if shown else 0
        eprint(f"{first}-{data['offset'] + shown} of {data['total']}")


def _progress(verbose: bool) -> Callable[[str, str], None]:
    def report(what: str, name: str) -> None:
        if verbose or what == "failed":
            eprint(f"{what}: {name}")

    return report


@app.command()
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders: .txt, .html, .jsonl, RSS/Atom, WARC/ARC, .urls (URL lists).")] = None,
    db: DbOption = None,
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD, if known.")] = None,
    reference_date: Annotated[str | None, typer.Option(help="Resolve relative dates against this day when no publication date is known (default: today).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors on stderr.")] = False,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Extract with this many processes (each loads the model once).")] = 1,
    retry: Annotated[bool, typer.Option("--retry", help="Read again the inputs `failures` lists, and ingest them.")] = False,
) -> None:
    """Extract articles and store them (once each; failures are recorded, see `failures`)."""
    from newsgraph.batch import ingest_paths

    if not paths and not retry:
        raise typer.BadParameter("give files or folders to ingest (or --retry)", param_hint="PATHS")
    settings = options.settings(reference_date, published)
    with _store(db) as store:
        report = ingest_paths(store, list(paths or []), settings, workers=workers, retry=retry, verbose=not quiet)
    sys.stdout.write(json.dumps(report.to_dict()) + "\n")
    if report.failed:
        eprint(f"{report.failed} input(s) failed (see `newsgraph failures`)")
        raise typer.Exit(1)


@app.command()
def reprocess(
    db: DbOption = None,
    all_: Annotated[bool, typer.Option("--all", help="Rewrite every record, not only those older stage versions made.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Rerun every stage on the stored inputs of records made by older stage versions."""
    from newsgraph.store.ingest import reprocess as run_reprocess

    with _store(db) as store:
        report = run_reprocess(store, everything=all_, progress=_progress(not quiet))
    sys.stdout.write(json.dumps(report.to_dict()) + "\n")
    if report.failed:
        raise typer.Exit(1)


@app.command()
def stats(db: DbOption = None, format: FormatOption = "table") -> None:
    """Counts of articles, sources, failures, entities, quotes, figures, events ..."""
    from newsgraph import query

    _check_format(format)
    with _store(db) as store:
        emit(query.stats(store), format)


@app.command()
def articles(
    db: DbOption = None, format: FormatOption = "table", limit: LimitOption = 50, offset: OffsetOption = 0,
    language: Annotated[str | None, typer.Option(help="ISO 639-1 code")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD")] = None,
) -> None:
    """Stored articles, newest first."""
    from newsgraph import query

    _check_format(format)
    with _store(db) as store:
        page = query.list_articles(store, language=language, since=_date(since, "--since"),
                                   until=_date(until, "--until"), limit=limit, offset=offset)
    emit(page, format, ["id", "published", "title", "entities", "quotes", "figures", "events"])


@app.command()
def entities(
    db: DbOption = None, format: FormatOption = "table", limit: LimitOption = 50, offset: OffsetOption = 0,
    name: Annotated[str | None, typer.Option(help="Part of the name (any case)")] = None,
    type: Annotated[str | None, typer.Option(help="PERSON, ORG, GPE, LOC, NORP ...")] = None,
    article: Annotated[str | None, typer.Option(help="Only this article id")] = None,
    group: Annotated[bool, typer.Option("--group", help="One row per name and type across articles.")] = False,
) -> None:
    """Entities of the stored articles (one row per article, or --group by name)."""
    from newsgraph import query

    _check_format(format)
    with _store(db) as store:
        if group:
            page = query.entity_names(store, name=name, type=type, limit=limit, offset=offset)
            emit(page, format, ["name", "type", "articles", "mentions"])
            return
        page = query.list_entities(store, name=name, type=type, article=article, limit=limit, offset=offset)
    emit(page, format, ["name", "type", "mentions", "article_id", "id"])


@app.command()
def quotes(
    db: DbOption = None, format: FormatOption = "table", limit: LimitOption = 50, offset: OffsetOption = 0,
    speaker: Annotated[str | None, typer.Option(help="Part of the speaker's name (any case)")] = None,
    kind: Annotated[str | None, typer.Option(help="direct, indirect or partial")] = None,
    article: Annotated[str | None, typer.Option(help="Only this article id")] = None,
) -> None:
    """Quotes with their speakers."""
    from newsgraph import query

    _check_format(format)
    with _store(db) as store:
        page = query.list_quotes(store, speaker=speaker, kind=kind, article=article, limit=limit, offset=offset)
    emit(page, format, ["speaker_name", "speaker_text", "kind", "text", "article_id", "id"])


@app.command()
def figures(
    db: DbOption = None, format: FormatOption = "table", limit: LimitOption = 50, offset: OffsetOption = 0,
    measure: Annotated[str | None, typer.Option(help="Part of the counted thing (any case)")] = None,
    unit: Annotated[str | None, typer.Option(help="person, USD, percent ...")] = None,
    modality: Annotated[str | None, typer.Option(help="asserted, reported, estimated ...")] = None,
    article: Annotated[str | None, typer.Option(help="Only this article id")] = None,
) -> None:
    """Figures with qualifier, unit, measure and who asserts them."""
    from newsgraph import query

    _check_format(format)
    with _store(db) as store:
        page = query.list_figures(store, measure=measure, unit=unit, modality=modality, article=article,
                                  limit=limit, offset=offset)
    emit(page, format, ["text", "value", "qualifier", "unit", "measure", "aspect", "modality", "source_text", "article_id"])


@app.command()
def events(
    db: DbOption = None, format: FormatOption = "table", limit: LimitOption = 50, offset: OffsetOption = 0,
    type: Annotated[str | None, typer.Option(help="PLOVER type: AGREE, ASSAULT, AID ...")] = None,
    since: Annotated[str | None, typer.Option(help="On or after YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="On or before YYYY-MM-DD")] = None,
    article: Annotated[str | None, typer.Option(help="Only this article id")] = None,
    merged: Annotated[bool, typer.Option("--merged", help="One row per event merged across reports (report count, first seen).")] = False,
) -> None:
    """PLOVER events, newest first (or --merged: one event for many reports)."""
    from newsgraph import query

    _check_format(format)
    if merged:
        from newsgraph.picture.query import list_merged_events

        with _store(db) as store:
            page = list_merged_events(store, type=type, limit=limit, offset=offset)
        emit(page, format, ["id", "type", "mode", "actors", "targets", "first_seen", "report_count", "n_articles"])
        return
    with _store(db) as store:
        page = query.list_events(store, type=type, since=_date(since, "--since"), until=_date(until, "--until"),
                                 article=article, limit=limit, offset=offset)
    emit(page, format, ["date", "type", "mode", "trigger", "status", "article_id", "id"])


@app.command()
def failures(
    db: DbOption = None, format: FormatOption = "table", limit: LimitOption = 50, offset: OffsetOption = 0,
    stage: Annotated[str | None, typer.Option(help="read, extract, store or reprocess")] = None,
) -> None:
    """Inputs that could not be read, extracted, stored or reprocessed, with the reason."""
    from newsgraph import query

    _check_format(format)
    with _store(db) as store:
        page = query.list_failures(store, stage=stage, limit=limit, offset=offset)
    emit(page, format, ["input", "stage", "reason", "count", "last_seen"])


@app.command()
def search(
    text: Annotated[str, typer.Argument(help='Words (AND), "a phrase", prefix*, -excluded, a OR b.')],
    db: DbOption = None, format: FormatOption = "table", limit: LimitOption = 50, offset: OffsetOption = 0,
    kind: Annotated[str | None, typer.Option(help="article or quote")] = None,
) -> None:
    """Full-text search over article text and quotes."""
    from newsgraph import query

    _check_format(format)
    with _store(db) as store:
        page = query.search(store, text, kind=kind, limit=limit, offset=offset)
    emit(page, format, ["kind", "article_id", "item_id", "speaker", "snippet"])


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", help="jsonl, csv, parquet or plover")],
    out: Annotated[str, typer.Option("--out", help="File (jsonl, plover, or one --table), folder (csv/parquet of every table) or - for stdout.")],
    db: DbOption = None,
    table: Annotated[str | None, typer.Option(help="Only this table (csv/parquet): articles, entities, quotes ...")] = None,
) -> None:
    """Export the store: whole records, tables, or PLOVER events."""
    from newsgraph.export import ExportError
    from newsgraph.export import export as run_export

    with _store(db) as store:
        try:
            target: Any = sys.stdout if out == "-" else Path(out)
            counts = run_export(store, format, target, table=table)
        except (ExportError, OSError) as exc:
            eprint(f"error: {exc}")
            raise typer.Exit(2) from None
    for name, n in counts.items():
        eprint(f"{name}: {n}")


def _web_app(url: str) -> Any | None:
    """The web colleague's app, when it exists: ``newsgraph.web.app.create_app(db_url)``
    (or a module-level ``app`` reading ``$NEWSGRAPH_DB``)."""
    try:
        import importlib

        module = importlib.import_module("newsgraph.web.app")
    except ModuleNotFoundError as exc:
        if exc.name in ("newsgraph.web", "newsgraph.web.app"):
            return None
        raise
    factory = getattr(module, "create_app", None)
    if callable(factory):
        return factory(url)
    return getattr(module, "app", None)


@app.command()
def demo(
    path: Annotated[Path, typer.Argument(help="Folder of example articles (examples/).")] = Path("examples"),
    db: DbOption = None,
    check: Annotated[bool, typer.Option("--check", help="Fetch the home page once and exit.")] = False,
    host: Annotated[str, typer.Option(help="Address to serve on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to serve on (0: any free port).")] = 8000,
) -> None:
    """Ingest the example articles into the store, then serve the page (or print stats)."""
    from newsgraph import query
    from newsgraph.sources import iter_articles
    from newsgraph.store.ingest import ingest as run_ingest

    with _store(db) as store:
        report = run_ingest(store, iter_articles([path]), Settings(), progress=_progress(False))
        eprint(f"ingested {path}: {json.dumps(report.to_dict())}")
        url = store.url
        counts = query.stats(store)
    os.environ["NEWSGRAPH_DB"] = url
    web = _web_app(url)
    if web is None:
        eprint("the web page is not built yet (newsgraph.web.app); the store holds:")
        emit(counts, "table")
        return
    _serve(web, host, port, check)


def _serve(web: Any, host: str, port: int, check: bool) -> None:
    import uvicorn

    if port == 0 or check:
        import socket

        if port == 0:
            with socket.socket() as s:
                s.bind((host, 0))
                port = int(s.getsockname()[1])
    config = uvicorn.Config(web, host=host, port=port, log_level="warning")
    server = uvicorn.Server(config)
    address = f"http://{host}:{port}/"
    if not check:
        sys.stdout.write(address + "\n")
        sys.stdout.flush()
        server.run()
        return
    import httpx

    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if server.started:
                break
            time.sleep(0.05)
        response = httpx.get(address, timeout=30)
        sys.stdout.write(f"{address} {response.status_code}\n")
        if response.status_code != 200:
            raise typer.Exit(1)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
