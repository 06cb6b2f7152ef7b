"""Issue 10: nothing stored is lost or replaced but by a newer version of the same source; the
database's own failure modes (migrations, concurrency, ids, downgrades, odd files) end in one
clear line and lose nothing."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine, inspect, select, text
from typer.testing import CliRunner

from tests.conftest import invoke
from tests.test_import import counts, paragraph_events, write
from timeline import config, db, ingest
from timeline.extract.types import ActorMention, EvidenceSpan, ExtractedEvent, Interval
from timeline.models import Actor, Article, Event, Mention

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _fake_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "default_extractor", lambda: paragraph_events)


def _import(url: str, *paths: Path, extractor=paragraph_events, **kwargs) -> ingest.ImportSummary:
    engine = db.open_for_write(config.resolve(url))
    try:
        return ingest.import_sources(engine, ingest.iter_sources(list(paths), None), extractor, **kwargs)
    finally:
        engine.dispose()


def _sources(url: str) -> list[str]:
    engine = db.make_engine(url)
    with engine.connect() as c:
        found = [row[0] for row in c.execute(select(Article.source).order_by(Article.id))]
    engine.dispose()
    return found


# ---------------------------------------------------------------- identity


def test_same_relative_name_in_two_folders_is_two_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 't.db'}"
    write(tmp_path / "lenta" / "001.txt", "2026-01-14", "Лента.", "Текст ленты.")
    write(tmp_path / "tass" / "001.txt", "2026-01-14", "ТАСС.", "Текст ТАСС.")
    monkeypatch.chdir(tmp_path / "lenta")
    assert not _import(url, Path(".")).failed
    monkeypatch.chdir(tmp_path / "tass")
    summary = _import(url, Path("."))
    assert summary.count("imported") == 1 and summary.count("replaced") == 0
    assert counts(url)["articles"] == 2
    # Stored by what identifies the file in the world: its absolute path.
    assert sorted(_sources(url)) == [str(tmp_path / "lenta" / "001.txt"), str(tmp_path / "tass" / "001.txt")]


def test_sources_are_shown_relative_to_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 't.db'}"
    write(tmp_path / "news" / "lenta" / "001.txt", "2026-01-14", "Лента.", "Текст ленты.")
    assert not _import(url, tmp_path / "news").failed
    from timeline.cli import common

    # The tables a person reads on a terminal (piped, every field is whole: the stored source).
    monkeypatch.setattr(common.out, "_force_terminal", True)
    monkeypatch.setattr(common.out, "_width", 200)
    shown = {}
    for folder in (tmp_path, tmp_path / "news", tmp_path / "news" / "lenta" / "001.txt"):
        monkeypatch.chdir(folder if folder.is_dir() else folder.parent)
        rows = invoke(CliRunner(), "articles", "--db", url).stdout
        shown[folder] = next(line for line in rows.splitlines() if "001.txt" in line)
        event_id = json.loads(invoke(CliRunner(), "events", "--db", url, "--format", "json").stdout)[0]["id"]
        assert shown[folder].split()[2] in invoke(CliRunner(), "show", str(event_id), "--db", url).stdout
    assert " news/lenta/001.txt " in shown[tmp_path]
    assert " lenta/001.txt " in shown[tmp_path / "news"] and "news/lenta" not in shown[tmp_path / "news"]
    # Outside the current folder, or not a path: as stored.
    from timeline.output.table import shown_source

    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert shown_source(str(tmp_path / "news" / "x.txt")) == str(tmp_path / "news" / "x.txt")
    assert shown_source("https://example.org/a") == "https://example.org/a"
    # Machine formats give the stored source: the absolute path.
    rows = json.loads(invoke(CliRunner(), "articles", "--db", url, "--format", "json").stdout)
    assert rows[0]["source"] == str(tmp_path / "news" / "lenta" / "001.txt")


def test_a_file_by_its_absolute_path_is_the_same_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 't.db'}"
    path = write(tmp_path / "in" / "a.txt", "2026-01-14", "Заголовок.", "Текст.")
    monkeypatch.chdir(tmp_path / "in")
    _import(url, Path("a.txt"))
    write(path, "2026-01-14", "Заголовок.", "Исправленный текст.")
    summary = _import(url, path.resolve())
    assert summary.count("replaced") == 1
    assert counts(url)["articles"] == 1


def _jsonl(path: Path, *items: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    return path


def _item(letter: str, **extra: str) -> dict[str, str]:
    return {"published": "2026-01-14", "text": f"Статья {letter}.\n\nТекст {letter}.", **extra}


def test_jsonl_without_url_is_identified_by_content(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 't.db'}"
    feed = _jsonl(tmp_path / "feed.jsonl", _item("A"), _item("B"))
    _import(url, feed)
    _jsonl(feed, _item("C"), _item("B"))  # the feed rewritten: A dropped off, C on top
    summary = _import(url, feed)
    assert (summary.count("imported"), summary.count("skipped"), summary.count("replaced")) == (1, 1, 0)
    assert counts(url)["articles"] == 3  # A is still there
    _jsonl(feed, _item("D"), _item("C"), _item("B"))  # prepended: nothing is extracted again
    summary = _import(url, feed)
    assert (summary.count("imported"), summary.count("skipped")) == (1, 2)


def test_jsonl_with_url_replaces_only_its_own_url(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 't.db'}"
    article = write(tmp_path / "a.txt", "2026-01-14", "Файл.", "Текст файла.")
    feed = _jsonl(tmp_path / "feed.jsonl", _item("A", url="https://example.org/a"))
    _import(url, article, feed)
    # A line whose url is the file's path is another source, not a new version of the file.
    _jsonl(feed, _item("B", url=str(article.resolve())), _item("A2", url="https://example.org/a"))
    summary = _import(url, feed)
    assert (summary.count("imported"), summary.count("replaced")) == (1, 1)
    sources = _sources(url)
    assert str(article.resolve()) in sources and sources.count("https://example.org/a") == 1
    assert counts(url)["articles"] == 3


def test_ids_are_never_reused(tmp_path: Path, any_db_url: str) -> None:
    a = write(tmp_path / "a.txt", "2026-01-14", "Заголовок.", "Текст.", "Ещё.")
    _import(any_db_url, a)
    engine = db.make_engine(any_db_url)
    with engine.connect() as c:
        first = set(c.scalars(select(Event.id)))
        first_article = c.scalar(select(Article.id))
    write(a, "2026-01-14", "Заголовок.", "Новый текст.", "Ещё.")
    _import(any_db_url, a)
    with engine.connect() as c:
        second = set(c.scalars(select(Event.id)))
        second_article = c.scalar(select(Article.id))
        evidence = set(c.scalars(select(Mention.id)))
    engine.dispose()
    assert len(second) == 3 and not first & second, "a cited `show N` must never show another event"
    assert second_article != first_article
    assert min(evidence) > 3


def test_replacing_an_article_drops_its_words_from_the_search_index(tmp_path: Path, any_db_url: str) -> None:
    """An event cited by two articles stays when one is replaced, and is no longer found by its words."""

    def talks(text: str, published: date) -> list[ExtractedEvent]:
        start = text.index("\n\n") + 2
        return [ExtractedEvent(
            kind="talks", title="Переговоры", status="occurred",
            when=Interval(date(2026, 3, 10), date(2026, 3, 10), "day"),
            actors=[ActorMention("Сергей Лавров", "person", "participant")],
            evidence=[EvidenceSpan(text[start:], start, len(text))],
        )]

    a = write(tmp_path / "a.txt", "2026-03-12", "Переговоры.", "Лавров обсудил бананы.")
    b = write(tmp_path / "b.txt", "2026-03-13", "Переговоры.", "Лавров обсудил апельсины.")
    _import(any_db_url, a, b, extractor=talks)
    result = invoke(CliRunner(), "events", "--search", "бананы", "--db", any_db_url, "--format", "json")
    assert len(json.loads(result.stdout)) == 1
    write(a, "2026-03-12", "Переговоры.", "Лавров обсудил яблоки.")
    _import(any_db_url, a, extractor=talks)
    for word, found in (("бананы", 0), ("апельсины", 1), ("яблоки", 1)):
        result = invoke(CliRunner(), "events", "--search", word, "--db", any_db_url, "--format", "json")
        assert len(json.loads(result.stdout)) == found, word


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("бананы", 1),  # the stemmer made «бана» of it, and of «бананов» «банан»
        ("бананов", 1), ("банан", 1), ("переговорах", 1), ("Переговоры бананов", 1), ("выросло", 1),
        ("апельсины", 0), ("бананы апельсины", 0),
    ],
)
def test_search_finds_the_same_on_every_engine(tmp_path: Path, any_db_url: str, query: str, found: int) -> None:
    a = write(tmp_path / "a.txt", "2026-03-12", "Рынок.", "Продажи бананов выросли после переговоров.")
    _import(any_db_url, a)
    result = invoke(CliRunner(), "events", "--search", query, "--db", any_db_url, "--format", "json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == found


def test_migration_0004_indexes_what_is_stored(any_db_url: str) -> None:
    engine = db.make_engine(any_db_url)
    db.upgrade(engine, "0003")
    with engine.begin() as c:
        _, event_id = _raw_event(c, "0" * 64, "a.txt", "Переговоры", "Обсудили поставки бананов.")
        if engine.dialect.name == "sqlite":  # SQLite's index has been kept since 0002
            c.execute(text("INSERT INTO events_fts (rowid, title, evidence) "
                           "VALUES (:id, 'переговоры', 'обсудить поставка банан')"), {"id": event_id})
    db.upgrade(engine)
    with db.session_scope(engine) as session:
        from timeline.query import EventQuery, find_events

        assert [e.id for e in find_events(session, EventQuery(search="бананы"))] == [event_id]
        assert [e.id for e in find_events(session, EventQuery(search="переговорах"))] == [event_id]
    with engine.begin() as c:
        c.execute(text("DELETE FROM articles"))
        assert c.scalar(text("SELECT count(*) FROM events_fts")) == 0  # a cascade or the trigger
    db.downgrade(engine, "0003")
    engine.dispose()


def test_long_names_and_urls_behave_the_same_on_every_engine(tmp_path: Path, any_db_url: str) -> None:
    long_name = " ".join(["Длинноеимя"] * 40)  # 439 characters

    def named(text: str, published: date) -> list[ExtractedEvent]:
        return [ExtractedEvent(
            kind="statement", title="Заявление", status="occurred", when=Interval(published, published, "day"),
            place=long_name, actors=[ActorMention(long_name, "person", "participant")],
            evidence=[EvidenceSpan(text[:5], 0, 5)],
        )]

    long_url = "https://example.org/" + "a" * 5000
    feed = _jsonl(tmp_path / "feed.jsonl", _item("A", url=long_url))
    summary = _import(any_db_url, feed, extractor=named)
    assert summary.count("imported") == 1, summary.results
    engine = db.make_engine(any_db_url)
    with engine.connect() as c:
        name = c.scalar(select(Actor.name))
        place = c.scalar(select(Event.place))
        assert c.scalar(select(Article.source)) == long_url
    engine.dispose()
    assert name is not None and len(name) <= 256 and name.endswith("…") and name.startswith("Длинноеимя")
    assert place == name


# ---------------------------------------------------------------- migrations


def _raw_event(c: Connection, sha: str, source: str, title: str, sentence: str) -> tuple[int, int]:
    """An article, one event of it and its evidence, written as an older schema holds them (no models:
    they follow the newest schema). Returns the article's and the event's ids."""
    article_id = c.execute(text(
        "INSERT INTO articles (sha256, source, published, title, text, language, imported_at) "
        "VALUES (:sha, :source, '2026-01-14', NULL, :text, 'ru', '2026-01-14 00:00:00') RETURNING id"
    ), {"sha": sha, "source": source, "text": sentence}).scalar()
    event_id = c.execute(text(
        "INSERT INTO events (article_id, kind, title, status, confidence) "
        "VALUES (:id, 'statement', :title, 'occurred', 0.5) RETURNING id"
    ), {"id": article_id, "title": title}).scalar()
    c.execute(text(
        "INSERT INTO evidence (event_id, article_id, text, start_offset, end_offset) "
        "VALUES (:event, :article, :text, 0, :end)"
    ), {"event": event_id, "article": article_id, "text": sentence, "end": len(sentence)})
    return article_id, event_id  # type: ignore[return-value]


def test_migration_0003_keeps_data_and_gives_keys(tmp_path: Path, any_db_url: str) -> None:
    engine = db.make_engine(any_db_url)
    db.upgrade(engine, "0002")
    rows = ["seeds/a.txt", "/abs/b.txt", "feed.jsonl:4", "https://example.org/x"]
    with engine.begin() as c:
        for n, source in enumerate(rows, start=1):
            article_id, event_id = _raw_event(c, f"{n:064}", source, "Заявление", "Текст.")
        assert article_id == 4 and event_id == 4
    db.upgrade(engine, "0005")
    with engine.connect() as c:
        keys = dict(c.execute(text("SELECT source, source_key FROM articles")).all())
        assert c.scalar(text("SELECT count(*) FROM events")) == 4
        assert c.scalar(text("SELECT count(*) FROM evidence")) == 4
    assert keys["feed.jsonl:4"] is None  # a JSON line without a URL: identified by its content
    assert len({keys[s] for s in rows if s != "feed.jsonl:4"}) == 3
    # The rebuilt events table still removes a deleted event from the search index, and never reuses ids.
    with engine.begin() as c:
        c.execute(text("DELETE FROM articles WHERE id = 4"))
        assert c.scalar(text("SELECT count(*) FROM evidence")) == 3  # the cascade still works
        if engine.dialect.name == "sqlite":
            c.execute(text("INSERT INTO events_fts (rowid, title, evidence) VALUES (1, 'x', 'y')"))
            c.execute(text("DELETE FROM events WHERE id = 1"))
            assert c.scalar(text("SELECT count(*) FROM events_fts")) == 0
        new_id = c.execute(text(
            "INSERT INTO articles (sha256, source, published, text, language, imported_at) "
            "VALUES (:sha, 'n.txt', '2026-01-14', 'x', 'ru', '2026-01-14 00:00:00') RETURNING id"
        ), {"sha": "f" * 64}).scalar()
        assert new_id == 5
    db.downgrade(engine, "0002")
    db.upgrade(engine)
    with engine.connect() as c:
        assert c.scalar(text("SELECT count(*) FROM articles")) == 4
    engine.dispose()


_OPEN_AT_ONCE = textwrap.dedent(
    """
    import sys, time
    from timeline import config, db
    start = float(sys.argv[2])
    time.sleep(max(0.0, start - time.time()))
    db.open_for_write(config.resolve(sys.argv[1])).dispose()
    """
)


def _start_together(url: str, n: int) -> list[subprocess.CompletedProcess[bytes]]:
    at = str(time.time() + 3)
    procs = [
        subprocess.Popen([sys.executable, "-c", _OPEN_AT_ONCE, url, at], cwd=ROOT, stderr=subprocess.PIPE)
        for _ in range(n)
    ]
    return [subprocess.CompletedProcess(p.args, p.wait(timeout=120), b"", p.stderr.read()) for p in procs]


def test_importers_started_together_on_a_new_database_all_migrate(any_db_url: str) -> None:
    for done in _start_together(any_db_url, 6):
        assert done.returncode == 0, done.stderr.decode()
    engine = db.make_engine(any_db_url)
    assert db.current_revision(engine) == db.head_revision()
    engine.dispose()


# ---------------------------------------------------------------- concurrent importers with --jobs


def shared_actors(text: str, published: date) -> list[ExtractedEvent]:
    """Events whose participants many articles share, in varying order: rows concurrent importers
    all want to insert, the way to a deadlock if they are not taken in one global order."""
    events = paragraph_events(text, published)
    number = sum(map(ord, text))
    names = [f"Участник {(number * k) % 17}" for k in (1, 3, 7)]
    for e in events:
        e.actors = [ActorMention(n, "person", "reporter") for n in names]
    return events


_IMPORT_JOBS = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from timeline import config, db, ingest
    from tests.test_no_loss import shared_actors
    engine = db.open_for_write(config.resolve(sys.argv[1]))
    files = [Path(p) for p in sys.argv[2:]]
    summary = ingest.import_sources(engine, ingest.iter_sources(files, None), shared_actors, jobs=2, batch_size=8)
    for r in summary.results:
        if r.outcome == "failed":
            print(r.source, r.error, file=sys.stderr)
    sys.exit(1 if summary.failed else 0)
    """
)


def test_concurrent_importers_with_jobs_lose_nothing(tmp_path: Path, any_db_url: str) -> None:
    files = [
        write(tmp_path / "in" / f"{i:03}.txt", "2026-01-14", f"Статья {i}.", f"Текст {i}.", f"Ещё {i * 7}.")
        for i in range(120)
    ]
    db.open_for_write(config.resolve(any_db_url)).dispose()
    sets = [files, files[40:] + files[:40], list(reversed(files))]
    procs = [
        subprocess.Popen([sys.executable, "-c", _IMPORT_JOBS, any_db_url, *map(str, s)], cwd=ROOT,
                         stderr=subprocess.PIPE)
        for s in sets
    ]
    for p in procs:
        _, stderr = p.communicate(timeout=600)
        assert p.returncode == 0, stderr.decode()[-2000:]
    after = counts(any_db_url)
    assert after["articles"] == 120 and after["events"] == 360 and after["mentions"] == 360


def _transient_error() -> Exception:
    import sqlite3

    from sqlalchemy.exc import OperationalError

    return OperationalError("INSERT …", {}, sqlite3.OperationalError("database is locked"))


def test_a_transient_failure_is_tried_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 't.db'}"
    files = [write(tmp_path / "in" / f"{i}.txt", "2026-01-14", f"Статья {i}.", "Текст.") for i in range(4)]
    original = ingest.store_article
    failures = {"left": 3}

    def flaky(*args, **kwargs):
        if failures["left"]:
            failures["left"] -= 1
            raise _transient_error()
        return original(*args, **kwargs)

    monkeypatch.setattr(ingest, "store_article", flaky)
    for batch_size in (1, 4):
        failures["left"] = 3
        summary = _import(url, *files, batch_size=batch_size, force=True)
        assert not summary.failed and failures["left"] == 0, summary.results
    assert counts(url)["articles"] == 4


# ---------------------------------------------------------------- worker processes


def dies_on_poison(text: str, published: date) -> list[ExtractedEvent]:
    if "яд" in text:
        os.kill(os.getpid(), signal.SIGKILL)
    return paragraph_events(text, published)


def test_a_killed_worker_fails_its_article_alone(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 't.db'}"
    files = [write(tmp_path / "in" / f"{i:02}.txt", "2026-01-14", f"Статья {i}.", "Текст.") for i in range(12)]
    write(files[5], "2026-01-14", "Статья 5.", "Здесь яд.")
    summary = _import(url, tmp_path / "in", extractor=dies_on_poison, jobs=2)
    failed = [r for r in summary.results if r.outcome == "failed"]
    assert [Path(r.source).name for r in failed] == ["05.txt"]
    assert "worker process died" in (failed[0].error or "")
    assert summary.count("imported") == 11 and counts(url)["articles"] == 11


def test_a_worker_dying_between_submissions_fails_its_article_alone(tmp_path: Path) -> None:
    """The pool can break while articles are still being handed to it (submit raises, not result)."""
    url = f"sqlite:///{tmp_path / 't.db'}"
    files = [write(tmp_path / "in" / f"{i:02}.txt", "2026-01-14", f"Статья {i}.", "Текст.") for i in range(6)]
    write(files[0], "2026-01-14", "Статья 0.", "Здесь яд.")

    def slowly() -> Iterator[ingest.ArticleSource | ingest.SourceError]:
        for n, item in enumerate(ingest.iter_sources([tmp_path / "in"], None)):
            yield item
            if n == 0:
                time.sleep(1.0)  # the poisoned worker dies before the next article is handed over

    engine = db.open_for_write(config.resolve(url))
    summary = ingest.import_sources(engine, slowly(), dies_on_poison, jobs=2)
    engine.dispose()
    failed = [r for r in summary.results if r.outcome == "failed"]
    assert [Path(r.source).name for r in failed] == ["00.txt"]
    assert summary.count("imported") == 5 and counts(url)["articles"] == 5


def slow_extractor(text: str, published: date) -> list[ExtractedEvent]:
    time.sleep(30)
    return paragraph_events(text, published)


_SLOW_JOBS = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from timeline import config, db, ingest
    from tests.test_no_loss import slow_extractor
    engine = db.open_for_write(config.resolve(sys.argv[1]))
    ingest.import_sources(engine, ingest.iter_sources([Path(sys.argv[2])], None), slow_extractor, jobs=2)
    """
)


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_with_their_parent(tmp_path: Path, how: signal.Signals) -> None:
    url = f"sqlite:///{tmp_path / 't.db'}"
    for i in range(4):
        write(tmp_path / "in" / f"{i}.txt", "2026-01-14", f"Статья {i}.", "Текст.")
    main = subprocess.Popen([sys.executable, "-c", _SLOW_JOBS, url, str(tmp_path / "in")], cwd=ROOT,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        workers: set[int] = set()
        while time.time() < deadline and len(workers) < 2:
            time.sleep(0.2)
            workers = {c for c in _children(main.pid) if "python" in Path(f"/proc/{c}/cmdline").read_text()}
        assert len(workers) >= 2, "the workers never started"
        main.send_signal(how)
        main.wait(timeout=30)
        deadline = time.time() + 15
        while time.time() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.2)
        assert not [w for w in workers if _alive(w)], "workers outlived their parent"
    finally:
        main.kill()


# ---------------------------------------------------------------- the database, from the command line


def _imported_db(runner: CliRunner, tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 't.db'}"
    write(tmp_path / "in" / "a.txt", "2026-01-14", "Заголовок.", "Текст.")
    assert invoke(runner, "import", str(tmp_path / "in"), "--db", url).exit_code == 0
    return url


def test_downgrade_to_base_asks_first(runner: CliRunner, tmp_path: Path) -> None:
    url = _imported_db(runner, tmp_path)
    refused = invoke(runner, "db", "downgrade", "base", "--db", url)  # no terminal to ask on
    assert refused.exit_code == 1
    assert "1 articles" in refused.stderr or "1 article" in refused.stderr
    assert "--yes" in refused.stderr and counts(url)["articles"] == 1
    done = invoke(runner, "db", "downgrade", "base", "--yes", "--db", url)
    assert done.exit_code == 0, done.output
    assert invoke(runner, "db", "current", "--db", url).stdout.strip() == "base"


def test_downgrade_takes_a_relative_step(runner: CliRunner, tmp_path: Path) -> None:
    url = _imported_db(runner, tmp_path)
    result = invoke(runner, "db", "downgrade", "-1", "--yes", "--db", url)
    assert result.exit_code == 0, result.output
    before_head = db._scripts().get_revision(db.head_revision()).down_revision
    assert invoke(runner, "db", "current", "--db", url).stdout.strip() == before_head
    assert invoke(runner, "db", "upgrade", "--db", url).exit_code == 0
    assert counts(url)["articles"] == 1


def test_upgrade_to_an_unknown_revision_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "db", "upgrade", "nonsense", "--db", str(tmp_path / "t.db"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error:") and "nonsense" in result.stderr


@pytest.mark.parametrize("command", [["events"], ["articles"], ["db", "current"], ["db", "upgrade"], ["import", "x"]])
def test_a_file_that_is_not_sqlite(runner: CliRunner, tmp_path: Path, command: list[str]) -> None:
    fake = tmp_path / "notes.db"
    fake.write_text("это не база данных\n" * 100, encoding="utf-8")
    before = fake.read_bytes()
    result = invoke(runner, *command, "--db", str(fake))
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error:") and "not a database" in result.stderr
    assert fake.read_bytes() == before


@pytest.mark.parametrize("command", [["events"], ["import", "in"], ["db", "upgrade"], ["db", "current"]])
def test_a_database_of_a_newer_schema(runner: CliRunner, tmp_path: Path, command: list[str]) -> None:
    url = _imported_db(runner, tmp_path)
    engine = create_engine(url)
    with engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    result = invoke(runner, *command, "--db", url)
    if command == ["db", "current"]:
        assert result.exit_code == 0 and "newer" in result.stderr
        return
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error:") and "newer" in result.stderr
    assert "db upgrade" not in result.stderr
    assert counts(url)["articles"] == 1


def test_password_is_masked(runner: CliRunner) -> None:
    url = "postgresql+psycopg://someone:s3cret-pw@127.0.0.1:1/nothing"
    for command in (["events"], ["db", "path"]):
        result = invoke(runner, *command, "--db", url)
        assert "s3cret-pw" not in result.output
    assert "***" in invoke(runner, "db", "path", "--db", url).stdout


def test_empty_db_option_is_refused(runner: CliRunner) -> None:
    result = invoke(runner, "events", "--db", "")
    assert result.exit_code == 1 and result.stderr.startswith("Error: --db")


def _can_run_as_nobody() -> bool:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return False
    done = subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c", "import timeline"],
        cwd="/", capture_output=True, check=False,
    )
    return done.returncode == 0


@pytest.mark.skipif(not _can_run_as_nobody(), reason="needs root to run a reader as an unprivileged user")
def test_a_wal_database_in_a_read_only_folder_can_be_read() -> None:
    folder = Path(tempfile.mkdtemp(prefix="timeline-ro-", dir="/tmp"))
    try:
        url = f"sqlite:///{folder / 't.db'}"
        write(folder / "in" / "a.txt", "2026-01-14", "Заголовок.", "Текст.")
        assert invoke(CliRunner(), "import", str(folder / "in"), "--db", url).exit_code == 0
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        done = subprocess.run(
            ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
             sys.executable, "-m", "timeline", "events", "--db", url, "--format", "json"],
            cwd="/", capture_output=True, text=True, check=False, env={**os.environ, "HOME": str(folder)},
        )
        assert done.returncode == 0, done.stderr
        assert len(json.loads(done.stdout)) == 2
    finally:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o755)
        shutil.rmtree(folder)


def test_migration_0006_makes_each_evidence_a_mention_and_back(any_db_url: str) -> None:
    """Each old event and its evidence become an event with its mentions (the event's fields and
    actors on each), and back; ids are kept both ways, and new rows continue after them."""
    engine = db.make_engine(any_db_url)
    db.upgrade(engine, "0005")
    with engine.begin() as c:
        first, event_id = _raw_event(c, "1" * 64, "a.txt", "Переговоры", "Стороны провели переговоры.")
        second, _ = _raw_event(c, "2" * 64, "b.txt", "Другое", "Другое событие.")
        c.execute(text(
            "INSERT INTO evidence (event_id, article_id, text, start_offset, end_offset) "
            "VALUES (:event, :article, 'Другое событие.', 0, 15)"
        ), {"event": event_id, "article": second})
        actor = c.execute(text(
            "INSERT INTO actors (name, type, key) VALUES ('Сергей Лавров', 'person', 'сергей лавров') RETURNING id"
        )).scalar()
        c.execute(text("INSERT INTO event_actors (event_id, actor_id, role) VALUES (:e, :a, 'participant')"),
                  {"e": event_id, "a": actor})
        before = c.execute(text(
            "SELECT id, event_id, article_id, text, start_offset, end_offset FROM evidence ORDER BY id"
        )).all()
    db.upgrade(engine)
    with engine.connect() as c:
        mentions = c.execute(text(
            "SELECT id, event_id, article_id, sentence, start_offset, end_offset, kind, title, status, linked_by "
            "FROM mentions ORDER BY id"
        )).all()
        assert [tuple(m[:6]) for m in mentions] == [tuple(r) for r in before]
        assert [(m.kind, m.title, m.status) for m in mentions if m.event_id == event_id] == [
            ("statement", "Переговоры", "occurred")] * 2
        assert [m.linked_by is None for m in mentions if m.event_id == event_id] == [True, False]
        assert c.execute(text("SELECT mention_id, actor_id, role FROM mention_actors ORDER BY mention_id")).all() == [
            (m.id, actor, "participant") for m in mentions if m.event_id == event_id]
        assert "evidence" not in inspect(engine).get_table_names()
    with engine.begin() as c:  # a new mention continues after the copied ids
        new = c.execute(text(
            "INSERT INTO mentions (event_id, article_id, sentence, start_offset, end_offset, kind, title, status, "
            "confidence, moved) VALUES (:e, :a, 'x', 0, 1, 'talks', 'x', 'occurred', 0.5, false) RETURNING id"
        ), {"e": event_id, "a": first}).scalar()
        assert new == len(before) + 1
        c.execute(text("DELETE FROM mentions WHERE id = :id"), {"id": new})
    db.downgrade(engine, "0005")
    with engine.connect() as c:
        assert c.execute(text(
            "SELECT id, event_id, article_id, text, start_offset, end_offset FROM evidence ORDER BY id"
        )).all() == before
    db.upgrade(engine)
    with engine.connect() as c:
        assert c.scalar(text("SELECT count(*) FROM mentions")) == len(before)
    engine.dispose()


def _article_and_event(c: Connection, sha: str, body: str, kind: str, title: str) -> tuple[int, int]:
    """An article and one event of it, written as the schema since 0006 holds them (no models: they
    follow the newest schema). Returns their ids."""
    article_id = c.execute(text(
        "INSERT INTO articles (sha256, source, published, title, text, language, imported_at) VALUES "
        "(:sha, :source, '2026-01-14', NULL, :body, 'ru', '2026-01-14 00:00:00') RETURNING id"
    ), {"sha": sha, "source": f"{sha[:4]}.txt", "body": body}).scalar()
    event_id = c.execute(text(
        "INSERT INTO events (article_id, kind, title, status, confidence) "
        "VALUES (:id, :kind, :title, 'occurred', 0.5) RETURNING id"
    ), {"id": article_id, "kind": kind, "title": title}).scalar()
    return article_id, event_id  # type: ignore[return-value]


def test_migration_0007_gives_mentions_key_words_and_back(any_db_url: str) -> None:
    """Mentions stored before 0007 keep everything and have no key words; downgrading drops only them."""
    engine = db.make_engine(any_db_url)
    db.upgrade(engine, "0006")
    with engine.begin() as c:
        article, event_id = _article_and_event(c, "3" * 64, "Стороны провели переговоры.", "talks", "Переговоры")
        c.execute(text(
            "INSERT INTO mentions (event_id, article_id, sentence, start_offset, end_offset, kind, title, status, "
            "confidence, moved) VALUES (:e, :a, 'Стороны провели переговоры.', 0, 27, 'talks', 'Переговоры', "
            "'occurred', 0.5, false)"
        ), {"e": event_id, "a": article})
        before = c.execute(text("SELECT id, event_id, sentence, kind, title FROM mentions ORDER BY id")).all()
    db.upgrade(engine)
    with engine.begin() as c:
        assert c.execute(text("SELECT id, event_id, sentence, kind, title FROM mentions ORDER BY id")).all() == before
        assert c.execute(text("SELECT keywords FROM mentions")).scalars().all() == [None]
        c.execute(text("UPDATE mentions SET keywords = '#второй серия спутник'"))
    db.downgrade(engine, "0006")
    with engine.connect() as c:
        assert c.execute(text("SELECT id, event_id, sentence, kind, title FROM mentions ORDER BY id")).all() == before
        assert "keywords" not in {col["name"] for col in inspect(engine).get_columns("mentions")}
    engine.dispose()


def test_migration_0008_derives_each_events_key_words_from_its_mentions_and_back(any_db_url: str) -> None:
    engine = db.make_engine(any_db_url)
    db.upgrade(engine, "0007")
    with engine.begin() as c:
        article, event_id = _article_and_event(c, "4" * 64, "Пуск.", "launch", "Пуск")
        for keywords in ("#второй серия спутник", "серия спутник ракета", None):
            c.execute(text(
                "INSERT INTO mentions (event_id, article_id, sentence, start_offset, end_offset, kind, title, "
                "status, confidence, moved, keywords) VALUES (:e, :a, 'Пуск.', 0, 5, 'launch', 'Пуск', 'planned', "
                "0.5, false, :k)"
            ), {"e": event_id, "a": article, "k": keywords})
    db.upgrade(engine)
    with engine.connect() as c:
        assert c.scalar(text("SELECT keywords FROM events")) == "#второй ракета серия спутник"
    db.downgrade(engine, "0007")
    with engine.connect() as c:
        assert "keywords" not in {col["name"] for col in inspect(engine).get_columns("events")}
        assert c.scalar(text("SELECT count(*) FROM mentions")) == 3
    engine.dispose()
