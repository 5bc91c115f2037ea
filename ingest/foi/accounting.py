"""Nothing printed is lost: every number on a line read as a table header or row is a
cell's printed token or is named by an issue on that line."""

from __future__ import annotations

import re
from typing import NamedTuple

from ingest.documents import Document
from ingest.foi.cells import _issue
from ingest.foi.model import Cell, ParsedTables, Row, Table
from ingest.foi.tokens import CELL_WORD, NUMBER
from ingest.issues import Issue
from ingest.periods import (
    month_number,
    years_in,
)

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
