"""The events stage: PLOVER 0.7 events coded from the dependency parse with the trigger
lexicon ``data/plover_triggers.json`` (verb lemma + object lemma / particle / preposition).

For each body sentence (title and subtitles are headline claims, judged by the checks stage)
a trigger verb or noun gives an event with:

- ``actors`` / ``targets``: noun-phrase participants (coordinated heads give several), raised
  to the state or organisation they act for (:mod:`newsgraph.stages.actors`); unknown actors
  keep their text. Targets come from the object, the passive subject, the trigger's (or its
  light verb's) "to / against / on / with / between / at" phrase, "demanded that X", the
  objects of a threatened or refused act; an unnamed group is read through its phrase
  ("families in eastern Chad", "a convoy of the Malian army"); a capital that is the target
  of a political event stands for its country; a reaction to "the accusation / the aid /
  the decision" targets that earlier event's actors; the actor is never its own target;
- ``when``: the TIMEX3 value of a timex inside the event's own clause (never the publication
  date); ``where``: a GPE / LOC / FAC entity in a locative ("in" / "at") phrase of the clause;
- ``status``: denied (negation), hypothetical ("if", could / might / would), planned (will,
  "plans to", "agreed to", "to be" headlines), ongoing (progressive, "continue to"), else
  occurred;
- ``reported_by``: the subject of the reporting verb whose complement holds the event, the
  object of "according to", or the speaker of the quote that contains it.

Statements are quotes, not events: say / tell are never triggers, and the content of a
demand or a refusal ("urged X to *withdraw*") is not coded as an event of its own.

Notes set: ``work.notes["events.tokens"]`` maps event id -> trigger token index;
``work.notes["events.sentences"]`` holds (doc, body sentences) for the checks stage.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from newsgraph.record import Event, Participant, Span, item_id
from newsgraph.stages.actors import (
    _GOV_WORDS,
    PRONOUNS_FIRST,
    PRONOUNS_PERSON,
    EntityIndex,
    _kb_country,
    conjuncts,
    from_tokens,
    noun_phrase,
    participant,
    split_coordination,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from newsgraph.pipeline import Work

_CLAUSE_BREAK = {"ccomp", "relcl", "csubj", "parataxis", "advcl", "acl"}
_SUBJ = {"nsubj", "csubj"}
_CLIMB = {"xcomp", "conj", "advcl", "pcomp", "prep", "acl", "dobj", "pobj", "compound", "nmod", "appos", "amod", "acomp"}
_SUPPRESSING = {"DEMAND", "THREATEN", "REJECT"}
_PLAN_NOUNS = {"plan", "intention", "proposal", "bid", "effort", "decision", "promise", "pledge", "offer", "move", "readiness", "willingness"}
_LOC_PREPS = {"in", "at", "inside", "near", "on"}
_PARTY_TARGETS = {"SANCTION", "ACCUSE", "REJECT", "DEMAND", "THREATEN", "AGREE"}
# reactions whose object can name an earlier event ("condemned the attack"): the target is
# that event's actor
_REF_TAKERS = {"ACCUSE", "REJECT", "SUPPORT", "PROTEST"}
# types whose target is a government, so a capital named as target stands for its country
# (an assault or aid keeps the city: "struck Kharkiv", "flew tents to Lima")
_POLITICAL = {
    "SANCTION", "ACCUSE", "REJECT", "DEMAND", "THREATEN", "CONSULT", "AGREE", "COOPERATE", "SUPPORT",
    "CONCEDE", "PROTEST",
}
# what "the decision", "the move" may refer back to: an action, not a statement or reaction
_ACTIONS = frozenset({
    "AGREE", "AID", "SANCTION", "MOBILIZE", "RETREAT", "COERCE", "ASSAULT", "CONCEDE", "COOPERATE", "CONSULT",
})
_CONDITIONAL = {"if", "unless", "whether"}
_DENIAL = {"deny", "refute", "disavow"}
_PAIR_NOUNS = {
    "country", "side", "nation", "neighbour", "neighbor", "government", "state", "capital", "party",
    "army", "force", "delegation", "leader", "military",
}
_GROUP_NOUNS = {"organisation", "organization", "bloc", "alliance", "union", "coalition"}
_DATE_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "tomorrow", "tonight", "week", "month", "year", "morning", "evening", "night",
}


@lru_cache(maxsize=4096)
def _is_country(name: str) -> bool:
    found = _kb_country(name)
    return found is not None and found[0].casefold() == name.casefold()


def _parties(heads: list[Token]) -> int:
    """How many parties a subject names ("X and Y": 2; "the two countries", "both sides": 2)."""
    if len(heads) == 1 and any(
        (c.dep_ == "nummod" and c.lower_ == "two") or (c.dep_ in ("det", "predet") and c.lower_ == "both")
        for c in heads[0].children
    ):
        return 2
    return len(heads)


def _is_date(tok: Token) -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in _DATE_WORDS


@dataclass(frozen=True)
class Rule:
    lemma: str
    type: str
    mode: str | None = None
    obj: frozenset[str] | None = None
    obj_not: frozenset[str] = frozenset()
    prt: str | None = None
    prep: str | None = None
    pobj: frozenset[str] | None = None
    xcomp: bool = False
    no_xcomp: bool = False
    obj_is_target: bool = False
    obj_theme: bool = False
    subj_not: frozenset[str] = frozenset()
    subj: frozenset[str] | None = None
    agent: bool = False
    parties: int = 0
    advmod: frozenset[str] | None = None
    status: str | None = None
    actor_from: str | None = None
    foreign: str | None = None
    threat_check: bool = False
    light_only: bool = False
    obj_party: bool = False


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Rule, ...]]
    nouns: dict[str, Rule]
    light_verbs: frozenset[str]
    modes: dict[str, dict[str, frozenset[str]]]
    reporting: frozenset[str]
    classes: dict[str, frozenset[str]]
    relational: frozenset[str]
    threat_words: frozenset[str]
    plan_verbs: frozenset[str]
    ongoing_verbs: frozenset[str]
    hypothetical_modals: frozenset[str]
    future_modals: frozenset[str]
    hypothetical_verbs: frozenset[str] = frozenset()
    hypothetical_adjectives: frozenset[str] = frozenset()
    plan_adjectives: frozenset[str] = frozenset()
    occurrence_verbs: frozenset[str] = frozenset()
    failure_verbs: frozenset[str] = frozenset()
    undo_nouns: dict[str, frozenset[str]] = field(default_factory=dict)
    references: dict[str, frozenset[str]] = field(default_factory=dict)


def _words(value: Any, classes: dict[str, list[str]]) -> frozenset[str] | None:
    if value is None:
        return None
    items = [value] if isinstance(value, str) else list(value)
    out: set[str] = set()
    for item in items:
        if item.startswith("@"):
            out.update(classes[item[1:]])
        else:
            out.add(item)
    return frozenset(out)


def _rule(data: dict[str, Any], classes: dict[str, list[str]]) -> Rule:
    return Rule(
        lemma=data["lemma"],
        type=data["type"],
        mode=data.get("mode"),
        obj=_words(data.get("obj"), classes),
        obj_not=_words(data.get("obj_not"), classes) or frozenset(),
        prt=data.get("prt"),
        prep=data.get("prep"),
        pobj=_words(data.get("pobj"), classes),
        xcomp=bool(data.get("xcomp")),
        no_xcomp=bool(data.get("no_xcomp")),
        obj_is_target=bool(data.get("obj_is_target")),
        obj_theme=bool(data.get("obj_theme")),
        subj_not=_words(data.get("subj_not"), classes) or frozenset(),
        subj=_words(data.get("subj"), classes),
        agent=bool(data.get("agent")),
        parties=int(data.get("parties", 0)),
        advmod=_words(data.get("advmod"), classes),
        status=data.get("status"),
        actor_from=data.get("actor_from"),
        foreign=data.get("foreign"),
        threat_check=bool(data.get("threat_check")),
        light_only=bool(data.get("light_only")),
        obj_party=bool(data.get("obj_party")),
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The trigger lexicon, loaded once per process."""
    raw = json.loads(
        resources.files("newsgraph").joinpath("data", "plover_triggers.json").read_text("utf-8")
    )
    classes: dict[str, list[str]] = raw["classes"]
    verbs: dict[str, list[Rule]] = {}
    for item in raw["verbs"]:
        verbs.setdefault(item["lemma"], []).append(_rule(item, classes))
    nouns = {item["lemma"]: _rule(item, classes) for item in raw["nouns"]}
    return Lexicon(
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns=nouns,
        light_verbs=frozenset(raw["light_verbs"]),
        modes={t: {m: frozenset(ws) for m, ws in d.items()} for t, d in raw["modes"].items()},
        reporting=frozenset(raw["reporting_verbs"]),
        classes={k: frozenset(v) for k, v in classes.items()},
        relational=frozenset(raw["relational_nouns"]),
        threat_words=frozenset(raw["threat_words"]),
        plan_verbs=frozenset(raw["plan_verbs"]),
        ongoing_verbs=frozenset(raw["ongoing_verbs"]),
        hypothetical_modals=frozenset(raw["hypothetical_modals"]),
        future_modals=frozenset(raw["future_modals"]),
        hypothetical_verbs=frozenset(raw.get("hypothetical_verbs", [])),
        hypothetical_adjectives=frozenset(raw.get("hypothetical_adjectives", [])),
        plan_adjectives=frozenset(raw.get("plan_adjectives", [])),
        occurrence_verbs=frozenset(raw.get("occurrence_verbs", [])),
        failure_verbs=frozenset(raw.get("failure_verbs", [])),
        undo_nouns={
            k: frozenset(t for x in v for t in (_ACTIONS if x == "*" else {x}))
            for k, v in raw.get("undo_nouns", {}).items()
        },
        references={
            k: frozenset(t for x in v for t in (_ACTIONS if x == "*" else {x}))
            for k, v in raw.get("references", {}).items()
        },
    )


# ---------------------------------------------------------------- parse helpers


def _lemma_of(word: str) -> str:
    """A plural's singular, for lists of nouns ("officials" -> "official")."""
    low = word.casefold().strip(".,;:\u2019'\"")
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith("s") and not low.endswith("ss") and len(low) > 3:
        return low[:-1]
    return low


def _kids(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


# Verb lemmas the tagger's lemmatizer gets wrong ("staged a walkout" -> "stag").
_VERB_LEMMAS = {"stag": "stage"}


def _lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX"):
        return _VERB_LEMMAS.get(lemma, lemma)
    return lemma


def _objects(tok: Token, rule_prep: str | None = None) -> list[Token]:
    """Theme heads: direct objects (with conjuncts), passive subjects, objects of "with"
    (provide X with Y) and of the rule's preposition."""
    heads = _kids(tok, "dobj", "nsubjpass", "oprd", "attr")
    if tok.dep_ == "relcl" and heads and all(h.tag_ in ("WDT", "WP") for h in heads):
        heads = []  # "a deal that X signed": the deal
    if tok.dep_ == "relcl" and not heads and tok.head.pos_ in ("NOUN", "NUM"):
        heads.append(tok.head)  # "the four billion it has received"
    for prep in _kids(tok, "prep", "dative"):
        if prep.lower_ == "with" or (rule_prep and prep.lower_ == rule_prep):
            heads += _kids(prep, "pobj")
    out: list[Token] = []
    for h in heads:
        out.extend(conjuncts(h))
    return out


def _obj_words(heads: list[Token]) -> set[str]:
    words: set[str] = set()
    for h in heads:
        words.add(_lemma(h))
        words.add(h.lower_)
        for c in h.children:
            if c.dep_ in ("compound", "amod", "nmod"):
                words.add(_lemma(c))
        for prep in _kids(h, "prep"):  # "$5 billion in aid"
            for p in _kids(prep, "pobj"):
                words.add(_lemma(p))
    return words


def _match_verb(tok: Token, lex: Lexicon) -> Rule | None:
    rules = lex.verbs.get(_lemma(tok))
    if not rules:
        return None
    preps = {c.lower_ for c in tok.children if c.dep_ in ("prep", "dative", "agent")}
    prts = {c.lower_ for c in tok.children if c.dep_ == "prt"}
    advmods = {c.lower_ for c in tok.children if c.dep_ == "advmod"}
    has_xcomp = any(c.dep_ == "xcomp" for c in tok.children)
    for rule in rules:
        if rule.prt and rule.prt not in prts:
            continue
        if rule.prep and rule.prep not in preps:
            continue
        if rule.xcomp and not has_xcomp:
            continue
        if rule.no_xcomp and has_xcomp:
            continue
        if rule.parties and _parties(_subject_heads(tok)) < rule.parties:
            continue
        if rule.advmod is not None and not (rule.advmod & advmods):
            continue
        if rule.subj is not None and not (rule.subj & {_lemma(h) for h in _subject_heads(tok)}):
            continue
        words = _obj_words(_objects(tok, rule.prep))
        if rule.obj is not None and not (rule.obj & words):
            continue
        adverbs = {_lemma(t) for c in tok.children if c.dep_ in ("advmod", "npadvmod") for t in c.subtree}
        if rule.obj_not & (words | adverbs):  # "struck a record high" (high parsed as adverb)
            continue
        if rule.pobj is not None:
            pobjs = {
                _lemma(p)
                for prep in _kids(tok, "prep", "dative")
                if prep.lower_ == rule.prep
                for p in _kids(prep, "pobj")
            }
            if not (rule.pobj & pobjs):
                continue
        return rule
    return None


def _governing_verb(tok: Token, hops: int = 8) -> Token | None:
    """The verb a noun trigger hangs from (through prepositions, objects, compounds) within
    ``hops`` steps, or None when the noun is (inside) a subject."""
    cur = tok
    for _ in range(hops):
        if cur.dep_ in ("nsubj", "nsubjpass", "csubj") or cur.dep_ == "ROOT":
            return None
        head = cur.head
        if head.dep_ == "prep" and head.lower_ in ("without", "despite", "against", "beyond", "instead"):
            return None
        if head.pos_ in ("VERB", "AUX"):
            if any(p.lower_ != "out" for p in _kids(head, "prt")):
                return None  # "holding up the bailout" is not giving it; "carried out" strikes are
            return head if cur.dep_ not in ("nsubj", "nsubjpass") else None
        cur = head
    return None


def _up(tok: Token) -> Token:
    """The head, correcting one frequent misparse: a finite verb coordinated with a base-form
    verb inside a complement ("he said X could prolong the war and *urged* ...") belongs to
    the reporting clause."""
    head = tok.head
    if (
        tok.dep_ == "conj" and tok.tag_ in ("VBD", "VBZ") and head.tag_ == "VB"
        and head.dep_ == "ccomp" and head.head != head
    ):
        return head.head
    if (
        tok.dep_ == "conj" and tok.tag_ in ("VBD", "VBZ") and head.dep_ == "ccomp"
        and not _kids(tok, "nsubj", "nsubjpass") and _kids(tok, "ccomp")
    ):
        # "X said the move showed (that) Y was not serious and *warned* that ...": a speech act
        # with its own complement, after a reported clause, continues the reporting clause
        cur = head
        while cur.dep_ == "ccomp" and cur.head != cur:
            cur = cur.head
        if _lemma(cur) in lexicon().reporting and _kids(cur, "nsubj"):
            return cur
    return head


def _subject_heads(tok: Token) -> list[Token]:
    """The heads of the subject of the clause of ``tok``, climbing through infinitives,
    conjuncts, relative clauses and "plans to" nouns; empty when there is none."""
    cur = tok
    for _ in range(8):
        subj = _kids(cur, "nsubj")
        if subj:
            s = subj[-1]  # "MOGADISHU - Ethiopia has begun ...": the dateline is no subject
            if s.tag_ in ("WDT", "WP") and cur.dep_ == "relcl":
                s = cur.head
            return conjuncts(s)
        for agent in _kids(cur, "agent"):
            pobj = _kids(agent, "pobj")
            if pobj:
                return conjuncts(pobj[0])
        if cur.dep_ == "relcl" and cur.pos_ == "VERB" and _kids(cur, "nsubjpass"):
            return []
        if cur.dep_ == "acl" and (
            cur.tag_ in ("VBD", "VBZ", "VBP") or (cur.tag_ == "VBN" and cur.i > 0 and cur.doc[cur.i - 1].text == ",")
        ) and cur.head.pos_ in ("NOUN", "PROPN") and cur.head.dep_ == "ROOT":
            return conjuncts(cur.head)  # "Brazil, which ..., called for calm": a finite verb left as acl
        if cur.dep_ == "acl" and cur.head.pos_ == "NOUN":
            # "the decision of the EU to ban ...", "the EU's decision to ban ..."
            owner = _kids(cur.head, "poss") + [
                p for prep in _kids(cur.head, "prep") if prep.lower_ in ("of", "by")
                for p in _kids(prep, "pobj")
            ]
            if owner:
                return conjuncts(owner[0])
        if cur.dep_ in ("ccomp", "ROOT", "csubj", "parataxis") or cur.head == cur:
            return []
        if cur.dep_ == "xcomp" and _kids(cur.head, "nsubjpass"):
            # "Ghana is expected to sign", "X was asked to withdraw": the passive subject
            return conjuncts(_kids(cur.head, "nsubjpass")[0])
        controller = _kids(cur.head, "dobj") if cur.dep_ == "xcomp" else []
        if controller and (controller[0].pos_ in ("PROPN", "PRON") or controller[0].ent_type_):
            return conjuncts(controller[0])  # object control: "led the EU to impose"
        if cur.dep_ not in _CLIMB and cur.dep_ not in ("npadvmod", "attr", "oprd"):
            return []
        cur = _up(cur)
    return []


def _purpose(tok: Token) -> bool:
    """A purpose infinitive adjunct ("blocked the road *to protest*")."""
    return tok.dep_ == "advcl" and tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _clause_tokens(root: Token) -> list[Token]:
    """The tokens of ``root``'s clause, not descending into embedded clauses."""
    out: list[Token] = []
    stack = [root]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for c in tok.children:
            if c.dep_ in ("ccomp", "relcl", "csubj", "parataxis"):
                continue
            if c.dep_ == "conj" and c.pos_ == "VERB":
                continue
            stack.append(c)
    return out


def _chain(tok: Token) -> list[Token]:
    """The trigger and the verbs / nouns governing it up to the first clause boundary."""
    out = [tok]
    cur = tok
    for _ in range(8):
        if cur.dep_ in ("ccomp", "ROOT", "csubj", "parataxis") or cur.head == cur:
            break
        nxt = _up(cur)
        if nxt != cur.head:
            break  # reattached to the reporting clause: the complement's modals are not ours
        cur = nxt
        out.append(cur)
    return out


# ---------------------------------------------------------------- the coder


@dataclass
class _Draft:
    type: str
    mode: str | None
    trigger: Token
    anchor: Token  # the verb whose clause holds the event (the trigger, or a noun's verb)
    sent: tuple[int, int]
    actors: list[Participant] = field(default_factory=list)
    targets: list[Participant] = field(default_factory=list)
    when: str | None = None
    where: str | None = None
    status: str = "occurred"
    reported_by: str | None = None
    ref: tuple[Token, frozenset[str]] | None = None  # "rejected the accusation": what it answers
    claimant: str | None = None  # "X said ..., a claim Y denied": who made the claim


class _Coder:
    def __init__(self, work: Work, doc: Doc) -> None:
        self.work = work
        self.doc = doc
        self.record = work.record
        self.lex = lexicon()
        self.index = EntityIndex(work.record)
        self.bounds: tuple[int, int] = (0, len(work.record.text))
        self.timex_tokens: list[tuple[int, str, set[int]]] = []
        for tx in work.record.timexes:
            if tx.type not in ("DATE", "TIME") or not tx.value or not tx.value[:1].isdigit():
                continue  # PRESENT_REF and the like do not date an event
            span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
            if span is not None:
                self.timex_tokens.append((tx.start, tx.value, {t.i for t in span}))
        self.quotes = [
            (q.start, q.end, q.speaker) for q in work.record.quotes if q.speaker
        ]

    # participants -----------------------------------------------------
    def resolve_pronoun(self, tok: Token) -> str | None:
        low = tok.lower_
        if low in PRONOUNS_FIRST:
            for s, e, speaker in self.quotes:
                if s <= tok.idx < e:
                    return speaker
            return None
        if low == "them":
            return self._plural_antecedent(tok)
        if low in PRONOUNS_PERSON or low == "his":
            return self._last_person_subject(tok.idx) or self.index.last_before(tok.idx, "PERSON")
        if low in ("it", "they", "its", "their"):
            # "GM announced that it seeks ...": the reporting clause's subject
            head = self._reporting_head(tok.head)
            if head is not None:
                for subj in _kids(head, "nsubj"):
                    for cand in [subj, *_kids(subj, "appos")]:  # "another automaker, GM, said"
                        eid = participant(cand, self.index).entity
                        if eid and self.index.by_id[eid].type in ("ORG", "GPE"):
                            return eid
            # "Belarus condemned it ... The ministry said it would": the last state or
            # organisation that was a subject
            return self._last_subject(tok.idx, ("GPE", "ORG"))
        return None

    def _plural_antecedent(self, tok: Token) -> str | None:
        """"them": the nearest plural argument before it in the sentence ("expelled three
        Bolivian diplomats, accusing them"), by the entity its phrase names."""
        doc = tok.doc
        for i in range(tok.i - 1, -1, -1):
            cand = doc[i]
            if not self._inside(cand):
                break
            if cand.tag_ in ("NNS", "NNPS") and cand.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj"):
                return participant(cand, self.index, None, self.lex.relational, self.bounds).entity
        return None

    def _last_subject(
        self, pos: int, types: tuple[str, ...], window: int = 600, exclude: frozenset[str] = frozenset()
    ) -> str | None:
        for start, end, eid in reversed(self.index.mentions_in(max(0, pos - window), pos)):
            if self.index.by_id[eid].type not in types or end > pos:
                continue
            if exclude and self.index.raise_entity(eid) in exclude:
                continue  # "Kyiv accused it": not the accuser itself
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            while root.dep_ in ("compound", "poss", "amod", "nmod") and root.head != root:
                root = root.head  # "Guyana's government", "the Belarusian ministry"
            if root.dep_ in ("nsubj", "nsubjpass"):
                return self.index.raise_entity(eid, list(span))
        return None

    def _last_person_subject(self, pos: int, window: int = 800) -> str | None:
        """The last PERSON mentioned as a subject before ``pos`` ("he" prefers subjects)."""
        for start, end, eid in reversed(self.index.mentions_in(max(0, pos - window), pos)):
            if self.index.by_id[eid].type != "PERSON" or end > pos:
                continue
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            if root.dep_ in ("nsubj", "nsubjpass") or (
                root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass")
            ):  # "The opposition leader in exile, X, welcomed ..."
                return eid
        return None

    def people(self, heads: list[Token], exclude: set[str] | None = None) -> list[Participant]:
        """Participants for noun-phrase heads. For targets, ``exclude`` holds the actors' entities
        (never a pair's member, never what an unnamed group is resolved to) and an unnamed group
        is resolved to the entity it belongs to ("diplomats from EU countries")."""
        out: list[Participant] = []
        expanded: list[Token] = []
        for h in heads:
            if not (self.bounds[0] <= h.idx < self.bounds[1]):
                continue  # the parse ran across a paragraph break (a title without a full stop)
            listed = [
                c for a in _kids(h, "appos") if a.pos_ == "PROPN" or self.index.at(a.idx, a.idx + len(a.text))
                for c in conjuncts(a)
            ]
            if len(listed) > 1:  # "the Big Three - Ford, Chrysler and GM"
                expanded.extend(listed)
            else:
                expanded.append(h)
            for prep in _kids(h, "prep"):
                if prep.lower_ == "including":  # "allies, including the United States"
                    expanded.extend(c for p in _kids(prep, "pobj") for c in conjuncts(p))
        for h in expanded:
            if h.pos_ == "PRON" and h.lower_ in ("that", "which", "who", "this"):
                continue
            if h.like_num or h.ent_type_ in ("MONEY", "CARDINAL", "PERCENT", "QUANTITY"):
                of = [p for prep in _kids(h, "prep") if prep.lower_ == "of" for p in _kids(prep, "pobj")]
                if of and h.ent_type_ != "MONEY":
                    h = of[0]  # "hundreds of nurses"
                elif not h.is_alpha or h.ent_type_ == "MONEY":
                    continue  # "$50 billion" is not an actor; "thousands" is
            found = [participant(h, self.index, self.resolve_pronoun, self.lex.relational, self.bounds)]
            if exclude and h.pos_ == "PRON" and h.lower_ in ("it", "them") and found[0].entity in exclude | {None}:
                # a target pronoun is someone other than the actor: the last other state or
                # organisation that was a subject
                other = self._last_subject(h.idx, ("GPE", "ORG"), exclude=frozenset(exclude))
                if other is not None:
                    f = found[0]
                    found = [Participant(entity=other, text=f.text, start=f.start, end=f.end)]
            if found[0].entity is None and h.pos_ == "NOUN":
                pair = self._pair(h, found[0], exclude or set())
                if pair:
                    out.extend(p for p in pair if not any(o.entity == p.entity for o in out))
                    continue
                owner = [c for c in h.children if c.dep_ == "poss" and c.pos_ == "PRON"]
                named = [  # "its neighbour, Belarus": the name in apposition, not the owner
                    e for a in _kids(h, "appos") if (e := self.index.at(a.idx, a.idx + len(a.text)))
                ]
                eid = named[0] if named else (self.resolve_pronoun(owner[0]) if owner else None)
                if eid is None:
                    eid = self._descriptive(h)
                if eid is None and exclude is not None:
                    eid = self._belongs_to(h, exclude)
                if eid is not None:  # "his government", "its fighters", "the bloc"
                    f = found[0]
                    found = [Participant(entity=self.index.raise_entity(eid), text=f.text, start=f.start, end=f.end)]
                elif _lemma(h) in self.lex.classes.get("part_nouns", frozenset()):
                    found = [self._with_of_phrase(h, found[0])]  # "representatives of the farmers"
            if h.pos_ == "PROPN":
                parts = split_coordination(
                    [t for t in noun_phrase(h) if self._inside(t)] or [h], self.index
                )
                if len(parts) > 1:
                    found = [
                        from_tokens(part, part[-1], self.index, self.resolve_pronoun, self.lex.relational)
                        for part in parts
                    ]
            for p in found:
                if not any(o.start == p.start for o in out):
                    out.append(p)
        return out

    # one trigger ------------------------------------------------------
    def code(self, tok: Token, sent: tuple[int, int]) -> _Draft | None:
        self.bounds = sent
        if tok.pos_ == "VERB":
            if tok.dep_ in ("amod", "compound"):
                return None  # "a negotiated settlement"
            rule = _match_verb(tok, self.lex)
            if rule is None:
                return None
            if rule.threat_check and not self._threatening(tok):
                return None
            anchor = tok
        elif tok.pos_ in ("NOUN", "PROPN"):
            rule = self.lex.nouns.get(_lemma(tok)) or self.lex.nouns.get(tok.lower_)
            if rule is None:
                return None
            verb = _governing_verb(tok)
            near = _governing_verb(tok, hops=3)  # "issued an appeal", "made $5bn in lending available"
            light = near is not None and _lemma(near) in self.lex.light_verbs
            if light:
                verb = near
            if verb is not None and _lemma(verb) in self.lex.verbs:
                other = _match_verb(verb, self.lex)
                if other is not None:
                    return None  # the verb's event covers it ("seek aid" is a demand)
            modifier = self._entity_modifier(tok) or self._entity_object(tok)
            if self._takes_place(tok):
                light, verb = True, tok.head  # "talks between X and Y resumed on Monday"
            if not light and (rule.light_only or modifier is None):
                return None
            anchor = verb if (light and verb is not None) else tok
        else:
            return None
        if self._suppressed(tok):
            return None
        if tok.tag_ == "VBN" and tok.dep_ == "acl" and tok.head.pos_ == "PRON" and not _kids(tok, "agent"):
            return None  # "the families of those killed": a victim description, no new event
        if rule.type == "REJECT" and tok.pos_ == "VERB" and self._negated(tok):
            return None  # "neither confirmed nor denied", "did not reject": no rejection
        if rule.subj_not and any(
            _lemma(h) in rule.subj_not for h in _subject_heads(anchor)
        ):
            return None  # "the crash killed 102": not an assault
        draft = _Draft(type=rule.type, mode=rule.mode, trigger=tok, anchor=anchor, sent=sent)
        self._participants(draft, rule)
        if rule.agent and not any(self._agentive(a) for a in draft.actors):
            return None  # "the tablet will support ...", "the plan supports 2,000 jobs"
        self._mode(draft, rule)
        draft.status = self._status(draft, rule)
        draft.when, draft.where = self._when_where(draft)
        draft.reported_by = self._reporter(draft)
        return draft

    def _takes_place(self, tok: Token) -> bool:
        """An event noun that is the subject of a verb of occurrence ("talks resumed")."""
        if tok.dep_ != "nsubj" or tok.head.pos_ != "VERB":
            return False
        verb = tok.head
        return _lemma(verb) in self.lex.occurrence_verbs or (  # "talks took place in X"
            _lemma(verb) == "take" and any(_lemma(o) == "place" for o in _kids(verb, "dobj"))
        )

    def _descriptive(self, h: Token) -> str | None:
        """An unnamed actor named by its description: the one person or entity in apposition
        ("the opposition leader, X"), a government "in" a capital ("the government in
        Pristina"), a definite group noun for the last organisation named ("the bloc")."""
        for a in _kids(h, "appos"):
            eid = self.index.at(a.idx, a.idx + len(a.text))
            if eid is not None:
                return eid
        agents = self.lex.classes.get("agent_nouns", frozenset())
        if _lemma(h) in agents:
            for prep in _kids(h, "prep"):
                if prep.lower_ not in ("in", "of"):
                    continue
                for p in _kids(prep, "pobj"):
                    eid = self.index.at(p.idx, p.idx + len(p.text))
                    ent = self.index.by_id.get(eid) if eid else None
                    if ent is not None and ent.type == "GPE":  # "the government in Accra"
                        iso = ent.geo.country if ent.geo else None
                        if not iso:
                            kb = _kb_country(ent.name)
                            iso = kb[1] if kb else None
                        return (self.index.country_entity(None, iso) if iso else None) or eid
        if _lemma(h) in _GROUP_NOUNS and any(c.lower_ == "the" for c in h.children):
            head = self._reporting_head(h.head) if h.dep_ in ("nsubj", "nsubjpass") else None
            for subj in _subject_heads(head) if head is not None else []:
                eid = participant(subj, self.index).entity  # "a UN spokeswoman said the organisation ..."
                if eid and self.index.by_id[eid].type == "ORG":
                    return eid
            return self._main_org(h.idx)
        return None

    def _main_org(self, pos: int) -> str | None:
        """The organisation named most often before ``pos`` (not a government body): what
        "the bloc", "the alliance", "the organisation" stand for."""
        counts: dict[str, int] = {}
        for _s, end, eid in self.index.mentions_in(0, pos):
            ent = self.index.by_id[eid]
            if end <= pos and ent.type == "ORG" and not _GOV_WORDS.search(ent.name):
                counts[eid] = counts.get(eid, 0) + 1
        return max(counts, key=lambda k: counts[k]) if counts else None

    def _with_of_phrase(self, h: Token, p: Participant) -> Participant:
        """An unnamed part of a group spans its "of" phrase ("representatives of the farmers")."""
        for prep in _kids(h, "prep"):
            if prep.lower_ != "of":
                continue
            for pobj in _kids(prep, "pobj"):
                toks = [x for x in noun_phrase(pobj) if self._inside(x)]
                if toks and toks[-1].idx + len(toks[-1].text) > p.end:
                    end = toks[-1].idx + len(toks[-1].text)
                    return Participant(entity=p.entity, text=self.record.text[p.start : end], start=p.start, end=end)
        return p

    def _belongs_to(self, h: Token, exclude: set[str]) -> str | None:
        """An unnamed target read through its phrase: "diplomats from EU countries" (the EU), "a
        convoy of the Malian army" (Mali); "in" only for a plural group ("the families in eastern
        Chad"), never for a relational noun ("his counterpart in X")."""
        if _lemma(h) in self.lex.relational:
            return None  # "his counterpart in X" is no one from X
        preps = ("from", "of", "in") if h.tag_ == "NNS" else ("from", "of")  # "families in eastern Chad"
        for prep in _kids(h, "prep"):
            if prep.lower_ not in preps:
                continue
            for p in _kids(prep, "pobj"):
                found = participant(p, self.index, self.resolve_pronoun, self.lex.relational, self.bounds)
                if found.entity and found.entity not in exclude:
                    ent = self.index.by_id.get(found.entity)
                    if ent is not None and ent.type in ("GPE", "ORG", "NORP", "LOC"):
                        return found.entity
        return None

    def _pair(self, h: Token, p: Participant, exclude: set[str] | None = None) -> list[Participant]:
        """"the two countries", "both sides": the last two states named before (other than
        ``exclude``, the actors, when the pair is a target)."""
        if _lemma(h) not in _PAIR_NOUNS:
            return []
        if not any(
            (c.dep_ == "nummod" and c.lower_ == "two") or (c.dep_ in ("det", "predet") and c.lower_ == "both")
            for c in h.children
        ):
            return []
        found: list[str] = []
        for _start, end, eid in reversed(self.index.mentions_in(max(0, h.idx - 1500), h.idx)):
            ent = self.index.by_id[eid]
            if end > h.idx or ent.type not in ("GPE", "NORP"):
                continue
            cid = self.index.raise_entity(eid)
            state = self.index.by_id.get(cid)
            if state is None:
                continue
            if state.type == "NORP" and not (state.kb and state.kb.iso):
                continue
            if state.type == "GPE" and not _is_country(state.name):
                continue  # a demonym with a country code stands for a country the text never names
            if exclude and cid in exclude:
                continue  # "X and Y called on both governments": two others
            if cid not in found:
                found.append(cid)
            if len(found) == 2:
                return [Participant(entity=c, text=p.text, start=p.start, end=p.end) for c in reversed(found)]
        return []

    def _agentive(self, p: Participant) -> bool:
        """A participant that can act: its head word is a named actor or an agent noun."""
        if p.entity and self.index.by_id[p.entity].type in ("GPE", "ORG", "NORP", "PERSON") and p.text.casefold() in (
            "it", "they", "he", "she", "we"
        ):
            return True  # "the Commission said it would coordinate ...": the pronoun's entity acts
        last = p.text.split()[-1] if p.text.split() else ""
        eid = self.index.at(p.end - len(last), p.end)
        if eid and self.index.by_id[eid].type in ("GPE", "ORG", "NORP", "PERSON"):
            return True
        return _lemma_of(last) in self.lex.classes.get("agent_nouns", frozenset())

    def _entity_modifier(self, tok: Token) -> Token | None:
        for c in tok.children:
            if c.dep_ not in ("compound", "poss", "amod", "nmod"):
                continue
            eid = self.index.at(c.idx, c.idx + len(c.text))
            if eid and self.index.by_id[eid].type in ("GPE", "ORG", "NORP", "PERSON"):
                return c
        return None

    def _entity_object(self, tok: Token) -> Token | None:
        """A named party the event noun is aimed at ("the attack on Kosovo", "sanctions against
        Iran", "an incursion into Kenya"); not "of", which also names the agent ("the visit of")."""
        for prep in _kids(tok, "prep"):
            if prep.lower_ not in ("on", "against", "into"):
                continue
            for p in _kids(prep, "pobj"):
                eid = self.index.at(p.idx, p.idx + len(p.text))
                if eid and self.index.by_id[eid].type in ("GPE", "ORG", "NORP", "PERSON"):
                    return p
        return None

    def _suppressed(self, tok: Token) -> bool:
        """The content of a demand, threat, refusal or accusation is not an event of its own."""
        if tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and _lemma(tok.head) in self.lex.classes.get(
            "demand_nouns", frozenset()
        ) and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return True  # "obey the order to pull back", "an appeal to release them"
        if tok.dep_ == "pcomp" and tok.head.lower_ in ("of", "for") and tok.head.head.pos_ == "VERB":
            rule = _match_verb(tok.head.head, self.lex)  # "accused X of attacking"
            return rule is not None and rule.type in (*_SUPPRESSING, "ACCUSE")
        if tok.dep_ not in ("xcomp", "ccomp", "conj"):
            return False
        head = tok.head
        if not self._inside(head):
            return False  # the parse ran across a paragraph break
        if tok.dep_ == "conj" and head.dep_ in ("xcomp", "ccomp"):
            return self._suppressed(head)
        if head.pos_ != "VERB" or tok.dep_ == "conj":
            return False
        if _lemma(head) in _DENIAL:
            return False  # "X denied sending troops": the sending stays, status denied
        rule = _match_verb(head, self.lex)
        return rule is not None and rule.type in _SUPPRESSING

    def _party(self, tok: Token) -> bool:
        """A token that can be a party to an event: a named entity, a pronoun, an agent noun."""
        if tok.pos_ in ("PROPN", "PRON") or self.index.at(tok.idx, tok.idx + len(tok.text)):
            return True
        lemma = _lemma(tok)
        return (
            lemma in self.lex.classes.get("agent_nouns", frozenset())
            or lemma in self.lex.classes.get("party_nouns", frozenset())
            or lemma in self.lex.relational
            or self._entity_modifier(tok) is not None
        )

    @staticmethod
    def _negated(tok: Token) -> bool:
        words = {c.lower_ for c in tok.children if c.dep_ in ("neg", "preconj", "cc", "advmod")}
        if tok.dep_ == "conj":
            words |= {c.lower_ for c in tok.head.children if c.dep_ in ("neg", "preconj", "advmod")}
        return bool(words & {"not", "n't", "never", "neither", "nor"})

    def _inside(self, tok: Token) -> bool:
        return self.bounds[0] <= tok.idx < self.bounds[1]

    def _threatening(self, tok: Token) -> bool:
        """"warn" is a threat when it announces a consequence (will / would / if), not when
        it only frames a quote or warns *of* a danger."""
        for comp in _kids(tok, "ccomp", "xcomp"):
            sub = list(comp.subtree)
            if sub and sub[0].text in ("\u201c", '"'):
                continue
            if any(t.lower_ in self.lex.future_modals or t.lower_ == "would" for t in sub):
                return True
            if any(t.dep_ == "mark" and t.lower_ in ("if", "unless") for t in sub):
                return True  # "warned that X had other options if the talks failed"
        return False

    def _participants(self, d: _Draft, rule: Rule) -> None:
        tok, anchor = d.trigger, d.anchor
        subj = [h for h in _subject_heads(anchor) if self._inside(h)]
        if tok.pos_ != "VERB":
            mod = self._entity_modifier(tok)
            if mod is not None and (anchor == tok or not subj):
                subj = [mod]
            if tok.head == anchor and self._takes_place(tok):
                # "talks between X and Y resumed": the parties; else "X's talks", "EU talks"
                subj = [
                    h for prep in _kids(tok, "prep") if prep.lower_ in ("between", "among", "with")
                    for p in _kids(prep, "pobj") for h in conjuncts(p)
                ] or ([mod] if mod is not None else [])
        targets: list[Token] = []
        if rule.actor_from:
            source = [
                p for prep in _kids(tok, "prep") if prep.lower_ == rule.actor_from
                for p in _kids(prep, "pobj")
            ]
            targets, subj = subj, [h for s in source for h in conjuncts(s)]
        else:
            theme_rule = (
                rule.obj is not None or rule.type in ("AID", "MOBILIZE", "RETREAT") or rule.obj_theme
            ) and not rule.obj_is_target
            preps = {"to", "against", "into"} | ({rule.prep} if rule.prep else set())
            if rule.type in ("CONSULT", "COOPERATE", "AGREE"):
                preps.update(("with", "between"))  # "talks with X", "mediate between X and Y"
            if rule.type in ("AID", "SUPPORT"):
                preps.add("for")
            if rule.type == "RETREAT":
                preps.add("from")  # "withdrew its troops from X"
                targets += [  # "pulled its troops out of X"
                    p for c in _kids(tok, "prep", "prt", "advmod") if c.lower_ == "out"
                    for o in _kids(c, "prep") if o.lower_ == "of" for p in _kids(o, "pobj")
                ]
            if rule.type == "ASSAULT" and tok.pos_ != "VERB":
                preps.add("of")  # "the invasion of Ukraine"
            holders = [tok]
            if tok.pos_ != "VERB":
                holders += [t for t in anchor.subtree if t.pos_ in ("ADJ", "NOUN") and t != tok]
            with_theme = rule.type in ("AID", "MOBILIZE") and any(  # "provide X with Y"
                c.dep_ == "prep" and c.lower_ == "with" for c in tok.children
            )
            if theme_rule and tok.pos_ == "VERB":  # "imposed sanctions on X", "sent aid to Y"
                holders += [o for o in _kids(tok, "dobj")]
                if rule.obj_party:  # "hosted the Kenyan president": a party met
                    targets += [h for o in _kids(tok, "dobj") for h in conjuncts(o) if self._party(h)]
            if rule.type in ("SANCTION", "ASSAULT"):
                preps.add("on")  # "sanctions on X", "an attack on Y"
            ties = self.lex.classes.get("ties", frozenset())
            if rule.type == "SANCTION" and any(_lemma(o) in ties for o in _kids(tok, "dobj")):
                preps.add("with")  # "suspended trade with X", "cut ties with Y"
            if rule.type == "ASSAULT":
                preps.add("at")  # "fired shells at X"
            envoys = self.lex.classes.get("envoys", frozenset())
            recalled = rule.type == "SANCTION" and any(_lemma(o) in envoys for o in _kids(tok, "dobj"))
            if recalled:
                preps.add("from")  # "recalled its ambassador from X"
            # "froze the assets of X", "suspended the membership of Y": the owner is hit
            owner_preps = ({"of"} if rule.type in ("SANCTION", "COERCE") else set()) | ({"from"} if recalled else set())
            if tok.pos_ != "VERB" and anchor != tok:
                # "held talks with X", "announced aid to Y": the light verb carries the phrase
                targets += [
                    p for c in _kids(anchor, "prep", "dative") if c.lower_ in preps - {"for"}
                    for p in _kids(c, "pobj")
                ]
            if tok.pos_ == "VERB" and not theme_rule:
                # "Y was attacked by X": the passive subject is the target
                targets += [h for c in _kids(tok, "nsubjpass") for h in conjuncts(c)]
                if tok.dep_ == "relcl" and not _kids(tok, "dobj", "nsubjpass") and tok.head.pos_ == "NOUN":
                    targets.append(tok.head)  # "a charge the government flatly denied"
            for holder in holders:
                for c in holder.children:
                    if (c.dep_ in ("dobj", "iobj") and holder == tok and (with_theme or not theme_rule)) or (c.dep_ == "dative" and c.pos_ != "ADP" and holder == tok):
                        targets += conjuncts(c)
                    elif c.dep_ in ("prep", "dative") and c.lower_ in (
                        preps if holder == tok
                        else {"to", "on", "against", "for", "into"} | (preps & {"with", "between"}) | owner_preps
                    ):
                        for p in _kids(c, "pobj"):
                            targets += conjuncts(p)
            if rule.type == "SANCTION" and tok.pos_ != "VERB" and tok.head.lower_ == "under":
                # "X are under UN sanctions": the sanctioned are the clause's subject
                targets += _subject_heads(tok.head.head) if tok.head.head.pos_ in ("VERB", "AUX") else []
                mod = self._entity_modifier(tok)
                subj = [mod] if mod is not None else []
            if not subj and rule.type in ("MOBILIZE", "AID") and tok.pos_ == "VERB":
                # "3,000 North Korean soldiers were sent": the troops' own state sends them
                for h in _kids(tok, "nsubjpass"):
                    troops = participant(h, self.index, self.resolve_pronoun)
                    if troops.entity is not None and self.index.by_id[troops.entity].type in ("GPE", "NORP"):
                        d.actors = [troops]
        if not subj and tok.pos_ == "VERB" and not d.actors and not _kids(tok, "nsubjpass", "auxpass"):
            subj = self._left_subject(tok)
        if not subj and not d.actors and rule.type in ("MOBILIZE", "RETREAT") and _kids(tok, "nsubjpass"):
            # "the troops had been deployed, the defence minister said": his state deploys them
            head = self._reporting_head(tok)
            speaker = _subject_heads(head) if head is not None else []
            if speaker:
                said_by = participant(speaker[0], self.index, self.resolve_pronoun)
                if said_by.entity and self.index.by_id[said_by.entity].type in ("GPE", "PERSON"):
                    d.actors = [said_by]
        if rule.type == "ASSAULT" and tok.pos_ == "VERB" and any(c.lower_ == "at" for c in _kids(tok, "prep")):
            # "fired rubber bullets at the crowd": what is fired is no target
            dobjs = {c.i for c in _kids(tok, "dobj") for c in conjuncts(c)}
            targets = [x for x in targets if x.i not in dobjs]
        if rule.type == "DEMAND" and not targets and tok.pos_ == "VERB":
            # "demanded that X withdraw": the one asked to act
            targets = [
                h for c in _kids(tok, "ccomp")
                if c.tag_ == "VB" or any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                for s in _kids(c, "nsubj") for h in conjuncts(s)
            ]
        if rule.type == "THREATEN" and not targets:
            targets = self._conditional_subjects(anchor)
        if rule.type in ("THREATEN", "REJECT") and not targets and tok.pos_ == "VERB" and _lemma(tok) not in _DENIAL:
            targets = self._content_targets(tok)  # "threatened to expel X", "refused to meet Y"
        not_actors = self.lex.classes.get("not_actors", frozenset())
        subj = [s for s in subj if s is not None and _lemma(s) not in not_actors]
        targets = [t for t in targets if not _is_date(t)]  # "sanctions against X on Friday"
        if subj and all(_is_date(s) for s in subj):
            subj = self._before_date(subj[0])  # "The EU on Monday imposed ...": Monday is no actor
        if subj:
            subj = self._stray_conjuncts(subj)
        direct = [t for t in targets if _lemma(t) not in self.lex.classes.get("themes", frozenset())]
        if rule.type in _REF_TAKERS:
            if tok.pos_ == "VERB":  # "denied the accusation" (deny's object is a theme)
                objs = _kids(tok, "dobj")
                if not objs and tok.dep_ == "relcl" and tok.head.pos_ == "NOUN":
                    objs = [tok.head]  # "a charge the government flatly denied"
                targets += [o for o in objs if o not in targets and self._reference(o) is not None]
            refs = [t for t in targets if self._reference(t) is not None]
            targets = self._themes_to_owners(targets, refs)
            owned = {t.i for t in targets}
            free = [r for r in refs if not any(o.i in owned for o in self._owners(r))]
            if free and not targets:
                d.ref = (free[0], self._reference(free[0]) or frozenset())
                d.claimant = self._claimant(tok)
        else:
            targets = self._themes_to_owners(targets)
        if subj:
            d.actors = self.people(subj)
        undo = [
            o for o in (_kids(tok, "dobj") if rule.type == "DEMAND" and tok.pos_ == "VERB" else [])
            if _lemma(o) in self.lex.undo_nouns and any(c.dep_ in ("det", "poss") for c in o.children)
        ]
        if rule.type in _PARTY_TARGETS:  # "ban imports": imports are what is banned, not a party
            # ... but "imports from X", "the assets of Y" name the party they belong to
            targets = [x for t in targets for x in ([t] if self._party(t) else self._party_of(t))]
        if rule.type == "CONCEDE" and not targets and tok.pos_ == "VERB":
            # "release 40 Chadian soldiers": the captives' state gets them back
            for o in _objects(tok):
                held = participant(o, self.index, self.resolve_pronoun)
                if held.entity and self.index.by_id[held.entity].type == "GPE":
                    targets.append(o)
        if undo and not targets:  # "demanded the release of the crew": from whoever holds it
            d.ref = (undo[0], self.lex.undo_nouns[_lemma(undo[0])])
        acting = {a.entity for a in d.actors if a.entity}
        found = self.people(targets, exclude=acting)
        if rule.type in _POLITICAL:  # "recalled its ambassador from Riyadh": Saudi Arabia
            found = [
                Participant(entity=self.index.capital_country(t.entity) or t.entity, text=t.text, start=t.start, end=t.end)
                if t.entity else t
                for t in found
            ]
        d.targets = [
            t for t in found
            if (t.start, t.end) not in {(a.start, a.end) for a in d.actors}
            and not (t.entity and t.entity in acting)  # the actor is never its own target
        ]
        if rule.foreign and d.targets and any(
            t.entity and self.index.by_id[t.entity].type == "GPE" and _is_country(self.index.by_id[t.entity].name)
            and t.entity not in {a.entity for a in d.actors}
            and any(t.start <= h.idx < t.end for h in direct)  # not "to its border with X"
            for t in d.targets
        ):
            d.type, _, d.mode = rule.foreign.partition("/")

    def _stray_conjuncts(self, subj: list[Token]) -> list[Token]:
        """A first conjunct the parser cut off ("X and Y signed" after a title without a full
        stop, parsed as "X" + "and Y signed"): the name right before "and" joins the subject."""
        doc = subj[0].doc
        left = min(t.left_edge.i for t in subj)
        if left < 2 or doc[left - 1].lower_ not in ("and", "&") or doc[left - 1].dep_ != "cc":
            return subj
        prev = doc[left - 2]
        if not self._inside(prev) or prev.pos_ != "PROPN" or prev in subj:
            return subj
        if any(prev in t.subtree for t in subj) or prev.dep_ not in ("ROOT", "dep", "npadvmod", "compound"):
            return subj
        if not self.index.at(prev.idx, prev.idx + len(prev.text)):
            return subj
        return [prev, *subj]

    def _before_date(self, date: Token) -> list[Token]:
        """The noun phrase before a date the parser took for the subject."""
        i = date.left_edge.i - 1
        doc = date.doc
        while i >= 0 and (doc[i].pos_ == "ADP" or doc[i].is_punct) and self._inside(doc[i]):
            i -= 1
        if i < 0 or not self._inside(doc[i]) or doc[i].pos_ not in ("PROPN", "NOUN"):
            return []
        head = doc[i]
        while head.dep_ in ("compound", "flat") and self._inside(head.head):
            head = head.head
        return [head]

    def _themes_to_owners(self, targets: list[Token], extra: list[Token] | None = None) -> list[Token]:
        """A claim, warning or proposal is not a target: its owner is ("a proposal from X",
        "X's plan"); without one, there is none. ``extra``: more heads read as themes (the
        event nouns a reaction refers to: "welcomed the aid")."""
        themes = self.lex.classes.get("themes", frozenset())
        more = {t.i for t in extra or []}
        out: list[Token] = []
        for t in targets:
            if _lemma(t) not in themes and t.i not in more:
                out.append(t)
                continue
            out.extend(h for o in self._owners(t)[:1] for h in conjuncts(o))
        return out

    @staticmethod
    def _owners(t: Token) -> list[Token]:
        return [c for c in t.children if c.dep_ == "poss" and c.pos_ != "PRON"] + [
            p for prep in _kids(t, "prep") if prep.lower_ in ("from", "by", "of", "with")
            for p in _kids(prep, "pobj") if p.pos_ == "PROPN" or p.ent_type_
        ]

    def _reference(self, t: Token) -> frozenset[str] | None:
        """The event types a noun can refer back to ("the accusation": ACCUSE; "the aid": AID;
        "the decision": any action), or None for a noun that names no earlier event."""
        if t.pos_ != "NOUN":
            return None
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in t.children)
        left = t.left_edge.i
        resumptive = left > 0 and t.doc[left - 1].text == ","  # "..., a charge X denied"
        if not (definite or resumptive):
            return None  # "against any deal", "rejected a proposal": nothing said before
        lemma = _lemma(t)
        found = self.lex.references.get(lemma)
        if found is not None:
            return found
        rule = self.lex.nouns.get(lemma)
        return frozenset({rule.type}) if rule is not None else None

    def _party_of(self, t: Token) -> list[Token]:
        """The party a thing belongs to: "imports from X", "the assets of Y", "accounts held by Z"."""
        return [
            h for prep in _kids(t, "prep") if prep.lower_ in ("from", "of", "by")
            for p in _kids(prep, "pobj") for h in conjuncts(p)
            if self._party(h) and (prep.lower_ != "from" or self._actor_entity(h))
        ]

    def _actor_entity(self, tok: Token) -> bool:
        """A named state, organisation, person or people ("imports from Belarus"), not a place
        left or come from ("the withdrawal of troops from Kursk")."""
        eid = self.index.at(tok.idx, tok.idx + len(tok.text))
        ent = self.index.by_id.get(eid) if eid else None
        if ent is None:
            return False
        return ent.type in ("ORG", "PERSON", "NORP") or (ent.type == "GPE" and _is_country(ent.name))

    def _claimant(self, tok: Token) -> str | None:
        """The subject of the reporting verb the reaction hangs from ("the ministry said ...,
        a claim Pristina denied"): the one who made the claim."""
        cur = tok
        for _ in range(10):
            if cur.head == cur or not self._inside(cur.head):
                return None
            cur = cur.head
            if cur.pos_ == "VERB" and _lemma(cur) in self.lex.reporting:
                found = self.people(_kids(cur, "nsubj")[:1])
                return found[0].entity if found else None
        return None

    def _content_targets(self, verb: Token) -> list[Token]:
        """The parties the threatened act is aimed at: the objects of its infinitive ("threatened
        to expel X's diplomats", "to impose tariffs on Y")."""
        out: list[Token] = []
        for x in _kids(verb, "xcomp"):
            for c in x.children:
                if c.dep_ in ("dobj", "dative") and c.pos_ != "ADP":
                    out += [h for h in conjuncts(c) if self._party(h)]
                elif c.dep_ in ("prep", "dative") and c.lower_ in ("on", "against", "to", "from"):
                    out += [h for p in _kids(c, "pobj") for h in conjuncts(p)]
        return out

    def _left_subject(self, verb: Token) -> list[Token]:
        """The noun phrase right before a verb the parser left without a subject (after a
        dateline: "ACCRA, June 12 - Ghana and Togo signed ...")."""
        i = verb.i - 1
        doc = verb.doc
        while i >= 0 and doc[i].dep_ in ("aux", "neg", "advmod") and doc[i].head.i == verb.i:
            i -= 1
        if i < 0 or not self._inside(doc[i]) or doc[i].pos_ not in ("PROPN", "NOUN"):
            return []
        head = doc[i]
        while head.dep_ in ("compound", "flat") and self._inside(head.head):
            head = head.head
        while head.dep_ == "conj" and self._inside(head.head) and head.head.pos_ in ("PROPN", "NOUN"):
            head = head.head
        return conjuncts(head)

    def _conditional_subjects(self, anchor: Token) -> list[Token]:
        for t in anchor.subtree:
            if t.lower_ in _CONDITIONAL and t.dep_ == "mark":
                return [h for s in _kids(t.head, "nsubj") for h in conjuncts(s)]
        return []

    def _mode(self, d: _Draft, rule: Rule) -> None:
        modes = self.lex.modes.get(d.type)
        if not modes:
            return
        words = {_lemma(d.trigger)} | _obj_words(_objects(d.trigger)) | {
            _lemma(c) for c in d.trigger.children if c.dep_ in ("amod", "compound")
        }
        if d.mode and rule.mode and not (d.type == "MOBILIZE" and d.mode == "troops"):
            return
        for c in d.trigger.children:
            if c.dep_ == "amod":
                words |= {_lemma(x) for x in c.children if x.dep_ == "conj"}
        for h in _objects(d.trigger):
            for c in h.children:
                if c.dep_ == "amod":
                    words |= {_lemma(x) for x in c.children if x.dep_ == "conj"}
        if d.type == "MOBILIZE" and d.mode == "troops":
            if words & modes.get("police", frozenset()) and not words & modes.get("troops", frozenset()):
                d.mode = "police"  # "sent 1,000 police officers"
            return
        for mode, vocab in modes.items():  # first listed mode wins (economic, military ...)
            if vocab & words:
                d.mode = mode
                return

    def _status(self, d: _Draft, rule: Rule) -> str:
        lex = self.lex
        chain = [t for t in _chain(d.anchor) if self._inside(t)]
        status = rule.status or "occurred"
        denier = self._reporting_head(d.anchor)
        if any(t != d.trigger and _lemma(t) in _DENIAL for t in chain) or (
            denier is not None and _lemma(denier) in _DENIAL and not any(
                k.dep_ == "neg" for k in denier.children
            )
        ):
            return "denied"  # "Russia denied sending troops", "X denied that it had sent"
        for t in chain:
            if t == d.trigger:
                continue
            if t.pos_ in ("VERB", "AUX") and _lemma(t) in lex.failure_verbs and not any(k.dep_ == "neg" for k in t.children):
                return "denied"  # "failed to reach a deal": it did not happen
            if t.pos_ == "NOUN" and _lemma(t) in _PLAN_NOUNS and any(k.lower_ == "no" for k in t.children):
                return "denied"  # "had no plans to attack"
            if _lemma(t) in ("have", "be") and any(k.dep_ == "advmod" and k.lower_ == "yet" for k in t.children):
                return "planned"  # "has yet to ratify"
        if any(  # "... if the sanctions were not lifted": a condition is not a denial
            k.dep_ == "mark" and k.lower_ in _CONDITIONAL for t in chain for k in t.children
        ):
            return "hypothetical"
        for tok in chain:
            kids = list(tok.children)
            negated = any(k.dep_ == "neg" or k.lower_ in ("never", "neither", "nor") for k in kids)
            own = tok.pos_ in ("VERB", "AUX") and not (tok != d.anchor and _lemma(tok) in lex.reporting)
            if negated and own:
                return "denied"
            if any(k.dep_ == "mark" and k.lower_ in _CONDITIONAL for k in kids):
                return "hypothetical"
            if any(  # "would expel X and ban Y if ...": the condition hangs on the conjunct
                k.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITIONAL for m in k.children)
                for c in kids if c.dep_ == "conj" and c.pos_ == "VERB" for k in c.children
            ) and any(k.tag_ == "MD" for k in kids):
                return "hypothetical"
            if (tok != d.anchor and _lemma(tok) in lex.hypothetical_verbs) or (
                tok.dep_ == "ccomp" and _lemma(tok.head) in lex.hypothetical_verbs
            ):
                return "hypothetical"  # "residents feared militants would attack"
            if tok.dep_ == "advcl" and any(k.lower_ == "should" and k.i < tok.i and k.dep_ == "aux" for k in kids):
                return "hypothetical"
            if tok != d.anchor and tok.pos_ == "ADJ" and _lemma(tok) in lex.hypothetical_adjectives:
                return "hypothetical"  # "ready to send more troops": willing, not planned
        for tok in chain:
            kids = list(tok.children)
            modals = {k.lower_ for k in kids if k.tag_ == "MD"}
            if modals & lex.future_modals:
                return "planned"
            if modals & {"could", "might", "may"}:
                return "hypothetical"
            if "would" in modals:
                in_complement = any(t.dep_ in ("ccomp", "acl") for t in chain)
                return "planned" if in_complement or self._reported(d.anchor) else "hypothetical"
            if tok != d.trigger and tok != d.anchor and (
                _lemma(tok) in lex.plan_verbs or _lemma(tok) in _PLAN_NOUNS
                or (tok.pos_ == "ADJ" and _lemma(tok) in lex.plan_adjectives)  # "is due to send"
            ):
                return "planned"
            if tok != d.trigger and _lemma(tok) in lex.ongoing_verbs and any(
                k.dep_ == "xcomp" and k in chain for k in kids
            ):
                return "ongoing"
            if tok.tag_ == "VBG" and any(_lemma(k) == "be" and k.dep_ == "aux" for k in kids):
                return "ongoing"
            if tok.dep_ == "ROOT" and any(k.dep_ == "aux" and k.lower_ == "to" for k in kids):
                return "planned"  # headline "X to be compensated"
            if tok.dep_ in ("ccomp", "ROOT"):
                break
        return status

    def _reported(self, tok: Token) -> bool:
        return self._reporting_head(tok) is not None

    def _reporting_head(self, tok: Token) -> Token | None:
        cur = tok
        for _ in range(10):
            if cur.head == cur or not self._inside(cur.head):
                return None
            if cur.dep_ == "ccomp" and _lemma(cur.head) in self.lex.reporting:
                return cur.head
            if cur.dep_ == "ccomp" and cur.head.pos_ == "NOUN":  # "news that ...", "reports that"
                return None
            nxt = _up(cur)
            if nxt != cur.head:
                return None  # reattached: the verb belongs to the reporting clause itself
            cur = nxt
        return None

    def _when_where(self, d: _Draft) -> tuple[str | None, str | None]:
        toks = _clause_tokens(d.anchor)
        if d.trigger != d.anchor:
            toks += _clause_tokens(d.trigger)
        toks = [t for t in toks if not (t.dep_ == "conj" and t.pos_ == "VERB" and t != d.trigger)]
        ids = {t.i for t in toks}
        when = None
        for tx_start, value, tx_ids in self.timex_tokens:
            if d.sent[0] <= tx_start < d.sent[1] and tx_ids & ids:
                when = value
                break
        if when is None:  # "X began in early October when militias attacked": the same time
            clause = d.anchor
            while clause.dep_ == "conj" and clause.head != clause:
                clause = clause.head
            purpose = _purpose(clause)
            if clause.dep_ == "advcl" and (purpose or any(c.lower_ == "when" for c in clause.children)):
                # "... when militias attacked", "blocked a highway on Monday to protest"
                outer = {t.i for t in _clause_tokens(clause.head)} - {t.i for t in clause.subtree}
                for tx_start, value, tx_ids in self.timex_tokens:
                    if d.sent[0] <= tx_start < d.sent[1] and tx_ids & outer:
                        when = value
                        break
        where = None
        anchors = {d.anchor.i, d.trigger.i}
        near = set(anchors)
        sources = [d.anchor, d.trigger]
        if _purpose(d.anchor) and d.anchor.head.pos_ == "VERB":
            # "farmers blocked a highway near X to protest": the protest is where the blockade is
            inner = {x.i for x in d.anchor.subtree}
            toks = toks + [x for x in _clause_tokens(d.anchor.head) if x.i not in inner and x.i not in ids]
            near.add(d.anchor.head.i)
            sources.append(d.anchor.head)
        for a in sources:
            for c in a.children:
                if c.dep_ in ("dobj", "nsubjpass", "nsubj"):
                    near.add(c.i)  # "police in Nairobi arrested ..."
                elif c.dep_ in ("prep", "dative") and c.lower_ in ("to", "into", "at", "in", "toward", "towards", "during"):
                    near.update(p.i for p in c.children if p.dep_ == "pobj")  # "during a raid in X"
        aimed = [(x.start, x.end) for x in d.targets]
        for t in toks:
            if t.dep_ == "prep" and t.lower_ in _LOC_PREPS and t.head.i in near:
                for p in _kids(t, "pobj"):
                    if d.type == "SANCTION" and t.lower_ == "on" and any(s <= p.idx < e for s, e in aimed):
                        continue  # "sanctions on Tehran": the target, not the place
                    if not self.index.at(p.idx, p.idx + len(p.text)):  # "on the island of X", "in the capital, X"
                        p = next(
                            (q for prep in _kids(p, "prep") if prep.lower_ == "of" for q in _kids(prep, "pobj")),
                            next(iter(_kids(p, "appos")), p),
                        )
                    eid = self.index.at(p.idx, p.idx + len(p.text))
                    ent = self.index.by_id.get(eid) if eid else None
                    if ent is not None and ent.type in ("GPE", "LOC", "FAC"):
                        where = ent.id
                        break
            if where:
                break
        return when, where

    def _reporter(self, d: _Draft) -> str | None:
        head = self._reporting_head(d.anchor)
        if head is not None:
            subj = _subject_heads(head)
            if subj:
                p = participant(subj[0], self.index, self.resolve_pronoun)
                if p.entity is not None:
                    return self._unraised(subj[0]) or p.entity
        sent_span = self.doc.char_span(d.sent[0], d.sent[1], alignment_mode="expand")
        if sent_span is not None:
            for t in sent_span:
                if t.lower_ == "according" and t.i + 1 < len(self.doc) and self.doc[t.i + 1].lower_ == "to":
                    for obj in _kids(self.doc[t.i + 1], "pobj"):
                        return self._unraised(obj)
        for s, e, speaker in self.quotes:
            if s <= d.trigger.idx < e:
                return speaker
        return None

    def _unraised(self, tok: Token) -> str | None:
        if tok.pos_ == "PRON":
            return self.resolve_pronoun(tok)
        return self.index.at(tok.idx, tok.idx + len(tok.text))

    def _threat_consequence(self, said: Token) -> bool:
        """"said X would retaliate if Y ...": the complement's own verb is a threat word under
        will / would with a condition on it (a plain statement of a condition is no threat)."""
        for comp in _kids(said, "ccomp"):
            if _lemma(comp) not in self.lex.threat_words or comp.pos_ != "VERB":
                continue
            modal = any(k.tag_ == "MD" and k.lower_ in ("will", "would", "'ll") for k in comp.children)
            cond = any(
                m.dep_ == "mark" and m.lower_ in ("if", "unless")
                for k in comp.children if k.dep_ == "advcl" for m in k.children
            )
            if modal and cond:
                return True
        return False

    # the conditional threat: "X warned/emphasized that if Y does Z, they will be targets"
    def conditional_threat(self, sent: SpacySpan, bounds: tuple[int, int]) -> _Draft | None:
        self.bounds = bounds
        low = self.record.text[bounds[0] : bounds[1]].casefold()
        if low[:1] in ("\u201c", '"') or not (" will " in low or " would " in low):
            return None
        if not (" if " in low or " should " in low or " unless " in low or low.startswith("if ")):
            return None
        toks = list(sent)
        has_if = any(
            (t.dep_ == "mark" and t.lower_ in ("if", "unless"))
            or (t.lower_ == "should" and t.dep_ == "aux" and any(c.dep_ == "nsubj" and c.i > t.i for c in t.head.children))
            for t in toks
        )
        has_modal = any(t.lower_ in ("will", "would") and t.tag_ == "MD" for t in toks)
        has_threat = any(_lemma(t) in self.lex.threat_words and t.pos_ in ("NOUN", "VERB") for t in toks)
        if not (has_if and has_modal and has_threat):
            return None
        for t in toks:
            if t.pos_ == "VERB" and _lemma(t) in self.lex.reporting and (
                _lemma(t) not in ("say", "tell") or self._threat_consequence(t)
            ):
                subj = _kids(t, "nsubj")
                if not subj:
                    continue
                d = _Draft(type="THREATEN", mode=None, trigger=t, anchor=t, sent=bounds)
                d.actors = self.people(conjuncts(subj[0]))
                cond = [c for c in toks if c.dep_ == "nsubj" and c.head.dep_ in ("advcl", "ccomp") and c.i > t.i]
                cond.sort(key=lambda c: not any(  # the subject of the condition first
                    m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.head.children
                ))
                acting = {a.entity for a in d.actors if a.entity}
                d.targets = [x for x in self.people(cond[:1], exclude=acting) if not (x.entity and x.entity in acting)]
                d.status = "hypothetical" if False else "occurred"
                return d
        return None


def sentences(work: Work, doc: Doc) -> list[tuple[int, int, SpacySpan]]:
    """Body sentences as (start, end, span): the parser's sentences cut at paragraph
    breaks, without title / subtitle / dateline sections (cached in
    ``work.notes["events.sentences"]`` for the checks stage)."""
    cached = work.notes.get("events.sentences")
    if cached is not None and cached[0] is doc:
        return list(cached[1])
    found = _sentences(work, doc)
    work.notes["events.sentences"] = (doc, found)
    return list(found)


def _sentences(work: Work, doc: Doc) -> list[tuple[int, int, SpacySpan]]:
    text = work.record.text
    skip = [
        (s.start, s.end) for s in work.record.sections if s.kind in ("title", "subtitle", "dateline")
    ]
    if work.record.dateline is not None:
        skip.append((work.record.dateline.start, work.record.dateline.end))
    dateline_ends = {
        b for (a, b), kind in zip(skip, [s.kind for s in work.record.sections if s.kind in ("title", "subtitle", "dateline")] + ["dateline"], strict=False)
        if kind == "dateline"
    }
    out: list[tuple[int, int, SpacySpan]] = []
    for sent in doc.sents:
        start = sent.start_char
        for piece in text[sent.start_char : sent.end_char].split("\n\n"):
            s = text.find(piece, start) if piece else start
            e = s + len(piece)
            start = e
            stripped = piece.strip()
            if not stripped:
                continue
            s += len(piece) - len(piece.lstrip())
            e = s + len(stripped)
            for a, b in skip:  # a sentence that starts with the dateline starts after it
                if a <= s < b < e and b in dateline_ends:
                    s = b + len(text[b:e]) - len(text[b:e].lstrip())
            if any(a <= s < b for a, b in skip) or s >= e:
                continue
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                out.append((s, e, span))
    return _rejoin(text, doc, out)


def _rejoin(text: str, doc: Doc, sents: list[tuple[int, int, SpacySpan]]) -> list[tuple[int, int, SpacySpan]]:
    """Sentences the parser cut inside a line ("Zambia" + "and Malawi signed ..." after a
    title without a full stop) joined again: a piece that does not end a sentence, followed on
    the same line by one starting in lower case."""
    out: list[tuple[int, int, SpacySpan]] = []
    for s, e, span in sents:
        if out:
            ps, pe, _ = out[-1]
            gap = text[pe:s]
            if "\n" not in gap and text[s : s + 1].islower() and text[pe - 1 : pe] not in ".!?\"\u201d":
                joined = doc.char_span(ps, e, alignment_mode="expand")
                if joined is not None:
                    out[-1] = (ps, e, joined)
                    continue
        out.append((s, e, span))
    return out


def _merge(drafts: list[_Draft]) -> list[_Draft]:
    """One event per action: same type in the same sentence with a trigger governing the
    other's (or sharing an actor) is one event; participants are pooled."""
    out: list[_Draft] = []
    for d in drafts:
        for o in out:
            if o.type != d.type or o.sent != d.sent:
                continue
            related = (
                d.trigger in o.trigger.subtree or o.trigger in d.trigger.subtree
                or d.anchor == o.anchor or d.trigger in o.anchor.subtree
                or o.trigger in d.anchor.subtree
            )
            same_actor = bool(
                {a.entity or a.text for a in d.actors} & {a.entity or a.text for a in o.actors}
            )
            distinct = bool(d.actors) and bool(o.actors) and not same_actor
            if (related and not distinct) or same_actor:
                for p in d.actors:
                    if all(p.start != q.start for q in o.actors):
                        o.actors.append(p)
                for p in d.targets:
                    if all(p.start != q.start for q in o.targets):
                        o.targets.append(p)
                o.when = o.when or d.when
                o.where = o.where or d.where
                o.mode = o.mode or d.mode
                o.reported_by = o.reported_by or d.reported_by
                break
        else:
            out.append(d)
    return out


_REF_WINDOW = 2000  # characters back to look for the event a reaction answers


def _same_root(noun: Token, trigger: Token) -> bool:
    """A noun derived from the trigger's verb ("deployment" / "deployed", "accusation" /
    "accused"), or the same noun."""
    a, b = _lemma(noun), _lemma(trigger)
    stem = b[:-1] if b.endswith("e") else b
    return a == b or (len(stem) >= 4 and a.startswith(stem))


def _answer_references(drafts: list[_Draft]) -> None:
    """A reaction to an earlier event ("Minsk rejected the accusation", "X condemned the
    attack", "Y welcomed the aid") targets that event's actors: the latest earlier event of a
    type the noun can name, by other actors, preferring one aimed at the reacting actor."""
    for d in drafts:
        if d.ref is None or d.targets:
            continue
        noun, types = d.ref
        mine = {a.entity for a in d.actors if a.entity}
        best: _Draft | None = None
        best_rank = (False, False)
        for o in drafts:
            if o is d or o.type not in types or o.trigger.idx >= d.trigger.idx:
                continue
            if o.trigger.idx < d.trigger.idx - _REF_WINDOW:
                continue
            theirs = {a.entity for a in o.actors if a.entity}
            if not theirs or theirs & mine:
                continue
            # aimed at the reacting actor first, then the same word ("the deployment" of
            # "deployed"), then the latest
            rank = (bool(mine & {t.entity for t in o.targets if t.entity}), _same_root(noun, o.trigger))
            if best is None or rank >= best_rank:
                best, best_rank = o, rank
        claimed = best.actors if best is not None else []
        if best is None and "ACCUSE" in types and d.claimant and d.claimant not in mine:
            claimed = [Participant(entity=d.claimant, text="", start=0, end=0)]
        if not claimed:
            continue
        toks = noun_phrase(noun)
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        text = noun.doc.text[start:end]
        seen: set[str] = set()
        for a in claimed:
            if a.entity and a.entity not in seen:
                seen.add(a.entity)
                d.targets.append(Participant(entity=a.entity, text=text, start=start, end=end))


def code_events(work: Work) -> list[Event]:
    doc = work.doc
    if doc is None:
        return []
    coder = _Coder(work, doc)
    lex = coder.lex
    candidates = set(lex.verbs) | set(lex.nouns)
    drafts: list[_Draft] = []
    for start, end, sent in sentences(work, doc):
        found: list[_Draft] = []
        for tok in sent:
            lemma = tok.lemma_
            if lemma not in candidates and lemma.lower() not in candidates and tok.lower_ not in candidates:
                continue
            try:
                draft = coder.code(tok, (start, end))
            except (IndexError, KeyError, ValueError) as exc:
                work.warn("events", "trigger_skipped", f"{type(exc).__name__}: {exc}", tok.idx, tok.idx + len(tok.text))
                continue
            if draft is not None:
                found.append(draft)
        if not any(d.type == "THREATEN" for d in found):
            threat = coder.conditional_threat(sent, (start, end))
            if threat is not None:
                found.append(threat)
        drafts.extend(_merge(found))
    _answer_references(drafts)
    events: list[Event] = []
    ids: dict[str, int] = {}
    seen: set[tuple[int, int]] = set()
    for d in drafts:
        t = d.trigger
        key = (t.idx, t.idx + len(t.text))
        if key in seen:
            continue  # one event per trigger: ids are unique
        seen.add(key)
        ev = Event(
            id=item_id("event", t.idx, t.idx + len(t.text)),
            type=d.type,  # type: ignore[arg-type]
            mode=d.mode,
            actors=d.actors,
            targets=d.targets,
            when=d.when,
            when_basis="text" if d.when else None,
            where=d.where,
            status=d.status,  # type: ignore[arg-type]
            reported_by=d.reported_by,
            trigger=t.text,
            trigger_span=Span(start=t.idx, end=t.idx + len(t.text)),
            start=d.sent[0],
            end=d.sent[1],
        )
        ids[ev.id] = t.i
        events.append(ev)
    work.notes["events.tokens"] = ids
    return events


@dataclass(frozen=True)
class _Stage:
    name: str = "events"
    version: str = "6"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("events",)

    def run(self, work: Work) -> None:
        if work.doc is None:
            return
        work.record.events = code_events(work)


STAGE = _Stage()
