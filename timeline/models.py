"""The schema: articles, the mentions of happenings in them, the events (happenings) those mentions
report, and the actors taking part.

Dates are closed intervals of calendar days (``start..end``, both inclusive), as
``shared/spec/dates.md`` defines; an event with no interval keeps both empty.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# One naming convention so that migrations name constraints the same on every engine.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Upper bounds (in days, inclusive) of the length classes an interval falls in.
# The overlap query reads each class through the (span_class, start, end, id) index with a
# bounded start range, so it never scans the whole table; see ``timeline.query``.
SPAN_CLASS_BOUNDS: tuple[int, ...] = (1, 7, 31, 92, 184, 366, 1100, 3660, 36600)


def span_class(start: date | None, end: date | None) -> int | None:
    """The length class of ``start..end``: the index of the first bound it fits."""
    if start is None or end is None:
        return None
    days = (end - start).days + 1
    for i, bound in enumerate(SPAN_CLASS_BOUNDS):
        if days <= bound:
            return i
    return len(SPAN_CLASS_BOUNDS)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# Limits the store enforces on every engine alike (SQLite would take longer values, PostgreSQL not).
MAX_NAME_CHARS = 256
MAX_SHORT_CHARS = 32


def _reported_fields_checks() -> tuple[CheckConstraint, ...]:
    """The values an event and a mention may hold (each table names its own constraints)."""
    return (
        CheckConstraint(
            "status IN ('occurred','ongoing','planned','expected','possible','cancelled','denied','unknown')",
            name="status",
        ),
        CheckConstraint(
            "precision IS NULL OR precision IN "
            "('day','week','month','quarter','half','season','year','range')",
            name="precision",
        ),
        CheckConstraint(
            "modifier IS NULL OR modifier IN ('before','after','start','mid','end','approx')",
            name="modifier",
        ),
        CheckConstraint(
            "(start_date IS NULL AND end_date IS NULL) OR "
            "(start_date IS NOT NULL AND end_date IS NOT NULL AND start_date <= end_date)",
            name="interval",
        ),
    )


class Article(Base):
    __tablename__ = "articles"
    # AUTOINCREMENT: ids are cited (`--article N`), so SQLite must never hand out a deleted one again.
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    # Where it was read, for people: the absolute path, the URL, or ``path:LINE``.
    source: Mapped[str | None] = mapped_column(Text)
    # Its identity in the world, hashed: SHA-256 of ``file:<absolute path>`` or ``url:<url>``; a newer
    # text with the same key is a new version of the same source. NULL: identified by content alone.
    source_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    published: Mapped[date] = mapped_column(Date, index=True)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8), default="ru")
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # How ``published`` was found (timeline.sources.published: date-line, option, field, feed, metadata,
    # url, htmldate); every relative date in the article rests on it. NULL: stored before it was kept.
    date_source: Mapped[str | None] = mapped_column(String(16))
    author: Mapped[str | None] = mapped_column(Text)

    events: Mapped[list[Event]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )
    mentions: Mapped[list[Mention]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        *_reported_fields_checks(),
        # end_date and id too, so the index alone answers a date window (no row lookups).
        Index("ix_events_span_class_start_end", "span_class", "start_date", "end_date", "id"),
        Index("ix_events_end_date", "end_date"),
        # The linker's candidates: events of a kind starting in a window (and --kind alone).
        Index("ix_events_kind_start_date", "kind", "start_date"),
        # Cited as `show N`: a deleted event's id is never given to another (SQLite reuses rowids).
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The article of the event's first mention; its mentions may come from more. Every field below
    # is derived from the mentions (``timeline.linking.derive``).
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="unknown")
    start: Mapped[date | None] = mapped_column("start_date", Date)
    end: Mapped[date | None] = mapped_column("end_date", Date)
    precision: Mapped[str | None] = mapped_column(String(16))
    modifier: Mapped[str | None] = mapped_column(String(16))
    span_class: Mapped[int | None] = mapped_column(SmallInteger)
    date_text: Mapped[str | None] = mapped_column(Text)
    count: Mapped[int | None] = mapped_column(Integer)
    duration: Mapped[str | None] = mapped_column(String(32))
    place: Mapped[str | None] = mapped_column(String(256), index=True)
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    # The publication date of the latest report that moved it (a postponement); an older report of
    # another date is then its old date, not another happening.
    moved_on: Mapped[date | None] = mapped_column(Date, index=True)
    # The key words its mentions give most (derived), space-separated: what the linker compares.
    keywords: Mapped[str | None] = mapped_column(Text)

    article: Mapped[Article] = relationship(back_populates="events")
    actors: Mapped[list[EventActor]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )
    mentions: Mapped[list[Mention]] = relationship(
        back_populates="event",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Mention.id",
    )


class Actor(Base):
    __tablename__ = "actors"
    __table_args__ = (UniqueConstraint("name", "type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(256))  # normalized, nominative
    type: Mapped[str] = mapped_column(String(16))  # person | org | place | country
    # Lower-cased lemmas of the name's words, so any inflected form of a query finds it.
    key: Mapped[str] = mapped_column(String(256), index=True)

    events: Mapped[list[EventActor]] = relationship(back_populates="actor")


class EventActor(Base):
    __tablename__ = "event_actors"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    actor_id: Mapped[int] = mapped_column(
        ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(32), primary_key=True, default="participant")

    event: Mapped[Event] = relationship(back_populates="actors")
    actor: Mapped[Actor] = relationship(back_populates="events")


class Mention(Base):
    """What one sentence of one article says about a happening: the stored truth. An event's fields
    are derived from its mentions (``timeline.linking.derive``), and events can be rebuilt from them."""

    __tablename__ = "mentions"
    __table_args__ = (
        *_reported_fields_checks(),
        # A cited mention keeps its id; SQLite would reuse a deleted rowid.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    sentence: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column("start_offset", Integer)  # into articles.text, half-open
    end: Mapped[int] = mapped_column("end_offset", Integer)
    # As this source reports it.
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="unknown")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    precision: Mapped[str | None] = mapped_column(String(16))
    modifier: Mapped[str | None] = mapped_column(String(16))
    date_text: Mapped[str | None] = mapped_column(Text)
    count: Mapped[int | None] = mapped_column(Integer)
    duration: Mapped[str | None] = mapped_column(String(32))
    place: Mapped[str | None] = mapped_column(String(256))
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    moved: Mapped[bool] = mapped_column(Boolean, default=False)  # the report moves the happening's date
    # The words that tell its happening from others of its kind, space-separated (the linker compares them).
    keywords: Mapped[str | None] = mapped_column(Text)
    # Why it joined its event («the same day, a participant in common»); None for the first mention.
    linked_by: Mapped[str | None] = mapped_column(Text)
    # The mention of the happening that dates this one («по итогам саммита», «на следующий день»).
    dated_by: Mapped[int | None] = mapped_column(ForeignKey("mentions.id", ondelete="SET NULL"))

    event: Mapped[Event] = relationship(back_populates="mentions")
    article: Mapped[Article] = relationship(back_populates="mentions")
    actors: Mapped[list[MentionActor]] = relationship(
        back_populates="mention", cascade="all, delete-orphan", passive_deletes=True
    )


class MentionActor(Base):
    __tablename__ = "mention_actors"

    mention_id: Mapped[int] = mapped_column(ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True)
    actor_id: Mapped[int] = mapped_column(
        ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(32), primary_key=True, default="participant")

    mention: Mapped[Mention] = relationship(back_populates="actors")
    actor: Mapped[Actor] = relationship()


class Feed(Base):
    """A feed followed: ``timeline feeds update`` reads each, conditionally (ETag, Last-Modified)."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # The last read that got an answer, and the validators it gave: the next read asks "if changed".
    checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    # The last read's outcome, for `feeds list`: "ok", "unchanged" or the error.
    last_status: Mapped[str | None] = mapped_column(Text)
    imported: Mapped[int] = mapped_column(Integer, default=0)  # articles imported from it, all reads
