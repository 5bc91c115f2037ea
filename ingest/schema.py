"""The raw tables ingest writes, with exact column types.

Every raw table carries ``document_id`` (the sha256 of the document's bytes) and, where a
row comes from a line, the 1-based ``line_number``. dbt's sources describe the same tables.
"""

from __future__ import annotations

import polars as pl

from ingest.issues import ISSUE_SCHEMA

TEXT, INT, BOOL, DATE = pl.String(), pl.Int64(), pl.Boolean(), pl.Date()
# Exact decimals as printed ('£2,713.92', '51.410873'): up to 10 places (tokens.DECIMAL_PLACES).
DECIMAL = pl.Decimal(38, 10)

CORE_SCHEMAS: dict[str, dict[str, pl.DataType]] = {
    "documents": {
        "document_id": TEXT,
        "file_name": TEXT,
        "byte_count": INT,
        "encoding": TEXT,
        "line_count": INT,
        "document_kind": TEXT,
        "title": TEXT,
        "load_status": TEXT,
        "format": TEXT,
    },
    # Where each line of a document that is not plain text was printed in its file (a
    # .txt line's provenance is its line number, so .txt documents have no rows here).
    "document_line_sources": {
        "document_id": TEXT,
        "line_number": INT,
        "format": TEXT,
        "locator": TEXT,
        "page_number": INT,
        "sheet_name": TEXT,
    },
    "document_lines": {
        "document_id": TEXT,
        "line_number": INT,
        "line_text": TEXT,
        "line_kind": TEXT,
        "table_id": TEXT,
    },
    "foi_tables": {
        "document_id": TEXT,
        "table_id": TEXT,
        "table_number": INT,
        "question_number": INT,
        "question_line_number": INT,
        "question_text": TEXT,
        "header_line_number": INT,
        "last_line_number": INT,
        "header_text": TEXT,
        "row_caption": TEXT,
        "measure_label": TEXT,
        "column_count": INT,
        "row_count": INT,
        "period_start": DATE,
        "period_end": DATE,
        "period_grain": TEXT,
        "hierarchy_status": TEXT,
    },
    "foi_table_columns": {
        "document_id": TEXT,
        "table_id": TEXT,
        "column_number": INT,
        "column_label": TEXT,
        "column_kind": TEXT,
        "period_start": DATE,
        "period_end": DATE,
        "period_grain": TEXT,
        "line_number": INT,
        "column_group": TEXT,
        "parent_column_number": INT,
        "column_depth": INT,
        "column_note": TEXT,
    },
    "foi_table_rows": {
        "document_id": TEXT,
        "table_id": TEXT,
        "row_number": INT,
        "row_label": TEXT,
        "row_kind": TEXT,
        "depth": INT,
        "parent_row_number": INT,
        "row_path": TEXT,
        "label_line_number": INT,
        "line_number": INT,
        "first_line_number": INT,
        "last_line_number": INT,
        "printed_value_count": INT,
        "raw_text": TEXT,
        "period_start": DATE,
        "period_end": DATE,
        "period_grain": TEXT,
    },
    "foi_table_cells": {
        "document_id": TEXT,
        "table_id": TEXT,
        "row_number": INT,
        "column_number": INT,
        "line_number": INT,
        "printed_token": TEXT,
        "cell_value": INT,  # a whole count; null for a decimal figure
        "cell_decimal": DECIMAL,  # a figure that is not a count: money, decimals; else null
        "cell_status": TEXT,
        "is_repaired": BOOL,
        "repair_note": TEXT,
        # Where the cell is printed in a file that structures it ('table 2, row 3, column
        # 4', 'Table P1!I34'); null for .txt and for a cell without its own position.
        "cell_locator": TEXT,
    },
    "parse_issues": ISSUE_SCHEMA,
}
