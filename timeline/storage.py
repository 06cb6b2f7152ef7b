"""Writing one article and its events, in the caller's transaction.

An article is stored once per content (the SHA-256 of its publication date and text, a unique
key): storing the same content again is ``skipped``. A source's identity in the world — the
resolved path of a file, the URL of a web page or feed item — is kept hashed in
``articles.source_key``; a different text with the same key is a new version, and in the same
transaction the old version and its events are deleted and the new one stored (``replaced``).
An article without a key (a JSON Lines item without a URL) is identified by its content alone
and never replaced. Nothing else ever deletes a stored article.

Rows other transactions may write too (actors, then articles) are taken in one global order,
so concurrent importers wait for each other instead of deadlocking.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from functools import cache
from typing import Any, Literal

from sqlalchemy import Connection, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from timeline.extract.types import EvidenceSpan, ExtractedEvent
from timeline.lang import pack
from timeline.models import (
    MAX_NAME_CHARS,
    MAX_SHORT_CHARS,
    Actor,
    Article,
    Event,
    EventActor,
    Evidence,
    span_class,
)
from timeline.search_index import add_evidence_to_search, index_for_search, reindex
from timeline.sources import ArticleSource

Outcome = Literal["imported", "replaced", "skipped", "failed"]
ActorIds = dict[tuple[str, str], int]


def source_key(source: ArticleSource) -> str | None:
    """The stored form of a source's identity: its SHA-256 (a URL may be longer than an index holds)."""
    key = getattr(source, "key", None)
    return hashlib.sha256(key.encode()).hexdigest() if key else None


def clip(value: str | None, limit: int) -> str | None:
    """At most ``limit`` characters, cut at a space where one is near: the same on every engine
    (SQLite would store a longer value, PostgreSQL refuses it)."""
    if value is None or len(value) <= limit:
        return value
    cut = value.rfind(" ", limit // 2, limit)
    return value[: cut if cut > 0 else limit - 1].rstrip() + "…"


# Statements are built once, with bound parameters: building and caching a statement per call cost
# more than the database spends on it.
_articles, _events, _links = Article.__table__, Event.__table__, EventActor.__table__
_evidence, _actors = Evidence.__table__, Actor.__table__

_FIND_ARTICLE = select(_articles.c.id, _articles.c.sha256).where(
    or_(_articles.c.sha256 == bindparam("sha256"), _articles.c.source_key == bindparam("source_key"))
)
_FIND_SHA = select(_articles.c.id).where(_articles.c.sha256 == bindparam("sha256"))
_FIND_ACTORS = select(_actors.c.id, _actors.c.name, _actors.c.type).where(
    # «name IN (…)» searches the (name, type) index; a row-value IN would make SQLite scan it.
    _actors.c.name.in_(bindparam("names", expanding=True))
)
# The events table keeps ids in insertion order, and this transaction alone writes this
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


def is_stored(connection: Connection, sha: str) -> bool:
    return connection.scalar(_FIND_SHA, {"sha256": sha}) is not None


def _evidence_rows(event_id: int, article_id: int, spans: list[EvidenceSpan]) -> list[dict[str, object]]:
    return [
        {"event_id": event_id, "article_id": article_id, "text": span.text, "start_offset": span.start,
         "end_offset": span.end}
        for span in spans
    ]


def actor_pairs(events: Iterable[ExtractedEvent]) -> set[tuple[str, str]]:
    """The (name, type) of every actor of these events, as stored."""
    return {(_actor_name(m.name), m.type) for e in events for m in e.actors}


def actor_key(name: str) -> str:
    """What ``--actor`` matches: the name's lemmas. Actors are shared by the articles of every language,
    and a query names no language, so the key is the default pack's on both sides."""
    return pack().lemma_key(name)


def _actor_name(name: str) -> str:
    return clip(name, MAX_NAME_CHARS) or ""


def actor_ids(connection: Connection, pairs: set[tuple[str, str]]) -> ActorIds:
    """Ids of the (name, type) actors, inserting the missing ones."""
    if not pairs:
        return {}
    names = {"names": sorted({name for name, _ in pairs})}

    def existing() -> ActorIds:
        rows = connection.execute(_FIND_ACTORS, names)
        return {(name, type_): id_ for id_, name, type_ in rows if (name, type_) in pairs}

    ids = existing()
    missing = sorted(pairs - ids.keys())
    if missing:
        # Rows that other importers may insert too are taken in one global order (sorted),
        # so two transactions never wait on each other crosswise (no deadlock on PostgreSQL).
        connection.execute(
            _insert_or_ignore(_dialect(connection), _actors, "name", "type"),
            [{"name": name, "type": type_, "key": clip(actor_key(name), MAX_NAME_CHARS)} for name, type_ in missing],
        )
        ids = existing()  # ours, and any a concurrent importer inserted meanwhile
    return ids


def store_article(
    connection: Connection, source: ArticleSource, events: list[ExtractedEvent], force: bool = False,
    known_actors: ActorIds | None = None,
) -> tuple[Outcome, int | None]:
    """Store one article and its events in the connection's transaction. ``force`` replaces the
    events of an article already stored with the same content (after an upgrade of the extractor).
    ``known_actors``: ids of actors the caller has already taken (a batch takes them all first)."""
    sha = source.sha256
    key = source_key(source)
    # One look for both: this very content (skip it) and older versions of the same source.
    rows = connection.execute(_FIND_ARTICLE, {"sha256": sha, "source_key": key}).all()
    if any(row.sha256 == sha for row in rows) and not force:
        return "skipped", None
    # Actors before the article: every transaction takes shared rows in the same order.
    pairs = actor_pairs(events)
    ids = known_actors if known_actors is not None and pairs <= known_actors.keys() else actor_ids(connection, pairs)
    old = [row.id for row in rows]
    if old:
        _delete_versions(connection, old)
    article_id = connection.scalar(
        _insert_article(_dialect(connection)),
        {
            "sha256": sha,
            "source": source.source,
            "source_key": key,
            "published": source.published,
            "title": source.title,
            "text": source.text,
            "language": source.language,
            "imported_at": datetime.now(UTC),
        },
    )
    if article_id is None:
        return "skipped", None  # another importer stored it between our check and our insert
    known = _reported_elsewhere(connection, article_id, events, ids)
    if known:
        _add_to_known(connection, article_id, known, events, ids)
        events = [e for i, e in enumerate(events) if i not in known]
    if events:
        _insert_events(connection, article_id, events, ids)
    return ("replaced" if old else "imported"), article_id


def _insert_events(connection: Connection, article_id: int, events: list[ExtractedEvent], ids: ActorIds) -> None:
    # Core executemany on the tables: the ORM's unit of work costs more than the database here.
    connection.execute(
        _INSERT_EVENTS,
        [
            {
                "article_id": article_id, "kind": clip(e.kind, MAX_SHORT_CHARS), "title": e.title,
                "status": e.status, "start_date": e.start, "end_date": e.end, "precision": e.precision,
                "modifier": e.modifier, "span_class": span_class(e.start, e.end), "date_text": e.date_text,
                "count": e.count, "duration": clip(e.duration, MAX_SHORT_CHARS),
                "place": clip(e.place, MAX_NAME_CHARS), "confidence": e.confidence,
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
            link = (ids[(_actor_name(mention.name), mention.type)], mention.role)
            if link not in seen:
                seen.add(link)
                links.append({"event_id": event_id, "actor_id": link[0], "role": link[1]})
        evidence.extend(_evidence_rows(event_id, article_id, extracted.evidence))
    if links:
        connection.execute(_INSERT_LINKS, links)
    if evidence:
        connection.execute(_INSERT_EVIDENCE, evidence)
    index_for_search(connection, search_rows)  # same transaction: searchable exactly when stored


def _delete_versions(connection: Connection, old: Sequence[int]) -> None:
    """Delete older versions of a source; their events that other articles also cite stay, moved to
    one of those articles and indexed again without the old version's sentences."""
    rehomed = _rehome_shared_events(connection, old)
    # Events first: on engines without cascading deletes nothing dangles either way.
    connection.execute(delete(_evidence).where(_evidence.c.article_id.in_(old)))
    connection.execute(delete(_events).where(_events.c.article_id.in_(old)))
    connection.execute(delete(_articles).where(_articles.c.id.in_(old)))
    if rehomed:
        reindex(connection, rehomed)


def _participants(event: ExtractedEvent, ids: ActorIds) -> set[int]:
    return {ids[(_actor_name(a.name), a.type)] for a in event.actors if a.role == "participant"}


def _reported_elsewhere(
    connection: Connection, article_id: int, events: list[ExtractedEvent], ids: ActorIds
) -> dict[int, int]:
    """Events another article already reports: index in ``events`` -> the stored event's id.

    The same happening is one event with evidence from every article that reports it. Matching is
    strict, to never merge two happenings: the same kind, the same interval, a participant in common.
    """
    known: dict[int, int] = {}
    candidates: dict[tuple[str, date, date], list[tuple[int, int]]] = {}
    for i, e in enumerate(events):
        if e.start is None or e.end is None or not (people := _participants(e, ids)):
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
    connection: Connection, article_id: int, known: dict[int, int], events: list[ExtractedEvent], ids: ActorIds,
) -> None:
    """Cite this article on events other articles reported first, with any actors it adds."""
    links = sorted({
        (event_id, ids[(_actor_name(a.name), a.type)], a.role)
        for i, event_id in known.items() for a in events[i].actors
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


def _rehome_shared_events(connection: Connection, old: Sequence[int]) -> list[int]:
    """Before an old article version goes, its events that other articles also cite move to one of
    them. Returns the ids of the events moved."""
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
    return sorted(event_id for event_id, _ in rows)
