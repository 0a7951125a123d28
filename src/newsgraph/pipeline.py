"""The pipeline: one explicit, ordered list of stages, and the library calls behind the CLI.

A stage is a small object with a ``name``, a ``version``, the fields it ``requires`` and
``assigns``, and a ``run(work)`` that fills its part of ``work.record``. The order is checked
at import time: a stage that requires a field nothing earlier assigns fails at start-up, not
mid-batch. Stages before :data:`PARSE` run per article; the spaCy parse runs over a batch with
``nlp.pipe``; the stages after it run per article again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import socket
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from newsgraph import __version__
from newsgraph.record import (
    ArticleRecord,
    ModelInfo,
    Provenance,
    Run,
    StageInfo,
    Warning_,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc


class InputError(Exception):
    """An input that cannot become an article (empty, binary, not UTF-8, too large ...)."""


@dataclass
class Article:
    """One input, decoded: plain text as scraped, or an HTML page, with what came beside it."""

    content: str
    kind: str = "text"  # "text" | "html"
    uri: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    raw: bytes | None = None  # the bytes as read, kept by the store for reprocessing


@dataclass
class Settings:
    reference_date: dt.date = field(default_factory=dt.date.today)
    published: dt.date | None = None


@dataclass
class Work:
    """What the stages share while one article goes through the pipeline."""

    article: Article
    settings: Settings
    record: ArticleRecord
    doc: Doc | None = None
    notes: dict[str, Any] = field(default_factory=dict)

    def warn(
        self, stage: str, code: str, message: str, start: int | None = None,
        end: int | None = None,
    ) -> None:
        self.record.warnings.append(
            Warning_(stage=stage, code=code, message=message, start=start, end=end)
        )

    @property
    def anchor_date(self) -> dt.date:
        """The date relative expressions resolve against: published, else the reference date."""
        if self.record.published.date:
            return dt.date.fromisoformat(self.record.published.date)
        return self.settings.reference_date


class Declared(Protocol):
    """What a stage declares: its name, version, and the fields it requires and assigns."""

    @property
    def name(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def requires(self) -> tuple[str, ...]: ...
    @property
    def assigns(self) -> tuple[str, ...]: ...


class Stage(Declared, Protocol):
    def run(self, work: Work) -> None: ...


def normalize_input(content: str) -> str:
    """Unicode NFC and newline normalization: the text every id and offset is based on."""
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    if content.startswith("\ufeff"):
        content = content[1:]
    return unicodedata.normalize("NFC", content)


def short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _stages() -> tuple[list[Stage], list[Stage]]:
    """The stage list, split at the parse: (before, after)."""
    from newsgraph.stages import registry

    return registry.BEFORE_PARSE, registry.AFTER_PARSE


def check_order(stages: Iterable[Declared], given: Iterable[str] = ("article",)) -> None:
    have = set(given)
    for stage in stages:
        missing = [r for r in stage.requires if r not in have]
        if missing:
            raise RuntimeError(f"stage {stage.name!r} requires {missing}, which no earlier stage assigns")
        have.update(stage.assigns)


def stage_infos() -> list[StageInfo]:
    before, after = _stages()
    from newsgraph.nlp.model import PARSE_STAGE

    declared: list[Declared] = [*before, PARSE_STAGE, *after]
    return [StageInfo(name=s.name, version=s.version) for s in declared]


def _new_work(article: Article, settings: Settings) -> Work:
    from newsgraph.kb import KB_VERSION

    content = normalize_input(article.content)
    article.content = content
    record = ArticleRecord(
        id=short_hash(content),
        content_key="",
        provenance=Provenance(
            extractor=f"newsgraph {__version__}",
            stages=stage_infos(),
            model=None,
            kb_version=KB_VERSION,
            reference_date=settings.reference_date.isoformat(),
            run=Run(
                started_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                host=socket.gethostname(),
            ),
        ),
    )
    return Work(article=article, settings=settings, record=record)


def _run_stage(stage: Stage, work: Work) -> None:
    try:
        stage.run(work)
    except InputError:
        raise
    except Exception as exc:  # a stage that fails loses its facet, never the article
        work.warn(stage.name, "stage_error", f"{type(exc).__name__}: {exc}")


def _model_info() -> ModelInfo:
    from newsgraph.nlp.model import model_info

    return model_info()


def extract_many(
    articles: Iterable[Article], settings: Settings | None = None, batch_size: int = 16
) -> Iterator[ArticleRecord | InputError]:
    """Extract records for many articles; yields, in input order, a record or the
    InputError of a bad input.

    The parse runs over batches with ``nlp.pipe``; everything else per article.
    """
    from newsgraph.nlp.model import parse_many

    settings = settings or Settings()
    before, after = _stages()
    pending: list[Work | InputError] = []

    def flush() -> Iterator[ArticleRecord | InputError]:
        works = [item for item in pending if isinstance(item, Work)]
        parse_many(works, batch_size=batch_size)
        info = _model_info() if works else None
        for item in pending:
            if isinstance(item, InputError):
                yield item
                continue
            item.record.provenance.model = info
            for stage in after:
                _run_stage(stage, item)
            yield item.record
        pending.clear()

    parsed = 0
    for article in articles:
        try:
            work = _new_work(article, settings)
            for stage in before:
                _run_stage(stage, work)
        except InputError as exc:
            pending.append(exc)
            if len(pending) == 1:  # nothing waits before it: no need to hold it back
                yield from flush()
            continue
        pending.append(work)
        parsed += 1
        if parsed >= batch_size:
            yield from flush()
            parsed = 0
    if pending:
        yield from flush()


def extract(
    content: str | Article,
    *,
    reference_date: dt.date | str | None = None,
    published: dt.date | str | None = None,
    kind: str = "text",
    uri: str | None = None,
) -> ArticleRecord:
    """Extract the record of one article (plain text or HTML). Raises InputError on bad input."""
    article = content if isinstance(content, Article) else Article(content=content, kind=kind, uri=uri)
    settings = Settings(
        reference_date=_as_date(reference_date) or dt.date.today(),
        published=_as_date(published),
    )
    (result,) = list(extract_many([article], settings))
    if isinstance(result, InputError):
        raise result
    return result


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def eprint(*parts: object) -> None:
    """Progress, warnings and errors go to stderr; stdout carries only records."""
    print(*parts, file=sys.stderr)
