"""Russian: morphology, names, clauses, tense, date rules and the event vocabulary."""

from __future__ import annotations

from timeline.lang import LanguagePack
from timeline.lang.ru.text import LEGACY_ENCODINGS, STOP_WORDS, reads_as_russian


def _lemma_key(text: str) -> str:
    from timeline.extract.morph import lemma_key  # loads the dictionary: only when asked

    return lemma_key(text)


PACK = LanguagePack(
    code="ru",
    legacy_encodings=LEGACY_ENCODINGS,
    reads_as=reads_as_russian,
    lemma_key=_lemma_key,
    stop_words=STOP_WORDS,
)
