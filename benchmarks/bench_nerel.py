"""How many of NEREL's annotated DATE/TIME spans `timeline dates` finds, and how many it invents.

    python -m benchmarks.bench_nerel [CORPUS_DIR] [--errors N]

NEREL (real Russian news, brat standoff) annotates dates more widely than our spec
(ages such as «23-летний», «за последние 200 лет»), and gives no publication date,
so this measures spans only: recall = outermost gold spans overlapped by an
expression of ours; precision = our expressions overlapping a gold span; exact =
gold spans we reproduce character for character.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from datetime import date
from pathlib import Path

from timeline.extract.dates import find_dates

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "nerel-dev"
ANCHOR = date(2020, 1, 1)  # NEREL gives none; spans do not depend on it


def gold_spans(ann: Path) -> list[tuple[int, int, str]]:
    spans = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or not parts[0].startswith("T"):
            continue
        label, *offsets = parts[1].split(" ")
        if label not in {"DATE", "TIME"} or ";" in " ".join(offsets):
            continue
        spans.append((int(offsets[0]), int(offsets[1]), parts[2]))
    # Keep the outermost: NEREL nests «2020 года» inside «в ночь с 18 на 19 апреля 2020 года».
    return [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]


def corpus_arguments(doc: str, errors_help: str) -> tuple[list[Path], int]:
    """The NEREL benchmarks' command line: the corpus folder's texts and ``--errors N``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--errors", type=int, default=0, help=errors_help)
    args = parser.parse_args()
    texts = sorted(args.corpus.glob("*.txt"))
    if not texts:
        raise SystemExit(f"no .txt files in {args.corpus}")
    return texts, args.errors


def main() -> None:
    texts, errors = corpus_arguments(__doc__, "print up to N misses and N inventions")
    gold_total = found = exact = ours_total = ours_right = 0
    misses: list[str] = []
    unannotated_kinds: Counter[str] = Counter()
    inventions: list[str] = []
    elapsed = 0.0
    for path in texts:
        text = path.read_text(encoding="utf-8")
        gold = gold_spans(path.with_suffix(".ann"))
        started = time.perf_counter()
        ours = find_dates(text, ANCHOR)
        elapsed += time.perf_counter() - started
        gold_total += len(gold)
        ours_total += len(ours)
        for gs, ge, gt in gold:
            hit = [e for e in ours if e.span[0] < ge and gs < e.span[1]]
            found += bool(hit)
            exact += any(e.span == (gs, ge) for e in hit)
            if not hit:
                misses.append(gt)
        for e in ours:
            if any(e.span[0] < ge and gs < e.span[1] for gs, ge, _ in gold):
                ours_right += 1
            else:
                inventions.append(f"{e.text} ({e.type})")
                unannotated_kinds[e.type] += 1
    recall = found / gold_total
    precision = ours_right / ours_total if ours_total else 0.0
    print(f"NEREL: {len(texts)} articles, {gold_total} DATE/TIME spans (outermost)")
    print(f"recall {found}/{gold_total} = {recall:.1%}, exact spans {exact}/{gold_total} = {exact / gold_total:.1%}")
    print(f"precision {ours_right}/{ours_total} = {precision:.1%} ({ours_total - ours_right} not annotated as dates)")
    # NEREL does not annotate vague words («ранее», «недавно») that our spec keeps on purpose.
    kept = unannotated_kinds["vague"] + unannotated_kinds["set"]
    strict = ours_right / (ours_total - kept) if ours_total - kept else 0.0
    print(f"precision without vague words and recurrences (which NEREL does not mark): {strict:.1%}; "
          f"not annotated by type: {dict(unannotated_kinds)}")
    print(f"tagging time {elapsed:.2f} s for {len(texts)} articles")
    if errors:
        print("misses:", "; ".join(misses[: errors]))
        print("not in gold:", "; ".join(inventions[: errors]))


if __name__ == "__main__":
    main()
