"""Events on news unlike the seed: 22 articles we wrote (tests/fixtures/heldout_events, gold
in evaluation/gold/events_heldout, coded before the rules) and one twin sentence set per
behaviour fixed on them. Every name, number, place and date below is invented for the test.

Fixture-level assertions use the tune half only (``harness.is_frozen``); the frozen half is
scored by ``newsgraph eval events-heldout`` and never inspected for tuning.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES
from newsgraph.evaluation import harness
from newsgraph.record import ArticleRecord, Event

HELDOUT = FIXTURES / "heldout_events"


def names(record: ArticleRecord, participants: list[Any]) -> list[str]:
    by_id = {e.id: e.name for e in record.entities}
    return [by_id.get(p.entity or "", p.text) for p in participants]


def article(body: str) -> str:
    """A body under a title line (the first line of a text is its title, never an event)."""
    return (
        "Regional Roundup: Officials Respond to Week of Tension\n\n"
        "Officials across the region responded on Wednesday to a week of rising tension, according "
        "to statements released by several governments and agencies.\n\n" + body
    )


def events_of(record: ArticleRecord, etype: str, near: str) -> list[Event]:
    return [e for e in record.events if e.type == etype and near in record.text[e.start : e.end]]


def one(record: ArticleRecord, etype: str, near: str) -> Event:
    found = events_of(record, etype, near)
    got = [(e.type, e.trigger, record.text[e.start : e.start + 50]) for e in record.events]
    assert found, f"no {etype} event near {near!r}; events: {got}"
    return found[0]


def gold_docs() -> list[dict[str, Any]]:
    path = resources.files("newsgraph.evaluation").joinpath("gold", "events_heldout", "gold.json")
    docs: list[dict[str, Any]] = json.loads(path.read_text("utf-8"))["docs"]
    return docs


def test_gold_is_well_formed() -> None:
    docs = gold_docs()
    assert len(docs) == 22
    halves = {harness.is_frozen(d["key"]) for d in docs}
    assert halves == {True, False}  # both halves exist
    for d in docs:
        text = (HELDOUT / d["file"]).read_text("utf-8")
        assert 140 <= len(text.split()) <= 700
        for g in d["events"]:
            assert text.count(g["trigger"]) == 1 and len(g["trigger"]) < 40
        for c in d.get("checks", []):
            assert c["verdict"] in ("supported", "unsupported", "contradicted")
    verdicts = {c["verdict"] for d in docs for c in d["checks"]}
    assert verdicts == {"supported", "unsupported", "contradicted"}


TUNE = [d for d in gold_docs() if not harness.is_frozen(d["key"])]


@pytest.mark.parametrize("doc", TUNE, ids=[d["key"] for d in TUNE])
def test_tune_headline_verdicts(run_extract, doc: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    record = run_extract((HELDOUT / doc["file"]).read_text("utf-8"))
    for c in doc["checks"]:
        pos = record.text.find(c["claim"])
        found = [k for k in record.checks if k.claim_span.start <= pos < k.claim_span.end]
        assert found and found[0].verdict == c["verdict"], (c, [(k.claim, k.verdict, k.note) for k in found])
        assert found[0].note


def test_heldout_eval_floors() -> None:
    report = harness.run("events-heldout", limit=None)
    assert not harness.below_floors(report, "slice"), report.metrics


# --- twins: one invented text per behaviour ---------------------------------------------------

def test_a_weekday_is_never_the_actor(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article("The African Union on Friday suspended the membership of Gabon after the coup.\n"))
    ev = one(r, "SANCTION", "suspended")
    assert "Friday" not in [a.text for a in ev.actors]
    assert names(r, ev.actors) == ["African Union"]


def test_relief_goods_are_humanitarian_aid(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Norway flew tents and blankets to Ecuador on Sunday after the earthquake.\n\n"
        "Canada will send medicine and food to the survivors, its minister Paul Ferrand said.\n"
    ))
    assert one(r, "AID", "tents").mode == "humanitarian"
    ev = one(r, "AID", "medicine")
    assert ev.mode == "humanitarian" and ev.status == "planned"


def test_a_denied_charge_is_a_rejection_a_non_denial_is_not(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Togo accused Ghana of harbouring rebels, a charge the government in Accra denied.\n\n"
        "Burkina Faso has neither confirmed nor denied the reports.\n"
    ))
    rej = one(r, "REJECT", "charge")
    assert rej.trigger == "denied" and names(r, rej.actors) == ["Ghana"]
    assert not events_of(r, "REJECT", "neither")


def test_what_a_denial_denies_keeps_status_denied(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article("Ukraine denied sending soldiers to Moldova last week.\n"))
    ev = one(r, "MOBILIZE", "sending") if events_of(r, "MOBILIZE", "sending") else one(r, "AID", "sending")
    assert ev.status == "denied"


def test_coerce_and_assault_modes(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Police in Lusaka arrested 14 students on Tuesday.\n\n"
        "Customs officers seized two tonnes of ivory at the port.\n\n"
        "Two warplanes dropped bombs on a fuel depot near Kasama.\n"
    ))
    assert one(r, "COERCE", "students").mode == "arrest"
    assert one(r, "COERCE", "ivory").mode == "seize"
    assert one(r, "ASSAULT", "warplanes").mode == "aerial"


def test_alerts_and_patrols_mobilize(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Estonia put its army on high alert on Monday.\n\n"
        "Latvia increased patrols along its eastern frontier.\n"
    ))
    assert names(r, one(r, "MOBILIZE", "alert").actors) == ["Estonia"]
    assert one(r, "MOBILIZE", "patrols").mode == "troops"


def test_troops_leaving_bases_and_pulling_back_retreat(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "About 1,800 Rwandan soldiers will leave bases near Goma by the end of June.\n\n"
        "Both armies will pull back their forces ten kilometres from the river.\n"
    ))
    assert one(r, "RETREAT", "leave").status == "planned"
    assert one(r, "RETREAT", "pull")


def test_a_deployment_inside_the_country_is_no_foreign_aid(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article("Ecuador deployed 2,000 soldiers to Sucumbíos province on Wednesday.\n"))
    ev = one(r, "MOBILIZE", "deployed")
    assert ev.mode == "troops"
    assert not events_of(r, "AID", "deployed")


def test_the_two_countries_are_both_actors(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Kyrgyzstan rejected a proposal from Tajikistan on the border on Monday.\n\n"
        "The two countries agreed in May on a water-sharing treaty.\n"
    ))
    assert sorted(names(r, one(r, "AGREE", "two countries").actors)) == ["Kyrgyzstan", "Tajikistan"]


def test_a_proposal_is_no_target_its_author_is(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Kyrgyzstan rejected a proposal from Tajikistan on the border on Monday.\n\n"
        "Uzbekistan rejected the claim on Tuesday.\n"
    ))
    assert names(r, one(r, "REJECT", "proposal").targets) == ["Tajikistan"]
    assert one(r, "REJECT", "claim").targets == []


def test_possessive_and_appositive_actors(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Malian Foreign Minister Oumar Diallo met the envoys in Bamako on Monday. "
        "Diallo said his government would release 25 Nigerien soldiers.\n\n"
        "The opposition leader in exile, Awa Traore, welcomed the move.\n"
    ))
    # Mali is never named: the state stands as its demonym entity, not as the minister
    assert names(r, one(r, "CONCEDE", "release").actors) == ["Malian"]
    assert names(r, one(r, "SUPPORT", "welcomed").actors) == ["Awa Traore"]


def test_the_bloc_is_the_organisation_named_most(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "The European Union imposed sanctions on Georgian officials on Monday. The European Union "
        "said the list could grow. A State Department spokesman, Carl Henning, welcomed the step.\n\n"
        "Estonia urged the bloc to go further.\n"
    ))
    assert names(r, one(r, "DEMAND", "urged").targets) == ["European Union"]


def test_conditions_and_fears_are_hypothetical(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Serbia said it would expel diplomats and close its airspace if the measures were not lifted.\n\n"
        "Farmers near Kidal said they feared the rebels would attack the town.\n"
    ))
    assert one(r, "SANCTION", "expel").status == "hypothetical"
    assert one(r, "ASSAULT", "feared").status == "hypothetical"


def test_protests_and_support(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Thousands of nurses marched through the centre of Lima on Thursday.\n\n"
        "Residents of Puno held a rally against the mine on Sunday.\n\n"
        "Chile and Bolivia expressed support for the nurses.\n"
    ))
    assert one(r, "PROTEST", "nurses").mode == "demonstrate"
    assert one(r, "PROTEST", "rally")
    assert sorted(names(r, one(r, "SUPPORT", "expressed").actors)) == ["Bolivia", "Chile"]


def test_a_weapon_threatening_stability_is_no_threat(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article("Vietnam said the new missiles would threaten regional stability.\n"))
    assert not events_of(r, "THREATEN", "missiles")


def test_fixture_dir_exists() -> None:
    assert sorted(p.name for p in Path(HELDOUT).glob("*.txt"))[:1] == ["01_ceasefire.txt"]


def test_a_negated_condition_is_hypothetical_not_denied(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Bolivia said it would close the border if Paraguay did not release the detained farmers.\n"
    ))
    ev = one(r, "CONCEDE", "release")
    assert ev.status == "hypothetical"


def test_victims_described_are_no_new_assault(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "The families of those killed in the Tarma landslide met the governor on Friday.\n"
    ))
    assert not [e for e in r.events if e.type == "ASSAULT"]


def test_a_title_without_full_stop_keeps_both_parties(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(
        "Zambia and Malawi Sign Border Deal\n\n"
        "Zambia and Malawi signed a border agreement on Monday in Lilongwe, officials said.\n\n"
        "Malawi's president praised the deal.\n"
    )
    ev = one(r, "AGREE", "border agreement")
    assert sorted(names(r, ev.actors)) == ["Malawi", "Zambia"]
    assert r.text[ev.start : ev.end].startswith("Zambia and Malawi signed")


def test_the_two_countries_agree_to_act(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Uruguay and Paraguay held talks in Asunción on Monday on river transport.\n\n"
        "The two countries also agreed to reopen a ferry route.\n"
    ))
    assert sorted(names(r, one(r, "AGREE", "two countries").actors)) == ["Paraguay", "Uruguay"]


def test_more_modes(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Gunmen kidnapped two engineers near Kaduna on Saturday.\n\n"
        "Soldiers shot three protesters with rifles outside the depot.\n\n"
        "Chancellor Ilse Brandt visited Warsaw on Tuesday for talks with Polish leaders.\n"
    ))
    assert one(r, "ASSAULT", "kidnapped").mode == "abduct"
    assert one(r, "ASSAULT", "rifles").mode == "firearms"
    assert one(r, "CONSULT", "visited").mode == "visit"


def test_more_news_verbs(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Rebels stormed the parliament building in Bangui on Thursday.\n\n"
        "Riot police dispersed the crowd with batons outside the stadium.\n\n"
        "Honduras turned down the offer from Nicaragua on Monday.\n\n"
        "Guatemala accepted the proposal and handed over the prisoners to Belize.\n"
    ))
    assert one(r, "ASSAULT", "stormed")
    assert one(r, "COERCE", "dispersed")
    assert names(r, one(r, "REJECT", "turned down").actors) == ["Honduras"]
    assert names(r, one(r, "AGREE", "accepted").actors) == ["Guatemala"]
    assert one(r, "CONCEDE", "handed")


# --- targets: twins for the syntactic target rules (events stage version 3) ----------------------

def test_a_passive_subject_is_the_target(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article("The Georgian village of Tsvirmi was shelled by Armenian forces on Sunday.\n"))
    ev = one(r, "ASSAULT", "shelled")
    assert any("Tsvirmi" in t.text for t in ev.targets), ev.targets
    assert not any("Armenian" in t.text for t in ev.targets)


def test_the_light_verb_carries_the_target_phrase(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Egypt held talks with Jordan in Aqaba on Tuesday.\n\n"
        "Japan announced new aid to Laos on Monday.\n"
    ))
    assert names(r, one(r, "CONSULT", "talks").targets) == ["Jordan"]
    ev = one(r, "AID", "Laos")
    assert names(r, ev.targets) == ["Laos"]
    assert not [t for t in ev.targets if t.text == "Monday"]  # a date is never a target


def test_who_is_told_to_act_is_the_target(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "The Tavora farmers' union demanded that Parliament repeal the fuel tax.\n\n"
        "Slovakia threatened to impose tariffs on Austria.\n"
    ))
    assert [t.text for t in one(r, "DEMAND", "demanded").targets] == ["Parliament"]
    assert names(r, one(r, "THREATEN", "tariffs").targets) == ["Austria"]


def test_an_unnamed_group_is_resolved_through_its_phrase(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article("Finland will deliver food to the displaced families in northern Mozambique.\n"))
    ev = one(r, "AID", "families")
    assert names(r, ev.targets) == ["Mozambique"]
    assert ev.targets[0].text == "the displaced families"


def test_them_and_a_denied_accusation(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Bolivia and Peru have argued over trade for a decade.\n\n"
        "Peru expelled three Bolivian diplomats on Monday, accusing them of spying. "
        "Bolivia denied the accusation.\n"
    ))
    assert names(r, one(r, "ACCUSE", "accusing").targets) == ["Bolivia"]
    rej = one(r, "REJECT", "denied")
    assert names(r, rej.actors) == ["Bolivia"] and names(r, rej.targets) == ["Peru"]
    assert rej.targets[0].text == "the accusation"


def test_both_governments_are_two_others_than_the_actors(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Peru and Bolivia traded accusations last week.\n\n"
        "Chile and Argentina called on both governments to settle the dispute.\n"
    ))
    ev = one(r, "DEMAND", "both governments")
    assert sorted(names(r, ev.targets)) == ["Bolivia", "Peru"]
    assert sorted(names(r, ev.actors)) == ["Argentina", "Chile"]


def test_a_reaction_targets_the_earlier_events_actor(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Brazil deployed 4,000 troops near the Rio Branco crossing on Monday. Paraguay said it "
        "would hold talks with Argentina.\n\n"
        "Uruguay condemned the deployment on Tuesday.\n"
    ))
    assert names(r, one(r, "ACCUSE", "condemned").targets) == ["Brazil"]


def test_a_reaction_without_an_earlier_event_has_no_target(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article("Uruguay condemned the deployment on Tuesday.\n"))
    assert one(r, "ACCUSE", "condemned").targets == []


def test_troops_sent_to_a_border_are_no_foreign_aid(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article("Venezuela has sent 9,000 soldiers to its border with Guyana.\n"))
    assert one(r, "MOBILIZE", "soldiers")
    assert not events_of(r, "AID", "soldiers")


def test_released_captives_go_back_to_their_state(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Chad and Sudan signed a truce on Monday.\n\n"
        "Sudan said it would release 40 Chadian soldiers.\n"
    ))
    assert names(r, one(r, "CONCEDE", "release").targets) == ["Chad"]


def test_the_actor_is_never_its_own_target(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article("Sudan's army attacked Sudanese rebels near Kutum on Friday.\n"))
    ev = one(r, "ASSAULT", "attacked")
    actors = {a.entity for a in ev.actors if a.entity}
    assert actors and not actors & {t.entity for t in ev.targets}


def test_what_is_banned_or_frozen_names_its_owner(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Ukraine banned imports from Belarus on Monday.\n\n"
        "The European Union froze the assets of Pavel Korsun.\n"
    ))
    assert names(r, one(r, "SANCTION", "imports").targets) == ["Belarus"]
    assert names(r, one(r, "SANCTION", "assets").targets) == ["Pavel Korsun"]


def test_fired_at_targets_what_is_aimed_at_not_the_ammunition(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article("Riot police fired rubber bullets at the crowd outside the Varna stadium.\n"))
    assert [t.text for t in one(r, "ASSAULT", "fired").targets] == ["the crowd"]


def test_a_counterpart_with_a_demonym_and_a_convoy_of_an_army(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Ukraine and Poland held talks on grain last month.\n\n"
        "Poland's foreign minister met his Ukrainian counterpart in Lviv on Tuesday.\n\n"
        "Rebels attacked a convoy of the Malian army near Gao.\n"
    ))
    assert names(r, one(r, "CONSULT", "counterpart").targets) == ["Ukraine"]
    assert names(r, one(r, "ASSAULT", "convoy").targets) in (["Mali"], ["Malian"])


def test_sanctions_on_a_capital_are_no_place(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article("The European Union imposed sanctions on Tehran on Monday.\n"))
    ev = one(r, "SANCTION", "Tehran")
    assert names(r, ev.targets) == ["Iran"] and ev.where is None


# --- types and status: twins (events stage version 3) ----------------------------------------

def test_a_speech_act_after_a_that_clause_continues_the_outer_clause(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Latvia's envoy, Ilze Berzina, said the refusal showed that Lithuania was not serious about "
        "peace and warned that Riga had other options if the talks failed.\n"
    ))
    ev = one(r, "THREATEN", "warned")
    assert ev.status == "occurred"
    assert names(r, ev.actors) and not {"Lithuania", "the refusal"} & set(names(r, ev.actors))


def test_readiness_is_hypothetical_and_an_order_content_no_event(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Kenya said it was ready to send more troops to the mission.\n\n"
        "Commanders must obey the order to pull back, the Ugandan minister Okello Ayen said.\n"
    ))
    assert one(r, "MOBILIZE", "ready").status == "hypothetical"
    assert not events_of(r, "RETREAT", "order")


def test_a_denial_of_an_act_is_a_rejection_and_restated_measures_no_new_sanction(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Minister Oleg Varna denied ordering the arrests of the strikers.\n\n"
        "Canada imposed sanctions on Belarus on Monday. The measures freeze the assets of ten officials.\n"
    ))
    assert names(r, one(r, "REJECT", "denied").actors) == ["Oleg Varna"]
    assert not events_of(r, "SANCTION", "measures freeze")


def test_walkouts_coordination_and_defending(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "The Sudanese delegation walked out of the talks in Juba on Monday.\n\n"
        "The European Commission said it would coordinate its relief effort with Finland.\n\n"
        "Interior Minister Tomas Ferrer defended the police after the clashes in Tarvela.\n"
    ))
    assert one(r, "REJECT", "walked")
    coop = one(r, "COOPERATE", "coordinate")
    assert names(r, coop.actors) == ["European Commission"] and names(r, coop.targets) == ["Finland"]
    assert [t.text for t in one(r, "SUPPORT", "defended").targets] == ["the police"]


def test_said_it_would_respond_if_is_a_threat(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "The Bolivian foreign ministry said La Paz would respond if Peru did not reverse its decision.\n\n"
        "Chile said the border would reopen if the weather improved.\n"
    ))
    ev = one(r, "THREATEN", "respond")
    assert names(r, ev.targets) == ["Peru"]
    assert not events_of(r, "THREATEN", "weather")


def test_hosts_and_mediators_meet_parties(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Qatar hosted the Kenyan president in Doha on Monday.\n\n"
        "Norway hosted talks between Colombia and Venezuela last week.\n"
    ))
    assert [t.text for t in one(r, "CONSULT", "Kenyan").targets] == ["the Kenyan president"]
    assert sorted(names(r, one(r, "CONSULT", "Colombia").targets)) == ["Colombia", "Venezuela"]


def test_a_recalled_ambassador_targets_the_capitals_country(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Saudi Arabia and Canada have quarrelled over human rights.\n\n"
        "Canada recalled its ambassador from Riyadh on Tuesday.\n"
    ))
    ev = one(r, "SANCTION", "recalled")
    assert names(r, ev.targets) == ["Saudi Arabia"] and ev.targets[0].text == "Riyadh"


def test_tariffs_slapped_and_fire_exchanged(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "The United States slapped tariffs on Mexico on Friday.\n\n"
        "Israel and Lebanon exchanged fire across the border.\n"
    ))
    assert names(r, one(r, "SANCTION", "slapped").targets) == ["Mexico"]
    assert sorted(names(r, one(r, "ASSAULT", "exchanged").actors)) == ["Israel", "Lebanon"]


def test_raised_subjects_and_due_to_plan(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Ghana is expected to sign a gas deal with Togo on Friday.\n\n"
        "Kenya is due to send 1,000 police officers to the Tavari district next month.\n"
    ))
    ev = one(r, "AGREE", "gas deal")
    assert names(r, ev.actors) == ["Ghana"] and names(r, ev.targets) == ["Togo"] and ev.status == "planned"
    send = one(r, "MOBILIZE", "police")
    assert send.status == "planned" and send.mode == "police" and names(r, send.actors) == ["Kenya"]


def test_british_spelling_refusals_resumed_talks_and_pullouts(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Senegal recognised the new government of Gambia on Monday.\n\n"
        "Mali refused to meet the envoys from Niger.\n\n"
        "Thailand and Cambodia resumed talks on the disputed temple on Monday.\n\n"
        "Uganda pulled its troops out of South Sudan last year.\n"
    ))
    assert names(r, one(r, "SUPPORT", "recognised").actors) == ["Senegal"]
    assert "Niger" in names(r, one(r, "REJECT", "refused").targets)
    assert sorted(names(r, one(r, "CONSULT", "resumed").actors)) == ["Cambodia", "Thailand"]
    assert names(r, one(r, "RETREAT", "pulled").targets) == ["South Sudan"]


def test_a_denied_claim_targets_who_made_it(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Serbia said Kosovo police had beaten three Serbs at a checkpoint on Saturday, a claim "
        "Pristina denied.\n"
    ))
    rej = one(r, "REJECT", "denied")
    assert names(r, rej.targets) == ["Serbia"]


def test_ones_own_envoys_and_a_town_left_are_no_targets(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Pakistan sent a delegation to Afghanistan for talks on Monday.\n\n"
        "Russia demanded the withdrawal of Ukrainian troops from Kursk.\n"
    ))
    assert names(r, one(r, "CONSULT", "delegation").targets) == ["Afghanistan"]
    assert [t.text for t in one(r, "DEMAND", "withdrawal").targets] == ["Ukrainian troops"]


def test_talks_that_resume_and_unlikely_sanctions(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Officials said talks between Sudan and Chad would resume in Doha next week.\n\n"
        "Analysts said Beijing was unlikely to impose sanctions on Manila.\n\n"
        "Iran denied supplying drones to Russia.\n"
    ))
    ev = one(r, "CONSULT", "resume")
    assert sorted(names(r, ev.actors)) == ["Chad", "Sudan"] and ev.status == "planned"
    assert one(r, "SANCTION", "unlikely").status == "hypothetical"
    # a denial's target is never what the denied act was aimed at
    assert "Russia" not in names(r, one(r, "REJECT", "denied").targets)


def test_an_indefinite_noun_refers_to_nothing_said_before(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Armenia and Azerbaijan signed a transit deal on Monday.\n\n"
        "Residents of the town of Varzan held a rally against any such deal.\n"
    ))
    assert one(r, "PROTEST", "rally").targets == []


def test_a_purpose_clause_shares_the_time_of_its_clause(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Thousands of farmers blocked a highway on Monday to protest against a new land law.\n"
    ))
    assert one(r, "PROTEST", "protest").when == "2026-11-23"


def test_a_part_of_a_group_keeps_its_of_phrase(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "The minister Hugo Varela said the government would meet representatives of the farmers.\n"
    ))
    ev = one(r, "CONSULT", "meet")
    assert [t.text for t in ev.targets] == ["representatives of the farmers"]


def test_a_named_neighbour_and_strikes_carried_out(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Poland accused its neighbour, Belarus, of orchestrating the crossings.\n\n"
        "Israel carried out airstrikes on Hamas positions on Sunday.\n"
    ))
    assert names(r, one(r, "ACCUSE", "neighbour").targets) == ["Belarus"]
    ev = one(r, "ASSAULT", "airstrikes")
    assert names(r, ev.actors) == ["Israel"] and names(r, ev.targets) == ["Hamas"]


def test_a_demanded_release_targets_the_captor(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Iran's Revolutionary Guards seized a Maltese cargo ship on Tuesday. Malta demanded the "
        "immediate release of the vessel and its crew.\n\n"
        "Greek commandos boarded a Turkish trawler near Lesbos.\n"
    ))
    assert names(r, one(r, "DEMAND", "release").targets) == ["Iran"]
    assert one(r, "COERCE", "boarded").mode == "seize"



def test_closing_and_reopening_borders_and_a_court_appeal(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Niger said it would close its border with Benin on Friday.\n\n"
        "Benin will reopen its embassy in Niamey next month.\n\n"
        "The lawyer of the trader Ousmane Bako said he would appeal.\n\n"
        "Togo appealed to Benin for calm.\n"
    ))
    assert one(r, "SANCTION", "close").status == "planned"
    assert names(r, one(r, "CONCEDE", "reopen").actors) == ["Benin"]
    assert not events_of(r, "DEMAND", "lawyer")
    assert names(r, one(r, "DEMAND", "appealed").targets) == ["Benin"]


def test_a_country_whose_clause_is_left_verbless_still_acts(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Brazil, which shares borders with both countries, called for calm and said it had moved "
        "troops to its northern frontier.\n"
    ))
    assert names(r, one(r, "DEMAND", "calm").actors) == ["Brazil"]


def test_places_through_apposition_during_and_take_place(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Protesters rallied in the capital, Bishkek, on Sunday.\n\n"
        "Police arrested 12 people during a raid in Mombasa on Friday.\n\n"
        "Talks took place in Geneva on Tuesday.\n"
    ))
    where = {e.id: e.name for e in r.entities}
    assert where.get(one(r, "PROTEST", "rallied").where or "") == "Bishkek"
    assert where.get(one(r, "COERCE", "arrested").where or "") == "Mombasa"
    assert where.get(one(r, "CONSULT", "Talks").where or "") == "Geneva"


def test_a_target_pronoun_is_someone_other_than_the_actor(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Russia seized three Ukrainian ships last week. Kyiv accused it of piracy.\n\n"
        "Serbia has moved troops to the boundary. Croatia condemned it on Monday.\n"
    ))
    assert names(r, one(r, "ACCUSE", "piracy").targets) == ["Russia"]
    assert names(r, one(r, "ACCUSE", "Croatia").targets) == ["Serbia"]


def test_trade_suspended_and_ties_cut_with_a_party(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "India suspended trade with Pakistan on Monday.\n\n"
        "Nicaragua cut diplomatic ties with Taiwan in December.\n"
    ))
    assert names(r, one(r, "SANCTION", "suspended").targets) == ["Pakistan"]
    assert names(r, one(r, "SANCTION", "ties").targets) == ["Taiwan"]


def test_failed_unplanned_and_pending_acts(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Ghana failed to reach a deal with Togo on Monday.\n\n"
        "Sudan said it had no plans to attack Chad.\n\n"
        "Kenya has yet to ratify the treaty.\n"
    ))
    assert one(r, "AGREE", "reach").status == "denied"
    assert one(r, "ASSAULT", "attack").status == "denied"
    ev = one(r, "AGREE", "ratify")
    assert ev.status == "planned" and ev.targets == []  # a treaty is no party


def test_a_complaint_lodged_against_a_party(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article("Peru lodged a formal complaint against Ecuador at the United Nations.\n"))
    ev = one(r, "ACCUSE", "complaint")
    assert names(r, ev.actors) == ["Peru"] and names(r, ev.targets) == ["Ecuador"]


def test_lexicon_verbs_by_plover_type(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Rebels overran an army outpost near Kelvara on Monday.\n\n"
        "Police apprehended two suspects in Dornwick on Tuesday.\n\n"
        "Authorities imposed a curfew on the port of Sallenby.\n\n"
        "Kenya and Uganda finalised a trade agreement in Nairobi.\n\n"
        "Norway halted aid to the junta after the vote.\n\n"
        "Serbia amassed troops along the border last week.\n\n"
        "The foreign minister, Ilse Marquardt, decried the arrests as unlawful.\n\n"
        "Gunmen hijacked a ferry off the coast of Tarvo.\n"
    ))
    assert one(r, "ASSAULT", "outpost").trigger == "overran"
    assert one(r, "COERCE", "suspects").mode == "arrest"
    assert one(r, "COERCE", "curfew").trigger == "imposed"
    assert one(r, "AGREE", "finalised").trigger == "finalised"
    assert one(r, "SANCTION", "halted").trigger == "halted"
    assert one(r, "MOBILIZE", "amassed").mode == "troops"
    assert one(r, "ACCUSE", "decried").trigger == "decried"
    assert one(r, "ASSAULT", "ferry").mode == "abduct"


def test_lexicon_verbs_need_their_arguments(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "The novelist said critics had hijacked her story.\n\n"
        "Farmers halted the harvest because of the rain.\n\n"
        "Tomas Reyven attended a conference on soil science in Brekka.\n\n"
        "She slammed the door and left the hall.\n"
    ))
    assert events_of(r, "ASSAULT", "hijacked") == []
    assert events_of(r, "SANCTION", "harvest") == []
    assert events_of(r, "CONSULT", "conference") == []
    assert events_of(r, "ACCUSE", "door") == []


def test_event_nouns_with_light_verbs_and_occurrence(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Clashes erupted between rival militias in Ostrava Nueva on Friday.\n\n"
        "The army mounted an assault on the rebel stronghold.\n\n"
        "Dockworkers staged a walkout at the harbour in Vellmar.\n\n"
        "The two factions declared a truce on Sunday.\n\n"
        "The interior ministry launched a crackdown on opposition newspapers.\n"
    ))
    assert one(r, "ASSAULT", "Clashes").trigger == "Clashes"
    assert one(r, "ASSAULT", "stronghold").trigger in ("mounted", "assault")
    assert one(r, "PROTEST", "walkout").trigger in ("staged", "walkout")
    assert one(r, "AGREE", "truce").trigger in ("declared", "truce")
    assert one(r, "COERCE", "crackdown").trigger in ("launched", "crackdown")


def test_event_nouns_without_a_light_verb_are_no_events(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "The truce was fragile, analysts in Merrow said.\n\n"
        "A walkout seemed unlikely to the union's lawyers.\n"
    ))
    assert events_of(r, "AGREE", "fragile") == []
    assert events_of(r, "PROTEST", "unlikely") == []


def test_event_nouns_with_a_named_party(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "President Amara Velde's visit to Uganda was her first since 2019.\n\n"
        "The attack on Harlow was condemned by Norway.\n\n"
        "Sanctions against Iran remain in force, officials in Oslo said.\n\n"
        "A visit to the museum is free for children.\n\n"
        "A ban on plastic bags took effect in the spring.\n"
    ))
    visit = one(r, "CONSULT", "Uganda")
    assert visit.trigger == "visit" and names(r, visit.targets) == ["Uganda"]
    assert names(r, one(r, "ASSAULT", "Harlow").targets) == ["Harlow"]
    assert names(r, one(r, "SANCTION", "Iran").targets) == ["Iran"]
    assert events_of(r, "CONSULT", "museum") == []
    assert events_of(r, "SANCTION", "plastic") == []


def test_strikes_weapons_that_hit_and_censorship(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Teachers in Corvane went on strike on Monday over unpaid wages.\n\n"
        "A missile hit a fuel depot outside Brelsk on Tuesday.\n\n"
        "The junta shut down two opposition newspapers in Tarvo.\n\n"
        "The striker hit the post twice in the second half.\n"
    ))
    assert one(r, "PROTEST", "Teachers").mode == "strike"
    assert one(r, "ASSAULT", "depot").trigger == "hit"
    assert one(r, "COERCE", "newspapers").mode == "censor"
    assert events_of(r, "ASSAULT", "striker") == []


def test_monitoring_a_truce_is_cooperation(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(article(
        "Observers from Ghana will monitor the ceasefire along the Velra river.\n\n"
        "Nurses monitor the patients through the night in Corvane.\n"
    ))
    assert one(r, "COOPERATE", "ceasefire").trigger == "monitor"
    assert events_of(r, "COOPERATE", "patients") == []
