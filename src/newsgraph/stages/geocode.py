"""The geocode stage (placeholder until its issue lands: assigns nothing yet)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgraph.pipeline import Work


@dataclass(frozen=True)
class _Stage:
    name: str = "geocode"
    version: str = "0"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("entities.geo",)

    def run(self, work: Work) -> None:
        return None


STAGE = _Stage()
