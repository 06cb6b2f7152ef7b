"""The web view: `timeline serve` and `events --format html`, in headless Chromium and over plain HTTP.

The browser tests need chromium, chromedriver and selenium (tests/browser.py): skipped without
them, failed without them under TIMELINE_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.browser import chromium, severe, wait_for  # noqa: F401  # chromium: the fixture
from tests.conftest import ROOT, invoke
from tests.sample_events import EVENTS, Sample, populate
from timeline import db
from timeline.models import Actor, Event, EventActor
from timeline.web.page import paragraph, script_json

DATED = {name: spec for name, spec in EVENTS.items() if spec.start is not None}
HOSTILE = '</script><script>window.pwned=1</script><img src=x onerror="window.pwned=2"> & <b>bold</b>'
SOURCE_URL = "https://example.org/news/a1?x=1&y=2"


def edit(url: str, change: Callable[[Any], None]) -> None:
    engine = db.make_engine(url)
    with db.session_scope(engine, write=True) as session:
        change(session)
    engine.dispose()


@pytest.fixture
def sample(sqlite_url: str) -> Sample:
    found = populate(sqlite_url)

    def web_source(session: Any) -> None:
        event = session.get(Event, found.events["day"])
        event.article.source = SOURCE_URL

    edit(sqlite_url, web_source)
    return found


@pytest.fixture
def hostile(sqlite_url: str) -> Sample:
    """The sample with markup in every article-derived string of one event."""
    found = populate(sqlite_url)

    def poison(session: Any) -> None:
        event = session.get(Event, found.events["day"])
        mention = event.mentions[0]
        article = event.article
        article.text = article.text.replace(mention.sentence, HOSTILE)
        mention.start = article.text.index(HOSTILE)
        mention.end = mention.start + len(HOSTILE)
        mention.sentence = HOSTILE
        event.title = HOSTILE
        event.place = HOSTILE
        event.date_text = HOSTILE
        article.title = HOSTILE
        article.source = f"javascript:window.pwned=3//{HOSTILE}"
        session.add(Actor(name=HOSTILE, type="person", key="x"))
        session.flush()
        actor = session.query(Actor).filter_by(name=HOSTILE).one()
        event.actors.append(EventActor(actor=actor, role="participant"))

    edit(sqlite_url, poison)
    return found


class Served:
    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self.process = process
        self.url = url

    def get(self, path: str, host: str | None = None) -> tuple[int, str, dict[str, str]]:
        request = urllib.request.Request(self.url + path.lstrip("/"), headers={"Host": host} if host else {})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode("utf-8"), dict(response.headers)
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8"), dict(exc.headers)


def start_serving(url: str) -> Iterator[Served]:
    """`timeline serve --port 0` in a process of its own; the URL it prints on stdout."""
    process = subprocess.Popen(
        [sys.executable, "-m", "timeline", "serve", "--db", url, "--port", "0"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        assert line.startswith("http://127.0.0.1:"), (line, process.stderr.read() if process.stderr else "")
        yield Served(process, line)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def served(sample: Sample) -> Iterator[Served]:
    yield from start_serving(sample.url)


# ---------------------------------------------------------------- the browser, step by step


def load(driver: Any, url: str) -> None:
    driver.get(url)
    wait_for(lambda: driver.execute_script("return document.body.dataset.ready === '1'"), what="the page")
    settle(driver)


def settle(driver: Any) -> None:
    wait_for(lambda: driver.execute_script("return document.body.dataset.busy === '0'"), what="a redraw")


def item_ids(driver: Any) -> list[int]:
    """The events whose items the timeline has drawn."""
    return driver.execute_script(
        "return [...document.querySelectorAll('#timeline .vis-foreground .tl-title[data-event]')]"
        ".map((n) => Number(n.dataset.event))"
    )


def count_text(driver: Any) -> str:
    return driver.find_element("id", "count").text


def choose(driver: Any, select_id: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", select_id)).select_by_value(value)


def query_of(driver: Any) -> dict[str, list[str]]:
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(driver.current_url).query)


def click_item(driver: Any, event_id: int) -> None:
    driver.find_element("css selector", f'#timeline .tl-title[data-event="{event_id}"]').click()
    wait_for(lambda: driver.execute_script(
        "const p = document.getElementById('panel');"
        f"return !p.hidden && p.dataset.event === '{event_id}' && !!p.querySelector('h2')"
    ), what="the side panel")


def no_console_errors(driver: Any) -> None:
    errors = severe(driver)
    assert not errors, errors


def test_serve_page_filters_url_and_panel(chromium: Any, served: Served, sample: Sample) -> None:  # noqa: F811
    driver = chromium
    severe(driver)  # what an earlier test left in the log
    load(driver, served.url)
    no_console_errors(driver)
    assert sorted(item_ids(driver)) == sorted(sample.events[n] for n in DATED)
    assert count_text(driver).startswith(f"{len(DATED)} of {len(DATED)} dated events shown")

    # A kind through its selector: the items, the count and the URL follow.
    choose(driver, "f-kind", "meeting")
    wait_for(lambda: count_text(driver).startswith("1 of 8"), what="the kind filter")
    settle(driver)
    assert item_ids(driver) == [sample.events["day"]]
    assert query_of(driver) == {"kind": ["meeting"]}

    # A word in another form than the text's: the server's lemma index finds it («саммита» → Саммит).
    choose(driver, "f-kind", "")
    wait_for(lambda: count_text(driver).startswith("8 of 8"), what="the kind filter cleared")
    driver.find_element("id", "f-q").send_keys("саммита")
    wait_for(lambda: count_text(driver).startswith("1 of 8"), what="the search")
    settle(driver)
    assert item_ids(driver) == [sample.events["month"]]
    assert query_of(driver) == {"q": ["саммита"]}

    # A window and lanes by actor, reloaded from the URL alone.
    driver.find_element("id", "f-q").clear()
    driver.find_element("id", "f-from").send_keys("2026-01")
    driver.find_element("id", "f-to").send_keys("2026-01")
    choose(driver, "f-lanes", "actor")
    in_january = {n for n, s in DATED.items() if s.start <= date(2026, 1, 31) and s.end >= date(2026, 1, 1)}
    wait_for(lambda: count_text(driver).startswith(f"{len(in_january)} of 8"), what="the window")
    settle(driver)
    assert query_of(driver) == {"from": ["2026-01"], "to": ["2026-01"], "lanes": ["actor"]}
    shown = sorted(set(item_ids(driver)))
    assert shown == sorted(sample.events[n] for n in in_january)
    url = driver.current_url
    driver.get("about:blank")
    load(driver, url)
    assert sorted(set(item_ids(driver))) == shown
    assert driver.find_element("id", "f-from").get_attribute("value") == "2026-01"
    assert driver.find_element("id", "f-lanes").get_attribute("value") == "actor"
    lanes = driver.execute_script("return [...document.querySelectorAll('#timeline .tl-lane')].map(n => n.textContent)")
    assert "Владимир Путин" in lanes and "Си Цзиньпин" in lanes

    # An item opens its event: fields, history, every source with its sentence marked in its paragraph.
    day_id = sample.events["day"]
    click_item(driver, day_id)
    panel = driver.find_element("id", "panel")
    assert panel.find_element("css selector", "h2").text == EVENTS["day"].title
    assert "meeting" in panel.text and "occurred" in panel.text
    assert panel.find_elements("css selector", "ol.history li")
    sources = panel.find_elements("css selector", ".source")
    assert len(sources) == 1
    mark = sources[0].find_element("css selector", "mark")
    assert mark.text == EVENTS["day"].sentence
    context = sources[0].find_element("css selector", ".context").text
    assert context != mark.text and EVENTS["deadline"].sentence in context  # the paragraph around it
    link = sources[0].find_element("css selector", ".where a")
    assert link.get_attribute("href") == SOURCE_URL
    assert query_of(driver)["event"] == [str(day_id)]
    no_console_errors(driver)


def test_exported_html_opens_offline(chromium: Any, runner: CliRunner, sample: Sample, tmp_path: Path) -> None:  # noqa: F811
    driver = chromium
    severe(driver)
    result = invoke(runner, "events", "--db", sample.url, "--format", "html")
    assert result.exit_code == 0, result.output
    page = tmp_path / "story.html"
    page.write_text(result.stdout, encoding="utf-8")
    assert "http://" not in result.stdout.split('id="timeline-data"')[0]  # nothing to fetch from anywhere
    load(driver, page.as_uri())
    no_console_errors(driver)
    assert sorted(item_ids(driver)) == sorted(sample.events[n] for n in DATED)
    choose(driver, "f-status", "planned")
    planned = [n for n, s in DATED.items() if s.status == "planned"]
    wait_for(lambda: count_text(driver).startswith(f"{len(planned)} of 8"), what="the status filter")
    settle(driver)
    assert sorted(item_ids(driver)) == sorted(sample.events[n] for n in planned)
    click_item(driver, sample.events["deadline"])  # its sources are in the file
    assert driver.find_element("css selector", "#panel mark").text == EVENTS["deadline"].sentence
    no_console_errors(driver)


def test_layout_by_boxes_not_pixels(chromium: Any, served: Served, sample: Sample, tmp_path: Path) -> None:  # noqa: F811
    driver = chromium
    severe(driver)
    load(driver, served.url)
    driver.save_screenshot(str(tmp_path / "timeline.png"))
    assert (tmp_path / "timeline.png").stat().st_size > 1000
    boxes = driver.execute_script("""
        const box = (n) => { const r = n.getBoundingClientRect();
                             return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
        const items = {};
        for (const t of document.querySelectorAll('#timeline .vis-foreground .tl-title[data-event]')) {
            const item = t.closest('.vis-item');
            const dot = item.querySelector('.vis-dot');
            // Where its date is: a range's left edge, a point's dot's centre.
            const at = dot ? (box(dot).left + box(dot).right) / 2 : box(item).left;
            items[t.dataset.event] = {...box(item), start: at};
        }
        const lanes = [...document.querySelectorAll('#timeline .vis-labelset .vis-label')]
            .map((n) => ({name: n.textContent, ...box(n)}));
        return {items, lanes, center: box(document.querySelector('#timeline .vis-panel.vis-center')),
                timeline: box(document.querySelector('#timeline .vis-timeline'))};
    """)
    items = {int(k): v for k, v in boxes["items"].items()}
    assert len(items) == len(DATED)
    center = boxes["center"]
    for b in items.values():
        assert center["left"] - 1 <= b["start"] <= center["right"] + 1
        assert center["top"] - 1 <= b["top"] and b["bottom"] <= center["bottom"] + 1
    # Earlier starts lie further left.
    by_start = sorted(DATED, key=lambda n: DATED[n].start)  # type: ignore[arg-type, return-value]
    for earlier, later in itertools.pairwise(by_start):
        a, b = items[sample.events[earlier]], items[sample.events[later]]
        if DATED[earlier].start < DATED[later].start:  # type: ignore[operator]
            assert a["start"] < b["start"], (earlier, later)
    # Lanes (kinds here) top to bottom by their first event, and each item inside its own lane.
    expected = sorted({s.kind: s.start for s in DATED.values()}.items(), key=lambda kv: (kv[1], kv[0]))
    lanes = boxes["lanes"]
    assert [lane["name"] for lane in lanes] == [kind for kind, _ in expected]
    assert all(a["bottom"] <= b["top"] + 1 for a, b in itertools.pairwise(lanes))
    for name, spec in DATED.items():
        lane = next(lane for lane in lanes if lane["name"] == spec.kind)
        middle = (items[sample.events[name]]["top"] + items[sample.events[name]]["bottom"]) / 2
        assert lane["top"] <= middle <= lane["bottom"], name
    no_console_errors(driver)


@pytest.mark.parametrize("how", ["served", "file"])
def test_article_markup_stays_text(chromium: Any, runner: CliRunner, hostile: Sample, tmp_path: Path,  # noqa: F811
                                   how: str) -> None:
    driver = chromium
    severe(driver)
    if how == "file":
        result = invoke(runner, "events", "--db", hostile.url, "--format", "html")
        page = tmp_path / "story.html"
        page.write_text(result.stdout, encoding="utf-8")
        url, stop = page.as_uri(), None
    else:
        serving = start_serving(hostile.url)
        url, stop = next(serving).url, serving
    try:
        load(driver, url)
        event_id = hostile.events["day"]
        assert driver.execute_script("return typeof window.pwned") == "undefined"
        title = driver.find_element("css selector", f'#timeline .tl-title[data-event="{event_id}"]')
        assert title.get_attribute("textContent") == HOSTILE
        # The hostile place is an option's text and value, no more.
        driver.execute_script("const s = document.getElementById('f-place'); s.value = arguments[0];"
                              "s.dispatchEvent(new Event('change', {bubbles: true}));", HOSTILE)
        assert driver.find_element("id", "f-place").get_attribute("value") == HOSTILE
        wait_for(lambda: count_text(driver).startswith("1 of 8"), what="the place filter")
        click_item(driver, event_id)
        panel = driver.find_element("id", "panel")
        assert panel.find_element("css selector", "h2").get_attribute("textContent") == HOSTILE
        assert panel.find_element("css selector", "mark").get_attribute("textContent") == HOSTILE
        assert not panel.find_elements("css selector", ".where a")  # a javascript: source is no link
        markup = "img, b, script:not([src]):not([type='application/json'])"
        assert driver.execute_script(f'return document.querySelectorAll("{markup}").length') == (
            0 if how == "served" else 2  # the file's own two inline scripts (vis-timeline, the view)
        )
        assert driver.execute_script("return typeof window.pwned") == "undefined"
        no_console_errors(driver)
    finally:
        if stop is not None:
            stop.close()


# ---------------------------------------------------------------- without a browser


def test_script_json_cannot_close_its_element() -> None:
    text = script_json({"t": "</script><!-- & \u2028\u2029 <b>"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"t": "</script><!-- & \u2028\u2029 <b>"}


def test_paragraph_around_the_sentence() -> None:
    text = "Title\n\nFirst para. The sentence. After it.\n \nNext para."
    start = text.index("The sentence.")
    assert paragraph(text, start, start + len("The sentence.")) == ("First para. ", "The sentence.", " After it.")
    long = "x" * 5000 + " S. " + "y" * 5000
    before, cited, after = paragraph(long, 5001, 5003)
    assert cited == "S." and before.startswith("…") and after.endswith("…") and len(before) < 1300


def test_html_export_escapes_the_data(runner: CliRunner, hostile: Sample) -> None:
    result = invoke(runner, "events", "--db", hostile.url, "--format", "html")
    assert result.exit_code == 0
    data = result.stdout.split('<script type="application/json" id="timeline-data">')[1].split("</script>")[0]
    assert "<" not in data and ">" not in data  # so the data ends where the page says
    assert json.loads(data)["items"][0]["title"]
    assert "window.pwned=1</script>" not in result.stdout


def test_api(served: Served, sample: Sample) -> None:
    status, body, headers = served.get("/api/events?kind=summit")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert [e["id"] for e in json.loads(body)] == [sample.events["month"]]
    # the Russian word as on the command line («саммит»), and an unknown one refused
    status, body, _ = served.get("/api/events?kind=%D1%81%D0%B0%D0%BC%D0%BC%D0%B8%D1%82")
    assert status == 200 and [e["id"] for e in json.loads(body)] == [sample.events["month"]]
    assert served.get("/api/events?kind=nonsense")[0] == 400
    status, body, _ = served.get("/api/events?from=2026-01&to=2026-01&limit=2")
    assert status == 200 and len(json.loads(body)) == 2
    status, body, _ = served.get("/api/ids?search=%D0%BF%D0%B5%D1%80%D0%B5%D0%B3%D0%BE%D0%B2%D0%BE%D1%80%D0%B0%D0%BC")
    assert json.loads(body) == {"ids": sorted([sample.events["day"], sample.events["undated"]])}  # «переговорам»
    status, body, _ = served.get(f"/api/events/{sample.events['day']}")
    detail = json.loads(body)
    assert detail["title"] == EVENTS["day"].title and detail["history"]
    assert detail["citations"][0]["context"][1] == EVENTS["day"].sentence
    assert detail["citations"][0]["url"] == SOURCE_URL
    assert served.get("/api/events/999")[0] == 404
    assert served.get("/api/events/x")[0] == 400
    assert served.get("/api/events?limit=0")[0] == 400
    assert served.get("/api/events?from=2026-13")[0] == 400
    assert served.get("/api/events?colour=red")[0] == 400
    status, body, headers = served.get("/")
    assert status == 200 and "default-src 'none'" in headers["Content-Security-Policy"]
    assert served.get("/static/vis-timeline/vis-timeline-graph2d.min.js")[0] == 200
    assert served.get("/static/vis-timeline/LICENSE.md")[0] == 200
    assert served.get("/static/../page.py")[0] == 404
    assert served.get("/static/%2e%2e/page.py")[0] == 404
    assert served.get("/nothing")[0] == 404
    assert served.get("/", host="attacker.example:8000")[0] == 403  # DNS rebinding
    assert served.get("/", host="localhost:1")[0] == 200
    request = urllib.request.Request(served.url, data=b"x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 405


def test_serve_needs_a_database(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, "serve", "--db", str(tmp_path / "none.db"), "--port", "0")
    assert result.exit_code == 1
    assert "no database at" in result.output


def test_the_cli_does_not_load_the_web_view() -> None:
    probe = "import sys, timeline.cli; print(any(m.startswith('timeline.web') for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_page_items_read_lightly_the_same(sample: Sample) -> None:
    """The served page reads its items with plain queries; they are what item_dict makes of each event."""
    from timeline.query import EventQuery, find_events
    from timeline.web.page import item_dict, page_items

    engine = db.make_engine(sample.url)
    with db.session_scope(engine) as session:
        light = page_items(session)
        full = [item_dict(e) for e in find_events(session, EventQuery())]
    engine.dispose()

    def same(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**i, "actors": sorted(i["actors"]), "all_actors": sorted(i["all_actors"])} for i in items]

    assert same(light) == same(full)
    assert [i["id"] for i in light][-1] == sample.events["undated"]  # undated last, as `events` lists
