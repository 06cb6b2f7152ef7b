"""`timeline import`: read articles from files, folders, URLs or standard input, find their events, store them."""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from timeline import config
from timeline.cli.common import DbOption, error, message, progress_bar
from timeline.sources.web import TIMEOUT

if TYPE_CHECKING:
    from timeline import ingest


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


class InputFormat(StrEnum):
    text = "text"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    html = "html"
    feed = "feed"


def import_(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="SOURCE...",
            help="Files or folders (read recursively): .txt .md (text), .jsonl .json .csv (exports), "
            ".html .htm (web pages), .rss .atom .xml (feeds); http(s):// URLs of pages or feeds; "
            "- for standard input.",
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option(help="Publication date YYYY-MM-DD for texts and pages that state none."),
    ] = None,
    fetch: Annotated[
        bool,
        typer.Option(
            "--fetch/--no-fetch",
            help="Fetch the page of a feed item that carries only a summary, and of an export record "
            "with a URL but no text (--no-fetch: keep summaries; such records fail).",
        ),
    ] = True,
    timeout: Annotated[
        float, typer.Option(min=0.1, metavar="SECONDS", help="How long to wait for a web server.")
    ] = TIMEOUT,
    input_format: Annotated[
        InputFormat | None,
        typer.Option("--format", help="Format of standard input, when its content does not tell."),
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
    """Import articles and the events found in them; the same content twice is skipped.

    Examples:

        timeline import seeds/

        timeline import https://example.org/rss.xml notes.txt --published 2026-01-14

        curl -s https://example.org/export.jsonl | timeline import -
    """
    from timeline import db, ingest
    from timeline.sources import parse_iso_date
    from timeline.sources.readers import ARTICLE_SUFFIXES
    from timeline.sources.web import Fetcher

    published_day = parse_iso_date(published, "--published") if published else None
    engine = db.open_for_write(config.resolve(db_url))
    # Read lazily, one article at a time: memory stays flat however large the input.
    seen, close_lookup = ingest.source_lookup(engine)
    items = ingest.iter_sources(
        paths, published_day, fetch=fetch, seen=seen, fmt=input_format.value if input_format else None,
        fetcher_factory=lambda: Fetcher(timeout=timeout),
    )

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
        finally:
            close_lookup()

    if as_json:
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    message(
        f"{summary.count('imported')} imported, {summary.count('replaced')} replaced, "
        f"{summary.count('skipped')} skipped, {summary.count('failed')} failed; "
        f"{summary.events} event mentions found"
    )
    if summary.failed:
        raise typer.Exit(1)
    if not summary.counts:
        error("nothing imported: no article files among the paths given "
              f"(timeline reads {', '.join(sorted(ARTICLE_SUFFIXES))})")
        raise typer.Exit(1)
