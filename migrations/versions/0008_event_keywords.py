"""events.keywords: the key words an event's mentions give most, derived, for the linker

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 14:20:00

The linker compares a new report's key words with each candidate event's. Reading them from every
mention of every candidate cost a row per mention (an event reported a thousand times, a thousand
rows); the event now keeps the ones its mentions give most, derived as its other fields are. Upgrade
fills them from the mentions' (the most given first, at most 32); downgrade drops the column.
"""

from collections import Counter
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KEYWORDS = 32  # as timeline.linking.derive.KEYWORDS when written (a migration does not import the app)


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("keywords", sa.Text(), nullable=True))
    connection = op.get_bind()
    words: dict[int, Counter[str]] = {}
    rows = connection.execute(sa.text(
        "SELECT event_id, keywords FROM mentions WHERE keywords IS NOT NULL ORDER BY event_id, id"))
    for event_id, keywords in rows:
        words.setdefault(event_id, Counter()).update(keywords.split())
    updates = [
        {"id": event_id, "keywords": " ".join(sorted(sorted(c, key=lambda w: -c[w])[:_KEYWORDS]))}
        for event_id, c in words.items()
    ]
    if updates:
        connection.execute(sa.text("UPDATE events SET keywords = :keywords WHERE id = :id"), updates)


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("keywords")
