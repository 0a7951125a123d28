"""What is not a figure: dates, ages, years, labels, codes, versions, names, scores, durations.

A mixin of the scanner in :mod:`.numbers`: it reads the scanner's doc, lexicon and blocked
tokens."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsgraph.stages.figures.tokens import (
    _DIGITS,
    _FUNCTION_WORDS,
    _HAS_DIGIT,
    _HYPHENS,
    _MONTHS,
    _QUANTITY_ADJS,
    Number,
    _is_year_like,
    _low,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsgraph.stages.figures.lexicon import Lexicon


class Exclusions:
    """The rules that drop a number read by the scanner."""

    doc: Doc
    lex: Lexicon
    n: int
    blocked: list[bool]

    def word_value(self, text: str) -> float | None:
        raise NotImplementedError

    def _keep(self, num: Number) -> bool:
        doc, lex = self.doc, self.lex
        if any(self.blocked[i] for i in range(num.core_start, num.core_end)):
            return False
        first, last = doc[num.core_start], doc[num.core_end - 1]
        prev = doc[num.start - 1] if num.start > 0 else None
        nxt_i = num.end
        if nxt_i < self.n and doc[nxt_i].text in _HYPHENS:
            nxt_i += 1
        nxt = doc[nxt_i] if nxt_i < self.n else None
        plain_int = (
            num.core_end - num.core_start == 1 and num.unit is None and bool(re.fullmatch(r"\d+", first.text))
        )
        # durations and ages: "four years", "27-year contract", "45 years old"
        if nxt is not None and _low(nxt) in lex.time_nouns and num.unit is None:
            return False
        if nxt is not None and re.fullmatch(r"(year|month|week|day|hour|minute)s?(-old)?", _low(nxt).lstrip("-")):
            return False
        if prev is not None and _low(prev) in lex.age_before:
            return False
        if prev is not None and _low(prev) == "of" and num.start >= 2 and _low(doc[num.start - 2]) in ("age", "aged"):
            return False  # "at the age of four"
        k = num.start - 1
        while k >= 0 and (doc[k].text in (",", "and", "or", "to", "-") or _DIGITS.match(doc[k].text) or self.word_value(doc[k].text) is not None):
            k -= 1
        if k >= 0 and k < num.start - 1 and _low(doc[k]) in lex.age_before:
            return False  # "ages 7 and 9"
        # dates NER missed: "8 November", "November 8"
        if plain_int and int(first.text) <= 31 and (
            (nxt is not None and _low(nxt) in _MONTHS) or (prev is not None and _low(prev) in _MONTHS and prev.text[:1].isupper())
        ):
            return False
        # street addresses: "69 Wooster St.", "207 South Main Street"
        if plain_int:
            for k in range(num.end, min(self.n, num.end + 5)):
                if doc[k].is_space:
                    continue
                if _low(doc[k]) in lex.street_words and k > num.end:
                    return False
                if doc[k].pos_ != "PROPN" or not doc[k].text[:1].isupper():
                    break
        # "the Five-Star Movement": a capitalised number word in a hyphenated name
        if (
            num.words
            and first.text[:1].isupper()
            and num.end + 1 < self.n
            and doc[num.end].text in _HYPHENS
            and doc[num.end + 1].text[:1].isupper()
        ):
            return False
        # "the San Antonio Four": a capitalised number word after a name
        if (
            num.words
            and first.text[:1].isupper()
            and not first.is_sent_start
            and prev is not None
            and prev.pos_ == "PROPN"
            and all(t.text[:1].isupper() for t in doc[num.core_start : num.core_end] if t.is_alpha)
            and not person_verb(prev)  # a headline verb the tagger took for a name: "Kills Four"
        ):
            return False
        if plain_int and self._is_age(num):
            return False
        # labels: "level 4", "version 5", "Chapter 11"
        if prev is not None and _low(prev) in lex.label_nouns and num.unit is None and not num.vague:
            return False
        if prev is not None and prev.text == "." and num.start >= 2 and _low(doc[num.start - 2]) in lex.label_after_period:
            return False
        if prev is not None and _low(prev).rstrip(".") in lex.label_after_period and prev.text.endswith(".") and num.unit is None:
            return False
        if "score" in num.notes or "blocked-pair" in num.notes:
            return False
        # compound modifiers: "three-parent babies", "a 20-member panel" (units are read later)
        if num.end + 1 < self.n and last.whitespace_ == "" and doc[num.end].text in _HYPHENS and doc[num.end].whitespace_ == "":
            word = _low(doc[num.end + 1])
            if (
                doc[num.end + 1].is_alpha
                and (word,) not in lex.measures
                and (word + "s",) not in lex.measures
                and word not in ("pound", "dollar", "euro")
                and word not in lex.fractions
                and self.word_value(word) is None
            ):
                return False
        # codes: "0-71757-05642-8", "007", a number glued to more hyphenated digits
        if re.match(r"0\d", first.text):
            return False
        glued_tail = doc[num.end : num.end + 2]
        if (
            len(glued_tail) == 2
            and last.whitespace_ == ""
            and glued_tail[0].text in _HYPHENS
            and glued_tail[0].whitespace_ == ""
            and _HAS_DIGIT.search(glued_tail[1].text)
        ):
            return False
        # "5G", "3D", "4x4": a number glued to a letter that is no scale is a name
        glued = doc[num.end] if num.end < self.n and last.whitespace_ == "" else None
        if glued is not None and glued.is_alpha and (
            (len(glued.text) <= 2 and _low(glued) not in lex.suffix_scales and (_low(glued),) not in lex.measures)
            or (len(glued.text) == 1 and _low(glued) in lex.ambiguous_letters)
        ):
            return False
        # years: "in 2009"
        if plain_int and _is_year_like(first.text) and not (nxt is not None and nxt.tag_ in ("NNS", "NNPS") and last.dep_ == "nummod"):
            return False
        # names: "Boeing 747", "Nikkei 225", "the FTSE 100"
        if plain_int and prev is not None and len(first.text) <= 4:
            owner = prev
            if prev.tag_ == "POS" and num.start >= 2:
                owner = doc[num.start - 2]
            if (
                owner.pos_ == "PROPN"
                and owner.lower_ not in _FUNCTION_WORDS
                and owner.text[:1].isupper()
                and not (nxt is not None and nxt.tag_ in ("NNS", "NNPS") and _low(nxt) not in lex.scales)
            ):
                return False
        # model numbers: "the 777-200LR", "its 777 airliner", "long-range 777"
        if plain_int and num.end < self.n and doc[num.end].text in _HYPHENS and num.end + 1 < self.n and re.search(r"\d", doc[num.end + 1].text) and re.search(r"[A-Za-z]", doc[num.end + 1].text):
            return False
        if plain_int and any(
            c.dep_ == "amod" and c.i < first.i and c.tag_ == "JJ" and c.lower_ not in _QUANTITY_ADJS and c.lower_ not in lex.qualifier_words
            for c in first.children
        ):
            return False
        # durations with an adjective between: "two consecutive quarters", "three straight days"
        if (
            first.dep_ == "nummod"
            and first.head.i > first.i
            and (first.head.lower_ in lex.time_nouns or first.head.lemma_.lower() in lex.time_nouns)
            and num.unit is None
        ):
            return False
        # versions and models after a name: "iPhone 4", "iOS 4", "Windows 8.1", "USB 1.1"
        if (
            prev is not None
            and num.unit is None
            and re.fullmatch(r"\d{1,2}(\.\d{1,2})?", first.text)
            and num.core_end - num.core_start == 1
            and re.fullmatch(r"[a-z]+[A-Z][A-Za-z]*", prev.text)
        ):
            return False
        if (
            plain_int
            and num.end == num.core_end
            and nxt is not None
            and nxt.i == num.end
            and nxt.tag_ == "NN"
            and first.head.i == nxt.i
            and prev is not None
            and prev.tag_ in ("DT", "PRP$", "POS", "JJ", "HYPH")
            and (num.value or 0) > 1
            and nxt.lemma_.lower() not in lex.benchmark_nouns
            and (nxt.lower_,) not in lex.measures
            and nxt.lemma_.lower() not in lex.currency_words
        ):
            return False
        # alert levels: "raised the alert level to 4"
        if plain_int and (nxt is None or nxt.pos_ not in ("NOUN", "PROPN")):
            window = doc[max(first.sent.start, num.start - 5) : num.start]
            if any(t.lemma_.lower() in lex.level_words for t in window):
                return False
        # a lone "one"/"a" word is an article or a pronoun, not a figure (unless it counts
        # people in a casualty clause: "leaving one officer dead")
        return not (num.words and num.value == 1 and num.core_end - num.core_start == 1
                    and not one_counted(doc, num.core_start))

    def _is_age(self, num: Number) -> bool:
        """'Jerome Faulkner, 73,' / 'died at 82' / 'He was 82.' / 'Ana Ruiz (45)'."""
        doc = self.doc
        tok = doc[num.core_start]
        if not 0 < int(tok.text) < 120 or num.start != num.core_start:
            return False
        prev = doc[num.start - 1] if num.start > 0 else None
        nxt = doc[num.end] if num.end < self.n else None
        closes = nxt is None or nxt.text in (",", ".", ")", ";", ":", "-", "–", "—") or nxt.is_space
        if prev is not None and prev.text in (",", "(") and closes and num.start >= 2:
            before = doc[num.start - 2]
            if before.ent_type_ == "PERSON" or (
                before.pos_ == "PROPN" and before.text[:1].isupper() and before.ent_type_ in ("", "PERSON", "ORG", "NORP")
            ) or (before.pos_ == "PROPN" and before.ent_type_ == "GPE" and tok.dep_ == "appos"
                  and nxt is not None and nxt.text == ","):  # "Solheim, 61," typed as a place
                return True
            if before.pos_ == "NOUN" and before.lemma_.lower() in self.lex.person_nouns and before.tag_ == "NN":
                return True  # "a German boy, 12,"
        bare = nxt is None or closes or nxt.pos_ not in ("NOUN", "PROPN") or nxt.ent_type_ == "DATE"
        if prev is not None and prev.lower_ == "at" and bare and prev.head.lemma_.lower() in ("die", "pass", "retire", "death", "marry"):
            return True
        if closes and tok.dep_ in ("attr", "acomp") and tok.head.lemma_ == "be":
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if subj is not None and (subj.lower_ in ("he", "she", "i") or subj.ent_type_ == "PERSON"):
                return True
        return False


def one_counted(doc: Doc, i: int) -> bool:
    """"one" as a count, not a pronoun or an article: the person it numbers in a casualty or
    arrest clause ("leaving one officer dead", "one worker was killed")."""
    from newsgraph.stages.figures.lexicon import lexicon

    lex = lexicon()
    tok = doc[i]
    head = tok.head
    if _low(tok) != "one" or tok.dep_ != "nummod" or head.i != i + 1:
        return False
    if head.lemma_.lower() not in lex.person_nouns and head.lower_ not in lex.person_nouns:
        return False
    sent = tok.sent
    window = doc[max(i - 6, sent.start):min(i + 6, sent.end)]
    return any(t.lemma_.lower() in lex.person_verbs or t.lower_ in lex.person_states for t in window)


def person_verb(tok: Token) -> bool:
    """A casualty/arrest verb, also in a title-case headline where it is tagged as a name
    ("Landslide Kills Four", "Thousands Flee")."""
    from newsgraph.stages.figures.lexicon import lexicon

    verbs = lexicon().person_verbs
    low = tok.lower_
    return tok.lemma_.lower() in verbs or low in verbs or low[:-1] in verbs or low[:-2] in verbs or (
        low.endswith("ies") and low[:-3] + "y" in verbs)
