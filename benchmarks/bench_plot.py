"""The plot's size and render time at 10, 200 and 2,000 events, PNG and SVG.

    python benchmarks/bench_plot.py                  # 10, 200, 2000 events; kind and actor rows
    python benchmarks/bench_plot.py -n 50 -n 5000 --repeat 5

Events are made in memory (no database), shaped as benchmarks/gen_events.py shapes them: mostly
single days, then weeks, months, quarters, halves, seasons, years, ranges, ~5% deadlines and ~2%
undated, every status, 0–2 participants each, published over one year. For each count, format and
grouping it prints the picture's pixel size, its file size and the median render time of
``plot_events`` over the repeats.
"""

from __future__ import annotations

import argparse
import random
import statistics
import struct
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.gen_events import FEMALE_NAMES, FIRST_NAMES, KINDS, LAST_NAMES, PLACE_LOC, PLACES, STATUSES, interval
from benchmarks.gen_events import _shapes as shapes
from timeline.models import Actor, Event, EventActor

FIRST_PUBLISHED = date(2025, 7, 1)
PUBLISHED_DAYS = 365


def make_events(n: int, seed: int = 1) -> list[Event]:
    """``n`` unsaved events with ids 1..n, as the extractor would store them."""
    rng = random.Random(seed)
    people = [f"{f} {ln}" for f in FIRST_NAMES for ln in LAST_NAMES]
    people += [f"{f} {ln}а" for f in FEMALE_NAMES for ln in LAST_NAMES]
    actors = [Actor(id=i + 1, name=name, type="person", key=name.lower()) for i, name in enumerate(people)]
    events: list[Event] = []
    for i, shape in enumerate(shapes(rng, n)):
        dct = FIRST_PUBLISHED + timedelta(days=rng.randrange(PUBLISHED_DAYS))
        iv = interval(rng, shape, dct)
        kind = rng.choice(list(KINDS))
        place = rng.choice(PLACES) if rng.random() < 0.6 else None
        event = Event(
            id=i + 1, article_id=1 + i // 10, kind=kind, title=KINDS[kind] + (f" {PLACE_LOC[place]}" if place else ""),
            status=rng.choice(STATUSES), start=iv.start, end=iv.end, precision=iv.precision, modifier=iv.modifier,
            date_text=iv.date_text, place=place, confidence=0.5,
        )
        for actor in rng.sample(actors, k=rng.choice([0, 1, 1, 2])):
            event.actors.append(EventActor(actor=actor, role="participant"))
        events.append(event)
    return events


def picture_size(path: Path) -> tuple[float, float]:
    """Width and height: pixels from a PNG's header, the root's width and height in an SVG."""
    if path.suffix == ".png":
        width, height = struct.unpack(">II", path.read_bytes()[16:24])
        return float(width), float(height)
    root = ElementTree.parse(path).getroot()
    return float(root.attrib["width"].removesuffix("pt")), float(root.attrib["height"].removesuffix("pt"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--events", type=int, action="append", help="event counts (default 10, 200, 2000)")
    parser.add_argument("--repeat", type=int, default=3, help="renders per case; the median is printed")
    args = parser.parse_args()
    from timeline.output.plot import plot_events  # matplotlib's import is not timed

    print(f"{'events':>7} {'group':>6} {'fmt':>4} {'size':>14} {'bytes':>10} {'median s':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.events or [10, 200, 2000]:
            events = make_events(n)
            for group in ("kind", "actor"):
                for fmt in ("png", "svg"):
                    path = Path(tmp) / f"plot-{n}-{group}.{fmt}"
                    times = []
                    for _ in range(args.repeat):
                        t0 = time.perf_counter()
                        plot_events(events, path, group=group)  # type: ignore[arg-type]
                        times.append(time.perf_counter() - t0)
                    width, height = picture_size(path)
                    unit = "px" if fmt == "png" else "pt"
                    size = f"{width:.0f}×{height:.0f} {unit}"
                    print(f"{n:>7} {group:>6} {fmt:>4} {size:>14} {path.stat().st_size:>10,} "
                          f"{statistics.median(times):>9.2f}")


if __name__ == "__main__":
    main()
