"""The `timeline` command line: a thin layer over the typed core."""

from __future__ import annotations

from typing import Annotated

import typer

from timeline import __version__
from timeline.cli import dates as dates_commands
from timeline.cli import db as db_commands
from timeline.cli import events as events_commands
from timeline.cli import feeds as feeds_commands
from timeline.cli import importer
from timeline.cli import relink as relink_commands
from timeline.cli import serve as serve_commands
from timeline.cli.common import TimelineGroup, out

app = typer.Typer(
    cls=TimelineGroup,
    name="timeline",
    help="An event-timeline database for news: import articles, then ask what happened when.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(db_commands.app, name="db")
app.add_typer(feeds_commands.app, name="feeds")
app.command("import")(importer.import_)
app.command("dates")(dates_commands.dates)
app.command("events")(events_commands.events)
app.command("show")(events_commands.show)
app.command("articles")(events_commands.articles)
app.command("actors")(events_commands.actors)
app.command("plot")(events_commands.plot)
app.command("relink")(relink_commands.relink)
app.command("serve")(serve_commands.serve)


def _version(value: bool) -> None:
    if value:
        out.print(f"timeline {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """An event-timeline database for news."""

