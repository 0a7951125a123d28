"""Metadata: publication date (given, metadata, dateline, inferred) and language.

(Minimal first version: the given date and py3langid.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.record import Published

if TYPE_CHECKING:
    from newsgraph.pipeline import Work


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), or None for no text."""
    if not text.strip():
        return None
    import py3langid

    lang, _score = py3langid.classify(text[:5000])
    return str(lang)


@dataclass(frozen=True)
class _Stage:
    name: str = "metadata"
    version: str = "0"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ("published", "language")

    def run(self, work: Work) -> None:
        if work.settings.published:
            work.record.published = Published(
                date=work.settings.published.isoformat(), basis="given", note="given by the caller"
            )
        work.record.language = detect_language(work.record.text)


STAGE = _Stage()
