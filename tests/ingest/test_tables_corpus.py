"""Tables and lists of figures in real documents: fixtures cut from the annotated corpus
(``tests/corpus/real``), each expectation read from the document's truth file.

A fixture is a run of the document's own lines (the table, plus any line that gives it
context, such as the request's period); the truth cells of that table are moved to the
fixture's line numbers and compared with the parser's cells by value, line, period and
every label that is not itself a period (the README's scoring rule). The last tests parse
every corpus document and check the targets of issue 11 against every truth file.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from ingest.documents import document_from_text, read_document
from ingest.foi.tokens import Token
from ingest.foi_tables import table_frames
from ingest.pipeline import load_folder
from ingest.tables import ParsedTables, find_tables, unaccounted_numbers

CORPUS = Path(__file__).parents[1] / "corpus" / "real"
INCOMPLETE_CODES = {"table_cut_off", "table_emptied", "missing_cell_unproven"}


# --- the test's own reading of the truth -------------------------------------------------


def truth(name: str) -> dict:
    return json.loads((CORPUS / f"{name}.truth.json").read_text(encoding="utf-8"))


def document_lines(name: str) -> list[str]:
    return (CORPUS / name).read_text(encoding="utf-8-sig").splitlines()


def norm(label: str | None) -> str:
    text = (label or "").lower().replace("–", "-").replace("—", "-")
    return " ".join(text.split()).rstrip(":.").strip()


# A label that is itself a period: a year, a financial year, a date or a date range.
PERIOD_LABEL = re.compile(
    r"^(?:\d{4}(?:[/-]\d{2,4})?|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
    r"(?:\s*-\s*\d{1,2}[./]\d{1,2}[./]\d{2,4})?)$"
)


def is_period(label: str) -> bool:
    return bool(PERIOD_LABEL.match(norm(label)))


@dataclass(frozen=True)
class Found:
    """A parsed cell as the scoring rule sees it."""

    line: int
    value: int | Decimal | None
    labels: tuple[str, ...]  # the row path's parts and the column label, normalised
    start: date | None
    end: date | None


def found_cells(parsed: ParsedTables) -> list[Found]:
    out = []
    for table in parsed.tables:
        for row in table.rows:
            for cell in row.cells:
                column = table.columns[cell.column - 1]
                period = column.period or row.period or table.period
                labels = (*(norm(p) for p in row.path.split(" > ")), norm(column.label))
                out.append(
                    Found(
                        cell.line_number,
                        cell.value,
                        labels,
                        period.start if period else None,
                        period.end if period else None,
                    )
                )
    return out


def exact(value: float | None) -> int | Decimal | None:
    """A truth figure as printed: JSON reads '2713.92' as a float, compared exactly as a
    Decimal ('2713.92' == Decimal('2713.9200000000'), never a float sum)."""
    return Decimal(str(value)) if isinstance(value, float) else value


def matches(expected: dict, cell: Found, shift: int = 0) -> bool:
    if cell.line != expected["line"] - shift or cell.value != exact(expected["value"]):
        return False
    wanted = [x for x in [*expected["row"], expected["column"]] if x and not is_period(x)]
    if not all(norm(x) in cell.labels for x in wanted):
        return False
    start, end = expected["period_start"], expected["period_end"]
    if start is not None and (cell.start is None or cell.start.isoformat() != start):
        return False
    return end is None or (cell.end is not None and cell.end.isoformat() == end)


@dataclass
class Fixture:
    name: str
    first: int  # the first line of the document the fixture starts at (1-based)
    text: str
    parsed: ParsedTables

    @property
    def shift(self) -> int:
        return self.first - 1


def cut(name: str, first: int, last: int, context: tuple[int, ...] = ()) -> Fixture:
    """Lines first..last of a corpus document (1-based, inclusive). Context lines (such as
    the request that gives the period) come before; blank lines keep the offsets."""
    lines = document_lines(name)
    kept = [lines[k - 1] for k in range(first, last + 1)]
    above = [lines[k - 1] if k in context else "" for k in range(1, first)]
    text = "\n".join(above + kept) + "\n"
    doc = document_from_text(text)
    return Fixture(name, 1, text, find_tables(doc))


def table_truth(name: str, first_line: int) -> dict:
    return next(t for t in truth(name)["tables"] if t["first_line"] == first_line)


def assert_cells(fixture: Fixture, table: dict, lines: range | None = None) -> None:
    """Every truth cell of the table (on ``lines`` if given) is found right, and no
    parsed cell on those lines answers no truth cell."""
    cells = found_cells(fixture.parsed)
    wanted = [c for c in table["cells"] if lines is None or c["line"] in lines]
    assert wanted
    wrong = [c for c in wanted if not any(matches(c, f, fixture.shift) for f in cells)]
    assert not wrong, wrong
    span = lines or range(table["first_line"], table["last_line"] + 1)
    truth_keys = {(c["line"], exact(c["value"])) for c in table["cells"]}
    extra = [f for f in cells if f.line in span and (f.line, f.value) not in truth_keys]
    assert not extra, extra


def issue_codes(fixture: Fixture) -> list[tuple[str, int | None]]:
    return [(i.issue_code, i.line_number) for i in fixture.parsed.issues]


def no_lost_numbers(fixture: Fixture) -> None:
    doc = document_from_text(fixture.text)
    assert not unaccounted_numbers(doc, find_tables(doc))


# --- one cell per line ----------------------------------------------------------------------

HANSARD = "hansard_2006-06-14_force_area_by_year_one_cell_per_line_pipe.txt"
AVON = "avon-somerset_148235_cyber_crime_fy_one_cell_per_line_sum.txt"
GWENT = "gwent_2025-28532_crime_outcomes_groups.txt"
NORTHUMBRIA_MPS = "northumbria_1408-21_crimes_against_mps_harassment.txt"
CLEVELAND_ARRESTS = "cleveland_429-25_malicious_comms_arrests_table.txt"
HAMPSHIRE = "hampshire_CM-PA-000184-19_coercive_control_wdtk.txt"


def test_pipe_header_over_cells_one_per_line_with_blank_cells_and_page_headings():
    # 'Force area | 1998-99 | ... |' then 'Avon and Somerset' / '|' / '|' / '3' / '|' ...,
    # with the Hansard column headings ('14 Jun 2006 : Column 1315W') between two rows.
    fixture = cut(HANSARD, 3, 120)
    assert_cells(fixture, table_truth(HANSARD, 3), range(3, 120))
    assert len(fixture.parsed.tables) == 1
    no_lost_numbers(fixture)


def test_cells_one_per_line_cut_off_by_the_end_of_the_text():
    fixture = cut(HANSARD, 1, 662)
    table = table_truth(HANSARD, 3)
    assert_cells(fixture, table)
    cut_off = [i for i in fixture.parsed.issues if i.issue_code == "table_cut_off"]
    assert [i.line_number for i in cut_off] == [662]
    assert cut_off[0].table_id == fixture.parsed.tables[0].table_id


def test_cells_apart_by_empty_lines_where_a_blank_cell_leaves_a_wider_gap():
    # '2014/2015' / '' / '2015/2016' ... 'Burglary' / '' / '3' / '' / ' ' / '' / '3'.
    fixture = cut(AVON, 31, 132)
    assert_cells(fixture, table_truth(AVON, 35))
    assert_cells(fixture, table_truth(AVON, 53))
    no_lost_numbers(fixture)


def test_a_blank_template_with_opening_pipes_is_loaded_blank_and_reported():
    # The requester's template: '|' / 'Outcome group |' / 'Adults |' ... every cell '|'.
    fixture = cut(GWENT, 8, 66, context=(9,))
    assert_cells(fixture, table_truth(GWENT, 10))
    assert all(c.value is None for c in found_cells(fixture.parsed))
    codes = issue_codes(fixture)
    assert any(code == "table_emptied" and 10 <= (line or 0) <= 71 for code, line in codes)
    # No grouping is guessed for rows without a figure.
    assert all(" > " not in row.path for row in fixture.parsed.tables[0].rows)


def test_pipe_cells_one_per_line_with_blank_cells_and_the_requests_period():
    # 'Year |' / 'Count |' / '2016 |' / '10 |' ... '2018 |' / '|'; the request runs 'since
    # January 2016 until now (Tuesday 19 October)'.
    fixture = cut(NORTHUMBRIA_MPS, 12, 43, context=(4,))
    assert_cells(fixture, table_truth(NORTHUMBRIA_MPS, 13))
    assert_cells(fixture, table_truth(NORTHUMBRIA_MPS, 30))


def test_opening_pipes_and_a_table_without_header():
    fixture = cut(CLEVELAND_ARRESTS, 13, 55)
    assert_cells(fixture, table_truth(CLEVELAND_ARRESTS, 14))
    assert_cells(fixture, table_truth(CLEVELAND_ARRESTS, 37))


def test_cells_on_consecutive_lines_with_gaps_between_rows_and_a_header_cut_at_the_end():
    fixture = cut(HAMPSHIRE, 75, 118)
    assert_cells(fixture, table_truth(HAMPSHIRE, 79))
    codes = issue_codes(fixture)
    assert ("table_cut_off", 118) in codes


# --- space-delimited tables, lists and flattened tables -----------------------------------

WMP = "wmp_911A-22_domestic_violence_monthly_and_age_gender_tables.txt"
CLARES_LAW = "cleveland_11711_clares_law_disclosure_requests_year_list.txt"
TRAFFIC = "cleveland_9999-18_disclosure_log_multi_traffic_officers_list.txt"
UFO = "nottinghamshire_000915-15_ufo_sightings_area_by_year_flattened_docslib.txt"
NEWS = "news_simpsonmillar_dv_outcomes_15_16_36_forces.txt"
CUSTODY = "norfolk-suffolk_FOI-006860-17_custody_suites_docslib.txt"
BILLS = "cleveland_9317-18_9281-18_9274-18_disclosure_log_multi_facebook.txt"
EXAMPLE = "northumbria_138-21_dog_thefts_requester_whitespace_table_example.txt"


def test_month_rows_printed_as_first_days_under_a_caption_and_total():
    # 'Month Total' over '01/07/2021 7695' ...; the request asks for 01/07/2021 to 01/07/2022.
    fixture = cut(WMP, 21, 39, context=(6,))
    assert_cells(fixture, table_truth(WMP, 24))


def test_age_band_rows_and_a_table_cut_off_after_its_last_row():
    fixture = cut(WMP, 41, 75, context=(6,))
    table = table_truth(WMP, 43)
    assert_cells(fixture, table, range(43, 75))
    assert any(code == "table_cut_off" and line == 75 for code, line in issue_codes(fixture))


def test_a_dash_list_with_a_part_year():
    # '2020 up to 31st January – 59', '2019 – 768', ...
    fixture = cut(CLARES_LAW, 13, 20)
    assert_cells(fixture, table_truth(CLARES_LAW, 14))


def test_a_dash_list_of_counts_at_the_start_of_each_year():
    fixture = cut(TRAFFIC, 9, 18)
    assert_cells(fixture, table_truth(TRAFFIC, 10))


def test_a_table_flattened_onto_one_line():
    fixture = cut(UFO, 27, 29)
    assert_cells(fixture, table_truth(UFO, 29), range(29, 30))
    no_lost_numbers(fixture)


def test_a_table_in_a_news_article_with_years_in_reverse_and_footnote_marks():
    fixture = cut(NEWS, 12, 21)
    assert_cells(fixture, table_truth(NEWS, 16))


def test_a_list_of_named_items_with_one_unit_under_headings():
    fixture = cut(CUSTODY, 23, 45)
    assert_cells(fixture, table_truth(CUSTODY, 25))
    no_lost_numbers(fixture)


def test_a_dash_list_of_sums_of_money_each_dated_in_its_label():
    # 'Hartlepool United vs Gateshead - January 1st 2018 - £2,713.92', '... - £0'
    fixture = cut(BILLS, 10, 16)
    table = table_truth(BILLS, 12)
    assert_cells(fixture, table)
    # Exact decimals, held apart from the whole counts: a sum of money is never a count.
    frame = table_frames(document_from_text(fixture.text), fixture.parsed)["foi_table_cells"]
    assert frame["cell_value"].to_list() == [None] * len(table["cells"])
    assert frame["cell_decimal"].to_list() == [exact(c["value"]) for c in table["cells"]]


def test_figures_printed_with_decimals_are_exact_values():
    # The requester's example row '547cb8a7    2021-01-24  12:05   -2.509930   51.410873   ...'
    line = document_lines(EXAMPLE)[15]
    printed = {Token(w, 0, len(w)).value for w in line.split()} - {None}
    truth_cells = [c for c in table_truth(EXAMPLE, 12)["cells"] if c["line"] == 16]
    assert printed == {exact(c["value"]) for c in truth_cells}
    assert all(isinstance(v, Decimal) for v in printed)


def test_a_table_aligned_with_wide_gaps_with_columns_of_text_among_its_figures():
    # 'Crime ID    Date        Time    Longitude   Latitude    Location Type' over rows whose
    # dates, times and place types are text: only the coordinates are figures.
    fixture = cut(EXAMPLE, 12, 16)
    assert_cells(fixture, table_truth(EXAMPLE, 12))
    no_lost_numbers(fixture)
    assert ("aligned_text_columns", 14) in issue_codes(fixture)


# --- numbers that are not figures, and tables whose figures are lost ----------------------


@pytest.mark.parametrize(
    ("name", "first", "last"),
    [
        ("wmp_1976-20_controlling_coercive_s12.txt", 1, 26),  # 'a. 2016' / 'b. 2017'
        ("staffordshire_FOI-4505_arrests_hanley_attachment_docest.txt", 1, 6),  # phone numbers
        ("south-yorkshire_20171967_crimes_over_christmas_spreadsheet_ncnd.txt", 28, 35),
        ("hampshire_CM-PA-000829-21_dog_thefts_s12_wdtk_pdf.txt", 10, 29),  # 'Telephone 101'
        ("nottinghamshire_002425-15_assaults_special_constables_s12_1library.txt", 6, 17),
    ],
)
def test_years_sections_telephone_numbers_and_references_are_not_figures(name, first, last):
    assert not any(t["cells"] for t in truth(name)["tables"])
    fixture = cut(name, first, last)
    assert found_cells(fixture.parsed) == []


def test_a_table_skeleton_whose_figures_were_lost_is_reported():
    name = "cleveland_11177_cyber_crime_2019.txt"
    table = truth(name)["tables"][0]
    assert not table["complete"] and not table["cells"]
    fixture = cut(name, 15, 56)
    lines = [line for code, line in issue_codes(fixture) if code == "table_emptied"]
    assert any(table["first_line"] <= (line or 0) <= table["last_line"] + 5 for line in lines)


# --- every corpus document against every truth file ---------------------------------------


@pytest.fixture(scope="module")
def corpus_frames(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pl.DataFrame]:
    folder = tmp_path_factory.mktemp("corpus")
    for path in CORPUS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return load_folder(folder, catalogue_path=None)


def corpus_cells(frames: dict[str, pl.DataFrame]) -> dict[str, list[Found]]:
    docs = frames["documents"].select("document_id", "file_name")
    rows = frames["foi_table_rows"].select(
        "table_id",
        "row_number",
        "row_path",
        pl.col("period_start").alias("row_start"),
        pl.col("period_end").alias("row_end"),
    )
    columns = frames["foi_table_columns"].select(
        "table_id",
        "column_number",
        "column_label",
        pl.col("period_start").alias("col_start"),
        pl.col("period_end").alias("col_end"),
    )
    tables = frames["foi_tables"].select(
        "table_id", pl.col("period_start").alias("t_start"), pl.col("period_end").alias("t_end")
    )
    joined = (
        frames["foi_table_cells"]
        .join(docs, on="document_id")
        .join(rows, on=["table_id", "row_number"])
        .join(columns, on=["table_id", "column_number"])
        .join(tables, on="table_id")
    )
    out: dict[str, list[Found]] = {}
    for r in joined.iter_rows(named=True):
        labels = tuple(norm(p) for p in (r["row_path"] or "").split(" > "))
        start = r["col_start"] or r["row_start"] or r["t_start"]
        end = r["col_end"] or r["row_end"] or r["t_end"]
        figure = r["cell_value"] if r["cell_value"] is not None else r["cell_decimal"]
        out.setdefault(r["file_name"], []).append(
            Found(r["line_number"], figure, (*labels, norm(r["column_label"])), start, end)
        )
    return out


def corpus_score(frames: dict[str, pl.DataFrame]) -> dict[str, int]:
    cells = corpus_cells(frames)
    issues = frames["parse_issues"]
    score = {"figures": 0, "right": 0, "invented": 0, "incomplete": 0, "reported": 0}
    for path in sorted(CORPUS.glob("*.truth.json")):
        t = json.loads(path.read_text(encoding="utf-8"))
        found = cells.get(t["file"], [])
        keys = set()
        for table in t["tables"]:
            for c in table["cells"]:
                keys.add((c["line"], exact(c["value"])))
                if c["value"] is None:
                    continue  # a blank cell is not a figure
                score["figures"] += 1
                score["right"] += any(matches(c, f) for f in found)
            if not table["complete"]:
                score["incomplete"] += 1
                lines = issues.filter(
                    (pl.col("file_name") == t["file"])
                    & pl.col("issue_code").is_in(INCOMPLETE_CODES)
                )["line_number"].to_list()
                low, high = table["first_line"], table["last_line"] + 5
                score["reported"] += any(x is not None and low <= x <= high for x in lines)
        score["invented"] += sum(
            1 for f in found if f.value is not None and (f.line, f.value) not in keys
        )
    return score


def test_no_figure_is_invented_and_every_incomplete_table_is_reported(corpus_frames):
    score = corpus_score(corpus_frames)
    assert score["incomplete"] >= 5
    assert score["reported"] == score["incomplete"]
    assert score["invented"] == 0


def test_nearly_every_table_figure_of_the_corpus_is_right(corpus_frames):
    score = corpus_score(corpus_frames)
    assert score["figures"] == 405
    assert score["right"] / score["figures"] >= 0.97


def test_at_least_98_percent_of_table_figures_are_right(corpus_frames):
    score = corpus_score(corpus_frames)
    assert score["right"] / score["figures"] >= 0.98


def test_every_corpus_document_parses_without_a_table_parse_error():
    for path in sorted(CORPUS.glob("*.txt")):
        doc = read_document(path)
        parsed = find_tables(doc)
        assert not [i for i in parsed.issues if i.issue_code == "table_parse_error"], path.name


def test_a_row_label_printed_twice_in_one_table_is_flagged():
    # The age bands repeat once per (lost) gender block: '+75 20' (line 44), '+75 991' (52).
    fixture = cut(WMP, 41, 60, context=(6,))
    table = table_truth(WMP, 43)
    twice = [c["line"] for c in table["cells"] if c["row"] == ["+75"]]
    assert twice[:2] == [44, 52]
    assert ("duplicate_row_label", 52) in issue_codes(fixture)
    assert ("duplicate_row_label", 44) not in issue_codes(fixture)


@pytest.mark.parametrize(
    ("name", "first", "last", "context", "table_line"),
    [
        (AVON, 31, 132, (), 53),  # a 'Sum:' row is the table's total
        (WMP, 21, 39, (6,), 24),  # 'Month Total' heads the figures, it sums no other column
        (HAMPSHIRE, 75, 93, (), 79),
    ],
)
def test_totals_are_the_rows_and_columns_the_truth_marks(name, first, last, context, table_line):
    fixture = cut(name, first, last, context)
    table = table_truth(name, table_line)
    totals = {}
    for parsed in fixture.parsed.tables:
        for row in parsed.rows:
            for cell in row.cells:
                column = parsed.columns[cell.column - 1]
                totals[(cell.line_number, cell.value)] = (
                    row.kind == "total" or column.kind == "total"
                )
    expected = {(c["line"], c["value"]): c["is_total"] for c in table["cells"]}
    assert {k: totals.get(k) for k in expected} == expected


# Lines quoted in issue 11 from real replies of the wider set (not in this corpus).
@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["3. 2008 : 107,982", "4. 2009 : 100,000"], [("2008", 107982), ("2009", 100000)]),
        (["2009 – 16 crimes", "2010 – 20 crimes"], [("2009", 16), ("2010", 20)]),
        (
            ["2019 – 17", "2020 up to 31st January – 59"],
            [("2019", 17), ("2020 up to 31st January", 59)],
        ),
        (["2016 – no information held", "2017 – 12"], [("2016", None), ("2017", 12)]),
    ],
)
def test_lists_with_or_without_numbering_units_part_years_and_words(lines, expected):
    text = "\n".join(["Freedom of Information", "Q1 How many crimes were recorded?", *lines])
    parsed = find_tables(document_from_text(text + "\n"))
    assert [(r.label, r.cells[0].value) for t in parsed.tables for r in t.rows] == expected
    printed = [c.printed_token for t in parsed.tables for r in t.rows for c in r.cells]
    assert printed == [
        line.rsplit(" – ", 1)[-1].rsplit(": ", 1)[-1].split(" crimes")[0] for line in lines
    ]


@pytest.mark.parametrize("measure", ["Crimes", "Charges*"])
def test_a_measure_and_year_caption_over_the_header_is_one_header(measure):
    # Quoted in issue 11: 'Crimes Year' / 'Home Office Code 2012 2013 2014 2015' was read
    # as two tables, the first empty.
    text = "\n".join(
        [
            "Freedom of Information",
            "1. How many crimes?",
            f"{measure} Year",
            "Home Office Code 2012 2013 2014 2015",
            "08/65 1 2 3 4",
            "195/12 5 6 7 8",
        ]
    )
    parsed = find_tables(document_from_text(text + "\n"))
    [table] = parsed.tables
    assert table.header_lines == (3, 4)
    assert table.measure_label == measure
    assert table.row_caption == "Home Office Code"
    assert [c.label for c in table.columns] == ["2012", "2013", "2014", "2015"]
    assert [(r.label, [c.value for c in r.cells]) for r in table.rows] == [
        ("08/65", [1, 2, 3, 4]),
        ("195/12", [5, 6, 7, 8]),
    ]
    assert not parsed.issues


def test_cells_one_per_line_ending_inside_a_row_report_it_and_invent_nothing():
    # The Avon table cut after Robbery's first cell (line 95), with the document's next
    # paragraph (line 133) straight after: Robbery's other cells cannot be placed.
    lines = document_lines(AVON)
    text = "\n".join([*([""] * 52), *lines[52:96], "", "", "", lines[132]]) + "\n"
    parsed = find_tables(document_from_text(text))
    fixture = Fixture(AVON, 1, text, parsed)
    assert_cells(fixture, table_truth(AVON, 53), range(53, 93))
    assert ("missing_cell_unproven", 95) in issue_codes(fixture)
    robbery = [r for t in parsed.tables for r in t.rows if r.label == "Robbery"]
    assert [c.value for r in robbery for c in r.cells] == [None, None, None]


def test_a_sign_off_under_a_complete_table_is_not_a_cut_off():
    # The traffic officers list is complete (truth) and has no total to prove it; with a
    # two-word sign-off straight after it at the end of the text it stays complete. The WMP
    # age-band table, whose text stops at the start of another row ('-18'), is the cut-off
    # case (tested above).
    assert table_truth(TRAFFIC, 10)["complete"]
    lines = document_lines(TRAFFIC)[:17]
    signed = find_tables(document_from_text("\n".join([*lines, "Yours sincerely"]) + "\n"))
    assert [t.hierarchy_status for t in signed.tables] == ["flat"]
    assert not [i for i in signed.issues if i.issue_code == "table_cut_off"]


def test_a_financial_year_caption_over_the_header_names_no_measure():
    text = "\n".join(
        [
            "Freedom of Information",
            "1. How many crimes?",
            "Financial Year",
            "Offence 2019/20 2020/21",
            "Stalking 1 2",
            "Harassment 3 4",
        ]
    )
    [table] = find_tables(document_from_text(text + "\n")).tables
    assert table.header_lines == (3, 4)
    assert table.measure_label is None
    assert [c.period.start.isoformat() for c in table.columns if c.period] == [
        "2019-04-01",
        "2020-04-01",
    ]
