"""The same reply in every format gives the same figures: seed 000 and two real replies,
cut into text lines and tables, written as HTML, Word, PDF and CSV (and XLSX when the
spreadsheet reader is installed), read back through ``ingest.formats``; every cell (value,
labels, periods, kinds, hierarchy), the tables' reconciliation status and the request's
details equal the text version's. Provenance (line numbers, locators) aside."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from polars.testing import assert_frame_equal

from ingest.documents import document_from_text
from tests.formats.compare import cell_facts, rendered_document, request_facts
from tests.formats.replies import pipe_text, reply_blocks
from tests.formats.writers import has_sheets, to_csv, to_docx, to_html, to_pdf, to_xlsx

TESTS = Path(__file__).resolve().parents[1]
REAL = TESTS / "corpus" / "real"
REPLIES = [
    TESTS / "fixtures" / "shipped" / "000_dbe143eee267caba.txt",
    REAL / "nottinghamshire_000915-15_ufo_sightings_area_by_year_flattened_docslib.txt",
    REAL / "wmp_911A-22_domestic_violence_monthly_and_age_gender_tables.txt",
]
WRITERS: dict[str, tuple[str, Callable]] = {
    "html": ("reply.html", to_html),
    "docx": ("reply.docx", to_docx),
    "pdf": ("reply.pdf", to_pdf),
    "csv": ("reply.csv", to_csv),
    "xlsx": ("reply.xlsx", to_xlsx),
}
FORMATS = [
    pytest.param(
        f,
        marks=pytest.mark.skipif(
            f == "xlsx" and not has_sheets(), reason="the spreadsheet reader is not installed"
        ),
    )
    for f in WRITERS
]


@pytest.fixture(scope="module", params=REPLIES, ids=lambda p: p.name[:24])
def reply(request):
    from ingest.documents import read_document

    text = read_document(request.param)
    blocks = reply_blocks(text)
    # The cut itself loses nothing the parser reads: the reply with pipe tables and no blank
    # lines reads the same cells as the original text.
    assert_frame_equal(cell_facts(document_from_text(pipe_text(blocks))), cell_facts(text))
    return text, blocks


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_reads_the_same_cells_and_request(reply, fmt: str) -> None:
    text, blocks = reply
    name, write = WRITERS[fmt]
    doc = rendered_document(write(blocks), name)
    assert doc.format == fmt
    expected = cell_facts(text)
    assert expected.height > 0
    assert_frame_equal(cell_facts(doc), expected)
    assert doc.document_kind == text.document_kind
    assert request_facts(doc) == request_facts(text)


@pytest.mark.parametrize("fmt", [f for f in WRITERS if f not in ("xlsx",)])
def test_every_printed_cell_is_located_in_its_file(reply, fmt: str) -> None:
    """Each cell of a structured table (printed, or blank and repaired) names where it is in
    the file."""
    from ingest.foi_tables import table_frames
    from ingest.tables import find_tables

    _, blocks = reply
    name, write = WRITERS[fmt]
    doc = rendered_document(write(blocks), name)
    cells = table_frames(doc, find_tables(doc))["foi_table_cells"]
    printed = cells.filter(cells["printed_token"].is_not_null())
    assert set(printed["cell_status"]) >= {"printed"}
    assert printed.height > 0
    assert printed["cell_locator"].null_count() == 0
    sample = printed.row(0, named=True)
    source = doc.line_sources[sample["line_number"] - 1]
    assert sample["cell_locator"] in {c.locator for c in source.cells}
