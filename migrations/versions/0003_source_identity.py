"""article identity by source; ids never reused; no length limits that only PostgreSQL enforces

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 19:30:00

- ``articles.source_key``: SHA-256 of the source's identity in the world (``file:`` and the
  resolved absolute path, or ``url:`` and the URL); a new text with the same key is a new
  version of that source. NULL for an article identified by its content alone (a JSON Lines
  item without a URL). Existing rows get the key their stored ``source`` implies: a URL, or a
  file path as it was stored then; ``path:LINE`` of a JSON Lines file gets none, so another
  line can no longer replace it.
- ``articles.source`` becomes TEXT without an index: a URL may be longer than 2048
  characters, and a B-tree entry on PostgreSQL cannot hold a long one; lookups go by the key.
- SQLite: ``articles``, ``events`` and ``evidence`` are rebuilt with AUTOINCREMENT, so a
  deleted row's id (a cited ``show N``) is never given to another. PostgreSQL's sequences
  never reuse ids already. The rebuild runs with foreign keys off (``timeline.db`` sees to
  it), or dropping the old tables would cascade; the FTS delete trigger is made again.
"""

import hashlib
import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSONL_LINE = re.compile(r"\.(jsonl|ndjson):\d+$", re.IGNORECASE)
_FTS_TRIGGER = (
    "CREATE TRIGGER events_fts_delete AFTER DELETE ON events "
    "BEGIN DELETE FROM events_fts WHERE rowid = old.id; END"
)


def _legacy_key(source: str | None) -> str | None:
    if not source or _JSONL_LINE.search(source):
        return None
    identity = ("url:" if "://" in source else "file:") + source
    return hashlib.sha256(identity.encode()).hexdigest()


def _backfill_keys() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, source FROM articles ORDER BY id DESC")).all()
    taken: set[str] = set()
    updates = []
    for article_id, source in rows:
        key = _legacy_key(source)
        if key is not None and key not in taken:  # the newest row of a source keeps its key
            taken.add(key)
            updates.append({"id": article_id, "key": key})
    if updates:
        bind.execute(sa.text("UPDATE articles SET source_key = :key WHERE id = :id"), updates)


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    sqlite = _sqlite()
    table_kwargs = {"sqlite_autoincrement": True} if sqlite else {}
    with op.batch_alter_table("articles", recreate="always" if sqlite else "auto", table_kwargs=table_kwargs) as b:
        b.drop_index("ix_articles_source")
        b.alter_column("source", existing_type=sa.String(length=2048), type_=sa.Text(), existing_nullable=True)
        b.add_column(sa.Column("source_key", sa.String(length=64), nullable=True))
        b.create_unique_constraint(b.f("uq_articles_source_key"), ["source_key"])
    _backfill_keys()
    if sqlite:
        for name in ("events", "evidence"):
            with op.batch_alter_table(name, recreate="always", table_kwargs=table_kwargs):
                pass
        op.execute(_FTS_TRIGGER)  # went with the old events table


def downgrade() -> None:
    sqlite = _sqlite()
    with op.batch_alter_table("articles", recreate="always" if sqlite else "auto") as b:
        b.drop_constraint(b.f("uq_articles_source_key"), type_="unique")
        b.drop_column("source_key")
        b.alter_column(
            "source", existing_type=sa.Text(), type_=sa.String(length=2048), existing_nullable=True,
            postgresql_using="left(source, 2048)",
        )
        b.create_index("ix_articles_source", ["source"], unique=False)
    if sqlite:
        for name in ("events", "evidence"):
            with op.batch_alter_table(name, recreate="always"):
                pass
        op.execute(_FTS_TRIGGER)
