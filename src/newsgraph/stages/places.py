"""Place detection the small NER model misses (used by the entities stage).

spaCy's small model types many places as PERSON or ORG ("Alexandria", "Tamil Nadu"), or not
at all (lower-population towns, names in a list before "counties"). These rules, all general,
use the offline gazetteer (:mod:`newsgraph.kb.gazetteer`, public functions only) and the
lemma-level cues of ``data/kb_place_cues.json``:

- :func:`retype`: a PERSON / ORG / PRODUCT / EVENT mention the KB does not know, whose whole
  text the gazetteer knows (a country or division by any name, a county or a town of 1,000
  people or more by its main name), is a GPE when some mention of that text reads as a place
  ("in NAME", "returns to NAME", "NAME police", "a NAME man", "the town of NAME", "Steven
  Sachs of NAME", "NAME, Ill.", a list with other places, an all-caps dateline) and the
  article gives no sign of a person (no title or honorific before it, not the surname of a
  longer personal name, a city not the subject of "said"); a name ending in a feature head
  ("Royal Street", "Freeborn Lake") is a FAC or LOC (an ORG one only after a preposition:
  "Wall Street" is the markets);
- :func:`untagged`: a capitalised proper noun NER left untagged, that the gazetteer knows, is a
  GPE in the same contexts (or an all-caps dateline "HUDSON --" after a byline); a run of
  capitalised words ending in a feature head is a FAC or LOC;
- :func:`listed`: each name of a list before a plural place head ("Walton and Oconee
  counties", "Bourbon and Dauphine streets") is a place of that head's type;
- :func:`abbreviations`: a state or province abbreviation after "Place," ("Churchill, Man.");
- :func:`embedded`: the place a public body is named after ("Athens" of "Athens Police
  Department"), which the entities stage adds as a nested GPE mention; a company, airline,
  bank or newspaper named after a place holds none.

Demonyms stay NORP (the KB's reading).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from newsgraph.kb import gazetteer as gz
from newsgraph.stages.mentions import Cand, is_honorific, is_title, lexicon, low

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

WELL_KNOWN = 100_000  # a city this large is a place whatever the context (absent person signs)
TOWN = 1_000  # a smaller town needs a place context
TITLED_NOUNS = {"police", "mayor", "sheriff", "governor", "republican", "democrat"}  # capitalised after a name: "Atlanta Mayor"


@lru_cache(maxsize=1)
def cues() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("newsgraph").joinpath("data", "kb_place_cues.json").read_text("utf-8")
    )
    for key in ("locative_preps", "place_nouns_of", "after_nouns", "person_verbs", "not_places", "nouns_of"):
        data[key] = frozenset(data[key])
    return data


@lru_cache(maxsize=1)
def _motion_verbs() -> frozenset[str]:
    from newsgraph.stages.mentions import senses

    return frozenset(senses()["motion_verbs"])


@lru_cache(maxsize=4096)
def gazetteer_place(text: str) -> tuple[bool, bool, bool]:
    """(known, well known, any): ``text`` names a country, a first-level division (by any of
    its names) or a county or town of at least :data:`TOWN` people (by its main name); a
    well-known place is a country, a division or a city of :data:`WELL_KNOWN` people or more
    (a division by another name only when longer than three letters: "Act" is not "ACT");
    ``any``: a populated place of any size by its main name."""
    if len(text) < 3 or text.casefold() in cues()["not_places"]:
        return False, False, False
    known = anyp = False
    for p in gz.lookup(gz.norm(text)):
        if (p.kind in ("country", "adm1", "continent") and (p.primary or len(text) > 3)) \
                or (p.primary and p.kind == "city" and p.population >= WELL_KNOWN):
            return True, True, True
        if p.primary and (p.kind == "adm2" or p.population >= TOWN):
            known = True
        anyp = anyp or (p.primary and p.kind == "city")
    return known, False, known or anyp


def _admin(text: str) -> bool:
    return any(p.kind in ("country", "adm1", "continent") and (p.primary or len(text) > 3)
               for p in gz.lookup(gz.norm(text)))


def _place_context(doc: Doc, start: int, end: int, places: set[int]) -> bool:
    """The words around [start, end) read as a place; ``places``: tokens of place mentions
    (a name listed with places is one: "Kerala and NAME")."""
    c = cues()
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if after is not None and low(after) in ("'s", "'") and (end + 1 >= len(doc) or doc[end + 1].pos_ not in ("NOUN", "PROPN", "ADJ")):
        return False  # "at McDonald's": a shop named after someone
    if before is not None and low(before) in c["locative_preps"]:
        return True
    if before is not None and low(before) == "to" and before.head.lemma_.lower() in _motion_verbs():
        return True  # "returns to NAME"
    if before is not None and low(before) == "of" and start >= 2:
        prev = doc[start - 2]
        if prev.lemma_.lower() in c["place_nouns_of"] or prev.lower_ in c["place_nouns_of"]:
            return True  # "the town of NAME"
        if prev.ent_type_ == "PERSON" or prev.lower_ in c["after_nouns"] or prev.lower_ in c["nouns_of"]:
            return True  # "Steven Sachs of NAME", "a man of NAME"
        if prev.text == "," and start >= 3 and (doc[start - 3].like_num or doc[start - 3].ent_type_ == "PERSON"):
            return True  # "Orla Fenwick, 52, of NAME"
    if all(t.text.isupper() for t in doc[start:end]) and _dateline_like(doc, start, end):
        return True  # an all-caps dateline: "HARTFORD -- ...", "ATLANTA (AP)"
    if after is not None and low(after) in c["after_nouns"] and (after.is_lower or after.lower_ in TITLED_NOUNS):
        return True  # "NAME police", "a NAME man"
    if after is not None and after.text == "," and end + 1 < len(doc):
        nxt = doc[end + 1]
        if _state(nxt.text):
            return True  # "Bolingbrook, Ill.", "Churchill, Man."
    # listed with places: "Karnataka, Kerala and NAME", "NAME and Kerala"
    if before is not None and (before.text == "," or low(before) in ("and", "or")) and start - 2 in places:
        return True
    return bool(after is not None and (after.text == "," or low(after) in ("and", "or")) and end + 1 in places)


def _real_person(doc: Doc, name: str) -> bool:
    """A full name that looks like a person's: no organisation head, place noun or feature
    head among its words."""
    heads = lexicon()["org_heads"]
    c = cues()
    words = [w.casefold() for w in name.split()]
    return not any(w in heads or w in c["after_nouns"] or w in c["feature_heads"] for w in words)


def _person_signs(doc: Doc, cands: list[Cand]) -> set[str]:
    """Texts the article marks as a person: after a title or honorific, the surname of a
    longer personal name (or its first name, unless a well-known place), a shorter form
    joined to a full name."""
    out: set[str] = set()
    for c in cands:
        text = doc[c.start:c.end].text
        if c.start > 0 and (is_title(doc[c.start - 1]) or is_honorific(doc[c.start - 1])):
            out.add(text)
        if c.label == "PERSON" and c.end - c.start >= 2 and _real_person(doc, text) \
                and not gazetteer_place(text)[0]:  # "West Columbia" typed PERSON is no name
            out.add(doc[c.end - 1].text)
            first = doc[c.start].text
            if not gazetteer_place(first)[1]:
                out.add(first)
        if c.label == "PERSON" and c.key.startswith("person:") and c.key != "person:" + text \
                and _real_person(doc, c.key[7:]) and not gazetteer_place(c.key[7:])[0] \
                and not (c.key[7:].startswith(text + " ") and gazetteer_place(text)[1]):
            out.add(text)  # a surname or first name joined to a full name
    return out


def _speaks(doc: Doc, start: int, end: int) -> bool:
    """The span is the subject of a verb of speaking ("Charlotte said")."""
    verbs = cues()["person_verbs"]
    for tok in doc[start:end]:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_.lower() in verbs:
            return True
    return False


def feature_type(doc: Doc, start: int, end: int) -> str | None:
    """"Royal Street" -> FAC, "Freeborn Lake" -> LOC: a name of two or more words ending in a
    capitalised feature head."""
    if end - start < 2:
        return None
    last = doc[end - 1]
    if not last.text[:1].isupper() or not doc[start].text[:1].isupper():
        return None
    kind: str | None = cues()["feature_heads"].get(last.lower_)
    return kind


def _place_tokens(cands: list[Cand]) -> set[int]:
    return {i for c in cands if c.label in ("GPE", "LOC") for i in range(c.start, c.end)}


def retype(doc: Doc, cands: list[Cand]) -> None:
    """PERSON / ORG / PRODUCT mentions that name places (see the module docstring)."""
    for c in cands:
        if c.match is None and c.label in ("PERSON", "ORG", "PRODUCT", "EVENT"):
            feature = feature_type(doc, c.start, c.end)
            if feature is not None and (c.label != "ORG" or (c.start > 0 and doc[c.start - 1].pos_ == "ADP")):
                c.label, c.key = feature, ""  # an ORG "Wall Street" is the markets
    signs = _person_signs(doc, cands)
    heads = lexicon()["org_heads"]
    places = _place_tokens(cands)
    typed: dict[str, set[str]] = {}
    for c in cands:
        typed.setdefault(doc[c.start:c.end].text, set()).add(c.label)
    todo: dict[str, list[Cand]] = {}
    for c in cands:
        if c.match is not None or c.label not in ("PERSON", "ORG", "PRODUCT", "EVENT"):
            continue
        text = doc[c.start:c.end].text
        if c.start > 0 and low(doc[c.start - 1]) == "the" and c.end - c.start == 1 \
                and not (c.end < len(doc) and low(doc[c.end]) in cues()["after_nouns"]):
            continue  # "the Falcon": a thing's name ("the Cairns police" is a place)
        if text in signs or not any(t.is_alpha for t in doc[c.start:c.end]) \
                or any(low(t) in heads for t in doc[c.start:c.end]) or (text.isupper() and len(text) <= 4):
            continue
        todo.setdefault(text, []).append(c)
    for _round in range(3):  # a place found makes the next name of a list a place too
        found = False
        for text, group in todo.items():
            if group[0].label == "GPE":
                continue
            if not gazetteer_place(text)[0]:
                # a name the gazetteer lacks, in a strong context: "the suburb of NAME"
                if any(_named_place(doc, c.start) for c in group) and group[0].label == "PERSON" \
                        and len(group) == sum(1 for c in group if c.end - c.start == 1):
                    for c in group:
                        c.label, c.key = "GPE", ""
                    places.update(i for c in group for i in range(c.start, c.end))
                continue
            if any(_speaks(doc, c.start, c.end) for c in group) and not _admin(text):
                continue
            context = any(_place_context(doc, c.start, c.end, places) for c in group) \
                or bool(typed[text] & {"GPE", "LOC"})
            if context:
                for c in group:
                    c.label, c.key = "GPE", ""
                places.update(i for c in group for i in range(c.start, c.end))
                found = True
        if not found:
            break


def _named_place(doc: Doc, start: int) -> bool:
    """"the town of NAME", "the suburb of NAME"."""
    return start >= 2 and low(doc[start - 1]) == "of" and doc[start - 2].lower_ in cues()["place_nouns_of"]


def _dateline_like(doc: Doc, i: int, j: int) -> bool:
    """An all-caps name right before a dash ("HUDSON -- Officials ..."), or opening a line
    before a bracket or a comma ("ATLANTA (AP)", "PLEASANTON, Calif.")."""
    if not all(t.text.isupper() and t.is_alpha for t in doc[i:j]) or j >= len(doc):
        return False
    if _dash(doc[j].text):
        return True
    if doc[j].text == "," and j + 1 < len(doc) and _state(doc[j + 1].text):
        return True  # "SALINA, Kan."
    opens = i == 0 or "\n" in doc[i - 1].whitespace_ or doc[i - 1].is_space
    return opens and doc[j].text in ("(", ",")


def _dash(text: str) -> bool:
    return bool(text) and all(ch in "-\u2013\u2014" for ch in text)


def _state(text: str) -> bool:
    """A state or province, by name or abbreviation ("Kan.", "Ohio", "Ont.")."""
    return text[:1].isupper() and (gz.us_state(text) is not None or _admin(text))


def _free(tok: Token) -> bool:
    """Not tagged by NER at all (a DATE, LANGUAGE or LAW tag is a reading of its own)."""
    return not tok.ent_type_


def untagged(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """Places NER left untagged (see the module docstring); returns the new mentions."""
    taken = {i for c in cands for i in range(c.start, c.end)}
    heads = lexicon()["org_heads"]
    signs = _person_signs(doc, cands)
    places = _place_tokens(cands)
    out: list[Cand] = []
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if i in taken or not _capital(tok) or not _free(tok):
            i += 1
            continue
        j = i
        while j < n and j - i < 4 and j not in taken and _capital(doc[j]) and _free(doc[j]) \
                and not (j > i and "\n" in doc[j - 1].whitespace_):
            j += 1
        feature = feature_type(doc, i, j)
        if feature is None:  # "Glasgow Police": the words before an organisation head
            j = next((k for k in range(i, j) if low(doc[k]) in heads), j)
            if j == i:
                i += 1
                continue
        text = doc[i:j].text
        if feature is not None and not (i > 0 and is_title(doc[i - 1])):
            out.append(Cand(i, j, feature))
        elif j - i <= 2 and text not in signs and not any(low(t) in heads for t in doc[i:j]) \
                and all(t.tag_ == "NNP" or t.text.isupper() for t in doc[i:j]) \
                and not (i > 0 and (is_title(doc[i - 1]) or is_honorific(doc[i - 1]))):
            known, _well, anyp = gazetteer_place(text)
            if text.isupper():
                found = len(text) > 3 and anyp and _dateline_like(doc, i, j)
            else:
                found = known and (_place_context(doc, i, j, places)
                                   or (_admin(text) and not doc[i].is_sent_start))
            if found:
                out.append(Cand(i, j, "GPE"))
        i = j
    return out


def abbreviations(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """A state or province abbreviation after a place and a comma ("Bolingbrook, Ill.",
    "Churchill, Man.") is a GPE, whatever NER made of it. Returns the new list of mentions."""
    forms = gz.abbreviation_forms()
    places = _place_tokens(cands)
    out = list(cands)
    for tok in doc:
        i = tok.i
        if i < 2 or doc[i - 1].text != "," or not (i - 2 in places or doc[i - 2].text[:1].isupper()):
            continue
        width = 1
        if tok.text not in forms:
            if not (i + 1 < len(doc) and doc[i + 1].text == "." and tok.whitespace_ == ""
                    and tok.text + "." in forms):
                continue
            width = 2
        inside = [c for c in out if c.start < i + width and i < c.end]
        if any(c.start != i or c.end - c.start > width for c in inside):
            continue  # part of a longer mention
        out = [c for c in out if c not in inside]
        out.append(Cand(i, i + width, "GPE"))
    return sorted(out, key=lambda c: c.start)


def party_places(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """"Rep. Wendell Gilliard, D-Charleston,": the place after a party letter and a hyphen,
    between commas after a name, is a GPE (NER often takes "D-Charleston" as an ORG).
    Returns the new list of mentions."""
    letters = set(cues()["party_letters"])
    forms = gz.abbreviation_forms()
    out = list(cands)
    for tok in doc:
        k = tok.i
        if tok.text not in letters or k < 1 or doc[k - 1].text != "," or k + 2 >= len(doc) \
                or doc[k + 1].text != "-" or tok.whitespace_ or doc[k + 1].whitespace_:
            continue
        a = b = k + 2
        while b < len(doc) and b - a < 3 and ((doc[b].is_alpha and doc[b].text[:1].isupper())
                                               or doc[b].text in forms or _dotted_part(doc[b].text)):
            b += 1
        if a == b or b >= len(doc) or (doc[b].text not in (",", ";", ".") and not doc[b].is_space):
            continue
        inside = [c for c in out if c.start < b and k < c.end]
        if any(c.start < k or c.end > b for c in inside):
            continue
        out = [c for c in out if c not in inside]
        out.append(Cand(a, b, "GPE"))
    return sorted(out, key=lambda c: c.start)


def _dotted_part(text: str) -> bool:
    return len(text) <= 4 and text.endswith(".") and text[:-1].replace(".", "").isalpha() and text[:1].isupper()


def _capital(tok: Token) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() and not is_title(tok)


def listed(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """"Walton and Oconee counties": the names before a plural place head, each a place;
    mentions inside the list are replaced. Returns the new list of mentions."""
    plural: dict[str, str] = cues()["plural_heads"]
    found: list[Cand] = []
    for tok in doc:
        if not tok.is_lower or tok.tag_ not in ("NNS", "NNPS") or tok.lemma_.lower() not in plural:
            continue
        names: list[tuple[int, int]] = []
        k = tok.i
        joined = False
        while k > 0:
            end = k
            while k > 0 and end - k < 3 and doc[k - 1].is_alpha and doc[k - 1].text[:1].isupper() \
                    and not doc[k - 1].is_stop:
                k -= 1
            if k == end:
                break
            names.append((k, end))
            if k > 0 and low(doc[k - 1]) in ("and", "or", "&"):
                joined = True
                k -= 1
            elif k > 0 and doc[k - 1].text == "," and joined:
                k -= 1
            else:
                break
        if not joined or len(names) < 2:
            continue
        label = plural[tok.lemma_.lower()]
        found.extend(Cand(a, b, label) for a, b in names)
    if not found:
        return cands
    spans = {i for c in found for i in range(c.start, c.end)}
    keep = [c for c in cands if not any(i in spans for i in range(c.start, c.end))
            or (c.match is not None and any(f.start == c.start and f.end == c.end for f in found))]
    have = {(c.start, c.end) for c in keep}
    keep.extend(f for f in found if (f.start, f.end) not in have)
    return sorted(keep, key=lambda c: c.start)


def apply(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """All the rules in order. A retyped or new mention has no key (the caller sets it)."""
    retype(doc, cands)
    cands = sorted(cands + untagged(doc, cands), key=lambda c: c.start)
    return party_places(doc, abbreviations(doc, listed(doc, cands)))


def embedded(doc: Doc, cands: list[Cand]) -> list[tuple[int, int]]:
    """Places named inside a public body's name: "Athens" of "Athens Police Department",
    "Douglas County" of "Douglas County Sheriff's Office", "Manitoba" of "Children's Hospital
    of Manitoba" (token spans). The name holds a jurisdiction head (police, council, court
    ...; not a company, airline or newspaper named after a place); its front words (up to
    three) are a known place or end in a place head ("County"), or its words after the last
    "of" are a well-known place. Not a word the article marks as a person's name."""
    heads = lexicon()["org_heads"]
    place_heads = set(lexicon()["place_heads"])
    bodies = set(cues()["jurisdiction_heads"])
    signs = _person_signs(doc, cands)
    out: list[tuple[int, int]] = []
    for c in cands:
        if c.label not in ("ORG", "PERSON") or c.match is not None or c.end - c.start < 2:
            continue  # "McMinn County Sheriff" typed PERSON holds its county too
        words = doc[c.start:c.end]
        if not any(low(t) in bodies for t in words):
            continue
        for k in range(min(3, len(words) - 1), 0, -1):
            front = words[:k]
            if not all(t.is_alpha and t.text[:1].isupper() and not t.text.isupper() for t in front):
                continue
            if k >= 2 and low(front[-1]) in place_heads and not any(low(t) in heads for t in front[:-1]):
                out.append((c.start, c.start + k))  # "Douglas County"
                break
            if any(low(t) in heads for t in front) or not any(low(t) in bodies for t in words[k:]):
                continue
            if front.text in signs:
                break
            if gazetteer_place(front.text)[0]:
                out.append((c.start, c.start + k))
                break
        ofs = [t.i for t in words if t.lower_ == "of"]
        if ofs and ofs[-1] + 1 < c.end and any(low(t) in bodies for t in doc[c.start:ofs[-1]]):
            tail = doc[ofs[-1] + 1:c.end]
            if all(t.is_alpha and t.text[:1].isupper() for t in tail) and tail.text not in signs \
                    and gazetteer_place(tail.text)[1]:
                out.append((tail.start, tail.end))
    return out
