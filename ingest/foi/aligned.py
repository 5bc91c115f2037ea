"""A table aligned with wide gaps whose columns hold text as well as figures, such as a
list of records printed as a table:

    Crime ID    Date        Time    Longitude   Latitude    Location Type
    ffa5fa63    2021-01-25  15:01   -2.509930   51.410873   Street

Cells are separated by two or more spaces (a single space stays inside a cell). The table
is read only when every row has exactly the header's cells, each cell starting or ending
where its header cell does, and at least one column other than the first holds a figure in
every row while another holds text (dates, times, words): a table of figures alone is read
by the ordinary header reader. The first column labels the rows; the text columns are named
by an issue on each row, not read as figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.foi.tokens import Token

CELL = re.compile(r"\S+(?: \S+)*")  # words with single spaces between: one cell
MIN_COLUMNS = 3
MAX_BLANKS = 1  # blank lines allowed between two rows


@dataclass(frozen=True)
class AlignedCell:
    text: str
    start: int
    end: int


@dataclass
class AlignedTable:
    header: list[AlignedCell]
    rows: list[tuple[int, list[AlignedCell]]]  # (0-based line index, the row's cells)
    figure_columns: list[int]  # header indexes of the columns of figures
    text_columns: list[int]  # header indexes (after the first) of the columns of text


def _cells(line: str) -> list[AlignedCell]:
    return [AlignedCell(m.group(0), m.start(), m.end()) for m in CELL.finditer(line)]


def _is_figure(text: str) -> bool:
    token = Token(text, 0, len(text))
    return token.value is not None or token.is_marker


def _aligned(row: list[AlignedCell], header: list[AlignedCell]) -> bool:
    return len(row) == len(header) and all(
        c.start == h.start or c.end == h.end for c, h in zip(row, header, strict=True)
    )


def read_aligned(lines: tuple[str, ...], i: int) -> AlignedTable | None:
    """The aligned table whose header is line i, or None."""
    header = _cells(lines[i])
    if len(header) < MIN_COLUMNS or "  " not in lines[i].strip():
        return None
    if any(any(ch.isdigit() for ch in h.text) or not h.text[0].isalpha() for h in header):
        return None
    rows: list[tuple[int, list[AlignedCell]]] = []
    k = i + 1
    while k < len(lines):
        below = k
        while below < len(lines) and below - k < MAX_BLANKS and not lines[below].strip():
            below += 1
        if below >= len(lines):
            break
        cells = _cells(lines[below])
        if not _aligned(cells, header):
            break
        rows.append((below, cells))
        k = below + 1
    if not rows:
        return None
    figures = [
        c for c in range(1, len(header)) if all(_is_figure(cells[c].text) for _, cells in rows)
    ]
    texts = [c for c in range(1, len(header)) if c not in figures]
    if not figures or not texts or any(_is_figure(cells[0].text) for _, cells in rows):
        return None
    if not any(Token(cells[c].text, 0, 1).value is not None for _, cells in rows for c in figures):
        return None
    return AlignedTable(header, rows, figures, texts)
