"""`timeline dates`: show the temporal expressions the program finds in a text."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from timeline.cli.common import out
from timeline.errors import TimelineError


class DatesFormat(StrEnum):
    table = "table"
    json = "json"


def dates(
    text: Annotated[str | None, typer.Argument(help="The text to read (or use --file).")] = None,
    anchor: Annotated[
        str | None,
        typer.Option(help="Publication date YYYY-MM-DD that relative words resolve against. Default: today."),
    ] = None,
    file: Annotated[
        str | None, typer.Option("--file", "-f", help="Read the text from a file, or '-' for stdin.")
    ] = None,
    fmt: Annotated[DatesFormat, typer.Option("--format", help="Output format.")] = DatesFormat.table,
) -> None:
    """Find the dates in a Russian TEXT and show how each resolves to an interval.

    The text is read as ``timeline import`` reads an article: the same normalization, sentences and
    date stage, so offsets and intervals are the ones import stores. A --file in the seed format is
    the article after its date line, anchored on that date unless --anchor is given.

    Examples:

        timeline dates "в декабре посещали Москву" --anchor 2026-01-14

        timeline dates --file seeds/000_26853ce867b8a829.txt --format json
    """
    if (text is None) == (file is None):
        raise TimelineError("give either TEXT or --file (use --file - for standard input)")
    from timeline.sources.readers import MANY_ARTICLES, SUFFIXES, SourceError, normalize_text, parse_iso_date, read_file

    given_anchor = parse_iso_date(anchor, "--anchor") if anchor else None
    # The text as import stores it (NFC, line ends, control characters), so offsets are the stored ones.
    if file is not None and file != "-":
        path = Path(file)
        if SUFFIXES.get(path.suffix.lower()) in MANY_ARTICLES:
            what = {"jsonl": "a JSON Lines file", "json": "a JSON export", "csv": "a CSV export", "feed": "a feed"}
            raise TimelineError(f"{file}: {what[SUFFIXES[path.suffix.lower()]]} holds many articles; "
                                "give one article's text")
        article = next(read_file(path, given_anchor or date.today()))
        if isinstance(article, SourceError):
            raise article
        source = article.text
        anchor_day = given_anchor or article.published  # a seed file's date line is its anchor
    else:
        source = normalize_text(sys.stdin.read() if file == "-" else text or "")
        anchor_day = given_anchor or date.today()
    from timeline.extract.pipeline import dates as read_dates  # loads morphology: only when used

    found = read_dates(source, anchor_day).times
    if fmt is DatesFormat.json:
        typer.echo(json.dumps([e.to_dict() for e in found], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"anchor {anchor_day.isoformat()}", title_justify="left")
    for column in ("text", "span", "type", "start", "end", "precision", "modifier", "duration"):
        table.add_column(column, no_wrap=column in {"text", "start", "end", "duration"})
    for e in found:
        d = e.to_dict()
        table.add_row(
            e.text, f"{e.span[0]}–{e.span[1]}", e.type,
            *(str(d[k] or "") for k in ("start", "end", "precision", "modifier", "duration")),
        )
    out.print(table)
