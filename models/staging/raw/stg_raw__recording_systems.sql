select
    document_id,
    cast(line_number as integer) as line_number,
    system_name,
    statement_kind,
    date_field,
    range_start_printed,
    range_end_printed,
    range_start,
    range_end,
    range_start_interpreted,
    range_end_interpreted,
    is_interpretation,
    statement_text
from {{ source('raw', 'recording_systems') }}
