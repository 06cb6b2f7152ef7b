"""Machine-readable renderings of events: JSON, JSON Lines, CSV, iCalendar, TimelineJS.

Each function takes the loaded events and returns the whole document as a string.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, timedelta
from typing import Any

from markupsafe import Markup, escape

from timeline.models import Event, Mention
from timeline.output.history import history, iso, mentions_in_order
from timeline.output.labels import date_label, events_count
from timeline.sources.published import GUESSED

CSV_COLUMNS = (
    "id", "kind", "title", "status", "start", "end", "precision", "modifier", "date_text", "count",
    "duration", "confidence", "actors", "place", "article_id", "source", "published", "evidence",
    "evidence_start", "evidence_end", "sources",
)


def event_dict(event: Event) -> dict[str, Any]:
    """Everything stored about one event, as JSON-ready values."""
    return {
        "id": event.id,
        "kind": event.kind,
        "title": event.title,
        "status": event.status,
        "start": iso(event.start),
        "end": iso(event.end),
        "precision": event.precision,
        "modifier": event.modifier,
        "date_text": event.date_text,
        "count": event.count,
        "duration": event.duration,
        "confidence": event.confidence,
        "actors": [{"name": a.actor.name, "type": a.actor.type, "role": a.role} for a in event.actors],
        "place": event.place,
        "sources": len({m.article_id for m in event.mentions}),
        "evidence": [
            {
                "article": _article(m),
                "text": m.sentence,
                "start": m.start,
                "end": m.end,
            }
            for m in mentions_in_order(event)
        ],
        "mentions": [mention_dict(m) for m in mentions_in_order(event)],
        "history": history(event),
    }


def _article(m: Mention) -> dict[str, Any]:
    return {"id": m.article_id, "path": m.article.source, "published": iso(m.article.published),
            **date_provenance(m.article.date_source)}


def date_provenance(date_source: str | None) -> dict[str, Any]:
    """How an article's date was found, and whether it was read off the page rather than stated."""
    return {"date_source": date_source, "date_guessed": date_source in GUESSED}


def mention_dict(m: Mention) -> dict[str, Any]:
    """What one source said of the happening."""
    return {
        "id": m.id,
        "article": _article(m),
        "sentence": m.sentence,
        "start": m.start,
        "end": m.end,
        "kind": m.kind,
        "title": m.title,
        "status": m.status,
        "interval": {"start": iso(m.start_date), "end": iso(m.end_date), "precision": m.precision,
                     "modifier": m.modifier} if m.start_date else None,
        "date_text": m.date_text,
        "place": m.place,
        "count": m.count,
        "duration": m.duration,
        "moved": m.moved,
        "linked_by": m.linked_by,
        "dated_by": m.dated_by,  # the mention of the happening that dates it
    }




def json_chunks(events: Iterable[Event]) -> Iterator[str]:
    """A JSON array, an event at a time (the same text as one ``json.dumps(…, indent=2)``)."""
    first = True
    for event in events:
        item = json.dumps(event_dict(event), ensure_ascii=False, indent=2).replace("\n", "\n  ")
        yield ("[\n  " if first else ",\n  ") + item
        first = False
    yield "[]\n" if first else "\n]\n"


def jsonl_chunks(events: Iterable[Event]) -> Iterator[str]:
    for event in events:
        yield json.dumps(event_dict(event), ensure_ascii=False) + "\n"


def to_json(events: Iterable[Event]) -> str:
    return "".join(json_chunks(events))


def to_jsonl(events: Iterable[Event]) -> str:
    return "".join(jsonl_chunks(events))


def csv_chunks(events: Iterable[Event]) -> Iterator[str]:
    """One row per event; actors joined by «; », the first evidence sentence and its article."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        row = event_dict(event)
        first = row["evidence"][0] if row["evidence"] else None
        row["actors"] = "; ".join(a["name"] for a in row["actors"])
        for key in ("evidence", "mentions", "history"):
            del row[key]
        row.update(
            article_id=event.article_id,
            source=first["article"]["path"] if first else event.article.source,
            published=first["article"]["published"] if first else iso(event.article.published),
            evidence=first["text"] if first else None,
            evidence_start=first["start"] if first else None,
            evidence_end=first["end"] if first else None,
        )
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()  # the header alone, when nothing matched


def to_csv(events: Iterable[Event]) -> str:
    return "".join(csv_chunks(events))


def rows_to_csv(rows: Sequence[dict[str, Any]]) -> str:
    """Plain rows (the keys of the first are the header) as CSV."""
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: "" if v is None else v for k, v in r.items()} for r in rows)
    return buffer.getvalue()


# iCalendar has three event states; ours map onto them by how sure the text is.
ICS_STATUS = {
    "occurred": "CONFIRMED", "ongoing": "CONFIRMED", "cancelled": "CANCELLED", "denied": "CANCELLED"
}


def _source_line(event: Event) -> str:
    if not event.mentions:
        return f"Source: {event.article.source or f'article {event.article_id}'}"
    article = mentions_in_order(event)[0].article
    line = f"Source: {article.source or f'article {article.id}'} ({article.published.isoformat()})"
    others = len({m.article_id for m in event.mentions}) - 1
    return line + (f" and {others} more" if others else "")


def ics_chunks(events: Iterable[Event]) -> Iterator[str]:
    """An iCalendar of all-day events (DTEND is exclusive: the day after the last); undated skipped.
    Written an event at a time: the calendar's head, each VEVENT, its end."""
    import icalendar  # only for this format: 65 ms that no other command should pay

    cal = icalendar.Calendar()
    cal.add("prodid", "-//timeline//Russian news events//RU")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "timeline")
    head, end = cal.to_ical().decode("utf-8").rsplit("END:VCALENDAR", 1)
    yield head
    for event in events:
        if event.start is None or event.end is None:
            continue
        vevent = icalendar.Event()
        vevent.add("uid", f"event-{event.id}@timeline")
        # A stable stamp (when the article was imported), so the same query gives the same file.
        stamp = event.article.imported_at
        vevent.add("dtstamp", stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC))  # SQLite: naive UTC
        vevent.add("dtstart", event.start)
        vevent.add("dtend", event.end + timedelta(days=1))
        vevent.add("summary", event.title)
        sentence = mentions_in_order(event)[0].sentence if event.mentions else ""
        vevent.add("description", "\n".join(filter(None, [date_label(event), sentence, _source_line(event)])))
        vevent.add("status", ICS_STATUS.get(event.status, "TENTATIVE"))
        vevent.add("categories", [event.kind])
        if event.place:
            vevent.add("location", event.place)
        yield vevent.to_ical().decode("utf-8")
    yield "END:VCALENDAR" + end


def to_ics(events: Iterable[Event]) -> str:
    return "".join(ics_chunks(events))


def _tljs_date(d: date, precision: str) -> dict[str, int]:
    if precision == "year":
        return {"year": d.year}
    if precision == "month":
        return {"year": d.year, "month": d.month}
    return {"year": d.year, "month": d.month, "day": d.day}


# How finely TimelineJS should show each precision: coarse periods never claim a day.
TLJS_GRAIN = {"day": "day", "week": "day", "range": "day", "month": "month", "quarter": "month",
              "half": "month", "season": "month", "year": "year"}


def timelinejs_chunks(events: Iterable[Event], title: str = "Timeline") -> Iterator[str]:
    """Knight Lab TimelineJS 3 JSON; undated events skipped, each kind a group. Written a slide at a
    time, the title (which counts them) last."""
    count = 0
    for event in events:
        if event.start is None or event.end is None:
            continue
        # A deadline's start is only the publication date: show it to the day.
        grain = "day" if event.modifier else TLJS_GRAIN.get(event.precision or "", "day")
        slide: dict[str, Any] = {
            "unique_id": f"event-{event.id}",
            "start_date": _tljs_date(event.start, grain),
            # TimelineJS renders these as HTML: every article-derived string is escaped.
            "display_date": str(escape(date_label(event))),
            "text": {
                "headline": str(escape(event.title)),
                "text": str(Markup(" ").join(filter(None, [
                    escape(mentions_in_order(event)[0].sentence) if event.mentions else "",
                    Markup("<em>{}</em>").format(_source_line(event)),
                ]))),
            },
            "group": str(escape(event.kind)),
        }
        end = _tljs_date(event.end, grain)
        if end != slide["start_date"]:
            slide["end_date"] = end
        item = json.dumps(slide, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        yield ('{\n  "events": [\n    ' if count == 0 else ",\n    ") + item
        count += 1
    title_doc = {"text": {"headline": str(escape(title)), "text": events_count(count)}}
    tail = json.dumps(title_doc, ensure_ascii=False, indent=2).replace("\n", "\n  ")
    yield ('{\n  "events": [],\n  ' if count == 0 else "\n  ],\n  ") + '"title": ' + tail + "\n}\n"


def to_timelinejs(events: Iterable[Event], title: str = "Timeline") -> str:
    return "".join(timelinejs_chunks(events, title))
