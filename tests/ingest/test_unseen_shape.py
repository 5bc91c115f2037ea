"""A response of a shape the real documents never show loads beside them with correct cells."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import polars as pl

from ingest.pipeline import load_folder

DOCUMENTS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "shipped"

# Another force, years as columns, Home Office codes as labels, a pipe table, CRLF endings.
OTHER_FORCE = textwrap.dedent(
    """\
    Northshire Constabulary - Freedom of Information Request
    Reference: FOI-2021-0457

    1. Please provide the number of stalking offences recorded in each year 2018 to 2020.

    Code 2018 2019 2020 Total
    STALKING 150 1,170 1,250 2,570
    08/65 100 120 130 350
    195/12 50 1,050 1,120 2,220
    Total 150 1,170 1,250 2,570

    2. Please provide the number of suspects charged in each year.

    | Outcome | 2018 | 2019 | 2020 |
    |---|---|---|---|
    | Charged | 12 | * | 19 |
    | Cautioned | 4 | 5 | <5 |
    """
).replace("\n", "\r\n")


def test_an_unseen_force_and_layout_loads_with_correct_cells(tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    shutil.copytree(DOCUMENTS, folder)
    (folder / "northshire_2021.txt").write_bytes(OTHER_FORCE.encode("cp1252"))

    frames = load_folder(folder)

    documents = frames["documents"].filter(pl.col("file_name") == "northshire_2021.txt")
    assert documents["load_status"].to_list() == ["loaded"]
    assert documents["encoding"].to_list() in (["utf-8"], ["cp1252"])
    document_id = documents["document_id"][0]
    cells = (
        frames["foi_table_cells"]
        .filter(pl.col("document_id") == document_id)
        .join(
            frames["foi_table_rows"].select("table_id", "row_number", "row_path"),
            on=["table_id", "row_number"],
        )
        .join(
            frames["foi_table_columns"].select(
                "table_id", "column_number", "column_label", "period_start"
            ),
            on=["table_id", "column_number"],
        )
    )

    def cell(path: str, column: str) -> tuple[int | None, str | None, str]:
        row = cells.filter((pl.col("row_path") == path) & (pl.col("column_label") == column))
        assert row.height == 1, (path, column)
        return row["cell_value"][0], row["printed_token"][0], row["cell_status"][0]

    # The codes are labels under their group, thousands separators are read, years are periods.
    assert cell("STALKING > 195/12", "2019") == (1050, "1,050", "printed")
    assert cell("STALKING > 08/65", "Total") == (350, "350", "printed")
    # Suppressed cells keep their printed token and never become zero.
    assert cell("Charged", "2019") == (None, "*", "suppressed")
    assert cell("Cautioned", "2020") == (None, "<5", "suppressed")
    assert cell("Charged", "2020") == (19, "19", "printed")
    years = cells.filter(pl.col("column_label") == "2018")["period_start"].unique().to_list()
    assert [str(y) for y in years] == ["2018-01-01"]
    # Nothing about it is an error, and the real documents load as before.
    issues = frames["parse_issues"].filter(
        (pl.col("document_id") == document_id) & (pl.col("severity") == "error")
    )
    assert issues.is_empty(), issues.to_dicts()
    assert frames["documents"]["load_status"].to_list().count("loaded") == 6
