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
    )


def _role_titles() -> frozenset[str]:
    """The entities stage's role titles (``data/roles_titles.json``), when shipped."""
    path = resources.files("newsgraph").joinpath("data", "roles_titles.json")
    if not path.is_file():
        return frozenset()
    titles = json.loads(path.read_text("utf-8")).get("titles", [])
    return frozenset(t for t in titles if isinstance(t, str) and " " not in t)
