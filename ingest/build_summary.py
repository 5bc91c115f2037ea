"""The one summary a build ends with: what the published warehouse holds, what it holds back
and why, the warnings, where dbt's log is, and how to open the warehouse."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

# Held-back issues and warnings printed one per line; the rest are counted (all are in
# marts.rpt_data_quality_issues and the run log).
REPORTED_HELD_BACK = 50
REPORTED_WARNINGS = 20


@dataclass
class Contents:
    """What a built warehouse holds and holds back, read from its marts."""

    documents_loaded: int = 0
    documents_quarantined: list[str] = field(default_factory=list)
    held_back: list[str] = field(default_factory=list)  # "file:line [code] message"
    warnings: list[str] = field(default_factory=list)
    notes: int = 0  # issues of severity info


def issue_line(name: str, line: int | None, code: str, message: str) -> str:
    return f"{name}:{line if line is not None else '-'} [{code}] {message}"


def read_contents(database: Path) -> Contents:
    """Quarantined documents, and one line per issue with its file, line, code and why. With
    ``allow_quarantine``, every error in a published warehouse is held back: a quarantined
    document's, or one contained in its table or line."""
    con = duckdb.connect(str(database), read_only=True)
    try:
        statuses = dict(
            con.execute(
                "select load_status, count(distinct file_name) from marts.dim_documents "
                "group by load_status"
            ).fetchall()
        )
        quarantined = con.execute(
            "select distinct file_name from marts.dim_documents "
            "where load_status = 'quarantined' order by file_name"
        ).fetchall()
        issues = con.execute(
            "select severity, file_name, line_number, issue_code, message "
            "from marts.rpt_data_quality_issues "
            "order by file_name, line_number nulls first, issue_code, message"
        ).fetchall()
    finally:
        con.close()
    contents = Contents(
        documents_loaded=statuses.get("loaded", 0),
        documents_quarantined=[name for (name,) in quarantined],
    )
    for severity, *issue in issues:
        if severity == "error":
            contents.held_back.append(issue_line(*issue))
        elif severity == "warning":
            contents.warnings.append(issue_line(*issue))
        else:
            contents.notes += 1
    return contents


def display_path(path: Path) -> str:
    """The path relative to the current folder where it is under it, else absolute."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


def listed(lines: list[str], limit: int, indent: str = "    ") -> list[str]:
    shown = [indent + line for line in lines[:limit]]
    if len(lines) > limit:
        shown.append(f"{indent}... and {len(lines) - limit} more")
    return shown


@dataclass
class Run:
    """What this run did, beside what the warehouse holds."""

    parsed: int
    unchanged: int
    removed: int
    seconds: float
    tests_passed: int
    tests_warned: list[str]  # "test name (N rows)"
    tests_failed: int
    dbt_log: Path


def summary_lines(contents: Contents, run: Run, warehouse: Path) -> list[str]:
    where = display_path(warehouse)
    duckdb_cli = Path(sys.executable).parent / "duckdb"
    cli = display_path(duckdb_cli) if duckdb_cli.exists() else "duckdb"
    chosen = "" if where == "warehouse.duckdb" else f" WAREHOUSE={where}"
    lines = [
        "",
        f"Published {where} in {run.seconds:.0f}s.",
        f"  documents: {contents.documents_loaded} loaded, "
        f"{len(contents.documents_quarantined)} quarantined "
        f"(this run parsed {run.parsed}, kept {run.unchanged} unchanged, removed {run.removed})",
    ]
    if contents.documents_quarantined:
        lines.append("  quarantined documents: " + ", ".join(contents.documents_quarantined))
    if contents.held_back:
        lines.append(f"  held back from the facts ({len(contents.held_back)}), each with why:")
        lines += listed([f"held back: {line}" for line in contents.held_back], REPORTED_HELD_BACK)
    if contents.documents_quarantined or contents.held_back:
        lines.append("  held back from the facts: see marts.rpt_data_quality_issues")
    else:
        lines.append("  every document loaded; nothing held back")
    if contents.warnings:
        lines.append(f"  warnings ({len(contents.warnings)}; they hold nothing back):")
        lines += listed(contents.warnings, REPORTED_WARNINGS)
    tests = f"  dbt tests: {run.tests_passed} passed, {len(run.tests_warned)} warned"
    if run.tests_warned:
        tests += " (" + ", ".join(run.tests_warned) + ")"
    lines.append(f"{tests}, {run.tests_failed} failed")
    lines.append(
        f"  every issue ({contents.notes} more are notes): marts.rpt_data_quality_issues; "
        f"dbt's log: {display_path(run.dbt_log)}"
    )
    lines += [
        "Open it:",
        f"  {cli} -readonly {where}",
        f'  python: duckdb.connect("{where}", read_only=True)',
        f"  make export{chosen}: every mart as CSV, Parquet and one workbook in build/export/",
        f"  make report{chosen}: one offline HTML page of its figures, coverage and data quality "
        "in build/report/index.html",
    ]
    return lines


def print_summary(contents: Contents, run: Run, warehouse: Path, stream=sys.stderr) -> None:
    print("\n".join(summary_lines(contents, run, warehouse)), file=stream, flush=True)
