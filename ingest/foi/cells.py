"""Cells of a table whose rows are read: periods, the hierarchy of group and detail rows
inferred from the figures (``ingest.hierarchy``), cells repaired where the printed totals
prove them, blank cells, and the checks of row totals."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ingest.documents import Document
from ingest.foi import stacked
from ingest.foi.model import Cell, Column, Row, Table
from ingest.foi.tokens import Token
from ingest.hierarchy import RowFigures, compatible, flatten, infer_hierarchy
from ingest.issues import Issue
from ingest.periods import (
    Period,
    at_point,
    grain_of,
    month_number,
    month_start_series,
    parse_period_label,
    point_in_year,
    prose_date,
    year_period,
)

# A row naming an event and its date after a dash: 'Hartlepool United vs Gateshead - January
# 1st 2018', 'Match - 2 December 2017', 'Visit - 01/07/2021'. The date is the row's period.
DATED_LABEL = re.compile(r"\s[-–—]\s+(?P<date>[^-–—]+?)\s*$")
MONTH_FIRST_DATE = re.compile(
    r"^(?P<month>[a-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{2})$",
    re.IGNORECASE,
)


def _label_date(label: str) -> Period | None:
    """The one day a row label ends with, after a dash; None when it names none."""
    match = DATED_LABEL.search(label)
    if match is None:
        return None
    text = match.group("date")
    day = prose_date(text)
    month_first = MONTH_FIRST_DATE.match(text) if day is None else None
    if month_first is not None:
        month = month_number(month_first.group("month"))
        try:
            year, number = int(month_first.group("year")), int(month_first.group("day"))
            day = date(year, month, number) if month else None
        except ValueError:  # '30th February': not a date
            day = None
    return Period(day, day, "custom") if day is not None else None


def _figures(row: Row, width: int) -> RowFigures:
    """A full row's vector (suppressed and blank cells are None: not comparable, and so is a
    negative figure, a change: the search of sums counts on figures that only grow), or the
    printed numbers of a short row, whose missing cells the sums may prove."""
    tokens = row.tokens
    values = tuple(None if t.value is not None and t.value < 0 else t.value for t in tokens)
    if row.damaged:
        return RowFigures(None, (), 0)  # no vector is compatible: the sums cannot fill it
    if len(tokens) == width:
        return RowFigures(values)
    printed = tuple(v for v in values if v is not None)
    # Short and suppressed: the printed numbers cannot be placed (compatible() rejects them).
    return RowFigures(None, printed, width - len(tokens))


def _finish_table(doc: Document, table: Table, year: int | None, issues: list[Issue]) -> None:
    """Periods, hierarchy and cells of a table whose rows are read, in that order: each step
    records what it doubts as issues, and the table's hierarchy_status sums them up."""
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
    _assign_periods(table, year)
    width = len(table.columns)
    _total_printed_first(table, width)
    body = [r for r in table.rows if not r.is_total]
    totals = [r for r in table.rows if r.is_total]
    figures = [_figures(r, width) for r in body]
    structure = _infer_structure(doc, table, body, totals, figures, issues)
    _place_rows(body, totals, structure.tree)
    repaired, body_failed = _fill_body_cells(doc, table, body, figures, structure, issues)
    totals_failed = _fill_total_cells(doc, table, totals, issues)
    if any(c.group for c in table.columns):
        stacked.column_parents(table.columns, table.rows)
    status = "failed" if body_failed or totals_failed else structure.status
    if not table.blanks_as_printed and _prove_blanks(
        doc, table, body, totals, structure.tree, issues
    ):
        repaired = True
    if _row_totals_disagree(doc, table, issues):
        status = "failed"
    if repaired and status == "reconciled":
        status = "reconciled_with_repairs"
    table.hierarchy_status = status
    _stray_space_issues(doc, table, issues)


def _assign_periods(table: Table, year: int | None) -> None:
    """Each row's period from its label (a year, a month, months printed as first days, a
    year counted on one day), then the table's."""
    for row in table.rows:
        row.period = parse_period_label(row.label, year) or _label_date(row.label)
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


@dataclass
class _Structure:
    """The grouping of a table's body rows the figures support."""

    tree: dict[int, tuple[int | None, int]]  # body row index -> (parent index, depth)
    bindings: dict[int, tuple[int, ...]]  # short rows -> the full figures the sums give them
    ambiguous: frozenset[int]  # short rows two groupings fill differently
    status: str  # reconciled | unverified | flat | failed


def _total_printed_first(table: Table, width: int) -> None:
    """A table with no row labelled as a total whose first row is the sum of the rows below
    it, grouped as the figures prove ('ENGLAND AND WALES' over its countries, regions and
    forces): that first row is the table's total, printed first as official tables do. Only
    under a header of column groups (a spreadsheet's stacked header): in a short reply table a
    first row can equal the others' sum by chance ('1' over '1' and '0')."""
    rows = table.rows
    if not any(c.group for c in table.columns):
        return
    if len(rows) < 3 or any(r.is_total for r in rows) or all(r.period is not None for r in rows):
        return
    first = _figures(rows[0], width)
    if first.values is None or all(not v for v in first.values):
        return
    if infer_hierarchy([_figures(r, width) for r in rows[1:]], width, first) is not None:
        rows[0].is_total = True


def _infer_structure(
    doc: Document,
    table: Table,
    body: list[Row],
    totals: list[Row],
    figures: list[RowFigures],
    issues: list[Issue],
) -> _Structure:
    width = len(table.columns)
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
    return _Structure(tree, bindings, ambiguous, status)


def _place_rows(
    body: list[Row], totals: list[Row], tree: dict[int, tuple[int | None, int]]
) -> None:
    """Each row's kind, depth, parent and path from the grouping."""
    children = {p for p, _ in tree.values() if p is not None}
    for k, row in enumerate(body):
        parent, depth = tree.get(k, (None, 0))
        row.depth = depth
        row.parent = body[parent].number if parent is not None else None
        row.kind = "group" if k in children else "detail"
        row.path = row.label if parent is None else f"{body[parent].path} > {row.label}"
    for row in totals:
        row.kind, row.depth, row.path = "total", 0, row.label


def _fill_body_cells(
    doc: Document,
    table: Table,
    body: list[Row],
    figures: list[RowFigures],
    structure: _Structure,
    issues: list[Issue],
) -> tuple[bool, bool]:
    """Cells of the body rows: printed, repaired where the sums prove them, else left
    without values and reported. Returns (any repaired, any unproven)."""
    width = len(table.columns)
    repaired = failed = False
    for k, row in enumerate(body):
        fig = figures[k]
        if fig.values is not None:
            row.cells = _printed_cells(row, table)
        elif k in structure.bindings and k not in structure.ambiguous:
            row.cells = _repaired_cells(
                row, table, fig, structure.bindings[k], body, structure.tree, k
            )
            repaired = True
            note = next(c.repair_note for c in row.cells if c.repair_note)
            issues.append(
                _issue(doc, table, row.values_line, "warning", "cell_repaired", note, row.raw_text)
            )
        else:
            row.cells = _unproven_cells(row, table)
            why = (
                "two groupings of the table fill it differently"
                if k in structure.ambiguous
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
            failed = True
    return repaired, failed


def _fill_total_cells(doc: Document, table: Table, totals: list[Row], issues: list[Issue]) -> bool:
    """Cells of the total rows, printed in full or left without values; True if any is short."""
    width = len(table.columns)
    failed = False
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
            failed = True
    return failed


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
