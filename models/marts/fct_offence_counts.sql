-- Crimes per document, force, period and printed offence, with the Home Office offence
-- member the offence maps to and the offence group (the group row above it).
select
    document_id,
    file_name,
    force_key,
    table_id,
    period_start,
    period_end,
    period_grain,
    parent_member_key as offence_group_key,
    coalesce(parent_row_label, row_label) as offence_group,
    member_key as offence_key,
    row_label as offence,
    row_label_normalised as offence_label_normalised,
    cell_value as crime_count,
    is_repaired,
    line_number,
    scope,
    scope_evidence,
    scope_line_number
from {{ ref('int_foi_detail_cells') }}
where table_subject = 'offences'
