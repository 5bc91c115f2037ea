"""Parsed FOI tables -> the raw frames foi_tables, foi_table_columns, foi_table_rows,
foi_table_cells (pure)."""

from __future__ import annotations

import polars as pl

from ingest.documents import Document
from ingest.schema import CORE_SCHEMAS
from ingest.tables import ParsedTables


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
                    "column_note": c.note,
                }
            )
        for r in t.rows:
            rows.append(
                {
                    "document_id": doc.document_id,
                    "table_id": t.table_id,
                    "row_number": r.number,
                    "row_label": r.label,
                    "row_kind": r.kind,
                    "depth": r.depth,
                    "parent_row_number": r.parent,
                    "row_path": r.path,
                    "label_line_number": r.label_line,
                    "line_number": r.values_line,
                    "first_line_number": r.first_line,
                    "last_line_number": r.last_line,
                    "printed_value_count": len(r.tokens),
                    "raw_text": r.raw_text,
                    "period_start": r.period.start if r.period else None,
                    "period_end": r.period.end if r.period else None,
                    "period_grain": r.period.grain if r.period else None,
                }
            )
            for cell in r.cells:
                cells.append(
                    {
                        "document_id": doc.document_id,
                        "table_id": t.table_id,
                        "row_number": r.number,
                        "column_number": cell.column,
                        "line_number": cell.line_number,
                        "printed_token": cell.printed_token,
                        "cell_value": cell.value,
                        "cell_status": cell.status,
                        "is_repaired": cell.status == "repaired",
                        "repair_note": cell.repair_note,
                    }
                )
    return {
        "foi_tables": pl.DataFrame(tables, schema=CORE_SCHEMAS["foi_tables"]),
        "foi_table_columns": pl.DataFrame(columns, schema=CORE_SCHEMAS["foi_table_columns"]),
        "foi_table_rows": pl.DataFrame(rows, schema=CORE_SCHEMAS["foi_table_rows"]),
        "foi_table_cells": pl.DataFrame(cells, schema=CORE_SCHEMAS["foi_table_cells"]),
    }
