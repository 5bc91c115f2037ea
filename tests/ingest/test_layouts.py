"""Every FOI table layout the parser reads, each on a small fixture whose printed figures are
the expected cells; and bad inputs, each of which must give a precise issue and lose nothing.

A cell is checked as (row number, row path, column label, period start, period end, grain,
value, status, printed token). Its period is the column's, else the row's, else the
table's, as the warehouse resolves it (int_foi_table_cells__resolved).
"""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from ingest.documents import Document, document_from_text, read_document
from ingest.foi_tables import table_frames
from ingest.issues import Issue
from ingest.periods import Period
from ingest.pipeline import parse_document
from ingest.tables import ParsedTables, Table, find_tables, unaccounted_numbers

CellTuple = tuple[int, str, str, date | None, date | None, str | None, int | None, str, str | None]


def parse(text: str) -> tuple[Document, ParsedTables]:
    doc = document_from_text(textwrap.dedent(text).lstrip("\n"))
    parsed = find_tables(doc)
    assert not unaccounted_numbers(doc, parsed)
    return doc, parsed


def parse_bytes(tmp_path: Path, data: bytes) -> tuple[Document, ParsedTables]:
    path = tmp_path / "document.txt"
    path.write_bytes(data)
    doc = read_document(path)
    parsed = find_tables(doc)
    assert not unaccounted_numbers(doc, parsed)
    return doc, parsed


def only(parsed: ParsedTables) -> Table:
    assert len(parsed.tables) == 1, [t.header_text for t in parsed.tables]
    return parsed.tables[0]


def span(period: Period | None) -> tuple[date | None, date | None, str | None]:
    return (period.start, period.end, period.grain) if period else (None, None, None)


def cells(table: Table) -> list[CellTuple]:
    out = []
    for row in table.rows:
        for cell in row.cells:
            column = table.columns[cell.column - 1]
            period = column.period or row.period or table.period
            start, end, grain = span(period)
            out.append(
                (
                    row.number,
                    row.path,
                    column.label,
                    start,
                    end,
                    grain,
                    cell.value,
                    cell.status,
                    cell.printed_token,
                )
            )
    return out


def line_of(doc: Document, text: str) -> int:
    found = [n for n, line in enumerate(doc.lines, start=1) if line.strip().startswith(text)]
    assert len(found) == 1, (text, found)
    return found[0]


def codes(parsed: ParsedTables) -> list[tuple[str, str, int | None]]:
    return [(i.severity, i.issue_code, i.line_number) for i in parsed.issues]


def year(y: int) -> tuple[date, date, str]:
    return date(y, 1, 1), date(y, 12, 31), "year"


def printed(n: int, path: str, column: str, when: tuple, value: int, token: str | None = None):
    return (n, path, column, *when, value, "printed", token if token is not None else str(value))


# --- columns that are years, quarters, financial years, date ranges, categories -----------


def test_year_columns_without_a_total_column():
    _, parsed = parse(
        """
        Freedom of Information
        1: Stalking offences recorded for 2012 to 2015.

        Offence 2012 2013 2014 2015
        Stalking 1 2 3 4
        Harassment 5 6 7 8
        """
    )
    table = only(parsed)
    assert cells(table) == [
        printed(1, "Stalking", "2012", year(2012), 1),
        printed(1, "Stalking", "2013", year(2013), 2),
        printed(1, "Stalking", "2014", year(2014), 3),
        printed(1, "Stalking", "2015", year(2015), 4),
        printed(2, "Harassment", "2012", year(2012), 5),
        printed(2, "Harassment", "2013", year(2013), 6),
        printed(2, "Harassment", "2014", year(2014), 7),
        printed(2, "Harassment", "2015", year(2015), 8),
    ]
    assert not parsed.issues


def test_quarter_columns_that_carry_their_year_and_a_total_column():
    _, parsed = parse(
        """
        Freedom of Information
        1: Stalking offences per quarter.

        Offence Q1 2020 Q2 2020 Q3 2020 Q4 2020 Total
        Stalking 1 2 3 4 10
        """
    )
    table = only(parsed)
    q = [(date(2020, m, 1), date(2020, m + 2, d), "quarter") for m, d in ((1, 31), (4, 30))]
    q += [(date(2020, 7, 1), date(2020, 9, 30), "quarter")]
    q += [(date(2020, 10, 1), date(2020, 12, 31), "quarter")]
    whole = year(2020)  # the Total column's period is the table's: the four quarters
    assert cells(table) == [
        printed(1, "Stalking", "Q1 2020", q[0], 1),
        printed(1, "Stalking", "Q2 2020", q[1], 2),
        printed(1, "Stalking", "Q3 2020", q[2], 3),
        printed(1, "Stalking", "Q4 2020", q[3], 4),
        printed(1, "Stalking", "Total", whole, 10),
    ]
    assert [c.kind for c in table.columns] == ["period"] * 4 + ["total"]


def test_quarter_columns_take_the_year_of_the_question_and_run_into_the_next():
    _, parsed = parse(
        """
        Freedom of Information
        1: Stalking offences per quarter from July 2020.

        Offence Q3 Q4 Q1
        Stalking 1 2 3
        """
    )
    table = only(parsed)
    assert [span(c.period) for c in table.columns] == [
        (date(2020, 7, 1), date(2020, 9, 30), "quarter"),
        (date(2020, 10, 1), date(2020, 12, 31), "quarter"),
        (date(2021, 1, 1), date(2021, 3, 31), "quarter"),
    ]
    assert [c.value for c in table.rows[0].cells] == [1, 2, 3]


def test_financial_year_columns_in_both_spellings():
    _, parsed = parse(
        """
        Freedom of Information
        1: Stalking offences per financial year.

        Offence 2019/20 2020-21
        Stalking 1,204 987
        """
    )
    table = only(parsed)
    fy19 = (date(2019, 4, 1), date(2020, 3, 31), "financial_year")
    fy20 = (date(2020, 4, 1), date(2021, 3, 31), "financial_year")
    assert cells(table) == [
        printed(1, "Stalking", "2019/20", fy19, 1204, "1,204"),
        printed(1, "Stalking", "2020-21", fy20, 987),
    ]


def test_a_custom_date_range_is_one_column():
    _, parsed = parse(
        """
        Freedom of Information
        1: Stalking offences.

        Offence 01.01.20 - 01.01.21 01.01.21 - 01.01.22
        Stalking 10 12
        Harassment 7 9
        """
    )
    table = only(parsed)
    # The dates are kept as printed (both inclusive): the span is one day over a year.
    first = (date(2020, 1, 1), date(2021, 1, 1), "custom")
    second = (date(2021, 1, 1), date(2022, 1, 1), "custom")
    assert cells(table) == [
        printed(1, "Stalking", "01.01.20 - 01.01.21", first, 10),
        printed(1, "Stalking", "01.01.21 - 01.01.22", second, 12),
        printed(2, "Harassment", "01.01.20 - 01.01.21", first, 7),
        printed(2, "Harassment", "01.01.21 - 01.01.22", second, 9),
    ]


def test_age_bands_are_categories_whose_period_is_the_tables():
    _, parsed = parse(
        """
        Freedom of Information
        1: Victims of stalking by age in 2021.

        Offence Under 18 18-24 25-34 65 and over Total
        Stalking 1 2 3 4 10
        Harassment 5 6 7 8 26
        """
    )
    table = only(parsed)
    assert table.row_caption == "Offence"
    assert [(c.label, c.kind) for c in table.columns] == [
        ("Under 18", "category"),
        ("18-24", "category"),
        ("25-34", "category"),
        ("65 and over", "category"),
        ("Total", "total"),
    ]
    y = year(2021)  # from the question: no column names a period
    assert cells(table)[:5] == [
        printed(1, "Stalking", "Under 18", y, 1),
        printed(1, "Stalking", "18-24", y, 2),
        printed(1, "Stalking", "25-34", y, 3),
        printed(1, "Stalking", "65 and over", y, 4),
        printed(1, "Stalking", "Total", y, 10),
    ]
    assert not parsed.issues


def test_category_words_without_a_total_are_read_but_flagged_as_uncertain():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Victims of stalking by sex in 2021.

        Victim sex Male Female
        Stalking 4 9
        Harassment 3 2
        """
    )
    table = only(parsed)
    assert [c.label for c in table.columns] == ["Male", "Female"]
    assert table.row_caption == "Victim sex"
    assert [c.value for c in table.rows[1].cells] == [3, 2]
    # Single-spaced words could also be 'Victim' + 'sex Male': the reading is flagged.
    assert codes(parsed) == [("warning", "column_labels_uncertain", line_of(doc, "Victim sex"))]


def test_category_header_spaced_into_columns_is_certain():
    _, parsed = parse(
        """
        Freedom of Information
        1: Offences by setting in 2021.

        Offence      Domestic abuse   Not domestic
        Stalking 4 9
        Harassment 3 2
        """
    )
    table = only(parsed)
    assert table.row_caption == "Offence"
    assert [c.label for c in table.columns] == ["Domestic abuse", "Not domestic"]
    assert not parsed.issues


# --- headers over two lines, and headers that name the measure ------------------------------


def test_header_continued_by_a_caption_and_a_total_column():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Stalking offences in 2019 and 2020.

        Offence 2019 2020
        Description Total
        Stalking 1 2 3
        Harassment 5 6 11
        """
    )
    table = only(parsed)
    assert table.row_caption == "Offence Description"
    assert table.header_lines == (line_of(doc, "Offence"), line_of(doc, "Description"))
    assert [c.label for c in table.columns] == ["2019", "2020", "Total"]
    assert [c.value for c in table.rows[1].cells] == [5, 6, 11]
    assert parsed.line_kinds[line_of(doc, "Description")][0] == "table_header"


def test_month_names_over_the_years_they_belong_to():
    _, parsed = parse(
        """
        Freedom of Information
        1: Stalking offences over the winter.

        Offence Nov Dec Jan Total
                2019 2019 2020
        Stalking 1 2 3 6
        """
    )
    table = only(parsed)
    assert [(c.label, span(c.period)) for c in table.columns] == [
        ("Nov 2019", (date(2019, 11, 1), date(2019, 11, 30), "month")),
        ("Dec 2019", (date(2019, 12, 1), date(2019, 12, 31), "month")),
        ("Jan 2020", (date(2020, 1, 1), date(2020, 1, 31), "month")),
        ("Total", (None, None, None)),
    ]
    assert cells(table)[-1] == (
        1,
        "Stalking",
        "Total",
        date(2019, 11, 1),
        date(2020, 1, 31),
        "custom",
        6,
        "printed",
        "6",
    )


def test_years_over_the_months_they_span():
    _, parsed = parse(
        """
        Freedom of Information
        1: Stalking offences.

        2019 2020
        Offence Nov Dec Jan Feb
        Stalking 1 2 3 4
        """
    )
    table = only(parsed)
    assert [c.label for c in table.columns] == ["2019 Nov", "2019 Dec", "2020 Jan", "2020 Feb"]
    assert span(table.columns[2].period) == (date(2020, 1, 1), date(2020, 1, 31), "month")
    assert table.row_caption == "Offence"


def test_a_header_naming_the_measure_with_a_starred_footnote():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Stalking charges per year.

        Year Charges*
        2015 120
        2016 1,130

        * Charges include postal requisitions.
        """
    )
    table = only(parsed)
    assert (table.row_caption, table.measure_label) == ("Year", "Charges*")
    (column,) = table.columns
    assert column.label == "Charges*"
    assert column.note == "Charges include postal requisitions."
    assert cells(table) == [
        printed(1, "2015", "Charges*", year(2015), 120),
        printed(2, "2016", "Charges*", year(2016), 1130, "1,130"),
    ]
    # The footnote's star is no cell, and its line is no table line.
    footnote = line_of(doc, "* Charges")
    assert parsed.line_kinds.get(footnote, ("prose", None))[0] == "prose"
    frame = table_frames(doc, parsed)["foi_table_columns"]
    assert frame.columns[-1] == "column_note"
    assert frame["column_note"].to_list() == ["Charges include postal requisitions."]


def test_measure_first_then_the_period_word():
    _, parsed = parse(
        """
        Freedom of Information
        1: Stalking crimes per year.

        Crimes Year
        2018 77
        2019 80
        """
    )
    table = only(parsed)
    assert (table.row_caption, table.measure_label) == ("Year", "Crimes")
    assert [c.label for c in table.columns] == ["Crimes"]
    assert [r.cells[0].value for r in table.rows] == [77, 80]


def test_a_star_with_no_footnote_is_reported():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Stalking charges per year.

        Year Charges*
        2015 120
        2016 130
        """
    )
    assert only(parsed).columns[0].note is None
    assert codes(parsed) == [("info", "footnote_not_found", line_of(doc, "Year"))]


# --- row labels ----------------------------------------------------------------------------


def test_home_office_codes_repeated_wrapped_and_punctuated_labels():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Crimes by Home Office code.

        HO code 2019 2020 Total
        08/65 1 2 3
        195/12 4 5 9
        08/65 1 1 2
        Harassment of a person in
        their home, including
        by letter
        7 8 15
        Stalking: 2 3 5
        Malicious communications. 0 1 1
        Grand Total 15 20 35
        """
    )
    table = only(parsed)
    assert [(r.number, r.label) for r in table.rows] == [
        (1, "08/65"),
        (2, "195/12"),
        (3, "08/65"),  # the same code twice: both rows kept, told apart by number
        (4, "Harassment of a person in their home, including by letter"),
        (5, "Stalking"),  # the colon before the numbers separates, it is not label text
        (6, "Malicious communications."),
        (7, "Grand Total"),
    ]
    assert [c.value for c in table.rows[0].cells] == [1, 2, 3]
    assert [c.value for c in table.rows[2].cells] == [1, 1, 2]
    wrapped = table.rows[3]
    assert (wrapped.first_line, wrapped.values_line) == (
        line_of(doc, "Harassment of"),
        line_of(doc, "7 8 15"),
    )
    assert parsed.line_kinds[line_of(doc, "their home")][0] == "table_label_part"
    assert table.hierarchy_status == "reconciled"
    # Both rows load, and the second is flagged: a reader cannot tell the two apart.
    assert [(i.severity, i.issue_code, i.line_number) for i in parsed.issues] == [
        ("warning", "duplicate_row_label", line_of(doc, "08/65 1 1 2"))
    ]


# --- suppressed, missing and blank cells ---------------------------------------------------


def test_suppression_markers_are_suppressed_cells_never_zero():
    _, parsed = parse(
        """
        Freedom of Information
        1: Crimes in 2020.

        Offence Q1 Q2 Q3 Q4 Total
        Stalking * 5 6 n/a 11
        Harassment <5 .. < 5 - 12
        - 1 2 3 4 10
        """
    )
    table = only(parsed)
    statuses = [[(c.printed_token, c.value, c.status) for c in r.cells] for r in table.rows]
    assert statuses[0] == [
        ("*", None, "suppressed"),
        ("5", 5, "printed"),
        ("6", 6, "printed"),
        ("n/a", None, "suppressed"),
        ("11", 11, "printed"),
    ]
    assert statuses[1] == [
        ("<5", None, "suppressed"),
        ("..", None, "suppressed"),
        ("< 5", None, "suppressed"),
        ("-", None, "suppressed"),
        ("12", 12, "printed"),
    ]
    # A '-' alone before the numbers is the row's label (no outcome recorded), not a cell.
    assert table.rows[2].label == "-"
    assert [c.value for c in table.rows[2].cells] == [1, 2, 3, 4, 10]
    assert not [i for i in parsed.issues if i.severity == "error"]


def test_a_row_of_markers_only_is_a_row():
    _, parsed = parse(
        """
        Freedom of Information
        1: Crimes per year.

        Offence 2019 2020
        Stalking 4 5
        Harassment * *
        Malicious communications 6 7
        """
    )
    table = only(parsed)
    assert [r.label for r in table.rows] == ["Stalking", "Harassment", "Malicious communications"]
    assert [c.status for c in table.rows[1].cells] == ["suppressed", "suppressed"]


def test_a_blank_cell_the_totals_prove_zero_is_a_labelled_repair():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Crimes in 2020.

        Offence Q1 Q2 Q3 Q4 Total
        Stalking 5 6 7 18
        Harassment 1 2 3 4 10
        Grand Total 6 8 10 4 28
        """
    )
    table = only(parsed)
    line = line_of(doc, "Stalking")
    q4 = (date(2020, 10, 1), date(2020, 12, 31), "quarter")
    assert cells(table)[3] == (1, "Stalking", "Q4", *q4, 0, "repaired", None)
    note = table.rows[0].cells[3].repair_note
    assert note is not None and note.startswith("blank-proven-zero: ")
    assert codes(parsed) == [("warning", "cell_repaired", line)]
    assert table.hierarchy_status == "reconciled_with_repairs"


def test_a_missing_cell_no_total_proves_gets_no_value():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Crimes in 2020.

        Offence Q1 Q2 Q3 Q4 Total
        Stalking 5 6 7 18
        Harassment 1 2 3 4 10
        """
    )
    table = only(parsed)
    assert [(c.value, c.status) for c in table.rows[0].cells] == [(None, "missing")] * 5
    assert codes(parsed) == [("error", "missing_cell_unproven", line_of(doc, "Stalking"))]


# --- pipe-delimited tables -----------------------------------------------------------------


def test_pipe_table_with_a_blank_cell_the_totals_prove():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Crimes.

        | Offence | 2019 | 2020 | Total |
        |---|---|---|---|
        | STALKING | 3 | 5 | 8 |
        | Stalking | 1 | | 3 |
        | Stalking with fear | 2 | 3 | 5 |
        | Grand Total | 3 | 5 | 8 |
        """
    )
    table = only(parsed)
    assert [r.path for r in table.rows] == [
        "STALKING",
        "STALKING > Stalking",
        "STALKING > Stalking with fear",
        "Grand Total",
    ]
    blank = table.rows[1].cells[1]
    assert (blank.printed_token, blank.value, blank.status) == ("", 2, "repaired")
    assert blank.repair_note and blank.repair_note.startswith("blank-proven: ")
    assert codes(parsed) == [("warning", "cell_repaired", line_of(doc, "| Stalking |"))]


def test_pipe_table_blank_cell_nothing_proves_stays_missing():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Crimes.

        Offence | 2019 | 2020 |
        2019 | 1 | |
        Harassment | 2 | 3 |
        """
    )
    table = only(parsed)
    assert [r.label for r in table.rows] == ["2019", "Harassment"]  # a pipe cell is a label
    assert [(c.printed_token, c.value, c.status) for c in table.rows[0].cells] == [
        ("1", 1, "printed"),
        ("", None, "missing"),
    ]
    assert codes(parsed) == [("warning", "blank_cell", line_of(doc, "2019 |"))]


def test_one_cell_per_line_a_header_cell_then_its_value():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Crimes recorded in 2020.

        Crimes |
        991 |
        """
    )
    table = only(parsed)
    assert cells(table) == [(1, "", "Crimes", *year(2020), 991, "printed", "991")]
    assert parsed.line_kinds[line_of(doc, "Crimes |")][0] == "table_header"
    assert parsed.line_kinds[line_of(doc, "991 |")][0] == "table_row"


def test_one_cell_per_line_with_row_labels():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Crimes.

        Offence |
        2019 |
        2020 |
        Harassment |
        5 |
        1,006 |
        Stalking |
        7 |
        8 |
        """
    )
    table = only(parsed)
    assert table.row_caption == "Offence"
    assert cells(table) == [
        printed(1, "Harassment", "2019", year(2019), 5),
        printed(1, "Harassment", "2020", year(2020), 1006, "1,006"),
        printed(2, "Stalking", "2019", year(2019), 7),
        printed(2, "Stalking", "2020", year(2020), 8),
    ]
    assert [c.line_number for c in table.rows[0].cells] == [
        line_of(doc, "5 |"),
        line_of(doc, "1,006 |"),
    ]


def test_cells_one_per_line_that_fit_no_table_are_an_error():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Crimes.

        Offence |
        Stalking |
        5 |
        6 |
        7 |
        """
    )
    assert parsed.tables == []
    assert codes(parsed) == [("error", "cells_not_arranged", line_of(doc, "Offence |"))]
    assert "5 |" in (parsed.issues[0].printed_text or "")


# --- label : number lists ------------------------------------------------------------------


def test_label_colon_number_list_joins_a_stray_space_only_into_a_valid_number():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Recorded stalking and harassment offences in England and Wales.

        Offences recorded:
        2011 : 77,686
        2012 : 77, 686
        2013: 80,123
        """
    )
    table = only(parsed)
    assert cells(table) == [
        printed(1, "2011", "Offences recorded", year(2011), 77686, "77,686"),
        printed(2, "2012", "Offences recorded", year(2012), 77686, "77, 686"),
        printed(3, "2013", "Offences recorded", year(2013), 80123, "80,123"),
    ]
    assert table.hierarchy_status == "flat"  # years are a series: 2012 is no detail of 2011
    assert codes(parsed) == [("info", "number_with_stray_space", line_of(doc, "2012"))]


def test_a_stray_space_that_makes_no_valid_number_is_not_joined():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Recorded offences.

        Offences recorded:
        2011 : 77,686
        2012 : 77, 68
        """
    )
    table = only(parsed)
    row = table.rows[1]
    assert (row.label, [c.value for c in row.cells]) == ("2012 : 77,", [68])
    assert codes(parsed) == [("warning", "number_read_as_label", line_of(doc, "2012"))]


# --- several tables, tables after prose ----------------------------------------------------


def test_several_tables_under_one_question():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Please provide figures for stalking and harassment for 2019 and 2020.
        Stalking
        Year Crimes
        2019 5
        2020 6
        Harassment
        Year Crimes
        2019 7
        2020 8
        """
    )
    assert [t.question_number for t in parsed.tables] == [1, 1]
    assert [cells(t) for t in parsed.tables] == [
        [printed(1, "2019", "Crimes", year(2019), 5), printed(2, "2020", "Crimes", year(2020), 6)],
        [printed(1, "2019", "Crimes", year(2019), 7), printed(2, "2020", "Crimes", year(2020), 8)],
    ]
    assert [t.header_line for t in parsed.tables] == [
        n for n, line in enumerate(doc.lines, start=1) if line == "Year Crimes"
    ]


def test_a_table_straight_after_prose_and_section_titles_inside_it():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Please provide figures for 2019 and 2020.
        Please find below the number of offences recorded by the force in each year.
        Offence 2019 2020
        Stalking
        Stalking with fear 1 2
        Stalking alarm 3 4
        Harassment
        Harassment 5 6
        """
    )
    first, second = parsed.tables
    assert first.header_line == line_of(doc, "Offence 2019")
    assert first.measure_label == "Stalking"  # the title under the header
    assert [r.label for r in first.rows] == ["Stalking with fear", "Stalking alarm"]
    assert second.measure_label == "Harassment"
    assert [c.label for c in second.columns] == ["2019", "2020"]
    assert cells(second) == [
        printed(1, "Harassment", "2019", year(2019), 5),
        printed(1, "Harassment", "2020", year(2020), 6),
    ]
    title = doc.lines.index("Harassment") + 1
    assert codes(parsed) == [("info", "columns_from_previous_table", title)]


# --- encodings and whitespace --------------------------------------------------------------

WINDOWS_1252 = (
    b"Freedom of Information\r\n"
    b"1: The \x91online\x92 flag \x96 crimes recorded in 2020.\r\n"
    b"\r\n"
    b"Offence\tJan\tFeb\tTotal\r\n"
    b"Stalking \x96 fear\t1,204\xa02\t1,206\r\n"
    b"Harassment\t3\t4\t7\r\n"
)


def test_windows_1252_crlf_tabs_and_non_breaking_spaces(tmp_path):
    doc, parsed = parse_bytes(tmp_path, WINDOWS_1252)
    assert doc.encoding == "cp1252"
    assert "‘online’" in doc.lines[1]
    table = only(parsed)
    jan = (date(2020, 1, 1), date(2020, 1, 31), "month")
    assert cells(table)[:2] == [
        printed(1, "Stalking – fear", "Jan", jan, 1204, "1,204"),
        printed(1, "Stalking – fear", "Feb", (date(2020, 2, 1), date(2020, 2, 29), "month"), 2),
    ]
    assert [c.value for c in table.rows[1].cells] == [3, 4, 7]


def test_utf8_byte_order_mark_and_crlf(tmp_path):
    data = "\ufeffFreedom of Information\r\n1: Crimes for 2021.\r\n\r\nOffence Q1 Q2\r\n"
    data += "Stalking 1 2\r\nHarassment 3 4\r\n"
    doc, parsed = parse_bytes(tmp_path, data.encode("utf-8"))
    assert doc.encoding == "utf-8-bom"
    assert doc.lines[0] == "Freedom of Information"
    table = only(parsed)
    assert [c.value for r in table.rows for c in r.cells] == [1, 2, 3, 4]
    assert table.header_line == 4


# --- bad input: a precise issue, nothing lost ----------------------------------------------


def test_a_header_without_rows():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Crimes.

        Offence 2019 2020

        2: Victims.
        """
    )
    assert codes(parsed) == [("error", "table_without_rows", line_of(doc, "Offence"))]


def test_rows_without_a_header_are_reported_not_guessed():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Crimes.
        Stalking 1 2
        Harassment 3 4
        """
    )
    assert parsed.tables == []
    assert codes(parsed) == [("warning", "rows_without_header", line_of(doc, "Stalking"))]
    assert parsed.issues[0].printed_text == "Stalking 1 2\nHarassment 3 4"


def test_more_numbers_than_columns_are_named_not_dropped():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Crimes.

        Offence 2019 2020
        Stalking 9 1 2
        Harassment 3 4
        """
    )
    table = only(parsed)
    assert table.rows[0].label == "Stalking 9"
    assert [c.value for c in table.rows[0].cells] == [1, 2]
    assert codes(parsed) == [("warning", "number_read_as_label", line_of(doc, "Stalking"))]
    assert "(9)" in parsed.issues[0].message


def test_months_with_a_year_line_that_does_not_fit():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Crimes.

        Offence Jan Feb Mar
        2019 2020
        Stalking 1 2 3
        """
    )
    table = only(parsed)
    assert [c.period for c in table.columns] == [None, None, None]
    header = line_of(doc, "Offence")
    assert ("error", "header_years_do_not_match", header) in codes(parsed)
    assert [c.value for c in table.rows[0].cells] == [1, 2, 3]


@pytest.mark.parametrize(
    "text",
    [
        "Freedom of Information\n",
        "Freedom of Information\n\n|||\n| | |\n1: 2 3\n",
        "Freedom of Information\nOffence 2019 2020\n1 2 3 4 5\n* 1\n- -\n",
        "Freedom of Information\nOffence Jan\n\n\nStalking 1,2,3 4\n",
        "Freedom of Information\nYear |\n2019 |\n|\n",
        "Freedom of Information\n01.01.20 - 31.02.20 2019/21 Q5 2020\nStalking 1 2 3\n",
    ],
)
def test_odd_input_never_raises_and_every_line_has_a_kind(text):
    doc = document_from_text(text)
    parsed = find_tables(doc)
    assert not unaccounted_numbers(doc, parsed)
    frames, _ = parse_document(doc)
    kinds = frames["document_lines"]["line_kind"]
    assert kinds.len() == len(doc.lines) and kinds.null_count() == 0


# --- accounting ----------------------------------------------------------------------------


def test_unaccounted_numbers_names_a_number_that_is_neither_cell_nor_issue():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Crimes.

        Offence 2019 2020
        Stalking 1 2
        Harassment 3 4
        """
    )
    assert unaccounted_numbers(doc, parsed) == []
    # Drop a cell's token, as a parser bug would: the number is then unaccounted for.
    row = parsed.tables[0].rows[1]
    row.cells[1].start = row.cells[1].end = None
    (issue,) = unaccounted_numbers(doc, parsed)
    assert isinstance(issue, Issue)
    assert (issue.severity, issue.issue_code, issue.line_number) == (
        "error",
        "unaccounted_number",
        line_of(doc, "Harassment"),
    )
    assert "'4'" in issue.message and issue.printed_text == "Harassment 3 4"
    # An issue on the line that names the number accounts for it.
    parsed.issues.append(
        Issue(doc.document_id, doc.file_name, issue.line_number, "error", "x", "found 4")
    )
    assert unaccounted_numbers(doc, parsed) == []


def test_label_numbers_and_header_years_are_accounted_for():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Crimes in 2022.

        2022 No. of Crimes
        Breach of Sec 1 (1) act 5
        Stalking 6
        """
    )
    table = only(parsed)
    assert table.measure_label == "No. of Crimes"
    assert unaccounted_numbers(doc, parsed) == []


def test_a_misprinted_number_before_the_values_is_an_error_and_fills_nothing():
    doc, parsed = parse(
        """
        Freedom of Information
        1: Crimes in 2020.

        Offence Q1 Q2 Q3 Q4 Total
        HARASSMENT 9 8 7 6 30
        Harassment 4 3 7 5 19
        Harassment in the home 5z1 5 0 1 11
        Grand Total 9 8 7 6 30
        """
    )
    table = only(parsed)
    row = table.rows[2]
    assert row.label == "Harassment in the home 5z1"
    assert [(c.value, c.status) for c in row.cells] == [(None, "missing")] * 5
    line = line_of(doc, "Harassment in the home")
    assert ("error", "damaged_number", line) in codes(parsed)
    assert all("5z1" in (i.printed_text or "") for i in parsed.issues if i.line_number == line)


def test_pipe_table_with_section_rows_that_print_no_cell():
    _, parsed = parse(
        """
        Freedom of Information
        1: Crimes.

        | Offence | 2019 | 2020 |
        |---|---|---|
        | Stalking | | |
        | Stalking with fear | 1 | 2 |
        | Stalking alarm | 3 | 4 |
        | Harassment | | |
        | Harassment | 5 | 6 |
        """
    )
    first, second = parsed.tables
    assert (first.measure_label, second.measure_label) == ("Stalking", "Harassment")
    assert [c.label for c in second.columns] == ["2019", "2020"]
    assert cells(first)[:2] == [
        printed(1, "Stalking with fear", "2019", year(2019), 1),
        printed(1, "Stalking with fear", "2020", year(2020), 2),
    ]
    assert cells(second)[1] == printed(1, "Harassment", "2020", year(2020), 6)
    assert not [i for i in parsed.issues if i.severity != "info"]


def test_a_parser_failure_is_an_issue_naming_the_line_not_an_exception(monkeypatch):
    import ingest.foi.scan

    def fail(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(ingest.foi.scan, "_read_rows", fail)
    doc = document_from_text(
        "Freedom of Information\n1: Crimes.\nOffence 2019 2020\nStalking 1 2\n"
    )
    parsed = find_tables(doc)
    assert parsed.tables == []
    assert codes(parsed) == [("error", "table_parse_error", 3)]
    assert "simulated bug" in parsed.issues[0].message
    assert all(table_id is None for _, table_id in parsed.line_kinds.values())
