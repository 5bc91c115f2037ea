-- One row per document, force, scope, subject and period that the document's figures in the
-- facts cover, with whether it is the document to count (is_preferred): where several
-- documents give figures for the same force, scope, subject and period, only the first by
-- int_documents__preference (the latest dated, then the last file name) is preferred, so a
-- query that filters on is_preferred counts every figure once. A figure with no force or no
-- period cannot be matched to another document's, so it is always preferred.
with

cells as (
    select * from {{ ref('int_foi_table_cells__resolved') }}
),

fact_status as (
    select
        cell_id,
        fact_status
    from {{ ref('int_foi_table_cells__fact_status') }}
),

documents as (
    select
        document_id,
        force_key
    from {{ ref('int_documents__catalogued') }}
),

preference as (
    select * from {{ ref('int_documents__preference') }}
),

-- The scope of each table's figures (what they cover: all recorded crime, an online flag, a
-- keyword search, ...): figures of different scopes never compete.
figure_scopes as (
    select
        table_id,
        scope
    from {{ ref('int_foi_tables__scoped') }}
),

document_periods as (
    select
        cells.document_id,
        documents.force_key,
        figure_scopes.scope,
        cells.table_subject,
        cells.period_start,
        cells.period_end,
        preference.preference_order
    from cells
    inner join fact_status on cells.cell_id = fact_status.cell_id
    inner join documents on cells.document_id = documents.document_id
    inner join figure_scopes on cells.table_id = figure_scopes.table_id
    inner join preference on cells.document_id = preference.document_id
    where fact_status.fact_status = 'in_facts'
    group by all
)

select
    document_id,
    force_key,
    scope,
    table_subject,
    period_start,
    period_end,
    preference_order,
    case
        when force_key is null or period_start is null then 1
        else cast(count(*) over (
            partition by force_key, scope, table_subject, period_start, period_end
        ) as integer)
    end as document_count,
    force_key is null
    or period_start is null
    or preference_order = min(preference_order) over (
        partition by force_key, scope, table_subject, period_start, period_end
    ) as is_preferred
from document_periods
