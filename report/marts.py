"""Read what the report shows from the published warehouse (read-only), as plain typed records.

Every figure keeps its document, table and printed line numbers, so the page can say where each
number comes from. Nothing here knows any one document: forces, series and periods are whatever
the marts hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

NO_FORCE = "Force not identified"
NO_SCOPE = "as stated in the document"


@dataclass(frozen=True)
class Document:
    document_id: str
    file_name: str
    title: str
    document_kind: str
    publisher: str | None
    publication_date: dt.date | None
    web_url: str | None
    force_key: str | None
    force_name: str
    line_count: int | None
    load_status: str


@dataclass(frozen=True)
class Measure:
    """One chart family: a fact table, what names a series in it, and the value it counts."""

    key: str
    title: str
    unit: str
    table: str
    series_sql: str
    value_column: str
    joins: str = ""
    with_shares: bool = False


MEASURES: tuple[Measure, ...] = (
    Measure(
        "recorded_crimes",
        "Recorded crimes",
        "crimes",
        "fct_recorded_crimes",
        "'Recorded crimes'",
        "crime_count",
    ),
    Measure(
        "offence_groups",
        "Recorded crimes by offence group",
        "crimes",
        "fct_offence_counts",
        "coalesce(f.offence_group, f.offence)",
        "crime_count",
    ),
    Measure(
        "suspect_roles",
        "Suspects by role",
        "suspects",
        "fct_suspect_role_counts",
        "coalesce(r.suspect_role_name, f.suspect_role)",
        "suspect_count",
        "left join marts.dim_suspect_roles as r on r.suspect_role_key = f.suspect_role_key",
    ),
    Measure(
        "outcome_groups",
        "Outcomes by Home Office outcome group",
        "suspects",
        "fct_outcome_counts",
        "coalesce(o.outcome_group, f.outcome)",
        "suspect_count",
        "left join marts.dim_outcomes as o on o.outcome_type = f.outcome_type",
        with_shares=True,
    ),
    Measure(
        "victims",
        "Victims",
        "victims",
        "fct_victim_counts",
        "f.victim_category",
        "victim_count",
    ),
)


@dataclass(frozen=True)
class Figure:
    """One plotted value: a series in one period of one table of one document."""

    measure: str
    force_key: str | None
    document_id: str
    table_id: str
    table_number: int | None
    question_number: int | None
    scope: str
    period_start: dt.date | None
    period_end: dt.date | None
    period_grain: str | None
    series: str
    value: int
    share: float | None
    line_numbers: tuple[int, ...]
    is_repaired: bool


def connect(warehouse: Path) -> duckdb.DuckDBPyConnection:
    if not warehouse.exists():
        raise FileNotFoundError(
            f"{warehouse}: no warehouse here; run `make build` first or pass --warehouse"
        )
    return duckdb.connect(str(warehouse), read_only=True)


def records(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cursor = con.execute(sql)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def columns_of(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = con.execute(
        "select column_name from information_schema.columns "
        "where table_schema = 'marts' and table_name = ?",
        [table],
    ).fetchall()
    return {row[0] for row in rows}


def scope_sql(con: duckdb.DuckDBPyConnection, table: str, alias: str, names: Sequence[str]) -> str:
    """The table's scope column if it has one (the first of `names`), else the default scope."""
    present = columns_of(con, table)
    for name in names:
        if name in present:
            return f"coalesce({alias}.{name}, '{NO_SCOPE}')"
    return f"'{NO_SCOPE}'"


def documents(con: duckdb.DuckDBPyConnection) -> list[Document]:
    rows = records(
        con,
        f"""
        select
            d.document_id, d.file_name,
            coalesce(d.title, d.detected_title, d.file_name) as title,
            d.document_kind, d.publisher, d.publication_date, d.web_url, d.force_key,
            coalesce(f.force_name, d.force_key, '{NO_FORCE}') as force_name,
            d.line_count, d.load_status
        from marts.dim_documents as d
        left join marts.dim_forces as f on f.force_key = d.force_key
        order by d.file_name
        """,
    )
    return [Document(**row) for row in rows]


def force_names(con: duckdb.DuckDBPyConnection) -> dict[str | None, str]:
    names: dict[str | None, str] = {None: NO_FORCE}
    for key, name in con.execute("select force_key, force_name from marts.dim_forces").fetchall():
        names[key] = name
    return names


def figures(con: duckdb.DuckDBPyConnection, measure: Measure) -> list[Figure]:
    """The measure's detail figures summed per series and period, with the lines they come from."""
    scope = scope_sql(con, measure.table, "f", ("scope",))
    rows = records(
        con,
        f"""
        with detail as (
            select
                f.force_key, f.document_id, f.table_id, {scope} as scope,
                f.period_start, f.period_end, f.period_grain,
                {measure.series_sql} as series,
                f.{measure.value_column} as value, f.line_number, f.is_repaired
            from marts.{measure.table} as f
            {measure.joins}
        ),
        tables as (
            select distinct table_id, table_number, question_number from marts.fct_table_cells
        ),
        summed as (
            select
                force_key, document_id, table_id, scope, period_start, period_end, period_grain,
                series, sum(value)::bigint as value,
                list_sort(list_distinct(list(line_number))) as line_numbers,
                bool_or(is_repaired) as is_repaired
            from detail
            group by all
        )
        select
            summed.*, tables.table_number, tables.question_number,
            value / nullif(sum(value) over (
                partition by document_id, table_id, scope, period_start, period_end
            ), 0) as share
        from summed
        left join tables using (table_id)
        order by force_key, document_id, table_number, scope, period_start, period_end, series
        """,
    )
    return [
        Figure(
            measure=measure.key,
            force_key=row["force_key"],
            document_id=row["document_id"],
            table_id=row["table_id"],
            table_number=row["table_number"],
            question_number=row["question_number"],
            scope=row["scope"],
            period_start=row["period_start"],
            period_end=row["period_end"],
            period_grain=row["period_grain"],
            series=row["series"],
            value=int(row["value"]),
            share=float(row["share"]) if measure.with_shares and row["share"] is not None else None,
            line_numbers=tuple(row["line_numbers"]),
            is_repaired=bool(row["is_repaired"]),
        )
        for row in rows
    ]


def published_figures(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Figures printed in articles, each with its sentence, line, force, scope and period."""
    scope = scope_sql(con, "fct_published_figures", "p", ("scope", "offence_scope"))
    return records(
        con,
        f"""
        select
            p.document_id, p.file_name, p.line_number, p.force_key, p.metric, p.unit,
            {scope} as scope, p.period_start, p.period_end, p.period_text, p.printed_value,
            p.quote
        from marts.fct_published_figures as p
        order by p.force_key, p.period_start, p.file_name, p.line_number
        """,
    )
