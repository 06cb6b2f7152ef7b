"""`timeline feeds …`: follow RSS and Atom feeds and import what is new in them."""

from __future__ import annotations

from typing import Annotated

import typer

from timeline import config
from timeline.cli.common import DbOption, TimelineGroup, command, error, message, progress_bar
from timeline.cli.events import ListFormat, ListFormatOption, list_out
from timeline.sources.web import TIMEOUT

app = typer.Typer(
    cls=TimelineGroup, no_args_is_help=True,
    help="Follow feeds: add their URLs once, then `timeline feeds update` imports what is new (a cron line a day).",
)


@command(app, "add")
def add(
    urls: Annotated[list[str], typer.Argument(metavar="URL...", help="Feed URLs (RSS or Atom).")],
    db_url: DbOption = None,
) -> None:
    """Follow feeds: `timeline feeds update` reads them.

    Examples:

        timeline feeds add https://example.org/rss.xml

        timeline feeds add https://a.example/feed.atom https://b.example/rss
    """
    from timeline import db, following

    engine = db.open_for_write(config.resolve(db_url))
    for url, new in following.add(engine, urls):
        message(f"Following {url}" if new else f"Already following {url}")


@command(app, "remove")
def remove(
    urls: Annotated[list[str], typer.Argument(metavar="URL...", help="Feed URLs followed.")],
    db_url: DbOption = None,
) -> None:
    """Stop following feeds; the articles read from them stay.

    Examples:

        timeline feeds remove https://example.org/rss.xml
    """
    from timeline import db, following

    engine = db.open_for_write(config.resolve(db_url))
    missing = [url for url, was in following.remove(engine, urls) if not was]
    for url in missing:
        error(f"{url}: not followed")
    if missing:
        raise typer.Exit(1)


@command(app, "list")
def list_(fmt: ListFormatOption = ListFormat.table, db_url: DbOption = None) -> None:
    """List the feeds followed: when each was last read, what that read said, articles imported.

    Examples:

        timeline feeds list

        timeline feeds list --format json
    """
    from timeline import db, following
    from timeline.output.table import feeds_table

    engine = db.open_for_read(config.resolve(db_url))
    feeds = following.followed(engine)
    rows = [
        {"id": f.id, "url": f.url, "title": f.title, "added_at": f.added_at.isoformat(),
         "checked_at": f.checked_at.isoformat() if f.checked_at else None, "last_status": f.last_status,
         "imported": f.imported}
        for f in feeds
    ]
    list_out(fmt, lambda: feeds_table(feeds), rows)


@command(app, "update")
def update(
    fetch: Annotated[
        bool, typer.Option("--fetch/--no-fetch", help="Fetch the pages of items that carry only a summary.")
    ] = True,
    timeout: Annotated[
        float, typer.Option(min=0.1, metavar="SECONDS", help="How long to wait for a web server.")
    ] = TIMEOUT,
    db_url: DbOption = None,
) -> None:
    """Read every feed followed and import its new items.

    Examples:

        timeline feeds update

        timeline feeds update --no-fetch

        0 7 * * *  timeline feeds update   (a crontab line: daily at 7)
    """
    from timeline import db, following
    from timeline.sources import web

    engine = db.open_for_write(config.resolve(db_url))
    count = len(following.followed(engine))
    if count == 0:
        error("no feeds followed; add one with `timeline feeds add URL`")
        raise typer.Exit(1)
    with progress_bar() as progress:
        task = progress.add_task("Reading feeds", total=count)

        def on_feed(result: following.FeedResult) -> None:
            progress.advance(task)
            if result.status == "failed":
                error(f"{result.url}: {result.error}")
            elif result.status == "unchanged":
                message(f"{result.url}: unchanged")
            elif result.summary is not None:
                s = result.summary
                message(f"{result.url}: {s.count('imported')} new, {s.count('replaced')} updated, "
                        f"{s.count('skipped')} seen before, {s.count('failed')} failed")

        def on_result(result: object) -> None:
            if getattr(result, "outcome", None) == "failed":
                error(f"{result.source}: {result.error}")  # type: ignore[attr-defined]

        summary = following.update_all(
            engine, fetch=fetch, on_feed=on_feed, on_result=on_result,
            fetcher_factory=lambda: web.Fetcher(timeout=timeout),
        )
    feeds_failed = sum(f.status == "failed" for f in summary.feeds)
    unchanged = sum(f.status == "unchanged" for f in summary.feeds)
    message(
        f"{len(summary.feeds)} feeds read ({unchanged} unchanged, {feeds_failed} failed): "
        f"{summary.total('imported')} imported, {summary.total('replaced')} replaced, "
        f"{summary.total('skipped')} skipped, {summary.total('failed')} failed"
    )
    if summary.failed:
        raise typer.Exit(1)
