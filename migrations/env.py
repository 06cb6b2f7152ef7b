"""Alembic environment, used both by `timeline db …` (a connection is passed in) and by
`alembic …` from a checkout (the URL comes from the same place the CLI takes it)."""

from __future__ import annotations

from alembic import context

from timeline import config as timeline_config
from timeline.db import make_engine
from timeline.models import Base

target_metadata = Base.metadata
cfg = context.config

# Search structures that migrations 0002 and 0004 create outside the models (the lemma table
# events_fts: FTS5 and its shadow tables on SQLite, a GIN-indexed table on PostgreSQL; the
# stemmer's expression indexes of 0002 until 0004 drops them; a GiST date-range index):
# autogenerate must neither report them nor propose dropping them.
UNMODELLED_TABLE_PREFIX = "events_fts"
UNMODELLED_INDEXES = frozenset(
    {"ix_events_title_fts", "ix_evidence_text_fts", "ix_events_fts_lemmas", "ix_events_daterange"}
)


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    if type_ == "table" and name is not None and name.startswith(UNMODELLED_TABLE_PREFIX):
        return False
    return not (type_ == "index" and name in UNMODELLED_INDEXES)


def _configure_and_run(connection: object) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    url = cfg.get_main_option("sqlalchemy.url") or timeline_config.resolve().url
    context.configure(
        url=url,
        target_metadata=target_metadata,
        render_as_batch=True,
        literal_binds=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = cfg.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    url = cfg.get_main_option("sqlalchemy.url") or timeline_config.resolve().url
    location = timeline_config.DatabaseLocation(url, "alembic")
    if location.sqlite_path is not None:
        location.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    with engine.begin() as conn:
        _configure_and_run(conn)
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
