"""Two documents that give figures for the same force and period: the overlap is visible
(marts.rpt_overlapping_figures, one row per pair of figures, agree or differ), and the
README's queries count each figure once (the facts' is_preferred).

The fixture is the shipped documents plus a second reply of the same force on the same
year and scope, worded as another reply would be (its own reference, request and answer
text, so it is no near-duplicate of the first), whose victims table is the shipped 2022 West
Midlands reply's (tests/fixtures/shipped/000_…) header and victims row with January given
one more victim, the row's total raised by one so the row still adds up. Neither reply
prints a response date, so the preference rule falls to the file name: the original's sorts
last and is the one counted."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from conftest import copy_documents, run_build
from test_readme import QUERIES

FOI_2022 = "000_dbe143eee267caba.txt"
COPY = "000_0_second_reply.txt"
NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
FIGURE_TABLES = (
    "fct_recorded_crimes",
    "fct_offence_counts",
    "fct_suspect_role_counts",
    "fct_outcome_counts",
    "fct_victim_counts",
    "mart_",
)


def _as_int(token: str) -> int:
    return int(token.replace(",", ""))


@pytest.fixture(scope="module")
def overlap(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, int]:
    """The overlap warehouse, the original's January victims and the copy's."""
    root = tmp_path_factory.mktemp("overlap")
    documents = copy_documents(root)
    original = (documents / FOI_2022).read_text(encoding="utf-8").split("\n")
    number = next(
        n
        for n, line in enumerate(original)
        if re.fullmatch(rf"VICTIM((?:\s+(?:{NUMBER})){{13}})\s*", line)
    )
    header = next(line for line in reversed(original[:number]) if line.strip())
    values = [_as_int(v) for v in original[number].split()[1:]]
    changed = [values[0] + 1, *values[1:-1], values[-1] + 1]
    assert sum(changed[:-1]) == changed[-1]  # the row still adds up
    reply = [
        "West Midlands Police",
        "Freedom of Information Request - Reference No: 9999A/23",
        "",
        "You asked:",
        "1. How many people reported stalking or harassment offences to the force in 2022",
        "where the crime carries the ‘online’ tag, month by month?",
        "",
        "Our answer: the table below gives the number of victims who reported each month.",
        "",
        header,
        "",
        "VICTIM " + " ".join(f"{v:,}" for v in changed),
        "",
        "If you are unhappy with this answer you may ask us for an internal review.",
    ]
    (documents / COPY).write_text("\n".join(reply) + "\n", encoding="utf-8")
    result = run_build(documents, root / "build")
    assert result.returncode == 0, result.output[-4000:]
    return result.database, values[0], changed[0]


def _query(database: Path, sql: str, *params: object) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def test_both_replies_load_and_the_original_is_the_one_counted(
    overlap: tuple[Path, int, int],
) -> None:
    database, _, _ = overlap
    loaded = dict(_query(database, "select file_name, load_status from marts.dim_documents"))
    assert loaded[FOI_2022] == loaded[COPY] == "loaded"
    for table in FIGURE_TABLES[:-1]:
        preferred = dict(
            _query(
                database,
                f"select file_name, bool_and(is_preferred) from marts.{table} "
                "where file_name in (?, ?) group by file_name",
                FOI_2022,
                COPY,
            )
        )
        # The second reply gives victims only: there both are in the facts and the original
        # is counted; elsewhere the original alone.
        expected = (
            {FOI_2022: True, COPY: False} if table == "fct_victim_counts" else {FOI_2022: True}
        )
        assert preferred == expected, table


def test_overlapping_figures_agree_but_one_that_differs(overlap: tuple[Path, int, int]) -> None:
    database, original, changed = overlap
    rows = _query(
        database,
        "select first_file_name, second_file_name, fact_table, period_start, first_figure, "
        "second_figure, difference, comparison, first_is_preferred "
        "from marts.rpt_overlapping_figures",
    )
    assert {(r[0], r[1]) for r in rows} == {(FOI_2022, COPY)}
    assert all(r[8] for r in rows)
    differ = [r for r in rows if r[7] == "differ"]
    assert len(differ) == 1
    _, _, fact_table, period_start, first, second, difference, _, _ = differ[0]
    assert (fact_table, str(period_start)) == ("fct_victim_counts", "2022-01-01")
    assert (first, second, difference) == (original, changed, changed - original)
    agree = [r for r in rows if r[7] == "agree"]
    assert all(r[4] == r[5] and r[6] == 0 for r in agree)
    # Every victims figure the original puts in the facts (per table, member and period) is
    # matched once by the second reply's.
    figures = _query(
        database,
        """
        select count(*) from (
            select distinct table_id, period_start, period_end, victim_category_key
            from marts.fct_victim_counts where file_name = $1
        )
        """,
        FOI_2022,
    )[0][0]
    assert len(rows) == figures


def test_the_readme_overlap_query_shows_the_figure_that_differs(
    overlap: tuple[Path, int, int],
) -> None:
    database, original, changed = overlap
    (query,) = [q for q in QUERIES if "rpt_overlapping_figures" in q]
    rows = _query(database, query)
    assert [(r[0], r[3], r[4], r[5], r[6], r[7]) for r in rows] == [
        ("fct_victim_counts", FOI_2022, original, COPY, changed, "differ")
    ]


FIGURE_QUERIES = [
    q for q in QUERIES if any(t in q for t in FIGURE_TABLES) and "rpt_overlapping_figures" not in q
]


def test_the_readme_has_figure_queries() -> None:
    assert len(FIGURE_QUERIES) >= 5


@pytest.mark.parametrize(
    "query", FIGURE_QUERIES, ids=[q.split("from")[0][:40] for q in FIGURE_QUERIES]
)
def test_readme_figure_queries_count_each_figure_once(
    overlap: tuple[Path, int, int], warehouse: Path, query: str
) -> None:
    """A second reply on the same force and periods changes no README figure: the queries
    count the preferred document's figures only, as on the shipped documents alone."""
    database, _, _ = overlap
    with_second = _query(database, query)
    shipped = _query(warehouse, query)
    assert with_second == shipped
