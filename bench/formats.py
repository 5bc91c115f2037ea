"""Per-format reading speed: ``python -m bench.formats`` (part of ``make bench``).

For each format a reply is published in, the time ``ingest.formats.read.render`` takes to turn
the file into lines with provenance, against the format library's own plain read of the same
file as the floor (the least any reader built on that library must spend):

- PDF: pdfplumber ``page.extract_text()`` of every page (pages per second); measured on the
  Home Office TASER PDF (tests/fixtures/formats) and on seed 000 written as a PDF;
- HTML: ``lxml.html.document_fromstring`` and ``text_content()``;
- Word: python-docx ``Document`` and every paragraph's and table cell's text;
- CSV: the csv module's ``reader`` over the file (polars cannot read a CSV of several tables
  of different widths in one frame);
- text: ``bytes.decode`` and ``splitlines``;
- spreadsheets (XLSX, ODS): fastexcel's own read of every sheet (no header row, every cell
  as text) against ``ingest.formats.sheets.render_workbook`` and against rendering and
  parsing the workbook (``read_document`` and ``parse_document``: tables, hierarchy,
  cells), in non-empty cells per second; measured on the real workbooks in
  tests/fixtures/formats (two ONS editions, the Home Office workforce ODS).

The replies are written by the round-trip test's writers (tests/formats/writers.py) from seed
000 (tests/fixtures/shipped). Each timing is the best of ``--repeat`` runs (wall clock).
Results are printed and written between the markers in BENCHMARKS.md and to
build/bench/formats.json.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import time
from collections.abc import Callable
from pathlib import Path

import docx
import fastexcel
import lxml.html
import pdfplumber

from ingest.documents import read_document
from ingest.formats.read import render
from ingest.formats.sheets import read_sheets, render_workbook
from ingest.pipeline import parse_document

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "tests" / "fixtures" / "shipped" / "000_dbe143eee267caba.txt"
TASER = REPO / "tests" / "fixtures" / "formats" / "taser-figures-march-2010.pdf"
FORMATS = REPO / "tests" / "fixtures" / "formats"
WORKBOOKS = [
    FORMATS / "policeforceareatablesyearendingmarch2018v2.xlsx",
    FORMATS / "policeforceareatablesyearendingsep18corrected.xlsx",
    FORMATS / "police-workforce-sep19-tables.ods",
]
BENCHMARKS = REPO / "BENCHMARKS.md"
RESULTS = REPO / "build" / "bench" / "formats.json"
START, END = "<!-- bench:formats:start -->", "<!-- bench:formats:end -->"


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def pdf_floor(data: bytes) -> int:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
        return len(pdf.pages)


def html_floor(data: bytes) -> str:
    return lxml.html.document_fromstring(data).text_content()


def docx_floor(data: bytes) -> None:
    document = docx.Document(io.BytesIO(data))
    _ = [p.text for p in document.paragraphs]
    _ = [c.text for t in document.tables for r in t.rows for c in r.cells]


def sheets_floor(data: bytes) -> int:
    """fastexcel's own read of every sheet: the number of sheets read."""
    reader = fastexcel.read_excel(data)
    for name in reader.sheet_names:
        reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string").to_arrow()
    return len(reader.sheet_names)


def measure_workbooks(repeat: int) -> list[dict]:
    rows = []
    for path in WORKBOOKS:
        data, fmt = path.read_bytes(), path.suffix[1:]
        cells = sum(len(sheet.cells) for sheet in read_sheets(data, fmt))
        floor = best(lambda data=data: sheets_floor(data), repeat)
        rendering = best(lambda data=data, fmt=fmt: render_workbook(data, fmt), repeat)
        parsing = best(lambda path=path: parse_document(read_document(path)), repeat)
        rows.append(
            {
                "format": fmt,
                "file": path.name,
                "bytes": len(data),
                "sheets": sheets_floor(data),
                "cells": cells,
                "floor_seconds": round(floor, 4),
                "render_seconds": round(rendering, 4),
                "parse_seconds": round(parsing, 4),
                "floor_cells_per_second": round(cells / floor),
                "render_cells_per_second": round(cells / rendering),
                "parse_cells_per_second": round(cells / parsing),
            }
        )
    return rows


def samples() -> list[tuple[str, str, bytes, Callable[[bytes], object]]]:
    # The writers live with the tests; imported here only, so ingest never depends on them.
    from tests.formats.replies import reply_blocks
    from tests.formats.writers import to_csv, to_docx, to_html, to_pdf

    blocks = reply_blocks(read_document(SEED))
    return [
        ("txt", "seed 000", SEED.read_bytes(), lambda d: d.decode("utf-8").splitlines()),
        ("html", "seed 000", to_html(blocks), html_floor),
        ("docx", "seed 000", to_docx(blocks), docx_floor),
        ("csv", "seed 000", to_csv(blocks), lambda d: list(csv.reader(io.StringIO(d.decode())))),
        ("pdf", "seed 000", to_pdf(blocks), pdf_floor),
        ("pdf", "TASER figures (Home Office)", TASER.read_bytes(), pdf_floor),
    ]  # fmt: skip


def measure(repeat: int) -> list[dict]:
    rows = []
    for fmt, what, data, floor in samples():
        rendered = render(data, f"sample.{fmt}")
        ours = best(lambda data=data, fmt=fmt: render(data, f"sample.{fmt}"), repeat)
        base = best(lambda data=data, floor=floor: floor(data), repeat)
        pages = pdf_floor(data) if fmt == "pdf" else None
        rows.append(
            {
                "format": fmt,
                "file": what,
                "bytes": len(data),
                "lines": len(rendered.lines),
                "pages": pages,
                "seconds": round(ours, 4),
                "floor_seconds": round(base, 4),
                "ratio": round(ours / base, 2) if base else None,
                "lines_per_second": round(len(rendered.lines) / ours),
                "pages_per_second": round(pages / ours, 2) if pages else None,
                "floor_pages_per_second": round(pages / base, 2) if pages else None,
            }
        )
    return rows


def table(rows: list[dict]) -> str:
    out = [
        "| format | file | lines | pages | read (s) | library floor (s) | ratio | lines/s "
        "| pages/s (floor) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        pages = f"{r['pages_per_second']} ({r['floor_pages_per_second']})" if r["pages"] else ""
        out.append(
            f"| {r['format']} | {r['file']} | {r['lines']} | {r['pages'] or ''} | {r['seconds']} "
            f"| {r['floor_seconds']} | {r['ratio']} | {r['lines_per_second']:,} | {pages} |"
        )
    return "\n".join(out)


def workbook_table(rows: list[dict]) -> str:
    out = [
        "| format | file | sheets | non-empty cells | fastexcel floor (s) | render (s) "
        "| render + parse (s) | cells/s floor | cells/s render | cells/s render + parse |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        out.append(
            f"| {r['format']} | {r['file']} | {r['sheets']} | {r['cells']:,} "
            f"| {r['floor_seconds']} | {r['render_seconds']} | {r['parse_seconds']} "
            f"| {r['floor_cells_per_second']:,} | {r['render_cells_per_second']:,} "
            f"| {r['parse_cells_per_second']:,} |"
        )
    cells = sum(r["cells"] for r in rows)
    floor, rendering, parsing = (
        sum(r[k] for r in rows) for k in ("floor_seconds", "render_seconds", "parse_seconds")
    )
    out.append(
        f"| all | {len(rows)} workbooks | {sum(r['sheets'] for r in rows)} | {cells:,} "
        f"| {round(floor, 4)} | {round(rendering, 4)} | {round(parsing, 4)} "
        f"| {round(cells / floor):,} | {round(cells / rendering):,} | {round(cells / parsing):,} |"
    )
    return "\n".join(out)


def write(rows: list[dict], workbooks: list[dict]) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    results = {"formats": rows, "workbooks": workbooks}
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    text = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else ""
    block = f"{START}\n{table(rows)}\n\nSpreadsheets:\n\n{workbook_table(workbooks)}\n{END}"
    if START in text and END in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END) :]
    else:
        intro = "`python -m bench.formats`: each format's read against its library's own read"
        text += f"\n## Reading each format\n\n{intro} (the floor).\n\n{block}\n"
    BENCHMARKS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Per-format reading speed.")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    rows = measure(args.repeat)
    workbooks = measure_workbooks(args.repeat)
    print(table(rows))
    print()
    print(workbook_table(workbooks))
    if not args.no_write:
        write(rows, workbooks)


if __name__ == "__main__":
    main()
