"""What the table parser produces: tables, their columns, rows and cells."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ingest.foi.tokens import Token
from ingest.issues import Issue
from ingest.periods import (
    Period,
)


@dataclass
class Column:
    number: int  # 1-based
    label: str
    kind: str  # period | total | category
    period: Period | None = None
    note: str | None = None  # the footnote a marker on the label points to ('Charges*')
    group: str | None = None  # the headings printed over it ('Victim-based crime')
    parent: int | None = None  # the column it is a part of, proven by the figures
    depth: int = 0


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


def one_line_row(
    number: int,
    label: str,
    line_number: int,
    raw_text: str,
    tokens: list[Token],
    *,
    is_total: bool = False,
) -> Row:
    """A row printed on one line (lists, flattened and aligned tables): its label, its values
    and its first and last lines are all that line."""
    return Row(
        number=number,
        label=label,
        label_line=line_number,
        values_line=line_number,
        first_line=line_number,
        last_line=line_number,
        raw_text=raw_text,
        tokens=tokens,
        is_total=is_total,
    )


@dataclass
class Cell:
    column: int
    line_number: int
    printed_token: str | None
    value: int | Decimal | None  # a Decimal for money or a figure printed with decimals
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
