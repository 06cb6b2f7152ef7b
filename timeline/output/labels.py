"""Short Russian labels for an event's date, as a reader would write them.

«15.01.2026», «дек. 2025», «I кв. 2026», «нед. 12.01–18.01.2026», «до 31.01.2026»…
The label follows the stored precision; a precision that does not fit the interval
falls back to the plain day range, so a label never claims more than the data says.
"""

from __future__ import annotations

from datetime import date

from timeline.models import Event

MONTHS = ("янв.", "февр.", "март", "апр.", "май", "июнь", "июль", "авг.", "сент.", "окт.", "нояб.", "дек.")
QUARTERS = ("I", "II", "III", "IV")
SEASONS = {12: "зима", 1: "зима", 2: "зима", 3: "весна", 6: "лето", 9: "осень"}
MODIFIER_PREFIX = {"start": "начало ", "mid": "середина ", "end": "конец ", "approx": "около "}
UNDATED = "без даты"


def plural(n: int, one: str, few: str, many: str) -> str:
    """«1 событие», «2 события», «5 событий»."""
    if n % 10 == 1 and n % 100 != 11:
        word = one
    elif 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        word = few
    else:
        word = many
    return f"{n} {word}"


def events_count(n: int) -> str:
    return plural(n, "событие", "события", "событий")


def day(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def day_range(start: date, end: date) -> str:
    if start == end:
        return day(start)
    if start.year == end.year:
        return f"{start:%d.%m}–{day(end)}"
    return f"{day(start)}–{day(end)}"


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
        return f"{QUARTERS[start.month // 3]} кв. {start.year}"
    if precision == "half" and months == 6 and start.month in (1, 7):
        return f"{1 if start.month == 1 else 2}-е полуг. {start.year}"
    if precision == "season" and months == 3 and start.month in SEASONS:
        # Winter belongs to the year it ends in: Dec 2025 – Feb 2026 is «зима 2026».
        return f"{SEASONS[start.month]} {end.year}"
    if precision == "week" and (end - start).days == 6:
        return f"нед. {day_range(start, end)}"
    if months and months % 12 == 0 and start.month == 1:
        return f"{start.year}–{end.year}" if end.year != start.year else str(start.year)
    return day_range(start, end)


def date_label(event: Event) -> str:
    """The date of an event as a short label; «без даты (…)» with its words when it has none."""
    if event.start is None or event.end is None:
        return f"{UNDATED} ({event.date_text})" if event.date_text else UNDATED
    if event.modifier == "before":
        return f"до {day(event.end)}"  # a deadline: DCT..bound, the bound is what matters
    if event.modifier == "after":
        return f"после {day(event.start)}"
    label = interval_label(event.precision, event.start, event.end)
    return MODIFIER_PREFIX.get(event.modifier or "", "") + label


# How an article's publication date was found (articles.date_source), for the tables.
DATE_SOURCE_LABELS = {
    "date-line": "строка даты", "option": "--published", "field": "поле выгрузки", "feed": "лента",
    "metadata": "метаданные страницы", "url": "из адреса (вывод)", "htmldate": "догадка htmldate",
}


def date_source_label(date_source: str | None) -> str:
    """«метаданные страницы»; a date read off the page's address or guessed is marked «?»."""
    from timeline.sources.published import GUESSED

    if date_source is None:
        return "не записано"
    label = DATE_SOURCE_LABELS.get(date_source, date_source)
    return f"{label} ?" if date_source in GUESSED else label
