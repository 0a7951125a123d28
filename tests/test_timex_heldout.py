"""Timexes on news unlike the seed: 14 articles we wrote (tests/fixtures/timex_heldout, gold in
evaluation/gold/timex_heldout, coded before the rules), each anchored on its own published date.

The frozen half (``harness.is_frozen``) is scored by ``newsgraph eval timex-heldout`` and never
inspected for tuning; the fixture-level assertions here use the tune half only.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from conftest import FIXTURES
from newsgraph.evaluation import harness
from newsgraph.pipeline import extract

HELDOUT = FIXTURES / "timex_heldout"


def gold_docs() -> list[dict[str, Any]]:
    path = resources.files("newsgraph.evaluation").joinpath("gold", "timex_heldout", "gold.json")
    docs: list[dict[str, Any]] = json.loads(path.read_text("utf-8"))["docs"]
    return docs


def test_gold_offsets_match_the_fixtures() -> None:
    docs = gold_docs()
    assert len(docs) >= 12
    assert {harness.is_frozen(d["key"]) for d in docs} == {True, False}
    for doc in docs:
        text = (HELDOUT / doc["file"]).read_text("utf-8")
        for t in doc["timexes"]:
            assert text[t["start"]:t["start"] + len(t["text"])] == t["text"], (doc["key"], t)
        for e in doc["events"]:
            assert text[e["start"]:e["start"] + len(e["trigger"])] == e["trigger"], (doc["key"], e)


def test_heldout_eval_floors() -> None:
    report = harness.run("timex-heldout", limit=None)
    assert not harness.below_floors(report, "slice"), report.metrics


def test_a_tune_article_is_anchored_on_its_published_date() -> None:
    doc = next(d for d in gold_docs() if not harness.is_frozen(d["key"]))
    text = (HELDOUT / doc["file"]).read_text("utf-8")
    record = extract(text, reference_date="2026-11-26", published=doc["published"])
    got = {(t.start, t.value) for t in record.timexes}
    want = {(t["start"], t["value"]) for t in doc["timexes"]}
    assert len(got & want) >= 0.8 * len(want), sorted(want - got)
