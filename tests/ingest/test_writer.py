"""write_raw: the raw schema is rebuilt from the frames, identically on a re-run."""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl
import pytest

from ingest.issues import ISSUE_SCHEMA, issues_frame
from ingest.pipeline import load_folder
from ingest.schema import CORE_SCHEMAS
from ingest.writer import RAW_SCHEMA, write_raw
from tests.raw_tables import raw_tables

DOCUMENTS = Path(__file__).parents[2] / "tests" / "fixtures" / "shipped"


@pytest.fixture(scope="module")
def frames() -> dict[str, pl.DataFrame]:
    return load_folder(DOCUMENTS)


def raw_columns(database: Path, table: str) -> list[tuple[str, str]]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_schema = ? and table_name = ? order by ordinal_position",
            [RAW_SCHEMA, table],
        ).fetchall()


def without(frames: dict[str, pl.DataFrame], document_id: str) -> dict[str, pl.DataFrame]:
    return {
        name: frame.filter(pl.col("document_id") != document_id) for name, frame in frames.items()
    }


def test_every_frame_becomes_a_raw_table_with_its_rows(tmp_path, frames):
    database = tmp_path / "warehouse.duckdb"
    write_raw(database, frames)
    tables = raw_tables(database)
    assert sorted(tables) == sorted(frames)
    for name, frame in frames.items():
        assert len(tables[name]) == frame.height, name
        assert [c for c, _ in raw_columns(database, name)] == frame.columns, name


def test_writing_twice_gives_identical_tables(tmp_path, frames):
    database = tmp_path / "warehouse.duckdb"
    write_raw(database, frames)
    first = raw_tables(database)
    write_raw(database, frames)
    second = raw_tables(database)
    assert first == second
    assert sum(len(rows) for rows in first.values()) > 0


def test_writing_the_same_frames_to_two_databases_gives_identical_tables(tmp_path, frames):
    write_raw(tmp_path / "a.duckdb", frames)
    write_raw(tmp_path / "b.duckdb", {n: f.reverse() for n, f in frames.items()})
    assert raw_tables(tmp_path / "a.duckdb") == raw_tables(tmp_path / "b.duckdb")


def test_a_document_left_out_of_the_frames_loses_its_rows(tmp_path, frames):
    database = tmp_path / "warehouse.duckdb"
    write_raw(database, frames)
    # The document with tables: its id is in every per-document frame.
    removed = frames["foi_tables"]["document_id"][0]
    before = raw_tables(database)
    write_raw(database, without(frames, removed))
    after = raw_tables(database)
    assert sorted(after) == sorted(before)
    with duckdb.connect(str(database), read_only=True) as con:
        for name in after:
            count = con.execute(
                f"select count(*) from {RAW_SCHEMA}.{name} where document_id = ?", [removed]
            ).fetchone()
            assert count == (0,), name
    # The other documents' rows are untouched.
    for name, frame in frames.items():
        kept = frame.filter(pl.col("document_id") != removed).height
        assert len(after[name]) == kept, name
    assert len(after["documents"]) == len(before["documents"]) - 1
    assert len(after["foi_table_cells"]) == 0 < len(before["foi_table_cells"])


def test_empty_parse_issues_still_creates_the_table(tmp_path, frames):
    database = tmp_path / "warehouse.duckdb"
    empty = issues_frame([])
    assert empty.height == 0
    write_raw(database, {**frames, "parse_issues": empty})
    assert raw_tables(database)["parse_issues"] == []
    columns = raw_columns(database, "parse_issues")
    assert [c for c, _ in columns] == list(ISSUE_SCHEMA)
    types = dict(columns)
    assert types["line_number"] == "BIGINT"
    assert types["message"] == "VARCHAR"


def test_empty_frames_of_every_schema_create_typed_tables(tmp_path):
    database = tmp_path / "warehouse.duckdb"
    write_raw(database, {n: pl.DataFrame(schema=s) for n, s in CORE_SCHEMAS.items()})
    tables = raw_tables(database)
    assert sorted(tables) == sorted(CORE_SCHEMAS)
    for name, schema in CORE_SCHEMAS.items():
        assert tables[name] == []
        assert [c for c, _ in raw_columns(database, name)] == list(schema), name
    assert dict(raw_columns(database, "foi_tables"))["period_start"] == "DATE"
    assert dict(raw_columns(database, "foi_table_cells"))["is_repaired"] == "BOOLEAN"


def test_a_failed_write_leaves_the_previous_tables(tmp_path, frames):
    database = tmp_path / "warehouse.duckdb"
    write_raw(database, frames)
    before = raw_tables(database)
    # Other tables change; the last one written has a name SQL rejects, so the write fails
    # after the others were replaced inside the transaction.
    removed = frames["foi_tables"]["document_id"][0]
    broken = {**without(frames, removed), "zz-not-a-name": frames["documents"]}
    with pytest.raises(duckdb.Error):
        write_raw(database, broken)
    assert raw_tables(database) == before


def _as_parts(frames: dict[str, pl.DataFrame], folder: Path, names: list[str]) -> dict:
    folder.mkdir()
    parts = {}
    for name in names:
        parts[name] = [folder / f"{name}.parquet"]
        frames[name].write_parquet(parts[name][0])
    return parts


def test_frames_given_as_a_function_are_written_after_the_parts_alike(tmp_path, frames):
    # `python -m ingest` hands the writer a function: quarantine is decided while the
    # parts load.
    parts = _as_parts(frames, tmp_path / "parts", ["foi_table_cells", "document_lines"])
    rest = {name: frame for name, frame in frames.items() if name not in parts}
    called: list[bool] = []

    def decided() -> dict[str, pl.DataFrame]:
        called.append(True)
        return rest

    write_raw(tmp_path / "a.duckdb", frames)
    write_raw(tmp_path / "b.duckdb", decided, parts=parts)
    assert called == [True]
    assert raw_tables(tmp_path / "b.duckdb") == raw_tables(tmp_path / "a.duckdb")


def test_a_table_given_both_as_a_frame_and_as_parts_writes_nothing(tmp_path, frames):
    parts = _as_parts(frames, tmp_path / "parts", ["foi_table_cells"])
    database = tmp_path / "warehouse.duckdb"
    write_raw(database, frames)
    before = raw_tables(database)
    with pytest.raises(ValueError, match="foi_table_cells given both"):
        write_raw(database, lambda: frames, parts=parts)
    assert raw_tables(database) == before
