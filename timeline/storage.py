"""Writing one article and its events, in the caller's transaction.

An article is stored once per content (the SHA-256 of its publication date and text, a unique
key): storing the same content again is ``skipped``. A source's identity in the world — the
resolved path of a file, the URL of a web page or feed item — is kept hashed in
``articles.source_key``; a different text with the same key is a new version, and in the same
transaction the old version and its events are deleted and the new one stored (``replaced``).
An article without a key (a JSON Lines item without a URL) is identified by its content alone
and never replaced. Nothing else ever deletes a stored article.

Rows other transactions may write too (actors, then articles) are taken in one global order,
so concurrent importers wait for each other instead of deadlocking.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from functools import cache, lru_cache
from typing import Any, Literal

from sqlalchemy import Connection, bindparam, delete, func, insert, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from timeline.extract.types import EvidenceSpan, ExtractedEvent
from timeline.lang import pack
from timeline.linking import derive, match
from timeline.models import (
    MAX_NAME_CHARS,
    MAX_SHORT_CHARS,
    Actor,
    Article,
    Event,
    EventActor,
    Mention,
    MentionActor,
    span_class,
)
from timeline.search_index import append_to_search, reindex
from timeline.sources import ArticleSource

Outcome = Literal["imported", "replaced", "skipped", "failed"]
ActorIds = dict[tuple[str, str], int]


def key_hash(key: str) -> str:
    """The stored form of an identity (``url:…``, ``file:…``): its SHA-256, as a URL may be longer than
    an index holds."""
    return hashlib.sha256(key.encode()).hexdigest()


def source_key(source: ArticleSource) -> str | None:
    """The stored form of a source's identity, or None for one identified by its content alone."""
    key = getattr(source, "key", None)
    return key_hash(key) if key else None


def clip(value: str | None, limit: int) -> str | None:
    """At most ``limit`` characters, cut at a space where one is near: the same on every engine
    (SQLite would store a longer value, PostgreSQL refuses it)."""
    if value is None or len(value) <= limit:
        return value
    cut = value.rfind(" ", limit // 2, limit)
    return value[: cut if cut > 0 else limit - 1].rstrip() + "…"


# Statements are built once, with bound parameters: building and caching a statement per call cost
# more than the database spends on it.
_articles, _events, _links = Article.__table__, Event.__table__, EventActor.__table__
_mentions, _mention_actors, _actors = Mention.__table__, MentionActor.__table__, Actor.__table__

_FIND_ARTICLE = select(_articles.c.id, _articles.c.sha256).where(
    or_(_articles.c.sha256 == bindparam("sha256"), _articles.c.source_key == bindparam("source_key"))
)
_FIND_SHA = select(_articles.c.id).where(_articles.c.sha256 == bindparam("sha256"))
_FIND_ACTORS = select(_actors.c.id, _actors.c.name, _actors.c.type).where(
    # «name IN (…)» searches the (name, type) index; a row-value IN would make SQLite scan it.
    _actors.c.name.in_(bindparam("names", expanding=True))
)
# Candidates for a dated mention: events of its kinds whose interval may meet it, through the
# (kind, start_date) index; a happening longer than _LONGEST days is not looked for.
_LONGEST = timedelta(days=400)
_MAX_CANDIDATES = 200  # per mention: linking stays cheap however large the store grows
_CANDIDATE_COLUMNS = (
    _events.c.id, _events.c.kind, _events.c.start_date, _events.c.end_date, _events.c.precision, _events.c.place,
    _events.c.status, _events.c.moved_on, _events.c.keywords, _articles.c.published,
)
_CANDIDATES = select(*_CANDIDATE_COLUMNS).join(_articles, _articles.c.id == _events.c.article_id)
_DATED_CANDIDATES = (
    _CANDIDATES
    .where(
        _events.c.kind.in_(bindparam("kinds", expanding=True)),
        _events.c.start_date >= bindparam("from_"), _events.c.start_date <= bindparam("to"),
        _events.c.end_date >= bindparam("reaches"),
    )
)
_DATED_CANDIDATES = _DATED_CANDIDATES.limit(_MAX_CANDIDATES)
# Candidates for a mention older than an event's postponement: events moved since its article was
# written (few: through the moved_on index), filtered by kind and time in Python.
_MOVED_SINCE = _CANDIDATES.where(_events.c.moved_on > bindparam("published")).limit(_MAX_CANDIDATES)
# Candidates for an undated or moved mention: events of its kinds with a participant in common, the
# latest first; for a dated one, the undated such events (a plan told without its date).
_SHARED_CANDIDATES = (
    _CANDIDATES
    .join(_links, _links.c.event_id == _events.c.id)
    .where(
        _events.c.kind.in_(bindparam("kinds", expanding=True)),
        _links.c.actor_id.in_(bindparam("actors", expanding=True)), _links.c.role == "participant",
    )
    .distinct()
    .order_by(_events.c.id.desc())
    .limit(_MAX_CANDIDATES)
)
_SHARED_UNDATED = _SHARED_CANDIDATES.where(_events.c.start_date.is_(None))
# The latest undated events of some kinds (through the (kind, start_date) index).
_UNDATED_OF_KINDS = (
    _CANDIDATES.where(_events.c.kind.in_(bindparam("kinds", expanding=True)), _events.c.start_date.is_(None))
    .order_by(_events.c.id.desc()).limit(_MAX_CANDIDATES)
)

_PARTICIPANTS = (
    select(_links.c.event_id, _links.c.actor_id, _actors.c.name, _actors.c.type, _actors.c.key)
    .join(_actors, _actors.c.id == _links.c.actor_id)
    .where(_links.c.event_id.in_(bindparam("ids", expanding=True)), _links.c.role == "participant")
)
# New events' ids come back with the insert, in the order given: no read after it (a round trip each on
# PostgreSQL). Both engines batch it as one multi-row INSERT … RETURNING (SQLAlchemy's "insertmanyvalues").
_INSERT_EVENTS = insert(_events).returning(_events.c.id, sort_by_parameter_order=True)
_INSERT_LINKS = insert(_links)
_INSERT_MENTIONS = insert(_mentions)
# Mentions' ids are read after their insert: with their sentences, one INSERT … RETURNING of them all
# costs psycopg more to build than two statements (measured: 4.2–5.4 against 2.0–2.1 ms an article).
# This transaction alone writes this article's rows, in order: ascending ids are the order given.
_MENTION_IDS = select(_mentions.c.id).where(_mentions.c.article_id == bindparam("article_id")).order_by(_mentions.c.id)
_INSERT_MENTION_ACTORS = insert(_mention_actors)


def _dialect(connection: Connection) -> Any:
    return postgresql if connection.dialect.name == "postgresql" else sqlite


@cache
def _insert_or_ignore(dialect: Any, target: Any, *keys: str) -> Any:
    """INSERT … ON CONFLICT DO NOTHING, in the given dialect."""
    return dialect.insert(target).on_conflict_do_nothing(index_elements=list(keys) or None)


@cache
def _insert_article(dialect: Any) -> Any:
    """INSERT … ON CONFLICT (sha256) DO NOTHING RETURNING id: the new id, or None if it existed."""
    return _insert_or_ignore(dialect, _articles, "sha256").returning(_articles.c.id)


_SOURCE_KEY = select(_articles.c.id).where(_articles.c.source_key == bindparam("source_key")).limit(1)


def holds_source(connection: Connection, key: str) -> bool:
    """Whether an article of this identity (``url:…``, ``file:…``) is stored, in any version."""
    return connection.scalar(_SOURCE_KEY, {"source_key": key_hash(key)}) is not None


def is_stored(connection: Connection, sha: str) -> bool:
    return connection.scalar(_FIND_SHA, {"sha256": sha}) is not None


def actor_pairs(events: Iterable[ExtractedEvent]) -> set[tuple[str, str]]:
    """The (name, type) of every actor of these events, as stored."""
    return {(_actor_name(m.name), m.type) for e in events for m in e.actors}


def actor_key(name: str) -> str:
    """What ``--actor`` matches: the name's lemmas. Actors are shared by the articles of every language,
    and a query names no language, so the key is the default pack's on both sides."""
    return pack().lemma_key(name)


@lru_cache(maxsize=20_000)
def _name_key(name: str) -> str:
    """``actors.key`` of a name, as stored (clipped alike)."""
    return clip(actor_key(name), MAX_NAME_CHARS) or ""


def _actor_name(name: str) -> str:
    return clip(name, MAX_NAME_CHARS) or ""


def actor_ids(connection: Connection, pairs: set[tuple[str, str]]) -> ActorIds:
    """Ids of the (name, type) actors, inserting the missing ones."""
    if not pairs:
        return {}
    names = {"names": sorted({name for name, _ in pairs})}

    def existing() -> ActorIds:
        rows = connection.execute(_FIND_ACTORS, names)
        return {(name, type_): id_ for id_, name, type_ in rows if (name, type_) in pairs}

    ids = existing()
    missing = sorted(pairs - ids.keys())
    if missing:
        # Rows that other importers may insert too are taken in one global order (sorted),
        # so two transactions never wait on each other crosswise (no deadlock on PostgreSQL).
        connection.execute(
            _insert_or_ignore(_dialect(connection), _actors, "name", "type"),
            [{"name": name, "type": type_, "key": clip(actor_key(name), MAX_NAME_CHARS)} for name, type_ in missing],
        )
        ids = existing()  # ours, and any a concurrent importer inserted meanwhile
    return ids


def store_article(
    connection: Connection, source: ArticleSource, events: list[ExtractedEvent], force: bool = False,
    known_actors: ActorIds | None = None,
) -> tuple[Outcome, int | None]:
    """Store one article and its events' mentions in the connection's transaction, each linked to the
    event (happening) it reports. ``force`` replaces the mentions of an article already stored with
    the same content (after an upgrade of the extractor). ``known_actors``: ids of actors the caller
    has already taken (a batch takes them all first)."""
    sha = source.sha256
    key = source_key(source)
    # One look for both: this very content (skip it) and older versions of the same source.
    rows = connection.execute(_FIND_ARTICLE, {"sha256": sha, "source_key": key}).all()
    if any(row.sha256 == sha for row in rows) and not force:
        return "skipped", None
    # Actors before the article: every transaction takes shared rows in the same order.
    pairs = actor_pairs(events)
    ids = known_actors if known_actors is not None and pairs <= known_actors.keys() else actor_ids(connection, pairs)
    lock_linking(connection)  # after the actors, before any article: one order for every importer
    same = next((row.id for row in rows if row.sha256 == sha), None)  # stored already: read again (force)
    old = [row.id for row in rows if row.id != same]
    if old:  # the new version takes the source's key
        connection.execute(update(_articles).where(_articles.c.id.in_(old)).values(source_key=None))
    if same is not None:
        article_id = same
    else:
        article_id = connection.scalar(
            _insert_article(_dialect(connection)),
            {
                "sha256": sha,
                "source": source.source,
                "source_key": key,
                "published": source.published,
                "title": source.title,
                "text": source.text,
                "language": source.language,
                "imported_at": datetime.now(UTC),
                "date_source": source.date_source,
                "author": source.author,
            },
        )
        if article_id is None:
            return "skipped", None  # another importer stored it between our check and our insert
    # What this source said before (an older version, or this one read again) is taken back; the
    # events left without a mention wait for the new reading, so a happening keeps its id.
    reserved = _take_back(connection, [*old, *([same] if same is not None else [])], article_id)
    if old:
        connection.execute(delete(_articles).where(_articles.c.id.in_(old)))
    if events:
        _store_mentions(connection, article_id, source.published, events, ids, reserved)
    rederive(connection, [c.key for c in reserved])  # those no mention came back to go
    return ("replaced" if old or same is not None else "imported"), article_id


def _take_back(connection: Connection, article_ids: Sequence[int], home: int) -> list[match.Candidate]:
    """Delete the mentions of these articles. Events other articles report too are derived again from
    what is left; events left without mentions move to ``home`` and are returned as candidates for
    its new mentions (``rederive`` deletes those none comes back to)."""
    if not article_ids:
        return []
    touched = sorted(connection.scalars(
        select(_mentions.c.event_id).where(_mentions.c.article_id.in_(article_ids)).distinct()
    ))
    if not touched:
        return []
    rows = connection.execute(_CANDIDATES.where(_events.c.id.in_(touched))).all()
    reserved = {c.key: c for c in _as_candidates(connection, rows, in_article=True, again=True)}
    connection.execute(delete(_mention_actors).where(
        _mention_actors.c.mention_id.in_(select(_mentions.c.id).where(_mentions.c.article_id.in_(article_ids)))
    ))
    connection.execute(delete(_mentions).where(_mentions.c.article_id.in_(article_ids)))
    kept = set(connection.scalars(select(_mentions.c.event_id).where(_mentions.c.event_id.in_(touched)).distinct()))
    rederive(connection, sorted(kept))  # moved to one of the articles that still report them
    emptied = [event_id for event_id in touched if event_id not in kept]
    if emptied:
        connection.execute(update(_events).where(_events.c.id.in_(emptied)).values(article_id=home))
    return [reserved[event_id] for event_id in emptied]


def _report(event: ExtractedEvent, published: date, ids: ActorIds) -> match.Report:
    keys = {
        ids[(_actor_name(a.name), a.type)]: match.actor_key(_name_key(_actor_name(a.name)), a.type)
        for a in event.actors if a.role == "participant"
    }
    return match.Report(
        event.kind, event.start, event.end, event.precision, clip(event.place, MAX_NAME_CHARS), published,
        event.moved, set(keys), event.status, keys, frozenset(event.keywords),
    )


def _candidates(
    connection: Connection, reports: Sequence[match.Report], published: date,
) -> list[list[match.Candidate]]:
    """For each report, the stored events it may report, found through indexes, never by a scan of all
    events: those whose interval meets its own (a postponement: near it), those moved since the
    article was written (one look for the whole article), those undated sharing a participant; for an
    undated report, those dated near its article's date and the latest undated of its kinds that share
    a key word with it. The participants of them all are read in one query."""
    # Each report's own lookups — its window, its participants — and the article's shared ones are
    # asked together: one statement an article on PostgreSQL, where every statement is a round trip
    # (cached statements one by one on SQLite, where none is).
    lookups: list[tuple[int, int, Any, dict[str, Any]]] = []  # (report, slot, statement, parameters)
    ends: list[tuple[list[str], date | None, date | None]] = []  # kinds, and a dated report's window
    undated: dict[tuple[str, ...], int] = {}  # the kinds of undated reports, each looked up once: its lookup key
    for i, report in enumerate(reports):
        kinds = sorted(match.compatible_kinds(report.kind))
        if report.start is not None and report.end is not None:
            before = report.start - min(_LONGEST, report.start - date.min)
            after = report.end + min(_LONGEST, date.max - report.end)
            # A new date, or an old one told after it passed («изначально был назначен на 26 февраля»):
            # the happening may lie anywhere near.
            wide = report.moved or match.stale(report)
            window = {"kinds": kinds, "from_": before, "to": after if wide else report.end,
                      "reaches": date.min if wide else report.start}
            lookups.append((i, _WINDOW, _DATED_CANDIDATES, window))
            ends.append((kinds, before, after))
        else:
            ends.append((kinds, None, None))
            if tuple(kinds) not in undated:
                # An undated report («перенос саммита подтвердили»): the events of its kinds dated near
                # its article's date, and the latest undated ones; the same for every undated report of
                # those kinds in the article. Keyed below the reports' own (negative).
                key = undated[tuple(kinds)] = -len(undated) - 1
                near = {"kinds": kinds, "from_": match.shifted(published, -_LONGEST),
                        "to": match.shifted(published, match.UNDATED_AFTER),
                        "reaches": match.shifted(published, -max(match.UNDATED_BEFORE, match.TOLD_AS_PAST))}
                lookups.append((key, _WINDOW, _DATED_CANDIDATES, near))
                lookups.append((key, _LATEST_UNDATED, _UNDATED_OF_KINDS, {"kinds": kinds}))
        if report.participants:
            shared = _SHARED_CANDIDATES if report.start is None or report.moved else _SHARED_UNDATED
            lookups.append((i, _PARTICIPANTS_SLOT, shared, {"kinds": kinds, "actors": sorted(report.participants)}))
    if any(r.start is not None and not r.moved for r in reports):
        lookups.append((0, _MOVED, _MOVED_SINCE, {"published": published}))  # one look for the whole article
    looked_up = _look_up(connection, lookups)
    words_of = {key: [(r, match.key_words(r.keywords)) for r in (*looked_up[key, _WINDOW],
                                                                 *looked_up[key, _LATEST_UNDATED])]
                for key in undated.values()}  # parsed once
    rows: list[list[Any]] = []
    for i, (report, (kinds, before, after)) in enumerate(zip(reports, ends, strict=True)):
        found: list[Any] = []
        if before is not None and after is not None:
            found = list(looked_up[i, _WINDOW])
            if not report.moved:
                found += [r for r in looked_up[0, _MOVED] if r.kind in kinds and before <= r.start_date <= after]
        else:
            # Of those, the ones that share a key word with it: a reader would not tie it to the others.
            found = [r for r, words in words_of[undated[tuple(kinds)]] if report.words & words]
        if report.participants:
            found += looked_up[i, _PARTICIPANTS_SLOT]
        rows.append(found)
    made = {c.key: c for c in _as_candidates(connection, [r for found in rows for r in found])}
    return [[made[i] for i in dict.fromkeys(r.id for r in found)] for found in rows]


# The kinds of lookup (``_look_up``'s slots): an interval's window, a participant in common, the
# latest undated events of some kinds, the events moved since the article was written.
_WINDOW, _PARTICIPANTS_SLOT, _LATEST_UNDATED, _MOVED = range(4)

# PostgreSQL: every lookup of an article in one statement of fixed text (compiled once): one row of
# parameters a lookup, each answered by a LATERAL subquery through the same indexes as alone.
_PG_COLUMNS = ("e.id, e.kind, e.start_date, e.end_date, e.precision, e.place, e.status, e.moved_on, "
               "e.keywords, a.published")
_PG_LOOKUPS = text(f"""
SELECT {_WINDOW} AS slot, l.n AS lookup, c.* FROM unnest(CAST(:ns AS integer[]), CAST(:kinds AS text[]),
    CAST(:froms AS date[]), CAST(:tos AS date[]), CAST(:reaches AS date[])) AS l(n, kinds, from_, to_, reaches)
CROSS JOIN LATERAL (
    SELECT {_PG_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id
    WHERE e.kind = ANY(string_to_array(l.kinds, ',')) AND e.start_date >= l.from_ AND e.start_date <= l.to_
      AND e.end_date >= l.reaches
    LIMIT {_MAX_CANDIDATES}) AS c
UNION ALL
SELECT {_PARTICIPANTS_SLOT}, l.n, c.* FROM unnest(CAST(:shared_ns AS integer[]), CAST(:shared_kinds AS text[]),
    CAST(:actors AS text[]), CAST(:undated AS boolean[])) AS l(n, kinds, actors, undated)
CROSS JOIN LATERAL (
    SELECT DISTINCT {_PG_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id
      JOIN event_actors ea ON ea.event_id = e.id
    WHERE e.kind = ANY(string_to_array(l.kinds, ','))
      AND ea.actor_id = ANY(CAST(string_to_array(l.actors, ',') AS integer[])) AND ea.role = 'participant'
      AND (NOT l.undated OR e.start_date IS NULL)
    ORDER BY e.id DESC LIMIT {_MAX_CANDIDATES}) AS c
UNION ALL
SELECT {_LATEST_UNDATED}, l.n, c.* FROM unnest(CAST(:latest_ns AS integer[]), CAST(:latest_kinds AS text[]))
    AS l(n, kinds)
CROSS JOIN LATERAL (
    SELECT {_PG_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id
    WHERE e.kind = ANY(string_to_array(l.kinds, ',')) AND e.start_date IS NULL
    ORDER BY e.id DESC LIMIT {_MAX_CANDIDATES}) AS c
UNION ALL
SELECT {_MOVED}, 0, c.* FROM (
    SELECT {_PG_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id
    WHERE e.moved_on > CAST(:moved_since AS date)
    LIMIT {_MAX_CANDIDATES}) AS c""")


def _look_up(
    connection: Connection, lookups: list[tuple[int, int, Any, dict[str, Any]]]
) -> dict[tuple[int, int], list[Any]]:
    """The rows of each lookup (key, slot, candidate statement, parameters), by (key, slot): on
    PostgreSQL, where each statement is a round trip, one statement for them all; elsewhere the
    cached statements one by one."""
    found: dict[tuple[int, int], list[Any]] = defaultdict(list)
    if connection.dialect.name != "postgresql":
        for key, slot, stmt, params in lookups:
            found[key, slot] = list(connection.execute(stmt, params))
        return found
    if not lookups:
        return found
    of = {slot: [(key, stmt, p) for key, s, stmt, p in lookups if s == slot] for slot in range(4)}
    rows = connection.execute(_PG_LOOKUPS, {
        "ns": [key for key, _, _ in of[_WINDOW]], "kinds": [",".join(p["kinds"]) for _, _, p in of[_WINDOW]],
        "froms": [p["from_"] for _, _, p in of[_WINDOW]], "tos": [p["to"] for _, _, p in of[_WINDOW]],
        "reaches": [p["reaches"] for _, _, p in of[_WINDOW]],
        "shared_ns": [key for key, _, _ in of[_PARTICIPANTS_SLOT]],
        "shared_kinds": [",".join(p["kinds"]) for _, _, p in of[_PARTICIPANTS_SLOT]],
        "actors": [",".join(map(str, p["actors"])) for _, _, p in of[_PARTICIPANTS_SLOT]],
        "undated": [stmt is _SHARED_UNDATED for _, stmt, _ in of[_PARTICIPANTS_SLOT]],
        "latest_ns": [key for key, _, _ in of[_LATEST_UNDATED]],
        "latest_kinds": [",".join(p["kinds"]) for _, _, p in of[_LATEST_UNDATED]],
        # None: no report wants them, and the comparison with NULL finds none
        "moved_since": next((p["published"] for _, _, p in of[_MOVED]), None),
    })
    for row in rows:
        found[row.lookup, row.slot].append(row)
    return found


def _as_candidates(connection: Connection, rows: Sequence[Any], **flags: bool) -> list[match.Candidate]:
    """Stored events (rows of ``_CANDIDATES``) as the matcher sees them, with their participants read
    in one query; ``flags`` set the same on each (``in_article``, ``again``)."""
    found: dict[int, match.Candidate] = {}
    for r in rows:
        if r.id not in found:
            found[r.id] = match.Candidate(r.id, r.kind, r.start_date, r.end_date, r.precision, r.place,
                                          status=r.status, moved_on=r.moved_on, published=r.published,
                                          words=set(match.key_words(r.keywords)), **flags)
    if found:
        for event_id, actor_id, name, actor_type, key in connection.execute(_PARTICIPANTS, {"ids": sorted(found)}):
            c = found[event_id]
            c.participants.add(actor_id)
            c.names[actor_id] = name
            c.keys[actor_id] = match.actor_key(key, actor_type)
    return list(found.values())


# Linking reads events that another importer may be creating: two transactions that both find no
# event would each make one. On PostgreSQL they take this advisory lock (held to commit) first, so
# the second reads the first's event; SQLite's write lock, taken at BEGIN, does the same there.
# Taken after the actors and before any article, by every writer, so no two wait on each other.
_LINKING_LOCK = 0x74696D656C696E65  # "timeline"


def lock_linking(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(_LINKING_LOCK)))


def _store_mentions(
    connection: Connection, article_id: int, published: date, events: list[ExtractedEvent], ids: ActorIds,
    reserved: Sequence[match.Candidate] = (),
) -> None:
    """Each extracted event is one sentence's report, a mention (one per evidence sentence): it joins
    the event it reports — told earlier in this article or stored from another — or starts a new one;
    then every event it touched is derived again from all its mentions."""
    names = {ident: name for (name, _type), ident in ids.items()}
    local: list[match.Candidate] = list(reserved)  # the events this article reports so far
    targets: list[tuple[int, str | None]] = []  # per extracted event: a stored id, or -(new index)-1
    new: list[ExtractedEvent] = []
    reports = [_report(event, published, ids) for event in events]
    stored = _candidates(connection, reports, published)
    for event, report, candidates in zip(events, reports, stored, strict=True):
        here = {c.key for c in local}
        found = match.link(report, [*local, *(c for c in candidates if c.key not in here)])
        if found is None:
            new.append(event)
            key, reason = -len(new), None
        else:
            key, reason = found.key, found.reason
        targets.append((key, reason))
        candidate = next((c for c in local if c.key == key), None)
        if candidate is None:  # a stored event this article reports now, or a new one
            stored_one = next((c for c in candidates if c.key == key), None)
            # As this article tells it: its status, for what it tells as past and to come.
            candidate = replace(stored_one, in_article=True, participants=set(stored_one.participants),
                                names=dict(stored_one.names), keys=dict(stored_one.keys), words=set(stored_one.words),
                                status=report.status) if stored_one else (
                match.Candidate(key, event.kind, event.start, event.end, event.precision, report.place,
                                in_article=True, status=event.status))
            local.append(candidate)
        candidate.participants |= report.participants
        candidate.names.update({a: names.get(a, str(a)) for a in report.participants})
        candidate.keys.update(report.keys)
        candidate.words |= report.words
        if candidate.start is None and event.start is not None:  # an undated first report, dated now
            candidate.start, candidate.end, candidate.precision = event.start, event.end, event.precision
    new_ids = _insert_events(connection, article_id, new) if new else []
    rows, actor_rows = [], []
    for (key, reason), event in zip(targets, events, strict=True):
        event_id = new_ids[-key - 1] if key < 0 else key
        for n, span in enumerate(event.evidence):
            # The extractor's one report in two sentences: a lede told again in the body, or continued.
            rows.append(_mention_row(event_id, article_id, event, span, reason if n == 0 else match.RETOLD))
    connection.execute(_INSERT_MENTIONS, rows)
    mention_ids = connection.scalars(_MENTION_IDS, {"article_id": article_id}).all()
    _record_dated_by(connection, events, mention_ids)
    at = 0
    for event in events:
        links = {(ids[(_actor_name(a.name), a.type)], a.role) for a in event.actors}
        for _span in event.evidence:
            actor_rows.extend({"mention_id": mention_ids[at], "actor_id": a, "role": r} for a, r in sorted(links))
            at += 1
    if actor_rows:
        connection.execute(_INSERT_MENTION_ACTORS, actor_rows)
    touched = sorted({new_ids[-key - 1] if key < 0 else key for key, _ in targets})
    fresh = set(new_ids) | {c.key for c in reserved}  # no search entry yet, or one to rebuild
    gained: dict[int, list[str]] = {}
    for (key, _), event in zip(targets, events, strict=True):
        if key > 0 and key not in fresh:
            gained.setdefault(key, []).extend(span.text for span in event.evidence)
    rederive(connection, touched, gained)


_SET_DATED_BY = (
    update(_mentions).where(_mentions.c.id == bindparam("mention_id")).values(dated_by=bindparam("referent"))
)


def _record_dated_by(connection: Connection, events: list[ExtractedEvent], mention_ids: Sequence[int]) -> None:
    """Each mention another happening dated points at that happening's first mention in the article."""
    first: list[int] = []  # the first mention id of each extracted event
    at = 0
    for event in events:
        first.append(mention_ids[at])
        at += len(event.evidence)
    dated = [
        {"mention_id": first[i], "referent": first[e.dated_by]}
        for i, e in enumerate(events) if e.dated_by is not None and 0 <= e.dated_by < len(events)
    ]
    if dated:
        connection.execute(_SET_DATED_BY, dated)


def _mention_row(
    event_id: int, article_id: int, event: ExtractedEvent, span: EvidenceSpan, reason: str | None,
) -> dict[str, object]:
    return {
        "event_id": event_id, "article_id": article_id, "sentence": span.text, "start_offset": span.start,
        "end_offset": span.end, "kind": clip(event.kind, MAX_SHORT_CHARS), "title": event.title,
        "status": event.status, "start_date": event.start, "end_date": event.end, "precision": event.precision,
        "modifier": event.modifier, "date_text": event.date_text, "count": event.count,
        "duration": clip(event.duration, MAX_SHORT_CHARS), "place": clip(event.place, MAX_NAME_CHARS),
        "confidence": event.confidence, "moved": event.moved, "linked_by": reason,
        "keywords": " ".join(event.keywords) or None,
    }


def _insert_events(connection: Connection, article_id: int, events: list[ExtractedEvent]) -> list[int]:
    """New events, with the fields of their first report until ``rederive`` reads them all; their ids."""
    # Core executemany on the tables: the ORM's unit of work costs more than the database here.
    return list(connection.scalars(
        _INSERT_EVENTS,
        [
            {
                "article_id": article_id, "kind": clip(e.kind, MAX_SHORT_CHARS), "title": e.title,
                "status": e.status, "start_date": e.start, "end_date": e.end, "precision": e.precision,
                "modifier": e.modifier, "span_class": span_class(e.start, e.end), "date_text": e.date_text,
                "count": e.count, "duration": clip(e.duration, MAX_SHORT_CHARS),
                "place": clip(e.place, MAX_NAME_CHARS), "confidence": e.confidence,
            }
            for e in events
        ],
    ).all())


_REPORTS = (
    select(
        _mentions.c.id, _mentions.c.event_id, _mentions.c.article_id, _articles.c.published,
        _mentions.c.start_offset, _mentions.c.kind, _mentions.c.title, _mentions.c.status, _mentions.c.start_date,
        _mentions.c.end_date, _mentions.c.precision, _mentions.c.modifier, _mentions.c.date_text,
        _mentions.c.count, _mentions.c.duration, _mentions.c.place, _mentions.c.confidence, _mentions.c.moved,
        _mentions.c.keywords,
    )
    .join(_articles, _articles.c.id == _mentions.c.article_id)
    .where(_mentions.c.event_id.in_(bindparam("ids", expanding=True)))
    .order_by(_mentions.c.id)  # in the order stored, so ties fall alike on every engine
)
_REPORT_ACTORS = (
    select(_mention_actors.c.mention_id, _mention_actors.c.actor_id, _mention_actors.c.role)
    .join(_mentions, _mentions.c.id == _mention_actors.c.mention_id)
    .where(_mentions.c.event_id.in_(bindparam("ids", expanding=True)))
)
_UPDATE_EVENT = (
    update(_events).where(_events.c.id == bindparam("event_id"))
    .values({name: bindparam(name) for name in (
        "article_id", "kind", "title", "status", "start_date", "end_date", "precision", "modifier",
        "span_class", "date_text", "count", "duration", "place", "confidence", "moved_on", "keywords",
    )})
)


_ACTOR_KEYS = select(_actors.c.id, _actors.c.name, _actors.c.type, _actors.c.key).where(
    _actors.c.id.in_(bindparam("ids", expanding=True))
)


def _one_name_each(actor_ids: set[int], connection: Connection) -> Callable[[int, set[tuple[int, str]]], int]:
    """An event's actors one each: «Курбатов» in one article and «Олег Курбатов» in another are one
    person (the same ``actor_key`` among the event's actors), shown by the fullest name."""
    if not actor_ids:
        return lambda a, _actors: a
    found = {r.id: (match.actor_key(r.key, r.type), r.type, len(r.name)) for r in connection.execute(
        _ACTOR_KEYS, {"ids": sorted(actor_ids)})}

    def pick(actor: int, actors: set[tuple[int, str]]) -> int:
        key = found.get(actor)
        if key is None:
            return actor
        same = [a for a, _ in actors if found.get(a, (None, None))[:2] == key[:2]]
        return max(same, key=lambda a: (found[a][2], -a))

    return pick


def rederive(
    connection: Connection, event_ids: Sequence[int], gained: Mapping[int, list[str]] | None = None,
) -> list[int]:
    """Derive these events again from their mentions (``timeline.linking.derive``): their fields, their
    actors and their search entry. An event left without mentions is deleted. Returns the ids kept.
    ``gained``: indexed events that only gained mentions, with the new sentences — their search entry
    is added to rather than rebuilt."""
    if not event_ids:
        return []
    params = {"ids": list(event_ids)}
    actors: dict[int, list[tuple[int, str]]] = {}
    for mention_id, actor_id, role in connection.execute(_REPORT_ACTORS, params):
        actors.setdefault(mention_id, []).append((actor_id, role))
    reports: dict[int, list[derive.Report]] = {}
    for r in connection.execute(_REPORTS, params):
        reports.setdefault(r.event_id, []).append(derive.Report(
            r.published, r.article_id, r.start_offset, r.kind, r.title, r.status, r.start_date, r.end_date,
            r.precision, r.modifier, r.date_text, r.count, r.duration, r.place, r.confidence, bool(r.moved),
            tuple(actors.get(r.id, ())), tuple(match.key_words(r.keywords)),
        ))
    empty = sorted(set(event_ids) - reports.keys())
    if empty:
        connection.execute(delete(_events).where(_events.c.id.in_(empty)))
    kept = sorted(reports)
    if not kept:
        return []
    updates, links = [], []
    derived = {event_id: derive.derive(reports[event_id]) for event_id in kept}
    one_name = _one_name_each({a for d in derived.values() for a, _ in d.actors}, connection)
    for event_id in kept:
        d = derived[event_id]
        updates.append({
            "event_id": event_id, "article_id": d.article_id, "kind": d.kind, "title": d.title, "status": d.status,
            "start_date": d.start, "end_date": d.end, "precision": d.precision, "modifier": d.modifier,
            "span_class": span_class(d.start, d.end), "date_text": d.date_text, "count": d.count,
            "duration": d.duration, "place": d.place, "confidence": d.confidence, "moved_on": d.moved_on,
            "keywords": d.keywords,
        })
        actors = {(one_name(a, d.actors), role) for a, role in d.actors}
        links.extend({"event_id": event_id, "actor_id": a, "role": role} for a, role in sorted(actors))
    connection.execute(_UPDATE_EVENT, updates)
    connection.execute(delete(_links).where(_links.c.event_id.in_(kept)))
    if links:
        connection.execute(_INSERT_LINKS, links)
    # Same transaction: searchable exactly as stored.
    titles = {u["event_id"]: u["title"] for u in updates}
    append_to_search(connection, [(i, titles[i], gained[i]) for i in kept if gained and i in gained])
    reindex(connection, [i for i in kept if not gained or i not in gained])
    return kept
