"""The document model: one Doc through named stages, each declaring what it needs and adds."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.extract import pipeline
from timeline.extract.doc import Doc, run

TEXT = "Переговоры в Москве.\n\nВ марте, как сказал В. Путин, лидеры встретятся. Вчера прошёл митинг."
DCT = date(2026, 1, 14)


def test_a_stage_whose_needs_have_not_run_is_refused() -> None:
    with pytest.raises(RuntimeError, match="needs"):
        run(Doc(TEXT, DCT), [pipeline.SEGMENT, pipeline.EVENTS])


def test_every_stage_adds_what_it_says() -> None:
    doc = pipeline.extract(TEXT, DCT)
    assert doc.done == [s.name for s in pipeline.ARTICLE]
    assert doc.sentences and all(s.tokens for s in doc.sentences)
    assert all(s.clauses for s in doc.sentences if not s.heading)
    assert doc.times and doc.events
    found = [(e.kind, e.status) for e in doc.events]
    assert found == [("talks", "unknown"), ("meeting", "planned"), ("protest", "occurred")]


def test_dates_and_import_read_the_same_sentences_and_times() -> None:
    """`timeline dates` and `timeline import` share segmentation, words and the date stage."""
    article, dates = pipeline.extract(TEXT, DCT), pipeline.dates(TEXT, DCT)
    assert [s.span for s in article.sentences] == [s.span for s in dates.sentences]
    # import reads dates only where an event may be; every one it reads, the dates command reads alike
    assert set(article.times) <= set(dates.times)


def test_the_tense_of_a_date_and_the_status_of_an_event_read_a_word_alike() -> None:
    """One reading of a word for both: «начала» is the verb «начать» (the vocabulary's lemma), not the
    noun «начало», so the date before it is past and the happening occurred."""
    from timeline.lang.ru import tense, words

    assert words.reading("начала").normal_form == "начать"
    assert tense.verb_tense("начала") == "past"
    text = "18 апреля полиция начала расследование."
    doc = pipeline.extract(text, DCT)
    assert [(t.text, t.start) for t in doc.times] == [("18 апреля", date(2025, 4, 18))]
    assert [(e.status, e.start) for e in doc.events] == [("occurred", date(2025, 4, 18))]
    assert [(t.text, t.start) for t in pipeline.dates(text, DCT).times] == [("18 апреля", date(2025, 4, 18))]
