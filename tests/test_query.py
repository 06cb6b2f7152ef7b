"""timeline.query: periods, date windows (fast and naive forms agree), every filter, search."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, insert

from tests.sample_events import Sample, populate
from timeline import config, db
from timeline.errors import TimelineError
from timeline.models import Article, Event, span_class
from timeline.query import EventQuery, find_events, matching_ids, parse_period
from timeline.search_index import refresh_search_index


@pytest.fixture
def sample(any_db_url: str) -> Sample:
    return populate(any_db_url)


@pytest.fixture
def engine(sample: Sample) -> Iterator[Engine]:
    engine = db.make_engine(sample.url)
    yield engine
    engine.dispose()


def names(sample: Sample, engine: Engine, **kwargs: object) -> list[str]:
    by_id = {v: k for k, v in sample.events.items()}
    with db.session_scope(engine) as session:
        return [by_id[e.id] for e in find_events(session, EventQuery(**kwargs))]  # type: ignore[arg-type]


def test_parse_period() -> None:
    assert parse_period("2025", "--from") == (date(2025, 1, 1), date(2025, 12, 31))
    assert parse_period("2024-02", "--to") == (date(2024, 2, 1), date(2024, 2, 29))
    assert parse_period(" 2026-01-15 ", "--to") == (date(2026, 1, 15), date(2026, 1, 15))
    for bad in ("2025-13", "2025-02-30", "15.01.2026", "", "2025-1"):
        with pytest.raises(TimelineError, match="--from"):
            parse_period(bad, "--from")


def test_from_after_to_is_an_error() -> None:
    with pytest.raises(TimelineError, match="after"):
        EventQuery(start=date(2026, 2, 1), end=date(2026, 1, 1))


def test_no_window_lists_everything_in_date_order(sample: Sample, engine: Engine) -> None:
    assert names(sample, engine) == [
        "year", "range", "month", "quarter", "week", "deadline", "day", "after", "undated"
    ]


def test_an_event_ending_on_from_or_starting_on_to_is_included(sample: Sample, engine: Engine) -> None:
    assert "range" in names(sample, engine, start=date(2025, 10, 10), end=date(2025, 10, 20))
    assert "range" in names(sample, engine, start=date(2025, 9, 1), end=date(2025, 10, 8))
    assert "range" not in names(sample, engine, start=date(2025, 10, 11), end=date(2025, 10, 20))
    assert "range" not in names(sample, engine, start=date(2025, 9, 1), end=date(2025, 10, 7))


def test_month_precision_event_overlaps_a_day_window(sample: Sample, engine: Engine) -> None:
    found = names(sample, engine, start=date(2025, 12, 15), end=date(2025, 12, 15))
    assert found == ["year", "month"]
    assert "month" not in names(sample, engine, start=date(2025, 12, 15), end=date(2025, 12, 15), within=True)


def test_deadline_spans_from_publication_to_its_bound(sample: Sample, engine: Engine) -> None:
    assert "deadline" in names(sample, engine, start=date(2026, 1, 31), end=date(2026, 2, 5))
    assert "deadline" not in names(sample, engine, start=date(2026, 2, 1), end=date(2026, 2, 5))


def test_undated_only_when_asked(sample: Sample, engine: Engine) -> None:
    window = {"start": date(2026, 1, 1), "end": date(2026, 1, 31)}
    assert "undated" not in names(sample, engine, **window)
    assert names(sample, engine, include_undated=True, **window)[-1] == "undated"


def test_within(sample: Sample, engine: Engine) -> None:
    assert names(sample, engine, start=date(2026, 1, 1), end=date(2026, 1, 31), within=True) == [
        "week", "deadline", "day"
    ]
    assert names(sample, engine, start=date(2025, 1, 1), end=date(2025, 12, 31), within=True) == [
        "year", "range", "month"
    ]


def test_open_ended_windows(sample: Sample, engine: Engine) -> None:
    assert names(sample, engine, start=date(2026, 2, 1)) == ["quarter", "after"]
    assert names(sample, engine, end=date(2025, 10, 8)) == ["year", "range"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"actor": "Путиным"}, ["day", "undated"]),
        ({"actor": "владимира путина"}, ["day", "undated"]),
        ({"actor": "Си Цзиньпина"}, ["week", "day"]),
        ({"actor": "Европейского союза"}, ["month"]),
        ({"kind": "meeting"}, ["day", "undated"]),
        ({"status": "planned"}, ["deadline"]),
        ({"place": "Москве"}, ["range", "day"]),
        ({"place": "москва"}, ["range", "day"]),
        ({"search": "выставки"}, ["range"]),
        ({"search": "переговоры в Москве"}, ["day"]),
        ({"search": "доклада"}, ["deadline"]),
        ({"search": "экономика выросла"}, ["year"]),
        ({"search": "несуществующее"}, []),
        ({"article": "news/a2.txt"}, ["year", "range", "month"]),
        ({"limit": 2}, ["year", "range"]),
        ({"limit": 2, "offset": 1}, ["range", "month"]),
    ],
)
def test_filters(sample: Sample, engine: Engine, filters: dict[str, object], expected: list[str]) -> None:
    assert names(sample, engine, **filters) == expected


def test_article_by_id_and_unknown_article(sample: Sample, engine: Engine) -> None:
    assert names(sample, engine, article=sample.articles["a2"]) == ["year", "range", "month"]
    assert names(sample, engine, article=str(sample.articles["a2"])) == ["year", "range", "month"]
    with pytest.raises(TimelineError, match="no article"):
        names(sample, engine, article="9999")
    with pytest.raises(TimelineError, match="no article"):
        names(sample, engine, article="nowhere.txt")


def test_filters_combine(sample: Sample, engine: Engine) -> None:
    assert names(sample, engine, actor="Путин", start=date(2026, 1, 1), end=date(2026, 1, 31)) == ["day"]
    assert names(sample, engine, actor="Путин", include_undated=True, start=date(2026, 1, 1)) == [
        "day", "undated"
    ]


def test_events_load_their_actors_evidence_and_article(sample: Sample, engine: Engine) -> None:
    with db.session_scope(engine) as session:
        (event,) = find_events(session, EventQuery(kind="meeting", start=date(2026, 1, 15)))
    # The session is closed: everything shown must already be loaded.
    assert {a.actor.name for a in event.actors} == {"Владимир Путин", "Си Цзиньпин"}
    assert event.mentions[0].article.source == "news/a1.txt"
    assert event.article.published == date(2026, 1, 14)


def test_search_index_follows_deletes_and_refreshes(sample: Sample, engine: Engine) -> None:
    with db.session_scope(engine, write=True) as session:
        event = session.get(Event, sample.events["range"])
        assert event is not None
        event.title = "Авиасалон"
        refresh_search_index(session, [event.id])
    assert names(sample, engine, search="авиасалона") == ["range"]
    assert names(sample, engine, search="выставка") == ["range"]  # still in its evidence
    with db.session_scope(engine, write=True) as session:
        session.delete(session.get(Article, sample.articles["a2"]))
    assert names(sample, engine, search="авиасалон") == []


def test_fast_and_naive_forms_agree_on_random_data(any_db_url: str) -> None:
    engine = db.open_for_write(config.DatabaseLocation(any_db_url, "test"))
    rng = random.Random(5)
    lengths = [1, 1, 1, 2, 7, 30, 31, 90, 92, 93, 183, 184, 185, 365, 366, 367, 800, 1100, 1101, 4000, 40000]
    rows = []
    for _ in range(3000):
        start = date(1990, 1, 1) + timedelta(days=rng.randrange(365 * 40))
        end = start + timedelta(days=rng.choice(lengths) - 1)
        rows.append(
            {"article_id": 1, "kind": "k", "title": "t", "status": "unknown", "start": start, "end": end,
             "span_class": span_class(start, end), "confidence": 0.5}
        )
    with db.session_scope(engine, write=True) as session:
        session.execute(
            insert(Article),
            [{"id": 1, "sha256": "x", "source": "s", "published": date(2000, 1, 1), "text": "",
              "language": "ru", "imported_at": date(2000, 1, 1)}],
        )
        session.execute(insert(Event), rows)
    with db.session_scope(engine) as session:
        for _ in range(60):
            first = date(1985, 1, 1) + timedelta(days=rng.randrange(365 * 50))
            last = first + timedelta(days=rng.choice([0, 1, 6, 30, 365, 3000, 40000]))
            q = EventQuery(start=first, end=last)
            fast = set(matching_ids(session, q))
            assert fast == set(matching_ids(session, q, naive=True))
            expected = {
                i for i, r in enumerate(rows, start=1) if r["start"] <= last and r["end"] >= first
            }
            assert fast == expected
            within = {i for i, r in enumerate(rows, start=1) if r["start"] >= first and r["end"] <= last}
            assert set(matching_ids(session, EventQuery(start=first, end=last, within=True))) == within
    engine.dispose()


def test_upgrading_an_older_database_indexes_its_events(sqlite_url: str) -> None:
    """Migration 0002 on a database at 0001 that already holds events: search finds them."""
    engine = db.make_engine(sqlite_url)
    db.upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            insert(Article),
            [{"id": 1, "sha256": "x", "source": "old.txt", "published": date(2020, 1, 1), "text": "",
              "language": "ru", "imported_at": date(2020, 1, 1)}],
        )
        conn.execute(
            insert(Event),
            [{"id": 1, "article_id": 1, "kind": "summit", "title": "Саммит в Казани", "status": "occurred",
              "confidence": 0.5}],
        )
    db.upgrade(engine)
    with db.session_scope(engine) as session:
        assert [e.id for e in find_events(session, EventQuery(search="саммита"))] == [1]
    db.downgrade(engine, "0001")  # and back: the index and its trigger go
    with engine.connect() as conn:
        names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
    assert not {n for n in names if n.startswith("events_fts")}
    engine.dispose()
