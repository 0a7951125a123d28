"""Finding quotes: quoted stretches classified and attributed, reporting clauses from the parse.

One :class:`Analysis` per article holds the paragraphs, sentences, quote marks, the reporting
clauses (cue verb or "according to" + speaker + reported content) and the quotes found.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string  # type: ignore[attr-defined]

from newsgraph.stages.quotes.lexicon import lexicon
from newsgraph.stages.quotes.marks import Marked, Problem, marked_spans, paragraphs, sentences
from newsgraph.stages.quotes.speakers import Resolver, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsgraph.record import ArticleRecord

_CLAUSE_START = (",", ":", "—", "–", "-", ";")
_TRIM = " \t\n,;:—–-\"“”'‘’"


@dataclass(frozen=True)
class Clause:
    """A reporting clause: who (speaker), the cue, and the reported content if any."""

    cue: str
    cue_start: int
    cue_end: int
    speaker: Speaker
    sentence: int
    verb: int | None  # token index of the cue verb; None for "according to"
    content: tuple[int, int] | None = None
    kind: str = "verb"  # verb | phrase | characterize


@dataclass
class Found:
    kind: str  # direct | partial | indirect
    start: int
    end: int
    speaker: Speaker | None
    cue: tuple[str, int, int] | None


@dataclass
class Analysis:
    text: str
    doc: Doc
    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    marked: list[Marked]
    problems: list[Problem]
    resolver: Resolver
    clauses: list[Clause] = field(default_factory=list)
    quotes: list[Found] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._sent_starts = [s for s, _ in self.sentences]
        self._para_starts = [s for s, _ in self.paragraphs]
        self._tok_starts = self.resolver.token_starts

    # ---- lookups ------------------------------------------------------------------------
    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._sent_starts, pos) - 1)

    def paragraph_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._para_starts, pos) - 1)

    def tokens(self, start: int, end: int) -> Span:
        a = bisect.bisect_left(self._tok_starts, start)
        b = bisect.bisect_left(self._tok_starts, end)
        return self.doc[a:b]

    def clauses_in(self, sentence: int) -> list[Clause]:
        return [c for c in self.clauses if c.sentence == sentence]


def analyze(text: str, doc: Doc, record: ArticleRecord) -> Analysis:
    paras = paragraphs(text)
    marked, problems = marked_spans(text, paras, lambda s, e: _attributed_tail(text, doc, s, e))
    dateline = record.dateline
    sents = sentences(text, paras, marked, (dateline.start, dateline.end) if dateline else None)
    resolver = Resolver(text, doc, record, [(m.open, m.close + 1) for m in marked])
    an = Analysis(text, doc, paras, sents, marked, problems, resolver)
    an.clauses = _clauses(an)
    _quotes(an)
    an.quotes.sort(key=lambda q: (q.start, q.end))
    return an


def _attributed_tail(text: str, doc: Doc, start: int, end: int) -> bool:
    """Does an unclosed quote's paragraph end like an attribution (", organiser X said.")?
    Then its closing mark is missing, and the next paragraph is not its continuation."""
    comma = text.rfind(",", start, end)
    if comma < 0:
        return False
    span = doc.char_span(comma + 1, end, alignment_mode="expand")
    if span is None or len(span) > 12:
        return False
    attribute = lexicon().attribute
    return any(t.pos_ == "VERB" and t.lemma_.lower() in attribute for t in span)


# ---- reporting clauses ---------------------------------------------------------------------
def _subject(an: Analysis, tok: Token) -> Token | None:
    """The subject of a cue verb: its nsubj, the subject of the verb it hangs on (participles,
    conjuncts), or -- when the parse ran across a sentence boundary -- the last noun before
    the verb in its sentence."""
    s_lo, s_hi = an.sentences[an.sentence_of(tok.idx)]
    if tok.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children):
        return None  # "a statement read out on television": a bare participle is no cue
    cur = tok
    for _ in range(3):
        for child in cur.children:
            if not s_lo <= child.idx < s_hi:
                continue  # the parse ran across a sentence boundary
            if child.dep_ in ("nsubj", "csubj"):
                return child
            if child.dep_ == "nsubjpass":
                return None
        if cur.dep_ in ("advcl", "conj", "xcomp", "acl", "relcl") and cur.head.i != cur.i:
            cur = cur.head
        else:
            break
    prefix = [t for t in an.tokens(s_lo, tok.idx) if not an.resolver.in_quote(t.idx)]
    if any(t.pos_ == "VERB" or t.text in (",", ";", ":") for t in prefix):
        return None
    nouns = [t for t in prefix if t.pos_ in ("NOUN", "PROPN", "PRON")]
    return nouns[-1] if nouns else None


def _reporting_ancestor(tok: Token) -> Token | None:
    """For "..., adding that ..." / "..., saying ...": the reporting verb above the participle."""
    if tok.tag_ != "VBG" or tok.dep_ not in ("advcl", "xcomp", "conj"):
        return None
    attribute = lexicon().attribute
    for anc in tok.ancestors:
        if anc.pos_ == "VERB" and anc.lemma_.lower() in attribute:
            return anc
    return None


def _resolve_subject(an: Analysis, subj: Token) -> Speaker | None:
    if subj.lower_ in ("which", "who", "that") and subj.head.dep_ == "relcl":
        return an.resolver.speaker_for(subj.head.head)
    if subj.lower_ in ("it", "there") and any(c.dep_ == "auxpass" for c in subj.head.children):
        return None
    return an.resolver.speaker_for(subj)


@lru_cache(maxsize=1)
def _hashes() -> tuple[frozenset[int], frozenset[int]]:
    """Hashes of the cue lemmas and of the first words of phrasal cues (compared against
    the parse's arrays, so only candidate tokens are touched in Python)."""
    lex = lexicon()
    verbs = lex.attribute | lex.content | lex.characterize
    lemmas = frozenset(hash_string(v) for v in verbs) | frozenset(hash_string(v.capitalize()) for v in verbs)
    firsts = frozenset(hash_string(p[0]) for p in lex.phrasal)
    return lemmas, firsts


def _candidates(doc: Doc) -> list[int]:
    if not len(doc):
        return []
    lemmas, firsts = _hashes()
    arr = doc.to_array([LEMMA, LOWER])
    return [i for i, (lemma, lower) in enumerate(arr.tolist()) if lemma in lemmas or lower in firsts]


def _clauses(an: Analysis) -> list[Clause]:
    lex = lexicon()
    doc = an.doc
    out: list[Clause] = []
    direct_marks = an.resolver
    for i in _candidates(doc):
        tok = doc[i]
        if direct_marks.in_quote(tok.idx):
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and (lemma in lex.attribute or lemma in lex.content
                                   or lemma in lex.characterize):
            above = _reporting_ancestor(tok)
            subj = _subject(an, above if above is not None else tok)
            if subj is None or (subj.lower_ == "it" and tok.lower_ in ("is", "was")):
                continue
            speaker = _resolve_subject(an, subj)
            if speaker is None:
                continue
            an.resolver.recent.append(speaker)
            cue_end = tok.idx + len(tok)
            for child in tok.rights:
                if child.dep_ == "prt" and child.i == tok.i + 1:
                    cue_end = child.idx + len(child)
            content = _content(an, tok) if lemma in lex.content else None
            if content is not None and (subj.lower_ in ("i", "we", "you") or (
                    lemma in lex.needs_that and not _has_that(tok)
                    and subj.lemma_.lower() not in lex.documents)):
                content = None  # the author's own voice, or "found him unguarded"
            kind = "characterize" if lemma in lex.characterize else "verb"
            out.append(Clause(an.text[tok.idx:cue_end], tok.idx, cue_end, speaker,
                              an.sentence_of(tok.idx), tok.i, content, kind))
        else:
            for phrase in lex.phrasal:
                n = len(phrase)
                if tok.lower_ != phrase[0] or tok.i + n > len(doc):
                    continue
                if tuple(t.lower_ for t in doc[tok.i:tok.i + n]) != phrase:
                    continue
                last = doc[tok.i + n - 1]
                obj = next((c for c in last.children if c.dep_ == "pobj"), None)
                if obj is None:
                    continue
                speaker = an.resolver.speaker_for(obj)
                an.resolver.recent.append(speaker)  # "the officer" later is "a senior officer"
                cue_end = last.idx + len(last)
                content = _phrase_content(an, tok, last, obj)
                out.append(Clause(an.text[tok.idx:cue_end], tok.idx, cue_end, speaker,
                                  an.sentence_of(tok.idx), None, content, "phrase"))
    out.extend(_headline_clauses(an, out))
    return out


_HEADLINE_TAIL = re.compile(r",\s+((?:[A-Z][\w'’.&-]*\s+){0,4}[A-Z][\w'’.&-]*)\s+([A-Z][a-z]+)\s*$")


def _headline_clauses(an: Analysis, found: list[Clause]) -> list[Clause]:
    """'Nine Miners Trapped After Collapse, Rescuers Say': a title-case headline the parser
    reads as one long name; its trailing '<Source> <cue verb>' is the reporting clause."""
    out: list[Clause] = []
    lex = lexicon()
    for lo, hi in an.resolver.headings:
        if any(lo <= c.cue_start < hi and c.content is not None for c in found):
            continue
        m = _HEADLINE_TAIL.search(an.text, lo, hi)
        if m is None:
            continue
        verb = m.group(2).lower()
        forms = {verb, verb[:-1] if verb.endswith("s") else verb, {"said": "say", "told": "tell"}.get(verb, verb)}
        if not forms & lex.attribute:
            continue
        s, e = m.span(1)
        content = _trim(an, lo, m.start())
        if content is None:
            continue
        speaker = Speaker(an.text[s:e], s, e, an.resolver.entity_at(s, e), "noun")
        out.append(Clause(m.group(2), m.start(2), m.end(2), speaker, an.sentence_of(lo), None, content, "phrase"))
    return out


def _has_that(verb: Token) -> bool:
    return any(t.lower_ == "that" and t.dep_ == "mark" for c in verb.children if c.dep_ == "ccomp"
               for t in c.children) or (verb.i + 1 < len(verb.doc) and verb.nbor().lower_ == "that")


def _trim(an: Analysis, start: int, end: int) -> tuple[int, int] | None:
    text = an.text
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and (text[end - 1] in _TRIM or text[end - 1] in ".!?"):
        # keep a terminal mark that closes a quoted phrase inside the content
        if text[end - 1] in "”\"" and an.resolver.in_quote(end - 1):
            break
        end -= 1
    if end - start > 3:
        end = _cut_comment(an, start, end)
    return (start, end) if end - start > 3 else None


def _cut_comment(an: Analysis, start: int, end: int) -> int:
    """A reported content stops before the writer's appended comment: ', a claim the company
    denies', ', a figure other importers also cite', ', which he described as manageable'."""
    lex = lexicon()
    toks = an.tokens(start, end)
    for k, t in enumerate(toks):
        if t.text != "," or an.resolver.in_quote(t.idx):
            continue
        nxt = toks[k + 1:k + 5]
        words = [w.lower_ for w in nxt]
        if words[:1] in (["a"], ["an"]) and any(w.lemma_.lower() in lex.comment_nouns for w in nxt[1:3]):
            return _trim_end(an.text, start, t.idx)
        if words[:1] in (["which"], ["who"]) and len(nxt) >= 3 and nxt[1].pos_ in ("PRON", "PROPN", "NOUN") and (
                nxt[2].lemma_.lower() in lex.characterize or nxt[2].lemma_.lower() in lex.attribute):
            return _trim_end(an.text, start, t.idx)
    return end


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1] in _TRIM or text[end - 1] in ".!?"):
        end -= 1
    return end


def _content(an: Analysis, verb: Token) -> tuple[int, int] | None:
    """The reported content of a cue verb: its clausal complement (after "that")."""
    s_lo, s_hi = an.sentences[an.sentence_of(verb.idx)]
    comps = [c for c in verb.children if c.dep_ == "ccomp" and s_lo <= c.idx < s_hi
             and c.pos_ in ("VERB", "AUX")]
    comps.sort(key=lambda c: (not any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children),
                              -(c.right_edge.i - c.left_edge.i)))
    comp = comps[0] if comps else None
    if comp is None:
        # a "that" the parser did not attach: "told reporters that ..."
        for t in an.doc[verb.i + 1: verb.i + 6]:
            if t.lower_ == "that" and t.pos_ == "SCONJ":
                start = t.idx + len(t)
                head = t.head if t.head.i > t.i else None
                end = head.right_edge.idx + len(head.right_edge) if head is not None else s_hi
                return _trim(an, start, min(end, s_hi))
            if t.is_punct or t.pos_ == "VERB":
                break
        return _trailing_content(an, verb, s_lo, s_hi)
    lex = lexicon()
    if comp.i < verb.i and comp.lemma_.lower() in (lex.attribute | lex.content) \
            and any(c.dep_ == "nsubj" for c in comp.children) \
            and any(c.dep_ in ("ccomp", "parataxis") for c in comp.children):
        # "X said A, a decision that will cost $2 million, analysts estimate": the trailing
        # speaker reports the last stretch before its own subject, not X's reporting clause
        # (one that reports something: "X is recalling 900 vans, the company said" is content)
        subj = _subject(an, verb)
        stop = an.resolver.np_bounds(subj)[0] if subj is not None and subj.i < verb.i else verb.i
        commas = [t for t in an.doc[comp.i:stop] if t.text == "," and not an.resolver.in_quote(t.idx)]
        if len(commas) < 2:
            return None
        return _trim(an, commas[-2].idx + 1, commas[-1].idx)
    left = comp.left_edge
    right = comp.right_edge
    words = [t for t in an.doc[left.i:right.i + 1]]
    while words and ((words[0].dep_ == "mark" and words[0].lower_ in ("that",)) or words[0].is_punct):
        words = words[1:]
    if not words:
        return None
    start = max(words[0].idx, s_lo)
    end = min(right.idx + len(right), s_hi)
    for conj in comp.children:
        # "that X could prolong the war and urged ...": a finite conjunct with no subject of
        # its own, after a non-finite complement head, belongs to the reporting clause
        if conj.dep_ == "conj" and conj.i > comp.i and conj.tag_ in ("VBD", "VBZ", "VBP") \
                and comp.tag_ in ("VB", "VBG", "VBN") \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
            cut = conj.left_edge
            prev = an.doc[cut.i - 1] if cut.i > 0 else cut
            while prev.dep_ == "cc" or prev.is_punct:
                cut = prev
                prev = an.doc[cut.i - 1]
            end = min(end, cut.idx)
    if comp.i > verb.i and verb.head.i > right.i and verb.dep_ in ("ccomp", "advcl", "parataxis") \
            and verb.head.idx < s_hi:
        end = s_hi  # the parser hung the rest of the reported clause on the wrong verb
    if start >= end:
        return None
    return _trim(an, start, end)


def _trailing_content(an: Analysis, verb: Token, s_lo: int, s_hi: int) -> tuple[int, int] | None:
    """"<reported clause>, <speaker> <cue> [on Monday]." when the parse lost the complement."""
    subj = _subject(an, verb)
    if subj is None or subj.i > verb.i:
        return None
    lo, _ = an.resolver.np_bounds(subj)
    before = an.doc[lo - 1] if lo > 0 else None
    if before is None or before.text != "," or before.idx <= s_lo:
        return None
    tail = list(an.tokens(verb.idx + len(verb), s_hi))
    comma = next((k for k, t in enumerate(tail) if t.text in (",", ";", "—", "–")), None)
    # "..., the agency said, up from 21 a day earlier, as ...": what follows the clause's
    # own comma is more of the writer's sentence, not another clause of the speaker's
    if comma is not None and (len(tail[:comma]) > 4 or verb.lemma_.lower() not in lexicon().attribute):
        comma = None
    if any(t.pos_ in ("VERB", "AUX") for t in tail[:comma]):
        return None
    clause = an.tokens(s_lo, before.idx)
    headline = any(a <= s_lo < b for a, b in an.resolver.headings)
    if not headline and not any(t.pos_ in ("VERB", "AUX") for t in clause):
        return None  # (a title-case headline is parsed as names: "Nine Miners Trapped, Rescuers Say")
    lex = lexicon()
    if any(t.pos_ == "VERB" and t.lemma_.lower() in (lex.attribute | lex.content)
           and any(c.dep_ == "nsubj" for c in t.children) for t in clause):
        # "X said A, a decision that will cost $2 million, analysts estimate": the trailing
        # speaker reports only the last stretch, not X's own reporting clause
        commas = [t for t in clause if t.text == "," and not an.resolver.in_quote(t.idx)]
        if not commas:
            return None
        return _trim(an, commas[-1].idx + 1, before.idx)
    return _trim(an, s_lo, before.idx)


def _phrase_content(an: Analysis, first: Token, last: Token, obj: Token) -> tuple[int, int] | None:
    s_lo, s_hi = an.sentences[an.sentence_of(first.idx)]
    _, hi = an.resolver.np_bounds(obj)
    phrase_end = obj.right_edge.idx + len(obj.right_edge)
    phrase_end = max(phrase_end, an.doc[hi - 1].idx + len(an.doc[hi - 1]))
    before = an.text[s_lo:first.idx].strip(_TRIM)
    after = an.text[phrase_end:s_hi].strip(_TRIM + ".")
    if not before or len(after) > len(before) * 2:
        return _trim(an, phrase_end, s_hi) if after else None
    return _trim(an, s_lo, first.idx)


# ---- quotes ----------------------------------------------------------------------------------
def _quotes(an: Analysis) -> None:
    direct: list[tuple[Marked, Speaker | None, tuple[str, int, int] | None]] = []
    partial: list[Marked] = []
    for m in an.marked:
        kind, speaker, cue = _classify(an, m, direct)
        if kind == "direct":
            direct.append((m, speaker, cue))
        elif kind == "partial":
            partial.append(m)
    direct_spans = [(m.open, m.close + 1) for m, _, _ in direct]
    for m, speaker, cue in direct:
        an.quotes.append(Found("direct", m.start, m.end, speaker, cue))
    _cut_nested(an)
    broken = [(p.start, p.end) for p in an.problems]
    for clause in an.clauses:
        if clause.content is None:
            continue
        s, e = clause.content
        if any(a < e and s < b for a, b in direct_spans + broken):
            continue
        an.quotes.append(Found("indirect", s, e, clause.speaker,
                               (clause.cue, clause.cue_start, clause.cue_end)))
    for m in partial:
        over = _clause_over(an, m.open, m.close + 1)
        if over is not None:
            an.quotes.append(Found("partial", m.start, m.end, over.speaker,
                                   (over.cue, over.cue_start, over.cue_end)))
            if over.content is not None:
                s, e = over.content
                inside = min(e, m.end) - max(s, m.start)
                if inside >= 0.9 * (e - s):
                    an.quotes = [q for q in an.quotes if not (q.kind == "indirect" and (q.start, q.end) == (s, e))]


def _cut_nested(an: Analysis) -> None:
    """A content that runs into a coordinated reporting clause of its own ("..., and recent
    reports confirm that ...") stops before it."""
    out = []
    for c in an.clauses:
        if c.content is not None and c.verb is not None:
            s, e = c.content
            for other in an.clauses:
                if other is c or other.verb is None or other.content is None:
                    continue
                verb = an.doc[other.verb]
                if s < verb.idx < e and verb.dep_ in ("conj", "advcl") and verb.left_edge.idx > s:
                    first = verb.left_edge
                    while first.i > 0 and (an.doc[first.i - 1].dep_ == "cc" or an.doc[first.i - 1].is_punct):
                        first = an.doc[first.i - 1]
                    trimmed = _trim(an, s, first.idx)
                    if trimmed is not None:
                        e = min(e, trimmed[1])
            if (s, e) != c.content:
                c = Clause(c.cue, c.cue_start, c.cue_end, c.speaker, c.sentence, c.verb, (s, e), c.kind)
        out.append(c)
    an.clauses = out


def _clause_over(an: Analysis, start: int, end: int) -> Clause | None:
    """The reporting clause of a sentence that covers [start, end): a reported content that
    holds it, else a cue verb whose phrase holds it."""
    sent = an.sentence_of(start)
    clauses = an.clauses_in(sent)
    for c in clauses:
        if c.content and c.content[0] <= start and end <= c.content[1] + 1:
            return c
    for c in clauses:
        if c.verb is None:
            continue
        tok = an.doc[c.verb]
        lo = tok.left_edge.idx
        hi = tok.right_edge.idx + len(tok.right_edge)
        # (a closing mark after the sentence's full stop may be parsed as a sentence of its own)
        if lo <= start and (end <= hi or not an.text[hi:end].strip(" .!?\"”’'")):
            return c
    return None


def _classify(
    an: Analysis, m: Marked,
    earlier: list[tuple[Marked, Speaker | None, tuple[str, int, int] | None]],
) -> tuple[str, Speaker | None, tuple[str, int, int] | None]:
    text = an.text
    sent = an.sentence_of(m.open)
    s_lo, _ = an.sentences[sent]
    prev_close = max((q.close + 1 for q in an.marked if s_lo <= q.close < m.open), default=s_lo)
    before = text[prev_close:m.open].strip()
    words = len(text[m.start:m.end].split())
    terminal = text[m.start:m.end][-1:] in (".", "!", "?", "…") or m.comma
    starts_clause = not before or before[-1] in _CLAUSE_START or before[-1] in ".!?"
    found = _after(an, m) or _before(an, m, prev_close)
    if not starts_clause and found and before and _ends_with_cue(an, prev_close, m.open):
        starts_clause = True
    # a short sentence right after a quote continues it: '"We were ready," X said. "They listened."'
    follows_quote = terminal and not before and any(
        an.sentence_of(q.close) == sent - 1 for q, _, _ in earlier)
    if not starts_clause or not (found or (terminal and words >= 3) or follows_quote):
        return "partial", None, None
    if found:
        return "direct", found[0], found[1]
    speaker, cue = _around(an, m, earlier)
    return "direct", speaker, cue


def _ends_with_cue(an: Analysis, start: int, end: int) -> bool:
    toks = [t for t in an.tokens(start, end) if not t.is_punct]
    return bool(toks) and toks[-1].pos_ == "VERB" and toks[-1].lemma_.lower() in lexicon().attribute


def _np_head(tok: Token, lo: int, hi: int) -> Token:
    while tok.dep_ in ("compound", "amod", "det", "poss", "nmod", "case", "flat") and lo <= tok.head.i < hi:
        tok = tok.head
    return tok


def _after(an: Analysis, m: Marked) -> tuple[Speaker, tuple[str, int, int] | None] | None:
    """'"...," X said' / '"...," said X' in the words after the closing mark."""
    lex = lexicon()
    sent = an.sentence_of(m.close)
    _, s_hi = an.sentences[sent]
    nxt = next((q.open for q in an.marked if m.close < q.open < s_hi), s_hi)
    toks = [t for t in an.tokens(m.close + 1, nxt)]
    while toks and toks[0].is_punct:
        toks = toks[1:]
    if not toks:
        return None
    lo, hi = toks[0].i, toks[-1].i + 1
    first = toks[0]
    for c in an.clauses:  # '"...," according to X'
        if c.kind == "phrase" and c.cue_start == first.idx:
            return c.speaker, (c.cue, c.cue_start, c.cue_end)
    if first.lemma_.lower() in lex.attribute and first.pos_ in ("VERB", "AUX"):
        # inverted: "said X"
        subj = next((c for c in first.children if c.dep_ == "nsubj" and c.i > first.i), None)
        if subj is None:
            subj = next((t for t in toks[1:8] if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
            if subj is None:
                return None
            subj = _np_head(subj, lo, hi)
        return an.resolver.speaker_for(subj), (first.text, first.idx, first.idx + len(first))
    for k, t in enumerate(toks[:14]):
        if t.pos_ == "AUX" and k + 1 < len(toks) and toks[k + 1].pos_ in ("VERB", "AUX", "ADV", "PART"):
            continue
        if t.pos_ in ("VERB", "AUX"):
            if t.lemma_.lower() not in lex.attribute or t.pos_ != "VERB" or k == 0:
                return None
            subj = next((c for c in t.children if c.dep_ == "nsubj" and lo <= c.i < t.i), None)
            if subj is None:
                cands = [x for x in toks[:k] if x.pos_ in ("NOUN", "PROPN", "PRON")]
                if not cands:
                    return None
                subj = _np_head(cands[-1], lo, t.i)
            speaker = _resolve_subject(an, subj)
            if speaker is None:
                return None
            return speaker, (t.text, t.idx, t.idx + len(t))
    return None


def _before(
    an: Analysis, m: Marked, prev_close: int,
) -> tuple[Speaker, tuple[str, int, int] | None] | None:
    """'X said: "..."' / 'X said, "..."' in the words before the opening mark."""
    lex = lexicon()
    window = an.text[prev_close:m.open].rstrip()
    if not window or not (window[-1] in _CLAUSE_START or _ends_with_cue(an, prev_close, m.open)):
        return None
    toks = list(an.tokens(prev_close, m.open))
    words = [t for t in toks if not t.is_punct]
    if window.endswith(":") and 0 < len(words) <= 5 and not any(t.pos_ in ("VERB", "AUX") for t in words) \
            and words[-1].pos_ in ("NOUN", "PROPN"):
        head = _np_head(words[-1], words[0].i, words[-1].i + 1)
        named = an.resolver.speaker_for(head)  # 'Virologist: "..."'
        if named.entity is None and len(words) == 1:
            # 'Minister: "..."' over the story: the person the story calls so
            named = an.resolver.role_named_after(named, head) or named
        return named, None
    for t in reversed(toks):
        if t.pos_ == "VERB" and t.lemma_.lower() in lex.attribute:
            subj = _subject(an, t)
            if subj is None:
                cands = [x for x in toks if x.i < t.i and x.pos_ in ("NOUN", "PROPN", "PRON")]
                if not cands:
                    return None
                subj = _np_head(cands[-1], toks[0].i, t.i)
            speaker = _resolve_subject(an, subj)
            if speaker is None:
                return None
            return speaker, (t.text, t.idx, t.idx + len(t))
    return None


def _named_subject(an: Analysis, sent: int) -> tuple[Speaker, tuple[str, int, int] | None] | None:
    """The named person/organisation a sentence (outside quotes) is about: its main subject."""
    lex = lexicon()
    s_lo, s_hi = an.sentences[sent]
    for verb in an.tokens(s_lo, s_hi):
        if an.resolver.in_quote(verb.idx) or verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("aux", "auxpass"):
            continue
        subj = _subject(an, verb)
        if subj is None:
            return None
        speaker = _resolve_subject(an, subj)
        if speaker is None or speaker.kind not in ("name", "nominal"):
            return None
        m = an.resolver.mention_at(speaker.start, speaker.end)
        if m is not None and m.type not in ("PERSON", "ORG"):
            return None
        if m is None and " " not in speaker.text.strip():
            return None  # a lone capitalised word no tagger took for a name ("Preschool is ...")
        cue = (verb.text, verb.idx, verb.idx + len(verb)) if verb.lemma_.lower() in lex.attribute else None
        return speaker, cue
    return None


def _np_is_document(an: Analysis, speaker: Speaker) -> bool:
    words = speaker.text.lower().split()
    return bool(words) and words[-1] in lexicon().documents


def _around(
    an: Analysis, m: Marked,
    earlier: list[tuple[Marked, Speaker | None, tuple[str, int, int] | None]],
) -> tuple[Speaker | None, tuple[str, int, int] | None]:
    """An unattributed quote: the sentence before, a continuing quote, the sentence after."""
    sent = an.sentence_of(m.open)
    para = an.paragraph_of(m.open)
    p_lo, _ = an.paragraphs[para]
    # the previous sentence in the paragraph: a quote there continues, else its subject
    if sent > 0 and an.sentences[sent - 1][0] >= p_lo:
        prev = [q for q in earlier if an.sentence_of(q[0].open) == sent - 1 or
                an.sentence_of(q[0].close) == sent - 1]
        if prev and prev[-1][1] is not None:
            return prev[-1][1], None
        found = _named_subject(an, sent - 1)
        if found:
            return found[0], None
    # the next sentence in the paragraph
    end_sent = an.sentence_of(m.close)
    if end_sent + 1 < len(an.sentences) and an.paragraph_of(an.sentences[end_sent + 1][0]) == \
            an.paragraph_of(m.close):
        nxt_lo, nxt_hi = an.sentences[end_sent + 1]
        if not any(nxt_lo <= q.open < nxt_hi for q in an.marked):
            # '"..." That was how X described it.' / '"..." The statement, issued by X, said'
            lex = lexicon()
            for c in an.clauses_in(end_sent + 1):
                if c.verb is not None and c.speaker.kind in ("name", "nominal", "document", "noun") \
                        and an.doc[c.verb].lemma_.lower() in (lex.attribute | lex.characterize) \
                        and (c.speaker.kind != "noun" or _np_is_document(an, c.speaker)):
                    return c.speaker, (c.cue, c.cue_start, c.cue_end)
            found = _named_subject(an, end_sent + 1)
            if found:
                return found
    # a quote opening the paragraph continues the last quote of the previous paragraph
    if m.open == p_lo and para > 0:
        prev_lo, prev_hi = an.paragraphs[para - 1]
        prev = [q for q in earlier if prev_lo <= q[0].close < prev_hi]
        last_sent = an.sentence_of(prev_hi - 1)
        if prev and prev[-1][1] is not None and an.sentence_of(prev[-1][0].close) == last_sent:
            return prev[-1][1], None
        found = _named_subject(an, last_sent)
        if found:
            return found[0], None
    return None, None
