"""Output for pipes: one record per line, tab-separated, with a header, every field whole.

When standard output is not a terminal, a table would be a wrapped box that `grep`, `cut` and `sort`
cannot use; these lines can. A field's tabs and line breaks become spaces (a field never spans two
columns or two lines), and characters that could steer a terminal are escaped as in tables (a pipe
often ends in `less`). Machine formats (JSON, CSV) keep the stored text exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from timeline.models import Event
from timeline.output.labels import date_label
from timeline.output.terminal import terminal_safe

_BREAKS = re.compile(r"[\t\r\n\v\f\u2028\u2029]+")

EVENT_COLUMNS = ("id", "date", "start", "end", "status", "kind", "title", "participants", "place", "sources")


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return terminal_safe(_BREAKS.sub(" ", str(value)))


def line(values: Iterable[Any]) -> str:
    """One record: its fields, tab-separated, whole."""
    return "\t".join(cell(v) for v in values) + "\n"


def event_line_chunks(events: Iterable[Event]) -> Iterator[str]:
    """The header, then a line an event, as they come."""
    from timeline.output.table import actor_names, sources

    yield line(EVENT_COLUMNS)
    for e in events:
        yield line((e.id, date_label(e), e.start.isoformat() if e.start else None,
                    e.end.isoformat() if e.end else None, e.status, e.kind, e.title, actor_names(e), e.place,
                    sources(e)))


def record_lines(rows: Sequence[dict[str, Any]]) -> str:
    """Listing rows (the keys of the first are the header)."""
    if not rows:
        return ""
    header = list(rows[0])
    return line(header) + "".join(line(r.get(k) for k in header) for r in rows)
