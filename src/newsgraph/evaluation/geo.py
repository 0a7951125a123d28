"""Toponym resolution on GeoWebNews, LGL and TR-News (``../shared/benchmarks``).

Two settings, each reported with the toponym subset and N it covers:

- ``given``: the gold toponym spans go to our resolver (:func:`newsgraph.stages.geocode.resolve`)
  together, each with the article's other gold toponyms as context. Scored on every gold
  toponym with coordinates (``given_n``): ``given_acc161`` is the share resolved within
  161 km of the gold point (an unresolved name counts as a miss); ``given_exact`` the share
  with the gold GeoNames id, on the toponyms that have one (``given_exact_n``);
  ``given_acc161_gid`` the Acc@161 on that same GeoNames subset (streets, buildings and
  other points without a GeoNames entry left out: the subset Mordecai-style figures use);
  ``given_acc161_ingaz`` on the toponyms whose gold GeoNames id our shipped gazetteer holds
  (``given_ingaz_n``): ranking quality apart from gazetteer coverage. A name our resolver
  places at the article's town (``approx``) counts by its point, never by an id.
- ``e2e``: the full ``extract`` on the article text (our own place detection); each gold
  toponym is matched to an entity mention overlapping its span (gold offsets are mapped onto
  ``record.text`` by searching the toponym's text near its expected place). ``e2e_acc161`` /
  ``e2e_exact`` count an undetected toponym as a miss; ``e2e_detected`` is the share of gold
  toponyms our entities cover; ``e2e_acc161_detected`` the accuracy on those.

Every metric also comes as ``*_tune`` and ``*_frozen`` (``harness.is_frozen`` on the document
key). GeoWebNews gold: toponyms with a GeoNames id or lat/lon (all pragmatic types that carry
coordinates: literal, metonymic, modifiers, embedded...). LGL / TR-News gold: toponyms with a
``gaztag`` (GeoNames id + lat/lon).
"""

from __future__ import annotations

import statistics
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.evaluation.harness import Report, is_frozen
from newsgraph.kb.gazetteer import haversine_km, place


@dataclass
class Gold:
    start: int
    end: int
    text: str
    lat: float
    lon: float
    gid: int | None


@dataclass
class Doc:
    key: str
    text: str
    toponyms: list[Gold] = field(default_factory=list)


def _float(x: str | None) -> float | None:
    try:
        return float(x) if x not in (None, "") else None
    except ValueError:
        return None


def load_gwn(shared: Path) -> Iterator[Doc]:
    root = ET.parse(shared / "benchmarks" / "geowebnews" / "GWN.xml").getroot()
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        doc = Doc(f"gwn:{art.get('file')}", text)
        tops = art.find("toponyms")
        for t in tops if tops is not None else []:
            lat, lon = _float(t.findtext("latitude")), _float(t.findtext("longitude"))
            if lat is None or lon is None:
                continue
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            gid = t.findtext("geonamesID")
            doc.toponyms.append(Gold(start, end, text[start:end], lat, lon,
                                     int(gid) if gid and gid.isdigit() else None))
        yield doc


def _repair(text: str, start: int, end: int, phrase: str | None) -> tuple[int, int]:
    """Some TR-News offsets drift by a few characters: put the span back on its phrase
    (the nearest occurrence within 40 characters), else keep it."""
    if not phrase or text[start:end] == phrase:
        return start, end
    best = None
    pos = text.find(phrase, max(0, start - 40), end + 40 + len(phrase))
    while pos != -1 and pos <= end + 40:
        if best is None or abs(pos - start) < abs(best - start):
            best = pos
        pos = text.find(phrase, pos + 1, end + 40 + len(phrase))
    return (best, best + len(phrase)) if best is not None else (start, end)


def load_lgl_format(path: Path, prefix: str) -> Iterator[Doc]:
    root = ET.parse(path).getroot()
    for n, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        doc = Doc(f"{prefix}:{art.get('docid') or n}", text)
        tops = art.find("toponyms")
        for t in tops if tops is not None else []:
            g = t.find("gaztag")
            if g is None:
                continue
            lat, lon = _float(g.findtext("lat")), _float(g.findtext("lon"))
            if lat is None or lon is None:
                continue
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            start, end = _repair(text, start, end, t.findtext("phrase"))
            gid = g.get("geonameid")
            doc.toponyms.append(Gold(start, end, text[start:end], lat, lon,
                                     int(gid) if gid and gid.isdigit() else None))
        yield doc


@dataclass
class _Tally:
    n: int = 0
    hit161: int = 0
    exact_n: int = 0
    exact: int = 0
    detected: int = 0
    hit161_detected: int = 0
    hit161_gid: int = 0  # within 161 km, among gold toponyms that have a GeoNames id
    ingaz_n: int = 0  # gold toponyms whose GeoNames id is in our gazetteer
    hit161_ingaz: int = 0
    errors: list[float] = field(default_factory=list)

    def add(self, gold: Gold, lat: float | None, lon: float | None, gid: int | None,
            detected: bool = True) -> None:
        self.n += 1
        in_gaz = gold.gid is not None and place(gold.gid) is not None
        self.ingaz_n += in_gaz
        if gold.gid is not None:
            self.exact_n += 1
            if gid == gold.gid:
                self.exact += 1
        if detected:
            self.detected += 1
        if lat is None or lon is None:
            return
        km = haversine_km(gold.lat, gold.lon, lat, lon)
        self.errors.append(km)
        if km <= 161:
            self.hit161 += 1
            if gold.gid is not None:
                self.hit161_gid += 1
            self.hit161_ingaz += in_gaz
            if detected:
                self.hit161_detected += 1


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _given(doc: Doc, tallies: dict[str, _Tally]) -> None:
    from newsgraph.stages.geocode import resolve

    spans = [(g.start, g.end) for g in doc.toponyms]
    places = resolve(doc.text, spans)
    half = "frozen" if is_frozen(doc.key) else "tune"
    for g, p in zip(doc.toponyms, places, strict=True):
        for t in (tallies["all"], tallies[half]):
            # a name placed at the article's town (``approx``) carries no GeoNames id
            t.add(g, p.lat if p else None, p.lon if p else None,
                  p.gid if p and not p.approx else None)


def _align(gold: list[Gold], src: str, text: str) -> list[tuple[int, int] | None]:
    """Gold spans of ``src`` mapped onto ``text`` (the record's cleaned text)."""
    out: list[tuple[int, int] | None] = []
    delta = 0
    for g in gold:
        surface = src[g.start : g.end]
        expect = g.start + delta
        best = None
        lo = max(0, expect - 400)
        pos = text.find(surface, lo, expect + 400 + len(surface))
        while pos != -1:
            if best is None or abs(pos - expect) < abs(best - expect):
                best = pos
            pos = text.find(surface, pos + 1, expect + 400 + len(surface))
        if best is None:
            out.append(None)
            continue
        delta = best - g.start
        out.append((best, best + len(surface)))
    return out


def _e2e(doc: Doc, tallies: dict[str, _Tally]) -> None:
    from newsgraph.pipeline import extract

    record = extract(doc.text, reference_date="2026-11-26")
    mentions: list[tuple[int, int, float | None, float | None, int | None]] = []
    for ent in record.entities:
        if ent.type not in ("GPE", "LOC", "FAC"):
            continue
        geo = ent.geo
        for m in ent.mentions:
            mentions.append((m.start, m.end, geo.lat if geo else None, geo.lon if geo else None,
                             geo.geonames if geo else None))
    gold = sorted(doc.toponyms, key=lambda g: g.start)
    half = "frozen" if is_frozen(doc.key) else "tune"
    for g, span in zip(gold, _align(gold, doc.text, record.text), strict=True):
        hit = None
        if span is not None:
            s, e = span
            hit = next((m for m in mentions if m[0] < e and s < m[1]), None)
        for t in (tallies["all"], tallies[half]):
            if hit is None:
                t.add(g, None, None, None, detected=False)
            else:
                t.add(g, hit[2], hit[3], hit[4])


def _report(name: str, docs: list[Doc], subset: str, e2e: bool = True) -> Report:
    report = Report(name)
    given = {k: _Tally() for k in ("all", "tune", "frozen")}
    ends = {k: _Tally() for k in ("all", "tune", "frozen")}
    for i, doc in enumerate(docs):
        if not doc.toponyms:
            continue
        _given(doc, given)
        if e2e:
            try:
                _e2e(doc, ends)
            except Exception as exc:  # one bad document never stops the run
                print(f"{name}: {doc.key}: {type(exc).__name__}: {exc}", file=sys.stderr)
        if (i + 1) % 50 == 0:
            print(f"{name}: {i + 1}/{len(docs)} documents", file=sys.stderr)
    for half, suffix in (("all", ""), ("tune", "_tune"), ("frozen", "_frozen")):
        g = given[half]
        report.metrics[f"given_acc161{suffix}"] = _ratio(g.hit161, g.n)
        report.metrics[f"given_exact{suffix}"] = _ratio(g.exact, g.exact_n)
        report.metrics[f"given_acc161_gid{suffix}"] = _ratio(g.hit161_gid, g.exact_n)
        report.metrics[f"given_acc161_ingaz{suffix}"] = _ratio(g.hit161_ingaz, g.ingaz_n)
        report.counts[f"given_ingaz_n{suffix}"] = g.ingaz_n
        report.counts[f"given_n{suffix}"] = g.n
        report.counts[f"given_exact_n{suffix}"] = g.exact_n
        if e2e:
            e = ends[half]
            report.metrics[f"e2e_acc161{suffix}"] = _ratio(e.hit161, e.n)
            report.metrics[f"e2e_exact{suffix}"] = _ratio(e.exact, e.exact_n)
            report.metrics[f"e2e_acc161_gid{suffix}"] = _ratio(e.hit161_gid, e.exact_n)
            report.metrics[f"e2e_detected{suffix}"] = _ratio(e.detected, e.n)
            report.metrics[f"e2e_acc161_detected{suffix}"] = _ratio(e.hit161_detected, e.detected)
            report.counts[f"e2e_n{suffix}"] = e.n
            report.counts[f"e2e_detected_n{suffix}"] = e.detected
    if given["all"].errors:
        report.metrics["given_median_km"] = round(statistics.median(given["all"].errors), 1)
    report.counts["documents"] = sum(1 for d in docs if d.toponyms)
    report.notes.append(f"gold subset: {subset}")
    report.notes.append("given: gold spans -> our resolver, other gold toponyms as context; "
                        "e2e: full extract, gold matched to entity mentions by span overlap")
    return report


def _take(docs: Iterator[Doc], limit: int | None) -> list[Doc]:
    out: list[Doc] = []
    for doc in docs:
        if limit is not None and len(out) >= limit:
            break
        out.append(doc)
    return out


def geowebnews(shared: Path, limit: int | None) -> Report:
    docs = _take(load_gwn(shared), limit)
    return _report("geowebnews", docs, "GWN toponyms with GeoNames id or lat/lon (all types)")


def lgl(shared: Path, limit: int | None) -> Report:
    docs = _take(load_lgl_format(shared / "benchmarks" / "lgl" / "lgl.xml", "lgl"), limit)
    return _report("lgl", docs, "LGL toponyms with a gaztag (GeoNames id, lat/lon)")


def trnews(shared: Path, limit: int | None) -> Report:
    docs = _take(load_lgl_format(shared / "benchmarks" / "tr-news" / "TR-News.xml", "trnews"), limit)
    return _report("trnews", docs, "TR-News toponyms with a gaztag (GeoNames id, lat/lon)")


EVALS = {"geowebnews": geowebnews, "lgl": lgl, "trnews": trnews}
