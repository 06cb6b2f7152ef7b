"""Reading articles: files (text, JSON Lines, JSON, CSV, web pages, feeds), URLs, standard input.

The names below load on first use: a command that needs only one small module of this package (the
fetcher's timeout for its --help) does not load the readers of every format.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "ArticleSource": "timeline.sources.article", "SourceError": "timeline.sources.article",
    "parse_iso_date": "timeline.sources.article", "Seen": "timeline.sources.feeds",
    "MAX_FILE_BYTES": "timeline.sources.readers", "Reader": "timeline.sources.readers",
    "iter_articles": "timeline.sources.readers", "iter_files": "timeline.sources.readers",
    "read_file": "timeline.sources.readers",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
