"""The warehouse as the evaluation sees it: only the marts named in the contract, read-only.

A table or column that does not exist (a mart not built, a column not added yet) is read as
None, and the metrics that need it are reported as not available.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

SCHEMA = "marts"


@dataclass(frozen=True)
class FactSpec:
    """A fact table, the column holding its figure and the one holding its printed label."""

    subject: str
    table: str
    value_column: str
    label_column: str | None


FACTS = (
    FactSpec("recorded_crimes", "fct_recorded_crimes", "crime_count", None),
    FactSpec("offences", "fct_offence_counts", "crime_count", "offence"),
    FactSpec("suspect_roles", "fct_suspect_role_counts", "suspect_count", "suspect_role"),
    FactSpec("outcomes", "fct_outcome_counts", "suspect_count", "outcome"),
    FactSpec("victims", "fct_victim_counts", "victim_count", "victim_category"),
)
CUT_OFF_ISSUE_CODES = ("table_cut_off", "table_emptied", "missing_cell_unproven")
MENTION_TABLES = ("fct_number_mentions", "fct_article_number_mentions")


@dataclass(frozen=True)
class DocumentRow:
    file: str
    kind: str | None
    force_key: str | None


@dataclass(frozen=True)
class FoiRequestRow:
    file: str
    reference: str | None
    request_date: str | None
    response_date: str | None
    response_status: str | None


@dataclass(frozen=True)
class CellRow:
    file: str
    line: int
    value: float | None
    row_path: str | None
    row_label: str | None
    column_label: str | None
    period_start: str | None
    period_end: str | None
    table_id: str | None


@dataclass(frozen=True)
class FactRow:
    fact: str
    subject: str
    file: str
    line: int
    value: float | None
    label: str | None
    period_start: str | None
    period_end: str | None


@dataclass(frozen=True)
class IssueRow:
    file: str
    line: int | None
    issue_code: str


@dataclass(frozen=True)
class MentionRow:
    file: str
    line: int
    value: float | None
    number_kind: str | None


@dataclass
class Marts:
    """What the marts hold; None where the table or a needed column does not exist."""

    documents: list[DocumentRow] | None
    foi_requests: list[FoiRequestRow] | None
    has_response_status: bool
    cells: list[CellRow] | None
    facts: dict[str, list[FactRow] | None]
    issues: list[IssueRow] | None
    mentions: list[MentionRow] | None
    mentions_table: str | None


def _iso(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _number(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _columns(connection: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    rows = connection.execute(
        "select table_name, column_name from information_schema.columns where table_schema = ?",
        [SCHEMA],
    ).fetchall()
    columns: dict[str, set[str]] = {}
    for table, column in rows:
        columns.setdefault(table, set()).add(column)
    return columns


def _select(
    connection: duckdb.DuckDBPyConnection,
    columns: dict[str, set[str]],
    table: str,
    wanted: list[str],
) -> list[tuple] | None:
    """The wanted columns of a mart (a missing optional column reads as null); None if the
    table or its file_name column is missing."""
    present = columns.get(table)
    if not present or "file_name" not in present:
        return None
    select = ", ".join(column if column in present else "null" for column in wanted)
    return connection.execute(f"select {select} from {SCHEMA}.{table}").fetchall()


def _has(columns: dict[str, set[str]], table: str, *needed: str) -> bool:
    return set(needed) <= columns.get(table, set())


def _documents(connection, columns) -> list[DocumentRow] | None:
    if not _has(columns, "dim_documents", "file_name", "document_kind"):
        return None
    rows = _select(
        connection, columns, "dim_documents", ["file_name", "document_kind", "force_key"]
    )
    return [DocumentRow(file, kind, force) for file, kind, force in rows or []]


def _foi_requests(connection, columns) -> list[FoiRequestRow] | None:
    wanted = ["file_name", "reference_number", "request_date", "response_date", "response_status"]
    rows = _select(connection, columns, "dim_foi_requests", wanted)
    if rows is None:
        return None
    return [
        FoiRequestRow(file, reference, _iso(request), _iso(response), status)
        for file, reference, request, response, status in rows
    ]


def _cells(connection, columns) -> list[CellRow] | None:
    wanted = [
        "file_name",
        "line_number",
        "value",
        "row_path",
        "row_label",
        "column_label",
        "period_start",
        "period_end",
        "table_id",
    ]
    if not _has(columns, "fct_table_cells", "file_name", "line_number", "value"):
        return None
    rows = _select(connection, columns, "fct_table_cells", wanted) or []
    return [
        CellRow(file, line, _number(value), path, label, column, _iso(start), _iso(end), table)
        for file, line, value, path, label, column, start, end, table in rows
    ]


def _facts(connection, columns, spec: FactSpec) -> list[FactRow] | None:
    if not _has(columns, spec.table, "file_name", "line_number", spec.value_column):
        return None
    wanted = [
        "file_name",
        "line_number",
        spec.value_column,
        spec.label_column or "null",
        "period_start",
        "period_end",
    ]
    rows = _select(connection, columns, spec.table, wanted) or []
    return [
        FactRow(spec.table, spec.subject, file, line, _number(value), label, _iso(s), _iso(e))
        for file, line, value, label, s, e in rows
    ]


def _issues(connection, columns) -> list[IssueRow] | None:
    if not _has(columns, "rpt_data_quality_issues", "file_name", "line_number", "issue_code"):
        return None
    wanted = ["file_name", "line_number", "issue_code"]
    rows = _select(connection, columns, "rpt_data_quality_issues", wanted) or []
    return [IssueRow(file, line, code) for file, line, code in rows]


def _mentions(connection, columns) -> tuple[list[MentionRow] | None, str | None]:
    needed = ("file_name", "line_number", "mention_value", "number_kind")
    for table in MENTION_TABLES:
        if _has(columns, table, *needed):
            rows = _select(connection, columns, table, list(needed)) or []
            mentions = [MentionRow(f, line, _number(v), kind) for f, line, v, kind in rows]
            return mentions, table
    return None, None


def read_marts(database: Path) -> Marts:
    """Read the marts the evaluation scores, read-only."""
    connection = duckdb.connect(str(database), read_only=True)
    try:
        columns = _columns(connection)
        mentions, mentions_table = _mentions(connection, columns)
        return Marts(
            documents=_documents(connection, columns),
            foi_requests=_foi_requests(connection, columns),
            has_response_status=_has(columns, "dim_foi_requests", "response_status"),
            cells=_cells(connection, columns),
            facts={spec.table: _facts(connection, columns, spec) for spec in FACTS},
            issues=_issues(connection, columns),
            mentions=mentions,
            mentions_table=mentions_table,
        )
    finally:
        connection.close()
