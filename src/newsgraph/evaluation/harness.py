"""The evaluation harness: scores, the registry of evals, committed floors.

An eval module in ``newsgraph.evaluation`` declares ``EVALS = {"name": function}``; each
function takes ``(shared: Path, limit: int | None)`` and returns a :class:`Report`.
``limit`` runs a fixed slice (the first N documents in a stable order), used by ``make
test``; ``None`` runs everything (``make eval``). Floors live in
``evaluation/floors/<name>.json`` as ``{"full": {metric: floor}, "slice": {metric: floor}}``
and a score below its floor fails the run. Nothing here writes under ``../shared/``.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

EvalFn = Callable[[Path, "int | None"], "Report"]


@dataclass
class PRF:
    """Counts and precision / recall / F1."""

    tp: float = 0
    fp: float = 0
    fn: float = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self, prefix: str) -> dict[str, float]:
        return {
            f"{prefix}_p": round(self.precision, 4),
            f"{prefix}_r": round(self.recall, 4),
            f"{prefix}_f1": round(self.f1, 4),
        }


@dataclass
class Report:
    name: str
    metrics: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "metrics": self.metrics, "counts": self.counts, "notes": self.notes}


def shared_dir() -> Path:
    """Where ``../shared`` is: NEWSGRAPH_SHARED, else beside the checkout or the working dir."""
    env = os.environ.get("NEWSGRAPH_SHARED")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in [Path.cwd(), *here.parents]:
        candidate = parent.parent / "shared"
        if (candidate / "benchmarks").is_dir():
            return candidate
    return Path.cwd().parent / "shared"


def gold_json(*parts: str) -> Any:
    """A gold file we wrote, from the package (``gold_json("events", "gold.json")``)."""
    return json.loads(resources.files("newsgraph.evaluation").joinpath("gold", *parts).read_text("utf-8"))


def is_frozen(doc_key: str) -> bool:
    """The frozen half: a stable hash of the document key. Never tune rules on these."""
    return zlib.crc32(doc_key.encode("utf-8")) % 2 == 1


def registry() -> dict[str, EvalFn]:
    import newsgraph.evaluation as pkg

    found: dict[str, EvalFn] = {}
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name in ("harness",):
            continue
        module = importlib.import_module(f"newsgraph.evaluation.{info.name}")
        found.update(getattr(module, "EVALS", {}))
    return dict(sorted(found.items()))


def floors(name: str) -> dict[str, dict[str, float]]:
    path = resources.files("newsgraph.evaluation").joinpath("floors", f"{name}.json")
    if not path.is_file():
        return {}
    data: dict[str, dict[str, float]] = json.loads(path.read_text("utf-8"))
    return data


def below_floors(report: Report, which: str) -> list[str]:
    """The metrics of the report that fall below the committed floor ('full' or 'slice')."""
    out = []
    for metric, floor in floors(report.name).get(which, {}).items():
        got = report.metrics.get(metric)
        if got is None or got + 1e-9 < floor:
            out.append(f"{report.name}.{metric} = {got} is below its floor {floor}")
    return out


def run(name: str, limit: int | None = None, shared: Path | None = None) -> Report:
    fns = registry()
    if name not in fns:
        raise KeyError(f"unknown eval {name!r}; known: {', '.join(fns)}")
    return fns[name](shared or shared_dir(), limit)
