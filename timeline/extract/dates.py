"""Russian temporal expressions: find them and resolve each to an interval.

The contract is ``shared/spec/dates.md``. A rule is a regular expression over
the lower-cased text (``ё`` folded to ``е``, so offsets are those of the
original) and a handler that turns the match into an interval. Inflected forms
of months, numbers and units come from pymorphy3's lexemes, not from lists of
endings; the tense that decides the year of a bare month or the week of a bare
weekday is read from the verbs of the clause with the same analyzer.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from timeline.extract import calendar as cal
from timeline.extract.calendar import Resolved, Tense
from timeline.extract.morph import parse
from timeline.extract.types import Precision, TimeExpression
from timeline.lang.ru import tense as lang_tense
from timeline.lang.ru import vocab

# --- vocabulary, read from the language pack ----------------------------------------------------

_alt = vocab.alt
_vocab = vocab.inflected
MONTH_ABBR = vocab.word_map("months.abbreviations")
WEEKDAYS_ACC = {w: i for i, w in enumerate(vocab.words("weekdays.accusative"))}
# Words before a date that make it a bound: «до 3 апреля», «к 1 марта» (a deadline) and
# «не ранее 10 февраля», «после 10 мая» (a lower bound). Both point the date ahead of DCT.
BEFORE_PREFIXES = frozenset(vocab.words("prefixes.before"))
AFTER_PREFIXES = frozenset(vocab.words("prefixes.after"))
# «к лету», «до весны», «на осень»: the season words other than «весной/летом…» are dates only after these.
SEASON_PREFIXES = frozenset(vocab.words("prefixes.season"))
WEEKDAYS_GEN = {w: i for i, w in enumerate(vocab.words("weekdays.genitive"))}
WEEKDAYS_PLURAL = vocab.words("weekdays.plural")
SEASONS = vocab.word_map("seasons.forms")


# --- the context a handler sees -----------------------------------------------------------------


class Context:
    """The text being tagged, its anchor, and the clause tense around a position."""

    _CLAUSE_BREAK = lang_tense.CLAUSE_BREAK
    _WORD = lang_tense.WORD

    def __init__(self, norm: str, dct: date, sentence: tuple[int, int], original: str = "") -> None:
        self.norm = norm
        self.original = original or norm
        self.dct = dct
        self.sentence = sentence
        self.prefix = ""  # the preposition or deadline words before the match, normalized
        self._tense_override: Tense = None
        self._pos = 0
        self._verbs: SentenceVerbs | None = None

    def tense(self) -> Tense:
        if self._tense_override:
            return self._tense_override
        if self._verbs is None:  # once per sentence, however many expressions ask
            self._verbs = SentenceVerbs(self.norm, self.sentence)
        target = self.prefix in lang_tense.TARGET_PREFIXES
        tense = self._verbs.tense(self._pos, forward_any_side=target)
        if target and tense == "past":
            # A prefix that names a target date («объявили забастовку на 2 декабря»): the verb's
            # tense does not place it; the nearest such date is meant.
            return None
        return tense

    def at(self, pos: int, prefix: str) -> Context:
        self._pos = pos
        self.prefix = prefix
        self._tense_override = lang_tense.PREFIX_TENSE.get(prefix)  # «за 2025 год», «до 3 апреля»
        return self


_verb_tense = lang_tense.verb_tense  # the name tests and callers know

WordTense = Callable[[str, bool], Tense | bool]  # a word, whether it stands before the date


def clause_tense(norm: str, sentence: tuple[int, int], pos: int, forward_any_side: bool = False) -> Tense:
    """The tense of the finite verb nearest to ``pos``, in its clause first, then in its sentence."""
    return SentenceVerbs(norm, sentence).tense(pos, forward_any_side)


_READABLE = frozenset({"past", "future", None})  # a tense a verb gives; False: no verb, "past?": a participle


class SentenceVerbs:
    """One sentence's clause breaks and words with the tense each would give, indexed once, so the
    tense at any position is found by bisection: a scan per expression would cost the sentence's
    length each time, and a long sentence holds many expressions.

    A word's tense depends on its side of the expression (``word_tense``'s second argument, true
    before it): ``before[i]`` is word i's as read before it, ``after[i]`` as read after it. The word
    tense, the clause breaks and the word pattern are the language's; the defaults are the pack's.
    """

    def __init__(
        self,
        norm: str,
        sentence: tuple[int, int],
        word_tense: WordTense = lang_tense.verb_tense,
        clause_break: re.Pattern[str] = lang_tense.CLAUSE_BREAK,
        word: re.Pattern[str] = lang_tense.WORD,
    ) -> None:
        s, e = sentence
        self.sentence = sentence
        breaks = list(clause_break.finditer(norm, s, e))
        self._break_starts = [m.start() for m in breaks]
        self._break_ends = [m.end() for m in breaks]
        words = list(word.finditer(norm, s, e))
        self._starts = [m.start() for m in words]
        self._before = [word_tense(m.group(), True) for m in words]
        # Only a prospective verb reads otherwise after the expression, and it reads "future" before it.
        self._after = [word_tense(m.group(), False) if t == "future" else t
                       for m, t in zip(words, self._before, strict=True)]
        n = len(words)
        # The nearest readable word at or before / at or after each index, and running counts of participles.
        self._last_before = [-1] * (n + 1)  # [j]: the last i < j readable before
        for i, t in enumerate(self._before):
            self._last_before[i + 1] = i if t in _READABLE else self._last_before[i]
        self._next_before = self._next(self._before)
        self._next_after = self._next(self._after)
        self._participles_before = self._count(self._before)
        self._participles_after = self._count(self._after)

    @staticmethod
    def _next(tenses: list[Tense | bool]) -> list[int]:
        found = [len(tenses)] * (len(tenses) + 1)  # [j]: the first i >= j readable
        for i in range(len(tenses) - 1, -1, -1):
            found[i] = i if tenses[i] in _READABLE else found[i + 1]
        return found

    @staticmethod
    def _count(tenses: list[Tense | bool]) -> list[int]:
        counts = [0]
        for t in tenses:
            counts.append(counts[-1] + (t == "past?"))
        return counts

    def tense(self, pos: int, forward_any_side: bool = False) -> Tense:
        """The tense of the finite verb nearest to ``pos``, in its clause first, then in its sentence;
        a tie goes to the earlier word. With no verb, a past participle makes it past."""
        s, e = self.sentence
        i = bisect_right(self._break_ends, pos)
        left = self._break_ends[i - 1] if i else s  # the end of the last break ending by pos
        i = bisect_right(self._break_starts, pos)
        right = self._break_starts[i] if i < len(self._break_starts) else e  # the first break after pos
        forward = self._next_before if forward_any_side else self._next_after
        participles = self._participles_before if forward_any_side else self._participles_after
        at = bisect_left(self._starts, pos)  # words from here on are after the expression
        for lo, hi in ((left, right), (s, e)):
            first, stop = bisect_left(self._starts, lo), bisect_left(self._starts, hi)
            split = min(max(at, first), stop)
            back = self._last_before[split]
            ahead = forward[split]
            back_ok, ahead_ok = back >= first, ahead < stop
            if back_ok and (not ahead_ok or pos - self._starts[back] <= self._starts[ahead] - pos):
                return self._before[back]  # type: ignore[return-value]
            if ahead_ok:
                return (self._before if forward_any_side else self._after)[ahead]  # type: ignore[return-value]
            if (self._participles_before[split] - self._participles_before[first]
                    + participles[stop] - participles[split]):
                return "past"
        return None


# --- rules --------------------------------------------------------------------------------------

Handler = Callable[[re.Match[str], Context], Resolved | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler
    takes_prefix: bool = True  # may a preposition or deadline word before it join the expression?
    hint: re.Pattern[str] | None = None  # a cheap test a sentence must pass before the rule runs


_RULES: list[Rule] = []

_MONTH_STEMS = r"янв|фев|мар|апр|ма[йяюе]|июн|июл|авг|сен|окт|ноя|дек"
# What a sentence must contain for a rule to have a chance: most sentences fail most tests, and a
# short search is far cheaper than the rule's full pattern with its inflected alternatives.
_HINTS: dict[str, str] = {
    **dict.fromkeys(
        ("iso", "dotted range", "dotted", "day range", "dash range", "day", "year range", "year", "bare year",
         "decade"),
        r"\d",
    ),
    "month range": _MONTH_STEMS,
    "month": _MONTH_STEMS,
    "quarter": "квартал",
    "half year": "полугод|половин",
    "part": "начал|середин|конц|половин",
    "season": "весн|лет|осен|зим",
    "relative day": "сегодня|вчера|завтра|накануне",
    "ago": "назад",
    "in": "через",
    "relative week": "недел",
    "relative month or year": "месяц|год|квартал|полугод",
    "weekday": "понедельник|вторник|сред|четверг|пятниц|суббот|воскресен",
    "recurrence": "еже|раз|дважды|трижды|по |кажд",
    "recent span": "последн",
    "duration": "год|лет|месяц|недел|дн|дня|сут|час|минут|секунд",
}


number_value = vocab.number_value


def _month_of(word: str) -> int | None:
    word = word.rstrip(".")
    month = _vocab()["month"].get(word)
    return month if month is not None else MONTH_ABBR.get(word)  # type: ignore[return-value]


def _ordinal(word: str) -> int | None:
    word = word.strip()
    roman = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
    if word in roman:
        return roman[word]
    digits = re.match(r"(\d)", word)
    if digits:
        return int(digits.group(1))
    return _vocab()["ordinal"].get(word)  # type: ignore[return-value]


def _relative(word: str | None) -> int | None:
    return None if word is None else _vocab()["relative"].get(word)  # type: ignore[return-value]


@cache
def _fragments() -> dict[str, str]:
    v = _vocab()
    abbr = _alt(MONTH_ABBR) + r"\."
    number_word = _alt(list(v["number"]) + list(v["half"]))
    and_a_half = r"\s+".join(re.escape(w) for w in v["and a half"])
    return {
        "MONTH": "(?:" + _alt(v["month"]) + "|" + abbr + ")",
        "NUM": rf"(?:\d{{1,3}}|{number_word}(?:\s+{number_word})?)(?:\s+{and_a_half})?",
        "UNIT": _alt(v["unit"]),
        "ORD": r"(?:" + _alt(v["ordinal"]) + r"|iv|i{1,3}|[1-4]-?(?:м|й|го|ом))",
        "REL": _alt(v["relative"]),
        "YEAR": r"(?:1[89]|20|21)\d\d",
        "YW": r"(?:\s*(?:годом|года|году|год|г\.)|-?(?:ом|го|м|й)(?![\w]))",
        "WD": _alt(WEEKDAYS_ACC),
        "TOD": r"(?:\s+(?:утром|днем|вечером|ночью|рано\s+утром|поздно\s+вечером))?",
    }


def rule(name: str, pattern: str, takes_prefix: bool = True) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        hint = re.compile(_HINTS[name]) if name in _HINTS else None
        # An expression starts a word: the lookbehind rejects most positions before any alternative is tried.
        _RULES.append(Rule(name, re.compile(rf"(?<![\w-])(?:{pattern})"), handler, takes_prefix, hint))
        return handler

    return register


def _year_of(m: re.Match[str], group: str, rel_group: str, c: Context) -> int | None:
    """An explicit year («2026 года») or a relative one («прошлого года»), else None."""
    if m.group(group):
        return int(m.group(group))
    rel = _relative(m.group(rel_group))
    return None if rel is None else c.dct.year + rel


def _deadline(bounds: tuple[date, date], precision: Precision, c: Context) -> Resolved:
    """Apply a deadline or lower-bound word in front of the expression, if there is one."""
    p = c.prefix
    bound: cal.Bound = "before" if p in BEFORE_PREFIXES else "after" if p in AFTER_PREFIXES else None
    return cal.bounded(bounds, precision, c.dct, bound)


# Patterns are built lazily (they need the analyzer), so rules register through a function.
def _build_rules() -> None:
    f = _fragments()
    MONTH, NUM, UNIT, ORD, REL, YEAR, YW, WD, TOD = (
        f[k] for k in ("MONTH", "NUM", "UNIT", "ORD", "REL", "YEAR", "YW", "WD", "TOD")
    )
    DAY = r"(?:[12]\d|3[01]|0?[1-9])"
    YEAR_OPT = rf"(?:\s+(?P<y>{YEAR}){YW}?|\s+(?P<ry>{REL})\s+года)?"

    def exact_day(m: re.Match[str], c: Context) -> Resolved | None:
        """2026-01-15, 15.01.2026: no resolving, only a check that the day exists."""
        d = cal.safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        return None if d is None else _deadline((d, d), "day", c)

    rule("iso", r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)")(exact_day)

    @rule(
        "dotted range",
        rf"с\s+(?P<d1>{DAY})\.(?P<m1>[01]\d)(?:\.(?P<y1>{YEAR}))?\s+(?:по|до)\s+"
        rf"(?P<d2>{DAY})\.(?P<m2>[01]\d)\.(?P<y2>{YEAR})",
        takes_prefix=False,
    )
    def dotted_range(m: re.Match[str], c: Context) -> Resolved | None:
        end = cal.safe_date(int(m["y2"]), int(m["m2"]), int(m["d2"]))
        return cal.date_range(cal.safe_date(int(m["y1"] or m["y2"]), int(m["m1"]), int(m["d1"])), end)

    rule("dotted", rf"(?P<d>{DAY})\.(?P<m>[01]\d)\.(?P<y>{YEAR})(?:\s*г\.)?")(exact_day)

    def _day_in(day: int, month: int, year: int | None, c: Context) -> date | None:
        return cal.safe_date(year, month, day) if year is not None else cal.day_near(day, month, c.dct, c.tense())

    @rule(
        "day range",
        rf"со?\s+(?P<d1>{DAY})(?:-?го)?(?:\s+(?P<m1>{MONTH}))?(?:\s+(?P<y1>{YEAR}){YW}?)?\s+(?:по|до)\s+"
        rf"(?P<d2>{DAY})(?:-?го)?\s+(?P<m2>{MONTH})(?:\s+(?P<y2>{YEAR}){YW}?)?",
        takes_prefix=False,
    )
    def day_range(m: re.Match[str], c: Context) -> Resolved | None:
        m2 = _month_of(m["m2"])
        m1 = _month_of(m["m1"]) if m["m1"] else m2
        if m1 is None or m2 is None:
            return None
        y2 = int(m["y2"]) if m["y2"] else None
        y1 = int(m["y1"]) if m.groupdict().get("y1") else None  # «3 и 4 июля» has no first year
        end = _day_in(int(m["d2"]), m2, y2, c)
        if end is None:
            return None
        if y1 is None:
            y1 = end.year if (m1, int(m["d1"])) <= (m2, int(m["d2"])) else end.year - 1
        return cal.date_range(cal.safe_date(y1, m1, int(m["d1"])), end)

    # «18–20 сентября», «20 апреля — 10 мая», «3 и 4 июля»: the first day of the first .. the last of the last.
    rule(
        "dash range",
        rf"(?P<d1>{DAY})(?:\s+(?P<m1>{MONTH}))?(?:\s*[-–—]\s*|\s+и\s+)(?P<d2>{DAY})\s+(?P<m2>{MONTH})"
        rf"(?:\s+(?P<y2>{YEAR}){YW}?)?",
    )(day_range)

    @rule(
        "day",
        rf"(?:(?:в|во)\s+{WD},?\s+)?(?P<d>{DAY})(?:-?го)?\s+(?P<m>{MONTH}){YEAR_OPT}{TOD}",
    )
    def day(m: re.Match[str], c: Context) -> Resolved | None:
        month = _month_of(m["m"])
        if month is None:
            return None
        d = _day_in(int(m["d"]), month, _year_of(m, "y", "ry", c), c)
        return None if d is None else _deadline((d, d), "day", c)

    @rule(
        "month range",
        rf"(?:(?P<m1>{MONTH})\s*[-–—]\s*|с\s+(?P<m3>{MONTH})(?:\s+(?P<y1>{YEAR}){YW})?\s+(?:по|до)\s+)"
        rf"(?P<m2>{MONTH}){YEAR_OPT}",
    )
    def month_range(m: re.Match[str], c: Context) -> Resolved | None:
        m1, m2 = _month_of(m["m1"] or m["m3"]), _month_of(m["m2"])
        if m1 is None or m2 is None:
            return None
        year = _year_of(m, "y", "ry", c)
        if m["y1"] and year is not None and int(m["y1"]) < year:  # «с ноября 2025 по март 2026 года»
            return Resolved("date", date(int(m["y1"]), m1, 1), cal.month_end(year, m2), "range")
        if m1 >= m2:
            if m1 > m2 and m["m3"] and year is not None:  # «с декабря по февраль 2027 года»
                return Resolved("date", date(year - 1, m1, 1), cal.month_end(year, m2), "range")
            return None
        if year is None:
            year = cal.pick([(date(y, m1, 1), cal.month_end(y, m2)) for y in cal.years_around(c.dct)],
                         c.dct, c.tense())[0].year
        return Resolved("date", date(year, m1, 1), cal.month_end(year, m2), "range")

    @rule("month", rf"(?:(?P<adj>{REL})\s+)?(?P<m>{MONTH}){YEAR_OPT}")
    def month(m: re.Match[str], c: Context) -> Resolved | None:
        mo = _month_of(m["m"])
        if mo is None or (m["m"].endswith(".") and not m["y"]):
            return None
        year = _year_of(m, "y", "ry", c)
        if year is not None:
            return _deadline(cal.month(year, mo), "month", c)
        rel = _relative(m["adj"])
        tense = "past" if rel is not None and rel < 0 else ("future" if rel and rel > 0 else c.tense())
        return _deadline(cal.pick([cal.month(y, mo) for y in cal.years_around(c.dct)], c.dct, tense), "month", c)

    @rule(
        "year range",
        rf"(?:с\s+(?P<y1>{YEAR})\s+(?:года\s+)?по\s+(?P<y2>{YEAR})(?:\s*(?:годы|год|гг\.|г\.))?"
        rf"|(?P<y3>{YEAR})\s*[-–—]\s*(?P<y4>{YEAR})(?:-?[хе])?\s*(?:годах|годы|годов|годам|гг\.)"
        rf"|(?<=в\s)(?P<y5>{YEAR})\s*[-–—]\s*(?P<y6>{YEAR}))",
    )
    def year_range(m: re.Match[str], c: Context) -> Resolved | None:
        y1, y2 = int(m["y1"] or m["y3"] or m["y5"]), int(m["y2"] or m["y4"] or m["y6"])
        if y1 >= y2:
            return None
        return Resolved("date", date(y1, 1, 1), date(y2, 12, 31), "range")

    @rule("year", rf"(?P<y>{YEAR}){YW}")
    def year(m: re.Match[str], c: Context) -> Resolved | None:
        return _deadline(cal.year(int(m["y"])), "year", c)

    @rule("bare year", rf"(?P<y>{YEAR})(?![\w-])(?!\s*[-–—]\s*\d)")
    def bare_year(m: re.Match[str], c: Context) -> Resolved | None:
        if c.prefix not in {"в", "во", "с", "со", "до", "к", "после", "не позднее", "не ранее"}:
            return None  # a bare number: «Запад-2025», «2025 участников»
        following = re.match(r"[\s,]*([а-яе]+)", c.norm[m.end():m.end() + 30])
        if following:
            tag = parse(following.group(1))[0].tag
            if tag.POS == "NOUN" and tag.case == "gent":
                return None  # «в 2000 метров», «до 1990 человек»: a quantity
        return _deadline(cal.year(int(m["y"])), "year", c)

    @rule(
        "decade",
        r"(?:(?P<part>начал[оаеу]|середин[аеуы]|конц[аеу]|(?P<half>перв|втор)(?:ой|ую|ая)\s+половин[аеуы])\s+)?"
        r"(?P<y>1[89]\d0|20[0-9]0)-?(?:е|х|ые|ых|м|ми)(?:\s+(?:годы|годах|годов|годам|годами|гг\.))?",
    )
    def decade(m: re.Match[str], c: Context) -> Resolved | None:
        if m["half"]:
            return cal.decade(int(m["y"]), None, m["half"] == "перв")
        part = m["part"]
        which: cal.Part | None = None
        if part:
            which = "start" if part.startswith("нач") else "mid" if part.startswith("серед") else "end"
        return cal.decade(int(m["y"]), which, None)

    @rule(
        "recent span",
        rf"за\s+последн(?:ие|ий|юю|ее)\s+(?:(?P<n>{NUM})\s+)?(?P<u>{UNIT}|десятилети[ея]|век)(?![\w])",
        takes_prefix=False,
    )
    def recent_span(m: re.Match[str], c: Context) -> Resolved | None:
        n = number_value(m["n"]) if m["n"] else 1
        unit = m["u"]
        code = "Y" if unit.startswith(("десятилет", "век")) else _vocab()["unit"].get(unit)
        n = (n or 0) * (10 if unit.startswith("десятилет") else 100 if unit.startswith("век") else 1)
        start = cal.shift(n, str(code), c.dct, -1) if n else None
        return None if start is None else Resolved("date", start, c.dct, "range")

    PERIOD_TAIL = rf"(?:\s+(?P<y>{YEAR}){YW}|\s+(?P<ry>{REL})\s+года)?"

    @rule("quarter", rf"(?P<q>{ORD})\s+квартал(?:а|е|у|ом)?{PERIOD_TAIL}")
    def quarter(m: re.Match[str], c: Context) -> Resolved | None:
        q = _ordinal(m["q"])
        if q is None or not 1 <= q <= 4:
            return None
        year = _year_of(m, "y", "ry", c)
        if year is None:
            bounds = cal.pick([cal.quarter(y, q) for y in cal.years_around(c.dct)], c.dct, c.tense())
            return _deadline(bounds, "quarter", c)
        return _deadline(cal.quarter(year, q), "quarter", c)

    @rule("half year", rf"(?P<h>{ORD})\s+(?:полугоди(?:ем|е|я|ю|и)|половин[аеуы]\s+года){PERIOD_TAIL}")
    def half_year(m: re.Match[str], c: Context) -> Resolved | None:
        h = _ordinal(m["h"])
        if h not in (1, 2):
            return None
        year = _year_of(m, "y", "ry", c)
        if year is None:
            return _deadline(cal.pick([cal.half(y, h) for y in cal.years_around(c.dct)], c.dct, c.tense()), "half", c)
        return _deadline(cal.half(year, h), "half", c)

    PERIOD = (
        rf"(?:(?P<m>{MONTH})(?:\s+(?P<my>{YEAR}){YW}|\s+(?P<mry>{REL})\s+года)?"
        rf"|(?P<y>{YEAR}){YW}|(?:(?P<ry>{REL})\s+)?года"
        rf"|(?:(?P<rm>{REL})\s+)?месяца|(?:(?P<rw>{REL})\s+)?недели"
        rf"|(?:(?P<rq>{REL})\s+)?квартала|(?:(?P<rh>{REL})\s+)?полугодия"
        rf"|(?P<q>{ORD})\s+квартала(?:\s+(?P<qy>{YEAR}){YW}|\s+(?P<qry>{REL})\s+года)?)"
    )

    def _period(m: re.Match[str], c: Context) -> tuple[tuple[date, date], Precision] | None:
        """The period named after «начале/конце/половине …»: its bounds and precision."""
        if m["m"]:
            mo = _month_of(m["m"])
            if mo is None:
                return None
            year = _year_of(m, "my", "mry", c)
            if year is None:
                return cal.pick([cal.month(y, mo) for y in cal.years_around(c.dct)], c.dct, c.tense()), "month"
            return cal.month(year, mo), "month"
        if m["q"]:
            q = _ordinal(m["q"])
            if q is None or not 1 <= q <= 4:
                return None
            return cal.quarter(_year_of(m, "qy", "qry", c) or c.dct.year, q), "quarter"
        text = m.group("period")
        if "квартал" in text:
            return cal.relative_quarter(c.dct, _relative(m["rq"]) or 0), "quarter"
        if "полугоди" in text:
            return cal.relative_half(c.dct, _relative(m["rh"]) or 0), "half"
        if "месяц" in text:
            return cal.relative_month(c.dct, _relative(m["rm"]) or 0), "month"
        if "недел" in text:
            return cal.week(c.dct + timedelta(weeks=_relative(m["rw"]) or 0)), "week"
        year = int(m["y"]) if m["y"] else c.dct.year + (_relative(m["ry"]) or 0)
        return cal.year(year), "year"

    @rule(
        "part",
        rf"(?P<part>начал[оаеу]|середин[аеуы]|конц[аеу]|концом|(?P<half>перв|втор)(?:ой|ую|ая)\s+половин[аеуы])"
        rf"\s+(?P<period>{PERIOD})",
    )
    def part(m: re.Match[str], c: Context) -> Resolved | None:
        found = _period(m, c)
        if found is None:
            return None
        (start, end), precision = found
        part = m["part"]
        if c.prefix in BEFORE_PREFIXES and part.startswith("конц"):
            return cal.bounded((start, end), precision, c.dct, "before")
        if m["half"]:
            return cal.half_of((start, end), precision, m["half"] == "перв")
        modifier: cal.Part = "start" if part.startswith("нач") else "mid" if part.startswith("серед") else "end"
        bounds = cal.part((start, end), precision, modifier)
        return None if bounds is None else Resolved("date", *bounds, "range", modifier)

    @rule(
        "season",
        rf"(?:(?P<adj>{REL}|эт(?:ой|им|а|о))\s+)?(?P<s>весной|летом|осенью|зимой|весна|лето|осень|зима"
        rf"|весны|лета|осени|зимы|весне|лету|зиме|весну|зиму)"
        rf"(?:\s+(?P<y>{YEAR}){YW}|\s+(?P<ry>{REL})\s+года)?(?![\w])",
    )
    def season(m: re.Match[str], c: Context) -> Resolved | None:
        first = SEASONS[m["s"]]
        if m["s"] not in {"весной", "летом", "осенью", "зимой"} and not (m["y"] or m["ry"] or m["adj"]) and (
            c.prefix not in SEASON_PREFIXES
        ):
            return None  # «лето» alone is too often not a date; «к лету», «до весны» are
        year = _year_of(m, "y", "ry", c)
        if year is not None:
            return _deadline(cal.season(year, first), "season", c)
        rel = _relative(m["adj"]) if m["adj"] and not m["adj"].startswith("эт") else 0
        seasons = [cal.season(y, first) for y in range(c.dct.year - 1, c.dct.year + 3)]
        if m["adj"] and m["adj"].startswith("эт"):
            # «этой зимой»: the season containing DCT, else the tense decides between the nearest two.
            current = [s for s in seasons if s[0] <= c.dct <= s[1]]
            return _deadline(current[0] if current else cal.pick(seasons, c.dct, c.tense()), "season", c)
        if rel:
            base = cal.pick(seasons, c.dct, "past" if rel < 0 else "future")
            # «прошлым летом» said in summer is last year's; in autumn it is this year's.
            if rel < 0 and base[0] <= c.dct <= base[1]:
                base = cal.season(base[1].year - 1, first)
            return _deadline(base, "season", c)
        return _deadline(cal.pick(seasons, c.dct, c.tense()), "season", c)

    @rule(
        "relative day",
        r"(?P<w>сегодня|вчера|позавчера|завтра|послезавтра|накануне)" + TOD + r"(?![\w])",
    )
    def relative_day(m: re.Match[str], c: Context) -> Resolved | None:
        if m["w"] == "накануне" and not m.group(0).endswith(("утром", "днем", "вечером", "ночью")):
            following = re.match(r"\s+([а-яе]+)", c.norm[m.end():m.end() + 40])
            if following and not c.original[m.end() + following.start(1)].isupper():  # «Накануне Вучич …»
                tag = parse(following.group(1))[0].tag
                if tag.POS in {"NOUN", "ADJF"} and tag.case == "gent":
                    return Resolved("vague")  # «накануне выборов»: before an event, not a day
        shift = {"сегодня": 0, "вчера": -1, "накануне": -1, "позавчера": -2, "завтра": 1, "послезавтра": 2}
        d = c.dct + timedelta(days=shift[m["w"]])
        return _deadline((d, d), "day", c)

    # A count of units from DCT takes any number of digits («1000 лет назад», «1 000 лет назад»), not
    # only NUM's three: else the rule matched «лет назад» alone and read it as one year.
    COUNT = rf"(?:\d{{1,3}}(?:[ \u00a0]\d{{3}})+(?!\d)|\d+|{NUM})"

    def _count(m: re.Match[str]) -> float | None:
        """The count before the unit; 1 for a bare singular («год назад»), None for a bare plural
        («лет назад» after «много», «двести» or any word the vocabulary lacks)."""
        if m["n"] is None:
            return 1 if m["u"] in _SINGULAR_UNITS else None
        digits = re.sub(r"[ \u00a0]", "", m["n"])
        return int(digits) if digits.isdigit() else number_value(m["n"])

    @rule("ago", rf"(?:(?P<n>{COUNT})\s+)?(?P<u>{UNIT})\s+назад", takes_prefix=False)
    def ago(m: re.Match[str], c: Context) -> Resolved | None:
        n = _count(m)
        d = cal.shift(n, _vocab()["unit"][m["u"]], c.dct, -1) if n is not None else None  # type: ignore[arg-type]
        return None if d is None else Resolved("date", d, d, "day")

    @rule("in", rf"через\s+(?:(?P<n>{COUNT})\s+)?(?P<u>{UNIT})(?![\w])", takes_prefix=False)
    def in_(m: re.Match[str], c: Context) -> Resolved | None:
        if c.tense() == "past":
            return Resolved("vague")  # «через год получил награду»: a year after the story's last event
        n = _count(m)
        d = cal.shift(n, _vocab()["unit"][m["u"]], c.dct, 1) if n is not None else None  # type: ignore[arg-type]
        return None if d is None else Resolved("date", d, d, "day")

    @rule(
        "relative week",
        r"(?:(?:ранее|позднее|позже)\s+)?(?:(?:на|в)\s+(?P<a>[а-я]+)\s+неделе|на\s+(?P<b>[а-я]+)\s+неделю"
        r"|(?:с|со|до|к)\s+(?P<c>[а-я]+)\s+недели)",
        takes_prefix=False,
    )
    def relative_week(m: re.Match[str], c: Context) -> Resolved | None:
        word = m["a"] or m["b"] or m["c"]
        rel = {"эту": 0, "этой": 0}.get(word, _relative(word))
        if rel is None:
            return None
        return Resolved("date", *cal.week(c.dct + timedelta(weeks=rel)), "week")

    @rule(
        "relative month or year",
        rf"(?P<rel>{REL})\s+(?P<u>месяц[еау]?|год[ау]?|квартал[еау]?|полугоди[еия])(?![\w])",
    )
    def relative_period(m: re.Match[str], c: Context) -> Resolved | None:
        rel = _relative(m["rel"])
        if rel is None or m["rel"].startswith("ближайш"):
            return None
        unit = m["u"]
        if unit.startswith("месяц"):
            return _deadline(cal.relative_month(c.dct, rel), "month", c)
        if unit.startswith("год"):
            return _deadline(cal.year(c.dct.year + rel), "year", c)
        if unit.startswith("квартал"):
            return _deadline(cal.relative_quarter(c.dct, rel), "quarter", c)
        return _deadline(cal.relative_half(c.dct, rel), "half", c)

    @rule(
        "weekday",
        rf"(?:(?:в|во|на)\s+)?(?:(?P<adj>эт[уо]т?|эт[оу]|прошл(?:ую|ый|ое)|следующ(?:ую|ий|ее)|ближайш(?:ую|ий|ее)"
        rf"|минувш(?:ую|ий|ее)|будущ(?:ую|ий|ее))\s+)?(?P<wd>{WD}){TOD}(?![\w])"
        rf"|в\s+ночь\s+(?:с\s+(?:{WD}|[а-я]+)\s+)?на\s+(?P<wd2>{WD})"
        rf"|(?:(?:с|со)\s+|(?:на|в)\s+(?:утро|вечер|ночь|день)\s+|(?P<by>до|к\s+(?:утру|вечеру|ночи|полудню|обеду"
        rf"|концу\s+дня))\s+(?:(?:утра|вечера|ночи|конца\s+дня)\s+)?)(?P<wd3>{_alt(WEEKDAYS_GEN)})(?![\w])",
        takes_prefix=False,
    )
    def weekday(m: re.Match[str], c: Context) -> Resolved | None:
        text = m.group(0)
        if not (m["wd2"] or m["wd3"] or m["adj"] or re.match(r"(?:в|во|на)\s", text)):
            return None
        wd = WEEKDAYS_GEN[m["wd3"]] if m["wd3"] else WEEKDAYS_ACC[m["wd"] or m["wd2"]]
        adj = m["adj"] or ""
        monday, back, ahead = cal.weekday_around(c.dct, wd)
        if m["by"] and c.tense() != "past":  # «к вечеру вторника», «до субботы»: a deadline ahead
            return Resolved("date", c.dct, ahead, "day", "before")
        if adj.startswith("прошл"):
            d = monday - timedelta(weeks=1) + timedelta(days=wd)
        elif adj.startswith("минувш"):
            # «в минувшую среду»: the latest Wednesday before publication, as news uses it
            d = back if back < c.dct else back - timedelta(weeks=1)
        elif adj.startswith(("следующ", "будущ")):
            d = monday + timedelta(weeks=1, days=wd)
        elif adj.startswith("эт"):
            d = monday + timedelta(days=wd)
        else:
            d = cal.nearest_weekday(c.dct, back, ahead, "future" if adj.startswith("ближайш") else c.tense())
        return Resolved("date", d, d, "day")

    # «по будним дням» has always been read with one plain space between the words, unlike other phrases.
    WD_PLURAL = _alt(WEEKDAYS_PLURAL, space=r"\ ")

    @rule(
        "recurrence",
        r"ежегодно|ежемесячно|еженедельно|ежедневно|ежеквартально|ежечасно"
        r"|(?:дважды|трижды|(?:\d+|[а-я]+)\s+раза?|раз)\s+в\s+(?:год|месяц|неделю|день|сутки|квартал|полгода)(?![\w])"
        rf"|по\s+{WD_PLURAL}(?:(?:\s*,\s*|\s+и\s+){WD_PLURAL})*"
        rf"|кажд(?:ую|ый|ое|ые|ой)\s+(?:{ORD}\s+)?(?:{WD}|день|неделю|месяц|год|утро|вечер)"
        rf"(?:\s+и\s+{WD})?(?:\s+месяца)?",
        takes_prefix=False,
    )
    def recurrence(m: re.Match[str], c: Context) -> Resolved | None:
        if re.match(r"[а-я]+\s+раза?\s", m.group(0)) and not m.group(0).startswith(("два", "три", "четыре")):
            return None
        return Resolved("set")

    @rule(
        "vague",
        r"в\s+ближайш(?:ем|ее|ие)\s+(?:будущем|время|дни|недели|месяцы|годы|часы|выходные)"
        r"|в\s+обозримом\s+будущем|в\s+скором\s+времени|в\s+последнее\s+время|в\s+будущем"
        r"|на\s+данный\s+момент|в\s+настоящее\s+время|в\s+настоящий\s+момент|на\s+сегодняшний\s+день"
        r"|в\s+последние\s+(?:годы|месяцы|недели|дни)|в\s+ближайшей\s+перспективе"
        r"|на\s+следующий\s+день|в\s+(?:тот\s+же|этот\s+же|тот|этот)\s+день|в\s+(?:том|этом)\s+же\s+году"
        r"|на\s+днях|в\s+(?:эти|минувшие|прошедшие)?\s*выходные|с\s+того\s+дня"
        r"|(?:через|спустя)\s+(?:несколько|пару|считанные)\s+(?:дней|недель|месяцев|лет|часов|минут)"
        r"|в\s+(?:разные|те|последующие|предыдущие)\s+годы"
        r"|(?<!не\s)(?:недавно|скоро|вскоре|ранее|прежде|позднее|позже)",
        takes_prefix=False,
    )
    def vague(m: re.Match[str], c: Context) -> Resolved | None:
        return Resolved("vague")

    @rule(
        "duration",
        rf"(?:(?P<approx>почти|около|примерно|приблизительно|порядка|более|менее|свыше|не\s+менее|не\s+более"
        rf"|целых|всего|лишь)\s+)?(?P<prep>(?:на|в\s+течение|на\s+протяжении)\s+)?"
        rf"(?:(?P<n>{NUM})\s+)?(?P<u>{UNIT})(?:\s+(?:и\s+)?(?P<n2>{NUM})\s+(?P<u2>{UNIT}))?(?![\w])",
        takes_prefix=False,
    )
    def duration(m: re.Match[str], c: Context) -> Resolved | None:
        if not (m["n"] or m["prep"] or m["approx"]):
            return None
        if m["n"] is None and m["u"] not in {"сутки", "суток", "неделю", "недели", "месяц", "месяца", "год",
                                              "года", "час", "часа", "день", "дня", "минуту", "минуты",
                                              "полгода"}:
            return None
        if m["n"] and m["n"].isdigit() and len(m["n"]) >= 4:
            return None
        after = c.norm[m.end():m.end() + 8]
        if re.match(r"\s+(?:назад|до\b|спустя)", after):
            return None  # «за 110 дней до»: a distance to an event, not a duration
        if _vocab()["unit"][m["u"]] == "Y" and _is_age(m, c):
            return None
        parts = []
        for n_text, unit in ((m["n"], m["u"]), (m["n2"], m["u2"])):
            if unit is None:
                continue
            n = number_value(n_text) if n_text else 1.0
            if n is None:
                return None
            parts.append((n, _vocab()["unit"][unit]))
        iso = cal.iso_duration(parts)
        if iso is None:
            return None
        approx = m["approx"] in {"почти", "около", "примерно", "приблизительно", "порядка"}
        return Resolved("duration", modifier="approx" if approx else None, duration=iso)


# The unit words that stand for one unit with no count: «год назад», «через неделю», «сутки назад».
_SINGULAR_UNITS = frozenset(vocab.words("units.singular"))

_AGE_BEFORE = re.compile(
    r"(?:возраст\w*|исполни\w*|было|будет|старше|младше|моложе|дожил\w*\s+до|от\s+\d+\s+до"
    r"|(?<!\w)(?:ему|ей|им|в|с|на))\s+$"
)


def _is_age(m: re.Match[str], c: Context) -> bool:
    """«в возрасте 52 лет», «ему 64 года», «Кравцову 39 лет», «в 19 лет»: an age, not a duration."""
    if m["u"] == "году":
        return True  # «на 85 году жизни»
    if m["prep"] or (m["approx"] and m["approx"] not in {"почти", "около", "примерно"}):
        return False
    start = m.start()
    before = c.norm[max(c.sentence[0], start - 30):start]
    if _AGE_BEFORE.search(before):
        return True
    if re.match(r"\s+(?:со\s+дня|жизни|от\s+роду)", c.norm[m.end():m.end() + 12]):
        return True
    previous = re.search(r"([а-яе]+)\s+$", before)
    if previous:
        tag = parse(previous.group(1))[0].tag
        if tag.case == "datv" and tag.POS == "NOUN":
            return True  # «Кравцову 39 лет»
    return False


@cache
def _rules() -> tuple[Rule, ...]:
    if not _RULES:
        _build_rules()
    return tuple(_RULES)


_PREFIX = re.compile(
    r"(?<!\w)(?P<p>не\s+позднее|не\s+позже|не\s+ранее|не\s+раньше|вплоть\s+до|после|до|ко|к|в|во|на|за|с|со|по)\s+$"
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"A-ZА-ЯЁ0-9])|\n+")


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    """Sentence bounds for tense, when the caller has none: a full stop before a capital, or a new line."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def normalize(text: str) -> str:
    """Lower-case with ё folded to е; same length, so offsets carry over."""
    folded = vocab.fold(text)
    return folded if len(folded) == len(text) else vocab.fold("".join(ch.lower()[:1] or ch for ch in text))


def find_dates(
    text: str, anchor: date, sentences: Iterable[tuple[int, int]] | None = None
) -> list[TimeExpression]:
    """Every temporal expression in ``text``, resolved against ``anchor`` (the article's date).

    ``sentences``, half-open spans into ``text``, limit the search to those sentences (a caller
    that knows which sentences matter saves the rest); by default the text is split here.
    """
    norm = normalize(text)
    found: list[TimeExpression] = []
    for sentence in _sentences(text) if sentences is None else sentences:
        found.extend(_tag_sentence(text, norm, anchor, sentence))
    return found


def _tag_sentence(text: str, norm: str, anchor: date, sentence: tuple[int, int]) -> list[TimeExpression]:
    s, e = sentence
    ctx = Context(norm, anchor, sentence, text)
    candidates: list[tuple[int, int, int, Rule, re.Match[str]]] = []
    sentence_text = norm[s:e]
    for priority, r in enumerate(_rules()):
        if r.hint is not None and r.hint.search(sentence_text) is None:
            continue
        for m in r.pattern.finditer(norm, s, e):
            start, end = m.span()
            if (start > 0 and (norm[start - 1].isalnum() or norm[start - 1] in "-")) or (
                start > 1 and norm[start - 1] in ",." and norm[start - 2].isdigit()
            ) or (
                end < len(norm) and norm[end - 1].isalnum() and (norm[end].isalnum())
            ):
                continue
            candidates.append((start, end, priority, r, m))
    # Longest first, then the earlier rule; a position is read by one expression only.
    candidates.sort(key=lambda x: (-(x[1] - x[0]), x[2], x[0]))
    taken = bytearray(e - s)  # 1 at each position an expression has taken: a check costs the candidate's length
    results: list[TimeExpression] = []
    for start, end, _priority, r, m in candidates:
        if taken.find(1, start - s, end - s) >= 0:
            continue
        prefix = ""
        if r.takes_prefix:
            pm = _PREFIX.search(norm, max(s, start - 16), start)
            if pm:
                prefix = re.sub(r"\s+", " ", pm["p"])
                if taken.find(1, pm.start() - s, start - s) >= 0:
                    prefix = ""
        try:
            resolved = r.handler(m, ctx.at(start, prefix))
        except (OverflowError, ValueError):
            # The interval falls outside years 1..9999 («завтра» on 9999-12-31): no date can hold it.
            continue
        if resolved is None:
            continue
        if prefix:
            start = pm.start("p")  # type: ignore[union-attr]
        taken[start - s:end - s] = b"\x01" * (end - start)
        results.append(
            TimeExpression(
                text=text[start:end], span=(start, end), type=resolved.type, start=resolved.start,
                end=resolved.end, precision=resolved.precision, modifier=resolved.modifier,
                duration=resolved.duration,
            )
        )
    results.sort(key=lambda t: t.span)
    return results
