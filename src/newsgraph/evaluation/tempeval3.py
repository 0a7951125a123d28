"""``newsgraph eval tempeval3``: TIMEX3 recognition and normalization on TempEval-3 platinum.

The system sees only the TEXT body (tags stripped) and the DCT as the anchor date; it runs
the parse and the timex rules on that text. Scores (TempEval-3 Task A style): strict and
relaxed (any overlap, one-to-one) span P/R/F1, type and value F1 over relaxed matches
(a match counts when its type / value equals gold's). TempEval-3 platinum is a TEST set:
measure with it, never tune rules against its errors (tune on MEANTIME and our own cases).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsgraph.evaluation.harness import PRF, Report, is_frozen

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass
class GoldDoc:
    key: str
    text: str
    dct: dt.date
    timexes: list[GoldTimex]


def read_tml(path: Path) -> GoldDoc:
    """A TimeML file: the TEXT body with tags stripped, its TIMEX3 spans and the DCT."""
    raw = path.read_text("utf-8")
    dct_m = re.search(r'functionInDocument="CREATION_TIME"[^>]*value="(\d{4}-\d{2}-\d{2})', raw) or re.search(
        r'<DCT>.*?value="(\d{4}-\d{2}-\d{2})', raw, re.S
    )
    if dct_m is None:
        raise ValueError(f"{path.name}: no DCT")
    body_m = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if body_m is None:
        raise ValueError(f"{path.name}: no TEXT")
    body = body_m.group(1)
    out: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[GoldTimex] = []
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name = m.group(1), m.group(2)
        if name != "TIMEX3":
            continue
        if closing:
            start, attrs = open_timex.pop()
            timexes.append(GoldTimex(start, length, attrs.get("type", ""), attrs.get("value", "")))
        elif not m.group(4):
            open_timex.append((length, dict(_ATTR.findall(m.group(3)))))
    out.append(html.unescape(body[pos:]))
    text = "".join(out)
    return GoldDoc(path.stem, text, dt.date.fromisoformat(dct_m.group(1)), timexes)


@dataclass
class Scores:
    strict: PRF
    relaxed: PRF
    type: PRF
    value: PRF

    @classmethod
    def empty(cls) -> Scores:
        return cls(PRF(), PRF(), PRF(), PRF())

    def add(self, other: Scores) -> None:
        self.strict.add(other.strict)
        self.relaxed.add(other.relaxed)
        self.type.add(other.type)
        self.value.add(other.value)


def score_doc(
    gold: list[GoldTimex], system: list[tuple[int, int, str, str]]
) -> tuple[Scores, list[tuple[str, GoldTimex | None, tuple[int, int, str, str] | None]]]:
    """One-to-one relaxed matching (largest overlap first) and the four scores."""
    pairs = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s[1]) - max(g.start, s[0])
            if overlap > 0:
                pairs.append((overlap, gi, si))
    used_g: set[int] = set()
    used_s: set[int] = set()
    matched: list[tuple[int, int]] = []
    for _, gi, si in sorted(pairs, reverse=True):
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        matched.append((gi, si))
    n_g, n_s = len(gold), len(system)
    strict = sum(1 for gi, si in matched if (gold[gi].start, gold[gi].end) == system[si][:2])
    typ = sum(1 for gi, si in matched if gold[gi].type == system[si][2])
    val = sum(1 for gi, si in matched if gold[gi].value == system[si][3])
    rel = len(matched)

    def prf(tp: int) -> PRF:
        return PRF(tp=tp, fp=n_s - tp, fn=n_g - tp)

    errors: list[tuple[str, GoldTimex | None, tuple[int, int, str, str] | None]] = []
    for gi, si in matched:
        if gold[gi].value != system[si][3]:
            errors.append(("value", gold[gi], system[si]))
    errors += [("missed", g, None) for gi, g in enumerate(gold) if gi not in used_g]
    errors += [("spurious", None, s) for si, s in enumerate(system) if si not in used_s]
    return Scores(prf(strict), prf(rel), prf(typ), prf(val)), errors


def run_system(docs: Iterable[GoldDoc]) -> list[list[tuple[int, int, str, str]]]:
    """The parse plus the timex rules on each text, the DCT as the anchor."""
    from newsgraph.nlp.model import load_nlp
    from newsgraph.timex import find

    docs = list(docs)
    nlp = load_nlp()
    out = []
    for gold, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=8), strict=True):
        out.append([(f.start, f.end, f.type, f.value) for f in find(gold.text, gold.dct, doc)])
    return out


def report(name: str, docs: list[GoldDoc], split: bool) -> Report:
    systems = run_system(docs)
    total, tune, frozen = Scores.empty(), Scores.empty(), Scores.empty()
    for gold, system in zip(docs, systems, strict=True):
        s, _ = score_doc(gold.timexes, system)
        total.add(s)
        (frozen if is_frozen(gold.key) else tune).add(s)
    rep = Report(name=name)
    for label, prf in (("strict", total.strict), ("relaxed", total.relaxed), ("type", total.type),
                       ("value", total.value)):
        rep.metrics.update(prf.as_dict(label))
    rep.metrics["value_accuracy"] = round(total.value.tp / total.relaxed.tp, 4) if total.relaxed.tp else 0.0
    if split:
        rep.metrics["tune_value_r"] = round(tune.value.recall, 4)
        rep.metrics["frozen_value_r"] = round(frozen.value.recall, 4)
        rep.metrics["tune_value_f1"] = round(tune.value.f1, 4)
        rep.metrics["tune_relaxed_f1"] = round(tune.relaxed.f1, 4)
        rep.metrics["frozen_value_f1"] = round(frozen.value.f1, 4)
        rep.metrics["frozen_relaxed_f1"] = round(frozen.relaxed.f1, 4)
    rep.counts = {"documents": len(docs), "gold": int(total.relaxed.tp + total.relaxed.fn),
                  "system": int(total.relaxed.tp + total.relaxed.fp)}
    return rep


def tempeval3_docs(shared: Path, limit: int | None) -> list[GoldDoc]:
    folder = shared / "benchmarks" / "tempeval3-platinum" / "gold"
    paths = sorted(folder.glob("*.tml"))
    if not paths:
        raise FileNotFoundError(f"no TimeML files under {folder}")
    if limit is not None:
        paths = paths[:limit]
    return [read_tml(p) for p in paths]


def tempeval3(shared: Path, limit: int | None) -> Report:
    rep = report("tempeval3", tempeval3_docs(shared, limit), split=False)
    rep.notes.append("TempEval-3 platinum is a test set: relaxed = any overlap, value = relaxed match with gold value")
    return rep


EVALS = {"tempeval3": tempeval3}
