"""Entity and role evals.

``entities``: the seed article against ``gold/entities/seed.json`` (hand-written gold: mention
spans with types, the sense of capitals, and roles), scored on the full pipeline's record.
Gold offsets are into the normalized input; they are mapped onto ``record.text`` (which lacks
the removed blocks) by aligning the two texts.

``meantime-entities``: MEANTIME (English, 120 Wikinews articles). Mentions: the named
(``NAM``/``PRE.NAM``) PER/ORG/LOC mentions of the corpus; a predicted PERSON/ORG/GPE-LOC-FAC
mention is right when it lies inside a gold mention of that type and holds its head (the last
capitalised token: MEANTIME extents include titles, "Spokeswoman Sandy Angers"), within the
densely annotated part (title, date line, first four body sentences). A prediction
overlapping a non-named annotated mention of its type (e.g. one without a syntactic type) is
ignored, not counted wrong. ``exact`` scores also require the same span. Roles: the
hand-written ``gold/entities/meantime_roles.json`` for ten articles. Every score is given for
all documents and for the tune and frozen halves (``harness.is_frozen``); the raw spaCy NER
(``ner_*``) is scored the same way for comparison.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from newsgraph.evaluation.harness import PRF, Report, is_frozen
from newsgraph.evaluation.meantime_text import rebuild

GOLD = "gold/entities"
TYPE_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
STOP = {"of", "the", "and", "for", "a", "an", "&", "at", "to", "in"}
REFERENCE_DATE = dt.date(2026, 11, 26)


def _gold(name: str) -> Any:
    path = resources.files("newsgraph.evaluation").joinpath(GOLD, name)
    return json.loads(path.read_text("utf-8"))


# ---- roles --------------------------------------------------------------------------------


def _words(text: str | None) -> set[str]:
    return {w for w in re.findall(r"[\w]+", (text or "").casefold()) if w not in STOP}


def _same_person(gold: str, name: str) -> bool:
    g, p = gold.casefold().split(), name.casefold().split()
    return bool(g and p) and (g[-1] == p[-1] or g[-1] in p or p[-1] in g)


def _field_ok(gold: str | None, pred: str | None) -> bool:
    if gold is None:
        return True  # the text does not give it: anything read is not scored wrong here
    return pred is not None and bool(_words(gold) & _words(pred))


def score_roles(gold: list[dict[str, Any]], pred: list[tuple[str, dict[str, Any]]]) -> tuple[PRF, PRF]:
    """(role P/R/F1 on person + title, org/country agreement of the matched roles)."""
    prf, fields = PRF(), PRF()
    used: set[int] = set()
    for g in gold:
        hit = None
        for i, (name, role) in enumerate(pred):
            if i in used or not _same_person(g["person"], name):
                continue
            if _words(g["title"]) & _words(role["title"]):
                hit = i
                break
        if hit is None:
            prf.fn += 1
            continue
        used.add(hit)
        prf.tp += 1
        role = pred[hit][1]
        ok = _field_ok(g.get("org"), role.get("org")) and _field_ok(g.get("country"), role.get("country"))
        fields.tp += ok
        fields.fn += not ok
    prf.fp += len(pred) - len(used)
    return prf, fields


def _pred_roles(record: Any) -> list[tuple[str, dict[str, Any]]]:
    return [(e.name, r.model_dump()) for e in record.entities if e.type == "PERSON" for r in e.roles]


# ---- seed ---------------------------------------------------------------------------------


def _offset_map(raw: str, text: str) -> dict[int, int]:
    """Raw offset -> record.text offset for every raw character kept in the record text."""
    out: dict[int, int] = {}
    sm = difflib.SequenceMatcher(None, raw, text, autojunk=False)
    for a, b, size in sm.get_matching_blocks():
        for k in range(size + 1):
            out[a + k] = b + k
    return out


def seed_eval(shared: Path, limit: int | None) -> Report:
    from newsgraph.pipeline import extract, normalize_input

    gold = _gold("seed.json")
    files = sorted((shared / "corpus" / "seed").glob("*.txt"))
    report = Report("entities")
    if not files:
        report.notes.append("seed missing")
        return report
    raw = normalize_input(files[0].read_text("utf-8"))
    record = extract(raw, reference_date=REFERENCE_DATE)
    pos = _offset_map(raw, record.text)
    gold_m = []
    for m in gold["mentions"]:
        a, b = pos.get(m["start"]), pos.get(m["end"])
        if a is not None and b is not None and record.text[a:b] == m["frag"]:
            gold_m.append((a, b, m["type"], m["sense"], m["frag"]))
    pred = [(mm.start, mm.end, e.type, mm.sense) for e in record.entities for mm in e.mentions]
    exact, lenient, sense = PRF(), PRF(), PRF()
    pred_set = {(a, b, t) for a, b, t, _s in pred}
    gold_set = {(a, b, t) for a, b, t, _s, _f in gold_m}
    exact.tp = len(pred_set & gold_set)
    exact.fp = len(pred_set - gold_set)
    exact.fn = len(gold_set - pred_set)
    used: set[int] = set()
    for a, b, t, s, frag in gold_m:
        hit = next((i for i, (pa, pb, pt, _ps) in enumerate(pred)
                    if i not in used and pt == t and pa < b and a < pb), None)
        if hit is None:
            lenient.fn += 1
            continue
        used.add(hit)
        lenient.tp += 1
        if frag in ("Pyongyang", "Moscow", "Kyiv", "Seoul", "Brussels", "Washington"):
            ok = pred[hit][3] == s
            sense.tp += ok
            sense.fn += not ok
    lenient.fp = len(pred) - len(used)
    roles, fields = score_roles(gold["roles"], _pred_roles(record))
    part = "frozen" if is_frozen(gold["doc"]) else "tune"
    for prf, name in ((exact, "mention_exact"), (lenient, "mention"), (roles, "role")):
        report.metrics.update(prf.as_dict(name))
        report.metrics.update(prf.as_dict(f"{part}_{name}"))
    report.metrics["capital_sense_acc"] = round(sense.recall, 4)
    report.metrics["role_fields_acc"] = round(fields.recall, 4)
    report.metrics["role_basis_text"] = float(all(
        r.basis == "text" for e in record.entities for r in e.roles))
    report.counts = {"docs": 1, "gold_mentions": len(gold_m), "pred_mentions": len(pred),
                     "gold_roles": len(gold["roles"])}
    report.notes.append(f"seed is in the {part} half")
    return report


# ---- MEANTIME -----------------------------------------------------------------------------

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "'s", "'", "n't", "%", "'re", "'ve",
                    "'ll", "'d", "'m", "''"}
_NO_SPACE_AFTER = {"(", "[", "$", "``", "US$"}
#: MEANTIME annotates every entity mention only in the title, the date line and the first four
#: body sentences (sentences 0-5: about 5 mentions a sentence, then about 1): scores cover those.
LAST_DENSE_SENTENCE = 5


@dataclass
class MDoc:
    key: str
    text: str
    named: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, PER|ORG|LOC)
    heads: list[tuple[int, int]] = field(default_factory=list)  # head token span of each named
    other: list[tuple[int, int, str]] = field(default_factory=list)  # other annotated mentions
    region_end: int = 0  # mentions are annotated densely only in text[:region_end]


def load_meantime(path: Path) -> MDoc:
    root = ET.parse(path).getroot()
    rebuilt = rebuild(root, _NO_SPACE_BEFORE, _NO_SPACE_AFTER)
    spans = rebuilt.spans
    region_end = rebuilt.end_of_sentences(LAST_DENSE_SENTENCE)
    doc = MDoc(key=f"meantime/{path.stem}", text=rebuilt.text, region_end=region_end)
    types = {e.get("m_id"): e.get("ent_type") for e in root.iter("ENTITY")}
    refers: dict[str, str | None] = {}
    for rel in root.iter("REFERS_TO"):
        target = rel.find("target")
        if target is None:
            continue
        for src in rel.findall("source"):
            refers[src.get("m_id", "")] = types.get(target.get("m_id"))
    for m in root.iter("ENTITY_MENTION"):
        ids = [a.get("t_id", "") for a in m.iter("token_anchor")]
        ids = [i for i in ids if i in spans]
        if not ids:
            continue
        etype = refers.get(m.get("m_id", ""))
        start, end = spans[ids[0]][0], spans[ids[-1]][1]
        if etype not in ("PER", "ORG", "LOC") or start >= region_end:
            continue
        if m.get("syntactic_type") in ("NAM", "PRE.NAM"):
            caps = [spans[i] for i in ids if doc.text[spans[i][0]:spans[i][0] + 1].isupper()]
            doc.named.append((start, end, etype))
            doc.heads.append(caps[-1] if caps else spans[ids[-1]])
        else:
            doc.other.append((start, end, etype))
    return doc


def score_mentions(doc: MDoc, pred: list[tuple[int, int, str]]) -> tuple[PRF, PRF]:
    """(head-in-extent typed P/R/F1, exact-span typed P/R/F1) of predicted mentions."""
    head, exact = PRF(), PRF()
    used: set[int] = set()
    for (gs, ge, gt), (hs, he) in zip(doc.named, doc.heads, strict=True):
        hit = next((i for i, (ps, pe, pt) in enumerate(pred) if i not in used and pt == gt
                    and gs <= ps and pe <= ge and ps < he and hs < pe), None)
        if hit is None:
            head.fn += 1
        else:
            used.add(hit)
            head.tp += 1
    gold_exact = set(doc.named)
    for i, (ps, pe, pt) in enumerate(pred):
        in_named = any(pt == t and ps < e and s < pe for s, e, t in doc.named)
        in_other = any(pt == t and ps < e and s < pe for s, e, t in doc.other)
        ignored = in_other and not in_named
        if i not in used and not ignored and not in_named:
            head.fp += 1
        if (ps, pe, pt) in gold_exact:
            exact.tp += 1
        elif not ignored:
            exact.fp += 1
    exact.fn = len(gold_exact) - exact.tp
    return head, exact


def _meantime_type(entity: Any) -> str:
    """MEANTIME types: PER, ORG, LOC; a demonym linked to its country counts as LOC there
    ("American" is a PRE.NAM LOC mention in MEANTIME)."""
    if entity.type == "NORP":
        return "LOC" if entity.kb is not None and entity.kb.iso else ""
    return TYPE_MAP.get(entity.type, "")


def _files(shared: Path) -> list[Path]:
    base = shared / "benchmarks" / "meantime-en" / "intra_cross-doc_annotation"
    return sorted(base.glob("corpus_*/*.xml"))


def _run_entities(text: str) -> tuple[Any, Any]:
    """Parse the text and run only the entities stage (the MEANTIME text needs no cleaning)."""
    from newsgraph.nlp.model import load_nlp
    from newsgraph.pipeline import Article, Settings, Work
    from newsgraph.record import ArticleRecord, Provenance, Run
    from newsgraph.stages.entities import STAGE

    record = ArticleRecord(
        id="eval", content_key="", text=text, language="en",
        provenance=Provenance(extractor="eval", reference_date=REFERENCE_DATE.isoformat(),
                              run=Run(started_at="", host="")),
    )
    work = Work(article=Article(content=text), settings=Settings(reference_date=REFERENCE_DATE),
                record=record)
    work.doc = load_nlp()(text)
    STAGE.run(work)
    return record, work.doc


def meantime_eval(shared: Path, limit: int | None) -> Report:
    files = _files(shared)
    role_gold: dict[str, list[dict[str, Any]]] = _gold("meantime_roles.json")["docs"]
    if limit is not None:
        # a stable slice that always holds role-gold documents of both halves
        with_roles = [f for f in files if f"meantime/{f.stem}" in role_gold]
        rest = [f for f in files if f"meantime/{f.stem}" not in role_gold]
        files = sorted(with_roles[: max(2, limit // 3)] + rest[: max(0, limit - max(2, limit // 3))])
    report = Report("meantime-entities")
    scores: dict[str, PRF] = {}

    def add(name: str, prf: PRF, key: str) -> None:
        for full in (name, f"{'frozen' if is_frozen(key) else 'tune'}_{name}"):
            scores.setdefault(full, PRF()).add(prf)

    n_roles = 0
    for path in files:
        doc = load_meantime(path)
        record, parsed = _run_entities(doc.text)
        pred = [(m.start, m.end, _meantime_type(e)) for e in record.entities
                for m in e.mentions if _meantime_type(e) and m.start < doc.region_end]
        head, exact = score_mentions(doc, pred)
        add("mention", head, doc.key)
        add("mention_exact", exact, doc.key)
        base = [(x.start_char, x.end_char, TYPE_MAP.get(x.label_, "LOC")) for x in parsed.ents
                if x.label_ in (*TYPE_MAP, "NORP") and x.start_char < doc.region_end]
        add("ner_mention", score_mentions(doc, base)[0], doc.key)
        if doc.key in role_gold:
            n_roles += 1
            roles, fields = score_roles(role_gold[doc.key], _pred_roles(record))
            add("role", roles, doc.key)
            add("role_fields", fields, doc.key)
    for name, prf in sorted(scores.items()):
        if name.endswith("role_fields"):
            report.metrics[f"{name}_acc"] = round(prf.recall, 4)
        else:
            report.metrics.update(prf.as_dict(name))
    report.counts = {"docs": len(files), "role_docs": n_roles}
    return report


# ---- held-out articles we wrote -------------------------------------------------------------

HELDOUT = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "heldout_entities"
HELDOUT_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}


def _fold(text: str | None) -> str:
    return " ".join((text or "").replace("\u2019", "'").split()).casefold()


def _org_ok(gold: str | None, pred: str | None, alts: dict[str, set[str]]) -> bool:
    """An organisation or country read right: word overlap with the gold name or any of the
    gold entity's aliases ("WHO" for "World Health Organization")."""
    if gold is None:
        return True
    if pred is None:
        return False
    names = alts.get(_fold(gold), set()) | {_fold(gold)}
    return _fold(pred) in names or any(bool(_words(n) & _words(pred)) for n in names)


def score_heldout(gold: dict[str, Any], record: Any) -> dict[str, PRF]:
    """Entities (canonical name + type), links (each gold surface form lands in the entity with
    the gold name) and roles (person + title; org/country of the matched ones) of one article."""
    optional = {_fold(n) for n in gold.get("optional", [])}
    want = {(_fold(e["name"]), e["type"]) for e in gold["entities"]}
    alts = {_fold(e["name"]): {_fold(a) for a in e["aliases"]} for e in gold["entities"]}
    have = {(_fold(e.name), e.type) for e in record.entities
            if e.type in HELDOUT_TYPES and _fold(e.name) not in optional}
    ents = PRF(tp=len(want & have), fp=len(have - want), fn=len(want - have))
    links = PRF()
    for e in gold["entities"]:
        for surface in {e["name"], *e["aliases"]}:
            owners = [x for x in record.entities if any(_fold(m.text) == _fold(surface) for m in x.mentions)]
            if not owners:
                continue  # the surface may not occur verbatim (a canonical name): not scored here
            ok = any(_fold(x.name) == _fold(e["name"]) for x in owners)
            links.tp += ok
            links.fn += not ok
    pred = [(e.name, r.model_dump()) for e in record.entities if e.type == "PERSON" for r in e.roles]
    for opt in gold.get("optional_roles", []):
        pred = [(n, r) for n, r in pred
                if not (_same_person(opt["person"], n) and _words(opt["title"]) & _words(r["title"]))]
    roles, fields = PRF(), PRF()
    used: set[int] = set()
    for g in gold["roles"]:
        hit = next((i for i, (n, r) in enumerate(pred) if i not in used and _same_person(g["person"], n)
                    and _words(g["title"]) & _words(r["title"])), None)
        if hit is None:
            roles.fn += 1
            continue
        used.add(hit)
        roles.tp += 1
        r = pred[hit][1]
        ok = _org_ok(g.get("org"), r.get("org"), alts) and _org_ok(g.get("country"), r.get("country"), alts)
        fields.tp += ok
        fields.fn += not ok
    roles.fp += len(pred) - len(used)
    return {"entity": ents, "link": links, "role": roles, "role_fields": fields}


def heldout_eval(shared: Path, limit: int | None) -> Report:
    """Twelve articles we wrote (tests/fixtures/heldout_entities): entities, links, roles."""
    from newsgraph.pipeline import extract

    report = Report("heldout-entities")
    files = sorted(HELDOUT.glob("*.json"))[:limit] if HELDOUT.is_dir() else []
    if not files:
        report.notes.append("heldout fixtures missing (not a source checkout)")
        return report
    parts: dict[str, dict[str, PRF]] = {}
    for path in files:
        gold = json.loads(path.read_text("utf-8"))
        record = extract(path.with_suffix(".txt").read_text("utf-8"), reference_date=REFERENCE_DATE)
        part = "frozen" if is_frozen(gold["doc"]) else "tune"
        for name, prf in score_heldout(gold, record).items():
            for key in ("all", part):
                parts.setdefault(key, {}).setdefault(name, PRF()).add(prf)
    for key, scores in parts.items():
        prefix = "" if key == "all" else key + "_"
        for name, prf in scores.items():
            if name in ("link", "role_fields"):
                report.metrics[f"{prefix}{name}_acc"] = round(prf.recall, 4)
            else:
                report.metrics.update(prf.as_dict(prefix + name))
    report.counts = {"docs": len(files), "frozen_docs": sum(is_frozen("heldout_entities/" + f.stem) for f in files)}
    return report


EVALS = {"entities": seed_eval, "meantime-entities": meantime_eval, "heldout-entities": heldout_eval}
