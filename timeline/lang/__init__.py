"""Language packs: everything one language needs to read news, apart from the engine that knows none.

A pack is a package ``timeline.lang.<code>`` (an ISO 639-1 code) whose ``PACK`` is a
:class:`LanguagePack`; the README ("Language packs") says what a new one must provide. The engine
asks :func:`pack` for an article's language and never names a language itself.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from timeline.extract.dates import DateLanguage
    from timeline.extract.doc import Doc, Sentence, Token
    from timeline.extract.entities import Mention
    from timeline.extract.events import SentenceEvents

from timeline.errors import TimelineError

LANGUAGES = ("ru",)  # the packs this installation has; the first is the default
DEFAULT = LANGUAGES[0]


@dataclass(frozen=True)
class LanguagePack:
    code: str
    # Reading files: the legacy encodings tried first, and whether a decoded text is in this language.
    legacy_encodings: tuple[str, ...]
    reads_as: Callable[[str], bool]
    # Searching: the words of a text as the index keeps them (lemmas), and the words a query skips.
    lemma_key: Callable[[str], str]
    stop_words: frozenset[str]
    # Reading an article: its sentences (substrings with start, stop and text), and the names in
    # the sentences given that are marked ``needs_names``, brought to their dictionary form (the
    # others given may hold more mentions of the people named).
    sentenize: Callable[[str], Iterable[Any]]
    find_names: Callable[[list[Sentence]], list[Mention]]
    # Events: the words of a span of text (tokens with the vocabulary's lemmas), the clauses of the
    # sentences, which sentences the names and dates stages read, and what one sentence reports
    # (given its names and dates).
    tokenize: Callable[[str, int, int], list[Token]]
    find_clauses: Callable[[Doc], None]
    select_sentences: Callable[[Doc], None]
    sentence_events: Callable[..., SentenceEvents]
    # Dates: the rules and tense reading the date engine runs (timeline.extract.dates.DateLanguage).
    dates: Callable[[], DateLanguage]
    # Words for the engine's codes, which a user may type instead of them (timeline.vocabulary): the
    # pack's label of each kind of happening («встреча»), and of each status («запланировано»).
    kind_labels: Callable[[], Mapping[str, str]]
    status_labels: Mapping[str, str]
    # A sentence whose reading loads every model the pack uses (an importer loads them before it forks
    # its workers).
    warm_up: str = ""


@cache
def pack(code: str = DEFAULT) -> LanguagePack:
    """The language pack for ``code``."""
    if code not in LANGUAGES:
        raise TimelineError(f"no language pack for {code!r} (there are: {', '.join(LANGUAGES)})")
    found: LanguagePack = importlib.import_module(f"timeline.lang.{code}").PACK
    return found


def packs() -> list[LanguagePack]:
    return [pack(code) for code in LANGUAGES]
