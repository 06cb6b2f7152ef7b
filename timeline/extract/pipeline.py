"""The stages an article goes through, in order, and the two pipelines built of them.

    segment → words → clauses → select → names, dates → events

``ARTICLE`` is what ``timeline import`` runs; ``DATES`` is what ``timeline dates`` runs: the same
segmentation, words and date stage over every sentence, so both read the same text alike.
"""

from __future__ import annotations

from datetime import date

from timeline.extract import entities, events
from timeline.extract.doc import Doc, Stage, run
from timeline.lang import pack


def segment(doc: Doc) -> None:
    """Sentences; a heading line is one of its own."""
    doc.sentences = entities.split_sentences(doc.text, doc.language)


def words(doc: Doc) -> None:
    """The words of each sentence, with the vocabulary's lemmas."""
    language = pack(doc.language)
    for s in doc.sentences:
        s.tokens = language.tokenize(doc.text, s.start, s.stop)


def every_sentence(doc: Doc) -> None:
    """``timeline dates``: every sentence is read for dates."""
    for s in doc.sentences:
        s.needs_dates = True


def find_times(doc: Doc) -> None:
    """The time expressions of the sentences marked ``needs_dates``, resolved against the publication date."""
    from timeline.extract.dates import find_dates

    wanted = [s for s in doc.sentences if s.needs_dates]
    # The words stage's words, when it ran: the tense of a date reads them, not a search of its own.
    words = [s.tokens for s in wanted] if "words" in doc.done else None
    doc.times = find_dates(doc.text, doc.published, [s.span for s in wanted], doc.language, words)


def clauses(doc: Doc) -> None:
    """The clauses of each sentence, as its language splits them."""
    pack(doc.language).find_clauses(doc)


def select(doc: Doc) -> None:
    """Which sentences the names and dates stages read: the pack knows which may hold an event."""
    pack(doc.language).select_sentences(doc)


SEGMENT = Stage("segment", needs=(), adds=("sentences",), run=segment)
WORDS = Stage("words", needs=("segment",), adds=("tokens",), run=words)
CLAUSES = Stage("clauses", needs=("words",), adds=("clauses",), run=clauses)
SELECT = Stage("select", needs=("words",), adds=("needs_names", "needs_dates"), run=select)
EVERY_SENTENCE = Stage("every sentence", needs=("segment",), adds=("needs_dates",), run=every_sentence)
NAMES = Stage("names", needs=("select",), adds=("mentions",), run=entities.find_names)
TIMES = Stage("dates", needs=("segment",), adds=("times",), run=find_times)
EVENTS = Stage("events", needs=("clauses", "names", "dates"), adds=("events",), run=events.find_events)

ARTICLE = (SEGMENT, WORDS, CLAUSES, SELECT, NAMES, TIMES, EVENTS)
DATES = (SEGMENT, WORDS, EVERY_SENTENCE, TIMES)


def extract(text: str, published: date) -> Doc:
    """Run the article pipeline over a text (normalized as stored)."""
    return run(Doc(text, published), ARTICLE)


def dates(text: str, anchor: date) -> Doc:
    """Run the dates pipeline over a text: its sentences and their time expressions."""
    return run(Doc(text, anchor), DATES)
