"""What a reply says, provenance aside: its tables' cells and the reply's request details."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from ingest.documents import Document, document_from_rendered
from ingest.formats.read import render
from ingest.pipeline import parse_document

# Provenance and identity differ between formats by design; everything else must not.
PROVENANCE = {"document_id", "file_name", "line_number", "cell_locator", "table_id"}


def rendered_document(data: bytes, name: str) -> Document:
    return document_from_rendered(render(data, name), data, name)


def cell_facts(doc: Document) -> pl.DataFrame:
    """One row per cell: table, row label, kind, path, column label, period, value, status."""
    frames, _ = parse_document(doc)
    tables = frames["foi_tables"].select(
        "table_id", "table_number", "question_number", "row_caption", "measure_label",
        "period_start", "period_end", "period_grain", "hierarchy_status",
    )  # fmt: skip
    rows = frames["foi_table_rows"].select(
        "table_id", "row_number", "row_label", "row_kind", "depth", "row_path",
        pl.col("period_start").alias("row_period_start"),
        pl.col("period_end").alias("row_period_end"),
    )  # fmt: skip
    columns = frames["foi_table_columns"].select(
        "table_id", "column_number", "column_label", "column_kind",
        pl.col("period_start").alias("column_period_start"),
        pl.col("period_end").alias("column_period_end"),
    )  # fmt: skip
    cells = frames["foi_table_cells"].select(
        "table_id", "row_number", "column_number", "printed_token", "cell_value",
        "cell_decimal", "cell_status", "is_repaired", "repair_note",
    )  # fmt: skip
    joined = (
        cells.join(rows, on=["table_id", "row_number"])
        .join(columns, on=["table_id", "column_number"])
        .join(tables, on="table_id")
        .drop("table_id")
    )
    # A blank cell is printed as nothing: a text line has no token there, a table cell an
    # empty one.
    blank = pl.when(pl.col("printed_token") != "").then(pl.col("printed_token"))
    # A repair's note explains it with line numbers and the layout's wording; its kind
    # ('blank-proven-zero') is what must agree.
    kind = pl.col("repair_note").str.split(":").list.first()
    joined = joined.with_columns(blank.alias("printed_token"), kind.alias("repair_note"))
    return joined.sort(["table_number", "row_number", "column_number"])


def request_facts(doc: Document) -> dict[str, list]:
    """The FOI request's details (reference, force, dates, questions), provenance aside."""
    frames, _ = parse_document(doc)
    out = {}
    for name in ("foi_requests", "foi_questions"):
        frame = frames.get(name)
        if frame is None:
            continue
        keep = [
            c
            for c in frame.columns
            if c not in PROVENANCE and not c.endswith(("_line", "line_number"))
        ]
        out[name] = frame.select(keep).sort(keep).to_dicts()
    return out


def text_document(path: Path) -> Document:
    from ingest.documents import read_document

    return read_document(path)
