-- The figures the fact tables are made of: detail rows (not groups, not totals) in period
-- columns, each with its document's force. Groups and totals are sums of these, so they
-- are never stored twice; rpt_reconciliation proves the sums.
with

cells as (
    select * from {{ ref('int_foi_table_cells__resolved') }}
),

documents as (
    select * from {{ ref('int_documents__catalogued') }}
)

select
    cells.*,
    documents.file_name,
    documents.force_key
from cells
inner join documents on cells.document_id = documents.document_id
where
    cells.row_kind = 'detail'
    and not cells.is_total
    and cells.cell_value is not null
