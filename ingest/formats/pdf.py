"""A PDF (pdfplumber) -> lines, page by page, top to bottom: the text layer as lines (words
grouped into lines, see TEXT_LAYOUT), and each ruled table (``page.find_tables()``: a grid
drawn with the page's lines and rectangles) as pipe-table lines in its place.

Provenance: ``page P, line L`` for text (L counts the page's text lines), ``page P, table T,
row R`` and ``page P, table T, row R, column C`` for a ruled table's rows and cells.
Text printed sideways (a rotated column header) is read in its own direction. A PDF with no
text layer (a scan) is quarantined with ``no_text_layer`` (OCR is out of scope); a page of a
PDF that has none gets a warning. A password-protected or damaged PDF is quarantined.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from ingest.formats import (
    BREAK,
    CellSource,
    FormatIssue,
    LineSource,
    Rendered,
    UnreadableFormat,
)
from ingest.formats.html import pipe_line

# How a page's text becomes lines: False groups words into lines with one space between
# words; True keeps the columns' horizontal alignment with spaces (pdfplumber's layout).
# Measured on the round-trip replies (tests/formats): both read the same cells from ruled
# and unruled tables; words grouped into lines are kept, as shorter lines.
TEXT_LAYOUT = False


# A gap between two lines wider than this share of a line's height is a paragraph break.
PARAGRAPH_GAP = 0.8


@dataclass(frozen=True)
class _Item:
    top: float
    bottom: float
    lines: tuple[tuple[str, LineSource], ...]
    is_table: bool = False


def render_pdf(data: bytes) -> Rendered:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PdfminerException) as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(exc, PDFPasswordIncorrect) or isinstance(cause, PDFPasswordIncorrect):
            raise UnreadableFormat(
                "password-protected: the PDF cannot be opened without its password",
                issue_code="encrypted_document",
                format="pdf",
            ) from exc
        raise UnreadableFormat(
            f"a damaged PDF: {type(cause).__name__}: {cause}",
            issue_code="corrupt_document",
            format="pdf",
        ) from exc
    lines: list[str] = []
    sources: list[LineSource] = []
    issues: list[FormatIssue] = []
    blank_pages: list[int] = []
    with pdf:
        for number, page in enumerate(pdf.pages, start=1):
            if not page.chars:
                blank_pages.append(number)
                continue
            for text, source in page_lines(page, number):
                lines.append(text)
                sources.append(source)
        page_count = len(pdf.pages)
    if not lines:
        raise UnreadableFormat(
            f"no text layer: none of its {page_count} page(s) has text (a scanned PDF?); "
            "OCR is out of scope: load a PDF with text, or the reply's text",
            issue_code="no_text_layer",
            format="pdf",
        )
    if blank_pages:
        pages = ", ".join(str(p) for p in blank_pages)
        issues.append(
            FormatIssue(
                "warning",
                "no_text_layer",
                f"page(s) {pages} of {page_count} have no text layer (scanned?): nothing is "
                "read from them; OCR is out of scope",
            )
        )
    return Rendered("pdf", tuple(lines), tuple(sources), None, tuple(issues))


def page_lines(page: pdfplumber.page.Page, number: int) -> list[tuple[str, LineSource]]:
    """The page's text lines and ruled tables' rows, top to bottom."""
    tables = page.find_tables()
    grids = [(t.bbox, [(row.bbox, [c for c in row.cells if c]) for row in t.rows]) for t in tables]
    boxes = [t.bbox for t in tables]

    def outside(obj: dict) -> bool:
        """Not a character of a table's cell (one inside a table's frame but in no cell,
        such as a title drawn within the grid, stays text: nothing is dropped)."""
        if obj.get("object_type") != "char":
            return True
        for bbox, rows in grids:
            if _inside(obj, bbox):
                for row_box, cells in rows:
                    if _inside(obj, row_box) and any(_inside(obj, c) for c in cells):
                        return False
        return True

    rest = page.filter(outside) if boxes else page
    items = [_table_item(t, page, number, n) for n, t in enumerate(tables, start=1)]
    texts = [
        (line["top"], line["bottom"], line["text"].rstrip())
        for line in rest.filter(
            lambda o: o.get("object_type") != "char" or o["upright"]
        ).extract_text_lines(layout=TEXT_LAYOUT, strip=not TEXT_LAYOUT, return_chars=False)
        if line["text"].strip()
    ]
    sideways = [c for c in rest.chars if not c["upright"]]
    texts.extend((top, top, text) for top, text in _sideways_lines(sideways))
    items.extend(_Item(top, bottom, ((text, LineSource("")),)) for top, bottom, text in texts)
    items.sort(key=lambda item: item.top)
    out: list[tuple[str, LineSource]] = []
    text_number = 0
    previous: _Item | None = None
    for item in items:
        if previous is not None and _paragraph_break(previous, item):
            out.append(("", LineSource(BREAK.locator, page=number)))
        previous = item
        for text, source in item.lines:
            if not source.locator:  # a text line: numbered in page order
                text_number += 1
                source = LineSource(f"page {number}, line {text_number}", page=number)
            out.append((text, source))
    return out


def _inside(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    mid_x, mid_y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return x0 <= mid_x <= x1 and top <= mid_y <= bottom


def _table_item(table, page, page_number: int, number: int) -> _Item:
    lines = []
    prefix = f"page {page_number}, table {number}"
    sideways = [c for c in page.chars if not c["upright"] and _inside(c, table.bbox)]
    texts = table.extract()
    edges: list[float | None] | None = None
    for r, (row, printed) in enumerate(zip(table.rows, texts, strict=True), start=1):
        cells = [
            _cell_text(page, bbox, sideways) if text and _has(sideways, bbox) else _one_line(text)
            for bbox, text in zip(row.cells, printed, strict=True)
        ]
        if any(SPILLED.match(c) for c in cells):
            digits = [c for c in page.chars if c["upright"] and c["text"].isdigit()]
            edges = edges if edges is not None else _number_edges(table, texts, digits)
            cells = _respilled(row.cells, cells, digits, edges) or cells
        if not any(cells):
            continue
        line, spans = pipe_line(cells)
        source = LineSource(
            f"{prefix}, row {r}",
            page=page_number,
            cells=tuple(
                CellSource(a, b, f"{prefix}, row {r}, column {c}")
                for c, (a, b) in enumerate(spans, start=1)
            ),
        )
        lines.append((line, source))
    return _Item(table.bbox[1], table.bbox[3], tuple(lines), is_table=True)


# A cell printing two or more numbers ('1 1'): digits of a neighbour's number spilled over
# the cell's border.
SPILLED = re.compile(r"^\d+(?: \d+)+$")
NUMBER_TEXT = re.compile(r"^\d+$")
EDGE_TOLERANCE = 0.5  # points: a digit ending this close to its column's edge ends a number


def _digits(chars: list[dict], bbox) -> list[dict]:
    """The digits (of ``chars``, the page's upright digits) on the lines of ``bbox``."""
    x0, top, x1, bottom = bbox
    return sorted(
        (
            c
            for c in chars
            if c["upright"]
            and c["text"].isdigit()
            and top <= (c["top"] + c["bottom"]) / 2 <= bottom
            and x0 - 20 <= c["x0"]
            and c["x1"] <= x1 + 20
        ),
        key=lambda c: c["x0"],
    )


def _number_edges(table, texts, digits: list[dict]) -> list[float | None]:
    """Where each column's numbers end: the right edge most of its one-number cells share
    (figures are right-aligned on it)."""
    ends: list[Counter] = [Counter() for _ in table.rows[0].cells]
    for row, printed in zip(table.rows, texts, strict=True):
        on_row = _digits(digits, row.bbox)
        for c, (bbox, text) in enumerate(zip(row.cells, printed, strict=True)):
            if bbox is None or not text or not NUMBER_TEXT.match(text.strip()):
                continue
            inside = [ch for ch in on_row if _inside(ch, bbox)]
            if inside:
                ends[c][round(max(ch["x1"] for ch in inside), 1)] += 1
    return [e.most_common(1)[0][0] if e else None for e in ends]


def _runs(digits: list[dict], cells, edges: list[float | None]) -> list[list[dict]]:
    """Digits grouped into numbers: touching digits are one number, unless one ends on the
    edge its column's numbers end on (the next digit is a neighbour's number)."""
    runs: list[list[dict]] = []
    for ch in digits:
        if runs:
            last = runs[-1][-1]
            touching = ch["x0"] - last["x1"] <= 0.25 * (last["size"] or 1)
            column = _column_of(last, cells)
            edge = edges[column] if column is not None else None
            on_edge = edge is not None and abs(last["x1"] - edge) <= EDGE_TOLERANCE
            if touching and not on_edge:
                runs[-1].append(ch)
                continue
        runs.append([ch])
    return runs


def _column_of(obj: dict, cells) -> int | None:
    return next((c for c, bbox in enumerate(cells) if bbox and _inside(obj, bbox)), None)


def _respilled(
    cells, texts: list[str], page_digits: list[dict], edges: list[float | None]
) -> list[str] | None:
    """A row's figures with each number in the cell holding its middle, where a number's
    digits spill over a cell border (pdfplumber places each character by its own middle,
    so '12' printed across a border reads '1' in one cell and '2' in the next). None when
    the numbers still do not fall one to a cell: the row is left as read, and reported."""
    numeric = [
        c
        for c, t in enumerate(texts)
        if cells[c] and (not t or SPILLED.match(t) or NUMBER_TEXT.match(t))
    ]
    if not numeric:
        return None
    x0 = min(cells[c][0] for c in numeric)
    x1 = max(cells[c][2] for c in numeric)
    top = min(cells[c][1] for c in numeric)
    bottom = max(cells[c][3] for c in numeric)
    digits = [
        ch
        for ch in _digits(page_digits, (x0, top, x1, bottom))
        if x0 <= (ch["x0"] + ch["x1"]) / 2 <= x1
    ]
    printed = sum(len(texts[c].replace(" ", "")) for c in numeric)
    if len(digits) != printed:
        return None
    out = list(texts)
    for c in numeric:
        out[c] = ""
    for run in _runs(digits, cells, edges):
        middle = {
            "x0": run[0]["x0"],
            "x1": run[-1]["x1"],
            "top": run[0]["top"],
            "bottom": run[0]["bottom"],
        }
        column = _column_of(middle, cells)
        if column not in numeric or out[column]:
            return None
        out[column] = "".join(ch["text"] for ch in run)
    return out


def _paragraph_break(previous: _Item, item: _Item) -> bool:
    """A table stands apart from its text; lines of text further apart than a share of
    their height start a new paragraph."""
    if previous.is_table or item.is_table:
        return True
    height = max(previous.bottom - previous.top, 1.0)
    return item.top - previous.bottom > PARAGRAPH_GAP * height


def _one_line(text: str | None) -> str:
    """pdfplumber's text of a cell (None where a merged cell spans) on one line."""
    return " ".join((text or "").split()).replace("|", "¦")


def _has(chars: list[dict], bbox) -> bool:
    return bbox is not None and any(_inside(c, bbox) for c in chars)


def _cell_text(page, bbox, sideways: list[dict]) -> str:
    """A cell with sideways text: its upright text, then the sideways lines in their own
    direction (pdfplumber reads them letter by letter backwards)."""
    cropped = page.crop(bbox, strict=False).filter(
        lambda o: o.get("object_type") != "char" or o["upright"]
    )
    parts = [_one_line(cropped.extract_text())]
    parts.extend(text for _, text in _sideways_lines([c for c in sideways if _inside(c, bbox)]))
    return " ".join(p for p in parts if p).replace("|", "¦")


def _sideways_lines(chars: list[dict]) -> list[tuple[float, str]]:
    """Rotated text as (top, text) lines: chars grouped into columns by x, read bottom to top
    (rotated anticlockwise) or top to bottom (clockwise)."""
    columns: dict[int, list[dict]] = {}
    for c in chars:
        columns.setdefault(round(c["x0"]), []).append(c)
    keys = sorted(columns)
    merged: list[list[dict]] = []
    for k in keys:
        if merged and k - round(merged[-1][0]["x0"]) <= 1:
            merged[-1].extend(columns[k])
        else:
            merged.append(list(columns[k]))
    lines = []
    upward = bool(chars) and chars[0]["matrix"][1] > 0
    ordered = merged if upward else list(reversed(merged))
    for column in ordered:
        column.sort(key=lambda c: -c["top"] if upward else c["top"])
        text = _join(column, upward)
        if text.strip():
            lines.append((min(c["top"] for c in column), text.strip()))
    return lines


def _join(column: list[dict], upward: bool) -> str:
    """Characters of one sideways line, with a space where the gap between them is wide."""
    out = ""
    previous = None
    for c in column:
        if previous is not None:
            gap = (previous["top"] - c["bottom"]) if upward else (c["top"] - previous["bottom"])
            if gap > 0.2 * (c["size"] or 1):
                out += " "
        out += c["text"]
        previous = c
    return out
