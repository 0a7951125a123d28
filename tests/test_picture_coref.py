"""The coreference scorer against the worked example of Pradhan et al. (2014): key
{a,b,c} {d,e,f,g}; response {a,b} {c,d} {f,g,h,i}. The values below were worked out by hand
from the metric definitions (MUC 2/5 both ways; B3 recall 35/84, precision 4/8; CEAF-e the
best alignment sums 0.8 + 0.5 over 2 key and 3 response entities)."""

from __future__ import annotations

import pytest

from newsgraph.evaluation.coref import b3, ceaf_e, clusters_of, conll, muc

KEY = [frozenset("abc"), frozenset("defg")]
RESPONSE = [frozenset("ab"), frozenset("cd"), frozenset("fghi")]


def test_worked_example() -> None:
    assert muc(KEY, RESPONSE) == pytest.approx((0.4, 0.4, 0.4))
    p, r, _ = b3(KEY, RESPONSE)
    assert (p, r) == pytest.approx((0.5, 35 / 84))
    p, r, _ = ceaf_e(KEY, RESPONSE)
    assert (p, r) == pytest.approx((1.3 / 3, 0.65))
    scores = conll(KEY, RESPONSE)
    assert scores["conll_f1"] == pytest.approx((scores["muc_f1"] + scores["b3_f1"] + scores["ceafe_f1"]) / 3, abs=1e-4)


def test_perfect_and_all_singletons() -> None:
    assert conll(KEY, KEY)["conll_f1"] == 1.0
    singletons = [frozenset(m) for m in "abcdefg"]
    scores = conll(KEY, singletons)
    assert scores["muc_r"] == 0.0 and scores["b3_p"] == 1.0
    assert clusters_of([("a", 1), ("b", 1), ("c", 2)]) == [frozenset("ab"), frozenset("c")]
