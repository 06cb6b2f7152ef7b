"""`timeline events` streams: events are loaded a chunk at a time and written as they come, in every
format; a terminal's table shows a first page and says how to see more; a reader that stops early
ends it quietly."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks.gen_events import generate
from tests.conftest import invoke
from timeline import db
from timeline.output import formats
from timeline.query import EventQuery, count_events, find_events, iter_events


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('many') / 'many.db'}"
    generate(url, 1_200, quiet=True)
    return url


@pytest.mark.parametrize("query", [EventQuery(), EventQuery(start=date(2020, 1, 1), end=date(2022, 12, 31)),
                                   EventQuery(limit=50, offset=7)])
def test_streamed_events_are_the_listing_in_its_order(many: str, query: EventQuery) -> None:
    engine = db.make_engine(many)
    with db.session_scope(engine) as session:
        listed = [e.id for e in find_events(session, query)]
        streamed = [e.id for e in iter_events(session, query, chunk=37)]
        assert streamed == listed and listed
        assert count_events(session, query) == len(listed)
    engine.dispose()


def test_the_session_holds_one_chunk_at_a_time(many: str) -> None:
    engine = db.make_engine(many)
    with db.session_scope(engine) as session:
        held = []
        for n, _event in enumerate(iter_events(session, EventQuery(), chunk=50)):
            if n % 50 == 49:
                held.append(sum(1 for _ in session.identity_map.values()))
        # Each chunk's events, actors, mentions and articles; never the events of the chunks before.
        assert max(held) < 50 * 20 and max(held) <= 2 * min(held)
    engine.dispose()


def test_every_format_streams_the_same_document(many: str, runner: CliRunner) -> None:
    engine = db.make_engine(many)
    with db.session_scope(engine) as session:
        events = find_events(session, EventQuery(limit=300))
        expected = {"json": formats.to_json(events), "jsonl": formats.to_jsonl(events),
                    "csv": formats.to_csv(events), "timelinejs": formats.to_timelinejs(events)}
    engine.dispose()
    for fmt, text in expected.items():
        got = invoke(runner, "events", "--limit", "300", "--format", fmt, "--db", many).stdout
        assert got == text, fmt
    assert json.loads(expected["json"])[0]["id"] == events[0].id
    ics = invoke(runner, "events", "--limit", "300", "--format", "ics", "--db", many).stdout
    assert ics.startswith("BEGIN:VCALENDAR") and ics.rstrip().endswith("END:VCALENDAR")
    assert ics.count("BEGIN:VEVENT") == sum(1 for e in events if e.start is not None)


def test_a_terminal_table_shows_a_first_page(many: str, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline.cli import common

    monkeypatch.setattr(common.out, "_force_terminal", True)
    monkeypatch.setattr(common.out, "_width", 160)
    result = invoke(runner, "events", "--db", many)
    assert "events 1–100 of 1,200" in result.stdout
    assert "More: --offset 100 for the next 100" in result.stderr
    later = invoke(runner, "events", "--offset", "1100", "--db", many)
    assert "events 1101–1200" not in later.stdout and "More:" not in later.stderr  # the last page, whole


def test_a_reader_that_stops_early_ends_it_quietly(many: str, tmp_path: Path) -> None:
    done = subprocess.run(
        f"{sys.executable} -m timeline events --format jsonl --db {many} | head -n 2",
        shell=True, capture_output=True, text=True, check=False, cwd=tmp_path,
    )
    assert len(done.stdout.splitlines()) == 2 and all(json.loads(line)["id"] for line in done.stdout.splitlines())
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr
