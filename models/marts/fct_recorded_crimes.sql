-- Recorded crimes per document, force and period (tables whose subject is recorded crimes).
select
    document_id,
    file_name,
    force_key,
    table_id,
    period_start,
    period_end,
    period_grain,
    cell_value as crime_count,
    is_repaired,
    line_number,
    is_preferred,
    scope,
    scope_evidence,
    scope_line_number
from {{ ref('int_foi_detail_cells') }}
where table_subject = 'recorded_crimes'
