"""timeline.output.plot: a bounded picture from 1 to 2,000 events, titles where they fit, status
styles, a legend and English texts. Events are made in memory (benchmarks/bench_plot.py)."""

from __future__ import annotations

import contextlib
import locale
import struct
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from benchmarks.bench_plot import make_events
from timeline.models import Actor, Event, EventActor
from timeline.output.plot import FIG_WIDTH, MAX_HEIGHT, MONTHS, NO_ACTOR, draw_events, plot_events

LEGEND = ["occurred", "ongoing", "planned", "expected", "possible", "cancelled / denied", "single day",
          "deadline («до …»)", "month … year precision (fainter)"]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def svg_texts(path: Path) -> list[str]:
    root = ElementTree.parse(path).getroot()
    return ["".join(el.itertext()) for el in root.iter() if el.tag.endswith("text")]


def artists(fig: Figure, prefix: str) -> list[object]:
    ax = fig.axes[0]
    return [a for a in [*ax.patches, *ax.lines, *ax.texts] if (a.get_gid() or "").startswith(prefix)]


def event(id_: int, status: str, start: date, end: date, precision: str = "day", modifier: str | None = None,
          title: str | None = None) -> Event:
    return Event(id=id_, article_id=1, kind="meeting", title=title or f"Событие {id_}", status=status, start=start,
                 end=end, precision=precision, modifier=modifier, confidence=0.5)


@pytest.mark.parametrize("n", [1, 10, 200, 2000])
@pytest.mark.parametrize("group", ["kind", "actor"])
def test_the_picture_stays_within_its_bound(tmp_path: Path, n: int, group: str) -> None:
    path = tmp_path / "t.png"
    events = make_events(n)
    assert plot_events(events, path, group=group) == sum(1 for e in events if e.start)  # type: ignore[arg-type]
    width, height = png_size(path)
    assert width <= FIG_WIDTH and height <= MAX_HEIGHT
    assert height >= 300  # never a sliver either


def test_the_svg_has_a_title_with_the_count_and_the_legend(tmp_path: Path) -> None:
    path = tmp_path / "t.svg"
    plot_events(make_events(200), path, window=(date(2025, 7, 1), date(2026, 6, 30)), actor="Путин")
    texts = svg_texts(path)
    (title,) = [t for t in texts if " events, " in t]
    drawn = sum(1 for e in make_events(200) if e.start)
    assert title == f"{drawn} events, 1 Jul 2025 – 30 Jun 2026, by kind (actor: Путин)"
    for entry in LEGEND:
        assert entry in texts
    assert "Date" in texts and "Kind" in texts


def test_with_few_events_every_title_is_drawn(tmp_path: Path) -> None:
    path = tmp_path / "t.svg"
    events = make_events(10)
    plot_events(events, path, group="actor")
    texts = svg_texts(path)
    for e in events:
        if e.start:
            assert e.title in texts
    assert not any("titles omitted" in t for t in texts)
    assert NO_ACTOR in texts


def test_a_bar_that_began_before_the_window_keeps_its_title(tmp_path: Path) -> None:
    # The README's example: the year-long bar started before --from and its title was clipped away.
    year = event(1, "occurred", date(2025, 1, 1), date(2025, 12, 31), "year", title="Рост экономики")
    path = tmp_path / "t.svg"
    plot_events([year], path, window=(date(2025, 6, 1), date(2026, 6, 30)))
    assert "Рост экономики" in svg_texts(path)


def test_with_2000_events_titles_are_omitted_and_the_plot_says_so(tmp_path: Path) -> None:
    path = tmp_path / "t.svg"
    events = make_events(2000)
    plot_events(events, path)
    texts = svg_texts(path)
    (footer,) = [t for t in texts if "titles omitted" in t]
    assert "see `timeline events`" in footer
    shown = set(texts) & {e.title for e in events}
    omitted = int(footer.split("titles omitted: ")[1].split(" of ")[0].replace(",", ""))
    assert omitted > 1000 and len(shown) < 1000


def test_titles_overlap_neither_each_other_nor_other_bars() -> None:
    fig = draw_events(make_events(200))
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    fig.draw(renderer)
    titles = [t for t in artists(fig, "title-") if isinstance(t, Text)]
    assert len(titles) > 50
    boxes = [t.get_window_extent(renderer) for t in titles]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b.shrunk(0.9, 0.9)), (a, b)
    bars = {str(b.get_gid()): b.get_window_extent(renderer) for b in artists(fig, "event-") if isinstance(b, Rectangle)}
    for title, box in zip(titles, boxes, strict=True):
        own = str(title.get_gid()).removeprefix("title-")
        for gid, bar in bars.items():
            if gid != own:
                assert not box.shrunk(0.9, 0.8).overlaps(bar), (title.get_text(), gid)


def test_status_and_precision_are_drawn_distinctly() -> None:
    start, end = date(2026, 1, 5), date(2026, 1, 20)
    fig = draw_events([
        event(1, "occurred", start, end),
        event(2, "planned", start, end),
        event(3, "cancelled", start, end),
        event(4, "occurred", date(2026, 1, 1), date(2026, 1, 31), "month"),
        event(5, "occurred", start, start),
        event(6, "expected", start, start),
        event(7, "planned", start, end, modifier="before"),
        event(8, "ongoing", start, end),
    ])
    occurred, planned, cancelled, month, ongoing = (
        next(a for a in artists(fig, f"event-{i}-") if isinstance(a, Rectangle)) for i in (1, 2, 3, 4, 8)
    )
    assert occurred.get_facecolor()[3] > 0.5  # filled
    assert planned.get_facecolor()[3] == 0 and planned.get_edgecolor()[3] > 0  # hollow: an edge only
    assert cancelled.get_facecolor()[3] == 0
    assert [a for a in artists(fig, "strike-event-3-") if isinstance(a, Line2D)]  # struck through
    assert not artists(fig, "strike-event-1-")
    assert month.get_facecolor()[3] < occurred.get_facecolor()[3]  # a month is vaguer than days
    assert ongoing.get_hatch() and not occurred.get_hatch()
    (day,) = artists(fig, "event-5-")
    (expected_day,) = artists(fig, "event-6-")
    assert isinstance(day, Line2D) and isinstance(expected_day, Line2D)
    assert day.get_marker() == "o" and day.get_markerfacecolor() != "none"
    assert expected_day.get_markerfacecolor() == "none"
    (deadline,) = artists(fig, "event-7-")
    assert isinstance(deadline, Line2D) and deadline.get_marker() == ">"  # an arrow to its bound
    assert deadline.get_linestyle() == "-"  # planned: solid edge, like the planned bar


def test_events_without_participants_get_an_english_row() -> None:
    alone = event(1, "occurred", date(2026, 1, 5), date(2026, 1, 5))
    putin = event(2, "occurred", date(2026, 1, 6), date(2026, 1, 6))
    putin.actors.append(EventActor(actor=Actor(id=1, name="Владимир Путин", type="person", key="путин"),
                                   role="participant"))
    fig = draw_events([alone, putin], group="actor")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == [NO_ACTOR, "Владимир Путин"]


@pytest.fixture(params=["ru_RU.UTF-8", "de_DE.UTF-8", "C"])
def foreign_locale(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The process locale set as a Russian (or German) user's would be, where the machine has it."""
    monkeypatch.setenv("LC_ALL", request.param)
    monkeypatch.setenv("LC_TIME", request.param)
    saved = locale.setlocale(locale.LC_TIME)
    with contextlib.suppress(locale.Error):  # not installed here: the environment variables are still set
        locale.setlocale(locale.LC_TIME, request.param)
    yield request.param
    locale.setlocale(locale.LC_TIME, saved)


@pytest.mark.parametrize(
    ("first", "last"), [(date(2025, 10, 1), date(2026, 3, 31)), (date(2026, 1, 3), date(2026, 2, 20))]
)
def test_month_ticks_are_english_whatever_the_locale(foreign_locale: str, first: date, last: date) -> None:
    fig = draw_events([event(1, "occurred", first, last)], window=(first, last))
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    fig.draw(renderer)
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    words = {w for label in labels for w in label.split() if not w.isdigit()}
    assert words and words <= set(MONTHS), labels
    assert "Jan" in words
