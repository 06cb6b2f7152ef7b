"""Issue 10: the whole hostile batch in one ``timeline import``.

Every kind of bad input found by the probes — a missing path, an unreadable file and folder, a FIFO,
``/dev/zero``, a file over the limit, a binary file, an impossible or missing date, an empty file,
bad JSON Lines (a lone surrogate, broken JSON, no text) — mixed with good articles in every encoding
and shape the probes used (KOI8-R, CP866, ISO-8859-5, MacCyrillic, Windows-1251, NFD, terminal
escapes, the first and last days of the calendar). The import exits 1 with one ``Error: WHERE: reason``
line per bad item, stores every good article, and nothing of a bad one.

The import runs in a child process with the real extractor; as root it runs as ``nobody`` so an
unreadable file is really unreadable.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from timeline.sources.readers import MAX_FILE_BYTES

BODY = (
    "Министр обороны Сергей Шойгу провёл совещание в Москве {day}. Участники обсудили поставки "
    "техники и сроки ремонта. Следующая встреча назначена на пятницу, сообщили в ведомстве.\n\n"
    "По словам министра, работы будут завершены до конца месяца."
)


def _as_nobody() -> list[str]:
    """The prefix that runs a command as an unprivileged user, when we are root and can."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return []
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run([*prefix, sys.executable, "-c", "import timeline"], cwd="/", capture_output=True)
    return prefix if probe.returncode == 0 else []


def _seed(title: str, published: str = "2026-01-14", day: str = "во вторник") -> str:
    return f"date {published} {title}\n\n{BODY.format(day=day)}"


@pytest.fixture
def folder() -> Iterator[Path]:
    """A folder under /tmp (``nobody`` must reach it; pytest's tmp_path is private to its user)."""
    path = Path(tempfile.mkdtemp(prefix="timeline-hostile-", dir="/tmp"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        for p in [path, *path.rglob("*")]:
            if not p.is_symlink():
                p.chmod(0o755 if p.is_dir() else 0o644)
        shutil.rmtree(path)


def _build(root: Path) -> tuple[list[str], dict[str, str], list[str], list[str]]:
    """The batch: the paths to import, the good articles' titles by where, the bad items' ``where``s,
    and text that only bad items hold."""
    news = root / "news"
    news.mkdir()
    good: dict[str, str] = {}
    bad: list[str] = []
    bad_text: list[str] = []

    def good_file(name: str, title: str, data: bytes) -> None:
        path = news / name
        path.write_bytes(data)
        good[str(path)] = title

    good_file("utf8.txt", "Совещание в министерстве", _seed("Совещание в министерстве").encode())
    for codec in ("koi8_r", "cp866", "iso8859_5", "mac_cyrillic", "cp1251"):
        title = f"Совещание в кодировке {codec}"
        good_file(f"{codec}.txt", title, _seed(title).encode(codec))
    nfd_title = "Шойгу провёл второе совещание"
    good_file("nfd.txt", nfd_title, unicodedata.normalize("NFD", _seed(nfd_title)).encode())
    good_file("escapes.txt", "Заголовок с escape-кодами",
              _seed("Заголовок с escape-кодами\x1b[2J\x1b]0;pwned\x07").encode())
    good_file("last-day.txt", "Последний день календаря",
              _seed("Последний день календаря", "9999-12-31", "завтра").encode())
    good_file("first-day.txt", "Первый день календаря", _seed("Первый день календаря", "0001-01-01", "вчера").encode())
    (news / "deeper").mkdir()
    good_file("deeper/nested.txt", "Вложенная папка", _seed("Вложенная папка").encode())

    def bad_file(name: str, data: bytes, marker: str | None = None) -> Path:
        path = news / name
        path.write_bytes(data)
        bad.append(str(path))
        if marker:
            bad_text.append(marker)
        return path

    bad_file("binary.txt", b"\x00\x01\x02 not text \x00" * 100)
    bad_file("no-date.txt", "Статья без даты, которую нельзя поместить в календарь.".encode(), "без даты")
    bad_file("impossible-date.txt", _seed("Тридцатое февраля", "2026-02-30").encode(), "Тридцатое февраля")
    bad_file("empty.txt", b"")
    big = bad_file("big.txt", b"")
    with big.open("wb") as f:  # sparse: over the limit without writing it
        f.truncate(MAX_FILE_BYTES + 1)
    locked = bad_file("locked.txt", _seed("Запертый файл").encode(), "Запертый файл")
    locked.chmod(0)
    fifo = news / "pipe.txt"
    os.mkfifo(fifo)
    bad.append(str(fifo))
    closed = news / "closed"
    closed.mkdir()
    (closed / "inside.txt").write_text(_seed("Файл в запертой папке"), encoding="utf-8")
    bad_text.append("Файл в запертой папке")
    closed.chmod(0)
    bad.append(str(closed))

    feed = news / "feed.jsonl"
    lines = [
        {"published": "2026-01-15", "title": "Лента: первая новость", "text": BODY.format(day="в среду")},
        '{"published": "2026-01-15", "title": "Суррогат", "text": "Текст \\ud800 с суррогатом."}',
        '{"published": "2026-01-15", "title": "Сломанный JSON", ',
        {"published": "2026-01-16", "title": "Лента: \x1b]8;;http://evil\x1b\\ссылка\x1b]8;;\x1b\\",
         "text": BODY.format(day="в четверг")},
        {"published": "2026-01-16", "title": "Без текста"},
    ]
    feed.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines) + "\n",
        encoding="utf-8",
    )
    good[f"{feed}:1"] = "Лента: первая новость"
    good[f"{feed}:4"] = "Лента: ссылка"  # the OSC 8 hyperlink's control characters removed on import
    bad += [f"{feed}:2", f"{feed}:3", f"{feed}:5"]
    bad_text += ["Суррогат", "Сломанный JSON", "Без текста"]

    missing = root / "missing.txt"
    bad.append(str(missing))
    bad.append("/dev/zero")
    return [str(news), str(missing), "/dev/zero"], good, bad, bad_text


def test_the_hostile_batch(folder: Path) -> None:
    paths, good, bad, bad_text = _build(folder)
    (folder / "db").mkdir(mode=0o777)
    (folder / "db").chmod(0o777)  # the importer, maybe ``nobody``, writes the database here
    db_path = folder / "db" / "t.db"
    env = {**os.environ, "HOME": str(folder), "XDG_DATA_HOME": str(folder), "COLUMNS": "400"}
    done = subprocess.run(
        [*_as_nobody(), sys.executable, "-m", "timeline", "import", *paths, "--db", f"sqlite:///{db_path}"],
        cwd=folder, capture_output=True, text=True, env=env, timeout=600, check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == len(bad), "\n".join(errors)
    for where in bad:
        assert sum(line.startswith(f"Error: {where}: ") for line in errors) == 1, (where, errors)
    assert f"{len(good)} imported" in done.stderr and f"{len(bad)} failed" in done.stderr

    with sqlite3.connect(db_path) as c:
        stored = dict(c.execute("SELECT source, title FROM articles").fetchall())
        texts = [row[0] for row in c.execute("SELECT text FROM articles")]
        events = c.execute("SELECT count(*) FROM events").fetchone()[0]
    assert stored == good
    for marker in bad_text:
        assert not any(marker in t for t in [*texts, *stored.values()]), marker
    # The text as a reader of the article sees it: decoded, composed, without control characters.
    assert all("Шойгу" in t and "\x1b" not in t for t in texts)
    assert events > 0

    # Nothing failed that a second run would now import; the same batch again skips every good article.
    again = subprocess.run(
        [*_as_nobody(), sys.executable, "-m", "timeline", "import", *paths, "--db", f"sqlite:///{db_path}"],
        cwd=folder, capture_output=True, text=True, env=env, timeout=600, check=False,
    )
    assert again.returncode == 1
    assert f"0 imported, 0 replaced, {len(good)} skipped, {len(bad)} failed" in again.stderr
