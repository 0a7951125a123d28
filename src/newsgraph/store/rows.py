"""A record into rows: the whole record JSON plus one row per entity, mention, quote, figure,
timex, event and check, and the search documents (article text, each quote)."""

from __future__ import annotations

import json
import re
from typing import Any

from newsgraph.record import ArticleRecord
from newsgraph.store.search import search_body

Rows = dict[str, list[dict[str, Any]]]

_YEAR = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")


def stage_signature(stages: list[tuple[str, str]]) -> str:
    """``clean=1;metadata=0;...``: what ``reprocess`` compares with the current stages."""
    return ";".join(f"{name}={version}" for name, version in stages)


def record_signature(record: ArticleRecord) -> str:
    return stage_signature([(s.name, s.version) for s in record.provenance.stages])


def timex_start_date(value: str | None) -> str | None:
    """The first day of a TIMEX3 date value (``2024-10``, ``2024-W43``, ``2024-10-23TNI``)."""
    import datetime as dt

    if not value:
        return None
    week = _WEEK.match(value)
    if week:
        try:
            return dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1).isoformat()
        except ValueError:
            return None
    match = _YEAR.match(value)
    if not match:
        return None
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=False)


def _fold(text: str | None) -> str | None:
    return text.casefold() if text is not None else None


def facet_rows(record: ArticleRecord) -> Rows:
    """Rows of every facet table for one record (``article_id`` filled in)."""
    aid = record.id
    names = {e.id: e.name for e in record.entities}
    rows: Rows = {name: [] for name in ("entities", "mentions", "quotes", "figures", "timexes", "events", "checks")}
    for ent in record.entities:
        kb = ent.kb
        rows["entities"].append({
            "article_id": aid, "id": ent.id, "name": ent.name, "name_key": ent.name.casefold(),
            "type": ent.type, "aliases": _dump(ent.aliases),
            "wikidata": kb.wikidata if kb else None, "geonames": kb.geonames if kb else None,
            "iso": kb.iso if kb else None,
            "lat": ent.geo.lat if ent.geo else None, "lon": ent.geo.lon if ent.geo else None,
            "country": ent.geo.country if ent.geo else None,
            "roles": _dump([r.model_dump(mode="json") for r in ent.roles]),
            "n_mentions": len(ent.mentions),
        })
        seen: set[tuple[int, int]] = set()
        for m in ent.mentions:
            if (m.start, m.end) in seen:
                continue
            seen.add((m.start, m.end))
            rows["mentions"].append({
                "article_id": aid, "entity_id": ent.id, "start": m.start, "end": m.end,
                "text": m.text, "sense": m.sense,
            })
    for q in record.quotes:
        speaker_name = names.get(q.speaker) if q.speaker else None
        rows["quotes"].append({
            "article_id": aid, "id": q.id, "text": q.text, "kind": q.kind, "speaker": q.speaker,
            "speaker_name": speaker_name, "speaker_text": q.speaker_text,
            "speaker_key": _fold(" | ".join(x for x in (speaker_name, q.speaker_text) if x) or None),
            "speaker_start": q.speaker_span.start if q.speaker_span else None,
            "speaker_end": q.speaker_span.end if q.speaker_span else None,
            "cue": q.cue, "cue_start": q.cue_span.start if q.cue_span else None,
            "cue_end": q.cue_span.end if q.cue_span else None, "start": q.start, "end": q.end,
        })
    for f in record.figures:
        rows["figures"].append({
            "article_id": aid, "id": f.id, "text": f.text, "value": f.value, "low": f.low,
            "high": f.high, "qualifier": f.qualifier, "unit": f.unit, "measure": f.measure,
            "measure_key": _fold(f.measure), "aspect": f.aspect, "of": f.of, "at": f.at,
            "source": f.source, "source_text": f.source_text, "modality": f.modality,
            "time": f.time, "in_quote": f.in_quote, "start": f.start, "end": f.end,
        })
    for t in record.timexes:
        rows["timexes"].append({
            "article_id": aid, "id": t.id, "text": t.text, "type": t.type, "value": t.value,
            "range_start": t.range.start if t.range else None,
            "range_end": t.range.end if t.range else None, "start": t.start, "end": t.end,
        })
    for ev in record.events:
        when_date = timex_start_date(ev.when)
        date, basis = (when_date, "when") if when_date else (record.published.date, "published" if record.published.date else None)
        rows["events"].append({
            "article_id": aid, "id": ev.id, "type": ev.type, "mode": ev.mode,
            "actors": _dump([p.model_dump(mode="json") for p in ev.actors]),
            "targets": _dump([p.model_dump(mode="json") for p in ev.targets]),
            "when": ev.when, "when_basis": ev.when_basis, "date": date, "date_basis": basis,
            "where": ev.where, "status": ev.status, "reported_by": ev.reported_by,
            "trigger": ev.trigger, "trigger_start": ev.trigger_span.start,
            "trigger_end": ev.trigger_span.end, "start": ev.start, "end": ev.end,
        })
    for ch in record.checks:
        rows["checks"].append({
            "article_id": aid, "id": ch.id, "kind": ch.kind, "claim": ch.claim,
            "claim_start": ch.claim_span.start, "claim_end": ch.claim_span.end,
            "verdict": ch.verdict, "evidence": _dump([e.model_dump(mode="json") for e in ch.evidence]),
            "note": ch.note,
        })
    return rows


def article_row(record: ArticleRecord, now: str) -> dict[str, Any]:
    return {
        "id": record.id, "content_key": record.content_key, "title": record.title,
        "language": record.language, "published": record.published.date,
        "published_basis": record.published.basis, "uri": record.source.uri,
        "outlet": record.source.outlet, "agency": record.source.agency, "text": record.text,
        "record": record.to_json(), "extractor": record.provenance.extractor,
        "stages": record_signature(record), "reference_date": record.provenance.reference_date,
        "n_entities": len(record.entities), "n_quotes": len(record.quotes),
        "n_figures": len(record.figures), "n_events": len(record.events),
        "processed_at": now,
    }


def search_rows(record: ArticleRecord) -> list[dict[str, Any]]:
    docs = [{"article_id": record.id, "kind": "article", "item_id": "",
             "body": search_body(record.text)}]
    for q in record.quotes:
        docs.append({"article_id": record.id, "kind": "quote", "item_id": q.id, "body": search_body(q.text)})
    return docs
