"""The column_rules generic test (macros/tests/column_rules.sql) fails on every rule it holds:
seeds broken on purpose, one row per broken rule, each naming the column, how many rows
break it and the values that are not allowed."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import duckdb
from conftest import REPO, project_with_seeds

BIN = Path(sys.executable).parent


def _with_row(relative: str, change: dict[str, str], copy_of: int = 0) -> str:
    """The seed's text with one more row: a copy of row ``copy_of`` with ``change`` applied."""
    text = (REPO / "seeds" / relative).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows([*rows, {**rows[copy_of], **change}])
    return out.getvalue()


def _csv_row(row: dict[str, str]) -> str:
    out = io.StringIO()
    csv.DictWriter(out, fieldnames=list(row), lineterminator="\n").writerow(row)
    return out.getvalue()


def _failures(database: Path, test_name: str) -> set[tuple]:
    with duckdb.connect(str(database), read_only=True) as con:
        (schema,) = con.execute(
            "select table_schema from information_schema.tables where table_name = ?",
            [test_name],
        ).fetchone()
        columns = "rule, column_name, failing_rows, unexpected_values"
        rows = con.execute(f'select {columns} from "{schema}"."{test_name}"').fetchall()
    return set(rows)


def test_each_rule_fails_naming_its_column_rows_and_values(tmp_path: Path) -> None:
    # A second row for the first catalogued file: the same file_name (unique), a precision no
    # one accepts, a force no seed knows (relationships) and no source (not_null). A third
    # with no force and no precision breaks nothing: only not_null is a rule against nulls.
    catalogue = _with_row(
        "document_catalogue.csv",
        {"publication_date_precision": "month", "force_key": "atlantis", "source": ""},
    )
    rows = list(csv.DictReader(io.StringIO(catalogue)))
    catalogue += _csv_row(
        {**rows[1], "file_name": "no_force.txt", "force_key": "", "publication_date_precision": ""}
    )
    # A criterion mapped twice: its kind and code are one value of the expression it is
    # unique on.
    criteria = _with_row("reference/scope_criteria_map.csv", {})
    project = project_with_seeds(
        tmp_path,
        {"document_catalogue.csv": catalogue, "reference/scope_criteria_map.csv": criteria},
    )
    database = tmp_path / "warehouse.duckdb"
    env = {**os.environ, "WAREHOUSE_PATH": str(database), "DBT_PROFILES_DIR": str(REPO)}
    result = subprocess.run(
        [
            str(BIN / "dbt"),
            "build",
            "--select",
            "document_catalogue police_forces scope_criteria_map scopes",
            "--store-failures",
            "--target-path",
            str(tmp_path / "target"),
            "--log-path",
            str(tmp_path / "logs"),
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Failure in test column_rules_document_catalogue" in output, output
    assert "Failure in test column_rules_scope_criteria_map" in output, output
    assert "Failure in test column_rules_police_forces" not in output, output

    assert _failures(database, "column_rules_document_catalogue") == {
        ("not_null", "source", 1, None),
        ("unique", "file_name", 1, None),
        ("accepted_values", "publication_date_precision", 1, "month"),
        ("relationships", "force_key", 1, "atlantis"),
    }
    assert _failures(database, "column_rules_scope_criteria_map") == {
        ("unique", "criterion_kind || '|' || coalesce(criterion_code, '*')", 1, None),
    }
