"""The reporting-verb lexicon (``newsgraph/data/reporting_verbs.json``), loaded once per process."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Lexicon:
    attribute: frozenset[str]  # lemmas that attribute a direct quote ("said", "read")
    content: frozenset[str]  # lemmas that take reported content ("revealed that")
    needs_that: frozenset[str]  # ... only with an explicit "that" ("the study found that")
    characterize: frozenset[str]  # lemmas that make a quoted phrase someone's words
    phrasal: tuple[tuple[str, ...], ...]  # multi-word cues ("according to")
    documents: frozenset[str]  # nouns whose speaker is whoever released them
    release: frozenset[str]  # "released/issued by"
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    person_nouns: frozenset[str]  # "Engineer" in "Engineer Bo Lindahl said"
    gender_pronouns: dict[str, str]  # "she" -> "f": only to keep "she said" off a man
    gender_words: dict[str, str]  # honorifics and gendered role nouns: "Ms" -> "f"
    comment_nouns: frozenset[str]  # ", a claim the company denies": the writer's comment
    company_nouns: frozenset[str] = frozenset()  # "the carmaker": the company named earlier
    institution_words: frozenset[str] = frozenset()  # "ministry", "police": no company's name


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = json.loads(
        resources.files("newsgraph").joinpath("data", "reporting_verbs.json").read_text("utf-8")
    )
    speech = set(raw["speech"])
    not_indirect = set(raw["not_indirect"])
    return Lexicon(
        attribute=frozenset(speech | set(raw["direct_only"])),
        content=frozenset((speech | set(raw["content_only"])) - not_indirect),
        needs_that=frozenset(raw.get("needs_that", [])),
        characterize=frozenset(raw["characterize"]),
        phrasal=tuple(tuple(p) for p in raw["phrasal"]),
        documents=frozenset(raw["document_nouns"]),
        release=frozenset(raw["release_verbs"]),
        person_pronouns=frozenset(raw["person_pronouns"]),
        group_pronouns=frozenset(raw["group_pronouns"]),
        person_nouns=frozenset(raw["person_nouns"]) | _role_titles(),
        gender_pronouns=dict(raw.get("gender_pronouns", {})),
        gender_words=dict(raw.get("gender_words", {})),
        comment_nouns=frozenset(raw.get("comment_nouns", [])),
        company_nouns=frozenset(_roles_data().get("company_nouns", [])) - frozenset(raw["person_nouns"]),
        institution_words=frozenset(_roles_data().get("org_heads", []))
        - frozenset(_roles_data().get("company_nouns", [])) - {"corporation", "house"},
    )


@lru_cache(maxsize=1)
def _roles_data() -> dict[str, list[str]]:
    """The entities stage's lexicon (``data/roles_titles.json``), when shipped: its role
    titles, company nouns ("carmaker") and organisation heads ("ministry")."""
    path = resources.files("newsgraph").joinpath("data", "roles_titles.json")
    if not path.is_file():
        return {}
    raw = json.loads(path.read_text("utf-8"))
    return {k: [w for w in v if isinstance(w, str)] for k, v in raw.items() if isinstance(v, list)}


def _role_titles() -> frozenset[str]:
    """The entities stage's role titles, when shipped."""
    return frozenset(t for t in _roles_data().get("titles", []) if " " not in t)
