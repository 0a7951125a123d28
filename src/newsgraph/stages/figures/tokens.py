"""Token patterns and the Number record shared by the figure scanner and its exclusion
rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsgraph.stages.figures.lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token


_DIGITS = re.compile(
    r"^(?P<cur>[A-Z]{0,3}\$|[£€¥₹₽₴₩₪₦₺])?(?P<num>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)"
    r"(?P<suf>[A-Za-z%°]+(?:/[a-z]+)?)?$"
)
_RATE = re.compile(r"^[$£€]?\d[\d,.]*\s+(a|an|per|each|every)\s+\w+$", re.IGNORECASE)
_HAS_DIGIT = re.compile(r"\d")
_PHONE = re.compile(r"(?<!\d)(?:\+?\d{1,3}[\s.-])?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}(?!\d)|(?<![\d,.])\d{3}-\d{4}(?![\d-])")
# international and toll-free numbers: "0800 555 2140", "+44 20 7946 0018", "1800-233-4410"
_PHONE_GROUPS = re.compile(r"(?<![\w,.+])(?:\+\d{1,3}[ .-]?)?\(?\d{2,5}\)?(?:[ .-]\d{2,5}){2,}(?!\w|[.,]\d)")


def phone_like(text: str) -> bool:
    """Three or more digit groups read as a telephone number: four or more groups, or three with
    a leading 0 or +, or three joined by hyphens or dots (never '1 250 000', a spaced thousand)."""
    groups = re.findall(r"\d+", text)
    if len(groups) >= 4 or text.lstrip("(").startswith(("0", "+")):
        return True
    return len(groups) == 3 and not re.search(r"\d \d", text)


_MONTHS = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tomorrow", "tonight"]
)
_NAME_ENTS = frozenset({"ORG", "PRODUCT", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PERSON", "GPE", "LOC", "NORP", "LANGUAGE"})
_PHONE_WORDS = frozenset(["on", "call", "dial", "hotline", "line", "number", "phone", "tel", "tel.", "fax", "ring", "text", "sms"])
_QUANTITY_ADJS = frozenset(
    ["additional", "extra", "further", "estimated", "approximate", "only", "just", "mere", "whole", "full", "entire", "total", "many", "few", "several", "other", "another", "last", "first", "next", "final", "same", "record", "reported"]
)
_HYPHENS = frozenset({"-", "–", "—"})
_FUNCTION_WORDS = frozenset(
    ["for", "of", "to", "in", "on", "at", "by", "with", "from", "and", "or", "the", "a", "an", "as", "than", "about", "over", "under", "into", "onto", "per"]
)


@dataclass
class Number:
    """A number expression found in the text (token indices, end exclusive)."""

    start: int  # first token of the figure (with qualifier, currency)
    end: int
    core_start: int  # the number itself
    core_end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    unit: str | None = None
    increment: bool = False
    estimate: bool = False
    fraction: bool = False
    vague: bool = False
    words: bool = False  # written in words
    notes: list[str] = field(default_factory=list)


def _low(tok: Token) -> str:
    return tok.lower_


def _is_year_like(text: str) -> bool:
    return bool(re.fullmatch(r"1[5-9]\d\d|20\d\d|21\d\d", text))


def _dateish_ent(ent_text: str) -> bool:
    words = re.findall(r"[a-z]+", ent_text.lower())
    lex = lexicon()
    return (
        any(w in _MONTHS or w in lex.time_nouns for w in words)
        or bool(re.search(r"\b(1[5-9]\d\d|20\d\d)s?\b|\d(st|nd|rd|th)\b|\d:\d|\d\s*[ap]\.?m\b", ent_text.lower()))
        or "old" in words
    )
