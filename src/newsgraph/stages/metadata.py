"""Metadata: the language, and the publication date with its basis.

``published`` comes from, in order: the caller (``--published``: basis "given"); the
input's own metadata (a feed's date, the HTML page's meta tags via trafilatura/htmldate, a
"Published 12 March 2025" line removed by the clean stage: basis "metadata"); the dateline
("MOSCOW, Oct. 18, 2024 —": basis "dateline"); or the article's words: a weekday beside a
date without a year ("on Wednesday (October 23)") fixes the year as the latest one, not
after the reference date, in which that date falls on that weekday (basis "inferred", the
note says from what). See :mod:`newsgraph.dating` for the calendar rules.

A language we do not support gets a warning ``unsupported_language``; the parse and every
text facet then skip the article (``work.doc`` stays None).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsgraph.dating import (
    WEEKDAY_RE,
    latest_date,
    parse_date_text,
    report_date,
    safe_date,
    weekday_dates,
    weekday_number,
    year_for_weekday,
)
from newsgraph.nlp.model import SUPPORTED_LANGUAGES
from newsgraph.record import Published

if TYPE_CHECKING:
    from newsgraph.pipeline import Work

# Frequent English function words: a text where they are common is English, whatever a
# character n-gram model says about a short or name-heavy sample.
_EN_WORDS = frozenset(
    ["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "said", "by", "at", "from", "it", "his", "her", "are", "were", "has", "have", "be", "will", "this", "which", "an", "their", "its", "who", "not", "but", "they", "after", "been", "would"]
)
_TOKEN = re.compile(r"[a-z]+")
# The lead naming the weekday of the day it was filed: "today (Tuesday)", "Tuesday (today)".
_TODAY_WEEKDAY = re.compile(
    rf"\b(?:today|tonight|this (?:morning|afternoon|evening))\s*\(\s*(?P<wd>{WEEKDAY_RE})\s*\)"
    rf"|\b(?P<wd2>{WEEKDAY_RE})\s*\(\s*(?:today|tonight)\s*\)"
)

# A weekday on its own in the lead ("on Tuesday", "said Wednesday"), not one relative to
# another day ("last Tuesday", "by Friday") nor one beside a date ("Tuesday (Nov. 4)").
_BARE_WEEKDAY = re.compile(
    r"(?<!\blast )(?<!\bnext )(?<!\bthis )(?<!\bby )(?<!\buntil )(?<!\bsince )(?<!\bbefore )"
    r"(?<!\bafter )(?<!\bfrom )\b(?P<wd>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b"
    r"(?!\s*[(,]?\s*\d)(?!\s*\(\s*[A-Za-z]{3,}\.?\s*\d)",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z])|\n")
# "12/05/2025": day and month both 12 or below, the order unknown.
_NUMERIC_AMBIGUOUS = re.compile(r"(?<![\d/.])(?P<a>0?[1-9]|1[0-2])/(?P<b>0?[1-9]|1[0-2])/(?P<y>(?:19|20)\d\d)(?![\d/])")
_WEEKDAY_YEARS_BACK = 1  # a lead's weekday moves a dateline's year back by one at most
_FRESH_DAYS = 45  # a dateline this close to the anchor is fresh news: its latest year stands


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for no text.

    English is recognised by its function words (cheap, robust on short texts); anything
    else goes to py3langid."""
    if not text.strip():
        return None
    sample = text[:3000]
    tokens = _TOKEN.findall(sample.lower())
    hits = sum(1 for t in tokens if t in _EN_WORDS)
    if (len(tokens) >= 12 and hits / len(tokens) >= 0.18) or (len(tokens) < 12 and hits >= 2):
        return "en"
    import py3langid

    ranked = py3langid.rank(sample)
    lang = str(ranked[0][0])
    # English-based creoles and close neighbours (pcm, sco ...) win on short English news
    # sentences full of names: English among the first three with English function words
    # present is English.
    # A short text says little: when in doubt, English (the cost of calling English foreign
    # is every facet lost).
    english_near = any(code == "en" for code, _ in ranked[:3])
    if lang != "en" and english_near and (len(tokens) < 30 or hits / len(tokens) >= 0.08):
        return "en"
    return lang


def _iso(value: object) -> str | None:
    if not value:
        return None
    text = str(value)[:10]
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return None


_YMD_SLASH = re.compile(r"\b((?:19|20)\d\d)/([01]\d)/([0-3]\d)\b")
_LABEL_RANK = {"published": 0, "posted": 1, "date": 2, "byline": 3, "created": 4, "updated": 5}


def from_date_lines(lines: list[tuple[str, str]], not_after: dt.date) -> tuple[dt.date, str] | None:
    """The publication date a removed date line gives ("Published 12 March 2025" before
    "Updated: ..."), with the line."""
    ranked = sorted(lines, key=lambda item: _LABEL_RANK.get(item[0], 9))
    for _label, line in ranked:
        # "2025/03/04" is year-month-day as "2025-03-04" is
        found = parse_date_text(_YMD_SLASH.sub(r"\1-\2-\3", line), not_after)
        if found is not None:
            return found[0], line
    return None


@dataclass(frozen=True)
class _Stage:
    name: str = "metadata"
    version: str = "7"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ("published", "language")

    def run(self, work: Work) -> None:
        record = work.record
        record.language = detect_language(record.text)
        if record.language is not None and record.language not in SUPPORTED_LANGUAGES:
            work.warn(self.name, "unsupported_language",
                      f"the text is in {record.language!r}; only {', '.join(SUPPORTED_LANGUAGES)} "
                      "is analysed, so the text facets are left empty")
        english = record.language in SUPPORTED_LANGUAGES
        not_after = work.settings.published or work.settings.reference_date
        inferred = report_date(record.text, not_after) if english else None
        known = self._known(work)
        if known is not None and known.date:
            # A dateline is written on the day of publication or just before it (a day's
            # slack for time zones): its year is the publication date's.
            not_after = dt.date.fromisoformat(known.date) + dt.timedelta(days=1)
        self._dateline_date(work, inferred.date.year if inferred else None, not_after, known is not None)
        record.published = known or self._published(work, inferred)

    def _dateline_date(self, work: Work, year_hint: int | None, not_after: dt.date, known: bool = False) -> None:
        """A dateline written without a year gets the year of a publication date known from
        metadata, else the year the article's weekday dates fix, else the latest one not
        after the anchor."""
        dateline = work.record.dateline
        day = work.notes.get("clean.dateline_day")
        if dateline is None or dateline.date or not day:
            return
        month, dom = day
        date = None
        if year_hint is not None and not known:
            for w in weekday_dates(work.record.text, not_after):
                if (w.date.month, w.date.day) == (month, dom):
                    date = w.date
                    break
        if date is None and not known:
            date = self._today_weekday_date(work, month, dom, not_after)
        if date is None and not known:
            date = self._lead_weekday_date(work, month, dom, not_after)
        date = date or latest_date(month, dom, not_after)
        if date is not None:
            dateline.date = date.isoformat()

    @staticmethod
    def _today_weekday_date(work: Work, month: int, dom: int, not_after: dt.date) -> dt.date | None:
        """The dateline's date when the lead says which weekday the day of filing is
        ("said today (Tuesday)", "Tuesday (today)"): the latest such year."""
        dateline = work.record.dateline
        start = dateline.end if dateline is not None else 0
        m = _TODAY_WEEKDAY.search(work.record.text, start, start + 1500)
        weekday = weekday_number(m.group("wd") or m.group("wd2")) if m else None
        if weekday is None:
            return None
        year = year_for_weekday(month, dom, weekday, not_after)
        return safe_date(year, month, dom) if year is not None else None

    @staticmethod
    def _lead_weekday_date(work: Work, month: int, dom: int, not_after: dt.date) -> dt.date | None:
        """The dateline's date when the lead's first sentence names a bare weekday ("began
        rationing on Tuesday") that the latest such date does not fall on, but the one a year
        before does: a lead's weekday is most often the day of filing, so the story is of the
        year before. Not for a date of the last few weeks (fresh news whose weekday may name
        a day before the dateline's), nor further back than a year (the weekday then more
        likely names another day than the story is that old)."""
        dateline = work.record.dateline
        if dateline is None:
            return None
        text = work.record.text
        end = _SENTENCE_END.search(text, dateline.end, dateline.end + 600)
        lead = text[dateline.end:end.start() if end else dateline.end + 600]
        m = _BARE_WEEKDAY.search(lead)
        weekday = weekday_number(m.group("wd")) if m else None
        latest = latest_date(month, dom, not_after)
        if weekday is None or latest is None or (not_after - latest).days <= _FRESH_DAYS:
            return None
        year = year_for_weekday(month, dom, weekday, not_after)
        if year is None or year < latest.year - _WEEKDAY_YEARS_BACK:
            return None
        return safe_date(year, month, dom)

    def _known(self, work: Work) -> Published | None:
        """The publication date given by the caller or the input's metadata, if any."""
        settings, article = work.settings, work.article
        not_after = settings.reference_date
        if settings.published:
            return Published(date=settings.published.isoformat(), basis="given", note="given by the caller")
        if _iso(article.published):
            return Published(date=_iso(article.published), basis="metadata", note="from the source's metadata")
        html = work.notes.get("clean.html") or {}
        if _iso(html.get("date")):
            stamp = html.get("datetime")
            return Published(date=_iso(html.get("date")), datetime=str(stamp) if stamp else None,
                             basis="metadata", note="from the page's metadata (trafilatura/htmldate)")
        date_lines = work.notes.get("clean.date_lines") or []
        lines = from_date_lines(date_lines, not_after)
        if lines is None:
            lines = self._numeric_by_weekday(work, date_lines, not_after)
        if lines is not None:
            return Published(date=lines[0].isoformat(), basis="metadata",
                             note=f"from the date line {lines[1]!r} above the article")
        return None

    @staticmethod
    def _numeric_by_weekday(
        work: Work, lines: list[tuple[str, str]], not_after: dt.date
    ) -> tuple[dt.date, str] | None:
        """A date line written "12/05/2025" (day-first or month-first, both possible) read
        the way whose weekday the line itself or the lead's first sentence names ("on
        Monday"), when exactly one reading fits."""
        record = work.record
        first = next((sec for sec in record.sections if sec.kind == "paragraph"), None)
        lead = ""
        if first is not None:
            end = _SENTENCE_END.search(record.text, first.start, first.end)
            lead = record.text[first.start:end.start() if end else first.end]
        for _label, line in sorted(lines, key=lambda item: _LABEL_RANK.get(item[0], 9)):
            m = _NUMERIC_AMBIGUOUS.search(line)
            if m is None:
                continue
            a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
            readings = [d for d in (safe_date(year, b, a), safe_date(year, a, b)) if d is not None and d <= not_after]
            own = re.search(rf"\b(?P<wd>{WEEKDAY_RE})(?![a-z])", line)
            said = own or _BARE_WEEKDAY.search(lead)
            weekday = weekday_number(said.group("wd")) if said else None
            fits = [d for d in readings if d.weekday() == weekday]
            if len(fits) == 1:
                return fits[0], line
        return None

    def _published(self, work: Work, inferred: Any) -> Published:
        record = work.record
        not_after = work.settings.reference_date
        if record.dateline is not None and record.dateline.date:
            return Published(date=record.dateline.date, basis="dateline",
                             note=f"from the dateline {record.dateline.text!r}")
        if inferred is not None:
            return Published(date=inferred.date.isoformat(), basis="inferred", note=inferred.note(not_after))
        return Published(date=None, basis="unknown", note="no date given, in metadata, dateline or text")


STAGE = _Stage()

__all__ = ["STAGE", "detect_language", "from_date_lines", "safe_date"]
