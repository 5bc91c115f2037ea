-- A printed label no label map knows never reaches the facts, and is never silent: each
-- has an unknown_label issue at its file and line, and no cell of its row, or of a row under
-- it, is in the facts.
with

unknown_labels as (
    select * from {{ ref('int_foi_row_labels__mapped') }}
    where member_key is null
),

issues as (
    select * from {{ ref('rpt_data_quality_issues') }}
    where issue_code = 'unknown_label'
),

cells as (
    select * from {{ ref('fct_table_cells') }}
    where fact_status = 'in_facts'
),

resolved as (
    select * from {{ ref('int_foi_table_cells__resolved') }}
)

select
    unknown_labels.file_name,
    unknown_labels.line_number,
    unknown_labels.printed_label,
    'no unknown_label issue names it' as problem
from unknown_labels
where
    not exists (
        select 1
        from issues
        where
            issues.file_name = unknown_labels.file_name
            and issues.line_number = unknown_labels.line_number
            and issues.table_id = unknown_labels.table_id
    )
union all
select
    unknown_labels.file_name,
    resolved.line_number,
    unknown_labels.printed_label,
    'a cell of its row or of a row under it is in the facts' as problem
from unknown_labels
inner join resolved
    on
        unknown_labels.table_id = resolved.table_id
        and unknown_labels.row_number in (resolved.row_number, resolved.parent_row_number)
inner join cells on resolved.cell_id = cells.cell_id
