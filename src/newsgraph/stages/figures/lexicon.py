"""The figure lexicons, loaded once per process from ``newsgraph/data`` (units.json,
figure_numbers.json, figure_cues.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("newsgraph.data").joinpath(name).read_text("utf-8")
    )
    return data


def _phrases(items: list[str]) -> dict[tuple[str, ...], str]:
    return {tuple(p.split()): p for p in items}


@dataclass(frozen=True)
class Lexicon:
    units: frozenset[str]  # the closed unit list (names a record may carry)
    currency_symbols: dict[str, str]
    currency_words: dict[str, str]
    currency_prefixes: dict[str, str]
    measures: dict[tuple[str, ...], str]  # lower-cased token sequence -> unit
    measure_max: int
    ambiguous_letters: frozenset[str]
    person_nouns: frozenset[str]
    temperature_words: frozenset[str]  # "topped 46C": the letter is a temperature unit
    person_suffixes: tuple[str, ...]  # "steelworker", "goalkeeper": a compound ending in a person noun
    small: dict[str, int]
    tens: dict[str, int]
    scales: dict[str, int]
    suffix_scales: dict[str, int]
    counts: dict[str, int]
    vague: dict[str, int]
    fractions: dict[str, int]
    qual_before: dict[tuple[str, ...], str]
    qual_before_max: int
    qual_after: dict[tuple[str, ...], str]
    estimate_quals: frozenset[tuple[str, ...]]
    increment_before: frozenset[tuple[str, ...]]
    increment_after: frozenset[str]
    increment_nouns: frozenset[str]
    change_verbs: frozenset[str]
    total_cues: frozenset[str]
    rate_after: frozenset[str]
    rate_nouns: frozenset[str]
    reporting_verbs: frozenset[str]
    weak_reporting_verbs: frozenset[str]
    speaker_nouns: frozenset[str]  # institutions that may be the subject of a weak reporting verb
    of_heads_not_measures: frozenset[str]
    benchmark_nouns: frozenset[str]
    statement_nouns: frozenset[str]
    predicted_verbs: frozenset[str]
    predicted_adjs: frozenset[str]
    modal_aux: frozenset[str]
    estimated_verbs: frozenset[str]
    reported_adverbs: frozenset[str]
    reported_passives: frozenset[str]
    denied_verbs: frozenset[str]
    hypothetical_marks: frozenset[str]
    hypothetical_words: frozenset[str]
    time_nouns: frozenset[str]
    label_nouns: frozenset[str]
    label_after_period: frozenset[str]
    street_words: frozenset[str]
    age_before: frozenset[str]
    level_words: frozenset[str]
    clause_only_reporting: frozenset[str]  # "added that ..." reports, "added two more" does not
    commitment_verbs: frozenset[str]  # "offered 300 euros": a speech verb above names the asserter
    owner_verbs: frozenset[str]  # "Tarvonia has 15,000 troops": the subject owns the count
    person_verbs: frozenset[str]  # "killed five": a bare count they act on is of people
    person_states: frozenset[str]  # "left one dead"
    person_collectives: frozenset[str]  # "the toll rose to 37", "put the crowd at 48,000"
    person_places: frozenset[str]  # "six were in a serious condition", "four remain in custody"
    triggers: frozenset[str]  # lower-cased tokens that may start a number
    qualifier_words: frozenset[str]  # every word of a qualifier or increment phrase


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    units = _load("units.json")
    nums = _load("figure_numbers.json")
    cues = _load("figure_cues.json")
    closed = set(units["units"]) | set(units["currencies"])
    measures = {tuple(k.split()): v for k, v in units["measures"].items()}
    for value in [*measures.values(), *units["currency_symbols"].values(), *units["currency_words"].values()]:
        if value not in closed:
            raise ValueError(f"unit {value!r} is not in the closed unit list")
    qual_before = {tuple(p.split()): q for p, q in cues["qualifiers_before"]}
    not_fig = cues["not_figure"]
    return Lexicon(
        units=frozenset(closed),
        currency_symbols=units["currency_symbols"],
        currency_words=units["currency_words"],
        currency_prefixes=units["currency_word_prefixes"],
        measures=measures,
        measure_max=max(len(k) for k in measures),
        ambiguous_letters=frozenset(units["ambiguous_single_letters"]),
        person_nouns=frozenset(units["person_nouns"]),
        person_suffixes=tuple(units.get("person_suffixes", [])),
        temperature_words=frozenset(units.get("temperature_words", [])),
        small=nums["units"],
        tens=nums["tens"],
        scales=nums["scales"],
        suffix_scales=nums["suffix_scales"],
        counts=nums["counts"],
        vague=nums["vague_plurals"],
        fractions=nums["fractions"],
        qual_before=qual_before,
        qual_before_max=max(len(k) for k in qual_before),
        qual_after={tuple(p.split()): q for p, q in cues["qualifiers_after"]},
        estimate_quals=frozenset(tuple(p.split()) for p in cues["estimate_qualifiers"]),
        increment_before=frozenset(tuple(p.split()) for p in cues["increment_before"]),
        increment_after=frozenset(cues["increment_after"]),
        increment_nouns=frozenset(cues["increment_nouns"]),
        change_verbs=frozenset(cues["change_verbs"]),
        total_cues=frozenset(cues["total_cues"]),
        rate_after=frozenset(cues["rate_after"]),
        rate_nouns=frozenset(cues["rate_nouns"]),
        reporting_verbs=frozenset(cues["reporting_verbs"]) | frozenset(cues["weak_reporting_verbs"]),
        weak_reporting_verbs=frozenset(cues["weak_reporting_verbs"]),
        speaker_nouns=frozenset(cues.get("speaker_nouns", [])),
        of_heads_not_measures=frozenset(not_fig["of_heads_not_measures"]),
        benchmark_nouns=frozenset(not_fig["benchmark_nouns"]),
        statement_nouns=frozenset(cues["statement_nouns"]),
        predicted_verbs=frozenset(cues["predicted_verbs"]),
        predicted_adjs=frozenset(cues["predicted_adjectives"]),
        modal_aux=frozenset(cues["modal_aux"]),
        estimated_verbs=frozenset(cues["estimated_verbs"]),
        reported_adverbs=frozenset(cues["reported_adverbs"]),
        reported_passives=frozenset(p.split()[0] for p in cues["reported_phrases"] if p.endswith(" to")),
        denied_verbs=frozenset(cues["denied_verbs"]),
        hypothetical_marks=frozenset(cues["hypothetical_marks"]),
        hypothetical_words=frozenset(cues["hypothetical_words"]),
        time_nouns=frozenset(not_fig["time_nouns"]),
        label_nouns=frozenset(not_fig["label_nouns"]),
        label_after_period=frozenset(not_fig["label_after_period"]),
        street_words=frozenset(not_fig["street_words"]),
        age_before=frozenset(not_fig["age_before"]),
        level_words=frozenset(not_fig["level_words"]),
        clause_only_reporting=frozenset(cues.get("clause_only_reporting_verbs", [])),
        commitment_verbs=frozenset(cues.get("commitment_verbs", [])),
        owner_verbs=frozenset(cues.get("owner_verbs", [])),
        person_verbs=frozenset(cues.get("person_verbs", [])),
        person_states=frozenset(cues.get("person_states", [])),
        person_collectives=frozenset(cues.get("person_collectives", [])),
        person_places=frozenset(cues.get("person_places", [])),
        triggers=frozenset({"a", "an", "half", *nums["vague_plurals"], *nums["units"], *nums["tens"]}),
        qualifier_words=frozenset(
            w for p in [*(q for q, _ in cues["qualifiers_before"]), *cues["increment_before"]] for w in p.split()
        ),
    )
