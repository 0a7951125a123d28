"""Reading MEANTIME (CAT XML) documents for the events eval: the text rebuilt from tokens,
with the character span of every token, and the EVENT_MENTION anchors.

The text is rebuilt deterministically (a space between tokens except before closing
punctuation and after opening brackets; a blank line between the title sentence, the date
line and the body), so gold offsets written against it stay valid.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

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


def load(path: Path) -> MeantimeDoc:
    root = ET.parse(path).getroot()
    parts: list[str] = []
    spans: dict[int, tuple[int, int]] = {}
    pos = 0
    prev_sent = None
    prev_tok = ""
    for tok in root.iter("token"):
        word = _QUOTES.get(tok.text or "", tok.text or "")
        sent = int(tok.get("sentence", "0"))
        if prev_sent is None:
            sep = ""
        elif sent != prev_sent and sent <= 2:
            sep = "\n\n"  # title, date line, body
        elif word in _NO_SPACE_BEFORE or prev_tok in _NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        parts.append(sep)
        pos += len(sep)
        spans[int(tok.get("t_id", "0"))] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        prev_sent, prev_tok = sent, word
    doc = MeantimeDoc(key=f"meantime:{root.get('doc_id')}", text="".join(parts), tokens=spans)
    for mention in root.iter("EVENT_MENTION"):
        ids = [int(a.get("t_id", "0")) for a in mention.iter("token_anchor")]
        if ids:
            doc.events.append((spans[ids[0]][0], spans[ids[-1]][1], mention.get("pos", "")))
    return doc
