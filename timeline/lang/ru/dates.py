"""Russian date rules: one declaration per rule, read by the engine ``timeline.extract.dates``.

A rule is a regular expression over normalized text (lower-cased, «ё» folded to «е») and a resolver
that turns its match into an interval with ``timeline.extract.calendar``. Its priority decides
between two matches of the same length (the longer always wins); its hint is what a sentence must
contain for the rule to be tried. A pattern names fragments as ``{NAME}``: ``fragments()`` builds
them from ``data/dates.toml``, with the inflected forms pymorphy3 gives the lemmas there, once and
only when first needed (the analyzer is slow to load).

The tense that decides the year of a bare month or the week of a bare weekday is the clause's
(``Context.tense``, read by ``timeline.lang.ru.tense``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from timeline.extract import calendar as cal
from timeline.extract.calendar import Resolved
from timeline.extract.dates import Context, DateLanguage, DateRule, Example
from timeline.extract.types import Precision, Relative
from timeline.lang.ru import vocab
from timeline.lang.ru.morph import parse
from timeline.lang.ru.vocab import alt, number_value

# --- vocabulary ---------------------------------------------------------------------------------

MONTH_ABBR: dict[str, int] = vocab.word_map("months.abbreviations")
SHORT_YEAR_AHEAD = 10  # a two-digit year may lie this many years after the article's, not more
WEEKDAYS_ACC = {w: i for i, w in enumerate(vocab.words("weekdays.accusative"))}
WEEKDAYS_GEN = {w: i for i, w in enumerate(vocab.words("weekdays.genitive"))}
# The adjective forms before a weekday, and the day each picks ([weekdays.modifiers]).
WEEKDAY_MODIFIERS = {
    w: kind
    for kind in ("this_week", "last_week", "latest", "next_week", "nearest")
    for w in vocab.words(f"weekdays.modifiers.{kind}")
}
SEASONS: dict[str, int] = vocab.word_map("seasons.forms")
SEASON_ADVERBS = frozenset(vocab.words("seasons.adverbs"))
CURRENT_SEASON = frozenset(vocab.lemmas("seasons.current"))
RELATIVE_DAYS: dict[str, int] = vocab.word_map("relative_days.shifts")
EVES = frozenset(vocab.words("relative_days.eves"))
TIME_OF_DAY = vocab.words("time_of_day.words")
CLOCK_BEFORE = frozenset(vocab.words("time_of_day.clock_before"))
CLOCK_AFTER = frozenset(vocab.words("time_of_day.clock_after"))
NOT_PERIODS = frozenset(vocab.lemmas("relative.not_periods"))
PARTS: dict[str, cal.Part] = {
    **{w: "start" for w in vocab.words("parts.start")},
    **{w: "mid" for w in vocab.words("parts.mid")},
    **{w: "end" for w in vocab.words("parts.end") + vocab.words("parts.end_before_period")},
}
FIRST_HALF = frozenset(vocab.words("halves.first"))
RECURRENCE_COUNTS = vocab.words("recurrence.count_stems")
SINGULAR_UNITS = frozenset(vocab.words("units.singular"))
YEARS_IN: dict[str, int] = vocab.word_map("units.years")
APPROXIMATE = frozenset(vocab.words("durations.approximate"))
BARE_UNITS = frozenset(vocab.words("durations.bare_units"))
DISTANCE = re.compile(r"\s+(?:" + "|".join(vocab.patterns("durations.distance_patterns")) + ")")
AGE_BEFORE = re.compile("(?:" + "|".join(vocab.patterns("age.before_patterns")) + r")\s+$")
AGE_AFTER = re.compile(r"\s+" + alt(vocab.words("age.after")))
AGE_APPROXIMATE = frozenset(vocab.words("age.approximate"))
AGE_UNITS = frozenset(vocab.words("age.ordinal_units"))
# A deadline or a lower bound, by the prefix word that makes it ([prefixes] before, after).
BOUNDS: dict[str, cal.Bound] = {
    **dict.fromkeys(vocab.words("prefixes.after"), "after"),
    **dict.fromkeys(vocab.words("prefixes.before"), "before"),
}
SEASON_PREFIXES = frozenset(vocab.words("prefixes.season"))
BARE_YEAR_PREFIXES = frozenset(vocab.words("prefixes.bare_year"))

# The words that may stand before a date and join it («до 3 апреля», «не позднее 2027 года»);
# the engine looks for them in the few characters before a match.
PREFIX = re.compile(r"(?<!\w)(?P<p>" + alt(vocab.words("prefixes.words")) + r")\s+$")


def _phrases(words: object) -> str:
    """Phrases as a pattern, the longest first, their spaces any run of spaces."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) + ")"  # type: ignore[call-overload]


def stems(name: str) -> str:
    """The stems of [hints] ``name``, as the search a sentence must pass for the rule to be tried."""
    return any_of(f"hints.{name}")


def any_of(path: str) -> str:
    """A search for any of the words of a list: the hint of a rule that cannot match without one."""
    return "|".join(re.escape(w) for w in vocab.words(path))


# The hints of the rules that read a number: each a piece every match of its rules holds, and
# nothing more (a digit alone is in most sentences, and ten rules ran on each of them).
DAY_MONTH = r"\d(?:-?го)?\s+(?:" + stems("month") + ")"  # {DAY}(?:-?го)?\s+{MONTH}: every month starts with a stem
DASHED = r"\d-\d"  # 2026-01-15
DOTTED = r"\d\.\d"  # 15.01.2026, с 10.02 по 15.03.2026
YEARS = r"по\s+\d|\d\s*[-–—]\s*\d"  # с 2020 по 2024 год, 2026–2027 годах
FOUR_DIGITS = r"\d{4}"  # {YEAR}
DECADE = r"\d0-?[ехым]"  # 1990-х, 2010-е


@cache
def fragments() -> dict[str, str]:
    """The pieces the patterns name as {NAME}; a piece may name others."""
    v = vocab.inflected()
    number_word = alt(list(v["number"]) + list(v["half"]))
    and_a_half = r"\s+".join(re.escape(w) for w in v["and a half"])
    endings = alt(vocab.words("ordinals.endings"))
    modifiers = list(WEEKDAY_MODIFIERS)
    return {
        "MONTH": "(?:" + alt(v["month"]) + "|" + alt(MONTH_ABBR) + r"\.)",
        "NUM": rf"(?:\d{{1,3}}|{number_word}(?:\s+{number_word})?)(?:\s+{and_a_half})?",
        # A count of units from DCT takes any number of digits («1000 лет назад», «1 000 лет назад»), not
        # only NUM's three: else «лет назад» alone matched and read as one year.
        "COUNT": r"(?:\d{1,3}(?:[ \u00a0]\d{3})+(?!\d)|\d+|{NUM})",
        "UNIT": alt(v["unit"]),
        "YEARS_UNIT": alt(YEARS_IN),
        "ORD": r"(?:" + alt(v["ordinal"]) + rf"|iv|i{{1,3}}|[1-4]-?{endings})",
        "REL": alt(v["relative"]),
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])",
        "YEAR": r"(?:1[89]|20|21)\d\d",
        "YW": rf"(?:\s*(?:годом|года|году|год|г\.)|-?{endings}(?![\w]))",  # after a year: «2025 года», «2025-м»
        "YEAR_OPT": r"(?:\s+(?P<y>{YEAR}){YW}?|\s+(?P<ry>{REL})\s+года)?",
        "PERIOD_TAIL": r"(?:\s+(?P<y>{YEAR}){YW}|\s+(?P<ry>{REL})\s+года)?",
        # The period after «начале/конце/половине …»; its named groups tell which it is.
        "PERIOD": (
            r"(?:(?P<m>{MONTH})(?:\s+(?P<my>{YEAR}){YW}|\s+(?P<mry>{REL})\s+года)?"
            r"|(?P<y>{YEAR}){YW}|(?:(?P<ry>{REL})\s+)?года"
            r"|(?:(?P<rm>{REL})\s+)?(?P<pm>месяца)|(?:(?P<rw>{REL})\s+)?(?P<pw>недели)"
            r"|(?:(?P<rq>{REL})\s+)?(?P<pq>квартала)|(?:(?P<rh>{REL})\s+)?(?P<ph>полугодия)"
            r"|(?P<q>{ORD})\s+квартала(?:\s+(?P<qy>{YEAR}){YW}|\s+(?P<qry>{REL})\s+года)?)"
        ),
        "PART": alt(PARTS),
        "DECADE_PART": alt(vocab.words("parts.start") + vocab.words("parts.mid") + vocab.words("parts.end")),
        "HALF": alt(vocab.words("halves.first") + vocab.words("halves.second")),
        "HALF_NOUN": alt(vocab.words("halves.nouns")),
        "SEASON": alt(SEASONS),
        "RELATIVE_DAY": alt(RELATIVE_DAYS),
        "WEEK_ADVERB": alt(vocab.words("relative.before_week")),
        "TOD": r"(?:\s+" + alt(TIME_OF_DAY) + ")?",
        "WD": alt(WEEKDAYS_ACC),
        "WD_GEN": alt(WEEKDAYS_GEN),
        # «по будним дням» has always been read with one plain space between the words, unlike other phrases.
        "WD_PLURAL": alt(vocab.words("weekdays.plural"), space=r"\ "),
        "WD_MODIFIER": alt(modifiers),
        "DAY_PART_ACC": alt(vocab.words("day_parts.accusative")),
        "DAY_PART_DAT": alt(vocab.words("day_parts.dative")),
        "DAY_PART_GEN": alt(vocab.words("day_parts.genitive")),
        "RECURRENCE_ADVERB": alt(vocab.words("recurrence.adverbs")),
        "MULTIPLE": alt(vocab.words("recurrence.multiples")),
        "PER": alt(vocab.words("recurrence.periods")),
        "EVERY": alt(vocab.words("recurrence.every")),
        "EVERY_UNIT": alt(vocab.words("recurrence.every_units")),
        "VAGUE": "|".join(vocab.patterns("vague.phrase_patterns")),
        "ANCHOR_SHIFT": _phrases(vocab.word_map("anchored.shifts")),
        "ANCHOR_BEFORE_NOUN": _phrases(vocab.word_map("anchored.before_noun")),
        "ANCHOR_AFTER": alt(vocab.words("anchored.after_words")),
        "ANCHOR_AFTER_NOUN": re.escape(vocab.phrase("anchored.after_noun")),
        "APPROX": alt(vocab.words("durations.approximate") + vocab.words("durations.bounding")),
        "DURATION_PREP": alt(vocab.words("durations.prepositions")),
    }


# --- reading words ------------------------------------------------------------------------------


def _month_of(word: str) -> int | None:
    word = word.rstrip(".")
    month: int | None = vocab.inflected()["month"].get(word)
    return month if month is not None else MONTH_ABBR.get(word)


def _ordinal(word: str) -> int | None:
    word = word.strip()
    roman = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
    if word in roman:
        return roman[word]
    digits = re.match(r"(\d)", word)
    if digits:
        return int(digits.group(1))
    found: int | None = vocab.inflected()["ordinal"].get(word)
    return found


def _relative(word: str | None) -> int | None:
    found: int | None = None if word is None else vocab.inflected()["relative"].get(word)
    return found


def _relative_lemma(word: str) -> str | None:
    found: str | None = vocab.inflected()["relative lemma"].get(word)
    return found


def _unit(word: str) -> str:
    """The ISO designator of a unit word the UNIT fragment matched."""
    code: str = vocab.inflected()["unit"][word]
    return code


def _year_of(m: re.Match[str], group: str, rel_group: str, c: Context) -> int | None:
    """An explicit year («2026 года») or a relative one («прошлого года»), else None."""
    if m.group(group):
        return int(m.group(group))
    rel = _relative(m.group(rel_group))
    return None if rel is None else c.dct.year + rel


def _deadline(bounds: cal.Bounds, precision: Precision, c: Context) -> Resolved:
    """Apply a deadline or lower-bound word in front of the expression, if there is one."""
    return cal.bounded(bounds, precision, c.dct, BOUNDS.get(c.prefix))


def _day_in(day: int, month: int, year: int | None, c: Context) -> date | None:
    return cal.safe_date(year, month, day) if year is not None else cal.day_near(day, month, c.dct, c.tense())


def _count(m: re.Match[str]) -> float | None:
    """The count before the unit; 1 for a bare singular («год назад»), None for a bare plural
    («лет назад» after «много», «двести» or any word the vocabulary lacks)."""
    if m["n"] is None:
        return 1 if m["u"] in SINGULAR_UNITS else None
    digits = re.sub(r"[ \u00a0]", "", m["n"])
    return int(digits) if digits.isdigit() else number_value(m["n"])


def _is_clock_time(m: re.Match[str], c: Context) -> bool:
    """Hours at a preposition of a moment («в 4 часа», «к 10 часам») or before a part of the day («4 часа
    утра»): a time on the clock, not how long something took."""
    before = c.norm[max(0, m.start() - 12):m.start()].split()
    after = c.norm[m.end():m.end() + 12].split()
    return bool(before and before[-1] in CLOCK_BEFORE) or bool(after and after[0].strip(".,;:") in CLOCK_AFTER)


def _is_age(m: re.Match[str], c: Context) -> bool:
    """«в возрасте 52 лет», «ему 64 года», «Кравцову 39 лет», «в 19 лет»: an age, not a duration."""
    if m["u"] in AGE_UNITS:
        return True  # «на 85 году жизни»
    if m["prep"] or (m["approx"] and m["approx"] not in AGE_APPROXIMATE):
        return False
    start = m.start()
    before = c.norm[max(c.sentence[0], start - 30):start]
    if AGE_BEFORE.search(before):
        return True
    if AGE_AFTER.match(c.norm[m.end():m.end() + 12]):
        return True
    previous = re.search(r"([а-яе]+)\s+$", before)
    if previous:
        tag = parse(previous.group(1))[0].tag
        if tag.case == "datv" and tag.POS == "NOUN":
            return True  # «Кравцову 39 лет»
    return False


# --- resolvers ----------------------------------------------------------------------------------


def exact_day(m: re.Match[str], c: Context) -> Resolved | None:
    """2026-01-15, 15.01.2026: no resolving, only a check that the day exists."""
    d = cal.safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return None if d is None else _deadline((d, d), "day", c)


def dotted_range(m: re.Match[str], c: Context) -> Resolved | None:
    end = cal.safe_date(int(m["y2"]), int(m["m2"]), int(m["d2"]))
    return cal.date_range(cal.safe_date(int(m["y1"] or m["y2"]), int(m["m1"]), int(m["d1"])), end)


def dotted_days(m: re.Match[str], c: Context) -> Resolved | None:
    """«14.–15.10.2013», «14./15.10.2018»: two days of one month, the month and year written once."""
    end = cal.safe_date(int(m["y"]), int(m["m"]), int(m["d2"]))
    return cal.date_range(cal.safe_date(int(m["y"]), int(m["m"]), int(m["d1"])), end)


def short_year(m: re.Match[str], c: Context) -> Resolved | None:
    """«31.10.74», «18.07.14»: a two-digit year is the one of its century nearest the past of the
    article — no later than ten years after its date («74» in 2016 is 1974, «14» is 2014)."""
    year = 2000 + int(m["yy"])
    if year > c.dct.year + SHORT_YEAR_AHEAD:
        year -= 100
    d = cal.safe_date(year, int(m["m"]), int(m["d"]))
    return None if d is None else _deadline((d, d), "day", c)


def day_range(m: re.Match[str], c: Context) -> Resolved | None:
    """«с 8 по 10 октября», «18–20 сентября», «20 апреля — 10 мая», «3 и 4 июля»: the first day of the
    first .. the last of the last; a first day after the last in the calendar is in the year before."""
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


def day(m: re.Match[str], c: Context) -> Resolved | None:
    month = _month_of(m["m"])
    if month is None:
        return None
    d = _day_in(int(m["d"]), month, _year_of(m, "y", "ry", c), c)
    return None if d is None else _deadline((d, d), "day", c)


def month_range(m: re.Match[str], c: Context) -> Resolved | None:
    m1, m2 = _month_of(m["m1"] or m["m3"]), _month_of(m["m2"])
    if m1 is None or m2 is None:
        return None
    year = _year_of(m, "y", "ry", c)
    if m["y1"] and year is not None and int(m["y1"]) < year:  # «с ноября 2025 по март 2026 года»
        return Resolved.dated(date(int(m["y1"]), m1, 1), cal.month_end(year, m2), "range")
    if m1 >= m2:
        if m1 > m2 and m["m3"] and year is not None:  # «с декабря по февраль 2027 года»
            return Resolved.dated(date(year - 1, m1, 1), cal.month_end(year, m2), "range")
        return None
    if year is None:
        year = cal.pick([(date(y, m1, 1), cal.month_end(y, m2)) for y in cal.years_around(c.dct)],
                        c.dct, c.tense())[0].year
    return Resolved.dated(date(year, m1, 1), cal.month_end(year, m2), "range")


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


def year_range(m: re.Match[str], c: Context) -> Resolved | None:
    y1, y2 = int(m["y1"] or m["y3"] or m["y5"]), int(m["y2"] or m["y4"] or m["y6"])
    if y1 >= y2:
        return None
    return Resolved.dated(date(y1, 1, 1), date(y2, 12, 31), "range")


def year(m: re.Match[str], c: Context) -> Resolved | None:
    return _deadline(cal.year(int(m["y"])), "year", c)


def bare_year(m: re.Match[str], c: Context) -> Resolved | None:
    if c.prefix not in BARE_YEAR_PREFIXES:
        return None  # a bare number: «Запад-2025», «2025 участников»
    following = re.match(r"[\s,]*([а-яе]+)", c.norm[m.end():m.end() + 30])
    if following:
        tag = parse(following.group(1))[0].tag
        if tag.POS == "NOUN" and tag.case == "gent":
            return None  # «в 2000 метров», «до 1990 человек»: a quantity
    return _deadline(cal.year(int(m["y"])), "year", c)


def decade(m: re.Match[str], c: Context) -> Resolved | None:
    if m["half"]:
        return cal.decade(int(m["y"]), None, m["half"] in FIRST_HALF)
    return cal.decade(int(m["y"]), PARTS[m["part"]] if m["part"] else None, None)


def recent_span(m: re.Match[str], c: Context) -> Resolved | None:
    """«за последние три года»: from that long before DCT to DCT; «за последний год» one unit. Without a
    count, a plural («за последние годы», «за последние десятилетия») says no length: vague, as the
    date contract says."""
    if not m["n"] and m["adj"] == "ие":
        return Resolved("vague")
    n = number_value(m["n"]) if m["n"] else 1
    code, times = (_unit(m["u"]), 1) if m["u"] else ("Y", YEARS_IN[m["years"]])
    n = (n or 0) * times
    start = cal.shift(n, code, c.dct, -1) if n else None
    return None if start is None else Resolved.dated(start, c.dct, "range")


def quarter(m: re.Match[str], c: Context) -> Resolved | None:
    q = _ordinal(m["q"])
    if q is None or not 1 <= q <= 4:
        return None
    year = _year_of(m, "y", "ry", c)
    if year is None:
        bounds = cal.pick([cal.quarter(y, q) for y in cal.years_around(c.dct)], c.dct, c.tense())
        return _deadline(bounds, "quarter", c)
    return _deadline(cal.quarter(year, q), "quarter", c)


def half_year(m: re.Match[str], c: Context) -> Resolved | None:
    h = _ordinal(m["h"])
    if h not in (1, 2):
        return None
    year = _year_of(m, "y", "ry", c)
    if year is None:
        return _deadline(cal.pick([cal.half(y, h) for y in cal.years_around(c.dct)], c.dct, c.tense()), "half", c)
    return _deadline(cal.half(year, h), "half", c)


def _period(m: re.Match[str], c: Context) -> tuple[cal.Bounds, Precision] | None:
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
    if m["pq"]:
        return cal.relative_quarter(c.dct, _relative(m["rq"]) or 0), "quarter"
    if m["ph"]:
        return cal.relative_half(c.dct, _relative(m["rh"]) or 0), "half"
    if m["pm"]:
        return cal.relative_month(c.dct, _relative(m["rm"]) or 0), "month"
    if m["pw"]:
        return cal.week(c.dct + timedelta(weeks=_relative(m["rw"]) or 0)), "week"
    year = int(m["y"]) if m["y"] else c.dct.year + (_relative(m["ry"]) or 0)
    return cal.year(year), "year"


def part(m: re.Match[str], c: Context) -> Resolved | None:
    """«в начале февраля», «в конце прошлого года», «во второй половине марта»; «до конца месяца»
    is a deadline for the whole period."""
    found = _period(m, c)
    if found is None:
        return None
    bounds, precision = found
    which = PARTS.get(m["part"])  # None for a half
    if which == "end" and BOUNDS.get(c.prefix) == "before":
        return cal.bounded(bounds, precision, c.dct, "before")
    if m["half"]:
        return cal.half_of(bounds, precision, m["half"] in FIRST_HALF)
    assert which is not None
    found_part = cal.part(bounds, precision, which)
    return None if found_part is None else Resolved.dated(*found_part, "range", which)


def season(m: re.Match[str], c: Context) -> Resolved | None:
    first = SEASONS[m["s"]]
    if m["s"] not in SEASON_ADVERBS and not (m["y"] or m["ry"] or m["adj"]) and c.prefix not in SEASON_PREFIXES:
        return None  # «лето» alone is too often not a date; «к лету», «до весны» are
    year = _year_of(m, "y", "ry", c)
    if year is not None:
        return _deadline(cal.season(year, first), "season", c)
    current = bool(m["adj"]) and _relative_lemma(m["adj"]) in CURRENT_SEASON
    rel = _relative(m["adj"]) if m["adj"] and not current else 0
    seasons = [cal.season(y, first) for y in range(c.dct.year - 1, c.dct.year + 3)]
    if current:
        # «этой зимой»: the season containing DCT, else the tense decides between the nearest two.
        around = [s for s in seasons if s[0] <= c.dct <= s[1]]
        return _deadline(around[0] if around else cal.pick(seasons, c.dct, c.tense()), "season", c)
    if rel:
        base = cal.pick(seasons, c.dct, "past" if rel < 0 else "future")
        # «прошлым летом» said in summer is last year's; in autumn it is this year's.
        if rel < 0 and base[0] <= c.dct <= base[1]:
            base = cal.season(base[1].year - 1, first)
        return _deadline(base, "season", c)
    return _deadline(cal.pick(seasons, c.dct, c.tense()), "season", c)


def relative_day(m: re.Match[str], c: Context) -> Resolved | None:
    if m["w"] in EVES and not m.group(0).endswith(TIME_OF_DAY):
        following = re.match(r"\s+([а-яе]+)", c.norm[m.end():m.end() + 40])
        if following and not c.original[m.end() + following.start(1)].isupper():  # «Накануне Вучич …»
            tag = parse(following.group(1))[0].tag
            if tag.POS in {"NOUN", "ADJF"} and tag.case == "gent":
                return Resolved("vague")  # «накануне выборов»: before an event, not a day
    d = c.dct + timedelta(days=RELATIVE_DAYS[m["w"]])
    return _deadline((d, d), "day", c)


def ago(m: re.Match[str], c: Context) -> Resolved | None:
    n = _count(m)
    d = cal.shift(n, _unit(m["u"]), c.dct, -1) if n is not None else None
    return None if d is None else Resolved.dated(d, d, "day")


def in_(m: re.Match[str], c: Context) -> Resolved | None:
    if c.tense() == "past":
        return Resolved("vague")  # «через год получил награду»: a year after the story's last event
    n = _count(m)
    d = cal.shift(n, _unit(m["u"]), c.dct, 1) if n is not None else None
    return None if d is None else Resolved.dated(d, d, "day")


def relative_week(m: re.Match[str], c: Context) -> Resolved | None:
    rel = _relative(m["a"] or m["b"] or m["c"] or m["d"])
    if rel is None:
        return None
    return Resolved.dated(*cal.week(c.dct + timedelta(weeks=rel)), "week")


def relative_period(m: re.Match[str], c: Context) -> Resolved | None:
    rel = _relative(m["rel"])
    if rel is None or _relative_lemma(m["rel"]) in NOT_PERIODS:
        return None
    if m["month"]:
        return _deadline(cal.relative_month(c.dct, rel), "month", c)
    if m["year"]:
        return _deadline(cal.year(c.dct.year + rel), "year", c)
    if m["quarter"]:
        return _deadline(cal.relative_quarter(c.dct, rel), "quarter", c)
    return _deadline(cal.relative_half(c.dct, rel), "half", c)


def _on_weekday(c: Context, wd: int, kind: str | None = None, by: bool = False) -> Resolved:
    """Weekday ``wd`` (0 = Monday) of the week ``kind`` names ([weekdays.modifiers]), else the one the
    clause's tense picks; ``by`` makes it a deadline («до субботы») unless the clause is past."""
    monday, back, ahead = cal.weekday_around(c.dct, wd)
    # «к вечеру вторника», «до субботы»: a deadline ahead, unless a verb is past («работал до субботы»);
    # a participle alone is the state the deadline bounds («закрыт до среды»)
    if by and c.tense(participles=False) != "past":
        return Resolved.dated(c.dct, ahead, "day", "before")
    if kind == "last_week":
        d = monday - timedelta(weeks=1) + timedelta(days=wd)
    elif kind == "latest":
        # «в минувшую среду»: the latest Wednesday before publication, as news uses it
        d = back if back < c.dct else back - timedelta(weeks=1)
    elif kind == "next_week":
        d = monday + timedelta(weeks=1, days=wd)
    elif kind == "this_week":
        d = monday + timedelta(days=wd)
    else:
        d = cal.nearest_weekday(c.dct, back, ahead, "future" if kind == "nearest" else c.tense())
    return Resolved.dated(d, d, "day")


def weekday(m: re.Match[str], c: Context) -> Resolved | None:
    """«в пятницу», «в прошлую среду», «в эту субботу вечером»; a weekday alone («пятницу») is not read."""
    if not (m["adj"] or m["prep"]):
        return None
    return _on_weekday(c, WEEKDAYS_ACC[m["wd"]], WEEKDAY_MODIFIERS[m["adj"]] if m["adj"] else None)


def weekday_night(m: re.Match[str], c: Context) -> Resolved | None:
    """«в ночь на четверг», «в ночь с среды на четверг»: the night before that weekday is dated by it."""
    return _on_weekday(c, WEEKDAYS_ACC[m["wd"]])


def weekday_genitive(m: re.Match[str], c: Context) -> Resolved | None:
    """«с понедельника», «на утро пятницы», and the deadlines «до субботы», «к вечеру вторника»."""
    return _on_weekday(c, WEEKDAYS_GEN[m["wd"]], by=bool(m["by"]))


def recurrence(m: re.Match[str], c: Context) -> Resolved | None:
    if m["count"] and not m["count"].startswith(RECURRENCE_COUNTS):
        return None
    return Resolved("set")


ANCHOR_SHIFTS: dict[str, int] = vocab.word_map("anchored.shifts")
ANCHOR_BEFORE_NOUN: dict[str, int] = vocab.word_map("anchored.before_noun")
# What a sentence must hold for the anchored rule: the last word of each of its phrases.
ANCHOR_HINT = "|".join(sorted({re.escape(w.split()[-1]) for w in [*ANCHOR_SHIFTS, *ANCHOR_BEFORE_NOUN,
                                                                   *vocab.words("anchored.after_words")]}))


def _happening(noun: str | None) -> str | None:
    """The kind of happening a noun in the genitive names («саммита»: summit), from the event
    vocabulary; else None («накануне суд арестовал»: «суд» is the subject, not what it is the eve of)."""
    if noun is None or not any(p.tag.POS == "NOUN" and p.tag.case == "gent" for p in parse(noun)):
        return None
    from timeline.lang.ru.lexicon import trigger_index
    from timeline.lang.ru.words import lemma_of

    return trigger_index().get(lemma_of(noun))


def anchored(m: re.Match[str], c: Context) -> Resolved | None:
    """A date another happening gives: «на следующий день» (the latest told before), «накануне
    саммита», «по итогам встречи», «через неделю после ареста» (the one named). Vague until the
    article's events resolve it."""
    if m["shift"]:
        return Resolved("vague", relative=Relative(ANCHOR_SHIFTS[re.sub(r"\s+", " ", m["shift"])]))
    kind = _happening(m["noun"] or m["noun2"])
    if kind is None:
        return None  # «накануне вечером», «в ходе работы»: no happening named
    if m["around"]:
        return Resolved("vague", relative=Relative(ANCHOR_BEFORE_NOUN[re.sub(r"\s+", " ", m["around"])], kind=kind))
    n = _count(m)
    if n is None or n != int(n):
        return None
    return Resolved("vague", relative=Relative(int(n), _unit(m["u"]), kind))


def vague(m: re.Match[str], c: Context) -> Resolved | None:
    return Resolved("vague")


def duration(m: re.Match[str], c: Context) -> Resolved | None:
    if not (m["n"] or m["prep"] or m["approx"]):
        return None
    if m["n"] is None and m["u"] not in BARE_UNITS:
        return None
    if m["n"] and m["n"].isdigit() and len(m["n"]) >= 4:
        return None
    if DISTANCE.match(c.norm[m.end():m.end() + 8]):
        return None  # «за 110 дней до»: a distance to an event, not a duration
    if _unit(m["u"]) == "Y" and _is_age(m, c):
        return None
    if _unit(m["u"]) == "H" and m["n"] and not m["prep"] and not m["approx"] and _is_clock_time(m, c):
        return None  # «в 4 часа утра»: a time on the clock
    parts = []
    for n_text, unit in ((m["n"], m["u"]), (m["n2"], m["u2"])):
        if unit is None:
            continue
        n = number_value(n_text) if n_text else 1.0
        if n is None:
            return None
        parts.append((n, _unit(unit)))
    iso = cal.iso_duration(parts)
    if iso is None:
        return None
    return Resolved("duration", duration=iso, approx=m["approx"] in APPROXIMATE)


# --- the rules ----------------------------------------------------------------------------------

RULES: tuple[DateRule, ...] = (
    DateRule(
        name="iso", priority=10, hint=DASHED, resolve=exact_day,
        pattern=r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)",
        examples=(
            Example("Встреча пройдет 2026-01-15.", "2026-01-15", "2026-01-15", "2026-01-15", "day"),
            Example("Договор продлят до 2026-03-01.", "до 2026-03-01", "2026-01-14", "2026-03-01", "day", "before"),
        ),
    ),
    DateRule(
        name="dotted range", priority=20, hint=DOTTED, resolve=dotted_range, takes_prefix=False,
        pattern=r"с\s+(?P<d1>{DAY})\.(?P<m1>[01]\d)(?:\.(?P<y1>{YEAR}))?\.?\s+(?:по|до)\s+"
                r"(?P<d2>{DAY})\.(?P<m2>[01]\d)\.(?P<y2>{YEAR})",
        examples=(
            Example("Выставка открыта с 10.02 по 15.03.2026.", "с 10.02 по 15.03.2026", "2026-02-10", "2026-03-15",
                    "range"),
            # the first day's month with its full stop, as German-style listings write it
            Example("Выставка открыта с 14.10. по 15.10.2018.", "с 14.10. по 15.10.2018", "2018-10-14", "2018-10-15",
                    "range"),
        ),
    ),
    DateRule(
        name="dotted days", priority=25, hint=DOTTED, resolve=dotted_days,
        pattern=r"(?P<d1>{DAY})\.?\s*(?:[-–—]|/)\s*(?P<d2>{DAY})\.(?P<m>[01]\d)\.(?P<y>{YEAR})(?:\s*г\.)?",
        examples=(
            Example("Конференция прошла 14. - 15.10.2013 в Казани.", "14. - 15.10.2013", "2013-10-14", "2013-10-15",
                    "range"),
            Example("Форум пройдет 14./15.10.2026.", "14./15.10.2026", "2026-10-14", "2026-10-15", "range"),
            Example("Сессия прошла 3–5.12.2025.", "3–5.12.2025", "2025-12-03", "2025-12-05", "range"),
        ),
    ),
    DateRule(
        name="dotted", priority=30, hint=DOTTED, resolve=exact_day,
        pattern=r"(?P<d>{DAY})\.(?P<m>[01]\d)\.(?P<y>{YEAR})(?:\s*г\.)?",
        examples=(
            Example("Встреча пройдет 15.01.2026.", "15.01.2026", "2026-01-15", "2026-01-15", "day"),
            Example("Закон вступил в силу 01.07.2025 г.", "01.07.2025 г.", "2025-07-01", "2025-07-01", "day"),
        ),
    ),
    DateRule(
        name="dotted short year", priority=35, hint=DOTTED, resolve=short_year,
        pattern=r"(?P<d>{DAY})\.(?P<m>[01]\d)\.(?P<yy>\d\d)(?![\d.,]\d)(?:\s*г\.)?",
        examples=(
            Example("Документ подписан 31.10.74.", "31.10.74", "1974-10-31", "1974-10-31", "day", anchor="2016-03-01"),
            Example("Пятница, 18.07.14: министр прибыл в Казань.", "18.07.14", "2014-07-18", "2014-07-18", "day",
                    anchor="2016-03-01"),
        ),
    ),
    DateRule(
        name="day range", priority=40, hint=DAY_MONTH, resolve=day_range, takes_prefix=False,
        pattern=r"со?\s+(?P<d1>{DAY})(?:-?го)?(?:\s+(?P<m1>{MONTH}))?(?:\s+(?P<y1>{YEAR}){YW}?)?\s+(?:по|до)\s+"
                r"(?P<d2>{DAY})(?:-?го)?\s+(?P<m2>{MONTH})(?:\s+(?P<y2>{YEAR}){YW}?)?",
        examples=(
            Example("Форум пройдет с 8 по 10 октября.", "с 8 по 10 октября", "2026-10-08", "2026-10-10", "range"),
            # the first day after the last in the calendar: the year before
            Example("Каникулы продлились с 28 декабря по 8 января.", "с 28 декабря по 8 января", "2025-12-28",
                    "2026-01-08", "range"),
        ),
    ),
    DateRule(
        name="dash range", priority=50, hint=DAY_MONTH, resolve=day_range,
        pattern=r"(?P<d1>{DAY})(?:\s+(?P<m1>{MONTH}))?(?:\s*[-–—]\s*|\s+и\s+)(?P<d2>{DAY})\s+(?P<m2>{MONTH})"
                r"(?:\s+(?P<y2>{YEAR}){YW}?)?",
        examples=(
            Example("Выборы пройдут 18–20 сентября.", "18–20 сентября", "2026-09-18", "2026-09-20", "range"),
            Example("Резервные дни назначены на 3 и 4 июля.", "на 3 и 4 июля", "2027-07-03", "2027-07-04", "range",
                    anchor="2027-04-03"),
            Example("Матчи пройдут 30 декабря — 2 января.", "30 декабря — 2 января", "2027-12-30", "2028-01-02",
                    "range", anchor="2027-04-03"),
        ),
    ),
    DateRule(
        name="day", priority=60, hint=DAY_MONTH, resolve=day,
        pattern=r"(?:(?:в|во)\s+{WD},?\s+)?(?P<d>{DAY})(?:-?го)?\s+(?P<m>{MONTH}){YEAR_OPT}{TOD}",
        examples=(
            # the tense picks the year: a hearing to come, said in July, is this July's …
            Example("Слушание состоится 15 июля.", "15 июля", "2025-07-15", "2025-07-15", "day", anchor="2025-07-03"),
            # … one that took place, said in March, last July's
            Example("Слушание состоялось 15 июля.", "15 июля", "2025-07-15", "2025-07-15", "day", anchor="2026-03-03"),
            Example("Встреча прошла 31 декабря 2025 года.", "31 декабря 2025 года", "2025-12-31", "2025-12-31", "day"),
            # the first plan of a happening moved since: its date has passed
            Example("Саммит, первоначально намеченный на 26 февраля, перенесли.", "на 26 февраля", "2026-02-26",
                    "2026-02-26", "day", anchor="2026-08-01"),
            # a month's abbreviation before the year: one sentence, one date
            Example("Встреча прошла 3 мар. 2015 в Москве.", "3 мар. 2015", "2015-03-03", "2015-03-03", "day"),
            Example("Работы завершат к 1 марта.", "к 1 марта", "2026-01-14", "2026-03-01", "day", "before"),
            Example("Решение примут после 10 мая.", "после 10 мая", "2026-05-10", "2026-05-10", "day", "after"),
        ),
    ),
    DateRule(
        name="month range", priority=70, hint=stems("month"), resolve=month_range,
        pattern=r"(?:(?P<m1>{MONTH})\s*[-–—]\s*|с\s+(?P<m3>{MONTH})(?:\s+(?P<y1>{YEAR}){YW})?\s+(?:по|до)\s+)"
                r"(?P<m2>{MONTH}){YEAR_OPT}",
        examples=(
            Example("Поезда будут ходить по новому графику с января по март 2027 года.", "с января по март 2027 года",
                    "2027-01-01", "2027-03-31", "range"),
            Example("Посевная пройдет в апреле—мае.", "в апреле—мае", "2026-04-01", "2026-05-31", "range"),
            Example("Сессия продлится с декабря по февраль 2027 года.", "с декабря по февраль 2027 года",
                    "2026-12-01", "2027-02-28", "range"),
        ),
    ),
    DateRule(
        name="month", priority=80, hint=stems("month"), resolve=month,
        pattern=r"(?:(?P<adj>{REL})\s+)?(?P<m>{MONTH}){YEAR_OPT}",
        examples=(
            Example("Переговоры прошли в декабре.", "в декабре", "2025-12-01", "2025-12-31", "month"),
            Example("Выборы пройдут в декабре.", "в декабре", "2026-12-01", "2026-12-31", "month"),
            Example("Цены выросли в прошлом марте.", "в прошлом марте", "2025-03-01", "2025-03-31", "month"),
        ),
    ),
    DateRule(
        name="year range", priority=90, hint=YEARS, resolve=year_range,
        pattern=r"(?:с\s+(?P<y1>{YEAR})\s+(?:года\s+)?по\s+(?P<y2>{YEAR})(?:\s*(?:годы|год|гг\.|г\.))?"
                r"|(?P<y3>{YEAR})\s*[-–—]\s*(?P<y4>{YEAR})(?:-?[хе])?\s*(?:годах|годы|годов|годам|гг\.)"
                r"|(?<=в\s)(?P<y5>{YEAR})\s*[-–—]\s*(?P<y6>{YEAR}))",
        examples=(
            Example("Это произошло в 2026–2027 годах.", "в 2026–2027 годах", "2026-01-01", "2027-12-31", "range"),
            Example("Программа действовала с 2020 по 2024 год.", "с 2020 по 2024 год", "2020-01-01", "2024-12-31",
                    "range"),
        ),
    ),
    DateRule(
        name="year", priority=100, hint=FOUR_DIGITS, resolve=year,
        pattern=r"(?P<y>{YEAR}){YW}",
        examples=(
            Example("Он был там в 2025 году.", "в 2025 году", "2025-01-01", "2025-12-31", "year"),
            Example("Компания в 2025-м выросла.", "в 2025-м", "2025-01-01", "2025-12-31", "year"),
            Example("Сделку закроют не позднее 2027 года.", "не позднее 2027 года", "2026-01-14", "2027-12-31", "year",
                    "before"),
        ),
    ),
    DateRule(
        name="bare year", priority=110, hint=FOUR_DIGITS, resolve=bare_year,
        pattern=r"(?P<y>{YEAR})(?![\w-])(?!\s*[-–—]\s*\d)",
        examples=(
            Example("Завод построили в 1990, а расширили позже.", "в 1990", "1990-01-01", "1990-12-31", "year"),
        ),
    ),
    DateRule(
        name="decade", priority=120, hint=DECADE, resolve=decade,
        pattern=r"(?:(?P<part>{DECADE_PART}|(?P<half>{HALF})\s+{HALF_NOUN})\s+)?"
                r"(?P<y>1[89]\d0|20[0-9]0)-?(?:е|х|ые|ых|м|ми)(?:\s+(?:годы|годах|годов|годам|годами|гг\.))?",
        examples=(
            Example("Завод построили в 1990-х годах.", "в 1990-х годах", "1990-01-01", "1999-12-31", "range"),
            Example("Кризис начался в конце 1990-х.", "в конце 1990-х", "1997-01-01", "1999-12-31", "range", "end"),
            Example("Рынок рос в первой половине 2010-х.", "в первой половине 2010-х", "2010-01-01", "2014-12-31",
                    "range"),
        ),
    ),
    DateRule(
        name="recent span", priority=130, hint=stems("recent"), resolve=recent_span, takes_prefix=False,
        pattern=r"за\s+последн(?P<adj>ие|ий|юю|ее)\s+(?:(?P<n>{NUM})\s+)?(?:(?P<u>{UNIT})|(?P<years>{YEARS_UNIT}))"
                r"(?![\w])",
        examples=(
            Example("За последние три года цены выросли вдвое.", "За последние три года", "2023-01-14", "2026-01-14",
                    "range"),
            Example("За последний год цены выросли вдвое.", "За последний год", "2025-01-14", "2026-01-14", "range"),
            # no count, a plural: no length is said (shared/spec/dates.md: «за последние годы» is vague)
            Example("За последние годы число туристов выросло.", "За последние годы", type="vague"),
            Example("За последние десятилетия город изменился.", "За последние десятилетия", type="vague"),
        ),
    ),
    DateRule(
        name="quarter", priority=140, hint=stems("quarter"), resolve=quarter,
        pattern=r"(?P<q>{ORD})\s+квартал(?:а|е|у|ом)?{PERIOD_TAIL}",
        examples=(
            Example("Рост ожидается в первом квартале 2026 года.", "в первом квартале 2026 года", "2026-01-01",
                    "2026-03-31", "quarter"),
            Example("В четвертом квартале выручка выросла на треть.", "В четвертом квартале", "2025-10-01",
                    "2025-12-31", "quarter"),
        ),
    ),
    DateRule(
        name="half year", priority=150, hint=stems("half_year"), resolve=half_year,
        pattern=r"(?P<h>{ORD})\s+(?:полугоди(?:ем|е|я|ю|и)|{HALF_NOUN}\s+года){PERIOD_TAIL}",
        examples=(
            Example("Рост ожидается в первом полугодии.", "в первом полугодии", "2026-01-01", "2026-06-30", "half"),
            Example("Рост ожидается во второй половине года.", "во второй половине года", "2026-07-01", "2026-12-31",
                    "half"),
        ),
    ),
    DateRule(
        name="part", priority=160, hint=stems("part"), resolve=part,
        pattern=r"(?P<part>{PART}|(?P<half>{HALF})\s+{HALF_NOUN})\s+(?P<period>{PERIOD})",
        examples=(
            Example("Отпуск начнется в начале февраля.", "в начале февраля", "2026-02-01", "2026-02-10", "range",
                    "start"),
            Example("Завод открылся в конце прошлого года.", "в конце прошлого года", "2025-09-01", "2025-12-31",
                    "range", "end"),
            Example("Отпуск начнется во второй половине февраля.", "во второй половине февраля", "2026-02-16",
                    "2026-02-28", "range"),
            Example("Ответ ждут до конца этого месяца.", "до конца этого месяца", "2026-01-14", "2026-01-31", "month",
                    "before"),
        ),
    ),
    DateRule(
        name="season", priority=170, hint=stems("season"), resolve=season,
        pattern=r"(?:(?P<adj>{REL})\s+)?(?P<s>{SEASON})(?:\s+(?P<y>{YEAR}){YW}|\s+(?P<ry>{REL})\s+года)?(?![\w])",
        examples=(
            Example("Весной пройдут учения.", "Весной", "2026-03-01", "2026-05-31", "season"),
            Example("Зимой 2026 года выпало много снега.", "Зимой 2026 года", "2025-12-01", "2026-02-28", "season"),
            Example("Этой зимой морозы не опускались ниже десяти градусов.", "Этой зимой", "2025-12-01", "2026-02-28",
                    "season"),
            Example("Прошлым летом выпало много дождей.", "Прошлым летом", "2025-06-01", "2025-08-31", "season"),
            Example("Уровень воды восстановится к лету.", "к лету", "2026-01-14", "2026-08-31", "season", "before"),
        ),
    ),
    DateRule(
        name="relative day", priority=180, hint=stems("relative_day"), resolve=relative_day,
        pattern=r"(?P<w>{RELATIVE_DAY}){TOD}(?![\w])",
        examples=(
            Example("Это случилось вчера.", "вчера", "2026-01-13", "2026-01-13", "day"),
            Example("Министр выступил вчера вечером.", "вчера вечером", "2026-01-13", "2026-01-13", "day"),
            Example("Накануне министр выступил в парламенте.", "Накануне", "2026-01-13", "2026-01-13", "day"),
            Example("Накануне юбилея жители украсили улицы.", "Накануне", type="vague"),
        ),
    ),
    DateRule(
        name="ago", priority=190, hint=stems("ago"), resolve=ago, takes_prefix=False,
        pattern=r"(?:(?P<n>{COUNT})\s+)?(?P<u>{UNIT})\s+назад",
        examples=(
            Example("Это случилось пять дней назад.", "пять дней назад", "2026-01-09", "2026-01-09", "day"),
            Example("Город основали 1000 лет назад.", "1000 лет назад", "1026-01-14", "1026-01-14", "day"),
        ),
    ),
    DateRule(
        name="in", priority=200, hint=stems("in"), resolve=in_, takes_prefix=False,
        pattern=r"через\s+(?:(?P<n>{COUNT})\s+)?(?P<u>{UNIT})(?![\w])",
        examples=(
            Example("Это случится через 3 дня.", "через 3 дня", "2026-01-17", "2026-01-17", "day"),
            # after a past verb it counts from the story's previous event, which is not known here
            Example("Через год получил награду ЮНЕСКО.", "Через год", type="vague"),
        ),
    ),
    DateRule(
        name="relative week", priority=210, hint=stems("week"), resolve=relative_week, takes_prefix=False,
        pattern=r"(?:{WEEK_ADVERB}\s+)?(?:(?:на|в)\s+(?P<a>[а-я]+)\s+неделе|на\s+(?P<b>[а-я]+)\s+неделю"
                r"|(?:с|со|до|к)\s+(?P<c>[а-я]+)\s+недели|(?P<d>[а-я]+)\s+неделя(?![\w]))",
        examples=(
            Example("Министры встретились на этой неделе.", "на этой неделе", "2026-01-12", "2026-01-18", "week"),
            Example("Ранее на этой неделе министры встретились.", "Ранее на этой неделе", "2026-01-12", "2026-01-18",
                    "week"),
            Example("Министры встретятся на следующей неделе.", "на следующей неделе", "2026-01-19", "2026-01-25",
                    "week"),
            # the nominative, as a heading or a subject: «Эта неделя стала решающей»
            Example("Эта неделя стала решающей для переговоров.", "Эта неделя", "2026-01-12", "2026-01-18", "week"),
        ),
    ),
    DateRule(
        name="relative month or year", priority=220, hint=stems("period"), resolve=relative_period,
        pattern=r"(?P<rel>{REL})\s+(?:(?P<month>месяц[еау]?)|(?P<year>год[ау]?)|(?P<quarter>квартал[еау]?)"
                r"|(?P<half>полугоди[еия]))(?![\w])",
        examples=(
            Example("Встреча состоится в этом месяце.", "в этом месяце", "2026-01-01", "2026-01-31", "month"),
            Example("Он был там в прошлом году.", "в прошлом году", "2025-01-01", "2025-12-31", "year"),
            Example("Выкуп завершат в следующем квартале.", "в следующем квартале", "2026-04-01", "2026-06-30",
                    "quarter"),
        ),
    ),
    # «в ночь на пятницу» outranks «на пятницу» where both are as long.
    DateRule(
        name="weekday night", priority=230, hint=stems("night"), resolve=weekday_night, takes_prefix=False,
        pattern=r"в\s+ночь\s+(?:с\s+(?:{WD}|[а-я]+)\s+)?на\s+(?P<wd>{WD})",
        examples=(
            Example("Взрыв произошел в ночь на четверг.", "в ночь на четверг", "2026-01-08", "2026-01-08", "day"),
            Example("Морозы ожидаются в ночь на четверг.", "в ночь на четверг", "2026-01-15", "2026-01-15", "day"),
            Example("Удар нанесли в ночь с субботы на воскресенье.", "в ночь с субботы на воскресенье", "2026-01-11",
                    "2026-01-11", "day"),
        ),
    ),
    DateRule(
        name="weekday", priority=232, hint=any_of("weekdays.accusative"), resolve=weekday, takes_prefix=False,
        pattern=r"(?:(?P<prep>в|во|на)\s+)?(?:(?P<adj>{WD_MODIFIER})\s+)?(?P<wd>{WD}){TOD}(?![\w])",
        examples=(
            Example("В пятницу министр провел совещание.", "В пятницу", "2026-01-09", "2026-01-09", "day"),
            Example("В пятницу министр проведет совещание.", "В пятницу", "2026-01-16", "2026-01-16", "day"),
            Example("В следующую пятницу министр проведет совещание.", "В следующую пятницу", "2026-01-23",
                    "2026-01-23", "day"),
            # «минувший» is the latest such weekday before publication (a Saturday here), «прошлый» last week's
            Example("Расписание утвердили в минувшую среду.", "в минувшую среду", "2027-03-31", "2027-03-31", "day",
                    anchor="2027-04-03"),
            Example("Расписание утвердили в прошлую среду.", "в прошлую среду", "2027-03-24", "2027-03-24", "day",
                    anchor="2027-04-03"),
        ),
    ),
    DateRule(
        name="weekday genitive", priority=234, hint=any_of("weekdays.genitive"), resolve=weekday_genitive,
        takes_prefix=False,
        pattern=r"(?:(?:с|со)\s+|(?:на|в)\s+{DAY_PART_ACC}\s+|(?P<by>до|к\s+{DAY_PART_DAT})\s+(?:{DAY_PART_GEN}\s+)?)"
                r"(?P<wd>{WD_GEN})(?![\w])",
        examples=(
            Example("Выставка работает до субботы.", "до субботы", "2026-11-30", "2026-12-05", "day", "before",
                    anchor="2026-11-30"),
            Example("Если замена не будет завершена к вечеру вторника, пуск перенесут.", "к вечеру вторника",
                    "2026-11-30", "2026-12-01", "day", "before", anchor="2026-11-30"),
            Example("Музей закрыт до вечера среды.", "до вечера среды", "2026-11-30", "2026-12-02", "day", "before",
                    anchor="2026-11-30"),
        ),
    ),
    DateRule(
        name="recurrence", priority=240, hint=stems("recurrence"), resolve=recurrence, takes_prefix=False,
        pattern=r"{RECURRENCE_ADVERB}"
                r"|(?:{MULTIPLE}|(?:\d+|(?P<count>[а-я]+))\s+раза?|раз)\s+в\s+{PER}(?![\w])"
                r"|по\s+{WD_PLURAL}(?:(?:\s*,\s*|\s+и\s+){WD_PLURAL})*"
                r"|{EVERY}\s+(?:{ORD}\s+)?(?:{WD}|{EVERY_UNIT})(?:\s+и\s+{WD})?(?:\s+месяца)?",
        examples=(
            Example("Форум проходит ежегодно.", "ежегодно", type="set"),
            Example("Кружок собирается каждую среду.", "каждую среду", type="set"),
            Example("Заседания проходят по вторникам и четвергам.", "по вторникам и четвергам", type="set"),
            Example("Совет собирается два раза в месяц.", "два раза в месяц", type="set"),
        ),
    ),
    DateRule(
        name="anchored", priority=245, hint=ANCHOR_HINT, resolve=anchored, takes_prefix=False,
        pattern=r"(?P<shift>{ANCHOR_SHIFT})(?![\w])"
                r"|(?P<around>{ANCHOR_BEFORE_NOUN})\s+(?:[а-яе-]+(?:ого|его|ой|ей|ых|их)\s+)?(?P<noun>[а-яе]+)(?![\w-])"
                r"|{ANCHOR_AFTER}\s+(?:(?P<n>{COUNT})\s+)?(?P<u>{UNIT})\s+{ANCHOR_AFTER_NOUN}\s+"
                r"(?:[а-яе-]+(?:ого|его|ой|ей|ых|их)\s+)?(?P<noun2>[а-яе]+)(?![\w-])",
        examples=(
            Example("На следующий день стороны подписали протокол.", "На следующий день", type="vague",
                    relative=Relative(1)),
            Example("Накануне саммита министры провели переговоры.", "Накануне саммита", type="vague",
                    relative=Relative(-1, kind="summit")),
            Example("По итогам встречи стороны приняли заявление.", "По итогам встречи", type="vague",
                    relative=Relative(0, kind="meeting")),
            Example("На полях российско-монгольского саммита подписали 11 документов.",
                    "На полях российско-монгольского саммита", type="vague", relative=Relative(0, kind="summit")),
            Example("Накануне выборов кандидаты выступили в эфире.", "Накануне выборов", type="vague",
                    relative=Relative(-1, kind="election")),
            Example("Через неделю после ареста его отпустили под залог.", "Через неделю после ареста", type="vague",
                    relative=Relative(1, "W", "arrest")),
        ),
    ),
    DateRule(
        name="vague", priority=250, hint=None, resolve=vague, takes_prefix=False,
        pattern=r"{VAGUE}",
        examples=(
            Example("Решение примут в ближайшие дни.", "в ближайшие дни", type="vague"),
            Example("Ранее министр отрицал эти планы.", "Ранее", type="vague"),
            Example("На данный момент встреча не запланирована.", "На данный момент", type="vague"),
        ),
    ),
    DateRule(
        name="duration", priority=260, hint=stems("unit"), resolve=duration, takes_prefix=False,
        pattern=r"(?:(?P<approx>{APPROX})\s+)?(?P<prep>{DURATION_PREP}\s+)?"
                r"(?:(?P<n>{NUM})\s+)?(?P<u>{UNIT})(?:\s+(?:и\s+)?(?P<n2>{NUM})\s+(?P<u2>{UNIT}))?(?![\w])",
        examples=(
            # hours at a moment are a time on the clock: no duration
            Example("Взрыв произошел в 4 часа утра, пожар тушили пять часов.", "пять часов", duration="PT5H"),
            Example("Переговоры длились почти пять часов.", "почти пять часов", modifier="approx", duration="PT5H"),
            Example("Телескоп будет работать в течение десяти дней.", "в течение десяти дней", duration="P10D"),
            Example("Призыв продлится три с половиной месяца.", "три с половиной месяца", duration="P3M15D"),
            Example("Его приговорили к 9 годам и 6 месяцам колонии.", "9 годам и 6 месяцам", duration="P9Y6M"),
        ),
    ),
)


def language() -> DateLanguage:
    """What the date engine reads Russian with: these rules, and the tense reading of ``tense``."""
    from timeline.lang.ru import tense

    return DateLanguage(
        rules=RULES,
        fragments=fragments,
        prefix=PREFIX,
        prefix_tense=tense.PREFIX_TENSE,
        target_prefixes=tense.TARGET_PREFIXES,
        word_tense=tense.verb_tense,
        tenses_in_context=tense.tenses_in_context,
        word=tense.WORD,
        clause_break=tense.CLAUSE_BREAK,
        opens_aside=tense.opens_aside,
        aside_hint=tense.ASIDE_HINT,
        fold=vocab.fold_letters,
    )
