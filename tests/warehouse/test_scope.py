"""Every fact row says what its figures cover (issue 12, 'Scope on every fact').

The shipped 2022 reply counts only crimes with West Midlands Police's 'online' tag; real
documents cut from tests/corpus/real show a cyber flag heading a table, a Home Office offence
code named as the search, a domestic qualifier tied to one table by its caption, and a reply
that says nothing (as stated). Expected lines and words are found in the documents' own text.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from tests.warehouse.conftest import SHIPPED, run_build

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "real"
FOI_2022 = SHIPPED / "000_dbe143eee267caba.txt"
FACT_TABLES = (
    "fct_recorded_crimes",
    "fct_offence_counts",
    "fct_suspect_role_counts",
    "fct_outcome_counts",
    "fct_victim_counts",
)

# (document, first line, last line): cut to the request and the tables, named neutrally.
CUTS = {
    "cyber_flag": ("avon-somerset_148235_cyber_crime_fy_one_cell_per_line_sum.txt", 9, 132),
    "offence_code": ("hampshire_CM-PA-000184-19_coercive_control_wdtk.txt", 1, 118),
    "table_caption": ("cleveland_429-25_malicious_comms_arrests_table.txt", 8, 55),
    "as_stated": ("northumbria_1408-21_crimes_against_mps_harassment.txt", 1, 46),
}


def cut_lines(name: str, first: int, last: int) -> list[str]:
    return (CORPUS / name).read_text(encoding="utf-8").splitlines()[first - 1 : last]


def line_numbers_with(lines: list[str], words: str) -> list[int]:
    return [n for n, line in enumerate(lines, start=1) if words in line]


def query(database: Path, sql: str, parameters: list | None = None) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql, parameters or []).fetchall()


def test_the_2022_figures_are_online_flagged(warehouse: Path) -> None:
    """000 asks for crimes with 'the ‘online’ tag' in its first question and every later
    question refers back to Q1: every fact row of 000 is online_flag, on that line."""
    lines = FOI_2022.read_text(encoding="utf-8").splitlines()
    (tag_line,) = line_numbers_with(lines, "‘online’ tag")
    printed_total = next(
        int(line.split()[-1].replace(",", ""))
        for line in lines
        if re.fullmatch(r"Grand Total [\d,]+", line.strip())
    )
    crimes = query(
        warehouse,
        "select scope, scope_evidence, scope_line_number, sum(crime_count)"
        " from marts.fct_recorded_crimes where file_name = ? group by all",
        [FOI_2022.name],
    )
    assert crimes == [("online_flag", "‘online’ tag", tag_line, printed_total)]
    for table in FACT_TABLES:
        scopes = query(
            warehouse,
            f"select distinct scope, scope_line_number from marts.{table} where file_name = ?",
            [FOI_2022.name],
        )
        assert scopes == [("online_flag", tag_line)], table


def test_every_fact_row_has_a_known_scope(warehouse: Path) -> None:
    for table in FACT_TABLES:
        rows = query(
            warehouse,
            f"select count(*) from marts.{table} as facts"
            " left join reference.scopes as scopes on facts.scope = scopes.scope"
            " where scopes.scope is null",
        )
        assert rows == [(0,)], table


@pytest.fixture(scope="module")
def cut_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("scope_cuts")
    folder = root / "documents"
    folder.mkdir()
    for number, (name, first, last) in enumerate(CUTS.values()):
        text = "\n".join(cut_lines(name, first, last)) + "\n"
        (folder / f"doc_{number:02d}.txt").write_text(text, encoding="utf-8")
    result = run_build(folder, root / "build")
    assert result.returncode == 0, result.output[-3000:]
    return result.database


def cut_file(kind: str) -> str:
    return f"doc_{list(CUTS).index(kind):02d}.txt"


def test_a_cyber_flag_heading_each_table_scopes_its_figures(cut_warehouse: Path) -> None:
    """Avon and Somerset: 'flagged as ‘cyber-crime.’' captions table 1, 'Cyber flagged crime:'
    is in it and 'Cyber flagged Crime' heads table 2: both tables' figures are cyber_flag,
    each on a line of its own caption or body that prints 'flagged'."""
    lines = cut_lines(*CUTS["cyber_flag"])
    flagged = line_numbers_with(lines, "flagged")
    for table in ("fct_recorded_crimes", "fct_offence_counts"):
        rows = query(
            cut_warehouse,
            f"select distinct scope, scope_evidence, scope_line_number, table_id"
            f" from marts.{table} where file_name = ?",
            [cut_file("cyber_flag")],
        )
        assert rows, table
        for scope, evidence, line, _ in rows:
            assert scope == "cyber_flag"
            assert line in flagged
            assert evidence in lines[line - 1]
    attached = query(
        cut_warehouse,
        "select distinct scope_attached_to from intermediate.int_foi_tables__scoped as scoped"
        " inner join marts.dim_documents as documents using (document_id)"
        " where documents.file_name = ?",
        [cut_file("cyber_flag")],
    )
    assert attached == [("table",)]


def test_an_offence_code_searched_scopes_the_figures(cut_warehouse: Path) -> None:
    """Hampshire: 'searches have been undertaken for the number of crimes for the offence
    code 08/67': the recorded crimes are that offence-code subset, on that line."""
    lines = cut_lines(*CUTS["offence_code"])
    (code_line,) = line_numbers_with(lines, "offence code 08/67")
    rows = query(
        cut_warehouse,
        "select distinct scope, scope_evidence, scope_line_number"
        " from marts.fct_recorded_crimes where file_name = ?",
        [cut_file("offence_code")],
    )
    assert rows == [("offence_code_subset", "offence code 08/67", code_line)]


def test_a_caption_ties_a_flag_to_its_own_table(cut_warehouse: Path) -> None:
    """Cleveland: 'Below table are the same arrests where the domestic qualifier is on the
    record:' captions the second table only; the first table says nothing of a flag."""
    lines = cut_lines(*CUTS["table_caption"])
    (caption_line,) = line_numbers_with(lines, "domestic qualifier")
    rows = query(
        cut_warehouse,
        "select tables.header_line_number, scoped.scope, scoped.scope_line_number,"
        " scoped.scope_attached_to"
        " from intermediate.int_foi_tables__scoped as scoped"
        " inner join intermediate.int_foi_tables__linked as tables using (table_id)"
        " inner join marts.dim_documents as documents on scoped.document_id = documents.document_id"
        " where documents.file_name = ? order by tables.header_line_number",
        [cut_file("table_caption")],
    )
    assert len(rows) == 2
    (first_header, *first), (second_header, *second) = rows
    assert first_header < caption_line < second_header
    assert first == ["as_stated", None, "default"]
    assert second == ["domestic_flag", caption_line, "table"]


def test_a_reply_that_does_not_say_is_as_stated(cut_warehouse: Path) -> None:
    """Northumbria 1408/21 names no flag, tag, marker, keyword or code: its figures are
    'as stated', with no evidence."""
    text = "\n".join(cut_lines(*CUTS["as_stated"]))
    assert not re.search(r"flag|\btag\b|marker|qualifier|keyword|\bcode\b", text, re.I)
    for table in ("fct_recorded_crimes", "fct_offence_counts"):
        rows = query(
            cut_warehouse,
            f"select distinct scope, scope_evidence, scope_line_number from marts.{table}"
            " where file_name = ?",
            [cut_file("as_stated")],
        )
        assert rows == [("as_stated", None, None)], table


def test_a_label_has_one_level_beside_groups_in_a_flat_table(cut_warehouse: Path) -> None:
    """Northumbria prints 'Harassment' in a flat table beside 'Burglary' and 'Public
    Disorder': it maps to the class, as 'HARASSMENT' does in the shipped 2022 reply, and the
    group of every offence is the Home Office group of its member."""
    rows = query(
        cut_warehouse,
        "select offence, offence_key, offence_level, offence_class, offence_group"
        " from marts.fct_offence_counts where file_name = ? and offence = 'Harassment'",
        [cut_file("as_stated")],
    )
    assert rows == [("Harassment", "8L", "class", "8L", "Violence against the person")]
