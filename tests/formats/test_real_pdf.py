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


# Tables 2 (page 4) and 4 (page 6) by quarter, as printed: 43 and 36 forces and a Totals row
# under 16 columns (Firings, Drive-stuns, Non-discharges, Totals, each by quarter), headed
# by three rows ('Firings' / '2009' / 'Apr - Jun').
QUARTERLY = {4: (44, 554), 6: (37, 288)}  # page: (rows with Totals, printed figures)
# Page 4, Merseyside Police: Non-discharges Apr - Jun and Jul - Sep print '1 1' and '2' (the
# '1' of 12 printed over the cell's border). Each is Totals less Firings and Drive-stuns
# printed in the same row: 2 - 1 - 0 = 1 and 16 - 3 - 1 = 12.
MERSEYSIDE_Q = [1, 3, 10, 14, None, 1, 3, 1, 1, 12, 17, 16, 2, 16, 30, 31]


def _quarterly(parsed, page: int) -> pl.DataFrame:
    f = parsed.frames
    tables = f["foi_tables"].join(
        f["document_line_sources"].rename({"line_number": "header_line_number"}),
        on=["document_id", "header_line_number"],
    )
    return tables.filter((pl.col("page_number") == page) & (pl.col("column_count") == 16))


@pytest.mark.parametrize("page", sorted(QUARTERLY))
def test_quarterly_tables_under_three_header_rows_reconcile(parsed, page: int) -> None:
    """Each column keeps the headings over it as a name of its own, every figure is read,
    and the forces sum to the printed Totals row in every column."""
    table = _quarterly(parsed, page)
    assert table.height == 1
    assert table["hierarchy_status"][0] in ("reconciled", "reconciled_with_repairs")
    table_id = table["table_id"][0]
    columns = parsed.frames["foi_table_columns"].filter(pl.col("table_id") == table_id)
    labels = columns.sort("column_number")["column_label"].to_list()
    assert labels[0] == "Firings / 2009 / Apr - Jun"
    assert labels[-1] == "Totals / 2010 / Jan - Mar"
    assert len(set(labels)) == 16
    rows, figures = QUARTERLY[page]
    cells = parsed.frames["foi_table_cells"].filter(pl.col("table_id") == table_id)
    assert cells["row_number"].n_unique() == rows
    assert cells.filter(pl.col("cell_status") == "printed").height == figures
    assert not [i for i in parsed.issues if i.severity == "error"]


def test_digits_spilled_over_a_cell_border_are_read_in_their_cell(parsed) -> None:
    assert cells_of(parsed, "Merseyside Police", 4) == MERSEYSIDE_Q


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
