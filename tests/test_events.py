"""The event extractor: arguments of single events, and its quality on the test and held-out articles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from benchmarks.bench_events import (
    ARTICLES,
    HELDOUT,
    HELDOUT2,
    HELDOUT3,
    HELDOUT4,
    HELDOUT5,
    HELDOUT6,
    evaluate,
)
from timeline.extract.events import extract_events
from timeline.extract.types import ExtractedEvent
from timeline.lang.ru.names import normalize_person, normalize_phrase

DCT = date(2026, 1, 14)


def events(text: str, anchor: date = DCT) -> list[ExtractedEvent]:
    found = extract_events(text, anchor)
    for e in found:
        for ev in e.evidence:
            assert text[ev.start:ev.end] == ev.text  # every event cites its sentence by offsets
    return found


def names(event: ExtractedEvent) -> set[str]:
    return {a.name for a in event.actors}


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Владимиром Путиным", "Владимир Путин"),
        ("Дональда Трампа", "Дональд Трамп"),
        ("Эльвира Набиуллина", "Эльвира Набиуллина"),
        ("Стив Уиткофф", "Стив Уиткофф"),
        ("Антон Силуанов", "Антон Силуанов"),
        ("Антона Силуанова", "Антон Силуанов"),
        ("Эльвиры Набиуллиной", "Эльвира Набиуллина"),
        ("Мохаммеда Эль-Барадеи", "Мохаммед Эль-Барадеи"),  # a foreign surname no reading fits a man
        ("Эммануэлем Макроном", "Эммануэль Макрон"),
        ("Жени Иванова", "Женя Иванов"),
        # issue 13: the real nominative of names the dictionary does not know
        ("Си Цзиньпином", "Си Цзиньпин"),
        ("Си Цзиньпина", "Си Цзиньпин"),
        ("Тамим бин Хамад Аль Тани", "Тамим бин Хамад Аль Тани"),  # not «Аль Таня»
        ("Юлии Самойловой", "Юлия Самойлова"),
        ("Нарендрой Моди", "Нарендра Моди"),
        ("Стива Уиткоффа", "Стив Уиткофф"),
        ("Джареда Кушнера", "Джаред Кушнер"),
        ("Мариной Уилер", "Марина Уилер"),  # a foreign surname that does not decline
        ("Чулпан Хаматовой", "Чулпан Хаматова"),
        ("Император Акихито", "Акихито"),  # a title is not part of the name
        ("Мао Нин", "Мао Нин"),  # not the vocative of «Нина»
    ],
)
def test_person_names_to_nominative(words: str, expected: str) -> None:
    assert normalize_person(words.split())[0] == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [("Банка России", "Банк России"), ("Москву", "Москва"), ("Давосе", "Давос"), ("Мосгорсудом", "Мосгорсуд"),
     ("Успенском соборе Кремля", "Успенский собор Кремля"), ("Новой Зеландии", "Новая Зеландия"),
     # a word and its model code: the word inflects, the code does not
     ("Ангары-А5", "Ангара-А5"), ("Луч-5Х", "Луч-5Х"), ("Союза-2", "Союз-2")],
)
def test_organizations_and_places_to_nominative(words: str, expected: str) -> None:
    assert normalize_phrase(words.split())[0] == expected


def test_meeting_with_date_place_actors_count() -> None:
    text = (
        "Президент России Владимир Путин провел переговоры с президентом Франции Эммануэлем Макроном.\n\n"
        "Путин встречался с Макроном в Париже три раза в прошлом году."
    )
    found = events(text)
    meetings = [e for e in found if e.count == 3]
    assert len(meetings) == 1
    m = meetings[0]
    assert (m.kind, m.status, m.start, m.end, m.precision) == (
        "meeting", "occurred", date(2025, 1, 1), date(2025, 12, 31), "year",
    )
    assert m.place == "Париж"
    # the surname alone joins the full name given earlier in the article
    assert {"Владимир Путин", "Эммануэль Макрон"} <= names(m)


def test_continuation_adds_duration_to_the_previous_event() -> None:
    text = (
        "Министры иностранных дел России и Турции встретились в Анкаре в понедельник. "
        "Тогда переговоры длились около трех часов."
    )
    found = events(text)
    assert len(found) == 1
    assert found[0].duration == "PT3H"
    assert found[0].start == date(2026, 1, 12)
    assert len(found[0].evidence) == 2


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Саммит пройдет в Бишкеке в конце июня.", "planned"),
        ("Встреча может состояться в этом месяце.", "possible"),
        ("Не исключено, что встреча состоится в марте.", "possible"),  # a cue of two words, lent by its clause
        ("Встреча в марте не исключена.", "possible"),
        ("Представитель Кремля заявил, что такая встреча не запланирована.", "denied"),
        ("Концерт в Казани отменен.", "cancelled"),
        ("Ожидается, что переговоры начнутся в феврале.", "expected"),
        ("Вчера в центре города прошел митинг.", "occurred"),
    ],
)
def test_status_from_tense_and_modality(sentence: str, status: str) -> None:
    found = events(sentence)
    assert found and found[0].status == status, [(e.kind, e.status) for e in found]


def test_a_date_without_a_happening_makes_no_event() -> None:
    assert events("Курс доллара 15 января составил 78 рублей.") == []


def test_an_undated_event_keeps_no_interval() -> None:
    (e,) = events("Ранее сообщалось, что стороны подпишут соглашение о сотрудничестве.")
    assert e.kind == "agreement" and e.start is None and e.end is None and e.date_text == "Ранее"


def test_nothing_happened_is_not_an_event() -> None:
    assert events("Кремль не ответил на запрос о комментарии.") == []


def test_source_of_the_report() -> None:
    (e,) = events("Министр посетит Пекин в следующем месяце, сообщает ТАСС.")
    assert ("ТАСС", "reporter") in {(a.name, a.role) for a in e.actors}
    assert e.start == date(2026, 2, 1) and e.status == "planned" and e.place == "Пекин"


QUALITY_FLOORS = [
    # folder, articles, expected events at least, then floors: recall, exact dates, precision, status
    pytest.param(ARTICLES, 24, 170, 0.90, 0.88, 0.72, 0.85, id="dev: the project's quality benchmark"),
    pytest.param(HELDOUT, 16, 140, 0.88, 0.90, 0.88, 0.80, id="held-out 1: written without the code"),
    pytest.param(HELDOUT2, 12, 130, 0.90, 0.85, 0.85, 0.80, id="held-out 2: long articles"),
    # topics the others lack (obituary, epidemic, harvest, Easter, exams, …); first run 85.5/82.9/90.9
    pytest.param(HELDOUT3, 12, 150, 0.92, 0.84, 0.87, 0.80, id="held-out 3: new topics"),
    # short wire items written after all the tuning; first run 89.8/90.2/89.3
    pytest.param(HELDOUT4, 16, 115, 0.88, 0.86, 0.85, 0.78, id="held-out 4: wire items"),
    # hypotheticals, recurrences, idioms, two happenings a clause, the new date forms; written blind after
    # this session's rules, never tuned on; first run 91.9/86.2, 63 of 80 real (78.8%), status 89.7 (the code
    # before: 62 of 89 real)
    pytest.param(HELDOUT5, 12, 74, 0.90, 0.84, 0.76, 0.86, id="held-out 5: hard constructions"),
    # who a pronoun, a left-out subject or a role noun stands for, shared surnames, what «отменить» cancels,
    # appointments, birth years, the lexicon's new verbs; written blind on 2026-12-06 after that day's
    # rules (heldout–heldout3 were read to refine one of them); first run 94.4/88.3, 83 of 96 real (86.5%),
    # status 88.2
    pytest.param(HELDOUT6, 12, 90, 0.92, 0.86, 0.84, 0.86, id="held-out 6: who and what"),
]


@pytest.mark.parametrize(
    ("folder", "articles", "expected", "recall", "dates", "precision", "status"), QUALITY_FLOORS
)
def test_quality_floors(
    folder: Path, articles: int, expected: int, recall: float, dates: float, precision: float, status: float
) -> None:
    t = evaluate(folder)
    assert t["articles"] == articles and t["expected"] >= expected
    assert t["found"] / t["expected"] >= recall
    assert t["date_ok"] / t["dated_found"] >= dates  # exact start..end
    assert (t["reported"] - t["spurious"]) / t["reported"] >= precision
    assert t["status_ok"] / t["found"] >= status


def test_a_denied_report_is_denied() -> None:
    found = events("Пресс-секретарь опроверг сообщения о том, что министры тайно встречались в Женеве.")
    assert [(e.status, e.place) for e in found if e.kind == "meeting"] == [("denied", "Женева")]
    later = events("По данным СМИ, стороны обсуждали поставки самолетов, однако в Кремле опровергли эти сообщения.")
    assert [x.status for x in later if x.kind == "talks"] == ["denied"]


def test_organization_with_its_place_is_one_actor() -> None:
    found = events("Арбитражный суд Москвы в четверг признал компанию банкротом.", date(2024, 3, 14))
    assert found and all("Арбитражный суд Москвы" in names(e) for e in found)


def test_opening_a_comet_is_a_discovery() -> None:
    (e,) = events("Астрономы обсерватории открыли новую комету в понедельник.")
    assert e.kind == "discovery" and e.start == date(2026, 1, 12)


def test_a_date_qualifying_a_noun_does_not_date_the_event() -> None:
    (e,) = events("До конца года депутаты должны утвердить бюджет города на 2027 год.")
    assert (e.start, e.end, e.modifier, e.status) == (date(2026, 1, 14), date(2026, 12, 31), "before", "planned")


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n\n", "...", "«»", "2026-02-30", "31.02.2026", "с 31 по 1 февраля", "с 5 по 3 марта 2026 года",
     "в 9999 году", "через 100000 дней", "в ночь на", "по вторникам,", "в течение", "x" * 20000, "Путин " * 2000],
)
def test_odd_input_never_raises(text: str) -> None:
    for anchor in (date(2024, 2, 29), date(2026, 12, 31)):
        for e in extract_events(text, anchor):
            assert e.start is None or (e.end is not None and e.start <= e.end)


def test_quoted_company_names_are_actors_but_titles_of_works_are_not() -> None:
    found = events("Контракт между «Газпромом» и «Сербиягазом» подписали в пятницу.", date(2025, 3, 7))
    assert {"Газпром", "Сербиягаз"} <= {a.name for e in found for a in e.actors}
    premiere = events("Театр покажет спектакль «Мастер и Маргарита» 15 января.")
    assert all("Мастер и Маргарита" not in names(e) for e in premiere)
    # a list of titles shares its noun, and NER's reading of a title is dropped too
    listed = events("В 1959 году он выступил с сочинениями «Строфы», «Эманации» и «Псалмы Давидовы».")
    assert listed and not any(e.actors for e in listed)


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        # «премьер» is the prime minister, not a form of «премьера»; «переведён в палату» is no publication
        ("9 апреля премьер был переведён в обычную палату.", []),
        ("Роман вышел в 1967 году и переведён на 40 языков.", ["publication"]),
        ("Премьера фильма состоится 5 июня.", ["opening"]),
        ("По итогам будет выпущено совместное коммюнике.", ["publication"]),
        ("Компания выпустила новый смартфон.", ["launch"]),
        ("Сайт компании дважды подвергался DDoS-атакам.", ["attack"]),
        ("Политик добавил, что намерен вернуться к работе.", []),
        ("В понедельник министр вернулся в Москву.", ["visit"]),
        ("Окончил военно-инженерный колледж, работал инженером.", []),
        ("Юрий Царёв родился в 1958 году в Москве.", ["birth"]),
        ("Осенью 2018 года Малашенко развёлся с бывшей супругой.", ["divorce"]),
        ("Модель и сын миллиардера поженились 4 июля 2019 года.", ["wedding"]),
        ("17 января принц Филипп врезался на внедорожнике в другой автомобиль.", ["accident"]),
        ("1 сентября Ерохин примет участие в юбилейном забеге.", ["competition"]),
        ("Верхняя палата парламента 9 июня 2017 года приняла закон.", ["decision"]),
        ("Путин принял приглашение посетить Джакарту в следующем году.", ["visit"]),
        ("В 2013 году полковник вышел на свободу.", []),
        ("Сегодня на 97-м году ушёл из жизни писатель Юрий Бондарев.", ["death"]),
        ("Министр ушёл с поста в марте.", []),
        ("Наш брат покончил с собой.", ["death"]),
        ("Доходы за 2018 год составили 3 млрд долларов при чистой прибыли 1,2 млрд долларов.", []),
        ("Туристы прибыли в Москву 5 мая.", ["visit"]),
        ("Еврокомиссия рассчитывает согласовать пакет санкций к 24 февраля.", ["decision"]),
        ("В 2009 году дипломат сменил на посту директора МАГАТЭ Мохаммеда Эль-Барадеи.", ["decision"]),
        ("Компания сменила логотип.", []),
        ("Недавно муфтий попал в больницу с пневмонией.", ["other"]),
        ("Мяч попал в штангу.", []),
        ("Ледяной дождь оставил без света половину Владивостока.", ["disaster"]),
        ("Он оставил машину у дома.", []),
        ("Кандидатскую диссертацию физик защитил в 1963 году.", ["other"]),
        ("Автобус опрокинулся в кювет в ночь на вторник.", ["accident"]),
        ("На следующей неделе в край может прийти второй циклон.", ["disaster"]),
        # «не признаёт» is a present «признавать», not a future «признать» denied: nothing happened
        ("Командир свою вину не признаёт.", []),
        ("20 июня исполнилось 85 лет со дня рождения Юрия Визбора.", []),
    ],
)
def test_triggers_read_in_their_sense(sentence: str, kinds: list[str]) -> None:
    assert [e.kind for e in events(sentence)] == kinds


def test_called_off_happenings_are_cancelled() -> None:
    found = events("Из-за пандемии все публичные мероприятия в рамках юбилея были отменены.")
    assert [(e.kind, e.status) for e in found] == [("other", "cancelled")]


def test_a_calendar_date_in_apposition_wins_over_a_weekday_or_a_relative_day() -> None:
    found = events("Журналист Сергей Доренко умер вчера, 9 мая 2019 года, в возрасте 59 лет.")
    assert [(e.kind, e.start) for e in found] == [("death", date(2019, 5, 9))]
    found = events("Экс-президент скончался в зале суда в понедельник, 17 июня 2019 года.")
    assert [(e.kind, e.start) for e in found] == [("death", date(2019, 6, 17))]


def test_the_lede_told_again_is_one_event_citing_both_sentences() -> None:
    text = (
        "Умер Ли Пэн\n"  # a title: no full stop
        "В понедельник, 22 июля 2019 года, в Пекине умер Ли Пэн.\n\n"
        "Чиновник скончался, по сообщению телевидения, 22 июля 2019 года."
    )
    deaths = [e for e in events(text) if e.kind == "death"]
    assert len(deaths) == 1
    assert [ev.text for ev in deaths[0].evidence] == [
        "В понедельник, 22 июля 2019 года, в Пекине умер Ли Пэн.",
        "Чиновник скончался, по сообщению телевидения, 22 июля 2019 года.",
    ]


def test_a_dated_lede_event_stays_when_the_body_retells_it_undated() -> None:
    text = (
        "Мурси скончался в зале суда 17 июня 2019 года.\n\n"
        "Экс-президент упал в обморок и, не приходя в сознание, умер."
    )
    assert date(2019, 6, 17) in {e.start for e in events(text) if e.kind == "death"}


def test_a_span_after_a_past_event_is_not_dated_from_publication() -> None:
    """«через год» in a past-tense story counts from the story's last event, not from today."""
    found = events("Через год получил награду ЮНЕСКО в Париже.")
    assert [(e.kind, e.start, e.status) for e in found] == [("award", None, "occurred")]
    ahead = events("Через неделю министр посетит Казань.")
    assert [(e.kind, e.start) for e in ahead] == [("visit", date(2026, 1, 21))]


def test_a_dash_without_a_verb_before_it_splits_no_clause() -> None:
    """«… и пианист — лауреат премии Grammy Даниил Трифонов дают концерт»: an apposition, one clause,
    and a prize its laureate holds is no happening."""
    found = events("18 мая 2019 года дирижёр Валерий Гергиев и пианист — лауреат премии Grammy "
                   "Даниил Трифонов дают концерт в Карнеги-холле.")
    assert [(e.kind, e.start) for e in found] == [("other", date(2019, 5, 18))]


def test_a_date_after_a_dash_and_the_narrower_date_win() -> None:
    found = events("Уборка озимых в этом году началась раньше обычного — в конце июня.", date(2024, 8, 21))
    assert [(e.start, e.end) for e in found] == [(date(2024, 6, 21), date(2024, 6, 30))]


def test_perhaps_moved_to_a_date_is_possible_on_that_date() -> None:
    found = events("Если двигатель не заменят, пуск может быть перенесён на резервную дату — 5 декабря.",
                   date(2026, 11, 30))
    # Its postponement is perhaps to come too, on no date of its own.
    assert [(e.kind, e.status, e.start) for e in found] == [
        ("launch", "possible", date(2026, 12, 5)), ("postponement", "possible", None)]


def test_a_report_in_the_present_does_not_set_the_tense_and_its_source_is_a_source() -> None:
    found = events("Всего в 2026 году Россия выполнила 14 космических пусков, сообщает «Интерфакс».",
                   date(2026, 11, 30))
    assert [(e.kind, e.status) for e in found] == [("launch", "occurred")]
    # A place is never a participant, not even a country as the subject (issue 13).
    assert {(a.name, a.role) for a in found[0].actors} == {("Интерфакс", "reporter")}


def test_a_plan_that_will_not_happen_is_cancelled_a_plan_denied_is_denied() -> None:
    assert [e.status for e in events("Фестиваль, запланированный на 8 февраля, не состоится.")] == ["cancelled"]
    assert [e.status for e in events("Морской этап учений в этот раз не состоится.")] == ["cancelled"]
    assert [e.status for e in events("Встреча не запланирована.")] == ["denied"]
    assert [e.status for e in events("Отставка главы города не планируется.")] == ["denied"]


def test_how_long_the_happening_lasted_adds_to_it() -> None:
    found = events("Гонка на 50 км прошла в воскресенье в Антхольце. Гонка продолжалась 2 часа 4 минуты.")
    assert [(e.kind, e.duration, len(e.evidence)) for e in found] == [("competition", "PT2H4M", 2)]


@pytest.mark.parametrize(
    ("sentence", "kind", "status", "start", "end"),
    [
        # An aside of attribution lends its tense neither to the date nor to the event: next March.
        ("В марте, как сказал В. Путин, лидеры встретятся.", "meeting", "planned", date(2026, 3, 1), date(2026, 3, 31)),
        ("В декабре — по словам А. Петрова — ставку снизят.", "decision", "planned", date(2026, 12, 1),
         date(2026, 12, 31)),
        ("Не исключено, что встреча состоится в марте.", "meeting", "possible", date(2026, 3, 1), date(2026, 3, 31)),
        # The aside's own verb still dates what stands inside it, and a main clause in the past stays past.
        ("В марте, по словам министра, цены выросли.", "other", "occurred", date(2025, 3, 1), date(2025, 3, 31)),
    ],
)
def test_the_date_and_the_event_read_one_tense(
    sentence: str, kind: str, status: str, start: date, end: date
) -> None:
    """The date stage and the event rules agree (issue 11): one sentence, one reading of its tense, and
    `timeline dates` resolves the date as import does."""
    from timeline.extract.pipeline import dates

    anchor = date(2026, 1, 14)
    found = extract_events(sentence, anchor)
    assert [(e.kind, e.status, e.start, e.end) for e in found] == [(kind, status, start, end)]
    assert [(t.start, t.end) for t in dates(sentence, anchor).times] == [(start, end)]


@pytest.mark.parametrize(("text", "title"), [
    ("Напомним, в декабре Уиткофф и Кушнер посетили Москву и встретились с Путиным, сообщает ТАСС.",
     "Уиткофф и Кушнер посетили Москву и встретились с Путиным"),
    ("Совет директоров Банка России 19 декабря снизил ключевую ставку до 16,5%.",
     "Совет директоров Банка России снизил ключевую ставку до 16,5%"),
    ("В Санкт-Петербурге 3 марта был арестован бывший вице-губернатор Олег Кравцов.",
     "В Санкт-Петербурге был арестован бывший вице-губернатор Олег Кравцов"),
    # a long title loses the apposition between commas before its verb, not its subject
    ("Принц Филипп, 97-летний супруг британской королевы Елизаветы II, добровольно сдал водительские права в "
     "полицию графства Норфолк после аварии, в которую он попал в январе.",
     "Принц Филипп добровольно сдал водительские права в полицию графства Норфолк после аварии"),
])
def test_a_title_is_the_clauses_own_words_made_short(text: str, title: str) -> None:
    """Issue 13: a reader must know what happened, and to whom, from the title alone."""
    (event,) = extract_events(text, DCT)
    assert event.title == title


def test_a_pronoun_subject_stands_for_the_person_named_just_before() -> None:
    found = extract_events("Юкия Амано родился в 1947 году. Он был назначен послом Японии в МАГАТЭ в 2005 году.", DCT)
    assert [a.name for a in found[-1].actors if a.role == "participant" and a.type == "person"] == ["Юкия Амано"]
    apart = extract_events("Юкия Амано родился в 1947 году.\n\nОн был назначен послом в МАГАТЭ в 2005 году.", DCT)
    assert not [a for a in apart[-1].actors if a.type == "person"]  # another paragraph: no one to stand for


def test_a_surname_two_people_share_goes_to_the_one_its_verb_agrees_with() -> None:
    """«Малашенко развёлся» after Игорь and Елена Малашенко are named: Игорь; «Малашенко заявила»: Елена."""
    text = ("Игорь Малашенко найден мёртвым в Испании. В 2010 году Игорь Малашенко женился на Елене Малашенко. "
            "В 2018 году Малашенко развёлся с супругой. Позже Малашенко заявила о разделе имущества.")
    people = [[a.name for a in e.actors if a.type == "person"] for e in extract_events(text, DCT)]
    assert ["Игорь Малашенко"] in people and ["Елена Малашенко"] in people
    assert ["Малашенко"] not in people


def test_a_sentence_opening_with_its_verb_is_of_the_person_told_before() -> None:
    """«Досрочно прекратил полномочия»: a man's past-tense verb with no subject is of the person named
    before; an impersonal «Ожидается подписание» is of no one."""
    (_, left) = extract_events("Андрей Варичев избран депутатом в 2016 году. Досрочно прекратил свои полномочия "
                               "в 2019 году.", DCT)
    assert [a.name for a in left.actors if a.type == "person"] == ["Андрей Варичев"]
    assert left.title.startswith("Андрей Варичев досрочно прекратил")
    (*_, later) = extract_events("Андрей Варичев родился в Курске в 1970 году. В 2011 году избран депутатом "
                                 "областной думы, а в 2018 году досрочно прекратил свои полномочия.", DCT)
    assert [a.name for a in later.actors if a.type == "person"] == ["Андрей Варичев"]  # after «а в 2018 году»
    signing = extract_events("Сергей Лавров прибыл в Вену 4 мая. Ожидается подписание соглашения 5 мая.", DCT)[-1]
    assert not [a for a in signing.actors if a.type == "person"]


def test_a_person_it_befell_by_a_pronoun_is_its_participant_and_leads_its_title() -> None:
    """«… его арестовали карабинеры»: the arrest is of the person named before, who leads the title."""
    arrest = extract_events("Виталий Маркив приехал в Италию в 2017 году. 30 июня 2017 года в аэропорту Болоньи его "
                            "арестовали карабинеры.", DCT)[-1]
    assert arrest.kind == "arrest" and [a.name for a in arrest.actors if a.type == "person"] == ["Виталий Маркив"]
    assert arrest.title == "Виталий Маркив: в аэропорту Болоньи его арестовали карабинеры"
    moved = extract_events("Сергей Лавров прибыл в Вену 4 мая. Саммит намечали на 5 мая, но его перенесли на 9 мая.",
                           DCT)
    assert not [a for e in moved if e.kind in ("summit", "postponement") for a in e.actors if a.type == "person"]


def test_a_person_noun_set_before_a_name_stands_for_that_person_later() -> None:
    """«полковник ГРУ Владимир Квачков» … «полковник был снова задержан, а … приговорён»: Квачков, both
    times, named in the title; a «журналист» with another adjective than the named one is no one."""
    arrest, verdict = extract_events(
        "Из колонии освобождён 70-летний полковник ГРУ Владимир Квачков. Но в 2010 году полковник был снова "
        "задержан, а в 2013 году приговорён к восьми годам колонии.", DCT)[1:]
    assert arrest.title == "Владимир Квачков: полковник был снова задержан"
    assert [a.name for a in verdict.actors if a.type == "person"] == ["Владимир Квачков"]
    other = extract_events("На суде выступил французский журналист Уильям Рогулен. Итальянский журналист погиб при "
                           "обстреле в 2014 году.", DCT)[-1]
    assert not [a for a in other.actors if a.type == "person"]


def test_a_far_pronoun_stands_for_the_person_the_article_is_about() -> None:
    """Paragraphs after the name, «Он» is the one the article keeps naming — and no one when two are
    named as often (the reader could not tell either)."""
    about = ("Юкия Амано родился в 1947 году. В 1998 году Амано возглавил делегацию на переговорах в Женеве. "
             "В 2001 году Амано выступил на конференции в Вене.\n\nОн был назначен послом Японии в МАГАТЭ в 2005 году.")
    found = extract_events(about, DCT)[-1]
    assert "Юкия Амано" in [a.name for a in found.actors if a.role == "participant" and a.type == "person"]
    assert found.title.startswith("Юкия Амано")
    two = ("Юкия Амано и Мохамед Эльбарадей встретились в Вене в 1998 году. В 2001 году Амано и Эльбарадей "
           "выступили на конференции в Женеве. В 2003 году Амано и Эльбарадей подписали доклад.\n\n"
           "Он был назначен послом Японии в МАГАТЭ в 2005 году.")
    appointed = extract_events(two, DCT)[-1]
    assert appointed.title.startswith("Он был назначен")
    assert not [a for a in appointed.actors if a.type == "person"]


@pytest.mark.parametrize(("text", "title"), [
    # a subject cut off by the title's length: the participant leads the title
    ("Председатель правления крупнейшего российского банка Сбербанк Герман Греф в ходе долгой пресс-конференции"
     " в Москве 3 марта подписал соглашение.",
     "Герман Греф: в ходе долгой пресс-конференции в Москве подписал соглашение"),
    # «о том, что …» names the content: the title stops before it
    ("Ватикан 16 февраля опубликовал заявление о том, что кардинал лишён сана.", "Ватикан опубликовал заявление"),
])
def test_a_title_names_to_whom_it_happened_and_ends_on_a_word_of_its_own(text: str, title: str) -> None:
    assert title in [e.title for e in extract_events(text, DCT)]


@pytest.mark.parametrize(("text", "kind"), [
    ("27 апреля в результате нападения на синагогу погиб один человек.", "attack"),  # the attack, not a death
    ("10 марта суд приговорил бывшего чиновника к девяти годам колонии.", "verdict"),
    ("4 марта суд отправил бизнесмена под домашний арест.", "arrest"),  # custody ordered, not a trial
])
def test_a_clause_naming_a_happening_and_its_consequence_tells_the_happening(text: str, kind: str) -> None:
    assert [e.kind for e in extract_events(text, DCT)] == [kind]


def test_a_happening_named_after_before_is_the_time_of_another() -> None:
    """«возглавил ГОК сразу после его покупки»: the heading, not the purchase."""
    text = "В 2005 году Варичев возглавил «Михайловский ГОК», сразу после его покупки структурами Усманова."
    (event,) = extract_events(text, DCT)
    assert (event.kind, event.start) == ("other", date(2005, 1, 1))


@pytest.mark.parametrize(("text", "kind", "status"), [
    ("Из-за забастовки авиакомпания отменила рейсы 18 марта.", "strike", "occurred"),  # the flights, not the strike
    ("Защита просит отменить приговор, вынесенный 10 марта.", "verdict", "occurred"),  # asked for, not done
    ("Роскосмос отменил запланированный на 18 марта пуск.", "launch", "cancelled"),
    ("Матч отменён из-за непогоды.", "competition", "cancelled"),
])
def test_cancelling_calls_off_its_object_and_only_when_done(text: str, kind: str, status: str) -> None:
    """Issue 13: «отменить» cancels its object; «просит отменить» cancels nothing."""
    assert [(e.kind, e.status) for e in extract_events(text, date(2026, 3, 20))] == [(kind, status)]


@pytest.mark.parametrize(("text", "published", "status", "start"), [
    # appointed to a post: done, at the end of the March just past (it was planned, in the next year)
    ("Иванова назначена министром в конце марта.", date(2026, 4, 10), "occurred", date(2026, 3, 21)),
    ("Петров назначен на должность министра 20 марта.", date(2026, 3, 25), "occurred", date(2026, 3, 20)),
    # a happening set for a date: still a plan
    ("Пуск назначен на 24 сентября.", date(2026, 9, 1), "planned", date(2026, 9, 24)),
    # begun, and was to last two days: occurred; «должен был пройти» alone is the plan
    ("Забастовка началась 18 марта и должна была продлиться два дня.", date(2026, 3, 20), "occurred",
     date(2026, 3, 18)),
    ("Саммит должен был пройти 14 апреля.", date(2026, 3, 20), "planned", date(2026, 4, 14)),
])
def test_appointed_to_a_post_is_done_and_set_for_a_date_is_a_plan(
    text: str, published: date, status: str, start: date,
) -> None:
    (event,) = extract_events(text, published)
    assert (event.status, event.start) == (status, start)


def test_a_birth_year_tells_who_not_when() -> None:
    """«Иван Петров, 2000 года рождения» dates no arrest, and leaves the title."""
    (undated,) = extract_events("Задержан Иван Петров, 2000 года рождения.", DCT)
    assert (undated.start, undated.title) == (None, "Задержан Иван Петров")
    (dated,) = extract_events("Иван Петров, 1985 г. р., задержан 15 марта.", date(2026, 3, 20))
    assert (dated.start, dated.title) == (date(2026, 3, 15), "Иван Петров, задержан")


@pytest.mark.parametrize(("text", "kind"), [
    ("Певица вышла замуж 14 марта.", "wedding"),
    ("Пенсионерка поскользнулась и сломала ногу 15 марта.", "accident"),
    ("Актёру 15 марта исполнилось 80 лет.", "other"),
    ("Актриса снялась в новом фильме в 2025 году.", "other"),
    ("Джастин Трюдо выразил соболезнования 19 апреля.", "statement"),
    ("Министр поздравил пару 29 апреля.", "statement"),
    ("Месси познакомился с Антонеллой Рокуццо в 1996 году.", "meeting"),
    ("Боксёр завоевал чемпионский пояс в июне 2018 года.", "award"),
    ("Подозреваемый сдался полиции 15 марта.", "arrest"),
    ("Журналист был избит 7 июня.", "attack"),
    ("Амано дважды переизбирался на должность в 2013 и 2017 годах.", "election"),
    ("Судья распорядился освободить задержанных 15 марта.", "decision"),
])
def test_common_happenings_real_news_reports(text: str, kind: str) -> None:
    """Issue 13: happenings the lexicon missed, grown from what the judged real news reports."""
    assert [e.kind for e in extract_events(text, DCT)] == [kind]


@pytest.mark.parametrize(
    ("sentence", "kind", "moved"),
    [
        # A participle of a light verb: the happening it schedules stands before it.
        ("Пуск ракеты «Ангара-А5» со спутником «Луч-5Х» назначен на 24 сентября.", "launch", False),
        ("Забастовка была назначена на 10 июня.", "strike", False),
        ("Саммит перенесён на 26 мая.", "summit", True),
        ("На 26 мая перенесён саммит.", "summit", True),
        # The date belongs to the participle that schedules, not to the verb that moves: the old date.
        ("Профсоюз пилотов перенёс забастовку в авиакомпании Lufthansa, назначенную на 10 июня.", "strike", False),
    ],
)
def test_a_scheduled_or_moved_happening_is_the_one_its_noun_names(sentence: str, kind: str, moved: bool) -> None:
    found = events(sentence)
    # A happening moved is told with its postponement, a happening of its own.
    postponed = [("postponement", False)] if "перен" in sentence else []
    assert [(e.kind, e.moved) for e in found] == [(kind, moved), *postponed]


def test_a_moved_happening_takes_the_date_it_is_moved_to() -> None:
    launch, postponement = events("Пуск ракеты «Ангара-А5» со вторым спутником серии, намеченный на декабрь, "
                                  "перенесён на второй квартал 2027 года.", date(2026, 11, 18))
    assert (postponement.kind, postponement.title, postponement.when) == ("postponement", "Перенос пуска", None)
    assert (launch.kind, launch.moved, launch.start, launch.end) == (
        "launch", True, date(2027, 4, 1), date(2027, 6, 30))


@pytest.mark.parametrize(
    ("sentence", "told"),
    [
        # A relative clause with a generic verb tells of the happening its pronoun stands for.
        ("Соглашение подпишут на саммите, который может пройти весной в Москве.",
         [("agreement", "planned"), ("summit", "possible")]),
        ("Министры обсудили подготовку встречи лидеров, которая состоится в мае.",
         [("talks", "occurred"), ("meeting", "planned")]),
        ("Он приехал в город, который основали в XII веке.", [("visit", "occurred"), ("other", "occurred")]),
        # a verb of a happening of its own: the entry into force is not the agreement
        ("Стороны подписали соглашение, которое вступит в силу 1 января.",
         [("agreement", "occurred"), ("other", "planned")]),
        # past a genitive chain that agrees too, to the happening it depends on
        ("Профсоюз объявил забастовку пилотов авиакомпании, которая пройдёт 10 июня.",
         [("strike", "occurred"), ("strike", "planned")]),
        # A light verb negated: the happening its noun names did not take place.
        ("Официально сроки саммита пока не объявлены.", []),
        ("Встречу так и не провели.", []),
        # «не мог», «не удалось»: nothing was done.
        ("Отменить встречу он не мог.", []),
        ("Договориться сторонам не удалось.", []),
        ("Подписать соглашение стороны намерены на саммите.", [("agreement", "planned")]),
    ],
)
def test_what_a_clause_tells_of_and_whether_it_happened(sentence: str, told: list[tuple[str, str]]) -> None:
    assert [(e.kind, e.status) for e in events(sentence)] == told


def test_a_relative_clause_title_is_led_by_the_noun_it_stands_for() -> None:
    found = events("Соглашение подпишут на саммите, который может пройти весной в Москве.")
    assert found[-1].title == "Саммит может пройти в Москве"


def test_a_main_clause_resuming_after_a_relative_one_is_its_nouns() -> None:
    """«Саммит, который должен был пройти 14 апреля, перенесён на 26 мая»: the relative clause ends at
    its comma and the main clause's predicate tells of the summit too, with the new date."""
    found = events("Российско-монгольский саммит, который должен был пройти 14 апреля в Москве, перенесён на 26 мая.",
                   date(2026, 4, 6))
    *summits, postponement = found
    assert [(e.kind, e.moved, e.start) for e in summits][-1] == ("summit", True, date(2026, 5, 26))
    assert all(e.kind == "summit" for e in summits) and summits[-1].title == "Саммит перенесён"
    assert (postponement.kind, postponement.title) == ("postponement", "Перенос саммита")
    # a subject of its own: the clause stays whole, one happening
    (elections,) = events("По итогам выборов, которые проходили с 10 по 12 сентября, «Единая Россия» получила 28 "
                          "из 36 мандатов.", date(2027, 9, 13))
    assert (elections.kind, elections.start, elections.end) == ("election", date(2027, 9, 10), date(2027, 9, 12))


def test_a_person_named_by_the_first_name_alone_is_the_one_the_article_named_fully() -> None:
    found = events("Полиция установила, что стрелявшим был Габриэл Уортман. Габриэл был убит полицейскими.")
    assert [a.name for a in found[-1].actors if a.type == "person"] == ["Габриэл Уортман"]


def test_a_clause_that_opens_with_its_verb_has_the_subject_of_the_clause_before() -> None:
    talks, visit = events("Сергей Белов провёл переговоры в Москве, а затем посетил Пекин.")
    assert [a.name for a in visit.actors if a.role == "participant"] == ["Сергей Белов"]
    assert visit.title == "Сергей Белов затем посетил Пекин"
    (talks,) = events("Путин провёл переговоры с Си.")
    assert not talks.title.startswith("Си:")  # a short name in the title is found as a word


def test_a_happening_moved_without_its_new_date_is_still_to_come() -> None:
    strike, postponement = events("Профсоюз перенёс забастовку после нового предложения компании.")
    assert (strike.kind, strike.status) == ("strike", "planned")
    assert (postponement.kind, postponement.status) == ("postponement", "occurred")
    (match,) = events("Матч отменён из-за погоды.")
    assert match.status == "cancelled"


def test_a_statement_by_no_one_named_and_of_no_date_is_no_event() -> None:
    assert events("Об этом говорится в заявлении.") == []
    (said,) = events("Министр Сергей Лавров провёл переговоры. Позднее он заявил журналистам.")[1:]
    assert said.title == "Сергей Лавров заявил журналистам"  # the pronoun resolved, as it leads the title


# A postponement is a happening of its own: decided and told on a day, apart from the one it moves.
@pytest.mark.parametrize(
    ("sentence", "published", "told"),
    [
        # The new date is the summit's; the day it was told dates the postponement.
        ("Саммит, который должен был пройти 14 апреля в Москве, перенесён на 26 мая, сообщил в понедельник "
         "пресс-секретарь президента.", date(2026, 4, 6),
         [("summit", "planned", date(2026, 4, 14)), ("summit", "planned", date(2026, 5, 26)),
          ("postponement", "occurred", date(2026, 4, 6))]),
        # A pronoun object: the postponement of the happening the noun before it names, on its own date.
        ("Напомним, изначально саммит планировалось провести 14 апреля, однако в начале апреля его перенесли по "
         "просьбе монгольской стороны.", date(2026, 5, 20),
         [("summit", "planned", date(2026, 4, 14)), ("postponement", "occurred", date(2026, 4, 1))]),
        # The noun «перенос» tells of the postponement, not of the summit.
        ("Перенос саммита подтвердили и в МИД Монголии.", date(2026, 4, 6), [("postponement", "occurred", None)]),
        ("Перенос не скажется на работе действующих ретрансляторов.", date(2026, 11, 17),
         [("postponement", "occurred", None)]),
        # «перенос» the subject: the clause tells of it, whatever its verb; «в планы» plans nothing
        ("Туроператоры говорят, что перенос забастовки внёс путаницу в планы путешественников.", date(2026, 6, 9),
         [("postponement", "occurred", None)]),
        # A present-tense generality of no date is none.
        ("Переносы пусков из-за замечаний к разгонным блокам случаются регулярно.", date(2026, 9, 21), []),
    ],
)
def test_a_postponement_is_a_happening_of_its_own(
    sentence: str, published: date, told: list[tuple[str, str, date | None]],
) -> None:
    found = events(sentence, published)
    assert [(e.kind, e.status, e.start) for e in found] == told
    for e in found:
        if e.kind == "postponement" and "саммит" in sentence:
            assert e.title == "Перенос саммита" and {"перенос", "саммит"} <= set(e.keywords)


def test_a_happening_moved_to_another_place_is_not_postponed() -> None:
    found = events("Фестиваль «Волжская волна» в этом году перенесли на Гребной канал в Нижнем Новгороде.",
                   date(2026, 8, 25))
    assert "postponement" not in {e.kind for e in found}
    (moved,) = events("Саммит перенесли на Гребной канал.", date(2026, 8, 25))  # no new date, a new place
    assert moved.kind == "summit"
    found = events("Организаторы перенесли фестиваль с берега Волги на территорию Гребного канала.", date(2026, 8, 25))
    assert "postponement" not in {e.kind for e in found}
    # «после переноса» says when the festival took place: no postponement is told
    found = events("Фестиваль прошёл 21–23 августа на Гребном канале после переноса.", date(2026, 8, 25))
    assert "postponement" not in {e.kind for e in found}
    # Where the happening is, not where it goes: still a postponement
    found = events("Профсоюз перенёс забастовку в авиакомпании Lufthansa на 17 июня.", date(2026, 6, 8))
    assert [e.kind for e in found] == ["strike", "postponement"]


@pytest.mark.parametrize(("text", "told"), [
    ("13 июля в Петербурге и 15 июля в Москве пройдут концерты.",
     [("2026-07-13", "Петербург"), ("2026-07-15", "Москва")]),
    ("Концерты пройдут 13 июля в Петербурге, 15 июля в Москве и 20 июля в Казани.",
     [("2026-07-13", "Петербург"), ("2026-07-15", "Москва"), ("2026-07-20", "Казань")]),
])
def test_each_date_with_its_own_place_is_its_own_happening(text: str, told: list[tuple[str, str]]) -> None:
    """Issue 13: «13 июля в Петербурге и 15 июля в Москве» is a second happening, not one on the last day."""
    found = [(e.when.start.isoformat() if e.when else None, e.place) for e in events(text, date(2026, 5, 10))]
    assert found == told


@pytest.mark.parametrize("text", [
    "Концерт пройдет 13 июля в Петербурге и продлится до 15 июля.",  # one happening, its end
    "С 13 июля в Петербурге пройдут концерты.",
    "13 и 15 июля в Москве пройдут концерты.",  # one place for both days: a range, one happening
])
def test_dates_without_a_place_each_stay_one_happening(text: str) -> None:
    assert len(events(text, date(2026, 5, 10))) == 1, events(text, date(2026, 5, 10))


@pytest.mark.parametrize(("text", "kind"), [
    ("Забастовка затронула бы тысячи пассажиров.", "strike"),  # what would be
    ("Фестиваль проводится с 2008 года.", None),  # a recurrence since then: no happening on that date
    ("Он сыграл важную роль в переговорах.", "competition"),  # plays no game
    ("Трудно представить себе такую встречу.", "launch"),  # imagines, presents nothing
])
def test_not_happenings_of_issue_13(text: str, kind: str | None) -> None:
    found = events(text, date(2026, 5, 10))
    if kind is None:
        assert found == [], found
    else:
        assert kind not in {e.kind for e in found}, found


def test_a_conditional_beside_a_happening_keeps_it() -> None:
    """«бы» beside another word, or a «чтобы», tells nothing of the happening."""
    assert events("Министр заявил, что встреча пройдёт 15 мая, чтобы обсудить тарифы.", date(2026, 5, 10))
    assert [e.kind for e in events("Забастовка началась 12 мая, хотя профсоюз хотел бы договориться.",
                                   date(2026, 5, 14))][:1] == ["strike"]
