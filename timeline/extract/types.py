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
# «type» is always which of a closed set of categories a thing is: an actor's (below) or a time
# expression's (TIMEX3's date, duration, set, vague). A mention's NER tag is its *label*; an event's
# sort of happening is its *kind*; an article's *source* is where it was read from, and an actor the
# report is attributed to has the role *reporter*.
ActorType = Literal["person", "org", "place", "country"]

ORDINAL = "#"  # how an ordinal key word begins («#второй»): the linker keeps the first and the second apart
PRECISIONS: tuple[str, ...] = ("day", "week", "month", "quarter", "half", "season", "year", "range")
MODIFIERS: tuple[str, ...] = ("before", "after", "start", "mid", "end", "approx")
STATUSES: tuple[str, ...] = (
    "occurred", "ongoing", "planned", "expected", "possible", "cancelled", "denied", "unknown"
)
ACTOR_TYPES: tuple[str, ...] = ("person", "org", "place", "country")


@dataclass(frozen=True)
class Interval:
    """A closed interval of days, ``start..end`` inclusive, with the precision it was given at and an
    optional modifier (``shared/spec/dates.md``): what a date expression resolves to, what an event is
    placed on, and what is stored. One type for all three."""

    start: date
    end: date
    precision: Precision
    modifier: Modifier | None = None


class _Dated:
    """The fields of an interval read through the thing that holds one (``when``; None: undated)."""

    when: Interval | None

    @property
    def start(self) -> date | None:
        return self.when.start if self.when else None

    @property
    def end(self) -> date | None:
        return self.when.end if self.when else None

    @property
    def precision(self) -> Precision | None:
        return self.when.precision if self.when else None

    @property
    def modifier(self) -> Modifier | None:
        return self.when.modifier if self.when else None


@dataclass(frozen=True)
class Relative:
    """A date given by another happening (``shared/spec/dates.md``, «Dates relative to another
    happening»): ``n`` units after its interval; ``kind``: the happening named («по итогам саммита»:
    summit), or None for the latest dated happening told before («на следующий день»)."""

    n: int  # units after the other's interval; negative: before it («накануне»: -1)
    unit: str = "D"  # ISO designator: D, W, M, Y
    kind: str | None = None


@dataclass(frozen=True)
class TimeExpression(_Dated):
    """One temporal expression found in a text, resolved against an anchor date.

    ``span`` is a half-open ``[start, end)`` pair of character offsets into the
    text that was tagged; ``text == source[span[0]:span[1]]``. A date's interval is ``when``
    (inclusive calendar days); durations, recurrences and vague words have none. A duration is
    ``duration`` (ISO 8601), ``approx`` when the text says «около», «почти».
    """

    text: str
    span: tuple[int, int]
    type: ExpressionType
    when: Interval | None = None
    duration: str | None = None  # ISO 8601, only for type == "duration"
    approx: bool = False  # an approximate duration
    relative: Relative | None = None  # a vague expression that another happening dates

    @property
    def interval(self) -> Interval | None:
        """The interval of a date; None for durations, recurrences and vague words."""
        return self.when

    @property
    def modifier(self) -> Modifier | None:
        """The interval's modifier, or «approx» for an approximate duration."""
        return self.when.modifier if self.when else ("approx" if self.approx else None)

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
    role: str = "participant"  # participant | reporter (who the report is attributed to)


@dataclass
class EvidenceSpan:
    """A sentence of the article that reports the event; offsets are half-open into the article text."""

    text: str
    start: int
    end: int


@dataclass
class ExtractedEvent(_Dated):
    kind: str
    title: str
    status: Status = "unknown"
    when: Interval | None = None  # None: undated
    date_text: str | None = None
    count: int | None = None
    duration: str | None = None
    place: str | None = None
    confidence: float = 0.5
    actors: list[ActorMention] = field(default_factory=list)
    evidence: list[EvidenceSpan] = field(default_factory=list)
    moved: bool = False  # the report moves the happening to this date (a postponement)
    trigger: str | None = None  # the lemma of the word that names the happening
    # Lemmas of the clause's words that tell its happening from others of its kind (the language pack's
    # choice; an ordinal begins with ``ORDINAL``): two reports sharing some are likelier one happening.
    keywords: tuple[str, ...] = ()
    # «Он был назначен послом»: its subject is a pronoun (as written) for a person named before, and it
    # names none; None otherwise.
    subject_pronoun: str | None = None
    # «Досрочно прекратил свои полномочия»: its sentence opens with its verb, the subject left out, and it
    # names no one; the person it is of is the one the article tells of (resolved with the pronouns).
    subject_left_out: bool = False
    # «В аэропорту его арестовали карабинеры»: a person it happened to, by a pronoun not the subject (as
    # written); resolved with the pronouns, the person leads the title: «Виталий Маркив: в аэропорту …».
    object_pronoun: str | None = None
    relative: Relative | None = None  # dated by another happening, until the article's events resolve it
    dated_by: int | None = None  # the index, among the article's events, of the happening that dated it
