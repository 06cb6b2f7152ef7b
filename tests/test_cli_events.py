"""`timeline events`, `show`, `articles`, `actors`, `plot` from the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import icalendar
import pytest
from typer.testing import CliRunner

from tests.conftest import invoke
from tests.sample_events import Sample, populate


@pytest.fixture
def sample(sqlite_url: str) -> Sample:
    return populate(sqlite_url)


def run(runner: CliRunner, sample: Sample, *args: str):  # type: ignore[no-untyped-def]
    return invoke(runner, *args, "--db", sample.url)


def test_events_table_by_default(runner: CliRunner, sample: Sample) -> None:
    result = run(runner, sample, "events", "--from", "2026-01", "--to", "2026-01")
    assert result.exit_code == 0, result.output
    assert "Минфин" in result.stdout
    assert "by 2026-01-31" in result.stdout
    assert "Рост экономики" not in result.stdout
    assert "\x1b[" not in result.stdout  # no colors when not a terminal


def test_piped_events_are_a_line_each_with_every_field_whole(runner: CliRunner, sample: Sample) -> None:
    result = run(runner, sample, "events")
    header, *lines = result.stdout.splitlines()
    assert header.split("\t") == ["id", "date", "start", "end", "status", "kind", "title", "participants",
                                   "place", "sources"]
    rows = [dict(zip(header.split("\t"), line.split("\t"), strict=True)) for line in lines]
    assert {int(r["id"]) for r in rows} == set(sample.events.values())
    day = next(r for r in rows if int(r["id"]) == sample.events["day"])
    assert day["title"] == "Путин провёл переговоры с Си Цзиньпином" and day["date"] == "2026-01-15"
    assert day["participants"] == "Владимир Путин, Си Цзиньпин" and day["start"] == day["end"] == "2026-01-15"
    # grep finds a participant's line with its id and date on it.
    assert all("\t" in line and line.split("\t")[0].isdigit() for line in lines if "Путин" in line)
    # Asked for by name, the same lines on a terminal too.
    assert run(runner, sample, "events", "--format", "tsv").stdout == result.stdout
    articles = run(runner, sample, "articles").stdout.splitlines()
    assert articles[0].split("\t")[:3] == ["id", "published", "date_source"] and len(articles) > 1


def test_a_terminal_table_never_cuts_a_date_or_an_id(
    runner: CliRunner, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline.cli import common

    listed = run(runner, sample, "events", "--from", "2025", "--to", "2026").stdout.splitlines()[1:]
    monkeypatch.setattr(common.out, "_force_terminal", True)
    monkeypatch.setattr(common.out, "_width", 80)
    result = run(runner, sample, "events", "--from", "2025", "--to", "2026")
    assert "┃" in result.stdout  # the table, not lines
    for label in ("2025-10-08..2025-10-10", "by 2026-01-31", "Q1 2026", "week of 2026-01-12"):
        assert label in result.stdout, label
    for event_id in (line.split("\t")[0] for line in listed):
        assert any(line.rstrip().endswith(f" {event_id}") for line in result.stdout.splitlines()), event_id


def test_events_json_with_filters(runner: CliRunner, sample: Sample) -> None:
    result = run(
        runner, sample, "events", "--from", "2026", "--to", "2026", "--include-undated",
        "--actor", "Путиным", "--format", "json",
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [e["id"] for e in doc] == [sample.events["day"], sample.events["undated"]]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--within", "--from", "2025", "--to", "2025"], ["year", "range", "month"]),
        (["--kind", "meeting"], ["day", "undated"]),
        (["--status", "planned"], ["deadline"]),
        (["--place", "Брюсселе"], ["month"]),
        (["--search", "саммита"], ["month"]),
        (["--article", "news/a2.txt", "--limit", "2"], ["year", "range"]),
        (["--from", "2025-10-10", "--to", "2025-10-10"], ["year", "range"]),
    ],
)
def test_events_filters(runner: CliRunner, sample: Sample, options: list[str], expected: list[str]) -> None:
    result = run(runner, sample, "events", *options, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == [sample.events[n] for n in expected]


def test_events_article_by_id(runner: CliRunner, sample: Sample) -> None:
    result = run(runner, sample, "events", "--article", str(sample.articles["a2"]), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["source"] for r in rows} == {"news/a2.txt"}
    assert len(rows) == 3


def test_events_ics_and_timelinejs(runner: CliRunner, sample: Sample) -> None:
    ics = run(runner, sample, "events", "--format", "ics", "--include-undated")
    cal = icalendar.Calendar.from_ical(ics.stdout)
    assert len(cal.walk("VEVENT")) == len(sample.events) - 1
    tljs = json.loads(run(runner, sample, "events", "--format", "timelinejs").stdout)
    assert len(tljs["events"]) == len(sample.events) - 1


def test_no_match_says_so_on_stderr(runner: CliRunner, sample: Sample) -> None:
    result = run(runner, sample, "events", "--from", "1990", "--to", "1990")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No events" in result.stderr


@pytest.mark.parametrize(
    ("options", "code", "text"),
    [
        (["--from", "2026-02", "--to", "2026-01"], 1, "Error: --from 2026-02-01 is after --to 2026-01-31"),
        (["--from", "15.01.2026"], 1, "Error: --from: expected YYYY, YYYY-MM or YYYY-MM-DD"),
        (["--to", "2026-02-30"], 1, "Error: --to: 2026-02-30 is not a real date"),
        (["--article", "404"], 1, "Error: no article with id 404"),
        (["--format", "xml"], 2, "--format"),
        (["--status", "happened"], 2, "--status"),
        (["--limit", "0"], 2, "--limit"),
    ],
)
def test_events_errors(runner: CliRunner, sample: Sample, options: list[str], code: int, text: str) -> None:
    result = run(runner, sample, "events", *options)
    assert result.exit_code == code
    assert text in result.stderr
    assert "Traceback" not in result.output


def test_show(runner: CliRunner, sample: Sample) -> None:
    result = run(runner, sample, "show", str(sample.events["day"]))
    assert result.exit_code == 0, result.output
    assert "15 января 2026 года Владимир Путин провёл переговоры" in result.stdout
    assert "news/a1.txt" in result.stdout
    assert "Владимир Путин (person, participant)" in result.stdout
    doc = json.loads(run(runner, sample, "show", str(sample.events["day"]), "--format", "json").stdout)
    assert doc["id"] == sample.events["day"]


def test_show_marks_the_cited_sentence_without_colour_and_wraps_at_words(runner: CliRunner, sample: Sample) -> None:
    result = run(runner, sample, "show", str(sample.events["day"]))
    assert "\x1b[" not in result.stdout
    lines = result.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    flowing = " ".join(line.strip() for line in lines)
    assert "⟦15 января 2026 года Владимир Путин провёл переговоры" in flowing
    # No word is split across lines: every wrapped line ends at a word's end.
    words = set(flowing.replace("⟦", " ").replace("⟧", " ").split())
    for line in lines:
        if line.strip():
            assert line.split()[-1].strip("⟦⟧") in {w.strip("⟦⟧") for w in words}


def test_article_prints_its_text_with_its_events_marked(runner: CliRunner, sample: Sample) -> None:
    articles = json.loads(run(runner, sample, "articles", "--format", "json").stdout)
    first = next(a for a in articles if a["source"] == "news/a1.txt")
    result = run(runner, sample, "article", str(first["id"]))
    assert result.exit_code == 0, result.output
    flowing = " ".join(line.strip() for line in result.stdout.splitlines())
    assert f"[#{sample.events['day']} meeting]" in flowing
    assert "⟦15 января 2026 года Владимир Путин провёл переговоры" in flowing
    doc = json.loads(run(runner, sample, "article", str(first["id"]), "--format", "json").stdout)
    assert {m["event_id"] for m in doc["mentions"]} >= {sample.events["day"]}
    for m in doc["mentions"]:
        assert doc["text"][m["start"]:m["end"]] == m["sentence"]
    missing = run(runner, sample, "article", "999")
    assert missing.exit_code == 1 and missing.stderr.strip() == "Error: no article with id 999"


def test_show_unknown_id(runner: CliRunner, sample: Sample) -> None:
    result = run(runner, sample, "show", "999")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: no event with id 999"


def test_articles_and_actors(runner: CliRunner, sample: Sample) -> None:
    table = run(runner, sample, "articles")
    assert table.exit_code == 0
    assert "news/a1.txt" in table.stdout and "Итоги года" in table.stdout
    articles = json.loads(run(runner, sample, "articles", "--format", "json").stdout)
    assert {a["source"]: a["events"] for a in articles} == {"news/a1.txt": 6, "news/a2.txt": 3}
    actors = list(csv.DictReader(io.StringIO(run(runner, sample, "actors", "--format", "csv").stdout)))
    assert {a["name"]: int(a["events"]) for a in actors}["Владимир Путин"] == 2
    assert "Си Цзиньпин" in run(runner, sample, "actors").stdout


def test_plot(runner: CliRunner, sample: Sample, tmp_path: Path) -> None:
    png = tmp_path / "out.png"
    result = run(runner, sample, "plot", "--from", "2025-06", "--to", "2026-06", "--group", "actor", "-o", str(png))
    assert result.exit_code == 0, result.output
    assert png.read_bytes().startswith(b"\x89PNG")
    svg = tmp_path / "out.svg"
    assert run(runner, sample, "plot", "-o", str(svg)).exit_code == 0
    assert "Выставка вооружений" in svg.read_text(encoding="utf-8")
    bad = run(runner, sample, "plot", "-o", str(tmp_path / "out.pdf"))
    assert bad.exit_code == 1
    assert "Error:" in bad.stderr
    assert run(runner, sample, "plot", "-o", str(png), "--group", "place").exit_code == 2


@pytest.mark.parametrize("command", [["events"], ["show", "1"], ["articles"], ["actors"], ["plot", "-o", "x.png"]])
def test_reading_commands_refuse_a_missing_database(runner: CliRunner, tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "missing.db"
    result = invoke(runner, *command, "--db", str(missing))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no database at")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not missing.exists()


def test_views_flatten_events_for_other_tools(runner: CliRunner, sample: Sample) -> None:
    """sqlite3 and Datasette users read an event with its actors and sources from one row."""
    import sqlite3

    path = invoke(runner, "db", "path", "--db", sample.url).stdout.strip()
    with sqlite3.connect(path) as c:
        c.row_factory = sqlite3.Row
        day = dict(c.execute("SELECT * FROM event_view WHERE id = ?", (sample.events["day"],)).fetchone())
        mentions = [dict(r) for r in c.execute("SELECT * FROM mention_view WHERE event_id = ?",
                                               (sample.events["day"],))]
    assert day["title"] == "Путин провёл переговоры с Си Цзиньпином" and day["start_date"] == "2026-01-15"
    assert day["participants"] == "Владимир Путин; Си Цзиньпин"
    assert day["sources"] == 1 and day["mentions"] == len(mentions) >= 1
    assert day["first_source"] == "news/a1.txt" and day["first_reported"] == "2026-01-14"
    assert mentions[0]["source"] == "news/a1.txt" and "Путин" in mentions[0]["sentence"]
