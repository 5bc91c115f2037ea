"""A real PDF: the Home Office's TASER figures to March 2010 (6 pages: a letter, notes, and
Tables 1-4 by police force, ruled). It loads, its tables are read from the ruled grids and
every figure traces to its page, table, row and column. Expected figures are the ones the
PDF prints (page 3: West Midlands Police and the Totals row of Table 1)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from ingest.pipeline import parse_path

PDF = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "taser-figures-march-2010.pdf"
# Table 1, page 3, as printed: Discharges, Drive-stuns, Arced, Red Dot, Aimed, Drawn, Not
# Stated (blank), Total Used.
WEST_MIDLANDS = [84, 7, 2, 114, 4, 15, None, 226]
TOTALS = [2185, 344, 275, 4434, 354, 1000, 7, 8599]


@pytest.fixture(scope="module")
def parsed():
    return parse_path(PDF)


def cells_of(parsed, row_label: str, page: int) -> list[int | None]:
    f = parsed.frames
    rows = f["foi_table_rows"].filter(pl.col("row_label") == row_label)
    sources = f["document_line_sources"].filter(pl.col("page_number") == page)
    rows = rows.join(sources, on=["document_id", "line_number"])
    (table_id, row_number) = rows.select("table_id", "row_number").row(0)
    cells = f["foi_table_cells"].filter(
        (pl.col("table_id") == table_id) & (pl.col("row_number") == row_number)
    )
    return cells.sort("column_number")["cell_value"].to_list()


def test_the_pdf_loads_as_a_pdf_with_its_pages(parsed) -> None:
    documents = parsed.frames["documents"]
    assert documents["format"].to_list() == ["pdf"]
    assert documents["load_status"].to_list() == ["loaded"]
    pages = parsed.frames["document_line_sources"]["page_number"].unique().sort().to_list()
    assert pages == [1, 2, 3, 4, 5, 6]


def test_the_ruled_tables_by_force_are_read_with_their_printed_figures(parsed) -> None:
    assert cells_of(parsed, "West Midlands Police", 3) == WEST_MIDLANDS
    assert cells_of(parsed, "Totals", 3) == TOTALS
    tables = parsed.frames["foi_tables"].filter(pl.col("row_caption") == "Force")
    # The four tables by force (pages 3-6) each have their header found.
    assert tables.height == 4
    # Table 1 (cumulative) and Table 3 are proven by their printed totals.
    assert tables["hierarchy_status"].to_list().count("reconciled") >= 2


def test_every_figure_traces_to_its_page_table_row_and_column(parsed) -> None:
    f = parsed.frames
    cells = f["foi_table_cells"].filter(pl.col("cell_status") == "printed")
    assert cells.height > 700
    in_grids = cells.filter(pl.col("cell_locator").is_not_null())
    grid_cell = r"^page [3-6], table 1, row \d+, column \d+$"
    assert in_grids["cell_locator"].str.contains(grid_cell).all()
    # A figure read from the text (not a ruled grid) traces to its page and line.
    in_text = cells.filter(pl.col("cell_locator").is_null())
    lines = in_text.join(f["document_line_sources"], on=["document_id", "line_number"])
    assert lines.height == in_text.height
    assert lines["locator"].str.contains(r"^page \d, line \d+$").all()


def test_what_is_not_read_is_named(parsed) -> None:
    """Table 4 (page 6: quarterly columns under 'Firings' / '2009' / 'Apr - Jun' header rows)
    is not read into rows: an error names its line, so none of it is silently lost."""
    errors = [i for i in parsed.issues if i.severity == "error"]
    assert errors and all(i.line_number is not None and i.table_id for i in errors)


def test_every_printed_character_is_on_a_line() -> None:
    """Nothing visible is dropped: the characters of the rendered lines are exactly the
    PDF's own (pdfplumber's chars), whitespace and the pipes of table lines aside."""
    from collections import Counter

    import pdfplumber

    from ingest.formats.read import render

    rendered = render(PDF.read_bytes(), PDF.name)
    got = Counter(ch for line in rendered.lines for ch in line if not ch.isspace() and ch != "|")
    with pdfplumber.open(PDF) as pdf:
        printed = Counter(
            ch for page in pdf.pages for c in page.chars for ch in c["text"] if not ch.isspace()
        )
    assert sum(printed.values()) > 10_000
    assert got == printed
