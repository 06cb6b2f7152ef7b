"""Engines, sessions and migrations.

Writing commands call :func:`open_for_write`, which migrates to head; reading commands
call :func:`open_for_read`, which refuses to create a database that is not there.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session

from timeline.config import DatabaseLocation
from timeline.errors import TimelineError

SQLITE_BUSY_TIMEOUT_MS = 30_000
SQLITE_CHECKPOINT_PAGES = 10_000


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the driver, emit BEGIN (see _sqlite_on_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    # WAL lets readers and one writer work at once; concurrent importers wait, not fail.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Checkpoint every ~40 MB of log, not every 4 MB: an import commits once per article, and each
    # checkpoint rewrites the hot index pages and syncs the file (a quarter of the time spent storing).
    cursor.execute(f"PRAGMA wal_autocheckpoint={SQLITE_CHECKPOINT_PAGES}")
    cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    # A writer takes the write lock up front: a deferred transaction that reads first
    # would fail with SQLITE_BUSY, instead of waiting, when another writer got in between.
    immediate = connection.get_execution_options().get("write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise TimelineError(f"not a database URL: {url}") from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _sqlite_on_connect)
            event.listen(engine, "begin", _sqlite_on_begin)
            return engine
        return create_engine(url, pool_pre_ping=True)
    except (ImportError, NoSuchModuleError) as exc:
        raise TimelineError(f"no database driver for {parsed.drivername}") from exc


def migrations_path() -> str:
    return str(resources.files("timeline.migrations"))


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", migrations_path())
    if engine is not None:
        # ConfigParser interpolates '%'; URL-encoded options contain it.
        url = engine.url.render_as_string(hide_password=False).replace("%", "%%")
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def _run(engine: Engine, fn: Any, *args: Any) -> None:
    cfg = alembic_config(engine)
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        fn(cfg, *args)


def upgrade(engine: Engine, revision: str = "head") -> None:
    _run(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    _run(engine, command.downgrade, revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _connect_error(location: DatabaseLocation, exc: Exception) -> TimelineError:
    reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
    return TimelineError(f"cannot open the database {location.url}: {reason}")


def open_for_write(location: DatabaseLocation) -> Engine:
    """An engine on a database migrated to head, creating the database file if needed."""
    path = location.sqlite_path
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(location.url)
    try:
        if current_revision(engine) != head_revision():
            upgrade(engine)
    except OperationalError as exc:
        raise _connect_error(location, exc) from exc
    return engine


def open_existing(location: DatabaseLocation) -> Engine:
    """An engine on a database that must already exist, whatever its revision."""
    path = location.sqlite_path
    if path is not None and not path.exists():
        raise TimelineError(
            f"no database at {path}; import articles first (timeline import PATH) or pass --db"
        )
    return make_engine(location.url)


def open_for_read(location: DatabaseLocation) -> Engine:
    """An engine on an existing, migrated database; never creates one."""
    engine = open_existing(location)
    try:
        revision = current_revision(engine)
        tables = inspect(engine).get_table_names()
    except OperationalError as exc:
        raise _connect_error(location, exc) from exc
    if revision is None or "events" not in tables:
        raise TimelineError(f"the database {location.url} is empty; import articles first")
    if revision != head_revision():
        raise TimelineError(
            f"the database is at revision {revision}, this timeline needs {head_revision()}; "
            "run: timeline db upgrade"
        )
    return engine


@contextmanager
def session_scope(engine: Engine, *, write: bool = False) -> Iterator[Session]:
    """A session whose transaction commits on success and rolls back on any error.

    ``write=True`` marks a transaction that will write, so SQLite takes its lock at BEGIN.
    """
    with engine.connect() as connection:
        if write:
            connection = connection.execution_options(write=True)
        with Session(bind=connection, expire_on_commit=False) as session, session.begin():
            yield session


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A Core connection in a writing transaction (SQLite takes its lock at BEGIN), committed on
    success and rolled back on any error; for bulk writes that need no ORM session."""
    with engine.connect() as connection:
        connection = connection.execution_options(write=True)
        with connection.begin():
            yield connection
