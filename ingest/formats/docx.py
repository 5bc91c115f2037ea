"""A Word reply (.docx, python-docx) -> lines: paragraphs in body order, one line each (a
line break inside a paragraph starts a new line), and tables as pipe-table lines.

Provenance: ``paragraph N`` (N counts the body's paragraphs, blank ones too, as Word keeps
them), ``table T, row R`` and ``table T, row R, column C``. Headers and footers (letterheads,
page footers) are kept as furniture lines at the start and end. A merged cell's text stands
at its first position; the positions it also covers are blank.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml.ns import qn
from lxml import etree

from ingest.formats import BREAK, CellSource, LineSource, Rendered, UnreadableFormat
from ingest.formats.html import pipe_line
from ingest.formats.text import text_lines


def render_docx(data: bytes) -> Rendered:
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise UnreadableFormat(
            f"not a readable Word document: {type(exc).__name__}: {exc}",
            issue_code="corrupt_document",
            format="docx",
        ) from exc
    lines: list[str] = []
    sources: list[LineSource] = []
    furniture_parts = _furniture(document)
    for where, text in furniture_parts["header"]:
        for line in text_lines(text):
            if line.strip():
                lines.append(line)
                sources.append(LineSource(where, furniture=True))
    counters = {"paragraph": 0, "table": 0}
    _body(document.element.body, lines, sources, counters)
    while lines and not lines[-1]:
        lines.pop()
        sources.pop()
    for where, text in furniture_parts["footer"]:
        for line in text_lines(text):
            if line.strip():
                lines.append(line)
                sources.append(LineSource(where, furniture=True))
    return Rendered("docx", tuple(lines), tuple(sources))


def _body(parent: etree._Element, lines: list[str], sources: list[LineSource], n: dict) -> None:
    for child in parent.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")) and lines and lines[-1]:
            # Word's space between paragraphs: a blank line, as a text file has.
            lines.append("")
            sources.append(BREAK)
        if child.tag == qn("w:p"):
            n["paragraph"] += 1
            for line in text_lines(paragraph_text(child)):
                if line.strip():
                    lines.append(line)
                    sources.append(LineSource(f"paragraph {n['paragraph']}"))
        elif child.tag == qn("w:tbl"):
            n["table"] += 1
            _table(child, n["table"], lines, sources)
        elif child.tag == qn("w:sdt"):
            for content in child.iterchildren(qn("w:sdtContent")):
                _body(content, lines, sources, n)


def paragraph_text(p: etree._Element) -> str:
    """A paragraph's text as Word shows it: runs joined, tabs as spaces, breaks as new lines."""
    parts = []
    for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def cell_text(tc: etree._Element) -> str:
    """Every paragraph of a cell (a nested table's too), on one line."""
    texts = [" ".join(paragraph_text(p).split()) for p in tc.iter(qn("w:p"))]
    return " ".join(t for t in texts if t).replace("|", "¦")


def table_grid(tbl: etree._Element) -> list[list[str]]:
    """The table's rows; a merged cell's text at its first position, blanks where it spans."""
    grid: list[list[str]] = []
    for tr in tbl.iterchildren(qn("w:tr")):
        row: list[str] = []
        for tc in tr.iterchildren(qn("w:tc")):
            props = tc.find(qn("w:tcPr"))
            span, continued = 1, False
            if props is not None:
                grid_span = props.find(qn("w:gridSpan"))
                if grid_span is not None:
                    span = max(1, int(grid_span.get(qn("w:val"), "1")))
                merge = props.find(qn("w:vMerge"))
                continued = merge is not None and merge.get(qn("w:val"), "continue") == "continue"
            row.append("" if continued else cell_text(tc))
            row.extend([""] * (span - 1))
        grid.append(row)
    width = max((len(r) for r in grid), default=0)
    return [r + [""] * (width - len(r)) for r in grid]


def _table(tbl: etree._Element, number: int, lines: list[str], sources: list[LineSource]) -> None:
    for r, cells in enumerate(table_grid(tbl), start=1):
        if not any(cells):
            continue
        line, spans = pipe_line(cells)
        lines.append(line)
        sources.append(
            LineSource(
                f"table {number}, row {r}",
                cells=tuple(
                    CellSource(a, b, f"table {number}, row {r}, column {c}")
                    for c, (a, b) in enumerate(spans, start=1)
                ),
            )
        )


def _furniture(document: docx.document.Document) -> dict[str, list[tuple[str, str]]]:
    """Each distinct header and footer paragraph (sections often repeat them)."""
    found: dict[str, list[tuple[str, str]]] = {"header": [], "footer": []}
    seen: set[tuple[str, str]] = set()
    for section in document.sections:
        for kind, part in (("header", section.header), ("footer", section.footer)):
            if part.is_linked_to_previous and found[kind]:
                continue
            for p_number, p in enumerate(part._element.iter(qn("w:p")), start=1):
                text = paragraph_text(p)
                if text.strip() and (kind, text) not in seen:
                    seen.add((kind, text))
                    found[kind].append((f"{kind} paragraph {p_number}", text))
    return found
