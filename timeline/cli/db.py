"""`timeline db …`: where the database is and which schema revision it has."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from timeline import config
from timeline.cli.common import DbOption, TimelineGroup, command, message, out
from timeline.errors import TimelineError

if TYPE_CHECKING:
    from sqlalchemy import Engine

app = typer.Typer(cls=TimelineGroup, help="Database location and migrations.", no_args_is_help=True)


@command(app, "path")
def path(
    url: Annotated[bool, typer.Option("--url", help="Print the SQLAlchemy URL instead (its password masked).")] = False,
    db_url: DbOption = None,
) -> None:
    """Print where the database is: the SQLite file's path, which sqlite3 and Datasette take as it is
    (a server database's URL, its password masked); and, on stderr, where that was decided.

    Examples:

        sqlite3 "$(timeline db path)" "SELECT * FROM event_view LIMIT 5"

        datasette "$(timeline db path)"

        timeline db path --url
    """
    location = config.resolve(db_url)
    file = location.sqlite_path
    shown = str(file.absolute()) if file is not None and not url else location.display
    out.print(shown, markup=False, soft_wrap=True)
    message(f"(from {location.origin})")


@command(app, "upgrade")
def upgrade(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
    db_url: DbOption = None,
) -> None:
    """Migrate the database up to REVISION (default: head), creating it if needed.

    Examples:

        timeline db upgrade

        timeline db upgrade 0009 --db news.db
    """
    from timeline import db

    location = config.resolve(db_url)
    if location.sqlite_path is not None:
        location.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    engine = db.make_engine(location.url)
    with db.reporting_errors(location):
        db.check_known(db.current_revision(engine))
        db.upgrade(engine, revision)
        message(f"Database at revision {db.current_revision(engine)}")


def _stored(engine: Engine) -> tuple[int, int]:
    """How many articles and events the database holds (0, 0 without the tables)."""
    from sqlalchemy import func, inspect, select

    from timeline.models import Article, Event

    tables = set(inspect(engine).get_table_names())
    if not {"articles", "events"} <= tables:
        return 0, 0
    with engine.connect() as connection:
        articles = connection.scalar(select(func.count()).select_from(Article.__table__)) or 0
        events = connection.scalar(select(func.count()).select_from(Event.__table__)) or 0
    return articles, events


def _loss(engine: Engine, current: str | None, revision: str) -> str | None:
    """What a downgrade would take away, for the confirmation, or None if nothing is stored."""
    from timeline import db

    articles, events = _stored(engine)
    if not articles:
        return None
    undone = db.revisions_between(current, revision)
    if not undone:
        return None
    if revision == "base":
        return f"every table and all it holds: {articles:,} articles and {events:,} events"
    steps = "; ".join(f"{rev} ({what})" for rev, what in undone)
    return f"the schema changes of {steps}, with what they store, in a database of {articles:,} articles"


@command(app, "downgrade", context_settings={"ignore_unknown_options": True})  # so that «-1» is a revision
def downgrade(
    revision: Annotated[
        str, typer.Argument(help="Target revision: an id, -N for N steps, or 'base' (removes every table).")
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    db_url: DbOption = None,
) -> None:
    """Migrate the database down to REVISION; asks first when that would remove stored data.

    Examples:

        timeline db downgrade -1

        timeline db downgrade 0008 --yes
    """
    from timeline import db

    location = config.resolve(db_url)
    engine = db.open_existing(location)
    with db.reporting_errors(location):
        current = db.current_revision(engine)
        db.check_known(current)
        loss = _loss(engine, current, revision)
        if loss is not None and not yes:
            if not sys.stdin.isatty():
                raise TimelineError(f"this downgrade would remove {loss}; pass --yes to go ahead")
            message(f"This downgrade removes {loss}.")
            if not typer.confirm("Go ahead?", default=False, err=True):
                raise TimelineError("nothing changed")
        db.downgrade(engine, revision)
        message(f"Database at revision {db.current_revision(engine) or 'base'}")


@command(app, "current")
def current(db_url: DbOption = None) -> None:
    """Print the database's schema revision (and the newest this program knows).

    Examples:

        timeline db current

        timeline db current --db postgresql://me@localhost/news
    """
    from timeline import db

    location = config.resolve(db_url)
    engine = db.open_existing(location, read_only=True)
    with db.reporting_errors(location):
        revision = db.current_revision(engine)
    head = db.head_revision()
    out.print(revision or "base", markup=False)
    if revision is not None and revision not in db.known_revisions():
        message(f"(newer than this timeline knows: its head is {head})")
    else:
        message("(head)" if revision == head else f"(head is {head}; run: timeline db upgrade)")
