"""Which documents cover which force, scope and period, from the facts and the press figures."""

from __future__ import annotations

from typing import Any

import duckdb

from report.marts import MEASURES, NO_FORCE, records, scope_sql


def coverage(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """One row per document, force, scope and source: the span of periods its figures cover
    (no span when its figures state no period)."""
    parts = [
        f"""
        select document_id, force_key, {scope_sql(con, m.table, "f", ("scope",))} as scope,
            period_start, period_end, 'FOI table' as source
        from marts.{m.table} as f
        """
        for m in MEASURES
    ]
    press_scope = scope_sql(con, "fct_published_figures", "f", ("scope", "offence_scope"))
    parts.append(
        f"""
        select document_id, force_key, {press_scope} as scope,
            period_start, period_end, 'press figure' as source
        from marts.fct_published_figures as f
        """
    )
    union = "\nunion all\n".join(parts)
    return records(
        con,
        f"""
        with spans as ({union})
        select
            d.file_name, spans.document_id, spans.force_key,
            coalesce(forces.force_name, spans.force_key, '{NO_FORCE}') as force_name,
            spans.scope, spans.source,
            min(spans.period_start) as period_start, max(spans.period_end) as period_end,
            count(*) as figure_count
        from spans
        join marts.dim_documents as d using (document_id)
        left join marts.dim_forces as forces on forces.force_key = spans.force_key
        group by all
        order by d.file_name, force_name, spans.scope, spans.source
        """,
    )
