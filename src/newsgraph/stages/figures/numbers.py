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
from typing import TYPE_CHECKING

from newsgraph.stages.figures.blocks import doc_text
from newsgraph.stages.figures.exclusions import Exclusions, one_counted
from newsgraph.stages.figures.lexicon import Lexicon, lexicon
from newsgraph.stages.figures.tokens import (
    _DIGITS,
    _HAS_DIGIT,
    _HYPHENS,
    _NAME_ENTS,
    _PHONE,
    _PHONE_GROUPS,
    _PHONE_WORDS,
    _RATE,
    Number,
    _dateish_ent,
    _is_year_like,
    _low,
    phone_like,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Number", "find_numbers"]

# "rose by a third this year / to 40 / from 30 / in May / ." (never "a third party", "a third day")
_AFTER_BY_FRACTION = frozenset(["this", "last", "next", "to", "from", "in", "since", "on", "over", "compared", "and", "but"])


_COUNT_THEN_WHEN = re.compile(
    r"\d[\d,.]*\s+(?:a|an|one|the)\s+(?:day|week|month|year|quarter|decade)s?\s+(?:earlier|later|before|ago|previously|on)\b")


class _Scanner(Exclusions):
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
            if ent.label_ == "DATE" and _COUNT_THEN_WHEN.match(ent.text):
                self._block_span(ent.start + 1, ent.end)  # "up from 38 a day earlier": 38 is a count
                continue
            frac_at = next((t.i for t in ent if _low(t) in lex.fractions), ent.start)
            if ent.label_ in ("DATE", "ORDINAL") and self._fraction_then_when(frac_at):
                self._block_span(frac_at + 1, ent.end)  # "risen by a third this year": a third is a share
                continue
            if (ent.label_ in ("DATE", "TIME") and _dateish_ent(ent.text)) or ent.label_ == "ORDINAL":
                self._block_span(ent.start, ent.end)
            elif ent.label_ in _NAME_ENTS:
                for tok in ent:
                    m = _DIGITS.match(tok.text)
                    if m and "," not in tok.text and "." not in tok.text and not m.group("cur") and not self._scale_after(tok.i) \
                            and not self._spaced_thousands(tok.i):
                        self.blocked[tok.i] = True
        text = doc_text(doc)
        phones = [*_PHONE.finditer(text), *(m for m in _PHONE_GROUPS.finditer(text) if phone_like(m.group()))]
        for m in phones:
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None:
                self._block_span(span.start, span.end)

    def _block_span(self, start: int, end: int) -> None:
        for i in range(start, end):
            self.blocked[i] = True

    def _fraction_then_when(self, i: int) -> bool:
        """'a third' followed by 'this/last/next ...' (never 'a third day', 'a third straight week')."""
        doc = self.doc
        if not (i > 0 and i < self.n and _low(doc[i]) in self.lex.fractions and _low(doc[i - 1]) in ("a", "one")):
            return False
        after = _low(doc[i + 1]) if i + 1 < self.n else "."
        by = i > 1 and _low(doc[i - 2]) == "by"
        if after == "of":
            return _low(doc[i]) != "fourth" and not self._quarter_is_time(i)  # "about a quarter of the crop"
        return after in ("this", "last", "next") or (by and (after in _AFTER_BY_FRACTION or not after[:1].isalnum()))

    def _temperature_context(self, i: int) -> bool:
        doc = self.doc
        start = max(doc[i].sent.start, i - 6)
        return any(t.lemma_.lower() in self.lex.temperature_words for t in doc[start:i])

    def _spaced_thousands(self, i: int) -> bool:
        """'000' in '11 000 kWh' (tagged as a product name): a group of a spaced number."""
        doc = self.doc
        return bool(re.fullmatch(r"\d{3}", doc[i].text)) and i > 0 and doc[i - 1].whitespace_ == " " \
            and bool(re.fullmatch(r"\d{1,3}", doc[i - 1].text))

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
                or one_counted(self.doc, i)
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
            by = i > 0 and _low(self.doc[i - 1]) == "by" and (after in _AFTER_BY_FRACTION or not after[:1].isalnum())
            if nxt in self.lex.fractions and (after == "of" or by) and nxt != "fourth":  # "by a third this year"
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
                    elif suf in ("C", "F") and self._temperature_context(i):
                        unit = lex.measures[(s,)]  # "temperatures topped 46C"
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
                scale_word = _scale_suffix(doc[j], lex) if j < self.n else None
                if (
                    not suf
                    and scale_word is not None
                    and tok.whitespace_ == ""
                    and (cur or self._money_context(i) or len(scale_word) > 1)
                ):
                    value *= lex.suffix_scales[scale_word]  # "€500m" split as "€500" "m" (or "m." ending a sentence)
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
                if current == 0 and total and j > i and _low(doc[j - 1]) in lex.scales and scale > lex.scales[_low(doc[j - 1])]:
                    total *= scale  # "12 lakh crore", "two thousand million"
                elif scale == 100:
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
        before = num.start - 1
        if before >= 0 and doc[before].text in self.lex.currency_symbols:
            before -= 1  # "between €4.2 billion and €4.4 billion"
        between = before >= 0 and _low(doc[before]) == "between"
        # "between 11 000 kWh and 13 500 kWh", "5% to 7%": a unit repeated on both ends
        first_unit: str | None = None
        if j + 2 < self.n and ((_low(doc[j]),) in self.lex.measures or doc[j].text == "%") and _low(doc[j + 1]) in ("to", "and", "-", "–"):
            first_unit = self._unit_word(doc[j])
            j += 1
        link = doc[j].text.lower()
        from_ = before >= 0 and _low(doc[before]) == "from"  # also "from $2bn to $3bn"
        by_change = before > 0 and _low(doc[before]) == "by" and doc[before - 1].lemma_.lower() in self.lex.change_verbs
        k = j + 1
        if link not in ("to", "and", "-", "–", "or") or (link == "and" and not between) or from_:
            return num
        if link == "or" and not between and not (
                num.core_end - num.core_start == 1 and k < self.n and self.word_value(doc[k].text) is not None
                and self.word_value(doc[num.core_start].text) is not None):
            return num  # "three or four (hundred)" is a range; "5 or more" is not
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
        if first_unit is not None and second.end < self.n and doc[second.end].pos_ == "NOUN" \
                and self._unit_word(doc[second.end]) != first_unit:
            return num  # "fell 4.1 percent to 212 crowns": a change and a level, not a range
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
        if lo > hi or (link == "or" and hi > 3 * lo):
            return num
        if by_change and link == "to" and hi > 3 * lo:
            return num  # "grew by $1.2bn to $9.8bn": a change and a level ("rose by 4% to 6%" is a range)
        unit = num.unit
        if unit is None and between and before < num.start - 1:
            unit = self.lex.currency_symbols[doc[num.start - 1].text]  # "between €4.2 billion and ..."
        return Number(before if between else num.start, second.end, num.core_start, second.end, None, low=lo, high=hi,
                      qualifier="range", unit=unit, words=num.words)

    def _unit_word(self, tok: Token) -> str | None:
        return "percent" if tok.text == "%" else self.lex.measures.get((_low(tok),))

    def _core_scale(self, num: Number) -> float | None:
        for t in self.doc[num.core_start : num.core_end]:
            if _low(t) in self.lex.scales:
                return float(self.lex.scales[_low(t)])
        return None

    # --- filters ----------------------------------------------------------------------------
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


def _scale_suffix(tok: Token, lex: Lexicon) -> str | None:
    """'m', 'bn', 'k' after a number; also 'm.' where the tokenizer kept a sentence's full stop on it."""
    low = _low(tok)
    if low in lex.suffix_scales:
        return low
    if low.endswith(".") and low[:-1] in lex.suffix_scales:
        return low[:-1]
    return None
