"""The geocode stage: every GPE / LOC / FAC entity gets ``geo`` {lat, lon, country, geonames}.

Resolution is offline, against :mod:`newsgraph.kb.gazetteer` (loaded once per process).
An entity the entities stage already linked (``kb.geonames``, or ``kb.iso`` of a country)
takes that entry. Otherwise the candidates of its first known mention are scored by:

- a prior by kind and size: a country or continent outranks any town of the same name; a
  state is weighed by its people (capped below a city of millions, and below the city it is
  named after); among towns, log10(population), with a bonus for a national capital and a
  penalty for matching only an alternate spelling;
- a container named beside it: "Springfield, Illinois", "Aurora, Colo.", "Tbilisi, Georgia"
  strongly prefer candidates inside the named state or country (a list such as
  "Washington, New York and Boston" is not a container, nor is a country for a country:
  "in Russia, U.S. officials said"); one sense per article: a later bare "Springfield"
  keeps the container;
- "X state" / "the state (province, territory) of X" prefer the state; when an article
  marks one mention that way, its unmarked mentions of the same name are the other sense
  (Washington state / Washington);
- the article's context, from a first pass over all places: countries and states that
  other places of the article fall in, places within 250 km of other places, a town and a
  county of one county, the dateline's place, and the countries of the actors (role
  countries, NORP entities); a country nothing else of the article names loses to a town
  of its name lying in a county the article names ("Lebanon" beside "Boone County");
- natural features and named regions (seas, rivers, ranges, islands, "the Balkans", "the
  Midwest": ``geo_features.txt``, kind ``feature``, no GeoNames id) weigh by their class:
  an ocean or a region of the world above a small town, a river or an island only above a
  town of under a million; a cue beside the name ("the Volta river", "Lake Kivu", "the
  Gulf of Aden": ``geo_feature_cues.txt``) looks up the name with its cue and makes the
  feature win, and keeps a namesake town's state ("Columbia, S.C.") off that mention;
- "St.", "Ste.", "Mt.", "Ft." and their full forms are tried for each other;
- a name not in the gazetteer: a demonym gives its country ("Chinese", also over a
  namesake town or county: "Canadian"); a regional adjective its region (data:
  ``geo_aliases.tsv``, "Sicilian" -> Sicily); a longer name
  holding a well-known place gives that place ("Harare City Council" -> Harare; a county
  when the county is named: "X County Sheriff's Office"), but never its last word alone
  ("... Support Centre") nor natural features and streets ("Yakima River");
- the article's town: a town (or county) its names point to at least twice, dateline
  included (:func:`focus`). A name the gazetteer lacks (not a people's word such as
  "Kurdish"), and a town of under 20,000 people 250 km or more from it with no state named
  beside it, are placed at that town, marked ``approx`` (no GeoNames id, a
  ``geo_approximate`` warning): most such names are streets, buildings and quarters of it;
- else ``geo = null`` and a ``geo_unknown`` warning, and the others are resolved as if it
  were absent.

Interface: :func:`resolve` ``(text, spans, hints=None, fixed=None) -> [Place | None]``
resolves names at character spans together (used by the evals with gold spans).
Notes keys read (optional): ``notes["actor_countries"]`` (ISO alpha-2 codes of the actors).
Notes keys set: ``notes["geo"]`` = {entity id: :class:`~newsgraph.kb.gazetteer.Place`} (with
``kind``: continent | country | adm1 | adm2 | city) for later stages and the pages' map.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from newsgraph.kb import gazetteer as gz
from newsgraph.kb.gazetteer import Place
from newsgraph.record import KB, Geo

if TYPE_CHECKING:
    from newsgraph.pipeline import Work

PLACE_TYPES = ("GPE", "LOC", "FAC")

_AFTER = re.compile(r"^,?\s{0,3}((?:[A-Z][\w’'.]*\.?)(?:[ -](?:[A-Z][\w’'.]*|of|and|del?)){0,3})")
# after "Town, X": " and Y" or ", Y" continue a list (AP style has no serial comma, and sets
# a state off with commas: "Springfield, Ill., and Chicago")
_LIST_GOES_ON = re.compile(r"^\s+(?:and|or|&)\s+[A-Z]|^\s*,\s*[A-Z]|^\s*/")
_STATE_AFTER = re.compile(
    r"^\s+(?:state|State|province|Province)\b(?!\s+(?:University|College|Department|Police|Park))")
_STATE_BEFORE = re.compile(
    r"\b(?:state|State|commonwealth|Commonwealth|province|Province|territory|Territory)\s+of\s+$")
_CITY_AFTER = re.compile(r"^\s+(?:city|City)\b")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_TRIM = re.compile(r"^(?:the|The|THE)\s+")

PRIOR = {"continent": 12.5, "country": 12.0, "adm2": 3.0}
# a feature by its class: an ocean or a region of the world outranks a town of ten thousand;
# a river or an island only a town of about a million, so a name that is also a well-known
# town stays the town unless the text says which ("the X river", "Lake X")
FEATURE_PRIOR = {"ocean": 8.0, "region": 7.5, "sea": 7.0, "territory": 7.0, "gulf": 6.5,
                 "strait": 6.5}
FEATURE_DEFAULT = 6.0
FEATURE_SMALL = {"peak": 5.5, "valley": 5.5, "basin": 5.5, "plain": 5.5}
FEATURE_CUE = 6.0  # the text names the feature's kind beside the name
ADM1_CAP = 6.8
A1_MAX = 2.0
COUNTRY_ALONE = 2.0
NEAR_BASE = 0.75
NEAR_STEP = 0.25
SAME_COUNTY = 1.5
COUNTY_TOWN = 5.0


@dataclass
class Hints:
    """What the article tells beyond the names themselves."""

    dateline: str | None = None
    countries: Counter[str] = field(default_factory=Counter)  # actor countries (ISO alpha-2)


@dataclass
class _Mention:
    text: str
    start: int
    end: int
    cands: tuple[Place, ...] = ()
    container: Place | None = None
    want_adm1: bool = False
    want_city: bool = False
    not_adm1: bool = False  # the article marks another mention "X state": this one is not
    # (cc, admin1, admin2, kind) of the towns and counties other names of the article may be
    pairs: frozenset[tuple[str, str, str, str]] = frozenset()
    city_a1: frozenset[tuple[str, str]] = frozenset()  # (cc, admin1) of its town candidates

    want_feature: bool = False  # "the X river", "Lake X": a natural feature
    cued: frozenset[int] = frozenset()  # gids of the features the name with its cue names

    def __post_init__(self) -> None:
        self.city_a1 = frozenset((c.cc, c.admin1) for c in self.cands if c.kind == "city")


def variants(surface: str) -> list[str]:
    """Lookup keys of a surface form, most specific first."""
    s = _TRIM.sub("", surface.strip())
    s = _POSSESSIVE.sub("", s).strip(" ,;:-–—")
    out = [gz.norm(s)]
    low = out[0]
    for suffix in (" state", " city", " province", " region", " oblast"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            out.append(low[: -len(suffix)])
    for short, full in _SHORT_WORDS:  # "St. Paris" is the village GeoNames calls Saint Paris
        if low.startswith(short + " "):
            out.append(full + low[len(short):])
        elif low.startswith(full + " "):
            out.append(short + low[len(full):])
    return [k for k in dict.fromkeys(out) if k]


# the short forms of a name's first word and their full forms, as norm() leaves them
_SHORT_WORDS = (("st", "saint"), ("ste", "sainte"), ("mt", "mount"), ("ft", "fort"))


@lru_cache(maxsize=65536)
def candidates(surface: str) -> tuple[Place, ...]:
    """Gazetteer entries for a name; a demonym used as a place ("Chinese") gives its country;
    else the place a longer name is named after (:func:`_embedded`)."""
    return direct_candidates(surface) or _embedded(surface)


@lru_cache(maxsize=65536)
def direct_candidates(surface: str) -> tuple[Place, ...]:
    """Gazetteer entries for the name itself (not for a place inside a longer name)."""
    if "." in surface and surface.strip().replace(" ", "") in gz.abbreviation_forms():
        state = gz.us_state(surface.strip())  # "Ill.", "W.Va.", "Ont." (not "L.A.")
        if state is not None:
            return (state,)
    found: tuple[Place, ...] = ()
    for key in variants(surface):
        found = gz.lookup(key)
        if found:
            break
    cc = gz.demonym_country(surface)
    if cc:  # "Canadian": the country, whatever town or county shares the word
        p = gz.country(cc)
        if p is not None and all(f.kind in ("city", "adm2") for f in found):
            return (p,)
    if found:
        return found
    if len(surface) == 2 and surface.isupper():
        state = gz.us_state(surface)  # a bare postal code ("NY") nothing else names
        if state is not None:
            return (state,)
    return ()


EMBEDDED_MIN_POP = 50_000  # a town inside a longer name must be a well-known one


@lru_cache(maxsize=1)
def feature_heads() -> frozenset[str]:
    text = resources.files("newsgraph.data").joinpath("geo_feature_heads.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


_WORD = re.compile(r"[A-Z][\w’'.-]*")


@lru_cache(maxsize=1)
def direction_words() -> frozenset[str]:
    text = resources.files("newsgraph.data").joinpath("geo_directions.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _embedded(surface: str) -> tuple[Place, ...]:
    """A longer name holding a place ("Harare City Council", "Delhi High Court", "Kyiv
    airport"): the place it is named after, its longest capitalised run of words that is a
    main gazetteer name or a demonym; nothing for a one-word name."""
    words = surface.split()
    heads = feature_heads()
    if len(words) < 2 or any(gz.norm(w) in heads for w in words):
        return ()  # "Yakima River", "Lake Ontario", "Gulf of Mexico" are places of their own
    for n in range(len(words) - 1, 0, -1):
        for i in range(len(words) - n + 1):
            chunk = words[i : i + n]
            if not all(_WORD.fullmatch(w) for w in chunk):
                continue
            if n == 1 and gz.norm(chunk[0]) in direction_words():
                continue  # "Eastern Ghouta" is not Uganda's Eastern region
            if n == 1 and i == len(words) - 1 and words[i - 1].casefold() not in ("of", "in") \
                    and not all(gz.norm(w) in direction_words() for w in words[:-1]):
                continue  # the last word is the kind of thing named ("Support Centre")
            text = " ".join(chunk)
            hits = tuple(p for p in gz.lookup(gz.norm(text)) if p.primary and (
                p.kind in ("continent", "country", "adm1") or p.population >= EMBEDDED_MIN_POP
                or (p.kind == "adm2" and n > 1)))  # "Marion County Sheriff's Office"
            if hits:
                return hits
            cc = gz.demonym_country(text)
            if cc and (p := gz.country(cc)) is not None:
                return (p,)
    return ()


@lru_cache(maxsize=1)
def feature_cues() -> tuple[frozenset[str], tuple[str, ...]]:
    """(words after a name, words before a name) that mark a natural feature or region."""
    after: set[str] = set()
    before: list[str] = []
    for row in gz._data_lines("geo_feature_cues.txt"):
        if len(row) == 2 and row[0] == "after":
            after.add(row[1].strip())
        elif len(row) == 2 and row[0] == "before":
            before.append(row[1].strip())
    return frozenset(after), tuple(sorted(before, key=len, reverse=True))


_NEXT_WORD = re.compile(r"^[ \t]+([A-Za-z]+)\b")
_PREV_WORDS = re.compile(r"((?:[A-Za-z]+\.?[ \t]+){1,2})$")


def _feature_cue(text: str, start: int, end: int, surface: str) -> tuple[bool, tuple[Place, ...]]:
    """Whether the text marks the name at [start, end) as a feature ("the Volta river",
    "Lake Kivu"), and the features the name with its cue names."""
    after, before = feature_cues()
    base = _TRIM.sub("", surface.strip())
    cued = False
    found: list[Place] = []
    m = _NEXT_WORD.match(text[end : end + 20])
    if m and m.group(1).casefold() in after:
        cued = True
        found += [p for p in gz.lookup(gz.norm(f"{base} {m.group(1)}")) if p.kind == "feature"]
    pm = _PREV_WORDS.search(text[max(0, start - 20) : start])
    if pm:
        prev = " ".join(pm.group(1).replace(".", "").split()).casefold()
        for cue in before:
            if prev == cue or prev.endswith(" " + cue):
                cued = True
                found += [p for p in gz.lookup(gz.norm(f"{cue} {base}")) if p.kind == "feature"]
                break
    return cued, tuple(found)


def _container_after(text: str, end: int) -> Place | None:
    """A state or country named right after a place: "Springfield, Illinois"."""
    m = _AFTER.match(text[end : end + 40])
    if not m or text[end:end + 1] != ",":
        return None
    words = m.group(1).split()
    head = text[end : end + m.start(1)]
    for n in range(len(words), 0, -1):
        chunk = " ".join(words[:n])
        rest = text[end + len(head) + len(chunk) : end + len(head) + len(chunk) + 30]
        if _LIST_GOES_ON.match(rest):
            continue  # "Washington, New York and Boston": a list of places, not a container
        state = gz.us_state(chunk)
        if state is not None:
            return state
        for p in gz.lookup(gz.norm(chunk)):
            if p.kind in ("country", "adm1") and p.primary:
                return p
    return None


def _inside(p: Place, container: Place) -> bool:
    if p.gid == container.gid:
        return False
    if container.kind == "country":
        return p.cc == container.cc
    if container.kind == "adm1":
        return p.cc == container.cc and p.admin1 == container.admin1 and p.kind != "adm1"
    return False


def prior(p: Place) -> float:
    if p.kind == "feature":
        base = FEATURE_PRIOR.get(p.fclass) or FEATURE_SMALL.get(p.fclass, FEATURE_DEFAULT)
    elif p.kind == "adm1":  # a state by its people, capped below a city of millions
        base = min(ADM1_CAP, math.log10(p.population + 10) + 0.3)
    elif p.kind in PRIOR:
        base = PRIOR[p.kind]
        if p.kind == "adm2":
            base += 0.5 * math.log10(p.population + 10)
    else:
        base = math.log10(p.population + 10)
        if p.capital:
            base += 2.0
    if not p.primary:
        base -= 1.5 if p.kind in ("city", "adm2") else 0.3
    return base


@dataclass
class _Context:
    countries: Counter[str]
    admin1: Counter[tuple[str, str]]
    points: list[tuple[float, float, int]]  # lat, lon, mention index
    admin2: Counter[tuple[str, str, str]] = field(default_factory=Counter)


def _score(p: Place, m: _Mention, idx: int, ctx: _Context | None, hints_cc: Counter[str]) -> float:
    s = prior(p)
    if m.container is not None:
        s += 8.0 if _inside(p, m.container) else -4.0
    if m.want_adm1 and p.kind == "adm1":
        s += 6.0
    if m.not_adm1 and p.kind == "adm1":
        s -= 4.0
    if p.kind in ("adm1", "adm2") and not m.want_adm1 and (p.cc, p.admin1) in m.city_a1:
        s -= 1.5  # a province or district named after its city: the bare name is the city
    if m.want_city and p.kind == "city":
        s += 2.0
    if m.want_feature and p.kind == "feature":
        s += FEATURE_CUE if p.gid in m.cued or not m.cued else FEATURE_CUE / 2
    if hints_cc.get(p.cc):
        s += 1.5
    # a town and a county another name of the article may be, in one county: "Huntsville"
    # and "Walker County" (whatever the other name is resolved to)
    paired = p.kind in ("city", "adm2") and bool(p.admin2) and (
        p.cc, p.admin1, p.admin2, "adm2" if p.kind == "city" else "city") in m.pairs
    if paired:
        s += SAME_COUNTY
    if ctx is None:
        return s
    others_cc = ctx.countries.get(p.cc, 0)
    if p.kind == "country":
        if others_cc:
            s += 1.0
        elif ctx.countries and ctx.countries.most_common(1)[0][1] >= 3:
            s -= COUNTRY_ALONE  # a country nothing else in an article about elsewhere points to
        if not others_cc and not hints_cc.get(p.cc) and any(
            c.kind == "city" and c.admin2 and (c.cc, c.admin1, c.admin2, "adm2") in m.pairs
            for c in m.cands
        ):  # "Lebanon" beside "Boone County": the county seat, not a country nothing else names
            s -= COUNTY_TOWN
    else:
        if others_cc:
            s += min(3.0, 1.5 + 0.5 * others_cc)
        a1 = ctx.admin1.get((p.cc, p.admin1), 0)
        if p.kind == "adm1" and a1:
            s += 2.5 + min(1.5, 0.5 * a1)  # a state that holds other places of the article
        elif a1 and p.admin1:
            s += min(A1_MAX, 1.0 + 0.75 * a1)
        if p.kind in ("city", "adm2") and p.admin2 and not paired and ctx.admin2.get(
            (p.cc, p.admin1, p.admin2)
        ):
            s += SAME_COUNTY
        if p.kind in ("city", "adm2"):
            near = [d for (la, lo, j) in ctx.points if j != idx and abs(la - p.lat) < 2.3
                    if (d := gz.haversine_km(p.lat, p.lon, la, lo)) < 250]
            if near:
                s += NEAR_BASE + NEAR_STEP * min(4, len(near))
    return s


FEATURE_SAME_KM = 100.0  # a feature and a gazetteer place of its name this close are one


def _best(m: _Mention, idx: int, ctx: _Context | None, hints_cc: Counter[str]) -> Place | None:
    if not m.cands:
        return None
    best = max(m.cands, key=lambda p: (_score(p, m, idx, ctx, hints_cc), p.population, -p.gid))
    if best.kind == "feature":  # an island and its town or province of one name: the entry
        # with a GeoNames id
        near = [p for p in m.cands if p.kind != "feature"
                and gz.haversine_km(p.lat, p.lon, best.lat, best.lon) < FEATURE_SAME_KM]
        if near:
            return max(near, key=lambda p: (_score(p, m, idx, ctx, hints_cc), p.population,
                                            -p.gid))
    return best


def _context(chosen: Sequence[Place | None], mentions: Sequence[_Mention],
             anchor: Place | None = None) -> _Context:
    countries: Counter[str] = Counter()
    admin1: Counter[tuple[str, str]] = Counter()
    admin2: Counter[tuple[str, str, str]] = Counter()
    points: list[tuple[float, float, int]] = []
    if anchor is not None:  # the dateline's place counts as one more place of the article
        if anchor.cc:
            countries[anchor.cc] += 1
        if anchor.kind in ("adm1", "adm2", "city") and anchor.admin1:
            admin1[(anchor.cc, anchor.admin1)] += 1
        if anchor.kind in ("city", "adm2"):
            points.append((anchor.lat, anchor.lon, -1))
    seen: set[tuple[str, int]] = set()
    for i, (p, m) in enumerate(zip(chosen, mentions, strict=True)):
        if p is None:
            continue
        key = (gz.norm(m.text), p.gid)
        if key in seen:  # count each distinct name once
            continue
        seen.add(key)
        if p.cc:
            countries[p.cc] += 1
        if p.kind in ("adm1", "adm2", "city") and p.admin1:
            admin1[(p.cc, p.admin1)] += 1
        if p.kind in ("city", "adm2"):
            points.append((p.lat, p.lon, i))
            if p.admin2:
                admin2[(p.cc, p.admin1, p.admin2)] += 1
    return _Context(countries, admin1, points, admin2)


def resolve(text: str, spans: Sequence[tuple[int, int]], hints: Hints | None = None,
            fixed: Sequence[Place | None] | None = None,
            counts: Sequence[int] | None = None,
            facility: Sequence[bool] | None = None) -> list[Place | None]:
    """Resolve the place names at ``spans`` of ``text`` together (each is context for the
    others). ``fixed[i]``, when given, is a place already known for span i (a KB link);
    ``counts[i]`` the number of mentions span i stands for (default 1); ``facility[i]`` says
    the name is a building or venue (entity type FAC). Returns one Place or None per span; a
    street or venue the gazetteer lacks, in an article centred on one town, gets that town
    marked ``approx`` (see :func:`focus`); any other unknown name stays None."""
    hints = hints or Hints()
    mentions: list[_Mention] = []
    for i, (start, end) in enumerate(spans):
        surface = text[start:end]
        known = fixed[i] if fixed is not None else None
        m = _Mention(surface, start, end, (known,) if known is not None else candidates(surface))
        m.container = _container_after(text, end)
        if m.container is not None and m.container.kind == "country" and any(
            c.kind in ("country", "continent") for c in m.cands
        ):  # "in Russia, U.S. officials said": a country is in no other country
            m.container = None
        after = text[end : end + 20]
        m.want_adm1 = bool(_STATE_AFTER.match(after) or _STATE_BEFORE.search(text[max(0, start - 20) : start]))
        m.want_city = bool(_CITY_AFTER.match(after))
        if known is None:
            cued, feats = _feature_cue(text, start, end, surface)
            if cued:
                m.want_feature = True
                m.cued = frozenset(p.gid for p in feats)
                have = {c.gid for c in m.cands}
                m.cands = m.cands + tuple(p for p in feats if p.gid not in have)
        mentions.append(m)
    # writers mark the state ("Washington state") to set it apart from the city of the same
    # name: the unmarked mentions of that name are the other sense
    # one sense per article: "Springfield, Illinois" and then "Springfield" are one town
    held: dict[str, Place] = {}
    for m in mentions:
        if m.container is not None:
            held.setdefault(gz.norm(m.text), m.container)
    for m in mentions:
        if m.container is None and gz.norm(m.text) in held and not m.cued:
            m.container = held[gz.norm(m.text)]
    marked = {gz.norm(m.text) for m in mentions if m.want_adm1}
    for m in mentions:
        if not m.want_adm1 and gz.norm(m.text) in marked:
            m.not_adm1 = True
    county_of: dict[str, set[tuple[str, str, str, str]]] = {}
    for m in mentions:
        county_of.setdefault(gz.norm(m.text), set()).update(
            (c.cc, c.admin1, c.admin2, c.kind) for c in m.cands
            if c.kind in ("city", "adm2") and c.admin2)
    for m in mentions:
        own_key = gz.norm(m.text)
        m.pairs = frozenset(x for k, v in county_of.items() if k != own_key for x in v)
    hints_cc: Counter[str] = Counter(hints.countries)
    anchor = dateline_place(hints.dateline) if hints.dateline else None
    first = _context([None] * len(mentions), mentions, anchor) if anchor else None
    chosen = [_best(m, i, first, hints_cc) for i, m in enumerate(mentions)]
    # rounds in which every name sees the others' choices of the round before; two names
    # can swing back and forth ("Walker County" / "Huntsville"), so the configuration kept
    # is the most coherent one seen: the highest sum of scores, each in the others' context
    best_total, best_conf = _coherence(chosen, mentions, anchor, hints_cc), list(chosen)
    for _ in range(4):
        # context of mention i excludes mentions of the same name (no self-support)
        ctx_all = _context(chosen, mentions, anchor)
        new: list[Place | None] = []
        for i, m in enumerate(mentions):
            if len(m.cands) <= 1:
                new.append(chosen[i])
                continue
            ctx = _minus(ctx_all, chosen[i], m, chosen, mentions)
            new.append(_best(m, i, ctx, hints_cc))
        if new == chosen:
            break
        chosen = new
        total = _coherence(chosen, mentions, anchor, hints_cc)
        if total > best_total + 1e-9:
            best_total, best_conf = total, list(chosen)
    chosen = best_conf
    direct = [(fixed is not None and fixed[i] is not None) or bool(direct_candidates(m.text))
              for i, m in enumerate(mentions)]
    town = focus(chosen, counts, anchor, direct)
    if town is not None:
        chosen = [replace(town, approx=True, primary=False)
                  if p is None and ((facility is not None and facility[i]) or _sublocal(m.text)) else p
                  for i, (p, m) in enumerate(zip(chosen, mentions, strict=True))]
    return chosen


@lru_cache(maxsize=1)
def sublocal_heads() -> frozenset[str]:
    text = resources.files("newsgraph.data").joinpath("geo_sublocal_heads.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _sublocal(surface: str) -> bool:
    """A name that ends or starts with a street or venue word ("Quarnholt Lane", "Rue Verro",
    "Hotel Arbel"): a part
    of some town. Any other name the gazetteer lacks stays unplaced (null and a warning):
    a village of a war report is not the dateline's city."""
    words = [w.casefold() for w in re.findall(r"[^\W\d_]+", surface)]
    heads = sublocal_heads()
    return len(words) >= 2 and (words[-1] in heads or words[0] in heads)


FOCUS_MIN = 2  # mentions of a town that make it the article's focus


def focus(chosen: Sequence[Place | None], counts: Sequence[int] | None = None,
          anchor: Place | None = None, direct: Sequence[bool] | None = None) -> Place | None:
    """The town (or county) an article centres on: the one its names point to most often,
    at least FOCUS_MIN times counting the dateline's town, first named on a tie. A name the
    gazetteer lacks there is most often a street, a building or a neighbourhood of it (the
    tune halves of the geo benchmarks: about 7 in 10 such names lie within 161 km)."""
    tally: Counter[int] = Counter()
    first: dict[int, int] = {}
    towns: dict[int, Place] = {}
    for i, p in enumerate(chosen):
        if p is None or p.approx or p.kind not in ("city", "adm2"):
            continue
        if direct is not None and not direct[i]:
            continue  # "Liverpool Academy" in Cairo does not make Liverpool the focus
        tally[p.gid] += counts[i] if counts is not None else 1
        first.setdefault(p.gid, i)
        towns[p.gid] = p
    if anchor is not None and anchor.kind in ("city", "adm2"):
        tally[anchor.gid] += 1
        first.setdefault(anchor.gid, -1)
        towns[anchor.gid] = anchor
    if not tally:
        return None
    gid = max(tally, key=lambda g: (tally[g], -first[g]))
    return towns[gid] if tally[gid] >= FOCUS_MIN else None


def _coherence(chosen: Sequence[Place | None], mentions: Sequence[_Mention],
               anchor: Place | None, hints_cc: Counter[str]) -> float:
    ctx_all = _context(chosen, mentions, anchor)
    total = 0.0
    for i, (p, m) in enumerate(zip(chosen, mentions, strict=True)):
        if p is not None and len(m.cands) > 1:
            total += _score(p, m, i, _minus(ctx_all, p, m, chosen, mentions), hints_cc)
    return total


def dateline_place(text: str) -> Place | None:
    """The place of a dateline's place text ("MOSCOW", "Springfield, Ill.")."""
    head = text.split(",")[0].strip()
    m = _Mention(head, 0, len(head), candidates(head))
    m.container = _container_after(text, len(head))
    return _best(m, -1, None, Counter())


def _minus(ctx: _Context, own: Place | None, m: _Mention, chosen: Sequence[Place | None],
           mentions: Sequence[_Mention]) -> _Context:
    """The context without the mention's own name (its repeats must not vote for it)."""
    if own is None:
        return ctx
    key = gz.norm(m.text)
    countries = Counter(ctx.countries)
    admin1 = Counter(ctx.admin1)
    if own.cc:
        countries[own.cc] -= 1
    if own.kind in ("adm1", "adm2", "city") and own.admin1:
        admin1[(own.cc, own.admin1)] -= 1
    points = [pt for pt in ctx.points if pt[2] < 0 or gz.norm(mentions[pt[2]].text) != key]
    admin2 = Counter(ctx.admin2)
    if own.kind in ("city", "adm2") and own.admin2:
        admin2[(own.cc, own.admin1, own.admin2)] -= 1
    return _Context(+countries, +admin1, points, +admin2)


def to_geo(p: Place) -> Geo:
    """A feature of ours has no GeoNames id (its negative ``gid`` stays inside), nor has a
    name placed at the article's town (``approx``)."""
    return Geo(lat=round(p.lat, 4), lon=round(p.lon, 4), country=p.cc or None,
               geonames=p.gid if p.gid > 0 and not p.approx else None)


def _actor_countries(work: Work) -> Counter[str]:
    found: Counter[str] = Counter()
    for code in work.notes.get("actor_countries", []) or []:
        if isinstance(code, str) and len(code) == 2:
            found[code.upper()] += 1
    for ent in work.record.entities:
        for role in ent.roles:
            if role.country and len(role.country) == 2:
                found[role.country.upper()] += 1
        if ent.type == "NORP":
            cc = ent.kb.iso if ent.kb is not None and ent.kb.iso else gz.demonym_country(ent.name)
            if cc:
                found[cc.upper()] += 1
    return found


def _kb_place(kb: KB | None) -> Place | None:
    """The place a KB link already names (a country's ISO code, a GeoNames id)."""
    if kb is None:
        return None
    if kb.geonames is not None:
        p = gz.place(kb.geonames)
        if p is not None:
            return p
    if kb.iso and kb.geonames is None:
        return gz.country(kb.iso)
    return None


@dataclass(frozen=True)
class _Stage:
    name: str = "geocode"
    version: str = "4"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("entities.geo",)

    def run(self, work: Work) -> None:
        record = work.record
        places = [e for e in record.entities if e.type in PLACE_TYPES]
        if not places or not record.text:
            return
        text = record.text
        # one span per entity: the first mention whose text (or the canonical name) is known
        spans: list[tuple[int, int]] = []
        owners: list[int] = []
        fixed: list[Place | None] = []
        counts: list[int] = []
        fallback_names: dict[int, str] = {}
        for k, ent in enumerate(places):
            ms = sorted(ent.mentions, key=lambda m: m.start)
            known = _kb_place(ent.kb)
            if known is not None and ms:
                spans.append((ms[0].start, ms[0].end))
                owners.append(k)
                fixed.append(known)
                counts.append(len(ms))
                continue
            pick = next((m for m in ms if candidates(m.text)), None)
            if pick is None and ms and candidates(ent.name):
                pick = ms[0]
                fallback_names[k] = ent.name
            if pick is None and ms:
                pick = ms[0]
            if pick is None:
                continue
            spans.append((pick.start, pick.end))
            owners.append(k)
            fixed.append(None)
            counts.append(len(ms))
        hints = Hints(
            dateline=record.dateline.place if record.dateline else None,
            countries=_actor_countries(work),
        )
        resolved = resolve(text, spans, hints, fixed, counts,
                           [places[k].type == "FAC" for k in owners])
        for k, (start, end), p in zip(owners, spans, resolved, strict=True):
            if (p is None or p.approx) and k in fallback_names:
                p = _best(_Mention(fallback_names[k], start, end, candidates(fallback_names[k])),
                          -1, None, hints.countries) or p
            ent = places[k]
            if p is None:
                ent.geo = None
                work.warn(self.name, "geo_unknown", f"no gazetteer entry for {ent.name!r}",
                          start, end)
                continue
            if p.approx:
                work.warn(self.name, "geo_approximate", f"{ent.name!r} placed at {p.name}, the "
                          "town the article centres on (no likely gazetteer entry)", start, end)
            ent.geo = to_geo(p)
            work.notes.setdefault("geo", {})[ent.id] = p
        for k, ent in enumerate(places):
            if k not in owners:
                work.warn(self.name, "geo_unknown", f"no mention to resolve for {ent.name!r}")


STAGE = _Stage()
