"""``newsgraph eval events``: PLOVER events against our gold (seed + MEANTIME articles).

Gold (``gold/events/gold.json``) was hand-coded before the rules: for each document, the
trigger fragment and offset of each event, the acceptable types, and the actors (names).
Texts are never stored: the seed is read from ``../shared/corpus/seed`` and MEANTIME
documents are rebuilt from their tokens (:mod:`newsgraph.evaluation.meantime_events`).

Scoring:

- a system event matches a gold event when its type is one the gold accepts and its
  sentence (``start``-``end``) contains the gold trigger; one-to-one, in text order;
- ``type_p`` / ``type_r`` / ``type_f1`` over all events; ``actor_acc``: of the matched gold
  events that list actors, the share where a system actor (entity name or text) names one
  of them;
- scope: events in the body (title and subtitles are headline claims, judged by the checks
  stage, on both sides); for MEANTIME, only up to the last sentence MEANTIME itself
  annotates and at most the first 2,000 characters (what our annotator coded);
- ``detail_acc``: of the matched gold events that give ``when``, ``status`` or ``where``,
  the share of those values the system gets exactly;
- tune and frozen halves (:func:`harness.is_frozen` on the document key) are reported
  separately: never tune the rules on the frozen half.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from newsgraph.evaluation.harness import PRF, Report, is_frozen
from newsgraph.record import ArticleRecord

REFERENCE_DATE = dt.date(2026, 11, 26)
# The gold for MEANTIME was coded from the first ~2,000 characters of each rebuilt text (the
# part shown to the annotator); events after that are out of scope on both sides.
ANNOTATED_CHARS = 2000


def gold() -> list[dict[str, Any]]:
    path = resources.files("newsgraph.evaluation").joinpath("gold", "events", "gold.json")
    docs: list[dict[str, Any]] = json.loads(path.read_text("utf-8"))["docs"]
    return docs


@dataclass
class _Scores:
    prf: PRF = field(default_factory=PRF)
    actor_ok: int = 0
    actor_n: int = 0
    detail_ok: int = 0
    detail_n: int = 0

    def add(self, other: _Scores) -> None:
        self.prf.add(other.prf)
        self.actor_ok += other.actor_ok
        self.actor_n += other.actor_n
        self.detail_ok += other.detail_ok
        self.detail_n += other.detail_n

    @property
    def actor_acc(self) -> float:
        return round(self.actor_ok / self.actor_n, 4) if self.actor_n else 0.0


def _text_and_region(doc: dict[str, Any], shared: Path) -> tuple[str, int] | None:
    if doc["key"] == "seed":
        files = sorted((shared / "corpus" / "seed").glob("*.txt"))
        if not files:
            return None
        text = files[0].read_text("utf-8")
        return text, len(text)
    from newsgraph.evaluation.meantime_events import corpus_dir, load

    path = corpus_dir(shared).parent / doc["source"].split("/", 1)[1]
    if not path.is_file():
        return None
    mt = load(path)
    last = max((e for _, e, _ in mt.events), default=len(mt.text))
    stop = [mt.text.find(p, last) for p in (". ", ".\n", ".\u201d")]
    found = [s for s in stop if s >= 0]
    end = min(found) + 1 if found else len(mt.text)
    return mt.text, min(end, ANNOTATED_CHARS)


def _locate(record: ArticleRecord, fragment: str, near: int) -> int | None:
    """Where the gold fragment is in the record's text (cleaning may shift offsets)."""
    text = record.text
    best: int | None = None
    pos = text.find(fragment)
    while pos >= 0:
        if best is None or abs(pos - near) < abs(best - near):
            best = pos
        pos = text.find(fragment, pos + 1)
    return best


def _names(record: ArticleRecord, participants: list[Any]) -> list[str]:
    names = {e.id: e.name for e in record.entities}
    out = []
    for p in participants:
        if p.entity and p.entity in names:
            out.append(names[p.entity].casefold())
        out.append(p.text.casefold())
    return out


def _actor_hit(gold_actors: list[str], system: list[str]) -> bool:
    for g in gold_actors:
        g = g.casefold()
        for s in system:
            if g == s or g in s or (len(s) > 3 and s in g):
                return True
    return False


def score_doc(record: ArticleRecord, doc: dict[str, Any], region_end: int) -> _Scores:
    """Score one record against one gold document."""
    out = _Scores()
    heads = [(s.start, s.end) for s in record.sections if s.kind in ("title", "subtitle")]

    def in_head(pos: int) -> bool:
        return any(a <= pos < b for a, b in heads)

    golds = []
    for g in doc["events"]:
        pos = _locate(record, g["trigger"], g["start"])
        if pos is None or pos >= region_end or in_head(pos):
            continue
        golds.append((pos, g))
    system = [e for e in record.events if e.start < region_end and not in_head(e.trigger_span.start)]
    used: set[int] = set()
    for pos, g in golds:
        hit = None
        for i, ev in enumerate(system):
            if i in used or ev.type not in g["types"]:
                continue
            if ev.start <= pos < ev.end:
                hit = i
                break
        if hit is None:
            out.prf.fn += 1
            continue
        used.add(hit)
        out.prf.tp += 1
        ev = system[hit]
        if g.get("actors"):
            out.actor_n += 1
            if _actor_hit(g["actors"], _names(record, ev.actors)):
                out.actor_ok += 1
        names = {e.id: e.name for e in record.entities}
        for key, got in (("when", ev.when), ("status", ev.status), ("where", names.get(ev.where or ""))):
            if key in g:
                out.detail_n += 1
                out.detail_ok += int(got == g[key])
    out.prf.fp += len(system) - len(used)
    return out


def evaluate(shared: Path, limit: int | None) -> Report:
    from newsgraph.pipeline import extract

    docs = gold()
    if limit is not None:
        docs = docs[:limit]
    halves = {"tune": _Scores(), "frozen": _Scores()}
    total = _Scores()
    report = Report(name="events")
    n = 0
    for doc in docs:
        loaded = _text_and_region(doc, shared)
        if loaded is None:
            report.notes.append(f"missing: {doc['key']}")
            continue
        text, region = loaded
        record = extract(text, reference_date=REFERENCE_DATE)
        scores = score_doc(record, doc, region)
        halves["frozen" if is_frozen(doc["key"]) else "tune"].add(scores)
        total.add(scores)
        n += 1
    report.notes.append(
        "match: gold type accepted and gold trigger inside the event's sentence; body only; "
        f"MEANTIME scored up to its last annotated sentence and at most {ANNOTATED_CHARS} chars"
    )
    report.metrics.update(total.prf.as_dict("type"))
    report.metrics["actor_acc"] = total.actor_acc
    report.metrics["detail_acc"] = (
        round(total.detail_ok / total.detail_n, 4) if total.detail_n else 0.0
    )  # when / status / where, where the gold gives them
    for half, sc in halves.items():
        report.metrics[f"{half}_type_f1"] = round(sc.prf.f1, 4)
        report.metrics[f"{half}_actor_acc"] = sc.actor_acc
    report.counts.update(
        docs=n, gold=int(total.prf.tp + total.prf.fn), system=int(total.prf.tp + total.prf.fp),
        matched=int(total.prf.tp), details=total.detail_n,
    )
    return report


EVALS = {"events": evaluate}
