"""Figures evals.

- ``figures``: our own gold (``gold/figures/gold.json``: the seed and 15 MEANTIME articles,
  written before the rules). A predicted figure matches a gold one when their spans overlap;
  scored: detection P/R/F1, and over matched figures the accuracy of value, unit, qualifier,
  source, and all four together (``vuqs``), plus aspect, modality and in_quote. Every metric
  also comes as ``tune_*`` and ``frozen_*`` (``harness.is_frozen`` on the document key).
- ``meantime-figures``: MEANTIME's own VALUE annotation (all 120 English articles, the
  annotated region: title and first body sentences): span F1 and type F1 (MONEY = a currency
  unit, PERCENT = percent, QUANTITY = anything else); and value+unit F1 on the MEANTIME
  articles of our gold.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsgraph.evaluation import meantime_values
from newsgraph.evaluation.harness import PRF, Report, gold_json, is_frozen
from newsgraph.record import ArticleRecord, Figure

REFERENCE_DATE = dt.date(2026, 11, 26)
_PERCENT = frozenset({"percent", "percentage_point"})


@lru_cache(maxsize=1)
def gold() -> dict[str, Any]:
    data: dict[str, Any] = gold_json("figures", "gold.json")
    return data


def locate(text: str, frag: str, n: int) -> tuple[int, int] | None:
    """The n-th word-bounded occurrence of a gold fragment in the record text."""
    found = list(re.finditer(r"(?<!\w)" + re.escape(frag) + r"(?!\w)", text))
    if len(found) <= n:
        return None
    return found[n].start(), found[n].end()


def _extract(text: str) -> ArticleRecord:
    from newsgraph.pipeline import extract

    return extract(text, reference_date=REFERENCE_DATE)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def value_ok(pred: Figure, g: dict[str, Any]) -> bool:
    if g["value"] is None:
        return _close(pred.low, g["low"]) and _close(pred.high, g["high"])
    return _close(pred.value, g["value"])


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


def source_ok(pred: Figure, want: Any, names: dict[str, str]) -> bool | None:
    """None when the gold leaves the source unscored ('*')."""
    if want == "*":
        return None
    if want is None:
        return pred.source_text is None and pred.source is None
    got = [_norm(pred.source_text or "")]
    if pred.source and pred.source in names:
        got.append(_norm(names[pred.source]))
    for alt in want:
        a = _norm(alt)
        for g in got:
            if g and ((a in g and len(g) <= 2 * len(a) + 12) or g in a):
                return True
    return False


def match(preds: list[tuple[int, int]], golds: list[tuple[int, int]]) -> dict[int, int]:
    """Gold index -> predicted index, one to one, by largest overlap."""
    pairs = []
    for gi, (gs, ge) in enumerate(golds):
        for pi, (ps, pe) in enumerate(preds):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                pairs.append((-overlap, gi, pi))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _neg, gi, pi in sorted(pairs):
        if gi not in out and pi not in used:
            out[gi] = pi
            used.add(pi)
    return out


@dataclass
class _Tally:
    detect: PRF = field(default_factory=PRF)
    value_unit: PRF = field(default_factory=PRF)
    right: dict[str, int] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)

    def score(self, what: str, ok: bool | None) -> None:
        if ok is None:
            return
        self.seen[what] = self.seen.get(what, 0) + 1
        self.right[what] = self.right.get(what, 0) + int(ok)

    def metrics(self, prefix: str) -> dict[str, float]:
        out = self.detect.as_dict(f"{prefix}detect")
        out.update(self.value_unit.as_dict(f"{prefix}value_unit"))
        for what in ("value", "unit", "qualifier", "source", "vuqs", "aspect", "modality", "in_quote", "measure", "time"):
            if self.seen.get(what):
                out[f"{prefix}{what}_acc"] = round(self.right[what] / self.seen[what], 4)
        return out


def _doc_text(shared: Path, doc: dict[str, Any], mt: dict[str, meantime_values.MeantimeDoc]) -> tuple[str, int | None]:
    if doc["doc"].startswith("meantime:"):
        m = mt[doc["doc"]]
        return m.text, m.region_end
    return (shared / doc["path"]).read_text("utf-8"), None


def _meantime_docs(shared: Path, keys: set[str]) -> dict[str, meantime_values.MeantimeDoc]:
    out = {}
    for path in meantime_values.corpus_files(shared):
        doc_id = path.name.split("_", 1)[0]
        if f"meantime:{doc_id}" in keys:
            m = meantime_values.load(path)
            out[m.key] = m
    return out


def score_doc(record: ArticleRecord, region_end: int | None, figures: list[dict[str, Any]], tallies: list[_Tally], missing: list[str], key: str) -> None:
    text = record.text
    names = {e.id: e.name for e in record.entities}
    preds = [f for f in record.figures if region_end is None or f.start < region_end]
    gold_spans: list[tuple[int, int]] = []
    gold_items: list[dict[str, Any]] = []
    for g in figures:
        span = locate(text, g["frag"], g["n"])
        if span is None:
            missing.append(f"{key}: {g['frag']!r}#{g['n']} not found in the record text")
            continue
        gold_spans.append(span)
        gold_items.append(g)
    pairs = match([(f.start, f.end) for f in preds], gold_spans)
    for t in tallies:
        t.detect.tp += len(pairs)
        t.detect.fn += len(gold_spans) - len(pairs)
        t.detect.fp += len(preds) - len(pairs)
    vu_right = 0
    for gi, pi in pairs.items():
        g, p = gold_items[gi], preds[pi]
        v, u = value_ok(p, g), p.unit == g["unit"]
        q = p.qualifier == g["qualifier"]
        s = source_ok(p, g["source"], names)
        vu_right += int(v and u)
        for t in tallies:
            t.score("value", v)
            t.score("unit", u)
            t.score("qualifier", q)
            t.score("source", s)
            t.score("vuqs", v and u and q and s is not False)
            t.score("aspect", p.aspect == g["aspect"])
            t.score("modality", p.modality == g["modality"])
            t.score("in_quote", p.in_quote == g["in_quote"])
    for t in tallies:
        t.value_unit.tp += vu_right
        t.value_unit.fn += len(gold_spans) - vu_right
        t.value_unit.fp += len(preds) - vu_right


def eval_figures(shared: Path, limit: int | None) -> Report:
    docs = gold()["docs"][: limit if limit else None]
    mt = _meantime_docs(shared, {d["doc"] for d in docs})
    all_, tune, frozen = _Tally(), _Tally(), _Tally()
    missing: list[str] = []
    for doc in docs:
        text, region_end = _doc_text(shared, doc, mt)
        record = _extract(text)
        half = frozen if is_frozen(doc["doc"]) else tune
        score_doc(record, region_end, doc["figures"], [all_, half], missing, doc["doc"])
    report = Report(name="figures")
    report.metrics.update(all_.metrics(""))
    report.metrics.update(tune.metrics("tune_"))
    report.metrics.update(frozen.metrics("frozen_"))
    report.counts = {
        "documents": len(docs),
        "gold_figures": int(all_.detect.tp + all_.detect.fn),
        "predicted_figures": int(all_.detect.tp + all_.detect.fp),
    }
    report.notes = missing
    return report


def _meantime_type_ok(unit: str | None, vtype: str, currencies: frozenset[str]) -> bool:
    if vtype == "MONEY":
        return unit in currencies
    if vtype == "PERCENT":
        return unit in _PERCENT
    return unit not in currencies and unit not in _PERCENT


def _reanchor(doc: meantime_values.MeantimeDoc, text: str, values: list[meantime_values.ValueMention]) -> tuple[list[tuple[int, int]], int]:
    """VALUE spans and the annotated region's end, moved from the rebuilt text to the record text."""
    if text == doc.text:
        return [(v.start, v.end) for v in values], doc.region_end
    spans = []
    for v in values:
        frag = doc.text[v.start : v.end]
        n = len(re.findall(r"(?<!\w)" + re.escape(frag) + r"(?!\w)", doc.text[: v.start]))
        spans.append(locate(text, frag, n) or (-1, -1))
    tail = doc.text[max(0, doc.region_end - 40) : doc.region_end]
    at = text.find(tail)
    region_end = at + len(tail) if at >= 0 else len(text)
    return spans, region_end


def eval_meantime(shared: Path, limit: int | None) -> Report:
    from newsgraph.stages.figures.lexicon import lexicon

    currencies = frozenset(u for u in lexicon().units if u.isupper())
    files = meantime_values.corpus_files(shared)[: limit if limit else None]
    gold_docs = {d["doc"]: d for d in gold()["docs"] if d["doc"].startswith("meantime:")}
    span = {"all": PRF(), "tune": PRF(), "frozen": PRF()}
    typed = {"all": PRF(), "tune": PRF(), "frozen": PRF()}
    vu_all, vu_tune, vu_frozen = _Tally(), _Tally(), _Tally()
    missing: list[str] = []
    n_gold_docs = 0
    for path in files:
        doc = meantime_values.load(path)
        record = _extract(doc.text)
        half = "frozen" if is_frozen(doc.key) else "tune"
        values = [v for v in doc.values if v.end <= doc.region_end]
        # MEANTIME nests a compound value over its parts; score the innermost ones
        values = [v for v in values if not any(o is not v and v.start <= o.start and o.end <= v.end for o in values)]
        # the record text may differ from the rebuilt text (cleaning): re-anchor by surface
        spans, region_end = _reanchor(doc, record.text, values)
        preds = [f for f in record.figures if f.start < region_end]
        pairs = match([(f.start, f.end) for f in preds], spans)
        ok_types = sum(1 for gi, pi in pairs.items() if _meantime_type_ok(preds[pi].unit, values[gi].type, currencies))
        for key in ("all", half):
            span[key].add(PRF(len(pairs), len(preds) - len(pairs), len(values) - len(pairs)))
            typed[key].add(PRF(ok_types, len(preds) - ok_types, len(values) - ok_types))
        if doc.key in gold_docs:
            n_gold_docs += 1
            tallies = [vu_all, vu_frozen if half == "frozen" else vu_tune]
            score_doc(record, region_end, gold_docs[doc.key]["figures"], tallies, missing, doc.key)
    report = Report(name="meantime-figures")
    for key, prf in span.items():
        report.metrics.update(prf.as_dict("span" if key == "all" else f"{key}_span"))
    for key, prf in typed.items():
        report.metrics.update(prf.as_dict("type" if key == "all" else f"{key}_type"))
    for prefix, tally in (("", vu_all), ("tune_", vu_tune), ("frozen_", vu_frozen)):
        if tally.detect.tp + tally.detect.fn:
            report.metrics.update(tally.value_unit.as_dict(f"{prefix}value_unit"))
    report.counts = {
        "documents": len(files),
        "gold_values": int(span["all"].tp + span["all"].fn),
        "predicted_in_region": int(span["all"].tp + span["all"].fp),
        "value_unit_documents": n_gold_docs,
    }
    report.notes = missing
    return report


@lru_cache(maxsize=1)
def heldout_gold() -> dict[str, Any]:
    """heldout.json (texts in gold/quotes/heldout/) and heldout2.json (texts in gold/figures/heldout2/)."""
    docs: list[dict[str, Any]] = []
    for name in ("heldout.json", "heldout2.json"):
        docs.extend(gold_json("figures", name)["docs"])
    return {"docs": docs}


def _heldout_text(doc: dict[str, Any]) -> str:
    from newsgraph.pipeline import normalize_input

    root = doc.get("root", "quotes")
    path = resources.files("newsgraph.evaluation").joinpath("gold", root, *doc["path"].split("/"))
    return normalize_input(path.read_text("utf-8"))


def _ok_unit(pred: str | None, want: Any) -> bool | None:
    """A gold field: '*' unscored, a list of accepted answers, or the one answer."""
    if want == "*":
        return None
    return pred in want if isinstance(want, list) else pred == want


def _ok_measure(pred: str | None, want: Any) -> bool | None:
    if want is None or want == "*":
        return None
    return pred is not None and want.lower() in pred.lower()


def _ok_value(pred: Figure, g: dict[str, Any]) -> bool:
    def near(a: float | None, b: float | None) -> bool:
        if a is None or b is None:
            return a is b
        return abs(a - b) <= 1e-3 * max(1.0, abs(a), abs(b))

    if g["value"] is None:
        return near(pred.low, g["low"]) and near(pred.high, g["high"])
    return near(pred.value, g["value"])


def score_heldout(record: ArticleRecord, doc: dict[str, Any], tallies: list[_Tally],
                  misses: list[str] | None = None) -> None:
    """Held-out figures: lists of accepted units, '*' unscored fields, ignored fragments."""
    text = record.text
    names = {e.id: e.name for e in record.entities}
    ignored = [m.span() for frag in doc.get("ignore", [])
               for m in re.finditer(r"(?<!\w)" + re.escape(frag) + r"(?!\w)", text)]
    spans, items = [], []
    for g in doc["figures"]:
        span = locate(text, g["frag"], g["n"])
        if span is not None:
            spans.append(span)
            items.append(g)
    preds = list(record.figures)
    pairs = match([(f.start, f.end) for f in preds], spans)
    matched = set(pairs.values())
    fps = [p for i, p in enumerate(preds) if i not in matched
           and not any(min(e, p.end) - max(s, p.start) > 0 for s, e in ignored)]
    vu_right = 0
    for gi, pi in pairs.items():
        g, p = items[gi], preds[pi]
        v, u = _ok_value(p, g), _ok_unit(p.unit, g["unit"])
        q, s = p.qualifier == g["qualifier"], source_ok(p, g["source"], names)
        vu_right += int(v and u is not False)
        checks = {"value": v, "unit": u, "qualifier": q, "source": s,
                  "vuqs": v and u is not False and q and s is not False,
                  "aspect": _ok_unit(p.aspect, g["aspect"]),
                  "modality": _ok_unit(p.modality, g["modality"]),
                  "in_quote": p.in_quote == g["in_quote"],
                  "measure": _ok_measure(p.measure, g.get("measure")),
                  "time": _ok_unit(p.time, g.get("time", "*"))}
        for t in tallies:
            for what, ok in checks.items():
                t.score(what, ok)
        if misses is not None:
            bad = [w for w, ok in checks.items() if ok is False and w != "vuqs"]
            if bad:
                misses.append(f"{doc['doc']}: {g['frag']!r} wrong {bad}: value={p.value} low={p.low} high={p.high} "
                              f"unit={p.unit} qual={p.qualifier} source={p.source_text!r} aspect={p.aspect} "
                              f"modality={p.modality} in_quote={p.in_quote} measure={p.measure!r} time={p.time}")
    if misses is not None:
        misses.extend(f"{doc['doc']}: missed {items[gi]['frag']!r}" for gi in range(len(items)) if gi not in pairs)
        misses.extend(f"{doc['doc']}: invented {p.text!r}" for p in fps)
        misses.extend(f"{doc['doc']}: gold {g['frag']!r} not in text" for g in doc["figures"]
                      if locate(text, g["frag"], g["n"]) is None)
    for t in tallies:
        t.detect.tp += len(pairs)
        t.detect.fn += len(doc["figures"]) - len(pairs)
        t.detect.fp += len(fps)
        t.value_unit.tp += vu_right
        t.value_unit.fn += len(doc["figures"]) - vu_right
        t.value_unit.fp += len(fps) + len(pairs) - vu_right


def eval_figures_heldout(shared: Path, limit: int | None) -> Report:
    """The generalization set: varied news articles (gold/figures/heldout.json, heldout2.json)."""
    docs = heldout_gold()["docs"][: limit if limit else None]
    tune, frozen = _Tally(), _Tally()
    for doc in docs:
        record = _extract(_heldout_text(doc))
        score_heldout(record, doc, [frozen if is_frozen(doc["doc"]) else tune])
    report = Report(name="figures-heldout")
    report.metrics.update(tune.metrics("tune_"))
    report.metrics.update(frozen.metrics("frozen_"))
    report.counts = {"docs_tune": sum(not is_frozen(d["doc"]) for d in docs),
                     "docs_frozen": sum(is_frozen(d["doc"]) for d in docs)}
    return report


def heldout_misses(half: str = "tune") -> list[str]:
    """Errors on one half of the held-out set (development aid: only ever read the tune half)."""
    out: list[str] = []
    for doc in heldout_gold()["docs"]:
        if ("frozen" if is_frozen(doc["doc"]) else "tune") == half:
            score_heldout(_extract(_heldout_text(doc)), doc, [_Tally()], out)
    return out


EVALS = {"figures": eval_figures, "meantime-figures": eval_meantime, "figures-heldout": eval_figures_heldout}
