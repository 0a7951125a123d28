"""Who acts: participants of events read from the parse and the record's entities, raised
to the state or organisation they act for.

Used by the events and checks stages. Everything here reads ``record.entities`` (filled by
the entities stage) and degrades gracefully when it is empty: a participant then keeps its
text and span with ``entity`` None.

Raising rules (data-driven where possible, never per-name):

- a NORP mention ("North Korean soldiers") -> the country entity of that demonym;
- a PERSON with a role (basis text or kb) naming a country -> that country's entity (a
  government role) or the organisation's entity; else a NORP / GPE modifier in the noun
  phrase ("Russian President X");
- a government body ORG with a country modifier ("the German foreign ministry") -> the country;
- a capital used as metonym is already mapped to its country by the entities stage (sense
  "metonym"); a literal city stays a city.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.record import ArticleRecord, Entity, Participant

if TYPE_CHECKING:
    from spacy.tokens import Token

_GOV_WORDS = re.compile(
    r"\b(ministry|minister|government|council|department|office|agency|service|army|forces?|"
    r"military|navy|parliament|senate|congress|cabinet|administration|embassy|intelligence|"
    r"presidency|kremlin|white house|command|guards?|police|treasury|state)\b",
    re.IGNORECASE,
)
_GOV_TITLES = re.compile(
    r"\b(president|minister|leader|spokes\w*|ambassador|envoy|official|lawmaker|senator|general|"
    r"chancellor|king|queen|premier|secretary|commander|diplomat|governor|mayor|chief of staff|"
    r"prime|foreign|defen[cs]e|representative|deputy|head of state|dictator|emir|sultan|prince)\b",
    re.IGNORECASE,
)
PRONOUNS_PERSON = {"he", "she", "him", "her"}
PRONOUNS_FIRST = {"we", "i", "us", "me", "our"}


def _kb_country(text: str) -> tuple[str, str | None] | None:
    """(country name, iso) for a country name, capital or demonym, from the KB when present."""
    try:
        from newsgraph.kb.lookup import lookup
    except ImportError:  # the KB lands with its own issue
        return None
    try:
        match = lookup(text)
    except Exception:
        return None
    if match is None or match.entry.type != "GPE":
        return None
    return match.entry.name, match.entry.iso


def kb_capital_of(name: str) -> str | None:
    """The ISO code of the country whose capital ``name`` is, from the KB (None for any other
    place: "Kharkiv" stays a city)."""
    try:
        from newsgraph.kb.lookup import lookup
    except ImportError:
        return None
    try:
        match = lookup(name)
    except Exception:
        return None
    if match is None or match.kind != "capital":
        return None
    return match.entry.iso


@dataclass
class EntityIndex:
    """Mentions of the record's entities by character offset, and raising to actors."""

    record: ArticleRecord

    def __post_init__(self) -> None:
        self.by_id: dict[str, Entity] = {e.id: e for e in self.record.entities}
        spans = sorted(
            (m.start, m.end, e.id) for e in self.record.entities for m in e.mentions
        )
        self.starts = [s[0] for s in spans]
        self.spans = spans
        self.by_name: dict[str, str] = {}
        self.by_iso: dict[str, str] = {}
        for e in self.record.entities:
            if e.type == "GPE":
                for name in [e.name, *e.aliases]:
                    self.by_name.setdefault(name.casefold(), e.id)
                if e.kb and e.kb.iso:
                    self.by_iso.setdefault(e.kb.iso, e.id)
            else:
                for name in [e.name, *e.aliases]:
                    self.by_name.setdefault(name.casefold(), e.id)

    def mentions_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Mentions overlapping [start, end), in text order."""
        i = bisect.bisect_left(self.starts, start)
        while i > 0 and self.spans[i - 1][1] > start:
            i -= 1
        out = []
        while i < len(self.spans) and self.spans[i][0] < end:
            s = self.spans[i]
            if s[1] > start:
                out.append(s)
            i += 1
        return out

    def at(self, start: int, end: int) -> str | None:
        """The entity whose mention covers the span best (containing it, else overlapping)."""
        found = self.mentions_in(start, end)
        for s, e, eid in found:
            if s <= start and end <= e:
                return eid
        return found[0][2] if found else None

    def last_before(self, pos: int, etype: str, window: int = 800) -> str | None:
        """The nearest entity of ``etype`` mentioned before ``pos`` (pronoun fallback)."""
        i = bisect.bisect_left(self.starts, pos) - 1
        while i >= 0 and self.spans[i][0] >= pos - window:
            eid = self.spans[i][2]
            if self.by_id[eid].type == etype and self.spans[i][1] <= pos:
                return eid
            i -= 1
        return None

    def person_by_surname(self, word: str, pos: int) -> str | None:
        """A PERSON entity named earlier whose last name is ``word`` ("Rios" for "Mateo Rios")."""
        for e in self.record.entities:
            named = e.type == "PERSON" and len(e.name.split()) > 1 and e.name.split()[-1] == word
            if named and any(m.start < pos for m in e.mentions):
                return e.id
        return None

    def country_entity(self, name: str | None, iso: str | None = None) -> str | None:
        """The GPE entity of this record for a country name or ISO code."""
        if iso and iso in self.by_iso:
            return self.by_iso[iso]
        if not name:
            return None
        if len(name) == 2 and name.isupper() and name in self.by_iso:
            return self.by_iso[name]
        eid = self.by_name.get(name.casefold())
        if eid is not None:
            return eid
        kb = _kb_country(name)
        if kb is not None:
            kb_name, kb_iso = kb
            if kb_iso and kb_iso in self.by_iso:
                return self.by_iso[kb_iso]
            return self.by_name.get(kb_name.casefold())
        return None

    def capital_country(self, eid: str) -> str | None:
        """The record's country entity for a capital entity ("Riyadh" -> Saudi Arabia), when the
        record names that country; None for anything else."""
        entity = self.by_id.get(eid)
        if entity is None or entity.type != "GPE":
            return None
        iso = kb_capital_of(entity.name)
        cid = self.country_entity(None, iso) if iso else None
        return cid if cid and cid != eid else None

    def _demonym_country(self, entity: Entity, surface: str) -> str | None:
        iso = (entity.kb.iso if entity.kb else None) or (entity.geo.country if entity.geo else None)
        eid = self.country_entity(None, iso) if iso else None
        if eid:
            return eid
        for name in (surface, entity.name):
            eid = self.country_entity(name)
            if eid and self.by_id[eid].type == "GPE":  # not the demonym's own entity
                return eid
        # name heuristic: "Ukrainian" ~ "Ukraine", "North Korean" ~ "North Korea"
        low = surface.casefold().strip()
        for e in self.record.entities:
            if e.type != "GPE":
                continue
            n = e.name.casefold()
            stem = n[: max(4, len(n) - 2)]
            if low.startswith(stem) and abs(len(low) - len(n)) <= 4:
                return e.id
        return None

    def raise_entity(self, eid: str, np_tokens: list[Token] | None = None) -> str:
        """The state or organisation the entity acts for (itself when none is known)."""
        entity = self.by_id.get(eid)
        if entity is None:
            return eid
        if entity.type == "NORP":
            return self._demonym_country(entity, entity.name) or eid
        if entity.type == "PERSON":
            for role in entity.roles:
                gov = bool(_GOV_TITLES.search(role.title)) or (
                    role.org is not None and bool(_GOV_WORDS.search(role.org))
                )
                if role.country and (gov or not role.org):
                    cid = self.country_entity(role.country) or self._people_of(role.country)
                    if cid:
                        return cid
                if role.org:
                    oid = self.by_name.get(role.org.casefold())
                    if oid and self.by_id[oid].type == "ORG" and not _GOV_WORDS.search(role.org):
                        return oid
                    if role.country:
                        cid = self.country_entity(role.country)
                        if cid:
                            return cid
            return self._modifier_country(np_tokens, exclude=eid) or eid
        if entity.type == "ORG" and _GOV_WORDS.search(entity.name):
            if entity.geo and entity.geo.country:
                cid = self.country_entity(None, entity.geo.country)
                if cid:
                    return cid
            return self._modifier_country(np_tokens, exclude=eid) or eid
        return eid

    def _people_of(self, country: str) -> str | None:
        """The demonym entity of a country the record never names ("Malian" for Mali): the
        nearest stand-in for the state when no country entity exists."""
        kb = _kb_country(country)
        iso = kb[1] if kb else None
        if not iso:
            return None
        for e in self.record.entities:
            if e.type == "NORP" and e.kb is not None and e.kb.iso == iso:
                return e.id
        return None

    def _modifier_country(self, np_tokens: list[Token] | None, exclude: str) -> str | None:
        if not np_tokens:
            return None
        for tok in np_tokens:
            for s, e, other in self.mentions_in(tok.idx, tok.idx + len(tok.text)):
                if other == exclude:
                    continue
                ent = self.by_id[other]
                if ent.type == "GPE":
                    return other
                if ent.type == "NORP":
                    return self._demonym_country(ent, self.record.text[s:e])
        return None


def noun_phrase(head: Token) -> list[Token]:
    """The head's phrase without its right-hand clauses and prepositions (but with
    compounds / flat names to its right), and without its conjuncts."""
    left = head.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ in ("compound", "flat", "nummod") and child.i == right + 1:
            right = child.i
        else:
            break
    doc = head.doc
    toks = [t for t in doc[left : right + 1]]
    while toks and (
        toks[0].is_punct or toks[0].dep_ in ("cc", "preconj") or toks[0].is_space
        or toks[0].lower_ in ("both", "either", "neither")
    ):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks = toks[:-1]
    # a conjunct inside the left edge ("X and Y" where head is X) cannot occur; a
    # possessive clitic at the end is dropped
    return toks or [head]


def conjuncts(head: Token) -> list[Token]:
    """The head and its coordinated heads ("X and Y", "X, Y and Z")."""
    out = [head]
    stack = [c for c in head.children if c.dep_ == "conj"]
    while stack:
        tok = stack.pop(0)
        if tok.pos_ in ("NOUN", "PROPN", "PRON"):
            out.append(tok)
            stack.extend(c for c in tok.children if c.dep_ == "conj")
    return out


def _of_object(head: Token, index: EntityIndex) -> Token | None:
    """The entity object of "of" after a head noun ("the government of Canada")."""
    if head.pos_ != "NOUN":
        return None
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and index.at(pobj.idx, pobj.idx + len(pobj.text)):
                    return pobj
    return None


def participant(
    head: Token,
    index: EntityIndex,
    resolve_pronoun: Callable[[Token], str | None] | None = None,
    relational: frozenset[str] = frozenset(),
    bounds: tuple[int, int] | None = None,
) -> Participant:
    """One participant for a noun-phrase head: its span, text and raised entity (the
    phrase clipped to ``bounds``, the sentence, when given)."""
    toks = noun_phrase(head)
    if bounds is not None:
        toks = [t for t in toks if bounds[0] <= t.idx < bounds[1]] or [head]
    of_obj = _of_object(head, index)
    if of_obj is not None:  # "the government of Canada": the phrase runs to the entity
        toks = [*toks, *[t for t in head.doc[toks[-1].i + 1 : of_obj.i + 1]]]
    return from_tokens(toks, head, index, resolve_pronoun, relational)


def split_coordination(toks: list[Token], index: EntityIndex) -> list[list[Token]]:
    """A phrase the parser left as one ("Peruvian leader X and Bolivian President Y" with X
    as a modifier of Y) split at "and" / "," when every part names an entity."""
    parts: list[list[Token]] = [[]]
    for t in toks:
        if t.lower_ in ("and", ",", "&") and t.dep_ in ("cc", "punct"):
            parts.append([])
        else:
            parts[-1].append(t)
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return [toks]
    for part in parts:
        found = index.mentions_in(part[0].idx, part[-1].idx + len(part[-1].text))
        if not any(index.by_id[m[2]].type in ("PERSON", "ORG", "GPE") for m in found):
            return [toks]
    return parts


def from_tokens(
    toks: list[Token],
    head: Token,
    index: EntityIndex,
    resolve_pronoun: Callable[[Token], str | None] | None = None,
    relational: frozenset[str] = frozenset(),
) -> Participant:
    """The participant over these tokens (``head`` being the phrase's head)."""
    start = toks[0].idx
    end = toks[-1].idx + len(toks[-1].text)
    text = index.record.text[start:end]
    eid: str | None = None
    if head.pos_ == "PRON" and resolve_pronoun is not None:
        eid = resolve_pronoun(head)
    if eid is None:
        eid = index.at(head.idx, head.idx + len(head.text))
    if eid is None and head.text[:1].isupper() and head.pos_ in ("PROPN", "NOUN"):
        eid = index.person_by_surname(head.text, head.idx)
    if eid is None and head.lemma_.lower() in relational:
        # "his Ukrainian counterpart", "its Russian ally": a demonym says whose the person is
        # (unlike "Ukraine's allies", a possessive, which stay unresolved)
        for mod in head.children:
            if mod.dep_ in ("amod", "compound"):
                found = index.at(mod.idx, mod.idx + len(mod.text))
                if found is not None and index.by_id[found].type == "NORP":
                    eid = found
                    break
    if eid is None and head.lemma_.lower() not in relational:
        # "North Korea's envoy", "the North Korean soldiers" act for the modifier's state;
        # "Ukraine's allies" (a relational noun) do not
        inside = index.mentions_in(start, end)
        ranked = sorted(
            inside,
            key=lambda m: (index.by_id[m[2]].type not in ("GPE", "ORG", "PERSON"), -m[0]),
        )
        if ranked:
            eid = ranked[0][2]
    if eid is not None:
        eid = index.raise_entity(eid, toks)
    return Participant(entity=eid, text=text, start=start, end=end)
