"""Finding tables in a document: the walk over its lines, a header line and the rows under
it (labels wrapped over lines, short rows), handing other layouts to ``layouts`` (cells one
per line, lists, a table flattened onto one line), and tables cut off or emptied."""

from __future__ import annotations

from ingest.documents import Document
from ingest.foi import aligned, cell_per_line, flattened, lists
from ingest.foi.build import (
    _close_table,
    _Context,
    _footnotes,
    _new_table,
    _not_figures,
    _read_as_text,
)
from ingest.foi.cells import _issue
from ingest.foi.headers import (
    _caption_table,
    _continues_label,
    _dash_continues,
    _ends_table,
    _header_at,
    _header_units,
    _next_nonblank,
    _row_width,
    _section_width,
    _short_label,
)
from ingest.foi.layouts import (
    CELL_SHAPES,
    _aligned_table,
    _block_table,
    _block_under_pipe_header,
    _cell_per_line_table,
    _flat_table,
    _list_table,
    _one_word_cell,
    _pipe_cells_only,
    _unit_list_table,
)
from ingest.foi.model import ParsedTables, Row, Table
from ingest.foi.tokens import (
    MAX_WRAP,
    NUMBER,
    PROSE_WORDS,
    SINGLE_CELL,
    TYPO_NUMBER,
    Token,
    clean_label,
    is_footnote,
    is_rule,
    is_value,
    marker_row,
    pipe_cells,
    question_on,
    reads_as_sentence,
    split_row,
    year_label,
)
from ingest.issues import Issue
from ingest.periods import (
    YEAR,
    is_total_label,
    month_number,
    printed_range,
    years_in,
)


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
    sheets = [source.sheet for source in doc.line_sources] or [None] * len(lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        number = i + 1
        if i and sheets[i] != sheets[i - 1]:
            # A new sheet starts afresh: a period, year or numbered line read on one sheet
            # (a note's 'From the year ending June 2017', '8. For years ending March 2016
            # onwards ...') is not the context of the next sheet's tables.
            ctx = _Context()
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
        # The fragment is the start of another row: one of the table's row labels ('-18'
        # under age bands), not a sign-off such as 'Kind regards'.
        labels = {r.label for r in table.rows}
        stub = (
            bool(tail)
            and len(tail.split()) <= 2
            and question_on(tail) is None
            and (tail in labels or any(len(tail) >= 2 and x.startswith(tail) for x in labels))
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
    found = aligned.read_aligned(lines, i) if "  " in lines[i].strip() else None
    if found is not None:
        return _aligned_table(doc, i, found, ctx, tables, kinds, issues, footnotes)
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
        # A label bounded by pipes with a cell for every column is a row label even when it
        # ends like a sentence ('London, City of').
        full_pipe_row = len(values) == width and pipe_cells(line) is not None
        if (
            label
            and not full_pipe_row
            and (
                reads_as_sentence(label)
                or (len(label.split()) >= PROSE_WORDS and len(values) * 2 < width)
            )
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
