"""Calendar arithmetic behind TIMEX3 values: the lexicon, week and quarter maths, holidays,
choosing the year of a partial date from the tense, and the calendar range of a value."""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

Date = dt.date


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The timex lexicon (``newsgraph/data/timex.json``), loaded once per process."""
    text = resources.files("newsgraph.data").joinpath("timex.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def month_end(year: int, month: int) -> Date:
    return Date(year, month, _cal.monthrange(year, month)[1])


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + n
    return total // 12, total % 12 + 1


def iso_week(day: Date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def week_monday(year: int, week: int) -> Date:
    return Date.fromisocalendar(year, week, 1)


def quarter_of(day: Date) -> int:
    return (day.month - 1) // 3 + 1


def season_of(day: Date) -> tuple[int, str]:
    """The (year, code) of the meteorological season of a day; December opens the winter."""
    m = day.month
    if m in (12, 1, 2):
        return (day.year if m == 12 else day.year - 1), "WI"
    return day.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(m, "FA")


def pick_year(month: int, day: int | None, anchor: Date, direction: int) -> int:
    """The year of a month (and day) given without one: direction -1 = the latest not after
    the anchor, +1 = the earliest not before it, 0 = the anchor's year."""
    if direction == 0:
        return anchor.year
    key = (month, day or 0)
    here = (anchor.month, anchor.day if day else 0)
    if direction < 0:
        return anchor.year if key <= here else anchor.year - 1
    return anchor.year if key >= here else anchor.year + 1


def weekday_date(weekday: int, anchor: Date, direction: int, rel: str | None = None) -> Date:
    """The date of a weekday (1 = Monday) near the anchor.

    rel "last" = the one strictly before, "next" = strictly after, "this" = in the anchor's
    week; otherwise the tense decides: past = on or before, future = on or after, unknown =
    the nearest (ties go to the past).
    """
    diff = weekday - anchor.isoweekday()
    if rel == "this":
        return anchor + dt.timedelta(days=diff)
    back = anchor - dt.timedelta(days=(-diff) % 7)
    ahead = anchor + dt.timedelta(days=diff % 7)
    if rel == "last":
        return back if back != anchor else anchor - dt.timedelta(days=7)
    if rel == "next":
        return ahead if ahead != anchor else anchor + dt.timedelta(days=7)
    if direction < 0:
        return back
    if direction > 0:
        return ahead
    return back if (anchor - back) <= (ahead - anchor) else ahead


def weekday_fixes_year(month: int, day: int, weekday: int, anchor: Date) -> int | None:
    """A weekday beside a month and day fixes the year: one within about half a year of the
    anchor, else the latest such year not after the anchor."""
    best: int | None = None
    for year in range(anchor.year + 1, anchor.year - 40, -1):
        try:
            d = Date(year, month, day)
        except ValueError:
            continue
        if d.isoweekday() != weekday:
            continue
        if abs((d - anchor).days) <= 183:
            return year
        if d <= anchor and best is None:
            best = year
    return best


def easter(year: int) -> Date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    day = (h + el - 7 * m + 114) % 31 + 1
    return Date(year, month, day)


def holiday_date(spec: dict[str, int], year: int) -> Date:
    """The date of a recurring holiday in a year, from its lexicon entry."""
    if "easter" in spec:
        return easter(year) + dt.timedelta(days=spec["easter"])
    month = spec["month"]
    if "day" in spec:
        return Date(year, month, spec["day"])
    weekday, nth = spec["weekday"], spec["nth"]
    if nth > 0:
        first = Date(year, month, 1)
        d = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    else:
        last = month_end(year, month)
        d = last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    return d + dt.timedelta(days=spec.get("offset", 0))


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-(WE|\d))?$")
_YEAR = re.compile(r"^(\d{4})$")
_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


def value_range(value: str) -> tuple[Date, Date] | None:
    """The calendar interval a DATE/TIME value covers, or None (references, X-values)."""
    try:
        return _value_range(value)
    except ValueError:
        return None


def _value_range(value: str) -> tuple[Date, Date] | None:
    if m := _DAY.match(value):
        d = Date(int(m[1]), int(m[2]), int(m[3]))
        return d, d
    if m := _MONTH.match(value):
        y, mo = int(m[1]), int(m[2])
        return Date(y, mo, 1), month_end(y, mo)
    if m := _WEEK.match(value):
        monday = week_monday(int(m[1]), int(m[2]))
        if m[3] == "WE":
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
        if m[3]:
            d = monday + dt.timedelta(days=int(m[3]) - 1)
            return d, d
        return monday, monday + dt.timedelta(days=6)
    if m := _YEAR.match(value):
        y = int(m[1])
        return Date(y, 1, 1), Date(y, 12, 31)
    if m := _PART.match(value):
        y, part = int(m[1]), m[2]
        if part[0] == "Q":
            q = int(part[1])
            return Date(y, 3 * q - 2, 1), month_end(y, 3 * q)
        if part[0] == "H":
            h = int(part[1])
            return Date(y, 6 * h - 5, 1), month_end(y, 6 * h)
        start = lexicon()["season_start_month"][part]
        ey, em = add_months(y, start, 2)
        return Date(y, start, 1), month_end(ey, em)
    if m := _DECADE.match(value):
        y = int(m[1]) * 10
        return Date(y, 1, 1), Date(y + 9, 12, 31)
    if m := _CENTURY.match(value):
        y = int(m[1]) * 100
        return Date(max(y, 1), 1, 1), Date(y + 99, 12, 31)
    return None
