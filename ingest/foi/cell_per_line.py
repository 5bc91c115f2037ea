"""Tables printed one cell per line, with or without pipes.

Web pages and PDF-to-text copies often print a table cell by cell, one line each:

- each cell closed by a pipe on its own line (``'Avon and Somerset'`` / ``'|'``) or on the
  same line (``'Charged/Summonsed |'``); a lone ``'|'`` is a blank cell, or opens each row
  when every row (the header too) starts with one;
- no pipes at all, cells apart by one empty line each, where a blank cell (a line of
  spaces) leaves a gap of three; or cells on consecutive lines with empty lines between rows;
- the header may be one pipe line above the cells ('Force area | 1998-99 | ... |'), the
  first cells of the run, or missing (rows of a label and values under an opening pipe);
  a header of periods may leave out the corner cell above the row labels.

The cells are rebuilt into rows when they fall into a header and rows of one width in
exactly one way. A page heading between rows ('14 Jun 2006 : Column 1315W') is skipped. When
the document ends inside a row, the cells printed so far keep their places and the block is
marked cut off.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

MAX_LABEL_WORDS = 8  # a cell printed without a pipe is short
MIN_ITEMS = 4


@dataclass(frozen=True)
class Item:
    text: str | None  # None: a blank cell
    line: int  # 1-based
    kind: str  # cell | blank | space (an empty line) | open (text not closed by a pipe)


@dataclass
class Block:
    """A table rebuilt from cells printed one per line."""

    caption: Item | None  # the corner cell above the row labels
    labels: list[Item]  # column labels (empty: the table prints no header)
    rows: list[list[Item]]  # each: the label, then its values in column order
    header_lines: list[int]  # 1-based
    skipped_lines: list[int]  # headings between rows, not cells
    end: int  # 0-based index of the first line after the block
    cut_off: bool  # the document ends inside the last row
    pipe_header: bool = False  # the header is one pipe line above the cells
    opener_lines: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Shapes:
    """What the caller's tokeniser says a cell's text is."""

    is_value: Callable[[str], bool]  # a number or a suppression marker
    is_label: Callable[[str], bool]  # text that can label a row or a column
    is_period: Callable[[str], bool]  # a column label that is a period
    stops: Callable[[str], bool]  # a line that cannot be part of the block


def _line_items(lines: tuple[str, ...], i: int, shapes: Shapes) -> tuple[list[Item], int]:
    """The cell-shaped lines from line i: their items and the index after the run."""
    items: list[Item] = []
    k = i
    while k < len(lines):
        raw = lines[k].rstrip("\r\n")
        text = raw.strip()
        if not text:
            items.append(Item(None, k + 1, "space"))
        elif text == "|":
            items.append(Item(None, k + 1, "blank"))
        elif text.endswith("|") and text.count("|") <= 2 and text.lstrip("|").strip():
            inner = text.strip("|").strip()
            if "|" in inner:
                break
            items.append(Item(inner, k + 1, "cell"))
        elif _not_a_cell(text) or shapes.stops(raw):
            break
        else:
            items.append(Item(text, k + 1, "open"))
        k += 1
    return items, k


def _not_a_cell(text: str) -> bool:
    """Text with pipes inside, or too long or sentence-like to be one cell."""
    return "|" in text or len(text.split()) > MAX_LABEL_WORDS or _sentence(text)


def _sentence(text: str) -> bool:
    """'The force holds no data for 2015.': a sentence, not a cell printed without a pipe."""
    return len(text.split()) >= 3 and text.endswith(".")


def _pipe_items(items: list[Item], at_eof: bool) -> list[Item]:
    """Pipe mode: a text line closed by the pipe line after it is one cell; other text lines
    are headings between rows ('skip'), except a last one cut off by the end of the text."""
    out: list[Item] = []
    k = 0
    while k < len(items):
        item = items[k]
        nxt = items[k + 1] if k + 1 < len(items) else None
        if item.kind == "space":
            k += 1
            continue
        if item.kind == "open":
            if nxt is not None and nxt.kind == "blank":
                out.append(Item(item.text, item.line, "cell"))
                k += 2
                continue
            last = k == len(items) - 1
            out.append(Item(item.text, item.line, "cell" if last and at_eof else "skip"))
            k += 1
            continue
        out.append(item)
        k += 1
    return out


def _gap_blanks(items: list[Item]) -> list[Item]:
    """Cells apart by one empty line each: a gap of three empty lines holds one blank cell
    (a line of spaces, which reading the text leaves empty), a gap of five two, and so on."""
    out: list[Item] = []
    gaps: list[int] = []
    run: list[Item] = []
    for item in items:
        if item.kind == "space":
            run.append(item)
            continue
        if out and run:
            gaps.append(len(run))
            out.extend(Item(None, run[j].line, "blank") for j in range(1, len(run) - 1, 2))
        run = []
        out.append(item)
    if not gaps or sum(1 for g in gaps if g == 1) * 2 < len(gaps):
        return []  # not one empty line between cells: the gaps say nothing
    return out


@dataclass
class _Reading:
    width: int
    opener: bool
    corner: bool  # the header has a corner cell (else it starts over the first values)
    headerless: bool
    caption: Item | None
    labels: list[Item]
    rows: list[list[Item]]
    consumed: int
    cut_off: bool
    skipped: list[int]
    openers: list[int]

    @property
    def short(self) -> bool:
        """The last row stops before its last cell with the text going on (not cut off)."""
        return not self.cut_off and len(self.rows[-1]) < self.width


def _value(item: Item, shapes: Shapes) -> bool:
    if item.kind == "skip":
        return False
    return item.text is None or shapes.is_value(item.text)


def _read(
    items: list[Item],
    width: int,
    opener: bool,
    corner: bool,
    headerless: bool,
    given_header: bool,
    at_eof: bool,
    shapes: Shapes,
) -> _Reading | None:
    pos = 0
    n = len(items)
    caption: Item | None = None
    labels: list[Item] = []
    openers: list[int] = []
    if not given_header and not headerless:
        if opener:
            if pos >= n or items[pos].text is not None or items[pos].kind == "skip":
                return None
            openers.append(items[pos].line)
            pos += 1
        size = width if corner else width - 1
        head = items[pos : pos + size]
        if len(head) < size or any(h.kind == "skip" for h in head):
            return None
        if corner:
            caption, head = head[0], head[1:]
            if caption.text is not None and not shapes.is_label(caption.text):
                return None
        if not all(h.text is not None and shapes.is_label(h.text) for h in head):
            return None
        if not corner and not all(shapes.is_period(h.text or "") for h in head):
            return None
        labels = head
        pos += size
    rows: list[list[Item]] = []
    skipped: list[int] = []
    cut_off = False
    while pos < n:
        while pos < n and items[pos].kind == "skip":
            skipped.append(items[pos].line)
            pos += 1
        start = pos
        if opener:
            if pos >= n or items[pos].text is not None or items[pos].kind == "skip":
                break
            pos += 1
        row = items[pos : pos + width]
        label = row[0] if row else None
        if label is None or label.text is None or not shapes.is_label(label.text):
            pos = start
            break
        complete = len(row) == width
        if not all(_value(v, shapes) for v in row[1:]):
            pos = start
            break
        if not complete:
            if len(row) == 1:  # only the label of the last row survives: no cell of it
                cut_off = cut_off or at_eof
                pos = start
                break
            if at_eof:
                cut_off = True
            elif pos + len(row) != n:
                pos = start
                break
            # else: the block ends inside its last row; the row is kept short, and the
            # printed totals prove its missing cells or it is reported (never shifted).
        if opener:
            openers.append(items[start].line)
        rows.append(row)
        pos += len(row)
    while skipped and skipped[-1] > (rows[-1][-1].line if rows else 0):
        skipped.pop()
    if not rows or len(skipped) > max(2, len(rows) // 4):
        return None
    return _Reading(
        width, opener, corner, headerless, caption, labels, rows, pos, cut_off, skipped, openers
    )


def _readings(
    items: list[Item], given: int | None, at_eof: bool, pipes: bool, shapes: Shapes
) -> list[_Reading]:
    out = []
    widths = [given] if given else range(2, min(len(items), 40))
    for width in widths:
        for opener in (False, True) if pipes else (False,):
            variants = [(True, False)] if given else [(True, False), (False, False)]
            if opener and not given:
                variants.append((True, True))
            for corner, headerless in variants:
                reading = _read(
                    items, width, opener, corner, headerless, given is not None, at_eof, shapes
                )
                if reading is not None:
                    out.append(reading)
    return out


def _has_figures(reading: _Reading, shapes: Shapes) -> bool:
    return any(v.text is not None and shapes.is_value(v.text) for r in reading.rows for v in r[1:])


def _acceptable(reading: _Reading, pipes: bool, shapes: Shapes, given: bool) -> bool:
    if _has_figures(reading, shapes):
        return len(reading.rows) >= (1 if (given or reading.labels) else 2)
    # A template with every cell blank is a table only where pipes and a header show it.
    return pipes and bool(reading.labels or given) and len(reading.rows) >= 2


def _best(readings: list[_Reading]) -> _Reading | None:
    if not readings:
        return None
    # A reading whose last row falls short is taken only when no reading fills every row.
    full = [r for r in readings if not r.short]
    readings = full or readings
    most = max(r.consumed for r in readings)
    top = [r for r in readings if r.consumed == most]
    if len({r.width for r in top}) != 1:
        return None  # the cells fall into rows in several ways: no table is guessed
    # The plainest reading first: a header with its corner cell, no opening pipes.
    top.sort(key=lambda r: (r.headerless, r.opener, not r.corner))
    return top[0]


def read_block(
    lines: tuple[str, ...], i: int, shapes: Shapes, header: list[str] | None = None
) -> Block | None:
    """The one-cell-per-line table starting at line index i (with ``header``: the column
    labels of a pipe line just above it, caption first), or None."""
    raw_items, end = _line_items(lines, i, shapes)
    pipes = any(it.kind in ("blank", "cell") for it in raw_items)
    if not pipes and not any(it.text and shapes.is_value(it.text) for it in raw_items):
        return None  # short lines without a pipe or a figure: headings, addresses, lists
    at_eof = all(not line.strip() for line in lines[end:])
    candidates: list[list[Item]]
    if pipes:
        candidates = [_pipe_items(raw_items, at_eof)]
    else:
        dropped = [it for it in raw_items if it.kind != "space"]
        candidates = [_gap_blanks(raw_items), dropped]
        candidates = [
            [Item(it.text, it.line, "cell") if it.kind == "open" else it for it in c]
            for c in candidates
        ]
    given = len(header) if header else None
    chosen: list[_Reading] = []
    for items in candidates:
        if len(items) < MIN_ITEMS:
            continue
        found = [
            r
            for r in _readings(items, given, at_eof, pipes, shapes)
            if _acceptable(r, pipes, shapes, given is not None)
        ]
        best = _best(found)
        if best is not None:
            chosen.append(best)
    if not chosen:
        return None
    reading = max(chosen, key=lambda r: r.rows[-1][-1].line)
    last = reading.rows[-1][-1].line
    return Block(
        caption=reading.caption,
        labels=reading.labels,
        rows=reading.rows,
        header_lines=[x.line for x in ([reading.caption] if reading.caption else [])]
        + [x.line for x in reading.labels],
        skipped_lines=reading.skipped,
        end=last,
        cut_off=reading.cut_off,
        pipe_header=header is not None,
        opener_lines=reading.openers,
    )
