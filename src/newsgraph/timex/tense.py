"""The tense around a time expression, read from the dependency parse: which way a bare
"in June" or "on Monday" points from the anchor date (-1 past, +1 future, 0 unknown)."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from newsgraph.timex.calendar import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_VERBS = ("VERB", "AUX")
PRESENT = 2  # a present-tense clause: a bare weekday there is ahead ("the summit starts Monday")
PRESENT_REPORT = 3  # a present-tense reporting verb ("says Monday"): the nearest weekday


class TenseReader:
    """Tense lookups by character offset into one parsed document."""

    def __init__(self, doc: Doc | None) -> None:
        self.doc = doc
        self._starts: list[int] | None = None
        lex = lexicon()
        self.future_heads = frozenset(lex["future_heads"])
        self.modals = frozenset(lex["future_modals"])
        self.reporting = frozenset(lex["reporting_verbs"])
        self.reschedule = frozenset(lex["reschedule_verbs"])

    def token_at(self, char: int) -> Token | None:
        if self.doc is None or len(self.doc) == 0:
            return None
        if self._starts is None:
            self._starts = [t.idx for t in self.doc]
        i = bisect.bisect_right(self._starts, char) - 1
        return self.doc[max(i, 0)]

    def direction(self, start: int, end: int) -> int:
        """-1 when the clause holding [start, end) is past, +1 future, PRESENT or
        PRESENT_REPORT for the present tense, 0 unknown."""
        tok = self.token_at(start)
        if tok is None:
            return 0
        # climb from the expression to the verb that governs it
        seen = 0
        while (tok.pos_ not in _VERBS or tok.dep_ == "amod") and tok.head is not tok and seen < 8:
            # an adjectival participle ("children aged 6 to 16 from May 1") is no clause verb
            tok = tok.head
            seen += 1
        if tok.pos_ not in _VERBS:
            return PRESENT if self._mistagged_present(tok) else 0
        direction = self._verb_direction(tok, 0)
        first = self.token_at(start)
        if first is not None and first.i > 0 and first.nbor(-1).lower_ == "since":
            return -1  # "since June"
        if (first is not None and first.i > 0 and tok.lemma_ in self.reschedule
                and first.nbor(-1).lower_ in ("to", "until", "till", "from")
                and first.nbor(-1).head.i == tok.i):
            return 1  # "postponed the launch to June from April": the dates still ahead
        if (direction in (-1, 0, PRESENT, PRESENT_REPORT) and first is not None and first.i > 0
                and first.nbor(-1).lower_ in ("until", "till", "by")
                and tok.tag_ != "VBD" and not any(c.tag_ == "VBD" for c in tok.children if c.dep_.startswith("aux"))):
            return 1  # "has kept the markets closed until Friday"
        return direction

    @staticmethod
    def _mistagged_present(root: Token) -> bool:
        """"The council votes on Tuesday": a verbless sentence whose root is a plural noun
        with a subject-like phrase before it and a preposition after it is a present-tense
        verb the tagger took for a noun."""
        if root.dep_ != "ROOT" or root.tag_ != "NNS":
            return False
        if any(t.pos_ in _VERBS for t in root.sent):
            return False
        lefts = [c for c in root.lefts if c.dep_ in ("det", "compound", "poss")]
        return bool(lefts) and any(c.dep_ == "prep" for c in root.rights)

    def _verb_direction(self, verb: Token, depth: int) -> int:
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        lowers = {a.lower_ for a in auxes}
        if lowers & self.modals:
            return 1
        if any(a.tag_ == "VBD" for a in auxes) or verb.tag_ == "VBD":
            return -1
        if any(a.lemma_ == "have" for a in auxes) and verb.tag_ == "VBN":
            return -1
        if verb.lemma_ in self.future_heads and verb.tag_ != "VBD":
            return 1
        if verb.tag_ == "VBN" and not auxes:
            return -1
        if "going" in lowers or (verb.lemma_ == "go" and verb.tag_ == "VBG"
                                 and any(c.dep_ == "xcomp" for c in verb.children)):
            return 1
        if verb.tag_ == "VB" and "to" in lowers and verb.head is verb:
            return 1  # a headline infinitive: "Parliament to vote Friday"
        if verb.tag_ == "VB" and "to" in lowers and depth < 2 and verb.head is not verb:
            head = verb.head
            if head.lemma_ in self.future_heads or any(
                c.lemma_ in self.future_heads for c in head.children if c.dep_ == "acomp"
            ):
                return 1
            if head.pos_ in _VERBS:
                d = self._verb_direction(head, depth + 1)
                return 1 if d != -1 else d
            return 1
        if verb.pos_ == "AUX" and verb.tag_ == "VBD":
            return -1
        if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
            return PRESENT_REPORT if verb.lemma_ in self.reporting else PRESENT
        return 0
