"""The ``cleaning`` eval: title, subtitles, removed debris, published date, dateline, byline
and agency on articles we wrote (``evaluation/gold/cleaning/``), tune and frozen halves
reported apart (``harness.is_frozen``; never tune rules on the frozen half).

Metrics (each a rate over the documents that have the field in gold):
``title_exact``, ``subtitles_exact`` (the list, in order), ``removed_exact`` (the multiset
of removed texts, text docs), ``absent_rate`` (HTML docs: none of the listed debris strings
left in ``text``), ``published_exact`` (date and basis), ``published_date``, ``dateline_exact``
(place and date), ``authors_exact``, ``agency_exact``, ``language_exact``; plus ``removed_p``
/ ``removed_r`` / ``removed_f1`` over removed texts. Each also as ``tune.<m>`` and ``frozen.<m>``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

from newsgraph.evaluation.harness import PRF, Report, is_frozen

GOLD = "gold/cleaning"


def _gold_dir() -> Path:
    return Path(str(resources.files("newsgraph.evaluation").joinpath(GOLD)))


def _heldout_dir() -> Path:
    """The QA held-out set (tests/fixtures/heldout_clean/ of a source checkout)."""
    return Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "heldout_clean"


def load_gold(base: Path | None = None) -> tuple[dt.date, dict[str, dict[str, Any]], dict[str, Path]]:
    """(reference date, gold per doc key, article path per doc key), in a stable order."""
    base = base or _gold_dir()
    data = json.loads((base / "gold.json").read_text("utf-8"))
    paths = {p.stem: p for p in sorted((base / "articles").iterdir()) if p.is_file()}
    docs = {key: data["docs"][key] for key in sorted(data["docs"])}
    return dt.date.fromisoformat(data["reference_date"]), docs, paths


def score_doc(gold: dict[str, Any], record: dict[str, Any]) -> tuple[dict[str, bool], PRF]:
    """Per-metric hits for one document, and the removed-text counts."""
    hits: dict[str, bool] = {
        "title_exact": record["title"] == gold["title"],
        "subtitles_exact": record["subtitles"] == gold["subtitles"],
        "published_exact": (record["published"]["date"], record["published"]["basis"])
        == (gold["published"]["date"], gold["published"]["basis"]),
        "published_date": record["published"]["date"] == gold["published"]["date"],
        "authors_exact": record["source"]["authors"] == gold.get("authors", []),
        "agency_exact": record["source"]["agency"] == gold.get("agency"),
        "language_exact": record["language"] == gold.get("language", "en"),
    }
    got_dl = record["dateline"]
    want_dl = gold.get("dateline")
    hits["dateline_exact"] = (
        got_dl is None if want_dl is None
        else got_dl is not None and (got_dl["place"], got_dl["date"]) == (want_dl["place"], want_dl["date"])
    )
    prf = PRF()
    if gold.get("removed") is not None:
        want = Counter(gold["removed"])
        got = Counter(item["text"] for item in record["removed"])
        hits["removed_exact"] = want == got
        tp = sum((want & got).values())
        prf = PRF(tp=tp, fp=sum(got.values()) - tp, fn=sum(want.values()) - tp)
    if gold.get("absent") is not None:
        hits["absent_rate"] = not any(s in record["text"] for s in gold["absent"])
    if gold.get("present") is not None:
        hits["present_rate"] = all(s in record["text"] for s in gold["present"])
    return hits, prf


def evaluate(shared: Path, limit: int | None) -> Report:
    return _evaluate("cleaning", _gold_dir(), limit)


def evaluate_heldout(shared: Path, limit: int | None) -> Report:
    """The QA held-out set: plain-text scrapes of many layouts and HTML pages (a doc with
    ``"error": true`` must be rejected: ``error_exact``)."""
    return _evaluate("cleaning_heldout", _heldout_dir(), limit)


def _evaluate(name: str, base: Path, limit: int | None) -> Report:
    from newsgraph.pipeline import InputError, Settings, extract_many
    from newsgraph.sources import read_file

    reference, docs, paths = load_gold(base)
    keys = list(docs)[:limit] if limit else list(docs)
    articles = [read_file(paths[key]) for key in keys]
    settings = Settings(reference_date=reference)
    # extract_many yields a bad input's error before the batch it skips: one call per
    # article keeps results aligned with keys.
    results = [next(iter(extract_many([article], settings))) for article in articles]
    totals: dict[str, dict[str, list[int]]] = {"all": {}, "tune": {}, "frozen": {}}
    prfs = {"all": PRF(), "tune": PRF(), "frozen": PRF()}
    report = Report(name=name)
    for key, result in zip(keys, results, strict=True):
        half = "frozen" if is_frozen(key) else "tune"
        hits: dict[str, bool]
        if docs[key].get("error"):
            hits = {"error_exact": isinstance(result, InputError)}
            prf = PRF()
        elif isinstance(result, Exception):
            report.notes.append(f"{key}: {result}")
            hits = dict.fromkeys(("title_exact", "published_exact"), False)
            prf = PRF(fn=len(docs[key].get("removed") or []))
        else:
            hits, prf = score_doc(docs[key], result.to_dict())
        for group in ("all", half):
            prfs[group].add(prf)
            for metric, hit in hits.items():
                totals[group].setdefault(metric, [0, 0])
                totals[group][metric][0] += int(hit)
                totals[group][metric][1] += 1
        if half == "tune":
            misses = [m for m, h in hits.items() if not h]
            if misses:
                report.notes.append(f"tune miss {key}: {', '.join(misses)}")
    for group in ("all", "tune", "frozen"):
        prefix = "" if group == "all" else f"{group}."
        for metric, (n_hit, n) in sorted(totals[group].items()):
            report.metrics[prefix + metric] = round(n_hit / n, 4) if n else 0.0
        for name, value in prfs[group].as_dict("removed").items():
            report.metrics[prefix + name] = value
        report.counts[f"{group}_docs"] = sum(1 for k in keys if group == "all" or (group == "frozen") == is_frozen(k))
    return report


EVALS = {"cleaning": evaluate, "cleaning_heldout": evaluate_heldout}
