"""Questions to the database: which events, in which period, with whom, about what.

The core of ``timeline events``/``show``/``plot``; it knows nothing of the command line.

Date windows follow ``shared/spec/dates.md``: an event overlaps ``A..B`` when
``start <= B and end >= A``; ``within`` keeps only intervals that lie wholly inside.
The overlap is not asked in that naive form, which no B-tree index answers well (one
bound is open, so half the table qualifies on either column). Intervals are stored
with their length class (:data:`timeline.models.SPAN_CLASS_BOUNDS`); an interval of
class ``i`` is at most ``L_i`` days long, so if it overlaps ``A..B`` its start lies in
``A - (L_i - 1) .. B``. One bounded range scan of the ``(span_class, start_date,
end_date, id)`` index per class finds every candidate, ``end_date >= A`` drops the few
extra, and the index alone answers it: no table row is read until a page is chosen.
"""

from __future__ import annotations

import calendar
import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Date,
    Select,
    Subquery,
    and_,
    bindparam,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import Session, joinedload, selectinload

from timeline.errors import TimelineError
from timeline.lang import pack
from timeline.linking.match import AHEAD
from timeline.models import SPAN_CLASS_BOUNDS, Actor, Article, Event, EventActor, Mention, MentionActor
from timeline.search_index import FTS_TABLE, SEARCH_INDEX

Params = dict[str, Any]

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_period(text: str, option_name: str) -> tuple[date, date]:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as the first and last day of that period."""
    value = text.strip()
    match = _PERIOD.match(value)
    if not match:
        raise TimelineError(f"{option_name}: expected YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            first = date(year, month, 1)
            return first, date(year, month, calendar.monthrange(year, month)[1])
        exact = date(year, month, day)
        return exact, exact
    except ValueError as exc:
        raise TimelineError(f"{option_name}: {value} is not a real date ({exc})") from exc


@dataclass
class EventQuery:
    """What ``timeline events`` asks; every field narrows the result, None means any."""

    start: date | None = None  # window: first day (from)
    end: date | None = None  # window: last day (to)
    within: bool = False  # whole interval inside the window, not just overlapping it
    include_undated: bool = False  # with a window, keep events that have no interval
    actor: str | None = None  # any inflected form of a name: «Путиным»
    kind: str | None = None
    status: str | None = None
    place: str | None = None
    search: str | None = None  # full-text over title and the mentions' sentences
    article: str | int | None = None  # article id, or its source path
    # Planned or expected events whose interval ended before ``as_of`` (default: the newest article's
    # date) and no report since says happened or called off: "expected by the end of January; nothing since".
    overdue: bool = False
    as_of: date | None = None
    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise TimelineError(
                f"--from {self.start.isoformat()} is after --to {self.end.isoformat()}"
            )

    @property
    def has_window(self) -> bool:
        return self.start is not None or self.end is not None


# ---------------------------------------------------------------- date windows


# The overlap window is built once, with bound parameters, and reused: building thirty
# comparisons anew for every query costs more than running it.
_FROM = bindparam("window_from", type_=Date())
_TO = bindparam("window_to", type_=Date())
_LOWEST = [bindparam(f"window_lowest_{i}", type_=Date()) for i in range(len(SPAN_CLASS_BOUNDS))]


def _class_branches() -> list[ColumnElement[bool]]:
    """One index range per span class; together, every interval overlapping the window."""
    branches = [
        and_(Event.span_class == cls, Event.start.between(_LOWEST[cls], _TO), Event.end >= _FROM)
        for cls in range(len(SPAN_CLASS_BOUNDS))
    ]
    # Longer than the last bound (over a century): rare, so an open range costs nothing.
    branches.append(and_(Event.span_class == len(SPAN_CLASS_BOUNDS), Event.start <= _TO, Event.end >= _FROM))
    return branches


@cache
def _overlap_condition() -> ColumnElement[bool]:
    """The branches OR'ed: for a WHERE that also tests other columns or undated events."""
    return or_(*_class_branches())


@cache
def _overlap_rows() -> Subquery:
    """The branches as UNION ALL of (id, start, end): each branch reads the covering index
    alone, with no row lookups; the classes are disjoint, so no row comes twice."""
    columns = (Event.id.label("id"), Event.start.label("start_date"), Event.end.label("end_date"))
    parts = [select(*columns).where(branch) for branch in _class_branches()]
    return union_all(*parts).subquery("in_window")


@cache
def _overlap_ids() -> CompoundSelect:
    """Just the ids: the branches' results go straight to the client (no subquery around)."""
    return union_all(*(select(Event.id).where(branch) for branch in _class_branches()))


def _window_params(start: date, end: date) -> Params:
    params: Params = {"window_from": start, "window_to": end}
    for cls, bound in enumerate(SPAN_CLASS_BOUNDS):
        params[f"window_lowest_{cls}"] = _shift(start, -(bound - 1))
    return params


def _overlap_naive(start: date | None, end: date | None) -> ColumnElement[bool]:
    terms: list[ColumnElement[bool]] = []
    if end is not None:
        terms.append(Event.start <= end)
    if start is not None:
        terms.append(Event.end >= start)
    return and_(*terms)


def _within(start: date | None, end: date | None) -> ColumnElement[bool]:
    terms: list[ColumnElement[bool]] = [Event.start.is_not(None)]
    if start is not None and end is not None:
        # Only classes short enough to fit; each is one bounded range of the index.
        days = (end - start).days + 1
        lower = (0, *SPAN_CLASS_BOUNDS)  # class i holds lengths lower[i] + 1 .. SPAN_CLASS_BOUNDS[i]
        classes = [i for i in range(len(SPAN_CLASS_BOUNDS) + 1) if lower[i] < days]
        terms.append(Event.span_class.in_(classes))
    if start is not None:
        terms.append(Event.start >= start)
    if end is not None:
        terms += [Event.start <= end, Event.end <= end]
    return and_(*terms)


def _shift(day: date, days: int) -> date:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.min


def _uses_window_rows(q: EventQuery, naive: bool = False) -> bool:
    """Whether the query is a plain two-sided overlap, answered by :func:`_overlap_rows`."""
    return not naive and not q.within and not q.include_undated and q.start is not None and q.end is not None


def date_condition(q: EventQuery, naive: bool = False) -> tuple[ColumnElement[bool], Params]:
    """The window as a WHERE condition (``true()`` when there is no window) and its parameters."""
    if not q.has_window:
        return true(), {}
    params: Params = {}
    if q.within:
        dated = _within(q.start, q.end)
    elif naive:
        dated = _overlap_naive(q.start, q.end)
    elif q.start is None:
        dated = Event.start <= q.end  # one range of the index per class
    elif q.end is None:
        dated = Event.end >= q.start  # ix_events_end_date
    else:
        dated, params = _overlap_condition(), _window_params(q.start, q.end)
    return (or_(dated, Event.start.is_(None)) if q.include_undated else dated), params


# ---------------------------------------------------------------- other filters


def _words(text: str) -> list[str]:
    return pack().lemma_key(text).split()


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def actor_condition(name: str) -> ColumnElement[bool]:
    """Events with an actor whose lemma key is the query's, or contains each of its lemmas."""
    words = _words(name)
    if not words:
        raise TimelineError(f"--actor: no name in {name!r}")
    padded = literal(" ") + Actor.key + literal(" ")
    every_word = and_(*(padded.like(f"% {_escape_like(w)} %", escape="\\") for w in words))
    matching = select(Actor.id).where(or_(Actor.key == " ".join(words), every_word))
    return Event.id.in_(select(EventActor.event_id).where(EventActor.actor_id.in_(matching)))


def place_condition(session: Session, place: str) -> ColumnElement[bool]:
    """Places named by the query in any case or inflection («Москве» finds «Москва»).

    Matched in Python over the distinct places (few, read off ix_events_place), because
    SQLite folds the case of ASCII letters only and neither engine knows Russian lemmas.
    """
    wanted = place.strip().casefold()
    if not wanted:
        raise TimelineError("--place: empty")
    lemmas = set(_words(place))
    names = session.scalars(select(Event.place).where(Event.place.is_not(None)).distinct()).all()
    chosen = [
        n for n in names
        if n is not None and (wanted in n.casefold() or (lemmas and lemmas <= set(_words(n))))
    ]
    return Event.place.in_(chosen) if chosen else false()


def article_ids(session: Session, ref: str | int) -> list[int]:
    """The articles an ``--article`` value names: an id, or a source path (as imported, or resolved)."""
    text = str(ref).strip()
    if text.isascii() and text.isdigit():  # not «²», which isdigit() takes and int() refuses
        wanted = int(text)
        found = (
            session.scalars(select(Article.id).where(Article.id == wanted)).all()
            if _possible_id(session, wanted) else []
        )
        if not found:
            raise TimelineError(f"no article with id {text}")
        return list(found)
    candidates = {text, str(Path(text))}
    with contextlib.suppress(OSError):
        candidates.add(str(Path(text).expanduser().resolve()))
    found = session.scalars(select(Article.id).where(Article.source.in_(candidates))).all()
    if not found:
        # Imported from another directory: the same file under a longer path.
        found = session.scalars(
            select(Article.id).where(Article.source.like(f"%/{_escape_like(text)}", escape="\\"))
        ).all()
    if not found:
        raise TimelineError(f"no article with id or source {text}")
    return list(found)


def search_words(text: str) -> list[str]:
    """The lemmas a full-text query must all find; prepositions and the like are dropped."""
    words = [w for w in _words(text) if w not in pack().stop_words]
    if not words:
        raise TimelineError(f"--search: no words to look for in {text!r}")
    return words


def search_condition(session: Session, text: str) -> ColumnElement[bool]:
    """Events whose title or a mention's sentence holds every word of ``text`` in any form. Both engines search
    the same lemmas (``events_fts``), so they find the same events."""
    words = search_words(text)
    if session.get_bind().dialect.name == "postgresql":
        # The expression of migration 0004's GIN index, so the planner can use it.
        simple = literal_column("'simple'::regconfig")
        vector = func.to_tsvector(simple, SEARCH_INDEX.c.title.concat(" ").concat(SEARCH_INDEX.c.evidence))
        query = func.plainto_tsquery(simple, " ".join(words))
        return Event.id.in_(select(SEARCH_INDEX.c.rowid).where(vector.op("@@")(query)))
    match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
    hits = select(SEARCH_INDEX.c.rowid).where(literal_column(FTS_TABLE).op("MATCH")(match))
    return Event.id.in_(hits)


# ---------------------------------------------------------------- the query


def _given(value: str | int, option: str) -> str:
    """A filter's value; an empty one is refused, not taken as "any" (``--actor "$NAME"``
    with NAME unset would otherwise list everything)."""
    text = str(value)
    if not text.strip():
        raise TimelineError(f"{option}: empty value (leave the option out to list all)")
    return text


def _filters(session: Session, q: EventQuery) -> list[ColumnElement[bool]]:
    """Every condition but the date window."""
    terms: list[ColumnElement[bool]] = []
    if q.actor is not None:
        terms.append(actor_condition(_given(q.actor, "--actor")))
    if q.kind is not None:
        terms.append(Event.kind == _given(q.kind, "--kind").strip().lower())
    if q.status is not None:
        terms.append(Event.status == _given(q.status, "--status").strip().lower())
    if q.place is not None:
        terms.append(place_condition(session, _given(q.place, "--place")))
    if q.search is not None:
        terms.append(search_condition(session, _given(q.search, "--search")))
    if q.article is not None:
        ids = article_ids(session, _given(q.article, "--article"))
        terms.append(Event.id.in_(select(Mention.event_id).where(Mention.article_id.in_(ids))))
    if q.overdue:
        as_of = q.as_of or session.scalar(select(func.max(Article.published)))
        # The status is the latest report's: still planned means no report since said otherwise.
        terms.append(Event.status.in_(AHEAD) if as_of else false())
        if as_of:
            terms.append(Event.end < as_of)
    return terms


_Stmt = TypeVar("_Stmt", Select[Any], CompoundSelect)


def _page(stmt: _Stmt, q: EventQuery) -> _Stmt:
    if q.offset:
        stmt = stmt.offset(q.offset)
    if q.limit is not None:
        stmt = stmt.limit(q.limit)
    return stmt


def _window_ids(filters: list[ColumnElement[bool]]) -> Select[tuple[int]]:
    """Ids in a two-sided overlap window, from the index alone when nothing else filters."""
    rows = _overlap_rows()
    stmt = select(rows.c.id)
    if filters:
        stmt = stmt.join(Event, Event.id == rows.c.id).where(*filters)
    return stmt


# Everything the outputs show, loaded up front (the session may be closed when they run):
# collections by one SELECT … IN each, the row each of their rows points to joined in.
_ARTICLE_SHOWN = (
    Article.id, Article.source, Article.published, Article.title, Article.imported_at, Article.date_source
)
_LOAD_SHOWN = (
    selectinload(Event.actors).joinedload(EventActor.actor, innerjoin=True),
    selectinload(Event.mentions).joinedload(Mention.article, innerjoin=True).load_only(*_ARTICLE_SHOWN),
    joinedload(Event.article, innerjoin=True).load_only(*_ARTICLE_SHOWN),
)
# PostgreSQL plans the nested joins well, and one round trip beats three (a page of 100
# loads in ~12 ms instead of ~17); SQLite would scan the mentions table for them.
_LOAD_SHOWN_JOINED = (
    joinedload(Event.actors).joinedload(EventActor.actor, innerjoin=True),
    joinedload(Event.mentions).joinedload(Mention.article, innerjoin=True).load_only(*_ARTICLE_SHOWN),
    joinedload(Event.article, innerjoin=True).load_only(*_ARTICLE_SHOWN),
)
# `show` also prints the article text around each mention's sentence, and what each mention said.
_LOAD_ALL = (
    selectinload(Event.actors).joinedload(EventActor.actor, innerjoin=True),
    selectinload(Event.mentions).joinedload(Mention.article, innerjoin=True),
    selectinload(Event.mentions).selectinload(Mention.actors).joinedload(MentionActor.actor, innerjoin=True),
    joinedload(Event.article, innerjoin=True),
)


def _load_shown(session: Session) -> tuple[Any, ...]:
    return _LOAD_SHOWN_JOINED if session.get_bind().dialect.name == "postgresql" else _LOAD_SHOWN


def _ordered_ids(session: Session, q: EventQuery) -> tuple[Select[tuple[int]], Params]:
    """The ids of the matching events in the listing's order (start, end, id; undated last)."""
    if _uses_window_rows(q):
        assert q.start is not None and q.end is not None
        rows = _overlap_rows()
        # "By date, then precision": among events starting the same day, the one that ends first is
        # the finer (day before week before month...).
        order = (rows.c.start_date, rows.c.end_date, rows.c.id)
        return _page(_window_ids(_filters(session, q)).order_by(*order), q), _window_params(q.start, q.end)
    dated, params = date_condition(q)
    stmt = select(Event.id).where(dated, *_filters(session, q))
    return _page(stmt.order_by(Event.start.is_(None), Event.start, Event.end, Event.id), q), params


def _loaded(session: Session, ids: list[int]) -> list[Event]:
    """These events, in this order, with everything the outputs show of them."""
    loaded = session.scalars(select(Event).where(Event.id.in_(ids)).options(*_load_shown(session))).unique().all()
    by_id = {e.id: e for e in loaded}
    return [by_id[i] for i in ids if i in by_id]


STREAM_CHUNK = 500  # events loaded at a time when streaming: one SELECT … IN each, memory for this many


def iter_events(session: Session, q: EventQuery, chunk: int = STREAM_CHUNK) -> Iterator[Event]:
    """:func:`find_events`' events in its order, loaded and handed on a chunk at a time: the first comes
    at once whatever the window, and memory holds one chunk, so an export of a million events never
    holds the million. The ids come from a cursor read as it goes (server-side on PostgreSQL)."""
    stmt, params = _ordered_ids(session, q)
    result = session.connection().execution_options(stream_results=True, yield_per=chunk).execute(stmt, params)
    try:
        for part in result.partitions(chunk):
            yield from _loaded(session, [row[0] for row in part])
            session.expunge_all()  # what was handed on is the caller's now: the session keeps none of it
    finally:
        result.close()


def count_events(session: Session, q: EventQuery) -> int:
    """How many events match (the listing's size, for "the first 100 of 2,321")."""
    stmt, params = _ordered_ids(session, q)
    return session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()), params) or 0


def find_events(session: Session, q: EventQuery) -> list[Event]:
    """The events matching ``q``, by start date then end date (undated last), with
    everything shown about them (actors, mentions, articles) loaded: in two steps, the page's ids,
    ordered (from the index, for a window), then just those rows."""
    stmt, params = _ordered_ids(session, q)
    return _loaded(session, list(session.scalars(stmt, params).all()))


def matching_ids(session: Session, q: EventQuery, naive: bool = False) -> list[int]:
    """The ids of the matching events, unordered; ``naive`` asks the date window in its
    textbook form (``start <= :to AND end >= :from``), for benchmarks and tests."""
    if _uses_window_rows(q, naive):
        assert q.start is not None and q.end is not None
        filters = _filters(session, q)
        stmt = _page(_window_ids(filters) if filters else _overlap_ids(), q)
        params = _window_params(q.start, q.end)
    else:
        dated, params = date_condition(q, naive)
        stmt = _page(select(Event.id).where(dated, *_filters(session, q)), q)
    # Core execution, rows read straight off the driver's cursor: thousands of plain
    # integers need neither an identity map nor result processing (half the time, else).
    result = session.connection().execute(stmt, params)
    try:
        return [row[0] for row in result.cursor.fetchall()]
    finally:
        result.close()


# The largest number an SQL engine takes for an id, LIMIT or OFFSET (a signed 64-bit integer); past
# it the driver raises OverflowError instead of answering. PostgreSQL's INTEGER ids stop at 2^31 - 1.
MAX_SQL_INT = 2**63 - 1
_MAX_PG_INTEGER = 2**31 - 1


def _id_limit(session: Session) -> int:
    """The largest id the id columns hold: INTEGER is 4 bytes on PostgreSQL, 8 on SQLite."""
    return _MAX_PG_INTEGER if session.get_bind().dialect.name == "postgresql" else MAX_SQL_INT


def _possible_id(session: Session, value: int) -> bool:
    """Whether an id could be stored at all; asking for one past the column's range makes the
    driver fail (integer out of range, OverflowError) instead of finding nothing."""
    return 1 <= value <= _id_limit(session)


def get_article(session: Session, article_id: int) -> tuple[Article, list[Mention]]:
    """An article and its mentions in text order (each with its event's kind and title at hand)."""
    if not _possible_id(session, article_id):
        raise TimelineError(f"no article with id {article_id}")
    article = session.get(Article, article_id)
    if article is None:
        raise TimelineError(f"no article with id {article_id}")
    mentions = list(session.scalars(
        select(Mention).where(Mention.article_id == article_id).order_by(Mention.start, Mention.id)
        .options(selectinload(Mention.event))
    ))
    return article, mentions


def get_event(session: Session, event_id: int) -> Event:
    if not _possible_id(session, event_id):
        raise TimelineError(f"no event with id {event_id}")
    stmt = select(Event).where(Event.id == event_id).options(*_LOAD_ALL)
    event = session.scalars(stmt).first()
    if event is None:
        raise TimelineError(f"no event with id {event_id}")
    return event


# ---------------------------------------------------------------- listings


@dataclass(frozen=True)
class ArticleRow:
    id: int
    published: date
    source: str | None
    title: str | None
    events: int
    date_source: str | None = None  # how ``published`` was found (timeline.sources.published)
    author: str | None = None


@dataclass(frozen=True)
class ActorRow:
    id: int
    name: str
    type: str
    events: int


def list_articles(session: Session) -> list[ArticleRow]:
    counts = (
        select(Event.article_id, func.count().label("n")).group_by(Event.article_id).subquery()
    )
    stmt = (
        select(Article.id, Article.published, Article.source, Article.title, func.coalesce(counts.c.n, 0),
               Article.date_source, Article.author)
        .outerjoin(counts, counts.c.article_id == Article.id)
        .order_by(Article.published, Article.id)
    )
    return [ArticleRow(*row) for row in session.execute(stmt).all()]


def list_actors(session: Session) -> list[ActorRow]:
    n = func.count(func.distinct(EventActor.event_id))
    stmt = (
        select(Actor.id, Actor.name, Actor.type, n)
        .outerjoin(EventActor, EventActor.actor_id == Actor.id)
        .group_by(Actor.id, Actor.name, Actor.type)
        .order_by(n.desc(), Actor.name)
    )
    return [ActorRow(*row) for row in session.execute(stmt).all()]
