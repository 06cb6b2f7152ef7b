"""Event extraction quality on the hand-written test articles (tests/data/articles).

    python -m benchmarks.bench_events [--errors]

An expected event is found when the extractor reports an event whose evidence sentence
contains the expected `sentence_contains`; among the events of that sentence the one
agreeing best is compared field by field. Precision: the share of reported events whose
sentence holds an expected event.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from timeline.extract.events import extract_events
from timeline.extract.types import ExtractedEvent
from timeline.sources.readers import read_file

ARTICLES = Path(__file__).resolve().parents[1] / "tests" / "data" / "articles"
HELDOUT = ARTICLES.parent / "heldout"
HELDOUT2 = ARTICLES.parent / "heldout2"
HELDOUT3 = ARTICLES.parent / "heldout3"
HELDOUT4 = ARTICLES.parent / "heldout4"
HELDOUT5 = ARTICLES.parent / "heldout5"
HELDOUT6 = ARTICLES.parent / "heldout6"
FIELDS = ("start", "end", "precision", "modifier", "status", "kind", "count", "duration", "place")


def _value(event: ExtractedEvent, field: str) -> Any:
    value = getattr(event, field)
    return value.isoformat() if hasattr(value, "isoformat") else value


def _agreement(event: ExtractedEvent, want: dict[str, Any]) -> int:
    return sum(_value(event, f) == want[f] for f in FIELDS)


def _actors_found(event: ExtractedEvent, want: list[str]) -> tuple[int, int]:
    names = " ".join(a.name for a in event.actors)
    return sum(w in names or w.split()[-1] in names for w in want), len(want)


def evaluate(directory: Path = ARTICLES, show_errors: bool = False) -> dict[str, Any]:
    expected = json.loads((directory / "expected.json").read_text(encoding="utf-8"))
    totals: Counter[str] = Counter()
    elapsed = 0.0
    for name, spec in sorted(expected.items()):
        (source,) = list(read_file(directory / name))
        assert not isinstance(source, Exception), source
        started = time.perf_counter()
        events = extract_events(source.text, source.published)
        elapsed += time.perf_counter() - started
        totals["reported"] += len(events)
        matched_ids: set[int] = set()
        for want in spec["events"]:
            totals["expected"] += 1
            totals["expected_dated"] += want["start"] is not None
            here = [e for e in events if any(want["sentence_contains"] in ev.text for ev in e.evidence)]
            if not here:
                if show_errors:
                    print(f"  MISS {name}: {want['kind']} «{want['sentence_contains']}»")
                continue
            best = max(here, key=lambda e: _agreement(e, want))
            matched_ids.update(id(e) for e in here)
            totals["found"] += 1
            for field in FIELDS:
                ok = _value(best, field) == want[field]
                totals[f"{field}_ok"] += ok
                if not ok and show_errors and field in {"start", "end", "status", "kind"}:
                    print(f"  {field.upper()} {name}: want {want[field]} got {_value(best, field)}"
                          f" «{want['sentence_contains']}»")
            if want["start"] is not None:
                totals["dated_found"] += 1
                totals["date_ok"] += (_value(best, "start"), _value(best, "end")) == (want["start"], want["end"])
            got, n = _actors_found(best, want["actors"])
            totals["actors_ok"] += got
            totals["actors_total"] += n
        extra = [e for e in events if id(e) not in matched_ids]
        totals["spurious"] += len(extra)
        if show_errors:
            for e in extra:
                print(f"  EXTRA {name}: {e.kind} {e.status} {e.start} «{e.evidence[0].text[:70]}»")
    totals["seconds_x1000"] = int(elapsed * 1000)
    return dict(totals) | {"articles": len(expected)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true")
    parser.add_argument(
        "--set", choices=["dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "all"],
        default="all",
        help="dev: tests/data/articles (tuned on); heldout*: written without looking at the code",
    )
    args = parser.parse_args()
    extract_events("Министр встретился с послом.", __import__("datetime").date(2026, 1, 1))  # load models
    folders = {"dev": [ARTICLES], "heldout": [HELDOUT], "heldout2": [HELDOUT2], "heldout3": [HELDOUT3],
               "heldout4": [HELDOUT4], "heldout5": [HELDOUT5], "heldout6": [HELDOUT6],
               "all": [ARTICLES, HELDOUT, HELDOUT2, HELDOUT3, HELDOUT4, HELDOUT5, HELDOUT6]}[args.set]
    for folder in folders:
        print(f"== {folder.relative_to(folder.parents[2])}")
        report(evaluate(folder, show_errors=args.errors))


def report(t: dict[str, Any]) -> None:
    found, expected = t["found"], t["expected"]
    print(f"{t['articles']} articles, {expected} expected events ({t['expected_dated']} dated), "
          f"{t['reported']} reported")
    print(f"event recall   {found}/{expected} = {found / expected:.1%}")
    print(f"precision      {t['reported'] - t['spurious']}/{t['reported']} = "
          f"{(t['reported'] - t['spurious']) / max(1, t['reported']):.1%} (reported events in a sentence holding an "
          "expected one)")
    print(f"date accuracy  {t['date_ok']}/{t['dated_found']} = {t['date_ok'] / max(1, t['dated_found']):.1%} "
          "(exact start..end, of the dated events found)")
    for field in ("precision", "modifier", "status", "kind", "count", "duration", "place"):
        print(f"  {field:<9} {t[f'{field}_ok']}/{found} = {t[f'{field}_ok'] / max(1, found):.1%}")
    print(f"  actors    {t['actors_ok']}/{t['actors_total']} = {t['actors_ok'] / max(1, t['actors_total']):.1%}")
    print(f"extraction {t['articles'] / (t['seconds_x1000'] / 1000):.1f} articles/s")


if __name__ == "__main__":
    main()
