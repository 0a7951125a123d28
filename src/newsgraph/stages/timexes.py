"""The timexes stage: TIMEX3 dates, times, durations and sets of ``record.text``.

The rules and their resolution live in :mod:`newsgraph.timex`; this stage runs them over the
parsed text with ``work.anchor_date`` (the published date, else the reference date) and
fills ``record.timexes``. Notes: ``work.notes["timexes"]`` holds the list of
:class:`newsgraph.timex.Found` (with ``range`` as dates) for later stages (figures, events).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.record import Timex, TimexRange, item_id
from newsgraph.timex import find

if TYPE_CHECKING:
    from newsgraph.pipeline import Work


@dataclass(frozen=True)
class _Stage:
    name: str = "timexes"
    version: str = "2"
    requires: tuple[str, ...] = ("doc", "published")
    assigns: tuple[str, ...] = ("timexes",)

    def run(self, work: Work) -> None:
        if work.doc is None:
            return
        text = work.record.text
        found = find(text, work.anchor_date, work.doc)
        work.notes["timexes"] = found
        work.record.timexes = [
            Timex(
                id=item_id("timex", f.start, f.end),
                text=f.text,
                type=f.type,  # type: ignore[arg-type]
                value=f.value,
                range=TimexRange(start=f.range[0].isoformat(), end=f.range[1].isoformat())
                if f.range
                else None,
                start=f.start,
                end=f.end,
            )
            for f in found
        ]


STAGE = _Stage()
