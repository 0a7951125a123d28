"""The ordered stage list. The parse (``newsgraph.nlp.model.parse_many``) runs between the
two halves over a whole batch. The order is checked when this module is imported."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.stages import (
    checks,
    clean,
    entities,
    events,
    figures,
    geocode,
    metadata,
    quotes,
    timexes,
)

if TYPE_CHECKING:
    from newsgraph.pipeline import Stage

BEFORE_PARSE: list[Stage] = [clean.STAGE, metadata.STAGE]
AFTER_PARSE: list[Stage] = [
    entities.STAGE,
    geocode.STAGE,
    timexes.STAGE,
    quotes.STAGE,
    figures.STAGE,
    events.STAGE,
    checks.STAGE,
]


def _check() -> None:
    from newsgraph.nlp.model import PARSE_STAGE
    from newsgraph.pipeline import check_order

    check_order([*BEFORE_PARSE, PARSE_STAGE, *AFTER_PARSE])


_check()
