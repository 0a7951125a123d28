"""``newsgraph extract PATH...``: print article records.

Bad input never stops the batch and never prints a traceback: each bad file gets one line
``error: <file>: <reason>`` on stderr, the other files are still processed, and the exit
status is 1 when any input failed. An input with unbalanced quote marks is reported the same
way, but its record is still written (the text is usable; quotes near the stray mark may be
cut).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from newsgraph.cli import app, options
from newsgraph.pipeline import Article, InputError, Settings, eprint, extract_many
from newsgraph.record import ArticleRecord
from newsgraph.sources import display_name, iter_articles

# Warnings that mean the input itself is faulty: reported like bad input (exit status 1),
# though the record is still written.
INPUT_PROBLEMS = {"unbalanced_quotes": "unbalanced quote marks"}


def input_problems(record: ArticleRecord) -> list[str]:
    """One line per input problem a record's warnings report (e.g. unbalanced quotes)."""
    return [f"{INPUT_PROBLEMS[w.code]} ({w.message})" for w in record.warnings if w.code in INPUT_PROBLEMS]


class _Run:
    """Counts failures while articles flow from the sources through the pipeline."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        self.failed = 0

    def fail(self, message: str) -> None:
        self.failed += 1
        eprint(f"error: {message}")

    def articles(self) -> Iterator[Article]:
        for item in iter_articles(self.paths):
            if isinstance(item, InputError):
                self.fail(str(item))
                continue
            yield item

    def records(self, settings: Settings) -> Iterator[ArticleRecord]:
        try:
            for result in extract_many(self.articles(), settings):
                if isinstance(result, InputError):
                    self.fail(str(result))
                    continue
                for problem in input_problems(result):
                    self.fail(f"{display_name(result.source.uri)}: {problem}; record written")
                yield result
        except Exception as exc:  # never a traceback: one line, and a failing status
            self.fail(f"stopped by an internal error: {type(exc).__name__}: {exc}")


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
    settings = options.settings(reference_date, published)
    run = _Run(paths)
    records: list[dict[str, Any]] = []
    try:
        for record in run.records(settings):
            if format == "jsonl":
                sys.stdout.write(record.to_json() + "\n")
                sys.stdout.flush()
            else:
                records.append(record.to_dict())
        if format == "json":
            single = len(paths) == 1 and paths[0].is_file()
            if single and records:
                sys.stdout.write(json.dumps(records[0], ensure_ascii=False, indent=2) + "\n")
            elif not single:
                sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
            sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(1) from None
    if run.failed:
        eprint(f"{run.failed} input(s) failed")
        raise typer.Exit(1)
