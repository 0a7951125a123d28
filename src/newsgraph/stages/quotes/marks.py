"""Quote marks and sentences, on characters alone (no parse).

:func:`marked_spans` pairs the quotation marks of each paragraph: curly (“ ” „ « »), straight
(") by context. A paragraph that ends inside an open quote continues into the next one when
that paragraph opens with a quote mark (the newspaper convention for long quotes); any other
unpaired mark is skipped with a warning, never the document (an unclosed paragraph that
ends with an attribution lost its closing mark: the next paragraph does not continue it).
Single marks (‘ ’) nested in double-quoted text stay part of it; in a paragraph with no
double marks, ‘...,’ pairs serve as the quote marks (British style).

:func:`sentences` splits paragraphs into sentences with quoted text treated as opaque: a
terminal mark inside a quote ends the sentence only when the quote closes and a capital or
a new quote follows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

OPENERS = "“„«‟"
CLOSERS = "”»"
STRAIGHT = '"'
_MARK = re.compile("[" + re.escape(OPENERS + CLOSERS + STRAIGHT) + "]")
_LAST_WORD = re.compile(r"([A-Za-z.]+)$")
_OPEN_BEFORE = set(" \t\n([{—–-/:")
_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "sen",
    "rep", "gov", "st", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "rev", "maj",
    "pres", "supt", "insp", "det", "mt", "ft", "approx", "est", "dept", "univ",
}
_BOUNDARY = re.compile(r"[.!?…]+[\"”’»)\]]*(?=\s+[\"“‘«(\[A-Z0-9])|[.!?…]+[\"”’»)\]]*\s*$")


@dataclass(frozen=True)
class Marked:
    """A quoted stretch: ``open``/``close`` are the positions of its marks (``close`` may be
    None for a piece cut at a paragraph end), ``start``/``end`` the quoted text inside them."""

    open: int
    close: int
    start: int
    end: int
    paragraph: int
    pieces: int  # paragraphs it spans
    comma: bool  # a comma sat just inside (or just after) the closing mark


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    start: int
    end: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: text between blank lines, trimmed."""
    out = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _straight_role(text: str, i: int, lo: int, hi: int, inside: bool) -> str:
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    opener = before in _OPEN_BEFORE and not after.isspace()
    closer = not before.isspace() and (after.isspace() or after in ".,;:!?)]—–-'’")
    if opener and not closer:
        return "open"
    if closer and not opener:
        return "close"
    return "close" if inside else "open"


def marked_spans(
    text: str, paras: list[tuple[int, int]],
    attributed_tail: Callable[[int, int], bool] | None = None,
) -> tuple[list[Marked], list[Problem]]:
    """Pair the marks. ``attributed_tail(open, paragraph_end)`` says whether an unclosed
    quote's paragraph ends with an attribution (then a closing mark is missing and the next
    paragraph does not continue it)."""
    found: list[Marked] = []
    problems: list[Problem] = []
    carry: tuple[int, int, int] | None = None  # (open mark, first paragraph, pieces)
    for pi, (lo, hi) in enumerate(paras):
        open_at: int | None = None
        pieces = 1
        first_para = pi
        if carry is not None:
            continues = text[lo] in OPENERS or text[lo] == STRAIGHT
            if continues and attributed_tail is not None and attributed_tail(carry[0], paras[pi - 1][1]):
                continues = False
            if continues:
                open_at, first_para, pieces = carry[0], carry[1], carry[2] + 1
                scan_from = lo + 1
            else:
                problems.append(Problem(
                    "unbalanced_quote", "a quote mark opens but never closes; quote skipped",
                    carry[0], paras[pi - 1][1]))
                scan_from = lo
            carry = None
        else:
            scan_from = lo
        for found_mark in _MARK.finditer(text, scan_from, hi):
            i = found_mark.start()
            ch = text[i]
            if ch in OPENERS:
                role = "open"
            elif ch in CLOSERS:
                role = "close"
            else:
                role = _straight_role(text, i, lo, hi, open_at is not None)
            if role == "open":
                if open_at is not None:
                    problems.append(Problem(
                        "unbalanced_quote", "a quote mark opens inside an open quote; the first is skipped",
                        open_at, i))
                open_at = i
                pieces = 1
                first_para = pi
            elif open_at is None:
                problems.append(Problem(
                    "unbalanced_quote", "a closing quote mark with no opening one; skipped", i, i + 1))
            else:
                found.append(_make(text, open_at, i, first_para, pieces))
                open_at = None
        if open_at is not None:
            carry = (open_at, first_para, pieces)
        elif carry is None:
            # single marks outside the paragraph's double-quoted stretches
            doubles = [(m.open, m.close) for m in found if m.close >= lo and m.open < hi]
            found.extend(q for q in _single_marked(text, lo, hi, pi)
                         if not any(a <= q.open <= b or a <= q.close <= b for a, b in doubles))
    if carry is not None:
        problems.append(Problem(
            "unbalanced_quote", "a quote mark opens but never closes; quote skipped",
            carry[0], paras[-1][1]))
    return sorted((m for m in found if m.end > m.start), key=lambda m: m.open), problems


def _single_marked(text: str, lo: int, hi: int, para: int) -> list[Marked]:
    """Single marks as quote marks outside double-quoted text: curly (‘ ’, British style) or
    straight ('). One opens a word; it is closed by the first matching mark that follows
    sentence punctuation (‘We will stay,’ she said), or, for a short phrase, one that ends a
    word and is followed by a space or punctuation ('short-sighted'). Apostrophes (’s, n’t,
    can't) never close one, nor a plural possessive ("the workers' union")."""
    out = []
    for opener, closer in (("‘", "’"), ("'", "'")):
        i = text.find(opener, lo, hi)
        while i >= 0:
            j = _single_close(text, i, hi, opener, closer) \
                if (i == lo or text[i - 1] in _OPEN_BEFORE) and i + 1 < hi and text[i + 1].isalnum() else -1
            if j > i:
                out.append(_make(text, i, j, para, 1))
                i = text.find(opener, j + 1, hi)
                continue
            i = text.find(opener, i + 1, hi)
    return sorted(out, key=lambda m: m.open)


def _single_close(text: str, i: int, hi: int, opener: str, closer: str) -> int:
    j = text.find(closer, i + 1, hi)
    possessive = -1  # "the workers' union" -- unless no other mark closes ('reckless' and ...)
    while j >= 0:
        nxt = text[j + 1] if j + 1 < hi else " "
        prev = text[j - 1]
        ends = nxt.isspace() or nxt in ",.;:!?)—–"
        if prev in ",.!?…" and ends:
            return j
        if opener != closer and text.find(opener, i + 1, j) >= 0:
            return -1
        if ends and prev.isalnum() and len(text[i + 1:j].split()) <= 6 and "\n" not in text[i:j]:
            if not (prev in "sS" and nxt.isspace() and j + 2 < hi and text[j + 2].islower()):
                return j  # a short quoted phrase: 'short-sighted', ‘a clear mandate’
            if possessive < 0:
                possessive = j
        j = text.find(closer, j + 1, hi)
    return possessive


def _make(text: str, open_at: int, close_at: int, para: int, pieces: int) -> Marked:
    s, e = open_at + 1, close_at
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    comma = False
    while e > s and text[e - 1] in ",;":
        e -= 1
        comma = True
    if close_at + 1 < len(text) and text[close_at + 1] == ",":
        comma = True
    return Marked(open_at, close_at, s, e, para, pieces, comma)


def sentences(
    text: str, paras: list[tuple[int, int]], marked: list[Marked], skip: tuple[int, int] | None = None,
) -> list[tuple[int, int]]:
    """Sentence spans; quoted stretches are opaque except for their final character. ``skip``
    (a dateline) is left out of the sentence it opens."""
    masked = list(text)
    for m in marked:
        for i in range(m.open + 1, m.close - 1):
            if masked[i] in ".!?…":
                masked[i] = "x"
    flat = "".join(masked)
    out: list[tuple[int, int]] = []
    for lo, hi in paras:
        start = lo
        if skip is not None and lo <= skip[0] < hi and skip[1] <= hi:
            start = skip[1]
            while start < hi and (flat[start].isspace() or flat[start] in "—–-:"):
                start += 1
        for b in _BOUNDARY.finditer(flat, lo, hi):
            if b.start() < start:
                continue
            if flat[b.start()] == "." and _abbreviation(flat, start, b.start()):
                continue
            end = b.end()
            while end > start and flat[end - 1].isspace():
                end -= 1
            out.append((start, end))
            start = b.end()
            while start < hi and flat[start].isspace():
                start += 1
        if start < hi:
            out.append((start, hi))
    return out


def _abbreviation(text: str, lo: int, dot: int) -> bool:
    lo = max(lo, dot - 24)
    m = _LAST_WORD.search(text, lo, dot)
    if not m:
        return False
    word = m.group(1)
    if word.lower().strip(".") in _ABBREV:
        return True
    if re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", word):
        return True  # dotted acronyms: "U.S", "U.N"
    if re.fullmatch(r"[A-Z]", word):
        # an initial follows a capitalised name ("John F. Kennedy"), not "on X."
        before = text[lo:dot - 1].rstrip().split()
        return not before or before[-1][:1].isupper()
    return False
