"""razdel's sentences and tokens, the same ones, in time linear in the text.

razdel 0.5 builds each sentence (and each token) by adding its parts to a string one at a time, and
hands the string so far to its rules on every split (``split.buffer``), so the string is copied at
each addition: a sentence of k parts costs k times its length. One long sentence (a paragraph with
no full stop, a page of «quoted» names, a line of dots) then takes minutes. Here razdel's own
splitters and rules decide every split; the parts are kept in a list and joined once. The rules
read the buffer only while it is short (a list item's bullet is at most 20 characters, a smiley at
most 5), so a split gets the exact buffer up to ``_SHORT`` characters and, past that, its first
``_SHORT + 1`` characters: the same length test, the same answers. ``tests/test_extract_scaling.py``
holds the output equal to razdel's. Another razdel version gets razdel's own functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib.metadata import version
from typing import Any

_SHORT = 64


class _Buffer:
    """A sentence or token being built: its parts, and what the rules may see of it."""

    __slots__ = ("head", "parts", "size")

    def __init__(self, first: str) -> None:
        self.parts = [first]
        self.size = len(first)
        self.head = first[: _SHORT + 1]

    def add(self, *parts: str) -> None:
        for part in parts:
            if self.size <= _SHORT:
                self.head = (self.head + part[: _SHORT + 1])[: _SHORT + 1]
            self.parts.append(part)
            self.size += len(part)

    def text(self) -> str:
        return "".join(self.parts)


@cache
def _segmenters() -> tuple[Any, Any]:
    import razdel
    from razdel.segmenters.sentenize import SentSegmenter
    from razdel.segmenters.tokenize import TokenSegmenter

    if version("razdel") != "0.5.0":  # the buffer's use by the rules is known for this version only
        return razdel.sentenize, razdel.tokenize

    class Sentences(SentSegmenter):  # type: ignore[misc]
        def segment(self, parts: Iterator[Any]) -> Iterator[str]:
            first = next(parts, None)
            if first is None:
                return
            buffer = _Buffer(first)
            for split in parts:
                right = next(parts)
                split.buffer = buffer.head
                if self.join(split):
                    buffer.add(split.delimiter, right)
                else:
                    buffer.add(split.delimiter)
                    yield buffer.text()
                    buffer = _Buffer(right)
            yield buffer.text()

    class Tokens(TokenSegmenter):  # type: ignore[misc]
        def segment(self, parts: Iterator[Any]) -> Iterator[str]:
            first = next(parts, None)
            if first is None:
                return
            buffer = _Buffer(first)
            for split in parts:
                right = next(parts)
                split.buffer = buffer.head
                if not split.delimiter and self.join(split):
                    buffer.add(right)
                else:
                    yield buffer.text()
                    buffer = _Buffer(right)
            yield buffer.text()

    return Sentences(), Tokens()


def sentenize(text: str) -> Iterator[Any]:
    """razdel.sentenize: Substrings with start, stop and text."""
    return _segmenters()[0](text)  # type: ignore[no-any-return]


@cache
def _abbreviation_end() -> re.Pattern[str]:
    from timeline.lang.ru import vocab

    months = "|".join(sorted(map(re.escape, vocab.word_map("months.abbreviations")), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{months}|\d{{1,2}})\.$", re.IGNORECASE)


_DATE_GOES_ON = re.compile(r"(?:[-–—/]\s*)?\d")


def sentences(text: str) -> Iterator[Any]:
    """razdel's sentences, but a date's piece before the rest of the date does not end one: a month's
    abbreviation before its year («15 янв. 2026 в Москве»), a day before the rest of a range («14. -
    15.10.2013»). razdel ends the sentence there, and the date was lost."""
    from razdel.substring import Substring

    pending = None
    for sentence in sentenize(text):
        if pending is not None and _DATE_GOES_ON.match(text, sentence.start) and _abbreviation_end().search(
            pending.text
        ):
            pending = Substring(pending.start, sentence.stop, text[pending.start:sentence.stop])
            continue
        if pending is not None:
            yield pending
        pending = sentence
    if pending is not None:
        yield pending


def tokenize(text: str) -> Iterator[Any]:
    """razdel.tokenize: Substrings with start, stop and text."""
    return _segmenters()[1](text)  # type: ignore[no-any-return]
