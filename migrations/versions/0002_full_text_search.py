"""full-text search over event titles and evidence; a covering date-window index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 15:00:00

SQLite: an FTS5 table ``events_fts(title, evidence)`` (rowid = event id) holding the
lemmas of each event's title and evidence sentences. Lemmas come from Python
(pymorphy3), so the table is filled by ``timeline.query.refresh_search_index``, not by
triggers; a trigger only removes the row of a deleted event (also on cascades).

PostgreSQL: GIN indexes on ``to_tsvector('russian', …)`` of the title and the evidence
text; the russian stemmer does the morphology and nothing needs maintaining.

Neither is in the models; migrations/env.py keeps ``alembic check`` from reporting them.

Both: the span-class index gains ``end_date`` and ``id``, so a date window is answered
from the index alone (``span_class = i AND start_date BETWEEN … AND end_date >= …``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PG_INDEXES = {
    "ix_events_title_fts": "events USING gin (to_tsvector('russian', title))",
    "ix_evidence_text_fts": "evidence USING gin (to_tsvector('russian', text))",
}


def _backfill_sqlite() -> None:
    """Index the events an older database already holds (none in a new one)."""
    bind = op.get_bind()
    if not bind.execute(sa.text("SELECT EXISTS (SELECT 1 FROM events)")).scalar():
        return
    from timeline.lang import pack  # a stable seam: the pack's lemmas, wherever its modules live

    lemma_key = pack().lemma_key  # loads the dictionary only when there is something to index

    evidence: dict[int, list[str]] = {}
    for event_id, text in bind.execute(sa.text("SELECT event_id, text FROM evidence ORDER BY id")):
        evidence.setdefault(event_id, []).append(lemma_key(text))
    rows = [
        {"id": event_id, "title": lemma_key(title), "evidence": " ".join(evidence.get(event_id, []))}
        for event_id, title in bind.execute(sa.text("SELECT id, title FROM events"))
    ]
    bind.execute(
        sa.text("INSERT INTO events_fts (rowid, title, evidence) VALUES (:id, :title, :evidence)"), rows
    )


def upgrade() -> None:
    # Plain index statements: a batch operation could copy the table on SQLite.
    op.drop_index("ix_events_span_class_start_date", table_name="events")
    op.create_index(
        "ix_events_span_class_start_end", "events", ["span_class", "start_date", "end_date", "id"]
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE events_fts USING fts5(title, evidence)")
        op.execute(
            "CREATE TRIGGER events_fts_delete AFTER DELETE ON events "
            "BEGIN DELETE FROM events_fts WHERE rowid = old.id; END"
        )
        _backfill_sqlite()
    elif op.get_bind().dialect.name == "postgresql":
        for name, definition in PG_INDEXES.items():
            op.execute(f"CREATE INDEX {name} ON {definition}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS events_fts_delete")
        op.execute("DROP TABLE IF EXISTS events_fts")
    elif op.get_bind().dialect.name == "postgresql":
        for name in reversed(list(PG_INDEXES)):
            op.execute(f"DROP INDEX IF EXISTS {name}")
    op.drop_index("ix_events_span_class_start_end", table_name="events")
    op.create_index("ix_events_span_class_start_date", "events", ["span_class", "start_date"])
