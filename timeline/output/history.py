"""An event's story as its sources tell it: its mentions in publication order, and the steps of its
history (what each article said of its status and date, where that changed)."""

from __future__ import annotations

from datetime import date
from typing import Any

from timeline.linking.derive import SETTLED
from timeline.models import Event, Mention


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def mentions_in_order(event: Event) -> list[Mention]:
    """An event's mentions in publication order (then by article and place in it)."""
    return sorted(event.mentions, key=lambda m: (m.article.published, m.article_id, m.start, m.id))


def history(event: Event) -> list[dict[str, Any]]:
    """What the reports said, one step per article in publication order: its status and date, when
    either differs from the step before («22.01 planned 26.02 · 10.02 postponed to 12.03 · 12.03
    occurred»)."""
    steps: list[dict[str, Any]] = []
    by_article: dict[int, list[Mention]] = {}
    for m in mentions_in_order(event):
        by_article.setdefault(m.article_id, []).append(m)
    for mentions in by_article.values():
        said = [m for m in mentions if m.status != "unknown"] or mentions
        top = max(said, key=lambda m: (SETTLED[m.status], m.start_date is not None))
        dated = top if top.start_date else next((m for m in said + mentions if m.start_date), None)
        moved = any(m.moved for m in mentions) and top.status not in ("occurred", "cancelled", "denied")
        step = {
            "published": iso(top.article.published), "article_id": top.article_id,
            "status": "postponed" if moved else top.status,
            "start": iso(dated.start_date) if dated else None, "end": iso(dated.end_date) if dated else None,
            "precision": dated.precision if dated else None,
        }
        if not steps or any(steps[-1][k] != step[k] for k in ("status", "start", "end")):
            steps.append(step)
    return steps
