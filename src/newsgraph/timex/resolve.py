"""Turning a rule match into a TIMEX3 type and value, resolved against an anchor date.

The tense of the governing clause (``TenseReader``) decides which way a bare month, weekday,
season, quarter or holiday points; explicit words (last, next, this, ago, from now) win.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from newsgraph.timex import calendar as cal
from newsgraph.timex.rules import Match
from newsgraph.timex.tense import PRESENT

Resolved = tuple[str, str]  # (type, value)


def _ws(text: str) -> str:
    """Whitespace runs as single spaces."""
    return " ".join(text.split())


@dataclass
class Context:
    text: str
    anchor: dt.date
    direction_at: Callable[[int, int], int]
    tag_at: Callable[[int], str]  # the spaCy fine tag of the token at a char ("" without a parse)
    counts_plural: Callable[[int], bool]  # the number at a char counts a plural noun ("2000 troops")
    in_name: Callable[[int], bool]  # the char is inside a named ORG/PRODUCT/... entity


_BARE_MONTH_OK = re.compile(
    r"(?:\b(?:in|since|by|until|till|through|during|before|after|from|to|of|on|last|next|this|"
    r"early|late|mid|between|and|or|until|throughout|around|for)\s+(?:the\s+)?(?:month\s+of\s+)?)$",
    re.IGNORECASE,
)


def _num(word: str) -> float | None:
    """A number word or numeral; None when vague (several, a few ...)."""
    lex = cal.lexicon()
    word = _ws(word.strip().lower())
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    if word in lex["numbers"]:
        return float(lex["numbers"][word])
    parts = re.split(r"[\s-]", word)
    if len(parts) == 2 and parts[0] in lex["numbers"] and parts[1] in lex["numbers"]:
        return float(lex["numbers"][parts[0]] + lex["numbers"][parts[1]])
    return None


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _unit_code(unit: str) -> str:
    units = cal.lexicon()["units"]
    u = unit.lower().rstrip(".")
    if u.startswith("centur"):
        return "CE"
    if u.startswith("millenni"):
        return "ML"
    if u.endswith("s") and u[:-1] in units:
        u = u[:-1]
    return str(units.get(u, ""))


def duration_value(n: float | None, code: str) -> str:
    """P3M, PT2H, P10Y (decade), PXY ... from a count and a unit code."""
    if n is None:
        return {"DE": "PXDE", "CE": "PXCE", "H": "PTXH", "MIN": "PTXM", "S": "PTXS", "FN": "PXW",
                "ML": "PXML"}.get(code, f"PX{code}")
    if n == 0.5:
        half = {"H": "PT30M", "D": "PT12H", "Y": "P6M", "DE": "P5Y", "CE": "P50Y", "M": "P2W",
                "MIN": "PT30S", "W": "P3.5D"}
        if code in half:
            return half[code]
    if code == "DE":
        return f"P{_fmt(n * 10)}Y"
    if code == "CE":
        return f"P{_fmt(n * 100)}Y"
    if code == "ML":
        return f"P{_fmt(n * 1000)}Y"
    if code == "FN":
        return f"P{_fmt(n * 2)}W"
    if code in ("H", "S"):
        return f"PT{_fmt(n)}{code}"
    if code == "MIN":
        return f"PT{_fmt(n)}M"
    return f"P{_fmt(n)}{code}"


def shift(anchor: dt.date, code: str, n: int) -> str | None:
    """The value of the unit `code` that is n units from the anchor's (n=0: the anchor's own)."""
    if code == "Y":
        return f"{anchor.year + n:04d}"
    if code == "M":
        y, m = cal.add_months(anchor.year, anchor.month, n)
        return f"{y:04d}-{m:02d}"
    if code in ("W", "WE"):
        week = cal.iso_week(anchor + dt.timedelta(days=7 * n))
        return week + ("-WE" if code == "WE" else "")
    if code == "D":
        return (anchor + dt.timedelta(days=n)).isoformat()
    if code == "Q":
        total = anchor.year * 4 + cal.quarter_of(anchor) - 1 + n
        return f"{total // 4:04d}-Q{total % 4 + 1}"
    if code == "DE":
        return f"{anchor.year // 10 + n:03d}"
    if code == "CE":
        return f"{anchor.year // 100 + n:02d}"
    if code in ("H", "MIN", "S"):
        return anchor.isoformat()
    return None


def _month_num(word: str) -> int:
    return int(cal.lexicon()["months"][word.rstrip(".").lower()])


def _capitalized(ctx: Context, m: Match, group: str) -> bool:
    at = m.groups.get(f"_{group}_at")
    return at is not None and ctx.text[int(at)].isupper()


def _dir(ctx: Context, m: Match) -> int:
    """-1 past, +1 future, 0 present or unknown."""
    d = ctx.direction_at(m.start, m.end)
    return d if d in (-1, 1) else 0


def _weekday_dir(ctx: Context, m: Match) -> int:
    """As _dir, but a present-tense clause (not a reporting verb) points ahead."""
    d = ctx.direction_at(m.start, m.end)
    if d == PRESENT:
        return 1
    return d if d in (-1, 1) else 0


def _rel_step(rel: str | None) -> int | None:
    if rel is None:
        return None
    rel = _ws(rel)
    if rel in ("this", "the current", "current", "the"):
        return 0
    if rel in ("last", "past", "previous", "the previous", "the last"):
        return -1
    if rel in ("next", "coming", "the coming", "the following", "the next"):
        return 1
    return None


def resolve(m: Match, ctx: Context) -> Resolved | None:
    handler = _HANDLERS.get(m.rule)
    if handler is None:
        return None
    try:
        return handler(m, ctx)
    except (ValueError, KeyError, OverflowError, IndexError, TypeError):
        return None


def _iso(m: Match, ctx: Context) -> Resolved | None:
    g = m.groups
    d = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
    if "h" in g:
        return "TIME", f"{d.isoformat()}T{g['h']}:{g['mi']}"
    return "DATE", d.isoformat()


def _numeric(m: Match, ctx: Context) -> Resolved | None:
    g = m.groups
    y = int(g["y"])
    if y < 100:
        y += 2000 if y <= (ctx.anchor.year % 100) + 1 else 1900
    return "DATE", dt.date(y, int(g["m"]), int(g["d"])).isoformat()


def _md(m: Match, ctx: Context) -> Resolved | None:
    g = m.groups
    if not _capitalized(ctx, m, "mon"):
        return None
    month = _month_num(g["mon"])
    day = int(re.sub(r"\D", "", g["d"]))
    if "y" in g:
        return "DATE", dt.date(int(g["y"]), month, day).isoformat()
    year: int | None = None
    if "wd" in g:
        weekday = int(cal.lexicon()["weekdays"][g["wd"]])
        year = cal.weekday_fixes_year(month, day, weekday, ctx.anchor)
    if year is None:
        direction = _dir(ctx, m)
        if direction == 0:
            # nearest of last, this and next year's date
            cands = [dt.date(ctx.anchor.year + k, month, day) for k in (0, -1, 1)]
            year = min(cands, key=lambda d: abs((d - ctx.anchor).days)).year
        else:
            year = cal.pick_year(month, day, ctx.anchor, direction)
    return "DATE", dt.date(year, month, day).isoformat()


def _my(m: Match, ctx: Context) -> Resolved | None:
    if not _capitalized(ctx, m, "mon"):
        return None
    return "DATE", f"{int(m.groups['y']):04d}-{_month_num(m.groups['mon']):02d}"


def _month(m: Match, ctx: Context) -> Resolved | None:
    g = m.groups
    if not _capitalized(ctx, m, "mon"):
        return None
    word = g["mon"].rstrip(".")
    mon_at = int(g["_mon_at"])
    lex = cal.lexicon()
    if word in lex["ambiguous_months"] and "rel" not in g and "mod" not in g:
        before = ctx.text[max(0, mon_at - 30):mon_at]
        if not _BARE_MONTH_OK.search(before):
            return None
        if ctx.tag_at(mon_at) in ("MD", "VB", "VBP", "VBZ", "VBD"):
            return None
    if len(word) <= 4 and word not in ("may", "june", "july") and not g["mon"].endswith("."):
        # a bare abbreviation ("Jan") is more often a name
        return None
    month = _month_num(word)
    rel = g.get("rel")
    a = ctx.anchor
    if rel == "this":
        year = a.year
    elif rel in ("last", "past"):
        year = a.year if month < a.month else a.year - 1
    elif rel in ("next", "coming"):
        year = a.year if month > a.month else a.year + 1
    else:
        year = cal.pick_year(month, None, a, _dir(ctx, m))
    return "DATE", f"{year:04d}-{month:02d}"


_STREET = re.compile(
    r"\s+(?:[A-Z][\w'’-]*\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Drive|Dr|Way"
    r"|Place|Square|Highway|Parkway|Court|Terrace)\b"
)


def _year(m: Match, ctx: Context) -> Resolved | None:
    g = m.groups
    y_at = int(g.get("_y_at") or g["_yy_at"])
    after = ctx.text[m.end:m.end + 20]
    if re.match(r"\s*(?:%|percent|per\s+cent|million|billion|trillion|thousand)", after, re.I):
        return None
    if ctx.counts_plural(y_at):
        return None
    if "yy" in g:
        yy = int(g["yy"])
        return "DATE", f"{20 if yy <= (ctx.anchor.year % 100) + 10 else 19}{g['yy']}"
    if ctx.in_name(y_at):
        return None  # "the Russell 2000 index", "Windows 2000"
    if re.search(r"(?<!\d)\d{3}[-.]$", ctx.text[max(0, y_at - 5):y_at]):
        return None  # the last group of a phone number: "555-2025"
    if _STREET.match(ctx.text, m.end) and not re.search(
        r"\b(?:in|since|by|until|of|from|during)\s+$", ctx.text[max(0, y_at - 8):y_at], re.IGNORECASE
    ):
        return None  # a street number: "2024 Main Street" (but "in 2024 Vessa Street traders ...")
    label = re.search(r"([A-Za-z]+)\.?\s+$", ctx.text[max(0, y_at - 20):y_at])
    if label and label[1][0].isupper() and label[1].lower() in cal.lexicon()["number_labels"]:
        return None  # "Flight 1940", "Route 2024", "No. 1999": a number that labels a thing
    if "fy" in g:
        return "DATE", f"FY{g['y']}"
    return "DATE", g["y"]


def _fy(m: Match, ctx: Context) -> Resolved | None:
    """"FY25": the fiscal year 2025 (a two-digit year up to ten years ahead, else 19xx)."""
    yy = int(m.groups["yy"])
    return "DATE", f"FY{20 if yy <= (ctx.anchor.year % 100) + 10 else 19}{yy:02d}"


def _decade(m: Match, ctx: Context) -> Resolved | None:
    g = m.groups
    if "dec" in g:
        return "DATE", g["dec"][:3]
    if "d2" in g:
        g["dd"] = g["d2"]
    dd = int(g["dd"])
    century = 19 if dd > (ctx.anchor.year % 100) + 10 else 20
    return "DATE", f"{century}{g['dd'][0]}"


def _century(m: Match, ctx: Context) -> Resolved | None:
    word = m.groups["ord"]
    n = cal.lexicon()["ordinals"].get(word)
    if n is None:
        n = int(re.sub(r"\D", "", word))
    if n <= 0:
        return None
    return "DATE", f"{n - 1:02d}"


def _wd(m: Match, ctx: Context) -> Resolved | None:
    g = m.groups
    if not _capitalized(ctx, m, "wd"):
        return None
    weekday = int(cal.lexicon()["weekdays"][g["wd"]])
    rel = g.get("rel")
    if rel in ("past",):
        rel = "last"
    if rel == "coming":
        rel = "next"
    direction = 0 if rel else _weekday_dir(ctx, m)
    d = cal.weekday_date(weekday, ctx.anchor, direction, rel)
    if "pod" in g:
        return "TIME", f"{d.isoformat()}T{cal.lexicon()['parts_of_day'][g['pod']]}"
    return "DATE", d.isoformat()


def _wd_set(m: Match, ctx: Context) -> Resolved | None:
    if not _capitalized(ctx, m, "wd"):
        return None
    return "SET", f"XXXX-WXX-{cal.lexicon()['weekdays'][m.groups['wd']]}"


def _deictic(m: Match, ctx: Context) -> Resolved | None:
    g = m.groups
    word = _ws(g["w"])
    offsets = {"the day before yesterday": -2, "the day after tomorrow": 2}
    n = offsets.get(word, cal.lexicon()["deictic_days"].get(word, 0))
    d = ctx.anchor + dt.timedelta(days=n)
    if "pod" in g:
        return "TIME", f"{d.isoformat()}T{cal.lexicon()['parts_of_day'][g['pod']]}"
    if word == "tonight":
        return "TIME", f"{d.isoformat()}TNI"
    return "DATE", d.isoformat()


def _overnight(m: Match, ctx: Context) -> Resolved | None:
    """"overnight" as an adverb ("prices fell overnight"): the night before the anchor in a
    past clause, the anchor's night otherwise; the adjective ("an overnight stay") is no timex."""
    if ctx.tag_at(m.start) != "RB":
        return None
    day = ctx.anchor - dt.timedelta(days=1) if _dir(ctx, m) < 0 else ctx.anchor
    return "TIME", f"{day.isoformat()}TNI"


def _pod(m: Match, ctx: Context) -> Resolved | None:
    g = m.groups
    n = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[g["rel"]]
    if g["rel"] == "last" and g["pod"] != "night":
        return None
    d = ctx.anchor + dt.timedelta(days=n)
    return "TIME", f"{d.isoformat()}T{cal.lexicon()['parts_of_day'][g['pod']]}"


def _ref(m: Match, ctx: Context) -> Resolved | None:
    word = _ws(m.groups["w"])
    return "DATE", str(cal.lexicon()["refs"][word])


def _relunit(m: Match, ctx: Context) -> Resolved | None:
    g = m.groups
    rel = _ws(g["rel"])
    unit = _ws(g["unit"])
    if rel == "the" and unit == "weekend" and "prefix" not in g:
        back = _dir(ctx, m) < 0 and ctx.anchor.isoweekday() < 6
        return "DATE", shift(ctx.anchor, "WE", -1 if back else 0) or ""
    if rel == "the" and "prefix" not in g and "pre" not in g:
        return None
    code = {"week": "W", "weekend": "WE", "month": "M", "year": "Y", "quarter": "Q",
            "decade": "DE", "century": "CE", "fiscal year": "Y", "financial year": "Y"}[unit]
    if rel in ("the past", "the next", "the coming") and "prefix" not in g and "pre" not in g:
        return "DURATION", duration_value(1, "W" if code == "WE" else code)
    step = _rel_step(rel)
    if step is None:
        return None
    value = shift(ctx.anchor, code, step)
    return ("DATE", value) if value else None


def _ago(m: Match, ctx: Context) -> Resolved | None:
    g = m.groups
    code = _unit_code(g["unit"])
    word = _ws(g["dir"])
    if word in ("earlier", "before", "later"):
        # "two years earlier" is relative to an event, not the anchor: a duration (TimeML;
        # a DATE reading here measurably lowers TempEval-3, MEANTIME codes it as a DATE)
        n = _num(g["num"]) if "num" in g else None
        return "DURATION", duration_value(n, code)
    sign = -1 if word == "ago" else 1
    n = _num(g["num"]) if "num" in g else None
    if n is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    if not float(n).is_integer():
        n = round(n)
    k = int(n) * sign
    if code == "DE":
        return "DATE", f"{ctx.anchor.year + 10 * k:04d}"[:3]
    if code == "FN":
        code, k = "W", 2 * k
    value = shift(ctx.anchor, code, k)
    return ("DATE", value) if value else None


def _quarter(m: Match, ctx: Context) -> Resolved | None:
    g = m.groups
    if "q" in g:
        q = g["q"].upper()
        given = g.get("y") or g.get("y1")
        if given:
            return "DATE", f"{given}-{q}"
        # a bare "Q3" points back or ahead with the tense, as "the third quarter" does
        part, n = q[0], int(q[1])
    else:
        n = int(cal.lexicon()["ordinals"][g["ord"]])
        part = "Q" if g["unit"] == "quarter" else "H"
    count = 4 if part == "Q" else 2
    if n == -1:
        n = count
    if n > count:
        return None
    a = ctx.anchor
    if "y" in g:
        year = int(g["y"])
    elif "rel" in g and g["rel"] != "the":
        year = a.year + {"this": 0, "last": -1, "next": 1}[g["rel"]]
    else:
        current = cal.quarter_of(a) if part == "Q" else (1 if a.month <= 6 else 2)
        direction = _dir(ctx, m)
        year = a.year
        if direction < 0 and n > current:
            year -= 1
        elif direction > 0 and n < current:
            year += 1
    return "DATE", f"{year:04d}-{part}{n}"


def _season(m: Match, ctx: Context) -> Resolved | None:
    g = m.groups
    code = str(cal.lexicon()["seasons"][g["season"]])
    if "y" in g:
        return "DATE", f"{g['y']}-{code}"
    after = ctx.text[m.end:m.end + 24].lower()
    if re.match(r"\s+of\s+(?!(?:this|last|next)\s+year\b)", after):
        return None  # "the fall of Kabul", "the spring of discontent": no season
    a = ctx.anchor
    here_year, here = cal.season_of(a)
    start = int(cal.lexicon()["season_start_month"][code])
    rel = g.get("rel")
    if g["season"] == "fall" and not rel and "mod" not in g:
        before = ctx.text[max(0, m.start - 12):m.start].lower()
        if not re.search(r"\b(?:the|this|last|next|in)\s+$", before) or ctx.tag_at(m.start).startswith("VB"):
            return None
    if rel == "this":
        return "DATE", f"{here_year if code == here else a.year}-{code}"
    if rel in ("last", "past"):
        year = a.year if start < a.month and code != here else a.year - 1
        return "DATE", f"{year}-{code}"
    if rel in ("next", "coming"):
        year = a.year if start > a.month else a.year + 1
        return "DATE", f"{year}-{code}"
    if code == here:
        return "DATE", f"{here_year}-{code}"
    year = cal.pick_year(start, None, a, _dir(ctx, m))
    return "DATE", f"{year}-{code}"


def _holiday(m: Match, ctx: Context) -> Resolved | None:
    g = m.groups
    if not _capitalized(ctx, m, "h"):
        return None
    spec = cal.lexicon()["holidays"][_ws(g["h"]).replace("’", "'")]
    a = ctx.anchor
    if "y" in g:
        return "DATE", cal.holiday_date(spec, int(g["y"])).isoformat()
    this = cal.holiday_date(spec, a.year)
    rel = g.get("rel")
    direction = {"last": -1, "next": 1, "this": 0}.get(rel or "")
    if direction is None:
        direction = _dir(ctx, m)
    if direction < 0 and this > a:
        this = cal.holiday_date(spec, a.year - 1)
    elif direction > 0 and this < a:
        this = cal.holiday_date(spec, a.year + 1)
    return "DATE", this.isoformat()


def _set(m: Match, ctx: Context) -> Resolved | None:
    g = m.groups
    lex = cal.lexicon()
    if "adv" in g:
        return "SET", str(lex["set_adverbs"][g["adv"]])
    unit = g["unit"]
    if unit in lex["weekdays"]:
        return "SET", f"XXXX-WXX-{lex['weekdays'][unit]}"
    if unit == "weekend":
        return "SET", "XXXX-WXX-WE"
    if unit in lex["parts_of_day"]:
        return "SET", f"XXXX-XX-XXT{lex['parts_of_day'][unit]}"
    if unit in lex["seasons"]:
        return "SET", f"XXXX-{lex['seasons'][unit]}"
    code = _unit_code(unit)
    if not code:
        return None
    if "freq" in g:
        return "SET", duration_value(1, code)
    n = _num(g["num"]) if "num" in g else 1.0
    if "other" in g:
        n = (n or 1) * 2
    return "SET", duration_value(n, code)


def _duration(m: Match, ctx: Context) -> Resolved | None:
    g = m.groups
    if "one" in g:  # "a year-long inquiry"
        return "DURATION", duration_value(1, _unit_code(g["one"]))
    code = _unit_code(g["unit"])
    if not code:
        return None
    if "num" not in g:
        return "DURATION", duration_value(None, code)
    word = _ws(g["num"])
    n = _num(word)
    if word in ("a", "an", "one") and g["unit"] in ("second", "quarter") and "rel" not in g:
        return None  # "a second time", "a quarter of"
    if code == "Q" and "adj" not in g and "rel" not in g:
        after = ctx.text[m.end:m.end + 5].lower()
        if after.strip().startswith("of") or (n is not None and n < 1):
            return None  # "three quarters of voters"
    if word in ("some", "more") and "rel" not in g:
        return None
    if word in ("a", "an") and "rel" not in g and code in ("Y", "M", "W", "D", "H"):
        before = ctx.text[max(0, m.start - 25):m.start]
        if re.search(r"(?:\d|\b(?:million|billion|thousand|hundred|percent|units|times|dollars|euros))\s*$",
                     before, re.IGNORECASE):
            return "SET", duration_value(1, code)  # "$300 million a year"
        if (re.search(r"\d[\d,.]*\s+(?:[A-Za-z-]+\s+)?[A-Za-z-]+s\s+$", before)
                and ctx.tag_at(m.start - 2) == "NNS"):
            return "SET", duration_value(1, code)  # "40 flights a day"
    if n is not None and ("half" in g or "half2" in g):
        n += 0.5
    if n is not None and n > 2000 and code == "Y":
        return None
    return "DURATION", duration_value(n, code)


def _anaphor(m: Match, ctx: Context) -> Resolved | None:
    """"that day", "the next day", "the same year": resolved later against the last date
    mentioned before it (placeholder values "@<unit><step>")."""
    g = m.groups
    det = _ws(g["det"])
    step = {"the following": 1, "the next": 1, "after": 1, "the previous": -1,
            "the preceding": -1, "before": -1}.get(det, 0)
    code = {"day": "D", "week": "W", "month": "M", "year": "Y"}[g["unit"]]
    return "DATE", f"@{code}{step:+d}"


def _time(m: Match, ctx: Context) -> Resolved | None:
    g = m.groups
    if "nm" in g:
        return "TIME", {"noon": "T12:00", "midday": "T12:00", "midnight": "T24:00"}[g["nm"]]
    h = int(g["h"]) if g["h"].isdigit() else int(cal.lexicon()["numbers"][g["h"]])
    mi = int(g.get("mi", "0"))
    if "half" in g and g["half"] != "morning" and h < 12:
        h += 12
    if "ampm" in g:
        if h == 0 or h > 12:
            return None
        if g["ampm"].startswith("p") and h != 12:
            h += 12
        elif g["ampm"].startswith("a") and h == 12:
            h = 0
    elif "mi" in g and ":" not in g["_raw"] and "tz" not in g and "hour" not in g["_raw"].lower() and "hrs" not in g["_raw"].lower():
        return None
    zone = "Z" if g.get("tz") in ("gmt", "utc", "z") else ""
    return "TIME", f"T{h:02d}:{mi:02d}{zone}"


_HANDLERS: dict[str, Callable[[Match, Context], Resolved | None]] = {
    "iso": _iso, "numeric": _numeric, "md": _md, "my": _my, "month": _month, "year": _year,
    "fy": _fy, "decade": _decade, "century": _century, "wd": _wd, "wd_set": _wd_set, "deictic": _deictic,
    "overnight": _overnight, "pod": _pod, "ref": _ref, "relunit": _relunit, "ago": _ago, "quarter": _quarter,
    "season": _season, "anaphor": _anaphor, "holiday": _holiday, "set": _set, "duration": _duration, "time": _time,
}
