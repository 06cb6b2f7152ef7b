"""Exports of news databases: records of JSON Lines, JSON arrays and CSV, under their common field names.

A record is one article: a date (``published``, ``publish_date``, ``date``, ``pubDate``…), the text
(``text``, ``content``, ``body``), and optionally ``title``, ``url`` or ``link`` (its identity),
``author`` and ``language``. A record with a URL but no text (Media Cloud's CSV has none) is read
from its page when fetching is allowed. Each record that cannot be read is one :class:`SourceError`
for its line (``path:LINE``), and reading goes on.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from timeline.errors import TimelineError
from timeline.lang import DEFAULT as DEFAULT_LANGUAGE
from timeline.sources.article import ArticleSource, SourceError, clean_url, has_surrogate, normalize_text
from timeline.sources.published import FIELD, parse_published

DATE_FIELDS = ("published", "publish_date", "date", "pubDate", "published_at", "datePublished", "pub_date",
               "date_published")  # the last: JSON Feed's
TEXT_FIELDS = ("text", "content", "body", "content_text")
URL_FIELDS = ("url", "link")
TITLE_FIELDS = ("title", "headline")
AUTHOR_FIELDS = ("author", "authors", "byline")
LANGUAGE_FIELDS = ("language", "lang")

MAX_JSON_BYTES = 256 * 1024 * 1024  # a JSON array is read whole; JSON Lines and CSV a record at a time

# Reads the page of a record that names only its URL: (url, the record's own date or None) → article.
PageReader = Callable[[str, "date | None"], ArticleSource]


@dataclass(frozen=True)
class Fields:
    """The record's fields under their names, whichever of the common names it uses."""

    published: str | None
    published_field: str | None
    text: str | None
    title: str | None
    url: str | None
    author: str | None
    language: str | None


def _first(obj: Mapping[str, Any], names: tuple[str, ...]) -> tuple[str | None, Any]:
    for name in names:
        value = obj.get(name)
        if value not in (None, ""):
            return name, value
    return None, None


def _author(value: Any) -> str | None:
    if isinstance(value, list):  # ["А. Петрова", {"name": "О. Смирнов"}]
        names = [v.get("name") if isinstance(v, dict) else v for v in value]
        value = ", ".join(n for n in names if isinstance(n, str) and n.strip())
    elif isinstance(value, dict):
        value = value.get("name")
    return value.strip() or None if isinstance(value, str) else None


def fields(obj: Mapping[str, Any], where: str) -> Fields:
    for value in obj.values():
        if isinstance(value, str) and has_surrogate(value):
            raise SourceError(where, "a field holds a lone surrogate (\\ud800–\\udfff), not text")
    date_field, published = _first(obj, DATE_FIELDS)
    _, text = _first(obj, TEXT_FIELDS)
    _, url = _first(obj, URL_FIELDS)
    _, title = _first(obj, TITLE_FIELDS)
    _, author = _first(obj, AUTHOR_FIELDS)
    _, language = _first(obj, LANGUAGE_FIELDS)
    if published is not None and not isinstance(published, str):
        raise SourceError(where, f"'{date_field}' must be a date or timestamp as text, not {published!r}"[:200])
    return Fields(
        published=published, published_field=date_field,
        text=text if isinstance(text, str) else None,
        title=title if isinstance(title, str) else None,
        url=url.strip() if isinstance(url, str) and url.strip() else None,
        author=_author(author),
        language=language if isinstance(language, str) else None,
    )


def from_record(obj: Any, where: str, languages: tuple[str, ...], read_page: PageReader | None) -> ArticleSource:
    """The article of one record; a record naming only its URL is read from the page (``read_page``)."""
    if not isinstance(obj, dict):
        raise SourceError(where, "expected a JSON object")
    f = fields(obj, where)
    day: date | None = None
    if f.published is not None:
        try:
            day = parse_published(f.published, f.published_field or "published")
        except TimelineError as exc:
            raise SourceError(where, str(exc)) from exc
    language = f.language or DEFAULT_LANGUAGE
    if language not in languages:
        raise SourceError(where, f"'language' is {language!r}; this timeline reads {', '.join(languages)}")
    url = clean_url(f.url) if f.url else None
    text = normalize_text(f.text) if f.text else ""
    if not text:
        if url is not None and url.startswith(("http://", "https://")):
            if read_page is None:
                raise SourceError(where, f"no text, only a URL ({url}); import without --no-fetch to read the page")
            return read_page(url, day)
        raise SourceError(where, "missing or empty 'text' (or 'content', 'body')")
    if day is None:
        raise SourceError(where, f"missing a date: one of {', '.join(repr(n) for n in DATE_FIELDS[:4])}")
    title = normalize_text(f.title) or None if f.title else None
    # The title is part of the text events are found in, unless the text repeats it.
    full = f"{title}\n\n{text}" if title and text.partition("\n")[0].strip() != title else text
    author = normalize_text(f.author) or None if f.author else None
    if url is not None:
        return ArticleSource(url, day, title, full, f"url:{url}", language, FIELD, author)
    return ArticleSource(where, day, title, full, None, language, FIELD, author)  # identified by content alone


def read_json(raw: bytes, where: str, languages: tuple[str, ...],
              read_page: PageReader | None) -> Iterator[ArticleSource | SourceError]:
    """A JSON array of records (or an object holding one: ``{"stories": […]}``), or one record."""
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise SourceError(where, f"not UTF-8 (byte {exc.start + 1}); JSON is UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise SourceError(where, f"not valid JSON: {exc.msg} (line {exc.lineno})") from exc
    if isinstance(doc, dict):
        lists = [v for v in doc.values() if isinstance(v, list) and v and all(isinstance(i, dict) for i in v)]
        records = lists[0] if len(lists) == 1 and not fields(doc, where).text else [doc]
    elif isinstance(doc, list):
        records = doc
    else:
        raise SourceError(where, "expected a JSON array of articles or an object")
    if not records:
        raise SourceError(where, "no articles (an empty array)")
    for number, record in enumerate(records, 1):
        item_where = f"{where}[{number}]"
        try:
            yield from_record(record, item_where, languages, read_page)
        except SourceError as exc:
            yield exc


def read_csv(lines: Iterator[str], where: str, languages: tuple[str, ...],
             read_page: PageReader | None) -> Iterator[ArticleSource | SourceError]:
    """CSV with a header row (Media Cloud's columns among the names read); one article a row."""
    csv.field_size_limit(16 * 1024 * 1024)
    reader = csv.DictReader(lines)
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise SourceError(where, f"not valid CSV: {exc}") from exc
    if not header:
        raise SourceError(where, "empty file")
    names = set(header)
    if not names & set(DATE_FIELDS + TEXT_FIELDS + URL_FIELDS):
        raise SourceError(where, "the header names no date, text or URL column "
                                 f"({', '.join(DATE_FIELDS[:4])}; {', '.join(TEXT_FIELDS)}; url)")
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield SourceError(f"{where}:{reader.line_num}", f"not valid CSV: {exc}")
            continue
        record = {k: v for k, v in row.items() if isinstance(k, str)}  # extra cells have no name
        try:
            yield from_record(record, f"{where}:{reader.line_num}", languages, read_page)
        except SourceError as exc:
            yield exc


def csv_lines(raw: bytes, where: str) -> Iterator[str]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(where, f"not UTF-8 (byte {exc.start + 1}); CSV is read as UTF-8") from exc
    return iter(io.StringIO(text, newline=""))
