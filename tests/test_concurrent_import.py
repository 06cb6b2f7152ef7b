"""Several importers at once never duplicate or lose an article or its events (issue 6)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from sqlalchemy import func, select

from tests.test_import import paragraph_events, write
from timeline import config, db, ingest
from timeline.models import Article, Event, Mention

ROOT = Path(__file__).resolve().parent.parent
N_FILES = 24


def make_files(folder: Path) -> list[Path]:
    return [
        write(folder / f"{i:02}.txt", "2026-01-14", f"Статья номер {i}.", f"Текст {i}.", "Общий абзац.")
        for i in range(N_FILES)
    ]


def run_importers(url: str, file_sets: list[list[Path]], batch_size: int) -> None:
    script = textwrap.dedent(
        """
        import sys
        from pathlib import Path
        from timeline import config, db, ingest
        from tests.test_import import paragraph_events
        engine = db.open_for_write(config.resolve(sys.argv[1]))
        files = [Path(p) for p in sys.argv[3:]]
        summary = ingest.import_sources(engine, ingest.iter_sources(files, None), paragraph_events,
                                        batch_size=int(sys.argv[2]))
        sys.exit(1 if summary.failed else 0)
        """
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, url, str(batch_size), *map(str, files)],
            cwd=ROOT,
            stderr=subprocess.PIPE,
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
