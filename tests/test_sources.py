"""Reading article files: formats, encodings, and the errors for bad input."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from timeline.sources import MAX_FILE_BYTES, ArticleSource, SourceError, iter_files, read_file
from timeline.sources.readers import parse_seed

SEED_TEXT = "date 2026-01-14 Заголовок статьи.\n\nПервый абзац.\n\nВторой абзац."


def one(path: Path, published: date | None = None) -> ArticleSource:
    items = list(read_file(path, published))
    assert len(items) == 1
    assert isinstance(items[0], ArticleSource), items[0]
    return items[0]


def test_seed_format(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")
    article = one(path)
    assert article.published == date(2026, 1, 14)
    assert article.title == "Заголовок статьи."
    assert article.text == "Заголовок статьи.\n\nПервый абзац.\n\nВторой абзац."
    assert article.source == str(path)


def test_the_shipped_seed_reads() -> None:
    seed = next((Path(__file__).parent.parent / "seeds").glob("*.txt"))
    article = one(seed)
    assert article.published == date(2026, 1, 14)
    assert "Уиткофф" in article.text


def test_bom_crlf_and_nbsp_are_normalized(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    text = SEED_TEXT.replace("\n", "\r\n").replace("Первый абзац", "Первый\u00a0абзац")
    path.write_bytes(("\ufeff" + text).encode())
    article = one(path)
    assert "\r" not in article.text and "\u00a0" not in article.text
    assert "Первый абзац" in article.text
    # The same content, however encoded, is the same article.
    plain = tmp_path / "b.txt"
    plain.write_text(SEED_TEXT, encoding="utf-8")
    assert one(plain).sha256 == article.sha256


def test_cp1251_russian_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(SEED_TEXT.encode("cp1251"))
    assert one(path).text.startswith("Заголовок статьи.")


def test_plain_text_needs_published(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("Заголовок\n\nТекст статьи.", encoding="utf-8")
    with pytest.raises(SourceError, match="--published"):
        one(path)
    article = one(path, date(2025, 5, 1))
    assert article.published == date(2025, 5, 1)
    assert article.title == "Заголовок"


def test_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    rows = [
        {"published": "2025-03-01", "text": "Первая статья.", "title": "Первая", "url": "https://x/1"},
        {"published": "2025-03-02", "text": "Вторая статья."},
        {"published": "2025-02-30", "text": "Плохая дата."},
        "not an object",
    ]
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    path.write_text(lines + "\n{broken", encoding="utf-8")
    items = list(read_file(path))
    good = [i for i in items if isinstance(i, ArticleSource)]
    bad = [i for i in items if isinstance(i, SourceError)]
    assert [a.source for a in good] == ["https://x/1", f"{path}:2"]
    assert good[0].text == "Первая\n\nПервая статья."
    assert [e.where for e in bad] == [f"{path}:3", f"{path}:4", f"{path}:5"]
    assert "not a real date" in bad[0].reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n ", "empty file"),
        ("Просто текст без даты.".encode(), "first line|--published"),
        (b"date 2026-01-xx Lede\n\nBody", "expected a date"),
        (b"date 2026-02-30 Lede\n\nBody", "not a real date"),
        (b"date\n\nBody", "date"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(128, 256)) * 4, "not UTF-8"),
    ],
)
def test_bad_input_is_a_clear_error(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError) as info:
        list(read_file(path))
    assert str(info.value).startswith(str(path) + ": ")
    assert re.search(reason, info.value.reason), info.value.reason


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"date 2026-01-01 x\n\n" + b"a" * MAX_FILE_BYTES)
    with pytest.raises(SourceError, match="limit"):
        list(read_file(path))


def test_iter_files_recurses_and_skips_other_files(tmp_path: Path) -> None:
    for name in ("d/a.txt", "d/sub/b.jsonl", "d/sub/c.md", "d/skip.png", "d/.hidden/x.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path / "d"])]
    assert found == ["d/a.txt", "d/sub/b.jsonl", "d/sub/c.md"]
    # A missing path is one failed item, and the paths after it are still listed.
    items = list(iter_files([tmp_path / "missing", tmp_path / "d" / "a.txt"]))
    assert isinstance(items[0], SourceError) and "no such file" in items[0].reason
    assert items[1] == tmp_path / "d" / "a.txt"


def test_lede_only_article() -> None:
    article = parse_seed("date 2026-01-01 Только заголовок.", "x")
    assert article.text == "Только заголовок."
