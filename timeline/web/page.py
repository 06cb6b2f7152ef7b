"""The web view's page and the JSON it carries.

One page serves both uses: ``timeline serve`` links the script and styles from ``/static/`` and
fetches an event's sources when it is clicked; ``--format html`` inlines them all (vis-timeline, the
app, the data and every event's sources), so the file opens offline from a ``file://`` URL.

Data goes into ``<script type="application/json">`` with ``<``, ``>``, ``&`` and U+2028/2029 written
as ``\\uXXXX``: no article can close the element or start a comment in it. The browser script reads it
with ``JSON.parse`` and builds the DOM with ``textContent``; what is templated here is escaped by
markupsafe.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from timeline.models import Actor, Event, EventActor, Mention
from timeline.output.formats import event_dict
from timeline.output.history import iso, mentions_in_order

STATIC = Path(__file__).resolve().parent / "static"
VIS_JS = "vis-timeline/vis-timeline-graph2d.min.js"
VIS_CSS = "vis-timeline/vis-timeline-graph2d.min.css"
APP_JS = "app.js"
APP_CSS = "app.css"

# A paragraph longer than this around the cited sentence is cut, so one wall of text does not
# make every mention of it weigh a hundred kilobytes.
CONTEXT_CHARS = 1200
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")


def script_json(value: Any) -> str:
    """JSON that is safe as the text of a ``<script>`` element (and as JavaScript)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


def _participants(event: Event) -> list[str]:
    # As the plot's actor rows: who takes part, not who reported it («сообщает ТАСС»).
    return list(dict.fromkeys(a.actor.name for a in event.actors if a.role != "reporter"))


def item_dict(event: Event) -> dict[str, Any]:
    """What the timeline and its filters need of one event; small, as there may be ten thousand."""
    mentions = event.mentions
    return {
        "id": event.id,
        "title": event.title,
        "kind": event.kind,
        "status": event.status,
        "start": iso(event.start),
        "end": iso(event.end),
        "precision": event.precision,
        "modifier": event.modifier,
        "date_text": event.date_text,
        "place": event.place,
        "actors": _participants(event),
        "all_actors": list(dict.fromkeys(a.actor.name for a in event.actors)),
        # What the search looks in, besides the title: every source's sentence.
        "text": " ".join(dict.fromkeys(m.sentence for m in mentions)),
        "sources": len({m.article_id for m in mentions}),
    }


def page_items(session: Session) -> list[dict[str, Any]]:
    """:func:`item_dict` of every event, in ``timeline events`` order (by start, then end; undated last),
    read with three plain queries: the ORM loading articles and all would take seconds at 10,000."""
    columns = (Event.id, Event.title, Event.kind, Event.status, Event.start, Event.end, Event.precision,
               Event.modifier, Event.date_text, Event.place)
    order = (Event.start.is_(None), Event.start, Event.end, Event.id)
    items: dict[int, dict[str, Any]] = {}
    for row in session.execute(select(*columns).order_by(*order)):
        items[row.id] = {
            "id": row.id, "title": row.title, "kind": row.kind, "status": row.status, "start": iso(row.start),
            "end": iso(row.end), "precision": row.precision, "modifier": row.modifier,
            "date_text": row.date_text, "place": row.place, "actors": [], "all_actors": [], "text": "",
            "sources": 0,
        }
    named = select(EventActor.event_id, EventActor.role, Actor.name).join(Actor, Actor.id == EventActor.actor_id)
    for event_id, role, name in session.execute(named.order_by(EventActor.event_id, Actor.name)):
        item = items.get(event_id)
        if item is None:
            continue
        if name not in item["all_actors"]:
            item["all_actors"].append(name)
        if role != "reporter" and name not in item["actors"]:
            item["actors"].append(name)
    sentences: dict[int, dict[str, None]] = {}
    articles: dict[int, set[int]] = {}
    said = select(Mention.event_id, Mention.article_id, Mention.sentence).order_by(Mention.event_id, Mention.id)
    for event_id, article_id, sentence in session.execute(said):
        sentences.setdefault(event_id, {})[sentence] = None
        articles.setdefault(event_id, set()).add(article_id)
    for event_id, item in items.items():
        item["text"] = " ".join(sentences.get(event_id, ()))
        item["sources"] = len(articles.get(event_id, ()))
    return list(items.values())


def is_web_url(source: str | None) -> bool:
    return bool(source) and re.match(r"https?://", source or "", re.IGNORECASE) is not None


def paragraph(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The paragraph of ``text`` around ``start..end`` (paragraphs are parted by blank lines), as the
    text before the cited span, the span, and the text after; cut to :data:`CONTEXT_CHARS` a side."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    first = 0
    for gap in _BLANK_LINE.finditer(text, 0, start):
        first = gap.end()
    following = _BLANK_LINE.search(text, end)
    last = following.start() if following else len(text)
    before, after = text[first:start], text[end:last]
    if len(before) > CONTEXT_CHARS:
        before = "…" + before[-CONTEXT_CHARS:]
    if len(after) > CONTEXT_CHARS:
        after = after[:CONTEXT_CHARS] + "…"
    return before.lstrip(), text[start:end], after.rstrip()


def citation_dict(m: Mention) -> dict[str, Any]:
    """One source of an event: its article, the sentence and the sentence within its paragraph."""
    article = m.article
    # The cited span as stored; a sentence that no longer matches its offsets is shown on its own.
    if article.text[m.start:m.end] == m.sentence:
        context = paragraph(article.text, m.start, m.end)
    else:
        context = ("", m.sentence, "")
    return {
        "mention": m.id,
        "article": article.id,
        "published": iso(article.published),
        "title": article.title,
        "source": article.source,
        "url": article.source if is_web_url(article.source) else None,
        "sentence": m.sentence,
        "status": m.status,
        "date_text": m.date_text,
        "context": list(context),
    }


def detail_dict(event: Event) -> dict[str, Any]:
    """Everything the side panel shows: the event as ``show --format json`` gives it, and its
    sources each with the cited paragraph."""
    return {**event_dict(event), "citations": [citation_dict(m) for m in mentions_in_order(event)]}


@cache
def static_text(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


# What the served page may load: its own scripts and styles only; vis-timeline sets inline styles.
SERVED_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)

PAGE = Markup("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{csp}<title>{title}</title>
<link rel="icon" href="data:,">
{styles}
</head>
<body>
<header id="bar">
  <h1>{title}</h1>
  <form id="filters" autocomplete="off">
    <label>From <input name="from" id="f-from" placeholder="YYYY[-MM[-DD]]" size="10"></label>
    <label>To <input name="to" id="f-to" placeholder="YYYY[-MM[-DD]]" size="10"></label>
    <label>Actor <select name="actor" id="f-actor"><option value="">any</option></select></label>
    <label>Kind <select name="kind" id="f-kind"><option value="">any</option></select></label>
    <label>Status <select name="status" id="f-status"><option value="">any</option></select></label>
    <label>Place <select name="place" id="f-place"><option value="">any</option></select></label>
    <label>Search <input name="q" id="f-q" type="search" placeholder="words" size="14"></label>
    <label>Lanes <select name="lanes" id="f-lanes">
      <option value="kind">kind</option><option value="actor">actor</option><option value="place">place</option>
    </select></label>
    <button type="button" id="f-clear">Clear</button>
  </form>
  <p id="count" aria-live="polite"></p>
</header>
<main>
  <div id="timeline"></div>
  <aside id="panel" hidden>
    <button type="button" id="panel-close" aria-label="Close">×</button>
    <div id="panel-body"></div>
  </aside>
</main>
<footer id="legend">
  <span class="key"><span class="swatch st-solid"></span>occurred / ongoing</span>
  <span class="key"><span class="swatch st-hollow"></span>planned / expected / possible</span>
  <span class="key"><span class="swatch st-struck">abc</span>cancelled / denied</span>
  <span class="key"><span class="swatch st-unknown"></span>status unknown</span>
  <span class="key"><span class="swatch st-solid vague"></span>vague date (month, quarter, season, half, year)</span>
  <span class="key"><span class="swatch st-hollow deadline"></span>deadline: the bound at its end</span>
  <span class="key"><span class="swatch st-hollow after"></span>after: from its start on</span>
</footer>
<script type="application/json" id="timeline-data">{data}</script>
{scripts}
</body>
</html>
""")


def render_page(items: Sequence[dict[str, Any]], *, inline: bool, details: dict[int, Any] | None = None,
                title: str = "timeline") -> str:
    """The page: linked to ``static/`` for the server, or with everything inlined for a file."""
    data = Markup(script_json({"items": list(items), "details": details, "api": not inline}))
    if inline:
        vis_js, app_js = static_text(VIS_JS), static_text(APP_JS)
        # A saved page has no server to send a policy: a meta one allows these two scripts alone.
        csp = Markup('<meta http-equiv="Content-Security-Policy" content="{}">\n').format(
            f"default-src 'none'; script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; "
            "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
        )
        styles = Markup("<style>\n{}\n</style>\n<style>\n{}\n</style>").format(
            Markup(_raw_text(static_text(VIS_CSS), "style")), Markup(_raw_text(static_text(APP_CSS), "style"))
        )
        scripts = Markup("<script>{}</script>\n<script>{}</script>").format(
            Markup(_raw_text(vis_js, "script")), Markup(_raw_text(app_js, "script"))
        )
    else:
        csp = Markup("")
        styles = Markup('<link rel="stylesheet" href="static/{}">\n<link rel="stylesheet" href="static/{}">').format(
            VIS_CSS, APP_CSS
        )
        scripts = Markup('<script src="static/{}"></script>\n<script src="static/{}"></script>').format(
            VIS_JS, APP_JS
        )
    return PAGE.format(csp=csp, title=title, styles=styles, scripts=scripts, data=data)


def _raw_text(text: str, element: str) -> str:
    """Vendored code inlined into ``<script>``/``<style>``: it must not close its element early."""
    if re.search(rf"</{element}", text, re.IGNORECASE) or "<!--" in text:
        raise ValueError(f"cannot inline: the {element} text contains </{element} or <!--")
    return text


def to_html(events: Iterable[Event], title: str = "timeline") -> str:
    """``timeline events --format html``: one file with the events, their sources and the viewer."""
    found = list(events)
    return render_page([item_dict(e) for e in found], inline=True,
                       details={e.id: detail_dict(e) for e in found}, title=title)
