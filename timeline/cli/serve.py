"""`timeline serve`: the database as a zoomable timeline in a browser, read-only."""

from __future__ import annotations

from typing import Annotated

import typer

from timeline.cli.common import DbOption, message, out


def serve(
    host: Annotated[
        str, typer.Option(metavar="ADDRESS", help="Address to listen on; 127.0.0.1 keeps it to this machine.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on; 0 picks a free one.")] = 8000,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log every request on stderr.")] = False,
    db_url: DbOption = None,
) -> None:
    """Show the events in a browser: a zoomable timeline with filters and every source (read-only).

    Examples:

        timeline serve

        timeline serve --port 0 --db news.db

        timeline events --from 2026 --format html > story.html
    """
    # The server and the page builder load only here: the other commands start faster without them.
    from timeline import config, db
    from timeline.web.server import is_loopback, make_server, serve

    engine = db.open_for_read(config.resolve(db_url))
    server = make_server(engine, host, port, log=message if verbose else None)
    if not is_loopback(host):
        message(f"Listening on {host}: anyone who can reach this address can read the database.")
    out.print(server.url, markup=False)  # the URL on stdout: a script can read it (with --port 0)
    message("Serving read-only; Ctrl-C to stop.")
    try:
        serve(server)
    finally:
        engine.dispose()
