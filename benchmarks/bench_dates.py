"""Temporal expressions: timeline's tagger against dateparser on the gold set.

    python -m benchmarks.bench_dates [--errors] [--repeat N]

For each gold expression (benchmarks/data/dates_gold.jsonl) a tool is right when it
reports an expression overlapping the gold span whose value equals the gold value:
the interval start..end for dates, the ISO value for durations, the type for
recurrences and vague words. "Spurious" counts reported expressions that overlap no
gold span. Speed is sentences per second on one core, the tagger alone.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

from timeline.extract.dates import find_dates

GOLD = Path(__file__).parent / "data" / "dates_gold.jsonl"


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _value(e: dict[str, Any]) -> tuple[Any, ...]:
    if e["type"] == "date":
        return ("date", e["start"], e["end"])
    if e["type"] == "duration":
        return ("duration", e["duration"])
    return (e["type"],)


def timeline_tool(sentence: str, anchor: date) -> list[dict[str, Any]]:
    return [e.to_dict() for e in find_dates(sentence, anchor)]


def dateparser_tool(sentence: str, anchor: date) -> list[dict[str, Any]]:
    """dateparser's search_dates, read as generously as its output allows."""
    from dateparser.search import search_dates

    found = search_dates(
        sentence, languages=["ru"], settings={"RELATIVE_BASE": datetime.combine(anchor, datetime.min.time())}
    ) or []
    results = []
    cursor = 0
    for text, moment in found:
        start = sentence.find(text, cursor)
        if start < 0:
            start = sentence.find(text)
        cursor = max(cursor, start + len(text))
        day = moment.date()
        # dateparser returns one moment; give it the interval its words name.
        has_day = any(ch.isdigit() for ch in text) and not text.strip().isdigit()
        lower = text.lower()
        if has_day or any(w in lower for w in ("вчера", "сегодня", "завтра", "назад", "через")):
            s, e = day, day
        elif any(ch.isdigit() for ch in text):
            s, e = date(day.year, 1, 1), date(day.year, 12, 31)
        else:
            import calendar

            s = date(day.year, day.month, 1)
            e = date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
        results.append({"text": text, "span": [start, start + len(text)], "type": "date", "precision": None,
                        "start": s.isoformat(), "end": e.isoformat(), "duration": None})
    return results


def score(tool: Any, gold: list[dict[str, Any]], show_errors: bool = False) -> dict[str, Any]:
    right = total = spurious = reported = full = 0
    by_type: Counter[str] = Counter()
    right_by_type: Counter[str] = Counter()
    for row in gold:
        anchor = date.fromisoformat(row["anchor"])
        predicted = tool(row["sentence"], anchor)
        reported += len(predicted)
        for g in row["expressions"]:
            total += 1
            by_type[g["type"]] += 1
            gspan = (g["start_offset"], g["end_offset"]) if "start_offset" in g else _span(row["sentence"], g)
            hits = [p for p in predicted if _overlaps(gspan, tuple(p["span"]))]
            if any(_value(p) == _value(g) for p in hits):
                right += 1
                right_by_type[g["type"]] += 1
                full += any(
                    p["text"] == g["text"] and p.get("precision") == g["precision"]
                    and p.get("modifier") == g["modifier"] for p in hits
                )
            elif show_errors:
                got = [(p["text"], _value(p)) for p in hits]
                print(f"  MISS {row['anchor']} «{g['text']}» want {_value(g)} got {got}\n     {row['sentence']}")
        for p in predicted:
            spans = [_span(row["sentence"], g) for g in row["expressions"]]
            if not any(_overlaps(tuple(p["span"]), s) for s in spans):
                spurious += 1
                if show_errors:
                    print(f"  SPURIOUS «{p['text']}» {_value(p)}\n     {row['sentence']}")
    return {
        "expressions": total, "right": right, "full": full, "accuracy": right / total, "reported": reported,
        "spurious": spurious,
        "by_type": {t: f"{right_by_type[t]}/{n}" for t, n in sorted(by_type.items())},
    }


def _span(sentence: str, g: dict[str, Any]) -> tuple[int, int]:
    if isinstance(g.get("start"), int):
        return g["start"], g["end"]
    if "span" in g:
        return tuple(g["span"])  # type: ignore[return-value]
    i = sentence.find(g["text"])
    return (i, i + len(g["text"]))


def speed(tool: Any, gold: list[dict[str, Any]], seconds: float = 3.0) -> float:
    rows = [(r["sentence"], date.fromisoformat(r["anchor"])) for r in gold]
    tool(*rows[0])  # load vocabularies and models outside the clock
    done = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        for sentence, anchor in rows:
            tool(sentence, anchor)
        done += len(rows)
    return done / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print every miss and spurious expression")
    parser.add_argument("--only", choices=["timeline", "dateparser"], help="run one tool")
    parser.add_argument(
        "--set", choices=["dev", "heldout", "both"], default="both",
        help="dev: the set the rules were tuned on; heldout: sentences written without looking at the code",
    )
    args = parser.parse_args()
    sets = {"dev": ["dates_gold.jsonl"], "heldout": ["dates_heldout.jsonl"],
            "both": ["dates_gold.jsonl", "dates_heldout.jsonl"]}[args.set]
    for name in sets:
        run_set(name, args)


def run_set(name: str, args: argparse.Namespace) -> None:
    gold = load_gold(GOLD.parent / name)
    print(f"{name}: {len(gold)} sentences, {sum(len(r['expressions']) for r in gold)} expressions")
    tools = {"timeline": timeline_tool, "dateparser": dateparser_tool}
    for name, tool in tools.items():
        if args.only and name != args.only:
            continue
        result = score(tool, gold, show_errors=args.errors)
        rate = speed(tool, gold, seconds=2.0 if name == "dateparser" else 3.0)
        print(
            f"{name:>10}: exact {result['right']}/{result['expressions']} = {result['accuracy']:.1%}, "
            f"spurious {result['spurious']} of {result['reported']} reported, {rate:,.0f} sentences/s"
        )
        print(
            f"{'':>10}  same span text, precision and modifier too: {result['full']}/{result['expressions']}"
        )
        print(f"{'':>10}  by type: {result['by_type']}")


if __name__ == "__main__":
    main()
