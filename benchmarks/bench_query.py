"""Query latency at scale: a one-month --from/--to window over random months.

    python benchmarks/bench_query.py                       # SQLite, 1,000,000 events
    python benchmarks/bench_query.py --postgres postgresql+psycopg://127.0.0.1:5432/test
    python benchmarks/bench_query.py --events 100000 --queries 100 --no-sqlite --postgres URL

For each engine: (a) the ids of the matching events, through the span-class index form
and through the naive ``start <= :to AND end >= :from``; (b) the first page of 100 full
events (actors, evidence, articles) through ``find_events``. Median and p95 over the
queries, warm cache, garbage collector frozen after imports. The database is generated
once (benchmarks/gen_events.py) and reused: a SQLite file in the temporary directory, a
schema ``bench_events_<N>`` on PostgreSQL.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.gen_events import generate
from timeline import config, db
from timeline.query import EventQuery, find_events, matching_ids, parse_period

TARGET_IDS_MS = 5.0
TARGET_SPEEDUP = 10.0
TARGET_PAGE_MS = 25.0


def months(n: int, seed: int) -> list[tuple[date, date]]:
    rng = random.Random(seed)
    return [parse_period(f"{rng.randint(1950, 2030)}-{rng.randint(1, 12):02}", "month") for _ in range(n)]


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn()
    return (time.perf_counter() - t0) * 1000, result


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def count_events(url: str) -> int:
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT COUNT(*) FROM events")).scalar() or 0
    except Exception:  # no table yet
        return 0
    finally:
        engine.dispose()


def sqlite_url(path: str | None, n: int) -> str:
    file = Path(path) if path else Path(tempfile.gettempdir()) / f"timeline-bench-{n}.db"
    return config.to_url(str(file))


def postgres_url(base: str, n: int) -> str:
    """A schema of its own for the benchmark data, made once and kept for the next run."""
    schema = f"bench_events_{n}"
    with create_engine(base, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    return f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"


def ensure_data(url: str, n: int, fresh: bool, console: Console) -> None:
    have = count_events(url)
    if have == n and not fresh:
        return
    if have:
        engine = db.make_engine(url)
        db.downgrade(engine, "base")
        engine.dispose()
        path = config.DatabaseLocation(url, "benchmark").sqlite_path
        if path is not None:
            path.unlink()
    console.print(f"generating {n:,} events into {url} …")
    seconds = generate(url, n, quiet=True)
    console.print(f"generated in {seconds:.0f} s")


def bench(url: str, queries: int, seed: int) -> dict[str, list[float]]:
    """Each kind of query over the same months, one kind after the other (so one kind's
    scans do not evict what the next one needs); the fast and naive ids are compared."""
    engine = db.open_for_read(config.DatabaseLocation(url, "benchmark"))
    windows = [EventQuery(start=first, end=last) for first, last in months(queries, seed)]
    pages = [EventQuery(start=q.start, end=q.end, limit=100) for q in windows]
    times: dict[str, list[float]] = {"fast": [], "naive": [], "page": [], "rows": []}
    found: dict[str, list[set[int]]] = {"fast": [], "naive": []}
    # The long-lived objects of imports and warm-up go to the permanent generation: else
    # a full garbage collection (30-60 ms with SQLAlchemy loaded) lands in some query's
    # time, which a one-shot `timeline events` process would not see.
    gc.collect()
    gc.freeze()
    with db.session_scope(engine) as session:
        for kind, naive in (("fast", False), ("naive", True)):
            for q in windows[:20]:  # warm up the caches and the prepared statements
                matching_ids(session, q, naive=naive)
            for q in windows:
                ms, ids = timed(lambda q=q, naive=naive: matching_ids(session, q, naive=naive))  # type: ignore[misc]
                times[kind].append(ms)
                found[kind].append(set(ids))  # type: ignore[arg-type]
        assert found["fast"] == found["naive"], "the index form and the naive form disagree"
        times["rows"] = [float(len(ids)) for ids in found["fast"]]
        for q in pages[:20]:
            find_events(session, q)
            session.expunge_all()
        for q in pages:
            ms, _ = timed(lambda q=q: find_events(session, q))  # type: ignore[misc]
            times["page"].append(ms)
            session.expunge_all()  # every page loads afresh, as a new command would
    engine.dispose()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--sqlite", metavar="PATH", help="SQLite file (default: in the temporary directory)")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--postgres", metavar="URL", help="PostgreSQL URL; a schema bench_events_N is used")
    parser.add_argument("--fresh", action="store_true", help="regenerate the data even if present")
    args = parser.parse_args()
    console = Console()
    targets: list[tuple[str, str]] = []
    if not args.no_sqlite:
        targets.append(("SQLite", sqlite_url(args.sqlite, args.events)))
    if args.postgres:
        targets.append(("PostgreSQL", postgres_url(config.to_url(args.postgres), args.events)))

    table = Table(title=f"one-month window, {args.events:,} events, {args.queries} random months (ms)")
    for column in ("engine", "query", "median", "p95", "target", "ok"):
        table.add_column(column, justify="left" if column in ("engine", "query") else "right")
    for name, url in targets:
        ensure_data(url, args.events, args.fresh, console)
        t = bench(url, args.queries, args.seed)
        fast, naive, page = (statistics.median(t[k]) for k in ("fast", "naive", "page"))
        speedup = naive / fast
        rows = statistics.median(t["rows"])
        table.add_row(name, f"(a) ids, span-class index ({rows:.0f} rows)", f"{fast:.2f}", f"{p95(t['fast']):.2f}",
                      f"≤ {TARGET_IDS_MS:g}", "yes" if fast <= TARGET_IDS_MS else "NO")
        table.add_row(name, "(a) ids, naive", f"{naive:.2f}", f"{p95(t['naive']):.2f}",
                      f"≥ {TARGET_SPEEDUP:g}× slower", f"{speedup:.0f}×" + ("" if speedup >= TARGET_SPEEDUP else " NO"))
        table.add_row(name, "(b) first 100 full events", f"{page:.2f}", f"{p95(t['page']):.2f}",
                      f"≤ {TARGET_PAGE_MS:g}", "yes" if page <= TARGET_PAGE_MS else "NO")
    console.print(table)


if __name__ == "__main__":
    main()
