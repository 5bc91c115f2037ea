"""The README's queries run against a warehouse built from a fixed copy of the shipped
documents (tests/fixtures/shipped), so the README cannot rot."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pytest
from conftest import SHIPPED

README = Path(__file__).resolve().parents[2] / "README.md"
FOI_2022 = SHIPPED / "000_dbe143eee267caba.txt"


def readme_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


QUERIES = readme_blocks("sql")


def test_the_readme_has_analyst_queries() -> None:
    assert len(QUERIES) >= 5


# The shipped documents overlap nowhere, so the overlap report's query returns rows only on
# two overlapping replies: test_overlap.py runs it there.
SHIPPED_QUERIES = [q for q in QUERIES if "rpt_overlapping_figures" not in q]


@pytest.mark.parametrize(
    "query", SHIPPED_QUERIES, ids=[q.split("from")[0][:40] for q in SHIPPED_QUERIES]
)
def test_readme_query_returns_rows(warehouse: Path, query: str) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(query).fetchall()
    assert rows, f"README query returned nothing:\n{query}"


def test_monthly_crimes_query_adds_up_to_the_printed_grand_total(warehouse: Path) -> None:
    query = next(q for q in QUERIES if "fct_recorded_crimes" in q and "victim" not in q)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(query).fetchall()
    printed = next(
        line
        for line in FOI_2022.read_text(encoding="utf-8").splitlines()
        if re.fullmatch(r"Grand Total [\d,]+", line.strip())
    )
    assert sum(row[1] for row in rows) == int(printed.split()[-1].replace(",", ""))


PYTHON_EXAMPLES = readme_blocks("python")


@pytest.mark.parametrize("example", PYTHON_EXAMPLES, ids=range(len(PYTHON_EXAMPLES)))
def test_readme_python_example_runs(
    warehouse: Path, example: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(warehouse.parent)
    if warehouse.name != "warehouse.duckdb":
        example = example.replace("warehouse.duckdb", warehouse.name)
    scope: dict[str, object] = {}
    exec(compile(example, "README.md", "exec"), scope)
    frames = [v for v in scope.values() if isinstance(v, pl.DataFrame | pd.DataFrame)]
    assert frames and all(len(frame) > 0 for frame in frames)


def test_results_convert_to_polars_and_pandas_as_duckdb_users_expect(warehouse: Path) -> None:
    query = "select period_start, crime_count from marts.fct_recorded_crimes order by 1"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(query).fetchall()
        polars_frame = con.execute(query).pl()
        pandas_frame = con.execute(query).df()
        arrow_table = con.execute(query).arrow().read_all()
    assert polars_frame.rows() == rows
    assert list(pandas_frame.itertuples(index=False, name=None)) == [
        (pd.Timestamp(start), count) for start, count in rows
    ]
    assert arrow_table.num_rows == len(rows)
    assert "pl()" in README.read_text(encoding="utf-8")
    assert "df()" in README.read_text(encoding="utf-8")


def inside_table() -> list[list[str]]:
    """The rows of the README's table of the shipped documents ("What is inside")."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## What is inside", 1)[1].split("\n## ", 1)[0]
    return [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| `")
    ]


def test_what_is_inside_lists_every_shipped_document_with_its_kind(warehouse: Path) -> None:
    rows = inside_table()
    assert sorted(row[0].strip("`") for row in rows) == sorted(p.name for p in SHIPPED.iterdir())
    with duckdb.connect(str(warehouse), read_only=True) as con:
        kinds = dict(
            con.execute("select file_name, document_kind from marts.dim_documents").fetchall()
        )
        quoted = dict(
            con.execute(
                "select file_name, count(*) from marts.fct_published_figures group by file_name"
            ).fetchall()
        )
    words = {"foi_response": "FOI reply", "news_article": "news article"}
    for name, what, *_, takes in rows:
        name = name.strip("`")
        assert what.startswith(words[kinds[name]]), name
        if name in quoted:
            assert takes.startswith(f"{quoted[name]} figures quoted"), name


def test_what_is_inside_states_the_printed_grand_total(warehouse: Path) -> None:
    printed = next(
        line.strip().split()[-1]
        for line in FOI_2022.read_text(encoding="utf-8").splitlines()
        if re.fullmatch(r"Grand Total [\d,]+", line.strip())
    )
    (row,) = [row for row in inside_table() if row[0] == f"`{FOI_2022.name}`"]
    assert row[-1].startswith(f"{printed} recorded crimes")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        (total,) = con.execute(
            "select sum(crime_count) from marts.fct_recorded_crimes "
            "where file_name = ? and period_grain = 'month'",
            [FOI_2022.name],
        ).fetchone()  # type: ignore[misc]
    assert f"{total:,}" == printed
