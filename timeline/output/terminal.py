"""Text for a person's terminal: stored text may carry control characters, shown escaped.

An article can hold ESC sequences (clear the screen, rewrite the title bar, fake a line),
C1 controls that some terminals obey like ESC, and bidi overrides that make a line read
differently than it is stored. Whatever is printed for a human goes through
:func:`terminal_safe`; machine formats (JSON, CSV, iCalendar…) keep the stored text exactly.
"""

from __future__ import annotations

import re

from rich.text import Text

# C0 controls but \t and \n, DEL, C1 controls, bidi embeddings/overrides and isolates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """``text`` with every character that could steer a terminal shown as ``\\x1b`` or ``\\u202e``."""
    return _UNSAFE.sub(_escape, text)


def safe_text(text: str | None, style: str = "") -> Text:
    """A rich cell of stored text: escaped, and never read as rich markup («[/b]» stays literal)."""
    return Text(terminal_safe(text or ""), style=style)
