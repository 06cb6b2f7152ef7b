"""The importer's bookkeeping, with a small deterministic extractor standing in for the real one:
idempotency, new versions, bad input that loses nothing, interrupted imports, concurrent writers."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from tests.conftest import invoke
from timeline import config, db, ingest
from timeline.extract.types import ActorMention, EvidenceSpan, ExtractedEvent, Interval
from timeline.models import Actor, Article, Event, EventActor, Mention


def paragraph_events(text: str, published: date) -> list[ExtractedEvent]:
    """One event per paragraph, dated the publication day, with exact evidence offsets.

    Its people are sources, not participants, so two articles never report the same event
    (that would merge them into one: see tests/test_story.py).
    """
    events, pos = [], 0
    for para in text.split("\n\n"):
        start = text.index(para, pos)
        pos = start + len(para)
        events.append(
            ExtractedEvent(
                kind="statement",
                title=para[:40],
                status="occurred",
                when=Interval(published, published, "day"),
                actors=[ActorMention("Иван Петров", "person", "reporter"), ActorMention("ТАСС", "org", "reporter")],
                evidence=[EvidenceSpan(para, start, pos)],
            )
        )
    return events


@pytest.fixture(autouse=True)
def _fake_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "default_extractor", lambda: paragraph_events)


def write(path: Path, published: str, *paragraphs: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"date {published} {paragraphs[0]}\n\n" + "\n\n".join(paragraphs[1:]), encoding="utf-8")
    return path


def counts(url: str) -> dict[str, int]:
    engine = db.make_engine(url)
    with db.session_scope(engine) as s:
        result = {
            m.__tablename__: s.scalar(select(func.count()).select_from(m))
            for m in (Article, Event, Mention, Actor, EventActor)
        }
    engine.dispose()
    return result


def test_import_stores_articles_events_evidence(runner: CliRunner, tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", "2026-01-14", "Заголовок.", "Первый абзац.", "Второй абзац.")
    url = f"sqlite:///{tmp_path / 't.db'}"
    result = invoke(runner, "import", str(tmp_path / "in"), "--db", url, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["imported"] == 1 and summary["events"] == 3
    assert "1 imported" in result.stderr
    engine = db.make_engine(url)
    with db.session_scope(engine) as s:
        article = s.scalars(select(Article)).one()
        for ev in s.scalars(select(Mention)):
            assert article.text[ev.start : ev.end] == ev.sentence
        assert {a.key for a in s.scalars(select(Actor))} == {"иван петров", "тасс"}
        assert s.scalar(select(func.count()).select_from(EventActor)) == 6


def test_same_content_twice_is_skipped(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "2026-01-14", "Заголовок.", "Текст.")
    url = f"sqlite:///{tmp_path / 't.db'}"
    assert invoke(runner, "import", str(path), "--db", url).exit_code == 0
    before = counts(url)
    result = invoke(runner, "import", str(path), "--db", url, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["skipped"] == 1
    assert counts(url) == before


def test_force_extracts_imported_articles_again(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an upgrade of the extractor, --force replaces the events of unchanged articles."""
    path = write(tmp_path / "a.txt", "2026-01-14", "Заголовок.", "Текст.", "Ещё.")
    url = f"sqlite:///{tmp_path / 't.db'}"
    assert invoke(runner, "import", str(path), "--db", url).exit_code == 0
    assert counts(url)["events"] == 3

    def first_paragraph_only(text: str, published: date) -> list[ExtractedEvent]:
        return paragraph_events(text, published)[:1]

    monkeypatch.setattr(ingest, "default_extractor", lambda: first_paragraph_only)
    skipped = invoke(runner, "import", str(path), "--db", url, "--json")
    assert json.loads(skipped.stdout)["skipped"] == 1 and counts(url)["events"] == 3
    forced = invoke(runner, "import", str(path), "--db", url, "--force", "--json")
    assert forced.exit_code == 0, forced.output
    assert json.loads(forced.stdout)["replaced"] == 1
    after = counts(url)
    assert after["articles"] == 1 and after["events"] == 1 and after["mentions"] == 1


def test_changed_file_replaces_its_old_version(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "2026-01-14", "Заголовок.", "Текст.", "Ещё.")
    url = f"sqlite:///{tmp_path / 't.db'}"
    invoke(runner, "import", str(path), "--db", url)
    write(path, "2026-01-14", "Заголовок.", "Новый текст.")
    result = invoke(runner, "import", str(path), "--db", url, "--json")
    assert json.loads(result.stdout)["replaced"] == 1
    after = counts(url)
    assert after["articles"] == 1 and after["events"] == 2 and after["mentions"] == 2


def test_bad_files_fail_alone(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "1_good.txt", "2026-01-14", "Хорошая.", "Текст.")
    (folder / "2_empty.txt").write_bytes(b"")
    (folder / "3_nodate.txt").write_text("Нет строки с датой.\n\nТекст.", encoding="utf-8")
    (folder / "4_baddate.txt").write_text("date 2026-02-30 Заголовок\n\nТекст.", encoding="utf-8")
    (folder / "5_binary.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "6_big.txt").write_bytes(b"date 2026-01-01 x\n\n" + b"a" * (6 * 1024 * 1024))
    write(folder / "7_good.txt", "2026-01-15", "Тоже хорошая.", "Текст.")
    url = f"sqlite:///{tmp_path / 't.db'}"
    result = invoke(runner, "import", str(folder), "--db", url, "--json")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert (summary["imported"], summary["failed"]) == (2, 5)
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 5
    for name in ("2_empty", "3_nodate", "4_baddate", "5_binary", "6_big"):
        assert any(f"{name}.txt: " in line for line in errors), name
    assert "Traceback" not in result.output
    assert counts(url)["articles"] == 2


def test_a_failing_extraction_leaves_nothing(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(text: str, published: date) -> list[ExtractedEvent]:
        if "сломается" in text:
            raise ValueError("boom")
        return paragraph_events(text, published)

    monkeypatch.setattr(ingest, "default_extractor", lambda: broken)
    write(tmp_path / "in" / "a.txt", "2026-01-14", "Эта сломается.", "Текст.")
    write(tmp_path / "in" / "b.txt", "2026-01-14", "Эта нет.", "Текст.")
    url = f"sqlite:///{tmp_path / 't.db'}"
    result = invoke(runner, "import", str(tmp_path / "in"), "--db", url)
    assert result.exit_code == 1
    assert "a.txt: extraction failed" in result.stderr
    assert counts(url)["articles"] == 1


@pytest.mark.parametrize("batch_size", [1, 3])
def test_a_store_error_rolls_the_article_back(tmp_path: Path, batch_size: int) -> None:
    def invalid(text: str, published: date) -> list[ExtractedEvent]:
        events = paragraph_events(text, published)
        events[-1].status = "not-a-status"  # type: ignore[assignment]  # violates a CHECK constraint
        return events

    write(tmp_path / "a.txt", "2026-01-14", "Заголовок.", "Текст.", "Ещё.")
    url = f"sqlite:///{tmp_path / 't.db'}"
    engine = db.open_for_write(config.resolve(url))
    sources = ingest.iter_sources([tmp_path / "a.txt"], None)
    summary = ingest.import_sources(engine, sources, invalid, batch_size=batch_size)
    assert summary.count("failed") == 1
    assert "CHECK" in (summary.results[0].error or "")
    assert counts(url) == {"articles": 0, "events": 0, "mentions": 0, "actors": 0, "event_actors": 0}


def test_a_summary_without_the_list_keeps_counts_and_failures(tmp_path: Path) -> None:
    """`timeline import` without --json keeps no result per article: memory stays flat however many."""
    for n in range(5):
        write(tmp_path / "in" / f"{n}.txt", "2026-01-14", f"Заголовок {n}.", "Текст.")
    (tmp_path / "in" / "bad.txt").write_text("нет даты", encoding="utf-8")
    engine = db.open_for_write(config.resolve(f"sqlite:///{tmp_path / 't.db'}"))
    summary = ingest.import_sources(
        engine, ingest.iter_sources([tmp_path / "in"], None), paragraph_events, keep_results=False
    )
    assert (summary.count("imported"), summary.count("failed"), summary.events) == (5, 1, 10)
    assert [r.outcome for r in summary.results] == ["failed"]
    assert "articles" not in summary.to_dict() and len(summary.to_dict()["errors"]) == 1  # type: ignore[arg-type]


def test_ctrl_c_keeps_committed_articles_whole(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def interrupted(text: str, published: date) -> list[ExtractedEvent]:
        seen.append(text)
        if len(seen) == 3:
            raise KeyboardInterrupt
        return paragraph_events(text, published)

    monkeypatch.setattr(ingest, "default_extractor", lambda: interrupted)
    for i in range(5):
        write(tmp_path / "in" / f"{i}.txt", "2026-01-14", f"Статья {i}.", "Текст.")
    url = f"sqlite:///{tmp_path / 't.db'}"
    result = invoke(runner, "import", str(tmp_path / "in"), "--db", url)
    assert result.exit_code == 130
    assert "Interrupted" in result.stderr
    assert counts(url)["articles"] == 2 and counts(url)["events"] == 4


def test_killed_import_leaves_no_half_written_article(tmp_path: Path) -> None:
    """SIGKILL in the middle of an article's transaction, after its rows were written."""
    for i in range(4):
        write(tmp_path / "in" / f"{i}.txt", "2026-01-14", f"Статья {i}.", "Текст.", "Ещё текст.")
    url = f"sqlite:///{tmp_path / 't.db'}"
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from timeline import config, db, ingest
        from tests.test_import import paragraph_events
        original = ingest.store_article
        calls = []
        def store_then_die(connection, source, events, *rest):
            result = original(connection, source, events, *rest)  # its rows are written, not committed
            calls.append(1)
            if len(calls) == 3:
                os.kill(os.getpid(), signal.SIGKILL)
            return result
        ingest.store_article = store_then_die
        engine = db.open_for_write(config.resolve({url!r}))
        ingest.import_sources(engine, ingest.iter_sources([Path({str(tmp_path / "in")!r})], None),
                              paragraph_events)
        """
    )
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, check=False)
    assert done.returncode == -9, done.stderr.decode()
    after = counts(url)
    assert after["articles"] == 2
    assert after["events"] == 6 and after["mentions"] == 6


@pytest.mark.postgres
def test_postgres_imports_commit_without_waiting_for_the_flush_and_only_they(postgres_url: str) -> None:
    """The documented durability choice (README, At scale): import transactions alone."""
    from sqlalchemy import text

    from timeline import db
    from timeline.ingest import _import_transaction

    engine = db.make_engine(postgres_url)
    with _import_transaction(engine) as connection:
        assert connection.execute(text("SHOW synchronous_commit")).scalar_one() == "off"
    with db.write_transaction(engine) as connection:
        assert connection.execute(text("SHOW synchronous_commit")).scalar_one() == "on"
    engine.dispose()
