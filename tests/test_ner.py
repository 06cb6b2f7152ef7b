"""The lean NER executor finds exactly the spans natasha's own tagger finds with the same model."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.extract.entities import split_sentences
from timeline.lang.ru.ner import Span, news_ner

DATA = Path(__file__).resolve().parent / "data"
ARTICLES = sorted(
    [*DATA.glob("articles/*.txt"), *DATA.glob("heldout/*.txt"), *DATA.glob("heldout2/*.txt"),
     *(DATA.parent.parent / "seeds").glob("*.txt")]
)


@pytest.fixture(scope="module")
def natasha_tagger():  # type: ignore[no-untyped-def]
    from natasha import NewsEmbedding, NewsNERTagger

    return NewsNERTagger(NewsEmbedding())


def test_the_corpus_is_there() -> None:
    assert len(ARTICLES) >= 50


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_same_spans_as_natasha(path: Path, natasha_tagger) -> None:  # type: ignore[no-untyped-def]
    # As extraction calls it: the article's sentences joined by newlines.
    text = "\n".join(s.text for s in split_sentences(path.read_text(encoding="utf-8")))
    expected = [Span(s.start, s.stop, s.type) for s in natasha_tagger(text).spans]
    assert expected, "every test article names someone"
    assert news_ner()(text) == expected


@pytest.mark.parametrize("text", ["", " \n ", ".", "Путин", "Встреча Путина и Трампа прошла в Анкоридже."])
def test_short_and_empty_texts(text: str, natasha_tagger) -> None:  # type: ignore[no-untyped-def]
    expected = [Span(s.start, s.stop, s.type) for s in natasha_tagger(text).spans] if text.strip() else []
    assert news_ner()(text) == expected


def test_spans_are_typed_and_inside_the_text() -> None:
    text = "Владимир Путин и Дональд Трамп встретились на Аляске, сообщает ТАСС."
    spans = news_ner()(text)
    assert {(text[s.start:s.stop], s.type) for s in spans} >= {
        ("Владимир Путин", "PER"), ("Дональд Трамп", "PER"), ("Аляске", "LOC"), ("ТАСС", "ORG"),
    }


def test_a_small_word_cache_changes_nothing(monkeypatch: pytest.MonkeyPatch, natasha_tagger) -> None:  # type: ignore[no-untyped-def]
    import timeline.lang.ru.ner as ner

    monkeypatch.setattr(ner, "_WORD_CACHE", 5)
    tagger = ner.NewsNER(natasha_tagger)
    for path in ARTICLES[:5]:
        text = path.read_text(encoding="utf-8")
        assert tagger(text) == [Span(s.start, s.stop, s.type) for s in natasha_tagger(text).spans]
        assert len(tagger._word_products) <= 5


def test_a_long_text_is_computed_a_window_at_a_time(monkeypatch: pytest.MonkeyPatch, natasha_tagger) -> None:  # type: ignore[no-untyped-def]
    """Memory stays flat in the text's length, and the windows' seams change no span."""
    import timeline.lang.ru.ner as ner

    monkeypatch.setattr(ner, "_WINDOW", 40)
    tagger = ner.NewsNER(natasha_tagger)
    rows: list[int] = []
    emissions = tagger._emissions

    def measured(word_ids, shape_ids):  # type: ignore[no-untyped-def]
        rows.append(len(word_ids))
        return emissions(word_ids, shape_ids)

    monkeypatch.setattr(tagger, "_emissions", measured)
    for path in ARTICLES[:12]:
        text = "\n".join(s.text for s in split_sentences(path.read_text(encoding="utf-8")))
        assert tagger(text) == [Span(s.start, s.stop, s.type) for s in natasha_tagger(text).spans]
    assert len(rows) > 50 and max(rows) <= 40 + 2 * 3  # a window and the convolutions' reach each side
