"""The README's queries run against a warehouse built from a fixed copy of the shipped
documents (tests/fixtures/shipped), so the README cannot rot."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
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


def test_readme_python_example_runs(warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (example,) = readme_blocks("python")
    monkeypatch.chdir(warehouse.parent)
    if warehouse.name != "warehouse.duckdb":
        example = example.replace("warehouse.duckdb", warehouse.name)
    scope: dict[str, object] = {}
    exec(compile(example, "README.md", "exec"), scope)
    assert scope["frame"].height > 0  # type: ignore[attr-defined]
