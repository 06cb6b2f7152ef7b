"""Feeds (RSS 0.9x, 1.0, 2.0 and Atom) with feedparser: one article an item.

An item's link is the article's URL and its identity; its date is the item's (``published``, else
``updated``), the publisher's local day. An item with its full text (Atom ``content``, RSS
``content:encoded``) is read from the feed; an item with only a summary has its page fetched and read,
unless fetching is off (``--no-fetch``), when the summary is the article. An item the database
already holds under its link is not fetched again (``seen``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from timeline.errors import TimelineError
from timeline.sources.article import ArticleSource, SourceError, clean_url, normalize_text
from timeline.sources.pages import fragment_text
from timeline.sources.published import FEED, parse_published

_SNIFF_FEED = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b", re.I | re.S)

# Fetches and reads an item's page: (link, the item's date and its source) → article.
PageReader = Callable[[str, "tuple[date, str] | None"], ArticleSource]


def looks_like_feed(raw: bytes) -> bool:
    return bool(_SNIFF_FEED.match(raw[:4096]))


@dataclass(frozen=True)
class Seen:
    """An item whose link the database already holds: skipped without fetching its page."""

    source: str


@dataclass(frozen=True)
class Feed:
    title: str | None
    items: list[Any]


def parse(raw: bytes, where: str) -> Feed:
    import feedparser

    parsed = feedparser.parse(raw)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise SourceError(where, f"not an RSS or Atom feed{f' ({reason})' if reason else ''}")
    title = normalize_text(parsed.feed.get("title", "") or "") or None
    return Feed(title, list(parsed.entries))


def _item_date(entry: Any, where: str) -> date | None:
    for name in ("published", "updated", "created"):
        value = entry.get(name)
        if isinstance(value, str) and value.strip():
            try:
                return parse_published(value, f"item {name}")
            except TimelineError:
                parsed = entry.get(f"{name}_parsed")  # a form feedparser knows and we do not: its UTC day
                if parsed:
                    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
                raise SourceError(where, f"the item's date {value[:60]!r} is not a date") from None
    return None


def _full_text(entry: Any) -> str | None:
    for content in entry.get("content") or []:
        value = content.get("value")
        if isinstance(value, str) and value.strip():
            text = fragment_text(value) if "html" in (content.get("type") or "html") else normalize_text(value)
            if text:
                return text
    return None


def items(feed: Feed, where: str, *, read_page: PageReader | None,
          seen: Callable[[str], bool] | None = None) -> Iterator[ArticleSource | SourceError | Seen]:
    if not feed.items:
        raise SourceError(where, "the feed has no items")
    for number, entry in enumerate(feed.items, 1):
        link = entry.get("link")
        link = clean_url(link) if isinstance(link, str) and link.strip() else None
        item_where = link or f"{where} item {number}"
        try:
            yield _item(entry, item_where, link, read_page, seen)
        except SourceError as exc:
            yield exc


def _item(entry: Any, where: str, link: str | None, read_page: PageReader | None,
          seen: Callable[[str], bool] | None) -> ArticleSource | Seen:
    day = _item_date(entry, where)
    title = normalize_text(entry.get("title", "") or "") or None
    key = f"url:{link}" if link else None
    body = _full_text(entry)
    if body is None and link is not None and read_page is not None:
        if seen is not None and seen(key or ""):
            return Seen(link)
        return read_page(link, (day, FEED) if day is not None else None)
    if body is None:
        summary = entry.get("summary", "") or ""
        body = fragment_text(summary) if "<" in summary else normalize_text(summary)
    if not body and not title:
        raise SourceError(where, "the item has no text, title or link")
    if day is None:
        raise SourceError(where, "the item has no date (published or updated)")
    text = f"{title}\n\n{body}" if title and body and body.partition("\n")[0].strip() != title else body or title or ""
    author = normalize_text(entry.get("author", "") or "") or None
    return ArticleSource(link or where, day, title, text, key, date_source=FEED, author=author)
