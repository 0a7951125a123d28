"""Reading MEANTIME (CAT XML) for the figures evals: text rebuilt from tokens, token spans,
VALUE anchors, and the sentence each token is in."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.evaluation.meantime_text import rebuild

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


def _word(tokens: Sequence[ET.Element], i: int) -> str:
    word = tokens[i].text or ""
    word = _QUOTES.get(word, word)
    nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
    if word == "#" and nxt and nxt[:1].isdigit():
        word = "\u00a3"  # the corpus lost the pound sign
    return word


def load(path: Path) -> MeantimeDoc:
    root = ET.parse(path).getroot()
    rebuilt = rebuild(root, _NO_SPACE_BEFORE, _NO_SPACE_AFTER, _word)
    spans = {int(t_id): span for t_id, span in rebuilt.spans.items()}
    doc = MeantimeDoc(
        key=f"meantime:{root.get('doc_id')}", path=path, text=rebuilt.text,
        region_end=rebuilt.end_of_sentences(VALUE_REGION_LAST_SENTENCE),
    )
    for mention in root.iter("VALUE"):
        ids = sorted(int(a.get("t_id", "0")) for a in mention.iter("token_anchor"))
        if ids:
            doc.values.append(
                ValueMention(spans[ids[0]][0], spans[ids[-1]][1], mention.get("type", ""))
            )
    doc.values.sort(key=lambda v: v.start)
    return doc
