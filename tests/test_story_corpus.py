"""The stories' gold (tests/data/stories/gold.json, stories2, stories3 and the held-out
tests/data/stories4/gold.json) is well formed and points at real text."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from timeline.extract.types import PRECISIONS, STATUSES
from timeline.lang.ru.lexicon import KIND_LABELS
from timeline.sources.readers import ArticleSource, read_file

DATA = Path(__file__).resolve().parent / "data"
SETS = {"stories": 4, "stories2": 3, "stories3": 3, "stories4": 3}  # each set and the fewest stories it has
GOLDS = {name: json.loads((DATA / name / "gold.json").read_text(encoding="utf-8")) for name in SETS}
HAPPENINGS = [
    (name, story["name"], h) for name, gold in GOLDS.items() for story in gold["stories"] for h in story["happenings"]
]


def _happenings(corpus: str) -> list[tuple[str, dict[str, Any]]]:
    return [(story, h) for name, story, h in HAPPENINGS if name == corpus]


def _article(corpus: str, relative: str) -> ArticleSource:
    (item,) = list(read_file(DATA / corpus / relative))
    assert isinstance(item, ArticleSource), item
    return item


@pytest.mark.parametrize("corpus", SETS)
def test_every_story_has_six_to_eight_readable_articles(corpus: str) -> None:
    gold = GOLDS[corpus]
    assert len(gold["stories"]) >= SETS[corpus]
    for story in gold["stories"]:
        files = sorted((DATA / corpus / story["name"]).glob("*.txt"))
        assert 6 <= len(files) <= 8, story["name"]
        for path in files:
            article = _article(corpus, f"{story['name']}/{path.name}")
            assert 150 <= len(article.text.split()) <= 450, path.name
            assert path.read_text(encoding="utf-8").startswith(" date "), path.name


def test_ids_are_unique_and_every_happening_is_mentioned() -> None:
    ids = Counter(h["id"] for _, _, h in HAPPENINGS)  # unique across both sets
    assert [i for i, n in ids.items() if n > 1] == []
    for _, _, h in HAPPENINGS:
        assert h["mentions"], h["id"]


@pytest.mark.parametrize(("story", "happening"), [(s, h) for _, s, h in HAPPENINGS],
                         ids=[f"{c}-{h['id']}" for c, _, h in HAPPENINGS])
def test_happening_fields_are_valid(story: str, happening: dict) -> None:
    assert happening["kind"] in KIND_LABELS
    assert happening["status"] in STATUSES
    start, end, precision = happening["start"], happening["end"], happening["precision"]
    if start is None or end is None:
        assert start is None and end is None and precision is None
    else:
        assert date.fromisoformat(start) <= date.fromisoformat(end)
        assert precision in PRECISIONS
    for mention in happening["mentions"]:
        assert set(mention) == {"file", "sentence_contains"}
        assert mention["file"].startswith(f"{story}/"), mention


@pytest.mark.parametrize("corpus", SETS)
def test_every_substring_occurs_once_in_its_file_and_in_the_stored_text(corpus: str) -> None:
    texts: dict[str, tuple[str, str]] = {}
    for _, h in _happenings(corpus):
        for m in h["mentions"]:
            if m["file"] not in texts:
                path = DATA / corpus / m["file"]
                assert path.is_file(), m["file"]
                texts[m["file"]] = (path.read_text(encoding="utf-8"), _article(corpus, m["file"]).text)
            raw, stored = texts[m["file"]]
            needle = m["sentence_contains"]
            assert needle.strip() == needle and needle, (h["id"], needle)
            assert raw.count(needle) == 1, (h["id"], m["file"], needle)
            assert stored.count(needle) == 1, (h["id"], m["file"], needle)
            assert "\n" not in needle


@pytest.mark.parametrize("corpus", SETS)
def test_every_article_is_cited_by_the_gold(corpus: str) -> None:
    cited = {m["file"] for _, h in _happenings(corpus) for m in h["mentions"]}
    for story in GOLDS[corpus]["stories"]:
        for path in (DATA / corpus / story["name"]).glob("*.txt"):
            assert f"{story['name']}/{path.name}" in cited


@pytest.mark.parametrize("corpus", SETS)
def test_apart_pairs_name_two_happenings_of_one_story(corpus: str) -> None:
    story_of = {h["id"]: story for story, h in _happenings(corpus)}
    assert GOLDS[corpus]["apart"]
    for a, b in GOLDS[corpus]["apart"]:
        assert a != b
        assert a in story_of and b in story_of, (a, b)
        assert story_of[a] == story_of[b], (a, b)
