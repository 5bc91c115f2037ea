-- Victims per document, force, period and victim category (the row label, e.g. 'VICTIM').
select
    document_id,
    file_name,
    force_key,
    table_id,
    period_start,
    period_end,
    period_grain,
    row_label_normalised as victim_category_key,
    row_label as victim_category,
    cell_value as victim_count,
    is_repaired,
    line_number,
    is_preferred,
    scope,
    scope_evidence,
    scope_line_number
from {{ ref('int_foi_detail_cells') }}
where table_subject = 'victims'
