"""The SQL normalisation and its Python twin agree; an unknown label holds back its row only."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
from conftest import REPO, copy_documents, run_build

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


def _known_outcome_labels() -> list[str]:
    seed = REPO / "seeds" / "reference" / "outcome_label_map.csv"
    with seed.open(encoding="utf-8", newline="") as handle:
        return [row["label_normalised"] for row in csv.DictReader(handle)]


def test_an_unknown_outcome_label_holds_back_its_row_naming_it_and_its_nearest_labels(
    tmp_path: Path,
) -> None:
    documents = copy_documents(tmp_path)
    path = documents / FOI_2022
    lines = path.read_text(encoding="utf-8").split("\n")
    # The first outcome row printed as 'Charge or Summons' gets a wording no map knows.
    number = next(n for n, line in enumerate(lines, 1) if line.startswith("Charge or Summons "))
    unknown = "Charged after a long wait"
    lines[number - 1] = lines[number - 1].replace("Charge or Summons", unknown, 1)
    path.write_text("\n".join(lines), encoding="utf-8")

    result = run_build(documents, tmp_path / "build")

    # Every other row and document publishes; the label is a warning, not a failure.
    assert result.returncode == 0, result.output[-4000:]
    with duckdb.connect(str(result.database), read_only=True) as con:
        issues = con.execute(
            "select severity, message from marts.rpt_data_quality_issues "
            "where file_name = ? and line_number = ? and issue_code = 'unknown_label'",
            [FOI_2022, number],
        ).fetchall()
        statuses = con.execute(
            "select distinct fact_status, fact_status_reason from marts.fct_table_cells "
            "where file_name = ? and line_number = ? and not is_total",
            [FOI_2022, number],
        ).fetchall()
        in_facts = con.execute(
            "select count(*) from marts.fct_outcome_counts where file_name = ? and line_number = ?",
            [FOI_2022, number],
        ).fetchone()
        other_outcomes = con.execute(
            "select count(*) from marts.fct_outcome_counts where file_name = ?", [FOI_2022]
        ).fetchone()
        loaded = con.execute("select distinct load_status from marts.dim_documents").fetchall()
    assert len(issues) == 1
    severity, message = issues[0]
    assert severity == "warning"
    normalised = normalise_label(unknown)
    assert (
        f'outcome label "{unknown}" (normalised "{normalised}") in {FOI_2022}:{number} '
        "is in no label map"
    ) in message
    # The nearest known labels are labels of the outcome map, the closest one first.
    nearest = re.findall(r'"([^"]+)" \(', message.split("nearest known labels: ")[1])
    known = _known_outcome_labels()
    assert len(nearest) == 3 and set(nearest) <= set(known)
    assert "charge or summons" in nearest
    # The seed row to add names the seed, the label, the document and the line.
    assert (
        f"seeds/reference/outcome_label_map.csv once a source proves what it means: "
        f"{normalised},<outcome_type>,{unknown},{FOI_2022},{number},<source>"
    ) in message
    assert statuses and {status for status, _ in statuses} == {"held_back"}
    assert all(unknown in reason for _, reason in statuses)
    assert in_facts == (0,)
    assert other_outcomes[0] > 0
    assert loaded == [("loaded",)]
