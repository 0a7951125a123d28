"""``newsgraph eval ecbplus``: cross-document event coreference on ECB+ (test topics 36-45).

Read at run time from ``../shared/benchmarks/ecbplus`` (nothing is stored). Scope as in
Cybulska & Vossen (2015) and Barhom et al. (2019): the validated sentences of
``ECBplus_coreference_sentences.csv``; gold event mentions are the ``ACTION_*`` and
``NEG_ACTION_*`` markables; a mention's gold chain is its ``CROSS_DOC_COREF`` instance, else
its ``INTRA_DOC_COREF`` chain, else itself (singleton).

Settings, each scored with MUC, B3, CEAF-e and CoNLL F1 (:mod:`newsgraph.evaluation.coref`):

- ``classic``: gold mentions, clustered within each gold topic by the store's merge rule
  :func:`newsgraph.picture.events.same_event` (type unknown, so the trigger lemma decides,
  and the named participants and places of the mention's sentence must not clash), beside
  the ``lemma`` baseline (same trigger lemma within the topic);
- ``e2e``: our events stage's events on the rebuilt texts (the whole pipeline), clustered
  within each topic by the same rule with their PLOVER types, actors, targets and places;
  scored against the gold mentions of the same sentences (a system mention counts as a gold
  one when its trigger token lies in the gold mention);
- ``story``: documents clustered as the store clusters stories
  (:func:`newsgraph.picture.stories.related`) against the gold topics and sub-topics (the
  ECB and ECB+ halves of a topic are two seminal events).

Tuning was done on the dev topics (2, 5, 12, 18, 21, 23, 34, 35) only.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.evaluation.coref import clusters_of, conll
from newsgraph.evaluation.harness import Report
from newsgraph.picture.events import EventSig, cluster, same_event
from newsgraph.picture.keys import fold, place_key

TEST_TOPICS = tuple(range(36, 46))
DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
_NO_SPACE_BEFORE = re.compile(r"^[,.;:!?%)\]}'’”]|^'s$|^n't$")


@dataclass
class Mention:
    doc: str
    mid: str
    kind: str
    tokens: tuple[int, ...]
    sentence: int
    chain: str = ""


@dataclass
class Doc:
    name: str
    topic: int
    sub: str
    tokens: dict[int, tuple[int, str]] = field(default_factory=dict)  # t_id -> (sentence, text)
    events: list[Mention] = field(default_factory=list)
    args: list[Mention] = field(default_factory=list)


def _root(shared: Path) -> Path:
    return shared / "benchmarks" / "ecbplus"


def validated(shared: Path) -> set[tuple[str, int]]:
    out = set()
    with (_root(shared) / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.add((f"{row['Topic']}_{row['File']}", int(row["Sentence Number"])))
    return out


def load_doc(path: Path) -> Doc:
    tree = ET.parse(path)
    root = tree.getroot()
    name = path.stem
    topic = int(name.split("_")[0])
    doc = Doc(name=name, topic=topic, sub="ecbplus" if name.endswith("ecbplus") else "ecb")
    for tok in root.iter("token"):
        doc.tokens[int(tok.get("t_id", "0"))] = (int(tok.get("sentence", "0")), tok.text or "")
    markables = root.find("Markables")
    chains: dict[str, str] = {}
    relations = root.find("Relations")
    if relations is not None:
        for rel in relations:
            sources = [s.get("m_id", "") for s in rel.findall("source")]
            if rel.tag == "CROSS_DOC_COREF":
                label = "X:" + (rel.get("note") or rel.get("r_id") or "")
            else:
                target = rel.find("target")
                label = f"I:{name}:{target.get('m_id') if target is not None else rel.get('r_id')}"
            for s in sources:
                chains.setdefault(s, label)
    if markables is None:
        return doc
    for m in markables:
        anchors = tuple(int(a.get("t_id", "0")) for a in m.findall("token_anchor"))
        if not anchors:
            continue
        mid = m.get("m_id", "")
        mention = Mention(doc=name, mid=mid, kind=m.tag, tokens=anchors, sentence=doc.tokens[anchors[0]][0],
                          chain=chains.get(mid, f"S:{name}:{mid}"))
        if m.tag.startswith(("ACTION_", "NEG_ACTION_")):
            doc.events.append(mention)
        else:
            doc.args.append(mention)
    return doc


def load(shared: Path, topics: tuple[int, ...], limit: int | None = None) -> list[Doc]:
    base = _root(shared) / "ECB+"
    docs = []
    for topic in topics:
        folder = base / str(topic)
        if folder.is_dir():
            docs += [load_doc(p) for p in sorted(folder.glob("*.xml"), key=lambda p: _doc_order(p.stem))]
    if limit is not None:
        keep = {d.name for d in docs[:limit]}
        docs = [d for d in docs if d.name in keep]
    return docs


def _doc_order(stem: str) -> tuple[int, int, str]:
    topic, rest = stem.split("_", 1)
    number = int(re.match(r"\d+", rest).group(0)) if re.match(r"\d+", rest) else 0  # type: ignore[union-attr]
    return (int(topic), number, rest)


# -- lemmas and sentence arguments -----------------------------------------------------------

def _lemmas(docs: list[Doc], keep: set[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """The spaCy lemma of every token of the validated sentences, parsed sentence by sentence."""
    from spacy.tokens import Doc as SpacyDoc

    from newsgraph.nlp.model import load_nlp

    nlp = load_nlp()
    out: dict[tuple[str, int], str] = {}
    sents: list[tuple[str, list[int]]] = []
    for d in docs:
        by_sent: dict[int, list[int]] = {}
        for tid, (s, _) in sorted(d.tokens.items()):
            if (d.name, s) in keep:
                by_sent.setdefault(s, []).append(tid)
        sents += [(d.name, tids) for tids in by_sent.values()]
    tokens = {d.name: d.tokens for d in docs}
    for name, tids in sents:
        words = [tokens[name][t][1] or "_" for t in tids]
        sdoc = SpacyDoc(nlp.vocab, words=words)
        for _, proc in nlp.pipeline:
            sdoc = proc(sdoc)
        for tid, tok in zip(tids, sdoc, strict=True):
            out[(name, tid)] = tok.lemma_.casefold()
    return out


def _head(m: Mention, lemmas: dict[tuple[str, int], str], doc: Doc) -> str:
    """The lemma of a mention: of its last content token (multi-word triggers: 'set off')."""
    for tid in reversed(m.tokens):
        lemma = lemmas.get((m.doc, tid)) or fold(doc.tokens[tid][1])
        if lemma and lemma not in ("off", "up", "out", "down", "in", "on", "'s", "the", "a"):
            return lemma
    return lemmas.get((m.doc, m.tokens[-1]), fold(doc.tokens[m.tokens[-1]][1]))


def _names(m: Mention, doc: Doc) -> frozenset[str]:
    """Proper-name keys of an argument mention (capitalized words, not sentence-initial)."""
    out = set()
    first = min((t for t, (s, _) in doc.tokens.items() if s == m.sentence), default=-1)
    for tid in m.tokens:
        text = doc.tokens[tid][1]
        if tid != first and text[:1].isupper() and text.isalpha() and len(text) > 1:
            out.add(place_key(text))
    return frozenset(out)


def gold_sigs(docs: list[Doc], keep: set[tuple[str, int]], lemmas: dict[tuple[str, int], str],
              with_args: bool) -> list[tuple[Mention, EventSig]]:
    out = []
    for d in docs:
        args_by_sent: dict[int, list[Mention]] = {}
        for a in d.args:
            args_by_sent.setdefault(a.sentence, []).append(a)
        for m in d.events:
            if (d.name, m.sentence) not in keep:
                continue
            actors: set[str] = set()
            places: set[str] = set()
            if with_args:
                for a in args_by_sent.get(m.sentence, []):
                    if a.kind.startswith("HUMAN_PART"):
                        actors |= _names(a, d)
                    elif a.kind.startswith("LOC"):
                        places |= _names(a, d)
            place = min(places) if len(places) == 1 else None
            out.append((m, EventSig(type=None, lemma=_head(m, lemmas, d), actors=frozenset(actors), place=place)))
    return out


def _score(items: Sequence[tuple[Hashable, str, int, EventSig]], gold: Sequence[tuple[Hashable, str]],
           same: Any) -> dict[str, float]:
    """Cluster ``(mention, doc, topic, sig)`` within topics; score against gold labels."""
    response: list[tuple[Hashable, Hashable]] = []
    by_topic: dict[int, list[tuple[Hashable, EventSig]]] = {}
    for mention, _doc, topic, sig in items:
        by_topic.setdefault(topic, []).append((mention, sig))
    for topic, group in sorted(by_topic.items()):
        labels = cluster([s for _, s in group], same)
        response += [(m, (topic, n)) for (m, _), n in zip(group, labels, strict=True)]
    return conll(clusters_of(gold), clusters_of(response))


def classic(docs: list[Doc], keep: set[tuple[str, int]]) -> dict[str, dict[str, float]]:
    lemmas = _lemmas(docs, keep)
    topic = {d.name: d.topic for d in docs}
    out = {}
    for name, with_args in (("lemma", False), ("merge", True)):
        sigs = gold_sigs(docs, keep, lemmas, with_args)
        gold = [((m.doc, m.mid), m.chain) for m, _ in sigs]
        items = [((m.doc, m.mid), m.doc, topic[m.doc], s) for m, s in sigs]
        out[name] = _score(items, gold, same_event)
    out["counts"] = {"mentions": float(len(gold)), "gold_chains": float(len({c for _, c in gold}))}
    return out


# -- end to end and stories ------------------------------------------------------------------

def rebuild(doc: Doc, keep: set[tuple[str, int]] | None = None) -> tuple[str, dict[int, tuple[int, int]]]:
    """The document text (one paragraph per sentence) and each token's character span."""
    parts: list[str] = []
    spans: dict[int, tuple[int, int]] = {}
    pos = 0
    last_sent = None
    for tid, (s, text) in sorted(doc.tokens.items()):
        if keep is not None and (doc.name, s) not in keep and s != 0:
            continue
        if last_sent is not None and s != last_sent:
            parts.append("\n\n")
            pos += 2
        elif last_sent is not None and not _NO_SPACE_BEFORE.match(text):
            parts.append(" ")
            pos += 1
        spans[tid] = (pos, pos + len(text))
        parts.append(text)
        pos += len(text)
        last_sent = s
    return "".join(parts), spans


def _records(docs: list[Doc]) -> dict[str, tuple[Any, str, dict[int, tuple[int, int]]]]:
    import datetime as dt

    from newsgraph.pipeline import Article, InputError, Settings, extract_many

    texts = {d.name: rebuild(d) for d in docs}
    settings = Settings(reference_date=dt.date(2026, 11, 26))
    arts = [Article(content=texts[d.name][0], uri=f"ecbplus:{d.name}") for d in docs]
    out = {}
    for d, rec in zip(docs, extract_many(arts, settings), strict=True):
        if isinstance(rec, InputError):
            continue
        out[d.name] = (rec, *texts[d.name])
    return out


def _entity_key(e: Any) -> str:
    from newsgraph.picture.entities import kb_key, name_key
    from newsgraph.picture.keys import actor_key

    return actor_key(e, kb_key(e) or f"{e.type}:{name_key(e.name)}")


def e2e(docs: list[Doc], keep: set[tuple[str, int]], records: dict[str, Any]) -> dict[str, float]:
    from newsgraph.picture.keys import day_range

    items: list[tuple[Hashable, str, int, EventSig]] = []
    gold: list[tuple[Hashable, str]] = []
    for d in docs:
        if d.name not in records:
            continue
        record, text, spans = records[d.name]
        owner = {t: m for m in d.events if (d.name, m.sentence) in keep for t in m.tokens}
        for m in d.events:
            if (d.name, m.sentence) in keep:
                gold.append(((d.name, m.mid), m.chain))
        keys = {e.id: _entity_key(e) for e in record.entities}
        for ev in record.events:
            trig = record.text[ev.trigger_span.start:ev.trigger_span.end]
            para_start = record.text.rfind("\n\n", 0, ev.trigger_span.start) + 2 if "\n\n" in record.text[:ev.trigger_span.start] else 0
            para_end = record.text.find("\n\n", ev.trigger_span.start)
            para = record.text[para_start:para_end if para_end >= 0 else len(record.text)]
            at = text.find(para)
            if at < 0 or not trig:
                continue
            cstart = at + (ev.trigger_span.start - para_start)
            tids = [t for t, (a, b) in spans.items() if a < cstart + len(trig) and cstart < b]
            if not tids or (d.name, d.tokens[tids[0]][0]) not in keep:
                continue
            hit = next((owner[t] for t in tids if t in owner), None)
            mention: Hashable = (d.name, hit.mid) if hit else (d.name, "sys", tuple(tids))
            sig = EventSig(type=ev.type, mode=ev.mode,
                           actors=frozenset(keys[a.entity] for a in ev.actors if a.entity in keys),
                           targets=frozenset(keys[a.entity] for a in ev.targets if a.entity in keys),
                           place=keys.get(ev.where or ""), days=day_range(ev.when))
            items.append((mention, d.name, d.topic, sig))
    seen: set[Hashable] = set()
    unique = []
    for it in items:
        if it[0] not in seen:
            seen.add(it[0])
            unique.append(it)
    scores = _score(unique, gold, same_event)
    matched = sum(1 for it in unique if isinstance(it[0], tuple) and len(it[0]) == 2)
    scores["mention_p"] = round(matched / len(unique), 4) if unique else 0.0
    scores["mention_r"] = round(matched / len(gold), 4) if gold else 0.0
    return scores


def stories(docs: list[Doc], records: dict[str, Any]) -> dict[str, dict[str, float]]:
    from newsgraph.picture.stories import jaccard, related, signature, to_bytes

    names = [d.name for d in docs if d.name in records]
    sigs = {n: to_bytes(signature(records[n][0].text)) for n in names}
    ents: dict[str, set[str]] = {}
    for n in names:
        rec = records[n][0]
        ranked = sorted(rec.entities, key=lambda e: -len(e.mentions))
        ents[n] = {_entity_key(e) for e in ranked[:10]}
    parent = {n: n for n in names}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(names):
        for b in names[:i]:
            if find(a) != find(b) and related(jaccard(sigs[a], sigs[b]), ents[a], ents[b], shared_events=False):
                parent[find(a)] = find(b)
    response = [(n, find(n)) for n in names]
    topic = {d.name: d.topic for d in docs}
    sub = {d.name: f"{d.topic}{d.sub}" for d in docs}
    return {"topic": conll(clusters_of([(n, topic[n]) for n in names]), clusters_of(response)),
            "subtopic": conll(clusters_of([(n, sub[n]) for n in names]), clusters_of(response)),
            "counts": {"documents": float(len(names)), "stories": float(len({r for _, r in response}))}}


def run_ecbplus(shared: Path, limit: int | None, topics: tuple[int, ...] = TEST_TOPICS) -> Report:
    report = Report("ecbplus")
    docs = load(shared, topics, limit)
    keep = validated(shared)
    cl = classic(docs, keep)
    for setting in ("lemma", "merge"):
        for k, v in cl[setting].items():
            report.metrics[f"classic_{setting}_{k}"] = v
    records = _records(docs)
    for k, v in e2e(docs, keep, records).items():
        report.metrics[f"e2e_{k}"] = v
    st = stories(docs, records)
    for level in ("topic", "subtopic"):
        for k in ("b3_f1", "muc_f1", "conll_f1"):
            report.metrics[f"story_{level}_{k}"] = st[level][k]
    report.counts = {"documents": len(docs), "gold_mentions": int(cl["counts"]["mentions"]),
                     "gold_chains": int(cl["counts"]["gold_chains"]), "stories": int(st["counts"]["stories"])}
    report.notes.append(f"topics {topics[0]}-{topics[-1]}; classic = gold mentions within gold topics; "
                        "lemma = same-lemma baseline; merge = newsgraph.picture.events.same_event")
    return report


def run_ecbplus_dev(shared: Path, limit: int | None) -> Report:
    report = run_ecbplus(shared, limit, DEV_TOPICS)
    report.name = "ecbplus-dev"
    return report


EVALS = {"ecbplus": run_ecbplus, "ecbplus-dev": run_ecbplus_dev}
