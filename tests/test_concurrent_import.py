"""Several importers at once never duplicate or lose an article or its events (issue 6)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from tests.test_import import paragraph_events, write
from timeline import config, db, ingest
from timeline.extract.types import EvidenceSpan, ExtractedEvent, Interval
from timeline.models import Article, Event, Mention

ROOT = Path(__file__).resolve().parent.parent
N_FILES = 24


def make_files(folder: Path) -> list[Path]:
    return [
        write(folder / f"{i:02}.txt", "2026-01-14", f"Статья номер {i}.", f"Текст {i}.", "Общий абзац.")
        for i in range(N_FILES)
    ]


def one_happening(text: str, published: date) -> list[ExtractedEvent]:
    """Every article reports the same summit, on the same day, in the same place. The importers
    start storing together (at ``TIMELINE_TEST_START_AT``) and go slowly, so their transactions overlap."""
    time.sleep(max(0.0, float(os.environ.get("TIMELINE_TEST_START_AT", "0")) - time.time()) + 0.005)
    return [ExtractedEvent(
        kind="summit", title="Саммит", status="occurred", when=Interval(date(2026, 1, 13), date(2026, 1, 13), "day"),
        place="Пекин", evidence=[EvidenceSpan(text[:5], 0, 5)],
    )]


def run_importers(url: str, file_sets: list[list[Path]], batch_size: int, extractor: str = "paragraph_events") -> None:
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from timeline import config, db, ingest
        from tests import test_concurrent_import, test_import
        extract = getattr(test_import, sys.argv[3], None) or getattr(test_concurrent_import, sys.argv[3])
        engine = db.open_for_write(config.resolve(sys.argv[1]))
        files = [Path(p) for p in sys.argv[4:]]
        summary = ingest.import_sources(engine, ingest.iter_sources(files, None), extract,
                                        batch_size=int(sys.argv[2]))
        sys.exit(1 if summary.failed else 0)
        """
    )
    env = {**os.environ, "TIMELINE_TEST_START_AT": str(time.time() + 3)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, url, str(batch_size), extractor, *map(str, files)],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            env=env,
        )
        for files in file_sets
    ]
    for proc in procs:
        _, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr.decode()


def assert_each_once(url: str) -> None:
    engine = db.make_engine(url)
    with db.session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(Article)) == N_FILES
        per_article = s.execute(
            select(Article.id, func.count(Event.id)).join(Event).group_by(Article.id)
        ).all()
        assert len(per_article) == N_FILES
        assert {n for _, n in per_article} == {3}
        assert s.scalar(select(func.count()).select_from(Mention)) == 3 * N_FILES
    engine.dispose()


def overlapping(files: list[Path], n: int) -> list[list[Path]]:
    """Each importer takes two thirds of the files, starting at a different place."""
    k = len(files) * 2 // 3
    return [(files[i * 5 :] + files[: i * 5])[:k] for i in range(n)]


def test_four_importers_into_postgres(postgres_url: str, tmp_path: Path) -> None:
    files = make_files(tmp_path / "in")
    db.open_for_write(config.resolve(postgres_url)).dispose()
    sets = overlapping(files, 4)
    assert set().union(*map(set, sets)) == set(files)
    run_importers(postgres_url, sets, batch_size=4)
    assert_each_once(postgres_url)


def test_two_importers_into_sqlite_wait_instead_of_failing(sqlite_url: str, tmp_path: Path) -> None:
    files = make_files(tmp_path / "in")
    db.open_for_write(config.resolve(sqlite_url)).dispose()
    run_importers(sqlite_url, [files, list(reversed(files))], batch_size=1)
    assert_each_once(sqlite_url)


def test_jobs_extract_in_worker_processes(sqlite_url: str, tmp_path: Path) -> None:
    files = make_files(tmp_path / "in")
    engine = db.open_for_write(config.resolve(sqlite_url))
    summary = ingest.import_sources(engine, ingest.iter_sources(files, None), paragraph_events, jobs=2)
    assert summary.count("imported") == N_FILES and not summary.failed
    assert_each_once(sqlite_url)


def test_importers_storing_one_happening_at_once_make_one_event(any_db_url: str, tmp_path: Path) -> None:
    """Linking reads the events another importer may be writing: it waits for it (an advisory lock on
    PostgreSQL, the write lock on SQLite), so the happening is one event with every article's mention."""
    files = make_files(tmp_path / "in")
    db.open_for_write(config.resolve(any_db_url)).dispose()
    run_importers(any_db_url, overlapping(files, 3), batch_size=1, extractor="one_happening")
    engine = db.make_engine(any_db_url)
    with db.session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(Event)) == 1
        assert s.scalar(select(func.count(func.distinct(Mention.article_id)))) == N_FILES
    engine.dispose()


def test_postgres_asks_an_articles_candidates_in_one_statement_with_the_same_answer(postgres_url: str) -> None:
    """The linker's lookups batched for PostgreSQL (one round trip for the windows, the participants,
    the latest undated events and those moved since) find what the statements one by one find."""
    from collections import Counter
    from datetime import date

    from sqlalchemy import event

    from tests.conftest import SEED_DIR
    from timeline import config, db, ingest, storage

    engine = db.open_for_write(config.resolve(postgres_url))
    ingest.import_sources(engine, ingest.iter_sources([SEED_DIR], None))
    with engine.connect() as c:
        actors = [r[0] for r in c.exec_driver_sql("SELECT id FROM actors ORDER BY id LIMIT 3")]
        undated_kinds = [r[0] for r in c.exec_driver_sql("SELECT DISTINCT kind FROM events WHERE start_date IS NULL")]
    kinds = ["meeting", "summit", "talks", "visit"]
    window, participants = storage._WINDOW, storage._PARTICIPANTS_SLOT
    with engine.begin() as c:  # one event moved since 2025: the lookup of those has something to find
        c.exec_driver_sql("UPDATE events SET moved_on = '2026-01-10' WHERE id = (SELECT min(id) FROM events)")
    lookups = [
        (0, window, storage._DATED_CANDIDATES, {"kinds": kinds, "from_": date(2025, 1, 1), "to": date(2026, 12, 31),
                                                "reaches": date(2025, 1, 1)}),
        (0, participants, storage._SHARED_UNDATED, {"kinds": kinds, "actors": actors}),
        (1, participants, storage._SHARED_CANDIDATES, {"kinds": ["visit", "meeting"], "actors": actors[:1]}),
        (2, window, storage._DATED_CANDIDATES, {"kinds": ["response"], "from_": date(2026, 1, 1),
                                                "to": date(2026, 2, 1), "reaches": date(2026, 1, 1)}),
        (-1, storage._LATEST_UNDATED, storage._UNDATED_OF_KINDS, {"kinds": sorted(undated_kinds)}),
        (0, storage._MOVED, storage._MOVED_SINCE, {"published": date(2025, 6, 1)}),
    ]
    statements = Counter()
    event.listen(engine, "before_cursor_execute", lambda *args: statements.update(["n"]))
    with engine.connect() as c:
        batched = storage._look_up(c, lookups)
        assert statements["n"] == 1
        for i, slot, stmt, params in lookups:
            alone = sorted(r.id for r in c.execute(stmt, params))
            assert sorted(r.id for r in batched[i, slot]) == alone, (i, stmt)
    assert {slot for (_, slot), rows in batched.items() if rows} == {0, 1, 2, 3}  # every kind of lookup found some
    engine.dispose()
