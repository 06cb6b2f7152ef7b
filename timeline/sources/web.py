"""Fetching URLs: httpx with a timeout, a size limit, a User-Agent that names the tool, redirects
followed, and conditional requests (ETag, Last-Modified) so a feed read again costs little.

Every failure is one :class:`SourceError` for the URL, worded for a person: ``HTTP 404 Not Found``,
``timed out after 20 s``, ``connection refused``, ``not a text response (image/png)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit

from timeline import __version__
from timeline.sources.article import SourceError

if TYPE_CHECKING:
    import httpx

USER_AGENT: Final = f"timeline/{__version__} (news event timeline; +https://pypi.org/project/timeline/)"
TIMEOUT: Final = 20.0  # seconds, for each of connecting, each read, writing
MAX_BYTES: Final = 10 * 1024 * 1024  # a page or a feed
MAX_REDIRECTS: Final = 10

# Media types read as text; a response without one is sniffed.
TEXT_TYPES: Final = frozenset({
    "application/xhtml+xml", "application/xml", "application/rss+xml", "application/atom+xml",
    "application/rdf+xml", "application/json", "application/ld+json", "application/feed+json",
    "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/csv",
})


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content: bytes
    media_type: str  # lowercased, without parameters; "" when the server gave none
    charset: str | None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False  # 304: the validators matched, nothing new


class Fetcher:
    """One HTTP client for a whole import (connections are reused); close it, or use ``with``."""

    def __init__(self, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
                 transport: httpx.BaseTransport | None = None) -> None:
        import httpx  # only when something is fetched

        self.timeout = timeout
        self.max_bytes = max_bytes
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout), follow_redirects=True, max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}, transport=transport,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        import httpx

        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https"):
            raise SourceError(url, "only http:// and https:// URLs are read")
        if not parts.hostname or any(c.isspace() for c in url):
            raise SourceError(url, "not a valid URL (no host name, or a space in it)")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return Fetched(str(response.url), b"", "", None, etag, last_modified, not_modified=True)
                if response.status_code >= 400:
                    raise SourceError(url, f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
                media_type, charset = _content_type(response.headers.get("content-type", ""))
                if media_type and not (media_type.startswith("text/") or media_type in TEXT_TYPES):
                    raise SourceError(url, f"not a text response ({media_type})")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise SourceError(
                        url, f"response is {int(declared):,} bytes, over the {self.max_bytes:,}-byte limit"
                    )
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise SourceError(url, f"response is over the {self.max_bytes:,}-byte limit")
                    chunks.append(chunk)
                return Fetched(
                    str(response.url), b"".join(chunks), media_type, charset,
                    response.headers.get("etag"), response.headers.get("last-modified"),
                )
        except httpx.TimeoutException as exc:
            raise SourceError(url, f"timed out after {self.timeout:g} s") from exc
        except httpx.TooManyRedirects as exc:
            raise SourceError(url, f"more than {MAX_REDIRECTS} redirects") from exc
        except httpx.ConnectError as exc:
            text = str(exc).lower()
            if "refused" in text:
                reason = "connection refused"
            elif any(m in text for m in ("name or service not known", "nodename nor servname", "name resolution")):
                reason = f"host not found ({parts.hostname})"
            else:
                reason = f"cannot connect ({exc})"
            raise SourceError(url, reason) from exc
        except httpx.InvalidURL as exc:
            raise SourceError(url, f"not a valid URL ({exc})") from exc
        except httpx.UnsupportedProtocol as exc:
            raise SourceError(url, "only http:// and https:// URLs are read") from exc
        except httpx.HTTPError as exc:
            raise SourceError(url, f"{type(exc).__name__}: {exc}") from exc


def _content_type(value: str) -> tuple[str, str | None]:
    media_type, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, val = param.partition("=")
        if name.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip('"').lower()
    return media_type.strip().lower(), charset
