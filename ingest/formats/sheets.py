"""Spreadsheets (XLSX, ODS) -> lines for the text parsers, each cell located (``Table P1!I34``).

Every sheet is read with polars' ``read_excel`` (calamine engine, no header row, every cell as
its stored text: a formula gives the value the workbook stored). Each sheet is rendered in
row order:

- a row whose only cell is in the sheet's first used column (a title, a subtitle, a note
  above or below the table, 'Source: ...') is a text line, as a reply would print it;
- a run of rows that hold cells in two or more columns (with the blank rows between
  them) is a grid, rendered as pipe-table lines (``| label | 4876282 | 1395196 |``);
  the columns left of the first column that holds a figure in the grid are the row label
  (an area code and an area name become one label, ``E23000014 West Midlands``), and a
  column that is blank over the whole grid (a separator) is left out;
- a blank row outside a grid is a blank line; sheets are separated by a blank line.

Nothing is read into figures here and nothing is dropped: every non-empty cell is printed
on exactly one line, at a ``CellSource`` naming its sheet and address.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import polars as pl

from ingest.formats import CellSource, LineSource, Rendered, UnreadableFormat

# A figure as a spreadsheet stores it: optional sign, digits, optional decimals or exponent;
# or a suppression mark printed in place of a figure ('..', '*', '-', 'x', 'n/a').
FIGURE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?%?|\.\.|[*x-]|n/?a", re.IGNORECASE)
NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?%?")


@dataclass(frozen=True)
class Sheet:
    """One sheet's non-empty cells by (row, column), 0-based from the sheet's cell A1."""

    name: str
    cells: dict[tuple[int, int], str]
    height: int


def column_letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def address(sheet: str, row: int, column: int) -> str:
    """``Table P1!I34`` for the 0-based (row, column) of a sheet."""
    return f"{sheet}!{column_letters(column)}{row + 1}"


def cell_text(value: object) -> str:
    """A cell's stored text on one line: line breaks in a cell become spaces, and a pipe
    (the rendered grid's delimiter) a broken bar."""
    text = str(value).replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return text.replace("|", "\u00a6").replace("\u00a0", " ").replace("\t", " ")


def read_sheets(data: bytes, fmt: str) -> list[Sheet]:
    """Every sheet of the workbook, its non-empty cells as stored text."""
    try:
        frames = pl.read_excel(
            io.BytesIO(data),
            sheet_id=0,
            engine="calamine",
            has_header=False,
            infer_schema_length=0,
            drop_empty_rows=False,
            drop_empty_cols=False,
            raise_if_empty=False,
        )
    except Exception as exc:  # calamine's errors: encrypted, corrupt, not a workbook
        raise UnreadableFormat(
            f"cannot read the {fmt} workbook: {type(exc).__name__}: {exc}"
        ) from exc
    sheets = []
    for name, frame in frames.items():
        cells: dict[tuple[int, int], str] = {}
        for c, column in enumerate(frame.columns):
            for r, value in enumerate(frame.get_column(column).to_list()):
                if value is not None and str(value).strip():
                    cells[(r, c)] = cell_text(value).strip()
        sheets.append(Sheet(name, cells, frame.height))
    return sheets


def _rows(sheet: Sheet) -> dict[int, list[int]]:
    rows: dict[int, list[int]] = {}
    for r, c in sorted(sheet.cells):
        rows.setdefault(r, []).append(c)
    return rows


def _grids(rows: dict[int, list[int]], first_column: int) -> list[tuple[int, int]]:
    """(first row, last row) of each run of grid rows (cells in two or more columns, or one
    cell right of the first column: 'Numbers' over a column), joined over blank rows."""
    wide = [r for r, cols in sorted(rows.items()) if len(cols) >= 2 or cols[0] != first_column]
    runs: list[tuple[int, int]] = []
    for r in wide:
        if runs and all(k not in rows for k in range(runs[-1][1] + 1, r)):
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    return runs


def _label_columns(sheet: Sheet, rows: dict[int, list[int]], grid: tuple[int, int]) -> int:
    """The first column that holds a figure in the grid: the columns left of it are the
    row label. 1 (the first column only) when no column holds a figure."""
    figure_columns = [
        c
        for r in range(grid[0], grid[1] + 1)
        for c in rows.get(r, [])
        if NUMBER.fullmatch(sheet.cells[(r, c)].replace(" ", ""))
    ]
    first = min(c for r in range(grid[0], grid[1] + 1) for c in rows.get(r, [0]))
    if not figure_columns:
        return first + 1
    return max(min(figure_columns), first + 1)


def _pipe_line(
    sheet: Sheet, r: int, label_columns: list[int], value_columns: list[int]
) -> tuple[str, LineSource]:
    """Row r as ``| label | a | b |``: the label cells joined by a space, one pipe cell per
    value column (blank when the sheet's cell is), each printed cell located."""
    line = "|"
    sources: list[CellSource] = []
    for k, c in enumerate([*label_columns, None, *value_columns]):  # None: the label ends
        if c is None:
            line += " |"
            continue
        text = sheet.cells.get((r, c))
        if text is not None:
            start = len(line) + 1
            line += " " + text
            sources.append(CellSource(start, start + len(text), address(sheet.name, r, c)))
        if k > len(label_columns):
            line += " |"
    return line, LineSource(f"{sheet.name} row {r + 1}", None, sheet.name, tuple(sources))


def _grid_lines(
    sheet: Sheet, rows: dict[int, list[int]], grid: tuple[int, int]
) -> list[tuple[str, LineSource]]:
    label_end = _label_columns(sheet, rows, grid)
    used = sorted({c for r in range(grid[0], grid[1] + 1) for c in rows.get(r, [])})
    label_columns = [c for c in used if c < label_end]
    value_columns = [c for c in used if c >= label_end]  # blank separator columns left out
    # A blank row inside a grid prints no line: the grid goes on.
    return [
        _pipe_line(sheet, r, label_columns, value_columns)
        for r in range(grid[0], grid[1] + 1)
        if r in rows
    ]


def render_sheet(sheet: Sheet) -> list[tuple[str, LineSource]]:
    rows = _rows(sheet)
    if not rows:
        return []
    first_column = min(c for cols in rows.values() for c in cols)
    grids = _grids(rows, first_column)
    starts = {g[0]: g for g in grids}
    out: list[tuple[str, LineSource]] = []
    r = 0
    last = max(rows)
    while r <= last:
        if r in starts:
            out.extend(_grid_lines(sheet, rows, starts[r]))
            r = starts[r][1] + 1
            continue
        source = f"{sheet.name} row {r + 1}"
        if r in rows:
            (c,) = rows[r]
            text = sheet.cells[(r, c)]
            cell = CellSource(0, len(text), address(sheet.name, r, c))
            out.append((text, LineSource(source, None, sheet.name, (cell,))))
        else:
            out.append(("", LineSource(source, None, sheet.name)))
        r += 1
    return out


def render_workbook(data: bytes, fmt: str) -> Rendered:
    """Every sheet of an XLSX or ODS workbook as lines, one ``LineSource`` per line."""
    if fmt not in ("xlsx", "ods"):
        raise ValueError(f"render_workbook reads xlsx and ods, not {fmt}")
    lines: list[str] = []
    sources: list[LineSource] = []
    for sheet in read_sheets(data, fmt):
        if lines:
            lines.append("")
            sources.append(LineSource(f"{sheet.name} (before the sheet)", None, sheet.name))
        for text, source in render_sheet(sheet):
            lines.append(text)
            sources.append(source)
    if not any(lines):
        raise UnreadableFormat(f"the {fmt} workbook has no non-empty cell")
    return Rendered(fmt, tuple(lines), tuple(sources))
