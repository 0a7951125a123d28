"""Calendar reasoning shared by the stages: month names, day-month dates in English text,
and the year a weekday beside a date without a year fixes.

``year_for_weekday(10, 23, 2, not_after=date(2026, 11, 26))`` is 2024: October 23 fell on a
Wednesday (weekday 2) in 2024, the latest such year not after the given day. The timexes
stage resolves dates with the same rule, so keep this the one implementation.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")

# Regex pieces (case-sensitive: month and weekday names are capitalized in news text).
MONTH_RE = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
WEEKDAY_RE = (
    r"(?:Mon(?:day|\.)?|Tues?(?:day|\.)?|Wed(?:nesday|\.)?|Thu(?:rs?(?:day|\.)?|\.)?|"
    r"Fri(?:day|\.)?|Sat(?:urday|\.)?|Sun(?:day|\.)?)"
)
_ORD = r"(?:st|nd|rd|th)?"
# "October 23", "Oct. 23rd", "23 October", "23rd of October", each with an optional year.
DAY_MONTH_RE = (
    rf"(?:(?P<m1>{MONTH_RE})\s+(?P<d1>[0-3]?\d){_ORD}(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<d2>[0-3]?\d){_ORD}\s+(?:of\s+)?(?P<m2>{MONTH_RE})(?:,?\s+(?P<y2>(?:19|20)\d\d))?)"
)
# "Wednesday (October 23)", "on Tuesday, March 4", "Wed., Oct. 23, 2024", "Friday 7 November".
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_WEEKDAY_DATE = re.compile(
    rf"\b(?P<wd>{WEEKDAY_RE}){_PART_OF_DAY}(?:(?P<paren>\s*\(\s*)|,?\s+){DAY_MONTH_RE}(?(paren)\s*\))(?![\w])"
)
# "23 October (Wednesday)", "October 23 (Wednesday)"
_DATE_WEEKDAY = re.compile(rf"\b{DAY_MONTH_RE}\s*\(\s*(?P<wd>{WEEKDAY_RE})\s*\)")
_PAREN_WEEKDAY = re.compile(rf"\(\s*{WEEKDAY_RE}\s*\)")


def _weekday_date_matches(text: str) -> list[re.Match[str]]:
    """Matches of :data:`_WEEKDAY_DATE`, tried only where a weekday name starts (fast)."""
    out = []
    for prefix in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
        pos = text.find(prefix)
        while pos != -1:
            if pos == 0 or not text[pos - 1].isalnum():
                m = _WEEKDAY_DATE.match(text, pos)
                if m is not None:
                    out.append(m)
            pos = text.find(prefix, pos + 3)
    return out


def _date_weekday_matches(text: str) -> list[re.Match[str]]:
    """Matches of "23 October (Wednesday)", found from the rare "(Wednesday)" backwards."""
    out = []
    for m in _PAREN_WEEKDAY.finditer(text):
        start = max(0, m.start() - 30)
        for cand in _DATE_WEEKDAY.finditer(text, start, m.end()):
            if cand.end() == m.end():
                out.append(cand)
                break
    return out
_FUTURE_BEFORE = re.compile(r"\b(?:next|coming|until|till|by|from|starting|scheduled for|due)\s*$", re.I)
# A future-tense clause before the date: "talks will resume on Friday, March 7".
_FUTURE_CLAUSE = re.compile(
    r"\b(?:will|shall|would|plans? to|planned|is (?:due|set|scheduled|expected) to|"
    r"are (?:due|set|scheduled|expected) to|to be held|scheduled)\b[^.!?]*$",
    re.I,
)


def month_number(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def weekday_number(name: str) -> int | None:
    return WEEKDAYS.get(name.lower().rstrip("."))


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def year_for_weekday(month: int, day: int, weekday: int, not_after: dt.date) -> int | None:
    """The latest year, not after ``not_after``, in which month/day falls on ``weekday``
    (0 = Monday). None when no year in the last 400 fits (an impossible date)."""
    return _year_for_weekday(month, day, weekday, not_after)


@lru_cache(maxsize=4096)
def _year_for_weekday(month: int, day: int, weekday: int, not_after: dt.date) -> int | None:
    for year in range(not_after.year, not_after.year - 401, -1):
        date = safe_date(year, month, day)
        if date is not None and date <= not_after and date.weekday() == weekday:
            return year
    return None


def latest_date(month: int, day: int, not_after: dt.date) -> dt.date | None:
    """The latest month/day not after ``not_after`` (a date given without a year)."""
    for year in range(not_after.year, not_after.year - 8, -1):
        date = safe_date(year, month, day)
        if date is not None and date <= not_after:
            return date
    return None


def parse_day_month(match: re.Match[str]) -> tuple[int, int, int | None] | None:
    """(month, day, year or None) from a match of :data:`DAY_MONTH_RE`."""
    groups = match.groupdict()
    m, d, y = (groups.get("m1"), groups.get("d1"), groups.get("y1"))
    if m is None:
        m, d, y = (groups.get("m2"), groups.get("d2"), groups.get("y2"))
    if m is None or d is None:
        return None
    month = month_number(m)
    day = int(d)
    if month is None or not 1 <= day <= 31:
        return None
    return month, day, int(y) if y else None


_DATE_ANYWHERE = re.compile(
    rf"(?:(?P<wd>{WEEKDAY_RE}),?\s+)?{DAY_MONTH_RE}|(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"
)


def parse_date_text(text: str, not_after: dt.date) -> tuple[dt.date, bool] | None:
    """The first calendar date in a short text ("Oct. 18, 2024", "12 March 2025",
    "2025-03-12", "Tuesday, May 2"): (date, whether the year was written). A date without
    a year takes the latest fitting year not after ``not_after`` (fixed by a weekday when
    one is given)."""
    for match in _DATE_ANYWHERE.finditer(text):
        if match.group("iso"):
            y, m, d = (int(p) for p in match.group("iso").split("-"))
            date = safe_date(y, m, d)
            if date:
                return date, True
            continue
        parsed = parse_day_month(match)
        if parsed is None:
            continue
        month, day, year = parsed
        if year is not None:
            date = safe_date(year, month, day)
            if date:
                return date, True
            continue
        wd = match.group("wd")
        if wd and weekday_number(wd) is not None:
            y2 = year_for_weekday(month, day, weekday_number(wd) or 0, not_after)
            if y2 is not None:
                date = safe_date(y2, month, day)
                if date:
                    return date, False
        date = latest_date(month, day, not_after)
        if date:
            return date, False
    return _numeric_date(text)


# "14/03/2025", "03/14/2025", "14.03.2025": read only when the order is certain (a part
# above 12, the same number twice, or dots, which are day-first).
_NUMERIC = re.compile(r"(?<![\d/.])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d\d)(?![\d/])")


def _numeric_date(text: str) -> tuple[dt.date, bool] | None:
    m = _NUMERIC.search(text)
    if m is None:
        return None
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    if m.group("sep") == "." or a > 12 or a == b:
        date = safe_date(year, b, a)
    elif b > 12:
        date = safe_date(year, a, b)
    else:
        return None
    return (date, True) if date else None


@dataclass(frozen=True)
class WeekdayDate:
    """A weekday written beside a day and month ("Wednesday (October 23)")."""

    text: str
    start: int
    end: int
    date: dt.date
    year_given: bool
    forward: bool  # "next Tuesday, March 4", "until Friday, May 9": not a report date

    def note(self, not_after: dt.date) -> str:
        how = (
            "the year is written" if self.year_given else
            f"{MONTH_NAMES[self.date.month - 1]} {self.date.day} fell on a "
            f"{WEEKDAY_NAMES[self.date.weekday()]} in {self.date.year}, the latest such "
            f"year not after {not_after.isoformat()}"
        )
        return f"inferred from {self.text!r} at {self.start}-{self.end}: {how}"


def weekday_dates(text: str, not_after: dt.date) -> list[WeekdayDate]:
    """Every weekday-beside-a-date in the text, resolved (impossible ones left out)."""
    found: list[WeekdayDate] = []
    matches = sorted([*_weekday_date_matches(text), *_date_weekday_matches(text)], key=lambda m: m.start())
    for match in matches:
        weekday = weekday_number(match.group("wd"))
        parsed = parse_day_month(match)
        if weekday is None or parsed is None:
            continue
        month, day, year = parsed
        if year is None:
            year = year_for_weekday(month, day, weekday, not_after)
            if year is None:
                continue
            given = False
        else:
            given = True
        date = safe_date(year, month, day)
        if date is None or (not given and date.weekday() != weekday):
            continue
        before = text[max(0, match.start() - 80):match.start()].rsplit("\n", 1)[-1]  # same paragraph
        forward = bool(_FUTURE_BEFORE.search(before[-24:]) or _FUTURE_CLAUSE.search(before))
        found.append(WeekdayDate(match.group(0), match.start(), match.end(), date, given, forward))
    return found


def report_date(text: str, not_after: dt.date) -> WeekdayDate | None:
    """The date an article reports from, read off its weekday-beside-a-date mentions: the
    latest one not after ``not_after`` that does not look forward ("next", "until")."""
    candidates = [w for w in weekday_dates(text, not_after) if not w.forward and w.date <= not_after]
    if not candidates:
        return None
    return max(candidates, key=lambda w: (w.date, -w.start))
