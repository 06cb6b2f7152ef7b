"""an actor who reports a happening has the role reporter, not source

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 08:00:00

"source" meant two things: an article's source (the file or URL it was read from) and an actor's
role when the report is attributed to it («сообщает Bloomberg», «X заявил, что …»). The role is now
``reporter``; ``source`` keeps its one meaning. Stored roles are renamed in place.
"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("UPDATE event_actors SET role = 'reporter' WHERE role = 'source'")


def downgrade() -> None:
    op.execute("UPDATE event_actors SET role = 'source' WHERE role = 'reporter'")
