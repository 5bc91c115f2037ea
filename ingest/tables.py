"""FOI tables printed as text -> tables, columns, rows, cells and issues (pure functions).

The layout, not the wording, decides what is a table:
- a header line is a row-label caption followed by column tokens (month names, years,
  quarters, financial years, date ranges, 'Jan 2020', 'Q1 2020', 'Total' / 'Grand Total'),
  possibly over two lines (months over years, 'Offence 2019 2020' over 'Description
  Total'); or a short caption line followed directly by rows of numbers (a one-column table
  such as '2022 No. of Crimes', or category columns such as 'Under 18 18-24 25-34');
- a pipe-delimited line ('Offence | 2019 | 2020 |') is split at its pipes, so its labels
  and blank cells keep their places; a table printed one cell per line ('Crimes |' /
  '991 |') is reassembled when its cells fall into rows in exactly one way;
- a row is a label followed by a run of numbers (thousands separators optional) or
  suppression tokens; a label may wrap over lines, the numbers then stand on a line of
  their own; a label of '-' is a label; 'label : number' lists are rows;
- a total row is labelled 'Total' / 'Grand Total'; everything else is a group or a
  detail, which ``hierarchy`` infers from the figures;
- a row with fewer numbers than columns is never shifted: the printed totals prove its
  missing cells or the table gets an error naming the line.

Every number on a line read as a table row or header ends up as a cell or in an issue on
that line; ``unaccounted_numbers`` checks that.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from ingest.documents import QUESTION_LINE, Document
from ingest.foi import cell_per_line, flattened, lists
from ingest.hierarchy import RowFigures, compatible, flatten, infer_hierarchy
from ingest.issues import Issue
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
    at_point,
    compound_period,
    grain_of,
    is_total_label,
    month_number,
    month_start_series,
    parse_date,
    parse_period_label,
    point_in_year,
    printed_range,
    strip_note_marker,
    year_period,
    years_in,
)

NUMBER = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)$")
TYPO_NUMBER = re.compile(r"^\d+[^\W\d_]+\d+$")  # '5z1', '1O2': a letter typed inside a number
# Printed in place of a number: suppressed, not applicable or not available.
SUPPRESSION_TOKENS = frozenset(
    {"*", "-", "–", "—", "..", "...", "n/a", "N/A", "n/k", "N/K", "x", "<5", "~"}
)
# '<5', '< 10', '≤5' and the bracketed markers of official statistics ('[c]', '[x]').
SUPPRESSION_PATTERN = re.compile(r"^(?:[<>≤]=?\s*\d+|\[[a-z]{1,4}\])$", re.IGNORECASE)
NOTE_MARKS = frozenset({"*", "†", "‡"})
WORD = re.compile(r"\S+")
CELL_WORD = re.compile(r"[^\s|]+")  # a word between blanks or pipes
THOUSANDS_HEAD = re.compile(r"^\d{1,3}(?:,\d{3})*,$")  # '77,' before a stray space
THOUSANDS_TAIL = re.compile(r"^\d{3}(?:,\d{3})*,?$")  # '686' after it
NUMBER_WITH_SPACES = re.compile(r"^\d{1,3}(?:\s*,\s*\d{3})+$")  # a whole pipe cell '77, 686'
QUESTION_REFERENCE = re.compile(r"\bas per (?:q(?:uestion)?\s*)(\d{1,2})\b", re.IGNORECASE)
# A ruled line between rows ('|---|---|', '+-----+', '=====').
RULE_LINE = re.compile(r"^\s*[|+]?[\s|+:=_-]{2,}$")
# A footnote: a marker then text ('* Charges include summonses').
FOOTNOTE = re.compile(r"^\s*(\*{1,3}|†|‡)\s*(?=[^\d\s*])(.+)$")
# One pipe cell on a line: a table printed a cell per line.
SINGLE_CELL = re.compile(r"^\s*\|?\s*([^|\s][^|]*?)\s*\|\s*$")
MIN_HEADER_PERIODS = 2
CAPTION_WORDS = 8  # a caption line is short, or a longer introduction ending in ':'
INTRODUCTION_WORDS = 20
MAX_WRAP = 4  # a label wraps over at most this many lines above its numbers
PROSE_WORDS = 10  # a numbers-ending line with this many label words and few numbers is prose
# Words that name what row labels are when the rows are periods ('Year Crimes').
PERIOD_CAPTIONS = frozenset(
    {"year", "years", "month", "months", "quarter", "quarters", "period", "date", "fy"}
)
# Category column labels of more than one word: a qualifier before a number ('Under 18'),
# words after one ('65 and over'), and 'Not known'-style labels.
QUALIFIERS = frozenset({"under", "over", "aged", "age", "below", "above", "<", ">"})
AFTER_NUMBER = (("and", "over"), ("and", "above"), ("and", "under"), ("or", "over"), ("plus",))
NEGATIONS = frozenset({"not", "no"})
# A label never ends in these words; a line that does is a sentence ending in a number
# ('... in the year to March was 1,204').
SENTENCE_ENDINGS = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "by",
        "came",
        "come",
        "for",
        "from",
        "in",
        "is",
        "of",
        "on",
        "or",
        "than",
        "that",
        "the",
        "to",
        "totalled",
        "was",
        "were",
        "with",
    }
)
DASHES = frozenset({"-", "–", "—"})
# A wrapped label line that ends like this continues on the next line.
CONTINUATIONS = (",", "-", "–", "(", "/", "&")


def reads_as_sentence(label: str) -> bool:
    words = label.lower().rstrip(":").split()
    return bool(words) and words[-1] in SENTENCE_ENDINGS


class Token:
    """A word of a line. Immutable by convention: tokens are shared between the callers of
    the cached line functions. A plain slotted class, because a frozen dataclass with cached
    properties costs more than the rest of tokenising (millions of tokens per corpus)."""

    __slots__ = ("canonical", "end", "is_marker", "line", "start", "text", "value")

    def __init__(
        self,
        text: str,  # as printed: '77, 686' for a number with a stray space, '' for a blank cell
        start: int,  # character offsets in its line
        end: int,
        canonical: str | None = None,  # the number a stray-space token stands for ('77,686')
        line: int | None = None,  # the token's line when a row's cells stand on several lines
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.canonical = canonical
        self.line = line
        number = canonical or text
        if number[-1:] in NOTE_MARKS and number[:1].isdigit():
            number = number.rstrip("".join(NOTE_MARKS))  # '90,204*': a figure with a note
        is_number = number[:1].isdigit() and NUMBER.match(number) is not None
        self.value: int | None = int(number.replace(",", "")) if is_number else None
        # No number is a marker, so most tokens need no marker test.
        self.is_marker: bool = not is_number and is_marker(text)

    def _key(self) -> tuple[str, int, int, str | None, int | None]:
        return (self.text, self.start, self.end, self.canonical, self.line)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Token{self._key()!r}"


@dataclass
class Column:
    number: int  # 1-based
    label: str
    kind: str  # period | total | category
    period: Period | None = None
    note: str | None = None  # the footnote a marker on the label points to ('Charges*')


@dataclass
class Row:
    number: int  # 1-based within the table
    label: str
    label_line: int
    values_line: int
    first_line: int
    last_line: int
    raw_text: str
    tokens: list[Token]
    is_total: bool = False
    damaged: bool = False  # short, with figures in its label: its cells are never filled
    kind: str = "detail"  # group | detail | total
    depth: int = 0
    parent: int | None = None  # parent row number
    path: str = ""
    period: Period | None = None
    cells: list[Cell] = field(default_factory=list)


@dataclass
class Cell:
    column: int
    line_number: int
    printed_token: str | None
    value: int | None
    status: str  # printed | repaired | suppressed | missing
    repair_note: str | None = None
    start: int | None = None  # the printed token's character offsets in its line
    end: int | None = None


@dataclass
class Table:
    table_id: str
    number: int
    question_number: int | None
    question_line: int | None
    question_text: str | None
    header_line: int
    header_text: str
    row_caption: str | None
    measure_label: str | None
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    last_line: int = 0
    period: Period | None = None
    hierarchy_status: str = "flat"  # reconciled | reconciled_with_repairs | unverified | failed
    header_lines: tuple[int, ...] = ()  # every line of the header (two-line headers, cells)
    blanks_as_printed: bool = False  # blank cells stay blank (no sum fills them)
    context_period: Period | None = None  # the span the text asks about, printed before it


@dataclass
class ParsedTables:
    tables: list[Table]
    line_kinds: dict[int, tuple[str, str | None]]  # line number -> (kind, table_id)
    issues: list[Issue]


# ---------------------------------------------------------------------------------------
# Tokens and line shapes
# ---------------------------------------------------------------------------------------


def is_marker(text: str) -> bool:
    return text in SUPPRESSION_TOKENS or bool(SUPPRESSION_PATTERN.match(text))


def is_value(token: Token) -> bool:
    """A number, a suppression marker or a blank pipe cell: something printed for a cell."""
    return token.value is not None or token.is_marker or token.text == ""


def is_value_token(text: str) -> bool:
    return bool(NUMBER.match(text)) or is_marker(text)


def _split_label_colon(token: Token) -> list[Token]:
    """'2011:77,686' -> '2011:', '77,686'; ':77,686' -> ':', '77,686' (a list's separator).
    Times such as '10:30' stay whole."""
    head, colon, tail = token.text.rpartition(":")
    if not colon or not (NUMBER.match(tail) or THOUSANDS_HEAD.match(tail)):
        return [token]
    if head and not (YEAR.match(head) or re.search(r"[^\W\d]", head)):
        return [token]
    cut = token.start + len(head) + 1
    return [Token(head + ":", token.start, cut), Token(tail, cut, token.end)]


def _join_stray_space(tokens: list[Token], k: int, line: str) -> tuple[Token, int] | None:
    """A number printed with a space after its thousands comma ('77, 686'), joined only
    when the pieces make a valid thousands-separated number: (token, pieces used)."""
    head = tokens[k].text
    if not THOUSANDS_HEAD.match(head):
        return None
    joined, used = head, 1
    while k + used < len(tokens) and joined.endswith(","):
        piece = tokens[k + used].text
        if not THOUSANDS_TAIL.match(piece):
            return None
        joined, used = joined + piece, used + 1
    if not NUMBER.match(joined):
        return None
    last = tokens[k + used - 1]
    return Token(line[tokens[k].start : last.end], tokens[k].start, last.end, joined), used


def tokenize(line: str) -> list[Token]:
    """Whitespace tokens, with what belongs together joined: '< 5' (a marker), '77, 686'
    (a number with a stray space) and a list's colon split off its number (':77,686')."""
    return list(_tokenize(line))


# A table's lines are read several times (as a header candidate, a row, a wrap, a check), so
# the pure line functions remember their answers; callers get fresh lists to change freely.
@functools.lru_cache(maxsize=CACHE_SIZE)
def _tokenize(line: str) -> tuple[Token, ...]:
    raw: list[Token] = []
    for match in WORD.finditer(line):
        token = Token(match.group(0), match.start(), match.end())
        # Only a word with a colon can hold a label's colon and a number.
        raw.extend(_split_label_colon(token) if ":" in token.text else (token,))
    out: list[Token] = []
    k = 0
    while k < len(raw):
        token = raw[k]
        nxt = raw[k + 1] if k + 1 < len(raw) else None
        if token.text in ("<", ">", "≤", "<=") and nxt is not None and NUMBER.match(nxt.text):
            out.append(Token(line[token.start : nxt.end], token.start, nxt.end))
            k += 2
            continue
        # Only a word ending in a comma can start a number with a stray space.
        joined = _join_stray_space(raw, k, line) if token.text.endswith(",") else None
        if joined is not None:
            out.append(joined[0])
            k += joined[1]
            continue
        out.append(token)
        k += 1
    return tuple(out)


def pipe_cells(line: str) -> list[Token] | None:
    """The cells of a pipe-delimited line (border pipes dropped), or None without pipes.
    A blank cell is a Token with empty text, so the cells after it keep their places."""
    if "|" not in line:
        return None
    return list(_pipe_cells(line))


@functools.lru_cache(maxsize=CACHE_SIZE)
def _pipe_cells(line: str) -> tuple[Token, ...]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"\|", line):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(line)))
    if not line[slice(*bounds[0])].strip():
        bounds = bounds[1:]
    if bounds and not line[slice(*bounds[-1])].strip():
        bounds = bounds[:-1]
    cells = []
    for a, b in bounds:
        text = line[a:b]
        stripped = text.strip()
        begin = a + len(text) - len(text.lstrip())
        canonical = None
        if NUMBER_WITH_SPACES.match(stripped) and not NUMBER.match(stripped):
            canonical = re.sub(r"\s+", "", stripped)
        cells.append(Token(stripped, begin, begin + len(stripped), canonical))
    return tuple(cells)


def clean_label(label: str) -> str:
    """A label as printed, without the colon that separates it from its numbers."""
    text = " ".join(label.split())
    return text[:-1].rstrip() if text.endswith(":") and len(text) > 1 else text


def _label_text(line: str, tokens: list[Token], cells: list[Token] | None) -> str:
    if cells is not None:
        return clean_label(" ".join(t.text for t in tokens if t.text))
    if not tokens:
        return ""
    return clean_label(line[tokens[0].start : tokens[-1].end])


def split_row(line: str) -> tuple[str, list[Token]]:
    """A line as (label, trailing value tokens). The label is the text before the run."""
    label, values = _split_row(line)
    return label, list(values)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _split_row(line: str) -> tuple[str, tuple[Token, ...]]:
    cells = pipe_cells(line)
    tokens = cells if cells is not None else tokenize(line)
    start = len(tokens)
    while start > 0 and is_value(tokens[start - 1]):
        start -= 1
    # '24 October 2019': a year after a month name is part of a date, not a figure.
    if 0 < start < len(tokens) and month_number(tokens[start - 1].text) is not None:
        start += 1 if YEAR.match(tokens[start].text) else 0
    values = tokens[start:]
    # A run must hold at least one real number; '-' alone is a label, not a row.
    if not any(t.value is not None for t in values):
        return _label_text(line, tokens, cells), ()
    return _label_text(line, tokens[:start], cells), tuple(values)


def marker_row(line: str, width: int) -> tuple[str, list[Token]] | None:
    """A row whose every cell is suppressed ('Stalking * *', '2013 : *'): a label then
    exactly ``width`` markers. Such a line has no number, so split_row reads it as a label."""
    cells = pipe_cells(line)
    tokens = cells if cells is not None else tokenize(line)
    if width < 1 or len(tokens) <= width:
        return None
    values = tokens[-width:]
    if not all(t.is_marker or (cells is not None and t.text == "") for t in values):
        return None
    if not any(t.is_marker for t in values):
        return None  # '| Stalking | | |' prints no cell at all: a label line
    label = _label_text(line, tokens[:-width], cells)
    if not label or is_value_token(label):
        return None
    return label, values


def year_label(label: str, values: list[Token], width: int | None) -> tuple[str, list[Token]]:
    """A row such as '2017 1,204' has a year for its label: the first number is the label
    when the row has one number more than the table has columns."""
    if label or len(values) < 2 or not YEAR.match(values[0].text):
        return label, values
    if width is not None and len(values) != width + 1:
        return label, values
    return values[0].text, values[1:]


def is_footnote(line: str) -> bool:
    return bool(FOOTNOTE.match(line)) and not split_row(line)[1]


def is_rule(line: str) -> bool:
    stripped = line.strip()
    ruled = any(c in stripped for c in "-=_")
    return len(stripped) >= 3 and ruled and bool(RULE_LINE.match(stripped))


def question_on(line: str) -> int | None:
    match = QUESTION_LINE.match(line)
    if match:
        return int(match.group(1))
    heading = re.match(r"^\s*question\s+(\d{1,2})\s*$", line, re.IGNORECASE)
    return int(heading.group(1)) if heading else None


# ---------------------------------------------------------------------------------------
# Headers
# ---------------------------------------------------------------------------------------


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
        paired = _pair_years(second, first.labels, months_first=False)
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
    return _Header([i], caption, None, labels)


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
    header.measure = header.measure or clean_label(" ".join(words[:-1]))
    return header


def _header_at(lines: tuple[str, ...], i: int, previous: Table | None) -> _Header | None:
    header = _measure_over_header(lines, i) or _pipe_header(lines, i) or _period_header(lines, i)
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


# ---------------------------------------------------------------------------------------
# Finding tables
# ---------------------------------------------------------------------------------------


@dataclass
class _Context:
    question_number: int | None = None
    question_line: int | None = None
    question_text: str | None = None
    question_years: dict[int, list[int]] = field(default_factory=dict)
    last_year: int | None = None
    printed_period: Period | None = None  # the last span printed as two dates in the text


def _context_year(ctx: _Context, header_text: str) -> int | None:
    """The year of month columns: the header's own year, else the question's, else the
    question it refers to ('as per Q1'), else the previous table's."""
    header_years = years_in(header_text)
    if len(set(header_years)) == 1:
        return header_years[0]
    if ctx.question_text:
        years = sorted(set(years_in(ctx.question_text)))
        if len(years) == 1:
            return years[0]
        ref = QUESTION_REFERENCE.search(ctx.question_text)
        if ref:
            referred = sorted(set(ctx.question_years.get(int(ref.group(1)), [])))
            if len(referred) == 1:
                return referred[0]
    return ctx.last_year


def _footnotes(lines: tuple[str, ...]) -> list[tuple[int, str, str]]:
    """(line index, marker, text) of every footnote line ('* Charges include summonses')."""
    out = []
    for k, line in enumerate(lines):
        match = FOOTNOTE.match(line)
        if match:
            out.append((k, match.group(1), match.group(2).strip()))
    return out


def _adjacent(lines: tuple[str, ...], table: Table, i: int, ctx: _Context) -> bool:
    """The table ends just above line i (only blank lines between), under the same question."""
    if table.question_number != ctx.question_number or table.last_line == 0:
        return False
    return all(not lines[k].strip() or is_rule(lines[k]) for k in range(table.last_line, i))


def find_tables(doc: Document) -> ParsedTables:
    lines = doc.lines
    ctx = _Context()
    tables: list[Table] = []
    kinds: dict[int, tuple[str, str | None]] = {}
    issues: list[Issue] = []
    footnotes = _footnotes(lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        number = i + 1
        if not line.strip():
            kinds[number] = ("blank", None)
            i += 1
            continue
        printed = printed_range(line) if len(line) > 20 else None
        if printed is not None:
            ctx.printed_period = printed
        q = question_on(line)
        if q is not None and lists.read_list(lines, i) is not None:
            q = None  # '3. 2008 : 107,982': a numbered list of figures, not a question
        if q is not None:
            ctx.question_number, ctx.question_line, ctx.question_text = q, number, line.strip()
            ctx.question_years[q] = years_in(line)
            kinds[number] = ("question", None)
            i += 1
            continue
        try:
            i = _table_or_text(doc, i, ctx, tables, kinds, issues, footnotes)
        except Exception as exc:  # a parser bug must not lose the document: name the line
            known = {t.table_id for t in tables}
            for n in [n for n, (_, table_id) in kinds.items() if table_id not in (None, *known)]:
                del kinds[n]
            kinds[number] = ("prose", None)
            issues.append(
                Issue(
                    doc.document_id,
                    doc.file_name,
                    number,
                    "error",
                    "table_parse_error",
                    f"the table parser failed at this line ({type(exc).__name__}: {exc}); "
                    "the line is kept as text",
                    line,
                )
            )
            i += 1
    issues.extend(_cut_off_at_end(doc, tables, issues))
    issues.extend(_emptied_skeletons(doc, kinds))
    return ParsedTables(tables, kinds, issues)


INCOMPLETE_CODES = frozenset({"table_cut_off", "table_emptied"})
SKELETON_MARGIN = 3  # blank lines on each side of a total label whose figures are lost


def _cut_off_at_end(doc: Document, tables: list[Table], issues: list[Issue]) -> list[Issue]:
    """The text stops just under its last table (nothing after it but a word or two cut
    mid-line), or inside a header with no rows yet: reported, never complete."""
    lines = doc.lines
    filled = [k for k, line in enumerate(lines) if line.strip()]
    if not filled:
        return []
    last = filled[-1]
    found: list[Issue] = []
    if tables and tables[-1].last_line:
        table = tables[-1]
        after = [k for k in filled if k >= table.last_line]
        reported = any(
            i.table_id == table.table_id and i.issue_code in INCOMPLETE_CODES for i in issues
        )
        tail = lines[after[0]].strip() if len(after) == 1 else ""
        stub = (
            bool(tail)
            and bool(table.rows)
            and len(tail.split()) <= 2
            and question_on(tail) is None
            and not tail.endswith((".", ":", "?", "!"))
        )
        proven = table.hierarchy_status in ("reconciled", "reconciled_with_repairs")
        if stub and not reported and not proven:
            line = after[0] + 1
            found.append(
                _issue(
                    doc,
                    table,
                    line,
                    "error",
                    "table_cut_off",
                    "the text stops at the end of this table, which no printed total proves "
                    "complete: it may be cut off",
                    lines[line - 1],
                )
            )
    words = lines[last].split()
    years = [w for w in words if YEAR.match(w)]
    claimed_last = bool(tables) and tables[-1].last_line >= last + 1
    if len(years) >= 2 and not claimed_last and len(words) <= len(years) + 3:
        found.append(
            Issue(
                doc.document_id,
                doc.file_name,
                last + 1,
                "error",
                "table_cut_off",
                "the text stops inside a table header: no row of the table is printed",
                lines[last],
            )
        )
    return found


def _emptied_skeletons(doc: Document, kinds: dict[int, tuple[str, str | None]]) -> list[Issue]:
    """A total row's label alone between blank lines, with no figures and no table: the
    figures of a table were lost in conversion (one issue per skeleton)."""
    lines = doc.lines
    found: list[Issue] = []
    last_reported = -100
    for k, line in enumerate(lines):
        if not is_total_label(line.strip()) or kinds.get(k + 1, ("", None))[1] is not None:
            continue
        around = lines[max(0, k - SKELETON_MARGIN) : k] + lines[k + 1 : k + 1 + SKELETON_MARGIN]
        if len(around) < 2 * SKELETON_MARGIN or any(x.strip() for x in around):
            continue
        if k - last_reported < 20:
            continue
        last_reported = k
        found.append(
            Issue(
                doc.document_id,
                doc.file_name,
                k + 1,
                "error",
                "table_emptied",
                f"'{line.strip()}' stands alone between blank lines: a table whose figures "
                "were lost in conversion",
                line,
            )
        )
    return found


def _table_or_text(
    doc: Document,
    i: int,
    ctx: _Context,
    tables: list[Table],
    kinds: dict[int, tuple[str, str | None]],
    issues: list[Issue],
    footnotes: list[tuple[int, str, str]],
) -> int:
    """The table whose header starts at line i, or the text there; the next line to read."""
    lines = doc.lines
    block_end = _block_under_pipe_header(doc, i, ctx, tables, kinds, issues, footnotes)
    if block_end is not None:
        return block_end
    flat = flattened.read_flattened(lines[i]) if len(lines[i]) > 40 else None
    if flat is not None:
        return _flat_table(doc, i, flat, ctx, tables, kinds, issues, footnotes)
    items = lists.read_list(lines, i)
    if items is not None:
        return _list_table(doc, items, ctx, tables, kinds, issues, footnotes)
    below = _next_nonblank(lines, i + 1)
    if below is not None and lists.read_list(lines, below) is not None:
        kinds[i + 1] = ("prose", None)  # the line introducing a list, not a table header
        return i + 1
    unit_items = lists.read_unit_list(lines, i) if i + 1 < len(lines) else None
    if unit_items is not None:
        return _unit_list_table(doc, i, unit_items, ctx, tables, kinds, issues, footnotes)
    if _one_word_cell(lines, i) and _one_word_cell(lines, i + 1):
        # 'Year' over 'Total' over '2016' over '126': cells one per line, not a header.
        block = cell_per_line.read_block(lines, i, CELL_SHAPES)
        if block is not None and len(block.rows) >= 2:
            return _block_table(doc, block, None, ctx, tables, kinds, issues, footnotes)
    previous = tables[-1] if tables and _adjacent(lines, tables[-1], i, ctx) else None
    header = None if is_footnote(lines[i]) else _header_at(lines, i, previous)
    if header is None:
        return _not_a_header(doc, i, ctx, tables, kinds, issues, footnotes)
    table = _new_table(doc, header, ctx, len(tables) + 1, issues, footnotes)
    for k in header.lines:
        kinds[k + 1] = ("table_header", table.table_id)
    end = _read_rows(doc, table, header.lines[-1] + 1, kinds, issues)
    reason = _not_figures(table)
    if reason is not None:
        _read_as_text(doc, table, reason, kinds, issues)
        return end
    _close_table(doc, table, ctx, kinds, issues)
    tables.append(table)
    return end


# Row labels that name a reference, not a count: the number after them is a section, a
# telephone number or a reference ('Section 24', 'Fax: 01785 232369', 'Our Ref FOI 4505').
REFERENCE_WORDS = frozenset(
    {
        "section",
        "sections",
        "s",
        "article",
        "paragraph",
        "schedule",
        "chapter",
        "regulation",
        "page",
        "version",
        "ref",
        "reference",
        "telephone",
        "tel",
        "phone",
        "fax",
        "line",
        "mobile",
        "extension",
        "ext",
        "postcode",
        "room",
        "foi",
    }
)
FIRST_YEAR, LAST_YEAR = 1990, 2035
ENUMERATOR = re.compile(r"^$|^\(?(?:[a-z]{1,2}|\d{1,2})[.)](?:\s|$)", re.IGNORECASE)


def _is_year_value(token: Token) -> bool:
    return (
        token.value is not None
        and FIRST_YEAR <= token.value <= LAST_YEAR
        and (bool(YEAR.match(token.text)))
    )


def _figure_row(row: Row) -> bool:
    """A row whose numbers can be figures: not only years ('a. 2016'), not a reference
    ('Section 24', 'Direct Line: 01785 232411')."""
    numbers = [t for t in row.tokens if t.value is not None]
    words = re.findall(r"[a-z]+", row.label.lower())
    years = bool(numbers) and all(_is_year_value(t) for t in numbers)
    # 'a. 2016', 'Academic year: 2021': a list of years, a year named as one.
    if years and (ENUMERATOR.match(row.label) or words[-1:] in (["year"], ["date"])):
        return False
    return not any(w in REFERENCE_WORDS for w in words[-2:])


def _not_figures(table: Table) -> str | None:
    """Why rows read under a header are not a table of figures, or None when they are."""
    if not table.rows:
        return None
    figure_rows = [r for r in table.rows if _figure_row(r)]
    if not figure_rows:
        return "its numbers are years, section numbers, telephone numbers or references"
    labelled = [r for r in figure_rows if r.label]
    if len(table.columns) == 1 and len(labelled) < 2 and len(table.rows) > len(figure_rows):
        return "a single column with fewer than two labelled rows of figures"
    return None


def _read_as_text(
    doc: Document,
    table: Table,
    reason: str,
    kinds: dict[int, tuple[str, str | None]],
    issues: list[Issue],
) -> None:
    """Lines that looked like a table but hold no figures stay text, with a note why."""
    claimed = [n for n, (_, table_id) in kinds.items() if table_id == table.table_id]
    for n in claimed:
        kinds[n] = ("prose", None)
    first, last = table.header_line, table.last_line
    issues.append(
        Issue(
            doc.document_id,
            doc.file_name,
            first,
            "info",
            "not_a_table",
            f"lines {first}-{last} look like a table but are read as text: {reason}",
            "\n".join(doc.lines[first - 1 : last]),
        )
    )


def _not_a_header(
    doc: Document,
    i: int,
    ctx: _Context,
    tables: list[Table],
    kinds: dict[int, tuple[str, str | None]],
    issues: list[Issue],
    footnotes: list[tuple[int, str, str]],
) -> int:
    """Line i starts no table header: a table printed one cell per line, rows with no
    header (reported), or prose. Returns the index of the next line to read."""
    lines = doc.lines
    if not _pipe_cells_only(lines, i):
        block = cell_per_line.read_block(lines, i, CELL_SHAPES)
        if block is not None:
            return _block_table(doc, block, None, ctx, tables, kinds, issues, footnotes)
    if SINGLE_CELL.match(lines[i]):
        end = _cell_per_line_table(doc, i, ctx, tables, kinds, issues, footnotes)
        if end is not None:
            return end
    orphan_end = _orphan_rows(doc, i, issues)
    for k in range(i, orphan_end):
        if lines[k].strip():
            kinds[k + 1] = ("prose", None)
    return orphan_end


def _orphan_rows(doc: Document, i: int, issues: list[Issue]) -> int:
    """Rows of figures with no header above them are not guessed into a table: a warning
    names their lines so that no printed number goes unreported."""
    lines = doc.lines
    width = _row_width(lines, i)
    label = split_row(lines[i])[0]
    if width is None or question_on(lines[i]) is not None or not _short_label(label):
        return i + 1
    end, last = i + 1, i
    while True:
        k = _next_nonblank(lines, end)
        if k is None or _row_width(lines, k) != width or not _short_label(split_row(lines[k])[0]):
            break
        end, last = k + 1, k
    if last == i:
        return i + 1
    issues.append(
        Issue(
            doc.document_id,
            doc.file_name,
            i + 1,
            "warning",
            "rows_without_header",
            f"lines {i + 1}-{last + 1} print rows of {width} figures with no header line "
            "above them; they are not read as a table",
            "\n".join(lines[k] for k in range(i, last + 1)),
        )
    )
    return end


def _short_label(label: str) -> bool:
    return len(label.split()) <= CAPTION_WORDS and not reads_as_sentence(label)


def _new_table(
    doc: Document,
    header: _Header,
    ctx: _Context,
    number: int,
    issues: list[Issue],
    footnotes: list[tuple[int, str, str]],
) -> Table:
    first = header.lines[0] + 1
    year = _context_year(ctx, header.text)
    table = Table(
        table_id=f"{doc.document_id[:12]}-t{number}",
        number=number,
        question_number=ctx.question_number,
        question_line=ctx.question_line,
        question_text=ctx.question_text,
        header_line=first,
        header_text=header.text,
        row_caption=header.caption,
        measure_label=header.measure,
        columns=[],
        header_lines=tuple(k + 1 for k in header.lines),
        context_period=ctx.printed_period,
    )
    table.columns = _columns(header, year, doc, table, issues, footnotes)
    for severity, code, message in header.notes:
        issues.append(_issue(doc, table, first, severity, code, message, header.text))
    return table


def _close_table(
    doc: Document,
    table: Table,
    ctx: _Context,
    kinds: dict[int, tuple[str, str | None]],
    issues: list[Issue],
) -> None:
    """Hierarchy, cells and line kinds of a table whose rows are read."""
    year = _context_year(ctx, table.header_text)
    try:
        _finish_table(doc, table, year, issues)
    except Exception as exc:  # a parser bug must not lose the document: report it
        table.hierarchy_status = "failed"
        for row in table.rows:
            row.cells = _unproven_cells(row, table)
        issues.append(
            _issue(
                doc,
                table,
                table.header_line,
                "error",
                "table_parse_error",
                f"the parser failed on this table ({type(exc).__name__}: {exc}); "
                "its rows are kept without values",
                table.header_text,
            )
        )
    _duplicate_rows(doc, table, issues)
    for row in table.rows:
        kind = {"total": "table_total_row", "group": "table_group_row"}.get(row.kind, "table_row")
        kinds[row.values_line] = (kind, table.table_id)
        for token in row.tokens:
            if token.line is not None:
                kinds[token.line] = (kind, table.table_id)
    if year is not None:
        ctx.last_year = year


def _duplicate_rows(doc: Document, table: Table, issues: list[Issue]) -> None:
    """Two rows of one table with the same label under the same group ('08/65' twice): a
    warning on the second, as a reader cannot tell which figure belongs to the member."""
    seen: dict[str, Row] = {}
    for row in table.rows:
        if not row.label or row.kind == "total":
            continue
        first = seen.setdefault(row.path or row.label, row)
        if first is not row:
            issues.append(
                _issue(
                    doc,
                    table,
                    row.values_line,
                    "warning",
                    "duplicate_row_label",
                    f"row '{row.label}' is printed twice in this table (lines "
                    f"{first.values_line} and {row.values_line}) under the same group",
                    row.raw_text,
                )
            )


def _column_note(
    label: str, footnotes: list[tuple[int, str, str]], header_index: int
) -> tuple[str | None, str | None]:
    """(marker, footnote text) for a label ending in a footnote marker: the first footnote
    with that marker after the header, else the last one before it."""
    marker = strip_note_marker(label)[1]
    if marker is None:
        return None, None
    after = [text for k, m, text in footnotes if m == marker and k > header_index]
    before = [text for k, m, text in footnotes if m == marker and k < header_index]
    return marker, (after[0] if after else before[-1] if before else None)


def _columns(
    header: _Header,
    year: int | None,
    doc: Document,
    table: Table,
    issues: list[Issue],
    footnotes: list[tuple[int, str, str]],
) -> list[Column]:
    columns = []
    previous = 0
    for n, label in enumerate(header.labels, start=1):
        marker, note = _column_note(label, footnotes, header.lines[0])
        if marker is not None and note is None:
            issues.append(
                _issue(
                    doc,
                    table,
                    table.header_line,
                    "info",
                    "footnote_not_found",
                    f"column '{label}' carries the marker '{marker}' but no line of the "
                    "document starts with it",
                    table.header_text,
                )
            )
        if is_total_label(label) and len(header.labels) > 1:
            # 'Month Total' heads one column: the figures themselves, not a sum of others.
            columns.append(Column(n, label, "total", None, note))
            continue
        if header.periods is not None:
            period = header.periods[n - 1]
            columns.append(Column(n, label, "period" if period else "category", period, note))
            continue
        text = strip_note_marker(label)[0]
        quarter = QUARTER.match(text)
        step = month_number(text) or (int(quarter.group(1)) if quarter else None)
        if step is not None and year is not None and step < previous:
            year += 1  # months or quarters that wrap (Apr ... Mar) run into the next year
        previous = step if step is not None else previous
        period = parse_period_label(label, year)
        if period is None and step is not None:
            issues.append(
                _issue(
                    doc,
                    table,
                    table.header_line,
                    "error",
                    "month_without_year",
                    f"column '{label}' is a {'quarter' if quarter else 'month'} but neither "
                    "the header nor the question gives its year",
                    label,
                )
            )
        columns.append(Column(n, label, "period" if period else "category", period, note))
    return columns


def _row_at(line: str, width: int) -> tuple[str, list[Token]]:
    """(label, values) of a line in a table of ``width`` columns. A pipe row whose cells
    are a label and ``width`` values is read by position, so a numeric label ('2019', a
    code) and blank cells stay where they are printed."""
    cells = pipe_cells(line)
    if cells is not None and len(cells) == width + 1 and cells[0].text:
        values = cells[1:]
        if all(is_value(t) for t in values) and any(t.value is not None for t in values):
            return clean_label(cells[0].text), values
    label, values = split_row(line)
    if not values:
        return marker_row(line, width) or (label, [])
    return label, values


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
        return _pipe_header(lines, i) is not None
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


def _new_table_at(lines: tuple[str, ...], i: int, width: int | None = None) -> bool:
    """A label line inside a table that starts another table (a caption over rows of its
    own, or a title over a header) rather than wrapping onto the next row."""
    if _continues_label(lines, i):
        return False
    if _caption_table(lines, i, first_wraps=False) is not None:
        return True
    if width is not None and _section_width(lines, i) == width:
        return True
    k = _next_nonblank(lines, i + 1)
    return k is not None and (
        _header_units(lines[k]) is not None or _caption_table(lines, k, False) is not None
    )


def _read_rows(
    doc: Document,
    table: Table,
    i: int,
    kinds: dict[int, tuple[str, str | None]],
    issues: list[Issue],
) -> int:
    """Read rows from line index i; return the index of the first line after the table."""
    lines = doc.lines
    width = len(table.columns)
    pending: list[int] = []  # indexes of label-only lines waiting for their numbers
    end = i
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            kinds[i + 1] = ("blank", None)
            i += 1
            continue
        if is_rule(line):
            i += 1
            continue
        if _ends_table(lines, i, width):
            break
        label, values = _row_at(line, width)
        if values and _dash_continues(lines, i, values):
            label, values = split_row(line)[0], []
        if not values:
            if not pending and _new_table_at(lines, i, width):
                if table.rows or not _section_title(table, lines, i, kinds):
                    break
                i += 1
                continue
            # Label text: part of a wrapped label if numbers follow before anything else.
            if _wrap_continues(lines, i + 1, len(pending) + 1, width):
                pending.append(i)
                i += 1
                continue
            break
        if not pending:
            label, values = year_label(label, values, width)
        if label and (
            reads_as_sentence(label)
            or (len(label.split()) >= PROSE_WORDS and len(values) * 2 < width)
        ):
            break  # a sentence that happens to end in a number
        table.rows.append(_make_row(doc, table, pending, i, label, values, issues))
        for k in pending:
            kinds[k + 1] = ("table_label_part", table.table_id)
        pending = []
        i += 1
        end = i
    table.last_line = end
    # Lines after the last row (trailing blanks or a label with no numbers) are not ours.
    for k in range(end, i):
        kinds.pop(k + 1, None)
    return end


def _section_title(
    table: Table, lines: tuple[str, ...], i: int, kinds: dict[int, tuple[str, str | None]]
) -> bool:
    """A title line between the header and the first row ('Stalking' over its offences)
    whose rows have the header's width: it is the table's measure, part of its header."""
    width = len(table.columns)
    if table.measure_label is not None:
        return False
    if width not in (_caption_table(lines, i, False), _section_width(lines, i)):
        return False
    table.measure_label = split_row(lines[i])[0]
    table.header_lines = (*table.header_lines, i + 1)
    table.header_text = f"{table.header_text}\n{lines[i].strip()}"
    kinds[i + 1] = ("table_header", table.table_id)
    return True


def _make_row(
    doc: Document,
    table: Table,
    pending: list[int],
    i: int,
    label: str,
    values: list[Token],
    issues: list[Issue],
) -> Row:
    lines = doc.lines
    width = len(table.columns)
    label_lines = [*pending, i] if label or not pending else pending
    parts = [split_row(lines[k])[0] for k in pending] + ([label] if label else [])
    full_label = clean_label(" ".join(parts))
    if not full_label and values and values[0].is_marker:
        # '-' printed where the label stands: a member (no outcome yet), not a cell.
        full_label, values = values[0].text, values[1:]
    first = (pending[0] if pending else i) + 1
    raw_text = "\n".join(lines[k] for k in range(first - 1, i + 1))
    damaged = False
    if len(values) > width:
        # More numbers than columns: the first ones belong to the label.
        extra, values = values[:-width], values[-width:]
        full_label = (full_label + " " + " ".join(t.text for t in extra)).strip()
        if extra:
            issues.append(
                _issue(
                    doc,
                    table,
                    i + 1,
                    "warning",
                    "number_read_as_label",
                    f"the row prints {len(extra) + width} values where the header has {width} "
                    f"columns; the first ({', '.join(t.text for t in extra)}) are read as part "
                    f"of the label '{full_label}'",
                    raw_text,
                )
            )
    elif len(values) < width and _damaged_tail(full_label):
        damaged = True
        issues.append(
            _issue(
                doc,
                table,
                i + 1,
                "error",
                "damaged_number",
                f"row '{full_label}' prints {len(values)} values where the header has {width} "
                f"columns and its label ends in '{_damaged_tail(full_label)}', which holds "
                "figures: a number may be misprinted or split, so no cell of the row is filled",
                raw_text,
            )
        )
    elif _ends_in_number(full_label):
        issues.append(
            _issue(
                doc,
                table,
                i + 1,
                "warning",
                "number_read_as_label",
                f"the label '{full_label}' ends in a number that is not one of the row's "
                f"{width} values; it is kept as label text",
                raw_text,
            )
        )
    return Row(
        damaged=damaged,
        number=len(table.rows) + 1,
        label=full_label,
        label_line=label_lines[0] + 1,
        values_line=i + 1,
        first_line=first,
        last_line=i + 1,
        raw_text=raw_text,
        tokens=values,
        is_total=is_total_label(full_label),
    )


def _damaged_tail(label: str) -> str | None:
    """The label's last words when they hold figures that may be misprinted cells: a typo
    inside a number ('5z1'), or a number the rest of the label does not end with
    ('Harassment 448 5z1'). A code alone ('08/65', '8L') is a label."""
    words = label.split()
    tail: list[str] = []
    for word in reversed(words):
        if not any(c.isdigit() for c in word):
            break
        tail.insert(0, word)
    typo = any(TYPO_NUMBER.match(w) for w in tail)
    bare = any(NUMBER.match(w.rstrip(",.;:")) for w in tail) and len(tail) < len(words)
    return " ".join(tail) if typo or bare else None


def _ends_in_number(label: str) -> bool:
    """'Harassment 77,' or 'Offences 12': a label whose last word is a number (a date such
    as '31 March 2020' is not)."""
    words = label.split()
    if len(words) < 2 or not NUMBER.match(words[-1].rstrip(",.;:")):
        return False
    return month_number(words[-2]) is None


def _wrap_continues(
    lines: tuple[str, ...], i: int, parts: int = 1, width: int | None = None
) -> bool:
    """True when label-only lines from i lead to a line of numbers (a wrapped label of at
    most MAX_WRAP lines; ``parts`` are already read)."""
    while i < len(lines):
        line = lines[i]
        if not line.strip() or is_rule(line):
            i += 1
            continue
        if _ends_table(lines, i, width):
            return False
        if split_row(line)[1]:
            return True
        parts += 1
        if parts > MAX_WRAP:
            return False
        i += 1
    return False


# ---------------------------------------------------------------------------------------
# Tables printed one cell per line ('Crimes |' / '991 |')
# ---------------------------------------------------------------------------------------


def _single_cells(lines: tuple[str, ...], i: int) -> list[Token]:
    """The run of one-cell pipe lines from line i (blank lines between are allowed)."""
    cells: list[Token] = []
    k = i
    while k < len(lines):
        if not lines[k].strip():
            k += 1
            continue
        match = SINGLE_CELL.match(lines[k])
        if not match:
            break
        text = match.group(1)
        canonical = None
        if NUMBER_WITH_SPACES.match(text) and not NUMBER.match(text):
            canonical = re.sub(r"\s+", "", text)
        cells.append(Token(text, match.start(1), match.end(1), canonical, k + 1))
        k += 1
    return cells


def _label_cell(token: Token) -> bool:
    return not is_value(token) or bool(YEAR.match(token.text))


def _arrangements(cells: list[Token]) -> list[tuple[int, bool]]:
    """Every (cells per row, rows labelled) into which the cells fall: a header row, then
    rows of a label and values, or (unlabelled) a header of labels then rows of values."""
    n = len(cells)
    found = []
    for h in range(2, n):
        if (n - h) % h:
            continue
        header, rows = cells[:h], [cells[k : k + h] for k in range(h, n, h)]
        if is_value(header[0]) or not all(_label_cell(t) for t in header[1:]):
            continue
        if all(_label_cell(r[0]) and all(is_value(t) for t in r[1:]) for r in rows) and any(
            t.value is not None for r in rows for t in r[1:]
        ):
            found.append((h, True))
    lead = next((k for k, t in enumerate(cells) if is_value(t)), n)
    rest = cells[lead:]
    values_only = bool(rest) and all(is_value(t) for t in rest)
    if lead and values_only and len(rest) % lead == 0 and any(t.value is not None for t in rest):
        found.append((lead, False))
    return found


def _cell_per_line_table(
    doc: Document,
    i: int,
    ctx: _Context,
    tables: list[Table],
    kinds: dict[int, tuple[str, str | None]],
    issues: list[Issue],
    footnotes: list[tuple[int, str, str]],
) -> int | None:
    """A table printed one pipe cell per line, rebuilt when its cells fall into rows in
    exactly one way; otherwise an error names the lines. None when it holds no number."""
    lines = doc.lines
    cells = _single_cells(lines, i)
    if not any(t.value is not None for t in cells):
        return None
    end = (cells[-1].line or i + 1) if cells else i + 1
    found = _arrangements(cells)
    labelled = [f for f in found if f[1]]
    choice = labelled if labelled else found
    if len(choice) != 1:
        why = "in several ways" if choice else "in no way"
        issues.append(
            Issue(
                doc.document_id,
                doc.file_name,
                i + 1,
                "error",
                "cells_not_arranged",
                f"lines {i + 1}-{end} print one table cell per line; the {len(cells)} cells "
                f"fall into a header and rows {why}, so no table is read from them",
                "\n".join(lines[i:end]),
            )
        )
        for k in range(i, end):
            if lines[k].strip():
                kinds[k + 1] = ("prose", None)
        return end
    h, has_labels = choice[0]
    header_cells = cells[:h]
    texts = [t.text for t in header_cells]
    caption, labels = (texts[0], texts[1:]) if has_labels else (None, texts)
    header = _Header([t.line - 1 for t in header_cells if t.line], caption, None, labels)
    header.text = "\n".join(lines[k].strip() for k in header.lines)
    table = _new_table(doc, header, ctx, len(tables) + 1, issues, footnotes)
    for k in header.lines:
        kinds[k + 1] = ("table_header", table.table_id)
    for k in range(h, len(cells), h):
        chunk = cells[k : k + h]
        label_token = chunk[0] if has_labels else None
        values = chunk[1:] if has_labels else chunk
        first = (label_token or values[0]).line or 0
        last = values[-1].line or 0
        if label_token is not None and label_token.line is not None:
            kinds[label_token.line] = ("table_label_part", table.table_id)
        table.rows.append(
            Row(
                number=len(table.rows) + 1,
                label=clean_label(label_token.text) if label_token else "",
                label_line=first,
                values_line=last,
                first_line=first,
                last_line=last,
                raw_text="\n".join(lines[first - 1 : last]),
                tokens=values,
                is_total=bool(label_token) and is_total_label(label_token.text),  # type: ignore[union-attr]
            )
        )
    table.last_line = end
    _close_table(doc, table, ctx, kinds, issues)
    tables.append(table)
    return end


def _is_label_text(text: str) -> bool:
    return bool(text) and (not is_value_token(text) or bool(YEAR.match(text)))


def _is_period_text(text: str) -> bool:
    return parse_period_label(text, None) is not None


def _stops_block(line: str) -> bool:
    return question_on(line) is not None


CELL_SHAPES = cell_per_line.Shapes(
    is_value=is_value_token,
    is_label=_is_label_text,
    is_period=_is_period_text,
    stops=_stops_block,
)


def _one_word_cell(lines: tuple[str, ...], i: int) -> bool:
    """Line i holds one short cell and nothing else (no pipe, no second value)."""
    if i >= len(lines):
        return False
    text = lines[i].strip()
    return bool(text) and "|" not in text and len(text.split()) <= 2 and not split_row(text)[1]


def _pipe_cells_only(lines: tuple[str, ...], i: int) -> bool:
    """The run from line i is only 'cell |' lines: the reader above handles it."""
    k = i
    seen = False
    while k < len(lines):
        if not lines[k]:
            k += 1
            continue
        if not SINGLE_CELL.match(lines[k]):
            stripped = lines[k].strip()
            return seen and stripped != "|" and bool(stripped)
        seen = True
        k += 1
    return seen


def _block_under_pipe_header(
    doc: Document,
    i: int,
    ctx: _Context,
    tables: list[Table],
    kinds: dict[int, tuple[str, str | None]],
    issues: list[Issue],
    footnotes: list[tuple[int, str, str]],
) -> int | None:
    """A pipe header line ('Force area | 1998-99 | ... |') over cells printed one per line."""
    lines = doc.lines
    cells = pipe_cells(lines[i])
    if cells is None or len(cells) < 3 or not all(c.text for c in cells):
        return None
    k = _next_nonblank(lines, i + 1)
    below = pipe_cells(lines[k]) if k is not None else None
    if k is None or (below is not None and len(below) > 1):
        return None
    block = cell_per_line.read_block(lines, k, CELL_SHAPES, [c.text for c in cells])
    if block is None:
        return None
    return _block_table(doc, block, i, ctx, tables, kinds, issues, footnotes)


def _block_table(
    doc: Document,
    block: cell_per_line.Block,
    header_index: int | None,
    ctx: _Context,
    tables: list[Table],
    kinds: dict[int, tuple[str, str | None]],
    issues: list[Issue],
    footnotes: list[tuple[int, str, str]],
) -> int:
    """The table of a block of cells printed one per line; the next line index to read."""
    lines = doc.lines
    width = len(block.rows[0])
    if header_index is not None:
        texts = [c.text for c in pipe_cells(lines[header_index]) or []]
        caption, labels, header_lines = texts[0], texts[1:], [header_index]
    elif block.labels:
        caption = block.caption.text if block.caption else None
        labels = [item.text or "" for item in block.labels]
        header_lines = [n - 1 for n in block.header_lines]
    else:
        caption, labels = None, [""] * (width - 1)
        header_lines = [(block.opener_lines or [block.rows[0][0].line])[0] - 1]
    header = _Header(header_lines, caption, None, labels)
    header.text = "\n".join(lines[k].strip() for k in header.lines)
    table = _new_table(doc, header, ctx, len(tables) + 1, issues, footnotes)
    table.blanks_as_printed = True
    table.last_line = block.end
    for k in header.lines:
        kinds[k + 1] = ("table_header", table.table_id)
    printed_count = 0
    for items in block.rows:
        label, values = items[0], items[1:]
        tokens = [_item_token(lines, v) for v in values]
        printed_count = len(tokens)
        tokens += [Token("", 0, 0, None, None)] * (width - 1 - len(tokens))
        last = values[-1].line if values else label.line
        kinds[label.line] = ("table_label_part", table.table_id)
        table.rows.append(
            Row(
                number=len(table.rows) + 1,
                label=clean_label(label.text or ""),
                label_line=label.line,
                values_line=last,
                first_line=label.line,
                last_line=last,
                raw_text="\n".join(lines[label.line - 1 : last]),
                tokens=tokens,
                is_total=is_total_label(label.text or ""),
            )
        )
    for n in block.opener_lines:
        kinds[n] = ("table_label_part", table.table_id)
    for n in block.skipped_lines:
        kinds[n] = ("prose", None)
    reason = _not_figures(table)
    if reason is not None:
        _read_as_text(doc, table, reason, kinds, issues)
        return block.end
    _close_table(doc, table, ctx, kinds, issues)
    if block.cut_off and table.rows:
        last_row = table.rows[-1]
        last_row.cells = [c for c in last_row.cells if c.column <= printed_count]
    _report_incomplete(doc, table, block.cut_off, issues)
    tables.append(table)
    return block.end


def _flat_table(
    doc: Document,
    i: int,
    flat: flattened.FlatTable,
    ctx: _Context,
    tables: list[Table],
    kinds: dict[int, tuple[str, str | None]],
    issues: list[Issue],
    footnotes: list[tuple[int, str, str]],
) -> int:
    """A table flattened onto line i; the next line index."""
    header = _Header([i], flat.caption, None, [w.text for w in flat.columns])
    header.text = " ".join([flat.caption or "", *(w.text for w in flat.columns)]).strip()
    table = _new_table(doc, header, ctx, len(tables) + 1, issues, footnotes)
    for label, figures in flat.rows:
        table.rows.append(
            Row(
                number=len(table.rows) + 1,
                label=clean_label(label),
                label_line=i + 1,
                values_line=i + 1,
                first_line=i + 1,
                last_line=i + 1,
                raw_text=doc.lines[i],
                tokens=[Token(w.text, w.start, w.end) for w in figures],
                is_total=is_total_label(label),
            )
        )
    table.last_line = i + 1
    _close_table(doc, table, ctx, kinds, issues)
    tables.append(table)
    return i + 1


def _list_table(
    doc: Document,
    items: list[lists.ListItem],
    ctx: _Context,
    tables: list[Table],
    kinds: dict[int, tuple[str, str | None]],
    issues: list[Issue],
    footnotes: list[tuple[int, str, str]],
) -> int:
    """A list of figures ('2019 – 768'): a table of one unnamed column; the next line index."""
    # No header: the line above introduces the list.
    header = _Header([max(items[0].line - 2, 0)], None, None, [""])
    table = _new_table(doc, header, ctx, len(tables) + 1, issues, footnotes)
    table.header_text = ""
    for item in items:
        token = Token(item.value, item.start, item.end)  # words in place of a figure: no value
        table.rows.append(
            Row(
                number=len(table.rows) + 1,
                label=item.label,
                label_line=item.line,
                values_line=item.line,
                first_line=item.line,
                last_line=item.line,
                raw_text=doc.lines[item.line - 1],
                tokens=[token],
                is_total=is_total_label(item.label),
            )
        )
    table.last_line = items[-1].line
    reason = _not_figures(table)
    if reason is not None:
        _read_as_text(doc, table, reason, kinds, issues)
        return items[-1].line
    _close_table(doc, table, ctx, kinds, issues)
    tables.append(table)
    return items[-1].line


def _item_token(lines: tuple[str, ...], item: cell_per_line.Item) -> Token:
    """A cell printed on a line of its own, with its offsets in that line."""
    text = item.text or ""
    start = max(lines[item.line - 1].find(text), 0) if text else 0
    return Token(text, start, start + len(text), None, item.line)


def _unit_list_table(
    doc: Document,
    i: int,
    items: list[lists.UnitItem],
    ctx: _Context,
    tables: list[Table],
    kinds: dict[int, tuple[str, str | None]],
    issues: list[Issue],
    footnotes: list[tuple[int, str, str]],
) -> int:
    """Items giving a name, a figure and one shared unit, under optional headings: a table
    of one column named by the unit; the heading leads each row's path."""
    header = _Header([max(i - 1, 0)], None, None, [items[0].unit])
    table = _new_table(doc, header, ctx, len(tables) + 1, issues, footnotes)
    table.header_text = ""
    for item in items:
        table.rows.append(
            Row(
                number=len(table.rows) + 1,
                label=item.label,
                label_line=item.line,
                values_line=item.line,
                first_line=item.line,
                last_line=item.line,
                raw_text=doc.lines[item.line - 1],
                tokens=[Token(item.value, item.start, item.end)],
            )
        )
    table.last_line = items[-1].line
    _close_table(doc, table, ctx, kinds, issues)
    headings = sorted({n for n in range(i + 1, items[-1].line) if n not in kinds})
    for row, item in zip(table.rows, items, strict=True):
        row.path = f"{item.group} > {row.label}" if item.group else row.label
        issues.append(
            _issue(
                doc,
                table,
                item.line,
                "info",
                "list_item_text",
                f"'{item.value} {item.unit}' is the figure of '{row.label}'; the rest of the "
                "line is text about the item (dates, addresses), not figures",
                doc.lines[item.line - 1],
            )
        )
    for n in headings:
        if doc.lines[n - 1].strip():
            kinds[n] = ("table_label_part", table.table_id)
    tables.append(table)
    return items[-1].line


def _report_incomplete(doc: Document, table: Table, cut_off: bool, issues: list[Issue]) -> None:
    """A table whose text stops inside it, or that holds no figure at all, is never loaded
    as complete: an error on the table holds it back from the facts."""
    figures = any(c.value is not None for r in table.rows for c in r.cells)
    line = table.rows[-1].last_line if table.rows else table.header_line
    if not figures:
        code, message = "table_emptied", "the table prints no figure: every cell is blank"
    elif cut_off:
        code, message = "table_cut_off", "the text stops inside this table: its last row is cut"
    else:
        return
    issues.append(_issue(doc, table, line, "error", code, message, table.header_text))


# ---------------------------------------------------------------------------------------
# Cells, hierarchy and repairs
# ---------------------------------------------------------------------------------------


def _figures(row: Row, width: int) -> RowFigures:
    """A full row's vector (suppressed and blank cells are None: not comparable), or the
    printed numbers of a short row, whose missing cells the sums may prove."""
    tokens = row.tokens
    values = tuple(t.value for t in tokens)
    if row.damaged:
        return RowFigures(None, (), 0)  # no vector is compatible: the sums cannot fill it
    if len(tokens) == width:
        return RowFigures(values)
    printed = tuple(v for v in values if v is not None)
    # Short and suppressed: the printed numbers cannot be placed (compatible() rejects them).
    return RowFigures(None, printed, width - len(tokens))


def _finish_table(doc: Document, table: Table, year: int | None, issues: list[Issue]) -> None:
    width = len(table.columns)
    if not table.rows:
        issues.append(
            _issue(
                doc,
                table,
                table.header_line,
                "error",
                "table_without_rows",
                "a table header with no rows of numbers under it",
                table.header_text,
            )
        )
        table.hierarchy_status = "failed"
        return
    for row in table.rows:
        row.period = parse_period_label(row.label, year)
    body_rows = [r for r in table.rows if not r.is_total]
    months = month_start_series([r.label for r in body_rows])
    if months is not None and all(r.period is None for r in body_rows):
        for row, month in zip(body_rows, months, strict=True):
            row.period = month
    point = point_in_year(table.question_text or "")
    if point is not None:
        # 'How many officers at the start of each calendar year?': a year row is that day.
        for row in body_rows:
            if row.period is not None and row.period.grain == "year":
                row.period = at_point(row.period, point)
    table.period = _table_period(table, year)
    _cut_last_period(table)

    body = [r for r in table.rows if not r.is_total]
    totals = [r for r in table.rows if r.is_total]
    figures = [_figures(r, width) for r in body]
    total_fig = _figures(totals[-1], width) if totals else None
    if total_fig is not None and total_fig.values is None:
        total_fig = None  # a short total row is checked after the structure is known
    # Rows that are periods ('2011', 'Jan') are a series: one never groups the others.
    groups = not all(r.period is not None for r in body)
    # Rows with no figure at all (a blank template) give no sum that could group them.
    groups = groups and any(v is not None for f in figures for v in (f.values or f.printed))
    solution = infer_hierarchy(figures, width, total_fig, groups=groups) if width else None
    status = "reconciled"
    if solution is None:
        solution = infer_hierarchy(figures, width, total_fig, tolerance=1, groups=groups)
        status = "failed"
        issues.append(
            _issue(
                doc,
                table,
                table.header_line,
                "error",
                "totals_do_not_reconcile",
                "no grouping of the rows makes every group and total equal the sum of its parts"
                + (
                    "; the closest grouping is kept and each failing sum is in rpt_reconciliation"
                    if solution
                    else "; rows are kept ungrouped"
                ),
                table.header_text,
            )
        )
    if solution is None:
        tree: dict[int, tuple[int | None, int]] = {k: (None, 0) for k in range(len(body))}
        bindings: dict[int, tuple[int, ...]] = {}
        ambiguous: frozenset[int] = frozenset()
    else:
        tree = flatten(solution.roots)
        bindings = solution.bindings
        ambiguous = solution.ambiguous_rows
        if solution.mismatches:
            status = "failed"
    if not totals and status == "reconciled" and any(p is not None for p, _ in tree.values()):
        status = "unverified"  # groups found, but no grand total confirms the top level
    elif not totals and status == "reconciled":
        status = "flat"

    children = {p for p, _ in tree.values() if p is not None}
    for k, row in enumerate(body):
        parent, depth = tree.get(k, (None, 0))
        row.depth = depth
        row.parent = body[parent].number if parent is not None else None
        row.kind = "group" if k in children else "detail"
        row.path = row.label if parent is None else f"{body[parent].path} > {row.label}"
    for row in totals:
        row.kind, row.depth, row.path = "total", 0, row.label

    repaired = False
    for k, row in enumerate(body):
        fig = figures[k]
        if fig.values is not None:
            row.cells = _printed_cells(row, table)
        elif k in bindings and k not in ambiguous:
            row.cells = _repaired_cells(row, table, fig, bindings[k], body, tree, k)
            repaired = True
            note = next(c.repair_note for c in row.cells if c.repair_note)
            issues.append(
                _issue(doc, table, row.values_line, "warning", "cell_repaired", note, row.raw_text)
            )
        else:
            row.cells = _unproven_cells(row, table)
            why = (
                "two groupings of the table fill it differently"
                if k in ambiguous
                else "its label holds figures that may be its missing cells"
                if row.damaged
                else "no printed total determines which cell is missing"
            )
            issues.append(
                _issue(
                    doc,
                    table,
                    row.values_line,
                    "error",
                    "missing_cell_unproven",
                    f"row '{row.label}' has {len(row.tokens)} values where the header has "
                    f"{width} columns; {why}, so no value is invented",
                    row.raw_text,
                )
            )
            status = "failed"
    for row in totals:
        row.cells = (
            _printed_cells(row, table) if len(row.tokens) == width else _unproven_cells(row, table)
        )
        if len(row.tokens) != width:
            issues.append(
                _issue(
                    doc,
                    table,
                    row.values_line,
                    "error",
                    "missing_cell_unproven",
                    f"total row has {len(row.tokens)} values where the header has {width} columns",
                    row.raw_text,
                )
            )
            status = "failed"
    if not table.blanks_as_printed and _prove_blanks(doc, table, body, totals, tree, issues):
        repaired = True
    if _row_totals_disagree(doc, table, issues):
        status = "failed"
    if repaired and status == "reconciled":
        status = "reconciled_with_repairs"
    table.hierarchy_status = status
    _stray_space_issues(doc, table, issues)


def _stray_space_issues(doc: Document, table: Table, issues: list[Issue]) -> None:
    for row in table.rows:
        for token in row.tokens:
            if token.canonical is not None:
                issues.append(
                    _issue(
                        doc,
                        table,
                        token.line or row.values_line,
                        "info",
                        "number_with_stray_space",
                        f"'{token.text}' is read as {token.canonical}: a thousands-separated "
                        "number printed with a space inside it",
                        row.raw_text,
                    )
                )


def _blank_proofs(
    table: Table,
    body: list[Row],
    totals: list[Row],
    tree: dict[int, tuple[int | None, int]],
    k: int,
    c: int,
) -> list[tuple[int, str]]:
    """Values the printed sums give a blank cell (row k of the body, column index c), each
    with the relation that gives it: its details' sum, its group (or the grand total) less
    the other rows, or its row's Total less the other columns."""

    def cell(row: Row, column: int) -> int | None:
        status = row.cells[column].status
        return row.cells[column].value if status in ("printed", "repaired") else None

    proofs: list[tuple[int, str]] = []
    row = body[k]
    if not any(cell(row, x) is not None for x in range(len(table.columns))):
        return []  # a row that printed no number: no sum has placed it in the structure
    kids = [body[j] for j, (p, _) in tree.items() if p == k]
    if kids and all(cell(r, c) is not None for r in kids):
        proofs.append((sum(cell(r, c) or 0 for r in kids), "the sum of its detail rows"))
    parent = tree.get(k, (None, 0))[0]
    siblings = [body[j] for j, (p, _) in tree.items() if p == parent and j != k]
    above = body[parent] if parent is not None else (totals[-1] if totals else None)
    known = all(cell(r, c) is not None for r in siblings)
    if above is not None and above.cells and cell(above, c) is not None and known:
        rest = sum(cell(r, c) or 0 for r in siblings)
        name = f"row '{above.label}' (line {above.values_line})"
        proofs.append(((cell(above, c) or 0) - rest, f"{name} less the other rows under it"))
    total_columns = [n - 1 for n, col in enumerate(table.columns, 1) if col.kind == "total"]
    if len(total_columns) == 1:
        t = total_columns[0]
        others = [x for x in range(len(table.columns)) if x not in (t, c)]
        if all(cell(row, x) is not None for x in others):
            rest = sum(cell(row, x) or 0 for x in others)
            if c == t:
                proofs.append((rest, "the sum of the row's other columns"))
            elif cell(row, t) is not None:
                proofs.append(((cell(row, t) or 0) - rest, "the row's Total less its other cells"))
    return proofs


def _prove_blanks(
    doc: Document,
    table: Table,
    body: list[Row],
    totals: list[Row],
    tree: dict[int, tuple[int | None, int]],
    issues: list[Issue],
) -> bool:
    """Blank cells of a delimited table (printed as nothing, in their place): filled where
    the printed sums agree on a value, else recorded as missing with a warning."""
    repaired = False
    for k, row in enumerate(body):
        for c, cell in enumerate(row.cells):
            if cell.printed_token != "" or cell.status != "missing":
                continue
            proofs = _blank_proofs(table, body, totals, tree, k, c)
            found = {v for v, _ in proofs}
            label = table.columns[c].label
            if len(found) == 1 and min(found) >= 0:
                value = found.pop()
                why = "; ".join(w for _, w in proofs)
                tag = "blank-proven-zero" if value == 0 else "blank-proven"
                cell.value, cell.status = value, "repaired"
                cell.repair_note = (
                    f"{tag}: row '{row.label}' printed nothing in column {label}; "
                    f"{why} gives {value}, so it is filled from the totals"
                )
                repaired = True
                issues.append(
                    _issue(
                        doc,
                        table,
                        cell.line_number,
                        "warning",
                        "cell_repaired",
                        cell.repair_note,
                        row.raw_text,
                    )
                )
                continue
            why = (
                "the printed sums give different values " + str(sorted(found))
                if len(found) > 1
                else "no printed sum gives a value"
                if not found
                else "the printed sums give a negative value"
            )
            issues.append(
                _issue(
                    doc,
                    table,
                    cell.line_number,
                    "warning",
                    "blank_cell",
                    f"row '{row.label}' column {label} is blank; {why}, so it is recorded "
                    "as missing, not as zero",
                    row.raw_text,
                )
            )
    return repaired


def _row_totals_disagree(doc: Document, table: Table, issues: list[Issue]) -> bool:
    """Each row's Total column against the sum of its other cells; an error per row that
    disagrees (the column sums are what the hierarchy search checks)."""
    totals = [c.number for c in table.columns if c.kind == "total"]
    if len(totals) != 1 or len(table.columns) < 2:
        return False  # a Total column alone has no other cells to add up
    total_column = totals[0]
    disagree = False
    for row in table.rows:
        values = {c.column: c.value for c in row.cells}
        parts = [v for n, v in values.items() if n != total_column]
        total = values.get(total_column)
        if total is None or any(v is None for v in parts):
            continue
        found = sum(v for v in parts if v is not None)
        if found != total:
            disagree = True
            issues.append(
                _issue(
                    doc,
                    table,
                    row.values_line,
                    "error",
                    "row_total_mismatch",
                    f"row '{row.label}': printed {table.columns[total_column - 1].label} "
                    f"{total} but its other cells add up to {found}",
                    row.raw_text,
                )
            )
    return disagree


def _table_period(table: Table, year: int | None) -> Period | None:
    spans = [c.period for c in table.columns if c.period] + [
        r.period for r in table.rows if r.period
    ]
    asked = table.context_period
    if spans:
        period = spans[0]
        for p in spans[1:]:
            period = period.union(p)
        if asked is not None and (_same_span(period, asked) or _ends_inside(table, asked)):
            return asked  # the rows cover the span asked for, as the text prints it
        return period
    if year is not None:
        return year_period(year)
    return asked


def _cut_last_period(table: Table) -> None:
    """The last row of a series ends where the span asked about ends ('2021' of a request
    up to 19 October 2021 runs to that day)."""
    asked = table.context_period
    body = [r for r in table.rows if not r.is_total]
    if asked is None or table.period != asked or not body or body[-1].period is None:
        return
    last = body[-1].period
    if last.start <= asked.end < last.end:
        body[-1].period = Period(last.start, asked.end, grain_of(last.start, asked.end))


def _ends_inside(table: Table, asked: Period) -> bool:
    """Rows of periods whose first row holds the asked span's start and whose last row its
    end ('2016' ... '2021' asked from January 2016 to 19 October 2021)."""
    periods = [r.period for r in table.rows if not r.is_total]
    if not periods or any(p is None for p in periods):
        return False
    first, last = periods[0], periods[-1]
    assert first is not None and last is not None
    return first.start <= asked.start <= first.end and last.start <= asked.end <= last.end


def _same_span(ours: Period, asked: Period, days: int = 31) -> bool:
    return abs((ours.start - asked.start).days) <= days and abs((ours.end - asked.end).days) <= days


def _token_cell(column: Column, row: Row, token: Token) -> Cell:
    if token.value is not None:
        status = "printed"
    elif token.text == "":
        status = "missing"  # a blank cell in its place: _prove_blanks may fill it
    else:
        status = "suppressed"
    line = token.line or row.values_line
    return Cell(column.number, line, token.text, token.value, status, None, token.start, token.end)


def _printed_cells(row: Row, table: Table) -> list[Cell]:
    return [_token_cell(col, row, tok) for col, tok in zip(table.columns, row.tokens, strict=True)]


def _unproven_cells(row: Row, table: Table) -> list[Cell]:
    """A short row that cannot be proven keeps its tokens unplaced: no cell gets a value."""
    return [Cell(col.number, row.values_line, None, None, "missing") for col in table.columns]


def _repaired_cells(
    row: Row,
    table: Table,
    fig: RowFigures,
    full: tuple[int, ...],
    body: list[Row],
    tree: dict[int, tuple[int | None, int]],
    k: int,
) -> list[Cell]:
    placements = compatible(fig.printed, full, fig.missing)
    # Cells that are missing under some placement: whichever it was, the values agree.
    uncertain = sorted({c for gap in placements for c in gap})
    gap_labels = ", ".join(table.columns[c].label for c in uncertain)
    parent, _ = tree.get(k, (None, 0))
    if any(p == k for p, _ in tree.values()):
        kids = [body[c].values_line for c, (p, _) in tree.items() if p == k]
        basis = f"the sum of its detail rows (lines {min(kids)}-{max(kids)})"
    elif parent is not None:
        basis = (
            f"its group row '{body[parent].label}' (line {body[parent].values_line}) "
            "minus the other rows of that group"
        )
    else:
        basis = "the grand total row minus the other top-level rows"
    where = (
        f"column {gap_labels}"
        if len(uncertain) == fig.missing
        else f"one of columns {gap_labels} (all give the same values)"
    )
    note = (
        f"row '{row.label}' printed {len(row.tokens)} of {len(table.columns)} values; "
        f"{basis} gives {list(full)}; the printed values are exactly that with the "
        f"{where} left out, so it is filled from the totals"
    )
    if all(full[c] == 0 for c in uncertain):
        # A whitespace table shows a blank cell only as a missing token: here it was a zero.
        note = f"blank-proven-zero: {note}"
    printed_iter = iter(row.tokens)
    first_gap = set(placements[0])
    cells = []
    for c, col in enumerate(table.columns):
        tok = None if c in first_gap else next(printed_iter)
        cells.append(
            Cell(
                col.number,
                row.values_line,
                tok.text if tok else None,
                full[c],
                "repaired" if c in uncertain else "printed",
                note if c in uncertain else None,
                tok.start if tok else None,
                tok.end if tok else None,
            )
        )
    return cells


def _issue(
    doc: Document,
    table: Table,
    line: int,
    severity: str,
    code: str,
    message: str,
    printed: str | None,
) -> Issue:
    return Issue(
        doc.document_id,
        doc.file_name,
        line,
        severity,  # type: ignore[arg-type]
        code,
        f"table {table.number} (line {table.header_line}): {message}",
        printed,
        table.table_id,
    )


def as_date(period: Period | None, which: str) -> date | None:
    if period is None:
        return None
    return period.start if which == "start" else period.end


# ---------------------------------------------------------------------------------------
# Accounting: every number on a table line is a cell or is named by an issue
# ---------------------------------------------------------------------------------------

TABLE_LINE_KINDS = frozenset({"table_header", "table_row", "table_group_row", "table_total_row"})


class NumberWord(NamedTuple):
    text: str
    start: int
    end: int


def numeric_tokens(line: str) -> list[NumberWord]:
    """Every number printed on a line: a word between blanks or pipes that is a number
    ('1,837', '0'); '77,' or '(1)' are text unless a cell's token takes them in."""
    return [
        NumberWord(m.group(0), m.start(), m.end())
        for m in CELL_WORD.finditer(line)
        if NUMBER.match(m.group(0))
    ]


def _header_numbers(table: Table) -> set[str]:
    """Numbers the header's labels, caption and measure use, and its years (a year in a
    header line names the period of the figures: '2022 No. of Crimes')."""
    texts = [c.label for c in table.columns] + [table.row_caption or "", table.measure_label or ""]
    found = {t.text for text in texts for t in numeric_tokens(text)}
    return found | {str(y) for y in years_in(table.header_text)}


def _label_numbers(line: str, row: Row, cells: list[Cell]) -> set[int]:
    """Start offsets of numbers that are label text: inside the label before another word
    ('Sec 1 (1) which ...'), a year after a month ('31 March 2020'), or the whole label
    ('2017' in '2017 1,204'). A number that ends a longer label needs an issue."""
    starts = [c.start for c in cells if c.start is not None]
    label_end = min(starts) if starts else len(line)
    words = [m for m in re.finditer(r"[^\s|]+", line) if m.end() <= label_end]
    out = {w.start() for w in words[:-1]}
    if len(words) >= 2 and month_number(words[-2].group(0)) is not None:
        out.add(words[-1].start())
    if words and row.label == words[-1].group(0).rstrip(":"):
        out.add(words[-1].start())
    return out


def unaccounted_numbers(doc: Document, parsed: ParsedTables) -> list[Issue]:
    """An error for each number on a line read as a table header or row that is neither a
    cell's printed token nor named by an issue on that line: nothing printed is lost."""
    by_id = {t.table_id: t for t in parsed.tables}
    # Cells and rows by the line they are printed on: one pass, not one per line.
    cells_on: dict[tuple[str, int], list[Cell]] = {}
    rows_on: dict[tuple[str, int], list[Row]] = {}
    for table in parsed.tables:
        for row in table.rows:
            rows_on.setdefault((table.table_id, row.values_line), []).append(row)
            for cell in row.cells:
                cells_on.setdefault((table.table_id, cell.line_number), []).append(cell)
    named: dict[int, list[str]] = {}
    for issue in parsed.issues:
        if issue.line_number is not None:
            named.setdefault(issue.line_number, []).append(
                f"{issue.message}\n{issue.printed_text or ''}"
            )
    found: list[Issue] = []
    for number, (kind, table_id) in sorted(parsed.line_kinds.items()):
        table = by_id.get(table_id or "")
        if kind not in TABLE_LINE_KINDS or table is None or not 0 < number <= len(doc.lines):
            continue
        line = doc.lines[number - 1]
        cells = cells_on.get((table.table_id, number), [])
        spans = [(c.start, c.end) for c in cells if c.start is not None and c.end is not None]
        exact = set(spans)
        rows = rows_on.get((table.table_id, number), [])
        label_starts = _label_numbers(line, rows[0], cells) if rows else set()
        on_header = kind == "table_header" or number in table.header_lines  # a flat table
        header = _header_numbers(table) if on_header else set()
        for token in numeric_tokens(line):
            # Most numbers are exactly a cell's token; only the rest are searched for.
            if (token.start, token.end) in exact or any(
                a <= token.start and token.end <= b for a, b in spans
            ):
                continue
            if token.start in label_starts or token.text in header:
                continue
            if any(token.text in text for text in named.get(number, [])):
                continue
            found.append(
                _issue(
                    doc,
                    table,
                    number,
                    "error",
                    "unaccounted_number",
                    f"'{token.text}' (character {token.start + 1}) is on a {kind} line but is "
                    "neither a cell nor named by an issue on that line",
                    line,
                )
            )
    return found
