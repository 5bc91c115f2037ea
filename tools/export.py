"""Export the marts for analysts who work in spreadsheets: ``make export``.

``python -m tools.export --warehouse warehouse.duckdb --out build/export`` writes

- ``csv/<table>.csv``: every table and view of the ``marts`` schema, with a header row;
- ``parquet/<table>.parquet``: the same, with their column types;
- ``marts.xlsx``: one sheet per mart and a ``data_dictionary`` sheet with every column's
  description (the dbt descriptions, which the build stores in the warehouse as comments).

It opens the warehouse read-only (a build may publish meanwhile: the export reads the file it
opened) and replaces the output folder only when every file is written.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

SCHEMA = "marts"
WORKBOOK = "marts.xlsx"
DICTIONARY_SHEET = "data_dictionary"
# Excel's limits: a sheet name is at most 31 characters; a sheet at most 1,048,576 rows
# (one is the header).
SHEET_NAME_LENGTH = 31
SHEET_ROWS = 1_048_575


class ExportError(Exception):
    """Something the analyst can fix, said in one sentence."""


@dataclass(frozen=True)
class Mart:
    name: str
    description: str
    rows: int
    sheet: str | None  # None: too many rows for a sheet (the CSV and Parquet hold it)


def sheet_names(tables: list[str], reserved: set[str]) -> dict[str, str]:
    """Table -> a sheet name of at most 31 characters, unique without case (Excel's rule)."""
    names: dict[str, str] = {}
    taken = {name.lower() for name in reserved}
    for table in tables:
        name = table[:SHEET_NAME_LENGTH]
        number = 1
        while name.lower() in taken:
            number += 1
            suffix = f"~{number}"
            name = table[: SHEET_NAME_LENGTH - len(suffix)] + suffix
        taken.add(name.lower())
        names[table] = name
    return names


def list_marts(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(name, description) of every table and view of the marts schema, by name."""
    return con.execute(
        f"""
        select table_name, coalesce(comment, '') from duckdb_tables()
        where schema_name = '{SCHEMA}' and database_name = current_database()
        union all
        select view_name, coalesce(comment, '') from duckdb_views()
        where schema_name = '{SCHEMA}' and database_name = current_database()
        order by 1
        """
    ).fetchall()


def data_dictionary(con: duckdb.DuckDBPyConnection, marts: list[Mart]) -> pl.DataFrame:
    """One row per column of every mart, with its type and description."""
    columns = con.execute(
        f"""
        select table_name, column_index, column_name, data_type, coalesce(comment, '')
        from duckdb_columns()
        where schema_name = '{SCHEMA}' and database_name = current_database()
        order by table_name, column_index
        """
    ).fetchall()
    by_name = {mart.name: mart for mart in marts}
    rows = [
        {
            "table_name": table,
            "sheet": by_name[table].sheet or "(too many rows for a sheet: see the CSV)",
            "table_rows": by_name[table].rows,
            "column_position": position,
            "column_name": column,
            "data_type": data_type,
            "description": description,
            "table_description": by_name[table].description,
        }
        for table, position, column, data_type, description in columns
        if table in by_name
    ]
    return pl.DataFrame(rows)


def for_a_sheet(con: duckdb.DuckDBPyConnection, table: str) -> pl.DataFrame:
    """The mart as a frame a spreadsheet can hold: lists joined with '; ', decimals as
    text (a spreadsheet's numbers are doubles, which would round them)."""
    described = con.execute(f'describe {SCHEMA}."{table}"').fetchall()
    selections = []
    for name, data_type, *_ in described:
        quoted = '"' + name.replace('"', '""') + '"'
        if data_type.endswith("[]"):
            selections.append(f"array_to_string({quoted}, '; ') as {quoted}")
        elif data_type.startswith("DECIMAL"):
            selections.append(f"cast({quoted} as varchar) as {quoted}")
        else:
            selections.append(quoted)
    return con.execute(f'select {", ".join(selections)} from {SCHEMA}."{table}"').pl()


def export(warehouse: Path, out: Path) -> list[Mart]:
    if not warehouse.exists():
        raise ExportError(
            f"no warehouse at {warehouse}: run make build first "
            "(or pass --warehouse PATH to export another one)"
        )
    staging = out.with_name(f".{out.name}.writing")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "csv").mkdir(parents=True)
    (staging / "parquet").mkdir()
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise ExportError(f"cannot open {warehouse} read-only: {exc}") from exc
    try:
        found = list_marts(con)
        if not found:
            raise ExportError(f"{warehouse} has no {SCHEMA} schema: run make build first")
        names = sheet_names([name for name, _ in found], {DICTIONARY_SHEET})
        marts: list[Mart] = []
        for name, description in found:
            relation = f'{SCHEMA}."{name}"'
            for folder, options in (("csv", "format csv, header"), ("parquet", "format parquet")):
                target = staging / folder / f"{name}.{folder}"
                con.execute(f"copy (select * from {relation}) to '{target}' ({options})")
            (rows,) = con.execute(f"select count(*) from {relation}").fetchone()  # type: ignore[misc]
            marts.append(Mart(name, description, rows, names[name] if rows <= SHEET_ROWS else None))
        with pl.Config(set_fmt_str_lengths=100):
            write_workbook(con, marts, staging / WORKBOOK)
    except Exception:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        con.close()
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    return marts


def write_workbook(con: duckdb.DuckDBPyConnection, marts: list[Mart], path: Path) -> None:
    import xlsxwriter  # only the workbook needs it

    with xlsxwriter.Workbook(path) as workbook:
        data_dictionary(con, marts).write_excel(
            workbook,
            worksheet=DICTIONARY_SHEET,
            autofit=True,
            column_widths={"description": 100, "table_description": 100},
            freeze_panes=(1, 0),
        )
        for mart in marts:
            if mart.sheet is None:
                continue
            for_a_sheet(con, mart.name).write_excel(
                workbook,
                worksheet=mart.sheet,
                autofit=True,
                freeze_panes=(1, 0),
                float_precision=6,
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.export",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--warehouse",
        type=Path,
        default=Path("warehouse.duckdb"),
        help="the published warehouse to read, read-only (default: warehouse.duckdb)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("build/export"),
        help="the folder to write, replaced as a whole (default: build/export)",
    )
    args = parser.parse_args(argv)
    try:
        marts = export(args.warehouse, args.out)
    except ExportError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    width = max(len(mart.name) for mart in marts)
    for mart in marts:
        note = "" if mart.sheet else "  (not in the workbook: more rows than a sheet holds)"
        print(f"  {mart.name:<{width}} {mart.rows:>9,} rows{note}")
    print(
        f"export: {len(marts)} marts -> {args.out}/csv/*.csv, {args.out}/parquet/*.parquet "
        f"and {args.out}/{WORKBOOK} (a sheet per mart and a {DICTIONARY_SHEET} sheet)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
