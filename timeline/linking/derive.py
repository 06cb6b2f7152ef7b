"""An event's fields, derived from its mentions: the rules the README states, in one place.

Mentions are the stored truth; an event is what they say together, read in publication order
(then by article, then by place in the article):

- **status**: the latest report's. Of the mentions of the newest publication date that say anything
  (not ``unknown``), what most of them say, the earliest (the lede) among equals; ``unknown`` is
  taken only when nothing else is said.
- **interval**: the finest interval of the most recent dated reports that agree: the newest
  publication date with a dated mention gives the reports; of them the narrowest; an earlier
  report's narrower interval inside it refines it («в марте» after «12 марта»). A report that moves
  the date (a postponement) makes every earlier date history, and so is a plan told after its date had
  passed («изначально был назначен на 24 сентября»), for the date and the status, when others report.
- **kind**: the kind most mentions give (the first mention's among equals); **title**: the title of
  the mention that names most participants (the first among equals); **place**, **count**,
  **duration**: the latest report that gives one; **confidence**: the highest.
- **actors**: every participant any mention names, and every reporter.
- **key words** (what the linker compares): the ``KEYWORDS`` its mentions give most.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from timeline.linking.match import stale

# The more settled a report, the later it stands in a story: what happened outranks what was planned.
SETTLED = {
    "occurred": 6, "cancelled": 6, "denied": 5, "ongoing": 4, "planned": 3, "expected": 2, "possible": 1,
    "unknown": 0,
}


@dataclass(frozen=True)
class Report:
    """One mention as derivation reads it."""

    published: date
    article_id: int
    position: int  # the sentence's offset in its article
    kind: str
    title: str
    status: str
    start: date | None = None
    end: date | None = None
    precision: str | None = None
    modifier: str | None = None
    date_text: str | None = None
    count: int | None = None
    duration: str | None = None
    place: str | None = None
    confidence: float = 0.5
    moved: bool = False
    actors: tuple[tuple[int, str], ...] = ()  # (actor id, role)
    keywords: tuple[str, ...] = ()  # the words that tell its happening from others of its kind

    @property
    def order(self) -> tuple[date, int, int]:
        return self.published, self.article_id, self.position


@dataclass
class Derived:
    """The fields of an event."""

    article_id: int
    kind: str
    title: str
    status: str
    start: date | None
    end: date | None
    precision: str | None
    modifier: str | None
    date_text: str | None
    count: int | None
    duration: str | None
    place: str | None
    confidence: float
    actors: set[tuple[int, str]] = field(default_factory=set)
    moved_on: date | None = None  # the publication date of the latest report that moved it
    keywords: str | None = None  # the key words its mentions give most, space-separated (the linker's)


def _days(r: Report) -> int:
    assert r.start is not None and r.end is not None
    return (r.end - r.start).days


def _interval(reports: Sequence[Report]) -> Report | None:
    """The report whose interval the event takes, or None if no report dates it."""
    dated = [r for r in reports if r.start is not None]
    dated = [r for r in dated if not stale(r)] or dated  # an old plan, told after, is history
    moved = [r for r in dated if r.moved]
    if moved:  # a postponement: earlier dates are history, and so is the old date told beside the new
        last_move = max(r.order for r in moved)
        dated = [r for r in dated if r.order > last_move or (r.order == last_move and r.moved)]
    if not dated:
        return None
    newest = max(r.published for r in dated)
    recent = [r for r in dated if r.published == newest]
    # What happened settles when: of the newest reports, the most settled ones, then the narrowest.
    top = max(SETTLED[r.status] for r in recent)
    best = min((r for r in recent if SETTLED[r.status] == top), key=lambda r: (_days(r), r.order))
    inside = [
        r for r in dated if r.start >= best.start and r.end <= best.end and _days(r) < _days(best)  # type: ignore[operator]
    ]
    return min(inside, key=lambda r: (_days(r), -r.published.toordinal(), r.order)) if inside else best


def _status(ordered: Sequence[Report]) -> str:
    """The newest article's: what most of its mentions say, the earliest (its lede) among equals."""
    said = [r for r in ordered if r.status != "unknown"]
    said = [r for r in said if not stale(r)] or said  # an old plan, told after, says nothing of now
    if not said:
        return "unknown"
    newest = max(r.published for r in said)
    latest = [r for r in said if r.published == newest]
    counts = Counter(r.status for r in latest)
    return max(enumerate(latest), key=lambda p: (counts[p[1].status], -p[0]))[1].status


def derive(reports: Sequence[Report]) -> Derived:
    """The event its mentions describe; ``reports`` may come in any order, at least one."""
    ordered = sorted(reports, key=lambda r: r.order)
    first = ordered[0]
    kinds = Counter(r.kind for r in ordered)
    kind = max(kinds, key=lambda k: (kinds[k], -next(i for i, r in enumerate(ordered) if r.kind == k)))
    status = _status(ordered)
    when = _interval(ordered)
    participants = lambda r: sum(role == "participant" for _, role in r.actors)  # noqa: E731
    titled = max(enumerate(ordered), key=lambda p: (participants(p[1]), -p[0]))[1]  # the first among equals

    def latest_of(name: str) -> object:
        return next((getattr(r, name) for r in reversed(ordered) if getattr(r, name) is not None), None)

    return Derived(
        article_id=first.article_id,
        kind=kind,
        title=titled.title,
        status=status,
        start=when.start if when else None,
        end=when.end if when else None,
        precision=when.precision if when else None,
        modifier=when.modifier if when else None,
        date_text=when.date_text if when else None,
        count=latest_of("count"),  # type: ignore[arg-type]
        duration=latest_of("duration"),  # type: ignore[arg-type]
        place=latest_of("place"),  # type: ignore[arg-type]
        confidence=max(r.confidence for r in ordered),
        actors={a for r in ordered for a in r.actors},
        moved_on=max((r.published for r in ordered if r.moved), default=None),
        keywords=_keywords(ordered),
    )


KEYWORDS = 32  # an event keeps the key words its mentions give most: what the linker compares, bounded


def _keywords(reports: Sequence[Report]) -> str | None:
    """The key words most mentions give (the earlier on a tie), at most ``KEYWORDS``, sorted."""
    counts = Counter(w for r in reports for w in r.keywords)
    kept = sorted(counts, key=lambda w: -counts[w])[:KEYWORDS]  # Counter keeps first-seen order on ties
    return " ".join(sorted(kept)) or None
