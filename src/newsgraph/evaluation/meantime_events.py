"""Reading MEANTIME (CAT XML) documents for the events eval: the text rebuilt from tokens,
with the character span of every token, and the EVENT_MENTION anchors.

The text is rebuilt deterministically (a space between tokens except before closing
punctuation and after opening brackets; a blank line between the title sentence, the date
line and the body), so gold offsets written against it stay valid.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.evaluation.meantime_text import rebuild

_NO_SPACE_BEFORE = {"\u201d", ",", ".", ";", ":", "!", "?", ")", "]", "'s", "'", "n't", "%", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "$", "\u201c"}
_QUOTES = {"``": "\u201c", "''": "\u201d"}


@dataclass
class MeantimeDoc:
    key: str
    text: str
    tokens: dict[int, tuple[int, int]] = field(default_factory=dict)  # t_id -> (start, end)
    events: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, pos)


def corpus_dir(shared: Path) -> Path:
    return shared / "benchmarks" / "meantime-en" / "intra_cross-doc_annotation"


def _word(tokens: Sequence[ET.Element], i: int) -> str:
    word = tokens[i].text or ""
    return _QUOTES.get(word, word)


def load(path: Path) -> MeantimeDoc:
    root = ET.parse(path).getroot()
    rebuilt = rebuild(root, _NO_SPACE_BEFORE, _NO_SPACE_AFTER, _word)
    spans = {int(t_id): span for t_id, span in rebuilt.spans.items()}
    doc = MeantimeDoc(key=f"meantime:{root.get('doc_id')}", text=rebuilt.text, tokens=spans)
    for mention in root.iter("EVENT_MENTION"):
        ids = [int(a.get("t_id", "0")) for a in mention.iter("token_anchor")]
        if ids:
            doc.events.append((spans[ids[0]][0], spans[ids[-1]][1], mention.get("pos", "")))
    return doc
