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
from timeline.sources.readers import parse_iso_date


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
    """Find the dates in a Russian TEXT and show how each resolves to an interval."""
    if (text is None) == (file is None):
        raise TimelineError("give either TEXT or --file (use --file - for standard input)")
    if file == "-":
        source = sys.stdin.read()
    elif file is not None:
        try:
            source = Path(file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise TimelineError(f"{file}: cannot read: {exc}") from exc
    else:
        source = text or ""
    from timeline.extract.dates import find_dates  # loads morphology: only when used

    anchor_day = parse_iso_date(anchor, "--anchor") if anchor else date.today()
    found = find_dates(source, anchor_day)
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
