"""What cannot be trusted is held back at the smallest unit, named with its file and line:
a damaged table is held back while the document's other tables and the other documents
publish, and no fact row ever comes from a cut-off table."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import duckdb
from conftest import REPO, copy_documents, run_build

FOI_2022 = "000_dbe143eee267caba.txt"
NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
CORPUS = REPO / "tests" / "corpus" / "real"
FACTS = {
    "fct_recorded_crimes": "crime_count",
    "fct_offence_counts": "crime_count",
    "fct_suspect_role_counts": "suspect_count",
    "fct_outcome_counts": "suspect_count",
    "fct_victim_counts": "victim_count",
}


def _row_lines(text: str) -> list[tuple[int, str, list[str]]]:
    """(line number, label, numbers) for every line that ends in a run of 13 numbers."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = re.match(rf"^(.*?\D)\s*((?:(?:{NUMBER})\s+){{12}}(?:{NUMBER}))\s*$", line)
        if match:
            rows.append((number, match.group(1).strip(), match.group(2).split()))
    return rows


def _as_int(token: str) -> int:
    return int(token.replace(",", ""))


def _query(database: Path, sql: str, *params: object) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def _table_of_line(database: Path, file_name: str, line: int) -> str:
    rows = _query(
        database,
        "select distinct table_id from marts.fct_table_cells "
        "where file_name = ? and line_number = ?",
        file_name,
        line,
    )
    assert len(rows) == 1, rows
    return rows[0][0]


def _fact_rows_by_table(database: Path, file_name: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table in FACTS:
        for table_id, n in _query(
            database,
            f"select table_id, count(*) from marts.{table} where file_name = ? group by all",
            file_name,
        ):
            counts[table_id] = counts.get(table_id, 0) + n
    return counts


def test_a_changed_number_holds_back_its_table_naming_check_file_line_expected_found(
    tmp_path: Path,
) -> None:
    documents = copy_documents(tmp_path)
    path = documents / FOI_2022
    lines = path.read_text(encoding="utf-8").split("\n")
    # A detail row with a non-zero first month: add one to it, so its row total and its
    # group's sum no longer hold.
    number, label, values = next(
        (n, lab, v)
        for n, lab, v in _row_lines("\n".join(lines))
        if lab[:1].isupper() and not lab.isupper() and lab != "Grand Total" and int(v[0]) > 0
    )
    old = lines[number - 1]
    lines[number - 1] = old.replace(f"{label} {values[0]} ", f"{label} {int(values[0]) + 1} ", 1)
    assert lines[number - 1] != old
    path.write_text("\n".join(lines), encoding="utf-8")
    printed_total = _as_int(values[-1])
    found = sum(_as_int(v) for v in values[:-1]) + 1

    result = run_build(documents, tmp_path / "build")

    # Contained: the build publishes, and lists what it held back as a warning that names
    # the failing check, the file, the line, the expected and the found figure.
    assert result.returncode == 0, result.output[-4000:]
    assert "held_back_figures_are_listed" in result.output
    database = result.database
    checks = _query(
        database,
        "select failure_message from marts.rpt_reconciliation "
        "where file_name = ? and line_number = ? and check_type = 'row_total' and status = 'fail'",
        FOI_2022,
        number,
    )
    assert checks, "the row total of the changed line must fail"
    message = checks[0][0]
    assert message.startswith(f"{FOI_2022}:{number} ")
    assert f"expected {printed_total}, found {found}" in message
    assert _query(
        database,
        "select 1 from marts.rpt_data_quality_issues "
        "where file_name = ? and line_number = ? and issue_code = 'row_total_mismatch'",
        FOI_2022,
        number,
    )

    # The damaged table is held back, every cell of it, with the failing check as reason...
    damaged = _table_of_line(database, FOI_2022, number)
    statuses = _query(
        database,
        "select fact_status, fact_status_reason from marts.fct_table_cells where table_id = ?",
        damaged,
    )
    assert {status for status, _ in statuses} == {"held_back"}
    assert all(message in reason for _, reason in statuses)
    facts = _fact_rows_by_table(database, FOI_2022)
    assert damaged not in facts
    # ...while the document's other tables and the other documents publish.
    loaded = _query(database, "select file_name, load_status from marts.dim_documents")
    assert {status for _, status in loaded} == {"loaded"}
    other_tables = _query(
        database,
        "select table_id, count(*) filter (where fact_status = 'in_facts') "
        "from marts.fct_table_cells where file_name = ? and table_id != ? group by all",
        FOI_2022,
        damaged,
    )
    assert other_tables
    for table_id, in_facts in other_tables:
        assert in_facts > 0 and facts.get(table_id) == in_facts


def test_a_missing_cell_no_total_can_prove_holds_back_its_table_only(tmp_path: Path) -> None:
    documents = copy_documents(tmp_path)
    path = documents / FOI_2022
    lines = path.read_text(encoding="utf-8").split("\n")
    # The victims row: no total row and no group stands over it, so only its own total
    # column remains, which cannot say which month was lost.
    number = next(n for n, label, _ in _row_lines("\n".join(lines)) if label.lower() == "victim")
    tokens = lines[number - 1].split()
    del tokens[3]
    lines[number - 1] = " ".join(tokens)
    path.write_text("\n".join(lines), encoding="utf-8")

    result = run_build(documents, tmp_path / "build")

    assert result.returncode == 0, result.output[-4000:]
    database = result.database
    issues = _query(
        database,
        "select table_id, message from marts.rpt_data_quality_issues "
        "where file_name = ? and line_number = ? and issue_code = 'missing_cell_unproven'",
        FOI_2022,
        number,
    )
    assert issues and "no value is invented" in issues[0][1]
    table_id = issues[0][0]
    statuses = _query(
        database,
        "select distinct fact_status from marts.fct_table_cells where table_id = ?",
        table_id,
    )
    assert statuses == [("held_back",)]
    assert not _query(
        database, "select 1 from marts.fct_victim_counts where file_name = ?", FOI_2022
    )
    # The crimes table of the same document still publishes.
    assert _query(
        database, "select count(*) from marts.fct_recorded_crimes where file_name = ?", FOI_2022
    )[0][0]


def test_no_fact_row_comes_from_a_table_cut_off_mid_row(tmp_path: Path) -> None:
    documents = copy_documents(tmp_path)
    path = documents / FOI_2022
    lines = path.read_text(encoding="utf-8").split("\n")
    # The text stops in the middle of the last outcome table's rows: the row it stops in
    # keeps four of its thirteen numbers.
    rows = _row_lines("\n".join(lines))
    number, label, values = rows[-10]
    lines = [*lines[: number - 1], f"{label} {' '.join(values[:4])}"]
    path.write_text("\n".join(lines), encoding="utf-8")

    result = run_build(documents, tmp_path / "build")

    assert result.returncode == 0, result.output[-4000:]
    database = result.database
    cut = _table_of_line(database, FOI_2022, number)
    facts = _fact_rows_by_table(database, FOI_2022)
    assert cut not in facts
    statuses = _query(
        database, "select distinct fact_status from marts.fct_table_cells where table_id = ?", cut
    )
    assert statuses == [("held_back",)]
    assert len(facts) == 4, facts  # the document's four tables before it publish


def _incomplete_tables() -> list[tuple[str, int, int]]:
    """(file, first line, last line) of every corpus table the truth marks cut off."""
    found = []
    for truth_path in sorted(CORPUS.glob("*.truth.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        for table in truth["tables"]:
            if not table["complete"]:
                found.append((truth["file"], table["first_line"], table["last_line"]))
    return found


def test_no_fact_row_comes_from_a_cut_off_table_of_the_real_corpus(tmp_path: Path) -> None:
    incomplete = _incomplete_tables()
    assert incomplete
    # Beside the shipped documents (the curated press figures need their articles).
    documents = copy_documents(tmp_path)
    for file_name in {file_name for file_name, _, _ in incomplete}:
        shutil.copy(CORPUS / file_name, documents / file_name)

    result = run_build(documents, tmp_path / "build")

    assert result.returncode == 0, result.output[-4000:]
    for file_name, first, last in incomplete:
        for table, _ in FACTS.items():
            rows = _query(
                result.database,
                f"select line_number from marts.{table} "
                "where file_name = ? and line_number between ? and ?",
                file_name,
                first,
                last,
            )
            assert not rows, (table, file_name, first, last, rows)


def test_an_error_nothing_contains_still_fails_the_build_naming_the_file(tmp_path: Path) -> None:
    # An unreadable file is a document-level error: no table or line holds it back, so a
    # plain `dbt build` (without allow_quarantine) stops and names the file.
    documents = copy_documents(tmp_path)
    (documents / "unreadable.txt").write_bytes(bytes(range(256)) * 4)

    result = run_build(documents, tmp_path / "build")

    assert result.returncode != 0
    assert "unreadable.txt [unreadable_document]" in result.output, result.output[-3000:]
