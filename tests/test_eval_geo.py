"""The geo evals: readers and scoring on a tiny benchmark we write, and fixed slices of
``geowebnews``, ``lgl`` and ``trnews`` held to their committed slice floors."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import SHARED

from newsgraph.evaluation import geo, harness

TEXT = "Flooding closed roads in Harrowgate Mills and in Lyon, France, on Sunday."


def _mini_xml() -> str:
    """A one-article benchmark in the LGL format; ids come from our own gazetteer."""
    from newsgraph.kb import gazetteer as gz

    lyon = max((p for p in gz.lookup("lyon") if p.cc == "FR"), key=lambda p: p.population)
    france = gz.country("FR")
    assert france is not None
    items = [("Harrowgate Mills", 1, 10.0, 10.0), ("Lyon", lyon.gid, 45.75, 4.85),
             ("France", france.gid, france.lat, france.lon)]
    tops = "".join(
        f"<toponym><start>{TEXT.index(n)}</start><end>{TEXT.index(n) + len(n)}</end>"
        f"<phrase>{n}</phrase><gaztag geonameid=\"{g}\"><lat>{la}</lat><lon>{lo}</lon>"
        "</gaztag></toponym>"
        for n, g, la, lo in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><articles><article docid="1">'
            f"<text><![CDATA[{TEXT}]]></text><toponyms>{tops}</toponyms></article></articles>")


def test_reader_and_given_scoring(tmp_path: Path) -> None:
    path = tmp_path / "mini.xml"
    path.write_text(_mini_xml(), "utf-8")
    (doc,) = list(geo.load_lgl_format(path, "mini"))
    assert [g.text for g in doc.toponyms] == ["Harrowgate Mills", "Lyon", "France"]
    report = geo._report("mini", [doc], "test", e2e=False)
    # the invented town cannot resolve (a miss, not a crash); Lyon and France are right
    assert report.counts["given_n"] == 3 and report.counts["given_exact_n"] == 3
    assert report.metrics["given_acc161"] == pytest.approx(0.6667, abs=1e-3)
    assert report.metrics["given_exact"] == pytest.approx(0.6667, abs=1e-3)


def test_a_street_placed_at_the_article_town_scores_by_point_not_id() -> None:
    from newsgraph.kb import gazetteer as gz

    text = "Lyon closed Rue Quarnholt on Sunday; Lyon reopened it on Monday."
    lyon = max((p for p in gz.lookup("lyon") if p.cc == "FR"), key=lambda p: p.population)
    street = text.index("Rue Quarnholt")
    doc = geo.Doc("mini:2", text, [
        geo.Gold(0, 4, "Lyon", lyon.lat, lyon.lon, lyon.gid),
        geo.Gold(street, street + 13, "Rue Quarnholt", 45.76, 4.84, lyon.gid),
        geo.Gold(text.rindex("Lyon"), text.rindex("Lyon") + 4, "Lyon", lyon.lat, lyon.lon,
                 lyon.gid)])
    report = geo._report("mini", [doc], "test", e2e=False)
    assert report.metrics["given_acc161"] == 1.0  # the street lies in Lyon
    assert report.metrics["given_exact"] == pytest.approx(0.6667, abs=1e-3)  # but has no id


def test_align_maps_gold_onto_cleaned_text() -> None:
    src = "Dateline\r\n\r\n\r\nRain in Oslo.  Then Oslo again."
    text = "Dateline\n\nRain in Oslo.  Then Oslo again."
    gold = [geo.Gold(src.index("Oslo"), src.index("Oslo") + 4, "Oslo", 59.9, 10.7, None),
            geo.Gold(src.rindex("Oslo"), src.rindex("Oslo") + 4, "Oslo", 59.9, 10.7, None)]
    spans = geo._align(gold, src, text)
    assert all(span is not None for span in spans)
    assert [text[s:e] for s, e in spans] == ["Oslo", "Oslo"]  # type: ignore[misc]
    assert spans[0] != spans[1]


SLICES = {"geowebnews": 4, "lgl": 12, "trnews": 4}  # documents; LGL's are short


@pytest.mark.parametrize("name", sorted(SLICES))
def test_slice_above_floors(name: str) -> None:
    report = harness.run(name, limit=SLICES[name], shared=SHARED)
    assert report.counts["given_n"] > 0 and report.counts["e2e_n"] == report.counts["given_n"]
    assert harness.below_floors(report, "slice") == []
