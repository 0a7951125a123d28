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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.timex.calendar import add_months, lexicon, value_range
from newsgraph.timex.resolve import Context, resolve, shift
from newsgraph.timex.rules import Match, scan, select
from newsgraph.timex.tense import TenseReader

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Found", "find", "resolve_expression"]


def _ws(text: str) -> str:
    """Whitespace runs as single spaces."""
    return " ".join(text.split())


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
_GAP_TIME_DATE = re.compile(r"^(?:\s+\(?local\s+time\)?)?(?:\s*,)?\s+(?:on\s+|of\s+)?$|^\s*,\s*$", re.IGNORECASE)
_POD_OF = re.compile(r"\bthe\s+(morning|afternoon|evening|night)\s+of\s+$", re.IGNORECASE)
# a sentence ends between two offsets: a full stop (not an abbreviation's) before a capital
_SENTENCE_END = re.compile(r"(?<![A-Z]\.[A-Z])(?<!\b[ap]\.m)[.!?][\"'”’)]*\s+[\"“]?[A-Z]|\n")
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


def _anaphor_value(placeholder: str, last: str | None, last_day: str | None, anchor: dt.date) -> str:
    """"that day" / "the next day" from the last day mentioned; "that year" from the last
    year-bearing value; the anchor when nothing came before."""
    code, step = placeholder[1], int(placeholder[2:])
    if code == "Y" and last is not None:
        return f"{int(last[:4]) + step:04d}"
    if code == "M" and last is not None and re.match(r"\d{4}-\d{2}$", last):
        y, mo = add_months(int(last[:4]), int(last[5:7]), step)
        return f"{y:04d}-{mo:02d}"
    base = dt.date.fromisoformat(last_day[:10]) if last_day else anchor
    return shift(base, code, step) or base.isoformat()


def _run(text: str, ctx: Context, entities: Sequence[tuple[int, int]] = ()) -> list[Found]:
    resolved: list[tuple[Match, str, str]] = []
    by_id: dict[int, tuple[str, str]] = {}
    good: list[Match] = []
    for m in scan(text):
        r = resolve(m, ctx)
        if r is not None:
            by_id[id(m)] = r
            good.append(m)
    chosen = select(good)
    # spaCy DATE/TIME entities the rules left alone: bare anaphoric units ("the day")
    anaphors = lexicon()["entity_anaphors"]
    for start, end in entities:
        key = _ws(text[start:end].lower())
        before = text[max(0, start - 8):start].lower()
        if re.search(r"\b(?:during|all|per|each|every|a)\s+$", before):
            continue  # "during the day" is a part of day, not a date
        if key in anaphors and not any(m.start < end and start < m.end for m in chosen):
            m = Match(start, end, "entity", len(chosen), {})
            by_id[id(m)] = ("DATE", str(anaphors[key]))
            chosen.append(m)
    for m in sorted(chosen, key=lambda m: m.start):
        typ, value = by_id[id(m)]
        resolved.append((m, typ, value))
    found = []
    last: str | None = None  # the last calendar value mentioned, for "that year"
    last_day: str | None = None  # the last day mentioned, for "that day", "the next day"
    last_day_end = -1
    for start, end, typ, value in _merge(text, resolved):
        if value.startswith("T"):
            # a bare time of day: on the day named before it in the same sentence ("on
            # Saturday the storm made landfall at 11 p.m."), else on the anchor day
            same = last_day is not None and not _SENTENCE_END.search(text, last_day_end, start)
            value = (last_day[:10] if same and last_day else ctx.anchor.isoformat()) + value
        if value.startswith("@"):
            value = _anaphor_value(value, last, last_day, ctx.anchor)
        pod = _POD_OF.search(text, max(0, start - 24), start)
        if pod and typ == "DATE" and _DAY_VALUE.match(value):
            # "the evening of March 2": that day's part of day
            start, typ = pod.start(), "TIME"
            value = f"{value}T{lexicon()['parts_of_day'][pod[1].lower()]}"
        if re.match(r"\d{4}", value):
            last = value
            if _DAY_VALUE.match(value[:10]):
                last_day, last_day_end = value, end
        rng = value_range(value) if typ in ("DATE", "TIME") else None
        found.append(Found(start, end, text[start:end], typ, value, rng))
    return _order_weekday_pairs(text, ctx.anchor, found)


_WEEKDAY_WORDS = frozenset(lexicon()["weekdays"])
_PAIR_GAP = re.compile(r"^\s*(?:to|through|until|till|and|-|–)\s*$", re.IGNORECASE)
_PAIR_START = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)


def _weekday_day(f: Found) -> dt.date | None:
    if f.type != "DATE" or not _DAY_VALUE.match(f.value) or f.text.lower() not in _WEEKDAY_WORDS:
        return None
    return dt.date.fromisoformat(f.value)


def _order_weekday_pairs(text: str, anchor: dt.date, found: list[Found]) -> list[Found]:
    """"from Monday to Thursday": the second day never falls before the first. Each weekday
    was placed on its own; when they cross, the one on the far side of the anchor moves a
    week (a past span ends on or before the anchor, a future one starts on or after it)."""
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        first, second = _weekday_day(a), _weekday_day(b)
        if first is None or second is None or second >= first:
            continue
        if not _PAIR_GAP.match(text[a.end:b.start]) or not _PAIR_START.search(text[max(0, a.start - 12):a.start]):
            continue
        week = dt.timedelta(days=7)
        if second <= anchor:  # a past span: the first day is a week earlier
            first -= week
            out[i] = Found(a.start, a.end, a.text, a.type, first.isoformat(), (first, first))
        else:
            second += week
            out[i + 1] = Found(b.start, b.end, b.text, b.type, second.isoformat(), (second, second))
    return out


def find(text: str, anchor: dt.date, doc: Doc | None = None) -> list[Found]:
    """Every time expression in ``text``, resolved against ``anchor``.

    With the spaCy ``doc`` of the same text, the tense of each clause decides which way bare
    months, weekdays and seasons point; without it they take the anchor's period.
    """
    ents = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")] if doc else []
    return _run(text, _context(text, anchor, doc), ents)


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
