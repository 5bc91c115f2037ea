"""A text reply cut into what a publisher's other formats hold: text lines, and tables as
rows of cells (the parser's own reading of the text decides which lines are table rows)."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.documents import Document
from ingest.tables import find_tables


@dataclass(frozen=True)
class Grid:
    """A table as its cells: ``rows[0]`` is the header row."""

    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Paragraph:
    """Lines printed one under the other (a line break between them, no blank line)."""

    lines: tuple[str, ...]


Block = Paragraph | Grid


def reply_blocks(doc: Document) -> list[Block]:
    """The reply's paragraphs (runs of non-blank lines) and tables in order, each table's
    lines replaced by one Grid: the header row (its caption, then the column labels) and one
    row per table row (its label, then its printed figures)."""
    parsed = find_tables(doc)
    starts: dict[int, object] = {}
    covered: set[int] = set()
    for table in parsed.tables:
        first = min(table.header_lines or (table.header_line,))
        starts[first] = table
        covered.update(range(first, table.last_line + 1))
    blocks: list[Block] = []
    paragraph: list[str] = []
    for number, line in enumerate(doc.lines, start=1):
        if paragraph and (number in covered or not line.strip()):
            blocks.append(Paragraph(tuple(paragraph)))
            paragraph = []
        if number in starts:
            blocks.append(grid_of(starts[number]))  # type: ignore[arg-type]
        elif number not in covered and line.strip():
            paragraph.append(line)
    if paragraph:
        blocks.append(Paragraph(tuple(paragraph)))
    return blocks


def grid_of(table) -> Grid:
    labels = [c.label for c in table.columns]
    header = table.header_text.strip()
    joined = " ".join(labels)
    caption = header[: -len(joined)].strip() if header.endswith(joined) else ""
    width = len(labels) + 1
    rows = [(caption, *labels)]
    for row in table.rows:
        cells = [""] * len(labels)
        for cell in row.cells:
            if cell.printed_token is not None:
                cells[cell.column - 1] = cell.printed_token
        rows.append((row.label, *cells))
    assert all(len(r) == width for r in rows)
    return Grid(tuple(rows))


def pipe_text(blocks: list[Block]) -> str:
    """The blocks as text with pipe tables (what every structured format renders to), a
    blank line between blocks."""
    out: list[str] = []
    for block in blocks:
        if out:
            out.append("")
        if isinstance(block, Grid):
            out.extend("| " + " | ".join(row) + " |" for row in block.rows)
        else:
            out.extend(block.lines)
    return "\n".join(out) + "\n"
