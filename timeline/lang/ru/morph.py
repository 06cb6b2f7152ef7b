"""One shared morphological analyzer (pymorphy3) and the lemma keys built with it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache

import pymorphy3

from timeline.lang.ru.text import fold as fold_e

_WORD = re.compile(r"[\w-]+")


@cache
def analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


def inflections(
    lemmas: Iterable[str], *, every_reading: bool = True, skip: tuple[str, ...] = (),
    fold: Callable[[str], str] = fold_e,
) -> dict[str, str]:
    """Every inflected form of each lemma (folded), mapped to the lemma; the first lemma keeps a shared
    form. The forms are those of the lemma's readings (every one, or the first alone), from pymorphy3's
    lexemes: one expansion for every vocabulary, so a lookup finds a word without analyzing it. A form
    starting with one of ``skip`` is left out (the superlatives «наипервейший» of «первый»)."""
    result: dict[str, str] = {}
    for lemma in lemmas:
        key = fold(lemma)
        for p in analyzer().parse(lemma):
            if fold(p.normal_form) != key:
                continue
            for form in p.lexeme:
                word = fold(form.word)
                if not word.startswith(skip):
                    result.setdefault(word, lemma)
            if not every_reading:
                break
        result.setdefault(key, lemma)
    return result


# Bounded by what a long import may hold: a word's readings take about 1.4 KB, its lemma a tenth of
# that; news vocabulary is Zipfian, so the most frequent words stay cached (bench_streaming, bench_import).
@lru_cache(maxsize=20_000)
def parse(word: str) -> tuple[pymorphy3.analyzer.Parse, ...]:
    return tuple(analyzer().parse(word))


@lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    """The dictionary form of one word, lower-cased; names prefer a name reading."""
    parses = parse(word)
    if not parses:
        return word.lower()
    for p in parses:
        if {"Surn", "Name", "Geox", "Orgn"} & set(p.tag.grammemes):
            return p.normal_form.lower()
    return parses[0].normal_form.lower()


def lemma_key(text: str) -> str:
    """Lower-cased lemmas of the words of a name: «Владимиром Путиным» -> «владимир путин»."""
    return " ".join(lemma(w) for w in _WORD.findall(text.replace("ё", "е").replace("Ё", "Е")))
