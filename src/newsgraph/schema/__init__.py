"""The shipped JSON Schema of the article record (generated from ``newsgraph.record``)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    text = resources.files("newsgraph.schema").joinpath("article.schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def validate(record: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError when the record does not follow the shipped schema."""
    import jsonschema

    jsonschema.validate(record, load_schema())
