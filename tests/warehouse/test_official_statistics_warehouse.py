"""The ONS police force area tables in the warehouse: each edition's West Midlands police force
area stalking and harassment figure is a fact with its period and the evidence of its scope,
the regions reconcile with their forces, and the Home Office workforce workbook is in
fct_table_cells (not in the facts: not crime figures).

The raw tables are written from the workbooks by the spreadsheet reader (ingest.formats.sheets)
and ingest.official's Document, as the format dispatch will; expected figures are read from the
workbooks with fastexcel, never typed."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import fastexcel
import pytest

from ingest.documents import read_document
from ingest.pipeline import ParsedFile, assemble, parse_document
from ingest.writer import write_raw

REPO = Path(__file__).resolve().parents[2]
FORMATS = REPO / "tests" / "fixtures" / "formats"
EDITIONS = {
    "policeforceareatablesyearendingmarch2018v2.xlsx": (date(2017, 4, 1), date(2018, 3, 31)),
    "policeforceareatablesyearendingsep18corrected.xlsx": (date(2017, 10, 1), date(2018, 9, 30)),
}
WORKFORCE = "police-workforce-sep19-tables.ods"


@pytest.fixture(scope="module")
def official_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workdir = tmp_path_factory.mktemp("official")
    database = workdir / "warehouse.duckdb"
    parsed = []
    for name in [*EDITIONS, WORKFORCE]:
        path = FORMATS / name
        doc = read_document(path)
        frames, issues = parse_document(doc)
        parsed.append(ParsedFile(path, doc.document_id, frames, issues))
    write_raw(database, assemble(parsed))
    # The whole build, every dbt test included (assert_official_areas_sit_under_their_parent_area,
    # assert_facts_are_the_cells_in_facts, the reconciliation), on the workbooks alone.
    env = {**os.environ, "WAREHOUSE_PATH": str(database), "DBT_PROFILES_DIR": str(REPO)}
    dbt = subprocess.run(
        [
            str(Path(sys.executable).parent / "dbt"),
            "build",
            "--target-path",
            str(workdir / "target"),
            "--log-path",
            str(workdir / "logs"),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert dbt.returncode == 0, dbt.stdout[-4000:]
    return database


def _stalking_figure(path: Path, code: str) -> int:
    """The Stalking and harassment figure of the row whose first cell is the area code."""
    frame = (
        fastexcel.read_excel(path)
        .load_sheet("Table P1", header_row=None, skip_rows=0, dtypes="string")
        .to_polars()
    )
    rows = list(frame.iter_rows())
    header = next(
        r for r in rows if any((v or "").startswith("Stalking and harassment") for v in r)
    )
    column = next(
        i for i, v in enumerate(header) if (v or "").startswith("Stalking and harassment")
    )
    return int(next(r for r in rows if (r[0] or "").strip() == code)[column])


@pytest.mark.parametrize("file_name", list(EDITIONS))
def test_west_midlands_stalking_figure_is_a_fact_with_period_and_scope(
    official_warehouse: Path, file_name: str
):
    con = duckdb.connect(str(official_warehouse), read_only=True)
    facts = con.sql(
        """
        select crime_count, period_start, period_end, offence_group_key, offence_key
        from marts.fct_offence_counts
        where file_name = ? and force_key = 'west_midlands'
          and offence_key = 'subgroup:stalking_and_harassment'
        """,
        params=[file_name],
    ).fetchall()
    expected = _stalking_figure(FORMATS / file_name, "E23000014")
    assert facts == [
        (expected, *EDITIONS[file_name], "group:violence_against_the_person", facts[0][4])
    ]
    # The scope's evidence: an official statistics document whose table title says it counts
    # all police recorded crime.
    scope = con.sql(
        """
        select distinct document_kind, scope
        from intermediate.int_official_area_cells
        where file_name = ? and is_fact
        """,
        params=[file_name],
    ).fetchall()
    assert scope == [("official_statistics", "all_recorded_crime")]


def test_the_west_midlands_region_is_no_fact_but_the_sum_of_its_forces(official_warehouse: Path):
    con = duckdb.connect(str(official_warehouse), read_only=True)
    region = _stalking_figure(FORMATS / next(iter(EDITIONS)), "E12000005")
    forces = con.sql(
        """
        select sum(crime_count) from marts.fct_offence_counts as facts
        inner join reference.ons_police_force_areas as areas on facts.force_key = areas.force_key
        where facts.file_name = ? and areas.parent_area_code = 'E12000005'
          and facts.offence_key = 'subgroup:stalking_and_harassment'
        """,
        params=[next(iter(EDITIONS))],
    ).fetchone()[0]
    assert forces == region


def test_regions_reconcile_with_their_forces(official_warehouse: Path):
    con = duckdb.connect(str(official_warehouse), read_only=True)
    checks = con.sql(
        """
        select file_name, check_type, status, count(*)
        from marts.rpt_reconciliation
        where file_name in (?, ?)
          and check_type in ('group_sum', 'grand_total', 'column_group_sum')
        group by all
        """,
        params=list(EDITIONS),
    ).fetchall()
    assert {status for _, _, status, _ in checks} == {"pass"}
    # Every group row of each edition's Table P1 (the nine English regions, England, Wales)
    # is checked in every column.
    group_checks = {f: n for f, kind, _, n in checks if kind == "group_sum"}
    assert all(n > 0 for n in group_checks.values()) and len(group_checks) == 2
    # The column groups too: 'Violence against the person' is the sum of its part columns in
    # every row.
    column_checks = {f: n for f, kind, _, n in checks if kind == "column_group_sum"}
    assert all(n > 0 for n in column_checks.values()) and len(column_checks) == 2


def test_workforce_cells_are_located_but_no_facts(official_warehouse: Path):
    con = duckdb.connect(str(official_warehouse), read_only=True)
    cells, in_facts = con.sql(
        """
        select count(*), count(*) filter (where fact_status = 'in_facts')
        from marts.fct_table_cells where file_name = ?
        """,
        params=[WORKFORCE],
    ).fetchone()
    assert cells > 0 and in_facts == 0
    facts = con.sql(
        "select count(*) from marts.fct_offence_counts where file_name = ?", params=[WORKFORCE]
    ).fetchone()[0]
    assert facts == 0
