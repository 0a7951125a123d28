"""The entities stage: who and what is in the article, grouped, with KB links and roles.

Mentions come from spaCy NER corrected by rules and the KB (:mod:`newsgraph.stages.mentions`);
roles are read from the text (:mod:`newsgraph.stages.roles`). Grouping per article:

- KB entities by KB id: "North Korea", "North Korea's" and "Pyongyang" used as the government
  (sense "metonym") are one entity named "North Korea"; a capital used as a place stays the
  city ("NATO headquarters in Brussels");
- demonyms ("North Korean", "Russian") are NORP entities with the country's ISO code in
  ``kb.iso``;
- a person's surname or first-name mention ("Kirby") joins the full name ("John Kirby") seen
  in the article (the nearest one before it, else the first after it); bare surnames NER missed
  are added;
- an acronym in brackets after a name ("National Intelligence Service (NIS)"), or one that
  spells a name's initials, joins that name;
- a surname spelling variant ("Zelensky" / "Zelenskyy") joins the full name; a full name NER
  tags ORG once joins its person when the surname alone is a PERSON;
- in a title-case headline (with a body below it), a name the KB does not know is kept only
  when the body names it too (else cut to the front part the body names: "Kessrin" of
  "Kessrin Miners Agree"), and a capital reads as the body reads it;
- the dateline's place ("KESSRIN, Feb. 2 —") is a GPE mention joined to the same name in the
  body, never a first name; a place met only there is title-cased ("Varna");
- surnames with particles or two parts ("Van der Kolk", "Mensah-Boateng", "Undurraga" of
  "Rosario Undurraga Vial") join the full name; one name the KB does not know typed ORG and
  GPE is one entity; "Okuta State" is a GPE; "Corvane" / "Halvard" alone join "Corvane Foods"
  / "Halvard Resources" (data/roles_titles.json company_suffixes, corporate_forms);
- places the small NER model mistypes or misses are read with the gazetteer and the text
  around them (:mod:`newsgraph.stages.places`): "Alexandria police", "in Churchill", "Royal
  Street", "Walton and Oconee counties", "Bolingbrook, Ill."; a place a public body is named
  after ("Athens" of "Athens Police Department") is a GPE mention nested in the body's;
- roles whose organisation is only referred to ("its chief executive", "the company's
  operations director", "federation leader", "named NAME chief financial officer") take the
  organisation of the article it refers to; a role's org met as a short form takes the
  entity's name; a mayor's org is a place.

Interface for other stages (quotes, figures, events call these on ``work.record``):

- :func:`entity_at` ``(record, start, end) -> entity id | None``: the entity with a mention
  exactly at the character span, else the longest mention inside it ("Russian foreign ministry
  spokeswoman Maria Zakharova" -> Zakharova), else one containing it, else the most overlap;
- :func:`resolve` ``(record, name) -> entity id | None``: a name string to an entity of the
  record (canonical name, alias, KB alias such as "Moscow" -> Russia, or a surname);
- :func:`affiliation` ``(record, entity_id) -> entity id | None``: the country entity an entity
  acts for (from a role's country, a role's organisation in the KB, a NORP's or org's KB
  country, or the country itself for a GPE country).

Notes set: ``work.notes["entities.mentions"]``: list of ``(start, end, entity_id)`` for every
mention, sorted by start (character offsets into ``record.text``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rapidfuzz.distance import JaroWinkler

from newsgraph.kb.lookup import Match, country, lookup, name_words
from newsgraph.record import KB, Entity, Mention, Role
from newsgraph.stages import places as place_rules
from newsgraph.stages.mentions import (
    Cand,
    candidates,
    capital_sense,
    is_honorific,
    is_title,
    lexicon,
    low,
)
from newsgraph.stages.roles import read_roles

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsgraph.pipeline import Work
    from newsgraph.record import ArticleRecord

SPELLING_VARIANT = 0.95  # Jaro-Winkler similarity for surname spelling variants
CONNECTORS = {"of", "the", "and", "for", "&", "de", "du", "la", "le", "des"}


def _initials(text: str) -> str:
    return "".join(w[0] for w in text.replace("-", " ").split() if w[:1].isupper() and w.lower() not in CONNECTORS)


def _spelling_variant(a: str, b: str) -> bool:
    """"Zelensky" / "Zelenskyy"; not "Lavrov" / "Lavrova" (a feminine form: another person)."""
    if a == b or min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1 or a[:4] != b[:4]:
        return False
    if a + "a" == b or b + "a" == a:
        return False
    return JaroWinkler.similarity(a, b) >= SPELLING_VARIANT


def _words(doc: Doc, c: Cand) -> int:
    """Words of a mention, a hyphenated part not counted ("Mensah-Boateng" is one word)."""
    if c.end - c.start == 1:
        return 1
    return len(doc[c.start:c.end].text.split())


def _person_keys(doc: Doc, cands: list[Cand], place: str | None = None) -> None:
    """Group PERSON mentions: full names by text, shorter forms to the nearest full name
    (never the dateline's place: "Kessrin" is not the first name of "Kessrin Miners Agree")."""
    # a name NER calls an ORG or a place, once, is a person when its surname alone is a PERSON
    # elsewhere ("Volodymyr Zelenskyy" tagged ORG, "Zelenskyy" PERSON); a name met several
    # times as an ORG stays one ("McDonnell Douglas")
    lone = {doc[c.start].text for c in cands if c.label == "PERSON" and c.end - c.start == 1}
    heads = lexicon()["org_heads"]
    seen = Counter(doc[c.start:c.end].text for c in cands)
    for c in cands:
        if c.label in ("ORG", "GPE", "LOC", "FAC") and c.match is None and 2 <= c.end - c.start <= 3 \
                and seen[doc[c.start:c.end].text] == 1 \
                and any(doc[c.end - 1].text == x or _spelling_variant(doc[c.end - 1].text, x) for x in lone) \
                and all(t.text[:1].isupper() and t.is_alpha and t.lower_ not in heads
                        for t in doc[c.start:c.end]):
            c.label = "PERSON"
    persons = [c for c in cands if c.label == "PERSON"]
    full = [c for c in persons if _words(doc, c) >= 2]
    for c in full:
        c.key = "person:" + doc[c.start:c.end].text
    # a longer full name absorbs a shorter one it ends with ("Vladimir Putin" <- "Putin",
    # "Maarten van der Kolk" <- "Van der Kolk")
    names = sorted({c.key[7:] for c in full}, key=len, reverse=True)
    for c in full:
        text = c.key[7:]
        for longer in names:
            if len(longer) > len(text) and longer.casefold().endswith(" " + text.casefold()):
                c.key = "person:" + longer
                break

    forms = [(f, doc[f.end - 1].text, doc[f.start].text, doc[f.start:f.end].text) for f in full]
    for c in cands:
        if c.key or _words(doc, c) >= 3:
            continue
        text = doc[c.start:c.end].text
        if place is not None and text.casefold() == place:
            continue
        best: Cand | None = None
        for f, last, first, whole in forms:
            if f is c:
                continue
            inner = whole.split()[1:-1]  # "Undurraga" of "Rosario Undurraga Vial"
            if (text in (last, first) or whole.casefold().endswith(" " + text.casefold())
                    or (c.label == "PERSON" and c.end - c.start == 1 and text in inner)) and (
                best is None or (f.start < c.start and (best.start > c.start or f.start > best.start))
            ):
                best = f
        if best is None and c.match is None and c.end - c.start == 1 and len(text) >= 5:
            # a spelling variant of a surname in the same article ("Zelensky", "Zelenskyy")
            near = [f for f, last, _first, _whole in forms
                    if f is not c and _spelling_variant(text, last)]
            if len(near) == 1:
                best = near[0]
        if best is not None and (c.label == "PERSON" or c.match is None or c.match.kind == "capital"):
            c.key = best.key
            c.label = "PERSON"
            c.match = None
    for c in persons:
        if not c.key:
            c.key = "person:" + doc[c.start:c.end].text


def _add_bare_surnames(doc: Doc, cands: list[Cand], text: str) -> list[Cand]:
    """Surnames of full names in the article that NER missed elsewhere."""
    surnames: dict[str, str] = {}
    for c in cands:
        if c.label == "PERSON" and c.end - c.start >= 2 and doc[c.end - 1].is_alpha:
            surnames.setdefault(doc[c.end - 1].text, c.key)
            if c.end - c.start == 3 and doc[c.start + 1].is_alpha and doc[c.start + 1].is_title \
                    and len(doc[c.start + 1].text) >= 4:
                surnames.setdefault(doc[c.start + 1].text, c.key)  # "Ocampo" of "Pilar Ocampo Durán"
    if not surnames:
        return cands
    taken = {i for c in cands for i in range(c.start, c.end)}
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, surnames)) + r")(?![\w-])")
    extra = []
    for found in pattern.finditer(text):
        span = doc.char_span(found.start(), found.end())
        if span is None or len(span) != 1:
            continue
        tok = span[0]
        if tok.i in taken or tok.pos_ != "PROPN":
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.pos_ == "PROPN" and tok.whitespace_:
            continue  # part of a longer name ("Kirby Smith")
        extra.append(Cand(tok.i, tok.i + 1, "PERSON", None, key=surnames[tok.text]))
    return sorted(cands + extra, key=lambda c: c.start)


def _acronyms(doc: Doc, cands: list[Cand]) -> None:
    by_initials: dict[str, str] = {}
    for i, c in enumerate(cands):
        text = doc[c.start:c.end].text
        if c.label == "ORG" and c.end - c.start >= 2:
            by_initials.setdefault(_initials(text), c.key)
            # "Name (ACR)"
            if c.end + 2 < len(doc) and doc[c.end].text == "(" and doc[c.end + 2].text == ")":
                nxt = cands[i + 1] if i + 1 < len(cands) else None
                if nxt is not None and nxt.start == c.end + 1 and nxt.end == c.end + 2:
                    by_initials[doc[nxt.start].text] = c.key
    for c in cands:
        text = doc[c.start:c.end].text
        if c.end - c.start == 1 and text.isupper() and len(text) >= 2 and text in by_initials \
                and (c.match is None or c.match.kind == "org"):
            c.key = by_initials[text]
            c.label = "ORG"


def _title_case(text: str) -> bool:
    """A headline in title case ("Dam Dispute Deepens as ..."), where NER is unreliable."""
    words = [w for w in text.split() if w[:1].isalpha() and len(w) > 3]
    return len(words) >= 2 and sum(w[:1].isupper() for w in words) >= 0.8 * len(words)


def _confirm_headline_names(doc: Doc, cands: list[Cand], in_head: Any, text: str,
                            heads: list[tuple[int, int]]) -> list[Cand]:
    """Title-case headlines fool NER ("Dam Dispute Deepens" as an ORG): a headline mention
    the KB does not know is kept only when the body names it too."""
    body_keys = {c.key for c in cands if not in_head(c)}
    body_end = max(b for _a, b in heads)
    body = text[:min(a for a, _b in heads)] + "\n" + text[body_end:]
    body_names = {doc[c.start:c.end].text: c for c in cands if not in_head(c)}
    out = []
    for c in cands:
        if in_head(c) and c.match is None and c.key not in body_keys:
            name = doc[c.start:c.end].text
            if not re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", body):
                # the longest front part the body names ("Kessrin" of "Kessrin Miners Agree")
                for stop in range(c.end - 1, c.start, -1):
                    seen = body_names.get(doc[c.start:stop].text)
                    if seen is not None:
                        out.append(Cand(c.start, stop, seen.label, seen.match, seen.sense, seen.key))
                        break
                continue
        out.append(c)
    return out


def _dateline_place(doc: Doc, cands: list[Cand], record: ArticleRecord) -> str | None:
    """The dateline's place ("KESSRIN, Feb. 2 —") is a place: a mention of type GPE (unless
    the KB says otherwise), and a body mention of the same name NER typed otherwise is it too.
    Returns the place name, casefolded."""
    dl = record.dateline
    if dl is None or not dl.place:
        return None
    name = dl.place.split(",")[0].strip()
    at = record.text.find(name, dl.start, dl.end)
    if not name or at < 0:
        return None
    span = doc.char_span(at, at + len(name))
    if span is None:
        return None
    folded = name.casefold()
    if not any(c.start < span.end and span.start < c.end for c in cands):
        match = lookup(name) or lookup(name.title())
        if match is None or match.kind in ("country", "capital"):
            cands.append(Cand(span.start, span.end, "GPE", match))
            cands.sort(key=lambda c: c.start)
    for c in cands:
        if c.match is None and doc[c.start:c.end].text.casefold() == folded and c.label != "LOC":
            c.label = "GPE"
    return folded


def _place_names(doc: Doc, cands: list[Cand]) -> None:
    """"Okuta State", "Lakeside County": a name the KB does not know ending in a place head,
    not after "the" ("the Islamic State"), is a place."""
    heads = set(lexicon()["place_heads"])
    for c in cands:
        if c.match is None and c.label in ("ORG", "PERSON", "FAC") and c.end - c.start >= 2 \
                and low(doc[c.end - 1]) in heads and doc[c.end - 1].text[:1].isupper() \
                and not (c.start > 0 and low(doc[c.start - 1]) == "the"):
            c.label = "GPE"


def _same_name(doc: Doc, cands: list[Cand]) -> None:
    """One name the KB does not know, typed ORG once and GPE once by NER, is one entity: the
    type most of its mentions have (the first one's on a tie)."""
    kinds = ("ORG", "GPE", "LOC", "FAC")
    # "Millbrook Rovers" typed ORG in one place and PERSON in another, with nothing that marks
    # a person (no title or honorific before it, no shorter form of it met) is the organisation
    org_names = {doc[c.start:c.end].text for c in cands if c.label == "ORG" and c.match is None}
    per_key = Counter(c.key for c in cands if c.label == "PERSON")
    for c in cands:
        text = doc[c.start:c.end].text
        if c.label == "PERSON" and text in org_names and c.key == "person:" + text \
                and per_key[c.key] == sum(1 for o in cands if o.key == c.key and doc[o.start:o.end].text == text) \
                and not (c.start > 0 and (is_title(doc[c.start - 1]) or is_honorific(doc[c.start - 1]))):
            c.label = "ORG"
            c.key = f"ORG:{text.casefold()}"
    # "visit Carrickmore on Friday" typed PERSON, "in Carrickmore" a place: one word that is no
    # one's name in the article (not joined to a full name, no title before it) and is a place
    # at least as often is that place
    places: dict[str, Cand] = {}
    for c in cands:
        if c.label in ("GPE", "LOC") and c.end - c.start == 1:
            places.setdefault(doc[c.start].text, c)
    lone = Counter(doc[c.start].text for c in cands if c.label == "PERSON" and c.end - c.start == 1)
    for c in cands:  # "Corvane" of "Corvane Foods" is the company's short name, not a place
        if c.label == "ORG" and c.end - c.start >= 2:
            places.pop(doc[c.start].text, None)
    for c in cands:
        text = doc[c.start:c.end].text
        spot = places.get(text)
        if spot is not None and c.label == "PERSON" and c.end - c.start == 1 and c.match is None \
                and c.key == "person:" + text and per_key[c.key] == lone[text] \
                and lone[text] <= sum(1 for o in cands if o.key == spot.key) \
                and not (c.start > 0 and (is_title(doc[c.start - 1]) or is_honorific(doc[c.start - 1]))):
            c.label, c.key, c.match, c.sense = spot.label, spot.key, spot.match, spot.sense
    votes: dict[str, Counter[str]] = {}
    first: dict[str, str] = {}
    for c in cands:
        if c.match is None and c.label in kinds and not c.key.startswith("person:"):
            name = doc[c.start:c.end].text.casefold()
            votes.setdefault(name, Counter())[c.label] += 1
            first.setdefault(name, c.label)
    for c in cands:
        if c.match is None and c.label in kinds and not c.key.startswith("person:"):
            name = doc[c.start:c.end].text.casefold()
            count = votes[name]
            if len(count) > 1:
                top = max(count.values())
                label = first[name] if count[first[name]] == top else count.most_common(1)[0][0]
                c.label = label
                c.key = f"{label}:{name}"


def _org_short_names(doc: Doc, cands: list[Cand], place: str | None) -> None:
    """"Corvane" after "Corvane Foods": a first word (or two) of an organisation's name the KB
    does not know, met alone, is that organisation, whatever NER typed it, when one such
    organisation is its own (an org named "Corvane Workers Union", ending in an organisation
    head, is a body of its own, not what "Corvane" names). A name NER typed ORG everywhere
    joins only a company whose other words are company suffixes ("Halvard Resources",
    "Apple Inc."; not "Ford Taurus"). Not the dateline place, not a surname of a person."""
    heads = lexicon()["org_heads"]
    suffixes = set(lexicon()["company_suffixes"])
    name_heads, _given = name_words()
    forms = set(lexicon()["corporate_forms"])
    orgs: list[tuple[list[str], str]] = []
    for c in cands:
        if c.label == "ORG" and c.match is None and c.end - c.start >= 2:
            words = [t.text for t in doc[c.start:c.end]]
            orgs.append((words, c.key))
    if not orgs:
        return
    # only names NER was unsure of: typed PERSON or NORP somewhere, or with several types
    labels: dict[str, set[str]] = {}
    for c in cands:
        labels.setdefault(doc[c.start:c.end].text, set()).add(c.label)
    for c in cands:
        if c.match is not None or c.end - c.start > 2 or c.label not in ("ORG", "PERSON", "GPE", "NORP", "LOC"):
            continue
        seen = labels[doc[c.start:c.end].text]
        confused = len(seen) >= 2 or bool(seen & {"PERSON", "NORP"})
        if c.label == "PERSON" and c.key != "person:" + doc[c.start:c.end].text:
            continue  # a surname already joined to a full name
        words = [t.text for t in doc[c.start:c.end]]
        if " ".join(words).casefold() == place:
            continue
        owners = [(owner, key) for owner, key in orgs
                  if len(owner) > len(words) and owner[:len(words)] == words
                  and not any(w.lower() in heads and w.lower() not in suffixes for w in owner[len(words):])
                  and (confused or (c.label == "ORG" and all(w.lower() in suffixes or w.lower() in name_heads
                                                             for w in owner[len(words):])))]
        keys = {key for _owner, key in owners}
        if len(keys) > 1:
            # "Marlowe Shipping" (a headline's short form) and "Marlowe Shipping Holdings": one
            # organisation, the longest name's
            longest = max(owners, key=lambda o: len(o[0]))[0]
            if all(longest[:len(owner)] == owner for owner, _key in owners):
                keys = {key for owner, key in owners if owner == longest}
        if not keys and c.label in ("GPE", "LOC"):
            keys = {key for owner, key in orgs  # "Orvanta" (a place once) of "Orvanta Group"
                    if len(owner) == len(words) + 1 and owner[:len(words)] == words
                    and owner[-1].lower() in forms}
        if len(keys) == 1:
            c.key = keys.pop()
            c.label = "ORG"


def _subject_org(doc: Doc, refs: list[Ref], at: int) -> str | None:
    """"Ostrava Freight said its chief executive ...": the organisation subject of the verb
    the possessive depends on."""
    tok = doc.char_span(at, at + 1, alignment_mode="expand")
    if tok is None:
        return None
    k = tok.start - 1
    while k >= 0 and low(doc[k]) not in ("its", "their") and tok.start - k < 4:
        k -= 1
    if k < 0 or low(doc[k]) not in ("its", "their"):
        return None
    its = doc[k]
    head = its
    for _ in range(8):  # up to the first verb whose subject does not hold "its"
        if head.head is head:
            break
        head = head.head
        if head.pos_ not in ("VERB", "AUX"):
            continue
        subj = next((t for t in head.children if t.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return None
        if subj.left_edge.i <= its.i <= subj.right_edge.i:
            continue
        for r in refs:  # a "person" referred to by "its" is an organisation NER mistyped
            if r[2] in ("ORG", "PERSON") and r[4] <= subj.i < r[5]:
                return r[1]
        return None
    return None


def _previous_subject_org(doc: Doc, refs: list[Ref], at: int) -> str | None:
    """"The opposition Party of Renewal said it would go to the Supreme Court. Its leader, ...":
    a sentence that opens with "its" speaks of the organisation the previous sentence is
    about (the subject of its main verb), not of the last one it names."""
    tok = doc.char_span(at, at + 1, alignment_mode="expand")
    if tok is None:
        return None
    sent = doc[tok.start].sent
    its = next((t for t in doc[sent.start:min(tok.start + 1, sent.start + 2)] if low(t) in ("its", "their")), None)
    if its is None or sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    subj = next((t for t in prev.root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    for r in refs:
        if r[2] == "ORG" and r[4] <= subj.i < r[5]:
            return r[1]
    return None


def _canonical_orgs(entities: list[Entity]) -> None:
    """A role's organisation read as a short form of an organisation of the article takes its
    name ("Orvanta's chief executive" -> "Orvanta Group")."""
    names = {m.text: e.name for e in entities if e.type == "ORG" for m in e.mentions if m.text != e.name}
    if not names:
        return
    for e in entities:
        for r in e.roles:
            if r.org in names:
                r.org = names[r.org]


def _place_offices(entities: list[Entity]) -> None:
    """"Mayor NAME of Saltvik": the organisation of a mayor or governor is a place (GPE)."""
    offices = set(lexicon()["place_offices"])
    heads = lexicon()["org_heads"]
    places = {r.org for e in entities for r in e.roles if r.org and r.title.lower() in offices
              and not any(w in heads for w in r.org.casefold().split())}
    for e in entities:
        if e.type == "ORG" and e.kb is None and e.name in places:
            e.type = "GPE"


def _referent(doc: Doc, refs: list[Ref], at: int, anaphor: str) -> tuple[str, str] | None:
    """The organisation (or place) a role refers to without naming it: ("org", name),
    ("place", name) or ("country", name). ``refs``: (start, entity name, type, key, first
    token, end token) of every mention; ``at``: where the role phrase starts."""
    lex = lexicon()
    before = [r for r in refs if r[0] < at]
    orgs = [r for r in before if r[2] == "ORG"]
    if anaphor == "its":
        subject = _subject_org(doc, refs, at) or _previous_subject_org(doc, refs, at)
        if subject is not None:
            return ("org", subject)
        # "The port authority said ... Its current director": a definite organisation noun
        # nearer than any named organisation speaks for itself
        tok = doc.char_span(at, at + 1, alignment_mode="expand")
        if tok is not None:
            floor = doc[tok.start].sent.start
            floor = doc[floor - 1].sent.start if floor > 0 else 0
            nearest = orgs[-1][0] if orgs else -1
            for t in reversed(doc[floor:tok.start]):
                if t.idx <= nearest:
                    break
                if t.is_lower and t.pos_ == "NOUN" and t.lemma_.lower() in lex["org_heads"]:
                    j = t.i - 1
                    while j > floor and doc[j].is_lower and doc[j].pos_ in ("NOUN", "ADJ"):
                        j -= 1  # "the port authority"
                    if low(doc[j]) in ("the", "this", "that"):
                        return _referent(doc, refs, at, t.lemma_.lower())
        return ("org", orgs[-1][1]) if orgs and at - orgs[-1][0] < 1500 else None
    if anaphor in ("country", "nation"):
        places = [r for r in before if r[3].startswith("country:")]
        return ("country", places[-1][1]) if places else None
    if anaphor in lex["town_nouns"]:
        places = [r for r in before if r[2] == "GPE" and not r[3].startswith("country:")]
        return ("place", places[-1][1]) if places else None
    named = [r for r in refs if r[2] == "ORG" and anaphor in r[1].casefold().split()]
    if named:  # "federation leader" -> "Kessrin Mineworkers' Federation"
        prior = [r for r in named if r[0] < at]
        return ("org", (prior[-1] if prior else named[0])[1])
    if anaphor in lex["company_nouns"] and orgs:
        companies = [r for r in orgs if not any(w in lex["org_heads"] for w in r[1].casefold().split())]
        pick = companies[-1] if companies else orgs[-1]
        return ("org", pick[1]) if at - pick[0] < 3000 else None
    return None


def _key(doc: Doc, c: Cand) -> str:
    m = c.match
    if m is not None:
        if m.kind == "capital" and c.sense == "literal":
            return "city:" + m.entry.id
        if m.kind == "demonym":
            return "norp:" + m.entry.id
        return m.entry.id
    text = doc[c.start:c.end].text.replace("\u2019", "'")
    return f"{c.label}:{text.casefold()}"


Ref = tuple[int, str, str, str, int, int]


@dataclass
class _Group:
    key: str
    cands: list[Cand]


def _kb_of(c: Cand) -> KB | None:
    m = c.match
    if m is None:
        return None
    e = m.entry
    if m.kind == "capital" and c.sense == "literal":
        return KB(geonames=e.capital_geonames)
    if m.kind == "demonym":
        return KB(iso=e.iso)
    if m.kind in ("country", "capital"):
        return KB(iso=e.iso, geonames=e.geonames)
    return None


def _name(doc: Doc, g: _Group) -> str:
    first = g.cands[0]
    m = first.match
    if m is not None:
        if m.kind == "capital" and first.sense == "literal":
            return m.entry.capital or doc[first.start:first.end].text
        if m.kind != "demonym":
            return m.entry.name
    texts = [doc[c.start:c.end].text for c in g.cands]
    if first.label in ("GPE", "LOC") and all(t.isupper() and len(t) > 3 for t in texts):
        return texts[0].title()  # a dateline place met only there: "VARNA" -> "Varna"
    if first.label == "PERSON":
        return max(texts, key=lambda t: (len(t.split()), len(t)))
    counts = Counter(texts)
    return max(texts, key=lambda t: (len(t.split()) > 1 and first.label != "NORP", counts[t], len(t)))


def _embedded_places(doc: Doc, cands: list[Cand], groups: dict[str, _Group], entities: list[Entity],
                     mentions_note: list[tuple[int, int, str]]) -> None:
    """A place named inside an organisation's name ("Athens" of "Athens Police Department")
    is a mention of that place too (nested in the organisation's mention): it joins the
    article's entity for that place (same KB id, or same name typed GPE/LOC), else is a new
    GPE entity. Not when the article uses the name for something else (an ORG, a person)."""
    spans = place_rules.embedded(doc, cands)
    if not spans:
        return
    by_key = {key: n for n, key in enumerate(sorted(groups, key=lambda k: groups[k].cands[0].start))}
    for a, b in spans:
        span = doc[a:b]
        m = lookup(span.text)
        kb: KB | None = None
        name = span.text
        if m is not None and m.kind == "country":
            key, name, kb = m.entry.id, m.entry.name, KB(iso=m.entry.iso, geonames=m.entry.geonames)
        elif m is not None and m.kind == "capital":
            key, name = "city:" + m.entry.id, m.entry.capital or span.text
            kb = KB(geonames=m.entry.capital_geonames)
        elif m is not None:
            continue
        else:
            key = "GPE:" + span.text.casefold()
            if any(k.endswith(":" + span.text.casefold()) and not k.startswith(("GPE:", "LOC:"))
                   for k in groups) or "person:" + span.text in groups:
                continue
        mention = Mention(start=span.start_char, end=span.end_char, text=span.text, sense="literal")
        n = by_key.get(key)
        if n is None and key.startswith("GPE:"):
            n = by_key.get("LOC:" + key[4:])
        if n is not None:
            ent = entities[n]
            ent.mentions = sorted([*ent.mentions, mention], key=lambda x: x.start)
            if mention.text != ent.name and mention.text not in ent.aliases:
                ent.aliases.append(mention.text)
            mentions_note.append((mention.start, mention.end, ent.id))
            continue
        eid = f"entity:{len(entities)}"
        by_key[key] = len(entities)
        entities.append(Entity(id=eid, name=name, type="GPE", aliases=[] if name == span.text else [span.text],
                               kb=kb, roles=[], mentions=[mention]))
        mentions_note.append((mention.start, mention.end, eid))


def build(work: Work) -> list[Entity]:
    doc = work.doc
    if doc is None:
        return []
    record = work.record
    cands = candidates(doc)
    dateline = (record.dateline.start, record.dateline.end) if record.dateline else None
    place = _dateline_place(doc, cands, record) if record.dateline else None
    _place_names(doc, cands)
    _person_keys(doc, cands, place)
    cands = _add_bare_surnames(doc, cands, record.text)
    cands = place_rules.apply(doc, cands)
    has_body = any(sec.kind == "paragraph" for sec in record.sections)
    heads = [(sec.start, sec.end) for sec in record.sections
             if has_body and sec.kind in ("title", "subtitle")
             and _title_case(record.text[sec.start:sec.end])]

    def in_head(c: Cand) -> bool:
        start = doc[c.start].idx
        return any(a <= start < b for a, b in heads)

    senses: dict[str, Counter[str]] = {}
    for c in cands:
        if c.match is not None and c.match.kind == "capital" and not in_head(c):
            c.sense = capital_sense(doc, c, dateline)
            senses.setdefault(c.match.entry.id, Counter())[c.sense] += 1
    for c in cands:
        # headlines are parsed badly: a capital there reads as the body reads it (else metonym)
        if c.match is not None and c.match.kind == "capital" and in_head(c):
            votes = senses.get(c.match.entry.id)
            c.sense = "literal" if votes and votes["literal"] > votes["metonym"] else "metonym"
        if not c.key:
            c.key = _key(doc, c)
    if heads:
        cands = _confirm_headline_names(doc, cands, in_head, record.text, heads)
    _same_name(doc, cands)
    _org_short_names(doc, cands, place)
    _acronyms(doc, cands)
    groups: dict[str, _Group] = {}
    for c in cands:
        groups.setdefault(c.key, _Group(c.key, [])).cands.append(c)
    person_tokens = frozenset(i for c in cands if c.label == "PERSON" for i in range(c.start, c.end))
    names = {key: _name(doc, g) for key, g in groups.items()}
    refs = [(doc[c.start].idx, names[c.key], c.label, c.key, c.start, c.end) for c in cands]
    entities: list[Entity] = []
    mentions_note: list[tuple[int, int, str]] = []
    for n, g in enumerate(sorted(groups.values(), key=lambda g: g.cands[0].start)):
        eid = f"entity:{n}"
        name = names[g.key]
        labels = Counter(c.label for c in g.cands)
        kb_first = next((c for c in g.cands if c.match is not None), None)
        etype = "GPE" if g.key.startswith(("country:", "city:")) else labels.most_common(1)[0][0]
        if kb_first is not None and kb_first.match is not None and kb_first.match.kind == "org":
            etype = kb_first.match.entry.type
        mentions = []
        for c in g.cands:
            span = doc[c.start:c.end]
            mentions.append(Mention(start=span.start_char, end=span.end_char, text=span.text, sense=c.sense))  # type: ignore[arg-type]
            mentions_note.append((span.start_char, span.end_char, eid))
        aliases = list(dict.fromkeys(m.text for m in mentions if m.text != name))
        roles: list[Role] = []
        if etype == "PERSON":
            seen: set[tuple[str, str | None, str | None]] = set()
            for c in g.cands:
                own = frozenset(range(c.start, c.end))
                for read in read_roles(doc, c.start, c.end, person_tokens - own):
                    if read.org is None and read.appointer is not None:
                        read.org = next((r[1] for r in refs if r[2] == "ORG" and r[4] <= read.appointer < r[5]), None)
                    if read.org is None and read.anaphor is not None:
                        found = _referent(doc, refs, read.start, read.anaphor)
                        if found is not None and found[0] == "country":
                            read.country = read.country or found[1]
                        elif found is not None:
                            read.org = found[1]
                    sig = (read.title.lower(), read.org, read.country)
                    if sig in seen:
                        continue
                    seen.add(sig)
                    roles.append(Role(title=read.title, org=read.org, country=read.country,
                                      basis="text", start=read.start, end=read.end))
        entities.append(Entity(
            id=eid, name=name, type=etype, aliases=aliases,  # type: ignore[arg-type]
            kb=_kb_of(kb_first) if kb_first is not None else None, roles=roles, mentions=mentions,
        ))
    _place_offices(entities)
    _canonical_orgs(entities)
    _embedded_places(doc, cands, groups, entities, mentions_note)
    work.notes["entities.mentions"] = sorted(mentions_note)
    return entities


@dataclass(frozen=True)
class _Stage:
    name: str = "entities"
    version: str = "6"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("entities",)

    def run(self, work: Work) -> None:
        work.record.entities = build(work)


STAGE = _Stage()


# ---- interface for other stages -------------------------------------------------------------


def entity_at(record: ArticleRecord, start: int, end: int) -> str | None:
    """The entity with a mention exactly at [start, end), else one inside it (the longest),
    else one containing it, else the one overlapping it most."""
    best: tuple[int, str] | None = None
    for ent in record.entities:
        for m in ent.mentions:
            if m.start == start and m.end == end:
                return ent.id
            overlap = min(end, m.end) - max(start, m.start)
            if overlap <= 0:
                continue
            inside = start <= m.start and m.end <= end
            contains = m.start <= start and end <= m.end
            score = overlap + (1_000_000 if inside else 500_000 if contains else 0)
            if best is None or score > best[0]:
                best = (score, ent.id)
    return best[1] if best else None


def _clean(name: str) -> str:
    name = " ".join(name.replace("\u2019", "'").split())
    for suffix in ("'s", "'"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    if name.lower().startswith("the "):
        name = name[4:]
    return name.casefold()


def resolve(record: ArticleRecord, name: str) -> str | None:
    """The entity of ``record`` a name string refers to, or None."""
    key = _clean(name)
    if not key:
        return None
    for ent in record.entities:
        if _clean(ent.name) == key or any(_clean(a) == key for a in ent.aliases):
            return ent.id
    found: Match | None = lookup(name.replace("\u2019", "'").removesuffix("'s"))
    if found is not None:
        for ent in record.entities:
            if found.kind == "demonym" and ent.type == "NORP" and ent.kb and ent.kb.iso == found.entry.iso:
                return ent.id
            if found.kind in ("country", "capital") and ent.type == "GPE" and ent.kb and ent.kb.iso == found.entry.iso:
                return ent.id
            if found.kind == "org" and _clean(ent.name) == _clean(found.entry.name):
                return ent.id
    for ent in record.entities:
        if ent.type == "PERSON" and len(key.split()) == 1 and key in _clean(ent.name).split():
            return ent.id
    return None


def _country_entity(record: ArticleRecord, iso: str | None, name: str | None) -> str | None:
    if iso is None and name is not None:
        found = lookup(name)
        iso = found.entry.iso if found is not None and found.kind in ("country", "demonym") else None
    if iso is None:
        return None
    norp = None
    for ent in record.entities:
        if ent.kb is not None and ent.kb.iso == iso:
            if ent.type == "GPE":
                return ent.id
            norp = norp or ent.id
    return norp


def affiliation(record: ArticleRecord, entity_id: str) -> str | None:
    """The country entity (GPE, else the NORP of that country) an entity acts for, or None."""
    ent = next((e for e in record.entities if e.id == entity_id), None)
    if ent is None:
        return None
    if ent.type == "GPE" and ent.kb is not None and ent.kb.iso:
        return ent.id
    for role in ent.roles:
        if role.country:
            found = _country_entity(record, None, role.country)
            if found:
                return found
    for role in ent.roles:
        if role.org:
            m = lookup(role.org)
            if m is not None and m.entry.iso:
                found = _country_entity(record, m.entry.iso, None)
                if found:
                    return found
    if ent.type == "NORP" and ent.kb is not None:
        return _country_entity(record, ent.kb.iso, None)
    m = lookup(ent.name)
    if m is not None and m.kind == "org" and m.entry.iso:
        return _country_entity(record, m.entry.iso, None)
    return None


__all__ = ["STAGE", "affiliation", "build", "country", "entity_at", "resolve"]
