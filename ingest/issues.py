"""Parse and data-quality issues: one record shape shared by every parser.

An issue always names the document and the line, says what was expected and what was
found (in ``message``) and keeps the printed text, so an analyst can find it in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import polars as pl

from ingest.frames import empty_frame_of

Severity = Literal["error", "warning", "info"]

ISSUE_SCHEMA: dict[str, pl.DataType] = {
    "document_id": pl.String(),
    "file_name": pl.String(),
    "line_number": pl.Int64(),
    "table_id": pl.String(),
    "severity": pl.String(),
    "issue_code": pl.String(),
    "message": pl.String(),
    "printed_text": pl.String(),
}


@dataclass(frozen=True)
class Issue:
    """One thing a parser doubts. ``line_number`` is 1-based; None only for whole-file issues."""

    document_id: str
    file_name: str
    line_number: int | None
    severity: Severity
    issue_code: str
    message: str
    printed_text: str | None = None
    table_id: str | None = None

    def describe(self) -> str:
        """The one-line form used in logs and error messages."""
        where = f"{self.file_name}:{self.line_number}" if self.line_number else self.file_name
        return f"{where}: {self.severity} {self.issue_code}: {self.message}"


def issues_frame(issues: list[Issue]) -> pl.DataFrame:
    """Issues as a DataFrame with the shared schema (empty frames keep their columns)."""
    if not issues:
        return empty_frame_of(ISSUE_SCHEMA)
    return pl.DataFrame(
        [
            {
                "document_id": i.document_id,
                "file_name": i.file_name,
                "line_number": i.line_number,
                "table_id": i.table_id,
                "severity": i.severity,
                "issue_code": i.issue_code,
                "message": i.message,
                "printed_text": i.printed_text,
            }
            for i in issues
        ],
        schema=ISSUE_SCHEMA,
    )
