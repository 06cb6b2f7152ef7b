"""`timeline import`: read article files, find their events, store them."""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from timeline import config, db, ingest
from timeline.cli.common import DbOption, error, message, progress_bar
from timeline.sources import parse_iso_date


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """SIGTERM ends an import as Ctrl-C does: the article in progress rolled back, the rest whole."""

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave the default
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def import_(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders (read recursively): .txt, .md, .jsonl.")
    ],
    published: Annotated[
        str | None,
        typer.Option(help="Publication date YYYY-MM-DD for plain-text files without a 'date' line."),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Worker processes for extraction.")
    ] = 1,
    force: Annotated[
        bool,
        typer.Option(help="Extract articles already imported again and replace their events (after an upgrade)."),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a machine-readable summary.")] = False,
    db_url: DbOption = None,
) -> None:
    """Import articles and the events found in them; the same content twice is skipped."""
    published_day = parse_iso_date(published, "--published") if published else None
    engine = db.open_for_write(config.resolve(db_url))
    # Read lazily, one article at a time: memory stays flat however large the input.
    items = ingest.iter_sources(paths, published_day)

    def report(result: ingest.FileResult) -> None:
        if result.outcome == "failed":
            error(f"{result.source}: {result.error}")

    with _sigterm_interrupts(), progress_bar() as progress:
        task = progress.add_task("Importing", total=None)  # how many is known only at the end

        def step(result: ingest.FileResult) -> None:
            report(result)
            progress.advance(task)

        try:
            summary = ingest.import_sources(
                engine, items, on_result=step, jobs=jobs, force=force, keep_results=as_json
            )
        except KeyboardInterrupt:
            message("Interrupted: committed articles are whole; the one in progress was rolled back.")
            raise typer.Exit(130) from None

    if as_json:
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    message(
        f"{summary.count('imported')} imported, {summary.count('replaced')} replaced, "
        f"{summary.count('skipped')} skipped, {summary.count('failed')} failed; "
        f"{summary.events} event mentions found"
    )
    if summary.failed:
        raise typer.Exit(1)
