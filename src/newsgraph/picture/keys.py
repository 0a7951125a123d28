"""Keys that let the picture compare items of different articles: entity keys (KB id, else
a normalized name), place keys (a country and its demonym meet: "Calvandia" / "Calvandian"),
measure classes (what a figure counts, from a lemma lexicon in ``data/picture.json``), and
TIMEX3 values as day ranges."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Any

_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)
_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files("newsgraph.data").joinpath("picture.json").read_text("utf-8"))
    classes: dict[str, str] = {}
    for klass, words in data["measure_classes"].items():
        for w in words:
            classes[w] = klass
    data["class_of"] = classes
    data["denial_cues"] = frozenset(data["denial_cues"])
    data["denial_words"] = frozenset(data["denial_words"])
    return data


def fold(text: str) -> str:
    """Case-folded, accents removed, runs of space collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().replace("’", "'").split())


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def singular(word: str) -> str:
    """A cheap noun lemma (troops -> troop, casualties -> casualty, men -> man)."""
    if word.endswith("men") and len(word) > 4:
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")) and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def word_class(word: str) -> str:
    """The measure class of one word (a lexicon class, else its lemma)."""
    lex = lexicon()["class_of"]
    w = word.casefold()
    return str(lex.get(w) or lex.get(singular(w)) or singular(w))


def measure_class(measure: str | None) -> str | None:
    """What a figure counts: the class of the head (last) word of its measure."""
    ws = words(measure or "")
    return word_class(ws[-1]) if ws else None


def place_key(name: str) -> str:
    """A name with a demonym or country ending taken off, so a country and its people meet."""
    w = fold(name)
    for suffix in lexicon()["demonym_suffixes"]:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def entity_key(entity: dict[str, Any] | Any) -> str:
    """The key of a place or group for claim series: ISO code when the KB gives one, else
    the place key of its name."""
    get = entity.get if isinstance(entity, dict) else (lambda k: getattr(entity, k, None))
    kb = get("kb")
    iso = (kb.get("iso") if isinstance(kb, dict) else getattr(kb, "iso", None)) if kb else None
    if iso:
        return f"iso:{iso}"
    return f"name:{place_key(str(get('name')))}"


def actor_key(entity: Any, fallback: str) -> str:
    """The key of an event participant: its country for a country, its people or its capital
    standing for its government (``iso:KP`` for "North Korea", "North Korean", "Pyongyang"),
    else ``fallback`` (the store entity id)."""
    kb = getattr(entity, "kb", None)
    if entity.type in ("GPE", "NORP") and kb is not None and kb.iso and not kb.geonames:
        return f"iso:{kb.iso}"
    from newsgraph.kb.lookup import lookup

    match = lookup(entity.name) if entity.type in ("GPE", "NORP", "LOC") else None
    if match is not None and match.kind in ("country", "capital", "demonym") and match.entry.iso:
        return f"iso:{match.entry.iso}"
    return fallback


@lru_cache(maxsize=8192)
def day_range(value: str | None) -> tuple[str, str] | None:
    """The calendar days a TIMEX3 date value covers, as ISO strings (None when not a date)."""
    if not value:
        return None
    m = _DAY.match(value)
    if m:
        y = int(m.group(1))
        if m.group(3):
            return (value, value)
        if m.group(2):
            mo = int(m.group(2))
            if not 1 <= mo <= 12:
                return None
            last = calendar.monthrange(y, mo)[1]
            return (f"{y:04d}-{mo:02d}-01", f"{y:04d}-{mo:02d}-{last:02d}")
        return (f"{y:04d}-01-01", f"{y:04d}-12-31")
    m = _WEEK.match(value)
    if m:
        try:
            monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None
        return (monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat())
    if len(value) > 10 and _DAY.match(value[:10]):
        return (value[:10], value[:10])
    return None


def shift_day(day: str, days: int) -> str:
    """An ISO day moved by ``days``."""
    return (dt.date.fromisoformat(day[:10]) + dt.timedelta(days=days)).isoformat()


def overlaps(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    """Two day ranges share a day (an unknown range overlaps everything)."""
    if a is None or b is None:
        return True
    return a[0] <= b[1] and b[0] <= a[1]
