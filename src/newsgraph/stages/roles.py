"""Roles read from the text (basis "text"): title, organisation and country of a person.

Three constructions, read token by token with the lemma-level lexicon
``data/roles_titles.json`` (titles, title modifiers, organisation heads, linkers):

- pre-modifiers, left of the name: ``[country|org]* TITLE-RUN [of|for|at OBJ] NAME``
  ("Russian foreign ministry spokeswoman Maria Zakharova", "U.S. Treasury Secretary Janet
  Yellen", "President of the United States Barack Obama"), also before a comma
  ("Airbus President and Chief Executive Officer, Tom Enders");
- appositions, right of the name: ``NAME, [a|the] [country|org]* TITLE-RUN [of|for|at OBJ]``
  ("John Kirby, a spokesperson for the U.S. National Security Council", "Jusman Djamal,
  minister of transport for Indonesia").

- predicates: "NAME, who is the mayor of X", "NAME was appointed finance minister",
  "named NAME (as) its new chief executive".

A TITLE-RUN is a run of title words and modifiers ("Executive Vice President", "president
and CEO") holding at least one title word; "of" + lowercase words joins it as a portfolio
("minister of transport"). A country is a KB country name or demonym; an organisation is
the rest of the prefix or the object (canonical KB name when the KB knows it; its country
fills ``country`` when the text gives none). The role span covers the phrase read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.kb.lookup import country, lookup
from newsgraph.stages.mentions import (
    DETERMINERS,
    POSSESSIVES,
    is_honorific,
    is_title,
    lexicon,
    low,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MAX_WINDOW = 12
FORMER = {"former", "ex", "ex-", "then", "late", "outgoing", "incoming", "acting", "interim"}
POSSESSIVE_PRONOUNS = {"its", "their"}
EMPLOYER_LINKERS = {"at", "with"}  # "chief economist for Latin America at Banco Andino"
STOP_TEXT = {",", ";", ":", "(", ")", "\"", "\u201c", "\u201d", "\u2014", "\u2013", "?", "!"}


@dataclass
class RoleRead:
    title: str
    org: str | None
    country: str | None
    start: int  # character offsets of the role phrase
    end: int
    # the organisation is named only by reference: "its" / "their", or the lemma of a common
    # noun ("company" of "the company's operations director", "federation leader"); the
    # entities stage resolves it to an organisation of the article
    anaphor: str | None = None
    # "Orvanta Group named NAME chief financial officer": the token of the appointing verb's
    # subject (the entities stage takes it as the organisation when it is one)
    appointer: int | None = None


def _is_modifier(token: Token) -> bool:
    lex = lexicon()
    return low(token) in lex["modifiers"] or token.lemma_.lower() in lex["modifiers"]


def _is_org_head(token: Token) -> bool:
    return token.lemma_.lower() in lexicon()["org_heads"] or low(token) in lexicon()["org_heads"]


def _joins_titles(token: Token) -> bool:
    doc = token.doc
    i = token.i
    if i == 0 or i + 1 >= len(doc):
        return False
    left, right = doc[i - 1], doc[i + 1]
    return (is_title(left) or _is_modifier(left)) and (is_title(right) or _is_modifier(right))


def _joins_names(token: Token) -> bool:
    doc = token.doc
    i = token.i
    return 0 < i < len(doc) - 1 and doc[i - 1].text[:1].isupper() and doc[i + 1].text[:1].isupper()


def _allowed(token: Token, blocked: frozenset[int] = frozenset()) -> bool:
    """May this token be part of a role phrase? (``blocked``: tokens of other names)"""
    if token.is_space or "\n" in token.whitespace_ or token.text in STOP_TEXT:
        return False
    if token.i in blocked:
        return False
    if token.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return False
    t = low(token)
    if t == "and":
        return _joins_titles(token)
    if t == "&":  # "Procter & Gamble", "president & CEO"
        return _joins_titles(token) or _joins_names(token)
    if is_title(token) or _is_modifier(token) or _is_org_head(token):
        return True
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if nxt is not None and _inner_noun(token) and (is_title(nxt) or _is_modifier(nxt)):
        return True  # "land" of "district land commissioner"
    if t in POSSESSIVES or t in ("-", "the") or t in lexicon()["linkers"]:
        return True
    if token.pos_ == "PROPN" or (token.text[:1].isupper() and token.is_alpha
                                 and token.pos_ in ("NOUN", "ADJ", "X")):
        return True
    return lookup(token.text) is not None


def _portfolio_word(token: Token) -> bool:
    """A lowercase noun after "of" in a title: "minister of fisheries", "head of research"."""
    if not (token.is_lower and token.pos_ in ("NOUN", "ADJ")) or token.i == 0:
        return False
    prev = token.doc[token.i - 1]
    return low(prev) == "of" or (_portfolio_word(prev) and prev.pos_ == "ADJ")


def _inner_noun(token: Token) -> bool:
    """A lowercase noun inside a title ("district land commissioner"), not one naming an
    organisation or place ("company spokesman")."""
    lex = lexicon()
    lemma = token.lemma_.lower()
    return token.is_lower and token.pos_ == "NOUN" and lemma not in lex["org_heads"] \
        and lemma not in lex["company_nouns"] and lemma not in lex["town_nouns"]


def _org_name_word(tokens: list[Token], s: int) -> bool:
    """Is ``tokens[s]`` a capitalised word continuing the capitalised name before it (not a
    country or demonym, not the start of a sentence)?"""
    if s == 0 or tokens[s].is_sent_start or not tokens[s].text[:1].isupper():
        return False
    prev = tokens[s - 1]
    if not (prev.text[:1].isupper() and prev.is_alpha) or prev.i + 1 != tokens[s].i \
            or is_title(prev) or _is_modifier(prev) or (prev.is_sent_start and prev.pos_ != "PROPN"):
        return False
    found = lookup(prev.text)
    return found is None or found.kind not in ("country", "demonym")


def _runs(tokens: list[Token]) -> list[tuple[int, int]]:
    """Title runs in ``tokens`` as index ranges: title/modifier words, "and"/"&"/"-" inside."""
    out: list[tuple[int, int]] = []
    i = 0
    n = len(tokens)
    while i < n:
        if is_title(tokens[i]) or _is_modifier(tokens[i]):
            j = i
            while j < n and (is_title(tokens[j]) or _is_modifier(tokens[j])
                             or (j > i and j + 1 < n and _inner_noun(tokens[j])
                                 and (is_title(tokens[j + 1]) or _is_modifier(tokens[j + 1])))
                             or (low(tokens[j]) in ("and", "&", "-") and j + 1 < n
                                 and (is_title(tokens[j + 1]) or _is_modifier(tokens[j + 1])))
                             or (low(tokens[j]) == "of" and j > i and is_title(tokens[j - 1])
                                 and j + 1 < n and _is_modifier(tokens[j + 1]))):
                j += 1
            # the run ends on a title word, not on a modifier ("chief executive", not "vice")
            k = j
            while k > i and not is_title(tokens[k - 1]):
                k -= 1
            # a title starts after the capitalised organisation name before it: "Varnholt
            # Energy chief executive" is "chief executive" of "Varnholt Energy" (a capitalised
            # word that follows a capitalised name word, before a lowercase title word)
            s = i
            while s + 1 < k and _org_name_word(tokens, s) and tokens[s + 1].is_lower:
                s += 1
            if k > s:
                out.append((s, k))
            i = max(j, i + 1)
        else:
            i += 1
    return out


def _text(doc: Doc, tokens: list[Token]) -> str:
    """The text of a contiguous run of tokens (never ``doc.text``: that joins the whole doc)."""
    return "".join(t.text_with_ws for t in tokens[:-1]) + tokens[-1].text


def _strip_edges(tokens: list[Token]) -> list[Token]:
    skip = DETERMINERS | POSSESSIVES | set(lexicon()["linkers"]) | {"and", "&", "-"}
    while tokens and low(tokens[0]) in skip:
        tokens = tokens[1:]
    while tokens and low(tokens[-1]) in skip:
        tokens = tokens[:-1]
    return tokens


def _country_org(doc: Doc, tokens: list[Token]) -> tuple[str | None, str | None]:
    """Split a prefix or object into (country, org): KB countries and demonyms are countries."""
    tokens = _strip_edges(tokens)
    while tokens and low(tokens[0]) in FORMER:  # "former Ghanaian president"
        tokens = _strip_edges(tokens[1:])
    # a sentence-initial capitalised word that is not a name ("Leading Mexican ...")
    while tokens and tokens[0].is_sent_start and tokens[0].pos_ not in ("PROPN",) \
            and not any(lookup(_text(doc, tokens[:k])) for k in (1, 2, 3) if k <= len(tokens)):
        tokens = _strip_edges(tokens[1:])
    if not tokens:
        return None, None
    whole = lookup(_text(doc, tokens))
    if whole is not None:
        if whole.kind in ("country", "demonym"):
            return whole.entry.name, None
        if whole.kind == "org":
            home = country(whole.entry.iso) if whole.entry.iso else None
            return (home.name if home else None), whole.entry.name
        return None, _text(doc, tokens)  # a capital in a prefix names the city ("Moscow mayor")
    nation = None
    for size in (3, 2, 1):  # a country at the front: "U.S. National Security Council"
        if len(tokens) > size:
            found = lookup(_text(doc, tokens[:size]))
            if found is not None and found.kind in ("country", "demonym"):
                nation = found.entry.name
                rest = _strip_edges(tokens[size:])
                # a demonym that starts a proper name stays in it ("Swedish International
                # Development Agency"); a country name before one does not ("U.S. Treasury")
                if not (found.kind == "demonym" and rest and all(t.text[:1].isupper() for t in rest)):
                    tokens = rest
                break
    if not tokens:
        return nation, None
    org_found = lookup(_text(doc, tokens))
    if org_found is not None and org_found.kind == "org":
        return nation, org_found.entry.name
    return nation, _text(doc, tokens)


def _read(doc: Doc, tokens: list[Token], last_run: bool) -> RoleRead | None:
    """Parse a window of tokens as ``prefix TITLE-RUN suffix``."""
    tokens = _strip_edges([t for t in tokens if not is_honorific(t)])
    runs = _runs(tokens)
    if not runs:
        return None
    a, b = runs[-1] if last_run else runs[0]
    prefix, title, suffix = tokens[:a], tokens[a:b], tokens[b:]
    if prefix and title[0].is_lower and _inner_noun(prefix[-1]) and prefix[-1].tag_ != "NNS" \
            and prefix[-1].i + 1 == title[0].i:
        # a lowercase noun naming the trade, not an organisation: "shipping agent"
        prefix, title = prefix[:-1], [prefix[-1], *title]
    if len(prefix) > 6:
        return None
    # a title run that is all modifiers but one ambiguous word ("general", "major") needs a name
    nation, org = _country_org(doc, prefix)
    org_linker = ""
    anaphor_noun: str | None = None
    end_tokens = title
    if suffix:
        if low(suffix[0]) not in lexicon()["linkers"]:
            suffix = []
        # "of" + lowercase words: the portfolio ("minister of transport")
        if suffix and low(suffix[0]) == "of" and len(suffix) > 1 and suffix[1].is_lower \
                and suffix[1].pos_ in ("NOUN", "ADJ"):
            k = 1
            while k < len(suffix) and suffix[k].is_lower and suffix[k].pos_ in ("NOUN", "ADJ"):
                k += 1
            title = title + suffix[:k]
            end_tokens = title
            suffix = suffix[k:]
        # "of" + capitalised portfolio words: "Minister of Industry", "Secretary of State"
        if suffix and low(suffix[0]) == "of" and len(suffix) > 1:
            k = 1
            while k < len(suffix) and (_is_modifier(suffix[k]) or (k > 1 and low(suffix[k]) == "and")):
                k += 1
            if k > 1 and (k == len(suffix) or low(suffix[k]) in lexicon()["linkers"]) \
                    and low(suffix[k - 1]) != "and":
                title = title + suffix[:k]
                end_tokens = title
                suffix = suffix[k:]
        while suffix and low(suffix[0]) in lexicon()["linkers"]:
            k = 1
            while k < len(suffix) and (low(suffix[k]) not in lexicon()["linkers"]
                                       or suffix[k].ent_iob_ == "I"):  # "Institute for Strategic Studies"
                k += 1
            obj = suffix[1:k]
            if obj and not any(t.text[:1].isupper() for t in obj) and _is_org_head(obj[-1]) \
                    and len(obj) <= 4 and org is None and anaphor_noun is None:
                # "a spokesman for the transport ministry": an organisation only described
                anaphor_noun = obj[-1].lemma_.lower()
                end_tokens = suffix[:k]
                suffix = suffix[k:]
                continue
            if not obj or not any(t.text[:1].isupper() for t in obj):
                break
            c2, o2 = _country_org(doc, obj)
            if c2 is None and o2 is None:
                break
            nation = nation or c2
            if o2 is not None and (org is None or (low(suffix[0]) in EMPLOYER_LINKERS
                                                   and org_linker not in EMPLOYER_LINKERS)):
                org = o2
                org_linker = low(suffix[0])
            end_tokens = suffix[:k]
            suffix = suffix[k:]
    anaphor = None
    if org is not None and " " not in org and org.islower():
        # "company CEO", "the firm's chief executive": no organisation named, only referred to
        noun = next((t for t in prefix if t.text == org), None)
        anaphor = noun.lemma_.lower() if noun is not None and noun.pos_ in ("NOUN", "PROPN") else None
        org = None
    if org is None:
        departments = [t for t in title if _is_org_head(t) and t.text[:1].isupper()]
        if departments:
            org = departments[0].text
    if org is not None and nation is None:
        found = lookup(org)
        if found is not None and found.kind == "org" and found.entry.iso:
            home = country(found.entry.iso)
            nation = home.name if home is not None else None
    first = _strip_edges(prefix)[0] if _strip_edges(prefix) else title[0]
    last = end_tokens[-1]
    if org is None and anaphor is None:
        anaphor = anaphor_noun or _reference_before(doc, first.i)
    return RoleRead(
        title=_text(doc, title), org=org, country=nation,
        start=first.idx, end=last.idx + len(last.text), anaphor=anaphor,
    )


def _reference_before(doc: Doc, i: int) -> str | None:
    """"its new chief executive" -> "its"; "the company's chief financial officer" ->
    "company" (the token before the role phrase, past "new", "current" ...)."""
    k = i - 1
    while k >= 0 and (low(doc[k]) in FORMER or low(doc[k]) in ("new", "current", "also", "now", "currently")):
        k -= 1
    if k < 0:
        return None
    if low(doc[k]) in POSSESSIVE_PRONOUNS:
        return "its"
    if low(doc[k]) in POSSESSIVES and k >= 2 and doc[k - 1].is_lower and doc[k - 1].pos_ == "NOUN" \
            and low(doc[k - 2]) in ("the", "this", "that"):
        return doc[k - 1].lemma_.lower()
    return None


APPOINT_VERBS = {"name", "appoint", "elect", "nominate", "promote", "choose", "select", "make",
                 "install", "reappoint", "re-elect", "hire", "tap", "pick", "confirm"}
COPULAS = {"be", "become", "remain", "serve"}
LEADING = DETERMINERS | {"its", "their", "his", "her", "new", "current", "also", "now", "currently"}


def _after_copula(doc: Doc, k: int, sent_end: int) -> int | None:
    """Where the role starts after "is/was/has been [named] [as]", or None."""
    i = k
    seen_copula = False
    while i < sent_end and i - k < 5:
        tok = doc[i]
        lemma = tok.lemma_.lower()
        if lemma in COPULAS or (lemma == "have" and i + 1 < sent_end and doc[i + 1].lemma_ == "be"):
            seen_copula = seen_copula or lemma in COPULAS
            i += 1
            continue
        if seen_copula and lemma in APPOINT_VERBS:
            i += 1
            continue
        if seen_copula and low(tok) in ("as", "also", "now", "currently", "still"):
            i += 1
            continue
        break
    return i if seen_copula and i > k else None


def _forward(doc: Doc, at: int, sent_end: int, blocked: frozenset[int]) -> RoleRead | None:
    """A role phrase starting at token ``at`` ("its new chief executive", "the mayor of X")."""
    while at < sent_end and low(doc[at]) in LEADING:
        at += 1
    if at >= sent_end or not (is_title(doc[at]) or _is_modifier(doc[at]) or doc[at].pos_ == "PROPN"):
        return None
    m = at
    while m < sent_end and m - at < MAX_WINDOW and (
        (_allowed(doc[m], blocked) and not (doc[m].pos_ == "VERB" and doc[m].is_lower))
        or _portfolio_word(doc[m])
    ):
        m += 1
    window = list(doc[at:m])
    return _read(doc, window, last_run=False) if window else None


def _org_after(doc: Doc, end: int, sent_end: int) -> str | None:
    """"of [the] NAME" right after a person's name: the organisation of a title before it."""
    if end + 1 >= sent_end or low(doc[end]) != "of":
        return None
    k = end + 1
    if low(doc[k]) == "the":
        k += 1
    ent = next((e for e in doc.ents if e.start == k or (e.start == k - 1 and low(doc[e.start]) == "the")), None)
    if ent is None or ent.label_ not in ("ORG", "GPE", "LOC", "FAC") or ent.end > sent_end:
        return None
    tokens = [t for t in doc[k:ent.end]]
    cut = next((n for n, t in enumerate(tokens) if t.text == "("), len(tokens))
    tokens = tokens[:cut]
    while tokens and (low(tokens[-1]) in POSSESSIVES or tokens[-1].is_punct):
        tokens = tokens[:-1]
    if not tokens:
        return None
    found = lookup(_text(doc, tokens))
    if found is not None and found.kind == "org":
        return found.entry.name
    return _text(doc, tokens)


CABINET_TITLES = {"minister"}  # a government post: a bare one belongs to the dateline's country


def _dateline_country(doc: Doc) -> str | None:
    """The country of a dateline capital at the start of a paragraph ("DUBLIN, Nov. 25 —"):
    the country a bare "Finance Minister" of the article serves."""
    if "roles_dateline" in doc.user_data:
        return doc.user_data["roles_dateline"]  # type: ignore[no-any-return]
    found_country: str | None = None
    for tok in doc:
        if tok.i > 0 and "\n" not in doc[tok.i - 1].text_with_ws:
            continue
        k = tok.i
        while k < len(doc) and k - tok.i < 3 and doc[k].is_alpha and doc[k].is_upper:
            k += 1
        if k == tok.i or k >= len(doc) or doc[k].text not in (",", "\u2014", "\u2013", "-"):
            continue
        found = lookup(doc[tok.i:k].text)
        if found is not None and found.kind == "capital":
            found_country = found.entry.name
        break
    doc.user_data["roles_dateline"] = found_country
    return found_country


def _bare_cabinet(doc: Doc, read: RoleRead) -> None:
    """A cabinet title with no organisation or country named takes the dateline's country."""
    if read.org is None and read.country is None and read.anaphor is None \
            and CABINET_TITLES & {w.lower() for w in read.title.split()}:
        read.country = _dateline_country(doc)


def read_roles(doc: Doc, start: int, end: int, blocked: frozenset[int] = frozenset()) -> list[RoleRead]:
    """Roles stated around the PERSON mention at tokens [start, end); ``blocked`` holds the
    tokens of other PERSON mentions, which never belong to a role phrase."""
    out = _read_roles(doc, start, end, blocked)
    for read in out:
        _bare_cabinet(doc, read)
    return out


def _read_roles(doc: Doc, start: int, end: int, blocked: frozenset[int]) -> list[RoleRead]:
    out: list[RoleRead] = []
    sent_start = doc[start].sent.start
    sent_end = doc[end - 1].sent.end
    # pre-modifier, possibly before a comma ("Airbus President and CEO, Tom Enders")
    i = start - 1
    while i >= sent_start and is_honorific(doc[i]):
        i -= 1
    if i >= sent_start and doc[i].text == "," and (end >= len(doc) or not doc[end].is_alpha
                                                   or doc[end].pos_ in ("VERB", "AUX")):
        i -= 1
    j = i
    while j >= sent_start and i - j < MAX_WINDOW and _allowed(doc[j], blocked):
        j -= 1
    window = list(doc[j + 1:i + 1])
    if window:
        read = _read(doc, window, last_run=True)
        # the title must touch the name, or be followed only by its "of/for ..." object
        if read is not None and read.end == window[-1].idx + len(window[-1].text):
            if read.org is None:
                found = _org_after(doc, end, sent_end)  # "Governor NAME of Okuta State"
                if found is not None:
                    read.org, read.anaphor = found, None
            out.append(read)
            # "The regional labour mediator, Judge Pavel Onstad": a second title before a comma
            k = j
            if k > sent_start and doc[k].text == "," and doc[i].text != "," \
                    and (end >= len(doc) or not doc[end].is_alpha or doc[end].pos_ in ("VERB", "AUX")):
                k -= 1
                m = k
                while m >= sent_start and k - m < MAX_WINDOW and _allowed(doc[m], blocked):
                    m -= 1
                before = list(doc[m + 1:k + 1])
                if before:
                    again = _read(doc, before, last_run=True)
                    if again is not None and again.end == before[-1].idx + len(before[-1].text):
                        out.append(again)
    # predicative: "NAME, who is the mayor of X", "NAME was appointed finance minister",
    # "named NAME (as) its new chief executive"
    k = end
    if k < sent_end and doc[k].text == "," and k + 1 < sent_end and low(doc[k + 1]) in ("who", "whom"):
        k += 2
    at = _after_copula(doc, k, sent_end)
    appointer = None
    if at is None and start > sent_start and doc[start - 1].lemma_.lower() in APPOINT_VERBS:
        at = end + 1 if end < sent_end and low(doc[end]) == "as" else end
        subj = next((t for t in doc[start - 1].children if t.dep_ == "nsubj"), None)
        appointer = subj.i if subj is not None else None
    if at is not None:
        read = _forward(doc, at, sent_end, blocked)
        if read is not None:
            if read.org is None and appointer is not None:
                read.appointer, read.anaphor = appointer, None
            out.append(read)
    # apposition: NAME, [a|the] ... TITLE ...  (past an age: "NAME, 47, the former ...")
    k = end
    if k + 2 < sent_end and doc[k].text == "," and doc[k + 1].like_num and doc[k + 2].text == ",":
        k += 2
    if k < sent_end and doc[k].text == ",":
        m = k + 1
        if m < sent_end and low(doc[m]) in DETERMINERS:
            m += 1
        while m < sent_end and m - k <= MAX_WINDOW and (
            (_allowed(doc[m], blocked) and not (doc[m].pos_ == "VERB" and doc[m].is_lower))
            or _portfolio_word(doc[m])
        ):
            m += 1
        window = list(doc[k + 1:m])
        if window and (low(window[0]) in DETERMINERS or is_title(window[0]) or _is_modifier(window[0])
                       or window[0].pos_ == "PROPN" or lookup(window[0].text) is not None):
            read = _read(doc, window, last_run=False)
            if read is not None:
                out.append(read)
    return out
