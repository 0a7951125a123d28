"""The article record: the contract every output follows (``schema`` newsgraph/article@1).

The field names here are the contract of ``../shared/spec/article-record.md``. Add fields
freely; never rename or drop one without bumping :data:`SCHEMA`. The JSON Schema shipped in
``newsgraph/schema/article.schema.json`` is generated from these models
(``make schema``) and a test fails when the two drift.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA = "newsgraph/article@1"

EntityType = Literal[
    "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "OTHER"
]
Sense = Literal["literal", "metonym"]
QuoteKind = Literal["direct", "indirect", "partial"]
Qualifier = Literal["exact", "about", "at_least", "at_most", "over", "under", "range"]
Aspect = Literal["total", "increment", "rate", "share"]
Modality = Literal["asserted", "reported", "estimated", "predicted", "hypothetical", "denied"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "DEMAND",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
EventStatus = Literal["occurred", "ongoing", "planned", "hypothetical", "denied"]
Verdict = Literal["supported", "unsupported", "contradicted"]
PublishedBasis = Literal["given", "metadata", "dateline", "inferred", "unknown"]
SectionKind = Literal["title", "subtitle", "dateline", "paragraph"]
RoleBasis = Literal["text", "kb"]


class Model(BaseModel):
    """Base for every record part: unknown fields are refused, order is the declared one."""

    model_config = ConfigDict(extra="forbid")


class Span(Model):
    start: int
    end: int


class Source(Model):
    uri: str | None = None
    outlet: str | None = None
    agency: str | None = None
    authors: list[str] = Field(default_factory=list)


class Dateline(Model):
    text: str
    place: str | None = None
    date: str | None = None
    start: int
    end: int


class Published(Model):
    date: str | None = None
    datetime: str | None = None
    basis: PublishedBasis = "unknown"
    note: str | None = None


class Section(Model):
    kind: SectionKind
    start: int
    end: int


class Removed(Model):
    text: str
    reason: str


class KB(Model):
    wikidata: str | None = None
    geonames: int | None = None
    iso: str | None = None


class Role(Model):
    title: str
    org: str | None = None
    country: str | None = None
    basis: RoleBasis
    start: int | None = None
    end: int | None = None


class Geo(Model):
    lat: float
    lon: float
    country: str | None = None
    geonames: int | None = None


class Mention(Model):
    start: int
    end: int
    text: str
    sense: Sense = "literal"


class Entity(Model):
    id: str
    name: str
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    kb: KB | None = None
    roles: list[Role] = Field(default_factory=list)
    geo: Geo | None = None
    mentions: list[Mention] = Field(default_factory=list)


class Quote(Model):
    id: str
    text: str
    kind: QuoteKind
    speaker: str | None = None
    speaker_text: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None
    cue_span: Span | None = None
    start: int
    end: int


class Figure(Model):
    id: str
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = "exact"
    unit: str | None = None
    measure: str | None = None
    aspect: Aspect = "total"
    of: str | None = None
    at: str | None = None
    source: str | None = None
    source_text: str | None = None
    source_span: Span | None = None
    modality: Modality = "asserted"
    time: str | None = None
    in_quote: bool = False
    start: int
    end: int


class TimexRange(Model):
    start: str
    end: str


class Timex(Model):
    id: str
    text: str
    type: TimexType
    value: str | None = None
    range: TimexRange | None = None
    start: int
    end: int


class Participant(Model):
    entity: str | None = None
    text: str
    start: int
    end: int


class Event(Model):
    id: str
    type: EventType
    mode: str | None = None
    actors: list[Participant] = Field(default_factory=list)
    targets: list[Participant] = Field(default_factory=list)
    when: str | None = None
    when_basis: Literal["text"] | None = None
    where: str | None = None
    status: EventStatus = "occurred"
    reported_by: str | None = None
    trigger: str
    trigger_span: Span
    start: int
    end: int


class Check(Model):
    id: str
    kind: Literal["headline_support"] = "headline_support"
    claim: str
    claim_span: Span
    verdict: Verdict
    evidence: list[Span] = Field(default_factory=list)
    note: str


class Warning_(Model):
    stage: str
    code: str
    message: str
    start: int | None = None
    end: int | None = None


class StageInfo(Model):
    name: str
    version: str


class ModelInfo(Model):
    name: str
    version: str
    sha256: str | None = None


class Run(Model):
    started_at: str
    host: str


class Provenance(Model):
    extractor: str
    stages: list[StageInfo] = Field(default_factory=list)
    model: ModelInfo | None = None
    kb_version: str | None = None
    reference_date: str
    run: Run


class ArticleRecord(Model):
    schema_: str = Field(default=SCHEMA, alias="schema")
    id: str
    content_key: str
    source: Source = Field(default_factory=Source)
    title: str | None = None
    subtitles: list[str] = Field(default_factory=list)
    dateline: Dateline | None = None
    published: Published = Field(default_factory=Published)
    language: str | None = None
    text: str = ""
    sections: list[Section] = Field(default_factory=list)
    removed: list[Removed] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    timexes: list[Timex] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    warnings: list[Warning_] = Field(default_factory=list)
    provenance: Provenance

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON data, with the contract's field names."""
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, indent: int | None = None) -> str:
        """Deterministic JSON: same record, same bytes (keys in declared order)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleRecord:
        return cls.model_validate(data)


def item_id(facet: str, start: int, end: int) -> str:
    """Item ids are ``<facet>:<start>-<end>`` so they survive reprocessing."""
    return f"{facet}:{start}-{end}"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the record, generated from the models above."""
    schema = ArticleRecord.model_json_schema(by_alias=True)
    schema["$id"] = "https://newsgraph.invalid/schema/article@1.json"
    schema["title"] = "newsgraph article record (" + SCHEMA + ")"
    return schema
