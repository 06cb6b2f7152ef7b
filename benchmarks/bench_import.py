"""Import throughput: articles/s into SQLite (and PostgreSQL), the share of time in NER,
peak memory, and the --jobs 1 / --jobs 2 ratio.

    python benchmarks/bench_import.py --articles 1000
    python benchmarks/bench_import.py --articles 400 --jobs 1 2 --postgres postgresql+psycopg://127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import write_corpus
from timeline import config, db, ingest

ner_seconds = 0.0


def instrument_ner() -> None:
    """Time every call into the NER model, however the extractor calls it."""
    from timeline.extract.ner import NewsNER

    original = NewsNER.__call__

    def timed(self, text):  # type: ignore[no-untyped-def]
        global ner_seconds
        t0 = time.perf_counter()
        result = original(self, text)
        ner_seconds += time.perf_counter() - t0
        return result

    NewsNER.__call__ = timed  # type: ignore[method-assign]


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def postgres_schema_url(base: str) -> tuple[str, str]:
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with create_engine(base, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    return f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}", schema


def drop_schema(base: str, schema: str) -> None:
    with create_engine(base, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


def run(url: str, files: list[Path], jobs: int, checkpoints: list[int]) -> dict[str, float]:
    engine = db.open_for_write(config.resolve(url))
    done = 0
    memory: dict[int, float] = {}

    def on_result(_: ingest.FileResult) -> None:
        nonlocal done
        done += 1
        if done in checkpoints:
            memory[done] = rss_mib()

    t0 = time.perf_counter()
    summary = ingest.import_sources(engine, ingest.iter_sources(files, None), on_result=on_result, jobs=jobs)
    elapsed = time.perf_counter() - t0
    engine.dispose()
    assert not summary.failed, summary.to_dict()["errors"]
    return {
        "articles": summary.count("imported"),
        "events": summary.events,
        "seconds": elapsed,
        "rate": summary.count("imported") / elapsed,
        **{f"rss@{k}": v for k, v in memory.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1])
    parser.add_argument("--postgres", help="also import into this PostgreSQL URL (a fresh schema)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        files = write_corpus(Path(tmp) / "corpus", args.articles)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in files) / len(files)
        print(f"{len(files)} articles, {chars:.0f} characters each on average")
        # Load the models before timing: that is a one-off cost per process, not per article.
        extract = ingest.default_extractor()
        extract(files[0].read_text(encoding="utf-8"), date(2026, 1, 1))
        instrument_ner()
        checkpoints = [args.articles // 4, args.articles // 2, args.articles]
        engines = [("sqlite", f"sqlite:///{tmp}/bench-{{jobs}}.db")]
        if args.postgres:
            engines.append(("postgresql", args.postgres))
        for name, url_template in engines:
            rates = {}
            for jobs in args.jobs:
                global ner_seconds
                ner_seconds = 0.0
                schema = None
                if name == "postgresql":
                    url, schema = postgres_schema_url(url_template)
                else:
                    url = url_template.format(jobs=jobs)
                r = run(url, files, jobs, checkpoints)
                if schema:
                    drop_schema(url_template, schema)
                rates[jobs] = r["rate"]
                line = (
                    f"{name:10} jobs={jobs}: {r['articles']:.0f} articles, {r['events']:.0f} events "
                    f"in {r['seconds']:.1f} s = {r['rate']:.1f} articles/s"
                )
                if jobs == 1:
                    line += f"; NER {100 * ner_seconds / r['seconds']:.0f}% of the time"
                    line += "; peak RSS " + ", ".join(
                        f"{r[f'rss@{k}']:.0f} MiB after {k}" for k in checkpoints if f"rss@{k}" in r
                    )
                print(line, flush=True)
            if 1 in rates and len(rates) > 1:
                for jobs, rate in rates.items():
                    if jobs != 1:
                        print(f"{name:10} jobs={jobs} / jobs=1 throughput ratio: {rate / rates[1]:.2f}")


if __name__ == "__main__":
    main()
