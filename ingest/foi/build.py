"""Building a table, whatever its layout: a new table under its question and header, its
columns and their periods, closing it (periods, hierarchy, cells, line kinds), and the
rows read under a header that are not figures (years in a list, section numbers, telephone
numbers, references)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.documents import Document
from ingest.foi import notes
from ingest.foi.cells import _finish_table, _issue, _unproven_cells
from ingest.foi.headers import (
    _Header,
)
from ingest.foi.model import Column, Row, Table
from ingest.foi.tokens import (
    FOOTNOTE,
    QUESTION_REFERENCE,
    Token,
)
from ingest.issues import Issue
from ingest.periods import (
    QUARTER,
    YEAR,
    Period,
    is_total_label,
    month_number,
    parse_period_label,
    strip_note_marker,
    years_in,
)


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
    words = [w.strip(".:,;()") for w in row.label.lower().split()[-2:]]
    if any(w in REFERENCE_WORDS for w in words):
        return False
    # 'a. 2016', 'Academic year: 2021': a list of years, a year named as one.
    if words[-1:] in (["year"], ["date"]) or ENUMERATOR.match(row.label):
        numbers = [t for t in row.tokens if t.value is not None]
        return not (numbers and all(_is_year_value(t) for t in numbers))
    return True


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
    _strip_row_markers(doc, table)
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


def _strip_row_markers(doc: Document, table: Table) -> None:
    """Row labels without the note numbers glued to them ('North West9')."""
    if not any(notes.GLUED_MARKER.search(r.label) for r in table.rows):
        return
    printed = notes.numbered_notes(doc.lines)
    for row in table.rows:
        row.label = notes.strip_numbered_marker(row.label, printed, row.label_line - 1)[0]


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
    numbered = (
        notes.numbered_notes(doc.lines)
        if any(notes.GLUED_MARKER.search(label) for label in header.labels)
        else []
    )
    for n, printed_label in enumerate(header.labels, start=1):
        label, numbered_note = notes.strip_numbered_marker(printed_label, numbered, header.lines[0])
        marker, note = _column_note(label, footnotes, header.lines[0])
        note = note or numbered_note
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
    if header.groups is not None:
        for column, group in zip(columns, header.groups, strict=True):
            column.group = group
    return columns
