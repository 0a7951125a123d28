"""Reading the header lines of an article: datelines, bylines, wire-agency credits.

Used by the clean stage; the patterns for agencies and name stop-words are data
(``newsgraph/data/cleaning.json``).

- :func:`find_dateline` reads "MOSCOW, Oct. 18, 2024 —", "LORVALE, Norway (Reuters) -",
  "WASHINGTON —", "PORT ELLIS:" at the start of a paragraph.
- :func:`read_byline` reads "By Jane Doe and John Roe, Coastline News", "Jane Doe | Reuters".
- :func:`agency_of` maps "Agence France-Presse" or "AFP" to the canonical "AFP".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from newsgraph.dating import DAY_MONTH_RE, MONTHS, WEEKDAY_RE, WEEKDAYS, parse_day_month


@lru_cache(maxsize=1)
def cleaning_data() -> dict[str, Any]:
    """The cleaning lexicon (loaded once per process)."""
    path = resources.files("newsgraph").joinpath("data", "cleaning.json")
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


@lru_cache(maxsize=1)
def _agency_aliases() -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, aliases in cleaning_data()["agencies"].items():
        for alias in [canonical, *aliases]:
            out[alias.casefold()] = canonical
    return out


def agency_of(name: str) -> str | None:
    """The canonical agency for a credit ("Agence France-Presse" -> "AFP"), else None."""
    return _agency_aliases().get(name.strip().strip("()-—–.,: ").casefold())


# ---------------------------------------------------------------- datelines

_CW = r"[A-Z][A-Z'’.\-]*[A-Z.]"  # a word in capitals: MOSCOW, ST., U.S., PORT-AU-PRINCE
_MW = r"[A-Z][a-z'’.\-]+"
_PLACE = (
    rf"(?P<caps>{_CW}(?:[ \-/]{_CW}){{0,3}})"
    rf"|(?P<mixed>{_MW}(?:[ \-]{_MW}){{0,2}})"
)
_REGION = (
    r"(?P<region>,\s+[A-Z][A-Za-z'’.\-]+(?:\s+[A-Z][A-Za-z'’.\-]+){0,2}"
    r"|\s+\([A-Z][A-Za-z'’.\-]+(?:\s+[A-Z][A-Za-z'’.\-]+){0,2}\)(?=,))"  # "Orvane (Kestria), March 3"
)
_DATELINE = re.compile(
    rf"(?:{_PLACE}){_REGION}?(?:,?\s+{WEEKDAY_RE}\.?)?(?:,?\s+(?P<date>{DAY_MONTH_RE}))?"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z.&'’ \-]{0,40})\))?"
    r"\s*(?P<dash>[—–]|-{1,2}|:)(?=\s)"
)
# "Oct 23 (Reuters) -", "(AP) —": a wire credit with no place.
_PLACELESS = re.compile(
    rf"(?:(?P<date>{DAY_MONTH_RE})\s*)?\((?P<agency>[A-Z][A-Za-z.&'’ \-]{{0,40}})\)\s*(?P<dash>[—–]|-{{1,2}}|:)(?=\s)"
)
_NOT_PLACES = {"The", "A", "An", "In", "On", "At", "By", "For", "But", "And", "It", "This", "That"}


@dataclass(frozen=True)
class DatelineMatch:
    text: str
    end: int  # offset of the end of the dash in the paragraph
    place: str | None
    month: int | None
    day: int | None
    year: int | None
    agency: str | None  # what the parentheses said (canonical when a known agency)


def _first_word_agency(text: str) -> str | None:
    """"Reuters Breakingviews" -> "Reuters": a wire service's desk is the wire service."""
    words = text.split()
    return agency_of(words[0]) if len(words) > 1 else None


@lru_cache(maxsize=1)
def _role() -> re.Pattern[str]:
    return re.compile(cleaning_data()["byline_role"], re.I)


def is_role(text: str) -> bool:
    """A journalist's job title ("Staff Writer", "Transport Correspondent")."""
    return len(text.split()) <= 10 and _role().fullmatch(text.strip()) is not None


def find_dateline(paragraph: str) -> DatelineMatch | None:
    """A dateline at the start of the paragraph, or None."""
    m = _DATELINE.match(paragraph)
    if m is None:
        return _placeless(paragraph)
    place = m.group("caps") or m.group("mixed") or ""
    first = place.split()[0].strip(".,").lower()
    if place in _NOT_PLACES or first in MONTHS or first in WEEKDAYS:
        return None
    if agency_of(place) and not m.group("region") and not m.group("date"):
        return None  # "AFP — ...": a wire credit, no place (see lead_agency)
    region = m.group("region")
    if region and region.strip(", ").lower().rstrip(".") in MONTHS:
        return None
    if region and region.strip(", ").lower().rstrip(".") in WEEKDAYS:
        region = None  # "LONDON, Tuesday, Nov. 4 —": the day of the week, not a region
    has_date, has_agency = m.group("date") is not None, m.group("agency") is not None
    if m.group("mixed") and not (has_date or has_agency):
        return None  # "Kyiv — the ..." is prose; a mixed-case dateline carries a date or credit
    if m.group("dash") == ":" and not m.group("caps") and not has_agency:
        return None
    agency_text = m.group("agency")
    if agency_text and agency_text[:1].islower() and agency_of(agency_text) is None:
        return None  # "(dpa)" is a credit; "(see below)" is not
    if m.group("caps") and len(re.sub(r"[^A-Z]", "", place)) < 2:
        return None
    month = day = year = None
    if has_date:
        parsed = parse_day_month(m)
        if parsed is None:
            return None
        month, day, year = parsed
    agency = (agency_of(agency_text) or _first_word_agency(agency_text) or agency_text.strip()) if agency_text else None
    return DatelineMatch(
        text=m.group(0), end=m.end(), place=place + (region or ""),
        month=month, day=day, year=year, agency=agency,
    )


_LEAD_CREDIT = re.compile(r"(?P<agency>[A-Z][A-Za-z.&'’ \-]{1,40}?)\s*(?:[—–]|-{1,2})\s")


def lead_agency(paragraph: str) -> str | None:
    """The agency a paragraph opens with as a bare credit ("AFP — ...", "Reuters - ..."),
    canonical, or None."""
    m = _LEAD_CREDIT.match(paragraph)
    return agency_of(m.group("agency")) if m else None


def standalone_dateline(line: str) -> DatelineMatch | None:
    """A dateline printed on a line of its own ("LONDON, Oct. 23" or "LONDON —"): a place in
    capitals with a date, a credit or a dash."""
    if len(line) > 80:
        return None
    for probe, extra in ((line + " x", 0), (line + " — x", 2)):
        m = find_dateline(probe)
        if m is None or m.end != len(line) + extra or not m.place:
            continue
        if not m.place.split(",")[0].replace(" ", "").replace("-", "").replace(".", "").isupper():
            return None
        if extra and not (m.month or m.agency):
            return None
        return DatelineMatch(text=line, end=len(line), place=m.place, month=m.month, day=m.day,
                             year=m.year, agency=m.agency)
    return None


def _placeless(paragraph: str) -> DatelineMatch | None:
    m = _PLACELESS.match(paragraph)
    if m is None:
        return None
    agency_text = m.group("agency")
    agency = agency_of(agency_text)
    if agency is None and not agency_text.isupper():
        return None  # "(Tuesday) -" is not a credit; "(CNN) —" is
    month = day = year = None
    if m.group("date"):
        parsed = parse_day_month(m)
        if parsed is None:
            return None
        month, day, year = parsed
    return DatelineMatch(text=m.group(0), end=m.end(), place=None, month=month, day=day, year=year,
                         agency=agency or agency_text.strip())


# ---------------------------------------------------------------- bylines

_NAME_TOKEN = re.compile(r"(?:[A-Z][A-Za-z'’\-]*\.?|[A-Z]\.|Mc[A-Z][a-z]+|O['’][A-Z][a-z]+)$")
_PARTICLES = {"van", "von", "de", "da", "del", "der", "den", "la", "le", "di", "du", "bin",
              "ibn", "al", "el", "al-", "ter", "dos", "das"}


@lru_cache(maxsize=1)
def _byline_prefix() -> re.Pattern[str]:
    return re.compile(cleaning_data()["byline_prefix"], re.I)


@lru_cache(maxsize=1)
def _person_stop() -> frozenset[str]:
    return frozenset(cleaning_data()["person_stop"])


def person_name(text: str) -> bool:
    """A plausible written person name: 2-5 capitalized tokens (particles allowed)."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    stop = _person_stop()
    caps = 0
    for token in tokens:
        low = token.lower()
        if low in stop or (low in WEEKDAYS and len(low) > 4):
            return False
        if token in _PARTICLES:  # lower-case particles only: "Del Sorensen" is a name
            continue
        if not _NAME_TOKEN.match(token):
            return False
        caps += 1
    return caps >= 2


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    agency: str | None = None
    outlet: str | None = None
    date_text: str | None = None


_SEGMENT_SPLIT = re.compile(r"\s*(?:[|•·/]|\s[—–-]\s|,\s)\s*")
_NAMES_SPLIT = re.compile(r"\s*(?:,\s*(?i:and)\s|\b(?i:and)\b|&|,)\s*")
# "By Jane Roe in Marlow": where the reporter filed from is not part of the name.
_FILED_FROM = re.compile(r"\s+(?:in|from|at)\s+(?=[A-Z])[\w .,'’\-]{2,60}$")
_ON_DATE = re.compile(r"\s+(?:on|at)\s+((?:[A-Z][a-z]+,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?),?\s+(?:19|20)\d\d\b.*)$")
_DATEISH = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}:\d\d\b|\b(?:updated|published|posted)\b", re.I)


@lru_cache(maxsize=1)
def _outlet_heads() -> frozenset[str]:
    return frozenset(cleaning_data()["outlet_heads"])


def _outlet_like(name: str) -> bool:
    """"Marlow Courier", "Coastline News": a publication's name, not a person's."""
    words = name.split()
    return len(words) >= 2 and (words[0] == "The" or words[-1].lower().strip(".,") in _outlet_heads())


def outlet_line(line: str) -> bool:
    """A line that is only a publication's name in title case ("Marlow Courier", "The
    Coastline News"): no sentence, no digits, at most six words."""
    words = line.split()
    if not 2 <= len(words) <= 6 or re.search(r"[\d.!?:;,\"“”]", line):
        return False
    small = ("of", "the", "and", "&", "for", "de", "la")
    return all(w[:1].isupper() or w in small for w in words) and _outlet_like(line)


@lru_cache(maxsize=1)
def _staff_byline() -> re.Pattern[str]:
    return re.compile(cleaning_data()["staff_byline"], re.I)


def staff_byline(line: str) -> bool:
    """A byline that names a newsroom, not a person ("By Marlow Courier Staff", "From staff
    reports", "Coastline News Desk")."""
    m = _staff_byline().fullmatch(line.strip(" .")) if len(line) <= 80 else None
    if m is None:
        return False
    outlet = m.group("outlet")
    return outlet is None or _outlet_like(outlet)  # "Marlow Courier Staff", not "Union Calls Out Staff"


def _names(segment: str) -> list[str] | None:
    parts = [p for p in _NAMES_SPLIT.split(segment) if p]
    if parts and all(person_name(p) and agency_of(p) is None and not _outlet_like(p) for p in parts):
        return parts
    return None


def read_byline(line: str, header: bool) -> Byline | None:
    """A byline: "By Jane Doe and John Roe, Coastline News", "Written by Jane Doe";
    in the header zone also "Jane Doe | Reuters" or "Jane Doe, AFP" (a name beside a credit)."""
    if len(line) > 200:
        return None
    m = _byline_prefix().match(line)
    rest = line[m.end():] if m else line
    if not m and not header:
        return None
    # The names run up to the first separator; "and"-joined names are one segment.
    segments = [s for s in re.split(r"\s*(?:[|•·]|\s[—–/-]\s)\s*", rest) if s]
    if not segments:
        return None
    head, tail = segments[0], segments[1:]
    on_date = _ON_DATE.search(head)
    if on_date:  # "Written by Jane Doe on 3rd March 2025"
        head, tail = head[:on_date.start()], [on_date.group(1), *tail]
    head = _FILED_FROM.sub("", head)
    # "Jane Doe, Reuters": a comma also separates names from the affiliation.
    pieces = [p.strip() for p in head.split(",")]
    names: list[str] | None = None
    extra: list[str] = []
    for cut in range(len(pieces), 0, -1):
        names = _names(", ".join(pieces[:cut]))
        if names:
            extra = pieces[cut:]
            break
    if not names:
        return None
    byline = Byline(authors=names)
    for piece in [*extra, *tail]:
        piece = piece.strip()
        if not piece:
            continue
        agency = agency_of(piece)
        if agency:
            byline.agency = byline.agency or agency
        elif _DATEISH.search(piece):
            byline.date_text = byline.date_text or piece
        elif is_role(piece):
            continue  # "Staff Writer", "Senior Correspondent in Brenholm"
        elif byline.outlet is None and piece[:1].isupper() and len(piece.split()) <= 5:
            byline.outlet = piece
    if not m and byline.agency is None and byline.outlet is None:
        return None  # a bare name line is not a byline without "By" or a credit beside it
    if not m and byline.agency is None:
        return None
    return byline
