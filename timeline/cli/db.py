"""`timeline db …`: where the database is and which schema revision it has."""

from __future__ import annotations

from typing import Annotated

import typer

from timeline import config, db
from timeline.cli.common import DbOption, TimelineGroup, message, out

app = typer.Typer(cls=TimelineGroup, help="Database location and migrations.", no_args_is_help=True)


@app.command("path")
def path(db_url: DbOption = None) -> None:
    """Print the database URL in use and where it was decided."""
    location = config.resolve(db_url)
    out.print(location.url, markup=False)
    message(f"(from {location.origin})")


@app.command("upgrade")
def upgrade(
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
    db_url: DbOption = None,
) -> None:
    """Migrate the database up to REVISION (default: head), creating it if needed."""
    location = config.resolve(db_url)
    if location.sqlite_path is not None:
        location.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    engine = db.make_engine(location.url)
    db.upgrade(engine, revision)
    message(f"Database at revision {db.current_revision(engine)}")


@app.command("downgrade")
def downgrade(
    revision: Annotated[str, typer.Argument(help="Target revision; 'base' removes every table.")],
    db_url: DbOption = None,
) -> None:
    """Migrate the database down to REVISION."""
    engine = db.open_existing(config.resolve(db_url))
    db.downgrade(engine, revision)
    message(f"Database at revision {db.current_revision(engine) or 'base'}")


@app.command("current")
def current(db_url: DbOption = None) -> None:
    """Print the database's schema revision (and the newest this program knows)."""
    engine = db.open_existing(config.resolve(db_url))
    revision = db.current_revision(engine)
    head = db.head_revision()
    out.print(revision or "base", markup=False)
    message("(head)" if revision == head else f"(head is {head}; run: timeline db upgrade)")
