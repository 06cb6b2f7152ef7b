"""Synthetic articles of seed-like length for the import benchmarks.

Each article is made of paragraphs drawn at random from the seed and the test articles,
with its own publication date, so every article is new to the importer while the
language stays real news prose.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "seeds", ROOT / "tests" / "data" / "articles"]


def paragraphs() -> list[str]:
    found: list[str] = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            body = path.read_text(encoding="utf-8").strip().split("\n", 1)[-1]
            found.extend(p.strip() for p in body.split("\n\n") if len(p.strip()) > 40)
    return found


def write_corpus(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """Write ``n`` articles of 7 paragraphs each (about the seed's 2,500 characters)."""
    rng = random.Random(seed)
    pool = paragraphs()
    folder.mkdir(parents=True, exist_ok=True)
    start = date(2020, 1, 1)
    files = []
    for i in range(n):
        chosen = rng.sample(pool, k=min(7, len(pool)))
        published = start + timedelta(days=rng.randrange(0, 365 * 6))
        lede = chosen[0].split(". ")[0].rstrip(".") + "."
        path = folder / f"{i:05}.txt"
        body = "\n\n".join(chosen[1:])
        path.write_text(f"date {published.isoformat()} {lede}\n\n{body}", encoding="utf-8")
        files.append(path)
    return files
