"""articles.date_source and articles.author; the feeds followed

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 19:30:00

Articles now come from web pages, feeds and exports as well as files. Each article keeps how its
publication date was found (the date line, ``--published``, an export field, the feed item, the
page's metadata, its URL, or htmldate's guess), since every relative date in it rests on that date,
and its author when the source names one. Rows stored before keep NULL ("not recorded"): which of the
date line and ``--published`` gave their date was not kept. ``feeds``: the feeds `timeline feeds`
follows, with the validators (ETag, Last-Modified) of their last read. Downgrade drops them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("date_source", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("author", sa.Text(), nullable=True))
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("last_status", sa.Text(), nullable=True),
        sa.Column("imported", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feeds")),
        sa.UniqueConstraint("url", name=op.f("uq_feeds_url")),
    )


def downgrade() -> None:
    op.drop_table("feeds")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_column("author")
        batch_op.drop_column("date_source")
