"""Calendar arithmetic the date rules of every language resolve with.

Nothing here knows a word of any language: a rule finds the words, reads them into numbers
(a month, a count, a part) and calls these to turn them into an interval. Intervals are closed,
(first day, last day). Arithmetic that leaves years 1..9999 raises ``OverflowError`` or
``ValueError``; the engine drops such an expression, so a rule need not check.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from timeline.extract.types import ExpressionType, Interval, Modifier, Precision, Relative

Tense = str | None  # "past" | "future" | None
Bounds = tuple[date, date]
Bound = Literal["before", "after"] | None  # a deadline, a lower bound, or neither
Part = Literal["start", "mid", "end"]


@dataclass(frozen=True)
class Resolved:
    """What a rule makes of its match: the expression's type and, for a date, its interval; for a
    duration, its ISO 8601 value and whether it is approximate."""

    type: ExpressionType
    when: Interval | None = None
    duration: str | None = None
    approx: bool = False
    relative: Relative | None = None  # vague: another happening dates it

    @classmethod
    def dated(cls, start: date, end: date, precision: Precision, modifier: Modifier | None = None) -> Resolved:
        """A date: its interval."""
        return cls("date", Interval(start, end, precision, modifier))


# --- periods ------------------------------------------------------------------------------------


def month_end(y: int, m: int) -> date:
    return date(y, m, monthrange(y, m)[1])


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` months, its day clipped to the month's length (31 January + 1 = 28 February)."""
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m + 1, min(d.day, monthrange(y, m + 1)[1]))


def month(y: int, m: int) -> Bounds:
    return date(y, m, 1), month_end(y, m)


def year(y: int) -> Bounds:
    return date(y, 1, 1), date(y, 12, 31)


def quarter(y: int, q: int) -> Bounds:
    return date(y, 3 * q - 2, 1), month_end(y, 3 * q)


def half(y: int, h: int) -> Bounds:
    return (date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31))


def season(y: int, first_month: int) -> Bounds:
    """The three months from ``first_month``; winter of year Y is Dec Y-1 .. Feb Y."""
    if first_month == 12:
        return date(y - 1, 12, 1), month_end(y, 2)
    return date(y, first_month, 1), month_end(y, first_month + 2)


def week(d: date) -> Bounds:
    """The ISO week (Monday to Sunday) holding ``d``."""
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def relative_month(d: date, n: int) -> Bounds:
    """The month ``n`` months from the one holding ``d``."""
    first = add_months(d.replace(day=1), n)
    return month(first.year, first.month)


def relative_quarter(d: date, n: int) -> Bounds:
    """The quarter ``n`` quarters from the one holding ``d``."""
    q = (d.month - 1) // 3 + n
    return quarter(d.year + q // 4, q % 4 + 1)


def relative_half(d: date, n: int) -> Bounds:
    """The half year ``n`` halves from the one holding ``d``."""
    h = (d.month - 1) // 6 + n
    return half(d.year + h // 2, h % 2 + 1)


def safe_date(y: int, m: int, d: int) -> date | None:
    """The day, or None when it does not exist (30 February)."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


# --- choosing among candidates ------------------------------------------------------------------


def pick(candidates: list[Bounds], dct: date, tense: Tense) -> Bounds:
    """The tense rule: past → the latest not after DCT; future → the first not over; else the nearest."""
    candidates = sorted(candidates)
    if tense == "past":
        before = [c for c in candidates if c[0] <= dct]
        if before:
            return before[-1]
    elif tense == "future":
        after = [c for c in candidates if c[1] >= dct]
        if after:
            return after[0]

    def gap(c: Bounds) -> int:
        return 0 if c[0] <= dct <= c[1] else min(abs((c[0] - dct).days), abs((c[1] - dct).days))

    return min(candidates, key=gap)


def years_around(dct: date) -> range:
    # Clipped to the years a date can hold, so an anchor in year 1 or 9999 still has candidates.
    return range(max(date.min.year, dct.year - 1), min(date.max.year, dct.year + 1) + 1)


def day_near(day: int, m: int, dct: date, tense: Tense) -> date | None:
    """That day of that month in the year the tense rule picks around DCT; None if it exists in none."""
    candidates = [(d, d) for y in years_around(dct) if (d := safe_date(y, m, day)) is not None]
    if not candidates:
        return None
    return pick(candidates, dct, tense)[0]


def weekday_around(dct: date, wd: int) -> tuple[date, date, date]:
    """The Monday of DCT's week, and weekday ``wd`` (0 = Monday) on or before DCT and on or after it."""
    monday = week(dct)[0]
    back = dct - timedelta(days=(dct.weekday() - wd) % 7)
    ahead = dct + timedelta(days=(wd - dct.weekday()) % 7)
    return monday, back, ahead


def nearest_weekday(dct: date, back: date, ahead: date, tense: Tense) -> date:
    """The tense rule for a weekday: past → on or before DCT; future → after it; else the nearer."""
    if ahead == dct:
        ahead += timedelta(weeks=1)  # a future weekday comes after publication
    if tense == "past":
        return back
    if tense == "future":
        return ahead
    return back if (dct - back) <= (ahead - dct) else ahead


# --- what a rule returns ------------------------------------------------------------------------


def bounded(bounds: Bounds, precision: Precision, dct: date, bound: Bound) -> Resolved:
    """A date, as a deadline («by …»: from DCT to its end), a lower bound («not before …») or itself."""
    if bound == "before":
        return Resolved.dated(dct if dct <= bounds[1] else bounds[0], bounds[1], precision, "before")
    if bound == "after":
        return Resolved.dated(bounds[0], bounds[1], precision, "after")
    return Resolved.dated(bounds[0], bounds[1], precision)


def date_range(start: date | None, end: date | None) -> Resolved | None:
    """start..end as a range, when both days exist and are in order."""
    return Resolved.dated(start, end, "range") if start and end and start <= end else None


def part(bounds: Bounds, precision: Precision, which: Part) -> Bounds | None:
    """The start, middle or end of a month (days 1-10, 11-20, 21-last), a year (months 1-4, 5-8, 9-12)
    or a quarter (its first, second or third month); None for other periods."""
    start, end = bounds
    if precision == "month":
        days = {"start": (1, 10), "mid": (11, 20), "end": (21, end.day)}[which]
        return start.replace(day=days[0]), start.replace(day=days[1])
    if precision == "year":
        months = {"start": (1, 4), "mid": (5, 8), "end": (9, 12)}[which]
        return date(start.year, months[0], 1), month_end(start.year, months[1])
    if precision == "quarter":
        return month(start.year, start.month + {"start": 0, "mid": 1, "end": 2}[which])
    return None


def half_of(bounds: Bounds, precision: Precision, first: bool) -> Resolved | None:
    """The first or second half of a year (a half year) or of a month (days 1-15, 16-last)."""
    start, end = bounds
    if precision == "year":
        return Resolved.dated(*half(start.year, 1 if first else 2), "half")
    if precision == "month":
        return Resolved.dated(*((start, start.replace(day=15)) if first else (start.replace(day=16), end)), "range")
    return None


def decade(first_year: int, which: Part | None, first_half: bool | None) -> Resolved:
    """A decade, or its start (years 0-3), middle (3-6), end (7-9), first half (0-4) or second (5-9)."""
    first, last, modifier = first_year, first_year + 9, None
    if first_half is not None:
        first, last = (first_year, first_year + 4) if first_half else (first_year + 5, first_year + 9)
    elif which is not None:
        modifier = which
        first, last = {"start": (first_year, first_year + 3), "mid": (first_year + 3, first_year + 6),
                       "end": (first_year + 7, first_year + 9)}[which]
    return Resolved.dated(date(first, 1, 1), date(last, 12, 31), "range", modifier)


def shift(n: float, unit: str, d: date, sign: int) -> date | None:
    """``d`` moved ``n`` units (ISO designators: Y, M, W, D; hours and less keep the day) forward
    (``sign`` 1) or back (-1); None for a fraction."""
    n_int = int(n)
    if n != n_int:
        return None
    if unit == "D":
        return d + timedelta(days=sign * n_int)
    if unit == "W":
        return d + timedelta(weeks=sign * n_int)
    if unit == "M":
        return add_months(d, sign * n_int)
    if unit == "Y":
        return add_months(d, 12 * sign * n_int)
    return d  # hours and minutes keep the day


def iso_duration(parts: list[tuple[float, str]]) -> str | None:
    """[(3.5, 'M')] → 'P3M15D'; [(1.5, 'H')] → 'PT1H30M'. Units are ISO designators, MIN for minutes."""
    amounts: dict[str, int] = {}
    carry = {"Y": ("M", 6), "M": ("D", 15), "W": ("D", 3), "D": ("H", 12), "H": ("MIN", 30), "MIN": ("S", 30)}
    for n, unit in parts:
        whole = int(n)
        amounts[unit] = amounts.get(unit, 0) + whole
        if n - whole:
            small, value = carry.get(unit, ("", 0))
            if not small:
                return None
            amounts[small] = amounts.get(small, 0) + value
    if "W" in amounts and len(amounts) > 1:
        amounts["D"] = amounts.get("D", 0) + 7 * amounts.pop("W")
    date_part = "".join(f"{amounts[u]}{u}" for u in ("Y", "M", "W", "D") if amounts.get(u))
    time_part = "".join(f"{amounts[u]}{u[0]}" for u in ("H", "MIN", "S") if amounts.get(u))
    if not date_part and not time_part:
        return None
    return "P" + date_part + ("T" + time_part if time_part else "")
