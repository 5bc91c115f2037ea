"""Shared by the ingest tests: read back what the writer stored."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingest.writer import RAW_SCHEMA


def raw_tables(database: Path) -> dict[str, list[tuple]]:
    """Every raw table's rows, in a stable order."""
    with duckdb.connect(str(database), read_only=True) as con:
        names = [
            n
            for (n,) in con.execute(
                "select table_name from information_schema.tables where table_schema = ? "
                "order by table_name",
                [RAW_SCHEMA],
            ).fetchall()
        ]
        return {
            n: con.execute(f"select * from {RAW_SCHEMA}.{n} order by all").fetchall() for n in names
        }
