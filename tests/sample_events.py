"""A small database of hand-made events for the query, output and CLI tests.

Rows go in through the ORM, as ingest writes them, so the tests need no extractor.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from timeline import config, db
from timeline.lang.ru.morph import lemma_key
from timeline.models import Actor, Article, Event, EventActor, Mention, MentionActor, span_class
from timeline.search_index import refresh_search_index

PUTIN = ("Владимир Путин", "person")
XI = ("Си Цзиньпин", "person")
EU = ("Европейский союз", "org")
MINFIN = ("Минфин", "org")


@dataclass
class Spec:
    title: str
    kind: str
    start: date | None
    end: date | None
    precision: str | None
    status: str = "occurred"
    modifier: str | None = None
    date_text: str | None = None
    place: str | None = None
    actors: list[tuple[tuple[str, str], str]] = field(default_factory=list)
    sentence: str = ""
    article: str = "a1"


EVENTS: dict[str, Spec] = {
    "day": Spec(
        "Путин провёл переговоры с Си Цзиньпином", "meeting", date(2026, 1, 15), date(2026, 1, 15), "day",
        date_text="15 января 2026 года", place="Москва",
        actors=[(PUTIN, "participant"), (XI, "participant")],
        sentence="15 января 2026 года Владимир Путин провёл переговоры с Си Цзиньпином в Москве.",
    ),
    "week": Spec(
        "Визит делегации", "visit", date(2026, 1, 12), date(2026, 1, 18), "week",
        date_text="на этой неделе", place="Пекин", actors=[(XI, "participant")],
        sentence="На этой неделе делегация посетила Пекин.",
    ),
    "month": Spec(
        "Саммит Евросоюза", "summit", date(2025, 12, 1), date(2025, 12, 31), "month",
        date_text="в декабре", place="Брюссель", actors=[(EU, "participant")],
        sentence="В декабре в Брюсселе прошёл саммит Евросоюза.", article="a2",
    ),
    "deadline": Spec(
        "Минфин подготовит доклад", "report", date(2026, 1, 14), date(2026, 1, 31), "month",
        status="planned", modifier="before", date_text="до конца этого месяца",
        actors=[(MINFIN, "participant")],
        sentence="Минфин подготовит доклад до конца этого месяца.",
    ),
    "range": Spec(
        "Выставка вооружений", "exhibition", date(2025, 10, 8), date(2025, 10, 10), "range",
        date_text="с 8 по 10 октября", place="Москва",
        sentence="С 8 по 10 октября в Москве прошла выставка вооружений.", article="a2",
    ),
    "quarter": Spec(
        "Запуск новой программы", "launch", date(2026, 1, 1), date(2026, 3, 31), "quarter",
        status="expected", date_text="в первом квартале 2026 года",
        sentence="Программу запустят в первом квартале 2026 года.",
    ),
    "year": Spec(
        "Рост экономики", "economy", date(2025, 1, 1), date(2025, 12, 31), "year",
        date_text="в 2025 году", sentence="В 2025 году экономика выросла на 1%.", article="a2",
    ),
    "after": Spec(
        "Возобновление поставок", "trade", date(2026, 5, 10), date(2026, 5, 10), "day",
        status="possible", modifier="after", date_text="после 10 мая",
        sentence="Поставки могут возобновить после 10 мая.",
    ),
    "undated": Spec(
        "Переговоры продолжатся", "meeting", None, None, None,
        status="expected", date_text="в ближайшем будущем", actors=[(PUTIN, "participant")],
        sentence="Переговоры продолжатся в ближайшем будущем, сообщил Путин.",
    ),
}

ARTICLES = {
    "a1": ("news/a1.txt", date(2026, 1, 14), "Переговоры в Москве"),
    "a2": ("news/a2.txt", date(2025, 12, 20), "Итоги года"),
}


@dataclass
class Sample:
    url: str
    events: dict[str, int]
    articles: dict[str, int]


def populate(url: str) -> Sample:
    """Migrate the database at ``url`` and store the articles and events above."""
    engine = db.open_for_write(config.DatabaseLocation(url, "test"))
    event_ids: dict[str, int] = {}
    article_ids: dict[str, int] = {}
    with db.session_scope(engine, write=True) as session:
        texts: dict[str, str] = {}
        for key, (source, published, title) in ARTICLES.items():
            sentences = [s.sentence for s in EVENTS.values() if s.article == key]
            texts[key] = f"{title}\n\n" + " ".join(sentences)
            article = Article(
                sha256=hashlib.sha256(texts[key].encode()).hexdigest(), source=source, published=published,
                title=title, text=texts[key], language="ru", imported_at=datetime.now(UTC),
            )
            session.add(article)
            session.flush()
            article_ids[key] = article.id
        actors: dict[tuple[str, str], Actor] = {}
        for name, spec in EVENTS.items():
            event = Event(
                article_id=article_ids[spec.article], kind=spec.kind, title=spec.title, status=spec.status,
                start=spec.start, end=spec.end, precision=spec.precision, modifier=spec.modifier,
                span_class=span_class(spec.start, spec.end), date_text=spec.date_text, place=spec.place,
                confidence=0.8,
            )
            for (actor_name, actor_type), role in spec.actors:
                if (actor_name, actor_type) not in actors:
                    actors[(actor_name, actor_type)] = Actor(
                        name=actor_name, type=actor_type, key=lemma_key(actor_name)
                    )
                event.actors.append(EventActor(actor=actors[(actor_name, actor_type)], role=role))
            offset = texts[spec.article].index(spec.sentence)
            event.mentions.append(
                Mention(
                    article_id=article_ids[spec.article], sentence=spec.sentence,
                    start=offset, end=offset + len(spec.sentence), kind=spec.kind, title=spec.title,
                    status=spec.status, start_date=spec.start, end_date=spec.end, precision=spec.precision,
                    modifier=spec.modifier, date_text=spec.date_text, place=spec.place, confidence=0.8, moved=False,
                    actors=[MentionActor(actor=actors[pair], role=role) for pair, role in spec.actors],
                )
            )
            session.add(event)
            session.flush()
            event_ids[name] = event.id
        refresh_search_index(session, event_ids.values())
    engine.dispose()
    return Sample(url, event_ids, article_ids)
