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
from timeline.cli.common import TimelineGroup, command, out

app = typer.Typer(
    cls=TimelineGroup,
    name="timeline",
    help="An event-timeline database for news: import articles, then ask what happened when.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(db_commands.app, name="db")
app.add_typer(feeds_commands.app, name="feeds")
command(app, "import")(importer.import_)
command(app, "dates")(dates_commands.dates)
command(app, "events")(events_commands.events)
command(app, "show")(events_commands.show)
command(app, "articles")(events_commands.articles)
command(app, "article")(events_commands.article)
command(app, "actors")(events_commands.actors)
command(app, "kinds")(events_commands.kinds)
command(app, "plot")(events_commands.plot)
command(app, "relink")(relink_commands.relink)
command(app, "serve")(serve_commands.serve)


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

