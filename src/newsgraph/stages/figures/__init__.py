"""The figures stage: numbers with their unit, bound, aspect, who asserts them, how firmly,
and when.

Numbers come from spaCy's own tokens and number entities plus the packaged lexicons
(``data/units.json``: the closed unit list; ``data/figure_numbers.json``: number words,
scales, fractions, vague plurals; ``data/figure_cues.json``: qualifiers, aspect and modality
cues, reporting verbs, what is not a figure); see :mod:`.numbers` for detection and
normalisation and :mod:`.context` for measure, aspect, source, modality and time.

Reads what earlier stages filled: ``record.entities`` (entity ids for ``source``, ``of``,
``at``; a nationality in the measure maps to its country through
``entities.affiliation``), ``record.quotes`` and the quotes stage helpers ``quote_at`` /
``reporting_clause`` (``in_quote``, the speaker of a quoted figure, pronoun speakers), and
``record.timexes`` (``time``: a dated timex in the figure's own clause, never the reporting
verb's). Without them those fields stay null; ``source_text``/``source_span`` still name the
asserter as written.

Other stages may call :func:`figures_of(work) <figures_of>`. Nothing is put in
``work.notes``; the doc's ``user_data`` caches ``newsgraph.figures.text``,
``newsgraph.figures.blocks`` and ``newsgraph.figures.quotes`` (spaCy rebuilds ``doc.text``
on every access). Unit names outside the closed list are refused with a
``unit_not_listed`` warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsgraph.record import Figure, Span, item_id
from newsgraph.stages.figures import context
from newsgraph.stages.figures.lexicon import lexicon
from newsgraph.stages.figures.numbers import Number, find_numbers

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsgraph.pipeline import Work
    from newsgraph.record import ArticleRecord, Quote

__all__ = ["STAGE", "figures_of"]

_NOT_INHERITED = frozenset({"percent", "percentage_point", "fraction"})
_PERSONAL = frozenset({"he", "she", "him", "her"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them"})


class _Mentions:
    """Entity mentions by character offset (from record.entities)."""

    def __init__(self, record: ArticleRecord) -> None:
        self.items: list[tuple[int, int, str, str]] = sorted(
            (m.start, m.end, ent.id, ent.type) for ent in record.entities for m in ent.mentions
        )

    def at(self, start: int, end: int, types: frozenset[str] | None = None) -> str | None:
        best: tuple[int, str] | None = None
        for s, e, eid, etype in self.items:
            if s >= end:
                break
            if e > start and (types is None or etype in types):
                overlap = min(e, end) - max(s, start)
                if best is None or overlap > best[0]:
                    best = (overlap, eid)
        return best[1] if best else None

    def last_person_before(self, char: int, window: int = 800) -> str | None:
        found = None
        for s, _e, eid, etype in self.items:
            if s >= char:
                break
            if etype == "PERSON" and s >= char - window:
                found = eid
        return found


def _quote_at(record: ArticleRecord, start: int, end: int) -> Quote | None:
    best = None
    for q in record.quotes:
        if q.start <= start and end <= q.end and (best is None or q.end - q.start < best.end - best.start):
            best = q
    return best


def _char_span(doc: Doc, num: Number) -> tuple[int, int]:
    last = doc[num.end - 1]
    end = last.idx + len(last.text)
    if num.end - 1 > num.core_start and last.text.endswith(".") and last.lower_[:-1] in lexicon().suffix_scales:
        end -= 1  # "€450m." ending a sentence: the full stop is no part of the figure
    return doc[num.start].idx, end


def figures_of(work: Work) -> list[Figure]:
    """The figures of a parsed article (the stage's work, callable on its own)."""
    doc = work.doc
    record = work.record
    if doc is None:
        return []
    lex = lexicon()
    text = record.text
    mentions = _Mentions(record)
    own_quotes = context.in_quote_spans(text)
    numbers = find_numbers(doc)
    out: list[Figure] = []
    prev_end = 0
    measured: list[tuple[int, str | None, str | None, int]] = []  # (sent start, measure, unit, token end)
    last_currency: str | None = None
    last_of: tuple[int, str | None, str] | None = None  # (sentence start, unit, of) of the last owned figure
    for num in numbers:
        num.start = max(num.start, prev_end)
        prev_end = num.end
        start, end = _char_span(doc, num)
        sent = doc[num.start].sent
        measure = context.measure_of(doc, num)
        unit = num.unit
        measure_text = measure.text if measure is not None else None
        if unit is None and context.is_person_noun(measure):
            unit = "person"
        if unit is None and (measure is None or measure.root.pos_ == "PROPN") and context.person_by_role(doc, num):
            unit = "person"  # "killed five", "Landslide Kills Four in Hill Village" (no place is counted)
            measure_text = None
        k = num.end
        while k < len(doc) and doc[k].is_space:
            k += 1
        nxt = doc[k] if k < len(doc) else None
        if measure is None and unit is None and (nxt is None or nxt.pos_ not in ("NOUN", "PROPN")):
            for s_start, m_text, m_unit, _tok_end in reversed(measured):
                if m_unit in _NOT_INHERITED:
                    break  # "rose 2.53% to 2248.63": the level is no percentage
                if s_start == sent.start and (m_text or m_unit):
                    measure_text, unit = m_text, m_unit
                    break
        value, low, high = _clean(num.value), _clean(num.low), _clean(num.high)
        if unit is None and measure is not None and measure.root.lemma_.lower() in ("cent", "penny") and len(measure) == 1:
            # "82 cents" in an article about euros: 0.82 EUR
            currency = last_currency or _later_currency(doc, num, lex)
            if currency is not None:
                unit, measure_text, end = currency, None, measure.end_char
                value, low, high = (_clean(v / 100) if v is not None else None for v in (value, low, high))
        if unit is not None and unit not in lex.units:
            work.warn("figures", "unit_not_listed", f"unit {unit!r} is not in the closed list", start, end)
            unit = None
        measured.append((sent.start, measure_text, unit, num.end))
        if unit is not None and unit.isupper():
            last_currency = unit

        # who asserts it
        in_quote, attr, source_id, source_text, source_span = _source(work, num, start, end, mentions, own_quotes)

        # what and where it is about
        of_id = _country_of(record, _owner(doc, num, measure, mentions))
        if of_id is None and last_of is not None and last_of[0] == sent.start and last_of[1] == unit:
            of_id = last_of[2]  # "lost 1,200 soldiers ..., and a further 300 were wounded"
        if of_id is not None:
            last_of = (sent.start, unit, of_id)
        at_id = _place(doc, num, mentions, attr)

        out.append(
            Figure(
                id=item_id("figure", start, end),
                text=text[start:end],
                value=value,
                low=low,
                high=high,
                qualifier=num.qualifier,  # type: ignore[arg-type]
                unit=unit,
                measure=measure_text,
                aspect=context.aspect(doc, num, measure),  # type: ignore[arg-type]
                of=of_id,
                at=at_id,
                source=source_id,
                source_text=source_text,
                source_span=source_span,
                modality=context.modality(doc, num, attr.cue),  # type: ignore[arg-type]
                time=context.time_of(doc, num, record, attr.cue),
                in_quote=in_quote,
                start=start,
                end=end,
            )
        )
    return out


def _clean(x: float | None) -> float | None:
    """4.1 * 1e9 is 4099999999.9999995 in floating point: keep 12 significant digits."""
    return None if x is None else float(f"{x:.12g}")


def _later_currency(doc: Doc, num: Number, lex: Any) -> str | None:
    """A currency named after a figure in cents, when none was named before it."""
    for tok in doc[num.end:]:
        code = lex.currency_symbols.get(tok.text) or lex.currency_words.get(tok.lemma_.lower())
        if code is not None:
            return str(code)
    return None


def _quotes_api() -> tuple[Any, Any] | None:
    """The quotes stage helpers (quote_at, reporting_clause), when that stage provides them."""
    try:
        from newsgraph.stages.quotes import quote_at, reporting_clause
    except ImportError:
        return None
    return quote_at, reporting_clause


def _source(
    work: Work, num: Number, start: int, end: int, mentions: _Mentions, own_quotes: list[tuple[int, int]]
) -> tuple[bool, context.Attribution, str | None, str | None, Span | None]:
    """(in_quote, the clause found, source entity, source text, source span) of a figure.

    Order: the speaker of a direct or partial quote holding the figure; the reporting clause
    over the figure in the parse ("X said ... N", "according to X"); the quotes stage's
    reporting clause whose reported content holds the figure; the speaker of an indirect
    quote holding it; for a quote the quotes stage did not see, the reporting clause of the
    sentences around it.
    """
    doc = work.doc
    record = work.record
    text = record.text
    assert doc is not None
    api = _quotes_api()
    quote = api[0](record, start) if api is not None else _quote_at(record, start, end)
    if quote is not None and quote.end < end:
        quote = None
    in_quote = (quote is not None and quote.kind in ("direct", "partial")) or (
        not record.quotes and context.inside_quote(start, own_quotes)
    )
    attr = context.attribution(doc, num, own_quotes if not record.quotes else [])
    if in_quote and quote is not None and (quote.speaker or quote.speaker_text):
        return True, attr, quote.speaker, quote.speaker_text, quote.speaker_span
    if attr.source_span is not None and attr.cue is not None and api is not None:
        # "X said A, a decision that will cost $2 million, analysts estimate": the trailing
        # reporting clause whose content holds the figure, after the parse's cue, is nearer
        clause = api[1](work, start)
        if clause is not None and clause.content and clause.content[0] <= start and end <= clause.content[1] \
                and clause.cue_span and clause.cue_span[0] >= end and attr.cue.idx < clause.content[0] \
                and clause.speaker_span:
            sa, sb = clause.speaker_span
            cue_tok = next((t for t in doc[num.end:] if t.idx == clause.cue_span[0]), None)
            if cue_tok is not None:
                attr = context.Attribution(cue_tok, (sa, sb), cue_tok)
            return in_quote, attr, clause.speaker, text[sa:sb], Span(start=sa, end=sb)
    if attr.source_span is not None:
        a, b = attr.source_span
        head = attr.source_head
        source_id = None
        if head is not None:
            source_id = mentions.at(head.idx, head.idx + len(head.text)) or mentions.at(a, b)
            if head.lower_ in _PRONOUNS and api is not None and attr.cue is not None:
                # "he added ... N": the quotes stage knows who "he" is
                clause = api[1](work, start)
                if clause is not None and clause.cue_span == (attr.cue.idx, attr.cue.idx + len(attr.cue.text)) and clause.speaker_span:
                    sa, sb = clause.speaker_span
                    return in_quote, attr, clause.speaker, text[sa:sb], Span(start=sa, end=sb)
                if head.lower_ in _PERSONAL:
                    source_id = mentions.last_person_before(head.idx)
        return in_quote, attr, source_id, text[a:b], Span(start=a, end=b)
    if api is not None:
        clause = api[1](work, start)
        if clause is not None and clause.content and clause.content[0] <= start and end <= clause.content[1] and clause.speaker_span:
            sa, sb = clause.speaker_span
            return in_quote, attr, clause.speaker, text[sa:sb], Span(start=sa, end=sb)
    if quote is not None and (quote.speaker or quote.speaker_text):
        return in_quote, attr, quote.speaker, quote.speaker_text, quote.speaker_span
    if in_quote:
        q_span = next(((a, b) for a, b in own_quotes if a <= start < b), (start, end))
        found = context.adjacent_reporting_clause(doc, num, q_span)
        if found.source_span is not None and found.source_head is not None:
            a, b = found.source_span
            head = found.source_head
            return in_quote, attr, mentions.at(head.idx, head.idx + len(head.text)), text[a:b], Span(start=a, end=b)
    return in_quote, attr, None, None, None


_OWNERS = frozenset({"GPE", "NORP", "ORG", "LOC"})


def _owner(doc: Doc, num: Number, measure: Any, mentions: _Mentions) -> str | None:
    """Whose the counted things are: a nationality or name inside the measure ("North Korean
    soldiers"), a possessor ("Ukraine's 40,000 troops"), or "soldiers from Tarsk"."""
    if measure is not None:
        found = mentions.at(measure.start_char, measure.end_char, _OWNERS)
        if found:
            return found
        head = measure.root
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "from" and child.i > head.i:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    found = mentions.at(pobj.idx, pobj.idx + len(pobj.text), _OWNERS)
                    if found:
                        return found
    for tok in doc[num.start : num.start + 1]:
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and prev.tag_ == "POS" and tok.i >= 2:
            owner = doc[tok.i - 2]
            return mentions.at(owner.idx, owner.idx + len(owner.text), _OWNERS)
    return _subject_owner(doc, num, measure, mentions)


def _subject_owner(doc: Doc, num: Number, measure: Any, mentions: _Mentions) -> str | None:
    """'Tarvonia has about 15,000 troops', 'Velmark's army deployed 8,000 troops',
    'Tarvonian forces have lost 1,200 soldiers': the owner is the subject of an owning verb
    (or its possessor, or a nationality in it)."""
    lex = lexicon()
    obj = measure.root if measure is not None else context.anchor_token(doc, num)
    verb = obj.head
    if obj.dep_ != "dobj" or verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in lex.owner_verbs:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None and verb.dep_ in ("conj", "xcomp"):
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ == "PRON":
        return None
    lo = subj.left_edge
    return mentions.at(lo.idx, subj.idx + len(subj.text), _OWNERS)


def _country_of(record: ArticleRecord, entity_id: str | None) -> str | None:
    """'North Korean soldiers' are of North Korea: a NORP mention stands for its country."""
    if entity_id is None:
        return None
    ent = next((e for e in record.entities if e.id == entity_id), None)
    if ent is None or ent.type != "NORP":
        return entity_id
    try:
        from newsgraph.stages.entities import affiliation
    except ImportError:  # the entities module without the helper: keep the NORP entity
        return entity_id
    return affiliation(record, entity_id) or entity_id


def _place(doc: Doc, num: Number, mentions: _Mentions, attr: context.Attribution) -> str | None:
    """'sent to Russia', '3,700 in Germany': a place the figure's clause points to."""
    if not mentions.items:
        return None
    anchor = context.anchor_token(doc, num)
    heads = [anchor, *context.path_up(anchor)]
    places = frozenset({"GPE", "LOC", "FAC"})
    for tok in heads[:4]:
        if attr.cue is not None and tok.i == attr.cue.i:
            break
        for child in tok.children:
            if child.dep_ in ("prep", "dative") and child.lower_ in ("to", "in", "into", "inside", "at", "across"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    found = mentions.at(pobj.idx, pobj.idx + len(pobj.text), places)
                    if found:
                        return found
        if tok.pos_ in ("VERB", "AUX") and tok.i != anchor.i:
            for conj in (c for c in tok.children if c.dep_ == "conj"):
                del conj
            break
    return None


@dataclass(frozen=True)
class _Stage:
    name: str = "figures"
    version: str = "4"
    requires: tuple[str, ...] = ("doc", "entities", "timexes", "quotes")
    assigns: tuple[str, ...] = ("figures",)

    def run(self, work: Work) -> None:
        if work.doc is None:
            return
        work.record.figures = figures_of(work)


STAGE = _Stage()
