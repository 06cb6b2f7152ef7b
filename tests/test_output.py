"""timeline.output: date labels, and every format parsed back by its own reader."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree

import icalendar
import pytest

from tests.sample_events import Sample, populate
from timeline import db
from timeline.errors import TimelineError
from timeline.models import Event
from timeline.output import formats
from timeline.output.labels import date_label, events_count, interval_label
from timeline.output.plot import plot_events
from timeline.query import EventQuery, find_events


@pytest.fixture
def sample(sqlite_url: str) -> Sample:
    return populate(sqlite_url)


@pytest.fixture
def events(sample: Sample) -> Iterator[dict[str, Event]]:
    engine = db.make_engine(sample.url)
    with db.session_scope(engine) as session:
        found = find_events(session, EventQuery())
    engine.dispose()
    by_id = {v: k for k, v in sample.events.items()}
    yield {by_id[e.id]: e for e in found}


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("day", "2026-01-15"),
        ("week", "week of 2026-01-12"),
        ("month", "Dec 2025"),
        ("deadline", "by 2026-01-31"),
        ("range", "2025-10-08..2025-10-10"),
        ("quarter", "Q1 2026"),
        ("year", "2025"),
        ("after", "after 2026-05-10"),
        ("undated", "undated (в ближайшем будущем)"),
    ],
)
def test_date_label(events: dict[str, Event], name: str, label: str) -> None:
    assert date_label(events[name]) == label


@pytest.mark.parametrize(
    ("precision", "start", "end", "label"),
    [
        ("half", date(2026, 1, 1), date(2026, 6, 30), "H1 2026"),
        ("half", date(2026, 7, 1), date(2026, 12, 31), "H2 2026"),
        ("season", date(2025, 12, 1), date(2026, 2, 28), "winter 2026"),
        ("season", date(2026, 3, 1), date(2026, 5, 31), "spring 2026"),
        ("quarter", date(2026, 10, 1), date(2026, 12, 31), "Q4 2026"),
        ("range", date(2026, 1, 1), date(2027, 12, 31), "2026–2027"),
        ("range", date(2025, 12, 29), date(2026, 1, 2), "2025-12-29..2026-01-02"),
        ("month", date(2026, 1, 1), date(2026, 1, 15), "2026-01-01..2026-01-15"),  # not a whole month
    ],
)
def test_interval_label(precision: str, start: date, end: date, label: str) -> None:
    assert interval_label(precision, start, end) == label


def test_events_count_agrees_with_the_number() -> None:
    assert [events_count(n) for n in (0, 1, 2, 21, 1040)] == [
        "0 events", "1 event", "2 events", "21 events", "1,040 events"
    ]


def test_json(events: dict[str, Event]) -> None:
    doc = json.loads(formats.to_json(list(events.values())))
    assert len(doc) == len(events)
    day = next(d for d in doc if d["title"].startswith("Путин"))
    assert day["start"] == day["end"] == "2026-01-15"
    assert day["precision"] == "day"
    assert {"name": "Владимир Путин", "type": "person", "role": "participant"} in day["actors"]
    (evidence,) = day["evidence"]
    article = {"id": events["day"].article_id, "path": "news/a1.txt", "published": "2026-01-14",
               "date_source": None, "date_guessed": False}  # the sample's article says not how it was dated
    assert evidence["article"] == article
    assert evidence["text"].startswith("15 января 2026 года")
    assert evidence["end"] - evidence["start"] == len(evidence["text"])
    undated = next(d for d in doc if d["id"] == events["undated"].id)
    assert undated["start"] is None and undated["end"] is None
    assert set(day) == {
        "id", "kind", "title", "status", "start", "end", "precision", "modifier", "date_text", "count",
        "duration", "confidence", "actors", "place", "evidence", "sources", "mentions", "history",
    }
    assert day["sources"] == 1
    (mention,) = day["mentions"]
    assert mention["article"] == article and mention["sentence"] == evidence["text"]
    assert (mention["status"], mention["interval"]["start"], mention["linked_by"]) == ("occurred", "2026-01-15", None)
    assert day["history"] == [{"published": "2026-01-14", "article_id": article["id"], "status": "occurred",
                               "start": "2026-01-15", "end": "2026-01-15", "precision": "day"}]


def test_jsonl(events: dict[str, Event]) -> None:
    lines = formats.to_jsonl(list(events.values())).splitlines()
    assert [json.loads(line)["id"] for line in lines] == [e.id for e in events.values()]


def test_csv(events: dict[str, Event]) -> None:
    rows = list(csv.DictReader(io.StringIO(formats.to_csv(list(events.values())))))
    day = next(r for r in rows if r["id"] == str(events["day"].id))
    assert day["actors"] == "Владимир Путин; Си Цзиньпин"
    assert day["source"] == "news/a1.txt"
    assert day["evidence"].startswith("15 января") and day["sources"] == "1"
    assert rows[-1]["start"] == ""  # undated: empty, not "None"


def test_ics(events: dict[str, Event]) -> None:
    cal = icalendar.Calendar.from_ical(formats.to_ics(list(events.values())))
    vevents = {str(v["uid"]): v for v in cal.walk("VEVENT")}
    assert len(vevents) == len(events) - 1  # the undated one has no place in a calendar
    month = vevents[f"event-{events['month'].id}@timeline"]
    assert month.decoded("dtstart") == date(2025, 12, 1)
    assert month.decoded("dtend") == date(2025, 12, 31) + timedelta(days=1)
    assert str(month["summary"]) == "Саммит Евросоюза"
    assert "В декабре в Брюсселе" in str(month["description"])
    assert "news/a2.txt" in str(month["description"])
    day = vevents[f"event-{events['day'].id}@timeline"]
    assert day.decoded("dtend") == date(2026, 1, 16)
    # Same events, same file: nothing depends on the time of the export.
    assert formats.to_ics(list(events.values())) == formats.to_ics(list(events.values()))


def test_timelinejs(events: dict[str, Event]) -> None:
    doc = json.loads(formats.to_timelinejs(list(events.values())))
    assert doc["title"]["text"]["headline"]
    slides = {s["unique_id"]: s for s in doc["events"]}
    assert len(slides) == len(events) - 1
    month = slides[f"event-{events['month'].id}"]
    assert month["start_date"] == {"year": 2025, "month": 12}
    assert "end_date" not in month
    assert month["text"]["headline"] == "Саммит Евросоюза"
    assert month["group"] == "summit"
    assert slides[f"event-{events['year'].id}"]["start_date"] == {"year": 2025}
    week = slides[f"event-{events['week'].id}"]
    assert week["start_date"] == {"year": 2026, "month": 1, "day": 12}
    assert week["end_date"] == {"year": 2026, "month": 1, "day": 18}
    quarter = slides[f"event-{events['quarter'].id}"]
    assert quarter["end_date"] == {"year": 2026, "month": 3}


@pytest.mark.parametrize("group", ["kind", "actor"])
def test_plot_png(events: dict[str, Event], tmp_path: Path, group: str) -> None:
    path = tmp_path / "t.png"
    assert plot_events(list(events.values()), path, group=group) == len(events) - 1  # type: ignore[arg-type]
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plot_svg_keeps_titles_as_text(events: dict[str, Event], tmp_path: Path) -> None:
    path = tmp_path / "t.svg"
    plot_events(list(events.values()), path, window=(date(2025, 1, 1), date(2026, 12, 31)))
    root = ElementTree.parse(path).getroot()
    assert root.tag.endswith("svg")
    texts = " ".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("text"))
    assert "Саммит Евросоюза" in texts
    assert "Минфин подготовит доклад" in texts


def test_plot_of_nothing_and_bad_suffix(tmp_path: Path) -> None:
    assert plot_events([], tmp_path / "empty.png") == 0
    assert (tmp_path / "empty.png").exists()
    with pytest.raises(TimelineError, match=r"\.png or \.svg"):
        plot_events([], tmp_path / "t.pdf")


def test_timelinejs_escapes_article_text(sample: Sample) -> None:
    """TimelineJS renders headline and text as HTML: what an article says stays text."""
    hostile = "<script>alert(1)</script> и <b>жирный</b> & «кавычки»"
    engine = db.make_engine(sample.url)
    with db.session_scope(engine, write=True) as session:
        event = session.get(Event, sample.events["day"])
        assert event is not None
        event.title = hostile
        event.mentions[0].sentence = hostile
        event.article.source = "https://example.org/<b>a1</b>?x=1&y=2"
    with db.session_scope(engine) as session:
        found = find_events(session, EventQuery())
    engine.dispose()
    slide = next(s for s in json.loads(formats.to_timelinejs(found))["events"]
                 if s["unique_id"] == f"event-{sample.events['day']}")
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt; и &lt;b&gt;жирный&lt;/b&gt; &amp; «кавычки»"
    assert slide["text"]["headline"] == escaped
    text = slide["text"]["text"]
    assert text.startswith(escaped + " <em>")  # the wrapper stays markup
    assert text.endswith("</em>")
    assert "https://example.org/&lt;b&gt;a1&lt;/b&gt;?x=1&amp;y=2" in text
    assert "<script" not in text and "<b>" not in text


def test_an_articles_table_never_cuts_a_source_to_the_same_folder() -> None:
    """Issue 15: at 80 columns every row showed «/work/main/tes…»; a source folds, whole, instead."""
    from rich.console import Console

    from timeline.output.table import articles_table
    from timeline.query import ArticleRow

    rows = [ArticleRow(i, date(2026, 1, i), f"/srv/news/archive/2026/january/court_case/0{i}_hearing.txt",
                       "Суд продлил арест бывшему вице-губернатору", 5) for i in range(1, 4)]
    console = Console(width=80, record=True)
    console.print(articles_table(rows))
    shown = console.export_text()
    flowing = "".join(line.split("│")[3].strip() if line.count("│") >= 4 else "" for line in shown.splitlines())
    for i in range(1, 4):
        assert f"0{i}_hearing.txt" in flowing and f"2026-01-0{i}" in shown
