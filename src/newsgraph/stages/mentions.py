"""Entity mentions: spaCy NER corrected by general rules and the KB (used by the entities stage).

Corrections, all general:

- a mention never crosses a line break (it is split there) and never keeps a leading
  determiner, a trailing possessive ("North Korea's" -> "North Korea") or trailing punctuation;
- title words and honorifics at the front of a PERSON are trimmed ("President Vladimir Putin");
- hyphenated names are taken whole ("Park Sun" + "-won" -> "Park Sun-won");
- a GPE/NORP span with trailing words is cut to its longest KB prefix;
- a span the KB knows takes the KB type: a country or capital is GPE (so "Kyiv" is never a
  PERSON), a demonym NORP, an organisation ORG;
- KB names NER missed ("G7", "NATO") are added by phrase matching;
- capitals are read as their government (sense "metonym") when they act (subject, object,
  possessor, "from"/"to" with a non-motion verb) and as the city otherwise.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from newsgraph.kb.lookup import Match, lookup, name_words, non_names, surfaces

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Token

LABELS = {
    "PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP", "FAC": "FAC",
    "EVENT": "EVENT", "PRODUCT": "PRODUCT", "LAW": "LAW",
}
DETERMINERS = {"the", "a", "an"}
POSSESSIVES = {"'s", "\u2019s", "'", "\u2019"}
TRAILING_LINKS = {"and", "&", "of", "for", "or"}


@dataclass
class Cand:
    """One mention being built: token range [start, end) in the doc, its type and KB match."""

    start: int
    end: int
    label: str
    match: Match | None = None
    sense: str = "literal"
    key: str = ""  # grouping key, set by the entities stage


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("newsgraph").joinpath("data", "roles_titles.json").read_text("utf-8")
    )
    data["titles"] = set(data["titles"])
    data["modifiers"] = set(data["modifiers"])
    data["org_heads"] = set(data["org_heads"])
    data["honorifics"] = set(data["honorifics"])
    data["name_particles"] = set(data["name_particles"])
    return data


@lru_cache(maxsize=1)
def senses() -> dict[str, set[str]]:
    data = json.loads(
        resources.files("newsgraph").joinpath("data", "kb_senses.json").read_text("utf-8")
    )
    return {k: set(v) for k, v in data.items() if isinstance(v, list)}


def low(token: Token) -> str:
    return token.text.lower().replace("\u2019", "'")


def is_title(token: Token) -> bool:
    lex = lexicon()
    t = low(token)
    return t in lex["titles"] or token.lemma_.lower() in lex["titles"] or t in lex["title_abbreviations"]


def is_honorific(token: Token) -> bool:
    return low(token) in lexicon()["honorifics"]


@lru_cache(maxsize=1)
def _matcher() -> PhraseMatcher:
    from spacy.matcher import PhraseMatcher

    from newsgraph.nlp.model import load_nlp

    nlp = load_nlp()
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for surface, _match in surfaces():
        if len(surface) < 2:
            continue
        matcher.add(surface, [nlp.make_doc(surface)])
    return matcher


def _breaks_line(token: Token) -> bool:
    return "\n" in token.text or "\n" in token.whitespace_


def _pieces(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Split [start, end) at line breaks and space tokens."""
    out: list[tuple[int, int]] = []
    cur = start
    for i in range(start, end):
        tok = doc[i]
        if tok.is_space:
            if cur < i:
                out.append((cur, i))
            cur = i + 1
        elif "\n" in tok.whitespace_ and i + 1 < end:
            out.append((cur, i + 1))
            cur = i + 1
    if cur < end:
        out.append((cur, end))
    return out


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    while start < end and (low(doc[start]) in DETERMINERS or doc[start].is_punct):
        start += 1
    while end > start and (low(doc[end - 1]) in POSSESSIVES or doc[end - 1].is_punct
                           or doc[end - 1].is_space or low(doc[end - 1]) in TRAILING_LINKS):
        end -= 1  # "Ossory Coatings and" (of "... and Fellbrook Mutual"): no name ends in "and"
    for k in range(start + 1, end):  # "Social Democratic Centre (SDC": the acronym is its own
        if doc[k].text == "(":
            end = k
            break
    if label == "PERSON":
        while end - start > 1 and (is_title(doc[start]) or is_honorific(doc[start])
                                   or low(doc[start]) in lexicon()["modifiers"]):
            start += 1
    # hyphenated names whole: "Sun" "-" "won" with no spaces between ("Nwosu" + "-Eze")
    while end > start and end + 1 < len(doc) and doc[end - 1].whitespace_ == "" and doc[end].text == "-" \
            and doc[end].whitespace_ == "" and doc[end + 1].is_alpha \
            and (label == "PERSON" or doc[end + 1].text[:1].isupper()) \
            and lookup(doc[end + 1].text) is None:
        end += 2
    if label == "PERSON" and 2 <= end - start < 4 and end < len(doc) and _name_word(doc[end]) \
            and doc[end - 1].whitespace_ == " ":
        end += 1  # a second surname NER left out ("Camila Rojas" + "Peñaloza")
    return start, end


def _name_word(token: Token) -> bool:
    """A capitalised proper noun NER left untagged that can end a personal name."""
    lex = lexicon()
    return (token.pos_ == "PROPN" and not token.ent_type_ and token.is_alpha and token.text[:1].isupper()
            and not token.text.isupper() and low(token) not in lex["org_heads"]
            and low(token) not in lex["titles"] and low(token) not in lex["modifiers"]
            and lookup(token.text) is None)


def _titled_name(doc: Doc, start: int, end: int) -> bool:
    """A name right after a title or honorific is a person ("spokeswoman Amara Wanjiku"),
    whatever NER said, when it looks like a personal name (2-4 capitalised words, no
    organisation head such as "Agency")."""
    words = [t for t in doc[start:end] if t.text != "-"]
    if not 2 <= len(words) <= 4:
        return False
    before = doc[start - 1] if start > 0 else None
    titled = before is not None and (is_title(before) or is_honorific(before))
    if not titled and end + 1 < len(doc) and doc[end].text == ",":
        # "NAME, [a|the] [Org|former customs] TITLE ...": an apposition that gives a title
        for tok in doc[end + 1:end + 6]:
            if is_title(tok):
                titled = True
                break
            if not (low(tok) in DETERMINERS or tok.text[:1].isupper() or low(tok) in lexicon()["modifiers"]
                    or (tok.is_lower and tok.pos_ in ("NOUN", "ADJ"))):
                break
    if not titled:
        return False
    lex = lexicon()
    return all(t.text[:1].isupper() and t.is_alpha and low(t) not in lex["org_heads"]
               and low(t) not in lex["titles"] for t in words)


DOTTED = re.compile(r"^(?:[A-Z][a-z]{0,3}\.){1,3}$")


def _dotted(text: str) -> bool:
    """An abbreviation written with dots ("Ill.", "B.C.", "W.Va."): a name, not punctuation."""
    return bool(DOTTED.match(text.replace("'", "")))


def _kb_prefix(doc: Doc, start: int, end: int) -> tuple[int, Match] | None:
    for stop in range(end, start, -1):
        found = lookup(doc[start:stop].text)
        if found is not None:
            return stop, found
    return None


def _label_for(match: Match) -> str:
    if match.kind == "org":
        return match.entry.type
    if match.kind == "demonym":
        return "NORP"
    return "GPE"


def candidates(doc: Doc) -> list[Cand]:
    """The corrected mentions of a parsed doc, in text order, non-overlapping."""
    out: list[Cand] = []
    for ent in doc.ents:
        label = LABELS.get(ent.label_)
        if label is None:
            continue
        for a, b in _pieces(doc, ent.start, ent.end):
            a, b = _trim(doc, a, b, label)
            if a >= b:
                continue
            if b + 2 < len(doc) and b + 2 <= ent.end and doc[b].text == "(" and doc[b + 2].text == ")" \
                    and doc[b + 1].text.isupper() and doc[b + 1].is_alpha:
                out.append(Cand(b + 1, b + 2, label, lookup(doc[b + 1].text)))  # "Name (ACR)"
            span = doc[a:b]
            if not any(t.is_alpha or _dotted(t.text) for t in span) or span.text in non_names():
                continue
            match = lookup(span.text)
            if match is None and label in ("ORG", "GPE", "NORP") and b < len(doc) and is_title(doc[b]):
                # "EU Transport" of "EU Transport Commissioner": the title's words are not the
                # name, when what is left is a name the KB knows
                cut = b
                while cut - a > 1 and low(doc[cut - 1]) in lexicon()["modifiers"]:
                    cut -= 1
                known = lookup(doc[a:cut].text) if cut < b else None
                if known is not None:
                    b, span, match = cut, doc[a:cut], known
            if match is None and label in ("GPE", "NORP", "LOC"):
                prefix = _kb_prefix(doc, a, b)
                if prefix is not None:
                    b, match = prefix
            if match is None and label == "ORG" and b - a >= 3 and low(doc[a + 1]) in POSSESSIVES:
                owner = lookup(doc[a].text)  # "Argentina's Federal Intelligence Agency"
                if owner is not None and owner.kind in ("country", "capital"):
                    out.append(Cand(a, a + 1, "GPE", owner))
                    a += 2
                    span = doc[a:b]
                    match = lookup(span.text)
            if match is not None:
                label = _label_for(match)
            elif label in ("GPE", "NORP", "LOC", "ORG") and span[0].is_lower:
                continue
            elif label != "PERSON" and b - a == 1 and b < len(doc) and is_title(doc[b]) \
                    and low(doc[a]) in lexicon()["modifiers"]:
                continue  # "Finance" of "Deputy Finance Minister": part of a title, not a name
            elif label != "PERSON" and _titled_name(doc, a, b):
                label = "PERSON"
            out.append(Cand(a, b, label, match))
    taken: set[int] = set()
    for cand in out:
        taken.update(range(cand.start, cand.end))
    for _mid, a, b in sorted(_matcher()(doc), key=lambda m: (m[1], -(m[2] - m[1]))):
        if any(i in taken for i in range(a, b)):
            continue
        if any(_breaks_line(doc[i]) for i in range(a, b - 1)):
            continue
        match = lookup(doc[a:b].text)
        if match is None:
            continue
        if match.kind == "demonym" and b < len(doc) and doc[b].pos_ == "PROPN" and doc[b].ent_type_:
            continue  # "American" inside an unrecognised name such as "American Airlines"
        out.append(Cand(a, b, _label_for(match), match))
        taken.update(range(a, b))
    out.extend(_untagged_names(doc, taken))
    out.extend(_untagged_by_name(doc, taken))
    out.sort(key=lambda c: c.start)
    _model_names(doc, out)
    out = _particle_names(doc, out)
    _typed_by_name(doc, out)
    return _ministry_owners(doc, out)


def _owns_ministry(doc: Doc, i: int) -> bool:
    """Token i is followed by "'s", portfolio words and "ministry" ("Tarrow's finance ministry")."""
    if i + 3 >= len(doc) or low(doc[i + 1]) not in POSSESSIVES or (i > 0 and low(doc[i - 1]) in DETERMINERS):
        return False
    k = i + 2
    while k < len(doc) and k - i < 5 and doc[k].is_lower and doc[k].lemma_.lower() != "ministry" \
            and doc[k].pos_ in ("NOUN", "ADJ"):
        k += 1
    return k < len(doc) and k > i + 2 and doc[k].is_lower and doc[k].lemma_.lower() == "ministry"


def _ministry_owners(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """"Tarrow's finance ministry": a capitalised name the KB does not know owning a ministry
    (with a portfolio word before it) is a state, a GPE mention, whether NER missed it or
    typed it ORG or PERSON; not a surname of a person named in full in the article."""
    surnames = {doc[c.end - 1].text for c in cands if c.label == "PERSON" and c.end - c.start >= 2}
    for c in cands:
        if c.end - c.start == 1 and c.match is None and c.label in ("ORG", "PERSON") \
                and doc[c.start].text not in surnames and _owns_ministry(doc, c.start):
            c.label = "GPE"
    taken = {i for c in cands for i in range(c.start, c.end)}
    extra: list[Cand] = []
    for tok in doc:
        if tok.i in taken or tok.ent_type_ in LABELS or tok.pos_ != "PROPN" or not _cap_word(tok) \
                or tok.text in surnames or lookup(tok.text) is not None:
            continue
        if _owns_ministry(doc, tok.i):
            extra.append(Cand(tok.i, tok.i + 1, "GPE", None))
    return sorted(cands + extra, key=lambda c: c.start) if extra else cands


def _cap_word(token: Token) -> bool:
    """A capitalised word of a name: "Halden", "Okonkwo-Marsh", "Ltd." (not "HALDEN")."""
    text = token.text.replace("-", "").replace(".", "").replace("'", "").replace("\u2019", "")
    return bool(text) and text.isalpha() and text[:1].isupper() and not (len(text) > 3 and text.isupper())


def org_named(doc: Doc, start: int, end: int) -> bool:
    """A name ending in an organisation head ("Holdings", "Dairy", "Ltd", "Authority") whose
    first word is capitalised: an organisation's name, never a person's."""
    heads, _given = name_words()
    return end - start >= 2 and _cap_word(doc[start]) and low(doc[end - 1]) in heads


def person_named(doc: Doc, start: int, end: int) -> bool:
    """2-3 capitalised words, the first a common given name, none an organisation head or a
    name the KB knows, not after "the": a personal name ("Tomasz Wilk")."""
    heads, given = name_words()
    words = [t for t in doc[start:end] if t.text != "-"]
    if not 2 <= len(words) <= 3 or low(words[0]) not in given:
        return False
    if start > 0 and low(doc[start - 1]) == "the":
        return False
    org = lexicon()["org_heads"]
    return all(t.is_alpha and _cap_word(t) and low(t) not in heads and low(t) not in org
               and not is_title(t) and lookup(t.text) is None for t in words)


def _typed_by_name(doc: Doc, cands: list[Cand]) -> None:
    """The small NER model mistypes names it has not seen: a name ending in an organisation
    head is an ORG, not a PERSON or a place ("Brookfield Dairy", also when NER left the head
    out of the name); a name that starts with a common given name and has no organisation
    head is a PERSON, not an ORG or a place ("Maria Tolvanen"). Not names the KB knows."""
    heads, _given = name_words()
    starts = {c.start for c in cands}
    for c in cands:
        if c.match is not None:
            continue
        nxt = doc[c.end] if c.end < len(doc) else None
        if nxt is not None and c.end not in starts and low(nxt) in heads and nxt.ent_type_ not in LABELS \
                and _cap_word(nxt) and doc[c.end - 1].whitespace_ == " " and c.label != "PRODUCT":
            c.end += 1  # "Halden" (tagged GPE) + "Dairy" (untagged): the name runs on
        ends = {o.end for o in cands if o is not c}
        while low(doc[c.end - 1]) in heads and c.start > 0 and c.start not in ends and c.end - c.start < 4:
            prev = doc[c.start - 1]  # "Pendry" (untagged) + "Dairy" (tagged PERSON)
            if not (prev.pos_ == "PROPN" and _cap_word(prev) and prev.ent_type_ not in LABELS
                    and prev.whitespace_ == " " and not is_title(prev) and low(prev) not in heads
                    and lookup(prev.text) is None):
                break
            c.start -= 1
        if c.label in ("PERSON", "GPE", "LOC", "FAC", "NORP") and org_named(doc, c.start, c.end) \
                and not (c.start > 0 and is_honorific(doc[c.start - 1])):
            c.label = "ORG"
        elif c.label in ("ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT") and person_named(doc, c.start, c.end):
            c.label = "PERSON"
        elif c.label == "PERSON" and _after_company_noun(doc, c.start) and not person_named(doc, c.start, c.end):
            c.label = "ORG"
        elif c.label == "PERSON" and c.end - c.start == 1:
            people = _people_of(doc, c.start)
            if people is not None:
                c.label, c.match = "NORP", people


def _people_of(doc: Doc, i: int) -> Match | None:
    """"the Icelander": a one-word country name + "er" after "the" is one of its
    people (the country's demonym), not a personal name."""
    text = doc[i].text
    if i == 0 or low(doc[i - 1]) != "the" or not text.endswith("er") or len(text) < 6:
        return None
    found = lookup(text[:-2])
    if found is None or found.kind != "country":
        return None
    return Match(entry=found.entry, kind="demonym")


def _after_company_noun(doc: Doc, start: int) -> bool:
    """"the state grid operator Retea Nord": a name right after a company noun ("operator",
    "insurer", "firm"; not one that is also a title, such as "owner") that a determiner or
    possessive opens is the company."""
    if start < 2:
        return False
    noun = doc[start - 1]
    lex = lexicon()
    if not (noun.is_lower and noun.pos_ == "NOUN" and noun.lemma_.lower() in lex["company_nouns"]
            and not is_title(noun) and low(noun) not in lex["modifiers"]):
        return False
    k = start - 2
    while k > 0 and start - k < 5 and doc[k].is_lower and doc[k].pos_ in ("NOUN", "ADJ"):
        k -= 1  # "the state grid operator"
    return low(doc[k]) in DETERMINERS or doc[k].dep_ == "poss"


def _untagged_by_name(doc: Doc, taken: set[int]) -> list[Cand]:
    """Names NER missed (or gave a type no mention has, such as WORK_OF_ART) that say what they
    are: a run of 2-4 capitalised proper nouns ending in an organisation head ("Halden Dairy"
    -> ORG), or of 2-3 starting with a common given name ("Tomasz Wilk" -> PERSON)."""
    out: list[Cand] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in taken or tok.ent_type_ in LABELS or tok.pos_ != "PROPN" or not _cap_word(tok):
            i += 1
            continue
        j = i
        while j < len(doc) and j - i < 4 and j not in taken and doc[j].ent_type_ not in LABELS \
                and doc[j].pos_ in ("PROPN", "NOUN") and _cap_word(doc[j]) \
                and (j == i or "\n" not in doc[j - 1].whitespace_):
            j += 1
        if j - i >= 2:
            if org_named(doc, i, j) and low(doc[i]) not in DETERMINERS:
                out.append(Cand(i, j, "ORG", None))
                taken.update(range(i, j))
            elif person_named(doc, i, j):
                out.append(Cand(i, j, "PERSON", None))
                taken.update(range(i, j))
        i = max(j, i + 1)
    return out


MODEL_CODE = re.compile(r"^[A-Z]{0,3}-?\d{2,4}[A-Z]{0,3}$")


def _model_names(doc: Doc, cands: list[Cand]) -> None:
    """"Boeing 787", "Airbus A400M": a maker's name with a model code is a product."""
    for n, c in enumerate(cands):
        if c.label != "ORG":
            continue
        last = doc[c.end - 1].text
        if c.end - c.start >= 2 and MODEL_CODE.match(last) and not last.isdigit():
            c.label, c.match = "PRODUCT", None  # "Brask B210" tagged ORG whole
            continue
        if c.end >= len(doc) or "\n" in doc[c.end - 1].whitespace_:
            continue
        code = doc[c.end]
        if (MODEL_CODE.match(code.text) and not code.text.isdigit()) or (
                code.text.isdigit() and len(code.text) == 3 and code.ent_type_ != "DATE"
                and not (c.end + 1 < len(doc) and doc[c.end + 1].lower_ in ("percent", "%"))):
            if n + 1 < len(cands) and cands[n + 1].start <= c.end:
                continue
            c.label = "PRODUCT"
            c.match = None
            c.end += 1


def _particle_names(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """"Jorrit van den Heuvel", "Van den Heuvel": a PERSON mention takes the name particles
    before it, and the given name before lowercase particles (whatever NER made of it)."""
    particles = lexicon()["name_particles"]
    widened: list[Cand] = []
    for c in cands:
        if c.label != "PERSON" or c.start == 0:
            continue
        i = c.start
        while i > 0 and low(doc[i - 1]) in particles and doc[i - 1].whitespace_ == " " \
                and (doc[i - 1].is_lower or doc[i - 1].is_sent_start):
            i -= 1
        if i == c.start:
            continue
        if doc[i].is_lower and i > 0 and doc[i - 1].whitespace_ == " " and doc[i - 1].is_alpha \
                and doc[i - 1].text[:1].isupper() \
                and lookup(doc[i - 1].text) is None and not is_title(doc[i - 1]):
            i -= 1  # the given name
        elif doc[i].is_lower:
            continue  # "Heuvel" after "with van": not a name particle run
        c.start = i
        widened.append(c)
    for n in range(1, len(cands)):
        # "Pilar" (tagged PRODUCT) + "Ocampo Durán" (PERSON): a lone capitalised word the KB does
        # not know, right before a personal name, is its given name
        prev, c = cands[n - 1], cands[n]
        if c.label == "PERSON" and prev.label != "PERSON" and prev.match is None \
                and prev.end == c.start and prev.end - prev.start == 1 and c.end - c.start <= 3 \
                and doc[prev.start].is_alpha and doc[prev.start].text[:1].isupper() \
                and not doc[prev.start].text.isupper() and doc[prev.start].whitespace_ == " " \
                and not (is_title(doc[prev.start]) or low(doc[prev.start]) in lexicon()["modifiers"]
                         or low(doc[prev.start]) in lexicon()["org_heads"]) \
                and not (prev.start > 0 and low(doc[prev.start - 1]) in ("of", "for", "at", "and", "&")):
            c.start = prev.start
            widened.append(c)
    if not widened:
        return cands
    out: list[Cand] = []
    for c in cands:  # drop what a widened name now covers ("Jorrit" tagged GPE)
        if any(o is not c and o.start <= c.start and c.end <= o.end for o in widened):
            continue
        out.append(c)
    return out


def _name_run(doc: Doc, start: int, step: int) -> tuple[int, int] | None:
    """2-3 capitalised proper-noun tokens from ``start`` going right (step 1) or left (-1)."""
    lex = lexicon()
    idx: list[int] = []
    i = start
    while 0 <= i < len(doc) and len(idx) < 4:
        tok = doc[i]
        if not (tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.is_alpha
                and low(tok) not in lex["org_heads"] and low(tok) not in lex["titles"]
                and not tok.ent_type_ and lookup(tok.text) is None):
            break
        idx.append(i)
        i += step
    if not 2 <= len(idx) <= 3:
        return None
    a, b = min(idx), max(idx) + 1
    if any("\n" in t.whitespace_ for t in doc[a:b - 1]):
        return None
    return a, b


def _name_after_portfolio(doc: Doc, i: int) -> tuple[int, int] | None:
    """"Commissioner for Economic Affairs Valdis Ozolinš wrote": the name ending the title is
    the subject (or apposition) the parse heads with its proper-noun compounds."""
    for k in range(i, min(i + 8, len(doc))):
        tok = doc[k]
        if not (tok.text[:1].isupper() or low(tok) in ("and", "&")):
            return None
        if tok.dep_ in ("nsubj", "nsubjpass", "appos") and tok.pos_ == "PROPN" and not tok.ent_type_:
            left = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i >= i]
            a = min((c.i for c in left), default=k)
            if a in (k, i) or k - a > 2:
                return None
            run = doc[a:k + 1]
            lex = lexicon()
            if all(t.is_alpha and t.text[:1].isupper() and low(t) not in lex["org_heads"]
                   and low(t) not in lex["titles"] and low(t) not in lex["modifiers"]
                   and lookup(t.text) is None for t in run):
                return a, k + 1
            return None
    return None


def _untagged_names(doc: Doc, taken: set[int]) -> list[Cand]:
    """Personal names NER missed, read from a title beside them: "spokesman Ilse Marten",
    "Ilse Marten, a senior fellow at ..."."""
    lex = lexicon()
    out: list[Cand] = []
    titles = lex["titles"]
    for tok in doc:
        if tok.lower_ not in titles:
            continue
        spans = []
        right = _name_run(doc, tok.i + 1, 1)
        if right is not None:
            spans.append(right)
        elif tok.i + 1 < len(doc) and low(doc[tok.i + 1]) in ("for", "of"):
            found = _name_after_portfolio(doc, tok.i + 2)
            if found is not None:
                spans.append(found)
        # "NAME, a|an|the [words] TITLE": the name ends just before the comma
        j = tok.i - 1
        while j > 0 and tok.i - j <= 4 and doc[j].text != ",":
            j -= 1
        if j > 0 and doc[j].text == "," and low(doc[j + 1]) in DETERMINERS:
            left = _name_run(doc, j - 1, -1)
            if left is not None and (left[0] == doc[left[0]].sent.start or doc[left[0] - 1].is_punct):
                spans.append(left)
        for a, b in spans:
            a, b = _trim(doc, a, b, "PERSON")  # hyphenated names whole ("Oh Min-jae")
            if a >= b or any(i in taken for i in range(a, b)):
                continue
            out.append(Cand(a, b, "PERSON", None))
            taken.update(range(a, b))
    return out


def capital_sense(doc: Doc, cand: Cand, dateline: tuple[int, int] | None) -> str:
    """'metonym' when a capital acts for its government, 'literal' when it names the city."""
    span = doc[cand.start:cand.end]
    if dateline and dateline[0] <= span.start_char < dateline[1]:
        return "literal"
    if span.text.isupper() and len(span.text) > 3:
        return "literal"  # "CAIRO —": a dateline names where the story was filed
    root = span.root
    s = senses()
    token = root
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    dep = token.dep_
    if dep == "compound" or dep == "nmod":
        return "literal" if token.head.lemma_.lower() in s["place_nouns"] or token.head.pos_ in ("NOUN", "PROPN") else "metonym"
    if dep == "pobj":
        prep = token.head
        if prep.lemma_.lower() in s["locative_preps"]:
            return "literal"
        if prep.lemma_.lower() in ("from", "to"):
            verb = prep.head
            if verb.lemma_.lower() in s["motion_verbs"] or verb.head.lemma_.lower() in s["motion_verbs"]:
                return "literal"
        return "metonym"
    if dep in s["actor_deps"]:
        if dep in ("appos", "poss") and token.head.lemma_.lower() in s["place_nouns"]:
            return "literal"
        return "metonym"
    return "literal"
