"""The TIMEX3 evals: the TimeML and MEANTIME readers, the scorer, and fixed slices of
``tempeval3`` and ``meantime-timex`` held to their committed slice floors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.conftest import SHARED

from newsgraph.evaluation import harness
from newsgraph.evaluation.meantime_timex import read_meantime
from newsgraph.evaluation.tempeval3 import GoldTimex, read_tml, score_doc

TML = """<?xml version="1.0" ?><TimeML>
<DOCID>test_doc</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2021-05-14">May 14, 2021</TIMEX3></DCT>
<TEXT>
Harbour officials in Lindqvist <EVENT eid="e1" class="REPORTING">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="2021-05-13">Thursday</TIMEX3> that repairs would take <TIMEX3 tid="t2" type="DURATION" value="P3M">three months</TIMEX3> &amp; cost more.
</TEXT>
</TimeML>
"""


def test_read_tml_strips_tags_and_keeps_offsets(tmp_path: Path) -> None:
    path = tmp_path / "doc.tml"
    path.write_text(TML, "utf-8")
    doc = read_tml(path)
    assert doc.dct == dt.date(2021, 5, 14)
    assert "<" not in doc.text and "&amp;" not in doc.text and "& cost" in doc.text
    assert [(doc.text[t.start:t.end], t.type, t.value) for t in doc.timexes] == [
        ("Thursday", "DATE", "2021-05-13"),
        ("three months", "DURATION", "P3M"),
    ]


MEANTIME_XML = """<?xml version="1.0" ?><Document doc_id="1" doc_name="1_test" lang="en">
<token number="0" sentence="0" t_id="1">Ferry</token>
<token number="1" sentence="0" t_id="2">delayed</token>
<token number="2" sentence="1" t_id="3">June</token>
<token number="3" sentence="1" t_id="4">2</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2010</token>
<token number="6" sentence="2" t_id="7">The</token>
<token number="7" sentence="2" t_id="8">ferry</token>
<token number="8" sentence="2" t_id="9">left</token>
<token number="9" sentence="2" t_id="10">on</token>
<token number="10" sentence="2" t_id="11">Monday</token>
<token number="11" sentence="2" t_id="12">.</token>
<Markables>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="2010-06-02">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="2" type="DATE" value="2010-05-31">
<token_anchor t_id="11"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="3" type="DATE" value="XXXX-XX-XX"/>
</Markables>
</Document>
"""


def test_read_meantime_rebuilds_text_without_the_dct(tmp_path: Path) -> None:
    path = tmp_path / "1_test.xml"
    path.write_text(MEANTIME_XML, "utf-8")
    doc = read_meantime(path)
    assert doc.dct == dt.date(2010, 6, 2)
    assert doc.text == "Ferry delayed\n\nThe ferry left on Monday."
    assert [(doc.text[t.start:t.end], t.value) for t in doc.timexes] == [("Monday", "2010-05-31")]


def test_score_doc_relaxed_strict_and_value() -> None:
    gold = [GoldTimex(0, 10, "DATE", "2020"), GoldTimex(20, 30, "DURATION", "P2Y"),
            GoldTimex(40, 45, "DATE", "2021-01")]
    system = [(0, 10, "DATE", "2020"), (22, 30, "DURATION", "P3Y"), (50, 55, "DATE", "2021")]
    scores, errors = score_doc(gold, system)
    assert (scores.relaxed.tp, scores.relaxed.fp, scores.relaxed.fn) == (2, 1, 1)
    assert scores.strict.tp == 1
    assert scores.value.tp == 1
    assert scores.type.tp == 2
    assert sorted(kind for kind, _, _ in errors) == ["missed", "spurious", "value"]


def _need(folder: str) -> None:
    if not (SHARED / "benchmarks" / folder).is_dir():
        pytest.fail(f"benchmark {folder} is missing under {SHARED}")


def test_tempeval3_slice_meets_floors() -> None:
    _need("tempeval3-platinum")
    report = harness.run("tempeval3", limit=3, shared=SHARED)
    assert report.counts["documents"] == 3
    assert harness.floors("tempeval3")["full"]["value_f1"] >= 0.80
    assert harness.floors("tempeval3")["full"]["relaxed_f1"] >= 0.88
    assert not harness.below_floors(report, "slice"), report.metrics


def test_meantime_timex_slice_meets_floors() -> None:
    _need("meantime-en")
    report = harness.run("meantime-timex", limit=10, shared=SHARED)
    assert report.counts["documents"] == 10
    assert "frozen_value_f1" in report.metrics and "tune_value_f1" in report.metrics
    assert not harness.below_floors(report, "slice"), report.metrics
