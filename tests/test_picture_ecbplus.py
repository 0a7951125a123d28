"""``newsgraph eval ecbplus`` on a fixed slice (the first documents of test topic 36), read at
run time from ../shared: every score is a number in [0, 1], the merge rule is scored beside
the same-lemma baseline, and the committed slice floors hold."""

from __future__ import annotations

import pytest

from conftest import SHARED
from newsgraph.evaluation import harness
from newsgraph.evaluation.ecbplus import load, rebuild, validated

ECB = SHARED / "benchmarks" / "ecbplus"
pytestmark = pytest.mark.skipif(not ECB.is_dir(), reason="ECB+ is read from ../shared at run time")

SLICE = 12


def test_slice_scores_and_floors() -> None:
    report = harness.run("ecbplus", limit=SLICE)
    for key in ("classic_lemma_conll_f1", "classic_merge_conll_f1", "e2e_conll_f1", "story_topic_b3_f1"):
        assert 0.0 <= report.metrics[key] <= 1.0
    assert report.counts["documents"] == SLICE and report.counts["gold_mentions"] > 50
    assert harness.below_floors(report, "slice") == []


def test_documents_rebuild_with_token_spans() -> None:
    docs = load(SHARED, (36,), 2)
    keep = validated(SHARED)
    assert keep and all(d.topic == 36 for d in docs)
    text, spans = rebuild(docs[0])
    for tid, (start, end) in list(spans.items())[:200]:
        assert text[start:end] == docs[0].tokens[tid][1]
    chains = {m.chain for m in docs[0].events}
    assert any(c.startswith("X:") for c in chains)
