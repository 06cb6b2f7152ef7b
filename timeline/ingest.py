"""Read → extract → store: the import's orchestration.

Articles stream from the sources one at a time (memory stays flat in the size of the input),
are extracted here or in worker processes, and are written by :mod:`timeline.storage`: one
article a transaction with one job, else batches, each article inside its own savepoint, so a
failing article loses only itself. A transaction that fails for a transient reason (a deadlock,
a serialization failure, a locked SQLite file) is rolled back and tried again, never dropped.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import random
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from timeline.db import write_transaction
from timeline.extract.types import ExtractedEvent
from timeline.sources import ArticleSource, Seen, SourceError, iter_articles
from timeline.storage import (
    Outcome,
    actor_ids,
    actor_pairs,
    holds_source,
    is_stored,
    lock_linking,
    store_article,
)

Extractor = Callable[[str, date], list[ExtractedEvent]]

MAX_ATTEMPTS = 8  # of one transaction that keeps failing for transient reasons
_PG_TRANSIENT = {"40P01", "40001"}  # deadlock_detected, serialization_failure


@dataclass
class FileResult:
    source: str
    outcome: Outcome
    events: int = 0
    article_id: int | None = None
    error: str | None = None


@dataclass
class ImportSummary:
    """Counts of every outcome, every failure, and — when ``keep_all`` — every result: an import of
    millions of articles keeps memory flat unless the caller asks for the list (``--json``)."""

    keep_all: bool = True
    results: list[FileResult] = field(default_factory=list)  # every result, or the failures alone
    counts: dict[str, int] = field(default_factory=dict)
    events: int = 0

    def add(self, result: FileResult) -> None:
        self.counts[result.outcome] = self.counts.get(result.outcome, 0) + 1
        self.events += result.events
        if self.keep_all or result.outcome == "failed":
            self.results.append(result)

    def count(self, outcome: Outcome) -> int:
        return self.counts.get(outcome, 0)

    @property
    def failed(self) -> bool:
        return self.count("failed") > 0

    def to_dict(self) -> dict[str, object]:
        summary: dict[str, object] = {
            "imported": self.count("imported"),
            "replaced": self.count("replaced"),
            "skipped": self.count("skipped"),
            "failed": self.count("failed"),
            "events": self.events,
        }
        if self.keep_all:
            summary["articles"] = [
                {"source": r.source, "outcome": r.outcome, "events": r.events, "article_id": r.article_id}
                for r in self.results
                if r.outcome != "failed"
            ]
        summary["errors"] = [{"source": r.source, "error": r.error} for r in self.results if r.outcome == "failed"]
        return summary


def default_extractor() -> Extractor:
    from timeline.extract.events import extract_events  # loads the NER models: only when importing

    return extract_events


def iter_sources(
    paths: Iterable[str | Path], published: date | None, **options: Any
) -> Iterator[ArticleSource | SourceError | Seen]:
    """Every article of every file, folder, URL or ``-``, or the error that stopped one of them, one
    line or one item; lazily. ``options``: :class:`timeline.sources.Reader`'s."""
    return iter_articles(paths, published, **options)


def source_lookup(engine: Engine) -> tuple[Callable[[str], bool], Callable[[], None]]:
    """Whether the database holds a source key, on a connection of its own; and how to close it."""
    connection = engine.connect()

    def holds(key: str) -> bool:
        try:
            return holds_source(connection, key)
        finally:
            connection.rollback()  # pin no snapshot while articles are written

    return holds, connection.close


# ---------------------------------------------------------------- extraction

Extracted = tuple[ArticleSource, list[ExtractedEvent] | None, str | None]

_worker_extract: Extractor | None = None
_preloaded: Extractor | None = None  # the default extractor, loaded in the parent before forking
FORK = sys.platform.startswith("linux")  # fork after loading: see _Pool._start


def _die_with_parent(parent: int) -> None:
    """A worker ends when the importer does, however it ends (SIGKILL included)."""
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
        if os.getppid() != parent:  # it died before the request took hold
            os._exit(1)
        return

    def watch() -> None:  # elsewhere: look for the parent every second
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _init_worker(extractor: Extractor | None, parent: int) -> None:
    global _worker_extract
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the importer's to handle
    # Forked after the parent loaded the models, a worker has them already (shared copy-on-write).
    _worker_extract = extractor or _preloaded or default_extractor()


def _preload() -> Extractor:
    """The default extractor with its models loaded, in the parent, before the workers are forked: they
    share its pages (the NER model, the dictionaries) instead of each loading and holding its own."""
    from timeline.lang import pack

    extract = default_extractor()
    extract(pack().warm_up, date(2026, 1, 12))  # loads what is lazy
    return extract


def _extract_safely(extract: Extractor, source: ArticleSource) -> Extracted:
    try:
        return source, extract(source.text, source.published), None
    except Exception as exc:  # a bug on one article must not stop the batch
        return source, None, f"extraction failed: {exc!r}"


def _extract_in_worker(source: ArticleSource) -> Extracted:
    assert _worker_extract is not None
    return _extract_safely(_worker_extract, source)


_WORKER_DIED = "extraction failed: its worker process died (killed, or out of memory)"


class _Pool:
    """Worker processes that extract in order, with a bounded number of articles in flight (so
    memory stays flat), and that survive the death of a worker: the articles it took down with it
    are tried again one at a time, and only the one that kills a worker again fails."""

    def __init__(self, jobs: int, extractor: Extractor | None) -> None:
        self.jobs, self.extractor = jobs, extractor
        self.window = 4 * jobs
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        global _preloaded
        if FORK:
            # Load once here and fork: the workers inherit the loaded models. Where there is no fork
            # (Windows, and macOS where forking a process that loaded system frameworks is unsafe),
            # each worker is a fresh interpreter that loads its own.
            if self.extractor is None and _preloaded is None:
                _preloaded = _preload()
            context = multiprocessing.get_context("fork")
            return ProcessPoolExecutor(self.jobs, mp_context=context, initializer=_init_worker,
                                       initargs=(self.extractor, os.getpid()))
        return ProcessPoolExecutor(self.jobs, initializer=_init_worker, initargs=(self.extractor, os.getpid()))

    def _restart(self) -> None:
        self.close()
        self.executor = self._start()

    def close(self) -> None:
        processes = list((getattr(self.executor, "_processes", None) or {}).values())
        self.executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()  # an article in progress is not waited for

    def _alone(self, source: ArticleSource) -> Extracted:
        try:
            return self.executor.submit(_extract_in_worker, source).result()
        except BrokenProcessPool:
            self._restart()
            return source, None, _WORKER_DIED

    def map(self, sources: Iterable[ArticleSource]) -> Iterator[Extracted]:
        pending: deque[tuple[ArticleSource, Future[Extracted] | None]] = deque()  # None: never submitted
        todo = iter(sources)
        exhausted = False
        while True:
            broken = False
            while not exhausted and not broken and len(pending) < self.window:
                source = next(todo, None)
                if source is None:
                    exhausted = True
                    break
                try:
                    pending.append((source, self.executor.submit(_extract_in_worker, source)))
                except BrokenProcessPool:  # a worker died since the last result: the pool takes no more
                    pending.append((source, None))
                    broken = True
            if not pending:
                return
            if not broken:
                source, future = pending[0]
                try:
                    result = future.result()  # type: ignore[union-attr]
                except BrokenProcessPool:
                    pass
                else:
                    pending.popleft()
                    yield result
                    continue
            # The pool is broken: keep what finished, try the rest again one at a time.
            lost = []
            for source, future in pending:
                if future is not None and future.done() and not future.cancelled() and future.exception() is None:
                    yield future.result()
                else:
                    lost.append(source)
            pending.clear()
            self._restart()
            for item in lost:
                yield self._alone(item)


# ---------------------------------------------------------------- storing


def _transient(exc: DBAPIError) -> bool:
    """Whether trying the same transaction again can succeed."""
    if getattr(exc.orig, "sqlstate", None) in _PG_TRANSIENT:
        return True
    if isinstance(exc, OperationalError) and "locked" in str(exc.orig):
        return True
    # Another importer stored a version of the same source meanwhile: ours replaces it on a retry.
    return isinstance(exc, IntegrityError) and "source_key" in str(exc.orig)


def _retrying(work: Callable[[], list[FileResult]]) -> list[FileResult]:
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            return work()
        except DBAPIError as exc:
            if attempt == MAX_ATTEMPTS or not _transient(exc):
                raise
            time.sleep(min(2.0, 0.02 * 2**attempt) * (0.5 + random.random()))  # jitter: no lockstep
    raise AssertionError("unreachable")


def _result(source: ArticleSource, outcome: Outcome, article_id: int | None, events: int) -> FileResult:
    return FileResult(source.source, outcome, events if article_id else 0, article_id)


def _store_failure(source: ArticleSource, exc: DBAPIError) -> FileResult:
    reason = str(exc.orig).strip().splitlines()[0]
    return FileResult(source.source, "failed", error=f"cannot store: {reason}")


@contextmanager
def _import_transaction(engine: Engine) -> Iterator[Connection]:
    """A writing transaction for imported articles. On PostgreSQL its commit does not wait for the
    disk flush (``synchronous_commit = off``, for this transaction only), as SQLite's
    ``synchronous=NORMAL`` does not: a crash of the server may lose the last fraction of a second of
    imports (WAL writer delay, 200 ms by default), reported imported but read again by the next
    import; it never loses consistency — a transaction is there whole or not at all."""
    with write_transaction(engine) as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")
        yield connection


def _write_one(engine: Engine, item: Extracted, force: bool) -> list[FileResult]:
    # Alone in its transaction an article needs no savepoint: a failure rolls the whole back.
    source, events, _ = item
    assert events is not None
    with _import_transaction(engine) as connection:
        outcome, article_id = store_article(connection, source, events, force)
    return [_result(source, outcome, article_id, len(events))]


def _write_batch(engine: Engine, batch: list[Extracted], force: bool) -> list[FileResult]:
    results: list[FileResult] = []
    with _import_transaction(engine) as connection:
        # One global order for everything shared: all the batch's actors (sorted) before any
        # article, then the articles sorted by hash.
        known = actor_ids(connection, actor_pairs(e for _, events, _ in batch for e in events or []))
        lock_linking(connection)
        for source, events, _ in sorted(batch, key=lambda item: item[0].sha256):
            assert events is not None
            results.append(_store_in_savepoint(connection, source, events, force, known))
    return results  # only once the transaction has committed


def _store_in_savepoint(
    connection: Connection, source: ArticleSource, events: list[ExtractedEvent], force: bool,
    known: dict[tuple[str, str], int],
) -> FileResult:
    try:
        with connection.begin_nested():
            outcome, article_id = store_article(connection, source, events, force, known)
    except DBAPIError as exc:
        if _transient(exc):
            raise  # the whole transaction is tried again
        return _store_failure(source, exc)
    return _result(source, outcome, article_id, len(events))


def _store(engine: Engine, batch: list[Extracted], emit: Callable[[FileResult], None], force: bool) -> None:
    try:
        if len(batch) == 1:
            results = _retrying(lambda: _write_one(engine, batch[0], force))
        else:
            results = _retrying(lambda: _write_batch(engine, batch, force))
    except DBAPIError as exc:
        results = [_store_failure(source, exc) for source, _, _ in batch]
    for result in results:
        emit(result)


def _store_batches(
    engine: Engine, extracted: Iterable[Extracted], size: int, emit: Callable[[FileResult], None], force: bool
) -> None:
    batch: list[Extracted] = []
    for item in extracted:
        source, events, error = item
        if events is None:
            emit(FileResult(source.source, "failed", error=error))
            continue
        batch.append(item)
        if len(batch) >= size:
            _store(engine, batch, emit, force)
            batch = []
    if batch:
        _store(engine, batch, emit, force)


def import_sources(
    engine: Engine,
    items: Iterable[ArticleSource | SourceError | Seen],
    extractor: Extractor | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    jobs: int = 1,
    batch_size: int | None = None,
    force: bool = False,
    keep_results: bool = True,
) -> ImportSummary:
    """Extract each new article (in ``jobs`` processes) and store it; with ``force``, articles
    already stored are extracted again and their events replaced.

    Articles are written ``batch_size`` to a transaction (default: 1 with one job,
    else 32), each inside its own savepoint, so a failing article loses only itself and
    an interrupted import leaves every committed article whole. Without ``keep_results`` the
    summary keeps counts and failures only.
    """
    summary = ImportSummary(keep_all=keep_results)

    def emit(result: FileResult) -> None:
        summary.add(result)
        if on_result is not None:
            on_result(result)

    def fresh() -> Iterator[ArticleSource]:
        with engine.connect() as lookup:  # one connection for every look, not one per article
            for item in items:
                if isinstance(item, SourceError):
                    emit(FileResult(item.where, "failed", error=item.reason))
                    continue
                if isinstance(item, Seen):  # a feed item stored already: its page is not fetched again
                    emit(FileResult(item.source, "skipped"))
                    continue
                stored = not force and is_stored(lookup, item.sha256)
                # End the read transaction: an open one would pin an old snapshot while articles are written.
                lookup.rollback()
                if stored:
                    emit(FileResult(item.source, "skipped"))
                else:
                    yield item

    size = batch_size or (1 if jobs <= 1 else 32)
    if jobs <= 1:
        extract = extractor or default_extractor()
        _store_batches(engine, (_extract_safely(extract, s) for s in fresh()), size, emit, force)
        return summary
    pool = _Pool(jobs, extractor)
    try:
        _store_batches(engine, pool.map(fresh()), size, emit, force)
    finally:
        pool.close()
    return summary
