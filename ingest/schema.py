"""The raw tables ingest writes, with exact column types.

Every raw table carries ``document_id`` (the sha256 of the document's bytes) and, where a
row comes from a line, the 1-based ``line_number``. dbt's sources describe the same tables.
"""

from __future__ import annotations

import polars as pl

from ingest.issues import ISSUE_SCHEMA

S, I, B, D = pl.String(), pl.Int64(), pl.Boolean(), pl.Date()

CORE_SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "documents": {
        "document_id": S,
        "file_name": S,
        "byte_count": I,
        "encoding": S,
        "line_count": I,
        "document_kind": S,
        "title": S,
        "load_status": S,
    },
    "document_lines": {
        "document_id": S,
        "line_number": I,
        "line_text": S,
        "line_kind": S,
        "table_id": S,
    },
    "foi_tables": {
        "document_id": S,
        "table_id": S,
        "table_number": I,
        "question_number": I,
        "question_line_number": I,
        "question_text": S,
        "header_line_number": I,
        "last_line_number": I,
        "header_text": S,
        "row_caption": S,
        "measure_label": S,
        "column_count": I,
        "row_count": I,
        "period_start": D,
        "period_end": D,
        "period_grain": S,
        "hierarchy_status": S,
    },
    "foi_table_columns": {
        "document_id": S,
        "table_id": S,
        "column_number": I,
        "column_label": S,
        "column_kind": S,
        "period_start": D,
        "period_end": D,
        "period_grain": S,
        "line_number": I,
    },
    "foi_table_rows": {
        "document_id": S,
        "table_id": S,
        "row_number": I,
        "row_label": S,
        "row_kind": S,
        "depth": I,
        "parent_row_number": I,
        "row_path": S,
        "label_line_number": I,
        "line_number": I,
        "first_line_number": I,
        "last_line_number": I,
        "printed_value_count": I,
        "raw_text": S,
        "period_start": D,
        "period_end": D,
        "period_grain": S,
    },
    "foi_table_cells": {
        "document_id": S,
        "table_id": S,
        "row_number": I,
        "column_number": I,
        "line_number": I,
        "printed_token": S,
        "cell_value": I,
        "cell_status": S,
        "is_repaired": B,
        "repair_note": S,
    },
    "parse_issues": ISSUE_SCHEMA,
}


def empty_frame(name: str, schemas: dict[str, dict[str, pl.DataType]]) -> pl.DataFrame:
    return pl.DataFrame(schema=schemas[name])
