"""Cleaning: title, subtitles, datelines, bylines, agencies, debris removed with a reason,
paragraphs verbatim. Seed must-shows each have a twin on an article we wrote."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.evaluation import harness
from newsgraph.pipeline import Article, InputError, extract
from newsgraph.sources import read_file
from newsgraph.stages.clean import clean_text, split_units

FIXTURES = Path(__file__).parent / "fixtures" / "clean"
REFERENCE = "2026-11-26"


def removed_texts(record) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.text for r in record.removed]


def reasons(record) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {r.text: r.reason for r in record.removed}


def kept_verbatim(record, source: str) -> None:  # type: ignore[no-untyped-def]
    """Every kept section is a verbatim piece of the input."""
    for section in record.sections:
        assert record.text[section.start:section.end] in source


# ------------------------------------------------------------------ seed and its twin


def test_seed_title_and_the_one_subtitle(seed_record, seed_text) -> None:  # type: ignore[no-untyped-def]
    first_line, _, rest = seed_text.partition("\n")
    assert seed_record.title == first_line.strip()
    assert len(seed_record.subtitles) == 1
    assert seed_record.subtitles[0] == rest.strip().split("\n")[0]
    kinds = [s.kind for s in seed_record.sections]
    assert kinds[:3] == ["title", "subtitle", "paragraph"]
    kept_verbatim(seed_record, seed_text)


def test_seed_credit_lines_and_related_posts_removed(seed_record) -> None:  # type: ignore[no-untyped-def]
    removed = removed_texts(seed_record)
    assert removed.count("U.S. Department of Defense") == 2
    assert "Related Posts" in removed
    assert "U.S. Department of Defense" not in seed_record.text
    assert not seed_record.text.rstrip().endswith("Related Posts")
    assert reasons(seed_record)["U.S. Department of Defense"] == "caption_credit"


def test_twin_subtitle_duplicate_credit_related_tail(run_extract) -> None:  # type: ignore[no-untyped-def]
    source = (FIXTURES / "twin_seed.txt").read_text("utf-8")
    record = run_extract(source)
    assert record.title == "Brenholm Signs Grain Deal With Coastal Provinces as Harvest Worries Grow"
    assert record.subtitles == ["Farmers Brace for Smallest Crop in a Decade"]
    assert removed_texts(record).count("Brenholm Ministry of Agriculture") == 2
    assert "Related Posts" in removed_texts(record)
    assert "Brenholm Ministry of Agriculture" not in record.text
    assert record.published.date == "2025-09-12" and record.published.basis == "inferred"
    kept_verbatim(record, source)
    paragraphs = [record.text[s.start:s.end] for s in record.sections if s.kind == "paragraph"]
    assert len(paragraphs) == 3 and paragraphs[1].startswith("Agriculture minister Odile Varga")


# ------------------------------------------------------------------ text and sections


def test_text_is_kept_blocks_joined_by_blank_lines(run_extract) -> None:  # type: ignore[no-untyped-def]
    source = (
        "Ferry Fares Rise in Lorvale\r\n\r\n\r\n"
        "   The Lorvale ferry company raised fares by 4 percent, its director Ola Brekke said.  \n"
        "Advertisement\n"
        "Passengers  said the rise — the second this year — was “too much”.\n"
    )
    record = run_extract(source)
    assert record.text == (
        "Ferry Fares Rise in Lorvale\n\n"
        "The Lorvale ferry company raised fares by 4 percent, its director Ola Brekke said.\n\n"
        "Passengers  said the rise — the second this year — was “too much”."
    )
    starts = [0, record.text.index("The Lorvale"), record.text.index("Passengers")]
    assert [(s.kind, s.start) for s in record.sections] == list(zip(["title", "paragraph", "paragraph"], starts, strict=True))
    assert [record.text[s.start:s.end] for s in record.sections] == record.text.split("\n\n")
    assert reasons(record) == {"Advertisement": "advertisement"}


def test_hard_wrapped_paragraph_stays_one_paragraph_verbatim() -> None:
    block = (
        "The regional council in Ostvik voted on Monday to close two of its\n"
        "four coastal car parks in winter, saying the savings would pay for\n"
        "a new footpath along the dunes."
    )
    units = split_units("Ostvik Closes Car Parks\n\n" + block)
    assert units == ["Ostvik Closes Car Parks", block]


def test_lines_of_one_block_become_paragraphs() -> None:
    units = split_units("Title Line Here\nSecond deck line\nThe body sentence one is here and it is long enough to count.")
    assert len(units) == 3


# ------------------------------------------------------------------ datelines


@pytest.mark.parametrize(
    ("opening", "place", "date", "agency"),
    [
        ("MOSCOW, Oct. 18, 2024 —", "MOSCOW", "2024-10-18", None),
        ("BRENHOLM, 3 March 2025 —", "BRENHOLM", "2025-03-03", None),
        ("LORVALE, Norway (Reuters) -", "LORVALE, Norway", None, "Reuters"),
        ("VESTMARK, Oct 2 (Reuters) -", "VESTMARK", "2026-10-02", "Reuters"),
        ("WASHINGTON —", "WASHINGTON", None, None),
        ("KELDAN CITY, Keldan (AP) —", "KELDAN CITY, Keldan", None, "AP"),
        ("ST. ORVILLE, Ore., June 30 —", "ST. ORVILLE, Ore.", "2025-06-30", None),  # "said on Monday": a Monday in 2025
        ("Tamsin, Brenholm, April 2 (AFP) -", "Tamsin, Brenholm", "2026-04-02", "AFP"),
        ("PORT ELLIS:", "PORT ELLIS", None, None),
    ],
)
def test_datelines(run_extract, opening: str, place: str, date: str | None, agency: str | None) -> None:  # type: ignore[no-untyped-def]
    body = f"{opening} The harbour authority said on Monday it would dredge the main channel before winter storms arrive."
    record = run_extract(f"Harbour to Dredge Main Channel\n\n{body}")
    dl = record.dateline
    assert dl is not None
    assert dl.text == opening and record.text[dl.start:dl.end] == opening
    assert (dl.place, dl.date) == (place, date)
    assert record.source.agency == agency
    kinds = [s.kind for s in record.sections]
    assert kinds == ["title", "dateline", "paragraph"]
    para = record.sections[2]
    assert record.text[para.start:para.end].startswith("The harbour authority")


@pytest.mark.parametrize(
    "opening",
    [
        "Kyiv — the city council said on Monday it would dredge the main channel.",
        "NATO officials said on Monday they would dredge the main channel before storms.",
        "On Tuesday — after a long debate — the council said it would dredge the channel.",
        "The PORT authority said on Monday it would dredge the main channel before storms.",
    ],
)
def test_no_false_datelines(run_extract, opening: str) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(f"Harbour to Dredge Main Channel\n\n{opening}")
    assert record.dateline is None


# ------------------------------------------------------------------ bylines and agencies


@pytest.mark.parametrize(
    ("line", "authors", "agency", "outlet"),
    [
        ("By Jane Doe", ["Jane Doe"], None, None),
        ("By Marta Kovac and Idris Fennimore, Coastline News", ["Marta Kovac", "Idris Fennimore"], None, "Coastline News"),
        ("Jane Doe | Reuters", ["Jane Doe"], "Reuters", None),
        ("By LENA ORBACH, Agence France-Presse", ["Lena Orbach"], "AFP", None),  # capitals: a name
        ("Written by Del Sorensen", ["Del Sorensen"], None, None),
        ("By Anouk van der Berg • March 3, 2025", ["Anouk van der Berg"], None, None),
    ],
)
def test_bylines(run_extract, line: str, authors: list[str], agency: str | None, outlet: str | None) -> None:  # type: ignore[no-untyped-def]
    text = (
        f"Rail Line to Reopen in Spring\n\n{line}\n\n"
        "The Brenholm rail operator said the coastal line would reopen in April after repairs to two bridges."
    )
    record = run_extract(text)
    assert record.source.authors == authors
    assert record.source.agency == agency
    assert record.source.outlet == outlet
    assert reasons(record)[line] == "byline"
    assert line not in record.text


def test_by_in_prose_is_not_a_byline(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        "Floodwater Recedes in Tamsin\n\nBy Monday, the water had receded from most streets in Tamsin, "
        "the mayor said, and shops began to reopen."
    )
    assert record.source.authors == []
    assert record.removed == []


@pytest.mark.parametrize(
    ("line", "agency"),
    [("AFP", "AFP"), ("— Reuters", "Reuters"), ("(AP)", "AP"), ("With AFP", "AFP"), ("Source: Yonhap", "Yonhap")],
)
def test_agency_credit_lines(run_extract, line: str, agency: str) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        "Storm Closes Ports Along the Coast\n\nThree ports on the Valdor coast closed on Sunday as a storm "
        f"brought winds of up to 120 kilometres an hour, the coastguard said.\n\n{line}"
    )
    assert record.source.agency == agency
    assert reasons(record) == {line: "agency_credit"}


# ------------------------------------------------------------------ debris


BODY1 = "The Ostvik city council approved a new tram line on Monday after a debate that lasted six hours."
BODY2 = "Mayor Petra Lund said construction would start next year and the line would open in 2029."


@pytest.mark.parametrize(
    ("debris", "reason"),
    [
        ("Share this article", "share_bar"),
        ("Facebook Twitter WhatsApp Email", "share_bar"),
        ("Share on Facebook | Share on X | Copy link", "share_bar"),
        ("ADVERTISEMENT", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("Subscribe to our newsletter", "newsletter"),
        ("Sign up for our daily briefing, delivered to your inbox.", "newsletter"),
        ("Read more: Ostvik tram plan faces new objections", "related_links"),
        ("Photo: Greta Solberg/Getty Images", "caption_credit"),
        ("(Image: Ostvik City Council)", "caption_credit"),
        ("Image source, Getty Images", "caption_credit"),
        ("Image caption, Councillors during the vote", "caption"),
        ("A tram on a test run in Ostvik, March 3. REUTERS/Piet Marsh", "caption"),
        ("Councillors vote on the tram plan. (Photo by Ana Ruiz/AFP via Getty Images)", "caption"),
        ("Ostvik Transport Authority", "caption_credit"),
        ("Home > News > Local", "navigation"),
        ("3 min read", "navigation"),
        ("© 2026 Ostvik Media Group", "boilerplate"),
        ("Tags: trams, Ostvik, transport", "boilerplate"),
        ("(Reporting by Ana Ruiz; Editing by Piet Marsh)", "credit_line"),
        ("* * *", "separator"),
        ("ostviktrams.org", "caption_credit"),
        ("Telegram/@ostviktrams", "caption_credit"),
        ("Screenshot from YouTube", "caption_credit"),
        ("Photo by Ana Ruiz on Unsplash", "caption_credit"),
        ("Courtesy of the Ostvik tram museum", "caption_credit"),
        ("Representational image", "caption_credit"),
        ("OTVA", "caption_credit"),
        ("Source: Reuters", "caption_credit"),
        ("Popular Posts", "related_links"),
        ("Post navigation", "navigation"),
        ("https://ostvik.example/trams", "navigation"),
        ("Leave a Reply Cancel reply", "boilerplate"),
        ("Like this:", "share_bar"),
        ("AP Photo/Ilse Morrow", "caption_credit"),
        ("Facebook/Ostvik Transport Office", "caption_credit"),
        ("Official City Photo by Ana Ruiz", "caption_credit"),
    ],
)
def test_debris_is_removed_with_a_reason(run_extract, debris: str, reason: str) -> None:  # type: ignore[no-untyped-def]
    source = f"Ostvik Approves Tram Line\n\n{BODY1}\n\n{debris}\n\n{BODY2}"
    record = run_extract(source)
    assert reasons(record) == {debris: reason}
    assert debris not in record.text
    assert record.text == f"Ostvik Approves Tram Line\n\n{BODY1}\n\n{BODY2}"


@pytest.mark.parametrize(
    "line",
    [
        "What comes next",
        "Share prices of the tram builder rose 3 percent after the vote on Monday.",
        "The council's transport department said tickets would cost the same as buses.",
        "Read the full report on the council website before the next vote, the mayor urged.",
        "Reporting by the Ostvik Post revealed the plan last year.",
        "Research by Ostvik University found tram lines raise nearby rents.",
        "Photos of the tram were shown at the meeting.",
    ],
)
def test_body_lines_are_kept(run_extract, line: str) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(f"Ostvik Approves Tram Line\n\n{BODY1}\n\n{line}\n\n{BODY2}")
    assert record.removed == []
    assert line in record.text


def test_related_tail_takes_its_links_and_stops_at_body(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        f"Ostvik Approves Tram Line\n\n{BODY1}\n\nYou may also like\n\nBus fares frozen for 2027\n\n"
        f"Harbour ferry adds night service\n\n{BODY2}"
    )
    assert reasons(record) == {
        "You may also like": "related_links",
        "Bus fares frozen for 2027": "related_links",
        "Harbour ferry adds night service": "related_links",
    }
    assert BODY2 in record.text


def test_repeated_paragraph_and_title_are_removed(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(f"Ostvik Approves Tram Line\n\nOstvik Approves Tram Line\n\n{BODY1}\n\n{BODY2}\n\n{BODY1}")
    assert [(r.text, r.reason) for r in record.removed] == [
        ("Ostvik Approves Tram Line", "repeated_line"),
        (BODY1, "repeated_line"),
    ]
    assert record.text.count(BODY1) == 1


def test_header_debris_before_title(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        f"Skip to content\n\nHome / World / Europe\n\nOstvik Approves Tram Line\n\n"
        f"Updated 3 hours ago\n\nListen to this article\n\n{BODY1}"
    )
    assert record.title == "Ostvik Approves Tram Line"
    assert record.subtitles == []
    assert set(reasons(record).values()) == {"navigation", "date_line"}


# ------------------------------------------------------------------ quotes balance


def test_unbalanced_quote_is_warned(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(f"Ostvik Approves Tram Line\n\n{BODY1}\n\nThe mayor said “we will build it quickly.\n\n{BODY2}")
    warning = [w for w in record.warnings if w.code == "unbalanced_quotes"]
    assert len(warning) == 1 and record.text[warning[0].start] == "“"


def test_quote_running_over_paragraphs_is_balanced(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        f"Ostvik Approves Tram Line\n\n{BODY1}\n\n“We will build it quickly, and we will build it well.\n\n"
        "“Nobody in this city will wait ten years for a tram,” the mayor said.\n\n"
        "\"The budget is set,\" she added. \"Work starts in May.\""
    )
    assert not [w for w in record.warnings if w.code == "unbalanced_quotes"]


# ------------------------------------------------------------------ HTML


def test_html_uses_trafilatura_metadata(run_extract) -> None:  # type: ignore[no-untyped-def]
    article = read_file(FIXTURES / "wire_html.html")
    assert article.kind == "html"
    record = run_extract(article)
    assert record.title == "Tarnow Bridge Reopens After Two-Year Repair"
    assert record.text.startswith(record.title + "\n\nThe Tarnow river bridge reopened")
    assert record.source.outlet == "Riverside Ledger"
    assert record.source.authors == ["Imre Castellan"]
    assert (record.published.date, record.published.basis) == ("2023-11-14", "metadata")
    assert record.published.datetime == "2023-11-14T06:00:00Z"
    for debris in ("Share on Facebook", "Related Posts", "County approves", "All rights reserved", "Home"):
        assert debris not in record.text


def test_html_without_article_is_an_input_error() -> None:
    html = "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(InputError, match="no article text found"):
        extract(Article(content=html, kind="html"), reference_date=REFERENCE)


# ------------------------------------------------------------------ determinism and the eval slice


def test_clean_text_is_deterministic() -> None:
    source = (FIXTURES / "twin_seed.txt").read_text("utf-8")
    assert clean_text(source) == clean_text(source)


def test_cleaning_eval_slice_meets_floors() -> None:
    report = harness.run("cleaning", limit=8)
    assert report.counts["all_docs"] == 8
    assert harness.below_floors(report, "slice") == []


# ------------------------------------------------------------------ more header and credit forms


def test_sentence_deck_when_header_goes_on(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        "Valdor Votes to Close Libraries\n\nThe move comes as the city faces a deficit of 3 million crowns.\n\n"
        "By Ana Ruiz\nSenior Correspondent\n\nVALDOR — The city council voted on Monday to close three "
        "library branches, the mayor said after a long debate."
    )
    assert record.subtitles == ["The move comes as the city faces a deficit of 3 million crowns."]
    assert record.source.authors == ["Ana Ruiz"]
    assert reasons(record) == {"By Ana Ruiz": "byline", "Senior Correspondent": "byline"}
    assert record.dateline is not None and record.dateline.place == "VALDOR"


def test_short_first_sentence_is_body_not_deck(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        "Valdor Votes to Close Libraries\n\nThe city council voted on Monday to close three library branches.\n\n"
        "The mayor said the savings would protect schools and the city's bus service."
    )
    assert record.subtitles == []
    assert [s.kind for s in record.sections] == ["title", "paragraph", "paragraph"]


def test_kicker_above_title(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        "Politics\n\nValdor Votes to Close Libraries\n\nThe city council voted on Monday to close three "
        "library branches, the mayor said after a long debate in the hall."
    )
    assert record.title == "Valdor Votes to Close Libraries"
    assert reasons(record) == {"Politics": "kicker"}


def test_placeless_wire_dateline(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        "Orvik Shares Jump\n\nOct 23 (Reuters) - Shares of Kestrel Aerospace rose 8 percent on Thursday "
        "after the company said its rocket would fly in spring."
    )
    assert record.dateline is not None
    assert (record.dateline.text, record.dateline.place, record.dateline.date) == ("Oct 23 (Reuters) -", None, "2026-10-23")
    assert record.source.agency == "Reuters"


@pytest.mark.parametrize(
    ("line", "agency"),
    [
        ("Associated Press writer Lena Orbach in Tamsin contributed to this report.", "AP"),
        ("AFP contributed to this story", "AFP"),
        ("With reporting from Reuters and Agence France-Presse", "Reuters"),
        ("(With inputs from PTI)", "PTI"),
        ("Ida Marsh contributed reporting from Tamsin.", None),
    ],
)
def test_contribution_credits(run_extract, line: str, agency: str | None) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(f"Ostvik Approves Tram Line\n\n{BODY1}\n\n{BODY2}\n\n{line}")
    assert reasons(record) == {line: "credit_line"}
    assert record.source.agency == agency


def test_information_sentence_is_not_a_credit(run_extract) -> None:  # type: ignore[no-untyped-def]
    line = "Information from the transport ministry suggests the line will carry 40,000 people a day."
    record = run_extract(f"Ostvik Approves Tram Line\n\n{BODY1}\n\n{line}")
    assert record.removed == []


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Last modified on Wed 23 Oct 2024 10.14 BST", "date_line"),
        ("Oct 24, 2024 | 10:15 AM", "date_line"),
        ("— Lena Orbach (@lorbach) October 23, 2024", "embed"),
        ("Image 2 of 5", "navigation"),
        ("Click to share on Facebook (Opens in new window)", "share_bar"),
        ("View this post on Instagram", "embed"),
    ],
)
def test_more_debris(run_extract, line: str, reason: str) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(f"Ostvik Approves Tram Line\n\n{BODY1}\n\n{line}\n\n{BODY2}")
    assert reasons(record) == {line: reason}


def test_html_kicker_deck_byline_and_outlet_from_title(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(read_file(FIXTURES / "kicker_byline.html"))
    assert record.title == "Valdor Opens Solar Farm"
    assert record.subtitles == ["The plant will power a fifth of the city's homes"]
    assert record.source.authors == ["Ilse Varnum"]
    assert record.source.outlet == "Valdor Post"
    assert (record.published.date, record.published.basis) == ("2025-03-03", "metadata")
    assert record.dateline is not None and record.dateline.place == "VALDOR"
    assert reasons(record) == {
        "Energy": "kicker",
        "Read more: Valdor council backs wind turbines": "related_links",
        "Advertisement": "advertisement",
    }
    for debris in ("Photo:", "More from Valdor Post", "Bus fares frozen"):
        assert debris not in record.text


@pytest.mark.parametrize(
    "paragraph",
    [
        "The mayor said: “The line is late. “But it will be worth the wait,” she added.",
        "The club gave its “Volunteer of the Year Award\" to Ida Marsh.",
        "The new screen measures 65\" and cost 900 crowns, the shop said.",
    ],
)
def test_quote_conventions_are_not_unbalanced(run_extract, paragraph: str) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(f"Ostvik Approves Tram Line\n\n{BODY1}\n\n{paragraph}")
    assert not [w for w in record.warnings if w.code == "unbalanced_quotes"]


def test_closing_quote_without_opening_is_unbalanced(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(f"Ostvik Approves Tram Line\n\n{BODY1}\n\nIt will be worth the wait,” the mayor said.")
    assert [w.code for w in record.warnings if w.code == "unbalanced_quotes"] == ["unbalanced_quotes"]


def test_dateline_on_its_own_line(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        "Storm Hits Coast\n\nVESTMARK, Oct. 3\n\nA storm hit the coast of Vestmark on Friday, cutting power "
        "to 30,000 homes, the utility said in a statement."
    )
    assert record.dateline is not None
    assert (record.dateline.text, record.dateline.place, record.dateline.date) == ("VESTMARK, Oct. 3", "VESTMARK", "2026-10-03")
    assert [s.kind for s in record.sections] == ["title", "dateline", "paragraph"]
    assert record.subtitles == []


def test_agency_between_paragraphs_is_a_photo_credit_and_bio_at_end(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(
        "Storm Hits Coast\n\nA storm hit the coast of Vestmark on Friday, cutting power to 30,000 homes, the "
        "utility said in a statement.\n\nAFP\n\nCrews worked through the night to restore lines, a spokesman "
        "for the utility said on Saturday.\n\nIda Marsh is a senior reporter at the Vestmark Herald covering energy."
    )
    assert record.source.agency is None
    assert reasons(record) == {
        "AFP": "caption_credit",
        "Ida Marsh is a senior reporter at the Vestmark Herald covering energy.": "author_bio",
    }
    assert record.source.authors == ["Ida Marsh"]


def test_blog_page_header_and_tail(run_extract) -> None:  # type: ignore[no-untyped-def]
    source = (FIXTURES / "blog_tail.txt").read_text("utf-8")
    record = run_extract(source)
    assert record.title == "Harbour Town of Selvik Braces for Typhoon Kora"
    assert record.subtitles == []
    assert record.source.authors == ["Rina Holt"]
    assert (record.published.date, record.published.basis) == ("2024-10-24", "metadata")
    paragraphs = [record.text[s.start:s.end] for s in record.sections if s.kind == "paragraph"]
    assert len(paragraphs) == 2 and paragraphs[1].startswith("The town's mayor")
    got = reasons(record)
    assert got["Typhoon season starts early in the south"] == "related_links"
    assert got["Fishing fleet returns to port"] == "related_links"
    assert got["Posted on October 24, 2024 by Rina Holt"] == "date_line"
    assert len(record.removed) == 13


def test_html_byline_read_off_the_page_when_metadata_has_none(run_extract) -> None:  # type: ignore[no-untyped-def]
    html = (
        "<html><head><title>Ferry Fares Frozen</title></head><body><article><h1>Ferry Fares Frozen</h1>"
        "<div class='meta'>By Ilse Morrow &middot; 4 March 2025</div>"
        "<p>The Lorvale ferry company froze its fares for a second year on Tuesday, saying fuel costs had "
        "fallen since the spring, its director Ola Brekke said.</p>"
        "<p>Passenger groups welcomed the decision but asked for more winter sailings to the islands.</p>"
        "</article></body></html>"
    )
    record = run_extract(Article(content=html, kind="html"))
    assert record.source.authors == ["Ilse Morrow"]
    assert "By Ilse Morrow" not in record.text


@pytest.mark.parametrize(
    ("header", "authors", "agency"),
    [
        ("Jane Doe\nReuters", ["Jane Doe"], "Reuters"),
        ("Ida Marsh\nStaff Writer", ["Ida Marsh"], None),
        ("By Ida Marsh - Staff Writer", ["Ida Marsh"], None),
    ],
)
def test_name_lines_with_credit_or_role(run_extract, header: str, authors: list[str], agency: str | None) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(f"Ostvik Approves Tram Line\n\n{header}\n\n{BODY1}")
    assert record.source.authors == authors
    assert record.source.agency == agency
    assert record.source.outlet is None
    assert record.subtitles == []
    assert record.text == f"Ostvik Approves Tram Line\n\n{BODY1}"


def test_share_counts_and_wire_desks(run_extract) -> None:  # type: ignore[no-untyped-def]
    record = run_extract(f"Ostvik Approves Tram Line\n\nOSTVIK, Oct 23 (Reuters Breakingviews) - {BODY1}\n\n1.2K Shares")
    assert record.source.agency == "Reuters"
    assert reasons(record) == {"1.2K Shares": "share_bar"}


# ------------------------------------------------------------------ properties

LINES = st.sampled_from([
    "Ostvik Approves Tram Line", BODY1, BODY2, "Advertisement", "Share this article", "By Ana Ruiz",
    "OSTVIK, May 3 — The council met.", "Related Posts", "Ostvik Transport Authority", "“Open quote only",
    "Photo: Ana Ruiz/Getty Images", "  ", "", "Published 12 March 2025", "* * *", "Tags: trams",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(LINES, st.text(max_size=60)), max_size=12), st.sampled_from(["\n", "\n\n", "\r\n\r\n"]))
def test_cleaning_keeps_units_verbatim(lines: list[str], sep: str) -> None:
    from newsgraph.pipeline import normalize_input

    content = normalize_input(sep.join(lines))
    cleaned = clean_text(content)
    kept = [unit for _, unit in cleaned.units]
    for unit in kept + [r.text for r in cleaned.removed]:
        assert unit in content and unit == unit.strip() and unit
    assert len(kept) + len(cleaned.removed) == len(split_units(content))
    assert cleaned.title is None or cleaned.title == kept[0]
