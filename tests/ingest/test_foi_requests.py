"""ingest.foi_requests: the request, questions, search method and dates of an FOI response.

Expected values are read from the documents' own text wherever possible (line numbers are
found by searching for the printed words), so the tests say what the text says rather than
repeating what the parser produced.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.documents import Document, document_from_text, read_document
from ingest.foi_requests import (
    SCHEMAS,
    catalogue_conflicts,
    is_table_line,
    parse_foi_request,
    question_grain,
    question_topic,
    scan_dates,
)
from ingest.issues import ISSUE_SCHEMA

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT / "tests" / "fixtures" / "shipped"
FIXTURES = ROOT / "tests" / "fixtures" / "foi_requests"
CATALOGUE = ROOT / "seeds" / "document_catalogue.csv"
FOI_2019 = "001_92a5b072fd8db548.txt"
FOI_2022 = "000_dbe143eee267caba.txt"
QUESTION_LINE = re.compile(r"^(\d+):\s")


# ------------------------------------------------------------------------------ helpers


def doc_named(name: str) -> Document:
    return read_document(DOCUMENTS / name)


def fixture(name: str) -> Document:
    return read_document(FIXTURES / name)


def line_with(doc: Document, words: str) -> int:
    """The 1-based number of the only line containing ``words``."""
    found = [n for n, line in enumerate(doc.lines, start=1) if words in line]
    assert len(found) == 1, f"{words!r} is on lines {found}"
    return found[0]


def question_lines(doc: Document) -> dict[int, int]:
    """{question number: line number} for the '1: …' lines, read directly from the text."""
    found = {}
    for n, line in enumerate(doc.lines, start=1):
        match = QUESTION_LINE.match(line)
        if match:
            found[int(match[1])] = n
    return found


def next_text_line(doc: Document, line_number: int) -> int:
    return next(n for n in range(line_number + 1, len(doc.lines) + 1) if doc.lines[n - 1].strip())


def month_end(year: int, month_name: str) -> date:
    month = list(calendar.month_name).index(month_name)
    return date(year, month, calendar.monthrange(year, month)[1])


def assert_schemas(frames: dict[str, pl.DataFrame]) -> None:
    assert set(frames) == set(SCHEMAS)
    for name, schema in SCHEMAS.items():
        assert dict(frames[name].schema) == schema, name
    assert dict(frames["parse_issues"].schema) == ISSUE_SCHEMA


@pytest.fixture(scope="module")
def foi_2019() -> tuple[Document, dict[str, pl.DataFrame]]:
    doc = doc_named(FOI_2019)
    return doc, parse_foi_request(doc)


@pytest.fixture(scope="module")
def foi_2022() -> tuple[Document, dict[str, pl.DataFrame]]:
    doc = doc_named(FOI_2022)
    return doc, parse_foi_request(doc)


@pytest.fixture(scope="module")
def catalogue() -> pl.DataFrame:
    return pl.read_csv(CATALOGUE, infer_schema=False)


# ------------------------------------------------------------------- 001: the 2019 reply


def test_2019_request_row(foi_2019):
    doc, frames = foi_2019
    assert_schemas(frames)
    request = frames["foi_requests"].row(0, named=True)
    assert frames["foi_requests"].height == 1
    reference_line = line_with(doc, "Reference No")
    assert request["reference_number"] == doc.lines[reference_line - 1].split(":")[-1].strip()
    assert request["reference_line_number"] == reference_line
    # The lone date line at the top of the letter is the response date.
    date_line = next(n for n, line in enumerate(doc.lines, start=1) if line.strip())
    printed = doc.lines[date_line - 1].strip()
    assert request["response_date"] == datetime.strptime(printed, "%d %B %Y").date()
    assert request["response_date_line_number"] == date_line
    assert request["request_date"] is None
    assert request["question_count"] == len(question_lines(doc))
    # The text never names the force, so there is no force name to print.
    assert "Police" not in "\n".join(doc.lines)
    assert request["force_name"] is None


def test_2019_period_comes_from_the_question_words(foi_2019):
    doc, frames = foi_2019
    request = frames["foi_requests"].row(0, named=True)
    q1 = doc.lines[question_lines(doc)[1] - 1]
    years = [int(y) for y in re.findall(r"\b(20\d\d)\b", q1)]
    last_month = re.search(r"until the end of (\w+)", q1)
    assert last_month is not None
    assert request["period_start"] == date(min(years), 1, 1)
    assert request["period_end"] == month_end(max(years), last_month[1])
    assert "until the end of" in request["period_text"]


def test_2019_seven_questions_with_topics_and_grain(foi_2019):
    doc, frames = foi_2019
    questions = frames["foi_questions"].sort("question_number")
    expected = question_lines(doc)
    assert questions["question_number"].to_list() == sorted(expected)
    assert questions.height == 7
    for row in questions.iter_rows(named=True):
        assert row["line_number"] == expected[row["question_number"]]
        assert doc.lines[row["line_number"] - 1].endswith(row["question_text"])
        assert row["period_grain"] == "year"  # every question asks per calendar year / annual
    topics = dict(zip(questions["question_number"], questions["topic"], strict=True))
    assert topics[3] == "suspects_identified"
    assert topics[4] == "victims"
    assert topics[5] == "outcomes"
    assert topics[6] == "court_cases"
    assert topics[7] == "court_verdicts"


def test_2019_question_7_is_not_held_with_its_reason(foi_2019):
    doc, frames = foi_2019
    q7 = frames["foi_questions"].filter(pl.col("question_number") == 7).row(0, named=True)
    heading = next(n for n, line in enumerate(doc.lines, start=1) if line.strip() == "Question 7")
    reason_line = next_text_line(doc, heading)
    assert q7["answer_status"] in {"not_held", "refused"}
    assert q7["answer_reason"] == doc.lines[reason_line - 1].strip()
    assert q7["answer_line_number"] == reason_line
    assert q7["answer_first_line"] <= reason_line <= q7["answer_last_line"]


def test_2019_other_answers_are_in_the_missing_spreadsheet(foi_2019):
    doc, frames = foi_2019
    attachment_line = line_with(doc, "enclosed spreadsheet")
    others = frames["foi_questions"].filter(pl.col("question_number") != 7)
    assert others.height == 6
    assert set(others["answer_status"]) == {"attachment_not_included"}
    assert set(others["answer_line_number"]) == {attachment_line}


def test_2019_two_recording_systems_with_their_ranges(foi_2019):
    doc, frames = foi_2019
    ranges = frames["recording_systems"].filter(pl.col("statement_kind") == "search_range")
    assert ranges.height == 2
    range_lines = [n for n, line in enumerate(doc.lines, start=1) if "Recorded between" in line]
    assert ranges["line_number"].to_list() == range_lines
    previous = 0
    for row in ranges.iter_rows(named=True):
        line = doc.lines[row["line_number"] - 1]
        printed = re.findall(r"\d{2}-[A-Z]{3}-\d{4}", line)
        assert [row["range_start_printed"], row["range_end_printed"]] == printed
        assert row["date_field"] is not None and row["date_field"] in line
        # The system is the one the data was 'recorded on', between this range and the last.
        block = "\n".join(doc.lines[previous : row["line_number"]])
        assert f"recorded on {row['system_name']}" in block
        previous = row["line_number"]
        start = datetime.strptime(printed[0].title(), "%d-%b-%Y").date()
        assert row["range_start"] == start
    assert ranges["system_name"].n_unique() == 2


def test_2019_impossible_range_end_is_kept_with_its_interpretation(foi_2019):
    doc, frames = foi_2019
    bad_line = line_with(doc, "31-SEP-2019")
    connect = (
        frames["recording_systems"].filter(pl.col("line_number") == bad_line).row(0, named=True)
    )
    assert connect["range_end"] is None  # not a real date
    assert connect["range_end_interpreted"] == month_end(2019, "September")
    assert connect["is_interpretation"] is True
    dated = frames["document_dates"].filter(pl.col("printed_text") == "31-SEP-2019")
    row = dated.row(0, named=True)
    assert dated.height == 1
    assert row["line_number"] == bad_line
    assert doc.lines[bad_line - 1][row["char_start"] : row["char_end"]] == "31-SEP-2019"
    assert row["is_valid"] is False and row["parsed_date"] is None
    assert row["interpreted_date"] == month_end(2019, "September")
    assert row["is_interpretation"] is True


def test_2019_cutover_statement_is_data(foi_2019):
    doc, frames = foi_2019
    cutover_line = line_with(doc, "from that date onwards")
    cutovers = frames["recording_systems"].filter(pl.col("statement_kind") == "cutover")
    assert set(cutovers["line_number"]) == {cutover_line}
    by_end = cutovers.filter(pl.col("range_end").is_not_null()).row(0, named=True)
    by_start = cutovers.filter(pl.col("range_start").is_not_null()).row(0, named=True)
    printed_end = re.search(r"up to (\d+)\w\w (\w+) (\d{4})", doc.lines[cutover_line - 1])
    assert printed_end is not None
    last_day = datetime.strptime(" ".join(printed_end.groups()), "%d %B %Y").date()
    assert by_end["range_end"] == last_day
    assert (by_start["range_start"] - last_day).days == 1  # 'from that date onwards'


def test_2019_offence_classes_and_flags(foi_2019):
    doc, frames = foi_2019
    criteria = frames["search_criteria"]
    classes = criteria.filter(pl.col("criterion_kind") == "offence_class")
    printed = set(re.findall(r"^(\d+[A-Z]) –", "\n".join(doc.lines), re.MULTILINE))
    assert set(classes["criterion_code"]) == printed
    assert printed == {"8L", "8M", "8Q"}
    for row in criteria.iter_rows(named=True):
        assert row["criterion_text"] in doc.lines[row["line_number"] - 1]
    flags = criteria.filter(pl.col("criterion_kind") == "flag")
    assert set(flags["criterion_code"]) == {"online"}
    flag_lines = {n for n, line in enumerate(doc.lines, start=1) if "flag = yes" in line}
    assert flag_lines <= set(flags["line_number"])
    definitions = criteria.filter(pl.col("criterion_kind") == "period_definition")
    assert definitions["line_number"].to_list() == [
        n for n, line in enumerate(doc.lines, start=1) if "Recorded between" in line
    ]


def test_2019_exactly_the_two_date_problems(foi_2019):
    doc, frames = foi_2019
    issues = frames["parse_issues"].sort("issue_code")
    assert issues["issue_code"].to_list() == ["contradictory_date_range", "impossible_date"]
    assert set(issues["severity"]) == {"warning"}
    contradiction, impossible = issues.iter_rows(named=True)
    assert impossible["line_number"] == line_with(doc, "31-SEP-2019")
    assert "31-SEP-2019" in impossible["message"]
    assert "30 days" in impossible["message"] and "2019-09-30" in impossible["message"]
    assert impossible["message"].startswith(f"{FOI_2019} line {impossible['line_number']}")
    range_line = line_with(doc, "05-DEC-2014")
    cutover_line = line_with(doc, "from that date onwards")
    assert contradiction["line_number"] == range_line
    assert f"line {range_line}" in contradiction["message"]
    assert f"line {cutover_line}" in contradiction["message"]
    assert "2014-12-05" in contradiction["message"] and "2017-12-05" in contradiction["message"]


def test_2019_dates_carry_their_positions(foi_2019):
    doc, frames = foi_2019
    dates = frames["document_dates"]
    for row in dates.iter_rows(named=True):
        line = doc.lines[row["line_number"] - 1]
        assert line[row["char_start"] : row["char_end"]] == row["printed_text"]
    roles = set(dates["date_role"])
    assert {"response_date", "range_start", "range_end", "cutover", "period_start"} <= roles
    assert {"period_end"} <= roles


# ------------------------------------------------------------------- 000: the 2022 reply


def test_2022_five_questions_each_answered_by_a_table(foi_2022):
    doc, frames = foi_2022
    assert_schemas(frames)
    questions = frames["foi_questions"].sort("question_number")
    expected = question_lines(doc)
    assert questions.height == len(expected) == 5
    assert set(questions["answer_status"]) == {"table"}
    starts = [*questions["line_number"].to_list(), len(doc.lines) + 1]
    for row, next_question in zip(questions.iter_rows(named=True), starts[1:], strict=True):
        assert row["line_number"] == expected[row["question_number"]]
        assert row["line_number"] < row["answer_first_line"] <= row["answer_line_number"]
        assert row["answer_line_number"] <= row["answer_last_line"] < next_question
        assert is_table_line(doc.lines[row["answer_line_number"] - 1])


def test_2022_request_row(foi_2022):
    doc, frames = foi_2022
    request = frames["foi_requests"].row(0, named=True)
    assert request["force_name"] in doc.lines[request["force_name_line_number"] - 1]
    assert request["force_name"].endswith("Police")
    year = int(re.search(r"for (\d{4})", doc.lines[question_lines(doc)[1] - 1])[1])
    assert (request["period_start"], request["period_end"]) == (
        date(year, 1, 1),
        date(year, 12, 31),
    )
    assert request["reference_number"] is None and request["response_date"] is None
    assert frames["parse_issues"].is_empty()
    assert frames["recording_systems"].is_empty()


def test_2022_grains_and_topics(foi_2022):
    _, frames = foi_2022
    questions = frames["foi_questions"].sort("question_number")
    assert questions["period_grain"].to_list()[1:] == ["month"] * 4  # 'monthly breakdown'
    assert questions["topic"].to_list() == [
        "recorded_crimes",
        "offence_breakdown",
        "suspects_identified",
        "victims",
        "outcomes",
    ]
    flags = frames["search_criteria"].filter(pl.col("criterion_kind") == "flag")
    assert flags["criterion_code"].to_list() == ["online"]


# ---------------------------------------------------------------------------- fixtures


def test_malformed_dates_are_reported_and_the_rest_is_kept():
    doc = fixture("malformed_dates.txt")
    frames = parse_foi_request(doc)
    assert_schemas(frames)
    issues = frames["parse_issues"].sort("line_number")
    february = line_with(doc, "30th February")
    month_13 = line_with(doc, "15/13/2021")
    assert issues["line_number"].to_list() == [february, month_13]
    assert set(issues["issue_code"]) == {"impossible_date"}
    assert "28 days" in issues["message"][0]
    assert "not evident" in issues["message"][1]
    dates = frames["document_dates"]
    feb = dates.filter(pl.col("line_number") == february).row(0, named=True)
    assert feb["interpreted_date"] == month_end(2021, "February") and feb["is_interpretation"]
    assert feb["date_role"] == "response_date"
    bad = dates.filter(pl.col("printed_text") == "15/13/2021").row(0, named=True)
    assert bad["interpreted_date"] is None and not bad["is_interpretation"]
    # Everything else is still there.
    request = frames["foi_requests"].row(0, named=True)
    assert request["force_name"] == "Anyshire Constabulary"
    # 'Our Ref: FOI/2021/0457': the reference as printed without the word FOI, as the real
    # corpus's truth gives 'Request Number: FOI/14014' (tests/corpus/README.md).
    assert request["reference_number"] == "2021/0457"
    assert request["response_date"] is None  # the printed one is not a real date
    assert request["response_date_line_number"] == february
    statuses = frames["foi_questions"].sort("question_number")["answer_status"].to_list()
    assert statuses == ["table", "refused"]
    q2 = frames["foi_questions"].filter(pl.col("question_number") == 2).row(0, named=True)
    assert q2["period_inherited_from"] == 1 and q2["period_grain"] == "month"
    assert frames["recording_systems"].height == 1


def test_contradictory_range_is_reported_and_the_rest_is_kept():
    doc = fixture("contradictory_range.txt")
    frames = parse_foi_request(doc)
    assert_schemas(frames)
    issues = frames["parse_issues"]
    assert issues["issue_code"].to_list() == ["contradictory_date_range"]
    range_line = line_with(doc, "01-APR-2015")
    cutover_line = line_with(doc, "from that date onwards")
    assert issues["line_number"].to_list() == [range_line]
    assert f"line {cutover_line}" in issues["message"][0]
    systems = frames["recording_systems"]
    assert systems.filter(pl.col("statement_kind") == "search_range").height == 2
    assert set(systems["system_name"]) == {"ALPHA", "BETA"}
    q1 = frames["foi_questions"].row(0, named=True)
    assert q1["answer_status"] == "table"  # the only question owns the response's table
    assert frames["foi_requests"]["force_name"].to_list() == ["Northshire Police"]


def test_inverted_range_is_contradictory():
    text = "Freedom of Information\n\nRecorded between date 01-JAN-2019 and 31-DEC-2018.\n"
    issues = parse_foi_request(document_from_text(text))["parse_issues"]
    assert issues.filter(pl.col("severity") == "info")["issue_code"].to_list() == [
        "no_questions_found"
    ]
    warnings = issues.filter(pl.col("severity") == "warning")
    assert warnings["issue_code"].to_list() == ["contradictory_date_range"]
    assert warnings["line_number"].to_list() == [3]


@pytest.mark.parametrize(
    "text",
    ["", "\n\n  \n", (FIXTURES / "prose_only.txt").read_text(encoding="utf-8")],
    ids=["empty", "blank", "prose_only"],
)
def test_empty_or_prose_only_text_gives_empty_frames(text):
    frames = parse_foi_request(document_from_text(text))
    assert_schemas(frames)
    assert all(f.is_empty() for f in frames.values())


def test_labelled_answers():
    text = (
        "Greater Anyshire Police\nFreedom of Information Request\n\n"
        "Question 1: How many stalking offences were recorded in 2017?\n"
        "Answer: 1,234\n\n"
        "Question 2: How many suspects were charged in 2017?\n"
        "Answer: This would exceed the cost limit under section 12.\n\n"
        "Question 3: How many victims were there in 2017?\n"
        "A3: We do not hold this information.\n"
    )
    doc = document_from_text(text)
    questions = parse_foi_request(doc)["foi_questions"].sort("question_number")
    assert questions["answer_status"].to_list() == ["text", "refused", "not_held"]
    for row in questions.iter_rows(named=True):
        assert row["answer_reason"] == doc.lines[row["answer_line_number"] - 1]
        assert row["answer_line_number"] == row["line_number"] + 1


def test_unanswered_and_text_answers():
    text = (
        "Freedom of Information Request\n\n"
        "1. How many stalking crimes were recorded in 2021?\n\n"
        "We have decided to publish this information on our website later this year.\n\n"
        "2. How many victims were there in 2021?\n"
    )
    frames = parse_foi_request(document_from_text(text))
    statuses = frames["foi_questions"].sort("question_number")["answer_status"].to_list()
    assert statuses == ["text", "unanswered"]


# --------------------------------------------------------------------------- building blocks


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("24 October 2019", date(2019, 10, 24)),
        ("4th December 2017", date(2017, 12, 4)),
        ("01-JAN-2014", date(2014, 1, 1)),
        ("2019-10-24", date(2019, 10, 24)),
        ("24/10/2019", date(2019, 10, 24)),
        ("October 24, 2019", date(2019, 10, 24)),
    ],
)
def test_date_formats(printed, expected):
    found = scan_dates(f"on {printed}.")
    assert [(f.printed, f.parsed) for f in found] == [(printed, expected)]


def test_impossible_and_unknown_month_dates():
    (sep31,) = scan_dates("31-SEP-2019")
    assert sep31.parsed is None and sep31.interpreted == date(2019, 9, 30)
    (unknown,) = scan_dates("01-XYZ-2019")
    assert unknown.parsed is None and unknown.month is None
    frames = parse_foi_request(document_from_text("Freedom of Information\n\nDate: 01-XYZ-2019\n"))
    warnings = frames["parse_issues"].filter(pl.col("severity") == "warning")
    assert warnings["issue_code"].to_list() == ["unparseable_date"]
    assert warnings["line_number"].to_list() == [3]


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("1: Crimes per calendar year from 2014 – 2019.", date(2014, 1, 1), date(2019, 12, 31)),
        ("1: Outcomes per calendar year from 2014-Sept 2019.", date(2014, 1, 1), date(2019, 9, 30)),
        ("1: Crimes for 2022 data.", date(2022, 1, 1), date(2022, 12, 31)),
        ("1: Crimes in financial year 2019/20.", date(2019, 4, 1), date(2020, 3, 31)),
        ("1: Crimes between 01/04/2018 and 31/03/2019.", date(2018, 4, 1), date(2019, 3, 31)),
        (
            "1: Crimes from 2014 to 2019. For 2019 please provide data until the end of June.",
            date(2014, 1, 1),
            date(2019, 6, 30),
        ),
    ],
)
def test_question_periods(question, start, end):
    frames = parse_foi_request(document_from_text(f"Freedom of Information\n\n{question}\n"))
    row = frames["foi_questions"].row(0, named=True)
    assert (row["period_start"], row["period_end"]) == (start, end)
    for dated in frames["document_dates"].iter_rows(named=True):
        line = question
        assert line[dated["char_start"] : dated["char_end"]] == dated["printed_text"]


def test_topic_and_grain_vocabulary():
    assert question_topic("How many resulted in a guilty verdict?") == "court_verdicts"
    assert question_topic("the outcome of the perpetrator referenced in Q3") == "outcomes"
    assert question_topic("What is your policy?") == "other"
    assert question_grain("Please provide a monthly breakdown") == "month"
    assert question_grain("per calendar year") == "year"
    assert question_grain("in total") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Jan 1,837", True),
        ("Harassment 448 521 420", True),
        ("Offence Jan Feb Mar Apr Total", True),
        ("2011 : 77,686", True),
        ("| Offence | 2019 | 2020 |", True),
        ("Recorded between Statistics date 01-JAN-2014 and 04-DEC-2017.", False),
        ("The number of cases from 2014 – 2019", False),
    ],
)
def test_table_line_rule(line, expected):
    assert is_table_line(line) is expected


# ------------------------------------------------------------------------------ robustness

FRAGMENTS = st.sampled_from(
    [
        "1: How many crimes were recorded from 2014 – 2019?",
        "Q2 Please provide a monthly breakdown as per Q1",
        "Question 3",
        "RESPONSE",
        "Recorded between Statistics date 01-JAN-2014 and 31-SEP-2019.",
        "CMS - up to 4th December 2017 and our new NEW system from that date onwards",
        "recorded on NEW Crime where the online crime flag = yes",
        "8L – HARASSMENT",
        "This information is not held.",
        "Jan 1,837",
        "Offence Jan Feb Mar Total",
        "32/13/2020 and 00-FOO-0000",
        "Reference No:",
        "",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=20))
def test_any_text_parses_without_exceptions(lines):
    frames = parse_foi_request(document_from_text("\n".join(["Freedom of Information", *lines])))
    assert_schemas(frames)
    assert "parser_error" not in frames["parse_issues"]["issue_code"].to_list()


# ------------------------------------------------------------------------------- catalogue


def test_catalogue_has_one_row_per_document(catalogue):
    assert sorted(catalogue["file_name"]) == sorted(p.name for p in DOCUMENTS.glob("*.txt"))
    for row in catalogue.iter_rows(named=True):
        doc = doc_named(row["file_name"])
        assert row["document_kind"] == doc.document_kind
        assert row["publication_date_precision"] in {"day", "year", "unknown"}
        assert (row["publication_date"] is None) == (row["publication_date_precision"] == "unknown")
        if row["publication_date"]:
            date.fromisoformat(row["publication_date"])
        assert row["source"], row["file_name"]
        assert row["force_key"] == "west_midlands"
        if row["title"]:
            assert row["title"] in doc.lines


def test_catalogue_agrees_with_the_2019_text(foi_2019, catalogue):
    _, frames = foi_2019
    assert catalogue_conflicts(frames, catalogue, FOI_2019) == []
    entry = catalogue.filter(pl.col("file_name") == FOI_2019).row(0, named=True)
    request = frames["foi_requests"].row(0, named=True)
    assert entry["publication_date"] == request["response_date"].isoformat()
    assert entry["reference_number"] == request["reference_number"]


def test_catalogue_conflicts_are_reported(foi_2019, catalogue):
    _, frames = foi_2019
    altered = catalogue.with_columns(
        pl.when(pl.col("file_name") == FOI_2019)
        .then(pl.lit("1999-01-01"))
        .otherwise(pl.col("publication_date"))
        .alias("publication_date"),
        pl.when(pl.col("file_name") == FOI_2019)
        .then(pl.lit("0000"))
        .otherwise(pl.col("reference_number"))
        .alias("reference_number"),
    )
    issues = catalogue_conflicts(frames, altered, FOI_2019)
    request = frames["foi_requests"].row(0, named=True)
    assert [i.issue_code for i in issues] == ["catalogue_conflict"] * 2
    assert {i.severity for i in issues} == {"warning"}
    assert [i.line_number for i in issues] == [
        request["response_date_line_number"],
        request["reference_line_number"],
    ]
    assert "1999-01-01" in issues[0].message and "0000" in issues[1].message
    missing = catalogue_conflicts(frames, catalogue.head(0), FOI_2019)
    assert [i.issue_code for i in missing] == ["not_in_catalogue"]


def test_a_letter_head_date_below_page_furniture_is_the_response_date():
    # Lines 1-32 of a reply stored from a document-sharing site (tests/corpus/real,
    # nottinghamshire_002425-15): 'Copied!', 'Full text', '(1)' and blank lines push the
    # letter head's '5 May 2015' to line 26; the truth's response date is 2015-05-05. Only
    # lines with words count towards the letter head, so the date is still in it.
    corpus = ROOT / "tests" / "corpus" / "real"
    source = next(corpus.glob("nottinghamshire_002425-15_*.txt"))
    text = "\n".join(source.read_text(encoding="utf-8").splitlines()[:32]) + "\n"
    doc = document_from_text(text, "reply.txt")
    request = parse_foi_request(doc)["foi_requests"].row(0, named=True)
    assert request["response_date"] == date(2015, 5, 5)
    assert doc.lines[request["response_date_line_number"] - 1].strip() == "5 May 2015"
