"""The same reply written in each format a publisher uses, with pip-installable writers:
lxml (HTML), python-docx (Word), fpdf2 (PDF), the csv module (CSV), xlsxwriter (XLSX)."""

from __future__ import annotations

import csv
import importlib.util
import io
from pathlib import Path

import docx
import lxml.html
from fpdf import FPDF
from lxml.html import builder as E

from tests.formats.replies import Block, Grid

# A font with every character the replies print (curly quotes, dashes): PDF core fonts
# have Latin-1 only. Liberation Sans (GPL-2 with the font exception: LiberationSans.copyright).
FONT = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "LiberationSans-Regular.ttf"


def to_html(blocks: list[Block]) -> bytes:
    """A disclosure-log page: navigation, a cookie banner, the reply, a footer."""
    body = [
        E.E.nav(E.UL(E.LI(E.A("Home", href="/")), E.LI(E.A("Disclosure log", href="/foi")))),
        E.DIV("We use cookies to make this site work.", id="cookie-banner"),
    ]
    content = []
    for block in blocks:
        if isinstance(block, Grid):
            header, *rows = block.rows
            content.append(
                E.TABLE(
                    E.THEAD(E.TR(*[E.TH(cell) for cell in header])),
                    E.TBODY(*[E.TR(*[E.TD(cell) for cell in row]) for row in rows]),
                )
            )
        else:
            parts: list = [block.lines[0]]
            for line in block.lines[1:]:
                parts.extend([E.BR(), line])
            content.append(E.P(*parts))
    body.append(E.E.main(*content))
    body.append(E.E.footer(E.P("© Police force. All rights reserved.")))
    page = E.HTML(E.HEAD(E.META(charset="utf-8"), E.TITLE("FOI reply")), E.BODY(*body))
    return lxml.html.tostring(page, doctype="<!DOCTYPE html>", encoding="utf-8")


def to_docx(blocks: list[Block]) -> bytes:
    document = docx.Document()
    for block in blocks:
        if isinstance(block, Grid):
            table = document.add_table(rows=len(block.rows), cols=len(block.rows[0]))
            for r, row in enumerate(block.rows):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
        else:
            run = document.add_paragraph().add_run(block.lines[0])
            for line in block.lines[1:]:
                run.add_break()
                run.add_text(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_pdf(blocks: list[Block], ruled: bool = True) -> bytes:
    """A3 landscape in a small font, so that no line wraps; tables ruled (a grid drawn with
    lines) or, with ``ruled=False``, set in columns without lines."""
    pdf = FPDF(orientation="L", format="A3")
    pdf.add_font("Liberation", fname=str(FONT))
    pdf.set_font("Liberation", size=6)
    pdf.set_auto_page_break(True, margin=10)
    pdf.add_page()
    for number, block in enumerate(blocks):
        if number:
            pdf.ln(4)  # the space between paragraphs
        if isinstance(block, Grid):
            columns = range(len(block.rows[0]))
            widths = [max(pdf.get_string_width(r[c]) for r in block.rows) + 4 for c in columns]
            for row in block.rows:
                for c, text in enumerate(row):
                    align = "L" if c == 0 else "R"
                    pdf.cell(widths[c], 4, text, border=1 if ruled else 0, align=align)
                pdf.ln(4)
        else:
            for line in block.lines:
                pdf.cell(0, 4, line)
                pdf.ln(4)
    return bytes(pdf.output())


def to_csv(blocks: list[Block]) -> bytes:
    """As a spreadsheet saves CSV: every row padded to the widest, text lines in column A."""
    width = max((len(b.rows[0]) for b in blocks if isinstance(b, Grid)), default=1)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for number, block in enumerate(blocks):
        if number:
            writer.writerow([""] * width)  # a blank row between paragraphs
        rows = block.rows if isinstance(block, Grid) else tuple((line,) for line in block.lines)
        for row in rows:
            writer.writerow([*row, *[""] * (width - len(row))])
    return out.getvalue().encode("utf-8")


def has_sheets() -> bool:
    return importlib.util.find_spec("ingest.formats.sheets") is not None


def to_xlsx(blocks: list[Block]) -> bytes:
    """One sheet: text lines in column A, a blank row between paragraphs, tables' cells as
    printed."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("Reply")
    r = 0
    for number, block in enumerate(blocks):
        r += 1 if number else 0  # a blank row between paragraphs
        rows = block.rows if isinstance(block, Grid) else tuple((line,) for line in block.lines)
        for row in rows:
            for c, text in enumerate(row):
                sheet.write_string(r, c, text)
            r += 1
    book.close()
    return out.getvalue()
