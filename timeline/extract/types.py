"""Plain data passed between the extractors and the store.

The extract layer knows nothing of the database: it returns these, and
``timeline.ingest`` maps them onto the ORM models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

ExpressionType = Literal["date", "duration", "set", "vague"]
Precision = Literal["day", "week", "month", "quarter", "half", "season", "year", "range"]
Modifier = Literal["before", "after", "start", "mid", "end", "approx"]
Status = Literal[
    "occurred", "ongoing", "planned", "expected", "possible", "cancelled", "denied", "unknown"
]
ActorType = Literal["person", "org", "place", "country"]

PRECISIONS: tuple[str, ...] = ("day", "week", "month", "quarter", "half", "season", "year", "range")
MODIFIERS: tuple[str, ...] = ("before", "after", "start", "mid", "end", "approx")
STATUSES: tuple[str, ...] = (
    "occurred", "ongoing", "planned", "expected", "possible", "cancelled", "denied", "unknown"
)
ACTOR_TYPES: tuple[str, ...] = ("person", "org", "place", "country")


@dataclass(frozen=True)
class TimeExpression:
    """One temporal expression found in a text, resolved against an anchor date.

    ``span`` is a half-open ``[start, end)`` pair of character offsets into the
    text that was tagged; ``text == source[span[0]:span[1]]``.
    ``start``/``end`` are inclusive calendar days, both ``None`` for durations,
    recurrences and vague words.
    """

    text: str
    span: tuple[int, int]
    type: ExpressionType
    start: date | None = None
    end: date | None = None
    precision: Precision | None = None
    modifier: Modifier | None = None
    duration: str | None = None  # ISO 8601, only for type == "duration"

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "span": [self.span[0], self.span[1]],
            "type": self.type,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "precision": self.precision,
            "modifier": self.modifier,
            "duration": self.duration,
        }


@dataclass
class ActorMention:
    name: str  # normalized, nominative («Путиным» -> «Владимир Путин» where the article names him so)
    type: ActorType
    role: str = "participant"  # participant | source | target ...


@dataclass
class EvidenceSpan:
    """A sentence of the article that reports the event; offsets are half-open into the article text."""

    text: str
    start: int
    end: int


@dataclass
class ExtractedEvent:
    kind: str
    title: str
    status: Status = "unknown"
    start: date | None = None
    end: date | None = None
    precision: Precision | None = None
    modifier: Modifier | None = None
    date_text: str | None = None
    count: int | None = None
    duration: str | None = None
    place: str | None = None
    confidence: float = 0.5
    actors: list[ActorMention] = field(default_factory=list)
    evidence: list[EvidenceSpan] = field(default_factory=list)
