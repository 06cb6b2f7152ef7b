"""Extraction time and peak memory for one long article: 100 KiB, 1 MiB and 5 MiB (the import limit).

    python -m benchmarks.bench_long_article [--sizes 100K 1M 5M] [--shapes]

Each article is real news prose: sentences of the seed and the test articles recombined into
paragraphs, their numbers varied, so paragraphs do not repeat (a cache cannot hide a cost that
grows with the article). ``--shapes`` adds the pathological forms of 1 MiB: one paragraph with no
full stop, one line of words with no punctuation at all, and many one-word lines.
Each case runs in a fresh process; peak memory is that process's maximum RSS less its RSS with the
models loaded, so it is what the article itself costs.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import paragraphs

PUBLISHED = date(2026, 1, 14)
SIZES = {"100K": 100 * 1024, "1M": 1024 * 1024, "5M": 5 * 1024 * 1024}
SHAPES = ("article", "no-stop", "one-line", "short-lines")
_NUMBER = re.compile(r"\d+")


def _vary(sentence: str, rng: random.Random) -> str:
    """The same sentence with other numbers: days stay days, years stay years of the news."""

    def other(m: re.Match[str]) -> str:
        digits = m.group()
        if len(digits) == 4 and digits[:2] in {"19", "20"}:
            return str(rng.randint(2015, 2027))
        if len(digits) <= 2:
            return str(rng.randint(1, 28))
        return str(rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))

    return _NUMBER.sub(other, sentence)


def sentences() -> list[str]:
    return [s.strip() + ("" if s.rstrip().endswith((".", "!", "?", "»")) else ".")
            for p in paragraphs() for s in re.split(r"(?<=[.!?])\s+(?=[А-ЯЁA-Z«])", p) if len(s.strip()) > 20]


def article(size: int, shape: str = "article", seed: int = 7) -> str:
    """About ``size`` bytes of UTF-8 in the given shape."""
    rng = random.Random(seed)
    pool = sentences()
    parts: list[str] = []
    total = 0
    while total < size:
        if shape == "article":
            part = " ".join(_vary(s, rng) for s in rng.sample(pool, k=rng.randint(2, 4)))
        else:
            part = _vary(rng.choice(pool), rng)
        if shape in {"no-stop", "one-line"}:
            part = part.replace(".", "").replace("!", "").replace("?", "")
        if shape == "one-line":
            part = re.sub(r"[^\w\s]", "", part)
        if shape == "short-lines":
            parts.extend(part.split())
        else:
            parts.append(part)
        total += len(part.encode("utf-8")) + 2
    if shape == "article":
        lede = parts[0].split(". ")[0].rstrip(".") + "."
        return lede + "\n\n" + "\n\n".join(parts[1:])
    return {"no-stop": ", ", "one-line": " ", "short-lines": "\n"}[shape].join(parts)


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(size: int, shape: str) -> dict[str, float]:
    """One run in this process: build the article, warm the models on a short text, extract."""
    from timeline.extract.events import extract_events

    text = article(size, shape)
    extract_events("Президент провёл встречу в Москве 12 января.", PUBLISHED)
    base = _rss_mib()
    started = time.perf_counter()
    events = extract_events(text, PUBLISHED)
    seconds = time.perf_counter() - started
    return {"chars": len(text), "bytes": len(text.encode("utf-8")), "events": len(events), "seconds": seconds,
            "peak_mib": _rss_mib() - base}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--shapes", action="store_true", help="also the pathological shapes, at 1 MiB")
    parser.add_argument("--one", nargs=2, metavar=("SIZE", "SHAPE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(SIZES[args.one[0]], args.one[1])))
        return
    cases = [(s, "article") for s in args.sizes] + ([("1M", shape) for shape in SHAPES[1:]] if args.shapes else [])
    print(f"{'size':>5} {'shape':<12} {'bytes':>10} {'events':>7} {'seconds':>8} {'per MiB':>8} {'peak MiB':>9}")
    for size, shape in cases:
        out = subprocess.run([sys.executable, "-m", "benchmarks.bench_long_article", "--one", size, shape],
                             capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[1])
        r = json.loads(out.stdout.splitlines()[-1])
        per_mib = r["seconds"] / (r["bytes"] / 2**20)
        print(f"{size:>5} {shape:<12} {r['bytes']:>10,} {r['events']:>7,} {r['seconds']:>8.2f} {per_mib:>8.2f}"
              f" {r['peak_mib']:>9.0f}")


if __name__ == "__main__":
    main()
