"""Read → extract → store: one article, one transaction.

An article is identified by the SHA-256 of its publication date and normalized text:
importing the same content again adds nothing (``skipped``). A different text from the
same source path is a new version: in the same transaction the old version and its
events are deleted and the new one stored (``replaced``). Concurrent importers are safe:
the article insert is ``ON CONFLICT DO NOTHING`` on the hash, so a race leaves exactly
one copy, and its events are written in the same transaction as the article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from timeline.db import session_scope
from timeline.extract.morph import lemma_key
from timeline.extract.types import ExtractedEvent
from timeline.models import Actor, Article, Event, EventActor, Evidence, span_class
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


def _insert_ignore(session: Session, model: type, values: dict[str, object], *keys: str) -> int | None:
    """INSERT … ON CONFLICT DO NOTHING RETURNING id: the new row's id, or None if it existed."""
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    stmt = module.insert(model).values(**values).on_conflict_do_nothing(index_elements=list(keys))
    return session.scalar(stmt.returning(model.id))  # type: ignore[attr-defined]


def _actor_id(session: Session, name: str, type_: str, cache: dict[tuple[str, str], int]) -> int:
    if (name, type_) not in cache:
        new_id = _insert_ignore(
            session, Actor, {"name": name, "type": type_, "key": lemma_key(name)}, "name", "type"
        )
        cache[(name, type_)] = new_id or session.scalars(
            select(Actor.id).where(Actor.name == name, Actor.type == type_)
        ).one()
    return cache[(name, type_)]


def store_article(
    session: Session, source: ArticleSource, events: list[ExtractedEvent]
) -> tuple[Outcome, int | None]:
    """Store one article and its events in the session's transaction."""
    sha = source.sha256
    if session.scalar(select(Article.id).where(Article.sha256 == sha)) is not None:
        return "skipped", None
    old = session.scalars(select(Article.id).where(Article.source == source.source)).all()
    if old:
        # Events first: on engines without cascading deletes nothing dangles either way.
        session.execute(delete(Event).where(Event.article_id.in_(old)))
        session.execute(delete(Article).where(Article.id.in_(old)))
    article_id = _insert_ignore(
        session,
        Article,
        {
            "sha256": sha,
            "source": source.source,
            "published": source.published,
            "title": source.title,
            "text": source.text,
            "language": "ru",
            "imported_at": datetime.now(UTC),
        },
        "sha256",
    )
    if article_id is None:
        return "skipped", None  # another importer stored it between our check and our insert
    actor_ids: dict[tuple[str, str], int] = {}
    for extracted in events:
        event = Event(
            article_id=article_id,
            kind=extracted.kind,
            title=extracted.title,
            status=extracted.status,
            start=extracted.start,
            end=extracted.end,
            precision=extracted.precision,
            modifier=extracted.modifier,
            span_class=span_class(extracted.start, extracted.end),
            date_text=extracted.date_text,
            count=extracted.count,
            duration=extracted.duration,
            place=extracted.place,
            confidence=extracted.confidence,
        )
        seen: set[tuple[int, str]] = set()
        for mention in extracted.actors:
            key = (_actor_id(session, mention.name, mention.type, actor_ids), mention.role)
            if key not in seen:
                seen.add(key)
                event.actors.append(EventActor(actor_id=key[0], role=key[1]))
        for span in extracted.evidence:
            event.evidence.append(
                Evidence(article_id=article_id, text=span.text, start=span.start, end=span.end)
            )
        session.add(event)
    session.flush()
    return ("replaced" if old else "imported"), article_id


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


def import_sources(
    engine: Engine,
    items: Iterable[ArticleSource | SourceError],
    extractor: Extractor | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> ImportSummary:
    """Import each article in its own transaction; a failure loses only that article."""
    extract = extractor or default_extractor()
    summary = ImportSummary()
    for item in items:
        if isinstance(item, SourceError):
            result = FileResult(item.where, "failed", error=item.reason)
        else:
            result = _import_one(engine, item, extract)
        summary.results.append(result)
        if on_result is not None:
            on_result(result)
    return summary


def _import_one(engine: Engine, source: ArticleSource, extract: Extractor) -> FileResult:
    with session_scope(engine) as session:
        if session.scalar(select(Article.id).where(Article.sha256 == source.sha256)) is not None:
            return FileResult(source.source, "skipped")
    try:
        events = extract(source.text, source.published)
    except Exception as exc:  # a bug on one article must not stop the batch
        return FileResult(source.source, "failed", error=f"extraction failed: {exc!r}")
    with session_scope(engine, write=True) as session:
        outcome, article_id = store_article(session, source, events)
    return FileResult(source.source, outcome, len(events) if article_id else 0, article_id)
