"""``newsgraph eval NAME``: score a facet against gold files or a public benchmark."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsgraph.cli import app
from newsgraph.evaluation import harness
from newsgraph.pipeline import eprint


@app.command("eval")
def evaluate(
    name: Annotated[str, typer.Argument(help="An eval name, or 'all'; 'list' shows them.")],
    limit: Annotated[int | None, typer.Option(help="Score only the first N documents (a fixed slice).")] = None,
    shared: Annotated[Path | None, typer.Option(help="The shared folder (default: ../shared).")] = None,
    format: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    check_floors: Annotated[bool, typer.Option(help="Fail when a score is below its committed floor.")] = True,
) -> None:
    """Score facets against gold files and public benchmarks; fail below committed floors."""
    known = harness.registry()
    if name == "list":
        for key in known:
            print(key)
        return
    names = list(known) if name == "all" else [name]
    failures: list[str] = []
    reports = []
    for key in names:
        if key not in known:
            raise typer.BadParameter(f"unknown eval {key!r}; known: {', '.join(known)}", param_hint="NAME")
        eprint(f"eval {key} ...")
        try:
            report = harness.run(key, limit=limit, shared=shared)
        except Exception as exc:  # one broken eval is reported, the others still run
            failures.append(f"{key} failed: {type(exc).__name__}: {exc}")
            continue
        reports.append(report)
        if check_floors:
            failures += harness.below_floors(report, "full" if limit is None else "slice")
        if format == "table":
            print(f"== {report.name}")
            for metric, value in report.metrics.items():
                print(f"  {metric:<32} {value}")
            for metric, count in report.counts.items():
                print(f"  {metric:<32} {count}")
            for note in report.notes:
                print(f"  note: {note}")
            sys.stdout.flush()
    if format == "json":
        print(json.dumps([r.as_dict() for r in reports], indent=2))
    for failure in failures:
        eprint(f"floor: {failure}")
    if failures:
        raise typer.Exit(1)
