"""one search index on both engines: the lemmas pymorphy3 gives, not PostgreSQL's stemmer

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 07:00:00

The russian Snowball stemmer of PostgreSQL and the pymorphy3 lemmas of SQLite's index disagree
(«бананы» stems to «бана», «бананов» to «банан»), so one search found on SQLite what it missed on
PostgreSQL. PostgreSQL now keeps the same table SQLite does: ``events_fts(rowid, title,
evidence)`` with the lemmas of each event's title and evidence, filled by the same Python code,
searched with the ``simple`` configuration (the words as they are: lemmas already) through one
GIN index. A deleted event's row goes by the foreign key's cascade, as SQLite's trigger does it.
The stemmer's GIN indexes of migration 0002 go.

Like SQLite's FTS table, it is outside the models (migrations/env.py skips ``events_fts*``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STEMMER_INDEXES = {
    "ix_events_title_fts": "events USING gin (to_tsvector('russian', title))",
    "ix_evidence_text_fts": "evidence USING gin (to_tsvector('russian', text))",
}
# The expression timeline.query searches; the two must stay the same for the index to serve.
LEMMA_INDEX = "ix_events_fts_lemmas"
LEMMA_VECTOR = "to_tsvector('simple', title || ' ' || evidence)"
_CHUNK = 2000


def _backfill() -> None:
    """Index the events the database already holds, a chunk at a time."""
    bind = op.get_bind()
    if not bind.execute(sa.text("SELECT EXISTS (SELECT 1 FROM events)")).scalar():
        return
    from timeline.lang import pack  # a stable seam: the pack's lemmas, wherever its modules live

    lemma_key = pack().lemma_key  # loads the dictionary only when there is something to index

    after = 0
    while True:
        events = bind.execute(
            sa.text("SELECT id, title FROM events WHERE id > :after ORDER BY id LIMIT :n"),
            {"after": after, "n": _CHUNK},
        ).all()
        if not events:
            return
        evidence: dict[int, list[str]] = {event_id: [] for event_id, _ in events}
        for event_id, text in bind.execute(
            sa.text("SELECT event_id, text FROM evidence WHERE event_id >= :lo AND event_id <= :hi ORDER BY id"),
            {"lo": events[0][0], "hi": events[-1][0]},
        ):
            if event_id in evidence:
                evidence[event_id].append(lemma_key(text))
        bind.execute(
            sa.text("INSERT INTO events_fts (rowid, title, evidence) VALUES (:id, :title, :evidence)"),
            [{"id": i, "title": lemma_key(title), "evidence": " ".join(evidence[i])} for i, title in events],
        )
        after = events[-1][0]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite has had this index since 0002
    op.execute(
        "CREATE TABLE events_fts ("
        " rowid INTEGER PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,"
        " title TEXT NOT NULL DEFAULT '', evidence TEXT NOT NULL DEFAULT '')"
    )
    _backfill()
    op.execute(f"CREATE INDEX {LEMMA_INDEX} ON events_fts USING gin ({LEMMA_VECTOR})")
    for name in _STEMMER_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, definition in _STEMMER_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {definition}")
    op.execute("DROP TABLE IF EXISTS events_fts")
