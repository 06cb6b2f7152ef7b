"""Short labels for an event's date, as a reader would write them, in the interface's language (English).

«2026-01-15», «Dec 2025», «Q1 2026», «week of 2026-01-12», «by 2026-01-31»… Days are ISO dates: read the
same everywhere and sorted as text. The label follows the stored precision; a precision that does not
fit the interval falls back to the plain day range, so a label never claims more than the data says.
"""

from __future__ import annotations

from datetime import date

from timeline.models import Event

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SEASONS = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 6: "summer", 9: "autumn"}
MODIFIER_PREFIX = {"start": "early ", "mid": "mid ", "end": "late ", "approx": "about "}
UNDATED = "undated"


def plural(n: int, one: str, many: str | None = None) -> str:
    """«1 event», «2 events», «1,200 events»."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def events_count(n: int) -> str:
    return plural(n, "event")


def day(d: date) -> str:
    return d.isoformat()


def day_range(start: date, end: date) -> str:
    return day(start) if start == end else f"{day(start)}..{day(end)}"


def _next_day(d: date) -> date:
    return date.fromordinal(d.toordinal() + 1)


def _months(start: date, end: date) -> int:
    """Whole calendar months in start..end, or 0 if the interval is not made of whole months."""
    if start.day != 1 or _next_day(end).day != 1:
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1


def interval_label(precision: str | None, start: date, end: date) -> str:
    months = _months(start, end)
    if precision == "day" and start == end:
        return day(start)
    if precision == "month" and months == 1:
        return f"{MONTHS[start.month - 1]} {start.year}"
    if precision == "year" and months == 12 and start.month == 1:
        return str(start.year)
    if precision == "quarter" and months == 3 and start.month % 3 == 1:
        return f"Q{start.month // 3 + 1} {start.year}"
    if precision == "half" and months == 6 and start.month in (1, 7):
        return f"H{1 if start.month == 1 else 2} {start.year}"
    if precision == "season" and months == 3 and start.month in SEASONS:
        # Winter belongs to the year it ends in: Dec 2025 – Feb 2026 is «winter 2026», as «зима 2026».
        return f"{SEASONS[start.month]} {end.year}"
    if precision == "week" and (end - start).days == 6:
        return f"week of {day(start)}"
    if months and months % 12 == 0 and start.month == 1:
        return f"{start.year}–{end.year}" if end.year != start.year else str(start.year)
    return day_range(start, end)


def date_label(event: Event) -> str:
    """The date of an event as a short label; «undated (…)» with its words when it has none."""
    if event.start is None or event.end is None:
        return f"{UNDATED} ({event.date_text})" if event.date_text else UNDATED
    if event.modifier == "before":
        return f"by {day(event.end)}"  # a deadline: DCT..bound, the bound is what matters
    if event.modifier == "after":
        return f"after {day(event.start)}"
    label = interval_label(event.precision, event.start, event.end)
    return MODIFIER_PREFIX.get(event.modifier or "", "") + label


def date_source_label(date_source: str | None) -> str:
    """«page metadata»; a date read off the page's address or guessed is marked «?»."""
    from timeline.sources.published import GUESSED, describe

    label = describe(date_source)
    return f"{label} ?" if date_source in GUESSED else label
