"""Turn files, URLs and standard input into articles.

Formats, chosen by extension (files), media type (URLs) or content (standard input, ``--format``):
- text (``.txt``, ``.md``): the seed format, whose first line is ``date YYYY-MM-DD <lede>``, or plain
  text with the publication date given by the caller (``--published``);
- exports (:mod:`timeline.sources.records`): JSON Lines (``.jsonl``, ``.ndjson``), JSON arrays
  (``.json``), CSV with a header (``.csv``);
- web pages (``.html``, ``.htm``; :mod:`timeline.sources.pages`);
- feeds, RSS and Atom (``.rss``, ``.atom``, ``.xml``; :mod:`timeline.sources.feeds`).

Only regular files are read (a FIFO would block, ``/dev/zero`` never end), and never more than the
size limit; files named on the command line go through the same filter as the files of a folder.
Every failure is one :class:`SourceError` for its file, URL, folder, line or item;
:meth:`Reader.articles` yields it and goes on with the rest. An article surely in a language that no
pack reads is refused by name (:mod:`timeline.sources.language`).
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO, Protocol

from timeline.errors import TimelineError
from timeline.lang import LANGUAGES
from timeline.sources import feeds, records
from timeline.sources.article import ArticleSource, SourceError, decode, normalize_text, parse_iso_date
from timeline.sources.feeds import Seen
from timeline.sources.pages import looks_like_html, read_page
from timeline.sources.published import DATE_LINE, OPTION
from timeline.sources.web import Fetched, Fetcher, is_url

MAX_FILE_BYTES = 5 * 1024 * 1024  # one article; JSON Lines and CSV files are limited per record
MAX_JSONL_BYTES = 1024 * 1024 * 1024
MAX_FEED_BYTES = 20 * 1024 * 1024

# Formats and the file names that have them.
FORMATS = ("text", "jsonl", "json", "csv", "html", "feed")
SUFFIXES = {
    ".txt": "text", ".md": "text", ".text": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
MANY_ARTICLES = frozenset({"jsonl", "json", "csv", "feed"})  # formats that hold many articles, not one
ARTICLE_SUFFIXES = set(SUFFIXES)
STDIN = "-"

Item = ArticleSource | SourceError | Seen  # what reading yields: an article, an error, a feed item seen

_SEED_HEADER = re.compile(r"^\s*date\s+(\S+)\s*(.*)$")
# A date line proper: ``date`` and something shaped like a date (a real one or not), so that
# «date night in Moscow» is plain text.
_DATE_LINE = re.compile(r"^\s*date\s+\d{4}-\d{1,2}-\d{1,2}(?:\s|$)")


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
    return ArticleSource(where, published, lede or None, full, key, date_source=DATE_LINE)


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
    return ArticleSource(where, published, title, normalized, key, date_source=OPTION)


class _Lines(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


def _record_lines(handle: _Lines) -> Iterator[tuple[int, bytes | None]]:
    """(number, bytes) of each line, read a line at a time; None for a line over the limit, which
    is skipped to its end without being held."""
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


def _read_jsonl(handle: _Lines, where: str, languages: tuple[str, ...],
                read_page: records.PageReader | None) -> Iterator[ArticleSource | SourceError]:
    empty = True
    for number, raw in _record_lines(handle):
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
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield SourceError(line_where, f"not valid JSON: {exc.msg}")
            continue
        try:
            yield records.from_record(obj, line_where, languages, read_page)
        except SourceError as exc:
            yield exc
    if empty:
        raise SourceError(where, "empty file")


class _Prefixed:
    """A stream whose first bytes were read already (to tell its format), read on by lines."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = io.BytesIO(head)
        self._stream = stream

    def readline(self, size: int = -1, /) -> bytes:
        line = self._head.readline(size)
        if line.endswith(b"\n") or (size >= 0 and len(line) >= size):
            return line
        return line + self._stream.readline(-1 if size < 0 else size - len(line))

    def read(self, size: int) -> bytes:
        data = self._head.read(size)
        return data + self._stream.read(size - len(data)) if len(data) < size else data


def sniff(raw: bytes) -> str:
    """The format of bytes that came without a name: a feed, a page, JSON, JSON Lines, CSV or text."""
    if feeds.looks_like_feed(raw):
        return "feed"
    if looks_like_html(raw):
        return "html"
    start = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"[":
        return "json"
    if start == b"{":
        first = raw.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0].strip()
        try:
            json.loads(first)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return "json"  # one object over several lines
        return "jsonl"
    header = raw.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace").strip().lower()
    columns = {c.strip().strip('"') for c in header.split(",")}
    known = {n.lower() for n in records.DATE_FIELDS + records.TEXT_FIELDS + records.URL_FIELDS}
    if len(columns) > 1 and columns & known:
        return "csv"
    return "text"


def _media_format(fetched: Fetched) -> str:
    media = fetched.media_type
    if media in ("text/html", "application/xhtml+xml"):
        return "feed" if feeds.looks_like_feed(fetched.content) else "html"
    if "rss" in media or "atom" in media or "rdf" in media:
        return "feed"
    if media in ("application/json", "application/ld+json", "application/feed+json"):
        return "json"
    if "ndjson" in media or "jsonl" in media or "jsonlines" in media:
        return "jsonl"
    if media in ("text/csv", "application/csv"):
        return "csv"
    return sniff(fetched.content)


@dataclass
class Reader:
    """Reads the inputs of one import: file and folder paths, URLs, and ``-`` for standard input.

    ``published``: the date of texts that state none (``--published``); ``fetch``: whether pages are
    fetched for feed items and records that give only a link; ``seen``: whether the database holds a
    source key already (such a feed item's page is not fetched again); ``fmt``: the format of standard
    input when it cannot be told from its content.
    """

    published: date | None = None
    fetch: bool = True
    seen: Callable[[str], bool] | None = None
    fmt: str | None = None
    stdin: BinaryIO | None = None
    languages: tuple[str, ...] = LANGUAGES
    fetcher_factory: Callable[[], Fetcher] = Fetcher
    _fetcher: Fetcher | None = field(default=None, init=False, repr=False)

    # ---------------------------------------------------------------- the whole input

    def articles(self, inputs: Iterable[str | Path]) -> Iterator[Item]:
        """Every article of every input, or the error of each item that failed; lazily, an item at a
        time, so memory stays flat in the size of the input."""
        try:
            for given in inputs:
                yield from self.checked(self._input(given))
        finally:
            self.close()

    def checked(self, items: Iterable[Item]) -> Iterator[Item]:
        """The items, each article surely in a language no pack reads turned into its error."""
        from timeline.sources.language import check

        for item in items:
            if isinstance(item, ArticleSource):
                try:
                    item = check(item, self.languages)
                except SourceError as exc:
                    item = exc
            yield item

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    def _input(self, given: str | Path) -> Iterator[Item]:
        text = str(given)
        if text == STDIN:
            yield from self._guard(STDIN, lambda: self.read_stdin())
            return
        if isinstance(given, str) and is_url(text):
            yield from self._guard(text, lambda: self.read_url(text))
            return
        if isinstance(given, str) and re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text) and not Path(text).exists():
            yield SourceError(text, "only http:// and https:// URLs are read")
            return
        for item in iter_files([Path(given)], named_filter=True):
            if isinstance(item, SourceError):
                yield item
            else:
                yield from self._guard(str(item), lambda path=item: self.read_file(path))

    @staticmethod
    def _guard(where: str, read: Callable[[], Iterator[Item]]
               ) -> Iterator[Item]:
        try:
            yield from read()
        except SourceError as exc:
            yield exc
        except TimelineError as exc:
            yield SourceError(where, str(exc))

    # ---------------------------------------------------------------- one input

    def read_file(self, path: Path, fmt: str | None = None) -> Iterator[Item]:
        path = path.absolute()
        where = str(path)
        fmt = fmt or SUFFIXES.get(path.suffix.lower(), "text")
        if fmt == "jsonl":
            with _open_regular(path, MAX_JSONL_BYTES) as handle:
                yield from _read_jsonl(handle, where, self.languages, self._record_page())
            return
        if fmt == "csv":
            with _open_regular(path, MAX_JSONL_BYTES) as handle:
                lines = (line.decode("utf-8-sig" if n == 0 else "utf-8", "strict")
                         for n, line in enumerate(iter(lambda: handle.readline(MAX_FILE_BYTES), b"")))
                yield from _guard_decode(records.read_csv(lines, where, self.languages, self._record_page()), where)
            return
        limit = {"json": records.MAX_JSON_BYTES, "feed": MAX_FEED_BYTES}.get(fmt, MAX_FILE_BYTES)
        raw = _read_bytes(path, limit)
        yield from self.read_bytes(raw, where, fmt, key=f"file:{path.resolve()}")

    def read_url(self, url: str) -> Iterator[Item]:
        fetched = self.fetcher().get(url)
        fmt = _media_format(fetched)
        if fmt == "html":
            yield self._page(fetched, url, None)
            return
        yield from self.read_bytes(fetched.content, url, fmt, key=f"url:{url}", charset=fetched.charset)

    def read_stdin(self) -> Iterator[Item]:
        stream = self.stdin or sys.stdin.buffer
        head = stream.read(64 * 1024)
        fmt = self.fmt or sniff(head)
        if fmt == "jsonl":
            yield from _read_jsonl(_Prefixed(head, stream), STDIN, self.languages, self._record_page())
            return
        raw = head + stream.read(MAX_JSONL_BYTES - len(head) + 1)
        if len(raw) > MAX_JSONL_BYTES:
            raise SourceError(STDIN, f"standard input is over the {MAX_JSONL_BYTES:,}-byte limit")
        yield from self.read_bytes(raw, STDIN, fmt, key=None)

    def read_bytes(self, raw: bytes, where: str, fmt: str, *, key: str | None,
                   charset: str | None = None) -> Iterator[Item]:
        """Bytes in a known format; ``key`` is the identity of a single article read from them."""
        if fmt == "jsonl":
            yield from _read_jsonl(io.BytesIO(raw), where, self.languages, self._record_page())
        elif fmt == "json":
            yield from records.read_json(raw, where, self.languages, self._record_page())
        elif fmt == "csv":
            yield from records.read_csv(records.csv_lines(raw, where), where, self.languages, self._record_page())
        elif fmt == "feed":
            feed = feeds.parse(raw, where)
            yield from feeds.items(feed, where, read_page=self.feed_page(), seen=self.seen)
        elif fmt == "html":
            stated = (self.published, OPTION) if self.published else None
            yield read_page(raw, where, url=where if is_url(where) else None, key=key, charset=charset, stated=stated)
        else:
            if len(raw) > MAX_FILE_BYTES:
                raise SourceError(where, f"text is over the {MAX_FILE_BYTES:,}-byte limit")
            text = raw.decode(charset) if charset and _decodes(raw, charset) else decode(raw, where)
            yield parse_plain(text, where, self.published, key)

    # ---------------------------------------------------------------- pages fetched for items

    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = self.fetcher_factory()
        return self._fetcher

    def _page(self, fetched: Fetched, url: str, stated: tuple[date, str] | None) -> ArticleSource:
        if stated is None and self.published is not None:
            stated = (self.published, OPTION)
        return read_page(fetched.content, url, url=fetched.url, key=f"url:{url}", charset=fetched.charset,
                         stated=stated)

    def _fetch_page(self, url: str, stated: tuple[date, str] | None) -> ArticleSource:
        fetched = self.fetcher().get(url)
        if _media_format(fetched) != "html":
            raise SourceError(url, f"the link is not a web page ({fetched.media_type or 'unknown type'})")
        return self._page(fetched, url, stated)

    def feed_page(self) -> feeds.PageReader | None:
        """How a feed item's page is read: fetched, unless fetching is off."""
        return self._fetch_page if self.fetch else None

    def _record_page(self) -> records.PageReader | None:
        if not self.fetch:
            return None
        from timeline.sources.published import FIELD

        return lambda url, day: self._fetch_page(url, (day, FIELD) if day is not None else None)


def _decodes(raw: bytes, charset: str) -> bool:
    try:
        raw.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return False
    return True


def _guard_decode(items: Iterator[ArticleSource | SourceError], where: str) -> Iterator[ArticleSource | SourceError]:
    try:
        yield from items
    except UnicodeDecodeError as exc:
        yield SourceError(where, f"not UTF-8 (byte {exc.start + 1} of a line); CSV is read as UTF-8")


def read_file(path: Path, published: date | None = None) -> Iterator[ArticleSource | SourceError]:
    """The articles in one file (its format by its extension, text otherwise); a bad record yields its
    error and reading goes on. Pages are not fetched."""
    for item in Reader(published=published, fetch=False).read_file(path):
        if not isinstance(item, Seen):
            yield item


def iter_files(paths: Iterable[Path], named_filter: bool = True) -> Iterator[Path | SourceError]:
    """Files named, and the article files in folders named (recursively, sorted, hidden ones
    skipped); a path that is missing, a file of no format read here, or a folder that cannot be read
    is one SourceError."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path.absolute())
        elif path.exists() or path.is_symlink():
            if named_filter and path.suffix.lower() not in ARTICLE_SUFFIXES and _is_regular(path):
                yield SourceError(str(path.absolute()), unsupported(path))
            else:
                yield path.absolute()
        else:
            yield SourceError(str(path), "no such file or folder")


def unsupported(path: Path) -> str:
    what = f"'{path.suffix}' files" if path.suffix else "files without an extension"
    return f"{what} are not read; timeline reads {', '.join(sorted(ARTICLE_SUFFIXES))} (or - for standard input)"


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


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


def iter_articles(paths: Iterable[str | Path], published: date | None, **options: object
                  ) -> Iterator[Item]:
    """Every article of every file, folder, URL or ``-``; see :class:`Reader` for the options."""
    return Reader(published=published, **options).articles(paths)  # type: ignore[arg-type]
