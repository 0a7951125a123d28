"""Events in PLOVER: the seed's must-shows, each with a twin on an article we wrote (invented
people, numbers, dates and a made-up crisis between other states), plus status, reporting,
statements-are-not-events and the eval slice."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from conftest import REFERENCE_DATE, check_record
from newsgraph.evaluation import harness
from newsgraph.pipeline import extract
from newsgraph.record import ArticleRecord, Event
from newsgraph.stages.events import lexicon

TWIN = """Peruvian Troops Reportedly Drilling in Bolivia: Chile Issues Warning Amid Rising Tensions in Andes Dispute

Peru Conscripts 2.6 Million Farmers

In the Andes dispute, Chile said on Friday (September 19) that at least 4,200 Peruvian soldiers have been sent to Bolivia and are currently undergoing military training. The presence of Peruvian troops in Bolivia marks a sharp escalation of the dispute, which has drawn strong reactions from Quito and its neighbours.

Chile and its partners have issued stern warnings, making it clear that if Peruvian soldiers cross the border, they will be considered legitimate military targets.

According to Mateo Rios, a spokesperson for the Chilean defence ministry, the Peruvian soldiers arrived in Bolivia in early September. Rios emphasized that should the Peruvian troops cross the border, they would become legitimate targets for Chile's army.

On Friday, Norway summoned Peru's ambassador to express its disapproval of Lima's role in the dispute.

Quito has also issued a direct appeal to Peruvian troops. In a statement read on radio, Quito called on the Peruvian soldiers to lay down their arms and go home.

The Mercosur nations have committed to making $12 billion in lending available to Bolivia this year.

In April, Peruvian leader Tomas Huaranca and Bolivian President Elena Quispe signed a defence pact that reportedly includes joint patrols.

Argentina, for its part, has announced plans to send a delegation to United Nations offices in Geneva next week to brief the organisation on the dispute.
"""


def names(record: ArticleRecord, participants: list[Any]) -> list[str]:
    """Entity names of participants (their text when the entity is unknown)."""
    by_id = {e.id: e.name for e in record.entities}
    return [by_id.get(p.entity or "", p.text) for p in participants]


def entity_name(record: ArticleRecord, eid: str | None) -> str | None:
    return next((e.name for e in record.entities if e.id == eid), None)


def find(record: ArticleRecord, types: tuple[str, ...], trigger: str, near: str) -> Event:
    """The event of one of ``types`` whose trigger is ``trigger`` in the sentence with ``near``."""
    for ev in record.events:
        if ev.type in types and ev.trigger == trigger and near in record.text[ev.start : ev.end]:
            return ev
    got = [(e.type, e.trigger, record.text[e.start : e.start + 40]) for e in record.events]
    raise AssertionError(f"no {types} event on {trigger!r} near {near!r}; events: {got}")


@pytest.fixture(scope="module")
def twin() -> ArticleRecord:
    return check_record(extract(TWIN, reference_date=REFERENCE_DATE, published="2025-09-20"))


# ------------------------------------------------------------------ troops sent


def test_seed_troops_sent_to_russia(seed_record: ArticleRecord) -> None:
    ev = find(seed_record, ("AID", "MOBILIZE"), "sent", "revealed on Wednesday")
    assert ev.mode in ("military", "troops")
    assert "North Korea" in names(seed_record, ev.actors)
    assert names(seed_record, ev.targets) == ["Russia"]
    assert entity_name(seed_record, ev.reported_by) == "United States"
    assert ev.when is None  # the revelation is dated, not the sending


def test_twin_troops_sent(twin: ArticleRecord) -> None:
    ev = find(twin, ("AID", "MOBILIZE"), "sent", "Chile said on Friday")
    assert ev.mode in ("military", "troops")
    assert names(twin, ev.actors) == ["Peru"]
    assert names(twin, ev.targets) == ["Bolivia"]
    assert entity_name(twin, ev.reported_by) == "Chile"
    assert ev.status == "occurred"


# ------------------------------------------------------------------ threats


def test_seed_us_warns_troops_would_be_targets(seed_record: ArticleRecord) -> None:
    ev = find(seed_record, ("THREATEN",), "warnings", "legitimate military targets")
    assert "United States" in names(seed_record, ev.actors)
    assert "North Korea" in names(seed_record, ev.targets)
    kirby = find(seed_record, ("THREATEN",), "emphasized", "legitimate targets")
    assert names(seed_record, kirby.actors) == ["United States"]  # a US official by role


def test_twin_warns_troops_would_be_targets(twin: ArticleRecord) -> None:
    ev = find(twin, ("THREATEN",), "warnings", "legitimate military targets")
    assert "Chile" in names(twin, ev.actors)
    assert "Peru" in names(twin, ev.targets)
    rios = find(twin, ("THREATEN",), "emphasized", "legitimate targets")
    assert names(twin, rios.actors) == ["Chile"]  # a spokesperson of the Chilean ministry


# ------------------------------------------------------------------ envoy summoned


def test_seed_germany_summons_envoy(seed_record: ArticleRecord) -> None:
    ev = find(seed_record, ("ACCUSE", "CONSULT", "DEMAND"), "summoned", "envoy")
    assert names(seed_record, ev.actors) == ["Germany"]
    assert names(seed_record, ev.targets) == ["North Korea"]
    assert ev.when == "2024-10-23"
    assert ev.when_basis == "text"


def test_twin_norway_summons_ambassador(twin: ArticleRecord) -> None:
    ev = find(twin, ("ACCUSE", "CONSULT", "DEMAND"), "summoned", "ambassador")
    assert names(twin, ev.actors) == ["Norway"]
    assert names(twin, ev.targets) == ["Peru"]
    assert ev.when == "2025-09-19"


# ------------------------------------------------------------------ demands


def test_seed_kyiv_urges_soldiers_to_lay_down_arms(seed_record: ArticleRecord) -> None:
    ev = find(seed_record, ("DEMAND",), "called", "lay down their arms")
    assert names(seed_record, ev.actors) == ["Ukraine"]  # Kyiv as metonym
    assert names(seed_record, ev.targets) == ["North Korea"]
    # the demanded act is the demand's content, not an event of its own
    assert not [e for e in seed_record.events if e.trigger == "lay"]


def test_twin_quito_urges_soldiers_to_lay_down_arms(twin: ArticleRecord) -> None:
    ev = find(twin, ("DEMAND",), "called", "lay down their arms")
    assert names(twin, ev.actors) == ["Ecuador"]
    assert names(twin, ev.targets) == ["Peru"]
    assert not [e for e in twin.events if e.trigger in ("lay", "go")]


# ------------------------------------------------------------------ aid


def test_seed_g7_lends_ukraine(seed_record: ArticleRecord) -> None:
    ev = find(seed_record, ("AID",), "lending", "$50 billion")
    assert ev.mode == "economic"
    assert names(seed_record, ev.actors) == ["G7"]


def test_twin_lending(twin: ArticleRecord) -> None:
    ev = find(twin, ("AID",), "lending", "$12 billion")
    assert ev.mode == "economic"
    assert names(twin, ev.actors) == ["Mercosur"]
    assert names(twin, ev.targets) == ["Bolivia"]


# ------------------------------------------------------------------ agreements


def test_seed_june_deal_two_signatories(seed_record: ArticleRecord) -> None:
    ev = find(seed_record, ("AGREE",), "signed", "military deal")
    assert sorted(names(seed_record, ev.actors)) == ["North Korea", "Russia"]
    assert len(ev.actors) == 2
    assert ev.when == "2024-06"


def test_twin_april_pact_two_signatories(twin: ArticleRecord) -> None:
    ev = find(twin, ("AGREE",), "signed", "defence pact")
    assert sorted(names(twin, ev.actors)) == ["Bolivia", "Peru"]
    assert ev.when == "2025-04"
    for p in ev.actors:
        assert twin.text[p.start : p.end] == p.text


# ------------------------------------------------------------------ consultations


def test_seed_south_korea_to_brief_nato(seed_record: ArticleRecord) -> None:
    ev = find(seed_record, ("CONSULT",), "send", "brief the alliance")
    assert names(seed_record, ev.actors) == ["South Korea"]
    assert "NATO" in names(seed_record, ev.targets)
    assert ev.status == "planned"
    assert entity_name(seed_record, ev.where) == "Brussels"


def test_twin_argentina_to_brief_un(twin: ArticleRecord) -> None:
    ev = find(twin, ("CONSULT",), "send", "brief the organisation")
    assert names(twin, ev.actors) == ["Argentina"]
    assert "United Nations" in names(twin, ev.targets)
    assert ev.status == "planned"
    assert entity_name(twin, ev.where) == "Geneva"


# ------------------------------------------------------------------ general behaviour


def test_no_events_from_headlines_or_datelines(twin: ArticleRecord) -> None:
    title_end = twin.sections[0].end
    assert all(e.start > title_end for e in twin.events)


def test_statements_are_not_events(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        "Minister Talia Brandt said the talks in Tallinn had been useful. "
        "She told reporters that the weather was fine.\n"
    )
    assert record.events == []


def test_status_denied_hypothetical_planned_ongoing(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        "Canada did not sign the fisheries agreement with Iceland. "
        "If the talks collapse, Iceland could impose sanctions on Canadian trawlers. "
        "Iceland will send a delegation to Ottawa in May. "
        "Denmark continues to provide humanitarian aid to Greenland.\n"
    )
    status = {e.trigger: e.status for e in record.events}
    assert status["sign"] == "denied"
    assert status["impose"] == "hypothetical"
    assert status["send"] == "planned"
    assert status["provide"] == "ongoing"
    aid = find(record, ("AID",), "provide", "Denmark")
    assert aid.mode == "humanitarian"


def test_reported_by_and_unknown_actor_kept(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        "Kenya said that Ugandan forces had attacked a border post near Busia. "
        "Uganda has not commented. Masked gunmen attacked a convoy on the highway.\n"
    )
    first = find(record, ("ASSAULT",), "attacked", "Kenya said")
    assert entity_name(record, first.reported_by) == "Kenya"
    assert names(record, first.actors) == ["Uganda"]
    second = find(record, ("ASSAULT",), "attacked", "Masked gunmen")
    assert [p.text for p in second.actors] == ["Masked gunmen"]
    assert second.actors[0].entity is None
    assert second.reported_by is None


def test_lexicon_is_lemma_level_data() -> None:
    lex = lexicon()
    raw = json.loads(
        resources.files("newsgraph").joinpath("data", "plover_triggers.json").read_text("utf-8")
    )
    for item in raw["verbs"] + raw["nouns"]:
        assert item["lemma"] == item["lemma"].lower() and " " not in item["lemma"], item
    kinds = {r.type for rules in lex.verbs.values() for r in rules} | {r.type for r in lex.nouns.values()}
    assert kinds == {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "DEMAND",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }


def test_eval_slice_meets_floors() -> None:
    report = harness.run("events", limit=4)
    assert report.counts["docs"] == 4
    assert harness.below_floors(report, "slice") == []


WIRE = """Kenyan Police Arrest Dozens After Tax Protests

NAIROBI, March 3 (Reuters) - Police in Nairobi arrested 41 protesters on Monday after thousands marched against a new tax law, a police spokesman said.

The European Union imposed sanctions on three Belarusian officials over the crackdown in Minsk.

Iran accused Israel of attacking its consulate in Damascus and vowed to respond.

Hundreds of nurses protested outside parliament in London on Wednesday.

Nigeria has not released the detained journalists, a rights group said.

Brazil and Argentina will hold talks in Montevideo next month on a new trade agreement.
"""


def test_wire_story_events(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(WIRE)
    arrest = find(record, ("COERCE",), "arrested", "41 protesters")
    assert record.dateline is not None
    assert arrest.start >= record.dateline.end  # the sentence starts after the dateline
    assert entity_name(record, arrest.where) == "Nairobi"
    assert find(record, ("PROTEST",), "marched", "tax law").actors[0].text == "thousands"
    sanction = find(record, ("SANCTION",), "imposed", "Belarusian")
    assert names(record, sanction.actors) == ["European Union"]
    assert [p.text for p in sanction.targets] == ["three Belarusian officials"]
    assert sanction.where is None  # Minsk is where the crackdown was, not the sanction
    accuse = find(record, ("ACCUSE",), "accused", "consulate")
    assert names(record, accuse.actors) == ["Iran"] and names(record, accuse.targets) == ["Israel"]
    assert not [e for e in record.events if e.trigger == "attacking"]  # the alleged act
    nurses = find(record, ("PROTEST",), "protested", "nurses")
    assert [p.text for p in nurses.actors] == ["nurses"]
    assert entity_name(record, nurses.where) == "London"
    release = find(record, ("CONCEDE",), "released", "journalists")
    assert release.status == "denied"
    talks = find(record, ("CONSULT",), "hold", "Montevideo")
    assert sorted(names(record, talks.actors)) == ["Argentina", "Brazil"]
    assert talks.status == "planned"
    assert entity_name(record, talks.where) == "Montevideo"


PACT = """Ghana and Togo Sign Border Security Pact; Talks With Burkina Faso Planned

ACCRA, June 12 — Ghana and Togo signed a border security agreement on Thursday, officials said, after months of talks between the two governments.

Ghanaian President Ama Boateng will meet Burkina Faso's leader in Ouagadougou next month to discuss the refugee crisis, her office said.

Ghana has pledged $30 million in humanitarian aid for refugees fleeing violence in Burkina Faso, according to the finance ministry.

Burkina Faso's military government rejected criticism from Ghana, and accused Accra of harbouring rebels.
"""


def test_pact_story_events(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(PACT)
    pact = find(record, ("AGREE",), "signed", "border security agreement")
    assert sorted(names(record, pact.actors)) == ["Ghana", "Togo"]  # right after the dateline
    meet = find(record, ("CONSULT",), "meet", "Ouagadougou")
    assert names(record, meet.actors) == ["Ghana"]  # the president acts for her state
    assert names(record, meet.targets) == ["Burkina Faso"]
    assert meet.status == "planned"
    assert entity_name(record, meet.where) == "Ouagadougou"
    aid = find(record, ("AID",), "pledged", "humanitarian aid")
    assert aid.status == "planned" and names(record, aid.actors) == ["Ghana"]
    assert find(record, ("REJECT",), "rejected", "criticism").actors[0].text == "Burkina Faso's military government"
    accuse = find(record, ("ACCUSE",), "accused", "harbouring")
    assert names(record, accuse.targets) == ["Ghana"]  # Accra as metonym


def test_denied_by_a_denial_verb(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        "Serbia denied sending troops to the Kosovo border. "
        "Albania denied that it had deployed soldiers near Shkodra.\n"
    )
    assert find(record, ("MOBILIZE", "AID"), "sending", "Serbia").status == "denied"
    assert find(record, ("MOBILIZE", "AID"), "deployed", "Albania").status == "denied"


EXPEL = """Poland Expels Belarusian Diplomats After Border Incident

Poland expelled two Belarusian diplomats on Monday, accusing Minsk of orchestrating a surge of migrants at the border.

Germany pledged to send 200 border guards to help Poland, Chancellor Mira Hellwig said.

Russia's invasion of Ukraine in 2022 led the European Union to impose sweeping sanctions on Moscow.
"""


def test_expulsion_story_events(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(EXPEL)
    expel = find(record, ("SANCTION",), "expelled", "diplomats")
    assert [p.text for p in expel.actors] == ["Poland"]  # clipped to the sentence, never the title
    assert names(record, expel.targets) == ["Belarus"]
    guards = find(record, ("MOBILIZE", "AID"), "send", "border guards")
    assert guards.status == "planned" and names(record, guards.actors) == ["Germany"]
    invasion = find(record, ("ASSAULT",), "invasion", "2022")
    assert names(record, invasion.actors) == ["Russia"] and names(record, invasion.targets) == ["Ukraine"]
    assert invasion.when == "2022"
    sanction = find(record, ("SANCTION",), "impose", "sweeping")
    assert names(record, sanction.actors) == ["European Union"]  # object control: "led the EU to"
    assert names(record, sanction.targets) == ["Russia"]


def test_business_senses_are_not_political_events(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        "The new Korvel tablet will support wireless charging. "
        "The Nikkei index struck a record high on Friday. "
        "\u201cI agree,\u201d the analyst said. "
        "Analysts blamed the slide on weak earnings.\n\n"
        "Portugal welcomed the decision. Spain and Morocco agreed on a new fishing quota.\n"
    )
    assert {(e.type, e.trigger) for e in record.events} == {("SUPPORT", "welcomed"), ("AGREE", "agreed")}
    agree = find(record, ("AGREE",), "agreed", "fishing quota")
    assert sorted(names(record, agree.actors)) == ["Morocco", "Spain"]
    assert names(record, find(record, ("SUPPORT",), "welcomed", "Portugal").actors) == ["Portugal"]


SWAP = """Armenia and Azerbaijan Agree to Prisoner Swap

Azerbaijan Releases 300 Soldiers

Armenia and Azerbaijan agreed on Saturday to exchange prisoners of war, in a deal brokered by Qatar, the two governments said in a joint statement.

Under the agreement, Azerbaijan will release 32 Armenian soldiers next week.

Russia criticised the deal.
"""


def test_prisoner_swap(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(SWAP)
    agree = find(record, ("AGREE",), "agreed", "exchange prisoners")
    assert sorted(names(record, agree.actors)) == ["Armenia", "Azerbaijan"]  # two parties agree to act
    release = find(record, ("CONCEDE",), "release", "32 Armenian soldiers")
    assert release.status == "planned" and names(record, release.actors) == ["Azerbaijan"]
    assert names(record, find(record, ("ACCUSE",), "criticised", "Russia").actors) == ["Russia"]
    check = next(c for c in record.checks if c.claim == "Azerbaijan Releases 300 Soldiers")
    # the body clearly states another count of the same soldiers: contradicted, not just unsupported
    assert check.verdict == "contradicted" and "300" in check.note and "32" in check.note


def test_degrades_without_entities_or_timexes() -> None:
    """Before the entities and timexes stages fill the record, actors keep their text."""
    import datetime as dt

    from newsgraph.nlp.model import parse_many
    from newsgraph.pipeline import Article, Settings, _new_work, _run_stage, _stages
    from newsgraph.stages import checks, events

    work = _new_work(Article(content=TWIN), Settings(reference_date=dt.date(2026, 11, 26)))
    before, _after = _stages()
    for stage in before:
        _run_stage(stage, work)
    parse_many([work])
    events.STAGE.run(work)
    checks.STAGE.run(work)
    assert work.record.events and work.record.checks
    sent = find(work.record, ("AID", "MOBILIZE"), "sent", "Chile said")
    assert sent.actors == [] or all(p.entity is None for p in sent.actors)
    summon = find(work.record, ("ACCUSE",), "summoned", "ambassador")
    assert [p.text for p in summon.actors] == ["Norway"] and summon.actors[0].entity is None
    assert summon.when is None and summon.where is None
    check_record(work.record)
