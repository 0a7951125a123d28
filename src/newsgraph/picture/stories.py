"""Stories: articles clustered by shared events and entities within a time window, and by
text similarity (MinHash over word 4-gram shingles; datasketch).

An article joins a story when, against one of the story's articles published within
``WINDOW_DAYS``: they share a merged event or a claim series about a named place or group
(the same thing counted of the same ``of`` at the same ``at``), or their texts are similar
(estimated Jaccard >= ``SIMILAR``), or they share at least ``MIN_SHARED`` of their salient
entities (the ``SALIENT`` store entities each names most often). Joining two stories merges
them (the younger redirects to the older). Jaccard >= ``DUPLICATE`` marks a near-duplicate.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from functools import lru_cache
from typing import Any

import numpy as np
from datasketch import MinHash
from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.engine import Connection

from newsgraph.picture.keys import shift_day, words
from newsgraph.record import ArticleRecord
from newsgraph.store import tables as t

WINDOW_DAYS = 45
SIMILAR = 0.25
DUPLICATE = 0.6
MIN_SHARED = 3
SALIENT = 10
PERMUTATIONS = 64


@lru_cache(maxsize=1)
def _seed_minhash() -> MinHash:
    return MinHash(num_perm=PERMUTATIONS, seed=7)


def signature(text: str) -> MinHash:
    ws = words(text)
    shingles = {" ".join(ws[i:i + 4]).encode() for i in range(max(1, len(ws) - 3))}
    m = _seed_minhash().copy()
    m.update_batch(list(shingles))
    return m


def to_bytes(m: MinHash) -> bytes:
    return bytes(np.asarray(m.hashvalues, dtype=np.uint64).tobytes())


def jaccard(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two stored signatures (share of equal minima)."""
    x, y = np.frombuffer(a, dtype=np.uint64), np.frombuffer(b, dtype=np.uint64)
    return float(np.mean(x == y)) if len(x) == len(y) and len(x) else 0.0


def related(similarity: float, a_entities: set[str] | list[str], b_entities: set[str] | list[str],
            shared_events: bool) -> bool:
    """The story rule for two articles within the window: a shared event or claim series,
    similar text (``similarity``: estimated Jaccard of their signatures), or enough shared
    salient entities."""
    return (shared_events or similarity >= SIMILAR
            or len(set(a_entities) & set(b_entities)) >= MIN_SHARED)


def salient(record: ArticleRecord, links: dict[str, str]) -> list[str]:
    counts = Counter({links[e.id]: len(e.mentions) for e in record.entities if e.id in links})
    return [k for k, _ in counts.most_common(SALIENT)]


def _near(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    return abs((_date(a) - _date(b)).days) <= WINDOW_DAYS


@lru_cache(maxsize=4096)
def _date(day: str) -> dt.date:
    return dt.date.fromisoformat(day)


def resolve(conn: Connection, sid: str) -> str:
    s = t.pic_stories
    for _ in range(50):
        nxt = conn.execute(select(s.c.redirect_to).where(s.c.id == sid)).scalar()
        if not nxt:
            break
        sid = nxt
    return sid


@lru_cache(maxsize=2)
def _candidates(dated: bool) -> Any:
    """The articles an article is compared with (a fixed statement, compiled once): those
    published within the window of its day (and those without a day), by id."""
    a = t.pic_articles
    q = select(a.c.article_id, a.c.published, a.c.minhash, a.c.entity_keys, a.c.story).where(
        a.c.article_id != bindparam("me"))
    if dated:
        q = q.where(a.c.published.is_(None) | a.c.published.between(bindparam("lo"), bindparam("hi")))
    return q.order_by(a.c.article_id)


@lru_cache(maxsize=4)
def _sharing(dated: bool, what: str) -> Any:
    """The other articles within the window (as :func:`_candidates` reads them) with a report
    of one of the events, or a point of one of the series, given (``ids``)."""
    a = t.pic_articles
    other = t.pic_event_reports if what == "events" else t.pic_points
    col = other.c.pic_event if what == "events" else other.c.series
    q = select(other.c.article_id).distinct().select_from(other.join(a, a.c.article_id == other.c.article_id)).where(
        col.in_(bindparam("ids", expanding=True)), other.c.article_id != bindparam("me"))
    if dated:
        q = q.where(a.c.published.is_(None) | a.c.published.between(bindparam("lo"), bindparam("hi")))
    return q


def _window(day: str | None) -> dict[str, str]:
    return {"lo": shift_day(day, -WINDOW_DAYS), "hi": shift_day(day, WINDOW_DAYS)} if day else {}


def _similarities(sig: bytes, others: list[bytes | None]) -> list[float]:
    """:func:`jaccard` of ``sig`` with each of ``others`` (0.0 for none), in one array operation."""
    out = [0.0] * len(others)
    if not sig:
        return out
    same = [i for i, o in enumerate(others) if o and len(o) == len(sig)]
    if same:
        mine = np.frombuffer(sig, dtype=np.uint64)
        theirs = np.frombuffer(b"".join(others[i] or b"" for i in same), dtype=np.uint64).reshape(len(same), -1)
        for i, v in zip(same, (theirs == mine).mean(axis=1).tolist(), strict=True):
            out[i] = float(v)
    return out


def assign(conn: Connection, record: ArticleRecord, day: str | None, links: dict[str, str],
           events: set[str], series: set[str]) -> tuple[str, str | None, float]:
    """Store the article's signature and story; returns (story, duplicate_of, similarity)."""
    from newsgraph.picture.entities import mint as mint_id

    sig = to_bytes(signature(record.text))
    keys = salient(record, links)
    a = t.pic_articles
    # the articles within the window sharing a merged event or a named claim series with this one
    window = {"me": record.id, **_window(day)}
    shared: set[str] = set()
    if events:
        shared.update(conn.execute(_sharing(bool(day), "events"), {"ids": sorted(events), **window}).scalars())
    named = sorted(k for k in series if "|-" not in k)
    if named:
        shared.update(conn.execute(_sharing(bool(day), "series"), {"ids": named, **window}).scalars())
    joined: set[str] = set()
    dup, dup_day, best = None, None, 0.0
    cands = conn.execute(_candidates(bool(day)), window).all()
    sims = _similarities(sig, [c.minhash for c in cands])
    for cand, sim in zip(cands, sims, strict=True):
        if not _near(day, cand.published):
            continue
        if sim > best:
            best = sim
            if sim >= DUPLICATE:
                dup, dup_day = cand.article_id, cand.published
        # stories in pic_articles are kept resolved (a merge rewrites them), no redirect to follow
        if cand.story and cand.story not in joined and (
                cand.article_id in shared or sim >= SIMILAR
                or related(sim, keys, json.loads(cand.entity_keys), False)):
            joined.add(cand.story)
    s = t.pic_stories
    if joined:
        order = sorted(joined, key=lambda x: int(x[1:]))
        story = order[0]
        for other in order[1:]:
            conn.execute(update(s).where(s.c.id == other).values(redirect_to=story))
            conn.execute(update(a).where(a.c.story == other).values(story=story))
    else:
        story = mint_id(conn, "story", "S")
        label = record.title or record.text[:80]
        conn.execute(insert(s).values(id=story, label=label, first_seen=day, last_seen=day, n_articles=0))
    if dup is not None and (day or "", record.id) < (dup_day or "", dup):
        # the earlier article (by date, then id) is the original, whatever the arrival order
        conn.execute(update(a).where((a.c.article_id == dup) | (a.c.duplicate_of == dup)).values(duplicate_of=record.id))
        dup = None
    conn.execute(insert(a).values(article_id=record.id, published=day, agency=record.source.agency,
                                  minhash=sig, entity_keys=json.dumps(keys), story=story,
                                  duplicate_of=dup, similarity=round(best, 4)))
    refresh(conn, story)
    return story, dup, best


@lru_cache(maxsize=1)
def _refresh_statement() -> Any:
    """One fixed statement: a story's count and days from its articles."""
    a, s = t.pic_articles, t.pic_stories
    day = func.nullif(a.c.published, "")

    def of(expr: Any) -> Any:
        return select(expr).where(a.c.story == bindparam("story")).scalar_subquery()

    return update(s).where(s.c.id == bindparam("story")).values(
        n_articles=of(func.count()), first_seen=of(func.min(day)), last_seen=of(func.max(day)))


def refresh(conn: Connection, story: str) -> None:
    conn.execute(_refresh_statement(), {"story": story})
