"""Column and row labels that name periods: months, years, quarters, financial years and
date ranges, alone or combined ('Jan 2020', 'Q1 2020', '01.01.20 - 01.01.21').

Pure functions from a label (and a year context) to a Period. Used by the table parser
to recognise header tokens and to give every cell its period_start / period_end.
"""

from __future__ import annotations

import calendar
import functools
import itertools
import re
from dataclasses import dataclass
from datetime import date

# The label functions below are pure and are asked about the same few thousand words on
# every line of every document, so they remember their answers (bounded, per process).
CACHE_SIZE = 4096

MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    MONTHS[calendar.month_name[_number].lower()] = _number
    MONTHS[calendar.month_abbr[_number].lower()] = _number
MONTHS["sept"] = 9

YEAR = re.compile(r"^(19|20)\d{2}$")
QUARTER = re.compile(r"^q([1-4])$", re.IGNORECASE)
FINANCIAL_YEAR = re.compile(r"^((?:19|20)\d{2})\s*[/-]\s*(\d{2}|(?:19|20)\d{2})$")
TOTAL_WORDS = ("total", "grand total", "totals", "overall total", "sum")
# A footnote marker printed after a label: 'Charges*', '2019†'.
NOTE_MARKER = re.compile(r"\s*(\*{1,3}|†|‡)$")
# UK day-first dates: 01.01.20, 1/1/2020, 01-01-2020.
_DATE = r"\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})"
DATE = re.compile(rf"^{_DATE}$")
DATE_RANGE = re.compile(rf"^({_DATE})\s*(?:-|–|—|to)\s*({_DATE})$", re.IGNORECASE)
RANGE_SEPARATORS = frozenset({"-", "–", "—", "to"})
MONTH_YEAR = re.compile(r"^([a-z]{3,9})\.?(?:\s+|-)((?:19|20)\d{2})$|^([a-z]{3,9})-(\d{2})$", re.I)
QUARTER_YEAR = re.compile(
    r"^q([1-4])[\s-]+((?:19|20)\d{2}(?:\s*[/-]\s*\d{2,4})?)$|^((?:19|20)\d{2})[\s-]+q([1-4])$", re.I
)


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
    if start.day == 1 and start.month % 3 == 1 and end == month_end(start.year, start.month + 2):
        return "quarter"
    return "custom"


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@functools.lru_cache(maxsize=CACHE_SIZE)
def month_number(token: str) -> int | None:
    return MONTHS.get(token.strip().rstrip(".").lower())


@functools.lru_cache(maxsize=CACHE_SIZE)
def strip_note_marker(label: str) -> tuple[str, str | None]:
    """('Charges', '*') for 'Charges*': the label without a trailing footnote marker."""
    match = NOTE_MARKER.search(label)
    if not match or match.start() == 0:
        return label, None
    return label[: match.start()], match.group(1)


@functools.lru_cache(maxsize=CACHE_SIZE)
def is_total_label(label: str) -> bool:
    text = strip_note_marker(label)[0]
    return " ".join(text.lower().replace(":", " ").split()) in TOTAL_WORDS


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


def month_period(year: int, month: int) -> Period:
    return Period(date(year, month, 1), month_end(year, month), "month")


def quarter_period(year: int, quarter: int) -> Period:
    return Period(date(year, 3 * quarter - 2, 1), month_end(year, 3 * quarter), "quarter")


def financial_year(label: str) -> Period | None:
    """'2019/20', '2019-20', '2019/2020': April to March; other spans are not financial years."""
    fy = FINANCIAL_YEAR.match(label.strip())
    if not fy:
        return None
    start_year = int(fy.group(1))
    end_part = fy.group(2)
    end_year = int(end_part) if len(end_part) == 4 else (start_year // 100) * 100 + int(end_part)
    if end_year != start_year + 1:
        return None
    return Period(date(start_year, 4, 1), date(end_year, 3, 31), "financial_year")


@functools.lru_cache(maxsize=CACHE_SIZE)
def parse_date(token: str) -> date | None:
    """A day-first date (01.01.20, 1/1/2020); two-digit years are 20xx. None if not a date."""
    if not DATE.match(token):
        return None
    day, month, year = (int(p) for p in re.split(r"[./-]", token))
    year = year + 2000 if year < 100 else year
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_range(label: str) -> Period | None:
    """'01.01.20 - 01.01.21' as printed: both dates inclusive, grain from the span."""
    match = DATE_RANGE.match(label.strip())
    if not match:
        return None
    start, end = parse_date(match.group(1)), parse_date(match.group(2))
    if start is None or end is None or end < start:
        return None
    return Period(start, end, grain_of(start, end))


def _quarter_of(quarter: int, year_text: str) -> Period | None:
    """Q1 2020 is Jan-Mar 2020; Q1 2020/21 is the financial year's first quarter (Apr-Jun)."""
    if YEAR.match(year_text):
        return quarter_period(int(year_text), quarter)
    fy = financial_year(year_text)
    if fy is None:
        return None
    month = 3 * quarter + 1  # Apr, Jul, Oct, Jan
    year = fy.start.year + (1 if month > 12 else 0)
    month = month - 12 if month > 12 else month
    return Period(date(year, month, 1), month_end(year, month + 2), "quarter")


@functools.lru_cache(maxsize=CACHE_SIZE)
def compound_period(text: str) -> Period | None:
    """A label that carries its own year: 'Jan 2020', 'Jan-20', 'Q1 2020', '2020 Q1'."""
    match = MONTH_YEAR.match(text)
    if match:
        name, year = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
        month = month_number(name)
        if month is None:
            return None
        return month_period(int(year) + (2000 if len(year) == 2 else 0), month)
    match = QUARTER_YEAR.match(text)
    if match:
        if match.group(1):
            return _quarter_of(int(match.group(1)), re.sub(r"\s+", "", match.group(2)))
        return quarter_period(int(match.group(3)), int(match.group(4)))
    return date_range(text) or part_year(text)


def part_year(text: str) -> Period | None:
    """'2020 up to 31st January': the year from its start to the date printed."""
    match = re.match(
        rf"^((?:19|20)\d{{2}})\s+(?:up\s+to|to|until)\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?:\s+of)?\s+({_MONTH_NAMES})\.?$",
        text,
        re.IGNORECASE,
    )
    if not match:
        return None
    month = month_number(match.group(3))
    try:
        end = date(int(match.group(1)), month, int(match.group(2))) if month else None
    except ValueError:
        return None
    return Period(date(int(match.group(1)), 1, 1), end, "custom") if end else None


def parse_period_label(label: str, year: int | None) -> Period | None:
    """A period for a label such as 'Jan', '2019', '2019/20', 'Q2', 'Jan 2020', 'Q1 2020',
    '01.01.20 - 01.01.21'. A trailing footnote marker is ignored.

    Months and quarters without their own year take it from ``year``; without one they are
    not periods.
    """
    text = strip_note_marker(label.strip())[0].strip()
    month = month_number(text)
    if month is not None:
        return month_period(year, month) if year is not None else None
    if YEAR.match(text):
        return year_period(int(text))
    fy = financial_year(text)
    if fy is not None or FINANCIAL_YEAR.match(text):
        return fy
    quarter = QUARTER.match(text)
    if quarter:
        return quarter_period(year, int(quarter.group(1))) if year is not None else None
    return compound_period(text)


def years_in(text: str) -> list[int]:
    """Every four-digit year mentioned in free text, in order of appearance."""
    return [int(m.group(0)) for m in re.finditer(r"(?<!\d)(?:19|20)\d{2}(?!\d)", text)]


_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# '1 Apr 2024', '31st March 2025', '01/07/2021': a date printed in a sentence.
_WORD_DATE = rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_NAMES})\.?,?\s+(?:19|20)\d{{2}}"
_PROSE_DATE = rf"(?:{_WORD_DATE}|{_DATE})"
PROSE_RANGE = re.compile(
    rf"(?<![\w/.])({_PROSE_DATE})\s*(?:-|–|—|to|until|and)\s*({_PROSE_DATE})(?![\w/])",
    re.IGNORECASE,
)


def prose_date(text: str) -> date | None:
    """A date as printed in a sentence: '1 Apr 2024', '31st March 2025', '01/07/2021'."""
    text = text.strip()
    if DATE.match(text):
        return parse_date(text)
    match = re.match(
        rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_NAMES})\.?,?\s+((?:19|20)\d{{2}})$", text, re.I
    )
    if not match:
        return None
    month = month_number(match.group(2))
    try:
        return date(int(match.group(3)), month, int(match.group(1))) if month else None
    except ValueError:
        return None


# 'year ending March 2018', '12 months ending September 2018', 'year ending Sep 18': the
# twelve months up to the end of that month. A two-digit year may carry footnote numbers
# glued to it ('year ending March 181,2,3': March 2018, notes 1, 2 and 3).
YEAR_ENDING = re.compile(
    rf"\b(?:year|12\s+months|twelve\s+months)\s+end(?:ing|ed)\s+(?:in\s+)?({_MONTH_NAMES})\.?\s+"
    r"((?:19|20)\d{2}|\d{2})(?=(?:\d{1,2}(?:,\d{1,2})*)?\b)",
    re.IGNORECASE,
)


def year_ending(text: str) -> Period | None:
    """The twelve months a 'year ending <month> <year>' covers, when the text prints one."""
    matches = list(YEAR_ENDING.finditer(text))
    if len(matches) != 1:
        return None  # none, or two years compared ('year ending March 2017 compared with ...')
    match = matches[0]
    month = month_number(match.group(1))
    if month is None:
        return None
    year = int(match.group(2)) + (2000 if len(match.group(2)) == 2 else 0)
    start = date(year, 1, 1) if month == 12 else date(year - 1, month + 1, 1)
    end = month_end(year, month)
    return Period(start, end, grain_of(start, end))


def printed_range(text: str) -> Period | None:
    """The span a sentence prints as two dates ('For 1 Apr 2024 to 31 March 2025', 'in the
    last 12 months (01/07/2021 to 01/07/2022)'): the first such span of the text."""
    for match in PROSE_RANGE.finditer(text):
        start, end = prose_date(match.group(1)), prose_date(match.group(2))
        if start is not None and end is not None and start < end:
            return Period(start, end, grain_of(start, end))
    return open_range(text) or year_ending(text)


def month_start_series(labels: list[str]) -> list[Period] | None:
    """Row labels that are each the first day of consecutive months ('01/07/2021',
    '01/08/2021', ...: a spreadsheet's month column printed as dates) as those months."""
    days = [parse_date(label.strip()) for label in labels]
    if len(days) < 3 or any(d is None or d.day != 1 for d in days):
        return None
    months = [d.year * 12 + d.month for d in days if d is not None]
    if any(b - a != 1 for a, b in itertools.pairwise(months)):
        return None
    return [month_period(d.year, d.month) for d in days if d is not None]


# 'at the start of each calendar year', 'at the end of every year': a count at a moment.
POINT_IN_YEAR = re.compile(
    r"\bat the (start|beginning|end) of (?:each|every)(?: of)?(?: the)?(?: calendar)? years?\b",
    re.IGNORECASE,
)


def point_in_year(text: str) -> tuple[int, int] | None:
    """(month, day) of the moment in each year a question counts at, or None."""
    match = POINT_IN_YEAR.search(text)
    if not match:
        return None
    return (12, 31) if match.group(1).lower() == "end" else (1, 1)


def at_point(period: Period, point: tuple[int, int]) -> Period:
    """A calendar year's period narrowed to the one day a count is taken on."""
    day = date(period.start.year, *point)
    return Period(day, day, "custom")


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# 'since January 2016 until now (Tuesday 19 October)': the weekday fixes the end's year.
OPEN_RANGE = re.compile(
    rf"\b(?:since|from)\s+({_MONTH_NAMES})\.?\s+((?:19|20)\d{{2}})\s+(?:until|to|till)\s+"
    rf"(?:now|today|date|present)\s*\(\s*({'|'.join(WEEKDAYS)}),?\s+(\d{{1,2}})(?:st|nd|rd|th)?"
    rf"\s+({_MONTH_NAMES})\b",
    re.IGNORECASE,
)
WEEKDAY_SEARCH_YEARS = 12


def open_range(text: str) -> Period | None:
    """A span from a month to 'now', where 'now' is printed as a weekday and a date without
    its year: the year is the first from the start on which that date is that weekday."""
    match = OPEN_RANGE.search(text)
    if not match:
        return None
    start_month, end_month = month_number(match.group(1)), month_number(match.group(5))
    if start_month is None or end_month is None:
        return None
    start = date(int(match.group(2)), start_month, 1)
    weekday, day = WEEKDAYS.index(match.group(3).lower()), int(match.group(4))
    for year in range(start.year, start.year + WEEKDAY_SEARCH_YEARS):
        try:
            end = date(year, end_month, day)
        except ValueError:
            continue
        if end > start and end.weekday() == weekday:
            return Period(start, end, grain_of(start, end))
    return None
