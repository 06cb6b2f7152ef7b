"""One happening, one event: mentions from many articles (and many sentences) linked into it, its
fields derived from them, its history; and the happenings a reader keeps apart."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import invoke
from tests.test_story import write
from timeline.linking import match
from timeline.linking.derive import Report, derive

SUMMIT = (
    ("a.txt", "2026-01-22", "Саммит России и Китая пройдет 26 февраля в Пекине.",
     "Саммит лидеров России и Китая пройдет 26 февраля в Пекине, сообщил помощник президента Юрий Ушаков."),
    ("b.txt", "2026-02-10", "Саммит России и Китая перенесен на 12 марта.",
     "Саммит России и Китая в Пекине перенесен на 12 марта, сообщил Юрий Ушаков."),
    ("c.txt", "2026-03-12", "Путин и Си Цзиньпин провели саммит в Пекине.",
     "Владимир Путин и Си Цзиньпин в четверг провели саммит в Пекине."),
)


def _import(runner: CliRunner, url: str, *paths: Path, force: bool = False) -> None:
    result = invoke(runner, "import", *map(str, paths), "--db", url, *(["--force"] if force else []))
    assert result.exit_code == 0, result.output


def _events(runner: CliRunner, url: str, *args: str) -> list[dict]:
    result = invoke(runner, "events", "--db", url, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _summit(tmp_path: Path) -> list[Path]:
    return [write(tmp_path / name, published, *paragraphs) for name, published, *paragraphs in SUMMIT]


def test_the_postponed_summit_is_one_event_occurred_on_the_held_date_with_its_history(
    runner: CliRunner, tmp_path: Path, any_db_url: str,
) -> None:
    for path in _summit(tmp_path):  # one article a day, as they come
        _import(runner, any_db_url, path)
    summits = [e for e in _events(runner, any_db_url) if e["kind"] == "summit"]
    assert len(summits) == 1, [(e["title"], e["start"]) for e in summits]
    (summit,) = summits
    assert (summit["status"], summit["start"], summit["end"], summit["place"]) == (
        "occurred", "2026-03-12", "2026-03-12", "Пекин")
    assert summit["sources"] == 3
    assert [(h["published"], h["status"], h["start"]) for h in summit["history"]] == [
        ("2026-01-22", "planned", "2026-02-26"), ("2026-02-10", "postponed", "2026-03-12"),
        ("2026-03-12", "occurred", "2026-03-12"),
    ]
    assert [m["article"]["published"] for m in summit["mentions"]] == sorted(
        m["article"]["published"] for m in summit["mentions"])
    assert all(m["linked_by"] for m in summit["mentions"][1:])  # each says why it joined
    shown = invoke(runner, "show", str(summit["id"]), "--db", any_db_url).output
    lines = [line.rstrip() for line in shown.splitlines()]
    at = lines.index("history:")
    assert lines[at + 1:at + 4] == [
        "  2026-01-22 planned 2026-02-26", "  2026-02-10 postponed 2026-03-12", "  2026-03-12 occurred 2026-03-12"]
    assert "a new date for it" in shown  # why the postponement joined
    assert "sources disagree" not in shown  # the old date is history, not a disagreement
    # Every source's sentence is searchable: the second article's «перенесен», in any form.
    assert summit["id"] in {e["id"] for e in _events(runner, any_db_url, "--search", "перенесли")}
    # The window of the old date no longer holds it; the held date's does.
    assert not [e for e in _events(runner, any_db_url, "--from", "2026-02-26", "--to", "2026-02-26")
                if e["kind"] == "summit"]


def test_the_summit_is_one_event_in_whichever_order_the_articles_come(
    runner: CliRunner, tmp_path: Path, sqlite_url: str,
) -> None:
    _import(runner, sqlite_url, *reversed(_summit(tmp_path)))
    (summit,) = [e for e in _events(runner, sqlite_url) if e["kind"] == "summit"]
    assert (summit["status"], summit["start"], summit["sources"]) == ("occurred", "2026-03-12", 3)


def test_a_happening_told_again_in_the_same_article_is_one_event(
    runner: CliRunner, tmp_path: Path, sqlite_url: str,
) -> None:
    path = write(tmp_path / "a.txt", "2026-03-12", "Лавров провел переговоры с Фиданом.",
                 "Сергей Лавров 10 марта провел переговоры с Хаканом Фиданом в Анкаре.",
                 "Министры обсудили двустороннюю торговлю.",
                 "Переговоры длились три часа, сообщил источник.")
    _import(runner, sqlite_url, path)
    talks = [e for e in _events(runner, sqlite_url) if e["kind"] == "talks"]
    assert len(talks) == 1, [(e["title"], e["start"]) for e in talks]
    assert len(talks[0]["mentions"]) >= 2 and talks[0]["start"] == "2026-03-10"


def test_two_rounds_of_talks_in_two_cities_stay_apart(runner: CliRunner, tmp_path: Path, sqlite_url: str) -> None:
    a = write(tmp_path / "a.txt", "2026-03-12", "Лавров провел переговоры с Фиданом в Анкаре.",
              "Сергей Лавров в марте провел переговоры с Хаканом Фиданом в Анкаре.")
    b = write(tmp_path / "b.txt", "2026-03-30", "Лавров провел переговоры с Фиданом в Москве.",
              "Сергей Лавров в марте провел переговоры с Хаканом Фиданом в Москве.")
    _import(runner, sqlite_url, a, b)
    talks = [e for e in _events(runner, sqlite_url) if e["kind"] == "talks"]
    assert sorted(e["place"] for e in talks) == ["Анкара", "Москва"]


def test_the_first_and_the_second_meeting_stay_apart(runner: CliRunner, tmp_path: Path, sqlite_url: str) -> None:
    a = write(tmp_path / "a.txt", "2026-03-12", "Путин встретился с Уиткоффом.",
              "Владимир Путин 10 марта встретился со Стивом Уиткоффом.")
    b = write(tmp_path / "b.txt", "2026-04-02", "Путин снова встретился с Уиткоффом.",
              "Владимир Путин 1 апреля встретился со Стивом Уиткоффом.")
    _import(runner, sqlite_url, a, b)
    meetings = [e for e in _events(runner, sqlite_url) if e["kind"] == "meeting"]
    assert sorted(e["start"] for e in meetings) == ["2026-03-10", "2026-04-01"]


def test_a_detention_reported_with_and_without_the_name_is_one_event(
    runner: CliRunner, tmp_path: Path, sqlite_url: str,
) -> None:
    a = write(tmp_path / "a.txt", "2026-03-14", "Бывший чиновник задержан в Москве.",
              "Бывший чиновник министерства задержан 14 марта в Москве.")
    b = write(tmp_path / "b.txt", "2026-03-15", "Курбатов задержан.",
              "Андрей Курбатов был задержан 14 марта, сообщили в СК.")
    _import(runner, sqlite_url, a, b)
    arrests = [e for e in _events(runner, sqlite_url) if e["kind"] == "arrest"]
    assert len(arrests) == 1 and arrests[0]["sources"] == 2


def test_relink_and_import_force_keep_event_ids(runner: CliRunner, tmp_path: Path, sqlite_url: str) -> None:
    paths = _summit(tmp_path)
    _import(runner, sqlite_url, *paths)
    before = {(e["kind"], e["start"], e["title"]): e["id"] for e in _events(runner, sqlite_url)}
    relinked = invoke(runner, "relink", "--db", sqlite_url)
    assert relinked.exit_code == 0, relinked.output
    assert {(e["kind"], e["start"], e["title"]): e["id"] for e in _events(runner, sqlite_url)} == before
    _import(runner, sqlite_url, *paths, force=True)
    assert {(e["kind"], e["start"], e["title"]): e["id"] for e in _events(runner, sqlite_url)} == before
    ics = invoke(runner, "events", "--db", sqlite_url, "--format", "ics").output
    summit_id = next(i for (kind, _s, _t), i in before.items() if kind == "summit")
    assert f"UID:event-{summit_id}@timeline" in ics


def test_overdue_lists_what_was_expected_and_not_reported_since(
    runner: CliRunner, tmp_path: Path, sqlite_url: str,
) -> None:
    a = write(tmp_path / "a.txt", "2026-01-14", "Ответ России ожидается до конца января.",
              "Украина надеется получить ответ России на мирный план до конца января.")
    b = write(tmp_path / "b.txt", "2026-02-20", "Лавров провел переговоры с Фиданом.",
              "Сергей Лавров 19 февраля провел переговоры с Хаканом Фиданом в Анкаре.")
    _import(runner, sqlite_url, a, b)
    overdue = _events(runner, sqlite_url, "--overdue")
    assert [(e["kind"], e["end"]) for e in overdue] == [("response", "2026-01-31")]
    assert _events(runner, sqlite_url, "--overdue", "--as-of", "2026-01-20") == []  # not yet due then


# --- the rules, without a database -------------------------------------------------------------------


def _report(published: str, status: str, start: str | None = None, end: str | None = None, *, moved: bool = False,
            position: int = 0, precision: str = "day") -> Report:
    return Report(
        date.fromisoformat(published), 1, position, "summit", "t", status,
        date.fromisoformat(start) if start else None, date.fromisoformat(end or start) if start else None,
        precision if start else None, moved=moved,
    )


def test_derive_takes_the_latest_status_and_the_finest_agreeing_interval() -> None:
    d = derive([
        _report("2026-03-12", "occurred", "2026-03-01", "2026-03-31", precision="month"),
        _report("2026-01-22", "planned", "2026-03-12"),
    ])
    assert (d.status, d.start, d.end, d.precision) == ("occurred", date(2026, 3, 12), date(2026, 3, 12), "day")


def test_derive_lets_a_postponement_replace_the_old_date() -> None:
    d = derive([_report("2026-01-22", "planned", "2026-02-26"),
                _report("2026-02-10", "planned", "2026-03-12", moved=True)])
    assert (d.status, d.start) == ("planned", date(2026, 3, 12))


def test_the_new_date_beside_the_old_in_one_sentence_wins_in_any_order() -> None:
    """«Саммит перенесён с 14 апреля на 26 мая»: one sentence, two reports at one place — the old date
    and the new. The new one is the event's, whichever the engine hands back first."""
    old = _report("2026-04-06", "planned", "2026-04-14", position=54)
    new = _report("2026-04-06", "planned", "2026-05-26", position=54, moved=True)
    for reports in ([old, new], [new, old]):
        assert derive(reports).start == date(2026, 5, 26)


def test_a_past_happening_told_undated_months_later_joins_it_with_key_words_in_common() -> None:
    """«…, но его перенесли по просьбе Улан-Батора», seven weeks after the postponement: that one, when
    its words agree; a report sharing no words, or one still ahead, is not."""
    moved = match.Candidate(16, "postponement", date(2026, 4, 6), date(2026, 4, 6), "day", None, status="occurred",
                            published=date(2026, 4, 6), words={"перенос", "саммит", "просьба", "монгольский"})
    told = match.Report("postponement", None, None, None, None, date(2026, 5, 26), status="occurred",
                        words=frozenset({"перенос", "саммит", "просьба"}))
    found = match.link(told, [moved])
    assert found is not None and "told as past" in found.reason
    assert match.link(replace(told, words=frozenset({"перенос"})), [moved]) is None
    assert match.link(replace(told, status="planned"), [moved]) is None
    assert match.link(replace(told, published=date(2027, 6, 1)), [moved]) is None  # more than a year on


def test_an_old_plan_told_after_its_date_is_history() -> None:
    """«Изначально пуск был назначен на 24 сентября», told after the launch of 1 October: neither the
    date nor the status of the launch, and it joins the launch that was moved."""
    d = derive([_report("2026-10-01", "occurred", "2026-10-01"), _report("2027-01-20", "planned", "2026-09-24")])
    assert (d.status, d.start) == ("occurred", date(2026, 10, 1))
    launch = match.Candidate(3, "launch", date(2026, 10, 1), date(2026, 10, 1), "day", None, status="occurred",
                             moved_on=date(2026, 9, 21))
    old_plan = match.Report("launch", date(2026, 9, 24), date(2026, 9, 24), "day", None, date(2027, 1, 20),
                            status="planned")
    found = match.link(old_plan, [launch])
    assert found is not None and "before it was moved" in found.reason
    new_plan = match.Report("launch", date(2027, 9, 24), date(2027, 9, 24), "day", None, date(2027, 1, 20),
                            status="planned")
    assert match.link(new_plan, [launch]) is None  # a plan still ahead: another launch


def test_derive_reads_the_newest_articles_majority_and_ignores_unknown() -> None:
    d = derive([_report("2026-01-14", "possible", position=1), _report("2026-01-14", "denied", position=2),
                _report("2026-01-14", "possible", position=3), _report("2026-01-15", "unknown")])
    assert d.status == "possible"


def test_the_matcher_says_why_and_keeps_conflicts_apart() -> None:
    event = match.Candidate(7, "talks", date(2026, 3, 10), date(2026, 3, 10), "day", "Анкара", {1}, {1: "Лавров"},
                            {1: match.actor_key("сергей лавров", "person")})
    report = match.Report("meeting", date(2026, 3, 10), date(2026, 3, 10), "day", None, date(2026, 3, 12),
                          participants={1, 2})
    found = match.link(report, [event])
    assert found is not None and found.key == 7
    assert "the same day" in found.reason and "Лавров" in found.reason
    elsewhere = match.Report("talks", date(2026, 3, 10), date(2026, 3, 10), "day", "Москва", date(2026, 3, 12), False,
                             {1})
    assert match.link(elsewhere, [event]) is None  # another city
    other_day = match.Report("talks", date(2026, 3, 11), date(2026, 3, 11), "day", "Анкара", date(2026, 3, 12),
                             False, {1})
    assert match.link(other_day, [event]) is None
    nobody_in_common = match.Report("talks", date(2026, 3, 10), date(2026, 3, 10), "day", None, date(2026, 3, 12),
                                    False, {5}, keys={5: match.actor_key("мевлют чавушоглу", "person")})
    assert match.link(nobody_in_common, [event]) is None  # other people: other talks
    # Organizations and things named in other forms by another article («Ангары-А5», «Ангара-А5») do
    # not part two reports of one launch on one day; in one article they do.
    launch = match.Candidate(8, "launch", date(2026, 10, 1), date(2026, 10, 1), "day", None, {3}, {3: "Ангары-А5"},
                             {3: match.actor_key("ангары-а5", "org")})
    told = match.Report("launch", date(2026, 10, 1), date(2026, 10, 1), "day", None, date(2026, 10, 2), False, {4},
                        keys={4: match.actor_key("ангара-а5", "org")})
    found = match.link(told, [launch])
    assert found is not None and found.key == 8 and "the same day" in found.reason
    launch.in_article = True
    assert match.link(told, [launch]) is None


def test_a_date_given_by_another_happening_takes_its_interval(
    runner: CliRunner, tmp_path: Path, sqlite_url: str,
) -> None:
    """shared/spec/dates.md, «Dates relative to another happening»."""
    from timeline.extract.events import extract_events

    signing = extract_events("Переговоры прошли 3 марта. На следующий день стороны подписали протокол.",
                             date(2026, 3, 14))
    assert [(e.kind, e.start, e.date_text, e.dated_by) for e in signing] == [
        ("talks", date(2026, 3, 3), "3 марта", None), ("agreement", date(2026, 3, 4), "На следующий день", 0)]
    month = extract_events("Переговоры прошли в марте. На следующий день стороны подписали протокол.",
                           date(2026, 4, 14))
    assert (month[1].start, month[1].end, month[1].precision) == (date(2026, 3, 2), date(2026, 4, 1), "month")
    alone = extract_events("На следующий день стороны подписали протокол.", date(2026, 3, 14))
    assert (alone[0].start, alone[0].date_text) == (None, "На следующий день")  # no referent: vague
    path = write(tmp_path / "c.txt", "2026-03-12", "Путин и Си Цзиньпин провели саммит в Пекине.",
                 "Владимир Путин и Си Цзиньпин 12 марта провели саммит в Пекине.",
                 "По итогам саммита лидеры приняли совместную декларацию.")
    _import(runner, sqlite_url, path)
    found = _events(runner, sqlite_url)
    summit = next(e for e in found if e["kind"] == "summit")
    declaration = next(e for e in found if e["kind"] == "agreement")
    assert (declaration["start"], declaration["end"], declaration["date_text"]) == (
        "2026-03-12", "2026-03-12", "По итогам саммита")
    (mention,) = declaration["mentions"]
    assert mention["dated_by"] in {m["id"] for m in summit["mentions"]}


def test_a_report_naming_no_one_joins_the_only_happening_of_its_kind_then() -> None:
    arrest = match.Candidate(3, "arrest", date(2026, 3, 2), date(2026, 3, 2), "day", None, {1}, {1: "Курбатов"})
    report = match.Report("arrest", date(2026, 3, 1), date(2026, 3, 31), "month", None, date(2027, 2, 11))
    found = match.link(report, [arrest])
    assert found is not None and found.key == 3 and "the only arrest then" in found.reason
    another = match.Candidate(4, "arrest", date(2026, 3, 20), date(2026, 3, 20), "day", None, {2}, {2: "Петров"})
    assert match.link(report, [arrest, another]) is None  # two arrests that month: which one is unknown
    named = match.Report("arrest", date(2026, 3, 1), date(2026, 3, 31), "month", None, date(2027, 2, 11),
                         participants={9})
    assert match.link(named, [arrest]) is None  # it names someone else
    # Words of their own on both sides and none in common: another happening of the kind.
    signing = match.Candidate(5, "agreement", date(2026, 5, 26), date(2026, 5, 26), "day", None,
                              words={"транзит", "груз"})
    declaration = match.Report("agreement", None, None, None, None, date(2026, 5, 20), status="planned",
                               words=frozenset({"совместный", "декларация"}))
    assert match.link(declaration, [signing]) is None
    signing.words = set()
    found = match.link(declaration, [signing])
    assert found is not None and "the only agreement then" in found.reason


def test_an_undated_plan_after_the_happening_took_place_is_not_that_one() -> None:
    held = match.Candidate(6, "summit", date(2026, 5, 26), date(2026, 5, 26), "day", None, status="occurred",
                           words={"российско-монгольский"})
    maybe = match.Report("summit", None, None, None, None, date(2026, 6, 1), status="possible",
                         words=frozenset({"российско-монгольский", "следующий"}))
    assert match.link(maybe, [held]) is None
    told = match.Report("summit", None, None, None, None, date(2026, 6, 1), status="occurred",
                        words=frozenset({"российско-монгольский", "итог"}))
    assert match.link(told, [held]) is not None  # told again as past, it is


def test_one_person_named_fully_and_by_surname_is_one_actor_of_the_event(
    runner: CliRunner, tmp_path: Path, sqlite_url: str,
) -> None:
    a = write(tmp_path / "a.txt", "2026-03-14", "Олег Курбатов задержан.", "Олег Курбатов задержан 14 марта в Москве.")
    b = write(tmp_path / "b.txt", "2026-03-15", "Курбатов задержан.", "Курбатов был задержан 14 марта, сообщили в СК.")
    _import(runner, sqlite_url, a, b)
    (arrest,) = [e for e in _events(runner, sqlite_url) if e["kind"] == "arrest"]
    people = [a["name"] for a in arrest["actors"] if a["role"] == "participant" and a["type"] == "person"]
    assert people == ["Олег Курбатов"] and arrest["sources"] == 2


def test_key_words_in_common_join_reports_and_ordinals_keep_them_apart() -> None:
    from timeline.extract.events import extract_events

    (plan,) = extract_events("Второй спутник серии планируется запустить в декабре.", date(2026, 9, 2))
    assert {"#второй", "спутник", "серия"} <= set(plan.keywords)
    december = (date(2026, 12, 1), date(2026, 12, 31), "month")
    told = match.Candidate(4, "launch", *december, None, words=set(plan.keywords))
    again = match.Report("launch", *december, None, date(2026, 10, 2), participants={9},
                         words=frozenset({"#второй", "спутник", "серия", "ангара"}))
    found = match.link(again, [told])
    assert found is not None and "key words: серия, спутник" in found.reason
    first = match.Report("launch", *december, None, date(2026, 10, 2), participants={9},
                         words=frozenset({"#первый", "спутник", "серия"}))
    assert match.link(first, [told]) is None  # the first satellite is another launch
    one_word = match.Report("launch", *december, None, date(2026, 10, 2), participants={9},
                            words=frozenset({"спутник"}))
    assert match.link(one_word, [told]) is None  # one word in common tells too little


def test_two_undated_reports_of_a_kind_with_words_of_their_own_stay_apart_in_one_article() -> None:
    """«Уголовное дело возбуждено по статье 290» and «в квартире прошли обыски»: two acts of the
    investigation; a retelling naming nothing of its own («Следствие продолжается») joins."""
    searches = match.Candidate(-1, "investigation", None, None, None, None, in_article=True, status="occurred",
                               words={"квартира", "дача", "чиновник"})
    opened = match.Report("investigation", None, None, None, None, date(2026, 3, 2), status="occurred",
                          words=frozenset({"уголовный", "дело", "статья"}))
    assert match.link(opened, [searches]) is None
    retold = match.Report("investigation", None, None, None, None, date(2026, 3, 2), status="occurred")
    found = match.link(retold, [searches])
    assert found is not None and "told again in the same article" in found.reason


def test_a_plan_come_true_joins_with_one_key_word_in_common() -> None:
    """«Ввести аппарат в эксплуатацию планируется в январе», then in January «введён в эксплуатацию»."""
    plan = match.Candidate(7, "decision", date(2027, 1, 1), date(2027, 1, 31), "month", None, status="planned",
                           words={"аппарат", "эксплуатация"})
    done = match.Report("decision", None, None, None, None, date(2027, 1, 20), status="occurred",
                        words=frozenset({"эксплуатация", "штатный"}))
    found = match.link(done, [plan])
    assert found is not None and "key words: эксплуатация" in found.reason
    later = match.Report("decision", None, None, None, None, date(2027, 6, 20), status="occurred",
                         words=frozenset({"эксплуатация", "штатный"}))
    assert match.link(later, [plan]) is None  # told months after: one word is not enough


def test_the_words_after_besides_are_not_the_clauses_key_words() -> None:
    from timeline.extract.events import extract_events

    (declaration,) = extract_events("По словам Оюун, кроме соглашения о транзите, лидеры двух стран примут совместную "
                                    "декларацию.", date(2026, 5, 20))
    assert "транзит" not in declaration.keywords and "совместный" in declaration.keywords


def test_a_postponement_is_one_event_of_its_own_told_again_later(
    runner: CliRunner, tmp_path: Path, sqlite_url: str,
) -> None:
    paths = _summit(tmp_path)
    later = write(tmp_path / "d.txt", "2026-03-13", "Путин и Си Цзиньпин подписали заявление.",
                  "Изначально саммит России и Китая был назначен на 26 февраля, но его перенесли.")
    _import(runner, sqlite_url, *paths, later)
    found = _events(runner, sqlite_url)
    (postponement,) = [e for e in found if e["kind"] == "postponement"]
    assert (postponement["title"], postponement["status"], postponement["sources"]) == (
        "Перенос саммита", "occurred", 2)
    (summit,) = [e for e in found if e["kind"] == "summit"]  # the summit is still one, held on its new date
    assert (summit["status"], summit["start"]) == ("occurred", "2026-03-12")
