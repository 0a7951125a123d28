"""MEANTIME (CAT XML) text rebuilt from its tokens, with the character span of every token.

One deterministic rule for every MEANTIME reader: a space between tokens except before
closing punctuation and after opening brackets, and a blank line between the title sentence,
the date line and the body. Each reader passes its own punctuation sets (gold offsets were
written against the text its sets give, so they must not change) and, where needed, a word
mapping (quote marks, a restored pound sign).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

WordOf = Callable[[Sequence[ET.Element], int], str]


def plain_word(tokens: Sequence[ET.Element], i: int) -> str:
    return tokens[i].text or ""


@dataclass(frozen=True)
class Rebuilt:
    text: str
    spans: dict[str, tuple[int, int]]  # t_id -> (start, end)
    sentence_ends: dict[int, int]  # sentence number -> end of its last token

    def end_of_sentences(self, last: int) -> int:
        """Where sentences 0..last end: the annotated region of readers that score only those."""
        return max((end for sent, end in self.sentence_ends.items() if sent <= last), default=0)


def rebuild(
    root: ET.Element,
    no_space_before: Collection[str],
    no_space_after: Collection[str],
    word_of: WordOf = plain_word,
) -> Rebuilt:
    tokens = list(root.iter("token"))
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    ends: dict[int, int] = {}
    pos = 0
    prev_sent: int | None = None
    prev = ""
    for i, tok in enumerate(tokens):
        word = word_of(tokens, i)
        sent = int(tok.get("sentence", "0"))
        if prev_sent is None:
            sep = ""
        elif sent != prev_sent and sent <= 2:
            sep = "\n\n"  # title, date line, body
        elif word in no_space_before or prev in no_space_after:
            sep = ""
        else:
            sep = " "
        parts.append(sep + word)
        pos += len(sep)
        spans[tok.get("t_id", "0")] = (pos, pos + len(word))
        pos += len(word)
        ends[sent] = pos
        prev_sent, prev = sent, word
    return Rebuilt(text="".join(parts), spans=spans, sentence_ends=ends)
