"""Shared helpers of the store tests: stores on SQLite and PostgreSQL, and hand-built records
(invented names, places, numbers and dates) whose every facet is filled, so the store is
tested whatever the extraction stages produce today."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from newsgraph.pipeline import Article, Settings, normalize_input, short_hash
from newsgraph.record import (
    KB,
    ArticleRecord,
    Check,
    Entity,
    Event,
    Figure,
    Geo,
    Mention,
    Participant,
    Provenance,
    Published,
    Quote,
    Role,
    Run,
    Section,
    Source,
    Span,
    StageInfo,
    Timex,
    TimexRange,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
REFERENCE = dt.date(2026, 11, 26)
SETTINGS = Settings(reference_date=REFERENCE)


@contextmanager
def pg_database(pg_url: str) -> Iterator[str]:
    """A fresh database on the throw-away cluster, dropped afterwards."""
    name = "ng_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield pg_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def _provenance() -> Provenance:
    from newsgraph.pipeline import stage_infos

    return Provenance(
        extractor="newsgraph 0.1.0", stages=[StageInfo(name=s.name, version=s.version) for s in stage_infos()],
        reference_date=REFERENCE.isoformat(), run=Run(started_at="2026-11-26T10:00:00+00:00", host="test"),
    )


def hand_record(variant: int = 0) -> tuple[ArticleRecord, Article]:
    """A complete record of an article we wrote; ``variant`` changes names and numbers."""
    town, mayor, rival = [("Brellholm", "Odile Varnecke", "Tobiah Strunk"),
                          ("Quenmoor", "Sabine Erlacher", "Malik Dourado")][variant % 2]
    n = 1840 + 17 * variant
    title = f"{town} Council Approves Harbour Levy"
    text = (
        f"{title}\n\n"
        f"Mayor {mayor} said the levy would raise about {n} thousand crowns by March 3.\n\n"
        f"\"We will not wait another winter,\" {mayor} said on Tuesday.\n\n"
        f"{rival} accused the council of ignoring fishermen and reportedly counted 45 empty berths.\n\n"
        f"The council met the fishermen's guild in {town} on Friday, March 1."
    )
    content = text
    rid = short_hash(normalize_input(content))
    e_town = _span(text, town)
    e_mayor = _span(text, mayor, text.index("Mayor"))
    e_mayor2 = _span(text, mayor, e_mayor[1])
    e_rival = _span(text, rival)
    quote = _span(text, "We will not wait another winter,")
    cue = _span(text, "said", quote[1])
    fig1 = _span(text, f"about {n} thousand crowns")
    fig2 = _span(text, "45 empty berths")
    tx1 = _span(text, "March 3")
    tx2 = _span(text, "Friday, March 1")
    s_accuse = _span(text, f"{rival} accused the council of ignoring fishermen and reportedly counted 45 empty berths.")
    s_meet = _span(text, f"The council met the fishermen's guild in {town} on Friday, March 1.")
    t_accused = _span(text, "accused")
    t_met = _span(text, "met", s_meet[0])
    council = _span(text, "the council", s_accuse[0])
    council2 = _span(text, "The council", s_meet[0])
    guild = _span(text, "the fishermen's guild")
    headline = _span(text, "Council Approves Harbour Levy")
    record = ArticleRecord(
        id=rid, content_key=short_hash(text + "|body"),
        source=Source(uri=f"file:///examples/{town.lower()}.txt", outlet="Sound Courier"),
        title=title, published=Published(date=f"2026-03-0{4 + variant}", basis="given"),
        language="en", text=text,
        sections=[Section(kind="title", start=0, end=len(title))],
        entities=[
            Entity(id="entity:0", name=town, type="GPE", kb=KB(iso="XT"), geo=Geo(lat=61.5, lon=7.25, country="XT"),
                   mentions=[Mention(start=e_town[0], end=e_town[1], text=town)]),
            Entity(id="entity:1", name=mayor, type="PERSON",
                   roles=[Role(title="mayor", org=f"{town} council", basis="text", start=e_mayor[0] - 6, end=e_mayor[0] - 1)],
                   mentions=[Mention(start=e_mayor[0], end=e_mayor[1], text=mayor),
                             Mention(start=e_mayor2[0], end=e_mayor2[1], text=mayor)]),
            Entity(id="entity:2", name=rival, type="PERSON", aliases=[rival.split()[-1]],
                   mentions=[Mention(start=e_rival[0], end=e_rival[1], text=rival)]),
        ],
        quotes=[Quote(id=f"quote:{quote[0]}-{quote[1]}", text=text[quote[0]:quote[1]], kind="direct",
                      speaker="entity:1", speaker_text=mayor, speaker_span=Span(start=e_mayor2[0], end=e_mayor2[1]),
                      cue="said", cue_span=Span(start=cue[0], end=cue[1]), start=quote[0], end=quote[1])],
        figures=[
            Figure(id=f"figure:{fig1[0]}-{fig1[1]}", text=text[fig1[0]:fig1[1]], value=n * 1000.0, qualifier="about",
                   unit="XTC", measure="harbour levy revenue", source="entity:1", source_text=mayor,
                   modality="predicted", time="2026-03-03", start=fig1[0], end=fig1[1]),
            Figure(id=f"figure:{fig2[0]}-{fig2[1]}", text=text[fig2[0]:fig2[1]], value=45.0, unit="berth",
                   measure="empty berths", source="entity:2", source_text=rival, modality="reported",
                   start=fig2[0], end=fig2[1]),
        ],
        timexes=[
            Timex(id=f"timex:{tx1[0]}-{tx1[1]}", text="March 3", type="DATE", value="2026-03-03",
                  range=TimexRange(start="2026-03-03", end="2026-03-03"), start=tx1[0], end=tx1[1]),
            Timex(id=f"timex:{tx2[0]}-{tx2[1]}", text="Friday, March 1", type="DATE", value="2026-03-01",
                  range=TimexRange(start="2026-03-01", end="2026-03-01"), start=tx2[0], end=tx2[1]),
        ],
        events=[
            Event(id=f"event:{s_accuse[0]}-{s_accuse[1]}", type="ACCUSE",
                  actors=[Participant(entity="entity:2", text=rival, start=e_rival[0], end=e_rival[1])],
                  targets=[Participant(text="the council", start=council[0], end=council[1])],
                  trigger="accused", trigger_span=Span(start=t_accused[0], end=t_accused[1]),
                  start=s_accuse[0], end=s_accuse[1]),
            Event(id=f"event:{s_meet[0]}-{s_meet[1]}", type="CONSULT", mode="meet",
                  actors=[Participant(text="The council", start=council2[0], end=council2[1])],
                  targets=[Participant(text="the fishermen's guild", start=guild[0], end=guild[1])],
                  when="2026-03-01", when_basis="text", where="entity:0",
                  trigger="met", trigger_span=Span(start=t_met[0], end=t_met[1]), start=s_meet[0], end=s_meet[1]),
        ],
        checks=[Check(id=f"check:{headline[0]}-{headline[1]}", claim=text[headline[0]:headline[1]],
                      claim_span=Span(start=headline[0], end=headline[1]), verdict="unsupported",
                      note="the body says the mayor expects the levy, not that the council approved it")],
        provenance=_provenance(),
    )
    article = Article(content=content, uri=record.source.uri, raw=content.encode())
    return record, article


def comparable(value: Any) -> Any:
    """A query output without the fields that hold wall-clock times."""
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items()
                if k not in ("first_seen", "last_seen", "added_at", "ingested_at", "processed_at", "started_at")}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return value
