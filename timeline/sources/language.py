"""Which language an article is in, by py3langid (langid.py's model), so that a text no pack reads is
refused by name («in English (en)») instead of yielding nonsense events.

A text is refused only when the model is sure: its language is not one this installation has a pack
for, with a probability of at least ``CERTAIN``, over at least ``MIN_LETTERS`` letters. Short or
mixed texts (a Russian headline full of names scores Bulgarian or Serbian at 20%) pass.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from timeline.lang import LANGUAGES
from timeline.sources.article import ArticleSource, SourceError

CERTAIN = 0.95
MIN_LETTERS = 40
SAMPLE = 4000  # characters read: enough for any article, bounded for a long one
_LETTER = re.compile(r"[^\W\d_]")

_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "uk": "Ukrainian", "be": "Belarusian", "bg": "Bulgarian", "sr": "Serbian", "mk": "Macedonian",
    "kk": "Kazakh", "pl": "Polish", "cs": "Czech", "zh": "Chinese", "ja": "Japanese", "ar": "Arabic",
    "tr": "Turkish", "nl": "Dutch", "ru": "Russian", "ky": "Kyrgyz", "tg": "Tajik", "mn": "Mongolian",
}


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float] | None:
    """The likeliest language and its probability; None for a text too short to tell."""
    sample = text[:SAMPLE]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None
    code, probability = _identifier().classify(sample)
    return str(code), float(probability)


def name(code: str) -> str:
    return f"{_NAMES[code]} ({code})" if code in _NAMES else code


def check(article: ArticleSource, languages: tuple[str, ...] = LANGUAGES) -> ArticleSource:
    """The article, or a SourceError when it is surely in a language no pack reads."""
    found = identify(article.text)
    if found is not None and found[0] not in languages and found[1] >= CERTAIN:
        raise SourceError(
            article.source,
            f"the text is in {name(found[0])}; this timeline reads {', '.join(name(c) for c in languages)}",
        )
    return article
