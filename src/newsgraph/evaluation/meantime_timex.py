"""``newsgraph eval meantime-timex``: TIMEX3 on MEANTIME (English Wikinews, 120 documents).

The text is rebuilt from MEANTIME's tokens of the annotated part (title and first five
sentences: TIMEX3 is annotated there only) (one space between tokens, none before closing
punctuation, a newline between sentences), leaving out the DCT line; the DCT is the anchor.
Gold: every TIMEX3 with token anchors except the DCT. Scores as in
:mod:`newsgraph.evaluation.tempeval3`, with the tune and frozen halves reported apart
(``harness.is_frozen`` on the document name): rules are tuned on the tune half only.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from xml.etree import ElementTree as ET

from newsgraph.evaluation.harness import Report
from newsgraph.evaluation.tempeval3 import GoldDoc, GoldTimex, report

# MEANTIME annotates TIMEX3 in the title and the first sentences only (0 = title, 1 = DCT)
ANNOTATED_SENTENCES = 5
_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}]|'s|'|n't|'re|'ll|'ve|'d|'m)$", re.IGNORECASE)
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}


def read_meantime(path: Path) -> GoldDoc:
    root = ET.parse(path).getroot()
    dct: dt.date | None = None
    dct_tokens: set[str] = set()
    gold_raw = []
    for t in root.iter("TIMEX3"):
        anchors = [a.get("t_id", "") for a in t.findall("token_anchor")]
        if t.get("functionInDocument") == "CREATION_TIME":
            value = t.get("value", "")
            if m := re.match(r"\d{4}-\d{2}-\d{2}", value):
                dct = dt.date.fromisoformat(m.group(0))
            elif m := re.match(r"(\d{2})-(\d{2})-(\d{4})$", value):  # one DCT is written MM-DD-YYYY
                dct = dt.date(int(m[3]), int(m[1]), int(m[2]))
            dct_tokens.update(anchors)
            continue
        if anchors:
            gold_raw.append((anchors, t.get("type", ""), t.get("value", "")))
    if dct is None:  # a few files leave the DCT line (sentence 1) unannotated
        line = [t for t in root.iter("token") if t.get("sentence") == "1"]
        words = " ".join(t.text or "" for t in line)
        try:
            dct = dt.datetime.strptime(words.replace(" ,", ","), "%B %d, %Y").date()
        except ValueError as exc:
            raise ValueError(f"{path.name}: no DCT") from exc
        dct_tokens.update(t.get("t_id", "") for t in line)
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    length = 0
    prev_sentence = None
    prev_token = ""
    tokens = [t for t in root.iter("token")
              if t.get("t_id", "") not in dct_tokens and int(t.get("sentence", "0")) <= ANNOTATED_SENTENCES]
    for i, tok in enumerate(tokens):
        tid = tok.get("t_id", "")
        word = tok.text or ""
        sentence = tok.get("sentence")
        nxt = (tokens[i + 1].text or "") if i + 1 < len(tokens) else ""
        opening = word in ("'", "’") and nxt[:1].isdigit()  # "the ' 80s" -> "the '80s"
        if prev_sentence is None:
            sep = ""
        elif sentence != prev_sentence:
            sep = "\n\n" if prev_sentence == "0" else "\n"
        elif (_NO_SPACE_BEFORE.match(word) and not opening) or prev_token in _NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        parts.append(sep)
        length += len(sep)
        spans[tid] = (length, length + len(word))
        parts.append(word)
        length += len(word)
        prev_sentence, prev_token = sentence, ("(" if opening else word)
    timexes = []
    for anchors, typ, value in gold_raw:
        located = [spans[a] for a in anchors if a in spans]
        if located:
            timexes.append(GoldTimex(min(s for s, _ in located), max(e for _, e in located), typ, value))
    return GoldDoc(path.stem, "".join(parts), dct, timexes)


def meantime_docs(shared: Path, limit: int | None) -> list[GoldDoc]:
    folder = shared / "benchmarks" / "meantime-en" / "intra_cross-doc_annotation"
    paths = sorted(folder.glob("corpus_*/*.xml"), key=lambda p: p.name)
    if not paths:
        raise FileNotFoundError(f"no MEANTIME files under {folder}")
    if limit is not None:
        paths = paths[:limit]
    return [read_meantime(p) for p in paths]


def meantime_timex(shared: Path, limit: int | None) -> Report:
    rep = report("meantime-timex", meantime_docs(shared, limit), split=True)
    rep.notes.append("tune_* = the half we tune on; frozen_* = the half we never tune on")
    return rep


EVALS = {"meantime-timex": meantime_timex}
