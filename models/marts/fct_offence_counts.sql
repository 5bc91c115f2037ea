-- Crimes per document, force, period and offence; the offence group is the row's group row.
select
    document_id,
    file_name,
    force_key,
    table_id,
    period_start,
    period_end,
    period_grain,
    coalesce(parent_row_label_normalised, row_label_normalised) as offence_group_key,
    coalesce(parent_row_label, row_label) as offence_group,
    row_label_normalised as offence_key,
    row_label as offence,
    cell_value as crime_count,
    is_repaired,
    line_number
from {{ ref('int_foi_detail_cells') }}
where table_subject = 'offences'
