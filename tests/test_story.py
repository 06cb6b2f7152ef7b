"""A story told by several articles: the same happening is one event citing each of them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Engine, func, select

from timeline import config, db, ingest
from timeline.linking.relink import relink
from timeline.models import Article, Event, Mention
from timeline.query import EventQuery, find_events

# The first report of a happening, which later articles in these tests report again.
ANKARA_TALKS = ("2026-03-12", "Переговоры в Анкаре.",
                "Сергей Лавров 10 марта провел переговоры с Хаканом Фиданом в Анкаре.")


def write(path: Path, published: str, *paragraphs: str) -> Path:
    path.write_text(f" date {published} {paragraphs[0]}\n\n" + "\n\n".join(paragraphs[1:]) + "\n", encoding="utf-8")
    return path


def import_files(url: str, *paths: Path) -> Engine:
    """Import the files into the database at ``url``; the engine, to look at what was stored."""
    engine = db.open_for_write(config.resolve(url))
    summary = ingest.import_sources(engine, ingest.iter_sources(list(paths), None))
    assert not summary.failed
    return engine


def test_same_event_from_two_articles_is_one_event_with_two_citations(tmp_path: Path, any_db_url: str) -> None:
    a = write(tmp_path / "a.txt", "2026-03-12", "Лавров встретился с Фиданом.",
              "Министр иностранных дел России Сергей Лавров 10 марта провел переговоры с Хаканом Фиданом в Анкаре.")
    b = write(tmp_path / "b.txt", "2026-03-13", "Итоги визита в Турцию.",
              "Глава МИД РФ Сергей Лавров провел 10 марта переговоры в Анкаре, сообщает ТАСС.",
              "Ранее он посетил Китай.")
    import_files(any_db_url, a)
    engine = import_files(any_db_url, b)
    with db.session_scope(engine) as s:
        talks = s.scalars(select(Event).where(Event.kind == "talks")).all()
        assert len(talks) == 1
        cited = {ev.article.source for ev in talks[0].mentions}
        assert {Path(p).name for p in cited} == {"a.txt", "b.txt"}

    # A new version of the first article: the event stays, now resting on the second article alone.
    write(tmp_path / "a.txt", "2026-03-12", "Лавров встретился с Фиданом.", "Подробности встречи не сообщаются.")
    import_files(any_db_url, tmp_path / "a.txt")
    with db.session_scope(engine) as s:
        talks = s.scalars(select(Event).where(Event.kind == "talks")).all()
        assert len(talks) == 1
        assert [Path(ev.article.source).name for ev in talks[0].mentions] == ["b.txt"]
        assert Path(talks[0].article.source).name == "b.txt"
        assert s.scalar(select(func.count()).select_from(Article)) == 2
        # no mention points at an article that is gone
        orphans = select(func.count()).select_from(Mention).where(Mention.article_id.not_in(select(Article.id)))
        assert s.scalar(orphans) == 0


def test_different_days_stay_different_events(tmp_path: Path, any_db_url: str) -> None:
    a = write(tmp_path / "a.txt", *ANKARA_TALKS)
    b = write(tmp_path / "b.txt", "2026-03-20", "Переговоры в Москве.",
              "Сергей Лавров 18 марта провел переговоры с Хаканом Фиданом в Москве.")
    engine = import_files(any_db_url, a, b)
    with db.session_scope(engine) as s:
        assert s.scalar(select(func.count()).select_from(Event).where(Event.kind == "talks")) == 2


def test_search_finds_an_event_by_the_words_of_a_later_article(tmp_path: Path, sqlite_url: str) -> None:
    a = write(tmp_path / "a.txt", *ANKARA_TALKS)
    b = write(tmp_path / "b.txt", "2026-03-13", "Подробности.",
              "Сергей Лавров 10 марта провел переговоры в Анкаре, обсуждались поставки зерна.")
    engine = import_files(sqlite_url, a, b)
    with db.session_scope(engine) as s:
        (talks,) = s.scalars(select(Event).where(Event.kind == "talks")).all()
        found = find_events(s, EventQuery(search="зерном", include_undated=True))
        assert [e.id for e in found] == [talks.id]


def test_an_undated_later_report_joins_the_happening_its_key_words_name(tmp_path: Path, any_db_url: str) -> None:
    """No one named on either side and no date in the second: the words that tell the happening apart
    find it, through the events of its kind dated near the article's date; relink finds it alike."""
    a = write(tmp_path / "a.txt", "2026-03-12", "Пуск назначен.",
              "Второй спутник серии запустят 20 марта с космодрома.")
    b = write(tmp_path / "b.txt", "2026-03-25", "Пуск состоялся.",
              "Второй спутник серии успешно запустили с космодрома.")
    c = write(tmp_path / "c.txt", "2026-03-26", "Пуск состоится.", "Третий спутник серии запустят с космодрома.")
    engine = import_files(any_db_url, a, b, c)

    def launches() -> list[tuple[str, object, int]]:  # status, start, articles citing
        with db.session_scope(engine) as s:
            return sorted((e.status, e.start, len({m.article_id for m in e.mentions})) for e in
                          s.scalars(select(Event).where(Event.kind == "launch")).all())

    # the second satellite: occurred on the planned day, both sources; the third is another launch
    assert launches() == [("occurred", date(2026, 3, 20), 2), ("planned", None, 1)]
    with engine.begin() as connection:
        relink(connection)
    assert launches() == [("occurred", date(2026, 3, 20), 2), ("planned", None, 1)]
