"""Russian words: a sentence's tokens, their vocabulary lemmas, and each word's one reading.

A word is read once, here, for every stage that asks of its grammar: the tense of a date and the
status of an event read the same part of speech and tense of the same word (``reading``).
"""

from __future__ import annotations

from functools import cache, lru_cache

import pymorphy3

from timeline.extract.doc import Token
from timeline.lang.ru.lexicon import known_lemmas
from timeline.lang.ru.morph import inflections, parse
from timeline.lang.ru.text import WORD, fold


@cache
def forms() -> dict[str, str]:
    """Every inflected form of every lemma the event vocabulary uses (ё folded), mapped to its lemma.

    A dictionary lookup finds triggers and cue words without analyzing each word of the text:
    the analyzer runs only for the words whose grammar a decision needs (tense, part of speech).
    """
    return inflections(sorted(known_lemmas()))  # every table's lemmas: the lexicon computes them


def lemma_of(lower: str) -> str:
    """The vocabulary's lemma of a word (lower-cased, folded), else the word itself. «DDoS-атакам»:
    the Russian head carries the meaning."""
    found = forms()
    return found.get(lower) or found.get(lower.rsplit("-", 1)[-1]) or lower


# Bounded as morph.parse is; a word's reading is asked by the tense of dates and by event status alike.
@lru_cache(maxsize=50_000)
def reading(lower: str) -> pymorphy3.analyzer.Parse | None:
    """The word's one reading: the analyzer's reading of the vocabulary's lemma when it has one
    («отменен» written without ё is «отменён», not «отменный»), else its first; None when it has none."""
    parses = parse(lower)
    lemma = lemma_of(lower)
    return next((q for q in parses if q.normal_form.replace("ё", "е") == lemma), None) or (
        parses[0] if parses else None
    )


def _reading(token: Token) -> object:
    return reading(token.lower) or False


def tokenize(text: str, start: int, stop: int) -> list[Token]:
    """The words of ``text[start:stop]``, each marked when «не» stands before it."""
    tokens: list[Token] = []
    previous = ""
    found = forms()
    for m in WORD.finditer(text, start, stop):  # the most frequent loop of extraction: kept inline
        word = m.group()
        lower = fold(word.lower())
        lemma = found.get(lower) or found.get(lower.rsplit("-", 1)[-1]) or lower  # lemma_of, inline
        tokens.append(Token(m.start(), m.end(), word, lower, lemma, previous == "не", _reading))
        previous = lower
    return tokens
