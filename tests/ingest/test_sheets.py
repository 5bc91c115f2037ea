"""Spreadsheets (XLSX, ODS) rendered as lines with every cell located, and the official ONS
tables read from them: stacked headers, column groups and regions proven by the figures,
footnote numbers, area codes that keep two West Midlands apart, the period from the title.

Expected figures are read from the workbooks themselves (fastexcel, or the XLSX's own XML),
never typed."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import fastexcel
import pytest

from ingest.documents import read_document
from ingest.foi import notes, stacked
from ingest.formats import UnreadableFormat
from ingest.formats.sheets import column_letters, render_workbook
from ingest.official import is_official_statistics
from ingest.periods import Period, year_ending
from ingest.pipeline import parse_document
from ingest.tables import find_tables

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
MARCH_2018 = FORMATS / "policeforceareatablesyearendingmarch2018v2.xlsx"
SEPTEMBER_2018 = FORMATS / "policeforceareatablesyearendingsep18corrected.xlsx"
WORKFORCE = FORMATS / "police-workforce-sep19-tables.ods"
WORKBOOKS = [MARCH_2018, SEPTEMBER_2018, WORKFORCE]
ONS_EDITIONS = {
    # the span the issue gives for 'year ending March 2018'; September's likewise
    MARCH_2018: Period(date(2017, 4, 1), date(2018, 3, 31), "financial_year"),
    SEPTEMBER_2018: Period(date(2017, 10, 1), date(2018, 9, 30), "custom"),
}
WEST_MIDLANDS_FORCE, WEST_MIDLANDS_REGION = "E23000014", "E12000005"


def rendered(path: Path):
    return render_workbook(path.read_bytes(), path.suffix[1:])


def library_cells(path: Path) -> dict[tuple[str, int, int], str]:
    """Every non-empty cell as fastexcel itself reads it: (sheet, row, column) -> text."""
    reader = fastexcel.read_excel(path)
    cells = {}
    for name in reader.sheet_names:
        frame = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string").to_polars()
        for c, column in enumerate(frame.columns):
            for r, value in enumerate(frame.get_column(column).to_list()):
                if value is not None and value.strip():
                    cells[(name, r, c)] = value
    return cells


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_every_sheet_and_every_non_empty_cell_is_on_one_line(path: Path):
    out = rendered(path)
    expected = library_cells(path)
    located = [cell for source in out.sources for cell in source.cells]
    assert len(located) == len(expected)
    assert len({cell.locator for cell in located}) == len(located)  # each cell once
    sheets = {source.sheet for source in out.sources}
    assert sheets == set(fastexcel.read_excel(path).sheet_names)
    by_address = {
        f"{sheet}!{column_letters(c)}{r + 1}": text for (sheet, r, c), text in expected.items()
    }
    for line, source in zip(out.lines, out.sources, strict=True):
        for cell in source.cells:
            printed = line[cell.start : cell.end]
            as_stored = " ".join(by_address[cell.locator].split()).replace("|", "\u00a6")
            assert " ".join(printed.split()) == as_stored, cell.locator


def _xlsx_cell(path: Path, sheet: str, address: str) -> str:
    """A cell's stored value from the workbook's own XML (no spreadsheet library)."""
    ns = {
        "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    }
    with zipfile.ZipFile(path) as z:
        book = ElementTree.fromstring(z.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        rel_id = next(
            s.get(f"{{{ns['r']}}}id")
            for s in book.iterfind("m:sheets/m:sheet", ns)
            if s.get("name") == sheet
        )
        target = next(r.get("Target") for r in rels if r.get("Id") == rel_id)
        xml = ElementTree.fromstring(z.read("xl/" + target.lstrip("/").removeprefix("xl/")))
        shared = [
            "".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t"))
            for si in ElementTree.fromstring(z.read("xl/sharedStrings.xml"))
        ]
    cell = next(c for c in xml.iter(f"{{{ns['m']}}}c") if c.get("r") == address)
    value = cell.find("m:v", ns)
    text = value.text if value is not None else ""
    return shared[int(text)] if cell.get("t") == "s" else text


def test_cell_addresses_are_the_workbooks_own():
    """The locator of the West Midlands stalking figure names the cell the XLSX's own XML
    holds that figure in (the issue's example, 'Table P1!I34')."""
    out = rendered(MARCH_2018)
    k = next(i for i, line in enumerate(out.lines) if f"| {WEST_MIDLANDS_FORCE} " in line)
    header = next(i for i, line in enumerate(out.lines) if "Stalking and harassment" in line)
    column = next(
        c.locator for c in out.sources[header].cells if "Stalking" in out.lines[header][c.start :]
    )
    letters = re.match(r".*!([A-Z]+)\d+$", column).group(1)  # type: ignore[union-attr]
    cell = next(c for c in out.sources[k].cells if c.locator.split("!")[1].startswith(letters))
    sheet, address = cell.locator.split("!")
    assert out.lines[k][cell.start : cell.end] == _xlsx_cell(MARCH_2018, sheet, address)
    assert address == f"{letters}{out.sources[k].locator.split()[-1]}"


def _figure_in_workbook(path: Path, code: str, heading: str) -> int:
    """The figure on the row whose first cell is the area code, in the column whose header
    cell starts with the heading, read with fastexcel from Table P1."""
    frame = (
        fastexcel.read_excel(path)
        .load_sheet("Table P1", header_row=None, skip_rows=0, dtypes="string")
        .to_polars()
    )
    rows = list(frame.iter_rows())
    header = next(r for r in rows if any((v or "").startswith(heading) for v in r))
    column = next(i for i, v in enumerate(header) if (v or "").startswith(heading))
    row = next(r for r in rows if (r[0] or "").strip() == code)
    return int(row[column])


def _p1(path: Path):
    doc = read_document(path)
    parsed = find_tables(doc)
    table = next(t for t in parsed.tables if any("Stalking" in c.label for c in t.columns))
    return doc, table


@pytest.mark.parametrize("path", list(ONS_EDITIONS), ids=lambda p: p.name)
def test_table_p1_reads_with_its_groups_proven_by_the_figures(path: Path):
    doc, table = _p1(path)
    assert doc.document_kind == "official_statistics"
    assert table.hierarchy_status == "reconciled"
    assert table.period == ONS_EDITIONS[path]
    by_code = {r.label.split()[0]: r for r in table.rows}
    force, region = by_code[WEST_MIDLANDS_FORCE], by_code[WEST_MIDLANDS_REGION]
    assert force.label.endswith("West Midlands") and region.label.endswith("West Midlands")
    assert force.kind == "detail" and region.kind == "group"
    assert force.parent == region.number
    # The first row (England and Wales) is the total printed first.
    assert table.rows[0].kind == "total"
    stalking = next(c for c in table.columns if c.label == "Stalking and harassment")
    violence = next(c for c in table.columns if c.label == "Violence against the person")
    assert stalking.parent == violence.number
    assert stalking.group == violence.group == "Victim-based crime"
    expected = _figure_in_workbook(path, WEST_MIDLANDS_FORCE, "Stalking and harassment")
    (cell,) = [c for c in force.cells if c.column == stalking.number]
    assert cell.value == expected


def test_two_rows_named_alike_keep_apart_by_their_code():
    frames, _ = parse_document(_p1(MARCH_2018)[0])
    rows = frames["foi_table_rows"]
    labels = [label for label in rows["row_label"].to_list() if label.endswith("West Midlands")]
    assert f"{WEST_MIDLANDS_FORCE} West Midlands" in labels
    assert f"{WEST_MIDLANDS_REGION} West Midlands" in labels


def test_footnote_numbers_glued_to_labels_point_to_numbered_notes():
    printed = notes.numbered_notes(("| a | b |", "5. From the year ending June 2017 ..."))
    assert notes.strip_numbered_marker("Stalking and harassment5", printed, 0) == (
        "Stalking and harassment",
        "5. From the year ending June 2017 ...",
    )
    # A number that is no note, or not glued to a word, stays as printed.
    assert notes.strip_numbered_marker("Stalking and harassment6", printed, 0)[1] is None
    assert notes.strip_numbered_marker("Aged 5", printed, 0)[1] is None


def test_a_header_stacked_over_lines_names_groups_and_columns():
    caption, measure, labels, groups = stacked.compose(
        [
            ["", "Total", "Victim-based", "", "", "Other"],
            ["Code Name", "", "Violence", "Homicide", "Stalking", "Drugs"],
            ["", "Numbers", "", "", "", ""],
        ]
    )
    assert caption == "Code Name" and measure == "Numbers"
    assert labels == ["Total", "Violence", "Homicide", "Stalking", "Drugs"]
    assert groups == [None, "Victim-based", "Victim-based", "Victim-based", "Other"]


def test_a_label_repeated_under_groups_is_named_with_its_group():
    _, _, labels, _ = stacked.compose(
        [
            ["", "Change in 12 months", "", "Change in 6 months", ""],
            ["", "number", "%", "number", "%"],
        ]
    )
    assert labels == [
        "Change in 12 months / number",
        "Change in 12 months / %",
        "Change in 6 months / number",
        "Change in 6 months / %",
    ]


def test_a_label_repeated_under_nested_groups_is_named_with_as_many_as_part_it():
    """Quarters under years under groups: 'Apr - Jun' under '2009' repeats under each group,
    so the name takes the group too; 'Jan - Mar' under '2010' likewise."""
    _, _, labels, _ = stacked.compose(
        [
            ["", "Firings", "", "", "Drive-stuns", "", ""],
            ["", "2009", "", "2010", "2009", "", "2010"],
            ["Force", "Apr - Jun", "Jul - Sep", "Jan - Mar", "Apr - Jun", "Jul - Sep", "Jan - Mar"],
        ]
    )
    assert labels == [
        "Firings / 2009 / Apr - Jun",
        "Firings / 2009 / Jul - Sep",
        "Firings / 2010 / Jan - Mar",
        "Drive-stuns / 2009 / Apr - Jun",
        "Drive-stuns / 2009 / Jul - Sep",
        "Drive-stuns / 2010 / Jan - Mar",
    ]


def test_a_label_repeated_with_no_heading_above_keeps_its_printed_name():
    """'Count' twice under no heading: nothing names the two apart, so both keep 'Count' and
    the header is still read (it used to raise, losing the table)."""
    _, measure, labels, groups = stacked.compose(
        [["Area", "", "", "Stalking"], ["", "Count", "Count", "Total"]]
    )
    assert (measure, labels, groups) == ("Stalking", ["Count", "Count", "Total"], [None] * 3)


def test_a_line_of_years_without_a_label_is_a_header_line_not_a_row():
    lines = (
        "| | Firings | | Drive-stuns | |",
        "| | 2009 | 2010 | 2009 | 2010 |",
        "| Force | Oct - Dec | Jan - Mar | Oct - Dec | Jan - Mar |",
        "| Kent Police | 1 | 7 | 2 | 3 |",
    )
    assert stacked.stacked_header_lines(lines, 0) == ([0, 1, 2], 3)
    # A line of other numbers without a label is no heading: no header is read.
    unlabelled = (lines[0], "| | 12 | 7 | 2 | 3 |", *lines[2:])
    assert stacked.stacked_header_lines(unlabelled, 0) is None


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("number of offences, year ending March 181,2,3", (date(2017, 4, 1), date(2018, 3, 31))),
        ("year ending September 20181,2", (date(2017, 10, 1), date(2018, 9, 30))),
        ("12 months ending December 2019", (date(2019, 1, 1), date(2019, 12, 31))),
        ("year ending March 2017 compared with year ending March 2018", None),
    ],
)
def test_year_ending_is_the_twelve_months_to_that_month(text, span):
    period = year_ending(text)
    assert (period.start, period.end) == span if span else period is None


def test_workforce_tables_load_with_their_cells_located():
    doc = read_document(WORKFORCE)
    frames, _ = parse_document(doc)
    assert doc.document_kind == "official_statistics"
    assert frames["foi_tables"].height >= 13  # Table_1 ... Table_13
    assert frames["foi_table_cells"].height > 0


def test_negative_changes_are_figures_never_counts():
    """The workforce tables print changes over six months ('-31'): every negative whole
    number the workbook holds (as fastexcel reads it) is a cell's figure (cell_decimal),
    none is a count (cell_value), and no row is reported damaged for it."""
    import polars as pl

    negatives = [v for v in library_cells(WORKFORCE).values() if re.match(r"^-\d+$", v.strip())]
    assert len(negatives) > 100
    frames, issues = parse_document(read_document(WORKFORCE))
    cells = frames["foi_table_cells"]
    signed = cells.filter(pl.col("cell_decimal") < 0)
    whole = signed.filter(pl.col("cell_decimal") == pl.col("cell_decimal").round(0))
    assert sorted(whole["printed_token"].to_list()) == sorted(v.strip() for v in negatives)
    assert cells.filter(pl.col("cell_value") < 0).height == 0
    assert not [i for i in issues if i.issue_code == "damaged_number"]


def test_a_signed_number_is_a_figure_only_where_a_pipe_cell_proves_its_sign():
    from decimal import Decimal

    from ingest.foi.tokens import pipe_cells, split_row

    cells = pipe_cells("| Leicestershire | 1891 | 1860 | -31 | -1,204 |")
    assert [c.value for c in cells[1:]] == [1891, 1860, Decimal(-31), Decimal(-1204)]
    # In text a leading dash is a bullet or a dash: '- 17' and '-17' stay as before.
    assert split_row("Stalking - 17")[1][-1].value == 17
    assert [t.value for t in split_row("Aged 16 -18 5")[1]] == [5]
    assert pipe_cells("| Stalking | - 17 |")[1].value is None


def test_a_column_of_changes_does_not_stop_the_rows_reconciling(tmp_path: Path):
    """Regions over their forces, with a change column that goes below zero: the counts
    prove the groups (the region is the sum of its forces, printed first), the changes take
    no part in the sums (a running sum of counts only grows; a change need not)."""
    from ingest.pipeline import parse_path

    text = "\n".join(
        [
            "| Area | March | September | Change |",
            "| East Midlands | 2997 | 2953 | -44 |",  # the sum of the next two rows
            "| Leicestershire | 1891 | 1860 | -31 |",
            "| Lincolnshire | 1106 | 1093 | -13 |",
            "| Wales | 2640 | 2681 | 41 |",
            "| Gwent | 1324 | 1306 | -18 |",
            "| North Wales | 1316 | 1375 | 59 |",
            "| Total | 5637 | 5634 | -3 |",
        ]
    )
    path = tmp_path / "changes.txt"
    path.write_text(text + "\n", encoding="utf-8")
    tables = parse_path(path).frames["foi_tables"]
    assert tables["hierarchy_status"].to_list() == ["reconciled"]


def test_a_period_read_on_one_sheet_does_not_carry_to_the_next(tmp_path: Path):
    """Each sheet starts with a fresh period context: a note on one sheet printing a span
    ('From the year ending June 2017 ...') is not the period of the next sheet's table."""
    import xlsxwriter

    from ingest.pipeline import parse_path

    path = tmp_path / "two_sheets.xlsx"
    book = xlsxwriter.Workbook(path)
    first = book.add_worksheet("Counts")
    first.write_row(0, 0, ["Offence", "Crimes"])
    first.write_row(1, 0, ["Stalking", 120])
    first.write_row(2, 0, ["Harassment", 310])
    first.write(4, 0, "From 1 July 2016 to 30 June 2017 the figures are recorded crimes.")
    second = book.add_worksheet("More")
    second.write_row(0, 0, ["Offence", "Crimes"])
    second.write_row(1, 0, ["Malicious communications", 75])
    second.write_row(2, 0, ["Public order", 48])
    book.close()
    frames = parse_path(path).frames
    tables = frames["foi_tables"].sort("table_number")
    assert tables.height == 2
    # The span printed on the first sheet is no period of the second sheet's table.
    assert tables["period_start"].to_list()[1] is None


@pytest.mark.parametrize("path", list(ONS_EDITIONS), ids=lambda p: p.name)
def test_the_percentage_changes_take_no_period_from_the_sheet_before(path: Path):
    """Table P2 compares two years ('year ending March 2017 compared with year ending March
    2018'): no one period. The notes under Table P1 ('From the year ending June 2017 ...',
    '8. For years ending March 2016 onwards ...') are Table P1's, and must not become Table
    P2's period (nor its question: a numbered note reads like one)."""
    frames, _ = parse_document(read_document(path))
    tables = frames["foi_tables"].join(
        frames["document_line_sources"].rename({"line_number": "header_line_number"}),
        on=["document_id", "header_line_number"],
    )
    p2 = tables.filter(tables["sheet_name"] == "Table P2")
    assert p2.height == 1
    assert p2["period_start"][0] is None


def test_no_text_document_reads_as_official_statistics():
    """The official-statistics wording never changes the kind of a reply or an article."""
    folders = [FORMATS.parents[1] / "corpus" / "real", FORMATS.parent / "shipped"]
    for path in sorted(p for f in folders for p in f.glob("*.txt")):
        lines = read_document(path).lines
        assert not is_official_statistics(lines), path.name
        assert read_document(path).document_kind != "official_statistics", path.name


@pytest.mark.parametrize("data", [b"PK\x03\x04 not really a zip", b"\x00" * 64])
def test_a_corrupt_workbook_is_unreadable(data: bytes):
    with pytest.raises(UnreadableFormat):
        render_workbook(data, "xlsx")
