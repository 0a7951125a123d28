"""The quotes stage: direct, partial and indirect quotes, each with its speaker and cue.

What it finds
    * direct quotes in straight or curly marks, also over several paragraphs (a paragraph
      that ends inside a quote continues when the next opens with a quote mark), with single
      marks nested inside, or in single marks where a paragraph has no double ones; an
      unpaired mark is skipped with an ``unbalanced_quote`` warning, never the document;
    * partial quotes: a quoted phrase inside reported speech ("said the delay was "a
      convenient excuse""); a quoted term with no reporting clause around it (a scare
      quote) is not a quote at all;
    * indirect quotes: "X said/revealed/suggested (that) ...", "X told reporters ...",
      "according to X, ...", "officials predict that ...": ``start``/``end`` are the
      reported content.

Speakers: "...," X said / X said, "..." / "...," said X / X said: "..." / "...," according
to X / a headline's 'X: "..."'; else the named
subject of the sentence before or after, or the speaker of the quote it continues;
pronouns go to the last person (or organisation) named outside quotes; documents ("the
statement read", "said a statement on the agency's website") to whoever released them.
``speaker`` is an entity id of ``record.entities`` when a mention covers the speaker, else
None (an unnamed "health spokesman" stays as ``speaker_text``). ``speaker_span`` points at
the words that name the speaker; for a pronoun or a document that is the antecedent. A
nominal speaker keeps its own words while ``speaker`` links the entity it refers to: "the
spokeswoman" / "the head of quality" -> the last person given that role (entities' roles, a
title, an apposition: "Jane Roe, a spokeswoman for X," / "A spokeswoman for X, Jane Roe,");
"the ministry" -> the last organisation with that word in its name; "the carmaker" / "the
operator" -> the organisation called so ("The port operator, X,"), else the last company
named (no ministry, police, union ...); a headline's 'Minister: "..."' -> the first person
the story calls so. With no entity behind the antecedent, its name is the speaker text.

For other stages (figures, events) -- both run after this stage:

    from newsgraph.stages.quotes import quote_at, reporting_clause
    quote_at(record, offset) -> Quote | None
        the quote covering a character offset (direct/partial first, then indirect), so
        ``.speaker``/``.speaker_text``/``.speaker_span`` say who says it.
    reporting_clause(work, offset) -> Attribution | None   (reporting_clause_in(record, doc, offset))
        the reporting clause (speaker + cue) of the sentence holding ``offset``: the clause
        whose reported content holds it, else the cue verb whose phrase holds it, else the
        sentence's first reporting clause. Works for sentences with no quote at all
        ("..., according to the ministry"). Uses the analysis this stage left in
        ``work.notes["quotes.analysis"]`` (a ``finder.Analysis``), or builds it.

Notes keys set: ``quotes.analysis`` (the Analysis: paragraphs, sentences, marks, clauses).
Lexicon: ``newsgraph/data/reporting_verbs.json`` (lemma-level, loaded once per process).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.record import ArticleRecord, Quote, Span, item_id
from newsgraph.stages.quotes.finder import Analysis, analyze

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsgraph.pipeline import Work

NOTES_KEY = "quotes.analysis"


@dataclass(frozen=True)
class Attribution:
    """Who says what a sentence reports, and the cue that says so."""

    speaker: str | None  # entity id
    speaker_text: str | None
    speaker_span: tuple[int, int] | None
    cue: str | None
    cue_span: tuple[int, int] | None
    content: tuple[int, int] | None = None  # the reported content, when the cue takes one


def quote_at(record: ArticleRecord, offset: int) -> Quote | None:
    """The quote covering ``offset`` (a direct or partial quote before an indirect one)."""
    best: Quote | None = None
    for q in record.quotes:
        if q.start <= offset < q.end:
            if q.kind != "indirect":
                return q
            if best is None or q.end - q.start < best.end - best.start:
                best = q
    return best


def analysis(work: Work) -> Analysis | None:
    """The quotes analysis of this article (cached in ``work.notes``); None without a parse."""
    found = work.notes.get(NOTES_KEY)
    if isinstance(found, Analysis):
        return found
    if work.doc is None:
        return None
    an = analyze(work.record.text, work.doc, work.record)
    work.notes[NOTES_KEY] = an
    return an


def reporting_clause(work: Work, offset: int) -> Attribution | None:
    """The reporting clause (speaker + cue) of the sentence that holds ``offset``."""
    an = analysis(work)
    return _clause_for(an, offset) if an is not None else None


def reporting_clause_in(record: ArticleRecord, doc: Doc, offset: int) -> Attribution | None:
    """:func:`reporting_clause` for a record and its parse outside the pipeline."""
    return _clause_for(analyze(record.text, doc, record), offset)


def _clause_for(an: Analysis, offset: int) -> Attribution | None:
    if not an.sentences:
        return None
    for q in an.quotes:
        if q.kind != "indirect" and q.start <= offset < q.end:
            return _attribution(q.speaker, q.cue, None)
    sent = an.sentence_of(offset)
    s_lo, s_hi = an.sentences[sent]
    if not s_lo <= offset < s_hi:
        return None
    clauses = an.clauses_in(sent)
    if not clauses:
        return None
    chosen = next((c for c in clauses if c.content and c.content[0] <= offset < c.content[1]), None)
    if chosen is None:
        for c in clauses:
            if c.verb is not None:
                tok = an.doc[c.verb]
                if tok.left_edge.idx <= offset < tok.right_edge.idx + len(tok.right_edge):
                    chosen = c
                    break
    chosen = chosen or clauses[0]
    return _attribution(chosen.speaker, (chosen.cue, chosen.cue_start, chosen.cue_end), chosen.content)


def _attribution(speaker: object, cue: tuple[str, int, int] | None,
                 content: tuple[int, int] | None) -> Attribution:
    from newsgraph.stages.quotes.speakers import Speaker

    sp = speaker if isinstance(speaker, Speaker) else None
    return Attribution(
        speaker=sp.entity if sp else None,
        speaker_text=sp.text if sp else None,
        speaker_span=(sp.start, sp.end) if sp else None,
        cue=cue[0] if cue else None,
        cue_span=(cue[1], cue[2]) if cue else None,
        content=content,
    )


@dataclass(frozen=True)
class _Stage:
    name: str = "quotes"
    version: str = "4"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("quotes",)

    def run(self, work: Work) -> None:
        if work.doc is None:
            return
        an = analysis(work)
        if an is None:
            return
        record = work.record
        text = record.text
        for p in an.problems:
            work.warn(self.name, p.code, p.message, p.start, p.end)
        seen: set[tuple[int, int]] = set()
        quotes: list[Quote] = []
        for q in an.quotes:
            if (q.start, q.end) in seen or q.end <= q.start:
                continue
            seen.add((q.start, q.end))
            sp = q.speaker
            quotes.append(Quote(
                id=item_id("quote", q.start, q.end),
                text=text[q.start:q.end],
                kind=q.kind,  # type: ignore[arg-type]
                speaker=sp.entity if sp else None,
                speaker_text=sp.text if sp else None,
                speaker_span=Span(start=sp.start, end=sp.end) if sp else None,
                cue=q.cue[0] if q.cue else None,
                cue_span=Span(start=q.cue[1], end=q.cue[2]) if q.cue else None,
                start=q.start,
                end=q.end,
            ))
        record.quotes = quotes


STAGE = _Stage()
