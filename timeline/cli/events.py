"""`timeline events`, `show`, `articles`, `actors`, `plot`: reading the database.

Thin: options become an :class:`timeline.query.EventQuery`, the query runs, and an
``timeline.output`` renderer prints the result; data on stdout, messages on stderr.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
from collections.abc import Callable, Iterable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from timeline import config
from timeline.cli.common import DbOption, message, out, piped
from timeline.errors import TimelineError
from timeline.extract.types import STATUSES
from timeline.vocabulary import KINDS, complete

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from timeline.query import EventQuery

# The SQL integer's range, for the options' bounds (timeline.query checks the same one; the CLI module
# does not import the query layer, and SQLAlchemy under it, before a command runs).
MAX_SQL_INT = 2**63 - 1


class EventsFormat(StrEnum):
    table = "table"
    tsv = "tsv"
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
    tsv = "tsv"
    json = "json"
    csv = "csv"


KindOption = Annotated[
    str | None,
    typer.Option(metavar="KIND", help="Event kind: its code or its Russian word (meeting, встреча); "
                 "see `timeline kinds`.", autocompletion=lambda incomplete: complete(KINDS, incomplete)),
]
StatusOption = Annotated[
    str | None,
    typer.Option(metavar="STATUS", help="Current status: " + ", ".join(STATUSES) + " (or its Russian word).",
                 autocompletion=lambda incomplete: complete(STATUSES, incomplete)),
]


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
    from timeline.query import parse_period

    first = parse_period(start, "--from")[0] if start else None
    last = parse_period(end, "--to")[1] if end else None
    return first, last


def _engine(db_url: str | None) -> Engine:
    from timeline import db

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
    kind: KindOption = None,
    status: StatusOption = None,
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
    """List events by date: those overlapping --from..--to (or lying --within it), filtered.

    Examples:

        timeline events --from 2025-12 --to 2026-01

        timeline events --actor Путиным --kind встреча --format json

        timeline events --overdue

        timeline events | grep Путин | cut -f1,2,7
    """
    from timeline import db
    from timeline.output import formats, plain
    from timeline.query import EventQuery, find_events, iter_events
    from timeline.sources import parse_iso_date
    from timeline.vocabulary import kind_code, status_code

    first, last = _window(start, end)
    if as_of and not overdue:
        raise TimelineError("--as-of goes with --overdue")
    query = EventQuery(
        start=first, end=last, within=within, include_undated=include_undated, actor=actor,
        kind=kind_code(kind), status=status_code(status),
        place=place, search=search, article=article,
        overdue=overdue, as_of=parse_iso_date(as_of, "--as-of") if as_of else None, limit=limit, offset=offset,
    )
    engine = _engine(db_url)
    with db.session_scope(engine) as session:
        if fmt is EventsFormat.html:  # one self-contained page: it holds every event
            from timeline.web.page import to_html  # the page builder: only when asked for

            _echo(to_html(find_events(session, query)))
            return
        if fmt is EventsFormat.table and not piped():
            _first_page(session, query, offset)
            return
        # Everything else streams: events are loaded a chunk at a time and written as they come.
        found = iter_events(session, query)
        try:
            head = next(found, None)
            if head is None and fmt in (EventsFormat.table, EventsFormat.tsv):
                message("No events match.")
                return
            events_in_order = itertools.chain([head] if head is not None else [], found)
            writer = {
                EventsFormat.table: plain.event_line_chunks,  # a pipe: a line an event, every field whole
                EventsFormat.tsv: plain.event_line_chunks,
                EventsFormat.json: formats.json_chunks,
                EventsFormat.jsonl: formats.jsonl_chunks,
                EventsFormat.csv: formats.csv_chunks,
                EventsFormat.ics: formats.ics_chunks,
                EventsFormat.timelinejs: formats.timelinejs_chunks,
            }[fmt]
            _stream(writer(events_in_order))
        finally:
            found.close()


TABLE_PAGE = 100  # events a terminal table shows; the rest is a command away


def _first_page(session: Session, query: EventQuery, offset: int) -> None:
    """A terminal's table: the first page, and how to see the rest."""
    from timeline.output.table import events_table
    from timeline.query import count_events, iter_events

    found = iter_events(session, query, chunk=TABLE_PAGE + 1)
    try:
        page = list(itertools.islice(found, TABLE_PAGE + 1))
    finally:
        found.close()
    if not page:
        message("No events match.")
        return
    if len(page) <= TABLE_PAGE:
        out.print(events_table(page))
        return
    total = count_events(session, query) + offset
    out.print(events_table(page[:TABLE_PAGE], caption=f"events {offset + 1}–{offset + TABLE_PAGE} of {total:,}"))
    message(f"More: --offset {offset + TABLE_PAGE} for the next {TABLE_PAGE}, --limit N for as many, or "
            "pipe it (| less, > file) for every one, a line each.")


def _stream(chunks: Iterable[str]) -> None:
    """Write machine output as it is made; a reader that stops early (| head) ends it quietly."""
    try:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
    except BrokenPipeError:
        # Python would report the broken pipe again when it flushes stdout at exit: point it at nothing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None


def show(
    event_id: Annotated[
        int, typer.Argument(max=MAX_SQL_INT, metavar="ID", help="Event id (the last column of `events`).")
    ],
    fmt: Annotated[ShowFormat, typer.Option("--format", help="Output format.")] = ShowFormat.table,
    db_url: DbOption = None,
) -> None:
    """Show one event: its fields, its history, and every source with the cited sentence in its text.

    Examples:

        timeline show 3

        timeline show 3 --format json | jq .history
    """
    from timeline import db
    from timeline.output import formats
    from timeline.output.table import event_detail
    from timeline.query import get_event

    with db.session_scope(_engine(db_url)) as session:
        event = get_event(session, event_id)
        if fmt is ShowFormat.json:
            _echo(json.dumps(formats.event_dict(event), ensure_ascii=False, indent=2) + "\n")
        else:
            out.print(event_detail(event), soft_wrap=False)  # wrapped by rich, at word boundaries


def article(
    article_id: Annotated[
        int, typer.Argument(max=MAX_SQL_INT, metavar="ID", help="Article id (the first column of `articles`).")
    ],
    fmt: Annotated[ShowFormat, typer.Option("--format", help="Output format.")] = ShowFormat.table,
    db_url: DbOption = None,
) -> None:
    """Print an article's stored text with the sentences that report events marked and their events named.

    Examples:

        timeline article 3

        timeline article 3 --format json | jq .mentions
    """
    from timeline import db
    from timeline.output.formats import date_provenance
    from timeline.output.table import article_text
    from timeline.query import get_article

    with db.session_scope(_engine(db_url)) as session:
        found, mentions = get_article(session, article_id)
        if fmt is ShowFormat.json:
            doc = {
                "id": found.id, "title": found.title, "published": found.published.isoformat(),
                **date_provenance(found.date_source), "source": found.source, "author": found.author,
                "language": found.language, "text": found.text,
                "mentions": [{"id": m.id, "event_id": m.event_id, "kind": m.event.kind, "title": m.event.title,
                              "start": m.start, "end": m.end, "sentence": m.sentence} for m in mentions],
            }
            _echo(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        else:
            out.print(article_text(found, mentions), soft_wrap=False)


ListFormatOption = Annotated[ListFormat, typer.Option("--format", help="Output format.")]


def list_out(fmt: ListFormat, table: Callable[[], object], rows: list[dict[str, object]]) -> None:
    """A listing as a rich table (built only when asked for; a line a row when piped), JSON or CSV."""
    from timeline.output import formats, plain

    if fmt is ListFormat.table and not piped():
        out.print(table())
    elif fmt in (ListFormat.table, ListFormat.tsv):
        _echo(plain.record_lines(rows))
    elif fmt is ListFormat.json:
        _echo(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        _echo(formats.rows_to_csv(rows))


def kinds(fmt: ListFormatOption = ListFormat.table) -> None:
    """List the kinds of happening and the statuses, with the Russian words --kind and --status take.

    The code is what JSON holds; the label is the word a user may type instead; the meaning says what
    each stands for.

    Examples:

        timeline kinds

        timeline events --kind встреча --status состоялось
    """
    from timeline.output.table import vocabulary_table
    from timeline.vocabulary import kinds as kind_terms
    from timeline.vocabulary import statuses as status_terms

    rows = [{"what": "kind", "code": t.code, "label": t.label, "meaning": t.meaning} for t in kind_terms()]
    rows += [{"what": "status", "code": t.code, "label": t.label, "meaning": t.meaning} for t in status_terms()]
    list_out(fmt, lambda: vocabulary_table(rows), rows)


def articles(fmt: ListFormatOption = ListFormat.table, db_url: DbOption = None) -> None:
    """List the imported articles with the number of events found in each.

    Examples:

        timeline articles

        timeline articles --format json | jq '.[] | select(.date_guessed)'
    """
    from timeline import db
    from timeline.output.formats import date_provenance
    from timeline.output.table import articles_table
    from timeline.query import list_articles

    with db.session_scope(_engine(db_url)) as session:
        found = list_articles(session)
    rows = [{"id": r.id, "published": r.published.isoformat(), **date_provenance(r.date_source),
             "source": r.source, "title": r.title, "author": r.author, "events": r.events} for r in found]
    list_out(fmt, lambda: articles_table(found), rows)


def actors(fmt: ListFormatOption = ListFormat.table, db_url: DbOption = None) -> None:
    """List the actors (people, organizations, places) with the number of their events.

    Examples:

        timeline actors

        timeline actors --format csv > actors.csv
    """
    from timeline import db
    from timeline.output.table import actors_table
    from timeline.query import list_actors

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
    kind: KindOption = None,
    db_url: DbOption = None,
) -> None:
    """Draw the events of a period as a timeline picture.

    Examples:

        timeline plot -o story.png --from 2025-12 --to 2026-03

        timeline plot -o putin.svg --group actor --actor Путин
    """
    from timeline import db
    from timeline.output.labels import plural
    from timeline.output.plot import check_suffix, plot_events  # matplotlib: only when plotting
    from timeline.query import EventQuery, find_events
    from timeline.vocabulary import kind_code

    check_suffix(output)
    first, last = _window(start, end)
    query = EventQuery(start=first, end=last, actor=actor, kind=kind_code(kind))
    with db.session_scope(_engine(db_url)) as session:
        found = find_events(session, query)
        drawn = plot_events(found, output, group=group.value, window=(first, last), actor=actor, kind=kind)
    message(f"{plural(drawn, 'event')} drawn to {output}")
