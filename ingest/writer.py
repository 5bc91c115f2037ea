"""The only module that writes to DuckDB: raw frames -> the ``raw`` schema, in one transaction."""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import polars as pl

RAW_SCHEMA = "raw"


# Issues about the folder rather than one document's content: recomputed on every run.
FOLDER_ISSUE_CODES = ("duplicate_document",)


def write_raw(
    database: Path,
    frames: dict[str, pl.DataFrame],
    carry_over: tuple[Path, set[str]] | None = None,
    state: dict[str, str] | None = None,
) -> None:
    """Replace every raw table with its frame, all or nothing.

    Rebuilding the raw tables from the whole folder makes a re-run identical, a changed
    document replace its own rows and a removed one disappear. ``carry_over`` (a previous
    warehouse and document ids) copies those documents' rows from it instead of re-parsing
    them; ``state`` is stored in raw.ingest_state (e.g. the parser's fingerprint).
    """
    database.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ingest-") as staging:
        # Parquet hands polars' types to DuckDB exactly, without needing pyarrow.
        files = {}
        for name, frame in sorted(frames.items()):
            order = [
                c
                for c in ("document_id", "table_id", "line_number", "row_number", "column_number")
                if c in frame.columns
            ]
            path = Path(staging) / f"{name}.parquet"
            (frame.sort(order, nulls_last=True) if order else frame).write_parquet(path)
            files[name] = path
        keep = Path(staging) / "carry_over_ids.parquet"
        if carry_over:
            ids = pl.DataFrame(
                {"document_id": sorted(carry_over[1])}, schema={"document_id": pl.String()}
            )
            ids.write_parquet(keep)
        con = duckdb.connect(str(database))
        try:
            if carry_over:
                con.execute(f"attach '{carry_over[0]}' as previous (read_only)")
            con.execute("begin transaction")
            con.execute(f"create schema if not exists {RAW_SCHEMA}")
            for name, path in files.items():
                query, params = "select * from read_parquet(?)", [str(path)]
                if carry_over and _has_table(con, name):
                    # Rows of unchanged documents come from the previous warehouse as they are.
                    query += (
                        f" union all by name select * from previous.{RAW_SCHEMA}.{name} "
                        "where document_id in (select document_id from read_parquet(?))"
                    )
                    params.append(str(keep))
                    if name == "parse_issues":
                        query += " and issue_code not in (select unnest(?))"
                        params.append(list(FOLDER_ISSUE_CODES))
                con.execute(f"create or replace table {RAW_SCHEMA}.{name} as {query}", params)
            if state is not None:
                con.execute(
                    f"create or replace table {RAW_SCHEMA}.ingest_state "
                    "(key varchar, value varchar)"
                )
                for key, value in sorted(state.items()):
                    con.execute(
                        f"insert into {RAW_SCHEMA}.ingest_state values (?, ?)", [key, value]
                    )
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        finally:
            con.close()


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    found = con.execute(
        "select count(*) from duckdb_tables() "
        "where database_name = 'previous' and schema_name = ? and table_name = ?",
        [RAW_SCHEMA, name],
    ).fetchone()
    return bool(found and found[0])
