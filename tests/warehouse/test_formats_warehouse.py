"""The same replies in every format reach the same facts and reconciliation checks: seed 000
and two real replies, written as HTML, Word, PDF and CSV (XLSX when the spreadsheet reader
is installed), each format built into a warehouse of its own (the same FOI reference twice in
one warehouse is a revised document, quarantined by design), compared with the text build,
provenance (ids, file names, line numbers, locators) aside."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ingest.documents import read_document
from tests.formats.replies import reply_blocks
from tests.formats.test_roundtrip_formats import REPLIES, WRITERS
from tests.formats.writers import has_sheets
from tests.warehouse.conftest import run_build

FACTS = (
    "fct_recorded_crimes",
    "fct_offence_counts",
    "fct_outcome_counts",
    "fct_suspect_role_counts",
    "fct_victim_counts",
)
PROVENANCE = (
    "document_id", "file_name", "line_number", "source_locator", "cell_id", "table_id",
    "check_id", "compared_line_number", "failure_message", "description", "fact_id",
)  # fmt: skip
NORMALISED = {
    "printed_token": "nullif(printed_token, '')",
    "repair_note": "split_part(repair_note, ':', 1)",
}
FORMATS = [f for f in WRITERS if f != "xlsx" or has_sheets()]


def build(fmt: str, root: Path) -> Path:
    folder = root / fmt / "documents"
    folder.mkdir(parents=True)
    for n, path in enumerate(REPLIES):
        if fmt == "txt":
            (folder / path.name).write_bytes(path.read_bytes())
        else:
            _, write = WRITERS[fmt]
            (folder / f"reply_{n}.{fmt}").write_bytes(write(reply_blocks(read_document(path))))
    result = run_build(folder, root / fmt / "build")
    assert result.returncode == 0, result.output[-3000:]
    return result.database


def rows(database: Path, model: str) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as con:
        columns = [
            c
            for (c,) in con.execute(
                "select column_name from information_schema.columns where table_name = ? "
                "order by ordinal_position",
                [model],
            ).fetchall()
            if c not in PROVENANCE and not c.endswith("line_number")
        ]
        schema = con.execute(
            "select table_schema from information_schema.tables where table_name = ?", [model]
        ).fetchone()[0]
        # A blank cell prints nothing ('' in a table cell, no token on a text line); a
        # repair's note cites line numbers: its kind is what must agree.
        shown = [NORMALISED.get(c, c) for c in columns]
        return con.execute(
            f"select {', '.join(shown)} from {schema}.{model} order by all"
        ).fetchall()


@pytest.fixture(scope="module")
def text_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build("txt", tmp_path_factory.mktemp("formats"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_facts_and_checks_are_the_text_versions(text_build: Path, tmp_path: Path, fmt: str) -> None:
    database = build(fmt, tmp_path)
    expected_checks = rows(text_build, "rpt_reconciliation")
    assert expected_checks, "the text build has reconciliation checks to compare"
    assert rows(text_build, "fct_recorded_crimes"), "the text build has facts to compare"
    assert rows(database, "rpt_reconciliation") == expected_checks
    for model in FACTS:
        assert rows(database, model) == rows(text_build, model), model
    assert rows(database, "fct_table_cells") == rows(text_build, "fct_table_cells")
    with duckdb.connect(str(database), read_only=True) as con:
        formats = con.execute("select distinct format from marts.dim_documents").fetchall()
        located = con.execute(
            "select count(*) filter (where source_locator is null) from marts.fct_table_cells"
        ).fetchone()
    assert formats == [(fmt,)]
    assert located == (0,)
