"""A timeline picture: one row per actor or kind, a row's events packed into sub-lanes; intervals
as bars, single days as points, deadlines as arrows to their bound. PNG or SVG, by the file's suffix.

The picture never outgrows FIG_WIDTH × MAX_HEIGHT pixels: lanes get thinner as events get more,
and a title is drawn only where it has room. Its texts are English (the CLI's language); event
titles and names stay as the articles wrote them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import matplotlib

matplotlib.use("Agg")  # never a window, also without a display

import matplotlib.dates as mdates
from matplotlib import colormaps, ticker
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.textpath import TextToPath

from timeline.errors import TimelineError
from timeline.models import Event

Group = Literal["actor", "kind"]
SUFFIXES = {".png": "png", ".svg": "svg"}
NO_ACTOR = "(no participants)"
STYLE = {
    "font.family": "DejaVu Sans",  # ships with matplotlib and has Cyrillic
    "svg.fonttype": "none",  # SVG keeps text as text: searchable, and small
    "svg.hashsalt": "timeline",  # the same events give the same SVG
    "hatch.linewidth": 0.8,
}

# The whole geometry is in pixels at DPI; an SVG has the same layout in points (72 per inch).
DPI = 100
FIG_WIDTH = 1600
MAX_HEIGHT = 1200
MIN_HEIGHT = 420  # room for the legend and a few rows
TOP = 56  # the title
FOOTER = 24  # px under the legend: the notes line
LEGEND_ROW = 18  # px
LEGEND_COLUMNS = 8
AXIS_BELOW = 54  # px under the axes: tick labels (two lines) and the axis label
RIGHT = 28
TITLE_PT, ROW_PT, LABEL_PT, SMALL_PT = 11, 8, 7, 8
LABELLED_LANE = 24  # px: a title above a bar
INSIDE_LANE = 13  # px: a title inside its bar
MIN_LANE = 3  # px: thinner than this a mark is not seen; busier rows overlap instead
MAX_LANE = 34  # px: a few events do not make fat bars
MAX_ROWS = 40  # more row labels than this are a list, not a picture
ROW_MIN = 13  # px: a row label needs this much height not to touch the next one
MAX_LABEL = 320  # px: longer titles are cut with «…»
MAX_ROW_LABEL = 230  # px
GAP = 6  # px between marks and titles in one lane
POINT = 5  # px: half the room a single-day point takes in its lane
MIN_SHOWN = 6  # characters: a title cut shorter than this says nothing

MIN_DAYS = 7  # the shortest axis drawn without a window
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
HOLLOW = {"planned": "-", "expected": "--", "possible": ":", "cancelled": "-", "denied": "-", "unknown": "-."}
STRUCK = {"cancelled", "denied"}
# How faint a vague date is drawn: a month- to year-long bar says less than a day-long one.
FADE = {"month": 0.6, "quarter": 0.45, "season": 0.45, "half": 0.4, "year": 0.3}
FILL_ALPHA = 0.85
NEUTRAL = "0.35"


def check_suffix(path: Path) -> str:
    """The picture format a file name asks for; anything but .png and .svg is an error."""
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise TimelineError(f"-o {path}: the file must end in .png or .svg")
    return fmt


# ---------------------------------------------------------------- English texts


def count_label(n: int, noun: str = "event") -> str:
    """«1 event», «2,000 events»: the plot's own English, not timeline.output.labels."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def day_label(d: date) -> str:
    """«1 Jan 2026», never through strftime, so no process locale changes it."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def period_label(first: date | None, last: date | None) -> str:
    if first and last:
        return day_label(first) if first == last else f"{day_label(first)} – {day_label(last)}"
    if first:
        return f"from {day_label(first)}"
    if last:
        return f"until {day_label(last)}"
    return "no dates"


def plot_title(n: int, first: date | None, last: date | None, group: Group,
               actor: str | None = None, kind: str | None = None) -> str:
    """What the picture shows: «412 events, 1 Jan 2026 – 31 Mar 2026, by kind (actor: Путин)»."""
    text = f"{count_label(n)}, {period_label(first, last)}, by {group}"
    filters = [f"{name}: {value}" for name, value in (("actor", actor), ("kind", kind)) if value]
    return text + (f" ({', '.join(filters)})" if filters else "")


class EnglishDates(ticker.Formatter):
    """Tick labels «2026», «Mar», «15 Mar» with the year under the first tick and each new year;
    English month names of its own, as strftime's %b follows LC_TIME."""

    def __call__(self, x: float, pos: int | None = None) -> str:
        d = _num2date(x)
        return day_label(d) if d else ""

    def format_ticks(self, values: Sequence[float]) -> list[str]:
        days = [_num2date(v) for v in values]
        shown = [d for d in days if d]
        if shown and all(d.month == 1 and d.day == 1 for d in shown):
            return [str(d.year) if d else "" for d in days]
        whole_months = all(d.day == 1 for d in shown)
        labels: list[str] = []
        year: int | None = None
        for d in days:
            if d is None:
                labels.append("")
                continue
            text = MONTHS[d.month - 1] if whole_months else f"{d.day} {MONTHS[d.month - 1]}"
            if d.year != year:  # the year once, under the first tick of it
                text += f"\n{d.year}"
                year = d.year
            labels.append(text)
        return labels


def _num2date(x: float) -> date | None:
    try:
        return mdates.num2date(x).date()
    except (ValueError, OverflowError):  # a tick beyond 9999-12-31 or before 0001-01-01
        return None


# ---------------------------------------------------------------- measuring text


@lru_cache(maxsize=4096)
def _char_px(char: str, points: float) -> float:
    prop = FontProperties(family="DejaVu Sans", size=points)
    width = _TEXT_TO_PATH.get_text_width_height_descent(char, prop, ismath=False)[0]
    return width * DPI / 72


_TEXT_TO_PATH = TextToPath()


def text_px(text: str, points: float) -> float:
    """A conservative width: Agg's hinting draws a few percent wider than the font's advances."""
    return sum(_char_px(c, points) for c in text) * 1.06 + 2


def fit_text(text: str, points: float, room: float) -> str:
    """``text`` if it fits in ``room`` px, else cut at a word or character with «…»; '' if too little is left."""
    if text_px(text, points) <= room:
        return text
    width = text_px("…", points)
    cut = 0
    for i, char in enumerate(text):
        width += _char_px(char, points) * 1.06
        if width > room:
            break
        cut = i + 1
    if cut < MIN_SHOWN:
        return ""
    return text[:cut].rstrip(" ,.;:—–-") + "…"


# ---------------------------------------------------------------- rows and lanes


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


def _fold(rows: dict[str, list[Event]], most: int, group: Group) -> tuple[dict[str, list[Event]], int]:
    """At most ``most`` rows: the busiest keep their own, the rest share one; returns how many were folded."""
    if len(rows) <= most:
        return rows, 0
    busiest = sorted(rows, key=lambda k: (-len(rows[k]), k))[: most - 1]
    kept = {k: v for k, v in rows.items() if k in set(busiest)}  # still earliest first
    rest = [k for k in rows if k not in kept]
    folded: dict[int, Event] = {}
    for key in rest:
        for event in rows[key]:
            folded.setdefault(id(event), event)
    kept[f"({len(rest):,} more {group}s)"] = list(folded.values())
    return kept, len(rest)


@dataclass
class _Mark:
    """One event in one row, in px from the axes' left edge."""

    event: Event
    row: int
    x0: float  # the first day's left edge
    x1: float  # the last day's right edge
    lane: int = 0
    label: str = ""
    lx0: float = 0.0  # where its title starts

    @property
    def point(self) -> bool:
        return self.event.start == self.event.end and self.event.modifier != "before"

    def span(self, width: float) -> tuple[float, float]:
        """The part of the axes the mark itself covers (a point gets a few px)."""
        if self.point:
            middle = (self.x0 + self.x1) / 2
            return middle - POINT, middle + POINT
        return max(self.x0, 0.0), min(self.x1, width)


def _pack(marks: list[_Mark], cap: int | None, width: float, labelled: bool) -> int:
    """Greedy interval packing: each mark, earliest first, into the first lane free at its start;
    with ``cap`` lanes taken, into the one freed earliest (marks then overlap). Returns the lanes used."""
    free: list[float] = []
    for mark in sorted(marks, key=lambda m: (m.x0, m.x1)):
        low, high = mark.span(width)
        if labelled and mark.label:
            low, high = min(low, mark.lx0), max(high, mark.lx0 + text_px(mark.label, LABEL_PT))
        lane = next((i for i, f in enumerate(free) if f <= low), None)
        if lane is None:
            if cap is None or len(free) < cap:
                free.append(0.0)
                lane = len(free) - 1
            else:
                lane = min(range(len(free)), key=free.__getitem__)
        mark.lane = lane
        free[lane] = max(free[lane], high + GAP)
    return max(len(free), 1)


def _label_at(mark: _Mark, label: str, width: float) -> float:
    """A title starts at its mark, or at the left edge when the mark began earlier, and stays inside."""
    return max(0.0, min(mark.span(width)[0], width - text_px(label, LABEL_PT)))


@dataclass
class _Layout:
    lanes: list[int]  # per row
    lane_px: float
    mode: Literal["above", "inside", "none"]
    capped: bool
    every_title: bool = False  # packed with room for every title


def _layout(rows: list[list[_Mark]], width: float, room: float) -> _Layout:
    """Titles above every mark when that fits in ``room`` px of height, else the thickest lanes
    that show every row, else lanes of MIN_LANE px with the busiest rows overlapping."""
    for marks in rows:
        for mark in marks:
            mark.label = fit_text(mark.event.title, LABEL_PT, min(MAX_LABEL, width))
            mark.lx0 = _label_at(mark, mark.label, width)
    lanes = [_pack(marks, None, width, labelled=True) for marks in rows]
    if sum(lanes) * LABELLED_LANE <= room:
        return _Layout(lanes, min(MAX_LANE, room / sum(lanes)), "above", capped=False, every_title=True)
    lanes = [_pack(marks, None, width, labelled=False) for marks in rows]
    for lane_px in range(LABELLED_LANE, MIN_LANE - 1, -1):
        slots = [max(n, math.ceil(ROW_MIN / lane_px)) for n in lanes]
        if sum(slots) * lane_px <= room:
            return _Layout(slots, lane_px, _mode(lane_px), capped=False)
    least = math.ceil(ROW_MIN / MIN_LANE)
    cap = max(least, 1)
    while sum(max(min(n, cap + 1), least) for n in lanes) * MIN_LANE <= room:
        cap += 1
    lanes = [_pack(marks, cap, width, labelled=False) if n > cap else n for marks, n in zip(rows, lanes, strict=True)]
    return _Layout([max(n, least) for n in lanes], room / sum(max(n, least) for n in lanes), "none", capped=True)


def _mode(lane_px: float) -> Literal["above", "inside", "none"]:
    if lane_px >= LABELLED_LANE:
        return "above"
    return "inside" if lane_px >= INSIDE_LANE else "none"


def _place_labels(rows: list[list[_Mark]], layout: _Layout, width: float) -> None:
    """Keep a title only where it overlaps nothing. Lanes with room above the bars: above its mark,
    clear of the lane's previous title. Thinner lanes: inside its own bar, or after its mark up to the
    next one, whichever shows more of it."""
    for marks in rows:
        lanes: dict[int, list[_Mark]] = {}
        for mark in sorted(marks, key=lambda m: m.span(width)):
            lanes.setdefault(mark.lane, []).append(mark)
        for lane in lanes.values():
            busy = -float(GAP)  # px: the lane is taken up to here, by marks and titles
            for i, mark in enumerate(lane):
                mark.label = ""
                low, high = mark.span(width)
                if layout.mode == "above":
                    label = fit_text(mark.event.title, LABEL_PT, min(MAX_LABEL, width))
                    at = _label_at(mark, label, width)
                    if at >= busy:
                        mark.label, mark.lx0 = label, at
                        busy = at + text_px(label, LABEL_PT) + GAP
                    continue
                if layout.mode == "none":
                    continue
                following = [m.span(width)[0] for m in lane[i + 1:]]
                next_low = min(following, default=width)
                inside = "" if mark.point else fit_text(mark.event.title, LABEL_PT, min(high - low - 4, MAX_LABEL))
                after = fit_text(mark.event.title, LABEL_PT, min(next_low - GAP, width) - (high + 3))
                after = after if high + 3 >= busy else ""
                inside = inside if low + 2 >= busy else ""
                if inside and len(inside) >= len(after):
                    mark.label, mark.lx0 = inside, low + 2
                elif after:
                    mark.label, mark.lx0 = after, high + 3
                end = mark.lx0 + text_px(mark.label, LABEL_PT) if mark.label else high
                busy = max(busy, end + GAP, high + GAP)


# ---------------------------------------------------------------- drawing


def draw_events(
    events: Sequence[Event],
    group: Group = "kind",
    window: tuple[date | None, date | None] = (None, None),
    title: str | None = None,
    actor: str | None = None,
    kind: str | None = None,
) -> Figure:
    """The picture of the dated events (undated ones have no place on an axis)."""
    dated = [e for e in events if e.start is not None and e.end is not None]
    notes: list[str] = []
    if len(dated) < len(events):
        notes.append(f"{count_label(len(events) - len(dated), 'undated event')} not drawn")
    handles, names = _legend(_colors(sorted({e.kind for e in dated})) if group == "actor" else {})
    bottom = FOOTER + math.ceil(len(handles) / LEGEND_COLUMNS) * LEGEND_ROW + AXIS_BELOW
    room_max = MAX_HEIGHT - TOP - bottom
    rows, folded = _fold(_rows(dated, group), min(MAX_ROWS, room_max // ROW_MIN), group)
    if folded:
        notes.append(f"rows for the {len(rows) - 1} {group}s with most events, {folded:,} more share the last")
    row_labels = [fit_text(k, ROW_PT, MAX_ROW_LABEL) or k[:MIN_SHOWN] + "…" for k in rows]
    left = max(90.0, max((text_px(k, ROW_PT) for k in row_labels), default=0.0) + 18)
    width = FIG_WIDTH - left - RIGHT

    low, high = _view(dated, window)
    per_day = width / (high - low)
    marks: list[list[_Mark]] = []
    for r, row in enumerate(rows.values()):
        marks.append([])
        for event in row:
            assert event.start is not None and event.end is not None
            x0 = (float(mdates.date2num(event.start)) - low) * per_day
            x1 = (float(mdates.date2num(event.end)) + 1 - low) * per_day  # the last day is inclusive
            if x1 > 0 and x0 < width:  # a mark wholly outside the window is not drawn
                marks[-1].append(_Mark(event, r, x0, x1))
    layout = _layout(marks, width, room_max) if dated else _Layout([1], LABELLED_LANE, "none", False)
    if not layout.every_title:
        _place_labels(marks, layout, width)
    total_lanes = sum(layout.lanes)
    height = min(MAX_HEIGHT, max(MIN_HEIGHT, round(TOP + bottom + total_lanes * layout.lane_px)))
    axes_px = height - TOP - bottom

    fig = Figure(figsize=(FIG_WIDTH / DPI, height / DPI), dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((left / FIG_WIDTH, bottom / height, width / FIG_WIDTH, axes_px / height))
    shown_lanes = max(total_lanes, axes_px / MAX_LANE)  # few lanes: keep bars thin, leave the rest empty
    ax.set_ylim(shown_lanes, 0)
    ax.set_xlim(low, high)
    lane_px = axes_px / shown_lanes
    colors = _colors(sorted({e.kind for e in dated}))
    offsets = [sum(layout.lanes[:r]) for r in range(len(layout.lanes))]
    labelled: set[int] = set()
    for r, row_marks in enumerate(marks):
        for k, mark in enumerate(row_marks):
            y = offsets[r] + mark.lane
            gid = f"event-{mark.event.id if mark.event.id is not None else id(mark.event)}-{r}-{k}"
            _draw(ax, mark, y, lane_px, layout.mode, colors[mark.event.kind], low, per_day, width, gid)
            if mark.label:
                labelled.add(id(mark.event))
                ax.text(low + mark.lx0 / per_day, y + 0.5,
                        mark.label, fontsize=LABEL_PT, clip_on=True,
                        va="baseline" if layout.mode == "above" else "center_baseline", gid=f"title-{gid}")
    omitted = len({id(m.event) for row in marks for m in row} - labelled)
    if omitted:
        notes.insert(0, f"titles omitted: {omitted:,} of {count_label(len(dated))} (no room); "
                        "see `timeline events`")
    if layout.capped:
        notes.append("in the busiest rows marks overlap")

    ticks = [offsets[r] + layout.lanes[r] / 2 for r in range(len(rows))]
    ax.set_yticks(ticks, row_labels, fontsize=ROW_PT)
    ax.tick_params(axis="y", length=0)
    for offset in offsets[1:]:
        ax.axhline(offset, color="0.85", lw=0.6, zorder=0)
    ax.text(-0.005, 1.01, group.capitalize(), transform=ax.transAxes, ha="right", va="bottom",
            fontsize=ROW_PT, weight="bold")
    if dated:
        _date_axis(ax, high - low)
    else:
        ax.set_xticks([])
        ax.text(0.5, 0.5, "no dated events", transform=ax.transAxes, ha="center", va="center")
    ax.set_xlabel("Date", fontsize=SMALL_PT, labelpad=2)
    ax.grid(axis="x", alpha=0.3)
    first, last = window
    if first is None and last is None and dated:
        first = min(e.start for e in dated if e.start)
        last = max(e.end for e in dated if e.end)
    fig.text(left / FIG_WIDTH, 1 - 16 / height, title or plot_title(len(dated), first, last, group, actor, kind),
             fontsize=TITLE_PT, va="top", gid="plot-title")
    fig.legend(handles, names, loc="lower left", bbox_to_anchor=(left / FIG_WIDTH, FOOTER / height),
               ncol=LEGEND_COLUMNS, fontsize=SMALL_PT, frameon=False, handlelength=2.4,
               columnspacing=1.6, borderaxespad=0)
    if notes:
        fig.text(left / FIG_WIDTH, 8 / height, "; ".join(notes), fontsize=SMALL_PT, color="0.3",
                 va="bottom", gid="plot-footer")
    return fig


def plot_events(
    events: Sequence[Event],
    path: Path,
    group: Group = "kind",
    window: tuple[date | None, date | None] = (None, None),
    title: str | None = None,
    actor: str | None = None,
    kind: str | None = None,
) -> int:
    """Draw the dated events to ``path``; returns how many were drawn (undated ones are not).
    ``actor`` and ``kind`` are the filters the events were found by, named in the title."""
    fmt = check_suffix(path)
    with matplotlib.rc_context(STYLE):
        fig = draw_events(events, group, window, title, actor, kind)
        try:
            fig.savefig(path, format=fmt, dpi=DPI)
        except OSError as exc:
            raise TimelineError(f"-o {path}: cannot write: {exc.strerror or exc}") from exc
    return sum(1 for e in events if e.start is not None and e.end is not None)


_AXIS_FIRST = float(mdates.date2num(datetime(1, 1, 1)))
_AXIS_LAST = float(mdates.date2num(datetime(9999, 12, 31, 23, 59)))


def _view(events: Sequence[Event], window: tuple[date | None, date | None]) -> tuple[float, float]:
    """The x axis in matplotlib's day numbers: the window, or from the first start to where nearly all
    events have ended, with a margin. Every start is in view; a rare decade-long bar runs off the right
    edge rather than squeezing the rest into a sliver."""
    first, last = window
    starts = [float(mdates.date2num(e.start)) for e in events if e.start]
    ends = sorted(float(mdates.date2num(e.end)) + 1 for e in events if e.end)
    low = float(mdates.date2num(first)) if first else min(starts, default=0.0)
    if last:
        high = float(mdates.date2num(last)) + 1
    else:
        nearly_all = ends[min(len(ends) - 1, int(len(ends) * 0.98))] if ends else low + 1
        high = max(max(starts, default=low) + 1, nearly_all)
    margin = max((high - low) * 0.02, (MIN_DAYS - (high - low)) / 2)  # a lone day sits in a week, not alone
    if not first:
        low -= margin
    if not last:
        high += margin
    # Matplotlib's dates end within 0001..9999: an axis past them cannot be drawn.
    low, high = max(low, _AXIS_FIRST), min(high, _AXIS_LAST)
    if high - low < 1:
        low, high = (low, low + 1) if low + 1 <= _AXIS_LAST else (high - 1, high)
    return low, high


def _date_axis(ax: Axes, days: float) -> None:
    locator: ticker.Locator
    # Below a week and a half AutoDateLocator goes to hours, which a day-dated timeline has not.
    locator = mdates.DayLocator() if days <= 10 else mdates.AutoDateLocator(minticks=4, maxticks=12)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(EnglishDates())
    ax.tick_params(axis="x", labelsize=SMALL_PT)


def _colors(kinds: list[str]) -> dict[str, Any]:
    """One color per kind, the same in every picture of the same kinds."""
    if len(kinds) <= 10:
        palette = list(colormaps["tab10"].colors)  # type: ignore[attr-defined]
    else:  # tab20's strong colors first, then their light pairs
        paired = list(colormaps["tab20"].colors)  # type: ignore[attr-defined]
        palette = paired[::2] + paired[1::2]
    return {kind: palette[i % len(palette)] for i, kind in enumerate(kinds)}


def _draw(ax: Axes, mark: _Mark, y: float, lane_px: float, mode: str, color: Any,
          low: float, per_day: float, width: float, gid: str) -> None:
    event = mark.event
    fade = FADE.get(event.precision or "", 1.0)
    hollow = event.status in HOLLOW
    style = HOLLOW.get(event.status, "-")
    # A title above takes the lane's upper half; otherwise the mark fills most of its lane.
    top, bottom = (y + 0.55, y + 0.92) if mode == "above" else (y + 0.12, y + 0.88)
    middle = (top + bottom) / 2
    lw = max(0.4, min(1.3, lane_px / 8))
    x0, x1 = (max(mark.x0, 0.0), min(mark.x1, width))
    d0, d1 = low + x0 / per_day, low + x1 / per_day
    marker_pt = max(2.0, min(6.5, (bottom - top) * lane_px * 72 / DPI * 1.1))
    if event.modifier == "before":
        # A deadline: a shaft from the day it was set to its bound; the head only if the bound is shown.
        ends_here = mark.x1 <= width
        ax.add_line(Line2D(
            [d0, d1], [middle, middle], color=color, lw=lw * 1.3, ls=style, alpha=max(fade, 0.5),
            marker=">" if ends_here else None, markevery=[1], markersize=marker_pt,
            markerfacecolor="none" if hollow else color, gid=gid,
        ))
    elif mark.point:
        ax.add_line(Line2D(
            [low + (mark.x0 + mark.x1) / 2 / per_day], [middle], marker="o", markersize=marker_pt,
            color=color, markerfacecolor="none" if hollow else color, markeredgewidth=lw, ls="none",
            alpha=fade, gid=gid,
        ))
    else:
        ax.add_patch(Rectangle(
            (d0, top), d1 - d0, bottom - top,
            facecolor="none" if hollow else color, alpha=None,
            edgecolor=_rgba(color, fade) if hollow else ("white" if event.status == "ongoing" else "none"),
            lw=lw if hollow else 0.0, ls=style, gid=gid,
            hatch="///" if event.status == "ongoing" else None,  # line hatches: a dotted one costs an SVG 270 KB
        ))
        if not hollow:
            ax.patches[-1].set_facecolor(_rgba(color, FILL_ALPHA * fade))
    if event.status in STRUCK:
        # Struck through: a line across the whole mark.
        a, b = (d0, d1) if not mark.point else (low + (mark.x0 - POINT) / per_day, low + (mark.x1 + POINT) / per_day)
        ax.add_line(Line2D([a, b], [middle, middle], color="0.1", lw=max(0.5, lw * 0.8), gid=f"strike-{gid}"))


def _rgba(color: Any, alpha: float) -> tuple[float, float, float, float]:
    from matplotlib.colors import to_rgba

    return to_rgba(color, alpha)


def _legend(kinds: dict[str, Any]) -> tuple[list[Any], list[str]]:
    """Every status style and both precisions, in neutral grey; with actor rows, the kinds' colors
    (up to ten: past that the palette's light pairs are told apart by the row's neighbours, not here)."""
    fill = _rgba(NEUTRAL, FILL_ALPHA)
    strike = Line2D([], [], color="black", lw=1.0)
    entries: list[tuple[Any, str]] = [
        (Patch(facecolor=fill, edgecolor="none"), "occurred"),
        (Patch(facecolor=fill, edgecolor="white", hatch="///", lw=0), "ongoing"),
        (Patch(facecolor="none", edgecolor=NEUTRAL, lw=1.3), "planned"),
        (Patch(facecolor="none", edgecolor=NEUTRAL, lw=1.3, ls="--"), "expected"),
        (Patch(facecolor="none", edgecolor=NEUTRAL, lw=1.3, ls=":"), "possible"),
        ((Patch(facecolor="none", edgecolor=NEUTRAL, lw=1.3), strike), "cancelled / denied"),
        (Patch(facecolor="none", edgecolor=NEUTRAL, lw=1.3, ls="-."), "status unknown"),
        (Line2D([], [], color=NEUTRAL, marker="o", ls="none", markersize=6), "single day"),
        (Line2D([0], [0], color=NEUTRAL, marker=">", lw=1.6, markersize=6), "deadline («до …»)"),
        (Patch(facecolor=fill, edgecolor="none"), "day / week / range precision"),
        (Patch(facecolor=_rgba(NEUTRAL, FILL_ALPHA * FADE["year"]), edgecolor="none"),
         "month … year precision (fainter)"),
    ]
    entries += [(Patch(facecolor=_rgba(color, FILL_ALPHA), edgecolor="none"), f"kind: {kind}")
                for kind, color in list(kinds.items())[:10]]
    return [h for h, _ in entries], [n for _, n in entries]
