"""How long a command takes before it does anything: `timeline --help` against `sqlite-utils --help`
and a bare interpreter, each a fresh process, medians of several runs measured in one session (the
machine may be shared: the ratios matter).

    python benchmarks/bench_startup.py [--runs 15] [--sqlite-utils PATH]

sqlite-utils is looked for on PATH (``pip install sqlite-utils`` anywhere); without it only the
interpreter is the reference.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _median_seconds(command: list[str], runs: int) -> float:
    subprocess.run(command, capture_output=True, check=False)  # warm the file cache first
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--sqlite-utils", default=shutil.which("sqlite-utils"))
    args = parser.parse_args()
    timeline = str(Path(sys.executable).with_name("timeline"))
    timeline_cmd = [timeline] if Path(timeline).exists() else [sys.executable, "-m", "timeline"]
    rows = [("python -c pass", [sys.executable, "-c", "pass"])]
    if args.sqlite_utils:
        rows.append(("sqlite-utils --help", [args.sqlite_utils, "--help"]))
    rows += [
        ("timeline --help", [*timeline_cmd, "--help"]),
        ("timeline events --help", [*timeline_cmd, "events", "--help"]),
        ("timeline kinds", [*timeline_cmd, "kinds"]),
    ]
    results = {name: _median_seconds(cmd, args.runs) for name, cmd in rows}
    reference = results.get("sqlite-utils --help")
    for name, seconds in results.items():
        ratio = f"  {seconds / reference:.2f}× sqlite-utils --help" if reference else ""
        print(f"{name:28} {seconds * 1000:7.0f} ms{ratio}")


if __name__ == "__main__":
    main()
