-- The figures the fact tables are made of: the cells int_foi_table_cells__fact_status lets
-- into the facts (detail rows, not groups or totals, of trusted tables of a fact subject,
-- with a value and known labels), each with its document's force and the members its own
-- label and its group row's label map to. Groups and totals are sums of these, so they are
-- never stored twice; rpt_reconciliation proves the sums. is_preferred says whether the
-- document is the one to count for its force, scope, subject and period
-- (int_foi_figures__preferred). Each figure carries its table's scope (what the figures
-- cover: int_foi_tables__scoped).
with

cells as (
    select * from {{ ref('int_foi_table_cells__resolved') }}
),

documents as (
    select * from {{ ref('int_documents__catalogued') }}
),

members as (
    select * from {{ ref('int_foi_row_labels__mapped') }}
),

fact_status as (
    select * from {{ ref('int_foi_table_cells__fact_status') }}
),

preferred as (
    select * from {{ ref('int_foi_figures__preferred') }}
),

scopes as (
    select * from {{ ref('int_foi_tables__scoped') }}
)

-- Only the columns the facts and their tests read: the table is written once per build and
-- its cells are the widest of the warehouse (fct_table_cells has every cell's every column).
select
    cells.cell_id,
    cells.document_id,
    documents.file_name,
    documents.force_key,
    cells.table_id,
    cells.table_subject,
    cells.row_label,
    cells.row_label_normalised,
    cells.parent_row_label,
    row_members.member_key,
    parent_members.member_key as parent_member_key,
    cells.period_start,
    cells.period_end,
    cells.period_grain,
    cells.cell_value,
    cells.is_repaired,
    cells.line_number,
    preferred.is_preferred,
    scopes.scope,
    scopes.scope_evidence,
    scopes.scope_line_number
from cells
inner join fact_status on cells.cell_id = fact_status.cell_id
inner join documents on cells.document_id = documents.document_id
inner join scopes on cells.table_id = scopes.table_id
left join members as row_members
    on cells.table_id = row_members.table_id and cells.row_number = row_members.row_number
left join members as parent_members
    on cells.table_id = parent_members.table_id and cells.parent_row_number = parent_members.row_number
left join preferred
    on
        cells.document_id = preferred.document_id
        and scopes.scope = preferred.scope
        and cells.table_subject = preferred.table_subject
        and cells.period_start is not distinct from preferred.period_start
        and cells.period_end is not distinct from preferred.period_end
where
    fact_status.fact_status = 'in_facts'
    -- an official statistics table's figures are facts by area and offence, not by the
    -- document's force (fct_offence_counts reads them from int_official_area_cells)
    and documents.document_kind is distinct from 'official_statistics'
