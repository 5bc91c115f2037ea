"""make export: every mart as CSV, Parquet and a workbook sheet, with the warehouse's row
counts, a data dictionary from the dbt docs, and the warehouse left untouched."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest
from conftest import REPO, SHIPPED

from tools.export import DICTIONARY_SHEET, SHEET_NAME_LENGTH, WORKBOOK, sheet_names

FOI_2022 = SHIPPED / "000_dbe143eee267caba.txt"


def export_command(warehouse: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tools.export", "--warehouse", str(warehouse), "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def exported(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    before = hashlib.sha256(warehouse.read_bytes()).hexdigest()
    out = tmp_path_factory.mktemp("export") / "export"
    result = export_command(warehouse, out)
    assert result.returncode == 0, result.stderr[-3000:]
    # Read-only: the published warehouse is byte for byte what it was.
    assert hashlib.sha256(warehouse.read_bytes()).hexdigest() == before
    return out


def warehouse_counts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        names = [
            name
            for (name,) in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts'"
            ).fetchall()
        ]
        return {
            name: con.execute(f'select count(*) from marts."{name}"').fetchone()[0]  # type: ignore[index]
            for name in names
        }


def test_every_mart_is_exported_with_the_warehouses_row_count(
    warehouse: Path, exported: Path
) -> None:
    counts = warehouse_counts(warehouse)
    assert len(counts) >= 20 and counts["fct_table_cells"] > 0
    assert {p.stem for p in (exported / "csv").glob("*.csv")} == set(counts)
    assert {p.stem for p in (exported / "parquet").glob("*.parquet")} == set(counts)
    workbook = exported / WORKBOOK
    sheets = set(pl.read_excel(workbook, sheet_id=0))
    assert sheets == set(sheet_names(sorted(counts), {DICTIONARY_SHEET}).values()) | {
        DICTIONARY_SHEET
    }
    for name, rows in counts.items():
        assert pl.read_csv(exported / "csv" / f"{name}.csv", infer_schema=False).height == rows
        assert pl.read_parquet(exported / "parquet" / f"{name}.parquet").height == rows
        assert pl.read_excel(workbook, sheet_name=name).height == rows, name


def test_the_exported_monthly_crimes_add_up_to_the_printed_grand_total(exported: Path) -> None:
    printed = next(
        line
        for line in FOI_2022.read_text(encoding="utf-8").splitlines()
        if re.fullmatch(r"Grand Total [\d,]+", line.strip())
    )
    expected = int(printed.split()[-1].replace(",", ""))
    for frame in (
        pl.read_csv(exported / "csv" / "fct_recorded_crimes.csv"),
        pl.read_parquet(exported / "parquet" / "fct_recorded_crimes.parquet"),
        pl.read_excel(exported / WORKBOOK, sheet_name="fct_recorded_crimes"),
    ):
        months = frame.filter(
            (pl.col("period_grain") == "month") & (pl.col("file_name") == FOI_2022.name)
        )
        assert months["crime_count"].sum() == expected


def test_the_parquet_files_keep_the_column_types(warehouse: Path, exported: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        expected = con.execute("describe marts.fct_table_cells").fetchall()
        found = con.execute(
            f"describe select * from '{exported / 'parquet' / 'fct_table_cells.parquet'}'"
        ).fetchall()
    assert [row[:2] for row in found] == [row[:2] for row in expected]


def docs_blocks() -> dict[str, str]:
    blocks: dict[str, str] = {}
    for path in (REPO / "models").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        for name, body in re.findall(r"{%\s*docs\s+(\w+)\s*%}(.*?){%\s*enddocs\s*%}", text, re.S):
            blocks[name] = body.strip()
    return blocks


def test_the_data_dictionary_describes_every_column_from_the_dbt_docs(
    warehouse: Path, exported: Path
) -> None:
    dictionary = pl.read_excel(exported / WORKBOOK, sheet_name=DICTIONARY_SHEET)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        columns = con.execute(
            "select table_name, column_name from information_schema.columns "
            "where table_schema = 'marts'"
        ).fetchall()
    assert sorted(dictionary.select("table_name", "column_name").rows()) == sorted(columns)
    undescribed = dictionary.filter(pl.col("description").fill_null("").str.strip_chars() == "")
    assert undescribed.height == 0, undescribed.select("table_name", "column_name").rows()
    # The text is the dbt docs block the models YAML points to (models/docs/columns.md).
    file_name = dictionary.filter(
        (pl.col("table_name") == "fct_table_cells") & (pl.col("column_name") == "file_name")
    )
    assert file_name["description"].item().strip() == docs_blocks()["col_file_name"]
    assert dictionary["table_description"].fill_null("").str.len_chars().min() > 0


def test_sheet_names_fit_excel_and_never_collide() -> None:
    long = "mart_" + "x" * 40
    names = sheet_names([long, long + "_other", "Data_Dictionary", "fct_a"], {DICTIONARY_SHEET})
    assert all(len(name) <= SHEET_NAME_LENGTH for name in names.values())
    assert len({name.lower() for name in names.values()} | {DICTIONARY_SHEET}) == 5
    assert names["fct_a"] == "fct_a"


def test_export_without_a_warehouse_says_to_build_first(tmp_path: Path) -> None:
    result = export_command(tmp_path / "warehouse.duckdb", tmp_path / "export")
    assert result.returncode == 2
    assert "run make build first" in result.stderr
    assert not (tmp_path / "export").exists()


def test_export_of_a_file_that_is_not_a_warehouse_says_why(tmp_path: Path) -> None:
    not_a_warehouse = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(not_a_warehouse)) as con:
        con.execute("create table t as select 1 as x")
    result = export_command(not_a_warehouse, tmp_path / "export")
    assert result.returncode == 2
    assert "has no marts schema: run make build first" in result.stderr
    assert not (tmp_path / "export").exists()
