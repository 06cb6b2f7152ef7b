"""The seed article end to end through the CLI: import, then query, with the real extractor."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import SEED_DIR, invoke

Event = dict[str, Any]


@pytest.fixture(scope="module")
def seed_events(tmp_path_factory: pytest.TempPathFactory) -> list[Event]:
    runner = CliRunner()
    url = f"sqlite:///{tmp_path_factory.mktemp('seed') / 'seed.db'}"
    imported = invoke(runner, "import", str(SEED_DIR), "--db", url, "--json")
    assert imported.exit_code == 0, imported.output
    assert json.loads(imported.stdout)["imported"] == 1
    listed = invoke(runner, "events", "--include-undated", "--format", "json", "--db", url)
    assert listed.exit_code == 0, listed.output
    return json.loads(listed.stdout)


def names(event: Event) -> str:
    return " ".join(a["name"] for a in event["actors"])


def interval(event: Event) -> tuple[str | None, str | None]:
    return event["start"], event["end"]


def test_every_event_cites_its_sentence(seed_events: list[Event]) -> None:
    text = next(SEED_DIR.glob("*.txt")).read_text(encoding="utf-8")
    assert seed_events
    for event in seed_events:
        assert event["evidence"], event
        for ev in event["evidence"]:
            assert ev["end"] > ev["start"]
            assert ev["text"] in text
            assert Path(ev["article"]["path"]).name.startswith("000_")


def test_december_talks_in_moscow(seed_events: list[Event]) -> None:
    found = [
        e for e in seed_events
        if interval(e) == ("2025-12-01", "2025-12-31") and e["count"] in (None, 1)
        and e["kind"] in ("talks", "meeting", "visit")
    ]
    assert found, seed_events
    assert any(e["duration"] == "PT5H" for e in found)
    talks = next(e for e in found if e["duration"] == "PT5H")
    assert talks["status"] == "occurred"
    assert talks["precision"] == "month"
    for who in ("Уиткофф", "Кушнер", "Путин"):
        assert any(who in names(e) for e in found), who
    assert any(e["place"] == "Москва" for e in found)


def test_six_meetings_last_year(seed_events: list[Event]) -> None:
    found = [e for e in seed_events if e["count"] == 6]
    assert len(found) == 1
    meetings = found[0]
    assert interval(meetings) == ("2025-01-01", "2025-12-31")
    assert meetings["precision"] == "year"
    assert meetings["status"] == "occurred"
    assert "Уиткофф" in names(meetings) and "Путин" in names(meetings)


def test_planned_meeting_this_month(seed_events: list[Event]) -> None:
    found = [e for e in seed_events if interval(e) == ("2026-01-01", "2026-01-31")]
    assert found
    assert {e["status"] for e in found} & {"planned", "possible"}


def test_response_expected_by_the_end_of_the_month(seed_events: list[Event]) -> None:
    found = [e for e in seed_events if interval(e) == ("2026-01-14", "2026-01-31")]
    assert len(found) == 1
    response = found[0]
    assert response["modifier"] == "before"
    assert response["status"] == "expected"
    assert response["kind"] == "response"


def test_undated_g7_meeting_and_davos_agreement(seed_events: list[Event]) -> None:
    undated = [e for e in seed_events if e["start"] is None]
    assert any(e["end"] is None and "Трамп" in names(e) for e in undated)
    assert any(e["kind"] == "agreement" for e in undated)


def test_query_by_range_and_inflected_actor(tmp_path: Path) -> None:
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'seed.db'}"
    invoke(runner, "import", str(SEED_DIR), "--db", url)
    query = ("events", "--format", "json", "--db", url)
    december = json.loads(invoke(runner, *query, "--from", "2025-12", "--to", "2025-12").stdout)
    assert december and all(e["start"] <= "2025-12-31" and e["end"] >= "2025-12-01" for e in december)
    by_putin = json.loads(invoke(runner, *query, "--actor", "Путиным", "--include-undated").stdout)
    assert by_putin and all("Путин" in names(e) for e in by_putin)


def test_search_finds_imported_events_by_any_word_form(tmp_path: Path) -> None:
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'seed.db'}"
    invoke(runner, "import", str(SEED_DIR), "--db", url)
    found = json.loads(invoke(runner, "events", "--search", "переговорам", "--include-undated",
                              "--format", "json", "--db", url).stdout)
    assert found
    assert all("переговор" in " ".join(ev["text"] for ev in e["evidence"]).lower() + e["title"].lower()
               for e in found)
