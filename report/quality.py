"""The data-quality picture, read from the marts: what is held back and why, the reconciliation
checks, repaired cells with the checks that prove them, and the press figures' checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb

from report.marts import records

HELD_BACK_STATUSES = ("held_back", "document_quarantined")


@dataclass(frozen=True)
class Quality:
    cell_statuses: list[dict[str, Any]]
    held_back_tables: list[dict[str, Any]]
    issues: list[dict[str, Any]]
    issue_counts: list[dict[str, Any]]
    reconciliation_counts: list[dict[str, Any]]
    reconciliation_exceptions: list[dict[str, Any]]
    repaired_cells: list[dict[str, Any]]
    repair_proofs: list[dict[str, Any]]
    figure_check_counts: list[dict[str, Any]]
    figure_checks: list[dict[str, Any]]
    published_figure_count: int


def read_quality(con: duckdb.DuckDBPyConnection) -> Quality:
    held = ", ".join(f"'{status}'" for status in HELD_BACK_STATUSES)
    return Quality(
        cell_statuses=records(
            con,
            """
            select fact_status, count(*) as cell_count
            from marts.fct_table_cells group by all order by cell_count desc, fact_status
            """,
        ),
        held_back_tables=records(
            con,
            f"""
            select
                document_id, file_name, table_number, question_number, fact_status,
                fact_status_reason, count(*) as cell_count,
                min(line_number) as first_line, max(line_number) as last_line
            from marts.fct_table_cells
            where fact_status in ({held})
            group by all
            order by file_name, table_number, fact_status_reason
            """,
        ),
        issues=records(
            con,
            """
            select document_id, file_name, line_number, severity, issue_code, message,
                printed_text, issue_source
            from marts.rpt_data_quality_issues
            order by file_name, line_number nulls first, issue_code
            """,
        ),
        issue_counts=records(
            con,
            """
            select issue_code, severity, count(*) as issue_count
            from marts.rpt_data_quality_issues group by all order by issue_code, severity
            """,
        ),
        reconciliation_counts=records(
            con,
            """
            select check_type, status, count(*) as check_count
            from marts.rpt_reconciliation group by all order by check_type, status
            """,
        ),
        reconciliation_exceptions=records(
            con,
            """
            select document_id, file_name, table_number, line_number, compared_line_number,
                check_type, description, expected, actual, difference, status, failure_message
            from marts.rpt_reconciliation
            where status not in ('pass', 'repaired')
            order by file_name, table_number, line_number
            """,
        ),
        repaired_cells=records(
            con,
            """
            select document_id, file_name, table_id, table_number, line_number, row_path,
                column_label, printed_token, value, repair_note, fact_status
            from marts.fct_table_cells
            where is_repaired
            order by file_name, table_number, line_number, column_number
            """,
        ),
        repair_proofs=records(
            con,
            """
            select document_id, file_name, table_id, table_number, line_number,
                compared_line_number, check_type, description, expected, actual, status
            from marts.rpt_reconciliation
            where involves_repaired
            order by file_name, table_number, line_number
            """,
        ),
        figure_check_counts=records(
            con,
            """
            select check_type, status, count(*) as check_count
            from marts.rpt_figure_checks group by all order by check_type, status
            """,
        ),
        figure_checks=records(
            con,
            """
            select document_id, file_name, line_number, check_type, description, expected,
                actual, difference, status, status_reason, foi_file_name
            from marts.rpt_figure_checks
            order by file_name, line_number, check_type
            """,
        ),
        published_figure_count=con.execute(
            "select count(*) from marts.fct_published_figures"
        ).fetchone()[0],
    )
