"""Paragraph bounds and the text of a parsed doc, computed once per doc (spaCy rebuilds
``doc.text`` on every access)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_BLOCKS = "newsgraph.figures.blocks"


def doc_text(doc: Doc) -> str:
    """The text of the doc (spaCy rebuilds ``doc.text`` on every access: keep it once)."""
    cached = doc.user_data.get("newsgraph.figures.text")
    if cached is None:
        cached = doc.user_data["newsgraph.figures.text"] = doc.text
    text: str = cached
    return text


def block_of(doc: Doc, char: int) -> tuple[int, int]:
    """The paragraph (title, subtitle, body paragraph) around a character offset."""
    blocks = doc.user_data.get(_BLOCKS)
    if blocks is None:
        text = doc_text(doc)
        blocks = []
        pos = 0
        for para in text.split("\n\n"):
            blocks.append((pos, pos + len(para)))
            pos += len(para) + 2
        doc.user_data[_BLOCKS] = blocks
    for a, b in blocks:
        if a <= char <= b:
            return a, b
    return 0, len(doc_text(doc))
