"""A saved web page (a disclosure-log entry) -> lines: ``<table>`` elements as pipe-table
lines, the rest of the page as text lines, one line per block (paragraph, heading, list
item, line break), as a browser shows it.

Nothing visible is dropped: scripts, styles and the head are not page text; navigation,
footers, asides and cookie banners are kept as lines marked as furniture (line kind
'boilerplate'). A table's ``rowspan``/``colspan`` are expanded into blank cells, so every
row has one cell per column and the printed text stands at its first position only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from ingest.formats import BREAK, CellSource, LineSource, Rendered, UnreadableFormat
from ingest.formats.text import decode

# Not page text: never rendered by a browser.
INVISIBLE = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg"}
BLOCKS = {
    "p", "div", "section", "article", "main", "aside", "nav", "header", "footer", "h1", "h2",
    "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "form",
    "fieldset", "figure", "figcaption", "address", "hr", "body", "html", "tr", "td", "th",
    "table", "thead", "tbody", "tfoot", "caption", "details", "summary", "label", "option",
}  # fmt: skip
# A layout table's cells and rows, and list items, are lines of one block, not paragraphs.
INLINE_IN_TABLES = {"tr", "td", "th", "li", "dt", "dd", "option"}
FURNITURE_TAGS = {"nav", "footer", "aside"}
FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "search"}
FURNITURE_NAMES = re.compile(r"cookie|consent|gdpr|skip-?link|breadcrumb", re.IGNORECASE)
CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w-]+)", re.IGNORECASE)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
SPACES = re.compile(r"\s+")


@dataclass
class _Page:
    lines: list[str] = field(default_factory=list)
    sources: list[LineSource] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    buffer_furniture: bool = False
    text_lines: int = 0
    tables: int = 0
    pending_break: bool = False

    def block_break(self) -> None:
        """The next line starts a new block: a blank line before it, as a text file has."""
        self.flush()
        self.pending_break = True

    def append(self, text: str, source: LineSource) -> None:
        if self.pending_break and self.lines and self.lines[-1]:
            self.lines.append("")
            self.sources.append(BREAK)
        self.pending_break = False
        self.lines.append(text)
        self.sources.append(source)

    def add_text(self, text: str, furniture: bool) -> None:
        if text:
            self.buffer.append(text)
            self.buffer_furniture = self.buffer_furniture or furniture

    def flush(self) -> None:
        text = SPACES.sub(" ", "".join(self.buffer)).strip()
        furniture = self.buffer_furniture
        self.buffer, self.buffer_furniture = [], False
        if text:
            self.add_line(text, furniture)

    def add_line(self, text: str, furniture: bool) -> None:
        self.text_lines += 1
        self.append(text, LineSource(f"text line {self.text_lines}", furniture=furniture))


def decode_page(data: bytes) -> tuple[str, str]:
    """The page's text: the charset its <meta> declares, else UTF-8 or Windows-1252."""
    declared = CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace")
        try:
            return data.decode(name).lstrip("\ufeff"), name.lower()
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def render_html(data: bytes) -> Rendered:
    text, encoding = decode_page(data)
    try:
        root = lxml.html.document_fromstring(XML_DECLARATION.sub("", text) or "<html></html>")
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableFormat(f"not a readable HTML page: {exc}", format="html") from exc
    page = _Page()
    _walk(root, page, furniture=False)
    page.flush()
    return Rendered("html", tuple(page.lines), tuple(page.sources), encoding)


def is_furniture(element: etree._Element) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in FURNITURE_TAGS or (element.get("role") or "").lower() in FURNITURE_ROLES:
        return True
    if tag == "header" and not any(a.tag in ("main", "article") for a in element.iterancestors()):
        return True
    names = " ".join(filter(None, (element.get("id"), element.get("class"))))
    return bool(names) and bool(FURNITURE_NAMES.search(names))


def _walk(element: etree._Element, page: _Page, furniture: bool) -> None:
    tag = element.tag if isinstance(element.tag, str) else None
    if tag is None:  # a comment or processing instruction: not page text
        if element.tail:
            page.add_text(element.tail, furniture)
        return
    tag = tag.lower()
    if tag in INVISIBLE:
        if element.tail:
            page.add_text(element.tail, furniture)
        return
    furniture = furniture or is_furniture(element)
    if tag == "table" and not element.xpath(".//table"):
        page.block_break()
        _table(element, page, furniture)
        page.block_break()
        page.add_text(element.tail or "", furniture)
        return
    block = tag in BLOCKS and tag not in INLINE_IN_TABLES
    if block:
        page.block_break()
    elif tag == "br" or tag in INLINE_IN_TABLES:
        page.flush()
    if tag == "pre":
        for line in (element.text_content() or "").splitlines():
            if line.strip():
                page.add_line(line.rstrip(), furniture)
    else:
        page.add_text(element.text or "", furniture)
        for child in element:
            _walk(child, page, furniture)
    if block:
        page.block_break()
    elif tag in INLINE_IN_TABLES:
        page.flush()
    page.add_text(element.tail or "", furniture)


def cell_text(cell: etree._Element) -> str:
    parts = [t for t in cell.xpath(".//text()[not(ancestor::script or ancestor::style)]")]
    # A pipe inside a cell is text, not a column boundary.
    return SPACES.sub(" ", " ".join(parts)).strip().replace("|", "¦")


def table_grid(table: etree._Element) -> list[list[str]]:
    """The table's rows, with row and column spans expanded into blank cells."""
    grid: list[list[str]] = []
    pending: dict[int, int] = {}  # column -> rows still covered by a rowspan above
    for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
        row: list[str] = []
        column = 0
        for cell in tr.xpath("./td|./th"):
            while pending.get(column, 0) > 0:
                row.append("")
                pending[column] -= 1
                column += 1
            span = _span(cell.get("colspan"))
            down = _span(cell.get("rowspan"))
            row.append(cell_text(cell))
            row.extend([""] * (span - 1))
            for c in range(column, column + span):
                if down > 1:
                    pending[c] = down - 1
            column += span
        while any(v > 0 for c, v in pending.items() if c >= column):
            if pending.get(column, 0) > 0:
                pending[column] -= 1
            row.append("")
            column += 1
        grid.append(row)
    width = max((len(r) for r in grid), default=0)
    return [r + [""] * (width - len(r)) for r in grid]


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def _table(table: etree._Element, page: _Page, furniture: bool) -> None:
    page.tables += 1
    number = page.tables
    for caption in table.xpath("./caption"):
        text = SPACES.sub(" ", caption.text_content()).strip()
        if text:
            page.add_line(text, furniture)
    for r, cells in enumerate(table_grid(table), start=1):
        if not any(cells):
            continue
        line, spans = pipe_line(cells)
        page.append(
            line,
            LineSource(
                f"table {number}, row {r}",
                cells=tuple(
                    CellSource(a, b, f"table {number}, row {r}, column {c}")
                    for c, (a, b) in enumerate(spans, start=1)
                ),
                furniture=furniture,
            ),
        )


def pipe_line(cells: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """'| a | b |' and each cell's (start, end) in it; a blank cell's span is the space
    between its pipes."""
    line, spans = "|", []
    for text in cells:
        line += " "
        start = len(line)
        spans.append((start, start + len(text)) if text else (start - 1, start + 1))
        line += text + " |"
    return line, spans
