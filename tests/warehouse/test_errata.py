"""A known erratum (seeds/reference/known_errata.csv) accepts a table whose printed total is
misprinted: without it the table is held back and the rest publishes; with it the table's
detail rows reach the facts while the printed total stays flagged as not holding.

The fixture is the shipped 2022 West Midlands reply (tests/fixtures/shipped/000_…) with one
change: the Grand Total printed at the end of the offences table (the first "Grand Total"
line that prints thirteen numbers) has its yearly total raised by 90 (19,893 printed as
19,983, a transposition). Its twelve monthly totals are left as printed, so every expected
figure below is read from the document: the detail rows add up to the printed months."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

import duckdb
from conftest import copy_documents, project_with_seeds, run_build

FOI_2022 = "000_dbe143eee267caba.txt"
NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
ERRATA_COLUMNS = (
    "erratum_id,document_id,file_name,line_number,what_is_wrong,source,judged_by,judged_on,"
    "action,note"
)


def _as_int(token: str) -> int:
    return int(token.replace(",", ""))


def _misprint_total(documents: Path) -> tuple[int, list[int], int]:
    """Raise the yearly total of the first thirteen-number Grand Total row by 90; return its
    line, its twelve printed monthly totals and the single-figure Grand Total line of the
    table before it (a total that holds)."""
    path = documents / FOI_2022
    lines = path.read_text(encoding="utf-8").split("\n")
    number, values = next(
        (n, m.group(1).split())
        for n, line in enumerate(lines, 1)
        if (m := re.fullmatch(rf"Grand Total ((?:(?:{NUMBER})\s+){{12}}(?:{NUMBER}))\s*", line))
    )
    holding = next(
        n
        for n, line in enumerate(lines[:number], 1)
        if re.fullmatch(rf"Grand Total (?:{NUMBER})\s*", line)
    )
    wrong = _as_int(values[-1]) + 90
    lines[number - 1] = f"Grand Total {' '.join(values[:-1])} {wrong:,}"
    path.write_text("\n".join(lines), encoding="utf-8")
    return number, [_as_int(v) for v in values[:-1]], holding


def _query(database: Path, sql: str, *params: object) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def _errata_csv(rows: list[dict[str, object]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ERRATA_COLUMNS.split(","), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _table_of_line(database: Path, line: int) -> str:
    (table_id,) = {
        t
        for (t,) in _query(
            database,
            "select table_id from marts.fct_table_cells where file_name = ? and line_number = ?",
            FOI_2022,
            line,
        )
    }
    return table_id


def test_the_errata_seed_ships_without_rows() -> None:
    seed = Path(__file__).resolve().parents[2] / "seeds" / "reference" / "known_errata.csv"
    assert seed.read_text(encoding="utf-8").strip() == ERRATA_COLUMNS


def test_a_misprinted_total_holds_back_its_table_until_an_erratum_accepts_it(
    tmp_path: Path,
) -> None:
    documents = copy_documents(tmp_path)
    line, months, holding_line = _misprint_total(documents)
    document_id = hashlib.sha256((documents / FOI_2022).read_bytes()).hexdigest()

    # Without an erratum: the table is held back, the document's other tables publish.
    plain = run_build(documents, tmp_path / "plain")
    assert plain.returncode == 0, plain.output[-4000:]
    table_id = _table_of_line(plain.database, line)
    statuses = _query(
        plain.database,
        "select distinct fact_status from marts.fct_table_cells where table_id = ?",
        table_id,
    )
    assert statuses == [("held_back",)]
    assert not _query(
        plain.database, "select 1 from marts.fct_offence_counts where table_id = ?", table_id
    )
    assert _query(
        plain.database,
        "select count(distinct table_id) from marts.fct_table_cells "
        "where file_name = ? and table_id != ? and fact_status = 'in_facts'",
        FOI_2022,
        table_id,
    )[0][0]
    assert f"held back: {FOI_2022}:{line} [failed_check]" in plain.output

    # With an erratum for the total's line (and one for a total that holds, which accepts
    # nothing and says so).
    errata = _errata_csv(
        [
            {
                "erratum_id": "test-offences-total",
                "document_id": document_id,
                "file_name": FOI_2022,
                "line_number": line,
                "what_is_wrong": "the yearly Grand Total is printed 90 too high",
                "source": "the twelve monthly Grand Totals printed on the same line",
                "judged_by": "test suite",
                "judged_on": "2026-01-01",
                "action": "accept_detail_rows",
                "note": "",
            },
            {
                "erratum_id": "test-holding-total",
                "document_id": document_id,
                "file_name": FOI_2022,
                "line_number": holding_line,
                "what_is_wrong": "nothing: this total holds",
                "source": "test",
                "judged_by": "test suite",
                "judged_on": "",
                "action": "accept_detail_rows",
                "note": "",
            },
        ]
    )
    project = project_with_seeds(tmp_path, {"reference/known_errata.csv": errata})
    accepted = run_build(documents, tmp_path / "accepted", project=project)
    assert accepted.returncode == 0, accepted.output[-4000:]
    database = accepted.database
    assert _table_of_line(database, line) == table_id

    # The detail rows are in the facts: as many rows as detail cells, adding up to the
    # twelve monthly totals the document prints on the misprinted line.
    facts = _query(
        database,
        "select count(*), sum(crime_count) from marts.fct_offence_counts where table_id = ?",
        table_id,
    )[0]
    assert facts[0] > 0 and facts[1] == sum(months)
    cells = _query(
        database,
        "select fact_status, fact_status_reason, line_number = ? "
        "from marts.fct_table_cells where table_id = ?",
        line,
        table_id,
    )
    assert {status for status, _, _ in cells} == {"in_facts", "total"}
    assert facts[0] == sum(status == "in_facts" for status, _, _ in cells)
    # Each cell the erratum lets in, and the misprinted total itself, names the erratum.
    named = [reason for status, reason, on_line in cells if status == "in_facts" or on_line]
    assert all('known_errata row "test-offences-total"' in reason for reason in named)
    assert all(
        reason.startswith("a total misprinted in the document")
        for status, reason, on_line in cells
        if on_line
    )

    # The printed total is still flagged: every check of that line keeps the status it had
    # without the erratum (the failures stay failures, never 'pass'), and each failure, only
    # the failures, names the erratum.
    sql = (
        "select check_id, status, erratum_id from marts.rpt_reconciliation "
        "where table_id = ? and line_number = ?"
    )
    before = {c: s for c, s, _ in _query(plain.database, sql, table_id, line)}
    after = _query(database, sql, table_id, line)
    assert "fail" in before.values()
    assert {c: s for c, s, _ in after} == before
    assert all((e == "test-offences-total") == (s == "fail") for _, s, e in after)
    issues = _query(
        database,
        "select severity, issue_code, erratum_id, message from marts.rpt_data_quality_issues "
        "where table_id = ? and severity in ('error', 'warning')",
        table_id,
    )
    assert {(s, c) for s, c, _, _ in issues} >= {
        ("error", "failed_check"),
        ("warning", "erratum_accepted"),
    }
    assert all(e == "test-offences-total" for _, _, e, _ in issues)
    assert f"accepted by erratum test-offences-total: {FOI_2022}:{line}" in accepted.output
    assert f"held back: {FOI_2022}" not in accepted.output

    # The erratum that names a holding total accepts nothing, and says so.
    unused = _query(
        database,
        "select message from marts.rpt_data_quality_issues "
        "where issue_code = 'erratum_unused' and erratum_id = 'test-holding-total'",
    )
    assert (
        len(unused) == 1 and "every check of the total printed on this line holds" in (unused[0][0])
    )
