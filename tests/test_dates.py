"""The date tagger against ``shared/spec/dates.md``: the seed's expressions, every row of the spec, non-dates."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.extract.dates import find_dates
from timeline.extract.types import TimeExpression

DCT = date(2026, 1, 14)  # the seed's publication date, a Wednesday


def only(text: str, anchor: date = DCT) -> TimeExpression:
    found = find_dates(text, anchor)
    assert len(found) == 1, [e.to_dict() for e in found]
    return found[0]


def interval(e: TimeExpression) -> tuple[str | None, str | None, str | None, str | None]:
    return (
        e.start.isoformat() if e.start else None,
        e.end.isoformat() if e.end else None,
        e.precision,
        e.modifier,
    )


# --- the seed -------------------------------------------------------------------------------------

SEED_CASES = [
    ("По информации собеседников издания, встреча может состояться в этом месяце.", "в этом месяце",
     ("2026-01-01", "2026-01-31", "month", None)),
    ("Уиткофф и Кушнер в декабре уже посещали Москву и встречались с Путиным.", "в декабре",
     ("2025-12-01", "2025-12-31", "month", None)),
    ("Уиткофф встречался с Путиным в России шесть раз в прошлом году.", "в прошлом году",
     ("2025-01-01", "2025-12-31", "year", None)),
    ("Украина надеется получить ответ России на мирный план из 20 пунктов до конца этого месяца.",
     "до конца этого месяца", ("2026-01-14", "2026-01-31", "month", "before")),
]


@pytest.mark.parametrize(("sentence", "text", "expected"), SEED_CASES)
def test_seed_dates(sentence: str, text: str, expected: tuple[str, str, str, str | None]) -> None:
    e = only(sentence)
    assert e.text == text and e.type == "date"
    assert sentence[e.span[0]:e.span[1]] == text
    assert interval(e) == expected


def test_seed_duration_and_vague() -> None:
    e = only("Тогда переговоры длились почти пять часов, но не привели к прорыву.")
    assert (e.text, e.type, e.duration, e.start, e.end) == ("почти пять часов", "duration", "PT5H", None, None)
    v = only("Посланники планируют в ближайшем будущем отправиться в Москву.")
    assert (v.text, v.type, v.start, v.end) == ("в ближайшем будущем", "vague", None, None)


@pytest.mark.parametrize("sentence", [
    "Решение примут в ближайшие дни.", "Ранее министр отрицал эти планы.", "Недавно министр посетил завод.",
    "За последние годы число туристов выросло.", "Посланники планируют в ближайшем будущем отправиться в Москву.",
])
def test_the_contracts_vague_words_give_no_interval(sentence: str) -> None:
    """shared/spec/dates.md: «в ближайшем будущем», «в ближайшие дни», «ранее», «недавно», «за последние
    годы» give no interval; the words are kept."""
    v = only(sentence)
    assert (v.type, v.start, v.end) == ("vague", None, None) and v.text.lower() in sentence.lower()


def test_seed_whole_text_offsets() -> None:
    text = (
        "Уиткофф и Кушнер в декабре уже посещали Москву и встречались с Путиным. "
        "Тогда переговоры длились почти пять часов, но не привели к прорыву. "
        "Уиткофф встречался с Путиным в России шесть раз в прошлом году."
    )
    found = find_dates(text, DCT)
    assert [e.text for e in found] == ["в декабре", "почти пять часов", "в прошлом году"]
    for e in found:
        assert text[e.span[0]:e.span[1]] == e.text


# --- every row of the spec (DCT 2026-01-14, Wednesday) ---------------------------------------------

SPEC_ROWS = [
    ("Встреча пройдет 15 января 2026 года.", ("2026-01-15", "2026-01-15", "day", None)),
    ("Встреча пройдет 15.01.2026.", ("2026-01-15", "2026-01-15", "day", None)),
    ("Встреча пройдет 2026-01-15.", ("2026-01-15", "2026-01-15", "day", None)),
    ("Переговоры прошли в декабре.", ("2025-12-01", "2025-12-31", "month", None)),
    ("Встреча состоится в этом месяце.", ("2026-01-01", "2026-01-31", "month", None)),
    ("Он был там в прошлом году.", ("2025-01-01", "2025-12-31", "year", None)),
    ("Он был там в 2025 году.", ("2025-01-01", "2025-12-31", "year", None)),
    ("Компания в 2025-м выросла.", ("2025-01-01", "2025-12-31", "year", None)),
    ("Министры встретились на этой неделе.", ("2026-01-12", "2026-01-18", "week", None)),
    ("Ранее на этой неделе министры встретились.", ("2026-01-12", "2026-01-18", "week", None)),
    ("Министры встретятся на следующей неделе.", ("2026-01-19", "2026-01-25", "week", None)),
    ("Рост ожидается в первом квартале 2026 года.", ("2026-01-01", "2026-03-31", "quarter", None)),
    ("Рост ожидается в первом полугодии.", ("2026-01-01", "2026-06-30", "half", None)),
    ("Рост ожидается во второй половине года.", ("2026-07-01", "2026-12-31", "half", None)),
    ("Весной пройдут учения.", ("2026-03-01", "2026-05-31", "season", None)),
    ("Летом пройдут учения.", ("2026-06-01", "2026-08-31", "season", None)),
    ("Осенью пройдут учения.", ("2026-09-01", "2026-11-30", "season", None)),
    ("Зимой прошли учения.", ("2025-12-01", "2026-02-28", "season", None)),
    ("Это произошло в 2026–2027 годах.", ("2026-01-01", "2027-12-31", "range", None)),
    ("Форум пройдет с 8 по 10 октября.", ("2026-10-08", "2026-10-10", "range", None)),
    ("Выборы пройдут 18–20 сентября.", ("2026-09-18", "2026-09-20", "range", None)),
    # resolving what the text leaves out
    ("Это случилось сегодня.", ("2026-01-14", "2026-01-14", "day", None)),
    ("Это случилось вчера.", ("2026-01-13", "2026-01-13", "day", None)),
    ("Накануне министр выступил в парламенте.", ("2026-01-13", "2026-01-13", "day", None)),
    ("Это случилось позавчера.", ("2026-01-12", "2026-01-12", "day", None)),
    ("Это случится завтра.", ("2026-01-15", "2026-01-15", "day", None)),
    ("Это случится послезавтра.", ("2026-01-16", "2026-01-16", "day", None)),
    ("Это случилось пять дней назад.", ("2026-01-09", "2026-01-09", "day", None)),
    ("Это случится через 3 дня.", ("2026-01-17", "2026-01-17", "day", None)),
    ("Это случится через месяц.", ("2026-02-14", "2026-02-14", "day", None)),
    ("Слушание назначено, оно состоится 15 июля.", ("2026-07-15", "2026-07-15", "day", None)),
    ("В пятницу министр провел совещание.", ("2026-01-09", "2026-01-09", "day", None)),
    ("В пятницу министр проведет совещание.", ("2026-01-16", "2026-01-16", "day", None)),
    ("В прошлую пятницу министр провел совещание.", ("2026-01-09", "2026-01-09", "day", None)),
    ("В эту пятницу министр проведет совещание.", ("2026-01-16", "2026-01-16", "day", None)),
    ("В следующую пятницу министр проведет совещание.", ("2026-01-23", "2026-01-23", "day", None)),
    ("В среду министр провел совещание.", ("2026-01-14", "2026-01-14", "day", None)),
    ("Отпуск начнется в начале февраля.", ("2026-02-01", "2026-02-10", "range", "start")),
    ("Отпуск начнется в середине февраля.", ("2026-02-11", "2026-02-20", "range", "mid")),
    ("Отпуск начнется в конце февраля.", ("2026-02-21", "2026-02-28", "range", "end")),
    ("Отпуск начнется в первой половине февраля.", ("2026-02-01", "2026-02-15", "range", None)),
    ("Отпуск начнется во второй половине февраля.", ("2026-02-16", "2026-02-28", "range", None)),
    ("Завод откроется в начале 2027 года.", ("2027-01-01", "2027-04-30", "range", "start")),
    ("Завод откроется в середине 2027 года.", ("2027-05-01", "2027-08-31", "range", "mid")),
    ("Завод открылся в конце прошлого года.", ("2025-09-01", "2025-12-31", "range", "end")),
    ("Зимой 2026 года выпало много снега.", ("2025-12-01", "2026-02-28", "season", None)),
    ("Летом прошлого года выпало много дождей.", ("2025-06-01", "2025-08-31", "season", None)),
    ("Взрыв произошел в ночь на четверг.", ("2026-01-08", "2026-01-08", "day", None)),
    ("Морозы ожидаются в ночь на четверг.", ("2026-01-15", "2026-01-15", "day", None)),
    ("Министр выступил вчера вечером.", ("2026-01-13", "2026-01-13", "day", None)),
    # deadlines
    ("Ответ ждут до конца этого месяца.", ("2026-01-14", "2026-01-31", "month", "before")),
    ("Сделку закроют не позднее 2027 года.", ("2026-01-14", "2027-12-31", "year", "before")),
    ("Работы завершат к 1 марта.", ("2026-01-14", "2026-03-01", "day", "before")),
    ("Суд рассмотрит иск не ранее 10 февраля.", ("2026-02-10", "2026-02-10", "day", "after")),
    ("Решение примут после 10 мая.", ("2026-05-10", "2026-05-10", "day", "after")),
    ("Выкуп акций завершат до конца квартала.", ("2026-01-14", "2026-03-31", "quarter", "before")),
    ("Уровень воды восстановится к лету.", ("2026-01-14", "2026-08-31", "season", "before")),
    ("Переговоры возобновятся не раньше весны.", ("2026-03-01", "2026-05-31", "season", "after")),
    ("Поезда будут ходить по новому графику с января по март 2027 года.",
     ("2027-01-01", "2027-03-31", "range", None)),
    ("В четвертом квартале выручка выросла на треть.", ("2025-10-01", "2025-12-31", "quarter", None)),
]


@pytest.mark.parametrize(("sentence", "expected"), SPEC_ROWS)
def test_spec_rows(sentence: str, expected: tuple[str, str, str, str | None]) -> None:
    e = only(sentence)
    assert e.type == "date"
    assert interval(e) == expected
    assert sentence[e.span[0]:e.span[1]] == e.text


def test_day_without_year_follows_tense() -> None:
    # «15 июля» of a scheduled hearing, said on 2025-07-03, is 2025-07-15.
    assert interval(only("Слушание состоится 15 июля.", date(2025, 7, 3)))[:2] == ("2025-07-15", "2025-07-15")
    # The same words in the past tense, said in March, are last July.
    assert interval(only("Слушание состоялось 15 июля.", date(2026, 3, 3)))[:2] == ("2025-07-15", "2025-07-15")
    # «в декабре» of something to come, said in January, is this December.
    assert interval(only("Выборы пройдут в декабре.", DCT))[:2] == ("2026-12-01", "2026-12-31")


def test_prospective_verbs_look_forward_from_their_object() -> None:
    # «пообещало в пятницу»: the date before the verb dates the promise itself.
    assert interval(only("Министерство в пятницу пообещало принять меры.", date(2024, 12, 27)))[:2] == (
        "2024-12-27", "2024-12-27")
    # the date the promise is about lies ahead
    assert interval(only("ЦБ не исключил снижения ставки в феврале.", date(2025, 12, 19)))[:2] == (
        "2026-02-01", "2026-02-28")
    # «на» names a target date, on either side of the verb
    assert interval(only("На 11 марта суд запланировал допрос свидетеля.", date(2025, 2, 19)))[:2] == (
        "2025-03-11", "2025-03-11")


def test_a_participle_of_scheduling_tells_of_a_plan_not_of_a_date_ahead() -> None:
    # told after the launch that was moved: the old date, not next September
    assert interval(only("Пуск изначально был назначен на 24 сентября.", date(2027, 1, 20)))[:2] == (
        "2026-09-24", "2026-09-24")
    # «назначен на» alone still points ahead, however far
    assert interval(only("Саммит назначен на 14 апреля.", date(2026, 2, 1)))[:2] == ("2026-04-14", "2026-04-14")
    assert interval(only("Первый показ запланирован на 11 декабря.", date(2020, 6, 1)))[:2] == (
        "2020-12-11", "2020-12-11")
    # an attributive participle names a plan that may be old: the date nearest the article
    assert interval(only("Пуск, намеченный на 24 сентября, не состоялся.", date(2027, 1, 20)))[:2] == (
        "2026-09-24", "2026-09-24")
    # «должен был»: a plan, its date the nearest, ahead or past
    assert interval(only("Саммит должен был пройти 14 апреля.", date(2026, 4, 6)))[:2] == ("2026-04-14", "2026-04-14")
    assert interval(only("Пуск должен был состояться ещё 24 сентября.", date(2026, 10, 1)))[:2] == (
        "2026-09-24", "2026-09-24")
    # a postponement still points ahead
    assert interval(only("Матч был перенесён на 14 апреля.", date(2026, 5, 1)))[:2] == ("2027-04-14", "2027-04-14")


def test_friday_article_friday_past_is_dct() -> None:
    friday = date(2026, 1, 16)
    assert interval(only("В пятницу провели обыски.", friday))[:2] == ("2026-01-16", "2026-01-16")
    assert interval(only("В пятницу проведут обыски.", friday))[:2] == ("2026-01-23", "2026-01-23")


DURATIONS = [
    ("Переговоры длились почти пять часов.", "почти пять часов", "PT5H", "approx"),
    ("Телескоп будет работать в течение десяти дней.", "в течение десяти дней", "P10D", None),
    ("Матч продолжался 3 часа 12 минут.", "3 часа 12 минут", "PT3H12M", None),
    ("Концерт продлится полтора часа.", "полтора часа", "PT1H30M", None),
    ("Призыв продлится три с половиной месяца.", "три с половиной месяца", "P3M15D", None),
    ("Суд арестовал его на два месяца.", "на два месяца", "P2M", None),
    ("Итоги объявят в течение недели.", "в течение недели", "P1W", None),
    ("Его приговорили к 9 годам и 6 месяцам колонии.", "9 годам и 6 месяцам", "P9Y6M", None),
]


@pytest.mark.parametrize(("sentence", "text", "iso", "modifier"), DURATIONS)
def test_durations(sentence: str, text: str, iso: str, modifier: str | None) -> None:
    e = only(sentence)
    assert (e.text, e.type, e.duration, e.modifier, e.start, e.end) == (text, "duration", iso, modifier, None, None)


RECURRENCES_AND_VAGUE = [
    ("Форум проходит ежегодно.", "ежегодно", "set"),
    ("Кружок собирается каждую среду.", "каждую среду", "set"),
    ("Заседания проходят по вторникам и четвергам.", "по вторникам и четвергам", "set"),
    ("Решение примут в ближайшие дни.", "в ближайшие дни", "vague"),
    ("Ранее министр отрицал эти планы.", "Ранее", "vague"),
    ("Недавно министр отрицал эти планы.", "Недавно", "vague"),
    ("На данный момент встреча не запланирована.", "На данный момент", "vague"),
    # after a past verb, «через год» counts from the story's previous event, which the date layer cannot know
    ("Через год получил награду ЮНЕСКО.", "Через год", "vague"),
]


@pytest.mark.parametrize(("sentence", "text", "kind"), RECURRENCES_AND_VAGUE)
def test_recurrences_and_vague_words_have_no_interval(sentence: str, text: str, kind: str) -> None:
    e = only(sentence)
    assert (e.text, e.type, e.start, e.end) == (text, kind, None, None)


NOT_DATES = [
    "Банк снизил ставку до 16,5% годовых.",
    "Турнир «1000 на 1000» собрал участников.",
    "Роскосмос провел 17 пусков.",
    "Ночью ожидается минус 30 градусов.",
    "Индекс потерял 20 пунктов.",
    "Корабль отстыкуют за 110 дней до окончания миссии.",
    "В учениях «Запад-2025» задействованы военные.",
    "Школа № 1535 вошла в рейтинг, в нем 2025 участников.",
    "За кандидата проголосовали 1000 избирателей из 1200.",
    "Процессор работает на частоте 4,2 ГГц.",
    "Пенсионер умер в возрасте 85 лет.",
    "Кравцову 39 лет.",
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_not_dates(sentence: str) -> None:
    assert find_dates(sentence, DCT) == []


def test_count_is_left_to_the_event_layer() -> None:
    found = find_dates("Уиткофф встречался с Путиным шесть раз в прошлом году.", DCT)
    assert [e.text for e in found] == ["в прошлом году"]


def test_empty_and_unicode_offsets() -> None:
    assert find_dates("", DCT) == []
    text = "Ёлка — «символ»\u00a0праздника: 31 декабря 2025\u00a0года открыли каток."
    e = only(text)
    assert text[e.span[0]:e.span[1]] == e.text == "31 декабря 2025\u00a0года"
    assert interval(e)[:2] == ("2025-12-31", "2025-12-31")


def test_impossible_dates_are_not_read() -> None:
    assert find_dates("Встреча 2026-02-30 не состоится.", DCT) == []
    assert find_dates("Встреча 31.02.2026 не состоится.", DCT) == []


@pytest.mark.parametrize(
    ("sentence", "text", "start", "end", "precision"),
    [
        ("Резервные дни назначены на 3 и 4 июля.", "на 3 и 4 июля", "2027-07-03", "2027-07-04", "range"),
        ("Период, намеченный на 20 апреля — 10 мая, не состоится.", "на 20 апреля — 10 мая",
         "2027-04-20", "2027-05-10", "range"),
        ("Матчи пройдут 30 декабря — 2 января.", "30 декабря — 2 января", "2027-12-30", "2028-01-02", "range"),
        # «минувший» in news is the latest such weekday before publication (a Saturday here)
        ("Расписание утвердили в минувшую среду.", "в минувшую среду", "2027-03-31", "2027-03-31", "day"),
        ("Расписание утвердили в минувшую субботу.", "в минувшую субботу", "2027-03-27", "2027-03-27", "day"),
        ("Расписание утвердили в прошлую среду.", "в прошлую среду", "2027-03-24", "2027-03-24", "day"),
    ],
)
def test_day_lists_cross_month_ranges_and_minuvshiy(
    sentence: str, text: str, start: str, end: str, precision: str
) -> None:
    e = only(sentence, date(2027, 4, 3))
    assert (e.text, str(e.start), str(e.end), e.precision) == (text, start, end, precision)


@pytest.mark.parametrize(
    ("sentence", "text", "start", "end"),
    [
        ("Если замена не будет завершена к вечеру вторника, пуск перенесут.", "к вечеру вторника",
         "2026-11-30", "2026-12-01"),
        ("Выставка работает до субботы.", "до субботы", "2026-11-30", "2026-12-05"),
        ("Музей закрыт до вечера среды.", "до вечера среды", "2026-11-30", "2026-12-02"),
    ],
)
def test_a_weekday_deadline_runs_from_publication(sentence: str, text: str, start: str, end: str) -> None:
    e = only(sentence, date(2026, 11, 30))  # a Monday
    assert (e.text, str(e.start), str(e.end), e.precision, e.modifier) == (text, start, end, "day", "before")


# --- anchors at the ends of the calendar ----------------------------------------------------------

LAST_DAY, FIRST_DAY = date(9999, 12, 31), date(1, 1, 1)
ARTICLE = (
    "Переговоры прошли вчера в Москве. На следующий день стороны подписали протокол. "
    "Завтра министр проведёт встречу, через неделю откроется выставка, а в следующем году пройдут выборы. "
    "На прошлой неделе суд вынес приговор. В пятницу депутаты приняли закон."
)


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # past the last day a date can hold: dropped
        ("завтра", LAST_DAY, None),
        ("через неделю", LAST_DAY, None),
        ("в следующем году", LAST_DAY, None),
        # still inside it
        ("вчера", LAST_DAY, ("9999-12-30", "9999-12-30", "day", None)),
        ("на прошлой неделе", LAST_DAY, ("9999-12-20", "9999-12-26", "week", None)),
        ("в декабре", LAST_DAY, ("9999-12-01", "9999-12-31", "month", None)),
        # before the first day: dropped
        ("вчера", FIRST_DAY, None),
        ("на прошлой неделе", FIRST_DAY, None),  # Monday 0001-01-01's previous week
        ("завтра", FIRST_DAY, ("0001-01-02", "0001-01-02", "day", None)),
        ("через неделю", FIRST_DAY, ("0001-01-08", "0001-01-08", "day", None)),
        ("в следующем году", FIRST_DAY, ("0002-01-01", "0002-12-31", "year", None)),
        ("в декабре", FIRST_DAY, ("0001-12-01", "0001-12-31", "month", None)),
    ],
)
def test_an_interval_outside_years_1_to_9999_is_dropped(
    text: str, anchor: date, expected: tuple[str, str, str, str | None] | None
) -> None:
    found = find_dates(text, anchor)
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and interval(found[0]) == expected


@pytest.mark.parametrize("anchor", [LAST_DAY, FIRST_DAY])
def test_extraction_at_the_ends_of_the_calendar_does_not_raise(anchor: date) -> None:
    from timeline.extract.events import extract_events

    events = extract_events(ARTICLE, anchor)
    assert events
    for e in events:
        assert e.start is None or date.min <= e.start <= e.end <= date.max


# --- counts of years ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "anchor", "text", "day"),
    [
        ("Город основали 1000 лет назад.", DCT, "1000 лет назад", "1026-01-14"),
        ("Город основали 1 000 лет назад.", DCT, "1 000 лет назад", "1026-01-14"),
        ("Храм построили сто лет назад.", DCT, "сто лет назад", "1926-01-14"),
        ("Храм построили 200 лет назад.", DCT, "200 лет назад", "1826-01-14"),
        ("Капсулу откроют через 1000 лет.", DCT, "через 1000 лет", "3026-01-14"),
        ("Город основали 1000 лет назад.", date(1500, 6, 1), "1000 лет назад", "0500-06-01"),
    ],
)
def test_a_count_of_years_of_any_length(sentence: str, anchor: date, text: str, day: str) -> None:
    e = only(sentence, anchor)
    assert (e.text, interval(e)) == (text, (day, day, "day", None))


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        ("Город основали 1000 лет назад.", date(1000, 1, 1)),  # year 0
        ("Город основали 3000 лет назад.", DCT),
        ("Капсулу откроют через 10000 лет.", DCT),
        ("Капсулу откроют через 99999999999 дней.", DCT),
    ],
)
def test_a_count_beyond_the_calendar_is_dropped(sentence: str, anchor: date) -> None:
    assert find_dates(sentence, anchor) == []


@pytest.mark.parametrize("sentence", ["Это было много лет назад.", "Это было двести лет назад.",
                                      "Это было несколько лет назад."])
def test_a_plural_unit_without_a_count_is_not_one_unit(sentence: str) -> None:
    # «лет назад» alone used to read as «год назад»
    assert all(e.start != date(2025, 1, 14) for e in find_dates(sentence, DCT))
