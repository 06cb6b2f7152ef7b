"""Which event a new mention reports: the rules, each with the reason it gives (``show`` prints it).

A mention joins an event when their kinds are compatible, their times are, and their arguments
agree; it never joins one whose arguments conflict. Inside one article a later sentence about a
happening already told («Встреча длилась три часа») joins it without naming its participants again;
across articles something more must agree: a participant in common, the same place, or the same day.

- **kinds**: equal, or of one family (``KIND_FAMILIES``: talks and meetings, strikes and protests…).
- **time**: both dated and overlapping (the same interval, or one inside the other); day-precise
  dates must be the same day; a mention that moves the date (a postponement) fits any date; an undated
  mention fits an event whose interval lies near its article's publication date, or, told as past in
  another article, one that ended in the year before it, with more in common; a report older
  than the event's postponement fits it with another date (its old one), and so does a plan told
  after its date had passed («изначально пуск был назначен на 24 сентября»).
- **key words**: two reports whose clauses share words that tell a happening from others of its kind
  (``KEY_WORDS`` of them: «второй спутник серии») agree as a participant in common does; two
  different ordinals («первый раунд», «второй раунд») keep them apart.
- **conflicts**, which keep two happenings apart: two places given that differ (two rounds of talks
  in two cities), two different days, participants named on both sides with none in common (across
  articles, people: names of organizations and things vary from text to text).
- what one source reports many of a day (``SAYING_KINDS``: statements, decisions…) joins only with a
  participant or the place in common.
- a report that names no one and nowhere joins, across articles, the one event of its kind that fits
  its time, when there is only one («бывший чиновник задержан в марте»).
- a plan reported after the event it would join took place is the next happening, not that one; so
  is a plan in the article that tells of a past one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from timeline.extract.kinds import compatible_kinds
from timeline.extract.types import ORDINAL

# Kinds of which one source reports many a day (what someone said, decided, published): a report of
# one joins another only when a participant or the place is the same.
SAYING_KINDS = frozenset({"statement", "publication", "decision", "response", "other"})
# Statuses of what is still to come.
AHEAD = frozenset({"planned", "expected", "possible"})
# How far from its article's date an undated mention may find its happening: a report names what
# happened lately or what is coming.
UNDATED_BEFORE = timedelta(days=45)
UNDATED_AFTER = timedelta(days=366)
# How long after a happening an undated report telling it as past may be of it, with more in common.
TOLD_AS_PAST = timedelta(days=366)


PERSON_KEY = "person:"  # how a person's key begins: the conflict of «other people» counts persons only


def shifted(day: date, by: timedelta) -> date:
    """``day`` moved by ``by``, held within the calendar (an article of 0001-01-01 has no day before)."""
    try:
        return day + by
    except OverflowError:
        return date.min if by < timedelta(0) else date.max


def actor_key(lemmas: str, actor_type: str) -> str:
    """What two reports compare to tell one participant, from the lemmas of its name (``actors.key``):
    a person's surname («Курбатов» and «Андрей Курбатов» in another article), any other's whole name."""
    words = lemmas.split()
    return PERSON_KEY + words[-1] if actor_type == "person" and words else lemmas


def _people(participants: set[int], keys: dict[int, str]) -> bool:
    return any(keys.get(a, "").startswith(PERSON_KEY) for a in participants)


@dataclass
class Candidate:
    """An event as the matcher sees it (stored, or made by an earlier sentence of this article)."""

    key: int  # the event's id, or a negative index of an event this article makes
    kind: str
    start: date | None
    end: date | None
    precision: str | None
    place: str | None
    participants: set[int] = field(default_factory=set)
    names: dict[int, str] = field(default_factory=dict)  # participants' names, for the reason
    keys: dict[int, str] = field(default_factory=dict)  # participants' ``actor_key``s
    in_article: bool = False  # an event this article already reports
    status: str = "unknown"
    moved_on: date | None = None  # when a report last moved its date
    again: bool = False  # an event this source reported before (an older version, or read again)
    published: date | None = None  # when its first report was published (None: this article's)
    words: set[str] = field(default_factory=set)  # its mentions' key words


@dataclass
class Report:
    """A new mention as the matcher sees it."""

    kind: str
    start: date | None
    end: date | None
    precision: str | None
    place: str | None
    published: date
    moved: bool = False
    participants: set[int] = field(default_factory=set)
    status: str = "unknown"
    keys: dict[int, str] = field(default_factory=dict)  # participants' ``actor_key``s
    # The words that tell its happening from others of its kind (``ExtractedEvent.keywords``).
    words: frozenset[str] = frozenset()


# Why the second sentence of one extracted report joined its first.
RETOLD = "the same report, another sentence (a lede told again, or continued)"
# Times that fit only with more in common: a new date, an old one, a past happening told undated long after.
_WITH_MORE_IN_COMMON = ("a new date for it", "its date before it was moved", "undated, told as past")


@dataclass(frozen=True)
class Link:
    key: int
    reason: str
    score: float


def _time(report: Report, event: Candidate) -> str | None:
    """How their times fit, or None when they do not."""
    if report.start is not None and event.start is not None:
        assert report.end is not None and event.end is not None
        if report.moved:
            return "a new date for it"
        if event.moved_on is not None and (report.published < event.moved_on or stale(report)) and (
            (report.start, report.end) != (event.start, event.end)
        ):
            # A report from before the move, or one telling the old plan after it («изначально пуск был
            # назначен на 24 сентября»)
            return "its date before it was moved"
        if report.end < event.start or event.end < report.start:
            return None
        if report.precision == "day" and event.precision == "day":
            return "the same day" if report.start == event.start and report.end == event.end else None
        if (report.start, report.end) == (event.start, event.end):
            return "the same dates"
        return "nested dates"
    if report.start is None and event.start is None:
        return "both undated"
    if event.start is None:
        # An undated report (a plan told without its date) fits one written about then.
        if event.published is None or abs(report.published - event.published) <= UNDATED_BEFORE:
            return "undated event"
        return None
    assert event.end is not None
    # Compared as distances, not shifted dates: an article of 0001-01-01 or 9999-12-31 has no day beyond.
    if (report.published - event.end) <= UNDATED_BEFORE and (event.start - report.published) <= UNDATED_AFTER:
        return "undated, near its article's date"
    if (not event.in_article and report.status == "occurred"
            and timedelta(0) <= (report.published - event.end) <= TOLD_AS_PAST):
        return "undated, told as past"  # «саммит перенесли по просьбе Улан-Батора», two months on
    return None


class _Told(Protocol):
    status: str
    end: date | None
    published: date


def stale(report: _Told) -> bool:
    """A plan whose date had passed when it was reported: the old date of a happening, told after
    («изначально пуск был назначен на 24 сентября»). Reports for linking and for derivation alike."""
    return report.status in AHEAD and report.end is not None and report.end < report.published


def key_words(stored: str | None) -> frozenset[str]:
    """Key words as a mention or an event stores them (space-separated, or None)."""
    return frozenset(stored.split()) if stored else frozenset()


KEY_WORDS = 2  # key words in common that tell, with kind and time, that two reports are one happening
CAME_TRUE = timedelta(days=7)  # how long after a plan's interval its report as done counts as then


def _ordinals(words: Iterable[str]) -> set[str]:
    return {w for w in words if w.startswith(ORDINAL)}


def _shared(report: Report, event: Candidate) -> set[int]:
    """The event's participants the report names too (by id, or by ``actor_key``)."""
    theirs = {report.keys.get(a) for a in report.participants} - {None}
    return {a for a in event.participants if a in report.participants or event.keys.get(a) in theirs}


def link(report: Report, candidates: Iterable[Candidate]) -> Link | None:
    """The event the mention reports, with why; None when it reports a new one."""
    best: Link | None = None
    alone: list[tuple[Candidate, str]] = []  # fits in all but having something in common
    kinds = compatible_kinds(report.kind)
    ordinals = _ordinals(report.words)
    own_words = bool(report.words - ordinals)
    for event in candidates:
        if event.kind not in kinds:
            continue
        if report.place and event.place and report.place != event.place:
            continue  # two places: two happenings
        if (report.status in AHEAD and event.status == "occurred" and event.end is not None
                and event.end < report.published and not stale(report)):
            continue  # a plan reported after the happening took place: the next one (not its old date)
        if report.status in AHEAD and report.start is None and event.status == "occurred" and not event.in_article:
            continue  # what may yet happen, undated, after one took place: not that one
        if event.in_article and {report.status, event.status} & AHEAD and "occurred" in (report.status, event.status):
            continue  # one article telling of a happening past and one to come: two happenings
        time = _time(report, event)
        if time is None:
            continue
        their_ordinals = _ordinals(event.words)
        if ordinals and their_ordinals and not ordinals & their_ordinals:
            continue  # «первый раунд», «второй раунд»: the first and the second
        shared = _shared(report, event)
        words = sorted((report.words & event.words) - ordinals)
        # A plan come true: planned for the days the report was written, told as done then, and a key
        # word in common («ввести аппарат в эксплуатацию планируется в январе» … «введён в эксплуатацию»).
        came_true = (event.status in AHEAD and report.status == "occurred" and event.start is not None
                     and event.end is not None and event.start <= report.published <= event.end + CAME_TRUE)
        keyed = len(words) >= KEY_WORDS or (bool(words) and came_true)
        same_place = bool(report.place and report.place == event.place)
        same_day = time == "the same day"
        reasons = [f"kind {event.kind}" if event.kind == report.kind else f"kinds {report.kind}/{event.kind}", time]
        if shared:
            reasons.append("in common: " + ", ".join(sorted(event.names.get(a, str(a)) for a in shared)))
        if same_place:
            reasons.append(f"place {event.place}")
        if keyed:
            reasons.append("key words: " + ", ".join(words))
        if event.in_article and event.kind != report.kind and not (shared and report.start and event.start):
            continue  # a family's other kind, told in the same article: another happening unless dated alike
        own = own_words and bool(event.words - their_ordinals) and not words
        if event.in_article and own and time == "both undated" and not (shared or same_place):
            continue  # «дело возбуждено по статье 290», «в квартире прошли обыски»: words of their own
        people = _people(report.participants, report.keys) and _people(event.participants, event.keys)
        if not shared and report.participants and event.participants and (event.in_article or people):
            # Other participants: another happening (two statements by two officials). Across articles
            # only people count: organizations and things («Роскосмос», «Ангара-А5») come out in other
            # forms in another text, and one happening involves many.
            continue
        if report.kind in SAYING_KINDS and not (shared or same_place or keyed):
            continue
        if not event.in_article and not (shared or same_place or same_day or keyed):
            # Words of their own on both sides and none in common («совместную декларацию», «соглашение о
            # транзите»): two happenings of a kind, not the one.
            if event.kind == report.kind and (time not in _WITH_MORE_IN_COMMON or stale(report)) and not own:
                alone.append((event, "; ".join(reasons)))
            continue  # across articles, something must agree beside kind and time
        if time in _WITH_MORE_IN_COMMON and not (shared or same_place or keyed or event.in_article):
            continue
        if event.in_article:
            reasons.append("what this source reported before" if event.again else "told again in the same article")
        score = (2.0 * len(shared) + same_place + 2.0 * same_day + (time != "nested dates") + event.in_article
                 + 0.5 * len(words) * keyed)
        found = Link(event.key, "; ".join(reasons), score)
        # Among equals, the event made first: a story's main happening, not a side one told after it.
        if best is None or (found.score, -abs(found.key)) > (best.score, -abs(best.key)):
            best = found
    if best is None and len(alone) == 1 and not report.participants and not report.place and (
            report.start or report.kind not in SAYING_KINDS):
        # A report naming no one and nowhere («бывший чиновник задержан в марте») is of the one
        # happening of its kind then, when there is only one.
        event, reasons = alone[0]
        return Link(event.key, f"{reasons}; the only {event.kind} then", 0.0)
    return best
