"""The one line classifier (ingest.lines): every parser reads question lines, table lines and
page furniture from it, so the table parser and the request parser agree on every line."""

from __future__ import annotations

import pytest

from ingest import lines
from ingest.documents import document_from_text
from ingest.foi_requests import parse_foi_request
from ingest.tables import find_tables

# Questions printed in the three forms real replies use: 'Q1:' with punctuation, 'Q2' with
# none, 'Question 3 -'. Each is followed by its own table.
REPLY = """Freedom of Information request
Your request and our response are below.

Q1: How many stalking crimes were recorded in 2020 and 2021?
Offence 2020 2021
Stalking 12 15
Total 12 15

Q2 How many harassment crimes were recorded in 2020 and 2021?
Offence 2020 2021
Harassment 30 41
Total 30 41

Question 3 - How many malicious communications crimes were recorded in 2020 and 2021?
Offence 2020 2021
Malicious communications 7 9
Total 7 9
"""


def test_table_and_request_parsers_agree_on_which_question_each_table_answers() -> None:
    doc = document_from_text(REPLY)
    tables = find_tables(doc).tables
    requests = parse_foi_request(doc)
    asked = {
        row["question_number"]: row["line_number"]
        for row in requests["foi_questions"].iter_rows(named=True)
    }
    assert sorted(asked) == [1, 2, 3]
    # Each table answers the question printed last above its header, in both parsers.
    for table in tables:
        above = max(n for n, line in asked.items() if line < table.header_line)
        assert table.question_number == above
    assert [t.question_number for t in tables] == [1, 2, 3]


@pytest.mark.parametrize(
    ("line", "numbered", "question"),
    [
        # real lines: a numbered question, answers printed 'Q1 – …', a bare numbered answer
        ("1. The total number of stalking allegations that have been received", 1, True),
        ("Q3 – Please find attached (840A_20_attachment.pdf).", 3, True),
        ("3. 2", 3, False),
        # a numbered list item of a year and its figure is not a question
        ("3. 2008 : 107,982", 3, False),
        ("Question 4", 4, False),
        ("Harassment 30 41", None, False),
    ],
)
def test_numbered_lines_and_questions(line: str, numbered: int | None, question: bool) -> None:
    assert lines.question_number(line) == numbered
    assert (lines.question_match(line) is not None) is question


def test_furniture_is_one_kind_for_every_reader() -> None:
    for line in (
        "Skip to content",
        "Back to top",
        "We use some essential cookies to make this work",
    ):
        assert lines.classify_line(line) == "boilerplate"
    doc = document_from_text("Skip to content\n\nStalking and harassment (1808A/21)\n")
    assert doc.title == "Stalking and harassment (1808A/21)"
