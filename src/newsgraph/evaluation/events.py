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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.evaluation.harness import PRF, Report, gold_json, is_frozen
from newsgraph.record import ArticleRecord

REFERENCE_DATE = dt.date(2026, 11, 26)
# The gold for MEANTIME was coded from the first ~2,000 characters of each rebuilt text (the
# part shown to the annotator); events after that are out of scope on both sides.
ANNOTATED_CHARS = 2000


def gold() -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = gold_json("events", "gold.json")["docs"]
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


# --- held-out set: articles we wrote ourselves (tests/fixtures/heldout_events) ---------------

HELDOUT_DIR = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "heldout_events"


def heldout_gold() -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = gold_json("events_heldout", "gold.json")["docs"]
    return docs


@dataclass
class _Extra:
    target_ok: int = 0
    target_n: int = 0
    mode_ok: int = 0
    mode_n: int = 0
    check_ok: int = 0
    check_n: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: _Extra) -> None:
        self.target_ok += other.target_ok
        self.target_n += other.target_n
        self.mode_ok += other.mode_ok
        self.mode_n += other.mode_n
        self.check_ok += other.check_ok
        self.check_n += other.check_n
        self.errors.extend(other.errors)


def _ratio(ok: int, n: int) -> float:
    return round(ok / n, 4) if n else 0.0


def score_extra(record: ArticleRecord, doc: dict[str, Any]) -> _Extra:
    """Targets, modes (of events matched as in :func:`score_doc`) and headline verdicts."""
    out = _Extra()
    heads = [(s.start, s.end) for s in record.sections if s.kind in ("title", "subtitle")]
    system = [e for e in record.events if not any(a <= e.trigger_span.start < b for a, b in heads)]
    used: set[int] = set()
    for g in doc["events"]:
        pos = _locate(record, g["trigger"], g["start"])
        hit = None
        for i, ev in enumerate(system):
            if i not in used and ev.type in g["types"] and pos is not None and ev.start <= pos < ev.end:
                hit = i
                break
        if hit is None:
            out.errors.append(f"{doc['key']}: missed {g['types']} '{g['trigger']}'")
            continue
        used.add(hit)
        ev = system[hit]
        names = {e.id: e.name for e in record.entities}
        got = {"when": ev.when, "status": ev.status, "where": names.get(ev.where or "")}
        for key in ("when", "status", "where"):
            if key in g and got[key] != g[key]:
                out.errors.append(f"{doc['key']}: '{g['trigger']}' {key} {got[key]} != {g[key]}")
        if g.get("actors") and not _actor_hit(g["actors"], _names(record, ev.actors)):
            out.errors.append(f"{doc['key']}: '{g['trigger']}' actors {_names(record, ev.actors)}")
        if g.get("targets"):
            out.target_n += 1
            ok = _actor_hit(g["targets"], _names(record, ev.targets))
            out.target_ok += int(ok)
            if not ok:
                out.errors.append(f"{doc['key']}: '{g['trigger']}' targets {_names(record, ev.targets)}")
        if "mode" in g:
            modes = g["mode"] if isinstance(g["mode"], list) else [g["mode"]]
            out.mode_n += 1
            out.mode_ok += int(ev.mode in modes)
            if ev.mode not in modes:
                out.errors.append(f"{doc['key']}: '{g['trigger']}' mode {ev.mode} != {modes}")
    for i, ev in enumerate(system):
        if i not in used:
            out.errors.append(f"{doc['key']}: extra {ev.type} '{ev.trigger}'")
    for c in doc.get("checks", []):
        pos = record.text.find(c["claim"])
        out.check_n += 1
        found = [k for k in record.checks if k.claim_span.start <= pos < k.claim_span.end]
        verdict = found[0].verdict if found else None
        out.check_ok += int(verdict == c["verdict"])
        if verdict != c["verdict"]:
            out.errors.append(f"{doc['key']}: check '{c['claim']}' {verdict} != {c['verdict']}")
    return out


def evaluate_heldout(shared: Path, limit: int | None, show_errors: str = "tune") -> Report:
    """Our own articles (22): the same event scores plus targets, modes and headline verdicts.

    Errors are listed in the notes for the tune half only (never look at frozen errors).
    """
    from newsgraph.pipeline import extract

    docs = heldout_gold()
    if limit is not None:
        docs = docs[:limit]
    halves = {"tune": (_Scores(), _Extra()), "frozen": (_Scores(), _Extra())}
    report = Report(name="events-heldout")
    for doc in docs:
        text = (HELDOUT_DIR / doc["file"]).read_text("utf-8")
        record = extract(text, reference_date=REFERENCE_DATE)
        half = "frozen" if is_frozen(doc["key"]) else "tune"
        halves[half][0].add(score_doc(record, doc, len(record.text)))
        halves[half][1].add(score_extra(record, doc))
    for half, (sc, ex) in halves.items():
        report.metrics[f"{half}_type_f1"] = round(sc.prf.f1, 4)
        report.metrics[f"{half}_type_p"] = round(sc.prf.precision, 4)
        report.metrics[f"{half}_type_r"] = round(sc.prf.recall, 4)
        report.metrics[f"{half}_actor_acc"] = sc.actor_acc
        report.metrics[f"{half}_target_acc"] = _ratio(ex.target_ok, ex.target_n)
        report.metrics[f"{half}_mode_acc"] = _ratio(ex.mode_ok, ex.mode_n)
        report.metrics[f"{half}_detail_acc"] = _ratio(sc.detail_ok, sc.detail_n)
        report.metrics[f"{half}_check_acc"] = _ratio(ex.check_ok, ex.check_n)
        if half == show_errors:
            report.notes.extend(ex.errors)
    report.counts.update(docs=len(docs))
    return report


EVALS["events-heldout"] = evaluate_heldout
