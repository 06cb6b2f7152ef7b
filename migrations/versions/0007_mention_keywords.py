"""mentions.keywords: the words of each report that tell its happening from others of its kind

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 14:00:00

The linker compares two reports' key words (the lemmas of their clause's other nouns and adjectives,
an ordinal marked: «второй спутник серии») when no participant or place tells that they are one
happening. Mentions stored before have none (NULL): they link as before, and ``import --force`` gives
them their words. Downgrade drops the column; nothing shown is lost.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("keywords", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.drop_column("keywords")
