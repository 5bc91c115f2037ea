-- Suspects per document, force, period, suspect role and crime outcome. The role is the
-- outcome row's group row (null where a force prints outcomes without roles); the outcome
-- is mapped to its Home Office outcome type ('none' for '-', no outcome assigned yet).
select
    document_id,
    file_name,
    force_key,
    table_id,
    period_start,
    period_end,
    period_grain,
    parent_member_key as suspect_role_key,
    parent_row_label as suspect_role,
    member_key as outcome_type,
    row_label as outcome,
    cell_value as suspect_count,
    is_repaired,
    line_number,
    is_preferred,
    scope,
    scope_evidence,
    scope_line_number
from {{ ref('int_foi_detail_cells') }}
where table_subject = 'outcomes'
