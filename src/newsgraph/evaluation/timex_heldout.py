"""``newsgraph eval timex-heldout``: TIMEX3 on articles we wrote ourselves (14, wire style).

Gold (``gold/timex_heldout/gold.json``) was coded before any rule it scores: for each article
(``tests/fixtures/timex_heldout``) its published date, every time expression (span following
TimeML: no leading preposition; type; value; calendar range for values naming a calendar
period) and, for a few events, the trigger and the expected ``when``. The article is
extracted with its published date as the anchor.

Scores, for the tune and frozen halves apart (:func:`harness.is_frozen` on the key; errors
are listed for the tune half only, never look at the frozen half's errors):

- ``strict_f1`` / ``relaxed_f1``: span P/R/F1, exact or any overlap (one-to-one, as in
  :mod:`newsgraph.evaluation.tempeval3`);
- ``type_f1`` / ``value_f1``: relaxed matches whose type / value equals gold's;
- ``value_acc``: of the relaxed matches, the share with gold's value;
- ``range_acc``: of the gold timexes with a range, the share matched with that exact range;
- ``when_acc``: of the gold events the system finds (an event whose trigger starts at the
  gold trigger), the share with gold's ``when``; ``event_found``: the share found (events
  stage recall, listed so a missed event is not read as a wrong date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.evaluation.harness import Report, gold_json, is_frozen
from newsgraph.evaluation.tempeval3 import GoldTimex, Scores, score_doc

REFERENCE_DATE = dt.date(2026, 11, 26)
FIXTURES = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "timex_heldout"


def heldout_gold() -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = gold_json("timex_heldout", "gold.json")["docs"]
    return docs


@dataclass
class _Half:
    scores: Scores = field(default_factory=Scores.empty)
    range_ok: int = 0
    range_n: int = 0
    when_ok: int = 0
    when_n: int = 0
    events_n: int = 0
    errors: list[str] = field(default_factory=list)


def _ratio(ok: int, n: int) -> float:
    return round(ok / n, 4) if n else 0.0


def evaluate(shared: Path, limit: int | None) -> Report:
    """Timexes and event ``when`` on our own articles, anchored on their published dates."""
    from newsgraph.pipeline import extract

    docs = heldout_gold()
    if limit is not None:
        docs = docs[:limit]
    halves = {"tune": _Half(), "frozen": _Half()}
    for doc in docs:
        text = (FIXTURES / doc["file"]).read_text("utf-8")
        record = extract(text, reference_date=REFERENCE_DATE, published=doc["published"])
        half = halves["frozen" if is_frozen(doc["key"]) else "tune"]
        gold = [GoldTimex(g["start"], g["start"] + len(g["text"]), g["type"], g["value"])
                for g in doc["timexes"]]
        system = [(t.start, t.end, str(t.type), t.value or "") for t in record.timexes]
        scores, errors = score_doc(gold, system)
        half.scores.add(scores)
        key = doc["key"]
        for kind, g, sys_t in errors:
            if kind == "value" and g is not None and sys_t is not None:
                half.errors.append(
                    f"{key}: '{text[sys_t[0]:sys_t[1]]}' {sys_t[2]} {sys_t[3]} != {g.type} {g.value}")
            elif kind == "missed" and g is not None:
                half.errors.append(f"{key}: missed '{text[g.start:g.end]}' {g.type} {g.value}")
            elif sys_t is not None:
                half.errors.append(f"{key}: spurious '{text[sys_t[0]:sys_t[1]]}' {sys_t[2]} {sys_t[3]}")
        for g in doc["timexes"]:
            if "range" not in g:
                continue
            half.range_n += 1
            hits = [t for t in record.timexes
                    if t.start < g["start"] + len(g["text"]) and g["start"] < t.end]
            rng = hits[0].range if hits else None
            got = [rng.start, rng.end] if rng else None
            if got == g["range"]:
                half.range_ok += 1
            elif hits and hits[0].value == g["value"]:  # a wrong value is listed above
                half.errors.append(f"{key}: '{g['text']}' range {got} != {g['range']}")
        for e in doc.get("events", []):
            half.events_n += 1
            found = [ev for ev in record.events
                     if ev.trigger_span is not None and ev.trigger_span.start == e["start"]]
            if not found:
                half.errors.append(f"{key}: event '{e['trigger']}' not found (when {e['when']})")
                continue
            half.when_n += 1
            if found[0].when == e["when"]:
                half.when_ok += 1
            else:
                half.errors.append(f"{key}: event '{e['trigger']}' when {found[0].when} != {e['when']}")
    report = Report(name="timex-heldout")
    for name, h in halves.items():
        s = h.scores
        report.metrics[f"{name}_strict_f1"] = round(s.strict.f1, 4)
        report.metrics[f"{name}_relaxed_f1"] = round(s.relaxed.f1, 4)
        report.metrics[f"{name}_type_f1"] = round(s.type.f1, 4)
        report.metrics[f"{name}_value_f1"] = round(s.value.f1, 4)
        report.metrics[f"{name}_value_acc"] = _ratio(int(s.value.tp), int(s.relaxed.tp))
        report.metrics[f"{name}_range_acc"] = _ratio(h.range_ok, h.range_n)
        report.metrics[f"{name}_when_acc"] = _ratio(h.when_ok, h.when_n)
        report.metrics[f"{name}_event_found"] = _ratio(h.when_n, h.events_n)
    report.counts.update(docs=len(docs), gold=sum(len(d["timexes"]) for d in docs),
                         events=sum(len(d.get("events", [])) for d in docs))
    report.notes.append("tune_* = the half we tune on; frozen_* = the half we never tune on")
    report.notes.extend(halves["tune"].errors)
    return report


EVALS = {"timex-heldout": evaluate}
