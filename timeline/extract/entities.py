"""Named entities: the mentions of people, organizations and places in an article's sentences.

The language pack finds them and brings each name to its dictionary form («Владимиром Путиным» →
«Владимир Путин»); this module holds what the engine knows of a mention, and the stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


# Where a sentenizer may split: a text with none of these but at its end is one sentence.
_MAY_SPLIT = re.compile(r"[.?!…;\"'»”“)\]\n]")


def _one_sentence(text: str) -> tuple[int, int] | None:
    """The span of a text with nowhere to split (a query, a headline, a test case), found with one
    search and no sentenizer; None when a sentenizer must decide."""
    stripped = text.strip()
    if stripped and not _MAY_SPLIT.search(stripped.rstrip(".?!…")):
        begin = text.index(stripped[0])
        return begin, begin + len(stripped)
    return None


def sentence_spans(text: str, language: str = DEFAULT) -> list[tuple[int, int]]:
    """The spans of ``split_sentences``, without building the sentences of a text that is one."""
    one = _one_sentence(text)
    return [one] if one else [s.span for s in split_sentences(text, language)]


def split_sentences(text: str, language: str = DEFAULT) -> list[Sentence]:
    """The language pack's sentences; a line without a full stop (a heading) is a sentence of its own."""
    one = _one_sentence(text)
    if one:
        return [Sentence(*one, text[one[0]:one[1]])]
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
    """The names of the sentences the selecting stage marked (``needs_names``); the pack may find more
    mentions of the people named there in the other sentences it marked (``needs_dates``)."""
    doc.mentions = pack(doc.language).find_names([s for s in doc.sentences if s.needs_names or s.needs_dates])
