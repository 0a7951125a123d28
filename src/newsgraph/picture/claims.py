"""Claim series: figures grouped by what they count, denials, contradictions, independence.

A figure's series key is ``class|unit|of|at``: the class of its measure's head word (a lemma
lexicon: soldiers and troops count one thing), its unit, and the keys (ISO code, else a
place key of the name) of what it is ``of`` and ``at``. A figure missing ``of``/``at`` takes
them from the event stated in its sentence (actor -> of, target -> at: "X sent N troops to
Y"), else from a figure of the same class and unit in the same article. Figures in the title
or subtitles that repeat a body figure are not points of their own.

A denial point (stance ``denies``, no value) is a quote whose cue is a denial verb or whose
words call the report false; it belongs to every series of a class its words name and whose
``of`` and ``at`` are among the places named in its paragraph or the one before.

Contradictions: two factual points (asserted, reported, estimated) of one aspect from
different origins whose ``refers_to`` days overlap and whose allowed values (bounds and
qualifier: "at least 3,000" allows 10,000) do not meet; or a denial against the latest
assertion before it (else the first after). Independence: points sharing a cited asserter,
a wire agency, or near-duplicate articles trace to one origin; ``n_independent`` counts
origins, ``n_reports`` points.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections import defaultdict
from functools import lru_cache
from typing import Any

import numpy as np
from sqlalchemy import bindparam, delete, insert, select
from sqlalchemy.engine import Connection

from newsgraph.picture.keys import (
    day_range,
    entity_key,
    fold,
    lexicon,
    measure_class,
    place_key,
    word_class,
    words,
)
from newsgraph.record import ArticleRecord, Figure
from newsgraph.store import tables as t

FACTUAL = ("asserted", "reported", "estimated")
_NAME = re.compile(r"\b[A-Z][^\W\d_]{3,}\b")
ABOUT = 0.1
#: a run of more overlapping points than this is compared in one array operation
_RUN = 24


def interval(p: dict[str, Any]) -> tuple[float, float] | None:
    """The values a point allows, from its value, bounds and qualifier."""
    q, v, lo, hi = p.get("qualifier"), p.get("value"), p.get("low"), p.get("high")
    if q == "range" or (v is None and lo is not None and hi is not None):
        return None if lo is None or hi is None else (min(lo, hi), max(lo, hi))
    if v is None:
        return None
    if q in ("at_least", "over"):
        return (lo if lo is not None else v, math.inf)
    if q in ("at_most", "under"):
        return (-math.inf, hi if hi is not None else v)
    if q == "about":
        return (v * (1 - ABOUT), v * (1 + ABOUT))
    return (v, v)


def compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return True
    return not (ia[1] < ib[0] or ib[1] < ia[0])


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    while True:
        cut = text.find("\n\n", start)
        if cut < 0:
            spans.append((start, len(text)))
            return spans
        spans.append((start, cut))
        start = cut + 2


def _sentence_of(record: ArticleRecord, start: int) -> tuple[int, int]:
    text = record.text
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    hi = min((x for x in (text.find(". ", start), text.find("\n", start)) if x >= 0), default=len(text))
    return lo, hi


def _keys_of(record: ArticleRecord) -> dict[str, tuple[str, str]]:
    return {e.id: (entity_key(e), e.name) for e in record.entities}


def points_of(record: ArticleRecord, day: str | None, links: dict[str, str]) -> list[dict[str, Any]]:
    """The claim points of one article (figures, then denials)."""
    keys = _keys_of(record)
    heads = [(s.start, s.end) for s in record.sections if s.kind in ("title", "subtitle")]
    in_head = [any(a <= f.start < b for a, b in heads) for f in record.figures]
    body_values = {(f.value, f.unit) for f, h in zip(record.figures, in_head, strict=True) if not h}
    points: list[dict[str, Any]] = []
    for f, h in zip(record.figures, in_head, strict=True):
        if h and (f.value, f.unit) in body_values:
            continue
        points.append(_figure_point(record, f, keys, links, day))
    _fill(record, points)
    points += _denials(record, keys, links, day)
    for p in points:
        p["series"] = (f"{p['klass']}|{p['unit'] or '-'}|{p['of_key'] or '-'}|{p['at_key'] or '-'}"
                       if p["stance"] == "asserts" and p["klass"] else None)
    return points


def _asserter(record: ArticleRecord, source: str | None, source_text: str | None,
              links: dict[str, str]) -> str | None:
    if source and source in links:
        return links[source]
    return fold(source_text) if source_text else None


def _figure_point(record: ArticleRecord, f: Figure, keys: dict[str, tuple[str, str]],
                  links: dict[str, str], day: str | None) -> dict[str, Any]:
    of = keys.get(f.of or "")
    at = keys.get(f.at or "")
    if of is None and f.measure:  # "North Korean soldiers": the people the measure names
        named = [e for e in record.entities if e.type in ("NORP", "GPE") and e.name in f.measure]
        if named:
            of = keys[named[0].id]
    refers = f.time if day_range(f.time) else day
    return {
        "article_id": record.id, "item_id": f.id, "klass": measure_class(f.measure), "unit": f.unit,
        "of_key": of[0] if of else None, "at_key": at[0] if at else None,
        "of_name": of[1] if of else None, "at_name": at[1] if at else None, "measure": f.measure,
        "places": [], "words": [], "value": f.value, "low": f.low, "high": f.high,
        "qualifier": f.qualifier, "aspect": f.aspect, "modality": f.modality, "stance": "asserts",
        "source": links.get(f.source or ""), "source_text": f.source_text,
        "asserter": _asserter(record, f.source, f.source_text, links), "claimed_on": day,
        "refers_to": refers, "text": f.text, "start": f.start, "end": f.end,
    }


def _fill(record: ArticleRecord, points: list[dict[str, Any]]) -> None:
    _inherit(points)  # the article's own figures of the same thing first, then its events
    keys = _keys_of(record)
    for p in points:
        if p["of_key"] and p["at_key"]:
            continue
        lo, hi = _sentence_of(record, p["start"])
        for ev in record.events:
            if not (ev.start <= p["start"] < ev.end or lo <= ev.trigger_span.start < hi):
                continue
            acts = [k for k in (_participant(a, keys) for a in ev.actors) if k]
            tgts = [k for k in (_participant(a, keys) for a in ev.targets) if k]
            if ev.type in ("AID", "MOBILIZE") and (acts or tgts):
                if not p["of_key"] and acts:
                    p["of_key"], p["of_name"] = acts[0]
                if not p["at_key"] and tgts:
                    p["at_key"], p["at_name"] = tgts[0]
                break
    _inherit(points)


def _inherit(points: list[dict[str, Any]]) -> None:
    """A point missing ``of``/``at`` takes them from a point of the same class and unit in
    the same article whose keys agree with the ones it has."""
    for p in points:
        if p["of_key"] and p["at_key"]:
            continue
        for q in points:
            if q is p or q["klass"] != p["klass"] or q["unit"] != p["unit"]:
                continue
            if (p["of_key"] and q["of_key"] != p["of_key"]) or (p["at_key"] and q["at_key"] != p["at_key"]):
                continue
            if q["of_key"] and q["at_key"]:
                p["of_key"], p["of_name"] = q["of_key"], q["of_name"]
                p["at_key"], p["at_name"] = q["at_key"], q["at_name"]
                break


def _participant(p: Any, keys: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """An event participant's key: its entity's, else a proper name's place key."""
    if p.entity in keys:
        return keys[p.entity]
    ws = p.text.split()
    if ws and len(ws) <= 3 and all(w[:1].isupper() for w in ws):
        return (f"name:{place_key(p.text)}", p.text)
    return None


def _denials(record: ArticleRecord, keys: dict[str, tuple[str, str]], links: dict[str, str],
             day: str | None) -> list[dict[str, Any]]:
    lex = lexicon()
    paras = _paragraphs(record.text)
    mentions = sorted((m.start, e.id) for e in record.entities for m in e.mentions)
    out = []
    for q in record.quotes:
        ws = words(q.text)
        cue = (q.cue or "").casefold().split()
        if not (set(cue) & lex["denial_cues"] or set(ws) & lex["denial_words"]):
            continue
        idx = next((i for i, (a, b) in enumerate(paras) if a <= q.start < b + 2), 0)
        lo, hi = paras[max(0, idx - 1)][0], paras[idx][1]
        named = {keys[eid][0] for s, eid in mentions if lo <= s < hi and eid in keys}
        # a name the entity stage missed still counts: its place key ("Calvandia" -> calvand)
        named |= {f"name:{place_key(w)}" for w in _NAME.findall(record.text[lo:hi])}
        places = sorted(named)
        classes = sorted({word_class(w) for w in ws})
        out.append({
            "article_id": record.id, "item_id": q.id, "klass": None, "unit": None, "of_key": None,
            "at_key": None, "of_name": None, "at_name": None, "measure": None, "places": places,
            "words": classes, "value": None, "low": None, "high": None, "qualifier": None, "aspect": None,
            "modality": "denied", "stance": "denies", "source": links.get(q.speaker or ""),
            "source_text": q.speaker_text, "asserter": _asserter(record, q.speaker, q.speaker_text, links),
            "claimed_on": day, "refers_to": day, "text": q.text, "start": q.start, "end": q.end,
        })
    return out


_POINT_COLS = ("article_id", "item_id", "series", "klass", "unit", "of_key", "at_key", "value", "low",
               "high", "qualifier", "aspect", "modality", "stance", "source", "source_text", "asserter",
               "claimed_on", "refers_to", "text", "start", "end")


def store_points(conn: Connection, points: list[dict[str, Any]]) -> set[str]:
    """Insert the points and the series rows they open; returns the series of the points
    (those to recompute, with the :func:`denied_series` of the denials)."""
    rows = []
    for p in points:
        row = {k: p[k] for k in _POINT_COLS}
        row["places"], row["words"] = json.dumps(p["places"]), json.dumps(p["words"])
        rows.append(row)
    if rows:
        conn.execute(insert(t.pic_points), rows)
    s = t.pic_series
    opened: dict[str, dict[str, Any]] = {}
    for p in points:
        if p["series"] and p["series"] not in opened:
            opened[p["series"]] = {
                "key": p["series"], "measure": p["measure"] or p["klass"], "klass": p["klass"], "unit": p["unit"],
                "of_key": p["of_key"], "at_key": p["at_key"], "of_name": p["of_name"], "at_name": p["at_name"],
                "n_points": 0, "n_reports": 0, "n_independent": 0, "n_contradictions": 0}
    if opened:
        known = set(conn.execute(select(s.c.key).where(s.c.key.in_(sorted(opened)))).scalars())
        new = [row for key, row in opened.items() if key not in known]
        if new:
            conn.execute(insert(s), new)
    return set(opened)


def _denies(series: Any, p: dict[str, Any]) -> bool:
    places = set(json.loads(p["places"]))
    return (series.klass in json.loads(p["words"]) and series.of_key is not None and series.at_key is not None
            and series.of_key in places and series.at_key in places)


def denied_series(conn: Connection, points: list[dict[str, Any]]) -> set[str]:
    """The series the denial points among ``points`` deny."""
    s = t.pic_series
    out: set[str] = set()
    for p in points:
        if p["stance"] != "denies":
            continue
        row = {"places": json.dumps(p["places"]), "words": json.dumps(p["words"])}
        for series in conn.execute(select(s).where(s.c.klass.in_(p["words"]))):
            if _denies(series, row):
                out.add(series.key)
    return out


def series_points(conn: Connection, key: str) -> list[dict[str, Any]]:
    """The points of a series (denials included), in order of claimed_on, article, offset."""
    s, pt = t.pic_series, t.pic_points
    series = conn.execute(select(s).where(s.c.key == key)).first()
    if series is None:
        return []
    pa = t.pic_articles
    base = select(pt, pa.c.agency.label("_agency"), pa.c.duplicate_of.label("_duplicate_of")).outerjoin(
        pa, pa.c.article_id == pt.c.article_id)
    rows = [dict(r) for r in conn.execute(base.where(pt.c.series == key)).mappings()]
    for r in conn.execute(base.where(pt.c.stance == "denies", pt.c.words.contains(f'"{series.klass}"'),
                                     pt.c.places.contains(f'"{series.of_key}"'))).mappings():
        if _denies(series, dict(r)):
            rows.append(dict(r))
    rows.sort(key=lambda r: (r["claimed_on"] or "", r["article_id"], r["start"]))
    return rows


def origins(conn: Connection, points: list[dict[str, Any]]) -> list[int]:
    """An origin number per point: shared asserter, wire agency or near-duplicate text join
    (points as :func:`series_points` gives them, with their article's agency and duplicate)."""
    parent = list(range(len(points)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[str, int] = {}
    for i, p in enumerate(points):
        root = p.get("_duplicate_of") or p["article_id"]
        labels = [f"text:{root}:{p['stance']}:{p['value']}:{p['qualifier']}:{p['asserter']}"]
        if p["asserter"]:
            labels.append("who:" + p["asserter"])
        if p.get("_agency"):
            labels.append("wire:" + fold(p["_agency"]))
        for label in labels:
            if label in first:
                parent[find(i)] = find(first[label])
            else:
                first[label] = i
    return [find(i) for i in range(len(points))]


def contradictions(points: list[dict[str, Any]], origin: list[int]) -> list[tuple[int, int, str, str]]:
    """Pairs of points that cannot both hold: (i, j, kind, note), one per pair of origins.
    Value pairs are found by a sweep over the ``refers_to`` ranges (only overlapping ones
    are compared); a denial finds its assertion by a binary search over the factual points
    (``points`` are in order of ``claimed_on``, as :func:`series_points` gives them)."""
    found: dict[tuple[int, int], tuple[int, int, str, str]] = {}
    ranges = [day_range(p["refers_to"]) for p in points]
    allowed = [interval(p) for p in points]
    aspect = [p["aspect"] for p in points]
    factual = [i for i, p in enumerate(points) if p["stance"] == "asserts" and p["modality"] in FACTUAL]
    # a point that allows any value (no value) contradicts nothing: left out of the value pairs
    valued = [i for i in factual if allowed[i] is not None]
    undated = [i for i in valued if ranges[i] is None]
    undated_set = set(undated)
    dated = sorted((i for i in valued if ranges[i] is not None), key=lambda i: ranges[i] or ("", ""))

    def check(i: int, j: int) -> None:
        oi, oj = origin[i], origin[j]
        if oi == oj or aspect[i] != aspect[j]:
            return
        pair = (oi, oj) if oi < oj else (oj, oi)
        if pair in found:
            return
        x, y = allowed[i], allowed[j]
        if x is None or y is None or not (x[1] < y[0] or y[1] < x[0]):
            return
        lo, hi = (i, j) if i < j else (j, i)
        found[pair] = (lo, hi, "values", f"{points[lo]['text']} and {points[hi]['text']} cannot both hold")

    # the points after i whose range starts by the end of i's, in order; a long run is first
    # narrowed to the incompatible values of other origins in one array operation
    starts = [(ranges[i] or ("", ""))[0] for i in dated]
    if len(dated) > _RUN:
        codes: dict[Any, int] = {}
        org = np.array([origin[i] for i in dated])
        asp = np.array([codes.setdefault(aspect[i], len(codes)) for i in dated])
        low = np.array([(allowed[i] or (0.0, 0.0))[0] for i in dated], dtype=np.float64)
        high = np.array([(allowed[i] or (0.0, 0.0))[1] for i in dated], dtype=np.float64)
    for n, i in enumerate(dated):
        stop = bisect_right(starts, (ranges[i] or ("", ""))[1], lo=n + 1)
        if stop - n - 1 > _RUN:
            run = slice(n + 1, stop)
            hits = (org[run] != org[n]) & (asp[run] == asp[n]) & ((high[n] < low[run]) | (high[run] < low[n]))
            for k in np.flatnonzero(hits).tolist():
                check(i, dated[n + 1 + k])
        else:
            for j in dated[n + 1:stop]:
                check(i, j)
    for i in undated:
        for j in valued:
            if j != i and (j not in undated_set or j > i):
                check(i, j)
    said = [points[i]["claimed_on"] or "" for i in factual]
    for j, d in enumerate(points):
        if d["stance"] != "denies":
            continue
        # the latest factual point of another origin said on or before the denial's day, else the first
        cut = bisect_right(said, d["claimed_on"] or "")
        pick = next((factual[n] for n in range(cut - 1, -1, -1) if origin[factual[n]] != origin[j]), None)
        if pick is None:
            pick = next((factual[n] for n in range(cut, len(factual)) if origin[factual[n]] != origin[j]), None)
        if pick is not None:
            found[(-1 - j, pick)] = (pick, j, "denial", f"{d['source_text'] or 'a source'} denies what "
                                     f"{points[pick]['source_text'] or 'a source'} asserts")
    return sorted(found.values())


#: the columns :func:`origins` and :func:`contradictions` read, for :func:`recompute`
_RECOMPUTE = ("article_id", "item_id", "claimed_on", "start", "stance", "modality", "aspect", "value", "low",
              "high", "qualifier", "refers_to", "text", "source_text", "asserter")


@lru_cache(maxsize=1)
def _recompute_reads() -> tuple[Any, Any, Any]:
    """Three fixed statements (built once, so compiled once): the series row, its points and
    the denials that may deny it, each with its article's agency and duplicate."""
    s, pt, pa = t.pic_series, t.pic_points, t.pic_articles
    cols = [pt.c[k] for k in _RECOMPUTE] + [pa.c.agency.label("_agency"), pa.c.duplicate_of.label("_duplicate_of")]
    joined = pt.outerjoin(pa, pa.c.article_id == pt.c.article_id)
    series = select(s.c.klass, s.c.of_key, s.c.at_key).where(s.c.key == bindparam("key"))
    points = select(*cols).select_from(joined).where(pt.c.series == bindparam("key"))
    denials = select(*cols, pt.c.places, pt.c.words).select_from(joined).where(
        pt.c.stance == "denies", pt.c.words.contains(bindparam("klass")), pt.c.places.contains(bindparam("of")))
    return series, points, denials


def _recompute_points(conn: Connection, key: str) -> list[dict[str, Any]] | None:
    """What :func:`series_points` gives, only the columns a recompute reads (None: no series).
    A denial names both the ``of`` and the ``at`` of a series it denies (:func:`_denies`): a
    series without both has no denial to look for."""
    read_series, read_points, read_denials = _recompute_reads()
    series = conn.execute(read_series, {"key": key}).first()
    if series is None:
        return None
    names = (*_RECOMPUTE, "_agency", "_duplicate_of")
    rows = [dict(zip(names, r, strict=True)) for r in conn.execute(read_points, {"key": key}).all()]
    if series.of_key is not None and series.at_key is not None:
        for r in conn.execute(read_denials, {"klass": f'"{series.klass}"', "of": f'"{series.of_key}"'}).all():
            row = dict(zip((*names, "places", "words"), r, strict=True))
            if _denies(series, row):
                rows.append(row)
    rows.sort(key=lambda r: (r["claimed_on"] or "", r["article_id"], r["start"]))
    return rows


_PAIR = ("a_article", "a_item", "b_article", "b_item")


@lru_cache(maxsize=1)
def _pair_statements() -> tuple[Any, Any]:
    c = t.pic_contradictions
    read = select(*[c.c[k] for k in _PAIR], c.c.kind, c.c.note).where(c.c.series == bindparam("key"))
    drop = delete(c).where(c.c.series == bindparam("series"), *[c.c[k] == bindparam(f"_{k}") for k in _PAIR])
    return read, drop


def _write_contradictions(conn: Connection, key: str, want: dict[tuple[str, str, str, str], tuple[str, str]]) -> None:
    """The series' contradiction rows made ``want`` (pair -> kind, note): only the rows that
    differ are deleted or inserted."""
    read, drop = _pair_statements()
    have = {tuple(r[:4]): (r[4], r[5]) for r in conn.execute(read, {"key": key}).all()}
    gone = [pair for pair, row in have.items() if want.get(pair) != row]
    new = [pair for pair, row in want.items() if have.get(pair) != row]
    if gone:
        conn.execute(drop, [{"series": key, **{f"_{k}": v for k, v in zip(_PAIR, pair, strict=True)}} for pair in gone])
    if new:
        conn.execute(insert(t.pic_contradictions), [
            {"series": key, **dict(zip(_PAIR, pair, strict=True)), "kind": want[pair][0], "note": want[pair][1]}
            for pair in new])


def recompute(conn: Connection, key: str) -> None:
    """Recompute one series: counts, dates and contradictions."""
    s = t.pic_series
    points = _recompute_points(conn, key) or []
    origin = origins(conn, points)
    found = contradictions(points, origin)
    _write_contradictions(conn, key, {
        (points[i]["article_id"], points[i]["item_id"], points[j]["article_id"], points[j]["item_id"]): (kind, note)
        for i, j, kind, note in found})
    days = [p["claimed_on"] for p in points if p["claimed_on"]]
    conn.execute(s.update().where(s.c.key == key).values(
        n_points=len(points), n_reports=len(points), n_independent=len(set(origin)),
        n_contradictions=len(found), first_claimed=min(days) if days else None,
        last_claimed=max(days) if days else None))


def by_origin(points: list[dict[str, Any]], origin: list[int]) -> dict[int, list[int]]:
    groups: dict[int, list[int]] = defaultdict(list)
    for i, o in enumerate(origin):
        groups[o].append(i)
    return groups
