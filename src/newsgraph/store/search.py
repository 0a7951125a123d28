"""Full-text search: one tokenizer for both databases, and a query language that never fails.

Documents are indexed as their *search body*: the lower-cased runs of letters and decimal
digits of the text, joined by single spaces. SQLite's ``unicode61`` tokenizer and
PostgreSQL's ``simple`` configuration both split that body into exactly those tokens, so the
two databases match the same documents.

A user's query is read, never passed through: words are AND-ed; ``"a phrase"`` matches
adjacent words; ``word*`` matches a prefix; ``-word`` or ``NOT word`` excludes; ``a OR b``
matches either. Anything else (``NEAR(``, ``^``, ``:``, unbalanced quotes, ``AND``,
brackets) is punctuation and only separates words. The parsed query is rendered as an FTS5
expression or a ``tsquery`` built from quoted tokens only, so no input can raise a syntax
error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_RUN = re.compile(r"[^\W_]+")
_QUERY_PART = re.compile(r'"([^"]*)"?|(\S+)')


def tokens(text: str) -> list[str]:
    """Case-folded runs of letters (L*) and decimal digits (Nd) of ``text``."""
    out: list[str] = []
    for run in _RUN.findall(text.casefold().lower()):
        if run.isascii():
            out.append(run)
            continue
        # \w also accepts other numbers and marks (², Ⅻ); split on anything not L* or Nd
        word = ""
        for ch in run:
            if ch.isalpha() or ch.isdecimal():
                word += ch
            elif word:
                out.append(word)
                word = ""
        if word:
            out.append(word)
    return out


def search_body(text: str) -> str:
    """What is indexed for ``text``: its tokens joined by spaces."""
    return " ".join(tokens(text))


@dataclass(frozen=True)
class Term:
    """Adjacent tokens (one word or a phrase); ``prefix`` makes the last one a prefix."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass
class Query:
    """Groups are AND-ed; the terms of a group are OR-ed; ``exclude`` terms must not match."""

    groups: list[list[Term]] = field(default_factory=list)
    exclude: list[Term] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.groups

    def words(self) -> list[str]:
        return [w for group in self.groups for term in group for w in term.words]


def parse(raw: str) -> Query:
    """Read a user's query; what cannot be understood only separates words."""
    query = Query()
    negate = False
    join_or = False
    for match in _QUERY_PART.finditer(raw):
        phrase, word = match.group(1), match.group(2)
        prefix = False
        if phrase is not None:
            words = tokens(phrase)
        else:
            if word in ("OR", "|"):
                join_or = bool(query.groups)
                continue
            if word in ("AND", "&", "+"):
                continue
            if word == "NOT":
                negate = True
                continue
            if word[:5].upper() == "NEAR(":  # FTS5's NEAR(a b, 3): keep the words
                word = word[5:]
            if word.startswith("-") and len(word) > 1:
                negate = True
                word = word.lstrip("-")
            prefix = word.endswith("*") and bool(tokens(word))
            words = tokens(word)
        if not words:
            negate = join_or = False
            continue
        term = Term(tuple(words), prefix)
        if negate:
            query.exclude.append(term)
        elif join_or:
            query.groups[-1].append(term)
        else:
            query.groups.append([term])
        negate = join_or = False
    return query


def _fts5_term(term: Term) -> str:
    return '"' + " ".join(term.words) + '"' + ("*" if term.prefix else "")


def to_fts5(query: Query) -> str:
    """An FTS5 MATCH expression (only quoted tokens and AND/OR/NOT)."""
    groups = ["(" + " OR ".join(_fts5_term(t) for t in group) + ")" for group in query.groups]
    expr = " AND ".join(groups)
    if query.exclude:
        expr = f"({expr}) NOT (" + " OR ".join(_fts5_term(t) for t in query.exclude) + ")"
    return expr


def _ts_term(term: Term) -> str:
    parts = [f"'{w}'" for w in term.words]
    if term.prefix:
        parts[-1] += ":*"
    return "(" + " <-> ".join(parts) + ")"


def to_tsquery(query: Query) -> str:
    """A ``to_tsquery('simple', ...)`` expression (only quoted tokens and & | ! <->)."""
    groups = ["(" + " | ".join(_ts_term(t) for t in group) + ")" for group in query.groups]
    expr = " & ".join(groups)
    if query.exclude:
        expr = f"({expr}) & !(" + " | ".join(_ts_term(t) for t in query.exclude) + ")"
    return expr


def snippet(text: str, query: Query, width: int = 160) -> str:
    """A window of ``text`` around the first query word found (or its start)."""
    lower = text.lower()
    at = -1
    for word in query.words():
        found = lower.find(word)
        if found >= 0 and (at < 0 or found < at):
            at = found
    start = 0 if at < 0 or len(text) <= width else max(0, at - width // 3)
    end = min(len(text), start + width)
    out = text[start:end].replace("\n", " ")
    return ("…" if start > 0 else "") + out + ("…" if end < len(text) else "")
