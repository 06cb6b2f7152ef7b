"""The search index: the lemmas of each event's title and evidence, written as events are stored.

One table on both engines, ``events_fts`` (rowid = event id): FTS5 on SQLite (migration 0002), a
GIN-indexed table on PostgreSQL (migration 0004); outside the models. Lemmas come from the
language pack's morphology, so any form of a word finds any other. A deleted event leaves it by a
trigger (SQLite) or a cascade (PostgreSQL). :mod:`timeline.query` reads it; the store writes it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, bindparam, column, delete, insert, select, table, update
from sqlalchemy.orm import Session, selectinload

from timeline.lang import pack
from timeline.models import Event

FTS_TABLE = "events_fts"
SEARCH_INDEX = table(FTS_TABLE, column("rowid"), column("title"), column("evidence"))
_CHUNK = 2000


def lemmas(texts: Iterable[str], seen: dict[str, str] | None = None) -> str:
    """What the index holds for a text: the lemmas of its words, so any form finds any form.
    ``seen`` remembers texts already done (the events of one sentence share it)."""
    lemma_key = pack().lemma_key
    if seen is None:
        return " ".join(lemma_key(t) for t in texts)
    return " ".join(seen[t] if t in seen else seen.setdefault(t, lemma_key(t)) for t in texts)


_INDEX_EVENTS = insert(SEARCH_INDEX)
_APPEND_EVIDENCE = (
    update(SEARCH_INDEX).where(SEARCH_INDEX.c.rowid == bindparam("event_id"))
    .values(evidence=SEARCH_INDEX.c.evidence.concat(" ").concat(bindparam("lemmas")))
)


def index_for_search(db: Session | Connection, events: list[tuple[int, str, list[str]]]) -> None:
    """Index new events, given as (id, title, evidence sentences), without reading them back."""
    if events:
        seen: dict[str, str] = {}
        db.execute(
            _INDEX_EVENTS,
            [{"rowid": i, "title": lemmas([title]), "evidence": lemmas(texts, seen)} for i, title, texts in events],
        )


def add_evidence_to_search(db: Session | Connection, events: list[tuple[int, list[str]]]) -> None:
    """Append new evidence sentences to indexed events (another article cites them now)."""
    if events:
        db.execute(_APPEND_EVIDENCE, [{"event_id": i, "lemmas": lemmas(texts)} for i, texts in events])


def drop_from_search(db: Session | Connection, event_ids: list[int]) -> None:
    """Take these events out of the index (before indexing them again from what they now hold)."""
    if event_ids:
        db.execute(delete(SEARCH_INDEX).where(SEARCH_INDEX.c.rowid.in_(event_ids)))


def refresh_search_index(session: Session, event_ids: Iterable[int] | None = None) -> int:
    """Bring the index up to date for these events (all events if None): for events stored by other
    means than the importer, which indexes what it stores itself. Returns the number indexed."""
    session.flush()
    wanted: list[int] | None = None if event_ids is None else sorted(set(event_ids))
    total, after = 0, 0
    while True:  # in chunks, so a rebuild of millions of events holds a bounded amount
        stmt = select(Event).options(selectinload(Event.evidence)).order_by(Event.id)
        if wanted is None:
            stmt = stmt.where(Event.id > after).limit(_CHUNK)
        else:
            if not wanted[total:]:
                break
            stmt = stmt.where(Event.id.in_(wanted[total : total + _CHUNK]))
        events = session.scalars(stmt).all()
        if not events:
            break
        ids = [e.id for e in events]
        drop_from_search(session, ids)
        index_for_search(session, [(e.id, e.title, [x.text for x in e.evidence]) for e in events])
        if wanted is None:
            for e in events:
                session.expunge(e)  # keep memory flat during a full rebuild
            total += len(events)
        else:
            total += min(_CHUNK, len(wanted) - total)
        after = ids[-1]
    return total
