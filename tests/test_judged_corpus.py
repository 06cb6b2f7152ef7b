"""The judged set (tests/data/judged: NEREL articles with a publication date, and their gold) is well formed
and points at real text."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from benchmarks.judged_scoring import understandable
from timeline.extract.types import PRECISIONS, STATUSES
from timeline.lang.ru.lexicon import KIND_LABELS
from timeline.sources.readers import ArticleSource, normalize_text, read_file

ROOT = Path(__file__).resolve().parent.parent
JUDGED = ROOT / "tests" / "data" / "judged"
NEREL = ROOT.parent / "shared" / "corpora" / "nerel-dev"
ARTICLES = sorted(JUDGED.glob("*.txt"))
GOLDS = {p.stem: json.loads((JUDGED / "gold" / f"{p.stem}.json").read_text(encoding="utf-8")) for p in ARTICLES}
HAPPENINGS = [(name, h) for name, gold in GOLDS.items() for h in gold["happenings"]]
FIELDS = {"id", "kind", "status", "start", "end", "precision", "dated", "participants", "place", "title",
          "predicate", "mentions"}


def _article(path: Path) -> ArticleSource:
    (item,) = list(read_file(path))
    assert isinstance(item, ArticleSource), item
    return item


def test_thirty_articles_each_with_its_gold() -> None:
    assert len(ARTICLES) >= 30
    assert sorted(p.stem for p in (JUDGED / "gold").glob("*.json")) == [p.stem for p in ARTICLES]
    assert all(GOLDS[name]["happenings"] for name in GOLDS)


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_article_is_the_nerel_text_after_a_date_line(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    assert raw.startswith(" date ")
    article = _article(path)
    assert article.published == date.fromisoformat(GOLDS[path.stem]["published"])
    source = NEREL / f"{path.stem}.txt"
    if not source.is_file():
        pytest.skip("NEREL corpus not here")
    nerel = source.read_text(encoding="utf-8")
    first, _, rest = nerel.partition("\n")
    # The file: the date line with NEREL's first line, a blank line, the rest byte for byte.
    assert raw == f" date {article.published} {first}\n\n{rest.removeprefix(chr(10))}"
    assert article.text == f"{normalize_text(first)}\n\n{normalize_text(rest)}"


@pytest.mark.parametrize(("name", "happening"), HAPPENINGS, ids=[f"{n}-{h['id']}" for n, h in HAPPENINGS])
def test_happening_fields_are_valid(name: str, happening: dict[str, Any]) -> None:
    h = happening
    assert set(h) - {"note"} == FIELDS
    assert h["kind"] in KIND_LABELS
    assert h["status"] in STATUSES and h["status"] != "unknown"
    if h["start"] is None or h["end"] is None:
        assert h["start"] is None and h["end"] is None and h["precision"] is None and h["dated"] is False
    else:
        assert date.fromisoformat(h["start"]) <= date.fromisoformat(h["end"])
        assert h["precision"] in PRECISIONS and h["dated"] is True
    assert all(isinstance(p, str) and p.strip() for p in h["participants"])
    assert len(set(h["participants"])) == len(h["participants"])
    assert h["place"] is None or (isinstance(h["place"], str) and h["place"].strip())
    assert 1 <= len(h["predicate"]) <= 3
    assert h["mentions"] and all(set(m) == {"sentence_contains"} for m in h["mentions"])
    # The gold's own title passes the benchmark's rule.
    assert understandable(h["title"], h["predicate"], h["participants"]), h["title"]


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_ids_unique_and_every_substring_occurs_once(path: Path) -> None:
    gold = GOLDS[path.stem]
    ids = [h["id"] for h in gold["happenings"]]
    assert len(ids) == len(set(ids))
    text = _article(path).text
    for h in gold["happenings"]:
        for m in h["mentions"]:
            assert text.count(m["sentence_contains"]) == 1, (h["id"], m["sentence_contains"])
