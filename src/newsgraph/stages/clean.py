"""Cleaning: the input's blocks into title, subtitles, dateline and paragraphs; debris removed.

(Minimal first version: blocks split on blank lines, the first short block is the title.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgraph.pipeline import InputError, short_hash
from newsgraph.record import Section

if TYPE_CHECKING:
    from newsgraph.pipeline import Work


def _blocks(content: str) -> list[str]:
    return [b.strip() for b in re.split(r"\n\s*\n", content) if b.strip()]


@dataclass(frozen=True)
class _Stage:
    name: str = "clean"
    version: str = "0"
    requires: tuple[str, ...] = ("article",)
    assigns: tuple[str, ...] = ("text", "title", "subtitles", "sections", "removed", "source", "content_key")

    def run(self, work: Work) -> None:
        content = work.article.content
        if not content.strip():
            raise InputError("empty input: no text")
        blocks = _blocks(content)
        parts: list[str] = []
        sections: list[Section] = []
        pos = 0
        for i, block in enumerate(blocks):
            kind = "title" if i == 0 and len(block) < 200 and not block.endswith(".") else "paragraph"
            if kind == "title":
                work.record.title = block
            sections.append(Section(kind=kind, start=pos, end=pos + len(block)))
            parts.append(block)
            pos += len(block) + 2
        text = "\n\n".join(parts)
        work.record.text = text
        work.record.sections = sections
        work.record.content_key = short_hash(text)


STAGE = _Stage()
