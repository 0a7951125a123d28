"""The pipeline: stage order checked at start-up, results in input order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from newsgraph.pipeline import Article, InputError, Settings, check_order, extract_many


@dataclass(frozen=True)
class _Declared:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    version: str = "1"


def test_a_stage_order_that_asks_for_an_unassigned_field_fails_at_start() -> None:
    good = [_Declared("a", ("article",), ("text",)), _Declared("b", ("text",), ("doc",))]
    check_order(good)
    with pytest.raises(RuntimeError, match="requires"):
        check_order(list(reversed(good)))


def test_results_come_in_input_order_with_errors_in_place() -> None:
    articles = [
        Article("Harbour Opens\n\nThe Lorvale harbour opened on Monday, its manager said."),
        Article("   \n  "),
        Article("Ferry Delayed\n\nThe Brenholt ferry was delayed by fog, the operator said."),
        Article(""),
        Article("Market Closes Early\n\nTraders in Ostvik closed the market early on Friday."),
    ]
    out = list(extract_many(articles, Settings(reference_date=dt.date(2026, 11, 26)), batch_size=2))
    kinds = [type(item).__name__ for item in out]
    assert kinds == ["ArticleRecord", "InputError", "ArticleRecord", "InputError", "ArticleRecord"]
    titles = [item.title for item in out if not isinstance(item, InputError)]
    assert titles == ["Harbour Opens", "Ferry Delayed", "Market Closes Early"]
