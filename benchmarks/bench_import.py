"""Import throughput: articles/s into SQLite (and PostgreSQL), the share of time in NER,
peak memory, and the --jobs 1 / --jobs 2 ratio.

    python benchmarks/bench_import.py --articles 1000 --repeat 5
    python benchmarks/bench_import.py --articles 400 --jobs 1 2 --postgres postgresql+psycopg://127.0.0.1:5432/test
    python benchmarks/bench_import.py --corpus nerel

The default corpus is synthetic: seed-like articles of 7 paragraphs drawn from the seed and
the test articles, so its vocabulary recurs and the caches of word analyses warm up. ``nerel``
imports the 94 real news texts of NEREL dev once, with cold caches: the harder figure.
Timings on a shared VM vary by ±15% from run to run; ``--repeat`` reports the median and range.

Every run is a fresh process (the models loaded in it, before the clock starts, as any import does),
so no configuration inherits another's warm caches or memory; ``nerel`` runs are cold besides. Memory
is the peak of the whole run — the importer and its workers together, as the proportional set size
(PSS: a page shared by the workers counts once, split between them), sampled every 100 ms from
/proc — beside the importer's own peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_nerel import DEFAULT as NEREL
from benchmarks.corpus import write_corpus
from timeline import config, db, ingest

ner_seconds = 0.0


def instrument_ner() -> None:
    """Time every call into the NER model, however the extractor calls it."""
    from timeline.lang.ru.ner import NewsNER

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


def _tree(pid: int) -> list[int]:
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            found += _tree(int(child))
    return found


def tree_pss_mib() -> float:
    """The proportional set size of this process and its descendants (Linux; 0 elsewhere)."""
    total = 0
    for pid in _tree(os.getpid()):
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue  # a worker that ended meanwhile
    return total / 1024


class PeakSampler:
    """The peak of :func:`tree_pss_mib` while it runs, sampled every 100 ms in a thread."""

    def __init__(self) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, tree_pss_mib())

    def __enter__(self) -> PeakSampler:
        self.peak = tree_pss_mib()
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, tree_pss_mib())


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

    with PeakSampler() as sampler:
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
        "peak_pss": sampler.peak,
        "ner_seconds": ner_seconds,
        **{f"rss@{k}": v for k, v in memory.items()},
    }


def one_run(url: str, corpus: Path, jobs: int, checkpoints: list[int]) -> None:
    """A single configuration in this (fresh) process; its figures as one JSON line on stdout."""
    files = sorted(corpus.glob("*.txt"))
    extract = ingest.default_extractor()  # loaded before the clock, as in any import
    extract("Владимир Путин встретился с Дональдом Трампом в Москве 5 мая.", date(2026, 1, 1))
    instrument_ner()
    print(json.dumps(run(url, files, jobs, checkpoints)), flush=True)


def nerel_corpus(folder: Path) -> list[Path]:
    """NEREL dev's texts as seed-format articles (NEREL gives no dates: one is assumed)."""
    texts = sorted(NEREL.glob("*.txt"))
    if not texts:
        sys.exit(f"no NEREL texts in {NEREL}")
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for path in texts:
        title, _, body = path.read_text(encoding="utf-8").strip().partition("\n")
        target = folder / path.name
        target.write_text(f"date 2020-06-01 {title.strip()}\n\n{body.strip()}", encoding="utf-8")
        files.append(target)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--corpus", choices=["synthetic", "nerel"], default="synthetic")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each configuration (median and range)")
    parser.add_argument("--postgres", help="also import into this PostgreSQL URL (a fresh schema)")
    parser.add_argument("--one", nargs="+", metavar="ARG", help=argparse.SUPPRESS)  # a run in a fresh process
    args = parser.parse_args()
    if args.one:
        url, corpus, jobs, *checkpoints = args.one
        one_run(url, Path(corpus), int(jobs), [int(c) for c in checkpoints])
        return

    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus == "nerel":
            files = nerel_corpus(Path(tmp) / "corpus")
        else:
            files = write_corpus(Path(tmp) / "corpus", args.articles)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in files) / len(files)
        print(f"{len(files)} {args.corpus} articles, {chars:.0f} characters each on average")
        n = len(files)
        checkpoints = [n // 4, n // 2, n]
        engines = [("sqlite", f"sqlite:///{tmp}/bench-{{run}}.db")]
        if args.postgres:
            engines.append(("postgresql", args.postgres))
        run_no = 0
        for name, url_template in engines:
            rates: dict[int, float] = {}
            for jobs in args.jobs:
                runs = []
                for _ in range(args.repeat):
                    global ner_seconds
                    ner_seconds = 0.0
                    run_no += 1
                    schema = None
                    if name == "postgresql":
                        url, schema = postgres_schema_url(url_template)
                    else:
                        url = url_template.format(run=run_no)
                    done = subprocess.run(
                        [sys.executable, __file__, "--one", url, str(files[0].parent), str(jobs),
                         *map(str, checkpoints)], capture_output=True, text=True, check=True,
                    )
                    r = json.loads(done.stdout.strip().splitlines()[-1])
                    ner_seconds = r["ner_seconds"]
                    if schema:
                        drop_schema(url_template, schema)
                    runs.append(r["rate"])
                    line = (
                        f"{name:10} jobs={jobs}: {r['articles']:.0f} articles, {r['events']:.0f} events "
                        f"in {r['seconds']:.1f} s = {r['rate']:.1f} articles/s"
                    )
                    if jobs == 1:
                        line += f"; NER {100 * ner_seconds / r['seconds']:.0f}% of the time"
                        line += "; importer's peak RSS " + ", ".join(
                            f"{r[f'rss@{k}']:.0f} MiB after {k}" for k in checkpoints if f"rss@{k}" in r
                        )
                    line += f"; peak of the whole run (PSS, workers included) {r['peak_pss']:.0f} MiB"
                    print(line, flush=True)
                rates[jobs] = statistics.median(runs)
                if args.repeat > 1:
                    print(f"{name:10} jobs={jobs}: median {rates[jobs]:.1f} articles/s over {args.repeat} runs "
                          f"(range {min(runs):.1f}–{max(runs):.1f})", flush=True)
            if 1 in rates and len(rates) > 1:
                for jobs, rate in rates.items():
                    if jobs != 1:
                        print(f"{name:10} jobs={jobs} / jobs=1 throughput ratio: {rate / rates[1]:.2f}")


if __name__ == "__main__":
    main()
