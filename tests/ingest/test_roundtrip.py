"""Round trips: generated tables, printed in every supported style, parse back to the same
cells; and find_tables / parse_document on arbitrary text never raise and account for
every line and every number.

The generator knows each table's truth (labels, values, columns and their periods), so a
test compares what the parser read with what was printed, in every style:
- space-separated, with thousands separators and without;
- pipe-delimited ('Offence | 2019 | 2020 |'), with or without border pipes and a ruled line;
- one pipe cell per line ('Offence |' / '2019 |' ...), for small flat tables;
- 'label : number' lists under a caption, for one-column tables.
"""

from __future__ import annotations

import calendar
import itertools
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.documents import document_from_text
from ingest.pipeline import parse_document
from ingest.tables import ParsedTables, find_tables, unaccounted_numbers

# Warnings a correct parse may carry: category words a single-spaced header cannot confirm.
# A generated table may print the same label twice: flagged, as in a real document.
EXPECTED_WARNINGS = {"column_labels_uncertain", "duplicate_row_label"}
SETTINGS = settings(
    max_examples=1000,  # x4-6 printings each: several thousand generated tables parsed
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- the truth of a generated table -------------------------------------------------------

Span = tuple[date, date, str]  # period start, end, grain


@dataclass
class Line:
    label: str
    values: list[int]
    is_total: bool = False
    wrap: list[str] = field(default_factory=list)  # label parts printed above the numbers


@dataclass
class Generated:
    question: str  # the question line above the table (gives month columns their year)
    caption: str
    columns: list[str]  # as printed, the Total column included
    periods: list[Span | None]
    rows: list[Line]

    @property
    def width(self) -> int:
        return len(self.columns)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


# --- columns ------------------------------------------------------------------------------

AGE_BANDS = ["Under 18", "18-24", "25-34", "35-44", "45-54", "55-64", "65 and over"]
SEXES = ["Male", "Female", "Unknown"]


@st.composite
def month_columns(draw) -> tuple[str, list[str], list[Span | None]]:
    year = draw(st.integers(2010, 2024))
    first = draw(st.integers(1, 12))
    count = draw(st.integers(2, 12))
    names = calendar.month_abbr if draw(st.booleans()) else calendar.month_name
    labels, spans = [], []
    for k in range(count):
        month, y = (first - 1 + k) % 12 + 1, year + (first - 1 + k) // 12
        labels.append(names[month])
        spans.append((date(y, month, 1), month_end(y, month), "month"))
    return f"1: Crimes recorded per month for {year}.", labels, spans


@st.composite
def year_columns(draw) -> tuple[str, list[str], list[Span | None]]:
    first = draw(st.integers(2005, 2020))
    count = draw(st.integers(1, 5))
    years = range(first, first + count)
    spans = [(date(y, 1, 1), date(y, 12, 31), "year") for y in years]
    return "1: Crimes recorded per year.", [str(y) for y in years], list(spans)


@st.composite
def quarter_columns(draw) -> tuple[str, list[str], list[Span | None]]:
    year = draw(st.integers(2010, 2024))
    first = draw(st.integers(1, 4))
    count = draw(st.integers(2, 4 - first + 1)) if first < 4 else 1
    with_year = draw(st.booleans()) or count == 1
    labels, spans = [], []
    for q in range(first, first + count):
        labels.append(f"Q{q} {year}" if with_year else f"Q{q}")
        spans.append((date(year, 3 * q - 2, 1), month_end(year, 3 * q), "quarter"))
    return f"1: Crimes recorded per quarter of {year}.", labels, spans


@st.composite
def financial_year_columns(draw) -> tuple[str, list[str], list[Span | None]]:
    first = draw(st.integers(2005, 2020))
    count = draw(st.integers(1, 4))
    style = draw(st.sampled_from(["{a}/{b2}", "{a}-{b2}", "{a}/{b}"]))
    labels, spans = [], []
    for a in range(first, first + count):
        labels.append(style.format(a=a, b=a + 1, b2=f"{(a + 1) % 100:02d}"))
        spans.append((date(a, 4, 1), date(a + 1, 3, 31), "financial_year"))
    return "1: Crimes recorded per financial year.", labels, spans


@st.composite
def category_columns(draw) -> tuple[str, list[str], list[Span | None]]:
    pool = draw(st.sampled_from([AGE_BANDS, SEXES]))
    first = draw(st.integers(0, len(pool) - 2))
    count = draw(st.integers(2, len(pool) - first))
    labels = pool[first : first + count]
    return "1: Victims by age and sex in 2021.", labels, [None] * len(labels)


COLUMNS = st.one_of(
    month_columns(), year_columns(), quarter_columns(), financial_year_columns(), category_columns()
)

# --- rows ---------------------------------------------------------------------------------

# Label words: none is a month, a year, a total word, a period word or a sentence ending.
WORDS = [
    "Stalking",
    "HARASSMENT",
    "Harassment",
    "Malicious",
    "communications",
    "Breach",
    "restraining",
    "order",
    "Putting",
    "people",
    "fear",
    "violence",
    "Controlling",
    "coercive",
    "behaviour",
    "Attempted",
    "Sending",
    "letters",
    "distress",
    "Suspect",
    "Charge",
    "Caution",
    "-",
    "–",
    "(victim",
    "support)",
]
CODES = ["08/65", "195/12", "8Q-195/12", "008/01", "08/74"]


@st.composite
def labels(draw) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5))
    if draw(st.integers(0, 4)) == 0:
        words.insert(0, draw(st.sampled_from(CODES)))
    while words and words[-1] in ("-", "–"):
        words.pop()  # a label never ends in a dash: a trailing '-' is a suppressed cell
    words = words or ["Stalking"]
    if words[0] in ("-", "–"):
        words[0] = "Stalking"
    label = " ".join(words)
    return label + "." if draw(st.integers(0, 6)) == 0 else label


@dataclass
class Node:
    label: str
    values: list[int] | None = None
    children: list[Node] = field(default_factory=list)


def trees(width: int, levels: int) -> st.SearchStrategy[list[Node]]:
    leaf = st.builds(Node, labels(), st.lists(st.integers(0, 4000), min_size=width, max_size=width))
    node: st.SearchStrategy[Node] = leaf
    for _ in range(levels - 1):
        group = st.builds(Node, labels(), st.none(), st.lists(node, min_size=1, max_size=3))
        node = st.one_of(leaf, group)
    return st.lists(node, min_size=2, max_size=5)


def flatten(nodes: list[Node], out: list[Line]) -> list[list[int]]:
    """Rows in document order, groups before their details and equal to their sums."""
    sums = []
    for node in nodes:
        line = Line(node.label, [])
        out.append(line)
        if node.children:
            kids = flatten(node.children, out)
            line.values = [sum(col) for col in zip(*kids, strict=True)]
        else:
            line.values = list(node.values or [])
        sums.append(line.values)
    return sums


@st.composite
def tables(draw) -> Generated:
    question, columns, periods = draw(COLUMNS)
    width = len(columns)
    rows: list[Line] = []
    top = flatten(draw(trees(width, draw(st.integers(1, 3)))), rows)
    for line in rows:
        words = line.label.split()
        if draw(st.integers(0, 5)) == 0 and len(words) > 1:
            # The label over two or three lines, its numbers on a line of their own.
            cuts = sorted(draw(st.sets(st.integers(1, len(words) - 1), min_size=1, max_size=2)))
            bounds = [0, *cuts, len(words)]
            line.wrap = [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds)]
    if draw(st.booleans()):
        columns = [*columns, draw(st.sampled_from(["Total", "Grand Total"]))]
        periods = [*periods, None]
        for line in rows:  # the top-level vectors are these lists: they gain the Total too
            line.values.append(sum(line.values))
    if draw(st.booleans()):
        totals = [sum(col) for col in zip(*top, strict=True)]
        rows.append(Line(draw(st.sampled_from(["Grand Total", "Total"])), totals, True))
    caption = draw(st.sampled_from(["Offence", "Offence type", "Role", "HO code"]))
    return Generated(question, caption, columns, periods, rows)


# --- printing -----------------------------------------------------------------------------


def number(value: int, commas: bool) -> str:
    return f"{value:,}" if commas else str(value)


def full_label(line: Line) -> str:
    return " ".join(line.wrap) if line.wrap else line.label


def render_space(table: Generated, commas: bool) -> tuple[str, list[list[str]]]:
    out = [table.question, "", " ".join([table.caption, *table.columns])]
    printed = []
    for line in table.rows:
        tokens = [number(v, commas) for v in line.values]
        printed.append(tokens)
        if line.wrap:
            out.extend([*line.wrap, " ".join(tokens)])
        else:
            out.append(" ".join([line.label, *tokens]))
    return "\n".join(out), printed


def render_pipe(table: Generated, borders: bool, rule: bool) -> tuple[str, list[list[str]]]:
    def cells(items: list[str]) -> str:
        text = " | ".join(items) + " |"
        return "| " + text if borders else text

    out = [table.question, "", cells([table.caption, *table.columns])]
    if rule:
        out.append(cells(["---"] * (len(table.columns) + 1)))
    printed = []
    for line in table.rows:
        tokens = [number(v, True) for v in line.values]
        printed.append(tokens)
        out.append(cells([full_label(line), *tokens]))
    return "\n".join(out), printed


def render_colon(table: Generated, separator: str) -> tuple[str, list[list[str]]]:
    """A one-column table as a 'label : number' list under its header."""
    out = [table.question, "", " ".join([table.caption, *table.columns])]
    printed = []
    for line in table.rows:
        token = number(line.values[0], True)
        printed.append([token])
        out.append(f"{full_label(line)}{separator}{token}")
    return "\n".join(out), printed


def render_cell_per_line(table: Generated) -> tuple[str, list[list[str]]]:
    out = [table.question, ""]
    out.extend(f"{cell} |" for cell in [table.caption, *table.columns])
    printed = []
    for line in table.rows:
        tokens = [number(v, True) for v in line.values]
        printed.append(tokens)
        out.extend(f"{cell} |" for cell in [full_label(line), *tokens])
    return "\n".join(out), printed


# --- checking -----------------------------------------------------------------------------


def parse(text: str) -> tuple[object, ParsedTables]:
    doc = document_from_text("Freedom of Information\n\n" + text + "\n")
    return doc, find_tables(doc)


def check(text: str, table: Generated, printed: list[list[str]], labels: list[str]) -> None:
    doc, parsed = parse(text)
    problems = [
        (i.severity, i.issue_code, i.line_number, i.message)
        for i in parsed.issues
        if i.severity == "error"
        or (i.severity == "warning" and i.issue_code not in EXPECTED_WARNINGS)
    ]
    assert not problems, (text, problems)
    assert len(parsed.tables) == 1, (text, [t.header_text for t in parsed.tables])
    got = parsed.tables[0]
    assert [c.label for c in got.columns] == table.columns, text
    spans = [
        (c.period.start, c.period.end, c.period.grain) if c.period else None for c in got.columns
    ]
    assert spans == table.periods, text
    assert [r.label for r in got.rows] == labels, text
    for row, line, tokens in zip(got.rows, table.rows, printed, strict=True):
        assert [c.value for c in row.cells] == line.values, (text, row.label)
        assert [c.printed_token for c in row.cells] == tokens, (text, row.label)
        assert {c.status for c in row.cells} == {"printed"}, (text, row.label)
        assert (row.kind == "total") == line.is_total, (text, row.label)
    assert not unaccounted_numbers(doc, parsed), text


@SETTINGS
@given(tables())
def test_every_style_round_trips(table):
    """One table, four printings (six for one column): each parses back to the same cells."""
    labels = [full_label(line) for line in table.rows]
    for text, printed in (
        render_space(table, commas=True),
        render_space(table, commas=False),
        render_pipe(table, borders=True, rule=True),
        render_pipe(table, borders=False, rule=False),
        *([render_colon(table, " : "), render_colon(table, ": ")] if table.width == 1 else []),
    ):
        check(text, table, printed, labels)


@settings(max_examples=150, deadline=None, database=None)
@given(tables())
def test_one_cell_per_line_tables_round_trip(table):
    table.rows = [r for r in table.rows if not r.is_total][:4]
    text, printed = render_cell_per_line(table)
    check(text, table, printed, [full_label(line) for line in table.rows])


@st.composite
def lists(draw) -> tuple[str, list[tuple[str, int, str]], list[Span | None]]:
    first = draw(st.integers(2005, 2020))
    count = draw(st.integers(2, 8))
    values = draw(st.lists(st.integers(0, 999_999), min_size=count, max_size=count))
    rows = []
    for k, value in enumerate(values):
        text = f"{value:,}"
        if value >= 1000 and draw(st.integers(0, 3)) == 0:
            text = text.replace(",", ", ", 1)  # a stray space after the thousands comma
        separator = draw(st.sampled_from([" : ", ": ", " :", ":"]))
        rows.append((f"{first + k}{separator}{text}", value, text))
    spans = [(date(first + k, 1, 1), date(first + k, 12, 31), "year") for k in range(count)]
    return (
        draw(st.sampled_from(["Offences recorded:", "Crimes", "Number of offences"])),
        rows,
        spans,
    )


@SETTINGS
@given(lists())
def test_label_colon_lists_round_trip(listed):
    caption, rows, spans = listed
    text = "\n".join(["1: Offences recorded each year.", "", caption, *(r[0] for r in rows)])
    doc, parsed = parse(text)
    assert [i for i in parsed.issues if i.severity != "info"] == [], text
    (table,) = parsed.tables
    assert [c.label for c in table.columns] == [caption.rstrip(":")]
    assert [r.label for r in table.rows] == [str(s[0].year) for s in spans]
    assert [(r.period.start, r.period.end, r.period.grain) for r in table.rows] == spans  # type: ignore[union-attr]
    assert [r.cells[0].value for r in table.rows] == [r[1] for r in rows]
    assert [r.cells[0].printed_token for r in table.rows] == [r[2] for r in rows]
    stray = [i.line_number for i in parsed.issues if i.issue_code == "number_with_stray_space"]
    first_row = doc.lines.index(rows[0][0]) + 1
    assert stray == [first_row + k for k, r in enumerate(rows) if ", " in r[2]]
    assert not unaccounted_numbers(doc, parsed)


# --- fuzzing ------------------------------------------------------------------------------

TABLE_WORDS = [
    "Offence",
    "Jan",
    "Feb",
    "Dec",
    "2019",
    "2020",
    "2019/20",
    "Q1",
    "Q2",
    "Total",
    "Grand",
    "|",
    "*",
    "-",
    "<5",
    "< 5",
    "n/a",
    "..",
    "1,234",
    "12",
    "0",
    "77,",
    "686",
    ":",
    "08/65",
    "Stalking",
    "of",
    "01.01.20",
    "to",
    "Under",
    "18-24",
    "1:",
    "Year",
    "Crimes",
    "(1)",
    "Charges*",
    "\t",
    "\u00a0",
]


@st.composite
def table_like_text(draw) -> str:
    lines = draw(
        st.lists(
            st.lists(st.sampled_from(TABLE_WORDS), max_size=9).map(" ".join),
            min_size=1,
            max_size=25,
        )
    )
    return "\n".join(["Freedom of Information", *lines])


def check_whole(text: str) -> None:
    doc = document_from_text(text)
    parsed = find_tables(doc)
    assert not [i for i in parsed.issues if i.issue_code == "table_parse_error"]
    assert not unaccounted_numbers(doc, parsed), text
    # Tables never overlap and each row's lines are inside its table.
    for table in parsed.tables:
        assert table.header_line <= table.last_line or not table.rows
        for row in table.rows:
            # A table flattened onto one line has its header on its rows' line.
            flat = table.header_line == row.first_line == table.last_line
            assert table.header_line < row.first_line or flat
            assert row.first_line <= row.values_line <= table.last_line
    foi = doc if doc.document_kind == "foi_response" else None
    frames, _ = parse_document(doc)
    lines = frames["document_lines"]
    assert lines.height == len(doc.lines)
    assert lines["line_kind"].null_count() == 0
    assert foi is None or frames["foi_table_cells"].height == sum(
        len(r.cells) for t in parsed.tables for r in t.rows
    )


@settings(max_examples=400, deadline=None, database=None)
@given(table_like_text())
def test_table_like_text_never_raises_and_loses_no_number(text):
    check_whole(text)


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text):
    check_whole("Freedom of Information\n" + text)
    check_whole(text)


# --- figures printed with decimals or as money -------------------------------------------

MONEY_LABELS = ["Overtime", "Equipment", "Vehicles", "Training", "Catering", "Premises"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=st.integers(2005, 2020),
    width=st.integers(1, 4),
    pence=st.lists(
        st.lists(st.integers(0, 10_000_000), min_size=4, max_size=4), min_size=2, max_size=6
    ),
    currency=st.sampled_from(["£", ""]),
)
def test_decimal_figures_round_trip_exactly_and_their_total_is_proved(
    first: int, width: int, pence: list[list[int]], currency: str
) -> None:
    """Sums of money ('£1,234.50') and decimals ('1234.50') are read as the exact figures
    printed, and a total row is proved by exact sums (no float rounding)."""

    def printed(p: int) -> str:
        return f"{currency}{Decimal(p) / 100:,.2f}"

    rows = [(MONEY_LABELS[k], values[:width]) for k, values in enumerate(pence)]
    totals = [sum(v[c] for _, v in rows) for c in range(width)]
    lines = ["Category " + " ".join(str(first + c) for c in range(width))]
    lines += [f"{label} " + " ".join(printed(p) for p in values) for label, values in rows]
    lines.append("Total " + " ".join(printed(p) for p in totals))
    parsed = find_tables(document_from_text("\n".join(lines) + "\n"))
    assert len(parsed.tables) == 1
    table = parsed.tables[0]
    assert table.hierarchy_status == "reconciled"
    expected = [*(values for _, values in rows), totals]
    assert [[c.value for c in r.cells] for r in table.rows] == [
        [Decimal(p) / 100 for p in values] for values in expected
    ]
    assert all(isinstance(c.value, Decimal) for r in table.rows for c in r.cells)
    assert table.rows[-1].kind == "total"
