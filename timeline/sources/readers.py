"""Turn files into articles.

Formats, chosen by content and extension:
- seed format (``.txt``/``.md`` whose first line is ``date YYYY-MM-DD <lede>``),
- plain ``.txt``/``.md`` with the publication date given by the caller (``--published``),
- JSON Lines (``.jsonl``/``.ndjson``): one article a line with ``published``, ``text``
  and optional ``title``, ``url``, ``source``.

Text is decoded as UTF-8 (a BOM is dropped); a file that is not UTF-8 but reads as
Russian in Windows-1251 is accepted as such, anything else is refused. Line ends become
``\\n`` and non-breaking spaces plain spaces, so character offsets are stable.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline.errors import TimelineError

MAX_FILE_BYTES = 5 * 1024 * 1024  # one article; JSON Lines files are limited per line
MAX_JSONL_BYTES = 1024 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}

_SEED_HEADER = re.compile(r"^\s*date\s+(\S+)\s*(.*)$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LETTER = re.compile(r"[^\W\d_]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class SourceError(TimelineError):
    """A file (or one line of it) that cannot be read as an article."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


@dataclass(frozen=True)
class ArticleSource:
    source: str  # the file path, ``path:LINE`` for JSON Lines, or the URL given
    published: date
    title: str | None
    text: str  # normalized; evidence offsets point into this

    @property
    def sha256(self) -> str:
        payload = f"{self.published.isoformat()}\n{self.text}".encode()
        return hashlib.sha256(payload).hexdigest()


def parse_iso_date(value: str, what: str) -> date:
    """A real calendar date in ``YYYY-MM-DD`` form, or a TimelineError naming ``what``."""
    value = value.strip()
    if not _ISO_DATE.match(value):
        raise TimelineError(f"{what}: expected a date YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise TimelineError(f"{what}: {value} is not a real date ({exc})") from exc


def normalize_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\ufeff", "")
    return text.strip()


def decode(raw: bytes, where: str) -> str:
    if b"\x00" in raw[:8192]:
        raise SourceError(where, "binary file, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1251", errors="replace")
        letters = _LETTER.findall(text)
        cyrillic = _CYRILLIC.findall(text)
        if "\ufffd" in text or not letters or len(cyrillic) < 0.5 * len(letters):
            raise SourceError(where, "not UTF-8 text (nor Russian in Windows-1251)") from None
    if _CONTROL.search(text):
        raise SourceError(where, "binary file, not text")
    return text


def _read_bytes(path: Path, limit: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise SourceError(str(path), f"file is {size:,} bytes, over the {limit:,}-byte limit")
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(str(path), exc.strerror or str(exc)) from exc


def parse_seed(text: str, where: str) -> ArticleSource:
    """The seed format: ``date YYYY-MM-DD <lede>`` on the first line, then the body."""
    text = normalize_text(text)
    if not text:
        raise SourceError(where, "empty file")
    first, _, body = text.partition("\n")
    match = _SEED_HEADER.match(first)
    if not match:
        raise SourceError(where, "first line must be 'date YYYY-MM-DD <lede>' (or pass --published)")
    try:
        published = parse_iso_date(match.group(1), "date line")
    except TimelineError as exc:
        raise SourceError(where, str(exc)) from exc
    lede = match.group(2).strip()
    body = body.strip()
    if not lede and not body:
        raise SourceError(where, "no text after the date line")
    full = f"{lede}\n\n{body}" if lede and body else lede or body
    return ArticleSource(where, published, lede or None, full)


def parse_plain(text: str, where: str, published: date | None) -> ArticleSource:
    """Plain text: the seed format if it has the date line, else needs ``published``."""
    normalized = normalize_text(text)
    if not normalized:
        raise SourceError(where, "empty file")
    if _SEED_HEADER.match(normalized.partition("\n")[0]):
        return parse_seed(normalized, where)
    if published is None:
        raise SourceError(where, "no 'date YYYY-MM-DD' first line; give the date with --published")
    title = normalized.partition("\n")[0].strip() or None
    return ArticleSource(where, published, title, normalized)


def parse_jsonl_line(line: str, where: str) -> ArticleSource:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise SourceError(where, f"not valid JSON: {exc.msg}") from exc
    if not isinstance(obj, dict):
        raise SourceError(where, "expected a JSON object")
    published, text = obj.get("published"), obj.get("text")
    if not isinstance(published, str):
        raise SourceError(where, "missing 'published' (YYYY-MM-DD)")
    if not isinstance(text, str) or not normalize_text(text):
        raise SourceError(where, "missing or empty 'text'")
    try:
        day = parse_iso_date(published[:10] if "T" in published else published, "published")
    except TimelineError as exc:
        raise SourceError(where, str(exc)) from exc
    raw_title = obj.get("title")
    title = normalize_text(raw_title) or None if isinstance(raw_title, str) else None
    body = normalize_text(text)
    # The title is part of the text events are found in, unless the text repeats it.
    full = f"{title}\n\n{body}" if title and body.partition("\n")[0].strip() != title else body
    origin = obj.get("url") or obj.get("source")
    return ArticleSource(origin if isinstance(origin, str) else where, day, title, full)


def read_file(path: Path, published: date | None = None) -> Iterator[ArticleSource | SourceError]:
    """The articles in one file; a bad JSON line yields its error and reading goes on."""
    where = str(path)
    if path.suffix.lower() in JSONL_SUFFIXES:
        raw = _read_bytes(path, MAX_JSONL_BYTES)
        text = decode(raw, where)
        if not text.strip():
            raise SourceError(where, "empty file")
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            line_where = f"{where}:{number}"
            if len(line.encode()) > MAX_FILE_BYTES:
                yield SourceError(line_where, f"line is over the {MAX_FILE_BYTES:,}-byte limit")
                continue
            try:
                yield parse_jsonl_line(line, line_where)
            except SourceError as exc:
                yield exc
        return
    yield parse_plain(decode(_read_bytes(path, MAX_FILE_BYTES), where), where, published)


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and the article files in folders named (recursively, sorted)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES:
                    if any(part.startswith(".") for part in child.relative_to(path).parts):
                        continue
                    yield child
        elif path.exists():
            yield path
        else:
            raise SourceError(str(path), "no such file or folder")
