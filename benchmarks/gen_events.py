"""Generate a large synthetic event database for the query benchmarks.

    python benchmarks/gen_events.py /tmp/events.db                    # 1,000,000 events
    python benchmarks/gen_events.py postgresql+psycopg://127.0.0.1:5432/test -n 1000000

The shape follows what the extractor stores: publication dates spread over 1950–2030,
about 70% single days, then weeks, months, quarters, halves, seasons, years, a few
multi-year ranges, ~5% deadlines (publication date .. bound, modifier ``before``) and
~2% undated events; each event has one mention (its sentence) and 0–2 actors, ten events to
an article. Rows go in by ``executemany`` on SQLite and ``COPY`` on PostgreSQL.
"""

from __future__ import annotations

import argparse
import calendar
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline import config, db
from timeline.lang.ru.morph import lemma_key
from timeline.models import span_class

FIRST_DAY, LAST_DAY = date(1950, 1, 1), date(2030, 12, 31)
EVENTS_PER_ARTICLE = 10
CHUNK = 50_000

KINDS = {
    "meeting": "Переговоры", "summit": "Саммит", "visit": "Визит делегации", "election": "Выборы",
    "report": "Доклад правительства", "law": "Принятие закона", "launch": "Запуск программы",
    "exhibition": "Выставка", "trade": "Поставки", "conflict": "Обострение конфликта",
    "economy": "Рост экономики", "sport": "Чемпионат", "disaster": "Наводнение",
}
PLACES = ["Москва", "Пекин", "Брюссель", "Вашингтон", "Казань", "Минск", "Дели", "Париж", "Берлин", "Анкара"]
PLACE_LOC = {"Москва": "в Москве", "Пекин": "в Пекине", "Брюссель": "в Брюсселе", "Вашингтон": "в Вашингтоне",
             "Казань": "в Казани", "Минск": "в Минске", "Дели": "в Дели", "Париж": "в Париже",
             "Берлин": "в Берлине", "Анкара": "в Анкаре"}
FIRST_NAMES = ["Иван", "Пётр", "Олег", "Сергей", "Дмитрий", "Алексей"]
FEMALE_NAMES = ["Анна", "Мария", "Елена", "Ольга"]
LAST_NAMES = ["Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов", "Новиков",
              "Морозов", "Волков", "Соловьёв", "Васильев", "Зайцев", "Павлов", "Семёнов", "Голубев"]
STATUSES = ["occurred"] * 6 + ["planned", "expected", "possible", "ongoing", "cancelled", "unknown"]

# (share, precision): the length mix of dated events.
SHAPES = [(68, "day"), (8, "week"), (8, "month"), (3, "quarter"), (1, "half"), (1, "season"), (3, "year"),
          (1, "range"), (5, "deadline"), (2, "undated")]


@dataclass
class Interval:
    start: date | None
    end: date | None
    precision: str | None
    modifier: str | None
    date_text: str


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def interval(rng: random.Random, shape: str, dct: date) -> Interval:
    """An interval of the given shape near the publication date ``dct``."""
    around = dct + timedelta(days=rng.randint(-90, 30))
    y, m = around.year, around.month
    if shape == "day":
        return Interval(around, around, "day", None, around.strftime("%d.%m.%Y"))
    if shape == "week":
        monday = around - timedelta(days=around.weekday())
        return Interval(monday, monday + timedelta(days=6), "week", None, "на этой неделе")
    if shape == "month":
        return Interval(date(y, m, 1), _month_end(y, m), "month", None, f"в месяце {m}")
    if shape == "quarter":
        q = (m - 1) // 3
        return Interval(date(y, 3 * q + 1, 1), _month_end(y, 3 * q + 3), "quarter", None, f"в {q + 1} квартале")
    if shape == "half":
        h = 0 if m <= 6 else 1
        return Interval(date(y, 6 * h + 1, 1), _month_end(y, 6 * h + 6), "half", None, "в полугодии")
    if shape == "season":
        s = rng.choice([3, 6, 9])
        return Interval(date(y, s, 1), _month_end(y, s + 2), "season", None, "летом")
    if shape == "year":
        return Interval(date(y, 1, 1), date(y, 12, 31), "year", None, f"в {y} году")
    if shape == "range":
        if rng.random() < 0.5:  # a few days, «с 8 по 10 октября»
            return Interval(around, around + timedelta(days=rng.randint(1, 6)), "range", None, "с 8 по 10")
        years = rng.randint(2, 12)  # «в 2020–2025 годах»
        return Interval(date(y, 1, 1), date(y + years - 1, 12, 31), "range", None, "в 2020–2025 годах")
    if shape == "deadline":
        bound = dct + timedelta(days=rng.choice([7, 17, 30, 60, 180, 365, 700]))
        return Interval(dct, bound, "day", "before", f"до {bound:%d.%m.%Y}")
    return Interval(None, None, None, None, "в ближайшем будущем")


def _shapes(rng: random.Random, n: int) -> list[str]:
    names = [name for _, name in SHAPES]
    weights = [share for share, _ in SHAPES]
    return rng.choices(names, weights=weights, k=n)


Rows = dict[str, list[tuple[Any, ...]]]


def generate_rows(n: int, seed: int, first_event_id: int, first_article_id: int) -> Iterator[Rows]:
    """Chunks of rows for every table, ids assigned here so the rows can refer to each other."""
    rng = random.Random(seed)
    people = [f"{f} {ln}" for f in FIRST_NAMES for ln in LAST_NAMES]
    people += [f"{f} {ln}а" for f in FEMALE_NAMES for ln in LAST_NAMES]
    actors = [(i + 1, name, "person") for i, name in enumerate(people)]
    actors += [(len(actors) + i + 1, name, "place") for i, name in enumerate(PLACES)]
    yield {"actors": [(a_id, name, type_, lemma_key(name)) for a_id, name, type_ in actors]}
    span_days = (LAST_DAY - FIRST_DAY).days
    imported = datetime(2026, 1, 1, tzinfo=UTC)
    event_id, article_id = first_event_id, first_article_id
    made = 0
    while made < n:
        rows: Rows = {"articles": [], "events": [], "mentions": [], "event_actors": [], "mention_actors": [], "fts": []}
        for _ in range(min(CHUNK, n - made) // EVENTS_PER_ARTICLE or 1):
            count = min(EVENTS_PER_ARTICLE, n - made)
            dct = FIRST_DAY + timedelta(days=rng.randrange(span_days))
            sentences: list[str] = []
            offset = 0
            for shape in _shapes(rng, count):
                iv = interval(rng, shape, dct)
                kind = rng.choice(list(KINDS))
                place = rng.choice(PLACES) if rng.random() < 0.6 else None
                title = KINDS[kind] + (f" {PLACE_LOC[place]}" if place else "")
                sentence = f"{iv.date_text.capitalize()} {title.lower()}, сообщили источники."
                rows["events"].append((
                    event_id, article_id, kind, title, rng.choice(STATUSES), iv.start, iv.end, iv.precision,
                    iv.modifier, span_class(iv.start, iv.end), iv.date_text, place, round(rng.random(), 2),
                ))
                status = rows["events"][-1][4]
                rows["mentions"].append((
                    event_id, event_id, article_id, sentence, offset, offset + len(sentence), kind, title, status,
                    iv.start, iv.end, iv.precision, iv.modifier, iv.date_text, place, rows["events"][-1][-1], False,
                ))
                rows["fts"].append((event_id, _lemmas(title), _lemmas(sentence)))
                for actor_id in rng.sample(range(1, len(actors) + 1), k=rng.choice([0, 1, 1, 2])):
                    rows["event_actors"].append((event_id, actor_id, "participant"))
                    rows["mention_actors"].append((event_id, actor_id, "participant"))
                sentences.append(sentence)
                offset += len(sentence) + 1
                event_id += 1
            body = " ".join(sentences)
            rows["articles"].append((article_id, f"{article_id:064x}", f"gen/{article_id}.txt", dct,
                                     f"Статья {article_id}", body, "ru", imported))
            article_id += 1
            made += count
        yield rows


_lemma_cache: dict[str, str] = {}


def _lemmas(text_: str) -> str:
    # Few distinct words: lemmatize each word once.
    return " ".join(_lemma_cache.setdefault(w, lemma_key(w)) for w in text_.split())


COLUMNS = {
    "actors": "id, name, type, key",
    "articles": "id, sha256, source, published, title, text, language, imported_at",
    "events": "id, article_id, kind, title, status, start_date, end_date, precision, modifier, span_class, "
              "date_text, place, confidence",
    "mentions": "id, event_id, article_id, sentence, start_offset, end_offset, kind, title, status, start_date, "
                "end_date, precision, modifier, date_text, place, confidence, moved",
    "event_actors": "event_id, actor_id, role",
    "mention_actors": "mention_id, actor_id, role",
    "fts": "rowid, title, evidence",
}
ORDER = ["actors", "articles", "events", "mentions", "event_actors", "mention_actors", "fts"]


def _next_ids(engine: Engine) -> tuple[int, int]:
    with engine.connect() as conn:
        events = conn.execute(text("SELECT COALESCE(MAX(id), 0) FROM events")).scalar() or 0
        articles = conn.execute(text("SELECT COALESCE(MAX(id), 0) FROM articles")).scalar() or 0
        if conn.execute(text("SELECT COUNT(*) FROM actors")).scalar():
            raise SystemExit("the database already has actors: generate into an empty database")
    return events + 1, articles + 1


def generate(url: str, n: int = 1_000_000, seed: int = 1, quiet: bool = False) -> float:
    """Fill the database at ``url`` with ``n`` events; returns the seconds it took."""
    location = config.DatabaseLocation(config.to_url(url), "benchmark")
    engine = db.open_for_write(location)
    first_event, first_article = _next_ids(engine)
    t0 = time.perf_counter()
    raw = engine.raw_connection()
    try:
        if engine.dialect.name == "sqlite":
            _load_sqlite(raw.driver_connection, generate_rows(n, seed, first_event, first_article), quiet)
        else:
            _load_postgres(raw.driver_connection, generate_rows(n, seed, first_event, first_article), quiet)
    finally:
        raw.close()
    engine.dispose()
    return time.perf_counter() - t0


def _load_sqlite(conn: Any, chunks: Iterator[Rows], quiet: bool) -> None:
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    total = 0
    for rows in chunks:
        for table in ORDER:
            if rows.get(table):
                name = "events_fts" if table == "fts" else table
                cols = COLUMNS[table]
                marks = ", ".join("?" * len(cols.split(",")))
                conn.executemany(f"INSERT INTO {name} ({cols}) VALUES ({marks})", rows[table])
        total += len(rows.get("events", []))
        if not quiet and rows.get("events"):
            print(f"\r{total:,} events", end="", file=sys.stderr, flush=True)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    if not quiet:
        print(file=sys.stderr)


def _load_postgres(conn: Any, chunks: Iterator[Rows], quiet: bool) -> None:
    total = 0
    with conn.cursor() as cur:
        for rows in chunks:
            for table in ORDER:
                if not rows.get(table):
                    continue
                name = "events_fts" if table == "fts" else table  # the same lemma table as SQLite's
                with cur.copy(f"COPY {name} ({COLUMNS[table]}) FROM STDIN") as copy:
                    for row in rows[table]:
                        copy.write_row(row)
            total += len(rows.get("events", []))
            if not quiet and rows.get("events"):
                print(f"\r{total:,} events", end="", file=sys.stderr, flush=True)
        # Ids were given explicitly: move the sequences past them.
        for table in ("actors", "articles", "events", "mentions"):
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
    conn.commit()
    conn.autocommit = True
    conn.execute("VACUUM ANALYZE")
    if not quiet:
        print(file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("db", help="SQLAlchemy URL or SQLite file path (migrated to head if needed)")
    parser.add_argument("-n", "--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    seconds = generate(args.db, args.events, args.seed)
    print(f"{args.events:,} events in {seconds:.1f} s ({args.events / seconds:,.0f}/s)")


if __name__ == "__main__":
    main()
