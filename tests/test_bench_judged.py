"""The judged benchmark's arithmetic on tiny synthetic cases (no database, no extractor)."""

from __future__ import annotations

from datetime import date

import pytest

from benchmarks.bench_judged import golds_in, shown
from benchmarks.judged_scoring import Gold, Shown, owner, score_article, totals, understandable

DAY = date(2019, 6, 13)
TEXT = "Путин уволил двух генералов. Кремль объявил об увольнении. Погода была хорошей. Суд вынес приговор."
#       0                           29                             59                    80


def _gold(gid: str = "fired", kind: str = "decision", at: tuple[int, ...] = (0, 29), dated: bool = True,
          participants: tuple[str, ...] = ("Владимир Путин",), place: str | None = None) -> Gold:
    day = DAY if dated else None
    return Gold(gid, kind, "occurred", day, day, participants, place, "Путин уволил генералов", ("уволить",), at)


def _event(eid: int, cites: tuple[tuple[int, int], ...], kind: str = "decision", title: str = "Путин уволил генералов",
           participants: tuple[str, ...] = ("владимир путин",), start: date | None = DAY,
           place: str | None = None) -> Shown:
    return Shown(eid, kind, "occurred", start, start, "day" if start else None, place, title, participants, cites)


def test_repeat_and_noise_count_against_precision() -> None:
    first = _event(1, ((0, 28),))
    repeat = _event(2, ((29, 58),), kind="statement", title="Кремль объявил")
    noise = _event(3, ((59, 80),), kind="other", title="Событие", participants=())
    s = score_article("a", [noise, repeat, first], [_gold()])
    t = totals([s])
    assert (t.events, t.happenings, t.found, t.repeats, t.noise) == (3, 1, 1, 1, 1)
    assert t.precision == pytest.approx(1 / 3) and t.recall == 1.0
    assert [e.id for e in s.happenings[0].events] == [1, 2]
    assert s.owners == {1: "fired", 2: "fired", 3: None}


def test_representative_cites_most_and_its_fields_are_scored() -> None:
    one = _event(1, ((0, 28),), participants=())
    both = _event(2, ((0, 28), (29, 58)), participants=("Владимир Путин", "Иван Голунов"))
    (h,) = score_article("a", [one, both], [_gold()]).happenings
    assert h.representative is both
    assert not h.participants_right  # one name too many
    assert h.date_right and h.kind_right and h.status_right and h.place_right and h.title_understandable
    assert not h.all_right


def test_belonging_by_most_cited_then_kind_then_first() -> None:
    fired = _gold(at=(0,))
    announced = _gold("announced", kind="statement", at=(29,))
    both = _event(1, ((0, 58),), kind="statement")
    assert owner(both, [fired, announced]) is announced  # one each: the event's kind wins
    assert owner(_event(2, ((0, 58),), kind="vote"), [fired, announced]) is fired  # neither kind: the first
    assert owner(_event(3, ((80, 99),)), [fired, announced]) is None
    two = _gold("two", kind="verdict", at=(0, 10))
    assert owner(_event(4, ((0, 28),)), [fired, two]) is two  # cites two of its mentions


def test_a_happening_not_found_and_undated_dates() -> None:
    undated = _gold("verdict", kind="verdict", at=(80,), dated=False, participants=())
    e = _event(1, ((80, 99),), kind="verdict", title="Суд вынес приговор", participants=(), start=DAY)
    s = score_article("a", [e], [_gold(), undated])
    t = totals([s])
    assert (t.happenings, t.found, t.dated, t.date) == (2, 1, 0, 0)  # date right only where the gold dates
    h = s.happenings[1]
    assert not h.date_right and not h.all_right  # dated where the gold is not: not all right
    assert t.recall == 0.5


def test_names_and_places_compare_without_case_yo_and_quotes() -> None:
    g = _gold(participants=("Пётр Ёлкин", "«Первый канал»"), place="Москва")
    e = _event(1, ((0, 28),), participants=("петр елкин", "Первый канал"), place="москва",
               title="Ёлкин уволил генералов")
    (h,) = score_article("a", [e], [g]).happenings
    assert h.participants_right and h.place_right and h.all_right


def test_title_rule() -> None:
    assert understandable("Путин уволил генералов", ["уволить"], ["Владимир Путин"])
    assert understandable("Увольнение двух генералов", ["уволить", "увольнение"], [])
    assert not understandable("Уволил двух генералов", ["уволить"], ["Владимир Путин"])  # no one named
    assert not understandable("Путин и генералы", ["уволить"], ["Владимир Путин"])  # nothing happens
    assert not understandable("Заявление", ["заявление"], [])  # a bare kind word
    assert understandable("Суд над Маркивом начался", ["суд"], ["Виталий Маркив"])  # a surname by its stem


def test_gold_placed_in_the_stored_text_and_events_read_from_event_dict() -> None:
    gold = {"happenings": [{"id": "fired", "kind": "decision", "status": "occurred", "start": "2019-06-13",
                            "end": "2019-06-13", "precision": "day", "dated": True, "participants": [],
                            "place": None, "title": "Путин уволил", "predicate": ["уволить"],
                            "mentions": [{"sentence_contains": "Кремль объявил"}]}]}
    (g,) = golds_in(gold, TEXT)
    assert g.at == (29,) and g.dated
    with pytest.raises(SystemExit):
        golds_in(gold, TEXT + " Кремль объявил.")
    d = {"id": 7, "kind": "statement", "status": "occurred", "start": None, "end": None, "precision": None,
         "place": None, "title": "Кремль объявил",
         "actors": [{"name": "Кремль", "type": "org", "role": "participant"},
                    {"name": "ТАСС", "type": "org", "role": "reporter"}],
         "evidence": [{"text": "Кремль объявил об увольнении.", "start": 29, "end": 58}]}
    e = shown(d)
    assert e.participants == ("Кремль",) and e.cites == ((29, 58),) and e.start is None
