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
from sqlalchemy import insert, or_, select, update
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


class _Known:
    """The store entities a record's entities may join, read in three queries per record."""

    def __init__(self, conn: Connection, record: ArticleRecord) -> None:
        e = t.pic_entities
        kbs = sorted({k for k in (kb_key(x) for x in record.entities) if k})
        names = sorted({name_key(x.name) for x in record.entities})
        self.by_kb: dict[str, list[str]] = {}
        self.by_name: dict[tuple[str, str], list[tuple[str, bool]]] = {}
        self.has_kb: dict[str, bool] = {}
        if kbs:
            for r in conn.execute(select(e.c.id, e.c.kb_key).where(e.c.kb_key.in_(kbs), e.c.redirect_to.is_(None))):
                self.by_kb.setdefault(r.kb_key, []).append(r.id)
                self.has_kb[r.id] = True
        if names:
            for n in conn.execute(select(e.c.id, e.c.type, e.c.name_key, e.c.kb_key)
                                  .where(e.c.name_key.in_(names), e.c.redirect_to.is_(None))):
                self.by_name.setdefault((n.type, n.name_key), []).append((n.id, n.kb_key is not None))
                self.has_kb[n.id] = n.kb_key is not None
        self.people: list[tuple[str, str]] = []
        stems = sorted({_surname(name_key(x.name))[:4] for x in record.entities
                        if x.type == "PERSON" and not kb_key(x) and len(_surname(name_key(x.name))) >= 3})
        if stems:
            cond = or_(*[e.c.name_key.like(f"%{stem}%") for stem in stems])
            self.people = [(r.id, r.name_key) for r in conn.execute(
                select(e.c.id, e.c.name_key).where(e.c.type == "PERSON", e.c.redirect_to.is_(None), cond))]

    def candidates(self, entity: Entity) -> list[str]:
        found: list[str] = []
        key = kb_key(entity)
        if key:
            found += self.by_kb.get(key, [])
        nk = name_key(entity.name)
        found += [i for i, with_kb in self.by_name.get((entity.type, nk), []) if not (key and with_kb)]
        if not found and entity.type == "PERSON" and not key:
            found += [i for i, other in self.people if person_match(nk, other)]
        return sorted(dict.fromkeys(found), key=lambda x: int(x[1:]))

    def add(self, entity: Entity, eid: str) -> None:
        key = kb_key(entity)
        if key:
            self.by_kb.setdefault(key, []).append(eid)
        self.by_name.setdefault((entity.type, name_key(entity.name)), []).append((eid, key is not None))
        self.has_kb[eid] = key is not None
        if entity.type == "PERSON":
            self.people.append((eid, name_key(entity.name)))


def merge(conn: Connection, keep: str, gone: str) -> None:
    """``gone`` becomes a redirect to ``keep``; its links move to ``keep``."""
    conn.execute(update(t.pic_entities).where(t.pic_entities.c.id == gone).values(redirect_to=keep))
    conn.execute(update(t.pic_entity_links).where(t.pic_entity_links.c.pic_entity == gone).values(pic_entity=keep))


def link_entities(conn: Connection, record: ArticleRecord, day: str | None) -> dict[str, str]:
    """Store entity id for each entity of the record (minting or merging as needed)."""
    out: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    known = _Known(conn, record)
    for entity in record.entities:
        found = known.candidates(entity)
        if found:
            eid = found[0]
            # a surname alone may fit several people: it joins the first, never merges them
            if not (entity.type == "PERSON" and len(name_key(entity.name).split()) == 1):
                for other in found[1:]:
                    merge(conn, eid, other)
            key = kb_key(entity)
            if key and not known.has_kb.get(eid, False):
                conn.execute(update(t.pic_entities).where(t.pic_entities.c.id == eid, t.pic_entities.c.kb_key.is_(None))
                             .values(kb_key=key))
                known.has_kb[eid] = True
        else:
            eid = mint(conn, "entity", "E")
            conn.execute(insert(t.pic_entities).values(
                id=eid, name=entity.name, type=entity.type, kb_key=kb_key(entity),
                name_key=name_key(entity.name), first_seen=day))
            known.add(entity, eid)
        out[entity.id] = eid
        rows.append({"article_id": record.id, "entity_id": entity.id, "pic_entity": eid, "name": entity.name})
    if rows:
        conn.execute(insert(t.pic_entity_links), rows)
    return out
