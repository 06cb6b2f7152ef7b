"""Following feeds: the feeds a user follows, and reading each for what is new.

Each read is conditional (the ETag and Last-Modified of the last read that got an answer), so a feed
unchanged since costs one short request. A feed's validators are saved only after its new items are
stored: an import that fails or is interrupted reads the same items again next time, never skips them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from sqlalchemy import Engine, select, update

from timeline import ingest
from timeline.db import session_scope, write_transaction
from timeline.errors import TimelineError
from timeline.models import Feed
from timeline.sources import Reader, SourceError
from timeline.sources.feeds import items as feed_items
from timeline.sources.feeds import parse as parse_feed
from timeline.sources.web import Fetcher

MAX_URL = 2048


def check_url(url: str) -> str:
    """A feed's URL as followed: http(s), with a host, at most 2,048 characters."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise TimelineError(f"{url}: a feed is followed by its http:// or https:// URL")
    if len(url) > MAX_URL:
        raise TimelineError(f"{url[:60]}…: the URL is over {MAX_URL:,} characters")
    return url


def add(engine: Engine, urls: Iterable[str]) -> list[tuple[str, bool]]:
    """Follow each URL; (url, True) for one followed now, False for one followed already."""
    checked = [check_url(u) for u in urls]
    added: list[tuple[str, bool]] = []
    with write_transaction(engine) as connection:
        for url in checked:
            known = connection.scalar(select(Feed.id).where(Feed.url == url))
            if known is None:
                connection.execute(Feed.__table__.insert().values(url=url, added_at=datetime.now(UTC), imported=0))
            added.append((url, known is None))
    return added


def remove(engine: Engine, urls: Iterable[str]) -> list[tuple[str, bool]]:
    """Stop following each URL (the articles read from it stay); (url, whether it was followed)."""
    done: list[tuple[str, bool]] = []
    with write_transaction(engine) as connection:
        for url in urls:
            result = connection.execute(Feed.__table__.delete().where(Feed.url == url.strip()))
            done.append((url, result.rowcount > 0))
    return done


def followed(engine: Engine) -> list[Feed]:
    with session_scope(engine) as session:
        feeds = list(session.scalars(select(Feed).order_by(Feed.id)))
        session.expunge_all()
    return feeds


@dataclass
class FeedResult:
    url: str
    status: str  # "ok", "unchanged", "failed"
    error: str | None = None
    summary: ingest.ImportSummary | None = None


@dataclass
class UpdateSummary:
    feeds: list[FeedResult] = field(default_factory=list)

    def total(self, outcome: str) -> int:
        return sum(f.summary.count(outcome) for f in self.feeds if f.summary is not None)  # type: ignore[arg-type]

    @property
    def failed(self) -> bool:
        return any(f.status == "failed" for f in self.feeds) or self.total("failed") > 0


def update_all(
    engine: Engine,
    *,
    fetch: bool = True,
    on_feed: Callable[[FeedResult], None] | None = None,
    on_result: Callable[[ingest.FileResult], None] | None = None,
    fetcher_factory: Callable[[], Fetcher] = Fetcher,
) -> UpdateSummary:
    """Read every followed feed and import what is new in it."""
    summary = UpdateSummary()
    seen, close_lookup = ingest.source_lookup(engine)
    fetcher = fetcher_factory()
    try:
        for feed in followed(engine):
            result = _update_one(engine, feed, fetcher, seen, fetch, on_result)
            summary.feeds.append(result)
            if on_feed is not None:
                on_feed(result)
    finally:
        fetcher.close()
        close_lookup()
    return summary


def _update_one(
    engine: Engine, feed: Feed, fetcher: Fetcher, seen: Callable[[str], bool], fetch: bool,
    on_result: Callable[[ingest.FileResult], None] | None,
) -> FeedResult:
    now = datetime.now(UTC)
    try:
        fetched = fetcher.get(feed.url, feed.etag, feed.last_modified)
        if fetched.not_modified:
            _save(engine, feed.id, checked_at=now, last_status="unchanged")
            return FeedResult(feed.url, "unchanged")
        parsed = parse_feed(fetched.content, feed.url)
    except SourceError as exc:
        _save(engine, feed.id, last_status=f"failed: {exc.reason}")
        return FeedResult(feed.url, "failed", exc.reason)
    reader = Reader(fetch=fetch, seen=seen, fetcher_factory=lambda: fetcher)
    # A feed with no items (yet) has nothing new: read, not failed.
    entries = feed_items(parsed, feed.url, read_page=reader.feed_page(), seen=seen) if parsed.items else iter(())
    summary = ingest.import_sources(engine, reader.checked(entries), on_result=on_result, keep_results=False)
    failed = summary.count("failed")
    status = "ok" if not failed else f"ok, {failed} item(s) failed"
    # Validators only now: items that failed are read again next time only if the feed says "changed",
    # so with failures the validators are not kept.
    validators = {"etag": fetched.etag, "last_modified": fetched.last_modified} if not failed else {
        "etag": None, "last_modified": None}
    _save(engine, feed.id, checked_at=now, last_status=status, title=parsed.title or feed.title,
          imported=feed.imported + summary.count("imported") + summary.count("replaced"), **validators)
    return FeedResult(feed.url, "ok", summary=summary)


def _save(engine: Engine, feed_id: int, **values: object) -> None:
    with write_transaction(engine) as connection:
        connection.execute(update(Feed).where(Feed.id == feed_id).values(**values))
