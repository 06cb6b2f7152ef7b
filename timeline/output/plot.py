"""A timeline picture: one row per actor or kind; intervals as bars, single days as
points, deadlines as arrows to their bound. PNG or SVG, chosen by the file's suffix."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

import matplotlib

matplotlib.use("Agg")  # never a window, also without a display

import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from timeline.errors import TimelineError
from timeline.models import Event
from timeline.output.labels import events_count

Group = Literal["actor", "kind"]
SUFFIXES = {".png": "png", ".svg": "svg"}
MAX_LABELLED = 80  # past this many marks, titles would only overlap
NO_ACTOR = "(без участников)"
STYLE = {
    "font.family": "DejaVu Sans",  # ships with matplotlib and has Cyrillic
    "svg.fonttype": "none",  # SVG keeps text as text: searchable, and small
}


def check_suffix(path: Path) -> str:
    """The picture format a file name asks for; anything but .png and .svg is an error."""
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise TimelineError(f"-o {path}: the file must end in .png or .svg")
    return fmt


def _rows(events: Sequence[Event], group: Group) -> dict[str, list[Event]]:
    rows: dict[str, list[Event]] = {}
    for event in events:
        if group == "kind":
            keys = [event.kind]
        else:
            keys = list(dict.fromkeys(a.actor.name for a in event.actors)) or [NO_ACTOR]
        for key in keys:
            rows.setdefault(key, []).append(event)
    # Earliest row first, top to bottom.
    return dict(sorted(rows.items(), key=lambda kv: (min(e.start for e in kv[1] if e.start), kv[0])))


def plot_events(
    events: Sequence[Event],
    path: Path,
    group: Group = "kind",
    window: tuple[date | None, date | None] = (None, None),
    title: str | None = None,
) -> int:
    """Draw the dated events to ``path``; returns how many were drawn (undated ones are not)."""
    fmt = check_suffix(path)
    dated = [e for e in events if e.start is not None and e.end is not None]
    rows = _rows(dated, group)
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(12, 1.6 + 0.45 * max(len(rows), 1)), layout="constrained")
        ax = fig.add_subplot()
        labelled = sum(len(v) for v in rows.values()) <= MAX_LABELLED
        # One color per kind, the same in every picture of the same kinds.
        colors = {kind: f"C{i % 10}" for i, kind in enumerate(sorted({e.kind for e in dated}))}
        for y, row in enumerate(rows.values()):
            for event in row:
                _draw(ax, y, event, colors[event.kind], labelled)
        ax.set_yticks(range(len(rows)), list(rows))
        ax.set_ylim(len(rows) - 0.5, -0.7)  # first row on top, room for its labels
        ax.xaxis_date()
        locator = mdates.AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.margins(x=0.04)
        first, last = window
        if first is not None or last is not None:
            ax.set_xlim(
                mdates.date2num(first) if first else None,
                mdates.date2num(last + timedelta(days=1)) if last else None,
            )
        if not rows:
            ax.text(0.5, 0.5, "нет событий с датами", transform=ax.transAxes, ha="center", va="center")
        ax.grid(axis="x", alpha=0.3)
        ax.set_title(title or f"Хроника: {events_count(len(dated))}", loc="left")
        try:
            fig.savefig(path, format=fmt, dpi=120)
        except OSError as exc:
            raise TimelineError(f"-o {path}: cannot write: {exc.strerror or exc}") from exc
    return len(dated)


def _draw(ax: Axes, y: int, event: Event, color: str, labelled: bool) -> None:
    assert event.start is not None and event.end is not None
    start = mdates.date2num(event.start)
    after_end = mdates.date2num(event.end + timedelta(days=1))  # the last day is inclusive
    if event.modifier == "before":
        # A deadline: from the day it was set to the last day allowed.
        ax.annotate(
            "",
            xy=(after_end, y), xytext=(start, y),
            arrowprops={"arrowstyle": "-|>", "color": color, "lw": 1.5},
        )
    elif event.start == event.end:
        ax.plot([start + 0.5], [y], "o", color=color, markersize=6)
    else:
        ax.barh(y, after_end - start, left=start, height=0.4, color=color, alpha=0.55)
    if labelled:
        ax.text(start, y - 0.28, event.title, fontsize=7, va="bottom", clip_on=True)
