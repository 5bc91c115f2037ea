"""Tables read without a header line of their own: cells printed one per line (with or
without pipes, under a pipe header, with blank cells), lists of figures ('2019 – 768',
'3. 2008 : 107,982'), named items with one unit, a table flattened onto one line; and the
tables among them that are cut off or hold no figure."""

from __future__ import annotations

from ingest.documents import Document
from ingest.foi import aligned, cell_per_line, flattened, lists
from ingest.foi.build import _close_table, _Context, _new_table, _not_figures, _read_as_text
from ingest.foi.cells import _issue
from ingest.foi.headers import (
    _Header,
    _next_nonblank,
)
from ingest.foi.model import Row, Table, one_line_row
from ingest.foi.tokens import (
    SINGLE_CELL,
    Token,
    _single_cells,
    clean_label,
    is_value,
    is_value_token,
    pipe_cells,
    question_on,
)
from ingest.issues import Issue
from ingest.periods import (
    YEAR,
    is_total_label,
    parse_period_label,
)


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
            one_line_row(
                len(table.rows) + 1,
                clean_label(label),
                i + 1,
                doc.lines[i],
                [Token(w.text, w.start, w.end) for w in figures],
                is_total=is_total_label(label),
            )
        )
    table.last_line = i + 1
    _close_table(doc, table, ctx, kinds, issues)
    tables.append(table)
    return i + 1


def _aligned_table(
    doc: Document,
    i: int,
    found: aligned.AlignedTable,
    ctx: _Context,
    tables: list[Table],
    kinds: dict[int, tuple[str, str | None]],
    issues: list[Issue],
    footnotes: list[tuple[int, str, str]],
) -> int:
    """A table aligned with wide gaps, columns of text among its figures: a table of its
    columns of figures, rows labelled by the first column; the next line index."""
    labels = [found.header[c].text for c in found.figure_columns]
    header = _Header([i], None, None, labels)
    header.text = doc.lines[i].strip()
    table = _new_table(doc, header, ctx, len(tables) + 1, issues, footnotes)
    kinds[i + 1] = ("table_header", table.table_id)
    texts = ", ".join(f"'{found.header[c].text}'" for c in found.text_columns)
    for index, cells in found.rows:
        table.rows.append(
            one_line_row(
                len(table.rows) + 1,
                cells[0].text,
                index + 1,
                doc.lines[index],
                [Token(cells[c].text, cells[c].start, cells[c].end) for c in found.figure_columns],
            )
        )
        issues.append(
            _issue(
                doc,
                table,
                index + 1,
                "info",
                "aligned_text_columns",
                f"the columns {texts} of '{cells[0].text}' hold text (dates, times, words), "
                "not figures; only the columns of figures are cells",
                doc.lines[index],
            )
        )
    table.last_line = found.rows[-1][0] + 1
    _close_table(doc, table, ctx, kinds, issues)
    tables.append(table)
    return table.last_line


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
            one_line_row(
                len(table.rows) + 1,
                item.label,
                item.line,
                doc.lines[item.line - 1],
                [token],
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
            one_line_row(
                len(table.rows) + 1,
                item.label,
                item.line,
                doc.lines[item.line - 1],
                [Token(item.value, item.start, item.end)],
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
