"""UK dates: how they are shown (31/03/2017, 10 May 2017) and read back from what people type."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from panel_app.errors import DomainError

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.,\-]\s*(\d{1,2})\s*[/.,\-]\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?(?:\s+(\d{4}))?$")
_RELATIVE = re.compile(r"^\+\s*(\d{1,3})\s*([dwm])$")
_END_OF = re.compile(r"^end\s+of\s+([a-z]+)(?:\s+(\d{4}))?$")


def format_short(value: date | None) -> str:
    """31/03/2017, or an empty string for no date."""
    return value.strftime("%d/%m/%Y") if value else ""


def format_long(value: date | None) -> str:
    """10 May 2017, or an empty string for no date."""
    return f"{value.day} {calendar.month_name[value.month]} {value.year}" if value else ""


def _make(year: int, month: int, day: int, typed: str) -> date:
    if not 1 <= month <= 12:
        raise DomainError(f"'{typed}' is not a date: there is no month {month}.")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DomainError(
            f"'{typed}' is not a date: {calendar.month_name[month]} {year} has {last} days."
        )
    return date(year, month, day)


def _month(name: str, typed: str) -> int:
    try:
        return MONTHS[name]
    except KeyError:
        raise DomainError(f"'{typed}' is not a date: '{name}' is not a month.") from None


def _add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _next_year_if_past(year: int | None, candidate: date, today: date) -> date:
    if year is None and candidate < today:
        return candidate.replace(year=candidate.year + 1)
    return candidate


def parse_date(text: str, today: date | None = None) -> date:
    """Read a date as a UK user types it.

    Accepts 31/03/2017, 31/3/17, 31.03.17, 31,03,17, 2017-03-31, 10 May 2017, 10 May (the next
    one), today, tomorrow, +10d, +4w, +3m, end of March, end of month. Raises ``DomainError``
    with a plain message for anything else, or for a date that does not exist.
    """
    typed = text.strip()
    value = typed.lower()
    today = today or date.today()
    if not value:
        raise DomainError("Enter a date, such as 31/03/2017.")
    if value == "today":
        return today
    if value == "tomorrow":
        return today + timedelta(days=1)
    if match := _RELATIVE.match(value):
        count, unit = int(match[1]), match[2]
        if unit == "m":
            return _add_months(today, count)
        return today + timedelta(days=count * (7 if unit == "w" else 1))
    if match := _NUMERIC.match(value):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
        if year < 100:
            year += 2000
        return _make(year, month, day, typed)
    if match := _ISO.match(value):
        return _make(int(match[1]), int(match[2]), int(match[3]), typed)
    if match := _WORDS.match(value):
        month = _month(match[2], typed)
        year = int(match[3]) if match[3] else today.year
        candidate = _make(year, month, int(match[1]), typed)
        return _next_year_if_past(int(match[3]) if match[3] else None, candidate, today)
    if match := _END_OF.match(value):
        month = today.month if match[1] == "month" else _month(match[1], typed)
        year = int(match[2]) if match[2] else today.year
        candidate = date(year, month, calendar.monthrange(year, month)[1])
        return _next_year_if_past(int(match[2]) if match[2] else None, candidate, today)
    raise DomainError(f"'{typed}' is not a date. Type it as day/month/year, such as 31/03/2017.")
