"""Table headers: period columns (months, years, quarters, financial years, date ranges),
category columns, headers over two lines, pipe headers, a caption over rows of numbers, and
the line shapes that end a table or continue a wrapped label."""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field

from ingest.foi import stacked
from ingest.foi.model import Table
from ingest.foi.tokens import (
    AFTER_NUMBER,
    CAPTION_WORDS,
    CONTINUATIONS,
    DASHES,
    INTRODUCTION_WORDS,
    MAX_WRAP,
    MIN_HEADER_PERIODS,
    NEGATIONS,
    PERIOD_CAPTIONS,
    QUALIFIERS,
    SINGLE_CELL,
    Token,
    _single_cells,
    clean_label,
    is_footnote,
    is_rule,
    is_value_token,
    marker_row,
    pipe_cells,
    question_on,
    reads_as_sentence,
    split_row,
    year_label,
)
from ingest.periods import (
    CACHE_SIZE,
    DATE_RANGE,
    FINANCIAL_YEAR,
    MONTH_YEAR,
    QUARTER,
    QUARTER_YEAR,
    RANGE_SEPARATORS,
    YEAR,
    Period,
    compound_period,
    is_total_label,
    month_number,
    parse_date,
    parse_period_label,
    strip_note_marker,
)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _period_token_kind(word: str) -> str | None:
    text = strip_note_marker(word)[0]
    if month_number(text) is not None:
        return "month"
    if YEAR.match(text):
        return "year"
    if FINANCIAL_YEAR.match(text):
        return "financial_year"
    if QUARTER.match(text):
        return "quarter"
    return _compound_kind(text)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _compound_kind(text: str) -> str | None:
    """month_year ('Jan 2020'), quarter_year ('Q1 2020') or range ('01.01.20 - 01.01.21')."""
    if compound_period(text) is None:
        return None
    if MONTH_YEAR.match(text):
        return "month_year"
    if QUARTER_YEAR.match(text):
        return "quarter_year"
    return "range" if DATE_RANGE.match(text) else None


def _unit_at(words: list[str], k: int) -> tuple[int, str] | None:
    """(words used, kind) of the column label starting at words[k], the longest first."""
    if (
        k + 2 < len(words)
        and parse_date(words[k])
        and words[k + 1].lower() in RANGE_SEPARATORS
        and parse_date(strip_note_marker(words[k + 2])[0])
    ):
        return 3, "range"
    if k + 1 < len(words):
        pair = f"{words[k]} {words[k + 1]}"
        if is_total_label(pair):
            return 2, "total"
        kind = _compound_kind(strip_note_marker(pair)[0])
        if kind is not None:
            return 2, kind
    if is_total_label(words[k]):
        return 1, "total"
    kind = _period_token_kind(words[k])
    return (1, kind) if kind is not None else None


@dataclass(frozen=True)
class _Units:  # shared between callers (cached): never changed in place
    caption: str | None
    labels: list[str]
    kinds: list[str]  # per label: a period kind or 'total'

    @property
    def periods(self) -> int:
        return sum(1 for k in self.kinds if k != "total")

    @property
    def period_kind(self) -> str | None:
        return next((k for k in self.kinds if k != "total"), None)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _header_units(text: str, min_periods: int = MIN_HEADER_PERIODS) -> _Units | None:
    """A caption then a run of column labels that ends the line, all of one period kind."""
    words = text.split()
    # runs[k]: the labels read from words[k] to the end (longest label first), if they all are.
    runs: list[list[tuple[str, str]] | None] = [None] * len(words) + [[]]
    for k in range(len(words) - 1, -1, -1):
        if runs[k + 1 : k + 4] == [None, None, None]:
            break  # labels are at most three words: nothing before here can reach the end
        unit = _unit_at(words, k)
        rest = runs[k + unit[0]] if unit is not None else None
        if unit is not None and rest is not None:
            runs[k] = [(" ".join(words[k : k + unit[0]]), unit[1]), *rest]
    for s, run in enumerate(runs[:-1]):
        if run is None or (s and all(is_value_token(w) for w in words[:s])):
            continue  # '5 1900 1905' is a row of numbers, not a caption over years
        units = _Units(" ".join(words[:s]) or None, [u[0] for u in run], [u[1] for u in run])
        # '24 October 2019' is a date, not a header of two columns: one kind per header.
        if units.periods >= min_periods and len({x for x in units.kinds if x != "total"}) == 1:
            return units if _years_increase(units) or _period_caption(units) else None
    return None


def _period_caption(units: _Units) -> bool:
    """'Year 2016 2015': a caption naming the columns as periods heads them in any order."""
    caption = (units.caption or "").lower().rstrip(":")
    return caption in PERIOD_CAPTIONS


def _years_increase(units: _Units) -> bool:
    """Year columns run forward ('2019 2020'); '2020 2019' is a row of two numbers."""
    if units.period_kind not in ("year", "financial_year"):
        return True
    starts = [
        int(label[:4])
        for label, kind in zip(units.labels, units.kinds, strict=True)
        if kind != "total"
    ]
    return all(a < b for a, b in itertools.pairwise(starts))


def header_columns(line: str, year: int | None) -> tuple[str | None, list[str]] | None:
    """(row caption, column labels) when the line ends in a run of column tokens."""
    units = _header_units(line)
    return (units.caption, list(units.labels)) if units else None


def category_labels(words: list[str]) -> tuple[list[str], list[bool]]:
    """Words of a header grouped into category labels, and whether each label delimits itself:
    'Under 18' and '65 and over' stay together, 'Grand Total' too; other words are one
    label each, which a single-spaced header cannot confirm."""
    labels: list[str] = []
    certain: list[bool] = []
    k = 0
    while k < len(words):
        word = words[k]
        lower = word.lower()
        has_digit = any(c.isdigit() for c in word)
        after_word = words[k + 1] if k + 1 < len(words) else ""
        if after_word and (
            is_total_label(f"{word} {after_word}")
            or (lower in QUALIFIERS and after_word[:1].isdigit())
            or lower in NEGATIONS
        ):
            size = 2
        else:
            size = 1
            for after in AFTER_NUMBER:
                tail = [w.lower() for w in words[k + 1 : k + 1 + len(after)]]
                if has_digit and tuple(tail) == after:
                    size = 1 + len(after)
                    break
        label = " ".join(words[k : k + size])
        labels.append(label)
        certain.append(size > 1 or has_digit or is_total_label(label))
        k += size
    return labels, certain


def _gap_cells(line: str) -> list[str]:
    """A header's pieces where it is spaced by two or more blanks (aligned columns)."""
    return [p for p in re.split(r"\s{2,}", line.strip()) if p]


@dataclass
class _Header:
    """What the header lines say: where they are, the caption and each column's label."""

    lines: list[int]  # 0-based indexes of the header's lines
    caption: str | None
    measure: str | None
    labels: list[str]
    periods: list[Period | None] | None = None  # fixed by a two-line header
    groups: list[str | None] | None = None  # headings over each column (a stacked header)
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # (severity, code, msg)
    text: str = ""


def _next_nonblank(lines: tuple[str, ...], i: int) -> int | None:
    while i < len(lines):
        if lines[i].strip() and not is_rule(lines[i]):
            return i
        i += 1
    return None


def _row_width(lines: tuple[str, ...], i: int | None) -> int | None:
    """How many values the row at line i prints (None when it is not a row)."""
    if i is None:
        return None
    label, values = split_row(lines[i])
    return len(year_label(label, values, None)[1]) if values else None


def _years_line(text: str) -> tuple[str | None, list[str]] | None:
    """'2020 2020 2020' or 'Year 2020 2021': years, after at most a period word, alone."""
    words = text.split()
    years = [w for w in words if YEAR.match(w)]
    caption = [w for w in words if not YEAR.match(w)]
    if not years or words[len(caption) :] != years:
        return None
    if caption and " ".join(caption).lower().rstrip(":") not in PERIOD_CAPTIONS:
        return None
    return (" ".join(caption) or None), years


def _year_runs(labels: list[str], kinds: list[str]) -> list[int]:
    """For month or quarter labels, the run each belongs to: a new run (year) starts
    when the month or quarter goes back ('Nov Dec Jan')."""
    runs, run, previous = [], 0, 0
    for label, kind in zip(labels, kinds, strict=True):
        if kind == "total":
            runs.append(-1)
            continue
        text = strip_note_marker(label)[0]
        number = month_number(text) or int(QUARTER.match(text).group(1))  # type: ignore[union-attr]
        if number <= previous:
            run += 1
        previous = number
        runs.append(run)
    return runs


def _pair_years(
    months: _Units, years: list[str], months_first: bool
) -> tuple[list[str], list[Period | None]] | None:
    """Labels and periods of month/quarter columns given the years printed on the other
    header line: one year per column, or one per run of months."""
    period_count = months.periods
    runs = _year_runs(months.labels, months.kinds)
    if len(years) == period_count:
        year_of = iter(years)
        chosen = [next(year_of) if r >= 0 else None for r in runs]
    elif len(years) == max(runs) + 1:
        chosen = [years[r] if r >= 0 else None for r in runs]
    else:
        return None
    labels: list[str] = []
    periods: list[Period | None] = []
    for label, year in zip(months.labels, chosen, strict=True):
        if year is None:
            labels.append(label)
            periods.append(None)
            continue
        labels.append(f"{label} {year}" if months_first else f"{year} {label}")
        periods.append(parse_period_label(label, int(year)))
    return labels, periods


def _two_line_header(lines: tuple[str, ...], i: int, first: _Units) -> _Header | None:
    """A header continued on the next line: months over years, years over months, or
    'Offence 2019 2020' over 'Description Total'."""
    j = _next_nonblank(lines, i + 1)
    if j is None or question_on(lines[j]) is not None:
        return None
    second_text = lines[j].strip()
    years = _years_line(second_text)
    if first.period_kind in ("month", "quarter") and years is not None:
        paired = _pair_years(first, years[1], months_first=True)
        if paired is not None:
            return _Header([i, j], first.caption, None, paired[0], paired[1])
        header = _Header([i, j], first.caption, None, list(first.labels))
        header.notes.append(
            (
                "error",
                "header_years_do_not_match",
                f"the header's second line '{second_text}' prints {len(years[1])} years for "
                f"{first.periods} month or quarter columns; no year is given to any of them",
            )
        )
        return header
    if split_row(lines[j])[1]:
        return None
    second = _header_units(second_text, 1)
    years_above = first.period_kind == "year" and not first.caption
    if years_above and second is not None and second.period_kind in ("month", "quarter"):
        # The years above, without a 'Total' printed beside them ('2019 Total' over 'Jan').
        years = [x for x, kind in zip(first.labels, first.kinds, strict=True) if kind != "total"]
        paired = _pair_years(second, years, months_first=False)
        if paired is not None:
            return _Header([i, j], second.caption, None, paired[0], paired[1])
    return _total_continuation(lines, i, j, first)


def _total_continuation(lines: tuple[str, ...], i: int, j: int, first: _Units) -> _Header | None:
    """'Offence 2019 2020' over 'Description Total': more caption and more total columns,
    taken only when the first row below has the widened count of values."""
    words = lines[j].split()
    extra: list[str] = []
    while words and is_total_label(words[-1]):
        extra.insert(0, words.pop())
        if words and is_total_label(f"{words[-1]} {extra[0]}"):
            extra[0] = f"{words.pop()} {extra[0]}"
    width = len(first.labels) + len(extra)
    if not extra or _row_width(lines, _next_nonblank(lines, j + 1)) != width:
        return None
    caption = " ".join([*([first.caption] if first.caption else []), *words]) or None
    return _Header([i, j], caption, None, first.labels + extra)


def _measure_caption(text: str, rows_are_periods: bool) -> tuple[str | None, str]:
    """(row caption, measure) of a one-column caption: 'Year Crimes' names the rows'
    caption and the measure; '2022 No. of Crimes' is a measure for a year."""
    words = text.split()
    if rows_are_periods:
        for k, word in enumerate(words):
            if strip_note_marker(word)[0].lower().rstrip(":") in PERIOD_CAPTIONS:
                rest = [w for n, w in enumerate(words) if n != k and not YEAR.match(w)]
                if rest:
                    return word.rstrip(":"), clean_label(" ".join(rest))
    if len(words) > 1 and is_total_label(words[-1]):
        # 'Age & Recorded Gender Total': the rows' caption over a Total column.
        return clean_label(" ".join(words[:-1])), words[-1]
    measure = " ".join(w for w in words if not YEAR.match(w)) or text
    return None, clean_label(measure)


def _rows_below(lines: tuple[str, ...], i: int, first_wraps: bool = True) -> int | None:
    """The value count shared by the two rows that follow line i (labels short, not
    sentences; a label may wrap onto lines above its numbers, the first row's only if
    ``first_wraps``: inside a table such a line is a wrapped label, not a title), or None."""
    counts: list[int] = []
    j = i + 1
    while len(counts) < 2:
        k = _next_nonblank(lines, j)
        wrapped: list[str] = []
        wraps = MAX_WRAP if counts or first_wraps else 0
        while k is not None and len(wrapped) < wraps and not split_row(lines[k])[1]:
            markers = marker_row(lines[k], counts[0]) if counts else None
            if markers and not _dash_continues(lines, k, markers[1]):
                break
            if question_on(lines[k]) is not None or _header_units(lines[k]) is not None:
                return None
            wrapped.append(split_row(lines[k])[0])
            k = _next_nonblank(lines, k + 1)
        if k is None or question_on(lines[k]) is not None:
            return None
        label, values = split_row(lines[k])
        if not wrapped:
            label, values = year_label(label, values, None)
        if not values and counts:
            label, values = marker_row(lines[k], counts[0]) or ("", [])
        if wrapped and label:
            return None  # label lines then a labelled row: a title, not a wrapped label
        label = " ".join([*wrapped, label]).strip()
        too_long = len(label.split()) > CAPTION_WORDS * (len(wrapped) + 1)
        if not label or not values or reads_as_sentence(label) or too_long:
            return None
        counts.append(len(values))
        j = k + 1
    return counts[0] if counts[0] == counts[1] else None


def _caption_table(lines: tuple[str, ...], i: int, first_wraps: bool = True) -> int | None:
    """Column count of a one-caption table at line i: a caption directly followed by at
    least two rows that each end in the same number of values."""
    text = lines[i].strip()
    if not text or question_on(text) is not None or split_row(text)[1]:
        return None
    if is_footnote(text) or is_rule(text) or SINGLE_CELL.match(text):
        return None
    words = text.split()
    if len(words) > INTRODUCTION_WORDS or (len(words) > CAPTION_WORDS and not text.endswith(":")):
        # Long lines are prose, unless their last words are the rows' category labels.
        width = _rows_below(lines, i, first_wraps)
        if width is None or width < 2:
            return None
        used = len(" ".join(category_labels(words)[0][-width:]).split())
        return width if len(words) - used <= CAPTION_WORDS else None
    return _rows_below(lines, i, first_wraps)


def _caption_header(lines: tuple[str, ...], i: int, width: int, previous: Table | None) -> _Header:
    """The header of a caption table: a measure for one column, categories for several,
    or the columns of the table just above when the line only titles a section."""
    text = split_row(lines[i])[0] or lines[i].strip()
    first_row = _next_nonblank(lines, i + 1)
    label = year_label(*split_row(lines[first_row]), None)[0] if first_row is not None else ""
    if width == 1:
        caption, measure = _measure_caption(text, parse_period_label(label, 2000) is not None)
        return _Header([i], caption, measure, [measure])
    gaps = _gap_cells(lines[i])
    if len(gaps) in (width, width + 1) and len(gaps) > 1:
        caption = gaps[0] if len(gaps) == width + 1 else None
        return _Header([i], caption, None, gaps[-width:])
    labels, certain = category_labels(text.split())
    delimited = len(labels) >= width and all(certain[-width:])
    if delimited:
        return _Header([i], " ".join(labels[:-width]) or None, None, labels[-width:])
    if previous is not None and len(previous.columns) == width:
        header = _Header([i], previous.row_caption, clean_label(text), [])
        header.labels = [c.label for c in previous.columns]
        header.periods = [c.period for c in previous.columns]
        header.notes.append(
            (
                "info",
                "columns_from_previous_table",
                f"the line '{text}' heads rows of {width} figures without naming columns; "
                f"the columns of table {previous.number} (line {previous.header_line}) are used",
            )
        )
        return header
    if len(labels) < width:
        measure = clean_label(text)
        note = (
            "warning",
            "columns_not_named",
            f"the header '{text}' names fewer columns than the {width} figures of its rows; "
            "each column is labelled with the whole header",
        )
        return _Header([i], None, measure, [measure] * width, notes=[note])
    columns, caption_labels = labels[-width:], labels[:-width]
    header = _Header([i], " ".join(caption_labels) or None, None, columns)
    if caption_labels or any(" " in c for c in columns):
        header.notes.append(
            (
                "warning",
                "column_labels_uncertain",
                f"the header '{text}' has {width} columns of figures below it; its words are "
                f"read as the labels {columns}, which a single-spaced header cannot confirm",
            )
        )
    return header


def _pipe_header(lines: tuple[str, ...], i: int) -> _Header | None:
    """A pipe-delimited header: its cells are the caption and the column labels, confirmed
    by a pipe row below it that has a label and the same number of value cells."""
    cells = pipe_cells(lines[i])
    if cells is None or len(cells) < 2:
        return None
    if any(t.value is not None and not YEAR.match(t.text) for t in cells) or any(
        t.is_marker for t in cells
    ):
        return None
    # The first pipe row with a number below (section rows such as '| Stalking | | |' skipped).
    below = None
    k = _next_nonblank(lines, i + 1)
    for _ in range(MAX_WRAP):
        below = pipe_cells(lines[k]) if k is not None else None
        if below is None or any(t.value is not None for t in below[1:]):
            break
        k = _next_nonblank(lines, k + 1) if k is not None else None
    if below is None or not any(t.value is not None for t in below[1:]):
        return None
    texts = [t.text for t in cells]
    if len(below) == len(cells):
        caption, labels = (texts[0] or None), texts[1:]
    elif len(below) == len(cells) + 1:
        caption, labels = None, texts
    else:
        return None
    if not labels or any(not label for label in labels):
        return None
    measure = None
    if len(labels) == 1:
        # As a one-column caption printed as text ('2022 No. of Crimes'): the column's
        # label is the measure, and a year in the caption cell is the period the figures
        # are for, not a caption of the rows.
        measure = clean_label(labels[0])
        if caption and all(YEAR.match(word) for word in caption.split()):
            caption = None
    return _Header([i], caption, measure, labels)


def _stacked_header(lines: tuple[str, ...], i: int) -> _Header | None:
    """A pipe header over several lines (a spreadsheet's header rows, see ``stacked``)."""
    found = stacked.stacked_header_lines(lines, i)
    if found is None:
        return None
    header_lines = found[0]
    caption, measure, labels, groups = stacked.compose(stacked.stacked_texts(lines, header_lines))
    if not any(labels):
        return None
    return _Header(header_lines, caption, measure, labels, groups=groups)


def _period_header(lines: tuple[str, ...], i: int) -> _Header | None:
    """A header of period columns: two or more, or one confirmed by the rows below; a
    line of one year alone heads the month or quarter header under it."""
    units = _header_units(lines[i])
    if units is not None:
        return _two_line_header(lines, i, units) or _Header(
            [i], units.caption, None, list(units.labels)
        )
    single = _header_units(lines[i], 1)
    if single is None:
        return None
    if single.caption is None and single.period_kind == "year":
        two = _two_line_header(lines, i, single)
        if two is not None:
            return two
    if _rows_below(lines, i) != len(single.labels) or split_row(lines[i])[0] == "":
        return None
    return _Header([i], single.caption, None, list(single.labels))


def _section_width(lines: tuple[str, ...], i: int) -> int | None:
    """Value count of the row under a section title: a short label line, not continued,
    directly above a row with a label of its own ('Harassment' over 'Harassment 5 6')."""
    text = lines[i].strip()
    if split_row(text)[1] or question_on(text) is not None or is_footnote(text):
        return None
    if len(text.split()) > CAPTION_WORDS or _continues_label(lines, i):
        return None
    k = _next_nonblank(lines, i + 1)
    if k is None or _ends_table(lines, k):
        return None
    label, values = split_row(lines[k])
    return len(values) if label and values and _short_label(label) else None


YEAR_KINDS = frozenset({"financial", "calendar", "academic", "fiscal", "reporting"})


def _measure_over_header(lines: tuple[str, ...], i: int) -> _Header | None:
    """'Crimes Year' (or 'Charges* Year') over 'Home Office Code 2012 2013 2014 2015': the
    measure and what the columns are, over the header proper; one header of two lines."""
    words = lines[i].split()
    if not 2 <= len(words) <= 5 or words[-1].lower().rstrip(":") not in PERIOD_CAPTIONS:
        return None
    if split_row(lines[i])[1] or i + 1 >= len(lines):
        return None
    header = _pipe_header(lines, i + 1) or _period_header(lines, i + 1)
    if header is None:
        return None
    header.lines = [i, *header.lines]
    measure = clean_label(" ".join(words[:-1]))
    if measure.lower() not in YEAR_KINDS:  # 'Financial Year' says what the columns are
        header.measure = header.measure or measure
    return header


def _header_at(lines: tuple[str, ...], i: int, previous: Table | None) -> _Header | None:
    header = (
        _measure_over_header(lines, i)
        or _pipe_header(lines, i)
        or _stacked_header(lines, i)
        or _period_header(lines, i)
    )
    if header is None:
        width = _caption_table(lines, i)
        if width is None and previous is not None:
            # A section of one row under the table just above, which gives its columns.
            section = _section_width(lines, i)
            width = section if section == len(previous.columns) else None
        if width is None:
            return None
        header = _caption_header(lines, i, width, previous)
    header.text = "\n".join(lines[k].strip() for k in header.lines)
    return header


def _short_label(label: str) -> bool:
    return len(label.split()) <= CAPTION_WORDS and not reads_as_sentence(label)


def _ends_table(lines: tuple[str, ...], i: int, width: int | None = None) -> bool:
    line = lines[i]
    if question_on(line) is not None:
        return True
    units = _header_units(line)
    if units is not None and not _row_of_years(line, units, width):
        return True
    if is_footnote(line) or (SINGLE_CELL.match(line) and _single_cells(lines, i)[1:]):
        return True  # a footnote, or a table printed one cell per line
    cells = pipe_cells(line)
    if cells is not None and all(t.value is None for t in cells):
        return _pipe_header(lines, i) is not None or _stacked_header(lines, i) is not None
    return False


def _row_of_years(line: str, units: _Units, width: int | None) -> bool:
    """Inside a table of ``width`` columns, 'Stalking 2010 2015' is a row whose counts look
    like years: it has the table's count of values, and as a header it would name other
    columns or years that do not follow each other ('2019 2020' would)."""
    if units.period_kind != "year" or width is None or len(split_row(line)[1]) != width:
        return False
    years = [
        int(label) for label, kind in zip(units.labels, units.kinds, strict=True) if kind != "total"
    ]
    consecutive = all(b == a + 1 for a, b in itertools.pairwise(years))
    return len(units.labels) != width or not consecutive


def _dash_continues(lines: tuple[str, ...], i: int, values: list[Token]) -> bool:
    """'Attempted - Harassment -' over more label text or a line of numbers: the dashes end
    a wrapped label part, they are not a row of suppressed cells."""
    if any(t.text not in DASHES for t in values):
        return False
    k = _next_nonblank(lines, i + 1)
    if k is None:
        return False
    label, more = split_row(lines[k])
    return not more or not label


def _continues_label(lines: tuple[str, ...], i: int) -> bool:
    """A label line that ends mid-phrase, or whose next line starts in lower case."""
    text = lines[i].strip()
    if text.endswith(CONTINUATIONS) or reads_as_sentence(text):
        return True
    k = _next_nonblank(lines, i + 1)
    return k is not None and lines[k].strip()[:1].islower()
