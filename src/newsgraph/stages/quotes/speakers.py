"""Who a reporting clause names: noun phrases from the parse, resolved to entities.

:class:`Resolver` turns a subject token into a :class:`Speaker` (text, span, entity id):
a name inside a person/organisation mention becomes that mention (widened to whole words,
so a hyphenated given name is kept); "he"/"she" becomes the last person named outside
quotes; "it"/"they" the last organisation or earlier speaker; "the agency" the last
organisation mention whose name holds "agency"; "the carmaker", "the director", "the head of
quality" the organisation or person the text described so (:meth:`Resolver._nominal`: the
speaker keeps the noun phrase's words and span, the entity is linked); a document ("the statement", "a statement
on the agency's website") becomes whoever released it, read from a possessive, a
"from/by/of" phrase, or an earlier "statement released by X". Without any match the noun
phrase itself is the speaker text and the entity is None (an unnamed "health spokesman").
Mentions come from ``record.entities`` when the entities stage filled it, else from the
parse's named entities (then with no entity id).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.attrs import IDX, LEMMA
from spacy.strings import hash_string  # type: ignore[attr-defined]

from newsgraph.stages.quotes.lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsgraph.record import ArticleRecord

_NAME_TYPES = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
_LEFT_DEPS = {"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case",
              "predet", "npadvmod", "advmod", "punct"}
_RIGHT_DEPS = {"prep", "acl", "case", "compound", "nummod"}
_AGED = re.compile(r"the (\d{1,3})-year-old", re.IGNORECASE)


@dataclass(frozen=True)
class Speaker:
    text: str
    start: int
    end: int
    entity: str | None = None
    kind: str = "name"  # name | noun | nominal (a noun phrase naming an entity) | pronoun | document


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    type: str
    entity: str | None


class Resolver:
    def __init__(self, text: str, doc: Doc, record: ArticleRecord,
                 quoted: list[tuple[int, int]]) -> None:
        self.text = text
        self.doc = doc
        self.quoted = sorted(quoted)
        self.headings = [(sec.start, sec.end) for sec in record.sections if sec.kind == "title"]
        self.tops = [(sec.start, sec.end) for sec in record.sections if sec.kind in ("title", "subtitle")]
        self._quoted_starts = [q[0] for q in self.quoted]
        mentions: list[_Mention] = []
        for ent in record.entities:
            for m in ent.mentions:
                mentions.append(_Mention(m.start, m.end, ent.type, ent.id))
        taken = sorted((m.start, m.end) for m in mentions)
        for e in doc.ents:
            if e.label_ in _NAME_TYPES and not _overlaps(taken, e.start_char, e.end_char):
                s, t = self._widen(e.start_char, e.end_char)
                mentions.append(_Mention(s, t, e.label_, None))
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self._role_words: dict[str, set[str]] = {
            ent.id: {w.lower() for r in ent.roles for w in r.title.split()} for ent in record.entities if ent.roles}
        self._names: dict[str, str] = {}
        self._types: dict[str, str] = {ent.id: ent.type for ent in record.entities}
        surnames: dict[str, set[str]] = {}
        for ent in record.entities:
            for name in [ent.name, *ent.aliases]:
                self._names.setdefault(name.lower(), ent.id)
            if ent.type == "PERSON" and " " in ent.name:
                surnames.setdefault(ent.name.split()[-1].lower(), set()).add(ent.id)
        for last, ids in surnames.items():
            if len(ids) == 1:
                self._names.setdefault(last, next(iter(ids)))
        self._mention_starts = [m.start for m in self.mentions]
        self.lex = lexicon()
        self.recent: list[Speaker] = []  # speakers of reporting clauses, in text order
        self._genders: dict[str, str] | None = None
        self.token_starts: list[int] = doc.to_array(IDX).tolist() if len(doc) else []
        self._tok_starts = self.token_starts
        docs = {hash_string(w) for w in self.lex.documents}
        self._documents = [i for i, h in enumerate(doc.to_array(LEMMA).tolist()) if h in docs] if len(doc) else []

    # ---- mentions -------------------------------------------------------------------
    def _widen(self, start: int, end: int) -> tuple[int, int]:
        """Grow a name to whole whitespace-delimited words ("Park Sun" -> "Park Sun-won")."""
        text = self.text
        while end < len(text) and (text[end].isalnum() or (
                text[end] == "-" and end + 1 < len(text) and text[end + 1].isalnum())):
            end += 1
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        # a possessive is not part of the name
        for suffix in ("'s", "’s"):
            if text[start:end].endswith(suffix):
                end -= len(suffix)
        return start, end

    def in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self._quoted_starts, pos) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def mention_at(self, start: int, end: int, types: set[str] | None = None) -> _Mention | None:
        best: _Mention | None = None
        best_len = 0
        i = bisect.bisect_right(self._mention_starts, end)
        for m in self.mentions[max(0, i - 12):i]:
            if m.end <= start or m.start >= end or (types and m.type not in types):
                continue
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > best_len:
                best, best_len = m, overlap
        return best

    def entity_at(self, start: int, end: int) -> str | None:
        m = self.mention_at(start, end)
        if m is not None and m.entity is not None:
            return m.entity
        return self.entity_named(self.text[start:end])

    def _speaker_from_mention(self, m: _Mention, kind: str = "name") -> Speaker:
        start, end = m.start, m.end
        if m.type == "PERSON":
            start, end = self._widen(start, end)  # "Oh Min" -> "Oh Min-jae"
        text = self.text[start:end]
        return Speaker(text, start, end, m.entity or self.entity_named(text), kind)

    def _is_subject(self, m: _Mention) -> bool:
        toks = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if toks is None or not len(toks):
            return False
        root = toks.root
        head = root.head.head if root.dep_ == "appos" else root.head
        lo, hi = sorted((root.idx, head.idx))
        if "\n" in self.text[lo:hi]:
            return False  # the parse ran across a paragraph break
        return root.dep_ in ("nsubj", "nsubjpass") or (
            root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass"))

    def last_mention(self, before: int, types: set[str], word: str | None = None) -> _Mention | None:
        """The last mention before ``before`` outside quotes; a grammatical subject within the
        last two paragraphs' reach (~1200 characters) wins over a nearer non-subject."""
        i = bisect.bisect_left(self._mention_starts, before)
        nearest: _Mention | None = None
        for m in reversed(self.mentions[:i]):
            if m.type not in types or self.in_quote(m.start) or m.end > before:
                continue
            if any(a <= m.start < b for a, b in self.headings):
                continue
            if word and word not in self.text[m.start:m.end].lower().split():
                continue
            if nearest is None:
                nearest = m
            if before - m.start > 1200:
                break
            if self._is_subject(m):
                return m
        return nearest

    def entity_named(self, name: str) -> str | None:
        """An entity of the record called ``name`` (or whose person name ends with it)."""
        return self._names.get(name.lower())

    # ---- noun phrases -----------------------------------------------------------------
    def np_bounds(self, tok: Token) -> tuple[int, int]:
        """Token index bounds [lo, hi) of the noun phrase headed by ``tok`` (no appositions,
        relative clauses or material beyond a comma)."""
        lo = tok.i
        for child in tok.lefts:
            if child.dep_ in _LEFT_DEPS:
                lo = min(lo, child.left_edge.i)
        while lo < tok.i and (self.doc[lo].is_punct or self.doc[lo].dep_ == "cc"):
            lo += 1
        for j in range(tok.i - 1, lo - 1, -1):
            if self.doc[j].text in (",", ";", "(", ")", "—", "–", "\"", "“", "”") or (
                    self.doc[j].text in ("'", "‘", "’") and self.doc[j].tag_ != "POS"):
                lo = j + 1
                break
        hi = tok.i + 1
        for child in tok.rights:
            if child.dep_ not in _RIGHT_DEPS and not (
                    child.dep_ == "amod" and any(c.dep_ == "prep" for c in child.children)):
                break  # ("people familiar with the talks" keeps its adjective phrase)
            if any(t.text in (",", ";", "(", "—") for t in self.doc[hi:child.i]):
                break
            right = child.right_edge.i + 1
            span_toks = self.doc[child.i:right]
            cut = next((t.i for t in span_toks if t.text in (",", ";", "(", "—") or t.dep_ == "relcl"), None)
            hi = cut if cut is not None else right
            if cut is not None:
                break
        while hi > tok.i + 1 and (self.doc[hi - 1].is_punct or self.doc[hi - 1].dep_ == "case"):
            hi -= 1
        if hi == tok.i + 1 and self.doc[tok.i].dep_ == "case":
            hi = tok.i
        for j in range(lo, hi):
            if "\n" in self.doc[j].text:  # never across a paragraph break
                if j < tok.i:
                    lo = j + 1
                else:
                    hi = j
                    break
        trailing = [t for t in self.doc[tok.i + 1:hi] if t.dep_ == "case"]
        if trailing and trailing[-1].i == hi - 1:
            hi -= 1
        return lo, hi

    def speaker_for(self, tok: Token) -> Speaker:
        """The speaker a subject token names, resolved as far as the text allows."""
        doc, lex = self.doc, self.lex
        low = tok.lower_
        if tok.pos_ == "PRON" or low in lex.person_pronouns or low in lex.group_pronouns:
            return self.pronoun(tok)
        if tok.lemma_.lower() in lex.documents or tok.lower_ in lex.documents:
            found = self.document_owner(tok)
            if found is not None:
                return found
        m = self.mention_at(tok.idx, tok.idx + len(tok), {"PERSON", "ORG", "GPE", "NORP", "FAC"})
        if m is not None and m.type == "NORP" and tok.i > 0 and doc[tok.i - 1].lower_ == "the" \
                and not tok.text.endswith("s"):
            # "the Norwegian said" after "Norwegian climber Arne Fjellstad"
            found = self._person_described(doc[tok.i - 1].idx, {tok.lower_}, tok)
            if found is not None:
                return found
        if m is not None and (m.type != "NORP" or tok.pos_ == "PROPN"):
            return self._speaker_from_mention(m)
        aged = _AGED.fullmatch(self.text[doc[tok.i - 5].idx:tok.idx + len(tok)]) if tok.i >= 5 else None
        if aged is not None:
            # "the 61-year-old said" after "Arne Fjellstad, 61," / "61-year-old Arne Fjellstad"
            found = self._person_described(doc[tok.i - 5].idx, {aged.group(1)}, tok)
            if found is not None:
                return found
        # an apposition that names the subject: "Its spokesman, Viktor Anselm, said"
        for child in tok.rights:
            if child.dep_ == "appos":
                m = self.mention_at(child.idx, child.idx + len(child), {"PERSON", "ORG"})
                if m is not None:
                    return self._speaker_from_mention(m)
        # a role noun followed by a name the tagger did not catch: "senator Oh Min-jae"
        j = tok.i + 1
        while j < len(doc) and (doc[j].pos_ == "PROPN" or (
                doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_)):
            j += 1
        if tok.pos_ == "NOUN" and j > tok.i + 1 and doc[tok.i + 1].text[:1].isupper():
            s, e = self._widen(doc[tok.i + 1].idx, doc[j - 1].idx + len(doc[j - 1]))
            return Speaker(self.text[s:e], s, e, self.entity_at(s, e), "name")
        if tok.pos_ == "PROPN" and not tok.text.islower():
            return self.proper_name(tok)
        lo, hi = self.np_bounds(tok)
        span = doc[lo:hi]
        named = self._name_in_apposition(tok, hi) if tok.lemma_.lower() in lex.person_nouns else None
        if named is not None:
            return named
        # "the agency", "the minister", "the head of quality": who the article named so
        words = [t for t in span if not t.is_punct]
        if words and words[0].lower_ not in ("a", "an", "the") and tok.lemma_.lower() in lex.person_nouns \
                and any(a <= span.start_char < b for a, b in self.tops):
            # a deck's "Health minister says ...": the person the story calls so
            found = self.role_named_after(Speaker(span.text, span.start_char, span.end_char, None, "noun"), tok)
            if found is not None:
                return found
        if words and words[0].lower_ == "the" and (tok.pos_ == "NOUN" or tok.text.islower()) and tok.tag_ not in ("NNS", "NNPS"):
            found = self._nominal(span, tok)
            if found is not None:
                return found
        return Speaker(span.text, span.start_char, span.end_char, self.entity_at(tok.idx, tok.idx + len(tok)), "noun")

    def _person_described(self, before: int, words: set[str], tok: Token) -> Speaker | None:
        """The last person before ``before`` (~2000 characters) described by one of ``words``
        ("Norwegian climber X", "X, 61,"), as a nominal speaker ``the <tok>``."""
        i = bisect.bisect_left(self._mention_starts, before)
        for m in reversed(self.mentions[:i]):
            if before - m.start > 2000:
                break
            if m.type != "PERSON" or self.in_quote(m.start) or m.end > before:
                continue
            if self._described_as(m, words, heads=False):
                end = tok.idx + len(tok)
                if m.entity is None:
                    return self._speaker_from_mention(m)
                return Speaker(self.text[before:end], before, end, m.entity, "nominal")
        return None

    def _name_in_apposition(self, tok: Token, hi: int) -> Speaker | None:
        """"A spokeswoman for the ministry, Annika Rode, said": the name set off by commas
        right after a role noun's phrase (however the parser hung it), before the verb."""
        doc = self.doc
        if hi + 2 >= len(doc) or doc[hi].text != "," or "\n" in doc[hi].text:
            return None
        j = hi + 1
        k = j
        while k < len(doc) and (doc[k].pos_ == "PROPN" or (
                doc[k].text == "-" and not doc[k - 1].whitespace_ and not doc[k].whitespace_)):
            k += 1
        if k == j or k - j > 4 or k >= len(doc) or doc[k].text != "," or not doc[j].text[:1].isupper():
            return None
        s, e = self._widen(doc[j].idx, doc[k - 1].idx + len(doc[k - 1]))
        m = self.mention_at(s, e, {"PERSON", "ORG"})
        if m is not None and m.start <= s and e <= m.end + 1:
            return self._speaker_from_mention(m)
        if k - j < 2:
            return None  # a lone capitalised word is no name here ("the minister, Monday,")
        return Speaker(self.text[s:e], s, e, self.entity_at(s, e), "name")

    def _nominal(self, span: Span, tok: Token) -> Speaker | None:
        """A definite noun phrase that refers back: "the agency" to the last organisation
        whose name holds "agency"; "the carmaker" to the organisation described as one
        ("the carmaker Kelderwick", "The port operator, Saltmere Terminals,"), else the last
        company named (no ministry, police, union ...); "the minister", "the head of quality"
        to the last person holding that role. The speaker keeps the words of the text
        (``text``/``start``/``end``) and links the entity; with no entity id behind the
        antecedent, the antecedent's name is the speaker."""
        lex = self.lex
        lemma = tok.lemma_.lower()
        at = span.start_char
        core = {t.lemma_.lower() for t in span if t.pos_ in ("NOUN", "ADJ", "PROPN") and t.i != tok.i}
        found: Speaker | None = None
        if len(span) == 2:
            m2 = self.last_mention(at, {"ORG"}, tok.lower_)
            if m2 is not None:
                found = self._speaker_from_mention(m2)
        if found is None and lemma in lex.company_nouns:
            found = self._company(at, lemma, bare=len(span) == 2)
        if found is None and lemma in lex.person_nouns:
            found = self._role_holder(at, lemma, core)
        if found is None and len(span) == 2 and lemma not in lex.person_nouns:
            # "the ministry" after "Tarrow's finance ministry" that no tagger took for a name
            found = self._antecedent_np(at, tok)
        if len(span) == 2:
            # "the official" after "A senior official ... said": the same unnamed speaker,
            # when no one named with that role came after it
            for sp in reversed(self.recent):
                if sp.end <= at and sp.kind == "noun" and sp.start != at \
                        and sp.text.lower().split()[-1:] == [tok.lower_] and at - sp.start < 1500:
                    if found is None or found.start < sp.start:
                        return sp
                    break
        if found is None:
            return None
        if found.entity is None:
            return found
        return Speaker(span.text, span.start_char, span.end_char, found.entity, "nominal")

    def _described_as(self, m: _Mention | Speaker, lemmas: set[str], heads: bool = True) -> bool:
        """Whether a mention is called one of ``lemmas`` by its title or apposition: "Fisheries
        Minister Corvin Halloway", "the carmaker Kelderwick", "The port operator, Saltmere
        Terminals,", "Hanne Voskuijlen, Kelderwick's head of quality,"; never a possessor
        ("Saltmere Terminals' operations director" does not call Saltmere a director)."""
        doc = self.doc
        a = self._token_index(m.start)
        b = self._token_index(m.end)
        if b < len(doc) and doc[b].tag_ == "POS":
            return False
        before: list[Token] = []
        reach = 10 if a > 0 and doc[a - 1].text == "," else 5  # "A spokeswoman for X, Ann Rode,"
        for t in reversed(doc[max(0, a - reach):a]):
            if t.text in (".", ";", ":", "\n", "(", ")", "\"", "“", "”") or "\n" in t.text \
                    or (t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound")):
                break
            if t.text == "," and before:
                break  # "X, the minister, Y": the comma right before only
            before.append(t)
        after: list[Token] = []
        if b < len(doc) and doc[b].text in (",", "(", "—", "–"):
            for t in doc[b + 1:min(len(doc), b + 12)]:
                if t.text in (",", ".", ";", ")", "—", "–", "\"", "“", "”") or "\n" in t.text \
                        or (t.pos_ == "VERB" and t.dep_ not in ("amod", "compound")):
                    break
                after.append(t)
        words = [*before, *after]
        if heads:  # the describing noun, not a possessor or an object ("a spokesman for the carmaker")
            words = [t for t in words if t.dep_ not in ("poss", "pobj")
                     and not (t.i + 1 < len(doc) and doc[t.i + 1].tag_ == "POS")]
        return any(t.lemma_.lower() in lemmas or t.lower_ in lemmas for t in words if not self.in_quote(t.idx))

    def _company(self, before: int, noun: str, bare: bool = True) -> Speaker | None:
        """"the carmaker": the last organisation called so, else (for a bare "the company",
        not "the rebel group") the last company named (an organisation whose name holds no
        institution word), within ~2000 characters."""
        i = bisect.bisect_left(self._mention_starts, before)
        fallback: _Mention | None = None
        for m in reversed(self.mentions[:i]):
            if before - m.start > 2000:
                break
            if m.type not in ("ORG", "PERSON") or self.in_quote(m.start) or m.end > before:
                continue
            if any(a <= m.start < b for a, b in self.headings):
                continue
            if self._described_as(m, {noun}):
                return self._speaker_from_mention(m)
            if fallback is None and not any(
                    w in self.lex.institution_words for w in self.text[m.start:m.end].lower().split()) and (
                    (m.type == "ORG" and not self.person_like(m))
                    or self._described_as(m, set(self.lex.company_nouns))):  # "X, a family-owned firm,"
                fallback = m
        if not bare:
            return None
        if fallback is not None:
            return self._speaker_from_mention(fallback)
        # a proper-noun subject no tagger took for a name: "Halden Dairy is recalling ..."
        for t in reversed(self.doc[: self._token_index(before)]):
            if before - t.idx > 2000:
                break
            if t.dep_ != "nsubj" or t.pos_ != "PROPN" or not t.text[:1].isupper() or self.in_quote(t.idx) \
                    or any(a <= t.idx < b for a, b in self.headings):
                continue
            if self.mention_at(t.idx, t.idx + len(t)) is None:
                sp = self.proper_name(t)
                if " " in sp.text:
                    return sp
        return None

    def _antecedent_np(self, before: int, tok: Token) -> Speaker | None:
        """An earlier noun phrase with the same head and more words ("Tarrow's finance
        ministry" for "the ministry") that was a subject, outside quotes and headings, within
        ~1500 characters."""
        lemma = tok.lemma_.lower()
        for t in reversed(self.doc[: self._token_index(before)]):
            if before - t.idx > 1500:
                break
            if t.lemma_.lower() != lemma or t.pos_ != "NOUN" or t.tag_ == "NNS" or self.in_quote(t.idx) \
                    or t.dep_ not in ("nsubj", "nsubjpass") \
                    or any(a <= t.idx < b for a, b in self.headings):
                continue
            lo, hi = self.np_bounds(t)
            words = [w for w in self.doc[lo:hi] if not w.is_punct and w.lower_ not in ("the", "a", "an")]
            if len(words) < 2:
                continue
            start, end = self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1])
            if self.doc[lo].lower_ in ("the", "a", "an"):
                start = self.doc[lo + 1].idx
            m = self.mention_at(t.idx, t.idx + len(t), {"ORG"})
            return Speaker(self.text[start:end], start, end, m.entity if m else None, "name")
        return None

    def _role_holder(self, before: int, noun: str, core: set[str] | None = None) -> Speaker | None:
        """The last person named before ``before`` with the role ``noun``: from the entities
        stage's roles, or a title right before the name ("Labour Minister Henrik Solvang")
        or in apposition ("Henrik Solvang, the labour minister"). A holder whose role also
        has the phrase's other words ("the union president", "the head of quality") wins
        over a nearer one with the bare noun."""
        i = bisect.bisect_left(self._mention_starts, before)
        nearest: Speaker | None = None
        for m in reversed(self.mentions[:i]):
            if before - m.start > 2000:
                break
            if m.type not in ("PERSON", "ORG") or self.in_quote(m.start) or m.end > before:
                continue
            if m.type != "PERSON" and not self.person_like(m):
                continue
            roles = self._role_words.get(m.entity, set()) if m.entity is not None else set()
            if noun in roles or self._described_as(m, {noun}):
                if not core or core <= roles or self._described_as_all(m, core):
                    return self._speaker_from_mention(m)
                if nearest is None and len(core) <= 1:
                    nearest = self._speaker_from_mention(m)
        if nearest is None:
            # a speaker named in a reporting clause whom no tagger took for a name
            for sp in reversed(self.recent):
                if sp.kind != "name" or sp.entity is not None or sp.end > before or before - sp.start > 2000:
                    continue
                if self._described_as(sp, {noun}) and (not core or self._described_as_all(sp, core)):
                    return sp
        return nearest

    def role_named_after(self, speaker: Speaker, tok: Token) -> Speaker | None:
        """A bare role noun that heads a quote ('Surgeon: "..."' in a headline): the first
        person after it, within ~1500 characters, whom the text gives that role ("Dr. Ingrid
        Salomonsen, a heart surgeon"); the words stay, the entity is linked."""
        noun = tok.lemma_.lower()
        if noun not in self.lex.person_nouns:
            noun = tok.lower_
            if noun not in self.lex.person_nouns:
                return None
        i = bisect.bisect_right(self._mention_starts, speaker.end)
        for m in self.mentions[i:]:
            if m.start - speaker.end > 1500:
                break
            if m.type != "PERSON" or m.entity is None or self.in_quote(m.start):
                continue
            if noun in self._role_words.get(m.entity, set()) or self._described_as(m, {noun}):
                return Speaker(speaker.text, speaker.start, speaker.end, m.entity, "nominal")
        return None

    def _described_as_all(self, m: _Mention | Speaker, lemmas: set[str]) -> bool:
        return all(self._described_as(m, {w}, heads=False) for w in lemmas)

    def proper_name(self, tok: Token) -> Speaker:
        """A run of proper nouns around ``tok`` the tagger did not mark as a name, without a
        leading role word ("Engineer Bo Lindahl" -> "Bo Lindahl")."""
        doc = self.doc

        def joins(j: int) -> bool:
            t = doc[j]
            if "\n" in t.text:
                return False
            return t.pos_ == "PROPN" or (t.text == "-" and j > 0 and not doc[j - 1].whitespace_
                                          and not t.whitespace_)

        lo = tok.i
        while lo > 0 and joins(lo - 1):
            lo -= 1
        hi = tok.i + 1
        while hi < len(doc) and joins(hi):
            hi += 1
        while hi - lo > 1 and doc[lo].lower_ in self.lex.person_nouns:
            lo += 1
        start, end = self._widen(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]))
        return Speaker(self.text[start:end], start, end, self.entity_at(start, end), "name")

    # ---- gender: only from the text itself, never from a name list -------------------------
    def _gender_of(self, m: _Mention) -> str | None:
        """'m' / 'f' when the text says so: an honorific or a gendered role noun right before
        or in apposition ("Ms.", "spokeswoman", "chairman"), or the first third-person pronoun
        after the mention in its sentence, before any other person ("Harlow said her cabinet
        ..."). Known per entity once any mention shows it."""
        if self._genders is None:
            self._genders = {}
            for mm in self.mentions:
                if mm.type == "PERSON" or self.person_like(mm):
                    g = self._gender_here(mm)
                    key = mm.entity or self.text[mm.start:mm.end].split()[-1].lower()
                    if g is not None and key not in self._genders:
                        self._genders[key] = g
        key = m.entity or self.text[m.start:m.end].split()[-1].lower()
        return self._genders.get(key)

    def _gender_here(self, m: _Mention) -> str | None:
        doc, lex = self.doc, self.lex
        i = self._token_index(m.start)
        j = self._token_index(m.end)
        for t in doc[max(0, i - 3):i]:
            g = lex.gender_words.get(t.lower_.rstrip("."))
            if g is not None:
                return g
        if i < len(doc):
            root = doc[i:max(j, i + 1)].root
            for t in [root.head, *root.children]:
                if t.dep_ == "appos" or root.dep_ == "appos":
                    g = lex.gender_words.get(t.lower_)
                    if g is not None:
                        return g
        if i >= len(doc):
            return None
        sent = doc[i].sent
        for t in doc[j:min(sent.end, j + 25)]:
            if self.in_quote(t.idx):
                continue
            other = self.mention_at(t.idx, t.idx + len(t), {"PERSON"})
            if other is not None and other.start >= m.end:
                return None
            g = lex.gender_pronouns.get(t.lower_)
            if g is not None:
                return g
        return None

    def _gender_clash(self, m: _Mention, pronoun: str | None) -> bool:
        want = self.lex.gender_pronouns.get(pronoun or "")
        have = self._gender_of(m) if want else None
        return have is not None and have != want

    def _subject_antecedent(self, before: int, pronoun: str | None = None) -> Speaker | None:
        """The last person who was a grammatical subject before ``before`` (outside quotes
        and headings): a person mention, or a proper name the tagger missed."""
        doc = self.doc
        for t in reversed(doc[: self._token_index(before)]):
            if before - t.idx > 1200:
                break
            if t.dep_ not in ("nsubj", "nsubjpass", "appos") or self.in_quote(t.idx):
                continue
            if t.dep_ == "appos" and t.head.dep_ not in ("nsubj", "nsubjpass"):
                continue
            head = t.head if t.dep_ != "appos" else t.head.head
            lo, hi = sorted((t.idx, head.idx))
            if "\n" in self.text[lo:hi]:
                continue
            m = self.mention_at(t.idx, t.idx + len(t))
            if m is not None:
                if (m.type == "PERSON" or self.person_like(m)) and not self._gender_clash(m, pronoun):
                    return self._speaker_from_mention(m)
                continue
            if t.dep_ != "appos" and t.lemma_.lower() in self.lex.person_nouns and head.idx > t.idx:
                # "The UN's envoy for the region, Helena Marquardt, called ...": the name
                # between the role noun and its verb (however the parser hung it)
                named = self.mention_at(t.idx + len(t), head.idx)
                if named is not None and (named.type == "PERSON" or self.person_like(named)) \
                        and not self._gender_clash(named, pronoun):
                    return self._speaker_from_mention(named)
            if t.pos_ == "PROPN" and t.text[:1].isupper():
                return self.proper_name(t)
        return None

    def person_like(self, m: _Mention) -> bool:
        """A name the tagger typed ORG/GPE that reads as a person's: two or three capitalised
        words standing in apposition to, or right after, a person noun ("the envoy, Helena
        Marquardt", "Envoy Helena Marquardt")."""
        toks = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if toks is None or not 2 <= len(toks) <= 3 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in toks):
            return False
        words = {t.lower_ for t in toks}
        if words & (self.lex.institution_words | self.lex.company_nouns) or (
                toks.start > 0 and self.doc[toks.start - 1].lower_ == "the"):
            return False  # "the Green Alliance", "Harbour Union": an organisation's name
        root = toks.root
        nouns = self.lex.person_nouns
        if root.dep_ == "appos" and root.head.lemma_.lower() in nouns:
            return True
        if any(c.dep_ == "appos" and c.lemma_.lower() in nouns for c in root.children):
            return True
        before = self.doc[max(0, toks.start - 6):toks.start]
        if len(before) and before[-1].text == ",":
            # "the UN's envoy for the region, Helena Marquardt,": a person noun just before
            return any(t.lemma_.lower() in nouns for t in before if t.text not in (".", ";", "\n"))
        return len(before) > 0 and before[-1].lemma_.lower() in nouns

    def _group_antecedent(self, before: int, plural: bool) -> Speaker | None:
        """"it"/"they": the last grammatical subject before ``before`` (outside quotes, within
        the two previous sentences' reach) that is not a person: "Kheravan's foreign ministry
        summoned the envoy. It said ..." -> the ministry."""
        doc = self.doc
        lex = self.lex
        for t in reversed(doc[: self._token_index(before)]):
            if before - t.idx > 400:
                break
            if t.dep_ != "nsubj" or self.in_quote(t.idx) or t.pos_ == "PRON":
                continue
            main = t.head if t.head.dep_ != "conj" else t.head.head
            if main.dep_ != "ROOT":
                continue  # a subject inside reported content ("said the bribes were paid")
            if any(a <= t.idx < b for a, b in self.headings):
                continue
            m = self.mention_at(t.idx, t.idx + len(t))
            if m is not None and (m.type == "PERSON" or self.person_like(m)):
                if not plural and m.type == "PERSON" and not self.person_like(m) and not any(
                        w.lower_ in self.lex.person_pronouns or w.lower_ in ("his", "hers")
                        for w in doc[t.i:self._token_index(before)]):
                    # "The haulier Grenmark Freight rejected ... It said": "it" is never a
                    # person, so the name the tagger typed PERSON is an organisation's
                    return self._speaker_from_mention(m)
                return None  # a person was the last subject: leave "it"/"they" to the older rules
            lemma = t.lemma_.lower()
            if m is None and (lemma in lex.person_nouns or lemma in lex.documents):
                if plural and t.tag_ == "NNS":
                    return self.speaker_for(t)  # "Officials ... They said"
                return None
            if m is None and t.pos_ != "NOUN" and not (t.pos_ == "PROPN" and t.text.islower()):
                continue
            if (t.tag_ in ("NNS", "NNPS")) != plural and m is None:
                continue
            return self.speaker_for(t)
        return None

    def _token_index(self, pos: int) -> int:
        return bisect.bisect_left(self._tok_starts, pos)

    def pronoun(self, tok: Token) -> Speaker:
        low = tok.lower_
        own = Speaker(tok.text, tok.idx, tok.idx + len(tok), None, "pronoun")
        if low in self.lex.person_pronouns:
            found = self._subject_antecedent(tok.idx, low)
            if found is not None:
                return found
            m = self.last_mention(tok.idx, {"PERSON"})
            if m is not None:
                return self._speaker_from_mention(m)
            said = next((sp for sp in reversed(self.recent) if sp.end <= tok.idx and sp.kind == "name"), None)
            return said or own
        if low in ("it", "they", "its", "their"):
            group = self._group_antecedent(tok.idx, low in ("they", "their"))
            if group is not None and group.kind != "pronoun":
                return group
            m = self.last_mention(tok.idx, {"ORG"} if low in ("it", "its") else {"ORG", "NORP", "GPE"})
            while m is not None and self.person_like(m):
                m = self.last_mention(m.start, {"ORG"} if low in ("it", "its") else {"ORG", "NORP", "GPE"})
            said = next((sp for sp in reversed(self.recent) if sp.end <= tok.idx and sp.kind != "pronoun"
                         and not (sp.kind == "nominal" and self._types.get(sp.entity or "") == "PERSON")
                         and self.mention_at(sp.start, sp.end, {"PERSON"}) is None), None)
            if said is not None and (m is None or said.start > m.start):
                return said
            return self._speaker_from_mention(m) if m else own
        return own

    def document_owner(self, tok: Token) -> Speaker | None:
        """Who released the document ``tok`` names: "the federation's statement", "a statement
        on the agency's website", "a statement from the ministry", or an earlier
        "statement released by X" / "X said in a statement"."""
        lex = self.lex
        lo, hi = self.np_bounds(tok)
        for t in self.doc[lo:hi]:
            if t.dep_ == "poss" and t.head.i != t.i:
                if t.pos_ == "PRON":
                    return self.pronoun(t)
                return self.speaker_for(t)
            if t.dep_ in ("pobj",) and t.head.lower_ in ("from", "by", "of") and t.i != tok.i \
                    and t.lemma_.lower() not in lex.documents:
                return self.speaker_for(t)
        # "The statement, issued by X on Thursday, said"
        for child in tok.rights:
            if child.dep_ in ("acl", "appos", "relcl") and child.lemma_.lower() in lex.release:
                for agent in child.children:
                    if agent.dep_ == "agent" or (agent.dep_ == "prep" and agent.lower_ == "by"):
                        obj = next((o for o in agent.children if o.dep_ == "pobj"), None)
                        if obj is not None:
                            return self.speaker_for(obj)
        # an earlier document of the same kind whose releaser is named
        for j in reversed(self._documents):
            if j >= tok.i:
                continue
            t = self.doc[j]
            if tok.idx - t.idx > 1500:
                break
            if self.in_quote(t.idx):
                continue
            for child in t.rights:
                if child.dep_ == "acl" and child.lemma_.lower() in lex.release:
                    for agent in child.children:
                        if agent.dep_ == "agent":
                            for obj in agent.children:
                                if obj.dep_ == "pobj":
                                    return self.speaker_for(obj)
            # "X said in a statement", "X released a statement"
            head = t.head.head if t.dep_ == "pobj" else t.head
            if t.dep_ in ("pobj", "dobj") and head.pos_ == "VERB":
                for child in head.children:
                    if child.dep_ == "nsubj" and child.i != t.i:
                        return self.speaker_for(child)
        return None


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_right(spans, (end, end))
    return any(s < end and start < e for s, e in spans[max(0, i - 8):i])
