"""Column and row labels that name periods: months, years, quarters, financial years.

Pure functions from a label (and a year context) to a Period. Used by the table parser
to recognise header tokens and to give every cell its period_start / period_end.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    MONTHS[calendar.month_name[_number].lower()] = _number
    MONTHS[calendar.month_abbr[_number].lower()] = _number
MONTHS["sept"] = 9

YEAR = re.compile(r"^(19|20)\d{2}$")
QUARTER = re.compile(r"^q([1-4])$", re.IGNORECASE)
FINANCIAL_YEAR = re.compile(r"^((?:19|20)\d{2})\s*[/-]\s*(\d{2}|(?:19|20)\d{2})$")
TOTAL_WORDS = ("total", "grand total", "totals", "overall total")


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    grain: str  # month | quarter | year | financial_year | custom

    def union(self, other: Period) -> Period:
        start, end = min(self.start, other.start), max(self.end, other.end)
        return Period(start, end, grain_of(start, end))


def grain_of(start: date, end: date) -> str:
    """The grain of an arbitrary span: a calendar year, a financial year, or custom."""
    if start.month == 1 and start.day == 1 and end == date(start.year, 12, 31):
        return "year"
    if start.month == 4 and start.day == 1 and end == date(start.year + 1, 3, 31):
        return "financial_year"
    if start.day == 1 and end == month_end(start.year, start.month):
        return "month"
    return "custom"


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_number(token: str) -> int | None:
    return MONTHS.get(token.strip().rstrip(".").lower())


def is_total_label(label: str) -> bool:
    return " ".join(label.lower().replace(":", " ").split()) in TOTAL_WORDS


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


def parse_period_label(label: str, year: int | None) -> Period | None:
    """A period for a label such as 'Jan', '2019', '2019/20', 'Q2' (quarters need a year).

    Months and quarters take their year from ``year``; without one they are not periods.
    """
    text = label.strip()
    month = month_number(text)
    if month is not None:
        if year is None:
            return None
        return Period(date(year, month, 1), month_end(year, month), "month")
    if YEAR.match(text):
        return year_period(int(text))
    fy = FINANCIAL_YEAR.match(text)
    if fy:
        start_year = int(fy.group(1))
        end_part = fy.group(2)
        end_year = (
            int(end_part) if len(end_part) == 4 else (start_year // 100) * 100 + int(end_part)
        )
        if end_year == start_year + 1:
            return Period(date(start_year, 4, 1), date(end_year, 3, 31), "financial_year")
        return None
    quarter = QUARTER.match(text)
    if quarter and year is not None:
        q = int(quarter.group(1))
        return Period(date(year, 3 * q - 2, 1), month_end(year, 3 * q), "quarter")
    return None


def years_in(text: str) -> list[int]:
    """Every four-digit year mentioned in free text, in order of appearance."""
    return [int(m.group(0)) for m in re.finditer(r"(?<!\d)(?:19|20)\d{2}(?!\d)", text)]
