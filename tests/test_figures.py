"""Figures: numbers with value, bound, unit, measure, aspect, source, modality and time.

Seed must-shows each have a twin on an article written here with invented names, numbers,
places and dates. The seed is read at run time (conftest), never committed.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.evaluation import harness
from newsgraph.record import ArticleRecord, Figure

TWIN = """Tarskian Fleet Reportedly Sailing Toward Lumeria: Calvera Issues Alert

Lumeria Drafts 2.3 Million Volunteers

The Republic of Calvera announced on Thursday (March 12) that at least 4,700 Tarskian marines \
have been moved to Lumeria and are now taking part in drills.

Calveran senator Ivo Brandt-Kessel, speaking after a briefing by the Calveran Defence Bureau, \
disclosed that an additional 2,250 marines had been shipped to Lumeria, bringing the overall \
total to 4,700. Moreover, Calveran analysts predict that Tarsk could send as many as 12,500 \
sailors to Lumeria by August.

\u201cWe will not let 300 fishing villages go hungry,\u201d the harbour council statement read.

The Ostmark Group, led by Calvera, has pledged to provide \u20ac35 billion in credit to Lumeria \
this year. Finance Minister Odile Varga confirmed that the money would come from a reserve fund.

The two islands have been rivals for decades. Officials said the alert level was raised to 3. \
The mayor, aged 54, can be reached at 555-201-7788. It was the 3rd such warning in 2025.
"""


def figure(record: ArticleRecord, text: str, n: int = 0) -> Figure:
    found = [f for f in record.figures if f.text == text]
    assert len(found) > n, (text, [f.text for f in record.figures])
    return found[n]


def entity_name(record: ArticleRecord, eid: str | None) -> str | None:
    return next((e.name for e in record.entities if e.id == eid), None)


def body_start(record: ArticleRecord) -> int:
    paragraphs = [s for s in record.sections if s.kind == "paragraph"]
    # the first block long enough to be body text
    start: int = next(s.start for s in paragraphs if s.end - s.start > 120)
    return start


@pytest.fixture(scope="module")
def twin(run_extract: Any) -> ArticleRecord:
    record: ArticleRecord = run_extract(TWIN)
    return record


@pytest.fixture(scope="module")
def run_extract() -> Any:  # module-scoped twin of the conftest fixture
    from tests.conftest import REFERENCE_DATE, check_record

    from newsgraph.pipeline import extract

    def _run(text: str, **options: Any) -> ArticleRecord:
        options.setdefault("reference_date", REFERENCE_DATE)
        return check_record(extract(text, **options))

    return _run


# --- must show: "at least 3,000" -------------------------------------------------------------


def test_seed_at_least_3000_sourced_to_the_united_states(seed_record: ArticleRecord) -> None:
    f = figure(seed_record, "at least 3,000")
    assert (f.value, f.low, f.qualifier, f.unit) == (3000, 3000, "at_least", "person")
    assert f.source_text is not None and "United States" in f.source_text
    assert entity_name(seed_record, f.source) == "United States"
    assert f.measure == "North Korean soldiers"
    assert entity_name(seed_record, f.of) == "North Korea"
    assert f.modality == "asserted" and f.aspect == "total" and not f.in_quote
    assert entity_name(seed_record, f.at) == "Russia"


def test_twin_at_least(twin: ArticleRecord) -> None:
    f = figure(twin, "at least 4,700")
    assert (f.value, f.low, f.qualifier, f.unit) == (4700, 4700, "at_least", "person")
    assert f.source_text == "The Republic of Calvera"
    assert f.measure == "Tarskian marines"
    assert entity_name(twin, f.at) == "Lumeria"


# --- must show: "an additional 1,500" (increment) and "total to 3,000" (total) ------------------


def test_seed_increment_and_total_sourced_to_park(seed_record: ArticleRecord) -> None:
    inc = figure(seed_record, "an additional 1,500")
    total = figure(seed_record, "3,000")
    assert (inc.value, inc.aspect, inc.unit) == (1500, "increment", "person")
    assert (total.value, total.aspect, total.unit, total.qualifier) == (3000, "total", "person", "exact")
    for f in (inc, total):
        assert f.source_text is not None and "Park Sun-won" in f.source_text
        assert entity_name(seed_record, f.source) == "Park Sun-won"
        assert f.source_span is not None
        assert seed_record.text[f.source_span.start : f.source_span.end] == f.source_text


def test_twin_increment_and_total(twin: ArticleRecord) -> None:
    inc = figure(twin, "an additional 2,250")
    total = figure(twin, "4,700")
    assert (inc.value, inc.aspect, inc.unit) == (2250, "increment", "person")
    assert (total.value, total.aspect, total.unit) == (4700, "total", "person")
    for f in (inc, total):
        assert f.source_text is not None and f.source_text.endswith("Ivo Brandt-Kessel")
        assert entity_name(twin, f.source) == "Ivo Brandt-Kessel"


# --- must show: "as many as 10,000" (at_most, predicted, officials, by December) -------------


def test_seed_as_many_as_10000_predicted_by_december(seed_record: ArticleRecord) -> None:
    f = figure(seed_record, "as many as 10,000")
    assert (f.value, f.high, f.low, f.qualifier) == (10000, 10000, None, "at_most")
    assert f.modality == "predicted"
    assert f.source_text == "South Korean officials"
    assert f.time == "2024-12"
    assert f.unit == "person"


def test_twin_as_many_as_predicted(twin: ArticleRecord) -> None:
    f = figure(twin, "as many as 12,500")
    assert (f.value, f.high, f.qualifier, f.modality) == (12500, 12500, "at_most", "predicted")
    assert f.source_text == "Calveran analysts"
    assert f.time == "2026-08"


# --- must show: "$50 billion" (USD, G7 / Yellen) ---------------------------------------------


def test_seed_50_billion_usd(seed_record: ArticleRecord) -> None:
    first = figure(seed_record, "$50 billion")
    assert (first.value, first.unit) == (50e9, "USD")
    assert first.source_text is not None
    assert "G7" in first.source_text or "Yellen" in first.source_text
    assert first.measure == "lending"
    second = figure(seed_record, "$50 billion", 1)
    assert (second.value, second.unit, second.modality) == (50e9, "USD", "asserted")


def test_twin_euro_billions(twin: ArticleRecord) -> None:
    f = figure(twin, "\u20ac35 billion")
    assert (f.value, f.unit, f.measure) == (35e9, "EUR", "credit")
    assert f.source_text == "The Ostmark Group"
    assert f.time == "2026"


# --- must show: "1.4 Million" in the subtitle, no source --------------------------------------


def test_seed_subtitle_million_has_no_source(seed_record: ArticleRecord) -> None:
    f = figure(seed_record, "1.4 Million")
    assert (f.value, f.unit, f.measure) == (1.4e6, "person", "Citizens")
    assert f.source is None and f.source_text is None and f.source_span is None
    assert f.end < body_start(seed_record)


def test_twin_subtitle_million(twin: ArticleRecord) -> None:
    f = figure(twin, "2.3 Million")
    assert (f.value, f.unit, f.measure) == (2.3e6, "person", "Volunteers")
    assert f.source_text is None
    assert f.end < body_start(twin)


# --- what is not a figure --------------------------------------------------------------------


def test_seed_dates_and_names_are_not_figures(seed_record: ArticleRecord) -> None:
    texts = [f.text for f in seed_record.figures]
    assert not any("23" in t or "G7" in t or "October" in t for t in texts)
    assert len([t for t in texts if t in ("at least 3,000", "3,000")]) == 2


def test_twin_not_figures(twin: ArticleRecord) -> None:
    texts = [f.text for f in twin.figures]
    for bad in ("3", "54", "555", "201", "7788", "2025", "3rd", "12"):
        assert bad not in texts, bad
    assert "two" in texts


def test_figures_inside_quotes(twin: ArticleRecord, seed_record: ArticleRecord) -> None:
    f = figure(twin, "300")
    assert f.in_quote
    assert (f.source_text is not None and "statement" in f.source_text.lower()) or (f.source_text and "council" in f.source_text)
    g = figure(seed_record, "hundreds of thousands")
    assert g.in_quote and (g.value, g.low, g.qualifier, g.unit) == (200000, 200000, "at_least", "person")
    assert g.measure == "Russian soldiers"


# --- forms, qualifiers, units ------------------------------------------------------------------

FORMS = """Harvest Report

Some 1,200 farmers in the Vell valley lost a dozen tractors, and hundreds of thousands of \
hectares were flooded. Two-thirds of the 4,800 households had no power. Between 5 and 7 percent \
of the 90,000 voters stayed home, and 10,000 to 12,000 people fled. The dam holds roughly 40 \
km of pipes and cost \u00a33.5bn, while a second contract was worth 9.9 billion yuan. Nearly 300 \
families moved, more than 2,000 goats died and fewer than 50 remain. Shares paid $4 per share. \
Up to 80 percent of roads were shut.
"""


@pytest.fixture(scope="module")
def forms(run_extract: Any) -> ArticleRecord:
    record: ArticleRecord = run_extract(FORMS)
    return record


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "qualifier", "unit"),
    [
        ("Some 1,200", 1200, None, None, "about", "person"),
        ("a dozen", 12, None, None, "exact", None),
        ("hundreds of thousands", 200000, 200000, None, "at_least", None),
        ("Two-thirds", 2 / 3, None, None, "exact", "fraction"),
        ("Between 5 and 7 percent", None, 5, 7, "range", "percent"),
        ("10,000 to 12,000", None, 10000, 12000, "range", "person"),
        ("roughly 40 km", 40, None, None, "about", "kilometre"),
        ("\u00a33.5bn", 3.5e9, None, None, "exact", "GBP"),
        ("9.9 billion yuan", 9.9e9, None, None, "exact", "CNY"),
        ("Nearly 300", 300, None, 300, "under", None),
        ("more than 2,000", 2000, 2000, None, "over", None),
        ("fewer than 50", 50, None, 50, "under", None),
        ("Up to 80 percent", 80, None, 80, "at_most", "percent"),
    ],
)
def test_forms(forms: ArticleRecord, text: str, value: float | None, low: float | None,
               high: float | None, qualifier: str, unit: str | None) -> None:
    f = figure(forms, text)
    if value is None:
        assert f.value is None
    else:
        assert f.value == pytest.approx(value)
    assert (f.low, f.high, f.qualifier, f.unit) == (low, high, qualifier, unit)


def test_aspects(forms: ArticleRecord) -> None:
    assert figure(forms, "$4").aspect == "rate"
    assert figure(forms, "Between 5 and 7 percent").aspect == "share"
    assert figure(forms, "Two-thirds").aspect == "share"
    assert figure(forms, "hundreds of thousands").measure == "hectares"


MODALITY = """Port Figures

The ministry said 40 ships were reportedly seized. Investigators estimate that an estimated \
6,500 tonnes of grain were lost. If the strike lasts, 900 jobs would go. The harbour authority \
denied that 250 containers had been damaged. According to the Varn Shipping Board, 75 vessels \
are idle. The port handled 1,100 cargo flights.
"""


def test_modalities_and_according_to(run_extract: Any) -> None:
    record = run_extract(MODALITY)
    assert figure(record, "40").modality == "reported"
    est = figure(record, "an estimated 6,500 tonnes")
    assert (est.modality, est.unit, est.value) == ("estimated", "tonne", 6500)
    assert figure(record, "900").modality == "hypothetical"
    assert figure(record, "250").modality == "denied"
    board = figure(record, "75")
    assert board.source_text is not None and "Varn Shipping Board" in board.source_text
    assert figure(record, "1,100").modality == "asserted"
    assert figure(record, "40").source_text == "The ministry"


# --- evals on fixed slices, against committed floors --------------------------------------------


def test_figures_eval_slice() -> None:
    report = harness.run("figures", limit=6)
    assert report.counts["gold_figures"] > 30
    assert harness.below_floors(report, "slice") == []


def test_meantime_figures_eval_slice() -> None:
    report = harness.run("meantime-figures", limit=12)
    assert report.counts["gold_values"] > 20
    assert harness.below_floors(report, "slice") == []


MIXED = """Storm Report

The Kellan Islands government said on Friday that 1,340 homes were destroyed between 2019 and \
2021, and that the toll rose from 1,000 to 1,500 in a week. Officials said 24/7 crews were using \
5G networks and F-16 jets under Article 5, while a 30-year-old pilot from Flight 370 was missing. \
Prices rose 3.5 per cent, a 20% rise, and unemployment climbed 1.2 percentage points. One in five \
residents left. The council approved \u20ac500m in aid and a $1.2bn loan; the mayor said the city \
will need another $300 million by 2027. No. 10 said the G20 would meet at 3 p.m. on June 4. The \
team won 3-1. Around 2 million people have been displaced, the Oster refugee agency estimated.
"""


def test_mixed_forms_and_non_figures(run_extract: Any) -> None:
    record = run_extract(MIXED)
    texts = [f.text for f in record.figures]
    for bad in ("2019", "2021", "24", "7", "5", "16", "30", "370", "10", "20", "3", "1", "4"):
        assert bad not in texts, bad
    frm, to = figure(record, "1,000"), figure(record, "1,500")
    assert frm.qualifier == to.qualifier == "exact"  # "from 1,000 to 1,500" is a change, not a range
    assert figure(record, "3.5 per cent").unit == "percent"
    assert figure(record, "1.2 percentage points").unit == "percentage_point"
    share = figure(record, "One in five")
    assert share.value == pytest.approx(0.2)
    assert (share.unit, share.aspect) == ("fraction", "share")
    assert (figure(record, "\u20ac500m").value, figure(record, "\u20ac500m").unit) == (500e6, "EUR")
    assert (figure(record, "$1.2bn").value, figure(record, "$1.2bn").unit) == (1.2e9, "USD")
    more = figure(record, "another $300 million")
    assert (more.aspect, more.modality, more.time, more.source_text) == ("increment", "predicted", "2027", "the mayor")
    displaced = figure(record, "Around 2 million")
    assert (displaced.value, displaced.qualifier, displaced.unit, displaced.modality) == (2e6, "about", "person", "estimated")
    assert displaced.source_text == "the Oster refugee agency"


LOCAL = """Riverton Notes

Neighbours described Amos Telford, 71, and his wife, Greta, 66, as quiet. A Dellish girl, 11, \
was found safe. The former mayor died at 88 on Monday. He was 88. Two children, ages 5 and 8, \
were rescued from 41 Copperfield Lane. The recall covers product code 0-55821-33190-4. The vote \
on 9 October was won by the Nine-Star Alliance. The council shipped a 30-pound (14-kg) cheese \
and 640 million pounds of apples, while 12.5 million Dellish voters went to the polls. A flood \
destroyed 27 bridges and damaged 60 more, engineers said.
"""


def test_ages_addresses_codes_names_are_not_figures(run_extract: Any) -> None:
    record = run_extract(LOCAL)
    texts = [f.text for f in record.figures]
    for bad in ("71", "66", "11", "88", "5", "8", "41", "0-55821", "9", "Nine"):
        assert bad not in texts, bad
    assert figure(record, "Two").unit == "person"
    cheese = figure(record, "30-pound")
    assert (cheese.value, cheese.unit) == (30, "pound_mass")
    assert figure(record, "14-kg").unit == "kilogram"
    apples = figure(record, "640 million pounds")
    assert (apples.value, apples.unit) == (640e6, "pound_mass")
    voters = figure(record, "12.5 million")
    assert (voters.value, voters.unit) == (12.5e6, "person")
    more = figure(record, "60")
    assert more.aspect == "increment"
    assert figure(record, "27").source_text == "engineers"


def test_more_ages_and_half_a_dozen(run_extract: Any) -> None:
    record = run_extract(
        "Court Roundup\n\nPavel Ostrin, 23, faced Kaspar Vell, 19, in court. The pupils aged eight "
        "and nine sang. Nearly half a dozen inspectors came, and half a million residents voted.\n"
    )
    texts = [f.text for f in record.figures]
    for bad in ("23", "19", "eight", "nine"):
        assert bad not in texts, bad
    dozen = figure(record, "Nearly half a dozen")
    assert (dozen.value, dozen.qualifier) == (6, "under")
    half = figure(record, "half a million")
    assert (half.value, half.unit) == (500000, "person")


def test_spaced_thousands_and_ranges_with_units(run_extract: Any) -> None:
    record = run_extract(
        "Smelter Data\n\nThe Orvik smelter uses between 12 000 kWh and 14 500 kWh per tonne, "
        "and wages rose by 4% to 6% while 3 200 staff stayed.\n"
    )
    energy = figure(record, "between 12 000 kWh and 14 500 kWh")
    assert (energy.low, energy.high, energy.qualifier, energy.unit) == (12000, 14500, "range", "kilowatt_hour")
    wages = figure(record, "4% to 6%")
    assert (wages.low, wages.high, wages.unit) == (4, 6, "percent")
    staff = figure(record, "3 200")
    assert (staff.value, staff.unit) == (3200, "person")


def test_versions_durations_rates_and_halves(run_extract: Any) -> None:
    record = run_extract(
        "Gadget Notes\n\nZentra unveiled the zPad 5 and zOS 6.2 after two straight quarters of losses. "
        "Sales fell as much as 35% in May. The plant ships turbines at a rate of 40 a year. The launch "
        "is almost three and a half years late, yet some 2 and a half million users signed up.\n"
    )
    texts = [f.text for f in record.figures]
    for bad in ("5", "6.2", "two", "almost three and a half"):
        assert bad not in texts, bad
    drop = figure(record, "as much as 35%")
    assert (drop.value, drop.qualifier, drop.unit) == (35, "at_most", "percent")
    rate = figure(record, "40")
    assert (rate.value, rate.aspect) == (40, "rate")
    users = figure(record, "some 2 and a half million")
    assert (users.value, users.qualifier) == (2.5e6, "about")


def test_of_and_at(run_extract: Any) -> None:
    record = run_extract(
        "Border News\n\nTarsk's 40,000 troops stayed home, while 2,500 soldiers from Lumeria crossed "
        "into Port Selvik.\n"
    )
    home = figure(record, "40,000")
    assert entity_name(record, home.of) == "Tarsk"
    crossing = figure(record, "2,500")
    assert entity_name(record, crossing.of) == "Lumeria"
    assert entity_name(record, crossing.at) == "Port Selvik"
