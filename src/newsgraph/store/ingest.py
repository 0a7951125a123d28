"""Ingest (inputs -> records -> store) and reprocess (stored inputs -> new records), as
library calls the CLI, batch jobs and workers share.

Every bad input is recorded in the ``failures`` table with its reason and the batch goes on;
the report counts what happened.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph import __version__
from newsgraph.pipeline import (
    Article,
    InputError,
    Settings,
    extract_many,
    normalize_input,
    short_hash,
)
from newsgraph.record import ArticleRecord
from newsgraph.store.base import Store, StoreError
from newsgraph.store.rows import stage_signature

Progress = Callable[[str, str], None]  # (what happened, input) -> None
Extractor = Callable[[Iterable[Article], Settings, int], Iterable[ArticleRecord | InputError]]


@dataclass
class IngestReport:
    stored: int = 0
    linked: int = 0
    known: int = 0
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"stored": self.stored, "linked": self.linked, "known": self.known, "failed": self.failed}


@dataclass
class ReprocessReport:
    stale: int = 0
    rewritten: list[str] = field(default_factory=list)
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"stale": self.stale, "rewritten": len(self.rewritten), "failed": self.failed}


def current_extractor() -> str:
    return f"newsgraph {__version__}"


def current_signature() -> str:
    """The stage names and versions a record made now would carry."""
    from newsgraph.pipeline import stage_infos

    return stage_signature([(s.name, s.version) for s in stage_infos()])


def input_id(article: Article) -> str:
    """The id the record of this input will have (a hash of the normalized input)."""
    return short_hash(normalize_input(article.content))


def _error_input(exc: InputError) -> str:
    """The input an InputError names (its ``input`` URI, else the start of its message)."""
    given = getattr(exc, "input", None)
    if isinstance(given, str) and given:
        return given
    message = str(exc)
    head, sep, _ = message.partition(": ")
    if not sep:
        return message
    if "://" in head:
        return head
    try:  # the same name the article's uri would have had, so a later success clears it
        return Path(head).expanduser().resolve().as_uri()
    except (OSError, ValueError):
        return head


def _own_files(store: Store) -> set[str]:
    """The file URIs of a SQLite store (database, WAL, shared memory, journal)."""
    if not store.url.startswith("sqlite:///"):
        return set()
    path = Path(store.url.removeprefix("sqlite:///"))
    return {Path(f"{path}{suffix}").as_uri() for suffix in ("", "-wal", "-shm", "-journal")}


def ingest(
    store: Store,
    items: Iterable[Article | InputError],
    settings: Settings,
    progress: Progress | None = None,
    batch_size: int = 16,
    extract: Extractor | None = None,
) -> IngestReport:
    """Extract and store every article; an input already stored (same id) is not extracted
    again, only its location is recorded. ``extract`` (default :func:`extract_many`) may be a
    parallel extractor (``newsgraph.batch``) that tags each InputError with its ``input``."""
    report = IngestReport()
    own = _own_files(store)
    pending: dict[str, Article] = {}
    twins: dict[str, list[str | None]] = {}  # the same input again while its first is in flight
    order: deque[Article] = deque()  # articles sent to extraction (results come in input order)

    def fail(input: str, reason: str, stage: str) -> None:
        report.failed += 1
        report.failures.append((input, reason))
        try:
            store.add_failure(input, reason, stage)
        except Exception as exc:  # the failures table itself is unreachable: report, go on
            reason = f"{reason} (and the failure could not be recorded: {exc})"
        if progress:
            progress("failed", f"{input}: {reason}")

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                if _error_input(item) not in own:  # the store's own files are not inputs
                    fail(_error_input(item), str(item), "read")
                continue
            key = input_id(item)
            if key in pending:
                twins.setdefault(key, []).append(item.uri)
                continue
            if store.has_input(key):
                store.add_source(key, item.uri)
                report.known += 1
                if progress:
                    progress("known", item.uri or key)
                continue
            pending[key] = item
            order.append(item)
            yield item

    for result in (extract or extract_many)(articles(), settings, batch_size):
        sent = order.popleft() if order else None
        if isinstance(result, InputError):
            name = getattr(result, "input", None) or (sent.uri if sent else None) or "(input)"
            fail(name, str(result), "extract")
            continue
        article = pending.pop(result.id, None)
        try:
            outcome = store.put(result, article, settings)
        except Exception as exc:  # a refused write loses this article, never the batch
            reason = str(exc) if isinstance(exc, StoreError) else f"cannot store {result.id}: {type(exc).__name__}: {exc}"
            fail((article.uri if article else result.source.uri) or result.id, reason, "store")
            continue
        if outcome == "stored":
            report.stored += 1
        elif outcome == "linked":
            report.linked += 1
        else:
            report.known += 1
        if progress:
            progress(outcome, (article.uri if article else None) or result.id)
        for uri in twins.pop(result.id, []):
            store.add_source(result.id, uri)
            report.known += 1
            if progress:
                progress("known", uri or result.id)
    return report


def reprocess(
    store: Store,
    *,
    everything: bool = False,
    progress: Progress | None = None,
    batch_size: int = 16,
) -> ReprocessReport:
    """Rerun every stage (cleaning included) on the stored inputs of the records an older
    extractor or stage version made (all records with ``everything``), and rewrite them."""
    report = ReprocessReport()
    ids = store.all_ids() if everything else store.stale(current_extractor(), current_signature())
    report.stale = len(ids)
    for start in range(0, len(ids), 64):
        chunk = ids[start:start + 64]
        groups: dict[tuple[object, object], list[Article]] = {}
        settings_of: dict[tuple[object, object], Settings] = {}
        owners: dict[str, str] = {}
        found = set()
        for stored in store.inputs(chunk):
            key = (stored.settings.reference_date, stored.settings.published)
            groups.setdefault(key, []).append(stored.article)
            settings_of[key] = stored.settings
            owners[input_id(stored.article)] = stored.article_id
            found.add(stored.article_id)
        for missing in sorted(set(chunk) - found):
            _reprocess_fail(store, report, missing, "its input is not in the store", progress)
        for group, articles in groups.items():
            uris = {input_id(a): a.uri or input_id(a) for a in articles}
            last: list[Article | None] = [None]

            def feed(articles: list[Article] = articles, last: list[Article | None] = last) -> Iterator[Article]:
                for a in articles:
                    last[0] = a
                    yield a

            for result in extract_many(feed(), settings_of[group], batch_size=batch_size):
                if isinstance(result, InputError):
                    name = (last[0].uri if last[0] else None) or "(input)"
                    _reprocess_fail(store, report, name, str(result), progress)
                    continue
                _rewrite(store, report, result, owners, uris, progress)
    return report


def _rewrite(store: Store, report: ReprocessReport, record: ArticleRecord, owners: dict[str, str],
             uris: dict[str, str], progress: Progress | None) -> None:
    if owners.get(record.id) != record.id:
        _reprocess_fail(store, report, uris.get(record.id, record.id), "the stored input no longer gives the article's id", progress)
        return
    try:
        store.replace(record)
    except Exception as exc:  # the old record stays; the batch goes on
        reason = str(exc) if isinstance(exc, StoreError) else f"cannot rewrite {record.id}: {type(exc).__name__}: {exc}"
        _reprocess_fail(store, report, uris.get(record.id, record.id), reason, progress)
        return
    report.rewritten.append(record.id)
    if progress:
        progress("rewritten", uris.get(record.id, record.id))


def _reprocess_fail(store: Store, report: ReprocessReport, input: str, reason: str, progress: Progress | None) -> None:
    report.failed += 1
    report.failures.append((input, reason))
    store.add_failure(input, reason, "reprocess")
    if progress:
        progress("failed", f"{input}: {reason}")
