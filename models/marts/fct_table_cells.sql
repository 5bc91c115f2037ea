-- Every cell of every FOI table, classified or not, with its provenance and whether it
-- reaches the facts (fact_status) and why not (fact_status_reason).
with

cells as (
    select * from {{ ref('int_foi_table_cells__resolved') }}
),

documents as (
    select * from {{ ref('int_documents__catalogued') }}
),

fact_status as (
    select * from {{ ref('int_foi_table_cells__fact_status') }}
)

select
    cells.cell_id,
    cells.document_id,
    documents.file_name,
    documents.force_key,
    cells.table_id,
    cells.table_number,
    cells.question_number,
    cells.table_subject,
    cells.row_number,
    cells.row_path,
    cells.row_label,
    cells.row_kind,
    cells.column_number,
    cells.column_label,
    cells.column_group,
    cells.parent_column_number,
    cells.column_depth,
    cells.period_start,
    cells.period_end,
    cells.period_grain,
    -- a whole count, or the exact decimal of money or a figure printed with decimals
    coalesce(cast(cells.cell_value as decimal(38, 10)), cells.cell_decimal) as value,  -- noqa: RF04
    cells.printed_token,
    cells.cell_status,
    cells.is_total,
    cells.is_repaired,
    cells.repair_note,
    cells.line_number,
    cells.source_locator,
    fact_status.fact_status,
    fact_status.fact_status_reason
from cells
inner join documents on cells.document_id = documents.document_id
inner join fact_status on cells.cell_id = fact_status.cell_id
