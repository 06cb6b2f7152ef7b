"""Memory of a large import: peak RSS while a big JSON Lines file (default 200 MiB) or a folder
of files is imported, sampled as the input goes by, in a fresh process per run.

    python -m benchmarks.bench_streaming                     # 200 MiB of JSON Lines, light extractor
    python -m benchmarks.bench_streaming --mib 20 --real     # the real extractor (slow: ~100 KiB/s)
    python -m benchmarks.bench_streaming --shape files --mib 200

The light extractor makes one event per paragraph without analysing the text, so the figure is
the reading and storing pipeline's own memory: it must stay flat in the size of the input (an
import that held the input would grow by its size). ``--real`` runs the real extractor, whose
models and bounded caches add a constant. Articles are about 20 KB each, all distinct.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import paragraphs

ARTICLE_PARAGRAPHS = 40  # about 20 KB of text


def write_input(folder: Path, mib: int, shape: str, seed: int = 11) -> tuple[Path, int]:
    """Distinct articles, ``mib`` MiB in all, as one JSON Lines file or one file each."""
    rng = random.Random(seed)
    pool = paragraphs()
    target = mib * 1024 * 1024
    written = count = 0
    out = folder / "input.jsonl" if shape == "jsonl" else folder / "input"
    handle = out.open("w", encoding="utf-8") if shape == "jsonl" else None
    if handle is None:
        out.mkdir()
    try:
        while written < target:
            published = date(2020, 1, 1) + timedelta(days=rng.randrange(0, 2000))
            chosen = [f"{p} ({count}-{k})" for k, p in enumerate(rng.choices(pool, k=ARTICLE_PARAGRAPHS))]
            body = "\n\n".join(chosen)
            if handle is not None:
                line = json.dumps({"published": published.isoformat(), "text": body}, ensure_ascii=False) + "\n"
                handle.write(line)
                written += len(line.encode())
            else:
                content = f"date {published.isoformat()} Статья {count}.\n\n{body}"
                (out / f"{count:06}.txt").write_text(content, encoding="utf-8")
                written += len(content.encode())
            count += 1
    finally:
        if handle is not None:
            handle.close()
    return out, count


_CHILD = """
import resource, sys, time
from datetime import date
from pathlib import Path
from timeline import config, db, ingest
from timeline.extract.types import ActorMention, EvidenceSpan, ExtractedEvent, Interval

def light(text: str, published: date) -> list[ExtractedEvent]:
    events, pos = [], 0
    for para in text.split("\\n\\n")[:5]:
        start = text.index(para, pos)
        pos = start + len(para)
        events.append(ExtractedEvent(
            kind="statement", title=para[:40], status="occurred", when=Interval(published, published, "day"),
            actors=[ActorMention("ТАСС", "org", "reporter")],
            evidence=[EvidenceSpan(para, start, pos)]))
    return events

def rss() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0

url, source, total, real = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
extractor = None if real else light
if real:
    ingest.default_extractor()("Загрузка моделей.", date(2026, 1, 1))  # load before the baseline
engine = db.open_for_write(config.resolve(url))
baseline = rss()
samples = {}
done = 0
def on_result(_):
    global done
    done += 1
    for share in (0.1, 0.25, 0.5, 0.75, 1.0):
        if done == max(1, int(total * share)):
            samples[share] = rss()
t0 = time.perf_counter()
summary = ingest.import_sources(engine, ingest.iter_sources([source], None), extractor, on_result=on_result,
                                 keep_results=False)  # as `timeline import` without --json
elapsed = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{summary.count('imported')} {summary.count('failed')} {elapsed:.1f} {baseline:.0f} {peak:.0f} "
      + " ".join(f"{k}:{v:.0f}" for k, v in sorted(samples.items())))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mib", type=int, default=200, help="input size in MiB (default 200)")
    parser.add_argument("--shape", choices=["jsonl", "files"], default="jsonl")
    parser.add_argument("--real", action="store_true", help="the real extractor instead of the light one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-streaming-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        source, count = write_input(folder, args.mib, args.shape)
        took = time.perf_counter() - t0
        print(f"input: {args.mib} MiB as {args.shape}, {count:,} articles (written in {took:.0f} s)")
        url = f"sqlite:///{folder / 'bench.db'}"
        root = Path(__file__).resolve().parent.parent
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, url, str(source), str(count), "1" if args.real else "0"],
            cwd=root, capture_output=True, text=True, check=True,
        )
        imported, failed, elapsed, baseline, peak, *samples = done.stdout.split()
        print(f"extractor: {'real' if args.real else 'light'}; imported {imported}, failed {failed}, "
              f"in {float(elapsed):.0f} s ({args.mib / float(elapsed):.2f} MiB/s)")
        print(f"RSS before the first article: {baseline} MiB; peak of the whole run: {peak} MiB")
        print("RSS as the input goes by: " + ", ".join(
            f"{float(k) * 100:.0f}%: {v} MiB" for k, v in (s.split(":") for s in samples)
        ))


if __name__ == "__main__":
    main()
