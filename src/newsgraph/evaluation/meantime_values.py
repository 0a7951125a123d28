"""Reading MEANTIME (CAT XML) for the figures evals: text rebuilt from tokens, token spans,
VALUE anchors, and the sentence each token is in."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

_NO_SPACE_BEFORE = {
    "\u201d", ",", ".", ";", ":", "!", "?", ")", "]", "'s", "'", "n't", "%", "'re", "'ve",
    "'ll", "'d", "'m",
}
_NO_SPACE_AFTER = {"(", "[", "$", "\u201c", "US$", "USD$", "\u00a3", "C$", "A$", "\u20ac"}
_QUOTES = {"``": "\u201c", "''": "\u201d"}

#: MEANTIME annotates VALUE only in the title and the first body sentences.
VALUE_REGION_LAST_SENTENCE = 5


@dataclass
class ValueMention:
    start: int
    end: int
    type: str  # QUANTITY | MONEY | PERCENT


@dataclass
class MeantimeDoc:
    key: str
    path: Path
    text: str
    region_end: int  # values are annotated in text[:region_end]
    values: list[ValueMention] = field(default_factory=list)


def corpus_dir(shared: Path) -> Path:
    return shared / "benchmarks" / "meantime-en" / "intra_cross-doc_annotation"


def corpus_files(shared: Path) -> list[Path]:
    return sorted(corpus_dir(shared).glob("corpus_*/*.xml"))


def load(path: Path) -> MeantimeDoc:
    root = ET.parse(path).getroot()
    parts: list[str] = []
    spans: dict[int, tuple[int, int]] = {}
    pos = 0
    region_end = 0
    prev_sent: int | None = None
    prev_tok = ""
    tokens = list(root.iter("token"))
    for i, tok in enumerate(tokens):
        word = _QUOTES.get(tok.text or "", tok.text or "")
        nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if word == "#" and nxt and nxt[:1].isdigit():
            word = "\u00a3"  # the corpus lost the pound sign
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
        if sent <= VALUE_REGION_LAST_SENTENCE:
            region_end = pos
        prev_sent, prev_tok = sent, word
    doc = MeantimeDoc(
        key=f"meantime:{root.get('doc_id')}", path=path, text="".join(parts), region_end=region_end
    )
    for mention in root.iter("VALUE"):
        ids = sorted(int(a.get("t_id", "0")) for a in mention.iter("token_anchor"))
        if ids:
            doc.values.append(
                ValueMention(spans[ids[0]][0], spans[ids[-1]][1], mention.get("type", ""))
            )
    doc.values.sort(key=lambda v: v.start)
    return doc
