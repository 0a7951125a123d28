"""TIMEX3 recognition and normalization: dates, times, durations and sets in news text.

Two entry points:

- :func:`find` - every time expression of a text with its exact span, TIMEX3 type and value
  and calendar range, resolved against an anchor date (the published date, else the
  reference date), tense-aware when given the spaCy ``Doc`` of the text.
- :func:`resolve_expression` - one date expression string ("Wednesday (October 23)",
  "by December", "next week") resolved against an anchor date, for other stages.

The rules live in :mod:`newsgraph.timex.rules`, their words in ``data/timex.json``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.timex.calendar import add_months, lexicon, value_range
from newsgraph.timex.resolve import Context, resolve, shift
from newsgraph.timex.rules import Match, scan, select
from newsgraph.timex.tense import TenseReader

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Found", "find", "resolve_expression"]


@dataclass(frozen=True)
class Found:
    """A time expression: span into the text, TIMEX3 type and value, and its calendar range."""

    start: int
    end: int
    text: str
    type: str
    value: str
    range: tuple[dt.date, dt.date] | None


_NAME_TYPES = frozenset({"ORG", "PRODUCT", "FAC", "WORK_OF_ART", "LAW", "PERSON",
                         "CARDINAL", "MONEY", "QUANTITY", "PERCENT"})
_MONTH_WORDS = frozenset(lexicon()["months"])
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_GAP_TIME_DATE = re.compile(r"^(?:\s*,)?\s+(?:on\s+|of\s+)?$|^\s*,\s*$", re.IGNORECASE)
_GAP_DATE_TIME = re.compile(r"^(?:\s*,)?\s+(?:at\s+|around\s+)?$", re.IGNORECASE)


def _context(text: str, anchor: dt.date, doc: Doc | None, direction: int | None = None) -> Context:
    reader = TenseReader(doc)

    def tag_at(char: int) -> str:
        tok = reader.token_at(char)
        return tok.tag_ if tok is not None else ""

    def counts_plural(char: int) -> bool:
        tok = reader.token_at(char)
        if tok is None:
            return False
        head = tok.head
        return (tok.dep_ == "nummod" and 0 < head.i - tok.i <= 2 and head.tag_ == "NNS"
                and "\n" not in text[tok.idx:head.idx])

    def in_name(char: int) -> bool:
        tok = reader.token_at(char)
        if tok is None:
            return False
        if tok.ent_type_ in _NAME_TYPES:
            return True
        doc_ = tok.doc
        prev = doc_[tok.i - 1] if tok.i > 0 else None
        nxt = doc_[tok.i + 1] if tok.i + 1 < len(doc_) else None
        # "the Russell 2000 Index": a number between two capitalised name words
        return (prev is not None and nxt is not None and prev.pos_ == "PROPN" and nxt.pos_ == "PROPN"
                and prev.lower_.rstrip(".") not in _MONTH_WORDS and nxt.is_title)

    if direction is not None:
        fixed = direction
        return Context(text, anchor, lambda s, e: fixed, tag_at, counts_plural, in_name)
    return Context(text, anchor, reader.direction, tag_at, counts_plural, in_name)


def _merge(text: str, items: list[tuple[Match, str, str]]) -> list[tuple[int, int, str, str]]:
    """Join a time of day with the day beside it ("10 a.m. Friday", "Friday at 10 a.m.")."""
    out: list[tuple[int, int, str, str]] = []
    i = 0
    while i < len(items):
        m, typ, value = items[i]
        if i + 1 < len(items):
            n, _ntyp, nvalue = items[i + 1]
            gap = text[m.end:n.start]
            if value.startswith("T") and _DAY_VALUE.match(nvalue) and _GAP_TIME_DATE.match(gap):
                out.append((m.start, n.end, "TIME", nvalue + value))
                i += 2
                continue
            if nvalue.startswith("T") and _DAY_VALUE.match(value) and _GAP_DATE_TIME.match(gap):
                out.append((m.start, n.end, "TIME", value + nvalue))
                i += 2
                continue
        out.append((m.start, m.end, typ, value))
        i += 1
    return out


def _anaphor_value(placeholder: str, last: str | None, anchor: dt.date) -> str:
    code, step = placeholder[1], int(placeholder[2:])
    base = anchor
    if last is not None:
        if m := re.match(r"(\d{4})-(\d{2})-(\d{2})", last):
            base = dt.date(int(m[1]), int(m[2]), int(m[3]))
        elif code == "Y":
            return f"{int(last[:4]) + step:04d}"
        elif code == "M" and re.match(r"\d{4}-\d{2}$", last):
            y, mo = add_months(int(last[:4]), int(last[5:7]), step)
            return f"{y:04d}-{mo:02d}"
    return shift(base, code, step) or base.isoformat()


def _run(text: str, ctx: Context) -> list[Found]:
    resolved: list[tuple[Match, str, str]] = []
    by_id: dict[int, tuple[str, str]] = {}
    good: list[Match] = []
    for m in scan(text):
        r = resolve(m, ctx)
        if r is not None:
            by_id[id(m)] = r
            good.append(m)
    for m in select(good):
        typ, value = by_id[id(m)]
        resolved.append((m, typ, value))
    found = []
    last: str | None = None  # the last calendar value mentioned, for "that day", "the next day"
    for start, end, typ, value in _merge(text, resolved):
        if value.startswith("T"):  # a bare time of day: on the anchor day
            value = ctx.anchor.isoformat() + value
        if value.startswith("@"):
            value = _anaphor_value(value, last, ctx.anchor)
        if value[:4].isdigit():
            last = value
        rng = value_range(value) if typ in ("DATE", "TIME") else None
        found.append(Found(start, end, text[start:end], typ, value, rng))
    return found


def find(text: str, anchor: dt.date, doc: Doc | None = None) -> list[Found]:
    """Every time expression in ``text``, resolved against ``anchor``.

    With the spaCy ``doc`` of the same text, the tense of each clause decides which way bare
    months, weekdays and seasons point; without it they take the anchor's period.
    """
    return _run(text, _context(text, anchor, doc))


def resolve_expression(
    expression: str, anchor: dt.date, tense: str | None = None
) -> Found | None:
    """Resolve one date expression against an anchor date; None when nothing is recognised.

    ``tense`` ("past", "future" or None) says which way bare months and weekdays point
    ("by December" with "future" is the coming December). The longest expression found in
    the string wins; its offsets are into ``expression``.
    """
    direction = {"past": -1, "future": 1}.get(tense or "", 0)
    found = _run(expression, _context(expression, anchor, None, direction))
    if not found:
        return None
    return max(found, key=lambda f: (f.end - f.start, -f.start))
