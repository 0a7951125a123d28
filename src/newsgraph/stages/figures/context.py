"""What a figure is about and who claims it: measure, unit from the counted noun, aspect,
of / at, source (reporting clause, "according to", the quote's speaker), modality, time,
in_quote. Everything is read from the dependency parse of the figure's sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.stages.figures.blocks import block_of, doc_text
from newsgraph.stages.figures.lexicon import Lexicon, lexicon
from newsgraph.stages.figures.numbers import Number

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsgraph.record import ArticleRecord

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_WH = frozenset({"which", "that", "who", "whom", "whose"})
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "this"})
_PLACE_PREPS = frozenset({"to", "in", "into", "at", "inside", "across", "throughout", "within", "from"})
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_ABOUT_TYPES = frozenset({"GPE", "NORP", "ORG", "LOC"})


@dataclass
class Attribution:
    source_head: Token | None = None
    source_span: tuple[int, int] | None = None  # char offsets
    cue: Token | None = None  # the reporting verb, or "according"


def in_quote_spans(text: str) -> list[tuple[int, int]]:
    """Quoted stretches by their marks, paragraph by paragraph (curly and straight marks)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n\n"):
        for m in re.finditer(r"“[^”“]*(?:”|$)|\"[^\"]*\"", para):
            spans.append((pos + m.start(), pos + m.end()))
        pos += len(para) + 2
    return spans


def anchor_token(doc: Doc, num: Number) -> Token:
    """The token of the figure the rest of the sentence attaches to."""
    span = doc[num.start : num.end]
    root: Token = span.root
    return root


def governor(doc: Doc, num: Number) -> Token | None:
    tok = anchor_token(doc, num)
    head: Token = tok.head
    return None if head.i == tok.i else head


def measure_of(doc: Doc, num: Number) -> Span | None:
    """The counted noun phrase: '3,000 [North Korean soldiers]', 'hundreds of thousands of
    [Russian soldiers]', '[job cuts] of 10,000', '$50 billion in [lending]'."""
    span = _measure_of(doc, num)
    if span is None:
        return None
    a, b = block_of(doc, doc[num.start].idx)
    if span.start_char < a or span.end_char > b or not span.text.strip():
        return None  # never across a paragraph (a title run into the line below)
    return span


def _measure_of(doc: Doc, num: Number) -> Span | None:
    lex = lexicon()
    sent = doc[num.start].sent
    end = num.end
    # "X of NP" right after the figure: "a score of", "20 of Boeing's planes", "half of"
    if end < sent.end and doc[end].lower_ == "of" and end + 1 < sent.end:
        pobj = next((c for c in doc[end].children if c.dep_ == "pobj"), None)
        if pobj is not None:
            return doc[end + 1 : pobj.i + 1]
    if num.core_end > num.core_start and doc[num.core_end - 1].lower_ == "of":
        # "a score of Airbus jets": the "of" is inside the core
        of_tok = doc[num.core_end - 1]
        pobj = next((c for c in of_tok.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.i >= end:
            return doc[end : pobj.i + 1]
    # the noun the number counts: nummod -> head to the right (never past "€450m." ending a sentence)
    ends_sentence = doc[num.end - 1].text.endswith(".") and num.end - 1 > num.core_start
    for tok in doc[num.core_start : num.end if not ends_sentence else num.core_start]:
        if tok.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and tok.head.i >= end and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i < sent.end:
            head = tok.head
            if head.lower_ in lex.scales or head.i - end > 6:
                continue
            if any(t.is_punct and t.text not in ("-",) for t in doc[end : head.i]):
                continue
            return doc[end : head.i + 1]
    gov = governor(doc, num)
    # "job cuts of 10,000", "a loss of $381 million", "an increase of 5%"
    if gov is not None and gov.lower_ == "of" and gov.head.pos_ == "NOUN" and gov.head.i < num.start and gov.head.lower_ not in lex.of_heads_not_measures:
        head = gov.head
        left = head.i
        while left - 1 >= sent.start and doc[left - 1].dep_ in ("compound", "amod") and doc[left - 1].head.i in (head.i, left):
            left -= 1
        return doc[left : head.i + 1]
    # "$50 billion in lending", "$2 million for repairs"
    if end + 1 < sent.end and doc[end].lower_ in ("in", "for", "worth") and doc[end].head.i in range(num.start, num.end):
        pobj = next((c for c in doc[end].children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.i - end <= 4:
            return doc[end + 1 : pobj.i + 1]
    return None


def is_person_noun(span: Span | None) -> bool:
    if span is None:
        return False
    head = span.root
    lemma = head.lemma_.lower()
    lex = lexicon()
    low = head.lower_
    singular = low[:-1] if low.endswith("s") and not low.endswith("ss") else low
    if lemma in lex.person_nouns or low in lex.person_nouns or singular in lex.person_nouns:
        return True
    if head.pos_ == "NOUN" and any(lemma.endswith(x) and len(lemma) > len(x) + 2 for x in lex.person_suffixes):
        return True  # "4,000 dockworkers", "12 goalkeepers"
    if all(t.text[:1].isupper() for t in span if t.is_alpha):
        # a title-case headline parses "Nine Miners Trapped" as a name: look at its first word
        first = span[0].lower_
        if first in lex.person_nouns or (first.endswith("s") and first[:-1] in lex.person_nouns) \
                or (first.endswith("men") and first[:-3] + "man" in lex.person_nouns):
            return True
    if head.ent_type_ == "NORP" and head.tag_ in ("NNS", "NNPS"):
        return True  # "48.7 million Americans"
    return head.lower_ == "police" or (head.i > span.start and f"{head.nbor(-1).lower_} {lemma}" in lex.person_nouns)




def person_by_role(doc: Doc, num: Number) -> bool:
    """A bare count (no noun of its own) that is of people by its place in the clause: what a
    casualty/arrest verb acts on ("Strike Kills Five", "five died", "left one dead"), or what a
    collective noun amounts to ("the toll rose to 37", "put the crowd at 48,000", "a crowd of
    31,200", "the number of people killed rose to 37")."""
    from newsgraph.stages.figures.exclusions import person_verb

    lex = lexicon()
    anchor = anchor_token(doc, num)
    head = anchor.head
    if head.i == anchor.i:
        return False
    if (anchor.dep_ in ("dobj", "nsubj", "nsubjpass", "conj", "appos", "nummod", "npadvmod")) \
            and person_verb(head):  # (a title-case headline parses "Kills Five" as a name + nummod)
        return True
    if any(t.lower_ in lex.person_states for t in doc[num.end : min(len(doc), num.end + 2)]) and anchor.dep_ in ("dobj", "nsubj", "nsubjpass"):
        return True
    if anchor.dep_ == "nsubj" and head.lemma_.lower() in ("be", "remain", "stay") and any(
        p.dep_ == "prep" and p.lower_ == "in" and any(o.dep_ == "pobj" and o.lemma_.lower() in lex.person_places for o in p.children)
        for p in head.children
    ):
        return True  # "Six were in a serious condition", "four remain in custody"
    if anchor.dep_ == "pobj" and head.lower_ in ("to", "at", "of", "from"):
        holder = head.head
        if holder.pos_ in ("NOUN", "PROPN") and holder.lemma_.lower() in lex.person_collectives:
            return True  # "a crowd of 31,200"
        if holder.pos_ in ("VERB", "AUX"):
            for c in holder.children:
                if c.dep_ not in ("nsubj", "nsubjpass", "dobj") or c.i >= anchor.i:
                    continue
                if c.lemma_.lower() in lex.person_collectives:
                    return True  # "the toll rose to 37", "police put the crowd at 48,000"
                if c.lemma_.lower() == "number":
                    of = next((p for p in c.children if p.dep_ == "prep" and p.lower_ == "of"), None)
                    obj = next((o for o in of.children if o.dep_ == "pobj"), None) if of is not None else None
                    if obj is not None and is_person_noun(doc[obj.i : obj.i + 1]):
                        return True  # "the number of people killed rose to 37"
    return False


def path_up(tok: Token) -> list[Token]:
    """The heads above a token, nearest first, up to the sentence root, never leaving the
    paragraph (spaCy may run a title into the line below it)."""
    a, b = block_of(tok.doc, tok.idx)
    out: list[Token] = []
    cur = tok
    while cur.head.i != cur.i and a <= cur.head.idx < b:
        cur = cur.head
        out.append(cur)
    return out


def _subject(verb: Token) -> Token | None:
    subj = next((c for c in verb.children if c.dep_ in _SUBJ), None)
    if subj is not None and subj.dep_ == "nsubjpass":
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
        return None  # "3,000 were sent": the subject is what is sent, not who says so
    if subj is not None and subj.lower_ in _WH and verb.dep_ == "relcl":
        return verb.head
    if subj is None and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        a, b = block_of(verb.doc, verb.idx)
        if a <= verb.head.idx < b:
            return _subject(verb.head)
    if subj is not None and subj.pos_ == "NOUN":
        # "Another automaker, General Motors (GM), announced": the name in apposition
        named = next((c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if named is not None:
            return named
    return subj


def np_span(tok: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by tok (its left modifiers and flat names)."""
    doc = tok.doc
    block_start, block_end = block_of(doc, tok.idx)
    left = tok.left_edge.i
    while doc[left].idx < block_start:
        left += 1
    # never reach back across a comma or a bracket
    for k in range(tok.i - 1, left - 1, -1):
        if doc[k].text in (",", "(", "“", "\"", ";", ":"):
            left = k + 1
            break
    right = tok.i
    for child in tok.rights:
        if child.dep_ in ("compound", "flat", "nmod", "nummod") or (child.dep_ == "punct" and child.text in ("-",)):
            right = max(right, child.right_edge.i)
        elif child.dep_ == "prep" and child.lower_ in ("of", "for", "at") and child.i == right + 1:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and doc[child.i : pobj.i + 1].text.count(",") == 0:
                right = pobj.i
        else:
            break
    while right + 1 < len(doc) and doc[right + 1].text == "-" and right + 2 < len(doc) and doc[right + 2].pos_ == "PROPN":
        right += 2
    while right > tok.i and doc[right].idx >= block_end:
        right -= 1
    return left, right + 1


def attribution(doc: Doc, num: Number, quote_spans: list[tuple[int, int]]) -> Attribution:
    """Who asserts the figure: 'according to X', or the subject of the reporting verb that
    governs the figure's clause."""
    lex = lexicon()
    start_char = doc[num.start].idx
    sent = doc[num.start].sent
    fig = set(range(num.start, num.end))
    # according to X (anywhere in the sentence, outside the figure's own quote)
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
            pobj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is None:
                pobj = next((t for t in doc[tok.i + 2 : sent.end] if t.pos_ in ("PROPN", "NOUN", "PRON")), None)
            if pobj is not None and pobj.i not in fig:
                cue = tok
                if pobj.lemma_.lower() in lex.statement_nouns or pobj.lower_ in lex.statement_nouns \
                        or pobj.lemma_.lower() in lex.estimated_verbs:
                    # "according to an estimate by the union", "according to figures from X"
                    by = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")), None)
                    owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
                    if pobj.lemma_.lower() in lex.estimated_verbs:
                        cue = pobj
                    if owner is not None and owner.i not in fig:
                        pobj = owner
                a, b = np_span(pobj)
                if pobj.lower_ not in ("reports", "media"):
                    return Attribution(pobj, (doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)), cue)
    anchor = anchor_token(doc, num)
    fallback: Attribution | None = None
    committed: Attribution | None = None
    below = anchor
    for verb in path_up(anchor):
        lemma = verb.lemma_.lower()
        child, below = below, verb
        if verb.pos_ not in ("VERB", "AUX") or lemma not in lex.reporting_verbs:
            continue
        if lemma in lex.denied_verbs and child.dep_ not in ("ccomp", "xcomp", "pcomp", "csubj"):
            continue  # "rejected a 2% raise" is no statement about the 2%
        if lemma in lex.clause_only_reporting and child.dep_ not in ("ccomp", "xcomp", "parataxis", "csubj"):
            continue  # "added two more goals, taking her tally to 17" reports nothing
        subj = _subject(verb)
        if subj is None or subj.i in fig or block_of(doc, subj.idx) != block_of(doc, verb.idx):
            continue
        if lemma in lex.weak_reporting_verbs and not _speaker_like(subj):
            continue
        a, b = np_span(subj)
        if a <= num.start < b or subj.left_edge.i <= num.start <= subj.right_edge.i:
            continue  # "The organisers, a coalition of eight unions, said": not their claim
        s_char = doc[a].idx
        e_char = doc[b - 1].idx + len(doc[b - 1].text)
        if inside_quote(s_char, quote_spans) and not inside_quote(start_char, quote_spans):
            continue
        found = Attribution(subj, (s_char, e_char), verb)
        if subj.lower_ in _PRONOUNS and subj.lower_ not in ("he", "she", "i", "we"):
            fallback = fallback or found  # "it plans to ...": look for the named subject above
            continue
        if lemma in lex.commitment_verbs:
            # "X said the company had offered 300 euros": the speaker asserts the figure
            committed = committed or found
            continue
        return found
    if committed is not None:
        return committed
    if fallback is not None:
        return fallback
    # "..., officials say." / "... 56 more, police said": a reporting verb beside the clause
    path = [anchor, *path_up(anchor)]
    for top in path[-1:]:
        for verb in top.children:
            if verb.dep_ == "parataxis" and verb.lemma_.lower() in lex.reporting_verbs and verb.lemma_.lower() not in lex.weak_reporting_verbs:
                subj = _subject(verb)
                if subj is not None and subj.i not in fig:
                    a, b = np_span(subj)
                    return Attribution(subj, (doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)), verb)
    return Attribution()


def _speaker_like(subj: Token) -> bool:
    lex = lexicon()
    lemma = subj.lemma_.lower()
    return (
        subj.pos_ == "PROPN"
        or subj.lower_ == "police"
        or lemma in lex.statement_nouns
        or lemma in lex.person_nouns
        or subj.lower_ in lex.person_nouns
        or subj.lower_ in ("he", "she", "they", "we", "i")
        or lemma in lex.speaker_nouns
        or subj.ent_type_ in ("ORG", "GPE", "NORP", "PERSON")
    )


def inside_quote(char: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= char < b for a, b in spans)


def adjacent_reporting_clause(doc: Doc, num: Number, quote: tuple[int, int]) -> Attribution:
    """For a figure inside a quote with no clause of its own: the reporting clause of the
    sentences the quote belongs to (the one before and after, same paragraph)."""
    lex = lexicon()
    sents = list(doc.sents)
    here = doc[num.start].sent
    idx = next((k for k, s in enumerate(sents) if s.start == here.start), None)
    if idx is None:
        return Attribution()
    para_start, para_end = block_of(doc, doc[num.start].idx)
    for k in (idx, idx - 1, idx + 1, idx - 2):
        if k < 0 or k >= len(sents):
            continue
        s = sents[k]
        if s.start_char < para_start or s.end_char > para_end:
            continue
        for verb in s:
            if verb.pos_ not in ("VERB",) or verb.lemma_.lower() not in lex.reporting_verbs:
                continue
            if quote[0] <= verb.idx < quote[1] or _in_any_quote(doc, verb.idx):
                continue
            subj = _subject(verb)
            if subj is None:
                continue
            a, b = np_span(subj)
            return Attribution(subj, (doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)), verb)
    return Attribution()


def _in_any_quote(doc: Doc, char: int) -> bool:
    spans = doc.user_data.get("newsgraph.figures.quotes")
    if spans is None:
        spans = doc.user_data["newsgraph.figures.quotes"] = in_quote_spans(doc_text(doc))
    return inside_quote(char, spans)


def modality(doc: Doc, num: Number, cue: Token | None) -> str:
    """denied > hypothetical > reported > predicted > estimated > asserted."""
    lex = lexicon()
    anchor = anchor_token(doc, num)
    path = [anchor, *path_up(anchor)]
    clause: list[Token] = []
    for tok in path:
        if cue is not None and tok.i == cue.i:
            break
        clause.append(tok)
        if tok.dep_ in ("relcl", "acl") and tok.i != anchor.i:
            break  # the main clause's modals do not reach into a relative clause
        if tok.dep_ == "conj" and tok.tag_ in ("VBD", "VBZ") and tok.i != anchor.i:
            break  # "would raise it ... and demanded 30 million": a finite conjunct of its own
    verbs = [t for t in clause if t.pos_ in ("VERB", "AUX", "ADJ")]
    cue_lemma = cue.lemma_.lower() if cue is not None else ""
    flags: set[str] = set()
    for k, tok in enumerate(path):
        # "denied that 250 ...", "denied sending 3,000 ...": a claim denied, not "rejected a 2% raise"
        if tok.lemma_.lower() in lex.denied_verbs and k > 0 and path[k - 1].dep_ in ("ccomp", "xcomp", "pcomp", "csubj"):
            flags.add("denied")
            break
    for tok in clause:
        for child in tok.children:
            if child.dep_ == "mark" and child.lower_ in lex.hypothetical_marks and tok.dep_ in ("advcl", "ccomp"):
                flags.add("hypothetical")
            if child.dep_ == "advcl" and tok.pos_ in ("VERB", "AUX") and any(
                m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in child.children
            ):
                flags.add("hypothetical")  # "If the strike lasts, 900 jobs would go"
            if child.dep_ == "advmod" and child.lower_ in lex.hypothetical_words:
                flags.add("hypothetical")
    checked = [*verbs, *([cue] if cue is not None else [])]
    for verb in checked:
        for child in verb.children:
            if child.dep_ == "advmod" and child.lower_ in lex.reported_adverbs:
                flags.add("reported")
        if verb.tag_ == "VBN" and verb.lower_ in lex.reported_passives and any(c.dep_ == "auxpass" for c in verb.children):
            flags.add("reported")
        if verb.tag_ == "VBN" and verb.lemma_.lower() in lex.estimated_verbs and any(c.dep_ == "auxpass" for c in verb.children):
            flags.add("estimated")
    for tok in doc[max(doc[num.start].sent.start, num.start - 4) : num.start]:
        if tok.lower_ in lex.reported_adverbs:
            flags.add("reported")
    for verb in verbs:
        if verb.lemma_ == "be" and any(c.dep_ in ("acomp", "attr") for c in verb.children) and any(
            t.dep_ in ("nsubj", "nsubjpass") and t.head.i == verb.i for t in clause
        ):
            continue  # "the $50 billion will be crucial": a judgement on the figure, not a forecast of it
        if any(c.dep_ == "aux" and c.lower_ in lex.modal_aux for c in verb.children):
            flags.add("predicted")
        if verb.lemma_.lower() in lex.predicted_verbs and _counts_the_subject(verb, clause):
            continue  # "Nine of the 14 economists forecast a hike": the figure counts who forecasts
        if verb.lemma_.lower() in lex.predicted_verbs or (verb.pos_ == "ADJ" and verb.lower_ in lex.predicted_adjs):
            flags.add("predicted")
        if verb.tag_ == "VBN" and verb.lower_ in lex.predicted_adjs and any(c.dep_ == "xcomp" for c in verb.children):
            flags.add("predicted")
    if cue_lemma in lex.predicted_verbs:
        flags.add("predicted")
    if cue_lemma in lex.commitment_verbs and any(
        c.dep_ == "aux" and c.lower_ == "to" for t in clause if t.pos_ in ("VERB", "AUX") for c in t.children
    ):
        flags.add("predicted")  # "has promised to build 50,000 homes": a figure still to come
    # "about 200 people" is an approximate figure (qualifier "about"), not an estimate
    if cue_lemma in lex.estimated_verbs or num.estimate:
        flags.add("estimated")
    for mod in ("denied", "hypothetical", "reported", "predicted", "estimated"):
        if mod in flags:
            return mod
    return "asserted"


def _counts_the_subject(verb: Token, clause: list[Token]) -> bool:
    """The figure's clause reaches the verb through its subject: it counts who acts."""
    k = next((i for i, t in enumerate(clause) if t.i == verb.i), 0)
    return k > 0 and clause[k - 1].dep_ == "nsubj" and clause[k - 1].head.i == verb.i  # not "are expected to"


def _rate_after(lex: Lexicon, after: Span) -> bool:
    if len(after) >= 2 and after[0].lower_ in ("a", "per") and (after[1].lower_,) in lex.measures \
            and lex.measures[(after[1].lower_,)] not in ("percent", "point") and after[1].is_alpha and len(after[1]) > 2:
        return True  # "€2.05 a litre", "$900 per tonne"
    return (
        len(after) >= 2
        and after[0].lower_ in lex.rate_after
        and after[1].lemma_.lower() in lex.rate_nouns
        and (after[0].lower_ != "a" or after[1].lemma_.lower() in ("year", "month", "week", "day", "hour", "share", "head", "barrel"))
        and not (len(after) > 2 and after[2].lower_ in ("earlier", "later", "before", "ago", "previously"))
    )


def aspect(doc: Doc, num: Number, measure: Span | None) -> str:
    lex = lexicon()
    sent = doc[num.start].sent
    before = [t.lower_ for t in doc[max(sent.start, num.start - 4) : num.start]]
    after = doc[num.end : min(sent.end, num.end + 3)]
    if any(w in lex.total_cues for w in before) or (len(after) and after[0].lower_ in ("in",) and len(after) > 1 and after[1].lower_ in ("total", "all")):
        return "total"
    if num.increment:
        return "increment"
    if _rate_after(lex, after):  # "up from 21 a day earlier" is no rate
        return "rate"
    if measure is not None and measure.start >= num.end and measure.end - num.end <= 4 \
            and _rate_after(lex, doc[measure.end : min(sent.end, measure.end + 3)]):
        return "rate"  # "1.5 million tonnes of coal a year"
    if len(after) >= 2 and after[0].lower_ == "per" and after[1].pos_ in ("NOUN", "PROPN"):
        return "rate"  # "1,200 euros per worker", "12,000 rupees per hectare"
    gov = governor(doc, num)
    if gov is not None and gov.i >= num.end and anchor_token(doc, num).dep_ == "nummod" and gov.head.lower_ == "by":
        gov = gov.head  # "by 20 pence": the number modifies its unit noun, which hangs from "by"
    by_change = gov is not None and gov.lower_ == "by" and gov.head.lemma_.lower() in lex.change_verbs
    if num.start > sent.start and doc[num.start - 1].lower_ in ("up", "down") and num.unit not in ("percent", "fraction") \
            and len(after) and after[0].lower_ in ("from", "on"):
        return "increment"  # "8,400 in shelters, up 1,200 from Saturday"
    if by_change and num.unit in ("percentage_point", "point"):
        return "increment"  # "raised the rate by 0.5 percentage points"
    if num.unit in ("percent", "fraction", "percentage_point"):
        return "share"
    if by_change:
        return "increment"  # "rose by 200", "raise the fare by 20 pence"
    if gov is not None and gov.lower_ == "of" and gov.head.lemma_.lower() in lex.increment_nouns:
        return "increment"
    if measure is not None and measure.root.lemma_.lower() in lex.increment_nouns and measure.start == num.end:
        return "increment"
    return "total"


_COMPARED_PREPS = frozenset(["from", "since", "than"])


def time_of(doc: Doc, num: Number, record: ArticleRecord, cue: Token | None) -> str | None:
    """The TIMEX3 value of a dated timex in the figure's own clause (not the reporting verb's)."""
    if not record.timexes:
        return None
    anchor = anchor_token(doc, num)
    path = [anchor, *path_up(anchor)]
    clause_verb = next((t for t in path if t.pos_ in ("VERB", "AUX")), None)
    if clause_verb is None or (cue is not None and clause_verb.i == cue.i):
        return None
    sent = doc[num.start].sent
    for tx in record.timexes:
        if tx.type not in ("DATE", "TIME") or not tx.value or not (sent.start_char <= tx.start < sent.end_char):
            continue
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None:
            continue
        t_path = [span.root, *path_up(span.root)]
        t_verb = next((t for t in t_path if t.pos_ in ("VERB", "AUX")), None)
        if t_verb is not None and t_verb.i == clause_verb.i:
            mine = {t.i for t in path}
            below = t_path[: next(k for k, t in enumerate(t_path) if t.i == t_verb.i)]
            if any(t.lower_ in _COMPARED_PREPS and t.i not in mine for t in below):
                continue  # "63 percent, down from 71 percent in 2021": the year of the other figure
            return tx.value
    return None
