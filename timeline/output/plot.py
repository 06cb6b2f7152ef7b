"""A timeline picture: one row per actor or kind; intervals as bars, single days as
points, deadlines as arrows to their bound. PNG or SVG, chosen by the file's suffix."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
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
            # Participants make the rows; who reported it («сообщает ТАСС») does not.
            keys = list(dict.fromkeys(a.actor.name for a in event.actors if a.role != "reporter")) or [NO_ACTOR]
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
        height = sum(len(_lanes(r, _days_per_char(dated, window))) for r in rows.values())
        fig = Figure(figsize=(12, 1.6 + 0.45 * max(height, 1)), layout="constrained")
        ax = fig.add_subplot()
        labelled = sum(len(v) for v in rows.values()) <= MAX_LABELLED
        # One color per kind, the same in every picture of the same kinds.
        colors = {kind: f"C{i % 10}" for i, kind in enumerate(sorted({e.kind for e in dated}))}
        days_per_char = _days_per_char(dated, window) if labelled else 0.0
        y = 0
        ticks: list[float] = []
        for row in rows.values():
            lanes = _lanes(row, days_per_char)
            for lane in lanes:
                for event in lane:
                    _draw(ax, y, event, colors[event.kind], labelled)
                y += 1
            ticks.append(y - len(lanes) / 2 - 0.5)
        ax.set_yticks(ticks, list(rows))
        ax.set_ylim(max(y, 1) - 0.5, -0.7)  # first row on top, room for its labels
        ax.xaxis_date()
        locator = mdates.AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.margins(x=0.04)
        if labelled and dated and window[1] is None:
            # Room on the right for the last titles rather than cutting them off.
            right = max(e.start.toordinal() + days_per_char * len(e.title) for e in dated if e.start)
            last_day = date.fromordinal(min(int(right) + 1, date.max.toordinal()))
            ax.set_xlim(right=max(ax.get_xlim()[1], mdates.date2num(last_day)))
        first, last = window
        if first is not None or last is not None:
            ax.set_xlim(
                mdates.date2num(first) if first else None,
                mdates.date2num(last) + 1 if last else None,  # in axis days: no date after 9999-12-31
            )
        # Matplotlib's dates end within 0001..9999: an axis past them (a window or margin beyond
        # 9999-12-31) cannot be drawn, so it stops at the calendar's edge.
        low, high = ax.get_xlim()
        ax.set_xlim(max(low, _AXIS_FIRST), min(high, _AXIS_LAST))
        if not rows:
            ax.text(0.5, 0.5, "нет событий с датами", transform=ax.transAxes, ha="center", va="center")
        ax.grid(axis="x", alpha=0.3)
        ax.set_title(title or f"Хроника: {events_count(len(dated))}", loc="left")
        try:
            fig.savefig(path, format=fmt, dpi=120)
        except OSError as exc:
            raise TimelineError(f"-o {path}: cannot write: {exc.strerror or exc}") from exc
    return len(dated)


_AXIS_FIRST = float(mdates.date2num(datetime(1, 1, 1)))
_AXIS_LAST = float(mdates.date2num(datetime(9999, 12, 31, 23, 59)))


def _days_per_char(events: Sequence[Event], window: tuple[date | None, date | None]) -> float:
    """How many days of the x axis one character of a 7-point label covers (about 150 fit across)."""
    if not events:
        return 0.0
    first = window[0] or min(e.start for e in events if e.start)
    last = window[1] or max(e.end for e in events if e.end)
    return max((last - first).days, 1) / 150


def _lanes(row: Sequence[Event], days_per_char: float) -> list[list[Event]]:
    """Events of one row spread over as few lanes as keep bars and titles from overlapping."""
    lanes: list[list[Event]] = []
    free_from: list[float] = []
    for event in sorted(row, key=lambda e: (e.start, e.end)):
        assert event.start is not None and event.end is not None
        start = event.start.toordinal()
        taken_until = max(event.end.toordinal() + 1, start + days_per_char * len(event.title))
        for i, free in enumerate(free_from):
            if start >= free:
                lanes[i].append(event)
                free_from[i] = taken_until
                break
        else:
            lanes.append([event])
            free_from.append(taken_until)
    return lanes


def _draw(ax: Axes, y: int, event: Event, color: str, labelled: bool) -> None:
    assert event.start is not None and event.end is not None
    start = mdates.date2num(event.start)
    after_end = mdates.date2num(event.end) + 1  # the last day is inclusive (9999-12-31 too)
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
