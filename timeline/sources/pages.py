"""Web pages: the article's text, title, author and publication date.

The main text comes from trafilatura (menus, ads, comments and related-links blocks left out), each of
its paragraphs a paragraph of the stored text, the title first; evidence offsets point into that text.
The date is the first found of:
1. the page's own metadata — ``article:published_time`` and its kin in ``<meta>``, ``<time
   itemprop="datePublished">``, JSON-LD ``datePublished`` — as the publisher's local day;
2. the date the caller states (a feed item's, an export record's, ``--published``);
3. a date in the page's URL (``/2026/04/06/``), inferred;
4. htmldate's guess from the page's text and markup.
A page with none of them is refused: every relative date in it would rest on nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from timeline.errors import TimelineError
from timeline.lang import DEFAULT as DEFAULT_LANGUAGE
from timeline.sources.article import ArticleSource, SourceError, decode, normalize_text
from timeline.sources.published import HTMLDATE, METADATA, URL, parse_published

# <meta> names and properties that hold the publication date, the most specific first.
_META_DATE = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "pubdate", "publishdate",
    "publish_date", "publish-date", "parsely-pub-date", "sailthru.date", "date",
)
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?=[/_.-]|$)|/((?:19|20)\d\d)(\d\d)(\d\d)(?=[/_.-]|$)"
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SNIFF_HTML = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


def looks_like_html(raw: bytes) -> bool:
    return bool(_SNIFF_HTML.match(raw[:2048]))


def _text_of(raw: bytes, charset: str | None, where: str) -> str:
    if charset:
        try:
            return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    meta = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", raw[:4096], re.I)
    if meta:
        try:
            return raw.decode(meta.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(raw, where)


def _json_ld_dates(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        value = node.get("datePublished")
        if isinstance(value, str):
            yield value
        for child in node.values():
            if isinstance(child, dict | list):
                yield from _json_ld_dates(child)
    elif isinstance(node, list):
        for child in node:
            yield from _json_ld_dates(child)


def metadata_date(tree: Any) -> date | None:
    """The publication date the page's metadata states, as the publisher's local day."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if name in _META_DATE and content and name not in found:
            found[name] = content
    stated = [found[name] for name in _META_DATE if name in found]
    for node in tree.iter("time"):
        if (node.get("itemprop") or "").lower() == "datepublished" and node.get("datetime"):
            stated.append(node.get("datetime").strip())
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
            try:
                stated.extend(_json_ld_dates(json.loads(script.text)))
            except (json.JSONDecodeError, RecursionError):
                continue
    for value in stated:
        try:
            return parse_published(value)
        except TimelineError:
            continue
    return None


def url_date(url: str | None) -> date | None:
    if not url:
        return None
    for match in _URL_DATE.finditer(url.split("?", 1)[0]):
        year, month, day = (int(g) for g in (match.groups()[:3] if match.group(1) else match.groups()[3:]))
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None


def htmldate_guess(html: str, today: date) -> date | None:
    from htmldate import find_date

    try:
        found = find_date(html, extensive_search=True, original_date=True, outputformat="%Y-%m-%d",
                          max_date=today.isoformat())
    except (ValueError, TypeError):
        return None
    return date.fromisoformat(found) if found else None


def read_page(
    raw: bytes, where: str, *, url: str | None = None, key: str | None = None, charset: str | None = None,
    stated: tuple[date, str] | None = None, language: str = DEFAULT_LANGUAGE,
) -> ArticleSource:
    """The article of one page. ``stated``: the date (and its source) the caller has, used when the page's
    own metadata gives none."""
    import lxml.html
    import trafilatura

    # Decoded already: an XML declaration naming an encoding would make lxml refuse the text.
    html = _XML_DECLARATION.sub("", _text_of(raw, charset, where), count=1)
    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise SourceError(where, f"not readable HTML ({exc})") from exc
    document = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
    )
    body_text = normalize_text(getattr(document, "text", None) or "") if document is not None else ""
    if not body_text:
        raise SourceError(where, "no article text found on the page")
    title = normalize_text(getattr(document, "title", None) or "") or None
    author = normalize_text(getattr(document, "author", None) or "") or None
    paragraphs = [line.strip() for line in body_text.split("\n") if line.strip()]
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    text = "\n\n".join([title, *paragraphs] if title else paragraphs)
    page_url = url or getattr(document, "url", None)
    day, how = _page_date(tree, html, page_url, stated)
    if day is None or how is None:
        raise SourceError(where, "no publication date on the page (no metadata, none in the URL, none found "
                                 "by htmldate); give it with --published")
    return ArticleSource(where, day, title, text, key, language, how, author)


def _page_date(
    tree: Any, html: str, url: str | None, stated: tuple[date, str] | None
) -> tuple[date | None, str | None]:
    found = metadata_date(tree)
    if found is not None:
        return found, METADATA
    if stated is not None:
        return stated
    found = url_date(url)
    if found is not None:
        return found, URL
    guess = htmldate_guess(html, date.today())
    return (guess, HTMLDATE) if guess is not None else (None, None)


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed item's content), a paragraph per block."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return normalize_text(fragment)
    for node in list(root.iter("script", "style")):
        node.drop_tree()
    for node in root.iter("br"):
        node.tail = "\n" + (node.tail or "")
    for node in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote", "tr"):
        node.tail = "\n\n" + (node.tail or "")
    text = normalize_text(root.text_content())
    return "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
