"""Named entities: the mentions of people, organizations and places in an article's sentences.

The language pack finds them and brings each name to its dictionary form («Владимиром Путиным» →
«Владимир Путин»); this module holds what the engine knows of a mention, and the stage.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from timeline.extract.doc import Doc, Sentence
from timeline.lang import DEFAULT, pack


@dataclass
class Mention:
    start: int
    stop: int
    text: str
    label: str  # the NER's label: PER | ORG | LOC (an actor's *type* is person, org, place or country)
    name: str  # nominative, normalized
    case: str | None  # grammatical case of the mention in the text, when the analyzer is sure


class Reach:
    """Spans, sorted by start with the furthest end so far: does any span that starts by a point reach
    past another? In log time, so a long article's quotes are not each checked against all its names."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach = list(accumulate((e for _, e in ordered), max))

    def reaches(self, start: int, end: int, inclusive: bool) -> bool:
        """inclusive: a span with s <= start and e >= end (holds start..end); else s < start and e > end."""
        i = (bisect_right if inclusive else bisect_left)(self._starts, start)
        return i > 0 and (self._reach[i - 1] >= end if inclusive else self._reach[i - 1] > end)


# Where a sentenizer may split: a text with none of these but at its end is one sentence.
_MAY_SPLIT = re.compile(r"[.?!…;\"'»”“)\]\n]")


def sentence_spans(text: str, language: str = DEFAULT) -> list[tuple[int, int]]:
    """The spans of ``split_sentences``; a text with nowhere to split costs one search."""
    stripped = text.strip()
    if stripped and not _MAY_SPLIT.search(stripped.rstrip(".?!…")):
        begin = text.index(stripped[0])
        return [(begin, begin + len(stripped))]
    return [s.span for s in split_sentences(text, language)]


def split_sentences(text: str, language: str = DEFAULT) -> list[Sentence]:
    """The language pack's sentences; a line without a full stop (a heading) is a sentence of its own."""
    stripped = text.strip()
    if stripped and not _MAY_SPLIT.search(stripped.rstrip(".?!…")):
        # One sentence (a query, a headline, a test case): no sentenizer is needed to say so.
        begin = text.index(stripped[0])
        return [Sentence(begin, begin + len(stripped), stripped)]
    sentences = []
    for s in pack(language).sentenize(text):
        offset = s.start
        lines = s.text.split("\n")
        for line in lines:
            stripped = line.strip()
            if stripped:
                begin = offset + line.index(stripped[0])
                heading = len(lines) > 1 and stripped[-1] not in ".!?…»\"" and len(stripped) < 100
                sentences.append(Sentence(begin, begin + len(stripped), stripped, heading))
            offset += len(line) + 1
    return sentences


def find_names(doc: Doc) -> None:
    """The names of the sentences the selecting stage marked (``needs_names``)."""
    doc.mentions = pack(doc.language).find_names([s for s in doc.sentences if s.needs_names])
