"""``newsgraph batch INPUT... --out DIR [--db DB] [--engine local|dask] [--workers N]
[--scheduler ADDRESS]``: a batch job over input shards, on this machine or a Dask cluster.

Records go to Parquet parts under ``DIR/records/`` (failures under ``DIR/failures/``) and/or
to the store; the same command after a crash skips the shards already written. A one-line
JSON summary goes to stdout; progress and failures to stderr; the exit status is 1 when any
input failed.
"""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, Any

import typer

from newsgraph.cli import app, options
from newsgraph.pipeline import eprint


@app.command()
def batch(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: .txt, .html, .jsonl, feeds, WARC/ARC, .urls.")],
    out: Annotated[Path | None, typer.Option("--out", help="Folder for the Parquet parts (records/, failures/).")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Also (or only) store the records here (URL or SQLite file).")] = None,
    engine: Annotated[str, typer.Option("--engine", help="local (process pool) or dask")] = "local",
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes (local, or a LocalCluster).")] = 1,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786); default: a LocalCluster.")] = None,
    files_per_shard: Annotated[int, typer.Option("--files-per-shard", min=1, help="Input files per task.")] = 32,
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD, if known.")] = None,
    reference_date: Annotated[str | None, typer.Option(help="Resolve relative dates against this day when no publication date is known (default: today).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only failures on stderr.")] = False,
) -> None:
    """Extract many articles with a process pool or a Dask cluster; write Parquet and/or the store."""
    from newsgraph.engines.job import run_job

    if engine not in ("local", "dask"):
        raise typer.BadParameter("use local or dask", param_hint="--engine")
    if out is None and db is None:
        raise typer.BadParameter("give --out DIR and/or --db", param_hint="--out")
    if scheduler and engine != "dask":
        raise typer.BadParameter("--scheduler goes with --engine dask", param_hint="--scheduler")
    settings = options.settings(reference_date, published)
    context: Any = nullcontext(None)
    if db is not None:
        from newsgraph.cli.store import _store

        context = _store(db)
    try:
        with context as store:
            report = run_job(paths, settings, engine=engine, workers=workers, scheduler=scheduler, out=out,
                             store=store, files_per_shard=files_per_shard, verbose=not quiet)
    except (RuntimeError, OSError) as exc:
        eprint(f"error: {exc}")
        raise typer.Exit(2) from None
    sys.stdout.write(json.dumps(report.to_dict()) + "\n")
    if report.failed:
        eprint(f"{report.failed} input(s) failed" + (" (see `newsgraph failures`)" if db else f" (see {out}/failures/)"))
        raise typer.Exit(1)
