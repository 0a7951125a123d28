"""Quotes: direct, partial and indirect quotes with speakers and cues.

The seed's must-shows each have a twin on an article we wrote with invented names
(tests/fixtures/quotes/twin_seed.txt), and every speaker rule has a short test of its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REFERENCE_DATE, check_record
from newsgraph.evaluation import harness
from newsgraph.evaluation import quotes as quotes_eval
from newsgraph.nlp.model import load_nlp
from newsgraph.pipeline import extract
from newsgraph.record import ArticleRecord, Quote
from newsgraph.stages.quotes import marks, quote_at
from newsgraph.stages.quotes.finder import analyze

FIXTURES = Path(__file__).parent / "fixtures" / "quotes"


def _of(record: ArticleRecord, kind: str) -> list[Quote]:
    return [q for q in record.quotes if q.kind == kind]


def _speaker_name(record: ArticleRecord, q: Quote) -> str:
    names = {e.id: e.name for e in record.entities}
    return names.get(q.speaker or "") or q.speaker_text or ""


def _one(record: ArticleRecord, fragment: str, kind: str | None = None) -> Quote:
    found = [q for q in record.quotes if fragment in q.text and (kind is None or q.kind == kind)]
    assert len(found) == 1, (fragment, [(q.kind, q.text) for q in record.quotes])
    return found[0]


# ---- the seed ----------------------------------------------------------------------------------
def test_seed_seven_direct_quotes_none_invented(seed_record: ArticleRecord) -> None:
    direct = _of(seed_record, "direct")
    assert len(direct) == 7, [q.text[:40] for q in direct]
    speakers = [_speaker_name(seed_record, q) for q in direct]
    assert sum("Kirby" in s for s in speakers) == 2
    assert sum("Zelenskyy" in s for s in speakers) == 2
    assert sum("German foreign ministry" in s for s in speakers) == 1
    group = [s for s in speakers if "associated with Ukrainian military intelligence" in s]
    assert len(group) == 2
    # the scare quote is not a direct quote
    assert not any(q.text == "large-scale" for q in direct)


def test_seed_speakers_have_entities_and_cues(seed_record: ArticleRecord) -> None:
    text = seed_record.text
    for q in _of(seed_record, "direct"):
        assert q.speaker_span is not None
        assert text[q.speaker_span.start:q.speaker_span.end] == q.speaker_text
        if q.cue_span is not None:
            assert text[q.cue_span.start:q.cue_span.end] == q.cue
    kirby = [q for q in _of(seed_record, "direct") if "Kirby" in (q.speaker_text or "")]
    names = {e.id: e.name for e in seed_record.entities}
    assert all(names.get(q.speaker or "") == "John Kirby" for q in kirby)
    statement = [q for q in _of(seed_record, "direct") if q.text.startswith("You must not die")]
    assert statement[0].cue == "read"


def test_seed_indirect_speech(seed_record: ArticleRecord) -> None:
    record = seed_record
    cases = {
        "Zakharova": "reporters should ask Pyongyang",
        "Park Sun-won": "an additional 1,500 troops",
        "South Korean officials": "as many as 10,000",
        "Yellen": "the funds would come from",
    }
    for speaker, fragment in cases.items():
        q = _one(record, fragment, "indirect")
        assert speaker in _speaker_name(record, q), (speaker, q)
        assert q.speaker_span is not None and q.cue is not None


def test_seed_quote_at_gives_the_asserter_of_a_figure(seed_record: ArticleRecord) -> None:
    text = seed_record.text
    q = quote_at(seed_record, text.index("at least 3,000"))
    assert q is not None and q.kind == "indirect"
    assert _speaker_name(seed_record, q) == "United States"
    q = quote_at(seed_record, text.index("as many as 10,000"))
    assert q is not None and q.speaker_text == "South Korean officials"


# ---- the twin of the seed, invented names --------------------------------------------------------
@pytest.fixture(scope="module")
def twin() -> ArticleRecord:
    text = (FIXTURES / "twin_seed.txt").read_text("utf-8")
    return check_record(extract(text, reference_date=REFERENCE_DATE))


def test_twin_seven_direct_quotes(twin: ArticleRecord) -> None:
    direct = _of(twin, "direct")
    speakers = [_speaker_name(twin, q) for q in direct]
    assert len(direct) == 7, [q.text[:40] for q in direct]
    assert sum("Wrenfield" in s for s in speakers) == 2
    assert sum("Hollbach" in s for s in speakers) == 2
    assert sum(s == "the Lorvanian interior ministry" for s in speakers) == 1
    assert sum(s == "a network tied to Brunish army intelligence" for s in speakers) == 2


def test_twin_indirect_speech(twin: ArticleRecord) -> None:
    cases = {
        "Carla Menotti": "journalists should put them",
        "Oh Min-jae": "another 200 medics",
        "Brunish officials": "as many as 1,200",
        "Anselm Kroll": "the credit line would be funded",
        "Brunland": "at least 450 Kelvarian",
        "Tobias Wrenfield": "the medics reached Ostmark",
    }
    for speaker, fragment in cases.items():
        q = _one(twin, fragment, "indirect")
        assert speaker in _speaker_name(twin, q), (speaker, q)
    # the indirect content is the reported clause, not the whole sentence
    q = _one(twin, "at least 450", "indirect")
    assert q.text.startswith("at least 450") and not q.text.endswith(".")


# ---- the speaker rules, one by one ---------------------------------------------------------------
def _direct_speakers(record: ArticleRecord) -> list[tuple[str, str | None, str | None]]:
    return [(q.text, q.speaker_text, q.cue) for q in _of(record, "direct")]


def test_attribution_orders_straight_marks(run_extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Gravel Road Reopens\n\n"
        '"The road is safe again," Harriet Quaile said on Monday.\n\n'
        'Engineer Bo Lindahl said, "We replaced every culvert."\n\n'
        '"It took eleven weeks," said Marisol Ventana, the county surveyor.\n\n'
        'Contractor Ivo Petrak said: "Next year we resurface it."'
    )
    got = _direct_speakers(run_extract(text))
    assert got == [
        ("The road is safe again", "Harriet Quaile", "said"),
        ("We replaced every culvert.", "Bo Lindahl", "said"),
        ("It took eleven weeks", "Marisol Ventana", "said"),
        ("Next year we resurface it.", "Ivo Petrak", "said"),
    ]


def test_attribution_orders_curly_marks_and_split_quote(run_extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Orchard Harvest Falls\n\n"
        "“The frost took half the blossom,” grower Annika Falk told reporters.\n\n"
        "“We will replant,” Falk said, “but not before spring.”"
    )
    got = _direct_speakers(run_extract(text))
    assert [g[0] for g in got] == ["The frost took half the blossom", "We will replant", "but not before spring."]
    assert all("Falk" in (g[1] or "") for g in got)


def test_partial_quote_and_scare_quotes(run_extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Canal Plan Criticised\n\n"
        'The so-called "blue corridor" was approved in April. Residents used the canal in "record" numbers.\n\n'
        'Boatman Rufus Okonjo said the plan was "a gift to developers" and would raise rents.'
    )
    record = run_extract(text)
    assert not any(q.text in ("blue corridor", "record") for q in record.quotes)
    partial = _one(record, "a gift to developers", "partial")
    assert partial.speaker_text == "Rufus Okonjo"
    indirect = _one(record, "the plan was", "indirect")
    assert indirect.start <= partial.start and partial.end <= indirect.end + 1


def test_quote_over_paragraphs_with_nested_marks(run_extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Lighthouse Keeper Retires\n\n"
        "Lighthouse keeper Odile Marchetti retired on Friday after 27 years on Skerry Point.\n\n"
        "“My mentor told me, ‘The lamp never sleeps,’ and I believed her.\n\n"
        "“Now the lamp runs itself, and I will finally sleep,” she said."
    )
    record = run_extract(text)
    direct = _of(record, "direct")
    assert len(direct) == 1
    q = direct[0]
    assert q.text.startswith("My mentor told me, ‘The lamp never sleeps,’")
    assert q.text.endswith("I will finally sleep")
    assert "\n\n" in q.text
    assert q.speaker_text == "Odile Marchetti" and q.cue == "said"


def test_unbalanced_mark_is_skipped_with_a_warning(run_extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Festival Cancelled\n\n"
        '"The field is under water, organiser Tamsin Reeve said.\n\n'
        '"We will refund every ticket," Reeve told the Harlow Echo.'
    )
    record = run_extract(text)
    assert any(w.stage == "quotes" and w.code == "unbalanced_quote" for w in record.warnings)
    direct = _of(record, "direct")
    assert [q.text for q in direct] == ["We will refund every ticket"]
    assert not any("field is under water" in q.text for q in record.quotes)


def test_speaker_from_sentence_before_and_after(run_extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Chess Final Drawn\n\n"
        "Grandmaster Ilse Vantongeren was in no mood to celebrate after the draw. "
        "“I had a winning position and threw it away.”\n\n"
        "“The title is still open.” Tournament director Kofi Mensah-Bray gave the news at midnight."
    )
    record = run_extract(text)
    got = {q.text: q.speaker_text for q in _of(record, "direct")}
    assert got["I had a winning position and threw it away."] == "Ilse Vantongeren"
    assert got["The title is still open."] == "Kofi Mensah-Bray"


def test_continuing_quote_and_pronoun(run_extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Baker Wins Award\n\n"
        "Baker Consuelo Iturbe won the regional bread prize on Sunday.\n\n"
        "“I bake every loaf by hand,” Iturbe said. “No machines touch the dough.”\n\n"
        "“My grandmother would laugh at the fuss,” she added."
    )
    record = run_extract(text)
    got = _direct_speakers(record)
    assert [g[1] for g in got] == ["Iturbe", "Iturbe", "Consuelo Iturbe"]
    assert got[1][2] is None and got[2][2] == "added"
    # the pronoun's speaker span points at the name it stands for
    q = _of(record, "direct")[2]
    assert q.speaker_span is not None and record.text[q.speaker_span.start:q.speaker_span.end] == "Consuelo Iturbe"


def test_institution_and_statements(run_extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Rail Strike Looms\n\n"
        "“A strike would paralyse the north,” the Delvian transport ministry warned on Tuesday.\n\n"
        "In a statement released by an alliance of signal workers' unions, the drivers said they "
        "would walk out on March 3. “We have waited long enough,” the statement read.\n\n"
        "The Northline Rail Authority has hired 90 temporary drivers. “Trains will run,” said a "
        "statement on the authority's website."
    )
    record = run_extract(text)
    got = {q.text: q.speaker_text for q in _of(record, "direct")}
    assert got["A strike would paralyse the north"] == "the Delvian transport ministry"
    assert got["We have waited long enough"] == "an alliance of signal workers' unions"
    # "the authority" keeps its own words as the speaker text and links the organisation
    trains = _one(record, "Trains will run", "direct")
    assert trains.speaker_text == "the authority"
    assert "Northline Rail Authority" in _speaker_name(record, trains)


def test_unnamed_speaker_kept_as_text(run_extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Clinic Hours Cut\n\n"
        "A health spokesman said the night clinic in Orwell Bay would close at 10 p.m. from May.\n\n"
        '"We simply have no nurses," said a doctor at the clinic, who asked not to be named.'
    )
    record = run_extract(text)
    indirect = _one(record, "the night clinic", "indirect")
    assert indirect.speaker is None and indirect.speaker_text == "A health spokesman"
    direct = _one(record, "We simply have no nurses", "direct")
    assert direct.speaker is None and direct.speaker_text == "a doctor at the clinic"


def test_according_to_and_indirect_cues(run_extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Wool Prices Slide\n\n"
        "According to the Hollin Wool Board, prices fell by 12 percent in the spring.\n\n"
        "Trade envoy Paulina Serrat revealed that two mills in Corrigan had closed. "
        "She suggested the board could buy the surplus. Farmer Ewan Tolliver told reporters he "
        "had sold only half his clip.\n\n"
        "Market analysts predict that prices will stay low until 2029.\n\n"
        "Shearing teams are leaving the valley, according to Tolliver."
    )
    record = run_extract(text)
    cases = {
        "prices fell by 12 percent": ("Hollin Wool Board", "According to"),
        "two mills in Corrigan had closed": ("Paulina Serrat", "revealed"),
        "the board could buy the surplus": ("Paulina Serrat", "suggested"),
        "had sold only half his clip": ("Ewan Tolliver", "told"),
        "prices will stay low until 2029": ("Market analysts", "predict"),
        "Shearing teams are leaving the valley": ("Tolliver", "according to"),
    }
    for fragment, (speaker, cue) in cases.items():
        q = _one(record, fragment, "indirect")
        assert speaker in _speaker_name(record, q), (fragment, q)
        assert q.cue == cue
    assert not any(q.kind == "direct" for q in record.quotes)


def test_no_parse_no_quotes_and_no_crash(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract('Notice\n\n" " "" “” ” “ "')
    assert record.quotes == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab .,\n“”‘’"\'')), max_size=80))
def test_marks_never_fail_and_stay_in_bounds(text: str) -> None:
    paras = marks.paragraphs(text)
    found, problems = marks.marked_spans(text, paras)
    for m in found:
        assert 0 <= m.open < m.start <= m.end <= m.close < len(text) + 1
    for p in problems:
        assert 0 <= p.start <= p.end <= len(text)
    for s, e in marks.sentences(text, paras, found):
        assert 0 <= s < e <= len(text)


def test_reporting_clause_for_a_sentence_without_quotes(run_extract) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.stages.quotes import reporting_clause_in

    text = (
        "Ferry Fares Rise\n\n"
        "Fares on the Tamsk ferry will rise by 9 percent in July, the operator Bluewake Lines said.\n\n"
        "Harbour master Jonah Ekwueme said the old pier would be demolished."
    )
    record = run_extract(text)
    doc = load_nlp()(record.text)
    att = reporting_clause_in(record, doc, record.text.index("9 percent"))
    assert att is not None and att.cue == "said" and "Bluewake Lines" in (att.speaker_text or "")
    att = reporting_clause_in(record, doc, record.text.index("old pier"))
    assert att is not None and att.speaker_text == "Jonah Ekwueme"
    assert reporting_clause_in(record, doc, record.text.index("Ferry Fares")) is None


def test_analysis_is_pure_and_repeatable(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract((FIXTURES / "twin_seed.txt").read_text("utf-8"))
    doc = load_nlp()(record.text)
    a = analyze(record.text, doc, record)
    b = analyze(record.text, doc, record)
    assert [(q.kind, q.start, q.end) for q in a.quotes] == [(q.kind, q.start, q.end) for q in b.quotes]


# ---- evaluation ----------------------------------------------------------------------------------
def test_eval_slice_meets_floors() -> None:
    report = harness.run("quotes", limit=6)
    assert report.counts["docs_tune"] + report.counts["docs_frozen"] == 6
    assert harness.below_floors(report, "slice") == []


def test_eval_name_matching() -> None:
    assert quotes_eval.name_match("Kirby", "John Kirby")
    assert quotes_eval.name_match("the German foreign ministry", "German foreign ministry")
    assert not quotes_eval.name_match("officials", "South Korean officials")
    assert not quotes_eval.name_match("Putin", "John Kirby")
    assert quotes_eval.name_match(None, None) and not quotes_eval.name_match(None, "X")


def test_more_attribution_shapes(run_extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        'Pianist: "I Almost Gave Up"\n\n'
        "“The hall was half empty on the first night,” according to Yuki Brandvold, who runs "
        "the Osterby festival.\n\n"
        "Brandvold said ticket sales had doubled, adding that the festival would return in 2031.\n\n"
        "Sponsor Harald Eikeland told the Osterby Tidende that “the money is already committed.”"
    )
    record = run_extract(text)
    headline = _one(record, "I Almost Gave Up", "direct")
    assert headline.speaker_text == "Pianist"
    q = _one(record, "The hall was half empty", "direct")
    assert q.speaker_text == "Yuki Brandvold" and q.cue == "according to"
    sales = _one(record, "ticket sales had doubled", "indirect")
    assert "adding" not in sales.text
    adding = _one(record, "the festival would return in 2031", "indirect")
    assert adding.cue == "adding" and "Brandvold" in (adding.speaker_text or "")
    # a quoted phrase that is the whole reported content is one partial quote, not two quotes
    money = [q for q in record.quotes if "the money is already committed" in q.text]
    assert [q.kind for q in money] == ["partial"] and money[0].speaker_text == "Harald Eikeland"


def test_wire_story_shapes(run_extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Talks on Grain Corridor Stall\n\n"
        "GENEVA (Wire) — Talks on reopening the Serrat grain corridor stalled on Thursday, officials said.\n\n"
        "A senior Corvanian official, who spoke on condition of anonymity, said the talks could "
        "resume next week. “Nobody wants to be blamed for a famine,” the official said.\n\n"
        "“We are ready,” Torvald Ness, the Estrian negotiator, wrote on X. “The question is whether they are.”"
    )
    record = run_extract(text)
    stalled = _one(record, "Talks on reopening", "indirect")
    assert stalled.text.startswith("Talks on reopening")  # the dateline is not reported speech
    famine = _one(record, "Nobody wants to be blamed", "direct")
    assert famine.speaker_text == "A senior Corvanian official"
    assert famine.speaker is None
    ready = [q for q in _of(record, "direct") if "Ness" in (q.speaker_text or "")]
    assert [q.text for q in ready] == ["We are ready", "The question is whether they are."]


def test_single_marks_as_quote_marks(run_extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Trawler Crew Rescued\n\n"
        "The crew of the trawler Maren Lys were winched to safety on Sunday, the coastguard said.\n\n"
        "‘The waves were taller than the wheelhouse,’ skipper Owen Prydderch told the Bangor "
        "Chronicle. ‘I have never been so frightened.’\n\n"
        "The skipper’s wife said the boat’s owners were relieved."
    )
    record = run_extract(text)
    got = [(q.text, q.speaker_text) for q in _of(record, "direct")]
    assert got == [
        ("The waves were taller than the wheelhouse", "Owen Prydderch"),
        ("I have never been so frightened.", "Owen Prydderch"),
    ]
    # apostrophes never open or close a quote
    assert not any("’s" in q.text and q.kind != "indirect" for q in record.quotes)


def test_short_continuation_and_study_findings(run_extract) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Moths Prefer Old Lamps, Survey Shows\n\n"
        "Moths gather around sodium lamps twice as often as around LED lamps, a survey published "
        "on Monday found.\n\n"
        "“We counted every moth on 40 streets,” said entomologist Rania Okoye. “It worked.”"
    )
    record = run_extract(text)
    found = _one(record, "Moths gather around sodium lamps", "indirect")
    assert found.cue == "found" and (found.speaker_text or "").startswith("a survey")
    short = _one(record, "It worked.", "direct")
    assert short.speaker_text == "Rania Okoye"
