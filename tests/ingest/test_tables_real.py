"""The table parser on the real FOI response 000: every expectation is read from the text.

The test reads the document with its own simple code (trailing runs of numbers, question
lines, header tokens) and checks the parser's tables, rows and cells against it, and checks
the printed sums (group rows, 'Total' columns, 'Grand Total' rows) against the parsed cells.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from ingest.documents import read_document
from ingest.pipeline import load_folder
from ingest.tables import Row, Table, find_tables, unaccounted_numbers

DOCUMENTS = Path(__file__).parents[2] / "tests" / "fixtures" / "shipped"
DOC_PATH = DOCUMENTS / "000_dbe143eee267caba.txt"

ROW_KINDS = {"table_row", "table_group_row", "table_total_row"}
MONTH_ABBRS = [calendar.month_abbr[m] for m in range(1, 13)]
KNOWN_LINE_KINDS = {
    "blank",
    "boilerplate",  # page furniture (cookie banners, navigation), a line kind of its own
    "question",
    "heading",
    "prose",
    "table_header",
    "table_label_part",
    *ROW_KINDS,
}


# --- the test's own reading of the text ---------------------------------------------------


def is_number(token: str) -> bool:
    return re.fullmatch(r"\d[\d,]*", token) is not None


def to_int(token: str) -> int:
    return int(token.replace(",", ""))


def trailing_numbers(line: str) -> list[str]:
    """The run of number tokens that ends the line (labels may contain numbers too)."""
    tokens = line.split()
    start = len(tokens)
    while start > 0 and is_number(tokens[start - 1]):
        start -= 1
    return tokens[start:]


def header_width(header: str) -> int:
    """Columns a header names: month names, years and 'Total' / 'Grand Total'."""
    months = "|".join(MONTH_ABBRS)
    pattern = rf"\b(?:{months})\b|\b(?:19|20)\d\d\b|\b(?:Grand )?Total\b"
    return len(re.findall(pattern, header))


def question_lines(lines: tuple[str, ...]) -> dict[int, int]:
    """question number -> line number, for lines such as '3: The number of ...'."""
    out = {}
    for number, line in enumerate(lines, start=1):
        match = re.match(r"^(\d+):\s", line)
        if match:
            out[int(match.group(1))] = number
    return out


def printed_cells(row: Row) -> list[str]:
    return [c.printed_token for c in row.cells if c.printed_token is not None]


def values(row: Row) -> list[int]:
    assert all(c.value is not None for c in row.cells), row.label
    return [c.value for c in row.cells]  # type: ignore[misc]


def printed_values(row: Row) -> list[int]:
    """The row's cells as printed in the text (a repaired row has a gap; see its own test)."""
    assert len(row.tokens) == len(row.cells), row.label
    return [to_int(t.text) for t in row.tokens]


def column_sum(rows: list[Row]) -> list[int]:
    return [sum(col) for col in zip(*(values(r) for r in rows), strict=True)]


def body(table: Table) -> list[Row]:
    return [r for r in table.rows if r.kind != "total"]


# --- fixtures -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def doc():
    return read_document(DOC_PATH)


@pytest.fixture(scope="module")
def parsed(doc):
    return find_tables(doc)


@pytest.fixture(scope="module")
def row_at(parsed) -> dict[int, tuple[Table, Row]]:
    """values line number -> (table, row)."""
    out = {}
    for table in parsed.tables:
        for row in table.rows:
            assert row.values_line not in out
            out[row.values_line] = (table, row)
    return out


@pytest.fixture(scope="module")
def year(parsed) -> int:
    """The year of the figures, from table 1's header ('2022 No. of Crimes')."""
    years = re.findall(r"\b((?:19|20)\d\d)\b", parsed.tables[0].header_text)
    assert len(years) == 1
    return int(years[0])


@pytest.fixture(scope="module")
def short_line(doc, parsed) -> int:
    """The one line in a table whose number count is one short of its header's."""
    found = []
    for table in parsed.tables:
        width = header_width(table.header_text)
        end = min([q for q in question_lines(doc.lines).values() if q > table.header_line] or [0])
        end = end or len(doc.lines) + 1
        for number in range(table.header_line + 1, end):
            count = len(trailing_numbers(doc.lines[number - 1]))
            if count and count == width - 1:
                found.append(number)
    assert len(found) == 1, found
    return found[0]


# --- tables and questions -----------------------------------------------------------------


def test_five_tables_linked_to_questions_in_order(doc, parsed):
    questions = question_lines(doc.lines)
    assert sorted(questions) == [1, 2, 3, 4, 5]
    assert [t.question_number for t in parsed.tables] == sorted(questions)
    for table in parsed.tables:
        q_line = questions[table.question_number]
        assert table.question_line == q_line
        assert table.question_text == doc.lines[q_line - 1].strip()
        assert q_line < table.header_line <= table.last_line
        later = [n for n in questions.values() if n > q_line]
        if later:
            assert table.last_line < min(later)


def test_hierarchy_status(doc, parsed):
    single = 0
    for table in parsed.tables:
        lines = range(table.header_line + 1, table.last_line + 1)
        printed_rows = [n for n in lines if trailing_numbers(doc.lines[n - 1])]
        if len(printed_rows) == 1:  # one row and no total (table 4): nothing to reconcile
            single += 1
            assert table.hierarchy_status == "flat", table.number
        else:
            assert table.hierarchy_status in {"reconciled", "reconciled_with_repairs"}, (
                table.number,
                table.hierarchy_status,
            )
    assert single == 1


def test_header_widths_match_columns(parsed):
    for table in parsed.tables[1:]:
        assert len(table.columns) == header_width(table.header_text), table.number
    assert len(parsed.tables[0].columns) == 1


# --- every printed number becomes a cell --------------------------------------------------


def test_every_number_on_a_table_line_is_a_cell(doc, parsed, row_at):
    row_lines = sorted(n for n, (kind, _) in parsed.line_kinds.items() if kind in ROW_KINDS)
    assert row_lines == sorted(row_at)
    assert len(row_lines) == sum(len(t.rows) for t in parsed.tables)
    for number in row_lines:
        table, row = row_at[number]
        numbers = trailing_numbers(doc.lines[number - 1])
        assert numbers, number
        assert len(row.cells) == len(table.columns), number
        tokens = printed_cells(row)
        assert tokens == numbers, number
        printed = [c for c in row.cells if c.printed_token is not None]
        assert [c.value for c in printed] == [to_int(t) for t in numbers], number
        assert all(c.line_number == number for c in row.cells)
        if len(numbers) == len(table.columns):
            assert all(c.status == "printed" for c in row.cells), number


def test_repaired_row_prints_a_subsequence(doc, row_at, short_line):
    table, row = row_at[short_line]
    numbers = trailing_numbers(doc.lines[short_line - 1])
    assert len(numbers) == len(table.columns) - 1
    # The printed numbers appear in the row's cells in order, with one cell between.
    cell_values = iter(values(row))
    assert all(any(v == to_int(n) for v in cell_values) for n in numbers)


def test_no_number_line_inside_a_table_is_left_out(doc, parsed, row_at):
    """Any line between a header and its table's end that ends in numbers is a row."""
    for table in parsed.tables:
        for number in range(table.header_line + 1, table.last_line + 1):
            if trailing_numbers(doc.lines[number - 1]):
                assert number in row_at, number
                assert row_at[number][0] is table


# --- the printed sums ---------------------------------------------------------------------


def test_rows_sum_to_their_total_cell(parsed):
    checked = 0
    for table in parsed.tables:
        kinds = [c.kind for c in table.columns]
        if "total" not in kinds:
            continue
        assert kinds.count("total") == 1 and kinds[-1] == "total", table.number
        for row in table.rows:
            cells = values(row)
            assert sum(cells[:-1]) == to_int(row.cells[-1].printed_token), row.values_line
            checked += 1
    assert checked == sum(len(t.rows) for t in parsed.tables[1:])


def test_group_rows_equal_the_sum_of_their_children(parsed):
    groups = 0
    for table in parsed.tables:
        children: dict[int, list[Row]] = defaultdict(list)
        for row in table.rows:
            if row.parent is not None:
                children[row.parent].append(row)
        for row in table.rows:
            if row.kind == "group":
                groups += 1
                assert children[row.number], row.values_line
                assert column_sum(children[row.number]) == printed_values(row), row.values_line
            else:
                assert not children[row.number], row.values_line
    assert groups > 0


def test_grand_totals_equal_the_sum_of_top_level_rows(doc, parsed):
    totals = 0
    for table in parsed.tables:
        top = [r for r in body(table) if r.depth == 0 and r.parent is None]
        for row in table.rows:
            if row.kind == "total":
                totals += 1
                assert column_sum(top) == printed_values(row), row.values_line
    printed = [n for n in doc.lines if n.startswith("Grand Total ") and trailing_numbers(n)]
    assert totals == len(printed) > 0


def test_depths_follow_parents(parsed):
    for table in parsed.tables:
        by_number = {r.number: r for r in table.rows}
        for row in table.rows:
            if row.parent is None:
                assert row.depth == 0
            else:
                parent = by_number[row.parent]
                assert parent.number < row.number
                assert row.depth == parent.depth + 1
                assert row.path == f"{parent.path} > {row.label}"


# --- columns and periods ------------------------------------------------------------------


def test_table_1_is_one_column_of_months(parsed, year):
    table = parsed.tables[0]
    assert len(table.columns) == 1
    assert table.columns[0].kind != "total"
    months = body(table)
    assert [r.label for r in months] == MONTH_ABBRS
    for m, row in enumerate(months, start=1):
        assert row.period is not None
        assert row.period.start == date(year, m, 1)
        assert row.period.end == date(year, m, calendar.monthrange(year, m)[1])
        assert row.period.grain == "month"
    assert table.period is not None
    assert (table.period.start, table.period.end) == (date(year, 1, 1), date(year, 12, 31))


def test_tables_2_to_5_have_twelve_months_and_a_total(parsed, year):
    for table in parsed.tables[1:]:
        assert len(table.columns) == 13, table.number
        for m, column in enumerate(table.columns[:12], start=1):
            assert column.kind == "period"
            assert column.label == MONTH_ABBRS[m - 1]
            assert column.period is not None
            assert column.period.start == date(year, m, 1)
            assert column.period.end == date(year, m, calendar.monthrange(year, m)[1])
            assert column.period.grain == "month"
        assert table.columns[12].kind == "total"
        assert table.columns[12].period is None


# --- the repaired cell --------------------------------------------------------------------


def test_exactly_one_repaired_cell_on_the_short_line(parsed, row_at, short_line):
    repaired = [
        (row, cell)
        for table in parsed.tables
        for row in table.rows
        for cell in row.cells
        if cell.status == "repaired"
    ]
    assert len(repaired) == 1
    row, cell = repaired[0]
    assert row.values_line == short_line
    assert cell.line_number == short_line
    assert cell.printed_token is None
    assert cell.repair_note
    table, _ = row_at[short_line]
    assert table.hierarchy_status == "reconciled_with_repairs"
    others = [t for t in parsed.tables if t is not table]
    assert all(t.hierarchy_status != "reconciled_with_repairs" for t in others)


def test_repaired_value_makes_the_row_sum_to_its_printed_total(doc, row_at, short_line):
    table, row = row_at[short_line]
    numbers = trailing_numbers(doc.lines[short_line - 1])
    cells = values(row)
    assert table.columns[-1].kind == "total"
    assert row.cells[-1].status == "printed"
    assert sum(cells[:-1]) == to_int(numbers[-1])


def test_repaired_row_keeps_its_group_sums(row_at, short_line):
    table, row = row_at[short_line]
    assert row.parent is not None
    parent = next(r for r in table.rows if r.number == row.parent)
    siblings = [r for r in table.rows if r.parent == row.parent]
    assert row in siblings
    assert column_sum(siblings) == printed_values(parent)


def test_repair_issue_names_the_line(doc, parsed, short_line):
    repairs = [i for i in parsed.issues if i.issue_code == "cell_repaired"]
    assert len(repairs) == 1
    issue = repairs[0]
    assert issue.severity == "warning"
    assert issue.line_number == short_line
    assert issue.document_id == doc.document_id
    assert issue.printed_text == doc.lines[short_line - 1]
    assert not [i for i in parsed.issues if i.severity == "error"]


# --- labels -------------------------------------------------------------------------------


def wrapped_labels(doc, parsed) -> dict[int, list[int]]:
    """numbers-only line -> the label-only lines above it (blank lines skipped)."""
    out: dict[int, list[int]] = {}
    for table in parsed.tables:
        for number in range(table.header_line + 1, table.last_line + 1):
            tokens = doc.lines[number - 1].split()
            if not tokens or not all(is_number(t) for t in tokens):
                continue
            above = []
            k = number - 1
            while k > table.header_line:
                text = doc.lines[k - 1]
                if text.strip():
                    if trailing_numbers(text):
                        break
                    above.insert(0, k)
                k -= 1
            out[number] = above
    return out


def test_wrapped_labels_are_joined(doc, parsed, row_at):
    wraps = wrapped_labels(doc, parsed)
    assert wraps, "the document has labels printed above their numbers"
    assert max(len(lines) for lines in wraps.values()) == 2  # one label over two lines
    for values_line, label_lines in wraps.items():
        assert label_lines, values_line
        table, row = row_at[values_line]
        expected = " ".join(" ".join(doc.lines[k - 1] for k in label_lines).split())
        assert row.label == expected
        assert row.label_line == row.first_line == label_lines[0]
        assert row.last_line == values_line
        for k in label_lines:
            assert parsed.line_kinds[k] == ("table_label_part", table.table_id)
    parts = {n for n, (kind, _) in parsed.line_kinds.items() if kind == "table_label_part"}
    assert parts == {k for lines in wraps.values() for k in lines}


def test_dash_is_a_row_label_not_a_cell(doc, row_at):
    dash_lines = [
        n
        for n, line in enumerate(doc.lines, start=1)
        if line.split()[:1] == ["-"] and all(is_number(t) for t in line.split()[1:])
    ]
    assert dash_lines
    for number in dash_lines:
        table, row = row_at[number]
        assert row.label == "-"
        numbers = doc.lines[number - 1].split()[1:]
        assert len(numbers) == len(table.columns)
        assert printed_cells(row) == numbers
        assert "-" not in [c.printed_token for c in row.cells]
        assert all(c.status == "printed" for c in row.cells)


# --- line accounting ----------------------------------------------------------------------


def decoded(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def test_every_line_of_every_document_is_accounted_for():
    frames = load_folder(DOCUMENTS)
    documents = frames["documents"]
    lines = frames["document_lines"]
    paths = sorted(p for p in DOCUMENTS.iterdir() if p.is_file() and not p.name.startswith("."))
    assert documents.height == len(paths)
    assert lines["line_kind"].null_count() == 0
    assert set(lines["line_kind"].to_list()) <= KNOWN_LINE_KINDS
    for path in paths:
        text_lines = decoded(path).splitlines()
        doc_id = documents.filter(documents["file_name"] == path.name)["document_id"].item()
        mine = lines.filter(lines["document_id"] == doc_id).sort("line_number")
        assert mine.height == len(text_lines), path.name
        assert mine["line_number"].to_list() == list(range(1, len(text_lines) + 1))
        for text, raw in zip(mine["line_text"].to_list(), text_lines, strict=True):
            assert text.split() == raw.split(), path.name


# --- the whole folder: counts, the repair's label, nothing unaccounted ----------------------


def test_the_folder_parses_to_five_tables_and_1274_cells_in_000_only():
    counts = {}
    for path in sorted(p for p in DOCUMENTS.iterdir() if p.suffix == ".txt"):
        doc = read_document(path)
        parsed = find_tables(doc)
        cells = sum(len(r.cells) for t in parsed.tables for r in t.rows)
        errors = [i for i in parsed.issues if i.severity == "error"]
        counts[path.name] = (len(parsed.tables), cells, len(errors))
        assert unaccounted_numbers(doc, parsed) == [], path.name
    assert counts.pop(DOC_PATH.name) == (5, 1274, 0)
    assert set(counts.values()) == {(0, 0, 0)}


def test_the_repaired_cell_is_labelled_a_blank_proven_zero(parsed, short_line):
    (cell,) = [c for t in parsed.tables for r in t.rows for c in r.cells if c.status == "repaired"]
    assert cell.line_number == short_line
    assert cell.value == 0
    assert cell.repair_note is not None and cell.repair_note.startswith("blank-proven-zero: ")
