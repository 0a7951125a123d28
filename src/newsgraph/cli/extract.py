"""``newsgraph extract PATH...``: print article records."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli import app
from newsgraph.pipeline import InputError, Settings, eprint, extract_many
from newsgraph.sources import iter_articles


def parse_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option) from None


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: .txt, .html (and other sources).")],
    format: Annotated[str, typer.Option("--format", help="json (one object, or an array) or jsonl")] = "json",
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD, if known.")] = None,
    reference_date: Annotated[
        str | None, typer.Option(help="Resolve relative dates against this day when no publication date is known (default: today).")
    ] = None,
) -> None:
    """Extract article records and print them on stdout."""
    if format not in ("json", "jsonl"):
        raise typer.BadParameter("use json or jsonl", param_hint="--format")
    settings = Settings(
        reference_date=parse_date(reference_date, "--reference-date") or dt.date.today(),
        published=parse_date(published, "--published"),
    )
    failed = 0
    records = []

    def articles():  # type: ignore[no-untyped-def]
        nonlocal failed
        for item in iter_articles(paths):
            if isinstance(item, InputError):
                failed += 1
                eprint(f"error: {item}")
                continue
            yield item

    for result in extract_many(articles(), settings):
        if isinstance(result, InputError):
            failed += 1
            eprint(f"error: {result}")
            continue
        if format == "jsonl":
            sys.stdout.write(result.to_json() + "\n")
            sys.stdout.flush()
        else:
            records.append(result.to_dict())
    if format == "json":
        out = records[0] if len(records) == 1 and len(paths) == 1 and not failed else records
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    if failed:
        eprint(f"{failed} input(s) failed")
        raise typer.Exit(1)
