"""The web view at scale: 10,000 events served and shown in headless Chromium.

    python benchmarks/bench_view.py                 # 10,000 events, 5 runs
    python benchmarks/bench_view.py --events 20000 --runs 3

Generates the events once (benchmarks/gen_events.py; a SQLite file in the temporary directory, kept
for the next run), serves them with ``timeline serve``'s server in a thread, and in headless Chromium
measures, median of the runs:

- the page: from navigation start until the timeline has drawn its items and the view is ready
  (the page's own ``performance.now()``), with the server's time to build it and its size;
- a filter: from the change of the kind selector until the timeline has redrawn (the page's own
  clock), for a different kind each run; clearing it again (every item back); a search of two words.

Needs chromium, chromedriver and selenium (``pip install -e '.[test]'``; ``apt-get install chromium
chromium-driver``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_query import count_events
from benchmarks.gen_events import KINDS, generate
from tests.browser import missing_browser, severe, start_chromium, wait_for
from timeline import config, db
from timeline.web.server import make_server, serve_in_thread


def database(n: int) -> str:
    url = config.to_url(str(Path(tempfile.gettempdir()) / f"timeline-bench-view-{n}.db"))
    have = count_events(url)
    if have != n:
        if have:
            Path(url.removeprefix("sqlite:///")).unlink()
        seconds = generate(url, n, quiet=True)
        print(f"generated {n:,} events in {seconds:.1f} s", file=sys.stderr)
    return url


def set_select(driver: Any, element_id: str, value: str) -> None:
    driver.execute_script(
        "const s = document.getElementById(arguments[0]); s.value = arguments[1];"
        "s.dispatchEvent(new Event('change', {bubbles: true}));", element_id, value)


def settled(driver: Any) -> bool:
    return driver.execute_script("return document.body.dataset.busy === '0'")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    why = missing_browser()
    if why:
        raise SystemExit(why)
    url = database(args.events)
    engine = db.open_for_read(config.resolve(url))
    server = make_server(engine, "127.0.0.1", 0)
    serve_in_thread(server)
    driver = start_chromium()
    page_ms: list[float] = []
    build_ms: list[float] = []
    filter_ms: list[float] = []
    search_ms: list[float] = []
    clear_ms: list[float] = []
    phases: list[dict[str, float]] = []
    kinds = list(KINDS)
    try:
        t0 = time.perf_counter()
        body = urllib.request.urlopen(server.url, timeout=120).read()
        build_ms.append((time.perf_counter() - t0) * 1000)
        for run in range(args.runs):
            t0 = time.perf_counter()
            urllib.request.urlopen(server.url, timeout=120).read()
            build_ms.append((time.perf_counter() - t0) * 1000)
            driver.get("about:blank")
            driver.get(server.url)
            wait_for(lambda: driver.execute_script("return document.body.dataset.ready === '1'"), 300, "the page")
            page_ms.append(driver.execute_script("return timelineView.readyMs"))
            phases.append(driver.execute_script("return timelineView.phases"))
            if run == 0:
                shown = driver.execute_script("return [timelineView.shownEvents, timelineView.shownItems]")
            set_select(driver, "f-kind", kinds[run % len(kinds)])
            wait_for(lambda: settled(driver), 300, "the filter")
            filter_ms.append(driver.execute_script("return timelineView.lastFilterMs"))
            set_select(driver, "f-kind", "")
            wait_for(lambda: settled(driver), 300, "the filter cleared")
            clear_ms.append(driver.execute_script("return timelineView.lastFilterMs"))
            driver.execute_script(
                "const q = document.getElementById('f-q'); q.value = arguments[0];"
                "q.form.requestSubmit();", "саммит москве")
            wait_for(lambda: settled(driver), 300, "the search")
            search_ms.append(driver.execute_script("return timelineView.lastFilterMs"))
        errors = severe(driver)
    finally:
        driver.quit()
        server.shutdown()
        server.server_close()
        engine.dispose()

    def med(values: list[float]) -> str:
        return f"{statistics.median(values):,.0f} ms (min {min(values):,.0f}, max {max(values):,.0f})"

    print(f"timeline serve, {args.events:,} events ({shown[0]:,} dated, {shown[1]:,} items); "
          f"median of {args.runs} runs, headless Chromium")
    print(f"  page built by the server (GET /, {len(body) / 1e6:.1f} MB): {med(build_ms)}")
    print(f"  navigation start to items drawn:         {med(page_ms)}")
    steps = [("parse", "script", "parsed"), ("index", "parsed", "indexed"), ("lanes", "indexed", "lanes"),
             ("vis.Timeline", "lanes", "timeline"), ("first draw", "timeline", "drawn")]
    split = ", ".join(f"{name} {statistics.median(p[b] - p[a] for p in phases):,.0f}" for name, a, b in steps)
    print(f"    of which in the page (ms): {split}")
    print(f"  a kind filter applied and redrawn:       {med(filter_ms)}")
    print(f"  the filter cleared (every item again):   {med(clear_ms)}")
    print(f"  a search (server's lemma index + page):  {med(search_ms)}")
    print(f"  console errors: {len(errors)}")
    print(f"command: python benchmarks/bench_view.py --events {args.events} --runs {args.runs}")


if __name__ == "__main__":
    main()
