"""What every command group shares: the database option, consoles, error reporting."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from typer.core import TyperGroup

from timeline import config
from timeline.errors import TimelineError
from timeline.output.terminal import terminal_safe

if TYPE_CHECKING:
    from rich.progress import Progress

F = TypeVar("F", bound=Callable[..., Any])

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
            error(str(exc))
            raise typer.Exit(exc.exit_code) from exc


def command(app: typer.Typer, name: str, **options: Any) -> Callable[[F], F]:
    """``app.command(name)``, with the docstring's «Examples:» section moved to the end of ``--help``
    (its epilog), one example a line, after the options."""

    def register(fn: F) -> F:
        doc = inspect.cleandoc(fn.__doc__ or "")
        text, _, examples = doc.partition("\nExamples:")
        lines = [line.strip() for line in examples.splitlines() if line.strip()]
        epilog = "Examples:\n\n" + "\n\n".join(f"  {line}" for line in lines) if lines else None
        app.command(name, help=text.strip(), epilog=epilog, **options)(fn)
        return fn

    return register


def piped() -> bool:
    """Whether standard output goes to a pipe or a file rather than a person's terminal."""
    return not out.is_terminal


def progress_bar() -> Progress:
    """The bar a long command shows on stderr (nothing when stderr is not a terminal)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def message(text: str) -> None:
    err.print(terminal_safe(text), markup=False)


def error(text: str) -> None:
    """One ``Error: …`` line; the text may quote a user's input or stored text, so it is escaped."""
    err.print(f"Error: {terminal_safe(text)}", markup=False, soft_wrap=True)
