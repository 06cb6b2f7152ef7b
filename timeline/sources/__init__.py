"""Reading articles: files (text, JSON Lines, JSON, CSV, web pages, feeds), URLs, standard input."""

from timeline.sources.article import ArticleSource, SourceError, parse_iso_date
from timeline.sources.feeds import Seen
from timeline.sources.readers import MAX_FILE_BYTES, Reader, iter_articles, iter_files, read_file

__all__ = [
    "MAX_FILE_BYTES", "ArticleSource", "Reader", "Seen", "SourceError", "iter_articles", "iter_files",
    "parse_iso_date", "read_file",
]
