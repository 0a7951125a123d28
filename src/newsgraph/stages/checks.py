"""Headline checks: the title and each subtitle split into claims, each judged supported,
unsupported or contradicted by the body (record.checks, kind "headline_support").

A claim is split at ":" / ";" / " as " / " amid " ... (``data/headline_checks.json``). For
each claim we read, from the parse and the record:

- its numbers (figures of the record inside the claim, else the numbers in its text);
- its actors (entity mentions inside the claim span);
- its action and other content words (crude stems of the non-entity words, with synonym
  groups and the event types the trigger lexicon gives them);
- its hedges ("Reportedly", "may").

Verdict: a number never stated in the body, an actor never mentioned there, or content
words most of which never occur there make the claim **unsupported** (the note says which);
a body sentence that states the claim with a negation of its action (or a "denied" event of
the claim's type) makes it **contradicted**; otherwise the best-covering body sentences are
the evidence and the claim is **supported** when they cover at least half of it. A hedged
claim is matched against the body as is; the note says when the body hedges it too.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from newsgraph.record import Check, Span, item_id

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsgraph.pipeline import Work

_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "ly", "s", "e")
_NUMBER = re.compile(
    r"(?<![\w.'\u2019])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(million|billion|thousand|trillion|bn|m)\b)?(?![\w])",
    re.IGNORECASE,
)
_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "a dozen": 12,
}
_WORD_NUMBER = re.compile(
    r"\b(" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b(?:\s+(hundred|thousand|million|billion))?",
    re.IGNORECASE,
)
_SCALE = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}


def _key(name: str) -> str:
    """A name compared loosely: no dots, spaces or case ("U.S." == "US")."""
    return re.sub(r"[\s.\u2019']", "", name).casefold()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem, the same on both sides ("Mobilizes" / "mobilization" -> "mobiliz")."""
    w = word.casefold().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


@dataclass(frozen=True)
class Words:
    boundaries: tuple[str, ...]
    hedges: frozenset[str]
    body_hedges: frozenset[str]
    empty: frozenset[str]
    negations: frozenset[str]
    groups: dict[str, frozenset[int]]
    types: dict[str, frozenset[str]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def words() -> Words:
    raw = json.loads(
        resources.files("newsgraph").joinpath("data", "headline_checks.json").read_text("utf-8")
    )
    groups: dict[str, set[int]] = {}
    for i, group in enumerate(raw["synonyms"]):
        for w in group:
            groups.setdefault(stem(w), set()).add(i)
    from newsgraph.stages.events import lexicon

    lex = lexicon()
    types: dict[str, set[str]] = {}
    for lemma, rules in lex.verbs.items():
        for rule in rules:
            if rule.obj is None and not rule.prt and not rule.prep and not rule.threat_check:
                types.setdefault(stem(lemma), set()).add(rule.type)
    for lemma, rule in lex.nouns.items():
        types.setdefault(stem(lemma), set()).add(rule.type)
    return Words(
        boundaries=tuple(raw["boundaries"]),
        hedges=frozenset(raw["hedges"]),
        body_hedges=frozenset(raw["body_hedges"]),
        empty=frozenset(stem(w) for w in raw["empty_words"]),
        negations=frozenset(raw["negations"]),
        groups={k: frozenset(v) for k, v in groups.items()},
        types={k: frozenset(v) for k, v in types.items()},
    )


def split_claims(text: str, start: int, boundaries: tuple[str, ...]) -> list[tuple[int, int]]:
    """Claim spans (absolute offsets) of one headline line."""
    cuts = [0, len(text)]
    low = text.casefold()
    for b in boundaries:
        pos = low.find(b)
        while pos >= 0:
            cuts += [pos, pos + len(b)]
            pos = low.find(b, pos + len(b))
    cuts.sort()
    spans = []
    for lo, hi in zip(cuts[::2], cuts[1::2], strict=False):
        piece = text[lo:hi]
        first = lo + len(piece) - len(piece.lstrip(" \t-\u2014,"))
        last = hi - (len(piece) - len(piece.rstrip(" \t-\u2014,.")))
        if last - first >= 3 and any(ch.isalpha() for ch in text[first:last]):
            spans.append((start + first, start + last))
    return spans


def numbers(text: str, words: bool = False) -> list[tuple[float, str]]:
    """The numbers of a text as (value, text); years (1900-2099 without a scale) are dates,
    not figures, and are left out. ``words`` also reads "twelve", "three million" ..."""
    out = []
    for m in _NUMBER.finditer(text):
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= _SCALE[m.group(2).casefold()]
        elif re.fullmatch(r"(19|20)\d\d", m.group(1)):
            continue
        out.append((value, m.group(0)))
    if words:
        for m in _WORD_NUMBER.finditer(text):
            value = float(_WORDS[m.group(1).casefold()])
            if m.group(2):
                value *= 100 if m.group(2).casefold() == "hundred" else _SCALE[m.group(2).casefold()]
            out.append((value, m.group(0)))
    return out


_GENERIC_COUNTED = {"people", "person", "individual", "civilian", "citizen"}
_WORD_COUNT = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred)\b(?=-[^\W\d_]|\s+[^\W\d_])",
    re.IGNORECASE,
)


def _word_numbers(text: str) -> list[tuple[float, str]]:
    """Number words of a claim that count something ("Three-Day Visit", "Five Soldiers")."""
    return [(float(_WORDS[m.group(1).casefold()]), m.group(1)) for m in _WORD_COUNT.finditer(text)]


@lru_cache(maxsize=1)
def _person_nouns() -> frozenset[str]:
    """Nouns for people ("18 officials" counts people): the trigger lexicon's agent and
    troop classes plus the checks data's people group."""
    from newsgraph.stages.events import lexicon

    classes = lexicon().classes
    raw = json.loads(
        resources.files("newsgraph").joinpath("data", "headline_checks.json").read_text("utf-8")
    )
    return frozenset(classes.get("agent_nouns", frozenset())) | frozenset(
        classes.get("troops", frozenset())
    ) | frozenset(raw.get("person_nouns", []))


@dataclass
class _Sentence:
    start: int
    end: int
    stems: set[str]
    groups: set[int]
    entities: set[str]
    types: set[str]
    denied_types: set[str]
    negated: set[str]  # stems of words with a negation child
    hedged: bool


class _Judge:
    def __init__(self, work: Work, doc: Doc) -> None:
        from newsgraph.stages.events import sentences

        self.doc = doc
        self._alt: dict[str, str] = {}
        self.work = work
        self.record = work.record
        self.w = words()
        self.heads = [
            (s.start, s.end) for s in self.record.sections if s.kind in ("title", "subtitle")
        ]
        self.sentences: list[_Sentence] = []
        mentions = sorted(
            (m.start, m.end, e.id) for e in self.record.entities for m in e.mentions
        )
        self.body_entities: set[str] = set()
        for s, _e, eid in mentions:
            if not self._in_head(s):
                self.body_entities.add(eid)
        body_values: list[float] = [
            f.value for f in self.record.figures if f.value is not None and not self._in_head(f.start)
        ]
        for start, end, sent in sentences(work, doc):
            toks = [t for t in sent if not (t.is_punct or t.is_space)]
            stems = {stem(t.text) for t in toks} | {stem(t.lemma_) for t in toks}
            ents = {eid for s, e, eid in mentions if start <= s < end}
            evs = [ev for ev in self.record.events if ev.start == start]
            if any(ev.status == "planned" for ev in evs):
                stems.update((stem("plan"), stem("planned")))  # "X Planned" / "X to Visit Y" is stated by a future event
            negated = {
                stem(t.head.lemma_) for t in toks if t.dep_ == "neg" or t.lower_ in ("neither", "nor", "never")
            } | {stem(t.head.text) for t in toks if t.lower_ in ("neither", "nor", "never")}
            hedged = any(t.lower_ in self.w.body_hedges for t in toks) or any(
                ev.reported_by for ev in evs
            )
            self.sentences.append(
                _Sentence(
                    start, end, stems, self._groups(stems), ents, {ev.type for ev in evs},
                    {ev.type for ev in evs if ev.status == "denied"}, negated, hedged,
                )
            )
        text = self.record.text
        for a, b in self.heads:  # headline numbers are not body numbers
            text = text[:a] + " " * (b - a) + text[b:]
        body_values += [v for v, _ in numbers(text)]
        self.body_values = body_values
        self.body_text = text
        self._word_values: list[float] | None = None  # "twelve", read only when needed
        self.body_stems: set[str] = set().union(*(s.stems for s in self.sentences)) if self.sentences else set()
        self.body_groups: set[int] = self._groups(self.body_stems)

    def _in_head(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.heads)

    def _groups(self, stems: set[str]) -> set[int]:
        out: set[int] = set()
        for s in stems:
            out |= self.w.groups.get(s, frozenset())
        return out

    def _same(self, claim_stem: str, stems: set[str], groups: set[int] | None = None) -> bool:
        if claim_stem in stems or self._alt.get(claim_stem, claim_stem) in stems:
            return True
        mine = self.w.groups.get(claim_stem) or self.w.groups.get(self._alt.get(claim_stem, ""))
        if not mine:
            return False
        if groups is None:
            groups = self.body_groups if stems is self.body_stems else self._groups(stems)
        return bool(mine & groups)

    def judge(self, doc: Doc, start: int, end: int) -> Check | None:
        """The check of one claim, or None when the span claims nothing (a date line, a
        rubric such as "Live updates")."""
        text = self.record.text[start:end]
        span = doc.char_span(start, end, alignment_mode="expand")
        toks: list[Token] = [t for t in span if not (t.is_punct or t.is_space)] if span is not None else []
        mentions = [
            (m.start, m.end, e) for e in self.record.entities for m in e.mentions
            if start <= m.start < end
        ]
        alt: dict[str, str] = {}  # text stem -> lemma stem
        self._alt = alt
        # an entity the NER found only in the headline ("Peruvian Troops Reportedly
        # Drilling" as an ORG) is read as words when the body uses most of its words
        mentions = [
            (s, t, e) for s, t, e in mentions
            if e.id in self.body_entities
            or not (self._words_in_body(self.record.text[s:t]) or self._named_in_body(self.record.text[s:t]))
        ]
        claim_entities = {e.id: self.record.text[s:t] for s, t, e in mentions}
        in_entity = {t.i for t in toks for s, e, _ in mentions if s <= t.idx < e}
        nums = [
            (f.value, f.text) for f in self.record.figures
            if f.value is not None and start <= f.start < end
            and not re.fullmatch(r"(19|20)\d\d", f.text.strip())
        ] or numbers(text)
        num_chars = {i for _, frag in nums for m in re.finditer(re.escape(frag), text) for i in range(m.start(), m.end())}
        hedges = [t.text for t in toks if t.lower_ in self.w.hedges]
        content: list[tuple[str, str]] = []
        for t in toks:
            low = t.lower_
            if t.i in in_entity or (t.idx - start) in num_chars or t.like_num:
                continue
            if t.is_stop or low in self.w.hedges or stem(low) in self.w.empty or len(low) < 3:
                continue
            if low in ("million", "billion", "thousand", "trillion"):
                continue
            content.append((stem(t.text), t.text))
            alt[stem(t.text)] = stem(t.lemma_)
        dated = sum(
            min(end, tx.end) - max(start, tx.start) for tx in self.record.timexes
            if tx.start < end and tx.end > start
        )
        if (not content and not claim_entities and not nums) or dated * 5 >= (end - start) * 3:
            return None
        nums += [n for n in _word_numbers(text) if not any(n[1] in f or f in n[1] for _, f in nums)]
        # 1. numbers: one the body never states; contradicted when the body clearly gives
        # another value for the same measure ("3,000 Soldiers" / "2,500 soldiers")
        missing = [(value, frag) for value, frag in nums if not self._stated(value)]
        missing_nums = [frag for _, frag in missing]
        for value, frag in missing:
            other = self._other_value(toks, start, text, frag, value, content)
            if other is not None:
                sent, said = other
                return self._check(
                    start, end, text, "contradicted", [Span(start=sent.start, end=sent.end)],
                    f"the headline says {frag} but the body states {said}",
                )
        if missing_nums:
            note = "; ".join(f"the figure {frag} is never stated in the body" for frag in missing_nums)
            return self._check(start, end, text, "unsupported", [], note + self._also_missing(content))
        # 1b. dates: the body dates the same thing otherwise ("in December" / "in January")
        other_date = self._other_date(start, end, content)
        if other_date is not None:
            sent, said, claimed = other_date
            return self._check(
                start, end, text, "contradicted", [Span(start=sent.start, end=sent.end)],
                f"the headline says {claimed} but the body states {said}",
            )
        # 2. actors (a place named only in the dateline counts: the story is filed from there)
        missing_ents = [
            name for eid, name in claim_entities.items()
            if eid not in self.body_entities and not self._in_dateline(name)
        ]
        if missing_ents:
            note = "; ".join(f"{name} is never mentioned in the body" for name in missing_ents)
            return self._check(start, end, text, "unsupported", [], note)
        # 3. action and other content words
        absent = [word for st, word in content if not self._same(st, self.body_stems) and not self._typed(st)]
        if content and len(absent) * 2 > len(content):
            quoted = ", ".join(f"'{w}'" for w in absent)
            return self._check(
                start, end, text, "unsupported", [],
                f"{quoted} {'is' if len(absent) == 1 else 'are'} never stated in the body",
            )
        # 4. best-covering sentences
        scored = []
        for sent in self.sentences:
            hits = [w for st, w in content if self._same(st, sent.stems, sent.groups) or self._typed(st) & sent.types]
            ent_hits = [n for eid, n in claim_entities.items() if eid in sent.entities]
            total = len(content) + len(claim_entities)
            cover = (len(hits) + len(ent_hits)) / total if total else 0.0
            scored.append((cover, -sent.start, sent, hits, ent_hits))
        pair_best = None
        by_order = sorted(scored, key=lambda x: -x[1])
        for one, two in itertools.pairwise(by_order):
            # a claim stated across two adjacent sentences ("... of Apple Inc. Steve Jobs
            # has died ...", split after "Inc.")
            hits = list(dict.fromkeys(one[3] + two[3]))
            ent_hits = list(dict.fromkeys(one[4] + two[4]))
            total = len(content) + len(claim_entities)
            cover = (len(hits) + len(ent_hits)) / total if total else 0.0
            if pair_best is None or cover > pair_best[0]:
                pair_best = (cover, one, two, hits, ent_hits)
        scored.sort(key=lambda x: (x[0], x[1]), reverse=True)
        if pair_best is not None and scored and pair_best[0] >= max(0.5, scored[0][0] + 0.2):
            cover, one, two, hits, ent_hits = pair_best
            merged = _Sentence(
                one[2].start, two[2].end, one[2].stems | two[2].stems, one[2].groups | two[2].groups,
                one[2].entities | two[2].entities, one[2].types | two[2].types,
                one[2].denied_types | two[2].denied_types, one[2].negated | two[2].negated,
                one[2].hedged or two[2].hedged,
            )
            scored.insert(0, (cover, -one[2].start, merged, hits, ent_hits))
            pair = [(cover, -one[2].start, one[2], hits, ent_hits), (cover, -two[2].start, two[2], hits, ent_hits)]
        else:
            pair = []
        if not scored or scored[0][0] < 0.5:
            return self._check(
                start, end, text, "unsupported", [],
                "no body sentence states it: at best "
                + (f"{scored[0][0]:.0%} of its words and actors" if scored else "nothing"),
            )
        best = scored[0]
        evidence = pair or [s for s in scored[:3] if s[0] >= max(0.5, best[0] - 0.15)][:2]
        sent = best[2]
        claim_types: set[str] = set()
        for st, _ in content:
            claim_types |= self._typed(st)
        neg_hit = any(st in sent.negated for st, _ in content) or bool(claim_types & sent.denied_types)
        claim_negated = any(t.lower_ in self.w.negations for t in toks)
        spans = [Span(start=s[2].start, end=s[2].end) for s in evidence]
        stated = ", ".join([f"'{w}'" for w in best[3]] + list(best[4]))
        if neg_hit and not claim_negated:
            return self._check(
                start, end, text, "contradicted", spans,
                f"the body states {stated} with a negation",
            )
        note = f"the body states {stated} ({best[0]:.0%} of the claim)"
        unstated = [w for _, w in content if w not in best[3]] + [
            n for n in claim_entities.values() if n not in best[4]
        ]
        if unstated:
            note += "; not in the evidence: " + ", ".join(f"'{w}'" for w in unstated)
        if not hedges and all(s[2].hedged for s in evidence):
            note += "; the body attributes or hedges it (reported, not asserted)"
        if hedges:
            hedged = any(s[2].hedged for s in evidence)
            note += (
                f"; the claim is hedged ({', '.join(hedges)})"
                + (" and so is the body" if hedged else ", the body states it without a hedge")
            )
        return self._check(start, end, text, "supported", spans, note)

    def _in_dateline(self, name: str) -> bool:
        line = self.record.dateline
        return line is not None and bool(line.place) and _key(name) == _key(line.place or "")

    def _sentence_of(self, pos: int) -> _Sentence | None:
        for sent in self.sentences:
            if sent.start <= pos < sent.end:
                return sent
        return None

    def _shares(self, sent: _Sentence, content: list[tuple[str, str]], skip: str) -> bool:
        return any(st != skip and self._same(st, sent.stems, sent.groups) for st, _ in content)

    def _other_value(
        self, toks: list[Token], start: int, text: str, frag: str, value: float,
        content: list[tuple[str, str]],
    ) -> tuple[_Sentence, str] | None:
        """A body sentence giving another number for the noun the claim's number counts."""
        at = text.find(frag)
        if at < 0:
            return None
        after = [t for t in toks if t.idx >= start + at + len(frag) and t.pos_ in ("NOUN", "PROPN")]
        if not after or after[0].idx - (start + at + len(frag)) > 30:
            return None
        noun = after[0]
        nst = stem(noun.lemma_)
        generic = noun.lemma_.lower() in _GENERIC_COUNTED
        persons = _person_nouns()
        for tok in self.doc:
            if not tok.like_num or self._in_head(tok.idx) or tok.idx >= len(self.record.text):
                continue
            counted = tok.head if tok.dep_ in ("nummod", "quantmod") else None
            if counted is None or counted.pos_ != "NOUN":
                nxt = [t for t in tok.doc[tok.i + 1 : tok.i + 4] if t.pos_ == "NOUN"]
                counted = nxt[0] if nxt else None
            if counted is None:
                continue
            cst = stem(counted.lemma_)
            same = cst == nst or self._same(nst, {cst})
            if not same and generic and counted.lemma_.lower() in persons:
                same = True
            if not same:
                continue
            found = numbers(tok.text, words=True)
            if not found or any(abs(v - value) <= 0.005 * abs(value) for v, _ in found):
                continue
            sent = self._sentence_of(tok.idx)
            if sent is None or (generic and not self._shares(sent, content, nst)):
                continue
            phrase = self.record.text[tok.idx : counted.idx + len(counted.text)]
            if len(phrase) > 60:
                phrase = f"{tok.text} {counted.text}"
            return sent, phrase
        return None

    def _other_date(
        self, start: int, end: int, content: list[tuple[str, str]]
    ) -> tuple[_Sentence, str, str] | None:
        """A claim date the body never gives, where a body sentence stating the rest of the
        claim gives another date of the same granularity."""
        claimed = [
            tx for tx in self.record.timexes
            if start <= tx.start < end and tx.type == "DATE" and tx.value and tx.value[:1].isdigit()
        ]
        body = [
            tx for tx in self.record.timexes
            if not self._in_head(tx.start) and tx.type == "DATE" and tx.value and tx.value[:1].isdigit()
        ]
        words_of = {stem(w) for tx in claimed for w in tx.text.split()}
        rest = [(st, w) for st, w in content if st not in words_of]
        for tx in claimed:
            value = tx.value or ""
            if any(b.value and b.value.startswith(value) for b in body):
                continue
            for b in body:
                if len(b.value or "") != len(value) or b.value == value:
                    continue
                sent = self._sentence_of(b.start)
                if sent is None:
                    continue
                hits = sum(self._same(st, sent.stems, sent.groups) for st, _ in rest)
                if rest and hits * 2 >= len(rest):
                    return sent, f"{b.text} ({b.value})", f"{tx.text} ({value})"
        return None

    def _stated(self, value: float) -> bool:
        def near(values: list[float]) -> bool:
            return any(abs(value - v) <= max(1e-9, 0.005 * abs(value)) for v in values)

        if near(self.body_values):
            return True
        if self._word_values is None:
            self._word_values = [
                v for v, frag in numbers(self.body_text, words=True) if not frag[:1].isdigit()
            ]
        return near(self._word_values)

    def _named_in_body(self, name: str) -> bool:
        """The body names the same thing under another entity ("U.S." / "United States")."""
        key = _key(name)
        names = {
            _key(n) for e in self.record.entities if e.id in self.body_entities
            for n in [e.name, *e.aliases]
        }
        if key in names:
            return True
        from newsgraph.stages.actors import _kb_country

        found = _kb_country(name)
        if found is None:
            return False
        # "U.S." in the headline, "American" or "Washington" in the body
        body_countries = {
            _key(c[0]) for e in self.record.entities if e.id in self.body_entities
            for c in [_kb_country(e.name)] if c is not None
        }
        return _key(found[0]) in names or _key(found[0]) in body_countries

    def _words_in_body(self, name: str) -> bool:
        parts = [stem(w) for w in re.findall(r"[^\W\d_]{3,}", name)]
        return bool(parts) and sum(self._same(p, self.body_stems) for p in parts) * 2 > len(parts)

    def _typed(self, st: str) -> frozenset[str]:
        return self.w.types.get(st, frozenset())

    def _also_missing(self, content: list[tuple[str, str]]) -> str:
        absent = [w for st, w in content if not self._same(st, self.body_stems)]
        if not absent:
            return ""
        return "; " + ", ".join(f"'{w}'" for w in absent) + " never occur" + ("s" if len(absent) == 1 else "") + " in the body"

    def _check(
        self, start: int, end: int, text: str, verdict: str, evidence: list[Span], note: str
    ) -> Check:
        return Check(
            id=item_id("check", start, end),
            kind="headline_support",
            claim=text,
            claim_span=Span(start=start, end=end),
            verdict=verdict,  # type: ignore[arg-type]
            evidence=evidence,
            note=note,
        )


def headline_lines(work: Work) -> list[tuple[int, int]]:
    """Spans of the title and subtitles in the text (from sections, else found by text)."""
    record = work.record
    lines = [(s.start, s.end) for s in record.sections if s.kind in ("title", "subtitle")]
    if lines:
        return lines
    out = []
    for line in [record.title, *record.subtitles]:
        if line:
            pos = record.text.find(line)
            if pos >= 0:
                out.append((pos, pos + len(line)))
    return out


def check_headlines(work: Work) -> list[Check]:
    doc = work.doc
    if doc is None:
        return []
    judge = _Judge(work, doc)
    checks: list[Check] = []
    w = judge.w
    for a, b in headline_lines(work):
        for s, e in split_claims(work.record.text[a:b], a, w.boundaries):
            try:
                check = judge.judge(doc, s, e)
            except (ValueError, KeyError, IndexError) as exc:
                work.warn("checks", "claim_skipped", f"{type(exc).__name__}: {exc}", s, e)
                continue
            if check is not None:
                checks.append(check)
    return checks


@dataclass(frozen=True)
class _Stage:
    name: str = "checks"
    version: str = "2"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("checks",)

    def run(self, work: Work) -> None:
        if work.doc is None:
            return
        work.record.checks = check_headlines(work)


STAGE = _Stage()
