"""Headline checks on news unlike the seed: a number or date the body states otherwise makes
a claim contradicted (not merely unsupported); a number the body never gives stays
unsupported; a place named only in the dateline is named. Every name, number, place and date
here is invented."""

from __future__ import annotations

from newsgraph.record import ArticleRecord, Check


def check(record: ArticleRecord, claim: str) -> Check:
    found = [c for c in record.checks if claim in c.claim]
    assert found, [(c.claim, c.verdict) for c in record.checks]
    return found[0]


TROOPS = """Two-Week Review Ends: Ghana Sends 400 Soldiers to Mali; Convoy Carries 60 Armoured Vehicles

ACCRA — Ghana has sent 250 soldiers to northern Mali to join a regional force, the defence ministry said on Tuesday. The troops travelled in a convoy of armoured vehicles.

The decision followed a one-week review of the mission by parliament, officials said.
"""


def test_another_count_of_the_same_thing_contradicts(run_extract) -> None:  # type: ignore[no-untyped-def]
    r = run_extract(TROOPS)
    c = check(r, "Ghana Sends 400 Soldiers")
    assert c.verdict == "contradicted"
    assert "400" in c.note and "250" in c.note and c.evidence
    assert r.text[c.evidence[0].start : c.evidence[0].end].count("250") == 1


def test_a_count_the_body_never_gives_is_unsupported(run_extract) -> None:  # type: ignore[no-untyped-def]
    c = check(run_extract(TROOPS), "Convoy Carries 60")
    assert c.verdict == "unsupported" and "60" in c.note


def test_a_counting_word_is_read(run_extract) -> None:  # type: ignore[no-untyped-def]
    c = check(run_extract(TROOPS), "Two-Week Review Ends")
    assert c.verdict == "contradicted" and "one-week" in c.note


PEOPLE = """Floods Kill 75 People in Southern Province

Rescue Teams Reach Cut-Off Villages

LUSAKA — Floods have killed 31 villagers in Southern Province since Friday, the disaster agency said, and rescue teams reached several cut-off villages by boat on Monday.
"""


def test_people_counted_by_another_noun(run_extract) -> None:  # type: ignore[no-untyped-def]
    c = check(run_extract(PEOPLE), "Floods Kill 75 People")
    assert c.verdict == "contradicted" and "31" in c.note


TALKS = """Peru and Chile Agree to Resume Talks in March

Negotiators Meet in Lima

LIMA — Peru and Chile agreed on Monday to resume talks on their maritime border, and negotiators will meet again in Santiago in May, the Peruvian foreign ministry said.

The two delegations also met briefly in the capital on Monday to set the agenda.
"""


def test_another_date_of_the_same_granularity_contradicts(run_extract) -> None:  # type: ignore[no-untyped-def]
    c = check(run_extract(TALKS), "Resume Talks in March")
    assert c.verdict == "contradicted" and "May" in c.note


def test_a_dateline_place_is_named(run_extract) -> None:  # type: ignore[no-untyped-def]
    c = check(run_extract(TALKS), "Negotiators Meet in Lima")
    assert c.verdict == "supported"
