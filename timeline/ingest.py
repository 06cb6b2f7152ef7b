"""Read → extract → store: one article, one transaction.

An article is identified by the SHA-256 of its publication date and normalized text:
importing the same content again adds nothing (``skipped``). A different text from the
same source path is a new version: in the same transaction the old version and its
events are deleted and the new one stored (``replaced``). Concurrent importers are safe:
the article insert is ``ON CONFLICT DO NOTHING`` on the hash, so a race leaves exactly
one copy, and its events are written in the same transaction as the article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from timeline.db import write_transaction
from timeline.extract.morph import lemma_key
from timeline.extract.types import EvidenceSpan, ExtractedEvent
from timeline.models import Actor, Article, Event, EventActor, Evidence, span_class
from timeline.query import add_evidence_to_search, index_for_search
from timeline.sources import ArticleSource, SourceError, iter_files, read_file

Outcome = Literal["imported", "replaced", "skipped", "failed"]
Extractor = Callable[[str, date], list[ExtractedEvent]]


@dataclass
class FileResult:
    source: str
    outcome: Outcome
    events: int = 0
    article_id: int | None = None
    error: str | None = None


@dataclass
class ImportSummary:
    results: list[FileResult] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)

    @property
    def events(self) -> int:
        return sum(r.events for r in self.results)

    @property
    def failed(self) -> bool:
        return any(r.outcome == "failed" for r in self.results)

    def to_dict(self) -> dict[str, object]:
        return {
            "imported": self.count("imported"),
            "replaced": self.count("replaced"),
            "skipped": self.count("skipped"),
            "failed": self.count("failed"),
            "events": self.events,
            "articles": [
                {"source": r.source, "outcome": r.outcome, "events": r.events, "article_id": r.article_id}
                for r in self.results
                if r.outcome != "failed"
            ],
            "errors": [{"source": r.source, "error": r.error} for r in self.results if r.outcome == "failed"],
        }


def default_extractor() -> Extractor:
    from timeline.extract.events import extract_events  # loads the NER models: only when importing

    return extract_events


# Statements are built once, with bound parameters: building and caching a statement per call cost
# more than the database spends on it.
_articles, _events, _links = Article.__table__, Event.__table__, EventActor.__table__
_evidence, _actors = Evidence.__table__, Actor.__table__

_FIND_ARTICLE = select(_articles.c.id, _articles.c.sha256).where(
    or_(_articles.c.sha256 == bindparam("sha256"), _articles.c.source == bindparam("source"))
)
_FIND_ACTORS = select(_actors.c.id, _actors.c.name, _actors.c.type).where(
    # «name IN (…)» searches the (name, type) index; a row-value IN would make SQLite scan it.
    _actors.c.name.in_(bindparam("names", expanding=True))
)
# The events table keeps rowids in insertion order, and this transaction alone writes this
# article's events: their ids, ascending, are the order they were given in.
_EVENT_IDS = select(_events.c.id).where(_events.c.article_id == bindparam("article_id")).order_by(_events.c.id)
# One statement per interval, searching the span-class index (a row-value IN or a long OR would be
# compiled anew for every article, or scan the table on SQLite).
_SAME_HAPPENING = (
    select(_events.c.id, _links.c.actor_id)
    .join(_links, _links.c.event_id == _events.c.id)
    .where(
        _events.c.span_class == bindparam("span_class"), _events.c.start_date == bindparam("start"),
        _events.c.end_date == bindparam("end"), _events.c.kind == bindparam("kind"),
        _events.c.article_id != bindparam("article_id"), _links.c.role == "participant",
    )
    .order_by(_events.c.id)
)
_INSERT_EVENTS = insert(_events)
_INSERT_LINKS = insert(_links)
_INSERT_EVIDENCE = insert(_evidence)


def _dialect(connection: Connection) -> Any:
    return postgresql if connection.dialect.name == "postgresql" else sqlite


@cache
def _insert_or_ignore(dialect: Any, target: Any, *keys: str) -> Any:
    """INSERT … ON CONFLICT DO NOTHING, in the given dialect."""
    return dialect.insert(target).on_conflict_do_nothing(index_elements=list(keys) or None)


@cache
def _insert_article(dialect: Any) -> Any:
    """INSERT … ON CONFLICT (sha256) DO NOTHING RETURNING id: the new id, or None if it existed."""
    return _insert_or_ignore(dialect, _articles, "sha256").returning(_articles.c.id)


def _evidence_rows(event_id: int, article_id: int, spans: list[EvidenceSpan]) -> list[dict[str, object]]:
    return [
        {"event_id": event_id, "article_id": article_id, "text": span.text, "start_offset": span.start,
         "end_offset": span.end}
        for span in spans
    ]


def _actor_ids(connection: Connection, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Ids of the (name, type) actors, inserting the missing ones."""
    if not pairs:
        return {}
    names = {"names": sorted({name for name, _ in pairs})}

    def existing() -> dict[tuple[str, str], int]:
        rows = connection.execute(_FIND_ACTORS, names)
        return {(name, type_): id_ for id_, name, type_ in rows if (name, type_) in pairs}

    ids = existing()
    missing = sorted(pairs - ids.keys())
    if missing:
        # Rows that other importers may insert too are taken in one global order (sorted),
        # so two transactions never wait on each other crosswise (no deadlock on PostgreSQL).
        connection.execute(
            _insert_or_ignore(_dialect(connection), _actors, "name", "type"),
            [{"name": name, "type": type_, "key": lemma_key(name)} for name, type_ in missing],
        )
        ids = existing()  # ours, and any a concurrent importer inserted meanwhile
    return ids


def store_article(
    connection: Connection, source: ArticleSource, events: list[ExtractedEvent], force: bool = False
) -> tuple[Outcome, int | None]:
    """Store one article and its events in the connection's transaction. ``force`` replaces the
    events of an article already stored with the same content (after an upgrade of the extractor)."""
    sha = source.sha256
    # One look for both: this very content (skip it) and older versions from the same source.
    rows = connection.execute(_FIND_ARTICLE, {"sha256": sha, "source": source.source}).all()
    if any(row.sha256 == sha for row in rows) and not force:
        return "skipped", None
    old = [row.id for row in rows]
    if old:
        _rehome_shared_events(connection, old)
        # Events first: on engines without cascading deletes nothing dangles either way.
        connection.execute(delete(_evidence).where(_evidence.c.article_id.in_(old)))
        connection.execute(delete(_events).where(_events.c.article_id.in_(old)))
        connection.execute(delete(_articles).where(_articles.c.id.in_(old)))
    article_id = connection.scalar(
        _insert_article(_dialect(connection)),
        {
            "sha256": sha,
            "source": source.source,
            "published": source.published,
            "title": source.title,
            "text": source.text,
            "language": "ru",
            "imported_at": datetime.now(UTC),
        },
    )
    if article_id is None:
        return "skipped", None  # another importer stored it between our check and our insert
    actor_ids = _actor_ids(connection, {(m.name, m.type) for e in events for m in e.actors})
    known = _reported_elsewhere(connection, article_id, events, actor_ids)
    if known:
        _add_to_known(connection, article_id, known, events, actor_ids)
        events = [e for i, e in enumerate(events) if i not in known]
    if events:
        # Core executemany on the tables: the ORM's unit of work costs more than the database here.
        connection.execute(
            _INSERT_EVENTS,
            [
                {
                    "article_id": article_id, "kind": e.kind, "title": e.title, "status": e.status,
                    "start_date": e.start, "end_date": e.end, "precision": e.precision, "modifier": e.modifier,
                    "span_class": span_class(e.start, e.end), "date_text": e.date_text, "count": e.count,
                    "duration": e.duration, "place": e.place, "confidence": e.confidence,
                }
                for e in events
            ],
        )
        event_ids = connection.scalars(_EVENT_IDS, {"article_id": article_id}).all()
        links = []
        evidence = []
        search_rows = []
        for event_id, extracted in zip(event_ids, events, strict=True):
            search_rows.append((event_id, extracted.title, [span.text for span in extracted.evidence]))
            seen: set[tuple[int, str]] = set()
            for mention in extracted.actors:
                key = (actor_ids[(mention.name, mention.type)], mention.role)
                if key not in seen:
                    seen.add(key)
                    links.append({"event_id": event_id, "actor_id": key[0], "role": key[1]})
            evidence.extend(_evidence_rows(event_id, article_id, extracted.evidence))
        if links:
            connection.execute(_INSERT_LINKS, links)
        if evidence:
            connection.execute(_INSERT_EVIDENCE, evidence)
        index_for_search(connection, search_rows)  # same transaction: searchable exactly when stored
    return ("replaced" if old else "imported"), article_id


def _participants(event: ExtractedEvent, actor_ids: dict[tuple[str, str], int]) -> set[int]:
    return {actor_ids[(a.name, a.type)] for a in event.actors if a.role == "participant"}


def _reported_elsewhere(
    connection: Connection, article_id: int, events: list[ExtractedEvent], actor_ids: dict[tuple[str, str], int]
) -> dict[int, int]:
    """Events another article already reports: index in ``events`` -> the stored event's id.

    The same happening is one event with evidence from every article that reports it. Matching is
    strict, to never merge two happenings: the same kind, the same interval, a participant in common.
    """
    known: dict[int, int] = {}
    candidates: dict[tuple[str, date, date], list[tuple[int, int]]] = {}
    for i, e in enumerate(events):
        if e.start is None or e.end is None or not (people := _participants(e, actor_ids)):
            continue
        key = (e.kind, e.start, e.end)
        if key not in candidates:
            candidates[key] = [tuple(row) for row in connection.execute(_SAME_HAPPENING, {
                "span_class": span_class(e.start, e.end), "start": e.start, "end": e.end, "kind": e.kind,
                "article_id": article_id,
            })]
        match = next((event_id for event_id, actor_id in candidates[key] if actor_id in people), None)
        if match is not None:
            known[i] = match
    return known


def _add_to_known(
    connection: Connection, article_id: int, known: dict[int, int], events: list[ExtractedEvent],
    actor_ids: dict[tuple[str, str], int],
) -> None:
    """Cite this article on events other articles reported first, with any actors it adds."""
    links = sorted({
        (event_id, actor_ids[(a.name, a.type)], a.role) for i, event_id in known.items() for a in events[i].actors
    })
    if links:
        connection.execute(
            _insert_or_ignore(_dialect(connection), _links),
            [{"event_id": e, "actor_id": a, "role": r} for e, a, r in links],
        )
    connection.execute(
        _INSERT_EVIDENCE,
        [
            row for i, event_id in sorted(known.items())
            for row in _evidence_rows(event_id, article_id, events[i].evidence)
        ],
    )
    add_evidence_to_search(
        connection, [(event_id, [span.text for span in events[i].evidence]) for i, event_id in sorted(known.items())]
    )


def _rehome_shared_events(connection: Connection, old: Sequence[int]) -> None:
    """Before an old article version goes, its events that other articles also cite move to one of them."""
    rows = connection.execute(
        select(_evidence.c.event_id, func.min(_evidence.c.article_id))
        .join(_events, _events.c.id == _evidence.c.event_id)
        .where(_events.c.article_id.in_(old), _evidence.c.article_id.not_in(old))
        .group_by(_evidence.c.event_id)
    ).all()
    if rows:
        connection.execute(
            update(_events).where(_events.c.id == bindparam("event_id")).values(article_id=bindparam("new_home")),
            [{"event_id": event_id, "new_home": new_home} for event_id, new_home in rows],
        )


def iter_sources(
    paths: Iterable[Path], published: date | None
) -> Iterator[ArticleSource | SourceError]:
    """Every article of every file, or the error that stopped one file or line."""
    try:
        files = list(iter_files(paths))
    except SourceError as exc:
        yield exc
        return
    for path in files:
        try:
            yield from read_file(path, published)
        except SourceError as exc:
            yield exc


Extracted = tuple[ArticleSource, list[ExtractedEvent] | None, str | None]

_worker_extract: Extractor | None = None


def _init_worker(extractor: Extractor | None) -> None:
    global _worker_extract
    _worker_extract = extractor or default_extractor()


def _extract_safely(extract: Extractor, source: ArticleSource) -> Extracted:
    try:
        return source, extract(source.text, source.published), None
    except Exception as exc:  # a bug on one article must not stop the batch
        return source, None, f"extraction failed: {exc!r}"


def _extract_in_worker(source: ArticleSource) -> Extracted:
    assert _worker_extract is not None
    return _extract_safely(_worker_extract, source)


def import_sources(
    engine: Engine,
    items: Iterable[ArticleSource | SourceError],
    extractor: Extractor | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    jobs: int = 1,
    batch_size: int | None = None,
    force: bool = False,
) -> ImportSummary:
    """Extract each new article (in ``jobs`` processes) and store it; with ``force``, articles
    already stored are extracted again and their events replaced.

    Articles are written ``batch_size`` to a transaction (default: 1 with one job,
    else 32), each inside its own savepoint, so a failing article loses only itself and
    an interrupted import leaves every committed article whole.
    """
    summary = ImportSummary()

    def emit(result: FileResult) -> None:
        summary.results.append(result)
        if on_result is not None:
            on_result(result)

    def fresh() -> Iterator[ArticleSource]:
        with engine.connect() as lookup:  # one connection for every look, not one per article
            for item in items:
                if isinstance(item, SourceError):
                    emit(FileResult(item.where, "failed", error=item.reason))
                elif not force and _known(lookup, item.sha256):
                    emit(FileResult(item.source, "skipped"))
                else:
                    yield item

    size = batch_size or (1 if jobs <= 1 else 32)
    if jobs <= 1:
        extract = extractor or default_extractor()
        extracted: Iterator[Extracted] = (_extract_safely(extract, s) for s in fresh())
        _store_batches(engine, extracted, size, emit, force)
        return summary
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(extractor,)) as pool:
        _store_batches(engine, pool.map(_extract_in_worker, fresh(), chunksize=4), size, emit, force)
    return summary


_FIND_SHA = select(_articles.c.id).where(_articles.c.sha256 == bindparam("sha256"))


def _known(connection: Connection, sha: str) -> bool:
    found = connection.scalar(_FIND_SHA, {"sha256": sha}) is not None
    # End the read transaction: an open one would pin an old snapshot while articles are written.
    connection.rollback()
    return found


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
            _store_batch(engine, batch, emit, force)
            batch = []
    if batch:
        _store_batch(engine, batch, emit, force)


def _store_batch(
    engine: Engine, batch: list[Extracted], emit: Callable[[FileResult], None], force: bool
) -> None:
    if len(batch) == 1:
        # Alone in its transaction an article needs no savepoint: a failure rolls the whole back.
        source, events, _ = batch[0]
        assert events is not None
        try:
            with write_transaction(engine) as connection:
                outcome, article_id = store_article(connection, source, events, force)
        except DBAPIError as exc:
            emit(_store_failure(source, exc))
            return
        emit(FileResult(source.source, outcome, len(events) if article_id else 0, article_id))
        return
    results: list[FileResult] = []
    with write_transaction(engine) as connection:
        # Sorted by hash: concurrent importers insert shared rows in the same order.
        for source, events, _ in sorted(batch, key=lambda item: item[0].sha256):
            assert events is not None
            try:
                with connection.begin_nested():
                    outcome, article_id = store_article(connection, source, events, force)
            except DBAPIError as exc:
                results.append(_store_failure(source, exc))
                continue
            count = len(events) if article_id else 0
            results.append(FileResult(source.source, outcome, count, article_id))
    for result in results:  # only once the transaction has committed
        emit(result)


def _store_failure(source: ArticleSource, exc: DBAPIError) -> FileResult:
    reason = str(exc.orig).strip().splitlines()[0]
    return FileResult(source.source, "failed", error=f"cannot store: {reason}")
