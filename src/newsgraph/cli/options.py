"""Option parsing the commands share."""

from __future__ import annotations

import datetime as dt

import typer

from newsgraph.pipeline import Settings


def parse_date(value: str | None, option: str) -> dt.date | None:
    """A YYYY-MM-DD option value, or a clear usage error naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option) from None


def settings(reference_date: str | None, published: str | None) -> Settings:
    """Extraction settings from --reference-date (default today) and --published."""
    return Settings(
        reference_date=parse_date(reference_date, "--reference-date") or dt.date.today(),
        published=parse_date(published, "--published"),
    )
