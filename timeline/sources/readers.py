"""Turn files into articles.

Formats, chosen by content and extension:
- seed format (``.txt``/``.md`` whose first line is ``date YYYY-MM-DD <lede>``),
- plain ``.txt``/``.md`` with the publication date given by the caller (``--published``),
- JSON Lines (``.jsonl``/``.ndjson``): one article a line with ``published``, ``text``
  and optional ``title``, ``url``, ``source``, ``language`` (a language pack's code).

Text is decoded as UTF-8 (a BOM is dropped); a file that is not UTF-8 is decoded in the
encoding charset-normalizer finds (Windows-1251, KOI8-R, CP866, ISO-8859-5, MacCyrillic…),
and refused when it finds none. JSON Lines are UTF-8, as JSON is, and read a line at a time.
Then, before anything else: Unicode NFC (a decomposed «й» is the composed one), line ends
``\\n``, non-breaking spaces plain spaces, and control characters (C0 but tab and newline, DEL,
C1) removed — they are never news text, and printed they would drive a terminal. A NUL byte
means a binary file. Character offsets point into the text so normalized.

Only regular files are read (a FIFO would block, ``/dev/zero`` never end), and never more
than the size limit. Every failure is one :class:`SourceError` for its file, folder or line;
:func:`iter_articles` yields it and goes on with the rest.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from timeline.errors import TimelineError
from timeline.lang import DEFAULT as DEFAULT_LANGUAGE
from timeline.lang import LANGUAGES, packs

MAX_FILE_BYTES = 5 * 1024 * 1024  # one article; JSON Lines files are limited per line
MAX_JSONL_BYTES = 1024 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}

_SEED_HEADER = re.compile(r"^\s*date\s+(\S+)\s*(.*)$")
# A date line proper: ``date`` and something shaped like a date (a real one or not), so that
# «date night in Moscow» is plain text.
_DATE_LINE = re.compile(r"^\s*date\s+\d{4}-\d{1,2}-\d{1,2}(?:\s|$)")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LETTER = re.compile(r"[^\W\d_]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # after CRLF → LF: CR goes too
_NOISE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # control characters no text holds (CR, FF may)
# A terminal escape sequence whole, so no «[2J» is left behind: CSI (ESC [ or U+009B, parameters, a
# final letter), a terminated OSC, DCS, APC, PM or SOS string (up to BEL or ST, within a line: an
# unterminated one loses only its introducer, not the article's text), or ESC and one character.
_ESCAPE = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]{0,4096}(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[\x20-\x7e]?"
)


class SourceError(TimelineError):
    """A file (or one line of it) that cannot be read as an article."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


@dataclass(frozen=True)
class ArticleSource:
    source: str  # for people: the absolute path, the URL given, or ``path:LINE`` for JSON Lines
    published: date
    title: str | None
    text: str  # normalized; evidence offsets point into this
    # Identity in the world: ``file:<absolute path>`` or ``url:<url>``; a new text with the same key
    # is a new version. None: identified by its content alone (a JSON Lines item without a URL).
    key: str | None = None
    language: str = DEFAULT_LANGUAGE  # the language pack that reads it

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
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\ufeff", "")
    return _CONTROL.sub("", _ESCAPE.sub("", text)).strip()


def decode(raw: bytes, where: str) -> str:
    if b"\x00" in raw[:8192]:
        raise SourceError(where, "binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for the rare file that is not UTF-8

    # The language packs' legacy encodings first: on a short text charset-normalizer's open search
    # may prefer a CJK reading (a one-line KOI8-R article decodes "best" as Shift JIS). A reading in
    # the pack's language is the one meant; otherwise (Greek, Latin…) the open search decides.
    best = None
    for language in packs():
        readings = from_bytes(raw, cp_isolation=list(language.legacy_encodings))  # the likeliest first
        best = next((r for r in readings if r.chaos <= 0.1 and language.reads_as(str(r))), None)
        if best is not None:
            break
    if best is None:
        best = from_bytes(raw).best()
    if best is None:
        raise SourceError(where, "not UTF-8, nor text in any other encoding charset-normalizer recognizes")
    text = str(best)
    letters = _LETTER.findall(text)
    if not letters or len(_NOISE.findall(text)) > 0.01 * len(text):
        raise SourceError(where, f"not readable text (it decodes as {best.encoding} only to noise)")
    return text


_FILE_KINDS = {stat.S_IFIFO: "a FIFO", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
               stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


def _open_regular(path: Path, limit: int | None) -> BinaryIO:
    """The file, opened for reading if it is a regular file and within ``limit`` bytes."""
    where = str(path)
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not hang before we can look at it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise SourceError(where, exc.strerror or str(exc)) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _FILE_KINDS.get(stat.S_IFMT(info.st_mode), "a special file")
            raise SourceError(where, f"not a regular file ({kind})")
        if limit is not None and info.st_size > limit:
            raise SourceError(where, f"file is {info.st_size:,} bytes, over the {limit:,}-byte limit")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _read_bytes(path: Path, limit: int) -> bytes:
    with _open_regular(path, limit) as handle:
        try:
            raw = handle.read(limit + 1)  # bounded, even if the file grows while we read
        except OSError as exc:
            raise SourceError(str(path), exc.strerror or str(exc)) from exc
    if len(raw) > limit:
        raise SourceError(str(path), f"file is over the {limit:,}-byte limit")
    return raw


def parse_seed(text: str, where: str, key: str | None = None) -> ArticleSource:
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
    return ArticleSource(where, published, lede or None, full, key)


def parse_plain(text: str, where: str, published: date | None, key: str | None = None) -> ArticleSource:
    """Plain text: the seed format if it has the date line, else needs ``published``."""
    normalized = normalize_text(text)
    if not normalized:
        raise SourceError(where, "empty file")
    first = normalized.partition("\n")[0]
    if _DATE_LINE.match(first) or (published is None and _SEED_HEADER.match(first)):
        return parse_seed(normalized, where, key)
    if published is None:
        raise SourceError(where, "no 'date YYYY-MM-DD' first line; give the date with --published")
    title = first.strip() or None
    return ArticleSource(where, published, title, normalized, key)


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
    for field_name, value in (("text", text), ("title", raw_title)):
        if isinstance(value, str) and _has_surrogate(value):
            raise SourceError(where, f"'{field_name}' holds a lone surrogate (\\ud800–\\udfff), not text")
    title = normalize_text(raw_title) or None if isinstance(raw_title, str) else None
    language = obj.get("language", DEFAULT_LANGUAGE)
    if language not in LANGUAGES:
        raise SourceError(where, f"'language' is {language!r}; this timeline reads {', '.join(LANGUAGES)}")
    body = normalize_text(text)
    # The title is part of the text events are found in, unless the text repeats it.
    full = f"{title}\n\n{body}" if title and body.partition("\n")[0].strip() != title else body
    url = obj.get("url")
    if isinstance(url, str) and url.strip() and not _has_surrogate(url):
        url = _CONTROL.sub("", url.strip())
        return ArticleSource(url, day, title, full, f"url:{url}", language)
    return ArticleSource(where, day, title, full, None, language)  # no URL: identified by its content alone


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _jsonl_lines(path: Path) -> Iterator[tuple[int, bytes | None]]:
    """(number, bytes) of each line, read a line at a time; None for a line over the limit, which
    is skipped to its end without being held."""
    with _open_regular(path, MAX_JSONL_BYTES) as handle:
        number = 0
        while True:
            line = handle.readline(MAX_FILE_BYTES + 1)
            if not line:
                return
            number += 1
            if len(line) > MAX_FILE_BYTES and not line.endswith(b"\n"):
                while (rest := handle.readline(1024 * 1024)) and not rest.endswith(b"\n"):
                    pass
                yield number, None
                continue
            yield number, line


def read_jsonl(path: Path) -> Iterator[ArticleSource | SourceError]:
    where = str(path)
    empty = True
    for number, raw in _jsonl_lines(path):
        line_where = f"{where}:{number}"
        if raw is None:
            empty = False
            yield SourceError(line_where, f"line is over the {MAX_FILE_BYTES:,}-byte limit")
            continue
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        empty = False
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield SourceError(line_where, f"not UTF-8 (byte {exc.start + 1}); JSON Lines are UTF-8")
            continue
        try:
            yield parse_jsonl_line(line, line_where)
        except SourceError as exc:
            yield exc
    if empty:
        raise SourceError(where, "empty file")


def read_file(path: Path, published: date | None = None) -> Iterator[ArticleSource | SourceError]:
    """The articles in one file; a bad JSON line yields its error and reading goes on."""
    path = path.absolute()
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from read_jsonl(path)
        return
    where = str(path)
    yield parse_plain(decode(_read_bytes(path, MAX_FILE_BYTES), where), where, published, f"file:{path.resolve()}")


ARTICLE_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES


def iter_files(paths: Iterable[Path]) -> Iterator[Path | SourceError]:
    """Files named, and the article files in folders named (recursively, sorted, hidden ones
    skipped); a path that is missing or a folder that cannot be read is one SourceError."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path.absolute())
        elif path.exists() or path.is_symlink():
            yield path.absolute()
        else:
            yield SourceError(str(path), "no such file or folder")


def _walk(folder: Path) -> Iterator[Path | SourceError]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield SourceError(str(folder), f"cannot read the folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = folder / entry.name
        try:
            is_dir = entry.is_dir()
        except OSError as exc:
            yield SourceError(str(child), exc.strerror or str(exc))
            continue
        if is_dir:
            yield from _walk(child)
        elif Path(entry.name).suffix.lower() in ARTICLE_SUFFIXES:
            yield child


def iter_articles(paths: Iterable[Path], published: date | None) -> Iterator[ArticleSource | SourceError]:
    """Every article of every file or folder, or the error of each item that failed; lazily, a file
    at a time, so memory stays flat in the size of the input."""
    for item in iter_files(paths):
        if isinstance(item, SourceError):
            yield item
            continue
        try:
            yield from read_file(item, published)
        except SourceError as exc:
            yield exc
