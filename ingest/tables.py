"""FOI tables printed as text -> tables, columns, rows, cells and issues (pure functions).

The layout, not the wording, decides what is a table:
- a header line is a row-label caption followed by column tokens (month names, years,
  quarters, financial years, 'Total' / 'Grand Total'), or a short caption line followed
  directly by rows of numbers (a one-column table such as '2022 No. of Crimes');
- a row is a label followed by a run of numbers (thousands separators optional) or
  suppression tokens; a label may wrap over lines, the numbers then stand on a line of
  their own; a label of '-' is a label;
- a total row is labelled 'Total' / 'Grand Total'; everything else is a group or a
  detail, which ``hierarchy`` infers from the figures;
- a row with fewer numbers than columns is never shifted: the printed totals prove its
  missing cells or the table gets an error naming the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ingest.documents import QUESTION_LINE, Document
from ingest.hierarchy import RowFigures, compatible, flatten, infer_hierarchy
from ingest.issues import Issue
from ingest.periods import (
    FINANCIAL_YEAR,
    QUARTER,
    YEAR,
    Period,
    is_total_label,
    month_number,
    parse_period_label,
    year_period,
    years_in,
)

NUMBER = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)$")
# Printed in place of a number: suppressed, not applicable or not available.
SUPPRESSION_TOKENS = frozenset({"*", "-", "–", "..", "n/a", "N/A", "x", "<5", "~"})
QUESTION_REFERENCE = re.compile(r"\bas per (?:q(?:uestion)?\s*)(\d{1,2})\b", re.IGNORECASE)
MIN_HEADER_PERIODS = 2
PROSE_WORDS = 10  # a numbers-ending line with this many label words and few numbers is prose
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


def reads_as_sentence(label: str) -> bool:
    words = label.lower().rstrip(":").split()
    return bool(words) and words[-1] in SENTENCE_ENDINGS


def year_label(label: str, values: list[Token], width: int | None) -> tuple[str, list[Token]]:
    """A row such as '2017 1,204' has a year for its label: the first number is the label
    when the row has one number more than the table has columns."""
    if label or len(values) < 2 or not YEAR.match(values[0].text):
        return label, values
    if width is not None and len(values) != width + 1:
        return label, values
    return values[0].text, values[1:]


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # character offset in the line
    end: int

    @property
    def value(self) -> int | None:
        return int(self.text.replace(",", "")) if NUMBER.match(self.text) else None


@dataclass
class Column:
    number: int  # 1-based
    label: str
    kind: str  # period | total | category
    period: Period | None = None


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


@dataclass
class ParsedTables:
    tables: list[Table]
    line_kinds: dict[int, tuple[str, str | None]]  # line number -> (kind, table_id)
    issues: list[Issue]


# ---------------------------------------------------------------------------------------
# Tokens and line shapes
# ---------------------------------------------------------------------------------------


def tokenize(line: str) -> list[Token]:
    return [Token(m.group(0), m.start(), m.end()) for m in re.finditer(r"\S+", line)]


def is_value_token(text: str) -> bool:
    return bool(NUMBER.match(text)) or text in SUPPRESSION_TOKENS


def split_row(line: str) -> tuple[str, list[Token]]:
    """A line as (label, trailing value tokens). The label is the text before the run."""
    tokens = tokenize(line)
    start = len(tokens)
    while start > 0 and is_value_token(tokens[start - 1].text):
        start -= 1
    # '24 October 2019': a year after a month name is part of a date, not a figure.
    if start < len(tokens) and start > 0 and month_number(tokens[start - 1].text) is not None:
        start += 1 if YEAR.match(tokens[start].text) else 0
    values = tokens[start:]
    # A run must hold at least one real number; '-' alone is a label, not a row.
    if not any(NUMBER.match(t.text) for t in values):
        return line.strip(), []
    label = line[: values[0].start].strip() if values else line.strip()
    return label, values


def header_columns(line: str, year: int | None) -> tuple[str | None, list[str]] | None:
    """(row caption, column labels) when the line ends in a run of column tokens."""
    tokens = line.split()
    labels: list[str] = []
    i = len(tokens)
    periods = 0
    kinds: set[str] = set()  # month | year | financial_year | quarter: a header uses one kind
    while i > 0:
        word = tokens[i - 1]
        if word.lower() == "total" and i >= 2 and tokens[i - 2].lower() == "grand":
            labels.insert(0, "Grand Total")
            i -= 2
            continue
        if word.lower() in ("total", "totals"):
            labels.insert(0, word)
            i -= 1
            continue
        kind = _period_token_kind(word)
        if kind is not None:
            kinds.add(kind)
            labels.insert(0, word)
            periods += 1
            i -= 1
            continue
        break
    if periods < MIN_HEADER_PERIODS or len(kinds) > 1:
        return None  # '24 October 2019' is a date, not a header of two columns
    caption = " ".join(tokens[:i]) or None
    return caption, labels


def _period_token_kind(word: str) -> str | None:
    if month_number(word) is not None:
        return "month"
    if YEAR.match(word):
        return "year"
    if FINANCIAL_YEAR.match(word):
        return "financial_year"
    if QUARTER.match(word):
        return "quarter"
    return None


def question_on(line: str) -> int | None:
    match = QUESTION_LINE.match(line)
    if match:
        return int(match.group(1))
    heading = re.match(r"^\s*question\s+(\d{1,2})\s*$", line, re.IGNORECASE)
    return int(heading.group(1)) if heading else None


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


def _next_nonblank(lines: tuple[str, ...], i: int) -> int | None:
    while i < len(lines):
        if lines[i].strip():
            return i
        i += 1
    return None


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


def _caption_table(lines: tuple[str, ...], i: int) -> int | None:
    """Column count of a one-caption table at line i: a caption directly followed by at
    least two rows that each end in the same number of values."""
    text = lines[i].strip()
    if not text or question_on(text) is not None or split_row(text)[1]:
        return None
    if len(text.split()) > 8:
        return None
    counts = []
    j = i + 1
    while len(counts) < 2:
        k = _next_nonblank(lines, j)
        if k is None:
            return None
        label, values = year_label(*split_row(lines[k]), None)
        if not label or not values or reads_as_sentence(label) or len(label.split()) > 8:
            return None
        counts.append(len(values))
        j = k + 1
    return counts[0] if counts[0] == counts[1] else None


def find_tables(doc: Document) -> ParsedTables:
    lines = doc.lines
    ctx = _Context()
    tables: list[Table] = []
    kinds: dict[int, tuple[str, str | None]] = {}
    issues: list[Issue] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        number = i + 1
        if not line.strip():
            kinds[number] = ("blank", None)
            i += 1
            continue
        q = question_on(line)
        if q is not None:
            ctx.question_number, ctx.question_line, ctx.question_text = q, number, line.strip()
            ctx.question_years[q] = years_in(line)
            kinds[number] = ("question", None)
            i += 1
            continue
        year = _context_year(ctx, line)
        header = header_columns(line, year)
        caption_width = None if header else _caption_table(lines, i)
        if header is None and caption_width is None:
            kinds[number] = ("prose", None)
            i += 1
            continue
        table_id = f"{doc.document_id[:12]}-t{len(tables) + 1}"
        if header is not None:
            caption, labels = header
            measure = None
        else:
            caption = None
            measure = " ".join(w for w in line.split() if not YEAR.match(w)) or line.strip()
            labels = [measure] * (caption_width or 1)
        table = Table(
            table_id=table_id,
            number=len(tables) + 1,
            question_number=ctx.question_number,
            question_line=ctx.question_line,
            question_text=ctx.question_text,
            header_line=number,
            header_text=line.strip(),
            row_caption=caption,
            measure_label=measure,
            columns=_columns(labels, year, doc, number, issues),
        )
        kinds[number] = ("table_header", table_id)
        i = _read_rows(doc, table, i + 1, kinds, issues)
        _finish_table(doc, table, year, issues)
        for row in table.rows:
            kind = {"total": "table_total_row", "group": "table_group_row"}.get(
                row.kind, "table_row"
            )
            kinds[row.values_line] = (kind, table_id)
        if year is not None:
            ctx.last_year = year
        tables.append(table)
    return ParsedTables(tables, kinds, issues)


def _columns(
    labels: list[str], year: int | None, doc: Document, line: int, issues: list[Issue]
) -> list[Column]:
    columns = []
    previous_month = 0
    for n, label in enumerate(labels, start=1):
        if is_total_label(label):
            columns.append(Column(n, label, "total"))
            continue
        month = month_number(label)
        if month is not None and year is not None and month < previous_month:
            year += 1  # months that wrap (Apr ... Mar) run into the next year
        if month is not None:
            previous_month = month
        period = parse_period_label(label, year)
        if period is None and month is not None:
            issues.append(
                Issue(
                    doc.document_id,
                    doc.file_name,
                    line,
                    "error",
                    "month_without_year",
                    f"column '{label}' is a month but neither the header nor the question "
                    "gives its year",
                    label,
                )
            )
        columns.append(Column(n, label, "period" if period else "category", period))
    return columns


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
        if question_on(line) is not None or header_columns(line, None) is not None:
            break
        label, values = split_row(line)
        if not values:
            # Label text: part of a wrapped label if numbers follow before anything else.
            if _wrap_continues(lines, i + 1):
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
        label_lines = [*pending, i] if label or not pending else pending
        parts = [lines[k].strip() for k in pending] + ([label] if label else [])
        full_label = " ".join(" ".join(parts).split())
        if not full_label and values and values[0].text in SUPPRESSION_TOKENS:
            # '-' printed where the label stands: a member (no outcome yet), not a cell.
            full_label, values = values[0].text, values[1:]
        if len(values) > width:
            # More numbers than columns: the first ones belong to the label.
            extra, values = values[:-width], values[-width:]
            full_label = (full_label + " " + " ".join(t.text for t in extra)).strip()
        for k in pending:
            kinds[k + 1] = ("table_label_part", table.table_id)
        first = (pending[0] if pending else i) + 1
        table.rows.append(
            Row(
                number=len(table.rows) + 1,
                label=full_label,
                label_line=label_lines[0] + 1,
                values_line=i + 1,
                first_line=first,
                last_line=i + 1,
                raw_text="\n".join(lines[k] for k in range(first - 1, i + 1)),
                tokens=values,
                is_total=is_total_label(full_label),
            )
        )
        pending = []
        i += 1
        end = i
    table.last_line = end
    # Lines after the last row (trailing blanks or a label with no numbers) are not ours.
    for k in range(end, i):
        kinds.pop(k + 1, None)
    return end


def _wrap_continues(lines: tuple[str, ...], i: int) -> bool:
    """True when label-only lines from i lead to a line of numbers (a wrapped label)."""
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if question_on(line) is not None or header_columns(line, None) is not None:
            return False
        if split_row(line)[1]:
            return True
        i += 1
    return False


# ---------------------------------------------------------------------------------------
# Cells, hierarchy and repairs
# ---------------------------------------------------------------------------------------


def _figures(row: Row, width: int) -> RowFigures:
    tokens = row.tokens
    values = tuple(t.value for t in tokens)
    if len(tokens) == width:
        return RowFigures(values)
    printed = tuple(v for v in values if v is not None)
    if len(printed) != len(values):
        return RowFigures(None, printed, width - len(tokens))  # short and suppressed: unknown
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
    table.period = _table_period(table, year)

    body = [r for r in table.rows if not r.is_total]
    totals = [r for r in table.rows if r.is_total]
    figures = [_figures(r, width) for r in body]
    total_fig = _figures(totals[-1], width) if totals else None
    if total_fig is not None and total_fig.values is None:
        total_fig = None  # a short total row is checked after the structure is known
    solution = infer_hierarchy(figures, width, total_fig) if width else None
    status = "reconciled"
    if solution is None:
        solution = infer_hierarchy(figures, width, total_fig, tolerance=1)
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
    if totals and total_fig is None and solution is not None:
        status = "failed" if status == "failed" else status
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
    if _row_totals_disagree(doc, table, issues):
        status = "failed"
    if repaired and status == "reconciled":
        status = "reconciled_with_repairs"
    table.hierarchy_status = status


def _row_totals_disagree(doc: Document, table: Table, issues: list[Issue]) -> bool:
    """Each row's Total column against the sum of its other cells; an error per row that
    disagrees (the column sums are what the hierarchy search checks)."""
    totals = [c.number for c in table.columns if c.kind == "total"]
    if len(totals) != 1:
        return False
    total_column = totals[0]
    disagree = False
    for row in table.rows:
        values = {c.column: c.value for c in row.cells}
        parts = [v for n, v in values.items() if n != total_column]
        if values.get(total_column) is None or any(v is None for v in parts):
            continue
        if sum(parts) != values[total_column]:  # type: ignore[arg-type]
            disagree = True
            issues.append(
                _issue(
                    doc,
                    table,
                    row.values_line,
                    "error",
                    "row_total_mismatch",
                    f"row '{row.label}': printed {table.columns[total_column - 1].label} "
                    f"{values[total_column]} but its other cells add up to {sum(parts)}",  # type: ignore[arg-type]
                    row.raw_text,
                )
            )
    return disagree


def _table_period(table: Table, year: int | None) -> Period | None:
    spans = [c.period for c in table.columns if c.period] + [
        r.period for r in table.rows if r.period
    ]
    if spans:
        period = spans[0]
        for p in spans[1:]:
            period = period.union(p)
        return period
    return year_period(year) if year is not None else None


def _printed_cells(row: Row, table: Table) -> list[Cell]:
    return [
        Cell(
            col.number,
            row.values_line,
            tok.text,
            tok.value,
            "printed" if tok.value is not None else "suppressed",
        )
        for col, tok in zip(table.columns, row.tokens, strict=True)
    ]


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
        severity,
        code,  # type: ignore[arg-type]
        f"table {table.number} (line {table.header_line}): {message}",
        printed,
        table.table_id,
    )


def as_date(period: Period | None, which: str) -> date | None:
    if period is None:
        return None
    return period.start if which == "start" else period.end
