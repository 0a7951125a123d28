"""One store entity across spellings and articles.

Key: the KB id where the record gives one (wikidata, else geonames, else ISO with the type
group), else the folded name with the type. A person named by a variant spelling
("Zelensky", "Zelenskyy", "Zelenskiy") or by the surname alone joins the one person whose
name is close (rapidfuzz) and shares the surname. Ids ``E<n>`` come from a counter, minted
once, never renumbered; when one article shows two store entities are one, the younger
gets ``redirect_to`` the older and its links move.
"""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from newsgraph.picture.keys import fold
from newsgraph.record import ArticleRecord, Entity
from newsgraph.store import tables as t

_VOWEL_END = re.compile(r"(iy|yy|ij|ii|y|i)$")
PLACE_TYPES = ("GPE", "LOC", "NORP", "FAC")


def mint(conn: Connection, name: str, prefix: str) -> str:
    """The next id of a counter (``E1``, ``V1``, ``S1`` ...); never reused."""
    c = t.pic_counters
    got = conn.execute(select(c.c.next).where(c.c.name == name)).scalar()
    if got is None:
        conn.execute(insert(c).values(name=name, next=2))
        return f"{prefix}1"
    conn.execute(update(c).where(c.c.name == name).values(next=got + 1))
    return f"{prefix}{got}"


def kb_key(entity: Entity) -> str | None:
    kb = entity.kb
    if kb is None:
        return None
    if kb.wikidata:
        return f"wd:{kb.wikidata}"
    if kb.geonames:
        return f"gn:{kb.geonames}"
    if kb.iso:
        group = "place" if entity.type in PLACE_TYPES else entity.type
        return f"iso:{kb.iso}:{group}"
    return None


def name_key(name: str) -> str:
    return fold(name)


def _surname(key: str) -> str:
    last = key.replace("-", " ").split()[-1] if key.split() else key
    return _VOWEL_END.sub("", last)


def person_match(a: str, b: str) -> bool:
    """Two folded person names that name one person: same surname stem, and the shorter
    name is the surname alone or the full names are close."""
    if _surname(a) != _surname(b) or len(_surname(a)) < 3:
        return False
    if len(a.split()) == 1 or len(b.split()) == 1:
        return True
    return fuzz.ratio(a, b) >= 85 and a.split()[0][0] == b.split()[0][0]


def resolve(conn: Connection, eid: str) -> str:
    e = t.pic_entities
    seen = set()
    while eid not in seen:
        seen.add(eid)
        nxt = conn.execute(select(e.c.redirect_to).where(e.c.id == eid)).scalar()
        if not nxt:
            return eid
        eid = nxt
    return eid


def _candidates(conn: Connection, entity: Entity) -> list[str]:
    e = t.pic_entities
    found: list[str] = []
    key = kb_key(entity)
    if key:
        found += conn.execute(select(e.c.id).where(e.c.kb_key == key, e.c.redirect_to.is_(None))
                              .order_by(e.c.id)).scalars().all()
    nk = name_key(entity.name)
    found += conn.execute(select(e.c.id).where(e.c.type == entity.type, e.c.name_key == nk,
                                               e.c.redirect_to.is_(None), e.c.kb_key.is_(None) if key else e.c.id.is_not(None))
                          .order_by(e.c.id)).scalars().all()
    if not found and entity.type == "PERSON" and not key:
        stem = _surname(nk)
        rows = conn.execute(select(e.c.id, e.c.name_key).where(
            e.c.type == "PERSON", e.c.redirect_to.is_(None), e.c.name_key.like(f"%{stem[:4]}%"))
            .order_by(e.c.id)).all()
        found += [r.id for r in rows if person_match(nk, r.name_key)]
    return sorted(dict.fromkeys(found), key=lambda x: int(x[1:]))


def merge(conn: Connection, keep: str, gone: str) -> None:
    """``gone`` becomes a redirect to ``keep``; its links move to ``keep``."""
    conn.execute(update(t.pic_entities).where(t.pic_entities.c.id == gone).values(redirect_to=keep))
    conn.execute(update(t.pic_entity_links).where(t.pic_entity_links.c.pic_entity == gone).values(pic_entity=keep))


def link_entities(conn: Connection, record: ArticleRecord, day: str | None) -> dict[str, str]:
    """Store entity id for each entity of the record (minting or merging as needed)."""
    out: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    for entity in record.entities:
        found = _candidates(conn, entity)
        if found:
            eid = found[0]
            # a surname alone may fit several people: it joins the first, never merges them
            if not (entity.type == "PERSON" and len(name_key(entity.name).split()) == 1):
                for other in found[1:]:
                    merge(conn, eid, other)
            key = kb_key(entity)
            if key:
                conn.execute(update(t.pic_entities).where(t.pic_entities.c.id == eid, t.pic_entities.c.kb_key.is_(None))
                             .values(kb_key=key))
        else:
            eid = mint(conn, "entity", "E")
            conn.execute(insert(t.pic_entities).values(
                id=eid, name=entity.name, type=entity.type, kb_key=kb_key(entity),
                name_key=name_key(entity.name), first_seen=day))
        out[entity.id] = eid
        rows.append({"article_id": record.id, "entity_id": entity.id, "pic_entity": eid, "name": entity.name})
    if rows:
        conn.execute(insert(t.pic_entity_links), rows)
    return out
