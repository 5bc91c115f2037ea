-- Suspects per document, force, period and suspect role.
select
    document_id,
    file_name,
    force_key,
    table_id,
    period_start,
    period_end,
    period_grain,
    member_key as suspect_role_key,
    row_label as suspect_role,
    cell_value as suspect_count,
    is_repaired,
    line_number,
    is_preferred,
    scope,
    scope_evidence,
    scope_line_number
from {{ ref('int_foi_detail_cells') }}
where table_subject = 'suspect_roles'
