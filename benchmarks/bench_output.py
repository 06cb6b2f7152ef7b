"""`timeline events` end to end, against `sqlite-utils query` printing the same rows: the time to the
first line of a one-month window (which must not grow with the database) and to the whole output.

    python benchmarks/bench_output.py                       # 10k and 1M events (1M takes minutes to build)
    python benchmarks/bench_output.py --sizes 10000 100000 --runs 5

Each command is a fresh process, as a user runs it; medians over ``--runs`` random months. The
databases are generated once (benchmarks/gen_events.py) and kept in the temporary directory.
sqlite-utils is looked for on PATH (``pip install sqlite-utils`` anywhere).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.gen_events import generate

SAME_ROWS = (
    "SELECT e.id, e.kind, e.title, e.status, e.start_date, e.end_date, e.place FROM events e "
    "WHERE e.start_date <= :to AND e.end_date >= :from ORDER BY e.start_date, e.end_date, e.id"
)


def _database(n: int) -> Path:
    path = Path(tempfile.gettempdir()) / f"timeline-bench-output-{n}.db"
    if not path.exists():
        print(f"generating {n:,} events into {path} …", file=sys.stderr)
        generate(f"sqlite:///{path}", n, quiet=True)
    return path


def _first_line(command: list[str]) -> tuple[float, float]:
    """Seconds to the first line of output and to the end of it."""
    start = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as process:
        assert process.stdout is not None
        process.stdout.readline()
        first = time.perf_counter() - start
        process.stdout.read()
    return first, time.perf_counter() - start


def _months(path: Path, runs: int, seed: int) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as c:
        low, high = c.execute("SELECT min(start_date), max(start_date) FROM events").fetchone()
    rng = random.Random(seed)
    years = list(range(int(low[:4]) + 1, int(high[:4])))
    months = []
    for _ in range(runs):
        y, m = rng.choice(years), rng.randint(1, 12)
        last = (28 if m == 2 else 30 if m in (4, 6, 9, 11) else 31)
        months.append((f"{y}-{m:02d}-01", f"{y}-{m:02d}-{last}"))
    return months


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sqlite-utils", default=shutil.which("sqlite-utils"))
    args = parser.parse_args()
    timeline = [sys.executable, "-m", "timeline"]
    for n in args.sizes:
        path = _database(n)
        months = _months(path, args.runs, seed=n)
        rows = {}
        with sqlite3.connect(path) as c:
            rows = {m: c.execute(SAME_ROWS.replace(":to", "?").replace(":from", "?"), (m[1], m[0])).fetchall()
                    for m in months}
        results: dict[str, list[float]] = {}
        for first, last in months:
            for fmt in ("jsonl", "json", "tsv"):
                cmd = [*timeline, "events", "--from", first, "--to", last, "--format", fmt, "--db", str(path)]
                to_first, whole = _first_line(cmd)
                results.setdefault(f"timeline {fmt}: first line", []).append(to_first)
                results.setdefault(f"timeline {fmt}: whole", []).append(whole)
            if args.sqlite_utils:
                sql = SAME_ROWS.replace(":to", f"'{last}'").replace(":from", f"'{first}'")
                for flag, name in (("--nl", "jsonl"), ("--csv", "csv"), ("", "json")):
                    cmd = [args.sqlite_utils, "query", str(path), sql, *([flag] if flag else [])]
                    _, whole = _first_line(cmd)
                    results.setdefault(f"sqlite-utils {name}: whole", []).append(whole)
        per_window = statistics.median(len(r) for r in rows.values())
        print(f"\n{n:,} events, one-month windows of about {per_window:,.0f} events, medians of {args.runs}:")
        for name, times in results.items():
            print(f"  {name:32} {statistics.median(times) * 1000:8.0f} ms")
        if args.sqlite_utils:
            for fmt, reference in (("jsonl", "jsonl"), ("json", "json"), ("tsv", "csv")):
                ours = statistics.median(results[f"timeline {fmt}: whole"])
                theirs = statistics.median(results[f"sqlite-utils {reference}: whole"])
                print(f"  timeline {fmt} / sqlite-utils {reference}: {ours / theirs:.2f}×")


if __name__ == "__main__":
    main()
