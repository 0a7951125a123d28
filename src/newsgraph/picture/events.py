"""One event for many reports: the merge rule the store and the ECB+ evaluation share.

Two event mentions are one event when :func:`same_event` holds: the same type (PLOVER type
in the store; the trigger lemma's class when no type is known, as in ECB+), no clash of
actors, targets or place (both known and disjoint), and dates that overlap (both known and
disjoint days keep them apart). Reports without a date merge only within ``WINDOW_DAYS`` of
each other's publication day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newsgraph.picture.keys import overlaps

WINDOW_DAYS = 45


@dataclass(frozen=True)
class EventSig:
    """What the merge rule compares: the event type (or None), its trigger lemma, the keys of
    actors, targets and place, the days its date covers, and the day it was reported."""

    type: str | None
    lemma: str | None = None
    actors: frozenset[str] = field(default_factory=frozenset)
    targets: frozenset[str] = field(default_factory=frozenset)
    place: str | None = None
    days: tuple[str, str] | None = None
    reported: str | None = None
    mode: str | None = None


def _clash(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a) and bool(b) and not (a & b)


def _far(a: str | None, b: str | None, days: int) -> bool:
    if not a or not b:
        return False
    try:
        return abs((dt.date.fromisoformat(a[:10]) - dt.date.fromisoformat(b[:10])).days) > days
    except ValueError:
        return False


def same_event(a: EventSig, b: EventSig, window: int = WINDOW_DAYS) -> bool:
    """True when two mentions report one event (see the module docstring)."""
    if a.type is not None and b.type is not None:
        if a.type != b.type:
            return False
        if a.mode and b.mode and a.mode != b.mode:
            return False
    elif a.lemma is None or b.lemma is None or a.lemma != b.lemma:
        return False
    if _clash(a.actors, b.actors) or _clash(a.targets, b.targets):
        return False
    if a.place and b.place and a.place != b.place:
        return False
    if a.days is not None and b.days is not None:
        return overlaps(a.days, b.days)
    return not _far(a.reported, b.reported, window)


def cluster(sigs: Sequence[EventSig], same: Callable[[EventSig, EventSig], bool] = same_event) -> list[int]:
    """Incremental clustering as the store does it: each mention joins the first earlier
    cluster holding a mention it matches (clusters it matches are merged), else starts one.
    Returns a cluster number per mention."""
    parent: list[int] = []

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, sig in enumerate(sigs):
        parent.append(i)
        for j in range(i):
            if find(j) != find(i) and same(sig, sigs[j]):
                a, b = sorted((find(i), find(j)))
                parent[b] = a
    roots = [find(i) for i in range(len(sigs))]
    numbers: dict[int, int] = {}
    return [numbers.setdefault(r, len(numbers)) for r in roots]
