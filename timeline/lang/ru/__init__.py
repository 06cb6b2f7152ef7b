"""Russian: morphology, names, clauses, tense, date rules and the event vocabulary."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any

from timeline.lang import LanguagePack
from timeline.lang.ru.text import LEGACY_ENCODINGS, STOP_WORDS, reads_as_russian

if TYPE_CHECKING:
    from timeline.extract.dates import DateLanguage
    from timeline.extract.doc import Doc, Sentence, Token
    from timeline.extract.entities import Mention
    from timeline.extract.events import SentenceEvents


def _lemma_key(text: str) -> str:
    from timeline.lang.ru.morph import lemma_key  # loads the dictionary: only when asked

    return lemma_key(text)


def _sentenize(text: str) -> Iterator[Any]:
    from timeline.lang.ru.segment import sentences

    return sentences(text)


def _find_names(sentences: list[Sentence]) -> list[Mention]:
    from timeline.lang.ru.names import find_entities  # loads the NER model: only when asked

    return find_entities(sentences)


def _events() -> ModuleType:
    from timeline.lang.ru import events  # loads the vocabulary and the morphology: only when asked

    return events


def _tokenize(text: str, start: int, stop: int) -> list[Token]:
    from timeline.lang.ru.words import tokenize  # loads the vocabulary and the morphology: only when asked

    return tokenize(text, start, stop)


def _find_clauses(doc: Doc) -> None:
    _events().find_clauses(doc)


def _select_sentences(doc: Doc) -> None:
    _events().select_sentences(doc)


def _sentence_events(*args: Any) -> SentenceEvents:
    return _events().sentence_events(*args)  # type: ignore[no-any-return]


def _dates() -> DateLanguage:
    from timeline.lang.ru import dates  # builds the patterns with the analyzer: only when asked

    return dates.language()


def _kind_labels() -> Mapping[str, str]:
    from timeline.lang.ru.lexicon import KIND_LABELS  # reads the vocabulary file: only when asked

    return KIND_LABELS


STATUS_LABELS: Mapping[str, str] = {
    "occurred": "состоялось", "ongoing": "идёт", "planned": "запланировано", "expected": "ожидается",
    "possible": "возможно", "cancelled": "отменено", "denied": "опровергнуто", "unknown": "неизвестно",
}

PACK = LanguagePack(
    code="ru",
    legacy_encodings=LEGACY_ENCODINGS,
    reads_as=reads_as_russian,
    lemma_key=_lemma_key,
    stop_words=STOP_WORDS,
    sentenize=_sentenize,
    find_names=_find_names,
    tokenize=_tokenize,
    find_clauses=_find_clauses,
    select_sentences=_select_sentences,
    sentence_events=_sentence_events,
    dates=_dates,
    kind_labels=_kind_labels,
    status_labels=STATUS_LABELS,
    warm_up="Министр Иван Петров провёл переговоры в Москве в понедельник, 12 января.",
)
