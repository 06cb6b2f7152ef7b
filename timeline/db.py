"""Engines, sessions and migrations.

Writing commands call :func:`open_for_write`, which migrates to head; reading commands
call :func:`open_for_read`, which refuses to create a database that is not there.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import URL, Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session

from timeline import __version__, config
from timeline.config import DatabaseLocation
from timeline.errors import TimelineError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# Alembic (and mako, pygments under it) loads only when a migration runs or its scripts are read:
# every other command knows the revisions from the migration files' names (0001_… to the head) and
# reads the database's own from its alembic_version table (tests/test_migrations.py holds the two
# to alembic's view).
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")

SQLITE_BUSY_TIMEOUT_MS = 30_000
SQLITE_CHECKPOINT_PAGES = 10_000
# Any fixed number: every migrating process takes this PostgreSQL advisory lock first.
MIGRATION_LOCK_KEY = 0x74696D656C696E65  # "timeline"


def _sqlite_on_connect(foreign_keys: bool, read_only: bool) -> Callable[[Any, Any], None]:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, emit BEGIN (see _sqlite_on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # Off only while migrating: rebuilding a table drops the old one, which would cascade.
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if not read_only:
            # WAL lets readers and one writer work at once; concurrent importers wait, not fail.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            # Checkpoint every ~40 MB of log, not every 4 MB: an import commits once per article, and each
            # checkpoint rewrites the hot index pages and syncs the file (a quarter of the time spent storing).
            cursor.execute(f"PRAGMA wal_autocheckpoint={SQLITE_CHECKPOINT_PAGES}")
        cursor.close()

    return on_connect


def _sqlite_on_begin(connection: Connection) -> None:
    # A writer takes the write lock up front: a deferred transaction that reads first
    # would fail with SQLITE_BUSY, instead of waiting, when another writer got in between.
    immediate = connection.get_execution_options().get("write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _sqlite_file(url: URL) -> Path | None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def _read_only_uri(path: Path) -> str | None:
    """A URI that reads a database in a folder this process cannot write, or None if it can.

    SQLite needs to create the ``-shm`` and ``-wal`` files of a WAL database to read it; where
    it cannot, and they are not there, the file is read as immutable (nobody can change it there).
    """
    if os.access(path.parent, os.W_OK):
        return None
    shm, wal = (path.with_name(path.name + suffix) for suffix in ("-shm", "-wal"))
    params = "mode=ro"
    if not (shm.exists() and wal.exists()):
        if wal.exists() and wal.stat().st_size > 0:
            raise TimelineError(
                f"cannot read {path}: its folder is read-only and its log ({wal.name}) was never merged; "
                "open it once where it can be written"
            )
        params += "&immutable=1"
    return f"file:{quote(str(path.resolve()))}?{params}"


def make_engine(url: str, *, foreign_keys: bool = True, read_only: bool = False) -> Engine:
    """An engine for ``url``. SQLite: WAL, a busy timeout, foreign keys on (``foreign_keys=False``
    for migrations); ``read_only`` opens the file without writing to it, even in a read-only folder."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise TimelineError(f"not a database URL: {url}") from exc
    try:
        if parsed.get_backend_name() == "sqlite":
            timeout = SQLITE_BUSY_TIMEOUT_MS / 1000
            path = _sqlite_file(parsed) if read_only else None
            uri = _read_only_uri(path) if path is not None else None
            if uri is not None:
                engine = create_engine(
                    "sqlite://",
                    creator=lambda: sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False),
                )
            else:
                engine = create_engine(url, connect_args={"timeout": timeout})
            event.listen(engine, "connect", _sqlite_on_connect(foreign_keys, read_only or uri is not None))
            event.listen(engine, "begin", _sqlite_on_begin)
            return engine
        return create_engine(url, pool_pre_ping=True)
    except (ImportError, NoSuchModuleError) as exc:
        raise TimelineError(f"no database driver for {parsed.drivername}") from exc


def migrations_path() -> str:
    return str(resources.files("timeline.migrations"))


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    # The stdout of now: alembic's default is the one of when it was first imported, which may be gone.
    cfg = Config(stdout=sys.stdout)
    cfg.set_main_option("script_location", migrations_path())
    if engine is not None:
        # ConfigParser interpolates '%'; URL-encoded options contain it.
        url = engine.url.render_as_string(hide_password=False).replace("%", "%%")
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def _migration_engine(engine: Engine) -> Engine:
    """SQLite migrations run with foreign keys off, as SQLite's own recipe for rebuilding tables says
    (a fresh in-memory database has nothing to cascade, and no second connection would see it)."""
    if engine.dialect.name == "sqlite" and _sqlite_file(engine.url) is not None:
        return make_engine(engine.url.render_as_string(hide_password=False), foreign_keys=False)
    return engine


def _run(engine: Engine, fn: Any, *args: Any) -> None:
    """Run an alembic command in one transaction that no other migrating process can enter:
    SQLite takes its write lock at BEGIN, PostgreSQL an advisory lock; a second importer started
    at the same time waits, then finds the database already migrated."""
    from alembic.script.revision import RevisionError
    from alembic.util.exc import CommandError

    cfg = alembic_config(engine)
    migrating = _migration_engine(engine)
    try:
        with migrating.connect() as connection:
            connection = connection.execution_options(write=True)
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
                cfg.attributes["connection"] = connection
                try:
                    fn(cfg, *args)
                except (CommandError, RevisionError) as exc:
                    raise TimelineError(f"cannot migrate: {exc}") from exc
                if connection.dialect.name == "sqlite":
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise TimelineError(f"migration left {len(broken)} rows without their parent; rolled back")
    finally:
        if migrating is not engine:
            migrating.dispose()


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    _run(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    _run(engine, command.downgrade, revision)


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision, from the table alembic keeps it in (None: not migrated)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(versions) > 1:  # branches: this project's history is linear, so a newer program wrote it
        raise TimelineError(f"the database has several schema heads ({', '.join(versions)})")
    return versions[0] if versions else None


def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def known_revisions() -> set[str]:
    """Every revision this program has a migration for, from the migration files' names."""
    names = (entry.name for entry in resources.files("timeline.migrations.versions").iterdir())
    return {m.group(1) for m in map(_REVISION_FILE.match, names) if m}


def head_revision() -> str | None:
    """The newest revision: migrations are numbered in order and their history is linear."""
    return max(known_revisions(), default=None)


def check_known(revision: str | None) -> None:
    """A database written by a newer timeline cannot be read or migrated by this one."""
    if revision is not None and revision not in known_revisions():
        raise TimelineError(
            f"the database is at schema revision {revision}, newer than this timeline {__version__} knows "
            f"(up to {head_revision()}); install a newer timeline to use it"
        )


def revisions_between(current: str | None, target: str) -> list[tuple[str, str]]:
    """The (revision, what it did) a downgrade from ``current`` to ``target`` undoes, newest first."""
    if current is None:
        return []
    from alembic.script.revision import RevisionError
    from alembic.util.exc import CommandError

    try:
        scripts = list(_scripts().iterate_revisions(current, target))
    except (CommandError, RevisionError) as exc:
        raise TimelineError(f"cannot migrate: {exc}") from exc
    return [(s.revision, (s.doc or "").strip().splitlines()[0] if s.doc else "") for s in scripts]


def _connect_error(location: DatabaseLocation, exc: Exception) -> TimelineError:
    reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
    return TimelineError(f"cannot open the database {location.display}: {config.scrub(reason, location.url)}")


@contextmanager
def reporting_errors(location: DatabaseLocation) -> Iterator[None]:
    """Driver errors on opening a database (not a database, refused, locked…) as one clean line."""
    try:
        yield
    except DBAPIError as exc:
        raise _connect_error(location, exc) from exc


def open_for_write(location: DatabaseLocation) -> Engine:
    """An engine on a database migrated to head, creating the database file if needed."""
    path = location.sqlite_path
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(location.url)
    with reporting_errors(location):
        revision = current_revision(engine)
        check_known(revision)
        if revision != head_revision():
            upgrade(engine)  # under the migration lock: a concurrent importer's upgrade is found done
    return engine


def open_existing(location: DatabaseLocation, *, read_only: bool = False) -> Engine:
    """An engine on a database that must already exist, whatever its revision."""
    path = location.sqlite_path
    if path is not None and not path.exists():
        raise TimelineError(
            f"no database at {path}; import articles first (timeline import PATH) or pass --db"
        )
    if path is not None and not path.is_file():
        raise TimelineError(f"{path} is not a database file")
    return make_engine(location.url, read_only=read_only)


def open_for_read(location: DatabaseLocation) -> Engine:
    """An engine on an existing, migrated database; never creates or writes one."""
    engine = open_existing(location, read_only=True)
    with reporting_errors(location):
        revision = current_revision(engine)
        tables = inspect(engine).get_table_names()
    check_known(revision)
    if revision is None or "events" not in tables:
        raise TimelineError(f"the database {location.display} is empty; import articles first")
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
