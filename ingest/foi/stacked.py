"""A pipe header printed over several lines (a spreadsheet's header rows): column groups
over their columns, a unit line ('Numbers') over all of them.

    | | Total recorded crime | Victim-based crime | | | Other crimes against society | |
    | Area Code Area Name | | Violence against the person | Homicide | ... | Drug offences | ... |
    | | Numbers | | | | | |
    | E23000013 Cleveland | 57222 | 14201 | 3 | ... |

Each header line has the width of the rows below it. A cell spans the blank cells to its
right (a merged heading) up to the next cell of its line, never past the span of the group
above it. A line with one cell among three or more columns is a unit over the whole table
(its measure). A column's label is the lowest cell printed in it (with the heading nearest
above it when the label repeats: 'Change in 12 months / %'); the headings above that cover
it are its group (``Victim-based crime``). The texts in the label column are the
caption. Which columns are sums of which is not read from the layout: ``column_parents``
proves it from the figures, as rows' groups are.
"""

from __future__ import annotations

from ingest.foi.tokens import pipe_cells
from ingest.hierarchy import Node, RowFigures, flatten, infer_hierarchy
from ingest.periods import YEAR

MIN_UNIT_WIDTH = 3  # a unit line heads a table of at least this many columns
MAX_HEADER_LINES = 6


def _figures(cells: list) -> bool:
    return any(t.value is not None for t in cells[1:])


def _printed_values(cells: list) -> bool:
    """A number or a suppression mark ('..') among the value cells: a row, not a heading."""
    return any(t.value is not None or t.is_marker for t in cells[1:])


def _year_heading(cells: list) -> bool:
    """A header line of years over the columns ('2009' over a year's quarters): no label,
    and every printed value cell a year."""
    texts = [t.text for t in cells[1:] if t.text]
    return not cells[0].text and bool(texts) and all(YEAR.match(t) for t in texts)


def stacked_header_lines(lines: tuple[str, ...], i: int) -> tuple[list[int], int] | None:
    """(header line indexes, first row index) when the pipe lines from i are two or more
    header lines of one width over a pipe row of figures of that width. A line of years
    with no label, above the first row, is a heading (the year over its quarters)."""
    first = pipe_cells(lines[i])
    if first is None or len(first) < 3 or (_printed_values(first) and not _year_heading(first)):
        return None
    width = len(first)
    header = [i]
    k = i + 1
    while k < len(lines) and len(header) <= MAX_HEADER_LINES:
        cells = pipe_cells(lines[k])
        if cells is None or len(cells) != width:
            return None
        if _year_heading(cells):
            header.append(k)
            k += 1
            continue
        if _figures(cells):
            return (header, k) if len(header) >= 2 and cells[0].text else None
        if _printed_values(cells):
            return None
        header.append(k)
        k += 1
    return None


def _spans(texts: list[str], bounds: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(first, last, text) of each cell of a line, spanning the blanks to its right within
    the bounds (the spans of the line above)."""
    out = []
    for lo, hi in bounds:
        starts = [c for c in range(lo, hi + 1) if texts[c]]
        for n, c in enumerate(starts):
            end = starts[n + 1] - 1 if n + 1 < len(starts) else hi
            out.append((c, end, texts[c]))
    return out


def compose(
    rows: list[list[str]],
) -> tuple[str | None, str | None, list[str], list[str | None]]:
    """(caption, measure, column labels, column groups) of header lines given as their cell
    texts (the label column first)."""
    caption = " ".join(r[0] for r in rows if r[0]) or None
    values = [r[1:] for r in rows]
    width = len(values[0])
    unit_lines = [v for v in values if width >= MIN_UNIT_WIDTH and sum(1 for t in v if t) == 1]
    measure = " ".join(next(t for t in v if t) for v in unit_lines) or None
    heading_lines = [v for v in values if v not in unit_lines]
    bounds = [(0, width - 1)]
    covering: list[list[tuple[int, str, bool]]] = [[] for _ in range(width)]  # (line, text, own)
    for n, texts in enumerate(heading_lines):
        spans = _spans(texts, bounds)
        for lo, hi, text in spans:
            for c in range(lo, hi + 1):
                covering[c].append((n, text, c == lo))
        # Cells right of the first heading of a line stay inside the spans above; a column
        # left of every heading of the line (no cell covers it) keeps its own bound.
        covered = {c for lo, hi, _ in spans for c in range(lo, hi + 1)}
        bounds = [(lo, hi) for lo, hi, _ in spans] + [
            (c, c) for c in range(width) if c not in covered
        ]
        bounds.sort()
    labels: list[str] = []
    groups: list[str | None] = []
    for c in range(width):
        own = [(n, text) for n, text, is_own in covering[c] if is_own]
        label_line, label = own[-1] if own else (covering[c][-1][:2] if covering[c] else (-1, ""))
        above = [text for n, text, _ in covering[c] if n < label_line]
        labels.append(label or measure or "")
        groups.append(" / ".join(above) or None)
    return caption, measure, _named_apart(labels, groups), groups


def _named_apart(labels: list[str], groups: list[str | None]) -> list[str]:
    """A label printed under several groups ('number', '%' under each change) is named with
    the headings nearest above it, as few as make each column's name its own ('Change in 12
    months / %'; 'Firings / 2009 / Apr - Jun' where '2009 / Apr - Jun' repeats too)."""
    named = list(labels)
    for label in {label for label in labels if labels.count(label) > 1}:
        # A column with no heading above keeps its label as printed: nothing can name it apart.
        columns = [c for c, own in enumerate(labels) if own == label and groups[c]]
        paths = [str(groups[c]).split(" / ") for c in columns]
        for depth in range(1, max((len(p) for p in paths), default=0) + 1):
            names = [" / ".join([*p[-depth:], label]) for p in paths]
            for c, name in zip(columns, names, strict=True):
                named[c] = name
            if len(set(names)) == len(names):
                break
    return named


def stacked_texts(lines: tuple[str, ...], header: list[int]) -> list[list[str]]:
    return [[t.text for t in pipe_cells(lines[k]) or []] for k in header]


def column_parents(columns: list, rows: list) -> None:
    """Which columns are sums of which, proven by the figures as rows' groups are: a column
    followed by its parts equals their sum in every row; a first column that is the sum of
    all the others is their total. Set on ``Column.parent`` and ``Column.depth``; nothing
    is set when a column holds a cell that is not a whole count (no sum can prove it)."""
    vectors = []
    for n in range(1, len(columns) + 1):
        values = [next((c.value for c in r.cells if c.column == n), None) for r in rows]
        if not values or any(type(v) is not int for v in values):
            return
        vectors.append(RowFigures(tuple(values)))
    width = len(rows)
    solution = None
    if len(vectors) >= 3:
        inner = infer_hierarchy(vectors[1:], width, vectors[0])
        if inner is not None:
            solution = [Node(0, [_shift(node) for node in inner.roots])]
    if solution is None:
        found = infer_hierarchy(vectors, width, None)
        solution = found.roots if found is not None else None
    if solution is None:
        return
    for index, (parent, depth) in flatten(solution).items():
        columns[index].parent = parent + 1 if parent is not None else None
        columns[index].depth = depth


def _shift(node: Node) -> Node:
    return Node(node.row + 1, [_shift(child) for child in node.children])
