"""Russian text as such: the encodings old Russian news was published in, whether a decoded text
reads as Russian, the words a search skips, and the one letter folded everywhere (ё → е)."""

from __future__ import annotations

import re

# Windows-1251 (most archives), KOI8-R (old Unix and mail), CP866 (DOS), ISO-8859-5, MacCyrillic.
LEGACY_ENCODINGS = ("cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic")
# Prepositions and conjunctions a full-text query does not look for.
STOP_WORDS = frozenset(
    ("в", "во", "на", "и", "с", "со", "к", "ко", "по", "о", "об", "от", "до", "из", "за", "у", "а", "но")
)

# A word: a run of letters (hyphenated runs are one word: «северо-запад», «DDoS-атака»), or of digits.
# The words of a sentence for the event rules and for the tense of its dates alike.
WORD = re.compile(r"[А-Яа-яЁёA-Za-z]+(?:-[А-Яа-яЁёA-Za-z]+)*|\d+")
_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]{2,}")


def fold(text: str) -> str:
    """ё written as е, as most news writes it: one spelling to compare."""
    text = text.replace("ё", "е")
    return text.replace("Ё", "Е") if "Ё" in text else text


def reads_as_russian(text: str) -> bool:
    """Whether most of the text's letters are Cyrillic and most of its Cyrillic words Russian ones the
    morphological dictionary knows: Greek decoded as Cyrillic is Cyrillic noise."""
    from timeline.lang.ru.morph import analyzer

    sample = text[:20_000]
    words = _CYRILLIC_WORD.findall(sample)
    letters = len(_LETTER.findall(sample))
    if not words or sum(map(len, words)) < 0.3 * letters:
        return False
    known = sum(analyzer().word_is_known(w.lower()) for w in words)
    return known >= 0.6 * len(words)
