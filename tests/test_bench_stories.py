"""The stories benchmark's arithmetic on tiny synthetic cases (no database, no extractor)."""

from __future__ import annotations

from datetime import date

from benchmarks.bench_stories import (
    Happening,
    Mention,
    Shown,
    assign,
    joins,
    repeat_pairs,
    repeating,
    score_story,
    totals,
)

DAY = date(2026, 3, 10)


def _talks() -> Happening:
    mentions = [Mention("talks", "a.txt", 5), Mention("talks", "a.txt", 50), Mention("talks", "b.txt", 10)]
    return Happening("talks", "talks", "occurred", DAY, DAY, mentions)


def test_two_events_of_one_happening() -> None:
    # The first cites two of the three mentions (one sentence in each article), the second the third.
    first = Shown(1, "talks", "Переговоры", "occurred", DAY, DAY, frozenset({("a.txt", 0, 40), ("b.txt", 0, 30)}))
    second = Shown(2, "talks", "Переговоры", "planned", None, None, frozenset({("a.txt", 40, 80)}))
    story = score_story("s", [first, second], [_talks()], [], articles=2)
    (h,) = story.happenings
    assert [e.id for e in h.events] == [1, 2]
    assert h.representative is first
    assert len(h.by_representative) == 2 and len(h.by_any) == 3
    assert h.interval_exact and h.status_right
    t = totals([story])
    assert (t.articles, t.events, t.happenings, t.shown, t.once, t.assigned) == (2, 2, 1, 1, 0, 2)
    assert (t.mentions, t.by_representative, t.by_any, t.exact, t.status, t.noise) == (3, 2, 3, 1, 1, 0)


def test_one_event_shown_once_and_noise() -> None:
    only = Shown(1, "talks", "Переговоры", "planned", DAY, date(2026, 3, 11), frozenset({("a.txt", 0, 40)}))
    stray = Shown(2, "other", "Событие", "occurred", None, None, frozenset({("a.txt", 100, 120)}))
    story = score_story("s", [only, stray], [_talks()], [])
    t = totals([story])
    assert (t.shown, t.once, t.noise, t.by_representative, t.exact, t.status) == (1, 1, 1, 1, 0, 0)
    assert story.owner == {1: "talks", 2: None}


def test_a_happening_not_shown() -> None:
    story = score_story("s", [], [_talks()], [])
    t = totals([story])
    assert (t.happenings, t.shown, t.once, t.by_representative, t.mentions) == (1, 0, 0, 0, 3)
    assert story.happenings[0].representative is None


def test_assignment_by_most_mentions_then_kind() -> None:
    meeting = Happening("meeting", "meeting", "occurred", DAY, DAY, [Mention("meeting", "a.txt", 60)])
    # Cites two talks mentions and one meeting mention: the talks.
    many = Shown(1, "meeting", "x", "occurred", None, None, frozenset({("a.txt", 0, 80)}))
    assert assign(many, [_talks(), meeting]) == "talks"
    # One of each: the happening of the event's kind.
    tie = Shown(2, "meeting", "x", "occurred", None, None, frozenset({("a.txt", 40, 80)}))
    assert assign(tie, [_talks(), meeting]) == "meeting"


def test_apart_pairs_join_only_through_sentences_of_their_own() -> None:
    one = Happening("one", "talks", "occurred", DAY, DAY, [Mention("one", "a.txt", 5), Mention("one", "a.txt", 25)])
    two = Happening("two", "talks", "occurred", DAY, DAY, [Mention("two", "a.txt", 30), Mention("two", "a.txt", 60)])
    shared = Shown(1, "talks", "x", "occurred", None, None, frozenset({("a.txt", 20, 40)}))  # tells both
    assert not joins(shared, one, two)
    both = Shown(2, "talks", "x", "occurred", None, None, frozenset({("a.txt", 0, 10), ("a.txt", 50, 70)}))
    assert joins(both, one, two)
    story = score_story("s", [shared, both], [one, two], [("one", "two")])
    assert story.joined == [("one", "two", 2)]
    assert totals([story]).joined == 1


def test_repeats_count_each_later_copy() -> None:
    cite = frozenset({("a.txt", 0, 10)})
    people = frozenset({"person:иванов"})
    a = Shown(1, "visit", "Иванов — визит", "occurred", DAY, DAY, cite, people)
    b = Shown(2, "visit", "Визит", "occurred", DAY, date(2026, 3, 12), cite, people)  # overlaps, same person
    c = Shown(3, "visit", "Иванов — визит", "planned", date(2026, 3, 9), DAY, cite)  # same title
    d = Shown(4, "visit", "Иванов — визит", "occurred", date(2026, 4, 1), date(2026, 4, 1), cite, people)  # later
    e = Shown(5, "other", "Событие", "occurred", None, None, cite)
    f = Shown(6, "other", "Событие", "occurred", None, None, cite)  # both undated, same bare title
    g = Shown(7, "other", "Событие", "occurred", DAY, DAY, cite)  # dated: no pair with the undated ones
    events = [a, b, c, d, e, f, g]
    assert [(p.id, q.id) for p, q in repeat_pairs(events)] == [(1, 2), (1, 3), (5, 6)]
    assert repeating(events) == {2, 3, 6}
    assert repeating(events, named=True) == {2, 3}
    other_article = Shown(8, "visit", "Иванов — визит", "occurred", DAY, DAY, frozenset({("b.txt", 0, 10)}))
    assert repeating([a, other_article]) == set()
