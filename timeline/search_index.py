"""The search index: the lemmas of each event's title and evidence, written as events are stored.

One table on both engines, ``events_fts`` (rowid = event id): FTS5 on SQLite (migration 0002), a
GIN-indexed table on PostgreSQL (migration 0004); outside the models. Lemmas come from the
language pack's morphology, so any form of a word finds any other. A deleted event leaves it by a
trigger (SQLite) or a cascade (PostgreSQL). :mod:`timeline.query` reads it; the store writes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from sqlalchemy import Connection, bindparam, column, delete, insert, select, table, update
from sqlalchemy.orm import Session

from timeline.lang import pack
from timeline.models import Event, Mention

FTS_TABLE = "events_fts"
SEARCH_INDEX = table(FTS_TABLE, column("rowid"), column("title"), column("evidence"))
_CHUNK = 2000


@lru_cache(maxsize=20_000)  # an event is indexed again as each new mention joins it: its sentences recur
def _lemmas_of(text: str) -> str:
    return pack().lemma_key(text)


def lemmas(texts: Iterable[str], seen: dict[str, str] | None = None) -> str:
    """What the index holds for a text: the lemmas of its words, so any form finds any form.
    ``seen`` remembers texts already done (the events of one sentence share it)."""
    if seen is None:
        return " ".join(_lemmas_of(t) for t in texts)
    return " ".join(seen[t] if t in seen else seen.setdefault(t, _lemmas_of(t)) for t in texts)


_INDEX_EVENTS = insert(SEARCH_INDEX)
def index_for_search(db: Session | Connection, events: list[tuple[int, str, list[str]]]) -> None:
    """Index new events, given as (id, title, evidence sentences), without reading them back."""
    if events:
        seen: dict[str, str] = {}
        db.execute(
            _INDEX_EVENTS,
            [{"rowid": i, "title": lemmas([title]), "evidence": lemmas(texts, seen)} for i, title, texts in events],
        )


_APPEND = (
    update(SEARCH_INDEX).where(SEARCH_INDEX.c.rowid == bindparam("event_id"))
    .values(title=bindparam("title_lemmas"), evidence=SEARCH_INDEX.c.evidence.concat(" ").concat(bindparam("lemmas")))
)


def append_to_search(db: Session | Connection, events: list[tuple[int, str, list[str]]]) -> None:
    """Indexed events that gained sentences, given as (id, title now, the new sentences): their title
    indexed anew and the sentences added, without reading back what they held (an event reported by
    a thousand articles is not lemmatized again for the thousand and first)."""
    if events:
        db.execute(_APPEND, [
            {"event_id": i, "title_lemmas": lemmas([title]), "lemmas": lemmas(texts)} for i, title, texts in events
        ])


def drop_from_search(db: Session | Connection, event_ids: list[int]) -> None:
    """Take these events out of the index (before indexing them again from what they now hold)."""
    if event_ids:
        db.execute(delete(SEARCH_INDEX).where(SEARCH_INDEX.c.rowid.in_(event_ids)))


def reindex(db: Session | Connection, event_ids: list[int]) -> None:
    """Index these events again from what they now hold (the index keeps lemmas, not references): after
    an event changed hands, or for events stored by other means than the importer."""
    if not event_ids:
        return
    titles = dict(db.execute(select(Event.id, Event.title).where(Event.id.in_(event_ids))).all())
    sentences: dict[int, list[str]] = {event_id: [] for event_id in titles}
    rows = db.execute(
        select(Mention.event_id, Mention.sentence).where(Mention.event_id.in_(event_ids)).order_by(Mention.id)
    )
    for event_id, text in rows:
        sentences[event_id].append(text)
    drop_from_search(db, list(titles))
    index_for_search(db, [(event_id, titles[event_id], sentences[event_id]) for event_id in titles])


def refresh_search_index(session: Session, event_ids: Iterable[int] | None = None) -> int:
    """Bring the index up to date for these events (all events if None): for events stored by other
    means than the importer, which indexes what it stores itself. Returns the number indexed."""
    session.flush()
    if event_ids is not None:
        wanted = sorted(set(event_ids))
        for at in range(0, len(wanted), _CHUNK):  # in chunks, so a rebuild holds a bounded amount
            reindex(session, wanted[at : at + _CHUNK])
        return len(wanted)
    total, after = 0, 0
    while chunk := list(session.scalars(select(Event.id).where(Event.id > after).order_by(Event.id).limit(_CHUNK))):
        reindex(session, chunk)
        total, after = total + len(chunk), chunk[-1]
    return total
