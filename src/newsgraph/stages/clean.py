"""Cleaning: the input's lines into title, subtitles, dateline and paragraphs; debris removed.

Plain text as scraped is split into units (one per line, or one per blank-line block when the
block is a hard-wrapped paragraph); HTML goes through trafilatura first (its title, date,
site name and authors kept as metadata) and then the same cleaning. Each unit is either
kept verbatim (title, subtitle, dateline, paragraph) or removed with a reason code: the
patterns are data in ``newsgraph/data/cleaning.json``. ``text`` is the kept units joined by
a blank line.

Sections do not overlap: a dateline that opens the first paragraph ("MOSCOW, Oct. 18, 2024 —")
is a ``dateline`` section and the paragraph section starts after it; a dateline on a line of
its own is a ``dateline`` section by itself. ``record.dateline`` carries its span, place
(as written; None for a wire credit without a place, "Oct 23 (Reuters) -") and ISO date.

Reason codes in ``removed``: caption, caption_credit, repeated_line, share_bar, advertisement,
newsletter, navigation, boilerplate, separator, embed, related_links, credit_line,
agency_credit, byline, date_line, kicker, author_bio.

Notes this stage leaves for later stages (``work.notes``):

- ``"clean.html"``: for HTML input, the page's metadata ``{"title", "date", "datetime",
  "sitename", "authors", "decks"}`` (trafilatura, htmldate; date ISO or None; decks: the
  texts of elements the page marks as its deck, right under the headline).

Decks: short lines under the title; a one-sentence deck when a byline, date line or dateline
follows it, or when it sits right above the lead in the simple present, future or a copula
with no day and no reporting verb while the lead names a day or reports (the tagger tells
the tenses); on a page, any element marked as the deck. Captions without a credit: the
present-tense rule (``plain_caption``), and captions told by form (``marked_caption``:
"(L-R)", ", centre,", "pictured", a verbless noun phrase), a sentence over a credit line in
a two-line block, or a sentence followed by a bare name ("... at dusk. Jane Roe").
- ``"clean.date_lines"``: ``[(label, text)]`` of the removed date lines ("Published 12 March
  2025": label "published"; "Updated: ..." label "updated"; a bare date: label "date"; a
  date in a byline: label "byline").
- ``"clean.dateline_day"``: ``(month, day)`` of a dateline date written without a year (the
  metadata stage fills ``record.dateline.date`` once the year is known).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from newsgraph.dating import DAY_MONTH_RE, WEEKDAY_RE, safe_date
from newsgraph.pipeline import InputError, short_hash
from newsgraph.record import Dateline, Removed, Section
from newsgraph.stages.dateline import (
    Byline,
    DatelineMatch,
    agency_of,
    cleaning_data,
    find_dateline,
    is_role,
    lead_agency,
    outlet_line,
    person_name,
    read_byline,
    staff_byline,
    standalone_dateline,
)
from newsgraph.stages.html_page import html_text
from newsgraph.stages.quote_marks import unbalanced_quote

if TYPE_CHECKING:
    from newsgraph.pipeline import Work

MAX_LINE_DEBRIS = 400  # longer lines are never treated as debris
MAX_SUBTITLES = 3
_TERMINAL = tuple('.!?"”’)')
_SENTENCE_GAP = re.compile(r"[.!?][\"”’)]?\s+[\"“‘(]?[A-Z]")
_ACRONYM = re.compile(r"[A-Z]{2,8}")
_WORD = re.compile(r"[^\W_][\w'’.\-]*")


# ---------------------------------------------------------------- patterns (compiled once)


@dataclass(frozen=True)
class _Patterns:
    lines: tuple[tuple[str, re.Pattern[str]], ...]
    related_heading: re.Pattern[str]
    related_inline: re.Pattern[str]
    caption_prefix: re.Pattern[str]
    credit_prefix: re.Pattern[str]
    credit_suffix: re.Pattern[str]
    credit_tail: re.Pattern[str]
    credit_line: re.Pattern[str]
    date_line: re.Pattern[str]
    relative_date_line: re.Pattern[str]
    posted_by_line: re.Pattern[str]
    credit_heads: frozenset[str]
    contributed: re.Pattern[str]
    kickers: frozenset[str]
    author_bio: re.Pattern[str]
    post_navigation: re.Pattern[str]
    caption_anchor: re.Pattern[str]
    caption_past: frozenset[str]
    caption_ed_ok_after: frozenset[str]
    caption_blockers: frozenset[str]
    caption_max_words: int
    for_outlet_credit: re.Pattern[str]
    name_credit_tail: re.Pattern[str]


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    data = cleaning_data()
    lines = tuple(
        (reason, re.compile(p, re.I))
        for reason, pats in data["line_patterns"].items()
        for p in pats
    )
    prefix = data["date_line_prefix"]
    clock = r"\d{1,2}[:.]\d\d(?:\s*[ap]\.?\s?m\.?)?(?:\s*\(?[A-Z]{2,5}(?:[+-]\d{1,2})?\)?)?"
    time = rf"(?:\s*[,|•·/\-–—]?\s*(?:at\s+)?{clock}|T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)"
    date = rf"(?:(?:at\s+)?{clock}\s*[,|•·\-–]?\s*)?(?:(?:{WEEKDAY_RE}),?\s+)?(?:{DAY_MONTH_RE}|(?:19|20)\d\d[-/][01]\d[-/][0-3]\d|\d{{1,2}}[/.]\d{{1,2}}[/.](?:19|20)?\d\d)"
    return _Patterns(
        lines=lines,
        related_heading=re.compile(data["related_heading"], re.I),
        related_inline=re.compile(data["related_inline"], re.I),
        caption_prefix=re.compile(data["caption_prefix"], re.I),
        credit_prefix=re.compile(data["credit_prefix"], re.I),
        credit_suffix=re.compile(rf"(?:^|\s|[.,;])(?:{data['credit_suffix']})$", re.I),
        credit_tail=re.compile(data["credit_tail"], re.I),
        credit_line=re.compile(data["credit_line"], re.I),
        date_line=re.compile(
            rf"(?P<label>{prefix})?{date}{time}?(?:\s*[|•·,/\-–—]?\s*(?:updated|published|modified)\b.{{0,60}})?"
            r"(?:\s*[|•·,/\-–]\s*\d{1,3}\s*min(?:ute)?s?\.?\s*read)?"
            r"(?:\s+by\s+[\w .'’\-]{1,40})?\s*",
            re.I,
        ),
        posted_by_line=re.compile(
            rf"(?:posted|published|written|submitted)\s+by\s+(?P<who>[\w .'’\-]{{1,40}}?)\s*(?:on|,|\||•)\s*{date}{time}?\s*",
            re.I,
        ),
        relative_date_line=re.compile(
            rf"(?:{prefix})?\d{{1,3}}\s+(?:second|minute|min|hour|hr|day|week|month)s?\s+ago\s*", re.I
        ),
        credit_heads=frozenset(data["credit_heads"]),
        contributed=re.compile(data["contributed"], re.I),
        kickers=frozenset(data["kickers"]),
        author_bio=re.compile(data["author_bio"]),
        post_navigation=re.compile(data["post_navigation"], re.I),
        caption_anchor=re.compile(data["caption_plain"]["anchor"]),
        caption_past=frozenset(data["caption_plain"]["past_irregular"]),
        caption_ed_ok_after=frozenset(data["caption_plain"]["ed_not_finite_after"]),
        caption_blockers=frozenset(data["caption_plain"]["blockers"]),
        caption_max_words=int(data["caption_plain"]["max_words"]),
        for_outlet_credit=re.compile(data["for_outlet_credit"]),
        name_credit_tail=re.compile(data["name_credit_tail"]),
    )


# ---------------------------------------------------------------- units


def _hard_wrapped(lines: list[str]) -> bool:
    """A block whose lines are one paragraph wrapped at a fixed width."""
    body = lines[:-1]
    lengths = [len(x) for x in body]
    if min(lengths) < 45 or max(lengths) - min(lengths) > 30:
        return False
    if len(lines[-1]) > max(lengths) + 5:
        return False
    ends = sum(1 for x in body if x.rstrip().endswith(_TERMINAL))
    return ends <= len(body) / 2


_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"  # zero-width characters and the BOM


def _strip(text: str) -> str:
    """Whitespace and invisible characters off both ends."""
    return text.strip().strip(_INVISIBLE).strip()


def split_units(content: str, html: bool = False) -> list[str]:
    """The content's units: lines, or whole blocks for hard-wrapped paragraphs."""
    return split_blocks(content, html)[0]


def split_blocks(content: str, html: bool = False) -> tuple[list[str], list[int]]:
    """The content's units and, for each, the index of the blank-line block it is in."""
    units: list[str] = []
    blocks: list[int] = []
    for index, block in enumerate(re.split(r"\n[\s\u200b\u200c\u200d\u2060\ufeff]*?\n", content)):
        lines = [_strip(line) for line in block.split("\n") if _strip(line)]
        if not lines:
            continue
        if len(lines) > 1 and not html and _hard_wrapped(lines):
            lines = [_strip(block)]
        units.extend(lines)
        blocks.extend([index] * len(lines))
    return units, blocks


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _capitalized_share(words: list[str]) -> float:
    content = [w for w in words if len(w) > 3 or w[:1].isupper()]
    if not content:
        return 0.0
    return sum(1 for w in content if w[:1].isupper() or w[:1].isdigit()) / len(content)


def paragraph_like(unit: str) -> bool:
    """A unit that reads as body text: a long sentence, or several."""
    words = _words(unit)
    if len(words) >= 40:
        return True
    if len(words) >= 12 and unit.rstrip().endswith(_TERMINAL) and _capitalized_share(words) < 0.6:
        return True
    return len(words) >= 8 and _SENTENCE_GAP.search(unit) is not None and _capitalized_share(words) < 0.6


def _org_credit(unit: str, heads: frozenset[str]) -> bool:
    """A short line that is only an organisation's name ("U.S. Department of Defense",
    "Valley Press Images"): an image credit left between paragraphs."""
    if unit.startswith("(") and unit.endswith(")"):
        unit = unit[1:-1].strip()  # "(Marlow Harbour Board via AP)"
    if unit.endswith((".", "!", "?", ":", ";", ",", '"', "”")) and not unit.endswith(("Inc.", "Ltd.")):
        return False
    words = unit.split()
    if not 1 <= len(words) <= 8:
        return False
    low = [w.strip("()[],.").lower() for w in words]
    for w in words:
        if not (w[:1].isupper() or w[:1].isdigit() or w.lower() in ("of", "the", "and", "for", "&", "via", "de", "/")):
            return False
    if low[-1] in heads:
        return True
    if any(part.lower() in heads for part in re.split(r"[/]", unit)[1:]):
        return True
    return any(low[i] in heads and low[i + 1] == "of" for i in range(len(low) - 1))


def _agency_line(unit: str) -> str | None:
    stripped = re.sub(r"^(?:[—–-]+\s*|with\s+|source\s*:\s*|\()", "", unit, flags=re.I).strip(" ()")
    return agency_of(stripped) if len(stripped) <= 40 else None


@dataclass
class Cleaned:
    """What cleaning found: the kept units with their kinds, and what it removed."""

    units: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    removed: list[Removed] = field(default_factory=list)
    title: str | None = None
    subtitles: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    agency: str | None = None
    outlet: str | None = None
    date_lines: list[tuple[str, str]] = field(default_factory=list)
    dateline: DatelineMatch | None = None
    dateline_unit: int | None = None  # index into units of the unit the dateline opens

    def remove(self, text: str, reason: str) -> None:
        self.removed.append(Removed(text=text, reason=reason))

    def take_byline(self, byline: Byline) -> None:
        for name in byline.authors:
            if name not in self.authors:
                self.authors.append(name)
        self.agency = self.agency or byline.agency
        self.outlet = self.outlet or byline.outlet
        if byline.date_text:
            self.date_lines.append(("byline", byline.date_text))


_NAMEISH = re.compile(r"(?:[A-Z][\w.'’&\-]*|and|the|in|of|,|\s)+")


def _contribution(unit: str) -> str | None:
    """Who a contribution credit names ("AFP contributed to this report.", "With reporting
    from Reuters and AP"), or None when the unit is not such a credit."""
    m = patterns().contributed.fullmatch(unit.strip("() "))
    if m is None:
        return None
    who = m.group("who") or m.group("who2") or ""
    if m.group("who2") and not _NAMEISH.fullmatch(who.strip(" .")):
        return None
    return who


def _leading_agency(text: str) -> str | None:
    """The agency a credit starts with ("Associated Press writers ..." -> "AP")."""
    text = re.sub(r"^(?:the|with)\s+", "", text.strip(), flags=re.I)
    for part in re.split(r"\s*(?:,|\band\b|&)\s*", text):
        words = part.split()
        for k in range(min(4, len(words)), 0, -1):
            agency = agency_of(" ".join(words[:k]))
            if agency:
                return agency
    return None


def debris_reason(unit: str) -> str | None:
    """The reason code of a unit that is page debris on its own, whatever its position."""
    if len(unit) > MAX_LINE_DEBRIS or "\n" in unit:
        return None
    pats = patterns()
    n_words = len(unit.split())
    if n_words <= 40:
        for reason, pattern in pats.lines:
            if pattern.fullmatch(unit):
                return reason
    if pats.related_heading.fullmatch(unit):
        return "related_links"
    if n_words <= 30 and pats.related_inline.fullmatch(unit):
        return "related_links"
    if pats.credit_line.fullmatch(unit) or (n_words <= 40 and _contribution(unit) is not None):
        return "credit_line"
    if pats.caption_prefix.fullmatch(unit):
        return "caption"
    if n_words <= 45 and (pats.credit_suffix.search(unit) or pats.credit_tail.search(unit)):
        return "caption" if n_words > 8 else "caption_credit"
    if _agency_line(unit):
        return "agency_credit"
    if n_words <= 16 and pats.credit_prefix.fullmatch(unit):
        return "caption_credit"
    if n_words <= 20 and (
        pats.date_line.fullmatch(unit) or pats.relative_date_line.fullmatch(unit) or pats.posted_by_line.fullmatch(unit)
    ):
        return "date_line"
    return None


_CAPTION_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


def plain_caption(unit: str) -> bool:
    """A photo caption without a credit, left between paragraphs ("Engineers inspect a
    transformer at the substation on Monday."): one short sentence in the present tense
    (no finite past verb, modal, future or schedule verb, no reporting verb, no quote marks)
    that dates itself to the past. News narrative is in the past tense; captions are not."""
    pats = patterns()
    if not unit.endswith(".") or any(q in unit for q in '"“”‘') or _SENTENCE_GAP.search(unit):
        return False
    words = _CAPTION_WORD.findall(unit)
    if not 4 <= len(words) <= pats.caption_max_words or not unit[:1].isupper():
        return False
    if pats.caption_anchor.search(unit) is None:
        return False
    prev = ""
    for word in words:
        low = word.lower()
        if low in pats.caption_blockers or low in pats.caption_past:
            return False
        if low.endswith("ed") and len(low) >= 4 and prev not in pats.caption_ed_ok_after and word[:1].islower():
            return False
        prev = low
    return True


_FINITE_TAGS = frozenset(["VBD", "VBZ", "VBP", "MD"])


@lru_cache(maxsize=2048)
def _tags(sentence: str) -> tuple[tuple[str, str], ...]:
    """(word, fine-grained part-of-speech tag) of one sentence (the model's tagger alone)."""
    from newsgraph.nlp.model import load_nlp

    nlp = load_nlp()
    doc = nlp.make_doc(sentence)
    for name in ("tok2vec", "tagger"):
        doc = nlp.get_pipe(name)(doc)
    return tuple((token.lower_, token.tag_) for token in doc)


def _one_short_sentence(unit: str, max_words: int) -> list[str] | None:
    """The words of a unit that is one plain sentence (no quote, no second sentence, no
    colon), or None."""
    if any(q in unit for q in '"“”‘') or _SENTENCE_GAP.search(unit) or re.search(r"[:;?!]", unit):
        return None
    words = _CAPTION_WORD.findall(unit)
    if not 3 <= len(words) <= max_words or not (unit[:1].isupper() or unit[:1] == "("):
        return None
    return words


def marked_caption(unit: str, english: bool = True) -> bool:
    """A photo caption without a credit, told by its form (between paragraphs only): a
    position marker ("(L-R)", "Jane Roe, centre, with ..."), the word "pictured" without a
    reporting verb, or (English) one sentence without any finite verb ("A view of the
    harbour from the pier.", "Nurses being trained at the new unit.")."""
    data = cleaning_data()["caption_marked"]
    words = _one_short_sentence(unit, int(data["max_words"]))
    if words is None:
        return False
    lows = {w.lower() for w in words}
    if lows & set(data["reporting"]):
        return False
    if re.search(data["position"], unit, re.I):
        return True
    if lows & set(data["picture_words"]):
        return not lows & patterns().caption_past  # "Welders pictured at ...", not "was pictured"
    if not english or not unit.endswith(".") or not int(data["verbless_min_words"]) <= len(words) <= int(data["verbless_max_words"]):
        return False
    tags = _tags(unit)
    if tags[0][1] not in data["verbless_first_tags"]:
        return False  # a noun phrase ("A view of ..."), not a fronted adverbial ("During ...")
    if any(tag in _FINITE_TAGS or tag == "VB" for _, tag in tags):
        return False
    nouns = ("NN", "NNS", "NNP", "NNPS", "PRP")
    if any(tag == "VBN" and tags[i - 1][1] in nouns for i, (_, tag) in enumerate(tags) if i):
        return False  # "Hundreds of nurses protested ...": a participle after a noun may be its past verb
    # Before a comma only a name ("Ana Pell, a trustee, in the hall."): a clause cut by
    # commas ("The result, in short, a ...") is a writer's sentence.
    comma = next((i for i, (w, _) in enumerate(tags) if w == ","), 0)
    if comma and comma + 1 < len(tags) and tags[comma + 1][1] in ("VBN", "VBG"):
        return True  # "The harbour entrance, seen from the air."
    return all(tag in ("NNP", "NNPS") for _, tag in tags[:comma])


def _reports(sentence: str, forms: list[str]) -> bool:
    """Whether a sentence has a reporting verb ("said", "announced"; "according"): the word
    form tagged as a verb ("reports" the noun does not count)."""
    words = {w.lower() for w in _CAPTION_WORD.findall(sentence)}
    if not words & set(forms):
        return False
    return "according" in words or any(
        word in forms and tag.startswith("VB") for word, tag in _tags(sentence)
    )


def _time_anchored(text: str) -> bool:
    """Whether a sentence dates what it tells to a day ("on Monday", "yesterday")."""
    return re.search(cleaning_data()["deck"]["lead_anchor"], text, re.I) is not None


def _deck_before_lead(unit: str, following: str, english: bool) -> bool:
    """A one-sentence deck right under the title with the lead straight after it: the deck
    sums up in the present or future tense, names no day and quotes nobody; the lead after it
    is a longer paragraph that does (a day or a reporting verb, or a dateline)."""
    data = cleaning_data()["deck"]
    words = _one_short_sentence(unit, int(data["max_words"]))
    if words is None or len(words) < 6 or not unit.endswith(".") or not english:
        return False
    if _reports(unit, data["reporting"]) or _time_anchored(unit):
        return False
    if not paragraph_like(following) or len(_words(following)) <= len(words):
        return False
    if re.match(data["continuation_openers"], following, re.I):
        return False  # "The move ...", "It ...": the paragraph goes on from a lead
    lead = _SENTENCE_GAP.split(following)[0]
    if not (find_dateline(following) or _time_anchored(lead) or _reports(lead, data["reporting"])):
        return False
    tags = _tags(unit)
    first = next((i for i, (_, tag) in enumerate(tags) if tag in _FINITE_TAGS), None)
    if first is None:
        return False
    word, tag = tags[first]
    # Its main verb in the simple present or the future ("The move follows ...", "The unit
    # will treat ...", "The work is the first ..."); a lead's perfect or progressive
    # ("Police have charged ...", "The minister is urging ...") or past tense keeps it body.
    if tag == "MD":
        return True
    if tag not in ("VBZ", "VBP"):
        return False
    auxiliary = word in data["auxiliaries"] and any(
        t in ("VBG", "VBN") for _, t in tags[first + 1:first + 4]
    )
    return not auxiliary


def _name_credited(unit: str) -> bool:
    """A short caption sentence with the photographer's bare name after it ("The harbour at
    dusk. Jane Roe"): the sentence has lowercase words and no quote marks."""
    m = patterns().name_credit_tail.fullmatch(unit)
    if m is None or len(unit.split()) > 40 or any(q in unit for q in '"“”'):
        return False
    caption = m.group("caption")
    return sum(1 for w in caption.split() if w[:1].islower()) >= 2 and not _SENTENCE_GAP.search(caption)


def _short_sentence(unit: str) -> bool:
    """A sentence of body text too short for ``paragraph_like``: six words or more, a full
    stop at the end, mostly lowercase words ("Police said the cause was not yet known.")."""
    words = _words(unit)
    return (
        len(words) >= 6 and unit.endswith(".") and not unit.endswith("..")
        and _capitalized_share(words) < 0.5 and debris_reason(unit) is None
    )


def _caption_over_credit(units: list[str], blocks: list[int], reasons: list[str | None], k: int) -> bool:
    """A block of two lines: one plain sentence, then a credit ("Jane Roe/Marlow Courier",
    "Marlow City Council", "JANE ROE/AFP via Getty Images"): a photo's caption and credit."""
    if k + 1 >= len(units) or blocks[k] < 0 or blocks.count(blocks[k]) != 2 or blocks[k + 1] != blocks[k]:
        return False
    unit, credit = units[k], units[k + 1]
    if _one_short_sentence(unit, 40) is None or not unit.endswith("."):
        return False
    if reasons[k + 1] in ("caption_credit", "agency_credit"):
        return True
    words = credit.split()
    return (
        reasons[k + 1] is None and 1 <= len(words) <= 8 and not re.search(r"[.!?:;,\"“”]$", credit)
        and all(w[:1].isupper() or w[:1].isdigit() or w in ("of", "the", "and", "for", "&", "via", "/") for w in words)
    )


def _stands_alone(units: list[str], reasons: list[str | None], k: int) -> bool:
    """Whether a unit starts a block of its own: the unit before it is debris or ends a
    sentence (a hard-wrapped line that goes on a sentence is no caption)."""
    return k == 0 or reasons[k - 1] is not None or units[k - 1].rstrip().endswith(_TERMINAL)


def _next_kept(reasons: list[str | None], start: int) -> int | None:
    """The first unit from ``start`` on that is not debris."""
    return next((k for k in range(start, len(reasons)) if reasons[k] is None), None)


_NAME_LOWER_OK = frozenset(
    ["and", "van", "von", "der", "den", "de", "da", "di", "del", "la", "le", "du", "al", "el", "bin", "ibn", "y"]
)


def _bare_byline(unit: str) -> Byline | None:
    """A byline without "By": a person's name alone ("Jane Roe"), names joined by "and",
    or names with an outlet or a job ("Jane Roe, Marlow Courier"); no digits, no sentence."""
    if len(unit) > 100:
        return None
    segments = re.split(r"\s+[|•·—–/-]\s+", unit)
    if len(segments) >= 2:  # "Jane Roe | March 3, 2025", "3 March 2025, 14:02 | By Jane Roe"
        dates = [seg for seg in segments if patterns().date_line.fullmatch(seg)]
        rest = " | ".join(seg for seg in segments if seg not in dates)
        if len(dates) == 1 and rest:
            byline = read_byline(rest, header=False) or _bare_byline(rest)
            if byline is not None:
                byline.date_text = byline.date_text or dates[0]
            return byline
    if re.search(r"[\d.!?:;,]$|\d", unit) or unit.lower().startswith("by "):
        return None
    words = unit.split()
    for k in (2, 3, 4):  # "Jane Roe Environment correspondent": a name and a job, no comma
        if k < len(words) and person_name(" ".join(words[:k])) and is_role(" ".join(words[k:])):
            return Byline(authors=[" ".join(words[:k])])
    # Without "By", only names: a lowercase word other than a name particle or "and"
    # makes it a headline-like deck ("Negotiators Meet in Lima"), not a byline.
    if any(w[:1].islower() and w not in _NAME_LOWER_OK for w in words):
        return None
    byline = read_byline("By " + unit, header=True)
    if byline is None or not byline.authors or not unit.startswith(byline.authors[0]):
        return None
    if not all(2 <= len(a.split()) <= 4 for a in byline.authors):
        return None
    return byline


def _label_before_title(unit: str, following: str) -> bool:
    """A short section label (1-3 capitalized words) above a longer headline in title case."""
    words = unit.split()
    if not 1 <= len(words) <= 3 or re.search(r"[\d.!?:;,\"“”]", unit):
        return False
    if len(words) == 3 and not any(w in ("&", "and", "/", "|") for w in words):
        return False  # "Inflation Eases Again" is a headline; "Water & Utilities" a label
    if not all(w[:1].isupper() or w in ("&", "and", "of", "/", "|") for w in words):
        return False
    nxt = _words(following)
    if not 4 <= len(nxt) <= 30 or following.endswith((".", "!", "?")) or paragraph_like(following):
        return False
    if find_dateline(following) or read_byline(following, header=True) or _bare_byline(following):
        return False
    return _capitalized_share(nxt) >= 0.6 and len(nxt) > len(words) + 1


def _kicker(unit: str) -> bool:
    """A section label above the title ("World", "BREAKING:", "Analysis")."""
    return len(unit.split()) <= 3 and unit.strip(" :|•·-–—").casefold() in patterns().kickers


def _header_continues(units: list[str], reasons: list[str | None], k: int) -> bool:
    """Whether the header goes on after a sentence-like unit: a byline, a date line or a
    dateline comes before any body paragraph (so the sentence is a deck)."""
    for unit, reason in zip(units[k:k + 3], reasons[k:k + 3], strict=False):
        if reason in ("date_line", "byline") or read_byline(unit, header=True):
            return True
        if reason is None:
            # a name alone ("Jane Roe", "Jane Roe, Marlow Courier") is a byline too
            return find_dateline(unit) is not None or _bare_byline(unit) is not None
    return False


def _date_label(unit: str) -> str:
    m = patterns().date_line.fullmatch(unit)
    label = (m.group("label") or "") if m else ""
    word = label.strip(" :,").lower().split(" ")[0] if label.strip() else "date"
    return {"last": "updated", "first": "published", "modified": "updated"}.get(word, word)


def _credit_authors(unit: str) -> list[str]:
    """Authors from a wire credit line: "(Reporting by A and B; Writing by C; Editing by D)"."""
    out: list[str] = []
    for part in re.split(r"[;,]\s*(?=[A-Za-z ]+ by\b)", unit.strip("() ")):
        m = re.match(r"\s*(?:reporting|writing|written|reported)\s+by\s+(.+)", part, re.I)
        if m:
            for name in re.split(r"\s*(?:,|\band\b|&)\s*", m.group(1).strip(" .;")):
                name = re.sub(r"\s+(?:in|from|at)\s+[A-Z][\w .'’\-]*$", "", name.strip())  # "Jane Roe in Marlow"
                if name and len(name.split()) <= 4:
                    out.append(name)
    return out


def clean_text(
    content: str, html: bool = False, title_hint: str | None = None, deck_hints: list[str] | None = None
) -> Cleaned:
    """Clean plain text (or trafilatura's text of a page) into kept units and removed ones.
    ``deck_hints``: texts the page marks as decks (``html_page``), kept as subtitles when
    they stand under the title."""
    units, blocks = split_blocks(content, html=html)
    out = Cleaned()
    pats = patterns()
    is_english: list[bool] = []

    def english() -> bool:
        """Whether the content is English (the tagger's word classes mean nothing otherwise)."""
        if not is_english:
            from newsgraph.stages.metadata import detect_language

            is_english.append(detect_language(content) == "en")
        return is_english[0]

    reasons: list[str | None] = [debris_reason(u) for u in units]
    if title_hint:
        # The page's title: where the text prints it (after a kicker at most), else put first.
        at = next((k for k, u in enumerate(units[:4]) if _same_title(u, title_hint)), None)
        if at is None:
            units.insert(0, title_hint.strip())
            reasons.insert(0, None)
            blocks.insert(0, -1)
            at = 0
        else:
            for k in range(at):
                reasons[k] = reasons[k] or "kicker"
        # A deck the page marks that the extracted text lost goes back under the title.
        present = {_norm(u) for u in units}
        missing = [
            d.strip() for d in deck_hints or []
            if _norm(d) not in present and debris_reason(d.strip()) is None and not read_byline(d, header=True)
        ]
        units[at + 1:at + 1] = missing
        reasons[at + 1:at + 1] = [None] * len(missing)
        blocks[at + 1:at + 1] = [-1] * len(missing)
    n = len(units)

    # Consecutive identical short lines: an image's alt text and credit, both debris
    # (but a title printed twice keeps its first copy).
    first = next((i for i, r in enumerate(reasons) if r is None), n)
    for i in range(n - 1):
        a, b = units[i], units[i + 1]
        if i == first and a == b:
            reasons[i + 1] = reasons[i + 1] or "repeated_line"
        elif a == b and len(a.split()) <= 12 and not a.endswith((".", "!", "?")) and i + 1 != first:
            reasons[i] = reasons[i] or "caption_credit"
            reasons[i + 1] = reasons[i + 1] or "caption_credit"

    # The title: the first unit that is not debris (and not a byline or body text).
    i = 0
    while i < n and (reasons[i] is not None or read_byline(units[i], header=True) or _kicker(units[i])):
        if reasons[i] is None:
            reasons[i] = "byline" if read_byline(units[i], header=True) else "kicker"
        i += 1
    if title_hint is None and i + 1 < n and _label_before_title(units[i], units[i + 1]) and reasons[i + 1] is None:
        reasons[i] = "kicker"  # "Water & Utilities" above a headline in title case
        i += 1
    header_end = i
    title_index: int | None = None
    if i < n and not paragraph_like(units[i]) and len(units[i]) <= 300 and find_dateline(units[i]) is None:
        title_index = i
        header_end = i + 1

    # The header zone after the title: subtitles, bylines, date lines, credits.
    subtitle_idx: list[int] = []
    standalone: list[int] = []  # a dateline on a line of its own
    decks = {_norm(d) for d in deck_hints or []} - ({_norm(units[title_index])} if title_index is not None else set())
    j = header_end
    while j < n:
        unit = units[j]
        if reasons[j] is not None:
            j += 1
            continue
        byline = read_byline(unit, header=True)
        if byline:
            reasons[j] = "byline"
            out.take_byline(byline)
            j += 1
            continue
        if reasons[j - 1] == "byline" and (is_role(unit) or outlet_line(unit)):
            reasons[j] = "byline"  # "Senior Correspondent" or "Marlow Courier" under the name
            if outlet_line(unit):
                out.outlet = out.outlet or unit
            j += 1
            continue
        if staff_byline(unit):
            reasons[j] = "byline"  # "By Marlow Courier Staff", "From staff reports"
            j += 1
            continue
        if person_name(unit) and not outlet_line(unit) and j + 1 < n and (
            reasons[j + 1] in ("agency_credit", "date_line") or is_role(units[j + 1]) or outlet_line(units[j + 1])
        ):
            reasons[j] = "byline"  # a name alone, with its credit, date or job on the next line
            if unit not in out.authors:
                out.authors.append(unit)
            j += 1
            continue
        if _org_credit(unit, pats.credit_heads):
            reasons[j] = "caption_credit"
            j += 1
            continue
        bare = _bare_byline(unit)
        after = _next_kept(reasons, j + 1)
        if bare is not None and after is not None and (
            find_dateline(units[after]) is not None or paragraph_like(units[after])
        ):
            reasons[j] = "byline"  # names alone under the title, the story right after them
            out.take_byline(bare)
            j += 1
            continue
        if _norm(unit) in decks:
            subtitle_idx.append(j)  # the page marks it as the deck
            j += 1
            continue
        if standalone_dateline(unit) and not paragraph_like(unit):
            standalone.append(j)
            j += 1
            break
        if find_dateline(unit) or len(unit.split()) > 45 or "\n" in unit:
            break
        words = _words(unit)
        sentence = paragraph_like(unit) or (
            unit.endswith(".") and len(words) >= 8 and _capitalized_share(words) < 0.6
        )
        if sentence and not (
            len(words) <= 35 and not _SENTENCE_GAP.search(unit) and _header_continues(units, reasons, j + 1)
        ) and not (
            title_index is not None and not subtitle_idx and j == _next_kept(reasons, title_index + 1)
            and after is not None and _deck_before_lead(unit, units[after], english())
        ):
            break  # body text; a one-sentence deck only when the header goes on after it
        subtitle_idx.append(j)
        j += 1
    body_start = j
    if len(subtitle_idx) > MAX_SUBTITLES:  # a run of short lines is body, not decks
        body_start = subtitle_idx[0]
        subtitle_idx = []

    # The body: paragraphs, with debris, tails and repeats removed.
    seen: set[str] = set()
    if title_index is not None:
        seen.add(_norm(units[title_index]))
    kinds: dict[int, str] = {}
    if title_index is not None:
        kinds[title_index] = "title"
    for k in subtitle_idx:
        kinds[k] = "subtitle"
        seen.add(_norm(units[k]))
    for k in standalone:
        kinds[k] = "dateline"
    later_body = [False] * (n + 1)  # whether a body paragraph follows unit k
    later_text = [False] * (n + 1)  # whether body text follows unit k (a short sentence too)
    for k in range(n - 1, -1, -1):
        later_body[k] = later_body[k + 1] or (k + 1 < n and paragraph_like(units[k + 1]))
        later_text[k] = later_text[k + 1] or later_body[k] or (
            k + 1 < n and reasons[k + 1] is None and _short_sentence(units[k + 1])
        )
    in_tail = False
    for k in range(body_start, n):
        unit = units[k]
        reason = reasons[k]
        if reason is None and in_tail and not paragraph_like(unit) and len(unit.split()) <= 25 and not _short_sentence(unit):
            reason = "related_links"  # (a sentence with a full stop ends the list)
        if reason is None:
            byline = read_byline(unit, header=False)
            if byline and len(unit.split()) <= 12:
                reason = "byline"
                out.take_byline(byline)
        if reason is None and (_org_credit(unit, pats.credit_heads) or _ACRONYM.fullmatch(unit)):
            reason = "caption_credit"  # an organisation's name or acronym alone: a photo credit
        if reason is None and kinds_before(kinds) and pats.for_outlet_credit.fullmatch(unit):
            reason = "caption_credit"  # "Jane Roe for The Marlow Courier" between paragraphs
        if reason is None and not html and kinds_before(kinds) and later_text[k] and _caption_over_credit(units, blocks, reasons, k):
            reason = "caption"  # a caption line with its credit on the line under it
            reasons[k + 1] = reasons[k + 1] or "caption_credit"
        if reason is None and kinds_before(kinds) and later_body[k] and _name_credited(unit):
            reason = "caption_credit"  # "The harbour at dusk. Jane Roe" between paragraphs
        if reason is None and kinds_before(kinds) and (
            (later_body[k] and plain_caption(unit))
            or (later_text[k] and _stands_alone(units, reasons, k) and marked_caption(unit, english()))
        ):
            reason = "caption"  # a caption without a credit, between paragraphs
        if reason == "agency_credit" and later_body[k]:
            reason = "caption_credit"  # an agency's name between paragraphs credits a photo
        signed = re.fullmatch(r"[—–-]{1,2}\s*((?-i:[A-Z])[\w.'’\-]+(?: [\w.'’\-]+){1,3})", unit)
        if reason is None and k >= n - 3 and signed and person_name(signed.group(1)):
            reason = "byline"  # "— Jane Roe" signing off the story
            if signed.group(1) not in out.authors:
                out.authors.append(signed.group(1))
        if reason is None and k >= n - 3:
            bio = pats.author_bio.fullmatch(unit)
            if bio and len(unit.split()) <= 40:
                reason = "author_bio"
                if not out.authors:
                    out.authors.append(bio.group("name"))
        key = _norm(unit)
        if reason is None and key in seen:
            reason = "repeated_line"
        if reason is not None:
            reasons[k] = reason
            if pats.related_heading.fullmatch(unit) or pats.post_navigation.fullmatch(unit):
                in_tail = True  # the links listed under it go too
            continue
        in_tail = False
        kinds[k] = "paragraph"
        seen.add(key)
    # Units before the title were all debris; units between header and body were handled.

    # Record kept units, removed units, and what the removed ones tell.
    for k, unit in enumerate(units):
        kind = kinds.get(k)
        if kind is None:
            reason = reasons[k] or "debris"
            out.remove(unit, reason)
            if reason == "byline":
                by = read_byline(unit, header=True)
                if by:
                    out.take_byline(by)
            elif reason == "date_line":
                out.date_lines.append((_date_label(unit), unit))
                poster = re.search(r"\bby\s+([\w .'’\-]{3,40})$", unit)
                posted = pats.posted_by_line.fullmatch(unit)
                name = (poster.group(1) if poster else posted.group("who") if posted else "").strip()
                if name and person_name(name) and name not in out.authors:
                    out.authors.append(name)
                written = read_byline(unit, header=False)  # "Written by Jane Roe on 3rd March 2025"
                for author in written.authors if written else []:
                    if author not in out.authors:
                        out.authors.append(author)
            elif reason == "agency_credit":
                out.agency = out.agency or _agency_line(unit)
            elif reason == "credit_line":
                who = _contribution(unit)
                if who is not None:
                    out.agency = out.agency or _leading_agency(who)
                elif not out.authors:
                    out.authors.extend(_credit_authors(unit))
            continue
        if kind in ("paragraph", "dateline") and out.dateline is None and out.dateline_unit is None:
            match = find_dateline(unit) if kind == "paragraph" else standalone_dateline(unit)
            if match is not None:
                out.dateline = match
                out.dateline_unit = len(out.units)
                if match.agency:
                    canon = agency_of(match.agency)
                    if canon:
                        out.agency = out.agency or canon
                    else:
                        out.outlet = out.outlet or match.agency
            else:
                out.dateline_unit = -1  # only the first paragraph may open with a dateline
                if kind == "paragraph":
                    out.agency = out.agency or lead_agency(unit)
        out.units.append((kind, unit))
        if kind == "title":
            out.title = unit
        elif kind == "subtitle":
            out.subtitles.append(unit)
    return out


def kinds_before(kinds: dict[int, str]) -> bool:
    """Whether a body paragraph has been kept already."""
    return "paragraph" in kinds.values()


def _same_title(line: str, title: str) -> bool:
    """Whether a text's first line is the page's title, give or take a site name or a
    kicker ("Bridge Reopens" vs "Bridge Reopens | Riverside Ledger")."""
    a, b = _norm(line).casefold(), _norm(title).casefold()
    if not a or len(a) > 300:
        return False
    if a == b or (min(len(a), len(b)) >= 12 and (a in b or b in a)):
        return True
    ta, tb = set(re.findall(r"\w+", a)), set(re.findall(r"\w+", b))
    return bool(ta and tb) and len(ta & tb) / len(ta | tb) >= 0.7


def _name_case(name: str) -> str:
    """A name written in capitals ("By JANE ROE") as a name ("Jane Roe")."""
    if not name.isupper() or len(name) < 4:
        return name
    return re.sub(r"(^|[\s\-'’.])([a-z])", lambda m: m.group(1) + m.group(2).upper(), name.lower())


def _norm(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- the stage


@dataclass(frozen=True)
class _Stage:
    name: str = "clean"
    version: str = "15"
    requires: tuple[str, ...] = ("article",)
    assigns: tuple[str, ...] = (
        "text", "title", "subtitles", "dateline", "sections", "removed", "source", "content_key",
    )

    def run(self, work: Work) -> None:
        from newsgraph.sources import display_name

        article = work.article
        content = article.content
        name = display_name(article.uri)
        if not content.strip():
            raise InputError(f"{name}: empty input (no text)")
        meta: dict[str, object] = {}
        title_hint = article.title
        if article.kind == "html":
            content, meta = html_text(content, work.settings.reference_date.isoformat())
            if not content.strip():
                raise InputError(f"{name}: no article text found in the HTML page")
            work.notes["clean.html"] = meta
            title_hint = title_hint or (str(meta["title"]) if meta.get("title") else None)
        decks = meta.get("decks")
        cleaned = clean_text(
            content, html=article.kind == "html", title_hint=title_hint,
            deck_hints=[str(d) for d in decks] if isinstance(decks, list) else None,
        )
        if not any(kind == "paragraph" for kind, _ in cleaned.units):
            if article.kind == "html":
                raise InputError(f"{name}: no article text found in the HTML page")
            work.warn(self.name, "no_body", "no paragraph of body text was found")
        self._assign(work, cleaned, meta)

    def _assign(self, work: Work, cleaned: Cleaned, meta: dict[str, object]) -> None:
        record = work.record
        parts: list[str] = []
        sections: list[Section] = []
        paragraphs: list[tuple[int, str]] = []
        pos = 0
        for index, (kind, unit) in enumerate(cleaned.units):
            if index == cleaned.dateline_unit and cleaned.dateline is not None:
                dl = cleaned.dateline
                sections.append(Section(kind="dateline", start=pos, end=pos + len(dl.text)))
                rest = len(dl.text) + (len(unit[len(dl.text):]) - len(unit[len(dl.text):].lstrip()))
                if rest < len(unit):
                    sections.append(Section(kind="paragraph", start=pos + rest, end=pos + len(unit)))
                date = None
                if dl.month and dl.day and dl.year:
                    parsed = safe_date(dl.year, dl.month, dl.day)
                    date = parsed.isoformat() if parsed else None
                elif dl.month and dl.day:
                    work.notes["clean.dateline_day"] = (dl.month, dl.day)
                record.dateline = Dateline(text=dl.text, place=dl.place, date=date, start=pos, end=pos + len(dl.text))
            else:
                sections.append(Section(kind=kind, start=pos, end=pos + len(unit)))  # type: ignore[arg-type]
            if kind == "paragraph":
                paragraphs.append((pos, unit))
            parts.append(unit)
            pos += len(unit) + 2
        record.text = "\n\n".join(parts)
        record.sections = sections
        record.title = cleaned.title
        record.subtitles = cleaned.subtitles
        record.removed = cleaned.removed
        source = record.source
        source.uri = work.article.uri
        source.outlet = work.article.outlet or (str(meta["sitename"]) if meta.get("sitename") else None) or cleaned.outlet
        source.agency = cleaned.agency if cleaned.agency != "Agencies" else None
        listed = meta.get("authors")
        html_authors = [str(a) for a in listed if person_name(str(a))] if isinstance(listed, list) else []
        source.authors = [_name_case(a) for a in (cleaned.authors or html_authors)]
        work.notes["clean.date_lines"] = cleaned.date_lines
        body = " ".join(" ".join(p.split()) for _, p in paragraphs)
        record.content_key = short_hash(body or record.text)
        at = unbalanced_quote(paragraphs)
        if at is not None:
            work.warn(self.name, "unbalanced_quotes",
                      f"a quote mark at offset {at} is never closed or closes nothing; quotes near it may be cut", at, at + 1)


STAGE = _Stage()
