"""Reading articles from files: the seed format, plain text, JSON Lines."""

from timeline.sources.readers import (
    MAX_FILE_BYTES,
    ArticleSource,
    SourceError,
    iter_articles,
    iter_files,
    parse_iso_date,
    read_file,
)

__all__ = [
    "MAX_FILE_BYTES", "ArticleSource", "SourceError", "iter_articles", "iter_files", "parse_iso_date", "read_file",
]
