"""The record as code: shipped schema in step with the models, determinism, ids."""

from __future__ import annotations

import json

from newsgraph.record import ArticleRecord, json_schema
from newsgraph.schema import load_schema

TEXT = (
    "Harbour Board Approves Ferry Line\n\n"
    "The Lorvale harbour board on Monday approved a new ferry line, its chair Mira Tansen said."
)


def test_shipped_schema_matches_models() -> None:
    assert load_schema() == json.loads(json.dumps(json_schema())), "run `make schema`"


def test_rerun_is_byte_identical_but_run(run_extract) -> None:  # type: ignore[no-untyped-def]
    a, b = run_extract(TEXT).to_dict(), run_extract(TEXT).to_dict()
    for rec in (a, b):
        rec["provenance"].pop("run")
    assert json.dumps(a) == json.dumps(b)


def test_id_ignores_options_and_round_trips(run_extract) -> None:  # type: ignore[no-untyped-def]
    a = run_extract(TEXT)
    b = run_extract(TEXT, published="2025-03-03")
    assert a.id == b.id and len(a.id) == 16
    assert ArticleRecord.from_dict(json.loads(a.to_json())) == a
