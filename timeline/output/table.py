"""Tables for people: events, one event in full, articles, actors (rich; plain when piped)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from timeline.models import Article, Event, Feed, Mention
from timeline.output.history import history, mentions_in_order
from timeline.output.labels import date_label, date_source_label, day, day_range, events_count, plural
from timeline.output.terminal import safe_text, terminal_safe
from timeline.query import ActorRow, ArticleRow

_SPACES = re.compile(r"\s+")
CONTEXT_CHARS = 200  # of article text shown on each side of an evidence sentence
# The cited sentence is marked by these as well as by colour: piped, or on a terminal without colour,
# the marks are what shows it.
CITED = ("⟦", "⟧")


def sources(event: Event) -> int:
    """How many articles report the event."""
    return len({m.article_id for m in event.mentions})


def actor_names(event: Event) -> str:
    seen: list[str] = []
    for link in event.actors:
        if link.actor.name not in seen:
            seen.append(link.actor.name)
    return ", ".join(seen)


def _table(caption: str) -> Table:
    return Table(show_edge=False, pad_edge=False, caption=caption, caption_justify="left")


def events_table(events: Sequence[Event], caption: str | None = None) -> Table:
    table = _table(caption or events_count(len(events)))
    labels = [date_label(e) for e in events]
    # A date is never cut: its column is as wide as the longest (others wrap instead).
    table.add_column("date", min_width=max([10, *map(len, labels)]), no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("event", ratio=3)
    table.add_column("participants", ratio=2)
    table.add_column("place")
    table.add_column("src", justify="right", no_wrap=True)  # how many articles report it
    table.add_column("id", justify="right", no_wrap=True)
    for e, label in zip(events, labels, strict=True):
        table.add_row(
            safe_text(label), safe_text(e.status), safe_text(e.title), safe_text(actor_names(e)),
            safe_text(e.place), str(sources(e)), str(e.id),
        )
    return table


def _context(mention: Mention) -> Text:
    """The mention's sentence highlighted inside the article text around it."""
    text = mention.article.text
    start, end = mention.start, mention.end
    if not (0 <= start <= end <= len(text)) or text[start:end] != mention.sentence:
        # Offsets out of step with the text: the sentence alone.
        return safe_text(f"{CITED[0]}{mention.sentence}{CITED[1]}", style="bold")
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(text), end + CONTEXT_CHARS)
    # Cut the context at whitespace, not inside a word.
    if left > 0:
        space = _SPACES.search(text, left, start)
        left = space.end() if space else left
    if right < len(text):
        cut = max((m.start() for m in _SPACES.finditer(text, end, right)), default=-1)
        right = cut if cut > 0 else right
    result = Text("…" if left > 0 else "", style="dim")
    result.append(terminal_safe(_SPACES.sub(" ", text[left:start])), style="dim")
    result.append(CITED[0] + terminal_safe(_SPACES.sub(" ", text[start:end])) + CITED[1], style="bold yellow")
    result.append(terminal_safe(_SPACES.sub(" ", text[end:right])), style="dim")
    if right < len(text):
        result.append("…", style="dim")
    return result


def event_detail(event: Event) -> RenderableType:
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold", no_wrap=True)
    fields.add_column()
    interval = f"{event.start.isoformat()} .. {event.end.isoformat()}" if event.start and event.end else None
    rows: list[tuple[str, str | None]] = [
        ("id", str(event.id)),
        ("event", event.title),
        ("kind", event.kind),
        ("status", event.status),
        ("date", date_label(event)),
        ("interval", interval),
        ("precision", " ".join(filter(None, [event.precision, event.modifier])) or None),
        ("in the text", event.date_text),
        ("count", str(event.count) if event.count is not None else None),
        ("duration", event.duration),
        ("place", event.place),
        ("participants", "; ".join(f"{a.actor.name} ({a.actor.type}, {a.role})" for a in event.actors) or None),
        ("confidence", f"{event.confidence:.2f}"),
    ]
    for name, value in rows:
        if value:
            fields.add_row(name, safe_text(value))
    parts: list[RenderableType] = [fields]
    steps = history(event)
    if len(steps) > 1:  # a step a line, oldest first: «2026-02-10 postponed 2026-03-12»
        parts.append(safe_text("\nhistory:", style="bold"))
        parts += [safe_text(f"  {_step(step)}", style="bold") for step in steps]
    disagree = _disagreements(event)
    if disagree:
        parts.append(safe_text("sources disagree: " + "; ".join(disagree), style="bold red"))
    for i, mention in enumerate(mentions_in_order(event), start=1):
        article = mention.article
        head = (f"\nmention {i}: article {article.id}, published {article.published.isoformat()} "
                f"(date from: {date_source_label(article.date_source)})")
        if article.source:
            head += f", {shown_source(article.source)}"
        head += f" [{mention.start}:{mention.end}]"
        said = ", ".join(filter(None, [mention.status, _interval(mention.start_date, mention.end_date), mention.place]))
        parts += [safe_text(head, style="bold"), safe_text(f"says: {said}", style="dim")]
        if mention.linked_by:
            parts.append(safe_text(f"linked: {mention.linked_by}", style="dim"))
        parts.append(_context(mention))
    return Group(*parts)


def _interval(start: date | None, end: date | None) -> str | None:
    if start is None or end is None:
        return None
    return day_range(start, end)


def _step(step: dict[str, Any]) -> str:
    """«10.02.2026 postponed 12.03.2026»."""
    when = _interval(*(date.fromisoformat(step[k]) if step[k] else None for k in ("start", "end")))
    published = day(date.fromisoformat(step["published"]))
    return " ".join(filter(None, [published, step["status"], when]))


def _disagreements(event: Event) -> list[str]:
    """Where the sources differ since the last postponement: days, places, counts."""
    found = []
    mentions = mentions_in_order(event)
    moves = [i for i, m in enumerate(mentions) if m.moved]
    current = mentions[moves[-1]:] if moves else mentions  # a postponement makes older dates history
    days = {(m.start_date, m.end_date) for m in current if m.start_date and m.precision == "day"}
    if len(days) > 1:
        found.append("dates " + ", ".join(sorted(str(_interval(*d)) for d in days)))
    places = {m.place for m in current if m.place}
    if len(places) > 1:
        found.append("place " + ", ".join(sorted(places)))
    counts = {m.count for m in current if m.count is not None}
    if len(counts) > 1:
        found.append("count " + ", ".join(map(str, sorted(counts))))
    return found


def shown_source(source: str | None) -> str:
    """A source as a reader finds it: relative to the current directory when under it.

    Sources are stored as resolved absolute paths (or URLs); the full path of every file
    under the folder one works in is mostly noise. Anything else is shown as stored.
    """
    if not source or not Path(source).is_absolute():  # a URL, or a path stored relative
        return source or ""
    try:
        relative = Path(source).relative_to(Path.cwd())
    except (OSError, ValueError):  # not under it, or the current directory is gone
        return source
    return str(relative)


def articles_table(rows: Sequence[ArticleRow]) -> Table:
    table = _table(plural(len(rows), "article"))
    # Ids and dates are never cut; a source folds onto more lines rather than lose its end (the file
    # name: cut, every row of one folder read the same).
    for name in ("id", "published", "date from", "source", "title", "events"):
        table.add_column(name, justify="right" if name in ("id", "events") else "left",
                         no_wrap=name in ("id", "published", "events"),
                         overflow="fold" if name == "source" else "ellipsis", ratio=2 if name == "source" else None)
    for r in rows:
        table.add_row(
            str(r.id), r.published.isoformat(), date_source_label(r.date_source), safe_text(shown_source(r.source)),
            safe_text(r.title), str(r.events),
        )
    return table


def actors_table(rows: Sequence[ActorRow]) -> Table:
    table = _table(plural(len(rows), "actor"))
    for name in ("name", "type", "events"):
        table.add_column(name, justify="right" if name == "events" else "left")
    for r in rows:
        table.add_row(safe_text(r.name), safe_text(r.type), str(r.events))
    return table


def feeds_table(feeds: Sequence[Feed]) -> Table:
    table = _table(plural(len(feeds), "feed"))
    for name in ("id", "url", "title", "last read", "outcome", "articles"):
        table.add_column(name, justify="right" if name in ("id", "articles") else "left")
    for f in feeds:
        checked = f.checked_at.strftime("%Y-%m-%d %H:%M") if f.checked_at else "not yet"
        table.add_row(str(f.id), safe_text(f.url), safe_text(f.title), checked, safe_text(f.last_status),
                      str(f.imported))
    return table


def article_text(article: Article, mentions: Sequence[Mention]) -> RenderableType:
    """An article's stored text with every sentence that reports an event marked ⟦…⟧ and followed by the
    events it reports: «⟦Путин провёл переговоры.⟧[#12 talks]»."""
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold", no_wrap=True)
    fields.add_column()
    for name, value in (
        ("article", str(article.id)), ("title", article.title), ("published", article.published.isoformat()),
        ("date from", date_source_label(article.date_source)), ("source", article.source),
        ("author", article.author), ("events", str(len({m.event_id for m in mentions}))),
    ):
        if value:
            fields.add_row(name, safe_text(value))
    body = Text()
    spans: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        spans.setdefault((m.start, m.end), []).append(m)
    position = 0
    text = article.text
    for (start, end), told in sorted(spans.items()):
        if start < position or not 0 <= start <= end <= len(text):
            continue  # overlapping another marked sentence, or out of step with the text
        body.append(terminal_safe(text[position:start]))
        body.append(CITED[0] + terminal_safe(text[start:end]) + CITED[1], style="bold yellow")
        tags = "; ".join(f"#{m.event_id} {m.event.kind}" for m in told)
        body.append(f"[{tags}]", style="cyan")
        position = end
    body.append(terminal_safe(text[position:]))
    return Group(fields, Text(""), body)


def vocabulary_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = _table(f"{plural(sum(r['what'] == 'kind' for r in rows), 'kind')}, "
                   f"{plural(sum(r['what'] == 'status' for r in rows), 'status', 'statuses')}")
    for name in ("", "code", "label", "meaning"):
        table.add_column(name, no_wrap=name in ("code", "label"))
    for r in rows:
        table.add_row(r["what"], r["code"], safe_text(r["label"]), r["meaning"])
    return table
