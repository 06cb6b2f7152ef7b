"""Russian: morphology, names, clauses, tense, date rules and the event vocabulary."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from timeline.lang import LanguagePack
from timeline.lang.ru.text import LEGACY_ENCODINGS, STOP_WORDS, reads_as_russian

if TYPE_CHECKING:
    from timeline.extract.doc import Sentence
    from timeline.extract.entities import Mention


def _lemma_key(text: str) -> str:
    from timeline.extract.morph import lemma_key  # loads the dictionary: only when asked

    return lemma_key(text)


def _sentenize(text: str) -> Iterator[Any]:
    from timeline.lang.ru.segment import sentenize

    return sentenize(text)


def _find_names(sentences: list[Sentence]) -> list[Mention]:
    from timeline.lang.ru.names import find_entities  # loads the NER model: only when asked

    return find_entities(sentences)


PACK = LanguagePack(
    code="ru",
    legacy_encodings=LEGACY_ENCODINGS,
    reads_as=reads_as_russian,
    lemma_key=_lemma_key,
    stop_words=STOP_WORDS,
    sentenize=_sentenize,
    find_names=_find_names,
)
