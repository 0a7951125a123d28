"""Coreference scores: MUC, B3, CEAF-e and their mean (CoNLL F1), as the reference scorer
(Pradhan et al. 2014) defines them, for key and response clusterings over possibly
different mention sets (a mention missing on one side counts as a singleton there for MUC,
and contributes nothing for B3 and CEAF-e)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

Clusters = Sequence[frozenset[Hashable]]


def clusters_of(labels: Iterable[tuple[Hashable, Hashable]]) -> list[frozenset[Hashable]]:
    """Clusters from (mention, cluster label) pairs."""
    groups: dict[Hashable, set[Hashable]] = {}
    for mention, label in labels:
        groups.setdefault(label, set()).add(mention)
    return [frozenset(g) for g in groups.values()]


def _prf(num_r: float, den_r: float, num_p: float, den_p: float) -> tuple[float, float, float]:
    r = num_r / den_r if den_r else 0.0
    p = num_p / den_p if den_p else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _muc_side(a: Clusters, b: Clusters) -> tuple[float, float]:
    where = {m: i for i, c in enumerate(b) for m in c}
    num = den = 0.0
    for c in a:
        parts = {where.get(m, ("alone", m)) for m in c}
        num += len(c) - len(parts)
        den += len(c) - 1
    return num, den


def muc(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    nr, dr = _muc_side(key, response)
    np_, dp = _muc_side(response, key)
    return _prf(nr, dr, np_, dp)


def _b3_side(a: Clusters, b: Clusters) -> tuple[float, float]:
    where = {m: c for c in b for m in c}
    num = 0.0
    n = 0
    for c in a:
        for m in c:
            n += 1
            other = where.get(m)
            if other is not None:
                num += len(c & other) / len(c)
    return num, n


def b3(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    nr, dr = _b3_side(key, response)
    np_, dp = _b3_side(response, key)
    return _prf(nr, dr, np_, dp)


def ceaf_e(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    if not key or not response:
        return 0.0, 0.0, 0.0
    sim = np.zeros((len(key), len(response)))
    index: dict[Hashable, list[int]] = {}
    for j, r in enumerate(response):
        for m in r:
            index.setdefault(m, []).append(j)
    for i, k in enumerate(key):
        for m in k:
            for j in index.get(m, []):
                sim[i, j] += 1
        for jj in np.nonzero(sim[i])[0]:
            sim[i, jj] = 2 * sim[i, jj] / (len(k) + len(response[int(jj)]))
    rows, cols = linear_sum_assignment(-sim)
    total = float(sim[rows, cols].sum())
    return _prf(total, len(key), total, len(response))


def conll(key: Clusters, response: Clusters) -> dict[str, float]:
    """Every score, rounded: ``muc_p``, ``muc_r``, ``muc_f1`` ... ``conll_f1``."""
    out: dict[str, float] = {}
    f1s = []
    for name, fn in (("muc", muc), ("b3", b3), ("ceafe", ceaf_e)):
        p, r, f = fn(key, response)
        out.update({f"{name}_p": round(p, 4), f"{name}_r": round(r, 4), f"{name}_f1": round(f, 4)})
        f1s.append(f)
    out["conll_f1"] = round(sum(f1s) / 3, 4)
    return out
