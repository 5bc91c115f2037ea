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
- text: ``bytes.decode`` and ``splitlines``.

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
import lxml.html
import pdfplumber

from ingest.documents import read_document
from ingest.formats.read import render

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "tests" / "fixtures" / "shipped" / "000_dbe143eee267caba.txt"
TASER = REPO / "tests" / "fixtures" / "formats" / "taser-figures-march-2010.pdf"
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


def write(rows: list[dict]) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    text = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else ""
    block = f"{START}\n{table(rows)}\n{END}"
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
    print(table(rows))
    if not args.no_write:
        write(rows)


if __name__ == "__main__":
    main()
