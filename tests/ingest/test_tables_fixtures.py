"""The table parser on small inline documents: each fixture is the document, so the values
it prints are the expected values."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from ingest.documents import document_from_text
from ingest.foi_tables import table_frames
from ingest.tables import ParsedTables, Row, Table, find_tables, header_columns


def parse(text: str) -> tuple[object, ParsedTables]:
    doc = document_from_text(textwrap.dedent(text).lstrip("\n"))
    return doc, find_tables(doc)


def only_table(parsed: ParsedTables) -> Table:
    assert len(parsed.tables) == 1, [t.header_text for t in parsed.tables]
    return parsed.tables[0]


def line_of(doc, text: str) -> int:
    """1-based number of the one line whose text starts with ``text``."""
    found = [n for n, line in enumerate(doc.lines, start=1) if line.strip().startswith(text)]
    assert len(found) == 1, (text, found)
    return found[0]


def row(table: Table, label: str) -> Row:
    found = [r for r in table.rows if r.label == label]
    assert len(found) == 1, (label, [r.label for r in table.rows])
    return found[0]


def cell_values(r: Row) -> list[int | None]:
    return [c.value for c in r.cells]


def parent_label(table: Table, r: Row) -> str | None:
    if r.parent is None:
        return None
    return next(p.label for p in table.rows if p.number == r.parent)


def structure(table: Table) -> list[tuple[str, str, int, str | None]]:
    return [(r.label, r.kind, r.depth, parent_label(table, r)) for r in table.rows]


def issue_codes(parsed: ParsedTables) -> list[tuple[str, str, int | None]]:
    return [(i.severity, i.issue_code, i.line_number) for i in parsed.issues]


# --- numbers ------------------------------------------------------------------------------

THOUSANDS = """
    Freedom of Information
    1: Stalking and harassment crimes recorded for 2016 to 2018.

    Offence 2016 2017 2018 Total
    STALKING 1,200 1350 987 3,537
    Stalking involving fear of violence 1,000 1,100 900 3000
    Stalking involving serious alarm 200 250 87 537
    Grand Total 1200 1,350 987 3537
"""


def test_thousands_separators_mixed_with_plain_numbers():
    _, parsed = parse(THOUSANDS)
    table = only_table(parsed)
    assert not parsed.issues
    assert table.hierarchy_status == "reconciled"
    stalking = row(table, "STALKING")
    assert cell_values(stalking) == [1200, 1350, 987, 3537]
    assert [c.printed_token for c in stalking.cells] == ["1,200", "1350", "987", "3,537"]
    assert cell_values(row(table, "Grand Total")) == [1200, 1350, 987, 3537]
    assert cell_values(row(table, "Stalking involving fear of violence")) == [1000, 1100, 900, 3000]
    assert structure(table) == [
        ("STALKING", "group", 0, None),
        ("Stalking involving fear of violence", "detail", 1, "STALKING"),
        ("Stalking involving serious alarm", "detail", 1, "STALKING"),
        ("Grand Total", "total", 0, None),
    ]


def test_years_as_columns():
    doc, parsed = parse(THOUSANDS)
    table = only_table(parsed)
    assert table.row_caption == "Offence"
    assert [c.label for c in table.columns] == ["2016", "2017", "2018", "Total"]
    assert [c.kind for c in table.columns] == ["period", "period", "period", "total"]
    for column in table.columns[:3]:
        year = int(column.label)
        assert column.period is not None
        assert (column.period.start, column.period.end) == (date(year, 1, 1), date(year, 12, 31))
        assert column.period.grain == "year"
    assert table.period is not None
    assert (table.period.start, table.period.end) == (date(2016, 1, 1), date(2018, 12, 31))
    assert table.question_number == 1
    assert table.header_line == line_of(doc, "Offence 2016")


# --- totals and groups --------------------------------------------------------------------


def test_table_without_total_column_checked_by_grand_total_row():
    _, parsed = parse(
        """
        Freedom of Information
        1: Crimes recorded in 2021.

        Offence Jan Feb Mar
        HARASSMENT 5 7 9
        Harassment 1 2 3
        Breach of a restraining order 4 5 6
        STALKING 2 0 1
        Stalking 2 0 1
        Grand Total 7 7 10
        """
    )
    table = only_table(parsed)
    assert [c.kind for c in table.columns] == ["period"] * 3
    assert table.hierarchy_status == "reconciled"
    assert not parsed.issues
    assert structure(table) == [
        ("HARASSMENT", "group", 0, None),
        ("Harassment", "detail", 1, "HARASSMENT"),
        ("Breach of a restraining order", "detail", 1, "HARASSMENT"),
        ("STALKING", "group", 0, None),
        ("Stalking", "detail", 1, "STALKING"),
        ("Grand Total", "total", 0, None),
    ]


def test_table_without_any_total_is_flat():
    _, parsed = parse(
        """
        Freedom of Information
        1: Crimes recorded in 2021.

        Offence Jan Feb Mar
        Harassment 1 2 3
        Stalking 4 5 6
        """
    )
    table = only_table(parsed)
    assert table.hierarchy_status == "flat"
    assert [r.kind for r in table.rows] == ["detail", "detail"]
    assert [cell_values(r) for r in table.rows] == [[1, 2, 3], [4, 5, 6]]
    assert not parsed.issues


NESTED = """
    Freedom of Information
    1: Outcomes recorded in 2020.

    Outcome 2019 2020 Total
    ALL SUSPECTS 11 20 31
    Charged 9 16 25
    Charged - adult 8 13 21
    Charged - adult - custody 5 10 15
    Charged - adult - bail 3 3 6
    Charged - youth 1 3 4
    Cautioned 2 4 6
    OTHER 1 1 2
    Grand Total 12 21 33
"""


def test_nested_groups_three_levels_deep():
    doc, parsed = parse(NESTED)
    table = only_table(parsed)
    assert table.hierarchy_status == "reconciled"
    assert structure(table) == [
        ("ALL SUSPECTS", "group", 0, None),
        ("Charged", "group", 1, "ALL SUSPECTS"),
        ("Charged - adult", "group", 2, "Charged"),
        ("Charged - adult - custody", "detail", 3, "Charged - adult"),
        ("Charged - adult - bail", "detail", 3, "Charged - adult"),
        ("Charged - youth", "detail", 2, "Charged"),
        ("Cautioned", "detail", 1, "ALL SUSPECTS"),
        ("OTHER", "detail", 0, None),
        ("Grand Total", "total", 0, None),
    ]
    custody = row(table, "Charged - adult - custody")
    assert custody.path == "ALL SUSPECTS > Charged > Charged - adult > Charged - adult - custody"
    kinds = {n: parsed.line_kinds[n][0] for n in range(table.header_line, table.last_line + 1)}
    assert kinds[line_of(doc, "Charged - adult 8")] == "table_group_row"
    assert kinds[line_of(doc, "Charged - adult - bail")] == "table_row"
    assert kinds[line_of(doc, "Grand Total")] == "table_total_row"


ZEROS = """
    Freedom of Information
    1: Crimes recorded in 2020.

    Offence Q1 Q2 Q3 Q4 Total
    HARASSMENT 5 7 0 2 14
    Attempted harassment 0 0 0 0 0
    Harassment 5 7 0 2 14
    STALKING 3 1 1 1 6
    Stalking 1 1 0 0 2
    Attempted stalking 0 0 0 0 0
    Stalking with fear 2 0 1 1 4
    Grand Total 8 8 1 3 20
"""


def test_all_zero_detail_rows_inside_groups():
    _, parsed = parse(ZEROS)
    table = only_table(parsed)
    assert table.hierarchy_status == "reconciled"
    assert [c.period.grain for c in table.columns[:4]] == ["quarter"] * 4  # type: ignore[union-attr]
    assert table.columns[1].period.start == date(2020, 4, 1)  # type: ignore[union-attr]
    assert structure(table) == [
        ("HARASSMENT", "group", 0, None),
        ("Attempted harassment", "detail", 1, "HARASSMENT"),
        ("Harassment", "detail", 1, "HARASSMENT"),
        ("STALKING", "group", 0, None),
        ("Stalking", "detail", 1, "STALKING"),
        ("Attempted stalking", "detail", 1, "STALKING"),
        ("Stalking with fear", "detail", 1, "STALKING"),
        ("Grand Total", "total", 0, None),
    ]
    assert cell_values(row(table, "Attempted stalking")) == [0] * 5


def test_trailing_all_zero_detail_row_stays_in_its_group():
    _, parsed = parse(
        """
        Freedom of Information
        1: Crimes recorded in 2020.

        Offence Q1 Q2 Q3 Q4 Total
        HARASSMENT 5 7 0 2 14
        Harassment 5 7 0 2 14
        Attempted harassment 0 0 0 0 0
        STALKING 3 1 1 1 6
        Stalking 3 1 1 1 6
        Grand Total 8 8 1 3 20
        """
    )
    table = only_table(parsed)
    zero = row(table, "Attempted harassment")
    assert parent_label(table, zero) == "HARASSMENT" or table.hierarchy_status != "reconciled"


def test_identical_adjacent_rows_are_siblings_when_the_sums_say_so():
    _, parsed = parse(
        """
        Freedom of Information
        1: Crimes recorded in 2020.

        Offence 2019 2020 Total
        HARASSMENT 10 10 20
        Harassment in a dwelling 5 5 10
        Harassment in public 5 5 10
        Stalking in a dwelling 3 4 7
        Stalking in public 3 4 7
        Grand Total 16 18 34
        """
    )
    table = only_table(parsed)
    assert table.hierarchy_status == "reconciled"
    # Nesting either identical row under its twin would break a printed sum.
    assert structure(table) == [
        ("HARASSMENT", "group", 0, None),
        ("Harassment in a dwelling", "detail", 1, "HARASSMENT"),
        ("Harassment in public", "detail", 1, "HARASSMENT"),
        ("Stalking in a dwelling", "detail", 0, None),
        ("Stalking in public", "detail", 0, None),
        ("Grand Total", "total", 0, None),
    ]


def test_group_with_one_identical_detail():
    # As in document 000: a group whose only detail prints the same figures.
    _, parsed = parse(
        """
        Freedom of Information
        1: Crimes recorded in 2020.

        Offence 2019 2020 Total
        CONTROLLING OR COERCIVE BEHAVIOUR 20 33 53
        Engage in controlling behaviour 20 33 53
        HARASSMENT 9 8 17
        Harassment 4 5 9
        Putting people in fear of violence 5 3 8
        Grand Total 29 41 70
        """
    )
    table = only_table(parsed)
    assert table.hierarchy_status == "reconciled"
    assert structure(table) == [
        ("CONTROLLING OR COERCIVE BEHAVIOUR", "group", 0, None),
        ("Engage in controlling behaviour", "detail", 1, "CONTROLLING OR COERCIVE BEHAVIOUR"),
        ("HARASSMENT", "group", 0, None),
        ("Harassment", "detail", 1, "HARASSMENT"),
        ("Putting people in fear of violence", "detail", 1, "HARASSMENT"),
        ("Grand Total", "total", 0, None),
    ]


def test_detail_equal_to_the_next_group_does_not_swallow_it():
    _, parsed = parse(
        """
        Freedom of Information
        1: Crimes recorded in 2020.

        Offence 2019 2020 Total
        HARASSMENT 7 3 10
        Harassment 2 1 3
        Putting people in fear of violence 5 2 7
        STALKING 5 2 7
        Stalking involving fear of violence 5 2 7
        Grand Total 12 5 17
        """
    )
    table = only_table(parsed)
    natural = [
        ("HARASSMENT", "group", 0, None),
        ("Harassment", "detail", 1, "HARASSMENT"),
        ("Putting people in fear of violence", "detail", 1, "HARASSMENT"),
        ("STALKING", "group", 0, None),
        ("Stalking involving fear of violence", "detail", 1, "STALKING"),
        ("Grand Total", "total", 0, None),
    ]
    assert structure(table) == natural or table.hierarchy_status != "reconciled"


# --- short rows ---------------------------------------------------------------------------

PROVEN = """
    Freedom of Information
    1: Crimes recorded in 2020.

    Offence Jan Feb Mar Apr Total
    STALKING 9 8 7 6 30
    Stalking 4 3 7 5 19
    Stalking with fear 5 5 1 11
    HARASSMENT 1 1 1 1 4
    Harassment 1 1 1 1 4
    Grand Total 10 9 8 7 34
"""


def test_short_row_proven_by_its_group_is_repaired():
    doc, parsed = parse(PROVEN)
    table = only_table(parsed)
    short = row(table, "Stalking with fear")
    line = line_of(doc, "Stalking with fear")
    assert len(short.tokens) == len(table.columns) - 1
    # STALKING minus Stalking is (5, 5, 0, 1, 11): the print is that without Mar.
    assert cell_values(short) == [5, 5, 0, 1, 11]
    assert [c.printed_token for c in short.cells] == ["5", "5", None, "1", "11"]
    assert [c.status for c in short.cells] == [
        "printed",
        "printed",
        "repaired",
        "printed",
        "printed",
    ]
    assert short.cells[2].repair_note and "Mar" in short.cells[2].repair_note
    assert table.hierarchy_status == "reconciled_with_repairs"
    assert issue_codes(parsed) == [("warning", "cell_repaired", line)]
    assert parsed.issues[0].printed_text == doc.lines[line - 1]
    assert parent_label(table, short) == "STALKING"
    cells = table_frames(doc, parsed)["foi_table_cells"]
    assert cells["is_repaired"].sum() == 1


def test_short_row_whose_gap_could_be_either_of_two_equal_cells():
    _, parsed = parse(PROVEN.replace("Stalking with fear 5 5 1 11", "Stalking with fear 5 0 1 11"))
    table = only_table(parsed)
    short = row(table, "Stalking with fear")
    assert cell_values(short) == [5, 5, 0, 1, 11]
    # (5, 0, 1, 11) is (5, 5, 0, 1, 11) without Jan or without Feb: the values agree either
    # way, and both cells are marked as repaired.
    repaired = [table.columns[c.column - 1].label for c in short.cells if c.status == "repaired"]
    assert repaired == ["Jan", "Feb"]
    assert table.hierarchy_status == "reconciled_with_repairs"
    assert [i.issue_code for i in parsed.issues] == ["cell_repaired"]


def test_short_row_whose_print_contradicts_its_group_is_not_repaired():
    # The group proves (5, 5, 0, 1, 11); no two cells left out of it leave (5, 2, 11).
    doc, parsed = parse(PROVEN.replace("Stalking with fear 5 5 1 11", "Stalking with fear 5 2 11"))
    table = only_table(parsed)
    short = row(table, "Stalking with fear")
    assert cell_values(short) == [None] * len(table.columns)
    line = line_of(doc, "Stalking with fear")
    assert ("error", "missing_cell_unproven", line) in issue_codes(parsed)
    assert table.hierarchy_status == "failed"


def test_short_row_nothing_proves_is_an_error_and_gets_no_values():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Crimes recorded in 2020.

        Offence Jan Feb Mar Total
        Harassment 1 2 3 6
        Stalking 4 5 15
        Malicious communications 1 1 1 3
        """
    )
    table = only_table(parsed)
    line = line_of(doc, "Stalking")
    assert issue_codes(parsed) == [("error", "missing_cell_unproven", line)]
    assert parsed.issues[0].printed_text == doc.lines[line - 1]
    assert table.hierarchy_status == "failed"
    stalking = row(table, "Stalking")
    assert len(stalking.cells) == len(table.columns)
    assert cell_values(stalking) == [None] * len(table.columns)
    cells = table_frames(doc, parsed)["foi_table_cells"]
    mine = cells.filter(cells["row_number"] == stalking.number)
    assert mine.height == len(table.columns)
    assert mine["cell_value"].to_list() == [None] * len(table.columns)
    assert not mine["is_repaired"].any()
    # The other rows keep their printed values.
    assert cell_values(row(table, "Harassment")) == [1, 2, 3, 6]


# --- misprints ----------------------------------------------------------------------------

MISPRINT_BASE = """
    Freedom of Information
    1: Crimes recorded in 2020.

    Offence Jan Feb Mar Total
    HARASSMENT 5 7 9 21
    Harassment 1 2 3 6
    Breach of a restraining order 4 5 6 15
    Grand Total 5 7 9 21
"""


def test_the_unchanged_table_reconciles():
    _, parsed = parse(MISPRINT_BASE)
    assert only_table(parsed).hierarchy_status == "reconciled"
    assert not parsed.issues


@pytest.mark.parametrize(
    ("printed", "changed"),
    [
        ("Breach of a restraining order 4 5 6 15", "Breach of a restraining order 4 6 6 16"),
        ("Breach of a restraining order 4 5 6 15", "Breach of a restraining order 4 5 6 16"),
        ("Grand Total 5 7 9 21", "Grand Total 5 7 8 21"),
    ],
)
def test_a_changed_number_fails_the_totals(printed, changed):
    _, parsed = parse(MISPRINT_BASE.replace(printed, changed))
    table = only_table(parsed)
    assert table.hierarchy_status == "failed"
    errors = [i for i in parsed.issues if i.severity == "error"]
    codes = [i.issue_code for i in errors]
    assert "totals_do_not_reconcile" in codes
    assert all(i.table_id == table.table_id for i in errors)
    # A row whose own cells no longer add up to its Total is named, on its own line.
    numbers = [int(x) for x in changed.split()[-4:]]
    row_disagrees = sum(numbers[:-1]) != numbers[-1]
    assert ("row_total_mismatch" in codes) == row_disagrees
    if row_disagrees:
        (mismatch,) = [i for i in errors if i.issue_code == "row_total_mismatch"]
        assert mismatch.printed_text == changed.strip()
    # Nothing is repaired to make the sums hold.
    assert all(c.status == "printed" for r in table.rows for c in r.cells)


def test_a_total_column_that_does_not_add_up_fails():
    _, parsed = parse(
        """
        Freedom of Information
        4: The number of victims for 2022.

        Jan Feb Mar Grand Total
        VICTIM 1,853 2,038 1,933 5,825
        """
    )
    table = only_table(parsed)
    # 1,853 + 2,038 + 1,933 = 5,824, not the printed 5,825.
    assert table.hierarchy_status == "failed"
    (issue,) = [i for i in parsed.issues if i.severity == "error"]
    assert issue.issue_code == "row_total_mismatch"
    assert issue.printed_text == "VICTIM 1,853 2,038 1,933 5,825"


# --- years of month columns ---------------------------------------------------------------

YEARS = """
    Freedom of Information Request

    1: The number of stalking crimes recorded for 2021.

    Offence Jan Feb Mar Total
    Stalking 1 2 3 6
    Harassment 4 5 6 15

    2: The number of harassment crimes for 2020.

    Offence Jan Feb Total
    Harassment 4 5 9

    3: The number of suspects. Please provide monthly breakdown as per Q1

    Role Jan Feb Total
    Suspect 2 3 5
"""


def test_question_gives_the_year_of_month_columns():
    doc, parsed = parse(YEARS)
    assert [t.question_number for t in parsed.tables] == [1, 2, 3]
    first, second, third = parsed.tables
    assert first.columns[0].period.start == date(2021, 1, 1)  # type: ignore[union-attr]
    assert first.columns[2].period.end == date(2021, 3, 31)  # type: ignore[union-attr]
    assert second.columns[1].period.start == date(2020, 2, 1)  # type: ignore[union-attr]
    assert second.columns[1].period.end == date(2020, 2, 29)  # type: ignore[union-attr]
    # 'as per Q1' takes Q1's year, not the year of the table just before it.
    assert third.columns[0].period.start == date(2021, 1, 1)  # type: ignore[union-attr]
    assert third.question_line == line_of(doc, "3:")
    assert not parsed.issues


def test_month_columns_without_any_year_are_an_error():
    doc, parsed = parse(
        """
        Freedom of Information Request

        1: The number of stalking crimes per month.

        Offence Jan Feb Total
        Stalking 1 2 3
        """
    )
    table = only_table(parsed)
    assert [c.period for c in table.columns] == [None, None, None]
    header = line_of(doc, "Offence Jan")
    assert ("error", "month_without_year", header) in issue_codes(parsed)


# --- what is not a table ------------------------------------------------------------------


def test_prose_lines_ending_in_numbers_are_not_tables():
    doc, parsed = parse(
        """
        Freedom of Information Request

        1: Please provide the number of crimes for 2019.

        The force recorded a total of 1,746 cases over six years, up from 177 in 2013 to 503
        Of the known offenders 554 were male and the number that were female was 24
        Please note that the figures were extracted on 24 October 2019
        """
    )
    assert parsed.tables == []
    kinds = {n: kind for n, (kind, _) in parsed.line_kinds.items()}
    for text in ("The force", "Of the known", "Please note"):
        assert kinds[line_of(doc, text)] == "prose"


def test_prose_after_a_short_heading_is_not_a_table():
    _, parsed = parse(
        """
        Freedom of Information Request

        Summary
        The number of stalking offences recorded in the year to March was 1,204
        Harassment offences recorded by the force over the same period came to 3,456
        """
    )
    assert parsed.tables == []


def test_a_date_line_is_not_a_header():
    assert header_columns("24 October 2019", None) is None
    assert header_columns("24 October 2019", 2019) is None
    doc, parsed = parse(
        """

        24 October 2019

        Freedom of Information Request - Reference No: 20192133

        1: The total number of incidents recorded per calendar year from 2014 - 2019.
        """
    )
    assert parsed.tables == []
    assert parsed.line_kinds[line_of(doc, "24 October 2019")][0] == "prose"


def test_a_letter_heading_with_reference_and_date_is_not_a_table():
    _, parsed = parse(
        """
        Freedom of Information Request
        Our ref: 20192133
        Date: 24 October 2019

        1: The number of stalking crimes for 2019.
        """
    )
    assert parsed.tables == []
