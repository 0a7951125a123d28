"""``newsgraph eval quotes``: quotes and speakers against our hand-written gold.

Gold (``evaluation/gold/quotes/gold.json``) was written before the rules: the seed article
(offsets and short fragments only; its text is read from ``../shared`` at run time) and
articles of our own under ``gold/quotes/articles/``. Each gold span is relocated in
``record.text`` by its head/tail fragments nearest its offsets (cleaning may move text).

Scoring: a predicted quote matches a gold quote of the same family (direct/partial vs
indirect) when their overlap covers at least half of the shorter span; matching is
one-to-one, largest overlap first. ``optional`` gold quotes are neither credited nor
penalized. Speaker accuracy is over matched quotes: the predicted name (the entity's name
when ``speaker`` is set, else ``speaker_text``) against the gold name(s). Scores are given
for the tune half and the frozen half (:func:`harness.is_frozen`) separately, and for a
late held-out set (``gold_late.json``: articles written after the rules existed, gold
written before the rules were run on them; ``late_*``), never tuned on.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from newsgraph.evaluation.harness import PRF, Report, is_frozen
from newsgraph.pipeline import extract, normalize_input
from newsgraph.record import ArticleRecord

REFERENCE_DATE = dt.date(2026, 11, 26)
GOLD = resources.files("newsgraph.evaluation").joinpath("gold", "quotes")


@lru_cache(maxsize=2)
def gold(name: str = "gold.json") -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLD.joinpath(name).read_text("utf-8"))
    return data


def doc_text(shared: Path, entry: dict[str, Any]) -> str | None:
    path = entry["file"]
    if path.startswith("shared:"):
        target = shared / path.removeprefix("shared:")
        return normalize_input(target.read_text("utf-8")) if target.is_file() else None
    return normalize_input(GOLD.joinpath(*path.split("/")).read_text("utf-8"))


def relocate(text: str, q: dict[str, Any]) -> tuple[int, int] | None:
    """Where a gold span is in ``text``: its head nearest the gold start, its tail after."""
    head, tail = q["head"], q["tail"]
    starts = [m.start() for m in re.finditer(re.escape(head), text)]
    if not starts:
        return None
    start = min(starts, key=lambda s: abs(s - q["start"]))
    end = text.find(tail, start)
    if end < 0:
        return None
    return start, end + len(tail)


def _norm(name: str) -> list[str]:
    name = name.replace("’", "'").lower().strip()
    name = re.sub(r"^(the|a|an)\s+", "", name)
    name = re.sub(r"'s$", "", name)
    return re.findall(r"[\w'-]+", name)


def name_match(pred: str | None, gold_names: str | list[str] | None) -> bool:
    if gold_names is None:
        return pred is None
    if pred is None:
        return False
    for g in [gold_names] if isinstance(gold_names, str) else gold_names:
        a, b = _norm(pred), _norm(g)
        if a == b:
            return True
        short, long_ = (a, b) if len(a) < len(b) else (b, a)
        short_src = pred if short is a else g
        if short and short_src[:1].isupper() and (long_[-len(short):] == short or long_[:len(short)] == short):
            return True
    return False


@dataclass
class _Tally:
    quotes: PRF
    speaker_ok: int = 0
    speaker_n: int = 0
    kind_ok: int = 0
    iou_sum: float = 0.0

    def metrics(self, prefix: str) -> dict[str, float]:
        out = self.quotes.as_dict(f"{prefix}_quote")
        out[f"{prefix}_speaker_acc"] = round(self.speaker_ok / self.speaker_n, 4) if self.speaker_n else 0.0
        out[f"{prefix}_kind_acc"] = round(self.kind_ok / self.speaker_n, 4) if self.speaker_n else 0.0
        out[f"{prefix}_span_iou"] = round(self.iou_sum / self.speaker_n, 4) if self.speaker_n else 0.0
        return out


def _family(kind: str) -> str:
    return "indirect" if kind == "indirect" else "marked"


def score(record: ArticleRecord, gold_quotes: list[dict[str, Any]], tally: _Tally,
          misses: list[str] | None = None) -> None:
    text = record.text
    names = {e.id: e.name for e in record.entities}
    golds = []
    for q in gold_quotes:
        span = relocate(text, q)
        if span is None:
            if not q.get("optional"):
                tally.quotes.fn += 1
                if misses is not None:
                    misses.append(f"gold not found in text: {q['head']!r}")
            continue
        golds.append((span, q))
    pairs = []
    for gi, ((gs, ge), q) in enumerate(golds):
        for pi, p in enumerate(record.quotes):
            if _family(p.kind) != _family(q["kind"]):
                continue
            overlap = min(ge, p.end) - max(gs, p.start)
            if overlap > 0 and overlap >= 0.5 * min(ge - gs, p.end - p.start):
                pairs.append((overlap, gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        (gs, ge), q = golds[gi]
        if q.get("optional"):
            continue
        p = record.quotes[pi]
        tally.quotes.tp += 1
        pred_name = names.get(p.speaker or "") or p.speaker_text
        ok = name_match(pred_name, q["speaker"]) or name_match(p.speaker_text, q["speaker"])
        tally.speaker_n += 1
        tally.speaker_ok += ok
        tally.kind_ok += p.kind == q["kind"]
        inter = min(ge, p.end) - max(gs, p.start)
        tally.iou_sum += inter / (max(ge, p.end) - min(gs, p.start))
        if not ok and misses is not None:
            misses.append(f"speaker {pred_name!r} for gold {q['speaker']!r} at {q['head']!r}")
    for gi, (_, q) in enumerate(golds):
        if gi not in used_g and not q.get("optional"):
            tally.quotes.fn += 1
            if misses is not None:
                misses.append(f"missed {q['kind']} {q['head']!r}")
    for pi, p in enumerate(record.quotes):
        if pi not in used_p:
            tally.quotes.fp += 1
            if misses is not None:
                misses.append(f"invented {p.kind} {p.text[:30]!r}")


def run_quotes(shared: Path, limit: int | None) -> Report:
    docs = gold()["docs"]
    keys = sorted(docs)
    late = gold("gold_late.json")["docs"]
    late_keys = sorted(late)
    if limit is not None:
        keys = keys[:limit]
        late_keys = late_keys[: max(1, limit // 3)]
    halves = {"tune": _Tally(PRF()), "frozen": _Tally(PRF())}
    report = Report("quotes")
    counted = {"tune": 0, "frozen": 0}
    for key in keys:
        text = doc_text(shared, docs[key])
        if text is None:
            report.notes.append(f"{key}: text not found under {shared}")
            continue
        record = extract(text, reference_date=REFERENCE_DATE)
        half = "frozen" if is_frozen(key) else "tune"
        counted[half] += 1
        score(record, docs[key]["quotes"], halves[half])
    for half, tally in halves.items():
        report.metrics.update(tally.metrics(half))
    # the late held-out set: never tuned on, scored apart from the two halves
    held = _Tally(PRF())
    for key in late_keys:
        text = doc_text(shared, late[key])
        if text is not None:
            score(extract(text, reference_date=REFERENCE_DATE), late[key]["quotes"], held)
    report.metrics.update(held.metrics("late"))
    report.counts["docs_late"] = len(late_keys)
    both = _Tally(PRF())
    for tally in halves.values():
        both.quotes.add(tally.quotes)
        both.speaker_ok += tally.speaker_ok
        both.speaker_n += tally.speaker_n
        both.kind_ok += tally.kind_ok
        both.iou_sum += tally.iou_sum
    report.metrics.update(both.metrics("all"))
    report.counts.update({"docs_tune": counted["tune"], "docs_frozen": counted["frozen"],
                          "gold_matched": both.speaker_n})
    return report


EVALS = {"quotes": run_quotes}


def run_quotes_heldout(shared: Path, limit: int | None) -> Report:
    """The generalization set (``gold_heldout.json``): varied news articles written for QA
    (h01-h12; h13-h25 for nominal speakers -- "the spokeswoman", "the carmaker" -- "according
    to", multi-paragraph and headline quotes, group speakers) with gold written before the
    system ran on them; tune and frozen halves apart."""
    docs = gold("gold_heldout.json")["docs"]
    keys = sorted(docs)[: limit if limit else None]
    halves = {"tune": _Tally(PRF()), "frozen": _Tally(PRF())}
    report = Report("quotes-heldout")
    for key in keys:
        text = doc_text(shared, docs[key])
        if text is None:
            continue
        record = extract(text, reference_date=REFERENCE_DATE)
        half = "frozen" if is_frozen(key) else "tune"
        score(record, docs[key]["quotes"], halves[half])
    for half, tally in halves.items():
        report.metrics.update(tally.metrics(half))
    report.counts.update({"docs_tune": sum(not is_frozen(k) for k in keys),
                          "docs_frozen": sum(is_frozen(k) for k in keys)})
    return report


def heldout_misses(shared: Path, half: str = "tune") -> list[str]:
    """Errors on one half of the held-out set (development aid: only ever read the tune half)."""
    docs = gold("gold_heldout.json")["docs"]
    out: list[str] = []
    for key in sorted(docs):
        if ("frozen" if is_frozen(key) else "tune") != half:
            continue
        text = doc_text(shared, docs[key])
        if text is None:
            continue
        misses: list[str] = []
        score(extract(text, reference_date=REFERENCE_DATE), docs[key]["quotes"], _Tally(PRF()), misses)
        out.extend(f"{key}: {m}" for m in misses)
    return out


EVALS["quotes-heldout"] = run_quotes_heldout
