"""`timeline events`, `show`, `articles`, `actors`, `plot`: reading the database.

Thin: options become an :class:`timeline.query.EventQuery`, the query runs, and an
``timeline.output`` renderer prints the result; data on stdout, messages on stderr.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import Engine

from timeline import config, db
from timeline.cli.common import DbOption, message, out
from timeline.errors import TimelineError
from timeline.extract.types import STATUSES
from timeline.output import formats
from timeline.output.formats import date_provenance
from timeline.output.table import actors_table, articles_table, event_detail, events_table
from timeline.query import MAX_SQL_INT, EventQuery, find_events, get_event, list_actors, list_articles, parse_period
from timeline.sources import parse_iso_date


class EventsFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    ics = "ics"
    timelinejs = "timelinejs"
    html = "html"


class ShowFormat(StrEnum):
    table = "table"
    json = "json"


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


Status = StrEnum("Status", {s: s for s in STATUSES})  # type: ignore[misc]


class PlotGroup(StrEnum):
    actor = "actor"
    kind = "kind"


FromOption = Annotated[
    str | None,
    typer.Option("--from", metavar="DATE", help="Period start: YYYY, YYYY-MM or YYYY-MM-DD (its first day)."),
]
ToOption = Annotated[
    str | None,
    typer.Option("--to", metavar="DATE", help="Period end: YYYY, YYYY-MM or YYYY-MM-DD (its last day)."),
]


def _window(start: str | None, end: str | None) -> tuple[date | None, date | None]:
    first = parse_period(start, "--from")[0] if start else None
    last = parse_period(end, "--to")[1] if end else None
    return first, last


def _engine(db_url: str | None) -> Engine:
    return db.open_for_read(config.resolve(db_url))


def _echo(text: str) -> None:
    """Machine output, byte for byte as stored: typer.echo would strip ANSI codes when piped."""
    sys.stdout.write(text)
    sys.stdout.flush()


def events(
    start: FromOption = None,
    end: ToOption = None,
    within: Annotated[
        bool, typer.Option("--within", help="Only events whose whole interval lies in the period.")
    ] = False,
    include_undated: Annotated[
        bool, typer.Option("--include-undated", help="With a period, also list events that have no date.")
    ] = False,
    actor: Annotated[str | None, typer.Option(metavar="NAME", help="A participant, in any form: «Путиным».")] = None,
    kind: Annotated[str | None, typer.Option(metavar="KIND", help="Event kind, e.g. meeting.")] = None,
    status: Annotated[Status | None, typer.Option(help="Event status.")] = None,  # type: ignore[valid-type]
    place: Annotated[str | None, typer.Option(metavar="PLACE", help="Place, in any form: «Москве».")] = None,
    search: Annotated[str | None, typer.Option(metavar="WORDS", help="Words to find in titles and evidence.")] = None,
    article: Annotated[
        str | None, typer.Option(metavar="ID|PATH", help="Only events found in this article.")
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Planned or expected events whose date has passed with no report since.")
    ] = False,
    as_of: Annotated[
        str | None, typer.Option("--as-of", metavar="DATE", help="With --overdue: the day to judge by "
                                 "(default: the newest article's date).")
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, max=MAX_SQL_INT, metavar="N", help="At most N events.")] = None,
    offset: Annotated[int, typer.Option(min=0, max=MAX_SQL_INT, metavar="N", help="Skip the first N events.")] = 0,
    fmt: Annotated[EventsFormat, typer.Option("--format", help="Output format.")] = EventsFormat.table,
    db_url: DbOption = None,
) -> None:
    """List events by date: those overlapping --from..--to (or lying --within it), filtered."""
    first, last = _window(start, end)
    if as_of and not overdue:
        raise TimelineError("--as-of goes with --overdue")
    query = EventQuery(
        start=first, end=last, within=within, include_undated=include_undated, actor=actor, kind=kind,
        status=status.value if status else None, place=place, search=search, article=article,
        overdue=overdue, as_of=parse_iso_date(as_of, "--as-of") if as_of else None, limit=limit, offset=offset,
    )
    engine = _engine(db_url)
    with db.session_scope(engine) as session:
        found = find_events(session, query)
        if fmt is EventsFormat.table:
            if found:
                out.print(events_table(found))
            else:
                message("No events match.")
            return
        if fmt is EventsFormat.html:
            from timeline.web.page import to_html  # the page builder: only when asked for

            _echo(to_html(found))
            return
        render = {
            EventsFormat.json: formats.to_json,
            EventsFormat.jsonl: formats.to_jsonl,
            EventsFormat.csv: formats.to_csv,
            EventsFormat.ics: formats.to_ics,
            EventsFormat.timelinejs: formats.to_timelinejs,
        }[fmt]
        _echo(render(found))


def show(
    event_id: Annotated[
        int, typer.Argument(max=MAX_SQL_INT, metavar="ID", help="Event id (the last column of `events`).")
    ],
    fmt: Annotated[ShowFormat, typer.Option("--format", help="Output format.")] = ShowFormat.table,
    db_url: DbOption = None,
) -> None:
    """Show one event with all its evidence, each sentence within its article text."""
    with db.session_scope(_engine(db_url)) as session:
        event = get_event(session, event_id)
        if fmt is ShowFormat.json:
            _echo(json.dumps(formats.event_dict(event), ensure_ascii=False, indent=2) + "\n")
        else:
            out.print(event_detail(event))


ListFormatOption = Annotated[ListFormat, typer.Option("--format", help="Output format.")]


def list_out(fmt: ListFormat, table: Callable[[], object], rows: list[dict[str, object]]) -> None:
    """A listing as a rich table (built only when asked for), JSON or CSV."""
    if fmt is ListFormat.table:
        out.print(table())
    elif fmt is ListFormat.json:
        _echo(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        _echo(formats.rows_to_csv(rows))


def articles(fmt: ListFormatOption = ListFormat.table, db_url: DbOption = None) -> None:
    """List the imported articles with the number of events found in each."""
    with db.session_scope(_engine(db_url)) as session:
        found = list_articles(session)
    rows = [{"id": r.id, "published": r.published.isoformat(), **date_provenance(r.date_source),
             "source": r.source, "title": r.title, "author": r.author, "events": r.events} for r in found]
    list_out(fmt, lambda: articles_table(found), rows)


def actors(fmt: ListFormatOption = ListFormat.table, db_url: DbOption = None) -> None:
    """List the actors (people, organizations, places) with the number of their events."""
    with db.session_scope(_engine(db_url)) as session:
        found = list_actors(session)
    rows = [{"id": r.id, "name": r.name, "type": r.type, "events": r.events} for r in found]
    list_out(fmt, lambda: actors_table(found), rows)


def plot(
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE", help="Picture to write: .png or .svg.")
    ],
    start: FromOption = None,
    end: ToOption = None,
    group: Annotated[PlotGroup, typer.Option(help="One row per actor or per kind.")] = PlotGroup.kind,
    actor: Annotated[str | None, typer.Option(metavar="NAME", help="Only events with this participant.")] = None,
    kind: Annotated[str | None, typer.Option(metavar="KIND", help="Only events of this kind.")] = None,
    db_url: DbOption = None,
) -> None:
    """Draw the events of a period as a timeline picture."""
    from timeline.output.plot import check_suffix, plot_events  # matplotlib: only when plotting

    check_suffix(output)
    first, last = _window(start, end)
    query = EventQuery(start=first, end=last, actor=actor, kind=kind)
    with db.session_scope(_engine(db_url)) as session:
        found = find_events(session, query)
        drawn = plot_events(found, output, group=group.value, window=(first, last))
    message(f"{drawn} events drawn to {output}")
