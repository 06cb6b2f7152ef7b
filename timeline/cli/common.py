"""What every command group shares: the database option, consoles, error reporting."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from timeline import config
from timeline.errors import TimelineError

# Data goes to stdout; messages, progress and errors to stderr.
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="URL",
        help=f"Database: a SQLAlchemy URL or a SQLite file path. Default: ${config.ENV_VAR}, "
        "else timeline.db in the user data directory.",
        show_default=False,
    ),
]


class TimelineGroup(TyperGroup):
    """Turns a TimelineError raised anywhere below into one ``Error: …`` line and exit 1."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TimelineError as exc:
            err.print(f"Error: {exc}", markup=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from exc


def message(text: str) -> None:
    err.print(text, markup=False)
