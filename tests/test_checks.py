"""Headline checks: claims split from title and subtitles, judged against the body, on the
seed and on articles we wrote (invented people, numbers and places)."""

from __future__ import annotations

import pytest

from conftest import REFERENCE_DATE, check_record
from newsgraph.pipeline import extract
from newsgraph.record import ArticleRecord, Check
from newsgraph.stages.checks import numbers, split_claims, stem, words
from test_events import TWIN


def claim(record: ArticleRecord, text: str) -> Check:
    for check in record.checks:
        if check.claim == text:
            return check
    raise AssertionError(f"no claim {text!r}; claims: {[c.claim for c in record.checks]}")


@pytest.fixture(scope="module")
def twin() -> ArticleRecord:
    return check_record(extract(TWIN, reference_date=REFERENCE_DATE, published="2025-09-20"))


def test_seed_claims_split_at_colon_and_amid(seed_record: ArticleRecord) -> None:
    claims = [c.claim for c in seed_record.checks]
    assert claims == [
        "North Korean Troops Reportedly Training in Russia",
        "U.S. Issues Warning",
        "Escalating Tensions in Ukraine Conflict",
        "North Korea Mobilizes 1.4 Million Citizens",
    ]
    for c in seed_record.checks:
        assert c.kind == "headline_support"
        assert seed_record.text[c.claim_span.start : c.claim_span.end] == c.claim


def test_seed_mobilizes_unsupported_with_reason(seed_record: ArticleRecord) -> None:
    c = claim(seed_record, "North Korea Mobilizes 1.4 Million Citizens")
    assert c.verdict == "unsupported"
    assert "1.4 Million" in c.note and "never stated" in c.note
    assert c.evidence == []


def test_seed_troops_training_supported_with_evidence(seed_record: ArticleRecord) -> None:
    c = claim(seed_record, "North Korean Troops Reportedly Training in Russia")
    assert c.verdict == "supported"
    assert c.evidence
    body_start = seed_record.sections[2].start
    for span in c.evidence:
        assert span.start >= body_start  # evidence is body text, never the headline
        assert "Russia" in seed_record.text[span.start : span.end]
    assert "hedged" in c.note


def test_seed_warning_supported(seed_record: ArticleRecord) -> None:
    c = claim(seed_record, "U.S. Issues Warning")
    assert c.verdict == "supported"
    assert any("warnings" in seed_record.text[e.start : e.end] for e in c.evidence)


def test_twin_conscripts_unsupported_with_reason(twin: ArticleRecord) -> None:
    c = claim(twin, "Peru Conscripts 2.6 Million Farmers")
    assert c.verdict == "unsupported"
    assert "2.6 Million" in c.note


def test_twin_troops_drilling_supported(twin: ArticleRecord) -> None:
    c = claim(twin, "Peruvian Troops Reportedly Drilling in Bolivia")
    assert c.verdict == "supported"
    assert c.evidence
    assert all("Bolivia" in twin.text[e.start : e.end] for e in c.evidence)


def test_missing_actor_and_contradiction(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        "Brazil Confirms Arms Deal With Kenya\n\n"
        "Argentina Sends Frigates to Kenya\n\n"
        "Brazil has not confirmed the arms deal with Kenya, officials in Brasilia said on "
        "Tuesday. The deal would cover 40 armoured vehicles, according to a report by the "
        "Nairobi daily Taifa.\n"
    )
    deal = claim(record, "Brazil Confirms Arms Deal With Kenya")
    assert deal.verdict == "contradicted"
    assert deal.evidence and "not confirmed" in record.text[deal.evidence[0].start : deal.evidence[0].end]
    frigates = claim(record, "Argentina Sends Frigates to Kenya")
    assert frigates.verdict == "unsupported"
    assert "Argentina" in frigates.note


def test_split_claims_boundaries() -> None:
    b = words().boundaries
    line = "Floods Hit Coast; Thousands Flee as Rivers Rise"
    spans = split_claims(line, 100, b)
    assert [line[s - 100 : e - 100] for s, e in spans] == ["Floods Hit Coast", "Thousands Flee", "Rivers Rise"]


def test_stems_and_numbers() -> None:
    assert stem("Mobilizes") == stem("mobilization") == stem("mobilize")
    assert stem("Training") == stem("trains")
    assert numbers("lends $7.5 billion to 3,200 farmers") == [(7.5e9, "7.5 billion"), (3200.0, "3,200")]


def test_number_words_years_and_hedge_note(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        "Floods Kill 12 in Northern Italy as Rivers Burst Banks in 2025\n\n"
        "Twelve people died when the Adige and Po rivers burst their banks in northern Italy "
        "on Sunday, the civil protection agency said. Rescuers reportedly pulled dozens of "
        "residents from flooded homes near Verona.\n"
    )
    kill = claim(record, "Floods Kill 12 in Northern Italy")
    assert kill.verdict == "supported", kill.note
    banks = claim(record, "Rivers Burst Banks in 2025")
    assert banks.verdict == "supported", banks.note  # a year is a date, not a figure
    assert numbers("the 1st of 3 items") == [(3.0, "3")]


def test_rubrics_and_dates_are_not_claims(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        "Live Updates: Chad and Niger Reopen Border\n\n"
        "March 14, 2025\n\n"
        "Chad and Niger reopened their shared border on Friday after a six-month closure, "
        "officials in N'Djamena said.\n"
    )
    claims = [c.claim for c in record.checks]
    assert "Live Updates" not in claims and "March 14, 2025" not in claims
    assert claim(record, "Chad and Niger Reopen Border").verdict == "supported"


def test_country_named_differently(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        "U.S. carmaker Velmont wants to close 312 dealerships\n\n"
        "American carmaker Velmont Motors said on Thursday that it wants to close 312 of its "
        "dealerships by the end of the year.\n"
    )
    c = claim(record, "U.S. carmaker Velmont wants to close 312 dealerships")
    assert c.verdict == "supported", c.note  # "U.S." is the body's "American"
