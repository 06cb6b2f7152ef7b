"""An article as read from any source, and the text normalization every source shares.

Text is decoded as UTF-8 (a BOM is dropped); text that is not UTF-8 is decoded in the encoding
charset-normalizer finds (Windows-1251, KOI8-R, CP866, ISO-8859-5, MacCyrillic…), and refused when it
finds none. Then, before anything else: Unicode NFC (a decomposed «й» is the composed one), line ends
``\\n``, non-breaking spaces plain spaces, and control characters (C0 but tab and newline, DEL, C1)
removed — they are never news text, and printed they would drive a terminal. A NUL byte means a
binary file. Character offsets point into the text so normalized.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from timeline.errors import TimelineError
from timeline.lang import DEFAULT as DEFAULT_LANGUAGE
from timeline.lang import packs

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LETTER = re.compile(r"[^\W\d_]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # after CRLF → LF: CR goes too
_NOISE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # control characters no text holds (CR, FF may)
# A terminal escape sequence whole, so no «[2J» is left behind: CSI (ESC [ or U+009B, parameters, a
# final letter), a terminated OSC, DCS, APC, PM or SOS string (up to BEL or ST, within a line: an
# unterminated one loses only its introducer, not the article's text), or ESC and one character.
_ESCAPE = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]{0,4096}(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[\x20-\x7e]?"
)


class SourceError(TimelineError):
    """A file, URL, or one item of it that cannot be read as an article: ``where: reason``."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


@dataclass(frozen=True)
class ArticleSource:
    source: str  # for people: the absolute path, the URL given, or ``path:LINE`` for JSON Lines
    published: date
    title: str | None
    text: str  # normalized; evidence offsets point into this
    # Identity in the world: ``file:<absolute path>`` or ``url:<url>``; a new text with the same key
    # is a new version. None: identified by its content alone (a JSON Lines item without a URL).
    key: str | None = None
    language: str = DEFAULT_LANGUAGE  # the language pack that reads it
    date_source: str | None = None  # how ``published`` was found (timeline.sources.published)
    author: str | None = None

    @property
    def sha256(self) -> str:
        payload = f"{self.published.isoformat()}\n{self.text}".encode()
        return hashlib.sha256(payload).hexdigest()


def parse_iso_date(value: str, what: str) -> date:
    """A real calendar date in ``YYYY-MM-DD`` form, or a TimelineError naming ``what``."""
    value = value.strip()
    if not _ISO_DATE.match(value):
        raise TimelineError(f"{what}: expected a date YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise TimelineError(f"{what}: {value} is not a real date ({exc})") from exc


def normalize_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\ufeff", "")
    return _CONTROL.sub("", _ESCAPE.sub("", text)).strip()


def decode(raw: bytes, where: str) -> str:
    if b"\x00" in raw[:8192]:
        raise SourceError(where, "binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for the rare file that is not UTF-8

    # The language packs' legacy encodings first: on a short text charset-normalizer's open search
    # may prefer a CJK reading (a one-line KOI8-R article decodes "best" as Shift JIS). A reading in
    # the pack's language is the one meant; otherwise (Greek, Latin…) the open search decides.
    best = None
    for language in packs():
        readings = from_bytes(raw, cp_isolation=list(language.legacy_encodings))  # the likeliest first
        best = next((r for r in readings if r.chaos <= 0.1 and language.reads_as(str(r))), None)
        if best is not None:
            break
    if best is None:
        best = from_bytes(raw).best()
    if best is None:
        raise SourceError(where, "not UTF-8, nor text in any other encoding charset-normalizer recognizes")
    text = str(best)
    letters = _LETTER.findall(text)
    if not letters or len(_NOISE.findall(text)) > 0.01 * len(text):
        raise SourceError(where, f"not readable text (it decodes as {best.encoding} only to noise)")
    return text


def has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def clean_url(url: str) -> str:
    """A URL as an identity: no control characters, no surrounding space."""
    return _CONTROL.sub("", url.strip())
