"""Metadata: published (given > metadata > dateline > inferred), the weekday rule, language."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.dating import parse_date_text, report_date, weekday_dates, year_for_weekday
from newsgraph.pipeline import Article
from newsgraph.stages.metadata import detect_language

REF = dt.date(2026, 11, 26)
BODY = (
    "The Valdor port authority said on Tuesday, March 4 that it would spend 12 million crowns "
    "on a new container crane, its director Ines Vork told reporters."
)


# ------------------------------------------------------------------ the seed and its twin


def test_seed_published_inferred(seed_record) -> None:  # type: ignore[no-untyped-def]
    published = seed_record.published
    assert (published.date, published.basis) == ("2024-10-23", "inferred")
    assert "Wednesday" in (published.note or "") and "2024" in (published.note or "")
    assert seed_record.language == "en"


def test_twin_weekday_without_year(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(f"Port Buys New Crane\n\n{BODY}")
    assert (record.published.date, record.published.basis) == ("2025-03-04", "inferred")
    assert "Tuesday, March 4" in (record.published.note or "")


# ------------------------------------------------------------------ the weekday rule


@pytest.mark.parametrize(
    ("month", "day", "weekday", "not_after", "year"),
    [
        (10, 23, 2, REF, 2024),          # a Wednesday October 23: 2024
        (3, 4, 1, REF, 2025),            # a Tuesday March 4: 2025
        (11, 26, 3, REF, 2026),          # the reference day itself counts
        (11, 27, 4, REF, 2020),          # the day after the reference date does not
        (2, 29, 3, REF, 2024),           # a leap day on a Thursday
        (2, 30, 0, REF, None),           # no such date
    ],
)
def test_year_for_weekday(month: int, day: int, weekday: int, not_after: dt.date, year: int | None) -> None:
    assert year_for_weekday(month, day, weekday, not_after) == year


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("the ministry said on Wednesday (October 23) that", "2024-10-23"),
        ("officials met on Tuesday, March 4, and agreed", "2025-03-04"),
        ("the vote on Friday 12 September was close", "2025-09-12"),
        ("on Wed., Oct. 21, 2026, the board", "2026-10-21"),
        ("late on Tuesday (Oct. 21) the mayor", "2025-10-21"),
        ("the mayor spoke on Tuesday night (October 21) in the hall", "2025-10-21"),
        ("the vote on 21 October (Tuesday) was close", "2025-10-21"),
    ],
)
def test_weekday_date_forms(text: str, date: str) -> None:
    found = weekday_dates(text, REF)
    assert [w.date.isoformat() for w in found] == [date]
    assert text[found[0].start:found[0].end] == found[0].text


@pytest.mark.parametrize(
    "later",
    ["They resume next Friday, March 7.", "Officials will meet again on Friday, March 7.",
     "A vote is scheduled for Friday (March 7)."],
)
def test_forward_dates_are_not_report_dates(later: str) -> None:
    text = f"The talks ended on Tuesday, March 4. {later}"
    found = report_date(text, REF)
    assert found is not None and found.date == dt.date(2025, 3, 4)


def test_report_date_is_the_latest_past_mention() -> None:
    text = "Fighting began on Friday, Feb. 28. On Tuesday, March 4, the two sides agreed a truce."
    found = report_date(text, REF)
    assert found is not None and found.date == dt.date(2025, 3, 4)


def test_parse_date_text() -> None:
    assert parse_date_text("Published 12 March 2025", REF) == (dt.date(2025, 3, 12), True)
    assert parse_date_text("Updated: Feb. 3, 2026 10:15 a.m. EST", REF) == (dt.date(2026, 2, 3), True)
    assert parse_date_text("2025-07-01", REF) == (dt.date(2025, 7, 1), True)
    assert parse_date_text("May 2", REF) == (dt.date(2026, 5, 2), False)


# ------------------------------------------------------------------ priority of the bases


def test_given_beats_everything(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(f"Port Buys New Crane\n\nVALDOR, Jan. 9, 2025 — {BODY}", published="2025-01-10")
    assert (record.published.date, record.published.basis) == ("2025-01-10", "given")


def test_source_metadata_beats_dateline(run_extract) -> None:  # type: ignore[no-untyped-def]
    article = Article(content=f"Port Buys New Crane\n\nVALDOR, Jan. 9, 2025 — {BODY}", published="2025-01-11")
    record = run_extract(article)
    assert (record.published.date, record.published.basis) == ("2025-01-11", "metadata")


def test_date_line_is_metadata(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(f"Port Buys New Crane\n\nPublished 12 March 2025\n\n{BODY}")
    assert (record.published.date, record.published.basis) == ("2025-03-12", "metadata")
    assert [r.reason for r in record.removed] == ["date_line"]


def test_dateline_beats_inference(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(f"Port Buys New Crane\n\nVALDOR, Jan. 9, 2025 — {BODY}")
    assert (record.published.date, record.published.basis) == ("2025-01-09", "dateline")
    assert record.dateline is not None and record.dateline.date == "2025-01-09"


def test_dateline_without_year_takes_the_weekday_year(run_extract) -> None:  # type: ignore[no-untyped-def]
    body = "The Valdor port authority said on Tuesday (March 4) it would buy a new container crane for the docks."
    record = run_extract(f"Port Buys New Crane\n\nVALDOR, March 4 — {body}")
    assert record.dateline is not None and record.dateline.date == "2025-03-04"
    assert (record.published.date, record.published.basis) == ("2025-03-04", "dateline")


def test_dateline_without_year_or_weekday_takes_latest(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(f"Port Buys New Crane\n\nVALDOR, Dec. 3 — {BODY.replace('on Tuesday, March 4 ', '')}")
    assert record.dateline is not None and record.dateline.date == "2025-12-03"


def test_unknown_when_nothing_dates_it(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract("Port Buys New Crane\n\nThe Valdor port authority will buy a new container crane, its director said.")
    assert (record.published.date, record.published.basis) == (None, "unknown")


# ------------------------------------------------------------------ language


def test_unsupported_language_leaves_text_facets_empty(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        "Neue Fähre für Lindhaven\n\nDie Stadt Lindhaven hat am Dienstag eine neue Fähre bestellt. "
        "Bürgermeisterin Greta Halm sagte, die Fähre werde im Sommer fahren und koste rund vier Millionen Euro."
    )
    assert record.language == "de"
    assert [w.code for w in record.warnings] == ["unsupported_language"]
    assert record.entities == [] and record.quotes == [] and record.figures == []
    assert record.timexes == [] and record.events == []
    assert record.title == "Neue Fähre für Lindhaven"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Mayor Ines Vork said the crane would arrive in May.", "en"),
        ("Kestrel Aerospace, Norrholm Research and Orvik Spaceport Ltd signed the deal on Monday.", "en"),
        ("La mairie de Valdor a annoncé lundi la construction d'une nouvelle grue pour le port.", "fr"),
        ("", None),
        ("Brenholm Opens Bridge\n\nThe county opened its bridge.", "en"),
        ("El ayuntamiento de Valdor compró un ferry el martes.", "es"),
        # names-heavy English that py3langid alone calls an English creole
        ("Tarvani troops freed 40 hostages near Oskuda on Friday.", "en"),
        ("Oskuda: Soldiers free hostages", "en"),
        ("Die Stadt Valdor kaufte am Dienstag eine neue Fähre für den Hafen.", "de"),
    ],
)
def test_detect_language(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


def test_future_words_in_an_earlier_line_do_not_count(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        "Port Buys New Crane\n\nCrane Will Arrive by Summer\n\nThe Valdor port authority on Tuesday, March 4 "
        "approved the purchase of a new container crane, its director Ines Vork told reporters."
    )
    assert (record.published.date, record.published.basis) == ("2025-03-04", "inferred")
