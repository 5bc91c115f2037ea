"""The SQL normalisation and its Python twin agree; an unknown label fails the build."""

from __future__ import annotations

from pathlib import Path

import duckdb
from conftest import copy_documents, run_build

from ingest.labels import normalise_label

FOI_2022 = "000_dbe143eee267caba.txt"


def test_sql_and_python_normalise_every_printed_label_alike(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        labels = con.execute(
            "select row_label, row_label_normalised from staging.stg_raw__foi_table_rows"
        ).fetchall()
    assert labels
    for printed, normalised in labels:
        assert normalise_label(printed) == normalised


def test_an_unknown_outcome_label_fails_the_build_naming_it(tmp_path: Path) -> None:
    documents = copy_documents(tmp_path)
    path = documents / FOI_2022
    lines = path.read_text(encoding="utf-8").split("\n")
    # The first outcome row printed as 'Charge or Summons' gets a wording no map knows.
    number = next(n for n, line in enumerate(lines, 1) if line.startswith("Charge or Summons "))
    unknown = "Charged after a long wait"
    lines[number - 1] = lines[number - 1].replace("Charge or Summons", unknown, 1)
    path.write_text("\n".join(lines), encoding="utf-8")

    result = run_build(documents, tmp_path / "build")

    assert result.returncode != 0
    expected = (
        f'outcome label "{unknown}" (normalised "{normalise_label(unknown)}") in '
        f"{FOI_2022}:{number} is in no label map: add a row for it to "
        "seeds/reference/outcome_label_map.csv"
    )
    assert expected in result.output, result.output[-3000:]
