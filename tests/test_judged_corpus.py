"""The judged sets (tests/data/judged, tests/data/judged2 and the held-out tests/data/judged3: NEREL articles
with a publication date, and their gold) are well formed and point at real text."""

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
NEREL = ROOT.parent / "shared" / "corpora" / "nerel-dev"
# Each judged folder and the least number of articles it holds: the first set, the second, and the held-out third.
SETS = {"judged": 30, "judged2": 12, "judged3": 8}
FOLDERS = {name: ROOT / "tests" / "data" / name for name in SETS}
ARTICLES = [(name, p) for name, folder in FOLDERS.items() for p in sorted(folder.glob("*.txt"))]
GOLDS = {(name, p.stem): json.loads((FOLDERS[name] / "gold" / f"{p.stem}.json").read_text(encoding="utf-8"))
         for name, p in ARTICLES}
HAPPENINGS = [(key, h) for key, gold in GOLDS.items() for h in gold["happenings"]]
FIELDS = {"id", "kind", "status", "start", "end", "precision", "dated", "participants", "place", "title",
          "predicate", "mentions"}


def _article(path: Path) -> ArticleSource:
    (item,) = list(read_file(path))
    assert isinstance(item, ArticleSource), item
    return item


@pytest.mark.parametrize("folder", list(SETS))
def test_enough_articles_each_with_its_gold(folder: str) -> None:
    stems = [p.stem for name, p in ARTICLES if name == folder]
    assert len(stems) >= SETS[folder]
    assert sorted(p.stem for p in (FOLDERS[folder] / "gold").glob("*.json")) == stems
    assert all(GOLDS[(folder, stem)]["happenings"] for stem in stems)


def test_the_sets_share_no_article() -> None:
    stems = [{p.stem for name, p in ARTICLES if name == folder} for folder in SETS]
    assert all(not a & b for i, a in enumerate(stems) for b in stems[i + 1:])


@pytest.mark.parametrize(("folder", "path"), ARTICLES, ids=[f"{n}-{p.stem}" for n, p in ARTICLES])
def test_article_is_the_nerel_text_after_a_date_line(folder: str, path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    assert raw.startswith(" date ")
    article = _article(path)
    assert article.published == date.fromisoformat(GOLDS[(folder, path.stem)]["published"])
    source = NEREL / f"{path.stem}.txt"
    if not source.is_file():
        pytest.skip("NEREL corpus not here")
    nerel = source.read_text(encoding="utf-8")
    first, _, rest = nerel.partition("\n")
    # The file: the date line with NEREL's first line, a blank line, the rest byte for byte.
    assert raw == f" date {article.published} {first}\n\n{rest.removeprefix(chr(10))}"
    assert article.text == f"{normalize_text(first)}\n\n{normalize_text(rest)}"


@pytest.mark.parametrize(("key", "happening"), HAPPENINGS, ids=[f"{f}-{n}-{h['id']}" for (f, n), h in HAPPENINGS])
def test_happening_fields_are_valid(key: tuple[str, str], happening: dict[str, Any]) -> None:
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


@pytest.mark.parametrize(("folder", "path"), ARTICLES, ids=[f"{n}-{p.stem}" for n, p in ARTICLES])
def test_ids_unique_and_every_substring_occurs_once(folder: str, path: Path) -> None:
    gold = GOLDS[(folder, path.stem)]
    ids = [h["id"] for h in gold["happenings"]]
    assert len(ids) == len(set(ids))
    text = _article(path).text
    for h in gold["happenings"]:
        for m in h["mentions"]:
            assert text.count(m["sentence_contains"]) == 1, (h["id"], m["sentence_contains"])
