"""Publication dates as sources give them, and where each came from.

A timestamp with an offset is the publisher's local day in that offset («2026-05-12T01:15:00+05:00» is
12 May, though it is 11 May in UTC); a naive one is taken as given. ISO 8601 (with ``T`` or a space,
fractions, ``Z``) and RFC 2822 (feeds' «Tue, 12 May 2026 01:15:00 +0500») are read; anything else is
refused rather than guessed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Final

from timeline.errors import TimelineError

# How an article's publication date was found (``articles.date_source``).
DATE_LINE: Final = "date-line"  # the seed format's first line
OPTION: Final = "option"  # --published
FIELD: Final = "field"  # a field of an export record (JSON, CSV)
FEED: Final = "feed"  # the feed item's date
METADATA: Final = "metadata"  # the page's own metadata (article:published_time, JSON-LD datePublished…)
URL: Final = "url"  # a date in the page's address
HTMLDATE: Final = "htmldate"  # htmldate's guess from the page's text and markup

DATE_SOURCES: Final = (DATE_LINE, OPTION, FIELD, FEED, METADATA, URL, HTMLDATE)
# Read off the article rather than stated by it or by the user: every relative date rests on a guess.
GUESSED: Final = frozenset({URL, HTMLDATE})
LABELS: Final = {
    DATE_LINE: "date line", OPTION: "--published", FIELD: "export field", FEED: "feed item",
    METADATA: "page metadata", URL: "URL", HTMLDATE: "htmldate's guess",
}

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def describe(date_source: str | None) -> str:
    """A reader's words for a date source; stored rows from before sources were kept say so."""
    if date_source is None:
        return "not recorded"
    return LABELS.get(date_source, date_source)


def parse_published(value: str, what: str = "published") -> date:
    """The day of a date or timestamp: ``YYYY-MM-DD``, ISO 8601 with a time, or RFC 2822."""
    text = value.strip()
    if _ISO_DAY.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError as exc:
            raise TimelineError(f"{what}: {text} is not a real date ({exc})") from exc
    if _ISO_STAMP.match(text):
        try:
            # The local day of the stamp as written: no conversion to UTC.
            return datetime.fromisoformat(text.replace("z", "Z")).date()
        except ValueError as exc:
            raise TimelineError(f"{what}: {text!r} is not a real date and time ({exc})") from exc
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    raise TimelineError(
        f"{what}: expected a date YYYY-MM-DD or a timestamp (ISO 8601, RFC 2822), got {value[:80]!r}"
    )
