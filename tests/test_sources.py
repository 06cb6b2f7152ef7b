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


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic"])
@pytest.mark.parametrize(
    "text",
    [
        SEED_TEXT,
        "date 2026-01-14 Шойгу провёл совещание в Москве.",  # one sentence: little for a detector to go on
        "date 2026-01-14 Привет, мир.",
    ],
)
def test_cyrillic_encodings_are_detected(tmp_path: Path, codec: str, text: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(codec))
    assert one(path).text == text.split(" ", 2)[2]


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r"])
def test_a_short_legacy_file_with_crlf_line_ends_is_read(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("date 2026-01-14 Заголовок.\r\n\r\nСтавку снизят.\r\n".encode(codec))
    assert one(path).text == "Заголовок.\n\nСтавку снизят."


def test_a_legacy_encoding_of_another_script_is_not_read_as_cyrillic(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("date 2026-01-14 Ζήτω η Ελλάδα και ο ελληνικός λαός.".encode("iso8859_7"))
    assert one(path).text == "Ζήτω η Ελλάδα και ο ελληνικός λαός."


def test_text_is_composed_to_nfc(tmp_path: Path) -> None:
    import unicodedata

    path = tmp_path / "a.txt"
    path.write_text(unicodedata.normalize("NFD", "date 2026-01-14 Шойгу и Алёна."), encoding="utf-8")
    assert one(path).text == "Шойгу и Алёна."


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Титул\x1b[2J\x1b]0;pwned\x07 статьи", "Титул статьи"),  # clear screen, window title
        ("См. \x1b]8;;http://evil\x1b\\ссылку\x1b]8;;\x1b\\ тут", "См. ссылку тут"),  # a hidden hyperlink
        ("Цвет \x1b[1;31mкрасный\x1b[0m", "Цвет красный"),
        ("C1 \x9b2J и \x85 DEL\x7f", "C1  и  DEL"),
        ("Незакрытая \x1b]строка остаётся", "Незакрытая строка остаётся"),  # only the introducer goes
    ],
)
def test_terminal_escapes_are_removed_on_import(tmp_path: Path, raw: str, clean: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"published": "2026-01-14", "title": raw, "text": raw}) + "\n", encoding="utf-8")
    article = one(path)
    assert article.text == clean and article.title == clean


def test_a_plain_text_starting_with_the_word_date_is_plain(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("date night in Moscow\n\nТекст.", encoding="utf-8")
    article = one(path, date(2025, 5, 1))
    assert article.title == "date night in Moscow" and article.published == date(2025, 5, 1)


def test_a_lone_surrogate_is_one_failed_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"published": "2026-01-14", "text": "\\ud800"}\n{"published": "2026-01-14", "text": "Текст."}\n',
        encoding="utf-8",
    )
    first, second = read_file(path)
    assert isinstance(first, SourceError) and "surrogate" in first.reason and first.where == f"{path}:1"
    assert isinstance(second, ArticleSource) and second.text == "Текст."


@pytest.mark.parametrize("kind", ["fifo", "device", "folder-as-file"])
def test_only_regular_files_are_read(tmp_path: Path, kind: str) -> None:
    import os

    if kind == "fifo":
        path = tmp_path / "p.txt"
        os.mkfifo(path)  # opened normally, this read would block forever
    elif kind == "device":
        path = Path("/dev/zero")  # read normally, it never ends
    else:
        path = tmp_path / "d.txt"
        path.mkdir()
    with pytest.raises(SourceError, match="not a regular file"):
        list(read_file(path, date(2026, 1, 1)))


def test_a_json_line_names_its_language(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [{"published": "2026-01-14", "text": "Текст.", "language": "ru"},
             {"published": "2026-01-14", "text": "Text.", "language": "xx"},
             {"published": "2026-01-14", "text": "Текст без языка."}]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    first, second, third = read_file(path)
    assert isinstance(first, ArticleSource) and first.language == "ru"
    assert isinstance(second, SourceError) and "'language' is 'xx'" in second.reason
    assert isinstance(third, ArticleSource) and third.language == "ru"  # the default pack


def test_the_language_packs() -> None:
    from timeline.errors import TimelineError
    from timeline.lang import DEFAULT, pack

    assert pack().code == DEFAULT == "ru" and "cp1251" in pack().legacy_encodings
    assert pack().lemma_key("Владимиром Путиным") == "владимир путин"
    with pytest.raises(TimelineError, match="no language pack"):
        pack("xx")
