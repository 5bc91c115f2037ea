"""The only module that writes to DuckDB: raw frames -> the ``raw`` schema, in one transaction."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import polars as pl

RAW_SCHEMA = "raw"
Frames = dict[str, pl.DataFrame]


# Issues about the folder rather than one document's content: recomputed on every run.
FOLDER_ISSUE_CODES = ("duplicate_document",)


SORT_ORDER = ("document_id", "table_id", "line_number", "row_number", "column_number")


def sorted_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """A raw table's rows in their stored order, so that a re-run writes the same table."""
    order = [c for c in SORT_ORDER if c in frame.columns]
    return frame.sort(order, nulls_last=True) if order else frame


def write_raw(
    database: Path,
    frames: Frames | Callable[[], Frames],
    carry_over: tuple[Path, set[str]] | None = None,
    state: dict[str, str] | None = None,
    parts: dict[str, list[Path]] | None = None,
) -> None:
    """Replace every raw table with its frame, all or nothing.

    Rebuilding the raw tables from the whole folder makes a re-run identical, a changed
    document replace its own rows and a removed one disappear. ``carry_over`` (a previous
    warehouse and document ids) copies those documents' rows from it instead of re-parsing
    them; ``state`` is stored in raw.ingest_state (e.g. the parser's fingerprint).
    ``parts`` are tables already written as Parquet files (``ingest.batches``), loaded in
    the order given, for tables not in ``frames``. ``frames`` may be a function, called
    once the parts are loaded: what it computes in another thread (``python -m ingest``
    decides quarantine) runs while DuckDB loads them.
    """
    database.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ingest-") as staging:
        keep = Path(staging) / "carry_over_ids.parquet"
        if carry_over:
            ids = pl.DataFrame(
                {"document_id": sorted(carry_over[1])}, schema={"document_id": pl.String()}
            )
            ids.write_parquet(keep)
        con = duckdb.connect(str(database))
        try:
            if carry_over:
                con.execute(f"attach {_string_literal(str(carry_over[0]))} as previous (read_only)")
            con.execute("begin transaction")
            con.execute(f"create schema if not exists {RAW_SCHEMA}")
            for name, paths in sorted((parts or {}).items()):
                _create_table(con, name, [str(p) for p in paths], keep if carry_over else None)
            in_memory = frames() if callable(frames) else frames
            for name, frame in sorted(in_memory.items()):
                if name in (parts or {}):
                    raise ValueError(f"raw table {name} given both as a frame and as parts")
                # Parquet hands polars' types to DuckDB exactly, without needing pyarrow.
                path = Path(staging) / f"{name}.parquet"
                sorted_rows(frame).write_parquet(path)
                _create_table(con, name, [str(path)], keep if carry_over else None)
            if state is not None:
                con.execute(
                    f"create or replace table {RAW_SCHEMA}.ingest_state "
                    "(key varchar, value varchar)"
                )
                for key, value in sorted(state.items()):
                    con.execute(
                        f"insert into {RAW_SCHEMA}.ingest_state values "
                        f"({_string_literal(key)}, {_string_literal(value)})"
                    )
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
        finally:
            con.close()


def _create_table(
    con: duckdb.DuckDBPyConnection, name: str, paths: list[str], keep: Path | None
) -> None:
    """raw.<name> from Parquet files, with the rows of the documents in ``keep`` (a Parquet
    file of document ids) copied from the previous warehouse attached as ``previous``."""
    query = f"select * from read_parquet({_list_literal(paths)})"
    if keep is not None and _has_table(con, name):
        # Rows of unchanged documents come from the previous warehouse as they are.
        query += (
            f" union all by name select * from previous.{RAW_SCHEMA}.{name} "
            "where document_id in (select document_id from read_parquet("
            f"{_string_literal(str(keep))}))"
        )
        if name == "parse_issues":
            query += f" and issue_code not in (select unnest({_list_literal(FOLDER_ISSUE_CODES)}))"
    con.execute(f"create or replace table {RAW_SCHEMA}.{name} as {query}")


# Paths and codes are written into the SQL as literals rather than bound as parameters:
# DuckDB's Python client imports pandas (a quarter of a second) on the first bound parameter.
def _string_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _list_literal(texts: list[str] | tuple[str, ...]) -> str:
    return "[" + ", ".join(_string_literal(text) for text in texts) + "]"


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    found = con.execute(
        "select count(*) from duckdb_tables() where database_name = 'previous' "
        f"and schema_name = {_string_literal(RAW_SCHEMA)} and table_name = {_string_literal(name)}"
    ).fetchone()
    return bool(found and found[0])
