"""Roles read from the text: every must-show on the seed, each with a twin on an article we
wrote (tests/fixtures/entities_twin.txt: invented people, titles and organisations)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsgraph.record import ArticleRecord, Entity, Role

TWIN = Path(__file__).parent / "fixtures" / "entities_twin.txt"


@pytest.fixture(scope="module")
def twin_record(run_extract: Any) -> ArticleRecord:
    return run_extract(TWIN.read_text("utf-8"))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def run_extract() -> Any:  # module-scoped twin of the conftest fixture
    from tests.conftest import REFERENCE_DATE, check_record

    from newsgraph.pipeline import extract

    def _run(text: str, **options: Any) -> ArticleRecord:
        options.setdefault("reference_date", REFERENCE_DATE)
        return check_record(extract(text, **options))

    return _run


def person(record: ArticleRecord, name: str) -> Entity:
    found = [e for e in record.entities if e.type == "PERSON" and e.name == name]
    assert found, (name, [e.name for e in record.entities if e.type == "PERSON"])
    return found[0]


def role_of(record: ArticleRecord, name: str) -> Role:
    ent = person(record, name)
    assert ent.roles, f"{name} has no role"
    role = ent.roles[0]
    assert role.basis == "text"
    assert role.start is not None and role.end is not None
    return role


def span(record: ArticleRecord, role: Role) -> str:
    assert role.start is not None and role.end is not None
    return record.text[role.start:role.end]


def check(record: ArticleRecord, name: str, title: str, org: str | None, country: str | None,
          phrase: str) -> None:
    role = role_of(record, name)
    assert role.title == title
    if org is not None:
        assert role.org == org
    assert role.country == country
    assert span(record, role) == phrase


# --- apposition with organisation and country ("NAME, a spokesperson for the U.S. NSC") -----

def test_seed_kirby(seed_record: ArticleRecord) -> None:
    check(seed_record, "John Kirby", "spokesperson", "National Security Council", "United States",
          "spokesperson for the U.S. National Security Council")


def test_twin_apposition(twin_record: ArticleRecord) -> None:
    check(twin_record, "Tomas Elvenquist", "spokesperson", "Swedish International Development Agency",
          "Sweden", "spokesperson for the Swedish International Development Agency")


# --- pre-modifier with demonym + organisation + title -------------------------------------

def test_seed_zakharova(seed_record: ArticleRecord) -> None:
    role = role_of(seed_record, "Maria Zakharova")
    assert role.title == "spokeswoman" and role.country == "Russia"
    assert role.org is not None and "ministry" in role.org.lower()
    assert span(seed_record, role) == "Russian foreign ministry spokeswoman"


def test_twin_premodifier_org(twin_record: ArticleRecord) -> None:
    role = role_of(twin_record, "Amara Wanjiku")  # NER calls this name an ORG: fixed by the title
    assert role.title == "spokeswoman" and role.country == "Kenya"
    assert role.org == "foreign ministry"
    assert span(twin_record, role) == "Kenyan foreign ministry spokeswoman"


# --- demonym + title ("South Korean lawmaker", "Ukrainian President", ...) ----------------

@pytest.mark.parametrize(("name", "title", "country", "phrase"), [
    ("Park Sun-won", "lawmaker", "South Korea", "South Korean lawmaker"),
    ("Volodymyr Zelenskyy", "President", "Ukraine", "Ukrainian President"),
    ("Kim Jong Un", "leader", "North Korea", "North Korean leader"),
    ("Vladimir Putin", "President", "Russia", "Russian President"),
])
def test_seed_demonym_titles(seed_record: ArticleRecord, name: str, title: str, country: str,
                             phrase: str) -> None:
    check(seed_record, name, title, None, country, phrase)


@pytest.mark.parametrize(("name", "title", "country", "phrase"), [
    ("Choi Min-seok", "lawmaker", "Argentina", "Argentine lawmaker"),
    ("Rafael Montebrandt", "President", "Brazil", "Brazilian President"),
    ("Ignacio Varela", "leader", "Chile", "Chilean leader"),
    ("Marta Quispe", "President", "Peru", "Peruvian President"),
])
def test_twin_demonym_titles(twin_record: ArticleRecord, name: str, title: str, country: str,
                             phrase: str) -> None:
    check(twin_record, name, title, None, country, phrase)


# --- country + department title ("U.S. Treasury Secretary Janet Yellen") -------------------

def test_seed_yellen(seed_record: ArticleRecord) -> None:
    check(seed_record, "Janet Yellen", "Treasury Secretary", "Treasury", "United States",
          "U.S. Treasury Secretary")


def test_twin_department_title(twin_record: ArticleRecord) -> None:
    check(twin_record, "Odile Marchetti", "Finance Minister", None, "Canada",
          "Canadian Finance Minister")


# --- more constructions, all on sentences written here ------------------------------------

@pytest.mark.parametrize(("text", "name", "title", "org", "country"), [
    ("Dorvan Pelletreau, President of the Maritime Planning Commission, said the port would close.",
     "Dorvan Pelletreau", "President", "Maritime Planning Commission", None),
    ("The plan was backed by Halvard Industries chief executive Sunniva Brekke on Friday.",
     "Sunniva Brekke", "chief executive", "Halvard Industries", None),
    ("Leota Vainikolo, minister of fisheries for Tonga, said the quota would rise.",
     "Leota Vainikolo", "minister of fisheries", None, "Tonga"),
    ("Speaking in Perth on Monday, Australian Deputy Prime Minister Callum Westerby promised "
     "that the new roads would be finished within two years.",
     "Callum Westerby", "Deputy Prime Minister", None, "Australia"),
    ("Tasmania Premier Corwin Ashdale said the ferry would keep running.",
     "Corwin Ashdale", "Premier", "Tasmania", None),
    ("The deal was signed by Prime Minister of Portugal, Duarte Malheiro, on Sunday.",
     "Duarte Malheiro", "Prime Minister", None, "Portugal"),
    ("Former Minister of Justice Aruna Pelwatte said the bill would pass in the coming weeks.",
     "Aruna Pelwatte", "Former Minister of Justice", None, None),
    ("Leading Mexican presidential candidate Ramon Ibarra Solis spoke to supporters on Sunday.",
     "Ramon Ibarra Solis", "presidential candidate", None, "Mexico"),
    ("Ilse Marten, a senior fellow at the Baltic Institute for Maritime Studies, disagreed.",
     "Ilse Marten", "senior fellow", "Baltic Institute for Maritime Studies", None),
])
def test_role_constructions(run_extract: Any, text: str, name: str, title: str, org: str | None,
                            country: str | None) -> None:
    record = run_extract(text)
    role = role_of(record, name)
    assert role.title == title
    assert role.org == org
    assert role.country == country


@pytest.mark.parametrize(("text", "name", "title", "org"), [
    ("The company named Mary Wendt as its new chief executive on Monday. Wendt, 48, joined in 2001.",
     "Mary Wendt", "chief executive", None),
    ("Osric Vane was appointed finance minister in May. Vane had led the budget office before.",
     "Osric Vane", "finance minister", None),
    ("Lena Farr, who is the mayor of Tromso, said the road would open in the spring.",
     "Lena Farr", "mayor", "Tromso"),
    ("The board elected Tobias Renn chairman after a long meeting on Tuesday evening.",
     "Tobias Renn", "chairman", None),
])
def test_predicative_roles(run_extract: Any, text: str, name: str, title: str, org: str | None) -> None:
    role = role_of(run_extract(text), name)
    assert (role.title, role.org) == (title, org)


def test_no_role_from_a_predicate_without_a_title(run_extract: Any) -> None:
    record = run_extract("Pia Holm is the best player in the team, and she scored twice on Sunday.")
    assert all(not e.roles for e in record.entities)


def test_no_role_without_a_title(run_extract: Any) -> None:
    record = run_extract("Marisol Quintero, 43, walked to the market in Valparaiso on Sunday.")
    assert all(not e.roles for e in record.entities)


# --- the title starts after the organisation's name; the country of a bare title ------------

@pytest.mark.parametrize(("text", "name", "title", "org", "country"), [
    ("The plan was praised by Tervane Energy chief executive Odile Marsh on Monday.",
     "Odile Marsh", "chief executive", "Tervane Energy", None),
    ("Brakstad Shipping chief financial officer Lene Moe said the fleet would grow.",
     "Lene Moe", "chief financial officer", "Brakstad Shipping", None),
    # all capitalised: the org word stays in the title ("Energy Secretary")
    ("The deal was backed by U.S. Energy Secretary Dana Whitcombe on Monday.",
     "Dana Whitcombe", "Energy Secretary", None, "United States"),
    ("The Latvian foreign minister Aija Kalnina said the talks would resume in March.",
     "Aija Kalnina", "foreign minister", None, "Latvia"),
    ("Peru's prime minister Tomas Quispe said the talks would resume in March.",
     "Tomas Quispe", "prime minister", None, "Peru"),
])
def test_title_after_org_name(run_extract: Any, text: str, name: str, title: str, org: str | None,
                              country: str | None) -> None:
    role = role_of(run_extract(text), name)
    assert (role.title, role.org, role.country) == (title, org, country)


DATELINED = ("Estonia raises fuel tax\n\nTALLINN, Nov. 3 \u2014 The government said on Monday it would "
             "raise the fuel tax next year.\n\n{role} Arvo Kask said the change would raise 90 million "
             "euros.\n")


@pytest.mark.parametrize(("role", "country"), [
    ("Finance Minister", "Estonia"),  # a bare cabinet title: the dateline's country
    ("Nordvik Oil chief executive", None),  # not a government post
])
def test_bare_cabinet_title_takes_dateline_country(run_extract: Any, role: str, country: str | None) -> None:
    read = role_of(run_extract(DATELINED.format(role=role)), "Arvo Kask")
    assert read.country == country


def test_bare_cabinet_title_without_dateline(run_extract: Any) -> None:
    text = DATELINED.format(role="Finance Minister").replace("TALLINN, Nov. 3 \u2014 ", "")
    assert role_of(run_extract(text), "Arvo Kask").country is None


def test_group_suffix_joins_the_short_name(run_extract: Any) -> None:
    record = run_extract("Corvell Insurance Group said on Monday that profits rose. Corvell Insurance "
                         "employs 400 people in Leeds.")
    orgs = [e for e in record.entities if e.type == "ORG"]
    assert [(e.name, len(e.mentions)) for e in orgs] == [("Corvell Insurance Group", 2)]


@pytest.mark.parametrize(("text", "name", "title"), [
    ("The ferry agent Tomas Ekdahl said the crossing was cancelled.", "Tomas Ekdahl", "ferry agent"),
    ("A former dock master, Ivo Brunsveld, told the court he had seen the crates.",
     "Ivo Brunsveld", "former dock master"),
    # a company noun before the title names the organisation, not the trade
    ("The company spokesman Ivo Brunsveld said the crates were empty.", "Ivo Brunsveld", "spokesman"),
])
def test_trade_noun_joins_the_title(run_extract: Any, text: str, name: str, title: str) -> None:
    assert role_of(run_extract(text), name).title == title
