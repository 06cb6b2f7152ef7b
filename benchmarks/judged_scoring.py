"""The judged benchmark's scoring, pure: stored events and gold happenings in, figures out (no database).

See :mod:`benchmarks.bench_judged` for what each figure means.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from timeline.lang.ru.lexicon import KIND_LABELS
from timeline.lang.ru.morph import lemma_key

Span = tuple[int, int]  # a cited sentence: start, end (half-open) in the stored article text


@dataclass(frozen=True)
class Shown:
    """An event as the timeline stores it (the fields :func:`timeline.output.formats.event_dict` gives)."""

    id: int
    kind: str
    status: str
    start: date | None
    end: date | None
    precision: str | None
    place: str | None
    title: str
    participants: tuple[str, ...]
    cites: tuple[Span, ...]


@dataclass(frozen=True)
class Gold:
    """A judged happening, its mentions placed in the stored text (``at``: where each substring starts)."""

    id: str
    kind: str
    status: str
    start: date | None
    end: date | None
    participants: tuple[str, ...]
    place: str | None
    title: str
    predicate: tuple[str, ...]
    at: tuple[int, ...]
    needles: tuple[str, ...] = ()

    @property
    def dated(self) -> bool:
        return self.start is not None


# ---------------------------------------------------------------- names, titles

_QUOTES = re.compile(r"[«»\"“”„'’]")


def norm_name(name: str | None) -> str:
    """A name or place as compared: case, «ё», quotation marks and spacing ignored."""
    return " ".join(_QUOTES.sub("", (name or "")).casefold().replace("ё", "е").split())


def _lemmas(text: str) -> list[str]:
    return lemma_key(text).replace("ё", "е").split()


KIND_WORDS = frozenset(w for label in KIND_LABELS.values() for w in _lemmas(label))


_WORD = re.compile(r"\w[\w-]*")


def _names_word(token: str, names: set[str]) -> bool:
    """The title's word is a name's word: the same lemma, or the same stem (the lemmatizer does not know
    every surname: «Квачкову», «Маркивом» are «Квачков», «Маркив»)."""
    lemma = " ".join(_lemmas(token))
    return any(token == n or lemma == " ".join(_lemmas(n)) or (len(n) >= 4 and token.startswith(n[:max(4, len(n) - 2)]))
               for n in names)


def understandable(title: str, predicate: Sequence[str], participants: Sequence[str]) -> bool:
    """The title says what happened: one of its lemmas is a ``predicate`` lemma, and, when the happening
    has participants, one of its words is a word (three letters or more) of a participant's name (by
    lemma or stem, :func:`_names_word`); a title whose every word is a kind's word («Событие»,
    «Заявление», «Телефонный разговор») never is."""
    words = set(_lemmas(title))
    if not words or words <= KIND_WORDS:
        return False
    if not words & {w for p in predicate for w in _lemmas(p)}:
        return False
    if participants:
        names = {w for p in participants for w in _WORD.findall(norm_name(p)) if len(w) >= 3}
        return any(_names_word(t, names) for t in _WORD.findall(norm_name(title)))
    return True


# ---------------------------------------------------------------- belonging


def cited(event: Shown, gold: Gold) -> set[int]:
    """The gold mention positions inside a sentence the event cites."""
    return {at for at in gold.at if any(s <= at < e for s, e in event.cites)}


def owner(event: Shown, golds: Sequence[Gold]) -> Gold | None:
    """The happening the event belongs to: the one it cites most, then one of its kind, then the first."""
    best: tuple[int, bool, int] | None = None
    chosen = None
    for i, g in enumerate(golds):
        n = len(cited(event, g))
        if n == 0:
            continue
        key = (n, g.kind == event.kind, -i)
        if best is None or key > best:
            best, chosen = key, g
    return chosen


# ---------------------------------------------------------------- scores


@dataclass
class HappeningScore:
    gold: Gold
    events: list[Shown]  # those belonging to it, by id
    representative: Shown | None

    @property
    def found(self) -> bool:
        return self.representative is not None

    def _rep(self) -> Shown:
        assert self.representative is not None
        return self.representative

    @property
    def participants_right(self) -> bool:
        if not self.found:
            return False
        return {norm_name(n) for n in self._rep().participants} == {norm_name(n) for n in self.gold.participants}

    @property
    def title_understandable(self) -> bool:
        return self.found and understandable(self._rep().title, self.gold.predicate, self.gold.participants)

    @property
    def date_right(self) -> bool:
        r = self.representative
        return r is not None and (r.start, r.end) == (self.gold.start, self.gold.end)

    @property
    def kind_right(self) -> bool:
        return self.found and self._rep().kind == self.gold.kind

    @property
    def status_right(self) -> bool:
        return self.found and self._rep().status == self.gold.status

    @property
    def place_right(self) -> bool:
        return self.found and norm_name(self._rep().place) == norm_name(self.gold.place)

    @property
    def all_right(self) -> bool:
        return (self.kind_right and self.status_right and self.date_right and self.participants_right
                and self.place_right)


@dataclass
class ArticleScore:
    name: str
    events: list[Shown]
    happenings: list[HappeningScore]
    noise: list[Shown] = field(default_factory=list)  # belonging to no happening
    repeats: list[Shown] = field(default_factory=list)  # a happening's second, third … event
    owners: dict[int, str | None] = field(default_factory=dict)  # event id -> happening id


def score_article(name: str, events: Sequence[Shown], golds: Sequence[Gold]) -> ArticleScore:
    events = sorted(events, key=lambda e: e.id)
    belonging: dict[str, list[Shown]] = {g.id: [] for g in golds}
    score = ArticleScore(name, list(events), [])
    for e in events:
        g = owner(e, golds)
        score.owners[e.id] = g.id if g else None
        if g is None:
            score.noise.append(e)
        elif belonging[g.id]:
            score.repeats.append(e)
            belonging[g.id].append(e)
        else:
            belonging[g.id].append(e)
    for g in golds:
        mine = belonging[g.id]
        rep = max(mine, key=lambda e: (len(cited(e, g)), -e.id)) if mine else None
        score.happenings.append(HappeningScore(g, mine, rep))
    return score


@dataclass
class Totals:
    articles: int = 0
    events: int = 0
    happenings: int = 0
    found: int = 0
    noise: int = 0
    repeats: int = 0
    participants: int = 0
    title: int = 0
    dated: int = 0  # found happenings the gold dates
    date: int = 0
    all_right: int = 0
    kind: int = 0
    status: int = 0
    place: int = 0

    @property
    def precision(self) -> float:
        return self.found / self.events if self.events else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.happenings if self.happenings else 0.0


def totals(scores: Iterable[ArticleScore]) -> Totals:
    t = Totals()
    for s in scores:
        t.articles += 1
        t.events += len(s.events)
        t.happenings += len(s.happenings)
        t.noise += len(s.noise)
        t.repeats += len(s.repeats)
        for h in s.happenings:
            if not h.found:
                continue
            t.found += 1
            t.participants += h.participants_right
            t.title += h.title_understandable
            t.all_right += h.all_right
            t.kind += h.kind_right
            t.status += h.status_right
            t.place += h.place_right
            if h.gold.dated:
                t.dated += 1
                t.date += h.date_right
    return t
