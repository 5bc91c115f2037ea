"""A near-duplicate article (the same story, shortened and lightly edited, in another outlet)
is quarantined at ingest; its number mentions stay in the mention marts for diagnosis, marked
with the document's load_status, and the README's query of the counts stated in prose counts
every mention once.

The copy is cut from a real article as tests/ingest/test_near_duplicates.py cuts it (every
third paragraph dropped, a few words edited, another masthead)."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from conftest import run_build
from test_readme import QUERIES

from tests.ingest.test_near_duplicates import ARTICLE, CORPUS, outlet_copy

COPY = "another_outlet.txt"
MENTION_TABLES = ("fct_number_mentions", "fct_article_number_mentions")


@pytest.fixture(scope="module")
def article_and_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("near_duplicate_mentions")
    documents = root / "documents"
    documents.mkdir()
    shutil.copy(CORPUS / ARTICLE, documents / ARTICLE)
    text = (CORPUS / ARTICLE).read_text(encoding="utf-8")
    (documents / COPY).write_text(outlet_copy(text), encoding="utf-8")
    # Built as make build builds: the quarantine is reported, not a failure.
    result = run_build(documents, root / "build", allow_quarantine=True)
    assert result.returncode == 0, result.output[-4000:]
    return result.database


def _query(database: Path, sql: str, *params: object) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def _counts(database: Path, table: str, file_name: str) -> Counter:
    return Counter(
        _query(
            database,
            f"select printed_text, mention_value from marts.{table} "
            "where file_name = ? and number_kind = 'count'",
            file_name,
        )
    )


@pytest.mark.parametrize("table", MENTION_TABLES)
def test_the_copys_mentions_are_kept_but_say_they_are_held_back(
    article_and_copy: Path, table: str
) -> None:
    statuses = dict(
        _query(
            article_and_copy,
            f"select file_name, string_agg(distinct load_status) from marts.{table} group by 1",
        )
    )
    assert statuses == {ARTICLE: "loaded", COPY: "quarantined"}
    # The copy repeats counts of the original: summed together they would count twice.
    copied = _counts(article_and_copy, table, COPY)
    assert copied and not copied - _counts(article_and_copy, table, ARTICLE)


def test_the_readme_query_of_counts_in_prose_counts_each_once(article_and_copy: Path) -> None:
    query = next(q for q in QUERIES if "marts.fct_number_mentions" in q)
    rows = _query(article_and_copy, query)
    assert {row[0] for row in rows} == {ARTICLE}
    original = _query(
        article_and_copy,
        "select count(*) from marts.fct_number_mentions "
        "where file_name = ? and number_kind = 'count'",
        ARTICLE,
    )[0][0]
    assert len(rows) == original > 0
