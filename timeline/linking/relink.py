"""Rebuild every event from the stored mentions, as an upgraded linker would have made them.

The mentions are read in publication order and linked again with :func:`timeline.linking.match.link`,
as the importer links them article by article, but in memory, with the candidates found through two
indexes (events of a kind by the month they start in; undated events of a kind by participant). Each
event made keeps the id of the old event most of its mentions had, so a cited ``show N`` and an
ICS ``UID`` keep pointing at the same happening; an old event whose mentions all went elsewhere goes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from sqlalchemy import Connection, bindparam, select, update

from timeline.linking import derive, match
from timeline.models import Actor, Article, Event, Mention, MentionActor

_LONGEST = timedelta(days=400)  # as the importer: a happening longer than this is not looked for
_MAX_CANDIDATES = 200  # as the importer: the latest undated events of a kind
_BATCH = 2000
T = TypeVar("T")


@dataclass
class _Cluster:
    """An event being rebuilt: its reports (and their mention ids) and what the matcher sees of it."""

    reports: list[derive.Report] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)
    old_ids: list[int] = field(default_factory=list)
    reasons: list[str | None] = field(default_factory=list)  # why each mention joined
    candidate: match.Candidate | None = None


@dataclass
class RelinkSummary:
    mentions: int
    events_before: int
    events_after: int


class _Index:
    """Clusters by (kind, month of start; month 0 for the undated) and by (kind, participant) — what the
    store's candidate queries find (``storage._candidates``)."""

    UNDATED = 0  # the month of an undated cluster (a real one counts from year 1: 13 and up)

    def __init__(self) -> None:
        self.by_month: dict[tuple[str, int], set[int]] = defaultdict(set)
        self.by_actor: dict[tuple[str, int], set[int]] = defaultdict(set)
        self.placed: dict[int, list[tuple[str, int]]] = {}
        self.words: dict[int, set[str]] = {}

    @staticmethod
    def _month(d: date) -> int:
        return d.year * 12 + d.month

    def put(self, key: int, c: match.Candidate) -> None:
        for k in self.placed.pop(key, []):
            self.by_month.get(k, set()).discard(key)
            self.by_actor.get(k, set()).discard(key)
        self.words[key] = c.words
        keys = [(c.kind, self.UNDATED if c.start is None else self._month(c.start))]
        self.by_month[keys[0]].add(key)
        for actor in c.participants:
            keys.append((c.kind, -actor))
            self.by_actor[keys[-1]].add(key)
        self.placed[key] = keys

    def near(self, report: match.Report) -> set[int]:
        found: set[int] = set()
        kinds = match.compatible_kinds(report.kind)
        if report.start is not None and report.end is not None:
            first = self._month(report.start - min(_LONGEST, report.start - date.min))
            last = self._month(report.end + min(_LONGEST, date.max - report.end))
            for kind in kinds:
                for month in range(first, last + 1):
                    found |= self.by_month.get((kind, month), set())
        else:  # undated: dated near its article's date, and the latest undated of its kinds, sharing a key word
            first = self._month(match.shifted(report.published, -_LONGEST))
            last = self._month(match.shifted(report.published, match.UNDATED_AFTER))
            near: set[int] = set()
            for kind in kinds:
                for month in range(first, last + 1):
                    near |= self.by_month.get((kind, month), set())
                near.update(sorted(self.by_month.get((kind, self.UNDATED), ()))[-_MAX_CANDIDATES:])
            found |= {key for key in near if report.words & self.words.get(key, set())}
        for kind in kinds:
            for actor in report.participants:
                found |= self.by_actor.get((kind, -actor), set())
        return found


def _candidate(key: int, cluster: _Cluster, names: dict[int, str], keys: dict[int, str]) -> match.Candidate:
    d = derive.derive(cluster.reports)
    participants = {a for a, role in d.actors if role == "participant"}
    return match.Candidate(
        key, d.kind, d.start, d.end, d.precision, d.place, participants,
        {a: names.get(a, str(a)) for a in participants}, {a: keys[a] for a in participants if a in keys},
        status=d.status, moved_on=d.moved_on, words=set(match.key_words(d.keywords)),
    )


def relink(connection: Connection, advance: Callable[[int], None] | None = None) -> RelinkSummary:
    """Rebuild the events from the mentions, in the connection's transaction. ``advance`` is told how
    many mentions were linked since it was last told (for a progress bar)."""
    from timeline.storage import rederive  # the store derives what it writes; relink writes through it

    people = connection.execute(select(Actor.id, Actor.name, Actor.type, Actor.key)).all()
    names = {a: name for a, name, _, _ in people}
    keys = {a: match.actor_key(key, actor_type) for a, _, actor_type, key in people}
    actors: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for mention_id, actor_id, role in connection.execute(
        select(MentionActor.mention_id, MentionActor.actor_id, MentionActor.role)
    ):
        actors[mention_id].append((actor_id, role))
    mentions = Mention.__table__
    rows = connection.execute(
        select(mentions, Article.published).join(Article, Article.id == mentions.c.article_id)
        # In the order they were stored, as the importer links them: a report's sentences one after
        # another (two happenings told by one sentence, «саммит перенесён»: each its own chain).
        .order_by(Article.published, mentions.c.article_id, mentions.c.id)
    ).all()
    events_before = len(set(connection.scalars(select(Event.id))))
    clusters: list[_Cluster] = []
    index = _Index()
    article: int | None = None
    local: list[int] = []  # clusters of the article being read
    last: int | None = None  # the cluster of the mention before
    done = 0
    for m in rows:
        published = m.published
        if m.article_id != article:
            article, local = m.article_id, []
        mention_actors = tuple(actors.get(m.id, ()))
        words = match.key_words(m.keywords)
        report = derive.Report(
            published, m.article_id, m.start_offset, m.kind, m.title, m.status, m.start_date, m.end_date, m.precision,
            m.modifier, m.date_text, m.count, m.duration, m.place, m.confidence, bool(m.moved), mention_actors,
            tuple(words),
        )
        seen = match.Report(
            m.kind, m.start_date, m.end_date, m.precision, m.place, published, bool(m.moved),
            {a for a, role in mention_actors if role == "participant"}, m.status,
            {a: keys[a] for a, role in mention_actors if role == "participant" and a in keys}, words,
        )
        if m.linked_by == match.RETOLD and last is not None and local and local[-1] == last:
            key, reason = last, m.linked_by  # one report in two sentences, as the extractor made it
        else:
            candidates = []
            for key in {*local, *index.near(seen)}:
                c = clusters[key].candidate
                assert c is not None
                c.in_article = key in local
                candidates.append(c)
            found = match.link(seen, candidates)
            if found is None:
                clusters.append(_Cluster())
                key, reason = len(clusters) - 1, None
            else:
                key, reason = found.key, found.reason
        cluster = clusters[key]
        cluster.reports.append(report)
        cluster.mentions.append(m.id)
        cluster.old_ids.append(m.event_id)
        cluster.reasons.append(reason)
        cluster.candidate = _candidate(key, cluster, names, keys)
        index.put(key, cluster.candidate)
        if key not in local:
            local.append(key)
        last = key
        done += 1
        if advance is not None and done % 100 == 0:
            advance(100)
    if advance is not None and done % 100:
        advance(done % 100)
    ids = _keep_ids(clusters)
    _write(connection, clusters, ids)
    every = sorted(connection.scalars(select(Event.id)))
    kept = [event_id for chunk in _chunks(every, _BATCH) for event_id in rederive(connection, chunk)]
    return RelinkSummary(len(rows), events_before, len(kept))


def _keep_ids(clusters: Sequence[_Cluster]) -> list[int | None]:
    """Each rebuilt event takes the old id most of its mentions had, biggest events first; None: a new one."""
    taken: set[int] = set()
    ids: list[int | None] = [None] * len(clusters)
    for n in sorted(range(len(clusters)), key=lambda n: -len(clusters[n].mentions)):
        for old, _count in Counter(clusters[n].old_ids).most_common():
            if old not in taken:
                taken.add(old)
                ids[n] = old
                break
    return ids


def _write(connection: Connection, clusters: Sequence[_Cluster], ids: list[int | None]) -> None:
    events = Event.__table__
    for n, cluster in enumerate(clusters):
        if ids[n] is None:  # a new event: its first mention's article, fields until derived
            first = cluster.reports[0]
            ids[n] = connection.scalar(
                events.insert().values(
                    article_id=first.article_id, kind=first.kind, title=first.title, status=first.status,
                    confidence=first.confidence,
                ).returning(events.c.id)
            )
    moves = [
        {"mention_id": mention_id, "to": ids[n], "reason": reason}
        for n, cluster in enumerate(clusters)
        for mention_id, reason in zip(cluster.mentions, cluster.reasons, strict=True)
    ]
    statement = (
        update(Mention.__table__).where(Mention.__table__.c.id == bindparam("mention_id"))
        .values(event_id=bindparam("to"), linked_by=bindparam("reason"))
    )
    for chunk in _chunks(moves, _BATCH):
        connection.execute(statement, chunk)


def _chunks(items: Sequence[T], size: int) -> Iterable[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
