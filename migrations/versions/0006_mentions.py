"""mentions: what each sentence of each article says of a happening; events derived from them

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 10:00:00

An ``events`` row was at once one sentence's report and the happening. Now a *mention* is the report
(the sentence and its offsets, and the kind, status, interval, place, count, duration and actors as
that source gives them) and an event is the happening, whose fields are derived from its mentions.

Upgrade: each evidence row becomes a mention of its event, carrying the event's fields (the only
report of them kept so far) and the event's actors; the first mention of an event keeps no
``linked_by``, the others say they were joined before mentions existed. ``evidence`` goes. The
events' kind index becomes (kind, start_date): the linker looks for events of a kind in a window;
``events.moved_on`` (derived) is the publication date of the latest report that moved the event.
Downgrade: the mentions' sentences and offsets become evidence rows again (ids kept), and the
mention tables go; the events keep their derived fields, so nothing shown is lost.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATUSES = "'occurred','ongoing','planned','expected','possible','cancelled','denied','unknown'"
_PRECISIONS = "'day','week','month','quarter','half','season','year','range'"
_MODIFIERS = "'before','after','start','mid','end','approx'"
_MIGRATED = "stored before mentions (migration 0006)"


_FTS_TRIGGER = (
    "CREATE TRIGGER events_fts_delete AFTER DELETE ON events "
    "BEGIN DELETE FROM events_fts WHERE rowid = old.id; END"
)


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def _table_kwargs() -> dict[str, bool]:
    return {"sqlite_autoincrement": True} if op.get_bind().dialect.name == "sqlite" else {}


def _resequence(table: str) -> None:
    """PostgreSQL: the id sequence continues after the ids copied in."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1,"
            " false)"
        )


def upgrade() -> None:
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("start_offset", sa.Integer(), nullable=False),
        sa.Column("end_offset", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("precision", sa.String(length=16), nullable=True),
        sa.Column("modifier", sa.String(length=16), nullable=True),
        sa.Column("date_text", sa.Text(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("duration", sa.String(length=32), nullable=True),
        sa.Column("place", sa.String(length=256), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("moved", sa.Boolean(), nullable=False),
        sa.Column("linked_by", sa.Text(), nullable=True),
        sa.Column("dated_by", sa.Integer(), nullable=True),
        sa.CheckConstraint(f"status IN ({_STATUSES})", name=op.f("ck_mentions_status")),
        sa.CheckConstraint(f"precision IS NULL OR precision IN ({_PRECISIONS})", name=op.f("ck_mentions_precision")),
        sa.CheckConstraint(f"modifier IS NULL OR modifier IN ({_MODIFIERS})", name=op.f("ck_mentions_modifier")),
        sa.CheckConstraint(
            "(start_date IS NULL AND end_date IS NULL) OR "
            "(start_date IS NOT NULL AND end_date IS NOT NULL AND start_date <= end_date)",
            name=op.f("ck_mentions_interval"),
        ),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_mentions_article_id_articles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_mentions_event_id_events"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["dated_by"], ["mentions.id"], name=op.f("fk_mentions_dated_by_mentions"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentions")),
        **_table_kwargs(),
    )
    with op.batch_alter_table("mentions") as b:
        b.create_index(b.f("ix_mentions_article_id"), ["article_id"], unique=False)
        b.create_index(b.f("ix_mentions_event_id"), ["event_id"], unique=False)
    op.create_table(
        "mention_actors",
        sa.Column("mention_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name=op.f("fk_mention_actors_actor_id_actors"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["mention_id"], ["mentions.id"], name=op.f("fk_mention_actors_mention_id_mentions"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("mention_id", "actor_id", "role", name=op.f("pk_mention_actors")),
    )
    with op.batch_alter_table("mention_actors") as b:
        b.create_index(b.f("ix_mention_actors_actor_id"), ["actor_id"], unique=False)

    op.execute(
        "INSERT INTO mentions (id, event_id, article_id, sentence, start_offset, end_offset, kind, title, status,"
        " start_date, end_date, precision, modifier, date_text, count, duration, place, confidence, moved, linked_by)"
        " SELECT ev.id, ev.event_id, ev.article_id, ev.text, ev.start_offset, ev.end_offset, e.kind, e.title,"
        " e.status, e.start_date, e.end_date, e.precision, e.modifier, e.date_text, e.count, e.duration, e.place,"
        " e.confidence, false,"
        f" CASE WHEN ev.id = (SELECT MIN(f.id) FROM evidence f WHERE f.event_id = ev.event_id) THEN NULL"
        f" ELSE '{_MIGRATED}' END"
        " FROM evidence ev JOIN events e ON e.id = ev.event_id"
    )
    op.execute(
        "INSERT INTO mention_actors (mention_id, actor_id, role)"
        " SELECT m.id, ea.actor_id, ea.role FROM mentions m JOIN event_actors ea ON ea.event_id = m.event_id"
    )
    _resequence("mentions")
    with op.batch_alter_table("events") as b:
        b.drop_index(b.f("ix_events_kind"))
        b.create_index("ix_events_kind_start_date", ["kind", "start_date"], unique=False)
        b.add_column(sa.Column("moved_on", sa.Date(), nullable=True))
        b.create_index(b.f("ix_events_moved_on"), ["moved_on"], unique=False)
    with op.batch_alter_table("evidence") as b:
        b.drop_index(b.f("ix_evidence_event_id"))
        b.drop_index(b.f("ix_evidence_article_id"))
    op.drop_table("evidence")


def downgrade() -> None:
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start_offset", sa.Integer(), nullable=False),
        sa.Column("end_offset", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_evidence_article_id_articles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_evidence_event_id_events"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
        **_table_kwargs(),
    )
    with op.batch_alter_table("evidence") as b:
        b.create_index(b.f("ix_evidence_article_id"), ["article_id"], unique=False)
        b.create_index(b.f("ix_evidence_event_id"), ["event_id"], unique=False)
    op.execute(
        "INSERT INTO evidence (id, event_id, article_id, text, start_offset, end_offset)"
        " SELECT id, event_id, article_id, sentence, start_offset, end_offset FROM mentions"
    )
    _resequence("evidence")
    with op.batch_alter_table("events", recreate="always" if _sqlite() else "auto", table_kwargs=_table_kwargs()) as b:
        b.drop_index(b.f("ix_events_moved_on"))
        b.drop_column("moved_on")
        b.drop_index("ix_events_kind_start_date")
        b.create_index(b.f("ix_events_kind"), ["kind"], unique=False)
    if _sqlite():
        op.execute(_FTS_TRIGGER)  # went with the rebuilt events table
    with op.batch_alter_table("mention_actors") as b:
        b.drop_index(b.f("ix_mention_actors_actor_id"))
    op.drop_table("mention_actors")
    with op.batch_alter_table("mentions") as b:
        b.drop_index(b.f("ix_mentions_event_id"))
        b.drop_index(b.f("ix_mentions_article_id"))
    op.drop_table("mentions")
