"""Finding tables in a document: the walk over its lines, the layouts read (header and rows,
cells one per line, lists, a table flattened onto one line), what is not a table of
figures, and tables cut off or emptied."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.documents import Document
from ingest.foi import cell_per_line, flattened, lists
from ingest.foi.cells import _finish_table, _issue, _unproven_cells
from ingest.foi.headers import (
    _caption_table,
    _continues_label,
    _dash_continues,
    _ends_table,
    _Header,
    _header_at,
    _header_units,
    _next_nonblank,
    _row_width,
    _section_width,
    _short_label,
)
from ingest.foi.model import Column, ParsedTables, Row, Table
from ingest.foi.tokens import (
    FOOTNOTE,
    MAX_WRAP,
    NUMBER,
    PROSE_WORDS,
    QUESTION_REFERENCE,
    SINGLE_CELL,
    TYPO_NUMBER,
    Token,
    _single_cells,
    clean_label,
    is_footnote,
    is_rule,
    is_value,
    is_value_token,
    marker_row,
    pipe_cells,
    question_on,
    reads_as_sentence,
    split_row,
    year_label,
)
from ingest.issues import Issue
from ingest.periods import (
    QUARTER,
    YEAR,
    Period,
    is_total_label,
    month_number,
    parse_period_label,
    printed_range,
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
SKELETON_LABEL_CHARS = 20  # 'Grand Total', 'Overall total:'
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
        stripped = line.strip()
        if not stripped or len(stripped) > SKELETON_LABEL_CHARS or not is_total_label(stripped):
            continue
        if kinds.get(k + 1, ("", None))[1] is not None:
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
    """Line i holds one word and nothing else: no pipe, no figure ('Year', 'Total')."""
    if i >= len(lines):
        return False
    text = lines[i].strip()
    return bool(text) and len(text.split()) == 1 and not any(c.isdigit() or c == "|" for c in text)


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
        if block.cut_off:  # the text stops: the cells after the last printed one are gone
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
