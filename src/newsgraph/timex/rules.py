"""The TIMEX3 rule set: one readable table of patterns over the text, built from the lexicon.

Each rule is a name, a trigger class and a regular expression whose named groups say what
was read (month, day, year, weekday, unit, number, relative word ...); ``{MON}``-style
fragments are filled from ``data/timex.json``. ``scan`` runs each rule only in windows around
words of its trigger class (month names, weekdays, digits, unit words ...), which keeps a
1,400-word article at a few milliseconds. ``newsgraph.timex`` resolves every match with
:mod:`newsgraph.timex.resolve` (type and value), drops the rejected ones, and keeps the
longest non-overlapping matches (ties go to the rule listed first).
Words that are also ordinary words ("May", "March", "fall", years that are counts) are
checked against their context before they count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from newsgraph.timex.calendar import lexicon


@dataclass
class Match:
    """One rule match: where, which rule, and its named groups (lower-cased)."""

    start: int
    end: int
    rule: str
    rank: int
    groups: dict[str, str] = field(default_factory=dict)


def _alt(words: list[str], abbrev_dot: bool = False) -> str:
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        p = re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]")
        parts.append(p)
    body = "|".join(parts)
    return f"(?:{body})\\.?" if abbrev_dot else f"(?:{body})"


@lru_cache(maxsize=1)
def fragments() -> dict[str, str]:
    lex = lexicon()
    units = (
        r"(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|decades?|"
        r"centur(?:y|ies)|fortnights?|quarters?|millenni(?:um|a))"
    )
    small = [w for w, n in lex["numbers"].items() if isinstance(n, int) and n < 10 and " " not in w]
    tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    compound = f"(?:{'|'.join(tens)})[\\s-](?:{'|'.join(w for w in small if w not in ('a', 'an'))})"
    num = r"(?:\d+(?:\.\d+)?|" + compound + "|" + _alt(list(lex["numbers"]) + lex["vague_numbers"]) + ")"
    full = [max((w for w, n in lex["months"].items() if n == k), key=len) for k in range(1, 13)]
    mods = r"(?:early|mid|late|earlier|later|middle)"
    prefix = (
        r"(?:(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|close|rest|remainder|turn)"
        r"\s+of\s+(?:the\s+)?)"
    )
    return {
        "MON": "(?:" + _alt(full) + "|" + _alt([w for w in lex["months"] if w not in full], abbrev_dot=True)
        + r")(?![a-z])",
        "WD": _alt(list(lex["weekdays"])),
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d%:,]\d|\s*(?:%|percent))",
        "YEAR": r"(?:1[6-9]\d\d|20\d\d)(?![\d%]|[.,]\d)",
        "NUM": num,
        "UNIT": units,
        "POD": _alt(list(lex["parts_of_day"])),
        "SEASON": _alt(list(lex["seasons"])),
        "HOLI": _alt(list(lex["holidays"])),
        "ORD": _alt([w for w in lex["ordinals"] if w not in ("final", "last")]),
        "REF": _alt(list(lex["refs"])),
        "SETADV": _alt(list(lex["set_adverbs"])),
        "MOD": mods,
        "PRE": prefix,
        "TZ": r"(?-i:[ECMP][SD]?T|GMT|UTC|BST|CES?T|JST|IST|AE[SD]T|Z)",
    }


# The rules, in priority order for matches of the same length.
RULES: list[tuple[str, str, str]] = [
    ("iso", "D", r"(?<![\d-])(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<h>[0-2]\d):(?P<mi>[0-5]\d))?(?!\d)"),
    ("numeric", "D", r"(?<![\d/.])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])/(?P<y>\d{4}|\d{2})(?![\d/])"),
    ("md", "MON", r"(?:(?P<wd>{WD})\s*\(\s*(?P<mon>{MON})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?\s*\))"),
    ("md", "MON", r"(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?(?P<mon>{MON})\s+(?P<d>{DAY})(?:(?:\s*,\s*|\s+)(?P<y>{YEAR}))?(?![\d])"),
    ("md", "MON", r"(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?(?P<d>{DAY})(?:\s+of)?\s+(?P<mon>{MON})(?:,?\s+(?P<y>{YEAR}))?"),
    ("my", "MON", r"{PRE}?(?:(?P<mod>{MOD})[\s-]+(?:of\s+)?)?(?P<mon>{MON})(?:\s*,\s*|\s+of\s+|\s+)(?P<y>{YEAR})"),
    ("month", "MON", r"{PRE}?(?:(?P<rel>last|next|this|coming|past)\s+)?(?:(?P<mod>{MOD}(?:\s+(?:to|and)\s+{MOD})?)[\s-]+(?:of\s+)?)?(?P<mon>{MON})"),
    ("year", "D", r"(?<![$€£#\d,.])(?<!No\.\s)(?:{PRE})?(?:(?P<mod>{MOD})[\s-]+(?:in\s+)?)?(?:(?P<fy>fiscal(?:\s+year)?|FY)\s*)?(?P<y>{YEAR})"),
    ("fy", "D", r"(?-i:FY)\s?['’]?(?P<yy>\d\d)(?![\d%,.]\d|\d|\s*(?:%|percent))"),
    ("decade", "D", r"(?:{PRE})?(?:the\s+)?(?:(?P<mod>{MOD})[\s-]+)?(?:(?P<dec>(?:1[5-9]|20)\d0)['’]?s|['’]\s?(?P<dd>\d0)s|(?<=the\s)(?P<d2>[2-9]0)s)(?![a-z])"),
    ("year", "D", r"(?<=[\s(])['’](?P<yy>\d\d)(?![\w%'’.,]\d?)"),
    ("century", "CENT", r"(?:the\s+)?(?P<ord>{ORD}|\d{1,2}(?:st|nd|rd|th))[\s-]+century"),
    ("wd", "WD", r"(?:(?P<mod>early|late)\s+)?(?:(?P<rel>last|next|this|coming|past)\s+)?(?P<wd>{WD})(?!s\b)(?:\s+(?P<pod>{POD}))?"),
    ("wd_set", "WD", r"(?P<wd>{WD})s(?![a-z])"),
    ("deictic", "DEI", r"(?:(?P<pre>earlier|later|late|early)\s+)?(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow)(?:\s+(?P<pod>{POD}))?"),
    ("overnight", "DEI", r"(?P<w>overnight)(?![a-z-])"),
    ("pod", "POD", r"(?:(?P<pre>early|late|earlier|later)\s+)?(?P<rel>this|last|tomorrow|yesterday)\s+(?P<pod>morning|afternoon|evening|night)"),
    ("ref", "REF", r"(?P<w>{REF})"),
    ("relunit", "UNIT", r"(?:(?P<pre>earlier|later|early|late)\s+(?:in\s+)?)?(?P<prefix>{PRE})?(?P<rel>this|last|next|the\s+past|the\s+coming|the\s+current|the\s+last|the\s+next|previous|coming|current|past|the)\s+(?P<unit>week|weekend|month|year|quarter|decade|century|fiscal\s+year|financial\s+year)(?![a-z])"),
    ("anaphor", "UNIT", r"(?P<det>that|the\s+same|the\s+following|the\s+previous|the\s+preceding|the\s+next)\s+(?P<unit>day)(?![a-z])"),
    ("anaphor", "UNIT", r"(?P<det>that|the\s+same|the\s+following|the\s+previous|the\s+preceding)\s+(?P<unit>week|month|year)(?![a-z])"),
    ("anaphor", "UNIT", r"the\s+(?P<unit>day)\s+(?P<det>before|after)(?=\s*[,.;:)]|\s*$)"),
    ("ago", "UNIT", r"(?P<num>{NUM})[\s-]+(?P<unit>{UNIT})\s+(?P<dir>ago|from\s+now|hence|earlier|before|later)"),
    ("ago", "UNIT", r"(?P<unit>years|months|weeks|days|decades)\s+(?P<dir>ago)"),
    ("quarter", "UNIT", r"(?:the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+(?P<unit>quarter|half)(?:\s+of\s+(?:(?P<rel>this|last|next|the)\s+)?(?:(?:fiscal\s+)?(?P<y>{YEAR})|(?:fiscal\s+|financial\s+)?year))?(?![a-z])"),
    ("quarter", "Q", r"(?:(?P<y1>{YEAR})\s+)?(?P<q>(?-i:Q[1-4]|H[12]))(?:\s+(?P<y>{YEAR}))?(?![a-z0-9])"),
    ("season", "SEASON", r"(?:{PRE})?(?:(?P<rel>this|last|next|past|coming)\s+|the\s+)?(?:(?P<mod>{MOD})[\s-]+)?(?P<season>{SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR}))?(?![a-z])"),
    ("holiday", "HOLI", r"(?:(?P<rel>last|next|this)\s+)?(?P<h>{HOLI})(?:\s+(?P<y>{YEAR}))?(?![a-z])"),
    ("set", "SETW", r"(?P<every>every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<num>{NUM})\s+)?(?P<unit>{UNIT}|weekend|{WD}|{POD}|{SEASON})(?![a-z])"),
    ("set", "SETW", r"(?P<freq>once|twice|thrice|(?:{NUM})\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>{UNIT})(?![a-z])"),
    ("set", "SETADV", r"(?P<adv>{SETADV})(?![a-z])"),
    ("set", "UNIT", r"(?P<freq>(?:{NUM})[\s-]+{UNIT})\s+(?:a|an|per)\s+(?P<unit>year|month|week|day|hour)(?![a-z])"),
    ("duration", "UNIT", r"(?:(?P<rel>(?:the\s+)?(?:past|last|next|previous|coming|following|first|final|entire|whole|full)|another|(?:more|less|fewer)\s+than|nearly|almost|about|around|roughly|over|at\s+least|up\s+to)\s+)?(?P<num>{NUM})(?P<half>\s+and\s+(?:a\s+)?half)?[\s-]+(?:(?P<adj>consecutive|straight|successive|long|full|trading|business|calendar|working)\s+)?(?P<unit>{UNIT})(?P<half2>\s+and\s+a\s+half)?(?:[\s-]+(?P<old>long|old))?(?![a-z])"),
    ("duration", "UNIT", r"(?P<pre>recent|over\s+the|the\s+(?:past|last|next|coming))\s+(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries)(?![a-z])"),
    ("duration", "UNIT", r"(?:(?<=\bfor\s)|(?<=\bover\s)|(?<=within\s)|(?<=\bin\s))(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries)(?![a-z])"),
    ("duration", "UNIT", r"(?P<unit>years|months|weeks|days|decades|hours|minutes)(?=\s+(?:later|earlier|before|after|ago)\b)"),
    ("duration", "UNIT", r"(?P<unit>years|months|weeks|days|decades|hours|centuries)-long"),
    ("duration", "UNIT", r"(?:a\s+)?(?P<one>year|month|week|day|decade|century|hour)-long"),
    ("time", "D", r"(?P<h>[01]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\b\.?)(?:\s+(?P<tz>{TZ}))?"),
    ("time", "D", r"(?<![\d:.])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])(?:\s*(?P<tz>{TZ})\b)?"),
    ("time", "D", r"(?<![\d:.,])(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s+(?:(?P<tz>{TZ})|hours|hrs)\b"),
    ("time", "NOON", r"(?P<nm>noon|midnight|midday)"),
    ("time", "CLOCK", r"(?P<h>1[0-2]|[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+o['’]clock(?:\s+in\s+the\s+(?P<half>morning|afternoon|evening))?"),
]


@lru_cache(maxsize=1)
def compiled() -> list[tuple[str, str, int, re.Pattern[str]]]:
    frags = fragments()
    out = []
    for rank, (name, key, pattern) in enumerate(RULES):
        for frag_name, frag in frags.items():
            pattern = pattern.replace("{" + frag_name + "}", frag)
        out.append((name, key, rank, re.compile(r"(?<![\w'’])" + pattern, re.IGNORECASE)))
    return out


@lru_cache(maxsize=1)
def trigger_words() -> dict[str, frozenset[str]]:
    """Which words wake which rules: a rule runs only near a word of its key class."""
    lex = lexicon()
    classes: dict[str, set[str]] = {
        "MON": set(lex["months"]),
        "WD": set(lex["weekdays"]) | {w + "s" for w in lex["weekdays"]},
        "UNIT": {"year", "years", "yr", "yrs", "month", "months", "week", "weeks", "weekend",
                 "weekends", "day", "days", "hour", "hours", "hr", "hrs", "minute", "minutes",
                 "min", "mins", "second", "seconds", "decade", "decades", "century", "centuries",
                 "fortnight", "fortnights", "quarter", "quarters", "half", "millennium", "millennia"},
        "DEI": {"today", "tonight", "yesterday", "tomorrow", "overnight"},
        "POD": {"morning", "afternoon", "evening", "night"},
        "REF": {w for phrase in lex["refs"] for w in phrase.split() if w not in ("the", "in", "at")},
        "SETADV": set(lex["set_adverbs"]),
        "SETW": {"every", "each", "once", "twice", "thrice", "times"},
        "SEASON": set(lex["seasons"]),
        "HOLI": {w for name in lex["holidays"] for w in re.findall(r"[a-z]+", name) if len(w) > 2},
        "NOON": {"noon", "midnight", "midday"},
        "Q": {"q1", "q2", "q3", "q4", "h1", "h2"},
        "CENT": {"century", "centuries"},
        "CLOCK": {"o", "clock"},
    }
    by_word: dict[str, set[str]] = {}
    for key, words in classes.items():
        for w in words:
            by_word.setdefault(w, set()).add(key)
    return {w: frozenset(keys) for w, keys in by_word.items()}


_WORD = re.compile(r"\w+")
_FY = re.compile(r"FY\d\d$")
_PAD_LEFT, _PAD_RIGHT = 70, 45


def windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each key class, the merged stretches of text around its trigger words."""
    triggers = trigger_words()
    spots: dict[str, list[tuple[int, int]]] = {}
    for m in _WORD.finditer(text):
        word = m.group(0)
        keys = triggers.get(word.lower())
        if word[0].isdigit() or _FY.match(word):
            keys = (keys or frozenset()) | {"D"}
        if not keys:
            continue
        lo, hi = max(0, m.start() - _PAD_LEFT), min(len(text), m.end() + _PAD_RIGHT)
        for key in keys:
            spans = spots.setdefault(key, [])
            if spans and lo <= spans[-1][1]:
                spans[-1] = (spans[-1][0], hi)
            else:
                spans.append((lo, hi))
    return spots


_WORD_END = re.compile(r"\w")


def scan(text: str) -> list[Match]:
    """Every rule match over the text (each rule only near its trigger words)."""
    found: list[Match] = []
    seen: set[tuple[int, int, int]] = set()
    spots = windows(text)
    for name, key, rank, pattern in compiled():
        for lo, hi in spots.get(key, ()):
            for m in pattern.finditer(text, lo, hi):
                start, end = m.span()
                if start == end or (start, end, rank) in seen:
                    continue
                # a match must end at a word boundary
                if end < len(text) and _WORD_END.match(text[end - 1]) and _WORD_END.match(text[end]):
                    continue
                seen.add((start, end, rank))
                groups = {k: v.lower() for k, v in m.groupdict().items() if v is not None}
                groups["_raw"] = m.group(0)
                for k, v in m.groupdict().items():
                    if v is not None:
                        groups["_" + k + "_at"] = str(m.start(k))
                found.append(Match(start, end, name, rank, groups))
    return found


def select(matches: list[Match]) -> list[Match]:
    """The longest non-overlapping matches; ties go to the earlier rule."""
    chosen: list[Match] = []
    taken: list[tuple[int, int]] = []
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.rank, m.start)):
        if any(m.start < e and s < m.end for s, e in taken):
            continue
        chosen.append(m)
        taken.append((m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)
