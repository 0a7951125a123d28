"""Finding number expressions in a parsed text and normalizing them.

Works on spaCy's tokens (``like_num``, its CARDINAL / MONEY / PERCENT / QUANTITY entities
and the parse) plus the packaged lexicons: a number core ("3,000", "1.4 Million", "two-thirds",
"hundreds of thousands", "a dozen"), widened to the qualifier before it ("at least", "as many
as", "an additional"), a currency symbol or code, and the unit after it ("percent", "km",
"yuan"). Dates, times, ordinals, ages, phone numbers, years, durations, labels ("level 4",
"version 5") and numbers inside names ("FTSE 100", "Boeing 747") are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsgraph.stages.figures.blocks import doc_text
from newsgraph.stages.figures.lexicon import Lexicon, lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_DIGITS = re.compile(
    r"^(?P<cur>[A-Z]{0,3}\$|[£€¥₹₽₴₩₪₦₺])?(?P<num>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)"
    r"(?P<suf>[A-Za-z%°]+(?:/[a-z]+)?)?$"
)
_RATE = re.compile(r"^[$£€]?\d[\d,.]*\s+(a|an|per|each|every)\s+\w+$", re.IGNORECASE)
_HAS_DIGIT = re.compile(r"\d")
_PHONE = re.compile(r"(?<!\d)(?:\+?\d{1,3}[\s.-])?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}(?!\d)|(?<![\d,.])\d{3}-\d{4}(?![\d-])")
_MONTHS = frozenset(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tomorrow", "tonight"]
)
_NAME_ENTS = frozenset({"ORG", "PRODUCT", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PERSON", "GPE", "LOC", "NORP", "LANGUAGE"})
_PHONE_WORDS = frozenset(["on", "call", "dial", "hotline", "line", "number", "phone", "tel", "tel.", "fax", "ring", "text", "sms"])
_QUANTITY_ADJS = frozenset(
    ["additional", "extra", "further", "estimated", "approximate", "only", "just", "mere", "whole", "full", "entire", "total", "many", "few", "several", "other", "another", "last", "first", "next", "final", "same", "record", "reported"]
)
_HYPHENS = frozenset({"-", "–", "—"})
_FUNCTION_WORDS = frozenset(
    ["for", "of", "to", "in", "on", "at", "by", "with", "from", "and", "or", "the", "a", "an", "as", "than", "about", "over", "under", "into", "onto", "per"]
)


@dataclass
class Number:
    """A number expression found in the text (token indices, end exclusive)."""

    start: int  # first token of the figure (with qualifier, currency)
    end: int
    core_start: int  # the number itself
    core_end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    unit: str | None = None
    increment: bool = False
    estimate: bool = False
    fraction: bool = False
    vague: bool = False
    words: bool = False  # written in words
    notes: list[str] = field(default_factory=list)


def _low(tok: Token) -> str:
    return tok.lower_


def _is_year_like(text: str) -> bool:
    return bool(re.fullmatch(r"1[5-9]\d\d|20\d\d|21\d\d", text))


def _dateish_ent(ent_text: str) -> bool:
    words = re.findall(r"[a-z]+", ent_text.lower())
    lex = lexicon()
    return (
        any(w in _MONTHS or w in lex.time_nouns for w in words)
        or bool(re.search(r"\b(1[5-9]\d\d|20\d\d)s?\b|\d(st|nd|rd|th)\b|\d:\d|\d\s*[ap]\.?m\b", ent_text.lower()))
        or "old" in words
    )


class _Scanner:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.lex: Lexicon = lexicon()
        self.n = len(doc)
        self.blocked = [False] * self.n
        self.maybe: list[int] = []
        self._block()

    # --- what is never a figure -------------------------------------------------------
    def _block(self) -> None:
        doc = self.doc
        lex = self.lex
        self.maybe = [t.i for t in doc if t.like_num or t.lower_ in lex.triggers or _HAS_DIGIT.search(t.text)]
        if not self.maybe:
            return
        wanted = set(self.maybe)
        for ent in doc.ents:
            if not any(i in wanted for i in range(ent.start, ent.end)):
                continue
            if ent.label_ in ("DATE", "TIME") and _RATE.match(ent.text):
                continue  # "15 a year", "$2 per hour": a rate, not a date
            if (ent.label_ in ("DATE", "TIME") and _dateish_ent(ent.text)) or ent.label_ == "ORDINAL":
                self._block_span(ent.start, ent.end)
            elif ent.label_ in _NAME_ENTS:
                for tok in ent:
                    m = _DIGITS.match(tok.text)
                    if m and "," not in tok.text and "." not in tok.text and not m.group("cur") and not self._scale_after(tok.i):
                        self.blocked[tok.i] = True
        for m in _PHONE.finditer(doc_text(doc)):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                self._block_span(span.start, span.end)

    def _block_span(self, start: int, end: int) -> None:
        for i in range(start, end):
            self.blocked[i] = True

    def _scale_after(self, i: int) -> bool:
        return i + 1 < self.n and _low(self.doc[i + 1]) in self.lex.scales

    # --- token classes ------------------------------------------------------------------
    def word_value(self, text: str) -> float | None:
        lex = self.lex
        t = text.lower()
        if t in lex.small:
            return float(lex.small[t])
        if t in lex.tens:
            return float(lex.tens[t])
        if "-" in t:
            parts = t.split("-")
            if len(parts) == 2 and parts[0] in lex.tens and parts[1] in lex.small:
                return float(lex.tens[parts[0]] + lex.small[parts[1]])
        return None

    def digit(self, tok: Token) -> tuple[float, str | None, str | None] | None:
        m = _DIGITS.match(tok.text)
        if not m:
            return None
        num = m.group("num").replace(",", "")
        try:
            value = float(num)
        except ValueError:
            return None
        return value, m.group("cur"), m.group("suf")

    def starts_number(self, i: int) -> bool:
        tok = self.doc[i]
        if self.blocked[i]:
            return False
        low = _low(tok)
        if self.digit(tok) is not None:
            return True
        if self.word_value(tok.text) is not None:
            return (
                low != "one"
                or self._scale_after(i)
                or self._fraction_at(i + 1) is not None
                or (i + 2 < self.n and _low(self.doc[i + 1]) == "in" and self.word_value(self.doc[i + 2].text) is not None)
            )
        if low in self.lex.vague:
            return i + 1 < self.n and (_low(self.doc[i + 1]) == "of" or _low(self.doc[i + 1]) in self.lex.vague)
        if low in ("a", "an") and i + 1 < self.n:
            nxt = _low(self.doc[i + 1])
            after = _low(self.doc[i + 2]) if i + 2 < self.n else ""
            if nxt in self.lex.scales or nxt == "dozen" or (nxt == "score" and after == "of"):
                return True
            if nxt in self.lex.fractions and after == "of" and nxt != "fourth":
                return nxt != "quarter" or not self._quarter_is_time(i + 1)
            return False
        if low in ("half",) and i + 1 < self.n:
            prev = _low(self.doc[i - 1]) if i else ""
            if prev in ("the", "first", "second", "latter", "former", "other"):
                return False
            nxt = _low(self.doc[i + 1])
            third = _low(self.doc[i + 2]) if i + 2 < self.n else ""
            return nxt == "of" or (
                nxt in ("a", "an") and (third in self.lex.scales or third == "dozen" or (third,) in self.lex.measures)
            )
        return False

    def _quarter_is_time(self, i: int) -> bool:
        tail = " ".join(t.lower_ for t in self.doc[i + 1 : i + 4])
        return bool(re.match(r"of (an? )?(hour|century|mile)|of (the )?(year|\d{4})", tail))

    def _fraction_at(self, i: int) -> int | None:
        """A fraction word at i (after an optional hyphen): its denominator."""
        if i < self.n and self.doc[i].text in _HYPHENS:
            i += 1
        if i < self.n and _low(self.doc[i]) in self.lex.fractions:
            return self.lex.fractions[_low(self.doc[i])]
        return None

    # --- the scan -------------------------------------------------------------------------
    def scan(self) -> list[Number]:
        out: list[Number] = []
        i = 0
        for k in self.maybe:
            if k < i:
                continue
            i = k
            if not self.starts_number(i):
                i += 1
                continue
            num = self._read(i)
            if num is None:
                i += 1
                continue
            num = self._range(num)
            if self._keep(num):
                self._widen(num)
                out.append(num)
            i = max(num.end, i + 1)
        return out


    def _read(self, i: int) -> Number | None:
        """Read the number core starting at token i."""
        doc, lex = self.doc, self.lex
        tok = doc[i]
        low = _low(tok)
        unit = None
        vague = frac = words = False
        j = i
        value: float | None
        qualifier = "exact"
        if low in ("a", "an"):
            nxt = _low(doc[i + 1])
            if nxt in lex.fractions:
                return Number(i, i + 2, i, i + 2, 1 / lex.fractions[nxt], unit="fraction", fraction=True, words=True)
            value, j, words = 1.0, i + 1, True
        elif low == "half":
            if _low(doc[i + 1]) in ("a", "an"):
                value, j = 0.5, i + 2
                words = True
            else:
                return Number(i, i + 1, i, i + 1, 0.5, unit="fraction", fraction=True, words=True)
        elif low in lex.vague:
            value = float(lex.vague[low])
            vague, words, qualifier = True, True, "at_least"
            j = i + 1
            # hundreds of thousands / tens of millions
            if j + 1 < self.n and _low(doc[j]) == "of" and _low(doc[j + 1]) in lex.vague:
                value = value * float(lex.vague[_low(doc[j + 1])]) / 2.0
                j += 2
            elif j < self.n and _low(doc[j]) in lex.vague:
                value = value * float(lex.vague[_low(doc[j])]) / 2.0
                j += 1
            # "billions of dollars", "millions of euros"
            if j + 1 < self.n and _low(doc[j]) == "of" and doc[j + 1].lemma_.lower() in lex.currency_words and doc[j + 1].lemma_.lower() != "pound":
                unit = lex.currency_words[doc[j + 1].lemma_.lower()]
                j += 2
            return Number(i, j, i, j, value, low=value, qualifier=qualifier, unit=unit, vague=True, words=True)
        else:
            d = self.digit(tok)
            if d is not None:
                value, cur, suf = d
                if cur:
                    unit = lex.currency_symbols.get(cur)
                if suf:
                    s = suf.lower()
                    if s in lex.suffix_scales and (len(s) > 1 or cur or self._money_context(i) or self._plural_after(i)):
                        value *= lex.suffix_scales[s]
                    elif len(s) == 1 and s != "%":
                        return None  # "5G", "100m", "4x": a name or too ambiguous
                    elif s == "%":
                        unit = "percent"
                    elif (s,) in lex.measures and (s not in lex.ambiguous_letters or not cur):
                        unit = lex.measures[(s,)]
                    elif s in ("st", "nd", "rd", "th", "s"):
                        return None  # ordinal, decade
                    else:
                        return None  # a code or a name ("150px", "A380s")
                j = i + 1
                # "11 000 kWh", "13 500": thousands set off by spaces
                if not suf and re.fullmatch(r"\d{1,3}", tok.text) and not (i > 0 and _low(doc[i - 1]) in _PHONE_WORDS):
                    k = j
                    grouped = value
                    while k < self.n and doc[k - 1].whitespace_ == " " and re.fullmatch(r"\d{3}", doc[k].text):
                        grouped = grouped * 1000 + float(doc[k].text)
                        k += 1
                    if k > j and k < self.n and doc[k].is_alpha:  # "11 000 kWh", "2 500 people"; never "on 131 564."
                        value, j = grouped, k
                if (
                    not suf
                    and j < self.n
                    and tok.whitespace_ == ""
                    and _low(doc[j]) in lex.suffix_scales
                    and (cur or self._money_context(i) or len(_low(doc[j])) > 1)
                ):
                    value *= lex.suffix_scales[_low(doc[j])]  # "€500m" split as "€500" "m"
                    j += 1
            else:
                wv = self.word_value(tok.text)
                if wv is None:
                    return None
                value, j, words = wv, i + 1, True
                # twenty five / twenty - five
                if j + 1 < self.n and doc[j].text in _HYPHENS and self.word_value(doc[j + 1].text) is not None and wv >= 20 and wv % 10 == 0:
                    value += self.word_value(doc[j + 1].text) or 0
                    j += 2
                den = self._fraction_at(j)
                if den is not None and value < den and (doc[j].text in _HYPHENS or _low(doc[j]).endswith("s") or value == 1):
                    j = j + 2 if doc[j].text in _HYPHENS else j + 1
                    return Number(i, j, i, j, value / den, unit="fraction", fraction=True, words=True)
        # scales: "1.4 Million", "three thousand", "one hundred and twenty", "a dozen"
        total = 0.0
        current = value
        while j < self.n:
            w = _low(doc[j])
            if w in lex.scales and not (doc[j].text[0].isupper() and doc[j].i > 0 and doc[j].is_sent_start):
                scale = float(lex.scales[w])
                if scale == 100:
                    current *= scale
                else:
                    total += current * scale
                    current = 0.0
                j += 1
                continue
            if w in lex.counts and w in ("dozen", "score") and (j == i + 1 or (low == "half" and j == i + 2)):
                current *= lex.counts[w]
                j += 1
                if w == "score" and j < self.n and _low(doc[j]) == "of":
                    j += 1  # "a score of"
                continue
            if w == "and" and j + 1 < self.n and words and self.word_value(doc[j + 1].text) is not None and total + current >= 100:
                wv = self.word_value(doc[j + 1].text) or 0.0
                current += wv
                j += 2
                continue
            if words and self.word_value(doc[j].text) is not None and current < 100 and (current % 10 == 0) and current >= 20:
                current += self.word_value(doc[j].text) or 0.0
                j += 1
                continue
            break
        value = total + current
        if low in ("a", "an") and j == i + 1:
            return None
        # "two and a half (years)", "3 and a half"
        if j + 2 < self.n and _low(doc[j]) == "and" and _low(doc[j + 1]) in ("a", "one") and _low(doc[j + 2]) == "half":
            value += 0.5
            j += 3
            if j < self.n and _low(doc[j]) in lex.scales and float(lex.scales[_low(doc[j])]) > 100:
                value *= float(lex.scales[_low(doc[j])])
                j += 1
        # "one in five", "1 in 4": a share
        if j + 1 < self.n and _low(doc[j]) == "in" and total == 0 and 0 < value < 100:
            in_tok = doc[j + 1]
            d2 = self.digit(in_tok)
            w2 = d2[0] if d2 and not d2[1] and not d2[2] else self.word_value(in_tok.text)
            year_like = bool(d2 and _is_year_like(in_tok.text))
            if w2 and w2 > value and w2 <= 10_000_000 and not year_like:
                return Number(i, j + 2, i, j + 2, value / w2, unit="fraction", fraction=True, words=words)
        return Number(i, j, i, j, value, qualifier=qualifier, unit=unit, vague=vague, fraction=frac, words=words)

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
            ):
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

    def _plural_after(self, i: int) -> bool:
        return i + 1 < self.n and self.doc[i + 1].tag_ in ("NNS", "NNPS")

    def _money_context(self, i: int) -> bool:
        return i > 0 and self.doc[i - 1].text in self.lex.currency_symbols

    def _range(self, num: Number) -> Number:
        """'10,000 to 12,000', '200-250', 'between 5 and 7 percent'."""
        doc = self.doc
        j = num.end
        if j + 1 >= self.n or num.value is None or num.fraction or num.vague:
            return num
        between = num.start > 0 and _low(doc[num.start - 1]) == "between"
        # "between 11 000 kWh and 13 500 kWh", "5% to 7%": a unit repeated on both ends
        if j + 2 < self.n and ((_low(doc[j]),) in self.lex.measures or doc[j].text == "%") and _low(doc[j + 1]) in ("to", "and", "-", "–"):
            j += 1
        link = doc[j].text.lower()
        from_ = num.start > 0 and _low(doc[num.start - 1]) == "from"
        k = j + 1
        if link not in ("to", "and", "-", "–", "or") or (link == "and" and not between) or from_:
            return num
        if link == "or" and not between:
            return num
        if k < self.n and doc[k].text in self.lex.currency_symbols:
            k += 1
        if k < self.n and self.blocked[k] and link in ("to", "-", "–", "and", "or"):
            num.notes.append("blocked-pair")  # "15 to 16-year-olds", "between 10 and 19 May"
            return num
        if k >= self.n or not self.starts_number(k):
            return num
        second = self._read(k)
        if second is None or second.value is None:
            return num
        lo, hi = num.value, second.value
        if num.unit is None and second.unit is not None:
            num.unit = second.unit
        # "5 to 7 million": the scale of the second applies to the first
        scale = self._core_scale(second)
        if scale and self._core_scale(num) is None and lo < 1000:
            lo *= scale
        if link in _HYPHENS and lo >= hi and hi < 100 and not num.unit:
            num.end = num.core_end = second.end
            num.notes.append("score")  # "won 3-1", "drew 2-2": a score, not a range
            return num
        if lo > hi and between:
            lo, hi = hi, lo  # "between -16 and -23 degrees"
        if lo > hi:
            return num
        return Number(num.start - (1 if between else 0), second.end, num.core_start, second.end, None, low=lo, high=hi,
                      qualifier="range", unit=num.unit, words=num.words)

    def _core_scale(self, num: Number) -> float | None:
        for t in self.doc[num.core_start : num.core_end]:
            if _low(t) in self.lex.scales:
                return float(self.lex.scales[_low(t)])
        return None

    # --- filters ----------------------------------------------------------------------------
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
        # a lone "one"/"a" word is an article or a pronoun, not a figure
        return not (num.words and num.value == 1 and num.core_end - num.core_start == 1)

    def _widen(self, num: Number) -> None:
        """Add the qualifier before, the currency symbol, and the unit after the core."""
        doc, lex = self.doc, self.lex
        # currency symbol right before: "$ 50 billion", "US$ 6", "$50"
        s = num.start
        if num.unit is None and s > 0 and doc[s - 1].text in lex.currency_symbols:
            num.unit = lex.currency_symbols[doc[s - 1].text]
            s -= 1
            if s > 0 and doc[s - 1].text in ("US", "U.S.") and doc[s].text == "$":
                s -= 1
        # qualifiers: "at least", "as many as", "an additional", "an estimated"
        changed = True
        while changed and s > 0:
            changed = False
            for size in range(lex.qual_before_max, 0, -1):
                if s - size < doc[num.core_start].sent.start:
                    continue
                seq = tuple(t.lower_ for t in doc[s - size : s])
                if seq in lex.increment_before:
                    num.increment = True
                    s -= size
                    changed = True
                    break
                if seq in lex.qual_before:
                    q = lex.qual_before[seq]
                    if q == "range":
                        break
                    if seq in lex.estimate_quals:
                        num.estimate = True
                    if num.qualifier == "exact":
                        num.qualifier = q
                    s -= size
                    changed = True
                    break
        # "above" / "over" / "under" as a preposition after a verb of motion is still a bound
        num.start = s
        if num.qualifier in ("at_least", "over") and num.low is None:
            num.low = num.value
        if num.qualifier in ("at_most", "under") and num.high is None:
            num.high = num.value
        # after: currency code / word, unit, percent, "or more"
        e = num.end
        if e < self.n and doc[e].text in ("%",):
            num.unit, e = "percent", e + 1
        elif num.unit is None or (num.unit in lex.units and num.unit.isupper()):
            e = self._unit_after(num, e)
        for seq, q in lex.qual_after.items():
            if tuple(t.lower_ for t in doc[e : e + len(seq)]) == seq:
                num.qualifier = q if num.qualifier == "exact" else num.qualifier
                if q == "at_least":
                    num.low = num.value
                e += len(seq)
                break
        if (e < self.n and _low(doc[e]) in lex.increment_after and doc[e].dep_ != "advmod") or (
            e < self.n and _low(doc[e]) == "more" and e + 1 < self.n and doc[e + 1].pos_ in ("NOUN", "PROPN")
        ):
            num.increment = True
        num.end = e

    def _unit_after(self, num: Number, e: int) -> int:
        doc, lex = self.doc, self.lex
        # "$249 USD"
        if e < self.n and doc[e].text in lex.units and doc[e].text.isupper() and len(doc[e].text) == 3:
            num.unit = doc[e].text
            return e + 1
        if num.unit is not None:
            # "USD$23 billion dollar deal": the currency word repeats the symbol
            if e < self.n and doc[e].lemma_.lower() in lex.currency_words and lex.currency_words[doc[e].lemma_.lower()] == num.unit:
                return e + 1
            return e
        # currency words: "9.9 billion yuan", "500 billion won", "5 million US dollars"
        k = e
        prefix = None
        if k < self.n and _low(doc[k]) in lex.currency_prefixes and k + 1 < self.n and doc[k + 1].lemma_.lower() in lex.currency_words:
            prefix = lex.currency_prefixes[_low(doc[k])]
            k += 1
        if k < self.n:
            lemma = doc[k].lemma_.lower()
            word = _low(doc[k])
            if lemma in lex.currency_words or word in lex.currency_words:
                code = lex.currency_words.get(lemma) or lex.currency_words[word]
                if code == "GBP" and lemma == "pound" and (
                    (not self._has_scale(num) and (k + 1 >= self.n or _low(doc[k + 1]) != "sterling"))
                    or (k + 1 < self.n and _low(doc[k + 1]) == "of")
                ):
                    num.unit = "pound_mass"
                    return k + 1
                if code == "KRW" and doc[k].pos_ == "VERB":
                    return e
                num.unit = prefix or code
                k += 1
                if k < self.n and _low(doc[k]) == "sterling":
                    k += 1
                return k
        # "a 40-pound (18-kg) turkey", "a 10-mile walk"
        if e + 1 < self.n and doc[e].text in _HYPHENS and doc[e - 1].whitespace_ == "" and doc[e].whitespace_ == "":
            word = _low(doc[e + 1])
            unit = lex.measures.get((word,)) or lex.measures.get((word + "s",))
            if unit is None and word == "pound":
                unit = "pound_mass"
            if unit is not None and word not in lex.ambiguous_letters:
                num.unit = unit
                return e + 2
        # measures: "percent", "per cent", "nautical miles", "km", "points", "GB"
        for size in range(lex.measure_max, 0, -1):
            seq = tuple(t.lower_ for t in doc[e : e + size])
            if len(seq) == size and seq in lex.measures:
                unit = lex.measures[seq]
                if size == 1 and seq[0] in lex.ambiguous_letters and doc[e].idx != doc[e - 1].idx + len(doc[e - 1].text):
                    continue  # "5 m" spaced is too ambiguous; "5m" is read by the token pattern
                if unit == "point" and doc[e].dep_ not in ("npadvmod", "dobj", "pobj", "conj", "appos", "nsubj", "attr", "nummod", "compound", "ROOT", "advmod") :
                    continue
                num.unit = unit
                return e + size
        return e

    def _has_scale(self, num: Number) -> bool:
        return any(_low(t) in self.lex.scales for t in self.doc[num.core_start : num.core_end])


def find_numbers(doc: Doc) -> list[Number]:
    """Every figure-like number expression of the parsed text, in text order."""
    return _Scanner(doc).scan()
