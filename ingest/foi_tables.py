"""Parsed FOI tables -> the raw frames foi_tables, foi_table_columns, foi_table_rows,
foi_table_cells (pure)."""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from ingest.documents import Document
from ingest.frames import dicts_frame, rows_frame
from ingest.schema import CORE_SCHEMAS
from ingest.tables import Cell, ParsedTables


def cell_locator(doc: Document, cell: Cell, column_count: int) -> str | None:
    """Where the cell is printed in its file: the format's cell whose span on the rendered
    line holds the cell's printed token; a cell with no token (a blank cell filled from the
    totals) is the line's cell in its column when the line has one cell per column after
    its label. None for .txt, and for a line whose format gives no cell positions."""
    if doc.format == "txt" or not doc.line_sources:
        return None
    if not 1 <= cell.line_number <= len(doc.line_sources):
        return None
    sources = doc.line_sources[cell.line_number - 1].cells
    if cell.start is None:
        if len(sources) == column_count + 1:
            return sources[cell.column].locator
        return None
    for source in sources:
        if source.start <= cell.start and cell.end is not None and cell.end <= source.end:
            return source.locator
    return None


def table_frames(doc: Document, parsed: ParsedTables) -> dict[str, pl.DataFrame]:
    tables, columns, rows, cells = [], [], [], []
    for t in parsed.tables:
        tables.append(
            {
                "document_id": doc.document_id,
                "table_id": t.table_id,
                "table_number": t.number,
                "question_number": t.question_number,
                "question_line_number": t.question_line,
                "question_text": t.question_text,
                "header_line_number": t.header_line,
                "last_line_number": t.last_line,
                "header_text": t.header_text,
                "row_caption": t.row_caption,
                "measure_label": t.measure_label,
                "column_count": len(t.columns),
                "row_count": len(t.rows),
                "period_start": t.period.start if t.period else None,
                "period_end": t.period.end if t.period else None,
                "period_grain": t.period.grain if t.period else None,
                "hierarchy_status": t.hierarchy_status,
            }
        )
        for c in t.columns:
            columns.append(
                {
                    "document_id": doc.document_id,
                    "table_id": t.table_id,
                    "column_number": c.number,
                    "column_label": c.label,
                    "column_kind": c.kind,
                    "period_start": c.period.start if c.period else None,
                    "period_end": c.period.end if c.period else None,
                    "period_grain": c.period.grain if c.period else None,
                    "line_number": t.header_line,
                    "column_group": c.group,
                    "parent_column_number": c.parent,
                    "column_depth": c.depth,
                    "column_note": c.note,
                }
            )
        # Rows and cells are many: tuples in CORE_SCHEMAS order (see rows_frame).
        for r in t.rows:
            rows.append(
                (
                    doc.document_id,
                    t.table_id,
                    r.number,  # row_number
                    r.label,  # row_label
                    r.kind,  # row_kind
                    r.depth,
                    r.parent,  # parent_row_number
                    r.path,  # row_path
                    r.label_line,  # label_line_number
                    r.values_line,  # line_number
                    r.first_line,  # first_line_number
                    r.last_line,  # last_line_number
                    len(r.tokens),  # printed_value_count
                    r.raw_text,
                    r.period.start if r.period else None,
                    r.period.end if r.period else None,
                    r.period.grain if r.period else None,
                )
            )
            cells.extend(
                (
                    doc.document_id,
                    t.table_id,
                    r.number,  # row_number
                    cell.column,  # column_number
                    cell.line_number,
                    cell.printed_token,
                    None if isinstance(cell.value, Decimal) else cell.value,  # cell_value
                    cell.value if isinstance(cell.value, Decimal) else None,  # cell_decimal
                    cell.status,  # cell_status
                    cell.status == "repaired",  # is_repaired
                    cell.repair_note,
                    cell_locator(doc, cell, len(t.columns)),
                )
                for cell in r.cells
            )
    return {
        "foi_tables": dicts_frame(tables, CORE_SCHEMAS["foi_tables"]),
        "foi_table_columns": dicts_frame(columns, CORE_SCHEMAS["foi_table_columns"]),
        "foi_table_rows": rows_frame(rows, CORE_SCHEMAS["foi_table_rows"]),
        "foi_table_cells": rows_frame(cells, CORE_SCHEMAS["foi_table_cells"]),
    }
